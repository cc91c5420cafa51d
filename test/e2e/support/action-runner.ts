/**
 * Runs dist/index.js the way the Actions runner does: INPUT_* variables, a real-shaped event payload in
 * GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files read back afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOutputFile } from '../../../src/demo/demo.js';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const bundlePath = join(repoRoot, 'dist', 'index.js');
/** Node 24 from the `node` npm package: the runtime action.yml declares. */
export const node24 = join(repoRoot, 'node_modules', 'node', 'bin', 'node');

/** The machine's own node (npm scripts put node_modules/.bin, and so Node 24, first on PATH). */
export const machineNode =
  (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => dir !== '' && !dir.includes('node_modules'))
    .map((dir) => join(dir, 'node'))
    .find((candidate) => existsSync(candidate)) ?? process.execPath;

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  durationMs: number;
}

export interface PullRequestEventOptions {
  number: number;
  sha: string;
  action?: 'opened' | 'synchronize' | 'reopened' | 'closed';
  headRef?: string;
  title?: string;
  fork?: boolean;
  repo?: string;
}

/** A pull_request payload with the fields GitHub sends that the action reads. */
export function pullRequestEvent(o: PullRequestEventOptions): Record<string, unknown> {
  const repo = o.repo ?? 'acme/web';
  const [owner = 'acme', name = 'web'] = repo.split('/');
  const headRepo = o.fork === true ? `contributor/${name}` : repo;
  return {
    action: o.action ?? 'synchronize',
    number: o.number,
    pull_request: {
      number: o.number,
      title: o.title ?? `PR ${o.number}`,
      state: o.action === 'closed' ? 'closed' : 'open',
      head: {
        sha: o.sha,
        ref: o.headRef ?? `feature-${o.number}`,
        repo: { full_name: headRepo, fork: o.fork === true },
      },
      base: { ref: 'main', sha: '1'.repeat(40), repo: { full_name: repo } },
    },
    repository: { full_name: repo, name, owner: { login: owner } },
  };
}

export interface RunActionOptions {
  inputs: Record<string, string>;
  eventName: string;
  event: Record<string, unknown>;
  env?: Record<string, string>;
  sha?: string;
  ref?: string;
  node?: string;
  timeoutMs?: number;
  /** The step's working directory, GITHUB_WORKSPACE (default: this repository). */
  cwd?: string;
  /** Sees the stdout so far after every chunk (a test cancelling the run at a phase sends its signal here). */
  onStdout?: (stdout: string, child: ChildProcess) => void;
}

/** Spawns the bundle with a runner-shaped environment and returns its exit code, outputs and summary. */
export async function runAction(o: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-action-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(o.event));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const pr = (o.event.pull_request ?? {}) as { head?: { sha?: string } };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_SHA: o.sha ?? pr.head?.sha ?? '0'.repeat(40),
    GITHUB_REF: o.ref ?? 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.example',
    RUNNER_TEMP: dir,
    ...(o.cwd !== undefined ? { GITHUB_WORKSPACE: o.cwd } : {}),
    ...o.env,
  };
  for (const [k, v] of Object.entries(o.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(o.node ?? process.execPath, [bundlePath], { env, cwd: o.cwd ?? repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      o.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 240_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? 1,
        stdout,
        stderr,
        outputs: readOutputFile(readFileSync(outputPath, 'utf8')),
        summary: readFileSync(summaryPath, 'utf8'),
        durationMs: Date.now() - started,
      });
    });
  });
}
