/**
 * Image indexes against a local docker-registry: an OCI index with linux/amd64, linux/arm64 and a buildx-style
 * `unknown/unknown` attestation resolves to its amd64 child (what Cloud Run runs), a plain manifest to itself;
 * with buildah, also a real manifest list and a buildAndPush whose result is read back from the registry.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { probeBuilders } from '../../src/build/builder-probe.js';
import { buildAndPush } from '../../src/build/index.js';
import { UserError } from '../../src/config/user-error.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { resolvePlatformDigest } from '../../src/registry/index.js';
import { MEDIA_TYPES } from '../../src/registry/manifest-resolve.js';
import { manifestExists, pushBlob, pushManifest, pushTinyImage } from '../fixtures/registry-push.js';
import { skipWithout } from './support/needs.js';

const run = promisify(execFile);
const SKIP = skipWithout('image index e2e', ['docker-registry']);
const BUILDAH = !SKIP && (await probeBuilders()).buildah;
if (!SKIP && !BUILDAH)
  process.stdout.write('skipped: image index e2e with buildah: buildah does not work here\n');
const anonymous = { kind: 'anonymous' } as const;
const NONCE = `${process.pid}-${Date.now().toString(36)}`;

let registry: LocalRegistry;
beforeAll(async () => {
  if (SKIP) return;
  registry = await startLocalRegistry();
});
afterAll(async () => {
  await registry?.stop();
});

/** Pushes a one-layer OCI image whose config says `os/architecture`; returns the manifest digest and size. */
async function pushPlatformImage(
  image: string,
  os: string,
  architecture: string,
): Promise<{ digest: string; size: number }> {
  const layer = Buffer.from(`${os}/${architecture} layer`);
  const layerDigest = await pushBlob(registry.url, image, layer);
  const config = Buffer.from(
    JSON.stringify({ architecture, os, rootfs: { type: 'layers', diff_ids: [layerDigest] } }),
  );
  const configDigest = await pushBlob(registry.url, image, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        size: config.length,
        digest: configDigest,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', size: layer.length, digest: layerDigest },
      ],
    }),
  );
  const digest = await pushManifest(
    registry.url,
    image,
    digestRef(manifest),
    MEDIA_TYPES.ociManifest,
    manifest,
  );
  return { digest, size: manifest.length };
}

/** Pushes an attestation manifest as buildx does (in-toto layer, empty config) for `subject`. */
async function pushAttestation(image: string, subject: string): Promise<{ digest: string; size: number }> {
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      subject: [{ digest: { sha256: subject } }],
    }),
  );
  const layerDigest = await pushBlob(registry.url, image, statement);
  const config = Buffer.from('{}');
  const configDigest = await pushBlob(registry.url, image, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        size: config.length,
        digest: configDigest,
      },
      layers: [
        {
          mediaType: 'application/vnd.in-toto+json',
          size: statement.length,
          digest: layerDigest,
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
        },
      ],
    }),
  );
  const digest = await pushManifest(
    registry.url,
    image,
    digestRef(manifest),
    MEDIA_TYPES.ociManifest,
    manifest,
  );
  return { digest, size: manifest.length };
}

// The registry checks a manifest put by digest against its bytes, so pushing by digest proves the helper's hash.
function digestRef(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

describe.skipIf(SKIP)('resolvePlatformDigest with an OCI image index', () => {
  const image = 'demo-project/previews/multi';
  let amd64 = '';
  let arm64 = '';
  let attestation = '';
  let index = '';

  beforeAll(async () => {
    const a = await pushPlatformImage(image, 'linux', 'amd64');
    const b = await pushPlatformImage(image, 'linux', 'arm64');
    const att = await pushAttestation(image, a.digest);
    amd64 = a.digest;
    arm64 = b.digest;
    attestation = att.digest;
    const body = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociIndex,
        manifests: [
          // The attestation first: a resolver that took the first entry would pin something Cloud Run cannot run.
          {
            mediaType: MEDIA_TYPES.ociManifest,
            digest: att.digest,
            size: att.size,
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: {
              'vnd.docker.reference.digest': a.digest,
              'vnd.docker.reference.type': 'attestation-manifest',
            },
          },
          {
            mediaType: MEDIA_TYPES.ociManifest,
            digest: b.digest,
            size: b.size,
            platform: { os: 'linux', architecture: 'arm64' },
          },
          {
            mediaType: MEDIA_TYPES.ociManifest,
            digest: a.digest,
            size: a.size,
            platform: { os: 'linux', architecture: 'amd64' },
          },
        ],
      }),
    );
    index = await pushManifest(registry.url, image, 'pr-7', MEDIA_TYPES.ociIndex, body);
  });

  test('the children are in the registry, each with its own digest', async () => {
    // manifestExists accepts image manifests only; the index itself is read by the resolver below.
    for (const d of [amd64, arm64, attestation])
      expect(await manifestExists(registry.url, image, d)).toBe(true);
    expect(new Set([index, amd64, arm64, attestation]).size).toBe(4);
  });

  test('resolves to the linux/amd64 child by default, keeping the index digest', async () => {
    const name = `${registry.host}/${image}`;
    expect(await resolvePlatformDigest(`${name}@${index}`, undefined, anonymous)).toEqual({
      imageRef: `${name}@${amd64}`,
      digest: amd64,
      indexDigest: index,
      platform: 'linux/amd64',
    });
  });

  test('the platform input picks another child', async () => {
    const res = await resolvePlatformDigest(`${registry.host}/${image}@${index}`, 'linux/arm64', anonymous);
    expect(res.digest).toBe(arm64);
    expect(res.indexDigest).toBe(index);
  });

  test('a platform the index lacks is a UserError naming what it has', async () => {
    const err = await resolvePlatformDigest(
      `${registry.host}/${image}@${index}`,
      'linux/s390x',
      anonymous,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(
      'without a linux/s390x image: it has linux/arm64, linux/amd64 and 1 attestation manifest(s)',
    );
  });

  test('a plain manifest resolves to itself', async () => {
    const plain = await pushTinyImage(registry.url, 'demo-project/previews/single', 'plain', ['sha-1234567']);
    const ref = `${registry.host}/demo-project/previews/single@${plain}`;
    expect(await resolvePlatformDigest(ref, undefined, anonymous)).toEqual({ imageRef: ref, digest: plain });
    // A platform only matters for an index; a single image is what it is.
    expect(await resolvePlatformDigest(ref, 'linux/arm64', anonymous)).toEqual({
      imageRef: ref,
      digest: plain,
    });
  });

  test('a digest the registry does not have is an error', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    await expect(
      resolvePlatformDigest(`${registry.host}/${image}@${missing}`, undefined, anonymous),
    ).rejects.toThrow(/HTTP 404/);
  });
});

