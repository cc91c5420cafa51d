import { describe, expect, it } from 'vitest';
import { planCleanup, stalePullRequests } from '../../../src/commands/cleanup.js';
import type { RevisionInfo, ServiceState } from '../../../src/cloudrun/run-port.js';

const rev = (
  name: string,
  pr: number | undefined,
  sha: string,
  daysAgo = 0,
  digest = name,
): RevisionInfo => ({
  name,
  labels:
    pr === undefined
      ? {}
      : { 'gcp-deploy-pr': String(pr), 'gcp-deploy-sha': sha, 'managed-by': 'gcp-deploy' },
  image: `host/p/r/web@sha256:${digest.padEnd(64, '0')}`,
  createTime: new Date(Date.UTC(2026, 10, 23) - daysAgo * 86_400_000),
  ready: true,
  template: {},
});

const service: ServiceState = {
  name: 'web',
  latestReadyRevision: 'prod-1',
  annotations: {},
  traffic: [
    { type: 'REVISION', revision: 'prod-1', percent: 100, tag: 'prod' },
    { type: 'REVISION', revision: 'pr7-b', percent: 0, tag: 'pr-7' },
    { type: 'REVISION', revision: 'pr8-a', percent: 0, tag: 'pr-8' },
    { type: 'REVISION', revision: 'pr7-a', percent: 0, tag: 'prev' },
  ],
  trafficStatuses: [],
  tagUrls: {},
};
const revisions = [
  rev('prod-1', 5, 'c'.repeat(40), 20, 'aa'),
  rev('pr7-a', 7, 'a'.repeat(40), 3, 'bb'),
  rev('pr7-b', 7, 'b'.repeat(40), 1, 'cc'),
  rev('pr7-c', 7, 'd'.repeat(40), 1, 'dd'),
  rev('pr8-a', 8, 'e'.repeat(40), 10, 'ee'),
];

describe('planCleanup', () => {
  it("removes only the PR's own tag and the revisions nothing else still needs", () => {
    const plan = planCleanup(7, 'pr-7', service, revisions);
    expect(plan.tags).toEqual(['pr-7']);
    // pr7-a carries `prev` (a rollback target) and stays; pr7-b and pr7-c go.
    expect(plan.revisions.sort()).toEqual(['pr7-b', 'pr7-c']);
    expect(plan.imageTags).toEqual(['pr-7', 'sha-aaaaaaa', 'sha-bbbbbbb', 'sha-ddddddd']);
    expect(plan.protectedDigests).toContain(`sha256:${'bb'.padEnd(64, '0')}`);
    expect(plan.protectedDigests).toContain(`sha256:${'aa'.padEnd(64, '0')}`);
    expect(plan.protectedDigests).not.toContain(`sha256:${'cc'.padEnd(64, '0')}`);
  });

  it('keeps a promoted PR revision that serves production, untagging it without moving its percent', () => {
    const promoted: ServiceState = {
      ...service,
      traffic: [{ type: 'REVISION', revision: 'pr8-a', percent: 100, tag: 'pr-8' }],
    };
    const plan = planCleanup(8, 'pr-8', promoted, revisions);
    expect(plan.tags).toEqual(['pr-8']);
    expect(plan.revisions).toEqual([]);
    expect(plan.protectedDigests).toEqual([`sha256:${'ee'.padEnd(64, '0')}`]);
  });

  it('never takes another PR or production tag', () => {
    const plan = planCleanup(5, 'pr-5', service, revisions);
    expect(plan.tags).toEqual([]);
    expect(plan.revisions).toEqual([]);
  });
});

describe('stalePullRequests', () => {
  it('lists PRs whose newest revision is older than the age', () => {
    const now = new Date(Date.UTC(2026, 10, 23));
    expect(stalePullRequests(revisions, 7 * 86_400_000, now)).toEqual([5, 8]);
    expect(stalePullRequests(revisions, 2 * 86_400_000, now)).toEqual([5, 8]);
    expect(stalePullRequests(revisions, 0.5 * 86_400_000, now)).toEqual([5, 7, 8]);
  });
});

describe('compareErrorRates (canary steps)', () => {
  it('passes a step whose failed-request rate stays within one point of the rate before', async () => {
    const { compareErrorRates } = await import('../../../src/commands/promote.js');
    expect(compareErrorRates(0, 0).ok).toBe(true);
    expect(compareErrorRates(0.02, 0.03).ok).toBe(true);
    expect(compareErrorRates(0, 0.011).ok).toBe(false);
    expect(compareErrorRates(0, 0.5).text).toMatch(/50\.00 % of requests failed, 0\.00 % before .*tolerance/);
    expect(compareErrorRates(undefined, 0.5)).toEqual({ ok: true, text: 'not measured' });
  });
});
