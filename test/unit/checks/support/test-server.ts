/** A loopback HTTP server for the checks tests: slow, failing a known share, or closing connections; it counts. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TestServerBehaviour {
  /** Delay before answering, per path (default 0). */
  delayMs?: (path: string) => number;
  /** Status per request number (1-based, counted over all requests). Default 200. */
  status?: (n: number, path: string) => number;
  /** Destroy the socket instead of answering request n. */
  destroy?: (n: number) => boolean;
  body?: (path: string) => string;
}

export interface TestServer {
  url: string;
  /** Requests seen, in total and per path. */
  count: () => number;
  countFor: (path: string) => number;
  /** The most requests in progress at once. */
  maxConcurrent: () => number;
  /** Bytes read from and written to every connection so far, and how many connections there were. */
  traffic: () => { read: number; written: number; connections: number };
  /** Request headers of the last request. */
  lastHeaders: () => IncomingMessage['headers'] | undefined;
  close: () => Promise<void>;
}

/** Starts a server on 127.0.0.1 with a free port. */
export async function startTestServer(b: TestServerBehaviour = {}): Promise<TestServer> {
  let n = 0;
  let inProgress = 0;
  let peak = 0;
  const perPath = new Map<string, number>();
  let last: IncomingMessage['headers'] | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const k = ++n;
    const path = req.url ?? '/';
    perPath.set(path, (perPath.get(path) ?? 0) + 1);
    last = req.headers;
    inProgress++;
    peak = Math.max(peak, inProgress);
    req.resume();
    const answer = (): void => {
      inProgress--;
      if (b.destroy?.(k) === true) {
        req.socket.destroy();
        return;
      }
      const body = b.body?.(path) ?? 'ok';
      res.writeHead(b.status?.(k, path) ?? 200, {
        'content-type': 'text/plain',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    const delay = b.delayMs?.(path) ?? 0;
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => sockets.push(socket));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => n,
    countFor: (p) => perPath.get(p) ?? 0,
    maxConcurrent: () => peak,
    lastHeaders: () => last,
    traffic: () => ({
      read: sockets.reduce((sum, s) => sum + s.bytesRead, 0),
      written: sockets.reduce((sum, s) => sum + s.bytesWritten, 0),
      connections: sockets.length,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
