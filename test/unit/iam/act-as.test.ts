import { describe, expect, it } from 'vitest';
import { actAsRefusal, refuseWithoutActAs, runtimeIdentity } from '../../../src/iam/act-as.js';

const config = (preview?: string, deploy?: string): Parameters<typeof runtimeIdentity>[0] =>
  ({
    preview: { serviceAccount: preview },
    deploy: { serviceAccount: deploy },
  }) as unknown as Parameters<typeof runtimeIdentity>[0];
const prod = { serviceAccount: 'prod@p.iam.gserviceaccount.com' };

describe('runtimeIdentity', () => {
  it.each([
    ['preview_service_account wins for a PR preview', config('pv@p', 'sa@p'), true, prod, 'pv@p'],
    [
      "a PR preview inherits production's identity",
      config(undefined, 'sa@p'),
      true,
      prod,
      prod.serviceAccount,
    ],
    [
      'a preview creating the service runs as service_account',
      config(undefined, 'sa@p'),
      true,
      undefined,
      'sa@p',
    ],
    ['a candidate runs as service_account, not the preview one', config('pv@p', 'sa@p'), false, prod, 'sa@p'],
    [
      "a candidate without service_account keeps production's",
      config('pv@p'),
      false,
      prod,
      prod.serviceAccount,
    ],
    [
      'none named: the default compute account, left to the deploy',
      config(),
      true,
      { serviceAccount: '' },
      undefined,
    ],
  ])('%s', (_, c, isPreview, template, want) => {
    expect(runtimeIdentity(c, isPreview, template)).toBe(want);
  });
});

describe('refuseWithoutActAs', () => {
  const who = { acting: 'serviceAccount:deployer@p.iam.gserviceaccount.com' };

  it('names the principal, the service account and roles/iam.serviceAccountUser in one line', () => {
    const line = actAsRefusal('pv@p.iam.gserviceaccount.com', who);
    expect(line).toBe(
      "Permission denied: serviceAccount:deployer@p.iam.gserviceaccount.com lacks roles/iam.serviceAccountUser (permission 'iam.serviceaccounts.actAs' on service account pv@p.iam.gserviceaccount.com). Revisions of this run would run as pv@p.iam.gserviceaccount.com; nothing was built or deployed.",
    );
    expect(line).not.toContain('\n');
  });

  it('refuses only on a no from IAM; an unanswered question warns and goes on', async () => {
    const warnings: string[] = [];
    const warn = (s: string): void => void warnings.push(s);
    await expect(refuseWithoutActAs({ mayActAs: () => Promise.resolve(false) }, 'a@p', warn)).rejects.toThrow(
      /lacks roles\/iam\.serviceAccountUser/,
    );
    await expect(
      refuseWithoutActAs({ mayActAs: () => Promise.resolve(true) }, 'a@p', warn),
    ).resolves.toBeUndefined();
    await expect(
      refuseWithoutActAs({ mayActAs: () => Promise.resolve(undefined) }, 'a@p', warn),
    ).resolves.toBeUndefined();
    expect(warnings).toEqual([
      'Could not ask IAM whether the deployer may act as a@p; the deploy will tell.',
    ]);
    let asked = 0;
    await refuseWithoutActAs({ mayActAs: () => Promise.resolve((asked++, false)) }, undefined, warn);
    expect(asked).toBe(0);
  });
});
