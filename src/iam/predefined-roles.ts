/**
 * The predefined roles the emulator knows, each with the permissions Google's IAM roles reference lists for
 * the services the emulator serves (a subset of each role: permissions of other services are left out). One
 * table, read by the emulator's checks (IAM Credentials, the control plane) and by the action when it names
 * the role a refused permission needs. A role not in
 * the table grants nothing: the emulator is never kinder than Google.
 */
const SA_READ = ['iam.serviceAccounts.get', 'iam.serviceAccounts.list'];
const RUN_READ = [
  'run.services.get',
  'run.services.list',
  'run.revisions.get',
  'run.revisions.list',
  'run.operations.get',
  'run.operations.list',
  'run.locations.list',
  'run.services.getIamPolicy',
  'run.jobs.get',
  'run.jobs.list',
  'run.jobs.getIamPolicy',
  'run.executions.get',
  'run.executions.list',
  'run.tasks.get',
  'run.tasks.list',
];
const RUN_WRITE = [
  'run.services.create',
  'run.services.update',
  'run.services.delete',
  'run.revisions.delete',
  'run.operations.delete',
  'run.routes.invoke',
  'run.jobs.create',
  'run.jobs.update',
  'run.jobs.delete',
  'run.jobs.run',
  'run.jobs.runWithOverrides',
  'run.executions.delete',
  'run.executions.cancel',
];
const AR_READ = [
  'artifactregistry.repositories.get',
  'artifactregistry.repositories.list',
  'artifactregistry.repositories.downloadArtifacts',
  'artifactregistry.dockerimages.get',
  'artifactregistry.dockerimages.list',
  'artifactregistry.packages.get',
  'artifactregistry.packages.list',
  'artifactregistry.tags.get',
  'artifactregistry.tags.list',
  'artifactregistry.versions.get',
  'artifactregistry.versions.list',
];
const AR_WRITE = [
  ...AR_READ,
  'artifactregistry.repositories.uploadArtifacts',
  'artifactregistry.tags.create',
  'artifactregistry.tags.update',
];
const AR_REPO_ADMIN = [
  ...AR_WRITE,
  'artifactregistry.repositories.deleteArtifacts',
  'artifactregistry.packages.delete',
  'artifactregistry.tags.delete',
  'artifactregistry.versions.delete',
];
const SECRET_READ = [
  'secretmanager.secrets.get',
  'secretmanager.secrets.list',
  'secretmanager.secrets.getIamPolicy',
  'secretmanager.versions.get',
  'secretmanager.versions.list',
];
const SECRET_VERSIONS = [
  'secretmanager.versions.add',
  'secretmanager.versions.enable',
  'secretmanager.versions.disable',
  'secretmanager.versions.destroy',
  'secretmanager.versions.get',
  'secretmanager.versions.list',
];

export const ROLE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  'roles/owner': ['*'],
  'roles/editor': [...RUN_READ, ...RUN_WRITE, ...SA_READ, 'iam.serviceAccounts.actAs'],
  'roles/viewer': [...RUN_READ, ...SA_READ],
  'roles/run.viewer': RUN_READ,
  'roles/run.invoker': ['run.routes.invoke'],
  'roles/run.servicesInvoker': ['run.routes.invoke'],
  'roles/run.developer': [...RUN_READ, ...RUN_WRITE],
  'roles/run.admin': [...RUN_READ, ...RUN_WRITE, 'run.services.setIamPolicy', 'run.jobs.setIamPolicy'],
  // Cloud Run's service agent, granted on the project when the API is enabled: it pulls the project's images.
  'roles/run.serviceAgent': [
    'artifactregistry.repositories.get',
    'artifactregistry.repositories.downloadArtifacts',
  ],
  // Cloud Logging's reader of non-private logs (a job task's stdout and stderr).
  'roles/logging.viewer': ['logging.logEntries.list'],
  'roles/iam.serviceAccountUser': [...SA_READ, 'iam.serviceAccounts.actAs'],
  'roles/iam.serviceAccountTokenCreator': [
    ...SA_READ,
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.implicitDelegation',
    'iam.serviceAccounts.signBlob',
    'iam.serviceAccounts.signJwt',
  ],
  'roles/iam.workloadIdentityUser': [
    ...SA_READ,
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
  ],
  'roles/iam.serviceAccountAdmin': [
    ...SA_READ,
    'iam.serviceAccounts.create',
    'iam.serviceAccounts.delete',
    'iam.serviceAccounts.getIamPolicy',
    'iam.serviceAccounts.setIamPolicy',
  ],
  'roles/iam.workloadIdentityPoolAdmin': [
    'iam.workloadIdentityPools.create',
    'iam.workloadIdentityPools.get',
    'iam.workloadIdentityPools.list',
    'iam.workloadIdentityPoolProviders.create',
    'iam.workloadIdentityPoolProviders.get',
    'iam.workloadIdentityPoolProviders.list',
  ],
  'roles/artifactregistry.reader': AR_READ,
  'roles/artifactregistry.writer': AR_WRITE,
  'roles/artifactregistry.repoAdmin': AR_REPO_ADMIN,
  'roles/artifactregistry.admin': [
    ...AR_REPO_ADMIN,
    'artifactregistry.repositories.create',
    'artifactregistry.repositories.update',
    'artifactregistry.repositories.delete',
    'artifactregistry.repositories.getIamPolicy',
    'artifactregistry.repositories.setIamPolicy',
  ],
  'roles/secretmanager.viewer': SECRET_READ,
  'roles/secretmanager.secretAccessor': ['secretmanager.versions.access'],
  'roles/secretmanager.secretVersionAdder': ['secretmanager.versions.add'],
  'roles/secretmanager.secretVersionManager': SECRET_VERSIONS,
  'roles/secretmanager.admin': [
    ...SECRET_READ,
    ...SECRET_VERSIONS,
    'secretmanager.versions.access',
    'secretmanager.secrets.create',
    'secretmanager.secrets.update',
    'secretmanager.secrets.delete',
    'secretmanager.secrets.setIamPolicy',
  ],
};

/** True when `role` carries `permission`. */
export function roleGrants(role: string, permission: string): boolean {
  const perms = ROLE_PERMISSIONS[role];
  return perms !== undefined && (perms.includes('*') || perms.includes(permission));
}

/** The basic roles, too broad to recommend for a missing permission, and a service agent's, not a user's. */
const BASIC_ROLES = ['roles/owner', 'roles/editor', 'roles/viewer', 'roles/run.serviceAgent'];

/** The predefined roles carrying `permission`, narrowest first (fewest permissions), for messages. */
export function rolesGranting(permission: string): string[] {
  return Object.keys(ROLE_PERMISSIONS)
    .filter((r) => !BASIC_ROLES.includes(r) && roleGrants(r, permission))
    .sort((a, b) => (ROLE_PERMISSIONS[a]?.length ?? 0) - (ROLE_PERMISSIONS[b]?.length ?? 0));
}
