/**
 * What a run's outcome means for the reader, in one word and one symbol each: the comment's first line,
 * its history lines and the job summary all say it the same way. Derived from the report alone. Pure.
 */
import type { PhaseName, RunReport } from './run-report.js';

export type VerdictKind =
  | 'building'
  | 'deploying'
  | 'checking'
  | 'ready'
  | 'candidate-ready'
  | 'build-failed'
  | 'deploy-failed'
  | 'failed-to-start'
  | 'checks-failed'
  | 'rolled-back'
  | 'failed'
  | 'cancelled'
  | 'removed'
  | 'cleanup-dry-run'
  | 'skipped'
  | 'promoting'
  | 'promoted'
  | 'promotion-stopped'
  | 'promotion-rolled-back'
  | 'production-rolled-back'
  | 'production-rollback-failed';

/** Symbol and words for each verdict; every verdict has its own symbol. */
export const VERDICTS: Record<VerdictKind, { symbol: string; title: string }> = {
  building: { symbol: '🏗️', title: 'Building' },
  deploying: { symbol: '⏳', title: 'Deploying' },
  checking: { symbol: '🔎', title: 'Checking' },
  ready: { symbol: '✅', title: 'Preview ready' },
  'candidate-ready': { symbol: '🎯', title: 'Candidate ready' },
  'build-failed': { symbol: '🧱', title: 'Build failed' },
  'deploy-failed': { symbol: '⛔', title: 'Deploy failed' },
  'failed-to-start': { symbol: '💥', title: 'Failed to start' },
  'checks-failed': { symbol: '❌', title: 'Checks failed' },
  'rolled-back': { symbol: '↩️', title: 'Checks failed, rolled back' },
  failed: { symbol: '⚠️', title: 'Failed' },
  cancelled: { symbol: '⏹️', title: 'Cancelled' },
  removed: { symbol: '🧹', title: 'Preview removed' },
  'cleanup-dry-run': { symbol: '📝', title: 'Cleanup dry run, nothing removed' },
  skipped: { symbol: '⏭️', title: 'Skipped' },
  promoting: { symbol: '🚦', title: 'Promoting' },
  promoted: { symbol: '🚢', title: 'Promoted to production' },
  'promotion-stopped': { symbol: '🛑', title: 'Promotion stopped, production unchanged' },
  'promotion-rolled-back': { symbol: '⏪', title: 'Promotion rolled back' },
  'production-rolled-back': { symbol: '⏮️', title: 'Production rolled back' },
  'production-rollback-failed': { symbol: '🚨', title: 'Production rollback failed' },
};

export const VERDICT_KINDS = new Set<string>(Object.keys(VERDICTS));

/** The first phase that failed, if any. */
export function failedPhase(report: RunReport): PhaseName | undefined {
  return report.phases.find((p) => !p.ok)?.phase;
}

function previewFailure(report: RunReport): VerdictKind {
  const phase = failedPhase(report);
  if (phase === 'build' || phase === 'push') return 'build-failed';
  // A revision exists once the deploy call answered: then it was the revision that did not start.
  if (phase === 'deploy') return report.revision === undefined ? 'deploy-failed' : 'failed-to-start';
  if (phase === 'ready' || phase === 'health' || phase === 'checks') {
    return report.state === 'rolled-back' && report.url !== undefined ? 'rolled-back' : 'checks-failed';
  }
  return 'failed';
}

/** The verdict for a report. */
export function verdictOf(report: RunReport): VerdictKind {
  const { state } = report;
  if (state === 'cancelled' || state === 'skipped' || state === 'removed') return state;
  // A cleanup dry run ends `ready`: what it would remove is in its notes, and the preview still serves.
  if (report.command === 'cleanup') return state === 'ready' ? 'cleanup-dry-run' : 'failed';
  if (report.command === 'promote' || report.command === 'rollback') {
    const rollback = report.command === 'rollback';
    if (state === 'promoted') return rollback ? 'production-rolled-back' : 'promoted';
    if (state === 'rolled-back') return rollback ? 'production-rollback-failed' : 'promotion-rolled-back';
    if (state === 'failed') {
      if (rollback) return 'production-rollback-failed';
      // Traffic never moved when no canary step started.
      return report.canary === undefined || report.canary.length === 0 ? 'promotion-stopped' : 'failed';
    }
    if (state === 'ready') return 'ready';
    return 'promoting';
  }
  // A candidate is checked like a preview but is the release-to-be, not a PR's preview.
  if (state === 'ready' && report.command === 'candidate') return 'candidate-ready';
  if (state === 'building' || state === 'deploying' || state === 'checking' || state === 'ready')
    return state;
  if (state === 'promoted') return 'promoted';
  return previewFailure(report);
}

/** True for the verdicts that mean something went wrong: their details open. */
export function isFailure(kind: VerdictKind): boolean {
  return [
    'build-failed',
    'deploy-failed',
    'failed-to-start',
    'checks-failed',
    'rolled-back',
    'failed',
    'promotion-stopped',
    'promotion-rolled-back',
    'production-rollback-failed',
  ].includes(kind);
}

/** `✅ Preview ready`. */
export function verdictLabel(kind: VerdictKind): string {
  const v = VERDICTS[kind];
  return `${v.symbol} ${v.title}`;
}
