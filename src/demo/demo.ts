/**
 * `npm run demo`: the action's main job on the embedded default. Starts a local registry and the emulator,
 * writes a real-shaped pull_request event, runs the bundled action (dist/index.js) exactly as the Actions
 * runner would, then prints the preview URL, the check results and the PR comment it would post. With no
 * Docker engine (or no docker-registry or static busybox for the FROM-scratch image), the emulator's process
 * runtime serves the same example app with Node itself, so the demo needs nothing but Node and npm.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { untilInterrupted } from '../cli/interrupt.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../emulator/local-registry.js';
import { STANDALONE_DEPLOYER_ROLES } from '../emulator/standalone.js';
import { busyboxBuildContext, busyboxPath, exampleProcessCommand } from './example-app.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The smoke options the demo runs: k6's shapes, thresholds in k6's grammar. */
export const DEMO_SMOKE = JSON.stringify({
  scenarios: {
    smoke: {
      executor: 'constant-arrival-rate',
      rate: 50,
      timeUnit: '1s',
      duration: '5s',
      preAllocatedVUs: 5,
    },
  },
  thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(95)<500'], checks: ['rate==1'] },
  requests: [
    { name: 'home', path: '/', checks: { status: 200, bodyContains: 'gcp-deploy' } },
    { name: 'health', path: '/healthz', checks: { status: 200 } },
  ],
});

/** Reads `name=value` and heredoc-style `name<<DELIM` entries from a GITHUB_OUTPUT file. */
export function readOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delim] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) body.push(lines[i] ?? '');
      out[name] = body.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function succeeds(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn(command, args, { stdio: 'ignore' });
    p.on('error', () => resolve(false));
    p.on('exit', (code) => resolve(code === 0));
  });
}

/** Why the full Docker path cannot run here, or undefined when it can. */
export async function dockerPathMissing(): Promise<string | undefined> {
  if (!(await succeeds('docker', ['info']))) return 'no Docker engine answers `docker info`';
  if (!(await succeeds('docker-registry', ['--version']))) return 'docker-registry is not installed';
  if (busyboxPath() === undefined) return 'no static busybox at /bin/busybox (or GCP_DEPLOY_BUSYBOX)';
  return undefined;
}

const FULL_PATH_HINT =
  'For the full path (image built with a registry layer cache, pushed to a local registry, run as a ' +
  'container): apt-get install docker.io docker-registry busybox-static, start dockerd, and run npm run demo again.';

/**
 * Runs the demo; returns the process exit code. `keep` leaves the preview serving until Ctrl-C, opened on
 * localhost (`proxy-port`, default 8080) through `gcp-deploy proxy`.
 */
