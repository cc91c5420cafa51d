/**
 * Who may invoke a Cloud Run service, read from its IAM policy and its invoker settings (pure). A service is
 * public when invoker IAM is off or allUsers holds roles/run.invoker; otherwise callers need an ID token.
 */
import type { protos } from '@google-cloud/run';

export type ApiPolicy = protos.google.iam.v1.IPolicy;

export const INVOKER_ROLE = 'roles/run.invoker';

/** The access facts the commands and the checks decide on. */
export interface ServiceAccess {
  /** Anyone may invoke it (allUsers holds the invoker role, or invokerIamDisabled). */
  public: boolean;
  invokerIamDisabled: boolean;
  iapEnabled: boolean;
  /** Members the service's own policy gives an invoking role (checks/service-calls.ts), when it was read. */
  invokers?: string[];
}

/** True when an unconditional binding gives allUsers the invoker role. */
export function allUsersInvoke(policy: ApiPolicy): boolean {
  return (policy.bindings ?? []).some(
    (b) => b.role === INVOKER_ROLE && !b.condition && (b.members ?? []).includes('allUsers'),
  );
}

/** The policy with `member` added to the unconditional `role` binding (created when missing). */
export function withMember(policy: ApiPolicy, role: string, member: string): ApiPolicy {
  const bindings = [...(policy.bindings ?? [])];
  const i = bindings.findIndex((b) => b.role === role && !b.condition);
  const existing = i >= 0 ? bindings[i] : undefined;
  if (existing?.members?.includes(member)) return policy;
  const next = { role, members: [...(existing?.members ?? []), member] };
  if (i >= 0) bindings[i] = next;
  else bindings.push(next);
  return { ...policy, bindings };
}

/** Roles carrying run.routes.invoke: any of them on the callee lets the caller in. */
export const INVOKING_ROLES = [
  INVOKER_ROLE,
  'roles/run.servicesInvoker',
  'roles/run.developer',
  'roles/run.admin',
  'roles/run.sourceDeveloper',
  'roles/editor',
  'roles/owner',
];

/** The members holding an invoking role through a binding of `policy` (conditional ones included). */
export function invokerMembers(policy: {
  bindings?: { role?: string | null; members?: string[] | null }[] | null;
}): string[] {
  const members = new Set<string>();
  for (const b of policy.bindings ?? []) {
    if (!INVOKING_ROLES.includes(b.role ?? '')) continue;
    for (const m of b.members ?? []) members.add(m);
  }
  return [...members];
}
