import { describe, expect, it } from 'vitest';
import type { Comparison, MetricComparison } from '../../../src/checks/compare.js';
import {
  evaluateRegressionThresholds,
  parseExpression,
  parseRegressionThresholds,
} from '../../../src/checks/regression-thresholds.js';
import { parseConfig } from '../../../src/config/config.js';
import { withCommand } from '../../../src/config/inputs.js';

describe('parseRegressionThresholds', () => {
  it('reads the issue example', () => {
    const t = parseRegressionThresholds(
      "http_req_duration: ['p(95) +20%', 'p(99) +50%']\nhttp_req_failed: ['rate +0.01']",
    );
    expect(t.map((x) => [x.metric, x.kind, x.limit])).toEqual([
      ['p95', 'rel', 0.2],
      ['p99', 'rel', 0.5],
      ['errorRate', 'abs', 0.01],
    ]);
  });

  it.each([
    ['http_req_duration', 'p(50) +5ms', { metric: 'p50', kind: 'abs', limit: 5 }],
    ['http_req_duration', 'med +5', { metric: 'p50', kind: 'abs', limit: 5 }],
    ['http_req_duration', 'p(99) +1.5s', { metric: 'p99', kind: 'abs', limit: 1500 }],
    ['http_req_duration', ' p(95)  + 20 % ', { metric: 'p95', kind: 'rel', limit: 0.2 }],
    ['http_req_failed', 'rate +10%', { metric: 'errorRate', kind: 'rel', limit: 0.1 }],
    ['http_reqs', 'rate -10%', { metric: 'throughput', kind: 'rel', limit: 0.1 }],
    ['http_reqs', 'rate -5', { metric: 'throughput', kind: 'abs', limit: 5 }],
  ])('%s %s', (metric, expr, want) => {
    expect(parseExpression(metric, expr)).toMatchObject(want);
  });

  it.each([
    ["http_req_duration: ['p95 +20%']", /'regression'.*http_req_duration: p95 \+20%.*p\(95\) \+20%/],
    ["http_req_duration: ['p(90) +20%']", /http_req_duration: p\(90\).*p\(50\)\|med\|p\(95\)\|p\(99\)/],
    ["http_req_duration: ['p(95) -20%']", /allowed for http_req_duration/],
    ["http_req_failed: ['rate +2']", /allowed for http_req_failed: 'rate \+<number>'/],
    ["http_req_failed: ['rate +1ms']", /allowed for http_req_failed/],
    ["http_reqs: ['rate +10%']", /allowed for http_reqs: 'rate -<number>%'/],
    ["iterations: ['rate +1']", /allowed metrics: http_req_duration, http_req_failed, http_reqs/],
    ['http_req_duration: 5', /a list of expressions/],
    ['http_req_duration: []', /a list of expressions/],
    ['[1, 2]', /a mapping of metric to expressions/],
    ['http_req_duration: [', /a YAML mapping/],
  ])('refuses %s naming the metric and the grammar', (text, message) => {
    expect(() => parseRegressionThresholds(text)).toThrow(message);
  });
});

describe('the comparison inputs, as parseConfig reads them', () => {
  const compare = (inputs: Record<string, string>) =>
    parseConfig(
      (name) => ({ project_id: 'my-project', service: 'web', command: 'preview', ...inputs })[name] ?? '',
    ).checks.compare;
  it('defaults to off, fail, no thresholds', () => {
    expect(compare({})).toEqual({ against: 'off', regression: [], mode: 'fail' });
  });
  it('keeps the thresholds when a baseline is set', () => {
    const c = compare({
      compare: 'production',
      regression: "http_req_duration: ['p(95) +20%']",
      regression_mode: 'report',
    });
    expect(c.against).toBe('production');
    expect(c.mode).toBe('report');
    expect(c.regression).toHaveLength(1);
  });
  it.each([
    [{ compare: 'main' }, /Input 'compare': got "main"; allowed: off \| production \| candidate\./],
    [
      { compare: 'production', regression_mode: 'warn' },
      /Input 'regression_mode': got "warn"; allowed: fail \| report\./,
    ],
    [
      { regression: "http_req_duration: ['p(95) +20%']" },
      /Input 'regression'.*set compare to production or candidate/,
    ],
  ])('refuses %j', (inputs, message) => {
    expect(() => compare(inputs)).toThrow(message);
  });
});

