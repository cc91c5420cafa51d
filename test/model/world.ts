/**
 * The system under test of the model-based run: the real action, in process (loadConfig + runEnvironment of one service, the
 * same calls src/main.ts makes, with the real Cloud Run client) against the emulator with the process
 * runtime. Each schedule gets its own production service; one emulator serves them all.
 */
import { RevisionsClient, ServicesClient, protos } from '@google-cloud/run';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { loadConfig } from '../../src/main.js';
import { withCommand } from '../../src/config/inputs.js';
import { runEnvironment } from '../../src/commands/run-environment.js';
import { environmentOfService } from '../../src/environment/load-environment.js';
import type { EventContext } from '../../src/github/event-context.js';
import type { RunReport } from '../../src/report/run-report.js';
import { emulatorOptions } from '../e2e/support/emulator-options.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from '../e2e/support/invoker.js';

export const PROJECT = 'model-project';
export const REGION = 'us-central1';
export const LOCATION = `projects/${PROJECT}/locations/${REGION}`;
/** Every revision runs this: 200 on every path. A failing revision is made unhealthy by the emulator's front. */
const SERVER = `require('node:http').createServer((q, s) => s.end('ok ' + (process.env.PREVIEW_SHA || 'prod'))).listen(Number(process.env.PORT), '127.0.0.1')`;
/** A PR push whose commit starts with these letters fails its checks (see {@link FAILING_REVISION}). */
export const FAILING_PREFIX = 'bad';
export const FAILING_REVISION = new RegExp(`-pr\\d+-${FAILING_PREFIX}`);
/** A failing canary: every release revision answers 500 while the step runs. */
export const RELEASE_REVISION = /-rel-/;

export type Command = 'preview' | 'promote' | 'rollback' | 'cleanup';

export interface ModelWorld {
  emulator: Emulator;
  services: ServicesClient;
  revisions: RevisionsClient;
  deployer: Caller;
  /** Creates the production service of one schedule (one revision at 100 %), named `service`. */
  createProduction(service: string): Promise<void>;
  deleteService(service: string): Promise<void>;
  /** Runs one command of the action for `service`; `cancelAfterMs` aborts it as a SIGTERM would. */
  run(o: {
    service: string;
    command: Command;
    inputs?: Record<string, string>;
    ctx: EventContext;
    cancelAfterMs?: number;
  }): Promise<{ report?: RunReport; error?: unknown; log: string }>;
  stop(): Promise<void>;
}

/** A commit SHA: 40 hex characters, starting with `prefix`. */
export function sha(prefix: string, n: number): string {
  return `${prefix}${n.toString(16)}`.padEnd(40, '0').slice(0, 40);
}

/** The event of a PR push (or close). */
export function prEvent(pr: number, headSha: string, action = 'synchronize'): EventContext {
  return {
    eventName: 'pull_request',
    action,
    repo: { owner: 'acme', repo: 'web' },
    prNumber: pr,
    headSha,
    headRef: `feature-${pr}`,
    baseRef: 'main',
    prTitle: `PR ${pr}`,
    isFork: false,
    runUrl: 'https://github.com/acme/web/actions/runs/1',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
  };
}

/** The event of a manual run on main (promote, rollback, stale sweep). */
export function dispatchEvent(): EventContext {
  return {
    ...prEvent(0, sha('1', 0)),
    eventName: 'workflow_dispatch',
    action: undefined,
    prNumber: undefined,
  };
}

export async function startModelWorld(opts: Pick<EmulatorOptions, 'quotas'> = {}): Promise<ModelWorld> {
  const emulator = await startEmulator({ runtime: 'process', startupTimeoutMs: 10_000, ...opts });
  const options = emulatorOptions(emulator);
  const services = new ServicesClient(options);
  const revisions = new RevisionsClient(options);
  const deployer = serviceAccountCaller(emulator, PROJECT, 'deployer', DEPLOYER_ROLES);
  // What the runner's environment would hold: the emulator endpoint and the deployer's credentials.
  Object.assign(process.env, { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env });
  delete process.env.GITHUB_STEP_SUMMARY;
  delete process.env.GITHUB_OUTPUT;
  const image = `us-docker.pkg.dev/${PROJECT}/r/app@sha256:${'c'.repeat(64)}`;

  return {
    emulator,
    services,
    revisions,
    deployer,
    async createProduction(service) {
      const template: protos.google.cloud.run.v2.IRevisionTemplate = {
        revision: `${service}-base`,
        containers: [{ image, command: [process.execPath], args: ['-e', SERVER] }],
      };
      const [op] = await services.createService({
        parent: LOCATION,
        serviceId: service,
        // Public, so the checks need no ID token: google-auth-library would need the emulator's CA at start-up.
        service: { template, labels: { 'managed-by': 'gcp-deploy' }, invokerIamDisabled: true },
      });
      await op.promise();
    },
    async deleteService(service) {
      try {
        const [op] = await services.deleteService({ name: `${LOCATION}/services/${service}` });
        await op.promise();
      } catch {
        // already gone
      }
    },
    async run(o) {
      const inputs: Record<string, string> = {
        command: o.command,
        project_id: PROJECT,
        region: REGION,
        service: o.service,
        image: `us-docker.pkg.dev/${PROJECT}/r/app@sha256:${(o.ctx.headSha + o.ctx.headSha).slice(0, 64)}`,
        health_path: '/',
        health_timeout: '1s',
        comment: 'false',
        timeout: '2m',
        ...o.inputs,
      };
      const read = (name: string): string => inputs[name] ?? '';
      const controller = new AbortController();
      const timer =
        o.cancelAfterMs === undefined
          ? undefined
          : setTimeout(() => controller.abort(new Error('SIGTERM')), o.cancelAfterMs);
      // The action logs through @actions/core to stdout: kept for a failing schedule's story, not printed.
      let log = '';
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = (chunk: string | Uint8Array): boolean => {
        log += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
        return true;
      };
      try {
        const config = await loadConfig(withCommand(o.command, read));
        const run = await runEnvironment(o.command, environmentOfService(config), o.ctx, controller.signal);
        const report = run.members[0].report;
        return { report, log };
      } catch (error) {
        return { error, log };
      } finally {
        process.stdout.write = write;
        if (timer !== undefined) clearTimeout(timer);
      }
    },
    async stop() {
      await services.close();
      await revisions.close();
      await emulator.stop();
      deployer.remove();
    },
  };
}
