import { digestOf } from '../shared/image-ref.js';
import { UserError } from '../config/user-error.js';

const REGION = /^[a-z]+(-[a-z]+)*\d*(-[a-z0-9]+)*$/;
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[a-z][a-z0-9.:-]*[a-z0-9]$/;
const REPOSITORY = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** `REGION-docker.pkg.dev`, or the `registry_host` override (e.g. a local registry `127.0.0.1:PORT`). */
export function artifactRegistryHost(region: string, override?: string): string {
  if (override) {
    if (!HOST.test(override))
      throw UserError.forInput('registry_host', override, 'allowed: a host or host:port');
    return override;
  }
  if (!REGION.test(region))
    throw UserError.forInput('region', region, 'allowed: a Google Cloud region like us-central1');
  return `${region}-docker.pkg.dev`;
}

/** `host/project/repository/image` (no tag): Artifact Registry's Docker path layout. */
export function imageName(opts: {
  host: string;
  project: string;
  repository: string;
  image: string;
}): string {
  if (!HOST.test(opts.host))
    throw UserError.forInput('registry_host', opts.host, 'allowed: a host or host:port');
  if (!PROJECT.test(opts.project))
    throw UserError.forInput('project_id', opts.project, 'allowed: a Google Cloud project id');
  if (!REPOSITORY.test(opts.repository)) {
    throw UserError.forInput(
      'repository',
      opts.repository,
      'allowed: lowercase letters, digits and hyphens, starting with a letter',
    );
  }
  if (!IMAGE.test(opts.image)) {
    throw UserError.forInput(
      'image_name',
      opts.image,
      'allowed: lowercase path segments of letters, digits, . _ -',
    );
  }
  // Domain-scoped projects (example.com:proj) appear as example.com/proj in image paths.
  return `${opts.host}/${opts.project.replace(':', '/')}/${opts.repository}/${opts.image}`;
}

/** `projects/P/locations/L/repositories/R`. */
export function repositoryResourceName(project: string, location: string, repository: string): string {
  return `projects/${project}/locations/${location}/repositories/${repository}`;
}

/** The package resource of an image below a repository (`/` in the image path is encoded as %2F). */
export function packageResourceName(repositoryName: string, image: string): string {
  return `${repositoryName}/packages/${image.split('/').join('%2F')}`;
}

/** The last path segment of a resource name (`.../tags/pr-1` -> `pr-1`). */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** `sha256:...` from a digest or a full `image@sha256:...` reference. */
export const normaliseDigest = digestOf;
