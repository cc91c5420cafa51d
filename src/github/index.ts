export { readEventContext, commandForEvent, renderContextFor, type EventContext } from './event-context.js';
export { forkSkipReason, pullRequestTargetWarning } from './guards.js';
export { createReporter, type GitHubReporter, type ReporterOptions } from './reporter.js';
export { writeJobSummary } from './job-summary.js';
export { closedPullRequests } from './pull-states.js';
