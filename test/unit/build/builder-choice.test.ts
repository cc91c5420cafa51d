import { describe, expect, test } from 'vitest';
import { chooseBuilder, type DockerProbe, type ProbeResults } from '../../../src/build/builder-choice.js';
import { UserError } from '../../../src/config/user-error.js';

const NEW_NO_BUILDX: DockerProbe = { binary: '/usr/local/bin/docker', daemon: true, buildkit: false };
const OLD_BUILDKIT: DockerProbe = { binary: '/usr/bin/docker', daemon: true, buildkit: true };
const RUNNER_DEFAULT: DockerProbe = {
  binary: '/usr/bin/docker',
  daemon: true,
  buildkit: true,
  buildx: { version: 'v0.28.0', driver: 'docker' },
};
const RUNNER_CONTAINER: DockerProbe = {
  ...RUNNER_DEFAULT,
  buildx: { version: 'v0.28.0', driver: 'docker-container' },
};
const NO_DAEMON: DockerProbe = { binary: '/usr/bin/docker', daemon: false, buildkit: true };

type Row = [string, 'auto' | 'buildx' | 'docker' | 'buildah', ProbeResults, Record<string, unknown>, RegExp];
const rows: Row[] = [
  [
    'this machine: skips the CLI without buildx for the BuildKit one',
    'auto',
    { docker: [NEW_NO_BUILDX, OLD_BUILDKIT], buildah: true },
    { builder: 'docker', dockerBinary: '/usr/bin/docker', buildkit: true },
    /docker BuildKit .*\/usr\/local\/bin\/docker: no buildx/,
  ],
  [
    'runner with docker-container builder: buildx',
    'auto',
    { docker: [RUNNER_CONTAINER], buildah: true },
    { builder: 'buildx', dockerBinary: '/usr/bin/docker', cacheExport: 'registry' },
    /buildx .*registry cache mode=max/,
  ],
  [
    'runner default docker driver: docker BuildKit, says buildx cannot export',
    'auto',
    { docker: [RUNNER_DEFAULT], buildah: true },
    { builder: 'docker', buildkit: true },
    /driver docker cannot export a registry cache/,
  ],
  [
    'only the legacy CLI and buildah: buildah',
    'auto',
    { docker: [NEW_NO_BUILDX], buildah: true },
    { builder: 'buildah' },
    /buildah .*no BuildKit/,
  ],
  [
    'only the legacy CLI: legacy fallback, said so',
    'auto',
    { docker: [NEW_NO_BUILDX], buildah: false },
    { builder: 'docker', buildkit: false },
    /legacy builder .*fallback/,
  ],
  [
    'no daemon: buildah',
    'auto',
    { docker: [NO_DAEMON], buildah: true },
    { builder: 'buildah' },
    /cannot reach a daemon/,
  ],
  [
    'asked buildx with the docker driver: inline cache',
    'buildx',
    { docker: [RUNNER_DEFAULT], buildah: false },
    { builder: 'buildx', cacheExport: 'inline' },
    /inline cache only/,
  ],
  [
    'asked docker on the new CLI only: legacy',
    'docker',
    { docker: [NEW_NO_BUILDX], buildah: true },
    { builder: 'docker', buildkit: false },
    /legacy/,
  ],
  [
    'asked buildah',
    'buildah',
    { docker: [RUNNER_CONTAINER], buildah: true },
    { builder: 'buildah' },
    /asked for/,
  ],
];

describe('chooseBuilder', () => {
  test.each(rows)('%s', (_name, requested, probes, expected, reason) => {
    const choice = chooseBuilder(requested, probes);
    expect(choice).toMatchObject(expected);
    expect(choice.reason).toMatch(reason);
  });

  test.each<['auto' | 'buildx' | 'docker' | 'buildah', ProbeResults, RegExp]>([
    ['buildx', { docker: [OLD_BUILDKIT], buildah: true }, /got "buildx" but it does not work here/],
    ['docker', { docker: [NO_DAEMON], buildah: true }, /got "docker" .*cannot reach a daemon/],
    ['buildah', { docker: [OLD_BUILDKIT], buildah: false }, /buildah is not installed/],
    [
      'auto',
      { docker: [], buildah: false },
      /no builder works here \(no docker CLI found; buildah not found\)/,
    ],
  ])('asked %s where it cannot run: UserError naming the input', (requested, probes, message) => {
    const run = (): unknown => chooseBuilder(requested, probes);
    expect(run).toThrow(UserError);
    expect(run).toThrow(message);
    expect(run).toThrow(/^Input 'builder'/);
  });
});
