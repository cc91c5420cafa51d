export const id = 4;
export const ids = [4,623];
export const modules = {

/***/ 84004:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   approveForkHead: () => (/* binding */ approveForkHead),
/* harmony export */   approveForkLabel: () => (/* binding */ approveForkLabel)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64717);
/* harmony import */ var _github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(28387);
/* harmony import */ var _github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15077);
/* harmony import */ var _github_octokit_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6702);
/**
 * A maintainer approves a fork PR's head for a preview: `/preview` (comment-gate.ts) or the preview label
 * on a `pull_request_target` labeled event (opt-in.ts). The approver's permission is read from the API, the
 * head from the API at this moment, and the approval is recorded on that commit (approval-rule.ts); the
 * build waiting for it is re-run, so the workflow_run job previews it. Nothing of the fork is built or
 * run here.
 */






function done(why) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(why);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('result', 'skipped');
    return { kind: 'done' };
}
/** Records the approval of `sha` by `login` and re-runs the build that waits for it; returns the reply. */
async function approveForkHead(client, repo, o) {
    const runId = await (0,_github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__/* .waitingBuild */ .kv)(client, repo, o.sha);
    await (0,_github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__/* .recordApproval */ .Li)(client, repo, o.sha, o.login, o.how, o.runUrl);
    const short = o.sha.slice(0, 7);
    let next = 'It is previewed when its build finishes.';
    if (runId !== undefined) {
        try {
            await (0,_github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__/* .rerunBuild */ .LM)(client, repo, runId);
            next = `Its build (run ${runId}) is re-run, and the preview follows when it finishes.`;
        }
        catch (err) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not re-run build run ${runId} (the job needs \`actions: write\`): ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`);
            next = `Re-run its build (run ${runId}) to preview it.`;
        }
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`PR #${o.prNumber}: @${o.login} approved fork commit ${o.sha} (${o.how}).`);
    return `@${o.login} approved commit ${short} of this fork PR for a preview. ${next} A later push needs a new approval.`;
}
/** The preview label added to a fork PR (pull_request_target): an approval of its current head. */
async function approveForkLabel(common, ctx) {
    const prNumber = ctx.prNumber;
    const login = ctx.actor;
    if (prNumber === undefined || login === undefined || common.github.token === '') {
        return done('A fork PR was labeled, but approving it needs the PR, the actor and github_token.');
    }
    const client = (0,_github_octokit_js__WEBPACK_IMPORTED_MODULE_4__/* .createGitHubClient */ .LX)(common.github.token, ctx.apiUrl, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e);
    const permission = await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .readPermission */ .cE)(client, ctx.repo, login);
    if (!(0,_github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .mayCommand */ .fi)(permission)) {
        return done(`PR #${prNumber}: ${login} may not approve a fork's preview (permission ${permission.permission}).`);
    }
    const pull = await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .readPull */ .Es)(client, ctx.repo, prNumber);
    if (pull.state !== 'open' || !pull.fork) {
        return done(`PR #${prNumber} is ${pull.state}${pull.fork ? '' : ' and not from a fork'}: no fork approval recorded.`);
    }
    const text = await approveForkHead(client, ctx.repo, {
        prNumber,
        sha: pull.sha,
        login,
        how: 'label',
        runUrl: ctx.runUrl,
    });
    await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .reply */ .Tm)(client, ctx.repo, prNumber, text);
    return done(`PR #${prNumber}: fork commit ${pull.sha.slice(0, 7)} approved by label.`);
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

/***/ 15077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yp: () => (/* binding */ readApproval),
  Li: () => (/* binding */ recordApproval),
  PQ: () => (/* binding */ recordPending),
  LM: () => (/* binding */ rerunBuild),
  kv: () => (/* binding */ waitingBuild)
});

