import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { untilInterrupted } from '../cli/interrupt.js';
import { startEmulator } from './index.js';
import { startLocalRegistry } from './local-registry.js';

/** Options of `gcp-deploy emulator`. */
export interface StandaloneOptions {
  runtime?: 'auto' | 'docker' | 'process';
  /**
   * The Docker runtime's network. Default `host`: every container on the host's loopback with its own PORT,
   * so one revision calls another's URL (`API_URL=http://127.0.0.1:PORT`) as an environment needs; `bridge`
   * isolates containers, which then cannot reach each other's URLs.
   */
  network?: 'host' | 'bridge';
  /** Where to print (default stdout). */
  out?: (line: string) => void;
  /** Resolves to stop early (tests); by default the emulator runs until SIGINT or SIGTERM. */
  until?: Promise<void>;
}

/** GCP_DEPLOY_EMULATOR_TOKEN_LIFETIME (seconds): shorter-lived tokens, to try a long run against expiry. */
function tokenLifetime(value: string | undefined): { tokenLifetimeSec?: number } {
  if (value === undefined || value === '') return {};
  const sec = Number(value);
  if (!Number.isInteger(sec) || sec < 1)
    throw new Error(
      `GCP_DEPLOY_EMULATOR_TOKEN_LIFETIME: got ${JSON.stringify(value)}; allowed: whole seconds >= 1`,
    );
  return { tokenLifetimeSec: sec };
}

/**
 * What the standalone emulator's key holds on demo-project: deploy, act as its runtime identities, push, and
 * (run.admin) grant invokers, as the person who runs a local emulator owns its project.
 */
export const STANDALONE_DEPLOYER_ROLES = [
  'roles/run.admin',
  'roles/iam.serviceAccountUser',
  'roles/artifactregistry.admin',
];

/** `gcp-deploy emulator`: a local registry plus the emulator, with instructions, until SIGINT/SIGTERM. */
export async function runStandaloneEmulator(opts: StandaloneOptions = {}): Promise<void> {
  const out = opts.out ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const lifetime = tokenLifetime(process.env.GCP_DEPLOY_EMULATOR_TOKEN_LIFETIME);
  const registry = await startLocalRegistry();
  let emulator;
  try {
    emulator = await startEmulator({
      runtime: opts.runtime ?? 'auto',
      network: opts.network ?? 'host',
      registry,
      log: (l) => out(`[emulator] ${l}`),
      ...lifetime,
    });
  } catch (err) {
    await registry.stop();
    throw err;
  }
  // Every control-plane call is authorized, as on Google Cloud: a deployer key holding what the README's
  // roles table asks of a preview (on demo-project) lets the action deploy and its checks fetch ID tokens.
  // Removed on stop.
  const keyDir = mkdtempSync(join(tmpdir(), 'gcpd-emulator-key-'));
  const keyPath = join(keyDir, 'deployer-key.json');
  const deployer = 'deployer@demo-project.iam.gserviceaccount.com';
  writeFileSync(keyPath, JSON.stringify(emulator.identity.createServiceAccountKey(deployer)), {
    mode: 0o600,
  });
  for (const role of STANDALONE_DEPLOYER_ROLES)
    emulator.iam.grantProject('demo-project', role, `serviceAccount:${deployer}`);
  out(`Cloud Run + Artifact Registry emulator (gRPC): ${emulator.endpoint}`);
  out(`Local image registry (stands in for Artifact Registry's Docker host): ${registry.host}`);
  out(
    `Revision runtime: ${emulator.runtimeName}${emulator.runtimeName === 'docker' ? ` (network: ${opts.network ?? 'host'}${(opts.network ?? 'host') === 'host' ? ": revisions reach each other's URLs" : ''})` : ''}`,
  );
  out('Point the action or the CLI at it with:');
  out(`  env:   GCP_DEPLOY_EMULATOR_HOST=${emulator.endpoint}`);
  out(`  input: registry_host=${registry.host}`);
  out(
    `  env:   GOOGLE_APPLICATION_CREDENTIALS=${keyPath} (${deployer}, ${STANDALONE_DEPLOYER_ROLES.join(', ')} on demo-project)`,
  );
  for (const [k, v] of Object.entries(emulator.identity.env())) out(`  env:   ${k}=${v}`);
  out(
    `  e.g.   GCP_DEPLOY_EMULATOR_HOST=${emulator.endpoint} gcp-deploy preview --registry-host ${registry.host} ...`,
  );
  out(
    'Services are private, as on Cloud Run: a plain curl of their URLs gets 403. Open one on localhost with the env above:',
  );
  out(
    '  gcp-deploy proxy --service NAME --tag pr-N --project-id demo-project --region us-central1   (or --url URL)',
  );
  out('  then browse http://127.0.0.1:8080 (each request gets an ID token for the service)');
  out(
    `The registry authorizes pushes and pulls as Artifact Registry does; the action logs in itself. By hand: docker login -u _json_key --password-stdin ${registry.host} < ${keyPath}`,
  );
  out('Press Ctrl-C to stop; every container and process it started is removed.');
  await untilInterrupted(...(opts.until === undefined ? [] : [opts.until]));
  out('stopping...');
  await emulator.stop();
  await registry.stop();
  rmSync(keyDir, { recursive: true, force: true });
  out('stopped.');
}
