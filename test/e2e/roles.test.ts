/**
 * The README's roles table, tested through dist/index.js against the authorizing emulator: for each command,
 * a deployer holding exactly the listed roles (where the table says: the project, the runtime service
 * account, the repository) passes; the same deployer without any one of them fails with one line naming that
 * role and the principal; a deployer that may not act as `preview_service_account` is refused before
 * anything is deployed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, type ActionRun } from './support/action-runner.js';
import { emulatorOptions } from './support/emulator-options.js';
import { serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';
import { PROJECT, REGION, startPreviewWorld, type PreviewWorld } from './support/preview-env.js';

const SERVICE = 'roles';
const REPOSITORY = `projects/${PROJECT}/locations/${REGION}/repositories/previews`;
const PREVIEW_SA = `preview-sa@${PROJECT}.iam.gserviceaccount.com`;
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
const repository = { full_name: 'acme/web', name: 'web', owner: { login: 'acme' }, default_branch: 'main' };

type Where = 'project' | 'runtime identity' | 'repository';
interface Grant {
  role: string;
  on: Where;
}

/** The README's table, row by row (the test below checks the README still lists each role). */
const ROLES: Record<'preview' | 'candidate' | 'promote' | 'rollback' | 'cleanup', Grant[]> = {
  preview: [
    { role: 'roles/run.developer', on: 'project' },
    { role: 'roles/iam.serviceAccountUser', on: 'runtime identity' },
    { role: 'roles/artifactregistry.writer', on: 'repository' },
  ],
  candidate: [
    { role: 'roles/run.developer', on: 'project' },
    { role: 'roles/iam.serviceAccountUser', on: 'runtime identity' },
    { role: 'roles/artifactregistry.writer', on: 'repository' },
  ],
  promote: [
    { role: 'roles/run.developer', on: 'project' },
    { role: 'roles/iam.serviceAccountUser', on: 'runtime identity' },
  ],
  rollback: [{ role: 'roles/run.developer', on: 'project' }],
  cleanup: [
    { role: 'roles/run.developer', on: 'project' },
    { role: 'roles/artifactregistry.repoAdmin', on: 'repository' },
  ],
};

let world: PreviewWorld;
let runtimeIdentity = '';
const callers: Caller[] = [];
let named = 0;

/** A fresh deployer holding exactly `grants`, each where the README says. */
function deployerWith(grants: readonly Grant[]): Caller {
  const caller = serviceAccountCaller(world.emulator, PROJECT, `roles-${++named}`);
  callers.push(caller);
  const member = `serviceAccount:${caller.email}`;
  for (const g of grants) {
    if (g.on === 'project') world.emulator.iam.grantProject(PROJECT, g.role, member);
    else if (g.on === 'runtime identity')
      world.emulator.iam.grantServiceAccount(runtimeIdentity, g.role, member);
    else world.emulator.iam.grantResource(REPOSITORY, g.role, member);
  }
  return caller;
}

/** Every image path in the registry's storage with its tags. */
async function registryContents(): Promise<Record<string, string[]>> {
  const catalog = (await (await fetch(`${world.registry.url}/v2/_catalog`)).json()) as {
    repositories: string[];
  };
  const out: Record<string, string[]> = {};
  for (const image of catalog.repositories) {
    const list = (await (await fetch(`${world.registry.url}/v2/${image}/tags/list`)).json()) as {
      tags: string[] | null;
    };
    out[image] = (list.tags ?? []).sort();
  }
  return out;
}

const as = (c: Caller): Record<string, string> => ({ GOOGLE_APPLICATION_CREDENTIALS: c.keyPath });

