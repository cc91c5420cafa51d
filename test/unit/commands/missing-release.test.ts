import { describe, expect, it } from 'vitest';
import type { RevisionInfo } from '../../../src/cloudrun/run-port.js';
import { missingReleaseAdvice } from '../../../src/commands/missing-release.js';

const rev = (name: string, labels: Record<string, string>, minute: number, ready = true): RevisionInfo =>
  ({ name, labels, ready, createTime: new Date(Date.UTC(2026, 11, 2, 0, minute)) }) as RevisionInfo;

describe('the error of a promotion whose commit has no revision', () => {
  it('lists the newest ready commits once each, where they came from, and what to run', () => {
    const text = missingReleaseAdvice('web', [
      rev('web-pr7-aaaaaaa-1', { 'gcp-deploy-pr': '7', 'gcp-deploy-sha': 'a'.repeat(40) }, 1),
      rev('web-pr7-aaaaaaa-2', { 'gcp-deploy-pr': '7', 'gcp-deploy-sha': 'a'.repeat(40) }, 2),
      rev('web-rel-1', { 'gcp-deploy-kind': 'release', 'gcp-deploy-sha': 'b'.repeat(40) }, 3),
      rev('web-pr8-ccccccc-1', { 'gcp-deploy-pr': '8', 'gcp-deploy-sha': 'c'.repeat(40) }, 4, false),
    ]);
    expect(text).toContain(
      `carry these commits: sha:${'b'.repeat(12)} (release, web-rel-1), sha:${'a'.repeat(12)} (PR #7, web-pr7-aaaaaaa-2).`,
    );
    expect(text).not.toContain('ccccccc');
    expect(text).toContain('promote_from: sha:COMMIT');
  });

  it('says when nothing carries a commit, and counts what it leaves off', () => {
    expect(missingReleaseAdvice('web', [])).toContain('no ready revision of web carries a commit label');
    const many = [1, 2, 3].map((i) => rev(`web-${i}`, { 'gcp-deploy-sha': String(i).repeat(40) }, i));
    expect(missingReleaseAdvice('web', many, 2)).toContain('and 1 more');
  });
});
