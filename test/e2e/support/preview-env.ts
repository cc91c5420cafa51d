/**
 * One end-to-end world for the action: a local registry standing in for Artifact Registry, the emulator
 * with the Docker runtime, and a production service already serving, created with the real client.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RevisionsClient, ServicesClient } from '@google-cloud/run';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../../src/emulator/local-registry.js';
import { prepareFixture, type FixtureContext } from '../../fixtures/prepare-fixture.js';
import { pullRequestEvent, runAction, type ActionRun, type RunActionOptions } from './action-runner.js';
import { emulatorOptions } from './emulator-options.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './invoker.js';

export const PROJECT = 'demo-project';
export const REGION = 'us-central1';

export interface PreviewWorld {
  registry: LocalRegistry;
  emulator: Emulator;
  app: FixtureContext;
  services: ServicesClient;
  revisions: RevisionsClient;
  /** The deployer the action runs as (DEPLOYER_ROLES on the project: it deploys, acts as the runtime identity, pushes and invokes). */
  deployer: Caller;
  /** GETs a URL with the deployer's ID token (services are private unless opened). */
  fetchText(url: string): Promise<{ status: number; body: string }>;
  serviceName(service: string): string;
  /** Writes the commit into the app's site (a source-only change) and runs the action for that PR push. */
  preview(o: {
    service: string;
    pr: number;
    sha: string;
    inputs?: Record<string, string>;
    env?: Record<string, string>;
    onStdout?: RunActionOptions['onStdout'];
    /** How long the run may take before it is killed (the runner's default: 240 s). */
    timeoutMs?: number;
  }): Promise<ActionRun>;
  run(o: {
    eventName: string;
    event: Record<string, unknown>;
    inputs: Record<string, string>;
    sha?: string;
    /** GITHUB_REF (default refs/heads/main). */
    ref?: string;
    env?: Record<string, string>;
    onStdout?: RunActionOptions['onStdout'];
  }): Promise<ActionRun>;
  stop(): Promise<void>;
}

/** GETs a URL without credentials and returns status and body text. */
export async function fetchText(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

export async function startPreviewWorld(): Promise<PreviewWorld> {
  const registry = await startLocalRegistry();
  const emulator = await startEmulator({ runtime: 'docker', registry });
  const app = prepareFixture('example-app');
  const options = emulatorOptions(emulator);
  const services = new ServicesClient(options);
  const revisions = new RevisionsClient(options);
  const baseInputs = (service: string): Record<string, string> => ({
    project_id: PROJECT,
    region: REGION,
    service,
    context: app.dir,
    registry_host: registry.host,
    repository: 'previews',
    health_path: '/healthz',
    health_timeout: '30s',
    comment: 'false',
  });
  const deployer = serviceAccountCaller(emulator, PROJECT, 'deployer', DEPLOYER_ROLES);
  const env = { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env };
  const world: PreviewWorld = {
    registry,
    emulator,
    app,
    services,
    revisions,
    deployer,
    async fetchText(url) {
      const res = await deployer.fetch(url);
      return { status: res.status, body: await res.text() };
    },
    serviceName: (service) => `projects/${PROJECT}/locations/${REGION}/services/${service}`,
    async preview(o) {
      writeFileSync(join(app.dir, 'site', 'version.txt'), `${o.sha}\n`);
      return runAction({
        inputs: { command: 'auto', ...baseInputs(o.service), ...o.inputs },
        eventName: 'pull_request',
        event: pullRequestEvent({ number: o.pr, sha: o.sha }),
        env: { ...env, ...o.env },
        ...(o.onStdout !== undefined ? { onStdout: o.onStdout } : {}),
        ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      });
    },
    async run(o) {
      return runAction({
        inputs: { ...baseInputs(String(o.inputs.service ?? '')), ...o.inputs },
        eventName: o.eventName,
        event: o.event,
        sha: o.sha,
        ...(o.ref !== undefined ? { ref: o.ref } : {}),
        env: { ...env, ...o.env },
        ...(o.onStdout !== undefined ? { onStdout: o.onStdout } : {}),
      });
    },
    async stop() {
      await services.close();
      await revisions.close();
      await emulator.stop();
      await registry.stop();
      app.remove();
      deployer.remove();
    },
  };
  return world;
}
