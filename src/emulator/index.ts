import { randomUUID } from 'node:crypto';
import { ArtifactRegistryBackend } from './artifact-registry-service.js';
import { artifactRegistryHandlers } from './artifact-registry-handlers.js';
import { CloudRunService, type RevisionMetadata } from './cloud-run-service.js';
import { CloudRunState, type Quotas } from './cloud-run-state.js';
import { Faults, type FaultInjector } from './faults.js';
import { implement, startGrpcServer, type CallHooks } from './grpc-server.js';
import { HttpFront } from './http-router.js';
import { IamStore } from './iam-store.js';
import { IdentityAuthority, type ServiceAccountKeyFile } from './identity.js';
import { startIdentityServer } from './identity-server.js';
import { IamCredentials, serviceAccountResource } from './iam-credentials.js';
import { startMetadataServer, type MetadataServer } from './metadata-server.js';
import {
  ProjectDirectory,
  WorkloadIdentity,
  type WorkloadIdentityPool,
  type WorkloadIdentityPoolProvider,
} from './workload-identity.js';
import { bearerToken, decideInvocation, type InvokerDecision } from './invoker-access.js';
import { operationsHandlers, OperationStore } from './lro.js';
import { loadEmulatorProtos } from './proto-loading.js';
import { CallRecorder, type RecordedCall } from './recorder.js';
import { RegistryHttp } from './registry-http.js';
import { DockerRuntime, dockerAvailable } from './runtime-docker.js';
import { ProcessRuntime } from './runtime-process.js';
import type { RevisionRuntime } from './runtime.js';
import { SecretStore } from './secret-manager.js';
import { CloudRunJobs } from './cloud-run-jobs.js';
import { ControlPlaneAuth } from './control-plane-auth.js';
import { CLOUD_PLATFORM } from './access-tokens.js';
import { allowed } from './principals.js';
import { cloudRunServiceAgent } from './registry-access.js';
import type { RegistryFront, RegistryGate } from './registry-front.js';
import type { PullLogins } from './runtime.js';

export type { FaultInjector } from './faults.js';
export type { RecordedCall } from './recorder.js';
export type { ServiceAccountKeyFile } from './identity.js';
export type { MetadataServer } from './metadata-server.js';
export type { WorkloadIdentityPool, WorkloadIdentityPoolProvider } from './workload-identity.js';
export { CONTAINER_LABEL } from './runtime-docker.js';

/** How to start the emulator. */
export interface EmulatorOptions {
  /** auto: docker when `docker info` works, else process. */
  runtime?: 'auto' | 'docker' | 'process';
  /**
   * The local docker-registry standing in for Artifact Registry (see startLocalRegistry). Its front, when
   * given, authorizes pushes and pulls as Artifact Registry's Docker endpoint from then on.
   */
  registry?: { host: string; url: string; front?: RegistryFront };
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
  /**
   * Cloud Run's clock (default Date.now): when revisions are created and tags set. A test turns it back
   * to deploy a preview that looks days old to a sweep running on the real clock.
   */
  clock?: () => number;
  /**
   * How long the access and ID tokens it issues live (default 3600 s, as Google's; also
   * identity.setTokenLifetime). Shortened, it lets a test outlive its tokens: they expire exactly, no skew.
   */
  tokenLifetimeSec?: number;
}

