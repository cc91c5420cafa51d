import { describe, expect, it } from 'vitest';
import {
  planTraffic,
  trafficProblem,
  type ServiceTraffic,
  type TrafficTarget,
} from '../../../src/cloudrun/traffic-plan.js';
import { UserError } from '../../../src/config/user-error.js';

const rev = (revision: string, percent: number, tag?: string): TrafficTarget => ({
  type: 'REVISION',
  revision,
  percent,
  ...(tag ? { tag } : {}),
});
const latest = (percent: number, tag?: string): TrafficTarget => ({
  type: 'LATEST',
  percent,
  ...(tag ? { tag } : {}),
});

describe('preview', () => {
  it('pins LATEST and the prod tag riding on it to the revision it means now, then adds its own tag at 0 %', () => {
    const svc: ServiceTraffic = {
      traffic: [latest(100), latest(0, 'prod')],
      trafficStatuses: [{ type: 'LATEST', revision: 'web-001', percent: 100 }],
      latestReadyRevision: 'web-001',
    };
    expect(planTraffic(svc, { kind: 'preview', tag: 'pr-7', revision: 'web-pr7-abc' })).toEqual([
      rev('web-001', 100),
      rev('web-001', 0, 'prod'),
      rev('web-pr7-abc', 0, 'pr-7'),
    ]);
  });

  it('prefers what the statuses show LATEST serving over a newer latestReadyRevision', () => {
    const svc: ServiceTraffic = {
      traffic: [latest(100)],
      trafficStatuses: [{ type: 'LATEST', revision: 'web-001', percent: 100 }],
      latestReadyRevision: 'web-002',
    };
    expect(planTraffic(svc, { kind: 'preview', tag: 'pr-1', revision: 'x' })[0]).toEqual(rev('web-001', 100));
  });

  it('reads an empty traffic list as 100 % LATEST', () => {
    expect(
      planTraffic(
        { traffic: [], latestReadyRevision: 'web-001' },
        { kind: 'preview', tag: 'pr-1', revision: 'x' },
      ),
    ).toEqual([rev('web-001', 100), rev('x', 0, 'pr-1')]);
  });

  it('a re-run moves its own tag to the new revision and drops the old tag-only target', () => {
    const svc: ServiceTraffic = {
      traffic: [rev('web-001', 100, 'prod'), rev('web-pr7-old', 0, 'pr-7'), rev('o', 0, 'pr-8')],
    };
    expect(planTraffic(svc, { kind: 'preview', tag: 'pr-7', revision: 'web-pr7-new' })).toEqual([
      rev('web-001', 100, 'prod'),
      rev('o', 0, 'pr-8'),
      rev('web-pr7-new', 0, 'pr-7'),
    ]);
  });
});

describe('retag and untag', () => {
  const svc: ServiceTraffic = {
    traffic: [rev('a', 90, 'pr-1'), rev('b', 10), rev('c', 0, 'pr-2'), rev('d', 0, 'pr-3')],
  };

  it('retag points the tag back at the earlier revision', () => {
    expect(planTraffic(svc, { kind: 'retag', tag: 'pr-2', revision: 'd' })).toEqual([
      rev('a', 90, 'pr-1'),
      rev('b', 10),
      rev('d', 0, 'pr-3'),
      rev('d', 0, 'pr-2'),
    ]);
  });

  it('retag to null removes the tag', () => {
    expect(planTraffic(svc, { kind: 'retag', tag: 'pr-2', revision: null })).toEqual([
      rev('a', 90, 'pr-1'),
      rev('b', 10),
      rev('d', 0, 'pr-3'),
    ]);
  });

  it('untag keeps a serving target’s percent and drops emptied tag-only targets, touching nothing else', () => {
    expect(planTraffic(svc, { kind: 'untag', tags: ['pr-1', 'pr-3', 'not-there'] })).toEqual([
      rev('a', 90),
      rev('b', 10),
      rev('c', 0, 'pr-2'),
    ]);
  });
});

