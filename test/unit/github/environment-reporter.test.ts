import Bottleneck from 'bottleneck';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/config/user-error.js';
import { createReporter } from '../../../src/github/reporter.js';
import type { EventContext } from '../../../src/github/event-context.js';
import type { ThrottleTiming } from '../../../src/github/octokit.js';
import type { EnvironmentReport, ServiceStage } from '../../../src/report/environment-report.js';
import { forgetSecrets, protectSecret } from '../../../src/report/redaction.js';
import { environment, member, urlOf } from '../../fixtures/environment-outcomes.js';
import { startGitHubFake, type GitHubFake } from '../../fakes/github-fake.js';

const MARKER = '<!-- gcp-deploy:preview environment=shop -->';
const RUN = 'https://github.example/acme/shop/actions/runs/1';
let fake: GitHubFake | undefined;

afterEach(async () => {
  if (fake !== undefined) expect(fake.violations).toEqual([]);
  await fake?.stop();
  fake = undefined;
  forgetSecrets();
});

function context(f: GitHubFake, o: Partial<EventContext> = {}): EventContext {
  return {
    eventName: 'pull_request',
    action: 'synchronize',
    repo: { owner: 'acme', repo: 'shop' },
    prNumber: 7,
    headSha: 'a'.repeat(40),
    headRef: 'feature',
    isFork: false,
    runUrl: RUN,
    serverUrl: 'https://github.example',
    apiUrl: f.url,
    ...o,
  };
}

// As in reporter.test.ts: the throttling plugin keeps one write at a time but no spacing.
const unspaced: ThrottleTiming = {
  write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  retryAfterBaseValue: 1,
};

const warnings: string[] = [];
const log = {
  info: (): void => {},
  warning: (s: string): void => void warnings.push(s),
  notice: (): void => {},
};

function reporter(
  f: GitHubFake,
  o: {
    ctx?: Partial<EventContext>;
    primary?: string;
    intervalMs?: number;
    failOnCommentError?: boolean;
  } = {},
): ReturnType<typeof createReporter> {
  return createReporter({
    token: f.token,
    ctx: context(f, o.ctx),
    environment: 'preview/pr-7',
    comment: true,
    failOnCommentError: o.failOnCommentError ?? false,
    log,
    throttle: unspaced,
    primary: o.primary,
    intervalMs: o.intervalMs ?? 200,
  });
}

/** The environment with every member at `stage` (the run still deploying). */
function at(stages: ServiceStage[], over: Partial<EnvironmentReport> = {}): EnvironmentReport {
  return environment({
    state: 'deploying',
    result: undefined,
    runUrl: RUN,
    commitSha: 'a'.repeat(40),
    members: ['api', 'worker', 'web'].map((name, i) => member(name, stages[i] ?? 'queued')),
    ...over,
  });
}

const ready = (over: Partial<EnvironmentReport> = {}): EnvironmentReport =>
  environment({ runUrl: RUN, commitSha: 'a'.repeat(40), ...over });

const commentWrites = (f: GitHubFake): number =>
  f.requests.filter(
    (q) => q.operationId === 'issues/create-comment' || q.operationId === 'issues/update-comment',
  ).length;

const STAGES: ServiceStage[] = [
  'queued',
  'building',
  'pushing',
  'waiting',
  'deploying',
  'checking',
  'passed',
];

