export { readEventContext, commandForEvent, renderContextFor, type EventContext } from './event-context.js';
export { forkSkipReason, pullRequestTargetWarning } from './guards.js';
export { createGitHubReporter, type GitHubReporter, type GitHubReporterOptions } from './reporter.js';
export { writeEnvironmentJobSummary, writeJobSummary } from './job-summary.js';
export {
  createEnvironmentReporter,
  type EnvironmentReporter,
  type EnvironmentReporterOptions,
} from './environment-reporter.js';
export { closedPullRequests } from './pull-states.js';
