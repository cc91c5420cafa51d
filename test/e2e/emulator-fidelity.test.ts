/**
 * Fidelity of the emulator's stored fields, through the real Cloud Run client: a Service and its template
 * with every field the action (or a user) may set read back unchanged, and the Revision carries the
 * template's fields the way Cloud Run maps them. The process runtime runs the ingress container only.
 */
import { RevisionsClient, ServicesClient, protos } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccountCaller, type Caller } from './support/invoker.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { emulatorOptions } from './support/emulator-options.js';

type IService = protos.google.cloud.run.v2.IService;
type IRevisionTemplate = protos.google.cloud.run.v2.IRevisionTemplate;

let caller: Caller;
const LOCATION = 'projects/p/locations/europe-west1';
const NAME = `${LOCATION}/services/fidelity`;
const DIGEST = `sha256:${'a'.repeat(64)}`;
/** The ingress container's process: answers every request on $PORT. */
const SERVER = `require('node:http').createServer((q, s) => s.end('ingress ' + process.env.GREETING)).listen(Number(process.env.PORT), '127.0.0.1')`;

/** A sidecar first, so running containers[0] instead of the ingress container would fail the revision. */
const sidecar = {
  name: 'proxy',
  image: `europe-docker.pkg.dev/p/r/proxy@${DIGEST}`,
  args: ['--listen=9000'],
  env: [{ name: 'MODE', value: 'sidecar' }],
  resources: { limits: { cpu: '500m', memory: '256Mi' } },
  volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
  startupProbe: { tcpSocket: { port: 9000 }, periodSeconds: 2, failureThreshold: 5, timeoutSeconds: 1 },
};

const ingress = {
  name: 'app',
  image: `europe-docker.pkg.dev/p/r/app@${DIGEST}`,
  command: [process.execPath],
  args: ['-e', SERVER],
  workingDir: '/',
  ports: [{ name: 'http1', containerPort: 8080 }],
  env: [
    { name: 'GREETING', value: 'hi' },
    { name: 'DB_PASSWORD', valueSource: { secretKeyRef: { secret: 'db-pass', version: 'latest' } } },
  ],
  resources: { limits: { cpu: '1', memory: '512Mi' }, cpuIdle: true, startupCpuBoost: true },
  volumeMounts: [
    { name: 'secrets', mountPath: '/secrets' },
    { name: 'cloudsql', mountPath: '/cloudsql' },
    { name: 'scratch', mountPath: '/scratch' },
    { name: 'bucket', mountPath: '/data' },
    { name: 'share', mountPath: '/share' },
  ],
  startupProbe: {
    httpGet: { path: '/', port: 8080 },
    initialDelaySeconds: 1,
    periodSeconds: 3,
    failureThreshold: 10,
    timeoutSeconds: 2,
  },
  livenessProbe: {
    httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'x-probe', value: 'live' }] },
    periodSeconds: 10,
    failureThreshold: 3,
    timeoutSeconds: 1,
  },
  dependsOn: ['proxy'],
};

const template: IRevisionTemplate = {
  revision: 'fidelity-v1',
  labels: { team: 'web', pr: '7' },
  annotations: { 'example.com/owner': 'web-team', note: 'kept as given' },
  scaling: { minInstanceCount: 1, maxInstanceCount: 5 },
  vpcAccess: {
    networkInterfaces: [{ network: 'default', subnetwork: 'default', tags: ['run'] }],
    egress: 'PRIVATE_RANGES_ONLY',
  },
  timeout: { seconds: '120' },
  serviceAccount: 'runner@p.iam.gserviceaccount.com',
  containers: [sidecar, ingress],
  volumes: [
    {
      name: 'secrets',
      secret: {
        secret: 'app-config',
        items: [{ path: 'config.json', version: '3', mode: 256 }],
        defaultMode: 292,
      },
    },
    { name: 'cloudsql', cloudSqlInstance: { instances: ['p:europe-west1:db'] } },
    { name: 'scratch', emptyDir: { medium: 'MEMORY', sizeLimit: '64Mi' } },
    { name: 'bucket', gcs: { bucket: 'p-data', readOnly: true, mountOptions: ['implicit-dirs'] } },
    { name: 'share', nfs: { server: '10.0.0.2', path: '/exports/share', readOnly: false } },
  ],
  executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
  encryptionKey: 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k',
  encryptionKeyRevocationAction: 'SHUTDOWN',
  encryptionKeyShutdownDuration: { seconds: '7200' },
  maxInstanceRequestConcurrency: 50,
  serviceMesh: { mesh: 'projects/p/locations/global/meshes/m' },
  sessionAffinity: true,
  nodeSelector: { accelerator: 'nvidia-l4' },
  gpuZonalRedundancyDisabled: true,
};

const service: IService = {
  description: 'a service with every field set',
  labels: { env: 'preview', 'managed-by': 'gcp-deploy' },
  annotations: { 'example.com/ticket': 'OPS-1' },
  client: 'gcp-deploy',
  clientVersion: '1.0.0',
  ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
  launchStage: 'BETA',
  binaryAuthorization: { useDefault: true, breakglassJustification: 'incident 42' },
  template,
  scaling: { minInstanceCount: 1, scalingMode: 'AUTOMATIC' },
  invokerIamDisabled: true,
  iapEnabled: true,
  customAudiences: ['https://api.example.com'],
};

/** The template's fields as a Revision carries them (Revision has no `revision` field). */
function revisionFields(t: IRevisionTemplate): Record<string, unknown> {
  const { revision: _revision, ...rest } = t;
  return rest;
}

