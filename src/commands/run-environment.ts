import * as core from '@actions/core';
import type { EventContext } from '../github/index.js';
import { renderContextFor } from '../github/index.js';
import type { LoadedEnvironment } from '../environment/load-environment.js';
import type { EnvironmentReport } from '../report/environment-report.js';
import { renderJobSummary } from '../report/markdown-report.js';
import { redact, redactDeep } from '../report/redaction.js';
import type { Command } from '../report/run-report.js';
import { runEnvironmentCommand, type EnvironmentReporterPort } from './environment-run.js';

/** Runs one command over an environment: the reporter, the command, the job summary. */
export async function runEnvironment(
  command: Command,
  env: LoadedEnvironment,
  ctx: EventContext,
  cancel: AbortSignal,
): Promise<EnvironmentReport> {
  const reporter: EnvironmentReporterPort = {
    progress: async () => {},
    finish: async () => {},
    removed: async () => {},
  };
  const report = await runEnvironmentCommand(command, env, ctx, reporter, cancel);
  if (report.result === 'removed') await reporter.removed(report);
  else await reporter.finish(report);
  if (process.env.GITHUB_STEP_SUMMARY) {
    const render = renderContextFor(ctx);
    const body = report.members.map((m) => renderJobSummary(redactDeep(m.report), render)).join('\n\n');
    await core.summary.addRaw(redact(body)).write();
  }
  return report;
}
