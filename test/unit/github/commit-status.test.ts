import { describe, expect, it } from 'vitest';
import { commitStatusFor } from '../../../src/github/commit-status.js';
import { newReport } from '../../../src/report/phases.js';
import type { Command } from '../../../src/report/run-report.js';

const RUN = 'https://github.example/acme/web/actions/runs/1';

function ready(command: Command, tag: string): ReturnType<typeof newReport> {
  const report = newReport({
    command,
    service: 'web',
    project: 'p',
    region: 'r',
    tag,
    commitSha: 'a'.repeat(40),
  });
  report.state = 'ready';
  report.url = `https://${tag}---web-abc.a.run.app`;
  return report;
}

describe('the commit status of a checked revision', () => {
  it('calls a candidate a candidate and a preview a preview, both linking the tag URL', () => {
    expect(commitStatusFor(ready('candidate', 'candidate'), 'web', RUN)).toEqual({
      state: 'success',
      context: 'gcp-deploy/web (candidate)',
      description: 'Candidate ready: open it from Details',
      targetUrl: 'https://candidate---web-abc.a.run.app',
    });
    expect(commitStatusFor(ready('preview', 'pr-7'), 'web', RUN)?.description).toBe(
      'Preview ready: open it from Details',
    );
  });
});
