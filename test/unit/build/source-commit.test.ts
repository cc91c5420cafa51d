import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCommit } from '../../../src/build/source-commit.js';

const root = mkdtempSync(join(tmpdir(), 'gcpd-git-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const fallback = 'e'.repeat(40);

describe('builtCommit', () => {
  it("names the context's checked-out HEAD, also from a subdirectory, not the event's SHA", () => {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'app'), { recursive: true });
    writeFileSync(join(repo, 'app', 'Dockerfile'), 'FROM scratch\n');
    const git = (...args: string[]): string =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'one');
    const head = git('rev-parse', 'HEAD');
    expect(builtCommit(repo, fallback)).toBe(head);
    expect(builtCommit(join(repo, 'app'), fallback)).toBe(head);
  });

  it('falls back to the event SHA outside a git work tree or when the context is missing', () => {
    const plain = join(root, 'plain');
    mkdirSync(plain);
    expect(builtCommit(plain, fallback)).toBe(fallback);
    expect(builtCommit(join(root, 'missing'), fallback)).toBe(fallback);
  });
});
