/**
 * The Artifact Registry adapter (ensureRepository, deleteImageTags) through the unmodified client against the
 * local emulator and a local docker-registry, and withDockerLogin against that registry with a real docker login.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UserError } from '../../src/config/user-error.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { deleteImageTags, ensureRepository, withDockerLogin } from '../../src/registry/index.js';
import { manifestExists, pushTinyImage, registryTags } from '../fixtures/registry-push.js';
import { emulatorEnv } from './support/emulator-options.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';

const PERMISSION_DENIED = 7;
let registry: LocalRegistry;
let emulator: Emulator;
/** What the in-process adapter reads from the environment: endpoint, CA and credentials. */
const ENV_KEYS = [
  'GCP_DEPLOY_EMULATOR_HOST',
  'GCP_DEPLOY_EMULATOR_CA',
  'GOOGLE_APPLICATION_CREDENTIALS',
] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let deployer: Caller | undefined;
const deployerEmail = (): string => deployer?.email ?? '';
const lines: string[] = [];
const log = (s: string): void => {
  lines.push(s);
};

// withDockerLogin runs a real `docker login` against the local registry.
const SKIP = skipWithout('registry e2e', ['docker-registry', 'docker']);

beforeAll(async () => {
  if (SKIP) return;
  registry = await startLocalRegistry();
  emulator = await startEmulator({ runtime: 'process', registry });
  // The adapter's calls are authorized: it runs as a deployer that may create repositories and delete tags.
  deployer = serviceAccountCaller(emulator, 'demo-project', 'registry', DEPLOYER_ROLES);
  Object.assign(process.env, emulatorEnv(emulator), {
    GOOGLE_APPLICATION_CREDENTIALS: deployer.keyPath,
  });
});
afterAll(async () => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  deployer?.remove();
  await emulator?.stop();
  await registry?.stop();
});

