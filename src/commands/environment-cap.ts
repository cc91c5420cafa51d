/**
 * `max_previews` for an environment (the `services` input): after a PR's environment preview passed, the
 * least recently deployed other PRs' environment previews are removed until the cap holds. An environment
 * preview is one preview however many services it has: it is live while any member carries the PR's tag,
 * and its last deploy is the newest of its members' revisions. Eviction is the environment's own cleanup
 * (every member's tag, revisions, images and per-PR data), so both PRs' comments say what happened.
 */
import * as core from '@actions/core';
import { createCloudRunPort } from '../cloudrun/run-port.js';
import type { Config } from '../config/config.js';
import type { LoadedEnvironment } from '../environment/load-environment.js';
import type { EventContext } from '../github/event-context.js';
import type { EnvironmentReport } from '../report/environment-report.js';
import { evictedSentence, evictingNote, lastDeployByPr, planEviction } from './sweep-plan.js';
import { tagOf } from './sweep.js';

/** Each PR's environment preview that is live on some member, with its newest deploy across members. */
export function liveEnvironmentPreviews(
  members: readonly {
    tags: ReadonlySet<string>;
    lastDeploys: Map<number, Date>;
    tagOf(pr: number): string;
  }[],
): Map<number, Date> {
  const live = new Map<number, Date>();
  for (const m of members) {
    for (const [pr, at] of m.lastDeploys) {
      if (!m.tags.has(m.tagOf(pr))) continue;
      const seen = live.get(pr);
      if (seen === undefined || at > seen) live.set(pr, at);
    }
  }
  return live;
}

/** The environment's members as an eviction cleans them: that one PR only, for real (no sweep, no dry run). */
export function evictionEnvironment(env: LoadedEnvironment): LoadedEnvironment {
  const only = (config: Config): Config => {
    const { staleMs: _sweep, ...cleanup } = config.cleanup;
    return { ...config, cleanup: { ...cleanup, dryRun: false } };
  };
  return { ...env, members: env.members.map((m) => ({ ...m, config: only(m.config) })) };
}

/**
 * Applies the cap after `report`'s preview; a no-op without `max_previews`, without a PR or on failure.
 * `evict` removes the environment preview of the PR its event names, the comment saying `removedWhy`.
 */
export async function enforceEnvironmentCap(
  env: LoadedEnvironment,
  ctx: EventContext,
  report: EnvironmentReport,
  evict: (ctx: EventContext) => Promise<unknown>,
): Promise<void> {
  const max = env.members[0]?.config.optIn.maxPreviews;
  const pr = report.prNumber;
  if (max === undefined || pr === undefined || report.command !== 'preview' || report.result !== 'success')
    return;
  const members = [];
  for (const m of env.members) {
    const cloudRun = createCloudRunPort(m.config, core.info, core.warning);
    const service = await cloudRun.getService();
    const revisions = await cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
    members.push({
      tags: new Set((service?.traffic ?? []).flatMap((t) => (t.tag === undefined ? [] : [t.tag]))),
      lastDeploys: lastDeployByPr(revisions),
      tagOf: (n: number) => tagOf(m.config, n),
    });
  }
  const evicted = planEviction({ live: liveEnvironmentPreviews(members), pr, max });
  if (evicted.length === 0) return;
  const note = evictingNote(max, evicted);
  core.info(note);
  for (const other of evicted) {
    await evict({ ...ctx, prNumber: other, removedWhy: evictedSentence(max, pr) });
  }
  report.notes.push(note);
}
