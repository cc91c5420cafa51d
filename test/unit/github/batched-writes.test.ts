import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatchedWriter } from '../../../src/github/batched-writes.js';

/** A write that takes `ms` of (fake) time and records what it wrote, when, and how many ran at once. */
function recorder(ms = 50): {
  write: (v: number) => Promise<void>;
  written: { value: number; at: number }[];
  maxConcurrent: () => number;
} {
  const written: { value: number; at: number }[] = [];
  let running = 0;
  let max = 0;
  return {
    written,
    maxConcurrent: () => max,
    write: async (value) => {
      running += 1;
      max = Math.max(max, running);
      written.push({ value, at: Date.now() });
      await new Promise((r) => setTimeout(r, ms));
      running -= 1;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batched writes', () => {
  it('turns 20 rapid states into two writes: the first at once, the latest after the interval', async () => {
    const r = recorder();
    const w = createBatchedWriter({ write: r.write, intervalMs: 2000 });
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) w.push(i);
    expect(r.written).toEqual([{ value: 0, at: t0 }]);
    await vi.advanceTimersByTimeAsync(10_000);
    await w.idle();
    expect(r.written.map((x) => x.value)).toEqual([0, 19]);
    expect((r.written[1]?.at ?? 0) - t0).toBe(2000);
  });

  it('spaces writes by the interval, one in flight at a time, and ends on the latest state', async () => {
    const r = recorder(300);
    const w = createBatchedWriter({ write: r.write, intervalMs: 2000 });
    for (let i = 0; i < 100; i++) {
      w.push(i);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(5000);
    await w.idle();
    // 10 s of states every 100 ms: one write per 2 s window, plus the trailing one.
    expect(w.writes).toBeLessThanOrEqual(6);
    expect(r.written.at(-1)?.value).toBe(99);
    expect(r.maxConcurrent()).toBe(1);
    const gaps = r.written.slice(1).map((x, i) => x.at - (r.written[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000);
  });

  it('flush waits for the write in flight, writes the final state at once, and nothing follows', async () => {
    const r = recorder(500);
    const w = createBatchedWriter({ write: r.write, intervalMs: 2000 });
    w.push(1);
    w.push(2); // queued behind the interval
    const done = w.flush(99);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(r.written.map((x) => x.value)).toEqual([1, 99]);
    // The final write did not wait for the interval: it started when the first write ended.
    expect((r.written[1]?.at ?? 0) - (r.written[0]?.at ?? 0)).toBe(500);
    w.push(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.written.map((x) => x.value)).toEqual([1, 99]);
  });

  it('writeNow writes each state at once, resolving when written and rejecting with its own error', async () => {
    const r = recorder(500);
    const w = createBatchedWriter({ write: r.write, intervalMs: 0 });
    const t0 = Date.now();
    for (const v of [1, 2, 3]) {
      const written = w.writeNow(v);
      await vi.advanceTimersByTimeAsync(500);
      await written;
    }
    // Not coalesced: every state is written, one after the other.
    expect(r.written).toEqual([
      { value: 1, at: t0 },
      { value: 2, at: t0 + 500 },
      { value: 3, at: t0 + 1000 },
    ]);
    const failing = createBatchedWriter({ intervalMs: 0, write: () => Promise.reject(new Error('refused')) });
    await expect(failing.writeNow(1)).rejects.toThrow('refused');
    await failing.flush(2).catch(() => undefined);
    await failing.writeNow(3); // closed: nothing follows the final write
    expect(failing.writes).toBe(2);
  });

  it('keeps writing after a background write fails and reports that error from flush', async () => {
    const seen: number[] = [];
    let fail = true;
    const w = createBatchedWriter({
      intervalMs: 10,
      write: (v: number) => {
        seen.push(v);
        if (fail) {
          fail = false;
          return Promise.reject(new Error('boom'));
        }
        return Promise.resolve();
      },
    });
    w.push(1);
    await vi.advanceTimersByTimeAsync(0);
    w.push(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toEqual([1, 2]);
    expect((w.error as Error).message).toBe('boom');
    await expect(w.flush(3)).rejects.toThrow('boom');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('takes an injected clock', async () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const clock = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => timers.push({ at: now + ms, fn }),
      clearTimeout: () => {},
    };
    const values: number[] = [];
    const w = createBatchedWriter({
      write: (v: number) => {
        values.push(v);
        return Promise.resolve();
      },
      intervalMs: 1000,
      clock,
    });
    w.push(1);
    await Promise.resolve();
    await Promise.resolve();
    w.push(2);
    w.push(3);
    expect(timers).toHaveLength(1);
    expect(timers[0]?.at).toBe(1000);
    now = 1000;
    timers.shift()?.fn();
    await w.idle();
    expect(values).toEqual([1, 3]);
  });
});
