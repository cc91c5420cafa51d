export const id = 71;
export const ids = [71,362];
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

/***/ 56920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PROXY_USAGE: () => (/* binding */ PROXY_USAGE),
  cachedProvider: () => (/* binding */ cachedProvider),
  parseProxyArgs: () => (/* binding */ parseProxyArgs),
  resolveProxyTarget: () => (/* binding */ resolveProxyTarget),
  runProxyCli: () => (/* binding */ runProxyCli),
  startInvokeProxy: () => (/* binding */ startInvokeProxy)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: ./src/checks/id-token.ts
var id_token = __webpack_require__(61504);
// EXTERNAL MODULE: ./src/cloudrun/cloud-run-service.ts
var cloud_run_service = __webpack_require__(82041);
// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(77593);
// EXTERNAL MODULE: ./src/cli/inputs.ts
var inputs = __webpack_require__(78885);
;// CONCATENATED MODULE: ./src/cli/interrupt.ts
/**
 * Resolves at the first SIGINT or SIGTERM (Ctrl-C, or a supervisor stopping the process), or when any of
 * `also` settles, whichever comes first; the signal listeners go with it, so a later Ctrl-C is the process's
 * own again. For the commands that serve until stopped: the emulator, the proxy, the demo's --keep.
 */
function untilInterrupted(...also) {
    return new Promise((resolve) => {
        const done = () => {
            process.removeListener('SIGINT', done);
            process.removeListener('SIGTERM', done);
            resolve();
        };
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
        for (const p of also)
            void p.then(done, done);
    });
}

;// CONCATENATED MODULE: ./src/cli/proxy.ts
/**
 * `gcp-deploy proxy`: opens a private Cloud Run service (or one of its tags) on localhost, the way
 * `gcloud run services proxy` does, without gcloud. Each request is forwarded with an ID token for the
 * service from Application Default Credentials (src/checks/id-token.ts, the checks' own token path), so a
 * browser or curl reaches a preview that answers 403 to anonymous callers. Works against Cloud Run and the
 * local emulator alike (GCP_DEPLOY_EMULATOR_HOST points the lookup of the tag URL there).
 */







