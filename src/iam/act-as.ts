/**
 * `iam.serviceAccounts.actAs` on the runtime identity, asked before the build. Cloud Run refuses to deploy a
 * revision that runs as a service account its deployer may not act as, but only at the deploy, after the
 * build and the push. One call to the IAM API's testIamPermissions on that account, when the run will deploy,
 * turns the same refusal into one line before anything is built, pushed or written.
 */
import { GoogleAuth } from 'google-auth-library';
import type { ApiTemplate, ServiceState } from '../cloudrun/api-mapping.js';
import type { CloudRunPort } from '../cloudrun/run-port.js';
import type { Config } from '../config/config.js';
import { UserError, errorMessage } from '../config/user-error.js';
import { deployingPrincipals, permissionDeniedLine, type DeployingPrincipals } from './permission-denied.js';

export const ACT_AS = 'iam.serviceAccounts.actAs';

/** Whether the deploying identity may act as a service account; undefined when IAM could not be asked. */
export interface ActAsPort {
  mayActAs(serviceAccount: string): Promise<boolean | undefined>;
}

/**
 * The service account a revision this run deploys will run as. A PR preview: `preview_service_account`, else
 * production's (which it inherits), else `service_account` (a service it creates). A candidate or release:
 * `service_account`, else production's. Undefined when none is named: Cloud Run then runs it as the default
 * compute account, whose email needs the project number, and the deploy itself asks.
 */
export function runtimeIdentity(
  config: Pick<Config, 'preview' | 'deploy'>,
  isPreview: boolean,
  productionTemplate: Pick<ApiTemplate, 'serviceAccount'> | undefined,
): string | undefined {
  const named = (v: string | null | undefined): string | undefined =>
    typeof v === 'string' && v !== '' ? v : undefined;
  const production = named(productionTemplate?.serviceAccount);
  return isPreview
    ? (named(config.preview.serviceAccount) ?? production ?? named(config.deploy.serviceAccount))
    : (named(config.deploy.serviceAccount) ?? production);
}

/** The refusal, in the words of Cloud Run's own actAs denial, made into the one permission line. */
export function actAsRefusal(
  serviceAccount: string,
  who: DeployingPrincipals = deployingPrincipals(),
): string {
  const cloudRunWords = `Permission 'iam.serviceaccounts.actAs' denied on service account ${serviceAccount} (or it may not exist).`;
  const line = permissionDeniedLine(cloudRunWords, who) ?? cloudRunWords;
  return `${line} Revisions of this run would run as ${serviceAccount}; nothing was built or deployed.`;
}

/** Throws the one-line refusal when IAM says the deployer may not act as `serviceAccount`. */
export async function refuseWithoutActAs(
  port: ActAsPort | undefined,
  serviceAccount: string | undefined,
  warn: (s: string) => void,
): Promise<void> {
  if (port === undefined || serviceAccount === undefined) return;
  const may = await port.mayActAs(serviceAccount);
  if (may === false) throw new UserError(actAsRefusal(serviceAccount));
  if (may === undefined)
    warn(`Could not ask IAM whether the deployer may act as ${serviceAccount}; the deploy will tell.`);
}

/**
 * Before a build that will be deployed: the runtime identity from the config and production's template (read
 * through the Cloud Run port, which the deploy reads again from its cache), then the one IAM call.
 */
export async function checkActAsBeforeBuild(
  ports: {
    iam?: ActAsPort;
    cloudRun: Pick<CloudRunPort, 'baseTemplate'>;
    log: { warning(s: string): void };
  },
  config: Pick<Config, 'preview' | 'deploy'>,
  isPreview: boolean,
  before: ServiceState | null,
): Promise<void> {
  if (ports.iam === undefined) return;
  const production = before === null ? undefined : (await ports.cloudRun.baseTemplate(before))?.template;
  await refuseWithoutActAs(ports.iam, runtimeIdentity(config, isPreview, production), (s) =>
    ports.log.warning(s),
  );
}

/** The IAM API's projects.serviceAccounts.testIamPermissions, with Application Default Credentials. */
export function createActAsPort(warn: (s: string) => void): ActAsPort {
  return {
    async mayActAs(serviceAccount: string): Promise<boolean | undefined> {
      try {
        const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
        const client = await auth.getClient();
        const res = await client.request<{ permissions?: string[] }>({
          url: `https://iam.googleapis.com/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:testIamPermissions`,
          method: 'POST',
          data: { permissions: [ACT_AS] },
        });
        return (res.data.permissions ?? []).includes(ACT_AS);
      } catch (err) {
        warn(`IAM testIamPermissions on ${serviceAccount} failed: ${errorMessage(err)}`);
        return undefined;
      }
    },
  };
}
