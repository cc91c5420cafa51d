/**
 * The load engine's timing against a loopback server over seconds of real load: k6's 2 s abortOnFail
 * evaluation period, and arrival rates held within 5 %. Moved out of the unit suite, which waits on no
 * clock; the rest of runSmoke is covered there with short runs (test/unit/checks/load-engine.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke } from '../../src/checks/load-engine.js';
import { parseSmokeOptions } from '../../src/checks/smoke-options.js';
import { startTestServer, type TestServer } from '../unit/checks/support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const opts = (o: object): ReturnType<typeof parseSmokeOptions> =>
  parseSmokeOptions(JSON.stringify(o), 'smoke');

describe('runSmoke timing over seconds of real load', () => {
  it('abortOnFail stops within one evaluation period after delayAbortEval', async () => {
    server = await startTestServer({ status: () => 500 });
    const started = performance.now();
    const out = await runSmoke(
      opts({
        vus: 2,
        duration: '30s',
        thresholds: { http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '1s' }] },
      }),
      server.url,
    );
    const elapsed = performance.now() - started;
    // Evaluated at 2 s, 4 s, ...; the first evaluation after the 1 s delay (at 2 s) must stop the run.
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(2000 + 2000);
    expect(out.aborted).toBe(true);
    expect(out.ok).toBe(false);
    expect(out.thresholds[0]).toMatchObject({ ok: false, actual: 1 });
    const seen = server.count();
    await new Promise((r) => setTimeout(r, 300));
    expect(server.count()).toBe(seen); // nothing is sent after the abort
  });

  it('constant-arrival-rate holds the rate within 5 % and counts what the server saw', async () => {
    server = await startTestServer({ delayMs: () => 5 });
    const out = await runSmoke(
      opts({
        scenarios: {
          steady: {
            executor: 'constant-arrival-rate',
            rate: 200,
            duration: '3s',
            preAllocatedVUs: 10,
            maxVUs: 50,
          },
        },
      }),
      server.url,
    );
    expect(Math.abs(server.count() - 600) / 600).toBeLessThanOrEqual(0.05);
    expect(out.metrics.http_reqs?.count).toBe(server.count());
    expect(out.metrics.dropped_iterations).toBeUndefined();
  });

  it('ramping-arrival-rate plans the integral of its stages', async () => {
    server = await startTestServer();
    const out = await runSmoke(
      opts({
        scenarios: {
          ramp: {
            executor: 'ramping-arrival-rate',
            startRate: 50,
            stages: [
              { duration: '1s', target: 250 },
              { duration: '1s', target: 250 },
            ],
            preAllocatedVUs: 5,
            maxVUs: 20,
          },
        },
      }),
      server.url,
    );
    // (50+250)/2 * 1 + 250 * 1 = 400 iterations.
    expect(Math.abs(server.count() - 400) / 400).toBeLessThanOrEqual(0.05);
    expect(out.metrics.iterations?.count).toBe(server.count());
  });
  it('a stalled server shows in dropped_iterations when maxVUs run out', async () => {
    let n = 0;
    server = await startTestServer({ delayMs: () => (++n === 5 ? 400 : 1) });
    const out = await runSmoke(
      opts({
        scenarios: {
          s: {
            executor: 'constant-arrival-rate',
            rate: 50,
            duration: '700ms',
            preAllocatedVUs: 1,
            maxVUs: 1,
          },
        },
        thresholds: { dropped_iterations: ['count==0'] },
      }),
      server.url,
    );
    const dropped = out.metrics.dropped_iterations?.count ?? 0;
    // 400 ms at 20 ms per iteration: about 19 planned iterations found no VU (more on a loaded machine,
    // where the one VU is slower); every planned iteration either ran or was dropped.
    expect(dropped).toBeGreaterThanOrEqual(15);
    expect(server.count()).toBeGreaterThanOrEqual(5);
    expect(server.count() + dropped).toBe(35);
    expect(out.ok).toBe(false);
  });
});
