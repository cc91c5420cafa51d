/**
 * A production service Terraform configured (made here by hand with the real client): two warm instances, up
 * to 50, CPU always allocated, its own service account, a database URL with a password, a Redis URL, a secret
 * env var and a Cloud SQL volume. A PR's preview of it scales to zero, says whose identity it runs as, and
 * never shares production's data without being told to; promoting it ships production's settings.
 */
import { protos } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent, type ActionRun } from './support/action-runner.js';
import { skipWithout } from './support/needs.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { pushImage } from './support/images.js';

const SERVICE = 'shop';
const PASSWORD = 'Pr0d-Passw0rd-7c1f';
const PROD_SA = 'prod-runtime@demo-project.iam.gserviceaccount.com';
const PREVIEW_SA = 'preview-runtime@demo-project.iam.gserviceaccount.com';
const PROD_DB = `postgres://app:${PASSWORD}@10.0.0.5/shop`;
const PROD_REDIS = 'redis://10.0.0.7:6379/0';
const PREVIEW_DB = 'postgres://preview@10.0.9.9/shop_preview';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
type Revision = protos.google.cloud.run.v2.IRevision;

let world: PreviewWorld;
let github: GitHubFake;
const runs: ActionRun[] = [];

async function revision(name: string): Promise<Revision> {
  const [rev] = await world.revisions.getRevision({
    name: `${world.serviceName(SERVICE)}/revisions/${name}`,
  });
  return rev;
}

/** The app container's env as name -> value, or `secret:NAME:VERSION` for a secret reference. */
function envOf(rev: Revision): Record<string, string> {
  const app = rev.containers?.find((c) => c.name === 'app');
  return Object.fromEntries(
    (app?.env ?? []).map((e) => {
      const ref = e.valueSource?.secretKeyRef;
      return [e.name ?? '', ref ? `secret:${ref.secret ?? ''}:${ref.version ?? ''}` : (e.value ?? '')];
    }),
  );
}

/** Scaling, CPU allocation and identity: what the preview profile governs. */
function profileOf(rev: Revision): { min: number; max: number; cpuIdle: boolean; account: string } {
  return {
    min: rev.scaling?.minInstanceCount ?? 0,
    max: rev.scaling?.maxInstanceCount ?? 0,
    cpuIdle: rev.containers?.find((c) => c.name === 'app')?.resources?.cpuIdle === true,
    account: rev.serviceAccount ?? '',
  };
}

/** Every repository and tag in the local registry: a push adds one. */
async function registryState(): Promise<Record<string, string[]>> {
  const catalog = (await (await fetch(`${world.registry.url}/v2/_catalog`)).json()) as {
    repositories: string[];
  };
  const out: Record<string, string[]> = {};
  for (const repo of catalog.repositories ?? []) {
    const tags = (await (await fetch(`${world.registry.url}/v2/${repo}/tags/list`)).json()) as {
      tags: string[] | null;
    };
    out[repo] = [...(tags.tags ?? [])].sort();
  }
  return out;
}

async function preview(pr: number, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await world.preview({
    service: SERVICE,
    pr,
    sha: sha(pr),
    inputs: { comment: 'true', github_token: github.token, ...inputs },
    env: { GITHUB_API_URL: github.url },
  });
  runs.push(run);
  return run;
}

