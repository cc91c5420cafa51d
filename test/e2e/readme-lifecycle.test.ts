/**
 * The README's quick-start workflow, read out of README.md (not a copy), played through its whole life
 * cycle with dist/index.js against the emulator (Docker runtime, a local registry for Artifact Registry) and
 * the GitHub fake. For each simulated event the workflow's own `on:` decides whether it runs, each step's
 * `if:` whether the step runs, and `with:` (plus action.yml's defaults) what the action gets, all evaluated
 * with GitHub's expression engine. The other steps are simulated: checkout fetches the ref the README names
 * into a fresh workspace from a local git repository standing in for GitHub, auth writes
 * `gha-creds-*.json` into the workspace and exports it, as google-github-actions/auth does: the
 * external_account file of its workload_identity_provider + service_account inputs (the whole life cycle
 * then runs on GitHub's OIDC token from the fake, exchanged at the emulator's STS and IAM Credentials), or,
 * in a second pass, a service-account key.
 *
 * What the test supplies beyond the README: the stand-ins' addresses (emulator, registry host, GitHub API)
 * and shorter smoke scenarios (each `duration` cut to 1 s; rates, thresholds and requests as written).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RevisionsClient, ServicesClient } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { prepareFixture } from '../fixtures/prepare-fixture.js';
import { pullRequestEvent, type ActionRun } from './support/action-runner.js';
import { emulatorOptions } from './support/emulator-options.js';
import { federateGitHub, writeAuthV3Credentials } from './support/federation.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';
import {
  REPO,
  credentialsPath,
  git,
  jobContext,
  jobOf,
  playJob,
  type Job,
  type JobPlayer,
  type SimEvent,
} from './support/readme-job.js';
import {
  interpolate,
  readmeDockerignore,
  readmeQuickStart,
  type Workflow,
} from './support/readme-workflow.js';

interface ServiceState {
  /** tag -> revision */
  tags: Record<string, string>;
  /** revision -> percent of production traffic */
  serving: Record<string, number>;
  revisions: string[];
}

const workflow: Workflow = readmeQuickStart();
const { jobs, actionStep, authStep } = jobOf(workflow);
/** The service the README deploys, its project and region, as its `with:` names them. */
const target = {
  project: String(actionStep?.with?.project_id ?? ''),
  region: String(actionStep?.with?.region ?? 'us-central1'),
  service: String(actionStep?.with?.service ?? ''),
};

/**
 * How the auth step logs in: the README's own way (auth@v3's external_account file for its
 * workload_identity_provider and service_account, GitHub's OIDC token exchanged at STS and IAM
 * Credentials), or with a key file as credentials_json would.
 */
type Login = 'workload identity federation' | 'service-account key';

