import { LABEL, MANAGED } from '../shared/labels.js';
import { digestOf } from '../shared/image-ref.js';
import type { ApiTemplate } from '../cloudrun/api-mapping.js';
import { isPinnedByDigest, releaseRevisionName } from '../cloudrun/naming.js';
import { failedRevision, type RevisionInfo, type ServiceState } from '../cloudrun/run-port.js';
import { latestMeans, productionRevision, type TrafficTarget } from '../cloudrun/traffic-plan.js';
import type { Config } from '../config/config.js';
import { UserError, errorMessage } from '../config/user-error.js';
import { markPhaseFailed, timePhase } from '../report/phases.js';
import type { CanaryStep, RunReport, SmokeOutcome } from '../report/run-report.js';
import { isCancelled, throwIfCancelled, unlessCancelled } from './cancellation.js';
import { settleOn } from './outcome.js';
import { missingReleaseAdvice } from './missing-release.js';
import type { ServiceTools } from './service-tools.js';

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

/** Newest first: the revision a SHA most recently produced. */
function newest(revisions: RevisionInfo[]): RevisionInfo | undefined {
  return [...revisions].sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0))[0];
}

/** What a promotion ships: the checked image, and where it came from (for the release's labels). */
export interface PromotionSource {
  /** The image pinned by digest. */
  image: string;
  /** The revision that ran it (a preview, or an earlier candidate), when there is one. */
  revision?: RevisionInfo;
  /** The tag it was promoted from, when chosen by tag. */
  tag?: string;
}

/** Finds the image a selector means: the digest a tagged or labelled revision runs, or a digest itself. */
export async function resolvePromotion(
  config: Config,
  selector: PromoteSelector,
  service: ServiceState,
  ports: ServiceTools,
): Promise<PromotionSource> {
  const ofRevision = (name: string, revision: RevisionInfo | null): PromotionSource => {
    const image = revision?.image;
    if (revision === null || image === undefined || !isPinnedByDigest(image)) {
      throw UserError.forInput(
        'promote_from',
        selectorText(selector),
        `revision ${name} runs ${image ?? 'no image'}, which is not pinned by digest; promote by digest:sha256:HEX instead`,
      );
    }
    return { image, revision };
  };
  switch (selector.by) {
    case 'tag': {
      const target = service.traffic.find((t) => t.tag === selector.tag);
      const revision = target?.revision ?? (target?.type === 'LATEST' ? latestMeans(service) : undefined);
      if (revision === undefined) {
        const tags = service.traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag]));
        throw UserError.forInput(
          'promote_from',
          `tag:${selector.tag}`,
          `tags on ${config.service}: ${tags.join(', ') || 'none'}`,
        );
      }
      return { ...ofRevision(revision, await ports.cloudRun.getRevision(revision)), tag: selector.tag };
    }
    case 'sha': {
      const all = await ports.cloudRun.listRevisions({ ...MANAGED });
      const hit = newest(
        all.filter((r) => r.ready === true && (r.labels[LABEL.sha] ?? '').startsWith(selector.sha)),
      );
      if (hit === undefined) {
        throw UserError.forInput(
          'promote_from',
          `sha:${selector.sha}`,
          missingReleaseAdvice(config.service, all),
        );
      }
      // A candidate of this commit that failed its checks is not promoted, nor checked again at 0 %.
      const failed = failedRevision(service, config.promote.candidateTag);
      if (hit.labels[LABEL.kind] === 'candidate' && failed?.revision === hit.name) {
        throw new UserError(
          `Cannot promote: the candidate of ${selector.sha} failed its checks (run ${failed.runUrl}); push a fix to the default branch and release its commit.`,
          'promote_from',
        );
      }
      // The listing already carries the revision's image: no second read.
      return ofRevision(hit.name, hit);
    }
    case 'digest':
      return { image: ports.images.imageForDigest(selector.digest) };
  }
}

function selectorText(selector: PromoteSelector): string {
  return selector.by === 'tag'
    ? `tag:${selector.tag}`
    : selector.by === 'sha'
      ? `sha:${selector.sha}`
      : `digest:${selector.digest}`;
}

