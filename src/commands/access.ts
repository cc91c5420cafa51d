/**
 * The access step after a deploy: `access: public` opens a service this run created (allUsers get
 * roles/run.invoker, which is what gcloud's --allow-unauthenticated does; invokerIamDisabled would also skip
 * IAM for every other caller and needs run.services.setIamPolicy just the same), and the notes say how to
 * open a preview that stays private. A preview never widens access to a service that existed before it.
 */
import { errorMessage } from '../config/user-error.js';
import type { ServiceAccess } from '../cloudrun/invoker-policy.js';
import type { RunReport } from '../report/run-report.js';
import type { PreviewPlan } from './preview.js';
import type { ServiceTools } from './service-tools.js';

/** Applies `access` to a created service and notes how the preview can be opened. */
export async function applyAccess(
  plan: PreviewPlan,
  deployment: { serviceCreated: boolean },
  report: RunReport,
  ports: ServiceTools,
): Promise<void> {
  const { config } = plan;
  const svc = config.service;
  const where = `--region ${config.region} --project ${config.projectId}`;
  let access: ServiceAccess;
  try {
    access = await ports.cloudRun.access();
  } catch (err) {
    if (config.access !== 'private') throw err;
    ports.log.warning(
      `Could not read the IAM policy of ${svc} (${errorMessage(err)}): treating it as private`,
    );
    access = { public: false, invokerIamDisabled: false, iapEnabled: false };
  }
  const note = (s: string, level: 'notice' | 'warning'): void => {
    report.notes.push(s);
    ports.log[level](s);
  };
  if (config.access === 'public' && !access.public) {
    if (deployment.serviceCreated) {
      await ports.cloudRun.openToAllUsers();
      access = { ...access, public: true };
      note(
        `Service ${svc} was created public (access: public): allUsers hold roles/run.invoker, so anyone with a URL can open it.`,
        'notice',
      );
    } else {
      note(
        `access: public was not applied: ${svc} existed before this run and is private, and a preview never widens an existing service's access. To open it: gcloud run services add-iam-policy-binding ${svc} ${where} --member=allUsers --role=roles/run.invoker`,
        'warning',
      );
    }
  }
  if (config.access === 'iap' && !access.iapEnabled) {
    note(
      `access: iap was not applied: ${svc} existed before this run without IAP, and a preview never changes an existing service's access. To turn it on: gcloud run services update ${svc} ${where} --iap`,
      'warning',
    );
  }
  if (access.public) return;
  if (access.iapEnabled) {
    report.notes.push(
      `IAP protects ${svc}: open the preview signed in with a Google account that holds roles/iap.httpsResourceAccessor on it.`,
    );
  }
  report.notes.push(
    `${svc} is private: open the preview on localhost with \`gcp-deploy proxy --service ${svc} --tag ${plan.tag} --project-id ${config.projectId} --region ${config.region}\` or \`gcloud run services proxy ${svc} --tag ${plan.tag} ${where}\` (either needs roles/run.invoker), then browse http://localhost:8080.`,
  );
}
