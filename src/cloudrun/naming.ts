/**
 * Cloud Run naming rules, pure: the PR's traffic tag (from untrusted branch text), deterministic revision
 * names, and the limits Cloud Run enforces, checked here so a bad name fails before anything changes.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../config/user-error.js';
import { parseImageReference } from '../shared/image-ref.js';

/** Cloud Run: "Combined traffic tag and service name cannot exceed 46 characters" (the tag URL's first label). */
export const MAX_TAG_AND_SERVICE = 46;
/** Cloud Run service names: at most 49 characters. */
export const MAX_SERVICE_NAME = 49;
/** Revision names are DNS labels: at most 63 characters. */
export const MAX_REVISION_NAME = 63;
/** The tag template used when the user gives none. */
export const DEFAULT_TAG_TEMPLATE = 'pr-{number}';

const DNS_1035 = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** True for a DNS-1035 label: lowercase letter first, then [a-z0-9-], no trailing '-', at most `max` long. */
export function isDns1035Label(text: string, max = 63): boolean {
  return text.length <= max && DNS_1035.test(text);
}

/** Checks a Cloud Run service name and returns it; a bad one is a UserError on input `service`. */
export function validateServiceName(service: string): string {
  if (!isDns1035Label(service, MAX_SERVICE_NAME)) {
    throw UserError.forInput(
      'service',
      service,
      `allowed: lowercase letters, digits and hyphens, starting with a letter, not ending with '-', at most ${MAX_SERVICE_NAME} characters`,
    );
  }
  return service;
}

/** Checks a traffic tag on its own and against the service name (the 46-character rule). */
export function validateTag(tag: string, service: string): string {
  if (!isDns1035Label(tag)) {
    throw UserError.forInput(
      'tag',
      tag,
      "allowed: a DNS-1035 label (lowercase letter first, then lowercase letters, digits and hyphens, not ending with '-')",
    );
  }
  if (tag.length + service.length > MAX_TAG_AND_SERVICE) throw tooLong(tag, service);
  return tag;
}

function tooLong(tag: string, service: string): UserError {
  return new UserError(
    `Inputs 'tag' and 'service': tag ${JSON.stringify(tag)} (${tag.length} characters) plus service ` +
      `${JSON.stringify(service)} (${service.length}) make ${service.length + tag.length}; allowed: at most ` +
      `${MAX_TAG_AND_SERVICE} together (Cloud Run's limit for tag + service name), so use a shorter service name or tag template.`,
    'tag',
  );
}

/**
 * Turns untrusted text (a branch name) into DNS-label characters, possibly empty: accents are folded,
 * anything else outside [a-z0-9] becomes one '-', and leading non-letters and trailing '-' are dropped.
 * `feat/../../<script>` -> `feat-script`.
 */
export function sanitiseLabel(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
}

/** Inputs of `prTag`. */
export interface PrTagInput {
  prNumber: number;
  service: string;
  /** Template with `{number}` (required, so two PRs never share a tag) and optionally `{branch}`. */
  template?: string;
  /** The head branch: untrusted text. */
  branch?: string;
}

/**
 * The PR's traffic tag: `pr-<n>` by default, or the user's template. When `{branch}` makes it too long for
 * the service, the branch part is truncated (deterministically); when nothing can make it fit, a UserError
 * names `service` and `tag` before anything changes.
 */
export function prTag(input: PrTagInput): string {
  const template = input.template ?? DEFAULT_TAG_TEMPLATE;
  if (!Number.isSafeInteger(input.prNumber) || input.prNumber <= 0) {
    throw UserError.forInput('pr_number', String(input.prNumber), 'allowed: a positive whole number');
  }
  if (!template.includes('{number}')) {
    // Without the number, two pull requests (say, same branch name from two forks) would move each other's tag.
    throw UserError.forInput('tag', template, 'allowed: a template containing {number}, such as pr-{number}');
  }
  const budget = MAX_TAG_AND_SERVICE - input.service.length;
  const render = (branch: string): string =>
    template
      .replaceAll('{number}', String(input.prNumber))
      .replaceAll('{branch}', branch)
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '');
  const branch = sanitiseLabel(input.branch ?? '');
  let tag = render(branch);
  if (tag.length > budget && template.includes('{branch}')) {
    const fixedLength = render('').length;
    const room = Math.max(0, budget - fixedLength - 1);
    tag = render(branch.slice(0, room).replace(/-+$/, ''));
    // Joining pieces can still overshoot by the separator a truncated branch no longer needs.
    if (tag.length > budget) tag = render('');
  }
  return validateTag(tag, input.service);
}

