/** Picks the executor for a scenario. */
import type { Scenario } from '../smoke-options.js';
import { runArrivalRate } from './arrival-rate.js';
import type { ExecContext } from './context.js';
import { runIterationsExecutor } from './iterations.js';
import { runConstantVus, runRampingVus } from './vus.js';

export type { ExecContext } from './context.js';

/** Runs one scenario with its executor, to its end (or the run's abort). */
export function runScenario(s: Scenario, ctx: ExecContext): Promise<void> {
  switch (s.executor) {
    case 'shared-iterations':
    case 'per-vu-iterations':
      return runIterationsExecutor(s, ctx);
    case 'constant-vus':
      return runConstantVus(s, ctx);
    case 'ramping-vus':
      return runRampingVus(s, ctx);
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return runArrivalRate(s, ctx);
  }
}
