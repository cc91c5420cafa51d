/** RS256 JSON Web Tokens over node:crypto: what Google's token endpoint takes in and hands out. */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** Signs `claims` with an RSA private key (RS256), naming `kid` in the header when given. */
export function signJwt(claims: JwtClaims, key: KeyObject | string, kid?: string): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(kid !== undefined ? { kid } : {}) };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
}

/** The header and claims of a JWT, unverified; undefined when it is not one. */
export function decodeJwt(token: string): { header: JwtClaims; claims: JwtClaims } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return undefined;
    return { header: header as JwtClaims, claims: claims as JwtClaims };
  } catch {
    return undefined;
  }
}

/** True when `token` is an RS256 JWT whose signature verifies with one of `keys`. */
export function jwtSignedBy(token: string, keys: readonly (KeyObject | string)[]): boolean {
  const decoded = decodeJwt(token);
  if (decoded?.header.alg !== 'RS256') return false;
  const [h = '', c = '', s = ''] = token.split('.');
  const signature = Buffer.from(s, 'base64url');
  const pub = (k: KeyObject | string): KeyObject =>
    typeof k !== 'string' && k.type === 'public' ? k : createPublicKey(k);
  return keys.some((k) => verify('sha256', Buffer.from(`${h}.${c}`), pub(k), signature));
}

/**
 * Why a token's time claims make it unusable at `nowSec`, if they do. `skewSec` forgives clocks that differ
 * (5 minutes, what Google's client-side verifiers allow, for assertions clients sign); a token is unusable
 * from its `exp` on, and with a skew of 0 that is exact.
 */
export function timeProblem(claims: JwtClaims, nowSec: number, skewSec = 300): string | undefined {
  const exp = claims.exp;
  const iat = claims.iat;
  if (typeof exp !== 'number' || typeof iat !== 'number') return 'the token has no iat/exp';
  if (exp + skewSec <= nowSec) return 'the token has expired';
  if (iat - skewSec > nowSec) return 'the token was issued in the future';
  return undefined;
}
