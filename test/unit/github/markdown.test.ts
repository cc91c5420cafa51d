import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  escapeProse,
  escapeTableCell,
  escapeText,
  inlineCode,
  neutraliseCommentDelimiters,
  safeLink,
  sanitiseMarkerValue,
  splitFirstSentence,
  stripInvisible,
  truncate,
} from '../../../src/report/markdown.js';
import {
  MAX_HISTORY,
  commentMarker,
  isStickyFor,
  nextHistory,
  parseCommentState,
  renderStickyComment,
} from '../../../src/report/markdown-comment.js';
import {
  formatDuration,
  formatMeasured,
  formatTime,
  renderJobSummary,
} from '../../../src/report/markdown-report.js';
import type { RunReport } from '../../../src/report/run-report.js';

const HOSTILE = [
  '</details><!-- -->',
  '<!-- gcp-deploy:preview service=api -->',
  '@octocat @org/team',
  '<img src=x onerror=alert(1)>',
  'a`b``c```',
  'x | y | z',
  'line1\nline2\r\n## heading',
  '[link](javascript:alert(1))',
];

function report(over: Partial<RunReport> = {}): RunReport {
  return {
    command: 'preview',
    state: 'ready',
    service: 'web',
    project: 'p',
    region: 'europe-west1',
    phases: [{ phase: 'build', durationMs: 1234, ok: true }],
    notes: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    runUrl: 'https://github.com/o/r/actions/runs/1',
    ...over,
  };
}

describe('escaping helpers', () => {
  it.each(HOSTILE)('keeps %j inert as text and as a table cell', (text) => {
    for (const out of [escapeText(text), escapeTableCell(text)]) {
      expect(out).not.toMatch(/<|>|<!--|-->|\n|\r/);
      expect(out).not.toMatch(/@[A-Za-z]/);
      expect(out.replace(/\\\|/g, '')).not.toContain('|');
    }
  });

  it('fences code spans longer than any backtick run and escapes pipes in tables', () => {
    expect(inlineCode('a`b``c')).toBe('```a`b``c```');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(inlineCode('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(inlineCode('')).toBe('` `');
  });

  it('never leaves an HTML comment delimiter, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '!', '-', '>', 'a', ' ') }), (s) => {
        const out = neutraliseCommentDelimiters(s);
        expect(out).not.toContain('<!--');
        expect(out).not.toContain('-->');
      }),
    );
  });

  it('links only http(s) targets', () => {
    expect(safeLink('run', 'https://github.com/o/r/actions/runs/1')).toBe(
      '[run](https://github.com/o/r/actions/runs/1)',
    );
    expect(safeLink('x', 'javascript:alert(1)')).toBe('x');
    expect(safeLink('x', 'https://e.test/a)b')).toBe('[x](https://e.test/a%29b)');
  });

  it('reduces a service name to marker-safe characters', () => {
    expect(sanitiseMarkerValue('My Service -->')).toBe('my-service-');
    expect(commentMarker('web')).toBe('<!-- gcp-deploy:preview service=web -->');
  });
});

