/**
 * The private PostgreSQL and Redis servers the per-PR data tests run against: they start on free loopback
 * ports with password authentication, and leave nothing listening once stopped.
 */
import { connect } from 'node:net';
import pg from 'pg';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { skipWithout } from './support/needs.js';
import { startPostgres, startRedis } from './support/servers.js';

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe.skipIf(skipWithout('test servers (PostgreSQL)', ['postgresql']))('private PostgreSQL', () => {
  it('answers the superuser with its password, refuses a wrong one, and is gone after stop', async () => {
    const server = await startPostgres();
    try {
      const c = new pg.Client({ connectionString: server.adminUrl });
      await c.connect();
      const { rows } = await c.query<{ user: string }>('SELECT current_user AS user');
      expect(rows[0]?.user).toBe('postgres');
      await c.end();
      const wrong = new pg.Client({ connectionString: server.adminUrl.replace(/:[0-9a-f]+@/, ':nope@') });
      await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
    expect(await listening(server.port)).toBe(false);
  });
});

describe.skipIf(skipWithout('test servers (Redis)', ['redis-server']))('private Redis', () => {
  it('needs its password, stores keys, and is gone after stop', async () => {
    const server = await startRedis();
    try {
      const c = createClient({ url: server.url });
      await c.connect();
      await c.set('k', 'v');
      expect(await c.get('k')).toBe('v');
      await c.quit();
      const anon = createClient({
        url: `redis://127.0.0.1:${server.port}`,
        socket: { reconnectStrategy: false },
      });
      anon.on('error', () => undefined);
      await expect(anon.connect()).rejects.toThrow(/NOAUTH/);
    } finally {
      await server.stop();
    }
    expect(await listening(server.port)).toBe(false);
  });
});
