import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MetricRegistry, TrendSink, aggregateSink, metricsToJson } from '../../../src/checks/metrics.js';
import { compare, evaluateThresholds } from '../../../src/checks/threshold-eval.js';
import { parseThresholds } from '../../../src/checks/threshold-parser.js';

/** The exact nearest-rank percentile of a list. */
function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

describe('TrendSink', () => {
  it('percentiles are exact to 3 significant digits (HDR), avg/min/max exact (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(50, 90, 95, 99, 99.9),
        (values, p) => {
          const sink = new TrendSink();
          for (const v of values) sink.add(v);
          const exact = exactPercentile(values, p);
          // One microsecond of resolution plus 0.1 % relative precision.
          expect(Math.abs(sink.percentile(p) - exact)).toBeLessThanOrEqual(exact * 0.001 + 0.001);
          expect(sink.min).toBe(Math.min(...values));
          expect(sink.max).toBe(Math.max(...values));
          expect(sink.avg()).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
        },
      ),
      { numRuns: 300 },
    );
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
