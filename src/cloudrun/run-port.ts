/**
 * Cloud Run for the one configured service, as the commands use it: revisions are built by merging this
 * run's inputs over the template production serves (template-merge.ts), and every traffic change goes
 * through the adapter's etag read-modify-write. Services and revisions keep the adapter's shapes.
 */
import { MANAGED } from '../shared/labels.js';
import type { Config, PreviewSettings } from '../config/config.js';
import type { ApiTemplate, ServiceState } from './api-mapping.js';
import type { CloudRunClients } from './client-factory.js';
import { CloudRunService, type HeldRevision, type RevisionInfo } from './cloud-run-service.js';
import type { ServiceAccess } from './invoker-policy.js';
import { baselineTarget, candidateTarget, removeBaselinesIfUnused, type BaselineTarget } from './baseline.js';
import { CREATED_BY_PREVIEW, failedAnnotation, passedAnnotation } from './naming.js';
import { previewTemplate } from './preview-profile.js';
import { mergeTemplate } from './template-merge.js';
import { productionRevision, type TrafficTarget } from './traffic-plan.js';

export type { ServiceState } from './api-mapping.js';
export type { HeldRevision, RevisionInfo } from './cloud-run-service.js';
export type { ServiceAccess } from './invoker-policy.js';

/** What one run adds to a revision over the inputs: its name (from the merged template), env and labels. */
export interface RevisionRequest {
  /** Names the revision from the merged template (so a new base or input gives a new name). */
  name(template: ApiTemplate): string;
  /** The image pinned by digest. */
  image: string;
  runEnv: Record<string, string>;
  runLabels: Record<string, string>;
  /** Annotations set by this run on the revision (what it found, for a re-run to tell without reading). */
  runAnnotations?: Record<string, string>;
  /** Set for a PR's preview: the preview profile goes over the merge (preview-profile.ts). */
  preview?: PreviewSettings;
}

/** The outcome of deploying one revision. */
export interface Deployment {
  revision: string;
  url?: string;
  ready: boolean;
  message?: string;
  /** True when this run created the service. */
  serviceCreated: boolean;
  /** The revision this run's tag pointed at before, if any. */
  previousRevision?: string;
  /** The image the revision runs, when it was reused rather than built. */
  image?: string;
  /** The revision production served when the base template was read (what the new one inherits). */
  base?: string;
}

/** The commands' Cloud Run for one service. */
export interface CloudRunPort {
  getService(): Promise<ServiceState | null>;
  /**
   * Every service of the project and region (the tag limit is the region's): one ListServices call. The
   * configured service is taken from it as read (knownService then needs no call).
   */
  regionServices(): Promise<ServiceState[]>;
  /** The service as this run last read or wrote it (read now when it never did). */
  knownService(): Promise<ServiceState | null>;
  /** The template a new revision of `svc` starts from (see baseTemplate); null when there is no service. */
  baseTemplate(svc: ServiceState | null): Promise<{ template?: ApiTemplate; revision?: string } | null>;
  /**
   * Deploys a revision (creating the service when missing) and points `tag` at it with 0 % of traffic.
   * When `signal` fires it stops waiting for readiness and rejects with the signal's reason; what it wrote
   * stays written, for the caller to undo.
   */
  deployTagged(req: RevisionRequest, tag: string, signal?: AbortSignal): Promise<Deployment>;
  /** Points `tag` at `revision`, or removes it when `revision` is null; no percent changes. */
  retag(tag: string, revision: string | null): Promise<void>;
  /** Records that `revision` passed its checks under `tag` (see passedRevision). */
  markPassed(tag: string, revision: string): Promise<void>;
  /** Records that `revision` failed its checks under `tag` in the run at `runUrl` (see failedRevision). */
  markFailed(tag: string, revision: string, runUrl: string): Promise<void>;
  /**
   * Sets production traffic: `revision` gets `percent`, the rest stays with what served before. A service a
   * preview created becomes a production service (its CREATED_BY_PREVIEW mark goes).
   */
  shiftTraffic(revision: string, percent: number, prevTag?: string): Promise<ServiceState>;
  /**
   * Puts the percents and `ownTags` back as `traffic` had them, planned against the current state so tags
   * other runs changed meanwhile stay (see TrafficOperation 'restore').
   */
  restoreTraffic(traffic: TrafficTarget[], ownTags: string[]): Promise<void>;
  /** Removes the given tags (and their passed records) and nothing else. */
  untag(tags: string[]): Promise<void>;
  listRevisions(labels: Record<string, string>): Promise<RevisionInfo[]>;
  getRevision(name: string): Promise<RevisionInfo | null>;
  /**
   * The revision `tag` points at in the service as this run knows it (null: none), with what a reuse
   * decision compares: taken from the service's template when that made it, else read.
   */
  taggedRevision(tag: string): Promise<HeldRevision | null>;
  deleteRevision(name: string): Promise<void>;
  /** Deletes the service with all its revisions (only ever one a preview created: see preview-service.ts). */
  deleteService(): Promise<void>;
  /** Who may invoke the service (its IAM policy and invoker settings). */
  access(): Promise<ServiceAccess>;
  /** Gives allUsers roles/run.invoker on the service (what `--allow-unauthenticated` does). */
  openToAllUsers(): Promise<void>;
  /** API calls made so far (bench:preview prints it). */
  callCount(): number;
  /** compare: production: the baseline revision of production, made or reused (baseline.ts). */
  ensureBaseline(preview: PreviewSettings, signal?: AbortSignal): Promise<BaselineTarget>;
  /** compare: candidate: the base commit's candidate, where the candidate tag still points at it. */
  candidateOf(baseSha: string | undefined, candidateTag: string): Promise<BaselineTarget>;
  /** Removes the baseline when no open preview is left (cleanup); returns the revisions removed. */
  removeUnusedBaselines(): Promise<string[]>;
}

