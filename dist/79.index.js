export const id = 79;
export const ids = [79];
export const modules = {

/***/ 62079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gateComment: () => (/* binding */ gateComment)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64717);
/* harmony import */ var _github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(28387);
/* harmony import */ var _github_octokit_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6702);
/**
 * The `issue_comment` gate: `/preview` previews the PR's current head, `/preview stop` removes its preview.
 * The commenter's permission is read from the API at that moment; anyone without write, maintain or admin
 * gets a reply and nothing runs. Every command is acknowledged (a reaction, or a reply when refused).
 */





/** Ends a comment run that does nothing more: result skipped. */
function done(why, notice = true) {
    if (notice)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(why);
    else
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(why);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('result', 'skipped');
    return { kind: 'done' };
}
async function gateComment(common, requested, ctx, event) {
    const comment = event.comment;
    // Only new comments count: an edit could turn an old comment into a command after review.
    if (comment === undefined || event.action !== 'created') {
        return done('This issue_comment event is not a new comment on a pull request: nothing to do.', false);
    }
    const command = (0,_github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCommentCommand */ .SH)(comment.body);
    if (command === null)
        return done('The comment is not a /preview command: nothing to do.', false);
    if (requested === 'preview' && command === 'stop') {
        return done('`/preview stop` needs command: auto (command: preview never removes a preview).');
    }
    if (common.github.token === '') {
        return done('A /preview comment needs github_token to read the commenter’s permission: nothing was deployed.');
    }
    const client = (0,_github_octokit_js__WEBPACK_IMPORTED_MODULE_4__/* .createGitHubClient */ .LX)(common.github.token, ctx.apiUrl, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e);
    const repo = ctx.repo;
    const permission = await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .readPermission */ .cE)(client, repo, comment.author);
    if (!(0,_github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .mayCommand */ .fi)(permission)) {
        await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .reply */ .Tm)(client, repo, comment.prNumber, (0,_github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .refusalReply */ .fj)(comment.author, command, permission));
        return done(`PR #${comment.prNumber}: ${comment.author} (permission ${permission.roleName ?? permission.permission}) may not use /preview; replied, nothing deployed.`);
    }
    const pull = await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .readPull */ .Es)(client, repo, comment.prNumber);
    if (command === 'preview' && pull.state === 'open' && pull.fork) {
        // A fork's head is approved here and previewed from its archive by the workflow_run job (issue 28).
        const { approveForkHead } = await __webpack_require__.e(/* import() */ 623).then(__webpack_require__.bind(__webpack_require__, 84004));
        const how = '/preview';
        const text = await approveForkHead(client, repo, {
            prNumber: comment.prNumber,
            sha: pull.sha,
            login: comment.author,
            how,
            runUrl: ctx.runUrl,
        });
        await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .react */ .wv)(client, repo, comment.id, _github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .ACCEPTED_REACTION */ .eB);
        await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .reply */ .Tm)(client, repo, comment.prNumber, text);
        return done(`PR #${comment.prNumber}: fork commit ${pull.sha.slice(0, 7)} approved by /preview.`);
    }
    if (command === 'preview' && (pull.state !== 'open' || pull.fork)) {
        await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .reply */ .Tm)(client, repo, comment.prNumber, (0,_github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .unavailableReply */ .DI)(comment.author, pull.fork ? 'fork' : 'closed'));
        return done(`PR #${comment.prNumber}: not previewed from a comment (${pull.fork ? 'fork' : 'closed'}).`);
    }
    await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .react */ .wv)(client, repo, comment.id, _github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .ACCEPTED_REACTION */ .eB);
    const label = common.optIn.label;
    if (label !== undefined) {
        // Later pushes follow the command: labeled PRs are previewed on every push, unlabeled ones are not.
        try {
            await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .setPreviewLabel */ .TN)(client, repo, comment.prNumber, label, command === 'preview');
        }
        catch (err) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not ${command === 'preview' ? 'add' : 'remove'} the label "${label}": ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`);
        }
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`PR #${comment.prNumber}: ${comment.author} (${permission.roleName ?? permission.permission}) commented ${command === 'stop' ? '/preview stop' : `/preview: previewing head ${pull.sha}`}`);
    const prCtx = {
        ...ctx,
        prNumber: comment.prNumber,
        headSha: pull.sha,
        headRef: pull.ref,
        prTitle: pull.title,
        isFork: pull.fork,
        ...(command === 'stop' ? { removedWhy: (0,_github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .stoppedSentence */ .lX)(comment.author) } : {}),
    };
    return { kind: 'run', command: command === 'stop' ? 'cleanup' : 'preview', ctx: prCtx };
}


