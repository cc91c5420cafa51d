/**
 * Which credentials can mint the checks' ID tokens, decided before anything is built: direct Workload
 * Identity Federation (an external_account file without service-account impersonation) cannot.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/config.js';
import { requireIdTokenCredentials } from '../../../src/commands/run-start.js';
import type { Command } from '../../../src/report/run-report.js';

const dir = mkdtempSync(join(tmpdir(), 'gcpd-idcreds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, json: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

const federation = {
  type: 'external_account',
  audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/github/providers/github',
  subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  token_url: 'https://sts.googleapis.com/v1/token',
  credential_source: {
    url: 'https://example.invalid/token',
    format: { type: 'json', subject_token_field_name: 'value' },
  },
};
const direct = file('direct.json', federation);
const viaAccount = file('via.json', {
  ...federation,
  service_account_impersonation_url:
    'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/d@p.iam.gserviceaccount.com:generateAccessToken',
});
const key = file('key.json', { type: 'service_account', client_email: 'd@p.iam.gserviceaccount.com' });

const config = (inputs: Record<string, string> = {}) =>
  parseConfig((n) => ({ project_id: 'my-project', service: 'web', ...inputs })[n] ?? '');

describe('requireIdTokenCredentials', () => {
  it.each<[string, Command, string, Record<string, string>, boolean]>([
    ['direct federation, preview of a private service', 'preview', direct, {}, true],
    ['direct federation, candidate', 'candidate', direct, {}, true],
    ['direct federation, promote', 'promote', direct, {}, true],
    ['direct federation, access: public', 'preview', direct, { access: 'public' }, false],
    ['direct federation, check_auth: none', 'preview', direct, { check_auth: 'none' }, false],
    ['direct federation, cleanup (no checks)', 'cleanup', direct, {}, false],
    ['federation through a service account', 'preview', viaAccount, {}, false],
    ['a service-account key', 'preview', key, {}, false],
    ['no credentials file (metadata server)', 'preview', '', {}, false],
  ])('%s', (_name, command, creds, inputs, refused) => {
    const check = (): void =>
      requireIdTokenCredentials(command, config(inputs), { GOOGLE_APPLICATION_CREDENTIALS: creds });
    if (refused) {
      expect(check).toThrow(/add `service_account` to the google-github-actions\/auth step/);
      expect(check).toThrow(/`access: public`/);
    } else {
      expect(check).not.toThrow();
    }
  });
});
