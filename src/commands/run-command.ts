import { LABEL, MANAGED } from '../shared/labels.js';
import * as core from '@actions/core';
import { checkBuildContext, type Config } from '../config/config.js';
import { UserError } from '../config/user-error.js';
import type { EventContext } from '../github/index.js';
import {
  closedPullRequests,
  createGitHubReporter,
  forkSkipReason,
  pullRequestTargetWarning,
  renderContextFor,
  writeJobSummary,
} from '../github/index.js';
import { renderStickyComment } from '../report/markdown-comment.js';
import { redact } from '../report/redaction.js';
import { newReport } from '../report/phases.js';
import type { Command, RunReport } from '../report/run-report.js';
import { configHash, prTag, releaseRevisionName, revisionName } from '../cloudrun/naming.js';
import { builtCommit } from '../build/source-commit.js';
import { directFederationProblem } from '../checks/id-token.js';
import { nameRolesFor } from '../iam/permission-denied.js';
import { serviceTools, hasCloudCredentials } from './service-tools.js';
import { runCleanup, stalePullRequests } from './cleanup.js';
import { promoteSelector, runPromote, runRollback } from './promote.js';
import { runPreview } from './preview.js';
import { settleOn } from './outcome.js';
import { enforcePreviewCap } from './preview-cap.js';
import { annotate, examineBeforeBuild, logIgnored } from './doctor-step.js';
import { NO_REPORTS, type Reporter, type ServiceTools } from './service-tools.js';
import { checkDataReachable, withPreviewData } from './preview-data.js';

function requirePr(ctx: EventContext, command: Command): number {
  if (ctx.prNumber === undefined) {
    throw new UserError(
      `Input 'command': got "${command}", but the event '${ctx.eventName}' carries no pull request; allowed: run ${command} on pull_request events.`,
      'command',
    );
  }
  return ctx.prNumber;
}

/** The PR a command serves; a preview, and a cleanup that is not a stale sweep, need one. */
export function prNumberFor(command: Command, config: Config, ctx: EventContext): number | undefined {
  return command === 'preview' || (command === 'cleanup' && config.cleanup.staleMs === undefined)
    ? requirePr(ctx, command)
    : ctx.prNumber;
}

/**
 * Checks of a private service need ID tokens, which direct federation (no service account) cannot mint:
 * refused before anything is built or changed.
 */
export function requireIdTokenCredentials(
  command: Command,
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (command !== 'preview' && command !== 'candidate' && command !== 'promote') return;
  if (config.checks.auth === 'none' || config.access === 'public') return;
  const problem = directFederationProblem(env);
  if (problem !== undefined) throw new UserError(problem);
}

