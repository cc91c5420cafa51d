/**
 * The one entry of every run, for the action and the CLI: the `service` input is a run of one service, the
 * `services` input a run of an environment; either way the inputs are parsed before anything runs, then the
 * command runs and the outputs are returned by name.
 */
import type { Config, InputReader } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import type { EventContext } from '../github/index.js';
import { actionOutputs, environmentOutputs } from '../report/outputs.js';
import type { Command, RunReport } from '../report/run-report.js';

export interface ServicesRun extends Pick<RunReport, 'result' | 'failureReason'> {
  /** The action's outputs by name (the action's outputs, the CLI's stdout). */
  outputs: Record<string, string>;
  /** What failed, when the report gives no reason: the command, or the command of the environment. */
  what: string;
}

export interface ServicesRunOptions {
  /** The inputs a service reads for this command (the action filters them by command; the CLI already did). */
  readFor: (read: InputReader) => InputReader;
  /** The event, once the first service's inputs are known (the CLI asks them whether it reports to GitHub). */
  eventFor: (first: Config | undefined) => EventContext;
  cancel: AbortSignal;
}

export async function runServices(
  command: Command,
  read: InputReader,
  opts: ServicesRunOptions,
): Promise<ServicesRun> {
  const services = read('services').trim();
  if (services !== '') {
    const { loadEnvironment } = await import('../environment/load-environment.js');
    const env = await loadEnvironment(services, read, opts.readFor, loadConfig);
    const { runEnvironment } = await import('./run-environment.js');
    const report = await runEnvironment(command, env, opts.eventFor(env.members[0]?.config), opts.cancel);
    return {
      result: report.result,
      failureReason: report.failureReason,
      outputs: environmentOutputs(report),
      what: `${command} of environment ${env.name}`,
    };
  }
  const config = await loadConfig(opts.readFor(read));
  const { runCommand } = await import('./run-command.js');
  const report = await runCommand(command, config, opts.eventFor(config), opts.cancel);
  return {
    result: report.result,
    failureReason: report.failureReason,
    outputs: actionOutputs(report),
    what: command,
  };
}

/** The configs of the run's services: the one `service`, or each of `services` (a scheduled sweep covers them all). */
export async function loadServiceConfigs(
  read: InputReader,
  readFor: (read: InputReader) => InputReader,
): Promise<Config[]> {
  const services = read('services').trim();
  if (services === '') return [await loadConfig(readFor(read))];
  const { loadEnvironment } = await import('../environment/load-environment.js');
  const env = await loadEnvironment(services, read, readFor, loadConfig);
  return env.members.map((m) => m.config);
}
