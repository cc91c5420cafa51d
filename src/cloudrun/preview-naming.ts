import { createHash } from 'node:crypto';
import { UserError } from '../config/user-error.js';

/** Cloud Run: a traffic tag plus the service name may not exceed 46 characters (the tag URL's first DNS label). */
export const MAX_TAG_AND_SERVICE = 46;
const DNS_1035 = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** Lowercases untrusted text (a branch name) into DNS-label characters: `feat/Login_UI` -> `feat-login-ui`. */
export function sanitiseLabel(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
}

/**
 * The PR's traffic tag from the template (`pr-{number}`, `{branch}`), shortened to fit Cloud Run's
 * tag + service limit by trimming the branch part; a tag that cannot fit fails before anything changes.
 */
export function previewTag(o: {
  template: string;
  prNumber: number;
  branch?: string;
  service: string;
}): string {
  const budget = MAX_TAG_AND_SERVICE - o.service.length;
  const fill = (branch: string): string =>
    o.template
      .replaceAll('{number}', String(o.prNumber))
      .replaceAll('{branch}', branch)
      .replace(/-+/g, '-')
      .replace(/-$/, '');
  const branch = sanitiseLabel(o.branch ?? '');
  let tag = fill(branch);
  if (tag.length > budget && o.template.includes('{branch}')) {
    const over = tag.length - budget;
    tag = fill(branch.slice(0, Math.max(0, branch.length - over)).replace(/-+$/, ''));
  }
  if (!DNS_1035.test(tag)) {
    throw UserError.forInput(
      'tag',
      tag,
      'allowed: a DNS label (lowercase letter first, then letters, digits, hyphens)',
    );
  }
  if (tag.length > budget) {
    throw new UserError(
      `Inputs 'tag' and 'service': tag "${tag}" (${tag.length}) plus service "${o.service}" (${o.service.length}) exceed ` +
        `Cloud Run's ${MAX_TAG_AND_SERVICE}-character limit for tag + service name; allowed: a shorter tag template or service name.`,
      'tag',
    );
  }
  return tag;
}

/** A short stable hash of the settings a revision is deployed with. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * A deterministic revision name for a PR commit and its settings: `<service>-pr<n>-<sha7>-<hash4>`, or
 * `<service>-<hash>` when that would pass Cloud Run's 63-character limit.
 */
export function previewRevisionName(o: {
  service: string;
  prNumber: number;
  sha: string;
  settingsHash: string;
}): string {
  const sha =
    o.sha
      .toLowerCase()
      .replace(/[^0-9a-f]/g, '')
      .slice(0, 7) || 'nosha00';
  const readable = `${o.service}-pr${o.prNumber}-${sha}-${o.settingsHash.slice(0, 4)}`;
  if (readable.length <= 63) return readable;
  const hash = fingerprint([o.prNumber, o.sha, o.settingsHash]);
  return `${o.service}-${hash.slice(0, 63 - o.service.length - 1)}`;
}
