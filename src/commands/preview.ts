import { LABEL, MANAGED, REVISION_ANNOTATION } from '../shared/labels.js';
import { digestOf } from '../shared/image-ref.js';
import { errorMessage } from '../config/user-error.js';
import type { Config } from '../config/config.js';
import { markPhaseFailed, timePhase } from '../report/phases.js';
import type { PreviewFacts, RunReport } from '../report/run-report.js';
import { configHash, CREATED_BY_PREVIEW } from '../cloudrun/naming.js';
import {
  passedRevision,
  type Deployment,
  type HeldRevision,
  type ServiceState,
} from '../cloudrun/run-port.js';
import type { ApiTemplate } from '../cloudrun/api-mapping.js';
import { describeConnection, fixFor } from '../cloudrun/data-connections.js';
import { inspectPreview } from '../cloudrun/preview-profile.js';
import { identityNote } from '../report/run-report.js';
import { applyAccess } from './access.js';
import { creationNotice, deleteIfOnlyPreviews } from './preview-service.js';
import { isCancelled, throwIfCancelled, unlessCancelled } from './cancellation.js';
import type { ServiceTools } from './service-tools.js';
import type { BuiltImage } from './image-step.js';
import type { ServiceStage } from '../report/environment-report.js';
import { blockingMessage } from '../build/doctor/index.js';
import { settleOn, type Settled, type Undo } from './outcome.js';
import { preparePreviewData } from './preview-data.js';
import { compareWithBaseline } from './compare-step.js';
import { readBefore, tagLimitRefusal, type RunTag } from './tag-limit-check.js';
import { checkActAsBeforeBuild } from '../iam/act-as.js';

/**
 * What the preview command knows before it starts: the validated config and the PR it serves. Without a PR
 * it deploys a release candidate (a push to the default branch): production settings, no PREVIEW_* variables,
 * checked at 0 % under the candidate tag, for a release to promote by its commit.
 */
export interface PreviewPlan {
  config: Config;
  prNumber: number | undefined;
  commitSha: string;
  tag: string;
  /** Names the revision after the merged template it runs (deterministic per PR, commit and template). */
  revisionName(template: ApiTemplate): string;
  /** Set when this preview is one service of an environment (environment-run.ts drives it). */
  member?: MemberHooks;
  /** The PR's base commit (compare: candidate). */
  baseSha?: string;
  /**
   * The event opened (or reopened) the PR, so its tag is most likely new on the service: the run reads the
   * region's services first, which gives the service and the tag count in one call (tag-limit-check.ts).
   */
  prOpened?: boolean;
}

/** How the run around one service's preview takes part in it: an environment's, or ALONE for one service. */
export interface MemberHooks {
  /**
   * What the reuse rule (lastBuild, keeps) knows a build by: the digest of the build's inputs
   * (build-inputs.ts), which an environment computes for each member so that an unchanged one is not
   * built again on another commit; unset, the commit stands for its inputs.
   */
  inputsDigest?: string;
  /** True when the preview records its own pass; an environment records all of them once all passed. */
  recordsOwnPass: boolean;
  stage(stage: ServiceStage): void;
  /** Awaited before the deploy: the env vars the services it needs hand it (their URLs). */
  waitForNeeds(): Promise<Record<string, string>>;
  /** The revision is ready at this URL: services that need this one may deploy. */
  deployed(url: string): void;
  /** The service as it was before the run, for the environment's all-or-nothing restore. */
  before(state: ServiceState | null): void;
  /**
   * Awaited after the isolation check, before anything is built, so that a strict refusal of one service
   * stops all of them before any builds: rejects when another service's check refused the run.
   */
  inspected(refused: boolean): Promise<void>;
  /** Every tag the environment's run wants, for Cloud Run's tag limit (tag-limit-check.ts). */
  runTags?: readonly RunTag[];
}

/** One service previewed alone: nothing to wait for, nobody to tell, its pass recorded at once. */
export const ALONE: MemberHooks = {
  recordsOwnPass: true,
  stage: () => {},
  waitForNeeds: () => Promise.resolve({}),
  deployed: () => {},
  before: () => {},
  inspected: () => Promise.resolve(),
};

/** A member's deploy that never started because a service it needs failed. */
export class NeedFailed extends Error {
  override readonly name = 'NeedFailed';
}

