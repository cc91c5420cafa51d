import { describe, expect, it } from 'vitest';
import { allUsersInvoke, withMember } from '../../../src/cloudrun/invoker-policy.js';
import { explainDenial, resolveCheckAuth } from '../../../src/commands/invoker-auth.js';

const priv = { public: false, invokerIamDisabled: false, iapEnabled: false };

describe('check authentication', () => {
  it('auto sends an ID token unless the service is public; an explicit check_auth wins', () => {
    expect(resolveCheckAuth('auto', priv)).toBe('id-token');
    expect(resolveCheckAuth('auto', undefined)).toBe('id-token');
    expect(resolveCheckAuth('auto', { ...priv, public: true })).toBe('none');
    expect(resolveCheckAuth('none', priv)).toBe('none');
    expect(resolveCheckAuth('id-token', { ...priv, public: true })).toBe('id-token');
  });

  it('explains a 403 by the principal and the role it lacks', () => {
    const o = { url: 'https://web-pr-1.run.app', service: 'web', auth: 'id-token' as const };
    expect(explainDenial({ ...o, status: 403, principal: 'ci@p.iam.gserviceaccount.com' })).toBe(
      'HTTP 403 from https://web-pr-1.run.app: principal ci@p.iam.gserviceaccount.com lacks roles/run.invoker on service web',
    );
    expect(explainDenial({ ...o, status: 403, auth: 'none' })).toMatch(
      /sent no ID token \(check_auth: none\)/,
    );
    expect(explainDenial({ ...o, status: 403, principal: 'me@example.com', iap: true })).toMatch(
      /principal me@example.com lacks roles\/iap.httpsResourceAccessor on service web$/,
    );
    expect(explainDenial({ ...o, status: 500 })).toBeUndefined();
    expect(explainDenial({ ...o, status: 401 })).toMatch(/was not accepted/);
  });
});

describe('invoker policy edits', () => {
  it('adds allUsers to the invoker binding once, keeping the other bindings', () => {
    const policy = {
      bindings: [{ role: 'roles/run.admin', members: ['user:a@example.com'] }],
      etag: Buffer.from('e'),
    };
    const open = withMember(policy, 'roles/run.invoker', 'allUsers');
    expect(allUsersInvoke(policy)).toBe(false);
    expect(allUsersInvoke(open)).toBe(true);
    expect(open.bindings).toContainEqual(policy.bindings[0]);
    expect(open.etag).toBe(policy.etag);
    expect(withMember(open, 'roles/run.invoker', 'allUsers')).toBe(open);
  });
});
