import { errorMessage } from '../config/user-error.js';
import { httpStatus } from './octokit.js';

/** The `permissions:` entry a failed call needs, in words a workflow author can paste. */
export type Permission = 'pull-requests: write' | 'deployments: write' | 'statuses: write';

/**
 * Explains a GitHub failure: a 403/404 on a write becomes a sentence naming the permissions entry to add
 * (GitHub answers 404 instead of 403 for some missing scopes); anything else keeps its own message.
 */
export function explainGitHubError(err: unknown, what: string, permission: Permission): string {
  const status = httpStatus(err);
  if (status === 403 || status === 404) {
    return (
      `Could not ${what}: GitHub answered ${status}. The token needs \`${permission}\`; add it to the job's ` +
      `\`permissions:\` block (and for a fork PR, run with a token that may write to this repository).`
    );
  }
  return `Could not ${what}: ${errorMessage(err)}`;
}
