import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bearerExpiryMs, nextAuthRefreshMs } from '../../../src/checks/auth-refresh.js';
import { runSmoke } from '../../../src/checks/load-engine.js';
import { parseSmokeOptions } from '../../../src/checks/smoke-options.js';

/** An unsigned JWT whose only claim that matters here is its expiry. */
const jwt = (expMs: number, n = 0): string =>
  `e30.${Buffer.from(JSON.stringify({ exp: expMs / 1000, n })).toString('base64url')}.sig`;

describe('when the checks ask for their credentials again', () => {
  it.each([
    ['an hour-long token: every 30 s', 3_600_000, 30_000],
    ['a 60 s token: every 30 s', 60_000, 30_000],
    ['a 10 s token: halfway to expiry', 10_000, 5_000],
    ['an expired one: at once (250 ms)', -1_000, 250],
  ])('%s', (_, left, after) => {
    const now = 1_800_000_000_000;
    expect(nextAuthRefreshMs({ authorization: `Bearer ${jwt(now + left)}` }, now)).toBe(after);
  });

  it('headers without a JWT: every 30 s', () => {
    expect(nextAuthRefreshMs({}, 0)).toBe(30_000);
    expect(nextAuthRefreshMs({ authorization: 'Bearer ya29.opaque' }, 0)).toBe(30_000);
    expect(bearerExpiryMs({ Authorization: `Bearer ${jwt(5_000_000)}` })).toBe(5_000_000);
  });
});

describe('a smoke run longer than its ID token', () => {
  it('sends a token that has not expired with every request, renewed as it goes', async () => {
    let minted = 0;
    const expired: number[] = [];
    const seen = new Set<string>();
    const server = createServer((req, res) => {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      seen.add(token);
      const exp = bearerExpiryMs({ authorization: `Bearer ${token}` });
      if (exp === undefined || exp <= Date.now()) expired.push(exp ?? 0);
      res.writeHead(exp !== undefined && exp > Date.now() ? 200 : 401).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Tokens live 1 s; the run lasts 3.5 s.
      const out = await runSmoke(
        parseSmokeOptions(
          JSON.stringify({ vus: 2, duration: '3500ms', sleep: '50ms', thresholds: { checks: ['rate==1'] } }),
          'smoke',
        ),
        url,
        {
          authHeaders: () => Promise.resolve({ authorization: `Bearer ${jwt(Date.now() + 1000, ++minted)}` }),
        },
      );
      expect(expired).toEqual([]);
      expect(out.ok).toBe(true);
      expect(seen.size).toBeGreaterThanOrEqual(4);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
