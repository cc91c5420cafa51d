import { protos } from '@google-cloud/run';
import { describe, expect, it } from 'vitest';
import type { ApiTemplate } from '../../../src/cloudrun/api-mapping.js';
import {
  DEFAULT_IDENTITY,
  describeProfile,
  inspectPreview,
  previewTemplate,
} from '../../../src/cloudrun/preview-profile.js';
import { mergeTemplate, type RevisionInputs } from '../../../src/cloudrun/template-merge.js';
import type { DeploySettings, PreviewSettings } from '../../../src/config/config.js';

const v2 = protos.google.cloud.run.v2;
const DIGEST = `europe-docker.pkg.dev/p/r/web@sha256:${'0123456789abcdef'.repeat(4)}`;
const PROD_SA = 'prod-runtime@shop-prod.iam.gserviceaccount.com';

/** What Terraform made: always-on, two warm instances, production's identity and data. */
const production = (): ApiTemplate => ({
  revision: 'shop-tf-1',
  serviceAccount: PROD_SA,
  scaling: { minInstanceCount: 2, maxInstanceCount: 50 },
  volumes: [{ name: 'cloudsql', cloudSqlInstance: { instances: ['shop-prod:us-central1:main'] } }],
  containers: [
    {
      name: 'app',
      image: 'old@sha256:' + 'f'.repeat(64),
      ports: [{ containerPort: 8080 }],
      resources: { limits: { cpu: '2', memory: '1Gi' }, cpuIdle: false, startupCpuBoost: true },
      env: [
        { name: 'DATABASE_URL', value: 'postgres://app:Pr0dPassw0rd@10.0.0.5/shop' },
        { name: 'REDIS_URL', value: 'redis://10.0.0.7:6379/0' },
        { name: 'DB_PASSWORD', valueSource: { secretKeyRef: { secret: 'db-password', version: 'latest' } } },
        { name: 'LOG_LEVEL', value: 'info' },
      ],
      volumeMounts: [{ name: 'cloudsql', mountPath: '/cloudsql' }],
    },
  ],
});

const deploy = (over: Partial<DeploySettings> = {}): DeploySettings => ({
  envVars: {},
  envStrategy: 'merge',
  secrets: [],
  secretsStrategy: 'merge',
  labels: {},
  ...over,
});
const preview = (over: Partial<PreviewSettings> = {}): PreviewSettings => ({
  minInstances: 0,
  maxInstances: 2,
  envVars: {},
  secrets: [],
  isolation: 'warn',
  shared: [],
  ...over,
});
const run = (over: Partial<DeploySettings> = {}): RevisionInputs => ({
  revisionName: 'shop-pr7-abc',
  image: DIGEST,
  deploy: deploy(over),
  runEnv: { PREVIEW_ID: 'pr-7' },
  runLabels: {},
});
const env = (t: ApiTemplate): Record<string, unknown> =>
  Object.fromEntries(
    (t.containers?.[0]?.env ?? []).map((e) => [e.name ?? '', e.value ?? e.valueSource?.secretKeyRef?.secret]),
  );

