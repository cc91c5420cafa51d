import { describe, expect, it } from 'vitest';
import { digestOf, parseImageReference } from '../../../src/shared/image-ref.js';
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

  const D = `sha256:${'a'.repeat(64)}`;
  it.each([
    ['us-docker.pkg.dev/p/r/app:v1', 'optional', { host: 'us-docker.pkg.dev', path: 'p/r/app', tag: 'v1' }],
    [`127.0.0.1:5000/p/app@${D}`, 'required', { host: '127.0.0.1:5000', path: 'p/app', digest: D }],
    [`h/app:1.0@${D}`, 'required', { host: 'h', path: 'app', tag: '1.0', digest: D }],
    ['localhost/app', 'optional', { host: 'localhost', path: 'app' }],
    // Docker's reading: a first component without a dot, port or `localhost` is a path (Docker Hub).
    ['library/postgres:16', 'optional', { path: 'library/postgres', tag: '16' }],
    ['psql', 'optional', { path: 'psql' }],
    ['my_org/a__b-c.d', 'optional', { path: 'my_org/a__b-c.d' }],
  ] as const)('parseImageReference(%s, %s)', (ref, host, parts) => {
    expect(parseImageReference(ref, host)).toEqual(parts);
  });

  it.each([
    ['psql:16', 'required'],
    ['h/App', 'optional'],
    ['h.io/app:-v1', 'optional'],
    ['h.io/app@sha256:abc', 'optional'],
    ['h.io/app@md5:' + 'a'.repeat(32), 'optional'],
    ['h.io//app', 'optional'],
    ['h.io/app;rm -rf', 'optional'],
    ['bad_host.io/app', 'optional'],
    ['', 'optional'],
    [`h.io/${'a'.repeat(1100)}`, 'optional'],
  ] as const)('parseImageReference(%s, %s) is not a reference', (ref, host) => {
    expect(parseImageReference(ref, host)).toBeNull();
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
