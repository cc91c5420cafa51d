/**
 * The only place that speaks the Cloud Run Admin API v2 (through @google-cloud/run): services, revisions,
 * traffic as a read-modify-write on the service's etag, and operation waits. Commands see `CloudRunPort`.
 */
import { RevisionsClient, ServicesClient, protos } from '@google-cloud/run';
import type { Config } from '../config/config.js';
import type {
  CloudRunPort,
  PreviewDeployment,
  RevisionSpec,
  RevisionView,
  ServiceView,
} from '../commands/ports.js';
import { googleClientOptions } from './client-options.js';
import { CONFLICT_GRPC, errorCode, isTransient, withRetry } from './retry.js';
import { planTraffic, type TrafficEntry, type TrafficOp } from './traffic-ops.js';

type Service = protos.google.cloud.run.v2.IService;
type Revision = protos.google.cloud.run.v2.IRevision;
type TrafficTarget = protos.google.cloud.run.v2.ITrafficTarget;
const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';
const NOT_FOUND = 5;
/** Etag conflicts re-plan from fresh state this many times before giving up. */
const CONFLICT_ATTEMPTS = 12;

const shortName = (name: string | null | undefined): string => (name ?? '').split('/').pop() ?? '';

/** Reads the API's traffic targets into the planner's shape. */
export function toEntries(traffic: TrafficTarget[] | null | undefined): TrafficEntry[] {
  return (traffic ?? []).map((t) => {
    const latest = t.type === LATEST || (t.type as unknown) === 1;
    const e: TrafficEntry = { percent: t.percent ?? 0 };
    if (latest) e.latest = true;
    else e.revision = shortName(t.revision);
    if (t.tag) e.tag = t.tag;
    return e;
  });
}

/** Writes planner entries back as API traffic targets. */
export function toTargets(entries: TrafficEntry[]): TrafficTarget[] {
  return entries.map((e) => ({
    type: e.latest === true ? LATEST : REVISION,
    ...(e.latest === true ? {} : { revision: e.revision }),
    percent: e.percent,
    ...(e.tag !== undefined ? { tag: e.tag } : {}),
  }));
}

/** The commands' view of a service. */
export function serviceView(svc: Service): ServiceView {
  const tagUrls: Record<string, string> = {};
  for (const s of svc.trafficStatuses ?? []) if (s.tag && s.uri) tagUrls[s.tag] = s.uri;
  return {
    name: shortName(svc.name),
    uri: svc.uri ?? undefined,
    latestReadyRevision: shortName(svc.latestReadyRevision) || undefined,
    traffic: toEntries(svc.traffic),
    tagUrls,
  };
}

function readiness(rev: Revision): { ready: boolean | undefined; message?: string } {
  const cond = (rev.conditions ?? []).find((c) => c.type === 'Ready');
  const state = String(cond?.state ?? '');
  if (state === 'CONDITION_SUCCEEDED' || state === '4') return { ready: true };
  if (state === 'CONDITION_FAILED' || state === '3')
    return { ready: false, message: cond?.message ?? undefined };
  return { ready: undefined };
}

function toSeconds(ts: { seconds?: number | string | Long | null } | null | undefined): Date | undefined {
  if (ts?.seconds === undefined || ts.seconds === null) return undefined;
  return new Date(Number(ts.seconds) * 1000);
}
type Long = { toString(): string };

