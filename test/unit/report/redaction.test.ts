import { afterEach, describe, expect, it } from 'vitest';
import { forgetSecrets, protectSecret, redact, redactDeep } from '../../../src/report/redaction.js';

describe('redaction of outward text', () => {
  afterEach(() => forgetSecrets());

  it('removes every registered secret, longest first, and leaves other text alone', () => {
    protectSecret('abc123');
    protectSecret('abc123-longer');
    expect(redact('x abc123-longer y abc123 z')).toBe('x *** y *** z');
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });

  it('catches each line of a multi-line secret and its JSON and URL encodings', () => {
    protectSecret('line-one\nline-two "q"');
    expect(redact('tail: line-two "q"')).toBe('tail: ***');
    expect(redact(JSON.stringify({ v: 'line-one\nline-two "q"' }))).toBe('{"v":"***"}');
    protectSecret('a b&c=d');
    expect(redact('?q=a%20b%26c%3Dd')).toBe('?q=***');
  });

  it('ignores empty and whitespace-only values instead of masking every gap', () => {
    protectSecret('');
    protectSecret('   ');
    expect(redact('a b c')).toBe('a b c');
  });

  it('redacts every string of a nested object without changing the original', () => {
    protectSecret('tok_999');
    const report = {
      failureReason: 'build printed tok_999',
      notes: ['ok', 'tok_999!'],
      n: 3,
      nested: { x: 'tok_999' },
    };
    const out = redactDeep(report);
    expect(out).toEqual({
      failureReason: 'build printed ***',
      notes: ['ok', '***!'],
      n: 3,
      nested: { x: '***' },
    });
    expect(report.failureReason).toBe('build printed tok_999');
  });
});
