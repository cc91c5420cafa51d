import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContext, scanContext, type ContextFacts } from '../../../src/build/doctor/context-rules.js';
import { checkDockerfile } from '../../../src/build/doctor/dockerfile-rules.js';
import { parseDockerfile, splitImage } from '../../../src/build/doctor/dockerfile.js';
import { applyIgnores, checkImage, compareBases, blockingMessage } from '../../../src/build/doctor/index.js';
import { RULES, RULE_IDS } from '../../../src/build/doctor/rules.js';
import { ignoredBy } from '../../../src/config/credential-files.js';

/** A clean final stage to append: non-root, on 8080. */
const CLEAN_TAIL = 'USER 65532:65532\n';

interface Case {
  name: string;
  dockerfile: string;
  /** [rule, line] pairs expected, in line order; [] for a clean file. */
  want: [string, number][];
  target?: string;
  port?: number;
  buildArgs?: Record<string, string>;
}

const CASES: Case[] = [
  // Clean files: nothing to report.
  { name: 'scratch with a numeric user', dockerfile: `FROM scratch\nCOPY app /app\n${CLEAN_TAIL}`, want: [] },
  {
    name: 'pinned by digest, multi-stage, user in the final stage',
    dockerfile:
      'FROM golang:1.22@sha256:' +
      'a'.repeat(64) +
      ' AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nUSER nonroot\n',
    want: [],
  },
  {
    name: 'ARG-parametrised FROM resolved from its default',
    dockerfile: `ARG NODE_VERSION=20.11\nFROM node:\${NODE_VERSION}-slim\n${CLEAN_TAIL}`,
    want: [],
  },
  {
    name: 'the user comes from a stage the final one builds on',
    dockerfile: `FROM python:3.12-slim AS base\nUSER app\nFROM base\nCOPY . /src\n`,
    want: [],
  },
  {
    name: 'heredoc body mentioning USER root and ADD is not an instruction',
    dockerfile: `FROM scratch\nCOPY <<EOF /etc/motd\nUSER root\nADD https://example.com/x.tgz /\nHEALTHCHECK CMD true\nEOF\n${CLEAN_TAIL}`,
    want: [],
  },
  {
    name: 'escape directive with backtick continuations',
    dockerfile:
      '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo a `\n  && echo b\nUSER ContainerUser\n',
    want: [],
  },
  {
    name: 'EXPOSE and ENV PORT on 8080',
    dockerfile: `FROM scratch\nENV PORT=8080\nEXPOSE 8080/tcp\n${CLEAN_TAIL}`,
    want: [],
  },
  { name: 'HEALTHCHECK NONE', dockerfile: `FROM scratch\nHEALTHCHECK NONE\n${CLEAN_TAIL}`, want: [] },
  {
    name: 'ADD with a checksum',
    dockerfile: `FROM scratch\nADD --checksum=sha256:${'b'.repeat(64)} https://example.com/a.tgz /a.tgz\n${CLEAN_TAIL}`,
    want: [],
  },
  {
    name: 'secret names that only point at one',
    dockerfile: `FROM scratch\nENV GOOGLE_APPLICATION_CREDENTIALS_FILE=/var/secrets/key.json DB_PASSWORD_FILE=/run/secrets/db\n${CLEAN_TAIL}`,
    want: [],
  },

  // One rule each.
  { name: 'no USER', dockerfile: 'FROM scratch\nCOPY app /app\n', want: [['root-user', 1]] },
  { name: 'USER root', dockerfile: 'FROM scratch\nUSER root\n', want: [['root-user', 2]] },
  { name: 'USER 0:0', dockerfile: 'FROM scratch\nUSER 65532\nUSER 0:0\n', want: [['root-user', 3]] },
  {
    name: 'USER through an ARG that resolves to root',
    dockerfile: 'FROM scratch\nARG RUN_AS=root\nUSER ${RUN_AS}\n',
    want: [['root-user', 3]],
  },
  {
    name: 'only the final stage counts: a root builder stage is fine, a root final stage is not',
    dockerfile: 'FROM scratch AS build\nUSER 1000\nFROM scratch\nCOPY --from=build /a /a\n',
    want: [['root-user', 3]],
  },
  {
    name: 'target picks the stage that becomes the image',
    dockerfile: 'FROM scratch AS dev\nCOPY . /src\nFROM scratch AS prod\nUSER 1000\n',
    target: 'dev',
    want: [['root-user', 1]],
  },
  { name: 'FROM without a tag', dockerfile: `FROM ubuntu\n${CLEAN_TAIL}`, want: [['unpinned-base', 1]] },
  {
    name: 'FROM latest',
    dockerfile: `FROM node:latest AS build\nFROM scratch\n${CLEAN_TAIL}`,
    want: [['unpinned-base', 1]],
  },
  {
    name: 'registry with a port and no tag',
    dockerfile: `FROM localhost:5000/team/base\n${CLEAN_TAIL}`,
    want: [['unpinned-base', 1]],
  },
  {
    name: 'ARG-parametrised FROM whose build arg says latest',
    dockerfile: `ARG TAG=20\nFROM node:\${TAG}\n${CLEAN_TAIL}`,
    buildArgs: { TAG: 'latest' },
    want: [['unpinned-base', 2]],
  },
  {
    name: 'ARG-parametrised image name without a default and no build arg: unknown, not reported',
    dockerfile: `ARG BASE\nFROM \${BASE}\n${CLEAN_TAIL}`,
    want: [],
  },
  {
    name: 'secret-looking ARG and ENV, across a line continuation',
    dockerfile: `FROM scratch\nARG NPM_TOKEN\nENV APP_ENV=prod \\\n    DB_PASSWORD=hunter2\n${CLEAN_TAIL}`,
    want: [
      ['secret-in-build', 2],
      ['secret-in-build', 3],
    ],
  },
  {
    name: 'a value that looks like a key under an innocent name',
    dockerfile: `FROM scratch\nENV CONFIG=AKIAABCDEFGHIJKLMNOP\n${CLEAN_TAIL}`,
    want: [['secret-in-build', 2]],
  },
  {
    name: 'ADD of a URL',
    dockerfile: `FROM scratch\nADD https://example.com/app.bin /app\n${CLEAN_TAIL}`,
    want: [['add-instead-of-copy', 2]],
  },
  {
    name: 'ADD of a local archive',
    dockerfile: `FROM scratch\nADD vendor.tar.gz /vendor\n${CLEAN_TAIL}`,
    want: [['add-instead-of-copy', 2]],
  },
  {
    name: 'HEALTHCHECK over a continuation line',
    dockerfile: `FROM scratch\nHEALTHCHECK --interval=30s \\\n  CMD wget -qO- http://localhost:8080/healthz\n${CLEAN_TAIL}`,
    want: [['healthcheck-ignored', 2]],
  },
  {
    name: 'EXPOSE 3000',
    dockerfile: `FROM scratch\nEXPOSE 3000\n${CLEAN_TAIL}`,
    want: [['port-mismatch', 2]],
  },
  {
    name: 'ENV PORT=3000',
    dockerfile: `FROM scratch\nENV PORT=3000\n${CLEAN_TAIL}`,
    want: [['port-mismatch', 2]],
  },
  {
    name: 'EXPOSE 3000 with port: 3000 is right',
    dockerfile: `FROM scratch\nEXPOSE 3000\n${CLEAN_TAIL}`,
    port: 3000,
    want: [],
  },
  {
    name: 'escape directive: rules still find their lines',
    dockerfile: '# escape=`\nFROM scratch\nENV A=1 `\n    API_KEY=x\nEXPOSE 9000\n',
    want: [
      ['root-user', 2],
      ['secret-in-build', 3],
      ['port-mismatch', 5],
    ],
  },
];

