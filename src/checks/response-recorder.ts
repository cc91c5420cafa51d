/**
 * Turns each response into k6's HTTP metrics and check results. The tags of a sample depend only on its
 * scenario, request and status, so the adders for each such combination are bound once (see
 * MetricRegistry.bind) and a response costs a few additions, not a tags object and a filter match per metric.
 */
import type { CheckOutcome } from '../report/run-report.js';
import type { HttpResult } from './http-runner.js';
import type { MetricRegistry, Tags } from './metrics.js';
import { checkPasses, lazyJson } from './response-checks.js';
import type { RequestCheck, SmokeOptions } from './smoke-options.js';

type Add = (value: number | boolean) => void;

/** The bound adders of one (scenario, request, status). */
interface Series {
  reqs: Add;
  duration: Add;
  /** Only for arrival-rate scenarios, where http_req_duration includes the start lag. */
  uncorrected: Add | undefined;
  waiting: Add;
  failed: Add;
  /** http_req_failed's value for this status. */
  isFailure: boolean;
  sent: Add;
  received: Add;
  checks: { spec: RequestCheck; add: Add; count: CheckOutcome }[];
}

/** Records the responses and iterations of all scenarios; each VU records through its scenario's part. */
export class ResponseRecorder {
  private readonly scenarios = new Map<string, ScenarioRecorder>();
  private readonly checkCounts = new Map<string, CheckOutcome>();
  private readonly arrivalScenarios: ReadonlySet<string>;

  constructor(
    private readonly registry: MetricRegistry,
    private readonly options: SmokeOptions,
  ) {
    for (const r of options.requests)
      for (const c of r.checks) this.checkCounts.set(c.name, { name: c.name, passes: 0, fails: 0 });
    this.arrivalScenarios = new Set(
      options.scenarios.filter((s) => s.executor.endsWith('arrival-rate')).map((s) => s.name),
    );
  }

  /** The recorder of one scenario (the same object for every VU of it). */
  forScenario(scenario: string): ScenarioRecorder {
    let r = this.scenarios.get(scenario);
    if (r === undefined) {
      r = new ScenarioRecorder(
        this.registry,
        this.options,
        scenario,
        this.arrivalScenarios.has(scenario),
        (name) => this.countFor(name),
      );
      this.scenarios.set(scenario, r);
    }
    return r;
  }

  /** Passes and fails of every check, by name. */
  checks(): CheckOutcome[] {
    return [...this.checkCounts.values()];
  }

  private countFor(name: string): CheckOutcome {
    let count = this.checkCounts.get(name);
    if (count === undefined) {
      count = { name, passes: 0, fails: 0 };
      this.checkCounts.set(name, count);
    }
    return count;
  }
}

/** One scenario's part of the recorder: series by request index and status, bound on first use. */
export class ScenarioRecorder {
  private readonly series: Map<number, Series>[];
  private readonly iterationDuration: Add;
  private readonly iterations: Add;

  constructor(
    private readonly registry: MetricRegistry,
    private readonly options: SmokeOptions,
    private readonly scenario: string,
    private readonly arrival: boolean,
    private readonly checkCount: (name: string) => CheckOutcome,
  ) {
    this.series = options.requests.map(() => new Map<number, Series>());
    const tags = { scenario };
    this.iterationDuration = registry.bind('iteration_duration', tags);
    this.iterations = registry.bind('iterations', tags);
  }

  /** Records one response of request `index` (its samples and its checks). */
  record(index: number, res: HttpResult, lagMs: number): void {
    const byStatus = this.series[index];
    if (byStatus === undefined) return;
    let s = byStatus.get(res.status);
    if (s === undefined) {
      s = this.bindSeries(index, res.status);
      byStatus.set(res.status, s);
    }
    const corrected = res.durationMs + lagMs;
    s.reqs(1);
    s.duration(corrected);
    s.uncorrected?.(res.durationMs);
    s.waiting(res.waitingMs);
    s.failed(s.isFailure);
    s.sent(res.bytesSent);
    s.received(res.bytesReceived);
    if (s.checks.length === 0) return;
    const json = lazyJson(res.body);
    for (const c of s.checks) {
      const ok = checkPasses(c.spec, res, corrected, json);
      c.add(ok);
      if (ok) c.count.passes++;
      else c.count.fails++;
    }
  }

  /** Records one finished iteration. */
  iteration(durationMs: number): void {
    this.iterationDuration(durationMs);
    this.iterations(1);
  }

  private bindSeries(index: number, status: number): Series {
    const spec = this.options.requests[index];
    if (spec === undefined) throw new Error(`no request ${index}`);
    const expected =
      status !== 0 && this.options.expectedStatuses.some((e) => status >= e.min && status <= e.max);
    const tags: Tags = {
      name: spec.name,
      method: spec.method,
      status: String(status),
      scenario: this.scenario,
      expected_response: expected ? 'true' : 'false',
    };
    const bind = (metric: string): Add => this.registry.bind(metric, tags);
    return {
      reqs: bind('http_reqs'),
      duration: bind('http_req_duration'),
      uncorrected: this.arrival ? bind('http_req_duration_uncorrected') : undefined,
      waiting: bind('http_req_waiting'),
      failed: bind('http_req_failed'),
      isFailure: !expected,
      sent: bind('data_sent'),
      received: bind('data_received'),
      checks: spec.checks.map((c) => ({
        spec: c,
        add: this.registry.bind('checks', { ...tags, check: c.name }),
        count: this.checkCount(c.name),
      })),
    };
  }
}
