// `npm test`: unit tests first, then the end-to-end tests, one project at a time, so timing-sensitive unit
// tests never share the two cores with Docker builds. Extra arguments go to both runs. Ends with one plain
// line, `tests: N passed, N failed, N skipped`, and exits non-zero if any run failed, or, with
// GCP_DEPLOY_REQUIRE_ALL=1 (as .ci/run sets it), if any test was skipped: CI installs everything.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const out = join(root, '.tmp');
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;
for (const project of ['unit', 'e2e']) {
  const report = join(out, `vitest-${project}.json`);
  rmSync(report, { force: true });
  const run = spawnSync(
    process.execPath,
    [
      vitest,
      'run',
      '--config',
      'test/vitest.config.ts',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0) failedRun = true;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    // A run that died before writing its report already counts as failed.
    failedRun = true;
  }
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
const requireAll = process.env.GCP_DEPLOY_REQUIRE_ALL === '1';
if (requireAll && totals.skipped > 0) {
  console.log(
    `GCP_DEPLOY_REQUIRE_ALL=1: ${totals.skipped} test(s) were skipped; see the "skipped:" lines above`,
  );
}
process.exit(failedRun || totals.failed > 0 || (requireAll && totals.skipped > 0) ? 1 : 0);
