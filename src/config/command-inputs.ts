/**
 * Which inputs each command reads. A command never parses an input it does not use, so a closed PR is
 * cleaned up with nothing checked out (`smoke: .github/smoke.yml` or `template_file` need no file then).
 */
import type { InputReader } from './config.js';

type RunCommand = 'preview' | 'candidate' | 'promote' | 'cleanup' | 'rollback';

const COMMON = ['command', 'project_id', 'region', 'service', 'services', 'github_token', 'comment'];
const REPORT = ['fail_on_comment_error', 'environment', 'timeout'];
const REGISTRY = ['repository', 'image_name', 'registry_host'];
export const BUILD = [
  'image',
  'context',
  'dockerfile',
  'target',
  'platform',
  'build_args',
  'build_secrets',
  'dockerfile_checks',
  'dockerfile_ignore',
];
export const BUILDER = ['builder', 'cache'];
export const DEPLOY = [
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
];
/** What sets a PR's preview apart from production: its cost profile, identity and data (preview-profile.ts). */
export const PREVIEW = [
  'preview_min_instances',
  'preview_max_instances',
  'preview_service_account',
  'preview_env_vars',
  'preview_secrets',
  'isolation',
  'shared',
];
export const CHECKS = [
  'health_path',
  'health_status',
  'health_timeout',
  'smoke',
  'smoke_script',
  'check_auth',
  'access',
];

/** The preview against a baseline (compare-inputs.ts): previews only. */
export const COMPARE = ['compare', 'regression', 'regression_mode'];

export const INPUTS_OF: Record<RunCommand, ReadonlySet<string>> = {
  preview: new Set([
    ...COMMON,
    ...REPORT,
    ...REGISTRY,
    ...BUILD,
    ...BUILDER,
    ...DEPLOY,
    ...PREVIEW,
    ...CHECKS,
    ...COMPARE,
    'tag',
    'rollback_on_failure',
  ]),
  // A push to the default branch: built and deployed with production settings, checked at 0 % under the
  // candidate tag, for a release to promote.
  candidate: new Set([
    ...COMMON,
    ...REPORT,
    ...REGISTRY,
    ...BUILD,
    ...BUILDER,
    ...DEPLOY,
    ...CHECKS,
    'candidate_tag',
  ]),
  // A promotion by digest names an image in the registry (or beside a prebuilt `image`); it builds nothing.
  promote: new Set([
    ...COMMON,
    ...REPORT,
    ...REGISTRY,
    'image',
    ...DEPLOY,
    ...CHECKS,
    'promote_from',
    'canary',
    'prev_tag',
    'candidate_tag',
  ]),
  rollback: new Set([...COMMON, ...REPORT, ...CHECKS, 'prev_tag']),
  cleanup: new Set([...COMMON, ...REPORT, ...REGISTRY, 'image', 'tag', 'stale', 'dry_run']),
};

/** A reader of the inputs every command reads: checked before the event is, so they fail first. */
export function commonInputs(read: InputReader): InputReader {
  return (name) => (COMMON.includes(name) ? read(name) : '');
}

/** A reader that answers '' (the default) for every input the command does not use. */
export function inputsFor(command: RunCommand, read: InputReader): InputReader {
  const used = INPUTS_OF[command];
  return (name) => (used.has(name) ? read(name) : '');
}
