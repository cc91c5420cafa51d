import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeJobSummary } from '../../../src/github/job-summary.js';
import { forgetSecrets, protectSecret } from '../../../src/report/redaction.js';
import { ENV_CTX, ENV_OUTCOMES } from '../../fixtures/environment-outcomes.js';

afterEach(() => {
  vi.unstubAllEnvs();
  forgetSecrets();
});

describe('the job summary of an environment run', () => {
  it('writes the table and the failing details, redacted, without the comment marker or state', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'env-summary-')), 'summary.md');
    writeFileSync(file, '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', file);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the threshold annotations
    protectSecret('sk-live-0123456789');
    const o = ENV_OUTCOMES['failed-restored'];
    await writeJobSummary(
      { ...o.env, notes: [...o.env.notes, 'token sk-live-0123456789 was used'] },
      ENV_CTX,
    );
    vi.restoreAllMocks();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('| Service | State | URL | Checks | Timings |');
    expect(text).toContain('<details open><summary>web: ↩️ Checks failed, rolled back</summary>');
    expect(text).toContain('**Note:** token \\*\\*\\* was used');
    expect(text).not.toContain('sk-live');
    expect(text).not.toContain('gcp-deploy:');
  });
});
