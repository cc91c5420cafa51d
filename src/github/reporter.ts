/**
 * Keeps GitHub in step with a run, of one service or of an environment: one sticky comment found by its
 * marker and updated in place, one GitHub deployment linking the run's URL, and a commit status at the end
 * (what each says: report/run-comment.ts). An environment's services change stage often and in parallel, so
 * its progress is batched: at most one write in flight, spaced by `intervalMs`, always ending on the latest
 * state. One service's stages come one at a time: each is written at once and awaited (`intervalMs: 0`).
 * finish() and removed() write the final state at once, and nothing is written after them. GitHub failures
 * never fail a healthy deploy unless asked to: each kind warns once, naming the permission to add.
 */
import type { EnvironmentReport } from '../report/environment-report.js';
import { parseCommentState } from '../report/markdown-comment.js';
import { redactDeep } from '../report/redaction.js';
import { renderRunComment, runLink, runMarker } from '../report/run-comment.js';
import { createBatchedWriter, type Clock } from './batched-writes.js';
import { renderContextFor } from './event-context.js';
import { createReporterSession, type ReporterSessionOptions } from './reporter-session.js';
import { createRunWrites } from './run-writes.js';

export interface ReporterOptions extends ReporterSessionOptions {
  /** The GitHub deployment environment: `preview/pr-42`, `preview/<env>/pr-42`, or production for promotions. */
  environment: string;
  comment: boolean;
  /** The service whose URL an environment's deployment links; the first member with a URL when unset. */
  primary?: string;
  /**
   * The least time between two progress writes; default 2000 ms. 0: every progress is written at once and
   * awaited, and a status repeating the last one is written again (one service, as it always was).
   */
  intervalMs?: number;
  /** Timers for the batching (tests); the global ones when unset. */
  clock?: Clock;
}

export interface GitHubReporter {
  /** The current state: written now when idle, else batched with later calls (at once with `intervalMs: 0`). */
  progress(run: EnvironmentReport): Promise<void>;
  /** Writes the final state now (comment, deployment status, commit status); later calls write nothing. */
  finish(run: EnvironmentReport): Promise<void>;
  /** Cleanup: the comment marked removed, the environment's deployments inactive. */
  removed(run: EnvironmentReport): Promise<void>;
  /** Resolves once no progress write is queued or in flight (tests). */
  idle(): Promise<void>;
  /** How many times the comment and deployment were written (one write may touch both). */
  readonly writes: number;
}

export function createReporter(opts: ReporterOptions): GitHubReporter {
  const { ctx } = opts;
  const session = createReporterSession(opts);
  const render = renderContextFor(ctx);
  const atOnce = opts.intervalMs === 0;
  let done = false;

  const writes = createRunWrites(session, {
    ctx,
    log: opts.log,
    environment: opts.environment,
    comment: opts.comment,
    // Batched progress repeats itself: a status only when its state or URL changes.
    skipRepeats: !atOnce,
  });
  // Every write gets a redacted copy, made before Markdown escaping could change a secret's bytes.
  const write = async (run: EnvironmentReport): Promise<void> => {
    await writes.comment(runMarker(run), (previous) =>
      renderRunComment({
        run,
        previous: previous === undefined ? null : parseCommentState(previous),
        ctx: render,
        primary: opts.primary,
      }),
    );
    const link = runLink(run, opts.primary);
    // A removal deactivates every deployment of the environment instead of adding a status.
    if (link.state !== 'removed') await writes.deployment({ ...link, command: run.command });
  };
  const writer = createBatchedWriter<EnvironmentReport>({
    intervalMs: opts.intervalMs,
    clock: opts.clock,
    write,
  });

  return {
    async progress(run) {
      if (done) return;
      if (atOnce) return writer.writeNow(redactDeep(run));
      // A background write that failed with failOnCommentError surfaces at the next call.
      if (writer.error !== undefined) throw writer.error;
      writer.push(redactDeep(run));
    },
    async finish(run) {
      if (done) return;
      done = true;
      const safe = redactDeep(run);
      await writer.flush(safe);
      const link = runLink(safe, opts.primary);
      await writes.commitStatus(link.status, link.name);
    },
    async removed(run) {
      if (done) return;
      done = true;
      await writer.flush(redactDeep(run));
      await writes.deactivate();
    },
    idle: () => writer.idle(),
    get writes() {
      return writer.writes;
    },
  };
}
