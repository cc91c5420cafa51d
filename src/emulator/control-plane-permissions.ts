/**
 * Which IAM permission each control-plane method needs, and on which resource (pure). The names are those
 * of Google's IAM permissions reference for Cloud Run (services, revisions, operations, jobs, executions,
 * tasks), Artifact Registry and Secret Manager. A method missing from the table is refused: the emulator is
 * never kinder than Google.
 */
type Msg = Record<string, unknown>;

/** One permission a call needs, and the resource Google names when it refuses it. */
export interface Requirement {
  permission: string;
  resource: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const on =
  (permission: string, field = 'name') =>
  (req: Msg): Requirement => ({ permission, resource: str(req[field]) });
const child =
  (permission: string, collection: string, idField: string) =>
  (req: Msg): Requirement => ({
    permission,
    resource: `${str(req.parent)}/${collection}/${str(req[idField])}`,
  });
/** Methods every authenticated caller may call (TestIamPermissions answers with the caller's own grants). */
const NONE = (): undefined => undefined;

type Rule = (req: Msg, opApi: (name: string) => 'run' | 'artifactregistry') => Requirement | undefined;

const RULES: Record<string, Record<string, Rule>> = {
  'google.cloud.run.v2.Services': {
    CreateService: child('run.services.create', 'services', 'serviceId'),
    GetService: on('run.services.get'),
    ListServices: on('run.services.list', 'parent'),
    UpdateService: (req) => ({
      permission: 'run.services.update',
      resource: str((req.service as Msg | undefined)?.name),
    }),
    DeleteService: on('run.services.delete'),
    GetIamPolicy: on('run.services.getIamPolicy', 'resource'),
    SetIamPolicy: on('run.services.setIamPolicy', 'resource'),
    TestIamPermissions: NONE,
  },
  'google.cloud.run.v2.Revisions': {
    GetRevision: on('run.revisions.get'),
    ListRevisions: on('run.revisions.list', 'parent'),
    DeleteRevision: on('run.revisions.delete'),
  },
  'google.longrunning.Operations': {
    // Artifact Registry's operations have no permission of their own: reading the repository suffices.
    GetOperation: (req, api) =>
      api(str(req.name)) === 'artifactregistry'
        ? { permission: 'artifactregistry.repositories.get', resource: str(req.name) }
        : on('run.operations.get')(req),
    WaitOperation: (req, api) =>
      api(str(req.name)) === 'artifactregistry'
        ? { permission: 'artifactregistry.repositories.get', resource: str(req.name) }
        : on('run.operations.get')(req),
    ListOperations: on('run.operations.list'),
    DeleteOperation: on('run.operations.delete'),
  },
  'google.cloud.run.v2.Jobs': {
    CreateJob: child('run.jobs.create', 'jobs', 'jobId'),
    GetJob: on('run.jobs.get'),
    ListJobs: on('run.jobs.list', 'parent'),
    UpdateJob: (req) => ({
      permission: 'run.jobs.update',
      resource: str((req.job as Msg | undefined)?.name),
    }),
    DeleteJob: on('run.jobs.delete'),
    RunJob: (req) =>
      req.overrides !== undefined && req.overrides !== null
        ? on('run.jobs.runWithOverrides')(req)
        : on('run.jobs.run')(req),
    GetIamPolicy: on('run.jobs.getIamPolicy', 'resource'),
    SetIamPolicy: on('run.jobs.setIamPolicy', 'resource'),
    TestIamPermissions: NONE,
  },
  'google.cloud.run.v2.Executions': {
    GetExecution: on('run.executions.get'),
    ListExecutions: on('run.executions.list', 'parent'),
    DeleteExecution: on('run.executions.delete'),
    CancelExecution: on('run.executions.cancel'),
  },
  'google.cloud.run.v2.Tasks': {
    GetTask: on('run.tasks.get'),
    ListTasks: on('run.tasks.list', 'parent'),
  },
  'google.devtools.artifactregistry.v1.ArtifactRegistry': {
    CreateRepository: child('artifactregistry.repositories.create', 'repositories', 'repositoryId'),
    GetRepository: on('artifactregistry.repositories.get'),
    ListRepositories: on('artifactregistry.repositories.list', 'parent'),
    DeleteRepository: on('artifactregistry.repositories.delete'),
    ListDockerImages: on('artifactregistry.dockerimages.list', 'parent'),
    GetDockerImage: on('artifactregistry.dockerimages.get'),
    ListPackages: on('artifactregistry.packages.list', 'parent'),
    DeletePackage: on('artifactregistry.packages.delete'),
    ListTags: on('artifactregistry.tags.list', 'parent'),
    DeleteTag: on('artifactregistry.tags.delete'),
    ListVersions: on('artifactregistry.versions.list', 'parent'),
    GetVersion: on('artifactregistry.versions.get'),
    DeleteVersion: on('artifactregistry.versions.delete'),
  },
  'google.cloud.secretmanager.v1.SecretManagerService': {
    CreateSecret: child('secretmanager.secrets.create', 'secrets', 'secretId'),
    GetSecret: on('secretmanager.secrets.get'),
    ListSecrets: on('secretmanager.secrets.list', 'parent'),
    UpdateSecret: (req) => ({
      permission: 'secretmanager.secrets.update',
      resource: str((req.secret as Msg | undefined)?.name),
    }),
    DeleteSecret: on('secretmanager.secrets.delete'),
    AddSecretVersion: on('secretmanager.versions.add', 'parent'),
    GetSecretVersion: on('secretmanager.versions.get'),
    ListSecretVersions: on('secretmanager.versions.list', 'parent'),
    AccessSecretVersion: on('secretmanager.versions.access'),
    DisableSecretVersion: on('secretmanager.versions.disable'),
    EnableSecretVersion: on('secretmanager.versions.enable'),
    DestroySecretVersion: on('secretmanager.versions.destroy'),
    GetIamPolicy: on('secretmanager.secrets.getIamPolicy', 'resource'),
    SetIamPolicy: on('secretmanager.secrets.setIamPolicy', 'resource'),
    TestIamPermissions: NONE,
  },
};

/** The Google API host each gRPC service answers as (a self-signed JWT is addressed to it). */
export function apiHostsOf(grpcService: string): string[] {
  if (grpcService.startsWith('google.cloud.run.')) return ['run.googleapis.com'];
  if (grpcService.startsWith('google.devtools.artifactregistry.')) return ['artifactregistry.googleapis.com'];
  if (grpcService.startsWith('google.cloud.secretmanager.')) return ['secretmanager.googleapis.com'];
  // Each API serves its own operations; the emulator serves them all on one port.
  return ['run.googleapis.com', 'artifactregistry.googleapis.com'];
}

export type PermissionAnswer = { known: false } | { known: true; requirement: Requirement | undefined };

/** What `grpcService.method` needs of its caller; `known: false` for a method the table does not list. */
export function requiredPermission(
  grpcService: string,
  method: string,
  request: Msg,
  opApi: (name: string) => 'run' | 'artifactregistry' = () => 'run',
): PermissionAnswer {
  const rule = RULES[grpcService]?.[method];
  return rule === undefined ? { known: false } : { known: true, requirement: rule(request, opApi) };
}

/** The project of a resource name (`projects/<p>/...`), or '' when it names none. */
export function projectOf(resource: string): string {
  return /^projects\/([^/]+)(\/|$)/.exec(resource)?.[1] ?? '';
}

/** Cloud Run's default runtime identity when a revision names none: the Compute Engine default service account. */
export function defaultComputeServiceAccount(projectNumber: string): string {
  return `${projectNumber}-compute@developer.gserviceaccount.com`;
}

/** Google's refusal of a permission on a resource (the shape gcloud and the client libraries show). */
export function permissionDeniedMessage(r: Requirement): string {
  return `Permission '${r.permission}' denied on resource '${r.resource}' (or it may not exist).`;
}

/** Cloud Run's refusal to deploy a revision that runs as a service account the caller may not act as. */
export function actAsDeniedMessage(email: string): string {
  return `Permission 'iam.serviceaccounts.actAs' denied on service account ${email} (or it may not exist).`;
}

export const UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
