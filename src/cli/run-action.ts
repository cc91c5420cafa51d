/**
 * `gcp-deploy preview|promote|cleanup|rollback`: the action's commands on the same config parser, the same
 * runCommand and the same report, with the event from flags or the CI system, and the outputs on stdout.
 */
import { UserError, errorMessage } from '../config/user-error.js';
import { loadConfig } from '../main.js';
import { actionOutputs } from '../report/outputs.js';
import type { RunReport } from '../report/run-report.js';
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

/** The outputs as one JSON object: unset outputs are null, metrics is the object itself. */
export function outputsJson(report: RunReport): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(actionOutputs(report))) {
    outputs[name] = name === 'metrics' ? JSON.parse(value) : value === '' ? null : value;
  }
  return outputs;
}

/** A run's exit code: failure, rolled-back and cancelled fail it (skipped and removed are what was asked). */
export function exitCodeOf(report: RunReport): number {
  return report.result === 'failure' || report.result === 'rolled-back' || report.result === 'cancelled'
    ? EXIT_FAILED
    : EXIT_OK;
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
  let report: RunReport;
  try {
    const config = await loadConfig(cliInputReader(args.inputs, env, command));
    const ctx = cliEventContext({
      command,
      flags: args.event,
      env,
      reportsToGitHub: config.github.token !== '',
      hasPromoteFrom: config.promote.from !== undefined,
    });
    const { runCommand } = await import('../commands/run-command.js');
    report = await runCommand(command, config, ctx);
  } catch (err) {
    sink.restore();
    if (err instanceof UserError) {
      io.stderr(`gcp-deploy: ${withSource(err)}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`gcp-deploy ${command}: ${errorMessage(err)}\n`);
    return EXIT_FAILED;
  }
  sink.restore();
  const code = exitCodeOf(report);
  if (code !== EXIT_OK) io.stderr(`gcp-deploy ${command}: ${report.failureReason ?? `${command} failed`}\n`);
  if (args.json) {
    io.stdout(`${JSON.stringify(outputsJson(report))}\n`);
  } else {
    const outputs = actionOutputs(report);
    const lines = Object.entries(outputs)
      .filter(([name, value]) => name !== 'metrics' && value !== '')
      .map(([name, value]) => `${name}: ${value}\n`);
    io.stdout(lines.join(''));
  }
  return code;
}
