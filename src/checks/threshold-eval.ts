/** Evaluates parsed thresholds against a metric registry (pure: no clocks beyond the registry's). */
import type { ThresholdOutcome } from '../report/run-report.js';
import { isEmptySink, type MetricRegistry } from './metrics.js';
import type { Operator, ThresholdSpec } from './threshold-parser.js';

/** Applies a k6 threshold operator (== and === are the same for numbers). */
export function compare(actual: number, operator: Operator, expected: number): boolean {
  switch (operator) {
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '==':
    case '===':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

/**
 * One threshold's outcome at the end of the test, by k6's rules (metrics/thresholds.go, Thresholds.Run):
 * - where k6 has no value to compare, the threshold passes and is left out of the verdict (`actual` is null):
 *   a rate that received no samples, and a counter's `rate` when no time has passed (k6 guards the division);
 * - a trend, counter or gauge without samples aggregates to 0 (avg, min, max, med, p(N), count, rate, value)
 *   and is compared like any other value, so `count>0` fails and `p(95)<500` passes on an empty one.
 * `actual` is also null, with ok false, when the registry has no such (sub)metric (a bug: parsing checks names).
 */
export function evaluateThreshold(spec: ThresholdSpec, registry: MetricRegistry): ThresholdOutcome {
  const sink = registry.sink(spec.selector);
  const base = { metric: spec.selector.key, expression: spec.expression };
  const actual = sink === undefined ? undefined : registry.aggregate(sink, spec.aggregation);
  if (actual === null) return { ...base, actual: null, ok: true };
  if (actual === undefined) return { ...base, actual: null, ok: false };
  return { ...base, actual, ok: compare(actual, spec.operator, spec.value) };
}

/**
 * Whether a threshold takes part in a check made during the run (abortOnFail): k6 skips every metric whose
 * sink is still empty (metrics/engine: evaluateThresholds with ignoreEmptySinks), so a (sub)metric that has
 * received nothing yet can never abort the test.
 */
export function evaluableDuringRun(spec: ThresholdSpec, registry: MetricRegistry): boolean {
  const sink = registry.sink(spec.selector);
  return sink !== undefined && !isEmptySink(sink);
}

/** All thresholds' outcomes, in the order they were written. */
export function evaluateThresholds(
  specs: readonly ThresholdSpec[],
  registry: MetricRegistry,
): ThresholdOutcome[] {
  return specs.map((s) => evaluateThreshold(s, registry));
}
