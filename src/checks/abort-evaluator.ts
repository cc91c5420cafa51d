/** abortOnFail: every 2 s (k6's period), thresholds past their delayAbortEval are checked; a failure stops the run. */
import type { MetricRegistry } from './metrics.js';
import { evaluableDuringRun, evaluateThreshold } from './threshold-eval.js';
import type { ThresholdSpec } from './threshold-parser.js';

/** k6 evaluates thresholds for abortOnFail every 2 seconds. */
export const ABORT_EVAL_PERIOD_MS = 2000;

/**
 * The abortOnFail thresholds that fail now, among those whose delay has passed after `elapsedMs` and whose
 * (sub)metric has samples (k6 ignores empty sinks while the test runs).
 */
export function failingAbortThresholds(
  specs: readonly ThresholdSpec[],
  registry: MetricRegistry,
  elapsedMs: number,
): ThresholdSpec[] {
  return specs.filter(
    (s) =>
      s.abortOnFail &&
      elapsedMs >= s.delayAbortEvalMs &&
      evaluableDuringRun(s, registry) &&
      !evaluateThreshold(s, registry).ok,
  );
}

/** Starts the periodic check; calls onFail once with the failing thresholds. Returns a stop function. */
export function startAbortEvaluator(
  specs: readonly ThresholdSpec[],
  registry: MetricRegistry,
  onFail: (failed: ThresholdSpec[]) => void,
  periodMs = ABORT_EVAL_PERIOD_MS,
): () => void {
  if (!specs.some((s) => s.abortOnFail)) return () => undefined;
  const started = performance.now();
  const timer = setInterval(() => {
    const failed = failingAbortThresholds(specs, registry, performance.now() - started);
    if (failed.length > 0) {
      clearInterval(timer);
      onFail(failed);
    }
  }, periodMs);
  timer.unref();
  return () => clearInterval(timer);
}
