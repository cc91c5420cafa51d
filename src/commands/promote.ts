import type { TrafficTarget } from '../cloudrun/traffic-plan.js';
import type { Config } from '../config/config.js';
import { UserError, errorMessage } from '../config/user-error.js';
import { timePhase } from '../report/phases.js';
import type { RunReport, SmokeOutcome } from '../report/run-report.js';
import type { Ports, RevisionView, ServiceView } from './ports.js';

/** Which revision a promotion means, from `promote_from` or the event. */
export type PromoteSelector =
  { by: 'tag'; tag: string } | { by: 'sha'; sha: string } | { by: 'digest'; digest: string };

/** Parses `tag:NAME`, `sha:COMMIT`, `digest:sha256:HEX` or a bare tag; falls back to the event's commit. */
export function promoteSelector(from: string | undefined, eventSha: string): PromoteSelector {
  if (from === undefined) return { by: 'sha', sha: eventSha.toLowerCase() };
  if (from.startsWith('sha:')) return { by: 'sha', sha: from.slice(4).toLowerCase() };
  if (from.startsWith('digest:')) return { by: 'digest', digest: from.slice(7) };
  return { by: 'tag', tag: from.startsWith('tag:') ? from.slice(4) : from };
}

/** The revision serving the most traffic (production's main revision). */
export function mainRevision(service: ServiceView): string | undefined {
  const serving = service.traffic.filter((t) => t.percent > 0);
  serving.sort((a, b) => b.percent - a.percent);
  const top = serving[0];
  return top?.revision ?? (top?.type === 'LATEST' ? service.latestReadyRevision : undefined);
}

/** Newest first: the revision a SHA or digest most recently produced. */
function newest(revisions: RevisionView[]): RevisionView | undefined {
  return [...revisions].sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0))[0];
}

/** Finds (or, for a digest with no revision yet, deploys) the revision to promote. */
export async function resolvePromotion(
  config: Config,
  selector: PromoteSelector,
  service: ServiceView,
  ports: Ports,
): Promise<string> {
  switch (selector.by) {
    case 'tag': {
      const target = service.traffic.find((t) => t.tag === selector.tag);
      const revision =
        target?.revision ?? (target?.type === 'LATEST' ? service.latestReadyRevision : undefined);
      if (revision === undefined) {
        const tags = service.traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag]));
        throw UserError.forInput(
          'promote_from',
          `tag:${selector.tag}`,
          `tags on ${config.service}: ${tags.join(', ') || 'none'}`,
        );
      }
      return revision;
    }
    case 'sha': {
      const all = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
      const hit = newest(
        all.filter((r) => r.ready && (r.labels['gcp-deploy-sha'] ?? '').startsWith(selector.sha)),
      );
      if (hit === undefined) {
        throw UserError.forInput(
          'promote_from',
          `sha:${selector.sha}`,
          `no ready revision of ${config.service} is labelled with that commit; preview it first or promote by tag or digest`,
        );
      }
      return hit.name;
    }
    case 'digest': {
      const all = await ports.cloudRun.listRevisions({});
      const hit = newest(all.filter((r) => r.ready && (r.image ?? '').endsWith(`@${selector.digest}`)));
      if (hit !== undefined) return hit.name;
      ports.log.info(`No revision runs ${selector.digest}: deploying it with no traffic first`);
      const deployed = await ports.cloudRun.deployUntagged({
        revisionName: `${config.service}-${selector.digest.slice(7, 19)}`,
        image: ports.images.imageForDigest(selector.digest),
        env: config.deploy.envVars,
        labels: { ...config.deploy.labels, 'managed-by': 'gcp-deploy' },
      });
      if (!deployed.ready)
        throw new Error(`Revision ${deployed.revision} failed to become ready: ${deployed.message ?? ''}`);
      return deployed.revision;
    }
  }
}

/**
 * Moves production traffic to a revision in the configured canary steps, checking the revision after each
 * step; any failure restores exactly the traffic saved before the first step.
 */
export async function runPromote(
  config: Config,
  selector: PromoteSelector,
  report: RunReport,
  ports: Ports,
): Promise<RunReport> {
  const service = await ports.cloudRun.getService();
  if (service === null)
    throw UserError.forInput('service', config.service, 'an existing Cloud Run service to promote on');
  const saved: TrafficTarget[] = service.traffic.map((t) => ({ ...t }));
  report.previousRevision = mainRevision(service);
  const revision = await resolvePromotion(config, selector, service, ports);
  report.revision = revision;
  const checkUrl = urlOfRevision(service, revision) ?? service.uri;
  return shiftWithChecks(config, revision, saved, checkUrl, report, ports);
}

