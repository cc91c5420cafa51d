import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exposedCredentialFiles } from './credential-files.js';
import type { SmokeOptions } from '../checks/smoke-options.js';
import { compareSettings, type CompareSettings } from './compare-inputs.js';
import type { ApiTemplate } from '../cloudrun/api-mapping.js';
import type { DoctorMode, RuleId } from '../build/doctor/rules.js';
import {
  ACCESS,
  BUILDERS,
  CACHES,
  CHECK_AUTH,
  COMMANDS,
  ISOLATION,
  UPDATE_STRATEGIES,
  inputsOf,
  readInputs,
  type InputName,
  type Access,
  type CommandInput,
  type InputReader,
  type Isolation,
} from './inputs.js';
import type { SecretRef } from './parsers.js';
import { smokeOptions } from './smoke-source.js';
import { UserError, errorMessage } from './user-error.js';
import { parseDataSettings, type DataSettings } from '../data/data-settings.js';

export { ACCESS, BUILDERS, CACHES, CHECK_AUTH, COMMANDS, ISOLATION, UPDATE_STRATEGIES };
export type { Access, CommandInput, InputReader, Isolation, SecretRef };
export { RESERVED_ENV } from './parsers.js';

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
    /** `image_archive`: where build writes the OCI archive, or the fork's archive a workflow_run preview pushes. */
    imageArchive?: string;
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
  /** Who gets a preview (commands/preview-gate.ts). */
  optIn: {
    /** `preview_label`: only PRs carrying this label get previews. */
    label?: string;
    /** `max_previews`: at most this many PR previews per service; a new one evicts the least recently deployed. */
    maxPreviews?: number;
  };
  /** Per-PR data: database, migrations, cache namespace (src/data/data-settings.ts); undefined when unused. */
  data?: DataSettings;
}

/**
 * Builds the one validated config from the inputs; throws UserError for the first bad input. Every given
 * input's syntax is checked (inputs.ts); the inputs the command (read('command')) does not use keep their
 * defaults, and only the files of the inputs it uses are read. `readFiles: false` reads none (the entry's
 * first pass, before the event has chosen the command).
 */
export function parseConfig(read: InputReader, options: { readFiles?: boolean } = {}): Config {
  const v = readInputs(read);
  // Inputs checked together by their own module, as the command reads them (others count as unset).
  const used = inputsOf(v.command);
  const readUsed = (name: string): string => (used.has(name as InputName) ? read(name) : '');
  const files = options.readFiles !== false;
  const service = v.service as string;
  const config: Config = {
    command: v.command,
    projectId: v.project_id as string,
    region: v.region,
    service,
    build: {
      prebuiltImage: v.image,
      imageArchive: v.image_archive,
      repository: v.repository,
      imageName: v.image_name ?? service,
      registryHost: v.registry_host,
      context: v.context,
      dockerfile: v.dockerfile,
      target: v.target,
      platform: v.platform,
      buildArgs: v.build_args ?? {},
      buildSecrets: v.build_secrets ?? {},
      builder: v.builder,
      cache: v.cache,
    },
    doctor: { mode: v.dockerfile_checks, ignore: v.dockerfile_ignore ?? [] },
    tagTemplate: v.tag,
    deploy: {
      envVars: v.env_vars ?? {},
      envStrategy: v.env_vars_update_strategy,
      secrets: v.secrets ?? [],
      secretsStrategy: v.secrets_update_strategy,
      labels: v.labels ?? {},
      container: v.container,
      templateFile: v.template_file === undefined || !files ? undefined : readTemplateFile(v.template_file),
      cpu: v.cpu,
      memory: v.memory,
      concurrency: v.concurrency,
      minInstances: v.min_instances,
      maxInstances: v.max_instances,
      cpuBoost: v.cpu_boost,
      serviceAccount: v.service_account,
      requestTimeoutSec: v.request_timeout,
      port: v.port,
      command: v.container_command,
      args: v.container_args,
    },
    preview: {
      minInstances: v.preview_min_instances,
      maxInstances: v.preview_max_instances,
      serviceAccount: v.preview_service_account,
      envVars: v.preview_env_vars ?? {},
      secrets: v.preview_secrets ?? [],
      isolation: v.isolation,
      shared: v.shared ?? [],
    },
    access: v.access,
    checks: {
      healthPath: v.health_path,
      healthStatus: v.health_status,
      healthTimeoutMs: v.health_timeout,
      smoke: v.smoke === undefined || !files ? undefined : smokeOptions('smoke', v.smoke),
      smokeScript: v.smoke_script,
      auth: v.check_auth,
      compare: compareSettings(
        { compare: v.compare, regression: v.regression, regressionMode: v.regression_mode },
        readUsed('regression').trim(),
      ),
    },
    github: {
      token: v.github_token,
      comment: v.comment,
      failOnCommentError: v.fail_on_comment_error,
      environment: v.environment,
    },
    rollbackOnFailure: v.rollback_on_failure,
    timeoutMs: v.timeout,
    promote: {
      from: v.promote_from,
      canary: v.canary,
      prevTag: v.prev_tag,
      candidateTag: v.candidate_tag,
    },
    cleanup: { staleMs: v.stale, dryRun: v.dry_run },
    optIn: { label: v.preview_label, maxPreviews: v.max_previews },
    data: parseDataSettings(readUsed),
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
  if (v.smoke !== undefined && v.smoke_script !== undefined) {
    throw UserError.forInput('smoke_script', v.smoke_script, 'set either smoke or smoke_script, not both');
  }
  if (v.smoke_script !== undefined && files) assertReadable('smoke_script', v.smoke_script);
  return config;
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
