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

/** An access token and, when known, when it expires (epoch ms). */
export interface RegistryToken {
  token: string;
  expiresAtMs?: number;
}

/** Seams for tests: where the token comes from and which CLIs log in. */
export interface DockerLoginDeps {
  getToken?: () => Promise<string | RegistryToken>;
  env?: NodeJS.ProcessEnv;
  log?: (s: string) => void;
}

/** An access token from Application Default Credentials (works after google-github-actions/auth, WIF or key). */
export async function adcAccessToken(): Promise<string> {
  return (await adcRegistryToken()).token;
}

let adc: GoogleAuth | undefined;

/**
 * An access token from Application Default Credentials with its expiry. One client for the process, so a
 * later call returns the cached token until the library sees it near expiry, and a fresh one after.
 */
export async function adcRegistryToken(): Promise<RegistryToken> {
  adc ??= new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  let token: string | null | undefined;
  let expiresAtMs: number | null | undefined;
  try {
    const client = await adc.getClient();
    token = (await client.getAccessToken()).token;
    expiresAtMs = client.credentials.expiry_date;
  } catch (err) {
    throw new UserError(
      `No Google credentials for the registry login: run google-github-actions/auth before this step. (${errorMessage(err)})`,
    );
  }
  if (!token)
    throw new UserError('Application Default Credentials returned no access token for the registry login.');
  return typeof expiresAtMs === 'number' ? { token, expiresAtMs } : { token };
}

/**
 * Runs `fn` with an environment logged in to `host`: a temporary DOCKER_CONFIG (and REGISTRY_AUTH_FILE for
 * buildah) holding an oauth2accesstoken login, removed afterwards, also on failure. The local emulator's
 * registry is logged in to the same way: its front authorizes pushes as Artifact Registry does.
 */
export async function withDockerLogin<T>(
  host: string,
  fn: (env: NodeJS.ProcessEnv) => Promise<T>,
  deps: DockerLoginDeps = {},
): Promise<T> {
  const env = deps.env ?? process.env;
  const log = deps.log ?? ((s: string): void => core.info(s));
  const getToken = async (): Promise<RegistryToken> => {
    const got = await (deps.getToken ?? adcRegistryToken)();
    const issued = typeof got === 'string' ? { token: got } : got;
    protectSecret(issued.token);
    return issued;
  };
  const first = await getToken();
  const dir = mkdtempSync(join(tempRoot(env), 'gcpd-docker-config-'));
  let relogin: ReturnType<typeof setTimeout> | undefined;
  /** A renewal in flight: awaited before the directory goes, so no login writes it back afterwards. */
  let renewing: Promise<void> | undefined;
  let stopped = false;
  try {
    chmodSync(dir, 0o700);
    const authFile = join(dir, 'config.json');
    // buildah reads the same auths format; pointing it at this file keeps one temporary login for both.
    const loggedIn: NodeJS.ProcessEnv = { ...env, DOCKER_CONFIG: dir, REGISTRY_AUTH_FILE: authFile };
    await login(host, first.token, loggedIn, authFile);
    log(`logged in to ${host} as oauth2accesstoken (temporary DOCKER_CONFIG)`);
    // The login holds a copy of the token, which the library cannot refresh: a build and push that outlive
    // it would be refused (401). So the login is issued again with a fresh token before it expires; docker,
    // buildx and buildah read the file at each push.
    const schedule = (expiresAtMs: number | undefined): void => {
      relogin = setTimeout(
        () => {
          renewing = (async (): Promise<void> => {
            let next: RegistryToken | undefined;
            try {
              next = await getToken();
              if (stopped) return;
              await login(host, next.token, loggedIn, authFile);
              log(`registry login to ${host} renewed before its token expires`);
            } catch (err) {
              if (!stopped)
                core.warning(`Could not renew the registry login to ${host}: ${errorMessage(err)}`);
            }
            if (!stopped) schedule(next?.expiresAtMs ?? expiresAtMs);
          })();
        },
        reloginDelayMs(Date.now(), expiresAtMs),
      );
      relogin.unref();
    };
    schedule(first.expiresAtMs);
    return await fn(loggedIn);
  } finally {
    stopped = true;
    clearTimeout(relogin);
    await renewing;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renewal margin: a quarter of what is left, at most 4 minutes (google-auth-library renews at 5). */
const MAX_MARGIN_MS = 4 * 60_000;
/** A login whose token's expiry is unknown is renewed this often (Google's tokens live an hour or less). */
const UNKNOWN_EXPIRY_RENEW_MS = 10 * 60_000;

/** How long until the login with a token expiring at `expiresAtMs` is issued again (pure). */
export function reloginDelayMs(nowMs: number, expiresAtMs: number | undefined): number {
  if (expiresAtMs === undefined) return UNKNOWN_EXPIRY_RENEW_MS;
  const left = expiresAtMs - nowMs;
  return Math.max(100, left - Math.min(MAX_MARGIN_MS, left / 4));
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
