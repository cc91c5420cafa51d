/**
 * Google's PERMISSION_DENIED, said so that a user can act on it: one line naming the principal the action
 * runs as and the role that grants the refused permission. Google names only the
 * permission and the resource; which role carries it, and who was refused, the user would otherwise look up.
 */
import { readFileSync } from 'node:fs';
import { roleGrants, rolesGranting } from './predefined-roles.js';

/**
 * The refusal Google's APIs phrase as "Permission 'P' denied on resource 'R'" (or "on service account E");
 * Artifact Registry's Docker endpoint quotes with double quotes (`denied: Permission "P" denied on resource "R"`).
 */
const DENIAL =
  /Permission (['"])([A-Za-z0-9_.]+)\1 denied on (?:resource (['"])(.*?)\3|service account (\S+?))(?: \(or (?:it|resource) may not exist\))?\.?(?=$|\s|\)|")/;

export interface Denial {
  permission: string;
  /** The resource named, or `service account EMAIL` for a refused actAs. */
  resource: string;
}

/** The permission and resource of a denial in `message`, if it holds one. */
export function parseDenial(message: string): Denial | undefined {
  const m = DENIAL.exec(message);
  if (!m?.[2]) return undefined;
  return { permission: m[2], resource: m[4] ?? `service account ${m[5] ?? ''}` };
}

/**
 * The roles the README's table asks of the deployer, narrowest first. A refused permission is named by the
 * first of them that grants it (run.services.get: roles/run.developer, which the command needs, rather than
 * roles/run.viewer, which would only lead to the next refusal), else by the smallest predefined role.
 */
export const DEPLOYER_ROLES_NARROWEST_FIRST = [
  'roles/run.developer',
  'roles/iam.serviceAccountUser',
  'roles/artifactregistry.writer',
  'roles/artifactregistry.repoAdmin',
  'roles/artifactregistry.admin',
  'roles/run.admin',
];

/**
 * The README's roles table: what each command needs (on the project, the runtime service account or the
 * repository), narrowest first. test/e2e/roles.test.ts holds the README to it.
 */
export const COMMAND_ROLES: Readonly<Record<string, readonly string[]>> = {
  preview: [
    'roles/run.developer',
    'roles/iam.serviceAccountUser',
    'roles/artifactregistry.writer',
    'roles/artifactregistry.admin',
    'roles/run.admin',
  ],
  candidate: [
    'roles/run.developer',
    'roles/iam.serviceAccountUser',
    'roles/artifactregistry.writer',
    'roles/artifactregistry.admin',
    'roles/run.admin',
  ],
  promote: ['roles/run.developer', 'roles/iam.serviceAccountUser'],
  rollback: ['roles/run.developer'],
  cleanup: ['roles/run.developer', 'roles/artifactregistry.repoAdmin'],
};

/** The roles of the command this process runs (set once by the command runner), named first. */
let commandRoles: readonly string[] = [];

/** Names denials in the terms of `command`'s row of the roles table. */
export function nameRolesFor(command: string): void {
  commandRoles = COMMAND_ROLES[command] ?? [];
}

/** The role to name for a refused permission (IAM names are case-insensitive in Cloud Run's message). */
export function roleFor(permission: string, preferred: readonly string[] = commandRoles): string | undefined {
  // Cloud Run writes iam.serviceaccounts.actAs; the permission is iam.serviceAccounts.actAs.
  const fixed = permission.replace(/^iam\.serviceaccounts\./, 'iam.serviceAccounts.');
  return (
    [...preferred, ...DEPLOYER_ROLES_NARROWEST_FIRST].find((r) => roleGrants(r, fixed)) ??
    rolesGranting(fixed)[0]
  );
}

/** Who the Google clients speak for, and who impersonates that service account to get its tokens. */
export interface DeployingPrincipals {
  /** `serviceAccount:EMAIL` of a key, or of the service account an impersonating credential acts as. */
  acting?: string;
  /** The identity that asks IAM Credentials for the acting account's tokens (federated, or a source key). */
  impersonator?: string;
}

/** Read from the credentials file (GOOGLE_APPLICATION_CREDENTIALS); empty when that cannot be told. */
export function deployingPrincipals(env: NodeJS.ProcessEnv = process.env): DeployingPrincipals {
  const path = env.GOOGLE_APPLICATION_CREDENTIALS || env.GOOGLE_GHA_CREDS_PATH;
  if (!path) return {};
  try {
    const creds = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (typeof creds.client_email === 'string') return { acting: `serviceAccount:${creds.client_email}` };
    const url = creds.service_account_impersonation_url;
    const email = typeof url === 'string' ? /serviceAccounts\/([^/:]+):/.exec(url)?.[1] : undefined;
    const source = creds.source_credentials as Record<string, unknown> | undefined;
    const impersonator =
      creds.type === 'external_account' && typeof creds.audience === 'string'
        ? `the federated identity from ${creds.audience.replace(/^\/\/iam\.googleapis\.com\//, '')}`
        : typeof source?.client_email === 'string'
          ? `serviceAccount:${source.client_email}`
          : undefined;
    return {
      ...(email !== undefined ? { acting: `serviceAccount:${decodeURIComponent(email)}` } : {}),
      ...(impersonator !== undefined ? { impersonator } : {}),
    };
  } catch {
    return {}; // unreadable: the line names no principal
  }
}

/** The permissions an impersonator needs on the acting account (IAM Credentials' own). */
const TOKEN_PERMISSIONS = ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken'];

/** One line for a message holding a PERMISSION_DENIED, or undefined when it holds none. */
export function permissionDeniedLine(message: string, who: DeployingPrincipals = {}): string | undefined {
  const denial = parseDenial(message);
  if (denial === undefined) return undefined;
  const role = roleFor(denial.permission);
  const principal = TOKEN_PERMISSIONS.includes(denial.permission)
    ? (who.impersonator ?? who.acting)
    : (who.acting ?? who.impersonator);
  const needs = role !== undefined ? `lacks ${role}` : `lacks a role with '${denial.permission}'`;
  return `Permission denied: ${principal ?? 'the deploying identity'} ${needs} (permission '${denial.permission}' on ${denial.resource}).`;
}
