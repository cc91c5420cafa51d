/**
 * Cloud Run's rules for labels, annotations and the description (pure). Each rule throws INVALID_ARGUMENT
 * with a message led by the field path, as Cloud Run's own messages are (`labels: ...`).
 */
import type { Msg } from './cloud-run-records.js';
import { invalidArgument } from './rpc-error.js';

/**
 * The namespaces Cloud Run v2 keeps for itself. service.proto and revision_template.proto: labels and
 * annotations in them "will be rejected"; every v1 system annotation has a v2 field instead.
 */
export const SYSTEM_NAMESPACES = [
  'run.googleapis.com',
  'cloud.googleapis.com',
  'serving.knative.dev',
  'autoscaling.knative.dev',
] as const;

/** GCP label limits (https://cloud.google.com/resource-manager/docs/labels-overview#requirements). */
export const MAX_LABELS = 64;
export const MAX_LABEL_LENGTH = 63;
/** Kubernetes' limit on all annotations of one object together, in bytes (keys plus values). */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;
/** service.proto: "This field currently has a 512-character limit." */
export const MAX_DESCRIPTION_LENGTH = 512;

// GCP also allows international lowercase letters; the emulator keeps to ASCII so it is never more lenient.
const LABEL_KEY = /^[a-z][a-z0-9_-]*$/;
const LABEL_VALUE = /^[a-z0-9_-]*$/;
// Kubernetes qualified names: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63.
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The reserved namespace a key is in (the namespace itself or a subdomain of it), if any. */
export function systemNamespaceOf(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const prefix = key.slice(0, slash);
  return SYSTEM_NAMESPACES.find((ns) => prefix === ns || prefix.endsWith(`.${ns}`));
}

/** A string map field (labels, annotations); anything else was refused by the proto decoder already. */
function stringMap(value: unknown): Record<string, string> {
  return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

function refuseSystemKeys(field: string, kind: 'labels' | 'annotations', map: Record<string, string>): void {
  for (const key of Object.keys(map)) {
    const ns = systemNamespaceOf(key);
    if (ns) {
      throw invalidArgument(
        `${field}: Cloud Run API v2 does not support ${kind} with the '${ns}' namespace: '${key}'. ` +
          'Use the corresponding field of the v2 resource instead.',
      );
    }
  }
}

/** GCP label rules: at most 64; keys 1–63 lowercase letters, digits, `_`, `-`, starting with a letter; values 0–63 of the same. */
export function validateLabels(field: string, value: unknown): void {
  const labels = stringMap(value);
  refuseSystemKeys(field, 'labels', labels);
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS)
    throw invalidArgument(`${field}: at most ${MAX_LABELS} labels are allowed, got ${entries.length}.`);
  for (const [key, val] of entries) {
    if (key.length === 0 || key.length > MAX_LABEL_LENGTH || !LABEL_KEY.test(key)) {
      throw invalidArgument(
        `${field}: label key '${key}' violates format constraints. The key must start with a lowercase letter, ` +
          `can contain only lowercase letters, digits, underscores and dashes, and can be at most ${MAX_LABEL_LENGTH} characters long.`,
      );
    }
    if (val.length > MAX_LABEL_LENGTH || !LABEL_VALUE.test(val)) {
      throw invalidArgument(
        `${field}: the value '${val}' of label '${key}' violates format constraints. The value can contain only ` +
          `lowercase letters, digits, underscores and dashes, and can be at most ${MAX_LABEL_LENGTH} characters long.`,
      );
    }
  }
}

/** Why a Kubernetes annotation key is invalid, or undefined when it is valid. */
export function annotationKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'a qualified name must have at most one "/"';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS_1123_SUBDOMAIN.test(prefix))
      return 'the prefix must be a DNS-1123 subdomain of at most 253 characters';
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return (
      "the name part must be at most 63 characters, consist of alphanumeric characters, '-', '_' or '.', " +
      'and start and end with an alphanumeric character'
    );
  }
  return undefined;
}

/** Kubernetes annotation rules (the proto says the field follows them), after the reserved namespaces. */
export function validateAnnotations(field: string, value: unknown): void {
  const annotations = stringMap(value);
  refuseSystemKeys(field, 'annotations', annotations);
  let bytes = 0;
  for (const [key, val] of Object.entries(annotations)) {
    const problem = annotationKeyProblem(key);
    if (problem) throw invalidArgument(`${field}: invalid annotation key '${key}': ${problem}.`);
    bytes += Buffer.byteLength(key) + Buffer.byteLength(val);
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    throw invalidArgument(
      `${field}: annotations may take at most ${MAX_ANNOTATIONS_BYTES} bytes together, got ${bytes}.`,
    );
  }
}

/** The Service's own fields: description, labels, annotations (the template is checked separately). */
export function validateServiceMetadata(service: Msg): void {
  const description = typeof service.description === 'string' ? service.description : '';
  // String length counts UTF-16 code units, as Java's does: never fewer than characters, so never lenient.
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw invalidArgument(
      `description: must be at most ${MAX_DESCRIPTION_LENGTH} characters, got ${description.length}.`,
    );
  }
  validateLabels('labels', service.labels);
  validateAnnotations('annotations', service.annotations);
}