describe.skipIf(SKIP)('ensureRepository', () => {
  test('creates a missing DOCKER repository once', async () => {
    const opts = { project: 'demo-project', location: 'us-central1', repository: 'previews', log };
    expect(await ensureRepository(opts)).toEqual({ created: true });
    expect(await ensureRepository(opts)).toEqual({ created: false });
    const creates = emulator.recorder.calls.filter((c) => c.method === 'CreateRepository' && c.ok);
    expect(creates).toHaveLength(1);
    expect(creates[0]?.request).toMatchObject({ repositoryId: 'previews', repository: { format: 'DOCKER' } });
  });

  test('a denied create names the permission and role', async () => {
    emulator.faults.failNext(
      'CreateRepository',
      1,
      PERMISSION_DENIED,
      "Permission 'artifactregistry.repositories.create' denied",
    );
    const err = await ensureRepository({
      project: 'demo-project',
      location: 'us-central1',
      repository: 'denied',
      log,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String((err as Error).message)).toMatch(
      /artifactregistry\.repositories\.create.*roles\/artifactregistry\.admin/,
    );
    expect(String((err as Error).message)).toMatch(/roles\/artifactregistry\.writer/);
  });

  test('a denied read names the read permission', async () => {
    emulator.faults.failNext('GetRepository', 1, PERMISSION_DENIED, 'denied');
    await expect(
      ensureRepository({ project: 'demo-project', location: 'us-central1', repository: 'previews', log }),
    ).rejects.toThrow(/artifactregistry\.repositories\.get/);
  });
});

describe.skipIf(SKIP)('deleteImageTags', () => {
  const image = 'demo-project/previews/web';
  const base = {
    project: 'demo-project',
    location: 'us-central1',
    repository: 'previews',
    image: 'web',
    log,
  };

  test('deletes unprotected tags and their versions, keeps the serving digest and says so', async () => {
    const a = await pushTinyImage(registry.url, image, 'version a', ['pr-1', 'sha-1111111']);
    const b = await pushTinyImage(registry.url, image, 'version b', ['pr-2', 'sha-2222222']);
    const c = await pushTinyImage(registry.url, image, 'version c', ['pr-3']);
    lines.length = 0;

    const dry = await deleteImageTags({
      ...base,
      tags: ['pr-1', 'sha-1111111', 'pr-2'],
      protectedDigests: [b],
      dryRun: true,
    });
    expect(dry).toEqual({ deleted: ['pr-1', 'sha-1111111'], kept: ['pr-2'] });
    expect(await registryTags(registry.url, image)).toEqual([
      'pr-1',
      'pr-2',
      'pr-3',
      'sha-1111111',
      'sha-2222222',
    ]);
    expect(lines.some((l) => l.startsWith('dry run: would delete tag web:pr-1'))).toBe(true);

    const res = await deleteImageTags({
      ...base,
      tags: ['pr-1', 'sha-1111111', 'pr-2', 'pr-9'],
      protectedDigests: [`127.0.0.1:1/${image}@${b}`],
    });
    expect(res).toEqual({ deleted: ['pr-1', 'sha-1111111'], kept: ['pr-2'] });
    expect(await registryTags(registry.url, image)).toEqual(['pr-2', 'pr-3', 'sha-2222222']);
    expect(await manifestExists(registry.url, image, a)).toBe(false);
    expect(await manifestExists(registry.url, image, b)).toBe(true);
    expect(await manifestExists(registry.url, image, c)).toBe(true);
    expect(lines).toContain(`keeping tag web:pr-2: its digest ${b} is serving traffic`);
    expect(lines).toContain('tag web:pr-9 not found; nothing to delete');
  });

  test('an image that does not exist is nothing to do', async () => {
    expect(await deleteImageTags({ ...base, image: 'nope', tags: ['pr-1'], protectedDigests: [] })).toEqual({
      deleted: [],
      kept: [],
    });
  });
});

describe.skipIf(SKIP)('withDockerLogin', () => {
  const noEmulator = (): NodeJS.ProcessEnv => {
    const env = { ...process.env };
    delete env.GCP_DEPLOY_EMULATOR_HOST;
    return env;
  };

  test('logs in with oauth2accesstoken in a temporary DOCKER_CONFIG that is removed afterwards', async () => {
    let dir = '';
    const token = emulator.identity.accessToken(deployerEmail());
    const out = await withDockerLogin(
      registry.host,
      (env) => {
        dir = env.DOCKER_CONFIG ?? '';
        expect(env.REGISTRY_AUTH_FILE).toBe(join(dir, 'config.json'));
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
          auths: Record<string, { auth?: string }>;
        };
        const auth = Buffer.from(config.auths[registry.host]?.auth ?? '', 'base64').toString();
        expect(auth).toBe(`oauth2accesstoken:${token}`);
        return Promise.resolve('done');
      },
      { env: noEmulator(), getToken: () => Promise.resolve(token), log },
    );
    expect(out).toBe('done');
    expect(dir).not.toBe('');
    expect(existsSync(dir)).toBe(false);
  });

  test('issues the login again before its token expires, so a push that outlives a token sends a live one', async () => {
    const issued: { token: string; expiresAtMs: number }[] = [];
    const getToken = (): Promise<{ token: string; expiresAtMs: number }> => {
      const t = { token: emulator.identity.accessToken(deployerEmail()), expiresAtMs: Date.now() + 8000 };
      issued.push(t);
      return Promise.resolve(t);
    };
    await withDockerLogin(
      registry.host,
      async (env) => {
        // A build longer than the token's life; then the push reads the login.
        await new Promise((r) => setTimeout(r, 10_000));
        const config = JSON.parse(readFileSync(join(env.DOCKER_CONFIG ?? '', 'config.json'), 'utf8')) as {
          auths: Record<string, { auth?: string }>;
        };
        const auth = Buffer.from(config.auths[registry.host]?.auth ?? '', 'base64').toString();
        const sent = issued.find((t) => `oauth2accesstoken:${t.token}` === auth);
        expect(sent, auth).toBeDefined();
        expect(sent?.expiresAtMs).toBeGreaterThan(Date.now());
      },
      { env: noEmulator(), getToken, log },
    );
    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain(`registry login to ${registry.host} renewed before its token expires`);
  }, 30_000);

  test('cleans up when the step fails', async () => {
    let dir = '';
    await expect(
      withDockerLogin(
        registry.host,
        (env) => {
          dir = env.DOCKER_CONFIG ?? '';
          return Promise.reject(new Error('push failed'));
        },
        {
          env: noEmulator(),
          getToken: () => Promise.resolve(emulator.identity.accessToken(deployerEmail())),
          log,
        },
      ),
    ).rejects.toThrow('push failed');
    expect(existsSync(dir)).toBe(false);
  });

  test("the emulator's registry is logged in to like Artifact Registry: a token it did not issue is refused", async () => {
    let dir = '';
    await withDockerLogin(
      registry.host,
      (env) => {
        dir = env.DOCKER_CONFIG ?? '';
        return Promise.resolve();
      },
      {
        env: { ...process.env, GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint },
        getToken: () => Promise.resolve(emulator.identity.accessToken(deployerEmail())),
        log,
      },
    );
    expect(dir).not.toBe(process.env.DOCKER_CONFIG ?? '');
    expect(existsSync(dir)).toBe(false);
    // docker login checks the credentials with the registry: the front's token endpoint refuses a made-up one.
    await expect(
      withDockerLogin(registry.host, () => Promise.resolve(), {
        env: { ...process.env, GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint },
        getToken: () => Promise.resolve(`ya29.made-up-${Date.now()}`),
        log,
      }),
    ).rejects.toThrow(/401|unauthorized|authentication/i);
  });
});
