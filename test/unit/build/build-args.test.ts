import { describe, expect, test } from 'vitest';
import {
  buildahBuildArgs,
  buildahPushArgs,
  buildxArgs,
  dockerBuildArgs,
  dockerPushArgs,
  type BuildArgsInput,
  type BuildxCache,
} from '../../../src/build/build-args.js';

const IMG = 'europe-west1-docker.pkg.dev/proj/repo/app';
const full: BuildArgsInput = {
  context: '/ctx',
  dockerfile: '/ctx/Dockerfile.prod',
  target: 'runtime',
  platform: 'linux/amd64',
  buildArgs: { NODE_ENV: 'production', A: 'x=y' },
  secretFiles: { npm_token: '/tmp/s/secret-0' },
  labels: { 'org.opencontainers.image.revision': 'abc' },
  refs: [`${IMG}:pr-1`, `${IMG}:sha-abc1234`],
};
const minimal: BuildArgsInput = {
  context: '.',
  buildArgs: {},
  secretFiles: {},
  labels: {},
  refs: [`${IMG}:pr-1`],
};
const FULL_COMMON = [
  '--file',
  '/ctx/Dockerfile.prod',
  '--target',
  'runtime',
  '--platform',
  'linux/amd64',
  '--build-arg',
  'NODE_ENV=production',
  '--build-arg',
  'A=x=y',
  '--secret',
  'id=npm_token,src=/tmp/s/secret-0',
  '--label',
  'org.opencontainers.image.revision=abc',
  '--tag',
  `${IMG}:pr-1`,
  '--tag',
  `${IMG}:sha-abc1234`,
];

const cache = (over: Partial<BuildxCache>): BuildxCache => ({
  cache: 'registry',
  cacheExport: 'registry',
  cacheRef: `${IMG}:buildcache`,
  ghaScope: 'proj-repo-app',
  insecure: false,
  ...over,
});

describe('buildxArgs', () => {
  test.each([
    [
      'registry cache, exporting driver',
      full,
      cache({}),
      [
        'buildx',
        'build',
        ...FULL_COMMON,
        '--cache-from',
        `type=registry,ref=${IMG}:buildcache`,
        '--cache-to',
        `type=registry,ref=${IMG}:buildcache,mode=max,ignore-error=true`,
        '--provenance=false',
        '--output',
        'type=image,push=true',
        '--metadata-file',
        '/m.json',
        '/ctx',
      ],
    ],
    [
      'registry cache, docker driver (inline only)',
      minimal,
      cache({ cacheExport: 'inline' }),
      [
        'buildx',
        'build',
        '--tag',
        `${IMG}:pr-1`,
        '--cache-from',
        `type=registry,ref=${IMG}:buildcache`,
        '--cache-to',
        'type=inline',
        '--provenance=false',
        '--output',
        'type=image,push=true',
        '--metadata-file',
        '/m.json',
        '.',
      ],
    ],
    [
      'gha cache with a scope per image',
      minimal,
      cache({ cache: 'gha' }),
      [
        'buildx',
        'build',
        '--tag',
        `${IMG}:pr-1`,
        '--cache-from',
        'type=gha,scope=proj-repo-app',
        '--cache-to',
        'type=gha,scope=proj-repo-app,mode=max,ignore-error=true',
        '--provenance=false',
        '--output',
        'type=image,push=true',
        '--metadata-file',
        '/m.json',
        '.',
      ],
    ],
    [
      'no cache, loopback registry',
      minimal,
      cache({ cache: 'none', insecure: true }),
      [
        'buildx',
        'build',
        '--tag',
        `${IMG}:pr-1`,
        '--provenance=false',
        '--output',
        'type=image,push=true,registry.insecure=true',
        '--metadata-file',
        '/m.json',
        '.',
      ],
    ],
    [
      'registry cache, loopback registry',
      minimal,
      cache({ insecure: true }),
      [
        'buildx',
        'build',
        '--tag',
        `${IMG}:pr-1`,
        '--cache-from',
        `type=registry,ref=${IMG}:buildcache,registry.insecure=true`,
        '--cache-to',
        `type=registry,ref=${IMG}:buildcache,mode=max,ignore-error=true,registry.insecure=true`,
        '--provenance=false',
        '--output',
        'type=image,push=true,registry.insecure=true',
        '--metadata-file',
        '/m.json',
        '.',
      ],
    ],
  ])('%s', (_name, input, c, expected) => {
    expect(buildxArgs(input, c, '/m.json')).toEqual(expected);
  });
});

describe('dockerBuildArgs', () => {
  test.each([
    [
      'BuildKit with inline cache',
      full,
      { buildkit: true, cacheFrom: `${IMG}:buildcache` },
      {
        args: [
          'build',
          ...FULL_COMMON,
          '--build-arg',
          'BUILDKIT_INLINE_CACHE=1',
          '--cache-from',
          `${IMG}:buildcache`,
          '/ctx',
        ],
        env: { DOCKER_BUILDKIT: '1' },
      },
    ],
    [
      'legacy builder: no --secret, plain --cache-from',
      full,
      { buildkit: false, cacheFrom: `${IMG}:buildcache` },
      {
        args: [
          'build',
          ...FULL_COMMON.filter((a) => a !== '--secret' && !a.startsWith('id=')),
          '--cache-from',
          `${IMG}:buildcache`,
          '/ctx',
        ],
        env: { DOCKER_BUILDKIT: '0' },
      },
    ],
    [
      'BuildKit without cache',
      minimal,
      { buildkit: true },
      { args: ['build', '--tag', `${IMG}:pr-1`, '.'], env: { DOCKER_BUILDKIT: '1' } },
    ],
  ])('%s', (_name, input, opts, expected) => {
    expect(dockerBuildArgs(input, opts)).toEqual(expected);
  });

  test('push', () => {
    expect(dockerPushArgs(`${IMG}:pr-1`)).toEqual(['push', `${IMG}:pr-1`]);
  });
});

describe('buildah', () => {
  test.each([
    [
      'registry cache, TLS',
      full,
      { cacheRepo: `${IMG}/buildcache`, cacheTo: true, tlsVerify: true },
      [
        'build',
        '--layers',
        ...FULL_COMMON,
        '--cache-from',
        `${IMG}/buildcache`,
        '--cache-to',
        `${IMG}/buildcache`,
        '/ctx',
      ],
    ],
    [
      'cache read only, loopback',
      minimal,
      { cacheRepo: '127.0.0.1:5000/p/r/app/buildcache', cacheTo: false, tlsVerify: false },
      [
        'build',
        '--layers',
        '--tag',
        `${IMG}:pr-1`,
        '--cache-from',
        '127.0.0.1:5000/p/r/app/buildcache',
        '--tls-verify=false',
        '.',
      ],
    ],
    [
      'no cache',
      minimal,
      { cacheTo: false, tlsVerify: true },
      ['build', '--layers', '--tag', `${IMG}:pr-1`, '.'],
    ],
  ])('%s', (_name, input, opts, expected) => {
    expect(buildahBuildArgs(input, opts)).toEqual(expected);
  });

  test.each([
    [true, ['push', '--digestfile', '/d', `${IMG}:pr-1`, `docker://${IMG}:pr-1`]],
    [false, ['push', '--digestfile', '/d', '--tls-verify=false', `${IMG}:pr-1`, `docker://${IMG}:pr-1`]],
  ])('push with tlsVerify=%s', (tls, expected) => {
    expect(buildahPushArgs(`${IMG}:pr-1`, '/d', tls)).toEqual(expected);
  });
});