/** A short hash of the settings that shape a preview revision apart from the image (for idempotent re-runs). */
export function settingsHash(plan: PreviewPlan, needsEnv: Record<string, string> = {}): string {
  const { deploy, build } = plan.config;
  const settings = {
    deploy,
    build: { ...build, buildSecrets: Object.keys(build.buildSecrets) },
    tag: plan.tag,
    // A PR's preview profile shapes its revision too; candidates never get it.
    ...(plan.prNumber !== undefined ? { preview: plan.config.preview } : {}),
  };
  // The URLs an environment hands a service are settings too; a single service has none (same hash as before).
  return configHash(Object.keys(needsEnv).length === 0 ? settings : { ...settings, needsEnv }, 12);
}

/** Labels every preview revision carries over the `labels` input, so cleanup and promotion can find it. */
export function previewLabels(
  plan: PreviewPlan,
  needsEnv: Record<string, string> = {},
): Record<string, string> {
  return {
    ...MANAGED,
    ...ownerLabel(plan),
    [LABEL.sha]: plan.commitSha.toLowerCase().slice(0, 40),
    [LABEL.config]: settingsHash(plan, needsEnv),
    ...(plan.member?.inputsDigest === undefined ? {} : { [LABEL.inputs]: plan.member.inputsDigest }),
  };
}

/** The label that says whose revision it is: a PR's, or the release candidates'. */
function ownerLabel(plan: PreviewPlan): Record<string, string> {
  return plan.prNumber === undefined ? { [LABEL.kind]: 'candidate' } : { [LABEL.pr]: String(plan.prNumber) };
}

/**
 * Env vars that let an app isolate its data per PR (a schema or key prefix named after PREVIEW_ID), set
 * over the `env_vars` input; a promotion never carries them (template-merge's PREVIEW_ENV_NAMES).
 */
export function previewEnv(plan: PreviewPlan): Record<string, string> {
  if (plan.prNumber === undefined) return {};
  return {
    PREVIEW_ID: plan.tag,
    PREVIEW_TAG: plan.tag,
    PREVIEW_PR: String(plan.prNumber),
    PREVIEW_SHA: plan.commitSha,
  };
}

/**
 * The revision a failure (or a cancel) returns the tag to: the one recorded as last passing its checks under
 * the tag, else (a service previewed before that record existed) the one the tag pointed at before; null
 * removes the tag. Never the revision that just failed.
 */
export function lastGoodRevision(
  before: ServiceState | null,
  tag: string,
  failing: string | undefined,
): string | null {
  if (before === null) return null;
  const recorded = passedRevision(before, tag);
  const candidate = recorded ?? before.traffic.find((t) => t.tag === tag)?.revision;
  return candidate === undefined || candidate === failing ? null : candidate;
}

/**
 * build -> push -> deploy (tag, 0 %) -> ready -> health -> smoke -> report; a failure or a cancel after the
 * deploy points the PR's tag back to the last revision that passed (or removes it) and never touches any
 * other traffic.
 */
