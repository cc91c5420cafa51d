/**
 * Production data a preview would reach through the template it inherits (pure): data-store URLs, Cloud SQL
 * sockets and volumes, variables named as connections, and secrets. Each finding carries its value with every
 * credential cut out, so it can be printed, posted and stored as it is.
 */
import type { protos } from '@google-cloud/run';
import type { ApiTemplate } from './api-mapping.js';

type ApiContainer = protos.google.cloud.run.v2.IContainer;
type ApiEnvVar = protos.google.cloud.run.v2.IEnvVar;
type ApiVolume = protos.google.cloud.run.v2.IVolume;

export type ConnectionKind =
  | 'data-store URL'
  | 'Cloud SQL socket'
  | 'connection variable'
  | 'credential variable'
  | 'secret env var'
  | 'secret volume'
  | 'Cloud SQL volume';

export interface DataConnection {
  /** The env var or volume name. */
  name: string;
  kind: ConnectionKind;
  /** Where the preview would inherit it from (`production revision shop-7`, `env_vars input`...). */
  source: string;
  /** What it points at, credentials cut out (`postgres://app:***@10.0.0.5/shop`). */
  value: string;
  /** The container whose env holds it, for an env var of a template with several containers. */
  container?: string;
}

/** Where one env var or volume of the template came from; null: set for previews, so not inherited. */
export type SourceOf = (
  what: { kind: 'env'; container: string; name: string } | { kind: 'volume'; name: string },
) => string | null;

export interface Detection {
  /** Inherited connections the user did not declare shared: what `isolation` acts on. */
  findings: DataConnection[];
  /** Inherited connections named in `shared`: shared on purpose. */
  shared: DataConnection[];
}

/** Schemes of data stores and brokers: a URL with one of them is a connection to that store. */
const DATA_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'postgis',
  'cockroachdb',
  'mysql',
  'mysql2',
  'mariadb',
  'sqlserver',
  'mssql',
  'oracle',
  'redis',
  'rediss',
  'valkey',
  'memcached',
  'mongodb',
  'mongodb+srv',
  'amqp',
  'amqps',
  'kafka',
  'nats',
  'cassandra',
  'neo4j',
  'neo4j+s',
  'bolt',
  'couchbase',
  'couchbases',
  'clickhouse',
  'elasticsearch',
]);

/** Values that name local files or memory, never another system's data (`sqlite:///app.db`, `:memory:`). */
const LOCAL_VALUE = /^(sqlite3?:|file:|:memory:$|\.{0,2}\/(?!cloudsql\/))/i;

/**
 * Names apps read a data-store connection from. A name alone flags a value that is not a data-store URL
 * (`DB_HOST=10.0.0.5`), unless the value is local (`DATABASE_URL=sqlite:///app.db`).
 */
const CONNECTION_NAME = new RegExp(
  [
    '^(.*_)?DATABASE_(URL|URI|HOST|NAME)$',
    '^(.*_)?DB_(URL|URI|HOST|NAME|DSN|SOCKET|CONNECTION(_NAME)?)$',
    '^(.*_)?DSN$',
    '^PG(HOST|HOSTADDR|DATABASE|SERVICE)$',
    '^(.*_)?(POSTGRES|POSTGRESQL|MYSQL|MARIADB|REDIS|VALKEY|MEMCACHED?|MONGO|MONGODB|AMQP|RABBITMQ|KAFKA|NATS|CASSANDRA|ELASTICSEARCH|CLICKHOUSE|NEO4J)_(URL|URI|HOST|HOSTS|SERVER|SERVERS|ADDR|ADDRESS|BROKERS?|DSN|DATABASE|DB|SOCKET|CONNECTION|CONNECTION_STRING)$',
    '^(.*_)?(CLOUD_SQL|CLOUDSQL|INSTANCE)_CONNECTION_NAME$',
    '^(.*_)?CONNECTION_STRING$',
    '^(.*_)?CACHE_URL$',
    '^(.*_)?BROKER_URL$',
  ].join('|'),
  'i',
);

/** A data store's credential in a plain env var: its value is never shown. */
const CREDENTIAL_NAME =
  /^(PGPASSWORD|PGPASSFILE|(.*_)?(DB|DATABASE|PG|POSTGRES|POSTGRESQL|MYSQL|MARIADB|REDIS|VALKEY|MONGO|MONGODB|AMQP|RABBITMQ|KAFKA|CASSANDRA|ELASTICSEARCH|CLICKHOUSE|NEO4J)_(PASSWORD|PASS|PASSWD|PWD|SECRET|TOKEN|AUTH|AUTH_TOKEN|KEY|API_KEY|CREDENTIALS?))$/i;

/** Query and DSN keys whose values are credentials. */
const SECRET_KEY =
  /^(password|passwd|pass|pwd|secret|token|auth|auth_token|authtoken|key|api_key|apikey|access_key|secret_key|sslkey|sslpassword|credentials?|sig|signature)$/i;

export const CUT = '***';

/**
 * The value with every credential cut out: a URL's password (the whole user part when it has no password,
 * as a token often stands there), credential query parameters and `key=value` pairs.
 */
export function withoutCredentials(value: string): string {
  let out = value;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:)+\/\//.exec(out);
  if (scheme !== null) {
    const rest = out.slice(scheme[0].length);
    // The authority ends at the first '/', '?' or '#' after the last '@' of the user part.
    const at = rest.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = rest.slice(0, at);
      const colon = userinfo.indexOf(':');
      const user = colon >= 0 ? `${userinfo.slice(0, colon)}:` : '';
      out = `${scheme[0]}${user}${CUT}${rest.slice(at)}`;
    }
  } else if (out.includes('@')) {
    // user:password@host without a scheme.
    out = `${CUT}${out.slice(out.lastIndexOf('@'))}`;
  }
  // ?password=x&sslkey=y and DSN pairs (host=h password=x), quoted or not.
  out = out.replace(
    /([?&;\s]|^)([A-Za-z_]+)(\s*=\s*)('[^']*'|"[^"]*"|[^&;\s]*)/g,
    (whole, lead: string, key: string, eq: string) =>
      SECRET_KEY.test(key) ? `${lead}${key}${eq}${CUT}` : whole,
  );
  return out;
}

