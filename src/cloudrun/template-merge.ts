/**
 * A revision is "the template someone already has, plus our inputs": a pure merge, so what Terraform or the
 * console set (sidecars, volumes, probes, VPC, identity, scaling, annotations) survives previews and
 * promotions. The base is the template of the revision production serves; a template file (escape hatch)
 * applies over it; the action's inputs apply last and always win; the image is always this run's digest.
 */
import { posix } from 'node:path';
import type { protos } from '@google-cloud/run';
import type { DeploySettings, SecretRef } from '../config/config.js';
import { UserError } from '../config/user-error.js';
import { ingressIndex, type ApiTemplate } from './api-mapping.js';
import { requirePinnedImage } from './naming.js';
import { REVISION_ANNOTATION } from '../shared/labels.js';

type ApiContainer = protos.google.cloud.run.v2.IContainer;
type ApiEnvVar = protos.google.cloud.run.v2.IEnvVar;
type ApiVolume = protos.google.cloud.run.v2.IVolume;
type ApiMount = protos.google.cloud.run.v2.IVolumeMount;

/** Env vars a preview sets for its app; never carried into another revision's base. */
export const PREVIEW_ENV_NAMES = ['PREVIEW_ID', 'PREVIEW_TAG', 'PREVIEW_PR', 'PREVIEW_SHA'] as const;
/** Labels this action sets per run start with this; a base's are dropped, this run's added. */
export const RUN_LABEL_PREFIX = 'gcp-deploy-';

/** What this run puts on top of the base template. */
export interface RevisionInputs {
  revisionName: string;
  /** An image pinned by digest: the deploy never uses a mutable tag. */
  image: string;
  deploy: DeploySettings;
  /** Env set by this run over the inputs (a preview's PREVIEW_* variables). */
  runEnv: Record<string, string>;
  /** Labels set by this run over the inputs (PR, commit, provenance). */
  runLabels: Record<string, string>;
}

/** The base template, the template file over it, the inputs over both; `base` is never modified. */
export function mergeTemplate(base: ApiTemplate | null | undefined, run: RevisionInputs): ApiTemplate {
  requirePinnedImage(run.image);
  const d = run.deploy;
  const t = withoutRunMarkers(overlayTemplate(clone(base ?? {}), d.templateFile ?? {}));
  t.revision = run.revisionName;
  t.labels = { ...(t.labels ?? {}), ...d.labels, ...run.runLabels };
  if (d.minInstances !== undefined || d.maxInstances !== undefined) {
    t.scaling = {
      ...(t.scaling ?? {}),
      ...(d.minInstances !== undefined ? { minInstanceCount: d.minInstances } : {}),
      ...(d.maxInstances !== undefined ? { maxInstanceCount: d.maxInstances } : {}),
    };
  }
  if (d.concurrency !== undefined) t.maxInstanceRequestConcurrency = d.concurrency;
  if (d.serviceAccount !== undefined) t.serviceAccount = d.serviceAccount;
  if (d.requestTimeoutSec !== undefined) t.timeout = { seconds: d.requestTimeoutSec };

  const containers = [...(t.containers ?? [])];
  const at = targetContainer(containers, d.container);
  if (at === containers.length) containers.push(d.container !== undefined ? { name: d.container } : {});
  const c: ApiContainer = { ...containers[at] };
  c.image = run.image;
  c.env = mergeEnv(c.env ?? [], d, run.runEnv);
  if (d.command !== undefined) c.command = [...d.command];
  if (d.args !== undefined) c.args = [...d.args];
  if (d.port !== undefined) c.ports = [{ ...(c.ports?.[0] ?? {}), containerPort: d.port }];
  if (d.cpu !== undefined || d.memory !== undefined || d.cpuBoost !== undefined) {
    c.resources = {
      ...(c.resources ?? {}),
      limits: {
        ...(c.resources?.limits ?? {}),
        ...(d.cpu !== undefined ? { cpu: d.cpu } : {}),
        ...(d.memory !== undefined ? { memory: d.memory } : {}),
      },
      ...(d.cpuBoost !== undefined ? { startupCpuBoost: d.cpuBoost } : {}),
    };
  }
  containers[at] = c;
  const mounted = mountSecretFiles(containers, at, t.volumes ?? [], d);
  t.containers = mounted.containers;
  t.volumes = mounted.volumes;
  return t;
}

/**
 * The container this run deploys: the one the `container` input names, else the ingress container (the
 * one with a port), else the only one. Returns `containers.length` when a new container is to be added.
 */
export function targetContainer(containers: readonly ApiContainer[], name: string | undefined): number {
  if (name !== undefined) {
    const i = containers.findIndex((c) => c.name === name);
    if (i >= 0) return i;
    if (containers.length === 0) return 0;
    throw UserError.forInput(
      'container',
      name,
      `allowed: a container of the service (${containers.map((c) => c.name || '(unnamed)').join(', ')})`,
    );
  }
  if (containers.length === 0) return 0;
  const ingress = ingressIndex(containers);
  if (ingress !== undefined) return ingress;
  const withPort = containers.filter((c) => (c.ports ?? []).length > 0).length;
  throw UserError.forInput(
    'container',
    '',
    `the service has ${containers.length} containers and ${withPort} declare a port; name the one to deploy (${containers.map((c) => c.name || '(unnamed)').join(', ')})`,
  );
}

