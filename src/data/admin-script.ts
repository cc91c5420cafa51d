/**
 * The psql scripts a `database_admin_image` job runs to provision or drop one PR's database (or schema) and
 * role, and the result lines it prints. Pure: the action builds every statement here, with names checked and
 * quoted, so a job never runs SQL it did not write; tables test it without a server.
 *
 * The script reaches the job as a Secret Manager reference (it holds the new password's SCRAM verifier), as
 * does the admin URL; the job's command is the fixed wrapper below, which passes both to psql as data, never
 * as shell text. The job tells the action what it did in lines starting with RESULT_TAG, read back from the
 * task's log: the runner never connects to the server.
 */
import { escapeIdentifier, escapeLiteral } from 'pg';
import { IDENTIFIER } from './naming.js';

/** The env vars the job's container gets, each a secretKeyRef. */
export const ADMIN_URL_ENV = 'GCPD_ADMIN_URL';
export const ADMIN_SQL_ENV = 'GCPD_ADMIN_SQL';

/**
 * The job's command: a shell only to pipe one env var into psql's stdin and hand it the other as its
 * connection; neither value is ever parsed by the shell. -X ignores a ~/.psqlrc in the image.
 */
export const ADMIN_COMMAND = [
  'sh',
  '-c',
  `printf '%s\\n' "$${ADMIN_SQL_ENV}" | psql -X -q -v ON_ERROR_STOP=1 -d "$${ADMIN_URL_ENV}" -f -`,
];

/** What every result line starts with (psql's \echo, or a NOTICE from a DO block). */
export const RESULT_TAG = 'gcp-deploy-admin-result';

/** A template name as database_template allows it (letters, digits, _ and $). */
const TEMPLATE = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export interface ProvisionPlan {
  /** The PR's database (or schema) and role name: perPrName's output. */
  name: string;
  /** The COMMENT every object made carries (ownershipMarker). */
  marker: string;
  isolation: 'database' | 'schema';
  template?: string;
  /** database_reset: drop what is marked first (refusing, as an error, what is not). */
  reset: boolean;
  /** The SCRAM verifier of a fresh password (scramVerifier), set on a new role, or on every run unless keep. */
  verifier: string;
  /** Keep an existing role's password (its connection is stored and running revisions use it). */
  keepPassword: boolean;
}

/** Throws unless `name` is a per-PR name, `marker` has no quote-breaking text and the template is a name. */
function checkNames(name: string, marker: string, template?: string): void {
  if (!IDENTIFIER.test(name) || Buffer.byteLength(name) > 63)
    throw new Error(`not a per-PR identifier: ${JSON.stringify(name)}`);
  // Markers go into dollar-quoted DO bodies as literals; a marker holding the tag would end the body.
  if (marker.includes('$gcpd$') || /[\0\n\r]/.test(marker))
    throw new Error(`not a usable marker: ${JSON.stringify(marker)}`);
  if (template !== undefined && !TEMPLATE.test(template))
    throw new Error(`not a database name: ${JSON.stringify(template)}`);
  if (template === name) throw new Error('the template is the per-PR database itself');
}

/** psql's settings: stop on the first error, and errors without the statement text (it may hold a verifier). */
const PREAMBLE = ['\\set ON_ERROR_STOP on', '\\set VERBOSITY terse', '\\set QUIET on'];

const DESCRIPTION = {
  database: (n: string) =>
    `(SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ${escapeLiteral(n)})`,
  schema: (n: string) =>
    `(SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ${escapeLiteral(n)})`,
  role: (n: string) =>
    `(SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = ${escapeLiteral(n)})`,
};
const EXISTS = {
  database: (n: string) => `EXISTS (SELECT 1 FROM pg_database WHERE datname = ${escapeLiteral(n)})`,
  schema: (n: string) => `EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${escapeLiteral(n)})`,
  role: (n: string) => `EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${escapeLiteral(n)})`,
};

/** Fails the script (psql exits 3) when `kind` exists without exactly this PR's marker. */
function refuseUnmarked(kind: 'database' | 'schema' | 'role', name: string, marker: string): string {
  const what = `${kind} ${name}`;
  return [
    'DO $gcpd$ BEGIN',
    `  IF ${EXISTS[kind](name)} AND ${DESCRIPTION[kind](name)} IS DISTINCT FROM ${escapeLiteral(marker)} THEN`,
    `    RAISE EXCEPTION '%', ${escapeLiteral(`${what} exists without this PR's gcp-deploy marker; refusing to use it`)};`,
    '  END IF;',
    'END $gcpd$;',
  ].join('\n');
}

