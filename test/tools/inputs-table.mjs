// Prints the README's inputs and outputs tables from action.yml, so the two never drift apart
// (test/unit/readme.test.ts fails when the README's tables differ from this output).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Markdown tables of the action's inputs and outputs. */
export function inputsTables(actionYml) {
  const action = parse(actionYml);
  const cell = (s) =>
    String(s ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\s+/g, ' ')
      .trim();
  const rows = ['| input | default | description |', '| --- | --- | --- |'];
  for (const [name, spec] of Object.entries(action.inputs)) {
    const dflt = spec.required
      ? '**required**'
      : spec.default === undefined
        ? ''
        : `\`${cell(spec.default)}\``;
    rows.push(`| \`${name}\` | ${dflt} | ${cell(spec.description)} |`);
  }
  rows.push('', '| output | description |', '| --- | --- |');
  for (const [name, spec] of Object.entries(action.outputs))
    rows.push(`| \`${name}\` | ${cell(spec.description)} |`);
  return rows.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(inputsTables(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')));
}
