import { status } from '@grpc/grpc-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generatedRevisionId,
  isDns1035Label,
  parseRevisionName,
  validateRevisionId,
  validateServiceId,
} from '../../../src/emulator/naming.js';
import { seededRandom } from '../../../src/emulator/faults.js';

describe('isDns1035Label', () => {
  it.each(['a', 'pr-7', 'a1-b2', 'x'.repeat(63)])('accepts %s', (s) => expect(isDns1035Label(s)).toBe(true));
  it.each(['', '7a', 'A', 'a_b', 'a-', '-a', 'a.b', 'x'.repeat(64)])('refuses %j', (s) =>
    expect(isDns1035Label(s)).toBe(false),
  );
});

describe('generatedRevisionId', () => {
  it('is <service>-<5 digit generation>-<3 lowercase letters> and a valid revision name', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99999 }), fc.integer(), (gen, seed) => {
        const id = generatedRevisionId('my-app', gen, seededRandom(seed));
        expect(id).toMatch(new RegExp(`^my-app-${String(gen).padStart(5, '0')}-[a-z]{3}$`));
        expect(() => validateRevisionId('my-app', id)).not.toThrow();
      }),
    );
  });
});

describe('validateRevisionId / validateServiceId', () => {
  it('requires the service prefix', () => {
    expect(() => validateRevisionId('app', 'other-1')).toThrow(
      /prefixed by the name of the enclosing Service/,
    );
    expect(() => validateRevisionId('app', 'app-')).toThrow(/prefixed/);
    expect(() => validateRevisionId('app', 'app-pr-7')).not.toThrow();
  });
  it('refuses service ids over 49 characters or not DNS-1035', () => {
    expect(() => validateServiceId('a'.repeat(49))).not.toThrow();
    for (const bad of ['a'.repeat(50), 'App', '1app']) {
      try {
        validateServiceId(bad);
        expect.unreachable();
      } catch (err) {
        expect((err as { code: number }).code).toBe(status.INVALID_ARGUMENT);
      }
    }
  });
  it('parses revision resource names', () => {
    expect(parseRevisionName('projects/p/locations/l/services/s/revisions/s-1')).toMatchObject({
      serviceName: 'projects/p/locations/l/services/s',
      revision: 's-1',
    });
    expect(() => parseRevisionName('services/s/revisions/r')).toThrow(/Invalid revision name/);
  });
});
