/**
 * How the preview app reaches its per-PR database: production's DATABASE_URL with this PR's database, user
 * and password (the host, port and options stay), or split variables. Pure, so tables test it.
 */
import { UserError } from '../config/user-error.js';

/** What a per-PR database grants the app. */
export interface DatabaseGrant {
  database: string;
  /** With schema isolation: the PR's schema, reached through the connection's search_path. */
  schema?: string;
  user: string;
  password: string;
}

/**
 * Production's connection URL rewritten for the PR: same scheme, host, port and query options; this PR's
 * database (or, with a schema, production's database and `options=-c search_path=<schema>`), user and
 * password. A URL that is not postgres:// or postgresql:// is refused naming `input`.
 */
export function rewriteDatabaseUrl(
  productionUrl: string,
  grant: DatabaseGrant,
  input = 'DATABASE_URL',
): string {
  // libpq accepts an empty host (the socket path then comes in `?host=`, as with Cloud SQL's /cloudsql/…);
  // WHATWG URLs do not, so a stand-in host is put in and taken out again.
  const emptyHost = /^postgres(ql)?:\/\/([^@/]*@)?\//.test(productionUrl);
  const parsable = emptyHost
    ? productionUrl.replace(/^([a-z]+:\/\/(?:[^@/]*@)?)\//, `$1${NO_HOST}/`)
    : productionUrl;
  let url: URL;
  try {
    url = new URL(parsable);
  } catch {
    throw UserError.forInput(
      input,
      '(a value that is not a URL)',
      'expected postgres://user:password@host:port/database',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw UserError.forInput(input, `${url.protocol}//…`, 'expected a postgres:// or postgresql:// URL');
  url.username = encodeURIComponent(grant.user);
  url.password = encodeURIComponent(grant.password);
  if (grant.schema) {
    // The app's database stays; the PR's schema comes first on its search_path.
    const options = url.searchParams.get('options');
    const searchPath = `-c search_path=${grant.schema}`;
    url.searchParams.set(
      'options',
      options ? `${options.replace(/-c\s*search_path=\S+/g, '').trim()} ${searchPath}`.trim() : searchPath,
    );
  } else {
    url.pathname = `/${encodeURIComponent(grant.database)}`;
  }
  const out = url.toString();
  return emptyHost ? out.replace(`@${NO_HOST}/`, '@/').replace(`//${NO_HOST}/`, '///') : out;
}

const NO_HOST = 'gcpd-no-host.invalid';

/** The split form of `database_env`: which variable gets which part. */
export interface SplitEnv {
  name?: string;
  user?: string;
  password?: string;
  schema?: string;
}

const SPLIT_KEYS = ['name', 'user', 'password', 'schema'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `database_env`: empty means rewrite DATABASE_URL; `VAR` alone rewrites that URL variable;
 * `name=DB_NAME,user=DB_USER,password=DB_PASSWORD` sets split variables.
 */
export function parseDatabaseEnv(
  value: string,
  input = 'database_env',
): { url: string } | { split: SplitEnv } {
  const v = value.trim();
  if (v === '') return { url: 'DATABASE_URL' };
  if (ENV_NAME.test(v)) return { url: v };
  const split: SplitEnv = {};
  for (const part of v.split(',')) {
    const [key, name, extra] = part.split('=').map((s) => s.trim());
    if (
      !SPLIT_KEYS.includes(key as (typeof SPLIT_KEYS)[number]) ||
      !name ||
      extra !== undefined ||
      !ENV_NAME.test(name)
    )
      throw UserError.forInput(
        input,
        value,
        'expected an env var name (the URL to rewrite) or pairs like name=DB_NAME,user=DB_USER,password=DB_PASSWORD (keys: name, user, password, schema)',
      );
    const k = key as keyof SplitEnv;
    if (split[k]) throw UserError.forInput(input, value, `'${k}' is given twice`);
    split[k] = name;
  }
  if (!split.password) throw UserError.forInput(input, value, 'the split form needs password=<VAR>');
  return { split };
}

/** The env a split `database_env` gives the app: each named variable with its part of the grant. */
export function splitEnvValues(split: SplitEnv, grant: DatabaseGrant): Record<string, string> {
  const out: Record<string, string> = {};
  if (split.name) out[split.name] = grant.database;
  if (split.user) out[split.user] = grant.user;
  if (split.password) out[split.password] = grant.password;
  if (split.schema && grant.schema) out[split.schema] = grant.schema;
  return out;
}

/** `host:port` of a connection URL, for messages (never the credentials). */
export function endpointOf(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  return { host: decodeURIComponent(url.hostname) || 'localhost', port: url.port ? Number(url.port) : 5432 };
}
