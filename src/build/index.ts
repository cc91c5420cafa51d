import { UserError } from '../config/user-error.js';
import { chooseBuilder, type BuilderChoice, type ProbeResults } from './builder-choice.js';
import { probeBuilders } from './builder-probe.js';
import { runBuildah, runBuildx, runDocker, type RunContext, type RunOutcome } from './builders.js';
import { cacheRefFor, registryHostOf, validateImage } from './image-ref.js';
import { withSecretFiles } from './secret-files.js';
import { registryAuthFromEnv, resolvePlatformDigest } from '../registry/manifest-resolve.js';

export { imageTags, ociLabels } from './image-ref.js';
export { chooseBuilder, type BuilderChoice, type ProbeResults } from './builder-choice.js';
export { probeBuilders } from './builder-probe.js';

/** One image to build and push. */
export interface BuildRequest {
  /** Called as a separate push starts (docker, buildah), for a progress display. */
  onPush?: () => void;
  context: string;
  dockerfile?: string;
  target?: string;
  platform?: string;
  buildArgs: Record<string, string>;
  /** Secret id -> value; reaches the builder only as a temp file, never a layer. */
  secrets: Record<string, string>;
  labels: Record<string, string>;
  /** host/project/repo/image without tag. */
  imageName: string;
  /** e.g. ['pr-42', 'sha-abc1234']. */
  tags: string[];
  cache: 'registry' | 'gha' | 'none';
  builder: 'auto' | 'buildx' | 'docker' | 'buildah';
  log: (s: string) => void;
  warn: (s: string) => void;
  /** Environment for the builder commands (e.g. the DOCKER_CONFIG from withDockerLogin); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides the cache location (default: `<image>:buildcache`, or `<image>/buildcache` for buildah). */
  cacheRef?: string;
  /** Probe results to choose from instead of probing (tests, or a caller that already probed). */
  probes?: ProbeResults;
}

/** A pushed image: deploy `imageRef`, never a tag. */
export interface BuildResult {
  builder: 'buildx' | 'docker' | 'buildah';
  /** imageName@sha256:... of the single-platform image Cloud Run runs (an index's child for the platform). */
  imageRef: string;
  digest: string;
  /** Set when the push left an image index (e.g. buildx with attestations): its digest, which the tags name. */
  indexDigest?: string;
  tags: string[];
  cacheRef?: string;
  durationMs: { build: number; push: number };
}

/** Picks a builder that works here, builds with the registry layer cache, pushes every tag and returns the digest. */
export async function buildAndPush(req: BuildRequest): Promise<BuildResult> {
  validateImage(req.imageName, req.tags);
  const env = req.env ?? process.env;
  const choice = chooseBuilder(req.builder, req.probes ?? (await probeBuilders(env)));
  req.log(choice.reason);
  let cache = req.cache;
  if (cache === 'gha' && choice.builder !== 'buildx') {
    req.warn(`cache: gha needs buildx; ${choice.builder} uses the registry cache instead`);
    cache = 'registry';
  }
  if (Object.keys(req.secrets).length > 0 && choice.builder === 'docker' && !choice.buildkit) {
    throw new UserError(
      `Input 'build_secrets': the legacy docker builder cannot pass build secrets without baking them into a layer; allowed: use builder buildx, docker with BuildKit, or buildah.`,
      'build_secrets',
    );
  }
  const cacheRef =
    cache === 'none' ? undefined : (req.cacheRef ?? cacheRefFor(choice.builder, req.imageName));
  const outcome = await withSecretFiles(
    req.secrets,
    (secretFiles) =>
      run(choice, {
        input: {
          context: req.context,
          dockerfile: req.dockerfile,
          target: req.target,
          platform: req.platform,
          buildArgs: req.buildArgs,
          secretFiles,
          labels: req.labels,
          refs: req.tags.map((t) => `${req.imageName}:${t}`),
        },
        imageName: req.imageName,
        cacheRef: cache === 'gha' ? undefined : cacheRef,
        cache,
        env,
        log: req.log,
        warn: req.warn,
        ...(req.onPush === undefined ? {} : { onPush: req.onPush }),
      }),
    env,
  );
  req.log(`pushed ${req.imageName}@${outcome.digest} as ${req.tags.join(', ')}`);
  // Cloud Run runs one platform image; deploying and reporting an index digest would name something else.
  const image = await resolvePlatformDigest(
    `${req.imageName}@${outcome.digest}`,
    req.platform,
    await registryAuthFromEnv(registryHostOf(req.imageName), env),
  );
  if (image.indexDigest) {
    req.log(`${outcome.digest} is an image index; deploying its ${image.platform} image ${image.digest}`);
  }
  return {
    builder: choice.builder,
    imageRef: image.imageRef,
    digest: image.digest,
    ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
    tags: [...req.tags],
    ...(cache === 'gha' || !cacheRef ? {} : { cacheRef }),
    durationMs: { build: outcome.buildMs, push: outcome.pushMs },
  };
}

function run(choice: BuilderChoice, ctx: RunContext): Promise<RunOutcome> {
  switch (choice.builder) {
    case 'buildx':
      return runBuildx(ctx, choice.dockerBinary ?? 'docker', choice.cacheExport ?? 'inline');
    case 'docker':
      return runDocker(ctx, choice.dockerBinary ?? 'docker', choice.buildkit === true);
    case 'buildah':
      return runBuildah(ctx, ctx.env.GCP_DEPLOY_BUILDAH ?? 'buildah');
  }
}
