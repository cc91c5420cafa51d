/**
 * Google's identity side as far as Cloud Run invocation needs it: service-account keys the emulator made
 * (and so can verify), the JWT-bearer exchange of oauth2.googleapis.com/token for ID tokens, and the
 * verification of those ID tokens. A key the emulator did not make signs nothing it accepts.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { AccessTokenStore, CLOUD_PLATFORM, hasScope } from './access-tokens.js';
import type { Principal } from './principals.js';
import { decodeJwt, jwtSignedBy, signJwt, timeProblem, type JwtClaims } from './jwt.js';

export const TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
const MAX_ASSERTION_LIFETIME_SEC = 3600;

/** A service-account key file as the IAM API hands it out (GOOGLE_APPLICATION_CREDENTIALS). */
export interface ServiceAccountKeyFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  universe_domain: string;
}

/** A verified ID token's principal, or why it was refused. */
export type IdTokenCheck = { ok: true; email: string; audience: string } | { ok: false; reason: string };

/** What the token endpoint answers: an HTTP status and a JSON body. */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const refusal = (error: string, description: string): TokenAnswer => ({
  status: 400,
  body: { error, error_description: description },
});

export class IdentityAuthority {
  private readonly signing: { privateKey: KeyObject; publicKey: KeyObject; kid: string };
  /** email -> public halves of the keys made for it. */
  private readonly accounts = new Map<string, { clientId: string; keys: KeyObject[] }>();
  /** The access tokens it issued (to keys, federated identities and impersonators alike). */
  readonly tokens: AccessTokenStore;
  /** How long the tokens it issues live (Google: one hour; tests of refreshing shorten it). */
  lifetimeSec = 3600;

  constructor(private readonly nowSec: () => number = () => Math.floor(Date.now() / 1000)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.signing = { privateKey, publicKey, kid: randomBytes(20).toString('hex') };
    this.tokens = new AccessTokenStore(() => this.nowSec() * 1000);
  }

