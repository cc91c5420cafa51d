import * as core from '@actions/core';
import type { EnvironmentReport } from '../report/environment-report.js';
import type { RenderContext } from '../report/markdown-report.js';
import { redact, redactDeep } from '../report/redaction.js';
import { failedThresholds, renderRunSummary } from '../report/run-comment.js';

/**
 * Writes the run's job summary (the same tables as its PR comment) and one annotation per failed threshold,
 * for one service or an environment alike.
 */
export async function writeJobSummary(run: EnvironmentReport, ctx: RenderContext = {}): Promise<void> {
  for (const line of failedThresholds(run)) core.error(line, { title: 'Threshold failed' });
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(redact(renderRunSummary(redactDeep(run), redactDeep(ctx)))).write();
}