/** The template a new revision starts from: production's revision's, else the service's own. */
export async function baseTemplate(
  api: Pick<CloudRunService, 'getRevision'>,
  serviceName: string,
  svc: ServiceState | null,
): Promise<{ template: ApiTemplate | undefined; revision?: string }> {
  if (svc === null) return { template: undefined };
  const serving = productionRevision(svc);
  const rev = serving === undefined ? null : await api.getRevision(serviceName, serving);
  if (rev !== null) return { template: rev.template, revision: rev.name };
  return { template: svc.template };
}

/** The Cloud Run port for the configured service. */
export function createCloudRunPort(
  config: Config,
  log: (s: string) => void,
  warn: (s: string) => void = log,
  /** Defaults to clients for this environment (the orchestration unit tests pass in-memory ones). */
  clients?: CloudRunClients,
): CloudRunPort {
  const api = new CloudRunService({
    project: config.projectId,
    region: config.region,
    log,
    warn,
    timeoutMs: config.timeoutMs,
    ...(clients !== undefined ? { clients } : {}),
  });
  const service = config.service;
  // Revisions are immutable: the template a base revision holds is read once per run, however often asked.
  const templates = new Map<string, Promise<RevisionInfo | null>>();
  const revisionTemplates: Pick<CloudRunService, 'getRevision'> = {
    getRevision: (svc, name) => {
      let hit = templates.get(name);
      if (hit === undefined) {
        hit = api.getRevision(svc, name);
        templates.set(name, hit);
        hit.catch(() => templates.delete(name));
      }
      return hit;
    },
  };
  // Who may invoke the service changes only when this run opens it: read once, again after openToAllUsers.
  let access: Promise<ServiceAccess> | undefined;
  const current = async (): Promise<ServiceState> => {
    const svc = await api.getService(service);
    if (svc === null) throw new Error(`Cloud Run service ${service} disappeared`);
    return svc;
  };
  const merged = (base: ApiTemplate | undefined, req: RevisionRequest): ApiTemplate => {
    const { image, runEnv, runLabels } = req;
    const inputs = { revisionName: '', image, deploy: config.deploy, runEnv, runLabels };
    const merged =
      req.preview === undefined ? mergeTemplate(base, inputs) : previewTemplate(base, inputs, req.preview);
    const unnamed =
      req.runAnnotations === undefined
        ? merged
        : { ...merged, annotations: { ...(merged.annotations ?? {}), ...req.runAnnotations } };
    return { ...unnamed, revision: req.name(unnamed) };
  };

  return {
    callCount: () => api.apiCalls,
    getService: () => api.getService(service),
    regionServices: () => api.listServices(service),
    knownService: () => api.knownService(service),
    baseTemplate: async (svc) => (svc === null ? null : baseTemplate(revisionTemplates, service, svc)),
    async deployTagged(req: RevisionRequest, tag: string, signal?: AbortSignal): Promise<Deployment> {
      // The run read the service before (preview.ts); what it wrote since is known too: no read here.
      const existing = await api.knownService(service);
      const base = await baseTemplate(revisionTemplates, service, existing);
      const template = merged(base.template, req);
      const revision = template.revision as string;
      if (existing === null) {
        log(`Service ${service} does not exist: creating it with this revision`);
        const r = await api.createService(service, template, {
          tag,
          labels: { ...MANAGED },
          // Marks it as made by a preview: until a promotion, the cleanup of its last preview deletes it.
          annotations: { [CREATED_BY_PREVIEW]: tag },
          ...(signal !== undefined ? { signal } : {}),
          // IAP is a service setting: only a service this run creates gets it (see commands/access.ts).
          iapEnabled: config.access === 'iap',
        });
        return { ...outcome(r), serviceCreated: true };
      }
      if (base.revision !== undefined) log(`${revision} starts from the template of ${base.revision}`);
      const previousRevision = existing.traffic.find((t) => t.tag === tag)?.revision;
      const r = await api.deployRevision(service, template, { kind: 'preview', tag, revision }, signal);
      return {
        ...outcome(r),
        serviceCreated: false,
        ...(base.revision !== undefined ? { base: base.revision } : {}),
        ...(previousRevision !== undefined && previousRevision !== revision ? { previousRevision } : {}),
      };
    },
    async retag(tag: string, revision: string | null): Promise<void> {
      await api.applyTraffic(service, { kind: 'retag', tag, revision });
    },
    async markPassed(tag: string, revision: string): Promise<void> {
      await api.annotate(service, { [passedAnnotation(tag)]: revision });
    },
    async markFailed(tag: string, revision: string, runUrl: string): Promise<void> {
      await api.annotate(service, { [failedAnnotation(tag)]: `${revision} ${runUrl}` });
    },
    async untag(tags: string[]): Promise<void> {
      const forget = Object.fromEntries(tags.map((t) => [passedAnnotation(t), null]));
      await api.applyTraffic(service, { kind: 'untag', tags }, forget);
    },
    async shiftTraffic(revision: string, percent: number, prevTag?: string): Promise<ServiceState> {
      await api.applyTraffic(
        service,
        {
          kind: 'promote',
          revision,
          percent,
          ...(prevTag !== undefined ? { prevTag } : {}),
        },
        { [CREATED_BY_PREVIEW]: null },
      );
      return current();
    },
    async restoreTraffic(traffic: TrafficTarget[], ownTags: string[]): Promise<void> {
      await api.applyTraffic(service, { kind: 'restore', traffic, own: ownTags });
    },
    listRevisions: (labels) => api.listRevisions(service, labels),
    getRevision: (name) => api.getRevision(service, name),
    async taggedRevision(tag: string): Promise<HeldRevision | null> {
      const svc = await api.knownService(service);
      const tagged = svc?.traffic.find((t) => t.tag === tag)?.revision;
      if (tagged === undefined) return null;
      return api.heldRevision(service, tagged) ?? api.getRevision(service, tagged);
    },
    deleteRevision: (name) => api.deleteRevision(service, name),
    deleteService: () => api.deleteService(service),
    access: () => {
      access ??= api.access(service).catch((err: unknown) => {
        access = undefined;
        throw err;
      });
      return access;
    },
    openToAllUsers: async () => {
      access = undefined;
      await api.grantInvoker(service, 'allUsers');
      access = undefined;
    },
    ensureBaseline: (preview, signal) => baselineTarget(api, service, preview, log, signal),
    candidateOf: (baseSha, candidateTag) => candidateTarget(api, service, baseSha, candidateTag),
    removeUnusedBaselines: () => removeBaselinesIfUnused(api, service, log),
  };
}

function outcome(r: {
  revision: string;
  uri?: string;
  ready: boolean;
  message?: string;
}): Omit<Deployment, 'serviceCreated'> {
  return {
    revision: r.revision,
    ready: r.ready,
    ...(r.uri !== undefined ? { url: r.uri } : {}),
    ...(r.message !== undefined ? { message: r.message } : {}),
  };
}

/** The revision that last passed its checks under `tag`, as recorded on the service, if any. */
export function passedRevision(svc: ServiceState, tag: string): string | undefined {
  return svc.annotations[passedAnnotation(tag)];
}

/** The revision that last failed its checks under `tag`, and the run that checked it, as recorded. */
export function failedRevision(
  svc: ServiceState,
  tag: string,
): { revision: string; runUrl: string } | undefined {
  const [revision, runUrl = ''] = (svc.annotations[failedAnnotation(tag)] ?? '').split(' ');
  return revision === undefined || revision === '' ? undefined : { revision, runUrl };
}
