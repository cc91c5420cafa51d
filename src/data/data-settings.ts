/**
 * The per-PR data inputs (database_url, database_template, database_isolation, database_env, database_reset,
 * database_from, database_admin_image, database_admin_service_account, migrate_command, seed_command, cache_url,
 * cache_env), parsed once into
 * one shape. Pure: no connection is made here (preview-data.ts checks that the servers answer). The URLs are
 * secrets: no message built here ever quotes them.
 */
import { UserError } from '../config/user-error.js';
import { commandLine, parseBoolean, parseEnum } from '../config/parsers.js';
import { parseDatabaseEnv } from './connection.js';
import { parseImageReference } from '../shared/image-ref.js';

/** Every input of this module, in the order action.yml lists them. */
export const DATA_INPUTS = [
  'database_url',
  'database_template',
  'database_isolation',
  'database_env',
  'database_reset',
  'database_from',
  'database_admin_image',
  'database_admin_service_account',
  'migrate_command',
  'seed_command',
  'cache_url',
  'cache_env',
] as const;

/** What cleanup needs to find and drop a PR's data (a subset of DATA_INPUTS). */
export const DATA_CLEANUP_INPUTS = [
  'database_url',
  'database_template',
  'database_isolation',
  'database_from',
  'database_admin_image',
  'database_admin_service_account',
  'cache_url',
] as const;

export const DATABASE_ISOLATION = ['database', 'schema'] as const;

export interface DatabaseSettings {
  /** `database_url`: an admin connection to the shared PostgreSQL server (a secret). */
  adminUrl?: string;
  template?: string;
  isolation: (typeof DATABASE_ISOLATION)[number];
  /** `database_env` as given: '' rewrites DATABASE_URL. */
  env: string;
  reset: boolean;
  /** `database_from`: another service of the environment whose per-PR database this one uses. */
  from?: string;
  /**
   * `database_admin_image`: an image holding sh and psql; provisioning and drops then run as a Cloud Run job in
   * the service's network (admin-job.ts), and the runner never connects to the server.
   */
  adminImage?: string;
  /**
   * `database_admin_service_account`: the identity the admin job runs as, and the only one granted its secrets.
   * Unset, the job runs as the preview's identity, which PR code also runs as.
   */
  adminServiceAccount?: string;
  /** `migrate_command` / `seed_command`: the container's command, split into words. */
  migrate?: string[];
  seed?: string[];
}

export interface CacheSettings {
  /** `cache_url`: a Redis admin connection (a secret). */
  url: string;
  env: string;
}

/** Per-PR data, when any of it is asked for. */
export interface DataSettings {
  database?: DatabaseSettings;
  cache?: CacheSettings;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
const SERVICE = /^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A connection URL's scheme checked without ever quoting the URL (it holds a password). */
function requireScheme(input: string, url: string, schemes: string[], example: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol.replace(/:$/, '');
  } catch {
    throw UserError.forInput(input, '(hidden: a secret)', `allowed: a URL such as ${example}`);
  }
  if (!schemes.includes(protocol))
    throw UserError.forInput(input, `${protocol}://…`, `allowed: a URL such as ${example}`);
}

/**
 * The data settings from the inputs, or undefined when none is given. Every rule that can be checked without
 * a server is checked here, so bad input fails before anything is built.
 */