/** The Cloud Run adapter for one service. */
export function createCloudRunPort(config: Config, log: (s: string) => void): CloudRunPort {
  const options = googleClientOptions(process.env);
  const services = new ServicesClient(options);
  const revisions = new RevisionsClient(options);
  const parent = `projects/${config.projectId}/locations/${config.region}`;
  const serviceName = `${parent}/services/${config.service}`;
  let calls = 0;
  const call = <T>(fn: () => Promise<T>): Promise<T> =>
    withRetry(
      () => {
        calls++;
        return fn();
      },
      {
        onRetry: (err, n, ms) => log(`transient Cloud Run error (${errorCode(err)}), retry ${n} in ${ms} ms`),
      },
    );

  const getRaw = async (): Promise<Service | null> => {
    try {
      const [svc] = await call(() => services.getService({ name: serviceName }));
      return svc;
    } catch (err) {
      if (errorCode(err) === NOT_FOUND) return null;
      throw err;
    }
  };

  /** Waits for a long-running operation, retrying transient errors of the polls. */
  const waitOperation = async <T>(op: { promise(): Promise<[T, ...unknown[]]> }): Promise<T> => {
    const [result] = await op.promise();
    return result;
  };

  const template = (spec: RevisionSpec): protos.google.cloud.run.v2.IRevisionTemplate => {
    const d = config.deploy;
    const env: protos.google.cloud.run.v2.IEnvVar[] = [
      ...Object.entries(spec.env).map(([name, value]) => ({ name, value })),
      ...d.secrets.map((s) => ({
        name: s.env,
        valueSource: { secretKeyRef: { secret: s.secret, version: s.version } },
      })),
    ];
    const limits: Record<string, string> = {};
    if (d.cpu !== undefined) limits.cpu = d.cpu;
    if (d.memory !== undefined) limits.memory = d.memory;
    return {
      revision: spec.revisionName,
      labels: spec.labels,
      ...(d.minInstances !== undefined || d.maxInstances !== undefined
        ? { scaling: { minInstanceCount: d.minInstances, maxInstanceCount: d.maxInstances } }
        : {}),
      ...(d.concurrency !== undefined ? { maxInstanceRequestConcurrency: d.concurrency } : {}),
      ...(d.serviceAccount !== undefined ? { serviceAccount: d.serviceAccount } : {}),
      ...(d.requestTimeoutSec !== undefined ? { timeout: { seconds: d.requestTimeoutSec } } : {}),
      containers: [
        {
          image: spec.image,
          env,
          ...(d.command !== undefined ? { command: d.command } : {}),
          ...(d.args !== undefined ? { args: d.args } : {}),
          ...(d.port !== undefined ? { ports: [{ containerPort: d.port }] } : {}),
          resources: { limits, ...(d.cpuBoost !== undefined ? { startupCpuBoost: d.cpuBoost } : {}) },
        },
      ],
    };
  };

  /** Polls the revision's own Ready condition: a no-traffic revision never shows in latestReadyRevision. */
  const waitRevision = async (name: string): Promise<{ ready: boolean; message?: string }> => {
    const deadline = Date.now() + config.timeoutMs;
    let delay = 250;
    for (;;) {
      const [rev] = await call(() => revisions.getRevision({ name: `${serviceName}/revisions/${name}` }));
      const r = readiness(rev);
      if (r.ready !== undefined) return { ready: r.ready, message: r.message };
      if (Date.now() > deadline)
        return { ready: false, message: `not ready within ${config.timeoutMs / 1000} s` };
      await new Promise((res) => setTimeout(res, delay));
      delay = Math.min(delay * 2, 3000);
    }
  };

  /**
   * One traffic change as a read-modify-write on the etag. A conflict re-reads and re-plans only this run's
   * operation, so ten concurrent previews all land their own tags.
   */
  const updateTraffic = async (op: TrafficOp, withTemplate?: RevisionSpec): Promise<Service> =>
    withRetry(
      async () => {
        const svc = await getRaw();
        if (svc === null)
          throw Object.assign(new Error(`Service ${config.service} not found`), { code: NOT_FOUND });
        const view = serviceView(svc);
        const traffic = toTargets(planTraffic(view.traffic, view.latestReadyRevision, op));
        const next: Service = {
          name: serviceName,
          etag: svc.etag,
          template: withTemplate === undefined ? svc.template : template(withTemplate),
          traffic,
          labels: svc.labels,
          annotations: svc.annotations,
          ingress: svc.ingress,
          launchStage: svc.launchStage,
        };
        calls++;
        const [operation] = await services.updateService({ service: next });
        return waitOperation<Service>(operation);
      },
      {
        attempts: CONFLICT_ATTEMPTS,
        baseMs: 100,
        maxMs: 2000,
        retryOn: (err) => CONFLICT_GRPC.has(errorCode(err) ?? -1) || isTransient(err),
        onRetry: (err, n, ms) =>
          log(`service changed underneath (${errorCode(err)}): re-reading, attempt ${n + 1} in ${ms} ms`),
      },
    );

  const afterUpdate = async (): Promise<ServiceView> => {
    const svc = await getRaw();
    if (svc === null) throw new Error(`Service ${config.service} disappeared`);
    return serviceView(svc);
  };

  return {
    callCount: () => calls,
    async getService(): Promise<ServiceView | null> {
      const svc = await getRaw();
      return svc === null ? null : serviceView(svc);
    },
    async deployPreview(spec: RevisionSpec, tag: string): Promise<PreviewDeployment> {
      const existing = await getRaw();
      let serviceCreated = false;
      let previousRevision: string | undefined;
      let failure: string | undefined;
      if (existing === null) {
        log(`Service ${config.service} does not exist: creating it with this revision`);
        try {
          calls++;
          const [op] = await services.createService({
            parent,
            serviceId: config.service,
            service: {
              template: template(spec),
              labels: { 'managed-by': 'gcp-deploy' },
              traffic: toTargets([
                { latest: true, percent: 100 },
                { revision: spec.revisionName, percent: 0, tag },
              ]),
            },
          });
          await waitOperation<Service>(op);
        } catch (err) {
          failure = err instanceof Error ? err.message : String(err);
        }
        serviceCreated = true;
      } else {
        const view = serviceView(existing);
        previousRevision = view.traffic.find((t) => t.tag === tag)?.revision;
        const already = view.traffic.some((t) => t.tag === tag && t.revision === spec.revisionName);
        if (already) {
          log(
            `Tag ${tag} already points at ${spec.revisionName}: nothing to deploy (re-run of the same commit)`,
          );
        } else {
          // Reuse a revision that exists with this exact name (same PR, commit and settings): idempotent re-run.
          const known = await revisionExists(spec.revisionName);
          try {
            await updateTraffic(
              { kind: 'preview', tag, revision: spec.revisionName },
              known ? undefined : spec,
            );
          } catch (err) {
            if (CONFLICT_GRPC.has(errorCode(err) ?? -1) || isTransient(err)) throw err;
            failure = err instanceof Error ? err.message : String(err);
          }
        }
      }
      const state = await waitRevision(spec.revisionName).catch((err: unknown) => ({
        ready: false,
        message: failure ?? (err instanceof Error ? err.message : String(err)),
      }));
      const url = state.ready ? await waitForTagUrl(tag, spec.revisionName) : undefined;
      return {
        revision: spec.revisionName,
        url,
        ready: state.ready,
        message: state.message ?? failure,
        serviceCreated,
        previousRevision,
      };
    },
    async retag(tag: string, revision: string | null): Promise<void> {
      await updateTraffic({ kind: 'retag', tag, revision });
    },
    async untag(tags: string[]): Promise<void> {
      await updateTraffic({ kind: 'untag', tags });
    },
    async shiftTraffic(revision: string, percent: number, prevTag?: string): Promise<ServiceView> {
      await updateTraffic({ kind: 'shift', revision, percent, prevTag });
      return afterUpdate();
    },
    async restoreTraffic(traffic: TrafficEntry[]): Promise<void> {
      await updateTraffic({ kind: 'restore', traffic });
    },
    async listRevisions(labels: Record<string, string>): Promise<RevisionView[]> {
      const [list] = await call(() => revisions.listRevisions({ parent: serviceName }));
      return list
        .filter((r) => Object.entries(labels).every(([k, v]) => r.labels?.[k] === v))
        .map((r) => ({
          name: shortName(r.name),
          labels: { ...(r.labels ?? {}) },
          image: r.containers?.[0]?.image ?? undefined,
          createTime: toSeconds(r.createTime),
          ready: readiness(r).ready === true,
        }));
    },
    async deleteRevision(name: string): Promise<void> {
      const [op] = await call(() => revisions.deleteRevision({ name: `${serviceName}/revisions/${name}` }));
      await waitOperation(op);
    },
    async deployUntagged(
      spec: RevisionSpec,
    ): Promise<{ revision: string; ready: boolean; message?: string }> {
      // A new template with traffic unchanged apart from pinning LATEST: production keeps serving what it did.
      let failure: string | undefined;
      try {
        await updateTraffic({ kind: 'pin' }, spec);
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
      const state = await waitRevision(spec.revisionName);
      return { revision: spec.revisionName, ready: state.ready, message: state.message ?? failure };
    },
  };

  /**
   * The tag's URL once the service's traffic statuses show the tag on this revision: statuses move only when
   * every revision named in traffic is ready, so a concurrent deploy of another PR can hold them back briefly.
   */
  async function waitForTagUrl(tag: string, revision: string): Promise<string | undefined> {
    const deadline = Date.now() + config.timeoutMs;
    let delay = 100;
    for (;;) {
      const svc = await getRaw();
      const status = (svc?.trafficStatuses ?? []).find((s) => s.tag === tag);
      if (status?.uri && shortName(status.revision) === revision) return status.uri;
      if (!(svc?.traffic ?? []).some((t) => t.tag === tag && shortName(t.revision) === revision))
        return undefined;
      if (Date.now() > deadline) return undefined;
      await new Promise((res) => setTimeout(res, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }

  async function revisionExists(name: string): Promise<boolean> {
    try {
      await call(() => revisions.getRevision({ name: `${serviceName}/revisions/${name}` }));
      return true;
    } catch (err) {
      if (errorCode(err) === NOT_FOUND) return false;
      throw err;
    }
  }
}
