/**
 * The scheduled sweep (`on: schedule` with `command: auto`): previews not deployed for longer than `stale`
 * expire, and every leftover of a closed PR goes. Removal is in batches: one etag-checked service write
 * untags a batch, then its revisions and images go, then per-PR data, then each PR's comment and deployments.
 * Production and anything the action did not make are never touched; `dry_run` lists and changes nothing.
 */
import * as core from '@actions/core';
import { prTag } from '../cloudrun/naming.js';
import { planTraffic } from '../cloudrun/traffic-plan.js';
import type { Config } from '../config/config.js';
import { errorMessage } from '../config/user-error.js';
import { closedPullRequests, createReporter, renderContextFor, writeJobSummary } from '../github/index.js';
import { environmentOfOne, type EnvironmentReport } from '../report/environment-report.js';
import type { EventContext } from '../github/event-context.js';
import { newReport, timePhase } from '../report/phases.js';
import type { RunReport } from '../report/run-report.js';
import { createCloudRunPort } from '../cloudrun/run-port.js';
import { serviceTools } from './service-tools.js';
import { planCleanup } from './cleanup.js';
import { NO_REPORTS } from './service-tools.js';
import { dropPreviewData } from './preview-data.js';
import {
  CLOSED_SENTENCE,
  SWEEP_BATCH,
  expiredSentence,
  humanDuration,
  inBatches,
  lastDeployByPr,
  newestDeploys,
  planSweep,
  withEnvironmentDeploys,
  type SweepEntry,
} from './sweep-plan.js';

/** The PR's tag as a preview made it; a `{branch}` template without the branch falls back to the default. */
export function tagOf(config: Config, pr: number): string {
  try {
    return prTag({ template: config.tagTemplate, prNumber: pr, service: config.service });
  } catch {
    return `pr-${pr}`;
  }
}

/** Sweeps one service; returns its report (state `removed`, or `ready` for a dry run). */
export async function runScheduledSweep(
  config: Config,
  ctx: EventContext,
  cancel: AbortSignal,
  environment?: { lastDeploys: Map<number, Date>; swept: SweepEntry[] },
): Promise<RunReport> {
  const dry = config.cleanup.dryRun;
  const report = newReport({
    command: 'cleanup',
    service: config.service,
    project: config.projectId,
    region: config.region,
    commitSha: ctx.headSha,
    runUrl: ctx.runUrl,
  });
  const ports = serviceTools(config, ctx, NO_REPORTS, report, cancel);
  const swept: SweepEntry[] = [];
  await timePhase(report, 'cleanup', async () => {
    const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
    // An environment's preview ages as a whole: a member it reused keeps an older revision than the rest.
    const lastDeploys = withEnvironmentDeploys(lastDeployByPr(revisions), environment?.lastDeploys);
    const closed =
      config.github.token === ''
        ? []
        : await closedPullRequests(config.github.token, ctx, [...lastDeploys.keys()], core.warning);
    const entries = planSweep({
      lastDeploys,
      closed: new Set(closed),
      staleMs: config.cleanup.staleMs,
      now: new Date(),
    });
    const ttl =
      config.cleanup.staleMs === undefined
        ? 'no stale set'
        : `stale ${humanDuration(config.cleanup.staleMs)}`;
    core.info(
      `Sweep of ${config.service} (${ttl}): ${lastDeploys.size} PR preview(s), ${entries.filter((e) => e.reason === 'expired').length} expired, ${entries.filter((e) => e.reason === 'closed').length} of closed PRs`,
    );
    for (const batch of inBatches(entries, SWEEP_BATCH)) {
      if (cancel.aborted) break;
      const service = await ports.cloudRun.getService();
      const current = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
      // Each PR planned on the service as the batch's earlier PRs leave it, so the last plan's protected
      // digests are exactly those still serving or tagged once the whole batch is untagged.
      let remaining = service;
      const plans = batch.map((entry) => {
        const plan = planCleanup(entry.pr, tagOf(config, entry.pr), remaining, current);
        if (remaining !== null)
          remaining = { ...remaining, traffic: planTraffic(remaining, { kind: 'untag', tags: plan.tags }) };
        return { entry, plan };
      });
      const protectedDigests = plans.at(-1)?.plan.protectedDigests ?? [];
      for (const { entry, plan } of plans) {
        const verb = dry ? 'would delete' : 'deleting';
        const why = entry.reason === 'closed' ? 'closed' : `last deployed ${entry.lastDeploy.toISOString()}`;
        core.info(
          `${verb} PR #${entry.pr} (${why}): tags ${plan.tags.join(', ') || 'none'}; revisions ${plan.revisions.join(', ') || 'none'}`,
        );
      }
      const tags = plans.flatMap((p) => p.plan.tags);
      if (!dry && tags.length > 0) await ports.cloudRun.untag(tags);
      for (const { plan } of plans) {
        for (const name of plan.revisions) if (!dry) await ports.cloudRun.deleteRevision(name);
      }
      const imageTags = plans.flatMap((p) => p.plan.imageTags);
      // No image tag of these PRs (prebuilt images): nothing to ask Artifact Registry.
      const images =
        imageTags.length === 0
          ? { deleted: [] }
          : await ports.images.deleteTags(imageTags, protectedDigests, dry);
      core.info(`${dry ? 'would delete' : 'deleted'} image tags: ${images.deleted.join(', ') || 'none'}`);
      for (const { entry, plan } of plans) {
        // The PR's database or schema, role, secret, jobs and cache keys, where it has them (per-PR data).
        const data = await dropPreviewData(config, entry.pr, ports.log, dry);
        report.notes.push(
          `PR #${entry.pr} (${entry.reason}): ${dry ? 'would remove' : 'removed'} ${plan.tags.length} tag(s), ${plan.revisions.length} revision(s)${data.length > 0 ? `, ${data.join(', ')}` : ''}`,
        );
        swept.push(entry);
      }
    }
  });
  if (environment !== undefined) environment.swept.push(...swept);
  else if (!dry) {
    for (const entry of swept) await reportSwept([config], ctx, entry);
  }
  report.state = dry ? 'ready' : 'removed';
  report.result = dry ? 'success' : 'removed';
  if (swept.length === 0) report.notes.push('Nothing to sweep: every preview is fresh and its PR open.');
  return report;
}

