/**
 * The preview against a baseline, as numbers: the order the rounds run in, each round's values, and the
 * confidence interval of each difference. Pure: the runner (compare-run.ts) measures, this module judges.
 *
 * Method (see src/checks/README.md, "Comparison with a baseline"): rounds run in pairs, preview then
 * baseline (A, B, A, B…), and each pair gives one difference per metric (preview minus baseline). Drift of the machine, network or region moves both halves
 * of a pair alike and cancels out of the difference. The differences of n pairs give a Student t interval for
 * the mean difference; the confidence is Bonferroni-corrected over the metrics compared, so that an unchanged
 * app shows no change on any metric in 95 % of runs (family-wise), not 95 % per metric.
 */

/** The values one round yields for one target. */
export interface RoundValues {
  /** http_req_duration percentiles, ms. */
  p50: number;
  p95: number;
  p99: number;
  /** http_req_failed rate, 0..1. */
  errorRate: number;
  /** http_reqs per second. */
  throughput: number;
  /** Requests in the round (a round without requests gives no latency). */
  requests: number;
}

export type CompareMetric = 'p50' | 'p95' | 'p99' | 'errorRate' | 'throughput';
export const COMPARE_METRICS: readonly CompareMetric[] = ['p50', 'p95', 'p99', 'errorRate', 'throughput'];

/** How each metric reads: its label, its unit and which way is worse. */
export const METRIC_INFO: Record<
  CompareMetric,
  { label: string; unit: 'ms' | 'rate' | '/s'; worse: 1 | -1 }
> = {
  p50: { label: 'p50 latency', unit: 'ms', worse: 1 },
  p95: { label: 'p95 latency', unit: 'ms', worse: 1 },
  p99: { label: 'p99 latency', unit: 'ms', worse: 1 },
  errorRate: { label: 'error rate', unit: 'rate', worse: 1 },
  throughput: { label: 'throughput', unit: '/s', worse: -1 },
};

export type Target = 'preview' | 'baseline';

/** One pair of rounds: which target runs first. */
export interface PlannedPair {
  pair: number;
  order: [Target, Target];
}

/**
 * The interleaving: `pairs` pairs of rounds, preview then baseline, in strict alternation (A, B, A, B…), so
 * that drift over the minutes of the comparison hits both targets alike. Both were warmed up before, so going
 * first or second within a pair favours neither.
 */
export function interleavePlan(pairs: number): PlannedPair[] {
  if (!Number.isInteger(pairs) || pairs < 2)
    throw new Error(`at least 2 pairs of rounds are needed, not ${pairs}`);
  return Array.from({ length: pairs }, (_, i) => ({ pair: i, order: ['preview', 'baseline'] }));
}

export type ChangeVerdict = 'regression' | 'improvement' | 'within noise';

export interface MetricComparison {
  metric: CompareMetric;
  /** Mean of the per-round values. */
  preview: number;
  baseline: number;
  /** Mean of the per-pair differences, preview minus baseline (ms, rate or /s). */
  diff: number;
  /** The confidence interval of `diff`. */
  ci: [number, number];
  /** diff / baseline (undefined when the baseline is 0). */
  relative?: number;
  verdict: ChangeVerdict;
}

export interface Comparison {
  pairs: number;
  /** Confidence of each metric's interval (0.99 for five metrics at a 95 % family-wise level). */
  confidence: number;
  metrics: MetricComparison[];
}

export interface CompareOptions {
  /** Family-wise confidence over all metrics (default 0.95). */
  confidence?: number;
  /**
   * The smallest latency difference ever called a change, ms. Differences below the engine's timer and
   * rounding resolution are noise by construction even when every pair agrees on them.
   */
  minLatencyMs?: number;
}

