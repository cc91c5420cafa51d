/**
 * Pure conversions between the Cloud Run Admin API v2 messages (as @google-cloud/run returns them) and the
 * planner's shapes: traffic targets, service state, revision templates, readiness.
 */
import type { protos } from '@google-cloud/run';
import type { TrafficStatus, TrafficTarget } from './traffic-plan.js';

export type ApiService = protos.google.cloud.run.v2.IService;
export type ApiRevision = protos.google.cloud.run.v2.IRevision;
export type ApiTemplate = protos.google.cloud.run.v2.IRevisionTemplate;
type ApiTarget = protos.google.cloud.run.v2.ITrafficTarget;
type ApiStatus = protos.google.cloud.run.v2.ITrafficTargetStatus;
type ApiContainer = protos.google.cloud.run.v2.IContainer;

const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';

/** The last path segment of a resource name (`.../revisions/web-001` -> `web-001`). */
export const shortName = (name: string | null | undefined): string => (name ?? '').split('/').pop() ?? '';

/** Enum values arrive as names (proto-loader, gax) or numbers (protobufjs objects); both mean the same. */
function isLatest(type: ApiTarget['type']): boolean {
  return type === LATEST || (type as unknown) === 1;
}

function fromTarget(t: ApiTarget | ApiStatus): TrafficTarget {
  const latest = isLatest(t.type) || (!t.revision && !isRevisionType(t.type));
  return {
    type: latest ? 'LATEST' : 'REVISION',
    ...(latest ? {} : { revision: shortName(t.revision) }),
    percent: t.percent ?? 0,
    ...(t.tag ? { tag: t.tag } : {}),
  };
}

function isRevisionType(type: ApiTarget['type']): boolean {
  return type === REVISION || (type as unknown) === 2;
}

/** The API's traffic targets in the planner's shape. */
export function fromApiTraffic(traffic: readonly ApiTarget[] | null | undefined): TrafficTarget[] {
  return (traffic ?? []).map(fromTarget);
}

/** The API's traffic statuses (with the revision LATEST resolves to, and tag URLs). */
export function fromApiStatuses(statuses: readonly ApiStatus[] | null | undefined): TrafficStatus[] {
  return (statuses ?? []).map((s) => ({
    ...fromTarget(s),
    // A LATEST status names the revision it resolves to: that is what "pin LATEST" needs.
    ...(s.revision ? { revision: shortName(s.revision) } : {}),
    ...(s.uri ? { uri: s.uri } : {}),
  }));
}

/** Planner targets as API traffic targets (revisions by short name, as Cloud Run accepts them). */
export function toApiTraffic(traffic: readonly TrafficTarget[]): ApiTarget[] {
  return traffic.map((t) => ({
    type: t.type === 'LATEST' ? LATEST : REVISION,
    ...(t.type === 'LATEST' ? {} : { revision: t.revision }),
    percent: t.percent,
    ...(t.tag !== undefined ? { tag: t.tag } : {}),
  }));
}

/** What the adapter's callers read of a service. */
export interface ServiceState {
  /** Short service name. */
  name: string;
  uri?: string;
  etag?: string;
  latestReadyRevision?: string;
  latestCreatedRevision?: string;
  traffic: TrafficTarget[];
  trafficStatuses: TrafficStatus[];
  /** Tag -> URL, read from the traffic statuses (never constructed). */
  tagUrls: Record<string, string>;
  /** The service's current template (after a preview, that preview's: production's is its revision's). */
  template?: ApiTemplate;
  /** The service's own annotations (Cloud Run's system keys left out). */
  annotations: Record<string, string>;
}

/** A service message in the callers' shape. */
export function serviceState(svc: ApiService): ServiceState {
  const trafficStatuses = fromApiStatuses(svc.trafficStatuses);
  const tagUrls: Record<string, string> = {};
  for (const s of trafficStatuses) if (s.tag && s.uri) tagUrls[s.tag] = s.uri;
  const optional = (key: keyof ServiceState, value: string | null | undefined): object =>
    value ? { [key]: value } : {};
  return {
    name: shortName(svc.name),
    ...optional('uri', svc.uri),
    ...optional('etag', svc.etag),
    ...optional('latestReadyRevision', shortName(svc.latestReadyRevision)),
    ...optional('latestCreatedRevision', shortName(svc.latestCreatedRevision)),
    traffic: fromApiTraffic(svc.traffic),
    trafficStatuses,
    tagUrls,
    ...(svc.template ? { template: svc.template } : {}),
    annotations: userKeys(svc.annotations),
  };
}

/** The RevisionTemplate fields a Revision carries too (revision_template.proto and revision.proto). */
export const REVISION_TEMPLATE_FIELDS = [
  'labels',
  'annotations',
  'scaling',
  'vpcAccess',
  'timeout',
  'serviceAccount',
  'containers',
  'volumes',
  'executionEnvironment',
  'encryptionKey',
  'maxInstanceRequestConcurrency',
  'serviceMesh',
  'encryptionKeyRevocationAction',
  'encryptionKeyShutdownDuration',
  'sessionAffinity',
  'nodeSelector',
  'gpuZonalRedundancyDisabled',
] as const;

/** Prefixes of the labels and annotations Cloud Run itself manages: never copied into a new template. */
const SYSTEM_KEY =
  /^(run\.googleapis\.com|serving\.knative\.dev|autoscaling\.knative\.dev|cloud\.googleapis\.com)\//;

function userKeys(map: Record<string, string> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !SYSTEM_KEY.test(k)));
}

/** The template a revision was made from: every field a Revision shares with RevisionTemplate. */
export function templateOfRevision(rev: ApiRevision): ApiTemplate {
  const out: Record<string, unknown> = {};
  const src = rev as Record<string, unknown>;
  for (const key of REVISION_TEMPLATE_FIELDS) {
    const v = src[key];
    if (v !== undefined && v !== null) out[key] = v;
  }
  return { ...out, labels: userKeys(rev.labels), annotations: userKeys(rev.annotations) };
}

/**
 * The container that serves requests: the only one, or among several the one that declares a port
 * (Cloud Run requires exactly one); undefined when that cannot be told.
 */
export function ingressIndex(containers: readonly ApiContainer[] | null | undefined): number | undefined {
  const list = containers ?? [];
  if (list.length <= 1) return list.length === 1 ? 0 : undefined;
  const withPort = list.flatMap((c, i) => ((c.ports ?? []).length > 0 ? [i] : []));
  return withPort.length === 1 ? withPort[0] : undefined;
}

/** The image of the ingress container (the first container's when none is clearly the ingress). */
export function ingressImage(containers: readonly ApiContainer[] | null | undefined): string | undefined {
  return containers?.[ingressIndex(containers) ?? 0]?.image || undefined;
}

/** A revision's own Ready condition: true, false (with the reason), or undefined while it is still deciding. */
export function revisionReadiness(rev: ApiRevision): { ready: boolean | undefined; message?: string } {
  const cond = (rev.conditions ?? []).find((c) => c.type === 'Ready');
  const state = cond?.state as unknown;
  if (state === 'CONDITION_SUCCEEDED' || state === 4) return { ready: true };
  if (state === 'CONDITION_FAILED' || state === 3) {
    return { ready: false, message: cond?.message || cond?.reason?.toString() || 'revision failed' };
  }
  return { ready: undefined };
}