/**
 * The provisioning script: refuses anything of this name not marked as this PR's, then makes (or keeps) the
 * role, sets its password, makes the database (copied from the template, handed to the role) or schema, and
 * prints `created=<t|f> password_set=<t|f>`.
 */
export function provisionScript(plan: ProvisionPlan): string {
  checkNames(plan.name, plan.marker, plan.template);
  if (plan.template !== undefined && plan.isolation === 'schema')
    throw new Error('a template applies to database isolation only');
  if (!/^SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/.test(plan.verifier))
    throw new Error('not a SCRAM-SHA-256 verifier');
  const n = plan.name;
  const id = escapeIdentifier(n);
  const marker = escapeLiteral(plan.marker);
  const lines: string[] = [...PREAMBLE];
  if (plan.reset) lines.push(...dropStatements(n, plan.marker, plan.isolation, 'refuse'));
  lines.push(refuseUnmarked('role', n, plan.marker), refuseUnmarked(plan.isolation, n, plan.marker));
  const setPassword = `ALTER ROLE ${id} WITH PASSWORD ${escapeLiteral(plan.verifier)};`;
  lines.push(
    `SELECT NOT ${EXISTS.role(n)} AS gcpd_role_new \\gset`,
    '\\if :gcpd_role_new',
    `CREATE ROLE ${id} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;`,
    `COMMENT ON ROLE ${id} IS ${marker};`,
    setPassword,
    '\\set gcpd_password_set t',
    '\\else',
    ...(plan.keepPassword ? ['\\set gcpd_password_set f'] : [setPassword, '\\set gcpd_password_set t']),
    '\\endif',
  );
  if (plan.isolation === 'schema') {
    lines.push(
      `SELECT NOT ${EXISTS.schema(n)} AS gcpd_created \\gset`,
      '\\if :gcpd_created',
      `CREATE SCHEMA ${id} AUTHORIZATION ${id};`,
      `COMMENT ON SCHEMA ${id} IS ${marker};`,
      // The role's own search_path, in the database the schema lives in (the admin URL's).
      `ALTER ROLE ${id} SET search_path = ${id};`,
      '\\endif',
    );
  } else {
    const template = plan.template === undefined ? '' : ` TEMPLATE ${escapeIdentifier(plan.template)}`;
    lines.push(
      `SELECT NOT ${EXISTS.database(n)} AS gcpd_created \\gset`,
      '\\if :gcpd_created',
      `CREATE DATABASE ${id} OWNER ${id}${template};`,
      `COMMENT ON DATABASE ${id} IS ${marker};`,
      `REVOKE ALL ON DATABASE ${id} FROM PUBLIC;`,
      ...(plan.template === undefined ? [] : [`\\connect ${id}`, TAKE_OVER(id)]),
      '\\endif',
    );
  }
  lines.push(`\\echo ${RESULT_TAG} created=:gcpd_created password_set=:gcpd_password_set`);
  return `${lines.join('\n')}\n`;
}

/**
 * A copy keeps the template's owners: the copied schemas, tables, views and free-standing sequences are
 * handed to the PR's role (as PostgresData.takeOverCopy does over a connection), so migrations can alter them.
 */
const TAKE_OVER = (role: string): string =>
  [
    'DO $gcpd$ DECLARE r record; BEGIN',
    "  FOR r IN SELECT n.nspname FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'public') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp%' LOOP",
    `    EXECUTE format('ALTER SCHEMA %I OWNER TO %s', r.nspname, ${escapeLiteral(role)});`,
    '  END LOOP;',
    "  FOR r IN SELECT n.nspname, cl.relname, CASE cl.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kw",
    '    FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace',
    "    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp%'",
    "      AND cl.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')",
    "      AND NOT (cl.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = cl.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))",
    '  LOOP',
    `    EXECUTE format('ALTER %s %I.%I OWNER TO %s', r.kw, r.nspname, r.relname, ${escapeLiteral(role)});`,
    '  END LOOP;',
    'END $gcpd$;',
  ].join('\n');

