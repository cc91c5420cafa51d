/**
 * The engine's HTTP metrics and tags held against k6's documented ones, on real local servers (http and https).
 * Rules from k6 docs, "Built-in metrics" (HTTP-specific), "Tags and Groups" (system tags, test-wide and
 * scenario tags, groups), "Error codes", and the timing phases of k6's tracer (lib/netext/httpext/tracer.go).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodeFor } from '../../../src/checks/error-codes.js';
import { runSmoke } from '../../../src/checks/load-engine.js';
import { parseSmokeOptions } from '../../../src/checks/smoke-options.js';

const opts = (o: object): ReturnType<typeof parseSmokeOptions> =>
  parseSmokeOptions(JSON.stringify(o), 'smoke');

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server that waits `waitMs` before the headers and `bodyGapMs` between the headers and the body. */
function handler(waitMs: number, bodyGapMs: number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    const status = req.url === '/missing' ? 404 : 200;
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'text/plain', 'content-length': 4 });
      res.flushHeaders();
      setTimeout(() => res.end('done'), bodyGapMs);
    }, waitMs);
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

describe('k6 HTTP timing metrics', () => {
  // k6 Built-in metrics: http_req_duration = http_req_sending + http_req_waiting + http_req_receiving;
  // waiting is the time to first byte, receiving the time from first to last byte.
  it('duration is sending + waiting + receiving; waiting and receiving see the server gaps', async () => {
    const port = await listen(createHttpServer(handler(30, 25)));
    const out = await runSmoke(
      opts({
        iterations: 4,
        thresholds: {
          // Each phase's edges are seen when the client gets to them, which a busy machine may do late, so
          // only the best of four requests must show most of each server gap (30 ms, then 25 ms).
          http_req_waiting: ['max>=25'],
          http_req_receiving: ['max>=15'],
          http_req_sending: ['max>=0'],
        },
      }),
      `http://127.0.0.1:${port}`,
    );
    const m = out.metrics;
    const avg = (name: string): number => m[name]?.avg ?? NaN;
    expect(m.http_req_duration?.count).toBe(4);
    for (const name of ['http_req_sending', 'http_req_waiting', 'http_req_receiving'])
      expect(m[name]?.count).toBe(4);
    // Summed per request, so the averages add up too (to the JSON's rounding of 1 µs each).
    expect(avg('http_req_sending') + avg('http_req_waiting') + avg('http_req_receiving')).toBeCloseTo(
      avg('http_req_duration'),
      2,
    );
    // Every request spans both server gaps from its start to its last byte, however late each edge is seen.
    expect(m.http_req_duration?.min ?? 0).toBeGreaterThanOrEqual(53);
    expect(out.thresholds.map((t) => [t.metric, t.actual !== null && t.ok])).toEqual([
      ['http_req_waiting', true],
      ['http_req_receiving', true],
      ['http_req_sending', true],
    ]);
  });

  // k6 Built-in metrics: http_req_connecting is the TCP connect time, http_req_blocked the wait for a connection
  // (which on a new connection includes connecting); a reused keep-alive connection reports 0 connecting.
  it('connecting is measured once per connection and is inside blocked; 0 on reuse; no TLS over http', async () => {
    const port = await listen(createHttpServer(handler(0, 0)));
    const out = await runSmoke(
      opts({
        iterations: 10,
        vus: 2,
        thresholds: { 'http_req_connecting{name:/}': ['med==0'], http_req_tls_handshaking: ['max==0'] },
      }),
      `http://127.0.0.1:${port}`,
    );
    const m = out.metrics;
    expect(m.http_req_connecting?.count).toBe(10);
    expect(m.http_req_connecting?.max ?? 0).toBeGreaterThan(0);
    expect(m.http_req_blocked?.max ?? 0).toBeGreaterThanOrEqual(m.http_req_connecting?.max ?? Infinity);
    expect(out.thresholds.every((t) => t.ok)).toBe(true);
  });

  // k6 Built-in metrics: http_req_tls_handshaking is the TLS session handshake time of the connection.
  it('TLS handshaking is measured on https, once per connection', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'k6-tls-'));
    closers.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
    } catch {
      ctx.skip(); // no openssl to make a throwaway certificate with
    }
    const cert = readFileSync(join(dir, 'cert.pem'));
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, handler(0, 0));
    const port = await listen(server);
    const out = await runSmoke(
      opts({ iterations: 6, thresholds: { http_req_tls_handshaking: ['max>0', 'med==0'] } }),
      `https://127.0.0.1:${port}`,
      { tls: { ca: cert } },
    );
    expect(out.metrics.http_reqs?.count).toBe(6);
    expect(out.metrics.http_req_tls_handshaking?.count).toBe(6);
    expect(out.thresholds.map((t) => [t.expression, t.ok])).toEqual([
      ['max>0', true],
      ['med==0', true],
    ]);
  });

  // k6 Built-in metrics: group_duration is the time to run a group() call; iteration_duration a whole iteration.
  it('group_duration times each group; iteration_duration the whole iteration', async () => {
    const port = await listen(createHttpServer(handler(20, 0)));
    const out = await runSmoke(
      opts({
        iterations: 3,
        requests: [{ path: '/a', group: 'api' }, { path: '/b', group: 'api' }, { path: '/c' }],
        thresholds: {
          'group_duration{group:::api}': ['min>=38'],
          iteration_duration: ['min>=58'],
        },
      }),
      `http://127.0.0.1:${port}`,
    );
    expect(out.metrics.group_duration?.count).toBe(3);
    expect(out.thresholds.map((t) => [t.metric, t.ok])).toEqual([
      ['group_duration{group:::api}', true],
      ['iteration_duration', true],
    ]);
  });
});

