export const id = 846;
export const ids = [846];
export const modules = {

/***/ 79846:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UJ: () => (/* reexport */ closedPullRequests),
  commandForEvent: () => (/* reexport */ event_context/* commandForEvent */.Vt),
  Jl: () => (/* reexport */ createGitHubReporter),
  II: () => (/* reexport */ forkSkipReason),
  i5: () => (/* reexport */ pullRequestTargetWarning),
  readEventContext: () => (/* reexport */ event_context/* readEventContext */.ws),
  T2: () => (/* reexport */ event_context/* renderContextFor */.T2),
  j7: () => (/* reexport */ writeJobSummary)
});

// EXTERNAL MODULE: ./src/github/event-context.ts
var event_context = __webpack_require__(12641);
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

// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/report/redaction.ts
var redaction = __webpack_require__(27079);
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
        case 'cancelled':
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
    const client = github/* getOctokit */.Q(token, githubClientOptions(apiUrl, warn, timing), dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    // Last line of defence: no registered secret reaches GitHub in any request's fields, whoever wrote them.
    client.hook.before('request', (options) => {
        for (const key of Object.keys(options)) {
            if (key === 'headers' || key === 'request' || key === 'baseUrl')
                continue;
            options[key] = (0,redaction/* redactDeep */.KL)(options[key]);
        }
    });
    return client;
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

// EXTERNAL MODULE: ./src/report/markdown-comment.ts + 1 modules
var markdown_comment = __webpack_require__(7997);
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
    const render = (0,event_context/* renderContextFor */.T2)(ctx);
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
    // Rendered from a redacted copy, before Markdown escaping could change a secret's bytes.
    return {
        async progress(report) {
            await comment((0,redaction/* redactDeep */.KL)(report));
            await deployment((0,redaction/* redactDeep */.KL)(report));
        },
        async finish(report) {
            await comment((0,redaction/* redactDeep */.KL)(report));
            await deployment((0,redaction/* redactDeep */.KL)(report));
        },
        async removed(report) {
            await comment((0,redaction/* redactDeep */.KL)(report));
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
    await core/* summary */.z.addRaw((0,redaction/* redact */.E$)((0,markdown_report/* renderJobSummary */.qE)((0,redaction/* redactDeep */.KL)(report), (0,redaction/* redactDeep */.KL)(ctx)))).write();
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

/***/ 7997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ql: () => (/* binding */ commentMarker),
  pk: () => (/* binding */ isStickyFor),
  Ou: () => (/* binding */ nextHistory),
  g8: () => (/* binding */ parseCommentState),
  HI: () => (/* binding */ renderStickyComment)
});

// UNUSED EXPORTS: MAX_COMMENT_CHARS, MAX_HISTORY, entryFor, renderHistoryLine

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/markdown-report.ts
var markdown_report = __webpack_require__(25188);
;// CONCATENATED MODULE: ./src/report/run-report.ts
/**
 * What one run did, in one plain object: the commands fill it in as they go, and the renderers
 * (job summary, sticky PR comment, outputs) read it. No I/O here.
 */
/** Where a run stands; the sticky comment shows the latest. */
const RUN_STATES = [
    'building',
    'deploying',
    'checking',
    'ready',
    'failed',
    'rolled-back',
    'removed',
    'promoted',
    'skipped',
    'cancelled',
];

// EXTERNAL MODULE: ./src/report/verdict.ts
var verdict = __webpack_require__(90687);
;// CONCATENATED MODULE: ./src/report/markdown-comment.ts
/**
 * The sticky PR comment: a hidden marker on the first line (how later runs find it), the current run
 * rendered as the job summary is (details folded unless something failed), earlier runs folded one line
 * each, and a hidden state block that carries the history from run to run as base64 JSON (so nothing in it
 * can close an HTML comment). The body always fits GitHub's size limit. Pure.
 */




/** GitHub refuses an issue comment body longer than this. */
const MAX_COMMENT_CHARS = 65_536;
/** How many earlier runs the comment keeps. */
const MAX_HISTORY = 10;
const STATE_PREFIX = '<!-- gcp-deploy:state ';
/** The hidden marker that identifies this service's sticky comment. */
function commentMarker(service) {
    return `<!-- gcp-deploy:preview service=${(0,markdown/* sanitiseMarkerValue */.an)(service)} -->`;
}
/** True when the body is a sticky comment for this marker: the marker must open the body, not merely occur. */
function isStickyFor(body, marker) {
    return typeof body === 'string' && body.startsWith(`${marker}\n`);
}
/** The history entry that stands for a report. */
function entryFor(report) {
    const entry = { state: report.state, verdict: (0,verdict/* verdictOf */.Vj)(report), at: report.startedAt };
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
const STATES = new Set(RUN_STATES);
function toEntry(value) {
    if (typeof value !== 'object' || value === null)
        return null;
    const v = value;
    if (typeof v.state !== 'string' || !STATES.has(v.state) || typeof v.at !== 'string')
        return null;
    const entry = { state: v.state, at: v.at };
    if (typeof v.verdict === 'string' && verdict/* VERDICT_KINDS */.CX.has(v.verdict))
        entry.verdict = v.verdict;
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
/** The verdict an entry from before verdicts stands for. */
const STATE_VERDICTS = {
    building: 'building',
    deploying: 'deploying',
    checking: 'checking',
    ready: 'ready',
    failed: 'failed',
    'rolled-back': 'rolled-back',
    removed: 'removed',
    promoted: 'promoted',
    skipped: 'skipped',
    cancelled: 'cancelled',
};
/**
 * One folded line for an earlier run. It links the commit and the run, not the preview: the tag's URL
 * serves whatever the tag points at now, and after cleanup nothing at all (`removed`).
 */
function renderHistoryLine(entry, opts = {}) {
    const parts = [(0,verdict/* verdictLabel */.Id)(entry.verdict ?? STATE_VERDICTS[entry.state])];
    if (entry.sha !== undefined) {
        const code = (0,markdown/* inlineCode */.ti)(entry.sha.slice(0, 7));
        const linkable = opts.repoUrl !== undefined && /^[0-9a-f]{7,64}$/i.test(entry.sha);
        parts.push(linkable ? (0,markdown/* linkMarkdown */.k9)(code, `${opts.repoUrl}/commit/${entry.sha}`) : code);
    }
    if (entry.revision !== undefined)
        parts.push((0,markdown/* inlineCode */.ti)(entry.revision));
    if (entry.runUrl !== undefined)
        parts.push((0,markdown/* safeLink */.o3)('run', entry.runUrl));
    parts.push((0,markdown_report/* formatTime */.fU)(entry.at));
    if (opts.removed === true && entry.url !== undefined)
        parts.push('preview since removed');
    return `- ${parts.join(' · ')}`;
}
/** The history lines, newest first; entries older than a removal say that their preview is gone. */
function renderHistory(current, history, repoUrl) {
    let removed = (current.verdict ?? STATE_VERDICTS[current.state]) === 'removed';
    return history.map((entry) => {
        const line = renderHistoryLine(entry, { removed, repoUrl });
        if ((entry.verdict ?? STATE_VERDICTS[entry.state]) === 'removed')
            removed = true;
        return line;
    });
}
/** The whole comment body for the current report and the given earlier runs, within MAX_COMMENT_CHARS. */
function renderStickyComment(input) {
    const { report } = input;
    const ctx = input.ctx ?? {};
    const current = entryFor(report);
    const build = (history, compact) => {
        const parts = [commentMarker(input.service), (0,markdown_report/* renderReport */.B1)(report, ctx, { compact })];
        if (history.length > 0) {
            parts.push('', `<details><summary>Earlier runs (${history.length})</summary>`, '', ...renderHistory(current, history, ctx.repoUrl), '', '</details>');
        }
        const state = { current, history: [...history] };
        parts.push('', `${STATE_PREFIX}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')} -->`);
        return parts.join('\n');
    };
    const history = input.history.slice(0, MAX_HISTORY);
    // Largest first; each fallback keeps the marker, the verdict line, the links and the state block.
    for (const [h, compact] of [
        [history, false],
        [history, true],
        [[], true],
    ]) {
        const body = build(h, compact);
        if (body.length <= MAX_COMMENT_CHARS)
            return body;
    }
    // Every untrusted string in the compact form is cut to a bounded length, so this is far below the limit.
    return build([], true);
}


/***/ }),

/***/ 25188:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ renderReport),
/* harmony export */   fU: () => (/* binding */ formatTime),
/* harmony export */   qE: () => (/* binding */ renderJobSummary)
/* harmony export */ });
/* unused harmony exports formatDuration, formatMeasured, checksTally, renderChecksTable, renderPhasesLine, renderTrafficLine, renderCanaryLines, renderFactsLine, renderHeadline, renderServing, renderServicesTable, renderDetails, MAX_SUMMARY_BYTES */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90687);
/**
 * Pure Markdown renderers for a RunReport, shared by the sticky PR comment and the job summary. A reader
 * takes the outcome in from the first line (verdict, link, commit, checks, duration, time); a services
 * table follows (one row per service, so an environment of several services fills it without a redesign),
 * and everything else is folded in one <details>, open when something failed, failing rows first. Every
 * value that could come from a PR or from a server is escaped here.
 */


