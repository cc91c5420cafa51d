/**
 * A PR's preview revision is the merged template (template-merge.ts) plus the preview profile (pure): it
 * scales to zero with few instances and CPU only during requests, runs as the preview identity when one is
 * given, and has the preview's own values in place of production's. Candidates and promotions never go
 * through here, so they keep production's settings exactly.
 */
import type { DeploySettings, PreviewSettings, SecretRef } from '../config/config.js';
import type { ApiTemplate } from './api-mapping.js';
import {
  detectDataConnections,
  type DataConnection,
  type Detection,
  type SourceOf,
} from './data-connections.js';
import {
  PREVIEW_ENV_NAMES,
  mergeTemplate,
  secretVolumeName,
  targetContainer,
  type RevisionInputs,
} from './template-merge.js';
import { posix } from 'node:path';

/**
 * The deploy settings a preview merges with: `preview_env_vars` and `preview_secrets` over `env_vars` and
 * `secrets` (a preview value replaces production's of the same name, plain or secret), the preview identity
 * over `service_account`, and the preview's minimum over `min_instances`.
 */
export function previewDeploySettings(deploy: DeploySettings, preview: PreviewSettings): DeploySettings {
  const previewSecretEnv = new Set(preview.secrets.flatMap((s) => (s.kind === 'env' ? [s.env] : [])));
  const previewFiles = new Set(preview.secrets.flatMap((s) => (s.kind === 'file' ? [s.path] : [])));
  const replaced = (s: SecretRef): boolean =>
    s.kind === 'env' ? previewSecretEnv.has(s.env) || s.env in preview.envVars : previewFiles.has(s.path);
  const envVars = Object.fromEntries(
    Object.entries(deploy.envVars).filter(([name]) => !previewSecretEnv.has(name)),
  );
  return {
    ...deploy,
    envVars: { ...envVars, ...preview.envVars },
    secrets: [...deploy.secrets.filter((s) => !replaced(s)), ...preview.secrets],
    minInstances: preview.minInstances,
    ...(preview.serviceAccount !== undefined ? { serviceAccount: preview.serviceAccount } : {}),
  };
}

/**
 * Scaling and CPU of a preview over a merged template: `preview_min_instances` (0 by default), at most
 * `preview_max_instances` (production's maximum, when lower, stays), CPU allocated only during requests.
 */
export function applyPreviewScaling(template: ApiTemplate, preview: PreviewSettings): ApiTemplate {
  const inherited = template.scaling?.maxInstanceCount ?? 0;
  // 0 or unset leaves Cloud Run's default (100), which the preview's limit is below.
  const capped = inherited > 0 ? Math.min(inherited, preview.maxInstances) : preview.maxInstances;
  return {
    ...template,
    scaling: {
      ...(template.scaling ?? {}),
      minInstanceCount: preview.minInstances,
      maxInstanceCount: Math.max(capped, preview.minInstances),
    },
    containers: (template.containers ?? []).map((c) => ({
      ...c,
      resources: { ...(c.resources ?? {}), cpuIdle: true },
    })),
  };
}

/** The preview revision: the base, the template file and the inputs merged, the preview profile over them. */
export function previewTemplate(
  base: ApiTemplate | null | undefined,
  run: RevisionInputs,
  preview: PreviewSettings,
): ApiTemplate {
  const merged = mergeTemplate(base, { ...run, deploy: previewDeploySettings(run.deploy, preview) });
  return applyPreviewScaling(merged, preview);
}

/** "scales to zero, at most 2 instances, CPU only during requests", from the template as deployed. */
export function describeProfile(template: ApiTemplate): string {
  const min = template.scaling?.minInstanceCount ?? 0;
  const max = template.scaling?.maxInstanceCount ?? 0;
  const plural = (n: number): string => `${n} instance${n === 1 ? '' : 's'}`;
  const floor = min === 0 ? 'scales to zero' : `keeps ${plural(min)} warm`;
  const ceiling = max > 0 ? `, at most ${plural(max)}` : '';
  const idle = (template.containers ?? []).every((c) => c.resources?.cpuIdle === true);
  return `${floor}${ceiling}${idle ? ', CPU only during requests' : ''}`;
}

