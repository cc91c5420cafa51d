/**
 * Serves the IdentityAuthority where google-auth-library looks for it. The library posts service-account
 * assertions to https://oauth2.googleapis.com/token whatever the key file's token_uri says, so the emulator
 * is an HTTPS proxy (HTTPS_PROXY) that answers CONNECTs to Google's identity hosts itself, under a
 * certificate from its own CA (NODE_EXTRA_CA_CERTS), and refuses to tunnel anywhere else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IamCredentials, RestAnswer } from './iam-credentials.js';
import { permissionDenied, restError, serviceAccountResource } from './iam-credentials.js';
import { serviceAccountProject } from './control-plane-auth.js';
import type { IamStore } from './iam-store.js';
import type { IdentityAuthority } from './identity.js';
import { allowed } from './principals.js';
import { IamError, type WorkloadIdentity } from './workload-identity.js';
import { issueTlsCertificates } from './x509.js';

/** The hosts answered in place of Google. */
export const IDENTITY_HOSTS = [
  'oauth2.googleapis.com',
  'www.googleapis.com',
  'sts.googleapis.com',
  'iamcredentials.googleapis.com',
  'iam.googleapis.com',
  'logging.googleapis.com',
];

/** Google's identity services behind the hosts above. */
export interface IdentityServices {
  authority: IdentityAuthority;
  federation: WorkloadIdentity;
  credentials: IamCredentials;
  /** Project-level grants: who may manage pools and providers. */
  iam: IamStore;
  /** A Cloud Run job task's log by task name (Cloud Logging's entries:list reads it). */
  taskLog?: (taskName: string) => string | undefined;
}

