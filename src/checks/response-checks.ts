/** The per-request checks (status, body contains, JSON field equals, max duration): pure functions of a response. */
import type { RequestCheck } from './smoke-options.js';
import type { HttpResult } from './http-runner.js';

/** Reads a dotted path (`data.items.0.id`) from parsed JSON. */
export function jsonPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Whether the response passes one check; `json` is the body parsed once (undefined if not JSON). */
export function checkPasses(
  check: RequestCheck,
  res: HttpResult,
  durationMs: number,
  json: () => unknown,
): boolean {
  switch (check.kind) {
    case 'status':
      return check.statuses.includes(res.status);
    case 'bodyContains':
      return res.body !== undefined && res.body.includes(check.text);
    case 'json':
      return JSON.stringify(jsonPath(json(), check.path)) === JSON.stringify(check.value);
    case 'maxDuration':
      return res.status !== 0 && durationMs < check.ms;
  }
}

/** Whether any check needs the body kept. */
export function needsBody(checks: readonly RequestCheck[]): boolean {
  return checks.some((c) => c.kind === 'bodyContains' || c.kind === 'json');
}

/** A lazily parsed JSON body (parsed at most once, undefined when not JSON). */
export function lazyJson(body: string | undefined): () => unknown {
  let parsed = false;
  let value: unknown;
  return () => {
    if (!parsed) {
      parsed = true;
      try {
        value = body === undefined ? undefined : (JSON.parse(body) as unknown);
      } catch {
        value = undefined;
      }
    }
    return value;
  };
}
