export const id = 510;
export const ids = [510];
export const modules = {

/***/ 87510:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCommand: () => (/* binding */ run_command_runCommand)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/config/config.ts + 1 modules
var config_config = __webpack_require__(93265);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/github/index.ts + 9 modules
var src_github = __webpack_require__(89443);
// EXTERNAL MODULE: ./src/report/markdown-comment.ts
var markdown_comment = __webpack_require__(1765);
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

// EXTERNAL MODULE: ./src/cloudrun/naming.ts
var naming = __webpack_require__(67536);
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
        ...(svc.template ? { template: svc.template } : {}),
    };
}
/** The RevisionTemplate fields a Revision carries too (revision_template.proto and revision.proto). */
const REVISION_TEMPLATE_FIELDS = [
    'labels',
    'annotations',
    'scaling',
    'vpcAccess',
    'timeout',
    'serviceAccount',
    'containers',
    'volumes',
    'executionEnvironment',
    'encryptionKey',
    'maxInstanceRequestConcurrency',
    'serviceMesh',
    'encryptionKeyRevocationAction',
    'encryptionKeyShutdownDuration',
    'sessionAffinity',
    'nodeSelector',
    'gpuZonalRedundancyDisabled',
];
/** Prefixes of the labels and annotations Cloud Run itself manages: never copied into a new template. */
const SYSTEM_KEY = /^(run\.googleapis\.com|serving\.knative\.dev|autoscaling\.knative\.dev|cloud\.googleapis\.com)\//;
function userKeys(map) {
    return Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !SYSTEM_KEY.test(k)));
}
/** The template a revision was made from: every field a Revision shares with RevisionTemplate. */
function templateOfRevision(rev) {
    const out = {};
    const src = rev;
    for (const key of REVISION_TEMPLATE_FIELDS) {
        const v = src[key];
        if (v !== undefined && v !== null)
            out[key] = v;
    }
    return { ...out, labels: userKeys(rev.labels), annotations: userKeys(rev.annotations) };
}
/**
 * The container that serves requests: the only one, or among several the one that declares a port
 * (Cloud Run requires exactly one); undefined when that cannot be told.
 */
