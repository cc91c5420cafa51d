import * as core from '@actions/core';
import { parseConfig } from './config/config.js';
import { withCommand } from './config/inputs.js';
import { commandForEvent, readEventContext } from './github/event-context.js';
import { UserError, errorMessage } from './config/user-error.js';
import { redact } from './report/redaction.js';
import { failsTheRun } from './report/run-report.js';
import { watchSignals } from './commands/cancellation.js';

/**
 * After the first signal the runner sends SIGTERM at 7.5 s and kills at 10 s: the undo must be done by then,
 * so the watchdog ends the process itself just before.
 */
const CANCEL_GRACE_MS = 9_000;

import { loadConfig } from './config/load-config.js';

export { loadConfig };

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
      const { loadServiceConfigs } = await import('./commands/run-services.js');
      const sweep = await loadServiceConfigs(read, (r) => withCommand('cleanup', r));
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
    const event = ctx;
    const { runServices } = await import('./commands/run-services.js');
    const done = await runServices(resolved, read, {
      readFor: (r) => withCommand(resolved, r),
      eventFor: () => event,
      cancel: signals.signal,
    });
    for (const [name, value] of Object.entries(done.outputs)) core.setOutput(name, value);
    if (failsTheRun(done.result)) core.setFailed(redact(done.failureReason ?? `${done.what} failed`));
  } catch (err) {
    if (!(err instanceof UserError)) core.debug(err instanceof Error && err.stack ? err.stack : String(err));
    core.setFailed(redact(errorMessage(err)));
  } finally {
    signals.dispose();
  }
  // Checks abandoned by a cancel may still hold sockets open: the run is over, so the process is too.
  if (signals.signal.aborted) process.exit();
}
