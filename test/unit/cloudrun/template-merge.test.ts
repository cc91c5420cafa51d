import { protos } from '@google-cloud/run';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import runProtos from '@google-cloud/run/build/protos/protos.json' with { type: 'json' };
import {
  REVISION_TEMPLATE_FIELDS,
  templateOfRevision,
  type ApiTemplate,
} from '../../../src/cloudrun/api-mapping.js';
import { mergeTemplate, targetContainer, type RevisionInputs } from '../../../src/cloudrun/template-merge.js';
import { templateFromFile } from '../../../src/cloudrun/template-file.js';
import type { DeploySettings } from '../../../src/config/config.js';
import { UserError } from '../../../src/config/user-error.js';

const v2 = protos.google.cloud.run.v2;
const DIGEST = `europe-docker.pkg.dev/p/r/web@sha256:${'0123456789abcdef'.repeat(4)}`;
const OLD = `europe-docker.pkg.dev/p/r/web@sha256:${'f'.repeat(64)}`;

const deploy = (over: Partial<DeploySettings> = {}): DeploySettings => ({
  envVars: {},
  envStrategy: 'merge',
  secrets: [],
  secretsStrategy: 'merge',
  labels: {},
  ...over,
});
const inputs = (over: Partial<DeploySettings> = {}, run: Partial<RevisionInputs> = {}): RevisionInputs => ({
  revisionName: 'web-pr1-abcdef1-cafe01',
  image: DIGEST,
  deploy: deploy(over),
  runEnv: {},
  runLabels: {},
  ...run,
});

/** A message through the real protobuf codec: a misspelt field name would be dropped on the way. */
function throughProto(value: object): object {
  const t = v2.RevisionTemplate;
  return t.toObject(t.fromObject(value), { enums: String, longs: Number, defaults: false });
}

/** A service configured outside the action: sidecar, volumes, probes, VPC, identity, scaling. */
const handMade: ApiTemplate = {
  labels: { team: 'shop', 'gcp-deploy-pr': '9' },
  annotations: { 'example.com/owner': 'ops' },
  scaling: { minInstanceCount: 1, maxInstanceCount: 5 },
  vpcAccess: { connector: 'projects/p/locations/r/connectors/c', egress: 'PRIVATE_RANGES_ONLY' },
  serviceAccount: 'app@p.iam.gserviceaccount.com',
  executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
  sessionAffinity: true,
  timeout: { seconds: 120 },
  maxInstanceRequestConcurrency: 40,
  volumes: [
    { name: 'cloudsql', cloudSqlInstance: { instances: ['p:r:db'] } },
    { name: 'cache', emptyDir: { medium: 'MEMORY', sizeLimit: '64Mi' } },
  ],
  containers: [
    {
      name: 'app',
      image: OLD,
      ports: [{ name: 'http1', containerPort: 8080 }],
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
        { name: 'DB_PASS', valueSource: { secretKeyRef: { secret: 'db', version: '3' } } },
        { name: 'PREVIEW_ID', value: 'pr-9' },
      ],
      volumeMounts: [{ name: 'cloudsql', mountPath: '/cloudsql' }],
      startupProbe: { httpGet: { path: '/ready' }, periodSeconds: 3 },
      resources: { limits: { cpu: '2', memory: '1Gi' } },
    },
    {
      name: 'proxy',
      image: 'gcr.io/p/proxy@sha256:' + 'a'.repeat(64),
      volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
    },
  ],
};

