import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../src/emulator/rpc-error.js';
import {
  LATEST,
  normalizeTraffic,
  REVISION,
  validateTraffic,
  type TrafficTargetInput,
} from '../../../src/emulator/traffic-validation.js';

const exists = (rev: string): boolean => ['app-00001-abc', 'app-00002-def'].includes(rev);

function problem(traffic: TrafficTargetInput[], service = 'app'): RpcError | undefined {
  try {
    validateTraffic(service, normalizeTraffic(traffic), exists);
    return undefined;
  } catch (err) {
    if (err instanceof RpcError) return err;
    throw err;
  }
}

describe('normalizeTraffic', () => {
  it('resolves an unspecified type from whether a revision is named', () => {
    expect(normalizeTraffic([{ percent: 100 }, { revision: 'app-00001-abc', tag: 't' }])).toEqual([
      { type: LATEST, revision: '', percent: 100, tag: '' },
      { type: REVISION, revision: 'app-00001-abc', percent: 0, tag: 't' },
    ]);
  });
});

describe('validateTraffic', () => {
  it.each<[string, TrafficTargetInput[]]>([
    ['latest alone', [{ type: LATEST, percent: 100 }]],
    [
      'a split with a tag-only target',
      [
        { type: REVISION, revision: 'app-00001-abc', percent: 60 },
        { type: REVISION, revision: 'app-00002-def', percent: 40 },
        { type: REVISION, revision: 'app-00002-def', percent: 0, tag: 'pr-7' },
      ],
    ],
    ['empty (means LATEST 100)', []],
  ])('accepts %s', (_name, traffic) => {
    expect(problem(traffic)).toBeUndefined();
  });

  it.each<[string, TrafficTargetInput[], RegExp]>([
    ['a sum below 100', [{ type: LATEST, percent: 90 }], /sum to 100, got 90/],
    [
      'a sum above 100',
      [
        { type: LATEST, percent: 60 },
        { revision: 'app-00001-abc', percent: 50 },
      ],
      /got 110/,
    ],
    [
      'a negative percent',
      [
        { type: LATEST, percent: 110 },
        { revision: 'app-00001-abc', percent: -10 },
      ],
      /between 0 and 100/,
    ],
    ['a tag that is not DNS-1035', [{ type: LATEST, percent: 100, tag: 'PR_7' }], /DNS-1035/],
    ['a tag starting with a digit', [{ type: LATEST, percent: 100, tag: '7pr' }], /DNS-1035/],
    ['a tag ending with a hyphen', [{ type: LATEST, percent: 100, tag: 'pr-' }], /DNS-1035/],
    [
      'a duplicate tag',
      [
        { type: LATEST, percent: 100, tag: 'a' },
        { revision: 'app-00001-abc', tag: 'a' },
      ],
      /more than once/,
    ],
    ['a revision that does not exist', [{ revision: 'app-00009-zzz', percent: 100 }], /does not exist/],
    [
      'LATEST naming a revision',
      [{ type: LATEST, revision: 'app-00001-abc', percent: 100 }],
      /must not name/,
    ],
    ['REVISION without a name', [{ type: REVISION, percent: 100 }], /must name a revision/],
  ])('refuses %s with INVALID_ARGUMENT', (_name, traffic, message) => {
    const err = problem(traffic);
    expect(err?.code).toBe(status.INVALID_ARGUMENT);
    expect(err?.message).toMatch(message);
  });

  it('enforces the 46-character tag plus service name limit at its edge', () => {
    const service = 'a'.repeat(40);
    expect(problem([{ type: LATEST, percent: 100, tag: 'b'.repeat(6) }], service)).toBeUndefined();
    const err = problem([{ type: LATEST, percent: 100, tag: 'b'.repeat(7) }], service);
    expect(err?.code).toBe(status.INVALID_ARGUMENT);
    expect(err?.message).toBe('Combined traffic tag and service name cannot exceed 46 characters.');
  });
});
