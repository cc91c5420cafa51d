/**
 * The README's opt-in workflow (the block headed `# .github/workflows/preview-opt-in.yml`), read out of
 * README.md, played with dist/index.js against the emulator (Docker runtime, a local registry) and the GitHub
 * fake, as readme-lifecycle.test.ts plays the quick start: the workflow's `on:` decides whether a run starts,
 * the job's and each step's `if:` what runs, `with:` (plus action.yml's defaults) what the action gets, all
 * evaluated with GitHub's expression engine. Checkout fetches the ref the README names from a local git
 * repository standing in for GitHub; auth writes the deployer's key as `gha-creds-*.json`.
 *
 * Played: a push to an unlabeled PR (nothing), `labeled` (preview), `unlabeled` (cleanup), `/preview` from a
 * reader (refused with a reply) and from a writer (preview of the PR's head), and the `schedule` run (a
 * preview last deployed 8 days ago, past the README's `stale: 7d`, is swept; a fresh one is kept). The 8 days
 * are the emulator's Cloud Run clock turned back while that preview deploys.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServicesClient } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { prepareFixture } from '../fixtures/prepare-fixture.js';
import { pullRequestEvent, type ActionRun } from './support/action-runner.js';
import { emulatorOptions } from './support/emulator-options.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';
import {
  REPO,
  credentialsPath,
  git,
  jobOf,
  playJob,
  type Job,
  type JobPlayer,
  type SimEvent,
} from './support/readme-job.js';
import { readmeDockerignore, readmeWorkflow } from './support/readme-workflow.js';

const DAY = 86_400_000;

const workflow = readmeWorkflow('.github/workflows/preview-opt-in.yml');
const { jobs, actionStep, authStep } = jobOf(workflow);
const target = {
  project: String(actionStep?.with?.project_id ?? ''),
  region: String(actionStep?.with?.region ?? 'us-central1'),
  service: String(actionStep?.with?.service ?? ''),
  label: String(actionStep?.with?.preview_label ?? ''),
};

describe.skipIf(skipWithout('README opt-in e2e', ['docker', 'docker-registry', 'busybox']))(
  "the README's opt-in workflow: labels, /preview comments and the scheduled sweep (dist/index.js, emulator)",
  () => {
    let registry: LocalRegistry;
    let emulator: Emulator;
    let github: GitHubFake;
    let deployer: Caller;
    let services: ServicesClient;
    let origin = '';
    /** How far Cloud Run's clock is turned back. */
    let clockBack = 0;
    const workspaces: string[] = [];

    /** A commit on the PR's branch, published as GitHub does under refs/pull/N/head. */
    function commit(pr: number, text: string): string {
      const branch = `feature-${pr}`;
      const exists = git(origin, 'branch', '--list', branch) !== '';
      git(origin, 'checkout', '-q', exists ? branch : '-b', ...(exists ? [] : [branch, 'main']));
      writeFileSync(join(origin, 'site', 'version.txt'), `${text}\n`);
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', text);
      const head = git(origin, 'rev-parse', 'HEAD');
      git(origin, 'update-ref', `refs/pull/${pr}/head`, head);
      github.pulls.set(pr, 'open');
      github.pullHeads.set(pr, { sha: head, ref: branch, repo: REPO.full_name });
      return head;
    }

    function prEvent(pr: number, action: string, head: string, labels: string[], label?: string): SimEvent {
      const payload: Record<string, unknown> = { ...pullRequestEvent({ number: pr, sha: head }), action };
      const pull = payload.pull_request as Record<string, unknown>;
      pull.labels = labels.map((name, i) => ({ id: i + 1, name }));
      payload.repository = REPO;
      if (label !== undefined) payload.label = { id: 99, name: label };
      return { name: 'pull_request', payload, sha: head, ref: `refs/pull/${pr}/merge` };
    }

    function commentEvent(pr: number, login: string, body: string): SimEvent {
      const c = github.addComment(pr, login, body);
      return {
        name: 'issue_comment',
        payload: {
          action: 'created',
          issue: { number: pr, pull_request: { url: `${github.url}/repos/acme/web/pulls/${pr}` } },
          comment: { id: c.id, body, user: { login }, author_association: 'MEMBER' },
          repository: REPO,
        },
        sha: git(origin, 'rev-parse', 'main'),
        ref: 'refs/heads/main',
      };
    }

    const scheduleEvent = (): SimEvent => ({
      name: 'schedule',
      payload: {
        schedule: String((workflow.on as unknown as Record<string, { cron: string }[]>).schedule?.[0]?.cron),
      },
      sha: git(origin, 'rev-parse', 'main'),
      ref: 'refs/heads/main',
    });

    const player: JobPlayer = {
      workflow,
      origin: () => origin,
      emulator: () => emulator,
      github: () => github,
      registryHost: () => registry.host,
      runId: '4243',
      workspaces,
      login(_ev, _with, workspace, env) {
        const creds = credentialsPath(workspace);
        writeFileSync(creds, readFileSync(deployer.keyPath));
        Object.assign(env, { GOOGLE_APPLICATION_CREDENTIALS: creds, GOOGLE_GHA_CREDS_PATH: creds });
      },
    };
    const play = (ev: SimEvent): Promise<Job> => playJob(player, ev);

    async function action(ev: SimEvent): Promise<ActionRun> {
      const job = await play(ev);
      expect(job.triggered, `${ev.name} ${JSON.stringify(ev.payload.action ?? '')} starts no run`).toBe(true);
      expect(job.run, `the action step did not run on ${ev.name}`).toBeDefined();
      return job.run as ActionRun;
    }

    async function prTags(): Promise<Record<string, string>> {
      const name = `projects/${target.project}/locations/${target.region}/services/${target.service}`;
      try {
        const [svc] = await services.getService({ name });
        const tags: Record<string, string> = {};
        for (const t of svc.traffic ?? []) if (t.tag) tags[t.tag] = t.revision ?? 'LATEST';
        return tags;
      } catch {
        return {}; // the service a first preview created is deleted with its last preview
      }
    }
    const stickyOf = (pr: number): string =>
      github.comments.filter((c) => c.issue === pr && c.user.login === github.identity.login).at(-1)?.body ??
      '';

    beforeAll(async () => {
      expect(jobs, 'the opt-in workflow has one job').toHaveLength(1);
      expect(actionStep, 'the opt-in workflow uses the action').toBeDefined();
      expect(target.label, 'the opt-in workflow sets preview_label').not.toBe('');
      registry = await startLocalRegistry();
      emulator = await startEmulator({ runtime: 'docker', registry, clock: () => Date.now() - clockBack });
      github = await startGitHubFake();
      const email = String(authStep?.with?.service_account ?? '');
      const [, name = '', project = ''] = /^([^@]+)@([^.]+)\.iam\.gserviceaccount\.com$/.exec(email) ?? [];
      deployer = serviceAccountCaller(emulator, project, name, DEPLOYER_ROLES);
      services = new ServicesClient(emulatorOptions(emulator));
      github.roles.set('maint', 'write');
      github.roles.set('reader', 'read');

      const app = prepareFixture('example-app');
      origin = mkdtempSync(join(tmpdir(), 'gcpd-origin-'));
      cpSync(app.dir, origin, { recursive: true });
      app.remove();
      writeFileSync(join(origin, '.dockerignore'), readmeDockerignore());
      git(origin, 'init', '-q', '-b', 'main');
      git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', 'Initial commit');
    }, 300_000);

    afterAll(async () => {
      expect(github?.violations ?? []).toEqual([]);
      await services?.close();
      await emulator?.stop();
      await registry?.stop();
      await github?.stop();
      deployer?.remove();
      for (const dir of [origin, ...workspaces])
        if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('a push to an unlabeled PR does nothing; labeled previews it; unlabeled removes it', async () => {
      const a1 = commit(1, 'one');
      emulator.recorder.clear();
      const unlabeled = await action(prEvent(1, 'opened', a1, []));
      expect(unlabeled.code, unlabeled.stdout).toBe(0);
      expect(unlabeled.outputs.result).toBe('skipped');
      expect(emulator.recorder.calls).toEqual([]);

      const labeled = await action(prEvent(1, 'labeled', a1, [target.label], target.label));
      expect(labeled.outputs.result, labeled.stdout).toBe('success');
      expect((await prTags())['pr-1']).toBe(labeled.outputs.revision);
      expect(stickyOf(1)).toMatch(/Preview ready|ready/i);

      const removed = await action(prEvent(1, 'unlabeled', a1, [], target.label));
      expect(removed.outputs.result, removed.stdout).toBe('removed');
      expect((await prTags())['pr-1']).toBeUndefined();
      expect(stickyOf(1)).toContain(`\`${target.label}\``);
    });

    it('/preview from a reader is refused with a reply; from a writer it previews the PR head', async () => {
      const b1 = commit(2, 'two');
      emulator.recorder.clear();
      const refused = await action(commentEvent(2, 'reader', '/preview'));
      expect(refused.code, refused.stdout).toBe(0);
      expect(refused.outputs.result).toBe('skipped');
      expect(emulator.recorder.mutations()).toEqual([]);
      expect(github.comments.at(-1)?.body).toMatch(
        /^@reader: only people with write, maintain or admin permission .*Nothing was deployed/,
      );

      const job = await play(commentEvent(2, 'maint', '/preview'));
      expect(job.checkedOut).toBe(b1);
      expect(job.run?.outputs.result, job.run?.stdout).toBe('success');
      expect((await prTags())['pr-2']).toBe(job.run?.outputs.revision);
      expect(github.labels.get(2)).toEqual([target.label]);

      // A comment that is no command never reaches the action: the job's `if:` skips it.
      const chatter = await play(commentEvent(2, 'maint', 'looks good'));
      expect(chatter.triggered).toBe(true);
      expect(chatter.ran).toEqual([]);
    });

    it('schedule: a preview not deployed for longer than stale is swept, a fresh one kept', async () => {
      const c1 = commit(3, 'three');
      clockBack = 8 * DAY; // PR 3's preview deploys "8 days ago"
      try {
        const old = await action(prEvent(3, 'labeled', c1, [target.label], target.label));
        expect(old.outputs.result, old.stdout).toBe('success');
      } finally {
        clockBack = 0;
      }
      const before = await prTags();
      expect(
        Object.keys(before)
          .filter((t) => t.startsWith('pr-'))
          .sort(),
      ).toEqual(['pr-2', 'pr-3']);

      const sweep = await action(scheduleEvent());
      expect(sweep.outputs.result, sweep.stdout).toBe('removed');
      const after = await prTags();
      expect(after['pr-3']).toBeUndefined();
      expect(after['pr-2']).toBe(before['pr-2']);
      expect(stickyOf(3)).toMatch(
        /Expired after 7 days without a deploy; push, label or `\/preview` to bring it back/,
      );
      expect(stickyOf(2)).not.toMatch(/Expired/);
    });
  },
);
