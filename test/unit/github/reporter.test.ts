import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../../src/config/user-error.js';
import type { EventContext } from '../../../src/github/event-context.js';
import { forkSkipReason } from '../../../src/github/guards.js';
import { githubClientOptions, type ThrottleTiming } from '../../../src/github/octokit.js';
import { createReporter } from '../../../src/github/reporter.js';
import { environmentOfOne } from '../../../src/report/environment-report.js';
import { newReport } from '../../../src/report/phases.js';
import type { RunReport } from '../../../src/report/run-report.js';
import { startGitHubFake, type GitHubFake } from '../../fakes/github-fake.js';

const MARKER = '<!-- gcp-deploy:preview service=web -->';
let fake: GitHubFake | undefined;

afterEach(async () => {
  if (fake !== undefined) expect(fake.violations).toEqual([]);
  await fake?.stop();
  fake = undefined;
});

function context(f: GitHubFake, o: Partial<EventContext> = {}): EventContext {
  return {
    eventName: 'pull_request',
    action: 'synchronize',
    repo: { owner: 'acme', repo: 'web' },
    prNumber: 7,
    headSha: 'a'.repeat(40),
    headRef: 'feature',
    isFork: false,
    runUrl: 'https://github.example/acme/web/actions/runs/1',
    serverUrl: 'https://github.example',
    apiUrl: f.url,
    ...o,
  };
}

function report(state: RunReport['state'], o: Partial<RunReport> = {}): RunReport {
  return {
    ...newReport({ command: 'preview', service: 'web', project: 'demo-project', region: 'us-central1' }),
    state,
    tag: 'pr-7',
    prNumber: 7,
    commitSha: 'a'.repeat(40),
    runUrl: 'https://github.example/acme/web/actions/runs/1',
    ...o,
  };
}

const warnings: string[] = [];
const log = {
  info: (): void => {},
  warning: (s: string): void => void warnings.push(s),
  notice: (): void => {},
};

// The throttling plugin's groups keep their concurrency (one write at a time) but lose their spacing, and a
// Retry-After of 1 s waits 1 ms: every request still goes through the plugin, no test waits on the clock.
const unspaced: ThrottleTiming = {
  write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  retryAfterBaseValue: 1,
};

function reporter(
  f: GitHubFake,
  o: { ctx?: Partial<EventContext>; failOnCommentError?: boolean } = {},
): Record<'progress' | 'finish' | 'removed', (r: RunReport) => Promise<void>> {
  // One service's run is an environment of one, written at once (as the run's tail makes it).
  const one = createReporter({
    token: f.token,
    ctx: context(f, o.ctx),
    environment: 'preview/pr-7',
    comment: true,
    failOnCommentError: o.failOnCommentError ?? false,
    log,
    throttle: unspaced,
    intervalMs: 0,
  });
  return {
    progress: (r) => one.progress(environmentOfOne(r, 'queued')),
    finish: (r) => one.finish(environmentOfOne(r, 'queued')),
    removed: (r) => one.removed(environmentOfOne(r, 'removed')),
  };
}

