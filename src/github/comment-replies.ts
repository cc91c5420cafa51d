/**
 * The GitHub calls of a comment command: the commenter's permission at that moment, the PR's current head,
 * the acknowledgement (a reaction or a reply) and the preview label that keeps later pushes previewed.
 */
import { httpStatus, type GitHubClient } from './octokit.js';
import type { CollaboratorPermission } from './comment-commands.js';

export interface Repo {
  owner: string;
  repo: string;
}

/** The commenter's permission, read now (never from the event's author_association); a 404 is none. */
export async function readPermission(
  client: GitHubClient,
  r: Repo,
  username: string,
): Promise<CollaboratorPermission> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ ...r, username });
    const roleName = (data as { role_name?: unknown }).role_name;
    return {
      permission: data.permission,
      ...(typeof roleName === 'string' ? { roleName } : {}),
    };
  } catch (err) {
    if (httpStatus(err) === 404) return { permission: 'none' };
    throw err;
  }
}

export interface PullHead {
  state: string;
  sha: string;
  ref: string;
  title: string;
  /** The head lives in another repository (or a deleted one). */
  fork: boolean;
}

/** The PR as it is now: its head commit is what a comment command previews. */
export async function readPull(client: GitHubClient, r: Repo, pull_number: number): Promise<PullHead> {
  const { data } = await client.rest.pulls.get({ ...r, pull_number });
  const headRepo = data.head.repo?.full_name;
  return {
    state: data.state,
    sha: data.head.sha,
    ref: data.head.ref,
    title: data.title,
    fork: headRepo === undefined || headRepo !== `${r.owner}/${r.repo}`,
  };
}

export type Reaction = 'rocket' | 'confused' | 'eyes' | '+1' | '-1';

export async function react(
  client: GitHubClient,
  r: Repo,
  comment_id: number,
  content: Reaction,
): Promise<void> {
  await client.rest.reactions.createForIssueComment({ ...r, comment_id, content });
}

export async function reply(
  client: GitHubClient,
  r: Repo,
  issue_number: number,
  body: string,
): Promise<void> {
  await client.rest.issues.createComment({ ...r, issue_number, body });
}

/** Adds or removes the preview label, so later pushes follow what the command asked. */
export async function setPreviewLabel(
  client: GitHubClient,
  r: Repo,
  issue_number: number,
  name: string,
  present: boolean,
): Promise<void> {
  if (present) {
    await client.rest.issues.addLabels({ ...r, issue_number, labels: [name] });
    return;
  }
  try {
    await client.rest.issues.removeLabel({ ...r, issue_number, name });
  } catch (err) {
    if (httpStatus(err) !== 404) throw err; // not there: nothing to remove
  }
}
