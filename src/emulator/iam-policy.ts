/**
 * IAM policies on Cloud Run services and who may invoke a service (pure). Cloud Run lets a request in when
 * the caller holds run.routes.invoke on the service or its project, allUsers does, or the invoker check is
 * off (invokerIamDisabled). Conditional bindings never grant invocation here: being stricter than Cloud Run
 * is allowed, being looser is not.
 */
import { invalidArgument } from './rpc-error.js';

export interface Binding {
  role: string;
  members: string[];
  condition?: unknown;
}

export interface Policy {
  version: number;
  bindings: Binding[];
  etag: Buffer;
}

/** The predefined roles that carry run.routes.invoke (Cloud Run's IAM roles page). */
export const INVOKER_ROLES = [
  'roles/run.invoker',
  'roles/run.servicesInvoker',
  'roles/run.developer',
  'roles/run.admin',
];

const MEMBER =
  /^(allUsers|allAuthenticatedUsers|(user|serviceAccount|group|domain|principal|principalSet):.+)$/;
const ROLE = /^(roles|projects\/[^/]+\/roles|organizations\/[^/]+\/roles)\/[A-Za-z0-9_.]+$/;

/** The bindings of a SetIamPolicy request, checked as IAM checks them. */
export function validateBindings(bindings: readonly Binding[]): Binding[] {
  return bindings.map((b) => {
    if (!ROLE.test(b.role ?? ''))
      throw invalidArgument(`Role ${JSON.stringify(b.role)} is not a valid role name.`);
    for (const m of b.members ?? []) {
      if (!MEMBER.test(m)) throw invalidArgument(`Invalid member ${JSON.stringify(m)} in role ${b.role}.`);
    }
    return {
      role: b.role,
      members: [...new Set(b.members ?? [])],
      ...(b.condition ? { condition: b.condition } : {}),
    };
  });
}

/** The member strings a verified caller (by email) matches; an anonymous caller matches allUsers only. */
export function membersOf(email: string | undefined): string[] {
  if (email === undefined) return ['allUsers'];
  const kind = email.endsWith('.gserviceaccount.com') ? 'serviceAccount' : 'user';
  return ['allUsers', 'allAuthenticatedUsers', `${kind}:${email}`];
}

/** The role IAP requires of the people (or accounts) it lets through to an IAP-protected service. */
export const IAP_ROLES = ['roles/iap.httpsResourceAccessor'];

/** True when some unconditional binding of one of `roles` (invoker roles by default) names one of the caller's members. */
export function grantsInvoke(
  bindings: readonly Binding[],
  email: string | undefined,
  roles: readonly string[] = INVOKER_ROLES,
): boolean {
  const mine = new Set(membersOf(email));
  return bindings.some((b) => !b.condition && roles.includes(b.role) && b.members.some((m) => mine.has(m)));
}

/** True when the policy lets anyone in (allUsers holds an invoker role). */
export function isPublic(bindings: readonly Binding[]): boolean {
  return grantsInvoke(bindings, undefined);
}
