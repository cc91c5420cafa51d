/**
 * The traffic planner, pure: a service's current traffic + one operation -> the new traffic list. Its
 * promises (percents sum to 100, tags unique, a preview moves no percent and no other tag, cleanup removes
 * only its own tags, restore is exact) are property-tested without servers.
 */
import { UserError } from '../config/user-error.js';

/** One traffic target, mirroring the API's TrafficTarget (revision is a short name). */
export interface TrafficTarget {
  type: 'LATEST' | 'REVISION';
  /** Short revision name; absent for LATEST. */
  revision?: string;
  percent: number;
  tag?: string;
}

/** One entry of the service's trafficStatuses: what a target resolves to right now. */
export interface TrafficStatus {
  type: 'LATEST' | 'REVISION';
  revision?: string;
  percent: number;
  tag?: string;
  uri?: string;
}

/** What the planner reads of a service. */
export interface ServiceTraffic {
  traffic: TrafficTarget[];
  trafficStatuses?: TrafficStatus[];
  /** Short name of the latest ready revision. */
  latestReadyRevision?: string;
}

/** One change to a service's traffic. */
export type TrafficOperation =
  /** Points `tag` at `revision` with 0 %, after pinning LATEST so the new revision takes nothing. */
  | { kind: 'preview'; tag: string; revision: string }
  /** Points `tag` back at an earlier revision, or removes it when `revision` is null. */
  | { kind: 'retag'; tag: string; revision: string | null }
  /** Removes exactly these tags. */
  | { kind: 'untag'; tags: readonly string[] }
  /** Gives `revision` `percent` %; the rest stays with what served before, in proportion. */
  | { kind: 'promote'; revision: string; percent: number; prevTag?: string }
  /**
   * Undoes a promotion (canary rollback): every percent and the run's `own` tags as saved, every other tag
   * where it is now, so a PR tag that a preview added or moved meanwhile survives.
   */
  | { kind: 'restore'; traffic: readonly TrafficTarget[]; own: readonly string[] }
  /** Only pins LATEST: a new template must not take any traffic or tag. */
  | { kind: 'pin' };

const copy = (t: TrafficTarget): TrafficTarget => ({
  type: t.type,
  ...(t.revision !== undefined ? { revision: t.revision } : {}),
  percent: t.percent,
  ...(t.tag !== undefined ? { tag: t.tag } : {}),
});

/** Cloud Run reads an empty traffic list as "100 % to LATEST". */
function effective(traffic: readonly TrafficTarget[]): TrafficTarget[] {
  return traffic.length === 0 ? [{ type: 'LATEST', percent: 100 }] : traffic.map(copy);
}

/** The revision LATEST means now: what the statuses show it serving, else the latest ready revision. */
export function latestMeans(svc: ServiceTraffic): string | undefined {
  const status = (svc.trafficStatuses ?? []).find((s) => s.type === 'LATEST' && s.revision);
  return status?.revision ?? svc.latestReadyRevision;
}

/**
 * Replaces every LATEST target (with any tag riding on it, such as `prod`) by the concrete revision it
 * means now, so a new revision can take neither its traffic nor its tags. With no ready revision LATEST
 * means nothing yet and stays as it is.
 */
export function pinLatest(svc: ServiceTraffic): TrafficTarget[] {
  const latest = latestMeans(svc);
  return effective(svc.traffic).map((t) =>
    t.type === 'LATEST' && latest !== undefined ? { ...t, type: 'REVISION', revision: latest } : t,
  );
}

/** Drops untagged 0 % targets and merges untagged targets of one revision (same routing, shorter list). */
function tidy(traffic: TrafficTarget[]): TrafficTarget[] {
  const out: TrafficTarget[] = [];
  for (const t of traffic) {
    if (t.tag === undefined && t.percent === 0) continue;
    const twin =
      t.tag === undefined
        ? out.find((o) => o.tag === undefined && o.type === t.type && o.revision === t.revision)
        : undefined;
    if (twin) twin.percent += t.percent;
    else out.push(t);
  }
  return out;
}

/** Removes the given tags (and only those); a serving target keeps its percent without the tag. */
function withoutTags(traffic: TrafficTarget[], tags: ReadonlySet<string>): TrafficTarget[] {
  return tidy(
    traffic.map((t) => {
      if (t.tag === undefined || !tags.has(t.tag)) return t;
      const { tag: _removed, ...rest } = t;
      return rest;
    }),
  );
}

/** Splits `total` over `weights` in whole numbers summing exactly to `total` (largest remainder method). */
export function apportion(weights: readonly number[], total: number): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (w * total) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  // Ties go to the earlier target, so the split is deterministic.
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left--;
  }
  return shares;
}

/** Percent served per revision, LATEST resolved (to `LATEST` when it means nothing yet). */
export function servingShares(
  traffic: readonly TrafficTarget[],
  latest: string | undefined,
): Map<string, number> {
  const shares = new Map<string, number>();
  for (const t of effective(traffic)) {
    if (t.percent <= 0) continue;
    const rev = t.type === 'LATEST' ? (latest ?? 'LATEST') : (t.revision ?? '');
    shares.set(rev, (shares.get(rev) ?? 0) + t.percent);
  }
  return shares;
}

/** The revision serving most (the first one on a tie); `LATEST` when LATEST serves and means nothing yet. */
function mainRevision(traffic: readonly TrafficTarget[], latest?: string): string | undefined {
  let best: { rev: string; percent: number } | undefined;
  for (const [rev, percent] of servingShares(traffic, latest)) {
    if (best === undefined || percent > best.percent) best = { rev, percent };
  }
  return best?.rev;
}

