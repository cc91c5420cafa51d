/** The checks engine: health checks, the k6-compatible load engine, threshold parsing/evaluation, real k6. */
export { parseSmokeOptions, loadSmokeOptions } from './smoke-options.js';
export type { SmokeOptions, Scenario, Executor, RequestSpec, RequestCheck } from './smoke-options.js';
export { runHealthCheck } from './health-check.js';
export type { HealthCheckOptions } from './health-check.js';
export { runSmoke, peakVUs } from './load-engine.js';
export type { RunSmokeOptions } from './load-engine.js';
export { runK6Script, findK6, parseK6SummaryExport, K6_THRESHOLDS_FAILED } from './k6-binary.js';
export type { K6RunOptions } from './k6-binary.js';
export { runSmokeCli, EXIT_OK, EXIT_THRESHOLDS_FAILED, EXIT_BAD_INPUT } from './smoke-cli.js';
export { idTokenHeaders, audienceFor, googleIdTokenProvider, tokenPrincipal } from './id-token.js';
export type { IdTokenProvider } from './id-token.js';
export { parseK6Duration } from './duration.js';
export { parseThresholds, parseMetricSelector, parseThresholdExpression } from './threshold-parser.js';
export type { ThresholdSpec, MetricSelector, Aggregation, Operator } from './threshold-parser.js';
