/**
 * The Cloud Run adapter against the emulator (process runtime: revisions are local Node processes serving a directory),
 * through the unmodified @google-cloud/run clients: previews take no traffic and no tag, concurrent traffic
 * changes all land through etag conflicts, and injected transient faults still end correct.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTemplate, ServiceState } from '../../src/cloudrun/api-mapping.js';
import { mergeTemplate } from '../../src/cloudrun/template-merge.js';
import { CloudRunService } from '../../src/cloudrun/cloud-run-service.js';
import { servingShares } from '../../src/cloudrun/traffic-plan.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './support/invoker.js';
import { emulatorEnv } from './support/emulator-options.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { EXAMPLE_SERVER } from '../../src/demo/example-app.js';

let caller: Caller;
let deployer: Caller;
const SERVICE = 'web';
const SEED = Number(process.env.FAULT_SEED ?? 20261123);
const DIGEST = `127.0.0.1:5000/p/previews/web@sha256:${'ab'.repeat(32)}`;

/** A revision whose server answers `version <name>`, built the way the action builds templates. */
function settings(root: string, revisionName: string, labels: Record<string, string> = {}): ApiTemplate {
  const dir = join(root, revisionName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), `version ${revisionName}\n`);
  return mergeTemplate(undefined, {
    revisionName,
    image: DIGEST,
    runEnv: {},
    runLabels: labels,
    deploy: {
      envVars: { GREETING: 'hi' },
      envStrategy: 'merge',
      secrets: [],
      secretsStrategy: 'merge',
      labels: {},
      command: [process.execPath],
      args: [EXAMPLE_SERVER, dir],
    },
  });
}

const text = async (url: string | undefined): Promise<string> =>
  (await caller.fetch(url ?? 'http://0.0.0.0:1/')).text();
const shares = (svc: ServiceState): [string, number][] =>
  [...servingShares(svc.trafficStatuses, undefined)].sort(([a], [b]) => (a < b ? -1 : 1));

