import { describe, expect, it } from 'vitest';
import { liveEnvironmentPreviews } from '../../../src/commands/environment-cap.js';

const at = (day: number): Date => new Date(Date.UTC(2026, 11, day));
const member = (tags: string[], deploys: [number, number][]) => ({
  tags: new Set(tags),
  lastDeploys: new Map(deploys.map(([pr, day]) => [pr, at(day)])),
  tagOf: (pr: number) => `pr-${pr}`,
});

describe('an environment preview for max_previews', () => {
  it.each([
    [
      'one member',
      [
        member(
          ['pr-1', 'pr-2'],
          [
            [1, 1],
            [2, 2],
          ],
        ),
      ],
      [
        [1, 1],
        [2, 2],
      ],
    ],
    [
      'the newest deploy of any member counts',
      [
        member(
          ['pr-1', 'pr-2'],
          [
            [1, 1],
            [2, 2],
          ],
        ),
        member(
          ['pr-1', 'pr-2'],
          [
            [1, 5],
            [2, 3],
          ],
        ),
      ],
      [
        [1, 5],
        [2, 3],
      ],
    ],
    [
      'live while any member carries the tag',
      [
        member(
          ['pr-1'],
          [
            [1, 1],
            [2, 2],
          ],
        ),
        member(['pr-2'], [[2, 4]]),
      ],
      [
        [1, 1],
        [2, 4],
      ],
    ],
    [
      'revisions without a tag on any member are no preview (evicted or swept)',
      [member([], [[1, 1]]), member(['blue'], [[1, 2]])],
      [],
    ],
  ])('%s', (_, members, expected) => {
    const live = liveEnvironmentPreviews(members);
    expect([...live.entries()].map(([pr, d]) => [pr, d.getUTCDate()]).sort()).toEqual(expected);
  });
});
