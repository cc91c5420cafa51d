import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apportion,
  latestMeans,
  planTraffic,
  servingShares,
  trafficProblem,
  type ServiceTraffic,
  type TrafficTarget,
} from '../../../src/cloudrun/traffic-plan.js';

const REVISIONS = ['web-00001-abc', 'web-00002-def', 'web-00003-ghi', 'web-00004-jkl'];
const revision = fc.constantFrom(...REVISIONS);
const tagName = fc.constantFrom('prod', 'latest', 'prev', 'pr-1', 'pr-2', 'pr-3', 'rc');

/** A valid service: traffic summing to 100 with unique tags (some riding LATEST), and what LATEST means. */
const serviceArb: fc.Arbitrary<ServiceTraffic> = fc
  .record({
    serving: fc.array(fc.tuple(fc.oneof(revision, fc.constant('LATEST')), fc.nat(100)), {
      minLength: 1,
      maxLength: 4,
    }),
    tags: fc.uniqueArray(fc.tuple(tagName, fc.oneof(revision, fc.constant('LATEST')), fc.boolean()), {
      selector: ([t]) => t,
      maxLength: 5,
    }),
    latestReady: fc.option(revision, { nil: undefined }),
    statusLatest: fc.option(revision, { nil: undefined }),
  })
  .map(({ serving, tags, latestReady, statusLatest }) => {
    const shares = apportion(
      serving.map(([, w]) => w + 1),
      100,
    );
    const target = (rev: string, percent: number, tag?: string): TrafficTarget => ({
      ...(rev === 'LATEST' ? { type: 'LATEST' as const } : { type: 'REVISION' as const, revision: rev }),
      percent,
      ...(tag !== undefined ? { tag } : {}),
    });
    const traffic = serving.map(([rev], i) => target(rev, shares[i] ?? 0));
    for (const [tag, rev, ride] of tags) {
      // A tag either rides an untagged serving target of its revision or stands alone at 0 %.
      const host = ride
        ? traffic.find((t) => t.tag === undefined && (t.revision ?? 'LATEST') === rev)
        : undefined;
      if (host) host.tag = tag;
      else traffic.push(target(rev, 0, tag));
    }
    const svc: ServiceTraffic = { traffic: traffic.filter((t) => t.percent > 0 || t.tag !== undefined) };
    // Statuses resolve LATEST to a revision that may lag latestReadyRevision.
    const latest = statusLatest ?? latestReady;
    if (latestReady !== undefined) svc.latestReadyRevision = latestReady;
    if (statusLatest !== undefined)
      svc.trafficStatuses = [{ type: 'LATEST', revision: statusLatest, percent: 0 }];
    return latest === undefined
      ? { traffic: svc.traffic.filter((t) => t.type !== 'LATEST'), ...rest(svc) }
      : svc;
  })
  .filter((svc) => svc.traffic.length > 0 && trafficProblem(svc.traffic) === undefined);

function rest(svc: ServiceTraffic): Omit<ServiceTraffic, 'traffic'> {
  const { traffic: _t, ...others } = svc;
  return others;
}

/** Tag -> the revision it resolves to. */
function tagTargets(traffic: TrafficTarget[], latest: string | undefined): Map<string, string> {
  return new Map(
    traffic.flatMap((t) =>
      t.tag === undefined ? [] : [[t.tag, t.type === 'LATEST' ? (latest ?? 'LATEST') : (t.revision ?? '')]],
    ),
  );
}

const sorted = (m: Map<string, number>): [string, number][] => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
const valid = (t: TrafficTarget[]): void => expect(trafficProblem(t)).toBeUndefined();