/** A running identity front: the proxy URL and the CA file a client must trust. */
export interface IdentityServer {
  proxyUrl: string;
  caCertPath: string;
  /**
   * The CA and a leaf it signed for 127.0.0.1 and localhost (as well as Google's identity hosts): the
   * emulator's gRPC control plane serves TLS with it, as Google's APIs do, so clients send call credentials.
   */
  tls: { caCert: string; cert: string; key: string };
  /** The environment a process needs to reach it: HTTPS_PROXY (loopback excepted) and the CA. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** A JSON body, or {} when there is none (a malformed one is answered 400 by the caller). */
function parseJson(text: string): Record<string, unknown> {
  return text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** STS takes the token exchange's fields form-encoded or as JSON (google-auth-library sends a form). */
function stsFields(req: IncomingMessage, text: string): Record<string, string | undefined> {
  if ((req.headers['content-type'] ?? '').includes('json')) {
    const j = parseJson(text);
    const camel = (k: string): string => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const keys = [
      'grant_type',
      'audience',
      'scope',
      'requested_token_type',
      'subject_token',
      'subject_token_type',
    ];
    return Object.fromEntries(keys.map((k) => [k, (j[k] ?? j[camel(k)]) as string | undefined]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const SA_METHOD = /^\/v1\/projects\/[^/]+\/serviceAccounts\/([^/:]+):([A-Za-z]+)$/;
const POOLS = /^\/v1\/(projects\/[^/]+\/locations\/global)\/workloadIdentityPools$/;
const PROVIDERS = /^\/v1\/(projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+)\/providers$/;
const POOL_OR_PROVIDER =
  /^\/v1\/(projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+(\/providers\/[^/]+)?)$/;

/** iam.googleapis.com: pools and providers (created at once: the operation is answered done). */
function iamAnswer(g: IdentityServices, req: IncomingMessage, url: URL, text: string): RestAnswer {
  const token = g.authority.tokens.verify(bearer(req));
  if (!token.ok) return restError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
  const path = url.pathname;
  const sa = SA_METHOD.exec(path);
  if (sa?.[1] && req.method === 'POST') {
    const email = decodeURIComponent(sa[1]);
    if (sa[2] === 'getIamPolicy') return g.credentials.getIamPolicy(bearer(req), email);
    if (sa[2] === 'setIamPolicy') return g.credentials.setIamPolicy(bearer(req), email, parseJson(text));
    if (sa[2] === 'testIamPermissions') {
      // Any caller may ask which of the permissions it holds on the account: its own policy, its project's.
      const asked = (parseJson(text) as { permissions?: unknown }).permissions;
      const wanted = Array.isArray(asked) ? asked.filter((p): p is string => typeof p === 'string') : [];
      const bindings = [
        ...g.iam.effective(serviceAccountResource(email)),
        ...g.iam.effective(`projects/${serviceAccountProject(email, g.federation.projects)}`),
      ];
      const held = wanted.filter((p) => allowed(bindings, token.issued.principal, p));
      return { status: 200, body: held.length > 0 ? { permissions: held } : {} };
    }
  }
  const principal = token.issued.principal;
  /** The project-level check IAM makes; undefined when the caller may. */
  const refuse = (permission: string, resource: string): RestAnswer | undefined => {
    const project = g.federation.projects.id(/^projects\/([^/]+)/.exec(resource)?.[1] ?? '');
    return allowed(g.iam.effective(`projects/${project}/workloadIdentityPools`), principal, permission)
      ? undefined
      : permissionDenied(permission, resource);
  };
  try {
    const pools = POOLS.exec(path);
    if (pools?.[1] && req.method === 'POST') {
      const denied = refuse('iam.workloadIdentityPools.create', pools[1]);
      if (denied !== undefined) return denied;
      const pool = g.federation.createPool(
        pools[1],
        url.searchParams.get('workloadIdentityPoolId') ?? '',
        parseJson(text),
      );
      return { status: 200, body: { name: `${pool.name}/operations/create`, done: true, response: pool } };
    }
    const providers = PROVIDERS.exec(path);
    if (providers?.[1] && req.method === 'POST') {
      const denied = refuse('iam.workloadIdentityPoolProviders.create', providers[1]);
      if (denied !== undefined) return denied;
      const provider = g.federation.createProvider(
        providers[1],
        url.searchParams.get('workloadIdentityPoolProviderId') ?? '',
        parseJson(text) as never,
      );
      return {
        status: 200,
        body: { name: `${provider.name}/operations/create`, done: true, response: provider },
      };
    }
    const one = POOL_OR_PROVIDER.exec(path);
    if (one?.[1] && req.method === 'GET') {
      const denied = refuse(
        one[2] ? 'iam.workloadIdentityPoolProviders.get' : 'iam.workloadIdentityPools.get',
        one[1],
      );
      if (denied !== undefined) return denied;
      return { status: 200, body: one[2] ? g.federation.provider(one[1]) : g.federation.pool(one[1]) };
    }
  } catch (err) {
    if (err instanceof IamError) return restError(err.httpStatus, err.status, err.message);
    throw err;
  }
  return restError(404, 'NOT_FOUND', `${req.method ?? ''} ${path} is not emulated`);
}

/**
 * logging.googleapis.com entries:list for Cloud Run job tasks: the filter Cloud Run's console uses for one
 * task (job_name, location, execution_name, task_index) selects its log lines, one entry per line. The
 * caller needs logging.logEntries.list on the project.
 */
function loggingAnswer(g: IdentityServices, req: IncomingMessage, text: string): RestAnswer {
  const token = g.authority.tokens.verify(bearer(req));
  if (!token.ok) return restError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
  const body = parseJson(text) as {
    resourceNames?: string[];
    filter?: string;
    orderBy?: string;
    pageSize?: number;
  };
  const project = /^projects\/([^/]+)$/.exec(body.resourceNames?.[0] ?? '')?.[1];
  if (project === undefined)
    return restError(400, 'INVALID_ARGUMENT', 'resourceNames: one projects/PROJECT is required.');
  if (
    !allowed(g.iam.effective(`projects/${project}/logs`), token.issued.principal, 'logging.logEntries.list')
  )
    return permissionDenied('logging.logEntries.list', `projects/${project}`);
  const field = (re: RegExp): string | undefined => re.exec(body.filter ?? '')?.[1];
  const job = field(/resource\.labels\.job_name\s*=\s*"([^"]+)"/);
  const location = field(/resource\.labels\.location\s*=\s*"([^"]+)"/);
  const execution = field(/labels\."run\.googleapis\.com\/execution_name"\s*=\s*"([^"]+)"/);
  const index = field(/labels\."run\.googleapis\.com\/task_index"\s*=\s*"(\d+)"/);
  if (
    !/resource\.type\s*=\s*"cloud_run_job"/.test(body.filter ?? '') ||
    !job ||
    !location ||
    !execution ||
    !index
  )
    return { status: 200, body: {} };
  const task = `projects/${project}/locations/${location}/jobs/${job}/executions/${execution}/tasks/${execution}-task${index}`;
  const lines = (g.taskLog?.(task) ?? '').split('\n').filter((l) => l !== '');
  const now = Date.now();
  const entries = lines.map((line, i) => ({
    logName: `projects/${project}/logs/run.googleapis.com%2Fstdout`,
    resource: { type: 'cloud_run_job', labels: { job_name: job, location, project_id: project } },
    labels: { 'run.googleapis.com/execution_name': execution, 'run.googleapis.com/task_index': index },
    textPayload: line,
    timestamp: new Date(now - (lines.length - i)).toISOString(),
  }));
  if (/timestamp\s+desc/i.test(body.orderBy ?? '')) entries.reverse();
  const size = body.pageSize && body.pageSize > 0 ? body.pageSize : 50;
  return { status: 200, body: entries.length > 0 ? { entries: entries.slice(0, size) } : {} };
}

function identityHandler(g: IdentityServices) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async (): Promise<void> => {
      const host = (req.headers.host ?? '').split(':')[0];
      const url = new URL(req.url ?? '/', 'https://x');
      const path = url.pathname;
      const text = req.method === 'POST' ? await readBody(req) : '';
      if (host === 'oauth2.googleapis.com' && req.method === 'POST' && path === '/token') {
        const answer = g.authority.exchange(new URLSearchParams(text));
        return json(res, answer.status, answer.body);
      }
      if (host === 'www.googleapis.com' && req.method === 'GET' && path === '/oauth2/v3/certs')
        return json(res, 200, g.authority.jwks());
      if (host === 'sts.googleapis.com' && req.method === 'POST' && path === '/v1/token') {
        const answer = g.federation.exchange(stsFields(req, text));
        return json(res, answer.status, answer.body);
      }
      const cred =
        /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):(generateAccessToken|generateIdToken)$/.exec(path);
      if (host === 'iamcredentials.googleapis.com' && req.method === 'POST' && cred?.[1]) {
        const email = decodeURIComponent(cred[1]);
        const body = parseJson(text);
        const answer =
          cred[2] === 'generateAccessToken'
            ? g.credentials.generateAccessToken(bearer(req), email, body)
            : g.credentials.generateIdToken(bearer(req), email, body);
        return json(res, answer.status, answer.body);
      }
      if (host === 'iam.googleapis.com') {
        const answer = iamAnswer(g, req, url, text);
        return json(res, answer.status, answer.body);
      }
      if (host === 'logging.googleapis.com' && req.method === 'POST' && path === '/v2/entries:list') {
        const answer = loggingAnswer(g, req, text);
        return json(res, answer.status, answer.body);
      }
      json(res, 404, { error: 'not_found', error_description: `${req.method} ${path} is not emulated` });
    })().catch((err: unknown) =>
      err instanceof SyntaxError
        ? json(res, 400, {
            error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' },
          })
        : json(res, 500, { error: 'internal', error_description: String(err) }),
    );
  };
}

