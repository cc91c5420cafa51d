/**
 * Cloud Run Jobs in the emulator, driven by the unmodified @google-cloud/run JobsClient, ExecutionsClient and
 * TasksClient: create, update, run with overrides (args, env, task count), executions and tasks with exit
 * codes, retries and logs, secrets resolved per task, delete. Process runtime: each task is a node process.
 */
import { ExecutionsClient, JobsClient, TasksClient, protos } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { emulatorOptions } from './support/emulator-options.js';

type IJob = protos.google.cloud.run.v2.IJob;
const LOCATION = 'projects/p/locations/europe-west1';
const RUNNER = 'migrator@p.iam.gserviceaccount.com';
const IMAGE = `europe-docker.pkg.dev/p/r/app@sha256:${'b'.repeat(64)}`;

let emu: Emulator;
let jobs: JobsClient;
let executions: ExecutionsClient;
let tasks: TasksClient;

beforeAll(async () => {
  emu = await startEmulator({ runtime: 'process' });
  jobs = new JobsClient(emulatorOptions(emu));
  executions = new ExecutionsClient(emulatorOptions(emu));
  tasks = new TasksClient(emulatorOptions(emu));
});
afterAll(async () => {
  await Promise.all([jobs?.close(), executions?.close(), tasks?.close()]);
  await emu?.stop();
});

const script = (js: string): string[] => ['-e', js];
/** A condition's state by name (an operation's decoded Any carries enums as numbers, a unary reply as names). */
const stateOf = (c: protos.google.cloud.run.v2.ICondition | undefined): string | undefined =>
  typeof c?.state === 'number'
    ? protos.google.cloud.run.v2.Condition.State[c.state]
    : (c?.state ?? undefined);

function jobOf(js: string, extra: Partial<protos.google.cloud.run.v2.ITaskTemplate> = {}): IJob {
  return {
    template: {
      template: {
        serviceAccount: RUNNER,
        maxRetries: 0,
        containers: [
          {
            name: 'app',
            image: IMAGE,
            command: [process.execPath],
            args: script(js),
            env: [{ name: 'MODE', value: 'job' }],
          },
        ],
        ...extra,
      },
    },
  };
}

async function run(name: string, overrides?: protos.google.cloud.run.v2.RunJobRequest.IOverrides) {
  const [op] = await jobs.runJob({ name, ...(overrides ? { overrides } : {}) });
  const [execution] = await op.promise();
  const [list] = await tasks.listTasks({ parent: execution.name! });
  return { execution, tasks: list };
}

