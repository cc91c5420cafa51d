/**
 * constant-arrival-rate and ramping-arrival-rate: iterations start at planned times whatever the server does.
 * A free VU takes each one; with none free a new VU is allocated up to maxVUs, past that the iteration is
 * dropped and counted in dropped_iterations. Each iteration is told how late it started against its planned
 * time, so request latencies count from the intended send time (wrk2's coordinated-omission correction).
 */
import type { Scenario } from '../smoke-options.js';
import { settleWithin, sleep, type ExecContext, type Vu } from './context.js';

type ArrivalScenario = Extract<Scenario, { executor: 'constant-arrival-rate' | 'ramping-arrival-rate' }>;

/** Planned start offsets (ms) of a constant rate: `rate` per `timeUnit` for `duration`. */
export function* constantArrivals(rate: number, timeUnitMs: number, durationMs: number): Generator<number> {
  const gap = timeUnitMs / rate;
  for (let k = 0; k * gap < durationMs; k++) yield k * gap;
}

/**
 * Planned start offsets (ms) of a rate moving linearly through stages: iteration k starts when the integral of
 * the rate reaches k (so the first one starts at 0, as in k6).
 */
export function* rampingArrivals(
  startRate: number,
  timeUnitMs: number,
  stages: readonly { duration: number; target: number }[],
): Generator<number> {
  let k = 0;
  let done = 0; // iterations planned before the current stage, as a real number
  let t0 = 0;
  let r0 = startRate / timeUnitMs;
  for (const st of stages) {
    const r1 = st.target / timeUnitMs;
    const d = st.duration;
    if (d > 0) {
      const a = (r1 - r0) / (2 * d);
      const stageTotal = r0 * d + a * d * d;
      while (k <= done + stageTotal) {
        const m = k - done;
        // Root of a*τ² + r0*τ = m in a form that stays stable when a is 0 or negative.
        const disc = r0 * r0 + 4 * a * m;
        const denom = r0 + Math.sqrt(Math.max(0, disc));
        const tau = m === 0 ? 0 : denom > 0 ? (2 * m) / denom : d;
        if (tau >= d) break;
        yield t0 + tau;
        k++;
      }
      done += stageTotal;
    }
    t0 += d;
    r0 = r1;
  }
}

/** Runs an arrival-rate scenario to its end. */
export async function runArrivalRate(s: ArrivalScenario, ctx: ExecContext): Promise<void> {
  const plan =
    s.executor === 'constant-arrival-rate'
      ? constantArrivals(s.rate, s.timeUnit, s.duration)
      : rampingArrivals(s.startRate, s.timeUnit, s.stages);
  const total =
    s.executor === 'constant-arrival-rate' ? s.duration : s.stages.reduce((sum, st) => sum + st.duration, 0);
  let allocated = s.preAllocatedVUs;
  const idle: Vu[] = Array.from({ length: allocated }, () => ctx.newVU(s.name));
  ctx.allocatedVUs(allocated);
  const inflight = new Set<Promise<void>>();
  const start = performance.now();
  const endAt = start + total;
  const stopped = (): boolean => ctx.runSignal.aborted || performance.now() >= endAt;

  const launch = (vu: Vu, lagMs: number): void => {
    ctx.activeVUs(1);
    const it = new Promise<void>((resolve) => vu.iterate(lagMs, resolve)).finally(() => {
      idle.push(vu);
      ctx.activeVUs(-1);
      inflight.delete(it);
    });
    inflight.add(it);
  };

  for (const offset of plan) {
    const due = start + offset;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait, ctx.runSignal);
    if (stopped()) break;
    if (idle.length === 0 && allocated < s.maxVUs) {
      allocated++;
      idle.push(ctx.newVU(s.name));
      ctx.allocatedVUs(1);
    }
    const vu = idle.pop();
    if (vu !== undefined) launch(vu, Math.max(0, performance.now() - due));
    else ctx.dropIteration(s.name);
  }
  await sleep(endAt - performance.now(), ctx.runSignal);
  await settleWithin([...inflight], s.gracefulStop, ctx.runSignal);
}
