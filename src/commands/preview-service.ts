/**
 * Services that only previews ever used. Cloud Run cannot create a service without a revision serving it,
 * so the first preview of a new service makes its revision serve 100 %. Such a service is marked
 * (CREATED_BY_PREVIEW) until a promotion makes it production; while it is, a failed first preview and the
 * cleanup of its last preview delete it, so a preview never becomes production by accident. Nothing
 * without the mark, and nothing a preview did not deploy, is ever deleted.
 */
import { LABEL, isManaged } from '../shared/labels.js';
import { errorMessage } from '../config/user-error.js';
import { CREATED_BY_PREVIEW } from '../cloudrun/naming.js';
import type { RevisionInfo, ServiceState } from '../cloudrun/run-port.js';
import type { RunReport } from '../report/run-report.js';
import type { ServiceTools } from './service-tools.js';

/** What becomes of a service once a preview's tags are gone. */
export type ServiceFate =
  /** Not made by a preview, or promoted since: never deleted, nothing to say. */
  | { kind: 'not-ours' }
  /** Made by a preview, but something else still uses it. */
  | { kind: 'keep'; reason: string }
  | { kind: 'delete'; createdBy: string };

/** True for a revision a PR preview or a release candidate deployed (the labels previewLabels sets). */
function previewRevision(r: RevisionInfo): boolean {
  return isManaged(r.labels) && (r.labels[LABEL.pr] !== undefined || r.labels[LABEL.kind] === 'candidate');
}

/** Pure: whether the service (as it is now) is one only previews used and nothing holds any more. */
export function serviceFate(svc: ServiceState, revisions: RevisionInfo[]): ServiceFate {
  const createdBy = svc.annotations[CREATED_BY_PREVIEW];
  if (createdBy === undefined) return { kind: 'not-ours' };
  const tags = [...new Set(svc.traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag])))];
  if (tags.length > 0) {
    return {
      kind: 'keep',
      reason: `${tags.length > 1 ? 'tags' : 'tag'} ${tags.join(', ')} still ${tags.length > 1 ? 'use' : 'uses'} it`,
    };
  }
  const foreign = revisions.filter((r) => !previewRevision(r)).map((r) => r.name);
  if (foreign.length > 0) {
    return { kind: 'keep', reason: `revision ${foreign.join(', ')} was not deployed by a preview` };
  }
  return { kind: 'delete', createdBy };
}

/** How to make a service a preview created into a real production service (the creation notice ends so). */
export function creationNotice(service: string, tag: string): string {
  return (
    `Service ${service} did not exist, so this preview created it; Cloud Run makes a new service's first revision ` +
    `serve all its traffic, so ${tag}'s revision serves the service URL until a promotion. Until then the ` +
    `service counts as a preview's: a failed first preview, or the cleanup of its last preview, deletes it. ` +
    `To make it a real production service, promote a checked revision (command: promote) or create the service ` +
    `beforehand (gcloud run deploy, Terraform).`
  );
}

/**
 * Deletes the service when only previews ever used it and none holds it now; says so in the log and the
 * report's notes. `why` completes "deleted because …". Never throws: a service left behind is reported.
 */
export async function deleteIfOnlyPreviews(
  service: string,
  why: string,
  report: RunReport,
  ports: ServiceTools,
): Promise<boolean> {
  try {
    const svc = await ports.cloudRun.getService();
    if (svc === null) return false;
    const fate = serviceFate(svc, await ports.cloudRun.listRevisions({}));
    if (fate.kind === 'not-ours') return false;
    if (fate.kind === 'keep') {
      ports.log.info(`Service ${service} was created by a preview and is kept: ${fate.reason}.`);
      return false;
    }
    await ports.cloudRun.deleteService();
    const note = `Service ${service} was deleted: a preview (${fate.createdBy}) created it, nothing was ever promoted, and ${why}.`;
    report.notes.push(note);
    ports.log.notice(note);
    report.serviceDeleted = true;
    return true;
  } catch (err) {
    const note = `Service ${service} was created by a preview and should have been deleted (${why}), but that failed: ${errorMessage(err)}`;
    report.notes.push(note);
    ports.log.warning(note);
    return false;
  }
}
