import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  EXACT_SAMPLE_LIMIT,
  MetricRegistry,
  TrendSink,
  aggregateSink,
  interpolatedPercentile,
  metricsToJson,
} from '../../../src/checks/metrics.js';
import { failingAbortThresholds } from '../../../src/checks/abort-evaluator.js';
import { compare, evaluateThresholds } from '../../../src/checks/threshold-eval.js';
import { parseThresholds } from '../../../src/checks/threshold-parser.js';

/** The exact nearest-rank percentile of a list (what an HDR histogram approximates). */
function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

describe('TrendSink percentiles', () => {
  // k6 docs, "Metrics > Built-in metrics" / Trend: p(N) is the Nth percentile of the samples; k6 computes it
  // on every sample with linear interpolation (metrics/sink.go TrendSink.P: rank = p * (n - 1)).
  it('p(50) of [5, 10] is 7.5 and med is p(50), as k6 interpolates between samples', () => {
    const sink = new TrendSink();
    sink.add(10);
    sink.add(5);
    expect(sink.percentile(50)).toBe(7.5);
    expect(aggregateSink(sink, { kind: 'med' }, 1)).toBe(7.5);
    expect(aggregateSink(sink, { kind: 'p', p: 90 }, 1)).toBe(9.5);
    expect(aggregateSink(sink, { kind: 'p', p: 0 }, 1)).toBe(5);
    expect(aggregateSink(sink, { kind: 'p', p: 100 }, 1)).toBe(10);
  });

  it('k6 TrendSink.P on known samples: one sample is itself, none is 0, exact ranks hit a sample', () => {
    expect(interpolatedPercentile([], 0, 95)).toBe(0);
    expect(interpolatedPercentile([42], 1, 95)).toBe(42);
    // n = 5: p(25) has rank 1 exactly; p(95) has rank 3.8 -> 4 + 0.8 * (5 - 4)
    expect(interpolatedPercentile([1, 2, 3, 4, 5], 5, 25)).toBe(2);
    expect(interpolatedPercentile([1, 2, 3, 4, 5], 5, 95)).toBeCloseTo(4.8, 12);
  });

  it('exact samples give k6 percentiles in any insertion order; avg/min/max exact (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p) => {
          const sink = new TrendSink();
          for (const v of values) sink.add(v);
          const sorted = [...values].sort((a, b) => a - b);
          // The rule stated independently: rank p/100*(n-1) between its floor and ceiling samples.
          const r = (p / 100) * (sorted.length - 1);
          const lo = sorted[Math.floor(r)] ?? 0;
          const hi = sorted[Math.ceil(r)] ?? 0;
          const want = sorted.length === 1 ? sorted[0] : lo + (hi - lo) * (r - Math.floor(r));
          expect(sink.exact).toBe(true);
          expect(sink.percentile(p)).toBeCloseTo(want ?? 0, 9);
          expect(sink.min).toBe(Math.min(...values));
          expect(sink.max).toBe(Math.max(...values));
          expect(sink.avg()).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('past its exact-sample limit a trend moves to the HDR histogram: within 0.1 % of exact (property)', () => {
    expect(EXACT_SAMPLE_LIMIT).toBeGreaterThanOrEqual(100_000);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), { minLength: 51, maxLength: 400 }),
        fc.constantFrom(50, 90, 95, 99, 99.9),
        (values, p) => {
          const sink = new TrendSink(50);
          for (const v of values) sink.add(v);
          expect(sink.exact).toBe(false);
          const exact = nearestRank(values, p);
          expect(Math.abs(sink.percentile(p) - exact)).toBeLessThanOrEqual(exact * 0.001 + 0.001);
          expect(sink.count).toBe(values.length);
          expect(sink.max).toBe(Math.max(...values));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays exact up to the limit, growing its storage', () => {
    const sink = new TrendSink(1000);
    for (let i = 1000; i >= 1; i--) sink.add(i);
    expect(sink.exact).toBe(true);
    expect(sink.percentile(50)).toBe(500.5);
    sink.add(1001);
    expect(sink.exact).toBe(false);
  });
});

