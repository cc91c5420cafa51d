/**
 * Regression thresholds: how much worse than the baseline a preview may be, beside k6's absolute thresholds.
 *
 *   regression:
 *     http_req_duration: ['p(95) +20%', 'p(99) +50ms']
 *     http_req_failed: ['rate +0.01']
 *     http_reqs: ['rate -10%']
 *
 * Parsing and evaluation are pure; a bad expression is an input error naming the metric and the grammar.
 */
import { parse as parseYaml } from 'yaml';
import { UserError } from '../config/user-error.js';
import type { CompareMetric, Comparison } from './compare.js';

export interface RegressionThreshold {
  /** The metric as the user wrote it (http_req_duration, http_req_failed, http_reqs). */
  metricName: string;
  /** The expression as written, for messages. */
  expression: string;
  metric: CompareMetric;
  /** The allowed change, in the metric's own unit ('abs') or relative to the baseline ('rel', 0.2 = 20 %). */
  kind: 'abs' | 'rel';
  limit: number;
}

export interface RegressionOutcome {
  threshold: RegressionThreshold;
  ok: boolean;
  /** The measured change in the threshold's terms (ms, rate, /s, or a fraction for relative ones). */
  measured: number | undefined;
}

const GRAMMAR: Record<
  string,
  { aggregations: Record<string, CompareMetric>; sign: '+' | '-'; text: string }
> = {
  http_req_duration: {
    aggregations: { 'p(50)': 'p50', med: 'p50', 'p(95)': 'p95', 'p(99)': 'p99' },
    sign: '+',
    text: "'<p(50)|med|p(95)|p(99)> +<number>%' or '... +<number>ms' (or s), e.g. 'p(95) +20%'",
  },
  http_req_failed: {
    aggregations: { rate: 'errorRate' },
    sign: '+',
    text: "'rate +<number>' (an absolute rate, 0 to 1) or 'rate +<number>%', e.g. 'rate +0.01'",
  },
  http_reqs: {
    aggregations: { rate: 'throughput' },
    sign: '-',
    text: "'rate -<number>%' or 'rate -<number>' (requests per second), e.g. 'rate -10%'",
  },
};

const INPUT = 'regression';

function grammarLine(): string {
  return Object.entries(GRAMMAR)
    .map(([m, g]) => `${m}: ${g.text}`)
    .join('; ');
}

/** Parses the `regression` input (YAML or JSON mapping of metric to expressions). */
export function parseRegressionThresholds(text: string): RegressionThreshold[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw UserError.forInput(
      INPUT,
      text,
      `allowed: a YAML mapping of metric to expressions (${(err as Error).message.split('\n')[0]})`,
    );
  }
  if (doc === null || doc === undefined) return [];
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw UserError.forInput(INPUT, text, `allowed: a mapping of metric to expressions; ${grammarLine()}`);
  }
  const out: RegressionThreshold[] = [];
  for (const [metricName, value] of Object.entries(doc as Record<string, unknown>)) {
    const grammar = GRAMMAR[metricName];
    if (grammar === undefined) {
      throw UserError.forInput(
        INPUT,
        metricName,
        `allowed metrics: ${Object.keys(GRAMMAR).join(', ')} (each with ${grammarLine()})`,
      );
    }
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0 || list.some((e) => typeof e !== 'string')) {
      throw UserError.forInput(
        INPUT,
        `${metricName}: ${JSON.stringify(value)}`,
        `allowed for ${metricName}: a list of expressions ${grammar.text}`,
      );
    }
    for (const expression of list as string[]) out.push(parseExpression(metricName, expression));
  }
  return out;
}

/** One expression of one metric, e.g. `p(95) +20%`. */
export function parseExpression(metricName: string, expression: string): RegressionThreshold {
  const grammar = GRAMMAR[metricName];
  const bad = (): UserError =>
    UserError.forInput(
      INPUT,
      `${metricName}: ${expression}`,
      `allowed for ${metricName}: ${grammar?.text ?? 'none'}`,
    );
  if (grammar === undefined) throw bad();
  const m = /^\s*(p\(\d+\)|med|rate)\s+([+-])\s*(\d+(?:\.\d+)?)\s*(%|ms|s)?\s*$/.exec(expression);
  if (m === null) throw bad();
  const [, agg = '', sign, num = '', unit] = m;
  const metric = grammar.aggregations[agg];
  if (metric === undefined || sign !== grammar.sign) throw bad();
  const n = Number(num);
  const isLatency = metricName === 'http_req_duration';
  if (unit === '%') return { metricName, expression, metric, kind: 'rel', limit: n / 100 };
  if (isLatency) {
    // A bare number is milliseconds, as in k6's duration thresholds.
    return { metricName, expression, metric, kind: 'abs', limit: unit === 's' ? n * 1000 : n };
  }
  if (unit !== undefined) throw bad();
  if (metricName === 'http_req_failed' && n > 1) throw bad();
  return { metricName, expression, metric, kind: 'abs', limit: n };
}

/**
 * A threshold fails when the metric got worse by more than its allowance AND the change lies outside the
 * noise (the comparison called it a regression): a difference the rounds cannot tell from zero never fails
 * a preview, however large its point estimate.
 */
export function evaluateRegressionThresholds(
  thresholds: readonly RegressionThreshold[],
  comparison: Comparison,
): RegressionOutcome[] {
  return thresholds.map((threshold) => {
    const m = comparison.metrics.find((x) => x.metric === threshold.metric);
    if (m === undefined || Number.isNaN(m.diff)) return { threshold, ok: true, measured: undefined };
    // Worse is up for latency and errors, down for throughput: `worsening` is positive when worse.
    const worsening = threshold.metric === 'throughput' ? -m.diff : m.diff;
    const measured =
      threshold.kind === 'abs' ? worsening : m.baseline === 0 ? undefined : worsening / Math.abs(m.baseline);
    // Relative to a baseline of 0 (no errors at all): any worsening outside the noise exceeds it.
    const over = measured === undefined ? worsening > 0 : measured > threshold.limit;
    return { threshold, ok: !(over && m.verdict === 'regression'), measured };
  });
}
