/**
 * k6 durations (lib/types ParseExtendedDuration): a bare number is milliseconds ("250", 250); otherwise Go's
 * time.ParseDuration ("30s", "1m30s", "1.5s", "500ms", "100us") optionally preceded by a whole number of days
 * ("2d", "1d12h"). Days are only a leading integer part, so "1.5d" and "1h2d" are not durations, as in k6.
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
const DAYS = /^(\d+)d/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds for a k6 duration, or undefined when the text is not one. */
export function parseK6Duration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let rest = text;
  const days = DAYS.exec(text);
  if (days !== null) {
    total = Number(days[1]) * DAY_MS;
    rest = text.slice(days[0].length);
    if (rest === '') return total;
  }
  PART.lastIndex = 0;
  while (PART.lastIndex < rest.length) {
    const start = PART.lastIndex;
    const m = PART.exec(rest);
    if (m === null || m.index !== start) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? NaN);
  }
  return Number.isFinite(total) ? total : undefined;
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
