/**
 * Keeps GitHub in step with an environment run (several services): one sticky comment for the environment,
 * found by its marker and updated in place, one GitHub deployment whose URL is the primary service's
 * preview, and a commit status at the end. Services change stage often and in parallel, so progress is
 * batched: at most one comment write in flight, spaced by `intervalMs`, always ending on the latest state;
 * finish() and removed() write the final state at once, and nothing is written after them.
 */
import type { EnvironmentReport } from '../report/environment-report.js';
import { primaryUrl, renderEnvironmentComment, environmentMarker } from '../report/environment-markdown.js';
import { nextHistory, parseCommentState } from '../report/markdown-comment.js';
import { redactDeep } from '../report/redaction.js';
import { createBatchedWriter, type Clock } from './batched-writes.js';
import { renderContextFor } from './event-context.js';
import { createReporterSession, type ReporterSessionOptions } from './reporter-session.js';
import { createRunWrites } from './run-writes.js';

export interface EnvironmentReporterOptions extends ReporterSessionOptions {
  /** The GitHub deployment environment: `preview/pr-42`, or production for promotions. */
  environment: string;
  comment: boolean;
  /** The service whose URL the deployment links; the first member with a URL when unset. */
  primary?: string;
  /** The least time between two progress writes; default 2000 ms. */
  intervalMs?: number;
  /** Timers for the batching (tests); the global ones when unset. */
  clock?: Clock;
}

export interface EnvironmentReporter {
  /** Queues the current state; written at once when idle, else batched with later calls. Never waits on GitHub. */
  progress(env: EnvironmentReport): Promise<void>;
  /** Writes the final state now (comment, deployment status, commit status); later calls write nothing. */
  finish(env: EnvironmentReport): Promise<void>;
  /** Cleanup: the comment marked removed, the environment's deployments inactive. */
  removed(env: EnvironmentReport): Promise<void>;
  /** Resolves once no progress write is queued or in flight (tests). */
  idle(): Promise<void>;
  /** How many times the comment and deployment were written (one write may touch both). */
  readonly writes: number;
}

export function createEnvironmentReporter(opts: EnvironmentReporterOptions): EnvironmentReporter {
  const { ctx } = opts;
  const session = createReporterSession(opts);
  const render = renderContextFor(ctx);
  let done = false;

  // One deployment for the environment; a status only when its state or URL changes (progress repeats it).
  const writes = createRunWrites(session, {
    ctx,
    log: opts.log,
    environment: opts.environment,
    comment: opts.comment,
    skipRepeats: true,
  });
  const comment = (env: EnvironmentReport): Promise<void> =>
    writes.comment(environmentMarker(env.name), (previous) =>
      renderEnvironmentComment({
        env,
        history: nextHistory(previous === undefined ? null : parseCommentState(previous), env),
        ctx: render,
        primary: opts.primary,
      }),
    );
  const deployment = (env: EnvironmentReport): Promise<void> =>
    writes.deployment({
      command: env.command,
      state: env.state,
      url: primaryUrl(env, opts.primary),
      description: `gcp-deploy ${env.command} of ${env.name} (${env.members.length} services)`,
    });
  const commitStatus = (env: EnvironmentReport): Promise<void> =>
    writes.commitStatus({ ...env, url: primaryUrl(env, opts.primary) }, env.name);

  // Every write gets a redacted copy, made before Markdown escaping could change a secret's bytes.
  const writer = createBatchedWriter<EnvironmentReport>({
    intervalMs: opts.intervalMs,
    clock: opts.clock,
    async write(env) {
      await comment(env);
      // A removal deactivates every deployment of the environment instead of adding a status.
      if (env.state !== 'removed') await deployment(env);
    },
  });

  return {
    progress(env) {
      // A background write that failed with failOnCommentError surfaces at the next call.
      if (done) return Promise.resolve();
      if (writer.error !== undefined) return Promise.reject(writer.error);
      writer.push(redactDeep(env));
      return Promise.resolve();
    },
    async finish(env) {
      if (done) return;
      done = true;
      const safe = redactDeep(env);
      await writer.flush(safe);
      await commitStatus(safe);
    },
    async removed(env) {
      if (done) return;
      done = true;
      await writer.flush(redactDeep(env));
      await writes.deactivate();
    },
    idle: () => writer.idle(),
    get writes() {
      return writer.writes;
    },
  };
}
