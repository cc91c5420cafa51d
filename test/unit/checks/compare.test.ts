import { describe, expect, it } from 'vitest';
import {
  compareRounds,
  interleavePlan,
  roundValues,
  tCdf,
  tInterval,
  tQuantile,
  type RoundValues,
} from '../../../src/checks/compare.js';

const round = (p: Partial<RoundValues> = {}): RoundValues => ({
  p50: 10,
  p95: 20,
  p99: 30,
  errorRate: 0,
  throughput: 100,
  requests: 200,
  ...p,
});

/** Deterministic jitter, so each pair differs a little, as real rounds do. */
const jitter = (i: number, scale: number): number => Math.sin(i * 12.9898) * scale;

describe('Student t', () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 5, 2.5706],
    [0.995, 5, 4.0321],
    [0.975, 30, 2.0423],
    [0.9, 10, 1.3722],
  ])('quantile %f with %i degrees of freedom is %f (published tables)', (p, df, want) => {
    expect(tQuantile(p, df)).toBeCloseTo(want, 3);
  });

  it('CDF is symmetric and 0.5 at 0', () => {
    expect(tCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(tCdf(1.3, 4) + tCdf(-1.3, 4)).toBeCloseTo(1, 12);
  });

  it('interval of a known sample', () => {
    // mean 3, sd sqrt(2.5), n 5: 3 ± 2.7764 * 0.7071
    const [lo, hi] = tInterval([1, 2, 3, 4, 5], 0.95);
    expect(lo).toBeCloseTo(3 - 2.7764 * Math.sqrt(2.5 / 5), 3);
    expect(hi).toBeCloseTo(3 + 2.7764 * Math.sqrt(2.5 / 5), 3);
    expect(tInterval([1], 0.95).every(Number.isNaN)).toBe(true);
  });
});

describe('interleavePlan', () => {
  it('alternates preview and baseline, A B A B', () => {
    const plan = interleavePlan(3);
    expect(plan.flatMap((p) => p.order)).toEqual([
      'preview',
      'baseline',
      'preview',
      'baseline',
      'preview',
      'baseline',
    ]);
  });
  it.each([0, 1, 2.5])('refuses %s pairs', (n) => {
    expect(() => interleavePlan(n)).toThrow(/at least 2 pairs/);
  });
});

describe('compareRounds', () => {
  const pairs = (
    n: number,
    preview: (i: number) => Partial<RoundValues>,
    baseline: (i: number) => Partial<RoundValues> = () => ({}),
  ) => Array.from({ length: n }, (_, i) => ({ preview: round(preview(i)), baseline: round(baseline(i)) }));
  const verdicts = (c: ReturnType<typeof compareRounds>): Record<string, string> =>
    Object.fromEntries(c.metrics.map((m) => [m.metric, m.verdict]));

  it.each([
    {
      name: 'a steady 50 ms delay is a p50/p95/p99 regression',
      p: pairs(
        6,
        (i) => ({ p50: 60 + jitter(i, 2), p95: 70 + jitter(i + 1, 3), p99: 80 + jitter(i + 2, 4) }),
        (i) => ({
          p50: 10 + jitter(i + 3, 2),
          p95: 20 + jitter(i + 4, 3),
          p99: 30 + jitter(i + 5, 4),
        }),
      ),
      want: {
        p50: 'regression',
        p95: 'regression',
        p99: 'regression',
        errorRate: 'within noise',
        throughput: 'within noise',
      },
    },
    {
      name: 'differences that swing both ways are within noise',
      p: pairs(6, (i) => ({ p95: 20 + ([5, -4, 3, -6, 4, -2][i] ?? 0) })),
      want: {
        p50: 'within noise',
        p95: 'within noise',
        p99: 'within noise',
        errorRate: 'within noise',
        throughput: 'within noise',
      },
    },
    {
      name: 'faster and more throughput is an improvement; more errors a regression',
      p: pairs(6, (i) => ({
        p50: 5 + jitter(i, 0.5),
        throughput: 150 + jitter(i, 3),
        errorRate: 0.05 + jitter(i, 0.01),
      })),
      want: {
        p50: 'improvement',
        p95: 'within noise',
        p99: 'within noise',
        errorRate: 'regression',
        throughput: 'improvement',
      },
    },
    {
      name: 'less throughput is a regression',
      p: pairs(6, (i) => ({ throughput: 60 + jitter(i, 3) })),
      want: {
        p50: 'within noise',
        p95: 'within noise',
        p99: 'within noise',
        errorRate: 'within noise',
        throughput: 'regression',
      },
    },
    {
      name: 'a consistent 0.2 ms shift is below the latency floor',
      p: pairs(6, (i) => ({ p50: 10.2 + jitter(i, 0.01) })),
      want: {
        p50: 'within noise',
        p95: 'within noise',
        p99: 'within noise',
        errorRate: 'within noise',
        throughput: 'within noise',
      },
    },
  ])('$name', ({ p, want }) => {
    expect(verdicts(compareRounds(p))).toEqual(want);
  });

  it('the interval excludes 0 for a delay and holds about the delay', () => {
    const c = compareRounds(
      pairs(
        6,
        (i) => ({ p50: 110 + jitter(i, 3) }),
        (i) => ({ p50: 10 + jitter(i + 7, 3) }),
      ),
    );
    const p50 = c.metrics.find((m) => m.metric === 'p50');
    expect(p50?.ci[0]).toBeGreaterThan(90);
    expect(p50?.ci[1]).toBeLessThan(110);
    expect(p50?.relative).toBeCloseTo((p50?.diff ?? 0) / (p50?.baseline ?? 1), 10);
    expect(p50?.relative).toBeGreaterThan(5);
    // Bonferroni over the five metrics: 99 % per metric for a 95 % family-wise level.
    expect(c.confidence).toBeCloseTo(0.99, 10);
  });

  it('rounds without requests drop out of latency only', () => {
    const p = pairs(6, (i) => ({ p50: 60 + jitter(i, 1) }));
    p[0] = { preview: round({ requests: 0, p50: NaN, p95: NaN, p99: NaN, errorRate: 1 }), baseline: round() };
    const c = compareRounds(p);
    expect(c.metrics.find((m) => m.metric === 'p50')?.verdict).toBe('regression');
    expect(Number.isFinite(c.metrics.find((m) => m.metric === 'p50')?.diff)).toBe(true);
  });
});

describe('roundValues', () => {
  it('reads the engine metrics JSON', () => {
    expect(
      roundValues({
        http_req_duration: { med: 1.5, 'p(95)': 3, 'p(99)': 4, count: 10 },
        http_req_failed: { rate: 0.1, passes: 1, fails: 9 },
        http_reqs: { count: 10, rate: 5 },
      }),
    ).toEqual({ p50: 1.5, p95: 3, p99: 4, errorRate: 0.1, throughput: 5, requests: 10 });
    expect(roundValues({}).requests).toBe(0);
  });
});
