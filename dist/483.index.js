export const id = 483;
export const ids = [483];
export const modules = {

/***/ 23483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCommand: () => (/* binding */ run_command_runCommand)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/github/index.ts + 11 modules
var src_github = __webpack_require__(64375);
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
;// CONCATENATED MODULE: ./src/cloudrun/preview-naming.ts


/** Cloud Run: a traffic tag plus the service name may not exceed 46 characters (the tag URL's first DNS label). */
const MAX_TAG_AND_SERVICE = 46;
const DNS_1035 = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
/** Lowercases untrusted text (a branch name) into DNS-label characters: `feat/Login_UI` -> `feat-login-ui`. */
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
 * The PR's traffic tag from the template (`pr-{number}`, `{branch}`), shortened to fit Cloud Run's
 * tag + service limit by trimming the branch part; a tag that cannot fit fails before anything changes.
 */
function previewTag(o) {
    const budget = MAX_TAG_AND_SERVICE - o.service.length;
    const fill = (branch) => o.template
        .replaceAll('{number}', String(o.prNumber))
        .replaceAll('{branch}', branch)
        .replace(/-+/g, '-')
        .replace(/-$/, '');
    const branch = sanitiseLabel(o.branch ?? '');
    let tag = fill(branch);
    if (tag.length > budget && o.template.includes('{branch}')) {
        const over = tag.length - budget;
        tag = fill(branch.slice(0, Math.max(0, branch.length - over)).replace(/-+$/, ''));
    }
    if (!DNS_1035.test(tag)) {
        throw user_error/* UserError */.y.forInput('tag', tag, 'allowed: a DNS label (lowercase letter first, then letters, digits, hyphens)');
    }
    if (tag.length > budget) {
        throw new user_error/* UserError */.y(`Inputs 'tag' and 'service': tag "${tag}" (${tag.length}) plus service "${o.service}" (${o.service.length}) exceed ` +
            `Cloud Run's ${MAX_TAG_AND_SERVICE}-character limit for tag + service name; allowed: a shorter tag template or service name.`, 'tag');
    }
    return tag;
}
/** A short stable hash of the settings a revision is deployed with. */
function fingerprint(value) {
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(value)).digest('hex');
}
/**
 * A deterministic revision name for a PR commit and its settings: `<service>-pr<n>-<sha7>-<hash4>`, or
 * `<service>-<hash>` when that would pass Cloud Run's 63-character limit.
 */
function previewRevisionName(o) {
    const sha = o.sha
        .toLowerCase()
        .replace(/[^0-9a-f]/g, '')
        .slice(0, 7) || 'nosha00';
    const readable = `${o.service}-pr${o.prNumber}-${sha}-${o.settingsHash.slice(0, 4)}`;
    if (readable.length <= 63)
        return readable;
    const hash = fingerprint([o.prNumber, o.sha, o.settingsHash]);
    return `${o.service}-${hash.slice(0, 63 - o.service.length - 1)}`;
}

// EXTERNAL MODULE: ./node_modules/@google-cloud/run/build/src/index.js
var src = __webpack_require__(89475);
// EXTERNAL MODULE: ./node_modules/@grpc/grpc-js/build/src/index.js
var build_src = __webpack_require__(83033);
// EXTERNAL MODULE: ./node_modules/@google-cloud/artifact-registry/build/src/index.js
var artifact_registry_build_src = __webpack_require__(34192);
;// CONCATENATED MODULE: ./src/cloudrun/client-options.ts


// Every Google client of the action is built from these options, so one variable points them all at the emulator.
/** Client options: the local emulator (insecure, no auth) when GCP_DEPLOY_EMULATOR_HOST is set, else Google's defaults. */
function googleClientOptions(env = process.env) {
    const host = env.GCP_DEPLOY_EMULATOR_HOST;
    if (!host)
        return {};
    const m = /^([^:]+|\[[^\]]+\]):(\d{1,5})$/.exec(host);
    if (!m)
        throw new Error(`GCP_DEPLOY_EMULATOR_HOST must be host:port, got ${JSON.stringify(host)}`);
    // google-gax skips authentication when sslCreds is given; naming the universe spares a GCE metadata probe
    // (and its warning) on a machine that is not on Google Cloud.
    return {
        apiEndpoint: m[1],
        port: Number(m[2]),
        sslCreds: build_src.credentials.createInsecure(),
        universeDomain: 'googleapis.com',
    };
}
/** An Artifact Registry client for this environment. */
function artifactRegistryClient(env = process.env) {
    return new artifact_registry_build_src/* ArtifactRegistryClient */.DA(googleClientOptions(env));
}
/** The gRPC status code of an error from a Google client, if it carries one. */
function grpcCode(err) {
    const code = err?.code;
    return typeof code === 'number' ? code : undefined;
}

