import { describe, expect, it } from 'vitest';
import { environmentOfOne } from '../../../src/report/environment-report.js';
import {
  environmentMarker,
  primaryUrl,
  renderEnvironmentComment,
  renderEnvironmentSummary,
} from '../../../src/report/environment-markdown.js';
import { commentMarker, renderStickyComment } from '../../../src/report/markdown-comment.js';
import { renderJobSummary } from '../../../src/report/markdown-report.js';
import { actionOutputs, runOutputs } from '../../../src/report/outputs.js';
import {
  failedThresholds,
  renderRunComment,
  renderRunSummary,
  runLink,
  runMarker,
} from '../../../src/report/run-comment.js';
import { OUTCOMES } from '../../fixtures/comment-outcomes.js';
import { ENV_CTX, ENV_OUTCOMES, environment, member } from '../../fixtures/environment-outcomes.js';

describe('one rendering entry for every run', () => {
  it.each(Object.keys(OUTCOMES))('renders a single service (%s) as the single-service comment', (name) => {
    const o = OUTCOMES[name];
    const run = environmentOfOne(o.report, 'queued');
    expect(runMarker(run)).toBe(commentMarker(o.report.service));
    expect(renderRunComment({ run, previous: null, ctx: o.ctx })).toBe(
      renderStickyComment({ service: o.report.service, report: o.report, history: [], ctx: o.ctx }),
    );
    expect(renderRunSummary(run, o.ctx)).toBe(renderJobSummary(o.report, o.ctx));
    expect(runOutputs(run)).toEqual(actionOutputs(o.report));
  });

  it('links a single service to its own URL and names its status after the service', () => {
    const report = OUTCOMES.ready.report;
    const link = runLink(environmentOfOne(report, 'passed'));
    expect(link).toMatchObject({
      url: report.url,
      state: report.state,
      description: `gcp-deploy ${report.command} of ${report.service}`,
      name: report.service,
    });
    expect(link.status).toBe(report);
  });

  it('renders an environment, even of one member, as the environment', () => {
    const o = ENV_OUTCOMES.ready;
    const run = o.env;
    expect(runMarker(run)).toBe(environmentMarker(run.name));
    expect(renderRunComment({ run, previous: null, ctx: ENV_CTX, primary: 'web' })).toBe(
      renderEnvironmentComment({ env: run, history: [], ctx: ENV_CTX, primary: 'web' }),
    );
    expect(renderRunSummary(run, ENV_CTX)).toBe(renderEnvironmentSummary(run, ENV_CTX));
    expect(runOutputs(run)).toHaveProperty('urls');
    const link = runLink(run, 'web');
    expect(link.url).toBe(primaryUrl(run, 'web'));
    expect(link.name).toBe('shop');
    expect(link.description).toBe('gcp-deploy preview of shop (3 services)');

    const ofOne = environment({ members: [member('web', 'passed')] });
    expect(runMarker(ofOne)).toBe(environmentMarker('shop'));
    expect(renderRunComment({ run: ofOne, previous: null, ctx: ENV_CTX })).toBe(
      renderEnvironmentComment({ env: ofOne, history: [], ctx: ENV_CTX }),
    );
  });

  it('names the service of a failed threshold only in an environment', () => {
    const failing = Object.values(OUTCOMES).find((o) => o.report.smoke?.thresholds.some((t) => !t.ok));
    expect(failing).toBeDefined();
    const report = failing!.report;
    const alone = failedThresholds(environmentOfOne(report, 'failed'));
    expect(alone.length).toBeGreaterThan(0);
    expect(alone[0]).not.toMatch(new RegExp(`^${report.service}: `));
    const inEnv = failedThresholds(
      environment({ members: [{ name: 'web', needs: [], stage: 'failed', report }] }),
    );
    expect(inEnv).toEqual(alone.map((l) => `web: ${l}`));
  });
});
