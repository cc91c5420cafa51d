import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { freePort } from './local-registry.js';
import {
  type TaskLaunch,
  type TaskOutcome,
  RevisionStartError,
  startFailureMessage,
  waitListening,
  type RevisionLaunch,
  type RevisionRuntime,
  type RunningRevision,
} from './runtime.js';

/** Runs a revision's ingress container `command` + `args` as a local process (no Docker); the image is ignored. */
export class ProcessRuntime implements RevisionRuntime {
  readonly name = 'process';
  private readonly children = new Set<ChildProcess>();
  private readonly onExit = (): void => {
    for (const c of this.children) kill(c, 'SIGKILL');
  };

  constructor(private readonly log: (line: string) => void) {
    process.once('exit', this.onExit);
  }

  async start(launch: RevisionLaunch): Promise<RunningRevision> {
    const argv = [...launch.command, ...launch.args];
    if (argv.length === 0) {
      throw new RevisionStartError(
        `${startFailureMessage(launch.containerPort)} The process runtime runs the ingress container's command + args and none was given.`,
      );
    }
    // A process cannot have files mounted at container paths: secret volumes were resolved (and checked) but
    // are not visible to it; the Docker runtime mounts them.
    if (launch.files?.length)
      this.log(
        `revision ${launch.revisionId}: ${launch.files.length} secret volume file(s) not mounted by the process runtime`,
      );
    // Every revision shares the loopback interface, so each gets its own free port as PORT.
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/',
      ...launch.env,
      PORT: String(port),
    };
    const child = spawn(argv[0], argv.slice(1), { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    let output = '';
    const collect = (d: Buffer): void => {
      output = (output + d.toString()).slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    let spawnError = '';
    child.once('error', (err) => {
      spawnError = err.message;
    });
    const exited = (): Promise<string | undefined> =>
      Promise.resolve(
        spawnError
          ? `The process could not start: ${spawnError}.`
          : child.exitCode !== null || child.signalCode !== null
            ? `The container exited with code ${child.exitCode ?? child.signalCode}.`
            : undefined,
      );
    const stop = async (): Promise<void> => {
      this.children.delete(child);
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      kill(child, 'SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 2000))]);
      kill(child, 'SIGKILL');
    };
    const waited = await waitListening(port, launch.startupTimeoutMs, exited);
    if (!waited.ok) {
      this.log(`revision ${launch.revisionId} failed to start; output:\n${output.trim()}`);
      await stop();
      throw new RevisionStartError(startFailureMessage(port, waited.detail));
    }
    return { hostPort: port, stop };
  }

  async runTask(task: TaskLaunch): Promise<TaskOutcome> {
    const argv = [...task.command, ...task.args];
    if (argv.length === 0)
      return {
        exitCode: 127,
        timedOut: false,
        log: "The process runtime runs the container's command + args and none was given.\n",
      };
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...task.env };
    const child = spawn(argv[0], argv.slice(1), { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    let log = '';
    const collect = (d: Buffer): void => {
      log = (log + d.toString()).slice(-64_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill(child, 'SIGKILL');
    }, task.timeoutMs);
    const exitCode = await new Promise<number>((resolve) => {
      child.once('error', (err) => {
        log += `${err.message}\n`;
        resolve(127);
      });
      child.once('close', (code, signal) =>
        resolve(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 9) : 1)),
      );
    });
    clearTimeout(timer);
    this.children.delete(child);
    return { exitCode, timedOut, log };
  }

  async stopAll(): Promise<void> {
    process.removeListener('exit', this.onExit);
    const all = [...this.children];
    this.children.clear();
    await Promise.all(
      all.map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const gone = new Promise<void>((r) => c.once('exit', () => r()));
        kill(c, 'SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 2000))]);
        kill(c, 'SIGKILL');
      }),
    );
  }
}

/** Signals the whole process group, so shells and their children go too. */
function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