export async function runDemo(flags: Record<string, string>): Promise<number> {
  const bundle = join(root, 'dist', 'index.js');
  if (!existsSync(bundle)) {
    process.stderr.write('dist/index.js is missing: run `npm run bundle` first\n');
    return 2;
  }
  const wanted = flags.runtime ?? 'auto';
  if (!['auto', 'docker', 'process'].includes(wanted)) {
    process.stderr.write(`--runtime: got "${wanted}"; allowed: auto | docker | process\n`);
    return 2;
  }
  const missing = wanted === 'process' ? 'the process runtime was asked for' : await dockerPathMissing();
  if (wanted === 'docker' && missing !== undefined) {
    process.stderr.write(`--runtime docker: ${missing}. ${FULL_PATH_HINT}\n`);
    return 2;
  }
  const docker = missing === undefined;
  const work = mkdtempSync(join(tmpdir(), 'gcp-deploy-demo-'));
  let registry: LocalRegistry | undefined;
  let emulator: Emulator | undefined;
  const cleanups: (() => void)[] = [];
  try {
    registry = docker ? await startLocalRegistry() : undefined;
    emulator = await startEmulator({
      runtime: docker ? 'docker' : 'process',
      // As `npm run emulator`: revisions share the host's loopback, so one can call another's URL.
      network: 'host',
      registry,
      log: (l) => console.log(`[emulator] ${l}`),
    });
    console.log(
      `emulator on ${emulator.endpoint} (runtime: ${emulator.runtimeName})${registry ? `, registry on ${registry.host}` : ''}`,
    );
    if (!docker) {
      console.log(
        `runtime: process (${missing}): nothing is built or pushed; the example app runs as \`node server.mjs\`.`,
      );
    } else {
      console.log(
        'runtime: docker: the example app is built, pushed to the local registry and run as a container.',
      );
    }

    const sha = 'c0ffee1234567890c0ffee1234567890c0ffee12';
    const event = {
      action: 'synchronize',
      number: 1,
      pull_request: {
        number: 1,
        title: 'Demo: preview the example app',
        head: { sha, ref: 'demo-branch', repo: { full_name: 'local/demo', fork: false } },
        base: { ref: 'main', repo: { full_name: 'local/demo' } },
      },
      repository: { full_name: 'local/demo', owner: { login: 'local' }, name: 'demo' },
    };
    const eventPath = join(work, 'event.json');
    const outputPath = join(work, 'output');
    const summaryPath = join(work, 'summary.md');
    writeFileSync(eventPath, JSON.stringify(event));
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');

    const inputs: Record<string, string> = {
      command: 'preview',
      project_id: 'demo-project',
      region: 'us-central1',
      service: 'demo-app',
      health_path: '/healthz',
      smoke: DEMO_SMOKE,
      // No token: the action prints the comment it would post instead of posting it.
      github_token: '',
      // Private, as on Cloud Run: a kept preview is opened through `gcp-deploy proxy`, never made public.
      access: 'private',
    };
    if (docker && registry) {
      const context = busyboxBuildContext(busyboxPath() as string);
      cleanups.push(() => context.remove());
      inputs.context = context.dir;
      inputs.registry_host = registry.host;
      inputs.repository = 'previews';
    } else {
      // No engine: nothing can be built, so the process runtime serves the same site with Node.
      const app = exampleProcessCommand();
      inputs.image = `local/demo-app@sha256:${'0'.repeat(64)}`;
      inputs.container_command = app.command;
      inputs.container_args = app.args.join('\n'); // one argument per line
    }
    // The action runs as a deployer whose key the emulator made: its checks fetch real ID tokens with it.
    const deployer = 'demo-deployer@demo-project.iam.gserviceaccount.com';
    const keyPath = join(work, 'deployer-key.json');
    writeFileSync(keyPath, JSON.stringify(emulator.identity.createServiceAccountKey(deployer)), {
      mode: 0o600,
    });
    // The roles the README's table asks of a preview: deploy, act as the runtime identity, push images.
    for (const role of STANDALONE_DEPLOYER_ROLES)
      emulator.iam.grantProject('demo-project', role, `serviceAccount:${deployer}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...emulator.identity.env(),
      GOOGLE_APPLICATION_CREDENTIALS: keyPath,
      GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_REPOSITORY: 'local/demo',
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/pull/1/merge',
      GITHUB_RUN_ID: '1',
      GITHUB_SERVER_URL: 'http://127.0.0.1',
      RUNNER_TEMP: work,
    };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;

    const started = Date.now();
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [bundle], { env, stdio: 'inherit' });
      child.on('exit', (c) => resolve(c ?? 1));
    });
    const outputs = readOutputFile(readFileSync(outputPath, 'utf8'));
    console.log('\n' + readFileSync(summaryPath, 'utf8'));
    console.log(`result: ${outputs.result ?? '(none)'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`preview URL: ${outputs.url ?? '(none)'}`);
    console.log(`runtime: ${emulator.runtimeName}`);
    if (!docker) console.log(FULL_PATH_HINT);
    if (flags.keep === 'true' && code === 0 && outputs.url !== undefined) {
      // The preview stays private: `gcp-deploy proxy` opens it on localhost with the deployer's ID tokens.
      const port = flags['proxy-port'] ?? '8080';
      console.log(`opening the private preview with: gcp-deploy proxy --url ${outputs.url} --port ${port}`);
      const proxy = spawn(
        process.execPath,
        [join(root, 'dist', 'cli.js'), 'proxy', '--url', outputs.url, '--port', port],
        { env, stdio: 'inherit' },
      );
      console.log('serving until Ctrl-C ...');
      await untilInterrupted(once(proxy, 'exit'));
      if (proxy.exitCode === null) proxy.kill('SIGTERM');
    }
    return code;
  } finally {
    await emulator?.stop();
    await registry?.stop();
    for (const c of cleanups) c();
    rmSync(work, { recursive: true, force: true });
  }
}