describe('Cloud Run Jobs through the real clients', () => {
  it('creates, reads and updates a job (generation moves), and refuses a duplicate or an empty template', async () => {
    const [op] = await jobs.createJob({ parent: LOCATION, jobId: 'migrate', job: jobOf('process.exit(0)') });
    const [job] = await op.promise();
    expect(job.name).toBe(`${LOCATION}/jobs/migrate`);
    expect(String(job.generation)).toBe('1');
    expect(job.template?.taskCount).toBe(1);
    await expect(
      jobs.createJob({ parent: LOCATION, jobId: 'migrate', job: jobOf('') }),
    ).rejects.toMatchObject({ code: 6 });
    await expect(
      jobs.createJob({ parent: LOCATION, jobId: 'empty', job: { template: { template: {} } } }),
    ).rejects.toMatchObject({
      code: 3,
    });
    await expect(
      jobs.createJob({ parent: LOCATION, jobId: 'Bad_Name', job: jobOf('') }),
    ).rejects.toMatchObject({ code: 3 });
    const [got] = await jobs.getJob({ name: job.name! });
    const [up] = await jobs.updateJob({ job: { ...got, ...jobOf('console.log("v2", process.env.MODE)') } });
    const [updated] = await up.promise();
    expect(String(updated.generation)).toBe('2');
    expect(updated.template?.template?.containers?.[0]?.args?.[1]).toBe(
      'console.log("v2", process.env.MODE)',
    );
  });

  it('runs an execution with overridden args and env; its task exits 0 and its log holds the output', async () => {
    const { execution, tasks: list } = await run(`${LOCATION}/jobs/migrate`, {
      containerOverrides: [
        {
          args: script('console.log("migrating", process.env.MODE, process.env.CLOUD_RUN_TASK_INDEX)'),
          env: [{ name: 'MODE', value: 'override' }],
        },
      ],
    });
    expect(execution).toMatchObject({ succeededCount: 1, failedCount: 0, taskCount: 1, job: 'migrate' });
    expect(execution.conditions?.[0]?.type).toBe('Completed');
    expect(stateOf(execution.conditions?.[0])).toBe('CONDITION_SUCCEEDED');
    expect(list).toHaveLength(1);
    expect(list[0]?.lastAttemptResult?.exitCode ?? 0).toBe(0);
    expect(emu.jobs.taskLog(list[0].name!)).toBe('migrating override 0\n');
    // The job itself keeps its own args; the execution is listed and counted.
    const [job] = await jobs.getJob({ name: `${LOCATION}/jobs/migrate` });
    expect(job.executionCount).toBe(1);
    expect(job.latestCreatedExecution).toMatchObject({
      name: execution.name,
      completionStatus: 'EXECUTION_SUCCEEDED',
    });
    const [listed] = await executions.listExecutions({ parent: job.name! });
    expect(listed.map((e) => e.name)).toEqual([execution.name]);
  });

  it('a failing task: its exit code, each retry, the log of every attempt, and a failed execution', async () => {
    const [op] = await jobs.createJob({
      parent: LOCATION,
      jobId: 'failing',
      job: jobOf('console.error("attempt", process.env.CLOUD_RUN_TASK_ATTEMPT); process.exit(3)', {
        maxRetries: 1,
      }),
    });
    await op.promise();
    const { execution, tasks: list } = await run(`${LOCATION}/jobs/failing`);
    expect(execution).toMatchObject({ succeededCount: 0, failedCount: 1, retriedCount: 1 });
    expect(stateOf(execution.conditions?.[0])).toBe('CONDITION_FAILED');
    const [again] = await executions.getExecution({ name: execution.name! });
    expect(stateOf(again.conditions?.[0])).toBe('CONDITION_FAILED');
    expect(execution.conditions?.[0]?.message).toMatch(
      /failed with message: The container exited with a non-zero exit code: 3/,
    );
    expect(list[0]).toMatchObject({ retried: 1, lastAttemptResult: { exitCode: 3 } });
    expect(emu.jobs.taskLog(list[0].name!)).toBe('attempt 0\nattempt 1\n');
  });

  it('runs several tasks, each with its own index', async () => {
    const { execution, tasks: list } = await run(`${LOCATION}/jobs/migrate`, {
      taskCount: 3,
      containerOverrides: [
        {
          args: script(
            'console.log(process.env.CLOUD_RUN_TASK_INDEX + "/" + process.env.CLOUD_RUN_TASK_COUNT)',
          ),
        },
      ],
    });
    expect(execution.succeededCount).toBe(3);
    expect(list.map((t) => emu.jobs.taskLog(t.name!))).toEqual(['0/3\n', '1/3\n', '2/3\n']);
  });

  it('resolves secret env vars per task: denied without secretAccessor, read with it', async () => {
    emu.secrets.add('projects/p/secrets/pr-42-db', 'postgres://u:pw@h/db');
    const [op] = await jobs.createJob({
      parent: LOCATION,
      jobId: 'with-secret',
      job: {
        template: {
          template: {
            serviceAccount: RUNNER,
            maxRetries: 0,
            containers: [
              {
                image: IMAGE,
                command: [process.execPath],
                args: script('console.log(process.env.DATABASE_URL.length)'),
                env: [
                  {
                    name: 'DATABASE_URL',
                    valueSource: { secretKeyRef: { secret: 'pr-42-db', version: 'latest' } },
                  },
                ],
              },
            ],
          },
        },
      },
    });
    await op.promise();
    const denied = await run(`${LOCATION}/jobs/with-secret`);
    expect(denied.execution.failedCount).toBe(1);
    expect(denied.tasks[0]?.lastAttemptResult?.status?.message).toMatch(
      /Permission denied on secret: projects\/p\/secrets\/pr-42-db/,
    );
    emu.iam.grantProject('p', 'roles/secretmanager.secretAccessor', `serviceAccount:${RUNNER}`);
    const granted = await run(`${LOCATION}/jobs/with-secret`);
    expect(granted.execution.succeededCount).toBe(1);
    expect(emu.jobs.taskLog(granted.tasks[0].name!)).toBe(`${'postgres://u:pw@h/db'.length}\n`);
  });

  it("a task gets its job identity's tokens from its own metadata server", async () => {
    // What a Cloud Run job's code does for Google APIs: ask the metadata server (GCE_METADATA_HOST here).
    const js = [
      'const base = `http://${process.env.GCE_METADATA_HOST}/computeMetadata/v1/instance/service-accounts/default`;',
      "const h = { headers: { 'Metadata-Flavor': 'Google' } };",
      'const email = await (await fetch(`${base}/email`, h)).text();',
      'const id = await (await fetch(`${base}/identity?audience=https://api.example&format=full`, h)).text();',
      "const claims = JSON.parse(Buffer.from(id.split('.')[1], 'base64url').toString());",
      'console.log(email, claims.email, claims.aud);',
    ].join('\n');
    const [op] = await jobs.createJob({
      parent: LOCATION,
      jobId: 'metadata',
      job: jobOf(`(async () => {\n${js}\n})().catch((e) => { console.error(e); process.exit(1); });`),
    });
    await op.promise();
    const done = await run(`${LOCATION}/jobs/metadata`);
    expect(emu.jobs.taskLog(done.tasks[0].name!)).toBe(`${RUNNER} ${RUNNER} https://api.example\n`);
    expect(done.execution.succeededCount).toBe(1);
  });

  it('deletes a job with its executions', async () => {
    const name = `${LOCATION}/jobs/failing`;
    const [execs] = await executions.listExecutions({ parent: name });
    const [op] = await jobs.deleteJob({ name });
    await op.promise();
    await expect(jobs.getJob({ name })).rejects.toMatchObject({ code: 5 });
    await expect(executions.getExecution({ name: execs[0].name! })).rejects.toMatchObject({ code: 5 });
  });
});
