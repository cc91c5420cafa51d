/** What every executor gets from the engine, and the small timing helpers they share. */

/** The engine's side of an executor. */
export interface ExecContext {
  /** Runs one iteration; `lagMs` is how late it starts against its intended time (arrival-rate only). */
  iterate(scenario: string, lagMs: number): Promise<void>;
  /** Aborted when the whole run stops (abortOnFail, caller's signal, Ctrl-C). */
  readonly runSignal: AbortSignal;
  /** A VU started (+1) or stopped (-1) working: feeds the `vus` gauge. */
  activeVUs(delta: number): void;
  /** VUs were allocated: feeds `vus_max`. */
  allocatedVUs(delta: number): void;
  /** An arrival-rate iteration could not start: no free VU and maxVUs reached. */
  dropIteration(scenario: string): void;
}

/** Resolves after ms, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted === true) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

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

/** A stop flag that turns true at a deadline or when the run aborts. */
export function deadlineFlag(endAt: number, signal: AbortSignal): () => boolean {
  return () => signal.aborted || performance.now() >= endAt;
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
export async function vuLoop(
  ctx: ExecContext,
  scenario: string,
  stopped: () => boolean,
  more: () => boolean,
): Promise<void> {
  ctx.activeVUs(1);
  try {
    while (!stopped() && more()) await ctx.iterate(scenario, 0);
  } finally {
    ctx.activeVUs(-1);
  }
}
