/**
 * The emulator without Docker: revisions as local Node processes, driven by the real Cloud Run client;
 * and `gcp-deploy emulator` standing alone, started and stopped in-process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServicesClient } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccountCaller, type Caller } from './support/invoker.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { EXAMPLE_SERVER } from '../../src/demo/example-app.js';
import { runStandaloneEmulator } from '../../src/emulator/standalone.js';
import { emulatorOptions } from './support/emulator-options.js';
import { clientOptions } from '../../src/cloudrun/client-factory.js';
import { skipWithout } from './support/needs.js';

let caller: Caller;
const LOCATION = 'projects/p/locations/europe-west1';

/** A revision serving a page that names its version, as the process runtime runs it. */
function httpd(root: string, version: string): { image: string; command: string[]; args: string[] } {
  const dir = join(root, version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), `version ${version}\n`);
  return {
    image: 'ignored',
    command: [process.execPath],
    args: [EXAMPLE_SERVER, dir],
  };
}

function revisionProcesses(root: string): string {
  try {
    return execFileSync('pgrep', ['-af', root]).toString().trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

describe('emulator with the process runtime', () => {
  let emu: Emulator;
  let services: ServicesClient;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gcpd-emu-proc-'));
    emu = await startEmulator({ runtime: 'process', startupTimeoutMs: 3000 });
    // Services are private: the tests call them as a project-level invoker, with real ID tokens.
    caller = serviceAccountCaller(emu, 'p', 'tester', 'roles/run.invoker');
    services = new ServicesClient(emulatorOptions(emu));
  });

  afterAll(async () => {
    caller?.remove();
    await emu?.stop();
    await services?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('routes the service URL by percent and a tag URL to its revision', async () => {
    expect(emu.runtimeName).toBe('process');
    const [op] = await services.createService({
      parent: LOCATION,
      serviceId: 'web',
      service: { template: { containers: [httpd(root, 'a')] } },
    });
    const [svc] = await op.promise();
    const first = svc.trafficStatuses![0].revision!;
    const [op2] = await services.updateService({
      service: {
        ...svc,
        template: { revision: 'web-b', containers: [httpd(root, 'b')] },
        traffic: [
          { revision: first, percent: 50, tag: 'old' },
          { revision: 'web-b', percent: 50, tag: 'new' },
        ],
      },
    });
    const [split] = await op2.promise();
    const uri = (tag: string): string => split.trafficStatuses!.find((t) => t.tag === tag)!.uri!;
    expect(await (await caller.fetch(uri('old'))).text()).toBe('version a\n');
    expect(await (await caller.fetch(uri('new'))).text()).toBe('version b\n');
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add(await (await caller.fetch(split.uri!)).text());
    expect(seen).toEqual(new Set(['version a\n', 'version b\n']));
  });

  it('fails a revision whose process never listens', async () => {
    const [svc] = await services.getService({ name: `${LOCATION}/services/web` });
    const [op] = await services.updateService({
      service: { ...svc, template: { containers: [{ image: 'x', command: ['sleep'], args: ['30'] }] } },
    });
    await expect(op.promise()).rejects.toThrow(
      /failed to start and listen on the port defined provided by the PORT=\d+/,
    );
  });

  it('stop() leaves no process behind', async () => {
    expect(revisionProcesses(root)).not.toBe('');
    await emu.stop();
    expect(revisionProcesses(root)).toBe('');
  });
});

describe.skipIf(skipWithout('standalone emulator e2e', ['docker-registry']))(
  'gcp-deploy emulator (standalone)',
  () => {
    it('prints the endpoint, the registry host and how to point the action at them, then cleans up', async () => {
      const lines: string[] = [];
      let stop!: () => void;
      const until = new Promise<void>((r) => (stop = r));
      const running = runStandaloneEmulator({ runtime: 'process', out: (l) => lines.push(l), until });
      while (!lines.some((l) => l.startsWith('Press Ctrl-C'))) await new Promise((r) => setTimeout(r, 20));
      const endpoint = /GCP_DEPLOY_EMULATOR_HOST=(127\.0\.0\.1:\d+)/.exec(lines.join('\n'))?.[1];
      const registryHost = /registry_host=(127\.0\.0\.1:\d+)/.exec(lines.join('\n'))?.[1];
      expect(endpoint).toBeDefined();
      // The registry answers as Artifact Registry does: without a login, a challenge to get a token.
      const v2 = await fetch(`http://${registryHost}/v2/`);
      expect(v2.status).toBe(401);
      expect(v2.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="http:\/\/127\.0\.0\.1:\d+\/v2\/token"/,
      );
      const printed = (k: string): string =>
        new RegExp(`env: +${k}=(\\S+)`).exec(lines.join('\n'))?.[1] ?? '';
      // A CLI user's client: the printed endpoint, CA and deployer key.
      const client = new ServicesClient(
        clientOptions(
          { GCP_DEPLOY_EMULATOR_HOST: endpoint, GCP_DEPLOY_EMULATOR_CA: printed('GCP_DEPLOY_EMULATOR_CA') },
          { keyFilename: printed('GOOGLE_APPLICATION_CREDENTIALS') },
        ),
      );
      // The printed deployer holds its roles on demo-project.
      const [list] = await client.listServices({ parent: 'projects/demo-project/locations/europe-west1' });
      expect(list).toEqual([]);
      await client.close();
      stop();
      await running;
      expect(lines.at(-1)).toBe('stopped.');
      await expect(fetch(`http://${registryHost}/v2/`)).rejects.toThrow();
    });
  },
);
