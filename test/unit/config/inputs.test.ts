import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  INPUTS,
  INPUT_NAMES,
  RUN_COMMANDS,
  inputsOf,
  withCommand,
  type InputRow,
} from '../../../src/config/inputs.js';
import { parseConfig } from '../../../src/config/config.js';
import { UserError } from '../../../src/config/user-error.js';

const inputs: Record<string, string> = {
  project_id: 'my-project',
  service: 'web',
  // Absent, as on a closed PR whose checkout step was skipped.
  smoke: '.github/smoke-that-is-not-there.yml',
  template_file: '.github/run-template-that-is-not-there.yml',
  context: 'not-checked-out',
};
const read = (name: string): string => inputs[name] ?? '';

describe('each command reads only the files of the inputs it uses', () => {
  it('a cleanup parses with smoke and template_file naming files that are not there', () => {
    const config = parseConfig(withCommand('cleanup', read));
    expect(config.service).toBe('web');
    expect(config.checks.smoke).toBeUndefined();
    expect(config.deploy.templateFile).toBeUndefined();
  });

  it('a preview still reads them, and fails on the missing file', () => {
    expect(() => parseConfig(withCommand('preview', read))).toThrow(/Input 'template_file'/);
  });

  it('a rollback ignores the build and deploy inputs but keeps the checks', () => {
    expect(() => parseConfig(withCommand('rollback', read))).toThrow(/Input 'smoke'/);
    const config = parseConfig(withCommand('rollback', (n) => (n === 'smoke' ? '' : read(n))));
    expect(config.build.context).toBe('.');
  });

  it('the first pass, before the event chose the command, reads no file', () => {
    expect(parseConfig(read, { readFiles: false }).command).toBe('auto');
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
    expect(parseConfig(withCommand('preview', reading)).preview).toMatchObject({
      isolation: 'strict',
      maxInstances: 1,
    });
    for (const command of ['candidate', 'promote'] as const) {
      expect(parseConfig(withCommand(command, reading)).preview).toMatchObject({
        isolation: 'warn',
        maxInstances: 2,
      });
    }
  });
});

describe('every given input is checked on every run, whichever command runs', () => {
  const base = { project_id: 'my-project', service: 'web' };
  const message = (command: (typeof RUN_COMMANDS)[number], given: Record<string, string>): string => {
    try {
      parseConfig(
        withCommand(command, (n) => ({ ...base, ...given })[n] ?? ''),
        { readFiles: false },
      );
    } catch (err) {
      if (err instanceof UserError) return err.message;
      throw err;
    }
    return 'accepted';
  };

  it.each([
    [{ canary: '0' }, `Input 'canary': got "0"; allowed: a whole number from 1 to 100.`],
    [
      { canary: '10,5,100' },
      `Input 'canary': got "10,5,100"; allowed: rising percents ending at 100, such as 10,50,100.`,
    ],
    [{ prev_tag: 'UPPER' }, `Input 'prev_tag': got "UPPER"; allowed: a short DNS label such as prev.`],
    [{ dry_run: 'maybe' }, `Input 'dry_run': got "maybe"; allowed: true or false.`],
  ])('a preview refuses %j, which only a release or cleanup reads', (given, expected) => {
    for (const command of RUN_COMMANDS) expect(message(command, given)).toBe(expected);
  });

  it('the same inputs, well formed, are accepted by a preview and left at their defaults', () => {
    const given = { canary: '10,50,100', prev_tag: 'old', dry_run: 'true' };
    expect(message('preview', given)).toBe('accepted');
    const config = parseConfig(withCommand('preview', (n) => ({ ...base, ...given })[n] ?? ''));
    expect(config.promote).toMatchObject({ canary: [100], prevTag: 'prev' });
    expect(config.cleanup.dryRun).toBe(false);
  });
});

describe('the input table', () => {
  const action = parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  };

  it('is action.yml: the same inputs in the same order, with the same descriptions, defaults and required', () => {
    expect(INPUT_NAMES).toEqual(Object.keys(action.inputs));
    for (const name of INPUT_NAMES) {
      const row = INPUTS[name] as InputRow<unknown>;
      const declared = action.inputs[name];
      expect({
        name,
        description: row.description,
        default: row.default,
        required: row.required === true,
      }).toEqual({
        name,
        description: declared?.description,
        default: declared?.default,
        required: declared?.required === true,
      });
    }
  });

  it('gives every input to some command, and every default passes its own parser', () => {
    const used = new Set(RUN_COMMANDS.flatMap((c) => [...inputsOf(c)]));
    expect(INPUT_NAMES.filter((n) => !used.has(n))).toEqual([]);
    for (const name of INPUT_NAMES) {
      const row = INPUTS[name] as InputRow<unknown>;
      if (row.default !== undefined && row.runnerDefault !== true) {
        expect(() => row.parse(name, row.default ?? '')).not.toThrow();
      }
    }
  });
});
