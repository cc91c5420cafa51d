/**
 * Turns the `services` input into the environment's members, each with its own validated config: the
 * file's inputs for the service over the step's inputs. A mistake names the file and the service.
 */
import { readFileSync } from 'node:fs';
import type { Config, InputReader } from '../config/config.js';
import { UserError, errorMessage } from '../config/user-error.js';
import { parseEnvironmentFile, type EnvironmentSpec } from './environment-file.js';
import { dependencyOrder } from './graph.js';

export interface EnvironmentMemberConfig {
  name: string;
  needs: string[];
  config: Config;
}

export interface LoadedEnvironment {
  name: string;
  source: string;
  members: EnvironmentMemberConfig[];
  /** The `service` input: one service, run as an environment of one and reported as a single service. */
  single?: boolean;
}

/** The run of the `service` input: an environment of one member, whose hooks are trivially met. */
export function environmentOfService(config: Config): LoadedEnvironment {
  return {
    name: config.service,
    source: `service ${config.service}`,
    single: true,
    members: [{ name: config.service, needs: [], config }],
  };
}

/** The spec from the input: inline YAML (a value with a line break) or a path in the workspace. */
export function readEnvironmentSpec(value: string): { spec: EnvironmentSpec; source: string } {
  if (value.includes('\n')) return { spec: parseEnvironmentFile(value, 'inline'), source: 'inline' };
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (err) {
    throw UserError.forInput(
      'services',
      value,
      `cannot read it (${errorMessage(err).split(':')[0]}); allowed: a path to the environment file in the checked-out workspace, or inline YAML`,
    );
  }
  return { spec: parseEnvironmentFile(text, value), source: value };
}

/**
 * Each member's config through the same parser a single service uses (`load`), so every input means the
 * same in the file as in the step. `filter` keeps only the inputs the command reads.
 */
export async function loadEnvironment(
  value: string,
  read: InputReader,
  filter: (read: InputReader) => InputReader,
  load: (read: InputReader) => Promise<Config>,
): Promise<LoadedEnvironment> {
  const { spec, source } = readEnvironmentSpec(value);
  if (read('service').trim() !== '') {
    throw UserError.forInput(
      'service',
      read('service').trim(),
      `leave it empty when 'services' names the environment's services (${source})`,
    );
  }
  const ordered = dependencyOrder(spec.services, source);
  const members: EnvironmentMemberConfig[] = [];
  for (const s of ordered) {
    const own: InputReader = (name) =>
      name === 'service' ? s.name : name === 'services' ? '' : (s.inputs[name] ?? read(name));
    try {
      members.push({ name: s.name, needs: s.needs, config: await load(filter(own)) });
    } catch (err) {
      if (err instanceof UserError) {
        throw new UserError(`Input 'services' (${source}), service ${s.name}: ${err.message}`, err.input);
      }
      throw err;
    }
  }
  return { name: spec.name, source, members };
}