describe('Dockerfile rules', () => {
  it.each(CASES)('$name', (c) => {
    const parsed = parseDockerfile(c.dockerfile, c.buildArgs ?? {});
    const found = checkDockerfile(parsed, {
      file: 'Dockerfile',
      port: c.port ?? 8080,
      ...(c.target === undefined ? {} : { target: c.target }),
    });
    expect(found.map((f) => [f.rule, f.line])).toEqual(c.want);
    for (const f of found) expect(f.file).toBe('Dockerfile');
  });

  it('never puts a secret value in a finding', () => {
    const parsed = parseDockerfile(
      'FROM scratch\nENV API_TOKEN=s3cr3t-value CONFIG=ghp_' + 'a'.repeat(36) + '\n',
    );
    const text = JSON.stringify(checkDockerfile(parsed, { file: 'Dockerfile', port: 8080 }));
    expect(text).not.toContain('s3cr3t-value');
    expect(text).not.toContain('ghp_');
  });

  it('the healthcheck fix names the probe path taken from the command', () => {
    const parsed = parseDockerfile('FROM scratch\nHEALTHCHECK CMD curl -f http://localhost:8080/ready\n');
    const [f] = checkDockerfile(parsed, { file: 'Dockerfile', port: 8080 }).filter(
      (x) => x.rule === 'healthcheck-ignored',
    );
    expect(f?.message).toContain('startupProbe.httpGet.path: /ready');
  });
});

