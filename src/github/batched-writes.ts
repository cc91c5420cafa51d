/**
 * Coalesces a stream of states into few writes: at most one write in flight, each start at least
 * `intervalMs` after the one before, and only the latest state written when several arrive in between.
 * The first state is written at once (the reader sees the run start); `flush` writes the final state as
 * soon as the write in flight ends, and nothing is written after it. Timers come from an injectable clock.
 */
import { errorMessage } from '../config/user-error.js';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The global clock, looked up at call time (so fake timers in tests replace it). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface BatchedWriterOptions<T> {
  write(value: T): Promise<void>;
  /** The least time between the starts of two writes; default 2000 ms. */
  intervalMs?: number;
  clock?: Clock;
}

export interface BatchedWriter<T> {
  /** Queues `value` as the latest state; written now when idle and spaced, else later. Ignored after flush. */
  push(value: T): void;
  /**
   * Drops what is queued, waits for the write in flight, writes `value` and closes the writer. Rejects with
   * the error of this write, or else of the first background write that failed.
   */
  flush(value: T): Promise<void>;
  /** Writes `value` now (after the write in flight) and resolves when it is written; rejects with its error. */
  writeNow(value: T): Promise<void>;
  /** Resolves once nothing is queued or in flight (tests, and a caller that wants to wait). */
  idle(): Promise<void>;
  /** How many writes have started. */
  readonly writes: number;
  /** The first error a background write threw, if any (later writes are still attempted). */
  readonly error: Error | undefined;
}

export function createBatchedWriter<T>(opts: BatchedWriterOptions<T>): BatchedWriter<T> {
  const interval = opts.intervalMs ?? 2000;
  const clock = opts.clock ?? systemClock;
  let queued: { value: T } | undefined;
  let inFlight: Promise<void> | undefined;
  let timer: unknown;
  let lastStart = Number.NEGATIVE_INFINITY;
  let closed = false;
  let writes = 0;
  let error: Error | undefined;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = (): void => {
    if (queued !== undefined || inFlight !== undefined || timer !== undefined) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const start = (value: T): Promise<void> => {
    lastStart = clock.now();
    writes += 1;
    return opts.write(value);
  };

  const schedule = (): void => {
    if (closed || queued === undefined || inFlight !== undefined || timer !== undefined) return;
    const wait = lastStart + interval - clock.now();
    if (wait > 0) {
      timer = clock.setTimeout(() => {
        timer = undefined;
        schedule();
      }, wait);
      return;
    }
    const { value } = queued;
    queued = undefined;
    inFlight = start(value)
      .catch((err: unknown) => {
        error ??= err instanceof Error ? err : new Error(errorMessage(err));
      })
      .finally(() => {
        inFlight = undefined;
        schedule();
        settleIdle();
      });
  };

  /** Writes `value` once the write in flight (if any) ended. */
  const writeAfter = async (value: T): Promise<void> => {
    if (inFlight !== undefined) await inFlight;
    try {
      await start(value);
    } finally {
      settleIdle();
    }
  };

  return {
    push(value) {
      if (closed) return;
      queued = { value };
      schedule();
    },
    async flush(value) {
      closed = true;
      queued = undefined;
      if (timer !== undefined) {
        clock.clearTimeout(timer);
        timer = undefined;
      }
      await writeAfter(value);
      if (error !== undefined) throw error;
    },
    async writeNow(value) {
      if (closed) return;
      queued = undefined;
      await writeAfter(value);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    get writes() {
      return writes;
    },
    get error() {
      return error;
    },
  };
}
