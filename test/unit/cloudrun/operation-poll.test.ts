import { describe, expect, it } from 'vitest';
import { operationPollDelay } from '../../../src/cloudrun/cloud-run-service.js';

/** The times (ms after the write) at which an operation finishing at `doneMs` is polled. */
function polls(doneMs: number): number[] {
  const at: number[] = [];
  let now = 0;
  while (now < doneMs) {
    now += operationPollDelay(now);
    at.push(now);
  }
  return at;
}

describe('operation polls', () => {
  it.each([
    // done at (ms), seen by (ms), at most this many polls
    [300, 400, 3],
    [450, 500, 5],
    [900, 1000, 10],
    [10_000, 11_000, 20],
    [60_000, 61_000, 70],
    // The doubling backoff it replaced (50, 100, 200, ... ms) saw these only at 350, 750 and 1550 ms.
  ])('an operation done at %i ms is seen by %i ms within %i polls', (done, seenBy, most) => {
    const at = polls(done);
    expect(at[at.length - 1]).toBeLessThanOrEqual(seenBy);
    expect(at.length).toBeLessThanOrEqual(most);
  });

  it('never polls more than once a second after the first second, nor waits longer than that', () => {
    const at = polls(30_000);
    const gaps = at.slice(1).map((t, i) => [at[i], t - at[i]] as const);
    for (const [when, gap] of gaps) {
      expect(gap).toBeLessThanOrEqual(1000);
      if (when >= 2000) expect(gap).toBe(1000);
    }
  });
});
