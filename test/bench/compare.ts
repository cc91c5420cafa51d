/**
 * bench:compare: the smallest latency regression the baseline comparison detects reliably (19 of 20 trials)
 * with the default round (src/checks/compare-run.ts DEFAULT_ROUND: 2 VUs on `/` for 2 s, 6 pairs), and the
 * time a comparison adds to a preview.
 *
 * Two identical local servers (each in its own process) stand for the preview and the baseline.
 * 1. Noise: RECORDED (40) interleaved pairs of real rounds are recorded between them, with no delay.
 * 2. Detection: a trial draws 6 of the recorded pairs (seeded) and adds a delay d to the preview's latencies
 *    (a fixed server-side delay shifts every percentile by d); a delay is detected when compare.ts calls p95
 *    a regression. The smallest d (0.05 ms steps) detected in 19 of 20 trials is printed, with the false
 *    positives at d = 0, for every seed of SEEDS (5): its spread.
 * 3. Confirmation: TRIALS (5) real comparisons (runComparison, warm-up and cold start included) with the
 *    preview server delaying by that d, and by each multiple of it in CONFIRM (1,2); prints how many detected
 *    it, and the time the comparisons took.
 * RECORD=<file> writes RECORDED pairs of rounds between two unchanged servers as JSON and stops (the
 * recorded samples of test/unit/checks/compare-noise.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { compareRounds, type RoundValues } from '../../src/checks/compare.js';
import { DEFAULT_PAIRS, roundOptions, runComparison } from '../../src/checks/compare-run.js';
import { runSmoke } from '../../src/checks/load-engine.js';
import { roundValues } from '../../src/checks/compare.js';

const RECORDED = Math.max(DEFAULT_PAIRS, Number(process.env.RECORDED ?? process.env.ROUNDS ?? 40));
const TRIALS = Math.max(1, Number(process.env.TRIALS ?? (process.env.ROUNDS === '1' ? 1 : 5)));
const SEEDS = Math.max(1, Number(process.env.SEEDS ?? 5));
const RECORD = process.env.RECORD;

const SERVER = `
const http = require('node:http');
const delay = Number(process.env.DELAY_MS || 0);
const page = '<!doctype html><title>example</title><h1>Hello from the example app</h1>\\n'.repeat(8);
const server = http.createServer((req, res) => {
  const answer = () => { res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) }); res.end(page); };
  if (delay > 0) setTimeout(answer, delay); else answer();
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startServer(delayMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], {
    env: { ...process.env, DELAY_MS: String(delayMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (b: Buffer) => resolve(b.toString().trim()));
    child.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}

/** A small seeded generator (mulberry32), so a figure can be reproduced. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pair = { preview: RoundValues; baseline: RoundValues };

async function recordPairs(n: number): Promise<Pair[]> {
  const a = await startServer(0);
  const b = await startServer(0);
  const options = roundOptions(undefined);
  const round = async (url: string): Promise<RoundValues> =>
    roundValues((await runSmoke(options, url)).metrics);
  try {
    await round(a.url);
    await round(b.url);
    const pairs: Pair[] = [];
    for (let i = 0; i < n; i++) {
      const preview = await round(a.url);
      const baseline = await round(b.url);
      pairs.push({ preview, baseline });
      process.stderr.write(`\rrecorded ${i + 1}/${n} pairs`);
    }
    process.stderr.write('\n');
    return pairs;
  } finally {
    a.child.kill();
    b.child.kill();
  }
}

function shifted(p: Pair, d: number): Pair {
  return {
    ...p,
    preview: { ...p.preview, p50: p.preview.p50 + d, p95: p.preview.p95 + d, p99: p.preview.p99 + d },
  };
}

function detections(pairs: Pair[], d: number, seed: number, trials = 20): number {
  const random = rng(seed);
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    const chosen = Array.from({ length: DEFAULT_PAIRS }, () => pairs[Math.floor(random() * pairs.length)]);
    const c = compareRounds(chosen.map((p) => shifted(p, d)));
    if (c.metrics.find((m) => m.metric === 'p95')?.verdict === 'regression') hits++;
  }
  return hits;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const pairs = await recordPairs(RECORDED);
if (RECORD !== undefined) {
  writeFileSync(RECORD, `${JSON.stringify({ round: 'DEFAULT_ROUND', pairs }, null, 0)}\n`);
  console.log(`wrote ${pairs.length} pairs to ${RECORD}`);
  process.exit(0);
}
const p95 = median(pairs.map((p) => p.baseline.p95));
const found: number[] = [];
const falsePositives: number[] = [];
for (let s = 1; s <= SEEDS; s++) {
  falsePositives.push(20 - detectionsWithinNoise(pairs, s));
  let d = 0.05;
  while (detections(pairs, d, s) < 19 && d < 10_000) d = Math.round((d + 0.05) * 100) / 100;
  found.push(d);
}

/** Trials (of 20) where an unchanged pair of servers shows no change on any metric. */
function detectionsWithinNoise(all: Pair[], seed: number): number {
  const random = rng(seed + 1000);
  let quiet = 0;
  for (let t = 0; t < 20; t++) {
    const chosen = Array.from({ length: DEFAULT_PAIRS }, () => all[Math.floor(random() * all.length)]);
    if (compareRounds(chosen).metrics.every((m) => m.verdict === 'within noise')) quiet++;
  }
  return quiet;
}

const mde = median(found);
console.log(
  `Default round: 2 VUs on / for 2 s, ${DEFAULT_PAIRS} interleaved pairs; ${RECORDED} pairs recorded`,
);
console.log(`Baseline p95 (median of rounds): ${p95.toFixed(3)} ms`);
console.log(
  `Smallest p95 regression detected in 19 of 20 trials: ${mde.toFixed(2)} ms = ${((mde / p95) * 100).toFixed(0)} % of p95 (median of ${SEEDS} seeds; range ${Math.min(...found).toFixed(2)}-${Math.max(...found).toFixed(2)} ms)`,
);
console.log(
  `Unchanged servers flagged on some metric, per 20 trials: ${falsePositives.join(', ')} (one per seed)`,
);

// Confirmation with real comparisons: the preview's server really delays by the figure found (and by each
// multiple of it in CONFIRM), since a real delay also slows the closed-loop VUs, which a shift of recorded
// values does not.
const factors = (process.env.CONFIRM ?? (process.env.ROUNDS === '1' ? '1' : '1,2')).split(',').map(Number);
const times: number[] = [];
for (const factor of factors) {
  const delay = Math.round(mde * factor * 100) / 100;
  const slow = await startServer(delay);
  const base = await startServer(0);
  let detected = 0;
  try {
    for (let t = 0; t < TRIALS; t++) {
      const run = await runComparison({ previewUrl: slow.url, baselineUrl: base.url });
      times.push(run.durationMs);
      if (run.comparison.metrics.find((m) => m.metric === 'p95')?.verdict === 'regression') detected++;
    }
  } finally {
    slow.child.kill();
    base.child.kill();
  }
  console.log(
    `Real comparisons with a ${delay.toFixed(2)} ms server delay: p95 regression detected in ${detected} of ${TRIALS}`,
  );
}
console.log(
  `Time a comparison adds to a preview: ${(median(times) / 1000).toFixed(1)} s median (range ${(Math.min(...times) / 1000).toFixed(1)}-${(Math.max(...times) / 1000).toFixed(1)} s, ${times.length} runs; cold start, warm-up and ${DEFAULT_PAIRS} pairs of 2 s rounds)`,
);
