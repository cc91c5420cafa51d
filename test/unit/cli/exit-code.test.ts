import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../../src/cli/run-action.js';
import { newReport } from '../../../src/report/phases.js';
import type { RunResult } from '../../../src/report/run-report.js';

const withResult = (result: RunResult) =>
  Object.assign(newReport({ command: 'preview', service: 'web', project: 'p', region: 'r' }), { result });

describe('the CLI exit code of a run', () => {
  it.each<[RunResult, number]>([
    ['success', 0],
    ['skipped', 0],
    ['removed', 0],
    ['failure', 1],
    ['rolled-back', 1],
    ['cancelled', 1],
  ])('%s exits %d', (result, code) => {
    expect(exitCodeOf(withResult(result))).toBe(code);
  });
});
