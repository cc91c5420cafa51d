/**
 * What the per-PR data tests share: a PostgreSQL holding a template database and production's, the deployer
 * the README describes for per-PR data, the preview app and the migrate/seed jobs as node scripts (the
 * emulator's process runtime runs them), and the test's own queries.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Emulator } from '../../../src/emulator/index.js';
import { serviceAccountCaller, type Caller } from './invoker.js';
import type { PostgresServer } from './servers.js';

const pgPath = createRequire(import.meta.url).resolve('pg');

/** The name the test's own connections carry, so a server log tells them from the action's and the jobs'. */
export const TEST_APPLICATION_NAME = 'e2e-test';

/** The test's own admin connection to `database`. */
export async function queryAs<T extends pg.QueryResultRow>(
  postgres: PostgresServer,
  database: string,
  sql: string,
): Promise<T[]> {
  const url = new URL(postgres.adminUrl);
  url.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: url.toString(), application_name: TEST_APPLICATION_NAME });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

export async function databaseNames(postgres: PostgresServer): Promise<string[]> {
  const rows = await queryAs<{ datname: string }>(
    postgres,
    'postgres',
    'SELECT datname FROM pg_database ORDER BY 1',
  );
  return rows.map((r) => r.datname);
}

/** The roles the action makes (`gcpd_…`). */
export async function previewRoles(postgres: PostgresServer): Promise<string[]> {
  const rows = await queryAs<{ rolname: string }>(
    postgres,
    'postgres',
    "SELECT rolname FROM pg_roles WHERE rolname LIKE 'gcpd_%'",
  );
  return rows.map((r) => r.rolname);
}

/** `app_template` with one seed row, and production's own database with its row. */
export async function createTemplateAndProduction(postgres: PostgresServer): Promise<void> {
  await queryAs(postgres, 'postgres', 'CREATE DATABASE app_template');
  await queryAs(
    postgres,
    'app_template',
    "CREATE TABLE seeds (name text); INSERT INTO seeds VALUES ('from the template')",
  );
  await queryAs(postgres, 'postgres', 'CREATE DATABASE production');
  await queryAs(
    postgres,
    'production',
    "CREATE TABLE seeds (name text); INSERT INTO seeds VALUES ('production row')",
  );
}

/** A node script in `dir` with node-postgres at hand as `pg`; returns its path. */
export function writeScript(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `const pg = require(${JSON.stringify(pgPath)});\n${body}\n`);
  return path;
}

export interface DataScripts {
  dir: string;
  /** The preview app: answers its database, seed rows and migrations through its own DATABASE_URL. */
  app: string;
  /** Adds a `migrations_run` row; with the argument `fail`, fails as a broken migration does. */
  migrate: string;
  /** Adds the seed job's row. */
  seed: string;
}

/**
 * The app and its jobs in a new temporary directory. With `reportsPrefix` the app also answers the cache key
 * prefix it was given (REDIS_PREFIX).
 */
export function writeDataScripts(prefix: string, opts: { reportsPrefix: boolean }): DataScripts {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const answer = opts.reportsPrefix
    ? "{ db, seeds, migrations, prefix: process.env.REDIS_PREFIX ?? '' }"
    : '{ db, seeds, migrations }';
  const app = writeScript(
    dir,
    'app.js',
    `require('node:http').createServer(async (req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  try {
    await c.connect();
    const db = (await c.query('SELECT current_database() AS d')).rows[0].d;
    const seeds = (await c.query('SELECT count(*)::int AS n FROM seeds')).rows[0].n;
    const m = await c.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'migrations_run'");
    const migrations = m.rows[0].n ? (await c.query('SELECT count(*)::int AS n FROM migrations_run')).rows[0].n : 0;
    res.end(JSON.stringify(${answer}));
  } catch (err) {
    res.statusCode = 500;
    res.end(String(err.message));
  } finally {
    c.end().catch(() => {});
  }
}).listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  const migrate = writeScript(
    dir,
    'migrate.js',
    `(async () => {
  if (process.argv[2] === 'fail') {
    console.log('connecting to ' + process.env.DATABASE_URL);
    console.error('migration 0002_add_price failed: column "price" of relation "items" already exists');
    process.exit(3);
  }
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS migrations_run (id serial PRIMARY KEY, at timestamptz DEFAULT now())');
  await c.query('INSERT INTO migrations_run DEFAULT VALUES');
  await c.end();
  console.log('migrated');
})().catch((err) => { console.error(err.message); process.exit(1); });`,
  );
  const seed = writeScript(
    dir,
    'seed.js',
    `(async () => {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query("INSERT INTO seeds VALUES ('from the seed job')");
  await c.end();
})().catch((err) => { console.error(err.message); process.exit(1); });`,
  );
  return { dir, app, migrate, seed };
}

/**
 * The deployer the README gives per-PR data: deploys and runs jobs, manages the PR's secrets, reads the jobs'
 * logs, and acts as the preview identity.
 */
export function dataDeployer(emulator: Emulator, project: string, previewAccount: string): Caller {
  const deployer = serviceAccountCaller(emulator, project, 'deployer', 'roles/run.developer');
  const member = `serviceAccount:${deployer.email}`;
  emulator.iam.grantProject(project, 'roles/secretmanager.admin', member);
  emulator.iam.grantProject(project, 'roles/logging.viewer', member);
  emulator.iam.grantServiceAccount(previewAccount, 'roles/iam.serviceAccountUser', member);
  return deployer;
}
