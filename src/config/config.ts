import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { exposedCredentialFiles } from './credential-files.js';
import type { SmokeOptions } from '../checks/smoke-options.js';
import { loadSmokeOptions } from '../checks/smoke-options.js';
import { parseCompareSettings, type CompareSettings } from './compare-inputs.js';
import {
  parseBoolean,
  parseCanarySteps,
  parseCpu,
  parseDuration,
  parseEnum,
  parseInteger,
  parseKeyValues,
  parseMemory,
} from './parsers.js';
import { parse as parseYaml } from 'yaml';
import type { ApiTemplate } from '../cloudrun/api-mapping.js';
import { requireImageReference } from '../cloudrun/naming.js';
import { UserError, errorMessage } from './user-error.js';
import { DOCTOR_MODES, RULE_IDS, isRuleId, type DoctorMode, type RuleId } from '../build/doctor/rules.js';

export const COMMANDS = ['auto', 'preview', 'candidate', 'promote', 'cleanup', 'rollback'] as const;
export const BUILDERS = ['auto', 'buildx', 'docker', 'buildah'] as const;
export const CACHES = ['registry', 'gha', 'none'] as const;
/** auto: an ID token when the service is private (no allUsers invoker, invoker IAM on), none when public. */
export const CHECK_AUTH = ['auto', 'none', 'id-token'] as const;
/** Who may invoke a service the action creates: IAM-checked callers, everyone, or people signed in through IAP. */
export const ACCESS = ['private', 'public', 'iap'] as const;
export type Access = (typeof ACCESS)[number];

export type CommandInput = (typeof COMMANDS)[number];

/** What a preview does with production data connections it would inherit (data-connections.ts). */
export const ISOLATION = ['warn', 'strict', 'off'] as const;
export type Isolation = (typeof ISOLATION)[number];

export const UPDATE_STRATEGIES = ['merge', 'overwrite'] as const;

/**
 * A Secret Manager reference: as an env var (`ENV=SECRET:VERSION`) or as a file mounted in the container
 * (`/dir/file=SECRET:VERSION`).
 */
export type SecretRef =
  | { kind: 'env'; env: string; secret: string; version: string }
  | { kind: 'file'; path: string; secret: string; version: string };

/**
 * What the inputs set on a revision, declared once: template-merge.ts applies exactly these over the
 * template the service already has; anything left undefined keeps what the service has.
 */
export interface DeploySettings {
  envVars: Record<string, string>;
  /** merge (default): inputs over the existing env; overwrite: only the inputs' plain values remain. */
  envStrategy: (typeof UPDATE_STRATEGIES)[number];
  secrets: SecretRef[];
  secretsStrategy: (typeof UPDATE_STRATEGIES)[number];
  labels: Record<string, string>;
  /** The container to deploy, by name (default: the ingress container). */
  container?: string;
  /** `template_file`: RevisionTemplate fields applied under the inputs (parsed; fields checked in main). */
  templateFile?: ApiTemplate;
  cpu?: string;
  memory?: string;
  concurrency?: number;
  minInstances?: number;
  maxInstances?: number;
  cpuBoost?: boolean;
  serviceAccount?: string;
  requestTimeoutSec?: number;
  port?: number;
  command?: string[];
  args?: string[];
}

/**
 * What sets a PR's preview apart from production (preview-profile.ts applies it over the merged template):
 * candidates and promotions never see any of it.
 */
export interface PreviewSettings {
  /** `preview_min_instances`: 0 unless a warm preview is wanted. */
  minInstances: number;
  /** `preview_max_instances`: the most instances a preview may have (production's max caps it too). */
  maxInstances: number;
  /** `preview_service_account`: the identity previews run as; unset, they run as production's. */
  serviceAccount?: string;
  /** `preview_env_vars`: replace values in previews only. */
  envVars: Record<string, string>;
  /** `preview_secrets`: replace secret references in previews only. */
  secrets: SecretRef[];
  isolation: Isolation;
  /** `shared`: env var or volume names a preview may share with production on purpose. */
  shared: string[];
}

