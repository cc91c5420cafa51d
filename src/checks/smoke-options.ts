/**
 * k6 options (JSON or YAML) -> a normalised SmokeOptions: the shortcuts (vus+duration, stages, iterations)
 * become one "default" scenario exactly as k6 derives them, scenarios are checked per executor, thresholds are
 * parsed, and the list of requests each iteration sends is validated. Pure apart from reading a file.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError, errorMessage } from '../config/user-error.js';
import { parseK6Duration } from './duration.js';
import { parseThresholds, type ThresholdSpec } from './threshold-parser.js';

const MAX_VUS = 5000;
const MAX_DURATION_MS = 3_600_000;

const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseK6Duration(v);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a k6 duration like "30s", "1m30s", "1d2h" or "500ms", within Go\'s ±292 years',
    });
    return z.NEVER;
  }
  // k6 parses a signed duration, then its executor validation refuses a negative one ("the startTime
  // can't be negative", "the duration for stage 0 can't be negative").
  if (ms < 0) {
    ctx.addIssue({ code: 'custom', message: "a duration of 0 or more: it can't be negative (as in k6)" });
    return z.NEVER;
  }
  if (ms > 24 * MAX_DURATION_MS) {
    ctx.addIssue({ code: 'custom', message: 'a duration of at most 24h (this engine runs for 1h at most)' });
    return z.NEVER;
  }
  return ms;
});
const positiveDuration = duration.refine(
  (ms) => ms > 0 && ms <= MAX_DURATION_MS,
  'expected a duration above 0 and at most 1h',
);
const vus = z.number().int().min(0).max(MAX_VUS);
const count = z.number().int().min(1).max(10_000_000);
const stage = z.strictObject({ duration, target: z.number().int().min(0).max(MAX_VUS) });
const rateStage = z.strictObject({ duration, target: z.number().min(0).max(1_000_000) });

const common = {
  startTime: duration.default(0),
  gracefulStop: duration.default(30_000),
  tags: z.record(z.string(), z.string()).optional(),
  // Options a k6 scenario may carry that only mean something to a script: accepted, so pasted k6 options
  // parse, and each named in a notice (UNUSED_SCENARIO_OPTIONS) rather than dropped in silence.
  env: z.record(z.string(), z.string()).optional(),
  exec: z.string().min(1).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
};

/** Why each accepted-but-unused scenario option changes nothing here, for its notice. */
const UNUSED_SCENARIO_OPTIONS = {
  exec: 'there is no script function to call: every iteration sends the `requests` list',
  env: 'there is no script to read __ENV',
  options: 'there is no browser here (k6 browser options need a script and the browser module)',
} as const;

const scenarioSchema = z.discriminatedUnion('executor', [
  z.strictObject({
    executor: z.literal('shared-iterations'),
    vus: vus.min(1).default(1),
    iterations: count.default(1),
    maxDuration: positiveDuration.default(600_000),
    ...common,
  }),
  z.strictObject({
    executor: z.literal('per-vu-iterations'),
    vus: vus.min(1).default(1),
    iterations: count.default(1),
    maxDuration: positiveDuration.default(600_000),
    ...common,
  }),
  z.strictObject({
    executor: z.literal('constant-vus'),
    vus: vus.min(1).default(1),
    duration: positiveDuration,
    ...common,
  }),
  z.strictObject({
    executor: z.literal('ramping-vus'),
    startVUs: vus.default(1),
    stages: z.array(stage).min(1),
    gracefulRampDown: duration.default(30_000),
    ...common,
  }),
  z.strictObject({
    executor: z.literal('constant-arrival-rate'),
    rate: z.number().positive().max(1_000_000),
    timeUnit: positiveDuration.default(1000),
    duration: positiveDuration,
    preAllocatedVUs: vus,
    maxVUs: vus.optional(),
    ...common,
  }),
  z.strictObject({
    executor: z.literal('ramping-arrival-rate'),
    startRate: z.number().min(0).max(1_000_000).default(0),
    timeUnit: positiveDuration.default(1000),
    stages: z.array(rateStage).min(1),
    preAllocatedVUs: vus,
    maxVUs: vus.optional(),
    ...common,
  }),
]);

