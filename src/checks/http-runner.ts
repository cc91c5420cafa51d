/**
 * The HTTP client of the load engine: keep-alive connections to one origin, one per VU, as in k6 where each VU
 * has its own connections. Each VuConnection is an undici Client (one connection) and is itself the handler of
 * its one request in flight, reused for every request, so a request costs the engine no allocation of its own.
 * (With a shared undici Pool of exactly VUs connections, a VU's next request often waited for the connection it
 * had just used to be released, which showed up as ~1-3 ms in the latency tail.)
 */
import { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, buildConnector, type Dispatcher } from 'undici';
import { errorCodeFor } from './error-codes.js';

/**
 * What one request measured, in k6's phases (ms). durationMs = sendingMs + waitingMs + receivingMs, as k6's
 * http_req_duration. status 0 means a network error, described by `error` and k6's `errorCode`.
 */
export interface HttpResult {
  status: number;
  error?: string;
  /** k6's error_code: 1000 + status for 4xx/5xx, a network error's code, 0 when neither. */
  errorCode: number;
  /** From the VU issuing the request to a connection taking it (includes DNS, TCP and TLS when it connected). */
  blockedMs: number;
  /** TCP connect, when this request opened the connection; else 0. */
  connectingMs: number;
  /** TLS handshake, when this request opened an https connection; else 0. */
  tlsHandshakingMs: number;
  /** From the connection taking the request to the request written to the socket. */
  sendingMs: number;
  /** From the request written to the first response byte. */
  waitingMs: number;
  /** From the first response byte to the last. */
  receivingMs: number;
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

/** Where the connector reports a new connection's TCP and TLS times (ms). */
export interface ConnectTiming {
  connected(tcpMs: number, tlsMs: number): void;
}

/** Sends requests to one origin, each VU on its own keep-alive connection. */
export class HttpRunner {
  private readonly origin: string;
  private readonly clients = new Set<Client>();
  private readonly prefix: string;
  private readonly host: string;
  private abortedBy: Error | undefined;

  /** `tls`: extra TLS options for https origins (tests pass a private CA here). */
  constructor(
    baseUrl: string,
    private readonly tls: ConnectionOptions = {},
  ) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.host = url.host;
  }

  /** The absolute URL of a request path (k6's `url` tag). */
  urlOf(path: string): string {
    return this.origin + this.prefix + path;
  }

  get isHttps(): boolean {
    return this.origin.startsWith('https:');
  }

  /** A connection for one VU; it connects at its first request. */
  connection(): VuConnection {
    return new VuConnection(this);
  }

  /**
   * @internal A new undici Client for one VU's connection, closed by abortAll() and close(). Its connector is
   * undici's own, wrapped to time the connection's phases onto `timing` (k6's http_req_connecting and
   * http_req_tls_handshaking): the socket's 'lookup' (DNS done, when the host is a name), 'connect' (TCP up)
   * and the connector's callback (TLS done for https).
   */
  openClient(timing: ConnectTiming): Client {
    // Typed as returning unknown: undici's connector returns the socket, though its type says void.
    const base: (...args: Parameters<buildConnector.connector>) => unknown = buildConnector({
      ...this.tls,
      timeout: 10_000,
    });
    const connect: buildConnector.connector = (opts, callback) => {
      const started = performance.now();
      let tcpFrom = started;
      let tcpAt = 0;
      const socket = base(opts, (...args) => {
        const end = performance.now();
        if (tcpAt === 0) tcpAt = end;
        timing.connected(tcpAt - tcpFrom, end - tcpAt);
        callback(...args);
      });
      if (socket instanceof Socket) {
        socket.once('lookup', () => (tcpFrom = performance.now()));
        socket.once('connect', () => (tcpAt = performance.now()));
      }
    };
    const client = new Client(this.origin, {
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      connect,
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
export class VuConnection implements HttpResult, Dispatcher.DispatchHandler, ConnectTiming {
  status = 0;
  error: string | undefined = undefined;
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
  body: string | undefined = undefined;

  private client: Client | undefined;
  /** When the VU issued the request, a connection took it, it was written, and the response began. */
  private issued = 0;
  private t0 = 0;
  private sentAt = 0;
  private firstByteAt = 0;
  /** When the last request ended (performance.now()), for the VU to reuse as the end of its iteration. */
  endedAt = 0;
  private chunks: Buffer[] | undefined = undefined;
  private kept = 0;
  /** A request is in flight: callbacks outside one are stray and ignored. */
  private busy = false;
  private onResult: (r: HttpResult) => void = () => undefined;
  private readonly report = (): void => this.onResult(this);

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
    } catch (err) {
      this.onError(err);
    }
  }

  /** The connector's report for the connection this request opened (see HttpRunner.openClient). */
  connected(tcpMs: number, tlsMs: number): void {
    if (!this.busy) return;
    this.connectingMs = tcpMs;
    this.tlsHandshakingMs = this.runner.isHttps ? tlsMs : 0;
  }

  onConnect(): void {
    this.t0 = performance.now();
  }

  /** undici calls this once the request (headers and body) is written to the socket. */
  onRequestSent(): void {
    this.sentAt = performance.now();
  }

  /** undici calls this when the first bytes of the response arrive (k6's GotFirstResponseByte). */
  onResponseStarted(): void {
    this.firstByteAt = performance.now();
  }

  /** Raw headers arrive as [name, value, name, value, ...] buffers; their size is what came over the wire. */
  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (!this.busy) return false;
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
    this.finish({ message: describe(err), code: errorCodeFor(err) });
  }

  private finish(error: { message: string; code: number } | undefined): void {
    if (!this.busy) return;
    this.busy = false;
    const end = performance.now();
    this.endedAt = end;
    const t0 = this.t0;
    if (t0 === 0) {
      // A request that never got a connection spent no time blocked (it never got one), sending, waiting or
      // receiving; k6 reports 0 for those too. Its failed connect shows in connectingMs.
      this.blockedMs = this.sendingMs = this.waitingMs = this.receivingMs = this.durationMs = 0;
    } else {
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
    } else if (this.status >= 400) {
      this.errorCode = 1000 + this.status;
    }
    if (this.chunks !== undefined) this.body = Buffer.concat(this.chunks).toString('utf8');
    // undici reports a failed connect from inside a loop over its queue that asserts the queue is empty after
    // it: the VU's next request must not be dispatched from in there, so a failure is reported a tick later.
    if (error !== undefined) queueMicrotask(this.report);
    else this.onResult(this);
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
