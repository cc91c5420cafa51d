import { RULE_IDS, isRuleId, type RuleId } from '../build/doctor/rules.js';
import { UserError } from './user-error.js';

/** Strict boolean: only true/false (any case); "yes" or "1" are refused, as doubtful values should be. */
export function parseBoolean(input: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw UserError.forInput(input, raw, 'allowed: true or false');
}

/** One of a fixed set; the message lists every allowed value. */
export function parseEnum<T extends string>(input: string, raw: string, allowed: readonly T[]): T {
  const v = raw.trim().toLowerCase();
  const hit = allowed.find((a) => a === v);
  if (hit === undefined) throw UserError.forInput(input, raw, `allowed: ${allowed.join(' | ')}`);
  return hit;
}

/** A whole number within [min, max]. */
export function parseInteger(input: string, raw: string, min: number, max: number): number {
  const v = raw.trim();
  if (!/^-?\d+$/.test(v))
    throw UserError.forInput(input, raw, `allowed: a whole number from ${min} to ${max}`);
  const n = Number(v);
  if (n < min || n > max)
    throw UserError.forInput(input, raw, `allowed: a whole number from ${min} to ${max}`);
  return n;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Durations as `90s`, `10m`, `1h30m`, `7d`, or a bare number of seconds; returns milliseconds. */
export function parseDuration(input: string, raw: string, maxMs = 30 * 86_400_000): number {
  const v = raw.trim();
  let ms: number | undefined;
  if (/^\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
  else if (/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(v)) {
    ms = 0;
    for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g))
      ms += Number(m[1]) * (DURATION_UNITS[m[2] ?? 's'] ?? 0);
  }
  if (ms === undefined || ms <= 0 || ms > maxMs) {
    throw UserError.forInput(input, raw, 'allowed: a positive duration such as 90s, 10m, 1h30m or 7d');
  }
  return Math.round(ms);
}

/**
 * `KEY=VALUE` pairs, one per line or comma-separated on one line (values may contain `=`).
 * Keys are checked against `keyPattern` so a typo fails here rather than in the cloud.
 */
export function parseKeyValues(
  input: string,
  raw: string,
  keyPattern: RegExp = /^[A-Za-z_][A-Za-z0-9_.-]*$/,
  /** Values are secrets: a malformed line is named by its number, never quoted. */
  secretValues = false,
): Record<string, string> {
  const out: Record<string, string> = {};
  const text = raw.trim();
  if (text === '') return out;
  const items = text.includes('\n') ? text.split(/\r?\n/) : text.split(',');
  for (const [index, item] of items.entries()) {
    const line = item.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!keyPattern.test(key)) {
      const given =
        eq > 0 ? key : secretValues ? `entry ${index + 1} (not quoted: it may hold a secret)` : line;
      throw UserError.forInput(
        input,
        given,
        `allowed: KEY=VALUE entries whose key matches ${keyPattern.source}`,
      );
    }
    if (key in out) throw UserError.forInput(input, key, 'each key may appear once');
    out[key] = line.slice(eq + 1);
  }
  return out;
}

/** Cloud Run CPU limits: `1`, `2`, `4`, `6`, `8`, or millicores below one (`500m`). */
export function parseCpu(input: string, raw: string): string {
  const v = raw.trim();
  if (/^(1|2|4|6|8)$/.test(v) || /^(0\.\d+)$/.test(v) || /^([1-9]\d{1,2})m$/.test(v)) return v;
  throw UserError.forInput(input, raw, 'allowed: 1, 2, 4, 6, 8, or less than one CPU such as 0.5 or 500m');
}

/** Cloud Run memory limits in Kubernetes quantities: `512Mi`, `1Gi` (128Mi to 32Gi). */
export function parseMemory(input: string, raw: string): string {
  const v = raw.trim();
  const m = /^(\d+)(Mi|Gi)$/.exec(v);
  const mib = m ? Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) : 0;
  if (!m || mib < 128 || mib > 32 * 1024) {
    throw UserError.forInput(input, raw, 'allowed: a size from 128Mi to 32Gi, such as 512Mi or 2Gi');
  }
  return v;
}

/** Canary steps `10,50,100`: rising percents ending at 100. */
export function parseCanarySteps(input: string, raw: string): number[] {
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const steps = parts.map((p) => parseInteger(input, p, 1, 100));
  const rising = steps.every((s, i) => i === 0 || s > (steps[i - 1] ?? 0));
  if (steps.length === 0 || !rising || steps[steps.length - 1] !== 100) {
    throw UserError.forInput(input, raw, 'allowed: rising percents ending at 100, such as 10,50,100');
  }
  return steps;
}

/**
 * A Secret Manager reference: as an env var (`ENV=SECRET:VERSION`) or as a file mounted in the container
 * (`/dir/file=SECRET:VERSION`).
 */
export type SecretRef =
  | { kind: 'env'; env: string; secret: string; version: string }
  | { kind: 'file'; path: string; secret: string; version: string };

