import { randomUUID } from 'node:crypto';
import { ArtifactRegistryBackend } from './artifact-registry-service.js';
import { artifactRegistryHandlers } from './artifact-registry-handlers.js';
import { CloudRunService } from './cloud-run-service.js';
import { CloudRunState, type Quotas } from './cloud-run-state.js';
import { Faults, type FaultInjector } from './faults.js';
import { implement, startGrpcServer, type CallHooks } from './grpc-server.js';
import { HttpFront } from './http-router.js';
import { IamStore } from './iam-store.js';
import { IdentityAuthority, type ServiceAccountKeyFile } from './identity.js';
import { startIdentityServer } from './identity-server.js';
import { bearerToken, decideInvocation, type InvokerDecision } from './invoker-access.js';
import { operationsHandlers, OperationStore } from './lro.js';
import { loadEmulatorProtos } from './proto-loading.js';
import { CallRecorder, type RecordedCall } from './recorder.js';
import { RegistryHttp } from './registry-http.js';
import { DockerRuntime, dockerAvailable } from './runtime-docker.js';
import { ProcessRuntime } from './runtime-process.js';
import type { RevisionRuntime } from './runtime.js';

export type { FaultInjector } from './faults.js';
export type { RecordedCall } from './recorder.js';
export type { ServiceAccountKeyFile } from './identity.js';
export { CONTAINER_LABEL } from './runtime-docker.js';

/** How to start the emulator. */
export interface EmulatorOptions {
  /** auto: docker when `docker info` works, else process. */
  runtime?: 'auto' | 'docker' | 'process';
  /** The local docker-registry standing in for Artifact Registry (see startLocalRegistry). */
  registry?: { host: string; url: string };
  /** How long a revision may take to listen (default 20000). */
  startupTimeoutMs?: number;
  /**
   * Docker runtime only. bridge (default): each container publishes its port on 127.0.0.1. host: containers
   * share the host's network, each listening on its own PORT, so one revision can call another's URL as
   * services call each other on Cloud Run (the emulator's URLs are loopback listeners).
   */
  network?: 'bridge' | 'host';
  log?: (line: string) => void;
  /** Cloud Run's resource limits (default: Cloud Run's own), set small so tests can reach them. */
  quotas?: Partial<Quotas>;
}

/** A running emulator. */
export interface Emulator {
  /** '127.0.0.1:PORT' of the gRPC server (Cloud Run v2, google.longrunning.Operations, Artifact Registry v1). */
  endpoint: string;
  port: number;
  runtimeName: 'docker' | 'process';
  /** The instance id every container is labelled with (`gcp-deploy-emulator=<id>`). */
  instanceId: string;
  recorder: { calls: RecordedCall[]; mutations(): RecordedCall[]; clear(): void };
  faults: FaultInjector;
  /**
   * Google's identity side: service-account keys it can verify, and the HTTPS proxy (env()) through which
   * google-auth-library exchanges them for ID tokens at oauth2.googleapis.com.
   */
  identity: {
    createServiceAccountKey(email: string): ServiceAccountKeyFile;
    /** An ID token for a known service account, as Google would sign it. */
    idToken(email: string, audience: string): string;
    /** HTTPS_PROXY, NO_PROXY and NODE_EXTRA_CA_CERTS for a process that fetches ID tokens. */
    env(): Record<string, string>;
  };
  /** Project-level IAM (service-level IAM is the Services API's Get/SetIamPolicy). */
  iam: { grantProject(project: string, role: string, member: string): void };
  /** Removes every container/process it started and closes its listeners. */
  stop(): Promise<void>;
}

async function dockerRuntime(
  instanceId: string,
  log: (l: string) => void,
  network: 'bridge' | 'host',
): Promise<DockerRuntime> {
  const runtime = new DockerRuntime(instanceId, log, undefined, network);
  await runtime.sweepOrphans();
  return runtime;
}

async function pickRuntime(
  choice: EmulatorOptions['runtime'],
  instanceId: string,
  log: (l: string) => void,
  network: 'bridge' | 'host' = 'bridge',
): Promise<RevisionRuntime> {
  if (choice === 'process') return new ProcessRuntime(log);
  if (choice === 'docker') {
    if (!(await dockerAvailable())) throw new Error('runtime "docker" was asked for but `docker info` fails');
    return dockerRuntime(instanceId, log, network);
  }
  return (await dockerAvailable()) ? dockerRuntime(instanceId, log, network) : new ProcessRuntime(log);
}

