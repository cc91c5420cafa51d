import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  annotationKeyProblem,
  MAX_ANNOTATIONS_BYTES,
  systemNamespaceOf,
  validateAnnotations,
  validateLabels,
  validateServiceMetadata,
} from '../../../src/emulator/metadata-validation.js';
import { RpcError } from '../../../src/emulator/rpc-error.js';

/** The INVALID_ARGUMENT message `fn` throws, or undefined when it accepts. */
function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe(status.INVALID_ARGUMENT);
    return (err as RpcError).message;
  }
}

const labelsOf = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('system namespaces', () => {
  it.each([
    'run.googleapis.com/ingress',
    'cloud.googleapis.com/location',
    'serving.knative.dev/creator',
    'autoscaling.knative.dev/maxScale',
    'features.run.googleapis.com/x',
  ])('%s is reserved', (key) => {
    expect(systemNamespaceOf(key)).toBeDefined();
  });

  it.each(['example.com/owner', 'run.googleapis.com', 'notrun.googleapis.com/x', 'plain'])(
    '%s is not reserved',
    (key) => {
      expect(systemNamespaceOf(key)).toBeUndefined();
    },
  );

  it('refuses a reserved label or annotation key with Cloud Run v2 wording', () => {
    expect(refusal(() => validateLabels('labels', { 'run.googleapis.com/x': 'y' }))).toMatch(
      /^labels: Cloud Run API v2 does not support labels with the 'run.googleapis.com' namespace/,
    );
    expect(
      refusal(() => validateAnnotations('template.annotations', { 'autoscaling.knative.dev/maxScale': '3' })),
    ).toMatch(/^template\.annotations: Cloud Run API v2 does not support annotations with the 'autoscaling/);
  });
});

describe('labels', () => {
  it('accepts 64 labels and refuses 65', () => {
    expect(refusal(() => validateLabels('labels', labelsOf(64)))).toBeUndefined();
    expect(refusal(() => validateLabels('labels', labelsOf(65)))).toMatch(
      /^labels: at most 64 labels are allowed, got 65\./,
    );
  });

  it('accepts a 63-character key and refuses 64', () => {
    expect(refusal(() => validateLabels('labels', { [`a${'b'.repeat(62)}`]: '' }))).toBeUndefined();
    expect(refusal(() => validateLabels('labels', { [`a${'b'.repeat(63)}`]: '' }))).toMatch(
      /label key 'a+b+' violates format constraints/,
    );
  });

  it('accepts a 63-character value and refuses 64', () => {
    expect(refusal(() => validateLabels('labels', { k: 'v'.repeat(63) }))).toBeUndefined();
    expect(refusal(() => validateLabels('labels', { k: 'v'.repeat(64) }))).toMatch(
      /the value 'v+' of label 'k' violates format constraints/,
    );
  });

  it.each(['', 'Upper', '1st', '-dash', 'dot.ted', 'sla/sh', 'spa ce', 'é'])('refuses the key %j', (key) => {
    expect(refusal(() => validateLabels('template.labels', { [key]: 'v' }))).toMatch(/^template\.labels: /);
  });

  it('accepts keys and values of lowercase letters, digits, _ and -, and an empty value', () => {
    expect(refusal(() => validateLabels('labels', { a: '', 'a_b-9': '0-x_y', 'gcp-deploy-pr': '7' }))).toBe(
      undefined,
    );
  });

  it.each(['Upper', 'a.b', 'a/b', 'a b'])('refuses the value %j', (value) => {
    expect(refusal(() => validateLabels('labels', { k: value }))).toMatch(/of label 'k' violates/);
  });
});

describe('annotations', () => {
  it('accepts Kubernetes qualified names', () => {
    for (const key of ['note', 'Note.v2', 'example.com/owner', 'a-b.example.com/x_y.z', 'x'.repeat(63)])
      expect(annotationKeyProblem(key)).toBeUndefined();
  });

  it.each(['', 'a/b/c', '/x', 'Example.com/x', 'example.com/', '-x', 'x-', 'sp ace', 'x'.repeat(64)])(
    'refuses the key %j',
    (key) => {
      expect(refusal(() => validateAnnotations('annotations', { [key]: 'v' }))).toMatch(
        /^annotations: invalid annotation key/,
      );
    },
  );

  it('accepts a 253-character prefix and refuses 254', () => {
    const prefix = (n: number): string => `${'a'.repeat(n - 4)}.com`;
    expect(annotationKeyProblem(`${prefix(253)}/x`)).toBeUndefined();
    expect(annotationKeyProblem(`${prefix(254)}/x`)).toMatch(/DNS-1123 subdomain/);
  });

  it('accepts 256 KiB of annotations and refuses one byte more', () => {
    const fill = (bytes: number): Record<string, string> => ({ k: 'v'.repeat(bytes - 1) });
    expect(refusal(() => validateAnnotations('annotations', fill(MAX_ANNOTATIONS_BYTES)))).toBeUndefined();
    expect(refusal(() => validateAnnotations('annotations', fill(MAX_ANNOTATIONS_BYTES + 1)))).toMatch(
      /at most 262144 bytes together, got 262145/,
    );
  });
});

describe('service metadata', () => {
  it('accepts a 512-character description and refuses 513', () => {
    expect(refusal(() => validateServiceMetadata({ description: 'd'.repeat(512) }))).toBeUndefined();
    expect(refusal(() => validateServiceMetadata({ description: 'd'.repeat(513) }))).toBe(
      'description: must be at most 512 characters, got 513.',
    );
  });

  it('checks the Service labels and annotations under their own field names', () => {
    expect(
      refusal(() => validateServiceMetadata({ labels: { 'cloud.googleapis.com/location': 'x' } })),
    ).toMatch(/^labels: /);
    expect(
      refusal(() => validateServiceMetadata({ annotations: { 'run.googleapis.com/ingress': 'all' } })),
    ).toMatch(/^annotations: Cloud Run API v2 does not support annotations/);
    expect(
      refusal(() =>
        validateServiceMetadata({ labels: { team: 'web' }, annotations: { 'example.com/a': 'b' } }),
      ),
    ).toBeUndefined();
  });
});
