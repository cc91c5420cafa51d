/**
 * What every GitHub reporter shares: a lazily created client, the comment identity, and the guard that turns
 * a GitHub failure into one warning naming the permission to add (or a UserError when asked to fail), after
 * which that kind of write is not tried again.
 */
import { UserError } from '../config/user-error.js';
import type { EventContext } from './event-context.js';
import { createGitHubClient, type GitHubClient, type ThrottleTiming } from './octokit.js';
import { explainGitHubError, type Permission } from './permissions.js';
import { tokenIdentity } from './sticky-comment.js';

export interface ReporterLog {
  info(s: string): void;
  warning(s: string): void;
  notice(s: string): void;
}

export interface ReporterSessionOptions {
  token: string;
  ctx: EventContext;
  failOnCommentError: boolean;
  commentAuthor?: string;
  log: ReporterLog;
  /** Throttling timing overrides for tests; production leaves it unset and keeps GitHub's spacing. */
  throttle?: ThrottleTiming;
}

export interface ReporterSession {
  target: { owner: string; repo: string };
  gh: () => GitHubClient;
  /** The login our comments are written as, asked once. */
  identity: () => Promise<string>;
  /** Runs `fn` unless `permission` already failed; a failure warns once (or throws a UserError when asked). */
  guarded: (what: string, permission: Permission, fn: () => Promise<void>) => Promise<void>;
}

export function createReporterSession(opts: ReporterSessionOptions): ReporterSession {
  const { ctx } = opts;
  let client: GitHubClient | undefined;
  let identity: string | undefined;
  const broken = new Set<Permission>();
  const gh = (): GitHubClient =>
    (client ??= createGitHubClient(opts.token, ctx.apiUrl, (s) => opts.log.warning(s), opts.throttle));
  return {
    target: { owner: ctx.repo.owner, repo: ctx.repo.repo },
    gh,
    async identity() {
      identity ??= await tokenIdentity(gh(), opts.commentAuthor);
      return identity;
    },
    async guarded(what, permission, fn) {
      if (broken.has(permission)) return;
      try {
        await fn();
      } catch (err) {
        const message = explainGitHubError(err, what, permission);
        broken.add(permission);
        if (opts.failOnCommentError) throw new UserError(message);
        opts.log.warning(message);
      }
    },
  };
}
