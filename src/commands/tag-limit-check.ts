/**
 * The I/O around cloud-run-limits.ts: before a PR's first preview on a service (a tag the service does not
 * carry yet) is built, one ListServices call counts the region's revision tags. A run that moves an existing
 * tag adds none and makes no call. When the event says the tag is most likely new (the PR was just opened),
 * the list is read first and the service taken from it, so the run reads Cloud Run once for both.
 */
import { limitProblem, limitsFromEnv, tagCount, type WantedTag } from '../cloudrun/cloud-run-limits.js';
import type { ServiceState } from '../cloudrun/run-port.js';
import { errorMessage } from '../config/user-error.js';
import type { ServiceTools as Ports } from './service-tools.js';
import type { PreviewPlan } from './preview.js';

/** The tags a run wants, each on its service and region (an environment's members may span regions). */
export interface RunTag extends WantedTag {
  region: string;
}

/** The region's services as read for the count, or why they could not be (the count is then skipped). */
export type RegionRead = { services: ServiceState[] } | { error: unknown };

/** What a preview reads before anything else: its service, and the region's services when read with it. */
export interface FirstRead {
  before: ServiceState | null;
  region?: RegionRead;
}

/**
 * The service as the run starts from. A PR's run whose tag is most likely new (PreviewPlan.prOpened) reads
 * the region's list, which holds the service (etag included) and the tags to count; any other run reads the
 * service alone. A list that cannot be read (a role without run.services.list) falls back to the service.
 */
export async function readBefore(plan: PreviewPlan, ports: Ports): Promise<FirstRead> {
  if (plan.prNumber === undefined || plan.prOpened !== true)
    return { before: await ports.cloudRun.getService() };
  const region = await readRegion(ports);
  const before = 'error' in region ? await ports.cloudRun.getService() : await ports.cloudRun.knownService();
  return { before, region };
}

async function readRegion(ports: Ports): Promise<RegionRead> {
  try {
    return { services: await ports.cloudRun.regionServices() };
  } catch (err) {
    return { error: err };
  }
}

/**
 * Why the preview must stop before anything is built, or undefined. An environment's member counts every
 * tag its run wants (MemberHooks.runTags), so that members adding tags at once are counted together.
 * `region`: the region as readBefore read it, else it is read here when the tag is new.
 */
export async function tagLimitRefusal(
  plan: PreviewPlan,
  ports: Ports,
  before: ServiceState | null,
  region?: RegionRead,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const o = {
    service: plan.config.service,
    region: plan.config.region,
    project: plan.config.projectId,
    tag: plan.tag,
    runTags: plan.member?.runTags,
  };
  if (before !== null && before.traffic.some((t) => t.tag === o.tag)) return undefined;
  const limits = limitsFromEnv(env);
  const wanted = (o.runTags ?? [{ service: o.service, region: o.region, tag: o.tag }])
    .filter((t) => t.region === o.region)
    .map(({ service, tag }) => ({ service, tag }));
  const read = region ?? (await readRegion(ports));
  if ('error' in read) {
    // The count is a safeguard: a role without run.services.list should not stop every first preview.
    ports.log.warning(
      `Could not count the revision tags of ${o.project}/${o.region} (${errorMessage(read.error)}); Cloud Run's limit of ${limits.tagsPerRegion} tags per region was not checked.`,
    );
    return undefined;
  }
  const { services } = read;
  const problem = limitProblem({ services, wanted, limits, where: `${o.project}/${o.region}` });
  if (problem === undefined) {
    ports.log.info(
      `Revision tags in ${o.project}/${o.region}: ${tagCount(services)} of ${limits.tagsPerRegion} allowed; tag ${o.tag} is new on ${o.service}.`,
    );
  }
  return problem;
}
