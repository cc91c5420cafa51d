import { status } from '@grpc/grpc-js';
import { urlKeysFor, type CloudRunState, type MutationResult, type Msg } from './cloud-run-state.js';
import type { Faults } from './faults.js';
import type { UnaryHandler } from './grpc-server.js';
import { paginate } from './grpc-server.js';
import type { HttpFront } from './http-router.js';
import { allowed } from './principals.js';
import type { IamStore } from './iam-store.js';
import { packAny, type OperationStore } from './lro.js';
import { parseLocationParent, parseRevisionName, parseServiceName, validateServiceId } from './naming.js';
import type { EmulatorProtos } from './proto-loading.js';
import {
  launchFromTemplate,
  RevisionStartError,
  type PullLogins,
  type RevisionRuntime,
  type RunningRevision,
} from './runtime.js';
import { validateServiceInput } from './template-validation.js';
import { resolveTemplateSecrets } from './runtime-secrets.js';
import { defaultRuntimeServiceAccount, type SecretStore } from './secret-manager.js';

const SERVICE_TYPE = 'google.cloud.run.v2.Service';
const REVISION_TYPE = 'google.cloud.run.v2.Revision';

/** Everything the Cloud Run handlers drive. */
export interface CloudRunDeps {
  state: CloudRunState;
  front: HttpFront;
  runtime: RevisionRuntime;
  ops: OperationStore;
  protos: EmulatorProtos;
  faults: Faults;
  iam: IamStore;
  startupTimeoutMs: number;
  log(line: string): void;
  /** Secret Manager, for the secret env vars and volumes revisions get at start. */
  secrets?: SecretStore;
  /**
   * Starts the metadata server a revision's instances reach (its env names it), answering as the revision's
   * runtime service account, as Cloud Run's does: apps written for Cloud Run get their tokens unchanged.
   */
  metadata?: RevisionMetadata;
  /** The registry logins a revision's image pull presents in a project (Cloud Run's service agent's). */
  pullLogins?: (project: string) => PullLogins;
}

/** A metadata server for one revision: the env that points the container at it, and its stop. */
export type RevisionMetadata = (
  serviceAccount: string,
  project: string,
) => Promise<{ env: Record<string, string>; close(): Promise<void> }>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** Who a revision runs as: its template's service account, else the project's default compute account. */
const runtimeIdentity = (template: Msg, project: string): string =>
  str(template.serviceAccount) || defaultRuntimeServiceAccount(project);
const locationOf = (serviceName: string): string => {
  const p = parseServiceName(serviceName);
  return `projects/${p.project}/locations/${p.location}`;
};

/** Cloud Run v2 Services + Revisions: state changes, revision launches and the operations that wait for them. */
export class CloudRunService {
  private readonly running = new Map<string, RunningRevision>();
  private readonly settled = new Map<string, Promise<void>>();

  constructor(private readonly d: CloudRunDeps) {}

  /** The 127.0.0.1 port a ready revision listens on. */
  backendPort(revision: string): number | undefined {
    return this.running.get(revision)?.hostPort;
  }

  private serviceAny(service: Msg): ReturnType<typeof packAny> {
    return packAny(SERVICE_TYPE, this.d.protos.encodeService(service));
  }

  /** Starts a new revision in the background; its readiness settles the state and any waiting operation. */
  private launch(rev: NonNullable<MutationResult['newRevision']>): void {
    const base = launchFromTemplate(rev.name, rev.serviceId, rev.template, this.d.startupTimeoutMs);
    let metadata: Awaited<ReturnType<RevisionMetadata>> | undefined;
    const done = (async (): Promise<void> => {
      try {
        const secrets = resolveTemplateSecrets(rev.name, rev.template, this.d.secrets);
        const project = parseRevisionName(rev.name).project;
        metadata = await this.d.metadata?.(runtimeIdentity(rev.template, project), project);
        const env = { ...secrets.env, ...base.env, ...metadata?.env };
        const pullLogins = this.d.pullLogins?.(project);
        const launch = { ...base, env, files: secrets.files, ...(pullLogins ? { pullLogins } : {}) };
        const started = await this.d.runtime.start(launch);
        const running: RunningRevision = {
          hostPort: started.hostPort,
          stop: async () => {
            await started.stop();
            await metadata?.close();
          },
        };
        if (this.d.faults.readinessDelayMs > 0)
          await new Promise((r) => setTimeout(r, this.d.faults.readinessDelayMs));
        if (!this.d.state.readiness(rev.name)) {
          await running.stop(); // deleted while starting
          return;
        }
        this.running.set(rev.name, running);
        this.d.state.revisionReady(rev.name);
        this.d.log(`revision ${rev.id} ready on 127.0.0.1:${running.hostPort}`);
      } catch (err) {
        await metadata?.close();
        const message = err instanceof RevisionStartError ? err.message : `Internal error: ${String(err)}`;
        this.d.state.revisionFailed(rev.name, message);
        this.d.log(`revision ${rev.id} failed: ${message}`);
      }
    })();
    this.settled.set(rev.name, done);
  }

