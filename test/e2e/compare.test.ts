/**
 * Issue 31 end to end, through dist/index.js against the emulator: production runs the example app with a CGI
 * path `/cgi-bin/work`; PR 1 is the same app, PR 2 the app whose `/cgi-bin/work` sleeps 200 ms first. Both
 * previews compare with production's baseline revision (`compare: production`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINER_LABEL } from '../../src/emulator/index.js';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent, type ActionRun } from './support/action-runner.js';
import { pushImage } from './support/images.js';
import { skipWithout } from './support/needs.js';
import { startPreviewWorld, type PreviewWorld } from './support/preview-env.js';

const SERVICE = 'shop';
const PROD = `${SERVICE}-prod-1`;
const DELAY_MS = 200;
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);
// The smoke scenario, run once as the checks and then in the comparison's rounds.
const SMOKE = [
  'scenarios: { work: { executor: constant-vus, vus: 2, duration: 2s } }',
  'requests: [{ path: /cgi-bin/work }]',
  "thresholds: { http_req_failed: ['rate<0.01'] }",
].join('\n');

let world: PreviewWorld;
let github: GitHubFake;

/** The app's one CGI path, answering after `delay` seconds (0: at once). */
function writeWork(delaySeconds: number): void {
  const dir = join(world.app.dir, 'site', 'cgi-bin');
  mkdirSync(dir, { recursive: true });
  const sleep = delaySeconds > 0 ? `/bin/busybox sleep ${delaySeconds}\n` : '';
  writeFileSync(
    join(dir, 'work'),
    // The line on stderr lands in the container's log: how the test counts requests an instance served.
    `#!/bin/busybox sh\necho cgi:work >&2\n${sleep}printf 'Content-Type: text/plain\\r\\n\\r\\n'\necho done\n`,
    { mode: 0o755 },
  );
}

/**
 * Requests production's container has logged: busybox httpd -v logs a `response:` line for a file it serves,
 * and the CGI path logs `cgi:work` itself (httpd logs nothing for a CGI answer).
 */
