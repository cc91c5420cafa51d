/**
 * How the checks authenticate (pure): `check_auth: auto` sends an ID token unless the service is public,
 * and a 401/403 is explained by who was refused and which role would let them in.
 */
import type { ServiceAccess } from '../cloudrun/invoker-policy.js';
import { INVOKER_ROLE } from '../cloudrun/invoker-policy.js';

export type CheckAuth = 'auto' | 'none' | 'id-token';

/** What the checks send: an explicit check_auth wins; auto follows the service's access. */
export function resolveCheckAuth(
  configured: CheckAuth,
  access: ServiceAccess | undefined,
): 'none' | 'id-token' {
  if (configured !== 'auto') return configured;
  return access?.public === true ? 'none' : 'id-token';
}

/** One sentence for a refused check, or undefined when the status is not a refusal. */
export function explainDenial(o: {
  status: number | null;
  url: string;
  service: string;
  auth: 'none' | 'id-token';
  principal?: string;
  /** IAP protects the service: the role people need is IAP's, not the invoker role. */
  iap?: boolean;
}): string | undefined {
  if (o.status !== 401 && o.status !== 403) return undefined;
  const head = `HTTP ${o.status} from ${o.url}`;
  if (o.auth === 'none') {
    return `${head}: service ${o.service} is private and the checks sent no ID token (check_auth: none); use check_auth: auto, or access: public for a service this action creates`;
  }
  const who = o.principal ?? 'the credentials in use';
  if (o.status === 401)
    return `${head}: the ID token of ${who} was not accepted for service ${o.service} (audience or signature)`;
  const role = o.iap === true ? 'roles/iap.httpsResourceAccessor' : INVOKER_ROLE;
  return `${head}: principal ${who} lacks ${role} on service ${o.service}`;
}
