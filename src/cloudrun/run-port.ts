/**
 * The commands' CloudRunPort for one configured service, over the CloudRunService adapter (which holds
 * every API detail): settings from the config, views in the commands' words.
 */
import type { Config } from '../config/config.js';
import type {
  CloudRunPort,
  PreviewDeployment,
  RevisionSpec,
  RevisionView,
  ServiceView,
} from '../commands/ports.js';
import type { RevisionSettings, ServiceState } from './api-mapping.js';
import { CloudRunService } from './cloud-run-service.js';
import type { TrafficTarget } from './traffic-plan.js';

/** The commands' view of a service. */
export function serviceView(svc: ServiceState): ServiceView {
  return {
    name: svc.name,
    ...(svc.uri !== undefined ? { uri: svc.uri } : {}),
    ...(svc.latestReadyRevision !== undefined ? { latestReadyRevision: svc.latestReadyRevision } : {}),
    traffic: svc.traffic,
    tagUrls: { ...svc.tagUrls },
  };
}

/** The revision settings for a spec under this config's deploy section. */
export function revisionSettings(config: Config, spec: RevisionSpec): RevisionSettings {
  const d = config.deploy;
  const optional = <K extends keyof RevisionSettings>(
    key: K,
    value: RevisionSettings[K] | undefined,
  ): object => (value === undefined ? {} : { [key]: value });
  return {
    revisionName: spec.revisionName,
    image: spec.image,
    env: spec.env,
    secretEnv: d.secrets.map((s) => ({ env: s.env, secret: s.secret, version: s.version })),
    labels: spec.labels,
    ...optional('cpu', d.cpu),
    ...optional('memory', d.memory),
    ...optional('concurrency', d.concurrency),
    ...optional('minInstances', d.minInstances),
    ...optional('maxInstances', d.maxInstances),
    ...optional('cpuBoost', d.cpuBoost),
    ...optional('serviceAccount', d.serviceAccount),
    ...optional('timeoutSeconds', d.requestTimeoutSec),
    ...optional('port', d.port),
    ...optional('command', d.command),
    ...optional('args', d.args),
  };
}

/** The Cloud Run port for the configured service. */
export function createCloudRunPort(config: Config, log: (s: string) => void): CloudRunPort {
  const api = new CloudRunService({
    project: config.projectId,
    region: config.region,
    log,
    timeoutMs: config.timeoutMs,
  });
  const service = config.service;
  const current = async (): Promise<ServiceView> => {
    const svc = await api.getService(service);
    if (svc === null) throw new Error(`Cloud Run service ${service} disappeared`);
    return serviceView(svc);
  };

  return {
    callCount: () => api.apiCalls,
    async getService(): Promise<ServiceView | null> {
      const svc = await api.getService(service);
      return svc === null ? null : serviceView(svc);
    },
    async deployPreview(spec: RevisionSpec, tag: string): Promise<PreviewDeployment> {
      const settings = revisionSettings(config, spec);
      const existing = await api.getService(service);
      if (existing === null) {
        log(`Service ${service} does not exist: creating it with this revision`);
        const r = await api.createService(service, settings, { tag, labels: { 'managed-by': 'gcp-deploy' } });
        return {
          revision: r.revision,
          ready: r.ready,
          serviceCreated: true,
          ...(r.uri !== undefined ? { url: r.uri } : {}),
          ...(r.message !== undefined ? { message: r.message } : {}),
        };
      }
      const previousRevision = existing.traffic.find((t) => t.tag === tag)?.revision;
      if (previousRevision === spec.revisionName) {
        log(
          `Tag ${tag} already points at ${spec.revisionName}: nothing to deploy (re-run of the same commit)`,
        );
      }
      const r = await api.deployRevision(service, settings, {
        kind: 'preview',
        tag,
        revision: spec.revisionName,
      });
      return {
        revision: r.revision,
        ready: r.ready,
        serviceCreated: false,
        ...(r.uri !== undefined ? { url: r.uri } : {}),
        ...(r.message !== undefined ? { message: r.message } : {}),
        ...(previousRevision !== undefined && previousRevision !== spec.revisionName
          ? { previousRevision }
          : {}),
      };
    },
    async retag(tag: string, revision: string | null): Promise<void> {
      await api.applyTraffic(service, { kind: 'retag', tag, revision });
    },
    async untag(tags: string[]): Promise<void> {
      await api.applyTraffic(service, { kind: 'untag', tags });
    },
    async shiftTraffic(revision: string, percent: number, prevTag?: string): Promise<ServiceView> {
      await api.applyTraffic(service, {
        kind: 'promote',
        revision,
        percent,
        ...(prevTag !== undefined ? { prevTag } : {}),
      });
      return current();
    },
    async restoreTraffic(traffic: TrafficTarget[]): Promise<void> {
      await api.applyTraffic(service, { kind: 'restore', traffic });
    },
    async listRevisions(labels: Record<string, string>): Promise<RevisionView[]> {
      const list = await api.listRevisions(service, labels);
      return list.map((r) => ({
        name: r.name,
        labels: r.labels,
        ready: r.ready === true,
        ...(r.image !== undefined ? { image: r.image } : {}),
        ...(r.createTime !== undefined ? { createTime: r.createTime } : {}),
      }));
    },
    async deleteRevision(name: string): Promise<void> {
      await api.deleteRevision(service, name);
    },
    async deployUntagged(
      spec: RevisionSpec,
    ): Promise<{ revision: string; ready: boolean; message?: string }> {
      // A new template with traffic unchanged apart from pinning LATEST: production keeps serving what it did.
      const r = await api.deployRevision(service, revisionSettings(config, spec), { kind: 'pin' });
      return {
        revision: r.revision,
        ready: r.ready,
        ...(r.message !== undefined ? { message: r.message } : {}),
      };
    },
  };
}
