import { describe, expect, it } from 'vitest';
import { coldCacheExplained } from '../../../src/build/builders.js';

describe('a cold layer cache', () => {
  it("explains BuildKit's not-found error once, as expected on a first build", () => {
    const lines: string[] = [];
    const log = coldCacheExplained((l) => lines.push(l), 'reg/p/r/web:buildcache');
    log('#5 importing cache manifest from reg/p/r/web:buildcache');
    log('#5 ERROR: reg/p/r/web:buildcache: not found');
    log('#6 ERROR: reg/p/r/web:buildcache: not found');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(
      /^\(expected on a cold cache: no layer cache was pushed to reg\/p\/r\/web:buildcache yet/,
    );
  });

  it('adds nothing to other errors, or without a cache', () => {
    const lines: string[] = [];
    coldCacheExplained(
      (l) => lines.push(l),
      'reg/p/r/web:buildcache',
    )('#9 ERROR: process "/bin/sh" did not complete');
    coldCacheExplained((l) => lines.push(l), undefined)('#5 ERROR: x:buildcache: not found');
    expect(lines).toHaveLength(2);
  });
});
