/**
 * The load engine: runs every scenario of a SmokeOptions against one base URL, records k6's metrics, stops early
 * on abortOnFail thresholds, and returns the outcome with a k6-style summary.
 */
import type { CheckOutcome, SmokeOutcome } from '../report/run-report.js';
import { startAbortEvaluator } from './abort-evaluator.js';
import { runScenario, type ExecContext } from './executors/index.js';
import { sleep } from './executors/context.js';
import { HttpRunner, type HttpResult, type PreparedRequest } from './http-runner.js';
import { MetricRegistry, metricsToJson } from './metrics.js';
import { checkPasses, lazyJson, needsBody } from './response-checks.js';
import type { SmokeOptions } from './smoke-options.js';
import { renderSummary } from './summary-text.js';
import { evaluateThresholds } from './threshold-eval.js';

export interface RunSmokeOptions {
  /** Sent with every request (e.g. an ID token's Authorization header; never logged). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  log?: (s: string) => void;
}

/** The most VUs the scenarios can run at once: the pool's connection count. */
export function peakVUs(options: SmokeOptions): number {
  return options.scenarios.reduce((sum, s) => {
    switch (s.executor) {
      case 'ramping-vus':
        return sum + Math.max(s.startVUs, ...s.stages.map((st) => st.target));
      case 'constant-arrival-rate':
      case 'ramping-arrival-rate':
        return sum + s.maxVUs;
      default:
        return sum + s.vus;
    }
  }, 0);
}

/** Runs the smoke/load test and returns its outcome (never throws for HTTP failures). */
export async function runSmoke(
  options: SmokeOptions,
  baseUrl: string,
  opts: RunSmokeOptions = {},
): Promise<SmokeOutcome> {
  const log = opts.log ?? ((): void => undefined);
  const registry = new MetricRegistry(options.thresholds.map((t) => t.selector));
  const http = new HttpRunner(baseUrl);
  const stop = new AbortController();
  let aborted = false;
  let closed = false;
  const onCallerAbort = (): void => {
    aborted = true;
    stop.abort();
  };
  opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (opts.signal?.aborted === true) onCallerAbort();
  stop.signal.addEventListener('abort', () => http.abortAll('the test was aborted'), { once: true });

  const extraHeaders = { 'user-agent': options.userAgent, ...lowerKeys(opts.headers ?? {}) };
  const prepared: PreparedRequest[] = options.requests.map((r) =>
    http.prepare({
      ...r,
      headers: { ...extraHeaders, ...lowerKeys(r.headers) },
      keepBody: needsBody(r.checks),
    }),
  );
  const rec = {
    reqs: registry.recorder('http_reqs'),
    duration: registry.recorder('http_req_duration'),
    uncorrected: registry.recorder('http_req_duration_uncorrected'),
    waiting: registry.recorder('http_req_waiting'),
    failed: registry.recorder('http_req_failed'),
    sent: registry.recorder('data_sent'),
    received: registry.recorder('data_received'),
    checks: registry.recorder('checks'),
    iterationDuration: registry.recorder('iteration_duration'),
    iterations: registry.recorder('iterations'),
  };
  const checkCounts = new Map<string, CheckOutcome>();
  for (const r of options.requests)
    for (const c of r.checks) checkCounts.set(c.name, { name: c.name, passes: 0, fails: 0 });
  const isExpected = (status: number): boolean =>
    options.expectedStatuses.some((e) => status >= e.min && status <= e.max);

  const statusText = new Map<number, string>();
  /** Records one response's samples and checks (synchronous: the hot path). */
  const record = (i: number, res: HttpResult, scenario: string, lagMs: number): void => {
    const spec = options.requests[i];
    if (spec === undefined) return;
    const corrected = res.durationMs + lagMs;
    const expected = res.status !== 0 && isExpected(res.status);
    let status = statusText.get(res.status);
    if (status === undefined) statusText.set(res.status, (status = String(res.status)));
    const tags = {
      name: spec.name,
      method: spec.method,
      status,
      scenario,
      expected_response: expected ? 'true' : 'false',
    };
    rec.reqs(1, tags);
    rec.duration(corrected, tags);
    rec.uncorrected(res.durationMs, tags);
    rec.waiting(res.waitingMs, tags);
    rec.failed(!expected, tags);
    rec.sent(res.bytesSent, tags);
    rec.received(res.bytesReceived, tags);
    if (spec.checks.length === 0) return;
    const json = lazyJson(res.body);
    for (const c of spec.checks) {
      const ok = checkPasses(c, res, corrected, json);
      rec.checks(ok, { ...tags, check: c.name });
      const count = checkCounts.get(c.name);
      if (count !== undefined) {
        if (ok) count.passes++;
        else count.fails++;
      }
    }
  };

  // Iterations in progress when a scenario's time is up finish (k6's gracefulStop); only the end of the run
  // or an abort cuts them short, and then they count as neither iterations nor iteration_duration.
  const iterate = async (scenario: string, lagMs: number): Promise<void> => {
    const started = performance.now();
    const conn = http.acquire();
    try {
      for (let i = 0; i < prepared.length; i++) {
        const req = prepared[i];
        if (req === undefined || closed || stop.signal.aborted) return;
        const res = await http.send(req, conn);
        if (closed || stop.signal.aborted) return; // interrupted: its last response is not counted
        record(i, res, scenario, lagMs);
      }
    } finally {
      http.release(conn);
    }
    if (options.sleepMs > 0) await sleep(options.sleepMs, stop.signal);
    if (closed || stop.signal.aborted) return;
    const iterationTags = { scenario };
    rec.iterationDuration(performance.now() - started, iterationTags);
    rec.iterations(1, iterationTags);
  };

  let active = 0;
  let allocated = 0;
  const ctx: ExecContext = {
    iterate,
    runSignal: stop.signal,
    activeVUs: (d) => {
      active += d;
    },
    allocatedVUs: (d) => {
      allocated += d;
      registry.add('vus_max', allocated, {});
    },
    dropIteration: (scenario) => registry.add('dropped_iterations', 1, { scenario }),
  };
  const gauge = setInterval(() => registry.add('vus', active, {}), 1000);
  gauge.unref();
  const stopAbortEval = startAbortEvaluator(options.thresholds, registry, (failed) => {
    aborted = true;
    log(
      `Thresholds crossed with abortOnFail: ${failed.map((f) => `${f.selector.key} ${f.expression}`).join(', ')}; stopping.`,
    );
    stop.abort();
  });

  try {
    const scenarios = options.scenarios.map((s) => `${s.name} (${s.executor})`).join(', ');
    log(`Running ${scenarios} against ${baseUrl} with up to ${peakVUs(options)} VUs`);
    registry.add('vus', 0, {});
    await Promise.all(
      options.scenarios.map(async (s) => {
        await sleep(s.startTime, stop.signal);
        if (!stop.signal.aborted) await runScenario(s, ctx);
      }),
    );
  } finally {
    closed = true;
    registry.stop();
    clearInterval(gauge);
    stopAbortEval();
    opts.signal?.removeEventListener('abort', onCallerAbort);
    http.abortAll();
    await http.close().catch(() => undefined);
  }

  const thresholds = evaluateThresholds(options.thresholds, registry);
  const checks = [...checkCounts.values()];
  const extraPs = options.thresholds.flatMap((t) => (t.aggregation.kind === 'p' ? [t.aggregation.p] : []));
  const metrics = metricsToJson(registry, extraPs);
  const ok = !aborted && thresholds.every((t) => t.ok);
  const showUncorrected = options.scenarios.some((s) => s.executor.endsWith('arrival-rate'));
  const textSummary = renderSummary({
    registry,
    thresholds,
    specs: options.thresholds,
    checks,
    trendStats: options.summaryTrendStats,
    showUncorrected,
    aborted,
  });
  return { ok, aborted, thresholds, checks, metrics, textSummary };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