describe('GitHub reporter against the OpenAPI-validating fake', () => {
  it('writes one comment and a deployment on the first run, success with the preview URL at the end', async () => {
    fake = await startGitHubFake();
    const r = reporter(fake);
    await r.progress(report('building'));
    await r.finish(report('ready', { url: 'http://127.0.0.1:1234', revision: 'web-pr7-aaaaaaa-0000' }));
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]?.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(fake.comments[0]?.body).toContain('http://127.0.0.1:1234');
    expect(fake.comments[0]?.user.login).toBe('github-actions[bot]');
    expect(fake.deployments).toHaveLength(1);
    expect(fake.deployments[0]).toMatchObject({
      environment: 'preview/pr-7',
      ref: 'a'.repeat(40),
      transient_environment: true,
    });
    expect(fake.deployments[0]?.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(fake.deployments[0]?.statuses[1]).toMatchObject({
      environment_url: 'http://127.0.0.1:1234',
      log_url: 'https://github.example/acme/web/actions/runs/1',
    });
  }, 60_000);

  it('sets a commit status on the built commit linking the preview URL, or the log when it failed', async () => {
    fake = await startGitHubFake();
    await reporter(fake).finish(report('ready', { url: 'http://127.0.0.1:1234', commitSha: 'b'.repeat(40) }));
    await reporter(fake).finish(report('rolled-back', { failureReason: 'health check failed' }));
    expect(fake.statuses).toEqual([
      {
        sha: 'b'.repeat(40),
        state: 'success',
        context: 'gcp-deploy/web (pr-7)',
        description: 'Preview ready: open it from Details',
        target_url: 'http://127.0.0.1:1234',
      },
      {
        sha: 'a'.repeat(40),
        state: 'failure',
        context: 'gcp-deploy/web (pr-7)',
        description: 'health check failed',
        target_url: 'https://github.example/acme/web/actions/runs/1',
      },
    ]);
  }, 60_000);

  it('names statuses: write when the token may not set a commit status', async () => {
    fake = await startGitHubFake();
    fake.failNext('repos/create-commit-status', 1, 'permission');
    warnings.length = 0;
    await reporter(fake).finish(report('ready', { url: 'http://127.0.0.1:1234' }));
    expect(warnings.join('\n')).toContain('`statuses: write`');
    expect(fake.deployments[0]?.statuses.at(-1)?.state).toBe('success');
  }, 60_000);

  it('updates the same comment in place across three runs and folds the earlier ones', async () => {
    fake = await startGitHubFake();
    for (const run of [1, 2, 3]) {
      const r = reporter(fake, { ctx: { runUrl: `https://github.example/acme/web/actions/runs/${run}` } });
      await r.finish(
        report('ready', {
          runUrl: `https://github.example/acme/web/actions/runs/${run}`,
          commitSha: String(run).repeat(40),
        }),
      );
    }
    expect(fake.comments).toHaveLength(1);
    const body = fake.comments[0]?.body ?? '';
    expect(fake.comments[0]?.updates).toBe(2);
    expect(body).toContain('Earlier runs (2)');
    expect(body).toContain('`1111111`');
    expect(body).toContain('`2222222`');
  }, 60_000);

  it('ignores a pasted marker from another user and finds its own comment on page two', async () => {
    fake = await startGitHubFake();
    fake.addComment(7, 'mallory', `${MARKER}\nI pasted your marker`);
    for (let i = 0; i < 120; i++) fake.addComment(7, 'reviewer', `comment ${i}`);
    const first = reporter(fake);
    await first.finish(report('ready'));
    const ours = fake.comments.filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(fake.comments[0]?.body).toBe(`${MARKER}\nI pasted your marker`);
    // A later run pages through 122 comments and updates ours rather than posting a duplicate.
    await reporter(fake, { ctx: { runUrl: 'https://github.example/acme/web/actions/runs/2' } }).finish(
      report('failed'),
    );
    expect(fake.comments.filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1);
    expect(ours[0]?.updates).toBe(1);
    expect(
      fake.requests.filter((q) => q.operationId === 'issues/list-comments').length,
    ).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('escapes hostile branch names, titles and error text', async () => {
    fake = await startGitHubFake();
    const hostile = '</details><!-- --> @octocat <img src=x onerror=alert(1)> `code` | pipe\n# heading';
    await reporter(fake, { ctx: { headRef: hostile, prTitle: hostile } }).finish(
      report('failed', { failureReason: hostile }),
    );
    const body = fake.comments[0]?.body ?? '';
    // Inside a code span GitHub shows text literally; everywhere else nothing may stay live.
    const outsideCode = body.replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(outsideCode).not.toContain('<img');
    expect(outsideCode).not.toContain('@octocat');
    expect(body).not.toContain('<!-- -->');
    expect(body.split('-->').length - 1).toBe(2); // the marker's and the state block's, nothing injected
    expect(outsideCode.match(/<details[ >]/g)?.length ?? 0).toBe(
      outsideCode.match(/<\/details>/g)?.length ?? 0,
    );
    expect(body).not.toMatch(/^# heading/m);
  }, 60_000);

  it('warns naming the permission on 403 and does not fail; fails with a UserError when asked to', async () => {
    fake = await startGitHubFake();
    warnings.length = 0;
    fake.failNext('issues/', 10, 'permission');
    fake.failNext('repos/create-deployment', 10, 'permission');
    await reporter(fake).finish(report('ready'));
    expect(warnings.some((w) => w.includes('`pull-requests: write`'))).toBe(true);
    expect(warnings.some((w) => w.includes('`deployments: write`'))).toBe(true);
    await expect(reporter(fake, { failOnCommentError: true }).finish(report('ready'))).rejects.toThrow(
      UserError,
    );
  }, 60_000);

  it('waits out a secondary rate limit and then succeeds', async () => {
    fake = await startGitHubFake();
    warnings.length = 0;
    fake.failNext('issues/create-comment', 1, 'secondary-rate-limit');
    await reporter(fake).progress(report('building'));
    const creates = fake.requests
      .filter((q) => q.operationId === 'issues/create-comment')
      .map((q) => q.status);
    expect(creates).toEqual([403, 201]);
    expect(fake.comments).toHaveLength(1);
    // The wait is the fake's Retry-After (1 s), scaled to 1 ms here by retryAfterBaseValue.
    expect(warnings.filter((w) => w.includes('secondary rate limit'))).toEqual([
      'GitHub secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments; retrying in 1 s',
    ]);
  }, 60_000);

  it('uses the token user as identity when GET /user answers (a PAT)', async () => {
    fake = await startGitHubFake({ identity: 'release-bot' });
    await reporter(fake).finish(report('ready'));
    expect(fake.comments[0]?.user.login).toBe('release-bot');
  }, 60_000);

  it('cleanup marks the environment inactive and the comment removed', async () => {
    fake = await startGitHubFake();
    await reporter(fake).finish(report('ready'));
    await reporter(fake, {
      ctx: { runUrl: 'https://github.example/acme/web/actions/runs/9', action: 'closed' },
    }).removed(report('removed', { command: 'cleanup' }));
    expect(fake.deployments[0]?.statuses.at(-1)?.state).toBe('inactive');
    expect(fake.comments[0]?.body).toContain('🧹 Preview removed');
  }, 60_000);
});

describe('GitHub client throttling in production', () => {
  it('overrides none of the plugin timing unless asked to', () => {
    const { throttle } = githubClientOptions('https://api.github.com', () => {});
    expect(Object.keys(throttle ?? {}).sort()).toEqual(['onRateLimit', 'onSecondaryRateLimit']);
    const { throttle: overridden } = githubClientOptions('https://api.github.com', () => {}, unspaced);
    expect(overridden).toMatchObject(unspaced);
  });

  // createGitHubClient is getOctokit(token, githubClientOptions(...), retry, throttling); the same client here
  // talks to a stub fetch (@actions/github's own fetch would go to the network) so fake timers can drive it.
  it('spaces writes 1 s apart and notifying writes 3 s apart by default (on fake timers)', async () => {
    const sent: { path: string; at: number }[] = [];
    const fetch = (url: string | URL): Promise<Response> => {
      sent.push({ path: new URL(url).pathname, at: Date.now() });
      return Promise.resolve(
        new Response('{"id":1}', { status: 201, headers: { 'content-type': 'application/json' } }),
      );
    };
    vi.useFakeTimers();
    try {
      const client = github.getOctokit(
        'ghs_fake_token_for_tests_only',
        { ...githubClientOptions('https://api.github.test', () => {}), request: { fetch } },
        retry,
        throttling,
      );
      const target = { owner: 'acme', repo: 'web' };
      const statuses = [1, 2, 3].map(() =>
        client.rest.repos.createDeploymentStatus({ ...target, deployment_id: 1, state: 'success' }),
      );
      await vi.advanceTimersByTimeAsync(10_000);
      await Promise.all(statuses);
      const comments = [1, 2].map(() =>
        client.rest.issues.createComment({ ...target, issue_number: 7, body: 'x' }),
      );
      await vi.advanceTimersByTimeAsync(10_000);
      await Promise.all(comments);
    } finally {
      vi.useRealTimers();
    }
    const gaps = (p: RegExp): number[] => {
      const at = sent.filter((s) => p.test(s.path)).map((s) => s.at);
      return at.slice(1).map((t, i) => t - at[i]);
    };
    // Bottleneck spaces the launches; a request may follow its launch by a fake millisecond.
    expect(gaps(/\/statuses$/)).toHaveLength(2);
    expect(Math.min(...gaps(/\/statuses$/))).toBeGreaterThanOrEqual(990);
    expect(gaps(/\/comments$/)).toHaveLength(1);
    expect(Math.min(...gaps(/\/comments$/))).toBeGreaterThanOrEqual(2990);
  });
});

describe('fork pull requests', () => {
  it('are skipped with a notice when there are no cloud credentials, and run when there are', () => {
    const ctx = { eventName: 'pull_request', isFork: true, prNumber: 3 } as EventContext;
    expect(forkSkipReason(ctx, false)).toMatch(/fork.*skipped, not failed/s);
    expect(forkSkipReason(ctx, true)).toBeNull();
    expect(forkSkipReason({ ...ctx, isFork: false }, false)).toBeNull();
  });
});