/** What a preview is, known before anything is built: its profile, identity and inherited data connections. */
export interface PreviewInspection {
  /** describeProfile of the preview template. */
  profile: string;
  /** Production's identity the preview would run as (no preview_service_account); `default` when none is set. */
  productionIdentity?: string;
  detection: Detection;
}

/** The account a revision runs as when its template names none. */
export const DEFAULT_IDENTITY = "the project's default compute service account";

/**
 * Inspects the preview a run would deploy over `base` (production's template; null when the service does not
 * exist yet, so there is no production to share with). The image is not known before the build and changes
 * none of what is inspected.
 */
export function inspectPreview(
  base: { template?: ApiTemplate | null; revision?: string } | null,
  run: Omit<RevisionInputs, 'image' | 'revisionName'>,
  preview: PreviewSettings,
): PreviewInspection {
  const template = previewTemplate(
    base?.template,
    { ...run, revisionName: '', image: PENDING_IMAGE },
    preview,
  );
  const profile = describeProfile(template);
  if (base === null || base.template == null) return { profile, detection: { findings: [], shared: [] } };
  const production = mergeTemplate(base.template, { ...run, revisionName: '', image: PENDING_IMAGE });
  const detection = detectDataConnections(
    template,
    provenance(base.template, base.revision, run.deploy, preview, production),
    {
      shared: preview.shared,
      ownIdentity: preview.serviceAccount !== undefined,
    },
  );
  return {
    profile,
    ...(preview.serviceAccount === undefined
      ? { productionIdentity: template.serviceAccount || DEFAULT_IDENTITY }
      : {}),
    detection,
  };
}

/** Stands in for the digest the build will give: inspection happens before it. */
const PENDING_IMAGE = `pending.invalid/inspection@sha256:${'0'.repeat(64)}`;

/**
 * Where each env var and volume of the preview template comes from: null for what the preview sets itself
 * (preview_env_vars, preview_secrets, PREVIEW_*), else the input or the production template it inherits.
 */
function provenance(
  base: ApiTemplate,
  baseRevision: string | undefined,
  deploy: DeploySettings,
  preview: PreviewSettings,
  production: ApiTemplate,
): SourceOf {
  const containers = production.containers ?? [];
  const target = containers[targetContainer(containers, deploy.container)]?.name ?? '';
  const fromProduction =
    baseRevision === undefined ? 'the service template' : `production revision ${baseRevision}`;
  const fileEnv = (container: string, name: string): boolean =>
    (deploy.templateFile?.containers ?? []).some(
      (c, i) =>
        (c.name ? c.name === container : (base.containers?.[i]?.name ?? '') === container) &&
        (c.env ?? []).some((e) => e.name === name),
    );
  const previewEnv = new Set<string>([
    ...Object.keys(preview.envVars),
    ...preview.secrets.flatMap((s) => (s.kind === 'env' ? [s.env] : [])),
    ...PREVIEW_ENV_NAMES,
  ]);
  const volumeOf = (secrets: SecretRef[]): Set<string> =>
    new Set(
      secrets.flatMap((s) => (s.kind === 'file' ? [secretVolumeName(s.secret, posix.dirname(s.path))] : [])),
    );
  const previewVolumes = volumeOf(preview.secrets);
  const inputVolumes = volumeOf(deploy.secrets);
  return (what) => {
    if (what.kind === 'env') {
      if (what.container === target) {
        if (previewEnv.has(what.name)) return null;
        if (what.name in deploy.envVars) return 'the env_vars input';
        if (deploy.secrets.some((s) => s.kind === 'env' && s.env === what.name)) return 'the secrets input';
      }
      return fileEnv(what.container, what.name) ? 'the template_file input' : fromProduction;
    }
    if (previewVolumes.has(what.name)) return null;
    if (inputVolumes.has(what.name)) return 'the secrets input';
    if ((deploy.templateFile?.volumes ?? []).some((v) => v.name === what.name))
      return 'the template_file input';
    return fromProduction;
  };
}

export type { DataConnection };
