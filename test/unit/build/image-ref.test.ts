import { describe, expect, test } from 'vitest';
import { parseBuildxDriver, parseBuildxVersion, dockerCandidates } from '../../../src/build/builder-probe.js';
import {
  cacheRefFor,
  digestFromPushOutput,
  ghaScope,
  imageTags,
  isLoopbackHost,
  ociLabels,
  validateImage,
} from '../../../src/build/image-ref.js';
import { UserError } from '../../../src/config/user-error.js';

describe('imageTags', () => {
  test.each([
    [42, 'ABC1234def5678', ['pr-42', 'sha-abc1234']],
    [undefined, 'abc1234', ['sha-abc1234']],
    [7, '0123456789abcdef0123456789abcdef01234567', ['pr-7', 'sha-0123456']],
  ])('pr %s sha %s', (pr, sha, expected) => {
    expect(imageTags(pr, sha)).toEqual(expected);
  });

  test.each([
    [1, 'abc12', /Input 'sha'/],
    [1, 'not-a-sha!', /Input 'sha'/],
    [0, 'abc1234', /Input 'pr_number'/],
    [1.5, 'abc1234', /Input 'pr_number'/],
  ])('rejects pr %s sha %s', (pr, sha, message) => {
    expect(() => imageTags(pr, sha)).toThrow(UserError);
    expect(() => imageTags(pr, sha)).toThrow(message);
  });
});

test('ociLabels', () => {
  const created = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  expect(ociLabels({ sourceUrl: 'https://github.com/o/r', revision: 'abc', created })).toEqual({
    'org.opencontainers.image.source': 'https://github.com/o/r',
    'org.opencontainers.image.revision': 'abc',
    'org.opencontainers.image.created': '2026-01-02T03:04:05.000Z',
  });
  expect(ociLabels({ revision: 'abc', created })).not.toHaveProperty('org.opencontainers.image.source');
});

test.each([
  ['127.0.0.1:5000', true],
  ['127.3.2.1', true],
  ['localhost:5000', true],
  ['[::1]:5000', true],
  ['us-docker.pkg.dev', false],
  ['127.0.0.1.evil.com:5000', false],
  ['10.0.0.1:5000', false],
])('isLoopbackHost(%s) = %s', (host, expected) => {
  expect(isLoopbackHost(host)).toBe(expected);
});

test.each([
  ['docker', 'h/p/r/app', 'h/p/r/app:buildcache'],
  ['buildx', 'h/p/r/app', 'h/p/r/app:buildcache'],
  ['buildah', 'h/p/r/app', 'h/p/r/app/buildcache'],
] as const)('cacheRefFor(%s)', (builder, image, expected) => {
  expect(cacheRefFor(builder, image)).toBe(expected);
});

test('ghaScope is per image and safe', () => {
  expect(ghaScope('us-docker.pkg.dev/proj/repo/web')).toBe('proj-repo-web');
  expect(ghaScope('us-docker.pkg.dev/proj/repo/api')).not.toBe(ghaScope('us-docker.pkg.dev/proj/repo/web'));
});

describe('validateImage', () => {
  test('accepts host:port paths', () => {
    expect(() => validateImage('127.0.0.1:5000/p/r/app', ['pr-1', 'sha-abc1234'])).not.toThrow();
  });
  test.each([
    ['US-docker.pkg.dev/p/r/App', ['pr-1'], /Input 'image name'/],
    ['h/p/r/app:latest', ['pr-1'], /Input 'image name'/],
    ['h/p/r/app', [], /Input 'tags'/],
    ['h/p/r/app', ['-bad'], /Input 'tags': got "-bad"/],
    ['h/p/r/app', ['a;rm -rf'], /Input 'tags'/],
  ])('rejects %s %j', (name, tags, message) => {
    expect(() => validateImage(name, tags)).toThrow(message);
  });
});

test('digestFromPushOutput reads docker push output', () => {
  const out = `The push refers to repository [h/p/r/app]\n9e0d: Pushed\npr-1: digest: sha256:${'a'.repeat(64)} size: 735\n`;
  expect(digestFromPushOutput(out)).toBe(`sha256:${'a'.repeat(64)}`);
  expect(digestFromPushOutput('nothing here')).toBeUndefined();
});

test('buildx output parsers', () => {
  expect(parseBuildxVersion('github.com/docker/buildx v0.28.0 a1b2c3\n')).toBe('v0.28.0');
  const inspect = 'Name:          builder\nDriver:        docker-container\nLast Activity: 2026-01-01\n';
  expect(parseBuildxDriver(inspect)).toBe('docker-container');
  expect(parseBuildxDriver('')).toBeUndefined();
});

test('GCP_DEPLOY_DOCKER names the one docker CLI to use', () => {
  expect(dockerCandidates({ GCP_DEPLOY_DOCKER: '/opt/docker' })).toEqual(['/opt/docker']);
  expect(dockerCandidates({ PATH: '/nonexistent-dir' }).every((p) => p.endsWith('docker'))).toBe(true);
});
