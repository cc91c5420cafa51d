#!/usr/bin/env node
/**
 * gcp-deploy from a checkout, through tsx (`npm run demo`, `npm run emulator`, `npm run smoke`): the
 * installed command's CLI (src/cli/main.ts, bundled as dist/cli.js) plus the two commands that need the
 * repository itself, the local emulator and the demo.
 */
import { cli } from './cli/main.js';

/** Splits `--name value` / `--name=value` flags of the emulator and the demo; a bare flag is "true". */
export function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        out[a.slice(2)] = next;
        i++;
      } else out[a.slice(2)] = 'true';
    }
  }
  return out;
}

const invokedDirectly = process.argv[1] !== undefined && /cli\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  cli(process.argv.slice(2), process.env, undefined, {
    emulator: async (argv) => {
      const { runtime, network } = parseFlags(argv);
      if (network !== undefined && network !== 'host' && network !== 'bridge') {
        process.stderr.write(`--network: got "${network}"; allowed: host | bridge\n`);
        return 2;
      }
      if (runtime !== undefined && runtime !== 'auto' && runtime !== 'docker' && runtime !== 'process') {
        process.stderr.write(`--runtime: got "${runtime}"; allowed: auto | docker | process\n`);
        return 2;
      }
      const { runStandaloneEmulator } = await import('./emulator/standalone.js');
      await runStandaloneEmulator({ runtime, ...(network !== undefined ? { network } : {}) });
      return 0;
    },
    demo: async (argv) => {
      const { runDemo } = await import('./demo/demo.js');
      return runDemo(parseFlags(argv));
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
