/**
 * The emulator driven by the unmodified @google-cloud/run and @google-cloud/artifact-registry clients, with
 * revisions running as real Docker containers built FROM scratch with busybox and pushed to a local registry.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { JobsClient, RevisionsClient, ServicesClient, TasksClient, protos } from '@google-cloud/run';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccountCaller, type Caller } from './support/invoker.js';
import { CONTAINER_LABEL, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { RegistryHttp } from '../../src/emulator/registry-http.js';
import { emulatorOptions } from './support/emulator-options.js';
import { skipWithout } from './support/needs.js';

type Service = protos.google.cloud.run.v2.IService;
let caller: Caller;
const run = promisify(execFile);
const DOCKER = '/usr/local/bin/docker';
const LOCATION = 'projects/demo-project/locations/us-central1';
const SERVICE = `${LOCATION}/services/app`;
const REPO = `${LOCATION}/repositories/previews`;
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';

/** Builds (legacy builder) and pushes a FROM-scratch busybox httpd image whose page names its version. */
async function pushBusyboxImage(
  registry: LocalRegistry,
  path: string,
  version: string,
  tags: string[],
): Promise<string> {
  const ctx = mkdtempSync(join(tmpdir(), 'gcpd-emu-img-'));
  try {
    copyFileSync('/bin/busybox', join(ctx, 'busybox'));
    mkdirSync(join(ctx, 'www'));
    writeFileSync(join(ctx, 'www', 'index.html'), `version ${version}\n`);
    mkdirSync(join(ctx, 'www', 'cgi-bin'));
    // A CGI script shows the environment the revision was started with.
    writeFileSync(
      join(ctx, 'www', 'cgi-bin', 'env'),
      '#!/bin/busybox sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\necho "PORT=$PORT K_SERVICE=$K_SERVICE K_REVISION=$K_REVISION GREETING=$GREETING"\n',
      { mode: 0o755 },
    );
    writeFileSync(
      join(ctx, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'COPY www /www',
        // busybox sh expands $PORT, which Cloud Run (and the emulator) set
        'ENTRYPOINT ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p $PORT -h /www"]',
        '',
      ].join('\n'),
    );
    // Written to the storage behind the registry's front, as a set-up step (the front authorizes clients).
    const storage = new URL(registry.url).host;
    const refs = tags.map((t) => `${storage}/${path}:${t}`);
    await run(DOCKER, ['build', '-q', ...refs.flatMap((r) => ['-t', r]), ctx], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    for (const r of refs) await run(DOCKER, ['push', '-q', r]);
    await run(DOCKER, ['rmi', ...refs]).catch(() => undefined);
    const digest = await new RegistryHttp(registry.url).digest(path, tags[0]);
    if (!digest) throw new Error(`pushed ${refs[0]} but the registry has no digest for it`);
    return digest;
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

async function body(url: string): Promise<string> {
  const res = await caller.fetch(url);
  return `${res.status} ${(await res.text()).trim()}`;
}

async function rpcCode(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: number; message?: string };
    return { code: e.code ?? -1, message: e.message ?? '' };
  }
  throw new Error('expected the call to fail');
}

describe.skipIf(skipWithout('emulator e2e (Docker runtime)', ['docker', 'docker-registry', 'busybox']))(
  'emulator with real clients and Docker',
  () => {
    let registry: LocalRegistry;
    let emu: Emulator;
    let services: ServicesClient;
    let revisions: RevisionsClient;
    let ar: ArtifactRegistryClient;
    let v1: string;
    let v2: string;
    let image: string;
    let leftBefore = '';
    const logs: string[] = [];

    beforeAll(async () => {
      registry = await startLocalRegistry();
      // Images other tests left under a host:port this registry now reuses are not this emulator's.
      leftBefore = (await run(DOCKER, ['images', '-q', `${registry.host}/*/*/*`])).stdout.trim();
      image = `${registry.host}/demo-project/previews/app`;
      v1 = await pushBusyboxImage(registry, 'demo-project/previews/app', 'one', ['v1', 'latest']);
      v2 = await pushBusyboxImage(registry, 'demo-project/previews/app', 'two', ['v2']);
      emu = await startEmulator({
        runtime: 'docker',
        registry,
        startupTimeoutMs: 8000,
        log: (l) => logs.push(l),
      });
      // Services are private: the tests call them as a project-level invoker, with real ID tokens.
      caller = serviceAccountCaller(emu, 'demo-project', 'tester', 'roles/run.invoker');
      const opts = emulatorOptions(emu);
      services = new ServicesClient(opts);
      revisions = new RevisionsClient(opts);
      ar = new ArtifactRegistryClient(opts);
    });

    afterAll(async () => {
      caller?.remove();
      await emu?.stop();
      await Promise.all([services?.close(), revisions?.close(), ar?.close()]);
      await registry?.stop();
    });

    it('says which runtime it uses', () => {
      expect(emu.runtimeName).toBe('docker');
      expect(logs.some((l) => l.includes('revision runtime: docker'))).toBe(true);
    });

    it('creates a service whose URL is answered by its first revision', async () => {
      const [op] = await services.createService({
        parent: LOCATION,
        serviceId: 'app',
        service: { template: { containers: [{ image: `${image}@${v1}` }], labels: { app: 'demo' } } },
      });
      const [svc] = await op.promise();
      expect(svc.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(svc.urls).toEqual([svc.uri]);
      expect(svc.latestReadyRevision).toMatch(/\/revisions\/app-00001-[a-z]{3}$/);
      expect(await body(svc.uri!)).toBe('200 version one');
      const [rev] = await revisions.getRevision({ name: svc.latestReadyRevision! });
      expect(rev.labels).toEqual({ app: 'demo' });
      expect(rev.containers?.[0].image).toBe(`${image}@${v1}`);
      expect(rev.service).toBe(SERVICE);
    });

    it('starts revisions with PORT, K_SERVICE, K_REVISION and the template env, on the template container port', async () => {
      const [op] = await services.createService({
        parent: LOCATION,
        serviceId: 'envy',
        service: {
          template: {
            revision: 'envy-one',
            containers: [
              {
                image: `${image}@${v1}`,
                env: [{ name: 'GREETING', value: 'hi there' }],
                ports: [{ containerPort: 9090 }],
              },
            ],
          },
        },
      });
      const [svc] = await op.promise();
      expect(await body(`${svc.uri}/cgi-bin/env`)).toBe(
        '200 PORT=9090 K_SERVICE=envy K_REVISION=envy-one GREETING=hi there',
      );
      const [del] = await services.deleteService({ name: svc.name });
      await del.promise();
      expect(await body(svc.uri!)).toMatch(/^503 /);
    });

    it('deploys a tagged no-traffic revision answered on its tag URL while the service URL stays on the old one', async () => {
      const [svc] = await services.getService({ name: SERVICE });
      const first = svc.trafficStatuses![0].revision!;
      const [op] = await services.updateService({
        service: {
          ...svc,
          template: { revision: 'app-pr-7-abc', containers: [{ image: `${image}@${v2}` }] },
          traffic: [
            { type: REVISION, revision: first, percent: 100 },
            { type: REVISION, revision: 'app-pr-7-abc', percent: 0, tag: 'pr-7' },
          ],
        },
      });
      const [after] = await op.promise();
      const tag = after.trafficStatuses!.find((t) => t.tag === 'pr-7');
      expect(tag?.revision).toBe('app-pr-7-abc');
      expect(tag?.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(tag?.uri).not.toBe(after.uri);
      expect(await body(tag!.uri!)).toBe('200 version two');
      for (let i = 0; i < 5; i++) expect(await body(after.uri!)).toBe('200 version one');
      // Reconciled: latest_ready_revision matches latest_created_revision (service.proto, `reconciling`).
      expect(after.latestReadyRevision).toBe(`${SERVICE}/revisions/app-pr-7-abc`);
      const [revs] = await revisions.listRevisions({ parent: SERVICE });
      expect(revs.map((r) => r.name?.split('/').pop())).toEqual(['app-pr-7-abc', first]);
    });

    it('rejects bad traffic, bad tags, stale etags and deleting a serving revision with the documented codes', async () => {
      const [svc] = await services.getService({ name: SERVICE });
      const first = svc.trafficStatuses!.find((t) => t.percent === 100)!.revision!;
      const update = (s: Service): Promise<unknown> => services.updateService({ service: s });
      const sum = await rpcCode(
        update({ ...svc, traffic: [{ type: REVISION, revision: first, percent: 90 }] }),
      );
      expect(sum.code).toBe(grpc.status.INVALID_ARGUMENT);
      const badTag = await rpcCode(
        update({ ...svc, traffic: [{ type: REVISION, revision: first, percent: 100, tag: 'PR_7' }] }),
      );
      expect(badTag.code).toBe(grpc.status.INVALID_ARGUMENT);
      const long = await rpcCode(
        update({ ...svc, traffic: [{ type: REVISION, revision: first, percent: 100, tag: 'p'.repeat(44) }] }),
      );
      expect(long).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      expect(long.message).toContain('Combined traffic tag and service name cannot exceed 46 characters');
      const missing = await rpcCode(
        update({ ...svc, traffic: [{ type: REVISION, revision: 'app-nope', percent: 100 }] }),
      );
      expect(missing.code).toBe(grpc.status.INVALID_ARGUMENT);

      // A concurrent deploy wins; our read is now stale.
      const [op] = await services.updateService({ service: { ...svc, labels: { touched: 'yes' } } });
      await op.promise();
      const stale = await rpcCode(update({ ...svc, labels: { touched: 'again' } }));
      expect(stale.code).toBe(grpc.status.ABORTED);

      const serving = await rpcCode(revisions.deleteRevision({ name: `${SERVICE}/revisions/${first}` }));
      expect(serving.code).toBe(grpc.status.FAILED_PRECONDITION);
      const tagged = await rpcCode(revisions.deleteRevision({ name: `${SERVICE}/revisions/app-pr-7-abc` }));
      expect(tagged.code).toBe(grpc.status.FAILED_PRECONDITION);
      const [now] = await services.getService({ name: SERVICE });
      expect(now.trafficStatuses).toEqual(svc.trafficStatuses);
    });

    it('fails the operation and the revision when the container exits, leaving traffic where it was', async () => {
      const [svc] = await services.getService({ name: SERVICE });
      const [op] = await services.updateService({
        service: {
          ...svc,
          template: {
            revision: 'app-broken',
            containers: [
              { image: `${image}@${v1}`, command: ['/bin/busybox'], args: ['sh', '-c', 'exit 3'] },
            ],
          },
          traffic: [...svc.traffic!, { type: REVISION, revision: 'app-broken', percent: 0, tag: 'broken' }],
        },
      });
      const failed = await rpcCode(op.promise());
      expect(failed.code).toBe(grpc.status.FAILED_PRECONDITION);
      expect(failed.message).toContain(
        'The user-provided container failed to start and listen on the port defined provided by the PORT=8080 environment variable',
      );
      const [rev] = await revisions.getRevision({ name: `${SERVICE}/revisions/app-broken` });
      const ready = rev.conditions?.find((c) => c.type === 'Ready');
      expect(ready?.state).toBe('CONDITION_FAILED');
      expect(ready?.message).toContain('PORT=8080');
      const [after] = await services.getService({ name: SERVICE });
      expect(after.trafficStatuses).toEqual(svc.trafficStatuses);
      expect(await body(after.uri!)).toBe('200 version one');
    });

    it('lists what was really pushed through Artifact Registry and deletes tags and versions in the registry', async () => {
      const [repo] = await ar.getRepository({ name: REPO });
      expect(repo.registryUri).toBe(`${registry.host}/demo-project/previews`);
      const [images] = await ar.listDockerImages({ parent: REPO });
      const byDigest = new Map(images.map((i) => [i.uri, [...(i.tags ?? [])].sort()]));
      expect(byDigest.get(`${image}@${v1}`)).toEqual(['latest', 'v1']);
      expect(byDigest.get(`${image}@${v2}`)).toEqual(['v2']);
      const one = images.find((i) => i.uri === `${image}@${v1}`)!;
      expect(one.name).toBe(`${REPO}/dockerImages/app@${v1}`);
      const [got] = await ar.getDockerImage({ name: one.name! });
      expect(Number(got.imageSizeBytes)).toBeGreaterThan(1_000_000); // busybox is ~2 MB
      const [pkgs] = await ar.listPackages({ parent: REPO });
      expect(pkgs.map((p) => p.name)).toEqual([`${REPO}/packages/app`]);

      const junk = await pushBusyboxImage(registry, 'demo-project/previews/tools/junk', 'junk', ['a', 'b']);
      const pkg = `${REPO}/packages/tools%2Fjunk`;
      const [tags] = await ar.listTags({ parent: pkg });
      expect(tags.map((t) => t.name)).toEqual([`${pkg}/tags/a`, `${pkg}/tags/b`]);
      expect(tags[0].version).toBe(`${pkg}/versions/${junk}`);
      const refused = await rpcCode(
        ar.deleteVersion({ name: `${pkg}/versions/${junk}` }).then(([o]) => o.promise()),
      );
      expect(refused.code).toBe(grpc.status.FAILED_PRECONDITION);

      await ar.deleteTag({ name: `${pkg}/tags/a` }); // b shares the digest: only the tag goes
      const reg = new RegistryHttp(registry.url);
      expect(await reg.digest('demo-project/previews/tools/junk', junk)).toBe(junk);
      expect((await ar.listTags({ parent: pkg }))[0].map((t) => t.name)).toEqual([`${pkg}/tags/b`]);
      await ar.deleteTag({ name: `${pkg}/tags/b` }); // last tag: the manifest goes
      expect(await reg.digest('demo-project/previews/tools/junk', junk)).toBeUndefined();
      expect((await ar.listVersions({ parent: pkg }))[0]).toEqual([]);

      const [op] = await ar.createRepository({
        parent: LOCATION,
        repositoryId: 'fresh',
        repository: { format: 'DOCKER' },
      });
      const [created] = await op.promise();
      expect(created.name).toBe(`${LOCATION}/repositories/fresh`);
      const again = await rpcCode(
        ar.createRepository({ parent: LOCATION, repositoryId: 'fresh', repository: {} }),
      );
      expect(again.code).toBe(grpc.status.ALREADY_EXISTS);
    });

    it('records every call and flags the mutating ones', async () => {
      emu.recorder.clear();
      await services.getService({ name: SERVICE });
      await revisions.listRevisions({ parent: SERVICE });
      expect(emu.recorder.calls.map((c) => c.method)).toEqual(['GetService', 'ListRevisions']);
      expect(emu.recorder.mutations()).toEqual([]);
      const [svc] = await services.getService({ name: SERVICE });
      await rpcCode(services.updateService({ service: { ...svc, traffic: [{ percent: 50 }] } }));
      expect(emu.recorder.mutations()).toMatchObject([
        {
          service: 'google.cloud.run.v2.Services',
          method: 'UpdateService',
          ok: false,
          code: grpc.status.INVALID_ARGUMENT,
        },
      ]);
    });

    it('injects each fault type', async () => {
      emu.faults.reset();
      emu.recorder.clear();
      // GetService is retried on UNAVAILABLE by the client: the second call succeeds.
      emu.faults.failNext('GetService', 1, grpc.status.UNAVAILABLE);
      const [svc] = await services.getService({ name: SERVICE });
      expect(emu.recorder.calls.map((c) => [c.method, c.ok, c.code])).toEqual([
        ['GetService', false, grpc.status.UNAVAILABLE],
        ['GetService', true, undefined],
      ]);
      emu.faults.failNext('UpdateService', 1, grpc.status.UNAVAILABLE, 'try later');
      expect(await rpcCode(services.updateService({ service: svc }))).toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });

      emu.faults.failRandomly(1, [grpc.status.RESOURCE_EXHAUSTED], ['ListRevisions'], 42);
      expect((await rpcCode(revisions.listRevisions({ parent: SERVICE }))).code).toBe(
        grpc.status.RESOURCE_EXHAUSTED,
      );
      emu.faults.failRandomly(0.5, [grpc.status.INTERNAL], ['ListRevisions'], 7);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          revisions.listRevisions({ parent: SERVICE }).then(
            () => true,
            () => false,
          ),
        ),
      );
      expect(outcomes.filter((x) => x).length).toBeGreaterThan(0);
      expect(outcomes.filter((x) => !x).length).toBeGreaterThan(0);
      emu.faults.reset();

      emu.faults.setLatency('GetService', 400);
      const t0 = Date.now();
      await services.getService({ name: SERVICE });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
      emu.faults.reset();

      const tagUri = svc.trafficStatuses!.find((t) => t.tag === 'pr-7')!.uri!;
      expect(await body(tagUri)).toBe('200 version two');
      emu.faults.makeUnhealthy('app-pr-7-abc');
      expect(await body(tagUri)).toMatch(/^503 /);
      expect(await body(svc.uri!)).toBe('200 version one');
      emu.faults.reset();

      emu.faults.setReadinessDelay(1500);
      const [fresh] = await services.getService({ name: SERVICE });
      const [op] = await services.updateService({
        service: {
          ...fresh,
          template: { revision: 'app-slow', containers: [{ image: `${image}@${v2}` }] },
          // the broken revision's tag goes, as a rollback would remove it
          traffic: fresh.traffic!.filter((t) => t.tag !== 'broken'),
        },
      });
      const [mid] = await revisions.getRevision({ name: `${SERVICE}/revisions/app-slow` });
      expect(mid.reconciling).toBe(true);
      const t1 = Date.now();
      await op.promise();
      expect(Date.now() - t1).toBeGreaterThan(500);
      const [done] = await revisions.getRevision({ name: `${SERVICE}/revisions/app-slow` });
      expect(done.conditions?.find((c) => c.type === 'Ready')?.state).toBe('CONDITION_SUCCEEDED');
      emu.faults.reset();
    });

    it('deletes a retired revision and stops its container', async () => {
      const name = `${SERVICE}/revisions/app-slow`;
      const [op] = await revisions.deleteRevision({ name });
      const [deleted] = await op.promise();
      expect(deleted.name).toBe(name);
      const { stdout } = await run(DOCKER, [
        'ps',
        '-q',
        '--filter',
        `label=${CONTAINER_LABEL}.revision=app-slow`,
      ]);
      expect(stdout.trim()).toBe('');
    });

    it('removes containers orphaned by an emulator process that died without stopping', async () => {
      const dead = await run(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
      const ref = `${image}@${v1}`;
      await run(DOCKER, ['pull', '-q', ref]);
      const labels = [
        '--label',
        `${CONTAINER_LABEL}=orphan-test`,
        '--label',
        `${CONTAINER_LABEL}.pid=${dead.stdout}`,
      ];
      const created = await run(DOCKER, ['create', ...labels, ref]);
      const other = await startEmulator({ runtime: 'docker' });
      await other.stop();
      const left = await run(DOCKER, [
        'ps',
        '-aq',
        '--no-trunc',
        '--filter',
        `label=${CONTAINER_LABEL}=orphan-test`,
      ]);
      expect(created.stdout.trim()).not.toBe('');
      expect(left.stdout.trim()).toBe('');
      await run(DOCKER, ['rmi', ref]).catch(() => undefined);
    });

    it('runs a job task as a container: env override, a secret volume file, its exit code and log', async () => {
      const jobs = new JobsClient(emulatorOptions(emu));
      const tasks = new TasksClient(emulatorOptions(emu));
      try {
        const sa = 'migrator@demo-project.iam.gserviceaccount.com';
        emu.secrets.add('projects/demo-project/secrets/cfg', 'from-secret-manager');
        emu.iam.grantProject('demo-project', 'roles/secretmanager.secretAccessor', `serviceAccount:${sa}`);
        const [created] = await jobs.createJob({
          parent: LOCATION,
          jobId: 'migrate',
          job: {
            template: {
              template: {
                serviceAccount: sa,
                maxRetries: 0,
                containers: [
                  {
                    image: `${image}@${v1}`,
                    command: ['/bin/busybox', 'sh', '-c'],
                    args: ['echo "migrating $MODE"; cat /secrets/cfg; echo; exit 4'],
                    env: [{ name: 'MODE', value: 'job' }],
                    volumeMounts: [{ name: 'cfg', mountPath: '/secrets' }],
                  },
                ],
                volumes: [
                  { name: 'cfg', secret: { secret: 'cfg', items: [{ path: 'cfg', version: 'latest' }] } },
                ],
              },
            },
          },
        });
        await created.promise();
        const [op] = await jobs.runJob({
          name: `${LOCATION}/jobs/migrate`,
          overrides: { containerOverrides: [{ env: [{ name: 'MODE', value: 'override' }] }] },
        });
        const [execution] = await op.promise();
        expect(execution.failedCount).toBe(1);
        const [list] = await tasks.listTasks({ parent: execution.name! });
        expect(list[0]?.lastAttemptResult?.exitCode).toBe(4);
        expect(emu.jobs.taskLog(list[0].name!)).toBe('migrating override\nfrom-secret-manager\n');
      } finally {
        await Promise.all([jobs.close(), tasks.close()]);
      }
    });

    it('leaves no container behind after stop()', async () => {
      const filter = `label=${CONTAINER_LABEL}=${emu.instanceId}`;
      const before = await run(DOCKER, ['ps', '-aq', '--filter', filter]);
      expect(before.stdout.trim()).not.toBe('');
      await emu.stop();
      const after = await run(DOCKER, ['ps', '-aq', '--filter', filter]);
      expect(after.stdout.trim()).toBe('');
      const images = await run(DOCKER, ['images', '-q', `${registry.host}/*/*/*`]);
      const left = new Set(leftBefore.split('\n'));
      expect(images.stdout.split('\n').filter((id) => id !== '' && !left.has(id))).toEqual([]);
    });
  },
);
