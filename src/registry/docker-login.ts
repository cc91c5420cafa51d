import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { protectSecret } from '../report/redaction.js';
import { GoogleAuth } from 'google-auth-library';
import { UserError, errorMessage } from '../config/user-error.js';
import { dockerCandidates } from '../build/builder-probe.js';
import { runCommand } from '../build/exec.js';
import { isLoopbackHost } from '../build/image-ref.js';
import { tempRoot } from '../build/secret-files.js';

/** Seams for tests: where the token comes from and which CLIs log in. */
export interface DockerLoginDeps {
  getToken?: () => Promise<string>;
  env?: NodeJS.ProcessEnv;
  log?: (s: string) => void;
}

/** An access token from Application Default Credentials (works after google-github-actions/auth, WIF or key). */
export async function adcAccessToken(): Promise<string> {
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  let token: string | null | undefined;
  try {
    token = await auth.getAccessToken();
  } catch (err) {
    throw new UserError(
      `No Google credentials for the registry login: run google-github-actions/auth before this step. (${errorMessage(err)})`,
    );
  }
  if (!token)
    throw new UserError('Application Default Credentials returned no access token for the registry login.');
  return token;
}

/**
 * Runs `fn` with an environment logged in to `host`: a temporary DOCKER_CONFIG (and REGISTRY_AUTH_FILE for
 * buildah) holding an oauth2accesstoken login, removed afterwards, also on failure. With the local emulator
 * (GCP_DEPLOY_EMULATOR_HOST) there is nothing to log in to.
 */
export async function withDockerLogin<T>(
  host: string,
  fn: (env: NodeJS.ProcessEnv) => Promise<T>,
  deps: DockerLoginDeps = {},
): Promise<T> {
  const env = deps.env ?? process.env;
  const log = deps.log ?? ((s: string): void => core.info(s));
  if (env.GCP_DEPLOY_EMULATOR_HOST) {
    log(`registry login skipped: local emulator (${host})`);
    return fn({ ...env });
  }
  const token = await (deps.getToken ?? adcAccessToken)();
  protectSecret(token);
  const dir = mkdtempSync(join(tempRoot(env), 'gcpd-docker-config-'));
  try {
    chmodSync(dir, 0o700);
    const authFile = join(dir, 'config.json');
    // buildah reads the same auths format; pointing it at this file keeps one temporary login for both.
    const loggedIn: NodeJS.ProcessEnv = { ...env, DOCKER_CONFIG: dir, REGISTRY_AUTH_FILE: authFile };
    await login(host, token, loggedIn, authFile);
    log(`logged in to ${host} as oauth2accesstoken (temporary DOCKER_CONFIG)`);
    return await fn(loggedIn);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function login(host: string, token: string, env: NodeJS.ProcessEnv, authFile: string): Promise<void> {
  const docker = dockerCandidates(env)[0];
  // The token goes through stdin; a command line is visible to every process on the machine.
  if (docker) {
    await runCommand(docker, ['login', '--username', 'oauth2accesstoken', '--password-stdin', host], {
      env,
      input: token,
    });
    return;
  }
  const args = ['login', '--authfile', authFile, '--username', 'oauth2accesstoken', '--password-stdin'];
  if (isLoopbackHost(host)) args.push('--tls-verify=false');
  await runCommand(env.GCP_DEPLOY_BUILDAH ?? 'buildah', [...args, host], { env, input: token });
}
