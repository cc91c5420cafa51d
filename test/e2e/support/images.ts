/**
 * An image pushed the way another pipeline would push it (docker build and push, outside the action), for
 * tests that need a digest the action did not make: Terraform's production image, a release build, a tag.
 */
import { execFileSync } from 'node:child_process';

/** Builds `context` as `ref`, pushes it, drops the local copy and returns `host/path@sha256:…` the push made. */
export function pushImage(context: string, ref: string): string {
  execFileSync('docker', ['build', '-q', '-t', ref, context], { stdio: 'pipe' });
  execFileSync('docker', ['push', '-q', ref], { stdio: 'pipe' });
  const pushed = execFileSync('docker', ['inspect', '--format', '{{index .RepoDigests 0}}', ref], {
    encoding: 'utf8',
  }).trim();
  execFileSync('docker', ['rmi', ref], { stdio: 'pipe' });
  return pushed;
}

/** The `sha256:…` part of `host/path@sha256:…`. */
export const digestOf = (imageRef: string): string => imageRef.slice(imageRef.indexOf('@') + 1);
