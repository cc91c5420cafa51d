/**
 * `gcp-deploy preview|promote|cleanup|rollback`: the action's commands on the same config parser, the same
 * runner and the same report, with the event from flags or the CI system, and the outputs on stdout.
 */
import { UserError, errorMessage } from '../config/user-error.js';
import { watchSignals } from '../commands/cancellation.js';
import { failsTheRun, type RunReport } from '../report/run-report.js';
import { parseActionArgs, UsageError, type ActionCommand } from './args.js';
import { cliEventContext } from './ci-context.js';
import { commandHelp } from './help.js';
import { INPUT_NAMES, cliInputReader, envOf, flagOf } from './inputs.js';
import { redirectStdout } from './log-sink.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The outputs as one JSON object: unset outputs are null, JSON outputs are the objects themselves. */
export function outputsJson(outputs: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(outputs)) {
    out[name] = JSON_OUTPUTS.has(name) && value !== '' ? JSON.parse(value) : value === '' ? null : value;
  }
  return out;
}

const JSON_OUTPUTS = new Set(['metrics', 'urls', 'revisions', 'stages']);

/** A run's exit code: failure, rolled-back and cancelled fail it (skipped and removed are what was asked). */
export function exitCodeOf(report: Pick<RunReport, 'result'>): number {
  return failsTheRun(report.result) ? EXIT_FAILED : EXIT_OK;
}

/** Says where an input comes from on the command line, after the action's own message. */
function withSource(err: UserError): string {
  const name = err.input;
  if (name === undefined || !(INPUT_NAMES as readonly string[]).includes(name)) return err.message;
  return `${err.message.replace(/\.$/, '')} (set with ${flagOf(name)} or ${envOf(name)}).`;
}

export async function runActionCommand(
  command: ActionCommand,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  let args;
  try {
    args = parseActionArgs(command, argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`gcp-deploy: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (args.help) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }
  // From here on @actions/core logs; its stdout lines go to stderr so stdout carries only the result.
  const sink = redirectStdout(env);
  // Ctrl-C undoes the run's own change, as a cancelled workflow run does.
  const signals = watchSignals({
    graceMs: 9_000,
    onSignal: (name) => io.stderr(`gcp-deploy: ${name} received: undoing this run's change\n`),
    onTimeout: () => process.exit(EXIT_FAILED),
  });
  let report: Pick<RunReport, 'result' | 'failureReason'>;
  let outputs: Record<string, string>;
  try {
    const read = cliInputReader(args.inputs, env, command);
    const { runServices } = await import('../commands/run-services.js');
    const done = await runServices(command, read, {
      readFor: (r) => r,
      eventFor: (first) =>
        cliEventContext({
          command,
          flags: args.event,
          env,
          reportsToGitHub: first !== undefined && first.github.token !== '',
          hasPromoteFrom: first?.promote.from !== undefined,
        }),
      cancel: signals.signal,
    });
    report = done;
    outputs = done.outputs;
  } catch (err) {
    signals.dispose();
    sink.restore();
    if (err instanceof UserError) {
      io.stderr(`gcp-deploy: ${withSource(err)}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`gcp-deploy ${command}: ${errorMessage(err)}\n`);
    return EXIT_FAILED;
  }
  signals.dispose();
  sink.restore();
  const code = exitCodeOf(report);
  if (code !== EXIT_OK) io.stderr(`gcp-deploy ${command}: ${report.failureReason ?? `${command} failed`}\n`);
  if (args.json) {
    io.stdout(`${JSON.stringify(outputsJson(outputs))}\n`);
  } else {
    const lines = Object.entries(outputs)
      .filter(([name, value]) => name !== 'metrics' && value !== '' && value !== '{}')
      .map(([name, value]) => `${name}: ${value}\n`);
    io.stdout(lines.join(''));
  }
  return code;
}