describe
  .skipIf(skipWithout('README life cycle e2e', ['docker', 'docker-registry', 'busybox']))
  .each<Login>(['workload identity federation', 'service-account key'])(
  "the README's workflow through a PR's life cycle, a release and a rollback, logged in with a %s (dist/index.js, emulator)",
  (login) => {
    let registry: LocalRegistry;
    let emulator: Emulator;
    let github: GitHubFake;
    let deployer: Caller;
    let services: ServicesClient;
    let revisions: RevisionsClient;
    let origin = '';
    const workspaces: string[] = [];

    /** Commits a change on `branch` (created from main when new) in the repository standing in for GitHub. */
    function commit(branch: string, message: string, edit: (dir: string) => void): string {
      const exists = git(origin, 'branch', '--list', branch) !== '';
      git(origin, 'checkout', '-q', exists ? branch : '-b', ...(exists ? [] : [branch, 'main']));
      edit(origin);
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', message);
      return git(origin, 'rev-parse', 'HEAD');
    }

    const writeVersion = (text: string) => (dir: string) =>
      writeFileSync(join(dir, 'site', 'version.txt'), `${text}\n`);

    /** GitHub's test merge commit of a PR (refs/pull/N/merge), GITHUB_SHA on pull_request events. */
    function testMerge(pr: number, head: string): string {
      const tree = git(origin, 'merge-tree', '--write-tree', 'main', head);
      const sha = git(origin, 'commit-tree', tree, '-p', 'main', '-p', head, '-m', `Merge ${head} into main`);
      git(origin, 'update-ref', `refs/pull/${pr}/merge`, sha);
      return sha;
    }

    function prEvent(
      pr: number,
      action: 'opened' | 'synchronize' | 'closed',
      head: string,
      o: { merged?: boolean; mergeCommit?: string; fork?: boolean } = {},
    ): SimEvent {
      const payload = pullRequestEvent({ number: pr, sha: head, action, ...(o.fork ? { fork: true } : {}) });
      const pull = payload.pull_request as Record<string, unknown>;
      pull.merged = o.merged === true;
      pull.merge_commit_sha = o.mergeCommit ?? null;
      payload.repository = REPO;
      return {
        name: 'pull_request',
        payload,
        // A closed PR's GITHUB_SHA is the merge commit when merged, else the last test merge commit.
        sha: o.mergeCommit ?? testMerge(pr, head),
        ref: `refs/pull/${pr}/merge`,
      };
    }

    const pushToMain = (sha: string, before: string): SimEvent => ({
      name: 'push',
      payload: { ref: 'refs/heads/main', before, after: sha, repository: REPO, head_commit: { id: sha } },
      sha,
      ref: 'refs/heads/main',
    });

    function releaseOf(tag: string, sha: string): SimEvent {
      return {
        name: 'release',
        payload: {
          action: 'published',
          release: { tag_name: tag, target_commitish: 'main' },
          repository: REPO,
        },
        sha,
        ref: `refs/tags/${tag}`,
      };
    }

    /** The README's smoke config with each scenario's duration cut to 1 s, everything else as written. */
    function shortSmoke(smoke: string | undefined): string | undefined {
      if (smoke === undefined || smoke === '') return smoke;
      const doc = parse(smoke) as { scenarios?: Record<string, { duration?: string }> };
      for (const s of Object.values(doc.scenarios ?? {})) if (s.duration !== undefined) s.duration = '1s';
      return stringify(doc);
    }

    const player: JobPlayer = {
      workflow,
      origin: () => origin,
      emulator: () => emulator,
      github: () => github,
      registryHost: () => registry.host,
      runId: '4242',
      workspaces,
      login(ev, withs, workspace, env) {
        const creds = credentialsPath(workspace);
        if (login === 'service-account key') {
          writeFileSync(creds, readFileSync(deployer.keyPath));
        } else {
          // The job's OIDC token names this run, as GitHub's does.
          writeAuthV3Credentials(creds, github, {
            workloadIdentityProvider: withs.workload_identity_provider ?? '',
            serviceAccount: withs.service_account ?? '',
            claims: {
              repository: REPO.full_name,
              ref: ev.ref,
              sha: ev.sha,
              event_name: ev.name,
              job_workflow_ref: `${REPO.full_name}/.github/workflows/preview.yml@${ev.ref}`,
            },
          });
        }
        // auth@v3 also exports the project it reads from the service account's email.
        const project = /@([^.]+)\.iam\.gserviceaccount\.com$/.exec(deployer.email)?.[1] ?? '';
        Object.assign(env, {
          GOOGLE_APPLICATION_CREDENTIALS: creds,
          CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE: creds,
          GOOGLE_GHA_CREDS_PATH: creds,
          GOOGLE_CLOUD_PROJECT: project,
          GCLOUD_PROJECT: project,
          GCP_PROJECT: project,
          CLOUDSDK_PROJECT: project,
          CLOUDSDK_CORE_PROJECT: project,
        });
      },
      adjust(inputs) {
        const smoke = shortSmoke(inputs.smoke);
        if (smoke !== undefined) inputs.smoke = smoke;
      },
    };

    /** The workflow's concurrency group for an event. */
    function concurrencyOf(ev: SimEvent): string {
      const c = workflow.concurrency;
      const group = typeof c === 'object' ? (c.group ?? '') : (c ?? '');
      return interpolate(group, jobContext(player, ev, '/workspace'));
    }

    /** Runs the workflow's job for an event as the runner would: `on:`, each step's `if:` and `with:`. */
    const play = (ev: SimEvent, o: { emulator?: boolean } = {}): Promise<Job> => playJob(player, ev, o);

    /** Plays an event whose job must run the action, and returns the action's run. */
    async function action(ev: SimEvent): Promise<ActionRun> {
      const job = await play(ev);
      expect(job.triggered, `${ev.name} ${JSON.stringify(ev.payload.action ?? '')} starts no run`).toBe(true);
      expect(job.run, `the action step did not run on ${ev.name}`).toBeDefined();
      return job.run as ActionRun;
    }

    async function state(): Promise<ServiceState> {
      const name = `projects/${target.project}/locations/${target.region}/services/${target.service}`;
      const [svc] = await services.getService({ name });
      const tags: Record<string, string> = {};
      for (const t of svc.traffic ?? []) if (t.tag) tags[t.tag] = t.revision ?? 'LATEST';
      const serving: Record<string, number> = {};
      for (const s of svc.trafficStatuses ?? [])
        if ((s.percent ?? 0) > 0)
          serving[s.revision ?? ''] = (serving[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
      const [list] = await revisions.listRevisions({ parent: name });
      return { tags, serving, revisions: list.map((r) => (r.name ?? '').split('/').pop() ?? '').sort() };
    }

    async function labels(revision: string): Promise<Record<string, string>> {
      const name = `projects/${target.project}/locations/${target.region}/services/${target.service}/revisions/${revision}`;
      const [rev] = await revisions.getRevision({ name });
      return { ...(rev.labels ?? {}) };
    }

    /** The percents the revision got, in order, from the Cloud Run calls the emulator recorded. */
    function trafficSteps(revision: string): number[] {
      const percents: number[] = [];
      for (const c of emulator.recorder.mutations()) {
        const traffic =
          (c.request as { service?: { traffic?: { revision?: string; percent?: number }[] } }).service
            ?.traffic ?? [];
        const p = traffic
          .filter((t) => t.revision === revision)
          .reduce((sum, t) => sum + (t.percent ?? 0), 0);
        if (c.method === 'UpdateService' && p > 0 && percents.at(-1) !== p) percents.push(p);
      }
      return percents;
    }

    beforeAll(async () => {
      expect(jobs, 'the quick start has one job').toHaveLength(1);
      expect(actionStep, 'the quick start uses the action').toBeDefined();
      expect(authStep, 'the quick start authenticates').toBeDefined();
      registry = await startLocalRegistry();
      emulator = await startEmulator({ runtime: 'docker', registry });
      github = await startGitHubFake();
      const email = String(authStep?.with?.service_account ?? '');
      const [, name = '', project = ''] = /^([^@]+)@([^.]+)\.iam\.gserviceaccount\.com$/.exec(email) ?? [];
      deployer = serviceAccountCaller(emulator, project, name, DEPLOYER_ROLES);
      if (login === 'workload identity federation') {
        // The pool and provider the README names (its project number included), set up as it says.
        const provider = String(authStep?.with?.workload_identity_provider ?? '');
        const m =
          /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/.exec(
            provider,
          );
        expect(m, `the README's workload_identity_provider: ${provider}`).not.toBeNull();
        const [, number = '', pool = '', providerId = ''] = m ?? [];
        emulator.identity.registerProject(project, number);
        const federation = federateGitHub(emulator, github, {
          project,
          pool,
          provider: providerId,
          repository: REPO.full_name,
          serviceAccount: email,
        });
        expect(federation.provider).toBe(provider);
      }
      const options = emulatorOptions(emulator);
      services = new ServicesClient(options);
      revisions = new RevisionsClient(options);

      // The repository on "GitHub": the example app, with the README's .dockerignore, on main.
      const app = prepareFixture('example-app');
      origin = mkdtempSync(join(tmpdir(), 'gcpd-origin-'));
      cpSync(app.dir, origin, { recursive: true });
      app.remove();
      writeFileSync(join(origin, '.dockerignore'), readmeDockerignore());
      git(origin, 'init', '-q', '-b', 'main');
      // actions/checkout fetches the exact commit it checks out.
      git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', 'Initial commit');
    }, 300_000);

    afterAll(async () => {
      expect(github?.violations ?? []).toEqual([]);
      await services?.close();
      await revisions?.close();
      await emulator?.stop();
      await registry?.stop();
      await github?.stop();
      deployer?.remove();
      for (const dir of [origin, ...workspaces])
        if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    // Shared across the steps of the life cycle, in order.
    let production = '';
    let firstRelease = '';
    let pr1Good = '';

    it('ships main: its first commit becomes the candidate, and release v0.1.0 promotes it', async () => {
      const main0 = git(origin, 'rev-parse', 'main');
      const issuedBefore = github.oidc.issued.length;
      const push = await action(pushToMain(main0, '0'.repeat(40)));
      expect(push.outputs.result, push.stdout).toBe('success');
      if (login === 'workload identity federation') {
        // The checks' ID token came from the job's OIDC token, exchanged for this push on main.
        expect(github.oidc.issued.slice(issuedBefore).map((t) => t.sub)).toContain(
          'repo:acme/web:ref:refs/heads/main',
        );
      } else {
        expect(github.oidc.issued).toHaveLength(issuedBefore);
      }
      expect(push.outputs.tag).toBe('candidate');
      expect(await labels(push.outputs.revision)).toMatchObject({
        'gcp-deploy-kind': 'candidate',
        'gcp-deploy-sha': main0,
      });
      git(origin, 'tag', 'v0.1.0', main0);
      const release = await action(releaseOf('v0.1.0', main0));
      expect(release.outputs.result, release.stdout).toBe('success');
      production = release.outputs.revision;
      expect((await state()).serving).toEqual({ [production]: 100 });
    });

    it('PR 1: previews its head (not the test merge commit) on open and on each push', async () => {
      const a1 = commit('feature-1', 'Say hello', writeVersion('one'));
      const opened = prEvent(1, 'opened', a1);
      github.pulls.set(1, 'open');
      const job = await play(opened);
      expect(job.ran).toEqual([
        'actions/checkout',
        'google-github-actions/auth',
        actionStep?.uses?.replace(/@.*/, ''),
      ]);
      expect(job.checkedOut).toBe(a1);
      expect(opened.sha).not.toBe(a1);
      const first = job.run as ActionRun;
      expect(first.outputs.result, first.stdout).toBe('success');
      expect(first.outputs.tag).toBe('pr-1');
      expect(await labels(first.outputs.revision)).toMatchObject({
        'gcp-deploy-sha': a1,
        'gcp-deploy-pr': '1',
      });
      let now = await state();
      expect(now.tags['pr-1']).toBe(first.outputs.revision);
      expect(now.serving).toEqual({ [production]: 100 });

      const a2 = commit('feature-1', 'Say hello again', writeVersion('two'));
      const second = await action(prEvent(1, 'synchronize', a2));
      expect(second.outputs.result, second.stdout).toBe('success');
      expect(second.outputs.revision).not.toBe(first.outputs.revision);
      expect(await labels(second.outputs.revision)).toMatchObject({ 'gcp-deploy-sha': a2 });
      now = await state();
      expect(now.tags['pr-1']).toBe(second.outputs.revision);
      expect(now.serving).toEqual({ [production]: 100 });
      pr1Good = second.outputs.revision;
      // The PR's comment and the commit status of the built head.
      expect(github.comments.filter((c) => c.issue === 1)).toHaveLength(1);
      expect(github.statuses.filter((s) => s.sha === a2).at(-1)).toMatchObject({ state: 'success' });
    });

    it('PR 1: a push whose home page is gone fails its smoke checks and the tag returns to the last good revision', async () => {
      const a3 = commit('feature-1', 'Lose the home page', (dir) =>
        unlinkSync(join(dir, 'site', 'index.html')),
      );
      const broken = await action(prEvent(1, 'synchronize', a3));
      expect(broken.code).not.toBe(0);
      expect(broken.outputs.result, broken.stdout).toBe('rolled-back');
      expect(broken.outputs.previous_revision).toBe(pr1Good);
      const now = await state();
      expect(now.tags['pr-1']).toBe(pr1Good);
      expect(now.serving).toEqual({ [production]: 100 });
      expect(github.statuses.filter((s) => s.sha === a3).at(-1)).toMatchObject({ state: 'failure' });

      // Fixed by the next push, which previews again.
      const a4 = commit('feature-1', 'Bring the home page back', (dir) =>
        git(dir, 'checkout', 'main', '--', 'site/index.html'),
      );
      const fixed = await action(prEvent(1, 'synchronize', a4));
      expect(fixed.outputs.result, fixed.stdout).toBe('success');
      expect((await state()).tags['pr-1']).toBe(fixed.outputs.revision);
    });

    let candidateS = '';
    let squashCommit = '';

    it('PR 1 merged by squash: cleaned up with nothing checked out, and the squash commit becomes the candidate', async () => {
      git(origin, 'checkout', '-q', 'main');
      git(origin, 'merge', '-q', '--squash', 'feature-1');
      git(origin, 'commit', '-q', '-m', 'Say hello (#1)');
      const squash = git(origin, 'rev-parse', 'HEAD');
      squashCommit = squash;
      const head = git(origin, 'rev-parse', 'feature-1');
      github.pulls.set(1, 'closed');
      const closed = await play(prEvent(1, 'closed', head, { merged: true, mergeCommit: squash }));
      expect(closed.ran).not.toContain('actions/checkout');
      expect(closed.checkedOut).toBeUndefined();
      expect(closed.run?.outputs.result, closed.run?.stdout).toBe('removed');
      let now = await state();
      expect(now.tags['pr-1']).toBeUndefined();
      expect(now.serving).toEqual({ [production]: 100 });

      // A push to any other branch starts no run.
      expect((await play({ ...pushToMain(head, head), ref: 'refs/heads/feature-1' })).triggered).toBe(false);

      const pushEvent = pushToMain(squash, git(origin, 'rev-parse', 'main~1'));
      const job = await play(pushEvent);
      expect(job.checkedOut).toBe(squash);
      const push = job.run as ActionRun;
      expect(push.outputs.result, push.stdout).toBe('success');
      expect(push.outputs.tag).toBe('candidate');
      candidateS = push.outputs.revision;
      expect(await labels(candidateS)).toMatchObject({
        'gcp-deploy-kind': 'candidate',
        'gcp-deploy-sha': squash,
      });
      now = await state();
      expect(now.tags.candidate).toBe(candidateS);
      expect(now.serving).toEqual({ [production]: 100 });
      // Candidate wording in the job summary and on the commit, not a preview's.
      expect(push.summary).toMatch(/^\*\*🎯 Candidate ready\*\*/);
      expect(push.summary).not.toContain('Preview ready');
      expect(github.statuses.filter((st) => st.sha === squash).at(-1)).toMatchObject({
        state: 'success',
        description: 'Candidate ready: open it from Details',
      });
      // Candidates and releases share one concurrency group, which no PR's group is.
      expect(concurrencyOf(pushEvent)).toBe(concurrencyOf(releaseOf('v1.0.0', squash)));
      expect(concurrencyOf(pushEvent)).not.toBe(
        concurrencyOf(prEvent(1, 'closed', head, { mergeCommit: squash })),
      );
    });

    it('release v1.0.0 of the squash commit promotes its candidate in the canary steps the README names', async () => {
      const squash = squashCommit;
      git(origin, 'tag', 'v1.0.0', squash);
      emulator.recorder.clear();
      const release = await action(releaseOf('v1.0.0', squash));
      expect(release.outputs.result, release.stdout).toBe('success');
      const steps = String(actionStep?.with?.canary ?? '100')
        .split(',')
        .map(Number);
      expect(steps.length).toBeGreaterThan(1);
      expect(trafficSteps(release.outputs.revision)).toEqual(steps);
      expect(release.summary).toContain(steps.map((p) => `${p} %`).join(' → '));
      const now = await state();
      expect(now.serving).toEqual({ [release.outputs.revision]: 100 });
      expect(now.tags.prev).toBe(production);
      expect(await labels(release.outputs.revision)).toMatchObject({
        'gcp-deploy-sha': squash,
        'gcp-deploy-from': candidateS,
      });
      firstRelease = production;
      production = release.outputs.revision;
    });

    it('PR 2 merged with a merge commit: the merge commit becomes the candidate', async () => {
      const b1 = commit('feature-2', 'Say goodbye', writeVersion('bye'));
      github.pulls.set(2, 'open');
      const opened = await action(prEvent(2, 'opened', b1));
      expect(opened.outputs.result, opened.stdout).toBe('success');
      expect((await state()).tags['pr-2']).toBe(opened.outputs.revision);

      git(origin, 'checkout', '-q', 'main');
      git(origin, 'merge', '-q', '--no-ff', '-m', 'Merge pull request #2 from acme/feature-2', 'feature-2');
      const merge = git(origin, 'rev-parse', 'HEAD');
      expect(merge).not.toBe(b1);
      github.pulls.set(2, 'closed');
      const closed = await action(prEvent(2, 'closed', b1, { merged: true, mergeCommit: merge }));
      expect(closed.outputs.result, closed.stdout).toBe('removed');

      const push = await action(pushToMain(merge, git(origin, 'rev-parse', 'main^1')));
      expect(push.outputs.result, push.stdout).toBe('success');
      expect(await labels(push.outputs.revision)).toMatchObject({ 'gcp-deploy-sha': merge });
      const now = await state();
      expect(now.tags['pr-2']).toBeUndefined();
      expect(now.tags.candidate).toBe(push.outputs.revision);
      expect(now.serving).toEqual({ [production]: 100 });
    });

    it('rollback, run by hand (workflow_dispatch): production returns to the revision before the release', async () => {
      const main = git(origin, 'rev-parse', 'main');
      const before = await state();
      const run = await action({
        name: 'workflow_dispatch',
        payload: { inputs: { rollback: 'true' }, ref: 'refs/heads/main', repository: REPO },
        sha: main,
        ref: 'refs/heads/main',
        inputs: { rollback: 'true' },
      });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.summary).toMatch(/Production rolled back/);
      const now = await state();
      expect(now.serving).toEqual({ [firstRelease]: 100 });
      expect(now.tags.candidate).toBe(before.tags.candidate);
    });

    it('PR 3 closed unmerged: its tag and revisions are removed, every other tag stays', async () => {
      const c1 = commit('feature-3', 'Try something', writeVersion('maybe'));
      github.pulls.set(3, 'open');
      const opened = await action(prEvent(3, 'opened', c1));
      expect(opened.outputs.result, opened.stdout).toBe('success');
      const before = await state();
      expect(before.tags['pr-3']).toBe(opened.outputs.revision);
      expect(before.revisions).toContain(opened.outputs.revision);

      github.pulls.set(3, 'closed');
      const closed = await action(prEvent(3, 'closed', c1));
      expect(closed.outputs.result, closed.stdout).toBe('removed');
      const now = await state();
      expect(now.tags['pr-3']).toBeUndefined();
      expect(now.revisions).not.toContain(opened.outputs.revision);
      const { 'pr-3': _gone, ...others } = before.tags;
      expect(now.tags).toEqual(others);
      expect(now.serving).toEqual(before.serving);
    });

    it('a PR from a fork: the auth step is skipped and the action skips the PR without failing', async () => {
      const d1 = commit('feature-4', 'From a fork', writeVersion('fork'));
      // Without the emulator's address, which the action counts as credentials (the emulator needs none): on
      // a runner a fork's job has neither, and the skip comes before any build or Google Cloud call.
      const job = await play(prEvent(4, 'opened', d1, { fork: true }), { emulator: false });
      expect(job.ran).not.toContain('google-github-actions/auth');
      expect(job.run?.code, job.run?.stdout).toBe(0);
      expect(job.run?.outputs.result).toBe('skipped');
      expect((await state()).tags['pr-4']).toBeUndefined();
    });
  },
);
