// TEMPORARY lead shim until the GitHub reporter lands; the GitHub engineer owns and replaces this file.
import type { RunReport } from '../report/run-report.js';
export { readEventContext, commandForEvent, type EventContext } from './event-context.js';
export { forkSkipReason, pullRequestTargetWarning } from './guards.js';
import type { EventContext } from './event-context.js';
export interface GitHubReporterOptions {
  token: string;
  ctx: EventContext;
  service: string;
  environment: string;
  comment: boolean;
  failOnCommentError: boolean;
  commentAuthor?: string;
  log: { info(s: string): void; warning(s: string): void; notice(s: string): void };
}
export interface GitHubReporter {
  progress(report: RunReport): Promise<void>;
  finish(report: RunReport): Promise<void>;
  removed(report: RunReport): Promise<void>;
}
export function createGitHubReporter(_opts: GitHubReporterOptions): GitHubReporter {
  return { progress: async () => {}, finish: async () => {}, removed: async () => {} };
}
export async function writeJobSummary(_report: RunReport): Promise<void> {}
