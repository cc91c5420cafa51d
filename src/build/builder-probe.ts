import { delimiter, join } from 'node:path';
import { existsSync, realpathSync } from 'node:fs';
import { runCommand } from './exec.js';
import type { DockerProbe, ProbeResults } from './builder-choice.js';

/** Docker CLIs to try: `GCP_DEPLOY_DOCKER` alone when set, else `docker` on PATH and the usual second installs. */
export function dockerCandidates(env: NodeJS.ProcessEnv): string[] {
  if (env.GCP_DEPLOY_DOCKER) return [env.GCP_DEPLOY_DOCKER];
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((d) => join(d, 'docker'));
  const seen = new Set<string>();
  const out: string[] = [];
  // A machine can carry two CLIs (e.g. a new one without buildx and the distro's with BuildKit built in).
  for (const p of [...onPath, '/usr/bin/docker', '/usr/local/bin/docker']) {
    if (!existsSync(p)) continue;
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(p);
  }
  return out;
}

async function ok(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const r = await runCommand(file, args, { env, allowFailure: true });
    return r.code === 0 ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

/** Probes one docker CLI: daemon reachable, buildx (and its driver), BuildKit. */
export async function probeDocker(binary: string, env: NodeJS.ProcessEnv): Promise<DockerProbe> {
  const [server, buildxVersion, buildkitHelp] = await Promise.all([
    ok(binary, ['version', '--format', '{{.Server.Version}}'], env),
    ok(binary, ['buildx', 'version'], env),
    // The docker 23+ CLI without buildx refuses DOCKER_BUILDKIT=1 even for --help; 20.10 has BuildKit built in.
    ok(binary, ['build', '--help'], { ...env, DOCKER_BUILDKIT: '1' }),
  ]);
  const probe: DockerProbe = {
    binary,
    daemon: server !== undefined && server.trim() !== '',
    buildkit: buildkitHelp !== undefined,
  };
  if (buildxVersion !== undefined) {
    const inspect = await ok(binary, ['buildx', 'inspect'], env);
    probe.buildx = { version: parseBuildxVersion(buildxVersion), driver: parseBuildxDriver(inspect ?? '') };
  }
  return probe;
}

/** `github.com/docker/buildx v0.28.0 abc` -> `v0.28.0`. */
export function parseBuildxVersion(out: string): string {
  return /\bv?\d+\.\d+(\.\d+)?\S*/.exec(out)?.[0] ?? out.trim().split(/\s+/)[1] ?? 'unknown';
}

/** The `Driver:` line of `docker buildx inspect`. */
export function parseBuildxDriver(out: string): string | undefined {
  return /^Driver:\s*(\S+)/m.exec(out)?.[1];
}

const probed = new Map<string, Promise<ProbeResults>>();

/**
 * Probes every docker CLI candidate and buildah, in parallel, once per process for the same binaries: an
 * environment's services build side by side and would otherwise each spend the probe's CPU again.
 */
export function probeBuilders(env: NodeJS.ProcessEnv = process.env): Promise<ProbeResults> {
  const key = JSON.stringify([dockerCandidates(env), env.GCP_DEPLOY_BUILDAH ?? 'buildah', env.PATH]);
  let results = probed.get(key);
  if (results === undefined) {
    results = probeAll(env);
    probed.set(key, results);
    // A failed probe is not remembered.
    results.catch(() => probed.delete(key));
  }
  return results;
}

async function probeAll(env: NodeJS.ProcessEnv): Promise<ProbeResults> {
  const [docker, buildah] = await Promise.all([
    Promise.all(dockerCandidates(env).map((b) => probeDocker(b, env))),
    ok(env.GCP_DEPLOY_BUILDAH ?? 'buildah', ['version'], env),
  ]);
  return { docker, buildah: buildah !== undefined };
}