export async function runPreview(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
): Promise<RunReport> {
  const { config } = plan;
  const { cancel } = ports;
  let before: ServiceState | null = null;
  let deployment: Deployment | undefined;
  /** True once this run may have moved the tag (a deploy was sent, or an old revision is being re-checked). */
  let touched = false;
  const fail = async (reason: string, err?: unknown): Promise<RunReport> => {
    const cancelled = isCancelled(err);
    report.failureReason = cancelled
      ? `The run was ${reason} before its checks finished; nothing it deployed was reported ready.`
      : reason;
    if (cancelled) ports.log.warning(report.failureReason);
    else ports.log.error(report.failureReason);
    if (cancelled) {
      // A cancel always undoes this run's own change, whatever rollback_on_failure says.
      if (touched) {
        await rollBackTag(plan, report, ports, before, deployment?.revision, true);
        await deleteUnusedPreviewService(plan, report, ports, before, 'its first preview was cancelled');
      } else settleOn(report, { kind: 'stopped', command: report.command, cancelled: true });
      return report;
    }
    if (!config.rollbackOnFailure) {
      settleOn(report, { kind: 'kept-failing', deployed: touched });
      return report;
    }
    if (touched) {
      // A failed candidate is remembered, so the release of its commit stops at once with why.
      if (plan.prNumber === undefined && deployment?.revision !== undefined)
        await recordCandidateFailure(plan, report, ports, deployment.revision);
      await rollBackTag(plan, report, ports, before, deployment?.revision, false);
      await deleteUnusedPreviewService(plan, report, ports, before, 'its first preview failed');
    } else {
      settleOn(report, { kind: 'stopped', command: report.command, cancelled: false });
      await repairTag(plan, report, ports, before);
    }
    return report;
  };

  const member = plan.member ?? ALONE;
  const stage = (st: ServiceStage): void => member.stage(st);
  const doctor = report.doctor;
  if (doctor?.mode === 'error' && doctor.findings.length > 0) {
    // dockerfile_checks: error stops the run before anything is read from, built for or sent to Cloud Run.
    report.phases.push({ phase: 'build', durationMs: 0, ok: false, detail: 'dockerfile_checks' });
    report.failureReason = blockingMessage(doctor.findings);
    stage(settleOn(report, { kind: 'stopped', command: report.command, cancelled: false }).stage);
    return report;
  }
  try {
    report.state = 'building';
    stage('building');
    await ports.github.progress(report);
    const first = await readBefore(plan, ports);
    before = first.before;
    member.before(before);
    // The one reuse rule: the tagged revision built from this run's inputs lends its image,
    // and is kept when its settings (the URLs of what it needs included) are this run's too.
    const last = await lastBuild(plan, ports, before);
    const lent = lentImage(plan, last);
    /** Kept whatever its needs say: it needs nothing, or its settings would differ already. */
    const sure = lent !== undefined && last !== undefined && keeps(plan, before, last, {});
    // Whether the deployer may act as the runtime identity (one IAM call) is asked while production is
    // inspected; its answer still comes before anything is built, and after a refusal of the inspection.
    const actAs = sure
      ? undefined
      : checkActAsBeforeBuild(ports, config, plan.prNumber !== undefined, before);
    actAs?.catch(() => undefined); // awaited below, unless the inspection refused the run first
    if (plan.prNumber !== undefined) {
      // A kept revision was inspected when it was deployed, from the production it was made from: what that
      // found is recorded on it (nothing new will run), so it is told again without reading production.
      const recorded = sure ? recordedFacts(last.annotations) : undefined;
      const refused =
        recorded !== undefined
          ? tellFacts(plan, report, ports, recorded)
          : ((await inspectIsolation(plan, report, ports, before)) ??
            // Cloud Run's limits (issue 28): a new tag must fit the region before anything is built.
            (await tagLimitRefusal(plan, ports, before, first.region)));
      await member.inspected(refused !== undefined);
      if (refused !== undefined) return await fail(refused);
    }
    await actAs;
    if (lent !== undefined && last !== undefined) {
      ports.log.info(
        inputsDigestOf(plan) === undefined
          ? `Commit ${plan.commitSha.slice(0, 7)} was built for ${last.name}: reusing its image ${lent.imageRef}`
          : `Build inputs unchanged since ${last.name}: reusing its image ${lent.imageRef}`,
      );
    }
    const image =
      lent ??
      (await imageOfSameInputs(plan, ports, before, config)) ??
      (await unlessCancelled(
        ports.images.buildAndPush(() => stage('pushing')),
        cancel,
      ));
    report.image = image.imageRef;
    report.digest = image.digest;
    throwIfCancelled(cancel);

    stage('waiting');
    const needsEnv = await unlessCancelled(member.waitForNeeds(), cancel);
    if (lent !== undefined && last !== undefined && keeps(plan, before, last, needsEnv)) {
      deployment = keptDeployment(before as ServiceState, plan.tag, last.name, image.imageRef);
      stage('reused');
      if (sameCommit(plan, last)) {
        // As if this run had deployed it: should its checks fail now, the tag goes back as after a deploy.
        touched = true;
        ports.log.info(
          `${last.name} already serves tag ${plan.tag} for this commit and settings: nothing to build or deploy`,
        );
        report.notes.push(
          'Re-run of the same commit and settings: the existing revision was checked again, nothing was deployed.',
        );
      } else {
        // Nothing moves: should its checks fail now (a need changed), the tag stays on its last good revision.
        report.notes.push(
          `Unchanged since ${last.name} passed under tag ${plan.tag}: nothing was built or deployed, the revision was checked again.`,
        );
      }
    } else {
      if (plan.prNumber !== undefined && config.data !== undefined) {
        // Per-PR data (preview-data.ts): database, secret, migrate and seed jobs, before the tag moves.
        const pr = plan.prNumber;
        const revision = {
          image: image.imageRef,
          runEnv: { ...previewEnv(plan), ...needsEnv },
          runLabels: previewLabels(plan, needsEnv),
        };
        const failed = await timePhase(report, 'migrate', () =>
          preparePreviewData(config, pr, before, revision, ports, report.notes),
        );
        if (failed !== undefined) {
          markPhaseFailed(report, 'migrate');
          return await fail(failed);
        }
      }
      report.state = 'deploying';
      stage('deploying');
      await ports.github.progress(report);
      throwIfCancelled(cancel);
      const request = {
        name: (template: ApiTemplate) => plan.revisionName(template),
        image: image.imageRef,
        runEnv: { ...previewEnv(plan), ...needsEnv },
        runLabels: previewLabels(plan, needsEnv),
        ...(plan.prNumber !== undefined ? { preview: config.preview } : {}),
        ...(report.preview !== undefined
          ? { runAnnotations: { [REVISION_ANNOTATION.previewFacts]: JSON.stringify(report.preview) } }
          : {}),
      };
      touched = true;
      // Who may invoke the service (applyAccess) does not change with a deploy: read while the revision starts.
      if (before !== null) void ports.cloudRun.access().catch(() => undefined);
      deployment = await timePhase(report, 'deploy', () =>
        ports.cloudRun.deployTagged(request, plan.tag, cancel),
      );
      if (deployment.base !== undefined) {
        report.notes.push(
          `Inherits every setting of ${deployment.base} (what production serves) apart from this run's inputs.`,
        );
      }
    }
    report.revision = deployment.revision;
    report.url = deployment.url;
    report.previousRevision = deployment.previousRevision;
    report.serviceCreated = deployment.serviceCreated;
    if (deployment.serviceCreated) {
      const note = creationNotice(config.service, plan.tag);
      report.notes.push(note);
      ports.log.notice(note);
    }
    if (!deployment.ready) {
      markPhaseFailed(report, 'deploy');
      return await fail(
        `Revision ${deployment.revision} failed to become ready: ${deployment.message ?? 'no reason given'}`,
      );
    }
    if (deployment.url === undefined) {
      return await fail(`Cloud Run reported no URL for tag ${plan.tag} on service ${config.service}`);
    }

    await applyAccess(plan, deployment, report, ports);
    member.deployed(deployment.url);
    report.state = 'checking';
    stage('checking');
    await ports.github.progress(report);
    throwIfCancelled(cancel);
    const url = deployment.url;
    // 'ready': from the finished operation until the tag URL answers the health path (cold start included).
    report.health = await timePhase(report, 'ready', () => unlessCancelled(ports.checks.health(url), cancel));
    if (!report.health.ok) {
      markPhaseFailed(report, 'ready');
      const last =
        report.health.denied ??
        (report.health.lastStatus === null
          ? (report.health.error ?? 'no answer')
          : `HTTP ${report.health.lastStatus}`);
      return await fail(
        `Health check of ${url}${config.checks.healthPath} failed after ${report.health.attempts} attempts: ${last}`,
      );
    }
    report.smoke = await timePhase(report, 'checks', () => unlessCancelled(ports.checks.smoke(url), cancel));
    if (report.smoke !== undefined && !report.smoke.ok) {
      markPhaseFailed(report, 'checks');
      const failed = report.smoke.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);
      return await fail(
        `Smoke checks failed${report.smoke.aborted ? ' (aborted early)' : ''}: ${failed.length > 0 ? failed.join(', ') : 'see the summary'}`,
      );
    }
    throwIfCancelled(cancel);
    // Issue 31: the preview against its baseline (compare-step.ts); a failing regression threshold fails it.
    const slower = await compareWithBaseline(plan, report, ports, url);
    if (slower !== undefined) {
      markPhaseFailed(report, 'checks');
      return await fail(slower);
    }
    throwIfCancelled(cancel);
    // An environment records its members' passes once all of them passed (all or nothing).
    if (member.recordsOwnPass) await recordPass(plan, ports, deployment.revision);
    else stage('passed');
    settleOn(report, { kind: 'passed', command: report.command });
    return report;
  } catch (err) {
    return await fail(errorMessage(err), err);
  }
}