describe('mergeTemplate', () => {
  it('keeps every hand-made setting and changes only what the inputs name', () => {
    const t = mergeTemplate(handMade, inputs({ envVars: { B: '3' } }, { runEnv: { PREVIEW_ID: 'pr-1' } }));
    const { containers, labels, revision, ...rest } = t;
    const { containers: c0, labels: l0, ...rest0 } = handMade;
    expect(rest).toEqual(rest0);
    expect(revision).toBe('web-pr1-abcdef1-cafe01');
    expect(labels).toEqual({ team: 'shop' }); // the old run's gcp-deploy-* marker is gone
    expect(l0).toHaveProperty('gcp-deploy-pr');
    expect(containers?.[1]).toEqual(c0?.[1]); // the sidecar keeps its own image
    expect(containers?.[0]).toEqual({
      ...c0?.[0],
      image: DIGEST,
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '3' },
        { name: 'DB_PASS', valueSource: { secretKeyRef: { secret: 'db', version: '3' } } },
        { name: 'PREVIEW_ID', value: 'pr-1' },
      ],
    });
  });

  it('never carries a preview variable into a revision that does not set it (promotion)', () => {
    const t = mergeTemplate(handMade, inputs());
    expect(t.containers?.[0]?.env?.map((e) => e.name)).toEqual(['A', 'B', 'DB_PASS']);
  });

  it('overwrite drops what the input governs and nothing else', () => {
    const env = mergeTemplate(handMade, inputs({ envVars: { C: '9' }, envStrategy: 'overwrite' }))
      .containers?.[0]?.env;
    expect(env?.map((e) => e.name)).toEqual(['DB_PASS', 'C']);
    const secrets = mergeTemplate(
      handMade,
      inputs({
        secrets: [{ kind: 'env', env: 'TOKEN', secret: 'tok', version: 'latest' }],
        secretsStrategy: 'overwrite',
      }),
    ).containers?.[0]?.env;
    expect(secrets?.map((e) => e.name)).toEqual(['A', 'B', 'TOKEN']);
  });

  it('mounts secret files as one secret volume per directory and keeps the other volumes', () => {
    const t = mergeTemplate(
      handMade,
      inputs({
        secrets: [
          { kind: 'file', path: '/etc/db/password', secret: 'db', version: '3' },
          { kind: 'file', path: '/etc/db/user', secret: 'db', version: 'latest' },
        ],
      }),
    );
    const vol = t.volumes?.find((v) => v.secret != null);
    expect(vol?.secret).toEqual({
      secret: 'db',
      items: [
        { path: 'password', version: '3' },
        { path: 'user', version: 'latest' },
      ],
    });
    expect(t.volumes?.map((v) => v.name)).toEqual(['cloudsql', 'cache', vol?.name]);
    expect(t.containers?.[0]?.volumeMounts).toEqual([
      { name: 'cloudsql', mountPath: '/cloudsql' },
      { name: vol?.name, mountPath: '/etc/db' },
    ]);
    expect(throughProto(t)).toEqual(throughProto(JSON.parse(JSON.stringify(t)) as object));
  });

  it('refuses two secrets in one directory', () => {
    expect(() =>
      mergeTemplate(
        undefined,
        inputs({
          secrets: [
            { kind: 'file', path: '/s/a', secret: 'one', version: '1' },
            { kind: 'file', path: '/s/b', secret: 'two', version: '1' },
          ],
        }),
      ),
    ).toThrow(/Input 'secrets'/);
  });

  it('builds a whole template from the inputs alone when the service is new', () => {
    const t = mergeTemplate(
      undefined,
      inputs({
        envVars: { A: '1' },
        secrets: [{ kind: 'env', env: 'TOKEN', secret: 'api-token', version: 'latest' }],
        labels: { pr: '1' },
        cpu: '1',
        memory: '512Mi',
        concurrency: 80,
        minInstances: 0,
        maxInstances: 3,
        cpuBoost: true,
        serviceAccount: 'runner@p.iam.gserviceaccount.com',
        requestTimeoutSec: 30,
        port: 8080,
        command: ['/app'],
        args: ['--serve'],
      }),
    );
    expect(throughProto(t)).toEqual(throughProto(JSON.parse(JSON.stringify(t)) as object));
    expect(t).toMatchObject({
      scaling: { minInstanceCount: 0, maxInstanceCount: 3 },
      maxInstanceRequestConcurrency: 80,
      timeout: { seconds: 30 },
      labels: { pr: '1' },
    });
    expect(t.containers).toEqual([
      {
        image: DIGEST,
        env: [
          { name: 'A', value: '1' },
          { name: 'TOKEN', valueSource: { secretKeyRef: { secret: 'api-token', version: 'latest' } } },
        ],
        command: ['/app'],
        args: ['--serve'],
        ports: [{ containerPort: 8080 }],
        resources: { limits: { cpu: '1', memory: '512Mi' }, startupCpuBoost: true },
        volumeMounts: [],
      },
    ]);
  });

  it.each(['web:latest', 'web', `web@sha256:${'0'.repeat(63)}`, `web:tag@sha256:${'A'.repeat(64)}`])(
    'refuses the mutable or malformed image %j',
    (image) => {
      expect(() => mergeTemplate(undefined, inputs({}, { image }))).toThrow(UserError);
    },
  );

  it('applies the template file under the inputs, containers merged by name', () => {
    const file = templateFromFile({
      template: {
        timeout: '300s',
        containers: [{ name: 'app', env: [{ name: 'FROM_FILE', value: 'x' }], image: 'ignored' }],
      },
    });
    const t = mergeTemplate(handMade, inputs({ templateFile: file, requestTimeoutSec: 60 }));
    expect(t.timeout).toEqual({ seconds: 60 }); // the input wins over the file
    expect(t.containers?.[0]?.image).toBe(DIGEST); // the image is always this run's
    expect(t.containers?.[0]?.env?.map((e) => e.name)).toEqual(['FROM_FILE']);
    expect(t.containers?.[1]?.name).toBe('proxy');
  });
});

