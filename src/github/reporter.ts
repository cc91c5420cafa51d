import { redactDeep } from '../report/redaction.js';
import type { RunReport } from '../report/run-report.js';
import { renderContextFor, type EventContext } from './event-context.js';
import type { ThrottleTiming } from './octokit.js';
import { createReporterSession, type ReporterLog } from './reporter-session.js';
import {
  commentMarker,
  nextHistory,
  parseCommentState,
  renderStickyComment,
} from '../report/markdown-comment.js';
import { createRunWrites } from './run-writes.js';

export interface GitHubReporterOptions {
  token: string;
  ctx: EventContext;
  service: string;
  /** preview/pr-<n>, or production for promotions. */
  environment: string;
  comment: boolean;
  failOnCommentError: boolean;
  commentAuthor?: string;
  log: ReporterLog;
  /** Throttling timing overrides for tests; production leaves it unset and keeps GitHub's spacing. */
  throttle?: ThrottleTiming;
}

export interface GitHubReporter {
  /** Sticky comment and deployment status for the current state (creates the deployment on first call). */
  progress(report: RunReport): Promise<void>;
  finish(report: RunReport): Promise<void>;
  /** Cleanup: the environment's deployments inactive, the comment marked removed. */
  removed(report: RunReport): Promise<void>;
}

/**
 * Keeps the PR's sticky comment and the GitHub deployment in step with a run. GitHub failures never fail a
 * healthy deploy unless asked to: each kind warns once, naming the permission to add, and is not retried.
 */
export function createGitHubReporter(opts: GitHubReporterOptions): GitHubReporter {
  const { ctx } = opts;
  const session = createReporterSession(opts);
  const render = renderContextFor(ctx);

  const writes = createRunWrites(session, {
    ctx,
    log: opts.log,
    environment: opts.environment,
    comment: opts.comment,
    skipRepeats: false,
  });
  const comment = (report: RunReport): Promise<void> =>
    writes.comment(commentMarker(opts.service), (previous) =>
      renderStickyComment({
        service: opts.service,
        report,
        history: nextHistory(previous === undefined ? null : parseCommentState(previous), report),
        ctx: render,
      }),
    );
  const deployment = (report: RunReport): Promise<void> =>
    writes.deployment({ ...report, description: `gcp-deploy ${report.command} of ${opts.service}` });

  // Rendered from a redacted copy, before Markdown escaping could change a secret's bytes.
  return {
    async progress(report) {
      const safe = redactDeep(report);
      await comment(safe);
      await deployment(safe);
    },
    async finish(report) {
      const safe = redactDeep(report);
      await comment(safe);
      await deployment(safe);
      await writes.commitStatus(safe, opts.service);
    },
    async removed(report) {
      await comment(redactDeep(report));
      await writes.deactivate();
    },
  };
}
