import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/config/user-error.js';
import { findK6, parseK6SummaryExport, runK6Script } from '../../../src/checks/k6-binary.js';

// A summary export as k6 writes it (threshold booleans are true when the threshold FAILED).
const EXPORT = {
  root_group: {
    name: '',
    path: '',
    id: 'd41d8cd98f00b204e9800998ecf8427e',
    groups: {
      api: {
        name: 'api',
        path: '::api',
        groups: {},
        checks: { c1: { name: 'api ok', path: '::api::api ok', passes: 4, fails: 1 } },
      },
    },
    checks: { c0: { name: 'status is 200', path: '::status is 200', passes: 10, fails: 0 } },
  },
  metrics: {
    http_req_duration: {
      avg: 12.5,
      min: 3,
      med: 11,
      max: 40,
      'p(90)': 30,
      'p(95)': 35,
      thresholds: { 'p(95)<500': false, 'p(95)<20': true },
    },
    http_req_failed: { passes: 0, fails: 10, value: 0, thresholds: { 'rate<0.01': false } },
    http_reqs: { count: 10, rate: 5 },
  },
};

/** A stand-in k6 on PATH: records its argv and BASE_URL, writes the summary export, exits with $FAKE_K6_EXIT. */
function fakeK6(): { dir: string; argsFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-k6-'));
  const argsFile = join(dir, 'args.txt');
  const exportFile = join(dir, 'export.json');
  writeFileSync(exportFile, JSON.stringify(EXPORT));
  const script = `#!/bin/sh
printf '%s\\n' "$@" > '${argsFile}'
echo "BASE_URL=$BASE_URL" >> '${argsFile}'
while [ $# -gt 0 ]; do
  if [ "$1" = "--summary-export" ]; then cp '${exportFile}' "$2"; fi
  shift
done
echo "     ✓ status is 200"
exit \${FAKE_K6_EXIT:-0}
`;
  writeFileSync(join(dir, 'k6'), script);
  chmodSync(join(dir, 'k6'), 0o755);
  return { dir, argsFile };
}

describe('real k6', () => {
  it('without k6 on PATH: a clear error that says how to install it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-k6-'));
    expect(findK6(empty)).toBeUndefined();
    const run = runK6Script('smoke.js', 'https://x.run.app', { path: empty });
    await expect(run).rejects.toThrow(UserError);
    await expect(runK6Script('smoke.js', 'https://x.run.app', { path: empty })).rejects.toThrow(
      /needs k6 on PATH: install it/,
    );
  });

  it('runs k6 run --summary-export with BASE_URL and reads the export; exit 99 is failed thresholds', async () => {
    const { dir, argsFile } = fakeK6();
    process.env.FAKE_K6_EXIT = '99';
    try {
      const out = await runK6Script('/tmp/smoke.js', 'https://pr-1---svc.a.run.app', { path: dir });
      const args = readFileSync(argsFile, 'utf8').trim().split('\n');
      expect(args[0]).toBe('run');
      expect(args[1]).toBe('--summary-export');
      expect(args.slice(3)).toEqual([
        '-e',
        'BASE_URL=https://pr-1---svc.a.run.app',
        '/tmp/smoke.js',
        'BASE_URL=https://pr-1---svc.a.run.app',
      ]);
      expect(out.ok).toBe(false);
      expect(out.aborted).toBe(false);
      expect(out.thresholds).toEqual([
        { metric: 'http_req_duration', expression: 'p(95)<500', actual: 35, ok: true },
        { metric: 'http_req_duration', expression: 'p(95)<20', actual: 35, ok: false },
        { metric: 'http_req_failed', expression: 'rate<0.01', actual: 0, ok: true },
      ]);
      expect(out.textSummary).toContain('✓ status is 200');
      process.env.FAKE_K6_EXIT = '0';
      expect((await runK6Script('/tmp/smoke.js', 'https://x', { path: dir })).ok).toBe(false); // a threshold still failed in the export
    } finally {
      delete process.env.FAKE_K6_EXIT;
    }
  });

  it('parses checks from the root group and nested groups', () => {
    const parsed = parseK6SummaryExport(EXPORT);
    expect(parsed.checks).toEqual([
      { name: 'status is 200', passes: 10, fails: 0 },
      { name: 'api ok', passes: 4, fails: 1 },
    ]);
    expect(parsed.metrics.http_reqs).toEqual({ count: 10, rate: 5 });
    expect(parseK6SummaryExport('garbage')).toEqual({ thresholds: [], checks: [], metrics: {} });
  });
});
