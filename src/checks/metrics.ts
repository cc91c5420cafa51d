/**
 * Metric sinks in k6's four types, with tag-filtered submetrics for thresholds.
 * Trends keep every sample (as k6 does) up to EXACT_SAMPLE_LIMIT, so percentiles are k6's: linear interpolation
 * between the two samples around the rank. Past the limit a trend moves its samples into an HDR histogram
 * (microseconds, 3 significant digits) and its percentiles become the histogram's, within 0.1 % of exact.
 * count, sum, min and max stay exact either way.
 */
import * as hdr from 'hdr-histogram-js';
import { METRIC_TYPES, type MetricType } from './metric-catalog.js';
import type { Aggregation, MetricSelector } from './threshold-parser.js';

export type Tags = Readonly<Record<string, string>>;

/**
 * Samples a trend keeps exactly (8 bytes each: 2 MiB per trend). A smoke check sends hundreds to tens of
 * thousands of requests; a long load test past this many keeps memory flat in a histogram instead.
 */
export const EXACT_SAMPLE_LIMIT = 262_144;

/**
 * k6's percentile of sorted samples (TrendSink.P): rank r = p/100 * (n - 1), linear interpolation between the
 * samples at floor(r) and ceil(r); 0 without samples, the sample itself with one. Pure.
 */
export function interpolatedPercentile(sorted: ArrayLike<number>, n: number, p: number): number {
  if (n === 0) return 0;
  if (n === 1) return sorted[0] ?? 0;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (rank - lo);
}

/** Values of one trend in milliseconds. */
export class TrendSink {
  readonly type = 'trend';
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** The exact samples while there are at most `limit` of them; undefined once in the histogram. */
  private values: Float64Array | undefined;
  private sorted = true;
  private hist: hdr.Histogram | undefined;

  constructor(private readonly limit = EXACT_SAMPLE_LIMIT) {
    this.values = new Float64Array(Math.min(64, limit));
  }

  add(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    const values = this.values;
    if (values === undefined) {
      this.record(ms);
      return;
    }
    if (this.count > values.length) {
      if (this.count > this.limit) {
        this.toHistogram(values, this.count - 1);
        this.record(ms);
        return;
      }
      const grown = new Float64Array(Math.min(this.limit, values.length * 2));
      grown.set(values);
      this.values = grown;
      grown[this.count - 1] = ms;
    } else {
      values[this.count - 1] = ms;
    }
    this.sorted = false;
  }

  /** Whether percentiles are exact (k6's) or the histogram's. */
  get exact(): boolean {
    return this.values !== undefined;
  }

  /** The value at percentile p (0..100) in ms: k6's interpolation while exact, else the histogram's. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const values = this.values;
    if (values !== undefined) {
      const live = values.subarray(0, this.count);
      if (!this.sorted) {
        live.sort();
        this.sorted = true;
      }
      return interpolatedPercentile(live, this.count, p);
    }
    const v = (this.hist?.getValueAtPercentile(p) ?? 0) / 1000;
    return Math.min(this.max, Math.max(this.min, v));
  }

  avg(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  private toHistogram(values: Float64Array, n: number): void {
    this.hist = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: 3,
      autoResize: true,
    });
    for (let i = 0; i < n; i++) this.record(values[i] ?? 0);
    this.values = undefined;
  }

  private record(ms: number): void {
    this.hist?.recordValue(Math.max(1, Math.round(ms * 1000)));
  }
}

/** Share of non-zero values (http_req_failed, checks). */
export class RateSink {
  readonly type = 'rate';
  trues = 0;
  total = 0;
  add(v: boolean): void {
    this.total++;
    if (v) this.trues++;
  }
  rate(): number {
    return this.total === 0 ? 0 : this.trues / this.total;
  }
}

/** A running sum; its rate is per second of test time, as in k6. */
export class CounterSink {
  readonly type = 'counter';
  sum = 0;
  /** Samples added (a counter can receive zeros, so an empty one is not the same as sum 0). */
  samples = 0;
  add(v: number): void {
    this.sum += v;
    this.samples++;
  }
}

/** The last value, with min and max seen. */
export class GaugeSink {
  readonly type = 'gauge';
  value = 0;
  min = Infinity;
  max = -Infinity;
  add(v: number): void {
    this.value = v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
}

export type Sink = TrendSink | RateSink | CounterSink | GaugeSink;

/** Whether a sink has received no sample (k6's Sink.IsEmpty). */
export function isEmptySink(sink: Sink): boolean {
  if (sink instanceof TrendSink) return sink.count === 0;
  if (sink instanceof RateSink) return sink.total === 0;
  if (sink instanceof CounterSink) return sink.samples === 0;
  return sink.max === -Infinity;
}

function newSink(type: MetricType): Sink {
  switch (type) {
    case 'trend':
      return new TrendSink();
    case 'rate':
      return new RateSink();
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
  }
}

interface Submetric {
  key: string;
  tags: [string, string][];
  sink: Sink;
}

interface MetricEntry {
  sink: Sink;
  subs: Submetric[];
}

/** Every metric of one run, with the submetrics the thresholds asked for. */
export class MetricRegistry {
  private readonly metrics = new Map<string, MetricEntry>();
  private readonly started = performance.now();
  private stoppedAt: number | undefined;

