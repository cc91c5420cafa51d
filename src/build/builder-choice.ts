import { UserError } from '../config/user-error.js';

/** What one docker CLI binary can do, as found by probing it. */
export interface DockerProbe {
  binary: string;
  /** `docker version` reached a daemon. */
  daemon: boolean;
  /** `docker buildx version` worked; with the active builder's driver (`docker`, `docker-container`, ...). */
  buildx?: { version: string; driver?: string };
  /** `DOCKER_BUILDKIT=1 docker build --help` worked (BuildKit built in, or buildx installed). */
  buildkit: boolean;
}

/** Everything the builder choice depends on. */
export interface ProbeResults {
  docker: DockerProbe[];
  buildah: boolean;
}

/** The builder that will run, with the docker binary and cache mode it needs. */
export interface BuilderChoice {
  builder: 'buildx' | 'docker' | 'buildah';
  /** The docker CLI to run (unset for buildah). */
  dockerBinary?: string;
  /** docker builder only: BuildKit (inline cache) or the legacy builder (pull + --cache-from). */
  buildkit?: boolean;
  /** buildx only: whether the driver can export a registry cache (the `docker` driver can only inline). */
  cacheExport?: 'registry' | 'inline';
  /** One log line: what was picked and why the others were not. */
  reason: string;
}

/** Drivers whose BuildKit can export a cache to a registry (`docker` cannot). */
export function driverCanExportCache(driver: string | undefined): boolean {
  return driver === 'docker-container' || driver === 'kubernetes' || driver === 'remote';
}

function describeBuildx(p: DockerProbe): string {
  if (!p.buildx) return `${p.binary}: no buildx`;
  return `${p.binary}: buildx ${p.buildx.version} driver ${p.buildx.driver ?? 'unknown'}${driverCanExportCache(p.buildx.driver) ? '' : ' cannot export a registry cache'}`;
}

/** Picks the builder from probe results: buildx with a cache-exporting driver, else docker BuildKit, else buildah, else the legacy docker builder. */
export function chooseBuilder(
  requested: 'auto' | 'buildx' | 'docker' | 'buildah',
  probes: ProbeResults,
): BuilderChoice {
  const withDaemon = probes.docker.filter((p) => p.daemon);
  const buildxFull = withDaemon.find((p) => p.buildx && driverCanExportCache(p.buildx.driver));
  const buildxAny = withDaemon.find((p) => p.buildx);
  const buildkit = withDaemon.find((p) => p.buildkit);
  const legacy = withDaemon[0];
  const noDaemon = probes.docker.length > 0 && withDaemon.length === 0;
  const dockerSummary =
    probes.docker.length === 0
      ? 'no docker CLI found'
      : noDaemon
        ? 'docker cannot reach a daemon'
        : withDaemon.map(describeBuildx).join('; ');
  const buildahSummary = probes.buildah ? 'buildah available' : 'buildah not found';

  const buildx = (p: DockerProbe, why: string): BuilderChoice => {
    const exportable = driverCanExportCache(p.buildx?.driver);
    return {
      builder: 'buildx',
      dockerBinary: p.binary,
      cacheExport: exportable ? 'registry' : 'inline',
      reason: `builder: buildx (${p.binary}, driver ${p.buildx?.driver ?? 'unknown'}, ${exportable ? 'registry cache mode=max' : 'inline cache only'}) ${why}`,
    };
  };
  const docker = (p: DockerProbe, why: string): BuilderChoice => ({
    builder: 'docker',
    dockerBinary: p.binary,
    buildkit: p.buildkit,
    reason: p.buildkit
      ? `builder: docker BuildKit (${p.binary}, inline cache) ${why}`
      : `builder: docker legacy builder (${p.binary}; fallback: registry cache is a pull + --cache-from, final stage only) ${why}`,
  });
  const buildah = (why: string): BuilderChoice => ({
    builder: 'buildah',
    reason: `builder: buildah (--layers, registry cache via --cache-from/--cache-to) ${why}`,
  });

  switch (requested) {
    case 'buildx':
      if (buildxAny) return buildx(buildxFull ?? buildxAny, '(asked for)');
      throw new UserError(
        `Input 'builder': got "buildx" but it does not work here (${dockerSummary}); allowed: auto, docker, buildah.`,
        'builder',
      );
    case 'docker':
      if (buildkit) return docker(buildkit, '(asked for)');
      if (legacy) return docker(legacy, '(asked for; no docker CLI here runs BuildKit)');
      throw new UserError(
        `Input 'builder': got "docker" but it does not work here (${dockerSummary}); allowed: auto, buildx, buildah.`,
        'builder',
      );
    case 'buildah':
      if (probes.buildah) return buildah('(asked for)');
      throw new UserError(
        `Input 'builder': got "buildah" but buildah is not installed; allowed: auto, buildx, docker.`,
        'builder',
      );
    case 'auto':
      if (buildxFull) return buildx(buildxFull, `(auto; ${buildahSummary})`);
      if (buildkit) return docker(buildkit, `(auto; buildx: ${dockerSummary}; ${buildahSummary})`);
      if (probes.buildah) return buildah(`(auto; docker: ${dockerSummary}, no BuildKit)`);
      if (legacy) return docker(legacy, `(auto; no buildx, no BuildKit, ${buildahSummary})`);
      throw new UserError(
        `Input 'builder': got "auto" but no builder works here (${dockerSummary}; ${buildahSummary}); install docker or buildah.`,
        'builder',
      );
  }
}
