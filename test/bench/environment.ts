/**
 * bench:environment: the wall time of one run previewing three services (api, worker, and web needing api)
 * against the slowest of the three previewed alone, builds included, and the Cloud Run API calls per
 * service. Each measured run is a new commit of every service on a PR, beside services that already exist.
 * Needs Docker and docker-registry (the emulator's containers share the host network so web can call api).
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../src/emulator/index.js';
import { startLocalRegistry } from '../../src/emulator/local-registry.js';
import { pullRequestEvent, runAction, type ActionRun } from '../e2e/support/action-runner.js';
import { DEPLOYER_ROLES, serviceAccountCaller } from '../e2e/support/invoker.js';

const PROJECT = 'bench-project';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SERVICES = ['api', 'worker', 'web'] as const;
const fixture = fileURLToPath(new URL('../fixtures/environment-app/', import.meta.url));

const registry = await startLocalRegistry();
const emulator = await startEmulator({ runtime: 'docker', network: 'host', registry });
// api is created public: setting its invoker policy takes roles/run.admin (the README's roles table).
const deployer = serviceAccountCaller(emulator, PROJECT, 'deployer', [...DEPLOYER_ROLES, 'roles/run.admin']);
const dir = mkdtempSync(join(tmpdir(), 'gcpd-bench-env-'));
cpSync(fixture, dir, { recursive: true });
for (const s of SERVICES)
  copyFileSync(process.env.GCP_DEPLOY_BUSYBOX ?? '/bin/busybox', join(dir, s, 'busybox'));
mkdirSync(join(dir, '.github'));
const file = join(dir, '.github', 'gcp-deploy.yml');
/** The same three services with no needs: what running them side by side costs, the dependency aside. */
const flat = join(dir, '.github', 'flat.yml');
const spec = (name: string, web: string): string =>
  [
    `name: ${name}`,
    'services:',
    `  api: { context: ${join(dir, 'api')}, health_path: /healthz, access: public }`,
    `  worker: { context: ${join(dir, 'worker')}, health_path: /healthz }`,
    `  web: { context: ${join(dir, 'web')}, ${web} }`,
  ].join('\n');
writeFileSync(file, spec('bench', 'health_path: /cgi-bin/api, needs: [api]'));
writeFileSync(flat, spec('flat', 'health_path: /healthz'));

const base = {
  command: 'preview',
  project_id: PROJECT,
  region: 'us-central1',
  registry_host: registry.host,
  repository: 'bench',
  health_timeout: '30s',
  comment: 'false',
};
let commit = 0;
const sha = (): string => (++commit).toString(16).padStart(2, '0').repeat(20);
/** A new commit touching every service, so each run builds and deploys all it previews. */
const touchAll = (): void => {
  for (const s of SERVICES) writeFileSync(join(dir, s, 'www', 'version.txt'), `${commit}\n`);
};
const run = async (pr: number, inputs: Record<string, string>): Promise<ActionRun> => {
  const r = await runAction({
    inputs: { ...base, ...inputs },
    eventName: 'pull_request',
    event: pullRequestEvent({ number: pr, sha: sha() }),
    env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
  });
  if (r.outputs.result !== 'success') throw new Error(`run failed:\n${r.stdout}`);
  return r;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

try {
  // The services exist (and their build caches are warm) before anything is measured.
  touchAll();
  const seed = await run(1, { services: file });
  const apiUrl = (JSON.parse(seed.outputs.urls ?? '{}') as Record<string, string>).api ?? '';
  await run(4, { services: flat });
  const environment: number[] = [];
  const parallel: number[] = [];
  const alone: Record<string, number[]> = { api: [], worker: [], web: [] };
  let envCalls = '';
  const aloneCalls: Record<string, string> = {};
  for (let round = 0; round < ROUNDS; round++) {
    touchAll();
    const env = await run(2, { services: file });
    environment.push(env.durationMs);
    envCalls = /API calls to Cloud Run per service: (.*)/.exec(env.stdout)?.[1] ?? '?';
    touchAll();
    parallel.push((await run(4, { services: flat })).durationMs);
    for (const s of SERVICES) {
      touchAll();
      const one = await run(3, {
        service: s,
        context: join(dir, s),
        health_path: s === 'web' ? '/cgi-bin/api' : '/healthz',
        ...(s === 'web' ? { env_vars: `API_URL=${apiUrl}` } : {}),
      });
      alone[s]?.push(one.durationMs);
      aloneCalls[s] = /API calls to Cloud Run: (\d+)/.exec(one.stdout)?.[1] ?? '?';
    }
  }
  // Each figure with its spread: one run on a shared 2-core machine can land anywhere in a wide range.
  const spread = (xs: number[], unit = ' ms', digits = 0): string =>
    `median ${median(xs).toFixed(digits)}${unit}, range ${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}${unit}`;
  /** Per round: the environment against the slowest service alone in the same round. */
  const ratios = (runs: number[]): number[] =>
    runs.map((ms, i) => ms / Math.max(...SERVICES.map((s) => alone[s]?.[i] ?? NaN)));
  console.log(`runtime: ${emulator.runtimeName} (host network); builds included; ${ROUNDS} rounds`);
  for (const s of SERVICES) {
    console.log(`${s.padEnd(8)} alone: ${spread(alone[s] ?? [])}; ${aloneCalls[s]} Cloud Run API calls`);
  }
  console.log(`environment (3 services): ${spread(environment)}; calls per service: ${envCalls}`);
  console.log(`same services, no needs:  ${spread(parallel)}`);
  console.log(
    `ratio environment / slowest alone: ${spread(ratios(environment), 'x', 2)} over ${ROUNDS} rounds (target <= 1.3x)`,
  );
  console.log(
    `ratio without needs / slowest alone: ${spread(ratios(parallel), 'x', 2)} (the rest is api's deploy, which web waits for)`,
  );
} finally {
  await emulator.stop();
  await registry.stop();
  deployer.remove();
  rmSync(dir, { recursive: true, force: true });
}
