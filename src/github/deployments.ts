import type { GitHubClient } from './octokit.js';
import type { RunState } from '../report/run-report.js';

/** A deployment status state as GitHub's API names them. */
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive' | 'error';

/** Which deployment status a run's state maps to. */
export function deploymentStateFor(state: RunState): DeploymentState {
  switch (state) {
    case 'building':
    case 'deploying':
    case 'checking':
      return 'in_progress';
    case 'ready':
    case 'promoted':
      return 'success';
    case 'removed':
    case 'skipped':
    case 'cancelled':
      return 'inactive';
    case 'failed':
    case 'rolled-back':
      return 'failure';
  }
}

export interface DeploymentTarget {
  owner: string;
  repo: string;
  environment: string;
  ref: string;
  production: boolean;
  description: string;
}

/** Creates the deployment for this run (one per run; statuses tell its story). */
export async function createDeployment(client: GitHubClient, t: DeploymentTarget): Promise<number> {
  const { data } = await client.rest.repos.createDeployment({
    owner: t.owner,
    repo: t.repo,
    ref: t.ref,
    environment: t.environment,
    description: t.description.slice(0, 140),
    auto_merge: false,
    required_contexts: [],
    transient_environment: !t.production,
    production_environment: t.production,
  });
  if (!('id' in data)) throw new Error(`GitHub did not create a deployment: ${data.message ?? 'no reason'}`);
  return data.id;
}

/** Adds a status; `success` carries the preview URL (the "View deployment" button) and the run's log. */
export async function setDeploymentStatus(
  client: GitHubClient,
  t: { owner: string; repo: string },
  id: number,
  state: DeploymentState,
  urls: { environmentUrl?: string; logUrl?: string },
): Promise<void> {
  await client.rest.repos.createDeploymentStatus({
    owner: t.owner,
    repo: t.repo,
    deployment_id: id,
    state,
    ...(urls.environmentUrl !== undefined ? { environment_url: urls.environmentUrl } : {}),
    ...(urls.logUrl !== undefined ? { log_url: urls.logUrl } : {}),
    auto_inactive: state === 'success',
  });
}

/** Marks every deployment of an environment inactive (cleanup of a closed PR). */
export async function deactivateEnvironment(
  client: GitHubClient,
  t: { owner: string; repo: string; environment: string },
): Promise<number> {
  const deployments = await client.paginate(client.rest.repos.listDeployments, {
    owner: t.owner,
    repo: t.repo,
    environment: t.environment,
    per_page: 100,
  });
  for (const d of deployments) await setDeploymentStatus(client, t, d.id, 'inactive', {});
  return deployments.length;
}
