/**
 * The Dockerfile doctor through dist/index.js: a context breaking each rule gives one annotation per finding
 * on the right line and an Image section naming each rule in the PR comment; `dockerfile_checks: error`
 * stops the run before anything is built, pushed or changed (one service, and an environment comparing its
 * members' bases); the clean example app gives neither; a prebuilt image running as root is reported from
 * its config alone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake } from '../fakes/github-fake.js';
import { pullRequestEvent, runAction } from './support/action-runner.js';
import { PROJECT, REGION, startPreviewWorld, type PreviewWorld } from './support/preview-env.js';
import { skipWithout } from './support/needs.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

/** The doctor's annotations in a run's log: rule, file and line of each `::warning`/`::error` it wrote. */
function annotations(
  stdout: string,
  kind: 'warning' | 'error',
): { rule: string; file: string; line?: number }[] {
  const out: { rule: string; file: string; line?: number }[] = [];
  for (const l of stdout.split('\n')) {
    const m = new RegExp(`^::${kind} (.*?)::(.*)$`).exec(l);
    if (m === null) continue;
    const props = Object.fromEntries(
      (m[1] ?? '').split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
    const title = decodeURIComponent(props.title ?? '');
    const rule = /^gcp-deploy ([a-z-]+):/.exec(title)?.[1];
    if (rule === undefined) continue;
    out.push({
      rule,
      file: decodeURIComponent(props.file ?? ''),
      ...(props.line === undefined ? {} : { line: Number(props.line) }),
    });
  }
  return out.sort((a, b) => `${a.rule}${a.line ?? 0}`.localeCompare(`${b.rule}${b.line ?? 0}`));
}

/** A Dockerfile breaking every single-service rule; the line numbers are what the annotations must name. */
const BAD_DOCKERFILE = [
  '# Breaks every rule of the Dockerfile doctor. Built FROM scratch: the tools stage is never built.', // 1
  'ARG TOOLS_TAG=latest', // 2
  'FROM busybox:${TOOLS_TAG} AS tools', // 3 unpinned-base
  'FROM scratch', // 4 root-user (no USER)
  'COPY busybox /bin/busybox', // 5
  'ADD vendor.tar /vendor', // 6 add-instead-of-copy
  'ARG NPM_TOKEN', // 7 secret-in-build
  'ENV APP_ENV=preview \\', // 8 secret-in-build (API_KEY, continued)
  '    API_KEY=not-a-real-key', // 9
  'EXPOSE 3000', // 10 port-mismatch
  'HEALTHCHECK CMD ["/bin/busybox", "wget", "-qO-", "http://localhost:8080/healthz"]', // 11 healthcheck-ignored
  'COPY site /www', // 12
  'ENTRYPOINT ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p \\"$PORT\\" -h /www"]', // 13
  '',
].join('\n');

const EXPECTED = [
  { rule: 'add-instead-of-copy', line: 6 },
  { rule: 'dockerignore', line: undefined, file: '.dockerignore' },
  { rule: 'healthcheck-ignored', line: 11 },
  { rule: 'large-context', line: undefined },
  { rule: 'port-mismatch', line: 10 },
  { rule: 'root-user', line: 4 },
  { rule: 'secret-in-build', line: 7 },
  { rule: 'secret-in-build', line: 8 },
  { rule: 'unpinned-base', line: 3 },
];

describe.skipIf(skipWithout('doctor e2e', ['docker', 'docker-registry', 'busybox']))(
  'Dockerfile doctor end to end (dist/index.js, emulator, registry, Docker)',
  () => {
    let world: PreviewWorld;
    let bad = '';
    let envDir = '';

    beforeAll(async () => {
      world = await startPreviewWorld();
      // The bad context: the example app (site, busybox) with the Dockerfile above, an archive, a .env the
      // .dockerignore forgets, and a 210 MiB sparse file (no disk used; BuildKit sends only what COPY reads).
      bad = mkdtempSync(join(tmpdir(), 'gcpd-doctor-'));
      cpSync(world.app.dir, bad, { recursive: true });
      writeFileSync(join(bad, 'Dockerfile'), BAD_DOCKERFILE);
      writeFileSync(join(bad, '.dockerignore'), '.git\n');
      writeFileSync(join(bad, '.env'), 'LOCAL_ONLY=1\n');
      mkdirSync(join(bad, 'vendor'));
      writeFileSync(join(bad, 'vendor', 'lib.txt'), 'vendored\n');
      execFileSync('tar', ['-cf', join(bad, 'vendor.tar'), '-C', join(bad, 'vendor'), 'lib.txt']);
      mkdirSync(join(bad, 'data'));
      writeFileSync(join(bad, 'data', 'dump.bin'), '');
      truncateSync(join(bad, 'data', 'dump.bin'), 210 * 1024 * 1024);
      // Two services built FROM two versions of busybox, for the environment's comparison.
      envDir = mkdtempSync(join(tmpdir(), 'gcpd-doctor-env-'));
      for (const [name, version] of [
        ['api', '1.36.1'],
        ['web', '1.37.0'],
      ] as const) {
        mkdirSync(join(envDir, name));
        writeFileSync(join(envDir, name, 'Dockerfile'), `# ${name}\nFROM busybox:${version}\nUSER 65532\n`);
        writeFileSync(join(envDir, name, '.dockerignore'), '.git\n.env*\n');
      }
    }, 120_000);

    afterAll(async () => {
      await world?.stop();
      for (const d of [bad, envDir]) if (d !== '') rmSync(d, { recursive: true, force: true });
    });

    /** Tags of a repository in the local registry; [] when nothing was ever pushed there. */
    async function pushedTags(image: string): Promise<string[]> {
      const res = await fetch(`${world.registry.url}/v2/${PROJECT}/previews/${image}/tags/list`);
      if (res.status === 404) return [];
      return ((await res.json()) as { tags?: string[] | null }).tags ?? [];
    }

    let badImage = '';

    it('warn: one annotation per finding on its line, and an Image section naming each rule in the comment', async () => {
      const github = await startGitHubFake();
      try {
        const run = await world.preview({
          service: 'doctor-bad',
          pr: 1,
          sha: sha(1),
          inputs: { context: bad, comment: 'true', github_token: github.token },
          env: { GITHUB_API_URL: github.url, GITHUB_WORKSPACE: bad },
        });
        expect(run.outputs.result, run.stdout).toBe('success');
        badImage = run.outputs.image ?? '';
        const found = annotations(run.stdout, 'warning');
        expect(found.map((a) => ({ rule: a.rule, line: a.line }))).toEqual(
          EXPECTED.map((e) => ({ rule: e.rule, line: e.line })),
        );
        for (const a of found)
          expect(a.file).toBe(a.rule === 'dockerignore' ? '.dockerignore' : 'Dockerfile');
        expect(annotations(run.stdout, 'error')).toEqual([]);

        expect(github.violations).toEqual([]);
        const body = github.comments.at(-1)?.body ?? '';
        const section =
          /<details><summary>Image: (\d+) findings \(([^)]*)\)<\/summary>[\s\S]*?<\/details>/.exec(body);
        expect(section, body).not.toBeNull();
        expect(Number(section?.[1])).toBe(EXPECTED.length);
        for (const rule of new Set(EXPECTED.map((e) => e.rule))) {
          expect(section?.[2]).toContain(rule);
          expect(section?.[0]).toContain(`\`${rule}\``);
        }
        // The secret's value is nowhere; its name is.
        expect(body).toContain('ENV `API_KEY` is named like a secret');
        expect(body).not.toContain('not-a-real-key');
        expect(run.summary).toContain('Image: 9 findings');
        // The image itself runs as root: said once, by the Dockerfile finding, not again from its config.
        expect(found.filter((a) => a.rule === 'root-user')).toHaveLength(1);
        expect(section?.[0]).toMatch(/\*\*Image:\*\* user `root \(unset\)`/);
      } finally {
        await github.stop();
      }
    }, 300_000);

    it('error: fails before anything is built or pushed, naming each finding', async () => {
      world.emulator.recorder.clear();
      const run = await world.preview({
        service: 'doctor-blocked',
        pr: 2,
        sha: sha(2),
        inputs: { context: bad, dockerfile_checks: 'error' },
        env: { GITHUB_WORKSPACE: bad },
      });
      expect(run.code).not.toBe(0);
      expect(run.outputs.result).toBe('failure');
      const found = annotations(run.stdout, 'error');
      expect(found.map((a) => ({ rule: a.rule, line: a.line }))).toEqual(
        EXPECTED.map((e) => ({ rule: e.rule, line: e.line })),
      );
      const failed = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
      expect(failed).toHaveLength(1);
      for (const e of EXPECTED) expect(failed[0]).toContain(e.rule);
      expect(failed[0]).toContain("Input 'dockerfile_checks' is error");
      expect(run.stdout).not.toMatch(/pushed|building with|#\d+ \[/i);
      expect(world.emulator.recorder.mutations()).toEqual([]);
      expect(await pushedTags('doctor-blocked')).toEqual([]);
    }, 120_000);

    it('error with every finding skipped (comment and input): builds, and shows what was skipped and why', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gcpd-doctor-skip-'));
      try {
        cpSync(world.app.dir, dir, { recursive: true });
        rmSync(join(dir, '.dockerignore'));
        writeFileSync(
          join(dir, 'Dockerfile'),
          [
            'FROM scratch',
            'COPY busybox /bin/busybox',
            'COPY site /www',
            '# gcp-deploy: ignore=port-mismatch the proxy sidecar listens on 8080',
            'EXPOSE 3000',
            'ENTRYPOINT ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p \\"$PORT\\" -h /www"]',
            '',
          ].join('\n'),
        );
        const run = await world.preview({
          service: 'doctor-skip',
          pr: 3,
          sha: sha(3),
          inputs: { context: dir, dockerfile_checks: 'error', dockerfile_ignore: 'root-user, dockerignore' },
        });
        expect(run.outputs.result, run.stdout).toBe('success');
        expect(annotations(run.stdout, 'error')).toEqual([]);
        expect(annotations(run.stdout, 'warning')).toEqual([]);
        expect(run.summary).toContain('Image: no findings (3 skipped)');
        expect(run.summary).toContain('the comment on line 4: the proxy sidecar listens on 8080');
        expect(run.summary).toContain('ignored by the dockerfile\\_ignore input');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);

    it('a clean context (the example app) gives no finding and no Image section', async () => {
      const github = await startGitHubFake();
      try {
        const run = await world.preview({
          service: 'doctor-clean',
          pr: 4,
          sha: sha(4),
          inputs: { comment: 'true', github_token: github.token },
          env: { GITHUB_API_URL: github.url },
        });
        expect(run.outputs.result, run.stdout).toBe('success');
        expect(annotations(run.stdout, 'warning')).toEqual([]);
        expect(github.comments.at(-1)?.body).not.toContain('Image:');
        expect(run.summary).not.toContain('Image:');
      } finally {
        await github.stop();
      }
    }, 300_000);

    it('a prebuilt image that runs as root is reported from its config, with no Dockerfile to read', async () => {
      expect(badImage).toMatch(/@sha256:/);
      const run = await world.preview({
        service: 'doctor-prebuilt',
        pr: 5,
        sha: sha(5),
        inputs: { image: badImage },
      });
      expect(run.outputs.result, run.stdout).toBe('success');
      const found = annotations(run.stdout, 'warning');
      expect(found.map((a) => a.rule)).toEqual(['root-user']);
      expect(run.stdout).toContain(`root-user: the image ${badImage} runs as root (its config sets no user)`);
      expect(run.summary).toContain('Image: 1 finding (root-user)');
    }, 300_000);

    it('an environment compares its members bases; with error nothing of it is built or changed', async () => {
      world.emulator.recorder.clear();
      const services = [
        'name: doctor',
        'services:',
        `  api: { context: ${join(envDir, 'api')} }`,
        `  web: { context: ${join(envDir, 'web')} }`,
        '',
      ].join('\n');
      const run = await runAction({
        inputs: {
          command: 'auto',
          project_id: PROJECT,
          region: REGION,
          services,
          registry_host: world.registry.host,
          repository: 'previews',
          comment: 'false',
          dockerfile_checks: 'error',
        },
        eventName: 'pull_request',
        event: pullRequestEvent({ number: 6, sha: sha(6) }),
        env: {
          GCP_DEPLOY_EMULATOR_HOST: world.emulator.endpoint,
          ...world.deployer.env,
          GITHUB_WORKSPACE: envDir,
        },
      });
      expect(run.code).not.toBe(0);
      const found = annotations(run.stdout, 'error');
      expect(found).toEqual([
        { rule: 'base-mismatch', file: 'api/Dockerfile', line: 2 },
        { rule: 'base-mismatch', file: 'web/Dockerfile', line: 2 },
      ]);
      expect(run.stdout).toContain('api is built FROM busybox:1.36.1; web uses busybox:1.37.0');
      expect(run.summary).toMatch(/Image: 2 findings \(base-mismatch\)/);
      expect(world.emulator.recorder.mutations()).toEqual([]);
      expect(await pushedTags('api')).toEqual([]);
      expect(await pushedTags('web')).toEqual([]);
    }, 120_000);
  },
);
