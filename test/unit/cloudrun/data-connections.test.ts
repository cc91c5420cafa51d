import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiTemplate } from '../../../src/cloudrun/api-mapping.js';
import {
  classifyEnv,
  describeConnection,
  detectDataConnections,
  fixFor,
  withoutCredentials,
  type SourceOf,
} from '../../../src/cloudrun/data-connections.js';

const fromProduction: SourceOf = () => 'production revision shop-1';
const detect = (
  env: Record<string, string>,
  extra: ApiTemplate = {},
): ReturnType<typeof detectDataConnections> =>
  detectDataConnections(
    {
      containers: [{ name: 'app', env: Object.entries(env).map(([name, value]) => ({ name, value })) }],
      ...extra,
    },
    fromProduction,
  );

describe('what is a data connection', () => {
  it.each([
    ['DATABASE_URL', 'postgres://app:pw@10.0.0.5/shop', 'data-store URL'],
    ['ANY', 'postgresql://db.internal:5432/shop', 'data-store URL'],
    ['ANY', 'mysql://root@db/shop', 'data-store URL'],
    ['ANY', 'redis://10.0.0.7:6379/0', 'data-store URL'],
    ['ANY', 'rediss://default:pw@cache.example.com:6380', 'data-store URL'],
    ['ANY', 'mongodb://u:p@h1,h2/db?replicaSet=rs0', 'data-store URL'],
    ['ANY', 'mongodb+srv://u:p@cluster0.example.net/db', 'data-store URL'],
    ['ANY', 'amqp://guest:guest@mq:5672/', 'data-store URL'],
    ['ANY', 'amqps://mq.example.com', 'data-store URL'],
    ['ANY', 'jdbc:postgresql://db:5432/shop', 'data-store URL'],
    ['PGHOST', '/cloudsql/p:r:i', 'Cloud SQL socket'],
    ['DB_SOCKET_DIR', '/cloudsql/proj:us-central1:shop-db', 'Cloud SQL socket'],
    ['DSN', 'host=/cloudsql/p:r:i dbname=shop', 'Cloud SQL socket'],
    ['DB_HOST', '10.0.0.5', 'connection variable'],
    ['PGDATABASE', 'shop', 'connection variable'],
    ['REDIS_HOST', 'cache.internal', 'connection variable'],
    ['MONGO_URL', 'db.internal:27017', 'connection variable'],
    ['ORDERS_DATABASE_URL', 'db.internal', 'connection variable'],
    ['INSTANCE_CONNECTION_NAME', 'p:us-central1:i', 'connection variable'],
    ['PGPASSWORD', 'hunter2hunter2', 'credential variable'],
    ['DB_PASSWORD', 'hunter2hunter2', 'credential variable'],
  ])('%s=%s is a %s', (name, value, kind) => {
    expect(classifyEnv(name, value)).toBe(kind);
  });

  it.each([
    ['DATABASE_URL', 'sqlite:///data/app.db'],
    ['DATABASE_URL', 'sqlite3:app.db'],
    ['DATABASE_URL', 'file:./dev.db'],
    ['DATABASE_URL', ':memory:'],
    ['DATABASE_URL', ''],
    ['PAYMENTS_API_URL', 'https://api.stripe.com/v1'],
    ['API_URL', 'http://api.internal:8080'],
    ['FLAGS_URL', 'https://flags.example.com'],
    ['LOG_LEVEL', 'debug'],
    ['NODE_ENV', 'production'],
    ['PUBLIC_PATH', '/static'],
    ['HOSTNAME', 'web'],
  ])('%s=%s is not', (name, value) => {
    expect(classifyEnv(name, value)).toBeUndefined();
  });

  it('flags secrets in env vars and volumes, and Cloud SQL volumes, that a container mounts', () => {
    const { findings } = detectDataConnections(
      {
        containers: [
          {
            name: 'app',
            env: [
              { name: 'DB_PASSWORD', valueSource: { secretKeyRef: { secret: 'db-password', version: '3' } } },
            ],
            volumeMounts: [
              { name: 'cloudsql', mountPath: '/cloudsql' },
              { name: 'creds', mountPath: '/etc/creds' },
            ],
          },
        ],
        volumes: [
          { name: 'cloudsql', cloudSqlInstance: { instances: ['p:us-central1:shop'] } },
          { name: 'creds', secret: { secret: 'api-key' } },
          { name: 'unused', cloudSqlInstance: { instances: ['p:us-central1:old'] } },
          { name: 'tmp', emptyDir: {} },
        ],
      },
      fromProduction,
    );
    expect(findings.map((f) => [f.name, f.kind, f.value])).toEqual([
      ['DB_PASSWORD', 'secret env var', 'secret db-password:3'],
      ['cloudsql', 'Cloud SQL volume', 'p:us-central1:shop'],
      ['creds', 'secret volume', 'secret api-key'],
    ]);
  });

  it('leaves out a Cloud SQL volume when the preview has its own identity', () => {
    const template: ApiTemplate = {
      containers: [{ volumeMounts: [{ name: 'sql', mountPath: '/cloudsql' }] }],
      volumes: [{ name: 'sql', cloudSqlInstance: { instances: ['p:r:i'] } }],
    };
    expect(detectDataConnections(template, fromProduction).findings).toHaveLength(1);
    expect(detectDataConnections(template, fromProduction, { ownIdentity: true }).findings).toEqual([]);
  });

  it('skips what the preview set itself and moves what `shared` names aside', () => {
    const template: ApiTemplate = {
      containers: [
        {
          env: [
            { name: 'DATABASE_URL', value: 'postgres://preview-db/shop_pr_7' },
            { name: 'REDIS_URL', value: 'redis://10.0.0.7' },
            { name: 'FLAGS_DB_HOST', value: 'flags.internal' },
          ],
        },
      ],
    };
    const sourceOf: SourceOf = (w) => (w.kind === 'env' && w.name === 'DATABASE_URL' ? null : 'production');
    const out = detectDataConnections(template, sourceOf, { shared: ['FLAGS_DB_HOST'] });
    expect(out.findings.map((f) => f.name)).toEqual(['REDIS_URL']);
    expect(out.shared.map((f) => f.name)).toEqual(['FLAGS_DB_HOST']);
  });

  it('names the container only in a template with several', () => {
    const one = detect({ REDIS_URL: 'redis://r' }).findings[0];
    expect(one?.container).toBeUndefined();
    const two = detectDataConnections(
      {
        containers: [
          { name: 'proxy', env: [{ name: 'UPSTREAM_DB_HOST', value: 'db' }] },
          { name: 'app', env: [] },
        ],
      },
      fromProduction,
    ).findings[0];
    expect(two?.container).toBe('proxy');
    expect(describeConnection(two)).toBe(
      'UPSTREAM_DB_HOST (connection variable in container proxy, from production revision shop-1): db',
    );
  });
});

