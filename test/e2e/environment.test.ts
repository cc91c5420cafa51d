/**
 * Preview environments: three services (api, worker, and web needing api) in one run through dist/index.js
 * against the emulator, whose containers share the host's loopback so web can call the API's preview URL.
 */
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RevisionsClient, ServicesClient } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import {
  pullRequestEvent,
  runAction,
  type ActionRun,
  type RunActionOptions,
} from './support/action-runner.js';
import { emulatorOptions } from './support/emulator-options.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';
import { startGitHubFake } from '../fakes/github-fake.js';

const PROJECT = 'demo-project';
const REGION = 'us-central1';
const FIXTURE = fileURLToPath(new URL('../fixtures/environment-app/', import.meta.url));
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

describe.skipIf(skipWithout('environment e2e', ['docker', 'docker-registry', 'busybox']))(
  'an environment of three services (dist/index.js, emulator)',
  () => {
    let registry: LocalRegistry;
    let emulator: Emulator;
    let deployer: Caller;
    let services: ServicesClient;
    let dir = '';
    const file = (): string => join(dir, '.github', 'gcp-deploy.yml');

    beforeAll(async () => {
      registry = await startLocalRegistry();
      emulator = await startEmulator({ runtime: 'docker', network: 'host', registry });
      // api is created public (access: public), which sets its invoker policy: roles/run.admin, as the
      // README's roles table says.
      deployer = serviceAccountCaller(emulator, PROJECT, 'deployer', [...DEPLOYER_ROLES, 'roles/run.admin']);
      services = new ServicesClient(emulatorOptions(emulator));
      dir = mkdtempSync(join(tmpdir(), 'gcpd-env-'));
      cpSync(FIXTURE, dir, { recursive: true });
      for (const s of ['api', 'worker', 'web']) {
        copyFileSync(process.env.GCP_DEPLOY_BUSYBOX ?? '/bin/busybox', join(dir, s, 'busybox'));
      }
      cpSync(join(dir, 'web', 'www', 'cgi-bin', 'api'), join(dir, 'web-api.cgi'));
      mkdirSync(join(dir, '.github'));
      writeEnvironment();
    }, 60_000);

    afterAll(async () => {
      await services?.close();
      await emulator?.stop();
      await registry?.stop();
      deployer?.remove();
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    function writeEnvironment(extra = ''): void {
      writeFileSync(
        file(),
        [
          'name: shop',
          'services:',
          '  api:',
          `    context: ${join(dir, 'api')}`,
          '    health_path: /healthz',
          '    health_timeout: 6s',
          // web runs as the default compute account, which holds no invoker role on api: open api instead
          // (private-environment.test.ts covers private calls between services).
          '    access: public',
          '  worker:',
          `    context: ${join(dir, 'worker')}`,
          '    health_path: /healthz',
          '  web:',
          `    context: ${join(dir, 'web')}`,
          '    needs: [api]',
          // The health check goes through web to the API preview it was handed.
          '    health_path: /cgi-bin/api',
          // A broken web fails in seconds, not the run's 30 s.
          '    health_timeout: 6s',
          extra,
        ].join('\n'),
      );
    }

    const run = (
      pr: number,
      n: number,
      o: {
        inputs?: Record<string, string>;
        eventName?: string;
        event?: Record<string, unknown>;
        env?: Record<string, string>;
        onStdout?: RunActionOptions['onStdout'];
      } = {},
    ): Promise<ActionRun> =>
      runAction({
        inputs: {
          command: 'auto',
          project_id: PROJECT,
          region: REGION,
          services: file(),
          registry_host: registry.host,
          repository: 'previews',
          health_timeout: '30s',
          comment: 'false',
          ...o.inputs,
        },
        eventName: o.eventName ?? 'pull_request',
        event: o.event ?? pullRequestEvent({ number: pr, sha: sha(n) }),
        sha: sha(n),
        ...(o.onStdout === undefined ? {} : { onStdout: o.onStdout }),
        env:
          o.env?.FORK === '1'
            ? {}
            : { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env, ...o.env },
      });

    /** The revision serving each service's production traffic (100 % after a promotion). */
    async function serving(service: string): Promise<Record<string, number>> {
      const [svc] = await services.getService({
        name: `projects/${PROJECT}/locations/${REGION}/services/${service}`,
      });
      const out: Record<string, number> = {};
      for (const t of svc.trafficStatuses ?? [])
        if ((t.percent ?? 0) > 0) out[t.revision ?? ''] = (out[t.revision ?? ''] ?? 0) + (t.percent ?? 0);
      return out;
    }

    const promote = (from: string, n: number): Promise<ActionRun> =>
      run(0, n, {
        inputs: { command: 'promote', promote_from: from, canary: '50,100' },
        eventName: 'workflow_dispatch',
        event: { inputs: {}, repository: { full_name: 'acme/web' } },
      });

    async function tags(service: string): Promise<Record<string, string>> {
      const [svc] = await services.getService({
        name: `projects/${PROJECT}/locations/${REGION}/services/${service}`,
      });
      const out: Record<string, string> = {};
      for (const t of svc.traffic ?? []) if (t.tag) out[t.tag] = t.revision ?? '';
      return out;
    }

    const json = (run: ActionRun, name: string): Record<string, string> =>
      JSON.parse(run.outputs[name] ?? '{}') as Record<string, string>;
    let first: Record<string, string> = {};
    let second: Record<string, string> = {};

    it('deploys all three, hands web the API preview URL, and checks through web', async () => {
      const r = await run(42, 1);
      expect(r.outputs.result, r.stdout).toBe('success');
      expect(json(r, 'stages')).toEqual({ api: 'passed', worker: 'passed', web: 'passed' });
      // Each service went through its own states; web waited for api before deploying.
      // A stage line is the stage alone; the checks' own lines carry the same [name] prefix.
      const stagesOf = (name: string): string[] =>
        [...r.stdout.matchAll(new RegExp(`^\\[${name}\\] ([a-z-]+)$`, 'gm'))].map((m) => m[1] ?? '');
      expect(stagesOf('web')).toEqual(['building', 'pushing', 'waiting', 'deploying', 'checking', 'passed']);
      expect(r.stdout.indexOf('[web] deploying')).toBeGreaterThan(r.stdout.indexOf('[api] checking'));
      first = json(r, 'revisions');
      const urls = json(r, 'urls');
      const through = await deployer.fetch(`${urls.web}/cgi-bin/api`);
      expect(await through.text()).toBe(`web via api pr-42 ${first.api}\n`);
      expect(await tags('api')).toMatchObject({ 'pr-42': first.api });
      // web's revision carries the API's tag URL, not the service's production URL.
      const revisions = new RevisionsClient(emulatorOptions(emulator));
      const [rev] = await revisions.getRevision({
        name: `projects/${PROJECT}/locations/${REGION}/services/web/revisions/${first.web}`,
      });
      await revisions.close();
      const env: Record<string, string> = {};
      for (const e of rev.containers?.[0]?.env ?? []) env[e.name ?? ''] = e.value ?? '';
      expect(env.API_URL).toBe(urls.api);
      expect(env.PREVIEW_ID).toBe('pr-42');
    }, 300_000);

    it('rebuilds and redeploys only web when a push touches only web; one comment with a table', async () => {
      writeFileSync(join(dir, 'web', 'www', 'version.txt'), 'v2\n');
      emulator.recorder.clear();
      const github = await startGitHubFake();
      const r = await run(42, 2, {
        inputs: { comment: 'true', github_token: github.token },
        env: { GITHUB_API_URL: github.url },
      }).finally(() => github.stop());
      expect(r.outputs.result, r.stdout).toBe('success');
      {
        expect(github.violations).toEqual([]);
        expect(github.comments, r.stdout).toHaveLength(1);
        const body = github.comments[0]?.body ?? '';
        expect(body).toContain('<!-- gcp-deploy:preview environment=shop -->');
        expect(body).toMatch(/^\| `api` \| ♻️ reused \|/m);
        expect(body).toMatch(/^\| `worker` \| ♻️ reused \|/m);
        expect(body).toMatch(/^\| `web` needs `api` \| ✅ passed \|/m);
        expect(body).toContain(json(r, 'urls').web);
        // Progress is batched: far fewer writes than the services' stage changes (about 15).
        expect(github.comments[0]?.updates ?? 0).toBeLessThanOrEqual(4);
        expect(github.deployments).toHaveLength(1);
        expect(github.deployments[0]?.environment).toBe('preview/shop/pr-42');
        expect(github.deployments[0]?.statuses.at(-1)?.state).toBe('success');
        expect(github.statuses.at(-1)?.state).toBe('success');
        expect(r.summary).toContain('| Service');
      }
      expect(json(r, 'stages')).toEqual({ api: 'reused', worker: 'reused', web: 'passed' });
      second = json(r, 'revisions');
      expect(second.api).toBe(first.api);
      expect(second.worker).toBe(first.worker);
      expect(second.web).not.toBe(first.web);
      expect(r.stdout.match(/Build inputs unchanged since/g)?.length).toBe(2);
      const touched = new Set(
        emulator.recorder
          .mutations()
          .map((c) => JSON.stringify(c.request).match(/services\/(api|worker|web)\b/)?.[1] ?? '?'),
      );
      expect([...touched]).toEqual(['web']);
    }, 300_000);

    it('returns all three tags when web fails, production untouched', async () => {
      const before = { api: await tags('api'), worker: await tags('worker'), web: await tags('web') };
      writeFileSync(join(dir, 'api', 'www', 'healthz'), 'ok v3\n');
      const broken = join(dir, 'web', 'www', 'cgi-bin', 'api');
      writeFileSync(broken, "#!/bin/busybox sh\nprintf 'Status: 500 Broken\\r\\n\\r\\nbroken\\n'\n");
      chmodSync(broken, 0o755);
      const r = await run(42, 3).finally(() => cpSync(join(dir, 'web-api.cgi'), broken));
      expect(r.outputs.result, r.stdout).toBe('rolled-back');
      expect(json(r, 'stages')).toEqual({ api: 'restored', worker: 'restored', web: 'rolled-back' });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/web: Health check/);
      expect(await tags('api')).toEqual(before.api);
      expect(await tags('worker')).toEqual(before.worker);
      expect(await tags('web')).toEqual(before.web);
      expect((await tags('web'))['pr-42']).toBe(second.web);
    }, 300_000);

    it('undoes every service when the run is cancelled mid-deploy', async () => {
      const before = { api: await tags('api'), worker: await tags('worker'), web: await tags('web') };
      writeFileSync(join(dir, 'api', 'www', 'healthz'), 'ok cancelled\n');
      writeFileSync(join(dir, 'web', 'www', 'version.txt'), 'cancelled\n');
      emulator.faults.setReadinessDelay(4000);
      let signalled = 0;
      const r = await run(42, 12, {
        onStdout: (out, child) => {
          if (signalled === 0 && out.includes('[api] deploying')) {
            signalled = Date.now();
            child.kill('SIGINT');
          }
        },
      }).finally(() => emulator.faults.reset());
      expect(signalled, r.stdout).toBeGreaterThan(0);
      expect(r.outputs.result, r.stdout).toBe('cancelled');
      expect(r.code).toBe(1);
      const stages = json(r, 'stages');
      expect(stages.api).toBe('cancelled');
      expect(stages.web).not.toBe('passed');
      expect(await tags('api')).toEqual(before.api);
      expect(await tags('worker')).toEqual(before.worker);
      expect(await tags('web')).toEqual(before.web);
    }, 120_000);

    it('does not deploy web when the api it needs fails before it is ready', async () => {
      const before = { api: await tags('api'), worker: await tags('worker'), web: await tags('web') };
      const dockerfile = join(dir, 'api', 'Dockerfile');
      const good = readFileSync(dockerfile, 'utf8');
      writeFileSync(dockerfile, `${good}COPY no-such-file /nowhere\n`);
      writeFileSync(join(dir, 'worker', 'www', 'version.txt'), 'api-fails\n');
      emulator.recorder.clear();
      const r = await run(42, 13).finally(() => writeFileSync(dockerfile, good));
      // As for one service: a build that failed is a failure (nothing of api's was deployed to roll back).
      expect(r.outputs.result, r.stdout).toBe('failure');
      expect(json(r, 'stages')).toEqual({ api: 'failed', worker: 'restored', web: 'skipped' });
      expect(r.stdout).toMatch(/::error::api: /);
      expect(await tags('api')).toEqual(before.api);
      expect(await tags('worker')).toEqual(before.worker);
      expect(await tags('web')).toEqual(before.web);
      // web's image was ready, but it was never deployed against an api that does not exist.
      const deployedTo = emulator.recorder
        .mutations()
        .map((c) => JSON.stringify(c.request).match(/services\/(api|worker|web)\b/)?.[1]);
      expect(deployedTo).not.toContain('web');
      expect(deployedTo).toContain('worker');
    }, 120_000);

    it('keeps an unchanged web on its revision when it fails against a changed api', async () => {
      // A passing run of what is checked out now, so that web is unchanged in the next one.
      const ok = await run(42, 14);
      expect(ok.outputs.result, ok.stdout).toBe('success');
      const before = { api: await tags('api'), worker: await tags('worker'), web: await tags('web') };
      const whoami = join(dir, 'api', 'www', 'cgi-bin', 'whoami');
      const good = readFileSync(whoami, 'utf8');
      writeFileSync(whoami, "#!/bin/busybox sh\nprintf 'Status: 500 Broken\\r\\n\\r\\nbroken\\n'\n");
      const r = await run(42, 15).finally(() => writeFileSync(whoami, good));
      expect(r.outputs.result, `${r.outputs.stages}\n${r.stdout}`).toBe('failure');
      // api passed its own checks, web (reused) failed through it: api goes back, web never moved.
      expect(json(r, 'stages')).toEqual({ api: 'restored', worker: 'restored', web: 'failed' });
      expect(r.stdout).toContain('[web] reused');
      expect(await tags('api')).toEqual(before.api);
      expect(await tags('worker')).toEqual(before.worker);
      expect(await tags('web')).toEqual(before.web);
    }, 120_000);

    let released: Record<string, string> = {};

    it('promotes the environment in dependency order; production web calls production api', async () => {
      const r = await promote('tag:pr-42', 5);
      expect(r.outputs.result, r.stdout).toBe('success');
      expect(json(r, 'stages')).toEqual({ api: 'promoted', worker: 'promoted', web: 'promoted' });
      released = json(r, 'revisions');
      for (const s of ['api', 'worker', 'web']) expect(await serving(s)).toEqual({ [released[s]]: 100 });
      // api's release went first, so web's release revision was given api's production URL.
      const [api] = await services.getService({
        name: `projects/${PROJECT}/locations/${REGION}/services/api`,
      });
      const [web] = await services.getService({
        name: `projects/${PROJECT}/locations/${REGION}/services/web`,
      });
      const through = await deployer.fetch(`${web.uri}/cgi-bin/api`);
      expect(await through.text()).toBe(`web via api  ${released.api}\n`);
      expect(api.uri).toBeTruthy();
      expect(r.stdout.indexOf('api: deploy')).toBeLessThan(r.stdout.indexOf('web: deploy'));
    }, 300_000);

    it('restores every service when a later one fails its promotion', async () => {
      writeFileSync(join(dir, 'api', 'www', 'healthz'), 'ok v6\n');
      writeFileSync(join(dir, 'worker', 'www', 'healthz'), 'ok v6\n');
      writeFileSync(join(dir, 'web', 'www', 'version.txt'), 'v6\n');
      const pr = await run(44, 6);
      expect(pr.outputs.result, pr.stdout).toBe('success');
      emulator.faults.makeUnhealthy(/^web-rel-/);
      const r = await promote('tag:pr-44', 7).finally(() => emulator.faults.reset());
      expect(r.outputs.result, r.stdout).toBe('rolled-back');
      expect(json(r, 'stages')).toEqual({ api: 'restored', worker: 'restored', web: 'failed' });
      for (const s of ['api', 'worker', 'web']) expect(await serving(s)).toEqual({ [released[s]]: 100 });
    }, 300_000);

    it('cleans up every service of a closed PR, other PRs untouched', async () => {
      const r = await run(42, 8, {
        event: pullRequestEvent({ number: 42, sha: sha(8), action: 'closed' }),
      });
      expect(r.outputs.result, r.stdout).toBe('removed');
      for (const s of ['api', 'worker', 'web']) {
        const now = await tags(s);
        expect(now['pr-42']).toBeUndefined();
        expect(now['pr-44']).toBeTruthy();
        expect(await serving(s)).toEqual({ [released[s]]: 100 });
      }
    }, 300_000);

    it('deploys a candidate of every service on a push to the default branch', async () => {
      const repository = {
        full_name: 'acme/web',
        name: 'web',
        owner: { login: 'acme' },
        default_branch: 'main',
      };
      const r = await run(0, 9, {
        eventName: 'push',
        event: { ref: 'refs/heads/main', after: sha(9), repository },
      });
      expect(r.outputs.result, r.stdout).toBe('success');
      expect(json(r, 'stages')).toEqual({ api: 'passed', worker: 'passed', web: 'passed' });
      const urls = json(r, 'urls');
      for (const s of ['api', 'worker', 'web']) {
        expect((await tags(s)).candidate).toBe(json(r, 'revisions')[s]);
        expect(await serving(s)).toEqual({ [released[s]]: 100 });
      }
      // The candidate web talks to the candidate api, and carries no PREVIEW_ID.
      const through = await deployer.fetch(`${urls.web}/cgi-bin/api`);
      expect(await through.text()).toBe(`web via api  ${json(r, 'revisions').api}\n`);
    }, 300_000);

    it('skips a fork PR without credentials, changing nothing', async () => {
      emulator.recorder.clear();
      const r = await run(45, 10, {
        event: pullRequestEvent({ number: 45, sha: sha(10), fork: true }),
        env: { FORK: '1' },
      });
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs.result).toBe('skipped');
      expect(emulator.recorder.calls).toEqual([]);
    }, 60_000);

    it('sweeps stale previews from every service', async () => {
      const r = await run(0, 11, {
        inputs: { command: 'cleanup', stale: '1s' },
        eventName: 'schedule',
        event: { schedule: '0 3 * * *', repository: { full_name: 'acme/web' } },
      });
      expect(r.outputs.result, r.stdout).toBe('removed');
      for (const s of ['api', 'worker', 'web']) {
        const now = await tags(s);
        expect(now['pr-44']).toBeUndefined();
        expect(now.candidate).toBeTruthy();
        expect(await serving(s)).toEqual({ [released[s]]: 100 });
      }
    }, 120_000);

    it('refuses a cycle before anything is built or changed', async () => {
      writeEnvironment('    # cycle\n');
      const text = `name: loop\nservices:\n  a: { context: ${dir}/api, needs: [b] }\n  b: { context: ${dir}/worker, needs: [a] }\n`;
      writeFileSync(file(), text);
      emulator.recorder.clear();
      const r = await run(43, 4);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('the needs form a cycle: a -> b -> a');
      expect(emulator.recorder.mutations()).toEqual([]);
      writeEnvironment();
    }, 60_000);
  },
);
