/**
 * A virtual user: runs iterations (every request of the test in order) on its own keep-alive connection, as a
 * k6 VU does. It is driven by callbacks end to end: each response's callback records it and sends the next
 * request, so a running VU allocates nothing per request beyond what undici does.
 */
import type { HttpResult, HttpRunner, PreparedRequest, VuConnection } from './http-runner.js';
import type { ResponseRecorder, ScenarioRecorder } from './response-recorder.js';
import { sleepThen } from './executors/context.js';

/** What the VUs of one run share. */
export interface VuEnvironment {
  http: HttpRunner;
  requests: readonly PreparedRequest[];
  recorder: ResponseRecorder;
  /** k6's `sleep` between iterations, in ms. */
  sleepMs: number;
  /** Aborted when the whole run stops. */
  signal: AbortSignal;
  /** True once the run is over or aborted: a response then is not counted. */
  interrupted(): boolean;
  /** A bug surfaced in a callback: stop the run and report it. */
  crash(error: unknown): void;
}

export class VirtualUser {
  private readonly conn: VuConnection;
  private readonly recorder: ScenarioRecorder;
  private index = 0;
  private started = 0;
  private groupStarted = 0;
  private lagMs = 0;
  private done: () => void = () => undefined;
  // Bound once, so callbacks into undici and timers allocate no closure per request.
  private readonly onResult = (res: HttpResult): void => this.recordAndContinue(res);
  private readonly finish = (): void => this.endIteration();

  constructor(
    private readonly env: VuEnvironment,
    readonly scenario: string,
  ) {
    this.conn = env.http.connection();
    this.recorder = env.recorder.forScenario(scenario);
  }

  /**
   * Runs one iteration and calls `done` when it ends (at once when the run has stopped). `lagMs` is how late it
   * starts against its intended time, added to its requests' durations (arrival-rate executors).
   * Iterations in progress when a scenario's time is up finish (k6's gracefulStop); only the end of the run or
   * an abort cuts them short, and then they count as neither iterations nor iteration_duration.
   */
  iterate(lagMs: number, done: () => void): void {
    this.started = performance.now();
    this.lagMs = lagMs;
    this.index = 0;
    this.done = done;
    this.sendNext();
  }

  private sendNext(): void {
    const req = this.env.requests[this.index];
    if (req !== undefined && !this.env.interrupted()) {
      if (this.recorder.startsGroup(this.index)) this.groupStarted = performance.now();
      this.conn.send(req, this.onResult);
      return;
    }
    if (req === undefined && this.env.sleepMs > 0) sleepThen(this.env.sleepMs, this.env.signal, this.finish);
    else this.endIteration();
  }

  private recordAndContinue(res: HttpResult): void {
    // When interrupted, the response that was in flight is not counted.
    if (!this.env.interrupted()) {
      try {
        this.recorder.record(this.index, res, this.lagMs);
        this.recorder.groupEnded(this.index, this.conn.endedAt - this.groupStarted);
      } catch (err) {
        this.env.crash(err);
      }
    }
    this.index++;
    this.sendNext();
  }

  private endIteration(): void {
    if (!this.env.interrupted()) {
      // Without a sleep the iteration ended with its last response: reuse that clock reading (a hot path).
      const end = this.env.sleepMs > 0 || this.index === 0 ? performance.now() : this.conn.endedAt;
      this.recorder.iteration(end - this.started);
    }
    this.done();
  }
}
