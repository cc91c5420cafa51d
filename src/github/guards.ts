/**
 * Decisions about trust that are made before anything runs: fork PRs without credentials are skipped,
 * and pull_request_target runs that would build untrusted code with secrets are called out. Pure.
 */
import type { EventContext } from './event-context.js';

/**
 * Why a preview of this event is skipped, or null to go on. A PR from a fork on `pull_request` runs without
 * the repository's secrets, so with no cloud credentials there is nothing to deploy with: that is a skip,
 * not a failure, so the fork's author sees a neutral check and a notice instead of a red X.
 */
export function forkSkipReason(ctx: EventContext, hasCloudCredentials: boolean): string | null {
  if (!ctx.isFork || hasCloudCredentials) return null;
  const pr = ctx.prNumber === undefined ? 'This pull request' : `Pull request #${ctx.prNumber}`;
  return (
    `${pr} comes from a fork, and GitHub gives workflows triggered by forks no secrets, so there are no ` +
    'Google Cloud credentials to deploy a preview with. The preview is skipped, not failed. A maintainer can ' +
    'push the branch to this repository to get a preview.'
  );
}

/**
 * A warning for pull_request_target runs: they run with the base repository's secrets and a write token, and
 * a preview builds (and so runs the Dockerfile of) the PR's head. Null for other events.
 */
export function pullRequestTargetWarning(ctx: EventContext): string | null {
  if (ctx.eventName !== 'pull_request_target') return null;
  const who = ctx.isFork ? 'from a fork, ' : '';
  return (
    `This run was triggered by pull_request_target: it has this repository's secrets and a write token, and ` +
    `building the preview runs code from the PR's head ${who}(Dockerfile RUN steps, build scripts). Anyone who ` +
    'can open a PR can then read those secrets. Use the pull_request event, or gate this job behind an ' +
    'environment with required reviewers or a label that only maintainers can add.'
  );
}
