import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuildContext, parseConfig, type Config } from '../../../src/config/config.js';
import { UserError } from '../../../src/config/user-error.js';
import { requireImageReference } from '../../../src/cloudrun/naming.js';

const base = { project_id: 'demo-project', service: 'web' };
const reader =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';

function failure(inputs: Record<string, string>): UserError {
  try {
    parseConfig(reader(inputs));
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('parseConfig', () => {
  it('fills defaults from the two required inputs', () => {
    const c = parseConfig(reader(base));
    expect(c).toMatchObject({
      command: 'auto',
      projectId: 'demo-project',
      service: 'web',
      region: 'us-central1',
      tagTemplate: 'pr-{number}',
      rollbackOnFailure: true,
      build: { repository: 'gcp-deploy', imageName: 'web', builder: 'auto', cache: 'registry', context: '.' },
      checks: { healthPath: '/', healthStatus: [200], healthTimeoutMs: 120_000, auth: 'auto' },
      promote: { canary: [100], prevTag: 'prev' },
      cleanup: { dryRun: false },
    });
  });

  it('names the command and lists the allowed values before anything else', () => {
    const err = failure({ command: 'bogus' });
    expect(err.input).toBe('command');
    expect(err.message).toBe(
      `Input 'command': got "bogus"; allowed: auto | preview | candidate | promote | cleanup | rollback | build.`,
    );
  });

  it('names the first missing required input', () => {
    expect(failure({}).message).toMatch(/^Input 'project_id' is required/);
    expect(failure({ project_id: 'demo-project' }).message).toMatch(/^Input 'service' is required/);
  });

  it('reads the doctor mode (warn by default) and the rules to skip, comma- or line-separated', () => {
    expect(parseConfig(reader(base)).doctor).toEqual({ mode: 'warn', ignore: [] });
    expect(
      parseConfig(
        reader({ ...base, dockerfile_checks: 'error', dockerfile_ignore: 'root-user,\nport-mismatch' }),
      ).doctor,
    ).toEqual({ mode: 'error', ignore: ['root-user', 'port-mismatch'] });
  });

  it.each([
    [{ rollback_on_failure: 'yes' }, 'rollback_on_failure', /allowed: true or false/],
    [{ builder: 'kaniko' }, 'builder', /auto \| buildx \| docker \| buildah/],
    [{ cache: 'local' }, 'cache', /registry \| gha \| none/],
    [{ dockerfile_checks: 'strict' }, 'dockerfile_checks', /warn \| error \| off/],
    [
      { dockerfile_ignore: 'root-user, no-such-rule' },
      'dockerfile_ignore',
      /got "no-such-rule".*root-user, unpinned-base/,
    ],
    [{ service: 'Web_App' }, 'service', /Cloud Run service name/],
    [{ memory: '64Mi' }, 'memory', /128Mi to 32Gi/],
    [{ cpu: '3' }, 'cpu', /1, 2, 4, 6, 8/],
    [{ concurrency: '0' }, 'concurrency', /1 to 1000/],
    [{ min_instances: '5', max_instances: '2' }, 'min_instances', /at most max_instances \(2\)/],
    [{ canary: '50,10,100' }, 'canary', /rising percents ending at 100/],
    [{ canary: '10,50' }, 'canary', /rising percents ending at 100/],
    [{ env_vars: 'GOOD=1\nnot a pair' }, 'env_vars', /KEY=VALUE/],
    [{ env_vars: 'A=1\nA=2' }, 'env_vars', /once/],
    [{ secrets: 'DB=bad secret name' }, 'secrets', /SECRET_NAME/],
    [{ secrets: '/etc/../x=s:1' }, 'secrets', /no \.\./],
    [{ secrets: '/file=s:1' }, 'secrets', /a directory under \//],
    [{ env_vars_update_strategy: 'replace' }, 'env_vars_update_strategy', /merge \| overwrite/],
    [{ secrets_update_strategy: 'all' }, 'secrets_update_strategy', /merge \| overwrite/],
    [{ container: 'App_1' }, 'container', /DNS label/],
    [{ template_file: '/nonexistent/t.yaml' }, 'template_file', /readable YAML or JSON/],
    [{ candidate_tag: 'Candidate' }, 'candidate_tag', /short DNS label/],
    [{ env_vars: 'A=1\nPORT=9000' }, 'env_vars', /Cloud Run sets itself/],
    [{ env_vars: 'K_SERVICE=x' }, 'env_vars', /K_REVISION/],
    [{ health_path: '//evil.example/x' }, 'health_path', /single '\/'/],
    [{ labels: 'team=Hello World!' }, 'labels', /lowercase letters, digits/],
    [{ image: 'web:v1' }, 'image', /pinned by digest .* or by tag \(host\/path\/app:tag\)/],
    [{ health_timeout: '-5s' }, 'health_timeout', /positive duration/],
    [{ health_path: 'healthz' }, 'health_path', /starting with a single '\/'/],
    [{ tag: 'PR_{number}' }, 'tag', /lowercase letters/],
    [{ promote_from: 'sha:xyz' }, 'promote_from', /tag:NAME/],
    [{ smoke_script: '/nonexistent/k6.js' }, 'smoke_script', /readable file/],
    [{ preview_max_instances: '0' }, 'preview_max_instances', /1 to 1000/],
    [{ preview_min_instances: '-1' }, 'preview_min_instances', /0 to 1000/],
    [{ preview_min_instances: '3' }, 'preview_min_instances', /at most preview_max_instances \(2\)/],
    [{ preview_service_account: 'prod-runtime' }, 'preview_service_account', /service account email/],
    [{ preview_env_vars: 'PORT=1' }, 'preview_env_vars', /Cloud Run sets itself/],
    [{ preview_env_vars: 'not a pair' }, 'preview_env_vars', /KEY=VALUE/],
    [{ preview_secrets: 'DB=bad secret' }, 'preview_secrets', /SECRET_NAME/],
    [{ isolation: 'paranoid' }, 'isolation', /warn \| strict \| off/],
    [{ shared: 'REDIS_URL, two words' }, 'shared', /env var or volume names/],
  ])('rejects %o naming %s', (inputs, input, allowed) => {
    const err = failure({ ...base, ...inputs });
    expect(err.input).toBe(input);
    expect(err.message).toMatch(new RegExp(`^Input '${input}': got `));
    expect(err.message).toMatch(allowed);
  });

  it('parses key-value lists, secrets and Cloud Run settings', () => {
    const c = parseConfig(
      reader({
        ...base,
        env_vars: 'A=1\nB=x=y\n# comment\n',
        secrets: 'DB_PASSWORD=db-pass:3\nAPI_KEY=api-key\n/etc/tls/key.pem=projects/p/secrets/tls:2',
        cpu: '500m',
        memory: '1Gi',
        min_instances: '0',
        max_instances: '3',
        cpu_boost: 'true',
        request_timeout: '5m',
        canary: '10, 50, 100',
        stale: '7d',
        health_status: '200,204',
      }),
    );
    expect(c.deploy.envVars).toEqual({ A: '1', B: 'x=y' });
    expect(c.deploy.secrets).toEqual([
      { kind: 'env', env: 'DB_PASSWORD', secret: 'db-pass', version: '3' },
      { kind: 'env', env: 'API_KEY', secret: 'api-key', version: 'latest' },
      { kind: 'file', path: '/etc/tls/key.pem', secret: 'projects/p/secrets/tls', version: '2' },
    ]);
    expect(c.deploy).toMatchObject({ envStrategy: 'merge', secretsStrategy: 'merge' });
    expect(c.deploy).toMatchObject({
      cpu: '500m',
      memory: '1Gi',
      minInstances: 0,
      maxInstances: 3,
      cpuBoost: true,
    });
    expect(c.deploy.requestTimeoutSec).toBe(300);
    expect(c.promote.canary).toEqual([10, 50, 100]);
    expect(c.cleanup.staleMs).toBe(7 * 86_400_000);
    expect(c.checks.healthStatus).toEqual([200, 204]);
  });

  it('has a preview profile that scales to zero with at most 2 instances, warning about shared data', () => {
    expect(parseConfig(reader(base)).preview).toEqual({
      minInstances: 0,
      maxInstances: 2,
      envVars: {},
      secrets: [],
      isolation: 'warn',
      shared: [],
    });
  });

  it('parses the preview inputs in the grammar of env_vars and secrets', () => {
    const c = parseConfig(
      reader({
        ...base,
        preview_min_instances: '1',
        preview_max_instances: '3',
        preview_service_account: 'preview-runtime@demo-project.iam.gserviceaccount.com',
        preview_env_vars: 'DATABASE_URL=postgres://preview@db/shop\nLOG_LEVEL=debug',
        preview_secrets: 'DB_PASSWORD=preview-db-password:2\n/etc/tls/key.pem=preview-tls',
        isolation: 'STRICT',
        shared: 'REDIS_URL,\nflags , REDIS_URL',
      }),
    );
    expect(c.preview).toEqual({
      minInstances: 1,
      maxInstances: 3,
      serviceAccount: 'preview-runtime@demo-project.iam.gserviceaccount.com',
      envVars: { DATABASE_URL: 'postgres://preview@db/shop', LOG_LEVEL: 'debug' },
      secrets: [
        { kind: 'env', env: 'DB_PASSWORD', secret: 'preview-db-password', version: '2' },
        { kind: 'file', path: '/etc/tls/key.pem', secret: 'preview-tls', version: 'latest' },
      ],
      isolation: 'strict',
      shared: ['REDIS_URL', 'flags'],
    });
    // Production's settings are not touched by the preview's.
    expect(c.deploy.envVars).toEqual({});
    expect(c.deploy.serviceAccount).toBeUndefined();
  });

  it('rejects a malformed threshold in the smoke input, naming metric and expression', () => {
    const err = failure({ ...base, smoke: '{"thresholds":{"http_req_duration":["p(95)<<500"]}}' });
    expect(err.message).toContain('smoke');
    expect(err.message).toContain('http_req_duration');
    expect(err.message).toContain('p(95)<<500');
  });
});

describe('secret-bearing inputs', () => {
  it('never quotes a malformed build_secrets line, which may be the secret itself', () => {
    const err = failure({ ...base, build_secrets: 'npm_token=ok\nghp_supersecretvalue123' });
    expect(err.input).toBe('build_secrets');
    expect(err.message).not.toContain('ghp_supersecretvalue123');
    expect(err.message).toMatch(/entry 2 \(not quoted/);
  });
});

describe('checkBuildContext', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-ctx-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(dir, 'Outside.Dockerfile'), 'FROM scratch\n');
  const build = (over: Partial<Config['build']>): Config['build'] => ({
    ...parseConfig(reader(base)).build,
    ...over,
  });
  const error = (over: Partial<Config['build']>): UserError => {
    try {
      checkBuildContext(build(over));
    } catch (err) {
      return err as UserError;
    }
    throw new Error('expected a UserError');
  };

  it('accepts a context with its Dockerfile', () => {
    expect(() => checkBuildContext(build({ context: join(dir, 'app') }))).not.toThrow();
  });
  it('refuses a context that does not exist', () => {
    expect(error({ context: join(dir, 'nope') }).input).toBe('context');
  });
  it('refuses a Dockerfile outside the context, or missing', () => {
    const outside = error({ context: join(dir, 'app'), dockerfile: join(dir, 'Outside.Dockerfile') });
    expect(outside.input).toBe('dockerfile');
    expect(outside.message).toMatch(/inside the context/);
    expect(error({ context: dir }).input).toBe('dockerfile');
  });
});

describe('image references', () => {
  it.each([
    ['europe-docker.pkg.dev/p/r/web:v1', true],
    ['127.0.0.1:5000/p/r/web:2026-12-04_1', true],
    [`europe-docker.pkg.dev/p/r/web@sha256:${'a'.repeat(64)}`, true],
    ['web:v1', false],
    ['europe-docker.pkg.dev/p/r/web', false],
    ['europe-docker.pkg.dev/p/r/web:v1@sha256:short', false],
    ['europe-docker.pkg.dev/p/r/Web:v1', false],
  ])('%s accepted: %s', (ref, ok) => {
    if (ok) expect(requireImageReference(ref)).toBe(ref);
    else expect(() => requireImageReference(ref)).toThrow(/Input 'image'/);
  });
});
