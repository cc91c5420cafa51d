export const id = 443;
export const ids = [443];
export const modules = {

/***/ 89443:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UJ: () => (/* reexport */ closedPullRequests),
  commandForEvent: () => (/* reexport */ commandForEvent),
  Jl: () => (/* reexport */ createGitHubReporter),
  II: () => (/* reexport */ forkSkipReason),
  i5: () => (/* reexport */ pullRequestTargetWarning),
  readEventContext: () => (/* reexport */ readEventContext),
  j7: () => (/* reexport */ writeJobSummary)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
;// CONCATENATED MODULE: ./src/github/event-context.ts
/**
 * The workflow event as plain data, read from the runner's GITHUB_* variables and the event payload file
 * at call time (not @actions/github's context, which is built once at import), and the command it implies.
 */


function obj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
function str(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function readPayload(path) {
    if (path === undefined || path === '')
        return {};
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (err) {
        throw new user_error/* UserError */.y(`GITHUB_EVENT_PATH: cannot read the event payload at ${path}: ${(0,user_error/* errorMessage */.g)(err)}.`);
    }
    try {
        return obj(JSON.parse(text)) ?? {};
    }
    catch (err) {
        throw new user_error/* UserError */.y(`GITHUB_EVENT_PATH: the event payload at ${path} is not JSON: ${(0,user_error/* errorMessage */.g)(err)}.`);
    }
}
function parseRepository(value, payload) {
    const fromEnv = value ?? str(obj(payload.repository)?.full_name);
    const match = fromEnv === undefined ? null : /^([^/\s]+)\/([^/\s]+)$/.exec(fromEnv);
    if (match === null) {
        throw new user_error/* UserError */.y(`GITHUB_REPOSITORY: got ${JSON.stringify(fromEnv ?? '')}; expected owner/name (set by the Actions runner).`);
    }
    return { owner: match[1], repo: match[2] };
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}
/** Reads the event from GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF and the URLs. */
function readEventContext(env) {
    const payload = readPayload(env.GITHUB_EVENT_PATH);
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const repo = parseRepository(str(env.GITHUB_REPOSITORY), payload);
    const serverUrl = trimSlash(str(env.GITHUB_SERVER_URL) ?? 'https://github.com');
    const apiUrl = trimSlash(str(env.GITHUB_API_URL) ?? 'https://api.github.com');
    const runId = str(env.GITHUB_RUN_ID);
    const attempt = str(env.GITHUB_RUN_ATTEMPT);
    const base = `${serverUrl}/${repo.owner}/${repo.repo}/actions`;
    const runUrl = runId === undefined
        ? base
        : `${base}/runs/${runId}${attempt !== undefined && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
    const ctx = {
        eventName,
        repo,
        headSha: str(env.GITHUB_SHA) ?? '',
        isFork: false,
        runUrl,
        serverUrl,
        apiUrl,
    };
    const action = str(payload.action);
    if (action !== undefined)
        ctx.action = action;
    const actor = str(env.GITHUB_ACTOR) ?? str(obj(payload.sender)?.login);
    if (actor !== undefined)
        ctx.actor = actor;
    const pr = obj(payload.pull_request);
    if (pr !== undefined) {
        const head = obj(pr.head);
        const baseRef = obj(pr.base);
        if (typeof pr.number === 'number')
            ctx.prNumber = pr.number;
        else if (typeof payload.number === 'number')
            ctx.prNumber = payload.number;
        // On pull_request events GITHUB_SHA is the test merge commit; the preview is of the PR's head.
        const headSha = str(head?.sha);
        if (headSha !== undefined)
            ctx.headSha = headSha;
        const headRef = str(head?.ref);
        if (headRef !== undefined)
            ctx.headRef = headRef;
        const baseName = str(baseRef?.ref);
        if (baseName !== undefined)
            ctx.baseRef = baseName;
        const title = str(pr.title);
        if (title !== undefined)
            ctx.prTitle = title;
        const headRepo = obj(head?.repo);
        const baseRepo = obj(baseRef?.repo);
        // A deleted fork leaves head.repo null: treat it as a fork, never as trusted.
        ctx.isFork =
            headRepo === undefined ||
                (str(headRepo.full_name) ?? '') !== (str(baseRepo?.full_name) ?? `${repo.owner}/${repo.repo}`);
    }
    const ref = str(env.GITHUB_REF) ?? '';
    const tag = (ref.startsWith('refs/tags/') ? str(ref.slice('refs/tags/'.length)) : undefined) ??
        str(obj(payload.release)?.tag_name) ??
        str(obj(payload.inputs)?.tag);
    if (tag !== undefined)
        ctx.tagName = tag;
    return ctx;
}
/** The command an event implies when `command: auto`; null when it implies none. */
function commandForEvent(ctx) {
    switch (ctx.eventName) {
        case 'pull_request':
        case 'pull_request_target':
            if (ctx.action === 'closed')
                return 'cleanup';
            if (ctx.action === 'opened' || ctx.action === 'synchronize' || ctx.action === 'reopened')
                return 'preview';
            return null;
        case 'push':
            return ctx.tagName !== undefined ? 'promote' : null;
        case 'release':
            return ctx.action === 'published' && ctx.tagName !== undefined ? 'promote' : null;
        case 'workflow_dispatch':
            return ctx.tagName !== undefined ? 'promote' : null;
        default:
            return null;
    }
}

;// CONCATENATED MODULE: ./src/github/guards.ts
/**
 * Why a preview of this event is skipped, or null to go on. A PR from a fork on `pull_request` runs without
 * the repository's secrets, so with no cloud credentials there is nothing to deploy with: that is a skip,
 * not a failure, so the fork's author sees a neutral check and a notice instead of a red X.
 */
function forkSkipReason(ctx, hasCloudCredentials) {
    if (!ctx.isFork || hasCloudCredentials)
        return null;
    const pr = ctx.prNumber === undefined ? 'This pull request' : `Pull request #${ctx.prNumber}`;
    return (`${pr} comes from a fork, and GitHub gives workflows triggered by forks no secrets, so there are no ` +
        'Google Cloud credentials to deploy a preview with. The preview is skipped, not failed. A maintainer can ' +
        'push the branch to this repository to get a preview.');
}
/**
 * A warning for pull_request_target runs: they run with the base repository's secrets and a write token, and
 * a preview builds (and so runs the Dockerfile of) the PR's head. Null for other events.
 */
function pullRequestTargetWarning(ctx) {
    if (ctx.eventName !== 'pull_request_target')
        return null;
    const who = ctx.isFork ? 'from a fork, ' : '';
    return (`This run was triggered by pull_request_target: it has this repository's secrets and a write token, and ` +
        `building the preview runs code from the PR's head ${who}(Dockerfile RUN steps, build scripts). Anyone who ` +
        'can open a PR can then read those secrets. Use the pull_request event, or gate this job behind an ' +
        'environment with required reviewers or a label that only maintainers can add.');
}

;// CONCATENATED MODULE: ./src/github/deployments.ts
/** Which deployment status a run's state maps to. */
function deploymentStateFor(state) {
    switch (state) {
        case 'building':
        case 'deploying':
        case 'checking':
            return 'in_progress';
        case 'ready':
        case 'promoted':
            return 'success';
        case 'removed':
        case 'skipped':
            return 'inactive';
        case 'failed':
        case 'rolled-back':
            return 'failure';
    }
}
/** Creates the deployment for this run (one per run; statuses tell its story). */
async function createDeployment(client, t) {
    const { data } = await client.rest.repos.createDeployment({
        owner: t.owner,
        repo: t.repo,
        ref: t.ref,
        environment: t.environment,
        description: t.description.slice(0, 140),
        auto_merge: false,
        required_contexts: [],
        transient_environment: !t.production,
        production_environment: t.production,
    });
    if (!('id' in data))
        throw new Error(`GitHub did not create a deployment: ${data.message ?? 'no reason'}`);
    return data.id;
}
/** Adds a status; `success` carries the preview URL (the "View deployment" button) and the run's log. */
async function setDeploymentStatus(client, t, id, state, urls) {
    await client.rest.repos.createDeploymentStatus({
        owner: t.owner,
        repo: t.repo,
        deployment_id: id,
        state,
        ...(urls.environmentUrl !== undefined ? { environment_url: urls.environmentUrl } : {}),
        ...(urls.logUrl !== undefined ? { log_url: urls.logUrl } : {}),
        auto_inactive: state === 'success',
    });
}
/** Marks every deployment of an environment inactive (cleanup of a closed PR). */
async function deactivateEnvironment(client, t) {
    const deployments = await client.paginate(client.rest.repos.listDeployments, {
        owner: t.owner,
        repo: t.repo,
        environment: t.environment,
        per_page: 100,
    });
    for (const d of deployments)
        await setDeploymentStatus(client, t, d.id, 'inactive', {});
    return deployments.length;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(11758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(86856);
;// CONCATENATED MODULE: ./src/github/octokit.ts



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
    return github/* getOctokit */.Q(token, githubClientOptions(apiUrl, warn, timing), dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
/** The HTTP status an Octokit error carries, if any. */
function httpStatus(err) {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
}

;// CONCATENATED MODULE: ./src/github/permissions.ts


/**
 * Explains a GitHub failure: a 403/404 on a write becomes a sentence naming the permissions entry to add
 * (GitHub answers 404 instead of 403 for some missing scopes); anything else keeps its own message.
 */
function explainGitHubError(err, what, permission) {
    const status = httpStatus(err);
    if (status === 403 || status === 404) {
        return (`Could not ${what}: GitHub answered ${status}. The token needs \`${permission}\`; add it to the job's ` +
            `\`permissions:\` block (and for a fork PR, run with a token that may write to this repository).`);
    }
    return `Could not ${what}: ${(0,user_error/* errorMessage */.g)(err)}`;
}

// EXTERNAL MODULE: ./src/report/markdown-comment.ts
var markdown_comment = __webpack_require__(1765);
;// CONCATENATED MODULE: ./src/github/sticky-comment.ts


/** GITHUB_TOKEN's identity: installation tokens cannot call GET /user, so that 403 means this bot. */
const ACTIONS_BOT = 'github-actions[bot]';
/** The login our comments are written as: the token's user, or the Actions bot for installation tokens. */
async function tokenIdentity(client, override) {
    if (override !== undefined && override !== '')
        return override;
    try {
        const { data } = await client.rest.users.getAuthenticated();
        return data.login;
    }
    catch (err) {
        if (httpStatus(err) === 403 || httpStatus(err) === 401)
            return ACTIONS_BOT;
        throw err;
    }
}
/**
 * Finds our comment for this service (marker at the start, written by our identity, so a pasted marker
 * cannot hijack it), paging through every comment, and updates it in place or creates it.
 */
async function upsertStickyComment(client, target, report, ctx, knownId) {
    const marker = (0,markdown_comment/* commentMarker */.Ql)(target.service);
    let existing;
    if (knownId === undefined) {
        const comments = await client.paginate(client.rest.issues.listComments, {
            owner: target.owner,
            repo: target.repo,
            issue_number: target.issueNumber,
            per_page: 100,
        });
        const ours = comments.filter((c) => c.user?.login === target.identity && (0,markdown_comment/* isStickyFor */.pk)(c.body, marker));
        const found = ours[ours.length - 1];
        if (found !== undefined)
            existing = { id: found.id, body: found.body ?? '' };
    }
    else {
        const { data } = await client.rest.issues.getComment({
            owner: target.owner,
            repo: target.repo,
            comment_id: knownId,
        });
        existing = { id: data.id, body: data.body ?? '' };
    }
    const history = (0,markdown_comment/* nextHistory */.Ou)(existing === undefined ? null : (0,markdown_comment/* parseCommentState */.g8)(existing.body), report);
    const body = (0,markdown_comment/* renderStickyComment */.HI)({ service: target.service, report, history, ctx });
    if (existing !== undefined) {
        await client.rest.issues.updateComment({
            owner: target.owner,
            repo: target.repo,
            comment_id: existing.id,
            body,
        });
        return existing.id;
    }
    const { data } = await client.rest.issues.createComment({
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        body,
    });
    return data.id;
}

;// CONCATENATED MODULE: ./src/github/reporter.ts





/**
 * Keeps the PR's sticky comment and the GitHub deployment in step with a run. GitHub failures never fail a
 * healthy deploy unless asked to: each kind warns once, naming the permission to add, and is not retried.
 */
function createGitHubReporter(opts) {
    const { ctx } = opts;
    const target = { owner: ctx.repo.owner, repo: ctx.repo.repo };
    let client;
    let identity;
    let commentId;
    let deploymentId;
    const broken = new Set();
    const gh = () => (client ??= createGitHubClient(opts.token, ctx.apiUrl, (s) => opts.log.warning(s), opts.throttle));
    const render = { headRef: ctx.headRef, prTitle: ctx.prTitle };
    const guarded = async (what, permission, fn) => {
        if (broken.has(permission))
            return;
        try {
            await fn();
        }
        catch (err) {
            const message = explainGitHubError(err, what, permission);
            broken.add(permission);
            if (opts.failOnCommentError)
                throw new user_error/* UserError */.y(message);
            opts.log.warning(message);
        }
    };
    const comment = (report) => opts.comment && ctx.prNumber !== undefined
        ? guarded('update the pull request comment', 'pull-requests: write', async () => {
            identity ??= await tokenIdentity(gh(), opts.commentAuthor);
            commentId = await upsertStickyComment(gh(), { ...target, issueNumber: ctx.prNumber, service: opts.service, identity }, report, render, commentId);
        })
        : Promise.resolve();
    const deployment = (report) => guarded('record the GitHub deployment', 'deployments: write', async () => {
        if (deploymentId === undefined) {
            deploymentId = await createDeployment(gh(), {
                ...target,
                environment: opts.environment,
                ref: ctx.headSha,
                production: report.command === 'promote' || report.command === 'rollback',
                description: `gcp-deploy ${report.command} of ${opts.service}`,
            });
        }
        await setDeploymentStatus(gh(), target, deploymentId, deploymentStateFor(report.state), {
            environmentUrl: report.state === 'ready' || report.state === 'promoted' ? report.url : undefined,
            logUrl: ctx.runUrl,
        });
    });
    return {
        async progress(report) {
            await comment(report);
            await deployment(report);
        },
        async finish(report) {
            await comment(report);
            await deployment(report);
        },
        async removed(report) {
            await comment(report);
            await guarded('mark the preview deployment inactive', 'deployments: write', async () => {
                const n = await deactivateEnvironment(gh(), { ...target, environment: opts.environment });
                opts.log.info(`${n} deployment(s) of ${opts.environment} marked inactive`);
            });
        },
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/report/markdown-report.ts
var markdown_report = __webpack_require__(25188);
;// CONCATENATED MODULE: ./src/github/job-summary.ts


/** Writes the job summary (the same tables as the PR comment) and one annotation per failed threshold. */
async function writeJobSummary(report, ctx = {}) {
    for (const t of report.smoke?.thresholds ?? []) {
        if (!t.ok) {
            core/* error */.z3(`${t.metric}: ${t.expression} failed (measured ${t.actual ?? 'n/a'})`, {
                title: 'Threshold failed',
            });
        }
    }
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw((0,markdown_report/* renderJobSummary */.qE)(report, ctx)).write();
}

;// CONCATENATED MODULE: ./src/github/pull-states.ts


/**
 * Which of these PRs are closed on GitHub (a stale sweep removes their previews whatever their age).
 * A PR GitHub does not know (404) counts as closed: nothing will ever update its preview again.
 */
async function closedPullRequests(token, ctx, numbers, warn) {
    const client = createGitHubClient(token, ctx.apiUrl, warn);
    const closed = [];
    for (const pull_number of numbers) {
        try {
            const { data } = await client.rest.pulls.get({
                owner: ctx.repo.owner,
                repo: ctx.repo.repo,
                pull_number,
            });
            if (data.state === 'closed')
                closed.push(pull_number);
        }
        catch (err) {
            if (httpStatus(err) === 404)
                closed.push(pull_number);
            else
                warn(`Could not read the state of PR #${pull_number}: ${err instanceof Error ? err.message : String(err)}`);
        }
    }
    return closed;
}

;// CONCATENATED MODULE: ./src/github/index.ts







/***/ }),

/***/ 1765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HI: () => (/* binding */ renderStickyComment),
/* harmony export */   Ou: () => (/* binding */ nextHistory),
/* harmony export */   Ql: () => (/* binding */ commentMarker),
/* harmony export */   g8: () => (/* binding */ parseCommentState),
/* harmony export */   pk: () => (/* binding */ isStickyFor)
/* harmony export */ });
/* unused harmony exports MAX_HISTORY, entryFor, renderHistoryLine */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/* harmony import */ var _markdown_report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25188);
/**
 * The sticky PR comment: a hidden marker on the first line (how later runs find it), the current run
 * rendered in full, earlier runs folded one line each, and a hidden state block that carries the history
 * from run to run as base64 JSON (so nothing in it can close an HTML comment). Pure.
 */


/** How many earlier runs the comment keeps. */
const MAX_HISTORY = 10;
const STATE_PREFIX = '<!-- gcp-deploy:state ';
/** The hidden marker that identifies this service's sticky comment. */
function commentMarker(service) {
    return `<!-- gcp-deploy:preview service=${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .sanitiseMarkerValue */ .an)(service)} -->`;
}
/** True when the body is a sticky comment for this marker: the marker must open the body, not merely occur. */
function isStickyFor(body, marker) {
    return typeof body === 'string' && body.startsWith(`${marker}\n`);
}
/** The history entry that stands for a report. */
function entryFor(report) {
    const entry = { state: report.state, at: report.startedAt };
    if (report.commitSha !== undefined)
        entry.sha = report.commitSha;
    if (report.url !== undefined)
        entry.url = report.url;
    if (report.runUrl !== undefined)
        entry.runUrl = report.runUrl;
    if (report.revision !== undefined)
        entry.revision = report.revision;
    return entry;
}
const STATES = new Set(Object.keys(_markdown_report_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE_LABELS */ .In));
function toEntry(value) {
    if (typeof value !== 'object' || value === null)
        return null;
    const v = value;
    if (typeof v.state !== 'string' || !STATES.has(v.state) || typeof v.at !== 'string')
        return null;
    const entry = { state: v.state, at: v.at };
    for (const key of ['sha', 'url', 'runUrl', 'revision']) {
        const field = v[key];
        if (typeof field === 'string')
            entry[key] = field;
    }
    return entry;
}
/** Reads the state block of an earlier comment; null when absent or unreadable (then history restarts). */
function parseCommentState(body) {
    const start = body.lastIndexOf(STATE_PREFIX);
    if (start < 0)
        return null;
    const end = body.indexOf(' -->', start);
    if (end < 0)
        return null;
    try {
        const json = JSON.parse(Buffer.from(body.slice(start + STATE_PREFIX.length, end), 'base64url').toString('utf8'));
        if (typeof json !== 'object' || json === null)
            return null;
        const { current, history } = json;
        const cur = toEntry(current);
        if (cur === null)
            return null;
        const entries = Array.isArray(history)
            ? history.map(toEntry).filter((e) => e !== null)
            : [];
        return { current: cur, history: entries.slice(0, MAX_HISTORY) };
    }
    catch {
        return null;
    }
}
/**
 * The history after this run: the previous comment's current run moves into history when it was another
 * workflow run (each progress update of the same run replaces the current entry instead). Newest first.
 */
function nextHistory(previous, report) {
    if (previous === null)
        return [];
    const sameRun = previous.current.runUrl !== undefined && previous.current.runUrl === report.runUrl;
    const history = sameRun ? previous.history : [previous.current, ...previous.history];
    return history.slice(0, MAX_HISTORY);
}
/** One folded line for an earlier run. */
function renderHistoryLine(entry) {
    const parts = [_markdown_report_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE_LABELS */ .In[entry.state]];
    if (entry.sha !== undefined)
        parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(entry.sha.slice(0, 7)));
    if (entry.revision !== undefined)
        parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(entry.revision));
    if (entry.url !== undefined)
        parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('preview', entry.url));
    if (entry.runUrl !== undefined)
        parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('run', entry.runUrl));
    parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(entry.at));
    return `- ${parts.join(' · ')}`;
}
/** The whole comment body for the current report and the given earlier runs. */
function renderStickyComment(input) {
    const { report } = input;
    const history = input.history.slice(0, MAX_HISTORY);
    const parts = [
        commentMarker(input.service),
        (0,_markdown_report_js__WEBPACK_IMPORTED_MODULE_1__/* .renderHeading */ .X5)(report),
        '',
        (0,_markdown_report_js__WEBPACK_IMPORTED_MODULE_1__/* .renderReportBody */ .$Y)(report, input.ctx),
    ];
    if (history.length > 0) {
        parts.push('', `<details><summary>Earlier runs (${history.length})</summary>`, '', ...history.map(renderHistoryLine), '', '</details>');
    }
    const state = { current: entryFor(report), history };
    parts.push('', `${STATE_PREFIX}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')} -->`);
    return parts.join('\n');
}


