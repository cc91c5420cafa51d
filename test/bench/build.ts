/**
 * `npm run bench:build`: with each builder that works here, time a cold build+push of the bench fixture (a ~20 s
 * dependency layer), then a rebuild after a source-only change on an EMPTY local cache (layers come from the
 * registry cache), print both and their ratio (target <= 0.2), and check that a no-change rebuild pushes no new
 * layers by comparing the registry's blobs before and after.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ProbeResults } from '../../src/build/builder-choice.js';
import { probeBuilders } from '../../src/build/builder-probe.js';
import { buildAndPush, ociLabels, type BuildRequest } from '../../src/build/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { prepareFixture } from '../fixtures/prepare-fixture.js';
import { readImage } from '../fixtures/registry-blobs.js';

const run = promisify(execFile);
const TARGET = 0.2;

interface Variant {
  name: string;
  builder: BuildRequest['builder'];
  probes: ProbeResults;
  /** Empties every local layer cache this builder could use; returns the env the next build runs with. */
  emptyLocalCache(): Promise<NodeJS.ProcessEnv>;
  cleanup(): Promise<void>;
}

/** All blob digests in the registry's storage (layers, configs and manifests alike). */
function registryBlobs(storage: string): Set<string> {
  const root = join(storage, 'docker/registry/v2/blobs/sha256');
  const out = new Set<string>();
  if (!existsSync(root)) return out;
  for (const prefix of readdirSync(root))
    for (const d of readdirSync(join(root, prefix))) out.add(`sha256:${d}`);
  return out;
}

function dockerVariant(name: string, binary: string, buildkit: boolean, host: () => string): Variant {
  const emptyLocalCache = async (): Promise<NodeJS.ProcessEnv> => {
    // Only this bench's images: other work may share this Docker engine, so no `docker system prune -af`.
    const { stdout } = await run(binary, ['images', '--format', '{{.Repository}} {{.ID}}']);
    const mine = stdout
      .split('\n')
      .filter((r) => r.startsWith(`${host()}/`))
      .map((r) => r.split(' ')[1] ?? '');
    if (mine.length > 0) await run(binary, ['rmi', '-f', ...new Set(mine)]);
    await run(binary, ['image', 'prune', '-f']);
    if (buildkit) await run(binary, ['builder', 'prune', '-af']);
    return { ...process.env };
  };
  return {
    name,
    builder: 'docker',
    probes: { docker: [{ binary, daemon: true, buildkit }], buildah: false },
    emptyLocalCache,
    cleanup: async () => {
      await emptyLocalCache().catch((err: unknown) => console.warn(`  cleanup: ${String(err)}`));
    },
  };
}

function buildahVariant(): Variant {
  const roots: string[] = [];
  return {
    name: 'buildah',
    builder: 'buildah',
    probes: { docker: [], buildah: true },
    emptyLocalCache: () => {
      // A brand-new storage is what a fresh runner has: no image, no layer.
      const root = mkdtempSync(join(tmpdir(), 'gcpd-bench-storage-'));
      roots.push(root);
      const conf = join(root, 'storage.conf');
      writeFileSync(
        conf,
        `[storage]\ndriver = "overlay"\ngraphroot = "${root}/graph"\nrunroot = "${root}/run"\n`,
      );
      return Promise.resolve({ ...process.env, CONTAINERS_STORAGE_CONF: conf });
    },
    cleanup: async () => {
      for (const root of roots) {
        await run('buildah', [
          '--root',
          join(root, 'graph'),
          '--runroot',
          join(root, 'run'),
          'rm',
          '--all',
        ]).catch(() => undefined);
        await run('umount', ['-R', join(root, 'graph', 'overlay')]).catch(() => undefined);
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

async function benchOne(v: Variant, registry: LocalRegistry, storage: string): Promise<string[]> {
  const fixture = prepareFixture('bench-app');
  const labels = ociLabels({ revision: 'bench', created: new Date(0) });
  const imageName = `${registry.host}/bench/cache/${v.name}`;
  const build = async (tag: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; digest: string }> => {
    const start = performance.now();
    const res = await buildAndPush({
      context: fixture.dir,
      buildArgs: {},
      secrets: {},
      labels,
      imageName,
      tags: [tag],
      cache: 'registry',
      builder: v.builder,
      probes: v.probes,
      env,
      log: () => undefined,
      warn: (s) => console.warn(`  warning: ${s}`),
    });
    return { ms: performance.now() - start, digest: res.digest };
  };
  try {
    const cold = await build('cold', await v.emptyLocalCache());
    writeFileSync(join(fixture.dir, 'src', 'index.html'), `bench source v2 ${Date.now()}\n`);
    const warm = await build('warm', await v.emptyLocalCache());
    const before = registryBlobs(storage);
    const same = await build('same', await v.emptyLocalCache());
    const added = [...registryBlobs(storage)].filter((b) => !before.has(b));
    const img = await readImage(registry.url, `bench/cache/${v.name}`, same.digest);
    const newLayers = img.manifest.layers.filter((l) => added.includes(l.digest)).length;
    const ratio = warm.ms / cold.ms;
    return [
      `${v.name.padEnd(15)} cold ${(cold.ms / 1000).toFixed(1).padStart(5)} s   source change, empty local cache ${(warm.ms / 1000).toFixed(1).padStart(5)} s   ratio ${ratio.toFixed(3)} ${ratio <= TARGET ? 'OK' : `ABOVE TARGET ${TARGET}`}`,
      `${''.padEnd(15)} no-change rebuild (empty local cache) ${(same.ms / 1000).toFixed(1)} s: ${newLayers} new layer blob(s), ${added.length} new blob(s) in all ${newLayers === 0 ? 'OK' : 'FAIL'}; same digest as warm: ${same.digest === warm.digest}`,
    ];
  } finally {
    fixture.remove();
  }
}

async function main(): Promise<void> {
  const probes = await probeBuilders();
  const daemon = probes.docker.filter((p) => p.daemon);
  let host = '';
  const variants: Variant[] = [];
  const bk = daemon.find((p) => p.buildkit);
  if (bk) variants.push(dockerVariant('docker-buildkit', bk.binary, true, () => host));
  if (probes.buildah) variants.push(buildahVariant());
  const legacy = daemon.find((p) => !p.buildkit);
  if (legacy && process.argv.includes('--legacy'))
    variants.push(dockerVariant('docker-legacy', legacy.binary, false, () => host));
  if (probes.docker.some((p) => p.buildx)) console.log('note: buildx is present but not benchmarked here');
  console.log(`builders: ${variants.map((v) => v.name).join(', ') || 'none'}`);
  const lines: string[] = [];
  for (const v of variants) {
    const work = mkdtempSync(join(tmpdir(), 'gcpd-bench-registry-'));
    const storage = join(work, 'data');
    const registry = await startLocalRegistry({ storageDir: storage });
    host = registry.host;
    try {
      const out = await benchOne(v, registry, storage);
      for (const l of out) console.log(l);
      lines.push(...out);
    } catch (err) {
      console.log(`${v.name}: FAILED ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await v.cleanup();
      await registry.stop();
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (lines.length === 0) process.exitCode = 1;
}

await main();
