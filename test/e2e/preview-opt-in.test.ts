/**
 * Who gets a preview (issue 28), through dist/index.js against the emulator, a local registry, Docker and
 * the GitHub fake: opt-in by label, the scheduled sweep (expiry and closed PRs), opt-in by comment.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent } from './support/action-runner.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';
import { emulatorOptions } from './support/emulator-options.js';

const SERVICE = 'optin';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

let world: PreviewWorld;
let github: GitHubFake;
let productionRevision = '';
let imageTagsBefore: string[] = [];

/** A pull_request event for a PR carrying `labels`, optionally labeled/unlabeled with `label`. */
function prEvent(o: {
  pr: number;
  sha: string;
  action: string;
  labels: string[];
  label?: string;
}): Record<string, unknown> {
  const base = pullRequestEvent({ number: o.pr, sha: o.sha });
  const pr = base.pull_request as Record<string, unknown>;
  return {
    ...base,
    action: o.action,
    pull_request: { ...pr, labels: o.labels.map((name, i) => ({ id: i + 1, name })) },
    ...(o.label !== undefined ? { label: { id: 99, name: o.label } } : {}),
  };
}

async function tags(): Promise<Record<string, string>> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  const out: Record<string, string> = {};
  for (const s of svc.trafficStatuses ?? []) if (s.tag) out[s.tag] = s.revision ?? '';
  return out;
}

