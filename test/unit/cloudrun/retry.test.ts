import { describe, expect, it } from 'vitest';
import { backoffDelay, isConflict, isTransient, withRetry } from '../../../src/cloudrun/retry.js';

const grpcError = (code: number, message = `code ${code}`): Error =>
  Object.assign(new Error(message), { code });

/** A fake clock: sleeping advances it, and every delay asked for is recorded. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; delays: number[] } {
  let t = 0;
  const delays: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      delays.push(ms);
      t += ms;
      return Promise.resolve();
    },
    delays,
  };
}

describe('classification', () => {
  it.each([
    [14, false, true],
    [8, false, true],
    [4, false, true],
    [13, false, false],
    [13, true, true],
    [3, true, false],
    [7, true, false],
    [5, true, false],
    [9, true, false],
    [10, true, false],
    [429, false, true],
    [503, false, true],
    [500, false, true],
    [408, false, true],
    [404, true, false],
    [403, true, false],
  ])('code %i (idempotent read: %s) transient: %s', (code, read, transient) => {
    expect(isTransient(grpcError(code), read)).toBe(transient);
  });

  it('treats errors without a code as permanent', () => {
    expect(isTransient(new Error('boom'))).toBe(false);
    expect(isTransient('string')).toBe(false);
  });

  it('sees etag conflicts in ABORTED and in FAILED_PRECONDITION about the etag only', () => {
    expect(isConflict(grpcError(10))).toBe(true);
    expect(isConflict(grpcError(9, 'etag "x" does not match'))).toBe(true);
    expect(isConflict(grpcError(9, 'revision is serving traffic'))).toBe(false);
  });
});

describe('withRetry', () => {
  it('retries transient errors with full-jitter exponential backoff, then succeeds', async () => {
    await Promise.resolve(); // a real async boundary, as an API call has
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetry(
      async () => {
        await Promise.resolve(); // a real async boundary, as an API call has
        calls++;
        if (calls < 4) throw grpcError(14);
        return 'ok';
      },
      { ...clock, random: () => 1, baseMs: 100, maxMs: 1000 },
    );
    expect(result).toBe('ok');
    expect(clock.delays).toEqual([100, 200, 400]);
  });

  it('jitter draws each delay uniformly below the cap', () => {
    expect(backoffDelay(1, () => 0, 100, 1000)).toBe(0);
    expect(backoffDelay(3, () => 0.5, 100, 1000)).toBe(200);
    expect(backoffDelay(10, () => 1, 100, 1000)).toBe(1000);
  });

  it('does not retry permanent errors', async () => {
    await Promise.resolve(); // a real async boundary, as an API call has
    const clock = fakeClock();
    let calls = 0;
    const fail = withRetry(async () => {
      await Promise.resolve(); // a real async boundary, as an API call has
      calls++;
      throw grpcError(7, 'PERMISSION_DENIED');
    }, clock);
    await expect(fail).rejects.toThrow('PERMISSION_DENIED');
    expect(calls).toBe(1);
  });

  it('stops after the attempt bound with the last error', async () => {
    await Promise.resolve(); // a real async boundary, as an API call has
    const clock = fakeClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          await Promise.resolve(); // a real async boundary, as an API call has
          calls++;
          throw grpcError(14, `try ${calls}`);
        },
        { ...clock, attempts: 3, random: () => 0.5 },
      ),
    ).rejects.toThrow('try 3');
    expect(calls).toBe(3);
  });

  it('stops when the next retry would pass the total time budget', async () => {
    await Promise.resolve(); // a real async boundary, as an API call has
    const clock = fakeClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          await Promise.resolve(); // a real async boundary, as an API call has
          calls++;
          throw grpcError(8);
        },
        { ...clock, attempts: 100, random: () => 1, baseMs: 1000, maxMs: 1000, maxElapsedMs: 3500 },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(4);
    expect(clock.now()).toBeLessThanOrEqual(3500);
  });
});
