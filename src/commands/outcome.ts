/**
 * How a run ends, settled in one place: what happened (passed, skipped, stopped before or after its change,
 * cancelled, the undo and how it went) maps to the report's state and result, the service's stage in an
 * environment, and the notes that say what was left where. Pure: the commands orchestrate and describe what
 * happened; they never set state, result or stage by hand. test/unit/commands/outcome.test.ts is the table.
 */
import type { ServiceStage } from '../report/environment-report.js';
import type { Command, RunReport, RunResult, RunState } from '../report/run-report.js';

/** What a run did to undo its own change after a failure or a cancel. */
export type Undo =
  /** A preview's tag went back to `back` (null: the tag was removed); `failing` stays, untagged. */
  | { kind: 'retagged'; tag: string; back: string | null; failing?: string }
  /** A reused preview: the tag never moved and already is on its last good revision. */
  | { kind: 'kept'; tag: string; revision: string }
  /** A promotion's saved traffic and prev tag were put back. */
  | { kind: 'traffic-restored' }
  /** The undo itself failed: the run's change may still be in place. */
  | { kind: 'failed' };

export type Happened =
  /** Everything passed. `reused`: the tagged revision was kept and checked again, nothing deployed. */
  | { kind: 'passed'; command: Command; reused?: boolean; dryRun?: boolean }
  /** Nothing was attempted (a fork PR without credentials, a service whose need failed). */
  | { kind: 'skipped'; why?: string }
  /**
   * It stopped before its change reached Cloud Run (a refusal, a build failure, a cancel). A promotion's
   * candidate may have been deployed at 0 %, but production traffic had not moved.
   */
  | { kind: 'stopped'; command: Command; cancelled: boolean; candidateTag?: string }
  /**
   * It failed or was cancelled after its change (a deploy sent, traffic moved). `rollbackOnFailure: false`
   * keeps a failed preview's tag where it is (a cancel always undoes).
   */
  | { kind: 'undone'; cancelled: boolean; undo: Undo }
  /** It failed after its deploy with rollback_on_failure: false, or before any (`deployed: false`). */
  | { kind: 'kept-failing'; deployed: boolean }
  /** An environment member that passed, undone because another member failed or the run was cancelled. */
  | { kind: 'undone-for-another'; cancelled: boolean; undo: Undo; because: string };

export interface Settled {
  state: RunState;
  result: RunResult;
  /** The service's stage in an environment's table (a single service is an environment of one). */
  stage: ServiceStage;
  notes: string[];
}

function undoNote(undo: Undo): string[] {
  switch (undo.kind) {
    case 'retagged': {
      const kept = undo.failing === undefined ? '' : `; ${undo.failing} is kept untagged for debugging`;
      return [
        undo.back === null
          ? `Tag ${undo.tag} was removed (no earlier revision of this PR passed its checks)${kept}.`
          : `Tag ${undo.tag} points back to ${undo.back}, the last revision that passed its checks${kept}.`,
      ];
    }
    case 'kept':
      return [`Tag ${undo.tag} stays on ${undo.revision}, its last good revision.`];
    case 'traffic-restored':
      return [
        'Production traffic and the prev tag were restored as they were before the promotion; other tags were left as they are now.',
      ];
    case 'failed':
      return [];
  }
}

const failed = (notes: string[] = []): Settled => ({
  state: 'failed',
  result: 'failure',
  stage: 'failed',
  notes,
});
const cancelled = (notes: string[], stage: ServiceStage = 'cancelled'): Settled => ({
  state: 'cancelled',
  result: 'cancelled',
  stage,
  notes,
});

/** The one mapping from what happened to state, result, stage and notes. */
export function settle(h: Happened): Settled {
  switch (h.kind) {
    case 'passed':
      if (h.command === 'cleanup') {
        return h.dryRun === true
          ? { state: 'ready', result: 'success', stage: 'passed', notes: [] }
          : { state: 'removed', result: 'removed', stage: 'removed', notes: [] };
      }
      if (h.command === 'promote' || h.command === 'rollback') {
        return { state: 'promoted', result: 'success', stage: 'promoted', notes: [] };
      }
      return { state: 'ready', result: 'success', stage: h.reused === true ? 'reused' : 'passed', notes: [] };
    case 'skipped':
      return {
        state: 'skipped',
        result: 'skipped',
        stage: 'skipped',
        notes: h.why === undefined ? [] : [h.why],
      };
    case 'stopped': {
      const notes =
        h.command === 'promote' && h.candidateTag !== undefined
          ? [`Production traffic did not move; tag ${h.candidateTag} is where it was.`]
          : h.cancelled
            ? ['Cancelled before anything was deployed: nothing changed on Cloud Run.']
            : [];
      return h.cancelled ? cancelled(notes) : failed(notes);
    }
    case 'undone':
      if (h.undo.kind === 'failed') return failed();
      if (h.cancelled) return cancelled(undoNote(h.undo));
      return { state: 'rolled-back', result: 'rolled-back', stage: 'rolled-back', notes: undoNote(h.undo) };
    case 'kept-failing':
      return failed(h.deployed ? ['rollback_on_failure is false: the failed revision keeps the tag'] : []);
    case 'undone-for-another': {
      if (h.undo.kind === 'failed') return failed();
      const notes = [...undoNote(h.undo)];
      if (h.undo.kind !== 'kept') notes.push(`Returned because ${h.because}.`);
      return h.cancelled && h.undo.kind !== 'kept'
        ? cancelled(notes, 'restored')
        : { state: 'rolled-back', result: 'rolled-back', stage: 'restored', notes };
    }
  }
}

/** Writes a settled outcome on the report (its notes after the ones already there). */
export function applyOutcome(report: RunReport, s: Settled): Settled {
  report.state = s.state;
  report.result = s.result;
  report.notes.push(...s.notes);
  return s;
}

/** Settles `h` onto the report. */
export function settleOn(report: RunReport, h: Happened): Settled {
  return applyOutcome(report, settle(h));
}

/**
 * An environment as a whole from its members: ready (or promoted, removed) only when every member passed;
 * cancelled when the run was; a failed preview is rolled back when no member was left failed or in place.
 */
export function settleEnvironment(
  command: Command,
  members: readonly { result?: RunResult }[],
  opts: { cancelled: boolean; failed: boolean; dryRun?: boolean; skipped?: boolean },
): { state: RunState; result: RunResult } {
  if (opts.skipped === true) return { state: 'skipped', result: 'skipped' };
  if (opts.cancelled) return { state: 'cancelled', result: 'cancelled' };
  if (!opts.failed) {
    const s = settle({ kind: 'passed', command, dryRun: opts.dryRun });
    return { state: s.state, result: s.result };
  }
  if (command === 'cleanup') return { state: 'failed', result: 'failure' };
  // Promotions undo the services already promoted, in reverse order: the environment is rolled back.
  if (command === 'promote' || command === 'rollback') return { state: 'rolled-back', result: 'rolled-back' };
  const rolledBack = members.every((m) => m.result !== 'success' && m.result !== 'failure');
  return rolledBack
    ? { state: 'rolled-back', result: 'rolled-back' }
    : { state: 'failed', result: 'failure' };
}