describe('the preview profile', () => {
  it('scales to zero with at most 2 instances and CPU only during requests, keeping the rest', () => {
    const t = previewTemplate(production(), run(), preview());
    expect(t.scaling).toEqual({ minInstanceCount: 0, maxInstanceCount: 2 });
    expect(t.containers?.[0]?.resources).toEqual({
      limits: { cpu: '2', memory: '1Gi' },
      cpuIdle: true,
      startupCpuBoost: true,
    });
    expect(t.serviceAccount).toBe(PROD_SA);
    expect(describeProfile(t)).toBe('scales to zero, at most 2 instances, CPU only during requests');
  });

  it('survives the real protobuf codec (the field names are the API\u2019s)', () => {
    const t = previewTemplate(production(), run(), preview());
    const back = v2.RevisionTemplate.toObject(v2.RevisionTemplate.fromObject(t), {
      defaults: false,
    }) as ApiTemplate;
    expect(back.scaling).toEqual({ minInstanceCount: 0, maxInstanceCount: 2 });
    expect(back.containers?.[0]?.resources?.cpuIdle).toBe(true);
  });

  it('leaves candidates and promotions (the plain merge) with production settings and the inputs', () => {
    const t = mergeTemplate(production(), run({ minInstances: 3, cpu: '4' }));
    expect(t.scaling).toEqual({ minInstanceCount: 3, maxInstanceCount: 50 });
    expect(t.containers?.[0]?.resources?.cpuIdle).toBe(false);
    expect(t.containers?.[0]?.resources?.limits?.cpu).toBe('4');
    expect(t.serviceAccount).toBe(PROD_SA);
  });

  it.each([
    // [production max, max_instances input, preview min, preview max, expected min, expected max]
    [50, undefined, 0, 2, 0, 2],
    [1, undefined, 0, 2, 0, 1],
    [0, undefined, 0, 2, 0, 2],
    [50, 10, 0, 5, 0, 5],
    [50, undefined, 1, 3, 1, 3],
    [1, undefined, 2, 3, 2, 2],
  ])(
    'production max %s, max_instances %s, preview %s..%s -> %s..%s',
    (prodMax, input, pmin, pmax, min, max) => {
      const base = { ...production(), scaling: { minInstanceCount: 2, maxInstanceCount: prodMax } };
      const t = previewTemplate(
        base,
        run(input === undefined ? {} : { maxInstances: input }),
        preview({ minInstances: pmin, maxInstances: pmax }),
      );
      expect(t.scaling).toEqual({ minInstanceCount: min, maxInstanceCount: max });
    },
  );

  it('keeps min_instances from previews, which have their own minimum', () => {
    const t = previewTemplate(production(), run({ minInstances: 5 }), preview());
    expect(t.scaling?.minInstanceCount).toBe(0);
  });

  it('says a warm preview is warm', () => {
    const t = previewTemplate(production(), run(), preview({ minInstances: 1 }));
    expect(describeProfile(t)).toBe('keeps 1 instance warm, at most 2 instances, CPU only during requests');
  });

  it('puts preview values, secrets and identity in place of production\u2019s', () => {
    const t = previewTemplate(
      production(),
      run({ envVars: { LOG_LEVEL: 'debug' } }),
      preview({
        serviceAccount: 'preview-runtime@shop-prod.iam.gserviceaccount.com',
        envVars: { DATABASE_URL: 'postgres://preview-db/shop_pr_7' },
        secrets: [{ kind: 'env', env: 'DB_PASSWORD', secret: 'preview-db-password', version: '2' }],
      }),
    );
    expect(t.serviceAccount).toBe('preview-runtime@shop-prod.iam.gserviceaccount.com');
    expect(env(t)).toEqual({
      DATABASE_URL: 'postgres://preview-db/shop_pr_7',
      REDIS_URL: 'redis://10.0.0.7:6379/0',
      DB_PASSWORD: 'preview-db-password',
      LOG_LEVEL: 'debug',
      PREVIEW_ID: 'pr-7',
    });
  });

  it('lets a preview plain value replace a secret given by `secrets`, and the reverse', () => {
    const t = previewTemplate(
      production(),
      run({
        envVars: { API_TOKEN_NAME: 'x' },
        secrets: [{ kind: 'env', env: 'STRIPE_KEY', secret: 'stripe-live', version: 'latest' }],
      }),
      preview({
        envVars: { STRIPE_KEY: 'sk_test_123' },
        secrets: [{ kind: 'env', env: 'API_TOKEN_NAME', secret: 'preview-token', version: '1' }],
      }),
    );
    const byName = Object.fromEntries((t.containers?.[0]?.env ?? []).map((e) => [e.name ?? '', e]));
    expect(byName.STRIPE_KEY).toEqual({ name: 'STRIPE_KEY', value: 'sk_test_123' });
    expect(byName.API_TOKEN_NAME?.valueSource?.secretKeyRef?.secret).toBe('preview-token');
  });
});

