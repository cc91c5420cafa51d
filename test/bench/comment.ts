/**
 * bench:comment: the height of the sticky comment for every outcome, rendered as GitHub renders it (GFM,
 * GitHub's sanitising and CSS) in a 900 px column by headless Chromium. Targets: a ready preview at most
 * 250 px; a failure at most 600 px with its details open. `--png DIR` also writes a screenshot of each.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderStickyComment } from '../../src/report/markdown-comment.js';
import { isFailure, verdictOf } from '../../src/report/verdict.js';
import { OUTCOMES } from '../fixtures/comment-outcomes.js';
import { measureHeights, screenshot } from '../tools/github-markdown.js';

const bodies = Object.fromEntries(
  Object.entries(OUTCOMES).map(([name, o]) => [
    name,
    renderStickyComment({ service: 'web', report: o.report, history: o.history, ctx: o.ctx }),
  ]),
);
const heights = await measureHeights(bodies);
for (const [name, px] of Object.entries(heights)) {
  const o = OUTCOMES[name];
  const failure = o !== undefined && isFailure(verdictOf(o.report));
  const limit = name === 'ready' ? 250 : failure ? 600 : undefined;
  const verdict = limit === undefined ? '' : px <= limit ? `  (≤ ${limit}: ok)` : `  (> ${limit}: OVER)`;
  console.log(`${name.padEnd(28)} ${String(px).padStart(4)} px${failure ? ', details open' : ''}${verdict}`);
}
const png = process.argv.indexOf('--png');
if (png > 0) {
  const dir = process.argv[png + 1] ?? 'comment-png';
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(bodies)) await screenshot(body, join(dir, `${name}.png`));
  console.log(`screenshots in ${dir}/`);
}
