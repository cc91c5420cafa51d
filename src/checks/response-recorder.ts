/**
 * Turns each response into k6's HTTP metrics and check results. The tags of a sample depend only on its
 * scenario, request and outcome (status, or the network error), so the adders for each such combination are
 * bound once (see MetricRegistry.bind) and a response costs a few additions, not a tags object and a filter
 * match per metric.
 *
 * Tags, as k6 puts them on HTTP samples: name, method, url, status, group, scenario, expected_response, proto,
 * error and error_code (only when the request failed or got a status >= 400), check (on `checks`), plus the
 * test-wide `tags` option and the scenario's `tags` (which win over the test-wide ones; k6's own tags win over
 * both).
 */
import type { CheckOutcome } from '../report/run-report.js';
import type { HttpResult } from './http-runner.js';
import type { MetricRegistry, Tags } from './metrics.js';
import { checkPasses, lazyJson } from './response-checks.js';
import type { RequestCheck, SmokeOptions } from './smoke-options.js';

type Add = (value: number | boolean) => void;

/** The bound adders of one (scenario, request, outcome). */
interface Series {
  reqs: Add;
  duration: Add;
  blocked: Add;
  connecting: Add;
  tls: Add;
  sending: Add;
  receiving: Add;
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
    private readonly urlOf: (path: string) => string = (path) => path,
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
        this.urlOf,
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

/** The tags every sample of a scenario carries: the test-wide tags, then the scenario's own. */
export function scenarioTags(options: SmokeOptions, scenario: string): Record<string, string> {
  const own = options.scenarios.find((s) => s.name === scenario)?.tags ?? {};
  return { ...options.tags, ...own, scenario };
}

/** k6's group tag: '::name' inside a group, '' (the root group) outside. */
export function groupTag(group: string): string {
  return group === '' ? '' : `::${group}`;
}

/** One scenario's part of the recorder: series by request index and outcome, bound on first use. */
export class ScenarioRecorder {
  /** Per request: series by status for answered requests, by error text for failed ones. */
  private readonly series: { byStatus: Map<number, Series>; byError: Map<string, Series> }[];
  private readonly groupDurations: (Add | undefined)[];
  private readonly iterationDuration: Add;
  private readonly iterations: Add;
  private readonly baseTags: Record<string, string>;

  constructor(
    private readonly registry: MetricRegistry,
    private readonly options: SmokeOptions,
    private readonly scenario: string,
    private readonly arrival: boolean,
    private readonly checkCount: (name: string) => CheckOutcome,
    private readonly urlOf: (path: string) => string,
  ) {
    this.series = options.requests.map(() => ({ byStatus: new Map(), byError: new Map() }));
    this.baseTags = scenarioTags(options, scenario);
    // An iteration runs in the root group.
    const tags = { ...this.baseTags, group: '' };
    this.iterationDuration = registry.bind('iteration_duration', tags);
    this.iterations = registry.bind('iterations', tags);
    // group_duration is recorded after the last request of each run of consecutive requests in one group.
    this.groupDurations = options.requests.map((r, i) => {
      const next = options.requests[i + 1];
      if (r.group === '' || next?.group === r.group) return undefined;
      return registry.bind('group_duration', { ...this.baseTags, group: groupTag(r.group) });
    });
  }

  /** Whether request `index` starts a group (a run of consecutive requests in one named group). */
  startsGroup(index: number): boolean {
    const r = this.options.requests[index];
    return r !== undefined && r.group !== '' && this.options.requests[index - 1]?.group !== r.group;
  }

  /** Records a group's duration when request `index` is its last. */
  groupEnded(index: number, durationMs: number): void {
    this.groupDurations[index]?.(durationMs);
  }

  /** Records one response of request `index` (its samples and its checks). */
  record(index: number, res: HttpResult, lagMs: number): void {
    const bySeries = this.series[index];
    if (bySeries === undefined) return;
    let s: Series | undefined;
    if (res.error === undefined) {
      s = bySeries.byStatus.get(res.status);
      if (s === undefined) {
        s = this.bindSeries(index, res);
        bySeries.byStatus.set(res.status, s);
      }
    } else {
      s = bySeries.byError.get(res.error);
      if (s === undefined) {
        s = this.bindSeries(index, res);
        bySeries.byError.set(res.error, s);
      }
    }
    const corrected = res.durationMs + lagMs;
    s.reqs(1);
    s.duration(corrected);
    s.uncorrected?.(res.durationMs);
    s.blocked(res.blockedMs);
    s.connecting(res.connectingMs);
    s.tls(res.tlsHandshakingMs);
    s.sending(res.sendingMs);
    s.waiting(res.waitingMs);
    s.receiving(res.receivingMs);
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

  private bindSeries(index: number, res: HttpResult): Series {
    const spec = this.options.requests[index];
    if (spec === undefined) throw new Error(`no request ${index}`);
    const status = res.status;
    const expected =
      status !== 0 && this.options.expectedStatuses.some((e) => status >= e.min && status <= e.max);
    const tags: Tags = {
      ...this.baseTags,
      name: spec.name,
      method: spec.method,
      url: this.urlOf(spec.path),
      status: String(status),
      group: groupTag(spec.group),
      scenario: this.scenario,
      expected_response: expected ? 'true' : 'false',
      ...(res.error === undefined ? { proto: 'HTTP/1.1' } : { error: res.error }),
      ...(res.errorCode === 0 ? {} : { error_code: String(res.errorCode) }),
    };
    const bind = (metric: string): Add => this.registry.bind(metric, tags);
    return {
      reqs: bind('http_reqs'),
      duration: bind('http_req_duration'),
      blocked: bind('http_req_blocked'),
      connecting: bind('http_req_connecting'),
      tls: bind('http_req_tls_handshaking'),
      sending: bind('http_req_sending'),
      receiving: bind('http_req_receiving'),
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