type ParsedScenario = z.infer<typeof scenarioSchema>;
/** One scenario after normalisation (arrival-rate maxVUs filled in), with its name. */
export type Scenario = (
  | Exclude<ParsedScenario, { executor: 'constant-arrival-rate' | 'ramping-arrival-rate' }>
  | (Extract<ParsedScenario, { executor: 'constant-arrival-rate' | 'ramping-arrival-rate' }> & {
      maxVUs: number;
    })
) & { name: string };
export type Executor = Scenario['executor'];

const statusList = z.union([
  z.number().int().min(100).max(599),
  z.array(z.number().int().min(100).max(599)).min(1),
]);
const checksSchema = z.strictObject({
  status: statusList.optional(),
  bodyContains: z.string().min(1).optional(),
  json: z.record(z.string(), z.unknown()).optional(),
  maxDuration: positiveDuration.optional(),
});
const requestSchema = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  // k6's group(): consecutive requests of one group form one group() call, timed as group_duration.
  group: z
    .string()
    .min(1)
    .max(100)
    .refine((g) => !g.includes('::'), "group names may not contain '::' (as in k6)")
    .optional(),
  method: z
    .string()
    .regex(/^[A-Za-z]+$/)
    .transform((m) => m.toUpperCase())
    .default('GET'),
  path: z
    .string()
    .regex(/^\/[^\s]*$/, "a path starting with '/' (requests only go to the preview URL)")
    .default('/'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  timeout: positiveDuration.default(60_000),
  checks: checksSchema.optional(),
});
const expectedStatus = z.union([
  z.number().int().min(100).max(599),
  z.strictObject({ min: z.number().int().min(100).max(599), max: z.number().int().min(100).max(599) }),
]);

// k6 reads these shortcuts into null-able Go types: an explicit null is the same as leaving the key out.
const optionsSchema = z.strictObject({
  vus: vus.nullish().transform((v) => v ?? undefined),
  duration: duration.nullish().transform((v) => v ?? undefined),
  iterations: count.nullish().transform((v) => v ?? undefined),
  stages: z
    .array(stage)
    .nullish()
    .transform((v) => v ?? undefined),
  // k6 reads `scenarios` into a Go map: an explicit null is the same as leaving it out.
  scenarios: z
    .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), scenarioSchema)
    .nullish()
    .transform((v) => v ?? undefined),
  thresholds: z.record(z.string(), z.unknown()).optional(),
  requests: z.array(requestSchema).min(1).max(100).optional(),
  expectedStatuses: z.array(expectedStatus).min(1).optional(),
  sleep: duration.optional(),
  userAgent: z.string().max(200).optional(),
  summaryTrendStats: z.array(z.string()).optional(),
  // Accepted so pasted k6 options parse; it changes nothing here (bodies are only kept for body checks).
  discardResponseBodies: z.boolean().optional(),
  /** k6's test-wide tags: added to every sample. */
  tags: z.record(z.string(), z.string()).optional(),
});

/** One named check a request runs on its response. */
export type RequestCheck =
  | { name: string; kind: 'status'; statuses: number[] }
  | { name: string; kind: 'bodyContains'; text: string }
  | { name: string; kind: 'json'; path: string; value: unknown }
  | { name: string; kind: 'maxDuration'; ms: number };

/** One request of an iteration. */
export interface RequestSpec {
  name: string;
  /** The k6 group the request runs in ('' outside any group). */
  group: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  checks: RequestCheck[];
}

