import { afterEach, describe, expect, it } from 'vitest';
import { runHealthCheck } from '../../../src/checks/health-check.js';
import { audienceFor } from '../../../src/checks/id-token.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('runHealthCheck', () => {
  it('retries with backoff until the expected status, and reports the time to the first healthy answer', async () => {
    server = await startTestServer({ status: (n) => (n <= 3 ? 503 : 200) });
    const lines: string[] = [];
    const out = await runHealthCheck({
      url: server.url,
      path: '/healthz',
      timeoutMs: 10_000,
      initialBackoffMs: 20,
      log: (s) => lines.push(s),
    });
    expect(out).toMatchObject({ ok: true, attempts: 4, lastStatus: 200, url: `${server.url}/healthz` });
    // Backoff 20 + 40 + 80 ms before the 4th attempt.
    expect(out.timeToHealthyMs).toBeGreaterThanOrEqual(140);
    expect(server.countFor('/healthz')).toBe(4);
    expect(lines.some((l) => l.includes('status 503, expected 200'))).toBe(true);
  });

  it('gives up at the deadline with the last status and error', async () => {
    server = await startTestServer({ status: () => 500 });
    const started = performance.now();
    // Attempts at 0, 50 and 150 ms; the next backoff is cut to the deadline at 300 ms.
    const out = await runHealthCheck({ url: server.url, path: '/', timeoutMs: 300, initialBackoffMs: 50 });
    const elapsed = performance.now() - started;
    expect(out.ok).toBe(false);
    expect(out.timeToHealthyMs).toBeNull();
    expect(out.lastStatus).toBe(500);
    expect(out.error).toContain('status 500');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1200);
    expect(out.attempts).toBe(server.count());
  });

  it('checks the body and a configured method and status list', async () => {
    let ready = false;
    server = await startTestServer({
      body: () => (ready ? 'status: ready' : 'status: starting'),
      status: () => 202,
    });
    setTimeout(() => (ready = true), 150);
    const out = await runHealthCheck({
      url: server.url,
      path: '/ready',
      method: 'post',
      expectStatus: [200, 202],
      bodyMatch: 'ready',
      timeoutMs: 5000,
      initialBackoffMs: 30,
    });
    expect(out.ok).toBe(true);
    expect(out.attempts).toBeGreaterThan(1);
  });

  it('connection refused is retried and reported', async () => {
    server = await startTestServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const out = await runHealthCheck({ url, path: '/', timeoutMs: 150, initialBackoffMs: 50 });
    expect(out.ok).toBe(false);
    expect(out.lastStatus).toBeNull();
    expect(out.error).toMatch(/ECONNREFUSED/);
  });

  it("auth 'id-token' sends a bearer token for the service URL as audience, and never logs it", async () => {
    server = await startTestServer({ status: (n) => (n === 1 ? 503 : 200) });
    const audiences: string[] = [];
    const lines: string[] = [];
    const secret = 'eyJhbGciOiJSUzI1NiJ9.secret-token-value.sig';
    const out = await runHealthCheck({
      url: `${server.url}/`,
      path: '/healthz',
      timeoutMs: 5000,
      initialBackoffMs: 10,
      auth: 'id-token',
      idTokenProvider: (aud) => {
        audiences.push(aud);
        return Promise.resolve(secret);
      },
      log: (s) => lines.push(s),
    });
    expect(out.ok).toBe(true);
    expect(server.lastHeaders()?.authorization).toBe(`Bearer ${secret}`);
    expect(audiences).toEqual([server.url, server.url]);
    expect(lines.join('\n')).not.toContain('secret-token-value');
    expect(JSON.stringify(out)).not.toContain('secret-token-value');
  });

  it('audience is the origin of the service URL', () => {
    expect(audienceFor('https://pr-7---svc-abc-uc.a.run.app/some/path?q=1')).toBe(
      'https://pr-7---svc-abc-uc.a.run.app',
    );
  });
});
