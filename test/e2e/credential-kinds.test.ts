/**
 * ID tokens for a private service's checks from every kind of Google credential the action can be given,
 * through dist/index.js against the emulator acting as Google's identity services: auth@v3's
 * external_account file (GitHub's OIDC token from the fake, the emulator's provider, STS and IAM
 * Credentials), an impersonated_service_account file, and the metadata server. Service-account keys are
 * what every other e2e test uses. Direct federation (no service account) is refused before anything is
 * built or deployed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { federateGitHub, writeAuthV3Credentials, type Federation } from './support/federation.js';
import { serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';
import { PROJECT, startPreviewWorld, type PreviewWorld } from './support/preview-env.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
const REPOSITORY = 'acme/web';

describe.skipIf(skipWithout('credential kinds e2e', ['docker', 'docker-registry', 'busybox']))(
  'ID tokens for checks from each kind of credential (dist/index.js, emulator identity services)',
  () => {
    let world: PreviewWorld;
    let github: GitHubFake;
    let federation: Federation;
    let source: Caller;
    let dir = '';

    beforeAll(async () => {
      world = await startPreviewWorld();
      github = await startGitHubFake();
      dir = mkdtempSync(join(tmpdir(), 'gcpd-creds-'));
      federation = federateGitHub(world.emulator, github, {
        project: PROJECT,
        pool: 'github',
        provider: 'github',
        repository: REPOSITORY,
        serviceAccount: world.deployer.email,
      });
      // A second account whose key is the source of an impersonated_service_account file.
      source = serviceAccountCaller(world.emulator, PROJECT, 'ci');
      world.emulator.iam.grantServiceAccount(
        world.deployer.email,
        'roles/iam.serviceAccountTokenCreator',
        `serviceAccount:${source.email}`,
      );
    }, 300_000);

    afterAll(async () => {
      source?.remove();
      await github?.stop();
      await world?.stop();
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    const claims = (pr: number) => ({
      repository: REPOSITORY,
      ref: `refs/pull/${pr}/merge`,
      sha: sha(pr),
      event_name: 'pull_request',
      job_workflow_ref: `${REPOSITORY}/.github/workflows/preview.yml@refs/pull/${pr}/merge`,
    });

    /** What auth@v3 exports besides the file (it derives the project from the service account). */
    const authEnv = (creds: string): Record<string, string> => ({
      GOOGLE_APPLICATION_CREDENTIALS: creds,
      GOOGLE_GHA_CREDS_PATH: creds,
      CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE: creds,
      GOOGLE_CLOUD_PROJECT: PROJECT,
      GCLOUD_PROJECT: PROJECT,
    });

    it("auth@v3's external_account file: the checks' ID token comes through STS and generateIdToken", async () => {
      const creds = join(dir, 'gha-creds-wif.json');
      writeAuthV3Credentials(creds, github, {
        workloadIdentityProvider: federation.provider,
        serviceAccount: world.deployer.email,
        claims: claims(1),
      });
      const run = await world.preview({ service: 'fed', pr: 1, sha: sha(1), env: authEnv(creds) });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).toContain('fed is private: the checks send an ID token');
      // GitHub's OIDC token was asked for with the audience auth@v3 names, for this PR's job.
      expect(github.oidc.issued.at(-1)).toEqual({
        aud: `https://iam.googleapis.com/${federation.provider}`,
        sub: `repo:${REPOSITORY}:pull_request`,
      });
    });

    it('a repository the binding does not name gets no token: the run fails naming the role and who lacks it', async () => {
      const creds = join(dir, 'gha-creds-other.json');
      writeAuthV3Credentials(creds, github, {
        workloadIdentityProvider: federation.provider,
        serviceAccount: world.deployer.email,
        claims: { ...claims(2), repository: 'acme/other' },
      });
      const run = await world.preview({ service: 'fed', pr: 2, sha: sha(2), env: authEnv(creds) });
      expect(run.code).not.toBe(0);
      // The control plane needs an access token before any check needs an ID token: impersonation is refused
      // there, and the line names the federated identity that lacks roles/iam.workloadIdentityUser.
      expect(run.stdout).toContain(
        `::error::Permission denied: the federated identity from ${federation.provider} lacks roles/iam.workloadIdentityUser (permission 'iam.serviceAccounts.getAccessToken'`,
      );
    });

    it('an impersonated_service_account file (a key impersonating the deployer)', async () => {
      const creds = join(dir, 'impersonated.json');
      writeFileSync(
        creds,
        JSON.stringify({
          type: 'impersonated_service_account',
          service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${world.deployer.email}:generateAccessToken`,
          source_credentials: JSON.parse(readFileSync(source.keyPath, 'utf8')) as unknown,
          delegates: [],
        }),
        { mode: 0o600 },
      );
      const run = await world.preview({ service: 'imp', pr: 3, sha: sha(3), env: authEnv(creds) });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).toContain('imp is private: the checks send an ID token');
    });

    it('the metadata server of a Google Cloud runner (no credentials file)', async () => {
      const metadata = await world.emulator.identity.startMetadataServer(world.deployer.email, PROJECT);
      const run = await world.preview({
        service: 'meta',
        pr: 4,
        sha: sha(4),
        env: { GOOGLE_APPLICATION_CREDENTIALS: '', ...metadata.env() },
      });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).toContain('meta is private: the checks send an ID token');
    });

    it('direct federation (no service_account) is one clear error before anything is built or deployed', async () => {
      const creds = join(dir, 'gha-creds-direct.json');
      writeAuthV3Credentials(creds, github, {
        workloadIdentityProvider: federation.provider,
        claims: claims(5),
      });
      world.emulator.recorder.clear();
      const run = await world.preview({ service: 'direct', pr: 5, sha: sha(5), env: authEnv(creds) });
      expect(run.code).not.toBe(0);
      expect(run.stdout).toContain('add `service_account` to the google-github-actions/auth step');
      expect(run.stdout).toContain('`access: public`');
      expect(run.stdout).not.toMatch(/docker build|buildah bud|Building image/i);
      expect(world.emulator.recorder.calls).toEqual([]);
      // With access: public the checks need no ID token, so direct federation may deploy.
    });
  },
);