describe('environment reporter against the OpenAPI-validating fake', () => {
  it('coalesces 20 rapid progress calls into a few comment writes and ends on the final state', async () => {
    fake = await startGitHubFake();
    const r = reporter(fake);
    for (let i = 0; i < 20; i++) {
      await r.progress(at([STAGES[i % 7], STAGES[(i + 2) % 7], STAGES[(i + 4) % 7]]));
    }
    await r.finish(ready());
    expect(fake.comments).toHaveLength(1);
    expect(commentWrites(fake)).toBeLessThanOrEqual(3);
    expect(r.writes).toBeLessThanOrEqual(3);
    const body = fake.comments[0]?.body ?? '';
    expect(body.startsWith(`${MARKER}\n**✅ Environment ready (3 services)**`)).toBe(true);
    expect(fake.deployments).toHaveLength(1);
    expect(fake.deployments[0]).toMatchObject({ environment: 'preview/pr-7', transient_environment: true });
    // Progress repeats in_progress: one status for it, then success with the first member's URL.
    expect(fake.deployments[0]?.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(fake.deployments[0]?.statuses[1]).toMatchObject({ environment_url: urlOf('api'), log_url: RUN });
    expect(fake.statuses).toEqual([
      {
        sha: 'a'.repeat(40),
        state: 'success',
        context: 'gcp-deploy/shop (pr-7)',
        description: 'Preview ready: open it from Details',
        target_url: urlOf('api'),
      },
    ]);
    // Nothing after finish.
    const requests = fake.requests.length;
    await r.progress(at(['building', 'building', 'building']));
    await new Promise((res) => setTimeout(res, 400));
    expect(fake.requests).toHaveLength(requests);
    expect(fake.comments[0]?.body).toBe(body);
  }, 60_000);

  it('creates the comment once and updates it in place as progress goes on, spaced by the interval', async () => {
    fake = await startGitHubFake();
    const r = reporter(fake, { intervalMs: 100, primary: 'web' });
    await r.progress(at(['building', 'building', 'queued']));
    await r.idle();
    expect(fake.comments).toHaveLength(1);
    await r.progress(at(['passed', 'deploying', 'waiting']));
    await r.idle();
    expect(fake.comments[0]?.body).toContain('🚀 deploying');
    await r.finish(ready());
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]?.updates).toBe(2);
    expect(fake.deployments[0]?.statuses.at(-1)).toMatchObject({
      state: 'success',
      environment_url: urlOf('web'),
    });
  }, 60_000);

  it('carries the previous run into the history of the same comment', async () => {
    fake = await startGitHubFake();
    await reporter(fake).finish(ready());
    const run2 = 'https://github.example/acme/shop/actions/runs/2';
    await reporter(fake, { ctx: { runUrl: run2 } }).finish(
      ready({
        runUrl: run2,
        state: 'rolled-back',
        result: 'rolled-back',
        failureReason: 'web: health check failed',
        members: [
          member('api', 'restored'),
          member('worker', 'restored'),
          member('web', 'rolled-back', {
            state: 'rolled-back',
            phases: [{ phase: 'health', durationMs: 900, ok: false }],
          }),
        ],
      }),
    );
    expect(fake.comments).toHaveLength(1);
    const body = fake.comments[0]?.body ?? '';
    expect(body).toContain('Earlier runs (1)');
    expect(body).toContain('`web` failed: all 3 services returned to their last good previews');
    expect(fake.statuses.at(-1)).toMatchObject({ state: 'failure', description: 'web: health check failed' });
  }, 60_000);

  it('redacts registered secrets from the comment and the commit status', async () => {
    fake = await startGitHubFake();
    protectSecret('hunter2-super-secret');
    await reporter(fake).finish(
      ready({ state: 'failed', result: 'failure', failureReason: 'api: token hunter2-super-secret refused' }),
    );
    expect(fake.comments[0]?.body).not.toContain('hunter2');
    expect(fake.statuses[0]?.description).toBe('api: token *** refused');
  }, 60_000);

  it('warns naming the permission when a background write is refused; fails the run when asked to', async () => {
    fake = await startGitHubFake();
    warnings.length = 0;
    fake.failNext('issues/', 10, 'permission');
    const lenient = reporter(fake);
    await lenient.progress(at(['building', 'building', 'building']));
    await lenient.finish(ready());
    expect(warnings.filter((w) => w.includes('`pull-requests: write`'))).toHaveLength(1);
    expect(fake.deployments[0]?.statuses.at(-1)?.state).toBe('success');
    fake.failNext('issues/', 10, 'permission');
    const strict = reporter(fake, { failOnCommentError: true });
    await strict.progress(at(['building', 'building', 'building']));
    await strict.idle();
    await expect(strict.progress(at(['passed', 'building', 'building']))).rejects.toThrow(UserError);
    await expect(strict.finish(ready())).rejects.toThrow(UserError);
  }, 60_000);

  it('cleanup marks the comment removed and the environment inactive', async () => {
    fake = await startGitHubFake();
    await reporter(fake).finish(ready());
    await reporter(fake, {
      ctx: { runUrl: 'https://github.example/acme/shop/actions/runs/9', action: 'closed' },
    }).removed(
      environment({
        command: 'cleanup',
        state: 'removed',
        result: 'removed',
        members: ['api', 'worker', 'web'].map((n) =>
          member(n, 'removed', { command: 'cleanup', state: 'removed' }),
        ),
      }),
    );
    expect(fake.deployments).toHaveLength(1);
    expect(fake.deployments[0]?.statuses.at(-1)?.state).toBe('inactive');
    expect(fake.comments[0]?.body).toContain('🧹 Removed (3 services)');
  }, 60_000);
});
