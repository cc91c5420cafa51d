import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test } from 'vitest';
import { withSecretFiles } from '../../../src/build/secret-files.js';

test('each secret is a 0600 file in a 0700 dir, removed afterwards', async () => {
  let seen: Record<string, string> = {};
  const result = await withSecretFiles({ npm_token: 's3cret', 'odd/../id': 'x' }, (files) => {
    seen = files;
    expect(readFileSync(files.npm_token ?? '', 'utf8')).toBe('s3cret');
    expect(statSync(files.npm_token ?? '').mode & 0o777).toBe(0o600);
    expect(statSync(dirname(files.npm_token ?? '')).mode & 0o777).toBe(0o700);
    // an id is never a path component
    expect(dirname(files['odd/../id'] ?? '')).toBe(dirname(files.npm_token ?? ''));
    return Promise.resolve(7);
  });
  expect(result).toBe(7);
  expect(existsSync(dirname(seen.npm_token ?? '/nonexistent'))).toBe(false);
});

test('removed when the build throws too', async () => {
  let dir = '';
  await expect(
    withSecretFiles({ a: 'b' }, (files) => {
      dir = dirname(files.a ?? '');
      return Promise.reject(new Error('build failed'));
    }),
  ).rejects.toThrow('build failed');
  expect(dir).not.toBe('');
  expect(existsSync(dir)).toBe(false);
});

test('no secrets: no directory at all', async () => {
  await withSecretFiles({}, (files) => {
    expect(files).toEqual({});
    return Promise.resolve();
  });
});

test('RUNNER_TEMP is where the files go on a runner', async () => {
  const root = process.env.TMPDIR ?? '/tmp';
  await withSecretFiles(
    { a: 'b' },
    (files) => {
      expect(files.a?.startsWith(root)).toBe(true);
      return Promise.resolve();
    },
    { RUNNER_TEMP: root },
  );
});
