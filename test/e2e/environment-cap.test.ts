/**
 * `max_previews` for an environment: the real action in process (loadEnvironment + runEnvironment, the
 * calls src/main.ts makes, with the real Cloud Run client) against the emulator (process runtime, prebuilt
 * images) and the GitHub fake. With a cap of 2, a third PR's environment preview evicts the least recently
 * deployed one: every member's tag and revisions go, and both PRs' comments say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main.js';
import { withCommand } from '../../src/config/inputs.js';
import { loadEnvironment } from '../../src/environment/load-environment.js';
import { runEnvironment } from '../../src/commands/run-environment.js';
import { runSweepStep } from '../../src/commands/sweep.js';
import type { EnvironmentReport } from '../../src/report/environment-report.js';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { LOCATION, PROJECT, REGION, prEvent, sha, startModelWorld, type ModelWorld } from '../model/world.js';

const SERVICES = ['name: shop', 'services:', '  api: {}', '  web:', '    needs: [api]', ''].join('\n');

describe('max_previews for an environment', () => {
  let world: ModelWorld;
  let github: GitHubFake;

  beforeAll(async () => {
    world = await startModelWorld();
    github = await startGitHubFake();
    for (const s of ['api', 'web']) await world.createProduction(s);
  });
  afterAll(async () => {
    await github?.stop();
    await world?.stop();
  });

  async function preview(pr: number, push = 1): Promise<EnvironmentReport> {
    const head = sha(`e${push}`, pr);
    const inputs: Record<string, string> = {
      command: 'preview',
      project_id: PROJECT,
      region: REGION,
      services: SERVICES,
      image: `us-docker.pkg.dev/${PROJECT}/r/app@sha256:${(head + head).slice(0, 64)}`,
      health_path: '/',
      health_timeout: '5s',
      timeout: '2m',
      github_token: github.token,
      comment: 'true',
      max_previews: '2',
    };
    const read = (name: string): string => inputs[name] ?? '';
    const env = await loadEnvironment(SERVICES, read, (r) => withCommand('preview', r), loadConfig);
    const ctx = { ...prEvent(pr, head, 'synchronize'), apiUrl: github.url };
    return runEnvironment('preview', env, ctx, new AbortController().signal);
  }
  const prTags = async (service: string): Promise<string[]> => {
    const [svc] = await world.services.getService({ name: `${LOCATION}/services/${service}` });
    return (svc.traffic ?? []).flatMap((t) => (t.tag?.startsWith('pr-') ? [t.tag] : [])).sort();
  };
  const prRevisions = async (service: string, pr: number): Promise<string[]> => {
    const [list] = await world.revisions.listRevisions({ parent: `${LOCATION}/services/${service}` });
    return list.filter((r) => r.labels?.['gcp-deploy-pr'] === String(pr)).map((r) => r.name ?? '');
  };
  const commentOf = (pr: number): string =>
    github.comments.filter((c) => c.issue === pr && c.user.login === github.identity.login).at(-1)?.body ??
    '';

  it('a third PR evicts the least recently deployed environment preview: every member, both comments', async () => {
    for (const pr of [1, 2]) expect((await preview(pr)).result).toBe('success');
    expect(await prTags('api')).toEqual(['pr-1', 'pr-2']);
    expect(await prTags('web')).toEqual(['pr-1', 'pr-2']);
    expect(commentOf(2)).not.toMatch(/evicted/i);
    // PR 1 pushes again: PR 2 is now the least recently deployed.
    expect((await preview(1, 2)).result).toBe('success');

    const third = await preview(3);
    expect(third.result).toBe('success');
    for (const service of ['api', 'web']) {
      expect(await prTags(service)).toEqual(['pr-1', 'pr-3']);
      expect(await prRevisions(service, 2)).toEqual([]);
      expect((await prRevisions(service, 1)).length).toBeGreaterThan(0);
    }
    expect(third.notes).toContain(
      'max_previews is 2: this deploy evicted the least recently deployed preview of PR #2.',
    );
    expect(commentOf(3)).toMatch(
      /max\\?_previews is 2: this deploy evicted the least recently deployed preview of PR \\?#2/,
    );
    expect(commentOf(2)).toMatch(
      /Evicted: at most 2 previews may run at once .*the deploy of PR \\?#3 made this the least recently deployed one/,
    );
    expect(commentOf(1)).not.toMatch(/Evicted|evicted/);
    // The evicted PR's deployment of the environment turns inactive.
    const envOf2 = github.deployments.filter((d) => d.environment === 'preview/shop/pr-2');
    expect(envOf2.length).toBeGreaterThan(0);
    expect(envOf2.every((d) => d.statuses.at(-1)?.state === 'inactive')).toBe(true);
    expect(github.violations).toEqual([]);
  });

  it("the schedule sweeps a closed PR's environment preview as one: one comment, its environment's deployment", async () => {
    github.pulls.set(1, 'closed');
    github.pulls.set(3, 'open');
    const botComments = (pr: number): number =>
      github.comments.filter((c) => c.issue === pr && c.user.login === github.identity.login).length;
    const before = botComments(1);
    const inputs: Record<string, string> = {
      command: 'auto',
      project_id: PROJECT,
      region: REGION,
      services: SERVICES,
      // The images were prebuilt: nothing of theirs to delete in Artifact Registry (not emulated here).
      image: `us-docker.pkg.dev/${PROJECT}/r/app@sha256:${'c'.repeat(64)}`,
      github_token: github.token,
      comment: 'true',
    };
    const read = (name: string): string => inputs[name] ?? '';
    const env = await loadEnvironment(SERVICES, read, (r) => withCommand('cleanup', r), loadConfig);
    const ctx = {
      ...prEvent(0, sha('f', 0)),
      eventName: 'schedule',
      prNumber: undefined,
      apiUrl: github.url,
    };
    await runSweepStep(
      env.members.map((m) => m.config),
      ctx,
      new AbortController().signal,
      { name: 'shop', primary: 'web' },
    );
    for (const service of ['api', 'web']) {
      expect(await prTags(service)).toEqual(['pr-3']);
      expect(await prRevisions(service, 1)).toEqual([]);
    }
    // The environment's sticky comment says so, in place: no comment per service.
    expect(botComments(1)).toBe(before);
    expect(commentOf(1)).toMatch(/The pull request is closed: its leftover preview and URL were removed/);
    expect(commentOf(1)).toContain('environment=shop');
    const envOf1 = github.deployments.filter((d) => d.environment === 'preview/shop/pr-1');
    expect(envOf1.every((d) => d.statuses.at(-1)?.state === 'inactive')).toBe(true);
    expect(github.deployments.filter((d) => d.environment === 'preview/pr-1')).toEqual([]);
    expect(commentOf(3)).not.toMatch(/closed/);
    expect(github.violations).toEqual([]);
  });
});
