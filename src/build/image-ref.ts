import { UserError } from '../config/user-error.js';
import { parseImageReference } from '../shared/image-ref.js';

/** The tags every preview image gets: `pr-<n>` (when there is a pull request) and `sha-<7 hex>`. */
export function imageTags(prNumber: number | undefined, sha: string): string[] {
  if (!/^[0-9a-f]{7,40}$/i.test(sha)) throw UserError.forInput('sha', sha, 'allowed: a git commit SHA (hex)');
  const tags: string[] = [];
  if (prNumber !== undefined) {
    if (!Number.isSafeInteger(prNumber) || prNumber <= 0) {
      throw UserError.forInput('pr_number', String(prNumber), 'allowed: a positive whole number');
    }
    tags.push(`pr-${prNumber}`);
  }
  tags.push(`sha-${sha.slice(0, 7).toLowerCase()}`);
  return tags;
}

/** OCI annotations (as image labels) that tie an image to its source, commit and build time. */
export function ociLabels(opts: {
  sourceUrl?: string;
  revision: string;
  created: Date;
}): Record<string, string> {
  const labels: Record<string, string> = {};
  if (opts.sourceUrl) labels['org.opencontainers.image.source'] = opts.sourceUrl;
  labels['org.opencontainers.image.revision'] = opts.revision;
  labels['org.opencontainers.image.created'] = opts.created.toISOString();
  return labels;
}

/** The registry host of an image name (`host[:port]/path`). */
export function registryHostOf(imageName: string): string {
  return imageName.split('/')[0] ?? '';
}

/** Loopback registries speak plain HTTP; docker allows 127.0.0.0/8 by default, buildah needs --tls-verify=false. */
export function isLoopbackHost(host: string): boolean {
  return /^(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?$/.test(host);
}

/** Where the layer cache lives: a `:buildcache` tag next to the image, or a repository for buildah. */
export function cacheRefFor(builder: 'buildx' | 'docker' | 'buildah', imageName: string): string {
  // buildah's --cache-to takes a repository and tags each cached layer with its cache key there.
  return builder === 'buildah' ? `${imageName}/buildcache` : `${imageName}:buildcache`;
}

/** The GitHub Actions cache scope of an image: one per image, since images sharing a scope overwrite each other. */
export function ghaScope(imageName: string): string {
  const path = imageName.split('/').slice(1).join('/');
  return (path || imageName).replace(/[^A-Za-z0-9._-]+/g, '-');
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** `host[:port]/path`: a registry host and a repository path, without tag or digest. */
function isImageName(imageName: string): boolean {
  const parsed = parseImageReference(imageName, 'required');
  return parsed !== null && parsed.tag === undefined && parsed.digest === undefined;
}

/** Checks the image name and tags before any build starts, so a bad value fails early and clearly. */
export function validateImage(imageName: string, tags: string[]): void {
  if (!isImageName(imageName)) {
    throw UserError.forInput('image name', imageName, 'allowed: host[:port]/path in lowercase, without tag');
  }
  if (tags.length === 0) throw UserError.forInput('tags', '', 'allowed: at least one tag');
  for (const t of tags) {
    if (!TAG.test(t)) throw UserError.forInput('tags', t, 'allowed: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}');
  }
}

/** The first `sha256:` digest a push printed (docker: `tag: digest: sha256:... size: N`). */
export function digestFromPushOutput(output: string): string | undefined {
  return /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
}
