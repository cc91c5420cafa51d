/**
 * Cloud Run's revision tag limit checked before a PR's first preview: the emulator's quota set to 3 tags
 * per region, and the action told the same (GCP_DEPLOY_CLOUD_RUN_LIMITS, as for an emulator started with
 * other quotas). The real action runs in process (loadConfig + runEnvironment, the real Cloud Run client).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main.js';
import { withCommand } from '../../src/config/inputs.js';
import { loadEnvironment } from '../../src/environment/load-environment.js';
import { runEnvironment } from '../../src/commands/run-environment.js';
import { LOCATION, PROJECT, REGION, prEvent, sha, startModelWorld, type ModelWorld } from '../model/world.js';

describe('the revision tag limit checked before a new preview tag', () => {
  let world: ModelWorld;
  const saved = process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS;

  beforeAll(async () => {
    world = await startModelWorld({ quotas: { tagsPerRegion: 3 } });
    process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS = 'tags=3';
    await world.createProduction('web');
    await world.createProduction('other');
    // A tag another tool set on another service of the region: the limit is the region's, so it counts.
    const name = `${LOCATION}/services/other`;
    const [svc] = await world.services.getService({ name });
    const [op] = await world.services.updateService({
      service: {
        ...svc,
        traffic: [
          { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 },
          { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'other-base', tag: 'blue' },
        ],
      },
    });
    await op.promise();
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS;
    else process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS = saved;
    await world?.stop();
  });

  const preview = (pr: number, commit: string): ReturnType<ModelWorld['run']> =>
    world.run({ service: 'web', command: 'preview', ctx: prEvent(pr, commit) });
  const tags = async (service: string): Promise<string[]> => {
    const [svc] = await world.services.getService({ name: `${LOCATION}/services/${service}` });
    return (svc.traffic ?? []).flatMap((t) => (t.tag ? [`${t.tag}=${t.revision ?? 'LATEST'}`] : []));
  };
  const listServiceCalls = (): number =>
    world.emulator.recorder.calls.filter((c) => c.method === 'ListServices').length;

  it('counts the region once for a first preview that fits, and not at all when the tag exists', async () => {
    world.emulator.recorder.clear();
    const first = await preview(1, sha('a', 1));
    expect(first.report?.result).toBe('success');
    expect(listServiceCalls()).toBe(1);
    expect(first.log).toContain(
      'Revision tags in model-project/us-central1: 1 of 3 allowed; tag pr-1 is new on web.',
    );

    world.emulator.recorder.clear();
    expect((await preview(1, sha('a', 2))).report?.result).toBe('success');
    expect(listServiceCalls()).toBe(0);

    expect((await preview(2, sha('b', 1))).report?.result).toBe('success');
  });

  it('stops a first preview that would pass the limit: nothing written, every tag kept', async () => {
    const before = { web: await tags('web'), other: await tags('other') };
    expect(before.web.map((t) => t.split('=')[0])).toEqual(['pr-1', 'pr-2']);
    world.emulator.recorder.clear();

    const refused = await preview(3, sha('c', 1));
    expect(refused.report?.result).not.toBe('success');
    expect(refused.report?.failureReason).toBe(
      "Cloud Run's limit of 3 revision tags per project and region would be passed: model-project/us-central1 holds 3, and this preview adds 1 (pr-3 on web). Cloud Run would make room by deleting the oldest tags without traffic on any service of the region (other PRs' previews, or tags other tools set), so nothing was built or deployed. To make room: close finished PRs (their cleanup removes their tags), run the sweep (a `schedule` run with command: auto), lower `stale`, or set `max_previews`.",
    );
    // Nothing was written to Cloud Run (no deploy, no retag), and no revision of PR 3 exists.
    expect(world.emulator.recorder.mutations()).toEqual([]);
    expect(listServiceCalls()).toBe(1);
    const [revisions] = await world.revisions.listRevisions({ parent: `${LOCATION}/services/web` });
    expect(revisions.filter((r) => r.labels?.['gcp-deploy-pr'] === '3')).toEqual([]);
    expect({ web: await tags('web'), other: await tags('other') }).toEqual(before);
    // No deploy phase ran.
    expect(refused.report?.phases.map((p) => p.phase)).not.toContain('deploy');

    // An existing preview still moves at the limit: it adds no tag.
    world.emulator.recorder.clear();
    expect((await preview(2, sha('b', 2))).report?.result).toBe('success');
    expect(listServiceCalls()).toBe(0);
  });
});

describe("an environment's new tags counted together against the limit", () => {
  let world: ModelWorld;
  const saved = process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS;
  const SERVICES = ['name: shop', 'services:', '  api: {}', '  web:', '    needs: [api]', ''].join('\n');

  beforeAll(async () => {
    world = await startModelWorld({ quotas: { tagsPerRegion: 3 } });
    process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS = 'tags=3';
    for (const s of ['api', 'web']) await world.createProduction(s);
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS;
    else process.env.GCP_DEPLOY_CLOUD_RUN_LIMITS = saved;
    await world?.stop();
  });

  const preview = async (pr: number): ReturnType<typeof runEnvironment> => {
    const head = sha('d', pr);
    const inputs: Record<string, string> = {
      command: 'preview',
      project_id: PROJECT,
      region: REGION,
      services: SERVICES,
      image: `us-docker.pkg.dev/${PROJECT}/r/app@sha256:${(head + head).slice(0, 64)}`,
      health_path: '/',
      health_timeout: '5s',
      timeout: '2m',
      comment: 'false',
    };
    const read = (name: string): string => inputs[name] ?? '';
    const env = await loadEnvironment(SERVICES, read, (r) => withCommand('preview', r), loadConfig);
    return runEnvironment('preview', env, prEvent(pr, head), new AbortController().signal);
  };

  it('two members adding a tag each do not fit in the one left: neither is deployed', async () => {
    expect((await preview(1)).result).toBe('success'); // 2 of 3 tags
    world.emulator.recorder.clear();
    const refused = await preview(2);
    expect(refused.result).not.toBe('success');
    expect(refused.failureReason).toMatch(
      /limit of 3 revision tags per project and region would be passed: model-project\/us-central1 holds 2, and this preview adds 2 \(pr-2 on api, pr-2 on web\)/,
    );
    expect(world.emulator.recorder.mutations()).toEqual([]);
    for (const service of ['api', 'web']) {
      const [svc] = await world.services.getService({ name: `${LOCATION}/services/${service}` });
      expect((svc.traffic ?? []).flatMap((t) => (t.tag ? [t.tag] : []))).toEqual(['pr-1']);
    }
  });
});
