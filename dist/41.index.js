export const id = 41;
export const ids = [41];
export const modules = {

/***/ 73609:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $V: () => (/* binding */ ingressIndex),
/* harmony export */   AH: () => (/* binding */ revisionReadiness),
/* harmony export */   EU: () => (/* binding */ shortName),
/* harmony export */   Lj: () => (/* binding */ serviceState),
/* harmony export */   Lq: () => (/* binding */ templateOfRevision),
/* harmony export */   Ro: () => (/* binding */ toApiTraffic),
/* harmony export */   j5: () => (/* binding */ ingressImage)
/* harmony export */ });
/* unused harmony exports fromApiTraffic, fromApiStatuses, REVISION_TEMPLATE_FIELDS */
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
        annotations: userKeys(svc.annotations),
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


/***/ }),

/***/ 82041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mR: () => (/* binding */ CloudRunService)
/* harmony export */ });
/* unused harmony exports isTagQuotaError, operationPollDelay */
/* harmony import */ var _shared_sleep_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(47362);
/* harmony import */ var _api_mapping_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(73609);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67536);
/* harmony import */ var _client_factory_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11440);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96104);
/* harmony import */ var _invoker_policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9963);
/* harmony import */ var _traffic_plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26271);
/**
 * The thin adapter over the Cloud Run Admin API v2 clients, and the only place that knows their calls:
 * every traffic change is a read-modify-write on the service's etag, conflicts re-plan from fresh state,
 * transient errors go through retry.ts, operations and revision readiness are polled with backoff.
 */







/**
 * Cloud Run's quota text for revision tags (https://cloud.google.com/run/quotas): "Maximum number of revision
 * tags: 2000 per project and region"; beyond it the oldest tags without traffic are deleted.
 */
