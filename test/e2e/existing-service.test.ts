/**
 * A service someone else configured (Terraform, the console), created through the real client with a
 * sidecar, volumes and mounts, VPC access, a service account, a startup probe, annotations, scaling and
 * labels. A preview keeps all of it; promoting the preview ships the checked digest with production settings.
 */
import { protos } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { pushImage } from './support/images.js';
import { skipWithout } from './support/needs.js';

const SERVICE = 'legacy';
const SIDECAR = `gcr.io/other-team/proxy@sha256:${'5'.repeat(64)}`;
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
type Template = protos.google.cloud.run.v2.IRevisionTemplate;

let world: PreviewWorld;

/** What the hand-made template says, as Cloud Run returns it for the revision (image and env aside). */
function handMade(image: string): Template {
  return {
    labels: { team: 'shop' },
    annotations: { 'example.com/owner': 'ops' },
    scaling: { minInstanceCount: 1, maxInstanceCount: 4 },
    vpcAccess: {
      connector: 'projects/demo-project/locations/us-central1/connectors/shop',
      egress: 'PRIVATE_RANGES_ONLY',
    },
    serviceAccount: 'shop-app@demo-project.iam.gserviceaccount.com',
    executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
    maxInstanceRequestConcurrency: 40,
    volumes: [
      { name: 'cloudsql', cloudSqlInstance: { instances: ['demo-project:us-central1:shop-db'] } },
      { name: 'cache', emptyDir: { medium: 'MEMORY', sizeLimit: '64Mi' } },
    ],
    containers: [
      {
        name: 'proxy',
        image: SIDECAR,
        volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
      },
      {
        name: 'app',
        image,
        ports: [{ containerPort: 8080 }],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        volumeMounts: [{ name: 'cloudsql', mountPath: '/cloudsql' }],
        startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 2, failureThreshold: 10 },
      },
    ],
  };
}

/** The revision's template fields the test compares, read back through the real client. */
async function revision(name: string): Promise<protos.google.cloud.run.v2.IRevision> {
  const [rev] = await world.revisions.getRevision({
    name: `${world.serviceName(SERVICE)}/revisions/${name}`,
  });
  return rev;
}

/** The hand-made settings of a revision, as comparable plain data. */
function settingsOf(rev: protos.google.cloud.run.v2.IRevision): unknown {
  const plain = protos.google.cloud.run.v2.Revision.toObject(rev as protos.google.cloud.run.v2.Revision, {
    enums: String,
    longs: Number,
    defaults: false,
  }) as Record<string, unknown>;
  const containers = (plain.containers as Record<string, unknown>[]).map(({ env: _env, image, ...c }) => ({
    ...c,
    image: c.name === 'proxy' ? image : 'ours',
  }));
  const labels = Object.fromEntries(
    Object.entries(plain.labels as Record<string, string>).filter(([k]) => k === 'team'),
  );
  const keys = [
    'annotations',
    'scaling',
    'vpcAccess',
    'serviceAccount',
    'executionEnvironment',
    'maxInstanceRequestConcurrency',
    'volumes',
  ];
  return { ...Object.fromEntries(keys.map((k) => [k, plain[k]])), labels, containers };
}

/**
 * The hand-made settings as a PR preview has them: the preview profile scales to zero, at most 2 instances,
 * CPU only during requests in every container (a message that is set reads back with its defaults), and the
 * revision carries the action's record of its isolation check beside the hand-made annotations.
 */
function previewOf(settings: unknown): unknown {
  const s = settings as {
    annotations?: Record<string, string>;
    scaling: object;
    containers: Record<string, unknown>[];
  };
  return {
    ...s,
    // The action's own record of what the preview's isolation check found (told again on a re-run).
    annotations: {
      ...s.annotations,
      'gcp-deploy.preview-facts': expect.stringContaining('"profile"') as unknown,
    },
    scaling: { minInstanceCount: 0, maxInstanceCount: 2 },
    containers: s.containers.map((c) => ({
      ...c,
      resources: { ...(c.resources ?? {}), cpuIdle: true, startupCpuBoost: false },
    })),
  };
}

const envOf = (rev: protos.google.cloud.run.v2.IRevision): Record<string, string> =>
  Object.fromEntries((rev.containers?.[1]?.env ?? []).map((e) => [e.name ?? '', e.value ?? '']));

