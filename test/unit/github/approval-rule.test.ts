import { describe, expect, it } from 'vitest';
import {
  APPROVAL_CONTEXT,
  approvalDescription,
  approvalOf,
  pendingBuildRun,
  pendingDescription,
  type StatusRecord,
} from '../../../src/github/approval-rule.js';

const SHA = 'f'.repeat(40);
const at = (minute: number): string => `2026-12-05T02:${String(minute).padStart(2, '0')}:00Z`;
const status = (
  state: string,
  minute: number,
  description: string,
  context = APPROVAL_CONTEXT,
): StatusRecord => ({
  context,
  state,
  description,
  created_at: at(minute),
});

describe('approval of a fork head, per commit', () => {
  it.each<[string, StatusRecord[], boolean, string]>([
    ['no status at all', [], false, 'no maintainer approval'],
    [
      'only other contexts',
      [status('success', 1, 'ok', 'gcp-deploy/preview')],
      false,
      'no maintainer approval',
    ],
    ['waiting', [status('pending', 1, pendingDescription(5))], false, 'waits for'],
    [
      'approved after waiting',
      [
        status('pending', 1, pendingDescription(5)),
        status('success', 2, approvalDescription('maria', '/preview')),
      ],
      true,
      'maria',
    ],
    ['approved by label', [status('success', 3, approvalDescription('ops-bot', 'label'))], true, 'ops-bot'],
    [
      'withdrawn after approval',
      [status('success', 1, approvalDescription('maria', 'label')), status('failure', 2, 'withdrawn')],
      false,
      'withdrawn',
    ],
    // GitHub lists newest first; the order given must not matter.
    [
      'newest listed first',
      [
        status('success', 4, approvalDescription('li', '/preview')),
        status('pending', 1, pendingDescription(9)),
      ],
      true,
      'li',
    ],
  ])('%s', (_what, statuses, approved, words) => {
    const a = approvalOf(statuses, SHA);
    expect(a.approved).toBe(approved);
    expect(a.approved ? a.by : a.why).toContain(words);
  });

  it('a new push has no approval: statuses belong to the commit they were written on', () => {
    // The caller lists the new head's statuses, which are empty until someone approves that commit.
    expect(approvalOf([], 'e'.repeat(40))).toMatchObject({ approved: false });
  });

  it.each<[string, StatusRecord[], number | undefined]>([
    ['the waiting build run', [status('pending', 1, pendingDescription(123456789))], 123456789],
    [
      'none once approved',
      [status('pending', 1, pendingDescription(5)), status('success', 2, 'Approved by @a (label)')],
      undefined,
    ],
    ['none without a run', [status('pending', 1, 'Waiting')], undefined],
    ['none for other contexts', [status('pending', 1, pendingDescription(5), 'ci')], undefined],
  ])('pending build run: %s', (_what, statuses, run) => {
    expect(pendingBuildRun(statuses)).toBe(run);
  });
});
