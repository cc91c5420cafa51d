import type { EventContext } from './event-context.js';
import { createGitHubClient } from './octokit.js';
import { httpStatus } from './octokit.js';

/**
 * Which of these PRs are closed on GitHub (a stale sweep removes their previews whatever their age).
 * A PR GitHub does not know (404) counts as closed: nothing will ever update its preview again.
 */
export async function closedPullRequests(
  token: string,
  ctx: EventContext,
  numbers: number[],
  warn: (s: string) => void,
): Promise<number[]> {
  const client = createGitHubClient(token, ctx.apiUrl, warn);
  const closed: number[] = [];
  for (const pull_number of numbers) {
    try {
      const { data } = await client.rest.pulls.get({
        owner: ctx.repo.owner,
        repo: ctx.repo.repo,
        pull_number,
      });
      if (data.state === 'closed') closed.push(pull_number);
    } catch (err) {
      if (httpStatus(err) === 404) closed.push(pull_number);
      else
        warn(
          `Could not read the state of PR #${pull_number}: ${err instanceof Error ? err.message : String(err)}`,
        );
    }
  }
  return closed;
}
