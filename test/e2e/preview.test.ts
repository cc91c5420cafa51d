import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent, runAction } from './support/action-runner.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';

const SERVICE = 'shop';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

let world: PreviewWorld;

async function traffic(): Promise<{ revision: string; percent: number; tag: string; type: string }[]> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  return (svc.traffic ?? []).map((t) => ({
    revision: t.revision ?? '',
    percent: t.percent ?? 0,
    tag: t.tag ?? '',
    type: String(t.type),
  }));
}

async function serviceUrl(): Promise<string> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  return svc.uri ?? '';
}

/** Percent served per revision, after resolving LATEST: what "production untouched" means. */
async function servingShares(): Promise<Record<string, number>> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  const out: Record<string, number> = {};
  for (const s of svc.trafficStatuses ?? []) {
    if ((s.percent ?? 0) > 0) out[s.revision ?? ''] = (out[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
  }
  return out;
}

function percentChanges(): unknown[] {
  // Every mutating call's traffic: a preview may add or move tags, never give a revision percent.
  return world.emulator.recorder
    .mutations()
    .flatMap(
      (c) =>
        (c.request as { service?: { traffic?: { percent?: number; tag?: string }[] } }).service?.traffic ??
        [],
    )
    .filter((t) => (t.percent ?? 0) > 0 && t.tag);
}

describe.skipIf(skipWithout('preview e2e', ['docker', 'docker-registry', 'busybox']))(
  'preview end to end (dist/index.js, emulator, registry, Docker)',
  () => {
    let productionRevision = '';

    beforeAll(async () => {
      world = await startPreviewWorld();
      // Production: the first deploy of a new service creates it; that revision then serves 100 % through LATEST,
      // and a `prod` tag rides on LATEST, the setup the peer action breaks.
      const first = await world.preview({ service: SERVICE, pr: 100, sha: sha(100) });
      expect(first.outputs.result, first.stdout).toBe('success');
      expect(first.stdout).toMatch(/does not exist: creating it/);
      productionRevision = first.outputs.revision ?? '';
      const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
      const [op] = await world.services.updateService({
        service: {
          ...svc,
          traffic: [
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 },
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 0, tag: 'prod' },
          ],
        },
      });
      await op.promise();
      world.emulator.recorder.clear();
    });

    afterAll(async () => {
      await world?.stop();
    });

    it('first deploy of a PR: tagged revision at 0 %, its own URL, production and its tag untouched', async () => {
      const before = await servingShares();
      const run = await world.preview({ service: SERVICE, pr: 1, sha: sha(1) });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.outputs).toMatchObject({ result: 'success', tag: 'pr-1' });
      expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(run.outputs.image).toBe(
        `${world.registry.host}/demo-project/previews/shop@${run.outputs.digest}`,
      );
      expect(run.outputs.revision).toMatch(/^shop-pr1-0101010-[0-9a-f]{6}$/);

      const preview = await world.fetchText(`${run.outputs.url}/version.txt`);
      expect(preview).toEqual({ status: 200, body: `${sha(1)}\n` });
      const prod = await world.fetchText(`${await serviceUrl()}/version.txt`);
      expect(prod.body).toBe(`${sha(100)}\n`);

      expect(await servingShares()).toEqual(before);
      const t = await traffic();
      expect(t.find((x) => x.tag === 'prod')?.revision).toBe(productionRevision);
      expect(t.find((x) => x.tag === 'pr-1')).toMatchObject({ revision: run.outputs.revision, percent: 0 });
      expect(percentChanges()).toEqual([]);
      expect(run.summary).toContain('pr-1');
      expect(JSON.parse(run.outputs.metrics ?? '{}')).toHaveProperty('health.ok', true);
    });

    it('a second commit on the same PR moves the tag and reports the previous revision', async () => {
      const before = (await traffic()).find((x) => x.tag === 'pr-1')?.revision;
      const run = await world.preview({ service: SERVICE, pr: 1, sha: sha(2) });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.outputs.previous_revision).toBe(before);
      expect(run.outputs.revision).not.toBe(before);
      expect((await world.fetchText(`${run.outputs.url}/version.txt`)).body).toBe(`${sha(2)}\n`);
    });

    it('re-running the same commit changes nothing', async () => {
      const previous = (await traffic()).find((x) => x.tag === 'pr-1')?.revision;
      world.emulator.recorder.clear();
      const run = await world.preview({ service: SERVICE, pr: 1, sha: sha(2) });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.outputs.revision).toBe(previous);
      expect(world.emulator.recorder.mutations()).toEqual([]);
    });

    it('two PRs side by side each keep their own tag and URL', async () => {
      const pr1 = (await traffic()).find((x) => x.tag === 'pr-1');
      const run = await world.preview({ service: SERVICE, pr: 2, sha: sha(3) });
      expect(run.outputs.result, run.stdout).toBe('success');
      const t = await traffic();
      expect(t.find((x) => x.tag === 'pr-1')).toEqual(pr1);
      expect(t.find((x) => x.tag === 'pr-2')?.revision).toBe(run.outputs.revision);
      const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
      const pr1Url = svc.trafficStatuses?.find((s) => s.tag === 'pr-1')?.uri ?? '';
      expect((await world.fetchText(`${pr1Url}/version.txt`)).body).toBe(`${sha(2)}\n`);
      expect((await world.fetchText(`${run.outputs.url}/version.txt`)).body).toBe(`${sha(3)}\n`);
    });

    describe.each([
      [
        'a revision that fails to start',
        { container_command: '/bin/busybox', container_args: 'false' },
        /failed to become ready/,
      ],
      [
        'a failed health check',
        { health_path: '/missing', health_timeout: '3s' },
        /Health check of .*\/missing failed/,
      ],
      [
        'failed smoke thresholds',
        { smoke: JSON.stringify({ iterations: 5, thresholds: { http_reqs: ['count>1000'] } }) },
        /Smoke checks failed: http_reqs count>1000/,
      ],
    ])('%s', (_name, inputs, reason) => {
      it('rolls the PR tag back, keeps production, fails the step with one reason', async () => {
        const beforeShares = await servingShares();
        const good = (await traffic()).find((x) => x.tag === 'pr-1')?.revision;
        const run = await world.preview({
          service: SERVICE,
          pr: 1,
          sha: sha(Math.floor(Math.random() * 200) + 20),
          inputs,
        });
        expect(run.code).not.toBe(0);
        expect(run.outputs.result).toBe('rolled-back');
        expect(run.stdout).toMatch(reason);
        const t = await traffic();
        expect(t.find((x) => x.tag === 'pr-1')?.revision).toBe(good);
        expect(t.find((x) => x.tag === 'prod')?.revision).toBe(productionRevision);
        expect(await servingShares()).toEqual(beforeShares);
        // The failed revision is kept (untagged) for debugging.
        const [revs] = await world.revisions.listRevisions({ parent: world.serviceName(SERVICE) });
        expect(revs.map((r) => r.name?.split('/').pop())).toContain(run.outputs.revision);
      });
    });

    it('a PR without an earlier good revision loses its tag on failure', async () => {
      const run = await world.preview({
        service: SERVICE,
        pr: 3,
        sha: sha(4),
        inputs: { health_path: '/missing', health_timeout: '2s' },
      });
      expect(run.outputs.result).toBe('rolled-back');
      expect((await traffic()).some((x) => x.tag === 'pr-3')).toBe(false);
    });

    it('comments on the PR and records a deployment through GITHUB_API_URL, with the token masked', async () => {
      const github = await startGitHubFake();
      try {
        const run = await world.preview({
          service: SERVICE,
          pr: 5,
          sha: sha(5),
          inputs: { comment: 'true', github_token: github.token },
          env: { GITHUB_API_URL: github.url },
        });
        expect(run.outputs.result, run.stdout).toBe('success');
        expect(github.violations).toEqual([]);
        expect(github.comments).toHaveLength(1);
        expect(github.comments[0]?.body).toContain(run.outputs.url);
        expect(github.deployments[0]?.environment).toBe('preview/pr-5');
        expect(github.deployments[0]?.statuses.map((s) => s.state)).toEqual([
          'in_progress',
          'in_progress',
          'in_progress',
          'success',
        ]);
        expect(github.deployments[0]?.statuses.at(-1)?.environment_url).toBe(run.outputs.url);
        expect(run.stdout).toContain(`::add-mask::${github.token}`);
        expect(run.stdout.replace(`::add-mask::${github.token}`, '')).not.toContain(github.token);
        expect(run.summary).not.toContain(github.token);
      } finally {
        await github.stop();
      }
    });

    it('skips a fork PR without cloud credentials with a notice, changing nothing', async () => {
      world.emulator.recorder.clear();
      const run = await runAction({
        inputs: { command: 'auto', project_id: 'demo-project', service: SERVICE, comment: 'false' },
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 77, sha: sha(77), fork: true }),
      });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.result).toBe('skipped');
      expect(run.stdout).toMatch(/::notice::.*fork/);
      expect(world.emulator.recorder.calls).toEqual([]);
    });

    it.each([
      [{ memory: '64Mi' }, /Input 'memory'/],
      [
        { tag: 'pr-{number}-{branch}', service: 'a-service-name-that-is-long-enough-to-break' },
        /Inputs 'tag' and 'service'/,
      ],
      [{ smoke: '{"thresholds":{"http_req_duration":["p95<500"]}}' }, /http_req_duration/],
      [{ env_vars: 'PORT=9000' }, /Input 'env_vars': got "PORT"/],
      [{ health_path: '//evil.example/x' }, /Input 'health_path'/],
      [{ labels: 'team=Hello World!' }, /Input 'labels'/],
      [{ image: 'web:v1' }, /Input 'image'.*pinned by digest/],
      [{ context: '/nonexistent/app' }, /Input 'context'/],
      [{ dockerfile: '/etc/hostname' }, /Input 'dockerfile'.*inside the context/],
      [{ template_file: '/nonexistent/t.yaml' }, /Input 'template_file'/],
    ])('bad input %o fails before anything is built or changed', async (inputs, message) => {
      world.emulator.recorder.clear();
      const run = await world.preview({ service: SERVICE, pr: 9, sha: sha(9), inputs });
      expect(run.code).not.toBe(0);
      expect(run.stdout).toMatch(message);
      expect(run.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);
      expect(run.stdout).not.toMatch(/build|push/i);
      expect(world.emulator.recorder.mutations()).toEqual([]);
    });
  },
);