describe('targetContainer', () => {
  it('picks the named container, else the one with a port, else the only one', () => {
    const cs = handMade.containers ?? [];
    expect(targetContainer(cs, 'proxy')).toBe(1);
    expect(targetContainer(cs, undefined)).toBe(0);
    expect(targetContainer([{ name: 'x' }], undefined)).toBe(0);
    expect(targetContainer([], 'new')).toBe(0);
  });
  it('names the containers when the input names none of them, or none is clearly the ingress', () => {
    expect(() => targetContainer(handMade.containers ?? [], 'nope')).toThrow(/app, proxy/);
    expect(() => targetContainer([{ name: 'a' }, { name: 'b' }], undefined)).toThrow(/Input 'container'/);
  });
});

describe('templateFromFile', () => {
  it('names an unknown field and where it is', () => {
    expect(() => templateFromFile({ containers: [{ imag: 'x' }] })).toThrow(/containers\[0\]\.imag/);
    expect(() => templateFromFile({ vpcAccess: { egres: 'ALL_TRAFFIC' } })).toThrow(/unknown field 'egres'/);
  });
  it('refuses service-level fields and the revision name', () => {
    expect(() => templateFromFile({ ingress: 'INGRESS_TRAFFIC_ALL', template: {} })).toThrow(/ingress/);
    expect(() => templateFromFile({ revision: 'web-x' })).toThrow(/revision/);
  });
  it('checks enums and scalar types', () => {
    expect(() => templateFromFile({ executionEnvironment: 'GEN3' })).toThrow(/EXECUTION_ENVIRONMENT_GEN2/);
    expect(() => templateFromFile({ sessionAffinity: 'yes' })).toThrow(/bool/);
    expect(
      templateFromFile({ executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2', labels: { a: 'b' } }),
    ).toEqual({
      executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
      labels: { a: 'b' },
    });
  });
});

describe('templateOfRevision', () => {
  it('copies exactly the fields a Revision shares with RevisionTemplate', () => {
    const v2json = (runProtos as unknown as { nested: Record<string, { nested: Record<string, unknown> }> })
      .nested;
    const types = (
      v2json.google as unknown as {
        nested: {
          cloud: { nested: { run: { nested: { v2: { nested: Record<string, { fields: object }> } } } } };
        };
      }
    ).nested.cloud.nested.run.nested.v2.nested;
    const shared = Object.keys(types.RevisionTemplate?.fields ?? {}).filter((k) =>
      Object.keys(types.Revision?.fields ?? {}).includes(k),
    );
    expect([...REVISION_TEMPLATE_FIELDS].sort()).toEqual(shared.sort());
  });
  it("drops Cloud Run's own labels and annotations", () => {
    const t = templateOfRevision({
      labels: { team: 'a', 'cloud.googleapis.com/location': 'r' },
      annotations: { 'run.googleapis.com/operation-id': 'x', mine: 'y' },
      containers: [{ image: OLD }],
      conditions: [{ type: 'Ready' }],
    });
    expect(t).toEqual({ labels: { team: 'a' }, annotations: { mine: 'y' }, containers: [{ image: OLD }] });
  });
});

/** Small arbitrary templates: env lists, labels, a second container, scaling. */
const envVar = fc.record({
  name: fc.constantFrom('A', 'B', 'C', 'D', 'PREVIEW_ID'),
  value: fc.string({ maxLength: 4 }),
});
const templateArb: fc.Arbitrary<ApiTemplate> = fc.record(
  {
    labels: fc.dictionary(fc.constantFrom('team', 'tier', 'gcp-deploy-pr'), fc.constantFrom('a', 'b')),
    scaling: fc.record({ minInstanceCount: fc.nat(3), maxInstanceCount: fc.integer({ min: 3, max: 9 }) }),
    serviceAccount: fc.constantFrom('a@p.iam.gserviceaccount.com', 'b@p.iam.gserviceaccount.com'),
    vpcAccess: fc.record({ connector: fc.constantFrom('c1', 'c2') }),
    containers: fc
      .tuple(
        fc.record({
          name: fc.constant('app'),
          image: fc.constant(OLD),
          ports: fc.constant([{ containerPort: 8080 }] as { containerPort: number }[]),
          env: fc.uniqueArray(envVar, { selector: (e) => e.name, maxLength: 4 }),
        }),
        fc.record({ name: fc.constant('side'), image: fc.constant('side@sha256:' + 'b'.repeat(64)) }),
      )
      .map(([a, b]) => [a, b]),
  },
  { requiredKeys: ['containers'] },
);
const deployArb: fc.Arbitrary<DeploySettings> = fc.record({
  envVars: fc.dictionary(fc.constantFrom('A', 'B', 'E'), fc.string({ maxLength: 4 })),
  envStrategy: fc.constantFrom('merge' as const, 'overwrite' as const),
  secrets: fc.constant([]),
  secretsStrategy: fc.constant('merge' as const),
  labels: fc.dictionary(fc.constantFrom('team', 'env'), fc.constantFrom('x', 'y')),
  maxInstances: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
  serviceAccount: fc.option(fc.constant('c@p.iam.gserviceaccount.com'), { nil: undefined }),
});

describe('mergeTemplate properties', () => {
  it('inputs always win, the image is this run digest, and base is not modified', () => {
    fc.assert(
      fc.property(templateArb, deployArb, (base, d) => {
        const before = structuredClone(base);
        const t = mergeTemplate(base, inputs(d));
        expect(base).toEqual(before);
        const app = t.containers?.[0];
        expect(app?.image).toBe(DIGEST);
        for (const [k, v] of Object.entries(d.envVars)) {
          expect(app?.env?.filter((e) => e.name === k)).toEqual([{ name: k, value: v }]);
        }
        for (const [k, v] of Object.entries(d.labels)) expect(t.labels?.[k]).toBe(v);
        if (d.maxInstances !== undefined) expect(t.scaling?.maxInstanceCount).toBe(d.maxInstances);
        if (d.serviceAccount !== undefined) expect(t.serviceAccount).toBe(d.serviceAccount);
      }),
    );
  });

  it('fields the inputs do not name are unchanged', () => {
    fc.assert(
      fc.property(templateArb, deployArb, (base, d) => {
        const t = mergeTemplate(base, inputs(d));
        expect(t.vpcAccess).toEqual(base.vpcAccess);
        expect(t.containers?.[1]).toEqual(base.containers?.[1]);
        if (d.serviceAccount === undefined) expect(t.serviceAccount).toEqual(base.serviceAccount);
        if (d.maxInstances === undefined) expect(t.scaling).toEqual(base.scaling);
        for (const [k, v] of Object.entries(base.labels ?? {})) {
          if (!(k in d.labels) && !k.startsWith('gcp-deploy-')) expect(t.labels?.[k]).toBe(v);
        }
        if (d.envStrategy === 'merge') {
          for (const e of base.containers?.[0]?.env ?? []) {
            if (!(e.name! in d.envVars) && e.name !== 'PREVIEW_ID')
              expect(t.containers?.[0]?.env).toContainEqual(e);
          }
        }
      }),
    );
  });
});
