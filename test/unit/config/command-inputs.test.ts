import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS_OF, inputsFor } from '../../../src/config/command-inputs.js';
import { parseConfig } from '../../../src/config/config.js';

const inputs: Record<string, string> = {
  project_id: 'my-project',
  service: 'web',
  // Absent, as on a closed PR whose checkout step was skipped.
  smoke: '.github/smoke-that-is-not-there.yml',
  template_file: '.github/run-template-that-is-not-there.yml',
  context: 'not-checked-out',
};
const read = (name: string): string => inputs[name] ?? '';

describe('each command reads only the inputs it uses', () => {
  it('a cleanup parses with smoke and template_file naming files that are not there', () => {
    const config = parseConfig(inputsFor('cleanup', read));
    expect(config.service).toBe('web');
    expect(config.checks.smoke).toBeUndefined();
    expect(config.deploy.templateFile).toBeUndefined();
  });

  it('a preview still reads them, and fails on the missing file', () => {
    expect(() => parseConfig(inputsFor('preview', read))).toThrow(/Input 'template_file'/);
  });

  it('a rollback ignores the build and deploy inputs but keeps the checks', () => {
    expect(() => parseConfig(inputsFor('rollback', read))).toThrow(/Input 'smoke'/);
    const config = parseConfig(inputsFor('rollback', (n) => (n === 'smoke' ? '' : read(n))));
    expect(config.build.context).toBe('.');
  });

  it('only a preview reads the preview inputs: candidates and promotions keep production settings', () => {
    const preview = {
      ...inputs,
      smoke: '',
      template_file: '',
      isolation: 'strict',
      preview_max_instances: '1',
    };
    const reading = (n: string): string => preview[n as keyof typeof preview] ?? '';
    expect(parseConfig(inputsFor('preview', reading)).preview).toMatchObject({
      isolation: 'strict',
      maxInstances: 1,
    });
    for (const command of ['candidate', 'promote'] as const) {
      expect(parseConfig(inputsFor(command, reading)).preview).toMatchObject({
        isolation: 'warn',
        maxInstances: 2,
      });
    }
  });

  it('every action.yml input is used by some command, and no command names an unknown input', () => {
    const action = parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const used = new Set(Object.values(INPUTS_OF).flatMap((s) => [...s]));
    expect(Object.keys(action.inputs).filter((n) => !used.has(n))).toEqual([]);
    expect([...used].filter((n) => !(n in action.inputs))).toEqual([]);
  });
});
