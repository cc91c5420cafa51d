import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandForEvent, readEventContext } from '../../../src/github/event-context.js';

function ctxFor(payload: object): ReturnType<typeof readEventContext> {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-event-'));
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return readEventContext({
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: path,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_REPOSITORY: 'acme/web',
  });
}

const run = (over: object = {}): object => ({
  action: 'completed',
  workflow_run: {
    id: 501,
    event: 'pull_request',
    conclusion: 'success',
    head_sha: 'b'.repeat(40),
    head_branch: 'main', // a fork's branch may be called anything, main included
    head_repository: { full_name: 'contributor/web' },
    pull_requests: [],
    ...over,
  },
  repository: { full_name: 'acme/web' },
});

describe('the workflow_run event', () => {
  it("describes the finished run's head, not this run's commit, and a fork until shown otherwise", () => {
    const ctx = ctxFor(run());
    expect(ctx.headSha).toBe('b'.repeat(40));
    expect(ctx.headRef).toBe('main');
    expect(ctx.isFork).toBe(true);
    expect(ctx.prNumber).toBeUndefined(); // GitHub lists no PRs on a fork's run
    expect(ctx.workflowRun).toEqual({
      runId: 501,
      event: 'pull_request',
      conclusion: 'success',
      headSha: 'b'.repeat(40),
      headBranch: 'main',
      headRepository: 'contributor/web',
      pullRequests: [],
    });
  });

  it.each<[string, object, boolean, number | undefined]>([
    [
      'a run of this repository with one PR',
      { head_repository: { full_name: 'acme/web' }, pull_requests: [{ number: 4 }] },
      false,
      4,
    ],
    ['a deleted fork', { head_repository: null }, true, undefined],
    ['two PRs listed: none chosen', { pull_requests: [{ number: 4 }, { number: 5 }] }, true, undefined],
  ])('%s', (_what, over, fork, pr) => {
    const ctx = ctxFor(run(over));
    expect(ctx.isFork).toBe(fork);
    expect(ctx.prNumber).toBe(pr);
  });

  it('implies no command by itself: the fork job names command: preview', () => {
    expect(commandForEvent(ctxFor(run()))).toBeNull();
  });

  it('a payload without a run leaves the event as it was', () => {
    const ctx = ctxFor({ action: 'completed' });
    expect(ctx.workflowRun).toBeUndefined();
    expect(ctx.headSha).toBe('0'.repeat(40));
  });
});