/** Labels of a release revision: where its image was checked, never the preview's own markers. */
export function releaseLabels(source: PromotionSource): Record<string, string> {
  const from = source.revision;
  const pr = from?.labels[LABEL.pr];
  const sha = from?.labels[LABEL.sha];
  return {
    ...MANAGED,
    [LABEL.kind]: 'release',
    ...(from !== undefined ? { [LABEL.from]: from.name } : {}),
    ...(source.tag !== undefined ? { [LABEL.fromTag]: source.tag } : {}),
    ...(pr !== undefined ? { [LABEL.fromPr]: pr } : {}),
    ...(sha !== undefined ? { [LABEL.sha]: sha } : {}),
  };
}

/**
 * Deploys the release candidate: production's template plus the inputs, running the checked digest, with
 * no PREVIEW_* variables or PR labels, tagged `candidate_tag` at 0 % and checked before any traffic moves.
 */
async function deployCandidate(
  config: Config,
  before: ServiceState,
  source: PromotionSource,
  report: RunReport,
  ports: ServiceTools,
  runEnv: Record<string, string>,
): Promise<{ revision: string; url: string }> {
  const tag = config.promote.candidateTag;
  const request = {
    name: (template: ApiTemplate) => releaseRevisionName(config.service, template),
    image: source.image,
    runEnv,
    runLabels: releaseLabels(source),
  };
  const back = before.traffic.find((t) => t.tag === tag)?.revision ?? null;
  let deployed;
  try {
    deployed = await timePhase(report, 'deploy', () =>
      ports.cloudRun.deployTagged(request, tag, ports.cancel),
    );
  } catch (err) {
    // Cancelled mid-deploy: the candidate tag may have moved already.
    if (isCancelled(err)) await ports.cloudRun.retag(tag, back);
    throw err;
  }
  report.revision = deployed.revision;
  report.image = source.image;
  report.digest = digestOf(source.image);
  const undo = async (why: string | Error, phase: 'deploy' | 'health' | 'checks'): Promise<never> => {
    markPhaseFailed(report, phase);
    // Production never moved: only the candidate tag goes back to where it was.
    await ports.cloudRun.retag(tag, back);
    throw why instanceof Error ? why : new Error(why);
  };
  const checked = async <T>(work: () => Promise<T>, phase: 'health' | 'checks'): Promise<T> => {
    try {
      return await unlessCancelled(work(), ports.cancel);
    } catch (err) {
      if (isCancelled(err)) return undo(err, phase);
      throw err;
    }
  };
  if (!deployed.ready) {
    return undo(
      `Revision ${deployed.revision} failed to become ready: ${deployed.message ?? 'no reason given'}`,
      'deploy',
    );
  }
  const url = deployed.url;
  if (url === undefined)
    return undo(`Cloud Run reported no URL for tag ${tag} on service ${config.service}`, 'deploy');
  report.health = await timePhase(report, 'health', () => checked(() => ports.checks.health(url), 'health'));
  if (!report.health.ok)
    return undo(`health check of ${deployed.revision} failed at 0 %, before any traffic moved`, 'health');
  report.smoke = await timePhase(report, 'checks', () => checked(() => ports.checks.smoke(url), 'checks'));
  if (report.smoke !== undefined && !report.smoke.ok)
    return undo(`smoke checks of ${deployed.revision} failed at 0 %, before any traffic moved`, 'checks');
  ports.log.info(`${deployed.revision} passed its checks at 0 % on ${url}`);
  return { revision: deployed.revision, url };
}

/**
 * Moves production traffic to a revision in the configured canary steps, checking the revision after each
 * step; any failure restores exactly the traffic saved before the first step.
 */
