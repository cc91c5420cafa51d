import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { redactDeep } from '../report/redaction.js';

export type GitHubClient = ReturnType<typeof github.getOctokit>;
type ClientOptions = NonNullable<Parameters<typeof github.getOctokit>[1]>;

/**
 * Overrides of the throttling plugin's timing, in its own option names: the Bottleneck groups that space
 * requests (`write`, `notifications`, `search`) and `retryAfterBaseValue`, the milliseconds waited per second
 * of a Retry-After. Production passes none, so the plugin's defaults hold: 1 s between content-creating
 * requests, 3 s between those that notify, and a secondary limit waits the full Retry-After GitHub sends.
 * Tests pass unspaced groups so that they wait on no clock.
 */
export type ThrottleTiming = Pick<
  ThrottlingOptions,
  'write' | 'notifications' | 'search' | 'retryAfterBaseValue'
>;

/**
 * The Octokit options of createGitHubClient: GITHUB_API_URL (so GitHub Enterprise works), retries of
 * transient failures, and throttling that warns on rate limits and retries them a bounded number of times.
 */
export function githubClientOptions(
  apiUrl: string,
  warn: (s: string) => void,
  timing: ThrottleTiming = {},
): ClientOptions {
  return {
    baseUrl: apiUrl,
    throttle: {
      ...timing,
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
        warn(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
        return retryCount < 3;
      },
    },
    retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
  };
}

/**
 * An Octokit for GITHUB_API_URL with retries of transient failures and the throttling plugin: its write group
 * spaces content-creating requests, which keeps a run under GitHub's secondary limit of 80 a minute, and a
 * secondary-limit answer is retried after the time GitHub asks for. `timing` is for tests only.
 */
export function createGitHubClient(
  token: string,
  apiUrl: string,
  warn: (s: string) => void,
  timing?: ThrottleTiming,
): GitHubClient {
  const client = github.getOctokit(token, githubClientOptions(apiUrl, warn, timing), retry, throttling);
  // Last line of defence: no registered secret reaches GitHub in any request's fields, whoever wrote them.
  client.hook.before('request', (options) => {
    for (const key of Object.keys(options)) {
      if (key === 'headers' || key === 'request' || key === 'baseUrl') continue;
      options[key] = redactDeep(options[key]);
    }
  });
  return client;
}

/** The HTTP status an Octokit error carries, if any. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
