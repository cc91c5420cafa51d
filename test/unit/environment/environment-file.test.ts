import { describe, expect, it } from 'vitest';
import { parseEnvironmentFile, urlEnvName } from '../../../src/environment/environment-file.js';
import { dependencyOrder, dependentsOf } from '../../../src/environment/graph.js';

const parse = (text: string) => parseEnvironmentFile(text, '.github/gcp-deploy.yml');

describe('the environment file', () => {
  it('reads services with their inputs as input strings, maps as KEY=VALUE lines', () => {
    const spec = parse(
      [
        'name: shop',
        'services:',
        '  api:',
        '    context: api',
        '    min_instances: 0',
        '    cpu_boost: true',
        '    env_vars: { MODE: preview, LEVEL: 2 }',
        '  web:',
        '    needs: api',
        '    canary: [10, 50, 100]',
      ].join('\n'),
    );
    expect(spec.name).toBe('shop');
    expect(spec.services).toEqual([
      {
        name: 'api',
        needs: [],
        inputs: { context: 'api', min_instances: '0', cpu_boost: 'true', env_vars: 'MODE=preview\nLEVEL=2' },
      },
      { name: 'web', needs: ['api'], inputs: { canary: '10,50,100' } },
    ]);
  });

  it('takes the preview inputs per service, in the grammar of the action', () => {
    const spec = parse(
      [
        'services:',
        '  api:',
        '    isolation: strict',
        '    preview_max_instances: 1',
        '    preview_env_vars: { DATABASE_URL: "postgres://preview@db/api" }',
        '    preview_secrets: { DB_PASSWORD: "preview-db-password:latest" }',
        '    preview_service_account: api-preview@p.iam.gserviceaccount.com',
        '    shared: [REDIS_URL, flags]',
      ].join('\n'),
    );
    expect(spec.services[0]?.inputs).toEqual({
      isolation: 'strict',
      preview_max_instances: '1',
      preview_env_vars: 'DATABASE_URL=postgres://preview@db/api',
      preview_secrets: 'DB_PASSWORD=preview-db-password:latest',
      preview_service_account: 'api-preview@p.iam.gserviceaccount.com',
      shared: 'REDIS_URL,flags',
    });
  });

  it('names the environment after the file when it has no name', () => {
    expect(parse('services:\n  api:\n').name).toBe('gcp-deploy');
  });

  it.each([
    ['services:\n  api:\n    projectid: x\n', /service api: unknown key "projectid"; allowed: needs, image/],
    ['services:\n  api:\n    project_id: x\n', /unknown key "project_id"/],
    ['services:\n  API:\n', /service "API" is not a Cloud Run service name/],
    ['services: {}\n', /services is empty/],
    ['services:\n  api:\n    needs: [1]\n', /needs must be a service name or a list/],
    ['services: [api]\n', /^Input 'services' \(\.github\/gcp-deploy\.yml\): services:/],
    ['services:\n  api: [\n', /not valid YAML/],
  ])('refuses %j naming the file and what is allowed', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('turns a service name into its URL variable', () => {
    expect(urlEnvName('api')).toBe('API_URL');
    expect(urlEnvName('my-api-2')).toBe('MY_API_2_URL');
  });
});

describe('the dependency graph', () => {
  const node = (name: string, ...needs: string[]) => ({ name, needs });

  it('orders every service after what it needs, ties in file order', () => {
    const order = dependencyOrder(
      [node('web', 'api', 'auth'), node('worker'), node('api', 'db'), node('db'), node('auth')],
      'f',
    );
    expect(order.map((n) => n.name)).toEqual(['db', 'api', 'auth', 'web', 'worker']);
  });

  it('names a cycle as a path', () => {
    expect(() => dependencyOrder([node('a', 'b'), node('b', 'c'), node('c', 'a')], 'f')).toThrow(
      "Input 'services' (f): the needs form a cycle: a -> b -> c -> a; allowed: needs without cycles.",
    );
  });

  it('refuses an unknown need and a self-reference', () => {
    expect(() => dependencyOrder([node('web', 'ap'), node('api')], 'f')).toThrow(
      'service web needs "ap", which is not in the file; allowed: web, api',
    );
    expect(() => dependencyOrder([node('web', 'web')], 'f')).toThrow('service web needs itself');
  });

  it('finds everything that depends on a service, transitively', () => {
    const nodes = [node('db'), node('api', 'db'), node('web', 'api'), node('worker')];
    expect(dependentsOf(nodes, 'db').sort()).toEqual(['api', 'web']);
    expect(dependentsOf(nodes, 'worker')).toEqual([]);
  });
});

describe("the README's environment file", () => {
  it('parses, and orders web after the api it needs', async () => {
    const { yamlBlocks } = await import('../../tools/workflow-files.js');
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = yamlBlocks(readme).find((b) => b.content.startsWith('# .github/gcp-deploy.yml'));
    expect(block).toBeDefined();
    const spec = parse(block?.content ?? '');
    expect(spec.services.map((s) => s.name)).toEqual(['api', 'worker', 'web']);
    expect(dependencyOrder(spec.services, 'README').map((s) => s.name)).toEqual(['api', 'worker', 'web']);
    expect(spec.services[2]?.needs).toEqual(['api']);
  });
});

describe('the inputs a service may set', () => {
  it('are all inputs of the action, and none of the run-level ones', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse: parseYamlText } = await import('yaml');
    const action = parseYamlText(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const { SERVICE_INPUTS } = await import('../../../src/environment/environment-file.js');
    for (const name of SERVICE_INPUTS) expect(action.inputs, name).toHaveProperty(name);
    for (const run of ['project_id', 'region', 'service', 'services', 'github_token', 'tag', 'command']) {
      expect(SERVICE_INPUTS).not.toContain(run);
    }
  });
});
