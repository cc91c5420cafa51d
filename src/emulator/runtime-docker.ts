import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './local-registry.js';
import {
  RevisionStartError,
  type TaskLaunch,
  type TaskOutcome,
  startFailureMessage,
  waitListening,
  type PullLogins,
  type RevisionLaunch,
  type RevisionRuntime,
  type RunningRevision,
} from './runtime.js';

/** The label on every container the emulator starts; its value is the emulator instance id. */
export const CONTAINER_LABEL = 'gcp-deploy-emulator';

interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the docker CLI and returns its exit code and output (never throws for a non-zero exit). */
export function docker(
  bin: string,
  args: string[],
  timeoutMs = 120_000,
  env?: NodeJS.ProcessEnv,
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const opts = { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, ...(env !== undefined ? { env } : {}) };
    execFile(bin, args, opts, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({
        code,
        stdout: String(stdout),
        stderr: String(stderr) || (err && !stderr ? err.message : ''),
      });
    });
  });
}

/** True when a Docker engine answers `docker info`. */
export async function dockerAvailable(bin = dockerBinary()): Promise<boolean> {
  return (await docker(bin, ['info', '--format', '{{.ServerVersion}}'], 10_000)).code === 0;
}

/** The docker CLI to use: $GCP_DEPLOY_DOCKER_BIN or `docker` on PATH. */
export function dockerBinary(): string {
  return process.env.GCP_DEPLOY_DOCKER_BIN ?? 'docker';
}

/**
 * `docker pull` presenting `logins` (a temporary DOCKER_CONFIG, removed afterwards): the pull is made as the
 * identity the logins name, as Cloud Run's infrastructure pulls as its service agent.
 */
