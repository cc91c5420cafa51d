import * as core from '@actions/core';
import type { EventContext } from '../github/index.js';
import { createEnvironmentReporter, renderContextFor, writeEnvironmentJobSummary } from '../github/index.js';
import type { LoadedEnvironment } from '../environment/load-environment.js';
import { frontMember, type EnvironmentReport } from '../report/environment-report.js';
import { renderEnvironmentComment } from '../report/environment-markdown.js';
import { redact } from '../report/redaction.js';
import type { Command } from '../report/run-report.js';
import { runEnvironmentCommand } from './environment-run.js';
import { NO_REPORTS, type Reporter } from './service-tools.js';

/** The GitHub deployment environment an environment run reports to. */
function deploymentEnvironment(command: Command, env: LoadedEnvironment, ctx: EventContext): string {
  const configured = env.members[0]?.config.github.environment;
  if (configured !== undefined) return configured;
  if (command === 'candidate') return `candidate/${env.name}`;
  if (command === 'promote' || command === 'rollback') return `production/${env.name}`;
  return `preview/${env.name}/pr-${ctx.prNumber ?? 'none'}`;
}

/** Runs one command over an environment: one sticky comment and deployment, the command, the job summary. */
export async function runEnvironment(
  command: Command,
  env: LoadedEnvironment,
  ctx: EventContext,
  cancel: AbortSignal,
): Promise<EnvironmentReport> {
  const github = env.members[0]?.config.github;
  const front = frontMember(env.members);
  const reporter: Reporter<EnvironmentReport> =
    github === undefined || github.token === ''
      ? NO_REPORTS
      : createEnvironmentReporter({
          token: github.token,
          ctx,
          failOnCommentError: github.failOnCommentError,
          log: { info: core.info, warning: core.warning, notice: core.notice },
          environment: deploymentEnvironment(command, env, ctx),
          comment: github.comment && ctx.prNumber !== undefined,
          primary: front?.name,
        });
  if (github?.token === '') core.info('No github_token: no PR comment or deployment is written.');
  const report = await runEnvironmentCommand(command, env, ctx, reporter, cancel);
  if (ctx.removedWhy !== undefined) report.notes.unshift(ctx.removedWhy); // why the preview went (issue 28)
  if (command === 'preview') {
    // max_previews (issue 28): the least recently deployed other environment previews are cleaned up.
    const { enforceEnvironmentCap, evictionEnvironment } = await import('./environment-cap.js');
    await enforceEnvironmentCap(env, ctx, report, (other) =>
      runEnvironment('cleanup', evictionEnvironment(env), other, cancel),
    );
  }
  // A skipped fork wrote nothing so far and writes nothing now (its token is read-only), as for one service.
  if (report.result === 'removed') await reporter.removed(report);
  else if (report.result !== 'skipped') await reporter.finish(report);
  if (github !== undefined && github.token === '' && github.comment && ctx.prNumber !== undefined) {
    // Without a token nothing is posted; the log shows what the sticky comment would say, as for one service.
    const body = renderEnvironmentComment({
      env: report,
      history: [],
      ctx: renderContextFor(ctx),
      ...(front !== undefined ? { primary: front.name } : {}),
    });
    core.startGroup('PR comment (not posted: no github_token)');
    core.info(redact(body));
    core.endGroup();
  }
  await writeEnvironmentJobSummary(report, renderContextFor(ctx));
  return report;
}
