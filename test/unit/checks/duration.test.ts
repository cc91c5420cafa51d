import { describe, expect, it } from 'vitest';
import { formatDuration, parseK6Duration } from '../../../src/checks/duration.js';

describe('parseK6Duration', () => {
  it.each([
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
