import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the front needs to route: the revisions behind a URL key, where a revision listens, and whether it is sick. */
export interface RouteSource {
  routes(key: string): { revision: string; percent: number }[];
  backendPort(revision: string): number | undefined;
  isUnhealthy(revision: string): boolean;
  random(): number;
  /** Cloud Run's invoker check for a request to the key's URL, from its Authorization header. */
  authorize(
    key: string,
    authorization: string | undefined,
  ): { allow: true } | { allow: false; status: number; message: string };
}

/** Picks a revision by traffic percent (a tag URL has exactly one target at 100). */
export function pickWeighted<T extends { percent: number }>(targets: readonly T[], r: number): T | undefined {
  const total = targets.reduce((s, t) => s + t.percent, 0);
  if (total <= 0) return undefined;
  let x = r * total;
  for (const t of targets) {
    x -= t.percent;
    if (x < 0) return t;
  }
  return targets[targets.length - 1];
}

/** One loopback HTTP listener per service URL and per tag URL, each proxying to the right revision. */
export class HttpFront {
  private readonly servers = new Map<string, { server: Server; url: string }>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly source: RouteSource) {}

  /** The URL of a key, if one was allocated. */
  url(key: string): string | undefined {
    return this.servers.get(key)?.url;
  }

  /** Allocates (once) a listener on a free port for each key. */
  async ensure(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.ensureOne(k)));
  }

  private ensureOne(key: string): Promise<string> {
    const have = this.servers.get(key);
    if (have) return Promise.resolve(have.url);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const p = new Promise<string>((resolve, reject) => {
      const server = createServer((req, res) => this.handle(key, req, res));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        this.servers.set(key, { server, url });
        this.pending.delete(key);
        resolve(url);
      });
    });
    this.pending.set(key, p);
    return p;
  }

  private handle(key: string, req: IncomingMessage, res: ServerResponse): void {
    const access = this.source.authorize(key, req.headers.authorization);
    if (!access.allow) {
      res.writeHead(access.status, { 'content-type': 'text/plain' }).end(`${access.message}\n`);
      req.resume();
      return;
    }
    const target = pickWeighted(this.source.routes(key), this.source.random());
    const port = target && this.source.backendPort(target.revision);
    if (!target || port === undefined) {
      res
        .writeHead(503, { 'content-type': 'text/plain' })
        .end('Service Unavailable: no ready revision serves this URL\n');
      return;
    }
    if (this.source.isUnhealthy(target.revision)) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable (injected)\n');
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Service Unavailable: the revision did not answer\n');
    });
    req.pipe(upstream);
  }

  /** Closes every listener and drops open connections. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.servers.values()].map(
        ({ server }) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    this.servers.clear();
  }
}
