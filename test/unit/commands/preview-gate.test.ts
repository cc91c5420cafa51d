import { describe, expect, it } from 'vitest';
import { decidePullRequestGate, type OptInEvent } from '../../../src/commands/preview-gate.js';
import { optInPayloadOf } from '../../../src/github/opt-in-event.js';

const pr = (action: string, prLabels: string[], eventLabel?: string): OptInEvent => ({
  eventName: 'pull_request',
  action,
  prLabels,
  ...(eventLabel !== undefined ? { eventLabel } : {}),
});

describe('the label gate (preview_label)', () => {
  const cases: [string, OptInEvent, string | undefined, string][] = [
    ['push, no preview_label', pr('synchronize', []), undefined, 'pass'],
    ['push to an unlabeled PR', pr('synchronize', ['bug']), 'preview', 'skip'],
    ['opened unlabeled', pr('opened', []), 'preview', 'skip'],
    ['reopened unlabeled', pr('reopened', []), 'preview', 'skip'],
    ['push to a labeled PR', pr('synchronize', ['bug', 'preview']), 'preview', 'pass'],
    ['labeled with it', pr('labeled', ['preview'], 'preview'), 'preview', 'run:preview'],
    ['labeled with another', pr('labeled', ['bug'], 'bug'), 'preview', 'skip'],
    ['unlabeled it', pr('unlabeled', [], 'preview'), 'preview', 'run:cleanup'],
    ['unlabeled another, still labeled', pr('unlabeled', ['preview'], 'bug'), 'preview', 'skip'],
    ['labeled, no preview_label', pr('labeled', ['preview'], 'preview'), undefined, 'skip'],
    ['closed unlabeled still cleans up', pr('closed', []), 'preview', 'pass'],
    ['label names are compared exactly', pr('labeled', ['Preview'], 'Preview'), 'preview', 'skip'],
    ['a push event is not gated', { eventName: 'push', prLabels: [] }, 'preview', 'pass'],
  ];
  it.each(cases)('%s', (_name, event, label, expected) => {
    const d = decidePullRequestGate(event, { label });
    expect(d.kind === 'run' ? `run:${d.command}` : d.kind).toBe(expected);
  });

  it('an unlabeled cleanup tells the PR comment why, and how to bring the preview back', () => {
    const d = decidePullRequestGate(pr('unlabeled', [], 'preview'), { label: 'preview' });
    expect(d.kind === 'run' ? d.removedWhy : '').toMatch(/`preview` label was removed.*Add the label/);
  });
});

describe('the opt-in facts of a payload', () => {
  it('reads the PR labels and the event label', () => {
    const facts = optInPayloadOf('pull_request', {
      action: 'labeled',
      label: { name: 'preview' },
      pull_request: { labels: [{ name: 'bug' }, { name: 'preview' }, { nope: 1 }] },
    });
    expect(facts).toEqual({
      eventName: 'pull_request',
      action: 'labeled',
      prLabels: ['bug', 'preview'],
      eventLabel: 'preview',
    });
  });

  it('a comment counts only on a pull request, never on a plain issue', () => {
    const comment = { id: 7, body: '/preview', user: { login: 'maint' } };
    const onPr = optInPayloadOf('issue_comment', {
      action: 'created',
      issue: { number: 3, pull_request: { url: 'x' } },
      comment,
    });
    expect(onPr.comment).toEqual({ id: 7, body: '/preview', author: 'maint', prNumber: 3 });
    expect(
      optInPayloadOf('issue_comment', { action: 'created', issue: { number: 3 }, comment }).comment,
    ).toBeUndefined();
  });
});
