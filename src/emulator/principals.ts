/**
 * Who a verified credential speaks for, and the IAM member strings that name it (pure). A service account
 * is `serviceAccount:EMAIL`; a federated identity from a workload identity pool is
 * `principal://iam.googleapis.com/<pool>/subject/<sub>` and belongs to the pool's principal sets: the whole
 * pool (`/*`), each mapped attribute (`/attribute.<name>/<value>`) and each group (`/group/<g>`).
 */
import type { Binding } from './iam-policy.js';
import { roleGrants } from '../iam/predefined-roles.js';

export type Principal =
  | { kind: 'serviceAccount'; email: string }
  | {
      kind: 'federated';
      /** projects/<number>/locations/global/workloadIdentityPools/<pool> */
      pool: string;
      subject: string;
      /** Custom attributes (attribute.<name>), without the prefix. */
      attributes: Record<string, string>;
      groups: string[];
    };

const IAM = 'iam.googleapis.com';

/** The member strings a principal matches in a policy, the public ones included. */
export function memberStrings(p: Principal): string[] {
  const common = ['allUsers', 'allAuthenticatedUsers'];
  if (p.kind === 'serviceAccount') return [...common, `serviceAccount:${p.email}`];
  return [
    ...common,
    `principal://${IAM}/${p.pool}/subject/${p.subject}`,
    `principalSet://${IAM}/${p.pool}/*`,
    ...Object.entries(p.attributes).map(([k, v]) => `principalSet://${IAM}/${p.pool}/attribute.${k}/${v}`),
    ...p.groups.map((g) => `principalSet://${IAM}/${p.pool}/group/${g}`),
  ];
}

/** How the principal is named in a denial (Google names the caller's principal the same way). */
export function principalName(p: Principal): string {
  return p.kind === 'serviceAccount'
    ? `serviceAccount:${p.email}`
    : `principal://${IAM}/${p.pool}/subject/${p.subject}`;
}

/** True when an unconditional binding grants `permission` to one of the principal's members. */
export function allowed(bindings: readonly Binding[], p: Principal, permission: string): boolean {
  const mine = new Set(memberStrings(p));
  return bindings.some(
    (b) => !b.condition && roleGrants(b.role, permission) && b.members.some((m) => mine.has(m)),
  );
}
