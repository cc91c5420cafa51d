import { createRequire } from 'node:module';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { fromJSON, type Options, type PackageDefinition } from '@grpc/proto-loader';

const require = createRequire(import.meta.url);

/** How requests are decoded: camelCase fields, enum names, int64 as strings, no defaults filled in. */
const LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
};

/** The gRPC service definitions the emulator serves, loaded from the descriptors the client libraries ship. */
export interface EmulatorProtos {
  services: ServiceDefinition;
  revisions: ServiceDefinition;
  operations: ServiceDefinition;
  artifactRegistry: ServiceDefinition;
  secretManager: ServiceDefinition;
  jobs: ServiceDefinition;
  executions: ServiceDefinition;
  tasks: ServiceDefinition;
  /** Encodes a google.cloud.run.v2.Job. */
  encodeJob(job: Record<string, unknown>): Buffer;
  /** Encodes a google.cloud.run.v2.Execution. */
  encodeExecution(execution: Record<string, unknown>): Buffer;
  /** Encodes a google.cloud.run.v2.Service for an Operation's Any fields. */
  encodeService(service: Record<string, unknown>): Buffer;
  /** Encodes a google.cloud.run.v2.Revision. */
  encodeRevision(revision: Record<string, unknown>): Buffer;
  /** Encodes a google.devtools.artifactregistry.v1.Repository. */
  encodeRepository(repository: Record<string, unknown>): Buffer;
}

function load(jsonPath: string): PackageDefinition {
  // The same protos.json the client libraries decode with, so both sides agree on every field.
  return fromJSON(require(jsonPath) as Record<string, unknown>, LOADER_OPTIONS);
}

function service(def: PackageDefinition, name: string): ServiceDefinition {
  const found = def[name];
  if (!found || 'format' in found) throw new Error(`proto service ${name} not found`);
  return found;
}

let cached: EmulatorProtos | undefined;

/** Loads (once per process) the Cloud Run v2, longrunning, Artifact Registry v1 and Secret Manager v1 services. */
export function loadEmulatorProtos(): EmulatorProtos {
  if (cached) return cached;
  const run = load('@google-cloud/run/build/protos/protos.json');
  const ar = load('@google-cloud/artifact-registry/build/protos/protos.json');
  const services = service(run, 'google.cloud.run.v2.Services');
  const revisions = service(run, 'google.cloud.run.v2.Revisions');
  const artifactRegistry = service(ar, 'google.devtools.artifactregistry.v1.ArtifactRegistry');
  const jobs = service(run, 'google.cloud.run.v2.Jobs');
  const executions = service(run, 'google.cloud.run.v2.Executions');
  const sm = load('@google-cloud/secret-manager/build/protos/protos.json');
  // Each method's response serializer is protobufjs' encoder for that message type, built from the shipped protos.
  cached = {
    services,
    revisions,
    operations: service(run, 'google.longrunning.Operations'),
    artifactRegistry,
    secretManager: service(sm, 'google.cloud.secretmanager.v1.SecretManagerService'),
    jobs,
    executions,
    tasks: service(run, 'google.cloud.run.v2.Tasks'),
    encodeJob: (j) => jobs.GetJob.responseSerialize(j),
    encodeExecution: (e) => executions.GetExecution.responseSerialize(e),
    encodeService: (s) => services.GetService.responseSerialize(s),
    encodeRevision: (r) => revisions.GetRevision.responseSerialize(r),
    encodeRepository: (r) => artifactRegistry.GetRepository.responseSerialize(r),
  };
  return cached;
}
