/**
 * The emulator is as strict as Cloud Run where the protos (node_modules/@google-cloud/run/build/protos/google/
 * cloud/run/v2/*.proto) and Cloud Run's documentation state a rule: each test quotes the rule it holds the
 * emulator to and checks it through the real @google-cloud/run client. The process runtime runs revisions.
 */
import { RevisionsClient, ServicesClient, protos } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { emulatorOptions } from './support/emulator-options.js';

type IService = protos.google.cloud.run.v2.IService;
type ITrafficTarget = protos.google.cloud.run.v2.ITrafficTarget;

const LOCATION = 'projects/p/locations/europe-west1';
const DIGEST = `sha256:${'b'.repeat(64)}`;
const SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';
const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A template whose process listens (ready) or exits at once (the revision fails). */
function template(revision: string, ok = true): protos.google.cloud.run.v2.IRevisionTemplate {
  return {
    revision,
    containers: [
      {
        image: `europe-docker.pkg.dev/p/r/app@${DIGEST}`,
        command: [process.execPath],
        args: ['-e', ok ? SERVER : 'process.exit(3)'],
      },
    ],
  };
}

describe('emulator strictness (Cloud Run v2 rules, through the real client)', () => {
  let emu: Emulator;
  let services: ServicesClient;
  let revisions: RevisionsClient;

  const create = async (id: string, service: IService): Promise<IService> => {
    const [op] = await services.createService({ parent: LOCATION, serviceId: id, service });
    const [svc] = await op.promise();
    return svc;
  };
  const update = async (service: IService, updateMask?: string[]): Promise<IService> => {
    const [op] = await services.updateService({
      service,
      ...(updateMask ? { updateMask: { paths: updateMask } } : {}),
    });
    const [svc] = await op.promise();
    return svc;
  };
  const get = async (id: string): Promise<IService> =>
    (await services.getService({ name: `${LOCATION}/services/${id}` }))[0];
  const revisionIds = async (id: string): Promise<string[]> =>
    (await revisions.listRevisions({ parent: `${LOCATION}/services/${id}` }))[0].map((r) =>
      r.name!.split('/').pop()!,
    );

  beforeAll(async () => {
    emu = await startEmulator({ runtime: 'process', startupTimeoutMs: 5000 });
    services = new ServicesClient(emulatorOptions(emu));
    revisions = new RevisionsClient(emulatorOptions(emu));
  });

  afterAll(async () => {
    await emu?.stop();
    await services?.close();
    await revisions?.close();
  });

  it('"uid ... is a UUID4 string" on services and revisions', async () => {
    const svc = await create('uids', { template: template('uids-a') });
    const [rev] = await revisions.getRevision({ name: `${svc.name!}/revisions/uids-a` });
    expect(svc.uid).toMatch(UUID4);
    expect(rev.uid).toMatch(UUID4);
    expect(rev.uid).not.toBe(svc.uid);
  });

  it('"If reconciliation failed, traffic_statuses, observed_generation, and latest_ready_revision will have the state of the last serving revision"', async () => {
    const good = await create('failing', { template: template('failing-a') });
    expect(String(good.observedGeneration)).toBe(String(good.generation));
    const [op] = await services.updateService({
      service: { ...good, template: template('failing-b', false) },
    });
    await expect(op.promise()).rejects.toMatchObject({ code: 9 });
    const after = await get('failing');
    expect(Number(after.generation)).toBe(Number(good.generation) + 1);
    expect(String(after.observedGeneration)).toBe(String(good.generation));
    expect(after.latestReadyRevision).toBe(`${good.name!}/revisions/failing-a`);
    expect(after.latestCreatedRevision).toBe(`${good.name!}/revisions/failing-b`);
    expect(after.trafficStatuses?.map((t) => t.revision)).toEqual(['failing-a']);
    expect(after.terminalCondition?.state).toBe('CONDITION_FAILED');
  });

  it('"... or empty for newly created Services": a failed create fills none of them', async () => {
    const [op] = await services.createService({
      parent: LOCATION,
      serviceId: 'never-ready',
      service: { template: template('never-ready-a', false) },
    });
    await expect(op.promise()).rejects.toMatchObject({ code: 9 });
    const svc = await get('never-ready');
    expect(String(svc.generation)).toBe('1');
    expect(String(svc.observedGeneration)).toBe('0');
    expect(svc.latestReadyRevision).toBe('');
    expect(svc.latestCreatedRevision).toBe(`${svc.name!}/revisions/never-ready-a`);
    expect(svc.trafficStatuses).toEqual([]);
  });

  it('"update_mask: The list of fields to be updated": a labels-only update leaves the template alone', async () => {
    const svc = await create('masked', { template: template('masked-a'), labels: { a: '1' } });
    const updated = await update(
      // The template sent differs, but the mask names only labels: no revision may come of it.
      { ...svc, labels: { a: '2' }, description: 'not in the mask', template: template('masked-b') },
      ['labels'],
    );
    expect(updated.labels).toEqual({ a: '2' });
    expect(updated.description).toBe('');
    expect(updated.template?.revision).toBe('masked-a');
    expect(updated.latestCreatedRevision).toBe(`${svc.name!}/revisions/masked-a`);
    expect(await revisionIds('masked')).toEqual(['masked-a']);
    // Without a mask the whole Service is replaced, as before.
    const replaced = await update({ ...updated, template: template('masked-c') });
    expect(replaced.description).toBe('');
    expect(await revisionIds('masked')).toEqual(['masked-c', 'masked-a']);
    // A mask naming an output-only field is refused.
    await expect(update({ ...replaced, uid: 'x' }, ['uid'])).rejects.toMatchObject({ code: 3 });
  });

  it('"If reconciliation succeeded ... latest_ready_revision and latest_created_revision" match, also after a no-traffic deploy', async () => {
    const svc = await create('notraffic', { template: template('notraffic-a') });
    const pinned: ITrafficTarget[] = [
      { type: REVISION, revision: 'notraffic-a', percent: 100 },
      { type: REVISION, revision: 'notraffic-b', percent: 0, tag: 'pr-1' },
    ];
    const after = await update({ ...svc, template: template('notraffic-b'), traffic: pinned });
    expect(after.reconciling).toBe(false);
    expect(after.latestReadyRevision).toBe(`${svc.name!}/revisions/notraffic-b`);
    expect(after.latestCreatedRevision).toBe(after.latestReadyRevision);
    expect(String(after.observedGeneration)).toBe(String(after.generation));
    // Production still serves the old revision.
    expect(after.trafficStatuses?.filter((t) => t.percent! > 0).map((t) => t.revision)).toEqual([
      'notraffic-a',
    ]);
  });

  it('"delete_time ... is only populated as a response to a Delete request", with expire_time', async () => {
    const svc = await create('deleted', {
      template: template('deleted-b'),
      traffic: [{ type: LATEST, percent: 100 }],
    });
    expect(svc.deleteTime).toBeNull();
    await update({ ...svc, template: template('deleted-c') });
    const [revOp] = await revisions.deleteRevision({ name: `${svc.name!}/revisions/deleted-b` });
    const [rev] = await revOp.promise();
    expect(Number(rev.deleteTime?.seconds)).toBeGreaterThan(0);
    expect(Number(rev.expireTime?.seconds)).toBeGreaterThanOrEqual(Number(rev.deleteTime?.seconds));
    const [op] = await services.deleteService({ name: svc.name! });
    const [gone] = await op.promise();
    expect(Number(gone.deleteTime?.seconds)).toBeGreaterThan(0);
    expect(Number(gone.expireTime?.seconds)).toBeGreaterThanOrEqual(Number(gone.deleteTime?.seconds));
  });

  it('"To list all Revisions across Services, use "-" instead of Service name"', async () => {
    await create('across-a', { template: template('across-a-1') });
    await create('across-b', { template: template('across-b-1') });
    const [all] = await revisions.listRevisions({ parent: `${LOCATION}/services/-` });
    const names = all.map((r) => r.name!.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['across-a-1', 'across-b-1', 'uids-a']));
    expect(new Set(all.map((r) => r.service))).toContain(`${LOCATION}/services/across-b`);
  });

  it('"Location must be a valid Google Cloud region, and cannot be the "-" wildcard"', async () => {
    await expect(services.listServices({ parent: 'projects/p/locations/-' })).rejects.toMatchObject({
      code: 3,
      details: expect.stringMatching(/wildcard/) as unknown,
    });
    await expect(services.getService({ name: 'projects/p/locations/-/services/uids' })).rejects.toMatchObject(
      { code: 3 },
    );
    await expect(
      revisions.listRevisions({ parent: 'projects/p/locations/-/services/-' }),
    ).rejects.toMatchObject({ code: 3 });
  });

  it('refuses a tag whose tag URL would not fit: tag and service name together at most 46 characters', async () => {
    const svc = await create('tags-sixteen-chr', { template: template('tags-sixteen-chr-a') });
    const tagged = (tag: string): IService => ({
      ...svc,
      traffic: [
        { type: LATEST, percent: 100 },
        { type: REVISION, revision: 'tags-sixteen-chr-a', percent: 0, tag },
      ],
    });
    const ok = 't'.repeat(46 - 'tags-sixteen-chr'.length);
    await expect(update(tagged(`${ok}x`))).rejects.toMatchObject({
      code: 3,
      details: expect.stringMatching(/46 characters/) as unknown,
    });
    const after = await update(tagged(ok));
    expect(after.trafficStatuses?.find((t) => t.tag === ok)?.uri).toMatch(/^http/);
  });
});

