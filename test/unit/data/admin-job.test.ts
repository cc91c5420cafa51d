import { describe, expect, it } from 'vitest';
import {
  ADMIN_COMMAND,
  dropScript,
  parseResults,
  provisionResult,
  provisionScript,
  type ProvisionPlan,
} from '../../../src/data/admin-script.js';
import { adminNetworkOf, adminSecretIds, adminTaskTemplate } from '../../../src/data/admin-job.js';
import { dataJobId, ownershipMarker, perPrName } from '../../../src/data/naming.js';
import { scramVerifier } from '../../../src/data/postgres.js';
import { parseDataSettings } from '../../../src/data/data-settings.js';

const PASSWORD = 'Pr-Passw0rd-never-in-the-script';
const plan = (over: Partial<ProvisionPlan> = {}): ProvisionPlan => ({
  name: perPrName('api', 42),
  marker: ownershipMarker('api', 42),
  isolation: 'database',
  reset: false,
  verifier: scramVerifier(PASSWORD),
  keepPassword: true,
  ...over,
});

describe('provisionScript', () => {
  it('refuses unmarked objects first, then creates role and database copied from the template', () => {
    const sql = provisionScript(plan({ template: 'app_template' }));
    const at = (s: string): number => sql.indexOf(s);
    expect(sql.startsWith('\\set ON_ERROR_STOP on\n\\set VERBOSITY terse')).toBe(true);
    expect(at('RAISE EXCEPTION')).toBeGreaterThan(0);
    expect(at('RAISE EXCEPTION')).toBeLessThan(at('CREATE ROLE "gcpd_api_pr42"'));
    expect(sql).toContain(`CREATE DATABASE "gcpd_api_pr42" OWNER "gcpd_api_pr42" TEMPLATE "app_template";`);
    expect(sql).toContain(`COMMENT ON DATABASE "gcpd_api_pr42" IS 'gcp-deploy:pr-data service=api pr=42';`);
    expect(sql).toContain('REVOKE ALL ON DATABASE "gcpd_api_pr42" FROM PUBLIC;');
    expect(sql).toContain('\\connect "gcpd_api_pr42"');
    expect(sql).toMatch(
      /\\echo gcp-deploy-admin-result created=:gcpd_created password_set=:gcpd_password_set\n$/,
    );
  });

  it('carries the SCRAM verifier, never the password', () => {
    const sql = provisionScript(plan({ keepPassword: false }));
    expect(sql).not.toContain(PASSWORD);
    expect(sql).toMatch(/ALTER ROLE "gcpd_api_pr42" WITH PASSWORD 'SCRAM-SHA-256\$4096:/);
    // keepPassword: only a new role gets one; without it, an existing role's password is replaced too.
    expect(sql.match(/WITH PASSWORD/g)).toHaveLength(2);
    expect(provisionScript(plan()).match(/WITH PASSWORD/g)).toHaveLength(1);
  });

  it('makes a schema owned by the role, on its search_path, for schema isolation', () => {
    const sql = provisionScript(plan({ isolation: 'schema' }));
    expect(sql).toContain('CREATE SCHEMA "gcpd_api_pr42" AUTHORIZATION "gcpd_api_pr42";');
    expect(sql).toContain('ALTER ROLE "gcpd_api_pr42" SET search_path = "gcpd_api_pr42";');
    expect(sql).not.toContain('CREATE DATABASE');
  });

  it('drops first on reset, failing rather than keeping what is not marked', () => {
    const sql = provisionScript(plan({ reset: true }));
    expect(sql.indexOf('DROP DATABASE IF EXISTS "gcpd_api_pr42" WITH (FORCE)')).toBeLessThan(
      sql.indexOf('CREATE DATABASE'),
    );
    expect(sql).not.toContain('kept=');
  });

  it.each([
    [
      'a name that is not a per-PR identifier',
      { name: 'x"; DROP DATABASE prod; --' },
      /not a per-PR identifier/,
    ],
    ['an upper-case name', { name: 'Gcpd_api' }, /not a per-PR identifier/],
    ['a 64-byte name', { name: 'g'.repeat(64) }, /not a per-PR identifier/],
    ['a marker that ends a DO body', { marker: 'x $gcpd$ y' }, /not a usable marker/],
    ['a template with a quote', { template: 'tpl"x' }, /not a database name/],
    ['the per-PR database as its own template', { template: 'gcpd_api_pr42' }, /template is the per-PR/],
    [
      'a template with schema isolation',
      { template: 'tpl', isolation: 'schema' as const },
      /database isolation only/,
    ],
    ['a verifier that is not one', { verifier: "x'; DROP ROLE admin; --" }, /not a SCRAM-SHA-256 verifier/],
  ])('refuses %s', (_what, over, error) => {
    expect(() => provisionScript(plan(over))).toThrow(error);
  });

  it('quotes the marker as a literal (a quote in a service name cannot end it)', () => {
    const sql = provisionScript(plan({ marker: "gcp-deploy:pr-data service=o'brien pr=42" }));
    expect(sql).toContain(`IS 'gcp-deploy:pr-data service=o''brien pr=42';`);
  });
});

describe('dropScript', () => {
  it('drops the database or schema and the role only when each carries this PR marker', () => {
    const sql = dropScript({
      name: 'gcpd_api_pr42',
      marker: ownershipMarker('api', 42),
      isolation: 'database',
    });
    const ours = sql.match(/= 'gcp-deploy:pr-data service=api pr=42', false\) AS gcpd_ours/g);
    expect(ours).toHaveLength(2);
    expect(sql).toContain('DROP DATABASE IF EXISTS "gcpd_api_pr42" WITH (FORCE);');
    expect(sql).toContain('\\echo gcp-deploy-admin-result kept=database');
    expect(sql).toContain("EXECUTE format('DROP ROLE %I', 'gcpd_api_pr42');");
    expect(sql).toMatch(/finished=drop\n$/);
    const schema = dropScript({
      name: 'gcpd_api_pr42',
      marker: ownershipMarker('api', 42),
      isolation: 'schema',
    });
    expect(schema).toContain('DROP SCHEMA "gcpd_api_pr42" CASCADE;');
    expect(schema).not.toContain('DROP DATABASE');
  });
});

