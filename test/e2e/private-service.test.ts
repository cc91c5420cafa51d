/**
 * Private by default, end to end through dist/index.js: the emulator refuses requests without an ID token
 * for the service, and the action's checks fetch theirs with google-auth-library from a key file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchText, PROJECT, startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { serviceAccountCaller, type Caller } from './support/invoker.js';
import { skipWithout } from './support/needs.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
let world: PreviewWorld;
let outsider: Caller;
let admin: Caller;

async function service(name: string): Promise<{ uri: string; tags: Record<string, string> }> {
  const [svc] = await world.services.getService({ name: world.serviceName(name) });
  const tags: Record<string, string> = {};
  for (const t of svc.trafficStatuses ?? []) if (t.tag) tags[t.tag] = t.uri ?? '';
  return { uri: svc.uri ?? '', tags };
}

async function allUsersInvoke(name: string): Promise<boolean> {
  const [policy] = await world.services.getIamPolicy({ resource: world.serviceName(name) });
  return (policy.bindings ?? []).some(
    (b) => b.role === 'roles/run.invoker' && b.members?.includes('allUsers'),
  );
}

const plain = (s: string): string => s.replace(/\\/g, '');

describe.skipIf(skipWithout('private service e2e', ['docker', 'docker-registry', 'busybox']))(
  'private services (dist/index.js, emulator invoker check, real ID tokens)',
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
      // A service account that may deploy but not invoke: roles/editor carries the deploy permissions, and
      // the emulator (stricter than Cloud Run here) counts no editor as an invoker; it pushes with
      // artifactregistry.admin.
      outsider = serviceAccountCaller(world.emulator, PROJECT, 'outsider', [
        'roles/editor',
        'roles/artifactregistry.admin',
      ]);
      // Opening a service (setIamPolicy) takes roles/run.admin, as the README's roles table says.
      admin = serviceAccountCaller(world.emulator, PROJECT, 'admin', [
        'roles/run.admin',
        'roles/iam.serviceAccountUser',
        'roles/artifactregistry.admin',
      ]);
    });

    afterAll(async () => {
      outsider?.remove();
      admin?.remove();
      await world?.stop();
    });

    it('previews a new private service: checks pass on ID tokens, anonymous requests get 403', async () => {
      const run = await world.preview({ service: 'priv', pr: 1, sha: sha(1) });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).toContain('priv is private: the checks send an ID token for the preview URL');
      const url = run.outputs.url ?? '';
      expect(await fetchText(`${url}/version.txt`)).toMatchObject({ status: 403 });
      expect((await fetchText((await service('priv')).uri)).status).toBe(403);
      expect(await world.fetchText(`${url}/version.txt`)).toEqual({ status: 200, body: `${sha(1)}\n` });
      // An ID token for another audience is refused too.
      const wrong = world.emulator.identity.idToken(world.deployer.email, 'http://127.0.0.1:1');
      expect((await fetch(url, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(401);
      expect(plain(run.summary)).toContain(
        `gcloud run services proxy priv --tag pr-1 --region us-central1 --project ${PROJECT}`,
      );
      expect(await allUsersInvoke('priv')).toBe(false);
    });

    it('with a key that lacks the role: one error naming roles/run.invoker, and the tag rolled back', async () => {
      const run = await world.preview({
        service: 'locked',
        pr: 2,
        sha: sha(2),
        inputs: { health_timeout: '4s' },
        env: { GOOGLE_APPLICATION_CREDENTIALS: outsider.keyPath },
      });
      expect(run.outputs.result, run.stdout).toBe('rolled-back');
      expect(run.code).not.toBe(0);
      // One reason (the step's failure repeats the logged error line, as for every failed preview).
      const errors = [...new Set(run.stdout.split('\n').filter((l) => l.startsWith('::error')))];
      expect(errors, run.stdout).toHaveLength(1);
      expect(errors[0]).toContain(`principal ${outsider.email} lacks roles/run.invoker on service locked`);
      expect(errors[0]).toMatch(/HTTP 403 from http:\/\/127\.0\.0\.1:\d+/);
      // The run created the service and nothing was promoted: the failed first preview deleted it.
      expect(run.stdout).toContain('Service locked was deleted');
      await expect(service('locked')).rejects.toMatchObject({ code: 5 });
    });

    it('access: public opens a service it creates: reachable without a token, and said so', async () => {
      const run = await world.preview({
        service: 'open',
        pr: 3,
        sha: sha(3),
        inputs: { access: 'public' },
        env: { GOOGLE_APPLICATION_CREDENTIALS: admin.keyPath },
      });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).toContain('Service open was created public (access: public)');
      expect(run.stdout).toContain('open is public: the checks send no credentials');
      expect(plain(run.summary)).toContain('allUsers hold roles/run.invoker');
      expect(await allUsersInvoke('open')).toBe(true);
      expect(await fetchText(`${run.outputs.url}/version.txt`)).toEqual({ status: 200, body: `${sha(3)}\n` });
      expect((await fetchText((await service('open')).uri)).status).toBe(200);
    });

    it('an existing private service stays private after a preview, even with access: public', async () => {
      const run = await world.preview({ service: 'priv', pr: 4, sha: sha(4), inputs: { access: 'public' } });
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).toMatch(/::warning::access: public was not applied: priv existed before this run/);
      expect(await allUsersInvoke('priv')).toBe(false);
      const svc = await service('priv');
      expect((await fetchText(svc.uri)).status).toBe(403);
      expect((await fetchText(svc.tags['pr-4'] ?? '')).status).toBe(403);
      expect((await world.fetchText(`${svc.tags['pr-4']}/version.txt`)).body).toBe(`${sha(4)}\n`);
    });
  },
);