const TAG_LIMIT_ADVICE = "Cloud Run allows 2,000 revision tags per project and region and deletes the oldest tags without traffic beyond that: close or sweep stale previews (command: cleanup with the 'stale' input) to stay under it.";
/** True for Cloud Run's refusal of a write that would exceed the revision tag limit. */
function isTagQuotaError(err) {
    const message = err instanceof Error ? err.message : String(err);
    return /quota/i.test(message) && /revision tags/i.test(message);
}
/** Our retry policy owns retries, so google-gax's own (1 s first delay, invisible to counts) is switched off. */
const NO_GAX_RETRY = { retry: null };
const PIN = { kind: 'pin' };
/** The annotations after `change`, or undefined when it changes nothing (so no write is needed). */
function applyAnnotations(current, change) {
    const next = { ...(current ?? {}) };
    let changed = false;
    for (const [key, value] of Object.entries(change)) {
        if (value === null ? key in next : next[key] !== value)
            changed = true;
        if (value === null)
            delete next[key];
        else
            next[key] = value;
    }
    return changed ? next : undefined;
}
function notFound(what) {
    return Object.assign(new Error(`${what} not found`), { code: _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.NOT_FOUND });
}
/** Cloud Run for one project and region. */
class CloudRunService {
    o;
    calls = 0;
    /**
     * Each service as this client last read or wrote it (null: read as missing). A write's first round plans
     * on it instead of reading again: the etag it carries makes Cloud Run refuse the write when anyone changed
     * the service since, and the refusal re-reads (readModifyWrite). Any failed write forgets it.
     */
    known = new Map();
    clients;
    log;
    timeoutMs;
    warn;
    constructor(o) {
        this.o = o;
        this.clients = o.clients ?? (0,_client_factory_js__WEBPACK_IMPORTED_MODULE_1__/* .cloudRunClients */ .vn)(o.env ?? process.env);
        this.log = o.log ?? (() => undefined);
        this.timeoutMs = o.timeoutMs ?? 300_000;
        this.warn = o.warn ?? this.log;
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
    /**
     * How an etag-guarded read-modify-write is retried: a lost answer or a conflict both mean re-read and
     * re-plan (every plan is idempotent), quickly at first, for as long as the run may wait.
     */
    rereadRetry() {
        return {
            attempts: this.o.conflictAttempts ?? 20,
            baseMs: 50,
            maxMs: 1000,
            maxElapsedMs: this.timeoutMs,
            random: this.o.retry?.random,
            retryOn: (err) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isConflict */ .dh)(err) || (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(err),
        };
    }
    /** One API call, counted, with transient errors retried (INTERNAL too when it is an idempotent read). */
    call(fn, read) {
        return (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetry */ .bD)(() => {
            this.calls++;
            return fn();
        }, {
            ...this.o.retry,
            retryOn: (err) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(err, read),
            onRetry: (err, n, ms) => this.log(`transient Cloud Run error (code ${(0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err)}), retry ${n} in ${ms} ms`),
        });
    }
    async getRaw(service) {
        try {
            const [svc] = await this.call(() => this.clients.services.getService({ name: this.serviceName(service) }, NO_GAX_RETRY), true);
            this.known.set(service, svc);
            return svc;
        }
        catch (err) {
            if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) === _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.NOT_FOUND) {
                this.known.set(service, null);
                return null;
            }
            this.known.delete(service);
            throw err;
        }
    }
    /** The service as this client last read or wrote it, read now when it never did. */
    async knownRaw(service) {
        const seen = this.known.get(service);
        return seen !== undefined ? seen : this.getRaw(service);
    }
    /** The service, or null when it does not exist (always read now). */
    async getService(service) {
        const svc = await this.getRaw(service);
        return svc === null ? null : (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceState */ .Lj)(svc);
    }
    /**
     * The service as this client last read or wrote it (read now when it never did): what one run works from
     * between its own calls, so that a run reads the service once. A write planned on it is still safe (see
     * `known`); a caller that must see others' changes asks getService.
     */
    async knownService(service) {
        const svc = await this.knownRaw(service);
        return svc === null ? null : (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceState */ .Lj)(svc);
    }
    /**
     * Every service of the project and region, whoever made it: one ListServices call (its pages fetched by
     * the client), for the region-wide tag limit (cloud-run-limits.ts). The list holds each service whole,
     * etag included, so `seed` (a service this client works on) is kept as read: missing from the list, it
     * is known not to exist, and no GetService is needed after it.
     */
    async listServices(seed) {
        const [list] = await this.call(() => this.clients.services.listServices({ parent: `projects/${this.o.project}/locations/${this.o.region}` }, NO_GAX_RETRY), true);
        if (seed !== undefined) {
            const name = this.serviceName(seed);
            this.known.set(seed, list.find((svc) => svc.name === name) ?? null);
        }
        return list.map(_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceState */ .Lj);
    }
    /** Polls an operation to its end (see operationPollDelay); each poll is a counted, retried read. */
    async waitOperation(op, signal) {
        const started = Date.now();
        const deadline = started + this.timeoutMs;
        while (op.latestResponse.done !== true) {
            if (Date.now() > deadline)
                throw new Error(`operation not done within ${this.timeoutMs / 1000} s`);
            // Cancelled: the write is accepted already, so the caller can undo it; waiting on serves nobody.
            signal?.throwIfAborted();
            await (0,_shared_sleep_js__WEBPACK_IMPORTED_MODULE_6__/* .sleep */ .y)(operationPollDelay(Date.now() - started), signal);
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
    async readModifyWrite(service, plan, template, signal, annotate) {
        let round = 0;
        return (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetry */ .bD)(async () => {
            // The first round plans on what this client knows (the write's etag guards it); later rounds follow
            // a refusal or a lost answer, so they read again.
            const raw = round++ === 0 ? await this.knownRaw(service) : await this.getRaw(service);
            if (raw === null)
                throw notFound(`Cloud Run service ${service}`);
            const state = (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceState */ .Lj)(raw);
            const traffic = plan(state);
            const problem = (0,_traffic_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .trafficProblem */ .PT)(traffic);
            if (problem !== undefined)
                throw new Error(`planned traffic for ${service} is invalid: ${problem}`);
            const newTemplate = template === undefined ? undefined : await template();
            const annotations = annotate === undefined ? undefined : applyAnnotations(raw.annotations, annotate);
            if (newTemplate === undefined &&
                annotations === undefined &&
                JSON.stringify(traffic) === JSON.stringify(state.traffic))
                return state;
            // UpdateService replaces the whole spec: send everything read, changing only template, traffic and
            // this run's own annotations.
            const next = {
                ...raw,
                traffic: (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .toApiTraffic */ .Ro)(traffic),
                template: newTemplate ?? raw.template,
                ...(annotations !== undefined ? { annotations } : {}),
            };
            let writtenRaw;
            try {
                this.calls++;
                const [op] = await this.clients.services.updateService({ service: next }, NO_GAX_RETRY);
                // The operation's result is the service as written (new etag, statuses): the next write plans on it.
                writtenRaw = await this.waitOperation(op, signal);
            }
            catch (err) {
                this.known.delete(service);
                throw err;
            }
            this.known.set(service, writtenRaw);
            const written = (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceState */ .Lj)(writtenRaw);
            this.reportDroppedTags(service, traffic, written);
            return written;
        }, {
            ...this.rereadRetry(),
            onRetry: (err, n, ms) => this.log(`service ${service} changed or was unreachable (code ${(0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err)}): re-reading, round ${n + 1} in ${ms} ms`),
        });
    }
    /** Tags this write carried that the written service lacks: Cloud Run deleted them for its tag limit. */
    reportDroppedTags(service, sent, written) {
        const kept = new Set(written.traffic.map((t) => t.tag));
        const dropped = sent.flatMap((t) => (t.tag !== undefined && !kept.has(t.tag) ? [t.tag] : []));
        if (dropped.length === 0)
            return;
        this.warn(`Cloud Run deleted tag${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} of service ${service}: the project and region reached Cloud Run's limit of revision tags. ${TAG_LIMIT_ADVICE}`);
    }
    /** Changes traffic with `plan(fresh state) -> new traffic`, retried on etag conflicts. */
    updateTraffic(service, plan) {
        return this.readModifyWrite(service, plan);
    }
    /** Applies one planner operation (preview, retag, untag, promote, restore, pin), with annotation changes. */
    applyTraffic(service, op, annotate) {
        return this.readModifyWrite(service, (svc) => (0,_traffic_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planTraffic */ .H6)(svc, op), undefined, undefined, annotate);
    }
    /** Sets (or, with null, removes) service annotations, leaving traffic and template as they are. */
    annotate(service, annotate) {
        return this.readModifyWrite(service, (svc) => svc.traffic, undefined, undefined, annotate);
    }
    /** Who may invoke the service: its invoker settings and whether its IAM policy lets allUsers in. */
    async access(service) {
        const raw = await this.knownRaw(service);
        if (raw === null)
            throw notFound(`Cloud Run service ${service}`);
        const [policy] = await this.call(() => this.clients.services.getIamPolicy({ resource: this.serviceName(service) }, NO_GAX_RETRY), true);
        const invokerIamDisabled = raw.invokerIamDisabled === true;
        return {
            public: invokerIamDisabled || (0,_invoker_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .allUsersInvoke */ .wT)(policy),
            invokerIamDisabled,
            iapEnabled: raw.iapEnabled === true,
            invokers: (0,_invoker_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .invokerMembers */ .U3)(policy),
        };
    }
    /**
     * Adds `member` to the service's roles/run.invoker binding: a read-modify-write on the policy's etag,
     * re-read after a concurrent change, so bindings others wrote meanwhile are kept.
     */
    async grantInvoker(service, member) {
        const resource = this.serviceName(service);
        await (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetry */ .bD)(async () => {
            const [policy] = await this.call(() => this.clients.services.getIamPolicy({ resource }, NO_GAX_RETRY), true);
            const next = (0,_invoker_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .withMember */ .RV)(policy, _invoker_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .INVOKER_ROLE */ ._H, member);
            if (next === policy)
                return;
            this.calls++;
            await this.clients.services.setIamPolicy({ resource, policy: next }, NO_GAX_RETRY);
        }, this.rereadRetry());
    }
    /** Creates the service running `template` (its revision tagged `tag` when given) and waits for it. */
    async createService(service, template, opts = {}) {
        const revision = revisionNameOf(template);
        const traffic = [{ type: 'LATEST', percent: 100 }];
        if (opts.tag !== undefined)
            traffic.push({ type: 'REVISION', revision, percent: 0, tag: opts.tag });
        let message;
        let written;
        try {
            // A retry after a lost answer finds the service created: ALREADY_EXISTS below takes it from there.
            const [op] = await this.call(() => this.clients.services.createService({
                parent: `projects/${this.o.project}/locations/${this.o.region}`,
                serviceId: service,
                service: {
                    template,
                    labels: { ...(opts.labels ?? {}) },
                    ...(opts.annotations !== undefined ? { annotations: { ...opts.annotations } } : {}),
                    traffic: (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .toApiTraffic */ .Ro)(traffic),
                    ...(opts.iapEnabled === true ? { iapEnabled: true } : {}),
                },
            }, NO_GAX_RETRY), false);
            const raw = await this.waitOperation(op, opts.signal);
            this.known.set(service, raw);
            written = (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceState */ .Lj)(raw);
        }
        catch (err) {
            this.known.delete(service);
            if (opts.signal?.aborted)
                throw err;
            // Another run (or our own lost-answer attempt) created it first: deploy into it the ordinary way.
            if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) === _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.ALREADY_EXISTS) {
                const op = opts.tag === undefined ? PIN : { kind: 'preview', tag: opts.tag, revision };
                return this.deployRevision(service, template, op, opts.signal);
            }
            // A refused caller deployed nothing: that is the run's failure, not the revision's.
            if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(err) || (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isRefusal */ .vu)(err))
                throw err;
            message = err instanceof Error ? err.message : String(err);
        }
        return this.settle(service, revision, opts.tag, true, message, opts.signal, written);
    }
    /**
     * Deploys a new revision with ONE UpdateService carrying the template and the planned traffic (by default
     * LATEST pinned, so the revision takes no traffic), then waits for the revision's own Ready condition.
     * A revision of the same name that exists already is reused (idempotent re-run).
     */
    async deployRevision(service, template, op = PIN, signal) {
        const revision = revisionNameOf(template);
        // A revision the service already names (in its traffic, or as its latest) exists: its template is not
        // sent again. One it does not name is sent: a revision of that name made earlier with the same template
        // is taken as it is, and one with another template is refused ALREADY_EXISTS and then used as it is.
        const before = await this.knownRaw(service);
        const existed = before !== null && namesRevision((0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceState */ .Lj)(before), revision);
        let sendTemplate = !existed;
        let round = 0;
        let message;
        let written;
        const write = () => this.readModifyWrite(service, (svc) => (0,_traffic_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planTraffic */ .H6)(svc, op), async () => {
            round++;
            if (!sendTemplate)
                return undefined;
            // After a round whose answer was lost, the revision may exist: sending its template again would clash.
            if (round > 1 && (await this.getRevisionRaw(service, revision)) !== null)
                return undefined;
            return template;
        }, signal);
        try {
            try {
                written = await write();
            }
            catch (err) {
                if (!sendTemplate || (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) !== _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.ALREADY_EXISTS || signal?.aborted)
                    throw err;
                sendTemplate = false;
                written = await write();
            }
        }
        catch (err) {
            if (signal?.aborted ||
                (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(err) ||
                (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isConflict */ .dh)(err) ||
                (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isRefusal */ .vu)(err) ||
                (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) === _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.NOT_FOUND)
                throw err;
            if (isTagQuotaError(err)) {
                throw new Error(`Cloud Run refused tag ${op.kind === 'preview' ? op.tag : ''} on service ${service}: the project and region hold as many revision tags as Cloud Run allows, and every one of them carries traffic. ${TAG_LIMIT_ADVICE} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
            }
            // A failed operation (say, the revision could not start) is an outcome to report, not a crash.
            message = err instanceof Error ? err.message : String(err);
        }
        const tag = op.kind === 'preview' || op.kind === 'retag' ? op.tag : undefined;
        return this.settle(service, revision, tag, !existed, message, signal, written);
    }
    async settle(service, revision, tag, created, failure, signal, 
    /** The service as the write's operation returned it: its traffic statuses may already hold the tag URL. */
    written) {
        // A write whose operation ended with this revision as the service's latest ready one needs no read: a
        // revision is that only once Ready. Otherwise (failed, or ready earlier) its own condition is polled;
        // when the write failed and left no revision behind, there is nothing to wait for.
        const state = failure === undefined && written?.latestReadyRevision === revision
            ? { ready: true }
            : failure !== undefined && (await this.getRevisionRaw(service, revision)) === null
                ? { ready: false, message: failure }
                : await this.waitRevisionReady(service, revision, signal);
        const message = state.message ?? failure;
        const uri = state.ready && tag !== undefined
            ? await this.waitTagUri(service, tag, revision, signal, written)
            : undefined;
        return {
            revision,
            ready: state.ready,
            created,
            ...(uri ? { uri } : {}),
            ...(message ? { message } : {}),
        };
    }
    /**
     * Polls the revision's own Ready condition. The service's latestReadyRevision moves only once a whole
     * reconciliation succeeds (and stays put after a failure), so that field cannot tell about one revision.
     */
    async waitRevisionReady(service, revision, signal) {
        const deadline = Date.now() + this.timeoutMs;
        let delay = 100;
        for (;;) {
            signal?.throwIfAborted();
            const rev = await this.getRevisionRaw(service, revision);
            const r = rev === null ? { ready: undefined } : (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .revisionReadiness */ .AH)(rev);
            if (r.ready !== undefined)
                return r.message ? { ready: r.ready, message: r.message } : { ready: r.ready };
            if (Date.now() > deadline) {
                return { ready: false, message: `revision ${revision} not ready within ${this.timeoutMs / 1000} s` };
            }
            await (0,_shared_sleep_js__WEBPACK_IMPORTED_MODULE_6__/* .sleep */ .y)(delay, signal);
            delay = Math.min(delay * 2, 3000);
        }
    }
    /** The tag's URL once the traffic statuses show it on `revision` (statuses follow the spec after routing). */
    async waitTagUri(service, tag, revision, signal, known) {
        const deadline = Date.now() + this.timeoutMs;
        let delay = 100;
        // The written service answers first: a routed tag's URL is in it, and then no read is needed.
        let first = known;
        for (;;) {
            signal?.throwIfAborted();
            const svc = first ?? (await this.getService(service));
            first = undefined;
            const status = svc?.trafficStatuses.find((s) => s.tag === tag);
            if (status?.uri && status.revision === revision)
                return status.uri;
            // Someone else moved the tag meanwhile: no URL of ours to report.
            if (!svc?.traffic.some((t) => t.tag === tag && t.revision === revision))
                return undefined;
            if (Date.now() > deadline)
                return undefined;
            await (0,_shared_sleep_js__WEBPACK_IMPORTED_MODULE_6__/* .sleep */ .y)(delay, signal);
            delay = Math.min(delay * 2, 2000);
        }
    }
    async getRevisionRaw(service, revision) {
        try {
            const [rev] = await this.call(() => this.clients.revisions.getRevision({ name: this.revisionPath(service, revision) }, NO_GAX_RETRY), true);
            return rev;
        }
        catch (err) {
            if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) === _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.NOT_FOUND)
                return null;
            throw err;
        }
    }
    /**
     * What the known service tells of `revision` without a read: its labels and image when the service's
     * template made it (revisions are immutable, so the template is what it runs), ready when it is also the
     * latest ready revision. Undefined when the known service does not hold it so.
     */
    heldRevision(service, revision) {
        const svc = this.known.get(service);
        const template = svc?.template;
        if (!svc || !template || template.revision !== revision)
            return undefined;
        if ((0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .shortName */ .EU)(svc.latestReadyRevision) !== revision)
            return undefined;
        const image = (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .ingressImage */ .j5)(template.containers);
        return {
            name: revision,
            labels: { ...(template.labels ?? {}) },
            annotations: { ...(template.annotations ?? {}) },
            ...(image ? { image } : {}),
            ready: true,
        };
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
            if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) !== _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.NOT_FOUND)
                throw err;
        }
    }
    /** Deletes the service and waits; one already gone counts as deleted. */
    async deleteService(service) {
        this.known.delete(service);
        try {
            const [op] = await this.call(() => this.clients.services.deleteService({ name: this.serviceName(service) }, NO_GAX_RETRY), false);
            await this.waitOperation(op);
        }
        catch (err) {
            if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) !== _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .GRPC */ .Vq.NOT_FOUND)
                throw err;
        }
    }
    /** Closes the gRPC channels. */
    close() {
        return this.clients.close();
    }
}
/**
 * The wait before the next operation poll, `elapsedMs` after the write. A revision that starts quickly is
 * seen within 100 ms in the first second (a doubling backoff found one ready at 300 ms only at 350, one
 * at 400 ms only at 750); after it, one poll a second, the pace gcloud polls at, since a revision still
 * starting then usually takes seconds more.
 */
function operationPollDelay(elapsedMs) {
    return elapsedMs < 1000 ? 100 : 1000;
}
/**
 * Revisions are always named by the caller, so a re-run finds (and reuses) its own; and what serves is
 * always pinned by digest, so what was checked is what runs (checked again here, before any call).
 */
function revisionNameOf(template) {
    if (!template.revision)
        throw new Error('a revision template must name its revision');
    (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .requirePinnedImage */ .nU)((0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .ingressImage */ .j5)(template.containers) ?? '');
    return template.revision;
}
/** True when the service's traffic, statuses or latest created revision name `revision` (so it exists). */
function namesRevision(svc, revision) {
    return (svc.latestCreatedRevision === revision ||
        svc.traffic.some((t) => t.revision === revision) ||
        svc.trafficStatuses.some((t) => t.revision === revision));
}
function revisionInfo(r) {
    const readiness = (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .revisionReadiness */ .AH)(r);
    const seconds = r.createTime?.seconds;
    return {
        name: (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .shortName */ .EU)(r.name),
        labels: { ...(r.labels ?? {}) },
        annotations: { ...(r.annotations ?? {}) },
        ...((0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .ingressImage */ .j5)(r.containers) !== undefined ? { image: (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .ingressImage */ .j5)(r.containers) } : {}),
        ...(seconds !== undefined && seconds !== null ? { createTime: new Date(Number(seconds) * 1000) } : {}),
        ready: readiness.ready,
        ...(readiness.message ? { message: readiness.message } : {}),
        template: (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_5__/* .templateOfRevision */ .Lq)(r),
    };
}


/***/ }),

/***/ 9963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RV: () => (/* binding */ withMember),
/* harmony export */   U3: () => (/* binding */ invokerMembers),
/* harmony export */   _H: () => (/* binding */ INVOKER_ROLE),
/* harmony export */   wT: () => (/* binding */ allUsersInvoke)
/* harmony export */ });
/* unused harmony export INVOKING_ROLES */
const INVOKER_ROLE = 'roles/run.invoker';
/** True when an unconditional binding gives allUsers the invoker role. */
function allUsersInvoke(policy) {
    return (policy.bindings ?? []).some((b) => b.role === INVOKER_ROLE && !b.condition && (b.members ?? []).includes('allUsers'));
}
/** The policy with `member` added to the unconditional `role` binding (created when missing). */
function withMember(policy, role, member) {
    const bindings = [...(policy.bindings ?? [])];
    const i = bindings.findIndex((b) => b.role === role && !b.condition);
    const existing = i >= 0 ? bindings[i] : undefined;
    if (existing?.members?.includes(member))
        return policy;
    const next = { role, members: [...(existing?.members ?? []), member] };
    if (i >= 0)
        bindings[i] = next;
    else
        bindings.push(next);
    return { ...policy, bindings };
}
/** Roles carrying run.routes.invoke: any of them on the callee lets the caller in. */
const INVOKING_ROLES = [
    INVOKER_ROLE,
    'roles/run.servicesInvoker',
    'roles/run.developer',
    'roles/run.admin',
    'roles/run.sourceDeveloper',
    'roles/editor',
    'roles/owner',
];
/** The members holding an invoking role through a binding of `policy` (conditional ones included). */
function invokerMembers(policy) {
    const members = new Set();
    for (const b of policy.bindings ?? []) {
        if (!INVOKING_ROLES.includes(b.role ?? ''))
            continue;
        for (const m of b.members ?? [])
            members.add(m);
    }
    return [...members];
}


/***/ }),

/***/ 26271:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H6: () => (/* binding */ planTraffic),
/* harmony export */   PT: () => (/* binding */ trafficProblem),
/* harmony export */   Py: () => (/* binding */ productionRevision),
/* harmony export */   __: () => (/* binding */ latestMeans)
/* harmony export */ });
/* unused harmony exports pinLatest, apportion, servingShares */
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22156);
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
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('percent', String(wanted), 'allowed: a whole number from 0 to 100');
    }
    const pinned = pinLatest(svc);
    const others = pinned.filter((t) => t.revision !== revision);
    const previousMain = mainRevision(others);
    const serving = others.filter((t) => t.percent > 0);
    // With nothing else serving, the revision keeps everything: there is nobody to hand the rest to.
    const percent = serving.length === 0 ? 100 : wanted;
    // Shared out per revision first (a revision may have several serving targets), then within each revision
    // over its targets, so every revision's share is its exact proportion rounded down or up.
    const key = (t) => t.revision ?? 'LATEST';
    const revisions = [...new Set(serving.map(key))];
    const perRevision = apportion(revisions.map((r) => serving.filter((t) => key(t) === r).reduce((a, t) => a + t.percent, 0)), 100 - percent);
    const shareOf = new Map();
    revisions.forEach((r, i) => {
        const mine = serving.filter((t) => key(t) === r);
        const split = apportion(mine.map((t) => t.percent), perRevision[i] ?? 0);
        mine.forEach((t, j) => shareOf.set(t, split[j] ?? 0));
    });
    const rest = others.map((t) => (t.percent > 0 ? { ...t, percent: shareOf.get(t) ?? 0 } : t));
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
const sameTarget = (a, b) => a.type === b.type && (a.revision ?? '') === (b.revision ?? '');
function restore(svc, saved, ownTags) {
    const own = new Set(ownTags);
    const current = effective(svc.traffic);
    const now = new Map(current.flatMap((t) => (t.tag === undefined ? [] : [[t.tag, t]])));
    const out = [];
    for (const t of saved.map(copy)) {
        const moved = t.tag !== undefined && !own.has(t.tag) && !sameTarget(now.get(t.tag) ?? t, t);
        const gone = t.tag !== undefined && !own.has(t.tag) && !now.has(t.tag);
        if (!moved && !gone) {
            out.push(t);
            continue;
        }
        // Someone else moved or removed this tag since: the saved percent stays, the tag follows them.
        const { tag: _theirs, ...untagged } = t;
        if (untagged.percent > 0)
            out.push(untagged);
    }
    const placed = new Set(out.flatMap((t) => (t.tag === undefined ? [] : [t.tag])));
    for (const t of current) {
        if (t.tag === undefined || own.has(t.tag) || placed.has(t.tag))
            continue;
        out.push({
            type: t.type,
            ...(t.revision !== undefined ? { revision: t.revision } : {}),
            percent: 0,
            tag: t.tag,
        });
    }
    return out;
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
            return restore(svc, op.traffic, op.own);
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


/***/ })

};
