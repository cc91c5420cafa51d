/**
 * The I/O around cloud-run-limits.ts: before a PR's first preview on a service (a tag the service does not
 * carry yet) is built, one ListServices call counts the region's revision tags. A run that moves an existing
 * tag adds none and makes no call.
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

/**
 * Why the preview must stop before anything is built, or undefined. An environment's member counts every
 * tag its run wants (MemberHooks.runTags), so that members adding tags at once are counted together.
 */
export async function tagLimitRefusal(
  plan: PreviewPlan,
  ports: Ports,
  before: ServiceState | null,
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
  let services: ServiceState[];
  try {
    services = await ports.cloudRun.regionServices();
  } catch (err) {
    // The count is a safeguard: a role without run.services.list should not stop every first preview.
    ports.log.warning(
      `Could not count the revision tags of ${o.project}/${o.region} (${errorMessage(err)}); Cloud Run's limit of ${limits.tagsPerRegion} tags per region was not checked.`,
    );
    return undefined;
  }
  const problem = limitProblem({ services, wanted, limits, where: `${o.project}/${o.region}` });
  if (problem === undefined) {
    ports.log.info(
      `Revision tags in ${o.project}/${o.region}: ${tagCount(services)} of ${limits.tagsPerRegion} allowed; tag ${o.tag} is new on ${o.service}.`,
    );
  }
  return problem;
}