describe('traffic planner properties', () => {
  it('every operation keeps percents summing to 100 and tags unique', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('preview' as const),
        tag: tagName,
        revision: fc.constantFrom(...REVISIONS, 'web-new'),
      }),
      fc.record({
        kind: fc.constant('retag' as const),
        tag: tagName,
        revision: fc.option(revision, { nil: null }),
      }),
      fc.record({ kind: fc.constant('untag' as const), tags: fc.array(tagName, { maxLength: 3 }) }),
      fc.record({
        kind: fc.constant('promote' as const),
        revision: fc.constantFrom(...REVISIONS, 'web-new'),
        percent: fc.integer({ min: 0, max: 100 }),
        prevTag: fc.option(fc.constant('prev'), { nil: undefined }),
      }),
      fc.constant({ kind: 'pin' as const }),
    );
    fc.assert(
      fc.property(serviceArb, op, (svc, o) => {
        valid(planTraffic(svc, o));
      }),
      { numRuns: 2000 },
    );
  });

  it('a preview changes no revision’s percent, moves no other tag, and survives a newer LATEST', () => {
    fc.assert(
      fc.property(serviceArb, tagName, fc.constantFrom(...REVISIONS, 'web-new'), (svc, tag, rev) => {
        const latest = latestMeans(svc);
        const before = JSON.stringify(svc);
        const after = planTraffic(svc, { kind: 'preview', tag, revision: rev });
        expect(JSON.stringify(svc)).toBe(before); // the input is untouched
        valid(after);
        expect(sorted(servingShares(after, latest))).toEqual(sorted(servingShares(svc.traffic, latest)));
        // Once `rev` (or any later revision) becomes the latest ready one, nothing moves either.
        if (latest !== undefined) {
          expect(sorted(servingShares(after, 'web-next'))).toEqual(
            sorted(servingShares(svc.traffic, latest)),
          );
        }
        const tagsBefore = tagTargets(svc.traffic, latest);
        const tagsAfter = tagTargets(after, 'web-next');
        for (const [t, r] of tagsBefore)
          if (t !== tag)
            expect(tagsAfter.get(t)).toBe(latest === undefined && r === 'LATEST' ? 'web-next' : r);
        expect(tagsAfter.get(tag)).toBe(rev);
        expect(after.filter((t) => t.tag === tag).map((t) => t.percent)).toEqual([0]);
        expect(after.find((t) => t.tag === tag)).toEqual({
          type: 'REVISION',
          revision: rev,
          percent: 0,
          tag,
        });
        // LATEST is pinned once it means a revision: the new revision takes neither traffic nor a tag.
        if (latest !== undefined) expect(after.some((t) => t.type === 'LATEST')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('untag and retag never remove or move a tag they do not own, nor change a percent', () => {
    fc.assert(
      fc.property(
        serviceArb,
        fc.array(tagName, { maxLength: 3 }),
        tagName,
        fc.option(revision, { nil: null }),
        (svc, owned, tag, rev) => {
          const latest = latestMeans(svc);
          const tagsBefore = tagTargets(svc.traffic, latest);
          const shares = sorted(servingShares(svc.traffic, latest));

          const untagged = planTraffic(svc, { kind: 'untag', tags: owned });
          valid(untagged);
          const afterUntag = tagTargets(untagged, latest);
          for (const [t, r] of tagsBefore)
            expect(afterUntag.get(t)).toBe((owned as string[]).includes(t) ? undefined : r);
          expect(sorted(servingShares(untagged, latest))).toEqual(shares);

          const retagged = planTraffic(svc, { kind: 'retag', tag, revision: rev });
          valid(retagged);
          const afterRetag = tagTargets(retagged, latest);
          for (const [t, r] of tagsBefore) if (t !== tag) expect(afterRetag.get(t)).toBe(r);
          expect(afterRetag.get(tag)).toBe(rev ?? undefined);
          expect(sorted(servingShares(retagged, latest))).toEqual(shares);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('promote gives the revision its percent and shares the rest in proportion, keeping every tag', () => {
    fc.assert(
      fc.property(
        serviceArb,
        fc.constantFrom(...REVISIONS, 'web-new'),
        fc.integer({ min: 0, max: 100 }),
        (svc, rev, pct) => {
          const latest = latestMeans(svc);
          const before = servingShares(svc.traffic, latest);
          const after = planTraffic(svc, { kind: 'promote', revision: rev, percent: pct, prevTag: 'prev' });
          valid(after);
          const shares = servingShares(after, latest);
          const othersBefore = [...before].filter(([r]) => r !== rev);
          const expected = othersBefore.length === 0 ? 100 : pct;
          expect(shares.get(rev) ?? 0).toBe(expected);
          const othersTotal = othersBefore.reduce((a, [, p]) => a + p, 0);
          for (const [r, p] of othersBefore) {
            // Largest remainder: each share is its exact proportion rounded down or up.
            const exact = (p * (100 - expected)) / othersTotal;
            expect(Math.abs((shares.get(r) ?? 0) - exact)).toBeLessThan(1);
          }
          const tagsAfter = tagTargets(after, latest);
          for (const [t, r] of tagTargets(svc.traffic, latest)) {
            if (t !== 'prev') expect(tagsAfter.get(t)).toBe(r);
          }
          if (expected === 100 && othersBefore.length > 0 && !othersBefore.some(([r]) => r === 'LATEST')) {
            const main = othersBefore.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
            expect(tagsAfter.get('prev')).toBe(main);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('restore owning every tag returns exactly the saved list', () => {
    fc.assert(
      fc.property(serviceArb, serviceArb, (current, saved) => {
        const every = [...current.traffic, ...saved.traffic].flatMap((t) => (t.tag ? [t.tag] : []));
        const out = planTraffic(current, { kind: 'restore', traffic: saved.traffic, own: every });
        expect(JSON.stringify(out)).toBe(JSON.stringify(saved.traffic));
        expect(out).not.toBe(saved.traffic);
      }),
    );
  });

  it('restore puts back every percent and its own tags, and leaves every other tag where it is now', () => {
    const tagsOf = (traffic: readonly TrafficTarget[]): Map<string, string> =>
      new Map(traffic.flatMap((t) => (t.tag ? [[t.tag, `${t.type}:${t.revision ?? ''}`] as const] : [])));
    fc.assert(
      fc.property(
        serviceArb,
        serviceArb,
        fc.subarray(['prod', 'latest', 'prev', 'pr-1', 'pr-2', 'pr-3', 'rc']),
        (current, saved, own) => {
          const out = planTraffic(current, { kind: 'restore', traffic: saved.traffic, own });
          expect(trafficProblem(out)).toBeUndefined();
          expect(servingShares(out, 'L')).toEqual(servingShares(saved.traffic, 'L'));
          const after = tagsOf(out);
          const before = tagsOf(saved.traffic);
          const now = tagsOf(current.traffic);
          for (const tag of new Set([...after.keys(), ...before.keys(), ...now.keys()])) {
            expect(after.get(tag)).toBe(own.includes(tag) ? before.get(tag) : now.get(tag));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('apportion always sums exactly to the total and stays within 1 of the exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }),
        fc.nat(100),
        (w, total) => {
          const shares = apportion(w, total);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = w.reduce((a, b) => a + b, 0);
          shares.forEach((s, i) => expect(Math.abs(s - ((w[i] ?? 0) * total) / sum)).toBeLessThan(1));
        },
      ),
    );
  });

  it('apportion sums exactly to the total with zero weights too (all zero: the first takes it all)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 1, maxLength: 6 }), fc.nat(100), (w, total) => {
        const shares = apportion(w, total);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        if (w.every((x) => x === 0)) expect(shares[0]).toBe(total);
      }),
    );
  });
});