const PROXY_USAGE = 'usage: gcp-deploy proxy (--service NAME [--tag TAG] --project-id P --region R | --url URL) [--port 8080] [--host 127.0.0.1]';
const FLAGS = ['url', 'service', 'tag', 'project-id', 'region', 'port', 'host'];
/** Parses `proxy` flags; --project-id and --region also come from GCP_DEPLOY_PROJECT_ID / GCP_DEPLOY_REGION. */
function parseProxyArgs(argv, env = {}) {
    const flags = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        const eq = arg.indexOf('=');
        const name = (eq > 0 ? arg.slice(0, eq) : arg).replace(/^--/, '');
        if (!arg.startsWith('--') || !FLAGS.includes(name)) {
            throw new cli_args/* UsageError */.eb(`unknown argument '${arg}' for proxy; ${PROXY_USAGE}`);
        }
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '')
            throw new cli_args/* UsageError */.eb(`flag '--${name}' needs a value`);
        if (flags[name] !== undefined)
            throw new cli_args/* UsageError */.eb(`flag '--${name}' given twice`);
        flags[name] = value;
    }
    const port = Number(flags.port ?? '8080');
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new cli_args/* UsageError */.eb(`--port: got "${flags.port}"; allowed: a port number 0-65535 (0 picks a free one)`);
    }
    const out = { port, host: flags.host ?? '127.0.0.1' };
    if (flags.url !== undefined) {
        if (flags.service !== undefined || flags.tag !== undefined) {
            throw new cli_args/* UsageError */.eb('--url and --service/--tag name the target twice; give one of them');
        }
        let url;
        try {
            url = new URL(flags.url);
        }
        catch {
            throw new cli_args/* UsageError */.eb(`--url: got "${flags.url}"; allowed: an http(s) URL of a Cloud Run service`);
        }
        if (!/^https?:$/.test(url.protocol)) {
            throw new cli_args/* UsageError */.eb(`--url: got "${flags.url}"; allowed: an http(s) URL of a Cloud Run service`);
        }
        return { ...out, url: url.href };
    }
    if (flags.service === undefined)
        throw new cli_args/* UsageError */.eb(`proxy needs --service or --url; ${PROXY_USAGE}`);
    const projectId = flags['project-id'] ?? env[(0,inputs/* envOf */.B_)('project_id')];
    const region = flags.region ?? env[(0,inputs/* envOf */.B_)('region')];
    if (projectId === undefined || projectId === '' || region === undefined || region === '') {
        throw new cli_args/* UsageError */.eb(`proxy --service needs --project-id and --region (or ${(0,inputs/* envOf */.B_)('project_id')} and ${(0,inputs/* envOf */.B_)('region')})`);
    }
    return {
        ...out,
        service: flags.service,
        projectId,
        region,
        ...(flags.tag !== undefined ? { tag: flags.tag } : {}),
    };
}
/** The URL to forward to: the one given, or the service's (or its tag's) URL read from Cloud Run. */
async function resolveProxyTarget(args, env) {
    if (args.url !== undefined)
        return args.url;
    const api = new cloud_run_service/* CloudRunService */.mR({
        project: args.projectId,
        region: args.region,
        env,
    });
    try {
        const svc = await api.getService(args.service);
        const where = `in project ${args.projectId}, region ${args.region}`;
        if (svc === null)
            throw new cli_args/* UsageError */.eb(`service ${args.service} not found ${where}`);
        if (args.tag === undefined) {
            if (svc.uri === undefined)
                throw new cli_args/* UsageError */.eb(`service ${args.service} has no URL yet ${where}`);
            return svc.uri;
        }
        const url = svc.tagUrls[args.tag];
        if (url === undefined) {
            const tags = Object.keys(svc.tagUrls);
            throw new cli_args/* UsageError */.eb(`tag ${args.tag} not found on service ${args.service}; its tags: ${tags.length > 0 ? tags.join(', ') : 'none'}`);
        }
        return url;
    }
    finally {
        await api.close();
    }
}
/** Seconds since the epoch at which a JWT expires, read without verifying it (only to know when to renew). */
function expiry(token) {
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return typeof claims.exp === 'number' ? claims.exp : undefined;
    }
    catch {
        return undefined;
    }
}
/** One token per audience, renewed a minute before it expires (ID tokens live an hour). */
function cachedProvider(provider, now = () => Date.now()) {
    const cache = new Map();
    return async (audience) => {
        const hit = cache.get(audience);
        if (hit !== undefined && now() < hit.renewAt)
            return hit.token;
        const token = await provider(audience);
        const exp = expiry(token);
        cache.set(audience, { token, renewAt: exp === undefined ? 0 : exp * 1000 - 60_000 });
        return token;
    };
}
/** Headers that belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set([
    'connection',
    'keep-alive',
    'proxy-authenticate',
    'proxy-authorization',
    'te',
    'trailer',
    'transfer-encoding',
    'upgrade',
    'host',
    'authorization',
]);
/** Starts the proxy: every request goes to `target` (same path and query) with an ID token for it. */
async function startInvokeProxy(target, opts = {}) {
    const base = new URL(target);
    const audience = (0,id_token/* audienceFor */.Q0)(target);
    const tokens = cachedProvider(opts.provider ?? id_token/* googleIdTokenProvider */.lU);
    const log = opts.log ?? (() => undefined);
    const send = base.protocol === 'https:' ? external_node_https_.request : external_node_http_.request;
    const forward = async (req, res) => {
        let token;
        try {
            token = await tokens(audience);
        }
        catch (err) {
            const why = `could not get an ID token for ${audience} from Application Default Credentials: ${err instanceof Error ? err.message : String(err)}`;
            log(why);
            res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`gcp-deploy proxy: ${why}\n`);
            return;
        }
        const headers = {};
        for (const [k, v] of Object.entries(req.headers))
            if (v !== undefined && !HOP_BY_HOP.has(k))
                headers[k] = v;
        headers.authorization = `Bearer ${token}`;
        const path = `${base.pathname.replace(/\/$/, '')}${req.url ?? '/'}`;
        const upstream = send({
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            method: req.method,
            path,
            headers,
        }, (answer) => {
            const out = {};
            for (const [k, v] of Object.entries(answer.headers))
                if (v !== undefined && !HOP_BY_HOP.has(k))
                    out[k] = v;
            res.writeHead(answer.statusCode ?? 502, out);
            answer.pipe(res);
            log(`${req.method} ${req.url} -> ${answer.statusCode}`);
        });
        upstream.on('error', (err) => {
            log(`${req.method} ${req.url} -> ${err.message}`);
            if (!res.headersSent)
                res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
            res.end(`gcp-deploy proxy: ${target} did not answer: ${err.message}\n`);
        });
        req.pipe(upstream);
    };
    const server = (0,external_node_http_.createServer)((req, res) => void forward(req, res));
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', resolve);
    });
    const { port } = server.address();
    const host = opts.host ?? '127.0.0.1';
    return {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        target,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}
