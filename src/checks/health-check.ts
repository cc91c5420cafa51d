/**
 * The health check: asks the preview (GET / or a configured method and path) until it answers an expected
 * status (and, optionally, a body containing a given text), with exponential backoff and a deadline.
 */
import { request } from 'undici';
import type { HealthOutcome } from '../report/run-report.js';
import { errorMessage } from '../config/user-error.js';
import { idTokenHeaders, type IdTokenProvider } from './id-token.js';
import { sleep } from './executors/context.js';

export interface HealthCheckOptions {
  url: string;
  path: string;
  method?: string;
  /** Default [200]. */
  expectStatus?: number[];
  /** Text the body must contain. */
  bodyMatch?: string;
  timeoutMs: number;
  /** 'id-token': send a Google ID token for the service URL (private services). Default 'none'. */
  auth?: 'none' | 'id-token';
  headers?: Record<string, string>;
  /** Asked before every attempt (an ID token the provider renews near expiry), over `headers`. */
  authHeaders?: () => Promise<Record<string, string>>;
  log?: (s: string) => void;
  /** Where ID tokens come from (default: google-auth-library with Application Default Credentials). */
  idTokenProvider?: IdTokenProvider;
  /** First backoff delay; doubles up to 5 s. Default 250 ms. */
  initialBackoffMs?: number;
}

const MAX_BACKOFF_MS = 5000;
const MAX_ATTEMPT_MS = 10_000;
const MIN_ATTEMPT_MS = 50;

/** Polls until healthy or the deadline; never throws for HTTP failures. */
export async function runHealthCheck(opts: HealthCheckOptions): Promise<HealthOutcome> {
  const log = opts.log ?? ((): void => undefined);
  const expect = opts.expectStatus ?? [200];
  const target = new URL(opts.path, opts.url).toString();
  const started = performance.now();
  const deadline = started + opts.timeoutMs;
  let backoff = opts.initialBackoffMs ?? 250;
  let attempts = 0;
  let lastStatus: number | null = null;
  let lastError: string | undefined;
  while (true) {
    attempts++;
    const remaining = deadline - performance.now();
    try {
      const headers = { ...(opts.headers ?? {}), ...(await opts.authHeaders?.()) };
      if (opts.auth === 'id-token')
        Object.assign(headers, await idTokenHeaders(opts.url, opts.idTokenProvider));
      const perAttempt = Math.ceil(Math.max(1, Math.min(MAX_ATTEMPT_MS, remaining)));
      const res = await request(target, {
        method: (opts.method ?? 'GET').toUpperCase() as 'GET',
        headers,
        headersTimeout: perAttempt,
        bodyTimeout: perAttempt,
        signal: AbortSignal.timeout(perAttempt),
        // A fresh connection per probe: a reused keep-alive socket the server just closed would make undici
        // resend silently, and each attempt should say whether the service accepts new connections.
        reset: true,
      });
      lastStatus = res.statusCode;
      const body = opts.bodyMatch === undefined ? (await res.body.dump(), '') : await res.body.text();
      if (
        expect.includes(res.statusCode) &&
        (opts.bodyMatch === undefined || body.includes(opts.bodyMatch))
      ) {
        const timeToHealthyMs = Math.round(performance.now() - started);
        log(
          `Healthy: ${target} answered ${res.statusCode} after ${attempts} attempt(s), ${timeToHealthyMs} ms`,
        );
        return { url: target, ok: true, attempts, timeToHealthyMs, lastStatus };
      }
      lastError = expect.includes(res.statusCode)
        ? `status ${res.statusCode} but the body does not contain ${JSON.stringify(opts.bodyMatch)}`
        : `status ${res.statusCode}, expected ${expect.join(' or ')}`;
    } catch (err) {
      // An attempt cut short by the deadline says less than the answer before it: keep that one.
      if (lastError === undefined || performance.now() < deadline) lastError = errorMessage(err);
    }
    const left = deadline - performance.now();
    if (left <= 0) break;
    log(`Health attempt ${attempts}: ${lastError}; retrying in ${Math.round(Math.min(backoff, left))} ms`);
    await sleep(Math.min(backoff, left));
    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    // An attempt with only a sliver of time left would be cut short before it could answer.
    if (deadline - performance.now() < MIN_ATTEMPT_MS) break;
  }
  return { url: target, ok: false, attempts, timeToHealthyMs: null, lastStatus, error: lastError };
}
