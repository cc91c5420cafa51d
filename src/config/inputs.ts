/**
 * The action's inputs, declared once: for each, the commands that read it, its group, how the CLI takes it,
 * its default and description (action.yml's, held equal by test/unit/config/inputs.test.ts) and its parser.
 * parseConfig, the per-command input sets, the environment file's service inputs, the CLI's flags and help,
 * and (through action.yml) the README's inputs table all derive from this table.
 *
 * Every given input is parsed on every run, whichever command runs: a parser checks syntax only and never
 * reads a file, so a preview refuses `canary: 0` as a release would. Reading files (template_file, a smoke
 * file, smoke_script) waits for the command that uses them (config.ts).
 */
import { DOCTOR_MODES } from '../build/doctor/rules.js';
import { requireImageReference } from '../cloudrun/naming.js';
import {
  labelValues,
  parseBoolean,
  parseCanarySteps,
  parseCpu,
  parseDuration,
  parseEnum,
  parseInteger,
  parseKeyValues,
  parseMemory,
  parseNames,
  parseRuleIds,
  parseSecrets,
  parseStatuses,
  commandLine,
  withoutReservedNames,
} from './parsers.js';
import { smokeSyntax } from './smoke-source.js';
import { COMPARE_MODES, REGRESSION_MODES } from './compare-inputs.js';
import { parseRegressionThresholds } from '../checks/regression-thresholds.js';
import { UserError } from './user-error.js';

export const COMMANDS = ['auto', 'preview', 'candidate', 'promote', 'cleanup', 'rollback', 'build'] as const;
export type CommandInput = (typeof COMMANDS)[number];
/** The commands that run (`auto` resolves to one of them from the event). */
export type RunCommand = Exclude<CommandInput, 'auto'>;
export const RUN_COMMANDS: readonly RunCommand[] = [
  'preview',
  'candidate',
  'promote',
  'cleanup',
  'rollback',
  'build',
];

export const BUILDERS = ['auto', 'buildx', 'docker', 'buildah'] as const;
export const CACHES = ['registry', 'gha', 'none'] as const;
/** auto: an ID token when the service is private (no allUsers invoker, invoker IAM on), none when public. */
export const CHECK_AUTH = ['auto', 'none', 'id-token'] as const;
/** Who may invoke a service the action creates: IAM-checked callers, everyone, or people signed in through IAP. */
export const ACCESS = ['private', 'public', 'iap'] as const;
export type Access = (typeof ACCESS)[number];
/** What a preview does with production data connections it would inherit (data-connections.ts). */
export const ISOLATION = ['warn', 'strict', 'off'] as const;
export type Isolation = (typeof ISOLATION)[number];
export const UPDATE_STRATEGIES = ['merge', 'overwrite'] as const;

/** Reads one input as the runner passes it; empty string when unset. */
export type InputReader = (name: string) => string;

/**
 * Where an input belongs: the environment file lets a service set the build, builder, deploy, preview and
 * checks groups for itself (environment-file.ts); the rest are the run's.
 */
export type InputGroup =
  | 'common'
  | 'report'
  | 'registry'
  | 'build'
  | 'builder'
  | 'tag'
  | 'deploy'
  | 'preview'
  | 'checks'
  | 'outcome'
  | 'promote'
  | 'cleanup'
  | 'data';

/** One input: everything the action, the CLI, the README and the parser know about it. */
export interface InputRow<T> {
  group: InputGroup;
  /** The commands that use it; the others check its syntax and otherwise ignore it. */
  commands: readonly RunCommand[];
  /** How the CLI takes it: `--dry-run` alone means true; a repeated `--env-vars` adds a line. */
  form?: 'boolean' | 'lines';
  /** Required in action.yml. */
  required?: true;
  /** Refused when empty, with this as what is allowed (also for `service`, which an environment supplies). */
  whenMissing?: string;
  /** action.yml's default; parsed, it is the value when the input is unset or its command does not read it. */
  default?: string;
  /** The default is an expression the runner evaluates (`${{ github.token }}`): unset means empty here. */
  runnerDefault?: true;
  description: string;
  /** Checks the trimmed, non-empty value's syntax and returns its typed value; never reads a file. */
  parse: (name: string, raw: string) => T;
}

