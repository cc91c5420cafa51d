/**
 * The command line of `gcp-deploy preview|promote|cleanup|rollback`, parsed into the action's input names
 * and the event flags. Pure: a mistake throws UsageError, whose one-line message names the bad argument.
 */
import {
  BOOLEAN_INPUTS,
  EVENT_FLAGS,
  INPUT_NAMES,
  MULTILINE_INPUTS,
  type EventFlag,
  flagOf,
} from './inputs.js';

export const ACTION_COMMANDS = ['preview', 'candidate', 'promote', 'cleanup', 'rollback'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** A command line the CLI cannot run: exit code 2, the message alone on one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ActionArgs {
  /** Input name -> value, as the action would receive it (repeated multi-line flags joined by newlines). */
  inputs: Record<string, string>;
  event: Partial<Record<EventFlag, string>>;
  json: boolean;
  help: boolean;
}

const byFlag = new Map<string, { kind: 'input' | 'event'; name: string }>([
  ...INPUT_NAMES.map((n) => [flagOf(n), { kind: 'input', name: n }] as const),
  ...EVENT_FLAGS.map((n) => [flagOf(n), { kind: 'event', name: n }] as const),
]);

/** Parses the arguments after the command (`--service web --pr 7 ...`). */
export function parseActionArgs(command: ActionCommand, argv: readonly string[]): ActionArgs {
  const out: ActionArgs = { inputs: {}, event: {}, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    if (arg === '--json') {
      out.json = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      throw new UsageError(`unexpected argument '${arg}' for ${command}; flags take the form --name value`);
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const known = byFlag.get(flag);
    if (known === undefined) {
      const hint = flag === '--command' ? ` (the command is the first argument: gcp-deploy ${command})` : '';
      throw new UsageError(`unknown flag '${flag}' for ${command}${hint}; see gcp-deploy help ${command}`);
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (known.kind === 'input' && BOOLEAN_INPUTS.has(known.name)) value = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined || byFlag.has(next.split('=')[0] ?? '') || next === '--json') {
        throw new UsageError(`flag '${flag}' needs a value`);
      }
      value = next;
      i++;
    }
    if (known.kind === 'event') {
      if (out.event[known.name as EventFlag] !== undefined)
        throw new UsageError(`flag '${flag}' given twice`);
      out.event[known.name as EventFlag] = value;
    } else if (out.inputs[known.name] === undefined) {
      out.inputs[known.name] = value;
    } else if (MULTILINE_INPUTS.has(known.name)) {
      out.inputs[known.name] += `\n${value}`;
    } else {
      throw new UsageError(`flag '${flag}' given twice (only the one-per-line inputs may repeat)`);
    }
  }
  return out;
}