describe('Cloud Run quotas (https://cloud.google.com/run/quotas), set small', () => {
  let emu: Emulator;
  let services: ServicesClient;
  let revisions: RevisionsClient;

  beforeAll(async () => {
    emu = await startEmulator({
      runtime: 'process',
      startupTimeoutMs: 5000,
      quotas: { revisionsPerService: 3, tagsPerRegion: 3 },
    });
    services = new ServicesClient(emulatorOptions(emu));
    revisions = new RevisionsClient(emulatorOptions(emu));
  });

  afterAll(async () => {
    await emu?.stop();
    await services?.close();
    await revisions?.close();
  });

  const write = async (service: IService): Promise<IService> => {
    const [op] = await services.updateService({ service, allowMissing: true });
    return (await op.promise())[0];
  };
  const ids = async (service: string): Promise<string[]> =>
    (await revisions.listRevisions({ parent: `${LOCATION}/services/${service}` }))[0].map((r) =>
      r.name!.split('/').pop()!,
    );

  it('"When limit is reached, non-serving revisions are automatically deleted in historical order"', async () => {
    const name = `${LOCATION}/services/gc`;
    // gc-1 serves production and gc-2 carries a tag: neither may go, however old.
    let svc = await write({ name, template: template('gc-1') });
    svc = await write({
      ...svc,
      template: template('gc-2'),
      traffic: [
        { type: REVISION, revision: 'gc-1', percent: 100 },
        { type: REVISION, revision: 'gc-2', percent: 0, tag: 'pr-2' },
      ],
    });
    for (const n of [3, 4, 5]) {
      svc = await write({
        ...svc,
        template: template(`gc-${n}`),
        traffic: [
          { type: REVISION, revision: 'gc-1', percent: 100 },
          { type: REVISION, revision: 'gc-2', percent: 0, tag: 'pr-2' },
        ],
      });
    }
    expect(await ids('gc')).toEqual(['gc-5', 'gc-2', 'gc-1']);
    await expect(revisions.getRevision({ name: `${name}/revisions/gc-3` })).rejects.toMatchObject({
      code: 5,
    });
  });

  it('"Maximum number of revision tags: 2000 per project and region": beyond it the oldest tags without traffic go', async () => {
    const a = `${LOCATION}/services/tags-a`;
    const b = `${LOCATION}/services/tags-b`;
    let svcA = await write({
      name: a,
      template: template('tags-a-1'),
      traffic: [
        { type: LATEST, percent: 100, tag: 'prod' },
        { type: REVISION, revision: 'tags-a-1', percent: 0, tag: 'pr-1' },
      ],
    });
    const svcB = await write({
      name: b,
      template: template('tags-b-1'),
      traffic: [
        { type: LATEST, percent: 100 },
        { type: REVISION, revision: 'tags-b-1', percent: 0, tag: 'pr-2' },
      ],
    });
    // A fourth tag in the region: pr-1 (the oldest without traffic) is deleted, prod (serving) is kept.
    svcA = await write({
      ...(await services.getService({ name: a }))[0],
      traffic: [...svcA.traffic!, { type: REVISION, revision: 'tags-a-1', percent: 0, tag: 'pr-3' }],
    });
    expect(svcA.traffic!.map((t) => t.tag).filter(Boolean)).toEqual(['prod', 'pr-3']);
    expect((await services.getService({ name: b }))[0].traffic!.map((t) => t.tag)).toEqual(['', 'pr-2']);
    // With only tags serving traffic left to delete, the write is refused and nothing changes.
    const [freshB] = await services.getService({ name: b });
    await expect(
      write({
        ...freshB,
        traffic: [
          { type: LATEST, percent: 50, tag: 'b-one' },
          { type: REVISION, revision: 'tags-b-1', percent: 50, tag: 'b-two' },
        ],
      }),
    ).resolves.toBeDefined(); // pr-2 and pr-3 (no traffic) made room
    const [now] = await services.getService({ name: b });
    await expect(
      write({
        ...now,
        traffic: [
          { type: LATEST, percent: 40, tag: 'b-one' },
          { type: REVISION, revision: 'tags-b-1', percent: 30, tag: 'b-two' },
          { type: REVISION, revision: 'tags-b-1', percent: 30, tag: 'b-three' },
        ],
      }),
    ).rejects.toMatchObject({
      code: 9,
      details: expect.stringMatching(/Quota exceeded.*revision tags/) as unknown,
    });
    expect((await services.getService({ name: b }))[0].etag).toBe(now.etag);
    expect(svcB.name).toBe(b);
  });
});
