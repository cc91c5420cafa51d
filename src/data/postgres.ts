/**
 * Per-PR PostgreSQL: a database (optionally copied from a template) or a schema in the app's database, and a
 * login role that reaches only that, with a generated password. Everything made carries this PR's marker as
 * its COMMENT, and nothing is dropped without it (the template never is).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { UserError, errorMessage } from '../config/user-error.js';
import {
  endpointOf,
  parseDatabaseEnv,
  rewriteDatabaseUrl,
  splitEnvValues,
  type DatabaseGrant,
} from './connection.js';
import { ownershipMarker, parseMarker, perPrName } from './naming.js';
import type { DropReport, PerPrData, WiredEnv } from './per-pr-data.js';

export interface PostgresDataOptions {
  /** `database_url`: an admin connection to the shared server (a secret). */
  adminUrl: string;
  service: string;
  pr: number;
  isolation: 'database' | 'schema';
  /** `database_template`: the database each PR's database is copied from (database isolation only). */
  template?: string;
  /** Schema isolation: the app's database (default: the admin URL's database). */
  appDatabase?: string;
  /** `database_env` as given ('' = rewrite DATABASE_URL). */
  databaseEnv?: string;
  /** Production's connection URL the app inherits; its host and options are kept. Default: the admin URL's. */
  productionUrl?: string;
  /** `database_reset`: drop and copy again from the template. */
  reset?: boolean;
  /**
   * Keep an existing role's password (its connection is already stored, and running revisions use it): the
   * password is only set when the role is made. Without it, every run sets a fresh one.
   */
  keepPassword?: boolean;
  connectTimeoutMs?: number;
}

/** What `create` made or kept. */
export interface PostgresMade extends DatabaseGrant {
  /** True when the database or schema was new (a seed should run once). */
  created: boolean;
  /** False when an existing role kept its password (`password` is then empty: the stored one still holds). */
  passwordSet: boolean;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** Connects as admin, or fails with one line naming the input, host and port, and the server's error. */
async function connect(url: string, timeoutMs: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined); // a dropped connection surfaces on the next query instead
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    let where = 'the server';
    try {
      const { host, port } = endpointOf(url);
      where = `${host}:${port}`;
    } catch {
      // an unparsable URL: pg's own message says so
    }
    throw new UserError(
      `Input 'database_url': cannot reach PostgreSQL at ${where}: ${errorMessage(err).replace(/\s+/g, ' ')}`,
      'database_url',
    );
  }
}