const commands = {
  preview: (c: Caller, n: number, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    world.preview({ service: SERVICE, pr: n, sha: sha(n), env: as(c), inputs }),
  candidate: (c: Caller, n: number): Promise<ActionRun> =>
    world.run({
      eventName: 'push',
      event: { ref: 'refs/heads/main', after: sha(n), repository },
      inputs: { command: 'auto', service: SERVICE },
      sha: sha(n),
      env: as(c),
    }),
  promote: (c: Caller, n: number): Promise<ActionRun> =>
    world.run({
      eventName: 'release',
      event: { action: 'published', release: { tag_name: `v${n}.0.0` }, repository },
      inputs: { command: 'promote', service: SERVICE, promote_from: 'tag:pr-1' },
      sha: sha(n),
      env: as(c),
    }),
  rollback: (c: Caller): Promise<ActionRun> =>
    world.run({
      eventName: 'workflow_dispatch',
      event: {},
      inputs: { command: 'rollback', service: SERVICE },
      env: as(c),
    }),
  cleanup: (c: Caller, n: number): Promise<ActionRun> =>
    world.run({
      eventName: 'pull_request',
      event: pullRequestEvent({ number: n, sha: sha(n), action: 'closed' }),
      inputs: { service: SERVICE },
      env: as(c),
    }),
};

const passed = (run: ActionRun): void => {
  expect(run.code, run.stdout).toBe(0);
  expect(run.outputs.result, run.stdout).toMatch(/^(success|removed)$/);
};

/** The run failed, with the one-line denial naming the missing role and who lacks it. */
const refusedFor = (run: ActionRun, caller: Caller, role: string): void => {
  expect(run.code, run.stdout).not.toBe(0);
  const line = run.stdout.split('\n').find((l) => l.includes('Permission denied:'));
  expect(line, run.stdout).toBeDefined();
  expect(line).toContain(`serviceAccount:${caller.email} lacks ${role}`);
};

describe.skipIf(skipWithout('roles e2e', ['docker', 'docker-registry', 'busybox']))(
  "the README's roles per command (dist/index.js, authorizing emulator)",
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
      runtimeIdentity = `${world.emulator.identity.projectNumber(PROJECT)}-compute@developer.gserviceaccount.com`;
      // The repository exists (made once by an admin, as the README says), so a writer can push to it.
      const ar = new ArtifactRegistryClient(emulatorOptions(world.emulator));
      const [op] = await ar.createRepository({
        parent: `projects/${PROJECT}/locations/${REGION}`,
        repositoryId: 'previews',
        repository: { format: 'DOCKER' },
      });
      await op.promise();
      await ar.close();
      // PR 1's preview creates the service; it is what the promotions below promote.
      passed(await commands.preview(deployerWith(ROLES.preview), 1));
    });

    afterAll(async () => {
      for (const c of callers) c.remove();
      await world?.stop();
    });

    it('the README lists each role these tests grant, in its row', () => {
      const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
      const row = (first: string): string => readme.split('\n').find((l) => l.startsWith(`| ${first}`)) ?? '';
      for (const [command, grants] of Object.entries(ROLES)) {
        const line = row(command === 'candidate' ? 'preview' : command);
        expect(line, `README roles row for ${command}`).not.toBe('');
        for (const g of grants) expect(line, command).toContain(`\`${g.role}\``);
      }
    });

    it('preview: passes with exactly its roles, and fails naming each one removed', async () => {
      let pr = 10;
      for (const missing of ROLES.preview) {
        const caller = deployerWith(ROLES.preview.filter((g) => g !== missing));
        refusedFor(await commands.preview(caller, ++pr), caller, missing.role);
      }
      passed(await commands.preview(deployerWith(ROLES.preview), 2));
    });

    it('preview: reading the repository is not enough, the push itself needs roles/artifactregistry.writer', async () => {
      // The registry's own check (uploadArtifacts), not the repository read before it: the reader may read.
      const caller = deployerWith([
        ...ROLES.preview.filter((g) => g.role !== 'roles/artifactregistry.writer'),
        { role: 'roles/artifactregistry.reader', on: 'repository' },
      ]);
      world.emulator.recorder.clear();
      const run = await commands.preview(caller, 20);
      refusedFor(run, caller, 'roles/artifactregistry.writer');
      const line = run.stdout.split('\n').find((l) => l.includes('Permission denied:'));
      expect(line).toContain(`permission 'artifactregistry.repositories.uploadArtifacts' on ${REPOSITORY}`);
      // Refused at the push: nothing was deployed.
      const writes = world.emulator.recorder
        .mutations()
        .filter((c) => c.ok && c.service.startsWith('google.cloud.run'));
      expect(writes).toEqual([]);
    });

    it('candidate on a push to main: passes with exactly its roles, and fails naming each one removed', async () => {
      for (const missing of ROLES.candidate) {
        const caller = deployerWith(ROLES.candidate.filter((g) => g !== missing));
        refusedFor(await commands.candidate(caller, 30), caller, missing.role);
      }
      const run = await commands.candidate(deployerWith(ROLES.candidate), 31);
      passed(run);
      expect(run.outputs.tag).toBe('candidate');
    });

    it('promote (release): passes with exactly its roles, and fails naming each one removed', async () => {
      for (const missing of ROLES.promote) {
        const caller = deployerWith(ROLES.promote.filter((g) => g !== missing));
        refusedFor(await commands.promote(caller, 40), caller, missing.role);
      }
      passed(await commands.promote(deployerWith(ROLES.promote), 41));
    });

    it('rollback: passes with exactly its roles, and fails naming each one removed', async () => {
      for (const missing of ROLES.rollback) {
        const caller = deployerWith(ROLES.rollback.filter((g) => g !== missing));
        refusedFor(await commands.rollback(caller), caller, missing.role);
      }
      passed(await commands.rollback(deployerWith(ROLES.rollback)));
    });

    it('cleanup of a closed PR: passes with exactly its roles, and fails naming each one removed', async () => {
      for (const missing of ROLES.cleanup) {
        const caller = deployerWith(ROLES.cleanup.filter((g) => g !== missing));
        refusedFor(await commands.cleanup(caller, 2), caller, missing.role);
      }
      passed(await commands.cleanup(deployerWith(ROLES.cleanup), 2));
    });

    it('a deployer that may not act as preview_service_account is refused before anything is built, pushed or deployed', async () => {
      world.emulator.identity.createServiceAccount(PREVIEW_SA);
      // Everything the preview row asks for, actAs on production's identity included, but not on PREVIEW_SA.
      const caller = deployerWith(ROLES.preview);
      const [before] = await world.revisions.listRevisions({ parent: world.serviceName(SERVICE) });
      const registryBefore = await registryContents();
      world.emulator.recorder.clear();
      const run = await commands.preview(caller, 50, { preview_service_account: PREVIEW_SA });
      expect(run.code, run.stdout).not.toBe(0);
      const line = run.stdout.split('\n').find((l) => l.includes('Permission denied:'));
      expect(line, run.stdout).toContain(
        `serviceAccount:${caller.email} lacks roles/iam.serviceAccountUser (permission 'iam.serviceaccounts.actAs' on service account ${PREVIEW_SA})`,
      );
      // Nothing deployed: no write to Cloud Run took effect, no revision and no tag for PR 50.
      const writes = world.emulator.recorder
        .mutations()
        .filter((c) => c.ok && c.service.startsWith('google.cloud.run'));
      expect(writes).toEqual([]);
      const [after] = await world.revisions.listRevisions({ parent: world.serviceName(SERVICE) });
      expect(after.map((r) => r.name).sort()).toEqual(before.map((r) => r.name).sort());
      const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
      expect((svc.traffic ?? []).map((t) => t.tag)).not.toContain('pr-50');
      // Nothing built or pushed: no builder ran, no registry login, the registry holds what it held.
      expect(run.stdout).not.toMatch(/^\$ \S*(docker|buildah)\b/m);
      expect(run.stdout).not.toContain('logged in to');
      expect(await registryContents()).toEqual(registryBefore);
    });
  },
);
