/**
 * The run's result on the commit itself: a commit status whose link is the preview (or production) URL
 * when the revision is up, else the run's log. Pure mapping plus one REST call.
 */
import type { RunReport } from '../report/run-report.js';
import type { GitHubClient } from './octokit.js';

export type CommitState = 'pending' | 'success' | 'failure' | 'error';

/** The status for a run's state; null for states with nothing to say on the commit (removed, skipped). */
export function commitStatusFor(
  report: Pick<RunReport, 'command' | 'state' | 'tag' | 'url' | 'failureReason'>,
  service: string,
  runUrl: string,
): { state: CommitState; context: string; description: string; targetUrl: string } | null {
  const context =
    report.tag === undefined ? `gcp-deploy/${service}` : `gcp-deploy/${service} (${report.tag})`;
  const up = report.url !== undefined ? report.url : runUrl;
  switch (report.state) {
    case 'building':
    case 'deploying':
    case 'checking':
      return {
        state: 'pending',
        context,
        description: `${report.command}: ${report.state}`,
        targetUrl: runUrl,
      };
    case 'ready':
      return {
        state: 'success',
        context,
        description:
          report.command === 'candidate'
            ? 'Candidate ready: open it from Details'
            : 'Preview ready: open it from Details',
        targetUrl: up,
      };
    case 'promoted':
      return { state: 'success', context, description: 'Promoted to production', targetUrl: up };
    case 'failed':
    case 'rolled-back':
      return {
        state: 'failure',
        context,
        description: (report.failureReason ?? `${report.command} ${report.state}`).slice(0, 140),
        targetUrl: runUrl,
      };
    case 'cancelled':
      return {
        state: 'error',
        context,
        description: 'Cancelled before the checks finished',
        targetUrl: runUrl,
      };
    case 'removed':
    case 'skipped':
      return null;
  }
}

/** Sets the status on `sha` (POST /repos/{owner}/{repo}/statuses/{sha}; needs `statuses: write`). */
export async function setCommitStatus(
  client: GitHubClient,
  t: { owner: string; repo: string; sha: string },
  status: { state: CommitState; context: string; description: string; targetUrl: string },
): Promise<void> {
  await client.rest.repos.createCommitStatus({
    owner: t.owner,
    repo: t.repo,
    sha: t.sha,
    state: status.state,
    context: status.context,
    description: status.description,
    target_url: status.targetUrl,
  });
}
