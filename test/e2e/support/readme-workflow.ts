/**
 * The README's quick-start workflow as the Actions runner reads it: whether an event triggers it, which of
 * its steps run (`if:`) and with what (`with:`, action.yml's defaults), every `${{ }}` evaluated by GitHub's
 * own expression engine (@actions/expressions) against a context built from the simulated event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { parse } from 'yaml';
import { readmeWorkflows, repoRoot } from '../../tools/workflow-files.js';

type Scalar = string | number | boolean | null;

export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: Scalar;
  with?: Record<string, Scalar>;
}

export interface Workflow {
  on: string | string[] | Record<string, Record<string, unknown> | null>;
  concurrency?: { group?: string; 'cancel-in-progress'?: Scalar } | string;
  jobs: Record<string, { steps?: WorkflowStep[]; if?: Scalar }>;
}

/** The contexts a step's expressions may read. */
const CONTEXTS = ['github', 'inputs', 'env', 'vars', 'secrets', 'steps', 'runner', 'job', 'matrix', 'needs'];
/** Status functions: in this simulation every earlier step succeeded. */
const STATUS: Record<string, boolean> = { success: true, always: true, failure: false, cancelled: false };

/** Evaluates one expression (without `${{ }}`) against a plain-JSON context. */
export function evaluate(expression: string, context: Record<string, unknown>): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const functions = Object.keys(STATUS).map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
  const tree = new Parser(lexed.tokens, CONTEXTS, functions).parse();
  const ctx = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  const impl = new Map(
    Object.entries(STATUS).map(([name, value]) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) },
    ]),
  );
  return new Evaluator(tree, ctx, impl).evaluate();
}

const WHOLE = /^\s*\$\{\{([\s\S]*)\}\}\s*$/;

/** A step's (or job's) `if:`: absent is true; `${{ }}` around it is optional, as on GitHub. */
export function condition(value: Scalar | undefined, context: Record<string, unknown>): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  const text = String(value);
  return truthy(evaluate(WHOLE.exec(text)?.[1] ?? text, context));
}

/** A `with:` value with each `${{ }}` replaced by its result as a string, as the runner passes inputs. */
export function interpolate(value: Scalar, context: Record<string, unknown>): string {
  if (value === null) return '';
  return String(value).replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expr: string) =>
    evaluate(expr, context).coerceString(),
  );
}

/** The README's quick-start workflow (the block headed `# .github/workflows/preview.yml`), parsed. */
export function readmeQuickStart(): Workflow {
  return readmeWorkflow('.github/workflows/preview.yml');
}

/** The README's one workflow block headed `# <path>`, parsed. */
export function readmeWorkflow(path: string): Workflow {
  const blocks = readmeWorkflows().filter((b) => b.name === path);
  if (blocks.length !== 1) {
    throw new Error(`README.md: expected one workflow headed ${path}, found ${blocks.length}`);
  }
  return parse(blocks[0].content) as Workflow;
}

/** The lines of the README's `.dockerignore` example. */
export function readmeDockerignore(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = /^```\w*\n# \.dockerignore\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md: no block headed # .dockerignore');
  return block;
}

/** action.yml's input defaults, evaluated: the runner passes them for every input `with:` leaves out. */
export function actionDefaults(context: Record<string, unknown>): Record<string, string> {
  const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: Scalar }>;
  };
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    if (input.default !== undefined) out[name] = interpolate(input.default, context);
  }
  return out;
}

function branchMatches(patterns: unknown, name: string): boolean {
  if (!Array.isArray(patterns)) return true;
  return patterns.some((p) => {
    const re = new RegExp(
      `^${String(p)
        .replace(/[.+?^$()[\]{}|\\]/g, '\\$&')
        .replace(/\*+/g, '.*')}$`,
    );
    return re.test(name);
  });
}

/** Default activity types GitHub uses when a trigger lists none. */
const DEFAULT_TYPES: Record<string, string[] | undefined> = {
  pull_request: ['opened', 'synchronize', 'reopened'],
};

/** True when the workflow's `on:` starts a run for this event (its types, branches and tags filters). */
export function triggers(
  workflow: Workflow,
  eventName: string,
  payload: Record<string, unknown>,
  ref: string,
): boolean {
  const on = workflow.on;
  if (typeof on === 'string') return on === eventName;
  if (Array.isArray(on)) return on.includes(eventName);
  if (!(eventName in on)) return false;
  const filter = on[eventName] ?? {};
  const types = (filter.types as string[] | undefined) ?? DEFAULT_TYPES[eventName];
  if (types !== undefined && !types.includes(String(payload.action))) return false;
  if (eventName === 'push') {
    if (ref.startsWith('refs/heads/')) {
      if (filter.branches === undefined && filter.tags !== undefined) return false;
      return branchMatches(filter.branches, ref.slice('refs/heads/'.length));
    }
    if (ref.startsWith('refs/tags/')) {
      if (filter.tags === undefined && filter.branches !== undefined) return false;
      return branchMatches(filter.tags, ref.slice('refs/tags/'.length));
    }
  }
  return true;
}

/** The `inputs` context of a workflow_dispatch run: the declared inputs, typed, defaults filled in. */
export function dispatchInputs(workflow: Workflow, given: Record<string, string>): Record<string, Scalar> {
  const on = workflow.on;
  const declared =
    typeof on === 'object' && !Array.isArray(on)
      ? ((on.workflow_dispatch?.inputs ?? {}) as Record<string, { type?: string; default?: Scalar }>)
      : {};
  const out: Record<string, Scalar> = {};
  for (const [name, input] of Object.entries(declared)) {
    const raw = given[name] ?? (input.default === undefined ? undefined : String(input.default));
    if (raw === undefined) continue;
    out[name] = input.type === 'boolean' ? raw === 'true' : input.type === 'number' ? Number(raw) : raw;
  }
  return out;
}
