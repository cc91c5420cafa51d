/**
 * k6 durations (lib/types ParseExtendedDuration and GetDurationValue), signed as k6 reads them:
 * - a number, or text that is a decimal number ("250", "-5", "1e3"), is milliseconds;
 * - otherwise Go's time.ParseDuration ("30s", "1m30s", "-1.5h", "+500ms", "100us"), optionally preceded by a
 *   whole, signed number of days ("2d", "1d12h", "-1d2h"). A negative day count makes the whole value
 *   negative (-1d2h is -26h); the part after the days may not carry a minus of its own ("1d-1h" is refused).
 *   Days are only a leading integer part, so "1.5d" and "1h2d" are not durations, as in k6.
 * Parsing keeps the sign: whether a negative value is allowed is the option's rule ("the startTime can't be
 * negative"), said by the option that reads it, as k6's validation does.
 *
 * Range: k6 holds a duration in Go's time.Duration, int64 nanoseconds (about 292 years). Go's parser refuses
 * a value past that, and so do we. k6's day count is multiplied without a check and silently wraps around;
 * here it is refused like any other overflow (a deliberate difference, in src/checks/README.md).
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const DAY_MS = 86_400_000;
/** The largest time.Duration, 2^63 - 1 ns, in milliseconds (as near as a double holds it). */
export const MAX_GO_DURATION_MS = Number(2n ** 63n - 1n) / 1e6;
/** strconv.ParseFloat's decimal form (k6 tries it first: a unitless value is milliseconds). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DAYS = /^([+-]?\d+)d/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds (signed) for a k6 duration, or undefined when it is not one or is out of range. */
export function parseK6Duration(value: string | number): number | undefined {
  if (typeof value === 'number') return inRange(value);
  const text = value.trim();
  if (text === '') return undefined;
  if (DECIMAL.test(text)) return inRange(Number(text));
  const days = DAYS.exec(text);
  if (days === null) return inRange(goDuration(text));
  const rest = text.slice(days[0].length);
  const hours = rest === '' ? 0 : goDuration(rest);
  if (hours === undefined || hours < 0) return undefined;
  const dayCount = Number(days[1]);
  // As k6: the sign of the day count applies to the hours too ("-1d2h" is -26h; "-0d2h" is +2h).
  return inRange(dayCount * DAY_MS + (dayCount < 0 ? -hours : hours));
}

/** Go's time.ParseDuration: an optional sign, then one or more number+unit parts; "0" alone is zero. */
function goDuration(text: string): number | undefined {
  let sign = 1;
  let rest = text;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < rest.length) {
    const start = PART.lastIndex;
    const m = PART.exec(rest);
    if (m === null || m.index !== start) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? NaN);
  }
  return sign * total;
}

function inRange(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_GO_DURATION_MS ? ms : undefined;
}

/** Formats milliseconds the way k6 prints durations in its summary (µs, ms, s, m). */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${trim(ms * 1000)}µs`;
  if (ms < 1000) return `${trim(ms)}ms`;
  if (ms < 60_000) return `${trim(ms / 1000)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms - minutes * 60_000) / 1000;
  return `${minutes}m${trim(seconds)}s`;
}

function trim(n: number): string {
  return Number(n.toFixed(2)).toString();
}