/** A running emulator. */
export interface Emulator {
  /**
   * '127.0.0.1:PORT' of the gRPC server (Cloud Run v2, google.longrunning.Operations, Artifact Registry v1,
   * Secret Manager v1), served over TLS under the emulator's CA (identity.env() GCP_DEPLOY_EMULATOR_CA). Every
   * call needs a bearer token the emulator issued (or a self-signed JWT of a key it made) and the method's
   * permission, as Google's front end demands.
   */
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
    /** A cloud-platform access token for a service account, as its key's token exchange would issue it. */
    accessToken(email: string): string;
    /**
     * HTTPS_PROXY, NO_PROXY and NODE_EXTRA_CA_CERTS for a process that fetches tokens, and
     * GCP_DEPLOY_EMULATOR_CA (the same CA) for the control plane's TLS.
     */
    env(): Record<string, string>;
    /** Creates a service account with no key (one to impersonate, or to run revisions as). */
    createServiceAccount(email: string): void;
    /** Fixes a project's number (resource names such as a provider's carry it). */
    registerProject(id: string, number: string): void;
    projectNumber(id: string): string;
    /** IAM's workloadIdentityPools.create: parent `projects/<id|number>/locations/global`. */
    createWorkloadIdentityPool(
      parent: string,
      poolId: string,
      pool: Omit<WorkloadIdentityPool, 'name'>,
    ): WorkloadIdentityPool;
    /** IAM's workloadIdentityPools.providers.create (OIDC). */
    createWorkloadIdentityPoolProvider(
      pool: string,
      providerId: string,
      provider: Omit<WorkloadIdentityPoolProvider, 'name'>,
    ): WorkloadIdentityPoolProvider;
    /** A metadata server whose machine runs as `email` (GCE_METADATA_HOST in its env()). */
    startMetadataServer(email: string, project: string): Promise<MetadataServer>;
    /** How long access and ID tokens issued from now on live (default 3600 s, as Google's). */
    setTokenLifetime(seconds: number): void;
  };
  /** Project-level IAM (service-level IAM is the Services API's Get/SetIamPolicy). */
  iam: {
    grantProject(project: string, role: string, member: string): void;
    /** Grants a role on the organization: every project inherits it (a test's operator). */
    grantOrganization(role: string, member: string): void;
    /** Adds a binding to a service account's own policy (as its setIamPolicy would). */
    grantServiceAccount(email: string, role: string, member: string): void;
    /** Adds a binding to any resource's own policy, e.g. an Artifact Registry repository's. */
    grantResource(resource: string, role: string, member: string): void;
  };
  /** Secret Manager v1 (also served over gRPC): `add` creates the secret if needed and adds a version. */
  secrets: { add(secretName: string, value: string): string };
  /** Cloud Run Jobs: a task's log (every attempt's output), as Cloud Logging would hold it. */
  jobs: { taskLog(taskName: string): string | undefined };
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
  const hooks: CallHooks = {
    faults,
    recorder,
    log,
    authorize: (service, method, request, metadata) =>
      controlPlane.authorize(service, method, request, metadata),
  };
  const iam = new IamStore();
  const secrets = new SecretStore(iam);
  const authority = new IdentityAuthority();
  if (opts.tokenLifetimeSec !== undefined) authority.lifetimeSec = opts.tokenLifetimeSec;
  const projects = new ProjectDirectory();
  const lifetime = (): number => authority.lifetimeSec;
  const federation = new WorkloadIdentity(projects, authority.tokens, lifetime);
  const credentials = new IamCredentials(authority, iam, authority.tokens, lifetime);
  // Job task logs are read through Cloud Logging's REST API, which the identity front answers.
  const logSource: { jobs?: CloudRunJobs } = {};
  const identity = await startIdentityServer({
    authority,
    federation,
    credentials,
    iam,
    taskLog: (task) => logSource.jobs?.taskLog(task),
  });
  const controlPlane = new ControlPlaneAuth({
    authority,
    iam,
    projects,
    operationApi: (name) => {
      try {
        const op = ops.get(name);
        const type = op.metadata?.type_url ?? op.response?.type_url ?? '';
        return type.includes('.artifactregistry.') ? 'artifactregistry' : 'run';
      } catch {
        return 'run';
      }
    },
    deployedTemplate: (service, mask) => state.deployedTemplate(service, mask),
  });
  const metadataServers: MetadataServer[] = [];
  // Each revision's instances (and each job task) reach a metadata server of their own, answering as its
  // runtime identity.
  const revisionMetadata: RevisionMetadata = async (email, project) => {
    const server = await startMetadataServer(authority, email, project);
    return { env: server.env(), close: () => server.close() };
  };
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
  // Artifact Registry's Docker endpoint: access tokens and key logins verified here, IAM on the repository.
  const repositoryResource = (project: string, repository: string): string =>
    arBackend?.repositoryNamed(project, repository) ??
    `projects/${project}/locations/-/repositories/${repository}`;
  const registryGate: RegistryGate = {
    accessToken: (token) => {
      const caller = authority.callerOf(token, ['artifactregistry.googleapis.com']);
      if (!caller.ok) return undefined;
      const issued = authority.tokens.verify(token);
      const expiresAtMs = issued.ok ? issued.issued.expiresAtMs : Date.now() + authority.lifetimeSec * 1000;
      return { principal: caller.principal, expiresAtMs };
    },
    keyHolder: (json) => authority.keyHolder(json),
    lifetimeSec: () => authority.lifetimeSec,
    may: (principal, permission, project, repository) =>
      allowed(iam.effective(repositoryResource(project, repository)), principal, permission),
    repositoryResource,
    repositoryExists: async (project, repository) =>
      (await arBackend?.repositoryExists(project, repository)) ?? false,
  };
  // Cloud Run pulls a revision's image as its service agent, which holds roles/run.serviceAgent on the
  // project (granted once, as enabling the API does; a test may take it away again).
  const agentProjects = new Set<string>();
  const pullLogins = (project: string): PullLogins => {
    if (opts.registry?.front === undefined) return {};
    const agent = cloudRunServiceAgent(projects.number(project));
    if (!agentProjects.has(project)) {
      agentProjects.add(project);
      iam.grantProject(project, 'roles/run.serviceAgent', `serviceAccount:${agent}`);
    }
    const issued = authority.tokens.issue(
      { kind: 'serviceAccount', email: agent },
      [CLOUD_PLATFORM],
      authority.lifetimeSec,
    );
    return { [opts.registry.host]: { username: 'oauth2accesstoken', password: issued.token } };
  };
  const state: CloudRunState = new CloudRunState({
    now: opts.clock ?? Date.now,
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
    secrets,
    metadata: revisionMetadata,
    pullLogins,
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
  const arBackend = opts.registry
    ? new ArtifactRegistryBackend(new RegistryHttp(opts.registry.url), opts.registry.host)
    : undefined;
  const ar = arBackend ? artifactRegistryHandlers(arBackend, ops, protos) : {};
  if (opts.registry?.front !== undefined) opts.registry.front.gate = registryGate;
  services.push({
    def: protos.artifactRegistry,
    impl: implement(
      'google.devtools.artifactregistry.v1.ArtifactRegistry',
      protos.artifactRegistry,
      ar,
      hooks,
    ),
  });
  const jobs = new CloudRunJobs({
    runtime,
    ops,
    protos,
    secrets,
    log,
    metadata: revisionMetadata,
    pullLogins,
  });
  logSource.jobs = jobs;
  services.push(
    {
      def: protos.jobs,
      impl: implement('google.cloud.run.v2.Jobs', protos.jobs, jobs.jobsHandlers(), hooks),
    },
    {
      def: protos.executions,
      impl: implement('google.cloud.run.v2.Executions', protos.executions, jobs.executionsHandlers(), hooks),
    },
    {
      def: protos.tasks,
      impl: implement('google.cloud.run.v2.Tasks', protos.tasks, jobs.tasksHandlers(), hooks),
    },
  );
  services.push({
    def: protos.secretManager,
    impl: implement(
      'google.cloud.secretmanager.v1.SecretManagerService',
      protos.secretManager,
      secrets.handlers(),
      hooks,
    ),
  });
  let bound;
  try {
    bound = await startGrpcServer(services, 0, identity.tls);
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
      accessToken: (email) =>
        authority.tokens.issue({ kind: 'serviceAccount', email }, [CLOUD_PLATFORM], authority.lifetimeSec)
          .token,
      env: () => identity.env(),
      createServiceAccount: (email) => authority.createServiceAccount(email),
      registerProject: (id, number) => projects.register(id, number),
      projectNumber: (id) => projects.number(id),
      createWorkloadIdentityPool: (parent, poolId, pool) => federation.createPool(parent, poolId, pool),
      createWorkloadIdentityPoolProvider: (pool, providerId, provider) =>
        federation.createProvider(pool, providerId, provider),
      startMetadataServer: async (email, project) => {
        const server = await startMetadataServer(authority, email, project);
        metadataServers.push(server);
        return server;
      },
      setTokenLifetime: (seconds) => {
        authority.lifetimeSec = seconds;
      },
    },
    iam: {
      grantProject: (project, role, member) => iam.grantProject(project, role, member),
      grantOrganization: (role, member) => iam.grantOrganization(role, member),
      grantServiceAccount: (email, role, member) =>
        iam.grantResource(serviceAccountResource(email), role, member),
      grantResource: (resource, role, member) => iam.grantResource(resource, role, member),
    },
    secrets: { add: (name, value) => secrets.add(name, value) },
    jobs: { taskLog: (name) => jobs.taskLog(name) },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (opts.registry?.front?.gate === registryGate) opts.registry.front.gate = undefined;
      server.forceShutdown();
      await front.close();
      await identity.close();
      await Promise.all(metadataServers.map((m) => m.close()));
      await run.stopAll();
      await runtime.stopAll();
    },
  };
}
