/**
 * `command: build`: the unprivileged half of a fork PR's preview. In the `pull_request` job, which GitHub
 * runs without secrets for forks, it builds the PR's head into an OCI archive (an OCI image layout tar) and
 * writes its metadata beside it, for the workflow to upload as an artifact. Nothing is pushed, deployed or
 * posted, and no credential is needed or read: where one is present the step refuses, because a job that
 * can reach Google Cloud or mint an OIDC token must not run a fork's Dockerfile.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { checkBuildContext, type Config } from '../config/config.js';
import { UserError } from '../config/user-error.js';
import type { EventContext } from '../github/event-context.js';
import { buildahBuildArgs, dockerBuildArgs } from '../build/build-args.js';
import { buildInputsDigest } from '../build/build-inputs.js';
import { chooseBuilder } from '../build/builder-choice.js';
import { probeBuilders } from '../build/builder-probe.js';
import { runCommand } from '../build/exec.js';
import { ociLabels } from '../build/image-ref.js';
import { tempRoot, withSecretFiles } from '../build/secret-files.js';
import { builtCommit } from '../build/source-commit.js';
import { LABEL } from '../shared/labels.js';
import { METADATA_VERSION, metadataPathFor, type ArchiveMetadata } from '../build/archive-metadata.js';

/** Variables that give a job Google Cloud access or an OIDC token it could trade for it. */
export const CREDENTIAL_VARIABLES = [
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GOOGLE_GHA_CREDS_PATH',
  'CLOUDSDK_AUTH_ACCESS_TOKEN',
  'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE',
  'GCP_DEPLOY_EMULATOR_HOST',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
] as const;

/** The credential variables set in `env`, by name (never their values). */
export function credentialsPresent(env: NodeJS.ProcessEnv): string[] {
  return CREDENTIAL_VARIABLES.filter((name) => (env[name] ?? '') !== '');
}

/** The builders' environment: the runner's, less every token the fork's build has no business seeing. */
function builderEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of Object.keys(out)) {
    if (/TOKEN|SECRET|PASSWORD|CREDENTIALS/i.test(name) || name.startsWith('INPUT_')) delete out[name];
  }
  return out;
}

export interface BuiltArchive {
  archive: string;
  metadataPath: string;
  metadata: ArchiveMetadata;
}

/** Builds the PR's head into `config.build.imageArchive` and writes its metadata beside it. */
export async function runBuildArchive(
  config: Config,
  ctx: EventContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuiltArchive> {
  const present = credentialsPresent(env);
  if (present.length > 0) {
    throw new UserError(
      `Input 'command': got "build", but this job has credentials (${present.join(', ')}); allowed: run command: build only in the unprivileged pull_request job, without google-github-actions/auth and without id-token: write. A fork's code must never be built where credentials are.`,
      'command',
    );
  }
  const target = config.build.imageArchive;
  if (target === undefined) {
    throw new UserError(
      `Input 'image_archive' is required with command: build: the path to write the OCI archive to (such as preview/image.tar).`,
      'image_archive',
    );
  }
  if (ctx.prNumber === undefined) {
    throw new UserError(
      `Input 'command': got "build", but the event '${ctx.eventName}' carries no pull request; allowed: run build on pull_request events.`,
      'command',
    );
  }
  checkBuildContext(config.build);
  const archive = resolve(target);
  mkdirSync(dirname(archive), { recursive: true });
  const headSha = builtCommit(config.build.context, ctx.headSha);
  const buildInputs = buildInputsDigest(config.build);
  const benv = builderEnv(env);
  const choice = chooseBuilder(config.build.builder, await probeBuilders(benv));
  core.info(choice.reason);
  if (config.build.cache !== 'none') {
    core.info('No layer cache: the registry cache needs credentials this job must not have.');
  }
  // A local name only: nothing leaves this machine except the archive.
  const ref = `localhost/gcp-deploy-build/${config.service}:${headSha.slice(0, 12)}`;
  const labels = {
    ...ociLabels({ revision: headSha, created: new Date() }),
    [LABEL.inputs]: buildInputs,
  };
  const configDigest = await withSecretFiles(
    config.build.buildSecrets,
    async (secretFiles) => {
      const input = {
        context: config.build.context,
        dockerfile: config.build.dockerfile,
        target: config.build.target,
        platform: config.build.platform,
        buildArgs: config.build.buildArgs,
        secretFiles,
        labels,
        refs: [ref],
      };
      if (choice.builder === 'buildah') {
        const buildah = benv.GCP_DEPLOY_BUILDAH ?? 'buildah';
        const opts = { env: benv, onLine: core.info };
        await runCommand(buildah, buildahBuildArgs(input, { cacheTo: false, tlsVerify: true }), opts);
        rmSync(archive, { force: true });
        await runCommand(buildah, ['push', ref, `oci-archive:${archive}`], opts);
        const id = await runCommand(buildah, ['images', '--no-trunc', '--format', '{{.ID}}', ref], opts);
        return normaliseDigest(id.stdout);
      }
      const docker = choice.dockerBinary ?? 'docker';
      const { args, env: buildEnv } = dockerBuildArgs(input, { buildkit: choice.buildkit !== false });
      await runCommand(docker, args, { env: { ...benv, ...buildEnv }, onLine: core.info });
      const id = await runCommand(docker, ['image', 'inspect', '--format', '{{.Id}}', ref], { env: benv });
      await runCommand(docker, ['save', '--output', archive, ref], { env: benv });
      await requireOciLayout(archive, docker);
      return normaliseDigest(id.stdout);
    },
    env,
  );
  const metadata: ArchiveMetadata = {
    version: METADATA_VERSION,
    pr: ctx.prNumber,
    head_sha: headSha,
    service: config.service,
    build_inputs: buildInputs,
    config_digest: configDigest,
    archive: basename(archive),
  };
  const metadataPath = metadataPathFor(archive);
  writeFileSync(metadataPath, `${JSON.stringify(metadata, null, 2)}\n`);
  core.info(
    `Wrote ${archive} (image config ${configDigest}) and ${metadataPath} for PR #${ctx.prNumber} at ${headSha}.`,
  );
  core.setOutput('image_archive', archive);
  core.setOutput('result', 'built');
  return { archive, metadataPath, metadata };
}

function normaliseDigest(out: string): string {
  const id = out.trim().split('\n')[0] ?? '';
  const digest = id.startsWith('sha256:') ? id : `sha256:${id}`;
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`the builder reported no image ID (${id})`);
  return digest;
}

/** `docker save` writes an OCI layout only from Docker 25 on; older engines write a format we do not push. */
async function requireOciLayout(archive: string, docker: string): Promise<void> {
  const dir = mkdtempSync(join(tempRoot(), 'gcpd-archive-'));
  try {
    const list = await runCommand('tar', ['-tf', archive], { cwd: dir });
    const names = list.stdout.split('\n').map((l) => l.replace(/^\.\//, ''));
    if (!names.includes('oci-layout') || !names.includes('index.json')) {
      throw new UserError(
        `Input 'builder': ${docker} save wrote no OCI image layout (Docker 25 or later does); allowed: builder: buildah, or a newer Docker engine.`,
        'builder',
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