/** The PR's sticky comment as a reader sees it: Markdown escapes, entities and mention breakers undone. */
const lastComment = (pr: number): string =>
  (github.comments.filter((c) => c.issue === pr).at(-1)?.body ?? '')
    .replace(/\u200b/g, '')
    .replace(/&#39;/g, "'")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

describe.skipIf(skipWithout('preview isolation e2e', ['docker', 'docker-registry', 'busybox']))(
  'a preview of a Terraform-made production service',
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
      github = await startGitHubFake();
      const ref = `${world.registry.host}/demo-project/previews/${SERVICE}:terraform`;
      const image = await pushImage(world.app.dir, ref, world.emulator);
      // As on Cloud Run, a revision starts only when its secrets exist and its identity may read them:
      // production's, and the preview's own (version 2) for the isolated case.
      world.emulator.secrets.add('projects/demo-project/secrets/db-password', PASSWORD);
      for (const v of ['1', '2']) {
        world.emulator.secrets.add('projects/demo-project/secrets/preview-db-password', `preview-${v}`);
      }
      for (const account of [PROD_SA, PREVIEW_SA]) {
        world.emulator.iam.grantProject(
          'demo-project',
          'roles/secretmanager.secretAccessor',
          `serviceAccount:${account}`,
        );
      }
      const [op] = await world.services.createService({
        parent: 'projects/demo-project/locations/us-central1',
        serviceId: SERVICE,
        service: {
          template: {
            revision: `${SERVICE}-terraform-1`,
            serviceAccount: PROD_SA,
            scaling: { minInstanceCount: 2, maxInstanceCount: 50 },
            volumes: [
              { name: 'cloudsql', cloudSqlInstance: { instances: ['demo-project:us-central1:shop-db'] } },
            ],
            containers: [
              {
                name: 'app',
                image,
                ports: [{ containerPort: 8080 }],
                resources: { limits: { cpu: '1', memory: '512Mi' }, cpuIdle: false },
                env: [
                  { name: 'DATABASE_URL', value: PROD_DB },
                  { name: 'REDIS_URL', value: PROD_REDIS },
                  {
                    name: 'DB_PASSWORD',
                    valueSource: { secretKeyRef: { secret: 'db-password', version: 'latest' } },
                  },
                  { name: 'LOG_LEVEL', value: 'info' },
                ],
                volumeMounts: [{ name: 'cloudsql', mountPath: '/cloudsql' }],
              },
            ],
          },
        },
      });
      await op.promise();
    });
    afterAll(async () => {
      await github?.stop();
      await world?.stop();
    });

    it('reads back production as it was made', async () => {
      const rev = await revision(`${SERVICE}-terraform-1`);
      expect(profileOf(rev)).toEqual({ min: 2, max: 50, cpuIdle: false, account: PROD_SA });
      expect(envOf(rev)).toMatchObject({ DATABASE_URL: PROD_DB, DB_PASSWORD: 'secret:db-password:latest' });
      expect(rev.volumes?.[0]?.cloudSqlInstance?.instances).toEqual(['demo-project:us-central1:shop-db']);
    });

    it('with minimal inputs: scales to zero, says it runs as prod-runtime once, lists what it shares', async () => {
      const run = await preview(7);
      expect(run.outputs.result, run.stdout).toBe('success');
      const rev = await revision(run.outputs.revision ?? '');
      expect(profileOf(rev)).toEqual({ min: 0, max: 2, cpuIdle: true, account: PROD_SA });
      // Inheriting is what warn means: production's values are there, and said to be.
      expect(envOf(rev)).toMatchObject({ DATABASE_URL: PROD_DB, REDIS_URL: PROD_REDIS });

      const identity = `runs as production's identity, ${PROD_SA}`;
      const count = (text: string, s: string): number => text.split(s).length - 1;
      expect(count(run.stdout, identity), run.stdout).toBe(1);
      const comment = lastComment(7);
      expect(github.violations).toEqual([]);
      expect(count(comment, identity)).toBe(1);
      expect(comment).toContain('scales to zero, at most 2 instances');
      const shared = comment
        .split('\n')
        .filter((l) => l.startsWith('⚠') && l.includes('Shared with production'));
      expect(shared.map((l) => /Shared with production:\*\* (\S+)/.exec(l)?.[1])).toEqual([
        'DATABASE_URL',
        'REDIS_URL',
        'DB_PASSWORD',
        'cloudsql',
      ]);
      expect(comment).toContain(
        'DATABASE_URL (data-store URL, from production revision shop-terraform-1): postgres://app:***@10.0.0.5/shop',
      );
      expect(comment).toContain('demo-project:us-central1:shop-db');
      expect(run.stdout).toMatch(/::notice::This preview shares production's data/);
    });

    it('with isolation: strict, exits 1 naming each finding, with no Cloud Run write and no image pushed', async () => {
      const registryBefore = await registryState();
      world.emulator.recorder.clear();
      // A typo in `shared` shares nothing, and says so.
      const run = await preview(8, { isolation: 'strict', shared: 'REDIS_UR' });
      expect(run.code, run.stdout).toBe(1);
      expect(run.outputs.result).toBe('failure');
      expect(world.emulator.recorder.mutations()).toEqual([]);
      expect(await registryState()).toEqual(registryBefore);
      expect(run.stdout).not.toMatch(/docker|buildah|Building/i);
      for (const name of ['DATABASE_URL', 'REDIS_URL', 'DB_PASSWORD', 'cloudsql']) {
        expect(run.stdout).toMatch(new RegExp(`- ${name} \\([^)]*\\): .*Fix: `));
      }
      expect(run.stdout).toContain('preview_env_vars: DATABASE_URL=');
      expect(run.stdout).toContain('preview_secrets: DB_PASSWORD=');
      expect(lastComment(8)).toContain('isolation is strict');
      expect(run.stdout).toMatch(/::warning::shared names REDIS_UR, which this preview does not inherit/);
    });

    it('in an environment, one service refused by strict stops every service before anything is built', async () => {
      const registryBefore = await registryState();
      world.emulator.recorder.clear();
      const run = await world.run({
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 10, sha: sha(10) }),
        sha: sha(10),
        inputs: {
          command: 'auto',
          services: ['name: shop', 'services:', '  shop: { isolation: strict }', '  web: {}', ''].join('\n'),
        },
      });
      runs.push(run);
      expect(run.code, run.stdout).toBe(1);
      expect(JSON.parse(run.outputs.stages ?? '{}')).toEqual({ shop: 'failed', web: 'skipped' });
      expect(world.emulator.recorder.mutations()).toEqual([]);
      expect(await registryState()).toEqual(registryBefore);
      expect(run.stdout).toContain('isolation refused shop');
      expect(run.stdout).toMatch(/- DATABASE_URL \([^)]*\): .*Fix: /);
    });

    it('with its own values, identity and `shared: REDIS_URL`, strict passes and the revision has exactly those', async () => {
      const run = await preview(9, {
        isolation: 'strict',
        preview_env_vars: `DATABASE_URL=${PREVIEW_DB}`,
        preview_secrets: 'DB_PASSWORD=preview-db-password:2',
        preview_service_account: PREVIEW_SA,
        shared: 'REDIS_URL',
      });
      expect(run.outputs.result, run.stdout).toBe('success');
      const rev = await revision(run.outputs.revision ?? '');
      expect(profileOf(rev)).toEqual({ min: 0, max: 2, cpuIdle: true, account: PREVIEW_SA });
      const { PREVIEW_ID: _id, PREVIEW_TAG: _tag, PREVIEW_PR: _pr, PREVIEW_SHA: _sha, ...env } = envOf(rev);
      expect(env).toEqual({
        DATABASE_URL: PREVIEW_DB,
        REDIS_URL: PROD_REDIS,
        DB_PASSWORD: 'secret:preview-db-password:2',
        LOG_LEVEL: 'info',
      });
      expect(run.stdout).not.toContain('has no effect');
      const comment = lastComment(9);
      expect(comment).not.toContain('Shared with production');
      expect(comment).toMatch(/Shared on purpose\*\* \(`shared`\): REDIS_URL \(data-store URL/);
      expect(comment).not.toContain("production's identity");
    });

    it('promoting that preview yields production settings and data', async () => {
      const run = await world.run({
        eventName: 'workflow_dispatch',
        event: {},
        inputs: {
          command: 'promote',
          service: SERVICE,
          promote_from: 'tag:pr-9',
          // Preview-only inputs given to a promotion change nothing.
          preview_env_vars: `DATABASE_URL=${PREVIEW_DB}`,
          preview_service_account: PREVIEW_SA,
        },
      });
      runs.push(run);
      expect(run.outputs.result, run.stdout).toBe('success');
      const rev = await revision(run.outputs.revision ?? '');
      expect(profileOf(rev)).toEqual({ min: 2, max: 50, cpuIdle: false, account: PROD_SA });
      expect(envOf(rev)).toEqual({
        DATABASE_URL: PROD_DB,
        REDIS_URL: PROD_REDIS,
        DB_PASSWORD: 'secret:db-password:latest',
        LOG_LEVEL: 'info',
      });
      expect(rev.volumes?.[0]?.cloudSqlInstance?.instances).toEqual(['demo-project:us-central1:shop-db']);
    });

    it('a release candidate, with the same preview inputs given, keeps production settings', async () => {
      const run = await world.run({
        eventName: 'push',
        event: {
          ref: 'refs/heads/main',
          after: sha(11),
          repository: {
            full_name: 'acme/web',
            name: 'web',
            owner: { login: 'acme' },
            default_branch: 'main',
          },
        },
        inputs: {
          command: 'auto',
          service: SERVICE,
          isolation: 'strict',
          preview_env_vars: `DATABASE_URL=${PREVIEW_DB}`,
          preview_service_account: PREVIEW_SA,
        },
        sha: sha(11),
      });
      runs.push(run);
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.outputs.tag).toBe('candidate');
      const rev = await revision(run.outputs.revision ?? '');
      expect(profileOf(rev)).toEqual({ min: 2, max: 50, cpuIdle: false, account: PROD_SA });
      expect(envOf(rev).DATABASE_URL).toBe(PROD_DB);
    });

    it('never shows the password on any surface', () => {
      expect(runs.length).toBeGreaterThanOrEqual(4);
      const surfaces = [
        ...runs.flatMap((r) => [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)]),
        ...github.comments.map((c) => c.body),
        ...github.requests.map((r) => JSON.stringify(r.body ?? '')),
      ];
      for (const text of surfaces) expect(text).not.toContain(PASSWORD);
    });
  },
);
