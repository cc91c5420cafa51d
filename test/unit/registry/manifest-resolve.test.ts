import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { UserError } from '../../../src/config/user-error.js';
import {
  MEDIA_TYPES,
  bearerChallenge,
  chooseManifest,
  parsePlatform,
  platformMatches,
  registryAuthFromEnv,
  registryBaseUrl,
  resolvePlatformDigest,
  verifyDigest,
  type ManifestChoice,
} from '../../../src/registry/manifest-resolve.js';

const digestOf = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const D = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const entry = (
  digest: string,
  platform: Record<string, string>,
  extra: Record<string, unknown> = {},
): object => ({
  mediaType: MEDIA_TYPES.ociManifest,
  digest,
  size: 500,
  platform,
  ...extra,
});
const attestation = (digest: string, of: string): object =>
  entry(
    digest,
    { os: 'unknown', architecture: 'unknown' },
    {
      annotations: { 'vnd.docker.reference.digest': of, 'vnd.docker.reference.type': 'attestation-manifest' },
    },
  );
const index = (manifests: object[], mediaType: string = MEDIA_TYPES.ociIndex): string =>
  JSON.stringify({ schemaVersion: 2, mediaType, manifests });
const plain = (mediaType?: string): string =>
  JSON.stringify({
    schemaVersion: 2,
    ...(mediaType ? { mediaType } : {}),
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: D(9), size: 2 },
    layers: [],
  });

const provenance = index([
  attestation(D(2), D(1)),
  entry(D(1), { os: 'linux', architecture: 'amd64' }),
  attestation(D(3), D(1)),
]);
const dockerList = index(
  [
    {
      ...entry(D(4), { os: 'linux', architecture: 'arm64', variant: 'v8' }),
      mediaType: MEDIA_TYPES.dockerManifest,
    },
    { ...entry(D(5), { os: 'linux', architecture: 'amd64' }), mediaType: MEDIA_TYPES.dockerManifest },
  ],
  MEDIA_TYPES.dockerManifestList,
);
const arm = index([
  entry(D(6), { os: 'linux', architecture: 'arm', variant: 'v6' }),
  entry(D(7), { os: 'linux', architecture: 'arm', variant: 'v7' }),
  entry(D(8), { os: 'linux', architecture: 'arm64' }),
]);
// An attestation annotation wins over a platform that looks runnable.
const annotatedFirst = index([
  { ...attestation(D(2), D(1)), platform: { os: 'linux', architecture: 'amd64' } },
  entry(D(1), { os: 'linux', architecture: 'amd64' }),
]);
// OCI allows an index without mediaType; `manifests` tells it apart.
const untypedIndex = JSON.stringify({
  schemaVersion: 2,
  manifests: [entry(D(1), { os: 'linux', architecture: 'amd64' })],
});

