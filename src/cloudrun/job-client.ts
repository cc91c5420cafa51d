/**
 * One-off commands (a PR's migrations and seed) run as Cloud Run jobs made from a revision template: the same
 * image digest, env, secrets, service account, VPC and Cloud SQL settings, with the container's command
 * replaced. The job is created or updated, run, and waited for; what a failure says comes from its task.
 */
import { ExecutionsClient, JobsClient, TasksClient, type protos } from '@google-cloud/run';
import type { ApiTemplate } from './api-mapping.js';
import { clientOptions } from './client-factory.js';
import { targetContainer } from './template-merge.js';

type IJob = protos.google.cloud.run.v2.IJob;
type ITaskTemplate = protos.google.cloud.run.v2.ITaskTemplate;
type IContainer = protos.google.cloud.run.v2.IContainer;
type ICondition = protos.google.cloud.run.v2.ICondition;

/**
 * The job's task template from a revision template (pure): a job's containers serve no port and have no
 * probes, and scaling, concurrency and CPU-idle are a service's; everything that reaches data stays. The
 * target container runs `command`; sidecars (a Cloud SQL proxy, say) stay as they are.
 */
export function taskTemplateFrom(
  revision: ApiTemplate,
  command: string[],
  container?: string,
): ITaskTemplate {
  const containers = revision.containers ?? [];
  const target = targetContainer(containers, container);
  const jobContainers: IContainer[] = containers.map((c, i) => {
    const {
      ports: _ports,
      startupProbe: _startup,
      livenessProbe: _liveness,
      dependsOn: _dependsOn,
      resources,
      ...rest
    } = c;
    const limits = resources?.limits ?? undefined;
    return {
      ...rest,
      ...(limits ? { resources: { limits } } : {}),
      ...(i === target ? { command: command.slice(0, 1), args: command.slice(1) } : {}),
    };
  });
  return {
    containers: jobContainers,
    ...(revision.volumes ? { volumes: revision.volumes } : {}),
    ...(revision.serviceAccount ? { serviceAccount: revision.serviceAccount } : {}),
    ...(revision.vpcAccess ? { vpcAccess: revision.vpcAccess } : {}),
    ...(revision.encryptionKey ? { encryptionKey: revision.encryptionKey } : {}),
    ...(revision.executionEnvironment ? { executionEnvironment: revision.executionEnvironment } : {}),
    // A migration is not retried blindly (a half-applied one may not be re-runnable); it has 10 minutes.
    maxRetries: 0,
    timeout: { seconds: 600 },
  };
}

/** The outcome of one job run. */
export interface JobRun {
  ok: boolean;
  execution: string;
  /** Cloud Run's words for a failure (exit code, timeout, a secret it could not read). */
  message?: string;
  /** The failed task's name, whose log tells more. */
  failedTask?: string;
}

const stateName = (c: ICondition | undefined | null): string =>
  typeof c?.state === 'number' ? String(c.state) : String(c?.state ?? '');
const FAILED = new Set(['CONDITION_FAILED', '3']);

/** Jobs of one project and region. */
export class JobRunner {
  private readonly jobs: JobsClient;
  private readonly executions: ExecutionsClient;
  private readonly tasks: TasksClient;
  private readonly parent: string;

  constructor(project: string, region: string, env: NodeJS.ProcessEnv = process.env) {
    const options = clientOptions(env);
    this.jobs = new JobsClient(options);
    this.executions = new ExecutionsClient(options);
    this.tasks = new TasksClient(options);
    this.parent = `projects/${project}/locations/${region}`;
  }

  name(jobId: string): string {
    return `${this.parent}/jobs/${jobId}`;
  }

  /** Creates the job, or replaces its template when it exists (one job per PR and command). */
  async ensure(jobId: string, template: ITaskTemplate, labels: Record<string, string>): Promise<string> {
    const name = this.name(jobId);
    const job: IJob = { labels, template: { taskCount: 1, parallelism: 1, template } };
    const existing = await this.get(name);
    if (existing === null) {
      const [op] = await this.jobs.createJob({ parent: this.parent, jobId, job });
      await op.promise();
    } else {
      if (!ownedBy(existing.labels ?? {}, labels))
        throw new Error(`job ${jobId} exists without this PR's gcp-deploy labels; refusing to change it`);
      const [op] = await this.jobs.updateJob({ job: { ...job, name, etag: existing.etag ?? '' } });
      await op.promise();
    }
    return name;
  }

  /** Runs the job and waits for its execution to finish (the operation completes with it). */
  async run(name: string, signal?: AbortSignal): Promise<JobRun> {
    const [op] = await this.jobs.runJob({ name });
    const done = op.promise();
    const [execution] = await (signal === undefined ? done : abortable(done, signal));
    const completed = (execution.conditions ?? []).find((c) => c.type === 'Completed');
    const failed = Number(execution.failedCount ?? 0) > 0 || FAILED.has(stateName(completed));
    if (!failed) return { ok: true, execution: execution.name ?? '' };
    const [tasks] = await this.tasks.listTasks({ parent: execution.name ?? '' });
    const bad = tasks.find((t) =>
      FAILED.has(stateName((t.conditions ?? []).find((c) => c.type === 'Ready'))),
    );
    return {
      ok: false,
      execution: execution.name ?? '',
      message: completed?.message || bad?.lastAttemptResult?.status?.message || 'the execution failed',
      ...(bad?.name ? { failedTask: bad.name } : {}),
    };
  }

  /** The name of an execution's first task (whose log a one-task job's result is read from). */
  async firstTask(execution: string): Promise<string | undefined> {
    const [tasks] = await this.tasks.listTasks({ parent: execution });
    return tasks.find((t) => Number(t.index ?? 0) === 0)?.name ?? undefined;
  }

  async get(name: string): Promise<IJob | null> {
    try {
      const [job] = await this.jobs.getJob({ name });
      return job;
    } catch (err) {
      if ((err as { code?: number }).code === 5) return null;
      throw err;
    }
  }

  /** Deletes the job when it carries `labels`; 'absent' when there is none, 'kept' when it is not ours. */
  async remove(jobId: string, labels: Record<string, string>): Promise<'deleted' | 'absent' | 'kept'> {
    const name = this.name(jobId);
    const job = await this.get(name);
    if (job === null) return 'absent';
    if (!ownedBy(job.labels ?? {}, labels)) return 'kept';
    const [op] = await this.jobs.deleteJob({ name });
    await op.promise();
    return 'deleted';
  }

  async close(): Promise<void> {
    await Promise.all([this.jobs.close(), this.executions.close(), this.tasks.close()]);
  }
}

function ownedBy(have: Record<string, string>, want: Record<string, string>): boolean {
  return Object.entries(want).every(([k, v]) => have[k] === v);
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
