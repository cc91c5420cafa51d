/**
 * Per-PR PostgreSQL provisioned from inside the VPC (`database_admin_image`): the same database or schema, role,
 * grants and marker checks as PostgresData, but done by psql in a Cloud Run job that has the service's own
 * network (VPC access, Cloud SQL volume), so the runner never connects to the server.
 *
 * - The admin URL and the script (holding the new password's SCRAM verifier, never the password) reach the
 *   job only as Secret Manager references: two secrets labelled as this PR's, readable by the job's identity
 *   alone, deleted again when the job has run.
 * - The job's command is fixed (admin-script.ts ADMIN_COMMAND); the SQL is the action's, names checked and quoted.
 * - The result (was the database new, was a password set, what was dropped or kept) is read back from the
 *   task's log, where the script prints it in RESULT_TAG lines; a failure is psql's non-zero exit.
 * - The job (`<service>-pr<n>-dbadmin`) carries the PR's labels and is deleted with the PR's data.
 */
import { randomBytes } from 'node:crypto';
import { ServicesClient } from '@google-cloud/run';
import { UserError, errorMessage } from '../config/user-error.js';
import type { ApiTemplate } from '../cloudrun/api-mapping.js';
import { clientOptions } from '../cloudrun/client-factory.js';
import { JobRunner, taskTemplateFrom } from '../cloudrun/job-client.js';
import { readTaskLog } from '../cloudrun/task-logs.js';
import { targetContainer } from '../cloudrun/template-merge.js';
import { redact } from '../report/redaction.js';
import {
  ADMIN_COMMAND,
  ADMIN_SQL_ENV,
  ADMIN_URL_ENV,
  dropScript,
  parseResults,
  provisionResult,
  provisionScript,
} from './admin-script.js';
import { dataJobId, dataLabels, databaseSecretId, ownershipMarker, perPrName } from './naming.js';
import type { DropReport, PerPrData, WiredEnv } from './per-pr-data.js';
import { PostgresData, scramVerifier, type PostgresMade } from './postgres.js';
import { SecretStore } from './secret-store.js';

export interface AdminJobOptions {
  project: string;
  region: string;
  service: string;
  pr: number;
  /** `database_url`: what the job connects with (a secret). */
  adminUrl: string;
  /** `database_admin_image`: an image holding sh and psql. */
  image: string;
  /** `database_admin_service_account`: the job's identity; unset, the revision's (the preview's). */
  serviceAccount?: string;
  isolation: 'database' | 'schema';
  template?: string;
  databaseEnv?: string;
  productionUrl?: string;
  reset?: boolean;
  keepPassword?: boolean;
  /**
   * The revision template whose network and identity the job takes (the preview's). Unset (cleanup, sweeps):
   * the job made at provisioning is run again, or, if it is gone, one is made from the service's template.
   */
  revision?: ApiTemplate;
  /** deploy.container: which container of a multi-container template is the app's. */
  container?: string;
  signal?: AbortSignal;
  log: { info(line: string): void; warning(line: string): void };
  /** How long the task's result line may take to show in Cloud Logging. */
  resultWaitMs?: number;
}

/** The admin job's two secrets: the connection and the script, each referenced by one env var. */
export function adminSecretIds(service: string, pr: number): { url: string; sql: string } {
  const base = databaseSecretId(service, pr);
  return { url: `${base}-admin-url`, sql: `${base}-admin-sql` };
}

/**
 * The job's task template (pure): the revision's network, volumes (a Cloud SQL socket), identity and
 * sidecars, with the app's container replaced by the admin image running ADMIN_COMMAND, whose only env is the
 * two secret references. The app's own env and secrets do not go to the job.
 */
export function adminTaskTemplate(
  revision: ApiTemplate,
  image: string,
  secrets: { url: string; sql: string },
  container?: string,
  serviceAccount?: string,
): ReturnType<typeof taskTemplateFrom> {
  const task = taskTemplateFrom(revision, ADMIN_COMMAND, container);
  const target = targetContainer(revision.containers ?? [], container);
  const containers = (task.containers ?? []).map((c, i) =>
    i !== target
      ? c
      : {
          ...c,
          image,
          env: [
            {
              name: ADMIN_URL_ENV,
              valueSource: { secretKeyRef: { secret: secrets.url, version: 'latest' } },
            },
            {
              name: ADMIN_SQL_ENV,
              valueSource: { secretKeyRef: { secret: secrets.sql, version: 'latest' } },
            },
          ],
          workingDir: '',
        },
  );
  return {
    ...task,
    containers,
    timeout: { seconds: 300 },
    ...(serviceAccount !== undefined ? { serviceAccount } : {}),
  };
}

/**
 * How the job would reach a VPC-only server, from a revision template (pure): a VPC connector, Direct VPC
 * egress, or Cloud SQL instances mounted as a volume; undefined when the template has none of them.
 */
