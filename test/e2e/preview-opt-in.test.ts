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

/** The image's tags as Artifact Registry lists them (what a cleanup deletes). */
async function artifactTags(): Promise<string[]> {
  const client = new ArtifactRegistryClient(emulatorOptions(world.emulator.port));
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
  },
);
