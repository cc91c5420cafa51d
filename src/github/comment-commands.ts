/**
 * `/preview` and `/preview stop` in a PR comment: what a comment asks, who may ask it, and the words of the
 * answers. Pure. A comment's text is untrusted: only an exact command line is recognised, and nothing of the
 * comment is echoed back except the author's login, as GitHub gave it.
 */

export type CommentCommand = 'preview' | 'stop';

/**
 * The command a comment carries: its first non-empty line, trimmed, must be exactly `/preview` or
 * `/preview stop` (case-insensitive). Anything else, `/previewing` or `/preview please` included, is no command.
 */
export function parseCommentCommand(body: string): CommentCommand | null {
  const first = body.split(/\r?\n/).find((line) => line.trim() !== '');
  if (first === undefined) return null;
  const words = first.trim().toLowerCase().split(/\s+/);
  if (words[0] !== '/preview') return null;
  if (words.length === 1) return 'preview';
  if (words.length === 2 && words[1] === 'stop') return 'stop';
  return null;
}

/** What GET /repos/{owner}/{repo}/collaborators/{username}/permission answers (or none for a 404). */
export interface CollaboratorPermission {
  /** admin, write, read or none (maintain reads write, triage reads read). */
  permission: string;
  /** The role: admin, maintain, write, triage, read, or a custom role's name. */
  roleName?: string;
}

const ALLOWED = new Set(['admin', 'maintain', 'write']);

/**
 * Whether this user may run comment commands: write, maintain or admin on the repository. A custom role
 * counts by the base permission GitHub reports for it.
 */
export function mayCommand(p: CollaboratorPermission): boolean {
  return ALLOWED.has(p.permission) || (p.roleName !== undefined && ALLOWED.has(p.roleName));
}

/** The reaction that acknowledges an accepted command. */
export const ACCEPTED_REACTION = 'rocket';

/** A login as GitHub spells them (letters, digits, hyphens, `[bot]`): anything else is not echoed. */
function safeLogin(login: string): string {
  return /^[A-Za-z0-9-]{1,39}(\[bot\])?$/.test(login) ? `@${login}` : 'this user';
}

function said(command: CommentCommand): string {
  return command === 'stop' ? '`/preview stop`' : '`/preview`';
}

/** The reply to a user without write access: who may, and that nothing was deployed. */
export function refusalReply(login: string, command: CommentCommand, p: CollaboratorPermission): string {
  const has = p.roleName ?? p.permission;
  return (
    `${safeLogin(login)}: only people with write, maintain or admin permission on this repository may use ` +
    `${said(command)} (your permission: ${/^[a-z_-]{1,40}$/.test(has) ? has : 'unknown'}). Nothing was deployed or removed; ` +
    'a maintainer can comment `/preview` or add the preview label.'
  );
}

/** The reply when the PR cannot be previewed from a comment (closed, or its head is in a fork). */
export function unavailableReply(login: string, why: 'closed' | 'fork'): string {
  return why === 'closed'
    ? `${safeLogin(login)}: this pull request is closed, so it gets no preview. Nothing was deployed.`
    : `${safeLogin(login)}: this pull request comes from a fork, and a comment never builds a fork's code with ` +
        "this repository's credentials. Nothing was deployed; see the README's fork workflow.";
}

/** What the sticky comment says after `/preview stop`. */
export function stoppedSentence(login: string): string {
  return `${safeLogin(login)} stopped this preview with \`/preview stop\`: its tag and URL were removed. Comment \`/preview\` to bring it back.`;
}
