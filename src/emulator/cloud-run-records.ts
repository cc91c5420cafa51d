/** The records the Cloud Run state machine keeps and the API messages built from them (pure). */
import type { TrafficTarget, TrafficTargetInput } from './traffic-validation.js';

/** A decoded protobuf message as proto-loader hands it over (camelCase fields, enums as names, int64 as strings). */
export type Msg = Record<string, unknown>;

export type Readiness = 'pending' | 'ready' | 'failed';

/** A revision as the state machine keeps it. */
export interface RevisionRecord {
  name: string;
  id: string;
  serviceName: string;
  generation: number;
  uid: string;
  template: Msg;
  createTime: number;
  updateTime: number;
  state: Readiness;
  message: string;
  etag: string;
  /** The launch stage of the Service when the revision was created (Revision.launch_stage). */
  launchStage?: string;
}

/** A resolved traffic target with its tag URL. */
export interface TrafficStatus extends TrafficTarget {
  uri: string;
}

/** A service as the state machine keeps it. */
export interface ServiceRecord {
  name: string;
  id: string;
  uid: string;
  spec: Msg;
  template: Msg;
  traffic: TrafficTarget[];
  generation: number;
  revisionCounter: number;
  latestCreated: string;
  createTime: number;
  updateTime: number;
  etag: string;
  statuses: TrafficStatus[];
  rollout?: string;
  terminal: { state: string; message: string };
  /** The generation the last successful reconciliation served (0: none yet). */
  observedGeneration: number;
  /** The revision that reconciliation made ready (empty: none yet). */
  latestReady: string;
  /** When each tag in `traffic` was set on its revision (ms), so the tag quota can drop the oldest first. */
  tagSince: Record<string, number>;
}

/** Output-only Service fields: never stored from a request. */
export const OUTPUT_ONLY = [
  'name',
  'uid',
  'generation',
  'createTime',
  'updateTime',
  'deleteTime',
  'expireTime',
  'creator',
  'lastModifier',
  'urls',
  'observedGeneration',
  'terminalCondition',
  'conditions',
  'latestReadyRevision',
  'latestCreatedRevision',
  'trafficStatuses',
  'uri',
  'reconciling',
  'etag',
  'satisfiesPzs',
  'threatDetectionEnabled',
  'template',
  'traffic',
];

/** URL key of a service's main URL. */
export const serviceUrlKey = (serviceName: string): string => `svc|${serviceName}`;
/** URL key of a traffic tag's URL; stable per service and tag, as Cloud Run's tag URLs are. */
export const tagUrlKey = (serviceName: string, tag: string): string => `tag|${serviceName}|${tag}`;

/** The URL keys a Create/Update with this traffic needs, so the caller can allocate them before applying it. */
export function urlKeysFor(
  serviceName: string,
  traffic: readonly TrafficTargetInput[] | undefined,
): string[] {
  const keys = [serviceUrlKey(serviceName)];
  for (const t of traffic ?? []) if (t.tag) keys.push(tagUrlKey(serviceName, t.tag));
  return keys;
}

/** Drops default values (empty strings, arrays, maps, false, 0, *_UNSPECIFIED) so templates compare by meaning. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Msg = {};
    for (const [k, v] of Object.entries(value as Msg)) {
      const c = canonical(v);
      const empty =
        c === undefined ||
        c === null ||
        c === '' ||
        c === false ||
        c === 0 ||
        c === '0' ||
        (typeof c === 'string' && c.endsWith('_UNSPECIFIED')) ||
        (Array.isArray(c) && c.length === 0) ||
        (typeof c === 'object' && c !== null && !Array.isArray(c) && Object.keys(c).length === 0);
      if (!empty) out[k] = c;
    }
    return out;
  }
  return value;
}

/** A google.protobuf.Timestamp from epoch milliseconds. */
export const timestamp = (ms: number): Msg => ({
  seconds: String(Math.floor(ms / 1000)),
  nanos: (ms % 1000) * 1_000_000,
});

