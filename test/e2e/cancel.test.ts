/**
 * Cancelled runs ("Cancel workflow", cancel-in-progress): SIGINT at each phase, then the state left behind.
 * The PR tag must end on the last revision that passed its checks, production must not move, the comment
 * must say "Cancelled" and the deployment must be inactive; a run killed outright is repaired by the next.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';
import type { ActionRun } from './support/action-runner.js';

const SERVICE = 'halt';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

let world: PreviewWorld;
let github: GitHubFake;

/** When the last signal was sent: a cancelled run must end within the runner's 10 s grace after it. */
let sentAt = 0;

/** Sends `signal` once stdout matches `pattern` (after `delayMs`), calling `before` first when given. */
function signalOn(
  pattern: RegExp,
  opts: {
    signal?: NodeJS.Signals;
    delayMs?: number;
    before?: () => Promise<void>;
    /**
     * Stop the run (SIGSTOP) as soon as the line shows, while `before` acts, then let it go on and signal
     * it: what `before` does lands between that step and the cancel however fast the run's next step is.
     */
    pause?: boolean;
  } = {},
): (stdout: string, child: ChildProcess) => void {
  let sent = false;
  return (stdout, child) => {
    if (sent || !pattern.test(stdout)) return;
    sent = true;
    if (opts.pause === true) child.kill('SIGSTOP');
    setTimeout(() => {
      void (async () => {
        await opts.before?.();
        sentAt = Date.now();
        if (opts.pause === true) child.kill('SIGCONT');
        child.kill(opts.signal ?? 'SIGINT');
      })();
    }, opts.delayMs ?? 0);
  };
}