/***/ }),

/***/ 64717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* binding */ unavailableReply),
/* harmony export */   SH: () => (/* binding */ parseCommentCommand),
/* harmony export */   eB: () => (/* binding */ ACCEPTED_REACTION),
/* harmony export */   fi: () => (/* binding */ mayCommand),
/* harmony export */   fj: () => (/* binding */ refusalReply),
/* harmony export */   lX: () => (/* binding */ stoppedSentence)
/* harmony export */ });
/**
 * `/preview` and `/preview stop` in a PR comment: what a comment asks, who may ask it, and the words of the
 * answers. Pure. A comment's text is untrusted: only an exact command line is recognised, and nothing of the
 * comment is echoed back except the author's login, as GitHub gave it.
 */
/**
 * The command a comment carries: its first non-empty line, trimmed, must be exactly `/preview` or
 * `/preview stop` (case-insensitive). Anything else, `/previewing` or `/preview please` included, is no command.
 */
function parseCommentCommand(body) {
    const first = body.split(/\r?\n/).find((line) => line.trim() !== '');
    if (first === undefined)
        return null;
    const words = first.trim().toLowerCase().split(/\s+/);
    if (words[0] !== '/preview')
        return null;
    if (words.length === 1)
        return 'preview';
    if (words.length === 2 && words[1] === 'stop')
        return 'stop';
    return null;
}
const ALLOWED = new Set(['admin', 'maintain', 'write']);
/**
 * Whether this user may run comment commands: write, maintain or admin on the repository. A custom role
 * counts by the base permission GitHub reports for it.
 */
function mayCommand(p) {
    return ALLOWED.has(p.permission) || (p.roleName !== undefined && ALLOWED.has(p.roleName));
}
/** The reaction that acknowledges an accepted command. */
const ACCEPTED_REACTION = 'rocket';
/** A login as GitHub spells them (letters, digits, hyphens, `[bot]`): anything else is not echoed. */
function safeLogin(login) {
    return /^[A-Za-z0-9-]{1,39}(\[bot\])?$/.test(login) ? `@${login}` : 'this user';
}
function said(command) {
    return command === 'stop' ? '`/preview stop`' : '`/preview`';
}
/** The reply to a user without write access: who may, and that nothing was deployed. */
function refusalReply(login, command, p) {
    const has = p.roleName ?? p.permission;
    return (`${safeLogin(login)}: only people with write, maintain or admin permission on this repository may use ` +
        `${said(command)} (your permission: ${/^[a-z_-]{1,40}$/.test(has) ? has : 'unknown'}). Nothing was deployed or removed; ` +
        'a maintainer can comment `/preview` or add the preview label.');
}
/** The reply when the PR cannot be previewed from a comment (closed, or its head is in a fork). */
function unavailableReply(login, why) {
    return why === 'closed'
        ? `${safeLogin(login)}: this pull request is closed, so it gets no preview. Nothing was deployed.`
        : `${safeLogin(login)}: this pull request comes from a fork, and a comment never builds a fork's code with ` +
            "this repository's credentials. Nothing was deployed; see the README's fork workflow.";
}
/** What the sticky comment says after `/preview stop`. */
function stoppedSentence(login) {
    return `${safeLogin(login)} stopped this preview with \`/preview stop\`: its tag and URL were removed. Comment \`/preview\` to bring it back.`;
}


/***/ }),

