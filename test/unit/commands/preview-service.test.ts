import { describe, expect, it } from 'vitest';
import { serviceFate } from '../../../src/commands/preview-service.js';
import { CREATED_BY_PREVIEW } from '../../../src/cloudrun/naming.js';
import type { RevisionInfo, ServiceState } from '../../../src/cloudrun/run-port.js';
import type { TrafficTarget } from '../../../src/cloudrun/traffic-plan.js';

const rev = (name: string, labels: Record<string, string>): RevisionInfo => ({
  name,
  labels,
  ready: true,
  template: {},
});
const pr = (name: string, n: number): RevisionInfo =>
  rev(name, { 'managed-by': 'gcp-deploy', 'gcp-deploy-pr': String(n) });
const svc = (traffic: TrafficTarget[], annotations: Record<string, string>): ServiceState => ({
  name: 'web',
  latestReadyRevision: 'web-pr-1-a',
  annotations,
  traffic,
  trafficStatuses: [],
  tagUrls: {},
});
const LATEST: TrafficTarget = { type: 'LATEST', percent: 100 };
const marked = { [CREATED_BY_PREVIEW]: 'pr-1' };

describe('serviceFate', () => {
  it.each([
    ['no mark (existed before, or promoted since)', svc([LATEST], {}), [pr('a', 1)], 'not-ours'],
    ['marked, no tags, only preview revisions', svc([LATEST], marked), [pr('a', 1), pr('b', 2)], 'delete'],
    [
      'marked, a candidate revision counts as a preview',
      svc([LATEST], marked),
      [pr('a', 1), rev('c', { 'managed-by': 'gcp-deploy', 'gcp-deploy-kind': 'candidate' })],
      'delete',
    ],
    [
      "marked, another PR's tag still on it",
      svc([LATEST, { type: 'REVISION', revision: 'b', percent: 0, tag: 'pr-2' }], marked),
      [pr('a', 1), pr('b', 2)],
      'keep',
    ],
    [
      'marked, a revision deployed by hand (no preview labels)',
      svc([LATEST], marked),
      [pr('a', 1), rev('manual', { team: 'ops' })],
      'keep',
    ],
    [
      'marked, a revision labelled managed-by but by no PR nor candidate',
      svc([LATEST], marked),
      [pr('a', 1), rev('release', { 'managed-by': 'gcp-deploy' })],
      'keep',
    ],
  ])('%s -> %s', (_name, service, revisions, kind) => {
    expect(serviceFate(service, revisions).kind).toBe(kind);
  });

  it('names what keeps it and who created it', () => {
    const tagged = svc([LATEST, { type: 'LATEST', percent: 0, tag: 'pr-9' }], marked);
    expect(serviceFate(tagged, [])).toEqual({ kind: 'keep', reason: 'tag pr-9 still uses it' });
    expect(serviceFate(svc([LATEST], marked), [pr('a', 1)])).toEqual({ kind: 'delete', createdBy: 'pr-1' });
  });
});