async function service(): Promise<{
  tags: Record<string, string>;
  serving: Record<string, number>;
  annotations: Record<string, string>;
}> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  const tags: Record<string, string> = {};
  for (const t of svc.traffic ?? []) if (t.tag) tags[t.tag] = t.revision ?? 'LATEST';
  const serving: Record<string, number> = {};
  for (const s of svc.trafficStatuses ?? [])
    if ((s.percent ?? 0) > 0) serving[s.revision ?? ''] = (serving[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
  return { tags, serving, annotations: { ...(svc.annotations ?? {}) } };
}

function expectCancelled(run: ActionRun): void {
  expect(run.outputs.result, run.stdout).toBe('cancelled');
  expect(run.code).not.toBe(0);
  expect(run.stdout).toMatch(/SIGINT received/);
  expect(run.summary).toMatch(/Cancelled/);
  expect(Date.now() - sentAt).toBeLessThan(10_000);
}

describe.skipIf(skipWithout('cancel e2e', ['docker', 'docker-registry', 'busybox']))(
  'cancelled runs (SIGINT at each phase, dist/index.js, emulator)',
  () => {
    let production = '';
    let good = '';

    beforeAll(async () => {
      world = await startPreviewWorld();
      github = await startGitHubFake();
      const first = await world.preview({ service: SERVICE, pr: 1, sha: sha(1) });
      expect(first.outputs.result, first.stdout).toBe('success');
      production = first.outputs.revision ?? '';
      const ok = await world.preview({ service: SERVICE, pr: 7, sha: sha(70) });
      expect(ok.outputs.result, ok.stdout).toBe('success');
      good = ok.outputs.revision ?? '';
      // The pass is recorded on the service: where a failed or cancelled run returns the tag.
      expect((await service()).annotations['gcp-deploy.passed/pr-7']).toBe(good);
    }, 300_000);

    afterAll(async () => {
      await github?.stop();
      await world?.stop();
    });

    const previewWithGitHub = (n: number, extra: Parameters<PreviewWorld['preview']>[0]['inputs'] = {}) => ({
      service: SERVICE,
      pr: 7,
      sha: sha(n),
      inputs: { comment: 'true', github_token: github.token, ...extra },
      env: { GITHUB_API_URL: github.url },
    });

    it('during the build: nothing deployed, the tag stays, comment Cancelled, deployment inactive', async () => {
      const deploymentsBefore = github.deployments.length;
      const run = await world.preview({
        ...previewWithGitHub(71),
        onStdout: signalOn(/::group::build|Step 1\/|#1 \[/),
      });
      expectCancelled(run);
      expect(run.stdout).not.toMatch(/::group::deploy/);
      expect((await service()).tags['pr-7']).toBe(good);
      expect(github.violations).toEqual([]);
      const comment = github.comments.find((c) => c.body.includes('pr-7'));
      expect(comment?.body).toMatch(/Cancelled/);
      const deployment = github.deployments[deploymentsBefore];
      expect(deployment?.statuses.at(-1)?.state).toBe('inactive');
    });

    it('during the deploy (revision not ready yet): the tag goes back to the last good revision', async () => {
      world.emulator.faults.setReadinessDelay(6000);
      try {
        const run = await world.preview({
          ...previewWithGitHub(72),
          onStdout: signalOn(/::group::deploy/, { delayMs: 1500 }),
        });
        expectCancelled(run);
        const after = await service();
        expect(after.tags['pr-7']).toBe(good);
        expect(after.serving).toEqual({ [production]: 100 });
        expect(run.durationMs).toBeLessThan(60_000);
      } finally {
        world.emulator.faults.setReadinessDelay(0);
      }
    });

    it('during the health check and during the smoke run: the tag goes back, production untouched', async () => {
      const health = await world.preview({
        ...previewWithGitHub(73, { health_path: '/missing', health_timeout: '60s' }),
        onStdout: signalOn(/::group::ready/, { delayMs: 1000 }),
      });
      expectCancelled(health);
      expect((await service()).tags['pr-7']).toBe(good);

      const smoke = await world.preview({
        ...previewWithGitHub(74, { smoke: JSON.stringify({ vus: 1, duration: '30s' }) }),
        onStdout: signalOn(/::group::checks/, { delayMs: 1000 }),
      });
      expectCancelled(smoke);
      // Stopped within the grace period, not after the 30 s smoke run.
      expect(smoke.stdout).not.toMatch(/http_reqs\.+/);
      const after = await service();
      expect(after.tags['pr-7']).toBe(good);
      expect(after.serving).toEqual({ [production]: 100 });
    });

    it('a run killed outright is repaired by the next: its unchecked revision never becomes the rollback target', async () => {
      // SIGKILL after the deploy: no chance to clean up, the tag stays on a revision nobody checked.
      const killed = await world.preview({
        ...previewWithGitHub(75, { health_path: '/missing', health_timeout: '60s' }),
        onStdout: signalOn(/::group::ready/, { signal: 'SIGKILL', delayMs: 500 }),
      });
      expect(killed.code).not.toBe(0);
      const stranded = (await service()).tags['pr-7'];
      expect(stranded).not.toBe(good);
      // The re-run of that commit checks the stranded revision again; it fails, and the tag returns to the
      // last revision that passed, not removed.
      const rerun = await world.preview({
        ...previewWithGitHub(75, { health_path: '/missing', health_timeout: '2s' }),
      });
      expect(rerun.outputs.result, rerun.stdout).toBe('rolled-back');
      expect(rerun.stdout).toMatch(/already serves tag pr-7/);
      expect((await service()).tags['pr-7']).toBe(good);
    });

    it('during a canary promotion: percents and prev restored, a tag a preview added meanwhile kept', async () => {
      const run = await world.run({
        eventName: 'workflow_dispatch',
        event: {},
        inputs: {
          command: 'promote',
          service: SERVICE,
          promote_from: 'tag:pr-7',
          canary: '50,100',
          health_path: '/healthz',
        },
        onStdout: signalOn(/serves 50 %/, {
          pause: true,
          before: async () => {
            // A concurrent preview lands a tag between the first step and the cancel. Like any writer on the
            // etag, it reads again when the service changed under it (its status settling after the step).
            for (let attempt = 1; ; attempt++) {
              const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
              const traffic = [
                ...(svc.traffic ?? []),
                {
                  type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION' as const,
                  revision: good,
                  percent: 0,
                  tag: 'pr-77',
                },
              ];
              try {
                const [op] = await world.services.updateService({ service: { ...svc, traffic } });
                await op.promise();
                break;
              } catch (err) {
                if ((err as { code?: number }).code !== 10 || attempt === 5) throw err;
              }
            }
          },
        }),
      });
      expectCancelled(run);
      const after = await service();
      expect(after.serving).toEqual({ [production]: 100 });
      expect(after.tags['pr-77']).toBe(good);
      expect(after.tags['pr-7']).toBe(good);
      expect(after.tags.prev).toBeUndefined();
    });
  },
);
