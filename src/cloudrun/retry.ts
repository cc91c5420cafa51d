/** gRPC codes worth another try: the call may succeed unchanged a moment later. */
export const TRANSIENT_GRPC = new Set([
  4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */,
]);
/** gRPC codes that mean "someone else changed it first": re-read, re-plan, re-apply. */
export const CONFLICT_GRPC = new Set([10 /* ABORTED */]);

/** The gRPC status code (or HTTP status) an error from a Google client carries, if any. */
export function errorCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; status?: unknown } | null;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.status === 'number') return e.status;
  return undefined;
}

/** True for transient gRPC codes and HTTP 408/429/5xx; permanent errors are not retried. */
export function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  if (code === undefined) return false;
  if (code >= 100) return code === 408 || code === 429 || code >= 500;
  return TRANSIENT_GRPC.has(code);
}

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  retryOn?: (err: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` with exponential backoff and full jitter while `retryOn` says the error is worth it. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 6;
  const retryOn = o.retryOn ?? isTransient;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= attempts || !retryOn(err)) throw err;
      const cap = Math.min(o.maxMs ?? 8000, (o.baseMs ?? 200) * 2 ** (attempt - 1));
      const delay = Math.round((o.random ?? Math.random)() * cap);
      o.onRetry?.(err, attempt, delay);
      await (o.sleep ?? realSleep)(delay);
    }
  }
}
