/**
 * Private services calling each other, as on Cloud Run: web calls api's preview URL with an ID token from
 * the metadata server the emulator gives each revision, minted for web's runtime service account. api is
 * private, so the call passes only when that account holds roles/run.invoker on api; without it the run
 * fails and says who lacks which role on which service.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServicesClient } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startLocalRegistry, type LocalRegistry } from '../../src/emulator/local-registry.js';
import { pullRequestEvent, runAction, type ActionRun } from './support/action-runner.js';
import { emulatorOptions } from './support/emulator-options.js';
import { DEPLOYER_ROLES, serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';

const PROJECT = 'demo-project';
const REGION = 'us-central1';
const WEB_IDENTITY = `web-runtime@${PROJECT}.iam.gserviceaccount.com`;
const FIXTURE = fileURLToPath(new URL('../fixtures/environment-app/', import.meta.url));
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

describe.skipIf(skipWithout('private environment e2e', ['docker', 'docker-registry', 'busybox']))(
  'an environment of private services calling each other (dist/index.js, emulator)',
  () => {
    let registry: LocalRegistry;
    let emulator: Emulator;
    let deployer: Caller;
    let services: ServicesClient;
    let dir = '';

    beforeAll(async () => {
      registry = await startLocalRegistry();
      emulator = await startEmulator({ runtime: 'docker', network: 'host', registry });
      deployer = serviceAccountCaller(emulator, PROJECT, 'deployer', DEPLOYER_ROLES);
      services = new ServicesClient(emulatorOptions(emulator));
      dir = mkdtempSync(join(tmpdir(), 'gcpd-private-env-'));
      cpSync(FIXTURE, dir, { recursive: true });
      for (const s of ['api', 'web'])
        copyFileSync(process.env.GCP_DEPLOY_BUSYBOX ?? '/bin/busybox', join(dir, s, 'busybox'));
      mkdirSync(join(dir, '.github'));
    }, 60_000);

    afterAll(async () => {
      await services?.close();
      await emulator?.stop();
      await registry?.stop();
      deployer?.remove();
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    /** Both private (the default); web runs as its own service account and checks through api. */
    function environment(members: ('api' | 'web')[]): string {
      const file = join(dir, '.github', `gcp-deploy-${members.join('-')}.yml`);
      const lines = ['name: private-shop', 'services:'];
      lines.push('  api:', `    context: ${join(dir, 'api')}`, '    health_path: /healthz');
      if (members.includes('web'))
        lines.push(
          '  web:',
          `    context: ${join(dir, 'web')}`,
          '    needs: [api]',
          `    service_account: ${WEB_IDENTITY}`,
          '    health_path: /cgi-bin/api',
          // A refused call fails in seconds, not the run's 30 s.
          '    health_timeout: 6s',
        );
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    }

    const run = (pr: number, file: string): Promise<ActionRun> =>
      runAction({
        inputs: {
          command: 'preview',
          project_id: PROJECT,
          region: REGION,
          services: file,
          registry_host: registry.host,
          repository: 'previews',
          health_timeout: '30s',
          comment: 'false',
        },
        eventName: 'pull_request',
        event: pullRequestEvent({ number: pr, sha: sha(pr) }),
        sha: sha(pr),
        env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
      });

    it('without roles/run.invoker for web on api, the run fails naming the principal and the role', async () => {
      const r = await run(7, environment(['api', 'web']));
      expect(r.outputs.result, r.stdout).not.toBe('success');
      const refused =
        `web runs as ${WEB_IDENTITY}, which lacks roles/run.invoker on service api: ` +
        'Cloud Run refuses its calls to api (HTTP 403).';
      expect(r.stdout).toContain(`::error::${refused}`);
      // The run's failure (the step's error) carries it too, with the grant to make.
      expect(r.stdout).toMatch(
        new RegExp(
          `::error::web: .*${refused.replace(/[.()]/g, '\\$&')} Grant it: gcloud run services add-iam-policy-binding api --project ${PROJECT} --region ${REGION} --member serviceAccount:${WEB_IDENTITY} --role roles/run.invoker`,
        ),
      );
    }, 300_000);

    it("with the grant, web's call with the metadata server's ID token gets 200 from private api", async () => {
      // api exists first (its own preview), so its policy can hold the grant, as gcloud would add it.
      const first = await run(8, environment(['api']));
      expect(first.outputs.result, first.stdout).toBe('success');
      const resource = `projects/${PROJECT}/locations/${REGION}/services/api`;
      const [policy] = await services.getIamPolicy({ resource });
      await services.setIamPolicy({
        resource,
        policy: {
          ...policy,
          bindings: [
            ...(policy.bindings ?? []),
            { role: 'roles/run.invoker', members: [`serviceAccount:${WEB_IDENTITY}`] },
          ],
        },
      });

      const r = await run(8, environment(['api', 'web']));
      expect(r.outputs.result, r.stdout).toBe('success');
      const urls = JSON.parse(r.outputs.urls ?? '{}') as Record<string, string>;
      const revisions = JSON.parse(r.outputs.revisions ?? '{}') as Record<string, string>;
      // api stays private: a call without a token is refused.
      expect((await fetch(`${urls.api}/cgi-bin/whoami`)).status).toBe(403);
      // web's page asks api with web's own token: api answers it.
      const through = await deployer.fetch(`${urls.web}/cgi-bin/api`);
      expect(through.status).toBe(200);
      expect(await through.text()).toBe(`web via api pr-8 ${revisions.api}\n`);
    }, 400_000);
  },
);
