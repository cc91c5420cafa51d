/**
 * Pushes a fork's OCI archive to Artifact Registry from the privileged workflow_run job without running
 * anything the fork made: skopeo reads the archive as data (an OCI image layout in a tar) and copies its
 * blobs to the registry. skopeo rather than our own registry client: GitHub's Ubuntu runners ship it, it
 * speaks the same auth file the buildah path writes, and it checks every blob's digest as it copies.
 */
import { closeSync, lstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../config/user-error.js';
import { runCommand } from '../build/exec.js';
import { isLoopbackHost, registryHostOf } from '../build/image-ref.js';
import { tempRoot } from '../build/secret-files.js';
import { MAX_ARCHIVE_BYTES } from '../build/archive-metadata.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

function skopeo(env: NodeJS.ProcessEnv): string {
  return env.GCP_DEPLOY_SKOPEO ?? 'skopeo';
}

function archiveError(path: string, why: string): UserError {
  return new UserError(
    `Input 'image_archive': ${path} ${why}; allowed: the OCI archive command: build wrote (an OCI image layout tar of at most ${MAX_ARCHIVE_BYTES / 1024 ** 3} GiB).`,
    'image_archive',
  );
}

/** A regular file, not too big, with a tar header: checked before skopeo opens it. */
export function checkArchiveFile(path: string, maxBytes = MAX_ARCHIVE_BYTES): number {
  let size: number;
  try {
    const st = lstatSync(path);
    if (!st.isFile()) throw archiveError(path, 'is not a regular file');
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw archiveError(path, 'cannot be read');
  }
  if (size > maxBytes) throw archiveError(path, `is ${size} bytes, more than ${maxBytes}`);
  const header = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  // POSIX and GNU tar headers both carry "ustar" at offset 257.
  if (header.subarray(257, 262).toString('latin1') !== 'ustar')
    throw archiveError(path, 'is not a tar archive');
  return size;
}

/** The image config digest the archive's single manifest names, read by skopeo without running anything. */
export async function archiveConfigDigest(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  let raw: string;
  try {
    raw = (await runCommand(skopeo(env), ['inspect', '--raw', `oci-archive:${path}`], { env })).stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(
        `Input 'image_archive': pushing an archive needs skopeo on the runner (GitHub's Ubuntu runners have it; elsewhere apt-get install skopeo).`,
        'image_archive',
      );
    }
    throw archiveError(path, 'is not an OCI image layout skopeo can read');
  }
  let manifest: { mediaType?: unknown; config?: { digest?: unknown } };
  try {
    manifest = JSON.parse(raw) as typeof manifest;
  } catch {
    throw archiveError(path, 'holds a manifest that is not JSON');
  }
  const digest = manifest.config?.digest;
  if (
    (manifest.mediaType !== OCI_MANIFEST && manifest.mediaType !== DOCKER_MANIFEST) ||
    typeof digest !== 'string' ||
    !/^sha256:[0-9a-f]{64}$/.test(digest)
  ) {
    throw archiveError(path, 'does not hold one single-platform image manifest');
  }
  return digest;
}

/**
 * Copies the archive to `imageName:tag` for every tag (in an environment logged in to the registry) and
 * returns the manifest digest the registry stored.
 */
export async function pushArchive(
  path: string,
  image: string,
  tags: string[],
  env: NodeJS.ProcessEnv,
  log: (s: string) => void,
): Promise<string> {
  const tls = !isLoopbackHost(registryHostOf(image));
  const dir = mkdtempSync(join(tempRoot(env), 'gcpd-skopeo-'));
  try {
    let first: string | undefined;
    for (const [n, tag] of tags.entries()) {
      const file = join(dir, `digest-${n}`);
      const args = ['copy', '--digestfile', file, ...(tls ? [] : ['--dest-tls-verify=false'])];
      args.push(`oci-archive:${path}`, `docker://${image}:${tag}`);
      log(`$ skopeo ${args.join(' ')}`);
      await runCommand(skopeo(env), args, { env, onLine: log });
      const digest = readFileSync(file, 'utf8').trim();
      first ??= digest;
    }
    if (!first?.startsWith('sha256:')) throw new Error(`skopeo copy wrote no digest (${first ?? 'nothing'})`);
    return first;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
