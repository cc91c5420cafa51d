/**
 * Services that only previews ever used. A preview of a service that does not exist creates it, and Cloud
 * Run makes that first revision serve 100 %. Until a promotion, such a service belongs to its previews:
 * a failed first preview and the cleanup of its last preview delete it. A service that existed before,
 * or that was promoted since, is never deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent } from './support/action-runner.js';
import { skipWithout } from './support/needs.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { pushImage } from './support/images.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

let world: PreviewWorld;
let github: GitHubFake;

/** The service, or null when Cloud Run answers NOT_FOUND. */
async function getService(name: string): Promise<{ tags: string[]; serving: string[] } | null> {
  try {
    const [svc] = await world.services.getService({ name: world.serviceName(name) });
    return {
      tags: (svc.traffic ?? []).flatMap((t) => (t.tag ? [t.tag] : [])),
      serving: (svc.trafficStatuses ?? []).filter((s) => (s.percent ?? 0) > 0).map((s) => s.revision ?? ''),
    };
  } catch (err) {
    if ((err as { code?: number }).code === 5) return null;
    throw err;
  }
}

const close = (service: string, pr: number): ReturnType<PreviewWorld['run']> =>
  world.run({
    eventName: 'pull_request',
    event: pullRequestEvent({ number: pr, sha: sha(pr), action: 'closed' }),
    inputs: { service, comment: 'true', github_token: github.token },
    env: { GITHUB_API_URL: github.url },
  });

const lastComment = (pr: number): string => github.comments.filter((c) => c.issue === pr).at(-1)?.body ?? '';

describe.skipIf(skipWithout('preview-created service e2e', ['docker', 'docker-registry', 'busybox']))(
  'services that only previews used',
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
      github = await startGitHubFake();
    });
    afterAll(async () => {
      await github?.stop();
      await world?.stop();
    });

    it('a failed first preview on a new service leaves no service behind, and says so', async () => {
      const run = await world.preview({
        service: 'fresh',
        pr: 1,
        sha: sha(1),
        inputs: {
          health_path: '/missing',
          health_timeout: '3s',
          comment: 'true',
          github_token: github.token,
        },
        env: { GITHUB_API_URL: github.url },
      });
      expect(run.outputs.result, run.stdout).toBe('rolled-back');
      expect(run.stdout).toMatch(/does not exist: creating it/);
      expect(run.stdout).toMatch(
        /::notice::Service fresh was deleted: a preview \(pr-1\) created it, nothing was ever promoted, and its first preview failed/,
      );
      expect(await getService('fresh')).toBeNull();
      expect(lastComment(1)).toContain('Service `fresh` was deleted too');
      expect(github.violations).toEqual([]);
    });

    it('closing the only PR of a preview-created service deletes it; another PR keeps it until then', async () => {
      const first = await world.preview({ service: 'solo', pr: 2, sha: sha(2) });
      expect(first.outputs.result, first.stdout).toBe('success');
      // The creation notice says how to make it production.
      expect(first.stdout).toMatch(/::notice::Service solo did not exist, so this preview created it/);
      expect(first.stdout).toMatch(/promote a checked revision \(command: promote\) or create the service/);
      const second = await world.preview({ service: 'solo', pr: 3, sha: sha(3) });
      expect(second.outputs.result, second.stdout).toBe('success');

      const closed2 = await close('solo', 2);
      expect(closed2.outputs.result, closed2.stdout).toBe('removed');
      expect(closed2.stdout).toMatch(
        /Service solo was created by a preview and is kept: tag pr-3 still uses it/,
      );
      expect((await getService('solo'))?.tags).toEqual(['pr-3']);

      const closed3 = await close('solo', 3);
      expect(closed3.outputs.result, closed3.stdout).toBe('removed');
      expect(closed3.stdout).toMatch(
        /Service solo was deleted: a preview \(pr-2\) created it, nothing was ever promoted, and the cleanup of PR #3 removed its last preview/,
      );
      expect(await getService('solo')).toBeNull();
      expect(lastComment(3)).toContain('Service `solo` was deleted too');
    });

    it('closing a PR on a service that existed before keeps it, serving as it did', async () => {
      // Created outside the action (a pipeline, Terraform): its own image, no mark.
      const ref = `${world.registry.host}/demo-project/previews/kept:outside`;
      const image = await pushImage(world.app.dir, ref, world.emulator);
      const [op] = await world.services.createService({
        parent: 'projects/demo-project/locations/us-central1',
        serviceId: 'kept',
        service: { template: { revision: 'kept-outside-1', containers: [{ image }] } },
      });
      await op.promise();

      const run = await world.preview({ service: 'kept', pr: 4, sha: sha(4) });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).not.toMatch(/did not exist/);
      const closed = await close('kept', 4);
      expect(closed.outputs.result, closed.stdout).toBe('removed');
      expect(closed.stdout).not.toMatch(/Service kept was (deleted|created)/);
      expect(await getService('kept')).toEqual({ tags: [], serving: ['kept-outside-1'] });
    });

    it('a preview-created service that was promoted is production: closing its PR keeps it', async () => {
      const run = await world.preview({ service: 'grown', pr: 5, sha: sha(5) });
      expect(run.outputs.result, run.stdout).toBe('success');
      const promoted = await world.run({
        eventName: 'workflow_dispatch',
        event: {},
        inputs: { command: 'promote', service: 'grown', promote_from: 'tag:pr-5', health_path: '/healthz' },
      });
      expect(promoted.outputs.result, promoted.stdout).toBe('success');
      const closed = await close('grown', 5);
      expect(closed.outputs.result, closed.stdout).toBe('removed');
      expect(closed.stdout).not.toMatch(/Service grown was (deleted|created)/);
      expect((await getService('grown'))?.serving).toEqual([promoted.outputs.revision]);
    });
  },
);
