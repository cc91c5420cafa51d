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
import type { BuiltImage, ImagePort } from './ports.js';
import { reviewImage } from './doctor-step.js';

/** Builds with the registry cache and pushes to Artifact Registry, or passes a prebuilt image by digest. */
export function createImagePort(config: Config, ctx: EventContext, report: RunReport): ImagePort {
  const host = artifactRegistryHost(config.region, config.build.registryHost);
  const name = (): string =>
    imageName({
      host,
      project: config.projectId,
      repository: config.build.repository,
      image: config.build.imageName,
    });
  return {
    async buildAndPush(onPush?: () => void): Promise<BuiltImage> {
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
      const image = name();
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
    },
    imageForDigest(digest: string): string {
      const base =
        config.build.prebuiltImage?.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/:[\w][\w.-]{0,127}$/, '') ??
        name();
      return `${base}@${digest}`;
    },
    async deleteTags(tags, protectedDigests, dryRun): Promise<{ deleted: string[]; kept: string[] }> {
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
    },
  };
}

/**
 * Read access to a prebuilt image's registry: Artifact Registry (and gcr.io) with the ADC access token the
 * deploy runs as; any other registry (and the emulator's) with the login docker left, else anonymously.
 */
async function registryAuth(imageRef: string): Promise<RegistryAuth> {
  return imageReadAuth(imageRef.slice(0, imageRef.indexOf('/')));
}