describe('one line per finding, credentials cut out', () => {
  it('reads name, kind, source and value', () => {
    const [f] = detect({ DATABASE_URL: 'postgres://app:S3cret@10.0.0.5/shop' }).findings;
    expect(describeConnection(f)).toBe(
      'DATABASE_URL (data-store URL, from production revision shop-1): postgres://app:***@10.0.0.5/shop',
    );
    expect(fixFor(f)).toContain('preview_env_vars: DATABASE_URL=');
  });

  it.each([
    ['postgres://app:pw@10.0.0.5/shop', 'postgres://app:***@10.0.0.5/shop'],
    ['redis://tok3n@cache:6379', 'redis://***@cache:6379'],
    ['redis://:pw@cache:6379', 'redis://:***@cache:6379'],
    ['mongodb://u:p@ss@h1,h2/db?authSource=admin', 'mongodb://u:***@h1,h2/db?authSource=admin'],
    [
      'postgres://db/shop?user=app&password=pw&sslmode=require',
      'postgres://db/shop?user=app&password=***&sslmode=require',
    ],
    ["host=db user=app password='a b'", 'host=db user=app password=***'],
    ['Server=db;Database=shop;Password=pw;', 'Server=db;Database=shop;Password=***;'],
    ['app:pw@db:5432', '***@db:5432'],
    ['postgres://db.internal/shop', 'postgres://db.internal/shop'],
  ])('%s -> %s', (value, shown) => {
    expect(withoutCredentials(value)).toBe(shown);
  });

  it('shows nothing of a credential variable', () => {
    const [f] = detect({ DB_PASSWORD: 'hunter2hunter2' }).findings;
    expect(f?.value).toBe('***');
  });

  // A credential: at least 8 characters from what passwords use, so it cannot occur in the fixed text around it.
  const credential = fc
    .string({
      minLength: 8,
      maxLength: 40,
      unit: fc.constantFrom(
        ...'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789!$%^*()_+-~[]{}|<>'.split(''),
      ),
    })
    .filter((s) => !/[=&;]/.test(s));
  const raw = fc.string({ minLength: 8, maxLength: 40 }).filter((s) => /\S{8}/.test(s));
  const forms: [string, fc.Arbitrary<{ name: string; value: string; secret: string }>][] = [
    [
      'a URL password',
      credential.map((c) => ({
        name: 'DATABASE_URL',
        value: `postgres://app:${c}@10.0.0.5/shop`,
        secret: c,
      })),
    ],
    [
      'a URL password with @ and / in it',
      fc.tuple(credential, credential).map(([a, b]) => ({
        name: 'X',
        value: `mysql://root:${a}@/${b}@db:3306/shop`,
        secret: `${a}@/${b}`,
      })),
    ],
    [
      'a token as the URL user',
      credential.map((c) => ({ name: 'REDIS_URL', value: `rediss://${c}@cache:6380`, secret: c })),
    ],
    [
      'a query parameter',
      credential.map((c) => ({
        name: 'X',
        value: `postgres://db/shop?sslmode=require&password=${encodeURIComponent(c)}`,
        secret: encodeURIComponent(c),
      })),
    ],
    [
      'a DSN pair',
      credential.map((c) => ({
        name: 'DSN',
        value: `host=/cloudsql/p:r:i dbname=shop password=${c}`,
        secret: c,
      })),
    ],
    [
      'a quoted DSN pair',
      credential.map((c) => ({
        name: 'DSN',
        value: `host=db password='${c.replace(/'/g, '')} x'`,
        secret: `${c.replace(/'/g, '')} x`,
      })),
    ],
    ['a credential variable', raw.map((c) => ({ name: 'DB_PASSWORD', value: c, secret: c }))],
    ['a credential variable (PGPASSWORD)', raw.map((c) => ({ name: 'PGPASSWORD', value: c, secret: c }))],
  ];

  it.each(forms)('no credential reaches the output: %s', (_label, arb) => {
    fc.assert(
      fc.property(arb, fc.constantFrom('app', 'worker'), ({ name, value, secret }, container) => {
        const out = detectDataConnections(
          {
            containers: [
              { name: container, env: [{ name, value }] },
              { name: 'side', ports: [] },
            ],
          },
          fromProduction,
        );
        expect(out.findings.length).toBe(1);
        const text =
          JSON.stringify(out) + out.findings.map((f) => describeConnection(f) + fixFor(f)).join('\n');
        expect(text).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });
});
