import { isDeepStrictEqual } from 'node:util';
import {
  canonical,
  deletedView,
  OUTPUT_ONLY,
  revisionView,
  serviceUrlKey,
  serviceView,
  tagUrlKey,
  type Msg,
  type Readiness,
  type RevisionRecord,
  type ServiceRecord,
} from './cloud-run-records.js';
import {
  generatedRevisionId,
  parseLocationParent,
  parseRevisionName,
  parseRevisionsParent,
  parseServiceName,
  validateRevisionId,
  validateServiceId,
} from './naming.js';
import { aborted, alreadyExists, failedPrecondition, invalidArgument, notFound } from './rpc-error.js';
import { validateServiceInput } from './template-validation.js';
import {
  LATEST,
  normalizeTraffic,
  REVISION,
  validateTraffic,
  type TrafficTarget,
  type TrafficTargetInput,
} from './traffic-validation.js';

export { canonical, serviceUrlKey, tagUrlKey, urlKeysFor, type Msg } from './cloud-run-records.js';

/** What a Create/Update did: the service as it now reads, and the revisions its operation must wait for. */
export interface MutationResult {
  service: Msg;
  newRevision?: { name: string; id: string; serviceId: string; template: Msg };
  waitFor: string[];
  /** Revisions the per-service limit garbage-collected: their runtimes must stop. */
  collected?: string[];
}

/**
 * Cloud Run's resource limits (https://cloud.google.com/run/quotas): "Maximum number of revisions per
 * service. When limit is reached, non-serving revisions are automatically deleted in historical order"
 * (1000, per service); "Maximum number of revision tags" (2000, per project and region), beyond which tags
 * that carry no traffic percent are deleted, oldest first. Tests set them small to reach them.
 */
export interface Quotas {
  revisionsPerService: number;
  tagsPerRegion: number;
}

export const CLOUD_RUN_QUOTAS: Quotas = { revisionsPerService: 1000, tagsPerRegion: 2000 };

/** Dependencies the state machine needs from outside, kept as plain functions so it stays free of I/O. */
export interface StateDeps {
  now(): number;
  random(): number;
  /** The URL already allocated for a key from {@link urlKeysFor}, if any. */
  url(key: string): string | undefined;
  /** Defaults to {@link CLOUD_RUN_QUOTAS}. */
  quotas?: Partial<Quotas>;
}

