import { describe, expect, it } from 'vitest';
import { reloginDelayMs } from '../../../src/registry/docker-login.js';

describe('reloginDelayMs: the registry login is issued again before its token expires', () => {
  it.each([
    ['an hour-long token: 4 minutes before expiry', 3_600_000, 3_360_000],
    ['a 60 s token: with a quarter of its life left', 60_000, 45_000],
    ['a 10 s token', 10_000, 7_500],
    ['one about to expire: at once, not in a busy loop', 50, 100],
    ['one already expired', -5_000, 100],
  ])('%s', (_, left, delay) => {
    expect(reloginDelayMs(1_000_000, 1_000_000 + left)).toBe(delay);
  });

  it('an unknown expiry: every 10 minutes', () => {
    expect(reloginDelayMs(0, undefined)).toBe(600_000);
  });
});
