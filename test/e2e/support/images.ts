/**
 * An image pushed the way another pipeline would push it (docker login, build and push, outside the action),
 * for tests that need a digest the action did not make: Terraform's production image, a release build, a tag.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import type { Emulator } from '../../../src/emulator/index.js';
import { OPERATOR, emulatorOptions, operatorKey } from './emulator-options.js';

/** gRPC's ALREADY_EXISTS. */
const ALREADY_EXISTS = 6;

/**
 * The Docker repository `ref` goes to (`host/PROJECT/REPOSITORY/…`), created as its owner would, once: a push
 * never creates one in Artifact Registry, nor in the emulator.
 */
export async function createRepositoryFor(
  ref: string,
  emulator: Emulator,
  location = 'us-central1',
): Promise<void> {
  const [, project, repositoryId] = ref.split('/');
  if (!project || !repositoryId) throw new Error(`${ref}: not host/PROJECT/REPOSITORY/image`);
  const client = new ArtifactRegistryClient(emulatorOptions(emulator));
  try {
    const [operation] = await client.createRepository({
      parent: `projects/${project}/locations/${location}`,
      repositoryId,
      repository: { format: 'DOCKER' },
    });
    await operation.promise();
  } catch (err) {
    if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
  } finally {
    await client.close();
  }
}

/**
 * Builds `context` as `ref`, pushes it as the test's operator (logged in to the emulator's registry, which
 * authorizes pushes as Artifact Registry does) into its repository (created first when missing), drops the
 * local copy and returns `host/path@sha256:…`.
 */
export async function pushImage(context: string, ref: string, emulator: Emulator): Promise<string> {
  operatorKey(emulator); // the operator exists and holds roles/owner
  await createRepositoryFor(ref, emulator);
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-push-'));
  const env = { ...process.env, DOCKER_CONFIG: dir };
  try {
    const host = ref.slice(0, ref.indexOf('/'));
    // Asynchronous: the registry's front answers in this process, so a blocking call would starve it.
    const token = emulator.identity.accessToken(OPERATOR);
    await run('docker', ['login', '--username', 'oauth2accesstoken', '--password-stdin', host], env, token);
    await run('docker', ['build', '-q', '-t', ref, context], env);
    await run('docker', ['push', '-q', ref], env);
    const pushed = (
      await run('docker', ['inspect', '--format', '{{index .RepoDigests 0}}', ref], env)
    ).trim();
    await run('docker', ['rmi', ref], env);
    return pushed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a command without blocking the event loop; `input` goes to its stdin. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')}: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.end(input ?? '');
  });
}

/** The `sha256:…` part of `host/path@sha256:…`. */
export const digestOf = (imageRef: string): string => imageRef.slice(imageRef.indexOf('@') + 1);
