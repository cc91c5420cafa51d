/**
 * The traffic planner: current traffic + one operation -> the new traffic list. Pure, so its promises
 * (percents sum to 100, tags unique, a preview moves no percent, a cleanup removes only its own tags) are
 * property-tested without servers.
 */

/** One traffic target: a revision (or LATEST), its percent, and an optional tag. */
export interface TrafficEntry {
  revision?: string;
  latest?: boolean;
  percent: number;
  tag?: string;
}

export type TrafficOp =
  | { kind: 'preview'; tag: string; revision: string }
  | { kind: 'retag'; tag: string; revision: string | null }
  | { kind: 'untag'; tags: string[] }
  | { kind: 'shift'; revision: string; percent: number; prevTag?: string }
  | { kind: 'restore'; traffic: TrafficEntry[] }
  /** Only pins LATEST: for a new revision that must not take any traffic or tag. */
  | { kind: 'pin' };

const clone = (t: TrafficEntry[]): TrafficEntry[] => t.map((e) => ({ ...e }));

/** Drops targets that neither serve nor carry a tag (Cloud Run keeps no use for them). */
function prune(traffic: TrafficEntry[]): TrafficEntry[] {
  return traffic.filter((t) => t.percent > 0 || t.tag !== undefined);
}

/**
 * Replaces every LATEST target by the revision it means now, so a new revision can neither take its
 * traffic nor carry off a tag riding on it (`prod`, `latest`). Without a known ready revision LATEST stays.
 */
export function pinLatest(traffic: TrafficEntry[], latestReady: string | undefined): TrafficEntry[] {
  return traffic.map((t) =>
    t.latest === true && latestReady !== undefined
      ? { revision: latestReady, percent: t.percent, ...(t.tag ? { tag: t.tag } : {}) }
      : { ...t },
  );
}

function withoutTags(traffic: TrafficEntry[], tags: ReadonlySet<string>): TrafficEntry[] {
  return prune(
    traffic.map((t) => {
      if (t.tag === undefined || !tags.has(t.tag)) return { ...t };
      const { tag: _dropped, ...rest } = t;
      return rest;
    }),
  );
}

/** Splits `total` over weights in whole numbers that add up exactly (largest remainder). */
export function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (w * total) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

/** The revision serving the most traffic, once LATEST is pinned. */
export function mainServingRevision(traffic: TrafficEntry[]): string | undefined {
  return [...traffic]
    .filter((t) => t.percent > 0 && t.revision !== undefined)
    .sort((a, b) => b.percent - a.percent)[0]?.revision;
}

function shift(
  traffic: TrafficEntry[],
  revision: string,
  wanted: number,
  prevTag: string | undefined,
): TrafficEntry[] {
  // With nothing else serving, the revision already has everything and cannot hand any of it back.
  const percent = traffic.some((t) => t.revision !== revision && t.percent > 0) ? wanted : 100;
  const before = mainServingRevision(traffic.filter((t) => t.revision !== revision));
  const others = traffic.filter((t) => t.revision !== revision);
  const serving = others.filter((t) => t.percent > 0);
  const shares = apportion(
    serving.map((t) => t.percent),
    100 - percent,
  );
  let i = 0;
  const rest = others.map((t) => (t.percent > 0 ? { ...t, percent: shares[i++] ?? 0 } : { ...t }));
  const mine = traffic.filter((t) => t.revision === revision).map((t) => ({ ...t, percent: 0 }));
  const target = mine.find((t) => t.tag === undefined) ?? mine[0];
  if (target === undefined) mine.push({ revision, percent });
  else target.percent = percent;
  let next = [...rest, ...mine];
  if (prevTag !== undefined && before !== undefined && percent === 100) {
    next = withoutTags(next, new Set([prevTag]));
    next.push({ revision: before, percent: 0, tag: prevTag });
  }
  return prune(next);
}

/** Applies one operation. `latestReady` is the service's latest ready revision, used to pin LATEST. */
export function planTraffic(
  current: TrafficEntry[],
  latestReady: string | undefined,
  op: TrafficOp,
): TrafficEntry[] {
  switch (op.kind) {
    case 'preview': {
      const pinned = withoutTags(pinLatest(current, latestReady), new Set([op.tag]));
      return [...pinned, { revision: op.revision, percent: 0, tag: op.tag }];
    }
    case 'retag': {
      const rest = withoutTags(clone(current), new Set([op.tag]));
      return op.revision === null ? rest : [...rest, { revision: op.revision, percent: 0, tag: op.tag }];
    }
    case 'untag':
      return withoutTags(clone(current), new Set(op.tags));
    case 'shift':
      return shift(pinLatest(current, latestReady), op.revision, op.percent, op.prevTag);
    case 'restore':
      return clone(op.traffic);
    case 'pin':
      return pinLatest(current, latestReady);
  }
}

/** Percent per resolved revision (LATEST resolved), for comparing what serves before and after. */
export function servingShares(traffic: TrafficEntry[], latestReady: string | undefined): Map<string, number> {
  const shares = new Map<string, number>();
  for (const t of traffic) {
    const rev = t.latest === true ? (latestReady ?? 'LATEST') : (t.revision ?? '?');
    if (t.percent > 0) shares.set(rev, (shares.get(rev) ?? 0) + t.percent);
  }
  return shares;
}
