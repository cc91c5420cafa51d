export const id = 716;
export const ids = [716];
export const modules = {

/***/ 8716:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCommand: () => (/* binding */ run_command_runCommand)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/github/index.ts + 12 modules
var src_github = __webpack_require__(81231);
;// CONCATENATED MODULE: ./src/report/phases.ts

/** Runs one phase inside a collapsible log group and records its duration and outcome on the report. */
async function timePhase(report, phase, fn) {
    const started = Date.now();
    return core/* group */.Os(`${phase}`, async () => {
        try {
            const value = await fn();
            report.phases.push({ phase, durationMs: Date.now() - started, ok: true });
            return value;
        }
        catch (err) {
            report.phases.push({ phase, durationMs: Date.now() - started, ok: false });
            throw err;
        }
    });
}
/** A fresh report for a run. */
function newReport(init) {
    return { state: 'deploying', phases: [], notes: [], startedAt: new Date().toISOString(), ...init };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/cloudrun/naming.ts
/**
 * Cloud Run naming rules, pure: the PR's traffic tag (from untrusted branch text), deterministic revision
 * names, and the limits Cloud Run enforces, checked here so a bad name fails before anything changes.
 */


/** Cloud Run: "Combined traffic tag and service name cannot exceed 46 characters" (the tag URL's first label). */
const MAX_TAG_AND_SERVICE = 46;
/** Cloud Run service names: at most 49 characters. */
const MAX_SERVICE_NAME = 49;
/** Revision names are DNS labels: at most 63 characters. */
const MAX_REVISION_NAME = 63;
/** The tag template used when the user gives none. */
const DEFAULT_TAG_TEMPLATE = 'pr-{number}';
const DNS_1035 = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
/** True for a DNS-1035 label: lowercase letter first, then [a-z0-9-], no trailing '-', at most `max` long. */
function isDns1035Label(text, max = 63) {
    return text.length <= max && DNS_1035.test(text);
}
/** Checks a Cloud Run service name and returns it; a bad one is a UserError on input `service`. */
function validateServiceName(service) {
    if (!isDns1035Label(service, MAX_SERVICE_NAME)) {
        throw user_error/* UserError */.y.forInput('service', service, `allowed: lowercase letters, digits and hyphens, starting with a letter, not ending with '-', at most ${MAX_SERVICE_NAME} characters`);
    }
    return service;
}
/** Checks a traffic tag on its own and against the service name (the 46-character rule). */
function validateTag(tag, service) {
    if (!isDns1035Label(tag)) {
        throw user_error/* UserError */.y.forInput('tag', tag, "allowed: a DNS-1035 label (lowercase letter first, then lowercase letters, digits and hyphens, not ending with '-')");
    }
    if (tag.length + service.length > MAX_TAG_AND_SERVICE)
        throw tooLong(tag, service);
    return tag;
}
function tooLong(tag, service) {
    return new user_error/* UserError */.y(`Inputs 'tag' and 'service': tag ${JSON.stringify(tag)} (${tag.length} characters) plus service ` +
        `${JSON.stringify(service)} (${service.length}) make ${service.length + tag.length}; allowed: at most ` +
        `${MAX_TAG_AND_SERVICE} together (Cloud Run's limit for tag + service name), so use a shorter service name or tag template.`, 'tag');
}
/**
 * Turns untrusted text (a branch name) into DNS-label characters, possibly empty: accents are folded,
 * anything else outside [a-z0-9] becomes one '-', and leading non-letters and trailing '-' are dropped.
 * `feat/../../<script>` -> `feat-script`.
 */
function sanitiseLabel(text) {
    return text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^[^a-z]+/, '')
        .replace(/-+$/, '');
}
/**
 * The PR's traffic tag: `pr-<n>` by default, or the user's template. When `{branch}` makes it too long for
 * the service, the branch part is truncated (deterministically); when nothing can make it fit, a UserError
 * names `service` and `tag` before anything changes.
 */
function prTag(input) {
    const template = input.template ?? DEFAULT_TAG_TEMPLATE;
    if (!Number.isSafeInteger(input.prNumber) || input.prNumber <= 0) {
        throw user_error/* UserError */.y.forInput('pr_number', String(input.prNumber), 'allowed: a positive whole number');
    }
    if (!template.includes('{number}')) {
        // Without the number, two pull requests (say, same branch name from two forks) would move each other's tag.
        throw user_error/* UserError */.y.forInput('tag', template, 'allowed: a template containing {number}, such as pr-{number}');
    }
    const budget = MAX_TAG_AND_SERVICE - input.service.length;
    const render = (branch) => template
        .replaceAll('{number}', String(input.prNumber))
        .replaceAll('{branch}', branch)
        .replace(/-{2,}/g, '-')
        .replace(/^-+|-+$/g, '');
    const branch = sanitiseLabel(input.branch ?? '');
    let tag = render(branch);
    if (tag.length > budget && template.includes('{branch}')) {
        const fixedLength = render('').length;
        const room = Math.max(0, budget - fixedLength - 1);
        tag = render(branch.slice(0, room).replace(/-+$/, ''));
        // Joining pieces can still overshoot by the separator a truncated branch no longer needs.
        if (tag.length > budget)
            tag = render('');
    }
    return validateTag(tag, input.service);
}
/** Serialises with sorted object keys, so equal settings hash equal whatever order they were built in. */
function canonicalJson(value) {
    return JSON.stringify(value, (_key, v) => v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v);
}
/** A short, stable hex hash of a revision template's settings (changes when any setting changes). */
function configHash(settings, length = 6) {
    return (0,external_node_crypto_.createHash)('sha256').update(canonicalJson(settings)).digest('hex').slice(0, length);
}
/**
 * A deterministic revision name `<service>-pr<n>-<sha7>-<config>`: a re-run of the same commit with the same
 * settings maps to the same name (idempotent), a settings change gets a new one. When that passes 63
 * characters, the suffix becomes a hash of the same three parts, cut to fit.
 */
function revisionName(input) {
    validateServiceName(input.service);
    const sha = input.sha.toLowerCase();
    if (!/^[0-9a-f]{7,64}$/.test(sha)) {
        throw user_error/* UserError */.y.forInput('sha', input.sha, 'allowed: a commit SHA of 7 to 64 hexadecimal characters');
    }
    const config = input.configHash.toLowerCase().replace(/[^0-9a-z]/g, '');
    const readable = `${input.service}-pr${input.prNumber}-${sha.slice(0, 7)}-${config.slice(0, 6)}`;
    if (readable.length <= MAX_REVISION_NAME && isDns1035Label(readable))
        return readable;
    // A 49-character service leaves 13 characters: still 52 bits of hash, enough for one service's revisions.
    const room = MAX_REVISION_NAME - input.service.length - 1;
    const digest = (0,external_node_crypto_.createHash)('sha256').update(`${input.prNumber}\n${sha}\n${config}`).digest('hex');
    return `${input.service}-${digest.slice(0, room)}`;
}

;// CONCATENATED MODULE: ./src/cloudrun/api-mapping.ts

const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';
/** The last path segment of a resource name (`.../revisions/web-001` -> `web-001`). */
const shortName = (name) => (name ?? '').split('/').pop() ?? '';
/** Enum values arrive as names (proto-loader, gax) or numbers (protobufjs objects); both mean the same. */
function isLatest(type) {
    return type === LATEST || type === 1;
}
function fromTarget(t) {
    const latest = isLatest(t.type) || (!t.revision && !isRevisionType(t.type));
    return {
        type: latest ? 'LATEST' : 'REVISION',
        ...(latest ? {} : { revision: shortName(t.revision) }),
        percent: t.percent ?? 0,
        ...(t.tag ? { tag: t.tag } : {}),
    };
}
function isRevisionType(type) {
    return type === REVISION || type === 2;
}
/** The API's traffic targets in the planner's shape. */
function fromApiTraffic(traffic) {
    return (traffic ?? []).map(fromTarget);
}
/** The API's traffic statuses (with the revision LATEST resolves to, and tag URLs). */
function fromApiStatuses(statuses) {
    return (statuses ?? []).map((s) => ({
        ...fromTarget(s),
        // A LATEST status names the revision it resolves to: that is what "pin LATEST" needs.
        ...(s.revision ? { revision: shortName(s.revision) } : {}),
        ...(s.uri ? { uri: s.uri } : {}),
    }));
}
/** Planner targets as API traffic targets (revisions by short name, as Cloud Run accepts them). */
function toApiTraffic(traffic) {
    return traffic.map((t) => ({
        type: t.type === 'LATEST' ? LATEST : REVISION,
        ...(t.type === 'LATEST' ? {} : { revision: t.revision }),
        percent: t.percent,
        ...(t.tag !== undefined ? { tag: t.tag } : {}),
    }));
}
/** A service message in the callers' shape. */
function serviceState(svc) {
    const trafficStatuses = fromApiStatuses(svc.trafficStatuses);
    const tagUrls = {};
    for (const s of trafficStatuses)
        if (s.tag && s.uri)
            tagUrls[s.tag] = s.uri;
    const optional = (key, value) => value ? { [key]: value } : {};
    return {
        name: shortName(svc.name),
        ...optional('uri', svc.uri),
        ...optional('etag', svc.etag),
        ...optional('latestReadyRevision', shortName(svc.latestReadyRevision)),
        ...optional('latestCreatedRevision', shortName(svc.latestCreatedRevision)),
        traffic: fromApiTraffic(svc.traffic),
        trafficStatuses,
        tagUrls,
    };
}
const DIGEST_REF = /^[^\s@]+@sha256:[0-9a-f]{64}$/;
/** The revision template for these settings; a non-digest image is refused. */
function revisionTemplate(s) {
    if (!DIGEST_REF.test(s.image)) {
        throw user_error/* UserError */.y.forInput('image', s.image, 'allowed: an image reference pinned by digest (name@sha256:<64 hex>)');
    }
    const limits = {};
    if (s.cpu !== undefined)
        limits.cpu = s.cpu;
    if (s.memory !== undefined)
        limits.memory = s.memory;
    const env = [
        ...Object.entries(s.env ?? {}).map(([name, value]) => ({ name, value })),
        ...(s.secretEnv ?? []).map((e) => ({
            name: e.env,
            valueSource: { secretKeyRef: { secret: e.secret, version: e.version } },
        })),
    ];
    const scaling = s.minInstances !== undefined || s.maxInstances !== undefined
        ? {
            scaling: {
                ...(s.minInstances !== undefined ? { minInstanceCount: s.minInstances } : {}),
                ...(s.maxInstances !== undefined ? { maxInstanceCount: s.maxInstances } : {}),
            },
        }
        : {};
    return {
        revision: s.revisionName,
        labels: { ...(s.labels ?? {}) },
        annotations: { ...(s.annotations ?? {}) },
        ...scaling,
        ...(s.concurrency !== undefined ? { maxInstanceRequestConcurrency: s.concurrency } : {}),
        ...(s.serviceAccount !== undefined ? { serviceAccount: s.serviceAccount } : {}),
        ...(s.timeoutSeconds !== undefined ? { timeout: { seconds: s.timeoutSeconds } } : {}),
        containers: [
            {
                image: s.image,
                env,
                ...(s.command !== undefined ? { command: s.command } : {}),
                ...(s.args !== undefined ? { args: s.args } : {}),
                ...(s.port !== undefined ? { ports: [{ containerPort: s.port }] } : {}),
                resources: { limits, ...(s.cpuBoost !== undefined ? { startupCpuBoost: s.cpuBoost } : {}) },
            },
        ],
    };
}
/** A revision's own Ready condition: true, false (with the reason), or undefined while it is still deciding. */
function revisionReadiness(rev) {
    const cond = (rev.conditions ?? []).find((c) => c.type === 'Ready');
    const state = cond?.state;
    if (state === 'CONDITION_SUCCEEDED' || state === 4)
        return { ready: true };
    if (state === 'CONDITION_FAILED' || state === 3) {
        return { ready: false, message: cond?.message || cond?.reason?.toString() || 'revision failed' };
    }
    return { ready: undefined };
}

// EXTERNAL MODULE: ./node_modules/@google-cloud/artifact-registry/build/src/index.js
var src = __webpack_require__(34192);
// EXTERNAL MODULE: ./node_modules/@google-cloud/run/build/src/index.js
var build_src = __webpack_require__(89475);
// EXTERNAL MODULE: ./node_modules/@grpc/grpc-js/build/src/index.js
var grpc_js_build_src = __webpack_require__(83033);
;// CONCATENATED MODULE: ./src/cloudrun/client-factory.ts
/**
 * Every Google client of the action is built from `clientOptions`, so one variable
 * (GCP_DEPLOY_EMULATOR_HOST) points Cloud Run and Artifact Registry at the local emulator.
 */



/**
 * Client options: the local emulator (insecure channel, no auth) when GCP_DEPLOY_EMULATOR_HOST=host:port is
 * set, else `{}` (Application Default Credentials and run.googleapis.com).
 */
function clientOptions(env = process.env) {
    const hostPort = env.GCP_DEPLOY_EMULATOR_HOST;
    if (hostPort === undefined || hostPort === '')
        return {};
    const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(hostPort);
    const port = Number(m?.[2]);
    if (!m?.[1] || !(port >= 1 && port <= 65535)) {
        throw new Error(`GCP_DEPLOY_EMULATOR_HOST must be host:port, got ${JSON.stringify(hostPort)}`);
    }
    // google-gax skips authentication when sslCreds is given; naming the universe spares the GCE metadata
    // probe (and its warning) on a machine that is not on Google Cloud.
    return {
        apiEndpoint: m[1],
        port,
        sslCreds: grpc_js_build_src.credentials.createInsecure(),
        universeDomain: 'googleapis.com',
    };
}
/** Cloud Run clients for this environment. */
function cloudRunClients(env = process.env) {
    const options = clientOptions(env);
    const services = new build_src/* ServicesClient */.WF(options);
    const revisions = new build_src/* RevisionsClient */.Uy(options);
    return {
        services,
        revisions,
        close: async () => {
            await Promise.all([services.close(), revisions.close()]);
        },
    };
}
/** An Artifact Registry client for this environment. */
function artifactRegistryClient(env = process.env) {
    return new src/* ArtifactRegistryClient */.DA(clientOptions(env));
}

;// CONCATENATED MODULE: ./src/cloudrun/retry.ts
/**
 * Retries of transient Google API errors: exponential backoff with full jitter, bounded in attempts and in
 * total time. Permanent errors (bad argument, permission, not found, precondition) fail at once.
 */
/** gRPC status codes used by the adapters. */
const GRPC = {
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    ALREADY_EXISTS: 6,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    ABORTED: 10,
    INTERNAL: 13,
    UNAVAILABLE: 14,
};
/** gRPC codes worth another try: the same call may succeed a moment later. */
const TRANSIENT_GRPC = new Set([
    GRPC.DEADLINE_EXCEEDED,
    GRPC.RESOURCE_EXHAUSTED,
    GRPC.UNAVAILABLE,
]);
/** gRPC codes that mean "someone else changed it first": re-read, re-plan, re-apply. */
const CONFLICT_GRPC = new Set([GRPC.ABORTED]);
/** The gRPC status code (or HTTP status) an error from a Google client carries, if any. */
function errorCode(err) {
    const e = err;
    if (typeof e?.code === 'number')
        return e.code;
    if (typeof e?.status === 'number')
        return e.status;
    return undefined;
}
/**
 * True for UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED and HTTP 408/429/5xx; INTERNAL only when the
 * call is an idempotent read (a write that failed INTERNAL may have happened).
 */
function isTransient(err, idempotentRead = false) {
    const code = errorCode(err);
    if (code === undefined)
        return false;
    if (code >= 100)
        return code === 408 || code === 429 || (code >= 500 && code <= 599);
    return TRANSIENT_GRPC.has(code) || (idempotentRead && code === GRPC.INTERNAL);
}
/** True for an etag conflict: ABORTED, or FAILED_PRECONDITION whose message speaks of the etag. */
function isConflict(err) {
    const code = errorCode(err);
    if (code !== undefined && CONFLICT_GRPC.has(code))
        return true;
    const message = err instanceof Error ? err.message : '';
    return code === GRPC.FAILED_PRECONDITION && /etag|modified since|concurrent/i.test(message);
}
const realSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The delay before retry number `attempt` (1-based): uniform in [0, min(maxMs, baseMs * 2^(attempt-1))]. */
function backoffDelay(attempt, random, baseMs = 200, maxMs = 8000) {
    const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(random() * cap);
}
/** Runs `fn`, retrying with backoff and full jitter while `retryOn` says the error is worth it. */
async function withRetry(fn, o = {}) {
    const attempts = o.attempts ?? 6;
    const retryOn = o.retryOn ?? ((err) => isTransient(err));
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? realSleep;
    const started = now();
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            if (attempt >= attempts || !retryOn(err))
                throw err;
            const delay = backoffDelay(attempt, o.random ?? Math.random, o.baseMs, o.maxMs);
            // The time budget bounds the whole retry loop: a retry that would start after it is not made.
            if (now() + delay - started > (o.maxElapsedMs ?? 60_000))
                throw err;
            o.onRetry?.(err, attempt, delay);
            await sleep(delay);
        }
    }
}