/** Percent served per revision: production, which a sweep never changes. */
async function shares(): Promise<Record<string, number>> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  const out: Record<string, number> = {};
  for (const s of svc.trafficStatuses ?? []) {
    if ((s.percent ?? 0) > 0) out[s.revision ?? ''] = (out[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
  }
  return out;
}

/** The image's tags as Artifact Registry lists them (what a cleanup deletes). */
async function artifactTags(): Promise<string[]> {
  const client = new ArtifactRegistryClient(emulatorOptions(world.emulator));
  try {
    const [list] = await client.listTags({
      parent: `projects/demo-project/locations/us-central1/repositories/previews/packages/${SERVICE}`,
    });
    return list.map((t) => (t.name ?? '').split('/').pop() ?? '').sort();
  } finally {
    await client.close();
  }
}

/** The image's tags in the registry: a build pushes pr-N and sha-XXXXXXX. */
async function imageTags(): Promise<string[]> {
  const res = await fetch(`${world.registry.url}/v2/demo-project/previews/${SERVICE}/tags/list`);
  return (((await res.json()) as { tags?: string[] }).tags ?? []).sort();
}

const optIn = (o: { pr: number; sha: string; action: string; labels: string[]; label?: string }) => {
  writeFileSync(join(world.app.dir, 'site', 'version.txt'), `${o.sha}\n`);
  return world.run({
    eventName: 'pull_request',
    event: prEvent(o),
    sha: o.sha,
    inputs: {
      command: 'auto',
      service: SERVICE,
      preview_label: 'preview',
      github_token: github.token,
      comment: 'true',
    },
    env: { GITHUB_API_URL: github.url },
  });
};

describe.skipIf(skipWithout('preview opt-in e2e', ['docker', 'docker-registry', 'busybox']))(
  'who gets a preview (dist/index.js, emulator, registry, Docker, GitHub fake)',
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
      github = await startGitHubFake();
      // Production: PR 100's image promoted; PR 100 keeps its preview tag (a closed PR's leftover, later).
      const first = await world.preview({ service: SERVICE, pr: 100, sha: sha(100) });
      expect(first.outputs.result, first.stdout).toBe('success');
      const promoted = await world.run({
        eventName: 'workflow_dispatch',
        event: {},
        inputs: { command: 'promote', service: SERVICE, promote_from: 'tag:pr-100' },
      });
      expect(promoted.outputs.result, promoted.stdout).toBe('success');
      productionRevision = promoted.outputs.revision ?? '';
      imageTagsBefore = await imageTags();
    });

    afterAll(async () => {
      await github?.stop();
      await world?.stop();
    });

    it('label opt-in: an unlabeled PR gets nothing, labeling deploys, unlabeling cleans up', async () => {
      world.emulator.recorder.clear();
      const opened = await optIn({ pr: 1, sha: sha(1), action: 'opened', labels: [] });
      expect(opened.code, opened.stdout + opened.stderr).toBe(0);
      expect(opened.outputs.result).toBe('skipped');
      expect(opened.stdout).toMatch(/does not carry the label "preview"/);
      // Cheap: not one Cloud Run call (reads included), no build, no image, not one GitHub request.
      expect(world.emulator.recorder.calls).toEqual([]);
      expect(opened.stdout).not.toMatch(/Building|docker|buildah/i);
      expect(await imageTags()).toEqual(imageTagsBefore);
      expect(github.requests).toEqual([]);

      const push = await optIn({ pr: 1, sha: sha(2), action: 'synchronize', labels: ['bug'] });
      expect(push.outputs.result).toBe('skipped');
      const otherLabel = await optIn({
        pr: 1,
        sha: sha(2),
        action: 'labeled',
        labels: ['bug'],
        label: 'bug',
      });
      expect(otherLabel.outputs.result).toBe('skipped');
      expect(world.emulator.recorder.calls).toEqual([]);
      expect(await imageTags()).toEqual(imageTagsBefore);

      const labeled = await optIn({
        pr: 1,
        sha: sha(2),
        action: 'labeled',
        labels: ['bug', 'preview'],
        label: 'preview',
      });
      expect(labeled.outputs.result, labeled.stdout).toBe('success');
      expect((await tags())['pr-1']).toBe(labeled.outputs.revision);
      expect(await imageTags()).toContain('pr-1');

      const labeledPush = await optIn({ pr: 1, sha: sha(3), action: 'synchronize', labels: ['preview'] });
      expect(labeledPush.outputs.result, labeledPush.stdout).toBe('success');
      expect(labeledPush.outputs.revision).not.toBe(labeled.outputs.revision);

      const unlabeled = await optIn({
        pr: 1,
        sha: sha(3),
        action: 'unlabeled',
        labels: [],
        label: 'preview',
      });
      expect(unlabeled.outputs.result, unlabeled.stdout).toBe('removed');
      expect((await tags())['pr-1']).toBeUndefined();
      expect(await artifactTags()).not.toContain('pr-1');
      expect((await tags()).prev).toBeDefined();
      expect(Object.values(await tags())).toContain(productionRevision);
      const comment = github.comments.filter((c) => c.issue === 1);
      expect(comment).toHaveLength(1);
      expect(comment[0]?.body).toContain('label was removed, so this preview and its URL were removed');
      expect(github.violations).toEqual([]);
    });

    it("schedule: expires previews older than stale, removes closed PRs' leftovers, keeps open PRs and production", async () => {
      const old = await optIn({ pr: 2, sha: sha(20), action: 'synchronize', labels: ['preview'] });
      expect(old.outputs.result, old.stdout).toBe('success');
      const closedPr = await optIn({ pr: 4, sha: sha(40), action: 'synchronize', labels: ['preview'] });
      expect(closedPr.outputs.result, closedPr.stdout).toBe('success');
      const createdAt = async (revision: string): Promise<number> => {
        const [rev] = await world.revisions.getRevision({
          name: `${world.serviceName(SERVICE)}/revisions/${revision}`,
        });
        return Number(rev.createTime?.seconds ?? 0) * 1000;
      };
      const t2 = await createdAt(old.outputs.revision ?? '');
      // PR 3 is deployed at least 20 s after PR 2: a stale between their ages expires one and keeps the other.
      await new Promise((r) => setTimeout(r, Math.max(0, t2 + 21_000 - Date.now())));
      const fresh = await optIn({ pr: 3, sha: sha(30), action: 'synchronize', labels: ['preview'] });
      expect(fresh.outputs.result, fresh.stdout).toBe('success');
      const t3 = await createdAt(fresh.outputs.revision ?? '');
      for (const pr of [1, 2, 3]) github.pulls.set(pr, 'open');
      for (const pr of [4, 100]) github.pulls.set(pr, 'closed');
      const before = await tags();
      const productionShares = await shares();
      const schedule = (dryRun: boolean): ReturnType<PreviewWorld['run']> => {
        // Older than PR 3's age by 10 s (the time the run takes to read), younger than PR 2's by 10 s or more.
        const stale = `${Math.ceil((Date.now() - t3) / 1000) + 10}s`;
        return world.run({
          eventName: 'schedule',
          event: { schedule: '17 3 * * *' },
          inputs: {
            command: 'auto',
            service: SERVICE,
            stale,
            dry_run: String(dryRun),
            github_token: github.token,
            comment: 'true',
          },
          env: { GITHUB_API_URL: github.url },
        });
      };

      world.emulator.recorder.clear();
      const dry = await schedule(true);
      expect(dry.outputs.result, dry.stdout).toBe('success');
      expect(dry.stdout).toMatch(/would delete PR #2 \(last deployed [^)]+\): tags pr-2/);
      expect(dry.stdout).toMatch(/would delete PR #4 \(closed\): tags pr-4/);
      expect(dry.stdout).toMatch(/would delete PR #100 \(closed\): tags pr-100/);
      expect(dry.stdout).not.toMatch(/PR #3 /);
      expect(world.emulator.recorder.mutations()).toEqual([]);
      expect(await tags()).toEqual(before);

      const commentsBefore = github.comments.length;
      const run = await schedule(false);
      expect(run.outputs.result, run.stdout).toBe('removed');
      const after = await tags();
      expect(after['pr-2']).toBeUndefined();
      expect(after['pr-4']).toBeUndefined();
      expect(after['pr-100']).toBeUndefined();
      expect(after['pr-3']).toBe(before['pr-3']);
      expect(after.prev).toBe(before.prev);
      expect(await shares()).toEqual(productionShares);
      // Revisions and images of swept PRs are gone; PR 3's stay.
      const [revisions] = await world.revisions.listRevisions({ parent: world.serviceName(SERVICE) });
      const prs = revisions.map((r) => r.labels?.['gcp-deploy-pr']);
      expect(prs).not.toContain('2');
      expect(prs).not.toContain('4');
      expect(prs).toContain('3');
      const images = await artifactTags();
      expect(images).not.toContain('pr-2');
      expect(images).not.toContain('pr-4');
      expect(images).toContain('pr-3');
      // Each swept PR's comment says why, in place; its deployments are inactive. PR 3's is untouched.
      expect(github.comments.length).toBe(commentsBefore + 1); // PR 100 had no comment: one is written
      const commentOf = (pr: number): string => github.comments.find((c) => c.issue === pr)?.body ?? '';
      expect(commentOf(2)).toMatch(
        /Expired after \d+ (seconds|minutes?) without a deploy; push, label or `\/preview` to bring it back/,
      );
      expect(commentOf(4)).toMatch(/The pull request is closed: its leftover preview and URL were removed/);
      expect(commentOf(3)).not.toMatch(/Expired|removed/);
      for (const pr of [2, 4]) {
        const deployments = github.deployments.filter((d) => d.environment === `preview/pr-${pr}`);
        expect(deployments.length).toBeGreaterThan(0);
        for (const d of deployments) expect(d.statuses.at(-1)?.state).toBe('inactive');
      }
      expect(github.violations).toEqual([]);
    });

    it('comment opt-in: /preview from a writer previews the head; from a reader it is refused with a reply', async () => {
      github.pulls.set(5, 'open');
      github.pullHeads.set(5, { sha: sha(50), ref: 'feature-5', repo: 'acme/web' });
      github.roles.set('maint', 'write');
      github.roles.set('reader', 'read');
      const commented = (login: string, body: string, association = 'MEMBER') => {
        const c = github.addComment(5, login, body);
        writeFileSync(join(world.app.dir, 'site', 'version.txt'), `${sha(50)}\n`);
        return {
          comment: c,
          run: world.run({
            eventName: 'issue_comment',
            event: {
              action: 'created',
              issue: { number: 5, pull_request: { url: `${github.url}/repos/acme/web/pulls/5` } },
              // author_association is what the event claims; only the API's answer counts.
              comment: { id: c.id, body, user: { login }, author_association: association },
              repository: { full_name: 'acme/web', name: 'web', owner: { login: 'acme' } },
            },
            inputs: {
              command: 'auto',
              service: SERVICE,
              preview_label: 'preview',
              github_token: github.token,
              comment: 'true',
            },
            env: { GITHUB_API_URL: github.url },
          }),
        };
      };

      world.emulator.recorder.clear();
      const chatter = commented('maint', 'looks good, /preview later');
      expect((await chatter.run).outputs.result).toBe('skipped');
      const refused = commented('reader', '/preview', 'OWNER');
      const refusedRun = await refused.run;
      expect(refusedRun.code, refusedRun.stdout + refusedRun.stderr).toBe(0);
      expect(refusedRun.outputs.result).toBe('skipped');
      expect(world.emulator.recorder.calls).toEqual([]);
      const reply = github.comments.at(-1);
      expect(reply?.user.login).toBe(github.identity.login);
      expect(reply?.body).toMatch(
        /^@reader: only people with write, maintain or admin permission .* \(your permission: read\)\. Nothing was deployed/,
      );
      expect(github.labels.get(5) ?? []).toEqual([]);
      expect(github.requests.map((r) => r.operationId)).toContain('repos/get-collaborator-permission-level');

      const accepted = commented('maint', '  /Preview  \nplease');
      const run = await accepted.run;
      expect(run.outputs.result, run.stdout).toBe('success');
      expect((await tags())['pr-5']).toBe(run.outputs.revision);
      const [rev] = await world.revisions.getRevision({
        name: `${world.serviceName(SERVICE)}/revisions/${run.outputs.revision ?? ''}`,
      });
      expect(rev.labels?.['gcp-deploy-sha']).toBe(sha(50));
      expect(github.reactions).toContainEqual(
        expect.objectContaining({ commentId: accepted.comment.id, content: 'rocket' }),
      );
      // The label keeps later pushes previewed.
      expect(github.labels.get(5)).toEqual(['preview']);

      const stop = commented('maint', '/preview stop');
      const stopped = await stop.run;
      expect(stopped.outputs.result, stopped.stdout).toBe('removed');
      expect((await tags())['pr-5']).toBeUndefined();
      expect(github.reactions).toContainEqual(
        expect.objectContaining({ commentId: stop.comment.id, content: 'rocket' }),
      );
      expect(github.labels.get(5)).toEqual([]);
      const sticky = github.comments.filter(
        (c) => c.issue === 5 && c.user.login === github.identity.login && c.body.includes('gcp-deploy'),
      );
      expect(sticky.at(-1)?.body).toMatch(/maint stopped this preview with `\/preview stop`/);
      expect(github.violations).toEqual([]);
    });

    it('cap: with max_previews 2, a third PR evicts the least recently deployed preview; both comments say so', async () => {
      // From the schedule case: PR 3's preview is the one live preview.
      expect(Object.keys(await tags()).filter((t) => t.startsWith('pr-'))).toEqual(['pr-3']);
      const capped = (pr: number) =>
        world.run({
          eventName: 'pull_request',
          event: prEvent({ pr, sha: sha(pr * 10), action: 'synchronize', labels: ['preview'] }),
          sha: sha(pr * 10),
          inputs: {
            command: 'auto',
            service: SERVICE,
            preview_label: 'preview',
            max_previews: '2',
            github_token: github.token,
            comment: 'true',
          },
          env: { GITHUB_API_URL: github.url },
        });
      const second = await capped(6);
      expect(second.outputs.result, second.stdout).toBe('success');
      expect(second.stdout).not.toMatch(/evicted/);
      expect(
        Object.keys(await tags())
          .filter((t) => t.startsWith('pr-'))
          .sort(),
      ).toEqual(['pr-3', 'pr-6']);
      const productionShares = await shares();
      const third = await capped(7);
      expect(third.outputs.result, third.stdout).toBe('success');
      expect(
        Object.keys(await tags())
          .filter((t) => t.startsWith('pr-'))
          .sort(),
      ).toEqual(['pr-6', 'pr-7']);
      expect(await shares()).toEqual(productionShares);
      const [revisions] = await world.revisions.listRevisions({ parent: world.serviceName(SERVICE) });
      expect(revisions.map((r) => r.labels?.['gcp-deploy-pr'])).not.toContain('3');
      const commentOf = (pr: number): string =>
        github.comments.filter((c) => c.issue === pr && c.user.login === github.identity.login).at(-1)
          ?.body ?? '';
      expect(commentOf(3)).toMatch(
        /Evicted: at most 2 previews may run at once .*the deploy of PR \\?#7 made this the least recently deployed one/,
      );
      expect(commentOf(7)).toMatch(
        /max\\?_previews is 2: this deploy evicted the least recently deployed preview of PR \\?#3/,
      );
      expect(commentOf(6)).not.toMatch(/Evicted|evicted/);
      expect(github.violations).toEqual([]);
    });
  },
);
