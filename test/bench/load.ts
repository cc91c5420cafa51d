/**
 * bench:load: this engine, autocannon and wrk one after another against the same local server with the same
 * connection count. Phase 1 (throughput): a fast "ok" server, requests/s of each and the ratios. Phase 2 (latency):
 * a server that answers after a fixed delay, so it is far from saturated, and p50/p95/p99 beside wrk's.
 * The throughput phase also runs a bare undici loop (the same request, nothing measured or recorded): the ceiling
 * the engine could reach on its HTTP library, so its own overhead shows apart from undici's.
 * Env: CONNECTIONS (50), DURATION seconds (10), ROUNDS (3), WARMUP seconds (3), LAT_CONNECTIONS (10), LAT_DELAY_MS (5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Dispatcher } from 'undici';
import { parseSmokeOptions, runSmoke } from '../../src/checks/index.js';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const LAT_CONNECTIONS = Number(process.env.LAT_CONNECTIONS ?? 10);
const LAT_DELAY_MS = Number(process.env.LAT_DELAY_MS ?? 5);
const WARMUP = Number(process.env.WARMUP ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const WRK = process.env.WRK ?? '/usr/bin/wrk';
const AUTOCANNON = join(process.cwd(), 'node_modules', '.bin', 'autocannon');

// The engine's request carries these two headers (undici adds the first, the engine the second); the other
// tools get them too, so every tool sends the same bytes and the server does the same work per request.
const SAME_HEADERS: [string, string][] = [
  ['connection', 'keep-alive'],
  ['user-agent', 'gcp-deploy-smoke'],
];

// The server runs in its own process so it has its own event loop (and core) apart from the load generators.
const SERVER = `
const http = require('node:http');
const delay = Number(process.env.DELAY_MS || 0);
const server = http.createServer((req, res) => {
  const answer = () => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 }); res.end('ok'); };
  if (delay > 0) setTimeout(answer, delay); else answer();
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

interface Figures {
  rps: number;
  p50?: number;
  p95?: number;
  p99?: number;
}

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

function runProcess(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${out}`)),
    );
  });
}

async function engine(url: string, connections: number, seconds: number): Promise<Figures> {
  const options = parseSmokeOptions(
    JSON.stringify({
      vus: connections,
      duration: `${seconds}s`,
      summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)'],
    }),
    'bench',
  );
  const started = performance.now();
  const out = await runSmoke(options, url);
  const secs = (performance.now() - started) / 1000;
  const d = out.metrics.http_req_duration ?? {};
  return { rps: (out.metrics.http_reqs?.count ?? 0) / secs, p50: d.med, p95: d['p(95)'], p99: d['p(99)'] };
}

/** One undici Client per connection, each sending its next request from the previous one's completion. */
async function bareUndici(url: string, connections: number, seconds: number): Promise<Figures> {
  const opts: Dispatcher.DispatchOptions = {
    path: '/',
    method: 'GET',
    headers: ['user-agent', 'gcp-deploy-smoke'],
  };
  const clients = Array.from(
    { length: connections },
    () => new Client(new URL(url).origin, { pipelining: 1 }),
  );
  let count = 0;
  const started = performance.now();
  const endAt = started + seconds * 1000;
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          const handler: Dispatcher.DispatchHandler = {
            onConnect: () => undefined,
            onHeaders: () => true,
            onData: () => true,
            onComplete: () => {
              count++;
              if (performance.now() < endAt) client.dispatch(opts, handler);
              else resolve();
            },
            onError: reject,
          };
          client.dispatch(opts, handler);
        }),
    ),
  );
  const secs = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.destroy()));
  return { rps: count / secs };
}

async function autocannon(url: string, connections: number, seconds: number): Promise<Figures> {
  const text = await runProcess(AUTOCANNON, [
    '-c',
    String(connections),
    '-d',
    String(seconds),
    ...SAME_HEADERS.flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    '--json',
    url,
  ]);
  const json = JSON.parse(text.slice(text.indexOf('{'))) as {
    requests: { total: number };
    duration: number;
    latency: { p50: number; p97_5: number; p99: number };
  };
  return { rps: json.requests.total / json.duration, p50: json.latency.p50, p99: json.latency.p99 };
}