function ingressIndex(containers) {
    const list = containers ?? [];
    if (list.length <= 1)
        return list.length === 1 ? 0 : undefined;
    const withPort = list.flatMap((c, i) => ((c.ports ?? []).length > 0 ? [i] : []));
    return withPort.length === 1 ? withPort[0] : undefined;
}
/** The image of the ingress container (the first container's when none is clearly the ingress). */
function ingressImage(containers) {
    return containers?.[ingressIndex(containers) ?? 0]?.image || undefined;
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
/** The revision serving most (the first one on a tie); `LATEST` when LATEST serves and means nothing yet. */
function mainRevision(traffic, latest) {
    let best;
    for (const [rev, percent] of servingShares(traffic, latest)) {
        if (best === undefined || percent > best.percent)
            best = { rev, percent };
    }
    return best?.rev;
}
/** Production's main revision: the one serving most, LATEST resolved to what it serves now. */
function productionRevision(svc) {
    const main = mainRevision(svc.traffic, latestMeans(svc));
    return main === 'LATEST' ? undefined : main;
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
    /** Creates the service running `template` (its revision tagged `tag` when given) and waits for it. */
    async createService(service, template, opts = {}) {
        const revision = revisionNameOf(template);
        const traffic = [{ type: 'LATEST', percent: 100 }];
        if (opts.tag !== undefined)
            traffic.push({ type: 'REVISION', revision, percent: 0, tag: opts.tag });
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
                const op = opts.tag === undefined ? PIN : { kind: 'preview', tag: opts.tag, revision };
                return this.deployRevision(service, template, op);
            }
            if (isTransient(err))
                throw err;
            message = err instanceof Error ? err.message : String(err);
        }
        return this.settle(service, revision, opts.tag, true, message);
    }
    /**
     * Deploys a new revision with ONE UpdateService carrying the template and the planned traffic (by default
     * LATEST pinned, so the revision takes no traffic), then waits for the revision's own Ready condition.
     * A revision of the same name that exists already is reused (idempotent re-run).
     */
    async deployRevision(service, template, op = PIN) {
        const revision = revisionNameOf(template);
        const existed = (await this.getRevisionRaw(service, revision)) !== null;
        let round = 0;
        let message;
        try {
            await this.readModifyWrite(service, (svc) => planTraffic(svc, op), async () => {
                round++;
                if (existed)
                    return undefined;
                // After a round whose answer was lost, the revision may exist: sending its template again would clash.
                if (round > 1 && (await this.getRevisionRaw(service, revision)) !== null)
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
        return this.settle(service, revision, tag, !existed, message);
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
/**
 * Revisions are always named by the caller, so a re-run finds (and reuses) its own; and what serves is
 * always pinned by digest, so what was checked is what runs (checked again here, before any call).
 */
function revisionNameOf(template) {
    if (!template.revision)
        throw new Error('a revision template must name its revision');
    (0,naming/* requirePinnedImage */.nU)(ingressImage(template.containers) ?? '');
    return template.revision;
}
function revisionInfo(r) {
    const readiness = revisionReadiness(r);
    const seconds = r.createTime?.seconds;
    return {
        name: shortName(r.name),
        labels: { ...(r.labels ?? {}) },
        ...(ingressImage(r.containers) !== undefined ? { image: ingressImage(r.containers) } : {}),
        ...(seconds !== undefined && seconds !== null ? { createTime: new Date(Number(seconds) * 1000) } : {}),
        ready: readiness.ready,
        ...(readiness.message ? { message: readiness.message } : {}),
        template: templateOfRevision(r),
    };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/cloudrun/template-merge.ts
/**
 * A revision is "the template someone already has, plus our inputs": a pure merge, so what Terraform or the
 * console set (sidecars, volumes, probes, VPC, identity, scaling, annotations) survives previews and
 * promotions. The base is the template of the revision production serves; a template file (escape hatch)
 * applies over it; the action's inputs apply last and always win; the image is always this run's digest.
 */




/** Env vars a preview sets for its app; never carried into another revision's base. */
const PREVIEW_ENV_NAMES = ['PREVIEW_ID', 'PREVIEW_TAG', 'PREVIEW_PR', 'PREVIEW_SHA'];
/** Labels this action sets per run start with this; a base's are dropped, this run's added. */
const RUN_LABEL_PREFIX = 'gcp-deploy-';
/** The base template, the template file over it, the inputs over both; `base` is never modified. */
function mergeTemplate(base, run) {
    (0,naming/* requirePinnedImage */.nU)(run.image);
    const d = run.deploy;
    const t = withoutRunMarkers(overlayTemplate(clone(base ?? {}), d.templateFile ?? {}));
    t.revision = run.revisionName;
    t.labels = { ...(t.labels ?? {}), ...d.labels, ...run.runLabels };
    if (d.minInstances !== undefined || d.maxInstances !== undefined) {
        t.scaling = {
            ...(t.scaling ?? {}),
            ...(d.minInstances !== undefined ? { minInstanceCount: d.minInstances } : {}),
            ...(d.maxInstances !== undefined ? { maxInstanceCount: d.maxInstances } : {}),
        };
    }
    if (d.concurrency !== undefined)
        t.maxInstanceRequestConcurrency = d.concurrency;
    if (d.serviceAccount !== undefined)
        t.serviceAccount = d.serviceAccount;
    if (d.requestTimeoutSec !== undefined)
        t.timeout = { seconds: d.requestTimeoutSec };
    const containers = [...(t.containers ?? [])];
    const at = targetContainer(containers, d.container);
    if (at === containers.length)
        containers.push(d.container !== undefined ? { name: d.container } : {});
    const c = { ...containers[at] };
    c.image = run.image;
    c.env = mergeEnv(c.env ?? [], d, run.runEnv);
    if (d.command !== undefined)
        c.command = [...d.command];
    if (d.args !== undefined)
        c.args = [...d.args];
    if (d.port !== undefined)
        c.ports = [{ ...(c.ports?.[0] ?? {}), containerPort: d.port }];
    if (d.cpu !== undefined || d.memory !== undefined || d.cpuBoost !== undefined) {
        c.resources = {
            ...(c.resources ?? {}),
            limits: {
                ...(c.resources?.limits ?? {}),
                ...(d.cpu !== undefined ? { cpu: d.cpu } : {}),
                ...(d.memory !== undefined ? { memory: d.memory } : {}),
            },
            ...(d.cpuBoost !== undefined ? { startupCpuBoost: d.cpuBoost } : {}),
        };
    }
    containers[at] = c;
    const mounted = mountSecretFiles(containers, at, t.volumes ?? [], d);
    t.containers = mounted.containers;
    t.volumes = mounted.volumes;
    return t;
}
/**
 * The container this run deploys: the one the `container` input names, else the ingress container (the
 * one with a port), else the only one. Returns `containers.length` when a new container is to be added.
 */
function targetContainer(containers, name) {
    if (name !== undefined) {
        const i = containers.findIndex((c) => c.name === name);
        if (i >= 0)
            return i;
        if (containers.length === 0)
            return 0;
        throw user_error/* UserError */.y.forInput('container', name, `allowed: a container of the service (${containers.map((c) => c.name || '(unnamed)').join(', ')})`);
    }
    if (containers.length === 0)
        return 0;
    const ingress = ingressIndex(containers);
    if (ingress !== undefined)
        return ingress;
    const withPort = containers.filter((c) => (c.ports ?? []).length > 0).length;
    throw user_error/* UserError */.y.forInput('container', '', `the service has ${containers.length} containers and ${withPort} declare a port; name the one to deploy (${containers.map((c) => c.name || '(unnamed)').join(', ')})`);
}
function mergeEnv(existing, d, runEnv) {
    const reserved = new Set(PREVIEW_ENV_NAMES);
    let env = existing.filter((e) => !reserved.has(e.name ?? ''));
    // overwrite drops what that input governs: plain values for env_vars, secret references for secrets.
    if (d.envStrategy === 'overwrite')
        env = env.filter((e) => e.valueSource != null);
    if (d.secretsStrategy === 'overwrite')
        env = env.filter((e) => e.valueSource == null);
    const set = (entry) => {
        const i = env.findIndex((e) => e.name === entry.name);
        if (i >= 0)
            env[i] = entry;
        else
            env.push(entry);
    };
    for (const [name, value] of Object.entries(d.envVars))
        set({ name, value });
    for (const s of d.secrets) {
        if (s.kind === 'env')
            set({ name: s.env, valueSource: { secretKeyRef: { secret: s.secret, version: s.version } } });
    }
    for (const [name, value] of Object.entries(runEnv))
        set({ name, value });
    return env;
}
/** Secret files (`/dir/file=SECRET:VERSION`): one secret volume per directory, mounted in the target. */
function mountSecretFiles(containers, at, volumes, d) {
    const files = d.secrets.filter((s) => s.kind === 'file');
    const target = containers[at];
    let mounts = [...(target.volumeMounts ?? [])];
    let vols = [...volumes];
    const isSecretVolume = (name) => vols.some((v) => v.name === name && v.secret != null);
    const dropUnused = () => {
        const used = new Set(containers.flatMap((c, i) => (i === at ? mounts : (c.volumeMounts ?? [])).map((m) => m.name)));
        vols = vols.filter((v) => used.has(v.name) || v.secret == null);
    };
    if (d.secretsStrategy === 'overwrite') {
        mounts = mounts.filter((m) => !isSecretVolume(m.name));
        dropUnused();
    }
    const byDir = new Map();
    for (const f of files) {
        const dir = external_node_path_.posix.dirname(f.path);
        const entry = byDir.get(dir) ?? { secret: f.secret, items: [] };
        if (entry.secret !== f.secret) {
            throw user_error/* UserError */.y.forInput('secrets', f.path, `allowed: one secret per mounted directory (${dir} already mounts ${entry.secret}); use another directory`);
        }
        entry.items.push({ path: external_node_path_.posix.basename(f.path), version: f.version });
        byDir.set(dir, entry);
    }
    for (const [dir, { secret, items }] of byDir) {
        const name = secretVolumeName(secret, dir);
        mounts = mounts.filter((m) => m.mountPath !== dir && m.name !== name);
        dropUnused();
        vols = vols.filter((v) => v.name !== name);
        vols.push({ name, secret: { secret, items } });
        mounts.push({ name, mountPath: dir });
    }
    const next = [...containers];
    next[at] = { ...target, volumeMounts: mounts };
    return { containers: next, volumes: vols };
}
/** A stable volume name for a secret mounted at a directory (a DNS label, at most 63 characters). */
function secretVolumeName(secret, dir) {
    const short = (secret.split('/').pop() ?? secret).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    let h = 0;
    for (const ch of `${secret}\0${dir}`)
        h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
    return `secret-${short.slice(0, 40)}-${h.toString(36)}`.replace(/-+/g, '-');
}
/** A template without the previous run's own markers (its PREVIEW_* env and gcp-deploy-* labels). */
function withoutRunMarkers(t) {
    const labels = Object.fromEntries(Object.entries(t.labels ?? {}).filter(([k]) => !k.startsWith(RUN_LABEL_PREFIX)));
    return { ...t, labels };
}
/**
 * The template file over the base: objects merge key by key, containers and volumes by name (by position
 * when unnamed), every other list and value is replaced.
 */
function overlayTemplate(base, overlay) {
    return deepOverlay(base, overlay, '');
}
function deepOverlay(base, over, key) {
    if (over === undefined)
        return base;
    if (Array.isArray(over)) {
        if ((key === 'containers' || key === 'volumes') && Array.isArray(base))
            return overlayByName(base, over);
        return clone(over);
    }
    if (isObject(over) && isObject(base)) {
        const out = { ...base };
        for (const [k, v] of Object.entries(over))
            out[k] = deepOverlay(base[k], v, k);
        return out;
    }
    return clone(over);
}
function overlayByName(base, over) {
    const out = [...base];
    over.forEach((item, i) => {
        const name = isObject(item) ? item.name : undefined;
        const at = name ? out.findIndex((b) => isObject(b) && b.name === name) : i < out.length ? i : -1;
        if (at >= 0)
            out[at] = deepOverlay(out[at], item, '');
        else
            out.push(clone(item));
    });
    return out;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function clone(v) {
    return structuredClone(v);
}

;// CONCATENATED MODULE: ./src/cloudrun/run-port.ts



/** The template a new revision starts from: production's revision's, else the service's own. */
async function baseTemplate(api, serviceName, svc) {
    if (svc === null)
        return { template: undefined };
    const serving = productionRevision(svc);
    const rev = serving === undefined ? null : await api.getRevision(serviceName, serving);
    if (rev !== null)
        return { template: rev.template, revision: rev.name };
    return { template: svc.template };
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
        return svc;
    };
    const merged = (base, req) => {
        const { image, runEnv, runLabels } = req;
        const unnamed = mergeTemplate(base, {
            revisionName: '',
            image,
            deploy: config.deploy,
            runEnv,
            runLabels,
        });
        return { ...unnamed, revision: req.name(unnamed) };
    };
    return {
        callCount: () => api.apiCalls,
        getService: () => api.getService(service),
        async deployTagged(req, tag) {
            const existing = await api.getService(service);
            const base = await baseTemplate(api, service, existing);
            const template = merged(base.template, req);
            const revision = template.revision;
            if (existing === null) {
                log(`Service ${service} does not exist: creating it with this revision`);
                const r = await api.createService(service, template, {
                    tag,
                    labels: { 'managed-by': 'gcp-deploy' },
                });
                return { ...outcome(r), serviceCreated: true };
            }
            if (base.revision !== undefined)
                log(`${revision} starts from the template of ${base.revision}`);
            const previousRevision = existing.traffic.find((t) => t.tag === tag)?.revision;
            const r = await api.deployRevision(service, template, { kind: 'preview', tag, revision });
            return {
                ...outcome(r),
                serviceCreated: false,
                ...(base.revision !== undefined ? { base: base.revision } : {}),
                ...(previousRevision !== undefined && previousRevision !== revision ? { previousRevision } : {}),
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
        listRevisions: (labels) => api.listRevisions(service, labels),
        getRevision: (name) => api.getRevision(service, name),
        deleteRevision: (name) => api.deleteRevision(service, name),
    };
}
function outcome(r) {
    return {
        revision: r.revision,
        ready: r.ready,
        ...(r.uri !== undefined ? { url: r.uri } : {}),
        ...(r.message !== undefined ? { message: r.message } : {}),
    };
}

// EXTERNAL MODULE: ./src/checks/smoke-options.ts + 18 modules
var smoke_options = __webpack_require__(42456);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(24371);
// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var google_auth_library_build_src = __webpack_require__(492);
;// CONCATENATED MODULE: ./src/checks/id-token.ts
/**
 * Google ID tokens for private Cloud Run services (no allUsers invoker): the audience is the service URL.
 * The token only ever goes into an Authorization header; it is never logged.
 */

/** The audience Cloud Run expects: the service URL's origin (no path, no query). */
function audienceFor(url) {
    return new URL(url).origin;
}
/** The default provider: Application Default Credentials via google-auth-library's ID token client. */
const googleIdTokenProvider = async (audience) => {
    const client = await new google_auth_library_build_src.GoogleAuth().getIdTokenClient(audience);
    return client.idTokenProvider.fetchIdToken(audience);
};
/** An Authorization header carrying an ID token for the URL's service. */
async function id_token_idTokenHeaders(url, provider = googleIdTokenProvider) {
    const token = await provider(audienceFor(url));
    return { authorization: `Bearer ${token}` };
}

;// CONCATENATED MODULE: ./src/checks/executors/context.ts
/** What every executor gets from the engine, and the small timing helpers they share. */
/** Resolves after ms, or at once when the signal aborts. */
function context_sleep(ms, signal) {
    return new Promise((resolve) => sleepThen(ms, signal, resolve));
}
/** Calls `then` once after ms, or as soon as the signal aborts (at once when it already has). */
function sleepThen(ms, signal, then) {
    if (ms <= 0 || signal?.aborted === true) {
        then();
        return;
    }
    const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        then();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
}
/** Waits for all work to settle, but at most gracefulMs (k6's gracefulStop), or until the run aborts. */
async function settleWithin(work, gracefulMs, signal) {
    const timeout = new AbortController();
    const onAbort = () => timeout.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
        await Promise.race([Promise.allSettled(work), context_sleep(gracefulMs, timeout.signal)]);
    }
    finally {
        timeout.abort();
        signal.removeEventListener('abort', onAbort);
    }
}
/**
 * A stop flag that turns true at a deadline or when the run aborts. A timer sets it, so the check VUs make
 * before each iteration reads a variable instead of the clock.
 */
function deadlineFlag(endAt, signal) {
    let passed = false;
    const arm = () => {
        const left = endAt - performance.now();
        // Timers run on a millisecond clock and can fire a little early: re-arm until the deadline has passed.
        if (left <= 0)
            passed = true;
        else
            setTimeout(arm, Math.max(1, Math.ceil(left))).unref();
    };
    arm();
    return () => passed || signal.aborted;
}
/** Waits for the loops to end, at most until endAt; then gives the ones still running gracefulMs more. */
async function awaitLoops(loops, endAt, gracefulMs, signal) {
    const early = new AbortController();
    const all = Promise.allSettled(loops).then(() => early.abort());
    await Promise.race([all, context_sleep(endAt - performance.now(), AbortSignal.any([early.signal, signal]))]);
    early.abort();
    await settleWithin(loops, gracefulMs, signal);
}
/** One VU's loop: iterations back to back while `more()` says so, counted in the `vus` gauge. */
function vuLoop(ctx, vu, stopped, more) {
    return new Promise((resolve, reject) => {
        ctx.activeVUs(1);
        // An iteration that ends synchronously calls next() from inside iterate(); it only sets `again` then,
        // and the do-while below starts the following iteration, so the stack never grows with iterations.
        let inside = false;
        let again = false;
        const next = () => {
            if (inside) {
                again = true;
                return;
            }
            try {
                do {
                    again = false;
                    if (stopped() || !more()) {
                        ctx.activeVUs(-1);
                        resolve();
                        return;
                    }
                    inside = true;
                    vu.iterate(0, next);
                    inside = false;
                } while (again);
            }
            catch (err) {
                inside = false;
                ctx.activeVUs(-1);
                reject(err instanceof Error ? err : new Error(String(err)));
            }
        };
        next();
    });
}

;// CONCATENATED MODULE: ./src/checks/health-check.ts
/**
 * The health check: asks the preview (GET / or a configured method and path) until it answers an expected
 * status (and, optionally, a body containing a given text), with exponential backoff and a deadline.
 */




const MAX_BACKOFF_MS = 5000;
const MAX_ATTEMPT_MS = 10_000;
const MIN_ATTEMPT_MS = 50;
/** Polls until healthy or the deadline; never throws for HTTP failures. */
async function runHealthCheck(opts) {
    const log = opts.log ?? (() => undefined);
    const expect = opts.expectStatus ?? [200];
    const target = new URL(opts.path, opts.url).toString();
    const started = performance.now();
    const deadline = started + opts.timeoutMs;
    let backoff = opts.initialBackoffMs ?? 250;
    let attempts = 0;
    let lastStatus = null;
    let lastError;
    while (true) {
        attempts++;
        const remaining = deadline - performance.now();
        try {
            const headers = { ...(opts.headers ?? {}) };
            if (opts.auth === 'id-token')
                Object.assign(headers, await id_token_idTokenHeaders(opts.url, opts.idTokenProvider));
            const perAttempt = Math.ceil(Math.max(1, Math.min(MAX_ATTEMPT_MS, remaining)));
            const res = await (0,undici/* request */.Em)(target, {
                method: (opts.method ?? 'GET').toUpperCase(),
                headers,
                headersTimeout: perAttempt,
                bodyTimeout: perAttempt,
                signal: AbortSignal.timeout(perAttempt),
                // A fresh connection per probe: a reused keep-alive socket the server just closed would make undici
                // resend silently, and each attempt should say whether the service accepts new connections.
                reset: true,
            });
            lastStatus = res.statusCode;
            const body = opts.bodyMatch === undefined ? (await res.body.dump(), '') : await res.body.text();
            if (expect.includes(res.statusCode) &&
                (opts.bodyMatch === undefined || body.includes(opts.bodyMatch))) {
                const timeToHealthyMs = Math.round(performance.now() - started);
                log(`Healthy: ${target} answered ${res.statusCode} after ${attempts} attempt(s), ${timeToHealthyMs} ms`);
                return { url: target, ok: true, attempts, timeToHealthyMs, lastStatus };
            }
            lastError = expect.includes(res.statusCode)
                ? `status ${res.statusCode} but the body does not contain ${JSON.stringify(opts.bodyMatch)}`
                : `status ${res.statusCode}, expected ${expect.join(' or ')}`;
        }
        catch (err) {
            // An attempt cut short by the deadline says less than the answer before it: keep that one.
            if (lastError === undefined || performance.now() < deadline)
                lastError = (0,user_error/* errorMessage */.g)(err);
        }
        const left = deadline - performance.now();
        if (left <= 0)
            break;
        log(`Health attempt ${attempts}: ${lastError}; retrying in ${Math.round(Math.min(backoff, left))} ms`);
        await context_sleep(Math.min(backoff, left));
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        // An attempt with only a sliver of time left would be cut short before it could answer.
        if (deadline - performance.now() < MIN_ATTEMPT_MS)
            break;
    }
    return { url: target, ok: false, attempts, timeToHealthyMs: null, lastStatus, error: lastError };
}

;// CONCATENATED MODULE: ./src/checks/threshold-eval.ts
/** Applies a k6 threshold operator (== and === are the same for numbers). */
function compare(actual, operator, expected) {
    switch (operator) {
        case '>':
            return actual > expected;
        case '>=':
            return actual >= expected;
        case '<':
            return actual < expected;
        case '<=':
            return actual <= expected;
        case '==':
        case '===':
            return actual === expected;
        case '!=':
            return actual !== expected;
    }
}
/**
 * One threshold's outcome. As in k6, a metric with no samples aggregates to 0 (so `p(95)<500` passes on
 * an empty submetric); `actual` is null only when the registry has no such (sub)metric at all.
 */
function evaluateThreshold(spec, registry) {
    const sink = registry.sink(spec.selector);
    const actual = sink === undefined ? undefined : registry.aggregate(sink, spec.aggregation);
    if (actual === undefined)
        return { metric: spec.selector.key, expression: spec.expression, actual: null, ok: false };
    return {
        metric: spec.selector.key,
        expression: spec.expression,
        actual,
        ok: compare(actual, spec.operator, spec.value),
    };
}
/** All thresholds' outcomes, in the order they were written. */
function evaluateThresholds(specs, registry) {
    return specs.map((s) => evaluateThreshold(s, registry));
}

;// CONCATENATED MODULE: ./src/checks/abort-evaluator.ts

/** k6 evaluates thresholds for abortOnFail every 2 seconds. */
const ABORT_EVAL_PERIOD_MS = 2000;
/** The abortOnFail thresholds that fail now, among those whose delay has passed after `elapsedMs`. */
function failingAbortThresholds(specs, registry, elapsedMs) {
    return specs.filter((s) => s.abortOnFail && elapsedMs >= s.delayAbortEvalMs && !evaluateThreshold(s, registry).ok);
}
/** Starts the periodic check; calls onFail once with the failing thresholds. Returns a stop function. */
function startAbortEvaluator(specs, registry, onFail, periodMs = ABORT_EVAL_PERIOD_MS) {
    if (!specs.some((s) => s.abortOnFail))
        return () => undefined;
    const started = performance.now();
    const timer = setInterval(() => {
        const failed = failingAbortThresholds(specs, registry, performance.now() - started);
        if (failed.length > 0) {
            clearInterval(timer);
            onFail(failed);
        }
    }, periodMs);
    timer.unref();
    return () => clearInterval(timer);
}

;// CONCATENATED MODULE: ./src/checks/executors/arrival-rate.ts

/** Planned start offsets (ms) of a constant rate: `rate` per `timeUnit` for `duration`. */
function* constantArrivals(rate, timeUnitMs, durationMs) {
    const gap = timeUnitMs / rate;
    for (let k = 0; k * gap < durationMs; k++)
        yield k * gap;
}
/**
 * Planned start offsets (ms) of a rate moving linearly through stages: iteration k starts when the integral of
 * the rate reaches k (so the first one starts at 0, as in k6).
 */
function* rampingArrivals(startRate, timeUnitMs, stages) {
    let k = 0;
    let done = 0; // iterations planned before the current stage, as a real number
    let t0 = 0;
    let r0 = startRate / timeUnitMs;
    for (const st of stages) {
        const r1 = st.target / timeUnitMs;
        const d = st.duration;
        if (d > 0) {
            const a = (r1 - r0) / (2 * d);
            const stageTotal = r0 * d + a * d * d;
            while (k <= done + stageTotal) {
                const m = k - done;
                // Root of a*τ² + r0*τ = m in a form that stays stable when a is 0 or negative.
                const disc = r0 * r0 + 4 * a * m;
                const denom = r0 + Math.sqrt(Math.max(0, disc));
                const tau = m === 0 ? 0 : denom > 0 ? (2 * m) / denom : d;
                if (tau >= d)
                    break;
                yield t0 + tau;
                k++;
            }
            done += stageTotal;
        }
        t0 += d;
        r0 = r1;
    }
}
/** Runs an arrival-rate scenario to its end. */
async function runArrivalRate(s, ctx) {
    const plan = s.executor === 'constant-arrival-rate'
        ? constantArrivals(s.rate, s.timeUnit, s.duration)
        : rampingArrivals(s.startRate, s.timeUnit, s.stages);
    const total = s.executor === 'constant-arrival-rate' ? s.duration : s.stages.reduce((sum, st) => sum + st.duration, 0);
    let allocated = s.preAllocatedVUs;
    const idle = Array.from({ length: allocated }, () => ctx.newVU(s.name));
    ctx.allocatedVUs(allocated);
    const inflight = new Set();
    const start = performance.now();
    const endAt = start + total;
    const stopped = () => ctx.runSignal.aborted || performance.now() >= endAt;
    const launch = (vu, lagMs) => {
        ctx.activeVUs(1);
        const it = new Promise((resolve) => vu.iterate(lagMs, resolve)).finally(() => {
            idle.push(vu);
            ctx.activeVUs(-1);
            inflight.delete(it);
        });
        inflight.add(it);
    };
    for (const offset of plan) {
        const due = start + offset;
        const wait = due - performance.now();
        if (wait > 1)
            await context_sleep(wait, ctx.runSignal);
        if (stopped())
            break;
        if (idle.length === 0 && allocated < s.maxVUs) {
            allocated++;
            idle.push(ctx.newVU(s.name));
            ctx.allocatedVUs(1);
        }
        const vu = idle.pop();
        if (vu !== undefined)
            launch(vu, Math.max(0, performance.now() - due));
        else
            ctx.dropIteration(s.name);
    }
    await context_sleep(endAt - performance.now(), ctx.runSignal);
    await settleWithin([...inflight], s.gracefulStop, ctx.runSignal);
}

;// CONCATENATED MODULE: ./src/checks/executors/iterations.ts

/** Runs a shared-iterations or per-vu-iterations scenario to its end. */
async function runIterationsExecutor(s, ctx) {
    const endAt = performance.now() + s.maxDuration;
    const stopped = deadlineFlag(endAt, ctx.runSignal);
    let shared = s.iterations;
    ctx.allocatedVUs(s.vus);
    const loops = [];
    for (let v = 0; v < s.vus; v++) {
        let own = s.iterations;
        // shared-iterations: the VUs draw from one pool; per-vu-iterations: each VU has its own count.
        const more = s.executor === 'shared-iterations' ? () => shared-- > 0 : () => own-- > 0;
        loops.push(vuLoop(ctx, ctx.newVU(s.name), stopped, more));
    }
    await awaitLoops(loops, endAt, s.gracefulStop, ctx.runSignal);
}

;// CONCATENATED MODULE: ./src/checks/executors/vus.ts

/** Runs a constant-vus scenario: `vus` loops for `duration`, then gracefulStop for iterations in flight. */
async function runConstantVus(s, ctx) {
    const endAt = performance.now() + s.duration;
    const stopped = deadlineFlag(endAt, ctx.runSignal);
    ctx.allocatedVUs(s.vus);
    const loops = Array.from({ length: s.vus }, () => vuLoop(ctx, ctx.newVU(s.name), stopped, () => true));
    await awaitLoops(loops, endAt, s.gracefulStop, ctx.runSignal);
}
/**
 * The VU target over time, as k6 computes it: within a stage the count moves linearly from the previous
 * target to the stage's, changing by whole VUs at evenly spaced times (one step per VU).
 */
function rampingVuSteps(startVUs, stages) {
    const steps = [{ atMs: 0, vus: startVUs }];
    let from = startVUs;
    let t = 0;
    for (const st of stages) {
        const delta = st.target - from;
        if (st.duration === 0) {
            if (delta !== 0)
                steps.push({ atMs: t, vus: st.target });
        }
        else {
            const n = Math.abs(delta);
            for (let i = 1; i <= n; i++) {
                steps.push({ atMs: t + (i * st.duration) / n, vus: from + Math.sign(delta) * i });
            }
        }
        t += st.duration;
        from = st.target;
    }
    return steps;
}
/** The VU target at `t` ms into the scenario. */
function vuTargetAt(steps, t) {
    let lo = 0;
    let hi = steps.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((steps[mid]?.atMs ?? Infinity) <= t)
            lo = mid;
        else
            hi = mid - 1;
    }
    return steps[lo]?.vus ?? 0;
}
/** The first time at or after `t` when VU number `index` (0-based) is wanted, or undefined if never. */
function nextActivation(steps, index, t) {
    if (vuTargetAt(steps, t) > index)
        return t;
    for (const s of steps)
        if (s.atMs > t && s.vus > index)
            return s.atMs;
    return undefined;
}
/**
 * Runs a ramping-vus scenario. VU i works while the target exceeds i; above the target it finishes its current
 * iteration (k6's gracefulRampDown) and waits to be wanted again.
 */
async function runRampingVus(s, ctx) {
    const steps = rampingVuSteps(s.startVUs, s.stages);
    const total = s.stages.reduce((sum, st) => sum + st.duration, 0);
    const maxVUs = Math.max(...steps.map((st) => st.vus));
    const start = performance.now();
    const endAt = start + total;
    const stopped = deadlineFlag(endAt, ctx.runSignal);
    ctx.allocatedVUs(maxVUs);
    const loops = Array.from({ length: maxVUs }, async (_, index) => {
        const vu = ctx.newVU(s.name);
        while (!stopped()) {
            const now = performance.now() - start;
            const at = nextActivation(steps, index, now);
            if (at === undefined || at >= total)
                return;
            if (at > now) {
                await context_sleep(at - now, ctx.runSignal);
                continue;
            }
            await vuLoop(ctx, vu, stopped, () => vuTargetAt(steps, performance.now() - start) > index);
        }
    });
    await awaitLoops(loops, endAt, s.gracefulStop, ctx.runSignal);
}

;// CONCATENATED MODULE: ./src/checks/executors/index.ts



/** Runs one scenario with its executor, to its end (or the run's abort). */
function runScenario(s, ctx) {
    switch (s.executor) {
        case 'shared-iterations':
        case 'per-vu-iterations':
            return runIterationsExecutor(s, ctx);
        case 'constant-vus':
            return runConstantVus(s, ctx);
        case 'ramping-vus':
            return runRampingVus(s, ctx);
        case 'constant-arrival-rate':
        case 'ramping-arrival-rate':
            return runArrivalRate(s, ctx);
    }
}

;// CONCATENATED MODULE: ./src/checks/http-runner.ts
/**
 * The HTTP client of the load engine: keep-alive connections to one origin, one per VU, as in k6 where each VU
 * has its own connections. Each VuConnection is an undici Client (one connection) and is itself the handler of
 * its one request in flight, reused for every request, so a request costs the engine no allocation of its own.
 * (With a shared undici Pool of exactly VUs connections, a VU's next request often waited for the connection it
 * had just used to be released, which showed up as ~1-3 ms in the latency tail.)
 */

const MAX_BODY = 1024 * 1024;
/** Methods undici sends "content-length: 0" for when they have no body. */
const PAYLOAD_METHODS = new Set(['PUT', 'POST', 'PATCH', 'QUERY', 'PROPFIND', 'PROPPATCH']);
/** Sends requests to one origin, each VU on its own keep-alive connection. */
class HttpRunner {
    origin;
    clients = new Set();
    prefix;
    host;
    abortedBy;
    constructor(baseUrl) {
        const url = new URL(baseUrl);
        this.origin = url.origin;
        this.prefix = url.pathname.replace(/\/+$/, '');
        this.host = url.host;
    }
    /** A connection for one VU; it connects at its first request. */
    connection() {
        return new VuConnection(this);
    }
    /** @internal A new undici Client, closed by abortAll() and close(). */
    openClient() {
        const client = new undici/* Client */.Kj(this.origin, {
            pipelining: 1,
            keepAliveTimeout: 30_000,
            keepAliveMaxTimeout: 600_000,
        });
        this.clients.add(client);
        return client;
    }
    /** Set once the run was stopped: requests sent after that fail at once with this error. */
    get aborted() {
        return this.abortedBy;
    }
    /** Flattens a request once: base path prefix, default headers, byte count. */
    prepare(r) {
        const path = this.prefix + r.path;
        const headers = [];
        // The exact bytes undici writes: request line, host (unless given), its own "connection: keep-alive", our
        // headers, the blank line, then content-length and the body when there is one (or the method expects one).
        const hostLine = 'host' in r.headers ? '' : `host: ${this.host}\r\n`;
        let size = `${r.method} ${path} HTTP/1.1\r\n${hostLine}connection: keep-alive\r\n\r\n`.length;
        for (const [k, v] of Object.entries(r.headers)) {
            headers.push(k, v);
            size += k.length + v.length + 4;
        }
        const body = r.body === '' ? undefined : r.body;
        const bodyBytes = body === undefined ? 0 : Buffer.byteLength(body);
        if (bodyBytes > 0 || PAYLOAD_METHODS.has(r.method))
            size += `content-length: ${bodyBytes}\r\n`.length + bodyBytes;
        const timeout = Math.ceil(r.timeoutMs);
        return {
            method: r.method,
            path,
            headers,
            body,
            timeoutMs: r.timeoutMs,
            keepBody: r.keepBody,
            bytesSent: size,
            dispatch: {
                path,
                method: r.method,
                headers,
                body: body ?? null,
                headersTimeout: timeout,
                bodyTimeout: timeout,
            },
        };
    }
    /** Aborts every request in flight (by closing the connections) and any sent later: the run was stopped. */
    abortAll(reason = 'the test was stopped') {
        if (this.abortedBy !== undefined)
            return;
        const err = new Error(reason);
        this.abortedBy = err;
        for (const c of this.clients)
            c.destroy(err).catch(() => undefined);
    }
    /** Closes every connection. */
    async close() {
        await Promise.all([...this.clients].map((c) => c.destroy()));
        this.clients.clear();
    }
}
/**
 * One VU's connection, and the handler of its request in flight. The fields of HttpResult describe the last
 * request and are only valid inside the `onResult` callback: the next send() resets them.
 *
 * It implements undici's original handler callbacks (onConnect, onHeaders, onData, onComplete, onError), which
 * undici 7 calls directly; a handler with the newer onRequestStart/onResponseStart methods is wrapped per
 * request in an adapter that also parses every response's headers into an object, which measurably cut
 * requests/s in bench:load. The clock starts when the connection takes the request (onConnect), so time spent
 * queued is not counted, as k6's http_req_duration (sending + waiting + receiving) leaves out http_req_blocked.
 */
class VuConnection {
    runner;
    status = 0;
    error = undefined;
    waitingMs = 0;
    durationMs = 0;
    bytesSent = 0;
    bytesReceived = 0;
    body = undefined;
    client;
    t0 = 0;
    /** When the last request ended (performance.now()), for the VU to reuse as the end of its iteration. */
    endedAt = 0;
    chunks = undefined;
    kept = 0;
    /** A request is in flight: callbacks outside one are stray and ignored. */
    busy = false;
    onResult = () => undefined;
    constructor(runner) {
        this.runner = runner;
    }
    /**
     * Sends one request and calls `onResult` once with what it measured; network errors come back as status 0,
     * never as a throw. A callback rather than a promise: the VU dispatches its next request from inside it,
     * with no promise or microtask per request. One request at a time.
     */
    send(req, onResult) {
        if (this.busy)
            throw new Error('a VU connection sends one request at a time');
        this.busy = true;
        this.onResult = onResult;
        this.status = 0;
        this.error = undefined;
        this.waitingMs = 0;
        this.bytesSent = req.bytesSent;
        this.bytesReceived = 0;
        this.body = undefined;
        this.chunks = req.keepBody ? [] : undefined;
        this.kept = 0;
        this.t0 = 0; // set when a connection takes the request
        const aborted = this.runner.aborted;
        if (aborted !== undefined) {
            this.onError(aborted);
            return;
        }
        try {
            this.client ??= this.runner.openClient();
            this.client.dispatch(req.dispatch, this);
        }
        catch (err) {
            this.onError(err);
        }
    }
    onConnect() {
        this.t0 = performance.now();
    }
    /** Raw headers arrive as [name, value, name, value, ...] buffers; their size is what came over the wire. */
    onHeaders(statusCode, rawHeaders, _resume, statusText) {
        if (!this.busy)
            return false;
        this.waitingMs = performance.now() - this.t0;
        this.status = statusCode;
        // "HTTP/1.1 200 OK\r\n", then "name: value\r\n" per header (2 bytes after each name and each value),
        // then the blank line.
        let size = 17 + statusText.length;
        for (const part of rawHeaders)
            size += part.length + 2;
        this.bytesReceived += size;
        return true;
    }
    onData(chunk) {
        if (!this.busy)
            return false;
        this.bytesReceived += chunk.length;
        if (this.chunks !== undefined && this.kept < MAX_BODY) {
            this.chunks.push(chunk);
            this.kept += chunk.length;
        }
        return true;
    }
    onComplete() {
        this.finish(undefined);
    }
    onError(err) {
        this.finish(describe(err));
    }
    finish(error) {
        if (!this.busy)
            return;
        this.busy = false;
        this.endedAt = performance.now();
        // A request that never got a connection spent no time sending, waiting or receiving (k6 reports 0 too).
        this.durationMs = this.t0 === 0 ? 0 : this.endedAt - this.t0;
        if (error !== undefined) {
            this.status = 0;
            this.error = error;
            this.waitingMs = this.durationMs;
        }
        if (this.chunks !== undefined)
            this.body = Buffer.concat(this.chunks).toString('utf8');
        this.onResult(this);
    }
}
function describe(err) {
    if (err instanceof Error) {
        const code = err.code;
        return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
    }
    return String(err);
}

// EXTERNAL MODULE: ./node_modules/hdr-histogram-js/dist/index.js
var dist = __webpack_require__(32960);
// EXTERNAL MODULE: ./src/checks/metric-catalog.ts
var metric_catalog = __webpack_require__(9475);
;// CONCATENATED MODULE: ./src/checks/metrics.ts
/**
 * Metric sinks in k6's four types, with tag-filtered submetrics for thresholds.
 * Trends keep an HDR histogram in microseconds (3 significant digits) plus exact count, sum, min and max,
 * so avg/min/max are exact and percentiles are exact to the histogram's precision.
 */


/** Values of one trend in milliseconds. */
class TrendSink {
    type = 'trend';
    hist = dist/* build */.jq({
        lowestDiscernibleValue: 1,
        highestTrackableValue: 3_600_000_000,
        numberOfSignificantValueDigits: 3,
        autoResize: true,
    });
    count = 0;
    sum = 0;
    min = Infinity;
    max = -Infinity;
    add(ms) {
        this.count++;
        this.sum += ms;
        if (ms < this.min)
            this.min = ms;
        if (ms > this.max)
            this.max = ms;
        this.hist.recordValue(Math.max(1, Math.round(ms * 1000)));
    }
    /** The value at percentile p (0..100) in ms, clamped to the exact min and max. */
    percentile(p) {
        if (this.count === 0)
            return 0;
        const v = this.hist.getValueAtPercentile(p) / 1000;
        return Math.min(this.max, Math.max(this.min, v));
    }
    avg() {
        return this.count === 0 ? 0 : this.sum / this.count;
    }
}
/** Share of non-zero values (http_req_failed, checks). */
class RateSink {
    type = 'rate';
    trues = 0;
    total = 0;
    add(v) {
        this.total++;
        if (v)
            this.trues++;
    }
    rate() {
        return this.total === 0 ? 0 : this.trues / this.total;
    }
}
/** A running sum; its rate is per second of test time, as in k6. */
class CounterSink {
    type = 'counter';
    sum = 0;
    add(v) {
        this.sum += v;
    }
}
/** The last value, with min and max seen. */
class GaugeSink {
    type = 'gauge';
    value = 0;
    min = Infinity;
    max = -Infinity;
    add(v) {
        this.value = v;
        if (v < this.min)
            this.min = v;
        if (v > this.max)
            this.max = v;
    }
}
function newSink(type) {
    switch (type) {
        case 'trend':
            return new TrendSink();
        case 'rate':
            return new RateSink();
        case 'counter':
            return new CounterSink();
        case 'gauge':
            return new GaugeSink();
    }
}
/** Every metric of one run, with the submetrics the thresholds asked for. */
class MetricRegistry {
    metrics = new Map();
    started = performance.now();
    stoppedAt;
    constructor(selectors = []) {
        for (const [name, type] of Object.entries(metric_catalog/* METRIC_TYPES */.zm))
            this.metrics.set(name, { sink: newSink(type), subs: [] });
        for (const s of selectors)
            this.addSubmetric(s);
    }
    addSubmetric(selector) {
        const entry = this.metrics.get(selector.name);
        const tags = Object.entries(selector.tags);
        if (entry === undefined || tags.length === 0 || entry.subs.some((s) => s.key === selector.key))
            return;
        entry.subs.push({ key: selector.key, tags, sink: newSink(selector.type) });
    }
    /** The sinks a sample with these tags feeds: the metric's and every submetric whose tags it matches. */
    sinksFor(name, tags) {
        const entry = this.metrics.get(name);
        if (entry === undefined)
            throw new Error(`unknown metric ${name}`);
        const sinks = [entry.sink];
        for (const sub of entry.subs)
            if (sub.tags.every(([k, v]) => tags[k] === v))
                sinks.push(sub.sink);
        return sinks;
    }
    /** Adds a sample to a metric and to every submetric whose tags it matches. */
    add(name, value, tags) {
        for (const sink of this.sinksFor(name, tags))
            addTo(sink, value);
    }
    /**
     * An adder for one metric and one fixed set of tags: the sinks it feeds (the metric's and every matching
     * submetric's) are resolved once, so the engine's hot path records a sample without building tags or
     * matching filters per request.
     */
    bind(name, tags) {
        const adders = this.sinksFor(name, tags).map(adderFor);
        const [only] = adders;
        if (adders.length === 1 && only !== undefined)
            return only;
        return (value) => {
            for (const add of adders)
                add(value);
        };
    }
    /** The sink for a metric, or for its submetric when the selector has tags. */
    sink(selector) {
        const entry = this.metrics.get(selector.name);
        if (entry === undefined)
            return undefined;
        if (Object.keys(selector.tags).length === 0)
            return entry.sink;
        return entry.subs.find((s) => s.key === selector.key)?.sink;
    }
    /** All metrics and submetrics, name -> sink, in catalog order. */
    entries() {
        const out = [];
        for (const [name, entry] of this.metrics) {
            out.push([name, entry.sink]);
            for (const sub of entry.subs)
                out.push([sub.key, sub.sink]);
        }
        return out;
    }
    /** Freezes the clock used for per-second rates (the end of the test). */
    stop() {
        this.stoppedAt ??= performance.now();
    }
    /** Seconds of test time so far (or until stop()). */
    elapsedSeconds() {
        return Math.max(1e-3, ((this.stoppedAt ?? performance.now()) - this.started) / 1000);
    }
    /** One aggregation of a sink, as a threshold reads it. */
    aggregate(sink, aggregation) {
        return aggregateSink(sink, aggregation, this.elapsedSeconds());
    }
}
function addTo(sink, value) {
    if (sink instanceof RateSink)
        sink.add(isNonZero(value));
    else
        sink.add(toNumber(value));
}
/** addTo() for one sink, with its type decided once. */
function adderFor(sink) {
    if (sink instanceof RateSink)
        return (v) => sink.add(isNonZero(v));
    return (v) => sink.add(toNumber(v));
}
function isNonZero(v) {
    return v === true || (typeof v === 'number' && v !== 0);
}
function toNumber(v) {
    return typeof v === 'number' ? v : v ? 1 : 0;
}
/** One aggregation of a sink; undefined when the sink's type has no such aggregation. */
function aggregateSink(sink, agg, elapsedSeconds) {
    if (sink instanceof TrendSink) {
        switch (agg.kind) {
            case 'avg':
                return sink.avg();
            case 'min':
                return sink.count === 0 ? 0 : sink.min;
            case 'max':
                return sink.count === 0 ? 0 : sink.max;
            case 'med':
                return sink.percentile(50);
            case 'p':
                return sink.percentile(agg.p);
            default:
                return undefined;
        }
    }
    if (sink instanceof RateSink)
        return agg.kind === 'rate' ? sink.rate() : undefined;
    if (sink instanceof CounterSink) {
        if (agg.kind === 'count')
            return sink.sum;
        if (agg.kind === 'rate')
            return sink.sum / elapsedSeconds;
        return undefined;
    }
    return agg.kind === 'value' ? sink.value : undefined;
}
/** Metrics as plain JSON (the `metrics` output): name -> aggregation -> value. */
function metricsToJson(registry, extraPercentiles = []) {
    const out = {};
    const secs = registry.elapsedSeconds();
    const ps = [...new Set([90, 95, 99, ...extraPercentiles])].sort((a, b) => a - b);
    for (const [name, sink] of registry.entries()) {
        if (sink instanceof TrendSink) {
            if (sink.count === 0)
                continue;
            const o = {
                count: sink.count,
                avg: round(sink.avg()),
                min: round(sink.min),
                med: round(sink.percentile(50)),
                max: round(sink.max),
            };
            for (const p of ps)
                o[`p(${p})`] = round(sink.percentile(p));
            out[name] = o;
        }
        else if (sink instanceof RateSink) {
            if (sink.total === 0)
                continue;
            out[name] = { rate: round(sink.rate(), 6), passes: sink.trues, fails: sink.total - sink.trues };
        }
        else if (sink instanceof CounterSink) {
            if (sink.sum === 0 && name !== 'http_reqs' && name !== 'iterations')
                continue;
            out[name] = { count: sink.sum, rate: round(sink.sum / secs) };
        }
        else if (sink.max !== -Infinity) {
            out[name] = { value: sink.value, min: sink.min, max: sink.max };
        }
    }
    return out;
}
function round(n, digits = 3) {
    return Number(n.toFixed(digits));
}

;// CONCATENATED MODULE: ./src/checks/response-checks.ts
/** Reads a dotted path (`data.items.0.id`) from parsed JSON. */
function jsonPath(value, path) {
    let cur = value;
    for (const key of path.split('.')) {
        if (cur === null || typeof cur !== 'object')
            return undefined;
        cur = cur[key];
    }
    return cur;
}
/** Whether the response passes one check; `json` is the body parsed once (undefined if not JSON). */
function checkPasses(check, res, durationMs, json) {
    switch (check.kind) {
        case 'status':
            return check.statuses.includes(res.status);
        case 'bodyContains':
            return res.body !== undefined && res.body.includes(check.text);
        case 'json':
            return JSON.stringify(jsonPath(json(), check.path)) === JSON.stringify(check.value);
        case 'maxDuration':
            return res.status !== 0 && durationMs < check.ms;
    }
}
/** Whether any check needs the body kept. */
function needsBody(checks) {
    return checks.some((c) => c.kind === 'bodyContains' || c.kind === 'json');
}
/** A lazily parsed JSON body (parsed at most once, undefined when not JSON). */
function lazyJson(body) {
    let parsed = false;
    let value;
    return () => {
        if (!parsed) {
            parsed = true;
            try {
                value = body === undefined ? undefined : JSON.parse(body);
            }
            catch {
                value = undefined;
            }
        }
        return value;
    };
}

;// CONCATENATED MODULE: ./src/checks/response-recorder.ts

/** Records the responses and iterations of all scenarios; each VU records through its scenario's part. */
class ResponseRecorder {
    registry;
    options;
    scenarios = new Map();
    checkCounts = new Map();
    arrivalScenarios;
    constructor(registry, options) {
        this.registry = registry;
        this.options = options;
        for (const r of options.requests)
            for (const c of r.checks)
                this.checkCounts.set(c.name, { name: c.name, passes: 0, fails: 0 });
        this.arrivalScenarios = new Set(options.scenarios.filter((s) => s.executor.endsWith('arrival-rate')).map((s) => s.name));
    }
    /** The recorder of one scenario (the same object for every VU of it). */
    forScenario(scenario) {
        let r = this.scenarios.get(scenario);
        if (r === undefined) {
            r = new ScenarioRecorder(this.registry, this.options, scenario, this.arrivalScenarios.has(scenario), (name) => this.countFor(name));
            this.scenarios.set(scenario, r);
        }
        return r;
    }
    /** Passes and fails of every check, by name. */
    checks() {
        return [...this.checkCounts.values()];
    }
    countFor(name) {
        let count = this.checkCounts.get(name);
        if (count === undefined) {
            count = { name, passes: 0, fails: 0 };
            this.checkCounts.set(name, count);
        }
        return count;
    }
}
/** One scenario's part of the recorder: series by request index and status, bound on first use. */
class ScenarioRecorder {
    registry;
    options;
    scenario;
    arrival;
    checkCount;
    series;
    iterationDuration;
    iterations;
    constructor(registry, options, scenario, arrival, checkCount) {
        this.registry = registry;
        this.options = options;
        this.scenario = scenario;
        this.arrival = arrival;
        this.checkCount = checkCount;
        this.series = options.requests.map(() => new Map());
        const tags = { scenario };
        this.iterationDuration = registry.bind('iteration_duration', tags);
        this.iterations = registry.bind('iterations', tags);
    }
    /** Records one response of request `index` (its samples and its checks). */
    record(index, res, lagMs) {
        const byStatus = this.series[index];
        if (byStatus === undefined)
            return;
        let s = byStatus.get(res.status);
        if (s === undefined) {
            s = this.bindSeries(index, res.status);
            byStatus.set(res.status, s);
        }
        const corrected = res.durationMs + lagMs;
        s.reqs(1);
        s.duration(corrected);
        s.uncorrected?.(res.durationMs);
        s.waiting(res.waitingMs);
        s.failed(s.isFailure);
        s.sent(res.bytesSent);
        s.received(res.bytesReceived);
        if (s.checks.length === 0)
            return;
        const json = lazyJson(res.body);
        for (const c of s.checks) {
            const ok = checkPasses(c.spec, res, corrected, json);
            c.add(ok);
            if (ok)
                c.count.passes++;
            else
                c.count.fails++;
        }
    }
    /** Records one finished iteration. */
    iteration(durationMs) {
        this.iterationDuration(durationMs);
        this.iterations(1);
    }
    bindSeries(index, status) {
        const spec = this.options.requests[index];
        if (spec === undefined)
            throw new Error(`no request ${index}`);
        const expected = status !== 0 && this.options.expectedStatuses.some((e) => status >= e.min && status <= e.max);
        const tags = {
            name: spec.name,
            method: spec.method,
            status: String(status),
            scenario: this.scenario,
            expected_response: expected ? 'true' : 'false',
        };
        const bind = (metric) => this.registry.bind(metric, tags);
        return {
            reqs: bind('http_reqs'),
            duration: bind('http_req_duration'),
            uncorrected: this.arrival ? bind('http_req_duration_uncorrected') : undefined,
            waiting: bind('http_req_waiting'),
            failed: bind('http_req_failed'),
            isFailure: !expected,
            sent: bind('data_sent'),
            received: bind('data_received'),
            checks: spec.checks.map((c) => ({
                spec: c,
                add: this.registry.bind('checks', { ...tags, check: c.name }),
                count: this.checkCount(c.name),
            })),
        };
    }
}

// EXTERNAL MODULE: ./src/checks/duration.ts
var duration = __webpack_require__(25213);
;// CONCATENATED MODULE: ./src/checks/summary-text.ts


const BYTES = new Set(['data_received', 'data_sent']);
const NAME_WIDTH = 32;
/** Renders the summary; pure. */
function renderSummary(input) {
    const lines = [];
    if (input.thresholds.length > 0) {
        lines.push('  █ THRESHOLDS', '');
        const byMetric = new Map();
        for (const t of input.thresholds)
            byMetric.set(t.metric, [...(byMetric.get(t.metric) ?? []), t]);
        for (const [metric, list] of byMetric) {
            lines.push(`    ${metric}`);
            for (const t of list) {
                const spec = input.specs.find((s) => s.selector.key === metric && s.expression === t.expression);
                const label = t.expression.replace(/\s*(===|==|!=|>=|<=|>|<).*$/, '').replace(/\s+/g, '');
                lines.push(`    ${t.ok ? '✓' : '✗'} '${t.expression}' ${label}=${t.actual === null ? 'n/a' : formatValue(spec?.selector.name ?? metric, spec?.selector.type, t.actual)}`);
            }
            lines.push('');
        }
    }
    if (input.checks.length > 0) {
        lines.push('  █ CHECKS', '');
        for (const c of input.checks) {
            lines.push(`     ${c.fails === 0 ? '✓' : '✗'} ${c.name}`);
            if (c.fails > 0) {
                const pct = Math.floor((c.passes / (c.passes + c.fails)) * 100);
                lines.push(`      ↳  ${pct}% — ✓ ${c.passes} / ✗ ${c.fails}`);
            }
        }
        lines.push('');
    }
    lines.push('  █ TOTAL RESULTS', '');
    const secs = input.registry.elapsedSeconds();
    for (const [key, sink] of input.registry.entries()) {
        if (key === 'http_req_duration_uncorrected' && !input.showUncorrected)
            continue;
        if (isEmpty(sink) && !key.includes('{'))
            continue;
        const mark = thresholdMark(key, input.thresholds);
        const isSub = key.includes('{');
        const name = isSub ? `  ${key.slice(key.indexOf('{')).replace('{', '{ ').replace('}', ' }')}` : key;
        const base = isSub ? key.slice(0, key.indexOf('{')) : key;
        lines.push(`  ${mark} ${(name + '.'.repeat(NAME_WIDTH)).slice(0, Math.max(NAME_WIDTH, name.length + 3))}: ${formatSink(base, sink, secs, input.trendStats)}`);
    }
    lines.push('');
    if (input.aborted)
        lines.push('  The test was aborted before its end (abortOnFail or a stop signal).', '');
    return lines.join('\n');
}
function isEmpty(sink) {
    if (sink instanceof TrendSink)
        return sink.count === 0;
    if (sink instanceof RateSink)
        return sink.total === 0;
    if (sink instanceof CounterSink)
        return sink.sum === 0;
    return sink.max === -Infinity;
}
function thresholdMark(key, thresholds) {
    const own = thresholds.filter((t) => t.metric === key);
    if (own.length === 0)
        return ' ';
    return own.every((t) => t.ok) ? '✓' : '✗';
}
function formatSink(name, sink, secs, stats) {
    if (sink instanceof TrendSink) {
        return stats
            .map((s) => {
            const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(s);
            let v;
            if (p !== null)
                v = sink.percentile(Number(p[1]));
            else if (s === 'avg')
                v = sink.avg();
            else if (s === 'min')
                v = sink.count === 0 ? 0 : sink.min;
            else if (s === 'max')
                v = sink.count === 0 ? 0 : sink.max;
            else if (s === 'med')
                v = sink.percentile(50);
            else if (s === 'count')
                return `count=${sink.count}`;
            return v === undefined ? undefined : `${s}=${(0,duration/* formatDuration */.a)(v)}`;
        })
            .filter((s) => s !== undefined)
            .map((s) => s.padEnd(13))
            .join(' ')
            .trimEnd();
    }
    if (sink instanceof RateSink) {
        return `${(sink.rate() * 100).toFixed(2)}%`.padEnd(8) + ` ${sink.trues} out of ${sink.total}`;
    }
    if (sink instanceof CounterSink) {
        const rate = sink.sum / secs;
        if (BYTES.has(name))
            return `${formatBytes(sink.sum).padEnd(8)} ${formatBytes(rate)}/s`;
        return `${String(sink.sum).padEnd(8)} ${rate.toFixed(6)}/s`;
    }
    const g = sink;
    return (`${String(g.value).padEnd(8)} min=${g.min === Infinity ? 0 : g.min}`.padEnd(20) +
        ` max=${g.max === -Infinity ? 0 : g.max}`);
}
/** k6's byte format: SI units (1 kB = 1000 B). */
function formatBytes(n) {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = n;
    while (v >= 1000 && i < units.length - 1) {
        v /= 1000;
        i++;
    }
    return `${i === 0 ? Math.round(v) : Number(v.toFixed(1))} ${units[i]}`;
}
function formatValue(name, type, v) {
    if (type === 'trend')
        return (0,duration/* formatDuration */.a)(v);
    if (type === 'rate')
        return `${(v * 100).toFixed(2)}%`;
    if (BYTES.has(name))
        return formatBytes(v);
    return Number(v.toFixed(6)).toString();
}

;// CONCATENATED MODULE: ./src/checks/virtual-user.ts

class VirtualUser {
    env;
    scenario;
    conn;
    recorder;
    index = 0;
    started = 0;
    lagMs = 0;
    done = () => undefined;
    // Bound once, so callbacks into undici and timers allocate no closure per request.
    onResult = (res) => this.recordAndContinue(res);
    finish = () => this.endIteration();
    constructor(env, scenario) {
        this.env = env;
        this.scenario = scenario;
        this.conn = env.http.connection();
        this.recorder = env.recorder.forScenario(scenario);
    }
    /**
     * Runs one iteration and calls `done` when it ends (at once when the run has stopped). `lagMs` is how late it
     * starts against its intended time, added to its requests' durations (arrival-rate executors).
     * Iterations in progress when a scenario's time is up finish (k6's gracefulStop); only the end of the run or
     * an abort cuts them short, and then they count as neither iterations nor iteration_duration.
     */
    iterate(lagMs, done) {
        this.started = performance.now();
        this.lagMs = lagMs;
        this.index = 0;
        this.done = done;
        this.sendNext();
    }
    sendNext() {
        const req = this.env.requests[this.index];
        if (req !== undefined && !this.env.interrupted()) {
            this.conn.send(req, this.onResult);
            return;
        }
        if (req === undefined && this.env.sleepMs > 0)
            sleepThen(this.env.sleepMs, this.env.signal, this.finish);
        else
            this.endIteration();
    }
    recordAndContinue(res) {
        // When interrupted, the response that was in flight is not counted.
        if (!this.env.interrupted()) {
            try {
                this.recorder.record(this.index, res, this.lagMs);
            }
            catch (err) {
                this.env.crash(err);
            }
        }
        this.index++;
        this.sendNext();
    }
    endIteration() {
        if (!this.env.interrupted()) {
            // Without a sleep the iteration ended with its last response: reuse that clock reading (a hot path).
            const end = this.env.sleepMs > 0 || this.index === 0 ? performance.now() : this.conn.endedAt;
            this.recorder.iteration(end - this.started);
        }
        this.done();
    }
}

;// CONCATENATED MODULE: ./src/checks/load-engine.ts










/** The most VUs the scenarios can run at once: the pool's connection count. */
function peakVUs(options) {
    return options.scenarios.reduce((sum, s) => {
        switch (s.executor) {
            case 'ramping-vus':
                return sum + Math.max(s.startVUs, ...s.stages.map((st) => st.target));
            case 'constant-arrival-rate':
            case 'ramping-arrival-rate':
                return sum + s.maxVUs;
            default:
                return sum + s.vus;
        }
    }, 0);
}
/** Runs the smoke/load test and returns its outcome (never throws for HTTP failures). */
async function load_engine_runSmoke(options, baseUrl, opts = {}) {
    const log = opts.log ?? (() => undefined);
    const registry = new MetricRegistry(options.thresholds.map((t) => t.selector));
    const http = new HttpRunner(baseUrl);
    const stop = new AbortController();
    let aborted = false;
    let closed = false;
    const onCallerAbort = () => {
        aborted = true;
        stop.abort();
    };
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (opts.signal?.aborted === true)
        onCallerAbort();
    stop.signal.addEventListener('abort', () => http.abortAll('the test was aborted'), { once: true });
    // An empty userAgent sends no User-Agent header, as in k6.
    const extraHeaders = {
        ...(options.userAgent === '' ? {} : { 'user-agent': options.userAgent }),
        ...lowerKeys(opts.headers ?? {}),
    };
    const prepared = options.requests.map((r) => http.prepare({
        ...r,
        headers: { ...extraHeaders, ...lowerKeys(r.headers) },
        keepBody: needsBody(r.checks),
    }));
    const recorder = new ResponseRecorder(registry, options);
    // An exception thrown inside a response callback would otherwise vanish into undici and leave the VU
    // waiting forever: it stops the run instead and runSmoke rethrows it.
    let crashed;
    const env = {
        http,
        requests: prepared,
        recorder,
        sleepMs: options.sleepMs,
        signal: stop.signal,
        interrupted: () => closed || stop.signal.aborted,
        crash: (error) => {
            crashed ??= { error };
            stop.abort();
        },
    };
    let active = 0;
    let allocated = 0;
    const ctx = {
        newVU: (scenario) => new VirtualUser(env, scenario),
        runSignal: stop.signal,
        activeVUs: (d) => {
            active += d;
        },
        allocatedVUs: (d) => {
            allocated += d;
            registry.add('vus_max', allocated, {});
        },
        dropIteration: (scenario) => registry.add('dropped_iterations', 1, { scenario }),
    };
    const gauge = setInterval(() => registry.add('vus', active, {}), 1000);
    gauge.unref();
    const stopAbortEval = startAbortEvaluator(options.thresholds, registry, (failed) => {
        aborted = true;
        log(`Thresholds crossed with abortOnFail: ${failed.map((f) => `${f.selector.key} ${f.expression}`).join(', ')}; stopping.`);
        stop.abort();
    });
    try {
        const scenarios = options.scenarios.map((s) => `${s.name} (${s.executor})`).join(', ');
        log(`Running ${scenarios} against ${baseUrl} with up to ${peakVUs(options)} VUs`);
        registry.add('vus', 0, {});
        await Promise.all(options.scenarios.map(async (s) => {
            await context_sleep(s.startTime, stop.signal);
            if (!stop.signal.aborted)
                await runScenario(s, ctx);
        }));
    }
    finally {
        closed = true;
        registry.stop();
        clearInterval(gauge);
        stopAbortEval();
        opts.signal?.removeEventListener('abort', onCallerAbort);
        http.abortAll();
        await http.close().catch(() => undefined);
    }
    if (crashed !== undefined)
        throw crashed.error;
    const thresholds = evaluateThresholds(options.thresholds, registry);
    const checks = recorder.checks();
    const extraPs = options.thresholds.flatMap((t) => (t.aggregation.kind === 'p' ? [t.aggregation.p] : []));
    const metrics = metricsToJson(registry, extraPs);
    const ok = !aborted && thresholds.every((t) => t.ok);
    const showUncorrected = options.scenarios.some((s) => s.executor.endsWith('arrival-rate'));
    const textSummary = renderSummary({
        registry,
        thresholds,
        specs: options.thresholds,
        checks,
        trendStats: options.summaryTrendStats,
        showUncorrected,
        aborted,
    });
    return { ok, aborted, thresholds, checks, metrics, textSummary };
}
function lowerKeys(h) {
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/checks/k6-binary.ts
/**
 * Real k6 for users who want it: `k6 run --summary-export <tmp> -e BASE_URL=<url> script`. Exit code 99 means
 * thresholds failed; the summary export is read back into the same SmokeOutcome shape.
 */





/** k6's exit code when thresholds failed. */
const K6_THRESHOLDS_FAILED = 99;
/** The k6 executable on PATH, or undefined. */
function findK6(pathEnv = process.env.PATH ?? '') {
    for (const dir of pathEnv.split(external_node_path_.delimiter)) {
        if (dir === '')
            continue;
        const candidate = (0,external_node_path_.join)(dir, process.platform === 'win32' ? 'k6.exe' : 'k6');
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
/** Runs a k6 script against the preview and reads its summary export. */
async function runK6Script(scriptPath, baseUrl, opts = {}) {
    const k6 = findK6(opts.path ?? process.env.PATH);
    if (k6 === undefined) {
        throw user_error/* UserError */.y.forInput('smoke_script', scriptPath, 'it needs k6 on PATH: install it first (in a workflow: the grafana/setup-k6-action step; elsewhere: https://grafana.com/docs/k6/latest/set-up/install-k6/), or use the built-in engine with the smoke input instead');
    }
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'gcp-deploy-k6-'));
    const summaryPath = (0,external_node_path_.join)(dir, 'summary.json');
    try {
        const args = ['run', '--summary-export', summaryPath, '-e', `BASE_URL=${baseUrl}`, scriptPath];
        const { code, output } = await run(k6, args, { ...process.env, ...(opts.env ?? {}), BASE_URL: baseUrl }, opts);
        let exported;
        try {
            exported = JSON.parse((0,external_node_fs_.readFileSync)(summaryPath, 'utf8'));
        }
        catch {
            throw new Error(`k6 exited with code ${code} and wrote no summary export:\n${output.slice(-2000)}`);
        }
        const parsed = parseK6SummaryExport(exported);
        const ok = code === 0 && parsed.thresholds.every((t) => t.ok);
        if (code !== 0 && code !== K6_THRESHOLDS_FAILED)
            opts.log?.(`k6 exited with code ${code}`);
        return { ok, aborted: code !== 0 && code !== K6_THRESHOLDS_FAILED, ...parsed, textSummary: output };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
function run(cmd, args, env, opts) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
        let output = '';
        const onData = (b) => {
            const text = b.toString('utf8');
            output = (output + text).slice(-200_000);
            opts.log?.(text.trimEnd());
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
}
/**
 * Reads k6's --summary-export JSON. Its threshold booleans are inverted (true means the threshold FAILED,
 * a documented quirk kept for compatibility); checks live in root_group and nested groups.
 */
function parseK6SummaryExport(json) {
    const root = asRecord(json);
    const metrics = {};
    const thresholds = [];
    for (const [name, value] of Object.entries(asRecord(root.metrics))) {
        const m = asRecord(value);
        const numbers = {};
        for (const [k, v] of Object.entries(m))
            if (typeof v === 'number')
                numbers[k] = v;
        metrics[name] = numbers;
        for (const [expression, failed] of Object.entries(asRecord(m.thresholds))) {
            const label = expression.replace(/\s*(===|==|!=|>=|<=|>|<).*$/, '').replace(/\s+/g, '');
            const actual = numbers[label] ?? (label === 'rate' ? (numbers.value ?? numbers.rate) : undefined) ?? null;
            thresholds.push({ metric: name, expression, actual, ok: failed !== true });
        }
    }
    const checks = [];
    const walk = (group) => {
        for (const c of Object.values(asRecord(group.checks))) {
            const r = asRecord(c);
            if (typeof r.name === 'string')
                checks.push({ name: r.name, passes: Number(r.passes ?? 0), fails: Number(r.fails ?? 0) });
        }
        for (const g of Object.values(asRecord(group.groups)))
            walk(asRecord(g));
    };
    walk(asRecord(root.root_group));
    return { thresholds, checks, metrics };
}
function asRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

;// CONCATENATED MODULE: ./src/checks/smoke-cli.ts
/**
 * `gcp-deploy smoke --url URL --config smoke.yml [--json] [--auth none|id-token]`: the engine on its own.
 * Exit codes as k6: 0 pass, 99 thresholds failed (or aborted by them), 2 bad input.
 */




const EXIT_OK = 0;
const EXIT_THRESHOLDS_FAILED = 99;
const EXIT_BAD_INPUT = 2;
const USAGE = 'usage: gcp-deploy smoke --url URL --config FILE|INLINE [--json] [--auth none|id-token]';
/** Parses the smoke command's arguments (without the leading `smoke`). */
function parseSmokeArgs(argv) {
    const out = { json: false, auth: 'none' };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        const [flag, inline] = arg.startsWith('--') && arg.includes('=')
            ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
            : [arg, undefined];
        const value = () => {
            const v = inline ?? argv[++i];
            if (v === undefined || v === '')
                throw UserError.forInput(flag, '', `${flag} needs a value; ${USAGE}`);
            return v;
        };
        switch (flag) {
            case '--url':
                out.url = value();
                break;
            case '--config':
                out.config = value();
                break;
            case '--json':
                out.json = true;
                break;
            case '--auth': {
                const v = value();
                if (v !== 'none' && v !== 'id-token')
                    throw UserError.forInput('--auth', v, "allowed: 'none', 'id-token'");
                out.auth = v;
                break;
            }
            default:
                throw UserError.forInput('smoke', arg, `unknown argument; ${USAGE}`);
        }
    }
    if (out.url === undefined)
        throw UserError.forInput('--url', '', `required; ${USAGE}`);
    let parsed;
    try {
        parsed = new URL(out.url);
    }
    catch {
        throw UserError.forInput('--url', out.url, 'an http:// or https:// URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw UserError.forInput('--url', out.url, 'an http:// or https:// URL');
    if (out.config === undefined)
        throw UserError.forInput('--config', '', `required; ${USAGE}`);
    return out;
}
/** Runs the smoke command; prints the k6-style summary (or JSON) and returns the exit code. */
async function runSmokeCli(argv, io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
}) {
    let args;
    let options;
    try {
        args = parseSmokeArgs(argv);
        options = loadSmokeOptions(args.config, '--config');
    }
    catch (err) {
        if (!(err instanceof UserError))
            throw err;
        io.stderr(`${err.message}\n`);
        return EXIT_BAD_INPUT;
    }
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    process.once('SIGINT', onSigint);
    try {
        const headers = args.auth === 'id-token' ? await idTokenHeaders(args.url) : {};
        const outcome = await runSmoke(options, args.url, {
            headers,
            signal: stop.signal,
            log: (s) => io.stderr(`${s}\n`),
        });
        if (args.json) {
            const { textSummary: _text, ...rest } = outcome;
            io.stdout(`${JSON.stringify(rest, null, 2)}\n`);
        }
        else {
            io.stdout(`${outcome.textSummary}\n`);
        }
        return outcome.ok ? EXIT_OK : EXIT_THRESHOLDS_FAILED;
    }
    catch (err) {
        io.stderr(`smoke: ${errorMessage(err)}\n`);
        return err instanceof UserError ? EXIT_BAD_INPUT : 1;
    }
    finally {
        process.removeListener('SIGINT', onSigint);
    }
}

// EXTERNAL MODULE: ./src/checks/threshold-parser.ts
var threshold_parser = __webpack_require__(87472);
;// CONCATENATED MODULE: ./src/checks/index.ts
/** The checks engine: health checks, the k6-compatible load engine, threshold parsing/evaluation, real k6. */









;// CONCATENATED MODULE: ./src/commands/checks-port.ts


/** Health and smoke checks against a revision's URL, with an ID token when the service is private. */
function createChecksPort(config) {
    const headersFor = async (url) => {
        if (config.checks.auth !== 'id-token')
            return {};
        const headers = await id_token_idTokenHeaders(url);
        for (const v of Object.values(headers)) {
            core/* setSecret */.Pq(v);
            core/* setSecret */.Pq(v.replace(/^Bearer /, ''));
        }
        return headers;
    };
    return {
        health(url) {
            return runHealthCheck({
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
                return runK6Script(config.checks.smokeScript, url, { log: core/* info */.pq });
            }
            if (config.checks.smoke === undefined)
                return undefined;
            const outcome = await load_engine_runSmoke(config.checks.smoke, url, {
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/registry/manifest-resolve.ts
/**
 * Which digest Cloud Run runs. A push can leave an image index (buildx with provenance attestations, a
 * multi-platform build, a buildah manifest list) whose digest differs from that of the one linux/amd64 image
 * Cloud Run runs; buildx's `unknown/unknown` attestation entries have broken deploys that pinned the index.
 * So the deploy pins the platform child, read back from the registry and checked against its digest, and the
 * index digest is kept alongside for the record.
 */








/** The manifest media types this module reads (what Artifact Registry and buildx/docker/buildah push). */
const MEDIA_TYPES = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
};
/** Cloud Run runs linux/amd64 images; this is the target when the `platform` input is unset. */
const DEFAULT_PLATFORM = 'linux/amd64';
const INDEX_TYPES = new Set([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);
const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const PLATFORM = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9]+))?$/;
const IMAGE_REF = /^([^/@]+)\/([^@]+)@(sha256:[0-9a-f]{64})$/;
const ATTESTATION_TYPE = 'vnd.docker.reference.type';
// Registries cap manifests at a few MiB; anything larger is not a manifest worth parsing.
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const ATTEMPTS = 3;
const TIMEOUT_MS = 30_000;
/** Parses `os/architecture[/variant]` (e.g. linux/arm/v7). */
function parsePlatform(text) {
    const m = PLATFORM.exec(text);
    if (!m)
        throw user_error/* UserError */.y.forInput('platform', text, 'allowed: one platform such as linux/amd64');
    const [, os = '', architecture = '', variant] = m;
    return variant ? { os, architecture, variant } : { os, architecture };
}
/** `os/architecture[/variant]`. */
function formatPlatform(p) {
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/** buildx attestation manifests sit in the index as `unknown/unknown` entries; they are never an image to run. */
function isAttestation(entry) {
    if (entry.annotations[ATTESTATION_TYPE] === 'attestation-manifest')
        return true;
    return entry.platform?.os === 'unknown' && entry.platform.architecture === 'unknown';
}
/** Whether an entry's platform is the wanted one (os and architecture, and the variant when one is wanted). */
function platformMatches(want, have) {
    if (!have || have.os !== want.os || have.architecture !== want.architecture)
        return false;
    return want.variant === undefined || want.variant === variantOf(have);
}
// arm64 images often omit their only variant; containerd treats that as v8, so linux/arm64/v8 matches them.
function variantOf(p) {
    return p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
}
/** Parses manifest JSON; an index is told apart by its media type, or by `manifests` when that is absent. */
function parseManifest(json) {
    const body = parseObject(json, 'manifest');
    const mediaType = typeof body.mediaType === 'string' ? body.mediaType : undefined;
    const isIndex = mediaType ? INDEX_TYPES.has(mediaType) : Array.isArray(body.manifests);
    if (!isIndex) {
        if (mediaType && !Object.values(MEDIA_TYPES).includes(mediaType)) {
            throw new Error(`unsupported manifest media type ${mediaType}`);
        }
        return { kind: 'manifest', mediaType: mediaType ?? MEDIA_TYPES.ociManifest };
    }
    if (!Array.isArray(body.manifests))
        throw new Error('image index without a manifests list');
    return {
        kind: 'index',
        mediaType: mediaType ?? MEDIA_TYPES.ociIndex,
        entries: body.manifests.map((m, i) => parseEntry(m, i)),
    };
}
/**
 * Chooses what to deploy from a manifest's JSON: a plain manifest is itself; an index gives its entry for
 * `platform` (default linux/amd64), skipping attestations. No such entry is a UserError naming what there is.
 */
function chooseManifest(json, platform, ref = 'the image') {
    const parsed = parseManifest(json);
    if (parsed.kind === 'manifest')
        return { kind: 'manifest' };
    const want = parsePlatform(platform ?? DEFAULT_PLATFORM);
    const images = parsed.entries.filter((e) => !isAttestation(e));
    // A nested index is not an image either; Cloud Run needs a single-platform manifest.
    const child = images.find((e) => !INDEX_TYPES.has(e.mediaType) && platformMatches(want, e.platform));
    if (child)
        return { kind: 'index', child };
    throw new user_error/* UserError */.y(noMatchMessage(ref, want, images, parsed.entries.length - images.length), 'platform');
}
function noMatchMessage(ref, want, images, attestations) {
    const have = images.map((e) => (e.platform ? formatPlatform(e.platform) : `no platform (${e.digest})`));
    const listed = have.length > 0 ? have.join(', ') : 'no image at all';
    const extra = attestations > 0 ? ` and ${attestations} attestation manifest(s)` : '';
    return (`${ref} is an image index without a ${formatPlatform(want)} image: it has ${listed}${extra}. ` +
        `Cloud Run runs one platform (linux/amd64 unless input 'platform' says otherwise): build for it.`);
}
function parseObject(json, what) {
    let value;
    try {
        value = JSON.parse(json);
    }
    catch (err) {
        throw new Error(`${what} is not JSON: ${(0,user_error/* errorMessage */.g)(err)}`, { cause: err });
    }
    if (!isRecord(value))
        throw new Error(`${what} is not a JSON object`);
    return value;
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function parseEntry(value, i) {
    if (!isRecord(value) || typeof value.digest !== 'string' || !DIGEST.test(value.digest)) {
        throw new Error(`image index entry ${i} has no sha256 digest`);
    }
    return {
        digest: value.digest,
        mediaType: typeof value.mediaType === 'string' ? value.mediaType : '',
        ...(isRecord(value.platform) ? { platform: entryPlatform(value.platform) } : {}),
        annotations: stringValues(value.annotations),
    };
}
function entryPlatform(p) {
    const os = typeof p.os === 'string' ? p.os : '';
    const architecture = typeof p.architecture === 'string' ? p.architecture : '';
    return typeof p.variant === 'string' && p.variant
        ? { os, architecture, variant: p.variant }
        : { os, architecture };
}
function stringValues(v) {
    if (!isRecord(v))
        return {};
    return Object.fromEntries(Object.entries(v).filter((e) => typeof e[1] === 'string'));
}
/**
 * Reads `name@sha256:...` from its registry; an index resolves to its child for `platform` (default
 * linux/amd64). Every manifest read is checked against its digest, so what is returned is what is stored.
 */
async function resolvePlatformDigest(imageRef, platform, auth) {
    const m = IMAGE_REF.exec(imageRef);
    if (!m) {
        throw user_error/* UserError */.y.forInput('image', imageRef, 'allowed: an image pinned by digest, such as host/path/app@sha256:<64 hex>');
    }
    const [, host = '', repository = '', digest = ''] = m;
    const name = `${host}/${repository}`;
    const registry = registryClient(host, repository, auth);
    const choice = chooseManifest((await registry.manifest(digest)).toString('utf8'), platform, imageRef);
    if (choice.kind === 'manifest')
        return { imageRef, digest };
    const child = choice.child.digest;
    // Read the child too: it must exist and hash to its digest, or the deploy would pin a dangling reference.
    const parsed = parseManifest((await registry.manifest(child)).toString('utf8'));
    if (parsed.kind !== 'manifest')
        throw new Error(`${name}@${child} from index ${digest} is itself an index`);
    return {
        imageRef: `${name}@${child}`,
        digest: child,
        indexDigest: digest,
        platform: formatPlatform(choice.child.platform ?? parsePlatform(platform ?? DEFAULT_PLATFORM)),
    };
}
/** Loopback registries (the local test registry, the emulator's) speak plain HTTP; every other one HTTPS. */
function registryBaseUrl(host) {
    return `${isLoopbackHost(host) ? 'http' : 'https'}://${host}`;
}
function registryClient(host, repository, auth) {
    const base = registryBaseUrl(host);
    // Upgraded once a token-server challenge was answered, so the child read reuses the token.
    let authorization = authorizationHeader(auth);
    return {
        async manifest(digest) {
            const url = `${base}/v2/${repository}/manifests/${digest}`;
            let res = await getWithRetries(url, authorization);
            const challenge = bearerChallenge(res.headers['www-authenticate']);
            if (res.status === 401 && challenge && auth.kind !== 'bearer') {
                authorization = `Bearer ${await fetchRegistryToken(challenge, repository, auth)}`;
                res = await getWithRetries(url, authorization);
            }
            if (res.status !== 200)
                throw new Error(statusMessage(`${host}/${repository}@${digest}`, res));
            verifyDigest(res.body, digest, `${host}/${repository}`);
            return res.body;
        },
    };
}
function authorizationHeader(auth) {
    if (auth.kind === 'basic')
        return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return auth.kind === 'bearer' ? `Bearer ${auth.token}` : undefined;
}
/** Throws unless the bytes hash to the digest (the registry could serve a different or damaged manifest). */
function verifyDigest(bytes, digest, name) {
    const actual = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
    if (actual !== digest) {
        throw new Error(`registry returned a manifest for ${name}@${digest} whose sha256 is ${actual}; refusing to deploy it`);
    }
}
// Registries answer the odd 429/5xx right after a push; a short retry beats failing a deploy that built fine.
async function getWithRetries(url, authorization) {
    for (let attempt = 1;; attempt++) {
        try {
            const res = await get(url, { accept: ACCEPT, ...(authorization ? { authorization } : {}) });
            if ((res.status !== 429 && res.status < 500) || attempt >= ATTEMPTS)
                return res;
        }
        catch (err) {
            if (attempt >= ATTEMPTS)
                throw new Error(`cannot read ${url}: ${(0,user_error/* errorMessage */.g)(err)}`, { cause: err });
        }
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
    }
}
async function get(url, headers) {
    const res = await (0,undici/* request */.Em)(url, {
        method: 'GET',
        headers,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    if (body.length > MAX_MANIFEST_BYTES)
        throw new Error(`${url} answered ${body.length} bytes, too large for a manifest`);
    return { status: res.statusCode, headers: res.headers, body };
}
function statusMessage(what, res) {
    const detail = res.body.toString('utf8').slice(0, 300).trim();
    const hint = res.status === 401 || res.status === 403
        ? ' (the deploying account needs read access, e.g. roles/artifactregistry.reader)'
        : res.status === 404
            ? ' (manifest unknown)'
            : '';
    return `reading ${what} from the registry: HTTP ${res.status}${hint}${detail ? `: ${detail}` : ''}`;
}
/** Parses a Bearer challenge; undefined for Basic or none. */
function bearerChallenge(header) {
    const value = Array.isArray(header) ? header.join(', ') : header;
    if (!value || !/^bearer\s/i.test(value))
        return undefined;
    const params = Object.fromEntries([...value.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const realm = params.realm;
    if (!realm)
        return undefined;
    return params.service ? { realm, service: params.service } : { realm };
}
async function fetchRegistryToken(challenge, repository, auth) {
    const url = new URL(challenge.realm);
    // The login goes to the realm: never over plain HTTP to anything but loopback.
    if (url.protocol !== 'https:' && !isLoopbackHost(url.host)) {
        throw new Error(`registry token server ${url.origin} is not HTTPS; not sending the login there`);
    }
    if (challenge.service)
        url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', `repository:${repository}:pull`);
    const authorization = authorizationHeader(auth);
    const res = await get(url.toString(), authorization ? { authorization } : {});
    if (res.status !== 200)
        throw new Error(statusMessage(`a pull token for ${repository}`, res));
    const body = parseObject(res.body.toString('utf8'), 'token response');
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || !token)
        throw new Error(`token server ${url.origin} returned no token`);
    return token;
}
/**
 * The login for `host` that `docker login` / `buildah login` left in env's auth file (withDockerLogin's
 * temporary DOCKER_CONFIG, else ~/.docker): a credential helper's, else `auths`; anonymous when there is none.
 */
async function registryAuthFromEnv(host, env = process.env) {
    const dockerFile = (0,external_node_path_.join)(env.DOCKER_CONFIG ?? (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker'), 'config.json');
    const files = [...new Set([env.REGISTRY_AUTH_FILE, dockerFile].filter((f) => Boolean(f)))];
    for (const file of files) {
        const config = await readDockerConfig(file);
        const helper = config ? helperFor(config, host) : undefined;
        const auth = (helper ? await fromHelper(helper, host, env) : undefined) ?? fromAuths(config, host);
        if (auth)
            return auth;
    }
    return { kind: 'anonymous' };
}
async function readDockerConfig(file) {
    try {
        const value = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
        return isRecord(value) ? value : undefined;
    }
    catch {
        // No file or a broken one is no login, the same as docker treats it.
        return undefined;
    }
}
function helperFor(config, host) {
    const perHost = stringValues(config.credHelpers)[host];
    return (perHost ?? (typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined));
}
function fromAuths(config, host) {
    const auths = isRecord(config?.auths) ? config.auths : {};
    // Older docker versions keyed logins by URL.
    const entry = auths[host] ?? auths[`https://${host}`];
    const encoded = isRecord(entry) ? entry.auth : undefined;
    if (typeof encoded !== 'string' || !encoded)
        return undefined;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
        return undefined;
    return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
// Where docker login stored the secret when a credential helper is configured: `docker-credential-X get`.
async function fromHelper(helper, host, env) {
    const out = await runCommand(`docker-credential-${helper}`, ['get'], {
        env,
        input: host,
        allowFailure: true,
    }).catch(() => undefined);
    if (!out || out.code !== 0)
        return undefined;
    try {
        const value = JSON.parse(out.stdout);
        if (!isRecord(value) || typeof value.Username !== 'string' || typeof value.Secret !== 'string')
            return undefined;
        return { kind: 'basic', username: value.Username, password: value.Secret };
    }
    catch {
        return undefined;
    }
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
    const outcome = await withSecretFiles(req.secrets, (secretFiles) => build_run(choice, {
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
    // Cloud Run runs one platform image; deploying and reporting an index digest would name something else.
    const image = await resolvePlatformDigest(`${req.imageName}@${outcome.digest}`, req.platform, await registryAuthFromEnv(registryHostOf(req.imageName), env));
    if (image.indexDigest) {
        req.log(`${outcome.digest} is an image index; deploying its ${image.platform} image ${image.digest}`);
    }
    return {
        builder: choice.builder,
        imageRef: image.imageRef,
        digest: image.digest,
        ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
        tags: [...req.tags],
        ...(cache === 'gha' || !cacheRef ? {} : { cacheRef }),
        durationMs: { build: outcome.buildMs, push: outcome.pushMs },
    };
}
function build_run(choice, ctx) {
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
                // parseConfig already refused anything not pinned by digest.
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
/** Newest first: the revision a SHA most recently produced. */
function newest(revisions) {
    return [...revisions].sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0))[0];
}
/** Finds the image a selector means: the digest a tagged or labelled revision runs, or a digest itself. */
async function resolvePromotion(config, selector, service, ports) {
    const ofRevision = (name, revision) => {
        const image = revision?.image;
        if (revision === null || image === undefined || !(0,naming/* isPinnedByDigest */.qv)(image)) {
            throw user_error/* UserError */.y.forInput('promote_from', selectorText(selector), `revision ${name} runs ${image ?? 'no image'}, which is not pinned by digest; promote by digest:sha256:HEX instead`);
        }
        return { image, revision };
    };
    switch (selector.by) {
        case 'tag': {
            const target = service.traffic.find((t) => t.tag === selector.tag);
            const revision = target?.revision ?? (target?.type === 'LATEST' ? service.latestReadyRevision : undefined);
            if (revision === undefined) {
                const tags = service.traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag]));
                throw user_error/* UserError */.y.forInput('promote_from', `tag:${selector.tag}`, `tags on ${config.service}: ${tags.join(', ') || 'none'}`);
            }
            return { ...ofRevision(revision, await ports.cloudRun.getRevision(revision)), tag: selector.tag };
        }
        case 'sha': {
            const all = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
            const hit = newest(all.filter((r) => r.ready === true && (r.labels['gcp-deploy-sha'] ?? '').startsWith(selector.sha)));
            if (hit === undefined) {
                throw user_error/* UserError */.y.forInput('promote_from', `sha:${selector.sha}`, `no ready revision of ${config.service} is labelled with that commit; preview it first or promote by tag or digest`);
            }
            // The listing already carries the revision's image: no second read.
            return ofRevision(hit.name, hit);
        }
        case 'digest':
            return { image: ports.images.imageForDigest(selector.digest) };
    }
}
function selectorText(selector) {
    return selector.by === 'tag'
        ? `tag:${selector.tag}`
        : selector.by === 'sha'
            ? `sha:${selector.sha}`
            : `digest:${selector.digest}`;
}
/** Labels of a release revision: where its image was checked, never the preview's own markers. */
function releaseLabels(source) {
    const from = source.revision;
    const pr = from?.labels['gcp-deploy-pr'];
    const sha = from?.labels['gcp-deploy-sha'];
    return {
        'managed-by': 'gcp-deploy',
        'gcp-deploy-kind': 'release',
        ...(from !== undefined ? { 'gcp-deploy-from': from.name } : {}),
        ...(source.tag !== undefined ? { 'gcp-deploy-from-tag': source.tag } : {}),
        ...(pr !== undefined ? { 'gcp-deploy-from-pr': pr } : {}),
        ...(sha !== undefined ? { 'gcp-deploy-sha': sha } : {}),
    };
}
/**
 * Deploys the release candidate: production's template plus the inputs, running the checked digest, with
 * no PREVIEW_* variables or PR labels, tagged `candidate_tag` at 0 % and checked before any traffic moves.
 */
async function deployCandidate(config, source, report, ports) {
    const tag = config.promote.candidateTag;
    const request = {
        name: (template) => (0,naming/* releaseRevisionName */.IV)(config.service, template),
        image: source.image,
        runEnv: {},
        runLabels: releaseLabels(source),
    };
    const deployed = await timePhase(report, 'deploy', () => ports.cloudRun.deployTagged(request, tag));
    report.revision = deployed.revision;
    report.image = source.image;
    report.digest = source.image.slice(source.image.lastIndexOf('@') + 1);
    const back = deployed.previousRevision ?? null;
    const undo = async (why) => {
        // Production never moved: only the candidate tag goes back to where it was.
        await ports.cloudRun.retag(tag, back);
        throw new Error(why);
    };
    if (!deployed.ready) {
        return undo(`Revision ${deployed.revision} failed to become ready: ${deployed.message ?? 'no reason given'}`);
    }
    const url = deployed.url;
    if (url === undefined)
        return undo(`Cloud Run reported no URL for tag ${tag} on service ${config.service}`);
    report.health = await timePhase(report, 'health', () => ports.checks.health(url));
    if (!report.health.ok)
        return undo(`health check of ${deployed.revision} failed at 0 %, before any traffic moved`);
    report.smoke = await timePhase(report, 'checks', () => ports.checks.smoke(url));
    if (report.smoke !== undefined && !report.smoke.ok)
        return undo(`smoke checks of ${deployed.revision} failed at 0 %, before any traffic moved`);
    ports.log.info(`${deployed.revision} passed its checks at 0 % on ${url}`);
    return { revision: deployed.revision, url };
}
/**
 * Moves production traffic to a revision in the configured canary steps, checking the revision after each
 * step; any failure restores exactly the traffic saved before the first step.
 */
async function runPromote(config, selector, report, ports) {
    const service = await ports.cloudRun.getService();
    if (service === null)
        throw user_error/* UserError */.y.forInput('service', config.service, 'an existing Cloud Run service to promote on');
    report.previousRevision = productionRevision(service);
    const source = await resolvePromotion(config, selector, service, ports);
    let candidate;
    try {
        candidate = await deployCandidate(config, source, report, ports);
    }
    catch (err) {
        if (err instanceof user_error/* UserError */.y)
            throw err;
        report.failureReason = (0,user_error/* errorMessage */.g)(err);
        ports.log.error(report.failureReason);
        report.state = 'failed';
        report.result = 'failure';
        report.notes.push('Production traffic did not move.');
        return report;
    }
    // Saved after the candidate's tag landed, so a restore keeps the candidate tag where it now is.
    const saved = ((await ports.cloudRun.getService())?.traffic ?? service.traffic).map((t) => ({
        ...t,
    }));
    return shiftWithChecks(config, candidate.revision, saved, candidate.url, report, ports);
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
    report.previousRevision = productionRevision(service);
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
    return (0,naming/* configHash */.r_)({ deploy, build: { ...build, buildSecrets: Object.keys(build.buildSecrets) }, tag: plan.tag }, 12);
}
/** Labels every preview revision carries over the `labels` input, so cleanup and promotion can find it. */
function previewLabels(plan) {
    return {
        'managed-by': 'gcp-deploy',
        'gcp-deploy-pr': String(plan.prNumber),
        'gcp-deploy-sha': plan.commitSha.toLowerCase().slice(0, 40),
        'gcp-deploy-config': settingsHash(plan),
    };
}
/**
 * Env vars that let an app isolate its data per PR (a schema or key prefix named after PREVIEW_ID), set
 * over the `env_vars` input; a promotion never carries them (template-merge's PREVIEW_ENV_NAMES).
 */
function previewEnv(plan) {
    return {
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
            const request = {
                name: (template) => plan.revisionName(template),
                image: image.imageRef,
                runEnv: previewEnv(plan),
                runLabels: previewLabels(plan),
            };
            deployment = await timePhase(report, 'deploy', () => ports.cloudRun.deployTagged(request, plan.tag));
            if (deployment.base !== undefined) {
                report.notes.push(`Inherits every setting of ${deployment.base} (what production serves) apart from this run's inputs.`);
            }
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
    const tagFor = (pr) => (0,naming/* prTag */.Hj)({ template: config.tagTemplate, prNumber: pr, branch: ctx.headRef, service: config.service });
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
    // The build inputs only matter to a preview that builds: a closed PR is cleaned up with nothing checked
    // out, and a skipped fork has nothing to build. Checked before any comment or deployment is written.
    if (command === 'preview' && config.build.prebuiltImage === undefined)
        (0,config_config/* checkBuildContext */.UL)(config.build);
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
                revisionName: (template) => (0,naming/* revisionName */.pd)({
                    service: config.service,
                    prNumber: prNumber,
                    sha: ctx.headSha,
                    // The whole digest: the long-name fallback hashes all of it.
                    configHash: (0,naming/* configHash */.r_)(template, 64),
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
    if (config.github.token === '' && config.github.comment && prNumber !== undefined) {
        // Without a token nothing is posted; the log shows what the sticky comment would say.
        const body = (0,markdown_comment/* renderStickyComment */.HI)({
            service: config.service,
            report: done,
            history: [],
            ctx: { headRef: ctx.headRef, prTitle: ctx.prTitle },
        });
        core/* startGroup */.Oh('PR comment (not posted: no github_token)');
        core/* info */.pq(body);
        core/* endGroup */.N4();
    }
    await (0,src_github/* writeJobSummary */.j7)(done, { headRef: ctx.headRef, prTitle: ctx.prTitle });
    return done;
}


/***/ })

};
