/**
 * The rules about the build context: sensitive files the .dockerignore lets through, and its size. The
 * matching is the same as the credential-file refusal's (config/credential-files.ts), so the two never
 * disagree about what a build sends. `scanContext` is the only I/O here.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GHA_CREDS, ignoredBy, readDockerignore } from '../../config/credential-files.js';
import type { Finding } from './rules.js';

/** What a context holds, as the rules need it. */
export interface ContextFacts {
  /** The .dockerignore's lines; undefined when there is none. */
  dockerignore: string[] | undefined;
  /** Context-relative paths and sizes of its files (a `.git` directory is one entry, not descended into). */
  files: { path: string; size: number }[];
  /** True when the scan stopped early (too many files). */
  truncated?: boolean;
}

/** Sent by every build larger than this, the context is worth a look. */
export const LARGE_CONTEXT_BYTES = 200 * 1024 * 1024;
const MAX_FILES = 200_000;
const TOP_PATHS = 5;

/** A name in a context that should never reach an image. */
export function isSensitiveName(name: string): boolean {
  if (name === '.git' || name === '.env' || GHA_CREDS.test(name)) return true;
  // Templates are meant to be committed and copied.
  if (/^\.env\./.test(name)) return !/\.(example|sample|template|dist)$/.test(name);
  if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(name)) return true;
  return /\.(pem|key|p12|pfx|jks|keystore)$/i.test(name) || name === '.npmrc' || name === '.pypirc';
}

/** Walks the context (not into `.git`), stopping after MAX_FILES files. */
export function scanContext(context: string): ContextFacts {
  const files: ContextFacts['files'] = [];
  let truncated = false;
  const walk = (dir: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // A directory the runner cannot read is one the builder cannot send either.
      return;
    }
    for (const e of entries) {
      if (files.length >= MAX_FILES) {
        truncated = true;
        return;
      }
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      const abs = join(dir, e.name);
      if (e.name === '.git') {
        files.push({ path, size: 0 });
      } else if (e.isDirectory()) {
        walk(abs, path);
      } else if (e.isFile()) {
        files.push({ path, size: lstatSync(abs, { throwIfNoEntry: false })?.size ?? 0 });
      }
    }
  };
  walk(context, '');
  return { dockerignore: readDockerignore(context), files, ...(truncated ? { truncated } : {}) };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export interface ContextCheckOptions {
  /** Workspace-relative paths for the findings' `file`. */
  dockerfileFile: string;
  dockerignoreFile: string;
  largeContextBytes?: number;
}

/** The .dockerignore and size findings for a context. */
export function checkContext(facts: ContextFacts, o: ContextCheckOptions): Finding[] {
  const out: Finding[] = [];
  const lines = facts.dockerignore ?? [];
  const sent = facts.files.filter((f) => !ignoredBy(lines, f.path));
  const exposed = sent.filter((f) => f.path.split('/').some(isSensitiveName)).map((f) => f.path);
  const shown = (paths: string[]): string =>
    paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`;
  if (facts.dockerignore === undefined) {
    out.push({
      rule: 'dockerignore',
      message:
        exposed.length === 0
          ? 'the context has no .dockerignore: every file in it (and any written later, such as credentials) is sent to the build'
          : `the context has no .dockerignore, so the build receives ${shown(exposed)}`,
      file: o.dockerfileFile,
    });
  } else if (exposed.length > 0) {
    out.push({
      rule: 'dockerignore',
      message: `.dockerignore does not exclude ${shown(exposed)}`,
      file: o.dockerignoreFile,
    });
  }
  const total = sent.reduce((sum, f) => sum + f.size, 0);
  if (total > (o.largeContextBytes ?? LARGE_CONTEXT_BYTES)) {
    const byTop = new Map<string, number>();
    for (const f of sent) {
      const slash = f.path.indexOf('/');
      const top = slash < 0 ? f.path : `${f.path.slice(0, slash)}/`;
      byTop.set(top, (byTop.get(top) ?? 0) + f.size);
    }
    const top = [...byTop.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_PATHS)
      .map(([p, n]) => `${p} ${formatBytes(n)}`);
    out.push({
      rule: 'large-context',
      message: `the build context is ${formatBytes(total)}${facts.truncated === true ? ' or more' : ''}; largest: ${top.join(', ')}`,
      file: o.dockerfileFile,
    });
  }
  return out;
}
