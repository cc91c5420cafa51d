#!/usr/bin/env node
/**
 * gcp-deploy from a terminal or another CI system: the same commands as the action, plus the standalone
 * smoke runner, the local emulator and the demo. Flags map onto the action's inputs: `--project-id x`
 * is the input `project_id`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const USAGE = `usage: gcp-deploy <command> [--input-name value ...]

commands:
  preview | promote | cleanup | rollback   run the action's command; flags are its inputs (--project-id, --service, ...)
                                           plus --pr N --sha COMMIT [--ref refs/tags/v1] to describe the event
  smoke --url URL --config FILE [--json]   run health-free k6-style smoke checks against a URL
  emulator [--runtime auto|docker|process] start the local Cloud Run + Artifact Registry emulator and a registry
  demo [--keep] [--runtime auto|docker|process]
                                           deploy the example app as a PR preview on the emulator
`;

/** Splits `--name value` / `--name=value` flags; a flag without a value is "true". */
export function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'\n\n${USAGE}`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        out[a.slice(2)] = next;
        i++;
      } else out[a.slice(2)] = 'true';
    }
  }
  return out;
}

async function runActionCommand(command: string, flags: Record<string, string>): Promise<number> {
  const { pr, sha, ref, ...inputs } = flags;
  const dir = mkdtempSync(join(tmpdir(), 'gcp-deploy-cli-'));
  try {
    const env = process.env;
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/-/g, '_').toUpperCase()}`] = v;
    env.INPUT_COMMAND = command;
    if (env.GITHUB_EVENT_PATH === undefined) {
      // Outside Actions: describe the event from the flags so the same code path runs.
      const eventPath = join(dir, 'event.json');
      const number = pr === undefined ? undefined : Number(pr);
      const payload =
        number === undefined
          ? {}
          : {
              action: 'synchronize',
              number,
              pull_request: { number, head: { sha, ref: 'local' }, base: { ref: 'main' } },
            };
      writeFileSync(eventPath, JSON.stringify(payload));
      env.GITHUB_EVENT_PATH = eventPath;
      env.GITHUB_EVENT_NAME = number === undefined ? 'workflow_dispatch' : 'pull_request';
      env.GITHUB_SHA ??= sha ?? '0000000000000000000000000000000000000000';
      env.GITHUB_REF ??= ref ?? (number === undefined ? 'refs/heads/main' : `refs/pull/${number}/merge`);
      env.GITHUB_REPOSITORY ??= 'local/local';
    }
    const { run } = await import('./main.js');
    await run(env);
    return process.exitCode === undefined || process.exitCode === 0 ? 0 : Number(process.exitCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one CLI invocation and returns the exit code. */
export async function cli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'preview':
    case 'promote':
    case 'cleanup':
    case 'rollback':
      return runActionCommand(command, parseFlags(rest));
    case 'smoke': {
      const { runSmokeCli } = await import('./checks/index.js');
      return runSmokeCli(rest);
    }
    case 'emulator': {
      const flags = parseFlags(rest);
      const { runStandaloneEmulator } = await import('./emulator/standalone.js');
      const runtime = flags.runtime;
      if (runtime !== undefined && runtime !== 'auto' && runtime !== 'docker' && runtime !== 'process') {
        process.stderr.write(`--runtime: got "${runtime}"; allowed: auto | docker | process\n`);
        return 2;
      }
      await runStandaloneEmulator({ runtime });
      return 0;
    }
    case 'demo': {
      const { runDemo } = await import('./demo/demo.js');
      return runDemo(parseFlags(rest));
    }
    default:
      process.stderr.write(
        command === undefined || command === '--help' ? USAGE : `unknown command '${command}'\n\n${USAGE}`,
      );
      return command === '--help' ? 0 : 2;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  cli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
