/**
 * Google's PERMISSION_DENIED, said so that a user can act on it: one line naming the principal the action
 * runs as and the smallest predefined role that grants the refused permission. Google names only the
 * permission and the resource; which role carries it, and who was refused, the user would otherwise look up.
 */
import { readFileSync } from 'node:fs';
import { rolesGranting } from './predefined-roles.js';

/** The refusal Google's APIs phrase as "Permission 'P' denied on resource 'R'" (or "on service account E"). */
const DENIAL =
  /Permission '([A-Za-z0-9_.]+)' denied on (?:resource '([^']*)'|service account (\S+?))(?: \(or (?:it|resource) may not exist\))?\.?(?=$|\s|\))/;

export interface Denial {
  permission: string;
  /** The resource named, or `service account EMAIL` for a refused actAs. */
  resource: string;
}

/** The permission and resource of a denial in `message`, if it holds one. */
export function parseDenial(message: string): Denial | undefined {
  const m = DENIAL.exec(message);
  if (!m?.[1]) return undefined;
  return { permission: m[1], resource: m[2] ?? `service account ${m[3] ?? ''}` };
}

/** The smallest predefined role carrying `permission` (IAM names are case-insensitive in Cloud Run's message). */
export function smallestRole(permission: string): string | undefined {
  const exact = rolesGranting(permission)[0];
  if (exact !== undefined) return exact;
  // Cloud Run writes iam.serviceaccounts.actAs; the permission is iam.serviceAccounts.actAs.
  const fixed = permission.replace(/^iam\.serviceaccounts\./, 'iam.serviceAccounts.');
  return rolesGranting(fixed)[0];
}

/**
 * Who the Google clients speak for, read from the credentials file (a key's client_email, or the service
 * account a federated or impersonated credential impersonates); undefined when that cannot be told.
 */
export function deployingPrincipal(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.GOOGLE_APPLICATION_CREDENTIALS || env.GOOGLE_GHA_CREDS_PATH;
  if (!path) return undefined;
  try {
    const creds = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (typeof creds.client_email === 'string') return `serviceAccount:${creds.client_email}`;
    const url = creds.service_account_impersonation_url;
    const email = typeof url === 'string' ? /serviceAccounts\/([^/:]+):/.exec(url)?.[1] : undefined;
    if (email !== undefined) return `serviceAccount:${decodeURIComponent(email)}`;
    if (creds.type === 'external_account' && typeof creds.audience === 'string')
      return `the federated principal of ${creds.audience.replace(/^\/\/iam\.googleapis\.com\//, '')}`;
  } catch {
    // unreadable: the line names no principal
  }
  return undefined;
}

/** One line for a message holding a PERMISSION_DENIED, or undefined when it holds none. */
export function permissionDeniedLine(message: string, principal: string | undefined): string | undefined {
  const denial = parseDenial(message);
  if (denial === undefined) return undefined;
  const role = smallestRole(denial.permission);
  const who = principal ?? 'the deploying identity';
  const needs = role !== undefined ? `lacks ${role}` : `lacks a role with '${denial.permission}'`;
  return `Permission denied: ${who} ${needs} (permission '${denial.permission}' on ${denial.resource}).`;
}
