import { describe, expect, it } from 'vitest';
import {
  expiredSentence,
  humanDuration,
  inBatches,
  lastDeployByPr,
  planEviction,
  planSweep,
  newestDeploys,
  withEnvironmentDeploys,
} from '../../../src/commands/sweep-plan.js';
import { sweptPullRequests } from '../../../src/commands/environment-sweep.js';
import type { RevisionInfo } from '../../../src/cloudrun/run-port.js';

const DAY = 86_400_000;
const now = new Date('2026-12-10T00:00:00Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);
const rev = (pr: string | undefined, created: Date): RevisionInfo =>
  ({
    name: `r-${pr}-${created.getTime()}`,
    labels: pr === undefined ? {} : { 'gcp-deploy-pr': pr },
    createTime: created,
  }) as RevisionInfo;

describe('the last deploy of each PR', () => {
  it('is its newest revision; revisions without a PR (production, candidates) are not previews', () => {
    const last = lastDeployByPr([
      rev('7', ago(9 * DAY)),
      rev('7', ago(DAY)),
      rev(undefined, ago(30 * DAY)),
      rev('x', ago(3 * DAY)),
      rev('0', ago(3 * DAY)),
    ]);
    expect([...last.entries()]).toEqual([[7, ago(DAY)]]);
  });
});

describe('what a sweep removes', () => {
  const lastDeploys = new Map([
    [1, ago(8 * DAY)],
    [2, ago(2 * DAY)],
    [3, ago(7 * DAY)],
    [4, ago(DAY / 2)],
  ]);
  const cases: [string, ReadonlySet<number>, number | undefined, [number, string][]][] = [
    ['stale 7d: older than 7 days expire, exactly 7 days does not', new Set(), 7 * DAY, [[1, 'expired']]],
    [
      'closed PRs go whatever their age',
      new Set([4]),
      7 * DAY,
      [
        [1, 'expired'],
        [4, 'closed'],
      ],
    ],
    ['without stale only closed PRs go', new Set([2]), undefined, [[2, 'closed']]],
    ['closed wins over expired', new Set([1]), 7 * DAY, [[1, 'closed']]],
    [
      'stale 1d: oldest deploy first',
      new Set(),
      DAY,
      [
        [1, 'expired'],
        [3, 'expired'],
        [2, 'expired'],
      ],
    ],
    ['nothing stale, nothing closed', new Set(), 30 * DAY, []],
  ];
  it.each(cases)('%s', (_name, closed, staleMs, expected) => {
    const plan = planSweep({ lastDeploys, closed, staleMs, now });
    expect(plan.map((e) => [e.pr, e.reason])).toEqual(expected);
  });
});

describe('batches and words', () => {
  it('splits into groups of at most the size, in order', () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([], 10)).toEqual([]);
  });

  it.each([
    [7 * DAY, '7 days'],
    [DAY, '1 day'],
    [36 * 3_600_000, '36 hours'],
    [90_000, '90 seconds'],
    [DAY + 1, '1 day'],
  ])('%i ms reads %s', (ms, words) => {
    expect(humanDuration(ms)).toBe(words);
  });

  it("the expiry sentence is the PR comment's", () => {
    expect(expiredSentence(7 * DAY)).toBe(
      'Expired after 7 days without a deploy; push, label or `/preview` to bring it back.',
    );
  });
});

describe('max_previews eviction', () => {
  const live = new Map([
    [1, ago(3 * DAY)],
    [2, ago(DAY)],
    [3, ago(2 * DAY)],
  ]);
  it.each([
    ['a new PR beyond the cap evicts the least recently deployed', 9, 3, [1]],
    ['two beyond the cap evict the two oldest', 9, 2, [1, 3]],
    ['a redeploy of a live PR counts it once', 2, 3, []],
    ['a redeploy of the oldest never evicts itself', 1, 2, [3]],
    ['under the cap, nothing', 9, 10, []],
  ])('%s', (_name, pr, max, expected) => {
    expect(planEviction({ live, pr, max })).toEqual(expected);
  });
});

describe("an environment's sweep ages each PR by its newest deploy on any service", () => {
  const d = (day: number): Date => new Date(Date.UTC(2026, 11, day));
  it('takes the newest of each PR across the services', () => {
    const api = new Map([
      [1, d(1)],
      [2, d(5)],
    ]);
    const web = new Map([
      [1, d(4)],
      [3, d(2)],
    ]);
    expect(newestDeploys([api, web])).toEqual(
      new Map([
        [1, d(4)],
        [2, d(5)],
        [3, d(2)],
      ]),
    );
  });
  it("keeps each service's own PRs, aged by the environment", () => {
    const own = new Map([[1, d(1)]]);
    expect(
      withEnvironmentDeploys(
        own,
        new Map([
          [1, d(4)],
          [2, d(5)],
        ]),
      ),
    ).toEqual(new Map([[1, d(4)]]));
    expect(withEnvironmentDeploys(own, undefined)).toBe(own);
  });
  it('reports each swept PR once, closed over expired', () => {
    expect(
      sweptPullRequests([
        { pr: 2, reason: 'expired', lastDeploy: d(1) },
        { pr: 1, reason: 'expired', lastDeploy: d(1) },
        { pr: 2, reason: 'closed', lastDeploy: d(1) },
        { pr: 1, reason: 'expired', lastDeploy: d(2) },
      ]).map((e) => [e.pr, e.reason]),
    ).toEqual([
      [1, 'expired'],
      [2, 'closed'],
    ]);
  });
});
