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

/** Where a marked comment lives and whose it is. */
export interface MarkedCommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The hidden first line that identifies the comment. */
  marker: string;
  identity: string;
}

/**
 * Finds our comment for this marker (marker at the start, written by our identity, so a pasted marker cannot
 * hijack it), paging through every comment, and updates it in place with `render(previous body)` or creates
 * it with `render(undefined)`. With `knownId` it reads that comment instead of searching.
 */
export async function upsertMarkedComment(
  client: GitHubClient,
  target: MarkedCommentTarget,
  render: (previousBody: string | undefined) => string,
  knownId?: number,
): Promise<number> {
  let existing: { id: number; body: string } | undefined;
  if (knownId === undefined) {
    const comments = await client.paginate(client.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
    });
    const ours = comments.filter(
      (c) => c.user?.login === target.identity && isStickyFor(c.body, target.marker),
    );
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
  const body = render(existing?.body);
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

/** The sticky comment for one service: its earlier runs carried over from the comment it replaces. */
export function upsertStickyComment(
  client: GitHubClient,
  target: StickyTarget,
  report: RunReport,
  ctx: RenderContext,
  knownId?: number,
): Promise<number> {
  return upsertMarkedComment(
    client,
    { ...target, marker: commentMarker(target.service) },
    (previous) => {
      const history = nextHistory(previous === undefined ? null : parseCommentState(previous), report);
      return renderStickyComment({ service: target.service, report, history, ctx });
    },
    knownId,
  );
}
