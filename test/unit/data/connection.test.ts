import { describe, expect, it } from 'vitest';
import {
  endpointOf,
  parseDatabaseEnv,
  rewriteDatabaseUrl,
  splitEnvValues,
} from '../../../src/data/connection.js';
import { UserError } from '../../../src/config/user-error.js';

const grant = { database: 'gcpd_api_pr42', user: 'gcpd_api_pr42', password: 'p@ss/w:rd' };

describe('rewriteDatabaseUrl', () => {
  it.each([
    [
      'postgres://app:prodpw@db.internal:5433/app?sslmode=require',
      grant,
      'postgres://gcpd_api_pr42:p%40ss%2Fw%3Ard@db.internal:5433/gcpd_api_pr42?sslmode=require',
    ],
    [
      'postgresql://app@127.0.0.1/app',
      grant,
      'postgresql://gcpd_api_pr42:p%40ss%2Fw%3Ard@127.0.0.1/gcpd_api_pr42',
    ],
    // Cloud SQL through the unix socket the connector mounts: the host option stays.
    [
      'postgres://app:pw@/app?host=/cloudsql/proj:region:inst',
      grant,
      'postgres://gcpd_api_pr42:p%40ss%2Fw%3Ard@/gcpd_api_pr42?host=/cloudsql/proj:region:inst',
    ],
    // Schema isolation: production's database, the PR's schema first on the search path.
    [
      'postgres://app:pw@db:5432/app?options=-c%20statement_timeout%3D5000',
      { ...grant, database: 'app', schema: 'gcpd_api_pr42' },
      'postgres://gcpd_api_pr42:p%40ss%2Fw%3Ard@db:5432/app?options=-c+statement_timeout%3D5000+-c+search_path%3Dgcpd_api_pr42',
    ],
  ])('%s', (production, g, expected) => {
    const out = rewriteDatabaseUrl(production, g);
    expect(out).toBe(expected);
    expect(out).toContain(`:${encodeURIComponent(grant.password)}@`);
    expect(out).not.toContain('prodpw');
  });

  it.each([
    ['not a url', /Input 'DATABASE_URL'.*not a URL/],
    ['mysql://u:p@h/db', /Input 'DATABASE_URL': got "mysql:\/\/…"; expected a postgres/],
  ])('refuses %j naming the variable (and never echoing the value)', (bad, message) => {
    expect(() => rewriteDatabaseUrl(bad, grant)).toThrow(UserError);
    expect(() => rewriteDatabaseUrl(bad, grant)).toThrow(message);
  });
});

describe('parseDatabaseEnv', () => {
  it.each([
    ['', { url: 'DATABASE_URL' }],
    ['PG_URL', { url: 'PG_URL' }],
    [
      'name=DB_NAME,user=DB_USER,password=DB_PASSWORD',
      { split: { name: 'DB_NAME', user: 'DB_USER', password: 'DB_PASSWORD' } },
    ],
    [' password = PW , schema=DB_SCHEMA', { split: { password: 'PW', schema: 'DB_SCHEMA' } }],
  ])('%j', (value, expected) => {
    expect(parseDatabaseEnv(value)).toEqual(expected);
  });

  it.each([
    ['host=DB_HOST,password=PW', /keys: name, user, password, schema/],
    ['name=DB_NAME', /needs password=<VAR>/],
    ['password=PW,password=PW2', /'password' is given twice/],
    ['password=1BAD', /expected an env var name/],
    ['password=A=B', /expected an env var name/],
  ])('refuses %j', (value, message) => {
    expect(() => parseDatabaseEnv(value)).toThrow(message);
    expect(() => parseDatabaseEnv(value)).toThrow(/^Input 'database_env'/);
  });

  it('gives each split variable its part', () => {
    expect(
      splitEnvValues({ name: 'DB_NAME', user: 'DB_USER', password: 'DB_PASSWORD', schema: 'S' }, grant),
    ).toEqual({ DB_NAME: grant.database, DB_USER: grant.user, DB_PASSWORD: grant.password });
  });
});

describe('endpointOf', () => {
  it.each([
    ['postgres://u:p@db.example:6543/x', { host: 'db.example', port: 6543 }],
    ['postgres://u:p@127.0.0.1/x', { host: '127.0.0.1', port: 5432 }],
    ['postgres://u:p@[::1]:5/x', { host: '[::1]', port: 5 }],
  ])('%s', (url, expected) => expect(endpointOf(url)).toEqual(expected));
});
