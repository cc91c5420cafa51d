/**
 * The thin adapter over the Cloud Run Admin API v2 clients, and the only place that knows their calls:
 * every traffic change is a read-modify-write on the service's etag, conflicts re-plan from fresh state,
 * transient errors go through retry.ts, operations and revision readiness are polled with backoff.
 */
import { sleep } from '../shared/sleep.js';
import {
  ingressImage,
  revisionReadiness,
  serviceState,
  shortName,
  templateOfRevision,
  toApiTraffic,
  type ApiRevision,
  type ApiService,
  type ApiTemplate,
  type ServiceState,
} from './api-mapping.js';
import { requirePinnedImage } from './naming.js';
import { cloudRunClients, type CloudRunClients } from './client-factory.js';
import {
  GRPC,
  errorCode,
  isConflict,
  isRefusal,
  isTransient,
  withRetry,
  type RetryOptions,
} from './retry.js';
import {
  allUsersInvoke,
  INVOKER_ROLE,
  invokerMembers,
  withMember,
  type ServiceAccess,
} from './invoker-policy.js';
import { planTraffic, trafficProblem, type TrafficOperation, type TrafficTarget } from './traffic-plan.js';

/** How to reach and pace the API. */
export interface CloudRunServiceOptions {
  project: string;
  region: string;
  /** Defaults to clients built by client-factory.ts from `env`. */
  clients?: CloudRunClients;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Transient-error retries of single calls (tests shorten them). */
  retry?: Pick<RetryOptions, 'attempts' | 'baseMs' | 'maxMs' | 'maxElapsedMs' | 'random'>;
  /** Read-modify-write rounds after etag conflicts (default 20). */
  conflictAttempts?: number;
  /** How long to wait for operations, readiness and tag URLs (default 5 minutes). */
  timeoutMs?: number;
  /** Where what the run's user must know goes (tags Cloud Run deleted); defaults to `log`. */
  warn?: (line: string) => void;
}

/**
 * Cloud Run's quota text for revision tags (https://cloud.google.com/run/quotas): "Maximum number of revision
 * tags: 2000 per project and region"; beyond it the oldest tags without traffic are deleted.
 */
const TAG_LIMIT_ADVICE =
  "Cloud Run allows 2,000 revision tags per project and region and deletes the oldest tags without traffic beyond that: close or sweep stale previews (command: cleanup with the 'stale' input) to stay under it.";

/** True for Cloud Run's refusal of a write that would exceed the revision tag limit. */
export function isTagQuotaError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /quota/i.test(message) && /revision tags/i.test(message);
}

/** The outcome of deploying one revision. */
export interface DeployResult {
  revision: string;
  /** The URL of the operation's tag, read from the service's traffic statuses. */
  uri?: string;
  ready: boolean;
  message?: string;
  /**
   * False when the service already named a revision of this name (an idempotent re-run); true when its
   * template was sent (Cloud Run takes a same-named revision with the same template as it is).
   */
  created: boolean;
}

/** A revision as the callers see it: its template (what a new revision starts from) and its state. */
export interface RevisionInfo {
  name: string;
  labels: Record<string, string>;
  /** The revision's own annotations (its template's), where a run records what it found (labels.ts). */
  annotations?: Record<string, string>;
  /** The ingress container's image, as deployed (by digest when this action deployed it). */
  image?: string;
  createTime?: Date;
  ready: boolean | undefined;
  message?: string;
  template: ApiTemplate;
}

/** What a reuse decision reads of a revision (see heldRevision). */
export type HeldRevision = Pick<RevisionInfo, 'name' | 'labels' | 'annotations' | 'image' | 'ready'>;

/** Our retry policy owns retries, so google-gax's own (1 s first delay, invisible to counts) is switched off. */
const NO_GAX_RETRY = { retry: null };
const PIN: TrafficOperation = { kind: 'pin' };

/** An operation as returned by the clients; `getOperation()` polls once (or unpacks a finished one). */
interface PollableOperation {
  latestResponse: { done?: boolean | null };
  getOperation(): Promise<unknown> | void;
}