  /** Creates a service account without a key (one that others impersonate, or a revision runs as). */
  createServiceAccount(email: string): void {
    if (this.accounts.has(email)) return;
    const clientId = BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 15)}`).toString();
    this.accounts.set(email, { clientId, keys: [] });
  }

  /** True when the service account exists. */
  knows(email: string): boolean {
    return this.accounts.has(email);
  }

  /** Makes a key for a service account (the account comes into being with its first key). */
  createServiceAccountKey(email: string): ServiceAccountKeyFile {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.createServiceAccount(email);
    const known = this.accounts.get(email);
    const clientId = known?.clientId ?? '';
    this.accounts.set(email, { clientId, keys: [...(known?.keys ?? []), publicKey] });
    return {
      type: 'service_account',
      project_id: email.split('@')[1]?.split('.')[0] ?? '',
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: clientId,
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: TOKEN_URL,
      universe_domain: 'googleapis.com',
    };
  }

  /**
   * The service account whose key file this is (a registry's `_json_key` login), or undefined when the
   * file's private key is not one the emulator made for the account it names.
   */
  keyHolder(keyFileJson: string): string | undefined {
    let file: Partial<ServiceAccountKeyFile>;
    try {
      file = JSON.parse(keyFileJson) as Partial<ServiceAccountKeyFile>;
      const account = this.accounts.get(file.client_email ?? '');
      if (account === undefined || typeof file.private_key !== 'string') return undefined;
      const der = (k: KeyObject): string => k.export({ type: 'spki', format: 'der' }).toString('base64');
      const presented = der(createPublicKey(file.private_key));
      return account.keys.some((k) => der(k) === presented) ? file.client_email : undefined;
    } catch {
      return undefined;
    }
  }

  /** POST /token: a JWT-bearer assertion with `target_audience` exchanged for an ID token. */
  exchange(form: URLSearchParams): TokenAnswer {
    if (form.get('grant_type') !== JWT_BEARER)
      return refusal('unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
    const assertion = form.get('assertion') ?? '';
    const claims = decodeJwt(assertion)?.claims;
    if (claims === undefined) return refusal('invalid_request', 'Invalid JWT: the assertion is not a JWT.');
    const email = typeof claims.iss === 'string' ? claims.iss : '';
    const account = this.accounts.get(email);
    if (account === undefined || !jwtSignedBy(assertion, account.keys))
      return refusal('invalid_grant', 'Invalid JWT Signature.');
    if (claims.aud !== TOKEN_URL)
      return refusal('invalid_grant', `Invalid JWT: the audience must be ${TOKEN_URL}.`);
    const now = this.nowSec();
    const late = timeProblem(claims, now);
    const lifetime = Number(claims.exp) - Number(claims.iat);
    if (late !== undefined || lifetime > MAX_ASSERTION_LIFETIME_SEC) {
      return refusal(
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
      );
    }
    const audience = claims.target_audience;
    if (typeof audience === 'string' && audience !== '')
      return { status: 200, body: { id_token: this.idToken(email, audience) } };
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter((x) => x !== '') : [];
    if (scopes.length === 0)
      return refusal('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const issued = this.tokens.issue({ kind: 'serviceAccount', email }, scopes, this.lifetimeSec);
    return {
      status: 200,
      body: { access_token: issued.token, token_type: 'Bearer', expires_in: this.lifetimeSec },
    };
  }

  /** An ID token for a known service account, as Google signs them (tests reach services with it). */
  idToken(email: string, audience: string, includeEmail = true): string {
    const account = this.accounts.get(email);
    if (account === undefined) throw new Error(`unknown service account ${email}`);
    const iat = this.nowSec();
    const claims: JwtClaims = {
      iss: ISSUERS[0],
      aud: audience,
      azp: includeEmail ? email : account.clientId,
      sub: account.clientId,
      ...(includeEmail ? { email, email_verified: true } : {}),
      iat,
      exp: iat + this.lifetimeSec,
    };
    return signJwt(claims, this.signing.privateKey, this.signing.kid);
  }

  /** Checks an ID token's signature, issuer and lifetime; the audience is the caller's to judge. */
  verify(token: string): IdTokenCheck {
    const decoded = decodeJwt(token);
    if (decoded === undefined) return { ok: false, reason: 'the bearer token is not a JWT' };
    if (!jwtSignedBy(token, [this.signing.publicKey]))
      return { ok: false, reason: 'the token signature does not verify' };
    const { claims } = decoded;
    if (!ISSUERS.includes(String(claims.iss))) return { ok: false, reason: 'the token issuer is not Google' };
    // No clock skew on expiry: a token is refused from its exp on, so a caller that does not refresh fails.
    const late = timeProblem(claims, this.nowSec(), 0);
    if (late !== undefined) return { ok: false, reason: late };
    const audience = typeof claims.aud === 'string' ? claims.aud : '';
    if (typeof claims.email === 'string' && claims.email_verified === true)
      return { ok: true, email: claims.email, audience };
    // The metadata server's standard format names the account by its unique id (sub) only; Cloud Run
    // still knows whose it is, so an app that asks for `?audience=` alone is let in as the account.
    const bySub = [...this.accounts].find(([, a]) => a.clientId === claims.sub)?.[0];
    if (claims.email === undefined && bySub !== undefined) return { ok: true, email: bySub, audience };
    return { ok: false, reason: 'the token carries no verified email' };
  }

  /**
   * Who a bearer token on a Google API call speaks for (apiHost: e.g. run.googleapis.com). Google takes an
   * OAuth access token with a Cloud Platform scope, or a service account's self-signed JWT (what the client
   * libraries send for a key file): signed by one of the account's keys, iss = sub = the account, short-lived,
   * and either addressed to the API (`aud: https://<apiHost>/`) or carrying the Cloud Platform scope.
   */
  callerOf(
    token: string | undefined,
    apiHosts: readonly string[],
  ): { ok: true; principal: Principal } | { ok: false; reason: string } {
    const issued = this.tokens.verify(token);
    if (issued.ok) {
      return hasScope(issued.issued)
        ? { ok: true, principal: issued.issued.principal }
        : { ok: false, reason: 'the access token lacks the cloud-platform scope' };
    }
    const decoded = token === undefined ? undefined : decodeJwt(token);
    if (token === undefined || decoded === undefined) return issued;
    const { claims } = decoded;
    const email = typeof claims.iss === 'string' ? claims.iss : '';
    const account = this.accounts.get(email);
    if (account === undefined || claims.sub !== email || !jwtSignedBy(token, account.keys))
      return { ok: false, reason: 'the JWT is not signed by a key of its issuer' };
    const late = timeProblem(claims, this.nowSec());
    if (late !== undefined) return { ok: false, reason: late };
    if (Number(claims.exp) - Number(claims.iat) > MAX_ASSERTION_LIFETIME_SEC)
      return { ok: false, reason: 'the JWT lives longer than an hour' };
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/) : [];
    const audiences = apiHosts.map((h) => `https://${h}/`);
    if (!scopes.includes(CLOUD_PLATFORM) && !audiences.includes(String(claims.aud)))
      return { ok: false, reason: `the JWT is addressed to ${String(claims.aud)}, not to this API` };
    return { ok: true, principal: { kind: 'serviceAccount', email } };
  }

  /** The signing keys as https://www.googleapis.com/oauth2/v3/certs publishes them. */
  jwks(): { keys: Record<string, unknown>[] } {
    const jwk = this.signing.publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.signing.kid, alg: 'RS256', use: 'sig' }] };
  }
}
