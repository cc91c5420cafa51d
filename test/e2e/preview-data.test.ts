/**
 * Per-PR data through dist/index.js, against the emulator (process runtime: each revision and job task is a
 * node process), a real PostgreSQL and a real Redis. Production serves `shop` with a plain DATABASE_URL; each
 * PR's preview gets a database copied from a template with a seed row, its connection as a Secret Manager
 * secret the revision references, and `migrate` run as a Cloud Run job before its tag moves. The app answers
 * through its own connection with its database name and the seed row count.
 */
import { readFileSync, rmSync } from 'node:fs';
import { connect, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { JobsClient, RevisionsClient, ServicesClient } from '@google-cloud/run';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type pg from 'pg';
import { createClient } from 'redis';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startGitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent, repoRoot, runAction, type ActionRun } from './support/action-runner.js';
import { emulatorOptions } from './support/emulator-options.js';
import type { Caller } from './support/invoker.js';
import {
  createTemplateAndProduction,
  dataDeployer,
  databaseNames,
  previewRoles,
  queryAs,
  writeDataScripts,
} from './support/per-pr-data.js';
import { skipWithout } from './support/needs.js';
import {
  freePort,
  startPostgres,
  startRedis,
  type PostgresServer,
  type RedisServer,
} from './support/servers.js';

const PROJECT = 'demo-project';
const REGION = 'us-central1';
const SERVICE = 'shop';
const LOCATION = `projects/${PROJECT}/locations/${REGION}`;
const IMAGE = `local/shop@sha256:${'0'.repeat(64)}`;
const PREVIEW_SA = `preview-runtime@${PROJECT}.iam.gserviceaccount.com`;
const PROD_PASSWORD = 'Pr0d-Passw0rd-91ab';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

let emulator: Emulator;
let postgres: PostgresServer;
let redis: RedisServer;
let deployer: Caller;
let services: ServicesClient;
let revisions: RevisionsClient;
let jobs: JobsClient;
let secrets: SecretManagerServiceClient;
let dir: string;
const outputs: string[] = [];

const query = <T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]> =>
  queryAs<T>(postgres, database, sql);
const databases = (): Promise<string[]> => databaseNames(postgres);
const roles = (): Promise<string[]> => previewRoles(postgres);

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
    database_template: 'app_template',
    migrate_command: `${process.execPath} ${join(dir, 'migrate.js')}`,
    seed_command: `${process.execPath} ${join(dir, 'seed.js')}`,
    cache_url: redis.url,
    ...extra,
  };
}

async function pr(
  n: number,
  push: number,
  extra: Record<string, string> = {},
  action: 'opened' | 'synchronize' | 'closed' = 'synchronize',
): Promise<ActionRun> {
  const run = await runAction({
    inputs: inputs(extra),
    eventName: 'pull_request',
    event: pullRequestEvent({ number: n, sha: sha(n * 10 + push), action }),
    env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
  });
  outputs.push(shown(run.stdout), shown(run.stderr), run.summary, JSON.stringify(run.outputs));
  return run;
}

/** The log as the runner shows it: it consumes `::add-mask::` commands (they are how secrets get masked). */
const shown = (log: string): string =>
  log
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

async function taggedRevision(tag: string): Promise<string | undefined> {
  const [svc] = await services.getService({ name: `${LOCATION}/services/${SERVICE}` });
  return (svc.traffic ?? []).find((t) => t.tag === tag)?.revision ?? undefined;
}

async function tagUrl(tag: string): Promise<string> {
  const [svc] = await services.getService({ name: `${LOCATION}/services/${SERVICE}` });
  const url = (svc.trafficStatuses ?? []).find((t) => t.tag === tag)?.uri;
  if (!url) throw new Error(`no URL for tag ${tag}`);
  return url;
}

