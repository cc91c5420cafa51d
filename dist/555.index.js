export const id = 555;
export const ids = [555];
export const modules = {

/***/ 61504:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Df: () => (/* binding */ idTokenHeaders),
/* harmony export */   Mj: () => (/* binding */ tokenPrincipal),
/* harmony export */   Q0: () => (/* binding */ audienceFor),
/* harmony export */   lU: () => (/* binding */ googleIdTokenProvider),
/* harmony export */   ym: () => (/* binding */ directFederationProblem)
/* harmony export */ });
/* unused harmony exports DIRECT_FEDERATION_MESSAGE, createGoogleIdTokenProvider */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(22156);
/**
 * Google ID tokens for private Cloud Run services (no allUsers invoker): the audience is the service URL.
 * The token only ever goes into an Authorization header; it is never logged.
 *
 * Every kind of credential the action can be given mints them, through google-auth-library:
 * - a service-account key, and the metadata server of a Google Cloud machine: the library's own clients;
 * - impersonated_service_account files: the library's Impersonated client (IAM Credentials generateIdToken);
 * - external_account files (Workload Identity Federation, what google-github-actions/auth writes) with a
 *   service account to impersonate: the federated token from STS calls generateIdToken for that account,
 *   which needs roles/iam.workloadIdentityUser for the federated principal on it. Direct federation (no
 *   service account) cannot mint ID tokens at all: refused up front by `directFederationProblem`.
 * Tokens are cached per audience and fetched again shortly before they expire, so checks that outlive a
 * token keep working.
 */



const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
/** The audience Cloud Run expects: the service URL's origin (no path, no query). */
function audienceFor(url) {
    return new URL(url).origin;
}
const DIRECT_FEDERATION_MESSAGE = 'The Google credentials are Workload Identity Federation without a service account (an external_account ' +
    "file with no service_account_impersonation_url), which cannot mint the ID tokens a private service's " +
    'checks need: add `service_account` to the google-github-actions/auth step (and grant its principal ' +
    'roles/iam.workloadIdentityUser on that service account), or use `access: public` where policy allows.';
/** Why the credentials file cannot mint ID tokens (direct federation), or undefined when it can or is absent. */
function directFederationProblem(env = process.env) {
    const path = env.GOOGLE_APPLICATION_CREDENTIALS;
    if (path === undefined || path === '')
        return undefined;
    let json;
    try {
        json = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined; // an unreadable file fails with the library's own message when used
    }
    return json.type === 'external_account' && !json.service_account_impersonation_url
        ? DIRECT_FEDERATION_MESSAGE
        : undefined;
}
/** The source of ID tokens for the Application Default Credentials `auth` finds. */
async function idTokenSource(auth) {
    const client = await auth.getClient();
    if (client instanceof google_auth_library__WEBPACK_IMPORTED_MODULE_1__.BaseExternalAccountClient) {
        const email = client.getServiceAccountEmail();
        if (email === null)
            throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(DIRECT_FEDERATION_MESSAGE);
        // The federated token itself asks for the service account's ID token (roles/iam.workloadIdentityUser),
        // as google-github-actions/auth does for its id_token output, rather than the impersonated token.
        const json = (auth.jsonContent ??
            JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(process.env.GOOGLE_APPLICATION_CREDENTIALS ?? '', 'utf8')));
        const { service_account_impersonation_url: _sa, ...federated } = json;
        const source = google_auth_library__WEBPACK_IMPORTED_MODULE_1__.ExternalAccountClient.fromJSON({ ...federated, scopes: [CLOUD_PLATFORM] });
        if (source === null)
            throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y('The external_account credentials file could not be read.');
        return new google_auth_library__WEBPACK_IMPORTED_MODULE_1__.Impersonated({ sourceClient: source, targetPrincipal: email, targetScopes: [CLOUD_PLATFORM] });
    }
    if ('fetchIdToken' in client && typeof client.fetchIdToken === 'function')
        return client;
    throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y('These Google credentials cannot mint ID tokens for private services: use google-github-actions/auth with a service account, a service-account key, or run on Google Cloud (metadata server).');
}
/** An ID token provider over Application Default Credentials: one refreshing client per audience. */
function createGoogleIdTokenProvider(auth = new google_auth_library__WEBPACK_IMPORTED_MODULE_1__.GoogleAuth({ scopes: [CLOUD_PLATFORM] })) {
    let source;
    const clients = new Map();
    return async (audience) => {
        source ??= idTokenSource(auth);
        let client = clients.get(audience);
        if (client === undefined) {
            client = new google_auth_library__WEBPACK_IMPORTED_MODULE_1__.IdTokenClient({ targetAudience: audience, idTokenProvider: await source });
            clients.set(audience, client);
        }
        const headers = await client.getRequestHeaders();
        return (headers.get('authorization') ?? '').replace(/^Bearer /, '');
    };
}
let shared;
/** The default provider: Application Default Credentials, shared by every check of the process. */
const googleIdTokenProvider = (audience) => {
    shared ??= createGoogleIdTokenProvider();
    return shared(audience);
};
/** An Authorization header carrying an ID token for the URL's service. */
async function idTokenHeaders(url, provider = googleIdTokenProvider) {
    const token = await provider(audienceFor(url));
    return { authorization: `Bearer ${token}` };
}
/** The email an ID token names, read without verifying it: only to say who was refused. */
function tokenPrincipal(token) {
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        const email = claims?.email;
        return typeof email === 'string' ? email : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 67070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L: () => (/* binding */ runSmoke)
});

