/**
 * Fork PRs (issue 28), through dist/index.js against the emulator, a local registry, buildah, skopeo and the
 * GitHub fake: the unprivileged pull_request job builds the fork's head with `command: build` and no
 * credentials; the privileged workflow_run job previews that archive only once a maintainer approved that
 * exact commit, and a later push waits for a new approval.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_VARIABLES } from '../../src/commands/build-archive.js';
import { APPROVAL_CONTEXT } from '../../src/github/approval-rule.js';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent, runAction, type ActionRun } from './support/action-runner.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';

const SERVICE = 'forkpr';
const PR = 7;
const PREVIEW_SA = 'preview-runtime@demo-project.iam.gserviceaccount.com';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

let world: PreviewWorld;
let github: GitHubFake;
let artifacts: string;

/** The unprivileged job: the fork's checkout, `command: build`, nothing but the runner's own variables. */
async function build(head: string, dir: string): Promise<{ run: ActionRun; env: Record<string, string> }> {
  writeFileSync(join(world.app.dir, 'site', 'version.txt'), `${head}\n`);
  // What a fork's pull_request job has: no GOOGLE_*, no ACTIONS_ID_TOKEN_*, no emulator, no token input.
  const env: Record<string, string> = {};
  const run = await runAction({
    eventName: 'pull_request',
    event: pullRequestEvent({ number: PR, sha: head, fork: true }),
    inputs: {
      command: 'build',
      project_id: 'demo-project',
      service: SERVICE,
      context: world.app.dir,
      builder: 'buildah',
      image_archive: join(dir, 'image.tar'),
    },
    env,
  });
  return { run, env };
}

/** The privileged job after the build run `runId` finished: the artifact downloaded into `dir`. */
function previewArchive(runId: number, head: string, dir: string, inputs: Record<string, string> = {}) {
  github.workflowRuns.set(runId, {
    event: 'pull_request',
    conclusion: 'success',
    head_sha: head,
    head_branch: 'feature-7',
    head_repository: 'contributor/web',
  });
  return world.run({
    eventName: 'workflow_run',
    event: {
      action: 'completed',
      workflow_run: {
        id: runId,
        event: 'pull_request',
        conclusion: 'success',
        head_sha: head,
        head_branch: 'feature-7',
        head_repository: { full_name: 'contributor/web' },
        pull_requests: [],
      },
      repository: { full_name: 'acme/web', name: 'web', owner: { login: 'acme' } },
    },
    inputs: {
      command: 'preview',
      service: SERVICE,
      image_archive: join(dir, 'image.tar'),
      github_token: github.token,
      comment: 'true',
      preview_service_account: PREVIEW_SA,
      isolation: 'strict',
      ...inputs,
    },
    env: { GITHUB_API_URL: github.url },
  });
}

/** A maintainer's (or anyone's) `/preview` on the PR, handled by the privileged issue_comment job. */
function comment(login: string, body: string): Promise<ActionRun> {
  const c = github.addComment(PR, login, body);
  return world.run({
    eventName: 'issue_comment',
    event: {
      action: 'created',
      issue: { number: PR, pull_request: { url: `${github.url}/repos/acme/web/pulls/${PR}` } },
      comment: { id: c.id, body, user: { login } },
      repository: { full_name: 'acme/web', name: 'web', owner: { login: 'acme' } },
    },
    inputs: { command: 'auto', service: SERVICE, github_token: github.token, comment: 'true' },
    env: { GITHUB_API_URL: github.url },
  });
}

async function imageTags(): Promise<string[]> {
  const res = await fetch(`${world.registry.url}/v2/demo-project/previews/${SERVICE}/tags/list`);
  if (res.status === 404) return [];
  return (((await res.json()) as { tags?: string[] }).tags ?? []).sort();
}

async function prTag(): Promise<string | undefined> {
  try {
    const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
    return svc.trafficStatuses?.find((s) => s.tag === `pr-${PR}`)?.revision ?? undefined;
  } catch {
    return undefined; // no service yet
  }
}

const writes = (): string[] =>
  world.emulator.recorder.calls.map((c) => c.method).filter((m) => !/(^|\.)(Get|List)[A-Z]/.test(m));

