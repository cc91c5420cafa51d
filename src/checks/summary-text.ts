/** The end-of-run text summary in the shape k6 users know: checks, metric lines with dots, thresholds ✓/✗. */
import type { CheckOutcome, ThresholdOutcome } from '../report/run-report.js';
import { formatDuration } from './duration.js';
import {
  CounterSink,
  GaugeSink,
  RateSink,
  TrendSink,
  isEmptySink,
  type MetricRegistry,
  type Sink,
} from './metrics.js';
import type { ThresholdSpec } from './threshold-parser.js';

export interface SummaryInput {
  registry: MetricRegistry;
  thresholds: readonly ThresholdOutcome[];
  specs: readonly ThresholdSpec[];
  checks: readonly CheckOutcome[];
  trendStats: readonly string[];
  /** Show http_req_duration_uncorrected (only meaningful when an arrival-rate executor ran). */
  showUncorrected: boolean;
  aborted: boolean;
}

const BYTES = new Set(['data_received', 'data_sent']);
const NAME_WIDTH = 32;

/** Renders the summary; pure. */
export function renderSummary(input: SummaryInput): string {
  const lines: string[] = [];
  if (input.thresholds.length > 0) {
    lines.push('  █ THRESHOLDS', '');
    const byMetric = new Map<string, ThresholdOutcome[]>();
    for (const t of input.thresholds) byMetric.set(t.metric, [...(byMetric.get(t.metric) ?? []), t]);
    for (const [metric, list] of byMetric) {
      lines.push(`    ${metric}`);
      for (const t of list) {
        const spec = input.specs.find((s) => s.selector.key === metric && s.expression === t.expression);
        const label = t.expression.replace(/\s*(===|==|!=|>=|<=|>|<).*$/, '').replace(/\s+/g, '');
        lines.push(
          `    ${t.ok ? '✓' : '✗'} '${t.expression}' ${label}=${t.actual === null ? 'n/a (no samples)' : formatValue(spec?.selector.name ?? metric, spec?.selector.type, t.actual)}`,
        );
      }
      lines.push('');
    }
  }
  if (input.checks.length > 0) {
    lines.push('  █ CHECKS', '');
    for (const c of input.checks) {
      lines.push(`     ${c.fails === 0 ? '✓' : '✗'} ${c.name}`);
      if (c.fails > 0) {
        const pct = Math.floor((c.passes / (c.passes + c.fails)) * 100);
        lines.push(`      ↳  ${pct}% — ✓ ${c.passes} / ✗ ${c.fails}`);
      }
    }
    lines.push('');
  }
  lines.push('  █ TOTAL RESULTS', '');
  const secs = input.registry.elapsedSeconds();
  for (const [key, sink] of input.registry.entries()) {
    if (key === 'http_req_duration_uncorrected' && !input.showUncorrected) continue;
    if (isEmptySink(sink) && !key.includes('{')) continue;
    const mark = thresholdMark(key, input.thresholds);
    const isSub = key.includes('{');
    const name = isSub ? `  ${key.slice(key.indexOf('{')).replace('{', '{ ').replace('}', ' }')}` : key;
    const base = isSub ? key.slice(0, key.indexOf('{')) : key;
    lines.push(
      `  ${mark} ${(name + '.'.repeat(NAME_WIDTH)).slice(0, Math.max(NAME_WIDTH, name.length + 3))}: ${formatSink(base, sink, secs, input.trendStats)}`,
    );
  }
  lines.push('');
  if (input.aborted) lines.push('  The test was aborted before its end (abortOnFail or a stop signal).', '');
  return lines.join('\n');
}

function thresholdMark(key: string, thresholds: readonly ThresholdOutcome[]): string {
  const own = thresholds.filter((t) => t.metric === key);
  if (own.length === 0) return ' ';
  return own.every((t) => t.ok) ? '✓' : '✗';
}

function formatSink(name: string, sink: Sink, secs: number, stats: readonly string[]): string {
  if (sink instanceof TrendSink) {
    return stats
      .map((s) => {
        const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(s);
        let v: number | undefined;
        if (p !== null) v = sink.percentile(Number(p[1]));
        else if (s === 'avg') v = sink.avg();
        else if (s === 'min') v = sink.count === 0 ? 0 : sink.min;
        else if (s === 'max') v = sink.count === 0 ? 0 : sink.max;
        else if (s === 'med') v = sink.percentile(50);
        else if (s === 'count') return `count=${sink.count}`;
        return v === undefined ? undefined : `${s}=${formatDuration(v)}`;
      })
      .filter((s): s is string => s !== undefined)
      .map((s) => s.padEnd(13))
      .join(' ')
      .trimEnd();
  }
  if (sink instanceof RateSink) {
    return `${(sink.rate() * 100).toFixed(2)}%`.padEnd(8) + ` ${sink.trues} out of ${sink.total}`;
  }
  if (sink instanceof CounterSink) {
    const rate = secs > 0 ? sink.sum / secs : 0; // k6 CounterSink.Rate: 0 before any time has passed
    if (BYTES.has(name)) return `${formatBytes(sink.sum).padEnd(8)} ${formatBytes(rate)}/s`;
    return `${String(sink.sum).padEnd(8)} ${rate.toFixed(6)}/s`;
  }
  const g: GaugeSink = sink;
  return (
    `${String(g.value).padEnd(8)} min=${g.min === Infinity ? 0 : g.min}`.padEnd(20) +
    ` max=${g.max === -Infinity ? 0 : g.max}`
  );
}

/** k6's byte format: SI units (1 kB = 1000 B). */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(v) : Number(v.toFixed(1))} ${units[i]}`;
}

function formatValue(name: string, type: string | undefined, v: number): string {
  if (type === 'trend') return formatDuration(v);
  if (type === 'rate') return `${(v * 100).toFixed(2)}%`;
  if (BYTES.has(name)) return formatBytes(v);
  return Number(v.toFixed(6)).toString();
}