/** Starts the proxy on a free loopback port; its TLS endpoint only ever sees tunnels the proxy accepted. */
export async function startIdentityServer(services: IdentityServices): Promise<IdentityServer> {
  const { ca, leaf } = issueTlsCertificates(
    'gcp-deploy emulator CA',
    [...IDENTITY_HOSTS, 'localhost'],
    ['127.0.0.1'],
  );
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-identity-'));
  const caCertPath = join(dir, 'ca.pem');
  writeFileSync(caCertPath, ca.cert);
  const tls: HttpsServer = createTlsServer({ cert: leaf.cert, key: leaf.key }, identityHandler(services));
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('only CONNECT to Google identity hosts\n');
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const [host, port] = (req.url ?? '').split(':');
    if (!IDENTITY_HOSTS.includes(host ?? '') || port !== '443') {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', () => resolve());
  });
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    proxyUrl,
    caCertPath,
    tls: { caCert: ca.cert, cert: leaf.cert, key: leaf.key },
    env: () => ({
      // Upper case only: gaxios (google-auth-library) reads it, grpc-js reads only the lower-case name.
      HTTPS_PROXY: proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      NODE_EXTRA_CA_CERTS: caCertPath,
      // The same CA for the control plane's gRPC (see src/cloudrun/client-factory.ts).
      GCP_DEPLOY_EMULATOR_CA: caCertPath,
    }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      tls.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