;// CONCATENATED MODULE: ./src/cloudrun/traffic-plan.ts
/**
 * The traffic planner, pure: a service's current traffic + one operation -> the new traffic list. Its
 * promises (percents sum to 100, tags unique, a preview moves no percent and no other tag, cleanup removes
 * only its own tags, restore is exact) are property-tested without servers.
 */

const copy = (t) => ({
    type: t.type,
    ...(t.revision !== undefined ? { revision: t.revision } : {}),
    percent: t.percent,
    ...(t.tag !== undefined ? { tag: t.tag } : {}),
});
/** Cloud Run reads an empty traffic list as "100 % to LATEST". */
function effective(traffic) {
    return traffic.length === 0 ? [{ type: 'LATEST', percent: 100 }] : traffic.map(copy);
}
/** The revision LATEST means now: what the statuses show it serving, else the latest ready revision. */
function latestMeans(svc) {
    const status = (svc.trafficStatuses ?? []).find((s) => s.type === 'LATEST' && s.revision);
    return status?.revision ?? svc.latestReadyRevision;
}
/**
 * Replaces every LATEST target (with any tag riding on it, such as `prod`) by the concrete revision it
 * means now, so a new revision can take neither its traffic nor its tags. With no ready revision LATEST
 * means nothing yet and stays as it is.
 */
function pinLatest(svc) {
    const latest = latestMeans(svc);
    return effective(svc.traffic).map((t) => t.type === 'LATEST' && latest !== undefined ? { ...t, type: 'REVISION', revision: latest } : t);
}
/** Drops untagged 0 % targets and merges untagged targets of one revision (same routing, shorter list). */
function tidy(traffic) {
    const out = [];
    for (const t of traffic) {
        if (t.tag === undefined && t.percent === 0)
            continue;
        const twin = t.tag === undefined
            ? out.find((o) => o.tag === undefined && o.type === t.type && o.revision === t.revision)
            : undefined;
        if (twin)
            twin.percent += t.percent;
        else
            out.push(t);
    }
    return out;
}
/** Removes the given tags (and only those); a serving target keeps its percent without the tag. */
function withoutTags(traffic, tags) {
    return tidy(traffic.map((t) => {
        if (t.tag === undefined || !tags.has(t.tag))
            return t;
        const { tag: _removed, ...rest } = t;
        return rest;
    }));
}
/** Splits `total` over `weights` in whole numbers summing exactly to `total` (largest remainder method). */
function apportion(weights, total) {
    if (weights.length === 0)
        return [];
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum <= 0)
        return weights.map((_, i) => (i === 0 ? total : 0));
    const exact = weights.map((w) => (w * total) / sum);
    const shares = exact.map(Math.floor);
    let left = total - shares.reduce((a, b) => a + b, 0);
    // Ties go to the earlier target, so the split is deterministic.
    const order = exact
        .map((e, i) => ({ i, rest: e - Math.floor(e) }))
        .sort((a, b) => b.rest - a.rest || a.i - b.i);
    for (const { i } of order) {
        if (left <= 0)
            break;
        shares[i] = (shares[i] ?? 0) + 1;
        left--;
    }
    return shares;
}
/** Percent served per revision, LATEST resolved (to `LATEST` when it means nothing yet). */
function servingShares(traffic, latest) {
    const shares = new Map();
    for (const t of effective(traffic)) {
        if (t.percent <= 0)
            continue;
        const rev = t.type === 'LATEST' ? (latest ?? 'LATEST') : (t.revision ?? '');
        shares.set(rev, (shares.get(rev) ?? 0) + t.percent);
    }
    return shares;
}
/** The revision serving most (the first one on a tie). */
function mainRevision(traffic) {
    let best;
    for (const [rev, percent] of servingShares(traffic, undefined)) {
        if (best === undefined || percent > best.percent)
            best = { rev, percent };
    }
    return best?.rev;
}
function promote(svc, revision, wanted, prevTag) {
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 100) {
        throw user_error/* UserError */.y.forInput('percent', String(wanted), 'allowed: a whole number from 0 to 100');
    }
    const pinned = pinLatest(svc);
    const others = pinned.filter((t) => t.revision !== revision);
    const previousMain = mainRevision(others);
    const serving = others.filter((t) => t.percent > 0);
    // With nothing else serving, the revision keeps everything: there is nobody to hand the rest to.
    const percent = serving.length === 0 ? 100 : wanted;
    const shares = apportion(serving.map((t) => t.percent), 100 - percent);
    let next = 0;
    const rest = others.map((t) => (t.percent > 0 ? { ...t, percent: shares[next++] ?? 0 } : t));
    // The promoted revision's tagged targets keep their tags at 0 %; its traffic goes on one untagged target.
    const mine = pinned.filter((t) => t.revision === revision).map((t) => ({ ...t, percent: 0 }));
    let result = tidy([...rest, ...mine, { type: 'REVISION', revision, percent }]);
    if (prevTag !== undefined && percent === 100 && previousMain !== undefined && previousMain !== 'LATEST') {
        result = [
            ...withoutTags(result, new Set([prevTag])),
            { type: 'REVISION', revision: previousMain, percent: 0, tag: prevTag },
        ];
    }
    return result;
}
/** Applies one operation to the service's current traffic and returns the new list (inputs untouched). */
function planTraffic(svc, op) {
    switch (op.kind) {
        case 'preview': {
            const pinned = withoutTags(pinLatest(svc), new Set([op.tag]));
            return [...pinned, { type: 'REVISION', revision: op.revision, percent: 0, tag: op.tag }];
        }
        case 'retag': {
            const rest = withoutTags(effective(svc.traffic), new Set([op.tag]));
            return op.revision === null
                ? rest
                : [...rest, { type: 'REVISION', revision: op.revision, percent: 0, tag: op.tag }];
        }
        case 'untag':
            return withoutTags(effective(svc.traffic), new Set(op.tags));
        case 'promote':
            return promote(svc, op.revision, op.percent, op.prevTag);
        case 'restore':
            return op.traffic.map(copy);
        case 'pin':
            return pinLatest(svc);
    }
}
/** A problem with a traffic list (percents not 0..100 or not summing to 100, a duplicate tag), or undefined. */
function trafficProblem(traffic) {
    const sum = traffic.reduce((a, t) => a + t.percent, 0);
    if (traffic.some((t) => !Number.isInteger(t.percent) || t.percent < 0 || t.percent > 100)) {
        return 'every percent must be a whole number from 0 to 100';
    }
    if (traffic.length > 0 && sum !== 100)
        return `percents sum to ${sum}, not 100`;
    const tags = traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag]));
    const dup = tags.find((t, i) => tags.indexOf(t) !== i);
    return dup === undefined ? undefined : `tag ${dup} is used twice`;
}

;// CONCATENATED MODULE: ./src/cloudrun/cloud-run-service.ts
/**
 * The thin adapter over the Cloud Run Admin API v2 clients, and the only place that knows their calls:
 * every traffic change is a read-modify-write on the service's etag, conflicts re-plan from fresh state,
 * transient errors go through retry.ts, operations and revision readiness are polled with backoff.
 */




