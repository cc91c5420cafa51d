import { describe, expect, it } from 'vitest';
import { settle, settleEnvironment, type Happened, type Settled } from '../../../src/commands/outcome.js';

const retagged = { kind: 'retagged', tag: 'pr-7', back: 'web-pr-7-aaa', failing: 'web-pr-7-bbb' } as const;
const removed = { kind: 'retagged', tag: 'pr-7', back: null, failing: 'web-pr-7-bbb' } as const;

describe('settle: what happened -> state, result, stage and notes', () => {
  it.each<[string, Happened, Omit<Settled, 'notes'>, string[]]>([
    [
      'preview passed',
      { kind: 'passed', command: 'preview' },
      { state: 'ready', result: 'success', stage: 'passed' },
      [],
    ],
    [
      'reused deployment passed again',
      { kind: 'passed', command: 'preview', reused: true },
      { state: 'ready', result: 'success', stage: 'reused' },
      [],
    ],
    [
      'candidate passed',
      { kind: 'passed', command: 'candidate' },
      { state: 'ready', result: 'success', stage: 'passed' },
      [],
    ],
    [
      'promotion passed',
      { kind: 'passed', command: 'promote' },
      { state: 'promoted', result: 'success', stage: 'promoted' },
      [],
    ],
    [
      'production rollback passed',
      { kind: 'passed', command: 'rollback' },
      { state: 'promoted', result: 'success', stage: 'promoted' },
      [],
    ],
    [
      'cleanup removed',
      { kind: 'passed', command: 'cleanup' },
      { state: 'removed', result: 'removed', stage: 'removed' },
      [],
    ],
    [
      'cleanup dry run',
      { kind: 'passed', command: 'cleanup', dryRun: true },
      { state: 'ready', result: 'success', stage: 'passed' },
      [],
    ],
    [
      'fork PR skipped',
      { kind: 'skipped', why: 'fork' },
      { state: 'skipped', result: 'skipped', stage: 'skipped' },
      ['fork'],
    ],
    [
      'cancel before the deploy',
      { kind: 'stopped', command: 'preview', cancelled: true },
      { state: 'cancelled', result: 'cancelled', stage: 'cancelled' },
      ['Cancelled before anything was deployed: nothing changed on Cloud Run.'],
    ],
    [
      'failure before the deploy (a stranded tag may be repaired apart)',
      { kind: 'stopped', command: 'preview', cancelled: false },
      { state: 'failed', result: 'failure', stage: 'failed' },
      [],
    ],
    [
      'cancel after the deploy: tag back on the last good revision',
      { kind: 'undone', cancelled: true, undo: retagged },
      { state: 'cancelled', result: 'cancelled', stage: 'cancelled' },
      [
        'Tag pr-7 points back to web-pr-7-aaa, the last revision that passed its checks; web-pr-7-bbb is kept untagged for debugging.',
      ],
    ],
    [
      'rollback on: tag back',
      { kind: 'undone', cancelled: false, undo: retagged },
      { state: 'rolled-back', result: 'rolled-back', stage: 'rolled-back' },
      [
        'Tag pr-7 points back to web-pr-7-aaa, the last revision that passed its checks; web-pr-7-bbb is kept untagged for debugging.',
      ],
    ],
    [
      'rollback on, no earlier good revision: tag removed',
      { kind: 'undone', cancelled: false, undo: removed },
      { state: 'rolled-back', result: 'rolled-back', stage: 'rolled-back' },
      [
        'Tag pr-7 was removed (no earlier revision of this PR passed its checks); web-pr-7-bbb is kept untagged for debugging.',
      ],
    ],
    [
      'rollback on but the retag failed',
      { kind: 'undone', cancelled: false, undo: { kind: 'failed' } },
      { state: 'failed', result: 'failure', stage: 'failed' },
      [],
    ],
    [
      'cancel after the deploy but the undo failed',
      { kind: 'undone', cancelled: true, undo: { kind: 'failed' } },
      { state: 'failed', result: 'failure', stage: 'failed' },
      [],
    ],
    [
      'rollback off after the deploy',
      { kind: 'kept-failing', deployed: true },
      { state: 'failed', result: 'failure', stage: 'failed' },
      ['rollback_on_failure is false: the failed revision keeps the tag'],
    ],
    [
      'rollback off, failed before any deploy',
      { kind: 'kept-failing', deployed: false },
      { state: 'failed', result: 'failure', stage: 'failed' },
      [],
    ],
    [
      'promotion failed before traffic moved',
      { kind: 'stopped', command: 'promote', cancelled: false, candidateTag: 'candidate' },
      { state: 'failed', result: 'failure', stage: 'failed' },
      ['Production traffic did not move; tag candidate is where it was.'],
    ],
    [
      'promotion cancelled before traffic moved',
      { kind: 'stopped', command: 'promote', cancelled: true, candidateTag: 'candidate' },
      { state: 'cancelled', result: 'cancelled', stage: 'cancelled' },
      ['Production traffic did not move; tag candidate is where it was.'],
    ],
    [
      'promotion failed in a canary step: traffic restored',
      { kind: 'undone', cancelled: false, undo: { kind: 'traffic-restored' } },
      { state: 'rolled-back', result: 'rolled-back', stage: 'rolled-back' },
      [
        'Production traffic and the prev tag were restored as they were before the promotion; other tags were left as they are now.',
      ],
    ],
    [
      'promotion cancelled in a canary step: traffic restored',
      { kind: 'undone', cancelled: true, undo: { kind: 'traffic-restored' } },
      { state: 'cancelled', result: 'cancelled', stage: 'cancelled' },
      [
        'Production traffic and the prev tag were restored as they were before the promotion; other tags were left as they are now.',
      ],
    ],
    [
      'environment member undone because another failed',
      { kind: 'undone-for-another', cancelled: false, undo: retagged, because: 'api failed' },
      { state: 'rolled-back', result: 'rolled-back', stage: 'restored' },
      [
        'Tag pr-7 points back to web-pr-7-aaa, the last revision that passed its checks; web-pr-7-bbb is kept untagged for debugging.',
        'Returned because api failed.',
      ],
    ],
    [
      'environment member undone because the run was cancelled',
      { kind: 'undone-for-another', cancelled: true, undo: retagged, because: 'the run was cancelled' },
      { state: 'cancelled', result: 'cancelled', stage: 'restored' },
      [
        'Tag pr-7 points back to web-pr-7-aaa, the last revision that passed its checks; web-pr-7-bbb is kept untagged for debugging.',
        'Returned because the run was cancelled.',
      ],
    ],
    [
      'reused environment member: its tag never moved',
      {
        kind: 'undone-for-another',
        cancelled: true,
        undo: { kind: 'kept', tag: 'pr-7', revision: 'web-pr-7-aaa' },
        because: 'api failed',
      },
      { state: 'rolled-back', result: 'rolled-back', stage: 'restored' },
      ['Tag pr-7 stays on web-pr-7-aaa, its last good revision.'],
    ],
    [
      'environment member whose retag failed',
      { kind: 'undone-for-another', cancelled: false, undo: { kind: 'failed' }, because: 'api failed' },
      { state: 'failed', result: 'failure', stage: 'failed' },
      [],
    ],
  ])('%s', (_name, happened, expected, notes) => {
    const s = settle(happened);
    expect({ state: s.state, result: s.result, stage: s.stage }).toEqual(expected);
    expect(s.notes).toEqual(notes);
  });
});

