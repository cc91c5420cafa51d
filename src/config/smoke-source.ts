/**
 * The `smoke` input's syntax without reading a file: inline options are parsed (and so checked) on every
 * run; a file path is kept, and read only by a command that runs the checks.
 */
import { loadSmokeOptions, parseSmokeOptions, type SmokeOptions } from '../checks/smoke-options.js';

export type SmokeSource = { file: string } | { options: SmokeOptions };

/** A value naming a .json/.yml/.yaml file is a path; anything else is the options themselves. */
const FILE = /^[^\n{}[\]:]+\.(json|ya?ml)$/i;

export function smokeSyntax(name: string, raw: string): SmokeSource {
  return FILE.test(raw) ? { file: raw } : { options: parseSmokeOptions(raw, name) };
}

/** The options, reading the file when the input names one. */
export function smokeOptions(name: string, source: SmokeSource): SmokeOptions {
  return 'file' in source ? loadSmokeOptions(source.file, name) : source.options;
}
