import { describe, expect, it } from 'vitest';
import {
  environmentMarker,
  environmentVerdictOf,
  renderEnvironmentComment,
  renderEnvironmentSummary,
} from '../../../src/report/environment-markdown.js';
import {
  MAX_COMMENT_CHARS,
  isStickyFor,
  nextHistory,
  parseCommentState,
} from '../../../src/report/markdown-comment.js';
import { ENV_CTX, ENV_OUTCOMES, environment, member, urlOf } from '../../fixtures/environment-outcomes.js';
import { renderLikeGitHub } from '../../tools/github-markdown.js';

const comment = (name: string): string => {
  const o = ENV_OUTCOMES[name];
  if (o === undefined) throw new Error(`no outcome ${name}`);
  return renderEnvironmentComment({ env: o.env, history: o.history, ctx: o.ctx });
};

const visible = (md: string): string => md.replace(/<!-- gcp-deploy:state [^ ]* -->/, '');
const invisible = (md: string): boolean => /\p{Cf}/u.test(md.replace(/\u200B/g, ''));
/** The table's body rows as GitHub parses them: the cells of each. */
const cells = (html: string): string[][] =>
  [...(html.split('</table>')[0] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .slice(1)
    .map((r) => [...(r[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1] ?? ''));

describe('the environment comment for each outcome, as GitHub renders it', () => {
  it.each(Object.keys(ENV_OUTCOMES))('%s', async (name) => {
    const md = comment(name);
    await expect(md).toMatchFileSnapshot(`__snapshots__/environments/${name}.md`);
    await expect(renderLikeGitHub(md)).toMatchFileSnapshot(`__snapshots__/environments/${name}.html`);
    expect(isStickyFor(md, environmentMarker('shop'))).toBe(true);
    expect(md.startsWith('<!-- gcp-deploy:preview environment=shop -->\n**')).toBe(true);
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
  });

  it('heads each outcome with the environment verdict', () => {
    const first = (name: string): string => comment(name).split('\n')[1] ?? '';
    expect(first('ready')).toBe(
      '**✅ Environment ready (3 services)** · ' +
        '[`3f9c2a7`](https://github.com/acme/shop/commit/3f9c2a7d1e5b8c4f6a0d2e9b7c1f3a5d8e0b2c4f) · ' +
        '12/12 checks passed · took 2 min 09 s · updated 2 Dec 2026, 17:06 UTC',
    );
    expect(first('failed-restored')).toMatch(
      /^\*\*↩️ `web` failed: all 3 services returned to their last good previews\*\* · /,
    );
    expect(first('building')).toMatch(/^\*\*🏗️ Building: 1 of 3 services ready\*\* · /);
    expect(first('cancelled')).toMatch(/^\*\*⏹️ Cancelled\*\* · /);
    expect(first('removed')).toMatch(/^\*\*🧹 Removed \(3 services\)\*\* · /);
    expect(environmentVerdictOf(ENV_OUTCOMES['failed-restored'].env)).toBe('rolled-back');
  });

  it('shows one row per service with its state, URL, checks and per-phase timings', () => {
    const html = renderLikeGitHub(comment('ready'));
    const rows = cells(html);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toHaveLength(5);
    expect(rows[2]?.[0]).toBe('<code>web</code> needs <code>api</code>');
    expect(rows[0]?.[1]).toBe('✅ passed');
    expect(rows[0]?.[2]).toBe(
      `<a href="${urlOf('api')}/" rel="nofollow">pr-7---api-abc123xyz-ew.a.run.app</a>`,
    );
    expect(rows[0]?.[3]).toBe('health ✅ · thresholds ✅ 2 passed');
    expect(rows[0]?.[4]).toBe('build 12 s · push 2 s · deploy 4 s · ready 900 ms · checks 3 s');
    const building = cells(renderLikeGitHub(comment('building')));
    expect(building.map((r) => r[1])).toEqual(['🚀 deploying', '♻️ reused', '🏗️ building']);
    expect(building[2]?.slice(2)).toEqual(['—', '—', '—']);
  });

  it('says which service failed and why, and folds its own report open below the table', () => {
    const md = visible(comment('failed-restored'));
    const rows = cells(renderLikeGitHub(md));
    expect(rows.map((r) => r[1])).toEqual(['⏪ restored', '⏪ restored', '↩️ rolled back (checks)']);
    expect(rows[2]?.[3]).toBe('health ✅ · thresholds ❌ 1 failed, 1 passed · ❌ 1 check failed');
    expect(rows[2]?.[4]).toContain('❌ checks 6 s');
    expect(md).toContain('**Why:** web: Smoke checks failed: http\\_req\\_duration p\\(95\\)&lt;500');
    expect(md).toContain('Production is untouched.');
    expect(md).toContain('**Note:** api and worker passed');
    expect(md).toContain('<details open><summary>web: ↩️ Checks failed, rolled back</summary>');
    // The member's own report: its checks table, failing rows first.
    expect(md).toContain('| `http_req_duration` | `p(95)<500` | 912.5 ms | ❌ |');
    expect(md.match(/<summary>/g)).toHaveLength(3); // web's report, its details, earlier runs
    expect(visible(comment('ready'))).not.toContain('<details open>');
  });

  it('writes the same table and details to the job summary, without marker or state', () => {
    const o = ENV_OUTCOMES['failed-restored'];
    const summary = renderEnvironmentSummary(o.env, o.ctx);
    expect(summary).not.toContain('gcp-deploy:');
    expect(summary).not.toContain('Earlier runs');
    expect(summary.split('\n')[0]).toBe(comment('failed-restored').split('\n')[1]);
    expect(summary).toContain('| Service | State | URL | Checks | Timings |');
    expect(summary).toContain('<details open><summary>web: ↩️ Checks failed, rolled back</summary>');
  });
});

describe('history across runs', () => {
  it('moves the previous run into the folded history and keeps progress of the same run as one entry', () => {
    const first = renderEnvironmentComment({ env: environment({}), history: [], ctx: ENV_CTX });
    const second = environment({
      runUrl: 'https://github.com/acme/shop/actions/runs/5200',
      commitSha: 'b'.repeat(40),
      state: 'building',
    });
    const history = nextHistory(parseCommentState(first), second);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ verdict: 'ready', sha: '3f9c2a7d1e5b8c4f6a0d2e9b7c1f3a5d8e0b2c4f' });
    const body = renderEnvironmentComment({ env: second, history, ctx: ENV_CTX });
    expect(body).toContain('Earlier runs (1)');
    expect(visible(body)).toContain(
      '- ✅ Preview ready · [`3f9c2a7`](https://github.com/acme/shop/commit/3f9c2a7d1e5b8c4f6a0d2e9b7c1f3a5d8e0b2c4f) · [run](https://github.com/acme/shop/actions/runs/5151) · 2 Dec 2026, 17:04 UTC',
    );
    // A progress update of the same run replaces the current entry rather than adding one.
    const same = nextHistory(parseCommentState(body), environment({ ...second, state: 'ready' }));
    expect(same).toEqual(history);
    expect(parseCommentState(body)?.current).toMatchObject({ state: 'building', sha: 'b'.repeat(40) });
  });

  it('marks earlier previews as removed after a removal', () => {
    expect(visible(comment('removed'))).toContain('09:15 UTC · preview since removed');
  });
});

describe('hostile text', () => {
  const bidi = '\u202Eexe.gnp\u202C\u2066';
  const hostileName = 'api</details><!-- x --> @octocat | `a` [x](javascript:alert(1))';
  const hostileUrl = 'https://evil.example/a)|[pwn](javascript:alert(1))<img src=x onerror=alert(1)>';
  const env = environment({
    state: 'failed',
    result: 'failure',
    failureReason: `${bidi} web failed </details> <!-- --> @octocat ${'x'.repeat(70_000)}`,
    notes: Array.from({ length: 200 }, (_, i) => `note ${i} ${bidi} ${'y'.repeat(3000)}`),
    members: [
      member(hostileName, 'failed', {
        state: 'failed',
        result: 'failure',
        url: hostileUrl,
        failureReason: `${bidi}${'z'.repeat(70_000)}`,
        notes: Array.from({ length: 100 }, () => 'w'.repeat(3000)),
        phases: [{ phase: 'checks', durationMs: 2_000, ok: false }],
      }),
      member('worker', 'restored', { url: 'javascript:alert(1)' }),
      member(`web${bidi}`, 'restored', {}, [hostileName]),
    ],
  });
  const md = renderEnvironmentComment({ env, history: ENV_OUTCOMES.ready.history, ctx: ENV_CTX });
  const html = renderLikeGitHub(md);

  it('stays within the size limit with marker, verdict, table and state', () => {
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(md.startsWith(`${environmentMarker('shop')}\n**❌ `)).toBe(true);
    expect(parseCommentState(md)?.current.state).toBe('failed');
    expect(cells(html)).toHaveLength(3);
    expect(md).toContain('_190 more notes in the workflow run._');
    expect(md).toContain('<details open><summary>api&lt;/details&gt;&lt;!-- x --&gt; @\u200Boctocat');
    for (const r of cells(html)) expect(r).toHaveLength(5);
    const summary = renderEnvironmentSummary(env, ENV_CTX);
    expect(summary).toContain('| Service | State | URL | Checks | Timings |');
  });

  it('escapes names, URLs, reasons and notes', () => {
    expect(invisible(md)).toBe(false);
    expect(md.match(/<!--/g)).toHaveLength(2);
    expect(md.split('-->').length - 1).toBe(2);
    expect(html.match(/<details/g)?.length).toBe(html.match(/<\/details>/g)?.length);
    expect(html).not.toMatch(/<img|<[^>]* onerror=|href="javascript:/i);
    expect(html).not.toMatch(/@<a|<a[^>]*>@octocat/);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    for (const h of hrefs) expect(h).toMatch(/^https:\/\//);
    // The hostile URL links one target on its own host, whichever of the rows shows it.
    expect(new Set(hrefs.filter((h) => h.includes('evil.example')))).toEqual(
      new Set([
        'https://evil.example/a%29%7C%5Bpwn%5D%28javascript:alert%281%29%29%3Cimg%20src=x%20onerror=alert%281%29%3E',
      ]),
    );
    expect(cells(html)[1]?.[2]).toBe('<code>javascript:alert(1)</code>');
    // A URL that does not parse (bidi in the host) is shown as code: GFM would otherwise autolink it.
    expect(cells(html)[2]?.[2]).toBe('<code>https://pr-7---webexe.gnp-abc123xyz-ew.a.run.app</code>');
  });
});
