import { describe, expect, it } from 'vitest';
import { grantsInvoke, isPublic, validateBindings } from '../../../src/emulator/iam-policy.js';
import { IamStore } from '../../../src/emulator/iam-store.js';
import { IdentityAuthority } from '../../../src/emulator/identity.js';
import {
  audienceAccepted,
  bearerToken,
  decideInvocation,
  type InvokerFacts,
} from '../../../src/emulator/invoker-access.js';
import { signJwt } from '../../../src/emulator/jwt.js';
import { generateKeyPairSync } from 'node:crypto';

const SA = 'ci@demo-project.iam.gserviceaccount.com';
const URL = 'http://127.0.0.1:4000';
const TAG_URL = 'http://127.0.0.1:4001';
const facts = (o: Partial<InvokerFacts> = {}): InvokerFacts => ({
  service: 'web',
  invokerIamDisabled: false,
  urls: [URL, TAG_URL],
  customAudiences: ['https://web.example.com'],
  bindings: [],
  ...o,
});

describe('IAM policy evaluation', () => {
  it('grants invocation through invoker roles only, to the member named or allUsers', () => {
    const b = [{ role: 'roles/run.invoker', members: [`serviceAccount:${SA}`] }];
    expect(grantsInvoke(b, SA)).toBe(true);
    expect(grantsInvoke(b, 'other@demo-project.iam.gserviceaccount.com')).toBe(false);
    expect(grantsInvoke(b, undefined)).toBe(false);
    expect(grantsInvoke([{ role: 'roles/run.admin', members: [`serviceAccount:${SA}`] }], SA)).toBe(true);
    expect(grantsInvoke([{ role: 'roles/run.viewer', members: [`serviceAccount:${SA}`] }], SA)).toBe(false);
    expect(grantsInvoke([{ role: 'roles/run.invoker', members: ['allAuthenticatedUsers'] }], SA)).toBe(true);
    expect(isPublic([{ role: 'roles/run.invoker', members: ['allAuthenticatedUsers'] }])).toBe(false);
    expect(isPublic([{ role: 'roles/run.invoker', members: ['allUsers'] }])).toBe(true);
  });

  it('never lets a conditional binding grant invocation (stricter than Cloud Run, never looser)', () => {
    const b = [{ role: 'roles/run.invoker', members: ['allUsers'], condition: { expression: 'false' } }];
    expect(isPublic(b)).toBe(false);
  });

  it('refuses malformed members and roles', () => {
    expect(() => validateBindings([{ role: 'roles/run.invoker', members: ['everyone'] }])).toThrow(
      /Invalid member "everyone"/,
    );
    expect(() => validateBindings([{ role: 'run.invoker', members: ['allUsers'] }])).toThrow(
      /not a valid role/,
    );
  });

  it('checks etags on SetIamPolicy and forgets a deleted service', () => {
    const store = new IamStore();
    const name = 'projects/p/locations/r/services/web';
    const first = store.get(name);
    const set = store.set(name, {
      bindings: [{ role: 'roles/run.invoker', members: ['allUsers'] }],
      etag: first.etag,
    });
    expect(set.etag.equals(first.etag)).toBe(false);
    expect(() => store.set(name, { bindings: [], etag: first.etag })).toThrow(/concurrent policy changes/);
    expect(isPublic(store.effective(name))).toBe(true);
    store.drop(name);
    expect(store.effective(name)).toEqual([]);
    store.grantProject('p', 'roles/run.developer', `serviceAccount:${SA}`);
    expect(grantsInvoke(store.effective(name), SA)).toBe(true);
    expect(store.effective('projects/q/locations/r/services/web')).toEqual([]);
  });
});

