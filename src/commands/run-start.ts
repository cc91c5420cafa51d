/**
 * The start every command shares, for one service or an environment: the commit that is built, the PR it
 * serves, the fork skip, and per service its tag, its report and the checks made before anything is built.
 */
import * as core from '@actions/core';
import { checkBuildContext, type Config } from '../config/config.js';
import type { EventContext } from '../github/index.js';
import { forkSkipReason, pullRequestTargetWarning } from '../github/index.js';
import { builtCommit } from '../build/source-commit.js';
import { configHash, prTag, releaseRevisionName, revisionName } from '../cloudrun/naming.js';
import { tagLikelyNew } from '../cloudrun/cloud-run-limits.js';
import { nameRolesFor } from '../iam/permission-denied.js';
import { newReport } from '../report/phases.js';
import type { Command, RunReport } from '../report/run-report.js';
import { hasCloudCredentials } from './service-tools.js';
import { UserError } from '../config/user-error.js';
import { directFederationProblem } from '../checks/id-token.js';
import { withPreviewData } from './preview-data.js';
import type { PreviewPlan } from './preview.js';

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

export interface RunStart {
  command: Command;
  /** The event, with the commit the checkout holds as the one built. */
  ctx: EventContext;
  prNumber: number | undefined;
  /** Why a fork PR's run does nothing (it had nothing deployed, so there is nothing to clean up either). */
  skip: string | null;
  /** A PR's tag for one service (naming is checked here: a tag that cannot fit throws). */
  tagFor: (config: Config, pr: number) => string;
  /** The tag this run's preview or candidate of the service carries; none for promotions. */
  tagOf: (config: Config) => string | undefined;
  /** The service's config for this run: a preview's per-PR data replaces production's connection. */
  configOf: (config: Config) => Config;
  /** A fresh report for one service of this run. */
  reportOf: (config: Config, tag: string | undefined) => RunReport;
  /** What a preview (or a candidate, without a PR) of one service under `tag` deploys. */
  planOf: (config: Config, tag: string) => PreviewPlan;
  /** The checks of one service that need the event, made before anything is built or written. */
  checkService: (config: Config) => void;
}

/** Starts `command` for the services whose first (or only) config is `first`: they share one checkout. */
export function startRun(command: Command, first: Config, event: EventContext): RunStart {
  nameRolesFor(command); // a PERMISSION_DENIED names the role this command's row of the README lists
  const builds = command === 'preview' || command === 'candidate';
  // A build is labelled with the commit it contains (the context's HEAD), not the event's SHA.
  const ctx: EventContext =
    builds && first.build.prebuiltImage === undefined
      ? { ...event, headSha: builtCommit(first.build.context, event.headSha) }
      : event;
  if (ctx.headSha !== event.headSha) {
    core.info(
      `Building ${ctx.headSha}, the checked-out HEAD of ${first.build.context} (the event names ${event.headSha}).`,
    );
  }
  const prNumber = prNumberFor(command, first, ctx);
  const targetWarning = pullRequestTargetWarning(ctx);
  if (targetWarning !== null) core.warning(targetWarning);
  const skip =
    command === 'preview' || command === 'cleanup'
      ? forkSkipReason(ctx, hasCloudCredentials(process.env))
      : null;
  const tagFor = (config: Config, pr: number): string =>
    prTag({ template: config.tagTemplate, prNumber: pr, branch: ctx.headRef, service: config.service });
  return {
    command,
    ctx,
    prNumber,
    skip,
    tagFor,
    tagOf: (config) =>
      command === 'candidate'
        ? config.promote.candidateTag
        : prNumber === undefined
          ? undefined
          : tagFor(config, prNumber),
    configOf: (config) =>
      command === 'preview' && prNumber !== undefined ? withPreviewData(config, prNumber) : config,
    reportOf: (config, tag) => {
      return newReport({
        command,
        service: config.service,
        project: config.projectId,
        region: config.region,
        tag,
        prNumber,
        commitSha: ctx.headSha,
        runUrl: ctx.runUrl,
      });
    },
    planOf: (config, tag) => ({
      config,
      prNumber: command === 'preview' ? prNumber : undefined,
      commitSha: ctx.headSha,
      ...(ctx.baseSha !== undefined ? { baseSha: ctx.baseSha } : {}),
      ...(tagLikelyNew(ctx.action) ? { prOpened: true } : {}),
      tag,
      revisionName: (template) =>
        command === 'candidate'
          ? releaseRevisionName(config.service, template)
          : revisionName({
              service: config.service,
              prNumber: prNumber as number,
              sha: ctx.headSha,
              // The whole digest: the long-name fallback hashes all of it.
              configHash: configHash(template, 64),
            }),
    }),
    checkService: (config) => {
      // The build inputs only matter to a run that builds: a closed PR is cleaned up with nothing checked out.
      if (builds && config.build.prebuiltImage === undefined) checkBuildContext(config.build);
      requireIdTokenCredentials(command, config);
    },
  };
}
