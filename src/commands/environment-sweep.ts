/**
 * The scheduled sweep of an environment reports as the environment does: each swept PR's one environment
 * comment (not one per service) says why its preview went, and its `preview/<env>/pr-N` deployment turns
 * inactive.
 */
import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import { errorMessage } from '../config/user-error.js';
import { createReporter } from '../github/index.js';
import type { EventContext } from '../github/event-context.js';
import { newReport } from '../report/phases.js';
import type { EnvironmentReport } from '../report/environment-report.js';
import { CLOSED_SENTENCE, expiredSentence, type SweepEntry } from './sweep-plan.js';
import { tagOf } from './sweep.js';

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
  const first = configs[0];
  if (first === undefined || first.github.token === '') return;
  for (const entry of sweptPullRequests(entries)) {
    const why =
      entry.reason === 'closed' || first.cleanup.staleMs === undefined
        ? CLOSED_SENTENCE
        : expiredSentence(first.cleanup.staleMs);
    const members = configs.map((config) => {
      const report = newReport({
        command: 'cleanup',
        service: config.service,
        project: config.projectId,
        region: config.region,
        tag: tagOf(config, entry.pr),
        prNumber: entry.pr,
      });
      report.state = 'removed';
      report.result = 'removed';
      return { name: config.service, needs: [], stage: 'removed' as const, report };
    });
    const report: EnvironmentReport = {
      name: environment.name,
      command: 'cleanup',
      state: 'removed',
      result: 'removed',
      tag: members[0]?.report.tag,
      prNumber: entry.pr,
      runUrl: ctx.runUrl,
      members,
      notes: [why],
      startedAt: new Date().toISOString(),
    };
    try {
      await createReporter({
        token: first.github.token,
        ctx: { ...ctx, prNumber: entry.pr },
        failOnCommentError: false,
        log: { info: core.info, warning: core.warning, notice: core.notice },
        environment: first.github.environment ?? `preview/${environment.name}/pr-${entry.pr}`,
        comment: first.github.comment,
        primary: environment.primary,
      }).removed(report);
    } catch (err) {
      core.warning(`PR #${entry.pr}: could not update its comment or deployments: ${errorMessage(err)}`);
    }
  }
}
