/**
 * The action's inputs as the CLI takes them: `--project-id x` or GCP_DEPLOY_PROJECT_ID=x is the input
 * `project_id`. Values go through the action's own parseConfig, so every rule and message is the same.
 */
import { INPUT_NAMES as ALL_INPUTS, type InputName, type InputReader, row } from '../config/inputs.js';

/** Every input action.yml declares except `command`, which is the CLI's subcommand. */
export const INPUT_NAMES = ALL_INPUTS.filter((n) => n !== 'command');

export type { InputName };

/** Inputs that are true or false: `--dry-run` alone means true, `--dry-run=false` says false. */
export const BOOLEAN_INPUTS: ReadonlySet<string> = new Set(
  ALL_INPUTS.filter((n) => row(n).form === 'boolean'),
);

/** Inputs read one entry per line: a repeated flag adds a line (`--env-vars A=1 --env-vars B=2`). */
export const MULTILINE_INPUTS: ReadonlySet<string> = new Set(
  ALL_INPUTS.filter((n) => row(n).form === 'lines'),
);

/** The values that describe the event where no CI system does: `--pr 42 --sha abc1234`. */
export const EVENT_FLAGS = ['pr', 'sha', 'branch', 'base', 'title', 'github_repository'] as const;
export type EventFlag = (typeof EVENT_FLAGS)[number];

/** `project_id` -> `--project-id`. */
export const flagOf = (name: string): string => `--${name.replace(/_/g, '-')}`;

/** `project_id` -> `GCP_DEPLOY_PROJECT_ID`. */
export const envOf = (name: string): string => `GCP_DEPLOY_${name.toUpperCase()}`;

/** Reads an input from the flags first, then from its GCP_DEPLOY_* variable; empty when neither sets it. */
export function cliInputReader(
  flags: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  command: string,
): InputReader {
  return (name) => {
    if (name === 'command') return command;
    return flags[name] ?? env[envOf(name)] ?? '';
  };
}
