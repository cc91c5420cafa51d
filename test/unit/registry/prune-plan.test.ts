import { expect, test } from 'vitest';
import { planTagPrune } from '../../../src/registry/prune.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const current = new Map([
  ['pr-1', A],
  ['sha-1111111', A],
  ['pr-2', B],
  ['sha-2222222', B],
  ['buildcache', B],
  ['pr-3', C],
]);

test.each([
  [
    'whole image deleted: its version goes too',
    ['pr-1', 'sha-1111111'],
    [],
    {
      delete: [
        { tag: 'pr-1', digest: A },
        { tag: 'sha-1111111', digest: A },
      ],
      keep: [],
      missing: [],
      orphanedDigests: [A],
    },
  ],
  [
    'serving digest protected (given as a full reference): kept',
    ['pr-1', 'pr-3'],
    [`h/p/r/app@${A}`],
    {
      delete: [{ tag: 'pr-3', digest: C }],
      keep: [{ tag: 'pr-1', digest: A }],
      missing: [],
      orphanedDigests: [C],
    },
  ],
  [
    'a digest still tagged elsewhere (buildcache) keeps its version',
    ['pr-2', 'sha-2222222'],
    [],
    {
      delete: [
        { tag: 'pr-2', digest: B },
        { tag: 'sha-2222222', digest: B },
      ],
      keep: [],
      missing: [],
      orphanedDigests: [],
    },
  ],
  [
    'missing tags are reported, duplicates ignored',
    ['pr-9', 'pr-3', 'pr-3'],
    [],
    { delete: [{ tag: 'pr-3', digest: C }], keep: [], missing: ['pr-9'], orphanedDigests: [C] },
  ],
])('%s', (_name, tags, protectedDigests, expected) => {
  expect(planTagPrune(current, tags, protectedDigests)).toEqual(expected);
});
