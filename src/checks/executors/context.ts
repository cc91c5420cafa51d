/** What every executor gets from the engine, and the small timing helpers they share. */

/** A VU as an executor drives it. */
export interface Vu {
  /**
   * Runs one iteration and calls `done` when it ends (possibly before returning, when the run has stopped).
   * `lagMs` is how late it starts against its intended time (arrival-rate only). A callback, not a promise:
   * a VU's next iteration starts from inside `done`, so the hot loop allocates no promise per iteration.
   */
  iterate(lagMs: number, done: () => void): void;
}

/** The engine's side of an executor. */
export interface ExecContext {
  /** A new VU for a scenario, with its own connection (opened at its first request). */
  newVU(scenario: string): Vu;
  /** Aborted when the whole run stops (abortOnFail, caller's signal, Ctrl-C). */
  readonly runSignal: AbortSignal;
  /** A VU started (+1) or stopped (-1) working: feeds the `vus` gauge. */
  activeVUs(delta: number): void;
  /** VUs were allocated: feeds `vus_max`. */
  allocatedVUs(delta: number): void;
  /** An arrival-rate iteration could not start: no free VU and maxVUs reached. */
  dropIteration(scenario: string): void;
}

import { sleep } from '../../shared/sleep.js';

export { sleep, sleepThen } from '../../shared/sleep.js';

/** Waits for all work to settle, but at most gracefulMs (k6's gracefulStop), or until the run aborts. */
export async function settleWithin(
  work: Promise<unknown>[],
  gracefulMs: number,
  signal: AbortSignal,
): Promise<void> {
  const timeout = new AbortController();
  const onAbort = (): void => timeout.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([Promise.allSettled(work), sleep(gracefulMs, timeout.signal)]);
  } finally {
    timeout.abort();
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * A stop flag that turns true at a deadline or when the run aborts. A timer sets it, so the check VUs make
 * before each iteration reads a variable instead of the clock.
 */
export function deadlineFlag(endAt: number, signal: AbortSignal): () => boolean {
  let passed = false;
  const arm = (): void => {
    const left = endAt - performance.now();
    // Timers run on a millisecond clock and can fire a little early: re-arm until the deadline has passed.
    if (left <= 0) passed = true;
    else setTimeout(arm, Math.max(1, Math.ceil(left))).unref();
  };
  arm();
  return () => passed || signal.aborted;
}

/** Waits for the loops to end, at most until endAt; then gives the ones still running gracefulMs more. */
export async function awaitLoops(
  loops: Promise<void>[],
  endAt: number,
  gracefulMs: number,
  signal: AbortSignal,
): Promise<void> {
  const early = new AbortController();
  const all = Promise.allSettled(loops).then(() => early.abort());
  await Promise.race([all, sleep(endAt - performance.now(), AbortSignal.any([early.signal, signal]))]);
  early.abort();
  await settleWithin(loops, gracefulMs, signal);
}

/** One VU's loop: iterations back to back while `more()` says so, counted in the `vus` gauge. */
export function vuLoop(ctx: ExecContext, vu: Vu, stopped: () => boolean, more: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    ctx.activeVUs(1);
    // An iteration that ends synchronously calls next() from inside iterate(); it only sets `again` then,
    // and the do-while below starts the following iteration, so the stack never grows with iterations.
    let inside = false;
    let again = false;
    const next = (): void => {
      if (inside) {
        again = true;
        return;
      }
      try {
        do {
          again = false;
          if (stopped() || !more()) {
            ctx.activeVUs(-1);
            resolve();
            return;
          }
          inside = true;
          vu.iterate(0, next);
          inside = false;
        } while (again);
      } catch (err) {
        inside = false;
        ctx.activeVUs(-1);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    next();
  });
}