describe('settleEnvironment: the whole from its members', () => {
  it.each([
    ['all previews passed', 'preview', [], { cancelled: false, failed: false }, 'ready', 'success'],
    ['skipped', 'preview', [], { cancelled: false, failed: false, skipped: true }, 'skipped', 'skipped'],
    ['cancelled', 'preview', [], { cancelled: true, failed: true }, 'cancelled', 'cancelled'],
    [
      'one failed, every member undone',
      'preview',
      [{ result: 'rolled-back' }, { result: 'skipped' }],
      { cancelled: false, failed: true },
      'rolled-back',
      'rolled-back',
    ],
    [
      'one failed, one left in place (rollback off)',
      'preview',
      [{ result: 'rolled-back' }, { result: 'success' }],
      { cancelled: false, failed: true },
      'failed',
      'failure',
    ],
    ['promotion failed', 'promote', [], { cancelled: false, failed: true }, 'rolled-back', 'rolled-back'],
    ['all promoted', 'promote', [], { cancelled: false, failed: false }, 'promoted', 'success'],
    ['cleanup failed', 'cleanup', [], { cancelled: false, failed: true }, 'failed', 'failure'],
    ['cleanup dry run', 'cleanup', [], { cancelled: false, failed: false, dryRun: true }, 'ready', 'success'],
  ] as const)('%s', (_name, command, members, opts, state, result) => {
    expect(settleEnvironment(command, members, opts)).toEqual({ state, result });
  });
});
