/**
 * What an end-to-end suite needs from the machine. A suite whose tools are missing is skipped with one line
 * naming them; `.ci/run` installs everything and fails when anything was skipped (GCP_DEPLOY_REQUIRE_ALL).
 */
import { spawnSync } from 'node:child_process';
import { busyboxPath } from '../../../src/demo/example-app.js';
import { chromiumPath } from '../../tools/github-markdown.js';
import { postgresBinDir, redisServerBin } from './servers.js';

/** The machine tools the end-to-end suites use. */
export type Tool =
  | 'docker'
  | 'docker-registry'
  | 'busybox'
  | 'chromium'
  | 'postgresql'
  | 'redis-server'
  | 'buildah'
  | 'skopeo';

const probes: Record<Tool, () => boolean> = {
  // The engine, not just a client: `docker info` answers only when a daemon does.
  docker: () => spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0,
  'docker-registry': () =>
    spawnSync(process.env.GCP_DEPLOY_REGISTRY_BIN ?? 'docker-registry', ['--version'], { stdio: 'ignore' })
      .status === 0,
  // The same test the demo uses to choose its path.
  busybox: () => busyboxPath() !== undefined,
  // The browser that lays out the PR comment for its height measurements.
  chromium: () => spawnSync(chromiumPath(), ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0,
  // Debian's server binaries (not on PATH there): the tests start a private cluster of their own.
  postgresql: () => {
    const dir = postgresBinDir();
    return dir !== undefined && spawnSync(`${dir}/postgres`, ['--version'], { stdio: 'ignore' }).status === 0;
  },
  buildah: () => spawnSync('buildah', ['--version'], { stdio: 'ignore' }).status === 0,
  skopeo: () => spawnSync('skopeo', ['--version'], { stdio: 'ignore' }).status === 0,
  'redis-server': () => {
    const bin = redisServerBin();
    return bin !== undefined && spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
  },
};
const known = new Map<Tool, boolean>();

/** The tools of `tools` this machine lacks (each probed once per test file). */
export function missingTools(tools: readonly Tool[]): Tool[] {
  return tools.filter((t) => {
    if (!known.has(t)) known.set(t, probes[t]());
    return known.get(t) === false;
  });
}

/**
 * True when `suite` must be skipped, after printing the one line that says why. Use as
 * `describe.skipIf(skipWithout('preview e2e', ['docker']))(...)`.
 */
export function skipWithout(suite: string, tools: readonly Tool[]): boolean {
  const missing = missingTools(tools);
  if (missing.length === 0) return false;
  process.stdout.write(`skipped: ${suite}: needs ${missing.join(', ')}, which this machine lacks\n`);
  return true;
}
