import * as core from '@actions/core';
import { createCloudRunPort } from '../cloudrun/run-port.js';
import type { Config } from '../config/config.js';
import type { EventContext } from '../github/index.js';
import type { RunReport } from '../report/run-report.js';
import { createChecksPort } from './checks-port.js';
import { createImagePort } from './image-port.js';
import { createActAsPort } from '../iam/act-as.js';
import type { Ports, ReporterPort } from './ports.js';

/** Credentials the Google clients can use: ADC from google-github-actions/auth, a key file, or the emulator. */
export function hasCloudCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env.GCP_DEPLOY_EMULATOR_HOST ||
    env.GOOGLE_APPLICATION_CREDENTIALS ||
    env.GOOGLE_GHA_CREDS_PATH ||
    env.CLOUDSDK_AUTH_ACCESS_TOKEN,
  );
}

/** Wires the real adapters: Cloud Run, Artifact Registry + builders, the checks engine and GitHub. */
export function createPorts(
  config: Config,
  ctx: EventContext,
  github: ReporterPort,
  report: RunReport,
  cancel: AbortSignal,
): Ports {
  const cloudRun = createCloudRunPort(config, core.info, core.warning);
  return {
    cloudRun,
    images: createImagePort(config, ctx, report),
    checks: createChecksPort(config, cloudRun),
    github,
    iam: createActAsPort(core.warning),
    cancel,
    log: { info: core.info, warning: core.warning, notice: core.notice, error: core.error },
  };
}
