import { describe, expect, it } from 'vitest';
import { formatDuration, parseK6Duration } from '../../../src/checks/duration.js';

// k6 docs, "Options reference": durations are strings like "30s", "1m30s", "1h", "2d"; a number is milliseconds.
// k6 lib/types ParseExtendedDuration: a whole number of days may lead ("1d12h"), the rest is Go's
// time.ParseDuration (fractions allowed there), so a fractional or trailing day count is refused.
describe('parseK6Duration', () => {
  it.each([
    ['1d12h', 129_600_000],
    ['3d', 259_200_000],
    ['1.5h', 5_400_000],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['2d', 172_800_000],
    ['100us', 0.1],
    ['1h2m3s4ms', 3_723_004],
    ['250', 250],
    [250, 250],
  ] as const)('%s -> %d ms', (text, ms) => {
    expect(parseK6Duration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', 's', '10x', '1m 30s', 'abc', '1.2.3s', '30S', '--1s', '1s-1s', '+', '1hx'])(
    'rejects %j',
    (text) => {
      expect(parseK6Duration(text)).toBeUndefined();
    },
  );

  it.each(['1.5d', '.5d', '1h2d', '2d1d', 'd', '1d-1h', '1d+-1h'])(
    'refuses %j as k6 does (days: a leading integer; the hours carry no minus of their own)',
    (text) => {
      expect(parseK6Duration(text)).toBeUndefined();
    },
  );

  // k6 keeps the sign (the option that reads the value refuses a negative one): ParseFloat first, so a
  // unitless signed or exponent number is milliseconds; Go's ParseDuration takes a leading sign; a
  // negative day count negates the hours after it, and "-0d" is a day count of zero.
  it.each([
    ['-1d2h', -93_600_000],
    ['-1d', -86_400_000],
    ['+1d2h', 93_600_000],
    ['-0d2h', 7_200_000],
    ['-1s', -1000],
    ['+500ms', 500],
    ['-1.5h', -5_400_000],
    ['-250', -250],
    ['1e3', 1000],
    ['.5', 0.5],
    ['1.5', 1.5],
    ['0', 0],
    ['-0', -0],
    [-1, -1],
  ] as const)('keeps the sign: %j -> %d ms', (text, ms) => {
    expect(parseK6Duration(text)).toBeCloseTo(ms, 9);
  });

  // Go's time.Duration is int64 nanoseconds: 2^63-1 ns is 9,223,372,036,854.775807 ms (106,751 days and a bit).
  it.each([
    ['106751d', 106_751 * 86_400_000],
    ['-106751d', -106_751 * 86_400_000],
    ['2562047h', 2_562_047 * 3_600_000],
  ] as const)('takes %j, within int64 nanoseconds', (text, ms) => {
    expect(parseK6Duration(text)).toBe(ms);
  });
  it.each(['106752d', '2562048h', '9223372036855', '1e20', '-1e20', '9999999999999999d', '1d2562048h'])(
    'refuses %j: past int64 nanoseconds',
    (text) => {
      expect(parseK6Duration(text)).toBeUndefined();
    },
  );

  it('refuses non-finite numbers and numbers past int64 nanoseconds', () => {
    expect(parseK6Duration(Number.NaN)).toBeUndefined();
    expect(parseK6Duration(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parseK6Duration(1e16)).toBeUndefined();
    expect(parseK6Duration('Inf')).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0.5, '500µs'],
    [12.345, '12.35ms'],
    [1500, '1.5s'],
    [90_000, '1m30s'],
  ] as const)('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
