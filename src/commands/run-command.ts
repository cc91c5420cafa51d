import { LABEL, MANAGED } from '../shared/labels.js';
import * as core from '@actions/core';
import { type Config } from '../config/config.js';
import type { EventContext } from '../github/index.js';
import {
  closedPullRequests,
  createGitHubReporter,
  renderContextFor,
  writeJobSummary,
} from '../github/index.js';
import { renderStickyComment } from '../report/markdown-comment.js';
import { redact } from '../report/redaction.js';
import type { Command, RunReport } from '../report/run-report.js';
import { serviceTools } from './service-tools.js';
import { runCleanup, stalePullRequests } from './cleanup.js';
import { promoteSelector, runPromote, runRollback } from './promote.js';
import { runPreview } from './preview.js';
import { settleOn } from './outcome.js';
import { enforcePreviewCap } from './preview-cap.js';
import { annotate, examineBeforeBuild, logIgnored } from './doctor-step.js';
import { NO_REPORTS, type Reporter, type ServiceTools } from './service-tools.js';
import { startRun } from './run-start.js';
import { checkDataReachable } from './preview-data.js';

/** Runs one command end to end: validation that needs the event, the command, the summary and the PR report. */
export async function runCommand(
  command: Command,
  config: Config,
  event: EventContext,
  cancel: AbortSignal = new AbortController().signal,
): Promise<RunReport> {
  const start = startRun(command, config, event);
  const { ctx, prNumber, skip } = start;
  config = start.configOf(config);
  const tag = start.tagOf(config);
  const report = start.reportOf(config, tag);
  if (ctx.removedWhy !== undefined) report.removedWhy = ctx.removedWhy; // opt-in gate (issue 28)
  if (skip !== null) {
    core.notice(skip);
    settleOn(report, { kind: 'skipped', why: skip });
    await writeJobSummary(report, renderContextFor(ctx));
    return report;
  }
  // Checked before any comment or deployment is written.
  start.checkService(config);
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
    case 'candidate':
      done = await runPreview(start.planOf(config, tag as string), report, ports);
      break;
    case 'promote':
      done = await runPromote(config, promoteSelector(config.promote.from, ctx.headSha), report, ports);
      break;
    case 'rollback':
      done = await runRollback(config, report, ports);
      break;
    case 'cleanup': {
      const prs = await pullRequestsToClean(config, prNumber, ctx, ports);
      done = await runCleanup(config, prs, (pr) => start.tagFor(config, pr), report, ports);
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
