/** Client options for a local emulator port, built by the production code's own factory. */
import { clientOptions, type GoogleClientOptions } from '../../../src/cloudrun/client-factory.js';

export function emulatorOptions(port: number): GoogleClientOptions {
  return clientOptions({ GCP_DEPLOY_EMULATOR_HOST: `127.0.0.1:${port}` });
}