describe('evaluateRegressionThresholds', () => {
  const metric = (m: Partial<MetricComparison> & Pick<MetricComparison, 'metric'>): MetricComparison => ({
    preview: 0,
    baseline: 0,
    diff: 0,
    ci: [0, 0],
    verdict: 'within noise',
    ...m,
  });
  const comparison = (metrics: MetricComparison[]): Comparison => ({ pairs: 6, confidence: 0.99, metrics });
  const p95 = (preview: number, baseline: number, verdict: MetricComparison['verdict']) =>
    metric({ metric: 'p95', preview, baseline, diff: preview - baseline, verdict });

  it.each([
    {
      name: '+30 % regression over +20 %',
      m: p95(130, 100, 'regression'),
      expr: 'p(95) +20%',
      ok: false,
      measured: 0.3,
    },
    {
      name: '+10 % regression within +20 %',
      m: p95(110, 100, 'regression'),
      expr: 'p(95) +20%',
      ok: true,
      measured: 0.1,
    },
    {
      name: '+30 % within noise never fails',
      m: p95(130, 100, 'within noise'),
      expr: 'p(95) +20%',
      ok: true,
      measured: 0.3,
    },
    {
      name: '+30 ms over +20ms',
      m: p95(130, 100, 'regression'),
      expr: 'p(95) +20ms',
      ok: false,
      measured: 30,
    },
    {
      name: 'an improvement passes',
      m: p95(70, 100, 'improvement'),
      expr: 'p(95) +0%',
      ok: true,
      measured: -0.3,
    },
  ])('$name', ({ m, expr, ok, measured }) => {
    const [r] = evaluateRegressionThresholds([parseExpression('http_req_duration', expr)], comparison([m]));
    expect(r?.ok).toBe(ok);
    expect(r?.measured).toBeCloseTo(measured, 10);
  });

  it('throughput: a drop beyond the allowance fails; errors from 0 fail on a relative limit', () => {
    const c = comparison([
      metric({ metric: 'throughput', preview: 80, baseline: 100, diff: -20, verdict: 'regression' }),
      metric({ metric: 'errorRate', preview: 0.02, baseline: 0, diff: 0.02, verdict: 'regression' }),
    ]);
    const out = evaluateRegressionThresholds(
      [
        parseExpression('http_reqs', 'rate -10%'),
        parseExpression('http_req_failed', 'rate +50%'),
        parseExpression('http_req_failed', 'rate +0.05'),
      ],
      c,
    );
    expect(out.map((o) => o.ok)).toEqual([false, false, true]);
    expect(out[0]?.measured).toBeCloseTo(0.2, 10);
  });
});

describe('the comparison inputs in parseConfig', () => {
  const given: Record<string, string> = {
    project_id: 'my-project',
    service: 'web',
    compare: 'production',
    regression: "http_req_duration: ['p(95) +20%']",
    regression_mode: 'report',
  };
  const read = (over: Record<string, string>) => (name: string) => ({ ...given, ...over })[name] ?? '';

  it("a preview reads them; a bad expression is the config's input error", () => {
    const config = parseConfig(withCommand('preview', read({})));
    expect(config.checks.compare).toMatchObject({ against: 'production', mode: 'report' });
    expect(config.checks.compare.regression).toHaveLength(1);
    expect(() =>
      parseConfig(withCommand('preview', read({ regression: "http_req_duration: ['p95 < 20']" }))),
    ).toThrow(
      /^Input 'regression': got "http_req_duration: p95 < 20"; allowed for http_req_duration: '<p\(50\)\|med\|p\(95\)\|p\(99\)> \+<number>%'/,
    );
  });

  it('candidates and promotions never compare: the inputs are not theirs', () => {
    for (const command of ['candidate', 'promote', 'rollback', 'cleanup'] as const) {
      expect(parseConfig(withCommand(command, read({}))).checks.compare.against).toBe('off');
    }
  });
});
