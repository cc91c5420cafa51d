/**
 * `max_previews`: after a PR's preview passed, the least recently deployed other previews of the service
 * are removed until the cap holds, and both PRs' comments say so. Evicting only after success means a failed
 * deploy never costs another PR its preview.
 */
import type { Config } from '../config/config.js';
import type { EventContext } from '../github/event-context.js';
import { newReport } from '../report/phases.js';
import type { RunReport } from '../report/run-report.js';
import { runCleanup } from './cleanup.js';
import type { ServiceTools } from './service-tools.js';
import { evictedSentence, evictingNote, lastDeployByPr, planEviction } from './sweep-plan.js';
import { reportPreviewRemoved, tagOf } from './sweep.js';

/** Applies the cap for the PR `report` just previewed; a no-op without `max_previews` or on failure. */
export async function enforcePreviewCap(
  config: Config,
  ctx: EventContext,
  report: RunReport,
  ports: ServiceTools,
): Promise<void> {
  const max = config.optIn.maxPreviews;
  const pr = report.prNumber;
  if (max === undefined || pr === undefined || report.result !== 'success') return;
  const service = await ports.cloudRun.getService();
  const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
  const tagged = new Set((service?.traffic ?? []).flatMap((t) => (t.tag === undefined ? [] : [t.tag])));
  // A preview is live while its PR's tag is on the service.
  const live = new Map([...lastDeployByPr(revisions)].filter(([n]) => tagged.has(tagOf(config, n))));
  const evict = planEviction({ live, pr, max });
  if (evict.length === 0) return;
  ports.log.info(evictingNote(max, evict));
  for (const other of evict) {
    const sub = newReport({
      command: 'cleanup',
      service: config.service,
      project: config.projectId,
      region: config.region,
      tag: tagOf(config, other),
      prNumber: other,
    });
    await runCleanup(
      { ...config, cleanup: { ...config.cleanup, dryRun: false } },
      [other],
      (n) => tagOf(config, n),
      sub,
      ports,
    );
    await reportPreviewRemoved([config], ctx, other, evictedSentence(max, pr));
  }
  report.notes.push(evictingNote(max, evict));
}