describe('inspecting a preview before it is built', () => {
  const lines = (s: ReturnType<typeof inspectPreview>): string[] =>
    s.detection.findings.map((f) => `${f.name} ${f.kind} ${f.source} ${f.value}`);

  it('finds what production would share, and production\u2019s identity', () => {
    const seen = inspectPreview(
      { template: production(), revision: 'shop-tf-1' },
      { deploy: deploy(), runEnv: { PREVIEW_ID: 'pr-7' }, runLabels: {} },
      preview(),
    );
    expect(seen.profile).toBe('scales to zero, at most 2 instances, CPU only during requests');
    expect(seen.productionIdentity).toBe(PROD_SA);
    expect(lines(seen)).toEqual([
      'DATABASE_URL data-store URL production revision shop-tf-1 postgres://app:***@10.0.0.5/shop',
      'REDIS_URL data-store URL production revision shop-tf-1 redis://10.0.0.7:6379/0',
      'DB_PASSWORD secret env var production revision shop-tf-1 secret db-password:latest',
      'cloudsql Cloud SQL volume production revision shop-tf-1 shop-prod:us-central1:main',
    ]);
    expect(JSON.stringify(seen)).not.toContain('Pr0dPassw0rd');
  });

  it('finds nothing once the preview has its own values, identity and what it shares on purpose', () => {
    const seen = inspectPreview(
      { template: production(), revision: 'shop-tf-1' },
      { deploy: deploy(), runEnv: {}, runLabels: {} },
      preview({
        serviceAccount: 'preview-runtime@shop-prod.iam.gserviceaccount.com',
        envVars: { DATABASE_URL: 'postgres://preview:pw@10.0.9.9/shop_pr_7' },
        secrets: [{ kind: 'env', env: 'DB_PASSWORD', secret: 'preview-db-password', version: 'latest' }],
        shared: ['REDIS_URL'],
      }),
    );
    expect(seen.productionIdentity).toBeUndefined();
    expect(seen.detection.findings).toEqual([]);
    expect(seen.detection.shared.map((f) => f.name)).toEqual(['REDIS_URL']);
  });

  it('says where each came from: an input or production', () => {
    const seen = inspectPreview(
      { template: production(), revision: 'shop-tf-1' },
      {
        deploy: deploy({
          envVars: { CACHE_URL: 'redis://cache' },
          secrets: [{ kind: 'env', env: 'MONGO_PASSWORD', secret: 'mongo', version: '1' }],
          templateFile: {
            containers: [{ name: 'app', env: [{ name: 'PGHOST', value: '/cloudsql/p:r:i' }] }],
          },
        }),
        runEnv: {},
        runLabels: {},
      },
      preview(),
    );
    const source = Object.fromEntries(seen.detection.findings.map((f) => [f.name, f.source]));
    expect(source).toMatchObject({
      CACHE_URL: 'the env_vars input',
      MONGO_PASSWORD: 'the secrets input',
      PGHOST: 'the template_file input',
      // The template file's env list replaces the container's, so production's variables are gone.
      cloudsql: 'production revision shop-tf-1',
    });
    expect(source.REDIS_URL).toBeUndefined();
  });

  it('has nothing to share with a production that does not exist yet', () => {
    const seen = inspectPreview(null, { deploy: deploy(), runEnv: {}, runLabels: {} }, preview());
    expect(seen.detection.findings).toEqual([]);
    expect(seen.productionIdentity).toBeUndefined();
  });

  it('names the default compute account when production names none', () => {
    const { serviceAccount: _sa, ...base } = production();
    const seen = inspectPreview(
      { template: base },
      { deploy: deploy(), runEnv: {}, runLabels: {} },
      preview(),
    );
    expect(seen.productionIdentity).toBe(DEFAULT_IDENTITY);
    expect(seen.detection.findings[0]?.source).toBe('the service template');
  });
});
