/**
 * The GitHub writes every reporter makes for a run, whatever it covers (one service or an environment): the
 * sticky comment, one deployment with its statuses, the commit status at the end, and on cleanup every
 * deployment of the environment marked inactive. The reporters only choose what the comment says. Each write is guarded by the session (one warning naming the permission).
 */
import type { Command, RunReport, RunState } from '../report/run-report.js';
import { commitStatusFor, setCommitStatus } from './commit-status.js';
import {
  createDeployment,
  deactivateEnvironment,
  deploymentStateFor,
  setDeploymentStatus,
  type DeploymentState,
} from './deployments.js';
import type { ReporterLog, ReporterSession } from './reporter-session.js';
import type { EventContext } from './event-context.js';
import { upsertMarkedComment } from './sticky-comment.js';

export interface RunWrites {
  /**
   * The PR's sticky comment, found by its marker and updated in place; `render` gets the comment as it was
   * (its history), or undefined for a new one. Nothing when comments are off or the run has no PR.
   */
  comment(marker: string, render: (previous: string | undefined) => string): Promise<void>;
  /** The deployment's status for the run's state (the deployment is created on the first call). */
  deployment(run: { command: Command; state: RunState; url?: string; description: string }): Promise<void>;
  /** The final result on the commit, linking the URL (as Google's Cloud Run preview sample does). */
  commitStatus(
    run: Pick<RunReport, 'command' | 'state' | 'tag' | 'url' | 'failureReason' | 'commitSha'>,
    /** Whose run it is: the service, or the environment. */
    name: string,
  ): Promise<void>;
  /** Cleanup: every deployment of the environment marked inactive. */
  deactivate(): Promise<void>;
}

export function createRunWrites(
  session: ReporterSession,
  opts: {
    ctx: EventContext;
    log: ReporterLog;
    /** The GitHub deployment environment: `preview/pr-42`, or production for promotions. */
    environment: string;
    /** Whether the run keeps a PR comment (the `comment` input). */
    comment: boolean;
    /** Skip a status that repeats the last one (an environment's batched progress repeats itself). */
    skipRepeats: boolean;
  },
): RunWrites {
  const { target, gh, guarded } = session;
  const { ctx } = opts;
  let commentId: number | undefined;
  let deploymentId: number | undefined;
  let last: { state: DeploymentState; url?: string } | undefined;
  return {
    comment: (marker, render) =>
      opts.comment && ctx.prNumber !== undefined
        ? guarded('update the pull request comment', 'pull-requests: write', async () => {
            const identity = await session.identity();
            const issueNumber = ctx.prNumber as number;
            commentId = await upsertMarkedComment(
              gh(),
              { ...target, issueNumber, marker, identity },
              render,
              commentId,
            );
          })
        : Promise.resolve(),
    deployment: (run) =>
      guarded('record the GitHub deployment', 'deployments: write', async () => {
        const state = deploymentStateFor(run.state);
        const url = run.state === 'ready' || run.state === 'promoted' ? run.url : undefined;
        if (opts.skipRepeats && last !== undefined && last.state === state && last.url === url) return;
        deploymentId ??= await createDeployment(gh(), {
          ...target,
          environment: opts.environment,
          ref: ctx.headSha,
          production: run.command === 'promote' || run.command === 'rollback',
          description: run.description,
        });
        await setDeploymentStatus(gh(), target, deploymentId, state, {
          environmentUrl: url,
          logUrl: ctx.runUrl,
        });
        last = { state, url };
      }),
    commitStatus: (run, name) => {
      const status = commitStatusFor(run, name, ctx.runUrl);
      const sha = run.commitSha ?? ctx.headSha;
      if (status === null || !/^[0-9a-f]{40}$/i.test(sha)) return Promise.resolve();
      return guarded('set the commit status', 'statuses: write', () =>
        setCommitStatus(gh(), { ...target, sha }, status),
      );
    },
    deactivate: () =>
      guarded('mark the preview deployment inactive', 'deployments: write', async () => {
        const n = await deactivateEnvironment(gh(), { ...target, environment: opts.environment });
        opts.log.info(`${n} deployment(s) of ${opts.environment} marked inactive`);
      }),
  };
}
