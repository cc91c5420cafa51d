/**
 * Names of per-PR data resources. Pure: the same service and PR always give the same names, different ones
 * never collide, and every name is a valid unquoted PostgreSQL identifier of at most 63 bytes (longer ones
 * are silently truncated by the server, which is how two PRs would end up sharing a database).
 */
import { createHash } from 'node:crypto';

/** PostgreSQL's NAMEDATALEN - 1. */
export const MAX_IDENTIFIER_BYTES = 63;
const PREFIX = 'gcpd_';
const HASHED_PREFIX = 'gcpd__';

/** The marker every per-PR database, schema and role carries as its COMMENT; cleanup drops nothing without it. */
export function ownershipMarker(service: string, pr: number): string {
  return `${MARKER_PREFIX} service=${service} pr=${pr}`;
}
/** What every marker starts with, so a sweep can find the action's resources and nothing else. */
export const MARKER_PREFIX = 'gcp-deploy:pr-data';

/** The service and PR a marker names, or undefined when it is not one of the action's markers. */
export function parseMarker(marker: string): { service: string; pr: number } | undefined {
  // Greedy and across lines: the last ` pr=` is the PR, whatever the service name holds.
  const m = /^gcp-deploy:pr-data service=([\s\S]*) pr=([1-9][0-9]*)$/.exec(marker);
  if (m?.[1] === undefined || !m[2]) return undefined;
  const pr = Number(m[2]);
  return Number.isSafeInteger(pr) ? { service: m[1], pr } : undefined;
}

/** A valid unquoted identifier: lower-case letters, digits and underscores, not starting with a digit. */
export const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The database (or schema) and role name for one service's PR: `gcpd_<service>_pr<n>`. A Cloud Run service
 * name (lower-case letters, digits and hyphens) maps one to one by turning hyphens into underscores. Anything
 * else (other characters, or a name too long to fit) is folded and shortened, and then a hash of the exact
 * service name keeps it apart from every other service.
 */
export function perPrName(service: string, pr: number): string {
  if (!Number.isSafeInteger(pr) || pr <= 0)
    throw new RangeError(`PR number must be a positive integer, got ${pr}`);
  const suffix = `_pr${pr}`;
  if (/^[a-z][a-z0-9-]*$/.test(service)) {
    const direct = `${PREFIX}${service.replace(/-/g, '_')}${suffix}`;
    if (direct.length <= MAX_IDENTIFIER_BYTES) return direct;
  }
  const hash = `_${createHash('sha256').update(service).digest('hex').slice(0, 12)}`;
  const folded = service
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const room = MAX_IDENTIFIER_BYTES - HASHED_PREFIX.length - hash.length - suffix.length;
  // `gcpd__` never begins a direct name (whose service part starts with a letter), so the two forms cannot
  // meet; among hashed names only a 48-bit hash collision could. `x` stands for a service with no usable
  // characters.
  return `${HASHED_PREFIX}${folded.slice(0, room).replace(/_+$/, '') || 'x'}${hash}${suffix}`;
}

/** The Secret Manager secret holding one PR's connection to its database (its password inside). */
export function databaseSecretId(service: string, pr: number): string {
  return `gcp-deploy-${service}-pr-${pr}-database`;
}

/**
 * The Cloud Run job that runs one PR's `migrate` or `seed` command, or its provisioning (`dbadmin`, with
 * database_admin_image): a DNS-1035 label of at most 63
 * characters; a long service name is shortened and a hash of it keeps names of different services apart.
 */
export function dataJobId(service: string, pr: number, kind: 'migrate' | 'seed' | 'dbadmin'): string {
  const suffix = `-pr${pr}-${kind}`;
  const direct = `${service}${suffix}`;
  if (direct.length <= 63) return direct;
  const hash = createHash('sha256').update(service).digest('hex').slice(0, 8);
  const room = 63 - suffix.length - hash.length - 1;
  return `${service.slice(0, room).replace(/-+$/, '')}-${hash}${suffix}`;
}

/** Labels every per-PR resource in Google Cloud carries (secrets, jobs), so cleanup and sweeps find them. */
export function dataLabels(service: string, pr: number): Record<string, string> {
  return { 'managed-by': 'gcp-deploy', 'gcp-deploy-pr': String(pr), 'gcp-deploy-service': service };
}
