/**
 * A README workflow's one job played as the Actions runner plays it, for the tests that run the README's
 * own YAML: the event must trigger it (`on:`), the job's and each step's `if:` decide what runs, checkout
 * fetches the commit from a local repository standing in for GitHub, the auth step is the test's (a key
 * file or workload identity federation), and the action step runs dist/index.js with its `with:` evaluated.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../../src/emulator/index.js';
import type { GitHubFake } from '../../fakes/github-fake.js';
import { runAction, type ActionRun } from './action-runner.js';
import {
  actionDefaults,
  condition,
  dispatchInputs,
  interpolate,
  triggers,
  type Workflow,
  type WorkflowStep,
} from './readme-workflow.js';

export const REPO = { full_name: 'acme/web', name: 'web', owner: { login: 'acme' }, default_branch: 'main' };

export interface SimEvent {
  name: string;
  payload: Record<string, unknown>;
  /** GITHUB_SHA and GITHUB_REF as the runner sets them for this event. */
  sha: string;
  ref: string;
  /** workflow_dispatch inputs as typed in the Actions tab. */
  inputs?: Record<string, string>;
}

export interface Job {
  triggered: boolean;
  /** The `uses:` of each step that ran, in order. */
  ran: string[];
  /** The commit the workspace had checked out, when checkout ran. */
  checkedOut?: string;
  run?: ActionRun;
}

/** `git -C dir …` as a developer with a name, returning its output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
    },
  }).trim();
}

/** The workflow's one job, its steps and the action's step, as a test reads them. */
export function jobOf(workflow: Workflow): {
  jobs: Workflow['jobs'][string][];
  steps: WorkflowStep[];
  actionStep: WorkflowStep | undefined;
  authStep: WorkflowStep | undefined;
} {
  const jobs = Object.values(workflow.jobs);
  const steps = jobs[0]?.steps ?? [];
  return {
    jobs,
    steps,
    actionStep: steps.find((s) => /(^|\/)gcp-deploy@/.test(s.uses ?? '')),
    authStep: steps.find((s) => s.uses?.startsWith('google-github-actions/auth@')),
  };
}

export interface JobPlayer {
  workflow: Workflow;
  /** The repository standing in for GitHub's, which checkout fetches from. */
  origin: () => string;
  emulator: () => Emulator;
  github: () => GitHubFake;
  registryHost: () => string;
  /** The run's id in `github.run_id`. */
  runId: string;
  /** Workspaces made, for the test to remove. */
  workspaces: string[];
  /** The auth step: writes credentials in the workspace and adds what it exports to `env`. */
  login(ev: SimEvent, with_: Record<string, string>, workspace: string, env: Record<string, string>): void;
  /** The action's inputs after `with:`, for a test to shorten what only takes time (smoke durations). */
  adjust?(inputs: Record<string, string>): void;
}

/** The expression contexts of a job run for an event, as the runner builds them. */
export function jobContext(p: JobPlayer, ev: SimEvent, workspace: string): Record<string, unknown> {
  const github = p.github();
  return {
    github: {
      event_name: ev.name,
      event: ev.payload,
      sha: ev.sha,
      ref: ev.ref,
      ref_name: ev.ref.replace(/^refs\/(heads|tags)\//, ''),
      repository: REPO.full_name,
      repository_owner: REPO.owner.login,
      token: github.token,
      workspace,
      server_url: 'https://github.example',
      api_url: github.url,
      run_id: p.runId,
      actor: 'octocat',
    },
    inputs: ev.name === 'workflow_dispatch' ? dispatchInputs(p.workflow, ev.inputs ?? {}) : {},
    env: {},
    vars: {},
    secrets: { GITHUB_TOKEN: github.token },
    runner: { os: 'Linux', temp: workspace },
    job: { status: 'success' },
    steps: {},
  };
}

/** A unique credentials file name in the workspace, as auth@v3 names it. */
export function credentialsPath(workspace: string): string {
  return join(workspace, `gha-creds-${randomBytes(8).toString('hex')}.json`);
}

/** Runs the workflow's job for an event as the runner would: `on:`, the job's and steps' `if:`, `with:`. */
export async function playJob(p: JobPlayer, ev: SimEvent, o: { emulator?: boolean } = {}): Promise<Job> {
  if (!triggers(p.workflow, ev.name, ev.payload, ev.ref)) return { triggered: false, ran: [] };
  const { jobs, steps, actionStep } = jobOf(p.workflow);
  const workspace = mkdtempSync(join(tmpdir(), 'gcpd-workspace-'));
  p.workspaces.push(workspace);
  const context = jobContext(p, ev, workspace);
  const job: Job = { triggered: true, ran: [] };
  if (!condition(jobs[0]?.if, context)) return job;
  const emulator = p.emulator();
  // The stand-ins' addresses (a runner reaches the real services); the auth step adds its credentials.
  const env: Record<string, string> = { ...emulator.identity.env(), GITHUB_API_URL: p.github().url };
  if (o.emulator !== false) env.GCP_DEPLOY_EMULATOR_HOST = emulator.endpoint;
  for (const step of steps) {
    if (!condition(step.if, context)) continue;
    const uses = step.uses ?? '';
    const withs: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.with ?? {})) withs[k] = interpolate(v, context);
    if (uses.startsWith('actions/checkout@')) {
      const ref = withs.ref || ev.sha;
      git(workspace, 'init', '-q');
      git(workspace, 'fetch', '-q', '--depth=1', `file://${p.origin()}`, ref);
      git(workspace, 'checkout', '-q', '--detach', 'FETCH_HEAD');
      job.checkedOut = git(workspace, 'rev-parse', 'HEAD');
    } else if (uses.startsWith('google-github-actions/auth@')) {
      p.login(ev, withs, workspace, env);
    } else if (step === actionStep) {
      const inputs: Record<string, string> = { ...actionDefaults(context), ...withs };
      inputs.registry_host = p.registryHost();
      p.adjust?.(inputs);
      job.run = await runAction({
        inputs,
        eventName: ev.name,
        event: ev.payload,
        sha: ev.sha,
        ref: ev.ref,
        env,
        cwd: workspace,
      });
    } else {
      throw new Error(`README workflow: a step this test cannot simulate: ${uses || step.run || '?'}`);
    }
    job.ran.push(uses.replace(/@.*/, ''));
  }
  return job;
}