describe('promote', () => {
  const svc: ServiceTraffic = {
    traffic: [latest(75, 'prod'), rev('b', 25), rev('c', 0, 'pr-3')],
    latestReadyRevision: 'a',
  };

  it.each([
    [10, [rev('a', 68, 'prod'), rev('b', 22), rev('c', 0, 'pr-3'), rev('c', 10)]],
    [50, [rev('a', 38, 'prod'), rev('b', 12), rev('c', 0, 'pr-3'), rev('c', 50)]],
    [1, [rev('a', 74, 'prod'), rev('b', 25), rev('c', 0, 'pr-3'), rev('c', 1)]],
  ])('a canary of %i % keeps the rest in proportion (largest remainder)', (percent, expected) => {
    expect(planTraffic(svc, { kind: 'promote', revision: 'c', percent })).toEqual(expected);
  });

  it('at 100 % sets prev on the previous main revision, moving prev off wherever it was', () => {
    const withPrev = { ...svc, traffic: [...svc.traffic, rev('z', 0, 'prev')] };
    expect(planTraffic(withPrev, { kind: 'promote', revision: 'c', percent: 100, prevTag: 'prev' })).toEqual([
      rev('a', 0, 'prod'),
      rev('c', 0, 'pr-3'),
      rev('c', 100),
      rev('a', 0, 'prev'),
    ]);
  });

  it('a revision that already serves everything keeps 100 %', () => {
    expect(
      planTraffic({ traffic: [rev('a', 100)] }, { kind: 'promote', revision: 'a', percent: 30 }),
    ).toEqual([rev('a', 100)]);
  });

  it.each([101, -1, 2.5])('refuses percent %d as a user error', (percent) => {
    expect(() => planTraffic(svc, { kind: 'promote', revision: 'c', percent })).toThrow(UserError);
  });
});

describe('restore and trafficProblem', () => {
  it('restores byte for byte when nobody else changed a tag', () => {
    const saved = [latest(90, 'prod'), rev('b', 10)];
    const out = planTraffic(
      { traffic: [latest(50, 'prod'), rev('c', 50)] },
      { kind: 'restore', traffic: saved, own: ['prev'] },
    );
    expect(JSON.stringify(out)).toBe(JSON.stringify(saved));
  });

  it('keeps a PR tag a preview added during the promotion, and drops one it removed', () => {
    // Saved before the canary: prod on a, pr-1 on p1. Meanwhile a preview added pr-2 and cleanup removed pr-1.
    const saved = [rev('a', 100, 'prod'), rev('p1', 0, 'pr-1'), rev('old', 0, 'prev')];
    const now = [rev('a', 50, 'prod'), rev('c', 50), rev('p2', 0, 'pr-2'), rev('a', 0, 'prev')];
    const out = planTraffic({ traffic: now }, { kind: 'restore', traffic: saved, own: ['prev'] });
    expect(out).toEqual([rev('a', 100, 'prod'), rev('old', 0, 'prev'), rev('p2', 0, 'pr-2')]);
  });

  it('keeps the percent of a serving target whose tag another run moved', () => {
    const saved = [rev('a', 80, 'pr-9'), rev('b', 20)];
    const now = [rev('a', 40), rev('b', 10), rev('c', 50), rev('d', 0, 'pr-9')];
    const out = planTraffic({ traffic: now }, { kind: 'restore', traffic: saved, own: [] });
    expect(out).toEqual([rev('a', 80), rev('b', 20), rev('d', 0, 'pr-9')]);
  });

  it.each([
    [[rev('a', 60), rev('b', 30)], /sum to 90/],
    [[rev('a', 100, 'x'), rev('b', 0, 'x')], /tag x/],
    [[rev('a', 100.5), rev('b', -0.5)], /whole number/],
  ])('names the problem of %j', (traffic, problem) => {
    expect(trafficProblem(traffic)).toMatch(problem);
  });
});
