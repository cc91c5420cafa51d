import { createRequire } from 'node:module';
import { status } from '@grpc/grpc-js';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATE_FIELDS_ON_REVISION } from '../../../src/emulator/cloud-run-records.js';
import { CloudRunState, type Msg } from '../../../src/emulator/cloud-run-state.js';
import { seededRandom } from '../../../src/emulator/faults.js';

const require = createRequire(import.meta.url);
const PARENT = 'projects/p/locations/l';
const NAME = `${PARENT}/services/app`;

/** The field names of a google.cloud.run.v2 message, from the descriptors the client library ships. */
function protoFields(message: string): string[] {
  type Node = { nested?: Record<string, Node>; fields?: Record<string, unknown> };
  const root = require('@google-cloud/run/build/protos/protos.json') as Node;
  let node: Node | undefined = root;
  for (const part of ['google', 'cloud', 'run', 'v2', message]) node = node?.nested?.[part];
  return Object.keys(node?.fields ?? {});
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: number }).code;
  }
}

describe('the Revision view of a template', () => {
  it('maps every RevisionTemplate field the Revision message has, and names the two it has not', () => {
    const template = protoFields('RevisionTemplate');
    const revision = new Set(protoFields('Revision'));
    expect(template.length).toBeGreaterThan(10);
    const notOnRevision = template.filter((f) => !revision.has(f));
    expect(notOnRevision.sort()).toEqual(['healthCheckDisabled', 'revision']);
    expect([...TEMPLATE_FIELDS_ON_REVISION].sort()).toEqual(template.filter((f) => revision.has(f)).sort());
  });

  it('carries the template fields and the service launch stage onto the revision', () => {
    const state = new CloudRunState({ now: () => 1_700_000_000_000, random: seededRandom(3), url: () => '' });
    const template: Msg = {
      containers: [{ image: 'img', ports: [{ containerPort: 8080 }] }, { image: 'sidecar' }],
      vpcAccess: { connector: 'c', egress: 'ALL_TRAFFIC' },
      encryptionKey: 'k',
      sessionAffinity: true,
      nodeSelector: { accelerator: 'nvidia-l4' },
      gpuZonalRedundancyDisabled: true,
      serviceMesh: { mesh: 'm' },
      healthCheckDisabled: true,
    };
    const r = state.createService(PARENT, 'app', { template, launchStage: 'BETA' });
    const rev = state.getRevision(r.newRevision!.name);
    const { healthCheckDisabled: _h, ...onRevision } = template;
    expect(rev).toMatchObject({ ...onRevision, launchStage: 'BETA', service: NAME });
    expect(rev).not.toHaveProperty('healthCheckDisabled');
    expect(state.getService(NAME).template).toEqual(template);
  });
});

describe('validation happens before any state change', () => {
  let state: CloudRunState;
  beforeEach(() => {
    state = new CloudRunState({ now: () => 1_700_000_000_000, random: seededRandom(5), url: () => '' });
  });

  const bad: Msg = {
    template: { containers: [{ image: 'img', env: [{ name: 'PORT', value: '80' }] }] },
  };

  it('a refused create (validateOnly or not) leaves no service behind', () => {
    expect(codeOf(() => state.createService(PARENT, 'app', bad, true))).toBe(status.INVALID_ARGUMENT);
    expect(codeOf(() => state.createService(PARENT, 'app', bad))).toBe(status.INVALID_ARGUMENT);
    expect(state.listServices(PARENT)).toEqual([]);
  });

  it('a refused update leaves the service, its etag and its revisions as they were', () => {
    const r = state.createService(PARENT, 'app', { template: { containers: [{ image: 'img' }] } });
    state.revisionReady(r.newRevision!.name);
    const before = state.getService(NAME);
    for (const input of [
      { ...bad, name: NAME },
      { name: NAME, labels: { 'run.googleapis.com/x': 'y' }, template: before.template },
      { name: NAME, description: 'd'.repeat(513), template: before.template },
    ]) {
      expect(codeOf(() => state.updateService(input))).toBe(status.INVALID_ARGUMENT);
      expect(codeOf(() => state.updateService(input, false, true))).toBe(status.INVALID_ARGUMENT);
    }
    expect(state.getService(NAME)).toEqual(before);
    expect(state.listRevisions(NAME)).toHaveLength(1);
  });

  it('validateOnly accepts a valid request and still changes nothing', () => {
    const ok: Msg = { template: { containers: [{ image: 'img' }], maxInstanceRequestConcurrency: 1000 } };
    expect(codeOf(() => state.createService(PARENT, 'app', ok, true))).toBeUndefined();
    expect(state.listServices(PARENT)).toEqual([]);
  });
});