/** Plain JSON of a decoded message, so a comparison sees only its fields, not protobuf.js prototypes. */
const plain = (m: unknown): unknown => JSON.parse(JSON.stringify(m)) as unknown;

describe('emulator field fidelity', () => {
  let emu: Emulator;
  let services: ServicesClient;
  let revisions: RevisionsClient;

  beforeAll(async () => {
    emu = await startEmulator({ runtime: 'process', startupTimeoutMs: 5000 });
    // Services are private: the tests call them as a project-level invoker, with real ID tokens.
    caller = serviceAccountCaller(emu, 'p', 'tester', 'roles/run.invoker');
    // The service under test sets every field, iapEnabled too: IAP lets only its accessors through.
    emu.iam.grantProject('p', 'roles/iap.httpsResourceAccessor', `serviceAccount:${caller.email}`);
    // The template's secrets must exist, readable by its runtime identity, or the revision fails to start.
    emu.secrets.add('projects/p/secrets/db-pass', 'pw');
    for (const v of ['1', '2', '3']) emu.secrets.add('projects/p/secrets/app-config', `{"v":${v}}`);
    emu.iam.grantProject(
      'p',
      'roles/secretmanager.secretAccessor',
      'serviceAccount:runner@p.iam.gserviceaccount.com',
    );
    services = new ServicesClient(emulatorOptions(emu));
    revisions = new RevisionsClient(emulatorOptions(emu));
  });

  afterAll(async () => {
    caller?.remove();
    await emu?.stop();
    await services?.close();
    await revisions?.close();
  });

  it('keeps every Service and template field, and maps the template onto the Revision', async () => {
    const [op] = await services.createService({ parent: LOCATION, serviceId: 'fidelity', service });
    const [created] = await op.promise();
    const [read] = await services.getService({ name: NAME });
    for (const got of [created, read]) expect(plain(got)).toMatchObject(plain(service) as object);

    const [rev] = await revisions.getRevision({ name: `${NAME}/revisions/fidelity-v1` });
    expect(plain(rev)).toMatchObject({
      ...(plain(revisionFields(template)) as object),
      service: NAME,
      launchStage: 'BETA',
    });
    const [listed] = await revisions.listRevisions({ parent: NAME });
    expect(plain(listed)).toEqual([plain(rev)]);
  });

  it('routes requests to the ingress container, not containers[0]', async () => {
    const [svc] = await services.getService({ name: NAME });
    expect(await (await caller.fetch(svc.uri!)).text()).toBe('ingress hi');
  });

  it('keeps the service-level fields across an UpdateService', async () => {
    const [svc] = await services.getService({ name: NAME });
    const changed: IService = {
      ...service,
      name: NAME,
      etag: svc.etag,
      description: 'updated',
      labels: { env: 'staging' },
      template: { ...template, revision: 'fidelity-v2', labels: { team: 'api' } },
    };
    const [op] = await services.updateService({ service: changed });
    const [updated] = await op.promise();
    const { name: _n, etag: _e, ...expected } = changed;
    expect(plain(updated)).toMatchObject(plain(expected) as object);
    expect(updated.labels).toEqual({ env: 'staging' });
    const [rev] = await revisions.getRevision({ name: `${NAME}/revisions/fidelity-v2` });
    expect(rev.labels).toEqual({ team: 'api' });
    expect(plain(rev.containers)).toMatchObject(plain(template.containers) as object);
  });

  it.each<[string, IRevisionTemplate, RegExp]>([
    [
      'two containers with ports',
      { containers: [{ ...sidecar, ports: [{ containerPort: 9000 }] }, ingress] },
      /template\.containers: Revision template should contain exactly one container with an exposed port\./,
    ],
    [
      'a system annotation on the template',
      { annotations: { 'run.googleapis.com/cpu-throttling': 'false' } },
      /template\.annotations: Cloud Run API v2 does not support annotations/,
    ],
    [
      'a reserved env name',
      { containers: [sidecar, { ...ingress, env: [{ name: 'PORT', value: '80' }] }] },
      /template\.containers\[1\]\.env: The following reserved env names were provided: PORT\./,
    ],
    ['a concurrency above 1000', { maxInstanceRequestConcurrency: 1001 }, /max_instance_request_concurrency/],
    ['a timeout above 3600 s', { timeout: { seconds: '3601' } }, /template\.timeout: /],
  ])('refuses %s with INVALID_ARGUMENT, validateOnly or not, creating nothing', async (_, patch, message) => {
    for (const validateOnly of [true, false]) {
      const request = {
        parent: LOCATION,
        serviceId: 'refused',
        service: { ...service, template: { ...template, revision: '', ...patch } },
        validateOnly,
      };
      await expect(services.createService(request)).rejects.toMatchObject({
        code: 3,
        details: expect.stringMatching(message) as unknown,
      });
    }
    const [list] = await services.listServices({ parent: LOCATION });
    expect(list.map((s) => s.name)).toEqual([NAME]);
  });

  it('refuses an update with reserved Service labels and leaves the service as it was', async () => {
    const [before] = await services.getService({ name: NAME });
    await expect(
      services.updateService({ service: { ...before, labels: { 'run.googleapis.com/x': 'y' } } }),
    ).rejects.toMatchObject({ code: 3, details: expect.stringMatching(/^labels: /) as unknown });
    const [after] = await services.getService({ name: NAME });
    expect(after.etag).toBe(before.etag);
    expect(after.generation).toBe(before.generation);
  });
});
