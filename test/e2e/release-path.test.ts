/**
 * The release path the README's workflow takes: a PR previewed and closed (merged), the merge commit pushed
 * to the default branch becomes a checked candidate, and the release of that commit promotes the candidate.
 * The merge commit never had a preview: the candidate is what makes the release promotable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent } from './support/action-runner.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';

const SERVICE = 'shipit';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
const repository = { full_name: 'acme/web', name: 'web', owner: { login: 'acme' }, default_branch: 'main' };

describe.skipIf(skipWithout('release path e2e', ['docker', 'docker-registry', 'busybox']))(
  'PR, merge, push to main, release (dist/index.js, emulator)',
  () => {
    let world: PreviewWorld;
    let production = '';

    beforeAll(async () => {
      world = await startPreviewWorld();
      const first = await world.preview({ service: SERVICE, pr: 1, sha: sha(1) });
      expect(first.outputs.result, first.stdout).toBe('success');
      production = first.outputs.revision ?? '';
    }, 300_000);

    afterAll(async () => {
      await world?.stop();
    });

    async function state(): Promise<{ tags: Record<string, string>; serving: Record<string, number> }> {
      const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
      const tags: Record<string, string> = {};
      for (const t of svc.traffic ?? []) if (t.tag) tags[t.tag] = t.revision ?? 'LATEST';
      const serving: Record<string, number> = {};
      for (const s of svc.trafficStatuses ?? [])
        if ((s.percent ?? 0) > 0)
          serving[s.revision ?? ''] = (serving[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
      return { tags, serving };
    }

    it('promotes, on release, the candidate that the push of the merge commit deployed and checked', async () => {
      const pr = await world.preview({ service: SERVICE, pr: 30, sha: sha(30) });
      expect(pr.outputs.result, pr.stdout).toBe('success');
      const merged = await world.run({
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 30, sha: sha(30), action: 'closed' }),
        inputs: { service: SERVICE },
      });
      expect(merged.outputs.result, merged.stdout).toBe('removed');

      // The squash commit on main: built, deployed with production settings at 0 %, checked.
      const merge = sha(31);
      const push = await world.run({
        eventName: 'push',
        event: { ref: 'refs/heads/main', after: merge, repository },
        inputs: { command: 'auto', service: SERVICE },
        sha: merge,
      });
      expect(push.outputs.result, push.stdout).toBe('success');
      expect(push.outputs.tag).toBe('candidate');
      const candidate = push.outputs.revision ?? '';
      let now = await state();
      expect(now.tags.candidate).toBe(candidate);
      expect(now.serving).toEqual({ [production]: 100 });
      const [rev] = await world.revisions.getRevision({
        name: `${world.serviceName(SERVICE)}/revisions/${candidate}`,
      });
      expect(rev.labels?.['gcp-deploy-kind']).toBe('candidate');
      expect(rev.labels?.['gcp-deploy-sha']).toBe(merge);
      expect(rev.labels?.['gcp-deploy-pr']).toBeUndefined();
      const env = (rev.containers?.[0]?.env ?? []).map((e) => e.name);
      expect(env.filter((n) => n?.startsWith('PREVIEW_'))).toEqual([]);
      expect((await world.fetchText(push.outputs.url ?? '')).status).toBe(200);

      // A push to another branch implies no command.
      const other = await world.run({
        eventName: 'push',
        event: { ref: 'refs/heads/feature', repository },
        inputs: { command: 'auto', service: SERVICE },
        sha: sha(32),
        ref: 'refs/heads/feature',
      });
      expect(other.code).not.toBe(0);
      expect(other.stdout).toMatch(/implies no command/);

      // The release of the merge commit promotes that candidate's image.
      const release = await world.run({
        eventName: 'release',
        event: { action: 'published', release: { tag_name: 'v1.0.0' }, repository },
        inputs: { command: 'auto', service: SERVICE, canary: '50,100' },
        sha: merge,
      });
      expect(release.outputs.result, release.stdout).toBe('success');
      expect(release.outputs.digest).toBe(push.outputs.digest);
      now = await state();
      expect(now.serving).toEqual({ [release.outputs.revision ?? '']: 100 });
      const [shipped] = await world.revisions.getRevision({
        name: `${world.serviceName(SERVICE)}/revisions/${release.outputs.revision}`,
      });
      expect(shipped.labels?.['gcp-deploy-sha']).toBe(merge);
      expect(shipped.labels?.['gcp-deploy-from']).toBe(candidate);
      expect(now.tags.prev).toBe(production);
    });

    it('a release of a commit whose candidate failed its checks stops at once, naming the run', async () => {
      const bad = sha(40);
      const push = await world.run({
        eventName: 'push',
        event: { ref: 'refs/heads/main', after: bad, repository },
        inputs: { command: 'auto', service: SERVICE, health_path: '/no-such-page', health_timeout: '3s' },
        sha: bad,
      });
      expect(push.outputs.result, push.stdout).toBe('rolled-back');
      const before = await state();
      world.emulator.recorder.clear();
      const release = await world.run({
        eventName: 'release',
        event: { action: 'published', release: { tag_name: 'v1.1.0' }, repository },
        inputs: { command: 'auto', service: SERVICE, canary: '50,100' },
        sha: bad,
      });
      expect(release.code).not.toBe(0);
      expect(release.stdout).toContain(
        `the candidate of ${bad} failed its checks (run https://github.example/acme/web/actions/runs/4242`,
      );
      // Stopped before anything was deployed: no write to Cloud Run, traffic and tags as they were.
      expect(world.emulator.recorder.mutations()).toEqual([]);
      expect(await state()).toEqual(before);
    });
  },
);
