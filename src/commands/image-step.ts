import { digestOf } from '../shared/image-ref.js';
import * as core from '@actions/core';
import { buildAndPush, imageTags, ociLabels } from '../build/index.js';
import type { Config } from '../config/config.js';
import type { EventContext } from '../github/index.js';
import { isTaggedImage } from '../cloudrun/naming.js';
import {
  artifactRegistryHost,
  deleteImageTags,
  ensureRepository,
  imageName,
  imageReadAuth,
  resolveTagDigest,
  withDockerLogin,
  type RegistryAuth,
} from '../registry/index.js';
import type { RunReport } from '../report/run-report.js';
import { reviewImage } from './doctor-step.js';

export interface BuiltImage {
  imageRef: string;
  digest: string;
  builder?: string;
  tags: string[];
}

/** Builds with the registry cache and pushes to Artifact Registry, or passes a prebuilt image by digest. */
export class ImageStep {
  private readonly host: string;

  constructor(
    private readonly config: Config,
    private readonly ctx: EventContext,
    private readonly report: RunReport,
  ) {
    this.host = artifactRegistryHost(config.region, config.build.registryHost);
  }

  private name(): string {
    return imageName({
      host: this.host,
      project: this.config.projectId,
      repository: this.config.build.repository,
      image: this.config.build.imageName,
    });
  }

  /** Builds and pushes (or resolves a prebuilt image) and returns the digest reference. */
  async buildAndPush(onPush?: () => void): Promise<BuiltImage> {
    const { config, ctx, report, host } = this;
    const prebuilt = config.build.prebuiltImage;
    if (prebuilt !== undefined && isTaggedImage(prebuilt)) {
      // A tag can move: what is deployed (and later promoted) is the digest it names now.
      const resolved = await resolveTagDigest(prebuilt, await registryAuth(prebuilt));
      const note = `Image ${prebuilt} resolved to ${resolved.digest}; ${resolved.imageRef} was deployed, not the tag.`;
      core.info(note);
      report.notes.push(note);
      await reviewImage(config, report, resolved.imageRef);
      return { imageRef: resolved.imageRef, digest: resolved.digest, tags: [] };
    }
    if (prebuilt !== undefined) {
      // parseConfig refused anything neither pinned by digest nor tagged.
      await reviewImage(config, report, prebuilt);
      return { imageRef: prebuilt, digest: digestOf(prebuilt), tags: [] };
    }
    const image = this.name();
    const repo = ensureRepository({
      project: config.projectId,
      location: config.region,
      repository: config.build.repository,
      log: core.info,
    });
    // Awaited in the Promise.all below; a refusal during the registry login before it is not unhandled.
    repo.catch(() => undefined);
    const built = await withDockerLogin(host, async (env) => {
      // The repository check overlaps the build; the push needs it, so both finish before returning.
      const [result] = await Promise.all([
        buildAndPush({
          context: config.build.context,
          dockerfile: config.build.dockerfile,
          target: config.build.target,
          platform: config.build.platform,
          buildArgs: config.build.buildArgs,
          secrets: config.build.buildSecrets,
          labels: ociLabels({
            sourceUrl: `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}`,
            revision: ctx.headSha,
            created: new Date(),
          }),
          imageName: image,
          tags: imageTags(ctx.prNumber, ctx.headSha),
          cache: config.build.cache,
          builder: config.build.builder,
          ...(onPush === undefined ? {} : { onPush }),
          log: core.info,
          warn: core.warning,
          env,
        }),
        repo,
      ]);
      // Read while the registry login is still there.
      await reviewImage(config, report, result.imageRef, env);
      return result;
    });
    report.phases.push({
      phase: 'build',
      durationMs: built.durationMs.build,
      ok: true,
      detail: built.builder,
    });
    report.phases.push({ phase: 'push', durationMs: built.durationMs.push, ok: true });
    return { imageRef: built.imageRef, digest: built.digest, builder: built.builder, tags: built.tags };
  }

  /** The repository's image pinned to a digest (promotion of a digest no revision runs yet). */
  imageForDigest(digest: string): string {
    const { config } = this;
    const base =
      config.build.prebuiltImage?.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/:[\w][\w.-]{0,127}$/, '') ??
      this.name();
    return `${base}@${digest}`;
  }

  /** Deletes the image tags given, except those whose digest serves traffic. */
  async deleteTags(
    tags: string[],
    protectedDigests: string[],
    dryRun: boolean,
  ): Promise<{ deleted: string[]; kept: string[] }> {
    const { config } = this;
    if (config.build.prebuiltImage !== undefined) return { deleted: [], kept: [] };
    return deleteImageTags({
      project: config.projectId,
      location: config.region,
      repository: config.build.repository,
      image: config.build.imageName,
      tags,
      protectedDigests,
      dryRun,
      log: core.info,
    });
  }
}

/**
 * Read access to a prebuilt image's registry: Artifact Registry (and gcr.io) with the ADC access token the
 * deploy runs as; any other registry (and the emulator's) with the login docker left, else anonymously.
 */
async function registryAuth(imageRef: string): Promise<RegistryAuth> {
  return imageReadAuth(imageRef.slice(0, imageRef.indexOf('/')));
}
