/**
 * OAuth 2.0 access tokens as Google hands them out: opaque strings the issuer remembers, each for one
 * principal, with scopes and an expiry. Only the store that issued a token can say whom it speaks for.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from './principals.js';

export const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

export interface IssuedToken {
  token: string;
  principal: Principal;
  scopes: string[];
  expiresAtMs: number;
}

export type TokenCheck = { ok: true; issued: IssuedToken } | { ok: false; reason: string };

export class AccessTokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  issue(principal: Principal, scopes: string[], lifetimeSec: number): IssuedToken {
    const issued: IssuedToken = {
      token: `ya29.${randomBytes(48).toString('base64url')}`,
      principal,
      scopes,
      expiresAtMs: this.nowMs() + lifetimeSec * 1000,
    };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  /** The token's grant, or why it is refused (unknown and expired alike are UNAUTHENTICATED at Google). */
  verify(token: string | undefined): TokenCheck {
    if (token === undefined || token === '') return { ok: false, reason: 'no access token' };
    const issued = this.tokens.get(token);
    if (issued === undefined) return { ok: false, reason: 'the access token is not valid' };
    if (issued.expiresAtMs <= this.nowMs()) return { ok: false, reason: 'the access token has expired' };
    return { ok: true, issued };
  }
}

/** True when a token's scopes let it call Google Cloud APIs (cloud-platform, or IAM's own scope for IAM). */
export function hasScope(issued: IssuedToken, ...accepted: string[]): boolean {
  return issued.scopes.some((s) => s === CLOUD_PLATFORM || accepted.includes(s));
}
