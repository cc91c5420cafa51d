/**
 * `npm run demo` as a newcomer runs it: the process runtime (Node alone) always, the Docker path where the
 * machine has it. Each run must end in a checked preview, print its URL, the runtime and the PR comment.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skipWithout } from './support/needs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function demo(runtime: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, 'src/cli.ts', 'demo', '--runtime', runtime], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

function expectCheckedPreview(out: string): void {
  expect(out).toMatch(/^result: success in [\d.]+ s$/m);
  const url = /^preview URL: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
  expect(url).toBeDefined();
  // The comment the action would post without a token: the sticky marker, the verdict, the checks.
  expect(out).toContain('PR comment (not posted: no github_token)');
  expect(out).toContain('<!-- gcp-deploy:preview service=demo-app -->');
  expect(out).toMatch(/\| `http_req_failed` \| `rate<0\.01` \| [\d.]+ % \| ✅( pass)? \|/);
}

describe('npm run demo', () => {
  it('runs on Node alone with the process runtime and says how to get the full path', async () => {
    const { code, out } = await demo('process');
    expect(code, out).toBe(0);
    expectCheckedPreview(out);
    expect(out).toMatch(/^runtime: process$/m);
    expect(out).toContain('For the full path');
  });

  it.skipIf(skipWithout('demo e2e (Docker path)', ['docker', 'docker-registry', 'busybox']))(
    'builds, pushes and runs the example image on the Docker path',
    async () => {
      const { code, out } = await demo('docker');
      expect(code, out).toBe(0);
      expectCheckedPreview(out);
      expect(out).toMatch(/^runtime: docker$/m);
      expect(out).not.toContain('For the full path');
    },
  );

  it('--keep keeps the preview private and opens it through gcp-deploy proxy until Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [tsx, 'src/cli.ts', 'demo', '--runtime', 'process', '--keep', '--proxy-port', '0'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const local = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no proxy within 90 s:\n${out}`)), 90_000);
        child.stdout.on('data', () => {
          const m = /Proxying (http:\/\/127\.0\.0\.1:\d+) ->/.exec(out);
          if (m?.[1] === undefined) return;
          clearTimeout(timer);
          resolve(m[1]);
        });
        void exited.then((code) => reject(new Error(`demo exited with ${code}:\n${out}`)));
      });
      const preview = /^preview URL: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1] ?? '';
      expect(out).toContain(`gcp-deploy proxy --url ${preview}`);
      // Still private: anonymous requests are refused, the proxy's carry an ID token.
      expect((await fetch(`${preview}/`)).status).toBe(403);
      expect((await fetch(`${local}/`)).status).toBe(200);
      expect(out).not.toContain('was created public');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
