/**
 * Whether one request may reach a service (pure): Cloud Run's invoker check in front of every service and tag
 * URL. No token on a private service: 403. A token that does not verify or names another audience: 401.
 * A verified caller without run.routes.invoke: 403.
 */
import { grantsInvoke, IAP_ROLES, type Binding } from './iam-policy.js';
import type { IdTokenCheck } from './identity.js';

/** What the check needs to know about the service behind a URL. */
export interface InvokerFacts {
  service: string;
  invokerIamDisabled: boolean;
  /**
   * IAP in front: sign-in is not emulated, so only a verified ID token whose principal holds
   * roles/iap.httpsResourceAccessor passes (programmatic access to an IAP-protected service), whatever else
   * the policy grants.
   */
  iapEnabled?: boolean;
  /** Every URL of the service (main and tag URLs): each is an accepted audience, as are customAudiences. */
  urls: string[];
  customAudiences: string[];
  /** Bindings on the service and on its project. */
  bindings: Binding[];
}

export type InvokerDecision = { allow: true } | { allow: false; status: 401 | 403; message: string };

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

/** True when `audience` names the service: one of its URLs (a trailing slash aside) or a custom audience. */
export function audienceAccepted(
  audience: string,
  facts: Pick<InvokerFacts, 'urls' | 'customAudiences'>,
): boolean {
  if (facts.customAudiences.includes(audience)) return true;
  return facts.urls.some((u) => u !== '' && trimSlash(u) === trimSlash(audience));
}

/** The bearer token of an Authorization header, if it carries one. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** Decides a request from the facts, its bearer token (if any) and that token's verification. */
export function decideInvocation(
  facts: InvokerFacts,
  token: string | undefined,
  verify: (token: string) => IdTokenCheck,
): InvokerDecision {
  if (facts.invokerIamDisabled && facts.iapEnabled !== true) return { allow: true };
  if (token === undefined) {
    if (facts.iapEnabled === true)
      return {
        allow: false,
        status: 401,
        message: `Unauthorized: IAP protects service ${facts.service}; sign in first.`,
      };
    if (grantsInvoke(facts.bindings, undefined)) return { allow: true };
    return {
      allow: false,
      status: 403,
      message: `Forbidden: service ${facts.service} requires authentication; the request carried no ID token.`,
    };
  }
  const checked = verify(token);
  if (!checked.ok) return { allow: false, status: 401, message: `Unauthorized: ${checked.reason}.` };
  if (!audienceAccepted(checked.audience, facts)) {
    return {
      allow: false,
      status: 401,
      message: `Unauthorized: the token audience ${checked.audience} is not a URL or custom audience of service ${facts.service}.`,
    };
  }
  if (facts.iapEnabled === true) {
    if (grantsInvoke(facts.bindings, checked.email, IAP_ROLES)) return { allow: true };
    return {
      allow: false,
      status: 403,
      message: `Forbidden: ${checked.email} does not have roles/iap.httpsResourceAccessor on service ${facts.service}.`,
    };
  }
  if (grantsInvoke(facts.bindings, checked.email)) return { allow: true };
  return {
    allow: false,
    status: 403,
    message: `Forbidden: ${checked.email} does not have run.routes.invoke (roles/run.invoker) on service ${facts.service}.`,
  };
}
