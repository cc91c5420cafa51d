import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke } from '../../../src/checks/load-engine.js';
import { parseSmokeOptions } from '../../../src/checks/smoke-options.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const opts = (o: object): ReturnType<typeof parseSmokeOptions> =>
  parseSmokeOptions(JSON.stringify(o), 'smoke');

describe('runSmoke against a local server', () => {
  it('shared-iterations: counts match what the server saw', async () => {
    server = await startTestServer();
    const out = await runSmoke(
      opts({ iterations: 57, vus: 5, thresholds: { http_reqs: ['count==57'], iterations: ['count==57'] } }),
      server.url,
    );
    expect(server.count()).toBe(57);
    expect(out.metrics.http_reqs?.count).toBe(57);
    expect(out.metrics.iterations?.count).toBe(57);
    expect(out.ok).toBe(true);
    expect(server.maxConcurrent()).toBeLessThanOrEqual(5);
  });

  it('a scenario carrying exec runs its requests, and the log names the option that had no effect', async () => {
    server = await startTestServer();
    const lines: string[] = [];
    const out = await runSmoke(
      opts({ scenarios: { s: { executor: 'shared-iterations', iterations: 3, exec: 'browse' } } }),
      server.url,
      { log: (l) => lines.push(l) },
    );
    expect(server.count()).toBe(3);
    expect(out.ok).toBe(true);
    expect(lines.filter((l) => l.startsWith('Notice: '))).toEqual([
      'Notice: smoke.scenarios.s.exec is accepted and has no effect: there is no script function to call: every iteration sends the `requests` list.',
    ]);
  });

  it('per-vu-iterations: vus x iterations requests, each iteration sending every request', async () => {
    server = await startTestServer();
    const out = await runSmoke(
      opts({
        scenarios: { a: { executor: 'per-vu-iterations', vus: 3, iterations: 4 } },
        requests: [{ path: '/one' }, { path: '/two' }],
      }),
      server.url,
    );
    expect(server.countFor('/one')).toBe(12);
    expect(server.countFor('/two')).toBe(12);
    expect(out.metrics.http_reqs?.count).toBe(24);
  });

  it('http_req_failed counts >= 400 and network errors; rate thresholds pass and fail exactly at the boundary', async () => {
    // Every 4th request is a 500 and every 10th connection is cut: 40 requests -> 10 x 500 + 4 cut - 2 both = 12 failed.
    server = await startTestServer({
      status: (n) => (n % 4 === 0 ? 500 : 200),
      destroy: (n) => n % 10 === 0,
    });
    const out = await runSmoke(
      opts({
        iterations: 40,
        thresholds: {
          http_req_failed: ['rate<=0.3', 'rate<0.3', 'rate==0.3'],
          'http_reqs{status:500}': ['count==8'],
          'http_reqs{status:0}': ['count==4'],
        },
      }),
      server.url,
    );
    expect(server.count()).toBe(40);
    expect(out.metrics.http_req_failed).toEqual({ rate: 0.3, passes: 12, fails: 28 });
    expect(out.thresholds.map((t) => [t.expression, t.ok])).toEqual([
      ['rate<=0.3', true],
      ['rate<0.3', false],
      ['rate==0.3', true],
      ['count==8', true],
      ['count==4', true],
    ]);
    expect(out.ok).toBe(false);
  });

  it('trend thresholds on a slow server, with tag filters per request name', async () => {
    server = await startTestServer({ delayMs: (p) => (p === '/slow' ? 150 : 0) });
    const out = await runSmoke(
      opts({
        iterations: 4,
        vus: 2,
        requests: [
          { name: 'fast', path: '/fast' },
          { name: 'slow', path: '/slow' },
        ],
        thresholds: {
          'http_req_duration{name:fast}': ['p(95)<100', 'max<100'],
          'http_req_duration{name:slow}': ['p(95)<100', 'min>=120', 'med<400'],
          http_req_duration: ['p(40)<100', 'p(60)>=120', 'max>=120'],
          'http_req_duration{method:POST}': ['avg==0'],
        },
      }),
      server.url,
    );
    expect(out.thresholds.map((t) => `${t.metric} ${t.expression} ${t.ok}`)).toEqual([
      'http_req_duration{name:fast} p(95)<100 true',
      'http_req_duration{name:fast} max<100 true',
      'http_req_duration{name:slow} p(95)<100 false',
      'http_req_duration{name:slow} min>=120 true',
      'http_req_duration{name:slow} med<400 true',
      'http_req_duration p(40)<100 true',
      'http_req_duration p(60)>=120 true',
      'http_req_duration max>=120 true',
      'http_req_duration{method:POST} avg==0 true',
    ]);
    expect(out.metrics['http_req_duration{name:slow}']?.count).toBe(4);
    expect(out.textSummary).toMatch(/✗ 'p\(95\)<100' p\(95\)=1\d\d(\.\d+)?ms/);
  });

  it('checks: status, body contains, JSON field equals, max duration', async () => {
    server = await startTestServer({
      body: (p) => (p === '/json' ? JSON.stringify({ data: { id: 7, tags: ['a'] } }) : 'hello world'),
      status: (n) => (n % 2 === 0 ? 503 : 200),
    });
    const out = await runSmoke(
      opts({
        iterations: 10,
        requests: [
          {
            name: 'json',
            path: '/json',
            checks: { json: { 'data.id': 7, 'data.tags.0': 'a', 'data.missing': 1 } },
          },
          { name: 'text', path: '/text', checks: { status: 200, bodyContains: 'world', maxDuration: '10s' } },
        ],
        thresholds: { checks: ['rate<0.75'], 'checks{check:text: status is 200}': ['rate==0'] },
      }),
      server.url,
    );
    const byName = Object.fromEntries(out.checks.map((c) => [c.name, [c.passes, c.fails]]));
    expect(byName).toEqual({
      'json: json data.id == 7': [10, 0],
      'json: json data.tags.0 == "a"': [10, 0],
      'json: json data.missing == 1': [0, 10],
      // /text is always the 2nd, 4th... request: always 503.
      'text: status is 200': [0, 10],
      'text: body contains "world"': [10, 0],
      'text: duration < 10000ms': [10, 0],
    });
    expect(out.metrics.checks).toEqual({ rate: 0.666667, passes: 40, fails: 20 });
    expect(out.thresholds.every((t) => t.ok)).toBe(true);
    expect(out.textSummary).toContain('✗ text: status is 200');
    expect(out.textSummary).toContain('↳  0% — ✓ 0 / ✗ 10');
  });

  it('data_sent and data_received are the bytes the server read and wrote; one connection per VU', async () => {
    server = await startTestServer({ body: (p) => (p === '/big' ? 'é'.repeat(5000) : 'ok') });
    const out = await runSmoke(
      opts({
        scenarios: { a: { executor: 'per-vu-iterations', vus: 3, iterations: 7 } },
        requests: [
          { path: '/small', headers: { 'x-trace': 'abc' } },
          { method: 'POST', path: '/big', body: '{"ünïcode":true}' },
          { method: 'POST', path: '/empty' },
        ],
      }),
      server.url,
    );
    const seen = server.traffic();
    expect(out.metrics.http_reqs?.count).toBe(63);
    expect(seen.connections).toBe(3);
    expect(out.metrics.data_sent?.count).toBe(seen.read);
    expect(out.metrics.data_received?.count).toBe(seen.written);
  });

  it('a caller signal stops the run', async () => {
    server = await startTestServer({ delayMs: () => 20 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = performance.now();
    const out = await runSmoke(opts({ vus: 2, duration: '20s' }), server.url, { signal: ac.signal });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out.aborted).toBe(true);
  });

  it('constant-vus keeps vus connections busy for the duration', async () => {
    server = await startTestServer({ delayMs: () => 50 });
    const started = performance.now();
    const out = await runSmoke(opts({ vus: 4, duration: '400ms' }), server.url);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(400);
    expect(server.maxConcurrent()).toBe(4);
    // 4 VUs x 400 ms / >= 50 ms: at most 32 requests started in time plus one in flight per VU, and well over
    // half of that when the VUs never idle; every one counted.
    expect(out.metrics.http_reqs?.count).toBe(server.count());
    expect(server.count()).toBeGreaterThan(20);
    expect(server.count()).toBeLessThanOrEqual(36);
    expect(out.metrics.vus_max?.value).toBe(4);
  });

  it('ramping-vus follows its stages', async () => {
    server = await startTestServer({ delayMs: () => 20 });
    const out = await runSmoke(
      opts({
        stages: [
          { duration: '200ms', target: 6 },
          { duration: '200ms', target: 6 },
          { duration: '100ms', target: 0 },
        ],
        vus: 0,
      }),
      server.url,
    );
    expect(server.maxConcurrent()).toBe(6);
    expect(out.metrics.http_reqs?.count).toBe(server.count());
  });
});

describe('arrival-rate executors', () => {
  it('counts dropped_iterations when maxVUs run out, and measures latency from the intended send time', async () => {
    server = await startTestServer({ delayMs: () => 100 });
    const out = await runSmoke(
      opts({
        scenarios: {
          busy: {
            executor: 'constant-arrival-rate',
            rate: 100,
            duration: '300ms',
            preAllocatedVUs: 1,
            maxVUs: 2,
          },
        },
        thresholds: { dropped_iterations: ['count>0'], 'dropped_iterations{scenario:busy}': ['count>=10'] },
      }),
      server.url,
    );
    const dropped = out.metrics.dropped_iterations?.count ?? 0;
    const started = server.count();
    // Every planned iteration either started (and reached the server) or was dropped. 2 VUs busy 100 ms per
    // iteration start about 3 each in 300 ms, 30 were planned.
    expect(started + dropped).toBe(30);
    expect(started).toBeLessThanOrEqual(8);
    expect(out.thresholds.every((t) => t.ok)).toBe(true);
    expect(out.textSummary).toContain('http_req_duration_uncorrected');
  });

  it('a stalled load generator cannot hide behind coordinated omission: latency counts from the intended time', async () => {
    server = await startTestServer({ delayMs: () => 1 });
    // Block this process's event loop for 300 ms mid-run: iterations planned meanwhile start late, as requests
    // behind a stalled connection do in wrk2's model. k6 would time them from the late send; we do not.
    setTimeout(() => {
      const until = performance.now() + 300;
      while (performance.now() < until) {
        // busy: the generator itself stalls
      }
    }, 250);
    const out = await runSmoke(
      opts({
        scenarios: {
          s: { executor: 'constant-arrival-rate', rate: 100, duration: '800ms', preAllocatedVUs: 20 },
        },
      }),
      server.url,
    );
    const corrected = out.metrics.http_req_duration;
    const raw = out.metrics.http_req_duration_uncorrected;
    expect(raw?.['p(95)']).toBeLessThan(100);
    // ~30 of 80 iterations were planned inside the stall: each is late by up to 300 ms.
    expect(corrected?.max).toBeGreaterThanOrEqual(250);
    expect(corrected?.['p(95)']).toBeGreaterThan(100);
    expect(server.count()).toBe(out.metrics.http_reqs?.count);
  });
});