describe('k6 tags on every sample', () => {
  // k6 Tags and Groups: system tags name, method, status, url, group, scenario, expected_response, error,
  // error_code; test-wide `tags` and a scenario's `tags` go on all its samples, the scenario's winning. A
  // threshold's tag filter selects the samples with those tags; here each filter must find real samples.
  it('url, group (root is ""), custom and scenario tags select the samples they name', async () => {
    const port = await listen(createHttpServer(handler(15, 0)));
    const base = `http://127.0.0.1:${port}`;
    const out = await runSmoke(
      opts({
        tags: { team: 'web', env: 'preview' },
        scenarios: {
          s: { executor: 'per-vu-iterations', vus: 1, iterations: 2, tags: { env: 'canary' } },
        },
        requests: [{ path: '/a', group: 'api' }, { path: '/c' }],
        thresholds: {
          [`http_req_duration{url:${base}/a}`]: ['min>=14'],
          [`http_reqs{url:${base}/a}`]: ['count==2'],
          'http_reqs{group:::api}': ['count==2'],
          'http_reqs{group:""}': ['count==2'],
          'http_reqs{team:web,env:canary}': ['count==4'],
          'http_reqs{env:preview}': ['count==0'],
          'iterations{team:web,scenario:s}': ['count==2'],
          'checks{team:web}': ['rate==1'],
          'http_reqs{proto:HTTP/1.1}': ['count==4'],
        },
      }),
      base,
    );
    expect(out.thresholds.map((t) => [t.metric, t.expression, t.actual, t.ok])).toEqual([
      [`http_req_duration{url:${base}/a}`, 'min>=14', expect.any(Number), true],
      [`http_reqs{url:${base}/a}`, 'count==2', 2, true],
      ['http_reqs{group:::api}', 'count==2', 2, true],
      ['http_reqs{group:""}', 'count==2', 2, true],
      ['http_reqs{team:web,env:canary}', 'count==4', 4, true],
      ['http_reqs{env:preview}', 'count==0', 0, true],
      ['iterations{team:web,scenario:s}', 'count==2', 2, true],
      // No check ran: a rate without samples is left out of the verdict (actual null).
      ['checks{team:web}', 'rate==1', null, true],
      ['http_reqs{proto:HTTP/1.1}', 'count==4', 4, true],
    ]);
    expect(out.textSummary).toContain("✓ 'rate==1' rate=n/a (no samples)");
  });

  // k6 Error codes: 1400-1499 are HTTP 4xx (1000 + status); 1212 a refused TCP dial. The error tag holds the
  // message and is only set when the request failed.
  it('error_code is 1000 + status for 4xx and k6 network codes for failures; error only on failures', async () => {
    const port = await listen(createHttpServer(handler(0, 0)));
    const out = await runSmoke(
      opts({
        iterations: 2,
        requests: [{ path: '/missing' }, { path: '/' }],
        thresholds: {
          'http_reqs{error_code:1404}': ['count==2'],
          'http_reqs{status:200}': ['count==2'],
          'http_req_failed{error_code:1404}': ['rate==1'],
        },
      }),
      `http://127.0.0.1:${port}`,
    );
    expect(out.thresholds.every((t) => t.ok)).toBe(true);

    // A port nothing listens on: every request fails with a refused connection.
    const probe = createNetServer();
    const closed = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      }),
    );
    const refused = await runSmoke(
      opts({
        iterations: 3,
        thresholds: {
          'http_reqs{error_code:1212}': ['count==3'],
          'http_reqs{status:0}': ['count==3'],
          'http_req_failed{error_code:1212}': ['rate==1'],
          'http_req_duration{error_code:1212}': ['max==0'],
        },
      }),
      `http://127.0.0.1:${closed}`,
    );
    expect(refused.thresholds.map((t) => [t.metric, t.ok])).toEqual([
      ['http_reqs{error_code:1212}', true],
      ['http_reqs{status:0}', true],
      ['http_req_failed{error_code:1212}', true],
      ['http_req_duration{error_code:1212}', true],
    ]);
  });

  it('maps Node and undici error codes to k6 codes (k6 Error codes table)', () => {
    const e = (code: string, cause?: unknown): Error => Object.assign(new Error(code), { code, cause });
    expect(errorCodeFor(e('ECONNREFUSED'))).toBe(1212);
    expect(errorCodeFor(e('ECONNRESET'))).toBe(1220);
    expect(errorCodeFor(e('ENOTFOUND'))).toBe(1101);
    expect(errorCodeFor(e('UND_ERR_HEADERS_TIMEOUT'))).toBe(1050);
    expect(errorCodeFor(e('UND_ERR_CONNECT_TIMEOUT'))).toBe(1211);
    expect(errorCodeFor(e('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(1310);
    expect(errorCodeFor(e('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe(1311);
    expect(errorCodeFor(e('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe(1300);
    // undici's "other side closed" carries the socket error as its cause.
    expect(errorCodeFor(e('UND_ERR_SOCKET', e('EPIPE')))).toBe(1201);
    expect(errorCodeFor(new Error('anything else'))).toBe(1000);
  });
});
