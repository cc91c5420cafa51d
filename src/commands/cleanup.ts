import * as core from '@actions/core';
import { LABEL, MANAGED } from '../shared/labels.js';
import { closedPullRequests, type EventContext } from '../github/index.js';
import { latestMeans, planTraffic } from '../cloudrun/traffic-plan.js';
import type { Config } from '../config/config.js';
import { timePhase } from '../report/phases.js';
import type { RunReport } from '../report/run-report.js';
import type { RevisionInfo, ServiceState } from '../cloudrun/run-port.js';
import type { ServiceTools } from './service-tools.js';
import { deleteIfOnlyPreviews, serviceFate } from './preview-service.js';
import { settleOn } from './outcome.js';
import { dropPreviewData } from './preview-data.js';
import { dropUnusedBaseline } from './compare-step.js';

/** What a cleanup removes for one PR, computed before anything is changed (and all a dry run shows). */
export interface CleanupPlan {
  prNumber: number;
  tags: string[];
  revisions: string[];
  imageTags: string[];
  protectedDigests: string[];
}

function servingOrTagged(service: ServiceState | null): Set<string> {
  const names = new Set<string>();
  for (const t of service?.traffic ?? []) {
    if (t.type === 'REVISION' && t.revision !== undefined && (t.percent > 0 || t.tag !== undefined))
      names.add(t.revision);
    // LATEST means what its status shows it routing to: latestReadyRevision may be a newer no-traffic one.
    const latest = t.type === 'LATEST' && service !== null ? latestMeans(service) : undefined;
    if (latest !== undefined) names.add(latest);
  }
  return names;
}

function digestOf(image: string | undefined): string | undefined {
  const at = image?.lastIndexOf('@sha256:') ?? -1;
  return image !== undefined && at >= 0 ? image.slice(at + 1) : undefined;
}

/**
 * Plans one PR's cleanup: its own tags, its revisions that will no longer serve or carry a tag, and its
 * image tags; digests of revisions that keep serving are protected.
 */
export function planCleanup(
  prNumber: number,
  ownTag: string,
  service: ServiceState | null,
  revisions: RevisionInfo[],
): CleanupPlan {
  const prRevisions = revisions.filter((r) => r.labels[LABEL.pr] === String(prNumber));
  const prNames = new Set(prRevisions.map((r) => r.name));
  // Tags this PR owns: its tag, and any pr-<n>-style tag on its own revisions; never prod/prev/others.
  const tags = (service?.traffic ?? [])
    .filter(
      (t) =>
        t.tag !== undefined &&
        (t.tag === ownTag ||
          (t.revision !== undefined && prNames.has(t.revision) && t.tag.startsWith(`pr-${prNumber}`))),
    )
    .map((t) => t.tag as string);
  // What serves or stays tagged once our tags are gone: a promoted PR revision keeps serving and is kept.
  const remaining: ServiceState | null =
    service === null
      ? null
      : {
          ...service,
          traffic: planTraffic(service, { kind: 'untag', tags }),
        };
  const keep = servingOrTagged(remaining);
  const keptRevisions = revisions.filter((r) => keep.has(r.name));
  const protectedDigests = [...new Set(keptRevisions.flatMap((r) => digestOf(r.image) ?? []))];
  const shas = [...new Set(prRevisions.map((r) => r.labels[LABEL.sha] ?? '').filter((s) => s !== ''))];
  return {
    prNumber,
    tags,
    revisions: prRevisions.filter((r) => !keep.has(r.name)).map((r) => r.name),
    imageTags: [`pr-${prNumber}`, ...shas.map((s) => `sha-${s.slice(0, 7)}`)],
    protectedDigests,
  };
}

/** The service as a cleanup would leave it (for a dry run's forecast): its tags and revisions gone. */
function remainingAfter(service: ServiceState, plan: CleanupPlan): ServiceState {
  return { ...service, traffic: planTraffic(service, { kind: 'untag', tags: plan.tags }) };
}

/** PRs whose newest revision is older than `staleMs` (for a scheduled sweep). */
export function stalePullRequests(revisions: RevisionInfo[], staleMs: number, now: Date): number[] {
  const newestByPr = new Map<number, number>();
  for (const r of revisions) {
    const pr = Number(r.labels[LABEL.pr]);
    if (!Number.isInteger(pr) || pr <= 0) continue;
    const t = r.createTime?.getTime() ?? 0;
    newestByPr.set(pr, Math.max(newestByPr.get(pr) ?? 0, t));
  }
  return [...newestByPr.entries()]
    .filter(([, t]) => now.getTime() - t > staleMs)
    .map(([pr]) => pr)
    .sort((a, b) => a - b);
}

/** Removes one PR's preview (or, with `stale`, every stale one), or lists it all with dry_run. */
export async function runCleanup(
  config: Config,
  prNumbers: number[],
  ownTagFor: (pr: number) => string,
  report: RunReport,
  ports: ServiceTools,
): Promise<RunReport> {
  const dry = config.cleanup.dryRun;
  await timePhase(report, 'cleanup', async () => {
    for (const pr of prNumbers) {
      const service = await ports.cloudRun.getService();
      const revisions = await ports.cloudRun.listRevisions({ ...MANAGED });
      const plan = planCleanup(pr, ownTagFor(pr), service, revisions);
      const say = (what: string, items: string[]): void =>
        ports.log.info(
          `${dry ? 'would delete' : 'deleting'} ${what} of PR #${pr}: ${items.length > 0 ? items.join(', ') : 'none'}`,
        );
      say('tags', plan.tags);
      say('revisions', plan.revisions);
      if (!dry && plan.tags.length > 0) await ports.cloudRun.untag(plan.tags);
      for (const name of plan.revisions) {
        if (!dry) await ports.cloudRun.deleteRevision(name);
      }
      // Issue 31: the baseline goes with the last open preview (compare-step.ts).
      if (!dry && service !== null) await dropUnusedBaseline(service, report, ports);
      const why = `the cleanup of PR #${pr} removed its last preview`;
      let serviceGone = false;
      if (dry) {
        const fate =
          service === null
            ? undefined
            : serviceFate(remainingAfter(service, plan), await ports.cloudRun.listRevisions({}));
        if (fate?.kind === 'delete') {
          const note = `PR #${pr}: would delete service ${config.service}: a preview (${fate.createdBy}) created it, nothing was ever promoted, and ${why}.`;
          report.notes.push(note);
          ports.log.info(note);
        }
      } else if (service !== null) {
        serviceGone = await deleteIfOnlyPreviews(config.service, why, report, ports);
      }
      // With the service gone, nothing serves: no digest needs protecting.
      const images = await ports.images.deleteTags(
        plan.imageTags,
        serviceGone ? [] : plan.protectedDigests,
        dry,
      );
      say('image tags', images.deleted);
      if (images.kept.length > 0) ports.log.info(`kept image tags still serving: ${images.kept.join(', ')}`);
      report.notes.push(
        `PR #${pr}: ${dry ? 'would remove' : 'removed'} ${plan.tags.length} tag(s), ${plan.revisions.length} revision(s), ${images.deleted.length} image tag(s)`,
      );
      // Per-PR data (preview-data.ts): jobs, secret, database or schema, role, cache keys.
      const data = await dropPreviewData(config, pr, ports.log, dry);
      if (data.length > 0) report.notes.push(`PR #${pr}: removed ${data.join(', ')}`);
    }
  });
  settleOn(report, { kind: 'passed', command: 'cleanup', dryRun: dry });
  return report;
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