/** Validated smoke/load options, ready for the engine. */
export interface SmokeOptions {
  scenarios: Scenario[];
  thresholds: ThresholdSpec[];
  requests: RequestSpec[];
  /** Responses with these statuses are not http_req_failed (k6's default: 200..399). */
  expectedStatuses: { min: number; max: number }[];
  sleepMs: number;
  userAgent: string;
  /** Which trend aggregations the text summary shows (k6's summaryTrendStats). */
  summaryTrendStats: string[];
  /** k6's top-level `tags`, on every sample (a scenario's own `tags` are on its Scenario and win over these). */
  tags: Record<string, string>;
  /** Options accepted with no effect here, one line each, for the run's log. */
  notices: string[];
}

const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

/** Parses k6 options from JSON or YAML text; every mistake is a UserError naming inputName. */
export function parseSmokeOptions(text: string, inputName: string): SmokeOptions {
  let raw: unknown;
  try {
    raw = parseYaml(text); // YAML is a superset of JSON, so this reads both
  } catch (err) {
    throw UserError.forInput(
      inputName,
      text,
      `expected k6 options as JSON or YAML (${errorMessage(err).split('\n')[0]})`,
    );
  }
  if (raw === null || raw === undefined) return normaliseOptions({}, inputName);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw UserError.forInput(inputName, text, 'expected k6 options as a JSON or YAML object');
  }
  return normaliseOptions(raw, inputName);
}

/** Inline k6 options, or a path to a .json/.yml/.yaml file holding them. */
export function loadSmokeOptions(valueOrPath: string, inputName: string): SmokeOptions {
  const trimmed = valueOrPath.trim();
  if (/^[^\n{}[\]:]+\.(json|ya?ml)$/i.test(trimmed)) {
    let text: string;
    try {
      text = readFileSync(trimmed, 'utf8');
    } catch (err) {
      throw UserError.forInput(
        inputName,
        trimmed,
        `a readable .json/.yml/.yaml file or inline options (${errorMessage(err)})`,
      );
    }
    return parseSmokeOptions(text, `${inputName} (${trimmed})`);
  }
  return parseSmokeOptions(valueOrPath, inputName);
}

function normaliseOptions(raw: object, inputName: string): SmokeOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw zodToUserError(parsed.error, raw, inputName);
  const o = parsed.data;
  const thresholds = parseThresholds(o.thresholds, inputName);
  const scenarios = deriveScenarios(o, inputName);
  const requests = (o.requests ?? [{ method: 'GET', path: '/', headers: {}, timeout: 60_000 }]).map(
    toRequestSpec,
  );
  return {
    scenarios,
    thresholds,
    requests,
    expectedStatuses: (o.expectedStatuses ?? [{ min: 200, max: 399 }]).map((s) =>
      typeof s === 'number' ? { min: s, max: s } : s,
    ),
    sleepMs: o.sleep ?? 0,
    userAgent: o.userAgent ?? 'gcp-deploy-smoke',
    summaryTrendStats: o.summaryTrendStats ?? DEFAULT_TREND_STATS,
    tags: o.tags ?? {},
    notices: unusedOptionNotices(scenarios, inputName),
  };
}

function unusedOptionNotices(scenarios: readonly Scenario[], inputName: string): string[] {
  const notices: string[] = [];
  for (const s of scenarios) {
    for (const [key, why] of Object.entries(UNUSED_SCENARIO_OPTIONS)) {
      if (s[key as keyof typeof UNUSED_SCENARIO_OPTIONS] === undefined) continue;
      notices.push(`${inputName}.scenarios.${s.name}.${key} is accepted and has no effect: ${why}.`);
    }
  }
  return notices;
}