;// CONCATENATED MODULE: ./src/cloudrun/retry.ts
/** gRPC codes worth another try: the call may succeed unchanged a moment later. */
const TRANSIENT_GRPC = new Set([
    4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */,
]);
/** gRPC codes that mean "someone else changed it first": re-read, re-plan, re-apply. */
const CONFLICT_GRPC = new Set([10 /* ABORTED */]);
/** The gRPC status code (or HTTP status) an error from a Google client carries, if any. */
function errorCode(err) {
    const e = err;
    if (typeof e?.code === 'number')
        return e.code;
    if (typeof e?.status === 'number')
        return e.status;
    return undefined;
}
/** True for transient gRPC codes and HTTP 408/429/5xx; permanent errors are not retried. */
function isTransient(err) {
    const code = errorCode(err);
    if (code === undefined)
        return false;
    if (code >= 100)
        return code === 408 || code === 429 || code >= 500;
    return TRANSIENT_GRPC.has(code);
}
const realSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Retries `fn` with exponential backoff and full jitter while `retryOn` says the error is worth it. */
async function withRetry(fn, o = {}) {
    const attempts = o.attempts ?? 6;
    const retryOn = o.retryOn ?? isTransient;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            if (attempt >= attempts || !retryOn(err))
                throw err;
            const cap = Math.min(o.maxMs ?? 8000, (o.baseMs ?? 200) * 2 ** (attempt - 1));
            const delay = Math.round((o.random ?? Math.random)() * cap);
            o.onRetry?.(err, attempt, delay);
            await (o.sleep ?? realSleep)(delay);
        }
    }
}

;// CONCATENATED MODULE: ./src/cloudrun/traffic-ops.ts
/**
 * The traffic planner: current traffic + one operation -> the new traffic list. Pure, so its promises
 * (percents sum to 100, tags unique, a preview moves no percent, a cleanup removes only its own tags) are
 * property-tested without servers.
 */
const clone = (t) => t.map((e) => ({ ...e }));
/** Drops targets that neither serve nor carry a tag (Cloud Run keeps no use for them). */
function prune(traffic) {
    return traffic.filter((t) => t.percent > 0 || t.tag !== undefined);
}
/**
 * Replaces every LATEST target by the revision it means now, so a new revision can neither take its
 * traffic nor carry off a tag riding on it (`prod`, `latest`). Without a known ready revision LATEST stays.
 */
