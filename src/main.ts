import * as core from '@actions/core';
import { parseConfig, type CommandInput, type Config, type InputReader } from './config/config.js';
import { withCommand } from './config/inputs.js';
import { commandForEvent, readEventContext } from './github/event-context.js';
import { UserError, errorMessage } from './config/user-error.js';
import { writeEnvironmentOutputs, writeOutputs } from './report/outputs.js';
import type { EventContext } from './github/event-context.js';
import { protectSecret, redact } from './report/redaction.js';
import { failsTheRun } from './report/run-report.js';
import { watchSignals } from './commands/cancellation.js';

/**
 * After the first signal the runner sends SIGTERM at 7.5 s and kills at 10 s: the undo must be done by then,
 * so the watchdog ends the process itself just before.
 */
const CANCEL_GRACE_MS = 9_000;

/** The validated config with its template file checked, and its secrets masked before anything can print them. */
export async function loadConfig(read: InputReader): Promise<Config> {
  const config = parseConfig(read);
  if (config.deploy.templateFile !== undefined) {
    // Checked against the shipped protos here, lazily: they are large and most runs have no template file.
    const { templateFromFile } = await import('./cloudrun/template-file.js');
    config.deploy.templateFile = templateFromFile(config.deploy.templateFile);
  }
  // The token and every build secret's value: masked in the log, cut from every outward text.
  protectSecret(config.github.token);
  for (const value of Object.values(config.build.buildSecrets)) protectSecret(value);
  return config;
}

/** The run of one service: its inputs, the command, the outputs. */
async function runSingleStep(
  command: Exclude<CommandInput, 'auto' | 'build'>,
  read: InputReader,
  ctx: EventContext,
  cancel: AbortSignal,
): Promise<void> {
  let config = await loadConfig(withCommand(command, read));
  if (command === 'preview' && config.build.imageArchive !== undefined) {
    // A fork's archive (issue 28): checked, approved and pushed here; then previewed as a prebuilt image.
    const { prepareForkPreview } = await import('./commands/fork-preview.js');
    const fork = await prepareForkPreview(config, ctx);
    if (fork.kind === 'done') return;
    ({ config, ctx } = fork);
  }
  const { runCommand } = await import('./commands/run-command.js');
  const report = await runCommand(command, config, ctx, cancel);
  writeOutputs(report);
  if (failsTheRun(report.result)) {
    core.setFailed(redact(report.failureReason ?? `${command} failed`));
  }
}

/** The run of an environment (the `services` input): every member's inputs parsed before anything runs. */
async function runEnvironmentStep(
  command: Exclude<CommandInput, 'auto' | 'build'>,
  services: string,
  read: InputReader,
  ctx: EventContext,
  cancel: AbortSignal,
): Promise<void> {
  if (read('image_archive').trim() !== '') {
    throw new UserError(
      `Input 'image_archive': a fork's archive previews one service; allowed: service, not services.`,
    );
  }
  const { loadEnvironment } = await import('./environment/load-environment.js');
  const env = await loadEnvironment(services, read, (r) => withCommand(command, r), loadConfig);
  const { runEnvironment } = await import('./commands/run-environment.js');
  const report = await runEnvironment(command, env, ctx, cancel);
  writeEnvironmentOutputs(report);
  if (failsTheRun(report.result)) {
    core.setFailed(redact(report.failureReason ?? `${command} of environment ${env.name} failed`));
  }
}

/** The services a scheduled sweep covers, each with its cleanup inputs: the one `service`, or each of `services`. */
async function sweepConfigs(
  read: InputReader,
): Promise<{ configs: Config[]; environment?: { name: string; primary?: string } }> {
  const services = read('services').trim();
  if (services === '') return { configs: [await loadConfig(withCommand('cleanup', read))] };
  const { loadEnvironment } = await import('./environment/load-environment.js');
  const env = await loadEnvironment(services, read, (r) => withCommand('cleanup', r), loadConfig);
  const { frontMember } = await import('./report/environment-report.js');
  const primary = frontMember(env.members)?.name;
  return {
    configs: env.members.map((m) => m.config),
    environment: { name: env.name, ...(primary !== undefined ? { primary } : {}) },
  };
}

/**
 * The action's entry: resolve the command from the event, parse the inputs it uses once (a bad one fails
 * here, before anything is built or deployed), run it, and publish outputs. Heavy modules load only after the
 * inputs are valid, so a bad input answers fast.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const signals = watchSignals({
    graceMs: CANCEL_GRACE_MS,
    onSignal: (name) => core.warning(`${name} received: stopping the checks and undoing this run's change`),
    onTimeout: () => {
      core.setFailed(`Cancelled, and the undo did not finish within ${CANCEL_GRACE_MS / 1000} s`);
      process.exit(1);
    },
  });
  try {
    const read = (name: string): string => core.getInput(name);
    // Every given input's syntax first (a typo in `command` before anything else), then the event, then
    // the files of the inputs the resolved command uses. An environment names its services in `services`;
    // the run's inputs are checked with a stand-in service name.
    const given = parseConfig(
      (name) =>
        name === 'service' && read('services').trim() !== '' && read('service').trim() === ''
          ? 'environment'
          : read(name),
      { readFiles: false },
    );
    const requested = given.command;
    let ctx = readEventContext(env);
    // Who gets a preview (issue 28): labels decide before anything is built.
    const { gateEvent } = await import('./commands/opt-in.js');
    const gate = await gateEvent(given, requested, ctx, env);
    if (gate.kind === 'done') return;
    if (gate.kind === 'sweep') {
      const { runSweepStep } = await import('./commands/sweep.js');
      const sweep = await sweepConfigs(read);
      await runSweepStep(sweep.configs, ctx, signals.signal, sweep.environment);
      return;
    }
    if (gate.kind === 'run') ctx = gate.ctx;
    const resolved =
      gate.kind === 'run' ? gate.command : requested === 'auto' ? commandForEvent(ctx) : requested;
    if (resolved === null) {
      throw new UserError(
        `Input 'command': got "auto", but the event '${ctx.eventName}' (action '${ctx.action ?? ''}') implies no command; ` +
          'allowed: preview | candidate | promote | cleanup | rollback, or auto on pull_request, a push to the default branch, release, a tag push or workflow_dispatch with a tag.',
        'command',
      );
    }
    if (resolved === 'build') {
      // A fork PR's unprivileged build into an OCI archive (issue 28): no credentials, nothing deployed.
      const { runBuildArchive } = await import('./commands/build-archive.js');
      await runBuildArchive(await loadConfig(withCommand('build', read)), ctx, env);
      return;
    }
    const services = read('services').trim();
    if (services !== '') await runEnvironmentStep(resolved, services, read, ctx, signals.signal);
    else await runSingleStep(resolved, read, ctx, signals.signal);
  } catch (err) {
    if (!(err instanceof UserError)) core.debug(err instanceof Error && err.stack ? err.stack : String(err));
    core.setFailed(redact(errorMessage(err)));
  } finally {
    signals.dispose();
  }
  // Checks abandoned by a cancel may still hold sockets open: the run is over, so the process is too.
  if (signals.signal.aborted) process.exit();
}
