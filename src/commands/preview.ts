import { errorMessage } from '../config/user-error.js';
import type { Config } from '../config/config.js';
import { timePhase } from '../report/phases.js';
import type { RunReport } from '../report/run-report.js';
import { configHash } from '../cloudrun/naming.js';
import type { Deployment } from '../cloudrun/run-port.js';
import type { ApiTemplate } from '../cloudrun/api-mapping.js';
import { applyAccess } from './access.js';
import type { Ports } from './ports.js';

/** What the preview command knows before it starts: the validated config and the PR it serves. */
export interface PreviewPlan {
  config: Config;
  prNumber: number;
  commitSha: string;
  tag: string;
  /** Names the revision after the merged template it runs (deterministic per PR, commit and template). */
  revisionName(template: ApiTemplate): string;
}

/** A short hash of the settings that shape a preview revision apart from the image (for idempotent re-runs). */
export function settingsHash(plan: PreviewPlan): string {
  const { deploy, build } = plan.config;
  return configHash(
    { deploy, build: { ...build, buildSecrets: Object.keys(build.buildSecrets) }, tag: plan.tag },
    12,
  );
}

/** Labels every preview revision carries over the `labels` input, so cleanup and promotion can find it. */
export function previewLabels(plan: PreviewPlan): Record<string, string> {
  return {
    'managed-by': 'gcp-deploy',
    'gcp-deploy-pr': String(plan.prNumber),
    'gcp-deploy-sha': plan.commitSha.toLowerCase().slice(0, 40),
    'gcp-deploy-config': settingsHash(plan),
  };
}

/**
 * Env vars that let an app isolate its data per PR (a schema or key prefix named after PREVIEW_ID), set
 * over the `env_vars` input; a promotion never carries them (template-merge's PREVIEW_ENV_NAMES).
 */
export function previewEnv(plan: PreviewPlan): Record<string, string> {
  return {
    PREVIEW_ID: plan.tag,
    PREVIEW_TAG: plan.tag,
    PREVIEW_PR: String(plan.prNumber),
    PREVIEW_SHA: plan.commitSha,
  };
}

/**
 * build -> push -> deploy (tag, 0 %) -> ready -> health -> smoke -> report; a failure after the deploy points
 * the PR's tag back to the revision it had (or removes it) and never touches any other traffic.
 */
export async function runPreview(plan: PreviewPlan, report: RunReport, ports: Ports): Promise<RunReport> {
  const { config } = plan;
  let deployment: Deployment | undefined;
  const fail = async (reason: string): Promise<RunReport> => {
    report.failureReason = reason;
    ports.log.error(reason);
    if (deployment === undefined || !config.rollbackOnFailure) {
      report.state = 'failed';
      report.result = 'failure';
      if (deployment !== undefined)
        report.notes.push('rollback_on_failure is false: the failed revision keeps the tag');
      return report;
    }
    await rollBackTag(plan, report, ports, deployment);
    return report;
  };

  try {
    report.state = 'building';
    await ports.github.progress(report);
    deployment = await reusableDeployment(plan, ports);
    if (deployment !== undefined) {
      ports.log.info(
        `${deployment.revision} already serves tag ${plan.tag} for this commit and settings: nothing to build or deploy`,
      );
      report.notes.push(
        'Re-run of the same commit and settings: the existing revision was checked again, nothing was deployed.',
      );
      report.image = deployment.image;
      report.digest = deployment.image?.slice(deployment.image.lastIndexOf('@') + 1);
    } else {
      const image = await ports.images.buildAndPush();
      report.image = image.imageRef;
      report.digest = image.digest;

      report.state = 'deploying';
      await ports.github.progress(report);
      const request = {
        name: (template: ApiTemplate) => plan.revisionName(template),
        image: image.imageRef,
        runEnv: previewEnv(plan),
        runLabels: previewLabels(plan),
      };
      deployment = await timePhase(report, 'deploy', () => ports.cloudRun.deployTagged(request, plan.tag));
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
      const note = `Service ${config.service} did not exist and was created; this revision serves its traffic until a promotion.`;
      report.notes.push(note);
      ports.log.notice(note);
    }
    if (!deployment.ready) {
      return await fail(
        `Revision ${deployment.revision} failed to become ready: ${deployment.message ?? 'no reason given'}`,
      );
    }
    if (deployment.url === undefined) {
      return await fail(`Cloud Run reported no URL for tag ${plan.tag} on service ${config.service}`);
    }

    await applyAccess(plan, deployment, report, ports);
    report.state = 'checking';
    await ports.github.progress(report);
    const url = deployment.url;
    // 'ready': from the finished operation until the tag URL answers the health path (cold start included).
    report.health = await timePhase(report, 'ready', () => ports.checks.health(url));
    if (!report.health.ok) {
      const last =
        report.health.denied ??
        (report.health.lastStatus === null
          ? (report.health.error ?? 'no answer')
          : `HTTP ${report.health.lastStatus}`);
      return await fail(
        `Health check of ${url}${config.checks.healthPath} failed after ${report.health.attempts} attempts: ${last}`,
      );
    }
    report.smoke = await timePhase(report, 'checks', () => ports.checks.smoke(url));
    if (report.smoke !== undefined && !report.smoke.ok) {
      const failed = report.smoke.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);
      return await fail(
        `Smoke checks failed${report.smoke.aborted ? ' (aborted early)' : ''}: ${failed.length > 0 ? failed.join(', ') : 'see the summary'}`,
      );
    }
    report.state = 'ready';
    report.result = 'success';
    return report;
  } catch (err) {
    return await fail(errorMessage(err));
  }
}

/** The revision already tagged for this PR when it was built from this commit with these settings and is ready. */
async function reusableDeployment(plan: PreviewPlan, ports: Ports): Promise<Deployment | undefined> {
  const service = await ports.cloudRun.getService();
  const tagged = service?.traffic.find((t) => t.tag === plan.tag)?.revision;
  if (service === null || tagged === undefined) return undefined;
  const labels = previewLabels(plan);
  const same = await ports.cloudRun.listRevisions({
    'gcp-deploy-pr': labels['gcp-deploy-pr'] ?? '',
    'gcp-deploy-sha': labels['gcp-deploy-sha'] ?? '',
    'gcp-deploy-config': labels['gcp-deploy-config'] ?? '',
  });
  const hit = same.find((r) => r.name === tagged && r.ready);
  if (hit === undefined) return undefined;
  return {
    revision: hit.name,
    url: service.tagUrls[plan.tag],
    ready: true,
    serviceCreated: false,
    previousRevision: hit.name,
    image: hit.image,
  };
}

async function rollBackTag(
  plan: PreviewPlan,
  report: RunReport,
  ports: Ports,
  deployment: Deployment,
): Promise<void> {
  const back =
    deployment.previousRevision !== deployment.revision ? (deployment.previousRevision ?? null) : null;
  try {
    await timePhase(report, 'traffic', () => ports.cloudRun.retag(plan.tag, back));
    report.state = 'rolled-back';
    report.result = 'rolled-back';
    report.url = back === null ? undefined : report.url;
    report.notes.push(
      back === null
        ? `Tag ${plan.tag} was removed (no earlier revision of this PR passed); ${deployment.revision} is kept untagged for debugging.`
        : `Tag ${plan.tag} points back to ${back}; ${deployment.revision} is kept untagged for debugging.`,
    );
  } catch (err) {
    report.state = 'failed';
    report.result = 'failure';
    report.failureReason = `${report.failureReason ?? ''}; the rollback of tag ${plan.tag} also failed: ${errorMessage(err)}`;
  }
}