/**
 * What the preview will be, worked out from production's template before anything is built: its profile and
 * identity go on the report, and each production data connection it would inherit is noted (warn) or refuses
 * the run (strict; the returned reason names each finding and its fix).
 */
async function inspectIsolation(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
  before: ServiceState | null,
): Promise<string | undefined> {
  const { config } = plan;
  const base = await ports.cloudRun.baseTemplate(before);
  const seen = inspectPreview(
    base,
    { deploy: config.deploy, runEnv: previewEnv(plan), runLabels: {} },
    config.preview,
  );
  const off = config.preview.isolation === 'off';
  const { findings, shared } = seen.detection;
  report.preview = {
    profile: seen.profile,
    ...(seen.productionIdentity !== undefined ? { productionIdentity: seen.productionIdentity } : {}),
    sharedWithProduction: off ? [] : findings.map(describeConnection),
    sharedOnPurpose: off ? [] : shared.map(describeConnection),
  };
  logProfile(ports, report.preview);
  if (off) return undefined;
  // A name in `shared` that matches nothing is most likely a typo for one that does.
  const unmatched = config.preview.shared.filter((n) => !shared.some((f) => f.name === n));
  if (unmatched.length > 0) {
    ports.log.warning(
      `shared names ${unmatched.join(', ')}, which this preview does not inherit from production as a data connection; it has no effect.`,
    );
  }
  if (findings.length === 0) return undefined;
  const lines = findings.map((f) => `- ${describeConnection(f)}`);
  if (config.preview.isolation === 'warn') {
    ports.log.notice([`This preview shares production's data (isolation: warn):`, ...lines].join('\n'));
    return undefined;
  }
  return [
    `isolation is strict and this preview would share ${findings.length} of production's data connections; nothing was built, pushed or deployed.`,
    ...findings.map((f) => `- ${describeConnection(f)}. Fix: ${fixFor(f)}.`),
  ].join('\n');
}