describe('job results', () => {
  it('reads psql echo lines and notices, ignoring other output', () => {
    const log = [
      'psql:<stdin>:3: NOTICE:  extension exists, skipping',
      'gcp-deploy-admin-result created=t password_set=f',
      'psql:<stdin>:22: NOTICE:  gcp-deploy-admin-result kept=role cannot be dropped because some objects depend on it',
    ].join('\n');
    expect(provisionResult(log)).toEqual({ created: true, passwordSet: false });
    expect(parseResults(log)).toContainEqual({
      key: 'kept',
      value: 'role',
      detail: 'cannot be dropped because some objects depend on it',
    });
    expect(provisionResult('psql: error: connection refused')).toBeUndefined();
  });
});

describe('the admin job template', () => {
  const revision = {
    serviceAccount: 'api-preview@p.iam.gserviceaccount.com',
    vpcAccess: { connector: 'projects/p/locations/r/connectors/c', egress: 'PRIVATE_RANGES_ONLY' as const },
    volumes: [{ name: 'cloudsql', cloudSqlInstance: { instances: ['p:r:db'] } }],
    containers: [
      {
        name: 'app',
        image: 'r-docker.pkg.dev/p/app/api@sha256:' + 'a'.repeat(64),
        ports: [{ containerPort: 8080 }],
        env: [
          { name: 'DATABASE_URL', valueSource: { secretKeyRef: { secret: 'prod-db', version: 'latest' } } },
          { name: 'MODE', value: 'production' },
        ],
        volumeMounts: [{ name: 'cloudsql', mountPath: '/cloudsql' }],
      },
    ],
  };

  it('keeps network, volumes and identity; runs the fixed psql command with only the two secret refs', () => {
    const secrets = adminSecretIds('api', 42);
    const task = adminTaskTemplate(revision, 'r-docker.pkg.dev/p/tools/psql:16', secrets);
    expect(task.vpcAccess).toEqual(revision.vpcAccess);
    expect(task.volumes).toEqual(revision.volumes);
    expect(task.serviceAccount).toBe(revision.serviceAccount);
    const c = task.containers?.[0];
    expect(c?.image).toBe('r-docker.pkg.dev/p/tools/psql:16');
    expect([c?.command?.[0], ...(c?.args ?? [])]).toEqual(ADMIN_COMMAND);
    expect(c?.env).toEqual([
      { name: 'GCPD_ADMIN_URL', valueSource: { secretKeyRef: { secret: secrets.url, version: 'latest' } } },
      { name: 'GCPD_ADMIN_SQL', valueSource: { secretKeyRef: { secret: secrets.sql, version: 'latest' } } },
    ]);
    expect(c?.ports).toBeUndefined();
    expect(secrets).toEqual({
      url: 'gcp-deploy-api-pr-42-database-admin-url',
      sql: 'gcp-deploy-api-pr-42-database-admin-sql',
    });
    expect(dataJobId('api', 42, 'dbadmin')).toBe('api-pr42-dbadmin');
  });

  it('the command passes the secrets as data: no value is ever part of the shell text', () => {
    expect(ADMIN_COMMAND.slice(0, 2)).toEqual(['sh', '-c']);
    expect(ADMIN_COMMAND[2]).toBe(
      `printf '%s\\n' "$GCPD_ADMIN_SQL" | psql -X -q -v ON_ERROR_STOP=1 -d "$GCPD_ADMIN_URL" -f -`,
    );
  });

  it.each([
    [revision, 'VPC connector projects/p/locations/r/connectors/c'],
    [
      { vpcAccess: { networkInterfaces: [{ network: 'default', subnetwork: 'sub' }] } },
      'Direct VPC egress (default)',
    ],
    [{ volumes: revision.volumes }, 'Cloud SQL instance p:r:db'],
    [{ containers: revision.containers }, undefined],
    [null, undefined],
  ])('finds how the job reaches the VPC (%#)', (template, want) => {
    expect(adminNetworkOf(template)).toBe(want);
  });
});

