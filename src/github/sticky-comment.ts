import { httpStatus, type GitHubClient } from './octokit.js';
import {
  commentMarker,
  isStickyFor,
  nextHistory,
  parseCommentState,
  renderStickyComment,
} from '../report/markdown-comment.js';
import type { RenderContext } from '../report/markdown-report.js';
import type { RunReport } from '../report/run-report.js';

/** GITHUB_TOKEN's identity: installation tokens cannot call GET /user, so that 403 means this bot. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** The login our comments are written as: the token's user, or the Actions bot for installation tokens. */
export async function tokenIdentity(client: GitHubClient, override?: string): Promise<string> {
  if (override !== undefined && override !== '') return override;
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch (err) {
    if (httpStatus(err) === 403 || httpStatus(err) === 401) return ACTIONS_BOT;
    throw err;
  }
}

export interface StickyTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  service: string;
  identity: string;
}

/**
 * Finds our comment for this service (marker at the start, written by our identity, so a pasted marker
 * cannot hijack it), paging through every comment, and updates it in place or creates it.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: StickyTarget,
  report: RunReport,
  ctx: RenderContext,
  knownId?: number,
): Promise<number> {
  const marker = commentMarker(target.service);
  let existing: { id: number; body: string } | undefined;
  if (knownId === undefined) {
    const comments = await client.paginate(client.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
    });
    const ours = comments.filter((c) => c.user?.login === target.identity && isStickyFor(c.body, marker));
    const found = ours[ours.length - 1];
    if (found !== undefined) existing = { id: found.id, body: found.body ?? '' };
  } else {
    const { data } = await client.rest.issues.getComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: knownId,
    });
    existing = { id: data.id, body: data.body ?? '' };
  }
  const history = nextHistory(existing === undefined ? null : parseCommentState(existing.body), report);
  const body = renderStickyComment({ service: target.service, report, history, ctx });
  if (existing !== undefined) {
    await client.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body,
    });
    return existing.id;
  }
  const { data } = await client.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body,
  });
  return data.id;
}
