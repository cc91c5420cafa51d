import { describe, expect, it } from 'vitest';
import {
  CLOUD_RUN_LIMITS,
  limitProblem,
  limitsFromEnv,
  tagLikelyNew,
  newTags,
  pinnedRevisions,
  tagCount,
  type RegionService,
} from '../../../src/cloudrun/cloud-run-limits.js';

/** A service whose traffic is production at 100 % plus one tagged revision per tag given. */
const svc = (name: string, tags: string[], extra: RegionService['traffic'] = []): RegionService => ({
  name,
  latestReadyRevision: `${name}-latest`,
  traffic: [
    { type: 'LATEST', percent: 100 },
    ...tags.map((tag) => ({ type: 'REVISION' as const, revision: `${name}-${tag}`, percent: 0, tag })),
    ...extra,
  ],
});

const limits = { tagsPerRegion: 5, revisionsPerService: 4 };
const where = 'p/r';

describe('Cloud Run limits: counting', () => {
  it.each([
    ['no services', [], 0],
    ['untagged production only', [svc('web', [])], 0],
    ['tags on two services', [svc('web', ['pr-1', 'pr-2']), svc('api', ['pr-1'])], 3],
    [
      'another tool’s tag counts too',
      [svc('web', ['pr-1'], [{ type: 'LATEST', percent: 0, tag: 'blue' }])],
      2,
    ],
  ])('%s: %i tags', (_, services, n) => {
    expect(tagCount(services)).toBe(n);
  });

  it.each([
    ['production on LATEST only', svc('web', []), 1],
    ['two tags on their own revisions', svc('web', ['pr-1', 'pr-2']), 3],
    [
      'two tags on one revision',
      {
        name: 'web',
        traffic: [
          { type: 'REVISION' as const, revision: 'web-a', percent: 100 },
          { type: 'REVISION' as const, revision: 'web-a', percent: 0, tag: 'pr-1' },
          { type: 'REVISION' as const, revision: 'web-b', percent: 0, tag: 'pr-2' },
          { type: 'REVISION' as const, revision: 'web-c', percent: 0 },
        ],
      },
      2,
    ],
  ])('pinned revisions, %s: %i', (_, service, n) => {
    expect(pinnedRevisions(service)).toBe(n);
  });

  it('a tag is new only where its service lacks it (or does not exist yet)', () => {
    const services = [svc('web', ['pr-1']), svc('api', [])];
    expect(
      newTags(services, [
        { service: 'web', tag: 'pr-1' },
        { service: 'api', tag: 'pr-1' },
        { service: 'worker', tag: 'pr-1' },
      ]),
    ).toEqual([
      { service: 'api', tag: 'pr-1' },
      { service: 'worker', tag: 'pr-1' },
    ]);
  });
});

describe('Cloud Run limits: the decision', () => {
  const four = [svc('web', ['pr-1', 'pr-2']), svc('api', ['pr-1', 'pr-2'])];
  it.each([
    [
      'an existing tag moves: never refused, even at the limit',
      [...four, svc('x', ['t'])],
      [['web', 'pr-1']],
      undefined,
    ],
    ['one new tag fits under the limit', four, [['web', 'pr-3']], undefined],
    ['one new tag reaching the limit exactly fits', four, [['worker', 'pr-3']], undefined],
    [
      'two new tags together pass it',
      four,
      [
        ['web', 'pr-3'],
        ['api', 'pr-3'],
      ],
      /limit of 5 revision tags/,
    ],
    [
      'a new service’s tag counts',
      [...four, svc('x', ['t'])],
      [['new', 'pr-1']],
      /holds 5, and this preview adds 1 \(pr-1 on new\)/,
    ],
  ])('%s', (_, services, wanted, expected) => {
    const problem = limitProblem({
      services,
      wanted: wanted.map(([service, tag]) => ({ service, tag })),
      limits,
      where,
    });
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('names the limit, the count, why nothing was built and what to do, in one line', () => {
    const problem = limitProblem({
      services: [svc('web', ['pr-1', 'pr-2', 'pr-3', 'pr-4', 'pr-5'])],
      wanted: [{ service: 'web', tag: 'pr-6' }],
      limits,
      where: 'acme/europe-west1',
    });
    expect(problem).toBe(
      "Cloud Run's limit of 5 revision tags per project and region would be passed: acme/europe-west1 holds 5, and this preview adds 1 (pr-6 on web). Cloud Run would make room by deleting the oldest tags without traffic on any service of the region (other PRs' previews, or tags other tools set), so nothing was built or deployed. To make room: close finished PRs (their cleanup removes their tags), run the sweep (a `schedule` run with command: auto), lower `stale`, or set `max_previews`.",
    );
    expect(problem).not.toContain('\n');
  });

  it('refuses a new tag on a service whose revisions Cloud Run could no longer collect', () => {
    const full = svc('web', ['pr-1', 'pr-2', 'pr-3']); // LATEST + 3 tagged = 4 pinned, the limit
    const problem = limitProblem({
      services: [full],
      wanted: [{ service: 'web', tag: 'pr-4' }],
      limits: { tagsPerRegion: 100, revisionsPerService: 4 },
      where,
    });
    expect(problem).toMatch(
      /^Cloud Run's limit of 4 revisions per service would be passed: web has 4 revisions that are tagged or serve traffic, which Cloud Run cannot garbage-collect, and tag pr-4 would pin one more; nothing was built or deployed\. To make room/,
    );
    // One fewer pinned revision: Cloud Run collects an untagged one to make room.
    expect(
      limitProblem({
        services: [svc('web', ['pr-1', 'pr-2'])],
        wanted: [{ service: 'web', tag: 'pr-4' }],
        limits: { tagsPerRegion: 100, revisionsPerService: 4 },
        where,
      }),
    ).toBeUndefined();
  });
});

describe('Cloud Run limits: GCP_DEPLOY_CLOUD_RUN_LIMITS', () => {
  it.each([
    [undefined, CLOUD_RUN_LIMITS],
    ['', CLOUD_RUN_LIMITS],
    ['tags=3', { ...CLOUD_RUN_LIMITS, tagsPerRegion: 3 }],
    ['revisions=7', { ...CLOUD_RUN_LIMITS, revisionsPerService: 7 }],
    [' tags = 3 , revisions=7 ', { tagsPerRegion: 3, revisionsPerService: 7 }],
  ])('%j -> %j', (raw, limits) => {
    expect(limitsFromEnv(raw === undefined ? {} : { GCP_DEPLOY_CLOUD_RUN_LIMITS: raw })).toEqual(limits);
  });

  it.each(['tags=0', 'tags=-1', 'tags=x', 'branches=3', 'tags=3;revisions=2'])(
    'refuses %j, naming the variable',
    (raw) => {
      expect(() => limitsFromEnv({ GCP_DEPLOY_CLOUD_RUN_LIMITS: raw })).toThrow(
        /^GCP_DEPLOY_CLOUD_RUN_LIMITS: got .*; allowed: tags=N,revisions=M/,
      );
    },
  );
});

describe('tagLikelyNew: the PR events after which the run reads the region first', () => {
  it.each([
    ['opened', true],
    ['reopened', true],
    ['labeled', true],
    ['synchronize', false],
    ['unlabeled', false],
    ['closed', false],
    ['created', false],
    [undefined, false],
  ] as const)('%s → %s', (action, likely) => {
    expect(tagLikelyNew(action)).toBe(likely);
  });
});
