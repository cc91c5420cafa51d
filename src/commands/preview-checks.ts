import * as core from '@actions/core';
import { idTokenHeaders, runHealthCheck, runK6Script, runSmoke, tokenPrincipal } from '../checks/index.js';
import { runComparison, type ComparisonRun } from '../checks/compare-run.js';
import type { CloudRunPort, ServiceAccess } from '../cloudrun/run-port.js';
import { protectSecret } from '../report/redaction.js';
import type { Config } from '../config/config.js';
import { errorMessage } from '../config/user-error.js';
import type { HealthOutcome, SmokeOutcome } from '../report/run-report.js';
import { explainDenial, resolveCheckAuth } from './invoker-auth.js';

/**
 * Health and smoke checks against a revision's URL. They pick their own authentication: an ID token for the
 * URL's audience when the service is private (read once, after the access step), none when it is public.
 */
export class PreviewChecks {
  readonly health: (url: string) => Promise<HealthOutcome>;
  /** Undefined when no smoke checks are configured. */
  readonly smoke: (url: string) => Promise<SmokeOutcome | undefined>;
  /** The preview against a baseline in interleaved rounds (checks/compare-run.ts). */
  readonly compare: (previewUrl: string, baselineUrl: string, signal?: AbortSignal) => Promise<ComparisonRun>;

  constructor(config: Config, cloudRun: Pick<CloudRunPort, 'access'>) {
    let auth: Promise<'none' | 'id-token'> | undefined;
    let iap = false;
    const authMode = (): Promise<'none' | 'id-token'> => {
      auth ??= (async (): Promise<'none' | 'id-token'> => {
        if (config.checks.auth !== 'auto') return config.checks.auth;
        let access: ServiceAccess | undefined;
        try {
          access = await cloudRun.access();
        } catch (err) {
          core.warning(
            `Could not read who may invoke ${config.service} (${errorMessage(err)}): sending an ID token`,
          );
        }
        iap = access?.iapEnabled === true;
        const mode = resolveCheckAuth('auto', access);
        core.info(
          mode === 'id-token'
            ? `${config.service} is private: the checks send an ID token for the preview URL`
            : `${config.service} is public: the checks send no credentials`,
        );
        return mode;
      })();
      return auth;
    };
    // Asked before every check: the provider keeps each audience's token and fetches a new one shortly
    // before it expires, so a long run of checks never sends an expired token.
    const masked = new Set<string>();
    const headersFor = async (url: string): Promise<Record<string, string>> => {
      if ((await authMode()) !== 'id-token') return {};
      const headers = await idTokenHeaders(url);
      for (const v of Object.values(headers)) {
        if (masked.has(v)) continue;
        masked.add(v);
        protectSecret(v);
        protectSecret(v.replace(/^Bearer /, ''));
      }
      return headers;
    };
    this.health = async (url: string): Promise<HealthOutcome> => {
      // Asked per attempt: a health check can outlast a token. The last one sent names who was refused.
      let headers: Record<string, string> = {};
      const outcome = await runHealthCheck({
        url,
        path: config.checks.healthPath,
        expectStatus: config.checks.healthStatus,
        timeoutMs: config.checks.healthTimeoutMs,
        authHeaders: async () => (headers = await headersFor(url)),
        // Services of an environment check side by side: each retry line says whose it is.
        log: (line) => core.info(`[${config.service}] ${line}`),
      });
      if (outcome.ok) return outcome;
      const token = headers.authorization?.replace(/^Bearer /, '');
      const denied = explainDenial({
        status: outcome.lastStatus,
        url,
        service: config.service,
        auth: await authMode(),
        iap,
        ...(token !== undefined && tokenPrincipal(token) !== undefined
          ? { principal: tokenPrincipal(token) }
          : {}),
      });
      return denied === undefined ? outcome : { ...outcome, denied };
    };
    this.smoke = async (url: string): Promise<SmokeOutcome | undefined> => {
      if (config.checks.smokeScript !== undefined) {
        return runK6Script(config.checks.smokeScript, url, { log: core.info });
      }
      if (config.checks.smoke === undefined) return undefined;
      const outcome = await runSmoke(config.checks.smoke, url, {
        authHeaders: () => headersFor(url),
        log: core.info,
      });
      core.info(outcome.textSummary);
      return outcome;
    };
    this.compare = (previewUrl: string, baselineUrl: string, signal?: AbortSignal): Promise<ComparisonRun> =>
      runComparison({
        previewUrl,
        baselineUrl,
        ...(signal !== undefined ? { signal } : {}),
        ...(config.checks.smoke !== undefined ? { smoke: config.checks.smoke } : {}),
        headersFor,
        log: core.info,
      });
  }
}