/** proto3 FieldMask paths are snake_case; proto-loader hands message fields over in camelCase. */
const camel = (path: string): string => path.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export class CloudRunState {
  private readonly services = new Map<string, ServiceRecord>();
  private readonly revisions = new Map<string, RevisionRecord>();

  constructor(private readonly deps: StateDeps) {}

  private newEtag(): string {
    return `"${Math.floor(this.deps.random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')}${this.deps.now().toString(16)}"`;
  }

  /** "The value is a UUID4 string" (service.proto, revision.proto): version nibble 4, variant 10xx. */
  private uid(): string {
    const b = Array.from({ length: 16 }, () => Math.floor(this.deps.random() * 256) & 0xff);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private get quotas(): Quotas {
    return { ...CLOUD_RUN_QUOTAS, ...this.deps.quotas };
  }

  private service(name: string): ServiceRecord {
    parseServiceName(name);
    const svc = this.services.get(name);
    if (!svc) throw notFound(`Resource '${name}' was not found.`);
    return svc;
  }

  /** CreateService: validates everything before changing anything. */
  createService(parent: string, serviceId: string, input: Msg, validateOnly = false): MutationResult {
    parseLocationParent(parent);
    validateServiceId(serviceId);
    const name = `${parent}/services/${serviceId}`;
    if (this.services.has(name)) throw alreadyExists(`Resource '${name}' already exists.`);
    const now = this.deps.now();
    const svc: ServiceRecord = {
      name,
      id: serviceId,
      uid: this.uid(),
      spec: {},
      template: {},
      traffic: [],
      generation: 0,
      revisionCounter: 0,
      latestCreated: '',
      createTime: now,
      updateTime: now,
      etag: '',
      statuses: [],
      terminal: { state: 'CONDITION_RECONCILING', message: '' },
      observedGeneration: 0,
      latestReady: '',
      tagSince: {},
    };
    return this.apply(svc, input, validateOnly, true);
  }

  /**
   * UpdateService: etag-checked replace of the spec; creates the service when allowMissing is set. With an
   * `update_mask` ("The list of fields to be updated") only the named fields change; the rest stays as stored.
   */
  updateService(
    input: Msg,
    allowMissing = false,
    validateOnly = false,
    updateMask: readonly string[] = [],
  ): MutationResult {
    const name = typeof input.name === 'string' ? input.name : '';
    const parts = parseServiceName(name);
    const svc = this.services.get(name);
    if (!svc) {
      if (!allowMissing) throw notFound(`Resource '${name}' was not found.`);
      return this.createService(
        `projects/${parts.project}/locations/${parts.location}`,
        parts.service,
        input,
        validateOnly,
      );
    }
    const etag = typeof input.etag === 'string' ? input.etag : '';
    if (etag && etag !== svc.etag) {
      throw aborted(
        `The service '${name}' was modified since it was read: etag ${etag} does not match ${svc.etag}.`,
      );
    }
    return this.apply(svc, this.masked(svc, input, updateMask), validateOnly, false);
  }

  /**
   * The template an UpdateService would deploy as a new revision, or undefined when it only changes traffic,
   * labels or other service-level fields (or the service does not exist: creation is judged as such).
   * Cloud Run checks iam.serviceAccounts.actAs only on a deploy; a traffic change needs none.
   */
  deployedTemplate(input: Msg, updateMask: readonly string[] = []): Msg | undefined {
    const name = typeof input.name === 'string' ? input.name : '';
    const svc = this.services.get(name);
    if (!svc) return (input.template as Msg | undefined) ?? {};
    const template = (this.masked(svc, input, updateMask).template as Msg | undefined) ?? {};
    const latestExists = this.revisions.has(svc.latestCreated);
    return !latestExists || !isDeepStrictEqual(canonical(template), canonical(svc.template))
      ? template
      : undefined;
  }

  /** The stored spec with only the masked fields taken from `input` (no mask, or '*': all of `input`). */
  private masked(svc: ServiceRecord, input: Msg, updateMask: readonly string[]): Msg {
    if (updateMask.length === 0 || updateMask.includes('*')) return input;
    const out: Msg = structuredClone({
      ...svc.spec,
      template: svc.template,
      traffic: svc.traffic.map((t) => ({ ...t })),
    });
    for (const path of updateMask) {
      const keys = path.split('.').map(camel);
      if (
        keys.some((k) => k === '') ||
        (OUTPUT_ONLY.includes(keys[0]) && !['template', 'traffic'].includes(keys[0]))
      ) {
        throw invalidArgument(`update_mask: '${path}' does not name a field of Service that can be updated.`);
      }
      let from: unknown = input;
      let to: Msg = out;
      for (const [i, k] of keys.entries()) {
        const value = (from as Msg | undefined)?.[k];
        if (i === keys.length - 1) {
          if (value === undefined) delete to[k];
          else to[k] = structuredClone(value);
        } else {
          if (typeof to[k] !== 'object' || to[k] === null) to[k] = {};
          to = to[k] as Msg;
          from = value;
        }
      }
    }
    return out;
  }

  private apply(svc: ServiceRecord, input: Msg, validateOnly: boolean, isNew: boolean): MutationResult {
    const template = (input.template as Msg | undefined) ?? {};
    validateServiceInput(input);
    const named = typeof template.revision === 'string' ? template.revision : '';
    let newRevisionId: string | undefined;
    const latestExists = this.revisions.has(svc.latestCreated);
    if (isNew || !latestExists || !isDeepStrictEqual(canonical(template), canonical(svc.template))) {
      if (named) {
        validateRevisionId(svc.id, named);
        const existing = this.revisions.get(`${svc.name}/revisions/${named}`);
        if (existing && !isDeepStrictEqual(canonical(existing.template), canonical(template))) {
          throw alreadyExists(`Revision named '${named}' already exists with a different template.`);
        }
        if (!existing) newRevisionId = named;
      } else {
        newRevisionId = generatedRevisionId(svc.id, svc.revisionCounter + 1, () => this.deps.random());
      }
    }
    const givenTraffic = normalizeTraffic((input.traffic as TrafficTargetInput[] | undefined) ?? []);
    const traffic: TrafficTarget[] = givenTraffic.length
      ? givenTraffic
      : [{ type: LATEST, revision: '', percent: 100, tag: '' }];
    validateTraffic(
      svc.id,
      traffic,
      (rev) => rev === newRevisionId || this.revisions.has(`${svc.name}/revisions/${rev}`),
    );
    for (const t of traffic) {
      const rec = t.type === REVISION ? this.revisions.get(`${svc.name}/revisions/${t.revision}`) : undefined;
      if (rec?.state === 'failed') {
        throw failedPrecondition(
          `Revision '${t.revision}' is not ready and cannot serve traffic. ${rec.message}`,
        );
      }
    }
    const now = this.deps.now();
    const since = this.tagTimes(svc, traffic, now);
    const dropTags = this.tagsOverQuota(svc, traffic, since);
    if (validateOnly) return { service: this.viewOf(svc), waitFor: [] };

    const spec: Msg = { ...input };
    for (const k of OUTPUT_ONLY) delete spec[k];
    const unchanged =
      !isNew &&
      !newRevisionId &&
      isDeepStrictEqual(canonical(template), canonical(svc.template)) &&
      isDeepStrictEqual(traffic, svc.traffic) &&
      isDeepStrictEqual(canonical(spec), canonical(svc.spec));
    // Like Kubernetes-style generations: re-applying the same spec is a no-op, so re-runs keep the etag.
    if (unchanged) return { service: this.viewOf(svc), waitFor: this.pendingNamed(svc) };
    svc.spec = spec;
    svc.template = template;
    svc.traffic = traffic;
    svc.tagSince = since;
    this.dropTags(dropTags, svc, now);
    svc.generation += 1;
    svc.updateTime = now;
    svc.etag = this.newEtag();
    this.services.set(svc.name, svc);
    let newRevision: MutationResult['newRevision'];
    if (newRevisionId) {
      svc.revisionCounter += 1;
      const rec: RevisionRecord = {
        name: `${svc.name}/revisions/${newRevisionId}`,
        id: newRevisionId,
        serviceName: svc.name,
        generation: svc.revisionCounter,
        uid: this.uid(),
        template,
        createTime: now,
        updateTime: now,
        state: 'pending',
        message: '',
        etag: this.newEtag(),
        launchStage: typeof spec.launchStage === 'string' ? spec.launchStage : undefined,
      };
      this.revisions.set(rec.name, rec);
      svc.latestCreated = rec.name;
      svc.rollout = rec.name;
      newRevision = { name: rec.name, id: rec.id, serviceId: svc.id, template };
    } else if (named) {
      svc.latestCreated = `${svc.name}/revisions/${named}`;
    }
    const collected = newRevision ? this.collectRevisions(svc) : [];
    this.resolveTraffic(svc);
    const waitFor = new Set<string>(this.pendingNamed(svc));
    if (newRevision) waitFor.add(newRevision.name);
    if (!newRevision && waitFor.size === 0) this.succeeded(svc);
    else svc.terminal = { state: 'CONDITION_RECONCILING', message: '' };
    return {
      service: this.viewOf(svc),
      newRevision,
      waitFor: [...waitFor],
      ...(collected.length > 0 ? { collected } : {}),
    };
  }

  /**
   * Reconciliation succeeded: "`observed_generation` and `generation`, `latest_ready_revision` and
   * `latest_created_revision` will match" (service.proto, `reconciling`). A failure leaves both as the last
   * serving state had them ("or empty for newly created Services").
   */
  private succeeded(svc: ServiceRecord): void {
    svc.terminal = { state: 'CONDITION_SUCCEEDED', message: '' };
    svc.observedGeneration = svc.generation;
    const created = this.revisions.get(svc.latestCreated);
    svc.latestReady =
      created?.state === 'ready'
        ? created.name
        : (this.revisionsOf(svc.name).find((r) => r.state === 'ready')?.name ?? svc.latestReady);
  }

  /** When each tag of `traffic` was set: kept while it stays on the same target, else now. */
  private tagTimes(
    svc: ServiceRecord,
    traffic: readonly TrafficTarget[],
    now: number,
  ): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of traffic) {
      if (!t.tag) continue;
      const old = svc.traffic.find((o) => o.tag === t.tag);
      const same = old !== undefined && old.type === t.type && old.revision === t.revision;
      out[t.tag] = same ? (svc.tagSince[t.tag] ?? now) : now;
    }
    return out;
  }

  /**
   * The tags the per-region limit deletes so that `traffic` fits: tags without a traffic percent, oldest
   * first, on any service of the project and region (this write's own new tags are the newest). Refuses the
   * write when only tags carrying traffic are left to delete.
   */
  private tagsOverQuota(
    svc: ServiceRecord,
    traffic: readonly TrafficTarget[],
    since: Record<string, number>,
  ): { service: string; tag: string }[] {
    const limit = this.quotas.tagsPerRegion;
    const location = svc.name.slice(0, svc.name.indexOf('/services/'));
    const all: { service: string; tag: string; since: number; percent: number; asked?: boolean }[] = [];
    for (const other of this.services.values()) {
      if (other.name === svc.name || !other.name.startsWith(`${location}/services/`)) continue;
      for (const t of other.traffic) {
        if (t.tag)
          all.push({
            service: other.name,
            tag: t.tag,
            since: other.tagSince[t.tag] ?? 0,
            percent: t.percent,
          });
      }
    }
    // A tag this write sets or moves is what it asks for: never deleted to make room for itself.
    const asked = (tag: string): boolean =>
      svc.tagSince[tag] === undefined || since[tag] !== svc.tagSince[tag];
    for (const t of traffic) {
      if (t.tag) {
        const entry = { service: svc.name, tag: t.tag, since: since[t.tag] ?? 0, percent: t.percent };
        all.push({ ...entry, asked: asked(t.tag) });
      }
    }
    const excess = all.length - limit;
    if (excess <= 0) return [];
    const deletable = all
      .filter((t) => t.percent === 0 && t.asked !== true)
      .sort((a, b) => a.since - b.since);
    if (deletable.length < excess) {
      throw failedPrecondition(
        `Quota exceeded: ${location} would hold ${all.length} revision tags, over its limit of ${limit}, and only tags serving traffic or set by this request are left.`,
      );
    }
    return deletable.slice(0, excess).map(({ service, tag }) => ({ service, tag }));
  }

  /** Deletes tags for the tag limit: from `svc`'s new traffic in place, from other services as a system change. */
  private dropTags(drop: readonly { service: string; tag: string }[], svc: ServiceRecord, now: number): void {
    for (const { service, tag } of drop) {
      const target = service === svc.name ? svc : this.services.get(service);
      if (!target) continue;
      target.traffic = target.traffic
        .map((t) => (t.tag === tag ? { ...t, tag: '' } : t))
        .filter((t) => t.percent > 0 || t.tag !== '');
      delete target.tagSince[tag];
      target.statuses = target.statuses
        .filter((t) => t.tag !== tag || t.percent > 0)
        .map((t) => (t.tag === tag ? { ...t, tag: '', uri: '' } : t));
      if (target !== svc) {
        target.etag = this.newEtag();
        target.updateTime = now;
      }
    }
  }

  /** "When limit is reached, non-serving revisions are automatically deleted in historical order." */
  private collectRevisions(svc: ServiceRecord): string[] {
    const mine = this.revisionsOf(svc.name);
    let excess = mine.length - this.quotas.revisionsPerService;
    if (excess <= 0) return [];
    const referenced = new Set<string>([
      ...svc.traffic.filter((t) => t.type === REVISION).map((t) => t.revision),
      ...svc.statuses.filter((t) => t.percent > 0 || t.tag).map((t) => t.revision),
    ]);
    const out: string[] = [];
    for (const r of [...mine].reverse()) {
      if (excess <= 0) break;
      if (referenced.has(r.id) || r.name === svc.latestCreated) continue;
      if (r.state === 'pending') continue;
      this.revisions.delete(r.name);
      out.push(r.name);
      excess -= 1;
    }
    return out;
  }

  private pendingNamed(svc: ServiceRecord): string[] {
    return svc.traffic
      .filter((t) => t.type === REVISION)
      .map((t) => this.revisions.get(`${svc.name}/revisions/${t.revision}`))
      .filter((r): r is RevisionRecord => r?.state === 'pending')
      .map((r) => r.name);
  }

  /** Recomputes trafficStatuses when every named revision is ready; LATEST means the newest ready revision. */
  private resolveTraffic(svc: ServiceRecord): void {
    const mine = this.revisionsOf(svc.name);
    const newestReady = mine.find((r) => r.state === 'ready');
    const allReady = svc.traffic.every(
      (t) =>
        t.type === LATEST || this.revisions.get(`${svc.name}/revisions/${t.revision}`)?.state === 'ready',
    );
    if (!allReady) return;
    svc.statuses = svc.traffic
      .map((t) => ({
        ...t,
        revision: t.type === LATEST ? (newestReady?.id ?? '') : t.revision,
        uri: t.tag ? (this.deps.url(tagUrlKey(svc.name, t.tag)) ?? '') : '',
      }))
      .filter((t) => t.revision !== '');
  }

  private revisionsOf(serviceName: string): RevisionRecord[] {
    return [...this.revisions.values()]
      .filter((r) => r.serviceName === serviceName)
      .sort((a, b) => b.generation - a.generation);
  }

  /** Marks a revision Ready and rolls the service's traffic forward to it where the spec asks for that. */
  revisionReady(name: string): void {
    this.settle(name, 'ready', '');
  }

  /** Marks a revision failed with Cloud Run's condition message. */
  revisionFailed(name: string, message: string): void {
    this.settle(name, 'failed', message);
  }

  private settle(name: string, state: Readiness, message: string): void {
    const rec = this.revisions.get(name);
    if (!rec) return;
    rec.state = state;
    rec.message = message;
    rec.updateTime = this.deps.now();
    const svc = this.services.get(rec.serviceName);
    if (!svc) return;
    this.resolveTraffic(svc);
    const pending = svc.traffic.some(
      (t) =>
        t.type === REVISION && this.revisions.get(`${svc.name}/revisions/${t.revision}`)?.state === 'pending',
    );
    if (svc.rollout === name || !pending) {
      if (svc.rollout === name) svc.rollout = undefined;
      svc.terminal =
        state === 'failed'
          ? {
              state: 'CONDITION_FAILED',
              message: `Revision '${rec.id}' is not ready and cannot serve traffic. ${message}`,
            }
          : pending || svc.rollout
            ? { state: 'CONDITION_RECONCILING', message: '' }
            : { state: 'CONDITION_SUCCEEDED', message: '' };
      if (svc.terminal.state === 'CONDITION_SUCCEEDED') this.succeeded(svc);
    }
  }

  /** Readiness of a revision: 'pending', 'ready' or 'failed' with its message. */
  readiness(name: string): { state: Readiness; message: string } | undefined {
    const rec = this.revisions.get(name);
    return rec && { state: rec.state, message: rec.message };
  }

  /** GetService. */
  getService(name: string): Msg {
    return this.viewOf(this.service(name));
  }

  /** ListServices, sorted by name. */
  listServices(parent: string): Msg[] {
    parseLocationParent(parent);
    return [...this.services.values()]
      .filter((s) => s.name.startsWith(`${parent}/services/`))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => this.viewOf(s));
  }

  /** DeleteService: returns the last view (with its deletion times) and the revisions whose runtimes must stop. */
  deleteService(name: string, etag = ''): { service: Msg; revisions: string[] } {
    const svc = this.service(name);
    if (etag && etag !== svc.etag)
      throw aborted(`The service '${name}' was modified since it was read: etag mismatch.`);
    const view = deletedView(this.viewOf(svc), this.deps.now());
    const revisions = this.revisionsOf(name).map((r) => r.name);
    for (const r of revisions) this.revisions.delete(r);
    this.services.delete(name);
    return { service: view, revisions };
  }

  /** GetRevision. */
  getRevision(name: string): Msg {
    parseRevisionName(name);
    const rec = this.revisions.get(name);
    if (!rec) throw notFound(`Resource '${name}' was not found.`);
    return revisionView(rec);
  }

  /**
   * ListRevisions of one service, newest first; "To list all Revisions across Services, use "-" instead of
   * Service name" (revision.proto): then by service, each newest first.
   */
  listRevisions(parent: string): Msg[] {
    const across = parseRevisionsParent(parent);
    if (across === undefined) {
      this.service(parent);
      return this.revisionsOf(parent).map((r) => revisionView(r));
    }
    return [...this.services.keys()]
      .filter((n) => n.startsWith(`${across}/services/`))
      .sort()
      .flatMap((n) => this.revisionsOf(n).map((r) => revisionView(r)));
  }

  /** DeleteRevision: only retired revisions (no traffic, no tag, not named in traffic) may go. */
  deleteRevision(name: string, etag = '', validateOnly = false): Msg {
    const { serviceName, revision } = parseRevisionName(name);
    const rec = this.revisions.get(name);
    if (!rec) throw notFound(`Resource '${name}' was not found.`);
    if (etag && etag !== rec.etag)
      throw aborted(`The revision '${name}' was modified since it was read: etag mismatch.`);
    const svc = this.services.get(serviceName);
    const inUse =
      svc?.statuses.some((t) => t.revision === revision && (t.percent > 0 || t.tag)) ||
      svc?.traffic.some((t) => t.type === REVISION && t.revision === revision);
    if (inUse) {
      throw failedPrecondition(
        `Revision '${revision}' cannot be deleted because it is serving traffic or is referenced by a traffic tag.`,
      );
    }
    if (validateOnly) return revisionView(rec);
    this.revisions.delete(name);
    return deletedView(revisionView(rec), this.deps.now());
  }

  /** Where a URL key routes: revision resource names with their percent (a tag URL: its one revision at 100). */
  routes(key: string): { revision: string; percent: number }[] {
    const [kind, serviceName, tag] = key.split('|');
    const svc = this.services.get(serviceName);
    if (!svc) return [];
    const full = (id: string): string => `${serviceName}/revisions/${id}`;
    if (kind === 'tag') {
      const t = svc.statuses.find((s) => s.tag === tag);
      return t ? [{ revision: full(t.revision), percent: 100 }] : [];
    }
    return svc.statuses
      .filter((s) => s.percent > 0)
      .map((s) => ({ revision: full(s.revision), percent: s.percent }));
  }

  private viewOf(svc: ServiceRecord): Msg {
    return serviceView(svc, this.deps.url(serviceUrlKey(svc.name)) ?? '');
  }
}