/***/ }),

/***/ 25188:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ renderReportBody),
/* harmony export */   In: () => (/* binding */ STATE_LABELS),
/* harmony export */   X5: () => (/* binding */ renderHeading),
/* harmony export */   qE: () => (/* binding */ renderJobSummary)
/* harmony export */ });
/* unused harmony exports formatDuration, formatMeasured, renderFactsTable, renderChecksTable, renderPhasesTable, renderTrafficTable */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/**
 * Pure Markdown renderers for a RunReport, shared by the sticky PR comment and the job summary so both
 * show the same tables. Every value that could come from a PR or from a server is escaped here.
 */

/** Words (with an emoji) for each state, as the comment's heading and history lines show them. */
const STATE_LABELS = {
    building: '🏗️ Building',
    deploying: '🚀 Deploying',
    checking: '🔎 Checking',
    ready: '✅ Ready',
    failed: '❌ Failed',
    'rolled-back': '↩️ Rolled back',
    removed: '🧹 Removed',
    promoted: '🚀 Promoted',
    skipped: '⏭️ Skipped',
};
/** `850 ms`, `12.3 s`, `2 min 05 s`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return 'n/a';
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const totalSeconds = Math.round(ms / 1000);
    return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}
/** A threshold's measured value in the unit its aggregation implies: rates as percent, trends in ms. */
function formatMeasured(threshold) {
    const value = threshold.actual;
    if (value === null || !Number.isFinite(value))
        return 'n/a';
    const aggregation = threshold.expression.trim();
    if (aggregation.startsWith('rate'))
        return `${(value * 100).toFixed(2)} %`;
    if (aggregation.startsWith('count'))
        return String(Math.round(value));
    if (/duration|waiting|connecting|blocked|sending|receiving|tls_handshaking/.test(threshold.metric)) {
        return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
    }
    return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
/** The first 12 hex digits of `sha256:…`, enough to tell images apart at a glance. */
function shortDigest(digest) {
    const match = /^(sha256:)([0-9a-f]{12})[0-9a-f]*$/.exec(digest);
    return match ? `${match[1]}${match[2]}…` : digest;
}
function row(cells) {
    return `| ${cells.join(' | ')} |`;
}
/** Key facts: URL, commit, image digest, revision and where the run came from. */
function renderFactsTable(report, ctx = {}) {
    const rows = [];
    if (report.url !== undefined)
        rows.push(['Preview URL', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)(report.url, report.url)]);
    if (report.prNumber !== undefined) {
        const title = ctx.prTitle === undefined ? '' : ` ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(ctx.prTitle)}`;
        rows.push(['Pull request', `\\#${report.prNumber}${title}`]);
    }
    if (ctx.headRef !== undefined)
        rows.push(['Branch', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(ctx.headRef, { inTable: true })]);
    if (report.commitSha !== undefined)
        rows.push(['Commit', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.commitSha, { inTable: true })]);
    if (report.digest !== undefined)
        rows.push(['Image digest', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(shortDigest(report.digest), { inTable: true })]);
    if (report.revision !== undefined)
        rows.push(['Revision', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.revision, { inTable: true })]);
    if (report.previousRevision !== undefined) {
        rows.push(['Previous revision', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.previousRevision, { inTable: true })]);
    }
    if (report.tag !== undefined)
        rows.push(['Tag', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.tag, { inTable: true })]);
    rows.push([
        'Service',
        `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service, { inTable: true })} in ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(report.region)}`,
    ]);
    return ['| | |', '| --- | --- |', ...rows.map(row)].join('\n');
}
/** Health and threshold rows (threshold, measured value, result) and named checks; empty when nothing ran. */
function renderChecksTable(report) {
    const rows = [];
    const mark = (ok) => (ok ? '✅ pass' : '❌ fail');
    const health = report.health;
    if (health !== undefined) {
        const measured = health.lastStatus === null
            ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(health.error ?? 'no answer')
            : `HTTP ${health.lastStatus}${health.timeToHealthyMs === null ? '' : ` after ${formatDuration(health.timeToHealthyMs)}`}`;
        rows.push(['health', 'HTTP 2xx', `${measured} (${health.attempts} attempts)`, mark(health.ok)]);
    }
    for (const t of report.smoke?.thresholds ?? []) {
        rows.push([
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.metric, { inTable: true }),
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.expression, { inTable: true }),
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(formatMeasured(t)),
            mark(t.ok),
        ]);
    }
    const parts = [];
    if (rows.length > 0) {
        parts.push(['| Check | Threshold | Measured | Result |', '| --- | --- | --- | --- |', ...rows.map(row)].join('\n'));
    }
    const checks = report.smoke?.checks ?? [];
    if (checks.length > 0) {
        const checkRows = checks.map((c) => row([(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(c.name), String(c.passes), String(c.fails), mark(c.fails === 0)]));
        parts.push(['| Named check | Passes | Fails | Result |', '| --- | ---: | ---: | --- |', ...checkRows].join('\n'));
    }
    if (report.smoke?.aborted === true)
        parts.push('_The smoke run was aborted early by a failing threshold._');
    return parts.join('\n\n');
}
/** Duration of each phase that ran, with its outcome; empty when none ran yet. */
function renderPhasesTable(report) {
    if (report.phases.length === 0)
        return '';
    const rows = report.phases.map((p) => row([
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(p.phase),
        formatDuration(p.durationMs),
        p.ok ? '✅' : '❌',
        p.detail === undefined ? ' ' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(p.detail),
    ]));
    const total = report.phases.reduce((sum, p) => sum + p.durationMs, 0);
    rows.push(row(['**total**', `**${formatDuration(total)}**`, ' ', ' ']));
    return ['| Phase | Duration | OK | Detail |', '| --- | ---: | --- | --- |', ...rows].join('\n');
}
/** Traffic split after a promote or rollback. */
function renderTrafficTable(report) {
    if (report.traffic === undefined || report.traffic.length === 0)
        return '';
    const rows = report.traffic.map((t) => row([
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.target, { inTable: true }),
        `${t.percent} %`,
        t.tag === undefined ? ' ' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.tag, { inTable: true }),
    ]));
    return ['| Revision | Traffic | Tag |', '| --- | ---: | --- |', ...rows].join('\n');
}
/** Everything below the heading: facts, failure reason, checks, phases, traffic, notes and the run link. */
function renderReportBody(report, ctx = {}) {
    const sections = [renderFactsTable(report, ctx)];
    if (report.failureReason !== undefined)
        sections.push(`**Why:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(report.failureReason)}`);
    const checks = renderChecksTable(report);
    if (checks !== '')
        sections.push(`#### Checks\n\n${checks}`);
    const phases = renderPhasesTable(report);
    if (phases !== '')
        sections.push(`#### Phases\n\n${phases}`);
    const traffic = renderTrafficTable(report);
    if (traffic !== '')
        sections.push(`#### Traffic\n\n${traffic}`);
    if (report.notes.length > 0)
        sections.push(report.notes.map((n) => `- ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(n)}`).join('\n'));
    if (report.runUrl !== undefined)
        sections.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('Workflow run', report.runUrl));
    return sections.join('\n\n');
}
/** The heading line shared by the comment and the summary. */
function renderHeading(report) {
    const what = report.command === 'preview' || report.command === 'cleanup' ? 'Preview' : report.command;
    return `### ${STATE_LABELS[report.state]}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(what)} of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service)}`;
}
/** The job summary: the same heading and tables as the PR comment, without marker or history. */
function renderJobSummary(report, ctx = {}) {
    return `${renderHeading(report)}\n\n${renderReportBody(report, ctx)}\n`;
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   aL: () => (/* binding */ escapeTableCell),
/* harmony export */   an: () => (/* binding */ sanitiseMarkerValue),
/* harmony export */   o3: () => (/* binding */ safeLink),
/* harmony export */   ti: () => (/* binding */ inlineCode)
/* harmony export */ });
/* unused harmony exports escapeHtml, oneLine, neutraliseMentions, neutraliseCommentDelimiters, escapeMarkdownPunctuation */
/**
 * Escaping for untrusted text (branch names, titles, commit messages, error text) placed into GitHub
 * Markdown. Everything here is pure. The goal is that such text renders as the literal characters it
 * holds: it can open no HTML element, close none of ours (`</details>`), start or end an HTML comment
 * (which would hide the rest of the comment or forge our marker), ping anyone, or break a table row.
 */
