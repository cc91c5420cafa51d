import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof github.getOctokit>;

/**
 * An Octokit for GITHUB_API_URL (so GitHub Enterprise works) with retries of transient failures and the
 * throttling plugin: its write group spaces content-creating requests, which keeps a run under GitHub's
 * secondary limit of 80 a minute, and a secondary-limit answer is retried after the time GitHub asks for.
 */
export function createGitHubClient(token: string, apiUrl: string, warn: (s: string) => void): GitHubClient {
  return github.getOctokit(
    token,
    {
      baseUrl: apiUrl,
      throttle: {
        onRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _o: unknown,
          retryCount: number,
        ) => {
          warn(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
          return retryCount < 2;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _o: unknown,
          retryCount: number,
        ) => {
          warn(
            `GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`,
          );
          return retryCount < 3;
        },
      },
      retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
    },
    retry,
    throttling,
  );
}

/** The HTTP status an Octokit error carries, if any. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
