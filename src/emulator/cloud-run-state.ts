import { isDeepStrictEqual } from 'node:util';
import {
  canonical,
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
  parseServiceName,
  validateRevisionId,
  validateServiceId,
} from './naming.js';
import { aborted, alreadyExists, failedPrecondition, notFound } from './rpc-error.js';
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
}

/** Dependencies the state machine needs from outside, kept as plain functions so it stays free of I/O. */
export interface StateDeps {
  now(): number;
  random(): number;
  /** The URL already allocated for a key from {@link urlKeysFor}, if any. */
  url(key: string): string | undefined;
}

export class CloudRunState {
  private readonly services = new Map<string, ServiceRecord>();
  private readonly revisions = new Map<string, RevisionRecord>();

  constructor(private readonly deps: StateDeps) {}

  private newEtag(): string {
    return `"${Math.floor(this.deps.random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')}${this.deps.now().toString(16)}"`;
  }

  private uid(): string {
    const hex = (): string =>
      Math.floor(this.deps.random() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return `${hex()}${hex()}-${hex()}-${hex()}-${hex()}-${hex()}${hex()}${hex()}`;
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
    };
    return this.apply(svc, input, validateOnly, true);
  }

  /** UpdateService: etag-checked replace of the spec; creates the service when allowMissing is set. */
  updateService(input: Msg, allowMissing = false, validateOnly = false): MutationResult {
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
    return this.apply(svc, input, validateOnly, false);
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
    const now = this.deps.now();
    svc.spec = spec;
    svc.template = template;
    svc.traffic = traffic;
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
    this.resolveTraffic(svc);
    const waitFor = new Set<string>(this.pendingNamed(svc));
    if (newRevision) waitFor.add(newRevision.name);
    if (!newRevision && waitFor.size === 0) svc.terminal = { state: 'CONDITION_SUCCEEDED', message: '' };
    else svc.terminal = { state: 'CONDITION_RECONCILING', message: '' };
    return { service: this.viewOf(svc), newRevision, waitFor: [...waitFor] };
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

  /** DeleteService: returns the last view and the revisions whose runtimes must stop. */
  deleteService(name: string, etag = ''): { service: Msg; revisions: string[] } {
    const svc = this.service(name);
    if (etag && etag !== svc.etag)
      throw aborted(`The service '${name}' was modified since it was read: etag mismatch.`);
    const view = this.viewOf(svc);
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

  /** ListRevisions of one service, newest first. */
  listRevisions(parent: string): Msg[] {
    this.service(parent);
    return this.revisionsOf(parent).map((r) => revisionView(r));
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
    const view = revisionView(rec);
    if (!validateOnly) this.revisions.delete(name);
    return view;
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
    return serviceView(svc, this.revisionsOf(svc.name), this.deps.url(serviceUrlKey(svc.name)) ?? '');
  }
}