export function adminNetworkOf(template: ApiTemplate | null | undefined): string | undefined {
  const vpc = template?.vpcAccess;
  if (vpc?.connector) return `VPC connector ${vpc.connector}`;
  const nets = (vpc?.networkInterfaces ?? []).map((n) => n.network || n.subnetwork).filter(Boolean);
  if (nets.length > 0) return `Direct VPC egress (${nets.join(', ')})`;
  const sql = (template?.volumes ?? []).flatMap((v) => v.cloudSqlInstance?.instances ?? []);
  if (sql.length > 0) return `Cloud SQL instance ${sql.join(', ')}`;
  return undefined;
}

function servicesClient(): ServicesClient {
  return new ServicesClient(clientOptions(process.env));
}

/** The service's current template, or null when it does not exist. */
async function serviceTemplate(
  project: string,
  region: string,
  service: string,
): Promise<ApiTemplate | null> {
  const client = servicesClient();
  try {
    const [svc] = await client.getService({
      name: `projects/${project}/locations/${region}/services/${service}`,
    });
    return svc.template ?? null;
  } catch (err) {
    if ((err as { code?: number }).code === 5) return null;
    throw err;
  } finally {
    await client.close();
  }
}

/**
 * Before anything is built: the job will have a way into the VPC. The service's template (which the preview
 * inherits) must give it VPC access or a Cloud SQL instance; otherwise the job could reach no more than the
 * runner, and one line says so.
 */
export async function checkAdminNetwork(
  project: string,
  region: string,
  service: string,
  image: string,
): Promise<string> {
  const template = await serviceTemplate(project, region, service);
  const network = adminNetworkOf(template);
  if (network === undefined)
    throw UserError.forInput(
      'database_admin_image',
      image,
      `the job runs with service ${service}'s network settings, and ${
        template === null
          ? 'that service does not exist yet'
          : 'its template has no VPC access and no Cloud SQL instance'
      }, so it could not reach a server inside the VPC. Allowed: a service with a VPC connector, Direct VPC egress or a Cloud SQL volume; or, without database_admin_image, a database_url reachable from the runner (the Cloud SQL Auth Proxy)`,
    );
  return network;
}

export class AdminJobData implements PerPrData<PostgresMade> {
  readonly name: string;
  private readonly marker: string;
  private readonly secretIds: { url: string; sql: string };
  private readonly jobId: string;
  private readonly labels: Record<string, string>;

  constructor(private readonly o: AdminJobOptions) {
    this.name = perPrName(o.service, o.pr);
    this.marker = ownershipMarker(o.service, o.pr);
    this.secretIds = adminSecretIds(o.service, o.pr);
    this.jobId = dataJobId(o.service, o.pr, 'dbadmin');
    this.labels = dataLabels(o.service, o.pr);
  }

  async create(): Promise<PostgresMade> {
    const password = randomBytes(24).toString('base64url');
    const script = provisionScript({
      name: this.name,
      marker: this.marker,
      isolation: this.o.isolation,
      ...(this.o.template !== undefined ? { template: this.o.template } : {}),
      reset: this.o.reset === true,
      verifier: scramVerifier(password),
      keepPassword: this.o.keepPassword === true && this.o.reset !== true,
    });
    const log = await this.runScript(script, 'provision', (text) => provisionResult(text) !== undefined);
    const result = provisionResult(log);
    if (result === undefined) throw new Error(`job ${this.jobId} printed no result`);
    const database = this.o.isolation === 'schema' ? databaseOfUrl(this.o.adminUrl) : this.name;
    return {
      database,
      ...(this.o.isolation === 'schema' ? { schema: this.name } : {}),
      user: this.name,
      password: result.passwordSet ? password : '',
      created: result.created,
      passwordSet: result.passwordSet,
    };
  }

  wire(made: PostgresMade): WiredEnv {
    // The same wiring as a direct connection: nothing here connects.
    return new PostgresData({
      adminUrl: this.o.adminUrl,
      service: this.o.service,
      pr: this.o.pr,
      isolation: this.o.isolation,
      ...(this.o.databaseEnv !== undefined ? { databaseEnv: this.o.databaseEnv } : {}),
      ...(this.o.productionUrl !== undefined ? { productionUrl: this.o.productionUrl } : {}),
    }).wire(made);
  }

  /** Drops what is marked as this PR's, then deletes the job (kept when the drop failed, for a retry). */
  async drop(): Promise<DropReport> {
    const script = dropScript({
      name: this.name,
      marker: this.marker,
      isolation: this.o.isolation,
      ...(this.o.template !== undefined ? { template: this.o.template } : {}),
    });
    const log = await this.runScript(script, 'drop', (text) =>
      parseResults(text).some((r) => r.key === 'finished'),
    );
    const report: DropReport = { dropped: [], kept: [] };
    for (const r of parseResults(log)) {
      if (r.key === 'dropped') report.dropped.push(`${r.value} ${this.name}`);
      if (r.key === 'kept')
        report.kept.push({
          name: `${r.value} ${this.name}`,
          reason: r.detail || "it exists without this PR's gcp-deploy marker, so the action did not make it",
        });
    }
    const jobs = new JobRunner(this.o.project, this.o.region);
    try {
      if ((await jobs.remove(this.jobId, this.labels)) === 'deleted')
        report.dropped.push(`job ${this.jobId}`);
    } finally {
      await jobs.close();
    }
    return report;
  }

