/** What every builder's command line is made from. */
export interface BuildArgsInput {
  context: string;
  dockerfile?: string;
  target?: string;
  platform?: string;
  buildArgs: Record<string, string>;
  /** Secret id -> path of a 0600 temp file holding its value (values never reach a command line). */
  secretFiles: Record<string, string>;
  labels: Record<string, string>;
  /** Full image references to tag (`host/path:tag`). */
  refs: string[];
}

function common(i: BuildArgsInput, opts: { secrets: boolean }): string[] {
  const args: string[] = [];
  if (i.dockerfile) args.push('--file', i.dockerfile);
  if (i.target) args.push('--target', i.target);
  if (i.platform) args.push('--platform', i.platform);
  for (const [k, v] of Object.entries(i.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  if (opts.secrets)
    for (const [id, src] of Object.entries(i.secretFiles)) args.push('--secret', `id=${id},src=${src}`);
  for (const [k, v] of Object.entries(i.labels)) args.push('--label', `${k}=${v}`);
  for (const r of i.refs) args.push('--tag', r);
  return args;
}

/** Cache settings for buildx. */
export interface BuildxCache {
  cache: 'registry' | 'gha' | 'none';
  /** `registry` needs a driver that can export it (docker-container); the `docker` driver only inlines. */
  cacheExport: 'registry' | 'inline';
  cacheRef: string;
  ghaScope: string;
  /** Plain-HTTP registry (loopback): BuildKit must be told, it does not assume it. */
  insecure: boolean;
}

/** `docker buildx build ... --push`: the digest comes back through the metadata file. */
export function buildxArgs(i: BuildArgsInput, c: BuildxCache, metadataFile: string): string[] {
  const args = ['buildx', 'build', ...common(i, { secrets: true })];
  const insecure = c.insecure ? ',registry.insecure=true' : '';
  if (c.cache === 'registry') {
    args.push('--cache-from', `type=registry,ref=${c.cacheRef}${insecure}`);
    if (c.cacheExport === 'registry') {
      // mode=max caches every stage of a multi-stage build; ignore-error keeps a cache failure from failing the build.
      args.push('--cache-to', `type=registry,ref=${c.cacheRef},mode=max,ignore-error=true${insecure}`);
    } else {
      args.push('--cache-to', 'type=inline');
    }
  } else if (c.cache === 'gha') {
    args.push('--cache-from', `type=gha,scope=${c.ghaScope}`);
    args.push('--cache-to', `type=gha,scope=${c.ghaScope},mode=max,ignore-error=true`);
  }
  // Provenance attestations would turn the result into an index; a plain manifest keeps the digest simple.
  args.push('--provenance=false', '--output', `type=image,push=true${insecure}`);
  args.push('--metadata-file', metadataFile, i.context);
  return args;
}

/** `docker build` with BuildKit (inline cache) or the legacy builder; returns the env it needs too. */
export function dockerBuildArgs(
  i: BuildArgsInput,
  opts: { buildkit: boolean; cacheFrom?: string },
): { args: string[]; env: Record<string, string> } {
  // The legacy builder has no --secret; the caller refuses secrets before getting here.
  const args = ['build', ...common(i, { secrets: opts.buildkit })];
  if (opts.cacheFrom) {
    // Inline cache metadata lets the next BuildKit build reuse layers straight from the registry.
    if (opts.buildkit) args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    args.push('--cache-from', opts.cacheFrom);
  }
  args.push(i.context);
  return { args, env: { DOCKER_BUILDKIT: opts.buildkit ? '1' : '0' } };
}

/** `docker push <ref>`. */
export function dockerPushArgs(ref: string): string[] {
  return ['push', ref];
}

/** `buildah build --layers`, with the registry as layer cache when `cacheRepo` is given. */
export function buildahBuildArgs(
  i: BuildArgsInput,
  opts: { cacheRepo?: string; cacheTo: boolean; tlsVerify: boolean },
): string[] {
  const args = ['build', '--layers', ...common(i, { secrets: true })];
  if (opts.cacheRepo) {
    args.push('--cache-from', opts.cacheRepo);
    if (opts.cacheTo) args.push('--cache-to', opts.cacheRepo);
  }
  if (!opts.tlsVerify) args.push('--tls-verify=false');
  args.push(i.context);
  return args;
}

/** `buildah push` of a local image to the same reference, writing the pushed digest to a file. */
export function buildahPushArgs(ref: string, digestFile: string, tlsVerify: boolean): string[] {
  const args = ['push', '--digestfile', digestFile];
  if (!tlsVerify) args.push('--tls-verify=false');
  args.push(ref, `docker://${ref}`);
  return args;
}
