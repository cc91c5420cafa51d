/**
 * Cloud Run v2 Jobs, Executions and Tasks: jobs stored as given, RunJob with overrides starting an execution
 * whose tasks run to completion on the revision runtime (Docker or process), with retries, a per-attempt
 * timeout, exit codes and logs. Every mutation is a long-running operation; RunJob's finishes with the
 * Execution when its tasks are done (a failed task shows in failedCount and the Completed condition).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Msg } from './cloud-run-state.js';
import { timestamp } from './cloud-run-records.js';
import type { UnaryHandler } from './grpc-server.js';
import { paginate } from './grpc-server.js';
import { isDns1035Label, parseLocationParent } from './naming.js';
import { packAny, type OperationStore } from './lro.js';
import type { EmulatorProtos } from './proto-loading.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from './rpc-error.js';
import type { PullLogins, RevisionRuntime } from './runtime.js';
import { resolveTemplateSecrets } from './runtime-secrets.js';
import { defaultRuntimeServiceAccount, type SecretStore } from './secret-manager.js';
import type { RevisionMetadata } from './cloud-run-service.js';

const JOB_TYPE = 'google.cloud.run.v2.Job';
const EXECUTION_TYPE = 'google.cloud.run.v2.Execution';

export interface JobsDeps {
  runtime: RevisionRuntime;
  ops: OperationStore;
  protos: EmulatorProtos;
  secrets?: SecretStore;
  log(line: string): void;
  /** Each task's metadata server, answering as the job's runtime identity (see CloudRunDeps.metadata). */
  metadata?: RevisionMetadata;
  /** The registry logins a task's image pull presents in a project (see CloudRunDeps.pullLogins). */
  pullLogins?: (project: string) => PullLogins;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Msg[] => (Array.isArray(v) ? (v as Msg[]) : []);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const seconds = (d: unknown, fallback: number): number => {
  const s = Number((d as Msg | undefined)?.seconds ?? NaN);
  return Number.isFinite(s) && s > 0 ? s : fallback;
};

function locationOf(name: string): string {
  return name.split('/').slice(0, 4).join('/');
}

function condition(type: string, state: string, message = '', reason?: string): Msg {
  return { type, state, message, lastTransitionTime: timestamp(Date.now()), ...(reason ? { reason } : {}) };
}

/** The task template with RunJob's overrides applied (args replaced or cleared, env merged by name). */
export function applyOverrides(taskTemplate: Msg, overrides: Msg | undefined): Msg {
  const containers = list(taskTemplate.containers).map((c) => ({ ...c }));
  for (const o of list(overrides?.containerOverrides)) {
    const target = str(o.name) ? containers.find((c) => str(c.name) === str(o.name)) : containers[0];
    if (!target) throw invalidArgument(`Container override names an unknown container '${str(o.name)}'.`);
    const args = strings(o.args);
    if (o.clearArgs === true) target.args = [];
    else if (args.length > 0) target.args = args;
    const env = list(target.env).filter((e) => !list(o.env).some((x) => str(x.name) === str(e.name)));
    target.env = [...env, ...list(o.env)];
  }
  return { ...taskTemplate, containers };
}

