/**
 * The one entry of every run, for the action and the CLI: the `service` input is a run of one service, the
 * `services` input a run of an environment; either way the inputs are parsed before anything runs, then the
 * command runs and the outputs are returned by name.
 */
import type { Config, InputReader } from '../config/config.js';
import { UserError } from '../config/user-error.js';
import { loadConfig } from '../config/load-config.js';
import type { EventContext } from '../github/index.js';
import type { LoadedEnvironment } from '../environment/load-environment.js';
import { runOutputs } from '../report/outputs.js';
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
    if (read('image_archive').trim() !== '') {
      throw new UserError(
        `Input 'image_archive': a fork's archive previews one service; allowed: service, not services.`,
        'image_archive',
      );
    }
    const { loadEnvironment } = await import('../environment/load-environment.js');
    const env = await loadEnvironment(services, read, opts.readFor, loadConfig);
    return run(command, env, opts.eventFor(env.members[0]?.config), opts.cancel);
  }
  let config = await loadConfig(opts.readFor(read));
  let ctx = opts.eventFor(config);
  if (command === 'preview' && config.build.imageArchive !== undefined) {
    // A fork's archive (issue 28): checked, approved and pushed here; then previewed as a prebuilt image.
    // Waiting for approval is no failure: fork-preview.ts has set the `skipped` result and said why.
    const { prepareForkPreview } = await import('./fork-preview.js');
    const fork = await prepareForkPreview(config, ctx);
    if (fork.kind === 'done')
      return { result: 'skipped', failureReason: undefined, outputs: {}, what: command };
    ({ config, ctx } = fork);
  }
  const { environmentOfService } = await import('../environment/load-environment.js');
  return run(command, environmentOfService(config), ctx, opts.cancel);
}

/** Runs the command over the run's services (one, or an environment's) and gives its outputs by name. */
async function run(
  command: Command,
  env: LoadedEnvironment,
  ctx: EventContext,
  cancel: AbortSignal,
): Promise<ServicesRun> {
  const { runEnvironment } = await import('./run-environment.js');
  const report = await runEnvironment(command, env, ctx, cancel);
  return {
    result: report.result,
    failureReason: report.failureReason,
    outputs: runOutputs(report),
    what: env.single === true ? command : `${command} of environment ${env.name}`,
  };
}

/**
 * The configs of the run's services: the one `service`, or each of `services` (a scheduled sweep covers them
 * all), with the environment's name and front member, which its sweep reports under.
 */
export async function loadServiceConfigs(
  read: InputReader,
  readFor: (read: InputReader) => InputReader,
): Promise<{ configs: Config[]; environment?: { name: string; primary?: string } }> {
  const services = read('services').trim();
  if (services === '') return { configs: [await loadConfig(readFor(read))] };
  const { loadEnvironment } = await import('../environment/load-environment.js');
  const env = await loadEnvironment(services, read, readFor, loadConfig);
  const { frontMember } = await import('../report/environment-report.js');
  const primary = frontMember(env.members)?.name;
  return {
    configs: env.members.map((m) => m.config),
    environment: { name: env.name, ...(primary !== undefined ? { primary } : {}) },
  };
}
