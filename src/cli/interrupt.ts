/**
 * Resolves at the first SIGINT or SIGTERM (Ctrl-C, or a supervisor stopping the process), or when any of
 * `also` settles, whichever comes first; the signal listeners go with it, so a later Ctrl-C is the process's
 * own again. For the commands that serve until stopped: the emulator, the proxy, the demo's --keep.
 */
export function untilInterrupted(...also: Promise<unknown>[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      process.removeListener('SIGINT', done);
      process.removeListener('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    for (const p of also) void p.then(done, done);
  });
}