  /** Turns a mutation into an Operation that finishes when the revisions it waits for are ready or one fails. */
  private operation(serviceName: string, result: MutationResult): unknown {
    const location = locationOf(serviceName);
    if (result.newRevision) this.launch(result.newRevision);
    for (const r of result.collected ?? []) {
      this.d.log(`revision ${r.split('/').pop() ?? r} garbage-collected (revisions per service limit)`);
      void this.stopRevision(r);
    }
    if (result.waitFor.length === 0) {
      const any = this.serviceAny(result.service);
      return this.d.ops.createDone(location, any, any);
    }
    const op = this.d.ops.create(location, this.serviceAny(result.service));
    void (async (): Promise<void> => {
      await Promise.all(result.waitFor.map((r) => this.settled.get(r) ?? Promise.resolve()));
      const failed = result.waitFor
        .map((r) => ({ r, st: this.d.state.readiness(r) }))
        .find(({ st }) => st?.state !== 'ready');
      let service: Msg;
      try {
        service = this.d.state.getService(serviceName);
      } catch {
        this.d.ops.fail(op.name, status.NOT_FOUND, `Service '${serviceName}' was deleted while deploying.`);
        return;
      }
      const any = this.serviceAny(service);
      if (failed) {
        const id = failed.r.split('/').pop() ?? failed.r;
        const why = failed.st?.message ?? 'The revision was deleted.';
        this.d.ops.fail(
          op.name,
          status.FAILED_PRECONDITION,
          `Revision '${id}' is not ready and cannot serve traffic. ${why}`,
          any,
        );
      } else {
        this.d.ops.succeed(op.name, any, any);
      }
    })();
    return op;
  }

  private async stopRevision(name: string): Promise<void> {
    const r = this.running.get(name);
    this.running.delete(name);
    await r?.stop();
  }

  /** Stops every revision runtime it started. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((n) => this.stopRevision(n)));
  }

  /** The Services handlers. */
  servicesHandlers(): Record<string, UnaryHandler> {
    const s = this.d.state;
    return {
      CreateService: async (req) => {
        const parent = str(req.parent);
        const serviceId = str(req.serviceId);
        const input = (req.service as Msg | undefined) ?? {};
        parseLocationParent(parent);
        validateServiceId(serviceId);
        // Checked again by the state; first here so a refused request allocates no URL listener either.
        validateServiceInput(input);
        await this.d.front.ensure(
          urlKeysFor(`${parent}/services/${serviceId}`, input.traffic as Msg[] | undefined),
        );
        const result = s.createService(parent, serviceId, input, req.validateOnly === true);
        return this.operation(`${parent}/services/${serviceId}`, result);
      },
      UpdateService: async (req) => {
        const input = (req.service as Msg | undefined) ?? {};
        const name = str(input.name);
        parseServiceName(name);
        validateServiceInput(input);
        await this.d.front.ensure(urlKeysFor(name, input.traffic as Msg[] | undefined));
        const mask = (req.updateMask as { paths?: unknown[] } | undefined)?.paths ?? [];
        const result = s.updateService(
          input,
          req.allowMissing === true,
          req.validateOnly === true,
          mask.filter((p): p is string => typeof p === 'string'),
        );
        return this.operation(name, result);
      },
      GetService: (req) => Promise.resolve(s.getService(str(req.name))),
      ListServices: (req) => {
        const { page, next } = paginate(s.listServices(str(req.parent)), req.pageSize, req.pageToken);
        return Promise.resolve({ services: page, nextPageToken: next });
      },
      DeleteService: async (req) => {
        const name = str(req.name);
        if (req.validateOnly === true) {
          const any = this.serviceAny(s.getService(name));
          return this.d.ops.createDone(locationOf(name), any, any);
        }
        const { service, revisions } = s.deleteService(name, str(req.etag));
        this.d.iam.drop(name);
        await Promise.all(revisions.map((r) => this.stopRevision(r)));
        const any = this.serviceAny(service);
        return this.d.ops.createDone(locationOf(name), any, any);
      },
      GetIamPolicy: (req) => {
        const resource = str(req.resource);
        s.getService(resource);
        return Promise.resolve(this.d.iam.get(resource));
      },
      SetIamPolicy: (req) => {
        const resource = str(req.resource);
        s.getService(resource);
        return Promise.resolve(
          this.d.iam.set(resource, (req.policy as Parameters<IamStore['set']>[1]) ?? {}),
        );
      },
      // The permissions asked about that the caller holds on the service (or its project).
      TestIamPermissions: (req, caller) => {
        const resource = str(req.resource);
        s.getService(resource);
        const asked = (Array.isArray(req.permissions) ? (req.permissions as unknown[]) : []).filter(
          (p): p is string => typeof p === 'string' && p.startsWith('run.'),
        );
        return Promise.resolve({
          permissions:
            caller === undefined
              ? asked
              : asked.filter((p) => allowed(this.d.iam.effective(resource), caller, p)),
        });
      },
    };
  }

  /** The Revisions handlers. */
  revisionsHandlers(): Record<string, UnaryHandler> {
    const s = this.d.state;
    return {
      GetRevision: (req) => Promise.resolve(s.getRevision(str(req.name))),
      ListRevisions: (req) => {
        const { page, next } = paginate(s.listRevisions(str(req.parent)), req.pageSize, req.pageToken);
        return Promise.resolve({ revisions: page, nextPageToken: next });
      },
      DeleteRevision: async (req) => {
        const name = str(req.name);
        const { serviceName } = parseRevisionName(name);
        const validateOnly = req.validateOnly === true;
        const revision = s.deleteRevision(name, str(req.etag), validateOnly);
        if (!validateOnly) await this.stopRevision(name);
        const any = packAny(REVISION_TYPE, this.d.protos.encodeRevision(revision));
        return this.d.ops.createDone(locationOf(serviceName), any, any);
      },
    };
  }
}