function mergeEnv(existing: ApiEnvVar[], d: DeploySettings, runEnv: Record<string, string>): ApiEnvVar[] {
  const reserved = new Set<string>(PREVIEW_ENV_NAMES);
  let env = existing.filter((e) => !reserved.has(e.name ?? ''));
  // overwrite drops what that input governs: plain values for env_vars, secret references for secrets.
  if (d.envStrategy === 'overwrite') env = env.filter((e) => e.valueSource != null);
  if (d.secretsStrategy === 'overwrite') env = env.filter((e) => e.valueSource == null);
  const set = (entry: ApiEnvVar): void => {
    const i = env.findIndex((e) => e.name === entry.name);
    if (i >= 0) env[i] = entry;
    else env.push(entry);
  };
  for (const [name, value] of Object.entries(d.envVars)) set({ name, value });
  for (const s of d.secrets) {
    if (s.kind === 'env')
      set({ name: s.env, valueSource: { secretKeyRef: { secret: s.secret, version: s.version } } });
  }
  for (const [name, value] of Object.entries(runEnv)) set({ name, value });
  return env;
}

/** Secret files (`/dir/file=SECRET:VERSION`): one secret volume per directory, mounted in the target. */
function mountSecretFiles(
  containers: ApiContainer[],
  at: number,
  volumes: ApiVolume[],
  d: DeploySettings,
): { containers: ApiContainer[]; volumes: ApiVolume[] } {
  const files = d.secrets.filter((s): s is Extract<SecretRef, { kind: 'file' }> => s.kind === 'file');
  const target = containers[at];
  let mounts = [...(target.volumeMounts ?? [])];
  let vols = [...volumes];
  const isSecretVolume = (name: string | null | undefined): boolean =>
    vols.some((v) => v.name === name && v.secret != null);
  const dropUnused = (): void => {
    const used = new Set(
      containers.flatMap((c, i) => (i === at ? mounts : (c.volumeMounts ?? [])).map((m) => m.name)),
    );
    vols = vols.filter((v) => used.has(v.name) || v.secret == null);
  };
  if (d.secretsStrategy === 'overwrite') {
    mounts = mounts.filter((m) => !isSecretVolume(m.name));
    dropUnused();
  }
  const byDir = new Map<string, { secret: string; items: { path: string; version: string }[] }>();
  for (const f of files) {
    const dir = posix.dirname(f.path);
    const entry = byDir.get(dir) ?? { secret: f.secret, items: [] };
    if (entry.secret !== f.secret) {
      throw UserError.forInput(
        'secrets',
        f.path,
        `allowed: one secret per mounted directory (${dir} already mounts ${entry.secret}); use another directory`,
      );
    }
    entry.items.push({ path: posix.basename(f.path), version: f.version });
    byDir.set(dir, entry);
  }
  for (const [dir, { secret, items }] of byDir) {
    const name = secretVolumeName(secret, dir);
    mounts = mounts.filter((m) => m.mountPath !== dir && m.name !== name);
    dropUnused();
    vols = vols.filter((v) => v.name !== name);
    vols.push({ name, secret: { secret, items } });
    mounts.push({ name, mountPath: dir } satisfies ApiMount);
  }
  const next = [...containers];
  next[at] = { ...target, volumeMounts: mounts };
  return { containers: next, volumes: vols };
}

/** A stable volume name for a secret mounted at a directory (a DNS label, at most 63 characters). */
export function secretVolumeName(secret: string, dir: string): string {
  const short = (secret.split('/').pop() ?? secret).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  let h = 0;
  for (const ch of `${secret}\0${dir}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return `secret-${short.slice(0, 40)}-${h.toString(36)}`.replace(/-+/g, '-');
}

/** A template without the previous run's own markers (its PREVIEW_* env and gcp-deploy-* labels). */
function withoutRunMarkers(t: ApiTemplate): ApiTemplate {
  const labels = Object.fromEntries(
    Object.entries(t.labels ?? {}).filter(([k]) => !k.startsWith(RUN_LABEL_PREFIX)),
  );
  if (t.annotations == null) return { ...t, labels };
  // What an earlier run recorded on its own revision describes that revision, not one made from it.
  const own = new Set<string>(Object.values(REVISION_ANNOTATION));
  const annotations = Object.fromEntries(Object.entries(t.annotations).filter(([k]) => !own.has(k)));
  return { ...t, labels, annotations };
}

/**
 * The template file over the base: objects merge key by key, containers and volumes by name (by position
 * when unnamed), every other list and value is replaced.
 */
export function overlayTemplate(base: ApiTemplate, overlay: ApiTemplate): ApiTemplate {
  return deepOverlay(base, overlay, '') as ApiTemplate;
}

function deepOverlay(base: unknown, over: unknown, key: string): unknown {
  if (over === undefined) return base;
  if (Array.isArray(over)) {
    if ((key === 'containers' || key === 'volumes') && Array.isArray(base)) return overlayByName(base, over);
    return clone(over);
  }
  if (isObject(over) && isObject(base)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = deepOverlay(base[k], v, k);
    return out;
  }
  return clone(over);
}

function overlayByName(base: unknown[], over: unknown[]): unknown[] {
  const out = [...base];
  over.forEach((item, i) => {
    const name = isObject(item) ? item.name : undefined;
    const at = name ? out.findIndex((b) => isObject(b) && b.name === name) : i < out.length ? i : -1;
    if (at >= 0) out[at] = deepOverlay(out[at], item, '');
    else out.push(clone(item));
  });
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}