/** Serialises with sorted object keys, so equal settings hash equal whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** True when an image reference is pinned by digest (`name@sha256:<64 hex>`), so it cannot move. */
export function isPinnedByDigest(ref: string): boolean {
  return parseImageReference(ref)?.digest !== undefined;
}

/** `ref` when it is pinned by digest; otherwise the input error for `image`. */
export function requirePinnedImage(ref: string): string {
  if (isPinnedByDigest(ref)) return ref;
  throw UserError.forInput(
    'image',
    ref,
    'allowed: an image pinned by digest, such as host/path/app@sha256:<64 hex>',
  );
}

/** True when an image reference names a registry host and a tag (`host/path/app:tag`) but no digest. */
export function isTaggedImage(ref: string): boolean {
  const parsed = parseImageReference(ref, 'required');
  return parsed?.tag !== undefined && parsed.digest === undefined;
}

/**
 * The `image` input: pinned by digest, or a tag the run resolves to its digest before deploying (the tag
 * itself never reaches Cloud Run, so what was checked is what a promotion ships).
 */
export function requireImageReference(ref: string): string {
  if (isPinnedByDigest(ref) || isTaggedImage(ref)) return ref;
  throw UserError.forInput(
    'image',
    ref,
    'allowed: an image pinned by digest (host/path/app@sha256:<64 hex>) or by tag (host/path/app:tag), whose digest is resolved and deployed',
  );
}

/** A short, stable hex hash of a revision template's settings (changes when any setting changes). */
export function configHash(settings: unknown, length = 6): string {
  return createHash('sha256').update(canonicalJson(settings)).digest('hex').slice(0, length);
}

/** Inputs of `revisionName`. */
export interface RevisionNameInput {
  service: string;
  prNumber: number;
  /** The commit SHA (hex, at least 7 characters). */
  sha: string;
  /** `configHash` of the revision template. */
  configHash: string;
}

/**
 * A deterministic revision name `<service>-pr<n>-<sha7>-<config>`: a re-run of the same commit with the same
 * settings maps to the same name (idempotent), a settings change gets a new one. When that passes 63
 * characters, the suffix becomes a hash of the same three parts, cut to fit.
 */
export function revisionName(input: RevisionNameInput): string {
  validateServiceName(input.service);
  const sha = input.sha.toLowerCase();
  if (!/^[0-9a-f]{7,64}$/.test(sha)) {
    throw UserError.forInput('sha', input.sha, 'allowed: a commit SHA of 7 to 64 hexadecimal characters');
  }
  const config = input.configHash.toLowerCase().replace(/[^0-9a-z]/g, '');
  const readable = `${input.service}-pr${input.prNumber}-${sha.slice(0, 7)}-${config.slice(0, 6)}`;
  if (readable.length <= MAX_REVISION_NAME && isDns1035Label(readable)) return readable;
  // A 49-character service leaves 13 characters: still 52 bits of hash, enough for one service's revisions.
  const room = MAX_REVISION_NAME - input.service.length - 1;
  const digest = createHash('sha256').update(`${input.prNumber}\n${sha}\n${config}`).digest('hex');
  return `${input.service}-${digest.slice(0, room)}`;
}

/**
 * A release revision's name, `<service>-rel-<hash>`: the hash covers the whole merged template (image
 * included), so promoting the same checked digest onto the same production settings reuses one revision.
 */
export function releaseRevisionName(service: string, template: unknown): string {
  validateServiceName(service);
  const room = Math.min(12, MAX_REVISION_NAME - service.length - 5);
  return `${service}-rel-${configHash(template, 64).slice(0, room)}`;
}

/**
 * The service annotation naming the revision that last passed its checks under `tag`: where a failed or
 * cancelled run returns the tag, even when an earlier run died before it could check what it deployed.
 */
export function passedAnnotation(tag: string): string {
  return `gcp-deploy.passed/${tag}`;
}

/**
 * The service annotation naming the revision that last failed its checks under `tag`, and the run that
 * checked it (`<revision> <run url>`): a release of that commit stops at once instead of promoting it.
 */
export function failedAnnotation(tag: string): string {
  return `gcp-deploy.failed/${tag}`;
}

/**
 * The service annotation a preview sets when it creates the service (its value: the creating tag). It marks
 * a service only previews ever used: a promotion removes it, and only a service still carrying it may be
 * deleted by a failed first preview or the cleanup of its last preview.
 */
export const CREATED_BY_PREVIEW = 'gcp-deploy.created-by-preview';
