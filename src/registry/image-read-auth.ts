import { isLoopbackHost } from '../build/image-ref.js';
import { protectSecret } from '../report/redaction.js';
import { adcAccessToken } from './docker-login.js';
import { registryAuthFromEnv, type RegistryAuth } from './manifest-resolve.js';

/** True for Artifact Registry's and Container Registry's hosts, which take the deploy's own access token. */
export function isGoogleRegistryHost(host: string): boolean {
  return /(^|\.)(pkg\.dev|gcr\.io)$/.test(host);
}

/**
 * Read access to an image's registry: Artifact Registry (and gcr.io) with the ADC access token the deploy runs
 * as, the emulator's registry (a loopback host while GCP_DEPLOY_EMULATOR_HOST is set) likewise, as its front
 * authorizes like Artifact Registry; any other registry with the login docker left, else anonymously.
 */
export async function imageReadAuth(
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryAuth> {
  const emulated = Boolean(env.GCP_DEPLOY_EMULATOR_HOST) && isLoopbackHost(host);
  if (!isGoogleRegistryHost(host) && !emulated) return registryAuthFromEnv(host, env);
  const token = await adcAccessToken();
  protectSecret(token);
  return { kind: 'bearer', token };
}
