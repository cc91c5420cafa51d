/**
 * The preview's comparison step (issue 31), called by runPreview once the smoke checks passed: find or make
 * the baseline (compare: production) or the base commit's candidate (compare: candidate), run the interleaved
 * rounds, evaluate the regression thresholds, and put the outcome on the report. Returns the failure reason
 * when a regression threshold fails with regression_mode: fail, else undefined. A baseline that cannot be
 * had is reported, never a failure: the preview's own checks passed.
 */
import { performance } from 'node:perf_hooks';
import type { ComparisonOutcome } from '../checks/compare.js';
import { BASELINE_TAG, type BaselineTarget } from '../cloudrun/baseline.js';
import type { ServiceState } from '../cloudrun/run-port.js';
import { comparisonFails } from '../checks/compare.js';
import { evaluateRegressionThresholds } from '../checks/regression-thresholds.js';
import { errorMessage } from '../config/user-error.js';
import { isCancelled, unlessCancelled } from './cancellation.js';
import type { PreviewPlan } from './preview.js';
import type { ServiceTools } from './service-tools.js';
import type { RunReport } from '../report/run-report.js';

export async function compareWithBaseline(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
  previewUrl: string,
): Promise<string | undefined> {
  const settings = plan.config.checks.compare;
  // Candidates and promotions never compare: only a PR's preview has a production to be slower than.
  if (settings.against === 'off' || plan.prNumber === undefined) return undefined;
  const started = performance.now();
  const base: Omit<ComparisonOutcome, 'durationMs' | 'baselineRevision'> = {
    against: settings.against,
    coldStartMs: {},
    regression: [],
    mode: settings.mode,
  };
  let target: BaselineTarget;
  try {
    target = await unlessCancelled(
      settings.against === 'production'
        ? ports.cloudRun.ensureBaseline(plan.config.preview, ports.cancel)
        : ports.cloudRun.candidateOf(plan.baseSha, plan.config.promote.candidateTag),
      ports.cancel,
    );
  } catch (err) {
    if (isCancelled(err)) throw err;
    target = { skipped: `the baseline could not be prepared: ${errorMessage(err)}` };
  }
  if ('skipped' in target) {
    ports.log.warning(`No comparison with a baseline: ${target.skipped}`);
    report.comparison = {
      ...base,
      baselineRevision: '',
      skipped: target.skipped,
      durationMs: performance.now() - started,
    };
    return undefined;
  }
  ports.log.info(`Comparing ${previewUrl} with ${target.revision} at ${target.url}`);
  const run = await unlessCancelled(ports.checks.compare(previewUrl, target.url, ports.cancel), ports.cancel);
  const regression = evaluateRegressionThresholds(settings.regression, run.comparison).map((r) => ({
    threshold: { metricName: r.threshold.metricName, expression: r.threshold.expression },
    ok: r.ok,
    measured: r.measured,
    kind: r.threshold.kind,
  }));
  const outcome: ComparisonOutcome = {
    ...base,
    baselineRevision: target.revision,
    ...(target.productionRevision !== undefined ? { productionRevision: target.productionRevision } : {}),
    ...(target.created !== undefined ? { baselineCreated: target.created } : {}),
    coldStartMs: {
      ...(run.coldStartMs.preview !== undefined ? { preview: run.coldStartMs.preview } : {}),
      ...(run.coldStartMs.baseline !== undefined ? { baseline: run.coldStartMs.baseline } : {}),
    },
    comparison: run.comparison,
    regression,
    durationMs: performance.now() - started,
  };
  report.comparison = outcome;
  for (const m of run.comparison.metrics) {
    ports.log.info(
      `Comparison ${m.metric}: preview ${m.preview.toFixed(3)}, baseline ${m.baseline.toFixed(3)}, diff ${m.diff.toFixed(3)} [${m.ci[0].toFixed(3)}, ${m.ci[1].toFixed(3)}]: ${m.verdict}`,
    );
  }
  if (!comparisonFails(outcome)) return undefined;
  const failed = regression
    .filter((r) => !r.ok)
    .map((r) => `${r.threshold.metricName} ${r.threshold.expression}`);
  return `Slower than ${settings.against === 'production' ? 'production' : 'the base commit'}: regression thresholds failed: ${failed.join(', ')}`;
}

/**
 * Cleanup's hook: the baseline goes once no open preview is left to compare with it. A service whose traffic
 * carries no `baseline` tag (compare never used) costs no call. Never fails a cleanup.
 */
export async function dropUnusedBaseline(
  service: Pick<ServiceState, 'traffic'>,
  report: RunReport,
  ports: ServiceTools,
): Promise<void> {
  if (!service.traffic.some((t) => t.tag === BASELINE_TAG)) return;
  try {
    const removed = await ports.cloudRun.removeUnusedBaselines();
    if (removed.length > 0)
      report.notes.push(`No open preview is left: removed the baseline ${removed.join(', ')}`);
  } catch (err) {
    ports.log.warning(`Could not remove the unused baseline: ${errorMessage(err)}`);
  }
}
