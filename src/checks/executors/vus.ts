/** constant-vus and ramping-vus: VUs looping over iterations for a time, a fixed or a staged number of them. */
import type { Scenario } from '../smoke-options.js';
import { awaitLoops, deadlineFlag, sleep, vuLoop, type ExecContext } from './context.js';

type ConstantVus = Extract<Scenario, { executor: 'constant-vus' }>;
type RampingVus = Extract<Scenario, { executor: 'ramping-vus' }>;

/** Runs a constant-vus scenario: `vus` loops for `duration`, then gracefulStop for iterations in flight. */
export async function runConstantVus(s: ConstantVus, ctx: ExecContext): Promise<void> {
  const endAt = performance.now() + s.duration;
  const stopped = deadlineFlag(endAt, ctx.runSignal);
  ctx.allocatedVUs(s.vus);
  const loops = Array.from({ length: s.vus }, () => vuLoop(ctx, ctx.newVU(s.name), stopped, () => true));
  await awaitLoops(loops, endAt, s.gracefulStop, ctx.runSignal);
}

/** A point where the VU target changes: from `atMs` after the start, `vus` VUs should run. */
export interface VuStep {
  atMs: number;
  vus: number;
}

/**
 * The VU target over time, as k6 computes it: within a stage the count moves linearly from the previous
 * target to the stage's, changing by whole VUs at evenly spaced times (one step per VU).
 */
export function rampingVuSteps(
  startVUs: number,
  stages: readonly { duration: number; target: number }[],
): VuStep[] {
  const steps: VuStep[] = [{ atMs: 0, vus: startVUs }];
  let from = startVUs;
  let t = 0;
  for (const st of stages) {
    const delta = st.target - from;
    if (st.duration === 0) {
      if (delta !== 0) steps.push({ atMs: t, vus: st.target });
    } else {
      const n = Math.abs(delta);
      for (let i = 1; i <= n; i++) {
        steps.push({ atMs: t + (i * st.duration) / n, vus: from + Math.sign(delta) * i });
      }
    }
    t += st.duration;
    from = st.target;
  }
  return steps;
}

/** The VU target at `t` ms into the scenario. */
export function vuTargetAt(steps: readonly VuStep[], t: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((steps[mid]?.atMs ?? Infinity) <= t) lo = mid;
    else hi = mid - 1;
  }
  return steps[lo]?.vus ?? 0;
}

/** The first time at or after `t` when VU number `index` (0-based) is wanted, or undefined if never. */
export function nextActivation(steps: readonly VuStep[], index: number, t: number): number | undefined {
  if (vuTargetAt(steps, t) > index) return t;
  for (const s of steps) if (s.atMs > t && s.vus > index) return s.atMs;
  return undefined;
}

/**
 * Runs a ramping-vus scenario. VU i works while the target exceeds i; above the target it finishes its current
 * iteration (k6's gracefulRampDown) and waits to be wanted again.
 */
export async function runRampingVus(s: RampingVus, ctx: ExecContext): Promise<void> {
  const steps = rampingVuSteps(s.startVUs, s.stages);
  const total = s.stages.reduce((sum, st) => sum + st.duration, 0);
  const maxVUs = Math.max(...steps.map((st) => st.vus));
  const start = performance.now();
  const endAt = start + total;
  const stopped = deadlineFlag(endAt, ctx.runSignal);
  ctx.allocatedVUs(maxVUs);
  const loops = Array.from({ length: maxVUs }, async (_, index) => {
    const vu = ctx.newVU(s.name);
    while (!stopped()) {
      const now = performance.now() - start;
      const at = nextActivation(steps, index, now);
      if (at === undefined || at >= total) return;
      if (at > now) {
        await sleep(at - now, ctx.runSignal);
        continue;
      }
      await vuLoop(ctx, vu, stopped, () => vuTargetAt(steps, performance.now() - start) > index);
    }
  });
  await awaitLoops(loops, endAt, s.gracefulStop, ctx.runSignal);
}