/**
 * Statements dropping this PR's database or schema and its role, each only when it carries exactly this PR's
 * marker. `report` prints dropped=/kept= lines (cleanup); `refuse` fails instead of keeping (database_reset).
 */
function dropStatements(
  n: string,
  marker: string,
  isolation: 'database' | 'schema',
  mode: 'report' | 'refuse',
): string[] {
  const id = escapeIdentifier(n);
  const ours = (kind: 'database' | 'schema' | 'role'): string =>
    `SELECT coalesce(${DESCRIPTION[kind](n)} = ${escapeLiteral(marker)}, false) AS gcpd_ours, ${EXISTS[kind](n)} AS gcpd_exists \\gset`;
  const kept = (kind: string): string[] =>
    mode === 'refuse'
      ? [refuseUnmarked(kind as 'database', n, marker)]
      : [`\\echo ${RESULT_TAG} kept=${kind}`];
  const lines: string[] = [];
  if (isolation === 'database') {
    lines.push(
      ours('database'),
      '\\if :gcpd_ours',
      // Sessions of the preview would block the DROP; they belong to this PR's role alone.
      `DROP DATABASE IF EXISTS ${id} WITH (FORCE);`,
      ...(mode === 'report' ? [`\\echo ${RESULT_TAG} dropped=database`] : []),
      '\\elif :gcpd_exists',
      ...kept('database'),
      '\\endif',
    );
  } else {
    lines.push(
      ours('schema'),
      '\\if :gcpd_ours',
      `DROP SCHEMA ${id} CASCADE;`,
      ...(mode === 'report' ? [`\\echo ${RESULT_TAG} dropped=schema`] : []),
      '\\elif :gcpd_exists',
      ...kept('schema'),
      '\\endif',
    );
  }
  lines.push(
    ours('role'),
    '\\if :gcpd_ours',
    // Privileges it holds in this database would block DROP ROLE; what it owns elsewhere keeps it (said why).
    `DROP OWNED BY ${id};`,
    ...(mode === 'refuse'
      ? // database_reset: a role that cannot go fails the reset, as PostgresData's does.
        [`DROP ROLE ${id};`]
      : [
          'DO $gcpd$ BEGIN',
          `  EXECUTE format('DROP ROLE %I', ${escapeLiteral(n)});`,
          `  RAISE NOTICE '% dropped=role', ${escapeLiteral(RESULT_TAG)};`,
          'EXCEPTION WHEN dependent_objects_still_exist THEN',
          `  RAISE NOTICE '% kept=role %', ${escapeLiteral(RESULT_TAG)}, replace(SQLERRM, E'\\n', ' ');`,
          'END $gcpd$;',
        ]),
    '\\elif :gcpd_exists',
    ...kept('role'),
    '\\endif',
  );
  return lines;
}

/** The cleanup script: drops what carries this PR's marker, prints dropped=/kept= lines for each kind. */
export function dropScript(plan: {
  name: string;
  marker: string;
  isolation: 'database' | 'schema';
  template?: string;
}): string {
  checkNames(plan.name, plan.marker, plan.template);
  return `${[...PREAMBLE, ...dropStatements(plan.name, plan.marker, plan.isolation, 'report'), `\\echo ${RESULT_TAG} finished=drop`].join('\n')}\n`;
}

/** The result lines of a job's log as key=value pairs (the rest of a line after the value is its detail). */
export function parseResults(log: string): { key: string; value: string; detail: string }[] {
  const out: { key: string; value: string; detail: string }[] = [];
  for (const line of log.split('\n')) {
    const at = line.indexOf(`${RESULT_TAG} `);
    if (at < 0) continue;
    for (const m of line.slice(at + RESULT_TAG.length + 1).matchAll(/(\w+)=(\S+)((?:\s+(?!\w+=)\S+)*)/g))
      out.push({ key: m[1] ?? '', value: m[2] ?? '', detail: (m[3] ?? '').trim() });
  }
  return out;
}

/** What a provisioning job reported, or undefined when its log has no result line (yet). */
export function provisionResult(log: string): { created: boolean; passwordSet: boolean } | undefined {
  const r = parseResults(log);
  const created = r.find((x) => x.key === 'created')?.value;
  const password = r.find((x) => x.key === 'password_set')?.value;
  if (created === undefined || password === undefined) return undefined;
  return { created: created === 't', passwordSet: password === 't' };
}
