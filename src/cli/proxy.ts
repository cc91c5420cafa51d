/**
 * `gcp-deploy proxy`: opens a private Cloud Run service (or one of its tags) on localhost, the way
 * `gcloud run services proxy` does, without gcloud. Each request is forwarded with an ID token for the
 * service from Application Default Credentials (src/checks/id-token.ts, the checks' own token path), so a
 * browser or curl reaches a preview that answers 403 to anonymous callers. Works against Cloud Run and the
 * local emulator alike (GCP_DEPLOY_EMULATOR_HOST points the lookup of the tag URL there).
 */
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { audienceFor, googleIdTokenProvider, type IdTokenProvider } from '../checks/id-token.js';
import { CloudRunService } from '../cloudrun/cloud-run-service.js';
import { UsageError } from './args.js';
import { envOf } from './inputs.js';
import { untilInterrupted } from './interrupt.js';

export const PROXY_USAGE =
  'usage: gcp-deploy proxy (--service NAME [--tag TAG] --project-id P --region R | --url URL) [--port 8080] [--host 127.0.0.1]';

/** What to open and where to listen. */
export interface ProxyArgs {
  /** The service's (or tag's) URL, given directly. */
  url?: string;
  service?: string;
  tag?: string;
  projectId?: string;
  region?: string;
  port: number;
  host: string;
}

const FLAGS = ['url', 'service', 'tag', 'project-id', 'region', 'port', 'host'] as const;

/** Parses `proxy` flags; --project-id and --region also come from GCP_DEPLOY_PROJECT_ID / GCP_DEPLOY_REGION. */
export function parseProxyArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ProxyArgs {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg).replace(/^--/, '');
    if (!arg.startsWith('--') || !(FLAGS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown argument '${arg}' for proxy; ${PROXY_USAGE}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`flag '--${name}' needs a value`);
    if (flags[name] !== undefined) throw new UsageError(`flag '--${name}' given twice`);
    flags[name] = value;
  }
  const port = Number(flags.port ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: got "${flags.port}"; allowed: a port number 0-65535 (0 picks a free one)`);
  }
  const out: ProxyArgs = { port, host: flags.host ?? '127.0.0.1' };
  if (flags.url !== undefined) {
    if (flags.service !== undefined || flags.tag !== undefined) {
      throw new UsageError('--url and --service/--tag name the target twice; give one of them');
    }
    let url: URL;
    try {
      url = new URL(flags.url);
    } catch {
      throw new UsageError(`--url: got "${flags.url}"; allowed: an http(s) URL of a Cloud Run service`);
    }
    if (!/^https?:$/.test(url.protocol)) {
      throw new UsageError(`--url: got "${flags.url}"; allowed: an http(s) URL of a Cloud Run service`);
    }
    return { ...out, url: url.href };
  }
  if (flags.service === undefined) throw new UsageError(`proxy needs --service or --url; ${PROXY_USAGE}`);
  const projectId = flags['project-id'] ?? env[envOf('project_id')];
  const region = flags.region ?? env[envOf('region')];
  if (projectId === undefined || projectId === '' || region === undefined || region === '') {
    throw new UsageError(
      `proxy --service needs --project-id and --region (or ${envOf('project_id')} and ${envOf('region')})`,
    );
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
export async function resolveProxyTarget(args: ProxyArgs, env: NodeJS.ProcessEnv): Promise<string> {
  if (args.url !== undefined) return args.url;
  const api = new CloudRunService({
    project: args.projectId as string,
    region: args.region as string,
    env,
  });
  try {
    const svc = await api.getService(args.service as string);
    const where = `in project ${args.projectId}, region ${args.region}`;
    if (svc === null) throw new UsageError(`service ${args.service} not found ${where}`);
    if (args.tag === undefined) {
      if (svc.uri === undefined) throw new UsageError(`service ${args.service} has no URL yet ${where}`);
      return svc.uri;
    }
    const url = svc.tagUrls[args.tag];
    if (url === undefined) {
      const tags = Object.keys(svc.tagUrls);
      throw new UsageError(
        `tag ${args.tag} not found on service ${args.service}; its tags: ${tags.length > 0 ? tags.join(', ') : 'none'}`,
      );
    }
    return url;
  } finally {
    await api.close();
  }
}

/** Seconds since the epoch at which a JWT expires, read without verifying it (only to know when to renew). */
function expiry(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

/** One token per audience, renewed a minute before it expires (ID tokens live an hour). */
export function cachedProvider(provider: IdTokenProvider, now = (): number => Date.now()): IdTokenProvider {
  const cache = new Map<string, { token: string; renewAt: number }>();
  return async (audience) => {
    const hit = cache.get(audience);
    if (hit !== undefined && now() < hit.renewAt) return hit.token;
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

export interface InvokeProxy {
  /** http://host:port the proxy listens on. */
  url: string;
  target: string;
  close(): Promise<void>;
}

/** Starts the proxy: every request goes to `target` (same path and query) with an ID token for it. */
export async function startInvokeProxy(
  target: string,
  opts: { port?: number; host?: string; provider?: IdTokenProvider; log?: (line: string) => void } = {},
): Promise<InvokeProxy> {
  const base = new URL(target);
  const audience = audienceFor(target);
  const tokens = cachedProvider(opts.provider ?? googleIdTokenProvider);
  const log = opts.log ?? ((): void => undefined);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;

  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let token: string;
    try {
      token = await tokens(audience);
    } catch (err) {
      const why = `could not get an ID token for ${audience} from Application Default Credentials: ${err instanceof Error ? err.message : String(err)}`;
      log(why);
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`gcp-deploy proxy: ${why}\n`);
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
    headers.authorization = `Bearer ${token}`;
    const path = `${base.pathname.replace(/\/$/, '')}${req.url ?? '/'}`;
    const upstream = send(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path,
        headers,
      },
      (answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers))
          if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
        log(`${req.method} ${req.url} -> ${answer.statusCode}`);
      },
    );
    upstream.on('error', (err) => {
      log(`${req.method} ${req.url} -> ${err.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`gcp-deploy proxy: ${target} did not answer: ${err.message}\n`);
    });
    req.pipe(upstream);
  };

  const server = createServer((req, res) => void forward(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    target,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `gcp-deploy proxy ...`: runs until SIGINT or SIGTERM. */
export async function runProxyCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: { stdout(s: string): void; stderr(s: string): void },
): Promise<number> {
  let args: ProxyArgs;
  try {
    args = parseProxyArgs(argv, env);
  } catch (err) {
    io.stderr(`gcp-deploy: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  let target: string;
  try {
    target = await resolveProxyTarget(args, env);
  } catch (err) {
    io.stderr(`gcp-deploy proxy: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
  const proxy = await startInvokeProxy(target, {
    port: args.port,
    host: args.host,
    log: (line) => io.stderr(`${line}\n`),
  });
  io.stdout(
    `Proxying ${proxy.url} -> ${target}, each request with an ID token from Application Default Credentials.\n` +
      `Open ${proxy.url}/ in a browser or with curl; Ctrl-C stops.\n`,
  );
  await untilInterrupted();
  await proxy.close();
  return 0;
}