export class CloudRunJobs {
  private readonly jobs = new Map<string, Msg>();
  private readonly executions = new Map<string, Msg>();
  private readonly tasks = new Map<string, Msg[]>();
  private readonly logs = new Map<string, string>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly d: JobsDeps) {}

  /** The log of a task (every attempt's output), as Cloud Logging would hold it. */
  taskLog(taskName: string): string | undefined {
    return this.logs.get(taskName);
  }

  private job(name: string): Msg {
    const j = this.jobs.get(name);
    if (!j)
      throw notFound(
        `Resource '${name.split('/').pop() ?? name}' of kind 'JOB' in region '${name.split('/')[3] ?? ''}' in project '${name.split('/')[1] ?? ''}' does not exist.`,
      );
    return j;
  }

  private jobAny(job: Msg): ReturnType<typeof packAny> {
    return packAny(JOB_TYPE, this.d.protos.encodeJob(job));
  }

  private validateTemplate(job: Msg): Msg {
    const execution = (job.template as Msg | undefined) ?? {};
    const task = (execution.template as Msg | undefined) ?? {};
    const containers = list(task.containers);
    if (containers.length === 0)
      throw invalidArgument('job.template.template.containers: at least one container is required.');
    containers.forEach((c, i) => {
      if (!str(c.image))
        throw invalidArgument(`job.template.template.containers[${i}].image: must not be empty.`);
    });
    const taskCount =
      typeof execution.taskCount === 'number' && execution.taskCount > 0 ? execution.taskCount : 1;
    return {
      ...execution,
      taskCount,
      parallelism: typeof execution.parallelism === 'number' ? execution.parallelism : 0,
      template: {
        ...task,
        maxRetries: typeof task.maxRetries === 'number' ? task.maxRetries : 3,
        timeout: task.timeout ?? { seconds: '600' },
      },
    };
  }

  jobsHandlers(): Record<string, UnaryHandler> {
    return {
      CreateJob: (req) => {
        const parent = str(req.parent);
        parseLocationParent(parent);
        const id = str(req.jobId);
        if (!isDns1035Label(id, 63))
          throw invalidArgument(
            `job_id: '${id}' must be a DNS-1035 label: lower-case letters, digits and hyphens, starting with a letter, at most 63 characters.`,
          );
        const name = `${parent}/jobs/${id}`;
        if (this.jobs.has(name)) throw alreadyExists(`Resource '${id}' already exists.`);
        const body = (req.job as Msg | undefined) ?? {};
        const now = Date.now();
        const job: Msg = {
          ...body,
          name,
          uid: randomUUID(),
          generation: '1',
          observedGeneration: '1',
          createTime: timestamp(now),
          updateTime: timestamp(now),
          template: this.validateTemplate(body),
          executionCount: 0,
          terminalCondition: condition('Ready', 'CONDITION_SUCCEEDED'),
          etag: `"${randomBytes(6).toString('hex')}"`,
        };
        if (req.validateOnly === true)
          return Promise.resolve(this.d.ops.createDone(locationOf(name), this.jobAny(job)));
        this.jobs.set(name, job);
        return Promise.resolve(this.d.ops.createDone(locationOf(name), this.jobAny(job), this.jobAny(job)));
      },
      GetJob: (req) => Promise.resolve(this.job(str(req.name))),
      ListJobs: (req) => {
        const parent = str(req.parent);
        const all = [...this.jobs.values()].filter((j) => str(j.name).startsWith(`${parent}/jobs/`));
        const { page, next } = paginate(all, req.pageSize, req.pageToken);
        return Promise.resolve({ jobs: page, nextPageToken: next });
      },
      UpdateJob: (req) => {
        const body = (req.job as Msg | undefined) ?? {};
        const name = str(body.name);
        const current = this.jobs.get(name);
        if (!current && req.allowMissing !== true) this.job(name);
        const etag = str(body.etag);
        if (current && etag && etag !== current.etag)
          throw failedPrecondition(
            `The etag of job '${name}' does not match: it was changed since it was read.`,
          );
        const now = Date.now();
        const generation = String(Number(current?.generation ?? 0) + 1);
        const job: Msg = {
          ...body,
          name,
          uid: current?.uid ?? randomUUID(),
          generation,
          observedGeneration: generation,
          createTime: current?.createTime ?? timestamp(now),
          updateTime: timestamp(now),
          template: this.validateTemplate(body),
          executionCount: current?.executionCount ?? 0,
          ...(current?.latestCreatedExecution
            ? { latestCreatedExecution: current.latestCreatedExecution }
            : {}),
          terminalCondition: condition('Ready', 'CONDITION_SUCCEEDED'),
          etag: `"${randomBytes(6).toString('hex')}"`,
        };
        if (req.validateOnly !== true) this.jobs.set(name, job);
        return Promise.resolve(this.d.ops.createDone(locationOf(name), this.jobAny(job), this.jobAny(job)));
      },
      DeleteJob: (req) => {
        const name = str(req.name);
        const job = this.job(name);
        if (req.validateOnly !== true) {
          this.jobs.delete(name);
          for (const e of [...this.executions.keys()].filter((k) => k.startsWith(`${name}/executions/`))) {
            for (const t of this.tasks.get(e) ?? []) this.logs.delete(str(t.name));
            this.tasks.delete(e);
            this.executions.delete(e);
          }
        }
        return Promise.resolve(this.d.ops.createDone(locationOf(name), this.jobAny(job), this.jobAny(job)));
      },
      RunJob: (req) => {
        const name = str(req.name);
        const job = this.job(name);
        const etag = str(req.etag);
        if (etag && etag !== job.etag) throw failedPrecondition(`The etag of job '${name}' does not match.`);
        const overrides = req.overrides as Msg | undefined;
        const template = job.template as Msg;
        const taskTemplate = applyOverrides(template.template as Msg, overrides);
        if (overrides?.timeout) taskTemplate.timeout = overrides.timeout;
        const taskCount =
          typeof overrides?.taskCount === 'number' && overrides.taskCount > 0
            ? overrides.taskCount
            : (template.taskCount as number);
        const jobId = name.split('/').pop() ?? '';
        const execId = `${jobId}-${randomBytes(3).toString('hex').slice(0, 5)}`;
        const execName = `${name}/executions/${execId}`;
        const now = Date.now();
        const execution: Msg = {
          name: execName,
          uid: randomUUID(),
          generation: '1',
          job: jobId,
          createTime: timestamp(now),
          startTime: timestamp(now),
          taskCount,
          parallelism: template.parallelism || taskCount,
          template: taskTemplate,
          runningCount: taskCount,
          succeededCount: 0,
          failedCount: 0,
          cancelledCount: 0,
          retriedCount: 0,
          reconciling: true,
          conditions: [condition('Completed', 'CONDITION_RECONCILING')],
          logUri: `emulator://logs/${execName}`,
          etag: `"${randomBytes(6).toString('hex')}"`,
        };
        if (req.validateOnly === true)
          return Promise.resolve(this.d.ops.createDone(locationOf(name), this.execAny(execution)));
        this.executions.set(execName, execution);
        job.executionCount = Number(job.executionCount ?? 0) + 1;
        job.latestCreatedExecution = { name: execName, createTime: execution.createTime };
        const op = this.d.ops.create(locationOf(name), this.execAny(execution));
        const run = this.runExecution(execution, taskTemplate, taskCount).then(() => {
          job.latestCreatedExecution = {
            name: execName,
            createTime: execution.createTime,
            completionTime: execution.completionTime,
            completionStatus: Number(execution.failedCount) > 0 ? 'EXECUTION_FAILED' : 'EXECUTION_SUCCEEDED',
          };
          this.d.ops.succeed(op.name, this.execAny(execution), this.execAny(execution));
        });
        this.running.add(run);
        void run.finally(() => this.running.delete(run));
        return Promise.resolve(op);
      },
    };
  }

  private execAny(execution: Msg): ReturnType<typeof packAny> {
    return packAny(EXECUTION_TYPE, this.d.protos.encodeExecution(execution));
  }

  /** Runs every task (up to `parallelism` at once), each attempt retried up to maxRetries times. */
  private async runExecution(execution: Msg, taskTemplate: Msg, taskCount: number): Promise<void> {
    const execName = str(execution.name);
    const execId = execName.split('/').pop() ?? '';
    const jobId = str(execution.job);
    const maxRetries = typeof taskTemplate.maxRetries === 'number' ? taskTemplate.maxRetries : 3;
    const timeoutMs = seconds(taskTemplate.timeout, 600) * 1000;
    const tasks: Msg[] = Array.from({ length: taskCount }, (_, index) => ({
      name: `${execName}/tasks/${execId}-task${index}`,
      job: jobId,
      execution: execId,
      index,
      containers: taskTemplate.containers,
      volumes: taskTemplate.volumes,
      maxRetries,
      timeout: taskTemplate.timeout,
      serviceAccount: taskTemplate.serviceAccount,
      createTime: execution.createTime,
      retried: 0,
      conditions: [condition('Ready', 'CONDITION_PENDING')],
      logUri: `emulator://logs/${execName}/tasks/${execId}-task${index}`,
    }));
    this.tasks.set(execName, tasks);
    const container = list(taskTemplate.containers)[0] ?? {};
    const runOne = async (task: Msg): Promise<void> => {
      const taskName = str(task.name);
      task.startTime = timestamp(Date.now());
      let log = '';
      let secrets: { env: Record<string, string>; files: { path: string; data: Buffer; mode: number }[] };
      try {
        secrets = resolveTemplateSecrets(execName, taskTemplate, this.d.secrets);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        Object.assign(task, {
          completionTime: timestamp(Date.now()),
          lastAttemptResult: { status: { code: 9, message } },
          conditions: [condition('Ready', 'CONDITION_FAILED', message, 'ContainerMissing')],
        });
        this.logs.set(taskName, `${message}\n`);
        execution.failedCount = Number(execution.failedCount) + 1;
        return;
      }
      const plain: Record<string, string> = {};
      for (const e of list(container.env))
        if (!e.valueSource && str(e.name)) plain[str(e.name)] = str(e.value);
      // The task's own metadata server, answering as the job's runtime identity.
      const project = /^projects\/([^/]+)\//.exec(execName)?.[1] ?? '';
      const identity = str(taskTemplate.serviceAccount) || defaultRuntimeServiceAccount(project);
      const metadata = await this.d.metadata?.(identity, project);
      for (let attempt = 0; attempt <= maxRetries; attempt++) {
        const outcome = await this.d.runtime.runTask({
          task: taskName,
          image: str(container.image),
          command: strings(container.command),
          args: strings(container.args),
          env: {
            ...plain,
            ...secrets.env,
            CLOUD_RUN_JOB: jobId,
            CLOUD_RUN_EXECUTION: execId,
            CLOUD_RUN_TASK_INDEX: String(task.index),
            CLOUD_RUN_TASK_ATTEMPT: String(attempt),
            CLOUD_RUN_TASK_COUNT: String(taskCount),
            ...metadata?.env,
          },
          files: secrets.files,
          timeoutMs,
          ...(this.d.pullLogins ? { pullLogins: this.d.pullLogins(project) } : {}),
        });
        log += outcome.log;
        const ok = outcome.exitCode === 0 && !outcome.timedOut;
        const message = ok
          ? ''
          : outcome.timedOut
            ? `Task ${taskName.split('/').pop() ?? ''} timed out after ${timeoutMs / 1000}s.`
            : `The container exited with a non-zero exit code: ${outcome.exitCode}.`;
        task.lastAttemptResult = { status: { code: ok ? 0 : 2, message }, exitCode: outcome.exitCode };
        if (ok || attempt === maxRetries) {
          task.completionTime = timestamp(Date.now());
          task.conditions = [condition('Ready', ok ? 'CONDITION_SUCCEEDED' : 'CONDITION_FAILED', message)];
          if (ok) execution.succeededCount = Number(execution.succeededCount) + 1;
          else execution.failedCount = Number(execution.failedCount) + 1;
          break;
        }
        task.retried = Number(task.retried) + 1;
        execution.retriedCount = Number(execution.retriedCount) + 1;
      }
      await metadata?.close();
      this.logs.set(taskName, log);
      this.d.log(
        `task ${taskName.split('/').pop() ?? ''} finished: ${JSON.stringify(task.lastAttemptResult)}`,
      );
    };
    const parallelism = Number(execution.parallelism) || taskCount;
    const queue = [...tasks];
    await Promise.all(
      Array.from({ length: Math.min(parallelism, taskCount) }, async () => {
        for (let t = queue.shift(); t; t = queue.shift()) {
          await runOne(t);
          execution.runningCount = Math.max(0, Number(execution.runningCount) - 1);
        }
      }),
    );
    const failed = Number(execution.failedCount);
    execution.completionTime = timestamp(Date.now());
    execution.reconciling = false;
    execution.conditions = [
      failed > 0
        ? condition(
            'Completed',
            'CONDITION_FAILED',
            `Task ${
              str(tasks.find((t) => (t.conditions as Msg[])[0]?.state === 'CONDITION_FAILED')?.name)
                .split('/')
                .pop() ?? ''
            } failed with message: ${str(((tasks.find((t) => (t.conditions as Msg[])[0]?.state === 'CONDITION_FAILED')?.lastAttemptResult as Msg | undefined)?.status as Msg | undefined)?.message)}`,
            'NonZeroExitCode',
          )
        : condition('Completed', 'CONDITION_SUCCEEDED', `Execution ${execId} has successfully completed.`),
    ];
  }

  executionsHandlers(): Record<string, UnaryHandler> {
    const get = (name: string): Msg => {
      const e = this.executions.get(name);
      if (!e) throw notFound(`Execution '${name}' does not exist.`);
      return e;
    };
    return {
      GetExecution: (req) => Promise.resolve(get(str(req.name))),
      ListExecutions: (req) => {
        const parent = str(req.parent);
        const all = [...this.executions.values()]
          .filter((e) => str(e.name).startsWith(`${parent}/executions/`))
          .reverse();
        const { page, next } = paginate(all, req.pageSize, req.pageToken);
        return Promise.resolve({ executions: page, nextPageToken: next });
      },
      DeleteExecution: (req) => {
        const e = get(str(req.name));
        if (e.reconciling === true) throw failedPrecondition(`Execution '${str(e.name)}' is still running.`);
        this.executions.delete(str(e.name));
        this.tasks.delete(str(e.name));
        return Promise.resolve(
          this.d.ops.createDone(locationOf(str(e.name)), this.execAny(e), this.execAny(e)),
        );
      },
    };
  }

  tasksHandlers(): Record<string, UnaryHandler> {
    return {
      GetTask: (req) => {
        const name = str(req.name);
        const exec = name.split('/tasks/')[0] ?? '';
        const t = (this.tasks.get(exec) ?? []).find((x) => x.name === name);
        if (!t) throw notFound(`Task '${name}' does not exist.`);
        return Promise.resolve(t);
      },
      ListTasks: (req) => {
        const all = this.tasks.get(str(req.parent)) ?? [];
        const { page, next } = paginate(all, req.pageSize, req.pageToken);
        return Promise.resolve({ tasks: page, nextPageToken: next });
      },
    };
  }

  /** Waits for every execution still running (used on stop). */
  async settle(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
