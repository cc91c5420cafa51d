/**
 * The IAM Credentials API (iamcredentials.googleapis.com) and service accounts' own IAM policies
 * (iam.googleapis.com .../serviceAccounts/*:getIamPolicy, :setIamPolicy). A caller, by its access token,
 * gets a service account's access or ID token only when the service account's policy (or its project's)
 * grants it iam.serviceAccounts.getAccessToken / getOpenIdToken: roles/iam.workloadIdentityUser for a
 * federated principal set, roles/iam.serviceAccountTokenCreator for anyone.
 */
import { hasScope, type AccessTokenStore, type IssuedToken } from './access-tokens.js';
import type { Binding, Policy } from './iam-policy.js';
import type { IamStore } from './iam-store.js';
import type { IdentityAuthority } from './identity.js';
import { allowed, type Principal } from './principals.js';

/** A REST answer in Google's JSON error shape (or a success body). */
export interface RestAnswer {
  status: number;
  body: unknown;
}

const IAM_SCOPE = 'https://www.googleapis.com/auth/iam';
const MAX_LIFETIME_SEC = 3600;

export function restError(
  code: number,
  status: string,
  message: string,
  details: unknown[] = [],
): RestAnswer {
  return { status: code, body: { error: { code, message, status, ...(details.length ? { details } : {}) } } };
}

export const unauthenticated = (): RestAnswer =>
  restError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  );

export function permissionDenied(permission: string, resource: string): RestAnswer {
  return restError(
    403,
    'PERMISSION_DENIED',
    `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`,
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'IAM_PERMISSION_DENIED',
        domain: 'iam.googleapis.com',
        metadata: { permission, resource },
      },
    ],
  );
}

/** The resource name of a service account's policy: projects/<project>/serviceAccounts/<email>. */
export function serviceAccountResource(email: string): string {
  const project = /@([^.]+)\.iam\.gserviceaccount\.com$/.exec(email)?.[1] ?? '-';
  return `projects/${project}/serviceAccounts/${email}`;
}

/** Policies travel as JSON over REST: the etag is base64. */
function policyJson(p: Policy): Record<string, unknown> {
  return { version: p.version, bindings: p.bindings, etag: p.etag.toString('base64') };
}

export class IamCredentials {
  constructor(
    private readonly authority: IdentityAuthority,
    private readonly iam: IamStore,
    private readonly tokens: AccessTokenStore,
    private readonly lifetimeSec: () => number,
  ) {}

  /**
   * The caller behind a bearer token with a Cloud Platform (or IAM) scope, or behind a service account's
   * self-signed JWT (what a key-based source credential sends), or the 401 to answer.
   */
  private caller(bearer: string | undefined): Pick<IssuedToken, 'principal'> | RestAnswer {
    const check = this.tokens.verify(bearer);
    if (check.ok) return hasScope(check.issued, IAM_SCOPE) ? check.issued : unauthenticated();
    const jwt = this.authority.callerOf(bearer, ['iamcredentials.googleapis.com', 'iam.googleapis.com']);
    return jwt.ok ? { principal: jwt.principal } : unauthenticated();
  }

  /** True when the service account's policy, or its project's, grants `permission` to the principal. */
  may(principal: Principal, email: string, permission: string): boolean {
    return (
      this.authority.knows(email) &&
      allowed(this.iam.effective(serviceAccountResource(email)), principal, permission)
    );
  }

  generateAccessToken(
    bearer: string | undefined,
    email: string,
    body: { scope?: string[]; lifetime?: string },
  ): RestAnswer {
    const caller = this.caller(bearer);
    if ('status' in caller) return caller;
    const resource = `projects/-/serviceAccounts/${email}`;
    if (!this.may(caller.principal, email, 'iam.serviceAccounts.getAccessToken'))
      return permissionDenied('iam.serviceAccounts.getAccessToken', resource);
    const scopes = body.scope ?? [];
    if (scopes.length === 0) return restError(400, 'INVALID_ARGUMENT', 'Scope required.');
    const asked =
      body.lifetime === undefined ? this.lifetimeSec() : Number(/^(\d+)s$/.exec(body.lifetime)?.[1]);
    if (!(asked > 0) || asked > MAX_LIFETIME_SEC)
      return restError(400, 'INVALID_ARGUMENT', `The lifetime must be between 1s and ${MAX_LIFETIME_SEC}s.`);
    const lifetime = Math.min(asked, this.lifetimeSec());
    const issued = this.tokens.issue({ kind: 'serviceAccount', email }, scopes, lifetime);
    return {
      status: 200,
      body: { accessToken: issued.token, expireTime: new Date(issued.expiresAtMs).toISOString() },
    };
  }

  generateIdToken(
    bearer: string | undefined,
    email: string,
    body: { audience?: string; includeEmail?: boolean },
  ): RestAnswer {
    const caller = this.caller(bearer);
    if ('status' in caller) return caller;
    const resource = `projects/-/serviceAccounts/${email}`;
    if (!this.may(caller.principal, email, 'iam.serviceAccounts.getOpenIdToken'))
      return permissionDenied('iam.serviceAccounts.getOpenIdToken', resource);
    if (!body.audience) return restError(400, 'INVALID_ARGUMENT', 'Audience required.');
    return {
      status: 200,
      body: { token: this.authority.idToken(email, body.audience, body.includeEmail === true) },
    };
  }

  getIamPolicy(bearer: string | undefined, email: string): RestAnswer {
    const caller = this.caller(bearer);
    if ('status' in caller) return caller;
    const resource = serviceAccountResource(email);
    if (!this.may(caller.principal, email, 'iam.serviceAccounts.getIamPolicy'))
      return permissionDenied('iam.serviceAccounts.getIamPolicy', resource);
    return { status: 200, body: policyJson(this.iam.get(resource)) };
  }

  setIamPolicy(
    bearer: string | undefined,
    email: string,
    body: { policy?: { bindings?: Binding[]; etag?: string } },
  ): RestAnswer {
    const caller = this.caller(bearer);
    if ('status' in caller) return caller;
    const resource = serviceAccountResource(email);
    if (!this.may(caller.principal, email, 'iam.serviceAccounts.setIamPolicy'))
      return permissionDenied('iam.serviceAccounts.setIamPolicy', resource);
    try {
      const next = this.iam.set(resource, {
        bindings: body.policy?.bindings ?? [],
        ...(body.policy?.etag ? { etag: Buffer.from(body.policy.etag, 'base64') } : {}),
      });
      return { status: 200, body: policyJson(next) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return /concurrent/.test(message)
        ? restError(409, 'ABORTED', message)
        : restError(400, 'INVALID_ARGUMENT', message);
    }
  }
}
