import { describe, expect, it } from 'vitest';
import {
  commitLink,
  compactDuration,
  firstThatFits,
  folded,
  formatDuration,
  formatTime,
  headlineLine,
  noteLine,
  noteLines,
  serviceCode,
  table,
  whyLine,
} from '../../../src/report/markdown-parts.js';
import { renderComparisonSection } from '../../../src/report/comparison-markdown.js';
import { renderChecksCell, renderTimings } from '../../../src/report/environment-markdown.js';
import { renderEnvironmentComment } from '../../../src/report/environment-markdown.js';
import { renderReport } from '../../../src/report/markdown-report.js';
import { newReport } from '../../../src/report/phases.js';
import type { RunReport } from '../../../src/report/run-report.js';
import { environment, member } from '../../fixtures/environment-outcomes.js';

const SHA = '3f9c2a7d1e5b8c4f6a0d2e9b7c1f3a5d8e0b2c4f';
const NOW = new Date('2026-12-02T17:06:10Z');

describe('the time format both layouts share', () => {
  it.each([
    [0, '0 ms', '0 ms'],
    [999.4, '999 ms', '999 ms'],
    [1000, '1.0 s', '1 s'],
    [12_345, '12.3 s', '12 s'],
    [59_999, '60.0 s', '60 s'],
    [60_000, '1 min 00 s', '1 min 00 s'],
    [125_000, '2 min 05 s', '2 min 05 s'],
    [-1, 'n/a', 'n/a'],
    [Number.NaN, 'n/a', 'n/a'],
  ])('%s ms reads %s, in a table cell %s', (ms, full, compact) => {
    expect(formatDuration(ms)).toBe(full);
    expect(compactDuration(ms)).toBe(compact);
  });

  it.each([
    ['2026-12-02T17:01:59Z', '2 Dec 2026, 17:01 UTC'],
    ['2026-01-09T03:04:00+02:00', '9 Jan 2026, 01:04 UTC'],
    ['not a date *', 'not a date \\*'],
  ])('%s is shown as %s', (at, shown) => {
    expect(formatTime(at)).toBe(shown);
  });

  it('a comparison that took over a minute reads as every other duration (was "75.0 s")', () => {
    const text = renderComparisonSection({
      against: 'production',
      baselineRevision: 'web-baseline',
      coldStartMs: { preview: 61_000 },
      regression: [],
      mode: 'fail',
      durationMs: 75_000,
    });
    expect(text).toContain('the comparison took 1 min 15 s');
    expect(text).toContain('cold start: preview 1 min 01 s, baseline n/a');
  });
});

describe('the first line both layouts share', () => {
  const base = {
    title: '✅ Preview ready',
    tally: { passed: 0, total: 0 },
    startedAt: '2026-12-02T17:05:00Z',
    now: NOW,
  };
  it.each([
    [{}, '**✅ Preview ready** · took 1 min 10 s · updated 2 Dec 2026, 17:06 UTC'],
    [
      { slower: 'slower than production', commitSha: SHA, repoUrl: 'https://github.com/a/b' },
      `**✅ Preview ready** · **slower than production** · [\`3f9c2a7\`](https://github.com/a/b/commit/${SHA}) · took 1 min 10 s · updated 2 Dec 2026, 17:06 UTC`,
    ],
    [
      { steps: '10 % → 100 %', tally: { passed: 3, total: 4 }, startedAt: '2026-12-02T17:07:00Z' },
      '**✅ Preview ready** · 10 % → 100 % · 3/4 checks passed · updated 2 Dec 2026, 17:06 UTC',
    ],
    [
      { commitSha: 'not-a-sha', repoUrl: 'https://github.com/a/b' },
      '**✅ Preview ready** · `not-a-s` · took',
    ],
  ])('%o', (over, start) => {
    expect(headlineLine({ ...base, ...over })).toContain(start);
  });

  it('a commit is linked only when it is hex and the repository is known', () => {
    expect(commitLink(undefined, 'https://github.com/a/b')).toBeUndefined();
    expect(commitLink(SHA, undefined)).toBe('`3f9c2a7`');
    expect(commitLink('](javascript:x)', 'https://github.com/a/b')).toBe('`](javas`');
  });

  it('an environment sums the checks of its services as the single layout counts them', () => {
    const ok = member('api', 'passed');
    const bad = member('web', 'failed');
    const env = environment({ members: [ok, bad] });
    const one = (r: RunReport): string =>
      /(\d+)\/(\d+) checks passed/.exec(renderReport(r, { now: NOW }))?.[0] ?? '';
    const [a, b] = [one(ok.report), one(bad.report)].map((s) => s.split(' ')[0].split('/').map(Number));
    const body = renderEnvironmentComment({ env, history: [], ctx: { now: NOW } });
    expect(body).toContain(`${a[0] + b[0]}/${a[1] + b[1]} checks passed`);
  });
});

