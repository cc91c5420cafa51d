import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apportion,
  planTraffic,
  servingShares,
  type TrafficEntry,
} from '../../../src/cloudrun/traffic-ops.js';

const revName = fc.constantFrom('web-00001-abc', 'web-00002-def', 'web-00003-ghi', 'web-00004-jkl');
const tagName = fc.constantFrom('prod', 'latest', 'prev', 'pr-1', 'pr-2', 'pr-3', 'rc');

/** A valid Cloud Run traffic list: percents summing to 100, unique tags, LATEST at most once. */
const trafficArb = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof(revName, fc.constant('LATEST')), fc.nat(100)), { minLength: 1, maxLength: 4 }),
    fc.uniqueArray(fc.tuple(tagName, fc.oneof(revName, fc.constant('LATEST'))), {
      selector: ([t]) => t,
      maxLength: 4,
    }),
  )
  .map(([serving, tags]) => {
    const shares = apportion(
      serving.map(([, w]) => w + 1),
      100,
    );
    const entries: TrafficEntry[] = serving.map(([rev], i) =>
      rev === 'LATEST'
        ? { latest: true, percent: shares[i] ?? 0 }
        : { revision: rev, percent: shares[i] ?? 0 },
    );
    for (const [tag, rev] of tags) {
      entries.push(rev === 'LATEST' ? { latest: true, percent: 0, tag } : { revision: rev, percent: 0, tag });
    }
    return entries.filter((e) => e.percent > 0 || e.tag !== undefined);
  });

const sum = (t: TrafficEntry[]): number => t.reduce((a, e) => a + e.percent, 0);
const tags = (t: TrafficEntry[]): string[] => t.flatMap((e) => (e.tag === undefined ? [] : [e.tag]));
const latestReady = 'web-00001-abc';

describe('traffic planner properties', () => {
  it('a preview never changes what any revision serves, and leaves other tags where they resolved', () => {
    fc.assert(
      fc.property(trafficArb, fc.constantFrom('pr-1', 'pr-9'), revName, (traffic, tag, revision) => {
        const next = planTraffic(traffic, latestReady, { kind: 'preview', tag, revision: 'web-00099-new' });
        expect(sum(next)).toBe(100);
        expect(servingShares(next, latestReady)).toEqual(servingShares(traffic, latestReady));
        expect(new Set(tags(next)).size).toBe(tags(next).length);
        expect(next.find((e) => e.tag === tag)).toEqual({ revision: 'web-00099-new', percent: 0, tag });
        expect(next.some((e) => e.latest === true)).toBe(false); // LATEST pinned: a new revision takes nothing
        for (const e of traffic.filter((x) => x.tag !== undefined && x.tag !== tag)) {
          const resolved = e.latest === true ? latestReady : e.revision;
          expect(next.find((n) => n.tag === e.tag)?.revision).toBe(resolved);
        }
        void revision;
      }),
    );
  });

  it('untag removes exactly the tags it was given and changes no percent', () => {
    fc.assert(
      fc.property(trafficArb, fc.subarray(['pr-1', 'pr-2', 'pr-3']), (traffic, own) => {
        const next = planTraffic(traffic, latestReady, { kind: 'untag', tags: own });
        expect(sum(next)).toBe(100);
        expect(tags(next).sort()).toEqual(
          tags(traffic)
            .filter((t) => !own.includes(t))
            .sort(),
        );
        expect(servingShares(next, latestReady)).toEqual(servingShares(traffic, latestReady));
      }),
    );
  });

  it('shift gives the revision its percent, keeps the sum at 100 and every tag', () => {
    fc.assert(
      fc.property(trafficArb, revName, fc.integer({ min: 1, max: 100 }), (traffic, revision, percent) => {
        const next = planTraffic(traffic, latestReady, { kind: 'shift', revision, percent, prevTag: 'prev' });
        expect(sum(next)).toBe(100);
        const othersServe = [...servingShares(traffic, latestReady).keys()].some((r) => r !== revision);
        expect(servingShares(next, latestReady).get(revision) ?? 0).toBe(othersServe ? percent : 100);
        const kept = tags(traffic).filter((t) => t !== 'prev');
        for (const t of kept) expect(tags(next)).toContain(t);
        expect(new Set(tags(next)).size).toBe(tags(next).length);
      }),
    );
  });

  it('restore returns the saved list exactly', () => {
    fc.assert(
      fc.property(trafficArb, trafficArb, (current, saved) => {
        expect(planTraffic(current, latestReady, { kind: 'restore', traffic: saved })).toEqual(saved);
      }),
    );
  });

  it('apportion always sums to the total', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 1, maxLength: 6 }), fc.nat(100), (weights, total) => {
        expect(apportion(weights, total).reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });
});

describe('traffic planner examples', () => {
  it('pins a prod tag riding on LATEST before tagging the preview (the peer action moves it)', () => {
    const current: TrafficEntry[] = [
      { latest: true, percent: 100 },
      { latest: true, percent: 0, tag: 'prod' },
    ];
    expect(
      planTraffic(current, 'web-00001-abc', { kind: 'preview', tag: 'pr-7', revision: 'web-pr7-x' }),
    ).toEqual([
      { revision: 'web-00001-abc', percent: 100 },
      { revision: 'web-00001-abc', percent: 0, tag: 'prod' },
      { revision: 'web-pr7-x', percent: 0, tag: 'pr-7' },
    ]);
  });

  it('a canary step keeps the remaining split in proportion and sets prev at 100 %', () => {
    const current: TrafficEntry[] = [
      { revision: 'a', percent: 75 },
      { revision: 'b', percent: 25 },
      { revision: 'c', percent: 0, tag: 'pr-3' },
    ];
    expect(planTraffic(current, 'a', { kind: 'shift', revision: 'c', percent: 10 })).toEqual([
      { revision: 'a', percent: 68 },
      { revision: 'b', percent: 22 },
      { revision: 'c', percent: 0, tag: 'pr-3' },
      { revision: 'c', percent: 10 },
    ]);
    expect(
      planTraffic(current, 'a', { kind: 'shift', revision: 'c', percent: 100, prevTag: 'prev' }),
    ).toEqual([
      { revision: 'c', percent: 0, tag: 'pr-3' },
      { revision: 'c', percent: 100 },
      { revision: 'a', percent: 0, tag: 'prev' },
    ]);
  });
});
