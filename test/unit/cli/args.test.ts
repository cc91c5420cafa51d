import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../src/config/config.js';
import { UserError } from '../../../src/config/user-error.js';
import { parseActionArgs, UsageError } from '../../../src/cli/args.js';
import { INPUT_NAMES, cliInputReader } from '../../../src/cli/inputs.js';

describe('CLI flags', () => {
  it('are exactly the inputs action.yml declares, but command (the subcommand)', () => {
    const action = parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    expect([...INPUT_NAMES].sort()).toEqual(
      Object.keys(action.inputs)
        .filter((n) => n !== 'command')
        .sort(),
    );
  });

  it('map --kebab-case and --name=value onto input names, event flags apart', () => {
    const args = parseActionArgs('preview', [
      '--project-id=demo-project',
      '--service',
      'web',
      '--pr',
      '7',
      '--json',
      '--env-vars',
      'A=1',
      '--env-vars=B=2',
      '--dry-run',
      '--comment=false',
      '--container-args=--verbose',
    ]);
    expect(args.inputs).toEqual({
      project_id: 'demo-project',
      service: 'web',
      env_vars: 'A=1\nB=2',
      dry_run: 'true',
      comment: 'false',
      container_args: '--verbose',
    });
    expect(args.event).toEqual({ pr: '7' });
    expect(args.json).toBe(true);
  });

  it('take the preview inputs as flags, repeated ones adding lines', () => {
    const args = parseActionArgs('preview', [
      '--isolation',
      'strict',
      '--preview-env-vars',
      'DATABASE_URL=postgres://preview@db/shop',
      '--preview-env-vars',
      'LOG_LEVEL=debug',
      '--preview-secrets=DB_PASSWORD=preview-db-password:2',
      '--shared',
      'REDIS_URL',
      '--shared',
      'flags',
      '--preview-service-account=preview@demo-project.iam.gserviceaccount.com',
      '--preview-max-instances=1',
    ]);
    const config = parseConfig(
      cliInputReader({ project_id: 'demo-project', service: 'web', ...args.inputs }, {}, 'preview'),
    );
    expect(config.preview).toEqual({
      minInstances: 0,
      maxInstances: 1,
      serviceAccount: 'preview@demo-project.iam.gserviceaccount.com',
      envVars: { DATABASE_URL: 'postgres://preview@db/shop', LOG_LEVEL: 'debug' },
      secrets: [{ kind: 'env', env: 'DB_PASSWORD', secret: 'preview-db-password', version: '2' }],
      isolation: 'strict',
      shared: ['REDIS_URL', 'flags'],
    });
  });

  it.each([
    [['--servce', 'web'], "unknown flag '--servce' for preview; see gcp-deploy help preview"],
    [['--command', 'promote'], "unknown flag '--command' for preview (the command is the first argument"],
    [['--service'], "flag '--service' needs a value"],
    [['--service', '--region', 'x'], "flag '--service' needs a value"],
    [['--service', 'a', '--service', 'b'], "flag '--service' given twice"],
    [['web'], "unexpected argument 'web' for preview"],
  ])('refuse %j with one line naming it', (argv, message) => {
    expect(() => parseActionArgs('preview', argv)).toThrow(UsageError);
    expect(() => parseActionArgs('preview', argv)).toThrow(message);
  });

  it('go through the action parser: the same rule and message, from a flag or a GCP_DEPLOY_* variable', () => {
    const base = { project_id: 'demo-project', service: 'web' };
    const fromFlag = (): unknown => parseConfig(cliInputReader({ ...base, canary: '50,10' }, {}, 'promote'));
    const fromEnv = (): unknown =>
      parseConfig(cliInputReader(base, { GCP_DEPLOY_CANARY: '50,10' }, 'promote'));
    const fromAction = (): unknown =>
      parseConfig((n) => ({ ...base, canary: '50,10', command: 'promote' })[n] ?? '');
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (err) {
        if (err instanceof UserError) return err.message;
      }
      return 'no error';
    };
    expect(message(fromFlag)).toMatch(/^Input 'canary': got "50,10"/);
    expect(message(fromEnv)).toBe(message(fromFlag));
    expect(message(fromAction)).toBe(message(fromFlag));
    // A flag wins over its variable.
    const config = parseConfig(
      cliInputReader({ ...base, region: 'europe-west1' }, { GCP_DEPLOY_REGION: 'x' }, 'preview'),
    );
    expect(config.region).toBe('europe-west1');
    expect(config.command).toBe('preview');
  });
});