/** Everything the action needs, parsed and validated once. */
export interface Config {
  command: CommandInput;
  projectId: string;
  region: string;
  service: string;
  build: {
    /** A prebuilt image to deploy instead of building (`image` input). */
    prebuiltImage?: string;
    repository: string;
    imageName: string;
    registryHost?: string;
    context: string;
    dockerfile?: string;
    target?: string;
    platform?: string;
    buildArgs: Record<string, string>;
    buildSecrets: Record<string, string>;
    builder: (typeof BUILDERS)[number];
    cache: (typeof CACHES)[number];
  };
  /** The Dockerfile doctor (src/build/doctor): warn, fail before the build, or off; rules skipped by id. */
  doctor: { mode: DoctorMode; ignore: RuleId[] };
  /** Tag template, `pr-{number}` by default; `{branch}` is also allowed. */
  tagTemplate: string;
  deploy: DeploySettings;
  preview: PreviewSettings;
  /** Applied to a service the action creates; an existing service's access is never widened. */
  access: Access;
  checks: {
    healthPath: string;
    healthStatus: number[];
    healthTimeoutMs: number;
    smoke?: SmokeOptions;
    smokeScript?: string;
    auth: (typeof CHECK_AUTH)[number];
    /** The preview against a baseline (issue 31: compare-inputs.ts). */
    compare: CompareSettings;
  };
  github: {
    token: string;
    comment: boolean;
    failOnCommentError: boolean;
    environment?: string;
  };
  rollbackOnFailure: boolean;
  timeoutMs: number;
  promote: {
    /** `tag:pr-42`, `sha:abc1234`, `digest:sha256:...`, or a bare tag. */
    from?: string;
    canary: number[];
    prevTag: string;
    /** The tag a release candidate carries at 0 % while it is checked, before traffic moves. */
    candidateTag: string;
  };
  cleanup: {
    staleMs?: number;
    dryRun: boolean;
  };
}

/** Reads one input as the runner passes it; empty string when unset. */
export type InputReader = (name: string) => string;

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+\d+$/;
const SERVICE = /^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/;
const REPOSITORY = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IMAGE_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const SECRET_KEY = /^([A-Za-z_][A-Za-z0-9_]*|\/[A-Za-z0-9._/-]+)$/;
const SECRET_VALUE =
  /^([a-zA-Z0-9_-]{1,255}|projects\/[^/]+\/secrets\/[a-zA-Z0-9_-]{1,255})(:(latest|\d+))?$/;
