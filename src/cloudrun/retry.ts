/**
 * Retries of transient Google API errors: exponential backoff with full jitter, bounded in attempts and in
 * total time. Permanent errors (bad argument, permission, not found, precondition) fail at once.
 */
import { sleep } from '../shared/sleep.js';

/** gRPC status codes used by the adapters. */
export const GRPC = {
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** A refusal of the caller (no valid credentials, or a missing permission): nothing was done, nothing to settle. */
export function isRefusal(err: unknown): boolean {
  const code = errorCode(err);
  return code === GRPC.PERMISSION_DENIED || code === GRPC.UNAUTHENTICATED;
}

/** gRPC codes worth another try: the same call may succeed a moment later. */
export const TRANSIENT_GRPC: ReadonlySet<number> = new Set([
  GRPC.DEADLINE_EXCEEDED,
  GRPC.RESOURCE_EXHAUSTED,
  GRPC.UNAVAILABLE,
]);
/** gRPC codes that mean "someone else changed it first": re-read, re-plan, re-apply. */
export const CONFLICT_GRPC: ReadonlySet<number> = new Set([GRPC.ABORTED]);

/** The gRPC status code (or HTTP status) an error from a Google client carries, if any. */
export function errorCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; status?: unknown } | null;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.status === 'number') return e.status;
  return undefined;
}

/**
 * True for UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED and HTTP 408/429/5xx; INTERNAL only when the
 * call is an idempotent read (a write that failed INTERNAL may have happened).
 */
export function isTransient(err: unknown, idempotentRead = false): boolean {
  const code = errorCode(err);
  if (code === undefined) return false;
  if (code >= 100) return code === 408 || code === 429 || (code >= 500 && code <= 599);
  return TRANSIENT_GRPC.has(code) || (idempotentRead && code === GRPC.INTERNAL);
}

/** True for an etag conflict: ABORTED, or FAILED_PRECONDITION whose message speaks of the etag. */
export function isConflict(err: unknown): boolean {
  const code = errorCode(err);
  if (code !== undefined && CONFLICT_GRPC.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return code === GRPC.FAILED_PRECONDITION && /etag|modified since|concurrent/i.test(message);
}

/** How to retry. Every field has a default; sleep, random and now are seams for tests. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 6). */
  attempts?: number;
  /** No new attempt starts once this much time has passed since the first (default 60 s). */
  maxElapsedMs?: number;
  baseMs?: number;
  maxMs?: number;
  /** Which errors are worth another attempt (default: `isTransient`). */
  retryOn?: (err: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

const realSleep = (ms: number): Promise<void> => sleep(ms);

/** The delay before retry number `attempt` (1-based): uniform in [0, min(maxMs, baseMs * 2^(attempt-1))]. */
export function backoffDelay(attempt: number, random: () => number, baseMs = 200, maxMs = 8000): number {
  const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(random() * cap);
}

/** Runs `fn`, retrying with backoff and full jitter while `retryOn` says the error is worth it. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 6;
  const retryOn = o.retryOn ?? ((err: unknown): boolean => isTransient(err));
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? realSleep;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= attempts || !retryOn(err)) throw err;
      const delay = backoffDelay(attempt, o.random ?? Math.random, o.baseMs, o.maxMs);
      // The time budget bounds the whole retry loop: a retry that would start after it is not made.
      if (now() + delay - started > (o.maxElapsedMs ?? 60_000)) throw err;
      o.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}
