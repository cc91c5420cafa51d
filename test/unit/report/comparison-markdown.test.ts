import { describe, expect, it } from 'vitest';
import { compareRounds, type ComparisonOutcome, type RoundValues } from '../../../src/checks/compare.js';
import {
  comparisonHeadline,
  formatChange,
  regressionCheckRows,
  renderComparisonSection,
} from '../../../src/report/comparison-markdown.js';
import { renderHeadline, renderReport } from '../../../src/report/markdown-report.js';
import { newReport } from '../../../src/report/phases.js';
import { renderEnvironmentComment } from '../../../src/report/environment-markdown.js';
import { ENV_CTX, environment, member } from '../../fixtures/environment-outcomes.js';

const round = (p: Partial<RoundValues> = {}): RoundValues => ({
  p50: 10,
  p95: 20,
  p99: 30,
  errorRate: 0,
  throughput: 100,
  requests: 200,
  ...p,
});
const swing = [0.4, -0.3, 0.2, -0.5, 0.3, -0.1];
const pairs = (delay: number) =>
  swing.map((s, i) => ({
    preview: round({ p50: 10 + delay + s, p95: 20 + delay - s, p99: 30 + delay + swing[(i + 1) % 6] }),
    baseline: round(),
  }));
const outcome = (delay: number, o: Partial<ComparisonOutcome> = {}): ComparisonOutcome => ({
  against: 'production',
  baselineRevision: 'web-baseline-1a2b3c4d5e',
  productionRevision: 'web-v2',
  baselineCreated: false,
  coldStartMs: { preview: 850, baseline: 1200 },
  comparison: compareRounds(pairs(delay)),
  regression: [],
  mode: 'fail',
  durationMs: 31_000,
  ...o,
});

describe('renderComparisonSection', () => {
  it('within noise: folded, one row per metric, cold starts apart', () => {
    const md = renderComparisonSection(outcome(0));
    expect(md.startsWith('<details><summary>Compared with production: within noise</summary>')).toBe(true);
    expect(md).toContain('| metric | preview | baseline | change |');
    for (const label of ['p50 latency', 'p95 latency', 'p99 latency', 'error rate', 'throughput']) {
      expect(md).toContain(`| ${label} |`);
    }
    expect(md.match(/within noise \(/g)?.length).toBe(5);
    expect(md).not.toMatch(/▲|▼/);
    expect(md).toContain('cold start: preview 850 ms, baseline 1.2 s (not in the rounds)');
    expect(comparisonHeadline(outcome(0))).toBeUndefined();
  });

  it('a regression: open, ▲ with the change and its interval, verdict words', () => {
    const o = outcome(50, {
      regression: [
        {
          threshold: { metricName: 'http_req_duration', expression: 'p(95) +20%' },
          ok: false,
          measured: 2.5,
          kind: 'rel',
        },
      ],
    });
    const md = renderComparisonSection(o);
    expect(
      md.startsWith(
        '<details open><summary>Compared with production: ▲ slower than production, 1 regression threshold failed</summary>',
      ),
    ).toBe(true);
    expect(md).toMatch(
      /\| p95 latency \| 70\.0 ms \| 20\.0 ms \| ▲ \+50\.0 ms \(\+250\.0 %\) worse, 99 % CI \+49\.\d+ ms … \+50\.\d+ ms \|/,
    );
    expect(md).toContain('❌ `http_req_duration p(95) +20%`: measured +250.0 %');
    expect(comparisonHeadline(o)).toBe('slower than production');
  });

  it('an improvement shows ▼ and is not "slower"', () => {
    const o = outcome(-5);
    expect(renderComparisonSection(o)).toContain('▼ −5.00 ms');
    expect(comparisonHeadline(o)).toBeUndefined();
  });

  it('skipped: says why, with no table', () => {
    const md = renderComparisonSection(
      outcome(0, { skipped: 'the service has no production revision yet', comparison: undefined }),
    );
    expect(md).toBe('**Compared with production:** not compared: the service has no production revision yet');
  });

  it('formatChange with too few rounds', () => {
    const c = compareRounds(pairs(0).slice(0, 1));
    expect(formatChange(c.metrics[0], c.confidence)).toContain('too few rounds');
  });
});

describe('the comment', () => {
  it('first line says "slower than production", the table follows the services table', () => {
    const report = newReport({ command: 'preview', service: 'web', project: 'p', region: 'r' });
    report.state = 'ready';
    report.result = 'success';
    report.comparison = outcome(50);
    expect(renderHeadline(report)).toMatch(/^\*\*✅ Preview ready\*\* · \*\*slower than production\*\*/);
    const md = renderReport(report);
    expect(md).toContain(
      '<details open><summary>Compared with production: ▲ slower than production</summary>',
    );
    report.comparison = outcome(0);
    expect(renderHeadline(report)).not.toContain('slower');
    expect(renderReport(report)).toContain(
      '<details><summary>Compared with production: within noise</summary>',
    );
  });
});

describe('regressionCheckRows', () => {
  const threshold = { metricName: 'http_req_duration', expression: 'p(95) +20%' };
  it('a failing threshold is a failed check, unless regression_mode is report', () => {
    const failing = outcome(50, { regression: [{ threshold, ok: false, measured: 2.5, kind: 'rel' }] });
    expect(regressionCheckRows(failing)).toEqual([
      { cells: ['`http_req_duration vs baseline`', '`p(95) +20%`', '+250.0 %'], ok: false },
    ]);
    const reported = regressionCheckRows({ ...failing, mode: 'report' });
    expect(reported[0]?.ok).toBe(true);
    expect(reported[0]?.cells[2]).toBe('+250.0 % (regression_mode: report)');
    expect(regressionCheckRows(undefined)).toEqual([]);
  });
});

describe('an environment compares each service', () => {
  it('one table per compared service; the first line says slower when one of them is', () => {
    const env = environment({
      members: [
        member('api', 'passed', { comparison: outcome(50) }),
        member('web', 'passed', { comparison: outcome(0) }),
        member('worker', 'passed'),
      ],
    });
    const md = renderEnvironmentComment({ env, history: [], ctx: ENV_CTX });
    const lead = md.split('\n').find((l) => l.startsWith('**')) ?? '';
    expect(lead).toContain('**slower than production**');
    expect(md).toContain(
      '<details open><summary>Compared with production `api`: ▲ slower than production</summary>',
    );
    expect(md).toContain('<details><summary>Compared with production `web`: within noise</summary>');
    expect(md).not.toContain('Compared with production `worker`');
    const calm = renderEnvironmentComment({
      env: environment({ members: [member('web', 'passed', { comparison: outcome(0) })] }),
      history: [],
      ctx: ENV_CTX,
    });
    expect(calm).not.toContain('slower than production');
  });

  it("a failing service's table is shown once, inside its own details", () => {
    const failed = outcome(50, {
      regression: [
        {
          threshold: { metricName: 'http_req_duration', expression: 'p(95) +20%' },
          ok: false,
          measured: 2.5,
          kind: 'rel',
        },
      ],
    });
    const env = environment({
      state: 'failed',
      result: 'failure',
      members: [
        member('api', 'rolled-back', { state: 'rolled-back', result: 'rolled-back', comparison: failed }),
        member('web', 'passed', { comparison: outcome(0) }),
      ],
    });
    const md = renderEnvironmentComment({ env, history: [], ctx: ENV_CTX });
    expect(md.split('| metric | preview | baseline | change |')).toHaveLength(3);
    expect(md.split('Compared with production: ▲ slower than production')).toHaveLength(2);
    expect(md).toContain('`http_req_duration vs baseline`');
  });
});