/** How much of a PR title and a branch name the comment shows (GitHub allows titles of 256 characters). */
const MAX_TITLE = 256;
const MAX_BRANCH = 120;
/** How much of one server message the comment shows; the rest is in the workflow log. */
const MAX_MESSAGE = 2000;
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
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2 Dec 2026, 17:01 UTC`: readable, with its time zone, the same for every reader and every runner. */
function formatTime(at) {
    const d = typeof at === 'string' ? new Date(at) : at;
    if (Number.isNaN(d.getTime()))
        return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(String(at));
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mm = String(d.getUTCMinutes()).padStart(2, '0');
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
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
function table(header, align, rows) {
    return [row(header), row(align), ...rows.map(row)].join('\n');
}
/** Stable: failing rows first, each group in its own order. */
function failingFirst(items, ok) {
    return [...items.filter((i) => !ok(i)), ...items.filter(ok)];
}
function checkRows(report) {
    const rows = [];
    const health = report.health;
    if (health !== undefined) {
        const tries = health.attempts === 1 ? '1 attempt' : `${health.attempts} attempts`;
        const measured = health.lastStatus === null
            ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(health.error ?? 'no answer', 300), { inTable: true })
            : `HTTP ${health.lastStatus}${health.timeToHealthyMs === null ? '' : ` after ${formatDuration(health.timeToHealthyMs)}`}`;
        rows.push({ cells: ['health', 'HTTP 2xx', `${measured} (${tries})`], ok: health.ok });
    }
    for (const t of report.smoke?.thresholds ?? []) {
        rows.push({
            cells: [
                (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.metric, { inTable: true }),
                (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.expression, { inTable: true }),
                (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(formatMeasured(t)),
            ],
            ok: t.ok,
        });
    }
    for (const c of report.smoke?.checks ?? []) {
        rows.push({
            cells: [`check ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(c.name)}`, 'no failures', `${c.passes} passed, ${c.fails} failed`],
            ok: c.fails === 0,
        });
    }
    return rows;
}
/** Checks passed and checks run: the health check, each threshold and each named check count one. */
function checksTally(report) {
    const rows = checkRows(report);
    return { passed: rows.filter((r) => r.ok).length, total: rows.length };
}
/** Health, thresholds and named checks in one table, failing rows first; empty when nothing ran. */
function renderChecksTable(report) {
    const rows = failingFirst(checkRows(report), (r) => r.ok);
    if (rows.length === 0)
        return '';
    const parts = [
        table(['Check', 'Expected', 'Measured', 'Result'], ['---', '---', '---', '---'], rows.map((r) => [...r.cells, r.ok ? '✅' : '❌'])),
    ];
    if (report.smoke?.aborted === true)
        parts.push('_The smoke run was aborted early by a failing threshold._');
    return parts.join('\n\n');
}
/** Phases as one line, each name once with its total time (a promotion runs some several times), failing first. */
function renderPhasesLine(report) {
    if (report.phases.length === 0)
        return '';
    const byName = new Map();
    for (const p of report.phases) {
        const seen = byName.get(p.phase) ?? { ms: 0, ok: true, runs: 0 };
        byName.set(p.phase, { ms: seen.ms + p.durationMs, ok: seen.ok && p.ok, runs: seen.runs + 1 });
    }
    const entries = failingFirst([...byName.entries()], ([, v]) => v.ok);
    const total = report.phases.reduce((sum, p) => sum + p.durationMs, 0);
    const parts = entries.map(([name, v]) => `${v.ok ? '✅' : '❌'} ${name}${v.runs > 1 ? ` ×${v.runs}` : ''} ${formatDuration(v.ms)}`);
    return `**Phases:** ${parts.join(' · ')} · total ${formatDuration(total)}`;
}
/**
 * Traffic after a promote or rollback on one line, one entry per revision: those that serve traffic and the
 * one holding `prev_tag`. Other tags (every open PR's preview) are not production's business here.
 */
function renderTrafficLine(report) {
    if (report.traffic === undefined || report.traffic.length === 0)
        return '';
    const byRevision = new Map();
    for (const t of report.traffic) {
        const seen = byRevision.get(t.target) ?? { percent: 0, prev: false };
        byRevision.set(t.target, {
            percent: seen.percent + t.percent,
            prev: seen.prev || (t.tag !== undefined && t.tag === report.prevTag),
        });
    }
    const entries = [...byRevision.entries()]
        .filter(([, v]) => v.percent > 0 || v.prev)
        .sort(([, a], [, b]) => b.percent - a.percent)
        .map(([target, v]) => {
        const tag = v.prev && report.prevTag !== undefined ? ` (tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.prevTag)})` : '';
        return `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(target)} ${v.percent} %${tag}`;
    });
    return entries.length === 0 ? '' : `**Traffic now:** ${entries.join(' · ')}`;
}
/** The steps of a promotion, one line each, with the outcome of each check after it. */
function renderCanaryLines(report) {
    const steps = report.canary ?? [];
    if (steps.length === 0)
        return '';
    const mark = (ok) => (ok === undefined ? 'not run' : ok ? '✅' : '❌');
    return steps
        .map((s, i) => {
        const parts = [
            `**Step ${i + 1} of ${steps.length}:** ${s.ok ? '✅' : '❌'} ${s.percent} %`,
            `health ${mark(s.health)}`,
            `smoke ${mark(s.smoke)}`,
        ];
        if (s.errorRate !== undefined)
            parts.push(`error rate ${mark(s.errorRateOk)} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(s.errorRate)}`);
        return parts.join(' · ');
    })
        .join('\\\n');
}
function commitLink(report, ctx) {
    const sha = report.commitSha;
    if (sha === undefined)
        return undefined;
    const code = (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(sha.slice(0, 7));
    if (ctx.repoUrl === undefined || !/^[0-9a-f]{7,64}$/i.test(sha))
        return code;
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .linkMarkdown */ .k9)(code, `${ctx.repoUrl}/commit/${sha}`);
}
/**
 * Key facts on one line: PR, branch, digest, revisions, tag, project (the service and region are in the
 * services table, the commit is linked on the first line).
 */
function renderFactsLine(report, ctx = {}) {
    const facts = [];
    if (report.prNumber !== undefined) {
        const title = ctx.prTitle === undefined ? '' : ` ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(ctx.prTitle, MAX_TITLE), { links: false })}`;
        facts.push(`PR \\#${report.prNumber}${title}`);
    }
    if (ctx.headRef !== undefined)
        facts.push(`branch ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(ctx.headRef, MAX_BRANCH))}`);
    if (report.digest !== undefined)
        facts.push(`image ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(shortDigest(report.digest))}`);
    if (report.revision !== undefined)
        facts.push(`revision ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.revision)}`);
    if (report.previousRevision !== undefined)
        facts.push(`before ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.previousRevision)}`);
    if (report.tag !== undefined)
        facts.push(`tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.tag)}`);
    facts.push(`project ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.project)}`);
    if (report.runUrl !== undefined)
        facts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('workflow run', report.runUrl));
    return `**Facts:** ${facts.join(' · ')}`;
}
function isProduction(report) {
    return report.command === 'promote' || report.command === 'rollback';
}
/** The link the first line offers: the preview when it serves this run, production after a promotion. */
function primaryLink(report, kind) {
    if (report.url === undefined)
        return undefined;
    if (kind === 'ready')
        return `**${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('Open preview ↗', report.url)}**`;
    if (kind === 'promoted' || kind === 'production-rolled-back') {
        return `**${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('Open production ↗', report.url)}**`;
    }
    return undefined;
}
/** The first line: verdict, link, short commit, checks passed of total, duration and time updated. */
function renderHeadline(report, ctx = {}) {
    const kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictOf */ .Vj)(report);
    const now = ctx.now ?? new Date();
    const parts = [`**${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictLabel */ .Id)(kind)}**`];
    const link = primaryLink(report, kind);
    if (link !== undefined)
        parts.push(link);
    const commit = commitLink(report, ctx);
    if (commit !== undefined)
        parts.push(commit);
    if (report.canary !== undefined && report.canary.length > 0) {
        parts.push(report.canary.map((s) => `${s.percent} %`).join(' → '));
    }
    const { passed, total } = checksTally(report);
    if (total > 0)
        parts.push(`${passed}/${total} checks passed`);
    const elapsed = now.getTime() - new Date(report.startedAt).getTime();
    if (Number.isFinite(elapsed) && elapsed >= 0)
        parts.push(`took ${formatDuration(elapsed)}`);
    parts.push(`updated ${formatTime(now)}`);
    return parts.join(' · ');
}
/** Which revision answers where after this run, in words; undefined when the first line says it all. */
function renderServing(report, kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictOf */ .Vj)(report)) {
    const tag = report.tag === undefined ? 'the tag' : `tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.tag)}`;
    const rev = (r) => (r === undefined ? 'the earlier revision' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(r));
    const at = (label) => (report.url === undefined ? '' : `: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)(label, report.url)}`);
    const lastStep = report.canary?.at(-1);
    switch (kind) {
        case 'failed-to-start':
        case 'checks-failed':
        case 'failed':
            if (report.state === 'rolled-back' && report.url === undefined) {
                return `No preview: ${tag} was removed, as no earlier revision of this PR passed its checks.`;
            }
            if (report.state === 'rolled-back') {
                return `${tag} points back to ${rev(report.previousRevision)}, the last revision that passed${at('open it ↗')}.`;
            }
            if (report.url !== undefined && report.revision !== undefined) {
                return `${tag} still serves the failing revision ${rev(report.revision)}${at('open it ↗')}.`;
            }
            return `${tag} was not moved.`;
        case 'rolled-back':
            return `${tag} serves ${rev(report.previousRevision)} again, the last revision that passed${at('open it ↗')}.`;
        case 'build-failed':
        case 'deploy-failed':
            return `Nothing was deployed; ${tag} was not moved.`;
        case 'cancelled':
            return report.url === undefined
                ? `Stopped before a preview was ready; no preview serves ${tag}.`
                : `Stopped; ${tag} answers${at('open it ↗')}.`;
        case 'removed':
            return `The pull request was closed: ${tag} and its URL were removed.`;
        case 'cleanup-dry-run':
            return 'Nothing was removed (`dry_run`); the notes in the details list what a cleanup would remove.';
        case 'promoted':
            return `${rev(report.revision)} serves 100 % of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service)}; ${rev(report.previousRevision)} keeps ${report.prevTag === undefined ? 'its tag' : `tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.prevTag)}`} for a rollback.`;
        case 'promotion-stopped':
            return `Production traffic did not move: ${rev(report.previousRevision)} still serves it.`;
        case 'promotion-rolled-back':
            return `Stopped at ${lastStep === undefined ? 'a step' : `${lastStep.percent} %`}; traffic was restored: ${rev(report.previousRevision)} serves production again.`;
        case 'production-rolled-back':
            return `${rev(report.revision)} serves 100 % of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service)} again, in place of ${rev(report.previousRevision)}.`;
        case 'production-rollback-failed':
            return report.state === 'rolled-back'
                ? `Traffic was restored: ${rev(report.previousRevision)} still serves production.`
                : 'Traffic may be split between revisions: see the traffic in the details.';
        default:
            return undefined;
    }
}
/** One row per service: status, URL, revision. */
function renderServicesTable(report, kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictOf */ .Vj)(report)) {
    const v = _verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .VERDICTS */ .bk[kind];
    const production = isProduction(report);
    const label = production ? 'Visit production' : 'Visit preview';
    // Which revision the URL serves after a rollback is said in the line above the table.
    const url = report.url === undefined ? '–' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)(label, report.url);
    const revision = report.revision === undefined ? '–' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.revision, { inTable: true });
    return table(['Service', 'Status', production ? 'Production' : 'Preview', 'Revision'], ['---', '---', '---', '---'], [
        [
            `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service, { inTable: true })} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(report.region)}`,
            `${v.symbol} ${v.title}`,
            url,
            revision,
        ],
    ]);
}
/** Why the run failed: the first sentence in view, the rest of the message folded below. */
function splitReason(report) {
    if (report.failureReason === undefined)
        return undefined;
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .splitFirstSentence */ .W3)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(report.failureReason, MAX_MESSAGE));
}
/**
 * The folded part: checks, canary steps, phases, traffic, facts and notes, failing rows first. `compact`
 * keeps only the facts, for a body that would not fit GitHub's limits otherwise.
 */