/** k6's own derivation of scenarios from the execution shortcuts. */
function deriveScenarios(o: z.infer<typeof optionsSchema>, inputName: string): Scenario[] {
  // An empty stages list is no shortcut in k6 (it checks len(stages) > 0).
  const shortcuts = (['vus', 'duration', 'iterations', 'stages'] as const).filter((k) =>
    k === 'stages' ? (o.stages?.length ?? 0) > 0 : o[k] !== undefined,
  );
  const hasStages = shortcuts.includes('stages');
  const conflict = (a: string, b: string): UserError =>
    UserError.forInput(
      inputName,
      `${a} + ${b}`,
      `using the execution shortcuts ${a} and ${b} together is not allowed (as in k6)`,
    );
  if (o.scenarios !== undefined) {
    if (shortcuts.length > 0) {
      throw UserError.forInput(
        inputName,
        `${shortcuts.join(', ')} + scenarios`,
        'use either scenarios or the shortcuts vus/duration/iterations/stages, not both (as in k6)',
      );
    }
    const entries = Object.entries(o.scenarios);
    // k6 uses scenarios only when there is at least one; `scenarios: {}` runs the default (1 VU, 1 iteration).
    if (entries.length > 0) return entries.map(([name, s]) => finishScenario(name, s, inputName));
  }
  const defaults = { startTime: 0, gracefulStop: 30_000, name: 'default' };
  if (o.iterations !== undefined) {
    if (hasStages) throw conflict('iterations', 'stages');
    const v = o.vus ?? 1;
    if (v < 1 || o.iterations < v)
      throw UserError.forInput(
        inputName,
        `vus=${v} iterations=${o.iterations}`,
        'iterations must be at least vus, and vus at least 1',
      );
    return [
      {
        executor: 'shared-iterations',
        vus: v,
        iterations: o.iterations,
        maxDuration: o.duration ?? 600_000,
        ...defaults,
      },
    ];
  }
  if (o.duration !== undefined) {
    if (hasStages) throw conflict('duration', 'stages');
    if (o.duration <= 0 || o.duration > MAX_DURATION_MS)
      throw UserError.forInput(
        `${inputName}.duration`,
        String(o.duration),
        'a duration above 0 and at most 1h',
      );
    const v = o.vus ?? 1;
    if (v < 1) throw UserError.forInput(`${inputName}.vus`, String(v), 'at least 1');
    return [{ executor: 'constant-vus', vus: v, duration: o.duration, ...defaults }];
  }
  if (o.stages !== undefined && hasStages) {
    return [
      finishScenario(
        'default',
        {
          executor: 'ramping-vus',
          startVUs: o.vus ?? 1,
          stages: o.stages,
          gracefulRampDown: 30_000,
          ...defaults,
        },
        inputName,
      ),
    ];
  }
  if (o.vus !== undefined) {
    // k6 (lib/executor DeriveScenariosFromShortcuts): `vus` alone is shared-iterations with as many iterations.
    if (o.vus < 1) throw UserError.forInput(`${inputName}.vus`, String(o.vus), 'at least 1');
    return [
      { executor: 'shared-iterations', vus: o.vus, iterations: o.vus, maxDuration: 600_000, ...defaults },
    ];
  }
  return [{ executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: 600_000, ...defaults }];
}

function finishScenario(name: string, s: ParsedScenario, inputName: string): Scenario {
  const where = `${inputName}.scenarios.${name}`;
  switch (s.executor) {
    case 'shared-iterations':
      if (s.iterations < s.vus)
        throw UserError.forInput(
          where,
          `vus=${s.vus} iterations=${s.iterations}`,
          'iterations must be at least vus (as in k6)',
        );
      return { ...s, name };
    case 'ramping-vus':
    case 'ramping-arrival-rate': {
      const total = s.stages.reduce((sum, st) => sum + st.duration, 0);
      if (total <= 0 || total > MAX_DURATION_MS)
        throw UserError.forInput(
          `${where}.stages`,
          `${total} ms in all`,
          'stages lasting above 0 and at most 1h in all',
        );
      if (s.executor === 'ramping-vus') {
        // k6's RampingVUsConfig.Validate: a scenario that would never run a VU is a config error.
        if (s.startVUs === 0 && s.stages.every((st) => st.target === 0))
          throw UserError.forInput(
            where,
            'startVUs 0 and every stage target 0',
            'startVUs or at least one stage target above 0 (as in k6)',
          );
        return { ...s, name };
      }
      return withMaxVUs(s, where, name);
    }
    case 'constant-arrival-rate':
      return withMaxVUs(s, where, name);
    default:
      return { ...s, name };
  }
}

