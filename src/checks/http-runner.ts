/**
 * The HTTP client of the load engine: a pool of keep-alive connections to one origin, one undici Client (one
 * connection) per VU, so connections = VUs. A VU holds its connection for a whole iteration: with a shared
 * undici Pool of exactly VUs connections, a VU's next request often waited for the connection it had just used
 * to be released, which showed up as ~1-3 ms in the latency tail. Requests go through `dispatch` with a plain
 * handler (no streams per response) so the client costs little.
 */
import { Client, type Dispatcher } from 'undici';

/** What one request measured. Times in ms; status 0 means a network error. */
export interface HttpResult {
  status: number;
  error?: string;
  waitingMs: number;
  durationMs: number;
  bytesSent: number;
  bytesReceived: number;
  /** The body as text, when asked for (capped at 1 MiB). */
  body?: string;
}

/** A request ready to send: headers flattened once, so each send allocates little. */
export interface PreparedRequest {
  method: Dispatcher.HttpMethod;
  path: string;
  headers: string[];
  body?: string;
  timeoutMs: number;
  keepBody: boolean;
  /** Approximate request bytes on the wire (request line, headers, body). */
  bytesSent: number;
  /** undici's options for this request, built once. */
  dispatch: Dispatcher.DispatchOptions;
}

const MAX_BODY = 1024 * 1024;

/** One VU's connection, taken with acquire() and given back with release(). */
export type Connection = Client;

/** Sends requests to one origin over a pool of keep-alive connections. */
export class HttpRunner {
  private readonly origin: string;
  private readonly idle: Client[] = [];
  private readonly clients = new Set<Client>();
  private readonly prefix: string;
  private readonly host: string;
  private aborted: Error | undefined;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.host = url.host;
  }

  /** A free connection (a new one when none is free): a VU takes one per iteration. */
  acquire(): Connection {
    const free = this.idle.pop();
    if (free !== undefined) return free;
    const client = new Client(this.origin, {
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
    });
    this.clients.add(client);
    return client;
  }

  /** Gives a connection back for the next iteration. */
  release(conn: Connection): void {
    if (this.aborted === undefined) this.idle.push(conn);
  }

  /** Connections opened so far (at most the VUs that ran at once). */
  connectionCount(): number {
    return this.clients.size;
  }

  /** Flattens a request once: base path prefix, default headers, approximate byte count. */
  prepare(r: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string;
    timeoutMs: number;
    keepBody: boolean;
  }): PreparedRequest {
    const path = this.prefix + r.path;
    const headers: string[] = [];
    let size = r.method.length + path.length + 12 + `host: ${this.host}\r\n`.length + 2;
    for (const [k, v] of Object.entries(r.headers)) {
      headers.push(k, v);
      size += k.length + v.length + 4;
    }
    const body = r.body;
    if (body !== undefined)
      size += Buffer.byteLength(body) + `content-length: ${Buffer.byteLength(body)}\r\n`.length;
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

  /** Sends one request on a connection; never rejects (network errors come back as status 0). */
  send(req: PreparedRequest, conn: Connection): Promise<HttpResult> {
    return new Promise<HttpResult>((resolve) => {
      const handler = new ResponseHandler(req, resolve);
      if (this.aborted !== undefined) {
        handler.onResponseError(undefined, this.aborted);
        return;
      }
      try {
        conn.dispatch(req.dispatch, handler);
      } catch (err) {
        handler.onResponseError(undefined, err);
      }
    });
  }

  /** Aborts every request in flight (by closing the connections) and any sent later: the run was stopped. */
  abortAll(reason = 'the test was stopped'): void {
    if (this.aborted !== undefined) return;
    this.aborted = new Error(reason);
    for (const c of this.clients) c.destroy(this.aborted).catch(() => undefined);
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    await Promise.all([...this.clients].map((c) => c.destroy()));
    this.clients.clear();
    this.idle.length = 0;
  }
}

/**
 * Collects one response. A class rather than closures: one small object per request, no per-request functions.
 * The clock starts when a connection takes the request (onRequestStart), so time spent queued is not counted,
 * as k6's http_req_duration (sending + waiting + receiving) leaves out http_req_blocked.
 */
class ResponseHandler implements Dispatcher.DispatchHandler {
  private t0 = performance.now();
  private waitingMs = 0;
  private status = 0;
  private received = 0;
  private kept = 0;
  private readonly chunks: Buffer[] | undefined;
  private done = false;

  constructor(
    private readonly req: PreparedRequest,
    private readonly resolve: (r: HttpResult) => void,
  ) {
    this.chunks = req.keepBody ? [] : undefined;
  }

  onRequestStart(): void {
    this.t0 = performance.now();
  }

  onResponseStart(
    _c: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    statusMessage?: string,
  ): void {
    this.waitingMs = performance.now() - this.t0;
    this.status = statusCode;
    let size = 15 + (statusMessage?.length ?? 0);
    for (const k in headers) size += k.length + String(headers[k]).length + 4;
    this.received += size;
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.received += chunk.length;
    if (this.chunks !== undefined && this.kept < MAX_BODY) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
    }
  }

  onResponseEnd(): void {
    this.finish(undefined);
  }

  onResponseError(_c: Dispatcher.DispatchController | undefined, err: unknown): void {
    this.finish(describe(err));
  }

  private finish(error: string | undefined): void {
    if (this.done) return;
    this.done = true;
    const durationMs = performance.now() - this.t0;
    this.resolve({
      status: error === undefined ? this.status : 0,
      error,
      waitingMs: error === undefined ? this.waitingMs : durationMs,
      durationMs,
      bytesSent: this.req.bytesSent,
      bytesReceived: this.received,
      body: this.chunks === undefined ? undefined : Buffer.concat(this.chunks).toString('utf8'),
    });
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