/***/ 28387:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Es: () => (/* binding */ readPull),
/* harmony export */   TN: () => (/* binding */ setPreviewLabel),
/* harmony export */   Tm: () => (/* binding */ reply),
/* harmony export */   cE: () => (/* binding */ readPermission),
/* harmony export */   wv: () => (/* binding */ react)
/* harmony export */ });
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6702);
/**
 * The GitHub calls of a comment command: the commenter's permission at that moment, the PR's current head,
 * the acknowledgement (a reaction or a reply) and the preview label that keeps later pushes previewed.
 */

/** The commenter's permission, read now (never from the event's author_association); a 404 is none. */
async function readPermission(client, r, username) {
    try {
        const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ ...r, username });
        const roleName = data.role_name;
        return {
            permission: data.permission,
            ...(typeof roleName === 'string' ? { roleName } : {}),
        };
    }
    catch (err) {
        if ((0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .httpStatus */ .nG)(err) === 404)
            return { permission: 'none' };
        throw err;
    }
}
/** The PR as it is now: its head commit is what a comment command previews. */
async function readPull(client, r, pull_number) {
    const { data } = await client.rest.pulls.get({ ...r, pull_number });
    const headRepo = data.head.repo?.full_name;
    return {
        state: data.state,
        sha: data.head.sha,
        ref: data.head.ref,
        title: data.title,
        fork: headRepo === undefined || headRepo !== `${r.owner}/${r.repo}`,
    };
}
async function react(client, r, comment_id, content) {
    await client.rest.reactions.createForIssueComment({ ...r, comment_id, content });
}
async function reply(client, r, issue_number, body) {
    await client.rest.issues.createComment({ ...r, issue_number, body });
}
/** Adds or removes the preview label, so later pushes follow what the command asked. */
async function setPreviewLabel(client, r, issue_number, name, present) {
    if (present) {
        await client.rest.issues.addLabels({ ...r, issue_number, labels: [name] });
        return;
    }
    try {
        await client.rest.issues.removeLabel({ ...r, issue_number, name });
    }
    catch (err) {
        if ((0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .httpStatus */ .nG)(err) !== 404)
            throw err; // not there: nothing to remove
    }
}


/***/ }),

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LX: () => (/* binding */ createGitHubClient),
/* harmony export */   nG: () => (/* binding */ httpStatus)
/* harmony export */ });
/* unused harmony export githubClientOptions */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86856);
/* harmony import */ var _report_redaction_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27079);




/**
 * The Octokit options of createGitHubClient: GITHUB_API_URL (so GitHub Enterprise works), retries of
 * transient failures, and throttling that warns on rate limits and retries them a bounded number of times.
 */
function githubClientOptions(apiUrl, warn, timing = {}) {
    return {
        baseUrl: apiUrl,
        throttle: {
            ...timing,
            onRateLimit: (retryAfter, options, _o, retryCount) => {
                warn(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
                return retryCount < 2;
            },
            onSecondaryRateLimit: (retryAfter, options, _o, retryCount) => {
                warn(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
                return retryCount < 3;
            },
        },
        retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
    };
}
/**
 * An Octokit for GITHUB_API_URL with retries of transient failures and the throttling plugin: its write group
 * spaces content-creating requests, which keeps a run under GitHub's secondary limit of 80 a minute, and a
 * secondary-limit answer is retried after the time GitHub asks for. `timing` is for tests only.
 */
function createGitHubClient(token, apiUrl, warn, timing) {
    const client = _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q(token, githubClientOptions(apiUrl, warn, timing), _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
    // Last line of defence: no registered secret reaches GitHub in any request's fields, whoever wrote them.
    client.hook.before('request', (options) => {
        for (const key of Object.keys(options)) {
            if (key === 'headers' || key === 'request' || key === 'baseUrl')
                continue;
            options[key] = (0,_report_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .redactDeep */ .KL)(options[key]);
        }
    });
    return client;
}
/** The HTTP status an Octokit error carries, if any. */
function httpStatus(err) {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
}


/***/ })

};
