import { describe, expect, it } from 'vitest';
import { previewRevisionName, previewTag, sanitiseLabel } from '../../../src/cloudrun/preview-naming.js';
import { UserError } from '../../../src/config/user-error.js';

const DNS = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

describe('previewTag', () => {
  it.each([
    ['pr-{number}', 42, undefined, 'web', 'pr-42'],
    ['pr-{number}-{branch}', 7, 'feat/Login_UI', 'web', 'pr-7-feat-login-ui'],
    ['pr-{number}-{branch}', 7, '</details><!-- -->', 'web', 'pr-7-details'],
    ['pr-{number}-{branch}', 7, '../../etc/passwd', 'web', 'pr-7-etc-passwd'],
    ['pr-{number}-{branch}', 7, 'ünïcödé-brånch', 'web', 'pr-7-unicode-branch'],
    ['{branch}', 7, '123-start-with-digits', 'web', 'start-with-digits'],
  ])('%s with PR %i and branch %j on %s -> %s', (template, prNumber, branch, service, tag) => {
    expect(previewTag({ template, prNumber, branch, service })).toBe(tag);
  });

  it('trims the branch part so tag + service stay within 46 characters', () => {
    const service = 'checkout-frontend-service';
    const tag = previewTag({
      template: 'pr-{number}-{branch}',
      prNumber: 1234,
      branch: 'x'.repeat(80),
      service,
    });
    expect(tag.startsWith('pr-1234-')).toBe(true);
    expect(tag.length + service.length).toBe(46);
    expect(tag).toMatch(DNS);
  });

  it('fails before anything changes when even pr-<n> cannot fit, naming both inputs', () => {
    const service = 'a'.repeat(40);
    expect(() => previewTag({ template: 'pr-{number}', prNumber: 123456, service })).toThrow(UserError);
    expect(() => previewTag({ template: 'pr-{number}', prNumber: 123456, service })).toThrow(
      /'tag' and 'service'.*46/,
    );
  });
});

describe('previewRevisionName', () => {
  it('is deterministic and readable for short names', () => {
    const a = previewRevisionName({
      service: 'web',
      prNumber: 42,
      sha: 'ABCDEF1234567',
      settingsHash: 'beef0000',
    });
    expect(a).toBe('web-pr42-abcdef1-beef');
    expect(
      previewRevisionName({ service: 'web', prNumber: 42, sha: 'abcdef1234567', settingsHash: 'beef0000' }),
    ).toBe(a);
  });

  it('stays a valid name within 63 characters for the longest service names', () => {
    const service = `s${'x'.repeat(47)}`;
    const name = previewRevisionName({ service, prNumber: 99999, sha: 'f'.repeat(40), settingsHash: 'cafe' });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.startsWith(`${service}-`)).toBe(true);
    expect(name).toMatch(DNS);
  });

  it('sanitiseLabel strips everything outside DNS label characters', () => {
    expect(sanitiseLabel('<img src=x onerror=alert(1)>')).toBe('img-src-x-onerror-alert-1');
  });
});
