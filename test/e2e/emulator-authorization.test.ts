/**
 * The emulator's control plane authorizes as Google's does, seen through the unmodified clients
 * (@google-cloud/run, artifact-registry, secret-manager): no token or a token it did not issue is
 * UNAUTHENTICATED; a valid token without the method's permission is PERMISSION_DENIED naming the permission
 * and the resource; a deploy needs iam.serviceAccounts.actAs on the identity the revision or job runs as.
 * Process runtime; Artifact Registry needs the local registry.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { JobsClient, ServicesClient } from '@google-cloud/run';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { emulatorOptions } from './support/emulator-options.js';
import { skipWithout } from './support/needs.js';

const PROJECT = 'authz';
const LOCATION = `projects/${PROJECT}/locations/us-central1`;
const RUNNER = `runner@${PROJECT}.iam.gserviceaccount.com`;
const SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;
const UNAUTHENTICATED = 16;
const PERMISSION_DENIED = 7;

let emu: Emulator;
let registry: LocalRegistry;
const closers: { close(): Promise<void> }[] = [];

/** A key the emulator made for `name`, holding `roles` on the project. */
function principal(name: string, roles: string[] = []): Record<string, unknown> {
  const email = `${name}@${PROJECT}.iam.gserviceaccount.com`;
  const key = emu.identity.createServiceAccountKey(email);
  for (const role of roles) emu.iam.grantProject(PROJECT, role, `serviceAccount:${email}`);
  return key as unknown as Record<string, unknown>;
}

function clients(credentials: Record<string, unknown>): {
  run: ServicesClient;
  jobs: JobsClient;
  ar: ArtifactRegistryClient;
  sm: SecretManagerServiceClient;
} {
  const o = (): ReturnType<typeof emulatorOptions> => emulatorOptions(emu, { credentials });
  const c = {
    run: new ServicesClient(o()),
    jobs: new JobsClient(o()),
    ar: new ArtifactRegistryClient(o()),
    sm: new SecretManagerServiceClient(o()),
  };
  closers.push(c.run, c.jobs, c.ar, c.sm);
  return c;
}

const template = (serviceAccount?: string): Record<string, unknown> => ({
  containers: [
    {
      image: `us-docker.pkg.dev/${PROJECT}/r/app@sha256:${'a'.repeat(64)}`,
      command: [process.execPath],
      args: ['-e', SERVER],
    },
  ],
  ...(serviceAccount !== undefined ? { serviceAccount } : {}),
});