/** Compares per-pair values: each entry holds one round of each target. */
export function compareRounds(
  pairs: readonly { preview: RoundValues; baseline: RoundValues }[],
  opts: CompareOptions = {},
): Comparison {
  const familyWise = opts.confidence ?? 0.95;
  const minLatency = opts.minLatencyMs ?? 0.5;
  // Latency percentiles of a round without requests are not numbers: such pairs drop out of latency only.
  const confidence = 1 - (1 - familyWise) / COMPARE_METRICS.length;
  const metrics = COMPARE_METRICS.map((metric): MetricComparison => {
    const usable = pairs.filter(
      (p) => METRIC_INFO[metric].unit !== 'ms' || (p.preview.requests > 0 && p.baseline.requests > 0),
    );
    const a = usable.map((p) => p.preview[metric]);
    const b = usable.map((p) => p.baseline[metric]);
    const d = usable.map((p) => p.preview[metric] - p.baseline[metric]);
    const preview = mean(a);
    const baseline = mean(b);
    const diff = mean(d);
    const ci = tInterval(d, confidence);
    const floor = METRIC_INFO[metric].unit === 'ms' ? minLatency : 0;
    const outside = d.length >= 2 && (ci[0] > 0 || ci[1] < 0) && Math.abs(diff) >= floor;
    const worse = Math.sign(diff) === METRIC_INFO[metric].worse;
    return {
      metric,
      preview,
      baseline,
      diff,
      ci,
      ...(baseline !== 0 ? { relative: diff / baseline } : {}),
      verdict: !outside ? 'within noise' : worse ? 'regression' : 'improvement',
    };
  });
  return { pairs: pairs.length, confidence, metrics };
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Sample standard deviation (n - 1). */
export function stdev(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** The two-sided Student t interval for the mean of `xs`; [NaN, NaN] with fewer than two values. */
export function tInterval(xs: readonly number[], confidence: number): [number, number] {
  if (xs.length < 2) return [NaN, NaN];
  const m = mean(xs);
  const half = tQuantile(1 - (1 - confidence) / 2, xs.length - 1) * (stdev(xs) / Math.sqrt(xs.length));
  return [m - half, m + half];
}

/** The p-quantile of Student's t with `df` degrees of freedom (bisection on the CDF). */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new Error(`tQuantile(${p}, ${df}) is undefined`);
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Student's t CDF through the regularized incomplete beta function. */
export function tCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast on this side; the symmetry relation covers the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 3e-16) break;
  }
  return h;
}

function lnGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9): 15 significant digits for z > 0.
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let s = c[0];
  for (let i = 1; i < g + 2; i++) s += c[i] / (x + i);
  const t = x + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/** A round's values from the engine's metrics JSON (runSmoke's `metrics`). */
export function roundValues(metrics: Record<string, Record<string, number>>): RoundValues {
  const d = metrics.http_req_duration;
  const reqs = metrics.http_reqs;
  return {
    p50: d?.med ?? NaN,
    p95: d?.['p(95)'] ?? NaN,
    p99: d?.['p(99)'] ?? NaN,
    errorRate: metrics.http_req_failed?.rate ?? 0,
    throughput: reqs?.rate ?? 0,
    requests: reqs?.count ?? 0,
  };
}

/** True when some metric regressed outside the noise. */
export function anyRegression(c: Comparison): boolean {
  return c.metrics.some((m) => m.verdict === 'regression');
}

/** What the comparison step reports: against what, the cold starts, the table's numbers and the verdicts. */
export interface ComparisonOutcome {
  /** `production`: the baseline revision of production; `candidate`: the base commit's candidate. */
  against: 'production' | 'candidate';
  /** The revision compared with (the baseline revision or the candidate). */
  baselineRevision: string;
  /** The production revision the baseline copies (compare: production). */
  productionRevision?: string;
  /** True when this run created the baseline revision (false: reused). */
  baselineCreated?: boolean;
  /** First-request latency of each target after it scaled to zero, ms (reported apart from the rounds). */
  coldStartMs: { preview?: number; baseline?: number };
  comparison?: Comparison;
  /** Outcomes of the `regression` thresholds. */
  regression: {
    threshold: { metricName: string; expression: string };
    ok: boolean;
    measured: number | undefined;
    kind: 'abs' | 'rel';
  }[];
  /** `fail`: a failing regression threshold fails the checks; `report`: it is only reported. */
  mode: 'fail' | 'report';
  /** Why no comparison could be made (no production yet, no candidate for the base commit…). */
  skipped?: string;
  /** Wall time the comparison added to the preview, ms. */
  durationMs: number;
}

/** True when the comparison fails the checks: a regression threshold failed and the mode is `fail`. */
export function comparisonFails(o: ComparisonOutcome): boolean {
  return o.mode === 'fail' && o.regression.some((r) => !r.ok);
}

/** True when something got worse outside the noise (the verdict then says "slower than production"). */
export function comparisonRegressed(o: ComparisonOutcome): boolean {
  return (o.comparison !== undefined && anyRegression(o.comparison)) || o.regression.some((r) => !r.ok);
}
