/**
 * The load engine: runs every scenario of a SmokeOptions against one base URL, records k6's metrics, stops early
 * on abortOnFail thresholds, and returns the outcome with a k6-style summary.
 */
import type { ConnectionOptions } from 'node:tls';
import type { SmokeOutcome } from '../report/run-report.js';
import { startAbortEvaluator } from './abort-evaluator.js';
import { keepHeadersFresh } from './auth-refresh.js';
import { runScenario, type ExecContext } from './executors/index.js';
import { sleep } from './executors/context.js';
import { HttpRunner, type PreparedRequest } from './http-runner.js';
import { MetricRegistry, metricsToJson } from './metrics.js';
import { needsBody } from './response-checks.js';
import { ResponseRecorder, scenarioTags } from './response-recorder.js';
import type { SmokeOptions } from './smoke-options.js';
import { renderSummary } from './summary-text.js';
import { evaluateThresholds } from './threshold-eval.js';
import { VirtualUser, type VuEnvironment } from './virtual-user.js';

export interface RunSmokeOptions {
  /** Sent with every request (e.g. an ID token's Authorization header; never logged). */
  headers?: Record<string, string>;
  /**
   * Headers asked for before the run and again before the token they carry expires (auth-refresh.ts), so a
   * run longer than a token's life keeps sending a valid one; over `headers`.
   */
  authHeaders?: () => Promise<Record<string, string>>;
  signal?: AbortSignal;
  log?: (s: string) => void;
  /** Extra TLS options for an https URL (a private CA in tests). */
  tls?: ConnectionOptions;
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
  const http = new HttpRunner(baseUrl, opts.tls);
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

  // An empty userAgent sends no User-Agent header, as in k6.
  const extraHeaders = {
    ...(options.userAgent === '' ? {} : { 'user-agent': options.userAgent }),
    ...lowerKeys(opts.headers ?? {}),
  };
  const prepare = (auth: Record<string, string>): PreparedRequest[] =>
    options.requests.map((r) =>
      http.prepare({
        ...r,
        headers: { ...extraHeaders, ...lowerKeys(auth), ...lowerKeys(r.headers) },
        keepBody: needsBody(r.checks),
      }),
    );
  // Virtual users read their request from this array at each send: fresh credentials replace its entries.
  const prepared: PreparedRequest[] = [];
  const refresher =
    opts.authHeaders === undefined
      ? { stop: (): void => undefined }
      : await keepHeadersFresh(
          opts.authHeaders,
          (auth) => prepared.splice(0, prepared.length, ...prepare(auth)),
          log,
        );
  if (opts.authHeaders === undefined) prepared.push(...prepare({}));
  const recorder = new ResponseRecorder(registry, options, (path) => http.urlOf(path));
  // An exception thrown inside a response callback would otherwise vanish into undici and leave the VU
  // waiting forever: it stops the run instead and runSmoke rethrows it.
  let crashed: { error: unknown } | undefined;
  const env: VuEnvironment = {
    http,
    requests: prepared,
    recorder,
    sleepMs: options.sleepMs,
    signal: stop.signal,
    interrupted: () => closed || stop.signal.aborted,
    crash: (error) => {
      crashed ??= { error };
      stop.abort();
    },
  };

  let active = 0;
  let allocated = 0;
  const ctx: ExecContext = {
    newVU: (scenario) => new VirtualUser(env, scenario),
    runSignal: stop.signal,
    activeVUs: (d) => {
      active += d;
    },
    allocatedVUs: (d) => {
      allocated += d;
      registry.add('vus_max', allocated, options.tags);
    },
    dropIteration: (scenario) => registry.add('dropped_iterations', 1, scenarioTags(options, scenario)),
  };
  const gauge = setInterval(() => registry.add('vus', active, options.tags), 1000);
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
    for (const notice of options.notices) log(`Notice: ${notice}`);
    log(`Running ${scenarios} against ${baseUrl} with up to ${peakVUs(options)} VUs`);
    registry.add('vus', 0, options.tags);
    await Promise.all(
      options.scenarios.map(async (s) => {
        await sleep(s.startTime, stop.signal);
        if (!stop.signal.aborted) await runScenario(s, ctx);
      }),
    );
  } finally {
    closed = true;
    refresher.stop();
    registry.stop();
    clearInterval(gauge);
    stopAbortEval();
    opts.signal?.removeEventListener('abort', onCallerAbort);
    http.abortAll();
    await http.close().catch(() => undefined);
  }

  if (crashed !== undefined) throw crashed.error;
  const thresholds = evaluateThresholds(options.thresholds, registry);
  const checks = recorder.checks();
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
