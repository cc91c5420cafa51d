import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protos } from '@google-cloud/run';
import { describe, expect, it } from 'vitest';
import {
  fromApiStatuses,
  fromApiTraffic,
  revisionReadiness,
  serviceState,
  toApiTraffic,
} from '../../../src/cloudrun/api-mapping.js';
import { clientOptions } from '../../../src/cloudrun/client-factory.js';
import { issueTlsCertificates } from '../../../src/emulator/x509.js';
import type { TrafficTarget } from '../../../src/cloudrun/traffic-plan.js';

const v2 = protos.google.cloud.run.v2;

/** A message through the real protobuf codec: a misspelt field name would be dropped on the way. */
function throughProto<T extends object>(
  type: { fromObject(o: object): unknown; toObject(m: never, o: object): object },
  value: T,
): object {
  return type.toObject(type.fromObject(value) as never, { enums: String, longs: Number, defaults: false });
}

describe('traffic and service mapping', () => {
  const planned: TrafficTarget[] = [
    { type: 'LATEST', percent: 10 },
    { type: 'REVISION', revision: 'web-1', percent: 90, tag: 'prod' },
    { type: 'REVISION', revision: 'web-2', percent: 0, tag: 'pr-2' },
  ];

  it('round-trips planner targets through the API shape and the protobuf codec', () => {
    const api = toApiTraffic(planned);
    expect(api.map((t) => throughProto(v2.TrafficTarget, t))).toEqual(api);
    expect(fromApiTraffic(api)).toEqual(planned);
  });

  it('reads numeric enums, full revision names and untyped targets', () => {
    expect(
      fromApiTraffic([
        { type: 1, percent: 50 },
        { type: 2, revision: 'projects/p/locations/l/services/web/revisions/web-1', percent: 50 },
        { revision: 'web-3', percent: 0, tag: 'x' },
        { percent: 0, tag: 'y' },
      ]),
    ).toEqual([
      { type: 'LATEST', percent: 50 },
      { type: 'REVISION', revision: 'web-1', percent: 50 },
      { type: 'REVISION', revision: 'web-3', percent: 0, tag: 'x' },
      { type: 'LATEST', percent: 0, tag: 'y' },
    ]);
  });

  it('keeps the revision a LATEST status resolves to, and tag URLs from statuses only', () => {
    const svc = serviceState({
      name: 'projects/p/locations/l/services/web',
      uri: 'https://web-abc.a.run.app',
      etag: '"e1"',
      latestReadyRevision: 'projects/p/locations/l/services/web/revisions/web-2',
      traffic: toApiTraffic(planned),
      trafficStatuses: [
        { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: 'web-1', percent: 10 },
        {
          type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
          revision: 'web-2',
          tag: 'pr-2',
          uri: 'https://pr-2---web',
        },
      ],
    });
    expect(svc).toMatchObject({ name: 'web', etag: '"e1"', latestReadyRevision: 'web-2' });
    expect(svc.trafficStatuses[0]).toEqual({ type: 'LATEST', revision: 'web-1', percent: 10 });
    expect(svc.tagUrls).toEqual({ 'pr-2': 'https://pr-2---web' });
    expect(fromApiStatuses(undefined)).toEqual([]);
  });
});

describe('revisionReadiness', () => {
  it.each([
    [[{ type: 'Ready', state: 'CONDITION_SUCCEEDED' }], true],
    [[{ type: 'Ready', state: 4 }], true],
    [[{ type: 'Ready', state: 'CONDITION_RECONCILING' }], undefined],
    [[{ type: 'ContainerHealthy', state: 'CONDITION_SUCCEEDED' }], undefined],
    [[], undefined],
  ])('conditions %j -> ready %s', (conditions, ready) => {
    expect(revisionReadiness({ conditions } as never).ready).toBe(ready);
  });

  it('carries the failure message', () => {
    expect(
      revisionReadiness({ conditions: [{ type: 'Ready', state: 'CONDITION_FAILED', message: 'no port' }] }),
    ).toEqual({ ready: false, message: 'no port' });
  });
});

describe('clientOptions', () => {
  it('is Google’s defaults without the emulator variable', () => {
    expect(clientOptions({})).toEqual({});
    expect(clientOptions({ GCP_DEPLOY_EMULATOR_HOST: '' })).toEqual({});
  });

  it('points at the emulator over TLS under its CA, with call credentials', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcpd-ca-'));
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, issueTlsCertificates('test CA', ['localhost']).ca.cert);
    const o = clientOptions({ GCP_DEPLOY_EMULATOR_HOST: '127.0.0.1:4567', GCP_DEPLOY_EMULATOR_CA: ca });
    expect(o).toMatchObject({ apiEndpoint: '127.0.0.1', port: 4567, universeDomain: 'googleapis.com' });
    // Secure, so grpc-js sends the call credentials (it drops them on an insecure channel).
    expect(o.sslCreds?._isSecure()).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the emulator without its CA (it serves TLS only)', () => {
    expect(() => clientOptions({ GCP_DEPLOY_EMULATOR_HOST: '127.0.0.1:4567' })).toThrow(
      /GCP_DEPLOY_EMULATOR_CA must name the emulator CA/,
    );
    expect(() =>
      clientOptions({
        GCP_DEPLOY_EMULATOR_HOST: '127.0.0.1:4567',
        GCP_DEPLOY_EMULATOR_CA: '/nonexistent.pem',
      }),
    ).toThrow(/cannot read \/nonexistent.pem/);
  });

  it.each(['nope', '127.0.0.1', '127.0.0.1:0', '127.0.0.1:99999', 'http://127.0.0.1:80'])(
    'refuses %j',
    (host) => {
      expect(() => clientOptions({ GCP_DEPLOY_EMULATOR_HOST: host })).toThrow(/host:port/);
    },
  );
});
