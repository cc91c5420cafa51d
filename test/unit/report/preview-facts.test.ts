import { describe, expect, it } from 'vitest';
import { renderEnvironmentComment } from '../../../src/report/environment-markdown.js';
import { renderReport } from '../../../src/report/markdown-report.js';
import type { PreviewFacts } from '../../../src/report/run-report.js';
import { ENV_CTX, environment, member, memberReport } from '../../fixtures/environment-outcomes.js';
import { renderLikeGitHub } from '../../tools/github-markdown.js';

const PROD_SA = 'prod-runtime@shop-prod.iam.gserviceaccount.com';
const facts = (over: Partial<PreviewFacts> = {}): PreviewFacts => ({
  profile: 'scales to zero, at most 2 instances, CPU only during requests',
  productionIdentity: PROD_SA,
  sharedWithProduction: [
    'DATABASE_URL (data-store URL, from production revision shop-1): postgres://app:***@10.0.0.5/shop',
    'cloudsql (Cloud SQL volume, from production revision shop-1): shop-prod:us-central1:main',
  ],
  sharedOnPurpose: ['REDIS_URL (data-store URL, from production revision shop-1): redis://10.0.0.7'],
  ...over,
});
/** What a reader sees: the text of the HTML GitHub renders, tags stripped. */
const text = (md: string): string =>
  renderLikeGitHub(md)
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
const count = (s: string, part: string): number => s.split(part).length - 1;

describe('a preview comment states its profile, identity and what it shares', () => {
  it('for one service', () => {
    const md = renderReport(memberReport('shop', { preview: facts() }), ENV_CTX);
    const seen = text(md);
    expect(seen).toContain('preview scales to zero, at most 2 instances, CPU only during requests');
    expect(count(seen, `runs as production's identity, ${PROD_SA}`)).toBe(1);
    expect(seen).toContain(
      '⚠ Shared with production: DATABASE_URL (data-store URL, from production revision shop-1): postgres://app:***@10.0.0.5/shop',
    );
    expect(seen).toContain('⚠ Shared with production: cloudsql (Cloud SQL volume');
    expect(seen).toContain('Shared on purpose (shared): REDIS_URL');
    // In view: not folded into the details.
    expect(md.indexOf('Shared with production')).toBeLessThan(md.indexOf('<details'));
  });

  it('says nothing of identity or sharing when the preview has its own', () => {
    const md = renderReport(
      memberReport('shop', {
        preview: facts({ productionIdentity: undefined, sharedWithProduction: [], sharedOnPurpose: [] }),
      }),
      ENV_CTX,
    );
    expect(md).not.toMatch(/identity|Shared/);
    expect(text(md)).toContain('preview scales to zero');
  });

  it('for an environment: the profile once, identity and sharing per service, once each', () => {
    const env = environment({
      state: 'failed',
      result: 'failure',
      failureReason: 'web: checks failed',
      members: [
        member('api', 'passed', { preview: facts() }),
        member('web', 'failed', {
          state: 'failed',
          result: 'failure',
          failureReason: 'checks failed',
          preview: facts({ sharedWithProduction: [], sharedOnPurpose: [] }),
        }),
      ],
    });
    const seen = text(renderEnvironmentComment({ env, history: [], ctx: ENV_CTX }));
    expect(count(seen, 'Previews: scales to zero, at most 2 instances')).toBe(1);
    expect(count(seen, `runs as production's identity, ${PROD_SA}`)).toBe(2);
    expect(seen).toMatch(/api: This preview runs as production's identity/);
    expect(seen).toMatch(/web: This preview runs as production's identity/);
    expect(count(seen, '⚠ api Shared with production: DATABASE_URL')).toBe(1);
    expect(seen).not.toContain('web Shared with production');
  });
});
