/**
 * The scheduled sweep of an environment reports as the environment does: each swept PR's one environment
 * comment (not one per service) says why its preview went, and its `preview/<env>/pr-N` deployment turns
 * inactive.
 */
import type { Config } from '../config/config.js';
import type { EventContext } from '../github/event-context.js';
import type { SweepEntry } from './sweep-plan.js';
import { reportSwept } from './sweep.js';

/** One entry per PR: closed wins over expired (a PR may have been planned differently on two services). */
export function sweptPullRequests(entries: readonly SweepEntry[]): SweepEntry[] {
  const byPr = new Map<number, SweepEntry>();
  for (const e of entries) {
    const seen = byPr.get(e.pr);
    if (seen === undefined || (e.reason === 'closed' && seen.reason !== 'closed')) byPr.set(e.pr, e);
  }
  return [...byPr.values()].sort((a, b) => a.pr - b.pr);
}

export async function reportEnvironmentSwept(
  configs: Config[],
  environment: { name: string; primary?: string },
  ctx: EventContext,
  entries: readonly SweepEntry[],
): Promise<void> {
  for (const entry of sweptPullRequests(entries)) await reportSwept(configs, ctx, entry, environment);
}
