import * as core from '@actions/core';
import { renderEnvironmentSummary } from '../report/environment-markdown.js';
import type { EnvironmentReport } from '../report/environment-report.js';
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

/** The job summary of an environment run (the comment's table and details) and each service's failed thresholds. */
export async function writeEnvironmentJobSummary(
  env: EnvironmentReport,
  ctx: RenderContext = {},
): Promise<void> {
  for (const m of env.members) {
    for (const t of m.report.smoke?.thresholds ?? []) {
      if (!t.ok) {
        core.error(`${m.name}: ${t.metric}: ${t.expression} failed (measured ${t.actual ?? 'n/a'})`, {
          title: 'Threshold failed',
        });
      }
    }
  }
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(redact(renderEnvironmentSummary(redactDeep(env), redactDeep(ctx)))).write();
}
