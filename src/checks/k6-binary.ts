/**
 * Real k6 for users who want it: `k6 run --summary-export <tmp> -e BASE_URL=<url> script`. Exit code 99 means
 * thresholds failed; the summary export is read back into the same SmokeOutcome shape.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { CheckOutcome, SmokeOutcome, ThresholdOutcome } from '../report/run-report.js';
import { UserError } from '../config/user-error.js';

export interface K6RunOptions {
  /** Extra environment for k6 (e.g. K6_... settings); BASE_URL is always set. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  log?: (s: string) => void;
  /** Where to look for k6 (default: process.env.PATH). */
  path?: string;
}

/** k6's exit code when thresholds failed. */
export const K6_THRESHOLDS_FAILED = 99;

/** The k6 executable on PATH, or undefined. */
export function findK6(pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? 'k6.exe' : 'k6');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs a k6 script against the preview and reads its summary export. */
export async function runK6Script(
  scriptPath: string,
  baseUrl: string,
  opts: K6RunOptions = {},
): Promise<SmokeOutcome> {
  const k6 = findK6(opts.path ?? process.env.PATH);
  if (k6 === undefined) {
    throw UserError.forInput(
      'smoke_script',
      scriptPath,
      'it needs k6 on PATH: install it first (in a workflow: the grafana/setup-k6-action step; elsewhere: https://grafana.com/docs/k6/latest/set-up/install-k6/), or use the built-in engine with the smoke input instead',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'gcp-deploy-k6-'));
  const summaryPath = join(dir, 'summary.json');
  try {
    const args = ['run', '--summary-export', summaryPath, '-e', `BASE_URL=${baseUrl}`, scriptPath];
    const { code, output } = await run(
      k6,
      args,
      { ...process.env, ...(opts.env ?? {}), BASE_URL: baseUrl },
      opts,
    );
    let exported: unknown;
    try {
      exported = JSON.parse(readFileSync(summaryPath, 'utf8')) as unknown;
    } catch {
      throw new Error(`k6 exited with code ${code} and wrote no summary export:\n${output.slice(-2000)}`);
    }
    const parsed = parseK6SummaryExport(exported);
    const ok = code === 0 && parsed.thresholds.every((t) => t.ok);
    if (code !== 0 && code !== K6_THRESHOLDS_FAILED) opts.log?.(`k6 exited with code ${code}`);
    return { ok, aborted: code !== 0 && code !== K6_THRESHOLDS_FAILED, ...parsed, textSummary: output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: K6RunOptions,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    let output = '';
    const onData = (b: Buffer): void => {
      const text = b.toString('utf8');
      output = (output + text).slice(-200_000);
      opts.log?.(text.trimEnd());
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Reads k6's --summary-export JSON. Its threshold booleans are inverted (true means the threshold FAILED,
 * a documented quirk kept for compatibility); checks live in root_group and nested groups.
 */
export function parseK6SummaryExport(json: unknown): Pick<SmokeOutcome, 'thresholds' | 'checks' | 'metrics'> {
  const root = asRecord(json);
  const metrics: Record<string, Record<string, number>> = {};
  const thresholds: ThresholdOutcome[] = [];
  for (const [name, value] of Object.entries(asRecord(root.metrics))) {
    const m = asRecord(value);
    const numbers: Record<string, number> = {};
    for (const [k, v] of Object.entries(m)) if (typeof v === 'number') numbers[k] = v;
    metrics[name] = numbers;
    for (const [expression, failed] of Object.entries(asRecord(m.thresholds))) {
      const label = expression.replace(/\s*(===|==|!=|>=|<=|>|<).*$/, '').replace(/\s+/g, '');
      const actual =
        numbers[label] ?? (label === 'rate' ? (numbers.value ?? numbers.rate) : undefined) ?? null;
      thresholds.push({ metric: name, expression, actual, ok: failed !== true });
    }
  }
  const checks: CheckOutcome[] = [];
  const walk = (group: Record<string, unknown>): void => {
    for (const c of Object.values(asRecord(group.checks))) {
      const r = asRecord(c);
      if (typeof r.name === 'string')
        checks.push({ name: r.name, passes: Number(r.passes ?? 0), fails: Number(r.fails ?? 0) });
    }
    for (const g of Object.values(asRecord(group.groups))) walk(asRecord(g));
  };
  walk(asRecord(root.root_group));
  return { thresholds, checks, metrics };
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
