/** Evaluates parsed thresholds against a metric registry (pure: no clocks beyond the registry's). */
import type { ThresholdOutcome } from '../report/run-report.js';
import type { MetricRegistry } from './metrics.js';
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
 * One threshold's outcome. As in k6, a metric with no samples aggregates to 0 (so `p(95)<500` passes on
 * an empty submetric); `actual` is null only when the registry has no such (sub)metric at all.
 */
export function evaluateThreshold(spec: ThresholdSpec, registry: MetricRegistry): ThresholdOutcome {
  const sink = registry.sink(spec.selector);
  const actual = sink === undefined ? undefined : registry.aggregate(sink, spec.aggregation);
  if (actual === undefined)
    return { metric: spec.selector.key, expression: spec.expression, actual: null, ok: false };
  return {
    metric: spec.selector.key,
    expression: spec.expression,
    actual,
    ok: compare(actual, spec.operator, spec.value),
  };
}

/** All thresholds' outcomes, in the order they were written. */
export function evaluateThresholds(
  specs: readonly ThresholdSpec[],
  registry: MetricRegistry,
): ThresholdOutcome[] {
  return specs.map((s) => evaluateThreshold(s, registry));
}