/** Annotation keys to set (a value) or remove (null); every other annotation stays as read. */
export type AnnotationChange = Record<string, string | null>;

/** The annotations after `change`, or undefined when it changes nothing (so no write is needed). */
function applyAnnotations(
  current: Record<string, string> | null | undefined,
  change: AnnotationChange,
): Record<string, string> | undefined {
  const next: Record<string, string> = { ...(current ?? {}) };
  let changed = false;
  for (const [key, value] of Object.entries(change)) {
    if (value === null ? key in next : next[key] !== value) changed = true;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return changed ? next : undefined;
}

function notFound(what: string): Error {
  return Object.assign(new Error(`${what} not found`), { code: GRPC.NOT_FOUND });
}

/** Cloud Run for one project and region. */
export class CloudRunService {
  private calls = 0;
  /**
   * Each service as this client last read or wrote it (null: read as missing). A write's first round plans
   * on it instead of reading again: the etag it carries makes Cloud Run refuse the write when anyone changed
   * the service since, and the refusal re-reads (readModifyWrite). Any failed write forgets it.
   */
  private readonly known = new Map<string, ApiService | null>();
  private readonly clients: CloudRunClients;
  private readonly log: (line: string) => void;
  private readonly timeoutMs: number;
  private readonly warn: (line: string) => void;

  constructor(private readonly o: CloudRunServiceOptions) {
    this.clients = o.clients ?? cloudRunClients(o.env ?? process.env);
    this.log = o.log ?? ((): void => undefined);
    this.timeoutMs = o.timeoutMs ?? 300_000;
    this.warn = o.warn ?? this.log;
  }

  /** API calls made so far, retries and operation polls included. */
  get apiCalls(): number {
    return this.calls;
  }

  /** `projects/P/locations/L/services/S`. */
  serviceName(service: string): string {
    return `projects/${this.o.project}/locations/${this.o.region}/services/${service}`;
  }

  private revisionPath(service: string, revision: string): string {
    return `${this.serviceName(service)}/revisions/${revision}`;
  }

  /**
   * How an etag-guarded read-modify-write is retried: a lost answer or a conflict both mean re-read and
   * re-plan (every plan is idempotent), quickly at first, for as long as the run may wait.
   */
  private rereadRetry(): RetryOptions {
    return {
      attempts: this.o.conflictAttempts ?? 20,
      baseMs: 50,
      maxMs: 1000,
      maxElapsedMs: this.timeoutMs,
      random: this.o.retry?.random,
      retryOn: (err) => isConflict(err) || isTransient(err),
    };
  }

  /** One API call, counted, with transient errors retried (INTERNAL too when it is an idempotent read). */
  private call<T>(fn: () => Promise<T>, read: boolean): Promise<T> {
    return withRetry(
      () => {
        this.calls++;
        return fn();
      },
      {
        ...this.o.retry,
        retryOn: (err) => isTransient(err, read),
        onRetry: (err, n, ms) =>
          this.log(`transient Cloud Run error (code ${errorCode(err)}), retry ${n} in ${ms} ms`),
      },
    );
  }

  private async getRaw(service: string): Promise<ApiService | null> {
    try {
      const [svc] = await this.call(
        () => this.clients.services.getService({ name: this.serviceName(service) }, NO_GAX_RETRY),
        true,
      );
      this.known.set(service, svc);
      return svc;
    } catch (err) {
      if (errorCode(err) === GRPC.NOT_FOUND) {
        this.known.set(service, null);
        return null;
      }
      this.known.delete(service);
      throw err;
    }
  }

  /** The service as this client last read or wrote it, read now when it never did. */
  private async knownRaw(service: string): Promise<ApiService | null> {
    const seen = this.known.get(service);
    return seen !== undefined ? seen : this.getRaw(service);
  }

  /** The service, or null when it does not exist (always read now). */
  async getService(service: string): Promise<ServiceState | null> {
    const svc = await this.getRaw(service);
    return svc === null ? null : serviceState(svc);
  }

  /**
   * The service as this client last read or wrote it (read now when it never did): what one run works from
   * between its own calls, so that a run reads the service once. A write planned on it is still safe (see
   * `known`); a caller that must see others' changes asks getService.
   */
  async knownService(service: string): Promise<ServiceState | null> {
    const svc = await this.knownRaw(service);
    return svc === null ? null : serviceState(svc);
  }

  /**
   * Every service of the project and region, whoever made it: one ListServices call (its pages fetched by
   * the client), for the region-wide tag limit (cloud-run-limits.ts). The list holds each service whole,
   * etag included, so `seed` (a service this client works on) is kept as read: missing from the list, it
   * is known not to exist, and no GetService is needed after it.
   */
  async listServices(seed?: string): Promise<ServiceState[]> {
    const [list] = await this.call(
      () =>
        this.clients.services.listServices(
          { parent: `projects/${this.o.project}/locations/${this.o.region}` },
          NO_GAX_RETRY,
        ),
      true,
    );
    if (seed !== undefined) {
      const name = this.serviceName(seed);
      this.known.set(seed, list.find((svc) => svc.name === name) ?? null);
    }
    return list.map(serviceState);
  }

  /** Polls an operation to its end (see operationPollDelay); each poll is a counted, retried read. */
  private async waitOperation<T>(op: PollableOperation, signal?: AbortSignal): Promise<T> {
    const started = Date.now();
    const deadline = started + this.timeoutMs;
    while (op.latestResponse.done !== true) {
      if (Date.now() > deadline) throw new Error(`operation not done within ${this.timeoutMs / 1000} s`);
      // Cancelled: the write is accepted already, so the caller can undo it; waiting on serves nobody.
      signal?.throwIfAborted();
      await sleep(operationPollDelay(Date.now() - started), signal);
      await this.call(async () => op.getOperation(), true);
    }
    // A finished operation unpacks locally: its result, or its error as a rejection.
    const [result] = (await op.getOperation()) as [T];
    return result;
  }

  /**
   * Read-modify-write of the service on its etag: `plan` is recomputed from fresh state after every
   * conflict, so only this run's change is re-applied over whatever others wrote meanwhile. `template`
   * (when given) is asked again each round, so a revision created by a lost-answer round is not re-sent.
   */
  private async readModifyWrite(
    service: string,
    plan: (svc: ServiceState) => TrafficTarget[],
    template?: () => Promise<ApiTemplate | undefined>,
    signal?: AbortSignal,
    annotate?: AnnotationChange,
  ): Promise<ServiceState> {
    let round = 0;
    return withRetry(
      async () => {
        // The first round plans on what this client knows (the write's etag guards it); later rounds follow
        // a refusal or a lost answer, so they read again.
        const raw = round++ === 0 ? await this.knownRaw(service) : await this.getRaw(service);
        if (raw === null) throw notFound(`Cloud Run service ${service}`);
        const state = serviceState(raw);
        const traffic = plan(state);
        const problem = trafficProblem(traffic);
        if (problem !== undefined) throw new Error(`planned traffic for ${service} is invalid: ${problem}`);
        const newTemplate = template === undefined ? undefined : await template();
        const annotations = annotate === undefined ? undefined : applyAnnotations(raw.annotations, annotate);
        if (
          newTemplate === undefined &&
          annotations === undefined &&
          JSON.stringify(traffic) === JSON.stringify(state.traffic)
        )
          return state;
        // UpdateService replaces the whole spec: send everything read, changing only template, traffic and
        // this run's own annotations.
        const next: ApiService = {
          ...raw,
          traffic: toApiTraffic(traffic),
          template: newTemplate ?? raw.template,
          ...(annotations !== undefined ? { annotations } : {}),
        };
        let writtenRaw: ApiService;
        try {
          this.calls++;
          const [op] = await this.clients.services.updateService({ service: next }, NO_GAX_RETRY);
          // The operation's result is the service as written (new etag, statuses): the next write plans on it.
          writtenRaw = await this.waitOperation<ApiService>(op, signal);
        } catch (err) {
          this.known.delete(service);
          throw err;
        }
        this.known.set(service, writtenRaw);
        const written = serviceState(writtenRaw);
        this.reportDroppedTags(service, traffic, written);
        return written;
      },
      {
        ...this.rereadRetry(),
        onRetry: (err, n, ms) =>
          this.log(
            `service ${service} changed or was unreachable (code ${errorCode(err)}): re-reading, round ${n + 1} in ${ms} ms`,
          ),
      },
    );
  }

  /** Tags this write carried that the written service lacks: Cloud Run deleted them for its tag limit. */
  private reportDroppedTags(service: string, sent: readonly TrafficTarget[], written: ServiceState): void {
    const kept = new Set(written.traffic.map((t) => t.tag));
    const dropped = sent.flatMap((t) => (t.tag !== undefined && !kept.has(t.tag) ? [t.tag] : []));
    if (dropped.length === 0) return;
    this.warn(
      `Cloud Run deleted tag${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} of service ${service}: the project and region reached Cloud Run's limit of revision tags. ${TAG_LIMIT_ADVICE}`,
    );
  }

  /** Changes traffic with `plan(fresh state) -> new traffic`, retried on etag conflicts. */
  updateTraffic(service: string, plan: (svc: ServiceState) => TrafficTarget[]): Promise<ServiceState> {
    return this.readModifyWrite(service, plan);
  }

  /** Applies one planner operation (preview, retag, untag, promote, restore, pin), with annotation changes. */
  applyTraffic(service: string, op: TrafficOperation, annotate?: AnnotationChange): Promise<ServiceState> {
    return this.readModifyWrite(service, (svc) => planTraffic(svc, op), undefined, undefined, annotate);
  }

  /** Sets (or, with null, removes) service annotations, leaving traffic and template as they are. */
  annotate(service: string, annotate: AnnotationChange): Promise<ServiceState> {
    return this.readModifyWrite(service, (svc) => svc.traffic, undefined, undefined, annotate);
  }

  /** Who may invoke the service: its invoker settings and whether its IAM policy lets allUsers in. */
  async access(service: string): Promise<ServiceAccess> {
    const raw = await this.knownRaw(service);
    if (raw === null) throw notFound(`Cloud Run service ${service}`);
    const [policy] = await this.call(
      () => this.clients.services.getIamPolicy({ resource: this.serviceName(service) }, NO_GAX_RETRY),
      true,
    );
    const invokerIamDisabled = raw.invokerIamDisabled === true;
    return {
      public: invokerIamDisabled || allUsersInvoke(policy),
      invokerIamDisabled,
      iapEnabled: raw.iapEnabled === true,
      invokers: invokerMembers(policy),
    };
  }

  /**
   * Adds `member` to the service's roles/run.invoker binding: a read-modify-write on the policy's etag,
   * re-read after a concurrent change, so bindings others wrote meanwhile are kept.
   */
  async grantInvoker(service: string, member: string): Promise<void> {
    const resource = this.serviceName(service);
    await withRetry(async () => {
      const [policy] = await this.call(
        () => this.clients.services.getIamPolicy({ resource }, NO_GAX_RETRY),
        true,
      );
      const next = withMember(policy, INVOKER_ROLE, member);
      if (next === policy) return;
      this.calls++;
      await this.clients.services.setIamPolicy({ resource, policy: next }, NO_GAX_RETRY);
    }, this.rereadRetry());
  }

  /** Creates the service running `template` (its revision tagged `tag` when given) and waits for it. */
  async createService(
    service: string,
    template: ApiTemplate,
    opts: {
      tag?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      iapEnabled?: boolean;
      signal?: AbortSignal;
    } = {},
  ): Promise<DeployResult> {
    const revision = revisionNameOf(template);
    const traffic: TrafficTarget[] = [{ type: 'LATEST', percent: 100 }];
    if (opts.tag !== undefined) traffic.push({ type: 'REVISION', revision, percent: 0, tag: opts.tag });
    let message: string | undefined;
    let written: ServiceState | undefined;
    try {
      // A retry after a lost answer finds the service created: ALREADY_EXISTS below takes it from there.
      const [op] = await this.call(
        () =>
          this.clients.services.createService(
            {
              parent: `projects/${this.o.project}/locations/${this.o.region}`,
              serviceId: service,
              service: {
                template,
                labels: { ...(opts.labels ?? {}) },
                ...(opts.annotations !== undefined ? { annotations: { ...opts.annotations } } : {}),
                traffic: toApiTraffic(traffic),
                ...(opts.iapEnabled === true ? { iapEnabled: true } : {}),
              },
            },
            NO_GAX_RETRY,
          ),
        false,
      );
      const raw = await this.waitOperation<ApiService>(op, opts.signal);
      this.known.set(service, raw);
      written = serviceState(raw);
    } catch (err) {
      this.known.delete(service);
      if (opts.signal?.aborted) throw err;
      // Another run (or our own lost-answer attempt) created it first: deploy into it the ordinary way.
      if (errorCode(err) === GRPC.ALREADY_EXISTS) {
        const op: TrafficOperation =
          opts.tag === undefined ? PIN : { kind: 'preview', tag: opts.tag, revision };
        return this.deployRevision(service, template, op, opts.signal);
      }
      // A refused caller deployed nothing: that is the run's failure, not the revision's.
      if (isTransient(err) || isRefusal(err)) throw err;
      message = err instanceof Error ? err.message : String(err);
    }
    return this.settle(service, revision, opts.tag, true, message, opts.signal, written);
  }

  /**
   * Deploys a new revision with ONE UpdateService carrying the template and the planned traffic (by default
   * LATEST pinned, so the revision takes no traffic), then waits for the revision's own Ready condition.
   * A revision of the same name that exists already is reused (idempotent re-run).
   */
  async deployRevision(
    service: string,
    template: ApiTemplate,
    op: TrafficOperation = PIN,
    signal?: AbortSignal,
  ): Promise<DeployResult> {
    const revision = revisionNameOf(template);
    // A revision the service already names (in its traffic, or as its latest) exists: its template is not
    // sent again. One it does not name is sent: a revision of that name made earlier with the same template
    // is taken as it is, and one with another template is refused ALREADY_EXISTS and then used as it is.
    const before = await this.knownRaw(service);
    const existed = before !== null && namesRevision(serviceState(before), revision);
    let sendTemplate = !existed;
    let round = 0;
    let message: string | undefined;
    let written: ServiceState | undefined;
    const write = (): Promise<ServiceState> =>
      this.readModifyWrite(
        service,
        (svc) => planTraffic(svc, op),
        async () => {
          round++;
          if (!sendTemplate) return undefined;
          // After a round whose answer was lost, the revision may exist: sending its template again would clash.
          if (round > 1 && (await this.getRevisionRaw(service, revision)) !== null) return undefined;
          return template;
        },
        signal,
      );
    try {
      try {
        written = await write();
      } catch (err) {
        if (!sendTemplate || errorCode(err) !== GRPC.ALREADY_EXISTS || signal?.aborted) throw err;
        sendTemplate = false;
        written = await write();
      }
    } catch (err) {
      if (
        signal?.aborted ||
        isTransient(err) ||
        isConflict(err) ||
        isRefusal(err) ||
        errorCode(err) === GRPC.NOT_FOUND
      )
        throw err;
      if (isTagQuotaError(err)) {
        throw new Error(
          `Cloud Run refused tag ${op.kind === 'preview' ? op.tag : ''} on service ${service}: the project and region hold as many revision tags as Cloud Run allows, and every one of them carries traffic. ${TAG_LIMIT_ADVICE} (${err instanceof Error ? err.message : String(err)})`,
          { cause: err },
        );
      }
      // A failed operation (say, the revision could not start) is an outcome to report, not a crash.
      message = err instanceof Error ? err.message : String(err);
    }
    const tag = op.kind === 'preview' || op.kind === 'retag' ? op.tag : undefined;
    return this.settle(service, revision, tag, !existed, message, signal, written);
  }

  private async settle(
    service: string,
    revision: string,
    tag: string | undefined,
    created: boolean,
    failure: string | undefined,
    signal?: AbortSignal,
    /** The service as the write's operation returned it: its traffic statuses may already hold the tag URL. */
    written?: ServiceState,
  ): Promise<DeployResult> {
    // A write whose operation ended with this revision as the service's latest ready one needs no read: a
    // revision is that only once Ready. Otherwise (failed, or ready earlier) its own condition is polled;
    // when the write failed and left no revision behind, there is nothing to wait for.
    const state: { ready: boolean; message?: string } =
      failure === undefined && written?.latestReadyRevision === revision
        ? { ready: true }
        : failure !== undefined && (await this.getRevisionRaw(service, revision)) === null
          ? { ready: false, message: failure }
          : await this.waitRevisionReady(service, revision, signal);
    const message = state.message ?? failure;
    const uri =
      state.ready && tag !== undefined
        ? await this.waitTagUri(service, tag, revision, signal, written)
        : undefined;
    return {
      revision,
      ready: state.ready,
      created,
      ...(uri ? { uri } : {}),
      ...(message ? { message } : {}),
    };
  }

  /**
   * Polls the revision's own Ready condition. The service's latestReadyRevision moves only once a whole
   * reconciliation succeeds (and stays put after a failure), so that field cannot tell about one revision.
   */
  async waitRevisionReady(
    service: string,
    revision: string,
    signal?: AbortSignal,
  ): Promise<{ ready: boolean; message?: string }> {
    const deadline = Date.now() + this.timeoutMs;
    let delay = 100;
    for (;;) {
      signal?.throwIfAborted();
      const rev = await this.getRevisionRaw(service, revision);
      const r = rev === null ? { ready: undefined } : revisionReadiness(rev);
      if (r.ready !== undefined)
        return r.message ? { ready: r.ready, message: r.message } : { ready: r.ready };
      if (Date.now() > deadline) {
        return { ready: false, message: `revision ${revision} not ready within ${this.timeoutMs / 1000} s` };
      }
      await sleep(delay, signal);
      delay = Math.min(delay * 2, 3000);
    }
  }

  /** The tag's URL once the traffic statuses show it on `revision` (statuses follow the spec after routing). */
  private async waitTagUri(
    service: string,
    tag: string,
    revision: string,
    signal?: AbortSignal,
    known?: ServiceState,
  ): Promise<string | undefined> {
    const deadline = Date.now() + this.timeoutMs;
    let delay = 100;
    // The written service answers first: a routed tag's URL is in it, and then no read is needed.
    let first = known;
    for (;;) {
      signal?.throwIfAborted();
      const svc = first ?? (await this.getService(service));
      first = undefined;
      const status = svc?.trafficStatuses.find((s) => s.tag === tag);
      if (status?.uri && status.revision === revision) return status.uri;
      // Someone else moved the tag meanwhile: no URL of ours to report.
      if (!svc?.traffic.some((t) => t.tag === tag && t.revision === revision)) return undefined;
      if (Date.now() > deadline) return undefined;
      await sleep(delay, signal);
      delay = Math.min(delay * 2, 2000);
    }
  }

  private async getRevisionRaw(service: string, revision: string): Promise<ApiRevision | null> {
    try {
      const [rev] = await this.call(
        () =>
          this.clients.revisions.getRevision({ name: this.revisionPath(service, revision) }, NO_GAX_RETRY),
        true,
      );
      return rev;
    } catch (err) {
      if (errorCode(err) === GRPC.NOT_FOUND) return null;
      throw err;
    }
  }

  /**
   * What the known service tells of `revision` without a read: its labels and image when the service's
   * template made it (revisions are immutable, so the template is what it runs), ready when it is also the
   * latest ready revision. Undefined when the known service does not hold it so.
   */
  heldRevision(service: string, revision: string): HeldRevision | undefined {
    const svc = this.known.get(service);
    const template = svc?.template;
    if (!svc || !template || template.revision !== revision) return undefined;
    if (shortName(svc.latestReadyRevision) !== revision) return undefined;
    const image = ingressImage(template.containers);
    return {
      name: revision,
      labels: { ...(template.labels ?? {}) },
      annotations: { ...(template.annotations ?? {}) },
      ...(image ? { image } : {}),
      ready: true,
    };
  }

  /** A revision, or null when it does not exist. */
  async getRevision(service: string, revision: string): Promise<RevisionInfo | null> {
    const rev = await this.getRevisionRaw(service, revision);
    return rev === null ? null : revisionInfo(rev);
  }

  /** The service's revisions whose labels include every pair of `labelFilter`. */
  async listRevisions(service: string, labelFilter: Record<string, string> = {}): Promise<RevisionInfo[]> {
    const [list] = await this.call(
      () => this.clients.revisions.listRevisions({ parent: this.serviceName(service) }, NO_GAX_RETRY),
      true,
    );
    return list
      .filter((r) => Object.entries(labelFilter).every(([k, v]) => r.labels?.[k] === v))
      .map(revisionInfo);
  }

  /** Deletes a revision and waits; one already gone counts as deleted. */
  async deleteRevision(service: string, revision: string): Promise<void> {
    try {
      const [op] = await this.call(
        () =>
          this.clients.revisions.deleteRevision({ name: this.revisionPath(service, revision) }, NO_GAX_RETRY),
        false,
      );
      await this.waitOperation(op);
    } catch (err) {
      if (errorCode(err) !== GRPC.NOT_FOUND) throw err;
    }
  }

  /** Deletes the service and waits; one already gone counts as deleted. */
  async deleteService(service: string): Promise<void> {
    this.known.delete(service);
    try {
      const [op] = await this.call(
        () => this.clients.services.deleteService({ name: this.serviceName(service) }, NO_GAX_RETRY),
        false,
      );
      await this.waitOperation(op);
    } catch (err) {
      if (errorCode(err) !== GRPC.NOT_FOUND) throw err;
    }
  }

  /** Closes the gRPC channels. */
  close(): Promise<void> {
    return this.clients.close();
  }
}

/**
 * The wait before the next operation poll, `elapsedMs` after the write. A revision that starts quickly is
 * seen within 100 ms in the first second (a doubling backoff found one ready at 300 ms only at 350, one
 * at 400 ms only at 750); after it, one poll a second, the pace gcloud polls at, since a revision still
 * starting then usually takes seconds more.
 */
export function operationPollDelay(elapsedMs: number): number {
  return elapsedMs < 1000 ? 100 : 1000;
}

/**
 * Revisions are always named by the caller, so a re-run finds (and reuses) its own; and what serves is
 * always pinned by digest, so what was checked is what runs (checked again here, before any call).
 */
function revisionNameOf(template: ApiTemplate): string {
  if (!template.revision) throw new Error('a revision template must name its revision');
  requirePinnedImage(ingressImage(template.containers) ?? '');
  return template.revision;
}

/** True when the service's traffic, statuses or latest created revision name `revision` (so it exists). */
function namesRevision(svc: ServiceState, revision: string): boolean {
  return (
    svc.latestCreatedRevision === revision ||
    svc.traffic.some((t) => t.revision === revision) ||
    svc.trafficStatuses.some((t) => t.revision === revision)
  );
}

function revisionInfo(r: ApiRevision): RevisionInfo {
  const readiness = revisionReadiness(r);
  const seconds = r.createTime?.seconds;
  return {
    name: shortName(r.name),
    labels: { ...(r.labels ?? {}) },
    annotations: { ...(r.annotations ?? {}) },
    ...(ingressImage(r.containers) !== undefined ? { image: ingressImage(r.containers) } : {}),
    ...(seconds !== undefined && seconds !== null ? { createTime: new Date(Number(seconds) * 1000) } : {}),
    ready: readiness.ready,
    ...(readiness.message ? { message: readiness.message } : {}),
    template: templateOfRevision(r),
  };
}