// UNUSED EXPORTS: peakVUs

// EXTERNAL MODULE: ./node_modules/hdr-histogram-js/dist/index.js
var dist = __webpack_require__(32960);
// EXTERNAL MODULE: ./src/checks/metric-catalog.ts
var metric_catalog = __webpack_require__(9475);
;// CONCATENATED MODULE: ./src/checks/metrics.ts
/**
 * Metric sinks in k6's four types, with tag-filtered submetrics for thresholds.
 * Trends keep every sample (as k6 does) up to EXACT_SAMPLE_LIMIT, so percentiles are k6's: linear interpolation
 * between the two samples around the rank. Past the limit a trend moves its samples into an HDR histogram
 * (microseconds, 3 significant digits) and its percentiles become the histogram's, within 0.1 % of exact.
 * count, sum, min and max stay exact either way.
 */


/**
 * Samples a trend keeps exactly (8 bytes each: 2 MiB per trend). A smoke check sends hundreds to tens of
 * thousands of requests; a long load test past this many keeps memory flat in a histogram instead.
 */
const EXACT_SAMPLE_LIMIT = 262_144;
/**
 * k6's percentile of sorted samples (TrendSink.P): rank r = p/100 * (n - 1), linear interpolation between the
 * samples at floor(r) and ceil(r); 0 without samples, the sample itself with one. Pure.
 */