const PATH = /^\/(?!\/)[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;
const TAG_TEMPLATE = /^[a-z0-9{}-]+$/;
const SERVICE_ACCOUNT =
  /^[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$|^\d+-compute@developer\.gserviceaccount\.com$/;
/** An env var or a volume name (a DNS label). */
const SHARED_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Builds the one validated config from the inputs; throws UserError for the first bad input. */
export function parseConfig(read: InputReader): Config {
  const get = (name: string): string => read(name).trim();
  const opt = (name: string): string | undefined => get(name) || undefined;
  const matching = (name: string, re: RegExp, allowed: string): string | undefined => {
    const v = opt(name);
    if (v !== undefined && !re.test(v)) throw UserError.forInput(name, v, allowed);
    return v;
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const v = opt(name);
    return v === undefined ? dflt : parseBoolean(name, v);
  };
  const int = (name: string, min: number, max: number): number | undefined => {
    const v = opt(name);
    return v === undefined ? undefined : parseInteger(name, v, min, max);
  };

  // The command first, so a typo there is reported before anything else.
  const command = parseEnum('command', get('command') || 'auto', COMMANDS);
  const required = (name: string, re: RegExp, allowed: string): string => {
    const v = matching(name, re, allowed);
    if (v === undefined) throw new UserError(`Input '${name}' is required: ${allowed}.`, name);
    return v;
  };
  const projectId = required(
    'project_id',
    PROJECT_ID,
    'a Google Cloud project ID (6-30 lowercase letters, digits, hyphens)',
  );
  const service = required(
    'service',
    SERVICE,
    'a Cloud Run service name (lowercase letters, digits and hyphens, starting with a letter, at most 49 characters)',
  );
  const region = matching('region', REGION, 'a Cloud Run region such as us-central1') ?? 'us-central1';

  // Only a digest pins what was checked: a tag is resolved to its digest before the deploy (image-port.ts).
  const prebuiltImage = opt('image') === undefined ? undefined : requireImageReference(get('image'));
  const repository =
    matching(
      'repository',
      REPOSITORY,
      'allowed: an Artifact Registry repository ID (lowercase, digits, hyphens)',
    ) ?? 'gcp-deploy';
  const imageName =
    matching('image_name', IMAGE_NAME, 'allowed: a lowercase Docker image path such as web or team/web') ??
    service;
  const registryHost = matching(
    'registry_host',
    /^[A-Za-z0-9.-]+(:\d{1,5})?$/,
    'allowed: a host or host:port',
  );
  const smokeText = opt('smoke');

  const config: Config = {
    command,
    projectId,
    region,
    service,
    build: {
      prebuiltImage,
      repository,
      imageName,
      registryHost,
      context: opt('context') ?? '.',
      dockerfile: opt('dockerfile'),
      target: matching('target', /^[A-Za-z0-9_.-]+$/, 'allowed: a build stage name'),
      platform: matching(
        'platform',
        /^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/,
        'allowed: one platform such as linux/amd64',
      ),
      buildArgs: parseKeyValues('build_args', get('build_args')),
      buildSecrets: parseKeyValues('build_secrets', get('build_secrets'), /^[A-Za-z0-9_.-]+$/, true),
      builder: parseEnum('builder', get('builder') || 'auto', BUILDERS),
      cache: parseEnum('cache', get('cache') || 'registry', CACHES),
    },
    doctor: {
      mode: parseEnum('dockerfile_checks', get('dockerfile_checks') || 'warn', DOCTOR_MODES),
      ignore: parseRuleIds(get('dockerfile_ignore')),
    },
    tagTemplate:
      matching(
        'tag',
        TAG_TEMPLATE,
        'allowed: a Cloud Run tag or template of lowercase letters, digits, hyphens, {number} and {branch}',
      ) ?? 'pr-{number}',
    deploy: {
      envVars: withoutReservedNames('env_vars', parseKeyValues('env_vars', get('env_vars'), ENV_KEY)),
      envStrategy: parseEnum(
        'env_vars_update_strategy',
        get('env_vars_update_strategy') || 'merge',
        UPDATE_STRATEGIES,
      ),
      secrets: parseSecrets('secrets', get('secrets')),
      secretsStrategy: parseEnum(
        'secrets_update_strategy',
        get('secrets_update_strategy') || 'merge',
        UPDATE_STRATEGIES,
      ),
      labels: labelValues(parseKeyValues('labels', get('labels'), LABEL_KEY)),
      container: matching(
        'container',
        /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'allowed: a container name (a DNS label)',
      ),
      templateFile: opt('template_file') === undefined ? undefined : readTemplateFile(get('template_file')),
      cpu: opt('cpu') === undefined ? undefined : parseCpu('cpu', get('cpu')),
      memory: opt('memory') === undefined ? undefined : parseMemory('memory', get('memory')),
      concurrency: int('concurrency', 1, 1000),
      minInstances: int('min_instances', 0, 1000),
      maxInstances: int('max_instances', 1, 1000),
      cpuBoost: opt('cpu_boost') === undefined ? undefined : parseBoolean('cpu_boost', get('cpu_boost')),
      serviceAccount: matching(
        'service_account',
        SERVICE_ACCOUNT,
        'allowed: a service account email such as runner@my-project.iam.gserviceaccount.com',
      ),
      requestTimeoutSec:
        opt('request_timeout') === undefined
          ? undefined
          : Math.round(parseDuration('request_timeout', get('request_timeout'), 3_600_000) / 1000),
      port: int('port', 1, 65535),
      command: splitWords(opt('container_command')),
      args: splitWords(opt('container_args')),
    },
    preview: {
      minInstances: int('preview_min_instances', 0, 1000) ?? 0,
      maxInstances: int('preview_max_instances', 1, 1000) ?? 2,
      serviceAccount: matching(
        'preview_service_account',
        SERVICE_ACCOUNT,
        'allowed: a service account email such as preview-runner@my-project.iam.gserviceaccount.com',
      ),
      envVars: withoutReservedNames(
        'preview_env_vars',
        parseKeyValues('preview_env_vars', get('preview_env_vars'), ENV_KEY),
      ),
      secrets: parseSecrets('preview_secrets', get('preview_secrets')),
      isolation: parseEnum('isolation', get('isolation') || 'warn', ISOLATION),
      shared: parseNames('shared', get('shared')),
    },
    access: parseEnum('access', get('access') || 'private', ACCESS),
    checks: {
      // '//host/x' is protocol-relative: it would send the check (and its token) to another host.
      healthPath: matching('health_path', PATH, "allowed: a URL path starting with a single '/'") ?? '/',
      healthStatus: parseStatuses(get('health_status')),
      healthTimeoutMs:
        opt('health_timeout') === undefined
          ? 120_000
          : parseDuration('health_timeout', get('health_timeout')),
      smoke: smokeText === undefined ? undefined : loadSmokeOptions(smokeText, 'smoke'),
      smokeScript: opt('smoke_script'),
      auth: parseEnum('check_auth', get('check_auth') || 'auto', CHECK_AUTH),
      compare: parseCompareSettings({
        compare: get('compare'),
        regression: get('regression'),
        regressionMode: get('regression_mode'),
      }),
    },
    github: {
      token: get('github_token'),
      comment: bool('comment', true),
      failOnCommentError: bool('fail_on_comment_error', false),
      environment: matching('environment', /^[^\s<>]{1,255}$/, 'allowed: an environment name without spaces'),
    },
    rollbackOnFailure: bool('rollback_on_failure', true),
    timeoutMs:
      opt('timeout') === undefined ? 30 * 60_000 : parseDuration('timeout', get('timeout'), 6 * 3_600_000),
    promote: {
      from: matching(
        'promote_from',
        /^((tag:)?[a-z][a-z0-9-]{0,45}|sha:[0-9a-f]{7,40}|digest:sha256:[0-9a-f]{64})$/,
        'allowed: tag:NAME, sha:COMMIT or digest:sha256:HEX',
      ),
      canary: opt('canary') === undefined ? [100] : parseCanarySteps('canary', get('canary')),
      prevTag:
        matching(
          'prev_tag',
          /^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/,
          'allowed: a short DNS label such as prev',
        ) ?? 'prev',
      candidateTag:
        matching(
          'candidate_tag',
          /^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/,
          'allowed: a short DNS label such as candidate',
        ) ?? 'candidate',
    },
    cleanup: {
      staleMs:
        opt('stale') === undefined ? undefined : parseDuration('stale', get('stale'), 3650 * 86_400_000),
      dryRun: bool('dry_run', false),
    },
  };
  if (config.deploy.minInstances !== undefined && config.deploy.maxInstances !== undefined) {
    if (config.deploy.minInstances > config.deploy.maxInstances) {
      throw UserError.forInput(
        'min_instances',
        String(config.deploy.minInstances),
        `allowed: at most max_instances (${config.deploy.maxInstances})`,
      );
    }
  }
  if (config.preview.minInstances > config.preview.maxInstances) {
    throw UserError.forInput(
      'preview_min_instances',
      String(config.preview.minInstances),
      `allowed: at most preview_max_instances (${config.preview.maxInstances})`,
    );
  }
  if (config.checks.smoke !== undefined && config.checks.smokeScript !== undefined) {
    throw UserError.forInput(
      'smoke_script',
      config.checks.smokeScript,
      'set either smoke or smoke_script, not both',
    );
  }
  if (config.checks.smokeScript !== undefined) assertReadable('smoke_script', config.checks.smokeScript);
  return config;
}

/** `root-user, port-mismatch` or one per line: every id must be a rule's. */
function parseRuleIds(raw: string): RuleId[] {
  const ids = raw.split(/[\s,]+/).filter((s) => s !== '');
  const bad = ids.find((id) => !isRuleId(id));
  if (bad !== undefined)
    throw UserError.forInput('dockerfile_ignore', bad, `allowed: ${RULE_IDS.join(', ')}`);
  return [...new Set(ids)] as RuleId[];
}

function parseSecrets(input: string, raw: string): SecretRef[] {
  const pairs = parseKeyValues(input, raw, SECRET_KEY);
  return Object.entries(pairs).map(([key, value]) => {
    const v = value.trim();
    if (!SECRET_VALUE.test(v)) {
      throw UserError.forInput(
        input,
        `${key}=${v}`,
        'allowed: ENV=SECRET_NAME[:VERSION] or /dir/file=SECRET_NAME[:VERSION], VERSION a number or latest',
      );
    }
    const colon = v.lastIndexOf(':');
    const [secret, version] =
      colon > v.lastIndexOf('/') ? [v.slice(0, colon), v.slice(colon + 1)] : [v, 'latest'];
    if (!key.startsWith('/')) return { kind: 'env', env: key, secret, version };
    if (key.endsWith('/') || key.split('/').length < 3 || key.split('/').includes('..')) {
      throw UserError.forInput(
        input,
        key,
        'allowed: a file path such as /etc/secrets/db-password: a directory under / and a file name, no ..',
      );
    }
    return { kind: 'file', path: key, secret, version };
  });
}

function readTemplateFile(path: string): ApiTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw UserError.forInput('template_file', path, 'allowed: the path of a readable YAML or JSON file');
  }
  try {
    // YAML is a superset of JSON, so one parser reads both.
    return parseYaml(text) as ApiTemplate;
  } catch (err) {
    throw UserError.forInput('template_file', path, `allowed: valid YAML or JSON (${errorMessage(err)})`);
  }
}