export function parseDataSettings(read: (name: string) => string): DataSettings | undefined {
  const get = (n: string): string => read(n).trim();
  const opt = (n: string): string | undefined => get(n) || undefined;
  const out: DataSettings = {};

  const adminUrl = opt('database_url');
  const from = opt('database_from');
  // The action's defaults (database_isolation: database, database_reset: false) count as not given.
  const given = (n: string): boolean =>
    opt(n) !== undefined &&
    !(n === 'database_isolation' && get(n) === 'database') &&
    !(n === 'database_reset' && get(n) === 'false') &&
    !(n === 'cache_env' && get(n) === 'REDIS_PREFIX');
  const dbInputs = ['database_template', 'database_isolation', 'database_env', 'database_reset'];
  const commands = ['migrate_command', 'seed_command'];
  if (adminUrl !== undefined || from !== undefined) {
    if (adminUrl !== undefined)
      requireScheme(
        'database_url',
        adminUrl,
        ['postgres', 'postgresql'],
        'postgres://admin:PASSWORD@127.0.0.1:5432/postgres',
      );
    if (from !== undefined && !SERVICE.test(from))
      throw UserError.forInput(
        'database_from',
        from,
        'allowed: the name of another service of the environment',
      );
    const template = opt('database_template');
    if (template !== undefined && !IDENT.test(template))
      throw UserError.forInput(
        'database_template',
        template,
        'allowed: a database name (letters, digits, _ and $)',
      );
    const isolation = parseEnum(
      'database_isolation',
      get('database_isolation') || 'database',
      DATABASE_ISOLATION,
    );
    if (template !== undefined && isolation === 'schema')
      throw UserError.forInput(
        'database_template',
        template,
        "allowed only with database_isolation 'database'",
      );
    const env = get('database_env');
    parseDatabaseEnv(env);
    const migrate = opt('migrate_command');
    const seed = opt('seed_command');
    const adminImage = opt('database_admin_image');
    // Without database_url the stray-input rule below refuses it; a database_from reader ignores it, as it
    // does database_url (both may be given to every service of an environment at once).
    if (adminImage !== undefined && parseImageReference(adminImage) === null)
      throw UserError.forInput(
        'database_admin_image',
        adminImage,
        'allowed: an image reference such as REGION-docker.pkg.dev/PROJECT/REPO/psql:16',
      );
    // The table's row checked its form; it only means something for the job.
    const adminAccount = opt('database_admin_service_account');
    if (adminAccount !== undefined && adminImage === undefined)
      throw UserError.forInput(
        'database_admin_service_account',
        adminAccount,
        'allowed only with database_admin_image (it is the identity the admin job runs as)',
      );
    if (from !== undefined) {
      // The owner provisions, migrates and seeds; this service only reads the connection.
      const own = [...commands, 'database_template', 'database_reset'].find(given);
      if (own !== undefined)
        throw UserError.forInput(
          own,
          get(own),
          `the service named in database_from (${from}) runs this; remove it here`,
        );
    }
    out.database = {
      // With database_from, an admin URL given to every service (the step's) is the owner's to use.
      ...(adminUrl !== undefined && from === undefined ? { adminUrl } : {}),
      ...(template !== undefined ? { template } : {}),
      isolation,
      env,
      reset:
        opt('database_reset') === undefined ? false : parseBoolean('database_reset', get('database_reset')),
      ...(from !== undefined ? { from } : {}),
      ...(adminImage !== undefined && from === undefined ? { adminImage } : {}),
      ...(adminAccount !== undefined && from === undefined ? { adminServiceAccount: adminAccount } : {}),
      ...(migrate !== undefined ? { migrate: commandLine('migrate_command', migrate) } : {}),
      ...(seed !== undefined ? { seed: commandLine('seed_command', seed) } : {}),
    };
  } else {
    const stray = [...dbInputs, ...commands, 'database_admin_image', 'database_admin_service_account'].find(
      given,
    );
    if (stray !== undefined)
      throw UserError.forInput(
        stray,
        get(stray),
        stray === 'database_admin_image' || stray === 'database_admin_service_account'
          ? 'allowed only with database_url (the admin connection the job connects with)'
          : 'allowed only with database_url (or database_from in an environment)',
      );
  }

  const cacheUrl = opt('cache_url');
  if (cacheUrl !== undefined) {
    requireScheme('cache_url', cacheUrl, ['redis', 'rediss'], 'redis://:PASSWORD@127.0.0.1:6379/0');
    const env = get('cache_env') || 'REDIS_PREFIX';
    if (!ENV_NAME.test(env))
      throw UserError.forInput('cache_env', env, 'allowed: an env var name such as REDIS_PREFIX');
    out.cache = { url: cacheUrl, env };
  } else if (given('cache_env')) {
    throw UserError.forInput('cache_env', get('cache_env'), 'allowed only with cache_url');
  }
  return out.database === undefined && out.cache === undefined ? undefined : out;
}
