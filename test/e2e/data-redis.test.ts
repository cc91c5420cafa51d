/**
 * Per-PR cache namespace against a real redis-server (started for this file): the prefix the app gets, and
 * cleanup that removes exactly that prefix's keys, in batches, leaving other PRs' and production's keys.
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisNamespace } from '../../src/data/redis.js';
import { skipWithout } from './support/needs.js';
import { freePort, startRedis, type RedisServer } from './support/servers.js';

let server: RedisServer;

describe.skipIf(skipWithout('per-PR Redis', ['redis-server']))('per-PR cache namespace', () => {
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('wires the prefix and drops only its keys, a batch at a time', async () => {
    const ns = new RedisNamespace({ cacheUrl: server.url, service: 'api', pr: 42, batch: 100 });
    const made = await ns.create();
    expect(ns.wire(made)).toEqual({ REDIS_PREFIX: { value: 'api:pr-42:', secret: false } });
    expect(
      new RedisNamespace({ cacheUrl: server.url, service: 'api', pr: 42, env: 'CACHE_NS' }).wire(made),
    ).toEqual({
      CACHE_NS: { value: 'api:pr-42:', secret: false },
    });

    const c = createClient({ url: server.url });
    await c.connect();
    try {
      const mine = Array.from({ length: 1234 }, (_, i) => `api:pr-42:k${i}`);
      for (let i = 0; i < mine.length; i += 200)
        await c.mSet(Object.fromEntries(mine.slice(i, i + 200).map((k) => [k, 'v'])));
      await c.hSet('api:pr-42:hash', 'f', 'v');
      const others = [
        'api:pr-420:x',
        'api:pr-4:x',
        'api:pr-43:x',
        'api:prod:x',
        'worker:pr-42:x',
        'api:pr-42',
      ];
      for (const k of others) await c.set(k, 'keep');
      // Count the UNLINK calls the cleanup makes.
      const before = Number(/cmdstat_unlink:calls=(\d+)/.exec(await c.info('commandstats'))?.[1] ?? 0);
      const report = await ns.drop();
      const after = Number(/cmdstat_unlink:calls=(\d+)/.exec(await c.info('commandstats'))?.[1] ?? 0);
      expect(report).toEqual({ dropped: ['1235 cache key(s) under api:pr-42:'], kept: [] });
      expect(after - before).toBeGreaterThanOrEqual(13); // 1235 keys, at most 100 per UNLINK
      expect((await c.keys('*')).sort()).toEqual([...others].sort());
      expect(await ns.drop()).toEqual({ dropped: ['0 cache key(s) under api:pr-42:'], kept: [] });
    } finally {
      c.destroy();
    }
  });

  it('a service name with glob characters matches itself only', async () => {
    const c = createClient({ url: server.url });
    await c.connect();
    try {
      await c.set('a*:pr-1:k', 'v');
      await c.set('ab:pr-1:k', 'keep');
      const report = await new RedisNamespace({ cacheUrl: server.url, service: 'a*', pr: 1 }).drop();
      expect(report.dropped).toEqual(['1 cache key(s) under a*:pr-1:']);
      expect(await c.get('ab:pr-1:k')).toBe('keep');
    } finally {
      await c.flushAll();
      c.destroy();
    }
  });

  it('an unreachable cache_url fails with one line: host, port and the error, never the password', async () => {
    const port = await freePort();
    const ns = new RedisNamespace({ cacheUrl: `redis://:hunter2@127.0.0.1:${port}`, service: 'api', pr: 42 });
    const err = await ns.create().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      `Input 'cache_url': cannot reach Redis at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    const wrong = new RedisNamespace({
      cacheUrl: `redis://:hunter2@127.0.0.1:${server.port}`,
      service: 'api',
      pr: 42,
    });
    await expect(wrong.create()).rejects.toThrow(
      new RegExp(`^Input 'cache_url': cannot reach Redis at 127\\.0\\.0\\.1:${server.port}: WRONGPASS`),
    );
  });
});
