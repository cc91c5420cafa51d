/**
 * Per-PR PostgreSQL against a real server (a private cluster started for this file): databases and schemas
 * per PR, roles that reach only their own, template copies, marker-checked drops, and the one-line failure
 * for a server that cannot be reached.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/config/user-error.js';
import { checkReachable, listMarked, PostgresData, type PostgresMade } from '../../src/data/postgres.js';
import { skipWithout } from './support/needs.js';
import { freePort, startPostgres, type PostgresServer } from './support/servers.js';

let server: PostgresServer;

async function sql<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

function adminOn(database: string): string {
  const u = new URL(server.adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function exists(kind: 'database' | 'role', name: string): Promise<boolean> {
  const q =
    kind === 'database'
      ? 'SELECT 1 FROM pg_database WHERE datname = $1'
      : 'SELECT 1 FROM pg_roles WHERE rolname = $1';
  return (await sql(server.adminUrl, q, [name])).length === 1;
}

/** The app's URL for what was made (production's DATABASE_URL rewritten). */
function appUrl(data: PostgresData, made: PostgresMade): string {
  const env = data.wire(made);
  const url = env.DATABASE_URL;
  if (!url) throw new Error('no DATABASE_URL wired');
  expect(url.secret).toBe(true);
  return url.value;
}

const PRODUCTION_URL = (): string =>
  `postgres://app:prod-secret@127.0.0.1:${server.port}/app?application_name=app`;