const SECRET_KEY = /^([A-Za-z_][A-Za-z0-9_]*|\/[A-Za-z0-9._/-]+)$/;
const SECRET_VALUE =
  /^([a-zA-Z0-9_-]{1,255}|projects\/[^/]+\/secrets\/[a-zA-Z0-9_-]{1,255})(:(latest|\d+))?$/;

/** `ENV=SECRET[:VERSION]` or `/dir/file=SECRET[:VERSION]` lines. */
export function parseSecrets(input: string, raw: string): SecretRef[] {
  const pairs = parseKeyValues(input, raw, SECRET_KEY);
  return Object.entries(pairs).map(([key, value]) => {
    const v = value.trim();
    if (!SECRET_VALUE.test(v)) {
      throw UserError.forInput(
        input,
        `${key}=${v}`,
        'allowed: ENV=SECRET_NAME[:VERSION] or /dir/file=SECRET_NAME[:VERSION], VERSION a number or latest',
      );
    }
    const colon = v.lastIndexOf(':');
    const [secret, version] =
      colon > v.lastIndexOf('/') ? [v.slice(0, colon), v.slice(colon + 1)] : [v, 'latest'];
    if (!key.startsWith('/')) return { kind: 'env', env: key, secret, version };
    if (key.endsWith('/') || key.split('/').length < 3 || key.split('/').includes('..')) {
      throw UserError.forInput(
        input,
        key,
        'allowed: a file path such as /etc/secrets/db-password: a directory under / and a file name, no ..',
      );
    }
    return { kind: 'file', path: key, secret, version };
  });
}

/** `root-user, port-mismatch` or one per line: every id must be a doctor rule's. */
export function parseRuleIds(input: string, raw: string): RuleId[] {
  const ids = raw.split(/[\s,]+/).filter((s) => s !== '');
  const bad = ids.find((id) => !isRuleId(id));
  if (bad !== undefined) throw UserError.forInput(input, bad, `allowed: ${RULE_IDS.join(', ')}`);
  return [...new Set(ids)] as RuleId[];
}

/** Names Cloud Run sets itself in every container; a revision that sets them is refused. */
export const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'] as const;

/** Refuses the env names Cloud Run sets itself. */
export function withoutReservedNames(input: string, env: Record<string, string>): Record<string, string> {
  const bad = Object.keys(env).find((k) => (RESERVED_ENV as readonly string[]).includes(k));
  if (bad !== undefined) {
    throw UserError.forInput(
      input,
      bad,
      `allowed: any name but ${RESERVED_ENV.join(', ')}, which Cloud Run sets itself (use the port input for PORT)`,
    );
  }
  return env;
}

/** Label values as Cloud Run accepts them: at most 63 lowercase letters, digits, '_' and '-'. */
export function labelValues(input: string, labels: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(labels)) {
    if (!/^[a-z0-9_-]{0,63}$/.test(v)) {
      throw UserError.forInput(
        input,
        `${k}=${v}`,
        'allowed: values of at most 63 lowercase letters, digits, _ and -',
      );
    }
  }
  return labels;
}

/** An env var or a volume name (a DNS label). */
const SHARED_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Names separated by commas or new lines (`shared: REDIS_URL, flags`). */
export function parseNames(input: string, raw: string): string[] {
  const names = raw
    .split(/[,\n]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const bad = names.find((n) => !SHARED_NAME.test(n));
  if (bad !== undefined) {
    throw UserError.forInput(
      input,
      bad,
      'allowed: env var or volume names (letters, digits, _ and -), separated by commas or new lines',
    );
  }
  return [...new Set(names)];
}

/** HTTP status codes, comma-separated (`200,204`). */
export function parseStatuses(input: string, raw: string): number[] {
  if (raw.trim() === '') return [200];
  return raw.split(',').map((s) => parseInteger(input, s, 100, 599));
}

/**
 * A command and its arguments, one grammar for every input that takes one (container_command, container_args,
 * migrate_command, seed_command): one argument per line keeps each line whole; a single line is split into
 * words as below.
 */
export function commandLine(input: string, raw: string): string[] {
  if (!raw.includes('\n')) return splitCommandLine(input, raw);
  const lines = raw.split(/\r?\n/).filter((s) => s !== '');
  if (lines.length === 0)
    throw UserError.forInput(input, raw, 'allowed: a command line such as ./migrate up');
  return lines;
}

/**
 * Words of a command line: spaces split, single and double quotes group, a backslash escapes the next
 * character. No shell runs it, so `$VAR`, `&&` and globs are plain text; `sh -c '...'` asks for a shell.
 */
function splitCommandLine(input: string, raw: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < raw.length) word += raw[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < raw.length) {
      word += raw[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined)
    throw UserError.forInput(input, raw, `allowed: a command line; a ${quote} is not closed`);
  if (inWord) words.push(word);
  if (words.length === 0)
    throw UserError.forInput(input, raw, 'allowed: a command line such as ./migrate up');
  return words;
}
