import { describe, expect, it } from 'vitest';
import {
  MAX_COMMENT_CHARS,
  commentMarker,
  isStickyFor,
  parseCommentState,
  renderStickyComment,
} from '../../../src/report/markdown-comment.js';
import { MAX_SUMMARY_BYTES, renderJobSummary } from '../../../src/report/markdown-report.js';
import { VERDICTS, verdictOf } from '../../../src/report/verdict.js';
import { CTX, HOSTILE_CTX, OUTCOMES } from '../../fixtures/comment-outcomes.js';
import { renderLikeGitHub } from '../../tools/github-markdown.js';

const comment = (name: string, ctx = OUTCOMES[name]?.ctx): string => {
  const o = OUTCOMES[name];
  if (o === undefined) throw new Error(`no outcome ${name}`);
  return renderStickyComment({ service: 'web', report: o.report, history: o.history, ctx });
};

/** The body without its base64 state block, which snapshots and text checks need not read. */
const visible = (md: string): string => md.replace(/<!-- gcp-deploy:state [^ ]* -->/, '');

/** Any format character apart from the zero-width space the renderer itself puts after `@` and into `<!--`. */
const invisible = (md: string): boolean => /\p{Cf}/u.test(md.replace(/\u200B/g, ''));

describe('the sticky comment for each outcome, as GitHub renders it', () => {
  it.each(Object.keys(OUTCOMES))('%s', async (name) => {
    const md = comment(name);
    const html = renderLikeGitHub(md);
    await expect(md).toMatchFileSnapshot(`__snapshots__/comments/${name}.md`);
    await expect(html).toMatchFileSnapshot(`__snapshots__/comments/${name}.html`);
  });

  it('gives every outcome its own heading and symbol', () => {
    const kinds = Object.values(OUTCOMES).map((o) => verdictOf(o.report));
    expect(new Set(kinds).size).toBe(kinds.length);
    const symbols = Object.values(VERDICTS).map((v) => v.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
    for (const name of Object.keys(OUTCOMES)) {
      const first = visible(comment(name)).split('\n')[1] ?? '';
      const v = VERDICTS[verdictOf(OUTCOMES[name].report)];
      expect(first.startsWith(`**${v.symbol} ${v.title}**`), name).toBe(true);
    }
  });

  it('puts the verdict, the link, the linked commit, checks, duration and time on the first line', () => {
    const first = comment('ready').split('\n')[1];
    expect(first).toBe(
      '**✅ Preview ready** · **[Open preview ↗](https://pr-7---web-abc123xyz-ew.a.run.app/)** · ' +
        '[`3f9c2a7`](https://github.com/acme/web/commit/3f9c2a7d1e5b8c4f6a0d2e9b7c1f3a5d8e0b2c4f) · ' +
        '5/5 checks passed · took 2 min 39 s · updated 2 Dec 2026, 17:04 UTC',
    );
    expect(comment('ready')).toContain('<details><summary>');
    expect(comment('ready')).not.toContain('<details open>');
  });

  it('says a revision that never started failed to start, with no preview and the deploy phase failed', () => {
    const md = visible(comment('failed-to-start'));
    expect(md).not.toMatch(/Rolled back|rolled back/);
    expect(md).toContain('No preview: tag `pr-7` was removed');
    expect(md).toContain('❌ deploy');
    expect(md).not.toContain('Visit preview');
    expect(md).toContain('<details open>');
  });

  it('marks the failed checks phase and lists failing checks first, saying what the URL serves now', () => {
    const md = visible(comment('checks-failed-rolled-back'));
    expect(md).toContain('❌ checks 30.4 s');
    expect(md).not.toContain('✅ checks');
    const rows = md.split('\n').filter((l) => /^\| .* \| (✅|❌) \|$/.test(l));
    expect(rows.map((r) => r.endsWith('❌ |'))).toEqual([true, true, false, false, false]);
    expect(md).toContain('tag `pr-7` serves `web-pr-7-9e8d7c6-a1b2c` again');
    expect(visible(comment('checks-failed-kept'))).toContain(
      'tag `pr-7` still serves the failing revision `web-pr-7-3f9c2a7-x1y2z`',
    );
    expect(visible(comment('checks-failed-kept'))).toContain('(12 attempts)');
    expect(visible(comment('ready'))).toContain('(1 attempt)');
  });

  it('heads a candidate as a candidate, not a preview, naming its tag and what promotes it', () => {
    const o = OUTCOMES['candidate-ready'];
    const summary = renderJobSummary(o.report, o.ctx);
    const first = summary.split('\n')[0];
    expect(first).toMatch(
      /^\*\*🎯 Candidate ready\*\* · \*\*\[Open candidate ↗\]\(https:\/\/candidate---web/,
    );
    expect(summary).toContain(
      'tag `candidate` serves the candidate `web-release-3f9c2a7-k9m8n` with no traffic; a release of this commit promotes it.',
    );
    expect(summary).toContain('[Visit candidate](https://candidate---web-abc123xyz-ew.a.run.app/)');
    expect(summary).not.toMatch(/preview/i);
    // The same report from a preview keeps the preview's words.
    const asPreview = renderJobSummary({ ...o.report, command: 'preview' }, o.ctx);
    expect(asPreview.split('\n')[0]).toMatch(/^\*\*✅ Preview ready\*\* · \*\*\[Open preview ↗\]/);
  });

  it('heads a promotion as one, labels production, shows each canary step and each revision once', () => {
    const md = visible(comment('promoted'));
    expect(md).not.toMatch(/Preview URL|promote of|Deploying/);
    expect(md).toContain('[Open production ↗](https://web-abc123xyz-ew.a.run.app/)');
    expect(md).toContain('10 % → 50 % → 100 %');
    expect(md).toContain(
      '**Step 2 of 3:** ✅ 50 % · health ✅ · smoke ✅ · error rate ✅ 0.15 % of requests failed, 0.10 % before the promotion',
    );
    // The promoted revision once (its candidate tag folded in), `prev`, and none of the PR tags.
    expect(md).toContain(
      '**Traffic now:** `web-release-3f9c2a7-k9m8n` 100 % · `web-release-9e8d7c6-p7q6r` 0 % (tag `prev`)\\\n',
    );
    expect(md).not.toMatch(/pr-8|pr-9|web-pr-7/);
    expect(visible(comment('promotion-rolled-back'))).toContain('Stopped at 10 %; traffic was restored');
    expect(visible(comment('production-rolled-back'))).toContain('**⏮️ Production rolled back**');
  });

  it('turns the URLs in a Cloud Run message into exact links and never into broken autolinks', () => {
    const html = renderLikeGitHub(comment('failed-to-start'));
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs).toContain('https://cloud.google.com/run/docs/troubleshooting#container-failed-to-start');
    const logs = hrefs.find((h) => h.startsWith('https://console.cloud.google.com/logs/viewer'));
    expect(logs?.replace(/&amp;/g, '&')).toBe(
      'https://console.cloud.google.com/logs/viewer?project=demo-project&resource=cloud_run_revision/service_name/web/revision_name/web-pr-7-3f9c2a7-x1y2z&advancedFilter=resource.type%3D%22cloud_run_revision%22%0Aresource.labels.service_name%3D%22web%22',
    );
    for (const h of hrefs) expect(h).not.toMatch(/%5C|&amp;amp;|\\/);
    const text = html.replace(/<[^>]*>/g, '');
    expect(text).not.toMatch(/\\[_#()]/);
  });

  it('keeps earlier runs as readable lines and marks previews that cleanup removed', () => {
    const md = visible(comment('removed'));
    expect(md).toContain('1 Dec 2026, 09:15 UTC · preview since removed');
    expect(md).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(md).not.toContain('pr-7---web');
  });

  it('opens the details in the job summary whatever the outcome', () => {
    for (const o of Object.values(OUTCOMES)) {
      const summary = renderJobSummary(o.report, o.ctx);
      expect(summary).toContain('<details open>');
      expect(summary).not.toContain('gcp-deploy:');
    }
  });
});

describe('hostile titles and branch names', () => {
  it.each(['ready', 'failed-to-start', 'removed'])('%s stays inert', async (name) => {
    const md = comment(name, HOSTILE_CTX);
    await expect(md).toMatchFileSnapshot(`__snapshots__/comments/hostile-${name}.md`);
    const html = renderLikeGitHub(md);
    // The branch's `</details>` is shown as code: the rendered page closes exactly the sections we opened.
    const opened = html.match(/<details/g)?.length;
    expect(html.match(/<\/details>/g)?.length).toBe(opened);
    expect(opened).toBe(OUTCOMES[name].history.length > 0 ? 2 : 1);
    expect(html).toContain('<code>fix/gnp.exe&lt;/details&gt;');
    expect(invisible(md)).toBe(false);
    expect(invisible(HOSTILE_CTX.headRef ?? '')).toBe(true);
    expect(md.match(/<!--/g)).toHaveLength(2);
    // As text the words may stay; no element or attribute may come of them.
    expect(html).not.toMatch(/<img|<[^>]* onerror=|href="javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/href="[^"]*evil\.example/);
    expect(html).toContain('<code>https://evil.example/a_b#c?x=1&amp;y=2</code>');
    expect(html).not.toMatch(/@<a|href="[^"]*\/admin"/);
    expect(isStickyFor(md, commentMarker('web'))).toBe(true);
  });
});

describe('size limits', () => {
  it('a 70 KB title still gives a valid comment with the marker, the verdict, the links and the state', () => {
    const ctx = { ...CTX, prTitle: 'A'.repeat(70_000) };
    const md = comment('ready', ctx);
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(md.startsWith(`${commentMarker('web')}\n**✅ Preview ready** · **[Open preview ↗](`)).toBe(true);
    expect(parseCommentState(md)?.current.verdict).toBe('ready');
    expect(renderLikeGitHub(md)).toContain('href="https://github.com/acme/web/actions/runs/4242"');
  });

  it('a run whose messages would overflow keeps the first line, links and state, within both limits', () => {
    const o = OUTCOMES['checks-failed-rolled-back'];
    const report = {
      ...o.report,
      failureReason: `Boom. ${'https://e.test/\u00e9'.repeat(5000)}`,
      notes: Array.from({ length: 400 }, (_, i) => `note ${i} ${'x'.repeat(3000)}`),
    };
    const md = renderStickyComment({ service: 'web', report, history: o.history, ctx: o.ctx });
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(md).toContain('**↩️ Checks failed, rolled back**');
    expect(md).toContain('[open it ↗](https://pr-7---web-abc123xyz-ew.a.run.app/)');
    expect(md).toContain("left out to stay within GitHub's size limit");
    expect(parseCommentState(md)?.history).toHaveLength(1);
    const summary = renderJobSummary(report, o.ctx);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(summary).toContain('**↩️ Checks failed, rolled back**');
  });
});