  constructor(selectors: readonly MetricSelector[] = []) {
    for (const [name, type] of Object.entries(METRIC_TYPES))
      this.metrics.set(name, { sink: newSink(type), subs: [] });
    for (const s of selectors) this.addSubmetric(s);
  }

  private addSubmetric(selector: MetricSelector): void {
    const entry = this.metrics.get(selector.name);
    const tags = Object.entries(selector.tags);
    if (entry === undefined || tags.length === 0 || entry.subs.some((s) => s.key === selector.key)) return;
    entry.subs.push({ key: selector.key, tags, sink: newSink(selector.type) });
  }

  /** The sinks a sample with these tags feeds: the metric's and every submetric whose tags it matches. */
  private sinksFor(name: string, tags: Tags): Sink[] {
    const entry = this.metrics.get(name);
    if (entry === undefined) throw new Error(`unknown metric ${name}`);
    const sinks = [entry.sink];
    for (const sub of entry.subs) if (sub.tags.every(([k, v]) => tags[k] === v)) sinks.push(sub.sink);
    return sinks;
  }

  /** Adds a sample to a metric and to every submetric whose tags it matches. */
  add(name: string, value: number | boolean, tags: Tags): void {
    for (const sink of this.sinksFor(name, tags)) addTo(sink, value);
  }

  /**
   * An adder for one metric and one fixed set of tags: the sinks it feeds (the metric's and every matching
   * submetric's) are resolved once, so the engine's hot path records a sample without building tags or
   * matching filters per request.
   */
  bind(name: string, tags: Tags): (value: number | boolean) => void {
    const adders = this.sinksFor(name, tags).map(adderFor);
    const [only] = adders;
    if (adders.length === 1 && only !== undefined) return only;
    return (value) => {
      for (const add of adders) add(value);
    };
  }

  /** The sink for a metric, or for its submetric when the selector has tags. */
  sink(selector: Pick<MetricSelector, 'name' | 'key' | 'tags'>): Sink | undefined {
    const entry = this.metrics.get(selector.name);
    if (entry === undefined) return undefined;
    if (Object.keys(selector.tags).length === 0) return entry.sink;
    return entry.subs.find((s) => s.key === selector.key)?.sink;
  }

  /** All metrics and submetrics, name -> sink, in catalog order. */
  entries(): [string, Sink][] {
    const out: [string, Sink][] = [];
    for (const [name, entry] of this.metrics) {
      out.push([name, entry.sink]);
      for (const sub of entry.subs) out.push([sub.key, sub.sink]);
    }
    return out;
  }

  /** Freezes the clock used for per-second rates (the end of the test). */
  stop(): void {
    this.stoppedAt ??= performance.now();
  }

