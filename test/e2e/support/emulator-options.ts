/**
 * Client options for the emulator, built by the production code's own factory: TLS under the emulator's CA
 * and real credentials. Without a `credentials` key the client speaks for the test's operator, a service
 * account holding roles/owner on the organization (so on every project): what a test sets up or inspects is
 * done as someone allowed to, while the action runs as its own, narrower deployer.
 */
import type { GoogleAuthOptions } from 'google-auth-library';
import { clientOptions, type GoogleClientOptions } from '../../../src/cloudrun/client-factory.js';
import type { Emulator, ServiceAccountKeyFile } from '../../../src/emulator/index.js';

export const OPERATOR = 'operator@gcp-deploy-tests.iam.gserviceaccount.com';

const operatorKeys = new WeakMap<Emulator, ServiceAccountKeyFile>();

/** The operator's key for this emulator (made, and granted roles/owner on the organization, once). */
export function operatorKey(emulator: Emulator): ServiceAccountKeyFile {
  let key = operatorKeys.get(emulator);
  if (key === undefined) {
    key = emulator.identity.createServiceAccountKey(OPERATOR);
    emulator.iam.grantOrganization('roles/owner', `serviceAccount:${OPERATOR}`);
    operatorKeys.set(emulator, key);
  }
  return key;
}

/** The environment a client process needs to reach the emulator's control plane (endpoint and CA). */
export function emulatorEnv(emulator: Emulator): Record<string, string> {
  return {
    GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint,
    GCP_DEPLOY_EMULATOR_CA: emulator.identity.env().GCP_DEPLOY_EMULATOR_CA ?? '',
  };
}

/** Options for a Google client speaking to the emulator as the operator, or as the given credentials. */
export function emulatorOptions(emulator: Emulator, auth?: GoogleAuthOptions): GoogleClientOptions {
  return clientOptions(emulatorEnv(emulator), auth ?? { credentials: operatorKey(emulator) });
}
