/**
 * The baseline revision: what a preview is compared with when `compare: production`. It is production's
 * revision (its digest and template) with the preview profile, tagged `baseline` at 0 %, so that the
 * comparison never sends a request to production's traffic or instances. One per production revision: made
 * by the first comparison after production moved, reused by every other, replaced when production moves,
 * removed when no open preview needs it. Marked as this action's own by its labels.
 *
 * `planBaseline` and `baselineRevisionName` are pure; `ensureBaseline` and `removeBaselines` do the I/O.
 */
import { createHash } from 'node:crypto';
import type { PreviewSettings } from '../config/config.js';
import type { ApiTemplate, ServiceState } from './api-mapping.js';
import type { CloudRunService, RevisionInfo } from './cloud-run-service.js';
import { CREATED_BY_PREVIEW, MAX_REVISION_NAME } from './naming.js';
import { previewTemplate } from './preview-profile.js';
import { productionRevision } from './traffic-plan.js';

export const BASELINE_TAG = 'baseline';
/** Labels on a baseline revision: whose it is, and which production revision it copies. */
export const BASELINE_KIND_LABEL = 'gcp-deploy-kind';
export const BASELINE_KIND = 'baseline';
export const BASELINE_OF_LABEL = 'gcp-deploy-baseline-of';