/** A swept PR's comment says why its preview went (one service's, or the environment's), its deployments inactive. */
export async function reportSwept(
  configs: readonly Config[],
  ctx: EventContext,
  entry: SweepEntry,
  environment?: { name: string; primary?: string },
): Promise<void> {
  const staleMs = configs[0]?.cleanup.staleMs;
  const why = entry.reason === 'closed' || staleMs === undefined ? CLOSED_SENTENCE : expiredSentence(staleMs);
  await reportPreviewRemoved(configs, ctx, entry.pr, why, environment);
}

/**
 * Another PR's preview was removed by this run (a sweep, or max_previews): its comment says why, its
 * deployments turn inactive. Those of one service, or given `environment`, the environment's one comment
 * and deployment for all of `configs`.
 */
export async function reportPreviewRemoved(
  configs: readonly Config[],
  ctx: EventContext,
  pr: number,
  why: string,
  environment?: { name: string; primary?: string },
): Promise<void> {
  const first = configs[0];
  if (first === undefined || first.github.token === '') return;
  const members = configs.map((config) => {
    const report = newReport({
      command: 'cleanup',
      service: config.service,
      project: config.projectId,
      region: config.region,
      tag: tagOf(config, pr),
      prNumber: pr,
      runUrl: ctx.runUrl,
    });
    report.state = 'removed';
    report.result = 'removed';
    return { name: config.service, needs: [], stage: 'removed' as const, report };
  });
  const one = members[0];
  const run: EnvironmentReport =
    environment === undefined
      ? environmentOfOne({ ...one.report, removedWhy: why }, 'removed')
      : {
          name: environment.name,
          command: 'cleanup',
          state: 'removed',
          result: 'removed',
          tag: one.report.tag,
          prNumber: pr,
          runUrl: ctx.runUrl,
          members,
          notes: [why],
          startedAt: new Date().toISOString(),
        };
  try {
    await createReporter({
      token: first.github.token,
      ctx: { ...ctx, prNumber: pr },
      environment:
        first.github.environment ??
        (environment === undefined ? `preview/${one.report.tag}` : `preview/${environment.name}/pr-${pr}`),
      comment: first.github.comment,
      failOnCommentError: false,
      log: { info: core.info, warning: core.warning, notice: core.notice },
      ...(environment === undefined ? { intervalMs: 0 } : { primary: environment.primary }),
    }).removed(run);
  } catch (err) {
    core.warning(`PR #${pr}: could not update its comment or deployments: ${errorMessage(err)}`);
  }
}

/**
 * The sweep's step: every service of the run (one, or each member of `services`), then outputs and summary.
 * An environment is swept as one: its PRs age by their newest deploy on any member, and each swept PR's
 * environment comment and deployment say so once (environment-sweep.ts).
 */
export async function runSweepStep(
  configs: Config[],
  ctx: EventContext,
  cancel: AbortSignal,
  environment?: { name: string; primary?: string },
): Promise<void> {
  const shared =
    environment === undefined
      ? undefined
      : { lastDeploys: await environmentLastDeploys(configs), swept: [] as SweepEntry[] };
  let last: RunReport | undefined;
  for (const config of configs) {
    last = await runScheduledSweep(config, ctx, cancel, shared);
    await writeJobSummary(environmentOfOne(last, 'passed'), renderContextFor(ctx));
  }
  if (
    environment !== undefined &&
    shared !== undefined &&
    configs[0] !== undefined &&
    !configs[0].cleanup.dryRun
  ) {
    const { reportEnvironmentSwept } = await import('./environment-sweep.js');
    await reportEnvironmentSwept(configs, environment, ctx, shared.swept);
  }
  core.setOutput('result', last?.result ?? 'success');
}

/** Each PR's newest deploy on any of the environment's services. */
async function environmentLastDeploys(configs: Config[]): Promise<Map<number, Date>> {
  const maps = [];
  for (const config of configs) {
    const cloudRun = createCloudRunPort(config, core.info, core.warning);
    maps.push(lastDeployByPr(await cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' })));
  }
  return newestDeploys(maps);
}