describe('notes, why and names, one rule for both layouts', () => {
  it.each([
    ['run `gcp-deploy proxy web`', '**Note:** run `gcp-deploy proxy web`'],
    ['@team look <b>', '**Note:** @\u200Bteam look &lt;b&gt;'],
    ['x'.repeat(2100), `**Note:** ${'x'.repeat(1999)}…`],
  ])('note %#', (note, line) => {
    expect(noteLine(note)).toBe(line);
  });

  it('a note about one service names it as code', () => {
    expect(noteLine('runs as production', { about: 'api' })).toBe('**Note:** `api`: runs as production');
  });

  it.each([
    [3, false, 3, undefined],
    [12, false, 12, undefined],
    [12, true, 11, '_2 more notes in the workflow run._'],
    [11, true, 11, '_1 more note in the workflow run._'],
  ])('%i notes, compact %s: %i lines', (n, compact, lines, last) => {
    const out = noteLines(
      Array.from({ length: n }, (_, i) => `note ${i} ${'y'.repeat(400)}`),
      compact,
    );
    expect(out).toHaveLength(lines);
    if (last !== undefined) expect(out.at(-1)).toBe(last);
    // Compact notes are cut to 300 characters, full ones keep their 400.
    expect(out[0].length).toBeLessThan(compact ? 330 : 430);
    expect(out[0].length).toBeGreaterThan(compact ? 300 : 400);
  });

  it('a compact single-service body keeps its first notes as a compact environment body does', () => {
    const notes = Array.from({ length: 12 }, (_, i) => `note ${i} ${'y'.repeat(400)}`);
    const report = { ...newReport({ command: 'preview', service: 'web', region: 'r', project: 'p' }), notes };
    const text = renderReport(report, { now: NOW }, { compact: true });
    for (const line of noteLines(notes, true)) expect(text).toContain(line);
    expect(text).toContain('_2 more notes in the workflow run._');
    expect(text).not.toContain('y'.repeat(300));
  });

  it('why is escaped and cut like a note', () => {
    expect(whyLine('a *b* https://x.test/p', ' (more)')).toBe(
      '**Why:** a \\*b\\* [x.test/p](https://x.test/p) (more)',
    );
    expect(whyLine('z'.repeat(3000)).length).toBeLessThan(2020);
  });

  it.each([
    ['web', false, '`web`'],
    ['a|b', true, '`a\\|b`'],
    ['two\nlines', false, '`two lines`'],
    ['n'.repeat(80), false, `\`${'n'.repeat(62)}…\``],
  ])('service %j is shown as %s', (name, inTable, shown) => {
    expect(serviceCode(name, inTable)).toBe(shown);
  });

  it('a single service with an absurd name is cut in the services table as in the environment table', () => {
    const report = {
      ...newReport({ command: 'preview', service: 's'.repeat(90), region: 'r', project: 'p' }),
    };
    const text = renderReport(report, { now: NOW });
    expect(text).toContain(`\`${'s'.repeat(62)}…\` r |`);
  });
});

describe('the environment cells come from the same check rows and phase totals', () => {
  const report = (over: Partial<RunReport>): RunReport => ({
    ...newReport({ command: 'preview', service: 'web', region: 'r', project: 'p' }),
    ...over,
  });
  it.each<[Partial<RunReport>, string]>([
    [{}, '—'],
    [
      { health: { url: 'https://x.test/', ok: false, attempts: 3, lastStatus: 503, timeToHealthyMs: null } },
      'health ❌',
    ],
    [
      {
        smoke: {
          ok: false,
          aborted: true,
          metrics: {},
          textSummary: '',
          thresholds: [
            { metric: 'm', expression: 'p(95)<1', actual: 2, ok: false },
            { metric: 'n', expression: 'rate<1', actual: 0, ok: true },
          ],
          checks: [
            { name: 'a', passes: 1, fails: 1 },
            { name: 'b', passes: 1, fails: 0 },
          ],
        },
      },
      'thresholds ❌ 1 failed, 1 passed · ❌ 1 check failed · aborted',
    ],
  ])('%o → %s', (over, cell) => {
    expect(renderChecksCell(report(over))).toBe(cell);
  });

  it('timings: each phase once in the order it first ran, summed, a failed one marked', () => {
    const phases = [
      { phase: 'deploy' as const, durationMs: 4_000, ok: true },
      { phase: 'health' as const, durationMs: 600, ok: false },
      { phase: 'deploy' as const, durationMs: 2_400, ok: true },
    ];
    expect(renderTimings(report({ phases }))).toBe('deploy 6 s · ❌ health 600 ms');
    expect(renderReport(report({ phases }), { now: NOW })).toContain(
      '**Phases:** ❌ health 600 ms · ✅ deploy ×2 6.4 s · total 7.0 s',
    );
  });
});

describe('folding, tables and the size cap', () => {
  it('a folded section opens only when asked', () => {
    expect(folded('S', 'body')).toBe('<details><summary>S</summary>\n\nbody\n\n</details>');
    expect(folded('S', 'body', true).startsWith('<details open>')).toBe(true);
  });

  it('a table aligns as told, else left', () => {
    expect(table(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
    expect(table(['a'], [], ['--:'])).toBe('| a |\n| --: |');
  });

  it.each([
    [100, 'large'],
    [10, 'small'],
    [1, 'tiny'],
  ])('limit %i: the first form that fits, else the last', (limit, form) => {
    const texts: Record<string, string> = {
      large: 'x'.repeat(50),
      small: 'x'.repeat(5),
      tiny: 'x'.repeat(3),
    };
    expect(
      firstThatFits(
        ['large', 'small', 'tiny'],
        (f) => texts[f],
        (t) => t.length <= limit,
      ),
    ).toBe(texts[form]);
  });
});