/** Runs one command end to end: validation that needs the event, the command, the summary and the PR report. */
export async function runCommand(
  command: Command,
  config: Config,
  event: EventContext,
  cancel: AbortSignal = new AbortController().signal,
): Promise<RunReport> {
  nameRolesFor(command); // a PERMISSION_DENIED names the role this command's row of the README lists
  // A build is labelled with the commit it contains (the context's HEAD), not the event's SHA.
  const builds =
    (command === 'preview' || command === 'candidate') && config.build.prebuiltImage === undefined;
  const ctx: EventContext = builds
    ? { ...event, headSha: builtCommit(config.build.context, event.headSha) }
    : event;
  if (ctx.headSha !== event.headSha) {
    core.info(
      `Building ${ctx.headSha}, the checked-out HEAD of ${config.build.context} (the event names ${event.headSha}).`,
    );
  }
  const prNumber = prNumberFor(command, config, ctx);
  // Per-PR data (preview-data.ts): the PR's connection replaces production's in its preview.
  if (command === 'preview' && prNumber !== undefined) config = withPreviewData(config, prNumber);
  // Naming is checked before anything is built or changed: a tag that cannot fit fails here.
  const tagFor = (pr: number): string =>
    prTag({ template: config.tagTemplate, prNumber: pr, branch: ctx.headRef, service: config.service });
  const tag =
    command === 'candidate'
      ? config.promote.candidateTag
      : prNumber === undefined
        ? undefined
        : tagFor(prNumber);
  const report = newReport({
    command,
    service: config.service,
    project: config.projectId,
    region: config.region,
    tag,
    prNumber,
    commitSha: ctx.headSha,
    runUrl: ctx.runUrl,
  });
  if (ctx.removedWhy !== undefined) report.removedWhy = ctx.removedWhy; // opt-in gate (issue 28)

  const targetWarning = pullRequestTargetWarning(ctx);
  if (targetWarning !== null) core.warning(targetWarning);
  // A fork PR without credentials had nothing deployed, so there is nothing to clean up either.
  const skip =
    command === 'preview' || command === 'cleanup'
      ? forkSkipReason(ctx, hasCloudCredentials(process.env))
      : null;
  if (skip !== null) {
    core.notice(skip);
    settleOn(report, { kind: 'skipped', why: skip });
    await writeJobSummary(report, renderContextFor(ctx));
    return report;
  }
  // The build inputs only matter to a preview that builds: a closed PR is cleaned up with nothing checked
  // out, and a skipped fork has nothing to build. Checked before any comment or deployment is written.
  if (builds) checkBuildContext(config.build);
  requireIdTokenCredentials(command, config);
  // Per-PR data: the database and cache servers answer before anything is built or written.
  if (command === 'preview') await checkDataReachable(config);
  if (command === 'preview' || command === 'candidate') {
    examineBeforeBuild(config, report);
    annotate(report.doctor?.findings ?? [], config.doctor.mode);
    logIgnored(report);
  }

  const environment =
    config.github.environment ??
    (command === 'preview' || command === 'cleanup'
      ? `preview/${tag ?? 'pr'}`
      : command === 'candidate'
        ? 'candidate'
        : 'production');
  const github: Reporter =
    config.github.token === ''
      ? NO_REPORTS
      : createGitHubReporter({
          token: config.github.token,
          ctx,
          service: config.service,
          environment,
          comment: config.github.comment && prNumber !== undefined,
          failOnCommentError: config.github.failOnCommentError,
          log: { info: core.info, warning: core.warning, notice: core.notice },
        });
  if (config.github.token === '') core.info('No github_token: no PR comment or deployment is written.');
  const ports = serviceTools(config, ctx, github, report, cancel);

  let done: RunReport;
  switch (command) {
    case 'preview':
      done = await runPreview(
        {
          config,
          prNumber,
          commitSha: ctx.headSha,
          ...(ctx.baseSha !== undefined ? { baseSha: ctx.baseSha } : {}),
          tag: tag as string,
          revisionName: (template) =>
            revisionName({
              service: config.service,
              prNumber: prNumber as number,
              sha: ctx.headSha,
              // The whole digest: the long-name fallback hashes all of it.
              configHash: configHash(template, 64),
            }),
        },
        report,
        ports,
      );
      break;
    case 'candidate':
      done = await runPreview(
        {
          config,
          prNumber: undefined,
          commitSha: ctx.headSha,
          tag: config.promote.candidateTag,
          revisionName: (template) => releaseRevisionName(config.service, template),
        },
        report,
        ports,
      );
      break;
    case 'promote':
      done = await runPromote(config, promoteSelector(config.promote.from, ctx.headSha), report, ports);
      break;
    case 'rollback':
      done = await runRollback(config, report, ports);
      break;
    case 'cleanup': {
      const prs = await pullRequestsToClean(config, prNumber, ctx, ports);
      done = await runCleanup(config, prs, tagFor, report, ports);
      break;
    }
  }
  if (command === 'preview') await enforcePreviewCap(config, ctx, done, ports); // max_previews (issue 28)
  core.info(`API calls to Cloud Run: ${ports.cloudRun.callCount()}`);
  if (done.result === 'removed') await github.removed(done);
  else await github.finish(done);
  if (config.github.token === '' && config.github.comment && prNumber !== undefined) {
    // Without a token nothing is posted; the log shows what the sticky comment would say.
    const body = renderStickyComment({
      service: config.service,
      report: done,
      history: [],
      ctx: renderContextFor(ctx),
    });
    core.startGroup('PR comment (not posted: no github_token)');
    core.info(redact(body));
    core.endGroup();
  }
  await writeJobSummary(done, renderContextFor(ctx));
  return done;
}

/**
 * The PRs a cleanup removes: the closed one, and with `stale`, those untouched for longer than that and,
 * when GitHub can be asked, those already closed.
 */
export async function pullRequestsToClean(
  config: Config,
  prNumber: number | undefined,
  ctx: EventContext,
  ports: ServiceTools,
): Promise<number[]> {
  const prs = prNumber === undefined ? [] : [prNumber];
  if (config.cleanup.staleMs === undefined) return prs;
  const revisions = await ports.cloudRun.listRevisions({ ...MANAGED });
  const known = [...new Set(revisions.map((r) => Number(r.labels[LABEL.pr])))].filter(
    (n) => Number.isInteger(n) && n > 0,
  );
  const closed =
    config.github.token === '' ? [] : await closedPullRequests(config.github.token, ctx, known, core.warning);
  const all = [
    ...new Set([...prs, ...stalePullRequests(revisions, config.cleanup.staleMs, new Date()), ...closed]),
  ];
  return all.sort((a, b) => a - b);
}
