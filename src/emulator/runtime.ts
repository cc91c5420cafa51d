import type { Msg } from './cloud-run-state.js';
import { ingressContainer } from './template-validation.js';

/** What a runtime needs to start one revision, derived from its template's ingress container. */
export interface RevisionLaunch {
  /** Full revision resource name. */
  revision: string;
  revisionId: string;
  serviceId: string;
  image: string;
  command: string[];
  args: string[];
  /** PORT as Cloud Run sets it: the ingress container port, default 8080. */
  containerPort: number;
  /** The template's env vars plus PORT, K_SERVICE, K_REVISION, K_CONFIGURATION (PORT may be overridden by a runtime). */
  env: Record<string, string>;
  startupTimeoutMs: number;
  /** Secret volume files to mount read-only (resolved from Secret Manager at start). */
  files?: SecretFile[];
  /** Registry logins for the image pull (Cloud Run pulls as its service agent). */
  pullLogins?: PullLogins;
}

/** docker login entries by registry host: what the runtime's image pull presents. */
export type PullLogins = Record<string, { username: string; password: string }>;

/** One file of a secret volume: its absolute path in the container, its bytes and mode. */
export interface SecretFile {
  path: string;
  data: Buffer;
  mode: number;
}

/** A started revision: where it listens on 127.0.0.1, and how to stop it. */
export interface RunningRevision {
  hostPort: number;
  stop(): Promise<void>;
}

/** Runs revisions: Docker containers or local processes. */
export interface RevisionRuntime {
  readonly name: 'docker' | 'process';
  /** Starts a revision and resolves once it answers HTTP; rejects with a {@link RevisionStartError}. */
  start(launch: RevisionLaunch): Promise<RunningRevision>;
  /** Runs a job task's container to completion: its exit code and its output (the task's log). */
  runTask(task: TaskLaunch): Promise<TaskOutcome>;
  /** Stops everything this runtime started. */
  stopAll(): Promise<void>;
}

/** One attempt of a job task: the container's image, command, args and env (secrets resolved), a deadline. */
export interface TaskLaunch {
  task: string;
  image: string;
  command: string[];
  args: string[];
  env: Record<string, string>;
  files?: SecretFile[];
  timeoutMs: number;
  /** Registry logins for the image pull (see RevisionLaunch.pullLogins). */
  pullLogins?: PullLogins;
}

/** How an attempt ended: an exit code, or a timeout; `log` is its stdout and stderr. */
export interface TaskOutcome {
  exitCode: number;
  timedOut: boolean;
  log: string;
}

/** A revision that could not start; `message` is the condition message Cloud Run would show. */
export class RevisionStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevisionStartError';
  }
}

/** Cloud Run's condition message for a container that did not listen on PORT in time. */
export function startFailureMessage(port: number, detail = ''): string {
  return (
    `The user-provided container failed to start and listen on the port defined provided by the PORT=${port} environment variable within the allocated timeout. ` +
    'This can happen when the container port is misconfigured or if the timeout is too short. ' +
    'The health check timeout can be extended. Logs for this revision might contain more information.' +
    (detail ? ` ${detail}` : '')
  );
}

/**
 * Builds the launch description of a revision's ingress container (the one with a port, or the only one),
 * with Cloud Run's injected env vars. Cloud Run sends every request to that container, so it alone decides
 * whether the revision serves. Sidecars (the other containers) are not run by the emulator: their images
 * may be anything, and nothing routes to them; their fields are still stored and returned as given.
 */
export function launchFromTemplate(
  revision: string,
  serviceId: string,
  template: Msg,
  startupTimeoutMs: number,
): RevisionLaunch {
  const c = ingressContainer(template) ?? {};
  const ports = Array.isArray(c.ports) ? (c.ports as Msg[]) : [];
  const containerPort =
    typeof ports[0]?.containerPort === 'number' && ports[0].containerPort > 0 ? ports[0].containerPort : 8080;
  const revisionId = revision.split('/').pop() ?? revision;
  const env: Record<string, string> = {};
  for (const e of Array.isArray(c.env) ? (c.env as Msg[]) : []) {
    // Secret references are resolved at start (runtime-secrets.ts), not here.
    if (e.valueSource) continue;
    if (typeof e.name === 'string' && e.name) env[e.name] = typeof e.value === 'string' ? e.value : '';
  }
  Object.assign(env, {
    PORT: String(containerPort),
    K_SERVICE: serviceId,
    K_REVISION: revisionId,
    K_CONFIGURATION: serviceId,
  });
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return {
    revision,
    revisionId,
    serviceId,
    image: typeof c.image === 'string' ? c.image : '',
    command: strings(c.command),
    args: strings(c.args),
    containerPort,
    env,
    startupTimeoutMs,
  };
}

/** Resolves true once something answers HTTP on 127.0.0.1:port (any status), as a TCP startup probe through a proxy. */
export async function answersHttp(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` until it is true, `exited` returns a reason, or the timeout passes; returns the failure detail or undefined. */
export async function waitListening(
  port: number,
  timeoutMs: number,
  exited: () => Promise<string | undefined>,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const gone = await exited();
    if (gone !== undefined) return { ok: false, detail: gone };
    if (await answersHttp(port)) return { ok: true };
    if (Date.now() > deadline) return { ok: false, detail: '' };
    await new Promise((r) => setTimeout(r, 100));
  }
}
