/**
 * `gcp-deploy proxy` through the bundled CLI (dist/cli.js): a private preview answers 403 to an anonymous
 * request, and 200 through the proxy on localhost, which adds an ID token from Application Default
 * Credentials (the deployer's key, tokens from the emulator's identity endpoint) to each request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node24, repoRoot } from './support/action-runner.js';
import { skipWithout } from './support/needs.js';
import { fetchText, PROJECT, REGION, startPreviewWorld, type PreviewWorld } from './support/preview-env.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
let world: PreviewWorld;
const children: ChildProcess[] = [];

/** Starts `gcp-deploy proxy ARGS` and resolves with the local URL it prints. */
async function startProxy(
  args: string[],
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(node24, [join(repoRoot, 'dist', 'cli.js'), 'proxy', ...args, '--port', '0'], {
    env: {
      ...process.env,
      GCP_DEPLOY_EMULATOR_HOST: world.emulator.endpoint,
      ...world.deployer.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy printed no URL within 20 s:\n${out}`)), 20_000);
    const look = (): void => {
      const m = /Proxying (http:\/\/127\.0\.0\.1:\d+) ->/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`proxy exited with ${code}:\n${out}`));
    });
  });
  return { url, child, output: () => out };
}

describe.skipIf(skipWithout('proxy e2e', ['docker', 'docker-registry', 'busybox']))(
  'gcp-deploy proxy (dist/cli.js) opens a private preview on localhost',
  () => {
    let previewUrl = '';
    let summary = '';

    beforeAll(async () => {
      world = await startPreviewWorld();
      const run = await world.preview({ service: 'web', pr: 42, sha: sha(42) });
      expect(run.outputs.result, run.stdout).toBe('success');
      previewUrl = run.outputs.url ?? '';
      summary = run.summary;
    });

    afterAll(async () => {
      for (const c of children) c.kill('SIGTERM');
      await world?.stop();
    });

    it('GET through the proxy by service and tag: 200; the same URL without it: 403', async () => {
      expect((await fetchText(`${previewUrl}/version.txt`)).status).toBe(403);
      const proxy = await startProxy([
        '--service',
        'web',
        '--tag',
        'pr-42',
        '--project-id',
        PROJECT,
        '--region',
        REGION,
      ]);
      expect(proxy.output()).toContain(`-> ${previewUrl}`);
      const through = await fetchText(`${proxy.url}/version.txt`);
      expect(through, proxy.output()).toEqual({ status: 200, body: `${sha(42)}\n` });
      // Every request gets its token (the second from the cache): no anonymous request slips through.
      expect((await fetchText(`${proxy.url}/healthz`)).status).toBe(200);
      // The token never reaches the output.
      expect(proxy.output()).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
      // Ctrl-C stops it cleanly.
      const exited = new Promise<number | null>((resolve) => proxy.child.once('exit', resolve));
      proxy.child.kill('SIGINT');
      expect(await exited).toBe(0);
    });

    it('--url works the same; an unknown tag is refused naming the tags there are', async () => {
      const proxy = await startProxy(['--url', previewUrl]);
      expect((await fetchText(`${proxy.url}/version.txt`)).status).toBe(200);
      const refused = spawn(
        node24,
        [
          join(repoRoot, 'dist', 'cli.js'),
          'proxy',
          '--service',
          'web',
          '--tag',
          'pr-7',
          '--project-id',
          PROJECT,
          '--region',
          REGION,
        ],
        {
          env: { ...process.env, GCP_DEPLOY_EMULATOR_HOST: world.emulator.endpoint, ...world.deployer.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let err = '';
      refused.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => refused.once('exit', resolve));
      expect(code).toBe(2);
      expect(err).toContain('tag pr-7 not found on service web; its tags: pr-42');
    });

    it("the preview's notes name this command and gcloud's, as code, not escaped backticks", () => {
      expect(summary).toContain(
        `\`gcp-deploy proxy --service web --tag pr-42 --project-id ${PROJECT} --region ${REGION}\``,
      );
      expect(summary).toContain(
        `\`gcloud run services proxy web --tag pr-42 --region ${REGION} --project ${PROJECT}\``,
      );
      expect(summary).not.toContain('\\`');
    });
  },
);