const ALL = RUN_COMMANDS;
/** Commands that name an image in the registry: built, promoted by digest, or pruned. */
const REGISTRY_USERS: readonly RunCommand[] = ['preview', 'candidate', 'promote', 'cleanup'];
const BUILDS: readonly RunCommand[] = ['preview', 'candidate', 'build'];
const DEPLOYS: readonly RunCommand[] = ['preview', 'candidate', 'promote'];
const CHECKS: readonly RunCommand[] = ['preview', 'candidate', 'promote', 'rollback'];

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+\d+$/;
const SERVICE = /^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/;
const REPOSITORY = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IMAGE_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const PATH = /^\/(?!\/)[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;
const TAG_TEMPLATE = /^[a-z0-9{}-]+$/;
const SHORT_TAG = /^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/;
const SERVICE_ACCOUNT =
  /^[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$|^\d+-compute@developer\.gserviceaccount\.com$/;

/** A value that must match `re`; the message says what is allowed. */
const matching =
  (re: RegExp, allowed: string) =>
  (name: string, raw: string): string => {
    if (!re.test(raw)) throw UserError.forInput(name, raw, allowed);
    return raw;
  };
const integer =
  (min: number, max: number) =>
  (name: string, raw: string): number =>
    parseInteger(name, raw, min, max);
const text = (_name: string, raw: string): string => raw;

/** Every input, in action.yml's order. */
export const INPUTS = {
  command: {
    group: 'common',
    commands: ALL,
    default: 'auto',
    description:
      "What to do: auto | preview | candidate | promote | cleanup | rollback | build. auto derives it from the event (pull_request opened/synchronize/reopened -> preview, closed -> cleanup; a push to the default branch -> candidate; tag push, release or workflow_dispatch with a tag -> promote). build (a fork PR's unprivileged job) builds the image into an OCI archive without any credentials, for a workflow_run job to preview with image_archive.",
    parse: (n, v) => parseEnum(n, v, COMMANDS),
  },
  project_id: {
    group: 'common',
    commands: ALL,
    required: true,
    whenMissing: 'a Google Cloud project ID (6-30 lowercase letters, digits, hyphens)',
    description: 'Google Cloud project ID.',
    parse: matching(PROJECT_ID, 'a Google Cloud project ID (6-30 lowercase letters, digits, hyphens)'),
  },
  region: {
    group: 'common',
    commands: ALL,
    default: 'us-central1',
    description: 'Cloud Run region.',
    parse: matching(REGION, 'a Cloud Run region such as us-central1'),
  },
  service: {
    group: 'common',
    commands: ALL,
    // Optional in action.yml only because an environment names its services in `services` instead.
    whenMissing:
      'a Cloud Run service name (lowercase letters, digits and hyphens, starting with a letter, at most 49 characters)',
    description:
      'Cloud Run service name (created on first deploy when missing). Required unless `services` is set.',
    parse: matching(
      SERVICE,
      'a Cloud Run service name (lowercase letters, digits and hyphens, starting with a letter, at most 49 characters)',
    ),
  },
  services: {
    group: 'common',
    commands: ALL,
    description:
      'An environment of several services previewed together: the path of a YAML file (such as .github/gcp-deploy.yml) or the YAML itself. Each service sets its own inputs and `needs`; see the README.',
    parse: text,
  },
  image: {
    group: 'build',
    commands: REGISTRY_USERS,
    description:
      'A prebuilt image to deploy instead of building one. Its digest is resolved and deployed, never the tag.',
    parse: (_n, v) => requireImageReference(v),
  },
  image_archive: {
    group: 'build',
    commands: ['preview', 'build'],
    description:
      "Fork PRs. With command: build, where to write the image's OCI archive (its metadata goes beside it as <path>.json); output image_archive. With command: preview in a workflow_run job, the downloaded archive to push and preview: deployed only when a maintainer approved the PR's exact head commit, with preview_service_account set and isolation: strict.",
    parse: matching(/^[^\0\n]+$/, 'allowed: a file path'),
  },
  repository: {
    group: 'registry',
    commands: REGISTRY_USERS,
    default: 'gcp-deploy',
    description: 'Artifact Registry repository that receives built images (created when missing).',
    parse: matching(REPOSITORY, 'allowed: an Artifact Registry repository ID (lowercase, digits, hyphens)'),
  },
  image_name: {
    group: 'registry',
    commands: REGISTRY_USERS,
    description: 'Image name inside the repository. Defaults to the service name.',
    parse: matching(IMAGE_NAME, 'allowed: a lowercase Docker image path such as web or team/web'),
  },
  registry_host: {
    group: 'registry',
    commands: REGISTRY_USERS,
    description: 'Registry host override. Defaults to REGION-docker.pkg.dev.',
    parse: matching(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'allowed: a host or host:port'),
  },
  context: {
    group: 'build',
    commands: BUILDS,
    default: '.',
    description: 'Docker build context.',
    parse: text,
  },
  dockerfile: {
    group: 'build',
    commands: BUILDS,
    description: 'Path of the Dockerfile. Defaults to Dockerfile in the context.',
    parse: text,
  },
  target: {
    group: 'build',
    commands: BUILDS,
    description: 'Build stage to build.',
    parse: matching(/^[A-Za-z0-9_.-]+$/, 'allowed: a build stage name'),
  },
  platform: {
    group: 'build',
    commands: BUILDS,
    description: 'Target platform, such as linux/amd64.',
    parse: matching(/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/, 'allowed: one platform such as linux/amd64'),
  },
  build_args: {
    group: 'build',
    commands: BUILDS,
    form: 'lines',
    description: 'Build arguments, KEY=VALUE one per line.',
    parse: (n, v) => parseKeyValues(n, v),
  },
  build_secrets: {
    group: 'build',
    commands: BUILDS,
    form: 'lines',
    description: 'Build secrets, id=value one per line; mounted for the build only, never stored in a layer.',
    parse: (n, v) => parseKeyValues(n, v, /^[A-Za-z0-9_.-]+$/, true),
  },
  dockerfile_checks: {
    group: 'build',
    commands: BUILDS,
    default: 'warn',
    description:
      "The Dockerfile doctor, before the build and on the pushed image: warn (annotations on the Dockerfile's lines, an Image section in the comment) | error (fail before building, naming each finding) | off. See the rule table in the README.",
    parse: (n, v) => parseEnum(n, v, DOCTOR_MODES),
  },
  dockerfile_ignore: {
    group: 'build',
    commands: BUILDS,
    form: 'lines',
    description:
      'Doctor rules to skip, by id (comma-separated or one per line), such as root-user. A "# gcp-deploy: ignore=<id> <reason>" comment above a Dockerfile line skips a rule there.',
    parse: parseRuleIds,
  },
  builder: {
    group: 'builder',
    commands: BUILDS,
    default: 'auto',
    description:
      "auto | buildx | docker | buildah. auto picks buildx when it works, then the engine's BuildKit builder, then buildah.",
    parse: (n, v) => parseEnum(n, v, BUILDERS),
  },
  cache: {
    group: 'builder',
    commands: BUILDS,
    default: 'registry',
    description:
      'Layer cache: registry (a :buildcache image next to the image) | gha (buildx only, scoped per image) | none.',
    parse: (n, v) => parseEnum(n, v, CACHES),
  },
  tag: {
    group: 'tag',
    commands: ['preview', 'cleanup'],
    default: 'pr-{number}',
    description:
      'Cloud Run traffic tag for the preview. {number} is the PR number, {branch} the sanitised branch name.',
    parse: matching(
      TAG_TEMPLATE,
      'allowed: a Cloud Run tag or template of lowercase letters, digits, hyphens, {number} and {branch}',
    ),
  },
  env_vars: {
    group: 'deploy',
    commands: DEPLOYS,
    form: 'lines',
    description:
      'Environment variables for the revision, KEY=VALUE one per line, applied over the ones the service already has. Previews also get PREVIEW_ID, PREVIEW_TAG, PREVIEW_PR and PREVIEW_SHA; promotions never carry them.',
    parse: (n, v) => withoutReservedNames(n, parseKeyValues(n, v, ENV_KEY)),
  },
  env_vars_update_strategy: {
    group: 'deploy',
    commands: DEPLOYS,
    default: 'merge',
    description:
      "merge keeps the service's other env vars and sets these over them; overwrite keeps only the env_vars given (secret references are governed by secrets_update_strategy).",
    parse: (n, v) => parseEnum(n, v, UPDATE_STRATEGIES),
  },
  secrets: {
    group: 'deploy',
    commands: DEPLOYS,
    form: 'lines',
    description:
      'Secret Manager secrets, one per line, as environment variables (ENV=SECRET[:VERSION]) or mounted files (/dir/file=SECRET[:VERSION]).',
    parse: parseSecrets,
  },
  secrets_update_strategy: {
    group: 'deploy',
    commands: DEPLOYS,
    default: 'merge',
    description:
      "merge keeps the service's other secret env vars and secret mounts of the deployed container; overwrite keeps only the secrets given.",
    parse: (n, v) => parseEnum(n, v, UPDATE_STRATEGIES),
  },
  labels: {
    group: 'deploy',
    commands: DEPLOYS,
    form: 'lines',
    description: "Extra revision labels, key=value one per line, over the ones the service's template has.",
    parse: (n, v) => labelValues(n, parseKeyValues(n, v, LABEL_KEY)),
  },
  container: {
    group: 'deploy',
    commands: DEPLOYS,
    description:
      'Name of the container this run deploys, for a multi-container service. Default the ingress container (the one with a port). Sidecars keep their own images.',
    parse: matching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'allowed: a container name (a DNS label)'),
  },
  template_file: {
    group: 'deploy',
    commands: DEPLOYS,
    description:
      "A Cloud Run v2 RevisionTemplate (or a v2 Service whose template is used) in YAML or JSON, for settings no input covers; applied over the service's template and under the inputs. The deployed container's image is always this run's. Unknown fields are errors.",
    parse: text,
  },
  cpu: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'CPU limit (1, 2, 4, 6, 8, or below one such as 500m).',
    parse: parseCpu,
  },
  memory: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'Memory limit such as 512Mi or 2Gi.',
    parse: parseMemory,
  },
  concurrency: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'Maximum concurrent requests per instance.',
    parse: integer(1, 1000),
  },
  min_instances: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'Minimum instances of the revision.',
    parse: integer(0, 1000),
  },
  max_instances: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'Maximum instances of the revision.',
    parse: integer(1, 1000),
  },
  cpu_boost: {
    group: 'deploy',
    commands: DEPLOYS,
    form: 'boolean',
    description: 'Startup CPU boost (true or false).',
    parse: parseBoolean,
  },
  service_account: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'Service account the revision runs as.',
    parse: matching(
      SERVICE_ACCOUNT,
      'allowed: a service account email such as runner@my-project.iam.gserviceaccount.com',
    ),
  },
  request_timeout: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'Request timeout of the revision, such as 300s.',
    parse: (n, v) => Math.round(parseDuration(n, v, 3_600_000) / 1000),
  },
  port: {
    group: 'deploy',
    commands: DEPLOYS,
    description: 'Container port (PORT). Defaults to 8080.',
    parse: integer(1, 65535),
  },
  container_command: {
    group: 'deploy',
    commands: DEPLOYS,
    form: 'lines',
    description:
      "Container entrypoint override: one argument per line, or one line split at spaces with quotes grouping (sh -c 'echo hi').",
    parse: commandLine,
  },
  container_args: {
    group: 'deploy',
    commands: DEPLOYS,
    form: 'lines',
    description:
      "Container arguments override: one argument per line, or one line split at spaces with quotes grouping ('--name=a b').",
    parse: commandLine,
  },
  preview_min_instances: {
    group: 'preview',
    commands: ['preview'],
    default: '0',
    description:
      "Minimum instances of a PR's preview revision (0 scales it to zero). Candidates and promotions keep production's scaling and min_instances.",
    parse: integer(0, 1000),
  },
  preview_max_instances: {
    group: 'preview',
    commands: ['preview'],
    default: '2',
    description:
      "Most instances a PR's preview revision may have; production's maximum caps it too. Previews also get CPU only during requests.",
    parse: integer(1, 1000),
  },
  preview_service_account: {
    group: 'preview',
    commands: ['preview'],
    description:
      "Service account PR previews run as. Unset, they run as production's identity, and the log and the comment say so.",
    parse: matching(
      SERVICE_ACCOUNT,
      'allowed: a service account email such as preview-runner@my-project.iam.gserviceaccount.com',
    ),
  },
  preview_env_vars: {
    group: 'preview',
    commands: ['preview'],
    form: 'lines',
    description:
      'Environment variables for PR previews only, KEY=VALUE one per line, over env_vars and what production has (a preview database, say).',
    parse: (n, v) => withoutReservedNames(n, parseKeyValues(n, v, ENV_KEY)),
  },
  preview_secrets: {
    group: 'preview',
    commands: ['preview'],
    form: 'lines',
    description:
      'Secret Manager secrets for PR previews only, in the grammar of secrets (ENV=SECRET[:VERSION] or /dir/file=SECRET[:VERSION]).',
    parse: parseSecrets,
  },
  isolation: {
    group: 'preview',
    commands: ['preview'],
    default: 'warn',
    description:
      "warn | strict | off. What to do when a preview would inherit production's data connections (data-store URLs, Cloud SQL, connection variables, secrets): warn notes each in the log and the comment; strict fails before anything is built, naming each with its fix.",
    parse: (n, v) => parseEnum(n, v, ISOLATION),
  },
  shared: {
    group: 'preview',
    commands: ['preview'],
    form: 'lines',
    description:
      'Env var or volume names a preview may share with production on purpose, separated by commas or new lines (such as a read-only feature-flag service).',
    parse: parseNames,
  },
  health_path: {
    group: 'checks',
    commands: CHECKS,
    default: '/',
    description: 'Path that must answer before the preview counts as up.',
    parse: matching(PATH, "allowed: a URL path starting with a single '/'"),
  },
  health_status: {
    group: 'checks',
    commands: CHECKS,
    default: '200',
    description: 'Accepted health status codes, comma-separated.',
    parse: parseStatuses,
  },
  health_timeout: {
    group: 'checks',
    commands: CHECKS,
    default: '120s',
    description: 'How long to wait for the health path, such as 120s.',
    parse: (n, v) => parseDuration(n, v),
  },
  smoke: {
    group: 'checks',
    commands: CHECKS,
    description:
      'k6-style options (JSON or YAML, inline or a file path): vus/duration, stages, iterations or scenarios, thresholds, and the requests to send with their checks.',
    parse: smokeSyntax,
  },
  smoke_script: {
    group: 'checks',
    commands: CHECKS,
    description:
      'A k6 script to run with the real k6 binary (BASE_URL is the preview URL). k6 must be on PATH.',
    parse: text,
  },
  compare: {
    group: 'checks',
    commands: ['preview'],
    default: 'off',
    description:
      "off | production | candidate. Compare the preview with a baseline after its checks: production (a revision of production's digest and template with the preview profile, tagged baseline, at 0 %; production's own traffic and instances get no request) or candidate (the candidate of the PR's base commit). The smoke scenario runs in interleaved rounds against both; the comment shows p50/p95/p99, error rate and throughput with confidence intervals.",
    parse: (n, v) => parseEnum(n, v, COMPARE_MODES),
  },
  regression: {
    group: 'checks',
    commands: ['preview'],
    description:
      "Regression thresholds against the baseline (YAML), e.g. {http_req_duration: ['p(95) +20%', 'p(99) +50ms'], http_req_failed: ['rate +0.01'], http_reqs: ['rate -10%']}. A change beyond its allowance and outside the noise fails the checks (and the preview rolls back), unless regression_mode is report. Needs compare.",
    // The grammar is checked here; that it needs a baseline, by compareSettings (compare-inputs.ts).
    parse: (_n, v) => parseRegressionThresholds(v),
  },
  regression_mode: {
    group: 'checks',
    commands: ['preview'],
    default: 'fail',
    description:
      'fail | report. With report, failing regression thresholds are shown but do not fail the checks.',
    parse: (n, v) => parseEnum(n, v, REGRESSION_MODES),
  },
  access: {
    group: 'checks',
    commands: CHECKS,
    default: 'private',
    description:
      "private | public | iap. Who may open a service this action creates: private (callers with roles/run.invoker, the Cloud Run default), public (allUsers get roles/run.invoker, as gcloud's --allow-unauthenticated does) or iap (IAP on: people sign in with Google). An existing service's access is never widened.",
    parse: (n, v) => parseEnum(n, v, ACCESS),
  },
  check_auth: {
    group: 'checks',
    commands: CHECKS,
    default: 'auto',
    description:
      'auto | none | id-token. auto sends a Google ID token when the service is private and none when it is public; id-token and none force it.',
    parse: (n, v) => parseEnum(n, v, CHECK_AUTH),
  },
  comment: {
    group: 'common',
    commands: ALL,
    form: 'boolean',
    default: 'true',
    description: 'Keep one sticky comment with the preview URL and check results on the pull request.',
    parse: parseBoolean,
  },
  fail_on_comment_error: {
    group: 'report',
    commands: ALL,
    form: 'boolean',
    default: 'false',
    description: 'Fail the step when the comment or deployment cannot be written (by default a warning).',
    parse: parseBoolean,
  },
  github_token: {
    group: 'common',
    // A fork's build runs with no token at all: it neither needs nor reads one.
    commands: ALL.filter((c) => c !== 'build'),
    default: '${{ github.token }}',
    // The runner evaluates the default; outside Actions an unset token means no GitHub reports.
    runnerDefault: true,
    description:
      'Token for the PR comment, deployments and the commit status. Needs pull-requests, deployments and statuses write.',
    parse: text,
  },
  environment: {
    group: 'report',
    commands: ALL,
    description:
      'GitHub deployment environment. Defaults to preview/pr-<number> for previews and production for promotions.',
    parse: matching(/^[^\s<>]{1,255}$/, 'allowed: an environment name without spaces'),
  },
  rollback_on_failure: {
    group: 'outcome',
    commands: ['preview'],
    form: 'boolean',
    default: 'true',
    description: 'Point the PR tag back to the last good revision when a new one fails its checks.',
    parse: parseBoolean,
  },
  timeout: {
    group: 'report',
    commands: ALL,
    default: '30m',
    description: 'Deadline for the whole run, such as 15m.',
    parse: (n, v) => parseDuration(n, v, 6 * 3_600_000),
  },
  promote_from: {
    group: 'promote',
    commands: ['promote'],
    description:
      'Revision to promote: tag:NAME (such as tag:pr-42), sha:COMMIT, or digest:sha256:HEX. Defaults to the release tag.',
    parse: matching(
      /^((tag:)?[a-z][a-z0-9-]{0,45}|sha:[0-9a-f]{7,40}|digest:sha256:[0-9a-f]{64})$/,
      'allowed: tag:NAME, sha:COMMIT or digest:sha256:HEX',
    ),
  },
  canary: {
    group: 'promote',
    commands: ['promote'],
    default: '100',
    description:
      'Traffic steps for a promotion, such as 10,50,100. Each step is checked; a failure restores the saved traffic.',
    parse: (n, v) => parseCanarySteps(n, v),
  },
  prev_tag: {
    group: 'promote',
    commands: ['promote', 'rollback'],
    default: 'prev',
    description:
      'Tag kept on the previous production revision after a promotion, for an instant manual rollback.',
    parse: matching(SHORT_TAG, 'allowed: a short DNS label such as prev'),
  },
  candidate_tag: {
    group: 'promote',
    commands: ['candidate', 'promote'],
    default: 'candidate',
    description:
      'Tag of the release candidate, the new production-settings revision a promotion deploys and checks at 0 % before any traffic moves.',
    parse: matching(SHORT_TAG, 'allowed: a short DNS label such as candidate'),
  },
  stale: {
    group: 'cleanup',
    commands: ['cleanup'],
    description:
      "The previews' time to live, such as 7d. A `schedule` run with command auto removes previews not deployed for longer than this, and every leftover of a closed PR (without stale, only those); with cleanup, also sweep previews untouched for longer than this.",
    parse: (n, v) => parseDuration(n, v, 3650 * 86_400_000),
  },
  dry_run: {
    group: 'cleanup',
    commands: ['cleanup'],
    form: 'boolean',
    default: 'false',
    description: 'With cleanup or a scheduled sweep, list what would be deleted and change nothing.',
    parse: parseBoolean,
  },
  preview_label: {
    group: 'common',
    commands: ['preview', 'cleanup'],
    description:
      'Only PRs carrying this label get previews (labeling deploys, removing the label cleans up, a push to an unlabeled PR does nothing). Unset, every PR push previews.',
    // GitHub's label names: at most 50 characters, any but control characters.
    parse: matching(/^[^\p{Cc}]{1,50}$/u, 'allowed: a GitHub label name of at most 50 characters'),
  },
  max_previews: {
    group: 'outcome',
    commands: ['preview'],
    description:
      "At most this many PR previews per service (or per environment, with services). A preview that passes beyond it evicts the least recently deployed one, and both PRs' comments say so. Unset, no cap.",
    parse: integer(1, 1000),
  },
  // Per-PR data: checked together by parseDataSettings (data/data-settings.ts), since most rules join several
  // inputs, and the URLs are secrets that no message may quote.
  database_url: {
    group: 'data',
    commands: ['preview', 'cleanup'],
    description:
      "Per-PR data: an admin connection to the shared PostgreSQL server, reachable from the runner (or, with database_admin_image, from the service's VPC) (postgres://admin:PASSWORD@HOST:PORT/DB; for Cloud SQL, the Cloud SQL Auth Proxy started in an earlier step). A secret: masked, never stored in a revision. Each PR's preview gets its own database (or schema) and role; the connection goes to Secret Manager and the revision references it. Unreachable from the runner, the run fails before the build.",
    parse: text,
  },
  database_template: {
    group: 'data',
    commands: ['preview', 'cleanup'],
    description:
      "A database each PR's database is copied from (CREATE DATABASE ... TEMPLATE); unset, it starts empty.",
    parse: text,
  },
  database_isolation: {
    group: 'data',
    commands: ['preview', 'cleanup'],
    default: 'database',
    description:
      "database | schema. One database per PR, or one schema per PR in database_url's database (reached through search_path).",
    parse: text,
  },
  database_env: {
    group: 'data',
    commands: ['preview'],
    description:
      "How the app finds its database. Unset: DATABASE_URL is rewritten (production's host and options, this PR's database, user and password). A name (APP_DB_URL) rewrites that variable instead; pairs name=DB_NAME,user=DB_USER,password=DB_PASSWORD set split variables (the password as a secret).",
    parse: text,
  },
  database_reset: {
    group: 'data',
    commands: ['preview'],
    form: 'boolean',
    default: 'false',
    description: "Drop this PR's database and create it again from the template (and seed it again).",
    parse: parseBoolean,
  },
  database_from: {
    group: 'data',
    commands: ['preview', 'cleanup'],
    description:
      'In an environment, the service whose per-PR database this one uses (it provisions and migrates; list it in needs).',
    parse: text,
  },
  database_admin_image: {
    group: 'data',
    commands: ['preview', 'cleanup'],
    description:
      "For a server reachable only inside the VPC (private-IP Cloud SQL): an image holding sh and psql (such as postgres:16-alpine in your registry). The per-PR provisioning and drops then run as a Cloud Run job with the service's own VPC and Cloud SQL settings, and the runner never connects; database_url is what the job connects with, passed to it as a Secret Manager reference.",
    parse: text,
  },
  database_admin_service_account: {
    group: 'data',
    commands: ['preview', 'cleanup'],
    description:
      "With database_admin_image: the service account the admin job runs as, and the only identity granted the job's secrets (database_url among them). Unset, the job runs as the preview's identity, which the PR's code also runs as, so that code could read database_url while the job runs.",
    parse: matching(
      SERVICE_ACCOUNT,
      'allowed: a service account email such as db-admin@my-project.iam.gserviceaccount.com',
    ),
  },
  migrate_command: {
    group: 'data',
    commands: ['preview'],
    description:
      "Command run as a Cloud Run job made from the preview revision (same image, env, secrets, identity, network) before the PR's tag moves, such as ./migrate up. A failure fails the preview in its migrate phase.",
    parse: commandLine,
  },
  seed_command: {
    group: 'data',
    commands: ['preview'],
    description: 'Command run the same way once, after the first migration of a new database.',
    parse: commandLine,
  },
  cache_url: {
    group: 'data',
    commands: ['preview', 'cleanup'],
    description:
      "A Redis admin connection reachable from the runner (a secret). Each preview gets the key prefix '<service>:pr-<n>:' in cache_env, and cleanup deletes its keys.",
    parse: text,
  },
  cache_env: {
    group: 'data',
    commands: ['preview'],
    default: 'REDIS_PREFIX',
    description: "The variable the preview's cache key prefix goes in.",
    parse: text,
  },
} satisfies Record<string, InputRow<unknown>>;