function schemeOf(value: string): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value.trim());
  const jdbc = /^jdbc:([A-Za-z][A-Za-z0-9+.-]*):/i.exec(value.trim());
  return (jdbc?.[1] ?? m?.[1])?.toLowerCase();
}

const CLOUD_SQL_SOCKET = /(^|[\s=;:])\/cloudsql\/[^\s/;]+/;

/** What one plain env var is, as a connection to data; undefined when it is not one. */
export function classifyEnv(name: string, value: string): ConnectionKind | undefined {
  const v = value.trim();
  if (CREDENTIAL_NAME.test(name) && v !== '') return 'credential variable';
  if (v === '') return undefined;
  const scheme = schemeOf(v);
  if (scheme !== undefined && DATA_SCHEMES.has(scheme)) return 'data-store URL';
  if (CLOUD_SQL_SOCKET.test(v)) return 'Cloud SQL socket';
  if (LOCAL_VALUE.test(v)) return undefined;
  if (CONNECTION_NAME.test(name)) return 'connection variable';
  return undefined;
}

function envFinding(c: ApiContainer, e: ApiEnvVar): Omit<DataConnection, 'source'> | undefined {
  const name = e.name ?? '';
  const ref = e.valueSource?.secretKeyRef;
  if (ref != null) {
    return { name, kind: 'secret env var', value: `secret ${ref.secret ?? ''}:${ref.version || 'latest'}` };
  }
  const kind = classifyEnv(name, e.value ?? '');
  if (kind === undefined) return undefined;
  const value = kind === 'credential variable' ? CUT : withoutCredentials(e.value ?? '');
  return { name, kind, value, ...(c.name ? { container: c.name } : {}) };
}

function volumeFinding(v: ApiVolume): Omit<DataConnection, 'source'> | undefined {
  const name = v.name ?? '';
  if (v.cloudSqlInstance != null) {
    return { name, kind: 'Cloud SQL volume', value: (v.cloudSqlInstance.instances ?? []).join(', ') };
  }
  if (v.secret != null) return { name, kind: 'secret volume', value: `secret ${v.secret.secret ?? ''}` };
  return undefined;
}

/**
 * Every connection to data the template carries that it inherits (sourceOf says from where; null skips what
 * was set for previews), split into findings and what `shared` names. Volumes nothing mounts are skipped.
 */
export function detectDataConnections(
  template: ApiTemplate,
  sourceOf: SourceOf,
  opts: {
    /** Names shared on purpose (`shared`). */
    shared?: readonly string[];
    /**
     * The preview runs as its own service account: a Cloud SQL volume then connects as that identity, which
     * reaches production's instance only where it is granted, and its database only with credentials
     * (themselves findings when inherited).
     */
    ownIdentity?: boolean;
  } = {},
): Detection {
  const shared = opts.shared ?? [];
  const out: Detection = { findings: [], shared: [] };
  const add = (f: Omit<DataConnection, 'source'>, source: string): void => {
    const finding: DataConnection = { ...f, source };
    if (shared.includes(f.name)) out.shared.push(finding);
    else out.findings.push(finding);
  };
  const containers = template.containers ?? [];
  const mounted = new Set(containers.flatMap((c) => (c.volumeMounts ?? []).map((m) => m.name ?? '')));
  for (const c of containers) {
    for (const e of c.env ?? []) {
      const f = envFinding(c, e);
      if (f === undefined) continue;
      const source = sourceOf({ kind: 'env', container: c.name ?? '', name: f.name });
      if (source !== null) add(containers.length > 1 ? f : { ...f, container: undefined }, source);
    }
  }
  for (const v of template.volumes ?? []) {
    const f = volumeFinding(v);
    if (f === undefined || !mounted.has(f.name)) continue;
    if (f.kind === 'Cloud SQL volume' && opts.ownIdentity === true) continue;
    const source = sourceOf({ kind: 'volume', name: f.name });
    if (source !== null) add(f, source);
  }
  for (const list of [out.findings, out.shared]) {
    for (const f of list) if (f.container === undefined) delete f.container;
  }
  return out;
}

/** One line per finding: `DATABASE_URL (data-store URL, from production revision shop-1): postgres://app:***@db/shop`. */
export function describeConnection(f: DataConnection): string {
  const where = f.container === undefined ? '' : ` in container ${f.container}`;
  return `${f.name} (${f.kind}${where}, from ${f.source}): ${f.value}`;
}

/** How to stop sharing it: a preview value, or `shared` when sharing is meant. */
export function fixFor(f: DataConnection): string {
  switch (f.kind) {
    case 'secret env var':
      return `give previews their own secret with preview_secrets: ${f.name}=PREVIEW_SECRET, or list ${f.name} in shared`;
    case 'secret volume':
      return `mount a preview secret at the same path with preview_secrets: /path/file=PREVIEW_SECRET, or list ${f.name} in shared`;
    case 'Cloud SQL volume':
      return `run previews as their own identity with preview_service_account (the volume connects as the revision's service account; grant it roles/cloudsql.client only on a preview instance), or list ${f.name} in shared`;
    default:
      return `point previews elsewhere with preview_env_vars: ${f.name}=PREVIEW_VALUE, or list ${f.name} in shared`;
  }
}
