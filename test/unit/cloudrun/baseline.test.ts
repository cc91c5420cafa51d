import { describe, expect, it } from 'vitest';
import {
  BASELINE_TAG,
  baselineRevisionName,
  baselineTemplate,
  candidateTarget,
  planBaseline,
} from '../../../src/cloudrun/baseline.js';
import type { ServiceState } from '../../../src/cloudrun/api-mapping.js';
import { CREATED_BY_PREVIEW } from '../../../src/cloudrun/naming.js';
import type { PreviewSettings } from '../../../src/config/config.js';

const svc = (traffic: ServiceState['traffic'], annotations: Record<string, string> = {}): ServiceState => ({
  name: 'web',
  traffic,
  trafficStatuses: [],
  tagUrls: {},
  annotations,
});
const prod = { type: 'REVISION' as const, revision: 'web-v2', percent: 100 };
const name = (p: string): string => `web-baseline-of-${p}`;
const baselineRev = (n: string) => ({ name: n, labels: { 'gcp-deploy-kind': 'baseline' } });

describe('planBaseline', () => {
  it.each([
    { name: 'no service', s: null, existing: [], want: { action: 'none' } },
    {
      name: 'a service only a preview made',
      s: svc([prod], { [CREATED_BY_PREVIEW]: 'pr-1' }),
      existing: [],
      want: { action: 'none' },
    },
    {
      name: 'first comparison: create',
      s: svc([prod]),
      existing: [],
      want: { action: 'create', revision: 'web-baseline-of-web-v2', production: 'web-v2', replaces: [] },
    },
    {
      name: 'second comparison: reuse',
      s: svc([prod, { type: 'REVISION', revision: 'web-baseline-of-web-v2', percent: 0, tag: BASELINE_TAG }]),
      existing: [baselineRev('web-baseline-of-web-v2')],
      want: { action: 'reuse', revision: 'web-baseline-of-web-v2' },
    },
    {
      name: 'production moved: create the new one, retire the old',
      s: svc([prod, { type: 'REVISION', revision: 'web-baseline-of-web-v1', percent: 0, tag: BASELINE_TAG }]),
      existing: [
        baselineRev('web-baseline-of-web-v1'),
        { name: 'web-pr-1', labels: { 'gcp-deploy-pr': '1' } },
      ],
      want: { action: 'create', revision: 'web-baseline-of-web-v2', replaces: ['web-baseline-of-web-v1'] },
    },
    {
      name: 'the tag was moved away by hand: tag it again',
      s: svc([prod, { type: 'REVISION', revision: 'web-v1', percent: 0, tag: BASELINE_TAG }]),
      existing: [baselineRev('web-baseline-of-web-v2')],
      want: { action: 'create', revision: 'web-baseline-of-web-v2', replaces: [] },
    },
  ])('$name', ({ s, existing, want }) => {
    expect(planBaseline(s, existing, name)).toMatchObject(want);
  });
});

describe('baselineRevisionName', () => {
  it('is a DNS label within 63 characters, one per production revision and profile', () => {
    const long = 'a'.repeat(49);
    const n = baselineRevisionName(long, `${long}-00001-abc`, 'p');
    expect(n.length).toBeLessThanOrEqual(63);
    expect(n).toMatch(/^[a-z]([a-z0-9-]*[a-z0-9])?$/);
    expect(baselineRevisionName('web', 'web-1', 'p')).toBe(baselineRevisionName('web', 'web-1', 'p'));
    expect(baselineRevisionName('web', 'web-1', 'p')).not.toBe(baselineRevisionName('web', 'web-2', 'p'));
    expect(baselineRevisionName('web', 'web-1', 'p')).not.toBe(baselineRevisionName('web', 'web-1', 'q'));
  });
});

describe('baselineTemplate', () => {
  const preview: PreviewSettings = {
    minInstances: 0,
    maxInstances: 2,
    envVars: { DATABASE_URL: 'postgres://preview' },
    secrets: [],
    isolation: 'warn',
    shared: [],
  };
  const image = `europe-docker.pkg.dev/p/r/web@sha256:${'a'.repeat(64)}`;
  const t = baselineTemplate(
    {
      labels: { team: 'a', 'gcp-deploy-pr': '7' },
      scaling: { minInstanceCount: 3, maxInstanceCount: 50 },
      containers: [
        {
          image,
          env: [
            { name: 'DATABASE_URL', value: 'postgres://prod' },
            { name: 'MODE', value: 'x' },
          ],
        },
      ],
    },
    image,
    'web-v2',
    preview,
  );
  it("runs production's image and settings with the preview profile", () => {
    expect(t.containers?.[0]?.image).toBe(image);
    expect(t.scaling).toMatchObject({ minInstanceCount: 0, maxInstanceCount: 2 });
    expect(t.containers?.[0]?.resources?.cpuIdle).toBe(true);
    const env = Object.fromEntries(
      (t.containers?.[0]?.env ?? []).map((e): [string, unknown] => [String(e.name), e.value]),
    );
    expect(env).toMatchObject({ DATABASE_URL: 'postgres://preview', MODE: 'x', PREVIEW_ID: 'baseline' });
  });
  it("is marked as this action's baseline of that production revision, without a PR's label", () => {
    expect(t.labels).toMatchObject({
      team: 'a',
      'managed-by': 'gcp-deploy',
      'gcp-deploy-kind': 'baseline',
      'gcp-deploy-baseline-of': 'web-v2',
    });
    expect(t.labels?.['gcp-deploy-pr']).toBeUndefined();
  });
});

describe('candidateTarget (compare: candidate)', () => {
  const base = 'ab'.repeat(20);
  const candidate = {
    name: 'web-00012-rel',
    labels: { 'gcp-deploy-kind': 'candidate', 'gcp-deploy-sha': base },
  };
  const api = (tagged: string | undefined, revisions: { name: string; labels: Record<string, string> }[]) => {
    const tagUrls: Record<string, string> = tagged ? { candidate: 'https://candidate---web.example' } : {};
    return {
      getService: (): Promise<ServiceState | null> =>
        Promise.resolve({
          ...svc([
            prod,
            ...(tagged
              ? [{ type: 'REVISION' as const, revision: tagged, percent: 0, tag: 'candidate' }]
              : []),
          ]),
          tagUrls,
        }),
      listRevisions: (_s: string, filter: Record<string, string> = {}) =>
        Promise.resolve(
          revisions
            .filter((r) => Object.entries(filter).every(([k, v]) => r.labels[k] === v))
            .map((r) => ({ ...r, ready: true, template: {} })),
        ),
    };
  };
  it.each([
    {
      name: 'the tagged candidate of the base commit',
      a: api('web-00012-rel', [candidate]),
      sha: base,
      want: { url: 'https://candidate---web.example', revision: 'web-00012-rel' },
    },
    {
      name: 'no base commit in the event',
      a: api('web-00012-rel', [candidate]),
      sha: undefined,
      want: { skipped: 'the event names no base commit' },
    },
    {
      name: 'no candidate for it',
      a: api('web-00012-rel', []),
      sha: base,
      want: { skipped: 'no candidate was deployed for the base commit abababa' },
    },
    {
      name: 'the tag moved on to a later commit',
      a: api('web-00013-rel', [candidate]),
      sha: base,
      want: { skipped: 'the candidate of the base commit abababa no longer carries tag candidate' },
    },
  ])('$name', async ({ a, sha, want }) => {
    expect(await candidateTarget(a, 'web', sha, 'candidate')).toEqual(want);
  });
});