function interpolatedPercentile(sorted, n, p) {
    if (n === 0)
        return 0;
    if (n === 1)
        return sorted[0] ?? 0;
    const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    const a = sorted[lo] ?? 0;
    const b = sorted[hi] ?? a;
    return a + (b - a) * (rank - lo);
}
/** Values of one trend in milliseconds. */
class TrendSink {
    limit;
    type = 'trend';
    count = 0;
    sum = 0;
    min = Infinity;
    max = -Infinity;
    /** The exact samples while there are at most `limit` of them; undefined once in the histogram. */
    values;
    sorted = true;
    hist;
    constructor(limit = EXACT_SAMPLE_LIMIT) {
        this.limit = limit;
        this.values = new Float64Array(Math.min(64, limit));
    }
    add(ms) {
        this.count++;
        this.sum += ms;
        if (ms < this.min)
            this.min = ms;
        if (ms > this.max)
            this.max = ms;
        const values = this.values;
        if (values === undefined) {
            this.record(ms);
            return;
        }
        if (this.count > values.length) {
            if (this.count > this.limit) {
                this.toHistogram(values, this.count - 1);
                this.record(ms);
                return;
            }
            const grown = new Float64Array(Math.min(this.limit, values.length * 2));
            grown.set(values);
            this.values = grown;
            grown[this.count - 1] = ms;
        }
        else {
            values[this.count - 1] = ms;
        }
        this.sorted = false;
    }
    /** Whether percentiles are exact (k6's) or the histogram's. */
    get exact() {
        return this.values !== undefined;
    }
    /** The value at percentile p (0..100) in ms: k6's interpolation while exact, else the histogram's. */
    percentile(p) {
        if (this.count === 0)
            return 0;
        const values = this.values;
        if (values !== undefined) {
            const live = values.subarray(0, this.count);
            if (!this.sorted) {
                live.sort();
                this.sorted = true;
            }
            return interpolatedPercentile(live, this.count, p);
        }
        const v = (this.hist?.getValueAtPercentile(p) ?? 0) / 1000;
        return Math.min(this.max, Math.max(this.min, v));
    }
    avg() {
        return this.count === 0 ? 0 : this.sum / this.count;
    }
    toHistogram(values, n) {
        this.hist = dist/* build */.jq({
            lowestDiscernibleValue: 1,
            highestTrackableValue: 3_600_000_000,
            numberOfSignificantValueDigits: 3,
            autoResize: true,
        });
        for (let i = 0; i < n; i++)
            this.record(values[i] ?? 0);
        this.values = undefined;
    }
    record(ms) {
        this.hist?.recordValue(Math.max(1, Math.round(ms * 1000)));
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
    /** Samples added (a counter can receive zeros, so an empty one is not the same as sum 0). */
    samples = 0;
    add(v) {
        this.sum += v;
        this.samples++;
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
/** Whether a sink has received no sample (k6's Sink.IsEmpty). */
function isEmptySink(sink) {
    if (sink instanceof TrendSink)
        return sink.count === 0;
    if (sink instanceof RateSink)
        return sink.total === 0;
    if (sink instanceof CounterSink)
        return sink.samples === 0;
    return sink.max === -Infinity;
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
    /** Seconds of test time so far (or until stop()); 0 when no time has passed. */
    elapsedSeconds() {
        return Math.max(0, ((this.stoppedAt ?? performance.now()) - this.started) / 1000);
    }
    /** One aggregation of a sink, as a threshold reads it (see aggregateSink for null and undefined). */
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
/**
 * One aggregation of a sink. null where k6 has no value to compare (metrics/thresholds.go leaves the key out,
 * and the threshold passes): a rate with no samples, and a counter's per-second rate when no time has passed.
 * undefined when the sink's type has no such aggregation.
 */
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
    if (sink instanceof RateSink) {
        if (agg.kind !== 'rate')
            return undefined;
        return sink.total === 0 ? null : sink.rate();
    }
    if (sink instanceof CounterSink) {
        if (agg.kind === 'count')
            return sink.sum;
        if (agg.kind === 'rate')
            return elapsedSeconds > 0 ? sink.sum / elapsedSeconds : null;
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
            // k6's CounterSink.Rate: 0 when no time has passed.
            out[name] = { count: sink.sum, rate: secs > 0 ? round(sink.sum / secs) : 0 };
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
 * One threshold's outcome at the end of the test, by k6's rules (metrics/thresholds.go, Thresholds.Run):
 * - where k6 has no value to compare, the threshold passes and is left out of the verdict (`actual` is null):
 *   a rate that received no samples, and a counter's `rate` when no time has passed (k6 guards the division);
 * - a trend, counter or gauge without samples aggregates to 0 (avg, min, max, med, p(N), count, rate, value)
 *   and is compared like any other value, so `count>0` fails and `p(95)<500` passes on an empty one.
 * `actual` is also null, with ok false, when the registry has no such (sub)metric (a bug: parsing checks names).
 */
function evaluateThreshold(spec, registry) {
    const sink = registry.sink(spec.selector);
    const base = { metric: spec.selector.key, expression: spec.expression };
    const actual = sink === undefined ? undefined : registry.aggregate(sink, spec.aggregation);
    if (actual === null)
        return { ...base, actual: null, ok: true };
    if (actual === undefined)
        return { ...base, actual: null, ok: false };
    return { ...base, actual, ok: compare(actual, spec.operator, spec.value) };
}
/**
 * Whether a threshold takes part in a check made during the run (abortOnFail): k6 skips every metric whose
 * sink is still empty (metrics/engine: evaluateThresholds with ignoreEmptySinks), so a (sub)metric that has
 * received nothing yet can never abort the test.
 */
function evaluableDuringRun(spec, registry) {
    const sink = registry.sink(spec.selector);
    return sink !== undefined && !isEmptySink(sink);
}
/** All thresholds' outcomes, in the order they were written. */
function evaluateThresholds(specs, registry) {
    return specs.map((s) => evaluateThreshold(s, registry));
}

;// CONCATENATED MODULE: ./src/checks/abort-evaluator.ts

/** k6 evaluates thresholds for abortOnFail every 2 seconds. */
const ABORT_EVAL_PERIOD_MS = 2000;
/**
 * The abortOnFail thresholds that fail now, among those whose delay has passed after `elapsedMs` and whose
 * (sub)metric has samples (k6 ignores empty sinks while the test runs).
 */
function failingAbortThresholds(specs, registry, elapsedMs) {
    return specs.filter((s) => s.abortOnFail &&
        elapsedMs >= s.delayAbortEvalMs &&
        evaluableDuringRun(s, registry) &&
        !evaluateThreshold(s, registry).ok);
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

;// CONCATENATED MODULE: ./src/checks/auth-refresh.ts
/**
 * Credentials that outlive no check: a smoke run longer than an ID token's life asks for its Authorization
 * header again before the token in use expires (the provider hands back its cached token until it is near
 * expiry, then a fresh one), and every request from then on carries the new one.
 */
/** Asked at most this often (a provider that cannot say when its token expires is asked this often too). */
const MAX_PERIOD_MS = 30_000;
const MIN_PERIOD_MS = 250;
/** The `exp` (epoch ms) of the bearer JWT in `headers`, if it carries one. */
function bearerExpiryMs(headers) {
    const value = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    const jwt = /^Bearer\s+([\w-]+\.([\w-]+)\.[\w-]+)$/i.exec(value ?? '')?.[2];
    if (jwt === undefined)
        return undefined;
    try {
        const exp = JSON.parse(Buffer.from(jwt, 'base64url').toString('utf8')).exp;
        return typeof exp === 'number' ? exp * 1000 : undefined;
    }
    catch {
        return undefined;
    }
}
/** When to ask for the headers again (pure): halfway to the token's expiry, every 30 s at most. */
function nextAuthRefreshMs(headers, nowMs) {
    const exp = bearerExpiryMs(headers);
    if (exp === undefined)
        return MAX_PERIOD_MS;
    return Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, (exp - nowMs) / 2));
}
/**
 * Keeps `apply` fed with fresh headers from `fetch` until stopped: the first set before it resolves, then
 * each again before the last one's token expires. A failed refresh keeps the headers in use and tries again.
 */
async function keepHeadersFresh(fetch, apply, log = () => undefined) {
    let current = await fetch();
    apply(current);
    let timer;
    let stopped = false;
    const schedule = () => {
        timer = setTimeout(() => {
            void fetch()
                .then((next) => {
                if (stopped)
                    return;
                if (Object.entries(next).some(([k, v]) => current[k] !== v))
                    apply(next);
                current = next;
            })
                .catch((err) => log(`Could not refresh the checks' credentials: ${String(err)}`))
                .finally(() => {
                if (!stopped)
                    schedule();
            });
        }, nextAuthRefreshMs(current, Date.now()));
        timer.unref();
    };
    schedule();
    return {
        stop: () => {
            stopped = true;
            clearTimeout(timer);
        },
    };
}

// EXTERNAL MODULE: ./src/shared/sleep.ts
var sleep = __webpack_require__(47362);
;// CONCATENATED MODULE: ./src/checks/executors/context.ts
/** What every executor gets from the engine, and the small timing helpers they share. */


/** Waits for all work to settle, but at most gracefulMs (k6's gracefulStop), or until the run aborts. */
async function settleWithin(work, gracefulMs, signal) {
    const timeout = new AbortController();
    const onAbort = () => timeout.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
        await Promise.race([Promise.allSettled(work), (0,sleep/* sleep */.y)(gracefulMs, timeout.signal)]);
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
    await Promise.race([all, (0,sleep/* sleep */.y)(endAt - performance.now(), AbortSignal.any([early.signal, signal]))]);
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
            await (0,sleep/* sleep */.y)(wait, ctx.runSignal);
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
    await (0,sleep/* sleep */.y)(endAt - performance.now(), ctx.runSignal);
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
                await (0,sleep/* sleep */.y)(at - now, ctx.runSignal);
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

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(24371);
;// CONCATENATED MODULE: ./src/checks/error-codes.ts
/**
 * k6's error_code for a failed request (k6 docs, "Error codes"; lib/netext/httpext/error_codes.go), from the
 * codes Node and undici put on their errors. Responses with status >= 400 get 1000 + status (in http-runner).
 * Pure.
 */
/** k6's codes by the Node/undici error code that means the same failure. */
const BY_NODE_CODE = {
    // 1050: the request timed out
    UND_ERR_HEADERS_TIMEOUT: 1050,
    UND_ERR_BODY_TIMEOUT: 1050,
    // 1100 generic DNS error, 1101 no IP for the host
    EAI_AGAIN: 1100,
    EAI_FAIL: 1100,
    ENOTFOUND: 1101,
    EAI_NONAME: 1101,
    // 1201 broken pipe, 1210 dial error, 1211 dial timeout, 1212 dial refused, 1220 reset by peer
    EPIPE: 1201,
    EHOSTUNREACH: 1210,
    ENETUNREACH: 1210,
    EADDRNOTAVAIL: 1210,
    ETIMEDOUT: 1211,
    UND_ERR_CONNECT_TIMEOUT: 1211,
    ECONNREFUSED: 1212,
    ECONNRESET: 1220,
    // 1310 certificate by an unknown authority, 1311 certificate for another host name
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 1310,
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 1310,
    DEPTH_ZERO_SELF_SIGNED_CERT: 1310,
    SELF_SIGNED_CERT_IN_CHAIN: 1310,
    CERT_UNTRUSTED: 1310,
    ERR_TLS_CERT_ALTNAME_INVALID: 1311,
};
/** The k6 error_code of a network error; 1000 (k6's generic error) when no specific code fits. */
function errorCodeFor(err) {
    let cur = err;
    // undici wraps socket errors (e.g. "other side closed") with the system error as `cause`.
    for (let depth = 0; depth < 3 && typeof cur === 'object' && cur !== null; depth++) {
        const code = cur.code;
        if (typeof code === 'string') {
            const known = BY_NODE_CODE[code];
            if (known !== undefined)
                return known;
            // Other TLS failures: k6's TLS range (1300 is its generic TLS code).
            if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_'))
                return 1300;
        }
        cur = cur.cause;
    }
    return 1000;
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
    tls;
    origin;
    clients = new Set();
    prefix;
    host;
    abortedBy;
    /** `tls`: extra TLS options for https origins (tests pass a private CA here). */
    constructor(baseUrl, tls = {}) {
        this.tls = tls;
        const url = new URL(baseUrl);
        this.origin = url.origin;
        this.prefix = url.pathname.replace(/\/+$/, '');
        this.host = url.host;
    }
    /** The absolute URL of a request path (k6's `url` tag). */
    urlOf(path) {
        return this.origin + this.prefix + path;
    }
    get isHttps() {
        return this.origin.startsWith('https:');
    }
    /** A connection for one VU; it connects at its first request. */
    connection() {
        return new VuConnection(this);
    }
    /**
     * @internal A new undici Client for one VU's connection, closed by abortAll() and close(). Its connector is
     * undici's own, wrapped to time the connection's phases onto `timing` (k6's http_req_connecting and
     * http_req_tls_handshaking): the socket's 'lookup' (DNS done, when the host is a name), 'connect' (TCP up)
     * and the connector's callback (TLS done for https).
     */
    openClient(timing) {
        // Typed as returning unknown: undici's connector returns the socket, though its type says void.
        const base = (0,undici/* buildConnector */.gU)({
            ...this.tls,
            timeout: 10_000,
        });
        const connect = (opts, callback) => {
            const started = performance.now();
            let tcpFrom = started;
            let tcpAt = 0;
            const socket = base(opts, (...args) => {
                const end = performance.now();
                if (tcpAt === 0)
                    tcpAt = end;
                timing.connected(tcpAt - tcpFrom, end - tcpAt);
                callback(...args);
            });
            if (socket instanceof external_node_net_.Socket) {
                socket.once('lookup', () => (tcpFrom = performance.now()));
                socket.once('connect', () => (tcpAt = performance.now()));
            }
        };
        const client = new undici/* Client */.Kj(this.origin, {
            pipelining: 1,
            keepAliveTimeout: 30_000,
            keepAliveMaxTimeout: 600_000,
            connect,
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
    errorCode = 0;
    blockedMs = 0;
    connectingMs = 0;
    tlsHandshakingMs = 0;
    sendingMs = 0;
    waitingMs = 0;
    receivingMs = 0;
    durationMs = 0;
    bytesSent = 0;
    bytesReceived = 0;
    body = undefined;
    client;
    /** When the VU issued the request, a connection took it, it was written, and the response began. */
    issued = 0;
    t0 = 0;
    sentAt = 0;
    firstByteAt = 0;
    /** When the last request ended (performance.now()), for the VU to reuse as the end of its iteration. */
    endedAt = 0;
    chunks = undefined;
    kept = 0;
    /** A request is in flight: callbacks outside one are stray and ignored. */
    busy = false;
    onResult = () => undefined;
    report = () => this.onResult(this);
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
        this.issued = performance.now();
        this.status = 0;
        this.error = undefined;
        this.errorCode = 0;
        this.connectingMs = 0;
        this.tlsHandshakingMs = 0;
        this.sentAt = 0;
        this.firstByteAt = 0;
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
            this.client ??= this.runner.openClient(this);
            this.client.dispatch(req.dispatch, this);
        }
        catch (err) {
            this.onError(err);
        }
    }
    /** The connector's report for the connection this request opened (see HttpRunner.openClient). */
    connected(tcpMs, tlsMs) {
        if (!this.busy)
            return;
        this.connectingMs = tcpMs;
        this.tlsHandshakingMs = this.runner.isHttps ? tlsMs : 0;
    }
    onConnect() {
        this.t0 = performance.now();
    }
    /** undici calls this once the request (headers and body) is written to the socket. */
    onRequestSent() {
        this.sentAt = performance.now();
    }
    /** undici calls this when the first bytes of the response arrive (k6's GotFirstResponseByte). */
    onResponseStarted() {
        this.firstByteAt = performance.now();
    }
    /** Raw headers arrive as [name, value, name, value, ...] buffers; their size is what came over the wire. */
    onHeaders(statusCode, rawHeaders, _resume, statusText) {
        if (!this.busy)
            return false;
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
        this.finish({ message: describe(err), code: errorCodeFor(err) });
    }
    finish(error) {
        if (!this.busy)
            return;
        this.busy = false;
        const end = performance.now();
        this.endedAt = end;
        const t0 = this.t0;
        if (t0 === 0) {
            // A request that never got a connection spent no time blocked (it never got one), sending, waiting or
            // receiving; k6 reports 0 for those too. Its failed connect shows in connectingMs.
            this.blockedMs = this.sendingMs = this.waitingMs = this.receivingMs = this.durationMs = 0;
        }
        else {
            // Phases end where the next begins; one missing (an error midway) ends at the end of the request.
            const sent = this.sentAt === 0 ? end : this.sentAt;
            const first = this.firstByteAt === 0 ? end : Math.max(sent, this.firstByteAt);
            this.blockedMs = t0 - this.issued;
            this.sendingMs = sent - t0;
            this.waitingMs = first - sent;
            this.receivingMs = end - first;
            this.durationMs = end - t0;
        }
        if (error !== undefined) {
            this.status = 0;
            this.error = error.message;
            this.errorCode = error.code;
        }
        else if (this.status >= 400) {
            this.errorCode = 1000 + this.status;
        }
        if (this.chunks !== undefined)
            this.body = Buffer.concat(this.chunks).toString('utf8');
        // undici reports a failed connect from inside a loop over its queue that asserts the queue is empty after
        // it: the VU's next request must not be dispatched from in there, so a failure is reported a tick later.
        if (error !== undefined)
            queueMicrotask(this.report);
        else
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
    urlOf;
    scenarios = new Map();
    checkCounts = new Map();
    arrivalScenarios;
    constructor(registry, options, urlOf = (path) => path) {
        this.registry = registry;
        this.options = options;
        this.urlOf = urlOf;
        for (const r of options.requests)
            for (const c of r.checks)
                this.checkCounts.set(c.name, { name: c.name, passes: 0, fails: 0 });
        this.arrivalScenarios = new Set(options.scenarios.filter((s) => s.executor.endsWith('arrival-rate')).map((s) => s.name));
    }
    /** The recorder of one scenario (the same object for every VU of it). */
    forScenario(scenario) {
        let r = this.scenarios.get(scenario);
        if (r === undefined) {
            r = new ScenarioRecorder(this.registry, this.options, scenario, this.arrivalScenarios.has(scenario), (name) => this.countFor(name), this.urlOf);
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
/** The tags every sample of a scenario carries: the test-wide tags, then the scenario's own. */
function scenarioTags(options, scenario) {
    const own = options.scenarios.find((s) => s.name === scenario)?.tags ?? {};
    return { ...options.tags, ...own, scenario };
}
/** k6's group tag: '::name' inside a group, '' (the root group) outside. */
function groupTag(group) {
    return group === '' ? '' : `::${group}`;
}
/** One scenario's part of the recorder: series by request index and outcome, bound on first use. */
class ScenarioRecorder {
    registry;
    options;
    scenario;
    arrival;
    checkCount;
    urlOf;
    /** Per request: series by status for answered requests, by error text for failed ones. */
    series;
    groupDurations;
    iterationDuration;
    iterations;
    baseTags;
    constructor(registry, options, scenario, arrival, checkCount, urlOf) {
        this.registry = registry;
        this.options = options;
        this.scenario = scenario;
        this.arrival = arrival;
        this.checkCount = checkCount;
        this.urlOf = urlOf;
        this.series = options.requests.map(() => ({ byStatus: new Map(), byError: new Map() }));
        this.baseTags = scenarioTags(options, scenario);
        // An iteration runs in the root group.
        const tags = { ...this.baseTags, group: '' };
        this.iterationDuration = registry.bind('iteration_duration', tags);
        this.iterations = registry.bind('iterations', tags);
        // group_duration is recorded after the last request of each run of consecutive requests in one group.
        this.groupDurations = options.requests.map((r, i) => {
            const next = options.requests[i + 1];
            if (r.group === '' || next?.group === r.group)
                return undefined;
            return registry.bind('group_duration', { ...this.baseTags, group: groupTag(r.group) });
        });
    }
    /** Whether request `index` starts a group (a run of consecutive requests in one named group). */
    startsGroup(index) {
        const r = this.options.requests[index];
        return r !== undefined && r.group !== '' && this.options.requests[index - 1]?.group !== r.group;
    }
    /** Records a group's duration when request `index` is its last. */
    groupEnded(index, durationMs) {
        this.groupDurations[index]?.(durationMs);
    }
    /** Records one response of request `index` (its samples and its checks). */
    record(index, res, lagMs) {
        const bySeries = this.series[index];
        if (bySeries === undefined)
            return;
        let s;
        if (res.error === undefined) {
            s = bySeries.byStatus.get(res.status);
            if (s === undefined) {
                s = this.bindSeries(index, res);
                bySeries.byStatus.set(res.status, s);
            }
        }
        else {
            s = bySeries.byError.get(res.error);
            if (s === undefined) {
                s = this.bindSeries(index, res);
                bySeries.byError.set(res.error, s);
            }
        }
        const corrected = res.durationMs + lagMs;
        s.reqs(1);
        s.duration(corrected);
        s.uncorrected?.(res.durationMs);
        s.blocked(res.blockedMs);
        s.connecting(res.connectingMs);
        s.tls(res.tlsHandshakingMs);
        s.sending(res.sendingMs);
        s.waiting(res.waitingMs);
        s.receiving(res.receivingMs);
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
    bindSeries(index, res) {
        const spec = this.options.requests[index];
        if (spec === undefined)
            throw new Error(`no request ${index}`);
        const status = res.status;
        const expected = status !== 0 && this.options.expectedStatuses.some((e) => status >= e.min && status <= e.max);
        const tags = {
            ...this.baseTags,
            name: spec.name,
            method: spec.method,
            url: this.urlOf(spec.path),
            status: String(status),
            group: groupTag(spec.group),
            scenario: this.scenario,
            expected_response: expected ? 'true' : 'false',
            ...(res.error === undefined ? { proto: 'HTTP/1.1' } : { error: res.error }),
            ...(res.errorCode === 0 ? {} : { error_code: String(res.errorCode) }),
        };
        const bind = (metric) => this.registry.bind(metric, tags);
        return {
            reqs: bind('http_reqs'),
            duration: bind('http_req_duration'),
            blocked: bind('http_req_blocked'),
            connecting: bind('http_req_connecting'),
            tls: bind('http_req_tls_handshaking'),
            sending: bind('http_req_sending'),
            receiving: bind('http_req_receiving'),
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
                lines.push(`    ${t.ok ? '✓' : '✗'} '${t.expression}' ${label}=${t.actual === null ? 'n/a (no samples)' : formatValue(spec?.selector.name ?? metric, spec?.selector.type, t.actual)}`);
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
        if (isEmptySink(sink) && !key.includes('{'))
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
            return v === undefined ? undefined : `${s}=${(0,duration/* formatDuration */.a3)(v)}`;
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
        const rate = secs > 0 ? sink.sum / secs : 0; // k6 CounterSink.Rate: 0 before any time has passed
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
        return (0,duration/* formatDuration */.a3)(v);
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
    groupStarted = 0;
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
            if (this.recorder.startsGroup(this.index))
                this.groupStarted = performance.now();
            this.conn.send(req, this.onResult);
            return;
        }
        if (req === undefined && this.env.sleepMs > 0)
            (0,sleep/* sleepThen */.n)(this.env.sleepMs, this.env.signal, this.finish);
        else
            this.endIteration();
    }
    recordAndContinue(res) {
        // When interrupted, the response that was in flight is not counted.
        if (!this.env.interrupted()) {
            try {
                this.recorder.record(this.index, res, this.lagMs);
                this.recorder.groupEnded(this.index, this.conn.endedAt - this.groupStarted);
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
async function runSmoke(options, baseUrl, opts = {}) {
    const log = opts.log ?? (() => undefined);
    const registry = new MetricRegistry(options.thresholds.map((t) => t.selector));
    const http = new HttpRunner(baseUrl, opts.tls);
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
    const prepare = (auth) => options.requests.map((r) => http.prepare({
        ...r,
        headers: { ...extraHeaders, ...lowerKeys(auth), ...lowerKeys(r.headers) },
        keepBody: needsBody(r.checks),
    }));
    // Virtual users read their request from this array at each send: fresh credentials replace its entries.
    const prepared = [];
    const refresher = opts.authHeaders === undefined
        ? { stop: () => undefined }
        : await keepHeadersFresh(opts.authHeaders, (auth) => prepared.splice(0, prepared.length, ...prepare(auth)), log);
    if (opts.authHeaders === undefined)
        prepared.push(...prepare({}));
    const recorder = new ResponseRecorder(registry, options, (path) => http.urlOf(path));
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
            registry.add('vus_max', allocated, options.tags);
        },
        dropIteration: (scenario) => registry.add('dropped_iterations', 1, scenarioTags(options, scenario)),
    };
    const gauge = setInterval(() => registry.add('vus', active, options.tags), 1000);
    gauge.unref();
    const stopAbortEval = startAbortEvaluator(options.thresholds, registry, (failed) => {
        aborted = true;
        log(`Thresholds crossed with abortOnFail: ${failed.map((f) => `${f.selector.key} ${f.expression}`).join(', ')}; stopping.`);
        stop.abort();
    });
    try {
        const scenarios = options.scenarios.map((s) => `${s.name} (${s.executor})`).join(', ');
        for (const notice of options.notices)
            log(`Notice: ${notice}`);
        log(`Running ${scenarios} against ${baseUrl} with up to ${peakVUs(options)} VUs`);
        registry.add('vus', 0, options.tags);
        await Promise.all(options.scenarios.map(async (s) => {
            await (0,sleep/* sleep */.y)(s.startTime, stop.signal);
            if (!stop.signal.aborted)
                await runScenario(s, ctx);
        }));
    }
    finally {
        closed = true;
        refresher.stop();
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


/***/ }),

/***/ 96555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSmokeCli: () => (/* binding */ runSmokeCli)
/* harmony export */ });
/* unused harmony exports EXIT_OK, EXIT_THRESHOLDS_FAILED, EXIT_BAD_INPUT, parseSmokeArgs */
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22156);
/* harmony import */ var _id_token_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61504);
/* harmony import */ var _load_engine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67070);
/* harmony import */ var _smoke_options_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(81079);
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
                throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput(flag, '', `${flag} needs a value; ${USAGE}`);
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
                    throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('--auth', v, "allowed: 'none', 'id-token'");
                out.auth = v;
                break;
            }
            default:
                throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('smoke', arg, `unknown argument; ${USAGE}`);
        }
    }
    if (out.url === undefined)
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('--url', '', `required; ${USAGE}`);
    let parsed;
    try {
        parsed = new URL(out.url);
    }
    catch {
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('--url', out.url, 'an http:// or https:// URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('--url', out.url, 'an http:// or https:// URL');
    if (out.config === undefined)
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('--config', '', `required; ${USAGE}`);
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
        options = (0,_smoke_options_js__WEBPACK_IMPORTED_MODULE_3__/* .loadSmokeOptions */ .u)(args.config, '--config');
    }
    catch (err) {
        if (!(err instanceof _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y))
            throw err;
        io.stderr(`${err.message}\n`);
        return EXIT_BAD_INPUT;
    }
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    process.once('SIGINT', onSigint);
    try {
        const outcome = await (0,_load_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .runSmoke */ .L)(options, args.url, {
            ...(args.auth === 'id-token' ? { authHeaders: () => (0,_id_token_js__WEBPACK_IMPORTED_MODULE_1__/* .idTokenHeaders */ .Df)(args.url) } : {}),
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
        io.stderr(`smoke: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(err)}\n`);
        return err instanceof _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y ? EXIT_BAD_INPUT : 1;
    }
    finally {
        process.removeListener('SIGINT', onSigint);
    }
}


/***/ })

};
