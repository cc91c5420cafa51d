/**
 * `database_admin_image` through dist/index.js: per-PR provisioning and cleanup done by psql in a Cloud Run job
 * that has the service's VPC access, against the emulator and a real PostgreSQL.
 *
 * How the job gets a PostgreSQL client here: the emulator's process runtime ignores a task's image and runs its
 * command + args on this machine (runtime-process.ts), so the job's fixed `sh -c '… | psql …'` runs the
 * host's sh and psql (Debian's postgresql-client), standing in for an image holding them; the image name is
 * only checked and stored. Everything else is as on Cloud Run: the job's env is two secretKeyRefs that the
 * emulator resolves at task start only when the job's identity holds secretAccessor, and the result is read
 * back from the task's log through Cloud Logging's entries:list.
 *
 * The runner and the job share this machine's loopback, so "the runner cannot reach the server" is shown by
 * what the server saw: it logs every connection (log_connections) with its application_name, and during the
 * action's runs every admin connection is psql's; the action's own client (node-postgres, no application
 * name) never connects.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { JobsClient, RevisionsClient, ServicesClient } from '@google-cloud/run';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { pullRequestEvent, runAction, type ActionRun } from './support/action-runner.js';
import { emulatorOptions } from './support/emulator-options.js';
import type { Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';
import {
  TEST_APPLICATION_NAME,
  createTemplateAndProduction,
  dataDeployer,
  databaseNames,
  previewRoles,
  queryAs,
  writeDataScripts,
  writeScript,
} from './support/per-pr-data.js';
import { startPostgres, type PostgresServer } from './support/servers.js';

const PROJECT = 'demo-project';
const REGION = 'us-central1';
const SERVICE = 'shop';
const LOCATION = `projects/${PROJECT}/locations/${REGION}`;
const IMAGE = `local/shop@sha256:${'0'.repeat(64)}`;
const ADMIN_IMAGE = 'us-central1-docker.pkg.dev/demo-project/tools/psql:15';
const CONNECTOR = `${LOCATION}/connectors/private-sql`;
const PREVIEW_SA = `preview-runtime@${PROJECT}.iam.gserviceaccount.com`;
const ADMIN_SA = `db-admin@${PROJECT}.iam.gserviceaccount.com`;
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

let emulator: Emulator;
let postgres: PostgresServer;
let deployer: Caller;
let services: ServicesClient;
let jobs: JobsClient;
let secrets: SecretManagerServiceClient;
let dir: string;

const query = <T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]> =>
  queryAs<T>(postgres, database, sql);
const databases = (): Promise<string[]> => databaseNames(postgres);
const roles = (): Promise<string[]> => previewRoles(postgres);
const script = (name: string, body: string): string => writeScript(dir, name, body);

const adminPassword = (): string => decodeURIComponent(new URL(postgres.adminUrl).password);

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    command: 'auto',
    project_id: PROJECT,
    region: REGION,
    service: SERVICE,
    image: IMAGE,
    comment: 'false',
    health_path: '/healthz',
    health_timeout: '30s',
    preview_service_account: PREVIEW_SA,
    isolation: 'strict',
    database_url: postgres.adminUrl,
    database_admin_image: ADMIN_IMAGE,
    database_template: 'app_template',
    migrate_command: `${process.execPath} ${join(dir, 'migrate.js')}`,
    seed_command: `${process.execPath} ${join(dir, 'seed.js')}`,
    ...extra,
  };
}

/** Runs the action for a PR event; returns the run and the admin connections the server saw meanwhile. */
async function pr(
  n: number,
  push: number,
  action: 'opened' | 'synchronize' | 'closed',
  extra: Record<string, string> = {},
): Promise<{ run: ActionRun; adminConnections: string[] }> {
  const from = postgres.log().length;
  const run = await runAction({
    inputs: inputs(extra),
    eventName: 'pull_request',
    event: pullRequestEvent({ number: n, sha: sha(n * 10 + push), action }),
    env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
  });
  const adminConnections = postgres
    .log()
    .slice(from)
    .split('\n')
    .filter(
      (l) =>
        /connection authorized: user=postgres\b/.test(l) &&
        !l.includes(`application_name=${TEST_APPLICATION_NAME}`),
    );
  return { run, adminConnections };
}

async function tagUrl(tag: string): Promise<string> {
  const [svc] = await services.getService({ name: `${LOCATION}/services/${SERVICE}` });
  const url = (svc.trafficStatuses ?? []).find((t) => t.tag === tag)?.uri;
  if (!url) throw new Error(`no URL for tag ${tag}`);
  return url;
}

