/**
 * The error for a promotion by commit when no ready revision carries that commit: what does exist (the
 * newest labelled commits and where they came from) and what to run instead. Pure.
 */
import { LABEL } from '../shared/labels.js';
import type { RevisionInfo } from '../cloudrun/run-port.js';

/** The sentence after "allowed:" in the promote_from error, at most `max` commits listed, newest first. */
export function missingReleaseAdvice(service: string, revisions: RevisionInfo[], max = 5): string {
  const seen = new Set<string>();
  const listed: string[] = [];
  const newestFirst = [...revisions]
    .filter((r) => r.ready === true && (r.labels[LABEL.sha] ?? '') !== '')
    .sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0));
  for (const r of newestFirst) {
    const sha = (r.labels[LABEL.sha] ?? '').slice(0, 12);
    if (seen.has(sha)) continue;
    seen.add(sha);
    const pr = r.labels[LABEL.pr];
    const from = pr !== undefined ? `PR #${pr}` : (r.labels[LABEL.kind] ?? 'release');
    if (listed.length < max) listed.push(`sha:${sha} (${from}, ${r.name})`);
  }
  const exists =
    listed.length === 0
      ? `no ready revision of ${service} carries a commit label`
      : `ready revisions of ${service} carry these commits: ${listed.join(', ')}${seen.size > listed.length ? ` and ${seen.size - listed.length} more` : ''}`;
  return (
    `no ready revision of ${service} is labelled with that commit (a merge or squash commit was never previewed, ` +
    `and a closed PR's previews are cleaned up); ${exists}. Promote one of them with promote_from: sha:COMMIT, ` +
    'tag:NAME or digest:sha256:HEX, or preview that commit first'
  );
}
