/** The built-in metrics this engine measures, with k6's metric types and the aggregations each type allows. */

export type MetricType = 'trend' | 'rate' | 'counter' | 'gauge';

/**
 * k6's built-in metrics that apply to HTTP tests (k6 docs, "Built-in metrics": standard and HTTP), plus one
 * of ours, with their types. Not here: k6's WebSocket, gRPC and browser metrics, which an HTTP smoke check
 * never produces.
 */
export const METRIC_TYPES: Readonly<Record<string, MetricType>> = {
  http_req_duration: 'trend',
  http_req_blocked: 'trend',
  http_req_connecting: 'trend',
  http_req_tls_handshaking: 'trend',
  http_req_sending: 'trend',
  http_req_waiting: 'trend',
  http_req_receiving: 'trend',
  // Ours: for arrival-rate executors, http_req_duration counts from the intended send time (wrk2-style);
  // this one is the plain send-to-last-byte time k6 would report.
  http_req_duration_uncorrected: 'trend',
  iteration_duration: 'trend',
  group_duration: 'trend',
  http_req_failed: 'rate',
  checks: 'rate',
  http_reqs: 'counter',
  iterations: 'counter',
  dropped_iterations: 'counter',
  data_received: 'counter',
  data_sent: 'counter',
  vus: 'gauge',
  vus_max: 'gauge',
};

/** Aggregations k6 accepts in a threshold, by metric type (p(N) stands for any percentile). */
export const AGGREGATIONS: Readonly<Record<MetricType, readonly string[]>> = {
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
  rate: ['rate'],
  counter: ['count', 'rate'],
  gauge: ['value'],
};

/** Trends measured in milliseconds (the others in k6's trends here are all durations too). */
export function isTimeMetric(name: string): boolean {
  return METRIC_TYPES[name] === 'trend';
}
