/**
 * The workflows this project ships or documents, as GitHub's own parser (@actions/workflow-parser) reads
 * them: the files under .github/workflows, action.yml, and each ```yaml block of README.md that is a workflow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface YamlBlock {
  /** The path the block's first comment line names (`# .github/workflows/preview.yml`), or `README.md#N`. */
  name: string;
  content: string;
}

/** Every ```yaml block of a Markdown text, in order. */
export function yamlBlocks(markdown: string, file = 'README.md'): YamlBlock[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m, i) => {
    const content = m[1] ?? '';
    const named = /^#\s*(\S+\.ya?ml)\s*$/m.exec(content.split('\n')[0] ?? '')?.[1];
    return { name: named ?? `${file}#${i + 1}`, content };
  });
}

/** A block is a workflow when it has top-level `on:` and `jobs:` keys. */
export function isWorkflow(content: string): boolean {
  const doc = parse(content) as unknown;
  return typeof doc === 'object' && doc !== null && 'jobs' in doc && 'on' in doc;
}

/** The README's workflow blocks. */
export function readmeWorkflows(): YamlBlock[] {
  return yamlBlocks(readFileSync(join(repoRoot, 'README.md'), 'utf8')).filter((b) => isWorkflow(b.content));
}

/** The files under .github/workflows. */
export function shippedWorkflows(): YamlBlock[] {
  const dir = join(repoRoot, '.github', 'workflows');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: `.github/workflows/${f}`, content: readFileSync(join(dir, f), 'utf8') }));
}

/** GitHub's parser's errors for a workflow (empty when it is valid). */
export function workflowErrors(file: YamlBlock): string[] {
  const result = parseWorkflow(file, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

/** GitHub's parser's errors for an action metadata file. */
export function actionErrors(file: YamlBlock): string[] {
  const result = parseAction(file, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}
