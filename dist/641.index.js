export const id = 641;
export const ids = [641,22];
export const modules = {

/***/ 12641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T2: () => (/* binding */ renderContextFor),
/* harmony export */   Vt: () => (/* binding */ commandForEvent),
/* harmony export */   ws: () => (/* binding */ readEventContext)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/**
 * The workflow event as plain data, read from the runner's GITHUB_* variables and the event payload file
 * at call time (not @actions/github's context, which is built once at import), and the command it implies.
 */


/** What the comment and summary renderers take from the event: the PR's text and the repository's URL. */
function renderContextFor(ctx) {
    return {
        headRef: ctx.headRef,
        prTitle: ctx.prTitle,
        repoUrl: `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}`,
    };
}
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
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch (err) {
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GITHUB_EVENT_PATH: cannot read the event payload at ${path}: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}.`);
    }
    try {
        return obj(JSON.parse(text)) ?? {};
    }
    catch (err) {
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GITHUB_EVENT_PATH: the event payload at ${path} is not JSON: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}.`);
    }
}
function parseRepository(value, payload) {
    const fromEnv = value ?? str(obj(payload.repository)?.full_name);
    const match = fromEnv === undefined ? null : /^([^/\s]+)\/([^/\s]+)$/.exec(fromEnv);
    if (match === null) {
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GITHUB_REPOSITORY: got ${JSON.stringify(fromEnv ?? '')}; expected owner/name (set by the Actions runner).`);
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


/***/ })

};
