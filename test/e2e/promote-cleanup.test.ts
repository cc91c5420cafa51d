import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent } from './support/action-runner.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { digestOf, pushImage } from './support/images.js';
import { skipWithout } from './support/needs.js';
import { emulatorOptions } from './support/emulator-options.js';

const SERVICE = 'api';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
const release = (commit: string): Record<string, unknown> => ({
  action: 'published',
  release: { tag_name: 'v1.0.0', target_commitish: commit },
  repository: { full_name: 'acme/web', name: 'web', owner: { login: 'acme' } },
});

let world: PreviewWorld;

async function service(): Promise<{
  traffic: { revision: string; percent: number; tag: string; type: string }[];
  shares: Record<string, number>;
  tags: Record<string, string>;
  uri: string;
}> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  const shares: Record<string, number> = {};
  const tags: Record<string, string> = {};
  for (const s of svc.trafficStatuses ?? []) {
    if ((s.percent ?? 0) > 0) shares[s.revision ?? ''] = (shares[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
    if (s.tag) tags[s.tag] = s.revision ?? '';
  }
  return {
    traffic: (svc.traffic ?? []).map((t) => ({
      revision: t.revision ?? '',
      percent: t.percent ?? 0,
      tag: t.tag ?? '',
      type: String(t.type),
    })),
    shares,
    tags,
    uri: svc.uri ?? '',
  };
}

/** The image's tags as Artifact Registry lists them (the registry API itself cannot delete a shared tag). */
async function registryTags(): Promise<string[]> {
  const client = new ArtifactRegistryClient(emulatorOptions(world.emulator));
  try {
    const [tags] = await client.listTags({
      parent: `projects/demo-project/locations/us-central1/repositories/previews/packages/${SERVICE}`,
    });
    return tags.map((t) => (t.name ?? '').split('/').pop() ?? '').sort();
  } finally {
    await client.close();
  }
}

const promote = (inputs: Record<string, string>, commit = sha(0)): ReturnType<PreviewWorld['run']> =>
  world.run({
    eventName: 'release',
    event: release(commit),
    sha: commit,
    inputs: { service: SERVICE, health_path: '/healthz', ...inputs },
  });

/** A revision as Cloud Run returns it: env names, labels and the ingress image's digest. */
async function revisionFacts(
  name: string,
): Promise<{ env: string[]; labels: Record<string, string>; digest: string }> {
  const [rev] = await world.revisions.getRevision({
    name: `${world.serviceName(SERVICE)}/revisions/${name}`,
  });
  const image = rev.containers?.[0]?.image ?? '';
  return {
    env: (rev.containers?.[0]?.env ?? []).map((e) => e.name ?? ''),
    labels: { ...(rev.labels ?? {}) },
    digest: image.slice(image.indexOf('@') + 1),
  };
}

const SKIP = skipWithout('promote and cleanup e2e', ['docker', 'docker-registry', 'busybox']);

describe.skipIf(SKIP)('promote, rollback and cleanup end to end', () => {
  const revs: Record<number, { revision: string; digest: string }> = {};

  beforeAll(async () => {
    world = await startPreviewWorld();
    for (const pr of [100, 42, 43, 44]) {
      const run = await world.preview({ service: SERVICE, pr, sha: sha(pr) });
      expect(run.outputs.result, run.stdout).toBe('success');
      revs[pr] = { revision: run.outputs.revision ?? '', digest: run.outputs.digest ?? '' };
    }
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('promotes by tag: production moves, the old revision keeps a prev tag, every other tag stays', async () => {
    const before = await service();
    const run = await promote({ promote_from: 'tag:pr-42' });
    expect(run.outputs.result, run.stdout).toBe('success');
    // A new production revision running the digest PR 42 checked, not the preview revision itself.
    const release = run.outputs.revision ?? '';
    expect(release).toMatch(/^api-rel-[0-9a-f]+$/);
    expect(run.outputs.digest).toBe(revs[42]?.digest);
    const facts = await revisionFacts(release);
    expect(facts.digest).toBe(revs[42]?.digest);
    expect(facts.env.filter((n) => n.startsWith('PREVIEW_'))).toEqual([]);
    expect(facts.labels).not.toHaveProperty('gcp-deploy-pr');
    expect(facts.labels).toMatchObject({ 'gcp-deploy-from': revs[42]?.revision, 'gcp-deploy-from-pr': '42' });
    // Checked at 0 % on the candidate tag before any traffic moved.
    const checked = run.stdout.indexOf(`${release} passed its checks at 0 %`);
    expect(checked).toBeGreaterThan(-1);
    expect(checked).toBeLessThan(run.stdout.indexOf(`${release} serves 100 %`));
    expect(run.outputs.previous_revision).toBe(revs[100]?.revision);
    const after = await service();
    expect(after.shares).toEqual({ [release]: 100 });
    expect(after.tags.candidate).toBe(release);
    expect(after.tags.prev).toBe(revs[100]?.revision);
    for (const tag of ['pr-42', 'pr-43', 'pr-100']) expect(after.tags[tag]).toBe(before.tags[tag]);
    expect((await world.fetchText(`${after.uri}/version.txt`)).body).toBe(`${sha(42)}\n`);
  });

  it('rollback sends 100 % back to the revision the promotion recorded', async () => {
    const run = await world.run({
      eventName: 'workflow_dispatch',
      event: {},
      inputs: { command: 'rollback', service: SERVICE, health_path: '/healthz' },
    });
    expect(run.outputs.result, run.stdout).toBe('success');
    expect((await service()).shares).toEqual({ [revs[100]?.revision ?? '']: 100 });
  });

  it('promotes by commit SHA (the release event commit) and by image digest', async () => {
    const bySha = await promote({}, sha(43));
    expect(bySha.outputs.result, bySha.stdout).toBe('success');
    expect(bySha.outputs.digest).toBe(revs[43]?.digest);
    expect((await service()).shares).toEqual({ [bySha.outputs.revision ?? '']: 100 });
    expect((await revisionFacts(bySha.outputs.revision ?? '')).labels['gcp-deploy-sha']).toBe(sha(43));

    const byDigest = await promote({ promote_from: `digest:${revs[42]?.digest ?? ''}` });
    expect(byDigest.outputs.result, byDigest.stdout).toBe('success');
    expect(byDigest.outputs.digest).toBe(revs[42]?.digest);
    expect((await service()).shares).toEqual({ [byDigest.outputs.revision ?? '']: 100 });
  });

  it('promotes a digest that no revision runs yet by deploying it first', async () => {
    // An image pushed outside any preview (say, by a release build): its digest has no revision.
    writeFileSync(join(world.app.dir, 'site', 'version.txt'), 'release-build\n');
    const ref = `${world.registry.host}/demo-project/previews/${SERVICE}:release`;
    const repoDigest = await pushImage(world.app.dir, ref, world.emulator);
    const digest = digestOf(repoDigest);
    const run = await promote({ promote_from: `digest:${digest}` });
    expect(run.outputs.result, run.stdout).toBe('success');
    expect(run.outputs.digest).toBe(digest);
    const after = await service();
    expect(after.shares).toEqual({ [run.outputs.revision ?? '']: 100 });
    expect((await world.fetchText(`${after.uri}/version.txt`)).body).toBe('release-build\n');
    // Back to PR 42's revision for the tests below.
    const back = await promote({ promote_from: 'tag:pr-42' });
    expect(back.outputs.result, back.stdout).toBe('success');
  });

  it('a digest that is not in the registry fails to start and leaves production as it was', async () => {
    const before = await service();
    const run = await promote({ promote_from: `digest:sha256:${'e'.repeat(64)}` });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/failed to become ready/);
    expect((await service()).shares).toEqual(before.shares);
  });

  it('a canary that fails at 50 % restores the saved traffic exactly', async () => {
    const before = await service();
    // Make the release candidate (the revision the candidate tag names) unhealthy once it gets 50 %.
    const watcher = setInterval(() => {
      for (const c of world.emulator.recorder.mutations()) {
        const traffic =
          (c.request as { service?: { traffic?: { revision?: string; percent?: number; tag?: string }[] } })
            .service?.traffic ?? [];
        const candidate = traffic.find((t) => t.tag === 'candidate')?.revision;
        if (candidate !== undefined && traffic.some((t) => t.revision === candidate && t.percent === 50))
          world.emulator.faults.makeUnhealthy(candidate);
      }
    }, 10);
    world.emulator.recorder.clear();
    // The action reads the service back after each step; slowing that read gives the watcher (10 ms polls)
    // time to act before the 50 % step's checks start, whatever the machine's load.
    world.emulator.faults.setLatency('GetService', 150);
    const run = await promote({ promote_from: 'tag:pr-43', canary: '10,50,100', health_timeout: '3s' });
    clearInterval(watcher);
    world.emulator.faults.reset();
    expect(run.outputs.result, run.stdout).toBe('rolled-back');
    expect(run.stdout).toMatch(/at 50 %/);
    const after = await service();
    // Production exactly as before; only the candidate tag moved (to the revision that failed at 50 %).
    const withoutCandidate = (t: { tag: string }[]): unknown[] => t.filter((x) => x.tag !== 'candidate');
    expect(withoutCandidate(after.traffic)).toEqual(withoutCandidate(before.traffic));
    expect(after.shares).toEqual(before.shares);
  });

  it('cleanup after close leaves no tag, revision or image tag of that PR and keeps production', async () => {
    const prodRevision = Object.keys((await service()).shares)[0];
    const run = await world.run({
      eventName: 'pull_request',
      event: pullRequestEvent({ number: 44, sha: sha(44), action: 'closed' }),
      inputs: { service: SERVICE },
    });
    expect(run.outputs.result, run.stdout).toBe('removed');
    const after = await service();
    expect(after.tags['pr-44']).toBeUndefined();
    expect(after.tags['pr-43']).toBe(revs[43]?.revision);
    const [list] = await world.revisions.listRevisions({ parent: world.serviceName(SERVICE) });
    const names = list.map((r) => r.name?.split('/').pop());
    expect(names).not.toContain(revs[44]?.revision);
    expect(names).toContain(prodRevision);
    const tags = await registryTags();
    expect(tags, run.stdout).not.toContain('pr-44');
    expect(tags).not.toContain(`sha-${sha(44).slice(0, 7)}`);
    expect(tags).toContain('pr-42');
    expect((await world.fetchText(`${after.uri}/version.txt`)).status).toBe(200);
  });

  it('cleanup of the PR whose image serves production keeps that image and production', async () => {
    const before = await service();
    const run = await world.run({
      eventName: 'pull_request',
      event: pullRequestEvent({ number: 42, sha: sha(42), action: 'closed' }),
      inputs: { service: SERVICE },
    });
    expect(run.outputs.result, run.stdout).toBe('removed');
    const after = await service();
    const prod = Object.keys(before.shares)[0] ?? '';
    expect((await revisionFacts(prod)).digest).toBe(revs[42]?.digest);
    expect(after.shares).toEqual(before.shares);
    expect(after.tags['pr-42']).toBeUndefined();
    expect(await registryTags()).toContain(`sha-${sha(42).slice(0, 7)}`);
  });
});

describe.skipIf(SKIP)('concurrency and faults', () => {
  beforeAll(async () => {
    world = await startPreviewWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('ten concurrent previews on one service all keep their tags, production unchanged', async () => {
    const first = await world.preview({ service: 'busy', pr: 1, sha: sha(1) });
    expect(first.outputs.result, first.stdout).toBe('success');
    const [svc] = await world.services.getService({ name: world.serviceName('busy') });
    const prodBefore = (svc.trafficStatuses ?? []).filter((s) => (s.percent ?? 0) > 0);
    world.emulator.faults.setLatency('UpdateService', 150);
    world.emulator.faults.setLatency('GetService', 50);
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        world.preview({
          service: 'busy',
          pr: 10 + i,
          sha: sha(10 + i),
          inputs: { image: first.outputs.image ?? '', env_vars: `RUN=${i}` },
        }),
      ),
    );
    world.emulator.faults.reset();
    for (const r of runs) expect(r.outputs.result, r.stdout).toBe('success');
    const [after] = await world.services.getService({ name: world.serviceName('busy') });
    const tags = (after.traffic ?? []).map((t) => t.tag).filter(Boolean);
    for (let i = 0; i < 10; i++) expect(tags).toContain(`pr-${10 + i}`);
    const serving = (list: typeof prodBefore): [string, number][] =>
      list.filter((s) => (s.percent ?? 0) > 0).map((s) => [s.revision ?? '', s.percent ?? 0]);
    expect(serving(after.trafficStatuses ?? [])).toEqual(serving(prodBefore));
    const conflicts = world.emulator.recorder.calls.filter(
      (c) => c.method === 'UpdateService' && c.code === 10,
    ).length;
    console.log(`concurrent previews: ${conflicts} etag conflicts re-planned`);
  });

  it('a canary with smoke checks compares the error rate at each step and ends at 100 %', async () => {
    const run = await world.run({
      eventName: 'workflow_dispatch',
      event: {},
      inputs: {
        command: 'promote',
        service: 'busy',
        promote_from: 'tag:pr-12',
        canary: '25,100',
        health_path: '/healthz',
        smoke: JSON.stringify({ iterations: 20, thresholds: { http_req_failed: ['rate==0'] } }),
      },
    });
    expect(run.outputs.result, run.stdout).toBe('success');
    expect(run.stdout).toMatch(
      /error rate at 25 %: 0\.00 % of requests failed, 0\.00 % before the promotion/,
    );
    const [svc] = await world.services.getService({ name: world.serviceName('busy') });
    const serving = (svc.trafficStatuses ?? []).filter((s) => (s.percent ?? 0) > 0);
    expect(serving.map((s) => [s.revision, s.percent])).toEqual([[run.outputs.revision, 100]]);
    expect(run.outputs.revision).toMatch(/^busy-rel-/);
    const pr12 = svc.trafficStatuses?.find((s) => s.tag === 'pr-12')?.revision ?? '';
    const [rev12] = await world.revisions.getRevision({
      name: `${world.serviceName('busy')}/revisions/${pr12}`,
    });
    expect(run.outputs.image).toBe(rev12.containers?.[0]?.image);
  });

  it('a scheduled stale sweep with dry_run lists what it would delete and changes nothing', async () => {
    world.emulator.recorder.clear();
    const run = await world.run({
      eventName: 'schedule',
      event: {},
      inputs: { command: 'cleanup', service: 'busy', stale: '1s', dry_run: 'true' },
    });
    expect(run.outputs.result, run.stdout).toBe('success');
    expect(run.stdout).toMatch(/would delete tags of PR #13: pr-13/);
    expect(run.stdout).toMatch(/would delete revisions of PR #13: busy-pr13-/);
    expect(world.emulator.recorder.mutations()).toEqual([]);
  });

  it('a stale sweep also removes previews of PRs that GitHub reports closed, whatever their age', async () => {
    const github = await startGitHubFake();
    try {
      for (let pr = 10; pr < 20; pr++) github.pulls.set(pr, pr === 14 ? 'closed' : 'open');
      github.pulls.set(1, 'open');
      const run = await world.run({
        eventName: 'schedule',
        event: {},
        inputs: {
          command: 'cleanup',
          service: 'busy',
          stale: '30d',
          github_token: github.token,
          comment: 'false',
        },
        env: { GITHUB_API_URL: github.url },
      });
      expect(run.outputs.result, run.stdout).toBe('removed');
      expect(run.stdout).toMatch(/deleting tags of PR #14: pr-14/);
      expect(run.stdout).not.toMatch(/PR #13/);
      expect(github.violations).toEqual([]);
      const [svc] = await world.services.getService({ name: world.serviceName('busy') });
      const tags = (svc.traffic ?? []).map((t) => t.tag);
      expect(tags).not.toContain('pr-14');
      expect(tags).toContain('pr-13');
    } finally {
      await github.stop();
    }
  });

  it('with the answers of a third of the writes lost after they took effect, every flow ends correct', async () => {
    const tagsOf = async (): Promise<(string | null | undefined)[]> =>
      ((await world.services.getService({ name: world.serviceName('busy') }))[0].traffic ?? []).map(
        (t) => t.tag,
      );
    const othersBefore = (await tagsOf().catch(() => [])).filter((t) => t && /^pr-/.test(t));
    world.emulator.faults.loseAnswers(1 / 3, undefined, 11);
    const run = await world.preview({ service: 'busy', pr: 51, sha: sha(51) });
    expect(run.outputs.result, run.stdout).toBe('success');
    const failing = await world.preview({
      service: 'busy',
      pr: 51,
      sha: sha(52),
      inputs: { health_path: '/missing', health_timeout: '2s' },
    });
    expect(failing.outputs.result, failing.stdout).toBe('rolled-back');
    const promoted = await world.run({
      eventName: 'workflow_dispatch',
      event: {},
      inputs: {
        command: 'promote',
        service: 'busy',
        promote_from: 'tag:pr-51',
        canary: '50,100',
        health_path: '/healthz',
      },
    });
    expect(promoted.outputs.result, promoted.stdout).toBe('success');
    const cleaned = await world.run({
      eventName: 'pull_request',
      event: pullRequestEvent({ number: 51, sha: sha(52), action: 'closed' }),
      inputs: { service: 'busy' },
    });
    expect(cleaned.outputs.result, cleaned.stdout).toBe('removed');
    world.emulator.faults.reset();
    const lost = world.emulator.recorder.calls.filter((c) => c.code === 14 && c.ok === false).length;
    expect(lost).toBeGreaterThan(0);
    const [svc] = await world.services.getService({ name: world.serviceName('busy') });
    const serving = (svc.trafficStatuses ?? []).filter((s) => (s.percent ?? 0) > 0).map((s) => s.revision);
    expect(serving).toEqual([promoted.outputs.revision]);
    expect(promoted.outputs.digest).toBe(run.outputs.digest);
    // One revision per deploy, however many answers were lost: no write was done twice under a new name.
    const [revisions] = await world.revisions.listRevisions({ parent: world.serviceName('busy') });
    expect(revisions.filter((r) => r.labels?.['gcp-deploy-from'] === run.outputs.revision)).toHaveLength(1);
    expect(revisions.filter((r) => r.labels?.['gcp-deploy-pr'] === '51').length).toBeLessThanOrEqual(2);
    const tags = (svc.traffic ?? []).map((t) => t.tag);
    expect(tags).not.toContain('pr-51');
    for (const other of othersBefore) expect(tags).toContain(other);
    expect(Object.keys(svc.annotations ?? {}).filter((k) => k.endsWith('/pr-51'))).toEqual([]);
  });

  it('with a third of calls failing UNAVAILABLE, preview, promote and cleanup still end correct', async () => {
    world.emulator.faults.failRandomly(1 / 3, [14], undefined, 7);
    const run = await world.preview({ service: 'busy', pr: 50, sha: sha(50) });
    expect(run.outputs.result, run.stdout).toBe('success');
    const promoted = await world.run({
      eventName: 'workflow_dispatch',
      event: {},
      inputs: { command: 'promote', service: 'busy', promote_from: 'tag:pr-50', health_path: '/healthz' },
    });
    expect(promoted.outputs.result, promoted.stdout).toBe('success');
    const cleaned = await world.run({
      eventName: 'pull_request',
      event: pullRequestEvent({ number: 11, sha: sha(11), action: 'closed' }),
      inputs: { service: 'busy' },
    });
    expect(cleaned.outputs.result, cleaned.stdout).toBe('removed');
    world.emulator.faults.reset();
    const faults = world.emulator.recorder.calls.filter((c) => c.code === 14).length;
    expect(faults).toBeGreaterThan(0);
    const [svc] = await world.services.getService({ name: world.serviceName('busy') });
    const serving = (svc.trafficStatuses ?? []).filter((s) => (s.percent ?? 0) > 0).map((s) => s.revision);
    expect(serving).toEqual([promoted.outputs.revision]);
    expect(promoted.outputs.digest).toBe(run.outputs.digest);
    // Exactly one release revision for this promotion, despite lost answers.
    const [revisions] = await world.revisions.listRevisions({ parent: world.serviceName('busy') });
    expect(revisions.filter((r) => r.labels?.['gcp-deploy-from'] === run.outputs.revision)).toHaveLength(1);
    expect((svc.traffic ?? []).some((t) => t.tag === 'pr-11')).toBe(false);
    expect((svc.traffic ?? []).some((t) => t.tag === 'pr-12')).toBe(true);
  });
});
