/**
 * Service-to-service calls between private services: a service that needs another calls it with an ID token
 * minted by the metadata server for its own runtime identity, and Cloud Run lets the call in only when that
 * identity holds an invoker role on the callee. When a member of an environment fails its checks, this says
 * which of its calls Cloud Run would refuse, naming the identity, the role and the service, with the grant.
 */
import { INVOKER_ROLE, type ServiceAccess } from '../cloudrun/invoker-policy.js';

export { invokerMembers } from '../cloudrun/invoker-policy.js';

/** The runtime identity a revision runs as when its template names none. */
export const DEFAULT_COMPUTE_ACCOUNT = "the project's default compute service account";
const DEFAULT_COMPUTE_SUFFIX = '-compute@developer.gserviceaccount.com';

/** One call the callee's policy would refuse. */
export interface RefusedCall {
  caller: string;
  /** The caller's runtime service account, or undefined for the default compute account. */
  identity: string | undefined;
  callee: string;
}

/**
 * The needs of `caller` whose service-level policy lets its identity in by no invoking role (pure). A public
 * callee, or one whose policy could not be read, is never reported: only what the policy shows.
 */
export function refusedCalls(
  caller: string,
  identity: string | undefined,
  callees: { name: string; access: ServiceAccess | undefined }[],
): RefusedCall[] {
  const admits = (members: string[]): boolean =>
    identity === undefined
      ? members.some((m) => m.startsWith('serviceAccount:') && m.endsWith(DEFAULT_COMPUTE_SUFFIX))
      : members.includes(`serviceAccount:${identity}`);
  return callees
    .filter(({ access }) => access !== undefined && !access.public && access.invokers !== undefined)
    .filter(({ access }) => !admits(access?.invokers ?? []))
    .map(({ name }) => ({ caller, identity, callee: name }));
}

/** One sentence per refused call: who, which role, on which service, and the gcloud grant. */
export function describeRefusedCall(call: RefusedCall, where: { project: string; region: string }): string {
  const who = call.identity ?? DEFAULT_COMPUTE_ACCOUNT;
  const member =
    call.identity === undefined
      ? `serviceAccount:PROJECT_NUMBER${DEFAULT_COMPUTE_SUFFIX}`
      : `serviceAccount:${call.identity}`;
  return (
    `${call.caller} runs as ${who}, which lacks ${INVOKER_ROLE} on service ${call.callee}: Cloud Run refuses ` +
    `its calls to ${call.callee} (HTTP 403). Grant it: gcloud run services add-iam-policy-binding ` +
    `${call.callee} --project ${where.project} --region ${where.region} --member ${member} --role ${INVOKER_ROLE}` +
    // A service that a failed first preview created is gone again, so its own policy cannot hold the grant.
    ` (or on the project, for services that do not exist yet: gcloud projects add-iam-policy-binding ` +
    `${where.project} --member ${member} --role ${INVOKER_ROLE})`
  );
}

/** What explainRefusedCalls reads: the caller's revision identity, and each callee's access. */
export interface ServiceCallFacts {
  caller: string;
  /** The runtime service account of the caller's revision (undefined: the default compute account). */
  identity(): Promise<string | undefined>;
  callees: { name: string; access(): Promise<ServiceAccess> }[];
  project: string;
  region: string;
}

/**
 * The sentences for the calls the failing `caller` makes that its callees' policies refuse, read from Cloud
 * Run (a read that fails leaves that callee out: this only explains, it never fails the run itself).
 */
export async function explainRefusedCalls(facts: ServiceCallFacts): Promise<string[]> {
  if (facts.callees.length === 0) return [];
  let identity: string | undefined;
  try {
    identity = await facts.identity();
  } catch {
    return [];
  }
  const callees = await Promise.all(
    facts.callees.map(async (c) => ({ name: c.name, access: await c.access().catch(() => undefined) })),
  );
  return refusedCalls(facts.caller, identity, callees).map((call) => describeRefusedCall(call, facts));
}
