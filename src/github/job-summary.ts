import * as core from '@actions/core';
import { renderJobSummary, type RenderContext } from '../report/markdown-report.js';
import { redact, redactDeep } from '../report/redaction.js';
import type { RunReport } from '../report/run-report.js';

/** Writes the job summary (the same tables as the PR comment) and one annotation per failed threshold. */
export async function writeJobSummary(report: RunReport, ctx: RenderContext = {}): Promise<void> {
  for (const t of report.smoke?.thresholds ?? []) {
    if (!t.ok) {
      core.error(`${t.metric}: ${t.expression} failed (measured ${t.actual ?? 'n/a'})`, {
        title: 'Threshold failed',
      });
    }
  }
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(redact(renderJobSummary(redactDeep(report), redactDeep(ctx)))).write();
}
