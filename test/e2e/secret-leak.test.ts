/**
 * A failing build whose output carries a build secret: the runner masks its own log, nothing else, so the
 * value must be absent from every surface the action writes itself: the PR comment, every GitHub request,
 * the job summary and the outputs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';

const SECRET = 's3cr3t_Value-with.markdown*chars_9f2c';
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

describe.skipIf(skipWithout('secret leak e2e', ['docker', 'docker-registry', 'busybox']))(
  'a failing build that prints a build secret (dist/index.js, GitHub fake)',
  () => {
    let world: PreviewWorld;
    let github: GitHubFake;

    beforeAll(async () => {
      world = await startPreviewWorld();
      github = await startGitHubFake();
      // Reads the secret, prints it (as a careless build script would) and fails.
      writeFileSync(
        join(world.app.dir, 'Dockerfile.leak'),
        [
          'FROM scratch',
          'COPY busybox /bin/busybox',
          'RUN --mount=type=secret,id=api_token ["/bin/busybox", "sh", "-c", "echo token=$(/bin/busybox cat /run/secrets/api_token); exit 3"]',
          '',
        ].join('\n'),
      );
    }, 120_000);

    afterAll(async () => {
      await github?.stop();
      await world?.stop();
    });

    it('keeps the value out of the comment, every GitHub request, the summary and the outputs', async () => {
      const run = await world.preview({
        service: 'leaky',
        pr: 9,
        sha: sha(9),
        inputs: {
          comment: 'true',
          github_token: github.token,
          dockerfile: join(world.app.dir, 'Dockerfile.leak'),
          build_secrets: `api_token=${SECRET}`,
        },
        env: { GITHUB_API_URL: github.url },
      });
      expect(run.outputs.result, run.stdout).toBe('failure');
      // The build really printed it: the runner's log masking is the only thing hiding it in stdout.
      expect(run.stdout).toContain(`::add-mask::${SECRET}`);
      expect(run.stdout).toMatch(/token=/);
      expect(github.violations).toEqual([]);
      expect(github.comments.length).toBeGreaterThan(0);
      expect(github.comments[0]?.body).toMatch(/Failed/);
      // The build's output did reach the comment, with the value cut out (so this test fails without redaction).
      expect(github.comments.at(-1)?.body).toMatch(/token=(\\?\*){3}/);
      const escaped = SECRET.replace(/[_*.-]/g, (c) => `\\${c}`);
      for (const surface of [
        ...github.comments.map((c) => c.body),
        ...github.requests.map((r) => JSON.stringify(r.body ?? '')),
        run.summary,
        JSON.stringify(run.outputs),
      ]) {
        expect(surface).not.toContain(SECRET);
        expect(surface).not.toContain(escaped);
      }
    });
  },
);
