/**
 * Per-PR data in a preview's life: the revision's wiring (pure, known before anything is built), the check
 * that the servers answer (before the build), the provisioning and the migrate/seed jobs (after the build,
 * before the PR's tag moves), and the drop with the PR (cleanup, sweeps). The commands call these four
 * functions and nothing else of it.
 *
 *   wire:      DATABASE_URL (or the split variables' password) -> this PR's secret, by secretKeyRef;
 *              REDIS_PREFIX -> `<service>:pr-<n>:`
 *   provision: database or schema + role (postgres.ts) -> secret version -> migrate job -> seed job (new db)
 *   drop:      jobs, secret, database or schema, role, cache keys: each only when marked as this PR's
 */
import type { Config } from '../config/config.js';
import { UserError, errorMessage } from '../config/user-error.js';
import type { ApiTemplate } from '../cloudrun/api-mapping.js';
import { JobRunner, taskTemplateFrom } from '../cloudrun/job-client.js';
import { readTaskLog } from '../cloudrun/task-logs.js';
import { previewTemplate } from '../cloudrun/preview-profile.js';
import type { ServiceState } from '../cloudrun/run-port.js';
import { parseDatabaseEnv } from '../data/connection.js';
import type { DataSettings, DatabaseSettings } from '../data/data-settings.js';
import { dataJobId, dataLabels, databaseSecretId, perPrName } from '../data/naming.js';
import { PostgresData, checkReachable, type PostgresMade } from '../data/postgres.js';
import { AdminJobData, checkAdminNetwork } from '../data/admin-job.js';
import type { PerPrData } from '../data/per-pr-data.js';
import { RedisNamespace, cachePrefix } from '../data/redis.js';
import { SecretStore } from '../data/secret-store.js';
import { protectSecret, redact } from '../report/redaction.js';
import type { ServiceTools } from './service-tools.js';

type Log = ServiceTools['log'];

/** The service whose per-PR database a service uses: its own, or the one `database_from` names. */
function databaseOwner(config: Config): string {
  return config.data?.database?.from ?? config.service;
}

/**
 * The config a PR's preview runs with (pure): its connection comes from this PR's secret in place of
 * production's (`preview_secrets`), and the non-secret parts and the cache prefix are `preview_env_vars`.
 * Being preview values, they replace production's of the same name, which `isolation: strict` then accepts.
 */
export function withPreviewData(config: Config, pr: number): Config {
  const data = config.data;
  if (data === undefined) return config;
  const secrets = [...config.preview.secrets];
  const envVars = { ...config.preview.envVars };
  const db = data.database;
  if (db !== undefined) {
    const owner = databaseOwner(config);
    const secret = databaseSecretId(owner, pr);
    const how = parseDatabaseEnv(db.env);
    const name = perPrName(owner, pr);
    if ('url' in how) {
      secrets.push({ kind: 'env', env: how.url, secret, version: 'latest' });
    } else {
      const { split } = how;
      if (split.password) secrets.push({ kind: 'env', env: split.password, secret, version: 'latest' });
      if (split.user) envVars[split.user] = name;
      if (split.schema && db.isolation === 'schema') envVars[split.schema] = name;
      if (split.name) {
        // With a schema the app's database stays; only the admin URL names it.
        const adminDb = db.adminUrl === undefined ? undefined : databaseOfUrl(db.adminUrl);
        envVars[split.name] = db.isolation === 'schema' ? (adminDb ?? 'postgres') : name;
      }
    }
  }
  if (data.cache !== undefined) envVars[data.cache.env] = cachePrefix(config.service, pr);
  const names = new Set(secrets.flatMap((s) => (s.kind === 'env' ? [s.env] : [])));
  return {
    ...config,
    preview: {
      ...config.preview,
      // A name set both ways would be refused by Cloud Run; the secret wins.
      envVars: Object.fromEntries(Object.entries(envVars).filter(([k]) => !names.has(k))),
      secrets,
    },
  };
}

function databaseOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/**
 * Before anything is built: the admin connections answer (one line naming the input, host, port and the
 * server's error otherwise). Their values are masked from here on.
 */