/** Checks, before anything is built, that `database_url` answers (one clear line when it does not). */
export async function checkReachable(adminUrl: string, timeoutMs = 10_000): Promise<void> {
  const c = await connect(adminUrl, timeoutMs);
  await c.end();
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, as libpq's
 * PQencryptPasswordConn makes it): `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. Given as the
 * password, the server stores it as it is. The password must be ASCII (SASLprep leaves it unchanged).
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

export class PostgresData implements PerPrData<PostgresMade> {
  readonly name: string;
  private readonly marker: string;
  private readonly timeout: number;

  constructor(private readonly opts: PostgresDataOptions) {
    this.name = perPrName(opts.service, opts.pr);
    this.marker = ownershipMarker(opts.service, opts.pr);
    this.timeout = opts.connectTimeoutMs ?? 10_000;
    if (opts.template && opts.isolation === 'schema')
      throw UserError.forInput(
        'database_template',
        opts.template,
        "a template database applies to database_isolation 'database' only",
      );
    if (opts.template === this.name)
      throw UserError.forInput('database_template', opts.template, 'it is the name of a per-PR database');
  }

  private get appDatabase(): string {
    return this.opts.appDatabase ?? databaseOf(this.opts.adminUrl);
  }

  private async admin<T>(database: string | undefined, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const url = database ? withDatabase(this.opts.adminUrl, database) : this.opts.adminUrl;
    const c = await connect(url, this.timeout);
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  async create(): Promise<PostgresMade> {
    if (this.opts.reset) await this.dropOrRefuse();
    const fresh = newPassword();
    let passwordSet = false;
    const created = await this.admin(undefined, async (c) => {
      passwordSet = await this.ensureRole(c, fresh);
      return this.opts.isolation === 'database' ? this.ensureDatabase(c) : false;
    });
    const password = passwordSet ? fresh : '';
    if (this.opts.isolation === 'schema') {
      const schemaCreated = await this.admin(this.appDatabase, (c) => this.ensureSchema(c));
      return {
        database: this.appDatabase,
        schema: this.name,
        user: this.name,
        password,
        created: schemaCreated,
        passwordSet,
      };
    }
    if (created && this.opts.template) await this.admin(this.name, (c) => this.takeOverCopy(c));
    return { database: this.name, user: this.name, password, created, passwordSet };
  }

  wire(made: PostgresMade): WiredEnv {
    const how = parseDatabaseEnv(this.opts.databaseEnv ?? '');
    if ('url' in how) {
      const base = this.opts.productionUrl ?? this.opts.adminUrl;
      return { [how.url]: { value: rewriteDatabaseUrl(base, made, how.url), secret: true } };
    }
    const values = splitEnvValues(how.split, made);
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { value: v, secret: k === how.split.password }]),
    );
  }

  async drop(): Promise<DropReport> {
    const report: DropReport = { dropped: [], kept: [] };
    if (this.opts.isolation === 'database') {
      await this.admin(undefined, async (c) => {
        const why = await this.refusal(c, 'database');
        if (why) report.kept.push({ name: `database ${this.name}`, reason: why });
        else if (why === undefined) {
          // Sessions of the preview would block the DROP; they belong to this PR's role alone.
          await c.query('DROP DATABASE IF EXISTS ' + c.escapeIdentifier(this.name) + ' WITH (FORCE)');
          report.dropped.push(`database ${this.name}`);
        }
      });
    } else {
      await this.admin(this.appDatabase, async (c) => {
        const why = await this.refusal(c, 'schema');
        if (why) report.kept.push({ name: `schema ${this.name}`, reason: why });
        else if (why === undefined) {
          await c.query(`DROP SCHEMA ${c.escapeIdentifier(this.name)} CASCADE`);
          report.dropped.push(`schema ${this.name}`);
        }
        // Privileges the role holds in the app's database would block DROP ROLE.
        if ((await this.refusal(c, 'role')) === undefined)
          await c.query(`DROP OWNED BY ${c.escapeIdentifier(this.name)}`);
      });
    }
    await this.admin(undefined, async (c) => {
      const why = await this.refusal(c, 'role');
      if (why) report.kept.push({ name: `role ${this.name}`, reason: why });
      else if (why === undefined) {
        try {
          await c.query(`DROP ROLE ${c.escapeIdentifier(this.name)}`);
          report.dropped.push(`role ${this.name}`);
        } catch (err) {
          // It still owns something elsewhere (say, a database of the other isolation): kept, and said why.
          if ((err as { code?: string }).code !== '2BP01') throw err;
          const detail = (err as { detail?: string }).detail ?? '';
          report.kept.push({ name: `role ${this.name}`, reason: `${errorMessage(err)} ${detail}`.trim() });
        }
      }
    });
    return report;
  }

  /** `reset`: drops what is marked, and refuses (rather than copying over) what is not. */
  private async dropOrRefuse(): Promise<void> {
    const report = await this.drop();
    const kept = report.kept[0];
    if (kept) throw new Error(`database_reset: ${kept.name} was not dropped: ${kept.reason}`);
  }

  /**
   * Why `name` must not be dropped (a sentence), '' when it does not exist, or undefined when it is this PR's
   * own. Never the template; never anything whose COMMENT is not exactly this PR's marker.
   */
  private async refusal(c: pg.Client, kind: 'database' | 'schema' | 'role'): Promise<string | undefined> {
    if (kind === 'database' && this.name === this.opts.template) return 'it is the template';
    const sql = {
      database: `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
      schema: `SELECT obj_description(oid, 'pg_namespace') AS marker FROM pg_namespace WHERE nspname = $1`,
      role: `SELECT shobj_description(oid, 'pg_authid') AS marker FROM pg_roles WHERE rolname = $1`,
    }[kind];
    const { rows } = await c.query<{ marker: string | null }>(sql, [this.name]);
    if (rows.length === 0) return '';
    const marker = rows[0]?.marker ?? null;
    if (marker === this.marker) return undefined;
    return marker === null
      ? `it exists without the gcp-deploy marker, so the action did not make it`
      : `its marker ${JSON.stringify(marker)} is not this PR's`;
  }

  /** Makes the role when missing; sets `password` on a new role, or on every run without keepPassword. */
  private async ensureRole(c: pg.Client, password: string): Promise<boolean> {
    const role = c.escapeIdentifier(this.name);
    const why = await this.refusal(c, 'role');
    if (why) throw new Error(`role ${this.name} ${why}; refusing to take it over`);
    if (why === '') {
      await c.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION`);
      await c.query(`COMMENT ON ROLE ${role} IS ${c.escapeLiteral(this.marker)}`);
    } else if (this.opts.keepPassword === true) return false;
    // The server gets the password's SCRAM verifier, never the password: a statement log
    // (log_statement = ddl) shows only that.
    await c.query(`ALTER ROLE ${role} WITH PASSWORD ${c.escapeLiteral(scramVerifier(password))}`);
    return true;
  }

  private async ensureDatabase(c: pg.Client): Promise<boolean> {
    const db = c.escapeIdentifier(this.name);
    const why = await this.refusal(c, 'database');
    if (why) throw new Error(`database ${this.name} ${why}; refusing to use it`);
    if (why === undefined) return false;
    const template = this.opts.template ? ` TEMPLATE ${c.escapeIdentifier(this.opts.template)}` : '';
    await c.query(`CREATE DATABASE ${db} OWNER ${c.escapeIdentifier(this.name)}${template}`);
    await c.query(`COMMENT ON DATABASE ${db} IS ${c.escapeLiteral(this.marker)}`);
    // Other PRs' roles (and everyone else but the owner and superusers) cannot connect.
    await c.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    return true;
  }

  /**
   * A copy keeps the template's owners: hands the copied schemas, tables, views and free-standing sequences to
   * the PR's role, so its migrations can alter them.
   */
  private async takeOverCopy(c: pg.Client): Promise<void> {
    const role = c.escapeIdentifier(this.name);
    const system = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`;
    const schemas = await c.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_namespace n WHERE ${system} AND n.nspname <> 'public'`,
    );
    for (const s of schemas.rows)
      await c.query(`ALTER SCHEMA ${c.escapeIdentifier(s.nspname)} OWNER TO ${role}`);
    const rels = await c.query<{ nspname: string; relname: string; relkind: string }>(
      `SELECT n.nspname, cl.relname, cl.relkind FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE ${system} AND cl.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
         AND NOT (cl.relkind = 'S' AND EXISTS (
           SELECT 1 FROM pg_depend d WHERE d.objid = cl.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))`,
    );
    const keyword: Record<string, string> = {
      r: 'TABLE',
      p: 'TABLE',
      v: 'VIEW',
      m: 'MATERIALIZED VIEW',
      f: 'FOREIGN TABLE',
      S: 'SEQUENCE',
    };
    for (const r of rels.rows) {
      const name = `${c.escapeIdentifier(r.nspname)}.${c.escapeIdentifier(r.relname)}`;
      await c.query(`ALTER ${keyword[r.relkind] ?? 'TABLE'} ${name} OWNER TO ${role}`);
    }
  }

  private async ensureSchema(c: pg.Client): Promise<boolean> {
    const schema = c.escapeIdentifier(this.name);
    const why = await this.refusal(c, 'schema');
    if (why) throw new Error(`schema ${this.name} ${why}; refusing to use it`);
    if (why === undefined) return false;
    await c.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${c.escapeIdentifier(this.name)}`);
    await c.query(`COMMENT ON SCHEMA ${schema} IS ${c.escapeLiteral(this.marker)}`);
    await c.query(`ALTER ROLE ${c.escapeIdentifier(this.name)} SET search_path = ${schema}`);
    return true;
  }
}

/** Every per-PR database and role on the server that carries the action's marker (for the stale sweep). */
export async function listMarked(
  adminUrl: string,
): Promise<{ kind: 'database' | 'role'; name: string; marker: string }[]> {
  const c = await connect(adminUrl, 10_000);
  try {
    const { rows } = await c.query<{ kind: 'database' | 'role'; name: string; marker: string }>(
      `SELECT 'database' AS kind, datname AS name, shobj_description(oid, 'pg_database') AS marker FROM pg_database
       UNION ALL SELECT 'role', rolname, shobj_description(oid, 'pg_authid') FROM pg_roles`,
    );
    // A marker counts only on the name it was made for (a copied or hand-edited comment does not).
    return rows.filter((r) => {
      const owner = typeof r.marker === 'string' ? parseMarker(r.marker) : undefined;
      return owner !== undefined && perPrName(owner.service, owner.pr) === r.name;
    });
  } finally {
    await c.end().catch(() => undefined);
  }
}
