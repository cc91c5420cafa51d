/**
 * The gcp-deploy command line: dispatches one invocation and returns its exit code. The installed command
 * (dist/cli.js) and `tsx src/cli.ts` both end here.
 */
import { ACTION_COMMANDS, type ActionCommand } from './args.js';
import { COMMANDS, USAGE, commandHelp } from './help.js';
import { EXIT_BAD_INPUT, EXIT_OK, runActionCommand, type CliIo } from './run-action.js';
import { version } from './version.js';

const stdio: CliIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

const isActionCommand = (c: string | undefined): c is ActionCommand =>
  (ACTION_COMMANDS as readonly string[]).includes(c ?? '');

function unknownCommand(command: string, io: CliIo): number {
  io.stderr(
    `gcp-deploy: unknown command '${command}'; commands: ${COMMANDS.join(', ')} (gcp-deploy --help)\n`,
  );
  return EXIT_BAD_INPUT;
}

/**
 * Commands that run only from a checkout of gcp-deploy: the emulator and the demo load the client libraries'
 * protos and the example app from node_modules and src/, which the installed bundle does not ship, so only
 * src/cli.ts (run through tsx) provides them.
 */
export type RepoCommands = Partial<Record<'emulator' | 'demo', (argv: string[]) => Promise<number>>>;

const SMOKE_USAGE = 'usage: gcp-deploy smoke --url URL --config FILE|INLINE [--json] [--auth none|id-token]';
const REPO_USAGE = {
  emulator:
    'usage: gcp-deploy emulator [--runtime auto|docker|process] [--network host|bridge]   (from a checkout: npm run emulator)',
  demo: 'usage: gcp-deploy demo [--keep] [--runtime auto|docker|process]   (from a checkout: npm run demo)',
};

/** Runs one CLI invocation (argv without node and the script) and returns the exit code. */
export async function cli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = stdio,
  repo: RepoCommands = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(USAGE);
    return EXIT_BAD_INPUT;
  }
  if (command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (command === '--version') {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  if (command === 'help') {
    const about = rest[0];
    if (about === undefined) io.stdout(USAGE);
    else if (isActionCommand(about)) io.stdout(commandHelp(about));
    else if (about === 'smoke') io.stdout(`${SMOKE_USAGE}\n`);
    else if (about === 'proxy') io.stdout(`${(await import('./proxy.js')).PROXY_USAGE}\n`);
    else if (about === 'emulator' || about === 'demo') io.stdout(`${REPO_USAGE[about]}\n`);
    else return unknownCommand(about, io);
    return EXIT_OK;
  }
  if (command.startsWith('-')) {
    io.stderr(`gcp-deploy: unknown flag '${command}' before the command (gcp-deploy --help)\n`);
    return EXIT_BAD_INPUT;
  }
  if (isActionCommand(command)) return runActionCommand(command, rest, env, io);
  switch (command) {
    case 'smoke': {
      const { runSmokeCli } = await import('../checks/smoke-cli.js');
      return runSmokeCli(rest, io);
    }
    case 'proxy': {
      const { runProxyCli } = await import('./proxy.js');
      return runProxyCli(rest, env, io);
    }
    case 'emulator':
    case 'demo': {
      const run = repo[command];
      if (run !== undefined) return run(rest);
      io.stderr(
        `gcp-deploy: '${command}' runs from a checkout of gcp-deploy (npm ci && npm run bundle && npm run ${command}); the installed package ships the action's commands and smoke\n`,
      );
      return EXIT_BAD_INPUT;
    }
    default:
      return unknownCommand(command, io);
  }
}