describe('CloudRunService against the emulator', () => {
  let emu: Emulator;
  let api: CloudRunService;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gcpd-cloudrun-'));
    emu = await startEmulator({ runtime: 'process', startupTimeoutMs: 2500 });
    // Services are private: the tests call them as a project-level invoker, with real ID tokens.
    caller = serviceAccountCaller(emu, 'p', 'tester', 'roles/run.invoker');
    // The adapter's Google calls are authorized: it speaks as a deployer holding DEPLOYER_ROLES.
    deployer = serviceAccountCaller(emu, 'p', 'adapter', DEPLOYER_ROLES);
    api = new CloudRunService({
      project: 'p',
      region: 'europe-west1',
      env: { ...emulatorEnv(emu), GOOGLE_APPLICATION_CREDENTIALS: deployer.keyPath },
      timeoutMs: 30_000,
      retry: { baseMs: 20, maxMs: 200 },
    });
  });

  afterAll(async () => {
    caller?.remove();
    deployer?.remove();
    await api?.close();
    await emu?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('creates the service, then deploys a preview revision that takes no traffic and no tag', async () => {
    expect(await api.getService(SERVICE)).toBeNull();
    const created = await api.createService(SERVICE, settings(root, 'web-prod1'));
    expect(created).toMatchObject({ revision: 'web-prod1', ready: true, created: true });
    // Production: 100 % LATEST with the `prod` tag riding on it, the shape the peer action breaks.
    await api.updateTraffic(SERVICE, () => [{ type: 'LATEST', percent: 100, tag: 'prod' }]);
    const before = await api.getService(SERVICE);
    expect(await text(before?.uri)).toBe('version web-prod1\n');

    emu.recorder.clear();
    const callsBefore = api.apiCalls;
    const preview = await api.deployRevision(SERVICE, settings(root, 'web-pr7-abc1234-cafe01', { pr: '7' }), {
      kind: 'preview',
      tag: 'pr-7',
      revision: 'web-pr7-abc1234-cafe01',
    });
    expect(preview).toMatchObject({ revision: 'web-pr7-abc1234-cafe01', ready: true, created: true });
    // Exactly one UpdateService carried the template and the traffic, and every call was counted.
    const updates = emu.recorder.calls.filter((c) => c.method === 'UpdateService');
    expect(updates).toHaveLength(1);
    expect(api.apiCalls - callsBefore).toBe(emu.recorder.calls.length);

    const after = await api.getService(SERVICE);
    expect(after?.latestCreatedRevision).toBe('web-pr7-abc1234-cafe01');
    expect(shares(after!)).toEqual([['web-prod1', 100]]);
    expect(preview.uri).toBe(after?.tagUrls['pr-7']);
    expect(await text(preview.uri)).toBe('version web-pr7-abc1234-cafe01\n');
    expect(await text(after?.tagUrls.prod)).toBe('version web-prod1\n');
    expect(await text(after?.uri)).toBe('version web-prod1\n');
  });

  it('a re-run of the same commit and settings reuses the revision and changes nothing', async () => {
    const before = await api.getService(SERVICE);
    emu.recorder.clear();
    const again = await api.deployRevision(SERVICE, settings(root, 'web-pr7-abc1234-cafe01', { pr: '7' }), {
      kind: 'preview',
      tag: 'pr-7',
      revision: 'web-pr7-abc1234-cafe01',
    });
    expect(again).toMatchObject({ ready: true, created: false, uri: before?.tagUrls['pr-7'] });
    expect(emu.recorder.mutations()).toEqual([]);
    expect((await api.getService(SERVICE))?.etag).toBe(before?.etag);
  });

  it('ten concurrent preview traffic changes all land their tags; production is unchanged', async () => {
    const before = await api.getService(SERVICE);
    emu.recorder.clear();
    emu.faults.setLatency('UpdateService', 120);
    emu.faults.setLatency('GetService', 30);
    try {
      const tags = Array.from({ length: 10 }, (_, i) => `pr-${100 + i}`);
      await Promise.all(
        tags.map((tag, i) =>
          api.applyTraffic(SERVICE, {
            kind: 'preview',
            tag,
            revision: i % 2 === 0 ? 'web-pr7-abc1234-cafe01' : 'web-prod1',
          }),
        ),
      );
      const after = await api.getService(SERVICE);
      for (const [i, tag] of tags.entries()) {
        expect(after?.traffic.find((t) => t.tag === tag)?.revision).toBe(
          i % 2 === 0 ? 'web-pr7-abc1234-cafe01' : 'web-prod1',
        );
      }
      expect(after?.traffic.find((t) => t.tag === 'pr-7')?.revision).toBe('web-pr7-abc1234-cafe01');
      expect(after?.traffic.find((t) => t.tag === 'prod')?.revision).toBe('web-prod1');
      expect(shares(after!)).toEqual(shares(before!));
      // They overlapped: the emulator refused stale etags and the adapter re-planned.
      const conflicts = emu.recorder.calls.filter((c) => c.method === 'UpdateService' && c.code === 10);
      expect(conflicts.length).toBeGreaterThan(0);
    } finally {
      emu.faults.reset();
    }
  });

  it(`with a third of all calls failing UNAVAILABLE (seed ${SEED}), deploys, tags and cleanup still end correct`, async () => {
    const before = await api.getService(SERVICE);
    emu.recorder.clear();
    // FAULT_SEED replays another pattern; a failure names the seed in its title.
    emu.faults.failRandomly(1 / 3, [14], undefined, SEED);
    // A run now reads the service about once, so random faults land mostly on reads: one write fails for sure.
    emu.faults.failNext('UpdateService', 1, 14);
    emu.faults.setLatency('UpdateService', 50);
    try {
      const deployed = await api.deployRevision(
        SERVICE,
        settings(root, 'web-pr8-def5678-cafe02', { pr: '8' }),
        {
          kind: 'preview',
          tag: 'pr-8',
          revision: 'web-pr8-def5678-cafe02',
        },
      );
      expect(deployed).toMatchObject({ ready: true, revision: 'web-pr8-def5678-cafe02' });
      await Promise.all([
        api.applyTraffic(SERVICE, { kind: 'untag', tags: ['pr-100', 'pr-101', 'pr-102'] }),
        api.applyTraffic(SERVICE, { kind: 'preview', tag: 'pr-9', revision: 'web-pr8-def5678-cafe02' }),
        api.applyTraffic(SERVICE, { kind: 'retag', tag: 'pr-103', revision: 'web-pr8-def5678-cafe02' }),
      ]);
      // The faults were real, reads and writes alike.
      const failed = emu.recorder.calls.filter((c) => c.code === 14);
      expect(failed.length).toBeGreaterThan(3);
      expect(failed.map((c) => c.method)).toContain('UpdateService');
    } finally {
      emu.faults.reset();
    }
    const after = await api.getService(SERVICE);
    const tagOf = (tag: string): string | undefined => after?.traffic.find((t) => t.tag === tag)?.revision;
    expect(tagOf('pr-8')).toBe('web-pr8-def5678-cafe02');
    expect(tagOf('pr-9')).toBe('web-pr8-def5678-cafe02');
    expect(tagOf('pr-103')).toBe('web-pr8-def5678-cafe02');
    expect([tagOf('pr-100'), tagOf('pr-101'), tagOf('pr-102')]).toEqual([undefined, undefined, undefined]);
    expect(tagOf('pr-104')).toBe('web-pr7-abc1234-cafe01');
    expect(tagOf('prod')).toBe('web-prod1');
    expect(shares(after!)).toEqual(shares(before!));
    expect(new Set(after?.traffic.map((t) => t.tag).filter(Boolean)).size).toBe(
      after?.traffic.filter((t) => t.tag).length,
    );
  });

  it('retries what may pass (INTERNAL on reads, etag FAILED_PRECONDITION) and fails at once on the rest', async () => {
    emu.recorder.clear();
    emu.faults.failNext('GetService', 2, 13, 'internal hiccup');
    expect((await api.getService(SERVICE))?.name).toBe(SERVICE);
    expect(emu.recorder.calls.filter((c) => c.method === 'GetService')).toHaveLength(3);

    emu.faults.failNext('UpdateService', 2, 9, 'etag "x" does not match the current etag');
    const tagged = await api.applyTraffic(SERVICE, { kind: 'preview', tag: 'pr-50', revision: 'web-prod1' });
    expect(tagged.traffic.find((t) => t.tag === 'pr-50')?.revision).toBe('web-prod1');

    for (const [method, code] of [
      ['UpdateService', 13], // INTERNAL on a write: it may have happened, so no blind retry
      ['UpdateService', 9], // FAILED_PRECONDITION not about the etag
      ['GetService', 7], // PERMISSION_DENIED
    ] as const) {
      emu.recorder.clear();
      emu.faults.failNext(method, 1, code, 'refused');
      await expect(api.applyTraffic(SERVICE, { kind: 'untag', tags: ['pr-50'] })).rejects.toMatchObject({
        code,
      });
      expect(emu.recorder.calls.filter((c) => c.method === method)).toHaveLength(1);
    }
    emu.faults.reset();
    await api.applyTraffic(SERVICE, { kind: 'untag', tags: ['pr-50'] });
  });

  it('promotes with a canary split, restores exactly, lists by label and deletes an unused revision', async () => {
    const saved = (await api.getService(SERVICE))!.traffic;
    const canary = await api.applyTraffic(SERVICE, {
      kind: 'promote',
      revision: 'web-pr8-def5678-cafe02',
      percent: 25,
    });
    expect(canary.traffic.filter((t) => t.percent > 0)).toEqual([
      { type: 'REVISION', revision: 'web-prod1', percent: 75, tag: 'prod' },
      { type: 'REVISION', revision: 'web-pr8-def5678-cafe02', percent: 25 },
    ]);
    const restored = await api.applyTraffic(SERVICE, { kind: 'restore', traffic: saved, own: [] });
    expect(restored.traffic).toEqual(saved);

    const pr7 = await api.listRevisions(SERVICE, { pr: '7' });
    expect(pr7.map((r) => [r.name, r.ready])).toEqual([['web-pr7-abc1234-cafe01', true]]);
    expect(pr7[0]?.image).toBe(DIGEST);

    await api.applyTraffic(SERVICE, {
      kind: 'untag',
      tags: ['pr-7', 'pr-100', 'pr-102', 'pr-104', 'pr-106', 'pr-108'],
    });
    await api.deleteRevision(SERVICE, 'web-pr7-abc1234-cafe01');
    expect(await api.getRevision(SERVICE, 'web-pr7-abc1234-cafe01')).toBeNull();
    await api.deleteRevision(SERVICE, 'web-pr7-abc1234-cafe01'); // already gone: still fine
  });

  it('reports a revision that cannot start as not ready, with the reason, without moving production', async () => {
    const before = await api.getService(SERVICE);
    const t = settings(root, 'web-pr9-0000000-bad000');
    const broken = {
      ...t,
      containers: [{ ...t.containers?.[0], args: ['-e', 'setTimeout(() => {}, 60000)'] }],
    };
    const r = await api.deployRevision(SERVICE, broken, {
      kind: 'preview',
      tag: 'pr-10',
      revision: 'web-pr9-0000000-bad000',
    });
    expect(r.ready).toBe(false);
    expect(r.message).toMatch(/listen|PORT/);
    expect(shares((await api.getService(SERVICE))!)).toEqual(shares(before!));
  });

  it('refuses a mutable image tag before any call', async () => {
    const calls = api.apiCalls;
    await expect(
      api.deployRevision(SERVICE, {
        ...settings(root, 'web-x'),
        containers: [{ image: 'example/web:latest' }],
      }),
    ).rejects.toThrow(/Input 'image'/);
    expect(api.apiCalls).toBe(calls);
  });
});