export async function checkDataReachable(config: Config): Promise<void> {
  const data = config.data;
  if (data === undefined) return;
  protectDataSecrets(data);
  const db = data.database;
  if (db?.adminUrl !== undefined && db.adminImage !== undefined) {
    // database_admin_image: the runner never connects; the job needs a way into the VPC instead.
    await checkAdminNetwork(config.projectId, config.region, config.service, db.adminImage);
  } else if (db?.adminUrl !== undefined) await checkReachable(db.adminUrl);
  if (data.cache !== undefined)
    await new RedisNamespace({ cacheUrl: data.cache.url, service: config.service, pr: 1 }).create();
}

function protectDataSecrets(data: DataSettings): void {
  for (const url of [data.database?.adminUrl, data.cache?.url]) {
    if (url === undefined) continue;
    protectSecret(url);
    try {
      const password = decodeURIComponent(new URL(url).password);
      if (password.length >= 4) protectSecret(password);
    } catch {
      // not a URL: refused by the input's parser before this
    }
  }
}

/** The plain value production gives `name` (its host and options are the preview's), if it is a URL. */
function productionValue(base: ApiTemplate | undefined, name: string): string | undefined {
  for (const c of base?.containers ?? []) {
    const e = (c.env ?? []).find((x) => x.name === name && !x.valueSource && x.value);
    if (e?.value && /^postgres(ql)?:\/\//.test(e.value)) return e.value;
  }
  return undefined;
}

/** What the revision about to be deployed is made of, for the jobs made from it. */
export interface RevisionInputsForData {
  image: string;
  runEnv: Record<string, string>;
  runLabels: Record<string, string>;
}

/**
 * After the build and before the deploy: this PR's database (or schema) and role, the connection as the PR's
 * secret, then `migrate` and (for a new database) `seed` as Cloud Run jobs made from the preview template.
 * Returns why it failed (the preview then fails in its `migrate` phase with the tag where it was), or
 * undefined.
 */
export async function preparePreviewData(
  config: Config,
  pr: number,
  before: ServiceState | null,
  revision: RevisionInputsForData,
  ports: ServiceTools,
  notes: string[],
): Promise<string | undefined> {
  const db = config.data?.database;
  if (db === undefined) return undefined;
  const base = before === null ? null : await ports.cloudRun.baseTemplate(before);
  const template = previewTemplate(
    base?.template,
    { revisionName: '', deploy: config.deploy, ...revision },
    config.preview,
  );
  if (db.adminUrl === undefined) {
    // `database_from`: the owner provisions and migrates; this service's identity may read its connection.
    const reader = template.serviceAccount || undefined;
    if (db.from !== undefined && reader !== undefined) {
      const secrets = new SecretStore(config.projectId);
      try {
        await secrets.allow(databaseSecretId(db.from, pr), reader);
      } finally {
        await secrets.close();
      }
    }
    return undefined;
  }
  const secretId = databaseSecretId(config.service, pr);
  const labels = dataLabels(config.service, pr);
  const reader = template.serviceAccount || undefined;
  const secrets = new SecretStore(config.projectId);
  let made: PostgresMade;
  let pg: PerPrData<PostgresMade>;
  try {
    // The stored connection is kept while it holds: revisions already running (the last good one the tag
    // returns to on a failure) keep working. Only a new role (or database_reset) gets a new password.
    const stored = !db.reset && (await secrets.holdsValue(secretId, labels));
    pg = postgresFor(config, db, pr, base?.template, stored, {
      revision: template,
      log: ports.log,
      cancel: ports.cancel,
    });
    made = await pg.create();
    if (made.passwordSet) {
      protectSecret(made.password);
      const secretValue = Object.values(pg.wire(made)).find((w) => w.secret)?.value;
      if (secretValue === undefined)
        throw new Error('database_env wires no secret (no URL or password variable)');
      protectSecret(secretValue);
      await secrets.put(secretId, secretValue, labels, reader);
    } else if (reader !== undefined) await secrets.allow(secretId, reader);
    if (reader === undefined)
      ports.log.warning(
        `The preview runs as the default compute service account: it needs roles/secretmanager.secretAccessor on secret ${secretId} (or set preview_service_account, which the action grants it).`,
      );
  } finally {
    await secrets.close();
  }
  const where =
    made.schema === undefined ? `database ${made.database}` : `schema ${made.schema} in ${made.database}`;
  ports.log.info(`${made.created ? 'Created' : 'Kept'} ${where} and role ${made.user} for PR #${pr}`);
  notes.push(
    made.created
      ? `Per-PR data: ${where} was created${db.template ? ` from template ${db.template}` : ''}.`
      : `Per-PR data: ${where} was kept with its data.`,
  );
  const steps: ['migrate' | 'seed', string[]][] = [];
  if (db.migrate !== undefined) steps.push(['migrate', db.migrate]);
  if (db.seed !== undefined && made.created) steps.push(['seed', db.seed]);
  if (steps.length === 0) return undefined;
  const jobs = new JobRunner(config.projectId, config.region);
  try {
    for (const [kind, command] of steps) {
      const jobId = dataJobId(config.service, pr, kind);
      const name = await jobs.ensure(
        jobId,
        taskTemplateFrom(template, command, config.deploy.container),
        dataLabels(config.service, pr),
      );
      ports.log.info(`Running ${kind} as Cloud Run job ${jobId}: ${command.join(' ')}`);
      const run = await jobs.run(name, ports.cancel);
      if (run.ok) {
        notes.push(`Per-PR data: ${kind} ran as job ${jobId} (${run.execution.split('/').pop() ?? ''}).`);
        continue;
      }
      const excerpt =
        run.failedTask === undefined ? undefined : await taskLogExcerpt(run.failedTask, ports.log);
      if (made.created) {
        // Nothing was ever migrated into it: the next push creates it again, and seeds it.
        const dropped = await pg.drop();
        notes.push(`Per-PR data: the new ${where} was dropped again (${dropped.dropped.join(', ')}).`);
      } else notes.push(`Per-PR data: ${where} was kept as it was.`);
      return redact(
        [
          `${kind} failed (job ${jobId}, execution ${run.execution.split('/').pop() ?? ''}): ${run.message ?? 'no reason given'}`,
          ...(excerpt ? ['Task log (last lines):', excerpt] : []),
        ].join('\n'),
      );
    }
  } finally {
    await jobs.close();
  }
  return undefined;
}

/** A log line with the password of every URL (`scheme://user:PASSWORD@`) and `password=` pair cut out. */
export function withoutPasswords(line: string): string {
  return line
    .replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s@/]*)@/g, '$1$2:***@')
    .replace(/\b(password|passwd|pwd|secret|token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi, '$1$2***');
}