function logProfile(ports: ServiceTools, facts: PreviewFacts): void {
  ports.log.info(`Preview profile: ${facts.profile}`);
  if (facts.productionIdentity !== undefined) ports.log.notice(identityNote(facts.productionIdentity));
}

/** The facts a preview revision was deployed with (REVISION_ANNOTATION), or undefined when it has none. */
function recordedFacts(annotations: Record<string, string> = {}): PreviewFacts | undefined {
  const text = annotations[REVISION_ANNOTATION.previewFacts];
  if (text === undefined) return undefined;
  try {
    const f = JSON.parse(text) as Partial<PreviewFacts>;
    const lines = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (typeof f.profile !== 'string' || !lines(f.sharedWithProduction) || !lines(f.sharedOnPurpose))
      return undefined;
    if (f.productionIdentity !== undefined && typeof f.productionIdentity !== 'string') return undefined;
    return {
      profile: f.profile,
      ...(f.productionIdentity !== undefined ? { productionIdentity: f.productionIdentity } : {}),
      sharedWithProduction: f.sharedWithProduction,
      sharedOnPurpose: f.sharedOnPurpose,
    };
  } catch {
    return undefined; // not ours to trust: the run inspects production instead
  }
}

/**
 * A kept revision's recorded facts, reported as inspectIsolation reports them. Never a refusal: a revision
 * that strict isolation would refuse was never deployed, and changed settings make it no re-run.
 */
function tellFacts(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
  facts: PreviewFacts,
): undefined {
  report.preview = facts;
  logProfile(ports, facts);
  if (plan.config.preview.isolation === 'warn' && facts.sharedWithProduction.length > 0) {
    const lines = facts.sharedWithProduction.map((line) => `- ${line}`);
    ports.log.notice([`This preview shares production's data (isolation: warn):`, ...lines].join('\n'));
  }
  return undefined;
}

/** Records the pass on the service, so a later failure or cancel knows where to return the tag. */
export async function recordPass(plan: PreviewPlan, ports: ServiceTools, revision: string): Promise<void> {
  try {
    await ports.cloudRun.markPassed(plan.tag, revision);
  } catch (err) {
    // The preview is good either way; only a later rollback's target would be older than it could be.
    ports.log.warning(`Could not record that ${revision} passed under tag ${plan.tag}: ${errorMessage(err)}`);
  }
}

