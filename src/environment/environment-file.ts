/**
 * The environment file (`services` input): the services one run previews together, each with the action's
 * own inputs and the services it needs. Pure: the caller reads the file.
 *
 *   name: shop
 *   services:
 *     api:    { context: api, health_path: /healthz }
 *     worker: { context: worker }
 *     web:    { context: web, needs: [api] }
 */
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BUILD, BUILDER, CHECKS, COMPARE, DEPLOY, PREVIEW } from '../config/command-inputs.js';
import { UserError, errorMessage } from '../config/user-error.js';

/** Inputs a service may set for itself; everything else (project, region, token, tag...) is the run's. */
export const SERVICE_INPUTS: readonly string[] = [
  'image_name',
  'repository',
  ...BUILD,
  ...BUILDER,
  ...DEPLOY,
  ...PREVIEW,
  ...CHECKS,
  ...COMPARE,
  'canary',
];

export interface EnvironmentService {
  /** The Cloud Run service, as the file's key names it. */
  name: string;
  /** Services this one waits for; their preview URLs reach it as `<NAME>_URL`. */
  needs: string[];
  /** The service's own inputs, as the action's input strings (maps become KEY=VALUE lines). */
  inputs: Record<string, string>;
}

export interface EnvironmentSpec {
  name: string;
  /** In the file's order (dependency order comes from graph.ts). */
  services: EnvironmentService[];
}

const SERVICE_NAME = /^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/;
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const value = z.union([scalar, z.array(scalar), z.record(z.string(), scalar)]);
const serviceSchema = z.record(z.string(), value.nullable()).nullable();
const fileSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
    .optional(),
  services: z.record(z.string(), serviceSchema),
});

/** `api` -> `API_URL`, `my-api` -> `MY_API_URL`: the variable a dependent service reads a preview URL from. */
export function urlEnvName(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}

function inputString(v: z.infer<typeof value>): string {
  if (Array.isArray(v)) return v.map(String).join(',');
  if (typeof v === 'object') {
    return Object.entries(v)
      .map(([k, x]) => `${k}=${String(x)}`)
      .join('\n');
  }
  return String(v);
}

/**
 * Parses the file's text; `source` names it in every message. Unknown keys, bad service names and
 * malformed `needs` fail here, naming the file, the service and what is allowed.
 */
export function parseEnvironmentFile(text: string, source: string): EnvironmentSpec {
  const bad = (what: string): UserError =>
    new UserError(`Input 'services' (${source}): ${what}.`, 'services');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw bad(`not valid YAML: ${errorMessage(err).split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(
      `${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}; allowed: an optional name ` +
        '(lowercase, digits, hyphens) and services: a map of service name to its inputs',
    );
  }
  const entries = Object.entries(parsed.data.services);
  if (entries.length === 0) throw bad('services is empty; allowed: at least one service');
  const allowed = new Set(SERVICE_INPUTS);
  const services = entries.map(([name, body]): EnvironmentService => {
    if (!SERVICE_NAME.test(name)) {
      throw bad(
        `service ${JSON.stringify(name)} is not a Cloud Run service name; allowed: lowercase letters, digits and hyphens, starting with a letter, up to 49 characters`,
      );
    }
    const inputs: Record<string, string> = {};
    let needs: string[] = [];
    for (const [key, v] of Object.entries(body ?? {})) {
      if (v === null) continue;
      if (key === 'needs') {
        const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
        if (list === null || !list.every((n) => typeof n === 'string')) {
          throw bad(`service ${name}: needs must be a service name or a list of them`);
        }
        needs = list.map(String);
        continue;
      }
      if (!allowed.has(key)) {
        throw bad(
          `service ${name}: unknown key ${JSON.stringify(key)}; allowed: needs, ${SERVICE_INPUTS.join(', ')}`,
        );
      }
      inputs[key] = inputString(v);
    }
    return { name, needs, inputs };
  });
  const fallback = basename(source).replace(/\.ya?ml$/i, '');
  return { name: parsed.data.name ?? (/^[a-z0-9-]+$/.test(fallback) ? fallback : 'environment'), services };
}
