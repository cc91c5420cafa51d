import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionErrors,
  readmeWorkflows,
  repoRoot,
  shippedWorkflows,
  workflowErrors,
  yamlBlocks,
} from '../../tools/workflow-files.js';

describe("workflows and action.yml, read by GitHub's own parser", () => {
  it.each(shippedWorkflows().map((f) => [f.name, f] as const))('%s is a valid workflow', (_name, file) => {
    expect(workflowErrors(file)).toEqual([]);
  });

  it('README.md documents at least one workflow', () => {
    expect(readmeWorkflows().length).toBeGreaterThan(0);
  });

  it.each(readmeWorkflows().map((f) => [f.name, f] as const))(
    'README block %s is a valid workflow',
    (_name, block) => {
      expect(workflowErrors(block)).toEqual([]);
    },
  );

  it('action.yml is valid action metadata', () => {
    const content = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
    expect(actionErrors({ name: 'action.yml', content })).toEqual([]);
  });

  it('the parser refuses what GitHub refuses (so the checks above can fail)', () => {
    const [block] = yamlBlocks(
      '```yaml\non: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        iff: x\n```\n',
    );
    expect(workflowErrors(block)).toEqual([expect.stringContaining("Unexpected value 'iff'")]);
    expect(
      actionErrors({ name: 'action.yml', content: 'name: x\ndescription: y\nruns:\n  using: node0\n' }),
    ).not.toEqual([]);
  });
});
