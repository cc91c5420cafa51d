/**
 * The emulator's Secret Manager driven by the unmodified @google-cloud/secret-manager client, and secrets
 * resolved when a revision starts: as on Cloud Run, a missing secret or a runtime identity without
 * roles/secretmanager.secretAccessor fails the revision. Process runtime (no Docker needed).
 */
import { ServicesClient } from '@google-cloud/run';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { crc32c } from '../../src/emulator/secret-manager.js';
import { emulatorOptions } from './support/emulator-options.js';
import { serviceAccountCaller, type Caller } from './support/invoker.js';

const PROJECT = 'projects/p';
const LOCATION = `${PROJECT}/locations/europe-west1`;
const RUNNER = 'runner@p.iam.gserviceaccount.com';
const SERVER = `require('node:http').createServer((q, s) => s.end('secret=' + process.env.DB_PASSWORD)).listen(Number(process.env.PORT), '127.0.0.1')`;

let emu: Emulator;
let sm: SecretManagerServiceClient;
let services: ServicesClient;
let caller: Caller;

beforeAll(async () => {
  emu = await startEmulator({ runtime: 'process', startupTimeoutMs: 5000 });
  sm = new SecretManagerServiceClient(emulatorOptions(emu));
  services = new ServicesClient(emulatorOptions(emu));
  caller = serviceAccountCaller(emu, 'p', 'tester', 'roles/run.invoker');
});
afterAll(async () => {
  await sm?.close();
  await services?.close();
  await emu?.stop();
});

describe('Secret Manager through the real client', () => {
  it('creates, versions, reads (latest and by number), and deletes a secret', async () => {
    const [secret] = await sm.createSecret({
      parent: PROJECT,
      secretId: 'db-url',
      secret: { replication: { automatic: {} }, labels: { 'gcp-deploy': 'pr-42' } },
    });
    expect(secret.name).toBe(`${PROJECT}/secrets/db-url`);
    expect(secret.labels).toEqual({ 'gcp-deploy': 'pr-42' });
    await expect(
      sm.createSecret({ parent: PROJECT, secretId: 'db-url', secret: { replication: { automatic: {} } } }),
    ).rejects.toMatchObject({ code: 6 }); // ALREADY_EXISTS
    await expect(
      sm.createSecret({ parent: PROJECT, secretId: 'no-replication', secret: {} }),
    ).rejects.toMatchObject({
      code: 3,
    });
    const [v1] = await sm.addSecretVersion({ parent: secret.name!, payload: { data: Buffer.from('one') } });
    const data = Buffer.from('postgres://u:two@h/db');
    const [v2] = await sm.addSecretVersion({
      parent: secret.name!,
      payload: { data, dataCrc32c: crc32c(data) },
    });
    expect([v1.name, v2.name]).toEqual([`${secret.name}/versions/1`, `${secret.name}/versions/2`]);
    await expect(
      sm.addSecretVersion({ parent: secret.name!, payload: { data, dataCrc32c: crc32c(data) + 1 } }),
    ).rejects.toMatchObject({ code: 3 });
    const [latest] = await sm.accessSecretVersion({ name: `${secret.name}/versions/latest` });
    expect(latest.name).toBe(`${secret.name}/versions/2`);
    expect(Buffer.from(latest.payload!.data as Uint8Array).toString()).toBe('postgres://u:two@h/db');
    expect(Number(latest.payload!.dataCrc32c)).toBe(crc32c(data));
    const [first] = await sm.accessSecretVersion({ name: `${secret.name}/versions/1` });
    expect(Buffer.from(first.payload!.data as Uint8Array).toString()).toBe('one');
    await sm.deleteSecret({ name: secret.name! });
    await expect(sm.accessSecretVersion({ name: `${secret.name}/versions/latest` })).rejects.toMatchObject({
      code: 5,
    });
    await expect(sm.getSecret({ name: secret.name! })).rejects.toMatchObject({ code: 5 });
  });

  it('keeps an IAM policy per secret with etag-checked writes', async () => {
    const [secret] = await sm.createSecret({
      parent: PROJECT,
      secretId: 'iam',
      secret: { replication: { automatic: {} } },
    });
    const [empty] = await sm.getIamPolicy({ resource: secret.name! });
    expect(empty.bindings ?? []).toEqual([]);
    const [set] = await sm.setIamPolicy({
      resource: secret.name!,
      policy: {
        bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${RUNNER}`] }],
        etag: empty.etag,
      },
    });
    const [read] = await sm.getIamPolicy({ resource: secret.name! });
    expect(read.bindings).toEqual([
      expect.objectContaining({
        role: 'roles/secretmanager.secretAccessor',
        members: [`serviceAccount:${RUNNER}`],
      }),
    ]);
    await expect(
      sm.setIamPolicy({ resource: secret.name!, policy: { bindings: [], etag: empty.etag } }),
    ).rejects.toMatchObject({ code: 10 }); // ABORTED: stale etag
    expect(set.etag).toEqual(read.etag);
  });
});

describe('secrets resolved when a revision starts', () => {
  const deploy = async (id: string, secret: string) => {
    const [op] = await services.createService({
      parent: LOCATION,
      serviceId: id,
      service: {
        template: {
          serviceAccount: RUNNER,
          containers: [
            {
              image: `europe-docker.pkg.dev/p/r/app@sha256:${'a'.repeat(64)}`,
              command: [process.execPath],
              args: ['-e', SERVER],
              env: [{ name: 'DB_PASSWORD', valueSource: { secretKeyRef: { secret, version: 'latest' } } }],
            },
          ],
        },
      },
    });
    return op.promise();
  };

  it('fails the revision when the secret does not exist', async () => {
    await expect(deploy('missing', 'nope')).rejects.toThrow(
      /Secret projects\/p\/secrets\/nope\/versions\/latest was not found/,
    );
  });

  it('fails the revision when the runtime identity lacks secretAccessor, and starts once it is granted', async () => {
    emu.secrets.add(`${PROJECT}/secrets/pr-42-db`, 'hunter2');
    await expect(deploy('denied', 'pr-42-db')).rejects.toThrow(
      new RegExp(
        `Permission denied on secret: projects/p/secrets/pr-42-db/versions/latest for Revision service account ${RUNNER}.*roles/secretmanager.secretAccessor`,
      ),
    );
    // A grant on another secret is not enough; one on this secret is.
    const [other] = await sm.createSecret({
      parent: PROJECT,
      secretId: 'other',
      secret: { replication: { automatic: {} } },
    });
    await sm.setIamPolicy({
      resource: other.name!,
      policy: {
        bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${RUNNER}`] }],
      },
    });
    await expect(deploy('still-denied', 'pr-42-db')).rejects.toThrow(/Permission denied on secret/);
    await sm.setIamPolicy({
      resource: `${PROJECT}/secrets/pr-42-db`,
      policy: {
        bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${RUNNER}`] }],
      },
    });
    const [svc] = await deploy('granted', 'pr-42-db');
    expect(await (await caller.fetch(svc.uri!)).text()).toBe('secret=hunter2');
    // The revision stores the reference, never the value.
    expect(JSON.stringify(svc)).not.toContain('hunter2');
  });
});
