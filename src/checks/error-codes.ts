/**
 * k6's error_code for a failed request (k6 docs, "Error codes"; lib/netext/httpext/error_codes.go), from the
 * codes Node and undici put on their errors. Responses with status >= 400 get 1000 + status (in http-runner).
 * Pure.
 */

/** k6's codes by the Node/undici error code that means the same failure. */
const BY_NODE_CODE: Readonly<Record<string, number>> = {
  // 1050: the request timed out
  UND_ERR_HEADERS_TIMEOUT: 1050,
  UND_ERR_BODY_TIMEOUT: 1050,
  // 1100 generic DNS error, 1101 no IP for the host
  EAI_AGAIN: 1100,
  EAI_FAIL: 1100,
  ENOTFOUND: 1101,
  EAI_NONAME: 1101,
  // 1201 broken pipe, 1210 dial error, 1211 dial timeout, 1212 dial refused, 1220 reset by peer
  EPIPE: 1201,
  EHOSTUNREACH: 1210,
  ENETUNREACH: 1210,
  EADDRNOTAVAIL: 1210,
  ETIMEDOUT: 1211,
  UND_ERR_CONNECT_TIMEOUT: 1211,
  ECONNREFUSED: 1212,
  ECONNRESET: 1220,
  // 1310 certificate by an unknown authority, 1311 certificate for another host name
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 1310,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 1310,
  DEPTH_ZERO_SELF_SIGNED_CERT: 1310,
  SELF_SIGNED_CERT_IN_CHAIN: 1310,
  CERT_UNTRUSTED: 1310,
  ERR_TLS_CERT_ALTNAME_INVALID: 1311,
};

/** The k6 error_code of a network error; 1000 (k6's generic error) when no specific code fits. */
export function errorCodeFor(err: unknown): number {
  let cur: unknown = err;
  // undici wraps socket errors (e.g. "other side closed") with the system error as `cause`.
  for (let depth = 0; depth < 3 && typeof cur === 'object' && cur !== null; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') {
      const known = BY_NODE_CODE[code];
      if (known !== undefined) return known;
      // Other TLS failures: k6's TLS range (1300 is its generic TLS code).
      if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_')) return 1300;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return 1000;
}
