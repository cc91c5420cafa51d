/**
 * The opt-in gate's I/O: reads the event's labels (and, for other events, comments or the schedule), asks
 * the pure decision in preview-gate.ts, and either lets the command run, changes it, or ends the run here
 * with nothing built and no Cloud Run call. main.ts calls `gateEvent` once, right after reading the event.
 */
import * as core from '@actions/core';
import type { CommandInput, Config } from '../config/config.js';
import type { EventContext } from '../github/event-context.js';
import { readOptInPayload } from '../github/opt-in-event.js';
import { decideGate } from './preview-gate.js';

export type GateOutcome =
  /** The gate has nothing to say: resolve the command as always. */
  | { kind: 'pass' }
  /** Run this command for this event (the event may carry why a cleanup removes a preview). */
  | { kind: 'run'; command: Exclude<CommandInput, 'auto'>; ctx: EventContext }
  /** The scheduled sweep of every service of the run (commands/sweep.ts). */
  | { kind: 'sweep' }
  /** The run is over: skipped, or handled here. */
  | { kind: 'done' };

/** Ends a run that does nothing: a notice, `result: skipped`, one line in the job summary. Nothing else. */
async function skip(why: string): Promise<GateOutcome> {
  core.notice(why);
  core.setOutput('result', 'skipped');
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(`⏭️ No preview: ${why}`, true).write();
  }
  return { kind: 'done' };
}

/**
 * Decides whether this event previews, cleans up or does nothing under the opt-in inputs. Only `command:
 * auto` and `command: preview` are gated: an explicit cleanup, promotion or rollback always runs.
 */
export async function gateEvent(
  common: Config,
  requested: CommandInput,
  ctx: EventContext,
  env: NodeJS.ProcessEnv,
): Promise<GateOutcome> {
  if (requested !== 'auto' && requested !== 'preview') return { kind: 'pass' };
  const event = readOptInPayload(env);
  if (event.eventName === 'issue_comment') {
    const { gateComment } = await import('./comment-gate.js');
    return gateComment(common, requested, ctx, event);
  }
  const decision = decideGate(event, { label: common.optIn.label });
  switch (decision.kind) {
    case 'pass':
      return { kind: 'pass' };
    case 'sweep':
      return requested === 'auto' ? { kind: 'sweep' } : { kind: 'pass' };
    case 'skip':
      return skip(decision.why);
    case 'run':
      if (requested === 'preview' && decision.command !== 'preview') {
        return skip(
          `${decision.why} (not with command: preview; use command: auto to clean up on unlabeled)`,
        );
      }
      if (
        decision.command === 'preview' &&
        event.action === 'labeled' &&
        ctx.isFork &&
        ctx.eventName === 'pull_request_target'
      ) {
        // The label on a fork PR approves its head; its archive is previewed by workflow_run (issue 28).
        const { approveForkLabel } = await import('./fork-approve.js');
        return approveForkLabel(common, ctx);
      }
      core.info(decision.why);
      return {
        kind: 'run',
        command: decision.command,
        ctx: decision.removedWhy === undefined ? ctx : { ...ctx, removedWhy: decision.removedWhy },
      };
  }
}
