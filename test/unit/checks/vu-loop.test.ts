import { describe, expect, it } from 'vitest';
import { vuLoop, type ExecContext, type Vu } from '../../../src/checks/executors/context.js';

function context(): { ctx: ExecContext; active: () => number } {
  let active = 0;
  const ctx: ExecContext = {
    newVU: () => {
      throw new Error('not used');
    },
    runSignal: new AbortController().signal,
    activeVUs: (d) => {
      active += d;
    },
    allocatedVUs: () => undefined,
    dropIteration: () => undefined,
  };
  return { ctx, active: () => active };
}

describe('vuLoop', () => {
  it('runs iterations that end synchronously without growing the stack', async () => {
    const { ctx, active } = context();
    let runs = 0;
    const vu: Vu = {
      iterate: (_lag, done) => {
        runs++;
        done();
      },
    };
    let left = 200_000;
    await vuLoop(
      ctx,
      vu,
      () => false,
      () => left-- > 0,
    );
    expect(runs).toBe(200_000);
    expect(active()).toBe(0);
  });

  it('mixes iterations that end later with ones that end at once, one at a time', async () => {
    const { ctx, active } = context();
    let inFlight = 0;
    let peak = 0;
    let runs = 0;
    const vu: Vu = {
      iterate: (_lag, done) => {
        runs++;
        inFlight++;
        peak = Math.max(peak, inFlight);
        const end = (): void => {
          inFlight--;
          done();
        };
        if (runs % 3 === 0) setImmediate(end);
        else end();
      },
    };
    let left = 30;
    const loop = vuLoop(
      ctx,
      vu,
      () => false,
      () => left-- > 0,
    );
    expect(active()).toBe(1);
    await loop;
    expect(runs).toBe(30);
    expect(peak).toBe(1);
    expect(active()).toBe(0);
  });

  it('stops when told and rejects when an iteration throws, leaving the gauge balanced', async () => {
    const { ctx, active } = context();
    let runs = 0;
    const counting: Vu = {
      iterate: (_lag, done) => {
        runs++;
        done();
      },
    };
    await vuLoop(
      ctx,
      counting,
      () => runs >= 5,
      () => true,
    );
    expect(runs).toBe(5);
    const broken: Vu = {
      iterate: () => {
        throw new Error('boom');
      },
    };
    await expect(
      vuLoop(
        ctx,
        broken,
        () => false,
        () => true,
      ),
    ).rejects.toThrow('boom');
    expect(active()).toBe(0);
  });
});
