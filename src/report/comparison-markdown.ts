/**
 * The preview against its baseline, in the comment: one compact table (metric | preview | baseline | change),
 * ▲/▼ for a change outside the noise and "within noise" otherwise, folded unless something regressed. Pure.
 */
import {
  METRIC_INFO,
  comparisonRegressed,
  type ComparisonOutcome,
  type MetricComparison,
} from '../checks/compare.js';
// Every cell is made here from numbers and fixed words; only revision names (inline code) come from outside.
import { escapeText, inlineCode } from './markdown.js';
import { folded, formatDuration, table } from './markdown-parts.js';

/** `12.3 ms`, `0.50 %`, `41.2/s`. */
export function formatMetricValue(metric: MetricComparison['metric'], value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (METRIC_INFO[metric].unit) {
    case 'ms':
      return `${value.toFixed(Math.abs(value) < 10 ? 2 : 1)} ms`;
    case 'rate':
      return `${(value * 100).toFixed(2)} %`;
    default:
      return `${value.toFixed(1)}/s`;
  }
}

function signed(metric: MetricComparison['metric'], value: number): string {
  const text = formatMetricValue(metric, Math.abs(value));
  return `${value < 0 ? '−' : '+'}${text}`;
}

/** The change cell: arrow, difference, relative change and the confidence interval. */
export function formatChange(m: MetricComparison, confidence: number): string {
  const ci = `${Math.round(confidence * 100)} % CI ${signed(m.metric, m.ci[0])} … ${signed(m.metric, m.ci[1])}`;
  const rel =
    m.relative === undefined || !Number.isFinite(m.relative)
      ? ''
      : ` (${m.relative >= 0 ? '+' : '−'}${Math.abs(m.relative * 100).toFixed(1)} %)`;
  const diff = `${signed(m.metric, m.diff)}${rel}`;
  if (!Number.isFinite(m.diff)) return 'n/a';
  if (m.diff === 0 && m.ci[0] === 0 && m.ci[1] === 0) return 'within noise (no change)';
  if (m.verdict === 'within noise')
    return `within noise (${diff}, ${Number.isFinite(m.ci[0]) ? ci : 'too few rounds'})`;
  const arrow = m.diff > 0 ? '▲' : '▼';
  const word = m.verdict === 'regression' ? 'worse' : 'better';
  return `${arrow} ${diff} ${word}, ${ci}`;
}

/** The first line's words, when the comparison found something worse: "slower than production". */
export function comparisonHeadline(o: ComparisonOutcome | undefined): string | undefined {
  if (o === undefined || !comparisonRegressed(o)) return undefined;
  return o.against === 'production' ? 'slower than production' : 'slower than the base commit';
}

/** The table, folded unless something regressed; empty when there is nothing to show. */
export function renderComparisonSection(o: ComparisonOutcome | undefined, service?: string): string {
  if (o === undefined) return '';
  const whom = o.against === 'production' ? 'production' : 'the base commit';
  const of = service === undefined ? '' : ` ${inlineCode(service)}`;
  if (o.skipped !== undefined)
    return `**Compared with ${whom}${of}:** not compared: ${escapeText(o.skipped)}`;
  const regressed = comparisonRegressed(o);
  const c = o.comparison;
  const metrics =
    c === undefined
      ? ''
      : table(
          ['metric', 'preview', 'baseline', 'change'],
          c.metrics.map((m) => [
            METRIC_INFO[m.metric].label,
            formatMetricValue(m.metric, m.preview),
            formatMetricValue(m.metric, m.baseline),
            formatChange(m, c.confidence),
          ]),
          ['---', '--:', '--:', '---'],
        );
  const cold = o.coldStartMs;
  const facts = [
    `Baseline ${inlineCode(o.baselineRevision)}${o.productionRevision !== undefined ? ` (production's ${inlineCode(o.productionRevision)} with the preview profile${o.baselineCreated === true ? ', created by this run' : ''})` : ''}`,
    c === undefined ? '' : `${c.pairs} interleaved pairs of rounds after a warm-up`,
    cold.preview !== undefined || cold.baseline !== undefined
      ? `cold start: preview ${formatMs(cold.preview)}, baseline ${formatMs(cold.baseline)} (not in the rounds)`
      : '',
    `the comparison took ${formatMs(o.durationMs)}`,
  ].filter((s) => s !== '');
  const failed = o.regression.filter((r) => !r.ok);
  const thresholdLines = o.regression.map(
    (r) =>
      `${r.ok ? '✅' : '❌'} ${inlineCode(`${r.threshold.metricName} ${r.threshold.expression}`)}: measured ${formatRegressionMeasured(r)}`,
  );
  const summary =
    `Compared with ${whom}${of}: ` +
    (regressed
      ? `▲ slower than ${whom}${failed.length > 0 ? `, ${failed.length} regression threshold${failed.length === 1 ? '' : 's'} failed${o.mode === 'report' ? ' (regression_mode: report)' : ''}` : ''}`
      : 'within noise');
  const body = [...facts, ...thresholdLines].join('\\\n');
  return folded(summary, metrics === '' ? body : `${metrics}\n\n${body}`, regressed);
}

/** Durations read as everywhere else in the comment (markdown-parts.ts). */
function formatMs(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : formatDuration(ms);
}

function formatRegressionMeasured(r: ComparisonOutcome['regression'][number]): string {
  if (r.measured === undefined) return 'n/a';
  if (r.kind === 'rel') return `${r.measured >= 0 ? '+' : '−'}${Math.abs(r.measured * 100).toFixed(1)} %`;
  if (r.threshold.metricName === 'http_req_duration')
    return `${r.measured >= 0 ? '+' : '−'}${Math.abs(r.measured).toFixed(1)} ms`;
  return `${r.measured >= 0 ? '+' : '−'}${Math.abs(r.measured).toFixed(r.threshold.metricName === 'http_req_failed' ? 4 : 1)}`;
}

/**
 * The regression thresholds as rows of the checks table (check, expected, measured) and whether each passed;
 * with regression_mode: report a failing one is shown but does not count as a failed check.
 */
export function regressionCheckRows(
  o: ComparisonOutcome | undefined,
): { cells: [string, string, string]; ok: boolean }[] {
  if (o === undefined) return [];
  return o.regression.map((r) => ({
    cells: [
      inlineCode(`${r.threshold.metricName} vs baseline`, { inTable: true }),
      inlineCode(r.threshold.expression, { inTable: true }),
      `${formatRegressionMeasured(r)}${!r.ok && o.mode === 'report' ? ' (regression_mode: report)' : ''}`,
    ],
    ok: r.ok || o.mode === 'report',
  }));
}
