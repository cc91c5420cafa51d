/**
 * Workload Identity Federation for GitHub, set up in the emulator as the README tells users to set it up
 * (a pool, an OIDC provider for GitHub's issuer, roles/iam.workloadIdentityUser for the repository's
 * principal set on the deployer), and the credentials file google-github-actions/auth@v3 writes for its
 * `workload_identity_provider` (+ `service_account`) inputs, pointing at the GitHub fake's OIDC endpoint.
 */
import { writeFileSync } from 'node:fs';
import type { Emulator } from '../../../src/emulator/index.js';
import type { GitHubFake, JobClaims } from '../../fakes/github-fake.js';

export interface Federation {
  /** projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider> */
  provider: string;
  pool: string;
}

/**
 * The README's set-up: pool and provider (subject = the token's sub, repository and owner mapped, the
 * condition admitting the owner's repositories), and the repository's principal set as workload identity
 * user of `serviceAccount`.
 */
export function federateGitHub(
  emulator: Emulator,
  github: GitHubFake,
  o: { project: string; pool: string; provider: string; repository: string; serviceAccount?: string },
): Federation {
  const owner = o.repository.split('/')[0] ?? '';
  const pool = emulator.identity.createWorkloadIdentityPool(
    `projects/${o.project}/locations/global`,
    o.pool,
    {
      displayName: 'GitHub Actions',
    },
  );
  const provider = emulator.identity.createWorkloadIdentityPoolProvider(pool.name, o.provider, {
    displayName: 'GitHub',
    attributeMapping: {
      'google.subject': 'assertion.sub',
      'attribute.repository': 'assertion.repository',
      'attribute.repository_owner': 'assertion.repository_owner',
    },
    attributeCondition: `assertion.repository_owner == '${owner}'`,
    oidc: { issuerUri: github.oidc.issuer, jwksJson: github.oidc.jwksJson },
  });
  if (o.serviceAccount !== undefined) {
    emulator.iam.grantServiceAccount(
      o.serviceAccount,
      'roles/iam.workloadIdentityUser',
      `principalSet://iam.googleapis.com/${pool.name}/attribute.repository/${o.repository}`,
    );
  }
  return { provider: provider.name, pool: pool.name };
}

/**
 * Writes what auth@v3 writes for `workload_identity_provider` (and `service_account`, when given) into
 * `path`, for a job whose OIDC token carries `claims`. Returns the job's ACTIONS_ID_TOKEN_REQUEST_* too.
 */
export function writeAuthV3Credentials(
  path: string,
  github: GitHubFake,
  o: { workloadIdentityProvider: string; serviceAccount?: string; claims: JobClaims },
): Record<string, string> {
  const job = github.oidc.startJob(o.claims);
  const url = new URL(job.ACTIONS_ID_TOKEN_REQUEST_URL);
  url.searchParams.set('audience', `https://iam.googleapis.com/${o.workloadIdentityProvider}`);
  const file: Record<string, unknown> = {
    type: 'external_account',
    audience: `//iam.googleapis.com/${o.workloadIdentityProvider}`,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: 'https://sts.googleapis.com/v1/token',
    credential_source: {
      url: url.toString(),
      headers: { Authorization: `Bearer ${job.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
      format: { type: 'json', subject_token_field_name: 'value' },
    },
  };
  if (o.serviceAccount !== undefined) {
    file.service_account_impersonation_url = `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${o.serviceAccount}:generateAccessToken`;
  }
  writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
  return job;
}
