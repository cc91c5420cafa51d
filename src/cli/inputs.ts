/**
 * The action's inputs as the CLI takes them: `--project-id x` or GCP_DEPLOY_PROJECT_ID=x is the input
 * `project_id`. Values go through the action's own parseConfig, so every rule and message is the same.
 */
import type { InputReader } from '../config/config.js';

/** Every input action.yml declares except `command`, which is the CLI's subcommand (test/unit/cli checks the list). */
export const INPUT_NAMES = [
  'project_id',
  'region',
  'service',
  'services',
  'image',
  'repository',
  'image_name',
  'registry_host',
  'context',
  'dockerfile',
  'target',
  'platform',
  'build_args',
  'build_secrets',
  'dockerfile_checks',
  'dockerfile_ignore',
  'builder',
  'cache',
  'tag',
  'env_vars',
  'env_vars_update_strategy',
  'secrets',
  'secrets_update_strategy',
  'labels',
  'container',
  'template_file',
  'cpu',
  'memory',
  'concurrency',
  'min_instances',
  'max_instances',
  'cpu_boost',
  'service_account',
  'request_timeout',
  'port',
  'container_command',
  'container_args',
  'preview_min_instances',
  'preview_max_instances',
  'preview_service_account',
  'preview_env_vars',
  'preview_secrets',
  'isolation',
  'shared',
  'health_path',
  'health_status',
  'health_timeout',
  'smoke',
  'smoke_script',
  'compare',
  'regression',
  'regression_mode',
  'check_auth',
  'access',
  'comment',
  'fail_on_comment_error',
  'github_token',
  'environment',
  'rollback_on_failure',
  'timeout',
  'promote_from',
  'canary',
  'prev_tag',
  'candidate_tag',
  'stale',
  'dry_run',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

/** Inputs that are true or false: `--dry-run` alone means true, `--dry-run=false` says false. */
export const BOOLEAN_INPUTS: ReadonlySet<string> = new Set([
  'comment',
  'fail_on_comment_error',
  'rollback_on_failure',
  'cpu_boost',
  'dry_run',
]);

/** Inputs read one entry per line: a repeated flag adds a line (`--env-vars A=1 --env-vars B=2`). */
export const MULTILINE_INPUTS: ReadonlySet<string> = new Set([
  'build_args',
  'dockerfile_ignore',
  'build_secrets',
  'env_vars',
  'secrets',
  'labels',
  'container_command',
  'container_args',
  'preview_env_vars',
  'preview_secrets',
  'shared',
]);

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
