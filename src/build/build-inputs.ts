/**
 * A digest of everything a build reads: the context's files (paths, modes and bytes), the Dockerfile, the
 * build arguments, target and platform. Two builds with the same digest make the same image, so an
 * environment's unchanged service reuses its image instead of building again. Conservative by design: a
 * file the .dockerignore drops still counts, so a change there rebuilds, never the other way round.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, lstatSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';

function walk(dir: string, rel: string, hash: ReturnType<typeof createHash>): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (rel === '' && e.name === '.git') continue;
    const path = join(dir, e.name);
    const name = rel === '' ? e.name : `${rel}/${e.name}`;
    const st = lstatSync(path);
    if (st.isDirectory()) {
      hash.update(`d ${name}\0`);
      walk(path, name, hash);
    } else if (st.isSymbolicLink()) {
      hash.update(`l ${name} ${readlinkSync(path)}\0`);
    } else if (st.isFile()) {
      hash.update(`f ${name} ${(st.mode & 0o111) !== 0 ? 'x' : '-'} ${st.size}\0`);
      hash.update(readFileSync(path));
    }
  }
}

/** 16 hex digits: short enough for a revision label, long enough that a collision is not a concern. */
export function buildInputsDigest(build: Config['build']): string {
  const hash = createHash('sha256');
  if (build.prebuiltImage !== undefined) {
    hash.update(`image ${build.prebuiltImage}`);
    return hash.digest('hex').slice(0, 16);
  }
  const context = resolve(build.context);
  walk(context, '', hash);
  // As checkBuildContext reads it: a `dockerfile` input is relative to the workspace, not the context.
  const dockerfile = build.dockerfile === undefined ? join(context, 'Dockerfile') : resolve(build.dockerfile);
  hash.update('\0dockerfile\0');
  hash.update(readFileSync(dockerfile));
  hash.update(
    JSON.stringify({
      target: build.target ?? null,
      platform: build.platform ?? null,
      args: Object.entries(build.buildArgs).sort(),
      secrets: Object.keys(build.buildSecrets).sort(),
    }),
  );
  return hash.digest('hex').slice(0, 16);
}
