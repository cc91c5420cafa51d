/**
 * The `issue_comment` gate: `/preview` previews the PR's current head, `/preview stop` removes its preview.
 * The commenter's permission is read from the API at that moment; anyone without write, maintain or admin
 * gets a reply and nothing runs. Every command is acknowledged (a reaction, or a reply when refused).
 */
import * as core from '@actions/core';
import type { CommandInput, Config } from '../config/config.js';
import { errorMessage } from '../config/user-error.js';
import type { EventContext } from '../github/event-context.js';
import {
  ACCEPTED_REACTION,
  mayCommand,
  parseCommentCommand,
  refusalReply,
  stoppedSentence,
  unavailableReply,
} from '../github/comment-commands.js';
import { react, readPermission, readPull, reply, setPreviewLabel } from '../github/comment-replies.js';
import { createGitHubClient } from '../github/octokit.js';
import type { OptInPayload } from '../github/opt-in-event.js';
import type { GateOutcome } from './opt-in.js';

/** Ends a comment run that does nothing more: result skipped. */
function done(why: string, notice = true): GateOutcome {
  if (notice) core.notice(why);
  else core.info(why);
  core.setOutput('result', 'skipped');
  return { kind: 'done' };
}

export async function gateComment(
  common: Config,
  requested: CommandInput,
  ctx: EventContext,
  event: OptInPayload,
): Promise<GateOutcome> {
  const comment = event.comment;
  // Only new comments count: an edit could turn an old comment into a command after review.
  if (comment === undefined || event.action !== 'created') {
    return done('This issue_comment event is not a new comment on a pull request: nothing to do.', false);
  }
  const command = parseCommentCommand(comment.body);
  if (command === null) return done('The comment is not a /preview command: nothing to do.', false);
  if (requested === 'preview' && command === 'stop') {
    return done('`/preview stop` needs command: auto (command: preview never removes a preview).');
  }
  if (common.github.token === '') {
    return done(
      'A /preview comment needs github_token to read the commenter’s permission: nothing was deployed.',
    );
  }
  const client = createGitHubClient(common.github.token, ctx.apiUrl, core.warning);
  const repo = ctx.repo;
  const permission = await readPermission(client, repo, comment.author);
  if (!mayCommand(permission)) {
    await reply(client, repo, comment.prNumber, refusalReply(comment.author, command, permission));
    return done(
      `PR #${comment.prNumber}: ${comment.author} (permission ${permission.roleName ?? permission.permission}) may not use /preview; replied, nothing deployed.`,
    );
  }
  const pull = await readPull(client, repo, comment.prNumber);
  if (command === 'preview' && pull.state === 'open' && pull.fork) {
    // A fork's head is approved here and previewed from its archive by the workflow_run job (issue 28).
    const { approveForkHead } = await import('./fork-approve.js');
    const how = '/preview';
    const text = await approveForkHead(client, repo, {
      prNumber: comment.prNumber,
      sha: pull.sha,
      login: comment.author,
      how,
      runUrl: ctx.runUrl,
    });
    await react(client, repo, comment.id, ACCEPTED_REACTION);
    await reply(client, repo, comment.prNumber, text);
    return done(`PR #${comment.prNumber}: fork commit ${pull.sha.slice(0, 7)} approved by /preview.`);
  }
  if (command === 'preview' && (pull.state !== 'open' || pull.fork)) {
    await reply(
      client,
      repo,
      comment.prNumber,
      unavailableReply(comment.author, pull.fork ? 'fork' : 'closed'),
    );
    return done(`PR #${comment.prNumber}: not previewed from a comment (${pull.fork ? 'fork' : 'closed'}).`);
  }
  await react(client, repo, comment.id, ACCEPTED_REACTION);
  const label = common.optIn.label;
  if (label !== undefined) {
    // Later pushes follow the command: labeled PRs are previewed on every push, unlabeled ones are not.
    try {
      await setPreviewLabel(client, repo, comment.prNumber, label, command === 'preview');
    } catch (err) {
      core.warning(
        `Could not ${command === 'preview' ? 'add' : 'remove'} the label "${label}": ${errorMessage(err)}`,
      );
    }
  }
  core.info(
    `PR #${comment.prNumber}: ${comment.author} (${permission.roleName ?? permission.permission}) commented ${command === 'stop' ? '/preview stop' : `/preview: previewing head ${pull.sha}`}`,
  );
  const prCtx: EventContext = {
    ...ctx,
    prNumber: comment.prNumber,
    headSha: pull.sha,
    headRef: pull.ref,
    prTitle: pull.title,
    isFork: pull.fork,
    ...(command === 'stop' ? { removedWhy: stoppedSentence(comment.author) } : {}),
  };
  return { kind: 'run', command: command === 'stop' ? 'cleanup' : 'preview', ctx: prCtx };
}