describe('inline and input ignores', () => {
  const text = [
    '# gcp-deploy: ignore=unpinned-base pinned by the platform team',
    'FROM ubuntu',
    'EXPOSE 3000',
    '# gcp-deploy: ignore=port-mismatch,healthcheck-ignored -- proxy listens on 8080',
    'HEALTHCHECK CMD true',
    'USER root',
  ].join('\n');
  const parsed = parseDockerfile(text);
  const found = checkDockerfile(parsed, { file: 'Dockerfile', port: 8080 });

  it.each([
    {
      input: [] as string[],
      kept: ['port-mismatch@3', 'root-user@6'],
      skipped: ['unpinned-base@2', 'healthcheck-ignored@5'],
    },
    {
      input: ['root-user'],
      kept: ['port-mismatch@3'],
      skipped: ['unpinned-base@2', 'healthcheck-ignored@5', 'root-user@6'],
    },
  ])('dockerfile_ignore=$input', ({ input, kept, skipped }) => {
    const r = applyIgnores(found, parsed, input);
    expect(r.findings.map((f) => `${f.rule}@${f.line}`)).toEqual(kept);
    expect(r.ignored.map((f) => `${f.rule}@${f.line}`).sort()).toEqual([...skipped].sort());
  });

  it('shows where the skip came from and why', () => {
    const r = applyIgnores(found, parsed, ['root-user']);
    const by = Object.fromEntries(r.ignored.map((f) => [f.rule, f.ignoredBy]));
    expect(by['unpinned-base']).toBe('the file-wide comment on line 1: pinned by the platform team');
    expect(by['healthcheck-ignored']).toBe('the comment on line 4: proxy listens on 8080');
    expect(by['root-user']).toBe('the dockerfile_ignore input');
  });

  it('a comment inside a heredoc skips nothing', () => {
    const p = parseDockerfile('FROM scratch\nCOPY <<EOF /x\n# gcp-deploy: ignore=root-user\nEOF\n');
    expect(applyIgnores(checkDockerfile(p, { file: 'Dockerfile', port: 8080 }), p, []).ignored).toEqual([]);
  });

  it('a comment applies to the next instruction only', () => {
    // EXPOSE on line 3 is not covered by the comment on line 4, which names port-mismatch for line 5.
    const r = applyIgnores(found, parsed, []);
    expect(r.findings.some((f) => f.rule === 'port-mismatch' && f.line === 3)).toBe(true);
  });
});

