import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildInputsDigest } from '../../../src/build/build-inputs.js';
import type { Config } from '../../../src/config/config.js';

describe('the build inputs digest', () => {
  let dir = '';
  const build = (over: Partial<Config['build']> = {}): Config['build'] => ({
    repository: 'r',
    imageName: 'i',
    context: dir,
    buildArgs: {},
    buildSecrets: {},
    builder: 'auto',
    cache: 'registry',
    ...over,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcpd-inputs-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    mkdirSync(join(dir, 'www'));
    writeFileSync(join(dir, 'www', 'index.html'), 'v1');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is stable for the same files and changes with any byte, name, mode, arg or target', () => {
    const base = buildInputsDigest(build());
    expect(buildInputsDigest(build())).toBe(base);
    const seen = new Set([base]);
    const change = (fn: () => void, over?: Partial<Config['build']>): void => {
      fn();
      const d = buildInputsDigest(build(over));
      expect(seen.has(d)).toBe(false);
      seen.add(d);
    };
    change(() => writeFileSync(join(dir, 'www', 'index.html'), 'v2'));
    change(() => writeFileSync(join(dir, 'www', 'new.txt'), ''));
    change(() => chmodSync(join(dir, 'www', 'new.txt'), 0o755));
    change(() => writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nENV A=1\n'));
    change(() => undefined, { buildArgs: { A: '1' } });
    change(() => undefined, { target: 'prod' });
  });

  it('ignores the .git directory (a commit alone rebuilds nothing)', () => {
    const base = buildInputsDigest(build());
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    expect(buildInputsDigest(build())).toBe(base);
  });

  it('does not read secret values, only their names', () => {
    const a = buildInputsDigest(build({ buildSecrets: { token: 'one' } }));
    expect(buildInputsDigest(build({ buildSecrets: { token: 'two' } }))).toBe(a);
  });
});
