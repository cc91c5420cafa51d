/**
 * The emulator's Workload Identity Federation and IAM Credentials, without servers: the STS exchange
 * refuses what Google's refuses (signature, issuer, audience, lifetime, condition), and a federated token
 * gets a service account's tokens only through a binding naming its principal set.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IamCredentials } from '../../../src/emulator/iam-credentials.js';
import { IamStore } from '../../../src/emulator/iam-store.js';
import { IdentityAuthority } from '../../../src/emulator/identity.js';
import { signJwt } from '../../../src/emulator/jwt.js';
import { ProjectDirectory, WorkloadIdentity } from '../../../src/emulator/workload-identity.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const SA = 'deployer@p.iam.gserviceaccount.com';
const github = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = JSON.stringify({
  keys: [{ ...github.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256' }],
});

function world() {
  const authority = new IdentityAuthority();
  authority.createServiceAccount(SA);
  const projects = new ProjectDirectory();
  projects.register('p', '42');
  const iam = new IamStore();
  const wif = new WorkloadIdentity(projects, authority.tokens, () => 3600);
  const creds = new IamCredentials(authority, iam, authority.tokens, () => 3600);
  const pool = wif.createPool('projects/p/locations/global', 'github', { displayName: 'GitHub' });
  const provider = wif.createProvider(pool.name, 'github', {
    attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
    attributeCondition: "assertion.repository_owner == 'acme'",
    oidc: { issuerUri: ISSUER, jwksJson: jwks },
  });
  return { authority, iam, wif, creds, pool, provider };
}

const now = (): number => Math.floor(Date.now() / 1000);

function githubToken(over: Record<string, unknown> = {}, key = github.privateKey, kid = 'k1'): string {
  return signJwt(
    {
      iss: ISSUER,
      aud: 'https://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/github/providers/github',
      sub: 'repo:acme/web:ref:refs/heads/main',
      repository: 'acme/web',
      repository_owner: 'acme',
      iat: now(),
      exp: now() + 300,
      ...over,
    },
    key,
    kid,
  );
}

function exchange(w: ReturnType<typeof world>, subjectToken: string, audience?: string) {
  return w.wif.exchange({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    audience: audience ?? `//iam.googleapis.com/${w.provider.name}`,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    subject_token: subjectToken,
  });
}

describe('pools and providers (IAM resource rules)', () => {
  it('names carry the project number; ids follow IAM (4-32 of [a-z0-9-], no gcp- prefix)', () => {
    const w = world();
    expect(w.provider.name).toBe(
      'projects/42/locations/global/workloadIdentityPools/github/providers/github',
    );
    expect(() => w.wif.createPool('projects/p/locations/global', 'gh', {})).toThrow(/4 to 32/);
    expect(() => w.wif.createPool('projects/p/locations/global', 'gcp-pool', {})).toThrow();
    expect(() => w.wif.createPool('projects/p/locations/global', 'github', {})).toThrow(/already exists/);
  });

  it('a provider needs google.subject mapped and an https issuer', () => {
    const w = world();
    expect(() =>
      w.wif.createProvider(w.pool.name, 'other', {
        attributeMapping: { 'attribute.x': 'assertion.x' },
        oidc: { issuerUri: ISSUER, jwksJson: jwks },
      }),
    ).toThrow(/google.subject/);
    expect(() =>
      w.wif.createProvider(w.pool.name, 'other', {
        attributeMapping: { 'google.subject': 'assertion.sub' },
        oidc: { issuerUri: 'http://issuer', jwksJson: jwks },
      }),
    ).toThrow(/https/);
  });
});

describe('the STS token exchange', () => {
  it('a token signed by the provider, for its audience, within the condition, gets an access token', () => {
    const w = world();
    const answer = exchange(w, githubToken());
    expect(answer.status).toBe(200);
    const check = w.authority.tokens.verify(String(answer.body.access_token));
    expect(check.ok && check.issued.principal).toEqual({
      kind: 'federated',
      pool: w.pool.name,
      subject: 'repo:acme/web:ref:refs/heads/main',
      attributes: { repository: 'acme/web' },
      groups: [],
    });
  });

  it.each([
    ['another key', githubToken({}, stranger.privateKey), /signature/],
    ['an unknown kid', githubToken({}, github.privateKey, 'k2'), /signature/],
    ['another issuer', githubToken({ iss: 'https://evil.example' }), /issuer/],
    ['another audience', githubToken({ aud: 'https://iam.googleapis.com/elsewhere' }), /audience/],
    ['an expired token', githubToken({ iat: now() - 900, exp: now() - 60 }), /expired/],
    ['an owner outside the condition', githubToken({ repository_owner: 'evil' }), /attribute condition/],
    [
      'a token without the claim the condition reads',
      githubToken({ repository_owner: undefined }),
      /attribute condition/,
    ],
    ['not a JWT', 'abc', /not a JWT/],
  ])('refuses %s', (_name, token, message) => {
    const answer = exchange(world(), token);
    expect(answer.status).toBe(400);
    expect(String(answer.body.error_description)).toMatch(message);
  });

  it('refuses an unknown provider and a wrong grant type', () => {
    const w = world();
    expect(
      exchange(
        w,
        githubToken(),
        '//iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/github/providers/nope',
      ).body.error,
    ).toBe('invalid_target');
    expect(w.wif.exchange({ grant_type: 'client_credentials' }).status).toBe(400);
  });
});

describe('IAM Credentials for a federated principal', () => {
  const federated = (w: ReturnType<typeof world>, over: Record<string, unknown> = {}): string =>
    String(exchange(w, githubToken(over)).body.access_token);
  const bind = (w: ReturnType<typeof world>, role: string, member: string): void => {
    w.iam.set(`projects/p/serviceAccounts/${SA}`, { bindings: [{ role, members: [member] }] });
  };

  it('no binding: generateIdToken and generateAccessToken are PERMISSION_DENIED naming the permission', () => {
    const w = world();
    const token = federated(w);
    const id = w.creds.generateIdToken(token, SA, { audience: 'https://svc' });
    expect(id.status).toBe(403);
    expect(JSON.stringify(id.body)).toContain("Permission 'iam.serviceAccounts.getOpenIdToken' denied");
    expect(
      w.creds.generateAccessToken(token, SA, { scope: ['https://www.googleapis.com/auth/cloud-platform'] })
        .status,
    ).toBe(403);
  });

  it('workloadIdentityUser for the repository principal set: both tokens; another repository: none', () => {
    const w = world();
    bind(
      w,
      'roles/iam.workloadIdentityUser',
      `principalSet://iam.googleapis.com/${w.pool.name}/attribute.repository/acme/web`,
    );
    const ok = w.creds.generateIdToken(federated(w), SA, { audience: 'https://svc', includeEmail: true });
    expect(ok.status).toBe(200);
    const verified = w.authority.verify(String((ok.body as { token: string }).token));
    expect(verified).toMatchObject({ ok: true, email: SA, audience: 'https://svc' });
    const access = w.creds.generateAccessToken(federated(w), SA, {
      scope: ['https://www.googleapis.com/auth/cloud-platform'],
    });
    expect(access.status).toBe(200);
    const other = federated(w, { repository: 'acme/other' });
    expect(w.creds.generateIdToken(other, SA, { audience: 'https://svc' }).status).toBe(403);
  });

  it('a role without the permission (serviceAccountUser) grants no token; tokenCreator does', () => {
    const w = world();
    const member = `principalSet://iam.googleapis.com/${w.pool.name}/*`;
    bind(w, 'roles/iam.serviceAccountUser', member);
    expect(w.creds.generateIdToken(federated(w), SA, { audience: 'https://svc' }).status).toBe(403);
    bind(w, 'roles/iam.serviceAccountTokenCreator', member);
    expect(w.creds.generateIdToken(federated(w), SA, { audience: 'https://svc' }).status).toBe(200);
  });

  it('no token, an unknown token or an expired one: UNAUTHENTICATED', () => {
    const w = world();
    expect(w.creds.generateIdToken(undefined, SA, { audience: 'a' }).status).toBe(401);
    expect(w.creds.generateIdToken('ya29.nope', SA, { audience: 'a' }).status).toBe(401);
    let clock = 1_000_000;
    const timed = new IdentityAuthority(() => clock);
    const issued = timed.tokens.issue(
      { kind: 'serviceAccount', email: SA },
      ['https://www.googleapis.com/auth/cloud-platform'],
      60,
    );
    expect(timed.tokens.verify(issued.token).ok).toBe(true);
    clock += 61;
    expect(timed.tokens.verify(issued.token)).toEqual({ ok: false, reason: 'the access token has expired' });
  });
});