/** `gcp-deploy proxy ...`: runs until SIGINT or SIGTERM. */
async function runProxyCli(argv, env, io) {
    let args;
    try {
        args = parseProxyArgs(argv, env);
    }
    catch (err) {
        io.stderr(`gcp-deploy: ${err instanceof Error ? err.message : String(err)}\n`);
        return 2;
    }
    let target;
    try {
        target = await resolveProxyTarget(args, env);
    }
    catch (err) {
        io.stderr(`gcp-deploy proxy: ${err instanceof Error ? err.message : String(err)}\n`);
        return err instanceof cli_args/* UsageError */.eb ? 2 : 1;
    }
    const proxy = await startInvokeProxy(target, {
        port: args.port,
        host: args.host,
        log: (line) => io.stderr(`${line}\n`),
    });
    io.stdout(`Proxying ${proxy.url} -> ${target}, each request with an ID token from Application Default Credentials.\n` +
        `Open ${proxy.url}/ in a browser or with curl; Ctrl-C stops.\n`);
    await untilInterrupted();
    await proxy.close();
    return 0;
}


/***/ }),

/***/ 11440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rC: () => (/* binding */ artifactRegistryClient),
/* harmony export */   s1: () => (/* binding */ clientOptions),
/* harmony export */   vn: () => (/* binding */ cloudRunClients)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _google_cloud_artifact_registry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34192);
/* harmony import */ var _google_cloud_run__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(89475);
/* harmony import */ var _grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83033);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_5__);
/**
 * Every Google client of the action is built from `clientOptions`, so one variable
 * (GCP_DEPLOY_EMULATOR_HOST) points Cloud Run, Artifact Registry and Secret Manager at the local emulator.
 */






const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
/**
 * Client options: `{}` (Application Default Credentials and Google's endpoints) unless
 * GCP_DEPLOY_EMULATOR_HOST=host:port names the emulator. Then the channel is what google-gax builds for
 * Google itself, TLS plus call credentials from Application Default Credentials, with two differences: TLS
 * trusts the emulator's CA (GCP_DEPLOY_EMULATOR_CA, a PEM file) and the endpoint is the emulator's. The same
 * credentials file therefore speaks for the same principal, and the emulator checks its permissions.
 * `auth` replaces Application Default Credentials (tests give each client its own principal).
 */