describe('audience rules', () => {
  it('accepts any URL of the service (trailing slash aside) and its custom audiences, nothing else', () => {
    expect(audienceAccepted(URL, facts())).toBe(true);
    expect(audienceAccepted(`${TAG_URL}/`, facts())).toBe(true);
    expect(audienceAccepted('https://web.example.com', facts())).toBe(true);
    expect(audienceAccepted('http://127.0.0.1:4002', facts())).toBe(false);
    expect(audienceAccepted(`${URL}/healthz`, facts())).toBe(false);
    expect(audienceAccepted('', facts({ urls: ['', URL] }))).toBe(false);
  });

  it('reads bearer tokens only', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcg==')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('the invoker decision', () => {
  const authority = new IdentityAuthority();
  authority.createServiceAccountKey(SA);
  const verify = (t: string): ReturnType<IdentityAuthority['verify']> => authority.verify(t);
  const invoker = [{ role: 'roles/run.invoker', members: [`serviceAccount:${SA}`] }];

  it('403 without a token, unless public or invoker IAM is off', () => {
    expect(decideInvocation(facts(), undefined, verify)).toMatchObject({ allow: false, status: 403 });
    expect(decideInvocation(facts({ invokerIamDisabled: true }), undefined, verify)).toEqual({ allow: true });
    expect(
      decideInvocation(
        facts({ bindings: [{ role: 'roles/run.invoker', members: ['allUsers'] }] }),
        undefined,
        verify,
      ),
    ).toEqual({ allow: true });
  });

  it('lets a verified principal with the role in, for the service URL or a tag URL', () => {
    expect(decideInvocation(facts({ bindings: invoker }), authority.idToken(SA, URL), verify)).toEqual({
      allow: true,
    });
    expect(decideInvocation(facts({ bindings: invoker }), authority.idToken(SA, TAG_URL), verify)).toEqual({
      allow: true,
    });
  });

  it('403 naming the principal and the role when the role is missing', () => {
    const d = decideInvocation(facts(), authority.idToken(SA, URL), verify);
    expect(d).toEqual({
      allow: false,
      status: 403,
      message: `Forbidden: ${SA} does not have run.routes.invoke (roles/run.invoker) on service web.`,
    });
  });

  it('401 for another audience, a foreign signature, or an expired token', () => {
    const f = facts({ bindings: invoker });
    expect(decideInvocation(f, authority.idToken(SA, 'http://127.0.0.1:9'), verify)).toMatchObject({
      status: 401,
    });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'https://accounts.google.com',
      aud: URL,
      email: SA,
      email_verified: true,
      iat: now,
      exp: now + 600,
    };
    const foreign = decideInvocation(f, signJwt(claims, privateKey), verify);
    expect(foreign.allow ? '' : foreign.message).toMatch(/signature does not verify/);
    let clock = now;
    const timed = new IdentityAuthority(() => clock);
    timed.createServiceAccountKey(SA);
    const token = timed.idToken(SA, URL);
    expect(timed.verify(token)).toMatchObject({ ok: true });
    clock = now + 3600 + 301;
    expect(timed.verify(token)).toEqual({ ok: false, reason: 'the token has expired' });
  });

  it('refuses an ID token from its exp on: no clock skew hides an expired token', () => {
    let clock = Math.floor(Date.now() / 1000);
    const timed = new IdentityAuthority(() => clock);
    timed.lifetimeSec = 60;
    timed.createServiceAccount(SA);
    const token = timed.idToken(SA, URL);
    clock += 59;
    expect(timed.verify(token)).toMatchObject({ ok: true });
    clock += 1;
    expect(timed.verify(token)).toEqual({ ok: false, reason: 'the token has expired' });
  });

  it("accepts the metadata server's standard format (sub, no email) as the account it names", () => {
    const timed = new IdentityAuthority();
    timed.createServiceAccount(SA);
    const standard = timed.idToken(SA, URL, false);
    expect(JSON.parse(Buffer.from(standard.split('.')[1] ?? '', 'base64url').toString())).not.toHaveProperty(
      'email',
    );
    expect(timed.verify(standard)).toEqual({ ok: true, email: SA, audience: URL });
  });
});

describe('the token endpoint', () => {
  const authority = new IdentityAuthority();
  const key = authority.createServiceAccountKey(SA);
  const now = Math.floor(Date.now() / 1000);
  const assertion = (signing: string, o: Record<string, unknown> = {}): string =>
    signJwt(
      {
        iss: SA,
        aud: 'https://oauth2.googleapis.com/token',
        iat: now,
        exp: now + 3600,
        target_audience: URL,
        ...o,
      },
      signing,
    );
  const form = (a: string): URLSearchParams =>
    new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: a });

  it('exchanges an assertion signed by a key it made for an ID token with the asked audience', () => {
    const answer = authority.exchange(form(assertion(key.private_key)));
    expect(answer.status).toBe(200);
    expect(authority.verify(String(answer.body.id_token))).toEqual({ ok: true, email: SA, audience: URL });
  });

  it('refuses a key it did not make, even for a known account', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(authority.exchange(form(assertion(pem)))).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
  });

  it('refuses long-lived or mis-addressed assertions and access-token requests', () => {
    expect(authority.exchange(form(assertion(key.private_key, { exp: now + 7200 }))).status).toBe(400);
    expect(
      authority.exchange(form(assertion(key.private_key, { aud: 'https://evil.example/token' }))).status,
    ).toBe(400);
    expect(
      authority.exchange(form(assertion(key.private_key, { target_audience: undefined }))).body.error,
    ).toBe('invalid_scope');
  });

  it('a scoped assertion gets an access token that speaks for the account', () => {
    const answer = authority.exchange(
      form(
        assertion(key.private_key, {
          target_audience: undefined,
          scope: 'https://www.googleapis.com/auth/cloud-platform',
        }),
      ),
    );
    expect(answer).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
    const check = authority.tokens.verify(String(answer.body.access_token));
    expect(check.ok && check.issued.principal).toEqual({ kind: 'serviceAccount', email: SA });
  });
});

describe('IAP in front of a service', () => {
  const authority = new IdentityAuthority();
  authority.createServiceAccountKey(SA);
  const verify = (t: string): ReturnType<IdentityAuthority['verify']> => authority.verify(t);
  const iap = (bindings: InvokerFacts['bindings']): InvokerFacts => facts({ iapEnabled: true, bindings });

  it('lets in only principals with roles/iap.httpsResourceAccessor, never anonymous callers', () => {
    const open = [{ role: 'roles/run.invoker', members: ['allUsers', `serviceAccount:${SA}`] }];
    expect(decideInvocation(iap(open), undefined, verify)).toMatchObject({ allow: false, status: 401 });
    expect(decideInvocation(iap(open), authority.idToken(SA, URL), verify)).toMatchObject({ status: 403 });
    const accessor = [{ role: 'roles/iap.httpsResourceAccessor', members: [`serviceAccount:${SA}`] }];
    expect(decideInvocation(iap(accessor), authority.idToken(SA, URL), verify)).toEqual({ allow: true });
  });
});