/** The failed task's last log lines, or why there are none (the run goes on either way). */
async function taskLogExcerpt(task: string, log: Log): Promise<string | undefined> {
  try {
    const text = await readTaskLog(task, 20);
    // A migration tool may print its connection: credentials are cut from every line, then known secrets.
    const cut = text.split('\n').map(withoutPasswords).join('\n');
    return cut === '' ? undefined : redact(cut);
  } catch (err) {
    log.warning(
      `No excerpt of ${task.split('/').pop() ?? task}'s log (roles/logging.viewer reads it): ${dataError(err)}`,
    );
    return undefined;
  }
}

function postgresFor(
  config: Config,
  db: DatabaseSettings,
  pr: number,
  base: ApiTemplate | undefined,
  keepPassword = false,
  job?: { revision?: ApiTemplate; log: Log; cancel?: AbortSignal },
): PerPrData<PostgresMade> {
  const how = parseDatabaseEnv(db.env);
  const production = 'url' in how ? productionValue(base, how.url) : undefined;
  // What the PR's database is, wherever the SQL runs: from the runner, or in the job below.
  const database = {
    adminUrl: db.adminUrl as string,
    service: config.service,
    pr,
    isolation: db.isolation,
    ...(db.template !== undefined ? { template: db.template } : {}),
    databaseEnv: db.env,
    ...(production !== undefined ? { productionUrl: production } : {}),
    reset: db.reset,
    keepPassword,
  };
  if (db.adminImage === undefined || job === undefined) return new PostgresData(database);
  // database_admin_image: the same provisioning, done by psql in a job inside the service's network.
  return new AdminJobData({
    ...database,
    project: config.projectId,
    region: config.region,
    image: db.adminImage,
    ...(db.adminServiceAccount !== undefined ? { serviceAccount: db.adminServiceAccount } : {}),
    ...(job.revision !== undefined ? { revision: job.revision } : {}),
    ...(config.deploy.container !== undefined ? { container: config.deploy.container } : {}),
    ...(job.cancel !== undefined ? { signal: job.cancel } : {}),
    log: job.log,
  });
}

