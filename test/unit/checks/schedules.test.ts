import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantArrivals, rampingArrivals } from '../../../src/checks/executors/arrival-rate.js';
import { nextActivation, rampingVuSteps, vuTargetAt } from '../../../src/checks/executors/vus.js';

describe('arrival schedules', () => {
  it('constant: rate per timeUnit for the duration, starting at 0', () => {
    const times = [...constantArrivals(10, 1000, 2000)];
    expect(times).toHaveLength(20);
    expect(times[0]).toBe(0);
    expect(times[1]).toBeCloseTo(100);
    expect([...constantArrivals(30, 60_000, 60_000)]).toHaveLength(30);
  });

  it('ramping: as many iterations as the integral of the rate, in increasing order', () => {
    // 0 -> 100/s over 10 s is 500 iterations; then 100/s for 5 s is 500 more; then down to 0 over 10 s: 500.
    const times = [
      ...rampingArrivals(0, 1000, [
        { duration: 10_000, target: 100 },
        { duration: 5000, target: 100 },
        { duration: 10_000, target: 0 },
      ]),
    ];
    expect(times.length).toBeGreaterThanOrEqual(1499);
    expect(times.length).toBeLessThanOrEqual(1501);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] ?? -1);
    // Half of the first ramp's iterations happen after ~7.07 s (sqrt(0.5) of the ramp): the rate really ramps.
    expect(times[250]).toBeGreaterThan(7000);
    expect(times[250]).toBeLessThan(7150);
  });

  it('ramping: the count matches the integral for any stages (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.array(
          fc.record({
            duration: fc.integer({ min: 100, max: 5000 }),
            target: fc.integer({ min: 0, max: 200 }),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (start, stages) => {
          let expected = 0;
          let r0 = start;
          for (const s of stages) {
            expected += ((r0 + s.target) / 2) * (s.duration / 1000);
            r0 = s.target;
          }
          const n = [...rampingArrivals(start, 1000, stages)].length;
          expect(Math.abs(n - expected)).toBeLessThanOrEqual(stages.length + 1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ramping-vus steps', () => {
  it('moves by whole VUs at evenly spaced times, as k6 does', () => {
    const steps = rampingVuSteps(0, [
      { duration: 10_000, target: 10 },
      { duration: 10_000, target: 0 },
    ]);
    expect(vuTargetAt(steps, 0)).toBe(0);
    expect(vuTargetAt(steps, 999)).toBe(0);
    expect(vuTargetAt(steps, 1000)).toBe(1);
    expect(vuTargetAt(steps, 5500)).toBe(5);
    expect(vuTargetAt(steps, 10_000)).toBe(10);
    expect(vuTargetAt(steps, 15_000)).toBe(5);
    expect(vuTargetAt(steps, 20_000)).toBe(0);
    expect(nextActivation(steps, 3, 0)).toBe(4000);
    expect(nextActivation(steps, 3, 4500)).toBe(4500);
    expect(nextActivation(steps, 3, 17_000)).toBeUndefined();
  });
});