/** Records on the service that a candidate revision failed its checks, and in which run. */
async function recordCandidateFailure(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
  revision: string,
): Promise<void> {
  try {
    await ports.cloudRun.markFailed(plan.tag, revision, report.runUrl ?? 'unknown');
  } catch (err) {
    ports.log.warning(`Could not record that ${revision} failed under tag ${plan.tag}: ${errorMessage(err)}`);
  }
}

/** A revision the tag already points at, kept as the run's deployment: nothing is deployed. */
function keptDeployment(
  service: ServiceState,
  tag: string,
  revision: string,
  image: string | undefined,
): Deployment {
  return {
    revision,
    url: service.tagUrls[tag],
    ready: true,
    serviceCreated: false,
    previousRevision: revision,
    image,
  };
}

/** What the run's revisions are built from: the build inputs' digest (an environment's), else none. */
function inputsDigestOf(plan: PreviewPlan): string | undefined {
  return plan.member?.inputsDigest;
}

function sameCommit(plan: PreviewPlan, revision: HeldRevision): boolean {
  return revision.labels[LABEL.sha] === plan.commitSha.toLowerCase().slice(0, 40);
}

/**
 * The reuse rule's first half: the revision the tag points at, when it is ready, this PR's (or the
 * candidates'), and built from what this run builds: the same build inputs (their digest, when the run has
 * one), else the same commit. Free when the service as read holds it as its template, else one GetRevision.
 */
async function lastBuild(
  plan: PreviewPlan,
  ports: ServiceTools,
  service: ServiceState | null,
): Promise<HeldRevision | undefined> {
  const tagged = service?.traffic.find((t) => t.tag === plan.tag)?.revision;
  if (tagged === undefined) return undefined;
  const hit = await ports.cloudRun.taggedRevision(plan.tag);
  if (hit?.name !== tagged || hit.ready !== true || hit.image?.includes('@sha256:') !== true)
    return undefined;
  if (!Object.entries(ownerLabel(plan)).every(([k, v]) => hit.labels[k] === v)) return undefined;
  const digest = inputsDigestOf(plan);
  return (digest === undefined ? sameCommit(plan, hit) : hit.labels[LABEL.inputs] === digest)
    ? hit
    : undefined;
}

/**
 * The image of `last` this run takes as its own: what it built from the same inputs; for a prebuilt image,
 * only when that names the same digest (one named by tag is resolved again each run, as the tag may move).
 * A commit stands for the build's inputs only with the same settings (build arguments, target, platform).
 */
function lentImage(plan: PreviewPlan, last: HeldRevision | undefined): BuiltImage | undefined {
  const image = last?.image;
  if (last === undefined || image === undefined) return undefined;
  if (inputsDigestOf(plan) === undefined && last.labels[LABEL.config] !== settingsHash(plan))
    return undefined;
  const prebuilt = plan.config.build.prebuiltImage;
  if (prebuilt !== undefined && (!prebuilt.includes('@sha256:') || digestOf(prebuilt) !== digestOf(image)))
    return undefined;
  return { imageRef: image, digest: digestOf(image), tags: [] };
}

/**
 * The reuse rule's second half: `last` (built from this run's inputs) is kept when it was made with this
 * run's settings, the URLs of what it needs included, and it is this commit's, or, for a PR, it passed
 * under the tag (an earlier commit's revision stands for this one only once checked). Candidates always
 * deploy a new commit, so each release commit has revisions labelled with it.
 */
function keeps(
  plan: PreviewPlan,
  service: ServiceState | null,
  last: HeldRevision,
  needsEnv: Record<string, string>,
): boolean {
  if (service === null || last.labels[LABEL.config] !== settingsHash(plan, needsEnv)) return false;
  if (sameCommit(plan, last)) return true;
  return plan.prNumber !== undefined && passedRevision(service, plan.tag) === last.name;
}

/**
 * The image of this PR's (or the candidates') newest ready revision built from the same inputs, when the
 * tagged one was not: an unchanged service of an environment whose tag moved on is not built again. Only
 * for build inputs that have a digest (a commit is only ever built once per PR), and only where the tag
 * exists: a first preview has no earlier revision to find.
 */