/** Sends 100 % back to the revision the last promotion recorded under the `prev` tag, with checks. */
export async function runRollback(config: Config, report: RunReport, ports: Ports): Promise<RunReport> {
  const service = await ports.cloudRun.getService();
  if (service === null)
    throw UserError.forInput('service', config.service, 'an existing Cloud Run service to roll back');
  const prev = service.traffic.find((t) => t.tag === config.promote.prevTag)?.revision;
  if (prev === undefined) {
    throw new UserError(
      `Nothing to roll back to: no revision of ${config.service} carries the tag '${config.promote.prevTag}' (input 'prev_tag'), which a promotion sets.`,
      'prev_tag',
    );
  }
  const saved: TrafficTarget[] = service.traffic.map((t) => ({ ...t }));
  report.previousRevision = mainRevision(service);
  report.revision = prev;
  const rollbackConfig: Config = { ...config, promote: { ...config.promote, canary: [100] } };
  return shiftWithChecks(
    rollbackConfig,
    prev,
    saved,
    service.tagUrls[config.promote.prevTag] ?? service.uri,
    report,
    ports,
  );
}

/** Allowed rise of the failed-request rate during a canary step over the rate before it (1 point). */
export const CANARY_ERROR_TOLERANCE = 0.01;

function failRate(smoke: SmokeOutcome | undefined): number | undefined {
  return smoke?.metrics.http_req_failed?.rate;
}

/** Compares a canary step's failed-request rate with the one before the promotion. */
export function compareErrorRates(
  before: number | undefined,
  during: number | undefined,
): { ok: boolean; text: string } {
  if (before === undefined || during === undefined) return { ok: true, text: 'not measured' };
  const pct = (r: number): string => `${(r * 100).toFixed(2)} %`;
  const ok = during <= before + CANARY_ERROR_TOLERANCE;
  return {
    ok,
    text: `${pct(during)} of requests failed, ${pct(before)} before the promotion${ok ? '' : ' (over the 1-point tolerance)'}`,
  };
}

function urlOfRevision(service: ServiceView, revision: string): string | undefined {
  const tag = service.traffic.find((t) => t.revision === revision && t.tag !== undefined)?.tag;
  return tag === undefined ? undefined : service.tagUrls[tag];
}

async function shiftWithChecks(
  config: Config,
  revision: string,
  saved: TrafficTarget[],
  checkUrl: string | undefined,
  report: RunReport,
  ports: Ports,
): Promise<RunReport> {
  try {
    // The error rate users saw before the first step, measured on the service URL with the same smoke options;
    // each step's rate on that URL (the split users now get) may not exceed it by more than the tolerance.
    const serviceUrl = (await ports.cloudRun.getService())?.uri;
    const baseline =
      config.promote.canary.length > 1 && serviceUrl !== undefined
        ? failRate(await timePhase(report, 'checks', () => ports.checks.smoke(serviceUrl)))
        : undefined;
    for (const percent of config.promote.canary) {
      const prevTag = percent === 100 ? config.promote.prevTag : undefined;
      const after = await timePhase(report, 'traffic', () =>
        ports.cloudRun.shiftTraffic(revision, percent, prevTag),
      );
      report.traffic = after.traffic.map((t) => ({
        target: t.revision ?? 'LATEST',
        percent: t.percent,
        tag: t.tag,
      }));
      report.url = after.uri;
      ports.log.info(`${revision} serves ${percent} % of ${config.service}`);
      const url = checkUrl ?? after.uri;
      if (url === undefined) throw new Error(`no URL to check ${revision} at`);
      report.health = await timePhase(report, 'health', () => ports.checks.health(url));
      if (!report.health.ok) throw new Error(`health check of ${revision} failed at ${percent} %`);
      report.smoke = await timePhase(report, 'checks', () => ports.checks.smoke(url));
      if (report.smoke !== undefined && !report.smoke.ok)
        throw new Error(`smoke checks of ${revision} failed at ${percent} %`);
      if (baseline !== undefined && after.uri !== undefined && percent < 100) {
        const uri = after.uri;
        const step = failRate(await timePhase(report, 'checks', () => ports.checks.smoke(uri)));
        const verdict = compareErrorRates(baseline, step);
        ports.log.info(`error rate at ${percent} %: ${verdict.text}`);
        if (!verdict.ok) throw new Error(`error rate at ${percent} % ${verdict.text}`);
      }
    }
    report.state = 'promoted';
    report.result = 'success';
    return report;
  } catch (err) {
    report.failureReason = errorMessage(err);
    ports.log.error(report.failureReason);
    try {
      await timePhase(report, 'traffic', () => ports.cloudRun.restoreTraffic(saved));
      report.state = 'rolled-back';
      report.result = 'rolled-back';
      report.traffic = saved.map((t) => ({ target: t.revision ?? 'LATEST', percent: t.percent, tag: t.tag }));
      report.notes.push('Traffic was restored exactly as it was before the promotion.');
    } catch (restoreErr) {
      report.state = 'failed';
      report.result = 'failure';
      report.failureReason += `; restoring the saved traffic also failed: ${errorMessage(restoreErr)}`;
    }
    return report;
  }
}