describe('report tables', () => {
  it('formats durations and measured values in their units', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(
      formatMeasured({ metric: 'http_req_failed', expression: 'rate<0.01', actual: 0.005, ok: true }),
    ).toBe('0.50 %');
    expect(
      formatMeasured({ metric: 'http_req_duration', expression: 'p(95)<500', actual: 123.45, ok: true }),
    ).toBe('123.5 ms');
    expect(formatMeasured({ metric: 'x', expression: 'count>1', actual: null, ok: false })).toBe('n/a');
  });

  it('renders thresholds with measured values, phases and a failure reason, all escaped', () => {
    const md = renderJobSummary(
      report({
        state: 'failed',
        failureReason: 'boom <script> | @admin',
        smoke: {
          ok: false,
          aborted: false,
          thresholds: [
            { metric: 'http_req_duration{name:a|b}', expression: 'p(95)<500', actual: 812, ok: false },
          ],
          checks: [{ name: 'status is 200', passes: 9, fails: 1 }],
          metrics: {},
          textSummary: '',
        },
      }),
      { headRef: HOSTILE[0], prTitle: HOSTILE[2] },
    );
    expect(md).toContain('| `http_req_duration{name:a\\|b}` | `p(95)<500` | 812.0 ms | ❌ |');
    expect(md).toContain('| check status is 200 | no failures | 9 passed, 1 failed | ❌ |');
    expect(md).toContain('✅ build 1.2 s');
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/@admin|@octocat/);
    // The branch lands in a code span, where GitHub shows HTML as text; the comment delimiters are broken.
    expect(md).toContain('branch `</details><!-\u200B- -\u200B->`');
    const outsideCode = md.replace(/`[^`]*`/g, '');
    expect(outsideCode.match(/<\/details>/g)).toHaveLength(outsideCode.match(/<details[ >]/g)?.length ?? -1);
  });
});

describe('sticky comment', () => {
  it('starts with the marker, round-trips its state and folds other runs newest first, at most ten', () => {
    let body = renderStickyComment({
      service: 'web',
      report: report({ runUrl: 'https://g.test/runs/0' }),
      history: [],
    });
    expect(isStickyFor(body, commentMarker('web'))).toBe(true);
    expect(isStickyFor(`quoted\n${body}`, commentMarker('web'))).toBe(false);
    for (let run = 1; run <= 12; run++) {
      const next = report({ runUrl: `https://g.test/runs/${run}`, commitSha: `${run}`.padStart(40, 'a') });
      body = renderStickyComment({
        service: 'web',
        report: next,
        history: nextHistory(parseCommentState(body), next),
      });
    }
    const state = parseCommentState(body);
    expect(state?.current.runUrl).toBe('https://g.test/runs/12');
    expect(state?.history.map((h) => h.runUrl)).toEqual(
      Array.from({ length: MAX_HISTORY }, (_, i) => `https://g.test/runs/${11 - i}`),
    );
    expect(body).toContain(`<details><summary>Earlier runs (${MAX_HISTORY})</summary>`);
  });

  it('replaces the current entry when the same run reports progress', () => {
    const first = report({ state: 'building' });
    const body = renderStickyComment({ service: 'web', report: first, history: [] });
    expect(nextHistory(parseCommentState(body), report({ state: 'ready' }))).toEqual([]);
  });

  it('treats a tampered or missing state block as no history', () => {
    expect(parseCommentState('no state here')).toBeNull();
    expect(parseCommentState('<!-- gcp-deploy:state !!!notbase64 -->')).toBeNull();
  });
});

describe('untrusted prose', () => {
  it('removes bidi controls and other invisible format characters, keeping the visible text', () => {
    expect(stripInvisible('a\u202Eb\u2066c\u2069\u200B\u200D\uFEFF\u00ADd')).toBe('abcd');
    expect(escapeText('main\u202E')).toBe('main');
    expect(inlineCode('x\u202Ey')).toBe('`xy`');
  });

  it('links each URL in a message exactly, with the text around it escaped', () => {
    expect(escapeProse('see https://e.test/a_b#c?x=1&y=2. Then _retry_')).toBe(
      'see [e.test/a\\_b](https://e.test/a_b#c?x=1&amp;y=2). Then \\_retry\\_',
    );
    expect(escapeProse('at www.e.test/x, now')).toBe('at [www.e.test/x](https://www.e.test/x), now');
    expect(escapeProse('title https://e.test/x', { links: false })).toBe('title `https://e.test/x`');
  });

  it('cuts a message after its first sentence, not at a dot inside a name or a URL', () => {
    expect(splitFirstSentence('Revision web.v1 is not ready. The container failed.')).toEqual({
      first: 'Revision web.v1 is not ready.',
      rest: 'The container failed.',
    });
    expect(splitFirstSentence('no sentence end here')).toEqual({ first: 'no sentence end here', rest: '' });
    expect(splitFirstSentence('x'.repeat(300), 10).first).toBe(`${'x'.repeat(10)}…`);
  });

  it('truncates by code point and marks the cut', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀…');
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('writes times as day, month, year and UTC time', () => {
    expect(formatTime('2026-01-05T07:08:09Z')).toBe('5 Jan 2026, 07:08 UTC');
  });
});
