import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IDENTIFIER,
  MAX_IDENTIFIER_BYTES,
  ownershipMarker,
  parseMarker,
  perPrName,
} from '../../../src/data/naming.js';
import { cachePrefix, matchPattern } from '../../../src/data/redis.js';

describe('perPrName', () => {
  it.each([
    ['api', 42, 'gcpd_api_pr42'],
    ['checkout-frontend', 7, 'gcpd_checkout_frontend_pr7'],
    ['a-pr1', 2, 'gcpd_a_pr1_pr2'],
    ['a', 12, 'gcpd_a_pr12'],
    // 49 characters (Cloud Run's longest service name) and a large PR: shortened, with the service's hash.
    ['a'.repeat(49), 123456, `gcpd_${'a'.repeat(49)}_pr123456`],
    ['a'.repeat(49), 12345678, `gcpd__${'a'.repeat(33)}_8f9bec6a62dd_pr12345678`],
    ['Api_Service', 3, 'gcpd__api_service_48921f5007d6_pr3'],
    ['日本語', 1, 'gcpd__x_77710aedc74e_pr1'],
  ])('%j, PR %i -> a valid identifier', (service, pr, expected) => {
    const name = perPrName(service, pr);
    expect(name).toMatch(IDENTIFIER);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
    expect(name).toBe(expected);
  });

  it('refuses a PR number that is not a positive integer', () => {
    for (const pr of [0, -1, 1.5, Number.NaN]) expect(() => perPrName('api', pr)).toThrow(RangeError);
  });

  const serviceName = fc.stringMatching(/^[a-z][a-z0-9-]{0,48}$/);
  const anyService = fc.oneof(
    serviceName,
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const pr = fc.integer({ min: 1, max: 10_000_000 });

  it('always a valid unquoted identifier of at most 63 bytes, the same for the same input', () => {
    fc.assert(
      fc.property(anyService, pr, (service, n) => {
        const name = perPrName(service, n);
        expect(name).toMatch(IDENTIFIER);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
        expect(perPrName(service, n)).toBe(name);
        expect(name.endsWith(`_pr${n}`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never gives two different (service, PR) pairs the same name', () => {
    fc.assert(
      fc.property(anyService, pr, anyService, pr, (s1, n1, s2, n2) => {
        fc.pre(s1 !== s2 || n1 !== n2);
        expect(perPrName(s1, n1)).not.toBe(perPrName(s2, n2));
      }),
      { numRuns: 5000 },
    );
    // Near neighbours that naive folding would merge.
    const near = [
      'api',
      'api-',
      'api-1',
      'api1',
      'Api',
      'API',
      'a-pi',
      'api_',
      'api-pr1',
      'a'.repeat(49),
      `${'a'.repeat(48)}b`,
    ];
    const names = new Set<string>();
    for (const s of near) for (const n of [1, 11, 111]) names.add(perPrName(s, n));
    expect(names.size).toBe(near.length * 3);
  });

  it('marks each PR distinctly, and reads its own markers back', () => {
    expect(ownershipMarker('api', 42)).toBe('gcp-deploy:pr-data service=api pr=42');
    expect(ownershipMarker('api', 4)).not.toBe(ownershipMarker('api', 42));
    fc.assert(
      fc.property(anyService, pr, (service, n) => {
        expect(parseMarker(ownershipMarker(service, n))).toEqual({ service, pr: n });
      }),
    );
    for (const other of [
      '',
      'gcp-deploy:pr-data service=api pr=0',
      'gcp-deploy:pr-data pr=4',
      'made by hand',
    ])
      expect(parseMarker(other)).toBeUndefined();
  });
});

describe('cache prefix', () => {
  it.each([
    ['api', 42, 'api:pr-42:', 'api:pr-42:*'],
    ['we*ird', 1, 'we*ird:pr-1:', 'we\\*ird:pr-1:*'],
    ['a[b]?\\', 2, 'a[b]?\\:pr-2:', 'a\\[b\\]\\?\\\\:pr-2:*'],
  ])('%j PR %i -> %j, matched by %j', (service, pr, prefix, pattern) => {
    expect(cachePrefix(service, pr)).toBe(prefix);
    expect(matchPattern(prefix)).toBe(pattern);
  });
});
