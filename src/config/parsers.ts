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
