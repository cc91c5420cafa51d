/**
 * Real PostgreSQL and Redis servers for the tests: each a private instance on a free loopback port, in its own
 * temporary directory, removed afterwards. Nothing here touches a system-wide cluster or service. The binaries
 * come from Debian's postgresql and redis-server packages (.ci/run installs them); a suite whose binaries are
 * missing is skipped through needs.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The directory holding initdb and postgres: PATH first, then Debian's versioned directories (Debian does not
 * put the server binaries on PATH), newest version first. Undefined when PostgreSQL is not installed.
 */
export function postgresBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = join(base, v, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  return undefined;
}

/** The redis-server binary, or undefined. */
export function redisServerBin(): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/sbin']) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
  }
  return undefined;
}

/** PostgreSQL refuses to run as root: as root, the server runs as the package's `postgres` user (or nobody). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
}

/** A running private PostgreSQL server. */
export interface PostgresServer {
  host: string;
  port: number;
  /** The superuser's connection URL (user postgres, a random password, database postgres). */
  adminUrl: string;
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>;
  /** What the server has written to its log so far (with `settings` such as log_connections=on). */
  log(): string;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log()}`);
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not accept connections within 30 s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a fresh cluster: initdb (scram-sha-256 for TCP, so passwords matter as on a real server) into a
 * temporary directory, then postgres on a free loopback port with its socket in that directory.
 */
export async function startPostgres(settings: string[] = []): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error('PostgreSQL is not installed (no initdb/postgres on PATH or in /usr/lib/postgresql)');
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: dir };
  const init = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      data,
      '-U',
      'postgres',
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ],
    { ...as, env, encoding: 'utf8', cwd: dir },
  );
  rmSync(pwfile, { force: true });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  let output = '';
  const child = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
      ...settings.flatMap((s) => ['-c', s]),
    ],
    { ...as, env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const stop = async (): Promise<void> => {
    await stopChild(child, 'SIGINT', 10_000); // SIGINT is PostgreSQL's fast shutdown
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'postgres',
      async () => {
        const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
        try {
          await c.connect();
          await c.end();
          return true;
        } catch {
          await c.end().catch(() => undefined);
          return false;
        }
      },
      child,
      () => output,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: '127.0.0.1', port, adminUrl, stop, log: () => output };
}

/** A running private Redis server. */
export interface RedisServer {
  host: string;
  port: number;
  /** redis://:password@127.0.0.1:port */
  url: string;
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port with a password, no persistence, in a temporary directory. */
export async function startRedis(): Promise<RedisServer> {
  const bin = redisServerBin();
  if (!bin) throw new Error('redis-server is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-redis-'));
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  let output = '';
  const child = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--requirepass',
      password,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const url = `redis://:${password}@127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopChild(child, 'SIGTERM', 10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'redis-server',
      async () => {
        const c = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
        c.on('error', () => undefined);
        try {
          await c.connect();
          await c.ping();
          await c.quit();
          return true;
        } catch {
          await c.disconnect().catch(() => undefined);
          return false;
        }
      },
      child,
      () => output,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: '127.0.0.1', port, url, stop };
}
