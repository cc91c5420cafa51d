import { describe, expect, it } from 'vitest';
import { digestOf } from '../../../src/shared/image-ref.js';
import { LABEL, MANAGED, isManaged } from '../../../src/shared/labels.js';
import { sleep } from '../../../src/shared/sleep.js';

describe('shared helpers', () => {
  it.each([
    ['host/p/app@sha256:abc', 'sha256:abc'],
    ['sha256:abc', 'sha256:abc'],
    ['user@host/app@sha256:abc', 'sha256:abc'],
  ])('digestOf(%s)', (ref, digest) => {
    expect(digestOf(ref)).toBe(digest);
  });

  it('label keys keep the names revisions already carry (cleanup must still find old previews)', () => {
    expect(MANAGED).toEqual({ 'managed-by': 'gcp-deploy' });
    expect(Object.values(LABEL)).toEqual([
      'gcp-deploy-pr',
      'gcp-deploy-kind',
      'gcp-deploy-sha',
      'gcp-deploy-config',
      'gcp-deploy-inputs',
      'gcp-deploy-from',
      'gcp-deploy-from-tag',
      'gcp-deploy-from-pr',
    ]);
    expect(isManaged({ 'managed-by': 'gcp-deploy' })).toBe(true);
    expect(isManaged({ 'managed-by': 'terraform' })).toBe(false);
  });

  it('sleep ends at once when its signal aborts', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const waiting = sleep(60_000, ac.signal);
    ac.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
