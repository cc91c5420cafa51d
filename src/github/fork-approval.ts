/**
 * The GitHub calls of fork approval (approval-rule.ts): record a maintainer's approval of a PR's head
 * commit, read it back for the workflow_run job (which marks a waiting head pending), and re-run the
 * waiting build so that its completion starts the workflow_run job again, now approved.
 */
import type { GitHubClient } from './octokit.js';
import type { Repo } from './comment-replies.js';
import {
  APPROVAL_CONTEXT,
  approvalDescription,
  approvalOf,
  pendingBuildRun,
  pendingDescription,
  type Approval,
  type StatusRecord,
} from './approval-rule.js';

export async function recordApproval(
  client: GitHubClient,
  r: Repo,
  sha: string,
  login: string,
  how: '/preview' | 'label',
  targetUrl: string,
): Promise<void> {
  await client.rest.repos.createCommitStatus({
    ...r,
    sha,
    state: 'success',
    context: APPROVAL_CONTEXT,
    description: approvalDescription(login, how),
    target_url: targetUrl,
  });
}

async function listStatuses(client: GitHubClient, r: Repo, sha: string): Promise<StatusRecord[]> {
  const statuses = await client.paginate(client.rest.repos.listCommitStatusesForRef, {
    ...r,
    ref: sha,
    per_page: 100,
  });
  return statuses.map((s) => ({
    context: s.context,
    state: s.state,
    description: s.description,
    created_at: s.created_at,
  }));
}

/** Reads the approval of `sha` from its commit statuses, through the API (never from the event). */
export async function readApproval(client: GitHubClient, r: Repo, sha: string): Promise<Approval> {
  return approvalOf(await listStatuses(client, r, sha), sha);
}

/** Marks `sha` as waiting for approval, naming the build run to re-run once approved. */
export async function recordPending(
  client: GitHubClient,
  r: Repo,
  sha: string,
  buildRunId: number,
  targetUrl: string,
): Promise<void> {
  await client.rest.repos.createCommitStatus({
    ...r,
    sha,
    state: 'pending',
    context: APPROVAL_CONTEXT,
    description: pendingDescription(buildRunId),
    target_url: targetUrl,
  });
}

/**
 * The build run waiting for approval (named by the pending status the workflow_run job wrote), read
 * before the approval is recorded: once it is, the latest status is the approval. Undefined when no run
 * waits: the build has not finished yet, and its completion will find the approval.
 */
export async function waitingBuild(client: GitHubClient, r: Repo, sha: string): Promise<number | undefined> {
  return pendingBuildRun(await listStatuses(client, r, sha));
}

/** Re-runs a build run, so its completion starts the workflow_run preview again, now approved. */
export async function rerunBuild(client: GitHubClient, r: Repo, runId: number): Promise<void> {
  await client.rest.actions.reRunWorkflow({ ...r, run_id: runId });
}
