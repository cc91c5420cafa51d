import { describe, expect, it } from 'vitest';
import {
  MAX_TAG_AND_SERVICE,
  canonicalJson,
  configHash,
  isDns1035Label,
  prTag,
  revisionName,
  sanitiseLabel,
  validateServiceName,
  validateTag,
} from '../../../src/cloudrun/naming.js';
import { UserError } from '../../../src/config/user-error.js';

const DNS = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** The UserError a call throws (fails the test when it throws nothing or something else). */
function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('sanitiseLabel: untrusted branch text', () => {
  it.each([
    ['feat/Login_UI', 'feat-login-ui'],
    ['feat/../../<script>', 'feat-script'],
    ['</details><!-- -->', 'details'],
    ['../../etc/passwd', 'etc-passwd'],
    ['ünïcödé-brånch', 'unicode-branch'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['日本語', ''],
    ['🚀-rocket', 'rocket'],
    ['123-start-with-digits', 'start-with-digits'],
    ['trailing---', 'trailing'],
    ['a\u0000b\nc', 'a-b-c'],
    ['$(rm -rf /)', 'rm-rf'],
    ['', ''],
  ])('%j -> %j', (branch, label) => {
    expect(sanitiseLabel(branch)).toBe(label);
    if (label !== '') expect(label).toMatch(DNS);
  });
});

describe('prTag', () => {
  it.each([
    [undefined, 42, undefined, 'web', 'pr-42'],
    ['pr-{number}', 42, 'whatever', 'web', 'pr-42'],
    ['pr-{number}-{branch}', 7, 'feat/Login_UI', 'web', 'pr-7-feat-login-ui'],
    ['pr-{number}-{branch}', 7, 'feat/../../<script>', 'web', 'pr-7-feat-script'],
    ['pr-{number}-{branch}', 7, '日本語', 'web', 'pr-7'],
    ['pr-{number}-{branch}', 7, undefined, 'web', 'pr-7'],
    ['{branch}-pr-{number}', 7, '', 'web', 'pr-7'],
    ['{branch}-pr-{number}', 7, 'Fix Bug', 'web', 'fix-bug-pr-7'],
  ])('template %j, PR %i, branch %j, service %s -> %s', (template, prNumber, branch, service, tag) => {
    const input = { prNumber, service, ...(template ? { template } : {}), ...(branch ? { branch } : {}) };
    expect(prTag(input)).toBe(tag);
  });

  it('shortens a long branch deterministically, keeping pr-<n>, to fill the 46-character budget', () => {
    const service = 'checkout-frontend-service';
    const branch = `feature/${'very-long-name-'.repeat(8)}`;
    const a = prTag({ template: 'pr-{number}-{branch}', prNumber: 1234, branch, service });
    expect(a).toBe('pr-1234-feature-very');
    expect(a.length + service.length).toBeLessThanOrEqual(MAX_TAG_AND_SERVICE);
    expect(a.length + service.length).toBeGreaterThanOrEqual(MAX_TAG_AND_SERVICE - 1);
    expect(a).toMatch(DNS);
    expect(prTag({ template: 'pr-{number}-{branch}', prNumber: 1234, branch, service })).toBe(a);
  });

  it('drops the branch entirely when only pr-<n> fits', () => {
    const service = 'a'.repeat(MAX_TAG_AND_SERVICE - 'pr-99'.length);
    expect(prTag({ template: 'pr-{number}-{branch}', prNumber: 99, branch: 'topic', service })).toBe('pr-99');
  });

  it('fails before anything changes when even pr-<n> cannot fit, naming service and tag, the values and the limit', () => {
    const service = 'a'.repeat(42);
    const err = userError(() => prTag({ prNumber: 123456, service }));
    expect(err.message).toContain("'service'");
    expect(err.message).toContain("'tag'");
    expect(err.message).toContain(service);
    expect(err.message).toContain('pr-123456');
    expect(err.message).toContain('46');
  });

  it('requires {number} so two pull requests never share a tag', () => {
    expect(
      userError(() => prTag({ template: '{branch}', prNumber: 1, branch: 'x', service: 'web' })).input,
    ).toBe('tag');
  });

  it.each(['PR-{number}', '{number}-pr', 'pr_{number}', 'pr-{number}-'.padEnd(70, 'x')])(
    'refuses template %j that yields no valid label',
    (template) => {
      expect(userError(() => prTag({ template, prNumber: 5, service: 'web' })).input).toBe('tag');
    },
  );

  it.each([0, -1, 1.5, Number.NaN])('refuses PR number %d', (prNumber) => {
    expect(() => prTag({ prNumber, service: 'web' })).toThrow(UserError);
  });
});

describe('validateTag and validateServiceName', () => {
  it.each([
    ['pr-1', true],
    ['a', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['1pr', false],
    ['pr-', false],
    ['Pr-1', false],
    ['pr_1', false],
    ['', false],
  ])('isDns1035Label(%j) = %s', (label, ok) => {
    expect(isDns1035Label(label)).toBe(ok);
  });

  it('enforces tag + service <= 46', () => {
    expect(validateTag('pr-1', 'a'.repeat(42))).toBe('pr-1');
    expect(() => validateTag('pr-12', 'a'.repeat(42))).toThrow(/46/);
  });

  it.each(['web', 'a', `a${'b'.repeat(48)}`])('accepts service %s', (service) => {
    expect(validateServiceName(service)).toBe(service);
  });

  it.each(['Web', '1web', 'web-', 'we_b', `a${'b'.repeat(49)}`, ''])(
    'refuses service %j naming the input',
    (s) => {
      const err = userError(() => validateServiceName(s));
      expect(err.input).toBe('service');
      expect(err.message).toContain('49');
    },
  );
});

describe('revisionName', () => {
  const sha = 'ABCDEF1234567890abcdef1234567890abcdef12';

  it('is deterministic and readable: <service>-pr<n>-<sha7>-<config6>', () => {
    const name = revisionName({ service: 'web', prNumber: 42, sha, configHash: 'beef00cafe' });
    expect(name).toBe('web-pr42-abcdef1-beef00');
    expect(revisionName({ service: 'web', prNumber: 42, sha, configHash: 'beef00cafe' })).toBe(name);
  });

  it('changes with the config on the same commit, and with the commit on the same config', () => {
    const base = { service: 'web', prNumber: 42, sha };
    const a = revisionName({ ...base, configHash: configHash({ memory: '512Mi' }) });
    const b = revisionName({ ...base, configHash: configHash({ memory: '1Gi' }) });
    const c = revisionName({ ...base, sha: '0'.repeat(40), configHash: configHash({ memory: '512Mi' }) });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it.each([1, 30, 48])('stays a valid label within 63 characters for a %i-character service', (extra) => {
    const service = `s${'x'.repeat(extra)}`;
    const names = new Set<string>();
    for (const prNumber of [1, 99999, 123456789]) {
      const name = revisionName({ service, prNumber, sha, configHash: 'cafe01' });
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name.startsWith(`${service}-`)).toBe(true);
      expect(name).toMatch(DNS);
      names.add(name);
    }
    expect(names.size).toBe(3);
  });

  it('refuses a SHA that is not hex', () => {
    expect(
      userError(() => revisionName({ service: 'web', prNumber: 1, sha: 'main', configHash: 'a' })).input,
    ).toBe('sha');
  });
});

describe('configHash', () => {
  it('ignores key order and sees every value', () => {
    expect(configHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      configHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(configHash({ a: 1, b: { c: [2, 1] } })).not.toBe(configHash({ a: 1, b: { c: [1, 2] } }));
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
