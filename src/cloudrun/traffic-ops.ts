/**
 * The older entry shape (`latest: true` instead of `type`) kept for existing callers; every plan is made by
 * traffic-plan.ts.
 */
import * as plan from './traffic-plan.js';
import type { TrafficOperation, TrafficTarget } from './traffic-plan.js';

/** One traffic target: a revision (or LATEST), its percent, and an optional tag. */
export interface TrafficEntry {
  revision?: string;
  latest?: boolean;
  percent: number;
  tag?: string;
}

/** The older operation names: `shift` is traffic-plan's `promote`. */
export type TrafficOp =
  | Exclude<TrafficOperation, { kind: 'promote' } | { kind: 'restore' }>
  | { kind: 'shift'; revision: string; percent: number; prevTag?: string }
  | { kind: 'restore'; traffic: TrafficEntry[] };

/** An entry as a traffic-plan target. */
export function toTarget(e: TrafficEntry): TrafficTarget {
  return {
    type: e.latest === true ? 'LATEST' : 'REVISION',
    ...(e.latest === true ? {} : { revision: e.revision }),
    percent: e.percent,
    ...(e.tag !== undefined ? { tag: e.tag } : {}),
  };
}

/** A traffic-plan target as an entry. */
export function toEntry(t: TrafficTarget): TrafficEntry {
  return {
    ...(t.type === 'LATEST' ? { latest: true } : { revision: t.revision }),
    percent: t.percent,
    ...(t.tag !== undefined ? { tag: t.tag } : {}),
  };
}

export const apportion = plan.apportion;

/** Applies one operation. `latestReady` is the service's latest ready revision, used to pin LATEST. */
export function planTraffic(
  current: TrafficEntry[],
  latestReady: string | undefined,
  op: TrafficOp,
): TrafficEntry[] {
  const svc = {
    traffic: current.map(toTarget),
    ...(latestReady !== undefined ? { latestReadyRevision: latestReady } : {}),
  };
  const next: TrafficOperation =
    op.kind === 'shift'
      ? {
          kind: 'promote',
          revision: op.revision,
          percent: op.percent,
          ...(op.prevTag !== undefined ? { prevTag: op.prevTag } : {}),
        }
      : op.kind === 'restore'
        ? { kind: 'restore', traffic: op.traffic.map(toTarget) }
        : op;
  return plan.planTraffic(svc, next).map(toEntry);
}

/** Percent per resolved revision (LATEST resolved), for comparing what serves before and after. */
export function servingShares(traffic: TrafficEntry[], latestReady: string | undefined): Map<string, number> {
  return plan.servingShares(traffic.map(toTarget), latestReady);
}