  /** Seconds of test time so far (or until stop()); 0 when no time has passed. */
  elapsedSeconds(): number {
    return Math.max(0, ((this.stoppedAt ?? performance.now()) - this.started) / 1000);
  }

  /** One aggregation of a sink, as a threshold reads it (see aggregateSink for null and undefined). */
  aggregate(sink: Sink, aggregation: Aggregation): number | null | undefined {
    return aggregateSink(sink, aggregation, this.elapsedSeconds());
  }
}

function addTo(sink: Sink, value: number | boolean): void {
  if (sink instanceof RateSink) sink.add(isNonZero(value));
  else sink.add(toNumber(value));
}

/** addTo() for one sink, with its type decided once. */
function adderFor(sink: Sink): (value: number | boolean) => void {
  if (sink instanceof RateSink) return (v) => sink.add(isNonZero(v));
  return (v) => sink.add(toNumber(v));
}

function isNonZero(v: number | boolean): boolean {
  return v === true || (typeof v === 'number' && v !== 0);
}

function toNumber(v: number | boolean): number {
  return typeof v === 'number' ? v : v ? 1 : 0;
}

/**
 * One aggregation of a sink. null where k6 has no value to compare (metrics/thresholds.go leaves the key out,
 * and the threshold passes): a rate with no samples, and a counter's per-second rate when no time has passed.
 * undefined when the sink's type has no such aggregation.
 */
export function aggregateSink(
  sink: Sink,
  agg: Aggregation,
  elapsedSeconds: number,
): number | null | undefined {
  if (sink instanceof TrendSink) {
    switch (agg.kind) {
      case 'avg':
        return sink.avg();
      case 'min':
        return sink.count === 0 ? 0 : sink.min;
      case 'max':
        return sink.count === 0 ? 0 : sink.max;
      case 'med':
        return sink.percentile(50);
      case 'p':
        return sink.percentile(agg.p);
      default:
        return undefined;
    }
  }
  if (sink instanceof RateSink) {
    if (agg.kind !== 'rate') return undefined;
    return sink.total === 0 ? null : sink.rate();
  }
  if (sink instanceof CounterSink) {
    if (agg.kind === 'count') return sink.sum;
    if (agg.kind === 'rate') return elapsedSeconds > 0 ? sink.sum / elapsedSeconds : null;
    return undefined;
  }
  return agg.kind === 'value' ? sink.value : undefined;
}

/** Metrics as plain JSON (the `metrics` output): name -> aggregation -> value. */
export function metricsToJson(
  registry: MetricRegistry,
  extraPercentiles: readonly number[] = [],
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const secs = registry.elapsedSeconds();
  const ps = [...new Set([90, 95, 99, ...extraPercentiles])].sort((a, b) => a - b);
  for (const [name, sink] of registry.entries()) {
    if (sink instanceof TrendSink) {
      if (sink.count === 0) continue;
      const o: Record<string, number> = {
        count: sink.count,
        avg: round(sink.avg()),
        min: round(sink.min),
        med: round(sink.percentile(50)),
        max: round(sink.max),
      };
      for (const p of ps) o[`p(${p})`] = round(sink.percentile(p));
      out[name] = o;
    } else if (sink instanceof RateSink) {
      if (sink.total === 0) continue;
      out[name] = { rate: round(sink.rate(), 6), passes: sink.trues, fails: sink.total - sink.trues };
    } else if (sink instanceof CounterSink) {
      if (sink.sum === 0 && name !== 'http_reqs' && name !== 'iterations') continue;
      // k6's CounterSink.Rate: 0 when no time has passed.
      out[name] = { count: sink.sum, rate: secs > 0 ? round(sink.sum / secs) : 0 };
    } else if (sink.max !== -Infinity) {
      out[name] = { value: sink.value, min: sink.min, max: sink.max };
    }
  }
  return out;
}

function round(n: number, digits = 3): number {
  return Number(n.toFixed(digits));
}
