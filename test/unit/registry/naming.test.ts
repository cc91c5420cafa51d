import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueTlsCertificates } from '../../../src/emulator/x509.js';
import { describe, expect, test } from 'vitest';
import { UserError } from '../../../src/config/user-error.js';
import {
  artifactRegistryHost,
  imageName,
  normaliseDigest,
  packageResourceName,
} from '../../../src/registry/naming.js';
import { clientOptions as googleClientOptions } from '../../../src/cloudrun/client-factory.js';

describe('artifactRegistryHost', () => {
  test.each([
    ['us-central1', undefined, 'us-central1-docker.pkg.dev'],
    ['europe-west4', '', 'europe-west4-docker.pkg.dev'],
    ['us-central1', '127.0.0.1:5000', '127.0.0.1:5000'],
    ['bad region', 'registry.example.com', 'registry.example.com'],
  ])('%s with override %j', (region, override, expected) => {
    expect(artifactRegistryHost(region, override)).toBe(expected);
  });
  test.each([
    ['US Central', undefined, /Input 'region'/],
    ['us-central1', 'https://x', /Input 'registry_host': got "https:\/\/x"/],
  ])('rejects %s / %s', (region, override, message) => {
    expect(() => artifactRegistryHost(region, override)).toThrow(UserError);
    expect(() => artifactRegistryHost(region, override)).toThrow(message);
  });
});

describe('imageName', () => {
  test.each([
    [
      { host: 'us-docker.pkg.dev', project: 'my-proj', repository: 'previews', image: 'web' },
      'us-docker.pkg.dev/my-proj/previews/web',
    ],
    [
      { host: '127.0.0.1:5000', project: 'demo-project', repository: 'previews', image: 'team/api' },
      '127.0.0.1:5000/demo-project/previews/team/api',
    ],
    [
      { host: 'us-docker.pkg.dev', project: 'example.com:proj', repository: 'r', image: 'a' },
      'us-docker.pkg.dev/example.com/proj/r/a',
    ],
  ])('%j', (opts, expected) => {
    expect(imageName(opts)).toBe(expected);
  });
  test.each([
    [{ host: 'h', project: 'my-proj', repository: 'Previews', image: 'web' }, /Input 'repository'/],
    [{ host: 'h', project: 'my-proj', repository: 'previews', image: 'Web' }, /Input 'image_name'/],
    [{ host: 'h', project: 'my-proj', repository: 'previews', image: 'web:latest' }, /Input 'image_name'/],
    [{ host: 'h', project: 'P', repository: 'previews', image: 'web' }, /Input 'project_id'/],
  ])('rejects %j', (opts, message) => {
    expect(() => imageName(opts)).toThrow(message);
  });
});

test('package ids encode / as %2F', () => {
  expect(packageResourceName('projects/p/locations/l/repositories/r', 'team/api')).toBe(
    'projects/p/locations/l/repositories/r/packages/team%2Fapi',
  );
});

test('normaliseDigest takes digests or references', () => {
  const d = `sha256:${'b'.repeat(64)}`;
  expect(normaliseDigest(d)).toBe(d);
  expect(normaliseDigest(`h/p/r/app@${d}`)).toBe(d);
});

test('client options: the emulator switch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-ca-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, issueTlsCertificates('test CA', ['localhost']).ca.cert);
  expect(googleClientOptions({})).toEqual({});
  const o = googleClientOptions({
    GCP_DEPLOY_EMULATOR_HOST: '127.0.0.1:4567',
    GCP_DEPLOY_EMULATOR_CA: caFile,
  });
  expect(o).toMatchObject({ apiEndpoint: '127.0.0.1', port: 4567 });
  expect(o.sslCreds).toBeDefined();
  expect(() => googleClientOptions({ GCP_DEPLOY_EMULATOR_HOST: 'nope' })).toThrow(/host:port/);
  rmSync(dir, { recursive: true, force: true });
});