function clientOptions(env = process.env, auth) {
    const hostPort = env.GCP_DEPLOY_EMULATOR_HOST;
    if (hostPort === undefined || hostPort === '')
        return {};
    const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(hostPort);
    const port = Number(m?.[2]);
    if (!m?.[1] || !(port >= 1 && port <= 65535)) {
        throw new Error(`GCP_DEPLOY_EMULATOR_HOST must be host:port, got ${JSON.stringify(hostPort)}`);
    }
    const caPath = env.GCP_DEPLOY_EMULATOR_CA;
    if (caPath === undefined || caPath === '') {
        throw new Error('GCP_DEPLOY_EMULATOR_CA must name the emulator CA certificate (a PEM file) when GCP_DEPLOY_EMULATOR_HOST is set: the emulator serves TLS, as Google does. `gcp-deploy emulator` prints both.');
    }
    let ca;
    try {
        ca = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(caPath);
    }
    catch (err) {
        throw new Error(`GCP_DEPLOY_EMULATOR_CA: cannot read ${caPath} (${err.message})`, {
            cause: err,
        });
    }
    // What each generated client does to the GoogleAuth it makes: a key file signs its own JWT (no token
    // exchange), other credentials fetch access tokens. google-gax attaches no credentials when given
    // sslCreds, so they are combined here exactly as gax combines them for Google.
    const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
    const googleAuth = new google_auth_library__WEBPACK_IMPORTED_MODULE_5__.GoogleAuth({
        scopes: [CLOUD_PLATFORM],
        // The credentials of the environment given (process.env unless a caller passes another).
        ...(keyFile ? { keyFilename: keyFile } : {}),
        ...auth,
    });
    googleAuth.useJWTAccessWithScope = true;
    return {
        apiEndpoint: m[1],
        port,
        sslCreds: _grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__.credentials.combineChannelCredentials(_grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__.credentials.createSsl(ca), _grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__.credentials.createFromGoogleCredential({
            // grpc-js reads a plain object of headers, not the Headers google-auth-library returns (as in gax).
            getRequestHeaders: async (url) => {
                const headers = await googleAuth.getRequestHeaders(url);
                const plain = {};
                headers.forEach((value, key) => (plain[key] = value));
                return plain;
            },
        })),
        // Naming the universe spares the GCE metadata probe (and its warning) off Google Cloud.
        universeDomain: 'googleapis.com',
        // TLS names no server by IP (RFC 6066); the emulator's certificate names localhost as well as 127.0.0.1.
        ...((0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(m[1].replace(/^\[|\]$/g, '')) !== 0 ? { 'grpc.ssl_target_name_override': 'localhost' } : {}),
    };
}
/** Cloud Run clients for this environment. */
function cloudRunClients(env = process.env) {
    const options = clientOptions(env);
    const services = new _google_cloud_run__WEBPACK_IMPORTED_MODULE_3__/* .ServicesClient */ .WF(options);
    const revisions = new _google_cloud_run__WEBPACK_IMPORTED_MODULE_3__/* .RevisionsClient */ .Uy(options);
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
    return new _google_cloud_artifact_registry__WEBPACK_IMPORTED_MODULE_2__/* .ArtifactRegistryClient */ .DA(clientOptions(env));
}


/***/ }),

/***/ 96104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Vq: () => (/* binding */ GRPC),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   dh: () => (/* binding */ isConflict),
/* harmony export */   vu: () => (/* binding */ isRefusal)
/* harmony export */ });
/* unused harmony exports TRANSIENT_GRPC, CONFLICT_GRPC, backoffDelay */
/* harmony import */ var _shared_sleep_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(47362);
/**
 * Retries of transient Google API errors: exponential backoff with full jitter, bounded in attempts and in
 * total time. Permanent errors (bad argument, permission, not found, precondition) fail at once.
 */

/** gRPC status codes used by the adapters. */
const GRPC = {
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    ALREADY_EXISTS: 6,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    ABORTED: 10,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    UNAUTHENTICATED: 16,
};
/** A refusal of the caller (no valid credentials, or a missing permission): nothing was done, nothing to settle. */
function isRefusal(err) {
    const code = errorCode(err);
    return code === GRPC.PERMISSION_DENIED || code === GRPC.UNAUTHENTICATED;
}
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
const realSleep = (ms) => (0,_shared_sleep_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y)(ms);
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


/***/ }),

/***/ 47362:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ sleepThen),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** The one abortable wait: retries, operation polls and the load engine's pacing all sleep through it. */
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
/** Resolves after ms, or at once when the signal aborts (the caller then checks it). */
function sleep(ms, signal) {
    return new Promise((resolve) => sleepThen(ms, signal, resolve));
}


/***/ })

};
