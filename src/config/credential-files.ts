/**
 * google-github-actions/auth writes its credentials as gha-creds-<hex>.json into the workspace, which a
 * build context of `.` would copy into the image. A context holding one is refused unless its
 * .dockerignore leaves it out. Pure apart from reading the context's top directory and .dockerignore.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file name google-github-actions/auth gives the credentials it writes. */
export const GHA_CREDS = /^gha-creds-[^/]*\.json$/;

/** A .dockerignore pattern as a RegExp over a context-relative path (`*`, `?` and `**` as Docker reads them). */
function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '')
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

/**
 * True when the .dockerignore lines exclude `path` (the last matching line wins; `!` re-includes). As
 * Docker reads it, a line naming a directory excludes everything under it: `.git` covers `.git/config`.
 */
export function ignoredBy(lines: string[], path: string): boolean {
  const parts = path.split('/');
  const paths = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const re = patternRegExp(negated ? line.slice(1).trim() : line);
    if (paths.some((p) => re.test(p))) ignored = !negated;
  }
  return ignored;
}

/** The context's .dockerignore as lines, or undefined when it has none (everything is sent). */
export function readDockerignore(context: string): string[] | undefined {
  try {
    return readFileSync(join(context, '.dockerignore'), 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

/** The credential files in the context's top directory that the build would copy. */
export function exposedCredentialFiles(context: string): string[] {
  const names = readdirSync(context).filter((n) => GHA_CREDS.test(n));
  if (names.length === 0) return [];
  const lines = readDockerignore(context) ?? [];
  return names.filter((n) => !ignoredBy(lines, n)).sort();
}