export type InputName = keyof typeof INPUTS;
export const INPUT_NAMES = Object.keys(INPUTS) as InputName[];

type ValueOf<R> = R extends { parse: (name: string, raw: string) => infer T }
  ? R extends { default: string }
    ? T
    : T | undefined
  : never;

/** Every input's typed value: parsed when given, else its default's (undefined when it has none). */
export type InputValues = { [K in InputName]: ValueOf<(typeof INPUTS)[K]> };

/** One input's row, without its value's type (for the code that treats every input alike). */
export const row = (name: InputName): InputRow<unknown> =>
  (INPUTS as Record<InputName, InputRow<unknown>>)[name];

/** Whether `name` is one of the action's inputs. */
export const isInputName = (name: string): name is InputName => name in INPUTS;

/** The inputs `command` reads (every input for `auto`, which has not chosen yet). */
export function inputsOf(command: CommandInput): ReadonlySet<InputName> {
  return new Set(INPUT_NAMES.filter((n) => command === 'auto' || row(n).commands.includes(command)));
}

/** The inputs of some groups, in table order (the environment file's per-service inputs). */
export function inputsInGroups(...groups: InputGroup[]): InputName[] {
  return INPUT_NAMES.filter((n) => groups.includes(row(n).group));
}

function unsetValue(name: InputName): unknown {
  const r = row(name);
  if (r.runnerDefault === true) return '';
  return r.default === undefined ? undefined : r.parse(name, r.default);
}

/**
 * Parses every input given to the run, in table order (`command` first, so a typo there is reported before
 * anything else): the first bad one throws UserError. The inputs the command does not read keep their
 * defaults once their syntax is checked, so a preview refuses `canary: 0` but never uses it.
 */
export function readInputs(read: InputReader): InputValues {
  const out: Record<string, unknown> = {};
  let used: ReadonlySet<InputName> = inputsOf('auto');
  for (const name of INPUT_NAMES) {
    const given = read(name).trim();
    const r = row(name);
    if (given === '' && r.whenMissing !== undefined) {
      throw new UserError(`Input '${name}' is required: ${r.whenMissing}.`, name);
    }
    const value = given === '' ? unsetValue(name) : r.parse(name, given);
    out[name] = used.has(name) ? value : unsetValue(name);
    if (name === 'command') used = inputsOf(value as CommandInput);
  }
  return out as InputValues;
}

/**
 * The reader a resolved command runs with: `command` answers the command the event chose (`auto` became
 * `preview`, say), every other input as given.
 */
export function withCommand(command: RunCommand, read: InputReader): InputReader {
  return (name) => (name === 'command' ? command : read(name));
}
