import { status } from '@grpc/grpc-js';
import { beforeEach, describe, expect, it } from 'vitest';
import { canonical, CloudRunState, type Msg } from '../../../src/emulator/cloud-run-state.js';
import { seededRandom } from '../../../src/emulator/faults.js';

const PARENT = 'projects/p/locations/l';
const NAME = `${PARENT}/services/app`;
const tpl = (image: string, extra: Msg = {}): Msg => ({ containers: [{ image }], ...extra });

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: number }).code;
  }
}

describe('CloudRunState', () => {
  let state: CloudRunState;
  let clock: number;
  beforeEach(() => {
    clock = 1_700_000_000_000;
    state = new CloudRunState({
      now: () => (clock += 1000),
      random: seededRandom(1),
      url: (k) => `url:${k}`,
    });
  });

  function created(): Msg {
    const r = state.createService(PARENT, 'app', { template: tpl('img:1') });
    state.revisionReady(r.newRevision!.name);
    return state.getService(NAME);
  }

  it('creates a service whose first revision is named <service>-00001-xxx and serves LATEST once ready', () => {
    const r = state.createService(PARENT, 'app', { template: tpl('img:1', { labels: { pr: '7' } }) });
    expect(r.newRevision?.id).toMatch(/^app-00001-[a-z]{3}$/);
    expect(r.waitFor).toEqual([r.newRevision?.name]);
    expect(r.service.reconciling).toBe(true);
    state.revisionReady(r.newRevision!.name);
    const svc = state.getService(NAME);
    expect(svc.latestReadyRevision).toBe(r.newRevision?.name);
    expect(svc.trafficStatuses).toEqual([
      {
        type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST',
        revision: r.newRevision?.id,
        percent: 100,
        tag: '',
        uri: '',
      },
    ]);
    expect(svc.uri).toBe(`url:svc|${NAME}`);
    expect(svc.terminalCondition).toMatchObject({ type: 'Ready', state: 'CONDITION_SUCCEEDED' });
    const rev = state.getRevision(r.newRevision!.name);
    expect(rev).toMatchObject({ labels: { pr: '7' }, service: NAME, generation: '1' });
    expect(rev.conditions).toContainEqual(
      expect.objectContaining({ type: 'Ready', state: 'CONDITION_SUCCEEDED' }),
    );
  });

  it('refuses a second create with ALREADY_EXISTS', () => {
    created();
    expect(codeOf(() => state.createService(PARENT, 'app', { template: tpl('img:1') }))).toBe(
      status.ALREADY_EXISTS,
    );
  });

  it('creates no new revision when the template is unchanged (traffic-only update)', () => {
    const svc = created();
    const r = state.updateService({
      ...svc,
      traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100, tag: 'x' }],
    });
    expect(r.newRevision).toBeUndefined();
    expect(r.waitFor).toEqual([]);
    expect(state.listRevisions(NAME)).toHaveLength(1);
    expect(r.service.etag).not.toBe(svc.etag);
  });

  it('rejects a stale etag with ABORTED and accepts an empty one', () => {
    const svc = created();
    state.updateService({ ...svc, template: tpl('img:2') });
    expect(codeOf(() => state.updateService({ ...svc, template: tpl('img:3') }))).toBe(status.ABORTED);
    expect(codeOf(() => state.updateService({ ...svc, etag: '', template: tpl('img:3') }))).toBeUndefined();
  });

  it('deploys a named no-traffic tagged revision without moving traffic, then LATEST tags follow new revisions', () => {
    const svc = created();
    const first = (svc.trafficStatuses as Msg[])[0].revision as string;
    const r = state.updateService({
      ...svc,
      template: tpl('img:2', { revision: 'app-pr-7' }),
      traffic: [
        { revision: first, percent: 100 },
        { revision: 'app-pr-7', percent: 0, tag: 'pr-7' },
      ],
    });
    expect(r.newRevision?.id).toBe('app-pr-7');
    state.revisionReady(r.newRevision!.name);
    const after = state.getService(NAME);
    expect(after.trafficStatuses).toEqual([
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: first, percent: 100, tag: '', uri: '' },
      {
        type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
        revision: 'app-pr-7',
        percent: 0,
        tag: 'pr-7',
        uri: `url:tag|${NAME}|pr-7`,
      },
    ]);
    // Reconciliation succeeded: latest_ready_revision matches latest_created_revision (service.proto,
    // `reconciling`), even though the new revision serves no traffic.
    expect(after.latestReadyRevision).toBe(`${NAME}/revisions/app-pr-7`);
    expect(after.latestCreatedRevision).toBe(`${NAME}/revisions/app-pr-7`);
    expect(state.routes(`tag|${NAME}|pr-7`)).toEqual([
      { revision: `${NAME}/revisions/app-pr-7`, percent: 100 },
    ]);
    expect(state.routes(`svc|${NAME}`)).toEqual([{ revision: `${NAME}/revisions/${first}`, percent: 100 }]);

    const latest = state.updateService({
      ...after,
      traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100, tag: 'head' }],
      template: tpl('img:3'),
    });
    expect(latest.newRevision?.id).toMatch(/^app-00003-[a-z]{3}$/);
    state.revisionReady(latest.newRevision!.name);
    expect(state.routes(`tag|${NAME}|head`)).toEqual([{ revision: latest.newRevision?.name, percent: 100 }]);
  });

  it('refuses a template naming an existing revision with a different template, accepts the same one', () => {
    const svc = created();
    const r = state.updateService({ ...svc, template: tpl('img:2', { revision: 'app-two' }) });
    state.revisionReady(r.newRevision!.name);
    const s2 = state.getService(NAME);
    expect(
      codeOf(() => state.updateService({ ...s2, template: tpl('img:9', { revision: 'app-two' }) })),
    ).toBe(status.ALREADY_EXISTS);
    expect(
      state.updateService({ ...s2, template: tpl('img:2', { revision: 'app-two' }) }).newRevision,
    ).toBeUndefined();
    expect(
      codeOf(() => state.updateService({ ...s2, template: tpl('img:2', { revision: 'other-x' }) })),
    ).toBe(status.INVALID_ARGUMENT);
  });

  it('keeps traffic on the old revision when the new one fails, and reports the failure', () => {
    const svc = created();
    const r = state.updateService({ ...svc, template: tpl('img:bad') });
    state.revisionFailed(r.newRevision!.name, 'The user-provided container failed to start');
    const after = state.getService(NAME);
    expect(after.terminalCondition).toMatchObject({ state: 'CONDITION_FAILED' });
    expect((after.terminalCondition as Msg).message).toMatch(/is not ready and cannot serve traffic/);
    expect(after.trafficStatuses).toEqual(svc.trafficStatuses);
    const rev = state.getRevision(r.newRevision!.name);
    expect(rev.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Ready',
        state: 'CONDITION_FAILED',
        message: 'The user-provided container failed to start',
      }),
    );
  });

  it('only deletes retired revisions', () => {
    const svc = created();
    const first = `${NAME}/revisions/${(svc.trafficStatuses as Msg[])[0].revision as string}`;
    expect(codeOf(() => state.deleteRevision(first))).toBe(status.FAILED_PRECONDITION);
    const r = state.updateService({
      ...svc,
      template: tpl('img:2', { revision: 'app-b' }),
      traffic: [{ revision: 'app-b', percent: 100 }],
    });
    state.revisionReady(r.newRevision!.name);
    expect(codeOf(() => state.deleteRevision(first))).toBeUndefined();
    expect(codeOf(() => state.getRevision(first))).toBe(status.NOT_FOUND);
  });

  it('creates on update with allowMissing, NOT_FOUND without it', () => {
    expect(codeOf(() => state.updateService({ name: NAME, template: tpl('i') }))).toBe(status.NOT_FOUND);
    expect(state.updateService({ name: NAME, template: tpl('i') }, true).newRevision?.id).toMatch(
      /^app-00001-/,
    );
  });

  it('validateOnly changes nothing', () => {
    state.createService(PARENT, 'app', { template: tpl('i') }, true);
    expect(state.listServices(PARENT)).toEqual([]);
  });

  it('canonical ignores defaults so decoded templates compare by meaning', () => {
    expect(canonical({ a: '', b: [], c: { d: 0 }, e: 'X_UNSPECIFIED', f: 'v' })).toEqual({ f: 'v' });
  });
});

describe('CloudRunState idempotency', () => {
  it('re-applying the same spec keeps generation and etag', () => {
    const state = new CloudRunState({ now: () => 1, random: seededRandom(2), url: () => undefined });
    const r = state.createService(PARENT, 'app', { template: tpl('i') });
    state.revisionReady(r.newRevision!.name);
    const svc = state.getService(NAME);
    const again = state.updateService({ ...svc });
    expect(again.service.etag).toBe(svc.etag);
    expect(again.service.generation).toBe(svc.generation);
    expect(again.waitFor).toEqual([]);
  });
});