describe('context rules', () => {
  const facts = (dockerignore: string[] | undefined, files: [string, number][]): ContextFacts => ({
    dockerignore,
    files: files.map(([path, size]) => ({ path, size })),
  });
  const opts = {
    dockerfileFile: 'app/Dockerfile',
    dockerignoreFile: 'app/.dockerignore',
    largeContextBytes: 1000,
  };

  it.each([
    {
      name: 'clean: a .dockerignore covering what is there',
      di: ['.git', '.env*', 'gha-creds-*.json', '*.pem'],
      files: [
        ['.git', 0],
        ['.env', 5],
        ['.env.local', 5],
        ['key.pem', 9],
        ['src/app.js', 100],
      ],
      want: [],
    },
    {
      name: 'clean: nothing sensitive, a .dockerignore present',
      di: ['node_modules'],
      files: [
        ['src/app.js', 10],
        ['.env.example', 4],
      ],
      want: [],
    },
    {
      name: 'no .dockerignore at all',
      di: undefined,
      files: [['src/app.js', 10]],
      want: ['dockerignore app/Dockerfile'],
    },
    {
      name: '.env and a nested key not excluded',
      di: ['.git'],
      files: [
        ['.git', 0],
        ['.env', 5],
        ['deploy/id_rsa', 5],
        ['src/a.js', 1],
      ],
      want: ['dockerignore app/.dockerignore'],
    },
    {
      name: 'a nested credentials file the top-level refusal does not see',
      di: ['/gha-creds-*.json'],
      files: [['sub/gha-creds-1.json', 5]],
      want: ['dockerignore app/.dockerignore'],
    },
    {
      name: 're-included by a ! line',
      di: ['.env*', '!.env.production'],
      files: [['.env.production', 5]],
      want: ['dockerignore app/.dockerignore'],
    },
    {
      name: 'large context, counted after the .dockerignore',
      di: ['data'],
      files: [
        ['data/big.bin', 5000],
        ['node_modules/x/y.js', 900],
        ['src/a', 200],
      ],
      want: ['large-context app/Dockerfile'],
    },
    {
      name: 'large files all excluded',
      di: ['data', 'node_modules'],
      files: [
        ['data/big.bin', 5000],
        ['node_modules/x/y.js', 900],
        ['src/a', 200],
      ],
      want: [],
    },
  ] as { name: string; di: string[] | undefined; files: [string, number][]; want: string[] }[])(
    '$name',
    (c) => {
      const found = checkContext(facts(c.di, c.files), opts);
      expect(found.map((f) => `${f.rule} ${f.file}`)).toEqual(c.want);
    },
  );

  it('names the exposed files and the top paths by size', () => {
    const [di] = checkContext(
      facts(
        ['.git'],
        [
          ['.env', 1],
          ['deploy/id_rsa', 1],
        ],
      ),
      opts,
    );
    expect(di?.message).toBe('.dockerignore does not exclude .env, deploy/id_rsa');
    const [big] = checkContext(
      facts(
        [],
        [
          ['data/a', 3000],
          ['data/b', 2000],
          ['video.mp4', 1500],
          ['x', 1],
        ],
      ),
      opts,
    );
    expect(big?.message).toMatch(
      /^the build context is 6\.3 KiB; largest: data\/ 4\.9 KiB, video\.mp4 1\.5 KiB, x 1 B$/,
    );
  });

  it('scans a real context: sizes, nested paths, .git as one entry, the .dockerignore lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcpd-scan-'));
    try {
      mkdirSync(join(dir, '.git', 'objects'), { recursive: true });
      writeFileSync(join(dir, '.git', 'objects', 'x'), 'x'.repeat(50));
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src', 'a.js'), 'abc');
      writeFileSync(join(dir, '.dockerignore'), 'src\n');
      const facts = scanContext(dir);
      expect(facts.dockerignore).toEqual(['src', '']);
      expect(facts.files.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
        { path: '.dockerignore', size: 4 },
        { path: '.git', size: 0 },
        { path: 'src/a.js', size: 3 },
      ]);
      expect(checkContext(facts, opts).map((f) => f.message)).toEqual([
        '.dockerignore does not exclude .git',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees with the credential refusal on what a .dockerignore excludes', () => {
    for (const [lines, path, want] of [
      [['.git'], '.git/config', true],
      [['.git/'], '.git', true],
      [['.git', '!.git/keep'], '.git/keep', false],
      [['gha-creds-*.json'], 'sub/gha-creds-1.json', false],
      [['**/gha-creds-*.json'], 'sub/gha-creds-1.json', true],
    ] as [string[], string, boolean][]) {
      expect(ignoredBy(lines, path), `${lines.join(',')} ${path}`).toBe(want);
    }
  });
});

