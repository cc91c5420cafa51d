import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/config.js';
import { parseDataSettings } from '../../../src/data/data-settings.js';
import { commandLine } from '../../../src/config/parsers.js';
import { dataJobId, databaseSecretId } from '../../../src/data/naming.js';
import { scramVerifier } from '../../../src/data/postgres.js';
import { taskTemplateFrom } from '../../../src/cloudrun/job-client.js';
import {
  checkSharedDatabases,
  withPreviewData,
  withoutPasswords,
} from '../../../src/commands/preview-data.js';

const ADMIN = 'postgres://admin:S3cret-Adm1n@10.0.0.5:5432/app';
const reader =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';
const config = (inputs: Record<string, string>) =>
  parseConfig(reader({ project_id: 'demo-project', service: 'shop', ...inputs }));

describe('parseDataSettings', () => {
  it('is undefined without data inputs, and the action defaults alone do not count as given', () => {
    expect(parseDataSettings(reader({}))).toBeUndefined();
    expect(
      parseDataSettings(
        reader({ database_isolation: 'database', database_reset: 'false', cache_env: 'REDIS_PREFIX' }),
      ),
    ).toBeUndefined();
  });

  it('reads a database with its template, commands and env, and a cache', () => {
    expect(
      parseDataSettings(
        reader({
          database_url: ADMIN,
          database_template: 'app_template',
          migrate_command: `./migrate up --dir "db/migrations x"`,
          seed_command: 'sh -c "./seed && echo done"',
          cache_url: 'redis://:pw@10.0.0.7:6379/0',
          database_env: 'name=DB_NAME,user=DB_USER,password=DB_PASSWORD',
        }),
      ),
    ).toEqual({
      database: {
        adminUrl: ADMIN,
        template: 'app_template',
        isolation: 'database',
        env: 'name=DB_NAME,user=DB_USER,password=DB_PASSWORD',
        reset: false,
        migrate: ['./migrate', 'up', '--dir', 'db/migrations x'],
        seed: ['sh', '-c', './seed && echo done'],
      },
      cache: { url: 'redis://:pw@10.0.0.7:6379/0', env: 'REDIS_PREFIX' },
    });
  });

  it.each([
    [{ database_url: 'mysql://u:S3cret@h/db' }, /Input 'database_url': got "mysql:\/\/…"/],
    [{ database_url: 'not a url S3cret' }, /Input 'database_url': got "\(hidden: a secret\)"/],
    [{ database_url: ADMIN, database_isolation: 'table' }, /Input 'database_isolation'.*database \| schema/],
    [
      { database_url: ADMIN, database_isolation: 'schema', database_template: 't' },
      /Input 'database_template'.*only with database_isolation 'database'/,
    ],
    [{ database_url: ADMIN, database_template: 'bad name' }, /Input 'database_template'/],
    [{ database_url: ADMIN, database_env: 'user=U' }, /needs password=<VAR>/],
    [{ database_url: ADMIN, database_reset: 'yes' }, /Input 'database_reset'.*true or false/],
    [{ database_url: ADMIN, migrate_command: './migrate "up' }, /Input 'migrate_command'.*not closed/],
    [{ migrate_command: './migrate' }, /Input 'migrate_command'.*only with database_url/],
    [
      { database_from: 'api', migrate_command: './m' },
      /Input 'migrate_command'.*database_from \(api\) runs this/,
    ],
    [{ database_from: 'API' }, /Input 'database_from'/],
    [{ cache_url: 'http://x' }, /Input 'cache_url'/],
    [{ cache_url: 'redis://h', cache_env: '1X' }, /Input 'cache_env'/],
    [{ cache_env: 'PREFIX' }, /Input 'cache_env'.*only with cache_url/],
  ])('refuses %j in one line that never quotes a URL', (inputs, message) => {
    let error: unknown;
    try {
      parseDataSettings(reader(inputs));
    } catch (err) {
      error = err;
    }
    expect(String(error)).toMatch(message);
    expect(String(error)).not.toContain('S3cret');
    expect(String(error)).not.toContain('\n');
  });

  it('ignores the step-level admin URL of a service that uses another one through database_from', () => {
    expect(parseDataSettings(reader({ database_url: ADMIN, database_from: 'api' }))?.database).toEqual({
      isolation: 'database',
      env: '',
      reset: false,
      from: 'api',
    });
  });

  it('splits command lines like a shell would, without running one', () => {
    expect(commandLine('m', `a 'b c' "d \\"e\\"" f\\ g $HOME`)).toEqual([
      'a',
      'b c',
      'd "e"',
      'f g',
      '$HOME',
    ]);
    expect(() => commandLine('m', '   ')).toThrow(/Input 'm'/);
    // One argument per line keeps each line whole, quotes and spaces included.
    expect(commandLine('m', "sh\n-c\necho 'a b' > /tmp/x\n")).toEqual(['sh', '-c', "echo 'a b' > /tmp/x"]);
    expect(() => commandLine('m', "./migrate 'up")).toThrow(/Input 'm'.*' is not closed/);
  });
});

describe('withPreviewData', () => {
  it('replaces DATABASE_URL by the PR secret and sets the cache prefix (preview values only)', () => {
    const c = withPreviewData(config({ database_url: ADMIN, cache_url: 'redis://h:6379' }), 42);
    expect(c.preview.secrets).toEqual([
      { kind: 'env', env: 'DATABASE_URL', secret: 'gcp-deploy-shop-pr-42-database', version: 'latest' },
    ]);
    expect(c.preview.envVars).toEqual({ REDIS_PREFIX: 'shop:pr-42:' });
    expect(c.deploy.secrets).toEqual([]);
  });

  it('split variables: the password is the secret, name and user are plain', () => {
    const c = withPreviewData(
      config({ database_url: ADMIN, database_env: 'name=DB_NAME,user=DB_USER,password=DB_PASSWORD' }),
      7,
    );
    expect(c.preview.secrets.map((s) => (s.kind === 'env' ? s.env : s.path))).toEqual(['DB_PASSWORD']);
    expect(c.preview.envVars).toEqual({ DB_NAME: 'gcpd_shop_pr7', DB_USER: 'gcpd_shop_pr7' });
    const schema = withPreviewData(
      config({ database_url: ADMIN, database_isolation: 'schema', database_env: 'name=N,password=P' }),
      7,
    );
    expect(schema.preview.envVars).toEqual({ N: 'app' });
  });

  it('database_from points at the owner secret; no data leaves the config as it was', () => {
    const c = withPreviewData(config({ database_from: 'api' }), 3);
    expect(c.preview.secrets[0]).toMatchObject({ env: 'DATABASE_URL', secret: databaseSecretId('api', 3) });
    const plain = config({});
    expect(withPreviewData(plain, 3)).toBe(plain);
  });

  it('checkSharedDatabases wants an owner with database_url that the service needs', () => {
    const api = { name: 'api', needs: [], config: config({ database_url: ADMIN }) };
    const worker = (needs: string[]) => ({ name: 'worker', needs, config: config({ database_from: 'api' }) });
    expect(() => checkSharedDatabases([api, worker(['api'])])).not.toThrow();
    expect(() => checkSharedDatabases([api, worker([])])).toThrow(/list api in its needs/);
    expect(() => checkSharedDatabases([worker(['api'])])).toThrow(/another service .* database_url/);
  });
});

describe('naming of jobs and secrets', () => {
  it('job ids are DNS-1035 labels of at most 63 characters, apart for different services', () => {
    expect(dataJobId('shop', 42, 'migrate')).toBe('shop-pr42-migrate');
    const long = 'a'.repeat(40) + '-b' + 'c'.repeat(7);
    const a = dataJobId(long, 12345678, 'migrate');
    const b = dataJobId(long.replace(/c$/, 'd'), 12345678, 'migrate');
    for (const id of [a, b]) expect(id).toMatch(/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(a).not.toBe(b);
  });
});

describe('scramVerifier', () => {
  it('is RFC 7677 SCRAM-SHA-256 in PostgreSQL stored form and holds no password', () => {
    const salt = Buffer.from('0123456789abcdef');
    const v = scramVerifier('pencil-Pw', salt, 4096);
    const salted = pbkdf2Sync('pencil-Pw', salt, 4096, 32, 'sha256');
    const stored = createHash('sha256')
      .update(createHmac('sha256', salted).update('Client Key').digest())
      .digest();
    const server = createHmac('sha256', salted).update('Server Key').digest();
    expect(v).toBe(
      `SCRAM-SHA-256$4096:${salt.toString('base64')}$${stored.toString('base64')}:${server.toString('base64')}`,
    );
    expect(v).not.toContain('pencil');
  });
});

describe('taskTemplateFrom', () => {
  it('keeps image, env, secrets, identity, network and Cloud SQL; drops ports and probes; runs the command', () => {
    const t = taskTemplateFrom(
      {
        serviceAccount: 'sa@p.iam.gserviceaccount.com',
        vpcAccess: { connector: 'projects/p/locations/r/connectors/c', egress: 'PRIVATE_RANGES_ONLY' },
        volumes: [{ name: 'cloudsql', cloudSqlInstance: { instances: ['p:r:db'] } }],
        scaling: { minInstanceCount: 0, maxInstanceCount: 2 },
        containers: [
          {
            name: 'app',
            image: 'r/app@sha256:abc',
            command: ['/server'],
            ports: [{ containerPort: 8080 }],
            startupProbe: { tcpSocket: { port: 8080 } },
            resources: { limits: { memory: '512Mi' }, cpuIdle: true },
            env: [
              { name: 'DATABASE_URL', valueSource: { secretKeyRef: { secret: 's', version: 'latest' } } },
            ],
            volumeMounts: [{ name: 'cloudsql', mountPath: '/cloudsql' }],
          },
        ],
      },
      ['./migrate', 'up'],
    );
    expect(t).toEqual({
      serviceAccount: 'sa@p.iam.gserviceaccount.com',
      vpcAccess: { connector: 'projects/p/locations/r/connectors/c', egress: 'PRIVATE_RANGES_ONLY' },
      volumes: [{ name: 'cloudsql', cloudSqlInstance: { instances: ['p:r:db'] } }],
      maxRetries: 0,
      timeout: { seconds: 600 },
      containers: [
        {
          name: 'app',
          image: 'r/app@sha256:abc',
          command: ['./migrate'],
          args: ['up'],
          resources: { limits: { memory: '512Mi' } },
          env: [{ name: 'DATABASE_URL', valueSource: { secretKeyRef: { secret: 's', version: 'latest' } } }],
          volumeMounts: [{ name: 'cloudsql', mountPath: '/cloudsql' }],
        },
      ],
    });
  });
});

describe('withoutPasswords', () => {
  it.each([
    ['connecting to postgres://u:p%40ss@h:5432/db?x=1', 'connecting to postgres://u:***@h:5432/db?x=1'],
    ['redis://:secret@h:6379 and mysql://a:b@c', 'redis://:***@h:6379 and mysql://a:***@c'],
    ['host=h password=hunter2 user=u', 'host=h password=*** user=u'],
    ['PGPASSWORD is unset; token: abc.def', 'PGPASSWORD is unset; token: ***'],
    ['no credentials here user@example.com', 'no credentials here user@example.com'],
  ])('%j -> %j', (line, expected) => {
    expect(withoutPasswords(line)).toBe(expected);
  });
});