const ZERO_WIDTH_SPACE = '\u200B';
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/** Escapes the five HTML-significant characters, for text inside HTML elements or attributes. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
/** Collapses every kind of line break and control character into single spaces: one value, one line. */
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ').trim();
}
/** Breaks `@name` and `@org/team` mentions with a zero-width space so GitHub notifies nobody. */
function neutraliseMentions(text) {
    return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_SPACE}`);
}
/**
 * Breaks the HTML comment delimiters `<!--` and `-->` even where HTML is not interpreted (code spans),
 * so untrusted text can never forge or close the sticky comment's hidden marker in the raw body.
 */
function neutraliseCommentDelimiters(text) {
    let out = text;
    // Repeat: removing one delimiter can join the pieces of another (`<!<!----`).
    for (let previous = ''; previous !== out;) {
        previous = out;
        out = out.replace(/<!--/g, '<!-\u200B-').replace(/--(?=>)/g, `-${ZERO_WIDTH_SPACE}-`);
    }
    return out;
}
/** Backslash-escapes the characters that start Markdown constructs: emphasis, links, code, headings, tables. */
function escapeMarkdownPunctuation(text) {
    return text.replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}
/** Untrusted text as plain, literal, single-line Markdown text outside tables. */
function escapeText(text) {
    // Markdown first: HTML escaping adds `#` and `;` (`&#39;`) that must stay unescaped entities.
    return neutraliseMentions(escapeHtml(escapeMarkdownPunctuation(oneLine(text))));
}
/** Untrusted text for one cell of a GFM table (pipes escaped, one line). */
function escapeTableCell(text) {
    // escapeText already escapes `|`; an empty cell still needs content to keep the column.
    const escaped = escapeText(text);
    return escaped === '' ? ' ' : escaped;
}
/**
 * Untrusted text as an inline code span: the fence is longer than any backtick run inside, and in a table
 * cell `|` is escaped (GFM splits cells before parsing code spans, even inside them).
 */
function inlineCode(text, opts = {}) {
    let body = neutraliseCommentDelimiters(oneLine(text));
    if (opts.inTable === true)
        body = body.replace(/\|/g, '\\|');
    if (body === '')
        return '` `';
    const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${body}${pad}${fence}`;
}
/**
 * A link whose text is untrusted and whose target must be an http(s) URL; anything else renders as
 * escaped text without a link (a `javascript:` target or a `)` that escapes the link syntax never lands).
 */
function safeLink(label, url) {
    const text = escapeText(label);
    if (url === undefined)
        return text;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return text;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return text;
    // URL serialisation percent-encodes spaces, quotes and angle brackets; parentheses are encoded by hand.
    const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
    return `[${text}](${href})`;
}
/** A service name reduced to the characters allowed in the hidden marker. */
function sanitiseMarkerValue(value) {
    const cleaned = value.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-');
    return cleaned.replace(/-{2,}/g, '-').slice(0, 100) || 'default';
}


/***/ })

};
