/**
 * `command: preview` with `image_archive` in a privileged `workflow_run` job: the second half of a fork
 * PR's preview. Everything the event and the archive's metadata say is checked through the API first (the
 * finished run, the PR's current head, the maintainer's approval of that exact commit); then skopeo pushes
 * the archive, nothing from it running here, and the normal preview deploys the pushed digest as it
 * deploys a prebuilt `image`.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import { UserError, errorMessage } from '../config/user-error.js';
import type { EventContext } from '../github/event-context.js';
import { createGitHubClient } from '../github/octokit.js';
import { readApproval, recordPending } from '../github/fork-approval.js';
import {
  metadataMismatches,
  metadataPathFor,
  parseArchiveMetadata,
  type ArchiveMetadata,
} from '../build/archive-metadata.js';
import { imageTags } from '../build/index.js';
import { archiveConfigDigest, checkArchiveFile, pushArchive } from '../registry/archive-push.js';
import { artifactRegistryHost, ensureRepository, imageName, withDockerLogin } from '../registry/index.js';

export type ForkPreview =
  /** Approved and pushed: deploy this config (its prebuilt image is the pushed digest) for this PR. */
  | { kind: 'deploy'; config: Config; ctx: EventContext }
  /** Waiting for approval: nothing pushed or deployed. */
  | { kind: 'done' };

/** A fork's code previews only as its own identity and with production's data connections refused. */
export function requireStrictFork(config: Config): void {
  const missing: string[] = [];
  if (config.preview.serviceAccount === undefined) missing.push('preview_service_account is not set');
  if (config.preview.isolation !== 'strict') missing.push(`isolation is "${config.preview.isolation}"`);
  if (missing.length > 0) {
    throw new UserError(
      `Input 'image_archive': a fork's archive previews only with preview_service_account set and isolation: strict (${missing.join(', ')}); allowed: set preview_service_account to a service account with no production access, and isolation: strict.`,
      'image_archive',
    );
  }
}

function readMetadata(archive: string): ArchiveMetadata {
  const path = metadataPathFor(archive);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(
      `Input 'image_archive': no metadata at ${path}; allowed: the archive and the .json file command: build wrote beside it, downloaded together.`,
      'image_archive',
    );
  }
  try {
    return parseArchiveMetadata(text);
  } catch (err) {
    throw new UserError(`Input 'image_archive': ${path}: ${errorMessage(err)}.`, 'image_archive');
  }
}

/** Checks, waits for approval or pushes: the config and event the normal preview then runs with. */
export async function prepareForkPreview(config: Config, ctx: EventContext): Promise<ForkPreview> {
  const archive = resolve(config.build.imageArchive as string);
  if (config.build.prebuiltImage !== undefined) {
    throw new UserError(
      `Input 'image_archive': set either image or image_archive, not both.`,
      'image_archive',
    );
  }
  requireStrictFork(config);
  const run = ctx.workflowRun;
  if (ctx.eventName !== 'workflow_run' || run === undefined) {
    throw new UserError(
      `Input 'image_archive': got an archive on a '${ctx.eventName}' event; allowed: a workflow_run event (the run that built the archive has finished).`,
      'image_archive',
    );
  }
  if (config.github.token === '') {
    throw new UserError(
      `Input 'github_token' is required with image_archive: the run, the PR and its approval are read through the API.`,
      'github_token',
    );
  }
  checkArchiveFile(archive);
  const meta = readMetadata(archive);

  const client = createGitHubClient(config.github.token, ctx.apiUrl, core.warning);
  const repo = ctx.repo;
  // The event says which run finished; the API says what it was.
  const { data: built } = await client.rest.actions.getWorkflowRun({ ...repo, run_id: run.runId });
  const headRepo = built.head_repository?.full_name;
  if (built.event !== 'pull_request' || built.conclusion !== 'success' || built.head_sha !== run.headSha) {
    throw new UserError(
      `Input 'image_archive': run ${run.runId} is a ${built.event} run concluded ${built.conclusion ?? 'not yet'} at ${built.head_sha}; allowed: the successful pull_request run that built the archive.`,
      'image_archive',
    );
  }
  // GitHub lists no PRs on a fork's run; the metadata's number is a claim the PR's head must confirm.
  const prNumber = ctx.prNumber ?? meta.pr;
  const { data: pull } = await client.rest.pulls.get({ ...repo, pull_number: prNumber });
  if (pull.state !== 'open' || pull.head.sha !== built.head_sha || pull.head.repo?.full_name !== headRepo) {
    core.notice(
      `PR #${prNumber} is ${pull.state} with head ${pull.head.sha}; run ${run.runId} built ${built.head_sha}: nothing to preview (a newer push has its own build).`,
    );
    core.setOutput('result', 'skipped');
    return { kind: 'done' };
  }
  const sha = built.head_sha;
  const approval = await readApproval(client, repo, sha);
  if (!approval.approved) {
    core.notice(`PR #${prNumber}: ${approval.why}. Nothing was pushed or deployed.`);
    await recordPending(client, repo, sha, run.runId, ctx.runUrl);
    core.setOutput('result', 'skipped');
    if (process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(`⏸️ PR #${prNumber}: ${approval.why}.`, true).write();
    }
    return { kind: 'done' };
  }
  const configDigest = await archiveConfigDigest(archive);
  const problems = metadataMismatches(meta, {
    pr: prNumber,
    headSha: sha,
    service: config.service,
    configDigest,
    archiveName: basename(archive),
  });
  if (problems.length > 0) {
    throw new UserError(
      `Input 'image_archive': the archive's metadata does not match: ${problems.join('; ')}. Nothing was pushed.`,
      'image_archive',
    );
  }
  core.info(`PR #${prNumber}: commit ${sha.slice(0, 7)} approved by @${approval.by}; pushing its archive.`);
  const host = artifactRegistryHost(config.region, config.build.registryHost);
  const image = imageName({
    host,
    project: config.projectId,
    repository: config.build.repository,
    image: config.build.imageName,
  });
  await ensureRepository({
    project: config.projectId,
    location: config.region,
    repository: config.build.repository,
    log: core.info,
  });
  const digest = await withDockerLogin(host, (env) =>
    pushArchive(archive, image, imageTags(prNumber, sha), env, core.info),
  );
  core.info(`Pushed ${image}@${digest} (image config ${configDigest}).`);
  return {
    kind: 'deploy',
    config: { ...config, build: { ...config.build, prebuiltImage: `${image}@${digest}` } },
    ctx: {
      ...ctx,
      prNumber,
      headSha: sha,
      headRef: pull.head.ref,
      prTitle: pull.title,
      isFork: true,
      ...(pull.base.sha ? { baseSha: pull.base.sha } : {}),
    },
  };
}