function productionRequests(): number {
  const ids = execFileSync('docker', ['ps', '-q', '--filter', `label=${CONTAINER_LABEL}.revision=${PROD}`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((s) => s !== '');
  expect(ids.length).toBeGreaterThan(0);
  let n = 0;
  for (const id of ids) {
    const out = execFileSync('docker', ['logs', id], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const err = execFileSync('sh', ['-c', `docker logs ${id} 2>&1 >/dev/null`], { encoding: 'utf8' });
    n += `${out}\n${err}`.split('\n').filter((l) => /: response:\d+|^cgi:work$/.test(l)).length;
  }
  return n;
}

async function state(): Promise<{ tags: Record<string, string>; shares: Record<string, number> }> {
  const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
  const tags: Record<string, string> = {};
  for (const t of svc.traffic ?? []) if (t.tag) tags[t.tag] = t.revision ?? '';
  const shares: Record<string, number> = {};
  for (const s of svc.trafficStatuses ?? []) {
    if ((s.percent ?? 0) > 0) shares[s.revision ?? ''] = (shares[s.revision ?? ''] ?? 0) + (s.percent ?? 0);
  }
  return { tags, shares };
}

async function baselineRevisions(): Promise<string[]> {
  const [list] = await world.revisions.listRevisions({ parent: world.serviceName(SERVICE) });
  return list
    .filter((r) => r.labels?.['gcp-deploy-kind'] === 'baseline')
    .map((r) => r.name?.split('/').pop() ?? '');
}

/** Baseline revisions the emulator was asked to create (a service update whose template is a baseline). */
function baselineCreations(): string[] {
  return world.emulator.recorder.mutations().flatMap((c) => {
    const t = (
      c.request as { service?: { template?: { revision?: string; labels?: Record<string, string> } } }
    ).service?.template;
    return t?.labels?.['gcp-deploy-kind'] === 'baseline' ? [t.revision ?? ''] : [];
  });
}

/** The PR's sticky comment as a reader sees it: Markdown escapes and mention breakers undone. */
const lastComment = (pr: number): string =>
  (github.comments.filter((c) => c.issue === pr).at(-1)?.body ?? '')
    .replace(/\u200b/g, '')
    .replace(/&#39;/g, "'")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

/** The comment's row for one metric: the change and its interval, in ms, from the change column. */
function latencyRow(comment: string, label: string): { diff: number; lo: number; hi: number; arrow: string } {
  const row = comment.split('\n').find((l) => l.startsWith(`| ${label} |`)) ?? '';
  const change = row.split('|')[4]?.trim() ?? '';
  const m = /^(▲|▼)? ?([+−][\d.]+) ms .*CI ([+−][\d.]+) ms … ([+−][\d.]+) ms$/.exec(change);
  expect(m, row).not.toBeNull();
  const num = (s: string | undefined): number => Number((s ?? 'NaN').replace('−', '-'));
  return { arrow: m?.[1] ?? '', diff: num(m?.[2]), lo: num(m?.[3]), hi: num(m?.[4]) };
}

async function preview(pr: number, inputs: Record<string, string>): Promise<ActionRun> {
  return world.preview({
    service: SERVICE,
    pr,
    sha: sha(pr),
    inputs: {
      comment: 'true',
      github_token: github.token,
      smoke: SMOKE,
      compare: 'production',
      ...inputs,
    },
    env: { GITHUB_API_URL: github.url },
  });
}

describe.skipIf(skipWithout('baseline comparison e2e', ['docker', 'docker-registry', 'busybox']))(
  'a preview compared with production (dist/index.js, emulator, registry, Docker)',
  () => {
    beforeAll(async () => {
      world = await startPreviewWorld();
      github = await startGitHubFake();
      writeWork(0);
      const image = await pushImage(
        world.app.dir,
        `${world.registry.host}/demo-project/previews/${SERVICE}:prod`,
        world.emulator,
      );
      const [op] = await world.services.createService({
        parent: 'projects/demo-project/locations/us-central1',
        serviceId: SERVICE,
        service: {
          template: {
            revision: PROD,
            scaling: { minInstanceCount: 1, maxInstanceCount: 10 },
            containers: [{ image, ports: [{ containerPort: 8080 }] }],
          },
        },
      });
      await op.promise();
      world.emulator.recorder.clear();
    }, 180_000);

    afterAll(async () => {
      await github?.stop();
      await world?.stop();
    });

    const before = { requests: 0, shares: {} as Record<string, number> };

    it('a bad regression expression is an input error before anything is built or deployed', async () => {
      const run = await preview(3, { regression: "http_req_duration: ['p95 > 20%']" });
      expect(run.code, run.stdout).not.toBe(0);
      // Workflow commands escape '%' as '%25'.
      expect((run.stdout + run.stderr).replace(/%25/g, '%')).toMatch(
        /Input 'regression': got "http_req_duration: p95 > 20%"; allowed for http_req_duration: '<p\(50\)\|med\|p\(95\)\|p\(99\)> \+<number>%'/,
      );
      expect(run.stdout).not.toMatch(/building|Building/);
      expect(world.emulator.recorder.mutations()).toEqual([]);
    }, 120_000);

    it('PR 1 (unchanged app): creates the baseline, compares, passes; production gets no request', async () => {
      before.requests = productionRequests();
      before.shares = (await state()).shares;
      const run = await preview(1, {});
      expect(run.outputs.result, run.stdout).toBe('success');
      expect(run.stdout).toMatch(
        new RegExp(`Creating baseline ${SERVICE}-baseline-[0-9a-f]{10}: production's ${PROD}`),
      );
      const after = await state();
      const baselines = await baselineRevisions();
      expect(baselines).toHaveLength(1);
      expect(after.tags.baseline).toBe(baselines[0]);
      expect(after.shares).toEqual(before.shares);
      const comment = lastComment(1);
      expect(comment).toContain('| metric | preview | baseline | change |');
      expect(comment).toMatch(/Compared with production: /);
      expect(comment).toContain(`production's \`${PROD}\` with the preview profile, created by this run`);
      // Health, smoke and comparison requests all went to the tag URLs: none reached production's instance.
      expect(productionRequests()).toBe(before.requests);
      expect(github.violations).toEqual([]);
      // The count is live: one request to the service URL shows in it.
      const [svc] = await world.services.getService({ name: world.serviceName(SERVICE) });
      expect((await world.fetchText(`${svc.uri ?? ''}/cgi-bin/work`)).body).toBe('done\n');
      await expect.poll(() => productionRequests(), { timeout: 10_000 }).toBe(before.requests + 1);
      before.requests += 1;
    }, 300_000);

    it('PR 2 (200 ms slower path): reuses the baseline, reports the regression, a threshold rolls it back', async () => {
      writeWork(DELAY_MS / 1000);
      const created = baselineCreations();
      const run = await preview(2, { regression: "http_req_duration: ['p(95) +50%']" });
      writeWork(0);
      expect(run.outputs.result, run.stdout).toBe('rolled-back');
      expect(run.stdout).toMatch(/Baseline .* exists: reusing it/);
      expect(baselineCreations()).toEqual(created);
      expect(await baselineRevisions()).toHaveLength(1);

      const comment = lastComment(2);
      if (process.env.SHOW_COMMENT !== undefined) console.log(comment);
      // The first line after the comment's marker: the verdict.
      const headline = comment.split('\n').find((l) => l.trim() !== '' && !l.startsWith('<!--')) ?? '';
      // The tag had no earlier good revision: it was removed, so the verdict is "Checks failed".
      expect(headline).toMatch(
        /^\*\*❌ Checks failed\*\* · \*\*slower than production\*\* · .* · 2\/3 checks passed/,
      );
      expect(comment).toContain(
        '<details open><summary>Compared with production: ▲ slower than production, 1 regression threshold failed',
      );
      expect(comment).toContain('❌ `http_req_duration p(95) +50%`');
      expect(comment).toMatch(
        /\| `http_req_duration vs baseline` \| `p\(95\) \+50%` \| \+\d+\.\d % \| ❌ \|/,
      );
      for (const label of ['p50 latency', 'p95 latency']) {
        const r = latencyRow(comment, label);
        expect(r.arrow, label).toBe('▲');
        // About the delay: CGI start-up and scheduling noise around it, never below it by much.
        expect(r.diff, label).toBeGreaterThan(DELAY_MS * 0.75);
        expect(r.diff, label).toBeLessThan(DELAY_MS * 2);
        expect(r.lo, label).toBeGreaterThan(0);
        expect(r.hi, label).toBeGreaterThanOrEqual(r.lo);
      }
      const after = await state();
      expect(after.tags['pr-2']).toBeUndefined();
      expect(after.tags['pr-1']).toBeDefined();
      expect(after.shares).toEqual(before.shares);
      expect(productionRequests()).toBe(before.requests);
      expect(github.violations).toEqual([]);
    }, 300_000);

    it('the baseline stays while a preview is open and goes with the last one', async () => {
      const close = (pr: number): Promise<ActionRun> =>
        world.run({
          eventName: 'pull_request',
          event: pullRequestEvent({ number: pr, sha: sha(pr), action: 'closed' }),
          inputs: { service: SERVICE },
        });
      const second = await close(2);
      expect(second.outputs.result, second.stdout).toBe('removed');
      expect(await baselineRevisions()).toHaveLength(1);
      expect((await state()).tags.baseline).toBeDefined();
      const last = await close(1);
      expect(last.outputs.result, last.stdout).toBe('removed');
      expect(await baselineRevisions()).toEqual([]);
      const after = await state();
      expect(after.tags.baseline).toBeUndefined();
      expect(after.shares).toEqual(before.shares);
      expect(Object.keys(after.shares)).toEqual([PROD]);
    }, 300_000);
  },
);