/** Production's main revision: the one serving most, LATEST resolved to what it serves now. */
export function productionRevision(svc: ServiceTraffic): string | undefined {
  const main = mainRevision(svc.traffic, latestMeans(svc));
  return main === 'LATEST' ? undefined : main;
}

function promote(svc: ServiceTraffic, revision: string, wanted: number, prevTag?: string): TrafficTarget[] {
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 100) {
    throw UserError.forInput('percent', String(wanted), 'allowed: a whole number from 0 to 100');
  }
  const pinned = pinLatest(svc);
  const others = pinned.filter((t) => t.revision !== revision);
  const previousMain = mainRevision(others);
  const serving = others.filter((t) => t.percent > 0);
  // With nothing else serving, the revision keeps everything: there is nobody to hand the rest to.
  const percent = serving.length === 0 ? 100 : wanted;
  // Shared out per revision first (a revision may have several serving targets), then within each revision
  // over its targets, so every revision's share is its exact proportion rounded down or up.
  const key = (t: TrafficTarget): string => t.revision ?? 'LATEST';
  const revisions = [...new Set(serving.map(key))];
  const perRevision = apportion(
    revisions.map((r) => serving.filter((t) => key(t) === r).reduce((a, t) => a + t.percent, 0)),
    100 - percent,
  );
  const shareOf = new Map<TrafficTarget, number>();
  revisions.forEach((r, i) => {
    const mine = serving.filter((t) => key(t) === r);
    const split = apportion(
      mine.map((t) => t.percent),
      perRevision[i] ?? 0,
    );
    mine.forEach((t, j) => shareOf.set(t, split[j] ?? 0));
  });
  const rest = others.map((t) => (t.percent > 0 ? { ...t, percent: shareOf.get(t) ?? 0 } : t));
  // The promoted revision's tagged targets keep their tags at 0 %; its traffic goes on one untagged target.
  const mine = pinned.filter((t) => t.revision === revision).map((t) => ({ ...t, percent: 0 }));
  let result = tidy([...rest, ...mine, { type: 'REVISION', revision, percent }]);
  if (prevTag !== undefined && percent === 100 && previousMain !== undefined && previousMain !== 'LATEST') {
    result = [
      ...withoutTags(result, new Set([prevTag])),
      { type: 'REVISION', revision: previousMain, percent: 0, tag: prevTag },
    ];
  }
  return result;
}

const sameTarget = (a: TrafficTarget, b: TrafficTarget): boolean =>
  a.type === b.type && (a.revision ?? '') === (b.revision ?? '');

function restore(
  svc: ServiceTraffic,
  saved: readonly TrafficTarget[],
  ownTags: readonly string[],
): TrafficTarget[] {
  const own = new Set(ownTags);
  const current = effective(svc.traffic);
  const now = new Map(current.flatMap((t) => (t.tag === undefined ? [] : [[t.tag, t] as const])));
  const out: TrafficTarget[] = [];
  for (const t of saved.map(copy)) {
    const moved = t.tag !== undefined && !own.has(t.tag) && !sameTarget(now.get(t.tag) ?? t, t);
    const gone = t.tag !== undefined && !own.has(t.tag) && !now.has(t.tag);
    if (!moved && !gone) {
      out.push(t);
      continue;
    }
    // Someone else moved or removed this tag since: the saved percent stays, the tag follows them.
    const { tag: _theirs, ...untagged } = t;
    if (untagged.percent > 0) out.push(untagged);
  }
  const placed = new Set(out.flatMap((t) => (t.tag === undefined ? [] : [t.tag])));
  for (const t of current) {
    if (t.tag === undefined || own.has(t.tag) || placed.has(t.tag)) continue;
    out.push({
      type: t.type,
      ...(t.revision !== undefined ? { revision: t.revision } : {}),
      percent: 0,
      tag: t.tag,
    });
  }
  return out;
}

/** Applies one operation to the service's current traffic and returns the new list (inputs untouched). */
export function planTraffic(svc: ServiceTraffic, op: TrafficOperation): TrafficTarget[] {
  switch (op.kind) {
    case 'preview': {
      const pinned = withoutTags(pinLatest(svc), new Set([op.tag]));
      return [...pinned, { type: 'REVISION', revision: op.revision, percent: 0, tag: op.tag }];
    }
    case 'retag': {
      const rest = withoutTags(effective(svc.traffic), new Set([op.tag]));
      return op.revision === null
        ? rest
        : [...rest, { type: 'REVISION', revision: op.revision, percent: 0, tag: op.tag }];
    }
    case 'untag':
      return withoutTags(effective(svc.traffic), new Set(op.tags));
    case 'promote':
      return promote(svc, op.revision, op.percent, op.prevTag);
    case 'restore':
      return restore(svc, op.traffic, op.own);
    case 'pin':
      return pinLatest(svc);
  }
}

/** A problem with a traffic list (percents not 0..100 or not summing to 100, a duplicate tag), or undefined. */
export function trafficProblem(traffic: readonly TrafficTarget[]): string | undefined {
  const sum = traffic.reduce((a, t) => a + t.percent, 0);
  if (traffic.some((t) => !Number.isInteger(t.percent) || t.percent < 0 || t.percent > 100)) {
    return 'every percent must be a whole number from 0 to 100';
  }
  if (traffic.length > 0 && sum !== 100) return `percents sum to ${sum}, not 100`;
  const tags = traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag]));
  const dup = tags.find((t, i) => tags.indexOf(t) !== i);
  return dup === undefined ? undefined : `tag ${dup} is used twice`;
}