describe.skipIf(skipWithout('per-PR PostgreSQL', ['postgresql']))('per-PR PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPostgres();
    // Production's database and the template with its seed row, both made by someone else.
    await sql(server.adminUrl, 'CREATE DATABASE app');
    await sql(adminOn('app'), 'CREATE TABLE orders (id serial PRIMARY KEY, item text)');
    await sql(adminOn('app'), "INSERT INTO orders (item) VALUES ('production row')");
    await sql(server.adminUrl, 'CREATE DATABASE app_template');
    await sql(adminOn('app_template'), 'CREATE TABLE seed (id serial PRIMARY KEY, name text)');
    await sql(adminOn('app_template'), "INSERT INTO seed (name) VALUES ('seeded')");
  });
  afterAll(async () => {
    await server?.stop();
  });

  const pr = (n: number, extra: Partial<ConstructorParameters<typeof PostgresData>[0]> = {}): PostgresData =>
    new PostgresData({
      adminUrl: server.adminUrl,
      service: 'api',
      pr: n,
      isolation: 'database',
      template: 'app_template',
      productionUrl: PRODUCTION_URL(),
      ...extra,
    });

  it('copies the template (seed row included) into a marked database the PR role owns and can migrate', async () => {
    const data = pr(42);
    const made = await data.create();
    expect(made).toMatchObject({ database: 'gcpd_api_pr42', user: 'gcpd_api_pr42', created: true });
    const url = appUrl(data, made);
    // Production's host and options, the PR's database and credentials.
    expect(url).toBe(
      `postgres://gcpd_api_pr42:${made.password}@127.0.0.1:${server.port}/gcpd_api_pr42?application_name=app`,
    );
    expect(url).not.toContain('prod-secret');
    const rows = await sql<{ n: string; db: string; who: string }>(
      url,
      'SELECT count(*) AS n, current_database() AS db, current_user AS who FROM seed',
    );
    expect(rows).toEqual([{ n: '1', db: 'gcpd_api_pr42', who: 'gcpd_api_pr42' }]);
    // A migration: alters the copied table and adds one of its own.
    await sql(url, 'ALTER TABLE seed ADD COLUMN note text');
    await sql(url, 'CREATE TABLE migrated (id int)');
    expect(
      await sql(adminOn('app_template'), "SELECT 1 FROM pg_tables WHERE tablename = 'migrated'"),
    ).toEqual([]);
    const marks = await sql<{ m: string }>(
      server.adminUrl,
      "SELECT shobj_description(oid, 'pg_database') AS m FROM pg_database WHERE datname = 'gcpd_api_pr42'",
    );
    expect(marks).toEqual([{ m: 'gcp-deploy:pr-data service=api pr=42' }]);
  });

  it('a later push keeps the data and rotates the password', async () => {
    const data = pr(42);
    const before = appUrl(data, await pr(42).create()); // a fresh password, the old one no longer works
    const made = await data.create();
    expect(made.created).toBe(false);
    const url = appUrl(data, made);
    expect(await sql(url, "SELECT 1 FROM pg_tables WHERE tablename = 'migrated'")).toHaveLength(1);
    await expect(sql(before, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });

  it("keeps two PRs apart: PR 42's role cannot connect to PR 43's database, nor to the template", async () => {
    const p42 = pr(42);
    const url42 = appUrl(p42, await p42.create());
    const p43 = pr(43);
    const made43 = await p43.create();
    expect(made43.database).toBe('gcpd_api_pr43');
    const into43 = url42.replace('/gcpd_api_pr42?', '/gcpd_api_pr43?');
    await expect(sql(into43, 'SELECT 1')).rejects.toThrow(/permission denied for database "gcpd_api_pr43"/);
    // PR 43's copy has the seed but not PR 42's migration.
    const url43 = appUrl(p43, made43);
    expect(await sql(url43, "SELECT 1 FROM pg_tables WHERE tablename = 'migrated'")).toEqual([]);
    expect(await sql(url43, 'SELECT name FROM seed')).toEqual([{ name: 'seeded' }]);
    // Production's rows are not readable by a PR role (it may connect where PUBLIC may, but owns nothing there).
    const intoApp = url42.replace('/gcpd_api_pr42?', '/app?');
    await expect(sql(intoApp, 'SELECT * FROM orders')).rejects.toThrow(/permission denied for table orders/);
  });

  it('database_reset copies the template again', async () => {
    const data = pr(42, { reset: true });
    const made = await data.create();
    expect(made.created).toBe(true);
    const url = appUrl(data, made);
    expect(await sql(url, "SELECT 1 FROM pg_tables WHERE tablename = 'migrated'")).toEqual([]);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM seed')).toEqual([{ n: 1 }]);
  });

  it('drops the database and role only when they carry this PR’s marker; never the template', async () => {
    // PR 44's names, made by hand without the marker, and PR 45's with another PR's marker.
    await sql(server.adminUrl, 'CREATE ROLE gcpd_api_pr44 LOGIN');
    await sql(server.adminUrl, 'CREATE DATABASE gcpd_api_pr44');
    await sql(server.adminUrl, 'CREATE DATABASE gcpd_api_pr45');
    await sql(server.adminUrl, "COMMENT ON DATABASE gcpd_api_pr45 IS 'gcp-deploy:pr-data service=api pr=4'");
    const r44 = await pr(44).drop();
    expect(r44.dropped).toEqual([]);
    expect(r44.kept.map((k) => k.name)).toEqual(['database gcpd_api_pr44', 'role gcpd_api_pr44']);
    expect(r44.kept[0]?.reason).toMatch(/without the gcp-deploy marker/);
    expect(await exists('database', 'gcpd_api_pr44')).toBe(true);
    expect(await exists('role', 'gcpd_api_pr44')).toBe(true);
    const r45 = await pr(45).drop();
    expect(r45.kept[0]?.reason).toMatch(/marker "gcp-deploy:pr-data service=api pr=4" is not this PR's/);
    expect(await exists('database', 'gcpd_api_pr45')).toBe(true);
    // Creating over an unmarked database is refused as well (it would hand someone's data to the PR).
    await expect(pr(44).create()).rejects.toThrow(/role gcpd_api_pr44 .*without the gcp-deploy marker/);

    // The stale sweep's view: only marked resources.
    const marked = (await listMarked(server.adminUrl)).map((m) => `${m.kind} ${m.name}`).sort();
    expect(marked).toEqual([
      'database gcpd_api_pr42',
      'database gcpd_api_pr43',
      'role gcpd_api_pr42',
      'role gcpd_api_pr43',
    ]);

    // A connected preview does not block its own cleanup.
    const p42 = pr(42);
    const held = new pg.Client({ connectionString: appUrl(p42, await p42.create()) });
    held.on('error', () => undefined);
    await held.connect();
    const r42 = await p42.drop();
    await held.end().catch(() => undefined);
    expect(r42).toEqual({ dropped: ['database gcpd_api_pr42', 'role gcpd_api_pr42'], kept: [] });
    expect(await exists('database', 'gcpd_api_pr42')).toBe(false);
    expect(await exists('role', 'gcpd_api_pr42')).toBe(false);
    // Everything else is as it was.
    for (const db of ['gcpd_api_pr43', 'app', 'app_template', 'gcpd_api_pr44'])
      expect(await exists('database', db)).toBe(true);
    expect(await sql(adminOn('app'), 'SELECT item FROM orders')).toEqual([{ item: 'production row' }]);
    // Dropping again finds nothing and is not an error.
    expect(await p42.drop()).toEqual({ dropped: [], kept: [] });
  });

  it('refuses the template as a per-PR name and a template with schema isolation', () => {
    expect(() => pr(42, { template: 'gcpd_api_pr42' })).toThrow(/Input 'database_template'/);
    expect(() => pr(42, { isolation: 'schema' })).toThrow(/database_isolation 'database' only/);
  });

  it('schema isolation: one schema per PR in the app database, reached through search_path', async () => {
    const opts = { isolation: 'schema' as const, template: undefined, appDatabase: 'app' };
    const s52 = pr(52, opts);
    const s53 = pr(53, opts);
    const url52 = appUrl(s52, await s52.create());
    const url53 = appUrl(s53, await s53.create());
    expect(new URL(url52).pathname).toBe('/app');
    await sql(url52, 'CREATE TABLE items (id int)'); // lands in the PR's schema
    expect(await sql(adminOn('app'), "SELECT schemaname FROM pg_tables WHERE tablename = 'items'")).toEqual([
      { schemaname: 'gcpd_api_pr52' },
    ]);
    await expect(sql(url53, 'SELECT * FROM gcpd_api_pr52.items')).rejects.toThrow(
      /permission denied for schema gcpd_api_pr52/,
    );
    await expect(sql(url52, 'SELECT * FROM public.orders')).rejects.toThrow(/permission denied/);
    const dropped = await s52.drop();
    expect(dropped).toEqual({ dropped: ['schema gcpd_api_pr52', 'role gcpd_api_pr52'], kept: [] });
    expect(await sql(adminOn('app'), "SELECT 1 FROM pg_namespace WHERE nspname = 'gcpd_api_pr52'")).toEqual(
      [],
    );
    expect(await sql(adminOn('app'), 'SELECT count(*)::int AS n FROM orders')).toEqual([{ n: 1 }]);
    expect((await s53.drop()).dropped).toEqual(['schema gcpd_api_pr53', 'role gcpd_api_pr53']);
    // A role that still owns a database elsewhere is kept, with the server's reason.
    const s43 = pr(43, opts);
    await s43.create();
    const r43 = await s43.drop();
    expect(r43.dropped).toEqual(['schema gcpd_api_pr43']);
    expect(r43.kept.map((k) => k.name)).toEqual(['role gcpd_api_pr43']);
    expect(r43.kept[0]?.reason).toMatch(/owner of database gcpd_api_pr43/);
  });

  it('an unreachable database_url fails with one line: host, port and the error, never the password', async () => {
    const port = await freePort(); // nothing listens there
    const url = `postgres://postgres:hunter2@127.0.0.1:${port}/postgres`;
    const err = await checkReachable(url, 2000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    const message = (err as Error).message;
    expect(message).toBe(
      `Input 'database_url': cannot reach PostgreSQL at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(message).not.toContain('hunter2');
    const wrongPassword = server.adminUrl.replace(/:[0-9a-f]+@/, ':hunter2@');
    await expect(checkReachable(wrongPassword)).rejects.toThrow(
      new RegExp(
        `^Input 'database_url': cannot reach PostgreSQL at 127\\.0\\.0\\.1:${server.port}: password authentication failed for user "postgres"$`,
      ),
    );
  });
});
