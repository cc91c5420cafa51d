/**
 * Approval of a fork PR's head, per commit. A maintainer's `/preview` or preview label makes the privileged
 * job write a commit status with APPROVAL_CONTEXT on the PR's head commit as the API names it at that
 * moment; the workflow_run job deploys an archive only when that commit carries a successful one. Statuses
 * belong to one SHA, so a new push has none and waits for a new approval; only a token that may write to
 * this repository can create one, which a fork's pull_request run never holds. Pure, so tables test it.
 */

export const APPROVAL_CONTEXT = 'gcp-deploy/fork-approval';

/** A commit status as the API lists it (newest first on GitHub; ordered here by time anyway). */
export interface StatusRecord {
  context: string;
  state: string;
  description?: string | null;
  created_at: string;
}

export type Approval = { approved: true; by: string } | { approved: false; why: string };

/** How an approval's description names who approved: "Approved by @login (/preview)". */
export function approvalDescription(login: string, how: '/preview' | 'label'): string {
  return `Approved by @${login} (${how})`;
}

/**
 * What the workflow_run job writes (state pending) when an archive waits for approval: the build run it
 * would deploy, so the approving job can re-run exactly that run.
 */
export function pendingDescription(buildRunId: number): string {
  return `Waiting for a maintainer's /preview or label (build run ${buildRunId})`;
}

/** The build run the latest pending approval status names, if the latest status is one. */
export function pendingBuildRun(statuses: readonly StatusRecord[]): number | undefined {
  const latest = latestOurs(statuses);
  if (latest?.state !== 'pending') return undefined;
  const id = /\(build run (\d{1,20})\)/.exec(latest.description ?? '')?.[1];
  return id === undefined ? undefined : Number(id);
}

function latestOurs(statuses: readonly StatusRecord[]): StatusRecord | undefined {
  return statuses
    .filter((s) => s.context === APPROVAL_CONTEXT)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}

/** The approval of `sha` from its statuses: the latest APPROVAL_CONTEXT status decides. */
export function approvalOf(statuses: readonly StatusRecord[], sha: string): Approval {
  const latest = latestOurs(statuses);
  const short = sha.slice(0, 7);
  if (latest === undefined) {
    return {
      approved: false,
      why: `commit ${short} has no maintainer approval: a user with write access comments /preview (or adds the preview label) to preview it`,
    };
  }
  if (latest.state === 'pending') {
    return {
      approved: false,
      why: `commit ${short} waits for a maintainer's approval: a user with write access comments /preview (or adds the preview label) to preview it`,
    };
  }
  if (latest.state !== 'success') {
    return { approved: false, why: `the approval of commit ${short} was withdrawn (${latest.state})` };
  }
  const by = /@([A-Za-z0-9-]+(\[bot\])?)/.exec(latest.description ?? '')?.[1] ?? 'a maintainer';
  return { approved: true, by };
}