/** Starts the Cloud Run + Artifact Registry emulator on a free loopback port. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const log = opts.log ?? ((): void => undefined);
  const instanceId = randomUUID().slice(0, 12);
  const protos = loadEmulatorProtos();
  const runtime = await pickRuntime(opts.runtime ?? 'auto', instanceId, log, opts.network);
  const faults = new Faults();
  const recorder = new CallRecorder();
  const ops = new OperationStore();
  const hooks: CallHooks = { faults, recorder, log };
  const iam = new IamStore();
  const authority = new IdentityAuthority();
  const identity = await startIdentityServer(authority);
  const authorize = (key: string, header: string | undefined): InvokerDecision => {
    const serviceName = key.split('|')[1] ?? '';
    let svc;
    try {
      svc = state.getService(serviceName);
    } catch {
      return { allow: true }; // no such service: routing answers that
    }
    const statuses = (svc.trafficStatuses as { uri?: string }[] | undefined) ?? [];
    return decideInvocation(
      {
        service: serviceName.split('/').pop() ?? serviceName,
        invokerIamDisabled: svc.invokerIamDisabled === true,
        iapEnabled: svc.iapEnabled === true,
        urls: [typeof svc.uri === 'string' ? svc.uri : '', ...statuses.map((t) => t.uri ?? '')],
        customAudiences: (svc.customAudiences as string[] | undefined) ?? [],
        bindings: iam.effective(serviceName),
      },
      bearerToken(header),
      (t) => authority.verify(t),
    );
  };
  const front: HttpFront = new HttpFront({
    authorize,
    routes: (key): { revision: string; percent: number }[] => state.routes(key),
    backendPort: (rev): number | undefined => run.backendPort(rev),
    isUnhealthy: (rev) => faults.isUnhealthy(rev),
    random: Math.random,
  });
  const state: CloudRunState = new CloudRunState({
    now: Date.now,
    random: Math.random,
    url: (key): string | undefined => front.url(key),
    ...(opts.quotas !== undefined ? { quotas: opts.quotas } : {}),
  });
  const run: CloudRunService = new CloudRunService({
    state,
    front,
    runtime,
    ops,
    protos,
    faults,
    iam,
    startupTimeoutMs: opts.startupTimeoutMs ?? 20_000,
    log,
  });
  const services = [
    {
      def: protos.services,
      impl: implement('google.cloud.run.v2.Services', protos.services, run.servicesHandlers(), hooks),
    },
    {
      def: protos.revisions,
      impl: implement('google.cloud.run.v2.Revisions', protos.revisions, run.revisionsHandlers(), hooks),
    },
    {
      def: protos.operations,
      impl: implement('google.longrunning.Operations', protos.operations, operationsHandlers(ops), hooks),
    },
  ];
  // Artifact Registry is always served; without a registry to back it every method answers UNIMPLEMENTED.
  const ar = opts.registry
    ? artifactRegistryHandlers(
        new ArtifactRegistryBackend(new RegistryHttp(opts.registry.url), opts.registry.host),
        ops,
        protos,
      )
    : {};
  services.push({
    def: protos.artifactRegistry,
    impl: implement(
      'google.devtools.artifactregistry.v1.ArtifactRegistry',
      protos.artifactRegistry,
      ar,
      hooks,
    ),
  });
  let bound;
  try {
    bound = await startGrpcServer(services);
  } catch (err) {
    await identity.close();
    throw err;
  }
  const { server, port } = bound;
  log(`emulator gRPC on 127.0.0.1:${port}; revision runtime: ${runtime.name}`);
  let stopped = false;
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    runtimeName: runtime.name,
    instanceId,
    recorder,
    faults,
    identity: {
      createServiceAccountKey: (email) => authority.createServiceAccountKey(email),
      idToken: (email, audience) => authority.idToken(email, audience),
      env: () => identity.env(),
    },
    iam: { grantProject: (project, role, member) => iam.grantProject(project, role, member) },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      server.forceShutdown();
      await front.close();
      await identity.close();
      await run.stopAll();
      await runtime.stopAll();
    },
  };
}