describe.skipIf(
  skipWithout('fork preview e2e', ['docker', 'docker-registry', 'busybox', 'buildah', 'skopeo']),
)('fork PRs: build without credentials, preview after approval (dist/index.js)', () => {
  beforeAll(async () => {
    world = await startPreviewWorld();
    github = await startGitHubFake();
    artifacts = mkdtempSync(join(tmpdir(), 'gcpd-fork-artifacts-'));
    github.pulls.set(PR, 'open');
    github.pullHeads.set(PR, { sha: sha(1), ref: 'feature-7', repo: 'contributor/web' });
    github.roles.set('maria', 'write');
    github.roles.set('visitor', 'read');
  });

  afterAll(async () => {
    rmSync(artifacts, { recursive: true, force: true });
    await github?.stop();
    await world?.stop();
  });

  it('builds, waits for approval, previews the approved commit, and waits again after a push', async () => {
    // 1. The fork's build: no credentials in its environment, an OCI archive and its metadata out.
    const first = join(artifacts, 'run-501');
    const built = await build(sha(1), first);
    expect(built.run.code, built.run.stdout + built.run.stderr).toBe(0);
    expect(built.run.outputs.result).toBe('built');
    for (const name of [...CREDENTIAL_VARIABLES, 'GITHUB_TOKEN', 'INPUT_GITHUB_TOKEN']) {
      expect(built.env[name]).toBeUndefined();
    }
    expect(Object.keys(built.env).filter((k) => /^GOOGLE_|^ACTIONS_ID_TOKEN_/.test(k))).toEqual([]);
    expect(built.run.outputs.image_archive).toBe(join(first, 'image.tar'));
    const meta = JSON.parse(readFileSync(join(first, 'image.tar.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({
      version: 1,
      pr: PR,
      head_sha: sha(1),
      service: SERVICE,
      archive: 'image.tar',
    });
    expect(github.requests).toEqual([]); // the build never talks to GitHub

    // 2. The workflow_run job before any approval: nothing pushed, nothing deployed; the head waits.
    world.emulator.recorder.clear();
    const waiting = await previewArchive(501, sha(1), first);
    expect(waiting.code, waiting.stdout + waiting.stderr).toBe(0);
    expect(waiting.outputs.result).toBe('skipped');
    expect(waiting.stdout).toMatch(/no maintainer approval/);
    expect(writes()).toEqual([]);
    expect(await imageTags()).toEqual([]);
    expect(await prTag()).toBeUndefined();
    expect(github.statuses.filter((s) => s.sha === sha(1)).map((s) => s.state)).toEqual(['pending']);

    // 3. Someone without write access cannot approve.
    const refused = await comment('visitor', '/preview');
    expect(refused.outputs.result).toBe('skipped');
    expect(github.statuses.filter((s) => s.state === 'success')).toEqual([]);
    expect(github.reruns).toEqual([]);

    // 4. A maintainer's /preview approves that commit and re-runs its waiting build.
    const approved = await comment('maria', '/preview');
    expect(approved.code, approved.stdout + approved.stderr).toBe(0);
    const approval = github.statuses.filter((s) => s.sha === sha(1) && s.context === APPROVAL_CONTEXT).at(-1);
    expect(approval).toMatchObject({ state: 'success', description: 'Approved by @maria (/preview)' });
    expect(github.reruns).toEqual([501]);
    expect(github.comments.at(-1)?.body).toContain(`approved commit ${sha(1).slice(0, 7)}`);
    expect(writes()).toEqual([]); // the approving job deploys nothing itself

    // 5. The re-run's completion: the archive is pushed and previewed, as the fork's own identity.
    const deployed = await previewArchive(501, sha(1), first);
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
    expect(deployed.outputs.result, deployed.stdout).toBe('success');
    expect(await imageTags()).toEqual(expect.arrayContaining([`pr-${PR}`, `sha-${sha(1).slice(0, 7)}`]));
    const revision = deployed.outputs.revision ?? '';
    expect(await prTag()).toBe(revision);
    const [rev] = await world.revisions.getRevision({
      name: `${world.serviceName(SERVICE)}/revisions/${revision}`,
    });
    expect(rev.serviceAccount).toBe(PREVIEW_SA);
    expect(rev.containers?.[0]?.image).toBe(deployed.outputs.image);
    expect(deployed.outputs.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect((await world.fetchText(`${deployed.outputs.url}/version.txt`)).body).toBe(`${sha(1)}\n`);

    // 6. The fork pushes again: a new build, and its archive waits for a new approval.
    github.pullHeads.set(PR, { sha: sha(2), ref: 'feature-7', repo: 'contributor/web' });
    const second = join(artifacts, 'run-502');
    const rebuilt = await build(sha(2), second);
    expect(rebuilt.run.outputs.result, rebuilt.run.stdout + rebuilt.run.stderr).toBe('built');
    const tagsBefore = await imageTags();
    world.emulator.recorder.clear();
    const again = await previewArchive(502, sha(2), second);
    expect(again.outputs.result, again.stdout).toBe('skipped');
    expect(again.stdout).toMatch(/no maintainer approval/);
    expect(writes()).toEqual([]);
    expect(await imageTags()).toEqual(tagsBefore);
    expect(await prTag()).toBe(revision); // the approved commit's preview stays

    // 7. The old commit's build cannot come back once the PR moved on.
    const stale = await previewArchive(501, sha(1), first);
    expect(stale.outputs.result).toBe('skipped');
    expect(writes()).toEqual([]);
    expect(github.violations).toEqual([]);
  });

  it('the preview label on a fork PR (pull_request_target) approves its head, only from a maintainer', async () => {
    github.pullHeads.set(PR, { sha: sha(3), ref: 'feature-7', repo: 'contributor/web' });
    const labeled = (actor: string): Promise<ActionRun> => {
      const base = pullRequestEvent({ number: PR, sha: sha(3), fork: true });
      return world.run({
        eventName: 'pull_request_target',
        event: {
          ...base,
          action: 'labeled',
          label: { id: 9, name: 'preview' },
          pull_request: { ...(base.pull_request as object), labels: [{ id: 9, name: 'preview' }] },
        },
        inputs: { command: 'auto', service: SERVICE, preview_label: 'preview', github_token: github.token },
        env: { GITHUB_API_URL: github.url, GITHUB_ACTOR: actor },
      });
    };
    world.emulator.recorder.clear();
    const byVisitor = await labeled('visitor');
    expect(byVisitor.outputs.result, byVisitor.stdout).toBe('skipped');
    expect(github.statuses.filter((s) => s.sha === sha(3))).toEqual([]);
    const byMaria = await labeled('maria');
    expect(byMaria.outputs.result, byMaria.stdout).toBe('skipped');
    expect(github.statuses.filter((s) => s.sha === sha(3))).toMatchObject([
      { state: 'success', context: APPROVAL_CONTEXT, description: 'Approved by @maria (label)' },
    ]);
    expect(github.comments.at(-1)?.body).toContain('It is previewed when its build finishes.');
    // Nothing of the fork was built or deployed by the privileged label job.
    expect(writes()).toEqual([]);
    expect(byMaria.stdout).not.toMatch(/buildah|docker build/);
    github.pullHeads.set(PR, { sha: sha(2), ref: 'feature-7', repo: 'contributor/web' });
  });

  it('command: build refuses a job that holds credentials, naming them, before building', async () => {
    const dir = join(artifacts, 'privileged');
    const run = await runAction({
      eventName: 'pull_request_target',
      event: pullRequestEvent({ number: PR, sha: sha(2), fork: true }),
      inputs: {
        command: 'build',
        project_id: 'demo-project',
        service: SERVICE,
        context: world.app.dir,
        builder: 'buildah',
        image_archive: join(dir, 'image.tar'),
      },
      env: { GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'gha-creds-1.json') },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/this job has credentials \(GOOGLE_APPLICATION_CREDENTIALS\)/);
    expect(run.stdout).not.toMatch(/buildah/);
    expect(existsSync(join(dir, 'image.tar'))).toBe(false);
  });

  it("refuses an archive whose metadata does not match, and a preview without the fork's safeguards", async () => {
    const dir = join(artifacts, 'run-502');
    // Without preview_service_account and isolation: strict: one error naming both, before any call.
    github.requests.length = 0;
    const unsafe = await previewArchive(502, sha(2), dir, { preview_service_account: '', isolation: 'warn' });
    expect(unsafe.code).toBe(1);
    expect(unsafe.stdout + unsafe.stderr).toMatch(
      /preview_service_account is not set, isolation is "warn".*allowed: set preview_service_account/,
    );
    expect(github.requests).toEqual([]);

    // Approved, but the metadata names another commit: nothing is pushed.
    await comment('maria', '/preview');
    const metaPath = join(dir, 'image.tar.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(metaPath, JSON.stringify({ ...meta, head_sha: sha(9) }));
    const tagsBefore = await imageTags();
    world.emulator.recorder.clear();
    const tampered = await previewArchive(502, sha(2), dir);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toMatch(/metadata does not match: it names commit/);
    expect(await imageTags()).toEqual(tagsBefore);
    expect(writes()).toEqual([]);
    expect(existsSync(join(dir, 'image.tar'))).toBe(true);
    expect(github.violations).toEqual([]);
  });
});