describe('thresholds over a registry', () => {
  it('compare applies each operator', () => {
    expect([
      compare(1, '<', 2),
      compare(2, '<', 2),
      compare(2, '<=', 2),
      compare(3, '>', 2),
      compare(2, '>=', 2),
    ]).toEqual([true, false, true, true, true]);
    expect([compare(2, '==', 2), compare(2, '===', 2), compare(2, '!=', 2), compare(1, '!=', 2)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });

  it('submetrics see only matching samples; empty ones aggregate to 0 as in k6', () => {
    const specs = parseThresholds(
      {
        'http_req_duration{name:home}': ['avg==10', 'max<11'],
        'http_req_duration{name:none}': ['p(95)<1', 'avg==0'],
        'http_req_failed{status:500}': ['rate==1'],
        'http_reqs{method:GET,status:200}': ['count==2'],
        http_req_failed: ['rate==0.25'],
      },
      'smoke',
    );
    const reg = new MetricRegistry(specs.map((s) => s.selector));
    const sample = (name: string, status: number, ms: number): void => {
      const tags = { name, method: 'GET', status: String(status) };
      reg.add('http_reqs', 1, tags);
      reg.add('http_req_duration', ms, tags);
      reg.add('http_req_failed', status >= 400, tags);
    };
    sample('home', 200, 10);
    sample('home', 200, 10);
    sample('api', 500, 300);
    sample('api', 302, 5);
    expect(evaluateThresholds(specs, reg).map((t) => [t.metric, t.expression, t.actual, t.ok])).toEqual([
      ['http_req_duration{name:home}', 'avg==10', 10, true],
      ['http_req_duration{name:home}', 'max<11', 10, true],
      ['http_req_duration{name:none}', 'p(95)<1', 0, true],
      ['http_req_duration{name:none}', 'avg==0', 0, true],
      ['http_req_failed{status:500}', 'rate==1', 1, true],
      ['http_reqs{method:GET,status:200}', 'count==2', 2, true],
      ['http_req_failed', 'rate==0.25', 0.25, true],
    ]);
  });

  // k6 metrics/thresholds.go (Thresholds.Run): a Rate sink without samples yields no "rate", and a threshold
  // whose value is missing passes ("no samples are available yet ... safe to ignore"). Trend, counter and gauge
  // sinks always yield their values, which are 0 when empty. grafana/k6#4283 shows the user-visible effect:
  // `checks: rate>=0.9` with no check ever run reports ok.
  it('a rate with no samples is left out of the verdict; an empty trend, counter or gauge counts as 0', () => {
    const specs = parseThresholds(
      {
        checks: ['rate>=0.9'],
        'http_req_failed{name:never}': ['rate<0.01', 'rate>0.5'],
        'http_req_duration{name:never}': ['p(95)<500', 'min>10'],
        'http_reqs{name:never}': ['count>0', 'count==0'],
        vus: ['value==0'],
      },
      'smoke',
    );
    const reg = new MetricRegistry(specs.map((s) => s.selector));
    reg.add('http_req_duration', 12, { name: 'home' });
    reg.add('http_req_failed', true, { name: 'home' });
    expect(evaluateThresholds(specs, reg).map((t) => [t.metric, t.expression, t.actual, t.ok])).toEqual([
      ['checks', 'rate>=0.9', null, true],
      ['http_req_failed{name:never}', 'rate<0.01', null, true],
      ['http_req_failed{name:never}', 'rate>0.5', null, true],
      ['http_req_duration{name:never}', 'p(95)<500', 0, true],
      ['http_req_duration{name:never}', 'min>10', 0, false],
      ['http_reqs{name:never}', 'count>0', 0, false],
      ['http_reqs{name:never}', 'count==0', 0, true],
      ['vus', 'value==0', 0, true],
    ]);
  });

  // k6 metrics/engine (evaluateThresholds(ignoreEmptySinks=true) on each 2 s tick): while the test runs, metrics
  // whose sink is empty are skipped, so an abortOnFail threshold can only abort once its metric has samples.
  it('abortOnFail never fires on a (sub)metric that has no samples yet, of any type', () => {
    const specs = parseThresholds(
      {
        'http_req_failed{name:later}': [{ threshold: 'rate<0.01', abortOnFail: true }],
        'http_reqs{name:later}': [{ threshold: 'count>5', abortOnFail: true }],
        'http_req_duration{name:later}': [{ threshold: 'min>10', abortOnFail: true }],
      },
      'smoke',
    );
    const reg = new MetricRegistry(specs.map((s) => s.selector));
    expect(failingAbortThresholds(specs, reg, 60_000)).toEqual([]);
    reg.add('http_req_failed', true, { name: 'later' });
    reg.add('http_reqs', 1, { name: 'later' });
    reg.add('http_req_duration', 1, { name: 'later' });
    expect(failingAbortThresholds(specs, reg, 60_000).map((s) => s.selector.key)).toEqual([
      'http_req_failed{name:later}',
      'http_reqs{name:later}',
      'http_req_duration{name:later}',
    ]);
  });

  it('abortOnFail waits for delayAbortEval', () => {
    const specs = parseThresholds(
      { http_req_failed: [{ threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '10s' }] },
      'smoke',
    );
    const reg = new MetricRegistry(specs.map((s) => s.selector));
    reg.add('http_req_failed', true, {});
    expect(failingAbortThresholds(specs, reg, 9_999)).toEqual([]);
    expect(failingAbortThresholds(specs, reg, 10_001)).toHaveLength(1);
  });

  // k6 metrics/thresholds.go (Thresholds.Run): a counter's "rate" is set only when the test time is above
  // zero ("Guard against a zero duration ... so the rate does not become +Inf"); a threshold on a missing
  // value passes. The summary's rate is then 0 (CounterSink.Rate).
  it("a counter's rate threshold at zero elapsed time is skipped, as k6 skips it", () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const reg = new MetricRegistry();
      for (let i = 0; i < 3; i++) reg.add('http_reqs', 1, {});
      reg.stop(); // no test time has passed
      const specs = parseThresholds({ http_reqs: ['rate<1', 'rate>100', 'count==3', 'count>3'] }, 'smoke');
      expect(reg.elapsedSeconds()).toBe(0);
      expect(evaluateThresholds(specs, reg).map((t) => [t.expression, t.actual, t.ok])).toEqual([
        ['rate<1', null, true],
        ['rate>100', null, true],
        ['count==3', 3, true],
        ['count>3', 3, false],
      ]);
      expect(metricsToJson(reg).http_reqs).toEqual({ count: 3, rate: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("a counter's rate is per second of test time", () => {
    // Test time is performance.now(): a fake clock makes it exactly 0.5 s without waiting for it.
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const reg = new MetricRegistry();
      for (let i = 0; i < 10; i++) reg.add('http_reqs', 1, {});
      vi.advanceTimersByTime(500);
      reg.stop();
      vi.advanceTimersByTime(500); // time after stop() is not test time
      const sink = reg.sink({ name: 'http_reqs', key: 'http_reqs', tags: {} });
      if (sink === undefined) throw new Error('no sink');
      expect(reg.elapsedSeconds()).toBe(0.5);
      expect(aggregateSink(sink, { kind: 'rate' }, reg.elapsedSeconds())).toBe(20);
      expect(metricsToJson(reg).http_reqs?.count).toBe(10);
    } finally {
      vi.useRealTimers();
    }
  });
});