function pinLatest(traffic, latestReady) {
    return traffic.map((t) => t.latest === true && latestReady !== undefined
        ? { revision: latestReady, percent: t.percent, ...(t.tag ? { tag: t.tag } : {}) }
        : { ...t });
}
function withoutTags(traffic, tags) {
    return prune(traffic.map((t) => {
        if (t.tag === undefined || !tags.has(t.tag))
            return { ...t };
        const { tag: _dropped, ...rest } = t;
        return rest;
    }));
}
/** Splits `total` over weights in whole numbers that add up exactly (largest remainder). */
function apportion(weights, total) {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (weights.length === 0)
        return [];
    if (sum === 0)
        return weights.map((_, i) => (i === 0 ? total : 0));
    const exact = weights.map((w) => (w * total) / sum);
    const floors = exact.map(Math.floor);
    let left = total - floors.reduce((a, b) => a + b, 0);
    const order = exact
        .map((e, i) => [e - Math.floor(e), i])
        .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) {
        if (left <= 0)
            break;
        floors[i] = (floors[i] ?? 0) + 1;
        left--;
    }
    return floors;
}
/** The revision serving the most traffic, once LATEST is pinned. */
function mainServingRevision(traffic) {
    return [...traffic]
        .filter((t) => t.percent > 0 && t.revision !== undefined)
        .sort((a, b) => b.percent - a.percent)[0]?.revision;
}
function shift(traffic, revision, wanted, prevTag) {
    // With nothing else serving, the revision already has everything and cannot hand any of it back.
    const percent = traffic.some((t) => t.revision !== revision && t.percent > 0) ? wanted : 100;
    const before = mainServingRevision(traffic.filter((t) => t.revision !== revision));
    const others = traffic.filter((t) => t.revision !== revision);
    const serving = others.filter((t) => t.percent > 0);
    const shares = apportion(serving.map((t) => t.percent), 100 - percent);
    let i = 0;
    const rest = others.map((t) => (t.percent > 0 ? { ...t, percent: shares[i++] ?? 0 } : { ...t }));
    const mine = traffic.filter((t) => t.revision === revision).map((t) => ({ ...t, percent: 0 }));
    const target = mine.find((t) => t.tag === undefined) ?? mine[0];
    if (target === undefined)
        mine.push({ revision, percent });
    else
        target.percent = percent;
    let next = [...rest, ...mine];
    if (prevTag !== undefined && before !== undefined && percent === 100) {
        next = withoutTags(next, new Set([prevTag]));
        next.push({ revision: before, percent: 0, tag: prevTag });
    }
    return prune(next);
}
/** Applies one operation. `latestReady` is the service's latest ready revision, used to pin LATEST. */
function planTraffic(current, latestReady, op) {
    switch (op.kind) {
        case 'preview': {
            const pinned = withoutTags(pinLatest(current, latestReady), new Set([op.tag]));
            return [...pinned, { revision: op.revision, percent: 0, tag: op.tag }];
        }
        case 'retag': {
            const rest = withoutTags(clone(current), new Set([op.tag]));
            return op.revision === null ? rest : [...rest, { revision: op.revision, percent: 0, tag: op.tag }];
        }
        case 'untag':
            return withoutTags(clone(current), new Set(op.tags));
        case 'shift':
            return shift(pinLatest(current, latestReady), op.revision, op.percent, op.prevTag);
        case 'restore':
            return clone(op.traffic);
        case 'pin':
            return pinLatest(current, latestReady);
    }
}
/** Percent per resolved revision (LATEST resolved), for comparing what serves before and after. */
function servingShares(traffic, latestReady) {
    const shares = new Map();
    for (const t of traffic) {
        const rev = t.latest === true ? (latestReady ?? 'LATEST') : (t.revision ?? '?');
        if (t.percent > 0)
            shares.set(rev, (shares.get(rev) ?? 0) + t.percent);
    }
    return shares;
}

;// CONCATENATED MODULE: ./src/cloudrun/run-port.ts
/**
 * The only place that speaks the Cloud Run Admin API v2 (through @google-cloud/run): services, revisions,
 * traffic as a read-modify-write on the service's etag, and operation waits. Commands see `CloudRunPort`.
 */




