/**
 * Cloud Run's own limits (https://cloud.google.com/run/quotas), checked before a run adds a revision tag.
 *
 * - Revision tags: 2,000 per project and region. Past it Cloud Run does not refuse the write: it deletes the
 *   oldest tags that carry no traffic, on any service of the region, so one PR's first preview would silently
 *   take another PR's preview (or a tag another tool set). Hence the count before anything is built.
 * - Revisions: 1,000 per service. Past it Cloud Run deletes non-serving revisions, oldest first, which is
 *   harmless to previews (each tag keeps its revision; a rollback to a collected revision removes the tag
 *   instead, see preview.ts). Only revisions that are tagged or serve traffic cannot be collected, and only a
 *   new tag adds one, so the check asks whether the service could still make room once this tag is added.
 *
 * Pure: the caller lists the region's services (one ListServices call) and gets one line back, or nothing.
 */
import type { TrafficTarget } from './traffic-plan.js';

export interface CloudRunLimits {
  tagsPerRegion: number;
  revisionsPerService: number;
}

export const CLOUD_RUN_LIMITS: CloudRunLimits = { tagsPerRegion: 2000, revisionsPerService: 1000 };

/** What the count needs of each service of the region. */
export interface RegionService {
  name: string;
  traffic: TrafficTarget[];
  latestReadyRevision?: string;
}

/** A tag this run would point at a new revision of `service`. */
export interface WantedTag {
  service: string;
  tag: string;
}

/**
 * The limits to hold: Cloud Run's, unless GCP_DEPLOY_CLOUD_RUN_LIMITS (`tags=N,revisions=M`, either part
 * optional) lowers them, for an emulator started with smaller quotas. A value that is not a positive whole
 * number is refused with the variable named.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv): CloudRunLimits {
  const raw = env.GCP_DEPLOY_CLOUD_RUN_LIMITS?.trim() ?? '';
  const limits = { ...CLOUD_RUN_LIMITS };
  if (raw === '') return limits;
  for (const part of raw.split(',')) {
    const m = /^\s*(tags|revisions)\s*=\s*([1-9]\d{0,6})\s*$/.exec(part);
    if (m === null) {
      throw new Error(
        `GCP_DEPLOY_CLOUD_RUN_LIMITS: got ${JSON.stringify(raw)}; allowed: tags=N,revisions=M (positive whole numbers, either part optional).`,
      );
    }
    if (m[1] === 'tags') limits.tagsPerRegion = Number(m[2]);
    else limits.revisionsPerService = Number(m[2]);
  }
  return limits;
}

/** The tags of `wanted` that are new: their service does not carry them yet (or does not exist). */
export function newTags(services: readonly RegionService[], wanted: readonly WantedTag[]): WantedTag[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  return wanted.filter((w) => !(byName.get(w.service)?.traffic ?? []).some((t) => t.tag === w.tag));
}

/** Every tag of the region counts, whoever set it: the limit is the region's, not the action's. */
export function tagCount(services: readonly RegionService[]): number {
  return services.reduce(
    (n, s) => n + s.traffic.filter((t) => t.tag !== undefined && t.tag !== '').length,
    0,
  );
}

/** Revisions Cloud Run may not collect: those a tag or a traffic percent names (LATEST: the newest ready). */
export function pinnedRevisions(service: RegionService): number {
  const pinned = new Set<string>();
  for (const t of service.traffic) {
    if (t.percent <= 0 && (t.tag === undefined || t.tag === '')) continue;
    const revision = t.type === 'LATEST' ? service.latestReadyRevision : t.revision;
    if (revision !== undefined) pinned.add(revision);
  }
  return pinned.size;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** What to do when a limit is in the way, the same for both. */
export const MAKE_ROOM =
  'To make room: close finished PRs (their cleanup removes their tags), run the sweep (a `schedule` run with command: auto), lower `stale`, or set `max_previews`.';

/**
 * Why this run must stop before anything is built, or undefined when the new tags fit. `where` names the
 * project and region (`my-project/europe-west1`).
 */
export function limitProblem(o: {
  services: readonly RegionService[];
  wanted: readonly WantedTag[];
  limits: CloudRunLimits;
  where: string;
}): string | undefined {
  const adding = newTags(o.services, o.wanted);
  if (adding.length === 0) return undefined;
  const held = tagCount(o.services);
  const what = adding.map((a) => `${a.tag} on ${a.service}`).join(', ');
  if (held + adding.length > o.limits.tagsPerRegion) {
    return (
      `Cloud Run's limit of ${count(o.limits.tagsPerRegion)} revision tags per project and region would be passed: ` +
      `${o.where} holds ${count(held)}, and this preview adds ${adding.length} (${what}). Cloud Run would make room by ` +
      `deleting the oldest tags without traffic on any service of the region (other PRs' previews, or tags other tools set), ` +
      `so nothing was built or deployed. ${MAKE_ROOM}`
    );
  }
  for (const a of adding) {
    const service = o.services.find((s) => s.name === a.service);
    const pinned = service === undefined ? 0 : pinnedRevisions(service);
    if (pinned + 1 > o.limits.revisionsPerService) {
      return (
        `Cloud Run's limit of ${count(o.limits.revisionsPerService)} revisions per service would be passed: ` +
        `${a.service} has ${count(pinned)} revisions that are tagged or serve traffic, which Cloud Run cannot garbage-collect, ` +
        `and tag ${a.tag} would pin one more; nothing was built or deployed. ${MAKE_ROOM}`
      );
    }
  }
  return undefined;
}

/**
 * PR events after which the PR's tag is most likely new on the service: opened or reopened, or labelled
 * (an opt-in label's first preview). The run then reads the region's services first, since one ListServices
 * holds both the service and the tags to count, where a GetService and then the list would be two calls.
 */
const FIRST_PREVIEW_ACTIONS: ReadonlySet<string> = new Set(['opened', 'reopened', 'labeled']);

export function tagLikelyNew(action: string | undefined): boolean {
  return action !== undefined && FIRST_PREVIEW_ACTIONS.has(action);
}
