/**
 * bench:startup: time from spawning `node dist/index.js` to its first line of output (the missing-input
 * error, so nothing else runs), on Node 24 and this machine's Node, with the bundle's size.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePath, machineNode, node24, repoRoot } from '../e2e/support/action-runner.js';

async function firstLineMs(node: string): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(node, [bundlePath], { env: { PATH: process.env.PATH ?? '' } });
    let seen = false;
    const onData = (): void => {
      if (seen) return;
      seen = true;
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
  });
}

function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? dirSize(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

const runs = Number(process.env.RUNS ?? 15);
for (const [label, node] of [
  ['node 24 (node_modules/node)', node24],
  ['machine node', machineNode],
] as const) {
  await firstLineMs(node); // warm the page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await firstLineMs(node));
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `${label}: first line after ${median.toFixed(0)} ms median (min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)}, ${runs} runs)`,
  );
}
console.log(
  `dist/index.js: ${(statSync(bundlePath).size / 1e6).toFixed(2)} MB; dist/ in all: ${(dirSize(join(repoRoot, 'dist')) / 1e6).toFixed(2)} MB`,
);