async function imageOfSameInputs(
  plan: PreviewPlan,
  ports: ServiceTools,
  service: ServiceState | null,
  config: Config,
): Promise<BuiltImage | undefined> {
  const digest = inputsDigestOf(plan);
  if (digest === undefined || config.build.prebuiltImage !== undefined) return undefined;
  if (service === null || !service.traffic.some((t) => t.tag === plan.tag)) return undefined;
  const same = await ports.cloudRun.listRevisions({ ...ownerLabel(plan), [LABEL.inputs]: digest });
  const hit = same.find((r) => r.ready && r.image?.includes('@sha256:') === true);
  if (hit?.image === undefined) return undefined;
  ports.log.info(`Build inputs unchanged since ${hit.name}: reusing its image ${hit.image}`);
  return { imageRef: hit.image, digest: digestOf(hit.image), tags: [] };
}

/**
 * After a failed or cancelled preview lost its tag: a service that did not exist before the run (or that
 * previews alone ever used) and that nothing uses now is deleted, so no unchecked revision serves it.
 */
export async function deleteUnusedPreviewService(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
  before: ServiceState | null,
  why: string,
): Promise<void> {
  if (report.result === 'failure') return; // the tag could not be removed: the service is still in use
  if (before !== null && before.annotations[CREATED_BY_PREVIEW] === undefined) return;
  if (await deleteIfOnlyPreviews(plan.config.service, why, report, ports)) report.url = undefined;
}

/**
 * Points the tag back at the last revision that passed (or removes it), and settles the run as undone (or
 * as failed when the retag itself failed). `because`: this member is undone for another's failure.
 */
export async function rollBackTag(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
  before: ServiceState | null,
  failing: string | undefined,
  cancelled: boolean,
  because?: string,
): Promise<Settled> {
  const last = lastGoodRevision(before, plan.tag, failing);
  let undo: Undo;
  try {
    const back = await unlessCollected(last, ports, report);
    await timePhase(report, 'traffic', () => ports.cloudRun.retag(plan.tag, back));
    report.url = back === null ? undefined : before?.tagUrls[plan.tag];
    undo = { kind: 'retagged', tag: plan.tag, back, ...(failing === undefined ? {} : { failing }) };
  } catch (err) {
    report.failureReason = `${report.failureReason ?? ''}; the rollback of tag ${plan.tag} also failed: ${errorMessage(err)}`;
    undo = { kind: 'failed' };
  }
  return settleOn(
    report,
    because === undefined
      ? { kind: 'undone', cancelled, undo }
      : { kind: 'undone-for-another', cancelled, undo, because },
  );
}

/**
 * The last good revision, or null when it no longer exists: Cloud Run deletes the oldest revisions that serve
 * nothing once a service holds 1,000, so a recorded pass can outlive its revision. The tag is then removed
 * rather than pointed at a revision that never passed.
 */
async function unlessCollected(
  revision: string | null,
  ports: ServiceTools,
  report: RunReport,
): Promise<string | null> {
  if (revision === null || (await ports.cloudRun.getRevision(revision)) !== null) return revision;
  report.notes.push(
    `${revision}, the last revision that passed its checks, no longer exists (Cloud Run deletes the oldest revisions without traffic beyond 1,000 per service).`,
  );
  return null;
}

/**
 * A run that failed before deploying still repairs what a stopped run left: a tag on a revision that never
 * passed its checks goes back to the last one that did.
 */
async function repairTag(
  plan: PreviewPlan,
  report: RunReport,
  ports: ServiceTools,
  before: ServiceState | null,
): Promise<void> {
  const recorded = before === null ? undefined : passedRevision(before, plan.tag);
  const now = before?.traffic.find((t) => t.tag === plan.tag)?.revision;
  if (recorded === undefined || now === undefined || now === recorded) return;
  try {
    const back = await unlessCollected(recorded, ports, report);
    await ports.cloudRun.retag(plan.tag, back);
    report.notes.push(
      back === null
        ? `Tag ${plan.tag} was on ${now}, which never passed its checks (an earlier run was stopped); it was removed.`
        : `Tag ${plan.tag} was on ${now}, which never passed its checks (an earlier run was stopped); it points back to ${recorded}.`,
    );
  } catch (err) {
    ports.log.warning(`Could not return tag ${plan.tag} to ${recorded}: ${errorMessage(err)}`);
  }
}