/** Our retry policy owns retries, so google-gax's own (1 s first delay, invisible to counts) is switched off. */
const NO_GAX_RETRY = { retry: null };
const PIN = { kind: 'pin' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function notFound(what) {
    return Object.assign(new Error(`${what} not found`), { code: GRPC.NOT_FOUND });
}
/** Cloud Run for one project and region. */
class CloudRunService {
    o;
    calls = 0;
    clients;
    log;
    timeoutMs;
    constructor(o) {
        this.o = o;
        this.clients = o.clients ?? cloudRunClients(o.env ?? process.env);
        this.log = o.log ?? (() => undefined);
        this.timeoutMs = o.timeoutMs ?? 300_000;
    }
    /** API calls made so far, retries and operation polls included. */
    get apiCalls() {
        return this.calls;
    }
    /** `projects/P/locations/L/services/S`. */
    serviceName(service) {
        return `projects/${this.o.project}/locations/${this.o.region}/services/${service}`;
    }
    revisionPath(service, revision) {
        return `${this.serviceName(service)}/revisions/${revision}`;
    }
    /** One API call, counted, with transient errors retried (INTERNAL too when it is an idempotent read). */
    call(fn, read) {
        return withRetry(() => {
            this.calls++;
            return fn();
        }, {
            ...this.o.retry,
            retryOn: (err) => isTransient(err, read),
            onRetry: (err, n, ms) => this.log(`transient Cloud Run error (code ${errorCode(err)}), retry ${n} in ${ms} ms`),
        });
    }
    async getRaw(service) {
        try {
            const [svc] = await this.call(() => this.clients.services.getService({ name: this.serviceName(service) }, NO_GAX_RETRY), true);
            return svc;
        }
        catch (err) {
            if (errorCode(err) === GRPC.NOT_FOUND)
                return null;
            throw err;
        }
    }
    /** The service, or null when it does not exist. */
    async getService(service) {
        const svc = await this.getRaw(service);
        return svc === null ? null : serviceState(svc);
    }
    /** Polls an operation to its end with backoff; each poll is a counted, retried read. */
    async waitOperation(op) {
        const deadline = Date.now() + this.timeoutMs;
        let delay = 50;
        while (op.latestResponse.done !== true) {
            if (Date.now() > deadline)
                throw new Error(`operation not done within ${this.timeoutMs / 1000} s`);
            await sleep(delay);
            delay = Math.min(delay * 2, 2000);
            await this.call(async () => op.getOperation(), true);
        }
        // A finished operation unpacks locally: its result, or its error as a rejection.
        const [result] = (await op.getOperation());
        return result;
    }
    /**
     * Read-modify-write of the service on its etag: `plan` is recomputed from fresh state after every
     * conflict, so only this run's change is re-applied over whatever others wrote meanwhile. `template`
     * (when given) is asked again each round, so a revision created by a lost-answer round is not re-sent.
     */
    async readModifyWrite(service, plan, template) {
        return withRetry(async () => {
            const raw = await this.getRaw(service);
            if (raw === null)
                throw notFound(`Cloud Run service ${service}`);
            const state = serviceState(raw);
            const traffic = plan(state);
            const problem = trafficProblem(traffic);
            if (problem !== undefined)
                throw new Error(`planned traffic for ${service} is invalid: ${problem}`);
            const newTemplate = template === undefined ? undefined : await template();
            if (newTemplate === undefined && JSON.stringify(traffic) === JSON.stringify(state.traffic))
                return state;
            // UpdateService replaces the whole spec: send everything read, changing only template and traffic.
            const next = {
                ...raw,
                traffic: toApiTraffic(traffic),
                template: newTemplate ?? raw.template,
            };
            this.calls++;
            const [op] = await this.clients.services.updateService({ service: next }, NO_GAX_RETRY);
            return serviceState(await this.waitOperation(op));
        }, {
            attempts: this.o.conflictAttempts ?? 20,
            baseMs: 50,
            maxMs: 1000,
            maxElapsedMs: this.timeoutMs,
            random: this.o.retry?.random,
            // A lost answer or a conflict both mean: re-read and re-plan (the plan is idempotent).
            retryOn: (err) => isConflict(err) || isTransient(err),
            onRetry: (err, n, ms) => this.log(`service ${service} changed or was unreachable (code ${errorCode(err)}): re-reading, round ${n + 1} in ${ms} ms`),
        });
    }
    /** Changes traffic with `plan(fresh state) -> new traffic`, retried on etag conflicts. */
    updateTraffic(service, plan) {
        return this.readModifyWrite(service, plan);
    }
    /** Applies one planner operation (preview, retag, untag, promote, restore, pin). */
    applyTraffic(service, op) {
        return this.readModifyWrite(service, (svc) => planTraffic(svc, op));
    }
    /** Creates the service running `settings` (tagged `tag` when given) and waits for the revision. */
    async createService(service, settings, opts = {}) {
        const template = revisionTemplate(settings);
        const traffic = [{ type: 'LATEST', percent: 100 }];
        if (opts.tag !== undefined)
            traffic.push({ type: 'REVISION', revision: settings.revisionName, percent: 0, tag: opts.tag });
        let message;
        try {
            // A retry after a lost answer finds the service created: ALREADY_EXISTS below takes it from there.
            const [op] = await this.call(() => this.clients.services.createService({
                parent: `projects/${this.o.project}/locations/${this.o.region}`,
                serviceId: service,
                service: { template, labels: { ...(opts.labels ?? {}) }, traffic: toApiTraffic(traffic) },
            }, NO_GAX_RETRY), false);
            await this.waitOperation(op);
        }
        catch (err) {
            // Another run (or our own lost-answer attempt) created it first: deploy into it the ordinary way.
            if (errorCode(err) === GRPC.ALREADY_EXISTS) {
                const op = opts.tag === undefined ? PIN : previewOp(opts.tag, settings);
                return this.deployRevision(service, settings, op);
            }
            if (isTransient(err))
                throw err;
            message = err instanceof Error ? err.message : String(err);
        }
        return this.settle(service, settings.revisionName, opts.tag, true, message);
    }
    /**
     * Deploys a new revision with ONE UpdateService carrying the template and the planned traffic (by default
     * LATEST pinned, so the revision takes no traffic), then waits for the revision's own Ready condition.
     * A revision of the same name that exists already is reused (idempotent re-run).
     */
    async deployRevision(service, settings, op = PIN) {
        const template = revisionTemplate(settings);
        const existed = (await this.getRevisionRaw(service, settings.revisionName)) !== null;
        let round = 0;
        let message;
        try {
            await this.readModifyWrite(service, (svc) => planTraffic(svc, op), async () => {
                round++;
                if (existed)
                    return undefined;
                // After a round whose answer was lost, the revision may exist: sending its template again would clash.
                if (round > 1 && (await this.getRevisionRaw(service, settings.revisionName)) !== null)
                    return undefined;
                return template;
            });
        }
        catch (err) {
            if (isTransient(err) || isConflict(err) || errorCode(err) === GRPC.NOT_FOUND)
                throw err;
            // A failed operation (say, the revision could not start) is an outcome to report, not a crash.
            message = err instanceof Error ? err.message : String(err);
        }
        const tag = op.kind === 'preview' || op.kind === 'retag' ? op.tag : undefined;
        return this.settle(service, settings.revisionName, tag, !existed, message);
    }
    async settle(service, revision, tag, created, failure) {
        // When the write failed and left no revision behind, there is nothing to wait for.
        const state = failure !== undefined && (await this.getRevisionRaw(service, revision)) === null
            ? { ready: false, message: failure }
            : await this.waitRevisionReady(service, revision);
        const message = state.message ?? failure;
        const uri = state.ready && tag !== undefined ? await this.waitTagUri(service, tag, revision) : undefined;
        return {
            revision,
            ready: state.ready,
            created,
            ...(uri ? { uri } : {}),
            ...(message ? { message } : {}),
        };
    }
    /**
     * Polls the revision's own Ready condition. A no-traffic revision never shows as the service's
     * latestReadyRevision (which follows serving revisions), so that field cannot tell.
     */
    async waitRevisionReady(service, revision) {
        const deadline = Date.now() + this.timeoutMs;
        let delay = 100;
        for (;;) {
            const rev = await this.getRevisionRaw(service, revision);
            const r = rev === null ? { ready: undefined } : revisionReadiness(rev);
            if (r.ready !== undefined)
                return r.message ? { ready: r.ready, message: r.message } : { ready: r.ready };
            if (Date.now() > deadline) {
                return { ready: false, message: `revision ${revision} not ready within ${this.timeoutMs / 1000} s` };
            }
            await sleep(delay);
            delay = Math.min(delay * 2, 3000);
        }
    }
    /** The tag's URL once the traffic statuses show it on `revision` (statuses follow the spec after routing). */
    async waitTagUri(service, tag, revision) {
        const deadline = Date.now() + this.timeoutMs;
        let delay = 100;
        for (;;) {
            const svc = await this.getService(service);
            const status = svc?.trafficStatuses.find((s) => s.tag === tag);
            if (status?.uri && status.revision === revision)
                return status.uri;
            // Someone else moved the tag meanwhile: no URL of ours to report.
            if (!svc?.traffic.some((t) => t.tag === tag && t.revision === revision))
                return undefined;
            if (Date.now() > deadline)
                return undefined;
            await sleep(delay);
            delay = Math.min(delay * 2, 2000);
        }
    }
    async getRevisionRaw(service, revision) {
        try {
            const [rev] = await this.call(() => this.clients.revisions.getRevision({ name: this.revisionPath(service, revision) }, NO_GAX_RETRY), true);
            return rev;
        }
        catch (err) {
            if (errorCode(err) === GRPC.NOT_FOUND)
                return null;
            throw err;
        }
    }
    /** A revision, or null when it does not exist. */
    async getRevision(service, revision) {
        const rev = await this.getRevisionRaw(service, revision);
        return rev === null ? null : revisionInfo(rev);
    }
    /** The service's revisions whose labels include every pair of `labelFilter`. */
    async listRevisions(service, labelFilter = {}) {
        const [list] = await this.call(() => this.clients.revisions.listRevisions({ parent: this.serviceName(service) }, NO_GAX_RETRY), true);
        return list
            .filter((r) => Object.entries(labelFilter).every(([k, v]) => r.labels?.[k] === v))
            .map(revisionInfo);
    }
    /** Deletes a revision and waits; one already gone counts as deleted. */
    async deleteRevision(service, revision) {
        try {
            const [op] = await this.call(() => this.clients.revisions.deleteRevision({ name: this.revisionPath(service, revision) }, NO_GAX_RETRY), false);
            await this.waitOperation(op);
        }
        catch (err) {
            if (errorCode(err) !== GRPC.NOT_FOUND)
                throw err;
        }
    }
    /** Deletes the service and waits; one already gone counts as deleted. */
    async deleteService(service) {
        try {
            const [op] = await this.call(() => this.clients.services.deleteService({ name: this.serviceName(service) }, NO_GAX_RETRY), false);
            await this.waitOperation(op);
        }
        catch (err) {
            if (errorCode(err) !== GRPC.NOT_FOUND)
                throw err;
        }
    }
    /** Closes the gRPC channels. */
    close() {
        return this.clients.close();
    }
}
function previewOp(tag, settings) {
    return { kind: 'preview', tag, revision: settings.revisionName };
}
function revisionInfo(r) {
    const readiness = revisionReadiness(r);
    const seconds = r.createTime?.seconds;
    return {
        name: shortName(r.name),
        labels: { ...(r.labels ?? {}) },
        ...(r.containers?.[0]?.image ? { image: r.containers[0].image } : {}),
        ...(seconds !== undefined && seconds !== null ? { createTime: new Date(Number(seconds) * 1000) } : {}),
        ready: readiness.ready,
        ...(readiness.message ? { message: readiness.message } : {}),
    };
}

;// CONCATENATED MODULE: ./src/cloudrun/run-port.ts

/** The commands' view of a service. */
function serviceView(svc) {
    return {
        name: svc.name,
        ...(svc.uri !== undefined ? { uri: svc.uri } : {}),
        ...(svc.latestReadyRevision !== undefined ? { latestReadyRevision: svc.latestReadyRevision } : {}),
        traffic: svc.traffic,
        tagUrls: { ...svc.tagUrls },
    };
}
/** The revision settings for a spec under this config's deploy section. */
function revisionSettings(config, spec) {
    const d = config.deploy;
    const optional = (key, value) => (value === undefined ? {} : { [key]: value });
    return {
        revisionName: spec.revisionName,
        image: spec.image,
        env: spec.env,
        secretEnv: d.secrets.map((s) => ({ env: s.env, secret: s.secret, version: s.version })),
        labels: spec.labels,
        ...optional('cpu', d.cpu),
        ...optional('memory', d.memory),
        ...optional('concurrency', d.concurrency),
        ...optional('minInstances', d.minInstances),
        ...optional('maxInstances', d.maxInstances),
        ...optional('cpuBoost', d.cpuBoost),
        ...optional('serviceAccount', d.serviceAccount),
        ...optional('timeoutSeconds', d.requestTimeoutSec),
        ...optional('port', d.port),
        ...optional('command', d.command),
        ...optional('args', d.args),
    };
}
/** The Cloud Run port for the configured service. */
function createCloudRunPort(config, log) {
    const api = new CloudRunService({
        project: config.projectId,
        region: config.region,
        log,
        timeoutMs: config.timeoutMs,
    });
    const service = config.service;
    const current = async () => {
        const svc = await api.getService(service);
        if (svc === null)
            throw new Error(`Cloud Run service ${service} disappeared`);
        return serviceView(svc);
    };
    return {
        callCount: () => api.apiCalls,
        async getService() {
            const svc = await api.getService(service);
            return svc === null ? null : serviceView(svc);
        },
        async deployPreview(spec, tag) {
            const settings = revisionSettings(config, spec);
            const existing = await api.getService(service);
            if (existing === null) {
                log(`Service ${service} does not exist: creating it with this revision`);
                const r = await api.createService(service, settings, { tag, labels: { 'managed-by': 'gcp-deploy' } });
                return {
                    revision: r.revision,
                    ready: r.ready,
                    serviceCreated: true,
                    ...(r.uri !== undefined ? { url: r.uri } : {}),
                    ...(r.message !== undefined ? { message: r.message } : {}),
                };
            }
            const previousRevision = existing.traffic.find((t) => t.tag === tag)?.revision;
            if (previousRevision === spec.revisionName) {
                log(`Tag ${tag} already points at ${spec.revisionName}: nothing to deploy (re-run of the same commit)`);
            }
            const r = await api.deployRevision(service, settings, {
                kind: 'preview',
                tag,
                revision: spec.revisionName,
            });
            return {
                revision: r.revision,
                ready: r.ready,
                serviceCreated: false,
                ...(r.uri !== undefined ? { url: r.uri } : {}),
                ...(r.message !== undefined ? { message: r.message } : {}),
                ...(previousRevision !== undefined && previousRevision !== spec.revisionName
                    ? { previousRevision }
                    : {}),
            };
        },
        async retag(tag, revision) {
            await api.applyTraffic(service, { kind: 'retag', tag, revision });
        },
        async untag(tags) {
            await api.applyTraffic(service, { kind: 'untag', tags });
        },
        async shiftTraffic(revision, percent, prevTag) {
            await api.applyTraffic(service, {
                kind: 'promote',
                revision,
                percent,
                ...(prevTag !== undefined ? { prevTag } : {}),
            });
            return current();
        },
        async restoreTraffic(traffic) {
            await api.applyTraffic(service, { kind: 'restore', traffic });
        },
        async listRevisions(labels) {
            const list = await api.listRevisions(service, labels);
            return list.map((r) => ({
                name: r.name,
                labels: r.labels,
                ready: r.ready === true,
                ...(r.image !== undefined ? { image: r.image } : {}),
                ...(r.createTime !== undefined ? { createTime: r.createTime } : {}),
            }));
        },
        async deleteRevision(name) {
            await api.deleteRevision(service, name);
        },
        async deployUntagged(spec) {
            // A new template with traffic unchanged apart from pinning LATEST: production keeps serving what it did.
            const r = await api.deployRevision(service, revisionSettings(config, spec), { kind: 'pin' });
            return {
                revision: r.revision,
                ready: r.ready,
                ...(r.message !== undefined ? { message: r.message } : {}),
            };
        },
    };
}

// EXTERNAL MODULE: ./src/checks/index.ts + 40 modules
var checks = __webpack_require__(11091);
;// CONCATENATED MODULE: ./src/commands/checks-port.ts


/** Health and smoke checks against a revision's URL, with an ID token when the service is private. */
function createChecksPort(config) {
    const headersFor = async (url) => {
        if (config.checks.auth !== 'id-token')
            return {};
        const headers = await (0,checks/* idTokenHeaders */.Df)(url);
        for (const v of Object.values(headers)) {
            core/* setSecret */.Pq(v);
            core/* setSecret */.Pq(v.replace(/^Bearer /, ''));
        }
        return headers;
    };
    return {
        health(url) {
            return (0,checks/* runHealthCheck */.WC)({
                url,
                path: config.checks.healthPath,
                expectStatus: config.checks.healthStatus,
                timeoutMs: config.checks.healthTimeoutMs,
                auth: config.checks.auth,
                log: core/* info */.pq,
            });
        },
        async smoke(url) {
            if (config.checks.smokeScript !== undefined) {
                return (0,checks/* runK6Script */.S6)(config.checks.smokeScript, url, { log: core/* info */.pq });
            }
            if (config.checks.smoke === undefined)
                return undefined;
            const outcome = await (0,checks/* runSmoke */.Lw)(config.checks.smoke, url, {
                headers: await headersFor(url),
                log: core/* info */.pq,
            });
            core/* info */.pq(outcome.textSummary);
            return outcome;
        },
    };
}

;// CONCATENATED MODULE: ./src/build/builder-choice.ts

/** Drivers whose BuildKit can export a cache to a registry (`docker` cannot). */
function driverCanExportCache(driver) {
    return driver === 'docker-container' || driver === 'kubernetes' || driver === 'remote';
}
function describeBuildx(p) {
    if (!p.buildx)
        return `${p.binary}: no buildx`;
    return `${p.binary}: buildx ${p.buildx.version} driver ${p.buildx.driver ?? 'unknown'}${driverCanExportCache(p.buildx.driver) ? '' : ' cannot export a registry cache'}`;
}
/** Picks the builder from probe results: buildx with a cache-exporting driver, else docker BuildKit, else buildah, else the legacy docker builder. */
function chooseBuilder(requested, probes) {
    const withDaemon = probes.docker.filter((p) => p.daemon);
    const buildxFull = withDaemon.find((p) => p.buildx && driverCanExportCache(p.buildx.driver));
    const buildxAny = withDaemon.find((p) => p.buildx);
    const buildkit = withDaemon.find((p) => p.buildkit);
    const legacy = withDaemon[0];
    const noDaemon = probes.docker.length > 0 && withDaemon.length === 0;
    const dockerSummary = probes.docker.length === 0
        ? 'no docker CLI found'
        : noDaemon
            ? 'docker cannot reach a daemon'
            : withDaemon.map(describeBuildx).join('; ');
    const buildahSummary = probes.buildah ? 'buildah available' : 'buildah not found';
    const buildx = (p, why) => {
        const exportable = driverCanExportCache(p.buildx?.driver);
        return {
            builder: 'buildx',
            dockerBinary: p.binary,
            cacheExport: exportable ? 'registry' : 'inline',
            reason: `builder: buildx (${p.binary}, driver ${p.buildx?.driver ?? 'unknown'}, ${exportable ? 'registry cache mode=max' : 'inline cache only'}) ${why}`,
        };
    };
    const docker = (p, why) => ({
        builder: 'docker',
        dockerBinary: p.binary,
        buildkit: p.buildkit,
        reason: p.buildkit
            ? `builder: docker BuildKit (${p.binary}, inline cache) ${why}`
            : `builder: docker legacy builder (${p.binary}; fallback: registry cache is a pull + --cache-from, final stage only) ${why}`,
    });
    const buildah = (why) => ({
        builder: 'buildah',
        reason: `builder: buildah (--layers, registry cache via --cache-from/--cache-to) ${why}`,
    });
    switch (requested) {
        case 'buildx':
            if (buildxAny)
                return buildx(buildxFull ?? buildxAny, '(asked for)');
            throw new user_error/* UserError */.y(`Input 'builder': got "buildx" but it does not work here (${dockerSummary}); allowed: auto, docker, buildah.`, 'builder');
        case 'docker':
            if (buildkit)
                return docker(buildkit, '(asked for)');
            if (legacy)
                return docker(legacy, '(asked for; no docker CLI here runs BuildKit)');
            throw new user_error/* UserError */.y(`Input 'builder': got "docker" but it does not work here (${dockerSummary}); allowed: auto, buildx, buildah.`, 'builder');
        case 'buildah':
            if (probes.buildah)
                return buildah('(asked for)');
            throw new user_error/* UserError */.y(`Input 'builder': got "buildah" but buildah is not installed; allowed: auto, buildx, docker.`, 'builder');
        case 'auto':
            if (buildxFull)
                return buildx(buildxFull, `(auto; ${buildahSummary})`);
            if (buildkit)
                return docker(buildkit, `(auto; buildx: ${dockerSummary}; ${buildahSummary})`);
            if (probes.buildah)
                return buildah(`(auto; docker: ${dockerSummary}, no BuildKit)`);
            if (legacy)
                return docker(legacy, `(auto; no buildx, no BuildKit, ${buildahSummary})`);
            throw new user_error/* UserError */.y(`Input 'builder': got "auto" but no builder works here (${dockerSummary}; ${buildahSummary}); install docker or buildah.`, 'builder');
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/build/exec.ts

/** A command that exited non-zero; the message carries the tail of its stderr. */
class CommandError extends Error {
    command;
    result;
    constructor(command, result) {
        const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n');
        super(`\`${command}\` exited with ${result.code}${tail ? `:\n${tail}` : ' and printed nothing'}`);
        this.command = command;
        this.result = result;
        this.name = 'CommandError';
    }
}
/** Runs a command without a shell, collects its output and checks the exit code itself. */
function runCommand(file, args, opts = {}) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(file, args, {
            env: opts.env ?? process.env,
            cwd: opts.cwd,
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out = [];
        const err = [];
        const outLines = lineSplitter(opts.onLine);
        const errLines = lineSplitter(opts.onLine);
        child.stdout.on('data', (d) => {
            out.push(d);
            outLines.push(d);
        });
        child.stderr.on('data', (d) => {
            err.push(d);
            errLines.push(d);
        });
        child.once('error', (e) => reject(new Error(`cannot run ${file}: ${e.message}`)));
        child.once('close', (code, signal) => {
            outLines.flush();
            errLines.flush();
            const result = {
                code: code ?? (signal ? 128 : 1),
                stdout: Buffer.concat(out).toString(),
                stderr: Buffer.concat(err).toString(),
            };
            if (result.code !== 0 && !opts.allowFailure)
                reject(new CommandError(`${file} ${args[0] ?? ''}`, result));
            else
                resolve(result);
        });
        child.stdin.on('error', () => undefined); // a command that exits before reading stdin is not our error
        child.stdin.end(opts.input ?? '');
    });
}
function lineSplitter(onLine) {
    let pending = '';
    return {
        push(d) {
            if (!onLine)
                return;
            pending += d.toString();
            const parts = pending.split(/\r?\n/);
            pending = parts.pop() ?? '';
            for (const p of parts)
                if (p.trim())
                    onLine(p);
        },
        flush() {
            if (onLine && pending.trim())
                onLine(pending);
            pending = '';
        },
    };
}

;// CONCATENATED MODULE: ./src/build/builder-probe.ts



/** Docker CLIs to try: `GCP_DEPLOY_DOCKER` alone when set, else `docker` on PATH and the usual second installs. */
function dockerCandidates(env) {
    if (env.GCP_DEPLOY_DOCKER)
        return [env.GCP_DEPLOY_DOCKER];
    const onPath = (env.PATH ?? '')
        .split(external_node_path_.delimiter)
        .filter(Boolean)
        .map((d) => (0,external_node_path_.join)(d, 'docker'));
    const seen = new Set();
    const out = [];
    // A machine can carry two CLIs (e.g. a new one without buildx and the distro's with BuildKit built in).
    for (const p of [...onPath, '/usr/bin/docker', '/usr/local/bin/docker']) {
        if (!(0,external_node_fs_.existsSync)(p))
            continue;
        let real;
        try {
            real = (0,external_node_fs_.realpathSync)(p);
        }
        catch {
            continue;
        }
        if (seen.has(real))
            continue;
        seen.add(real);
        out.push(p);
    }
    return out;
}
async function ok(file, args, env) {
    try {
        const r = await runCommand(file, args, { env, allowFailure: true });
        return r.code === 0 ? r.stdout : undefined;
    }
    catch {
        return undefined;
    }
}
/** Probes one docker CLI: daemon reachable, buildx (and its driver), BuildKit. */
async function probeDocker(binary, env) {
    const [server, buildxVersion, buildkitHelp] = await Promise.all([
        ok(binary, ['version', '--format', '{{.Server.Version}}'], env),
        ok(binary, ['buildx', 'version'], env),
        // The docker 23+ CLI without buildx refuses DOCKER_BUILDKIT=1 even for --help; 20.10 has BuildKit built in.
        ok(binary, ['build', '--help'], { ...env, DOCKER_BUILDKIT: '1' }),
    ]);
    const probe = {
        binary,
        daemon: server !== undefined && server.trim() !== '',
        buildkit: buildkitHelp !== undefined,
    };
    if (buildxVersion !== undefined) {
        const inspect = await ok(binary, ['buildx', 'inspect'], env);
        probe.buildx = { version: parseBuildxVersion(buildxVersion), driver: parseBuildxDriver(inspect ?? '') };
    }
    return probe;
}
/** `github.com/docker/buildx v0.28.0 abc` -> `v0.28.0`. */
function parseBuildxVersion(out) {
    return /\bv?\d+\.\d+(\.\d+)?\S*/.exec(out)?.[0] ?? out.trim().split(/\s+/)[1] ?? 'unknown';
}
/** The `Driver:` line of `docker buildx inspect`. */
function parseBuildxDriver(out) {
    return /^Driver:\s*(\S+)/m.exec(out)?.[1];
}
/** Probes every docker CLI candidate and buildah, in parallel. */
async function probeBuilders(env = process.env) {
    const [docker, buildah] = await Promise.all([
        Promise.all(dockerCandidates(env).map((b) => probeDocker(b, env))),
        ok(env.GCP_DEPLOY_BUILDAH ?? 'buildah', ['version'], env),
    ]);
    return { docker, buildah: buildah !== undefined };
}

;// CONCATENATED MODULE: ./src/build/build-args.ts
function common(i, opts) {
    const args = [];
    if (i.dockerfile)
        args.push('--file', i.dockerfile);
    if (i.target)
        args.push('--target', i.target);
    if (i.platform)
        args.push('--platform', i.platform);
    for (const [k, v] of Object.entries(i.buildArgs))
        args.push('--build-arg', `${k}=${v}`);
    if (opts.secrets)
        for (const [id, src] of Object.entries(i.secretFiles))
            args.push('--secret', `id=${id},src=${src}`);
    for (const [k, v] of Object.entries(i.labels))
        args.push('--label', `${k}=${v}`);
    for (const r of i.refs)
        args.push('--tag', r);
    return args;
}
/** `docker buildx build ... --push`: the digest comes back through the metadata file. */
function buildxArgs(i, c, metadataFile) {
    const args = ['buildx', 'build', ...common(i, { secrets: true })];
    const insecure = c.insecure ? ',registry.insecure=true' : '';
    if (c.cache === 'registry') {
        args.push('--cache-from', `type=registry,ref=${c.cacheRef}${insecure}`);
        if (c.cacheExport === 'registry') {
            // mode=max caches every stage of a multi-stage build; ignore-error keeps a cache failure from failing the build.
            args.push('--cache-to', `type=registry,ref=${c.cacheRef},mode=max,ignore-error=true${insecure}`);
        }
        else {
            args.push('--cache-to', 'type=inline');
        }
    }
    else if (c.cache === 'gha') {
        args.push('--cache-from', `type=gha,scope=${c.ghaScope}`);
        args.push('--cache-to', `type=gha,scope=${c.ghaScope},mode=max,ignore-error=true`);
    }
    // Provenance attestations would turn the result into an index; a plain manifest keeps the digest simple.
    args.push('--provenance=false', '--output', `type=image,push=true${insecure}`);
    args.push('--metadata-file', metadataFile, i.context);
    return args;
}
/** `docker build` with BuildKit (inline cache) or the legacy builder; returns the env it needs too. */
function dockerBuildArgs(i, opts) {
    // The legacy builder has no --secret; the caller refuses secrets before getting here.
    const args = ['build', ...common(i, { secrets: opts.buildkit })];
    if (opts.cacheFrom) {
        // Inline cache metadata lets the next BuildKit build reuse layers straight from the registry.
        if (opts.buildkit)
            args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
        args.push('--cache-from', opts.cacheFrom);
    }
    args.push(i.context);
    return { args, env: { DOCKER_BUILDKIT: opts.buildkit ? '1' : '0' } };
}
/** `docker push <ref>`. */
function dockerPushArgs(ref) {
    return ['push', ref];
}
/** `buildah build --layers`, with the registry as layer cache when `cacheRepo` is given. */
function buildahBuildArgs(i, opts) {
    const args = ['build', '--layers', ...common(i, { secrets: true })];
    if (opts.cacheRepo) {
        args.push('--cache-from', opts.cacheRepo);
        if (opts.cacheTo)
            args.push('--cache-to', opts.cacheRepo);
    }
    if (!opts.tlsVerify)
        args.push('--tls-verify=false');
    args.push(i.context);
    return args;
}
/** `buildah push` of a local image to the same reference, writing the pushed digest to a file. */
function buildahPushArgs(ref, digestFile, tlsVerify) {
    const args = ['push', '--digestfile', digestFile];
    if (!tlsVerify)
        args.push('--tls-verify=false');
    args.push(ref, `docker://${ref}`);
    return args;
}

;// CONCATENATED MODULE: ./src/build/image-ref.ts

/** The tags every preview image gets: `pr-<n>` (when there is a pull request) and `sha-<7 hex>`. */
function imageTags(prNumber, sha) {
    if (!/^[0-9a-f]{7,40}$/i.test(sha))
        throw user_error/* UserError */.y.forInput('sha', sha, 'allowed: a git commit SHA (hex)');
    const tags = [];
    if (prNumber !== undefined) {
        if (!Number.isSafeInteger(prNumber) || prNumber <= 0) {
            throw user_error/* UserError */.y.forInput('pr_number', String(prNumber), 'allowed: a positive whole number');
        }
        tags.push(`pr-${prNumber}`);
    }
    tags.push(`sha-${sha.slice(0, 7).toLowerCase()}`);
    return tags;
}
/** OCI annotations (as image labels) that tie an image to its source, commit and build time. */
function ociLabels(opts) {
    const labels = {};
    if (opts.sourceUrl)
        labels['org.opencontainers.image.source'] = opts.sourceUrl;
    labels['org.opencontainers.image.revision'] = opts.revision;
    labels['org.opencontainers.image.created'] = opts.created.toISOString();
    return labels;
}
/** The registry host of an image name (`host[:port]/path`). */
function registryHostOf(imageName) {
    return imageName.split('/')[0] ?? '';
}
/** Loopback registries speak plain HTTP; docker allows 127.0.0.0/8 by default, buildah needs --tls-verify=false. */
function isLoopbackHost(host) {
    return /^(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?$/.test(host);
}
/** Where the layer cache lives: a `:buildcache` tag next to the image, or a repository for buildah. */
function cacheRefFor(builder, imageName) {
    // buildah's --cache-to takes a repository and tags each cached layer with its cache key there.
    return builder === 'buildah' ? `${imageName}/buildcache` : `${imageName}:buildcache`;
}
/** The GitHub Actions cache scope of an image: one per image, since images sharing a scope overwrite each other. */
function ghaScope(imageName) {
    const path = imageName.split('/').slice(1).join('/');
    return (path || imageName).replace(/[^A-Za-z0-9._-]+/g, '-');
}
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const NAME = /^[A-Za-z0-9.-]+(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)+$/;
/** Checks the image name and tags before any build starts, so a bad value fails early and clearly. */
function validateImage(imageName, tags) {
    if (!NAME.test(imageName)) {
        throw user_error/* UserError */.y.forInput('image name', imageName, 'allowed: host[:port]/path in lowercase, without tag');
    }
    if (tags.length === 0)
        throw user_error/* UserError */.y.forInput('tags', '', 'allowed: at least one tag');
    for (const t of tags) {
        if (!TAG.test(t))
            throw user_error/* UserError */.y.forInput('tags', t, 'allowed: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}');
    }
}
/** The first `sha256:` digest a push printed (docker: `tag: digest: sha256:... size: N`). */
function digestFromPushOutput(output) {
    return /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/build/secret-files.ts



/** The runner's temp dir when there is one (it is wiped after the job), else the system's. */
function tempRoot(env = process.env) {
    return env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
}
/**
 * Writes each build secret to its own 0600 file in a fresh 0700 directory, runs `fn` with id -> path, and
 * removes the directory afterwards, also when `fn` throws: the values reach the builder only as files.
 */
async function withSecretFiles(secrets, fn, env = process.env) {
    const ids = Object.keys(secrets);
    if (ids.length === 0)
        return fn({});
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(tempRoot(env), 'gcpd-secrets-'));
    try {
        (0,external_node_fs_.chmodSync)(dir, 0o700);
        const files = {};
        ids.forEach((id, n) => {
            // File names are indexes, not ids: an id is user text and must not steer a path.
            const path = (0,external_node_path_.join)(dir, `secret-${n}`);
            (0,external_node_fs_.writeFileSync)(path, secrets[id] ?? '', { mode: 0o600 });
            files[id] = path;
        });
        return await fn(files);
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/build/builders.ts







function show(file, args, log) {
    log(`$ ${file} ${args.join(' ')}`);
}
async function timed(fn) {
    const start = performance.now();
    const value = await fn();
    return [value, Math.round(performance.now() - start)];
}
/** buildx builds and pushes in one step; the digest comes from its metadata file. */
async function runBuildx(ctx, docker, cacheExport) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(tempRoot(ctx.env), 'gcpd-buildx-'));
    try {
        const metadata = (0,external_node_path_.join)(dir, 'metadata.json');
        const args = buildxArgs(ctx.input, {
            cache: ctx.cache,
            cacheExport,
            cacheRef: ctx.cacheRef ?? '',
            ghaScope: ghaScope(ctx.imageName),
            insecure: isLoopbackHost(registryHostOf(ctx.imageName)),
        }, metadata);
        show(docker, args, ctx.log);
        const [, ms] = await timed(() => runCommand(docker, args, { env: ctx.env, onLine: ctx.log }));
        const meta = JSON.parse((0,external_node_fs_.readFileSync)(metadata, 'utf8'));
        const digest = meta['containerimage.digest'];
        if (typeof digest !== 'string' || !digest.startsWith('sha256:')) {
            throw new Error(`buildx wrote no image digest to its metadata file (keys: ${Object.keys(meta).join(', ')})`);
        }
        // buildx pushes while it builds, so the push time is part of the build time.
        return { digest, buildMs: ms, pushMs: 0 };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
/** The docker engine's builder: BuildKit with inline cache, or the legacy builder with a pulled cache image. */
async function runDocker(ctx, docker, buildkit) {
    let cacheFrom = ctx.cacheRef;
    const [, buildMs] = await timed(async () => {
        if (cacheFrom && !buildkit) {
            // The legacy builder only uses a cache image that is already local, and only for single-stage builds.
            show(docker, ['pull', cacheFrom], ctx.log);
            const pulled = await runCommand(docker, ['pull', cacheFrom], { env: ctx.env, allowFailure: true });
            if (pulled.code !== 0) {
                // The first build of an image has no cache yet: that is normal, not worth a warning.
                const absent = /manifest unknown|not found/i.test(pulled.stderr);
                (absent ? ctx.log : ctx.warn)(`layer cache ${cacheFrom} could not be pulled; building without it: ${lastLine(pulled.stderr)}`);
                cacheFrom = undefined;
            }
        }
        const refs = ctx.cacheRef ? [...ctx.input.refs, ctx.cacheRef] : ctx.input.refs;
        const { args, env } = dockerBuildArgs({ ...ctx.input, refs }, { buildkit, cacheFrom });
        show(docker, args, ctx.log);
        await runCommand(docker, args, { env: { ...ctx.env, ...env }, onLine: ctx.log });
    });
    const [digest, pushMs] = await timed(async () => {
        let found;
        for (const ref of ctx.input.refs) {
            show(docker, dockerPushArgs(ref), ctx.log);
            const out = await runCommand(docker, dockerPushArgs(ref), { env: ctx.env, onLine: ctx.log });
            found ??= digestFromPushOutput(out.stdout);
        }
        if (ctx.cacheRef) {
            const out = await runCommand(docker, dockerPushArgs(ctx.cacheRef), {
                env: ctx.env,
                allowFailure: true,
            });
            // A cache that cannot be written costs the next build time, never this one.
            if (out.code !== 0)
                ctx.warn(`layer cache ${ctx.cacheRef} could not be pushed: ${lastLine(out.stderr)}`);
        }
        return found ?? (await repoDigest(docker, ctx));
    });
    return { digest, buildMs, pushMs };
}
async function repoDigest(docker, ctx) {
    const ref = ctx.input.refs[0] ?? '';
    const out = await runCommand(docker, ['image', 'inspect', '--format', '{{json .RepoDigests}}', ref], {
        env: ctx.env,
    });
    const list = JSON.parse(out.stdout);
    const hit = list.find((d) => d.startsWith(`${ctx.imageName}@`));
    if (!hit)
        throw new Error(`docker push printed no digest and ${ref} has no repo digest for ${ctx.imageName}`);
    return hit.slice(ctx.imageName.length + 1);
}
/** buildah with --layers, the registry as layer cache, one push per tag. */
async function runBuildah(ctx, buildah) {
    const tlsVerify = !isLoopbackHost(registryHostOf(ctx.imageName));
    const cacheTls = ctx.cacheRef ? !isLoopbackHost(registryHostOf(ctx.cacheRef)) : true;
    const [, buildMs] = await timed(async () => {
        const args = buildahBuildArgs(ctx.input, {
            cacheRepo: ctx.cacheRef,
            cacheTo: Boolean(ctx.cacheRef),
            tlsVerify: tlsVerify && cacheTls,
        });
        show(buildah, args, ctx.log);
        try {
            await runCommand(buildah, args, { env: ctx.env, onLine: ctx.log });
        }
        catch (err) {
            if (!ctx.cacheRef)
                throw err;
            // buildah fails the build when the cache repository cannot be read or written; its local layers are kept,
            // so a retry without the registry cache is cheap and the build still succeeds.
            ctx.warn(`build with layer cache ${ctx.cacheRef} failed; retrying without the registry cache: ${lastLine((0,user_error/* errorMessage */.g)(err))}`);
            const bare = buildahBuildArgs(ctx.input, { cacheTo: false, tlsVerify });
            show(buildah, bare, ctx.log);
            await runCommand(buildah, bare, { env: ctx.env, onLine: ctx.log });
        }
    });
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(tempRoot(ctx.env), 'gcpd-buildah-'));
    try {
        const [digest, pushMs] = await timed(async () => {
            let first;
            for (const [n, ref] of ctx.input.refs.entries()) {
                const file = (0,external_node_path_.join)(dir, `digest-${n}`);
                const args = buildahPushArgs(ref, file, tlsVerify);
                show(buildah, args, ctx.log);
                await runCommand(buildah, args, { env: ctx.env, onLine: ctx.log });
                const digest = (0,external_node_fs_.readFileSync)(file, 'utf8').trim();
                if (first && digest !== first)
                    ctx.warn(`tag ${ref} got digest ${digest}, the first tag ${first}`);
                first ??= digest;
            }
            if (!first?.startsWith('sha256:'))
                throw new Error(`buildah push wrote no digest (${first ?? 'nothing'})`);
            return first;
        });
        return { digest, buildMs, pushMs };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
function lastLine(s) {
    return (s
        .trim()
        .split('\n')
        .filter((l) => l.trim())
        .pop() ?? '');
}

;// CONCATENATED MODULE: ./src/build/index.ts









/** Picks a builder that works here, builds with the registry layer cache, pushes every tag and returns the digest. */
async function buildAndPush(req) {
    validateImage(req.imageName, req.tags);
    const env = req.env ?? process.env;
    const choice = chooseBuilder(req.builder, req.probes ?? (await probeBuilders(env)));
    req.log(choice.reason);
    let cache = req.cache;
    if (cache === 'gha' && choice.builder !== 'buildx') {
        req.warn(`cache: gha needs buildx; ${choice.builder} uses the registry cache instead`);
        cache = 'registry';
    }
    if (Object.keys(req.secrets).length > 0 && choice.builder === 'docker' && !choice.buildkit) {
        throw new user_error/* UserError */.y(`Input 'build_secrets': the legacy docker builder cannot pass build secrets without baking them into a layer; allowed: use builder buildx, docker with BuildKit, or buildah.`, 'build_secrets');
    }
    const cacheRef = cache === 'none' ? undefined : (req.cacheRef ?? cacheRefFor(choice.builder, req.imageName));
    const outcome = await withSecretFiles(req.secrets, (secretFiles) => run(choice, {
        input: {
            context: req.context,
            dockerfile: req.dockerfile,
            target: req.target,
            platform: req.platform,
            buildArgs: req.buildArgs,
            secretFiles,
            labels: req.labels,
            refs: req.tags.map((t) => `${req.imageName}:${t}`),
        },
        imageName: req.imageName,
        cacheRef: cache === 'gha' ? undefined : cacheRef,
        cache,
        env,
        log: req.log,
        warn: req.warn,
    }), env);
    req.log(`pushed ${req.imageName}@${outcome.digest} as ${req.tags.join(', ')}`);
    return {
        builder: choice.builder,
        imageRef: `${req.imageName}@${outcome.digest}`,
        digest: outcome.digest,
        tags: [...req.tags],
        ...(cache === 'gha' || !cacheRef ? {} : { cacheRef }),
        durationMs: { build: outcome.buildMs, push: outcome.pushMs },
    };
}
function run(choice, ctx) {
    switch (choice.builder) {
        case 'buildx':
            return runBuildx(ctx, choice.dockerBinary ?? 'docker', choice.cacheExport ?? 'inline');
        case 'docker':
            return runDocker(ctx, choice.dockerBinary ?? 'docker', choice.buildkit === true);
        case 'buildah':
            return runBuildah(ctx, ctx.env.GCP_DEPLOY_BUILDAH ?? 'buildah');
    }
}

;// CONCATENATED MODULE: ./src/registry/naming.ts

const REGION = /^[a-z]+(-[a-z]+)*\d*(-[a-z0-9]+)*$/;
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[a-z][a-z0-9.:-]*[a-z0-9]$/;
const REPOSITORY = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
/** `REGION-docker.pkg.dev`, or the `registry_host` override (e.g. a local registry `127.0.0.1:PORT`). */
function artifactRegistryHost(region, override) {
    if (override) {
        if (!HOST.test(override))
            throw user_error/* UserError */.y.forInput('registry_host', override, 'allowed: a host or host:port');
        return override;
    }
    if (!REGION.test(region))
        throw user_error/* UserError */.y.forInput('region', region, 'allowed: a Google Cloud region like us-central1');
    return `${region}-docker.pkg.dev`;
}
/** `host/project/repository/image` (no tag): Artifact Registry's Docker path layout. */
function imageName(opts) {
    if (!HOST.test(opts.host))
        throw user_error/* UserError */.y.forInput('registry_host', opts.host, 'allowed: a host or host:port');
    if (!PROJECT.test(opts.project))
        throw user_error/* UserError */.y.forInput('project_id', opts.project, 'allowed: a Google Cloud project id');
    if (!REPOSITORY.test(opts.repository)) {
        throw user_error/* UserError */.y.forInput('repository', opts.repository, 'allowed: lowercase letters, digits and hyphens, starting with a letter');
    }
    if (!IMAGE.test(opts.image)) {
        throw user_error/* UserError */.y.forInput('image_name', opts.image, 'allowed: lowercase path segments of letters, digits, . _ -');
    }
    // Domain-scoped projects (example.com:proj) appear as example.com/proj in image paths.
    return `${opts.host}/${opts.project.replace(':', '/')}/${opts.repository}/${opts.image}`;
}
/** `projects/P/locations/L/repositories/R`. */
function repositoryResourceName(project, location, repository) {
    return `projects/${project}/locations/${location}/repositories/${repository}`;
}
/** The package resource of an image below a repository (`/` in the image path is encoded as %2F). */
function packageResourceName(repositoryName, image) {
    return `${repositoryName}/packages/${image.split('/').join('%2F')}`;
}
/** The last path segment of a resource name (`.../tags/pr-1` -> `pr-1`). */
function lastSegment(name) {
    return name.slice(name.lastIndexOf('/') + 1);
}
/** `sha256:...` from a digest or a full `image@sha256:...` reference. */
function normaliseDigest(value) {
    const at = value.lastIndexOf('@');
    return at >= 0 ? value.slice(at + 1) : value;
}

;// CONCATENATED MODULE: ./src/registry/repository.ts




const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;
/** A UserError naming the permission and role that are missing, or undefined when `err` is no auth error. */
function permissionError(err, action, repository) {
    const code = errorCode(err);
    if (code === UNAUTHENTICATED) {
        return new user_error/* UserError */.y(`Artifact Registry refused the credentials while reading ${repository}: run google-github-actions/auth (Workload Identity Federation or a key) before this step. (${(0,user_error/* errorMessage */.g)(err)})`);
    }
    if (code !== PERMISSION_DENIED)
        return undefined;
    const needs = action === 'create'
        ? "permission 'artifactregistry.repositories.create' (role roles/artifactregistry.admin), or create the repository once by hand; pushing then needs roles/artifactregistry.writer"
        : "permission 'artifactregistry.repositories.get' (role roles/artifactregistry.reader; roles/artifactregistry.writer, which pushing needs, includes it)";
    return new user_error/* UserError */.y(`Artifact Registry repository ${repository}: the deploying identity lacks ${needs}. (${(0,user_error/* errorMessage */.g)(err)})`);
}
/** Creates the Docker repository when it is missing; a missing permission becomes a UserError that names it. */
async function ensureRepository(opts) {
    const client = artifactRegistryClient();
    const name = repositoryResourceName(opts.project, opts.location, opts.repository);
    try {
        try {
            const [repo] = await withRetry(() => client.getRepository({ name }));
            if (repo.format && repo.format !== 'DOCKER') {
                throw new user_error/* UserError */.y(`Input 'repository': got "${opts.repository}", which is a ${String(repo.format)} repository; allowed: a DOCKER repository or a new name.`, 'repository');
            }
            opts.log(`Artifact Registry repository ${name} exists`);
            return { created: false };
        }
        catch (err) {
            if (err instanceof user_error/* UserError */.y)
                throw err;
            if (errorCode(err) !== NOT_FOUND)
                throw permissionError(err, 'get', name) ?? err;
        }
        try {
            await withRetry(async () => {
                const [operation] = await client.createRepository({
                    parent: `projects/${opts.project}/locations/${opts.location}`,
                    repositoryId: opts.repository,
                    repository: { format: 'DOCKER', description: 'Images built by gcp-deploy' },
                });
                await operation.promise();
            });
            opts.log(`created Artifact Registry repository ${name} (format DOCKER)`);
            return { created: true };
        }
        catch (err) {
            // Another run created it between our read and our create: that is what we wanted.
            if (errorCode(err) === ALREADY_EXISTS)
                return { created: false };
            throw permissionError(err, 'create', name) ?? err;
        }
    }
    finally {
        await client.close();
    }
}

// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var google_auth_library_build_src = __webpack_require__(492);
;// CONCATENATED MODULE: ./src/registry/docker-login.ts









/** An access token from Application Default Credentials (works after google-github-actions/auth, WIF or key). */
async function adcAccessToken() {
    const auth = new google_auth_library_build_src.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    let token;
    try {
        token = await auth.getAccessToken();
    }
    catch (err) {
        throw new user_error/* UserError */.y(`No Google credentials for the registry login: run google-github-actions/auth before this step. (${(0,user_error/* errorMessage */.g)(err)})`);
    }
    if (!token)
        throw new user_error/* UserError */.y('Application Default Credentials returned no access token for the registry login.');
    return token;
}
/**
 * Runs `fn` with an environment logged in to `host`: a temporary DOCKER_CONFIG (and REGISTRY_AUTH_FILE for
 * buildah) holding an oauth2accesstoken login, removed afterwards, also on failure. With the local emulator
 * (GCP_DEPLOY_EMULATOR_HOST) there is nothing to log in to.
 */
async function withDockerLogin(host, fn, deps = {}) {
    const env = deps.env ?? process.env;
    const log = deps.log ?? ((s) => core/* info */.pq(s));
    if (env.GCP_DEPLOY_EMULATOR_HOST) {
        log(`registry login skipped: local emulator (${host})`);
        return fn({ ...env });
    }
    const token = await (deps.getToken ?? adcAccessToken)();
    core/* setSecret */.Pq(token);
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(tempRoot(env), 'gcpd-docker-config-'));
    try {
        (0,external_node_fs_.chmodSync)(dir, 0o700);
        const authFile = (0,external_node_path_.join)(dir, 'config.json');
        // buildah reads the same auths format; pointing it at this file keeps one temporary login for both.
        const loggedIn = { ...env, DOCKER_CONFIG: dir, REGISTRY_AUTH_FILE: authFile };
        await login(host, token, loggedIn, authFile);
        log(`logged in to ${host} as oauth2accesstoken (temporary DOCKER_CONFIG)`);
        return await fn(loggedIn);
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
async function login(host, token, env, authFile) {
    const docker = dockerCandidates(env)[0];
    // The token goes through stdin; a command line is visible to every process on the machine.
    if (docker) {
        await runCommand(docker, ['login', '--username', 'oauth2accesstoken', '--password-stdin', host], {
            env,
            input: token,
        });
        return;
    }
    const args = ['login', '--authfile', authFile, '--username', 'oauth2accesstoken', '--password-stdin'];
    if (isLoopbackHost(host))
        args.push('--tls-verify=false');
    await runCommand(env.GCP_DEPLOY_BUILDAH ?? 'buildah', [...args, host], { env, input: token });
}

;// CONCATENATED MODULE: ./src/registry/prune.ts



const prune_NOT_FOUND = 5;
const FAILED_PRECONDITION = 9;
/** Plans a prune: never deletes a tag whose digest is protected (serving traffic). */
function planTagPrune(current, tags, protectedDigests) {
    const protect = new Set(protectedDigests.map(normaliseDigest));
    const plan = { delete: [], keep: [], missing: [], orphanedDigests: [] };
    for (const tag of [...new Set(tags)]) {
        const digest = current.get(tag);
        if (!digest)
            plan.missing.push(tag);
        else if (protect.has(digest))
            plan.keep.push({ tag, digest });
        else
            plan.delete.push({ tag, digest });
    }
    const deleting = new Set(plan.delete.map((d) => d.tag));
    const touched = new Set(plan.delete.map((d) => d.digest));
    for (const digest of touched) {
        const stillTagged = [...current].some(([t, d]) => d === digest && !deleting.has(t));
        if (!stillTagged && !protect.has(digest))
            plan.orphanedDigests.push(digest);
    }
    return plan;
}
/**
 * Deletes image tags through Artifact Registry, and the versions they leave untagged. A tag whose digest is
 * protected (serving) is kept and the log says so. With dryRun nothing changes and `deleted` lists what would go.
 */
async function deleteImageTags(opts) {
    const client = artifactRegistryClient();
    const pkg = packageResourceName(repositoryResourceName(opts.project, opts.location, opts.repository), opts.image);
    try {
        const current = new Map();
        try {
            const [tags] = await withRetry(() => client.listTags({ parent: pkg }));
            for (const t of tags)
                if (t.name && t.version)
                    current.set(lastSegment(t.name), lastSegment(t.version));
        }
        catch (err) {
            if (errorCode(err) !== prune_NOT_FOUND)
                throw err;
            opts.log(`image ${opts.image} not found in ${opts.repository}; no tags to delete`);
            return { deleted: [], kept: [] };
        }
        const plan = planTagPrune(current, opts.tags, opts.protectedDigests);
        for (const tag of plan.missing)
            opts.log(`tag ${opts.image}:${tag} not found; nothing to delete`);
        for (const { tag, digest } of plan.keep) {
            opts.log(`keeping tag ${opts.image}:${tag}: its digest ${digest} is serving traffic`);
        }
        const prefix = opts.dryRun ? 'dry run: would delete' : 'deleted';
        for (const { tag } of plan.delete) {
            if (!opts.dryRun)
                await deleteTag(client, `${pkg}/tags/${tag}`);
            opts.log(`${prefix} tag ${opts.image}:${tag}`);
        }
        for (const digest of plan.orphanedDigests) {
            if (!opts.dryRun)
                await deleteVersion(client, `${pkg}/versions/${digest}`);
            opts.log(`${prefix} untagged version ${opts.image}@${digest}`);
        }
        return { deleted: plan.delete.map((d) => d.tag), kept: plan.keep.map((k) => k.tag) };
    }
    finally {
        await client.close();
    }
}
async function deleteTag(client, name) {
    try {
        await withRetry(() => client.deleteTag({ name }));
    }
    catch (err) {
        // A retry after a delete that landed but whose answer was lost finds it gone: done.
        if (errorCode(err) !== prune_NOT_FOUND)
            throw err;
    }
}
async function deleteVersion(client, name) {
    try {
        await withRetry(async () => {
            const [operation] = await client.deleteVersion({ name, force: false });
            await operation.promise();
        });
    }
    catch (err) {
        // Gone already (a registry that drops untagged manifests) or re-tagged meanwhile: leave it.
        const code = errorCode(err);
        if (code !== prune_NOT_FOUND && code !== FAILED_PRECONDITION)
            throw err;
    }
}

;// CONCATENATED MODULE: ./src/registry/index.ts





;// CONCATENATED MODULE: ./src/commands/image-port.ts




const image_port_DIGEST_REF = /@sha256:[0-9a-f]{64}$/;
/** Builds with the registry cache and pushes to Artifact Registry, or passes a prebuilt image by digest. */
function createImagePort(config, ctx, report) {
    const host = artifactRegistryHost(config.region, config.build.registryHost);
    const name = () => imageName({
        host,
        project: config.projectId,
        repository: config.build.repository,
        image: config.build.imageName,
    });
    return {
        async buildAndPush() {
            const prebuilt = config.build.prebuiltImage;
            if (prebuilt !== undefined) {
                // Only a digest pins what was checked; a tag could move between preview and promotion.
                if (!image_port_DIGEST_REF.test(prebuilt)) {
                    throw user_error/* UserError */.y.forInput('image', prebuilt, 'allowed: an image pinned by digest, such as host/path/app@sha256:<64 hex>');
                }
                return { imageRef: prebuilt, digest: prebuilt.slice(prebuilt.lastIndexOf('@') + 1), tags: [] };
            }
            const image = name();
            const repo = ensureRepository({
                project: config.projectId,
                location: config.region,
                repository: config.build.repository,
                log: core/* info */.pq,
            });
            const built = await withDockerLogin(host, async (env) => {
                // The repository check overlaps the build; the push needs it, so both finish before returning.
                const [result] = await Promise.all([
                    buildAndPush({
                        context: config.build.context,
                        dockerfile: config.build.dockerfile,
                        target: config.build.target,
                        platform: config.build.platform,
                        buildArgs: config.build.buildArgs,
                        secrets: config.build.buildSecrets,
                        labels: ociLabels({
                            sourceUrl: `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}`,
                            revision: ctx.headSha,
                            created: new Date(),
                        }),
                        imageName: image,
                        tags: imageTags(ctx.prNumber, ctx.headSha),
                        cache: config.build.cache,
                        builder: config.build.builder,
                        log: core/* info */.pq,
                        warn: core/* warning */.$e,
                        env,
                    }),
                    repo,
                ]);
                return result;
            });
            report.phases.push({
                phase: 'build',
                durationMs: built.durationMs.build,
                ok: true,
                detail: built.builder,
            });
            report.phases.push({ phase: 'push', durationMs: built.durationMs.push, ok: true });
            return { imageRef: built.imageRef, digest: built.digest, builder: built.builder, tags: built.tags };
        },
        imageForDigest(digest) {
            const base = config.build.prebuiltImage?.replace(/@sha256:[0-9a-f]{64}$/, '') ?? name();
            return `${base}@${digest}`;
        },
        async deleteTags(tags, protectedDigests, dryRun) {
            if (config.build.prebuiltImage !== undefined)
                return { deleted: [], kept: [] };
            return deleteImageTags({
                project: config.projectId,
                location: config.region,
                repository: config.build.repository,
                image: config.build.imageName,
                tags,
                protectedDigests,
                dryRun,
                log: core/* info */.pq,
            });
        },
    };
}

;// CONCATENATED MODULE: ./src/commands/adapters.ts




/** Credentials the Google clients can use: ADC from google-github-actions/auth, a key file, or the emulator. */
function hasCloudCredentials(env) {
    return Boolean(env.GCP_DEPLOY_EMULATOR_HOST ||
        env.GOOGLE_APPLICATION_CREDENTIALS ||
        env.GOOGLE_GHA_CREDS_PATH ||
        env.CLOUDSDK_AUTH_ACCESS_TOKEN);
}
/** Wires the real adapters: Cloud Run, Artifact Registry + builders, the checks engine and GitHub. */
function createPorts(config, ctx, github, report) {
    return {
        cloudRun: createCloudRunPort(config, core/* info */.pq),
        images: createImagePort(config, ctx, report),
        checks: createChecksPort(config),
        github,
        log: { info: core/* info */.pq, warning: core/* warning */.$e, notice: core/* notice */.lm, error: core/* error */.z3 },
    };
}

;// CONCATENATED MODULE: ./src/commands/cleanup.ts


function servingOrTagged(service) {
    const names = new Set();
    for (const t of service?.traffic ?? []) {
        if (t.type === 'REVISION' && t.revision !== undefined && (t.percent > 0 || t.tag !== undefined))
            names.add(t.revision);
        if (t.type === 'LATEST' && service?.latestReadyRevision !== undefined)
            names.add(service.latestReadyRevision);
    }
    return names;
}
function digestOf(image) {
    const at = image?.lastIndexOf('@sha256:') ?? -1;
    return image !== undefined && at >= 0 ? image.slice(at + 1) : undefined;
}
/**
 * Plans one PR's cleanup: its own tags, its revisions that will no longer serve or carry a tag, and its
 * image tags; digests of revisions that keep serving are protected.
 */
function planCleanup(prNumber, ownTag, service, revisions) {
    const prRevisions = revisions.filter((r) => r.labels['gcp-deploy-pr'] === String(prNumber));
    const prNames = new Set(prRevisions.map((r) => r.name));
    // Tags this PR owns: its tag, and any pr-<n>-style tag on its own revisions; never prod/prev/others.
    const tags = (service?.traffic ?? [])
        .filter((t) => t.tag !== undefined &&
        (t.tag === ownTag ||
            (t.revision !== undefined && prNames.has(t.revision) && t.tag.startsWith(`pr-${prNumber}`))))
        .map((t) => t.tag);
    // What serves or stays tagged once our tags are gone: a promoted PR revision keeps serving and is kept.
    const remaining = service === null
        ? null
        : {
            ...service,
            traffic: planTraffic(service, { kind: 'untag', tags }),
        };
    const keep = servingOrTagged(remaining);
    const keptRevisions = revisions.filter((r) => keep.has(r.name));
    const protectedDigests = [...new Set(keptRevisions.flatMap((r) => digestOf(r.image) ?? []))];
    const shas = [...new Set(prRevisions.map((r) => r.labels['gcp-deploy-sha'] ?? '').filter((s) => s !== ''))];
    return {
        prNumber,
        tags,
        revisions: prRevisions.filter((r) => !keep.has(r.name)).map((r) => r.name),
        imageTags: [`pr-${prNumber}`, ...shas.map((s) => `sha-${s.slice(0, 7)}`)],
        protectedDigests,
    };
}
/** PRs whose newest revision is older than `staleMs` (for a scheduled sweep). */
function stalePullRequests(revisions, staleMs, now) {
    const newestByPr = new Map();
    for (const r of revisions) {
        const pr = Number(r.labels['gcp-deploy-pr']);
        if (!Number.isInteger(pr) || pr <= 0)
            continue;
        const t = r.createTime?.getTime() ?? 0;
        newestByPr.set(pr, Math.max(newestByPr.get(pr) ?? 0, t));
    }
    return [...newestByPr.entries()]
        .filter(([, t]) => now.getTime() - t > staleMs)
        .map(([pr]) => pr)
        .sort((a, b) => a - b);
}
/** Removes one PR's preview (or, with `stale`, every stale one), or lists it all with dry_run. */
async function runCleanup(config, prNumbers, ownTagFor, report, ports) {
    const dry = config.cleanup.dryRun;
    await timePhase(report, 'cleanup', async () => {
        for (const pr of prNumbers) {
            const service = await ports.cloudRun.getService();
            const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
            const plan = planCleanup(pr, ownTagFor(pr), service, revisions);
            const say = (what, items) => ports.log.info(`${dry ? 'would delete' : 'deleting'} ${what} of PR #${pr}: ${items.length > 0 ? items.join(', ') : 'none'}`);
            say('tags', plan.tags);
            say('revisions', plan.revisions);
            if (!dry && plan.tags.length > 0)
                await ports.cloudRun.untag(plan.tags);
            for (const name of plan.revisions) {
                if (!dry)
                    await ports.cloudRun.deleteRevision(name);
            }
            const images = await ports.images.deleteTags(plan.imageTags, plan.protectedDigests, dry);
            say('image tags', images.deleted);
            if (images.kept.length > 0)
                ports.log.info(`kept image tags still serving: ${images.kept.join(', ')}`);
            report.notes.push(`PR #${pr}: ${dry ? 'would remove' : 'removed'} ${plan.tags.length} tag(s), ${plan.revisions.length} revision(s), ${images.deleted.length} image tag(s)`);
        }
    });
    report.state = dry ? 'ready' : 'removed';
    report.result = dry ? 'success' : 'removed';
    return report;
}

;// CONCATENATED MODULE: ./src/commands/promote.ts


/** Parses `tag:NAME`, `sha:COMMIT`, `digest:sha256:HEX` or a bare tag; falls back to the event's commit. */
function promoteSelector(from, eventSha) {
    if (from === undefined)
        return { by: 'sha', sha: eventSha.toLowerCase() };
    if (from.startsWith('sha:'))
        return { by: 'sha', sha: from.slice(4).toLowerCase() };
    if (from.startsWith('digest:'))
        return { by: 'digest', digest: from.slice(7) };
    return { by: 'tag', tag: from.startsWith('tag:') ? from.slice(4) : from };
}
/** The revision serving the most traffic (production's main revision). */
function promote_mainRevision(service) {
    const serving = service.traffic.filter((t) => t.percent > 0);
    serving.sort((a, b) => b.percent - a.percent);
    const top = serving[0];
    return top?.revision ?? (top?.type === 'LATEST' ? service.latestReadyRevision : undefined);
}
/** Newest first: the revision a SHA or digest most recently produced. */
function newest(revisions) {
    return [...revisions].sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0))[0];
}
/** Finds (or, for a digest with no revision yet, deploys) the revision to promote. */
async function resolvePromotion(config, selector, service, ports) {
    switch (selector.by) {
        case 'tag': {
            const target = service.traffic.find((t) => t.tag === selector.tag);
            const revision = target?.revision ?? (target?.type === 'LATEST' ? service.latestReadyRevision : undefined);
            if (revision === undefined) {
                const tags = service.traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag]));
                throw user_error/* UserError */.y.forInput('promote_from', `tag:${selector.tag}`, `tags on ${config.service}: ${tags.join(', ') || 'none'}`);
            }
            return revision;
        }
        case 'sha': {
            const all = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
            const hit = newest(all.filter((r) => r.ready && (r.labels['gcp-deploy-sha'] ?? '').startsWith(selector.sha)));
            if (hit === undefined) {
                throw user_error/* UserError */.y.forInput('promote_from', `sha:${selector.sha}`, `no ready revision of ${config.service} is labelled with that commit; preview it first or promote by tag or digest`);
            }
            return hit.name;
        }
        case 'digest': {
            const all = await ports.cloudRun.listRevisions({});
            const hit = newest(all.filter((r) => r.ready && (r.image ?? '').endsWith(`@${selector.digest}`)));
            if (hit !== undefined)
                return hit.name;
            ports.log.info(`No revision runs ${selector.digest}: deploying it with no traffic first`);
            const deployed = await ports.cloudRun.deployUntagged({
                revisionName: `${config.service}-${selector.digest.slice(7, 19)}`,
                image: ports.images.imageForDigest(selector.digest),
                env: config.deploy.envVars,
                labels: { ...config.deploy.labels, 'managed-by': 'gcp-deploy' },
            });
            if (!deployed.ready)
                throw new Error(`Revision ${deployed.revision} failed to become ready: ${deployed.message ?? ''}`);
            return deployed.revision;
        }
    }
}
/**
 * Moves production traffic to a revision in the configured canary steps, checking the revision after each
 * step; any failure restores exactly the traffic saved before the first step.
 */
async function runPromote(config, selector, report, ports) {
    const service = await ports.cloudRun.getService();
    if (service === null)
        throw user_error/* UserError */.y.forInput('service', config.service, 'an existing Cloud Run service to promote on');
    const saved = service.traffic.map((t) => ({ ...t }));
    report.previousRevision = promote_mainRevision(service);
    const revision = await resolvePromotion(config, selector, service, ports);
    report.revision = revision;
    const checkUrl = urlOfRevision(service, revision) ?? service.uri;
    return shiftWithChecks(config, revision, saved, checkUrl, report, ports);
}
/** Sends 100 % back to the revision the last promotion recorded under the `prev` tag, with checks. */
async function runRollback(config, report, ports) {
    const service = await ports.cloudRun.getService();
    if (service === null)
        throw user_error/* UserError */.y.forInput('service', config.service, 'an existing Cloud Run service to roll back');
    const prev = service.traffic.find((t) => t.tag === config.promote.prevTag)?.revision;
    if (prev === undefined) {
        throw new user_error/* UserError */.y(`Nothing to roll back to: no revision of ${config.service} carries the tag '${config.promote.prevTag}' (input 'prev_tag'), which a promotion sets.`, 'prev_tag');
    }
    const saved = service.traffic.map((t) => ({ ...t }));
    report.previousRevision = promote_mainRevision(service);
    report.revision = prev;
    const rollbackConfig = { ...config, promote: { ...config.promote, canary: [100] } };
    return shiftWithChecks(rollbackConfig, prev, saved, service.tagUrls[config.promote.prevTag] ?? service.uri, report, ports);
}
/** Allowed rise of the failed-request rate during a canary step over the rate before it (1 point). */
const CANARY_ERROR_TOLERANCE = 0.01;
function failRate(smoke) {
    return smoke?.metrics.http_req_failed?.rate;
}
/** Compares a canary step's failed-request rate with the one before the promotion. */
function compareErrorRates(before, during) {
    if (before === undefined || during === undefined)
        return { ok: true, text: 'not measured' };
    const pct = (r) => `${(r * 100).toFixed(2)} %`;
    const ok = during <= before + CANARY_ERROR_TOLERANCE;
    return {
        ok,
        text: `${pct(during)} of requests failed, ${pct(before)} before the promotion${ok ? '' : ' (over the 1-point tolerance)'}`,
    };
}
function urlOfRevision(service, revision) {
    const tag = service.traffic.find((t) => t.revision === revision && t.tag !== undefined)?.tag;
    return tag === undefined ? undefined : service.tagUrls[tag];
}
async function shiftWithChecks(config, revision, saved, checkUrl, report, ports) {
    try {
        // The error rate users saw before the first step, measured on the service URL with the same smoke options;
        // each step's rate on that URL (the split users now get) may not exceed it by more than the tolerance.
        const serviceUrl = (await ports.cloudRun.getService())?.uri;
        const baseline = config.promote.canary.length > 1 && serviceUrl !== undefined
            ? failRate(await timePhase(report, 'checks', () => ports.checks.smoke(serviceUrl)))
            : undefined;
        for (const percent of config.promote.canary) {
            const prevTag = percent === 100 ? config.promote.prevTag : undefined;
            const after = await timePhase(report, 'traffic', () => ports.cloudRun.shiftTraffic(revision, percent, prevTag));
            report.traffic = after.traffic.map((t) => ({
                target: t.revision ?? 'LATEST',
                percent: t.percent,
                tag: t.tag,
            }));
            report.url = after.uri;
            ports.log.info(`${revision} serves ${percent} % of ${config.service}`);
            const url = checkUrl ?? after.uri;
            if (url === undefined)
                throw new Error(`no URL to check ${revision} at`);
            report.health = await timePhase(report, 'health', () => ports.checks.health(url));
            if (!report.health.ok)
                throw new Error(`health check of ${revision} failed at ${percent} %`);
            report.smoke = await timePhase(report, 'checks', () => ports.checks.smoke(url));
            if (report.smoke !== undefined && !report.smoke.ok)
                throw new Error(`smoke checks of ${revision} failed at ${percent} %`);
            if (baseline !== undefined && after.uri !== undefined && percent < 100) {
                const uri = after.uri;
                const step = failRate(await timePhase(report, 'checks', () => ports.checks.smoke(uri)));
                const verdict = compareErrorRates(baseline, step);
                ports.log.info(`error rate at ${percent} %: ${verdict.text}`);
                if (!verdict.ok)
                    throw new Error(`error rate at ${percent} % ${verdict.text}`);
            }
        }
        report.state = 'promoted';
        report.result = 'success';
        return report;
    }
    catch (err) {
        report.failureReason = (0,user_error/* errorMessage */.g)(err);
        ports.log.error(report.failureReason);
        try {
            await timePhase(report, 'traffic', () => ports.cloudRun.restoreTraffic(saved));
            report.state = 'rolled-back';
            report.result = 'rolled-back';
            report.traffic = saved.map((t) => ({ target: t.revision ?? 'LATEST', percent: t.percent, tag: t.tag }));
            report.notes.push('Traffic was restored exactly as it was before the promotion.');
        }
        catch (restoreErr) {
            report.state = 'failed';
            report.result = 'failure';
            report.failureReason += `; restoring the saved traffic also failed: ${(0,user_error/* errorMessage */.g)(restoreErr)}`;
        }
        return report;
    }
}

;// CONCATENATED MODULE: ./src/commands/preview.ts



/** A short hash of the settings that shape a preview revision apart from the image (for idempotent re-runs). */
function settingsHash(plan) {
    const { deploy, build } = plan.config;
    return configHash({ deploy, build: { ...build, buildSecrets: Object.keys(build.buildSecrets) }, tag: plan.tag }, 12);
}
/** Labels every preview revision carries, so cleanup and promotion can find it again. */
function previewLabels(plan) {
    return {
        ...plan.config.deploy.labels,
        'managed-by': 'gcp-deploy',
        'gcp-deploy-pr': String(plan.prNumber),
        'gcp-deploy-sha': plan.commitSha.toLowerCase().slice(0, 40),
        'gcp-deploy-config': settingsHash(plan),
    };
}
/** Env vars that let an app isolate its data per PR (a schema or key prefix named after PREVIEW_ID). */
function previewEnv(plan) {
    return {
        ...plan.config.deploy.envVars,
        PREVIEW_ID: plan.tag,
        PREVIEW_TAG: plan.tag,
        PREVIEW_PR: String(plan.prNumber),
        PREVIEW_SHA: plan.commitSha,
    };
}
/**
 * build -> push -> deploy (tag, 0 %) -> ready -> health -> smoke -> report; a failure after the deploy points
 * the PR's tag back to the revision it had (or removes it) and never touches any other traffic.
 */
async function runPreview(plan, report, ports) {
    const { config } = plan;
    let deployment;
    const fail = async (reason) => {
        report.failureReason = reason;
        ports.log.error(reason);
        if (deployment === undefined || !config.rollbackOnFailure) {
            report.state = 'failed';
            report.result = 'failure';
            if (deployment !== undefined)
                report.notes.push('rollback_on_failure is false: the failed revision keeps the tag');
            return report;
        }
        await rollBackTag(plan, report, ports, deployment);
        return report;
    };
    try {
        report.state = 'building';
        await ports.github.progress(report);
        deployment = await reusableDeployment(plan, ports);
        if (deployment !== undefined) {
            ports.log.info(`${deployment.revision} already serves tag ${plan.tag} for this commit and settings: nothing to build or deploy`);
            report.notes.push('Re-run of the same commit and settings: the existing revision was checked again, nothing was deployed.');
            report.image = deployment.image;
            report.digest = deployment.image?.slice(deployment.image.lastIndexOf('@') + 1);
        }
        else {
            const image = await ports.images.buildAndPush();
            report.image = image.imageRef;
            report.digest = image.digest;
            report.state = 'deploying';
            await ports.github.progress(report);
            const env = previewEnv(plan);
            const labels = previewLabels(plan);
            const spec = {
                revisionName: plan.revisionName({
                    image: image.imageRef,
                    env,
                    labels,
                    settings: labels['gcp-deploy-config'],
                }),
                image: image.imageRef,
                env,
                labels,
            };
            const fresh = await timePhase(report, 'deploy', () => ports.cloudRun.deployPreview(spec, plan.tag));
            deployment = fresh;
        }
        report.revision = deployment.revision;
        report.url = deployment.url;
        report.previousRevision = deployment.previousRevision;
        report.serviceCreated = deployment.serviceCreated;
        if (deployment.serviceCreated) {
            const note = `Service ${config.service} did not exist and was created; this revision serves its traffic until a promotion.`;
            report.notes.push(note);
            ports.log.notice(note);
        }
        if (!deployment.ready) {
            return await fail(`Revision ${deployment.revision} failed to become ready: ${deployment.message ?? 'no reason given'}`);
        }
        if (deployment.url === undefined) {
            return await fail(`Cloud Run reported no URL for tag ${plan.tag} on service ${config.service}`);
        }
        report.state = 'checking';
        await ports.github.progress(report);
        const url = deployment.url;
        // 'ready': from the finished operation until the tag URL answers the health path (cold start included).
        report.health = await timePhase(report, 'ready', () => ports.checks.health(url));
        if (!report.health.ok) {
            const last = report.health.lastStatus === null
                ? (report.health.error ?? 'no answer')
                : `HTTP ${report.health.lastStatus}`;
            return await fail(`Health check of ${url}${config.checks.healthPath} failed after ${report.health.attempts} attempts: ${last}`);
        }
        report.smoke = await timePhase(report, 'checks', () => ports.checks.smoke(url));
        if (report.smoke !== undefined && !report.smoke.ok) {
            const failed = report.smoke.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);
            return await fail(`Smoke checks failed${report.smoke.aborted ? ' (aborted early)' : ''}: ${failed.length > 0 ? failed.join(', ') : 'see the summary'}`);
        }
        report.state = 'ready';
        report.result = 'success';
        return report;
    }
    catch (err) {
        return await fail((0,user_error/* errorMessage */.g)(err));
    }
}
/** The revision already tagged for this PR when it was built from this commit with these settings and is ready. */
async function reusableDeployment(plan, ports) {
    const service = await ports.cloudRun.getService();
    const tagged = service?.traffic.find((t) => t.tag === plan.tag)?.revision;
    if (service === null || tagged === undefined)
        return undefined;
    const labels = previewLabels(plan);
    const same = await ports.cloudRun.listRevisions({
        'gcp-deploy-pr': labels['gcp-deploy-pr'] ?? '',
        'gcp-deploy-sha': labels['gcp-deploy-sha'] ?? '',
        'gcp-deploy-config': labels['gcp-deploy-config'] ?? '',
    });
    const hit = same.find((r) => r.name === tagged && r.ready);
    if (hit === undefined)
        return undefined;
    return {
        revision: hit.name,
        url: service.tagUrls[plan.tag],
        ready: true,
        serviceCreated: false,
        previousRevision: hit.name,
        image: hit.image,
    };
}
async function rollBackTag(plan, report, ports, deployment) {
    const back = deployment.previousRevision !== deployment.revision ? (deployment.previousRevision ?? null) : null;
    try {
        await timePhase(report, 'traffic', () => ports.cloudRun.retag(plan.tag, back));
        report.state = 'rolled-back';
        report.result = 'rolled-back';
        report.url = back === null ? undefined : report.url;
        report.notes.push(back === null
            ? `Tag ${plan.tag} was removed (no earlier revision of this PR passed); ${deployment.revision} is kept untagged for debugging.`
            : `Tag ${plan.tag} points back to ${back}; ${deployment.revision} is kept untagged for debugging.`);
    }
    catch (err) {
        report.state = 'failed';
        report.result = 'failure';
        report.failureReason = `${report.failureReason ?? ''}; the rollback of tag ${plan.tag} also failed: ${(0,user_error/* errorMessage */.g)(err)}`;
    }
}

;// CONCATENATED MODULE: ./src/commands/run-command.ts









function requirePr(ctx, command) {
    if (ctx.prNumber === undefined) {
        throw new user_error/* UserError */.y(`Input 'command': got "${command}", but the event '${ctx.eventName}' carries no pull request; allowed: run ${command} on pull_request events.`, 'command');
    }
    return ctx.prNumber;
}
/** Runs one command end to end: validation that needs the event, the command, the summary and the PR report. */
async function run_command_runCommand(command, config, ctx) {
    const prNumber = command === 'preview' || (command === 'cleanup' && config.cleanup.staleMs === undefined)
        ? requirePr(ctx, command)
        : ctx.prNumber;
    // Naming is checked before anything is built or changed: a tag that cannot fit fails here.
    const tagFor = (pr) => prTag({ template: config.tagTemplate, prNumber: pr, branch: ctx.headRef, service: config.service });
    const tag = prNumber === undefined ? undefined : tagFor(prNumber);
    const report = newReport({
        command,
        service: config.service,
        project: config.projectId,
        region: config.region,
        tag,
        prNumber,
        commitSha: ctx.headSha,
        runUrl: ctx.runUrl,
    });
    const targetWarning = (0,src_github/* pullRequestTargetWarning */.i5)(ctx);
    if (targetWarning !== null)
        core/* warning */.$e(targetWarning);
    const skip = command === 'preview' ? (0,src_github/* forkSkipReason */.II)(ctx, hasCloudCredentials(process.env)) : null;
    if (skip !== null) {
        core/* notice */.lm(skip);
        report.state = 'skipped';
        report.result = 'skipped';
        report.notes.push(skip);
        await (0,src_github/* writeJobSummary */.j7)(report, { headRef: ctx.headRef, prTitle: ctx.prTitle });
        return report;
    }
    const environment = config.github.environment ??
        (command === 'preview' || command === 'cleanup' ? `preview/${tag ?? 'pr'}` : 'production');
    const github = config.github.token === ''
        ? { progress: async () => { }, finish: async () => { }, removed: async () => { } }
        : (0,src_github/* createGitHubReporter */.Jl)({
            token: config.github.token,
            ctx,
            service: config.service,
            environment,
            comment: config.github.comment && prNumber !== undefined,
            failOnCommentError: config.github.failOnCommentError,
            log: { info: core/* info */.pq, warning: core/* warning */.$e, notice: core/* notice */.lm },
        });
    if (config.github.token === '')
        core/* info */.pq('No github_token: no PR comment or deployment is written.');
    const ports = createPorts(config, ctx, github, report);
    let done;
    switch (command) {
        case 'preview':
            done = await runPreview({
                config,
                prNumber: prNumber,
                commitSha: ctx.headSha,
                tag: tag,
                revisionName: (settings) => revisionName({
                    service: config.service,
                    prNumber: prNumber,
                    sha: ctx.headSha,
                    // The whole digest: the long-name fallback hashes all of it.
                    configHash: configHash(settings, 64),
                }),
            }, report, ports);
            break;
        case 'promote':
            done = await runPromote(config, promoteSelector(config.promote.from, ctx.headSha), report, ports);
            break;
        case 'rollback':
            done = await runRollback(config, report, ports);
            break;
        case 'cleanup': {
            let prs = prNumber === undefined ? [] : [prNumber];
            if (config.cleanup.staleMs !== undefined) {
                // A sweep: PRs untouched for longer than `stale`, and, when GitHub can be asked, PRs already closed.
                const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
                const known = [...new Set(revisions.map((r) => Number(r.labels['gcp-deploy-pr'])))].filter((n) => Number.isInteger(n) && n > 0);
                const closed = config.github.token === ''
                    ? []
                    : await (0,src_github/* closedPullRequests */.UJ)(config.github.token, ctx, known, core/* warning */.$e);
                prs = [
                    ...new Set([
                        ...prs,
                        ...stalePullRequests(revisions, config.cleanup.staleMs, new Date()),
                        ...closed,
                    ]),
                ];
                prs.sort((a, b) => a - b);
            }
            done = await runCleanup(config, prs, tagFor, report, ports);
            break;
        }
    }
    core/* info */.pq(`API calls to Cloud Run: ${ports.cloudRun.callCount()}`);
    if (done.result === 'removed')
        await github.removed(done);
    else
        await github.finish(done);
    await (0,src_github/* writeJobSummary */.j7)(done, { headRef: ctx.headRef, prTitle: ctx.prTitle });
    return done;
}


/***/ })

};
