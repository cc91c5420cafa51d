/**
 * An image pushed the way another pipeline would push it (docker login, build and push, outside the action),
 * for tests that need a digest the action did not make: Terraform's production image, a release build, a tag.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../../src/emulator/index.js';
import { OPERATOR, operatorKey } from './emulator-options.js';

/**
 * Builds `context` as `ref`, pushes it as the test's operator (logged in to the emulator's registry, which
 * authorizes pushes as Artifact Registry does), drops the local copy and returns `host/path@sha256:…`.
 */
export function pushImage(context: string, ref: string, emulator: Emulator): string {
  operatorKey(emulator); // the operator exists and holds roles/owner
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-push-'));
  const env = { ...process.env, DOCKER_CONFIG: dir };
  try {
    const host = ref.slice(0, ref.indexOf('/'));
    execFileSync('docker', ['login', '--username', 'oauth2accesstoken', '--password-stdin', host], {
      env,
      input: emulator.identity.accessToken(OPERATOR),
      stdio: 'pipe',
    });
    execFileSync('docker', ['build', '-q', '-t', ref, context], { env, stdio: 'pipe' });
    execFileSync('docker', ['push', '-q', ref], { env, stdio: 'pipe' });
    const pushed = execFileSync('docker', ['inspect', '--format', '{{index .RepoDigests 0}}', ref], {
      env,
      encoding: 'utf8',
    }).trim();
    execFileSync('docker', ['rmi', ref], { env, stdio: 'pipe' });
    return pushed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `sha256:…` part of `host/path@sha256:…`. */
export const digestOf = (imageRef: string): string => imageRef.slice(imageRef.indexOf('@') + 1);