function withMaxVUs<T extends { preAllocatedVUs: number; maxVUs?: number | undefined }>(
  s: T,
  where: string,
  name: string,
): T & { maxVUs: number; name: string } {
  const maxVUs = s.maxVUs ?? s.preAllocatedVUs;
  if (maxVUs < s.preAllocatedVUs || maxVUs < 1) {
    throw UserError.forInput(
      `${where}.maxVUs`,
      String(s.maxVUs),
      `at least preAllocatedVUs (${s.preAllocatedVUs}) and at least 1`,
    );
  }
  return { ...s, maxVUs, name };
}

function toRequestSpec(r: z.infer<typeof requestSchema>, index: number): RequestSpec {
  const name = r.name ?? (index === 0 && r.path === '/' ? '/' : r.path);
  const checks: RequestCheck[] = [];
  const c = r.checks;
  if (c?.status !== undefined) {
    const statuses = Array.isArray(c.status) ? c.status : [c.status];
    checks.push({ name: `${name}: status is ${statuses.join(' or ')}`, kind: 'status', statuses });
  }
  if (c?.bodyContains !== undefined)
    checks.push({
      name: `${name}: body contains ${JSON.stringify(c.bodyContains)}`,
      kind: 'bodyContains',
      text: c.bodyContains,
    });
  for (const [path, value] of Object.entries(c?.json ?? {})) {
    checks.push({ name: `${name}: json ${path} == ${JSON.stringify(value)}`, kind: 'json', path, value });
  }
  if (c?.maxDuration !== undefined)
    checks.push({ name: `${name}: duration < ${c.maxDuration}ms`, kind: 'maxDuration', ms: c.maxDuration });
  const headers = { ...r.headers };
  let body: string | undefined;
  if (typeof r.body === 'string') body = r.body;
  else if (r.body !== undefined) {
    body = JSON.stringify(r.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  return {
    name,
    group: r.group ?? '',
    method: r.method,
    path: r.path,
    headers,
    body,
    timeoutMs: r.timeout,
    checks,
  };
}

function zodToUserError(error: z.ZodError, raw: unknown, inputName: string): UserError {
  const issue = error.issues[0];
  if (issue === undefined) return new UserError(`Input '${inputName}': invalid k6 options.`, inputName);
  const path = issue.path.map(String);
  let given: unknown = raw;
  for (const p of path)
    given = typeof given === 'object' && given !== null ? (given as Record<string, unknown>)[p] : undefined;
  let allowed = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = allowedKeysAt(path, given);
    allowed = `unknown key(s) ${issue.keys.join(', ')}; allowed here: ${keys.join(', ')}`;
    given = issue.keys.join(', ');
  } else if (issue.code === 'invalid_union' && path.at(-1) === undefined) {
    allowed = 'valid k6 options';
  }
  const where = [inputName, ...path].join('.');
  return UserError.forInput(
    where,
    given === undefined ? '(missing)' : typeof given === 'string' ? given : JSON.stringify(given),
    allowed,
  );
}

function allowedKeysAt(path: string[], obj: unknown): string[] {
  if (path.length === 0) return Object.keys(optionsSchema.shape);
  if (path[0] === 'scenarios' && path.length === 2) {
    const executor =
      typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>).executor : undefined;
    const match = scenarioSchema.options.find((o) => o.shape.executor.value === executor);
    return Object.keys(match?.shape ?? { executor: 0 });
  }
  if (path[0] === 'requests' && path.length === 2) return Object.keys(requestSchema.shape);
  if (path[0] === 'requests' && path[2] === 'checks') return Object.keys(checksSchema.shape);
  return [];
}
