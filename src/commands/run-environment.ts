/**
 * The tail of every run, of one service (an environment of one) or of an environment: one reporter, the
 * command (environment-run.ts), the environment's max_previews, the final comment and deployment, and the
 * job summary. What the comment, deployment and summary say for each kind: report/run-comment.ts.
 */
import * as core from '@actions/core';
import type { EventContext } from '../github/index.js';
import { createReporter, renderContextFor, writeJobSummary } from '../github/index.js';
import type { LoadedEnvironment } from '../environment/load-environment.js';
import { frontMember, type EnvironmentReport } from '../report/environment-report.js';
import { renderRunComment } from '../report/run-comment.js';
import { redact } from '../report/redaction.js';
import type { Command } from '../report/run-report.js';
import { runEnvironmentCommand } from './environment-run.js';
import { NO_REPORTS, type Reporter } from './service-tools.js';

/** The GitHub deployment environment a run reports to; one service's preview is under its tag. */
function deploymentEnvironment(command: Command, env: LoadedEnvironment, run: EnvironmentReport): string {
  const configured = env.members[0]?.config.github.environment;
  if (configured !== undefined) return configured;
  if (env.single === true) {
    if (command === 'preview' || command === 'cleanup') return `preview/${run.tag ?? 'pr'}`;
    return command === 'candidate' ? 'candidate' : 'production';
  }
  if (command === 'candidate') return `candidate/${env.name}`;
  if (command === 'promote' || command === 'rollback') return `production/${env.name}`;
  return `preview/${env.name}/pr-${run.prNumber ?? 'none'}`;
}

/** Runs one command over the run's services: one sticky comment and deployment, the command, the job summary. */
export async function runEnvironment(
  command: Command,
  env: LoadedEnvironment,
  ctx: EventContext,
  cancel: AbortSignal,
): Promise<EnvironmentReport> {
  const github = env.members[0]?.config.github;
  const primary = frontMember(env.members)?.name;
  const single = env.single === true;
  // Made at the first write, when the run knows its tag and the commit it built (the deployment's ref).
  let made: Reporter<EnvironmentReport> | undefined;
  const reporterOf = (run: EnvironmentReport): Reporter<EnvironmentReport> =>
    (made ??=
      github === undefined || github.token === ''
        ? NO_REPORTS
        : createReporter({
            token: github.token,
            ctx: { ...ctx, headSha: run.commitSha ?? ctx.headSha },
            failOnCommentError: github.failOnCommentError,
            log: { info: core.info, warning: core.warning, notice: core.notice },
            environment: deploymentEnvironment(command, env, run),
            comment: github.comment && ctx.prNumber !== undefined,
            primary,
            ...(single ? { intervalMs: 0 } : {}),
          }));
  const reporter: Reporter<EnvironmentReport> = {
    progress: (run) => reporterOf(run).progress(run),
    finish: (run) => reporterOf(run).finish(run),
    removed: (run) => reporterOf(run).removed(run),
  };
  if (github?.token === '') core.info('No github_token: no PR comment or deployment is written.');
  const report = await runEnvironmentCommand(command, env, ctx, reporter, cancel);
  // Why the preview went (issue 28): an environment's notes say it (one service's report already does).
  if (ctx.removedWhy !== undefined && !single) report.notes.unshift(ctx.removedWhy);
  if (command === 'preview' && !single) {
    // max_previews (issue 28): the least recently deployed other environment previews are cleaned up.
    const { enforceEnvironmentCap, evictionEnvironment } = await import('./environment-cap.js');
    await enforceEnvironmentCap(env, ctx, report, (other) =>
      runEnvironment('cleanup', evictionEnvironment(env), other, cancel),
    );
  }
  // A skipped fork wrote nothing so far and writes nothing now (its token is read-only).
  if (report.result === 'skipped') {
    await writeJobSummary(report, renderContextFor(ctx));
    return report;
  }
  if (report.result === 'removed') await reporter.removed(report);
  else await reporter.finish(report);
  if (github !== undefined && github.token === '' && github.comment && ctx.prNumber !== undefined) {
    // Without a token nothing is posted; the log shows what the sticky comment would say.
    const body = renderRunComment({ run: report, previous: null, ctx: renderContextFor(ctx), primary });
    core.startGroup('PR comment (not posted: no github_token)');
    core.info(redact(body));
    core.endGroup();
  }
  await writeJobSummary(report, renderContextFor(ctx));
  return report;
}
