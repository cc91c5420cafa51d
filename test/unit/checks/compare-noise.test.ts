/**
 * The comparison on recorded samples: 120 interleaved pairs of real rounds (the default round, 2 VUs on `/`
 * for 2 s) between two unchanged local servers, recorded by `RECORD=<file> RECORDED=120 npm run bench:compare`.
 * Cut in order into 20 runs of 6 pairs, each run is one comparison as a preview would make it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareRounds, type RoundValues } from '../../../src/checks/compare.js';

type Pair = { preview: RoundValues; baseline: RoundValues };
const { pairs } = JSON.parse(
  readFileSync(new URL('./fixtures/compare-noise-rounds.json', import.meta.url), 'utf8'),
) as { pairs: Pair[] };
const runs = Array.from({ length: 20 }, (_, r) => pairs.slice(r * 6, r * 6 + 6));

describe('comparison noise on recorded rounds', () => {
  it('has 20 runs of 6 real pairs', () => {
    expect(runs.every((r) => r.length === 6)).toBe(true);
  });

  it('an unchanged app is "within noise" on every metric in at least 19 of 20 runs', () => {
    const quiet = runs.filter((r) => compareRounds(r).metrics.every((m) => m.verdict === 'within noise'));
    expect(quiet.length).toBeGreaterThanOrEqual(19);
  });

  it('the same rounds with the preview 10 ms slower are a p95 regression in at least 19 of 20 runs', () => {
    const slower = (p: Pair): Pair => ({
      ...p,
      preview: { ...p.preview, p50: p.preview.p50 + 10, p95: p.preview.p95 + 10, p99: p.preview.p99 + 10 },
    });
    const caught = runs.filter(
      (r) => compareRounds(r.map(slower)).metrics.find((m) => m.metric === 'p95')?.verdict === 'regression',
    );
    expect(caught.length).toBeGreaterThanOrEqual(19);
  });
});