describe.skipIf(!BUILDAH)('with buildah', () => {
  const prefix = `localhost/gcpd-index-${NONCE}`;
  const work = mkdtempSync(join(tmpdir(), 'gcpd-index-e2e-'));
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    // Only what this file made: the local store may be shared with other suites.
    await run('buildah', ['manifest', 'rm', `${prefix}-list`]).catch(() => undefined);
    const { stdout } = await run('buildah', ['images', '--format', '{{.Name}} {{.ID}}']).catch(() => ({
      stdout: '',
    }));
    const ids = stdout
      .split('\n')
      .filter((l) => l.startsWith(prefix) || l.startsWith(`${registry?.host}/`))
      .map((l) => l.split(/\s+/)[1] ?? '')
      .filter(Boolean);
    if (ids.length > 0) await run('buildah', ['rmi', '-f', ...new Set(ids)]).catch(() => undefined);
  });

  /** An empty image committed with the given architecture (no base image, so nothing is pulled). */
  async function commitEmpty(arch: string): Promise<string> {
    const { stdout } = await run('buildah', ['from', 'scratch']);
    const ctr = stdout.trim();
    try {
      await run('buildah', ['config', '--os', 'linux', '--arch', arch, '--label', `arch=${arch}`, ctr]);
      await run('buildah', ['commit', '--quiet', ctr, `${prefix}-${arch}`]);
    } finally {
      await run('buildah', ['rm', ctr]).catch(() => undefined);
    }
    return `${prefix}-${arch}`;
  }

  test('a docker manifest list made with buildah manifest resolves to its amd64 image', async () => {
    const list = `${prefix}-list`;
    await run('buildah', ['manifest', 'create', list]);
    for (const arch of ['arm64', 'amd64']) {
      await run('buildah', ['manifest', 'add', list, `containers-storage:${await commitEmpty(arch)}`]);
    }
    const digestFile = join(work, 'digest');
    const dest = `${registry.host}/demo-project/previews/buildah-list`;
    await run('buildah', [
      'manifest',
      'push',
      '--all',
      '--format',
      'v2s2',
      '--tls-verify=false',
      '--digestfile',
      digestFile,
      list,
      `docker://${dest}:pr-1`,
    ]);
    const listDigest = readFileSync(digestFile, 'utf8').trim();
    const res = await resolvePlatformDigest(`${dest}@${listDigest}`, undefined, anonymous);
    expect(res.indexDigest).toBe(listDigest);
    expect(res.digest).not.toBe(listDigest);
    expect(res.platform).toBe('linux/amd64');
    // What was picked is the amd64 image: its config says so.
    const manifest = (await (
      await fetch(`${registry.url}/v2/demo-project/previews/buildah-list/manifests/${res.digest}`, {
        headers: { accept: MEDIA_TYPES.dockerManifest },
      })
    ).json()) as { config: { digest: string } };
    const config = (await (
      await fetch(`${registry.url}/v2/demo-project/previews/buildah-list/blobs/${manifest.config.digest}`)
    ).json()) as { architecture: string; os: string };
    expect(config).toMatchObject({ os: 'linux', architecture: 'amd64' });
  });

  test('buildAndPush of a single image reports its own digest and no index', async () => {
    const context = mkdtempSync(join(work, 'ctx-'));
    writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY hello /hello\n');
    writeFileSync(join(context, 'hello'), `hello ${NONCE}\n`);
    const imageName = `${registry.host}/demo-project/previews/single-build`;
    const lines: string[] = [];
    const res = await buildAndPush({
      context,
      buildArgs: {},
      secrets: {},
      labels: {},
      imageName,
      tags: ['sha-abcdef0'],
      cache: 'none',
      builder: 'buildah',
      probes: { docker: [], buildah: true },
      log: (s) => lines.push(s),
      warn: (s) => lines.push(`warning: ${s}`),
    });
    expect(res.indexDigest).toBeUndefined();
    expect(res.imageRef).toBe(`${imageName}@${res.digest}`);
    expect(await manifestExists(registry.url, 'demo-project/previews/single-build', res.digest)).toBe(true);
    expect(lines.filter((l) => l.includes('image index'))).toEqual([]);
  });
});
