/**
 * `image` by tag, through dist/index.js: the run resolves the tag to the digest the registry serves for it
 * and deploys that digest (never the tag), reporting it; when the tag moves, the next run deploys the new one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent } from './support/action-runner.js';
import { skipWithout } from './support/needs.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { digestOf, pushImage } from './support/images.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
let world: PreviewWorld;

/** Builds the app with `version` in its site, pushes it as `ref` and returns the digest the push made. */
async function pushTagged(ref: string, version: string): Promise<string> {
  writeFileSync(join(world.app.dir, 'site', 'version.txt'), `${version}\n`);
  return digestOf(await pushImage(world.app.dir, ref, world.emulator));
}

describe.skipIf(skipWithout('image tag e2e', ['docker', 'docker-registry', 'busybox']))(
  'image by tag is resolved to its digest',
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
    });
    afterAll(async () => {
      await world?.stop();
    });

    it('deploys the digest the tag names, reports it, and follows the tag when it moves', async () => {
      const repo = `${world.registry.host}/demo-project/prebuilt/web`;
      const first = await pushTagged(`${repo}:v1`, 'one');
      const run = await world.run({
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 8, sha: sha(8) }),
        sha: sha(8),
        inputs: { command: 'preview', service: 'tagged', image: `${repo}:v1` },
      });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.outputs.digest).toBe(first);
      expect(run.outputs.image).toBe(`${repo}@${first}`);
      expect(run.stdout).toContain(`Image ${repo}:v1 resolved to ${first}`);
      expect(run.summary).toContain(first);
      const [rev] = await world.revisions.getRevision({
        name: `${world.serviceName('tagged')}/revisions/${run.outputs.revision ?? ''}`,
      });
      expect(rev.containers?.[0]?.image).toBe(`${repo}@${first}`);
      expect((await world.fetchText(`${run.outputs.url ?? ''}/version.txt`)).body).toBe('one\n');

      // The tag moves: the next run deploys what it names now.
      const second = await pushTagged(`${repo}:v1`, 'two');
      expect(second).not.toBe(first);
      const again = await world.run({
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 8, sha: sha(9) }),
        sha: sha(9),
        inputs: { command: 'preview', service: 'tagged', image: `${repo}:v1` },
      });
      expect(again.outputs.result, again.stdout).toBe('success');
      expect(again.outputs.digest).toBe(second);
      expect((await world.fetchText(`${again.outputs.url ?? ''}/version.txt`)).body).toBe('two\n');
    });

    it('a tag the registry does not have fails before anything is deployed, naming it', async () => {
      world.emulator.recorder.clear();
      const missing = `${world.registry.host}/demo-project/prebuilt/web:nope`;
      const run = await world.run({
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 9, sha: sha(10) }),
        sha: sha(10),
        inputs: { command: 'preview', service: 'tagged', image: missing },
      });
      expect(run.code).not.toBe(0);
      expect(run.stdout).toContain(`reading ${missing} from the registry: HTTP 404`);
      expect(world.emulator.recorder.mutations()).toEqual([]);
    });
  },
);