/** What the preview app answers through its own connection. */
async function ask(tag: string): Promise<{ db: string; seeds: number; migrations: number; prefix: string }> {
  const res = await deployer.fetch(`${await tagUrl(tag)}/`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as { db: string; seeds: number; migrations: number; prefix: string };
}

async function passwordOf(prNumber: number): Promise<string> {
  const [version] = await secrets.accessSecretVersion({
    name: `projects/${PROJECT}/secrets/gcp-deploy-${SERVICE}-pr-${prNumber}-database/versions/latest`,
  });
  const url = new URL(Buffer.from(version.payload?.data ?? '').toString('utf8'));
  return decodeURIComponent(url.password);
}

const grpcCode = async (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => undefined,
    (err: { code?: number }) => err.code,
  );

describe.skipIf(skipWithout('per-PR data', ['postgresql', 'redis-server']))(
  'per-PR data through the action',
  () => {
    beforeAll(async () => {
      [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
      emulator = await startEmulator({ runtime: 'process' });
      deployer = dataDeployer(emulator, PROJECT, PREVIEW_SA);
      const options = emulatorOptions(emulator);
      services = new ServicesClient(options);
      revisions = new RevisionsClient(options);
      jobs = new JobsClient(options);
      secrets = new SecretManagerServiceClient(options);
      const scripts = writeDataScripts('gcpd-data-e2e-', { reportsPrefix: true });
      dir = scripts.dir;
      const app = scripts.app;
      await createTemplateAndProduction(postgres);

      // Production, as Terraform made it: its own database through a plain DATABASE_URL.
      const prodUrl = new URL(postgres.adminUrl);
      prodUrl.username = 'app';
      prodUrl.password = PROD_PASSWORD;
      prodUrl.pathname = '/production';
      prodUrl.search = '?application_name=shop';
      const [op] = await services.createService({
        parent: LOCATION,
        serviceId: SERVICE,
        service: {
          template: {
            revision: `${SERVICE}-terraform-1`,
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
    }, 120_000);

    afterAll(async () => {
      await Promise.all([services?.close(), revisions?.close(), jobs?.close(), secrets?.close()]);
      await emulator?.stop();
      await Promise.all([postgres?.stop(), redis?.stop()]);
      deployer?.remove();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('PR 42 opened: a database from the template, migrated and seeded by jobs, reached through a secret', async () => {
      const run = await pr(42, 1, {}, 'opened');
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(await databases()).toContain('gcpd_shop_pr42');
      // The migration's table exists in the PR's database only.
      const tables =
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'migrations_run'";
      expect((await query<{ n: number }>('gcpd_shop_pr42', tables))[0]?.n).toBe(1);
      expect((await query<{ n: number }>('app_template', tables))[0]?.n).toBe(0);
      expect((await query<{ n: number }>('production', tables))[0]?.n).toBe(0);
      // The app's own connection: its database, the template's row plus the seed's, one migration.
      expect(await ask('pr-42')).toEqual({
        db: 'gcpd_shop_pr42',
        seeds: 2,
        migrations: 1,
        prefix: 'shop:pr-42:',
      });

      const revision = await taggedRevision('pr-42');
      const [rev] = await revisions.getRevision({
        name: `${LOCATION}/services/${SERVICE}/revisions/${revision}`,
      });
      const env = rev.containers?.[0]?.env ?? [];
      const dbEnv = env.find((e) => e.name === 'DATABASE_URL');
      expect(dbEnv?.value ?? '').toBe('');
      expect(dbEnv?.valueSource?.secretKeyRef).toMatchObject({
        secret: 'gcp-deploy-shop-pr-42-database',
        version: 'latest',
      });
      const password = await passwordOf(42);
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(JSON.stringify(rev)).not.toContain(password);
      expect(JSON.stringify(rev)).not.toContain(PROD_PASSWORD);
      // The secret's URL keeps production's host and options, with the PR's database and user.
      const [version] = await secrets.accessSecretVersion({
        name: `projects/${PROJECT}/secrets/gcp-deploy-shop-pr-42-database/versions/latest`,
      });
      const url = new URL(Buffer.from(version.payload?.data ?? '').toString('utf8'));
      expect([
        url.hostname,
        url.port,
        url.pathname,
        url.username,
        url.searchParams.get('application_name'),
      ]).toEqual(['127.0.0.1', String(postgres.port), '/gcpd_shop_pr42', 'gcpd_shop_pr42', 'shop']);
      // The migrate and seed jobs ran as the preview identity.
      const [job] = await jobs.getJob({ name: `${LOCATION}/jobs/shop-pr42-migrate` });
      expect(job.template?.template?.serviceAccount).toBe(PREVIEW_SA);
      expect(job.template?.template?.containers?.[0]?.image).toBe(IMAGE);
    }, 180_000);

    it('PR 42 pushed again: the data is kept and migrate runs again (no second seed)', async () => {
      const run = await pr(42, 2);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(await ask('pr-42')).toEqual({
        db: 'gcpd_shop_pr42',
        seeds: 2,
        migrations: 2,
        prefix: 'shop:pr-42:',
      });
    }, 180_000);

    it('a failing migration fails the preview at migrate; the tag and the database stay', async () => {
      const good = await taggedRevision('pr-42');
      const run = await pr(42, 3, { migrate_command: `${process.execPath} ${join(dir, 'migrate.js')} fail` });
      expect(run.code).not.toBe(0);
      expect(run.stdout).toMatch(/migrate failed \(job shop-pr42-migrate, execution [^)]+\): .*exit code: 3/);
      // The summary (what the comment says too) shows the migrate phase failed, with Cloud Run's reason.
      expect(run.summary).toMatch(/❌ migrate/);
      expect(run.summary).toContain('exit code: 3');
      // An excerpt of the task's log, read from Cloud Logging, its connection's password cut out.
      expect(run.summary).toContain('migration 0002\\_add\\_price failed');
      expect(run.summary).toContain('connecting to postgres://gcpd\\_shop\\_pr42:\\*\\*\\*@');
      expect(run.summary).not.toContain(await passwordOf(42));
      expect(run.summary).not.toMatch(/✅ deploy|❌ deploy/);
      expect(await taggedRevision('pr-42')).toBe(good);
      expect(await ask('pr-42')).toEqual({
        db: 'gcpd_shop_pr42',
        seeds: 2,
        migrations: 2,
        prefix: 'shop:pr-42:',
      });
    }, 180_000);

    it('PR 43 beside it gets a database of its own', async () => {
      const run = await pr(43, 1, {}, 'opened');
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(await ask('pr-43')).toEqual({
        db: 'gcpd_shop_pr43',
        seeds: 2,
        migrations: 1,
        prefix: 'shop:pr-43:',
      });
      expect(await ask('pr-42')).toMatchObject({ db: 'gcpd_shop_pr42', migrations: 2 });
    }, 180_000);

    it('PR 42 closed: its database, role, secret, jobs and cache keys are gone; PR 43 and production stay', async () => {
      const cache = createClient({ url: redis.url });
      await cache.connect();
      try {
        for (const key of ['shop:pr-42:a', 'shop:pr-42:b', 'shop:pr-43:a', 'shop:prod:a'])
          await cache.set(key, '1');
        const run = await pr(42, 4, {}, 'closed');
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect((await cache.keys('shop:*')).sort()).toEqual(['shop:pr-43:a', 'shop:prod:a']);
      } finally {
        cache.destroy();
      }
      const dbs = await databases();
      expect(dbs).not.toContain('gcpd_shop_pr42');
      expect(dbs).toEqual(expect.arrayContaining(['gcpd_shop_pr43', 'production', 'app_template']));
      expect(await roles()).toEqual(['gcpd_shop_pr43']);
      const secretName = (n: number): string =>
        `projects/${PROJECT}/secrets/gcp-deploy-shop-pr-${n}-database`;
      expect(await grpcCode(secrets.getSecret({ name: secretName(42) }))).toBe(5);
      expect(await grpcCode(secrets.getSecret({ name: secretName(43) }))).toBeUndefined();
      for (const job of ['shop-pr42-migrate', 'shop-pr42-seed'])
        expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/${job}` }))).toBe(5);
      expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/shop-pr43-migrate` }))).toBeUndefined();
      expect((await query<{ n: number }>('production', 'SELECT count(*)::int AS n FROM seeds'))[0]?.n).toBe(
        1,
      );
      expect(await ask('pr-43')).toMatchObject({ db: 'gcpd_shop_pr43', seeds: 2 });
    }, 180_000);

    it('an unreachable database_url fails before the build with one line, and nothing is created', async () => {
      const port = await freePort();
      emulator.recorder.clear();
      const run = await pr(
        44,
        1,
        { database_url: `postgres://admin:Unre4chable-Pw@127.0.0.1:${port}/postgres` },
        'opened',
      );
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n').filter((l) => l.includes('database_url'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^::error::Input 'database_url': cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`,
        ),
      );
      expect(emulator.recorder.mutations()).toEqual([]);
      expect(await databases()).not.toContain('gcpd_shop_pr44');
      expect(
        await grpcCode(
          secrets.getSecret({ name: `projects/${PROJECT}/secrets/gcp-deploy-shop-pr-44-database` }),
        ),
      ).toBe(5);
      expect(shown(run.stdout) + shown(run.stderr)).not.toContain('Unre4chable-Pw');
    }, 60_000);

    it('an environment shares one per-PR database: api migrates it, worker uses it; cleanup drops it once', async () => {
      const app = join(dir, 'app.js');
      const file = [
        'services:',
        '  api:',
        `    container_command: ${process.execPath}`,
        `    container_args: ${app}`,
        '    database_template: app_template',
        `    migrate_command: ${process.execPath} ${join(dir, 'migrate.js')}`,
        '  worker:',
        `    container_command: ${process.execPath}`,
        `    container_args: ${app}`,
        '    database_from: api',
        '    needs: [api]',
      ].join('\n');
      const step = {
        command: 'auto',
        project_id: PROJECT,
        region: REGION,
        services: file,
        image: IMAGE,
        comment: 'false',
        health_path: '/healthz',
        health_timeout: '30s',
        preview_service_account: PREVIEW_SA,
        database_url: postgres.adminUrl,
      };
      const env = { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env };
      const opened = await runAction({
        inputs: step,
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 50, sha: sha(501), action: 'opened' }),
        env,
      });
      outputs.push(shown(opened.stdout), shown(opened.stderr), opened.summary);
      expect(opened.code, opened.stdout + opened.stderr).toBe(0);
      const answer = async (service: string): Promise<unknown> => {
        const [svc] = await services.getService({ name: `${LOCATION}/services/${service}` });
        const url = (svc.trafficStatuses ?? []).find((t) => t.tag === 'pr-50')?.uri ?? '';
        const res = await deployer.fetch(`${url}/`);
        return JSON.parse(await res.text());
      };
      // One database, made and migrated once by api; worker reads the same through api's secret.
      expect(await answer('api')).toEqual({ db: 'gcpd_api_pr50', seeds: 1, migrations: 1, prefix: '' });
      expect(await answer('worker')).toEqual({ db: 'gcpd_api_pr50', seeds: 1, migrations: 1, prefix: '' });
      expect(await databases()).not.toContain('gcpd_worker_pr50');
      expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/worker-pr50-migrate` }))).toBe(5);

      const closed = await runAction({
        inputs: step,
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 50, sha: sha(502), action: 'closed' }),
        env,
      });
      outputs.push(shown(closed.stdout), shown(closed.stderr), closed.summary);
      expect(closed.code, closed.stdout + closed.stderr).toBe(0);
      expect(await databases()).not.toContain('gcpd_api_pr50');
      expect(await roles()).not.toContain('gcpd_api_pr50');
      expect(
        await grpcCode(
          secrets.getSecret({ name: `projects/${PROJECT}/secrets/gcp-deploy-api-pr-50-database` }),
        ),
      ).toBe(5);
    }, 240_000);

    it("the README's per-PR data workflow, its Cloud SQL proxy step standing in as a local port", async () => {
      // The README's YAML, read as it is: the proxy step comes before the action's, and the action's inputs are
      // the README's. The real proxy cannot run here (no Google Cloud): a TCP forward to the test PostgreSQL
      // stands in for it, on a free port in place of 5432; the process runtime needs the image and command
      // overridden, and the README's ./migrate and ./seed are the test's scripts.
      const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
      const block =
        /```yaml\n(# \.github\/workflows\/preview\.yml: the preview job's steps, per-PR data\n[\s\S]*?)```/.exec(
          readme,
        )?.[1];
      expect(block).toBeDefined();
      const steps = (
        parseYaml(block ?? '') as {
          steps: { name?: string; uses?: string; run?: string; with?: Record<string, string> }[];
        }
      ).steps;
      const proxyAt = steps.findIndex((st) => st.run?.includes('cloud-sql-proxy --port 5432') === true);
      const actionAt = steps.findIndex((st) => st.uses?.includes('gcp-deploy') === true);
      expect(proxyAt).toBeGreaterThan(-1);
      expect(actionAt).toBeGreaterThan(proxyAt);
      const readmeInputs = steps[actionAt]?.with ?? {};
      expect(readmeInputs.database_url).toBe('${{ secrets.PREVIEW_DATABASE_ADMIN_URL }}');

      let connections = 0;
      const proxy = createNetServer((socket) => {
        connections++;
        const upstream = connect(postgres.port, '127.0.0.1');
        socket.pipe(upstream).pipe(socket);
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      });
      const port = await freePort();
      await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
      try {
        const throughProxy = new URL(postgres.adminUrl);
        throughProxy.port = String(port);
        const secretsOfRepo: Record<string, string> = {
          PREVIEW_DATABASE_ADMIN_URL: throughProxy.toString(),
          PREVIEW_REDIS_ADMIN_URL: redis.url,
        };
        const interpolated = Object.fromEntries(
          Object.entries(readmeInputs).map(([k, v]) => [
            k,
            String(v)
              .replace(/\$\{\{\s*secrets\.([A-Z_]+)\s*\}\}/g, (_m, name: string) => secretsOfRepo[name] ?? '')
              .replace(/\$\{\{\s*github\.token\s*\}\}/g, ''),
          ]),
        );
        const project = interpolated.project_id ?? '';
        const previewSa = interpolated.preview_service_account ?? '';
        emulator.iam.grantProject(project, 'roles/run.developer', `serviceAccount:${deployer.email}`);
        emulator.iam.grantProject(project, 'roles/secretmanager.admin', `serviceAccount:${deployer.email}`);
        emulator.iam.grantServiceAccount(
          previewSa,
          'roles/iam.serviceAccountUser',
          `serviceAccount:${deployer.email}`,
        );
        const run = await runAction({
          inputs: {
            ...interpolated,
            image: IMAGE,
            container_command: process.execPath,
            container_args: join(dir, 'app.js'),
            migrate_command: `${process.execPath} ${join(dir, 'migrate.js')}`,
            seed_command: `${process.execPath} ${join(dir, 'seed.js')}`,
            health_path: '/healthz',
            health_timeout: '30s',
            comment: 'false',
          },
          eventName: 'pull_request',
          event: pullRequestEvent({ number: 60, sha: sha(601), action: 'opened' }),
          env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
        });
        outputs.push(shown(run.stdout), shown(run.stderr), run.summary, JSON.stringify(run.outputs));
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(connections).toBeGreaterThan(0);
        const [svc] = await services.getService({
          name: `projects/${project}/locations/${interpolated.region}/services/${interpolated.service}`,
        });
        const url = (svc.trafficStatuses ?? []).find((t) => t.tag === 'pr-60')?.uri ?? '';
        const res = await deployer.fetch(`${url}/`);
        expect(JSON.parse(await res.text())).toEqual({
          db: 'gcpd_shop_pr60',
          seeds: 2,
          migrations: 1,
          prefix: 'shop:pr-60:',
        });
      } finally {
        await new Promise((resolve) => proxy.close(resolve));
      }
    }, 180_000);

    it("the scheduled sweep drops a closed PR's data (a dry run lists it first); PR 43 and production stay", async () => {
      const opened = await pr(70, 1, {}, 'opened');
      expect(opened.code, opened.stdout + opened.stderr).toBe(0);
      expect(await ask('pr-70')).toMatchObject({ db: 'gcpd_shop_pr70', prefix: 'shop:pr-70:' });
      const github = await startGitHubFake();
      const cache = createClient({ url: redis.url });
      await cache.connect();
      const secretName = (n: number): string =>
        `projects/${PROJECT}/secrets/gcp-deploy-shop-pr-${n}-database`;
      const jobIds = ['shop-pr70-migrate', 'shop-pr70-seed'];
      try {
        for (const key of ['shop:pr-70:a', 'shop:pr-70:b', 'shop:pr-43:s', 'shop:prod:s'])
          await cache.set(key, '1');
        github.pulls.set(43, 'open');
        github.pulls.set(70, 'closed');
        // The scheduled sweep: a `schedule` event, command auto, the same data inputs; GitHub says PR 70 closed.
        const schedule = async (dryRun: boolean): Promise<ActionRun> => {
          const run = await runAction({
            inputs: inputs({ dry_run: String(dryRun), github_token: github.token }),
            eventName: 'schedule',
            event: { schedule: '17 3 * * *' },
            env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, GITHUB_API_URL: github.url, ...deployer.env },
          });
          outputs.push(shown(run.stdout), shown(run.stderr), run.summary, JSON.stringify(run.outputs));
          return run;
        };
        const present = async (): Promise<void> => {
          expect(await databases()).toEqual(expect.arrayContaining(['gcpd_shop_pr70', 'gcpd_shop_pr43']));
          expect(await roles()).toEqual(expect.arrayContaining(['gcpd_shop_pr70', 'gcpd_shop_pr43']));
          expect(await grpcCode(secrets.getSecret({ name: secretName(70) }))).toBeUndefined();
          for (const job of jobIds)
            expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/${job}` }))).toBeUndefined();
        };
        await present();
        const keysBefore = (await cache.keys('shop:*')).sort();
        expect(keysBefore).toEqual(
          expect.arrayContaining(['shop:pr-70:a', 'shop:pr-70:b', 'shop:pr-43:s', 'shop:prod:s']),
        );

        emulator.recorder.clear();
        const dry = await schedule(true);
        expect(dry.code, dry.stdout + dry.stderr).toBe(0);
        expect(dry.outputs.result, dry.stdout).toBe('success');
        expect(dry.stdout).toMatch(/would delete PR #70 \(closed\): tags pr-70/);
        expect(dry.stdout).toMatch(
          /would delete jobs shop-pr70-migrate, shop-pr70-seed, secret gcp-deploy-shop-pr-70-database and \w+ gcpd_shop_pr70 of PR #70/,
        );
        expect(dry.stdout).toContain('would delete cache keys under shop:pr-70: of PR #70');
        expect(dry.stdout).not.toMatch(/PR #43\b/);
        expect(emulator.recorder.mutations()).toEqual([]);
        await present();
        expect((await cache.keys('shop:*')).sort()).toEqual(keysBefore);

        const run = await schedule(false);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.outputs.result, run.stdout).toBe('removed');
        expect(await taggedRevision('pr-70')).toBeUndefined();
        expect((await cache.keys('shop:*')).sort()).toEqual(
          keysBefore.filter((k) => !k.startsWith('shop:pr-70:')),
        );
        expect(github.violations).toEqual([]);
      } finally {
        cache.destroy();
        await github.stop();
      }
      const dbs = await databases();
      expect(dbs).not.toContain('gcpd_shop_pr70');
      expect(dbs).toEqual(expect.arrayContaining(['gcpd_shop_pr43', 'production', 'app_template']));
      expect(await roles()).not.toContain('gcpd_shop_pr70');
      expect(await roles()).toContain('gcpd_shop_pr43');
      expect(await grpcCode(secrets.getSecret({ name: secretName(70) }))).toBe(5);
      expect(await grpcCode(secrets.getSecret({ name: secretName(43) }))).toBeUndefined();
      for (const job of jobIds)
        expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/${job}` }))).toBe(5);
      expect(await grpcCode(jobs.getJob({ name: `${LOCATION}/jobs/shop-pr43-migrate` }))).toBeUndefined();
      expect((await query<{ n: number }>('production', 'SELECT count(*)::int AS n FROM seeds'))[0]?.n).toBe(
        1,
      );
      expect(await ask('pr-43')).toMatchObject({ db: 'gcpd_shop_pr43', seeds: 2 });
    }, 240_000);

    it('no password of any run reached the logs, the summary or the outputs', async () => {
      const all = outputs.join('\n');
      expect(all).not.toContain(PROD_PASSWORD);
      expect(all).not.toContain(new URL(postgres.adminUrl).password);
      expect(all).not.toContain(new URL(redis.url).password);
      expect(all).not.toContain(await passwordOf(43));
    });
  },
);
