import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs tool without types
import { inputsTables } from '../tools/inputs-table.mjs';

const read = (p: string): string => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('README and action.yml', () => {
  it('documents every input and output exactly as action.yml declares them', () => {
    const readme = read('README.md');
    const block = /<!-- inputs:start -->\n([\s\S]*)\n<!-- inputs:end -->/.exec(readme)?.[1];
    // Compared cell by cell: Prettier pads Markdown tables, which changes spacing but not content.
    const cells = (table: string): string[][] =>
      table
        .split('\n')
        .filter((row) => row.startsWith('|'))
        .map((row) => row.split(/(?<!\\)\|/).map((c) => c.trim().replace(/^-+$/, '---')));
    expect(cells(block ?? ''), 'regenerate with: node test/tools/inputs-table.mjs').toEqual(
      cells((inputsTables as (y: string) => string)(read('action.yml'))),
    );
  });

  it('declares the node24 runtime and the bundle as entry', () => {
    const action = parse(read('action.yml')) as { runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('reads every input the config parser reads', () => {
    const action = parse(read('action.yml')) as { inputs: Record<string, unknown> };
    const source = read('src/config/config.ts');
    const readNames = new Set(
      // parseConfig reads the parsed inputs as `v.<name>`.
      [...source.matchAll(/\bv\.([a-z_]+)\b/g)].map((m) => m[1]),
    );
    // Inputs checked together by their own module are passed to it as `readUsed('<name>')`.
    for (const m of source.matchAll(/\breadUsed\(\s*'([a-z_]+)'/g)) readNames.add(m[1]);
    // The per-PR data inputs are parsed by their own module, called from parseConfig.
    for (const m of read('src/data/data-settings.ts').matchAll(/\b(?:get|opt)\(\s*'([a-z_]+)'/g))
      readNames.add(m[1]);
    // The entry reads the inputs that choose between one service and an environment.
    for (const m of read('src/main.ts').matchAll(/\bread\(\s*'([a-z_]+)'\)/g)) readNames.add(m[1]);
    expect([...readNames].filter((n) => !(n in action.inputs))).toEqual([]);
    expect(Object.keys(action.inputs).filter((n) => !readNames.has(n))).toEqual([]);
  });
});