async function wrk(url: string, connections: number, seconds: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const script = join(dir, 'pct.lua');
  // wrk's --latency table has no p95; its Lua done() hook reads any percentile (microseconds).
  writeFileSync(
    script,
    'done = function(s, latency, r) io.write(string.format("PCT %d %d %d\\n", latency:percentile(50), latency:percentile(95), latency:percentile(99))) end\n',
  );
  const text = await runProcess(WRK, [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    ...SAME_HEADERS.flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    '--latency',
    '-s',
    script,
    url,
  ]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? NaN);
  const pct = /PCT (\d+) (\d+) (\d+)/.exec(text);
  return { rps, p50: Number(pct?.[1]) / 1000, p95: Number(pct?.[2]) / 1000, p99: Number(pct?.[3]) / 1000 };
}

const ms = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? '   -   ' : `${v.toFixed(2)}ms`.padStart(8);

type Tool = (url: string, c: number, secs: number) => Promise<Figures>;
const TOOLS: Record<string, Tool> = {
  'gcp-deploy engine': engine,
  autocannon,
  wrk,
};
const THROUGHPUT_TOOLS: Record<string, Tool> = { ...TOOLS, 'bare undici loop': bareUndici };

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** ROUNDS rounds with the order rotated each round (the server warms over time); the median of each figure. */
async function phase(
  title: string,
  delayMs: number,
  connections: number,
  tools: Record<string, Tool>,
): Promise<Record<string, Figures>> {
  const { url, child } = await startServer(delayMs);
  try {
    // Warm-up, not measured: the server's JIT (with wrk, which favours no Node client) and then the engine's own.
    await wrk(url, connections, WARMUP);
    await engine(url, connections, WARMUP);
    const names = Object.keys(tools);
    const runs: Record<string, Figures[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length] ?? '';
        const tool = tools[name];
        if (tool !== undefined) runs[name]?.push(await tool(url, connections, DURATION));
      }
    }
    const results: Record<string, Figures> = {};
    console.log(
      `\n${title} (${connections} connections, ${ROUNDS} rounds x ${DURATION}s each, medians; server delay ${delayMs} ms)`,
    );
    for (const name of names) {
      const list = runs[name] ?? [];
      const pick = (k: keyof Figures): number | undefined =>
        list.every((f) => f[k] !== undefined) ? median(list.map((f) => f[k] ?? NaN)) : undefined;
      const f: Figures = {
        rps: median(list.map((x) => x.rps)),
        p50: pick('p50'),
        p95: pick('p95'),
        p99: pick('p99'),
      };
      results[name] = f;
      const each = list.map((x) => x.rps.toFixed(0)).join('/');
      console.log(
        `  ${name.padEnd(18)} ${f.rps.toFixed(0).padStart(8)} req/s (${each})  p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  p99 ${ms(f.p99)}`,
      );
    }
    return results;
  } finally {
    child.kill();
  }
}

const t = await phase('Throughput', 0, CONNECTIONS, THROUGHPUT_TOOLS);
const e = t['gcp-deploy engine'];
const a = t.autocannon;
const w = t.wrk;
if (e && a && w) {
  console.log(
    `  ratios: engine/autocannon ${(e.rps / a.rps).toFixed(2)}x (target >= 1.00x), engine/wrk ${(e.rps / w.rps).toFixed(2)}x`,
  );
  const u = t['bare undici loop'];
  if (u) {
    console.log(
      `  for scale: bare undici/autocannon ${(u.rps / a.rps).toFixed(2)}x, engine/bare undici ${(e.rps / u.rps).toFixed(2)}x`,
    );
  }
}
const l = await phase('Latency on an unsaturated server', LAT_DELAY_MS, LAT_CONNECTIONS, TOOLS);
const le = l['gcp-deploy engine'];
const lw = l.wrk;
if (le && lw) {
  const diff = (x?: number, y?: number): string =>
    x === undefined || y === undefined ? '-' : `${(((x - y) / y) * 100).toFixed(1)} %`;
  console.log(
    `  engine vs wrk: p50 ${diff(le.p50, lw.p50)}, p95 ${diff(le.p95, lw.p95)}, p99 ${diff(le.p99, lw.p99)} (target within 10 %)`,
  );
}
