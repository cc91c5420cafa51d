/**
 * Cloud Run's rules for a RevisionTemplate (pure): containers and their ingress port, reserved env names,
 * volume mounts, concurrency, request timeout, labels and annotations. Each rule throws INVALID_ARGUMENT
 * with a message led by the field path, shaped like Cloud Run's (`template.containers[0].env: ...`).
 */
import type { Msg } from './cloud-run-records.js';
import { validateAnnotations, validateLabels, validateServiceMetadata } from './metadata-validation.js';
import { invalidArgument } from './rpc-error.js';

/** One ingress container plus up to nine sidecars (https://cloud.google.com/run/docs/deploying#sidecars). */
export const MAX_CONTAINERS = 10;
/** The most concurrent requests one instance may be given. */
export const MAX_CONCURRENCY = 1000;
/** The longest request timeout a service may have: 60 minutes. */
export const MAX_TIMEOUT_SECONDS = 3600;
/** The env vars Cloud Run sets in every container itself (container runtime contract). */
export const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'] as const;

const list = (v: unknown): Msg[] => (Array.isArray(v) ? (v as Msg[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function templateContainers(template: Msg): Msg[] {
  return list(template.containers);
}

/**
 * The container Cloud Run sends requests to: the one that declares a port, or the only container. Only
 * meaningful for a template {@link validateTemplate} accepted, which guarantees there is exactly one.
 */
export function ingressContainer(template: Msg): Msg | undefined {
  const containers = templateContainers(template);
  if (containers.length === 1) return containers[0];
  return containers.find((c) => list(c.ports).length > 0);
}

function checkImages(containers: Msg[]): void {
  if (containers.length === 0)
    throw invalidArgument('template.containers: at least one container is required.');
  if (containers.length > MAX_CONTAINERS) {
    throw invalidArgument(
      `template.containers: a revision can have at most ${MAX_CONTAINERS} containers, got ${containers.length}.`,
    );
  }
  containers.forEach((c, i) => {
    if (str(c.image) === '') throw invalidArgument(`template.containers[${i}].image: an image is required.`);
  });
}

/** At most one port per container; with several containers, exactly one of them declares it. */
function checkPorts(containers: Msg[]): void {
  containers.forEach((c, i) => {
    const ports = list(c.ports);
    if (ports.length > 1)
      throw invalidArgument(`template.containers[${i}].ports: ports should contain 0 or 1 port.`);
    const port = ports[0]?.containerPort;
    if (typeof port === 'number' && (port < 0 || port > 65535)) {
      throw invalidArgument(
        `template.containers[${i}].ports[0].container_port: must be between 1 and 65535, got ${port}.`,
      );
    }
  });
  const exposing = containers.filter((c) => list(c.ports).length > 0).length;
  if (containers.length > 1 && exposing !== 1) {
    throw invalidArgument(
      'template.containers: Revision template should contain exactly one container with an exposed port.',
    );
  }
}

/** Cloud Run sets PORT and the K_* variables itself and refuses a template that sets them. */
function checkEnv(containers: Msg[]): void {
  containers.forEach((c, i) => {
    const names = list(c.env).map((e) => str(e.name));
    const reserved = RESERVED_ENV.filter((r) => names.includes(r));
    if (reserved.length > 0) {
      throw invalidArgument(
        `template.containers[${i}].env: The following reserved env names were provided: ${reserved.join(', ')}. ` +
          'These values are automatically set by the system.',
      );
    }
  });
}

/** Every volume mount names a volume the template declares. */
function checkVolumeMounts(template: Msg, containers: Msg[]): void {
  const declared = new Set(list(template.volumes).map((v) => str(v.name)));
  containers.forEach((c, i) => {
    list(c.volumeMounts).forEach((m, j) => {
      const name = str(m.name);
      if (!declared.has(name)) {
        throw invalidArgument(
          `template.containers[${i}].volume_mounts[${j}].name: volume '${name}' is not declared in template.volumes.`,
        );
      }
    });
  });
}

function checkConcurrency(template: Msg): void {
  const n = template.maxInstanceRequestConcurrency;
  if (typeof n === 'number' && (n < 0 || n > MAX_CONCURRENCY)) {
    throw invalidArgument(
      `template.max_instance_request_concurrency: must be between 0 and ${MAX_CONCURRENCY}, got ${n}.`,
    );
  }
}

/** A google.protobuf.Duration (seconds is an int64, decoded as a string) in seconds. */
function durationSeconds(d: Msg): number {
  return Number(d.seconds ?? 0) + Number(d.nanos ?? 0) / 1e9;
}

function checkTimeout(template: Msg): void {
  const t = template.timeout;
  if (!t || typeof t !== 'object') return;
  const seconds = durationSeconds(t as Msg);
  if (seconds < 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw invalidArgument(
      `template.timeout: the request timeout must be between 0 and ${MAX_TIMEOUT_SECONDS} seconds, got ${seconds}s.`,
    );
  }
}

/** Instance counts are not negative, and a maximum (0 is unset) is at least the minimum. */
function checkScaling(template: Msg): void {
  const scaling = template.scaling as Msg | undefined;
  if (!scaling || typeof scaling !== 'object') return;
  const min = Number(scaling.minInstanceCount ?? 0);
  const max = Number(scaling.maxInstanceCount ?? 0);
  if (min < 0)
    throw invalidArgument(`template.scaling.min_instance_count: must not be negative, got ${min}.`);
  if (max < 0)
    throw invalidArgument(`template.scaling.max_instance_count: must not be negative, got ${max}.`);
  if (max > 0 && min > max) {
    throw invalidArgument(
      `template.scaling.min_instance_count: must be less than or equal to max_instance_count (${min} > ${max}).`,
    );
  }
}

/** Every rule Cloud Run applies to a revision template before it accepts a Create/UpdateService. */
export function validateTemplate(template: Msg): void {
  const containers = templateContainers(template);
  checkImages(containers);
  checkPorts(containers);
  checkEnv(containers);
  checkVolumeMounts(template, containers);
  checkConcurrency(template);
  checkTimeout(template);
  checkScaling(template);
  validateLabels('template.labels', template.labels);
  validateAnnotations('template.annotations', template.annotations);
}

/**
 * Everything Create/UpdateService checks in the Service message, so a refused request changes nothing.
 * The proto says system annotations on a Service are refused "in new resources"; the emulator refuses
 * them on updates too, since none of its services can already carry one.
 */
export function validateServiceInput(service: Msg): void {
  validateServiceMetadata(service);
  validateTemplate((service.template as Msg | undefined) ?? {});
}
