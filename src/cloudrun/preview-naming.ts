/** The older names kept for existing callers; the rules live in naming.ts. */
import { createHash } from 'node:crypto';
import { canonicalJson, prTag, revisionName } from './naming.js';

export { MAX_TAG_AND_SERVICE, sanitiseLabel } from './naming.js';

/** The PR's traffic tag from the template (`pr-{number}`, `{branch}`): see `prTag`. */
export function previewTag(o: {
  template: string;
  prNumber: number;
  branch?: string;
  service: string;
}): string {
  return prTag({
    template: o.template,
    prNumber: o.prNumber,
    service: o.service,
    ...(o.branch !== undefined ? { branch: o.branch } : {}),
  });
}

/** A stable hex hash of the settings a revision is deployed with (key order does not matter). */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** A deterministic revision name for a PR commit and its settings: see `revisionName`. */
export function previewRevisionName(o: {
  service: string;
  prNumber: number;
  sha: string;
  settingsHash: string;
}): string {
  return revisionName({ service: o.service, prNumber: o.prNumber, sha: o.sha, configHash: o.settingsHash });
}
