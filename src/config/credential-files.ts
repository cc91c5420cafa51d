/**
 * google-github-actions/auth writes its credentials as gha-creds-<hex>.json into the workspace, which a
 * build context of `.` would copy into the image. A context holding one is refused unless its
 * .dockerignore leaves it out. Pure apart from reading the context's top directory and .dockerignore.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CREDS = /^gha-creds-[^/]*\.json$/;

/** A .dockerignore pattern as a RegExp over a context-relative path (`*`, `?` and `**` as Docker reads them). */
function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\.?\/+/, '')
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) =>
      part === '**' || part === '**/'
        ? '(.*/)?'
        : part === '*'
          ? '[^/]*'
          : part === '?'
            ? '[^/]'
            : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`);
}

/** True when the .dockerignore lines exclude `path` (the last matching line wins; `!` re-includes). */
export function ignoredBy(lines: string[], path: string): boolean {
  let ignored = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (patternRegExp(negated ? line.slice(1).trim() : line).test(path)) ignored = !negated;
  }
  return ignored;
}

/** The credential files in the context's top directory that the build would copy. */
export function exposedCredentialFiles(context: string): string[] {
  const names = readdirSync(context).filter((n) => CREDS.test(n));
  if (names.length === 0) return [];
  let lines: string[] = [];
  try {
    lines = readFileSync(join(context, '.dockerignore'), 'utf8').split(/\r?\n/);
  } catch {
    // No .dockerignore: everything is sent.
  }
  return names.filter((n) => !ignoredBy(lines, n)).sort();
}
