/** shared-iterations and per-vu-iterations: a fixed number of iterations, bounded by maxDuration. */
import type { Scenario } from '../smoke-options.js';
import { awaitLoops, deadlineFlag, vuLoop, type ExecContext } from './context.js';

type IterationScenario = Extract<Scenario, { executor: 'shared-iterations' | 'per-vu-iterations' }>;

/** Runs a shared-iterations or per-vu-iterations scenario to its end. */
export async function runIterationsExecutor(s: IterationScenario, ctx: ExecContext): Promise<void> {
  const endAt = performance.now() + s.maxDuration;
  const stopped = deadlineFlag(endAt, ctx.runSignal);
  let shared = s.iterations;
  ctx.allocatedVUs(s.vus);
  const loops: Promise<void>[] = [];
  for (let v = 0; v < s.vus; v++) {
    let own = s.iterations;
    // shared-iterations: the VUs draw from one pool; per-vu-iterations: each VU has its own count.
    const more = s.executor === 'shared-iterations' ? (): boolean => shared-- > 0 : (): boolean => own-- > 0;
    loops.push(vuLoop(ctx, ctx.newVU(s.name), stopped, more));
  }
  await awaitLoops(loops, endAt, s.gracefulStop, ctx.runSignal);
}
