/**
 * The predefined roles the emulator knows, each with the permissions Google's IAM roles reference lists for
 * the services the emulator serves (a subset of each role: permissions of other services are left out). One
 * table, so every check (IAM Credentials, and later the control plane) reads the same grants. A role not in
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
];
const RUN_WRITE = [
  'run.services.create',
  'run.services.update',
  'run.services.delete',
  'run.revisions.delete',
  'run.operations.delete',
  'run.routes.invoke',
];

export const ROLE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  'roles/owner': ['*'],
  'roles/editor': [...RUN_READ, ...RUN_WRITE, ...SA_READ, 'iam.serviceAccounts.actAs'],
  'roles/viewer': [...RUN_READ, ...SA_READ],
  'roles/run.viewer': RUN_READ,
  'roles/run.invoker': ['run.routes.invoke'],
  'roles/run.servicesInvoker': ['run.routes.invoke'],
  'roles/run.developer': [...RUN_READ, ...RUN_WRITE],
  'roles/run.admin': [...RUN_READ, ...RUN_WRITE, 'run.services.setIamPolicy'],
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
  'roles/artifactregistry.reader': [
    'artifactregistry.repositories.get',
    'artifactregistry.repositories.list',
    'artifactregistry.repositories.downloadArtifacts',
  ],
  'roles/artifactregistry.writer': [
    'artifactregistry.repositories.get',
    'artifactregistry.repositories.list',
    'artifactregistry.repositories.downloadArtifacts',
    'artifactregistry.repositories.uploadArtifacts',
  ],
  'roles/artifactregistry.repoAdmin': [
    'artifactregistry.repositories.get',
    'artifactregistry.repositories.list',
    'artifactregistry.repositories.downloadArtifacts',
    'artifactregistry.repositories.uploadArtifacts',
    'artifactregistry.repositories.deleteArtifacts',
  ],
  'roles/artifactregistry.admin': [
    'artifactregistry.repositories.create',
    'artifactregistry.repositories.get',
    'artifactregistry.repositories.list',
    'artifactregistry.repositories.downloadArtifacts',
    'artifactregistry.repositories.uploadArtifacts',
    'artifactregistry.repositories.deleteArtifacts',
  ],
};

/** True when `role` carries `permission`. */
export function roleGrants(role: string, permission: string): boolean {
  const perms = ROLE_PERMISSIONS[role];
  return perms !== undefined && (perms.includes('*') || perms.includes(permission));
}

/** The predefined roles carrying `permission`, narrowest first (fewest permissions), for messages. */
export function rolesGranting(permission: string): string[] {
  return Object.keys(ROLE_PERMISSIONS)
    .filter((r) => r !== 'roles/owner' && roleGrants(r, permission))
    .sort((a, b) => (ROLE_PERMISSIONS[a]?.length ?? 0) - (ROLE_PERMISSIONS[b]?.length ?? 0));
}
