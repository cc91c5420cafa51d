/**
 * Pure conversions between the Cloud Run Admin API v2 messages (as @google-cloud/run returns them) and the
 * planner's shapes: traffic targets, service state, revision templates, readiness.
 */
import type { protos } from '@google-cloud/run';
import { UserError } from '../config/user-error.js';
import type { TrafficStatus, TrafficTarget } from './traffic-plan.js';

export type ApiService = protos.google.cloud.run.v2.IService;
export type ApiRevision = protos.google.cloud.run.v2.IRevision;
export type ApiTemplate = protos.google.cloud.run.v2.IRevisionTemplate;
type ApiTarget = protos.google.cloud.run.v2.ITrafficTarget;
type ApiStatus = protos.google.cloud.run.v2.ITrafficTargetStatus;

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
  };
}

/** The settings of one revision: image by digest, environment, resources, identity. */
export interface RevisionSettings {
  revisionName: string;
  /** An image pinned by digest (`...@sha256:<64 hex>`): the deploy never uses a mutable tag. */
  image: string;
  env?: Record<string, string>;
  /** Environment variables read from Secret Manager. */
  secretEnv?: { env: string; secret: string; version: string }[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  cpu?: string;
  memory?: string;
  concurrency?: number;
  minInstances?: number;
  maxInstances?: number;
  cpuBoost?: boolean;
  serviceAccount?: string;
  timeoutSeconds?: number;
  port?: number;
  command?: string[];
  args?: string[];
}

const DIGEST_REF = /^[^\s@]+@sha256:[0-9a-f]{64}$/;

/** The revision template for these settings; a non-digest image is refused. */
export function revisionTemplate(s: RevisionSettings): ApiTemplate {
  if (!DIGEST_REF.test(s.image)) {
    throw UserError.forInput(
      'image',
      s.image,
      'allowed: an image reference pinned by digest (name@sha256:<64 hex>)',
    );
  }
  const limits: Record<string, string> = {};
  if (s.cpu !== undefined) limits.cpu = s.cpu;
  if (s.memory !== undefined) limits.memory = s.memory;
  const env = [
    ...Object.entries(s.env ?? {}).map(([name, value]) => ({ name, value })),
    ...(s.secretEnv ?? []).map((e) => ({
      name: e.env,
      valueSource: { secretKeyRef: { secret: e.secret, version: e.version } },
    })),
  ];
  const scaling =
    s.minInstances !== undefined || s.maxInstances !== undefined
      ? {
          scaling: {
            ...(s.minInstances !== undefined ? { minInstanceCount: s.minInstances } : {}),
            ...(s.maxInstances !== undefined ? { maxInstanceCount: s.maxInstances } : {}),
          },
        }
      : {};
  return {
    revision: s.revisionName,
    labels: { ...(s.labels ?? {}) },
    annotations: { ...(s.annotations ?? {}) },
    ...scaling,
    ...(s.concurrency !== undefined ? { maxInstanceRequestConcurrency: s.concurrency } : {}),
    ...(s.serviceAccount !== undefined ? { serviceAccount: s.serviceAccount } : {}),
    ...(s.timeoutSeconds !== undefined ? { timeout: { seconds: s.timeoutSeconds } } : {}),
    containers: [
      {
        image: s.image,
        env,
        ...(s.command !== undefined ? { command: s.command } : {}),
        ...(s.args !== undefined ? { args: s.args } : {}),
        ...(s.port !== undefined ? { ports: [{ containerPort: s.port }] } : {}),
        resources: { limits, ...(s.cpuBoost !== undefined ? { startupCpuBoost: s.cpuBoost } : {}) },
      },
    ],
  };
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
