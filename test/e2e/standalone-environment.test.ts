/**
 * The README's environment example, run as written against `npm run emulator` (Docker runtime), the way a
 * new user would: the emulator in its own process, its printed settings as the only change, the installed
 * CLI (dist/cli.js) in a checkout holding the example's three services. The emulator's containers share the
 * host's network by default, so web reaches api's preview URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServicesClient } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yamlBlocks } from '../tools/workflow-files.js';
import { node24, repoRoot } from './support/action-runner.js';
import { clientOptions } from '../../src/cloudrun/client-factory.js';
import { skipWithout } from './support/needs.js';

const SERVICES = ['api', 'worker', 'web'] as const;
let emulator: ChildProcess | undefined;
let emulatorOut = '';
let dir = '';
/** What `npm run emulator` printed to set: env vars, and the registry_host input. */
const settings: Record<string, string> = {};
let registryHost = '';

function run(
  args: string[],
  env: Record<string, string>,
  cwd = dir,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(node24, [join(repoRoot, 'dist', 'cli.js'), ...args], {
      cwd,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(skipWithout('standalone emulator environment e2e', ['docker', 'docker-registry', 'busybox']))(
  "the README's environment example on `npm run emulator`",
  () => {
    beforeAll(async () => {
      // `npm run emulator -- --runtime docker`, in a process group of its own so its stop can be awaited.
      emulator = spawn('npm', ['run', '--silent', 'emulator', '--', '--runtime', 'docker'], {
        cwd: repoRoot,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      emulator.stdout?.on('data', (d: Buffer) => (emulatorOut += d.toString()));
      emulator.stderr?.on('data', (d: Buffer) => (emulatorOut += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`emulator not up in 60 s:\n${emulatorOut}`)), 60_000);
        emulator?.stdout?.on('data', () => {
          if (!emulatorOut.includes('Press Ctrl-C to stop')) return;
          clearTimeout(timer);
          resolve();
        });
        emulator?.once('exit', (code) => reject(new Error(`emulator exited with ${code}:\n${emulatorOut}`)));
      });
      for (const m of emulatorOut.matchAll(/^ {2}env: {3}([A-Z_]+)=(\S+)/gm))
        settings[m[1] ?? ''] = m[2] ?? '';
      registryHost = /^ {2}input: registry_host=(\S+)/m.exec(emulatorOut)?.[1] ?? '';

      // A checkout with the example's services and its environment file, copied from the README.
      dir = mkdtempSync(join(tmpdir(), 'gcpd-readme-env-'));
      cpSync(join(repoRoot, 'test', 'fixtures', 'environment-app'), dir, { recursive: true });
      for (const s of SERVICES)
        copyFileSync(process.env.GCP_DEPLOY_BUSYBOX ?? '/bin/busybox', join(dir, s, 'busybox'));
      const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
      const block = yamlBlocks(readme).find((b) => b.content.startsWith('# .github/gcp-deploy.yml'));
      mkdirSync(join(dir, '.github'));
      writeFileSync(join(dir, '.github', 'gcp-deploy.yml'), block?.content ?? '');
      // The smoke file the example names: web's home page and its page that asks api.
      writeFileSync(
        join(dir, '.github', 'smoke-web.yml'),
        'iterations: 3\nrequests:\n  - { name: home, path: /, checks: { status: 200 } }\n',
      );
    }, 120_000);

    afterAll(async () => {
      if (emulator?.pid !== undefined && emulator.exitCode === null) {
        const stopped = new Promise((resolve) => emulator?.once('exit', resolve));
        process.kill(-emulator.pid, 'SIGINT');
        await stopped;
      }
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('prints how to open its private URLs and runs revisions on the host network', () => {
      expect(emulatorOut).toContain('Revision runtime: docker (network: host');
      expect(emulatorOut).toMatch(/gcp-deploy proxy --service NAME --tag pr-N/);
      expect(settings.GCP_DEPLOY_EMULATOR_HOST).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(registryHost).not.toBe('');
    });

    it('previews api, worker and web as written; web reaches api; the comment is printed', async () => {
      const sha = 'abc1234'.padEnd(40, '0');
      // The README's step, with the emulator's settings: project and registry are the emulator's.
      const preview = await run(
        [
          'preview',
          '--project-id',
          'demo-project',
          '--services',
          '.github/gcp-deploy.yml',
          '--registry-host',
          registryHost,
          '--pr',
          '42',
          '--sha',
          sha,
          '--json',
        ],
        settings,
      );
      expect(preview.code, preview.stderr).toBe(0);
      const outputs = JSON.parse(preview.stdout) as { result: string; urls: Record<string, string> };
      expect(outputs.result).toBe('success');
      expect(Object.keys(outputs.urls).sort()).toEqual(['api', 'web', 'worker']);
      // Each service's check lines say whose they are.
      for (const s of SERVICES) expect(preview.stderr).toMatch(new RegExp(`\\[${s}\\] Healthy: `));
      // No token: the comment it would post is printed, table and all.
      expect(preview.stderr).toContain('PR comment (not posted: no github_token)');
      expect(preview.stderr).toContain('<!-- gcp-deploy:preview environment=shop -->');

      // web is private: open it through the proxy and ask it to call api's preview.
      const proxy = spawn(
        node24,
        [join(repoRoot, 'dist', 'cli.js'), 'proxy', '--url', outputs.urls.web ?? '', '--port', '0'],
        {
          env: { ...process.env, ...settings },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      try {
        let out = '';
        proxy.stdout.on('data', (d: Buffer) => (out += d.toString()));
        const local = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no proxy URL:\n${out}`)), 20_000);
          proxy.stdout.on('data', () => {
            const m = /Proxying (http:\/\/[\d.:]+) ->/.exec(out);
            if (m?.[1] === undefined) return;
            clearTimeout(timer);
            resolve(m[1]);
          });
        });
        expect((await fetch(`${local}/`)).status).toBe(200);
        const res = await fetch(`${local}/cgi-bin/api`);
        const body = await res.text();
        // web's container connected to api's preview URL (API_URL) over the host network. api is private
        // and web runs as the default compute account, which holds no invoker role on it, so api refuses
        // web's ID token with 403: reached, and refused as Cloud Run would. On Docker's bridge network it
        // would be "Connection refused".
        expect(body).toContain(`API_URL=${outputs.urls.api}`);
        expect(body).toMatch(/403 Forbidden/);
        expect(body).not.toMatch(/refused|can't connect/i);

        // The README's grant, made through the Cloud Run API: web's identity may now invoke api, and the
        // ID token web's container got from the emulator's metadata server lets it in.
        const services = new ServicesClient(
          clientOptions(settings, { keyFile: settings.GOOGLE_APPLICATION_CREDENTIALS }),
        );
        try {
          const resource = 'projects/demo-project/locations/us-central1/services/api';
          const [policy] = await services.getIamPolicy({ resource });
          const member = 'serviceAccount:demo-project-compute@developer.gserviceaccount.com';
          const bindings = [...(policy.bindings ?? []), { role: 'roles/run.invoker', members: [member] }];
          await services.setIamPolicy({ resource, policy: { ...policy, bindings } });
        } finally {
          await services.close();
        }
        const granted = await fetch(`${local}/cgi-bin/api`);
        expect(granted.status).toBe(200);
        expect(await granted.text()).toMatch(/^web via api pr-42 api-/);
      } finally {
        proxy.kill('SIGTERM');
      }
    });
  },
);