;// CONCATENATED MODULE: ./src/github/approval-rule.ts
/**
 * Approval of a fork PR's head, per commit. A maintainer's `/preview` or preview label makes the privileged
 * job write a commit status with APPROVAL_CONTEXT on the PR's head commit as the API names it at that
 * moment; the workflow_run job deploys an archive only when that commit carries a successful one. Statuses
 * belong to one SHA, so a new push has none and waits for a new approval; only a token that may write to
 * this repository can create one, which a fork's pull_request run never holds. Pure, so tables test it.
 */
const APPROVAL_CONTEXT = 'gcp-deploy/fork-approval';
/** How an approval's description names who approved: "Approved by @login (/preview)". */
function approvalDescription(login, how) {
    return `Approved by @${login} (${how})`;
}
/**
 * What the workflow_run job writes (state pending) when an archive waits for approval: the build run it
 * would deploy, so the approving job can re-run exactly that run.
 */
function pendingDescription(buildRunId) {
    return `Waiting for a maintainer's /preview or label (build run ${buildRunId})`;
}
/** The build run the latest pending approval status names, if the latest status is one. */
function pendingBuildRun(statuses) {
    const latest = latestOurs(statuses);
    if (latest?.state !== 'pending')
        return undefined;
    const id = /\(build run (\d{1,20})\)/.exec(latest.description ?? '')?.[1];
    return id === undefined ? undefined : Number(id);
}
function latestOurs(statuses) {
    return statuses
        .filter((s) => s.context === APPROVAL_CONTEXT)
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}
/** The approval of `sha` from its statuses: the latest APPROVAL_CONTEXT status decides. */
function approvalOf(statuses, sha) {
    const latest = latestOurs(statuses);
    const short = sha.slice(0, 7);
    if (latest === undefined) {
        return {
            approved: false,
            why: `commit ${short} has no maintainer approval: a user with write access comments /preview (or adds the preview label) to preview it`,
        };
    }
    if (latest.state === 'pending') {
        return {
            approved: false,
            why: `commit ${short} waits for a maintainer's approval: a user with write access comments /preview (or adds the preview label) to preview it`,
        };
    }
    if (latest.state !== 'success') {
        return { approved: false, why: `the approval of commit ${short} was withdrawn (${latest.state})` };
    }
    const by = /@([A-Za-z0-9-]+(\[bot\])?)/.exec(latest.description ?? '')?.[1] ?? 'a maintainer';
    return { approved: true, by };
}

;// CONCATENATED MODULE: ./src/github/fork-approval.ts

async function recordApproval(client, r, sha, login, how, targetUrl) {
    await client.rest.repos.createCommitStatus({
        ...r,
        sha,
        state: 'success',
        context: APPROVAL_CONTEXT,
        description: approvalDescription(login, how),
        target_url: targetUrl,
    });
}
async function listStatuses(client, r, sha) {
    const statuses = await client.paginate(client.rest.repos.listCommitStatusesForRef, {
        ...r,
        ref: sha,
        per_page: 100,
    });
    return statuses.map((s) => ({
        context: s.context,
        state: s.state,
        description: s.description,
        created_at: s.created_at,
    }));
}
/** Reads the approval of `sha` from its commit statuses, through the API (never from the event). */
async function readApproval(client, r, sha) {
    return approvalOf(await listStatuses(client, r, sha), sha);
}
/** Marks `sha` as waiting for approval, naming the build run to re-run once approved. */
async function recordPending(client, r, sha, buildRunId, targetUrl) {
    await client.rest.repos.createCommitStatus({
        ...r,
        sha,
        state: 'pending',
        context: APPROVAL_CONTEXT,
        description: pendingDescription(buildRunId),
        target_url: targetUrl,
    });
}
/**
 * The build run waiting for approval (named by the pending status the workflow_run job wrote), read
 * before the approval is recorded: once it is, the latest status is the approval. Undefined when no run
 * waits: the build has not finished yet, and its completion will find the approval.
 */
async function waitingBuild(client, r, sha) {
    return pendingBuildRun(await listStatuses(client, r, sha));
}
/** Re-runs a build run, so its completion starts the workflow_run preview again, now approved. */
async function rerunBuild(client, r, runId) {
    await client.rest.actions.reRunWorkflow({ ...r, run_id: runId });
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
