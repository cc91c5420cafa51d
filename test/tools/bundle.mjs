// Rebuilds dist/ with ncc. The bundle is ESM (the @actions packages are ESM-only), but google-gax reads
// `__dirname` at load time to find its protos; ESM has no `__dirname`, so a two-line shim defines it.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', 'src/index.ts', '-o', 'dist', '--license', 'licenses.txt', '--quiet'],
  { cwd: root, stdio: 'inherit' },
);
const entry = join(dist, 'index.js');
const shim =
  "import { fileURLToPath as __gcpdFileUrlToPath } from 'node:url';\n" +
  "import { dirname as __gcpdDirname } from 'node:path';\n" +
  'const __dirname = __gcpdDirname(__gcpdFileUrlToPath(import.meta.url));\n';
writeFileSync(entry, shim + readFileSync(entry, 'utf8'));
