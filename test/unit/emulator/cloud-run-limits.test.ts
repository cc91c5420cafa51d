/** The state machine's update_mask and Cloud Run limits, as tables over the pure state (no server). */
import { describe, expect, it } from 'vitest';
import { CloudRunState, type Msg } from '../../../src/emulator/cloud-run-state.js';
import { seededRandom } from '../../../src/emulator/faults.js';

const PARENT = 'projects/p/locations/l';
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';
const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';

function world(quotas = {}): { state: CloudRunState; ready: (name?: string) => void } {
  let clock = 1_700_000_000_000;
  const state = new CloudRunState({
    now: () => (clock += 1000),
    random: seededRandom(3),
    url: (k) => `url:${k}`,
    quotas,
  });
  return { state, ready: (name) => name !== undefined && state.revisionReady(name) };
}

const tpl = (revision: string, image = 'img:1'): Msg => ({ revision, containers: [{ image }] });

describe('update_mask', () => {
  it.each<[string, string[], Msg, string]>([
    ['labels only', ['labels'], { a: '2' }, ''],
    ['description only', ['description'], { a: '1' }, 'new'],
    ['both', ['labels', 'description'], { a: '2' }, 'new'],
  ])('%s: the fields not named stay as stored, and no revision is made', (_, mask, labels, description) => {
    const { state, ready } = world();
    const r = state.createService(PARENT, 'app', { template: tpl('app-1'), labels: { a: '1' } });
    ready(r.newRevision?.name);
    const svc = state.getService(`${PARENT}/services/app`);
    const out = state.updateService(
      { ...svc, labels: { a: '2' }, description: 'new', template: tpl('app-2', 'img:2') },
      false,
      false,
      mask,
    );
    expect(out.newRevision).toBeUndefined();
    expect(out.service).toMatchObject({ labels, template: tpl('app-1') });
    expect(out.service.description ?? '').toBe(description);
  });

  it('a nested path replaces only that field of the template, which makes a revision', () => {
    const { state, ready } = world();
    const r = state.createService(PARENT, 'app', { template: { ...tpl('app-1'), labels: { x: '1' } } });
    ready(r.newRevision?.name);
    const svc = state.getService(`${PARENT}/services/app`);
    const out = state.updateService(
      { ...svc, template: { revision: 'app-2', containers: [{ image: 'img:2' }], labels: { x: '2' } } },
      false,
      false,
      ['template.containers', 'template.revision'],
    );
    expect(out.newRevision?.id).toBe('app-2');
    expect(out.service.template).toEqual({
      revision: 'app-2',
      containers: [{ image: 'img:2' }],
      labels: { x: '1' },
    });
  });

  it('refuses a path naming an output-only field', () => {
    const { state, ready } = world();
    ready(state.createService(PARENT, 'app', { template: tpl('app-1') }).newRevision?.name);
    const svc = state.getService(`${PARENT}/services/app`);
    expect(() => state.updateService(svc, false, false, ['latest_ready_revision'])).toThrow(/update_mask/);
  });
});

describe('the revision tag limit', () => {
  const tagged = (revision: string, tags: [string, number][]): Msg[] =>
    tags.map(([tag, percent]) =>
      tag === 'main' ? { type: LATEST, percent } : { type: REVISION, revision, percent, tag },
    );

  it('deletes the oldest tags without traffic across services, never the write own new tag', () => {
    const { state, ready } = world({ tagsPerRegion: 2 });
    ready(
      state.createService(PARENT, 'a', {
        template: tpl('a-1'),
        traffic: tagged('a-1', [
          ['main', 100],
          ['old', 0],
        ]),
      }).newRevision?.name,
    );
    ready(
      state.createService(PARENT, 'b', {
        template: tpl('b-1'),
        traffic: tagged('b-1', [
          ['main', 100],
          ['mid', 0],
        ]),
      }).newRevision?.name,
    );
    const b = state.getService(`${PARENT}/services/b`);
    state.updateService({
      ...b,
      traffic: tagged('b-1', [
        ['main', 100],
        ['mid', 0],
        ['new', 0],
      ]),
    });
    const tagsOf = (s: string): unknown[] =>
      ((state.getService(`${PARENT}/services/${s}`).traffic as Msg[]) ?? [])
        .map((t) => t.tag)
        .filter(Boolean);
    expect(tagsOf('a')).toEqual([]);
    expect(tagsOf('b')).toEqual(['mid', 'new']);
    // Only 'mid' and 'new' may go: a write adding three tags cannot fit by deleting two: refused, unchanged.
    const etag = state.getService(`${PARENT}/services/b`).etag;
    expect(() =>
      state.updateService({
        ...state.getService(`${PARENT}/services/b`),
        traffic: tagged('b-1', [
          ['main', 100],
          ['mid', 0],
          ['new', 0],
          ['x', 0],
          ['y', 0],
          ['z', 0],
        ]),
      }),
    ).toThrow(/Quota exceeded/);
    expect(state.getService(`${PARENT}/services/b`).etag).toBe(etag);
  });
});