  /**
   * Stores the URL and script as the PR's admin secrets, makes or updates the job, runs it and returns its
   * log once `complete` holds (Cloud Logging may lag behind the execution). The secrets are deleted whatever
   * happens; a failed run throws with the (redacted) end of the task's log.
   */
  private async runScript(
    script: string,
    what: 'provision' | 'drop',
    complete: (log: string) => boolean,
  ): Promise<string> {
    const jobs = new JobRunner(this.o.project, this.o.region);
    const secrets = new SecretStore(this.o.project);
    try {
      const name = jobs.name(this.jobId);
      const existing = await jobs.get(name);
      let revision = this.o.revision;
      if (revision === undefined && existing === null) {
        // Cleanup after the job was removed by hand: the service's template gives the network again.
        const t = await serviceTemplate(this.o.project, this.o.region, this.o.service);
        if (t === null || adminNetworkOf(t) === undefined)
          throw new Error(
            `job ${this.jobId} is gone and service ${this.o.service} gives no VPC access to make it again from`,
          );
        revision = t;
      }
      const identity =
        this.o.serviceAccount ??
        (revision?.serviceAccount || existing?.template?.template?.serviceAccount || undefined);
      if (this.o.serviceAccount === undefined && revision !== undefined)
        // The secrets are readable by the job's identity while it runs: here the preview's, which runs PR code.
        this.o.log.warning(
          `Job ${this.jobId} runs as the preview's identity (${identity ?? 'the default compute service account'}), which the PR's code also runs as and which can read database_url while the job runs: set database_admin_service_account to an identity of its own.`,
        );
      if (identity === undefined)
        this.o.log.warning(
          `Job ${this.jobId} runs as the default compute service account: it needs roles/secretmanager.secretAccessor on secrets ${this.secretIds.url} and ${this.secretIds.sql}.`,
        );
      await secrets.put(this.secretIds.url, this.o.adminUrl, this.labels, identity);
      await secrets.put(this.secretIds.sql, script, this.labels, identity);
      if (revision !== undefined)
        await jobs.ensure(
          this.jobId,
          adminTaskTemplate(revision, this.o.image, this.secretIds, this.o.container, this.o.serviceAccount),
          this.labels,
        );
      else if (!ownedBy(existing?.labels ?? {}, this.labels))
        throw new Error(`job ${this.jobId} exists without this PR's gcp-deploy labels; refusing to run it`);
      this.o.log.info(
        `Running the ${what} of PR #${this.o.pr}'s ${this.o.isolation} as Cloud Run job ${this.jobId}`,
      );
      const run = await jobs.run(name, this.o.signal);
      const task = run.failedTask ?? (await jobs.firstTask(run.execution));
      const log =
        task === undefined
          ? ''
          : await this.taskLog(task, run.ok ? complete : () => true).catch((err: unknown) => {
              // A failed run is reported with or without its log; a result that cannot be read is a failure.
              if (!run.ok) return '';
              throw new Error(
                `could not read job ${this.jobId}'s result from Cloud Logging (the deployer needs roles/logging.viewer): ${redact(errorMessage(err))}`,
              );
            });
      if (!run.ok)
        throw new Error(
          redact(
            [
              `${what} job ${this.jobId} failed (execution ${run.execution.split('/').pop() ?? ''}): ${run.message ?? 'no reason given'}`,
              ...(log ? ['Task log (last lines):', log.split('\n').slice(-10).join('\n')] : []),
            ].join('\n'),
          ),
        );
      if (!complete(log))
        throw new Error(
          `${what} job ${this.jobId} succeeded, but its log shows no result (roles/logging.viewer reads it)`,
        );
      return log;
    } finally {
      for (const id of [this.secretIds.url, this.secretIds.sql])
        await secrets.remove(id, this.labels).catch((err: unknown) => {
          this.o.log.warning(`could not delete secret ${id}: ${redact(String(err))}`);
        });
      await Promise.all([jobs.close(), secrets.close()]);
    }
  }

  /** The task's log once `complete` holds, polling Cloud Logging for up to resultWaitMs. */
  private async taskLog(task: string, complete: (log: string) => boolean): Promise<string> {
    const deadline = Date.now() + (this.o.resultWaitMs ?? 60_000);
    for (let wait = 500; ; wait = Math.min(wait * 2, 5000)) {
      let text = '';
      try {
        text = await readTaskLog(task, 50);
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (complete(text) || Date.now() > deadline) return text;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

function databaseOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

function ownedBy(have: Record<string, string>, want: Record<string, string>): boolean {
  return Object.entries(want).every(([k, v]) => have[k] === v);
}