/**
 * Removes one PR's data: its jobs, its secret, its database or schema and role, its cache keys; each only
 * when it carries this PR's mark (labels, or the COMMENT marker), never the template. Returns one note per
 * kind. The stale and orphan sweeps call this too.
 */
export async function dropPreviewData(
  config: Config,
  pr: number,
  log: Log,
  dryRun = false,
): Promise<string[]> {
  const data = config.data;
  if (data === undefined) return [];
  protectDataSecrets(data);
  const notes: string[] = [];
  const labels = dataLabels(config.service, pr);
  const db = data.database;
  const say = (what: string): void => {
    log.info(`${dryRun ? 'would delete' : 'deleting'} ${what} of PR #${pr}`);
  };
  if (db?.adminUrl !== undefined) {
    const jobIds = (['migrate', 'seed'] as const).map((k) => dataJobId(config.service, pr, k));
    const secretId = databaseSecretId(config.service, pr);
    say(`jobs ${jobIds.join(', ')}, secret ${secretId} and ${db.isolation} ${perPrName(config.service, pr)}`);
    if (!dryRun) {
      const jobs = new JobRunner(config.projectId, config.region);
      try {
        for (const id of jobIds) {
          const r = await jobs.remove(id, labels);
          if (r === 'kept') log.warning(`kept job ${id}: it does not carry PR #${pr}'s gcp-deploy labels`);
          if (r === 'deleted') notes.push(`job ${id}`);
        }
      } finally {
        await jobs.close();
      }
      const secrets = new SecretStore(config.projectId);
      try {
        const r = await secrets.remove(secretId, labels);
        if (r === 'kept')
          log.warning(`kept secret ${secretId}: it does not carry PR #${pr}'s gcp-deploy labels`);
        if (r === 'deleted') notes.push(`secret ${secretId}`);
      } finally {
        await secrets.close();
      }
      const dropped = await postgresFor(config, db, pr, undefined, false, { log }).drop();
      notes.push(...dropped.dropped);
      for (const k of dropped.kept) log.warning(`kept ${k.name}: ${k.reason}`);
    }
  }
  if (data.cache !== undefined) {
    say(`cache keys under ${cachePrefix(config.service, pr)}`);
    if (!dryRun) {
      const dropped = await new RedisNamespace({
        cacheUrl: data.cache.url,
        service: config.service,
        pr,
      }).drop();
      notes.push(...dropped.dropped);
    }
  }
  return notes;
}

/** `PostgresMade` re-exported for callers that record what was made. */
export type { PostgresMade };

/** Any error of the data steps as one line (the URL and passwords are cut by `redact`). */
export function dataError(err: unknown): string {
  return redact(errorMessage(err));
}

/**
 * In an environment, `database_from` must name a member with its own `database_url` that this one needs:
 * the owner's migrations then finish before this one deploys.
 */
export function checkSharedDatabases(
  members: readonly { name: string; needs: readonly string[]; config: Config }[],
): void {
  for (const m of members) {
    const from = m.config.data?.database?.from;
    if (from === undefined) continue;
    const owner = members.find((o) => o.name === from);
    if (owner?.config.data?.database?.adminUrl === undefined)
      throw UserError.forInput(
        'database_from',
        from,
        `service ${m.name}: allowed: another service of the environment that sets database_url`,
      );
    if (!m.needs.includes(from))
      throw UserError.forInput(
        'database_from',
        from,
        `service ${m.name}: list ${from} in its needs too, so that ${from}'s migrations finish before ${m.name} deploys`,
      );
  }
}