async function ask(tag: string): Promise<{ db: string; seeds: number; migrations: number }> {
  const res = await deployer.fetch(`${await tagUrl(tag)}/`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as { db: string; seeds: number; migrations: number };
}

const grpcCode = async (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => undefined,
    (err: { code?: number }) => err.code,
  );
const secretName = (id: string): string => `projects/${PROJECT}/secrets/${id}`;

describe.skipIf(skipWithout('per-PR data through an admin job', ['postgresql']))(
  'database_admin_image: provisioning as a Cloud Run job in the service network',
  () => {
    beforeAll(async () => {
      postgres = await startPostgres(['log_connections=on']);
      emulator = await startEmulator({ runtime: 'process' });
      deployer = dataDeployer(emulator, PROJECT, PREVIEW_SA);
      const options = emulatorOptions(emulator);
      services = new ServicesClient(options);
      jobs = new JobsClient(options);
      secrets = new SecretManagerServiceClient(options);
      const scripts = writeDataScripts('gcpd-dbjob-e2e-', { reportsPrefix: false });
      dir = scripts.dir;
      const app = scripts.app;
      await createTemplateAndProduction(postgres);

      script(
        'migrate-schema.js',
        `(async () => {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS seeds (name text)');
  await c.query('CREATE TABLE IF NOT EXISTS migrations_run (id serial PRIMARY KEY)');
  await c.query('INSERT INTO migrations_run DEFAULT VALUES');
  await c.end();
})().catch((err) => { console.error(err.message); process.exit(1); });`,
      );
      // Production reaches its private-IP database through a VPC connector.
      const prodUrl = new URL(postgres.adminUrl);
      prodUrl.username = 'app';
      prodUrl.password = 'Pr0d-Passw0rd-91ab';
      prodUrl.pathname = '/production';
      for (const [id, vpc] of [
        [SERVICE, true],
        ['public-only', false],
      ] as const) {
        const [op] = await services.createService({
          parent: LOCATION,
          serviceId: id,
          service: {
            template: {
              revision: `${id}-terraform-1`,
              ...(vpc ? { vpcAccess: { connector: CONNECTOR, egress: 'PRIVATE_RANGES_ONLY' } } : {}),
              containers: [
                {
                  name: 'app',
                  image: IMAGE,
                  command: [process.execPath],
                  args: [app],
                  env: [{ name: 'DATABASE_URL', value: prodUrl.toString() }],
                },
              ],
            },
          },
        });
        await op.promise();
      }
    }, 120_000);

    afterAll(async () => {
      await Promise.all([services?.close(), jobs?.close(), secrets?.close()]);
      await emulator?.stop();
      await postgres?.stop();
      deployer?.remove();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('PR 42 opened: the job makes the database from the template; the runner never connects', async () => {
      const { run, adminConnections } = await pr(42, 1, 'opened');
      expect(run.code, run.stdout + run.stderr).toBe(0);
      // Every admin connection was the job's psql; none came from the action's own client.
      expect(adminConnections.length).toBeGreaterThan(0);
      for (const line of adminConnections) expect(line).toContain('application_name=psql');
      expect(await databases()).toContain('gcpd_shop_pr42');
      expect(await roles()).toEqual(['gcpd_shop_pr42']);
      // The copy was handed to the PR's role (its migration could alter it), and only its role may connect.
      const [owner] = await query<{ o: string }>(
        'gcpd_shop_pr42',
        "SELECT tableowner AS o FROM pg_tables WHERE tablename = 'seeds'",
      );
      expect(owner?.o).toBe('gcpd_shop_pr42');
      // Migrated and seeded once, reached through the PR's own connection.
      expect(await ask('pr-42')).toEqual({ db: 'gcpd_shop_pr42', seeds: 2, migrations: 1 });
      // Without database_admin_service_account the job shares the preview's identity, and the run says so.
      expect(run.stdout).toContain("runs as the preview's identity");

      // The job: the action's labels, the admin image, the service's connector, the preview identity, and an
      // env of secret references only; its secrets are gone once it ran.
      const [job] = await jobs.getJob({ name: `${LOCATION}/jobs/shop-pr42-dbadmin` });
      expect(job.labels).toMatchObject({
        'managed-by': 'gcp-deploy',
        'gcp-deploy-pr': '42',
        'gcp-deploy-service': SERVICE,
      });
      const task = job.template?.template;
      expect(task?.vpcAccess?.connector).toBe(CONNECTOR);
      expect(task?.serviceAccount).toBe(PREVIEW_SA);
      const c = task?.containers?.[0];
      expect(c?.image).toBe(ADMIN_IMAGE);
      expect(c?.command).toEqual(['sh']);
      for (const e of c?.env ?? []) {
        expect(e.value ?? '').toBe('');
        expect(e.valueSource?.secretKeyRef?.secret).toMatch(
          /^gcp-deploy-shop-pr-42-database-admin-(url|sql)$/,
        );
      }
      expect(c?.env).toHaveLength(2);
      expect(JSON.stringify(job)).not.toContain(adminPassword());
      for (const id of ['url', 'sql'])
        expect(
          await grpcCode(
            secrets.getSecret({ name: secretName(`gcp-deploy-shop-pr-42-database-admin-${id}`) }),
          ),
        ).toBe(5);
      // The runner consumes ::add-mask:: commands (how the password gets masked); nothing else shows it.
      const shown = (run.stdout + run.stderr).split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(shown.join('\n') + run.summary).not.toContain(adminPassword());
    }, 180_000);

    it('PR 42 pushed again: the job keeps the database (no second seed) and migrate runs again', async () => {
      const { run, adminConnections } = await pr(42, 2, 'synchronize');
      expect(run.code, run.stdout + run.stderr).toBe(0);
      for (const line of adminConnections) expect(line).toContain('application_name=psql');
      expect(await ask('pr-42')).toEqual({ db: 'gcpd_shop_pr42', seeds: 2, migrations: 2 });
      expect(run.summary).toContain('was kept with its data');
    }, 180_000);

    it('PR 42 closed: the job drops the database and role, then its jobs and secret go too', async () => {
      // Something of the same shape the action did not make is never dropped.
      await query('postgres', 'CREATE ROLE gcpd_shop_pr7');
      const { run, adminConnections } = await pr(42, 3, 'closed');
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(adminConnections.length).toBeGreaterThan(0);
      for (const line of adminConnections) expect(line).toContain('application_name=psql');
      const dbs = await databases();
      expect(dbs).not.toContain('gcpd_shop_pr42');
      expect(dbs).toEqual(expect.arrayContaining(['production', 'app_template']));
      expect(await roles()).toEqual(['gcpd_shop_pr7']);
      for (const id of ['shop-pr42-dbadmin', 'shop-pr42-migrate', 'shop-pr42-seed'])
        expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/${id}` }))).toBe(5);
      for (const id of ['database', 'database-admin-url', 'database-admin-sql'])
        expect(await grpcCode(secrets.getSecret({ name: secretName(`gcp-deploy-shop-pr-42-${id}`) }))).toBe(
          5,
        );
      expect((await query<{ n: number }>('production', 'SELECT count(*)::int AS n FROM seeds'))[0]?.n).toBe(
        1,
      );
    }, 180_000);

    it('database_admin_service_account: the job runs as an identity of its own, the one its secrets are for', async () => {
      emulator.iam.grantServiceAccount(
        ADMIN_SA,
        'roles/iam.serviceAccountUser',
        `serviceAccount:${deployer.email}`,
      );
      const opened = await pr(44, 1, 'opened', { database_admin_service_account: ADMIN_SA });
      expect(opened.run.code, opened.run.stdout + opened.run.stderr).toBe(0);
      expect(opened.run.stdout).not.toContain("runs as the preview's identity");
      const [job] = await jobs.getJob({ name: `${LOCATION}/jobs/shop-pr44-dbadmin` });
      // The emulator starts a task only when its identity may read the secrets it references: the job ran as
      // the admin identity, so the secrets were granted to it, not to the preview's.
      expect(job.template?.template?.serviceAccount).toBe(ADMIN_SA);
      const [svc] = await services.getService({ name: `${LOCATION}/services/${SERVICE}` });
      const tagged = (svc.traffic ?? []).find((t) => t.tag === 'pr-44')?.revision;
      const [rev] = await new RevisionsClient(emulatorOptions(emulator)).getRevision({
        name: `${LOCATION}/services/${SERVICE}/revisions/${tagged}`,
      });
      expect(rev.serviceAccount).toBe(PREVIEW_SA);
      expect(await ask('pr-44')).toMatchObject({ db: 'gcpd_shop_pr44', seeds: 2 });

      const closed = await pr(44, 2, 'closed', { database_admin_service_account: ADMIN_SA });
      expect(closed.run.code, closed.run.stdout + closed.run.stderr).toBe(0);
      expect(await databases()).not.toContain('gcpd_shop_pr44');
    }, 240_000);

    it('schema isolation: the job makes a schema in the app database, and drops it with the PR', async () => {
      // One schema per PR in the app's database, which database_url names (production's here).
      const admin = new URL(postgres.adminUrl);
      admin.pathname = '/production';
      const schema = {
        database_url: admin.toString(),
        database_isolation: 'schema',
        database_template: '',
        migrate_command: `${process.execPath} ${join(dir, 'migrate-schema.js')}`,
      };
      const opened = await pr(46, 1, 'opened', schema);
      expect(opened.run.code, opened.run.stdout + opened.run.stderr).toBe(0);
      for (const line of opened.adminConnections) expect(line).toContain('application_name=psql');
      // The app's database is database_url's; its tables are in the PR's schema, found through search_path.
      expect(await ask('pr-46')).toEqual({ db: 'production', seeds: 1, migrations: 1 });
      const inSchema = await query<{ t: string }>(
        'production',
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'gcpd_shop_pr46' ORDER BY 1",
      );
      expect(inSchema.map((r) => r.t)).toEqual(['migrations_run', 'seeds']);
      const closed = await pr(46, 2, 'closed', schema);
      expect(closed.run.code, closed.run.stdout + closed.run.stderr).toBe(0);
      for (const line of closed.adminConnections) expect(line).toContain('application_name=psql');
      const schemas = await query<{ n: string }>(
        'production',
        "SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'gcpd%'",
      );
      expect(schemas).toEqual([]);
      expect((await query<{ n: number }>('production', 'SELECT count(*)::int AS n FROM seeds'))[0]?.n).toBe(
        1,
      );
      expect(await roles()).not.toContain('gcpd_shop_pr46');
      expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/shop-pr46-dbadmin` }))).toBe(5);
    }, 240_000);

    it('a name the action did not make: the job refuses it, the preview fails, nothing is deployed', async () => {
      await query('postgres', 'CREATE ROLE gcpd_shop_pr45 LOGIN');
      const { run } = await pr(45, 1, 'opened');
      expect(run.code).not.toBe(0);
      // psql's error, read back from the task's log, says why; the job exited non-zero.
      expect(run.stdout).toContain(
        "role gcpd_shop_pr45 exists without this PR's gcp-deploy marker; refusing to use it",
      );
      expect(run.stdout).toMatch(
        /provision job shop-pr45-dbadmin failed \(execution [^)]+\): .*exit code: 3/,
      );
      expect(await databases()).not.toContain('gcpd_shop_pr45');
      const [svc] = await services.getService({ name: `${LOCATION}/services/${SERVICE}` });
      expect((svc.traffic ?? []).map((t) => t.tag)).not.toContain('pr-45');
      for (const id of ['database', 'database-admin-url', 'database-admin-sql'])
        expect(await grpcCode(secrets.getSecret({ name: secretName(`gcp-deploy-shop-pr-45-${id}`) }))).toBe(
          5,
        );
      // The role stays as it was: no marker, no password set by the action.
      const [role] = await query<{ marker: string | null }>(
        'postgres',
        "SELECT shobj_description(oid, 'pg_authid') AS marker FROM pg_roles WHERE rolname = 'gcpd_shop_pr45'",
      );
      expect(role).toEqual({ marker: null });
    }, 180_000);

    it.each([
      [
        'without database_url',
        { database_url: '', database_template: '', migrate_command: '', seed_command: '' },
        /^::error::Input 'database_admin_image': got "us-central1-docker\.pkg\.dev\/demo-project\/tools\/psql:15"; allowed only with database_url/,
      ],
      [
        'for a service without VPC access',
        { service: 'public-only' },
        /^::error::Input 'database_admin_image': .*service public-only's network settings, and its template has no VPC access and no Cloud SQL instance/,
      ],
      [
        'for a service that does not exist yet',
        { service: 'brand-new' },
        /^::error::Input 'database_admin_image': .*that service does not exist yet/,
      ],
    ])(
      'bad input %s: one line before anything is made',
      async (_what, extra, error) => {
        emulator.recorder.clear();
        const { run, adminConnections } = await pr(44, 1, 'opened', extra);
        expect(run.code).toBe(1);
        const lines = run.stdout.split('\n').filter((l) => l.includes('database_admin_image'));
        expect(lines, run.stdout).toHaveLength(1);
        expect(lines[0]).toMatch(error);
        expect(emulator.recorder.mutations()).toEqual([]);
        expect(adminConnections).toEqual([]);
        expect(await databases()).not.toContain('gcpd_shop_pr44');
      },
      120_000,
    );
  },
);
