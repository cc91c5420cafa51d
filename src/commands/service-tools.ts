/**
 * What one service's command works with: its Cloud Run service, its image step, its checks, where it
 * reports, the cancel signal and the log. Built once per service (a member of an environment gets its own).
 */
import * as core from '@actions/core';
import { createCloudRunPort, type CloudRunPort } from '../cloudrun/run-port.js';
import type { Config } from '../config/config.js';
import type { EventContext } from '../github/index.js';
import type { RunReport } from '../report/run-report.js';
import { PreviewChecks } from './preview-checks.js';
import { ImageStep } from './image-step.js';
import { createActAsPort, type ActAsPort } from '../iam/act-as.js';

/** Where a run reports (the GitHub reporters), or NO_REPORTS. */
export interface Reporter<R = RunReport> {
  progress(report: R): Promise<void>;
  finish(report: R): Promise<void>;
  removed(report: R): Promise<void>;
}

/** For a run without a github_token (or a member of an environment, which reports as a whole): no writes. */
export const NO_REPORTS = {
  progress: async (): Promise<void> => {},
  finish: async (): Promise<void> => {},
  removed: async (): Promise<void> => {},
};

export interface ServiceTools {
  cloudRun: CloudRunPort;
  /**
   * The image and check steps by their public methods, not their classes: the orchestration tables
   * (test/unit/commands/support/command-world.ts) give their own, with no builder or HTTP.
   */
  images: Pick<ImageStep, keyof ImageStep>;
  checks: Pick<PreviewChecks, keyof PreviewChecks>;
  github: Reporter;
  /** IAM's answer on actAs, asked before a build that will be deployed (iam/act-as.ts); absent: not asked. */
  iam?: ActAsPort;
  /** Fires on SIGINT or SIGTERM: the command stops waiting, undoes its own change and reports "cancelled". */
  cancel: AbortSignal;
  log: { info(s: string): void; warning(s: string): void; notice(s: string): void; error(s: string): void };
}

/** Credentials the Google clients can use: ADC from google-github-actions/auth, a key file, or the emulator. */
export function hasCloudCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env.GCP_DEPLOY_EMULATOR_HOST ||
    env.GOOGLE_APPLICATION_CREDENTIALS ||
    env.GOOGLE_GHA_CREDS_PATH ||
    env.CLOUDSDK_AUTH_ACCESS_TOKEN,
  );
}

/** One service's tools: Cloud Run, Artifact Registry + builders, the checks and the reporter given. */
export function serviceTools(
  config: Config,
  ctx: EventContext,
  github: Reporter,
  report: RunReport,
  cancel: AbortSignal,
): ServiceTools {
  const cloudRun = createCloudRunPort(config, core.info, core.warning);
  return {
    cloudRun,
    images: new ImageStep(config, ctx, report),
    checks: new PreviewChecks(config, cloudRun),
    github,
    iam: createActAsPort(core.warning),
    cancel,
    log: { info: core.info, warning: core.warning, notice: core.notice, error: core.error },
  };
}
