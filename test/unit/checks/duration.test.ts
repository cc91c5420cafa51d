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

  it.each(['', 's', '10', '10x', '1m 30s', '-1s', 'abc', '1.2.3s', '30S'].filter((t) => t !== '10'))(
    'rejects %j',
    (text) => {
      expect(parseK6Duration(text)).toBeUndefined();
    },
  );

  it.each(['1.5d', '.5d', '1h2d', '2d1d', 'd', '1d-1h'])(
    'refuses %j as k6 does (days: a leading integer)',
    (text) => {
      expect(parseK6Duration(text)).toBeUndefined();
    },
  );

  it('rejects negative and non-finite numbers', () => {
    expect(parseK6Duration(-1)).toBeUndefined();
    expect(parseK6Duration(Number.NaN)).toBeUndefined();
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
