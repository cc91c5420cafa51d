/**
 * One redaction for everything that leaves the run as text: comments, deployment and status descriptions,
 * the job summary, outputs and error messages. The runner masks its own log and nothing else, so every
 * secret is registered here as well as with the runner, and removed from outward text before it is sent.
 */
import * as core from '@actions/core';

const MASK = '***';
const secrets = new Set<string>();

/** Registers a secret: masked in the log by the runner, removed from outward text by `redact`. */
export function protectSecret(value: string): void {
  if (value.trim() === '') return;
  core.setSecret(value);
  secrets.add(value);
  // A multi-line value (a key file) can leak a line at a time, and JSON or URL encoding changes its bytes.
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) secrets.add(line.trim());
  for (const encoded of [JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
    if (encoded !== value) secrets.add(encoded);
  }
}

/** Forgets every registered secret (tests). */
export function forgetSecrets(): void {
  secrets.clear();
}

/** `text` with every registered secret replaced by `***`, longest first so no fragment of one survives. */
export function redact(text: string): string {
  if (secrets.size === 0 || text === '') return text;
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** A copy of `value` with every string in it redacted (a report, a request body). */
export function redactDeep<T>(value: T): T {
  if (secrets.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