describe('environment: one version of each base', () => {
  const member = (name: string, image?: string) => ({
    name,
    ...(image === undefined ? {} : { base: { image, line: 2, file: `${name}/Dockerfile` } }),
  });
  it.each([
    {
      name: 'same version everywhere',
      members: [member('api', 'python:3.11-slim'), member('web', 'docker.io/library/python:3.11-slim')],
      want: {},
    },
    {
      name: 'different bases are not a mismatch',
      members: [member('api', 'python:3.11-slim'), member('web', 'node:20')],
      want: {},
    },
    { name: 'scratch is not compared', members: [member('api'), member('web', 'node:20')], want: {} },
    {
      name: 'two versions of python',
      members: [
        member('api', 'python:3.9-slim-buster'),
        member('web', 'python:3.11-slim'),
        member('worker', 'python:3.11-slim'),
      ],
      want: { api: 1, web: 1, worker: 1 },
    },
  ])('$name', ({ members, want }) => {
    const found = compareBases(members);
    expect(Object.fromEntries([...found].map(([k, v]) => [k, v.length]))).toEqual(want);
    for (const [, list] of found)
      for (const f of list) expect(f).toMatchObject({ rule: 'base-mismatch', line: 2 });
  });

  it('names what the others use', () => {
    const found = compareBases([member('api', 'python:3.9-slim-buster'), member('web', 'python:3.11-slim')]);
    expect(found.get('api')?.[0]?.message).toBe(
      'api is built FROM python:3.9-slim-buster; web uses python:3.11-slim',
    );
  });

  it('splits image references', () => {
    expect(splitImage('localhost:5000/base')).toEqual({ repository: 'localhost:5000/base' });
    expect(splitImage('docker.io/library/node:20@sha256:abc')).toEqual({
      repository: 'node',
      tag: '20',
      digest: 'sha256:abc',
    });
  });
});

describe('image config after the build', () => {
  it.each([
    { user: '', said: false, size: 10, want: ['root-user'] },
    { user: '0:0', said: false, size: 10, want: ['root-user'] },
    { user: 'root', said: true, size: 10, want: [] },
    { user: '65532', said: false, size: 10, want: [] },
    { user: 'app', said: false, size: 2 * 1024 ** 3, want: ['large-image'] },
  ])('user "$user" (Dockerfile said root: $said), $size bytes', ({ user, said, size, want }) => {
    const found = checkImage(
      { user, sizeBytes: size },
      { imageRef: 'h/p/r/i@sha256:x', dockerfileSaid: said },
    );
    expect(found.map((f) => f.rule)).toEqual(want);
  });
});

describe('the catalogue', () => {
  it('every rule has an id, a one-line reason and a fix', () => {
    for (const id of RULE_IDS) {
      expect(id).toMatch(/^[a-z][a-z-]+$/);
      expect(RULES[id].reason).not.toMatch(/\n/);
      expect(RULES[id].fix).not.toMatch(/\n/);
    }
  });

  it('the error names each finding with its place', () => {
    const msg = blockingMessage([
      { rule: 'root-user', message: 'no USER', file: 'Dockerfile', line: 1 },
      { rule: 'dockerignore', message: 'none', file: 'Dockerfile' },
    ]);
    expect(msg).toMatch(
      /^Input 'dockerfile_checks' is error .* 2 problems; nothing was built: root-user \(Dockerfile:1\): no USER\. Fix: .*; dockerignore \(Dockerfile\): none\./,
    );
  });
});