function renderDetails(report, ctx, opts) {
    if (opts.compact === true) {
        return [
            `<details${opts.open ? ' open' : ''}><summary>Details: facts (the rest is in the workflow run)</summary>`,
            '',
            `${renderFactsLine(report, ctx)}`,
            '',
            "_The checks, phases and messages were left out to stay within GitHub's size limit._",
            '',
            '</details>',
        ].join('\n');
    }
    const sections = [];
    const reason = splitReason(report);
    if (reason !== undefined && reason.rest !== '') {
        sections.push(`**Full message:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)(`${reason.first} ${reason.rest}`)}`);
    }
    const checks = renderChecksTable(report);
    if (checks !== '')
        sections.push(checks);
    const canary = renderCanaryLines(report);
    if (canary !== '')
        sections.push(canary);
    // Phases, traffic, facts and notes as lines of one paragraph: each is short, and margins add up.
    const traffic = renderTrafficLine(report);
    const lines = [renderPhasesLine(report), traffic, renderFactsLine(report, ctx)];
    for (const note of report.notes)
        lines.push(`**Note:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(note, MAX_MESSAGE))}`);
    sections.push(lines.filter((l) => l !== '').join('\\\n'));
    const { passed, total } = checksTally(report);
    const what = [
        total > 0 ? `${total - passed === 0 ? 'all' : `${total - passed} failed of`} ${total} checks` : '',
    ]
        .concat(canary !== '' ? ['canary steps'] : [], ['phases'], traffic !== '' ? ['traffic'] : [], ['facts'])
        .filter((s) => s !== '');
    return [
        `<details${opts.open ? ' open' : ''}><summary>Details: ${what.join(', ')}</summary>`,
        '',
        sections.join('\n\n'),
        '',
        '</details>',
    ].join('\n');
}
/**
 * Everything the comment and the summary show for one run: the first line, where things stand, why it
 * failed, the services table and the folded details (open on failure, or always with `open`).
 */
