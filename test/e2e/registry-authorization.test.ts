/**
 * The emulator's Artifact Registry Docker endpoint (the front of the local docker-registry), spoken to over
 * the Docker Registry HTTP API as docker and buildah speak it: a request without credentials gets a 401 with a
 * Bearer challenge; the token endpoint takes docker login's `oauth2accesstoken` and `_json_key` logins and
 * refuses what the emulator did not issue; pushes need uploadArtifacts and pulls downloadArtifacts on the
 * repository, else a 403 DENIED naming the permission and the repository, as Artifact Registry answers.
 */
import { readFileSync } from 'node:fs';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { pushTinyImage } from '../fixtures/registry-push.js';
import { emulatorOptions } from './support/emulator-options.js';
import { serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';

const PROJECT = 'demo-project';
const REPOSITORY = `projects/${PROJECT}/locations/us-central1/repositories/previews`;
const IMAGE = `${PROJECT}/previews/app`;
const SKIP = skipWithout('registry authorization e2e', ['docker-registry']);

let registry: LocalRegistry;
let emulator: Emulator;
let digest = '';
const callers: Caller[] = [];

function caller(name: string, repositoryRole?: string): Caller {
  const c = serviceAccountCaller(emulator, PROJECT, name);
  callers.push(c);
  if (repositoryRole !== undefined)
    emulator.iam.grantResource(REPOSITORY, repositoryRole, `serviceAccount:${c.email}`);
  return c;
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const front = (path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`http://${registry.host}${path}`, init);
const manifestPath = (): string => `/v2/${IMAGE}/manifests/${digest}`;
const startUpload = (authorization: string): Promise<Response> =>
  front(`/v2/${IMAGE}/blobs/uploads/`, { method: 'POST', headers: { authorization } });

beforeAll(async () => {
  if (SKIP) return;
  registry = await startLocalRegistry();
  emulator = await startEmulator({ runtime: 'process', registry });
  // The repository exists (its policy is where the roles below are granted).
  const ar = new ArtifactRegistryClient(emulatorOptions(emulator));
  const [op] = await ar.createRepository({
    parent: `projects/${PROJECT}/locations/us-central1`,
    repositoryId: 'previews',
    repository: { format: 'DOCKER' },
  });
  await op.promise();
  await ar.close();
  // The repository's storage holds one image (written behind the front, as a test's set-up).
  digest = await pushTinyImage(registry.url, IMAGE, 'hello', ['v1']);
});
afterAll(async () => {
  for (const c of callers) c.remove();
  await emulator?.stop();
  await registry?.stop();
});

describe.skipIf(SKIP)("the emulator's Artifact Registry Docker endpoint", () => {
  test('without credentials: 401 with a Bearer challenge naming the token endpoint and the scope', async () => {
    const ping = await front('/v2/');
    expect(ping.status).toBe(401);
    expect(ping.headers.get('www-authenticate')).toBe(
      `Bearer realm="http://${registry.host}/v2/token",service="${registry.host}"`,
    );
    const pull = await front(manifestPath());
    expect(pull.status).toBe(401);
    expect(pull.headers.get('www-authenticate')).toContain(`scope="repository:${IMAGE}:pull"`);
    const token = await front(`/v2/token?service=${registry.host}&scope=repository:${IMAGE}:pull`);
    expect(token.status).toBe(401);
  });

  test("the token endpoint takes docker login's oauth2accesstoken and _json_key, and nothing it did not issue", async () => {
    const reader = caller('ar-reader', 'roles/artifactregistry.reader');
    const scope = `?service=${registry.host}&scope=repository:${IMAGE}:pull`;
    const made = await front(`/v2/token${scope}`, {
      headers: { authorization: basic('oauth2accesstoken', `ya29.made-up-${Date.now()}`) },
    });
    expect(made.status).toBe(401);
    const granted = await front(`/v2/token${scope}`, {
      headers: { authorization: basic('oauth2accesstoken', emulator.identity.accessToken(reader.email)) },
    });
    expect(granted.status).toBe(200);
    const { token, expires_in } = (await granted.json()) as { token: string; expires_in: number };
    expect(expires_in).toBeGreaterThan(0);
    const pulled = await front(manifestPath(), { headers: { authorization: `Bearer ${token}` } });
    expect(pulled.status).toBe(200);

    const key = readFileSync(reader.keyPath, 'utf8');
    const byKey = await front(`/v2/token${scope}`, { headers: { authorization: basic('_json_key', key) } });
    expect(byKey.status).toBe(200);
    // A key file naming the reader but holding a key the emulator never made for it.
    const forged = JSON.parse(readFileSync(caller('other').keyPath, 'utf8')) as Record<string, string>;
    const stolenName = JSON.stringify({ ...forged, client_email: reader.email });
    const refused = await front(`/v2/token${scope}`, {
      headers: { authorization: basic('_json_key', stolenName) },
    });
    expect(refused.status).toBe(401);
  });

  test('a reader pulls but may not push: 403 DENIED naming uploadArtifacts and the repository', async () => {
    const reader = caller('ar-reader-2', 'roles/artifactregistry.reader');
    const auth = `Bearer ${emulator.identity.accessToken(reader.email)}`;
    expect((await front(manifestPath(), { headers: { authorization: auth } })).status).toBe(200);
    const push = await startUpload(auth);
    expect(push.status).toBe(403);
    const body = (await push.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]?.code).toBe('DENIED');
    expect(body.errors[0]?.message).toMatch(
      /^Permission "artifactregistry\.repositories\.uploadArtifacts" denied on resource "projects\/demo-project\/locations\/us-central1\/repositories\/previews" \(or it may not exist\)$/,
    );
  });

  test('a writer pushes; a principal with no role may neither pull nor push', async () => {
    const writer = caller('ar-writer', 'roles/artifactregistry.writer');
    const started = await startUpload(
      basic('oauth2accesstoken', emulator.identity.accessToken(writer.email)),
    );
    expect(started.status).toBe(202);
    // The upload URL points back at the front, which keeps checking the uploads it hands out.
    expect(started.headers.get('location')).toContain(`http://${registry.host}/v2/${IMAGE}/blobs/uploads/`);

    // Mounting a blob from another repository reads that one: the writer of previews may not.
    const mount = await front(
      `/v2/${IMAGE}/blobs/uploads/?mount=sha256:${'0'.repeat(64)}&from=${PROJECT}/private/app`,
      {
        method: 'POST',
        headers: { authorization: basic('oauth2accesstoken', emulator.identity.accessToken(writer.email)) },
      },
    );
    expect(mount.status).toBe(403);
    expect(((await mount.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain(
      'Permission "artifactregistry.repositories.downloadArtifacts" denied on resource "projects/demo-project/locations/-/repositories/private"',
    );

    const nobody = caller('ar-nobody');
    const auth = `Bearer ${emulator.identity.accessToken(nobody.email)}`;
    const pull = await front(manifestPath(), { headers: { authorization: auth } });
    expect(pull.status).toBe(403);
    expect(((await pull.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain(
      'Permission "artifactregistry.repositories.downloadArtifacts" denied',
    );
    expect((await startUpload(auth)).status).toBe(403);
  });

  test('a push creates no repository: one never created is NAME_UNKNOWN even to a project writer', async () => {
    const owner = serviceAccountCaller(
      emulator,
      PROJECT,
      'ar-project-writer',
      'roles/artifactregistry.writer',
    );
    callers.push(owner);
    const auth = basic('oauth2accesstoken', emulator.identity.accessToken(owner.email));
    const upload = (image: string): Promise<Response> =>
      front(`/v2/${image}/blobs/uploads/`, { method: 'POST', headers: { authorization: auth } });
    const missing = await upload(`${PROJECT}/never-created/app`);
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]).toEqual({ code: 'NAME_UNKNOWN', message: 'Repository "never-created" not found' });
    // The same writer pushes into the repository that exists; pulls from the missing one find nothing.
    expect((await upload(IMAGE)).status).toBe(202);
    const pull = await front(`/v2/${PROJECT}/never-created/app/manifests/v1`, {
      headers: { authorization: auth },
    });
    expect(pull.status).toBe(404);
  });
});
