/**
 * Cancellation: "Cancel workflow" and `cancel-in-progress` send SIGINT, then SIGTERM 7.5 s later, then kill
 * 2.5 s after that. The first signal aborts the run's signal; the commands stop waiting, undo their own
 * change, report "cancelled" and return. A watchdog exits before the kill if the undo itself hangs.
 */

/** Thrown (or used as the abort reason) when the run was cancelled; the commands turn it into an outcome. */
export class Cancelled extends Error {
  constructor(readonly signalName: string) {
    super(`cancelled by ${signalName}`);
    this.name = 'Cancelled';
  }
}

export function isCancelled(err: unknown): err is Cancelled {
  return err instanceof Cancelled;
}

/** Throws the signal's Cancelled reason when it has fired. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelReason(signal);
}

function cancelReason(signal: AbortSignal): Cancelled {
  return signal.reason instanceof Cancelled ? signal.reason : new Cancelled('abort');
}

/**
 * Settles with `work`, or rejects with Cancelled as soon as the signal fires. For work that has nothing to
 * undo when abandoned (a build, a check); `work` runs on and its result is dropped.
 */
export function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(cancelReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export interface SignalWatch {
  signal: AbortSignal;
  /** Removes the handlers and the watchdog (the run ended). */
  dispose(): void;
}

/**
 * Aborts on the first SIGINT or SIGTERM. `graceMs` after it (the runner's own grace is 7.5 s + 2.5 s), the
 * watchdog calls `onTimeout` so the process ends on its own terms rather than being killed mid-write.
 */
export function watchSignals(opts: {
  graceMs: number;
  onSignal(name: string): void;
  onTimeout(): void;
}): SignalWatch {
  const controller = new AbortController();
  let watchdog: NodeJS.Timeout | undefined;
  const handler = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    opts.onSignal(name);
    controller.abort(new Cancelled(name));
    watchdog = setTimeout(() => opts.onTimeout(), opts.graceMs);
    watchdog.unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.removeListener('SIGINT', handler);
      process.removeListener('SIGTERM', handler);
      if (watchdog !== undefined) clearTimeout(watchdog);
    },
  };
}
