/**
 * Per-PR cache namespace: a key prefix `<service>:pr-<n>:` handed to the app, and cleanup that deletes that
 * prefix's keys with SCAN and UNLINK in batches (never KEYS, which blocks the server, and never FLUSHDB).
 */
import { createClient } from 'redis';
import { UserError, errorMessage } from '../config/user-error.js';
import type { DropReport, PerPrData, WiredEnv } from './per-pr-data.js';

export interface RedisNamespaceOptions {
  /** `cache_url`: redis:// or rediss:// admin connection (a secret). */
  cacheUrl: string;
  service: string;
  pr: number;
  /** `cache_env`: the variable the prefix goes in (default REDIS_PREFIX). */
  env?: string;
  /** Keys asked of each SCAN and removed by each UNLINK (default 500). */
  batch?: number;
  connectTimeoutMs?: number;
}

/** `<service>:pr-<n>:`; glob characters are escaped when it is used as a SCAN pattern. */
export function cachePrefix(service: string, pr: number): string {
  return `${service}:pr-${pr}:`;
}

/** A SCAN MATCH pattern that matches exactly the keys starting with `prefix`. */
export function matchPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, (ch) => `\\${ch}`)}*`;
}

export class RedisNamespace implements PerPrData<{ prefix: string }> {
  readonly prefix: string;

  constructor(private readonly opts: RedisNamespaceOptions) {
    this.prefix = cachePrefix(opts.service, opts.pr);
  }

  /** A connected client, or one clear line naming cache_url, host and port, and the error. */
  private async connect() {
    const c = createClient({
      url: this.opts.cacheUrl,
      socket: { reconnectStrategy: false, connectTimeout: this.opts.connectTimeoutMs ?? 10_000 },
    });
    c.on('error', () => undefined); // surfaced by the command that failed
    try {
      await c.connect();
    } catch (err) {
      let where = 'the server';
      try {
        const u = new URL(this.opts.cacheUrl);
        where = `${u.hostname}:${u.port || 6379}`;
      } catch {
        // the client's message says what is wrong with the URL
      }
      throw new UserError(
        `Input 'cache_url': cannot reach Redis at ${where}: ${errorMessage(err).replace(/\s+/g, ' ')}`,
        'cache_url',
      );
    }
    return c;
  }

  /** Nothing to make: the prefix is the namespace. Checks that the server answers. */
  async create(): Promise<{ prefix: string }> {
    const c = await this.connect();
    try {
      await c.ping();
    } finally {
      c.destroy();
    }
    return { prefix: this.prefix };
  }

  wire(made: { prefix: string }): WiredEnv {
    return { [this.opts.env || 'REDIS_PREFIX']: { value: made.prefix, secret: false } };
  }

  /** Deletes every key under the prefix, a batch at a time; returns how many went. */
  async drop(): Promise<DropReport> {
    const count = this.opts.batch ?? 500;
    const c = await this.connect();
    let deleted = 0;
    try {
      for await (const keys of c.scanIterator({ MATCH: matchPattern(this.prefix), COUNT: count })) {
        for (let i = 0; i < keys.length; i += count) {
          const batch = keys.slice(i, i + count);
          if (batch.length > 0) deleted += await c.unlink(batch);
        }
      }
    } finally {
      c.destroy();
    }
    return { dropped: [`${deleted} cache key(s) under ${this.prefix}`], kept: [] };
  }
}
