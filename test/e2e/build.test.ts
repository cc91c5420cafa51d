/**
 * buildAndPush with every builder that works on this machine, pushing to a local docker-registry: the digest is
 * in the registry, labels are set, a build secret reaches no layer, and an unusable cache is only a warning.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ProbeResults } from '../../src/build/builder-choice.js';
import { probeBuilders } from '../../src/build/builder-probe.js';
import { buildAndPush, imageTags, ociLabels, type BuildRequest } from '../../src/build/index.js';
import { UserError } from '../../src/config/user-error.js';
import { freePort, startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { configLabels, readImage } from '../fixtures/registry-blobs.js';
import { manifestExists, registryTags } from '../fixtures/registry-push.js';
import { prepareFixture, type FixtureContext } from '../fixtures/prepare-fixture.js';
import { skipWithout } from './support/needs.js';

const run = promisify(execFile);
const probes = await probeBuilders();
const daemon = probes.docker.filter((p) => p.daemon);
type Case = { name: string; builder: BuildRequest['builder']; probes: ProbeResults };
const cases: Case[] = [
  {
    name: 'docker-buildkit',
    builder: 'docker',
    probes: { docker: daemon.filter((p) => p.buildkit), buildah: false },
  },
  {
    name: 'docker-legacy',
    builder: 'docker',
    probes: { docker: daemon.filter((p) => !p.buildkit), buildah: false },
  },
  { name: 'buildah', builder: 'buildah', probes: { docker: [], buildah: probes.buildah } },
];
const SKIP = skipWithout('build e2e', ['docker-registry', 'busybox']);
const works = (c: Case): boolean => (c.builder === 'buildah' ? c.probes.buildah : c.probes.docker.length > 0);
for (const c of cases) {
  if (!SKIP && !works(c)) process.stdout.write(`skipped: build e2e ${c.name}: no such builder works here\n`);
}
const available = (c: Case): boolean => !SKIP && works(c);

let registry: LocalRegistry;
const fixtures: FixtureContext[] = [];
const SECRET = `tok-${Math.random().toString(36).slice(2)}-do-not-leak`;
const NONCE = Date.now().toString(36);
const SHA = 'abc1234def5678abc1234def5678abc1234def56';

function request(
  c: Case,
  context: string,
  image: string,
  over: Partial<BuildRequest> = {},
): BuildRequest & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    context,
    buildArgs: {},
    secrets: {},
    labels: ociLabels({ sourceUrl: 'https://github.com/acme/shop', revision: SHA, created: new Date() }),
    imageName: `${registry.host}/demo-project/previews/${image}`,
    tags: imageTags(42, SHA),
    cache: 'registry',
    builder: c.builder,
    probes: c.probes,
    log: () => undefined,
    warn: (s) => warnings.push(s),
    warnings,
    ...over,
  };
}

beforeAll(async () => {
  if (SKIP) return;
  registry = await startLocalRegistry();
});
afterAll(async () => {
  for (const f of fixtures) f.remove();
  // Remove the images these builds left in the local stores (only ours: the engine may be shared).
  const prefix = `${registry?.host}/`;
  for (const p of daemon) {
    const { stdout } = await run(p.binary, ['images', '--format', '{{.Repository}} {{.ID}}']);
    const ids = stdout
      .split('\n')
      .filter((l) => l.startsWith(prefix))
      .map((l) => l.split(/\s+/)[1] ?? '');
    if (ids.length > 0) await run(p.binary, ['rmi', '-f', ...new Set(ids)]).catch(() => undefined);
  }
  if (probes.buildah) {
    const { stdout } = await run('buildah', ['images', '--format', '{{.Name}} {{.ID}}']);
    const ids = stdout
      .split('\n')
      .filter((l) => l.startsWith(prefix))
      .map((l) => l.split(/\s+/)[1] ?? '');
    if (ids.length > 0) await run('buildah', ['rmi', '-f', ...new Set(ids)]).catch(() => undefined);
  }
  await registry?.stop();
});

function fixture(name: Parameters<typeof prepareFixture>[0]): string {
  const f = prepareFixture(name);
  fixtures.push(f);
  return f.dir;
}

describe.each(cases)('$name', (c) => {
  test.runIf(available(c))('builds the example app and pushes every tag at one digest', async () => {
    const req = request(c, fixture('example-app'), `example-${c.name}`);
    const res = await buildAndPush(req);
    const path = `demo-project/previews/example-${c.name}`;
    expect(res.builder).toBe(c.builder === 'buildah' ? 'buildah' : 'docker');
    expect(res.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(res.imageRef).toBe(`${req.imageName}@${res.digest}`);
    expect(await manifestExists(registry.url, path, res.digest)).toBe(true);
    expect(await registryTags(registry.url, path)).toEqual(expect.arrayContaining(['pr-42', 'sha-abc1234']));
    const img = await readImage(registry.url, path, res.digest);
    expect(configLabels(img.config)).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.revision': SHA,
    });
    expect(req.warnings).toEqual([]);
  });

  test.runIf(available(c))('a cache that cannot be read or written is only a warning', async () => {
    const dead = `127.0.0.1:${await freePort()}/nowhere/cache`;
    const cacheRef = c.builder === 'buildah' ? dead : `${dead}:buildcache`;
    const req = request(c, fixture('example-app'), `deadcache-${c.name}`, { cacheRef });
    const res = await buildAndPush(req);
    expect(res.cacheRef).toBe(cacheRef);
    expect(await manifestExists(registry.url, `demo-project/previews/deadcache-${c.name}`, res.digest)).toBe(
      true,
    );
    // docker BuildKit ignores an unreadable cache by itself; the cache write (or the legacy pull) must warn.
    expect(req.warnings.join('\n')).toContain(cacheRef);
  });
});

describe.each(cases.filter((c) => c.name !== 'docker-legacy'))('$name secrets', (c) => {
  test.runIf(available(c))('the build uses the secret but no layer, label or history holds it', async () => {
    const req = request(c, fixture('secret-app'), `secret-${c.name}`, {
      secrets: { api_token: SECRET },
      // A fresh build arg re-runs the RUN step; BuildKit would otherwise reuse it (secrets are not in cache keys).
      buildArgs: { GREETING: `hello-${NONCE}` },
    });
    const res = await buildAndPush(req);
    const img = await readImage(registry.url, `demo-project/previews/secret-${c.name}`, res.digest);
    const everything = Buffer.concat([Buffer.from(JSON.stringify(img.config)), ...img.layers]);
    expect(everything.includes(SECRET)).toBe(false);
    // The RUN step did read it: its length landed in a layer (so this test fails if the secret never arrived).
    const all = img.layers.map((l) => l.toString('latin1')).join('');
    expect(all).toContain(`hello-${NONCE}`);
    expect(all).toMatch(new RegExp(`out/token-length[\\s\\S]*?${SECRET.length}\\n`));
  });
});

test.runIf(available(cases[1]))(
  'the legacy builder refuses build secrets instead of baking them in',
  async () => {
    const c = cases[1];
    const req = request(c, fixture('secret-app'), 'secret-legacy', { secrets: { api_token: SECRET } });
    await expect(buildAndPush(req)).rejects.toThrow(UserError);
    await expect(buildAndPush(req)).rejects.toThrow(/Input 'build_secrets'/);
  },
);

test.runIf(!SKIP && daemon.some((p) => p.buildkit))(
  'the example app serves / and /healthz from the pushed digest',
  async () => {
    const c = cases[0];
    const res = await buildAndPush(request(c, fixture('example-app'), 'example-run'));
    const docker = c.probes.docker[0]?.binary ?? 'docker';
    const port = await freePort();
    const { stdout } = await run(docker, [
      'run',
      '-d',
      '--rm',
      '-e',
      'PORT=8080',
      '-p',
      `127.0.0.1:${port}:8080`,
      res.imageRef,
    ]);
    const id = stdout.trim();
    try {
      let body = '';
      for (let i = 0; i < 50 && !body; i++) {
        body = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => (r.ok ? r.text() : ''),
          () => '',
        );
        if (!body) await new Promise((r) => setTimeout(r, 100));
      }
      expect(body).toBe('ok\n');
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('gcp-deploy example app');
    } finally {
      await run(docker, ['rm', '-f', id]).catch(() => undefined);
    }
  },
);