/** The Cloud Run resource model (services, revisions, traffic, etags, readiness), with no I/O. */

/** The Service message for a record: spec plus output fields (uri, conditions, statuses, etag). */
export function serviceView(svc: ServiceRecord, uri: string): Msg {
  const reconciling = svc.terminal.state === 'CONDITION_RECONCILING';
  const ts = timestamp(svc.updateTime);
  const condition = (type: string): Msg => ({
    type,
    state: svc.terminal.state,
    message: svc.terminal.message,
    lastTransitionTime: ts,
    severity: svc.terminal.state === 'CONDITION_FAILED' ? 'ERROR' : 'SEVERITY_UNSPECIFIED',
  });
  return {
    ...svc.spec,
    name: svc.name,
    uid: svc.uid,
    generation: String(svc.generation),
    createTime: timestamp(svc.createTime),
    updateTime: ts,
    creator: 'emulator@localhost',
    lastModifier: 'emulator@localhost',
    template: svc.template,
    traffic: svc.traffic.map((t) => ({
      type: t.type,
      revision: t.revision,
      percent: t.percent,
      tag: t.tag,
    })),
    urls: uri ? [uri] : [],
    uri,
    observedGeneration: String(svc.observedGeneration),
    terminalCondition: condition('Ready'),
    conditions: [condition('ConfigurationsReady'), condition('RoutesReady')],
    latestReadyRevision: svc.latestReady,
    latestCreatedRevision: svc.latestCreated,
    trafficStatuses: svc.statuses.map((t) => ({ ...t })),
    reconciling,
    etag: svc.etag,
  };
}

/**
 * The RevisionTemplate fields a Revision carries under the same name (revision.proto). The other two
 * template fields have no Revision counterpart: `revision` becomes the name, and `healthCheckDisabled`
 * is not reported on the Revision.
 */
export const TEMPLATE_FIELDS_ON_REVISION = [
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

/** The template's fields under their Revision names, only those the template sets. */
function templateOnRevision(template: Msg): Msg {
  const out: Msg = {};
  for (const k of TEMPLATE_FIELDS_ON_REVISION) if (template[k] !== undefined) out[k] = template[k];
  return out;
}

/**
 * What a Delete answers with: the resource as it was, with `deleteTime` ("only populated as a response to a
 * Delete request") and `expireTime` ("the time after which it will be permanently deleted"). The emulator
 * forgets a deleted resource at once, so its expiry is the deletion itself.
 */
export function deletedView(view: Msg, now: number): Msg {
  return { ...view, deleteTime: timestamp(now), expireTime: timestamp(now) };
}

/** The Revision message for a record: its template's fields plus Ready/ContainerHealthy conditions. */
export function revisionView(rec: RevisionRecord): Msg {
  const state =
    rec.state === 'ready'
      ? 'CONDITION_SUCCEEDED'
      : rec.state === 'failed'
        ? 'CONDITION_FAILED'
        : 'CONDITION_RECONCILING';
  const condition = (type: string): Msg => ({
    type,
    state,
    message: rec.message,
    lastTransitionTime: timestamp(rec.updateTime),
    severity: rec.state === 'failed' ? 'ERROR' : 'SEVERITY_UNSPECIFIED',
    ...(rec.state === 'failed' && type === 'Ready' ? { revisionReason: 'HEALTH_CHECK_CONTAINER_ERROR' } : {}),
  });
  return {
    labels: {},
    annotations: {},
    ...templateOnRevision(rec.template),
    name: rec.name,
    uid: rec.uid,
    generation: String(rec.generation),
    createTime: timestamp(rec.createTime),
    updateTime: timestamp(rec.updateTime),
    ...(rec.launchStage ? { launchStage: rec.launchStage } : {}),
    service: rec.serviceName,
    creator: 'emulator@localhost',
    reconciling: rec.state === 'pending',
    conditions: [condition('Ready'), condition('ContainerHealthy')],
    observedGeneration: String(rec.generation),
    etag: rec.etag,
  };
}