describe('database_admin_image input', () => {
  const read =
    (inputs: Record<string, string>) =>
    (name: string): string =>
      inputs[name] ?? '';
  const ADMIN = 'postgres://admin:S3cret@10.0.0.5:5432/app';

  it('is kept with database_url', () => {
    expect(
      parseDataSettings(read({ database_url: ADMIN, database_admin_image: 'postgres:16-alpine' }))?.database
        ?.adminImage,
    ).toBe('postgres:16-alpine');
  });

  it.each([
    [
      { database_admin_image: 'postgres:16' },
      /Input 'database_admin_image': got "postgres:16"; allowed only with database_url/,
    ],
    [
      { database_url: ADMIN, database_admin_image: 'Not An Image' },
      /Input 'database_admin_image': got "Not An Image"; allowed: an image reference/,
    ],
    [
      { database_url: ADMIN, database_admin_service_account: 'db-admin@p.iam.gserviceaccount.com' },
      /Input 'database_admin_service_account': got "db-admin@p\.iam\.gserviceaccount\.com"; allowed only with database_admin_image/,
    ],
  ])('refuses %j in one line', (inputs, error) => {
    expect(() => parseDataSettings(read(inputs))).toThrow(error);
  });

  it('keeps the admin job identity with the image', () => {
    const sa = 'db-admin@p.iam.gserviceaccount.com';
    expect(
      parseDataSettings(
        read({ database_url: ADMIN, database_admin_image: 'psql:16', database_admin_service_account: sa }),
      )?.database?.adminServiceAccount,
    ).toBe(sa);
    const revision = {
      containers: [{ name: 'app', image: 'app@sha256:' + 'a'.repeat(64) }],
      serviceAccount: 'p@x',
    };
    expect(adminTaskTemplate(revision, 'psql:16', { url: 'u', sql: 's' }, undefined, sa).serviceAccount).toBe(
      sa,
    );
    expect(adminTaskTemplate(revision, 'psql:16', { url: 'u', sql: 's' }).serviceAccount).toBe('p@x');
  });

  it('is ignored by a database_from reader, like database_url', () => {
    expect(
      parseDataSettings(read({ database_url: ADMIN, database_from: 'api', database_admin_image: 'psql:16' }))
        ?.database?.adminImage,
    ).toBeUndefined();
  });
});