async function pull(bin: string, image: string, logins: PullLogins | undefined): Promise<ExecResult> {
  if (logins === undefined || Object.keys(logins).length === 0)
    return docker(bin, ['pull', '--quiet', image]);
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-emu-pull-'));
  try {
    chmodSync(dir, 0o700);
    const auths = Object.fromEntries(
      Object.entries(logins).map(([host, l]) => [
        host,
        { auth: Buffer.from(`${l.username}:${l.password}`).toString('base64') },
      ]),
    );
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths }), { mode: 0o600 });
    return await docker(bin, ['pull', '--quiet', image], 120_000, { ...process.env, DOCKER_CONFIG: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs each revision as a labelled container from the image it was deployed with, published on 127.0.0.1. */
export class DockerRuntime implements RevisionRuntime {
  readonly name = 'docker';
  private readonly containers = new Set<string>();
  /** Images this runtime pulled: removed again on stop, so test runs do not pile up images from random ports. */
  private readonly pulled = new Set<string>();
  private readonly onExit = (): void => this.removeSync();

  constructor(
    private readonly instanceId: string,
    private readonly log: (line: string) => void,
    private readonly bin = dockerBinary(),
    private readonly network: 'bridge' | 'host' = 'bridge',
  ) {
    // A test that fails before stop() must still leave no containers behind.
    process.once('exit', this.onExit);
  }

  async start(launch: RevisionLaunch): Promise<RunningRevision> {
    const pulled = await pull(this.bin, launch.image, launch.pullLogins);
    if (pulled.code !== 0) {
      this.log(`pull ${launch.image} failed: ${pulled.stderr.trim()}`);
      throw new RevisionStartError(`Image '${launch.image}' not found.`);
    }
    this.pulled.add(launch.image);
    const args = ['run', '-d', '--label', `${CONTAINER_LABEL}=${this.instanceId}`];
    args.push('--label', `${CONTAINER_LABEL}.revision=${launch.revisionId}`);
    args.push('--label', `${CONTAINER_LABEL}.pid=${process.pid}`);
    // On the host's network every revision shares one loopback, so each gets its own free port as PORT.
    const hostNetPort = this.network === 'host' ? await freePort() : undefined;
    if (hostNetPort === undefined) args.push('-p', `127.0.0.1::${launch.containerPort}`);
    else args.push('--network', 'host');
    const env = hostNetPort === undefined ? launch.env : { ...launch.env, PORT: String(hostNetPort) };
    for (const [k, v] of Object.entries(env)) args.push('-e', `${k}=${v}`);
    // Secret volume files: written to a private directory, each bind-mounted read-only at its path.
    const secretDir = launch.files?.length ? mkdtempSync(join(tmpdir(), 'gcpd-emu-secrets-')) : undefined;
    (launch.files ?? []).forEach((f, i) => {
      const host = join(secretDir ?? '', String(i));
      writeFileSync(host, f.data, { mode: 0o600 });
      chmodSync(host, f.mode & 0o777);
      args.push('-v', `${host}:${f.path}:ro`);
    });
    const dropSecrets = (): void => {
      if (secretDir) rmSync(secretDir, { recursive: true, force: true });
    };
    if (launch.command.length) args.push('--entrypoint', launch.command[0]);
    args.push(launch.image, ...launch.command.slice(1), ...launch.args);
    const ran = await docker(this.bin, args);
    if (ran.code !== 0) dropSecrets();
    if (ran.code !== 0)
      throw new RevisionStartError(startFailureMessage(launch.containerPort, ran.stderr.trim()));
    const id = ran.stdout.trim();
    this.containers.add(id);
    const stop = async (): Promise<void> => {
      this.containers.delete(id);
      await docker(this.bin, ['rm', '-f', id]);
      dropSecrets();
    };
    const hostPort =
      hostNetPort ??
      Number(
        /:(\d+)\s*$/m.exec(
          (await docker(this.bin, ['port', id, `${launch.containerPort}/tcp`])).stdout,
        )?.[1] ?? NaN,
      );
    const exited = async (): Promise<string | undefined> => {
      const st = await docker(this.bin, ['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', id]);
      const [state, code] = st.stdout.trim().split(' ');
      return state === 'exited' || state === 'dead' ? `The container exited with code ${code}.` : undefined;
    };
    const waited = Number.isFinite(hostPort)
      ? await waitListening(hostPort, launch.startupTimeoutMs, exited)
      : { ok: false as const, detail: (await exited()) ?? '' };
    if (!waited.ok) {
      const logs = await docker(this.bin, ['logs', '--tail', '20', id]);
      this.log(
        `revision ${launch.revisionId} failed to start; container output:\n${(logs.stdout + logs.stderr).trim()}`,
      );
      await stop();
      throw new RevisionStartError(startFailureMessage(launch.containerPort, waited.detail));
    }
    return { hostPort, stop };
  }

  async runTask(task: TaskLaunch): Promise<TaskOutcome> {
    const pulled = await pull(this.bin, task.image, task.pullLogins);
    if (pulled.code !== 0)
      return { exitCode: 125, timedOut: false, log: `Image '${task.image}' not found.\n` };
    this.pulled.add(task.image);
    const args = ['run', '-d', '--label', `${CONTAINER_LABEL}=${this.instanceId}`];
    args.push('--label', `${CONTAINER_LABEL}.task=${task.task.split('/').pop() ?? ''}`);
    args.push('--label', `${CONTAINER_LABEL}.pid=${process.pid}`);
    if (this.network === 'host') args.push('--network', 'host');
    for (const [k, v] of Object.entries(task.env)) args.push('-e', `${k}=${v}`);
    const secretDir = task.files?.length ? mkdtempSync(join(tmpdir(), 'gcpd-emu-secrets-')) : undefined;
    (task.files ?? []).forEach((f, i) => {
      const host = join(secretDir ?? '', String(i));
      writeFileSync(host, f.data, { mode: 0o600 });
      chmodSync(host, f.mode & 0o777);
      args.push('-v', `${host}:${f.path}:ro`);
    });
    if (task.command.length) args.push('--entrypoint', task.command[0]);
    args.push(task.image, ...task.command.slice(1), ...task.args);
    try {
      const ran = await docker(this.bin, args);
      if (ran.code !== 0) return { exitCode: 125, timedOut: false, log: ran.stderr };
      const id = ran.stdout.trim();
      this.containers.add(id);
      const waited = await docker(this.bin, ['wait', id], task.timeoutMs);
      const timedOut = waited.code !== 0;
      if (timedOut) await docker(this.bin, ['kill', id]);
      const logs = await docker(this.bin, ['logs', id]);
      const code = timedOut ? 137 : Number(waited.stdout.trim());
      await docker(this.bin, ['rm', '-f', id]);
      this.containers.delete(id);
      return { exitCode: Number.isFinite(code) ? code : 1, timedOut, log: logs.stdout + logs.stderr };
    } finally {
      if (secretDir) rmSync(secretDir, { recursive: true, force: true });
    }
  }

  async stopAll(): Promise<void> {
    process.removeListener('exit', this.onExit);
    const listed = await docker(this.bin, [
      'ps',
      '-aq',
      '--filter',
      `label=${CONTAINER_LABEL}=${this.instanceId}`,
    ]);
    const ids = new Set([...this.containers, ...listed.stdout.split(/\s+/).filter(Boolean)]);
    if (ids.size) await docker(this.bin, ['rm', '-f', '-v', ...ids]);
    this.containers.clear();
    // Best effort: an image another container still uses stays.
    if (this.pulled.size) await docker(this.bin, ['rmi', ...this.pulled]);
    this.pulled.clear();
  }

  /** Removes containers left by emulators whose process died without cleaning up (e.g. SIGKILL). */
  async sweepOrphans(): Promise<void> {
    const listed = await docker(this.bin, [
      'ps',
      '-a',
      '--filter',
      `label=${CONTAINER_LABEL}`,
      '--format',
      `{{.ID}} {{.Label "${CONTAINER_LABEL}.pid"}}`,
    ]);
    const orphans = listed.stdout
      .split('\n')
      .map((l) => l.trim().split(' '))
      .filter(([id, pid]) => id && pid && !processAlive(Number(pid)))
      .map(([id]) => id);
    if (orphans.length === 0) return;
    this.log(`removing ${orphans.length} container(s) left by emulators that exited without stopping`);
    await docker(this.bin, ['rm', '-f', ...orphans]);
  }

  private removeSync(): void {
    if (this.containers.size === 0) return;
    try {
      execFileSync(this.bin, ['rm', '-f', ...this.containers], { stdio: 'ignore', timeout: 20_000 });
    } catch {
      // best effort at process exit
    }
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // unknown owner: leave it alone
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
