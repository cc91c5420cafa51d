/**
 * The sticky comment as a reader sees it: rendered as GitHub renders it in a 900 px column by headless
 * Chromium, a ready preview is at most 250 px tall and every failure, details open, at most 600 px. Layout
 * is deterministic for a browser and its fonts, so these are assertions, not timings.
 */
import { describe, expect, it } from 'vitest';
import { renderStickyComment } from '../../src/report/markdown-comment.js';
import { isFailure, verdictOf } from '../../src/report/verdict.js';
import { HOSTILE_CTX, OUTCOMES } from '../fixtures/comment-outcomes.js';
import { measureHeights } from '../tools/github-markdown.js';
import { skipWithout } from './support/needs.js';

const READY_MAX_PX = 250;
const FAILURE_MAX_PX = 600;

describe.skipIf(skipWithout('comment heights', ['chromium']))('PR comment height at 900 px', () => {
  it('a ready preview fits in 250 px and each failure, details open, in 600 px', async () => {
    const bodies: Record<string, string> = {};
    for (const [name, o] of Object.entries(OUTCOMES)) {
      bodies[name] = renderStickyComment({
        service: 'web',
        report: o.report,
        history: o.history,
        ctx: o.ctx,
      });
    }
    // Hostile text must not stretch the layout either: the 256-character title cut stays on a few lines.
    const ready = OUTCOMES.ready;
    if (ready === undefined) throw new Error('no ready outcome');
    bodies['ready, hostile title'] = renderStickyComment({
      service: 'web',
      report: ready.report,
      history: ready.history,
      ctx: { ...HOSTILE_CTX, prTitle: `${HOSTILE_CTX.prTitle ?? ''} ${'x'.repeat(70_000)}` },
    });
    const heights = await measureHeights(bodies);
    process.stdout.write(`${JSON.stringify(heights)}\n`);
    expect(heights.ready).toBeLessThanOrEqual(READY_MAX_PX);
    expect(heights['ready, hostile title']).toBeLessThanOrEqual(READY_MAX_PX);
    const failures = Object.entries(OUTCOMES).filter(([, o]) => isFailure(verdictOf(o.report)));
    expect(failures.length).toBeGreaterThanOrEqual(6);
    for (const [name] of failures) {
      expect(bodies[name], name).toContain('<details open>');
      expect(heights[name], name).toBeLessThanOrEqual(FAILURE_MAX_PX);
    }
  });
});
