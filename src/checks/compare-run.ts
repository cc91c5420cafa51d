/**
 * Runs the comparison: warm both targets up (timing each one's first request apart, as its cold start),
 * then the smoke scenario in interleaved rounds, preview then baseline, and hand the per-round values to
 * compare.ts. The I/O half of the comparison; the statistics are in compare.ts.
 */
import { performance } from 'node:perf_hooks';
import type { ConnectionOptions } from 'node:tls';
import { request } from 'undici';
import { compareRounds, interleavePlan, roundValues, type Comparison, type RoundValues } from './compare.js';
import { runSmoke } from './load-engine.js';
import { parseSmokeOptions, type SmokeOptions } from './smoke-options.js';

/**
 * The round the comparison runs when the user gave no smoke scenario: 2 VUs requesting `/` for 2 s. Six pairs
 * of it (24 s of load in all) are what `npm run bench:compare` measures.
 */
export const DEFAULT_ROUND = 'scenarios: { round: { executor: constant-vus, vus: 2, duration: 2s } }';
export const DEFAULT_PAIRS = 6;

export interface ComparisonRunOptions {
  previewUrl: string;
  baselineUrl: string;
  /** The user's smoke options (their thresholds are left out of the rounds), or undefined for DEFAULT_ROUND. */
  smoke?: SmokeOptions;
  pairs?: number;
  /** Sent with every request of one target (an ID token for a private service). */
  headersFor?: (url: string) => Promise<Record<string, string>>;
  signal?: AbortSignal;
  log?: (s: string) => void;
  tls?: ConnectionOptions;
  /** The path of the first, cold request (default: the first request of the scenario). */
  coldPath?: string;
}

export interface ComparisonRun {
  comparison: Comparison;
  coldStartMs: { preview: number | undefined; baseline: number | undefined };
  pairs: { preview: RoundValues; baseline: RoundValues }[];
  durationMs: number;
}

/** The round's options: the scenario and requests of the smoke checks, none of their thresholds. */
export function roundOptions(smoke: SmokeOptions | undefined): SmokeOptions {
  const base = smoke ?? parseSmokeOptions(DEFAULT_ROUND, 'smoke');
  return { ...base, thresholds: [], notices: [] };
}

export async function runComparison(o: ComparisonRunOptions): Promise<ComparisonRun> {
  const started = performance.now();
  const log = o.log ?? ((): void => undefined);
  const options = roundOptions(o.smoke);
  const plan = interleavePlan(o.pairs ?? DEFAULT_PAIRS);
  const urls = { preview: o.previewUrl, baseline: o.baselineUrl };
  const headers = {
    preview: (await o.headersFor?.(o.previewUrl)) ?? {},
    baseline: (await o.headersFor?.(o.baselineUrl)) ?? {},
  };
  const path = o.coldPath ?? options.requests[0]?.path ?? '/';
  const round = async (target: 'preview' | 'baseline'): Promise<RoundValues> => {
    const out = await runSmoke(options, urls[target], {
      headers: headers[target],
      ...(o.signal !== undefined ? { signal: o.signal } : {}),
      ...(o.tls !== undefined ? { tls: o.tls } : {}),
    });
    if (o.signal?.aborted === true) throw o.signal.reason ?? new Error('cancelled');
    return roundValues(out.metrics);
  };
  // Cold start first (the baseline may have scaled to zero), then one discarded round each: the rounds that
  // count see warm instances and warm connections on both sides.
  const coldStartMs = {
    preview: await firstRequestMs(urls.preview, path, headers.preview),
    baseline: await firstRequestMs(urls.baseline, path, headers.baseline),
  };
  log(
    `Comparison: cold start preview ${fmt(coldStartMs.preview)}, baseline ${fmt(coldStartMs.baseline)}; warming up`,
  );
  await round('preview');
  await round('baseline');
  const pairs: { preview: RoundValues; baseline: RoundValues }[] = [];
  for (const p of plan) {
    const values: Partial<Record<'preview' | 'baseline', RoundValues>> = {};
    for (const target of p.order) values[target] = await round(target);
    pairs.push({ preview: values.preview as RoundValues, baseline: values.baseline as RoundValues });
    log(
      `Comparison round ${p.pair + 1}/${plan.length}: p95 preview ${fmt(values.preview?.p95)}, baseline ${fmt(values.baseline?.p95)}`,
    );
  }
  return {
    comparison: compareRounds(pairs),
    coldStartMs,
    pairs,
    durationMs: performance.now() - started,
  };
}

async function firstRequestMs(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<number | undefined> {
  const t0 = performance.now();
  try {
    const res = await request(new URL(path, base).toString(), { headers, headersTimeout: 120_000 });
    await res.body.dump();
    return performance.now() - t0;
  } catch {
    return undefined;
  }
}

function fmt(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? 'n/a' : `${ms.toFixed(1)} ms`;
}