describe.skipIf(skipWithout('control-plane authorization e2e', ['docker-registry']))(
  'the emulator authorizes every control-plane call (real clients)',
  () => {
    beforeAll(async () => {
      registry = await startLocalRegistry();
      emu = await startEmulator({ runtime: 'process', registry, startupTimeoutMs: 10_000 });
    });
    afterAll(async () => {
      await Promise.all(closers.map((c) => c.close()));
      await emu?.stop();
      await registry?.stop();
    });

    it('refuses a call that carries no token: UNAUTHENTICATED', async () => {
      const base = emulatorOptions(emu);
      // TLS under the emulator's CA, but no call credentials at all.
      const ca = readFileSync(emu.identity.env().GCP_DEPLOY_EMULATOR_CA ?? '');
      const bare = { ...base, sslCreds: grpc.credentials.createSsl(ca) };
      const run = new ServicesClient(bare);
      const sm = new SecretManagerServiceClient(bare);
      closers.push(run, sm);
      await expect(run.listServices({ parent: LOCATION })).rejects.toMatchObject({
        code: UNAUTHENTICATED,
        details: expect.stringContaining('Request had invalid authentication credentials') as string,
      });
      await expect(sm.listSecrets({ parent: `projects/${PROJECT}` })).rejects.toMatchObject({
        code: UNAUTHENTICATED,
      });
    });

    it('refuses a key it did not make (a forged self-signed JWT): UNAUTHENTICATED', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const forged = {
        ...principal('forged-base'),
        client_email: `admin@${PROJECT}.iam.gserviceaccount.com`,
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      };
      // Even an account that holds roles/owner is not reached with a key the emulator never issued.
      emu.iam.grantProject(PROJECT, 'roles/owner', `serviceAccount:admin@${PROJECT}.iam.gserviceaccount.com`);
      const c = clients(forged);
      await expect(c.run.listServices({ parent: LOCATION })).rejects.toMatchObject({ code: UNAUTHENTICATED });
      await expect(c.ar.listRepositories({ parent: LOCATION })).rejects.toMatchObject({
        code: UNAUTHENTICATED,
      });
      await expect(c.sm.listSecrets({ parent: `projects/${PROJECT}` })).rejects.toMatchObject({
        code: UNAUTHENTICATED,
      });
    });

    it('refuses a valid token without the permission: PERMISSION_DENIED naming permission and resource', async () => {
      const c = clients(principal('nobody'));
      await expect(c.run.listServices({ parent: LOCATION })).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: `Permission 'run.services.list' denied on resource '${LOCATION}' (or it may not exist).`,
      });
      await expect(
        c.run.createService({ parent: LOCATION, serviceId: 'web', service: { template: template() } }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: `Permission 'run.services.create' denied on resource '${LOCATION}/services/web' (or it may not exist).`,
      });
      await expect(
        c.ar.createRepository({ parent: LOCATION, repositoryId: 'images', repository: { format: 'DOCKER' } }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: expect.stringContaining(
          "Permission 'artifactregistry.repositories.create' denied",
        ) as string,
      });
      await expect(
        c.sm.createSecret({
          parent: `projects/${PROJECT}`,
          secretId: 's',
          secret: { replication: { automatic: {} } },
        }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: `Permission 'secretmanager.secrets.create' denied on resource 'projects/${PROJECT}/secrets/s' (or it may not exist).`,
      });
    });

    it('grants per role: a viewer reads but does not write; an Artifact Registry writer reads repositories but does not create them', async () => {
      const viewer = clients(principal('viewer', ['roles/run.viewer', 'roles/secretmanager.viewer']));
      await expect(viewer.run.listServices({ parent: LOCATION })).resolves.toBeDefined();
      await expect(
        viewer.run.createService({ parent: LOCATION, serviceId: 'web', service: { template: template() } }),
      ).rejects.toMatchObject({ code: PERMISSION_DENIED });
      const admin = clients(principal('secrets-admin', ['roles/secretmanager.admin']));
      const [secret] = await admin.sm.createSecret({
        parent: `projects/${PROJECT}`,
        secretId: 'db',
        secret: { replication: { automatic: {} } },
      });
      await admin.sm.addSecretVersion({ parent: secret.name ?? '', payload: { data: Buffer.from('pw') } });
      await expect(viewer.sm.getSecret({ name: secret.name ?? '' })).resolves.toBeDefined();
      await expect(
        viewer.sm.accessSecretVersion({ name: `${secret.name}/versions/latest` }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: expect.stringContaining("Permission 'secretmanager.versions.access' denied") as string,
      });
      const writer = clients(principal('writer', ['roles/artifactregistry.writer']));
      await expect(writer.ar.listRepositories({ parent: LOCATION })).resolves.toBeDefined();
      await expect(
        writer.ar.createRepository({
          parent: LOCATION,
          repositoryId: 'images',
          repository: { format: 'DOCKER' },
        }),
      ).rejects.toMatchObject({ code: PERMISSION_DENIED });
    });

    it('a deploy needs actAs on the runtime identity; a traffic-only update does not', async () => {
      emu.identity.createServiceAccount(RUNNER);
      const dev = clients(principal('dev', ['roles/run.developer']));
      const computeSa = `${emu.identity.projectNumber(PROJECT)}-compute@developer.gserviceaccount.com`;
      // No revision names an identity: it runs as the default compute service account.
      await expect(
        dev.run.createService({ parent: LOCATION, serviceId: 'web', service: { template: template() } }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: `Permission 'iam.serviceaccounts.actAs' denied on service account ${computeSa} (or it may not exist).`,
      });
      // actAs on RUNNER alone (its own policy): a revision running as RUNNER may be deployed, nothing else.
      emu.iam.grantServiceAccount(
        RUNNER,
        'roles/iam.serviceAccountUser',
        `serviceAccount:dev@${PROJECT}.iam.gserviceaccount.com`,
      );
      const [op] = await dev.run.createService({
        parent: LOCATION,
        serviceId: 'web',
        service: { template: template(RUNNER) },
      });
      const [svc] = await op.promise();
      await expect(
        dev.run.updateService({ service: { name: svc.name, template: template() } }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: expect.stringContaining(computeSa) as string,
      });
      // Tagging the serving revision changes traffic only: no identity is deployed, no actAs is asked.
      const [again] = await dev.run.getService({ name: svc.name ?? '' });
      const [tagOp] = await dev.run.updateService({
        service: {
          ...again,
          traffic: [
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 },
            {
              type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
              revision: again.latestReadyRevision?.split('/').pop(),
              tag: 'stable',
            },
          ],
        },
      });
      await tagOp.promise();
      // Opening the service to allUsers is run.admin's (setIamPolicy), not run.developer's.
      await expect(
        dev.run.setIamPolicy({
          resource: svc.name ?? '',
          policy: { bindings: [{ role: 'roles/run.invoker', members: ['allUsers'] }] },
        }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: `Permission 'run.services.setIamPolicy' denied on resource '${svc.name}' (or it may not exist).`,
      });
      // Jobs: run.developer creates them, again only as an identity it may act as.
      await expect(
        dev.jobs.createJob({
          parent: LOCATION,
          jobId: 'migrate',
          job: { template: { template: template() } },
        }),
      ).rejects.toMatchObject({
        code: PERMISSION_DENIED,
        details: expect.stringContaining(computeSa) as string,
      });
      const [jobOp] = await dev.jobs.createJob({
        parent: LOCATION,
        jobId: 'migrate',
        job: { template: { template: template(RUNNER) } },
      });
      await jobOp.promise();
    });

    it('TestIamPermissions answers with what the caller holds', async () => {
      const viewer = clients(principal('tester', ['roles/run.viewer']));
      const [answer] = await viewer.run.testIamPermissions({
        resource: `${LOCATION}/services/web`,
        permissions: ['run.services.get', 'run.services.update', 'run.services.setIamPolicy'],
      });
      expect(answer.permissions).toEqual(['run.services.get']);
    });
  },
);
