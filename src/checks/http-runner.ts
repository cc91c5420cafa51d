/**
 * The HTTP client of the load engine: keep-alive connections to one origin, one per VU, as in k6 where each VU
 * has its own connections. Each VuConnection is an undici Client (one connection) and is itself the handler of
 * its one request in flight, reused for every request, so a request costs the engine no allocation of its own.
 * (With a shared undici Pool of exactly VUs connections, a VU's next request often waited for the connection it
 * had just used to be released, which showed up as ~1-3 ms in the latency tail.)
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
  /** Request bytes on the wire (request line, headers, body). */
  bytesSent: number;
  /** undici's options for this request, built once. */
  dispatch: Dispatcher.DispatchOptions;
}

const MAX_BODY = 1024 * 1024;

/** Methods undici sends "content-length: 0" for when they have no body. */
const PAYLOAD_METHODS = new Set(['PUT', 'POST', 'PATCH', 'QUERY', 'PROPFIND', 'PROPPATCH']);

/** Sends requests to one origin, each VU on its own keep-alive connection. */
export class HttpRunner {
  private readonly origin: string;
  private readonly clients = new Set<Client>();
  private readonly prefix: string;
  private readonly host: string;
  private abortedBy: Error | undefined;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.host = url.host;
  }

  /** A connection for one VU; it connects at its first request. */
  connection(): VuConnection {
    return new VuConnection(this);
  }

  /** @internal A new undici Client, closed by abortAll() and close(). */
  openClient(): Client {
    const client = new Client(this.origin, {
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
    });
    this.clients.add(client);
    return client;
  }

  /** Set once the run was stopped: requests sent after that fail at once with this error. */
  get aborted(): Error | undefined {
    return this.abortedBy;
  }

  /** Flattens a request once: base path prefix, default headers, byte count. */
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
  abortAll(reason = 'the test was stopped'): void {
    if (this.abortedBy !== undefined) return;
    const err = new Error(reason);
    this.abortedBy = err;
    for (const c of this.clients) c.destroy(err).catch(() => undefined);
  }

  /** Closes every connection. */
  async close(): Promise<void> {
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
export class VuConnection implements HttpResult, Dispatcher.DispatchHandler {
  status = 0;
  error: string | undefined = undefined;
  waitingMs = 0;
  durationMs = 0;
  bytesSent = 0;
  bytesReceived = 0;
  body: string | undefined = undefined;

  private client: Client | undefined;
  private t0 = 0;
  /** When the last request ended (performance.now()), for the VU to reuse as the end of its iteration. */
  endedAt = 0;
  private chunks: Buffer[] | undefined = undefined;
  private kept = 0;
  /** A request is in flight: callbacks outside one are stray and ignored. */
  private busy = false;
  private onResult: (r: HttpResult) => void = () => undefined;

  constructor(private readonly runner: HttpRunner) {}

  /**
   * Sends one request and calls `onResult` once with what it measured; network errors come back as status 0,
   * never as a throw. A callback rather than a promise: the VU dispatches its next request from inside it,
   * with no promise or microtask per request. One request at a time.
   */
  send(req: PreparedRequest, onResult: (r: HttpResult) => void): void {
    if (this.busy) throw new Error('a VU connection sends one request at a time');
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
    } catch (err) {
      this.onError(err);
    }
  }

  onConnect(): void {
    this.t0 = performance.now();
  }

  /** Raw headers arrive as [name, value, name, value, ...] buffers; their size is what came over the wire. */
  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (!this.busy) return false;
    this.waitingMs = performance.now() - this.t0;
    this.status = statusCode;
    // "HTTP/1.1 200 OK\r\n", then "name: value\r\n" per header (2 bytes after each name and each value),
    // then the blank line.
    let size = 17 + statusText.length;
    for (const part of rawHeaders) size += part.length + 2;
    this.bytesReceived += size;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (!this.busy) return false;
    this.bytesReceived += chunk.length;
    if (this.chunks !== undefined && this.kept < MAX_BODY) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
    }
    return true;
  }

  onComplete(): void {
    this.finish(undefined);
  }

  onError(err: unknown): void {
    this.finish(describe(err));
  }

  private finish(error: string | undefined): void {
    if (!this.busy) return;
    this.busy = false;
    this.endedAt = performance.now();
    // A request that never got a connection spent no time sending, waiting or receiving (k6 reports 0 too).
    this.durationMs = this.t0 === 0 ? 0 : this.endedAt - this.t0;
    if (error !== undefined) {
      this.status = 0;
      this.error = error;
      this.waitingMs = this.durationMs;
    }
    if (this.chunks !== undefined) this.body = Buffer.concat(this.chunks).toString('utf8');
    this.onResult(this);
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
