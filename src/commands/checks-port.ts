import * as core from '@actions/core';
import { protectSecret } from '../report/redaction.js';
import { idTokenHeaders, runHealthCheck, runK6Script, runSmoke } from '../checks/index.js';
import type { Config } from '../config/config.js';
import type { HealthOutcome, SmokeOutcome } from '../report/run-report.js';
import type { ChecksPort } from './ports.js';

/** Health and smoke checks against a revision's URL, with an ID token when the service is private. */
export function createChecksPort(config: Config): ChecksPort {
  const headersFor = async (url: string): Promise<Record<string, string>> => {
    if (config.checks.auth !== 'id-token') return {};
    const headers = await idTokenHeaders(url);
    for (const v of Object.values(headers)) {
      protectSecret(v);
      protectSecret(v.replace(/^Bearer /, ''));
    }
    return headers;
  };
  return {
    health(url: string): Promise<HealthOutcome> {
      return runHealthCheck({
        url,
        path: config.checks.healthPath,
        expectStatus: config.checks.healthStatus,
        timeoutMs: config.checks.healthTimeoutMs,
        auth: config.checks.auth,
        log: core.info,
      });
    },
    async smoke(url: string): Promise<SmokeOutcome | undefined> {
      if (config.checks.smokeScript !== undefined) {
        return runK6Script(config.checks.smokeScript, url, { log: core.info });
      }
      if (config.checks.smoke === undefined) return undefined;
      const outcome = await runSmoke(config.checks.smoke, url, {
        headers: await headersFor(url),
        log: core.info,
      });
      core.info(outcome.textSummary);
      return outcome;
    },
  };
}