const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';
const NOT_FOUND = 5;
/** Etag conflicts re-plan from fresh state this many times before giving up. */
const CONFLICT_ATTEMPTS = 12;
const shortName = (name) => (name ?? '').split('/').pop() ?? '';
/** Reads the API's traffic targets into the planner's shape. */
function toEntries(traffic) {
    return (traffic ?? []).map((t) => {
        const latest = t.type === LATEST || t.type === 1;
        const e = { percent: t.percent ?? 0 };
        if (latest)
            e.latest = true;
        else
            e.revision = shortName(t.revision);
        if (t.tag)
            e.tag = t.tag;
        return e;
    });
}
/** Writes planner entries back as API traffic targets. */
function toTargets(entries) {
    return entries.map((e) => ({
        type: e.latest === true ? LATEST : REVISION,
        ...(e.latest === true ? {} : { revision: e.revision }),
        percent: e.percent,
        ...(e.tag !== undefined ? { tag: e.tag } : {}),
    }));
}
/** The commands' view of a service. */
function serviceView(svc) {
    const tagUrls = {};
    for (const s of svc.trafficStatuses ?? [])
        if (s.tag && s.uri)
            tagUrls[s.tag] = s.uri;
    return {
        name: shortName(svc.name),
        uri: svc.uri ?? undefined,
        latestReadyRevision: shortName(svc.latestReadyRevision) || undefined,
        traffic: toEntries(svc.traffic),
        tagUrls,
    };
}
function readiness(rev) {
    const cond = (rev.conditions ?? []).find((c) => c.type === 'Ready');
    const state = String(cond?.state ?? '');
    if (state === 'CONDITION_SUCCEEDED' || state === '4')
        return { ready: true };
    if (state === 'CONDITION_FAILED' || state === '3')
        return { ready: false, message: cond?.message ?? undefined };
    return { ready: undefined };
}
function toSeconds(ts) {
    if (ts?.seconds === undefined || ts.seconds === null)
        return undefined;
    return new Date(Number(ts.seconds) * 1000);
}
/** The Cloud Run adapter for one service. */
function createCloudRunPort(config, log) {
    const options = googleClientOptions(process.env);
    const services = new src/* ServicesClient */.WF(options);
    const revisions = new src/* RevisionsClient */.Uy(options);
    const parent = `projects/${config.projectId}/locations/${config.region}`;
    const serviceName = `${parent}/services/${config.service}`;
    let calls = 0;
    const call = (fn) => withRetry(() => {
        calls++;
        return fn();
    }, {
        onRetry: (err, n, ms) => log(`transient Cloud Run error (${errorCode(err)}), retry ${n} in ${ms} ms`),
    });
    const getRaw = async () => {
        try {
            const [svc] = await call(() => services.getService({ name: serviceName }));
            return svc;
        }
        catch (err) {
            if (errorCode(err) === NOT_FOUND)
                return null;
            throw err;
        }
    };
    /** Waits for a long-running operation, retrying transient errors of the polls. */
    const waitOperation = async (op) => {
        const [result] = await op.promise();
        return result;
    };
    const template = (spec) => {
        const d = config.deploy;
        const env = [
            ...Object.entries(spec.env).map(([name, value]) => ({ name, value })),
            ...d.secrets.map((s) => ({
                name: s.env,
                valueSource: { secretKeyRef: { secret: s.secret, version: s.version } },
            })),
        ];
        const limits = {};
        if (d.cpu !== undefined)
            limits.cpu = d.cpu;
        if (d.memory !== undefined)
            limits.memory = d.memory;
        return {
            revision: spec.revisionName,
            labels: spec.labels,
            ...(d.minInstances !== undefined || d.maxInstances !== undefined
                ? { scaling: { minInstanceCount: d.minInstances, maxInstanceCount: d.maxInstances } }
                : {}),
            ...(d.concurrency !== undefined ? { maxInstanceRequestConcurrency: d.concurrency } : {}),
            ...(d.serviceAccount !== undefined ? { serviceAccount: d.serviceAccount } : {}),
            ...(d.requestTimeoutSec !== undefined ? { timeout: { seconds: d.requestTimeoutSec } } : {}),
            containers: [
                {
                    image: spec.image,
                    env,
                    ...(d.command !== undefined ? { command: d.command } : {}),
                    ...(d.args !== undefined ? { args: d.args } : {}),
                    ...(d.port !== undefined ? { ports: [{ containerPort: d.port }] } : {}),
                    resources: { limits, ...(d.cpuBoost !== undefined ? { startupCpuBoost: d.cpuBoost } : {}) },
                },
            ],
        };
    };
    /** Polls the revision's own Ready condition: a no-traffic revision never shows in latestReadyRevision. */
    const waitRevision = async (name) => {
        const deadline = Date.now() + config.timeoutMs;
        let delay = 250;
        for (;;) {
            const [rev] = await call(() => revisions.getRevision({ name: `${serviceName}/revisions/${name}` }));
            const r = readiness(rev);
            if (r.ready !== undefined)
                return { ready: r.ready, message: r.message };
            if (Date.now() > deadline)
                return { ready: false, message: `not ready within ${config.timeoutMs / 1000} s` };
            await new Promise((res) => setTimeout(res, delay));
            delay = Math.min(delay * 2, 3000);
        }
    };
    /**
     * One traffic change as a read-modify-write on the etag. A conflict re-reads and re-plans only this run's
     * operation, so ten concurrent previews all land their own tags.
     */
    const updateTraffic = async (op, withTemplate) => withRetry(async () => {
        const svc = await getRaw();
        if (svc === null)
            throw Object.assign(new Error(`Service ${config.service} not found`), { code: NOT_FOUND });
        const view = serviceView(svc);
        const traffic = toTargets(planTraffic(view.traffic, view.latestReadyRevision, op));
        const next = {
            name: serviceName,
            etag: svc.etag,
            template: withTemplate === undefined ? svc.template : template(withTemplate),
            traffic,
            labels: svc.labels,
            annotations: svc.annotations,
            ingress: svc.ingress,
            launchStage: svc.launchStage,
        };
        calls++;
        const [operation] = await services.updateService({ service: next });
        return waitOperation(operation);
    }, {
        attempts: CONFLICT_ATTEMPTS,
        baseMs: 100,
        maxMs: 2000,
        retryOn: (err) => CONFLICT_GRPC.has(errorCode(err) ?? -1) || isTransient(err),
        onRetry: (err, n, ms) => log(`service changed underneath (${errorCode(err)}): re-reading, attempt ${n + 1} in ${ms} ms`),
    });
    const afterUpdate = async () => {
        const svc = await getRaw();
        if (svc === null)
            throw new Error(`Service ${config.service} disappeared`);
        return serviceView(svc);
    };
    return {
        callCount: () => calls,
        async getService() {
            const svc = await getRaw();
            return svc === null ? null : serviceView(svc);
        },
        async deployPreview(spec, tag) {
            const existing = await getRaw();
            let serviceCreated = false;
            let previousRevision;
            let failure;
            if (existing === null) {
                log(`Service ${config.service} does not exist: creating it with this revision`);
                try {
                    calls++;
                    const [op] = await services.createService({
                        parent,
                        serviceId: config.service,
                        service: {
                            template: template(spec),
                            labels: { 'managed-by': 'gcp-deploy' },
                            traffic: toTargets([
                                { latest: true, percent: 100 },
                                { revision: spec.revisionName, percent: 0, tag },
                            ]),
                        },
                    });
                    await waitOperation(op);
                }
                catch (err) {
                    failure = err instanceof Error ? err.message : String(err);
                }
                serviceCreated = true;
            }
            else {
                const view = serviceView(existing);
                previousRevision = view.traffic.find((t) => t.tag === tag)?.revision;
                const already = view.traffic.some((t) => t.tag === tag && t.revision === spec.revisionName);
                if (already) {
                    log(`Tag ${tag} already points at ${spec.revisionName}: nothing to deploy (re-run of the same commit)`);
                }
                else {
                    // Reuse a revision that exists with this exact name (same PR, commit and settings): idempotent re-run.
                    const known = await revisionExists(spec.revisionName);
                    try {
                        await updateTraffic({ kind: 'preview', tag, revision: spec.revisionName }, known ? undefined : spec);
                    }
                    catch (err) {
                        if (CONFLICT_GRPC.has(errorCode(err) ?? -1) || isTransient(err))
                            throw err;
                        failure = err instanceof Error ? err.message : String(err);
                    }
                }
            }
            const state = await waitRevision(spec.revisionName).catch((err) => ({
                ready: false,
                message: failure ?? (err instanceof Error ? err.message : String(err)),
            }));
            const url = state.ready ? await waitForTagUrl(tag, spec.revisionName) : undefined;
            return {
                revision: spec.revisionName,
                url,
                ready: state.ready,
                message: state.message ?? failure,
                serviceCreated,
                previousRevision,
            };
        },
        async retag(tag, revision) {
            await updateTraffic({ kind: 'retag', tag, revision });
        },
        async untag(tags) {
            await updateTraffic({ kind: 'untag', tags });
        },
        async shiftTraffic(revision, percent, prevTag) {
            await updateTraffic({ kind: 'shift', revision, percent, prevTag });
            return afterUpdate();
        },
        async restoreTraffic(traffic) {
            await updateTraffic({ kind: 'restore', traffic });
        },
        async listRevisions(labels) {
            const [list] = await call(() => revisions.listRevisions({ parent: serviceName }));
            return list
                .filter((r) => Object.entries(labels).every(([k, v]) => r.labels?.[k] === v))
                .map((r) => ({
                name: shortName(r.name),
                labels: { ...(r.labels ?? {}) },
                image: r.containers?.[0]?.image ?? undefined,
                createTime: toSeconds(r.createTime),
                ready: readiness(r).ready === true,
            }));
        },
        async deleteRevision(name) {
            const [op] = await call(() => revisions.deleteRevision({ name: `${serviceName}/revisions/${name}` }));
            await waitOperation(op);
        },
        async deployUntagged(spec) {
            // A new template with traffic unchanged apart from pinning LATEST: production keeps serving what it did.
            let failure;
            try {
                await updateTraffic({ kind: 'pin' }, spec);
            }
            catch (err) {
                failure = err instanceof Error ? err.message : String(err);
            }
            const state = await waitRevision(spec.revisionName);
            return { revision: spec.revisionName, ready: state.ready, message: state.message ?? failure };
        },
    };
    /**
     * The tag's URL once the service's traffic statuses show the tag on this revision: statuses move only when
     * every revision named in traffic is ready, so a concurrent deploy of another PR can hold them back briefly.
     */
    async function waitForTagUrl(tag, revision) {
        const deadline = Date.now() + config.timeoutMs;
        let delay = 100;
        for (;;) {
            const svc = await getRaw();
            const status = (svc?.trafficStatuses ?? []).find((s) => s.tag === tag);
            if (status?.uri && shortName(status.revision) === revision)
                return status.uri;
            if (!(svc?.traffic ?? []).some((t) => t.tag === tag && shortName(t.revision) === revision))
                return undefined;
            if (Date.now() > deadline)
                return undefined;
            await new Promise((res) => setTimeout(res, delay));
            delay = Math.min(delay * 2, 2000);
        }
    }
    async function revisionExists(name) {
        try {
            await call(() => revisions.getRevision({ name: `${serviceName}/revisions/${name}` }));
            return true;
        }
        catch (err) {
            if (errorCode(err) === NOT_FOUND)
                return false;
            throw err;
        }
    }
}

