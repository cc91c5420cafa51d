/**
 * `gcp-deploy` as a user gets it: `npm pack`, installed from the tarball into an empty directory with the
 * registry unreachable (the package has no runtime dependencies: everything is in dist/), then run with
 * nothing but Node on PATH. The preview runs against the emulator's process runtime, so no Docker is needed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SERVER } from '../../src/demo/example-app.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './support/invoker.js';
import { repoRoot } from './support/action-runner.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const work = mkdtempSync(join(tmpdir(), 'gcpd-cli-pack-'));
const consumer = join(work, 'consumer');
const bin = join(consumer, 'node_modules', '.bin', 'gcp-deploy');
/** Only Node: the command must not need npm, tsx, Docker or anything else on PATH. */
const onlyNode = { PATH: dirname(process.execPath), HOME: work };

function gcpDeploy(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: consumer, env: { ...onlyNode, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

const SHA = 'c0ffee1234567890c0ffee1234567890c0ffee12';
const SMOKE = JSON.stringify({
  vus: 2,
  duration: '1s',
  thresholds: { http_req_failed: ['rate<0.01'], checks: ['rate==1'] },
  requests: [{ name: 'home', path: '/', checks: { status: 200, bodyContains: 'gcp-deploy' } }],
});

describe('the packed gcp-deploy, installed into an empty directory', () => {
  let emulator: Emulator;
  // The CLI runs as a deployer whose key the emulator made: services are private, so the checks need its ID tokens.
  let deployer: Caller;
  let server: Server;
  let serverUrl: string;
  let hits = 0;

  beforeAll(async () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
        cwd: repoRoot,
        encoding: 'utf8',
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const tarball = join(work, packed[0]?.filename ?? '');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    // An unreachable registry and an empty cache: the install must need nothing but the tarball.
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: consumer,
      env: {
        ...process.env,
        npm_config_registry: 'http://127.0.0.1:9/',
        npm_config_cache: join(work, 'npm-cache'),
      },
      stdio: 'pipe',
    });
    emulator = await startEmulator({ runtime: 'process' });
    deployer = serviceAccountCaller(emulator, 'demo-project', 'deployer', DEPLOYER_ROLES);
    server = createServer((_req, res) => {
      hits++;
      res.end('hello from gcp-deploy\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    deployer?.remove();
    await emulator?.stop();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  it('installs with no dependencies and prints its usage, a command usage and its version', async () => {
    const pkg = JSON.parse(
      readFileSync(join(consumer, 'node_modules', 'gcp-deploy', 'package.json'), 'utf8'),
    ) as { version: string; dependencies?: Record<string, string> };
    expect(pkg.dependencies ?? {}).toEqual({});
    const help = await gcpDeploy(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: gcp-deploy <command> \[flags\]/);
    for (const command of ['preview', 'candidate', 'promote', 'cleanup', 'rollback', 'proxy', 'smoke']) {
      expect(help.stdout).toContain(`  ${command} `);
    }
    const previewHelp = await gcpDeploy(['help', 'preview']);
    expect(previewHelp.code).toBe(0);
    expect(previewHelp.stdout).toMatch(/--service V/);
    expect(previewHelp.stdout).toMatch(/--health-path V/);
    expect(previewHelp.stdout).toMatch(/--pr N/);
    // Only preview's own flags: canary steps belong to promote.
    expect(previewHelp.stdout).not.toMatch(/--canary/);
    expect((await gcpDeploy(['help', 'promote'])).stdout).toMatch(/--canary V/);
    const version = await gcpDeploy(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('exits 2 with one line naming an unknown flag or command, and with the action message for a bad input', async () => {
    const flag = await gcpDeploy(['preview', '--servce', 'web']);
    expect(flag.code).toBe(2);
    expect(flag.stdout).toBe('');
    expect(flag.stderr).toBe(
      "gcp-deploy: unknown flag '--servce' for preview; see gcp-deploy help preview\n",
    );
    const command = await gcpDeploy(['preveiw']);
    expect(command.code).toBe(2);
    expect(command.stderr.trim().split('\n')).toHaveLength(1);
    expect(command.stderr).toContain("unknown command 'preveiw'");
    // The same rule and message as the action's input, read here from a GCP_DEPLOY_* variable.
    const canary = await gcpDeploy(['promote', '--project-id', 'demo-project', '--service', 'web'], {
      GCP_DEPLOY_CANARY: '50,10',
      GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint,
    });
    expect(canary.code).toBe(2);
    expect(canary.stdout).toBe('');
    expect(canary.stderr.trim().split('\n')).toHaveLength(1);
    expect(canary.stderr).toMatch(
      /^gcp-deploy: Input 'canary': got "50,10"; .*\(set with --canary or GCP_DEPLOY_CANARY\)\.\n$/,
    );
  });

  it('runs smoke checks against a local server and prints the result as JSON', async () => {
    const before = hits;
    const run = await gcpDeploy(['smoke', '--url', serverUrl, '--config', SMOKE, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      ok: boolean;
      checks: { name: string; passes: number; fails: number }[];
    };
    expect(result.ok).toBe(true);
    expect(result.checks.every((c) => c.fails === 0 && c.passes > 0)).toBe(true);
    expect(hits - before).toBeGreaterThan(0);
  });

  it('previews an environment of two services and prints each URL', async () => {
    const service = (name: string, needs: string): string =>
      [
        `  ${name}:`,
        `    image: local/${name}@sha256:${'0'.repeat(64)}`,
        `    container_command: ${process.execPath}`,
        `    container_args: ${EXAMPLE_SERVER}`,
        '    health_path: /healthz',
        ...(needs === '' ? [] : [`    needs: [${needs}]`]),
      ].join('\n');
    const services = ['name: cli', 'services:', service('cli-api', ''), service('cli-web', 'cli-api')].join(
      '\n',
    );
    const run = await gcpDeploy(
      ['preview', '--json', '--project-id=demo-project', '--services', services, '--pr', '8', '--sha', SHA],
      { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      result: string;
      urls: Record<string, string>;
      stages: Record<string, string>;
    };
    expect(out.result).toBe('success');
    expect(out.stages).toEqual({ 'cli-api': 'passed', 'cli-web': 'passed' });
    for (const url of Object.values(out.urls)) expect((await deployer.fetch(url)).status).toBe(200);
    expect(run.stderr.indexOf('[cli-web] deploying')).toBeGreaterThan(
      run.stderr.indexOf('[cli-api] checking'),
    );
  });

  it('previews a pull request on the emulator and prints the outputs as one JSON object on stdout', async () => {
    const run = await gcpDeploy(
      [
        'preview',
        '--json',
        '--project-id=demo-project',
        '--service',
        'cli-app',
        '--image',
        `local/cli-app@sha256:${'0'.repeat(64)}`,
        '--container-command',
        process.execPath,
        '--container-args',
        EXAMPLE_SERVER,
        '--health-path',
        '/healthz',
        '--smoke',
        SMOKE,
        '--pr',
        '7',
        '--sha',
        SHA,
      ],
      { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
    );
    expect(run.code, run.stderr).toBe(0);
    // stdout is exactly one JSON object; every log line went to stderr, translated from @actions/core.
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(run.stdout) as Record<string, unknown> & {
      metrics: { health: { ok: boolean }; smoke: { ok: boolean }; phases: Record<string, number> };
    };
    expect(out.result).toBe('success');
    expect(out.tag).toBe('pr-7');
    expect(out.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out.revision).toMatch(/^cli-app-pr7-c0ffee1-[0-9a-z]{6}$/);
    expect(out.digest).toBe(`sha256:${'0'.repeat(64)}`);
    expect(out.image).toBe(`local/cli-app@sha256:${'0'.repeat(64)}`);
    expect(out.metrics.health.ok).toBe(true);
    expect(out.metrics.smoke.ok).toBe(true);
    expect(Object.keys(out.metrics.phases)).toContain('deploy');
    const page = await deployer.fetch(out.url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('gcp-deploy');
    expect(run.stderr).toContain('== PR comment (not posted: no github_token)');
    expect(run.stderr).not.toMatch(/^::/m);
  });

  it('reads the merge request from GitLab CI variables when no flag gives it', async () => {
    const run = await gcpDeploy(
      [
        'preview',
        '--json',
        '--project-id=demo-project',
        '--service=cli-app',
        `--image=local/cli-app@sha256:${'0'.repeat(64)}`,
        `--container-command=${process.execPath}`,
        `--container-args=${EXAMPLE_SERVER}`,
        '--health-path=/healthz',
        '--comment=false',
      ],
      {
        GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint,
        ...deployer.env,
        GITLAB_CI: 'true',
        CI_MERGE_REQUEST_IID: '12',
        CI_COMMIT_SHA: 'feed'.repeat(10),
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature/login',
        CI_PROJECT_PATH: 'acme/web',
        CI_SERVER_URL: 'https://gitlab.example',
        CI_JOB_URL: 'https://gitlab.example/acme/web/-/jobs/1',
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, string>;
    expect(out.result).toBe('success');
    expect(out.tag).toBe('pr-12');
    expect(out.revision).toMatch(/^cli-app-pr12-feedfee-/);
    expect((await deployer.fetch(out.url ?? '')).status).toBe(200);
  });

  it('says where the pull request comes from when nothing gives it', async () => {
    const run = await gcpDeploy(['preview', '--project-id', 'demo-project', '--service', 'cli-app'], {
      GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint,
      GITLAB_CI: 'true',
      CI_COMMIT_SHA: SHA,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gcp-deploy: preview needs a pull request: give --pr or GCP_DEPLOY_PR; GitLab CI gives none here ' +
        '(CI_MERGE_REQUEST_IID is unset: is this a merge or pull request pipeline?).\n',
    );
  });
});