function renderReport(report, ctx = {}, opts = {}) {
    const kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictOf */ .Vj)(report);
    // One paragraph, lines joined by hard breaks: the verdict, where things stand and why read as one block.
    const lead = [renderHeadline(report, ctx)];
    const serving = renderServing(report, kind);
    if (serving !== undefined)
        lead.push(serving);
    const reason = splitReason(report);
    if (reason !== undefined) {
        lead.push(`**Why:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)(reason.first)}${reason.rest === '' ? '' : ' (full message below)'}`);
    }
    return [
        lead.join('\\\n'),
        renderServicesTable(report, kind),
        renderDetails(report, ctx, { open: opts.open === true || (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .isFailure */ .N6)(kind), compact: opts.compact }),
    ].join('\n\n');
}
/** GitHub refuses a step summary larger than 1 MiB. */
const MAX_SUMMARY_BYTES = 1024 * 1024;
/** The job summary: the comment's renderer with the details open, without marker or history, within 1 MiB. */
function renderJobSummary(report, ctx = {}) {
    const full = `${renderReport(report, ctx, { open: true })}\n`;
    if (Buffer.byteLength(full, 'utf8') <= MAX_SUMMARY_BYTES)
        return full;
    return `${renderReport(report, ctx, { open: true, compact: true })}\n`;
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W3: () => (/* binding */ splitFirstSentence),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   aL: () => (/* binding */ escapeTableCell),
/* harmony export */   an: () => (/* binding */ sanitiseMarkerValue),
/* harmony export */   fd: () => (/* binding */ escapeProse),
/* harmony export */   k9: () => (/* binding */ linkMarkdown),
/* harmony export */   o3: () => (/* binding */ safeLink),
/* harmony export */   ti: () => (/* binding */ inlineCode),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony exports escapeHtml, stripInvisible, oneLine, neutraliseMentions, neutraliseCommentDelimiters, escapeMarkdownPunctuation, safeHref */
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
/**
 * Removes invisible format characters (Unicode category Cf): bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), zero-width spaces and joiners, the BOM, soft hyphens. In untrusted text
 * they can make a branch or title read differently from what it is; nothing we show needs them.
 */
function stripInvisible(text) {
    return text.replace(/\p{Cf}+/gu, '');
}
/** Collapses every kind of line break and control character into single spaces: one value, one line. */
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
    return stripInvisible(text).replace(controls, ' ').trim();
}
/** At most `max` characters (code points, so no surrogate pair is split), with `…` when cut. */
function truncate(text, max) {
    const chars = Array.from(text);
    return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
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
/** escapeText for a piece of a line that is already one line: spaces at its ends are kept. */
function escapeInline(piece) {
    return neutraliseMentions(escapeHtml(escapeMarkdownPunctuation(piece)));
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
 * An http(s) URL as a Markdown link destination, or undefined for anything else (a `javascript:` target
 * or a `)` that escapes the link syntax never lands).
 */
function safeHref(url) {
    if (url === undefined)
        return undefined;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return undefined;
    // URL serialisation percent-encodes spaces, quotes and angle brackets; parentheses are encoded by hand,
    // and `|`, which would end a table cell even inside a link target. `&` is written as the entity Markdown
    // decodes back to `&`, so `&lt;` in a query cannot turn into `<`.
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\|/g, '%7C').replace(/&/g, '&amp;');
}
/** A link whose text is untrusted and whose target must be an http(s) URL; otherwise escaped text alone. */
function safeLink(label, url) {
    return linkMarkdown(escapeText(label), url);
}
/** A link around Markdown that is already safe (a code span, escaped text); that Markdown alone when `url` is not http(s). */
function linkMarkdown(markdown, url) {
    const href = safeHref(url);
    return href === undefined ? markdown : `[${markdown}](${href})`;
}
/** http(s) URLs and `www.` hosts in running text, without the punctuation that usually ends a sentence. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
function trimUrl(match) {
    return match.replace(/[.,;:!?)\]}'"]+$/, '');
}
/** A short, readable label for a link to `href`: host and the start of the path. */
function linkLabel(href) {
    const path = href.pathname === '/' ? '' : href.pathname;
    return truncate(`${href.host}${path}`, 60);
}
/**
 * Untrusted prose (server error messages) as one line of Markdown text in which every http(s) URL becomes
 * a link with a short label and an exact target, and the rest is escaped text. Left to GFM's autolinker,
 * such URLs come out broken: the escapes escapeText adds (`\_`, `\#`, `&amp;`) would land inside them.
 * With `links: false` (PR titles) URLs become code spans: readable, copyable, never a link.
 */
function escapeProse(text, opts = {}) {
    const line = oneLine(text);
    const out = [];
    let last = 0;
    for (const match of line.matchAll(URL_IN_TEXT)) {
        const raw = trimUrl(match[0]);
        const start = match.index;
        out.push(escapeInline(line.slice(last, start)));
        last = start + raw.length;
        let href;
        try {
            href = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
        }
        catch {
            href = undefined;
        }
        if (opts.links === false || href === undefined || !/^https?:$/.test(href.protocol)) {
            out.push(inlineCode(raw, { inTable: opts.inTable }));
        }
        else {
            out.push(safeLink(linkLabel(href), href.href));
        }
    }
    out.push(escapeInline(line.slice(last)));
    return out.join('').trim();
}
/**
 * Splits a message at the end of its first sentence (a `.`, `!` or `?` followed by a space and a capital),
 * for showing the first sentence and folding the rest. A first sentence longer than `max` is cut there.
 */
function splitFirstSentence(text, max = 200) {
    const line = oneLine(text);
    // Dots inside URLs and names (`run.app`, `v1.2`) are not followed by a space, so they never end a sentence.
    const end = /[.!?](?=\s+["'(]?[A-Z])/.exec(line);
    const cut = end === null ? line.length : end.index + 1;
    if (cut <= max)
        return { first: line.slice(0, cut), rest: line.slice(cut).trim() };
    const chars = Array.from(line);
    return { first: `${chars.slice(0, max).join('')}…`, rest: `…${chars.slice(max).join('')}` };
}
/** A service name reduced to the characters allowed in the hidden marker. */
function sanitiseMarkerValue(value) {
    const cleaned = value.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-');
    return cleaned.replace(/-{2,}/g, '-').slice(0, 100) || 'default';
}


/***/ }),

/***/ 90687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CX: () => (/* binding */ VERDICT_KINDS),
/* harmony export */   Id: () => (/* binding */ verdictLabel),
/* harmony export */   N6: () => (/* binding */ isFailure),
/* harmony export */   Vj: () => (/* binding */ verdictOf),
/* harmony export */   bk: () => (/* binding */ VERDICTS)
/* harmony export */ });
/* unused harmony export failedPhase */
/** Symbol and words for each verdict; every verdict has its own symbol. */
const VERDICTS = {
    building: { symbol: '🏗️', title: 'Building' },
    deploying: { symbol: '⏳', title: 'Deploying' },
    checking: { symbol: '🔎', title: 'Checking' },
    ready: { symbol: '✅', title: 'Preview ready' },
    'build-failed': { symbol: '🧱', title: 'Build failed' },
    'deploy-failed': { symbol: '⛔', title: 'Deploy failed' },
    'failed-to-start': { symbol: '💥', title: 'Failed to start' },
    'checks-failed': { symbol: '❌', title: 'Checks failed' },
    'rolled-back': { symbol: '↩️', title: 'Checks failed, rolled back' },
    failed: { symbol: '⚠️', title: 'Failed' },
    cancelled: { symbol: '⏹️', title: 'Cancelled' },
    removed: { symbol: '🧹', title: 'Preview removed' },
    'cleanup-dry-run': { symbol: '📝', title: 'Cleanup dry run, nothing removed' },
    skipped: { symbol: '⏭️', title: 'Skipped' },
    promoting: { symbol: '🚦', title: 'Promoting' },
    promoted: { symbol: '🚢', title: 'Promoted to production' },
    'promotion-stopped': { symbol: '🛑', title: 'Promotion stopped, production unchanged' },
    'promotion-rolled-back': { symbol: '⏪', title: 'Promotion rolled back' },
    'production-rolled-back': { symbol: '⏮️', title: 'Production rolled back' },
    'production-rollback-failed': { symbol: '🚨', title: 'Production rollback failed' },
};
const VERDICT_KINDS = new Set(Object.keys(VERDICTS));
/** The first phase that failed, if any. */
function failedPhase(report) {
    return report.phases.find((p) => !p.ok)?.phase;
}
function previewFailure(report) {
    const phase = failedPhase(report);
    if (phase === 'build' || phase === 'push')
        return 'build-failed';
    // A revision exists once the deploy call answered: then it was the revision that did not start.
    if (phase === 'deploy')
        return report.revision === undefined ? 'deploy-failed' : 'failed-to-start';
    if (phase === 'ready' || phase === 'health' || phase === 'checks') {
        return report.state === 'rolled-back' && report.url !== undefined ? 'rolled-back' : 'checks-failed';
    }
    return 'failed';
}
/** The verdict for a report. */
function verdictOf(report) {
    const { state } = report;
    if (state === 'cancelled' || state === 'skipped' || state === 'removed')
        return state;
    // A cleanup dry run ends `ready`: what it would remove is in its notes, and the preview still serves.
    if (report.command === 'cleanup')
        return state === 'ready' ? 'cleanup-dry-run' : 'failed';
    if (report.command === 'promote' || report.command === 'rollback') {
        const rollback = report.command === 'rollback';
        if (state === 'promoted')
            return rollback ? 'production-rolled-back' : 'promoted';
        if (state === 'rolled-back')
            return rollback ? 'production-rollback-failed' : 'promotion-rolled-back';
        if (state === 'failed') {
            if (rollback)
                return 'production-rollback-failed';
            // Traffic never moved when no canary step started.
            return report.canary === undefined || report.canary.length === 0 ? 'promotion-stopped' : 'failed';
        }
        if (state === 'ready')
            return 'ready';
        return 'promoting';
    }
    if (state === 'building' || state === 'deploying' || state === 'checking' || state === 'ready')
        return state;
    if (state === 'promoted')
        return 'promoted';
    return previewFailure(report);
}
/** True for the verdicts that mean something went wrong: their details open. */
function isFailure(kind) {
    return [
        'build-failed',
        'deploy-failed',
        'failed-to-start',
        'checks-failed',
        'rolled-back',
        'failed',
        'promotion-stopped',
        'promotion-rolled-back',
        'production-rollback-failed',
    ].includes(kind);
}
/** `✅ Preview ready`. */
function verdictLabel(kind) {
    const v = VERDICTS[kind];
    return `${v.symbol} ${v.title}`;
}


/***/ })

};
