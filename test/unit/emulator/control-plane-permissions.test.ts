import { describe, expect, it } from 'vitest';
import { artifactRegistryHandlers } from '../../../src/emulator/artifact-registry-handlers.js';
import { CloudRunJobs } from '../../../src/emulator/cloud-run-jobs.js';
import { CloudRunService } from '../../../src/emulator/cloud-run-service.js';
import {
  actAsDeniedMessage,
  apiHostsOf,
  permissionDeniedMessage,
  requiredPermission,
} from '../../../src/emulator/control-plane-permissions.js';
import { IamStore } from '../../../src/emulator/iam-store.js';
import { operationsHandlers, OperationStore } from '../../../src/emulator/lro.js';
import { loadEmulatorProtos } from '../../../src/emulator/proto-loading.js';
import { SecretStore } from '../../../src/emulator/secret-manager.js';
import { ROLE_PERMISSIONS } from '../../../src/iam/predefined-roles.js';

const protos = loadEmulatorProtos();
const ops = new OperationStore();
const never = {} as never;
const run = new CloudRunService({
  state: never,
  front: never,
  runtime: never,
  ops,
  protos,
  faults: never,
  iam: new IamStore(),
  startupTimeoutMs: 1,
  log: () => undefined,
});
const jobs = new CloudRunJobs({ runtime: never, ops, protos, log: () => undefined });

/** Every method the emulator implements, by gRPC service. */
const served: Record<string, string[]> = {
  'google.cloud.run.v2.Services': Object.keys(run.servicesHandlers()),
  'google.cloud.run.v2.Revisions': Object.keys(run.revisionsHandlers()),
  'google.longrunning.Operations': Object.keys(operationsHandlers(ops)),
  'google.cloud.run.v2.Jobs': Object.keys(jobs.jobsHandlers()),
  'google.cloud.run.v2.Executions': Object.keys(jobs.executionsHandlers()),
  'google.cloud.run.v2.Tasks': Object.keys(jobs.tasksHandlers()),
  'google.devtools.artifactregistry.v1.ArtifactRegistry': Object.keys(
    artifactRegistryHandlers(never, ops, protos),
  ),
  'google.cloud.secretmanager.v1.SecretManagerService': Object.keys(
    new SecretStore(new IamStore()).handlers(),
  ),
};

describe('the control plane permission table', () => {
  it('names a permission (or none, for TestIamPermissions) for every method the emulator serves', () => {
    const unknown = Object.entries(served).flatMap(([svc, methods]) =>
      methods.filter((m) => !requiredPermission(svc, m, {}).known).map((m) => `${svc}.${m}`),
    );
    expect(unknown).toEqual([]);
    expect(Object.values(served).flat().length).toBeGreaterThan(40);
  });

  it('every permission it asks for is granted by some predefined role', () => {
    const granted = new Set(Object.values(ROLE_PERMISSIONS).flat());
    const asked = Object.entries(served).flatMap(([svc, methods]) =>
      methods
        .map((m) => requiredPermission(svc, m, {}, () => 'run'))
        .flatMap((a) => (a.known && a.requirement ? [a.requirement.permission] : [])),
    );
    expect(asked.filter((p) => !granted.has(p))).toEqual([]);
  });

  it.each([
    [
      'google.cloud.run.v2.Services',
      'CreateService',
      { parent: 'projects/p/locations/l', serviceId: 'web' },
      'run.services.create',
      'projects/p/locations/l/services/web',
    ],
    [
      'google.cloud.run.v2.Services',
      'UpdateService',
      { service: { name: 'projects/p/locations/l/services/web' } },
      'run.services.update',
      'projects/p/locations/l/services/web',
    ],
    [
      'google.cloud.run.v2.Services',
      'SetIamPolicy',
      { resource: 'projects/p/locations/l/services/web' },
      'run.services.setIamPolicy',
      'projects/p/locations/l/services/web',
    ],
    [
      'google.cloud.run.v2.Jobs',
      'RunJob',
      { name: 'projects/p/locations/l/jobs/j' },
      'run.jobs.run',
      'projects/p/locations/l/jobs/j',
    ],
    [
      'google.cloud.run.v2.Jobs',
      'RunJob',
      { name: 'projects/p/locations/l/jobs/j', overrides: { taskCount: 1 } },
      'run.jobs.runWithOverrides',
      'projects/p/locations/l/jobs/j',
    ],
    [
      'google.devtools.artifactregistry.v1.ArtifactRegistry',
      'CreateRepository',
      { parent: 'projects/p/locations/l', repositoryId: 'r' },
      'artifactregistry.repositories.create',
      'projects/p/locations/l/repositories/r',
    ],
    [
      'google.cloud.secretmanager.v1.SecretManagerService',
      'AccessSecretVersion',
      { name: 'projects/p/secrets/s/versions/latest' },
      'secretmanager.versions.access',
      'projects/p/secrets/s/versions/latest',
    ],
  ])('%s.%s needs the right permission on the right resource', (svc, method, req, permission, resource) => {
    expect(requiredPermission(svc, method, req)).toEqual({
      known: true,
      requirement: { permission, resource },
    });
  });

  it('reads an operation with the permission of the API that made it', () => {
    const req = { name: 'projects/p/locations/l/operations/o' };
    const of = (api: 'run' | 'artifactregistry'): unknown =>
      requiredPermission('google.longrunning.Operations', 'GetOperation', req, () => api);
    expect(of('run')).toMatchObject({ requirement: { permission: 'run.operations.get' } });
    expect(of('artifactregistry')).toMatchObject({
      requirement: { permission: 'artifactregistry.repositories.get' },
    });
  });

  it('refuses a method it does not list, and asks nothing for TestIamPermissions', () => {
    expect(requiredPermission('google.cloud.run.v2.Services', 'Unheard', {})).toEqual({ known: false });
    expect(requiredPermission('google.cloud.run.v2.Services', 'TestIamPermissions', {})).toEqual({
      known: true,
      requirement: undefined,
    });
  });

  it("says what Google says, and takes each API's own JWT audience", () => {
    expect(
      permissionDeniedMessage({
        permission: 'run.services.get',
        resource: 'projects/p/locations/l/services/s',
      }),
    ).toBe(
      "Permission 'run.services.get' denied on resource 'projects/p/locations/l/services/s' (or it may not exist).",
    );
    expect(actAsDeniedMessage('1-compute@developer.gserviceaccount.com')).toBe(
      "Permission 'iam.serviceaccounts.actAs' denied on service account 1-compute@developer.gserviceaccount.com (or it may not exist).",
    );
    expect(apiHostsOf('google.cloud.run.v2.Jobs')).toEqual(['run.googleapis.com']);
    expect(apiHostsOf('google.cloud.secretmanager.v1.SecretManagerService')).toEqual([
      'secretmanager.googleapis.com',
    ]);
  });
});
