import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The runner's temp dir when there is one (it is wiped after the job), else the system's. */
export function tempRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || tmpdir();
}

/**
 * Writes each build secret to its own 0600 file in a fresh 0700 directory, runs `fn` with id -> path, and
 * removes the directory afterwards, also when `fn` throws: the values reach the builder only as files.
 */
export async function withSecretFiles<T>(
  secrets: Record<string, string>,
  fn: (files: Record<string, string>) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const ids = Object.keys(secrets);
  if (ids.length === 0) return fn({});
  const dir = mkdtempSync(join(tempRoot(env), 'gcpd-secrets-'));
  try {
    chmodSync(dir, 0o700);
    const files: Record<string, string> = {};
    ids.forEach((id, n) => {
      // File names are indexes, not ids: an id is user text and must not steer a path.
      const path = join(dir, `secret-${n}`);
      writeFileSync(path, secrets[id] ?? '', { mode: 0o600 });
      files[id] = path;
    });
    return await fn(files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
