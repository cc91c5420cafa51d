// Rebuilds dist/ with ncc, and writes dist/cli.js, the installed `gcp-deploy` command, which starts the same
// bundle as the CLI (one bundle: the two entries share every module and the protos). The bundle is ESM (the @actions packages are ESM-only), but google-gax reads
// `__dirname` at load time to find its protos; ESM has no `__dirname`, so a short shim defines it in every file that reads it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
    'build',
    'src/index.ts',
    '-o',
    'dist',
    '--license',
    'licenses.txt',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
const shim =
  "import { fileURLToPath as __gcpdFileUrlToPath } from 'node:url';\n" +
  "import { dirname as __gcpdDirname } from 'node:path';\n" +
  'const __dirname = __gcpdDirname(__gcpdFileUrlToPath(import.meta.url));\n';
// Lazily loaded chunks are modules of their own, so each one that reads __dirname gets the shim too.
for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
  const path = join(dist, file);
  const code = readFileSync(path, 'utf8');
  if (/\b__dirname\b/.test(code)) writeFileSync(path, shim + code);
}

writeFileSync(
  join(dist, 'cli.js'),
  '#!/usr/bin/env node\n' +
    '// The installed `gcp-deploy` command: the action bundle (index.js) started as the CLI. Written by test/tools/bundle.mjs.\n' +
    'globalThis.gcpDeployCli = true;\n' +
    "await import('./index.js');\n",
  { mode: 0o755 },
);
