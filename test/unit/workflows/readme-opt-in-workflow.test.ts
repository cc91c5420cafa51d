/**
 * The README's opt-in workflow (labels, /preview comments, the scheduled sweep), evaluated with GitHub's
 * expression engine as the life-cycle test evaluates the quick start: which events start it, which comments
 * reach the action, what is checked out.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readmeWorkflows } from '../../tools/workflow-files.js';
import { condition, interpolate, triggers, type Workflow } from '../../e2e/support/readme-workflow.js';

const [block] = readmeWorkflows().filter((b) => b.name === '.github/workflows/preview-opt-in.yml');
const workflow = parse(block?.content ?? '') as Workflow;
const job = Object.values(workflow.jobs)[0];
const step = (prefix: string) => job?.steps?.find((s) => s.uses?.startsWith(prefix));

const comment = (body: string, onPr = true) => ({
  github: {
    event_name: 'issue_comment',
    repository: 'acme/web',
    event: {
      action: 'created',
      issue: {
        number: 5,
        ...(onPr ? { pull_request: { url: 'https://api.github.com/repos/acme/web/pulls/5' } } : {}),
      },
      comment: { body },
    },
  },
});
const pr = (action: string) => ({
  github: {
    event_name: 'pull_request',
    repository: 'acme/web',
    event: {
      action,
      pull_request: { number: 7, head: { sha: 'head-sha', repo: { full_name: 'acme/web' } } },
    },
  },
});
const schedule = {
  github: { event_name: 'schedule', repository: 'acme/web', event: { schedule: '17 3 * * *' } },
};

describe("the README's opt-in workflow, evaluated as GitHub does", () => {
  it('starts on labels, new comments and the schedule', () => {
    expect(block).toBeDefined();
    for (const action of ['opened', 'synchronize', 'closed', 'labeled', 'unlabeled'])
      expect(triggers(workflow, 'pull_request', { action }, 'refs/pull/7/merge')).toBe(true);
    expect(triggers(workflow, 'issue_comment', { action: 'created' }, 'refs/heads/main')).toBe(true);
    expect(triggers(workflow, 'issue_comment', { action: 'edited' }, 'refs/heads/main')).toBe(false);
    expect(triggers(workflow, 'schedule', {}, 'refs/heads/main')).toBe(true);
  });

  it('lets only /preview comments on PRs reach the action (which then checks who wrote them)', () => {
    expect(condition(job?.if ?? null, comment('/preview'))).toBe(true);
    expect(condition(job?.if ?? null, comment('/preview stop'))).toBe(true);
    expect(condition(job?.if ?? null, comment('/preview', false))).toBe(false);
    expect(condition(job?.if ?? null, comment('nice work'))).toBe(false);
    expect(condition(job?.if ?? null, pr('labeled'))).toBe(true);
    expect(condition(job?.if ?? null, schedule)).toBe(true);
  });

  it("checks out the PR's head for a comment and a PR push, nothing for the sweep or a close", () => {
    const checkout = step('actions/checkout@');
    expect(interpolate(checkout?.with?.ref ?? '', comment('/preview'))).toBe('refs/pull/5/head');
    expect(interpolate(checkout?.with?.ref ?? '', pr('labeled'))).toBe('head-sha');
    expect(condition(checkout?.if ?? null, schedule)).toBe(false);
    expect(condition(checkout?.if ?? null, pr('closed'))).toBe(false);
    expect(condition(checkout?.if ?? null, comment('/preview'))).toBe(true);
  });

  it('runs the action with command auto and the opt-in inputs', () => {
    const action = step('org/gcp-deploy@');
    expect(action?.with?.command ?? 'auto').toBe('auto');
    expect(action?.with).toMatchObject({ preview_label: 'preview', stale: '7d' });
    expect(String(action?.with?.max_previews)).toBe('5');
    expect(condition(step('google-github-actions/auth@')?.if ?? null, schedule)).toBe(true);
    expect(condition(step('google-github-actions/auth@')?.if ?? null, comment('/preview'))).toBe(true);
  });
});
