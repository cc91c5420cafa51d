/**
 * A maintainer approves a fork PR's head for a preview: `/preview` (comment-gate.ts) or the preview label
 * on a `pull_request_target` labeled event (opt-in.ts). The approver's permission is read from the API, the
 * head from the API at this moment, and the approval is recorded on that commit (approval-rule.ts); the
 * build waiting for it is re-run, so the workflow_run job previews it. Nothing of the fork is built or
 * run here.
 */
import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import { errorMessage } from '../config/user-error.js';
import type { EventContext } from '../github/event-context.js';
import { mayCommand } from '../github/comment-commands.js';
import { readPermission, readPull, reply, type Repo } from '../github/comment-replies.js';
import { recordApproval, rerunBuild, waitingBuild } from '../github/fork-approval.js';
import { createGitHubClient, type GitHubClient } from '../github/octokit.js';
import type { GateOutcome } from './opt-in.js';

function done(why: string): GateOutcome {
  core.notice(why);
  core.setOutput('result', 'skipped');
  return { kind: 'done' };
}

/** Records the approval of `sha` by `login` and re-runs the build that waits for it; returns the reply. */
export async function approveForkHead(
  client: GitHubClient,
  repo: Repo,
  o: { prNumber: number; sha: string; login: string; how: '/preview' | 'label'; runUrl: string },
): Promise<string> {
  const runId = await waitingBuild(client, repo, o.sha);
  await recordApproval(client, repo, o.sha, o.login, o.how, o.runUrl);
  const short = o.sha.slice(0, 7);
  let next = 'It is previewed when its build finishes.';
  if (runId !== undefined) {
    try {
      await rerunBuild(client, repo, runId);
      next = `Its build (run ${runId}) is re-run, and the preview follows when it finishes.`;
    } catch (err) {
      core.warning(
        `Could not re-run build run ${runId} (the job needs \`actions: write\`): ${errorMessage(err)}`,
      );
      next = `Re-run its build (run ${runId}) to preview it.`;
    }
  }
  core.info(`PR #${o.prNumber}: @${o.login} approved fork commit ${o.sha} (${o.how}).`);
  return `@${o.login} approved commit ${short} of this fork PR for a preview. ${next} A later push needs a new approval.`;
}

/** The preview label added to a fork PR (pull_request_target): an approval of its current head. */
export async function approveForkLabel(common: Config, ctx: EventContext): Promise<GateOutcome> {
  const prNumber = ctx.prNumber;
  const login = ctx.actor;
  if (prNumber === undefined || login === undefined || common.github.token === '') {
    return done('A fork PR was labeled, but approving it needs the PR, the actor and github_token.');
  }
  const client = createGitHubClient(common.github.token, ctx.apiUrl, core.warning);
  const permission = await readPermission(client, ctx.repo, login);
  if (!mayCommand(permission)) {
    return done(
      `PR #${prNumber}: ${login} may not approve a fork's preview (permission ${permission.permission}).`,
    );
  }
  const pull = await readPull(client, ctx.repo, prNumber);
  if (pull.state !== 'open' || !pull.fork) {
    return done(
      `PR #${prNumber} is ${pull.state}${pull.fork ? '' : ' and not from a fork'}: no fork approval recorded.`,
    );
  }
  const text = await approveForkHead(client, ctx.repo, {
    prNumber,
    sha: pull.sha,
    login,
    how: 'label',
    runUrl: ctx.runUrl,
  });
  await reply(client, ctx.repo, prNumber, text);
  return done(`PR #${prNumber}: fork commit ${pull.sha.slice(0, 7)} approved by label.`);
}