// EXTERNAL MODULE: ./src/checks/index.ts + 38 modules
var checks = __webpack_require__(68787);
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




const repository_NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;
/** A UserError naming the permission and role that are missing, or undefined when `err` is no auth error. */
function permissionError(err, action, repository) {
    const code = grpcCode(err);
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
            if (grpcCode(err) !== repository_NOT_FOUND)
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
            if (grpcCode(err) === ALREADY_EXISTS)
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
            if (grpcCode(err) !== prune_NOT_FOUND)
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
        if (grpcCode(err) !== prune_NOT_FOUND)
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
        const code = grpcCode(err);
        if (code !== prune_NOT_FOUND && code !== FAILED_PRECONDITION)
            throw err;
    }
}

;// CONCATENATED MODULE: ./src/registry/index.ts






;// CONCATENATED MODULE: ./src/commands/image-port.ts




const DIGEST_REF = /@sha256:[0-9a-f]{64}$/;
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
                if (!DIGEST_REF.test(prebuilt)) {
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
        if (t.revision !== undefined && (t.percent > 0 || t.tag !== undefined))
            names.add(t.revision);
        if (t.latest === true && service?.latestReadyRevision !== undefined)
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
            traffic: planTraffic(service.traffic, service.latestReadyRevision, { kind: 'untag', tags }),
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
function mainRevision(service) {
    const serving = service.traffic.filter((t) => t.percent > 0);
    serving.sort((a, b) => b.percent - a.percent);
    const top = serving[0];
    return top?.revision ?? (top?.latest === true ? service.latestReadyRevision : undefined);
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
            const revision = target?.revision ?? (target?.latest === true ? service.latestReadyRevision : undefined);
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
    report.previousRevision = mainRevision(service);
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
    report.previousRevision = mainRevision(service);
    report.revision = prev;
    const rollbackConfig = { ...config, promote: { ...config.promote, canary: [100] } };
    return shiftWithChecks(rollbackConfig, prev, saved, service.tagUrls[config.promote.prevTag] ?? service.uri, report, ports);
}
function urlOfRevision(service, revision) {
    const tag = service.traffic.find((t) => t.revision === revision && t.tag !== undefined)?.tag;
    return tag === undefined ? undefined : service.tagUrls[tag];
}
async function shiftWithChecks(config, revision, saved, checkUrl, report, ports) {
    try {
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
    return fingerprint({
        deploy,
        build: { ...build, buildSecrets: Object.keys(build.buildSecrets) },
        tag: plan.tag,
    }).slice(0, 12);
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
        report.health = await timePhase(report, 'health', () => ports.checks.health(url));
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
    const tagFor = (pr) => previewTag({ template: config.tagTemplate, prNumber: pr, branch: ctx.headRef, service: config.service });
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
                revisionName: (settings) => previewRevisionName({
                    service: config.service,
                    prNumber: prNumber,
                    sha: ctx.headSha,
                    settingsHash: fingerprint(settings),
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
                const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
                prs = [...new Set([...prs, ...stalePullRequests(revisions, config.cleanup.staleMs, new Date())])];
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
