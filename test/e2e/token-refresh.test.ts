/**
 * Tokens that expire during a run: the emulator issues access and ID tokens that live 60 s, and refuses
 * them from their expiry on (no clock skew). A preview whose build and whose smoke check each take longer
 * than that must still pass: the checks ask for a fresh ID token before the one in use expires.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';

const TOKEN_LIFETIME_SEC = 60;
let world: PreviewWorld;

describe.skipIf(skipWithout('token refresh e2e', ['docker', 'docker-registry', 'busybox']))(
  'a preview longer than its tokens (dist/index.js, emulator tokens living 60 s)',
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
      world.emulator.identity.setTokenLifetime(TOKEN_LIFETIME_SEC);
      // The example app, with a build step that outlasts a token. RUN_ID keeps Docker's cache from
      // skipping it on a machine that built it before.
      writeFileSync(
        join(world.app.dir, 'Dockerfile.slow'),
        [
          'FROM scratch',
          'COPY busybox /bin/busybox',
          'ARG RUN_ID',
          `RUN ["/bin/busybox", "sh", "-c", "echo build $RUN_ID; /bin/busybox sleep ${TOKEN_LIFETIME_SEC + 5}"]`,
          'COPY site /www',
          'ENV PORT=8080',
          'EXPOSE 8080',
          'USER 65532:65532',
          'ENTRYPOINT ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p \\"$PORT\\" -h /www"]',
          '',
        ].join('\n'),
      );
    }, 60_000);

    afterAll(async () => {
      await world?.stop();
    });

    it('builds for longer than a token lives, smoke-checks for longer still, and passes', async () => {
      const at: { line: string; ms: number }[] = [];
      let seen = 0;
      const started = Date.now();
      const run = await world.preview({
        service: 'slow',
        pr: 1,
        sha: 'ab'.repeat(20),
        inputs: {
          dockerfile: join(world.app.dir, 'Dockerfile.slow'),
          build_args: `RUN_ID=${started}`,
          // One virtual user for 70 s: every request must carry an ID token that has not expired.
          smoke: JSON.stringify({
            vus: 1,
            duration: `${TOKEN_LIFETIME_SEC + 10}s`,
            sleep: '1s',
            requests: [{ path: '/healthz', checks: { status: 200 } }],
            thresholds: { http_req_failed: ['rate==0'], checks: ['rate==1'] },
          }),
        },
        timeoutMs: 360_000,
        // Each line with the time it was printed (the runner hands over all of stdout so far).
        onStdout: (stdout) => {
          const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
          for (const line of complete.slice(seen).split('\n'))
            if (line !== '') at.push({ line, ms: Date.now() - started });
          seen = complete.length;
        },
      });
      expect(run.outputs.result, run.stdout).toBe('success');

      // The build alone outlived a token.
      const pushed = at.find((l) => l.line.startsWith('pushed '))?.ms ?? 0;
      expect(pushed).toBeGreaterThan(TOKEN_LIFETIME_SEC * 1000);
      // So did the smoke check, and it went on past its first token's life with new ones.
      const smokeFrom = at.find((l) => /^Running .* against /.test(l.line))?.ms ?? Infinity;
      const smokeTo = at.find((l) => l.ms > smokeFrom && /http_reqs/.test(l.line))?.ms ?? 0;
      expect(smokeTo - smokeFrom).toBeGreaterThan(TOKEN_LIFETIME_SEC * 1000);
      const masked = at.filter((l) => l.ms >= smokeFrom && l.line.startsWith('::add-mask::Bearer '));
      expect(masked.length, run.stdout).toBeGreaterThanOrEqual(2);
    }, 400_000);
  },
);