/** `<service>-baseline-<10 hex of the production revision and profile>`, within 63 characters. */
export function baselineRevisionName(
  service: string,
  productionRevisionName: string,
  profileKey: string,
): string {
  const hash = createHash('sha256')
    .update(`${productionRevisionName}\n${profileKey}`)
    .digest('hex')
    .slice(0, 10);
  const suffix = `-baseline-${hash}`;
  return `${service.slice(0, MAX_REVISION_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
}

export type BaselinePlan =
  | { action: 'none'; reason: string }
  | { action: 'reuse'; revision: string; production: string }
  /** Deploy `revision` from `production`; `replaces` are older baselines to delete once it is tagged. */
  | { action: 'create'; revision: string; production: string; replaces: string[] };

/**
 * What to do, from the service and the baseline revisions that exist (listed by label): reuse the baseline
 * of the current production revision when it is there and tagged, else create it (and retire the others).
 */
export function planBaseline(
  svc: ServiceState | null,
  existing: readonly Pick<RevisionInfo, 'name' | 'labels'>[],
  wantedName: (production: string) => string,
): BaselinePlan {
  if (svc === null) return { action: 'none', reason: 'the service has no production revision yet' };
  if (svc.annotations[CREATED_BY_PREVIEW] !== undefined) {
    return {
      action: 'none',
      reason: 'nothing was promoted to production yet (a preview created the service)',
    };
  }
  const production = productionRevision(svc);
  if (production === undefined) {
    return { action: 'none', reason: 'production serves no single pinned revision to copy' };
  }
  const revision = wantedName(production);
  const tagged = svc.traffic.find((t) => t.tag === BASELINE_TAG)?.revision;
  const ours = existing.filter((r) => r.labels[BASELINE_KIND_LABEL] === BASELINE_KIND);
  if (tagged === revision && ours.some((r) => r.name === revision))
    return { action: 'reuse', revision, production };
  return {
    action: 'create',
    revision,
    production,
    replaces: ours.map((r) => r.name).filter((n) => n !== revision),
  };
}

/** Where the comparison's baseline answers, or why there is none. */
export type BaselineTarget =
  { url: string; revision: string; productionRevision?: string; created?: boolean } | { skipped: string };

/** The port's `ensureBaseline`: the baseline of production, ready and tagged, or why not. */
export async function baselineTarget(
  api: Parameters<typeof ensureBaseline>[0],
  service: string,
  preview: PreviewSettings,
  log: (s: string) => void,
  signal?: AbortSignal,
): Promise<BaselineTarget> {
  const b = await ensureBaseline(api, service, preview, log, signal);
  if (typeof b === 'string') return { skipped: b };
  if (!b.ready)
    return { skipped: `baseline ${b.revision} did not become ready: ${b.message ?? 'no reason given'}` };
  if (b.url === undefined) return { skipped: `Cloud Run reported no URL for tag ${BASELINE_TAG}` };
  return { url: b.url, revision: b.revision, productionRevision: b.production, created: b.created };
}

/**
 * compare: candidate: the candidate revision built from the PR's base commit, where the candidate tag still
 * points at it (a revision has no URL of its own without a tag).
 */
export async function candidateTarget(
  api: Pick<CloudRunService, 'getService' | 'listRevisions'>,
  service: string,
  baseSha: string | undefined,
  candidateTag: string,
): Promise<BaselineTarget> {
  if (baseSha === undefined || baseSha === '') return { skipped: 'the event names no base commit' };
  const sha = baseSha.toLowerCase().slice(0, 40);
  const revisions = await api.listRevisions(service, {
    'gcp-deploy-kind': 'candidate',
    'gcp-deploy-sha': sha,
  });
  if (revisions.length === 0)
    return { skipped: `no candidate was deployed for the base commit ${sha.slice(0, 7)}` };
  const svc = await api.getService(service);
  const tagged = svc?.traffic.find((t) => t.tag === candidateTag)?.revision;
  const match = revisions.find((r) => r.name === tagged);
  const url = svc?.tagUrls[candidateTag];
  if (match === undefined || url === undefined) {
    return {
      skipped: `the candidate of the base commit ${sha.slice(0, 7)} no longer carries tag ${candidateTag}`,
    };
  }
  return { url, revision: match.name };
}

export interface BaselineOutcome {
  revision: string;
  production: string;
  url?: string;
  created: boolean;
  ready: boolean;
  message?: string;
}

/**
 * Makes sure the baseline of the current production revision exists and carries the `baseline` tag, and
 * returns its URL. Returns a reason (string) when there is nothing to compare with.
 */
export async function ensureBaseline(
  api: Pick<
    CloudRunService,
    'getService' | 'getRevision' | 'listRevisions' | 'deployRevision' | 'deleteRevision' | 'applyTraffic'
  >,
  service: string,
  preview: PreviewSettings,
  log: (s: string) => void,
  signal?: AbortSignal,
): Promise<BaselineOutcome | string> {
  const svc = await api.getService(service);
  const existing = await api.listRevisions(service, { [BASELINE_KIND_LABEL]: BASELINE_KIND });
  const key = profileKey(preview);
  const plan = planBaseline(svc, existing, (p) => baselineRevisionName(service, p, key));
  if (plan.action === 'none') return plan.reason;
  if (plan.action === 'reuse') {
    const url = svc?.tagUrls[BASELINE_TAG];
    log(`Baseline ${plan.revision} (production ${plan.production}) exists: reusing it`);
    return {
      revision: plan.revision,
      production: plan.production,
      created: false,
      ready: true,
      ...(url !== undefined ? { url } : {}),
    };
  }
  const prod = await api.getRevision(service, plan.production);
  if (prod === null || prod.image === undefined)
    return `production's revision ${plan.production} could not be read`;
  const template: ApiTemplate = {
    ...baselineTemplate(prod.template, prod.image, plan.production, preview),
    revision: plan.revision,
  };
  log(
    `Creating baseline ${plan.revision}: production's ${plan.production} with the preview profile, tag ${BASELINE_TAG}, 0 %`,
  );
  const r = await api.deployRevision(
    service,
    template,
    { kind: 'preview', tag: BASELINE_TAG, revision: plan.revision },
    signal,
  );
  // The older baselines copied a production revision that no longer serves: nothing compares with them now.
  for (const old of plan.replaces) {
    try {
      await api.deleteRevision(service, old);
      log(`Deleted baseline ${old} (production moved)`);
    } catch (err) {
      log(`Could not delete old baseline ${old}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    revision: plan.revision,
    production: plan.production,
    created: r.created,
    ready: r.ready,
    ...(r.uri !== undefined ? { url: r.uri } : {}),
    ...(r.message !== undefined ? { message: r.message } : {}),
  };
}

/** Production's template and image with the preview profile, marked as a baseline; pure. */
export function baselineTemplate(
  production: ApiTemplate,
  image: string,
  productionRevisionName: string,
  preview: PreviewSettings,
): ApiTemplate {
  return previewTemplate(
    production,
    {
      revisionName: '',
      image,
      deploy: { envVars: {}, envStrategy: 'merge', secrets: [], secretsStrategy: 'merge', labels: {} },
      // PREVIEW_ID lets an app that keys its data by preview keep the baseline's apart from production's.
      runEnv: { PREVIEW_ID: BASELINE_TAG, PREVIEW_TAG: BASELINE_TAG },
      runLabels: {
        'managed-by': 'gcp-deploy',
        [BASELINE_KIND_LABEL]: BASELINE_KIND,
        [BASELINE_OF_LABEL]: productionRevisionName.slice(0, 63),
      },
    },
    preview,
  );
}

/**
 * Removes the `baseline` tag and every baseline revision when no open preview is left on the service (called
 * by the cleanup of a PR). Returns what it removed. Only revisions labelled as baselines are ever deleted.
 */
export async function removeBaselinesIfUnused(
  api: Pick<CloudRunService, 'getService' | 'listRevisions' | 'deleteRevision' | 'applyTraffic'>,
  service: string,
  log: (s: string) => void,
): Promise<string[]> {
  const svc = await api.getService(service);
  if (svc === null) return [];
  const previews = await api.listRevisions(service, { 'managed-by': 'gcp-deploy' });
  const prRevisions = new Set(
    previews.filter((r) => r.labels['gcp-deploy-pr'] !== undefined).map((r) => r.name),
  );
  const open = svc.traffic.filter(
    (t) => t.tag !== undefined && t.revision !== undefined && prRevisions.has(t.revision),
  );
  if (open.length > 0) return [];
  const baselines = await api.listRevisions(service, { [BASELINE_KIND_LABEL]: BASELINE_KIND });
  if (baselines.length === 0 && !svc.traffic.some((t) => t.tag === BASELINE_TAG)) return [];
  if (svc.traffic.some((t) => t.tag === BASELINE_TAG)) {
    await api.applyTraffic(service, { kind: 'untag', tags: [BASELINE_TAG] });
  }
  const removed: string[] = [];
  for (const b of baselines) {
    // A baseline never serves traffic; should one ever do (someone moved traffic by hand), it stays.
    if (svc.traffic.some((t) => t.revision === b.name && t.percent > 0)) continue;
    await api.deleteRevision(service, b.name);
    removed.push(b.name);
  }
  if (removed.length > 0) log(`No open preview needs the baseline: removed ${removed.join(', ')}`);
  return removed;
}

function profileKey(preview: PreviewSettings): string {
  return JSON.stringify([
    preview.minInstances,
    preview.maxInstances,
    preview.serviceAccount ?? '',
    preview.envVars,
    preview.secrets,
  ]);
}
