import * as core from '@actions/core';
import { parseConfig } from './config/config.js';
import { commonInputs, inputsFor } from './config/command-inputs.js';
import { commandForEvent, readEventContext } from './github/event-context.js';
import { UserError, errorMessage } from './config/user-error.js';
import { writeOutputs } from './report/outputs.js';

/**
 * The action's entry: resolve the command from the event, parse the inputs it uses once (a bad one fails
 * here, before anything is built or deployed), run it, and publish outputs. Heavy modules load only after the
 * inputs are valid, so a bad input answers fast.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const read = (name: string): string => core.getInput(name);
    // The inputs every command reads first (a typo in `command` before anything else), then the event,
    // then only the inputs the resolved command uses.
    const requested = parseConfig(commonInputs(read)).command;
    const ctx = readEventContext(env);
    const resolved = requested === 'auto' ? commandForEvent(ctx) : requested;
    if (resolved === null) {
      throw new UserError(
        `Input 'command': got "auto", but the event '${ctx.eventName}' (action '${ctx.action ?? ''}') implies no command; ` +
          'allowed: preview | promote | cleanup | rollback, or auto on pull_request, release, a tag push or workflow_dispatch with a tag.',
        'command',
      );
    }
    const config = parseConfig(inputsFor(resolved, read));
    if (config.deploy.templateFile !== undefined) {
      // Checked against the shipped protos here, lazily: they are large and most runs have no template file.
      const { templateFromFile } = await import('./cloudrun/template-file.js');
      config.deploy.templateFile = templateFromFile(config.deploy.templateFile);
    }
    // Masked before anything can print them: the token and every build secret's value.
    if (config.github.token !== '') core.setSecret(config.github.token);
    for (const value of Object.values(config.build.buildSecrets)) core.setSecret(value);
    const command = resolved;
    const { runCommand } = await import('./commands/run-command.js');
    const report = await runCommand(command, config, ctx);
    writeOutputs(report);
    if (report.result === 'failure' || report.result === 'rolled-back') {
      core.setFailed(report.failureReason ?? `${command} failed`);
    }
  } catch (err) {
    if (!(err instanceof UserError)) core.debug(err instanceof Error && err.stack ? err.stack : String(err));
    core.setFailed(errorMessage(err));
  }
}
