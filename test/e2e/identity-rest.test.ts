/**
 * The emulator's identity services over HTTPS as Google serves them, through its proxy and CA: an access
 * token from a key (JWT bearer at oauth2.googleapis.com), then IAM's workload identity pool and provider
 * resources and service accounts' policies, each call authorized by the caller's project roles.
 */
import { readFileSync } from 'node:fs';
import { fetch, ProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../src/emulator/jwt.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';

const PROJECT = 'id-project';
const ADMIN = `admin@${PROJECT}.iam.gserviceaccount.com`;
const NOBODY = `nobody@${PROJECT}.iam.gserviceaccount.com`;
const DEPLOYER = `deployer@${PROJECT}.iam.gserviceaccount.com`;

describe('identity services over REST (emulator proxy, real TLS)', () => {
  let emulator: Emulator;
  let agent: ProxyAgent;
  const tokens: Record<string, string> = {};

  const call = async (method: string, url: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(url, {
      method,
      dispatcher: agent,
      headers: {
        'content-type': 'application/json',
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** An access token for a key, as google-auth-library gets one (JWT bearer with a scope). */
  async function accessToken(email: string): Promise<string> {
    const key = emulator.identity.createServiceAccountKey(email);
    const now = Math.floor(Date.now() / 1000);
    const assertion = signJwt(
      {
        iss: email,
        aud: 'https://oauth2.googleapis.com/token',
        scope: 'https://www.googleapis.com/auth/cloud-platform',
        iat: now,
        exp: now + 3600,
      },
      key.private_key,
    );
    const res = await fetch('https://oauth2.googleapis.com/token', {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString(),
    });
    const body = (await res.json()) as { access_token?: string };
    expect(res.status).toBe(200);
    return body.access_token ?? '';
  }

  beforeAll(async () => {
    emulator = await startEmulator({ runtime: 'process' });
    const env = emulator.identity.env();
    agent = new ProxyAgent({
      uri: env.HTTPS_PROXY ?? '',
      requestTls: { ca: readFileSync(env.NODE_EXTRA_CA_CERTS ?? '', 'utf8') },
    });
    emulator.iam.grantProject(PROJECT, 'roles/iam.workloadIdentityPoolAdmin', `serviceAccount:${ADMIN}`);
    emulator.iam.grantProject(PROJECT, 'roles/iam.serviceAccountAdmin', `serviceAccount:${ADMIN}`);
    emulator.identity.createServiceAccount(DEPLOYER);
    tokens.admin = await accessToken(ADMIN);
    tokens.nobody = await accessToken(NOBODY);
  }, 120_000);

  afterAll(async () => {
    await agent?.close();
    await emulator?.stop();
  });

  const IAM = 'https://iam.googleapis.com/v1';

  it('creates a pool and an OIDC provider, named by project number; reads them back', async () => {
    const number = emulator.identity.projectNumber(PROJECT);
    const pool = await call(
      'POST',
      `${IAM}/projects/${PROJECT}/locations/global/workloadIdentityPools?workloadIdentityPoolId=github`,
      tokens.admin,
      { displayName: 'GitHub' },
    );
    expect(pool.status).toBe(200);
    expect(pool.body).toMatchObject({
      done: true,
      response: { name: `projects/${number}/locations/global/workloadIdentityPools/github`, state: 'ACTIVE' },
    });
    const provider = await call(
      'POST',
      `${IAM}/projects/${number}/locations/global/workloadIdentityPools/github/providers?workloadIdentityPoolProviderId=github`,
      tokens.admin,
      {
        attributeMapping: { 'google.subject': 'assertion.sub' },
        attributeCondition: "assertion.repository_owner == 'acme'",
        oidc: {
          issuerUri: 'https://token.actions.githubusercontent.com',
          jwksJson: '{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}',
        },
      },
    );
    expect(provider.status, JSON.stringify(provider.body)).toBe(200);
    const read = await call(
      'GET',
      `${IAM}/projects/${PROJECT}/locations/global/workloadIdentityPools/github/providers/github`,
      tokens.admin,
    );
    expect(read.body).toMatchObject({ attributeCondition: "assertion.repository_owner == 'acme'" });
  });

  it('refuses without a token (401) and without the role (403 naming the permission)', async () => {
    const url = `${IAM}/projects/${PROJECT}/locations/global/workloadIdentityPools?workloadIdentityPoolId=other`;
    expect((await call('POST', url, undefined, {})).status).toBe(401);
    const denied = await call('POST', url, tokens.nobody, {});
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.body)).toContain("Permission 'iam.workloadIdentityPools.create' denied");
  });

  it("sets and reads a service account's policy; a stale etag is refused", async () => {
    const url = `${IAM}/projects/${PROJECT}/serviceAccounts/${DEPLOYER}`;
    const first = await call('POST', `${url}:getIamPolicy`, tokens.admin, {});
    expect(first.status).toBe(200);
    const binding = {
      role: 'roles/iam.workloadIdentityUser',
      members: [
        'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/github/attribute.repository/acme/web',
      ],
    };
    const set = await call('POST', `${url}:setIamPolicy`, tokens.admin, {
      policy: { bindings: [binding], etag: first.body.etag },
    });
    expect(set.status).toBe(200);
    expect((await call('POST', `${url}:getIamPolicy`, tokens.admin, {})).body.bindings).toEqual([binding]);
    const stale = await call('POST', `${url}:setIamPolicy`, tokens.admin, {
      policy: { bindings: [], etag: first.body.etag },
    });
    expect(stale.status).toBe(409);
    expect((await call('POST', `${url}:getIamPolicy`, tokens.nobody, {})).status).toBe(403);
  });
});
