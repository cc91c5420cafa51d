import { describe, expect, it } from 'vitest';
import {
  describeRefusedCall,
  explainRefusedCalls,
  invokerMembers,
  refusedCalls,
} from '../../../src/checks/service-calls.js';
import type { ServiceAccess } from '../../../src/cloudrun/invoker-policy.js';

const WEB = 'web-runtime@p.iam.gserviceaccount.com';
const priv = (invokers: string[] | undefined): ServiceAccess => ({
  public: false,
  invokerIamDisabled: false,
  iapEnabled: false,
  ...(invokers === undefined ? {} : { invokers }),
});

describe('invokerMembers', () => {
  it('collects the members of every role carrying run.routes.invoke, and no other', () => {
    expect(
      invokerMembers({
        bindings: [
          { role: 'roles/run.invoker', members: ['serviceAccount:a@p.iam.gserviceaccount.com'] },
          { role: 'roles/run.developer', members: ['user:dev@example.com'] },
          { role: 'roles/run.viewer', members: ['serviceAccount:viewer@p.iam.gserviceaccount.com'] },
        ],
      }),
    ).toEqual(['serviceAccount:a@p.iam.gserviceaccount.com', 'user:dev@example.com']);
    expect(invokerMembers({})).toEqual([]);
  });
});

describe('refusedCalls', () => {
  it.each([
    ['no binding for the caller', WEB, priv([]), true],
    ['another account holds the role', WEB, priv(['serviceAccount:other@p.iam.gserviceaccount.com']), true],
    ['the caller holds it', WEB, priv([`serviceAccount:${WEB}`]), false],
    ['a public callee', WEB, { ...priv([]), public: true }, false],
    ['a policy not read', WEB, priv(undefined), false],
    ['the default identity, no binding', undefined, priv([]), true],
    [
      'the default identity, held by the compute account',
      undefined,
      priv(['serviceAccount:123-compute@developer.gserviceaccount.com']),
      false,
    ],
  ] as const)('%s', (_, identity, access, refused) => {
    expect(refusedCalls('web', identity, [{ name: 'api', access }])).toEqual(
      refused ? [{ caller: 'web', identity, callee: 'api' }] : [],
    );
  });
});

describe('describeRefusedCall', () => {
  it('names the principal, the role and the service, with the grant', () => {
    const text = describeRefusedCall(
      { caller: 'web', identity: WEB, callee: 'api' },
      { project: 'p', region: 'europe-west1' },
    );
    expect(text).toContain(
      `web runs as ${WEB}, which lacks roles/run.invoker on service api: Cloud Run refuses its calls to api (HTTP 403).`,
    );
    expect(text).toContain(
      `gcloud run services add-iam-policy-binding api --project p --region europe-west1 --member serviceAccount:${WEB} --role roles/run.invoker`,
    );
    expect(text).toContain(`gcloud projects add-iam-policy-binding p --member serviceAccount:${WEB}`);
  });

  it('says "the default compute service account" when the revision names none', () => {
    expect(
      describeRefusedCall(
        { caller: 'web', identity: undefined, callee: 'api' },
        { project: 'p', region: 'r' },
      ),
    ).toMatch(/^web runs as the project's default compute service account, .*PROJECT_NUMBER-compute@/);
  });
});

describe('explainRefusedCalls', () => {
  it('reads the identity and each callee; a callee that cannot be read is left out', async () => {
    const lines = await explainRefusedCalls({
      caller: 'web',
      identity: () => Promise.resolve(WEB),
      callees: [
        { name: 'api', access: () => Promise.resolve(priv([])) },
        { name: 'search', access: () => Promise.reject(new Error('PERMISSION_DENIED')) },
      ],
      project: 'p',
      region: 'r',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/on service api:/);
  });

  it('explains nothing when the identity cannot be read', async () => {
    expect(
      await explainRefusedCalls({
        caller: 'web',
        identity: () => Promise.reject(new Error('gone')),
        callees: [{ name: 'api', access: () => Promise.resolve(priv([])) }],
        project: 'p',
        region: 'r',
      }),
    ).toEqual([]);
  });
});