/** Names Cloud Run sets itself in every container; a revision that sets them is refused. */
export const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'] as const;

function withoutReservedNames(input: string, env: Record<string, string>): Record<string, string> {
  const bad = Object.keys(env).find((k) => (RESERVED_ENV as readonly string[]).includes(k));
  if (bad !== undefined) {
    throw UserError.forInput(
      input,
      bad,
      `allowed: any name but ${RESERVED_ENV.join(', ')}, which Cloud Run sets itself (use the port input for PORT)`,
    );
  }
  return env;
}

/** Label values as Cloud Run accepts them: at most 63 lowercase letters, digits, '_' and '-'. */
function labelValues(labels: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(labels)) {
    if (!/^[a-z0-9_-]{0,63}$/.test(v)) {
      throw UserError.forInput(
        'labels',
        `${k}=${v}`,
        'allowed: values of at most 63 lowercase letters, digits, _ and -',
      );
    }
  }
  return labels;
}

/** Names separated by commas or new lines (`shared: REDIS_URL, flags`). */
function parseNames(input: string, raw: string): string[] {
  const names = raw
    .split(/[,\n]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const bad = names.find((n) => !SHARED_NAME.test(n));
  if (bad !== undefined) {
    throw UserError.forInput(
      input,
      bad,
      'allowed: env var or volume names (letters, digits, _ and -), separated by commas or new lines',
    );
  }
  return [...new Set(names)];
}

function parseStatuses(raw: string): number[] {
  if (raw.trim() === '') return [200];
  return raw.split(',').map((s) => parseInteger('health_status', s, 100, 599));
}

function splitWords(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  // One argument per line keeps spaces inside arguments intact; a single line splits on spaces.
  return raw.includes('\n')
    ? raw.split(/\r?\n/).filter((s) => s !== '')
    : raw.split(/\s+/).filter((s) => s !== '');
}

function assertReadable(input: string, path: string): void {
  try {
    readFileSync(path);
  } catch {
    throw UserError.forInput(input, path, 'allowed: the path of a readable file');
  }
}

/**
 * The build context and Dockerfile, checked before a build is announced: the context must be a directory
 * and the Dockerfile a file inside it (one outside would make the builder read files the context excludes).
 */
export function checkBuildContext(build: Config['build']): void {
  const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  if (!isDir(build.context)) {
    throw UserError.forInput(
      'context',
      build.context,
      'allowed: an existing directory (is the repository checked out?)',
    );
  }
  const exposed = exposedCredentialFiles(build.context);
  if (exposed.length > 0) {
    throw UserError.forInput(
      'context',
      build.context,
      `it holds ${exposed.join(', ')} (Google credentials written by google-github-actions/auth), which the build would copy into the image; add the line gha-creds-*.json to ${join(build.context, '.dockerignore')}, or build from a subdirectory`,
    );
  }
  const dockerfile = resolve(build.dockerfile ?? resolve(build.context, 'Dockerfile'));
  const rel = relative(resolve(build.context), dockerfile);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`)) {
    throw UserError.forInput(
      'dockerfile',
      build.dockerfile ?? 'Dockerfile',
      `allowed: a file inside the context ${build.context}`,
    );
  }
  if (statSync(dockerfile, { throwIfNoEntry: false })?.isFile() !== true) {
    throw UserError.forInput(
      'dockerfile',
      build.dockerfile ?? rel,
      `allowed: an existing file inside the context ${build.context}`,
    );
  }
}
