import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COMMAND_ROLES,
  deployingPrincipals,
  parseDenial,
  permissionDeniedLine,
  roleFor,
} from '../../../src/iam/permission-denied.js';

const dir = mkdtempSync(join(tmpdir(), 'gcpd-denied-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, body: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(body));
  return p;
};

describe('parseDenial', () => {
  it.each([
    [
      "7 PERMISSION_DENIED: Permission 'run.services.get' denied on resource 'projects/p/locations/l/services/s' (or it may not exist).",
      { permission: 'run.services.get', resource: 'projects/p/locations/l/services/s' },
    ],
    [
      "Revision r failed: 7 PERMISSION_DENIED: Permission 'iam.serviceaccounts.actAs' denied on service account 1-compute@developer.gserviceaccount.com (or it may not exist).",
      {
        permission: 'iam.serviceaccounts.actAs',
        resource: 'service account 1-compute@developer.gserviceaccount.com',
      },
    ],
    [
      "gcloud: Permission 'run.services.get' denied on resource 'namespaces/p/services/s' (or resource may not exist).",
      { permission: 'run.services.get', resource: 'namespaces/p/services/s' },
    ],
    [
      'push failed: denied: Permission "artifactregistry.repositories.uploadArtifacts" denied on resource "projects/p/locations/us-central1/repositories/r" (or it may not exist)',
      {
        permission: 'artifactregistry.repositories.uploadArtifacts',
        resource: 'projects/p/locations/us-central1/repositories/r',
      },
    ],
  ])('%s', (message, denial) => {
    expect(parseDenial(message)).toEqual(denial);
  });

  it('finds nothing in other errors', () => {
    expect(parseDenial('5 NOT_FOUND: Resource x was not found.')).toBeUndefined();
    expect(
      permissionDeniedLine('5 NOT_FOUND', { acting: 'serviceAccount:a@p.iam.gserviceaccount.com' }),
    ).toBeUndefined();
  });
});

describe('roleFor', () => {
  it("names the role of the command's own row first", () => {
    expect(roleFor('artifactregistry.repositories.uploadArtifacts', COMMAND_ROLES.preview)).toBe(
      'roles/artifactregistry.writer',
    );
    expect(roleFor('run.services.get', COMMAND_ROLES.preview)).toBe('roles/run.developer');
    expect(roleFor('artifactregistry.tags.list', COMMAND_ROLES.cleanup)).toBe(
      'roles/artifactregistry.repoAdmin',
    );
    expect(roleFor('artifactregistry.repositories.get', COMMAND_ROLES.preview)).toBe(
      'roles/artifactregistry.writer',
    );
    expect(roleFor('artifactregistry.repositories.create', COMMAND_ROLES.preview)).toBe(
      'roles/artifactregistry.admin',
    );
    expect(roleFor('run.services.setIamPolicy', COMMAND_ROLES.preview)).toBe('roles/run.admin');
    expect(roleFor('iam.serviceaccounts.actAs', COMMAND_ROLES.promote)).toBe('roles/iam.serviceAccountUser');
  });

  it('falls back to the smallest predefined role outside the table', () => {
    expect(roleFor('secretmanager.versions.access', [])).toBe('roles/secretmanager.secretAccessor');
    expect(roleFor('iam.serviceAccounts.getAccessToken', [])).toBe('roles/iam.workloadIdentityUser');
    expect(roleFor('no.such.permission', [])).toBeUndefined();
  });
});

describe('deployingPrincipals', () => {
  it('reads a key, an external_account and an impersonated credential', () => {
    const key = file('key.json', { type: 'service_account', client_email: 'd@p.iam.gserviceaccount.com' });
    expect(deployingPrincipals({ GOOGLE_APPLICATION_CREDENTIALS: key })).toEqual({
      acting: 'serviceAccount:d@p.iam.gserviceaccount.com',
    });
    const wif = file('wif.json', {
      type: 'external_account',
      audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/providers/gh',
      service_account_impersonation_url:
        'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/d@p.iam.gserviceaccount.com:generateAccessToken',
    });
    expect(deployingPrincipals({ GOOGLE_APPLICATION_CREDENTIALS: wif })).toEqual({
      acting: 'serviceAccount:d@p.iam.gserviceaccount.com',
      impersonator:
        'the federated identity from projects/1/locations/global/workloadIdentityPools/gh/providers/gh',
    });
    const imp = file('imp.json', {
      type: 'impersonated_service_account',
      service_account_impersonation_url:
        'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/d@p.iam.gserviceaccount.com:generateAccessToken',
      source_credentials: { type: 'service_account', client_email: 'ci@p.iam.gserviceaccount.com' },
    });
    expect(deployingPrincipals({ GOOGLE_APPLICATION_CREDENTIALS: imp })).toEqual({
      acting: 'serviceAccount:d@p.iam.gserviceaccount.com',
      impersonator: 'serviceAccount:ci@p.iam.gserviceaccount.com',
    });
    expect(deployingPrincipals({})).toEqual({});
    expect(deployingPrincipals({ GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'missing.json') })).toEqual({});
  });
});

describe('permissionDeniedLine', () => {
  const who = {
    acting: 'serviceAccount:d@p.iam.gserviceaccount.com',
    impersonator: 'serviceAccount:ci@p.iam.gserviceaccount.com',
  };
  it('names the acting principal and the role in one line', () => {
    const line = permissionDeniedLine(
      "7 PERMISSION_DENIED: Permission 'run.services.update' denied on resource 'projects/p/locations/l/services/s' (or it may not exist).",
      who,
    );
    expect(line).toBe(
      "Permission denied: serviceAccount:d@p.iam.gserviceaccount.com lacks roles/run.developer (permission 'run.services.update' on projects/p/locations/l/services/s).",
    );
    expect(line).not.toContain('\n');
  });

  it('names the impersonator when impersonation itself is refused', () => {
    expect(
      permissionDeniedLine(
        "Permission 'iam.serviceAccounts.getAccessToken' denied on resource 'projects/-/serviceAccounts/d@p.iam.gserviceaccount.com' (or it may not exist).",
        who,
      ),
    ).toContain('serviceAccount:ci@p.iam.gserviceaccount.com lacks roles/iam.workloadIdentityUser');
  });
});