export async function runPromote(
  config: Config,
  selector: PromoteSelector,
  report: RunReport,
  ports: ServiceTools,
  /** Env the release revision gets over the inputs: an environment's `<NAME>_URL`s, now production URLs. */
  runEnv: Record<string, string> = {},
): Promise<RunReport> {
  const service = await ports.cloudRun.getService();
  if (service === null)
    throw UserError.forInput('service', config.service, 'an existing Cloud Run service to promote on');
  report.previousRevision = productionRevision(service);
  report.prevTag = config.promote.prevTag;
  const source = await resolvePromotion(config, selector, service, ports);
  let candidate: { revision: string; url: string };
  try {
    candidate = await deployCandidate(config, service, source, report, ports, runEnv);
  } catch (err) {
    if (err instanceof UserError) throw err;
    report.failureReason = errorMessage(err);
    const cancelled = isCancelled(err);
    if (cancelled) ports.log.warning(report.failureReason);
    else ports.log.error(report.failureReason);
    settleOn(report, {
      kind: 'stopped',
      command: 'promote',
      cancelled,
      candidateTag: config.promote.candidateTag,
    });
    return report;
  }
  // Saved after the candidate's tag landed. A restore puts back these percents and the `prev` tag only.
  const saved: TrafficTarget[] = ((await ports.cloudRun.getService())?.traffic ?? service.traffic).map(
    (t) => ({
      ...t,
    }),
  );
  return shiftWithChecks(config, candidate.revision, saved, candidate.url, report, ports);
}

/** Sends 100 % back to the revision the last promotion recorded under the `prev` tag, with checks. */
export async function runRollback(
  config: Config,
  report: RunReport,
  ports: ServiceTools,
): Promise<RunReport> {
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
  report.previousRevision = productionRevision(service);
  report.revision = prev;
  report.prevTag = config.promote.prevTag;
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

async function shiftWithChecks(
  config: Config,
  revision: string,
  saved: TrafficTarget[],
  checkUrl: string | undefined,
  report: RunReport,
  ports: ServiceTools,
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
      throwIfCancelled(ports.cancel);
      const prevTag = percent === 100 ? config.promote.prevTag : undefined;
      const stage: CanaryStep = { percent, ok: false };
      (report.canary ??= []).push(stage);
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
      report.health = await timePhase(report, 'health', () =>
        unlessCancelled(ports.checks.health(url), ports.cancel),
      );
      stage.health = report.health.ok;
      if (!report.health.ok) {
        markPhaseFailed(report, 'health');
        throw new Error(`health check of ${revision} failed at ${percent} %`);
      }
      report.smoke = await timePhase(report, 'checks', () =>
        unlessCancelled(ports.checks.smoke(url), ports.cancel),
      );
      stage.smoke = report.smoke?.ok;
      if (report.smoke !== undefined && !report.smoke.ok) {
        markPhaseFailed(report, 'checks');
        throw new Error(`smoke checks of ${revision} failed at ${percent} %`);
      }
      if (baseline !== undefined && after.uri !== undefined && percent < 100) {
        const uri = after.uri;
        const step = failRate(
          await timePhase(report, 'checks', () => unlessCancelled(ports.checks.smoke(uri), ports.cancel)),
        );
        const verdict = compareErrorRates(baseline, step);
        ports.log.info(`error rate at ${percent} %: ${verdict.text}`);
        stage.errorRate = verdict.text;
        stage.errorRateOk = verdict.ok;
        if (!verdict.ok) {
          markPhaseFailed(report, 'checks');
          throw new Error(`error rate at ${percent} % ${verdict.text}`);
        }
      }
      stage.ok = true;
    }
    settleOn(report, { kind: 'passed', command: report.command });
    return report;
  } catch (err) {
    report.failureReason = errorMessage(err);
    const cancelled = isCancelled(err);
    if (cancelled) ports.log.warning(report.failureReason);
    else ports.log.error(report.failureReason);
    try {
      await timePhase(report, 'traffic', () =>
        ports.cloudRun.restoreTraffic(saved, [config.promote.prevTag]),
      );
      const after = await ports.cloudRun.getService();
      report.traffic = (after?.traffic ?? saved).map((t) => ({
        target: t.revision ?? 'LATEST',
        percent: t.percent,
        tag: t.tag,
      }));
      settleOn(report, { kind: 'undone', cancelled, undo: { kind: 'traffic-restored' } });
    } catch (restoreErr) {
      settleOn(report, { kind: 'undone', cancelled, undo: { kind: 'failed' } });
      report.failureReason += `; restoring the saved traffic also failed: ${errorMessage(restoreErr)}`;
    }
    return report;
  }
}
