import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBuildContext, parseConfig } from '../../../src/config/config.js';
import { exposedCredentialFiles, ignoredBy } from '../../../src/config/credential-files.js';

const dirs: string[] = [];
function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-ctx-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const build = (dir: string): ReturnType<typeof parseConfig>['build'] =>
  parseConfig((n) => ({ project_id: 'my-project', service: 'web', context: dir })[n] ?? '').build;

describe('credential files in the build context', () => {
  it('refuses a context holding gha-creds-*.json without a .dockerignore, naming the file and the fix', () => {
    const dir = context({ Dockerfile: 'FROM scratch\n', 'gha-creds-0123abcd.json': '{}' });
    expect(() => checkBuildContext(build(dir))).toThrow(
      /Input 'context'.*gha-creds-0123abcd\.json.*add the line gha-creds-\*\.json to .*\.dockerignore/,
    );
  });

  it('accepts it when .dockerignore leaves it out', () => {
    const dir = context({
      Dockerfile: 'FROM scratch\n',
      'gha-creds-0123abcd.json': '{}',
      '.dockerignore': '# credentials\ngha-creds-*.json\n',
    });
    expect(() => checkBuildContext(build(dir))).not.toThrow();
  });

  it('reads .dockerignore as Docker does: last match wins, ! re-includes, ** and leading / allowed', () => {
    expect(ignoredBy(['gha-creds-*.json'], 'gha-creds-1.json')).toBe(true);
    expect(ignoredBy(['/gha-creds-*.json'], 'gha-creds-1.json')).toBe(true);
    expect(ignoredBy(['**/*.json'], 'gha-creds-1.json')).toBe(true);
    expect(ignoredBy(['*'], 'gha-creds-1.json')).toBe(true);
    expect(ignoredBy(['gha-creds-*.json', '!gha-creds-1.json'], 'gha-creds-1.json')).toBe(false);
    expect(ignoredBy(['*.txt'], 'gha-creds-1.json')).toBe(false);
    expect(ignoredBy(['gha-creds-?.json'], 'gha-creds-12.json')).toBe(false);
  });

  it('ignores a context without credential files', () => {
    const dir = context({ Dockerfile: 'FROM scratch\n', 'creds.json': '{}' });
    mkdirSync(join(dir, 'sub'));
    expect(exposedCredentialFiles(dir)).toEqual([]);
  });
});