describe('chooseManifest', () => {
  const child = (digest: string): ManifestChoice => ({
    kind: 'index',
    child: expect.objectContaining({ digest }) as never,
  });
  test.each<[string, string, string | undefined, ManifestChoice]>([
    ['OCI index with provenance attestations', provenance, undefined, child(D(1))],
    ['docker manifest list, default linux/amd64', dockerList, undefined, child(D(5))],
    ['docker manifest list, linux/arm64', dockerList, 'linux/arm64', child(D(4))],
    ['docker manifest list, linux/arm64/v8', dockerList, 'linux/arm64/v8', child(D(4))],
    ['arm/v7 among arm variants', arm, 'linux/arm/v7', child(D(7))],
    ['arm without a variant takes the first arm', arm, 'linux/arm', child(D(6))],
    ['arm64/v8 matches an arm64 entry without variant', arm, 'linux/arm64/v8', child(D(8))],
    ['attestation annotation on a linux/amd64 entry', annotatedFirst, undefined, child(D(1))],
    ['OCI index without mediaType', untypedIndex, 'linux/amd64', child(D(1))],
    ['plain docker manifest', plain(MEDIA_TYPES.dockerManifest), undefined, { kind: 'manifest' }],
    ['plain OCI manifest', plain(MEDIA_TYPES.ociManifest), 'linux/arm64', { kind: 'manifest' }],
    ['OCI manifest without mediaType', plain(), undefined, { kind: 'manifest' }],
  ])('%s', (_name, json, platform, expected) => {
    expect(chooseManifest(json, platform)).toEqual(expected);
  });

  test.each<[string, string, string | undefined, RegExp]>([
    [
      'only attestations',
      index([attestation(D(2), D(1))]),
      undefined,
      /app@x is an image index without a linux\/amd64 image: it has no image at all and 1 attestation manifest\(s\)/,
    ],
    [
      'arm64 only',
      index([entry(D(8), { os: 'linux', architecture: 'arm64' })]),
      undefined,
      /it has linux\/arm64\./,
    ],
    ['wrong variant', arm, 'linux/arm/v5', /it has linux\/arm\/v6, linux\/arm\/v7, linux\/arm64\./],
    [
      'amd64 missing from the list',
      dockerList,
      'linux/s390x',
      /without a linux\/s390x image: it has linux\/arm64\/v8, linux\/amd64/,
    ],
  ])('no match: %s is a UserError naming the platforms', (_name, json, platform, message) => {
    expect(() => chooseManifest(json, platform, 'app@x')).toThrow(UserError);
    expect(() => chooseManifest(json, platform, 'app@x')).toThrow(message);
  });

  test.each([
    ['not JSON', '{', /not JSON/],
    [
      'schema 1',
      JSON.stringify({ mediaType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' }),
      /unsupported/,
    ],
    [
      'entry without digest',
      index([{ platform: { os: 'linux', architecture: 'amd64' } }]),
      /entry 0 has no sha256/,
    ],
  ])('rejects %s', (_name, json, message) => {
    expect(() => chooseManifest(json, undefined)).toThrow(message);
  });
});

describe('platforms', () => {
  test('parsePlatform', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(() => parsePlatform('linux')).toThrow(/Input 'platform'/);
    expect(() => parsePlatform('linux/amd64,linux/arm64')).toThrow(UserError);
  });
  test('a wanted variant must match; an unwanted one does not matter', () => {
    const want = parsePlatform('linux/arm/v7');
    expect(platformMatches(want, { os: 'linux', architecture: 'arm', variant: 'v7' })).toBe(true);
    expect(platformMatches(want, { os: 'linux', architecture: 'arm' })).toBe(false);
    expect(
      platformMatches(parsePlatform('linux/arm'), { os: 'linux', architecture: 'arm', variant: 'v7' }),
    ).toBe(true);
    expect(platformMatches(parsePlatform('linux/amd64'), undefined)).toBe(false);
  });
});

describe('helpers', () => {
  test('loopback registries are http, all others https', () => {
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('us-central1-docker.pkg.dev')).toBe('https://us-central1-docker.pkg.dev');
  });
  test('bearerChallenge', () => {
    expect(bearerChallenge('Bearer realm="https://r/v2/token",service="r"')).toEqual({
      realm: 'https://r/v2/token',
      service: 'r',
    });
    expect(bearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(bearerChallenge(undefined)).toBeUndefined();
  });
  test('verifyDigest', () => {
    const bytes = Buffer.from('{}');
    expect(() => verifyDigest(bytes, digestOf('{}'), 'h/a')).not.toThrow();
    expect(() => verifyDigest(bytes, D(1), 'h/a')).toThrow(/h\/a@sha256:1+ whose sha256 is sha256:44136fa/);
  });
});

/** A fake registry on loopback: serves manifests by digest, optionally behind Basic auth or a token server. */
class FakeRegistry {
  readonly manifests = new Map<string, { body: string; mediaType: string }>();
  mode: 'open' | 'basic' | 'token' = 'open';
  /** Served instead of the stored bytes (a registry returning the wrong manifest). */
  tamper = false;
  requests: { url: string; authorization?: string }[] = [];
  private server: Server = createServer((req, res) => this.handle(req, res));
  host = '';

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.host = `127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
  put(body: string, mediaType: string): string {
    const digest = digestOf(body);
    this.manifests.set(digest, { body, mediaType });
    return digest;
  }
  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '';
    const authorization = req.headers.authorization;
    this.requests.push({ url, ...(authorization ? { authorization } : {}) });
    if (url.startsWith('/token')) return this.token(url, authorization, res);
    if (!this.authorized(authorization)) return this.challenge(res);
    const m = /^\/v2\/(.+)\/manifests\/(sha256:[0-9a-f]{64})$/.exec(url);
    const found = m ? this.manifests.get(m[2] ?? '') : undefined;
    if (!found) {
      res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      return;
    }
    res.writeHead(200, { 'content-type': found.mediaType }).end(this.tamper ? `${found.body} ` : found.body);
  }
  private authorized(authorization: string | undefined): boolean {
    if (this.mode === 'open') return true;
    if (this.mode === 'basic') return authorization === `Basic ${b64('oauth2accesstoken:ya29.tok')}`;
    return authorization === 'Bearer issued-token';
  }
  private challenge(res: ServerResponse): void {
    const header =
      this.mode === 'token'
        ? `Bearer realm="http://${this.host}/token",service="fake"`
        : 'Basic realm="fake"';
    res.writeHead(401, { 'www-authenticate': header }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  }
  private token(url: string, authorization: string | undefined, res: ServerResponse): void {
    const q = new URL(url, 'http://x').searchParams;
    const ok = authorization === `Basic ${b64('oauth2accesstoken:ya29.tok')}` && q.get('service') === 'fake';
    if (!ok || q.get('scope') !== 'repository:proj/repo/app:pull') {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"issued-token"}');
  }
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('resolvePlatformDigest against a fake registry', () => {
  const fake = new FakeRegistry();
  const basic = { kind: 'basic', username: 'oauth2accesstoken', password: 'ya29.tok' } as const;
  let amd64 = '';
  let idx = '';

  beforeAll(async () => {
    await fake.start();
    amd64 = fake.put(plain(MEDIA_TYPES.ociManifest), MEDIA_TYPES.ociManifest);
    idx = fake.put(
      index([entry(amd64, { os: 'linux', architecture: 'amd64' }), attestation(D(2), amd64)]),
      MEDIA_TYPES.ociIndex,
    );
  });
  afterAll(() => fake.stop());
  afterEach(() => {
    fake.mode = 'open';
    fake.tamper = false;
    fake.requests = [];
  });

  test('an index resolves to its linux/amd64 child, read and verified', async () => {
    const ref = `${fake.host}/proj/repo/app@${idx}`;
    expect(await resolvePlatformDigest(ref, undefined, { kind: 'anonymous' })).toEqual({
      imageRef: `${fake.host}/proj/repo/app@${amd64}`,
      digest: amd64,
      indexDigest: idx,
      platform: 'linux/amd64',
    });
    expect(fake.requests.map((r) => r.url)).toEqual([
      `/v2/proj/repo/app/manifests/${idx}`,
      `/v2/proj/repo/app/manifests/${amd64}`,
    ]);
  });

  test('sends the docker login as Basic auth', async () => {
    fake.mode = 'basic';
    const res = await resolvePlatformDigest(`${fake.host}/proj/repo/app@${amd64}`, undefined, basic);
    expect(res).toEqual({ imageRef: `${fake.host}/proj/repo/app@${amd64}`, digest: amd64 });
    await expect(
      resolvePlatformDigest(`${fake.host}/proj/repo/app@${amd64}`, undefined, { kind: 'anonymous' }),
    ).rejects.toThrow(/HTTP 401 \(the deploying account needs read access/);
  });

  test('answers a token-server challenge once and reuses the token for the child', async () => {
    fake.mode = 'token';
    const res = await resolvePlatformDigest(`${fake.host}/proj/repo/app@${idx}`, 'linux/amd64', basic);
    expect(res.digest).toBe(amd64);
    expect(fake.requests.filter((r) => r.url.startsWith('/token'))).toHaveLength(1);
    expect(fake.requests.at(-1)).toEqual({
      url: `/v2/proj/repo/app/manifests/${amd64}`,
      authorization: 'Bearer issued-token',
    });
  });

  test('a manifest whose bytes do not hash to its digest is refused', async () => {
    fake.tamper = true;
    await expect(
      resolvePlatformDigest(`${fake.host}/proj/repo/app@${idx}`, undefined, { kind: 'anonymous' }),
    ).rejects.toThrow(/whose sha256 is .*refusing to deploy it/);
  });

  test('a missing child is an error, not a dangling pin', async () => {
    const dangling = fake.put(
      index([entry(D(7), { os: 'linux', architecture: 'amd64' })]),
      MEDIA_TYPES.ociIndex,
    );
    await expect(
      resolvePlatformDigest(`${fake.host}/proj/repo/app@${dangling}`, undefined, { kind: 'anonymous' }),
    ).rejects.toThrow(/HTTP 404 \(manifest unknown\)/);
  });

  test('a reference without a digest is a UserError', async () => {
    await expect(
      resolvePlatformDigest(`${fake.host}/proj/repo/app:latest`, undefined, { kind: 'anonymous' }),
    ).rejects.toThrow(UserError);
  });
});

describe('registryAuthFromEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-auth-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, config: object): string => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  test('reads the auths entry docker login wrote to DOCKER_CONFIG', async () => {
    const configDir = mkdtempSync(join(dir, 'docker-'));
    writeFileSync(
      join(configDir, 'config.json'),
      JSON.stringify({ auths: { 'europe-docker.pkg.dev': { auth: b64('oauth2accesstoken:ya29.a:b') } } }),
    );
    expect(await registryAuthFromEnv('europe-docker.pkg.dev', { DOCKER_CONFIG: configDir })).toEqual({
      kind: 'basic',
      username: 'oauth2accesstoken',
      password: 'ya29.a:b',
    });
    expect(await registryAuthFromEnv('other.example', { DOCKER_CONFIG: configDir })).toEqual({
      kind: 'anonymous',
    });
  });

  test('reads buildah login from REGISTRY_AUTH_FILE', async () => {
    const file = write('buildah', { auths: { 'us-docker.pkg.dev': { auth: b64('oauth2accesstoken:t') } } });
    expect(
      await registryAuthFromEnv('us-docker.pkg.dev', {
        REGISTRY_AUTH_FILE: file,
        DOCKER_CONFIG: join(dir, 'none'),
      }),
    ).toEqual({ kind: 'basic', username: 'oauth2accesstoken', password: 't' });
  });

  test('asks the credential helper docker login used', async () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    const helper = join(bin, 'docker-credential-fake');
    writeFileSync(
      helper,
      '#!/bin/sh\nread host\necho "{\\"Username\\":\\"oauth2accesstoken\\",\\"Secret\\":\\"from-$host\\"}"\n',
    );
    chmodSync(helper, 0o755);
    const configDir = mkdtempSync(join(dir, 'docker-'));
    writeFileSync(
      join(configDir, 'config.json'),
      JSON.stringify({ credsStore: 'fake', auths: { 'h.example': {} } }),
    );
    const env = { DOCKER_CONFIG: configDir, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    expect(await registryAuthFromEnv('h.example', env)).toEqual({
      kind: 'basic',
      username: 'oauth2accesstoken',
      password: 'from-h.example',
    });
  });

  test('no config, a broken one or a failing helper is anonymous', async () => {
    expect(await registryAuthFromEnv('h.example', { DOCKER_CONFIG: join(dir, 'missing') })).toEqual({
      kind: 'anonymous',
    });
    const broken = mkdtempSync(join(dir, 'docker-'));
    writeFileSync(join(broken, 'config.json'), '{not json');
    expect(await registryAuthFromEnv('h.example', { DOCKER_CONFIG: broken })).toEqual({ kind: 'anonymous' });
    const helperless = mkdtempSync(join(dir, 'docker-'));
    writeFileSync(join(helperless, 'config.json'), JSON.stringify({ credsStore: 'absent-helper-xyz' }));
    expect(
      await registryAuthFromEnv('h.example', { DOCKER_CONFIG: helperless, PATH: '/nonexistent' }),
    ).toEqual({
      kind: 'anonymous',
    });
  });
});