async function shares(): Promise<Record<string, number>> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  const out: Record<string, number> = {};
  for (const s of svc.trafficStatuses ?? [])
    if ((s.percent ?? 0) > 0) out[s.revision ?? ''] = (out[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
  return out;
}

describe.skipIf(skipWithout('existing-service e2e', ['docker', 'docker-registry', 'busybox']))(
  'a service configured outside the action',
  () => {
    let original: string;
    let expected: unknown;

    beforeAll(async () => {
      world = await startPreviewWorld();
      // The app image as another pipeline pushed it.
      const ref = `${world.registry.host}/demo-project/previews/${SERVICE}:terraform`;
      original = await pushImage(world.app.dir, ref, world.emulator);
      const [op] = await world.services.createService({
        parent: 'projects/demo-project/locations/us-central1',
        serviceId: SERVICE,
        service: {
          labels: { owner: 'terraform' },
          ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
          template: { revision: `${SERVICE}-terraform-1`, ...handMade(original) },
        },
      });
      await op.promise();
      expected = settingsOf(await revision(`${SERVICE}-terraform-1`));
    });
    afterAll(async () => {
      await world?.stop();
    });

    it('reads back what was configured (the emulator keeps every field)', async () => {
      const rev = await revision(`${SERVICE}-terraform-1`);
      expect(rev.containers?.map((c) => c.name)).toEqual(['proxy', 'app']);
      expect(rev.vpcAccess?.connector).toContain('connectors/shop');
      expect(rev.volumes?.map((v) => v.name)).toEqual(['cloudsql', 'cache']);
      expect(rev.containers?.[1]?.startupProbe?.tcpSocket?.port).toBe(8080);
    });

    it('a preview with env_vars B=3 keeps every hand-made setting but the preview profile, and leaves production alone', async () => {
      const before = await shares();
      const run = await world.preview({ service: SERVICE, pr: 7, sha: sha(7), inputs: { env_vars: 'B=3' } });
      expect(run.outputs.result, run.stdout).toBe('success');
      const rev = await revision(run.outputs.revision ?? '');
      expect(settingsOf(rev)).toEqual(previewOf(expected));
      expect(rev.containers?.[1]?.image).toBe(run.outputs.image);
      expect(envOf(rev)).toMatchObject({ A: '1', B: '3', PREVIEW_ID: 'pr-7' });
      expect(await shares()).toEqual(before);
      expect((await world.fetchText(`${run.outputs.url}/version.txt`)).body).toBe(`${sha(7)}\n`);
      // Service-level settings are not the preview's to change.
      const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
      expect(svc.labels).toEqual({ owner: 'terraform' });
      expect(String(svc.ingress)).toBe('INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER');
    });

    it('promoting the preview ships its digest with production settings, checked before traffic moves', async () => {
      const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
      const preview = svc.traffic?.find((t) => t.tag === 'pr-7')?.revision ?? '';
      const run = await world.run({
        eventName: 'workflow_dispatch',
        event: {},
        inputs: {
          command: 'promote',
          service: SERVICE,
          promote_from: 'tag:pr-7',
          env_vars: 'B=3',
          health_path: '/healthz',
        },
      });
      expect(run.outputs.result, run.stdout).toBe('success');
      const release = run.outputs.revision ?? '';
      expect(release).not.toBe(preview);
      const rev = await revision(release);
      expect(rev.containers?.[1]?.image).toBe((await revision(preview)).containers?.[1]?.image);
      expect(settingsOf(rev)).toEqual(expected);
      expect(envOf(rev)).toEqual({ A: '1', B: '3' });
      expect(Object.keys(rev.labels ?? {}).filter((k) => k === 'gcp-deploy-pr')).toEqual([]);
      expect(rev.labels?.['gcp-deploy-from']).toBe(preview);
      expect(rev.labels?.['gcp-deploy-from-tag']).toBe('pr-7');
      expect(rev.labels?.['gcp-deploy-sha']).toBe(sha(7));
      expect(await shares()).toEqual({ [release]: 100 });
      const checked = run.stdout.indexOf(`${release} passed its checks at 0 %`);
      expect(checked).toBeGreaterThan(-1);
      expect(checked).toBeLessThan(run.stdout.indexOf(`${release} serves 100 %`));
      expect(svc.labels).toEqual({ owner: 'terraform' });
    });
  },
);
