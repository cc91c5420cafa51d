/** The one abortable wait: retries, operation polls and the load engine's pacing all sleep through it. */

/** Calls `then` once after ms, or as soon as the signal aborts (at once when it already has). */
export function sleepThen(ms: number, signal: AbortSignal | undefined, then: () => void): void {
  if (ms <= 0 || signal?.aborted === true) {
    then();
    return;
  }
  const done = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', done);
    then();
  };
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
}

/** Resolves after ms, or at once when the signal aborts (the caller then checks it). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => sleepThen(ms, signal, resolve));
}
