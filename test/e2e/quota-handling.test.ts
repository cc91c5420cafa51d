/**
 * The action on Cloud Run's limits (https://cloud.google.com/run/quotas), with the emulator's quotas set
 * small: a preview whose last good revision was garbage-collected, and the revision tag limit reached across
 * many PRs. The real action runs in process (loadConfig + runEnvironment of one service, the real Cloud Run client).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCATION, prEvent, sha, startModelWorld, type ModelWorld } from '../model/world.js';
import { FAILING_PREFIX, FAILING_REVISION } from '../model/world.js';

describe('a preview whose last good revision Cloud Run garbage-collected', () => {
  let world: ModelWorld;
  const service = 'gc';
  const name = `${LOCATION}/services/${service}`;

  beforeAll(async () => {
    world = await startModelWorld({ quotas: { revisionsPerService: 4 } });
    world.emulator.faults.makeUnhealthy(FAILING_REVISION);
    await world.createProduction(service);
  });
  afterAll(async () => {
    await world?.stop();
  });

  const push = (pr: number, commit: string): ReturnType<ModelWorld['run']> =>
    world.run({ service, command: 'preview', ctx: prEvent(pr, commit) });
  const tags = async (): Promise<Record<string, string>> => {
    const [svc] = await world.services.getService({ name });
    const out: Record<string, string> = {};
    for (const t of svc.traffic ?? []) if (t.tag) out[t.tag] = t.revision ?? '';
    return out;
  };

  it('removes the tag instead of failing the rollback to a revision that no longer exists', async () => {
    const first = await push(1, sha('a', 1));
    expect(first.report?.failureReason).toBeUndefined();
    expect(first.report?.result).toBe('success');
    const good = first.report!.revision!;

    // A run killed outright left pr-1 on a revision that never passed: the recorded pass is now untagged.
    const [svc] = await world.services.getService({ name });
    const killed = `${service}-pr1-killed`;
    const [op] = await world.services.updateService({
      service: {
        ...svc,
        template: { ...svc.template, revision: killed },
        traffic: (svc.traffic ?? []).map((t) => (t.tag === 'pr-1' ? { ...t, revision: killed } : t)),
      },
    });
    await op.promise();
    // Two more previews take the service over its limit of 4: the oldest revision serving nothing goes.
    for (const pr of [2, 3]) expect((await push(pr, sha('a', pr))).report?.result).toBe('success');
    await expect(world.revisions.getRevision({ name: `${name}/revisions/${good}` })).rejects.toMatchObject({
      code: 5,
    });
    const before = await tags();

    const failing = await push(1, sha(FAILING_PREFIX, 9));
    expect(failing.report?.result).toBe('rolled-back');
    expect(failing.report?.failureReason).not.toMatch(/rollback .* also failed/);
    expect(failing.report?.notes.join('\n')).toContain(
      `${good}, the last revision that passed its checks, no longer exists`,
    );
    const after = await tags();
    expect(after['pr-1']).toBeUndefined();
    expect(after['pr-2']).toBe(before['pr-2']);
    expect(after['pr-3']).toBe(before['pr-3']);
  });
});

describe('the revision tag limit reached across many PRs', () => {
  let world: ModelWorld;
  const service = 'tags';
  const name = `${LOCATION}/services/${service}`;

  beforeAll(async () => {
    world = await startModelWorld({ quotas: { tagsPerRegion: 3 } });
    await world.createProduction(service);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('names the tags Cloud Run deleted, and why, in a warning of the run that went over', async () => {
    const logs: string[] = [];
    for (const pr of [1, 2, 3, 4]) {
      const run = await world.run({ service, command: 'preview', ctx: prEvent(pr, sha('a', pr)) });
      expect(run.report?.result).toBe('success');
      logs.push(run.log);
    }
    const [svc] = await world.services.getService({ name });
    expect((svc.traffic ?? []).map((t) => t.tag).filter(Boolean)).toEqual(['pr-2', 'pr-3', 'pr-4']);
    for (const log of logs.slice(0, 3)) expect(log).not.toContain('Cloud Run deleted tag');
    expect(logs[3]).toMatch(
      /::warning::Cloud Run deleted tag pr-1 of service tags: the project and region reached Cloud Run's limit of revision tags\. Cloud Run allows 2,000 revision tags per project and region/,
    );
  });
});

describe('the revision tag limit reached with only serving tags left', () => {
  let world: ModelWorld;
  const service = 'full';
  const name = `${LOCATION}/services/${service}`;

  beforeAll(async () => {
    world = await startModelWorld({ quotas: { tagsPerRegion: 1 } });
    await world.createProduction(service);
    // Production's one tag carries all the traffic: Cloud Run has no tag it may delete to make room.
    const [svc] = await world.services.getService({ name });
    const [op] = await world.services.updateService({
      service: {
        ...svc,
        traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100, tag: 'prod' }],
      },
    });
    await op.promise();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('fails the preview naming the limit and what to do, production and its tag untouched', async () => {
    const run = await world.run({ service, command: 'preview', ctx: prEvent(1, sha('a', 1)) });
    expect(run.report?.result).not.toBe('success');
    expect(run.report?.failureReason).toMatch(
      /^Cloud Run refused tag pr-1 on service full: the project and region hold as many revision tags as Cloud Run allows, and every one of them carries traffic\. .*close or sweep stale previews/,
    );
    const [svc] = await world.services.getService({ name });
    expect((svc.traffic ?? []).map((t) => [t.tag, t.percent])).toEqual([['prod', 100]]);
    expect(svc.trafficStatuses?.map((t) => t.revision)).toEqual([`${service}-base`]);
  });
});
