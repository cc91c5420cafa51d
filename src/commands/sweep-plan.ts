/**
 * What a scheduled sweep removes, decided before anything is changed: previews not deployed for longer than
 * `stale` (expired) and every preview whose PR is closed. Pure, so tables test it.
 */
import type { RevisionInfo } from '../cloudrun/run-port.js';

export type SweepReason = 'expired' | 'closed';

export interface SweepEntry {
  pr: number;
  reason: SweepReason;
  /** When the PR's newest revision was created: its last deploy. */
  lastDeploy: Date;
}

/** How many PRs one batch removes: one service write untags them all, then their revisions and images go. */
export const SWEEP_BATCH = 10;

/** Each PR's last deploy: the creation time of its newest revision this action made. */
export function lastDeployByPr(revisions: RevisionInfo[]): Map<number, Date> {
  const newest = new Map<number, number>();
  for (const r of revisions) {
    const pr = Number(r.labels['gcp-deploy-pr']);
    if (!Number.isSafeInteger(pr) || pr <= 0) continue;
    const t = r.createTime?.getTime() ?? 0;
    newest.set(pr, Math.max(newest.get(pr) ?? 0, t));
  }
  return new Map([...newest.entries()].map(([pr, t]) => [pr, new Date(t)]));
}

/** Each PR's newest deploy across several services' maps (an environment's members). */
export function newestDeploys(maps: readonly Map<number, Date>[]): Map<number, Date> {
  const out = new Map<number, Date>();
  for (const m of maps) {
    for (const [pr, at] of m) {
      const seen = out.get(pr);
      if (seen === undefined || at > seen) out.set(pr, at);
    }
  }
  return out;
}

/** One service's PRs, each aged by the environment's newest deploy of it when there is one. */
export function withEnvironmentDeploys(
  own: Map<number, Date>,
  environment: Map<number, Date> | undefined,
): Map<number, Date> {
  if (environment === undefined) return own;
  return new Map([...own].map(([pr, at]) => [pr, environment.get(pr) ?? at]));
}

/**
 * The PRs to sweep, oldest deploy first: closed ones whatever their age, and with `staleMs` open ones not
 * deployed for longer than that. A PR whose state could not be read is neither closed nor spared expiry.
 */
export function planSweep(o: {
  lastDeploys: Map<number, Date>;
  closed: ReadonlySet<number>;
  staleMs?: number;
  now: Date;
}): SweepEntry[] {
  const entries: SweepEntry[] = [];
  for (const [pr, lastDeploy] of o.lastDeploys) {
    if (o.closed.has(pr)) entries.push({ pr, reason: 'closed', lastDeploy });
    else if (o.staleMs !== undefined && o.now.getTime() - lastDeploy.getTime() > o.staleMs)
      entries.push({ pr, reason: 'expired', lastDeploy });
  }
  return entries.sort((a, b) => a.lastDeploy.getTime() - b.lastDeploy.getTime() || a.pr - b.pr);
}

/** Items in consecutive groups of at most `size`. */
export function inBatches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A duration in the largest whole unit that fits: "7 days", "1 day", "3 hours", "45 minutes", "10 seconds". */
export function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  for (const [size, name] of units) {
    if (ms >= size) {
      const n = Math.floor(ms / size);
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/** What the PR comment says when a preview expired. */
export function expiredSentence(staleMs: number): string {
  return `Expired after ${humanDuration(staleMs)} without a deploy; push, label or \`/preview\` to bring it back.`;
}

/** What the PR comment says when the sweep removed a closed PR's leftover preview. */
export const CLOSED_SENTENCE = 'The pull request is closed: its leftover preview and URL were removed.';

/**
 * The previews a new deploy of `pr` evicts under `max_previews`: the least recently deployed others, until
 * this PR's preview and the rest fit. Ties go to the lower PR number.
 */
export function planEviction(o: { live: Map<number, Date>; pr: number; max: number }): number[] {
  const others = [...o.live.entries()]
    .filter(([pr]) => pr !== o.pr)
    .sort(([a, ta], [b, tb]) => ta.getTime() - tb.getTime() || a - b);
  const excess = others.length + 1 - o.max;
  return excess > 0 ? others.slice(0, excess).map(([pr]) => pr) : [];
}

/** What an evicted PR's comment says. */
export function evictedSentence(max: number, by: number): string {
  return `Evicted: at most ${max} preview${max === 1 ? '' : 's'} may run at once (\`max_previews\`), and the deploy of PR #${by} made this the least recently deployed one. Push, label or \`/preview\` to bring it back.`;
}

/** What the new PR's comment says. */
export function evictingNote(max: number, evicted: number[]): string {
  return `max_previews is ${max}: this deploy evicted the least recently deployed preview${evicted.length > 1 ? 's' : ''} of ${evicted.map((n) => `PR #${n}`).join(', ')}.`;
}
