import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEventContext, slugFromGitUrl } from '../../../src/cli/ci-context.js';

const SHA = 'a'.repeat(40);
const preview = (env: NodeJS.ProcessEnv, flags = {}, reportsToGitHub = false) =>
  cliEventContext({ command: 'preview', flags, env, reportsToGitHub, hasPromoteFrom: false });

describe('the event of a CLI run', () => {
  it('comes from flags, or their GCP_DEPLOY_* variables, outside any CI system', () => {
    const ctx = preview({ GCP_DEPLOY_SHA: SHA }, { pr: '42', branch: 'feat', github_repository: 'acme/web' });
    expect(ctx).toMatchObject({
      eventName: 'pull_request',
      prNumber: 42,
      headSha: SHA,
      headRef: 'feat',
      repo: { owner: 'acme', repo: 'web' },
      isFork: false,
    });
  });

  it('reads a GitLab merge request pipeline, preferring the source branch head in merged-results pipelines', () => {
    const ctx = preview({
      GITLAB_CI: 'true',
      CI_MERGE_REQUEST_IID: '9',
      CI_COMMIT_SHA: 'b'.repeat(40),
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: SHA,
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feat',
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_TITLE: 'Add login',
      CI_MERGE_REQUEST_PROJECT_ID: '1',
      CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '2',
      CI_PROJECT_PATH: 'group/sub/web',
      CI_SERVER_URL: 'https://gitlab.example',
      CI_JOB_URL: 'https://gitlab.example/group/sub/web/-/jobs/5',
    });
    expect(ctx).toMatchObject({
      prNumber: 9,
      headSha: SHA,
      headRef: 'feat',
      baseRef: 'main',
      prTitle: 'Add login',
      isFork: true,
      repo: { owner: 'group/sub', repo: 'web' },
      serverUrl: 'https://gitlab.example',
      runUrl: 'https://gitlab.example/group/sub/web/-/jobs/5',
    });
  });

  it('reads Cloud Build pull request substitutions mapped into the environment', () => {
    const ctx = preview({
      BUILD_ID: 'b-1',
      PROJECT_ID: 'my-project',
      LOCATION: 'europe-west1',
      _PR_NUMBER: '5',
      COMMIT_SHA: SHA,
      _HEAD_BRANCH: 'feat',
      _BASE_BRANCH: 'main',
      REPO_FULL_NAME: 'acme/web',
      _HEAD_REPO_URL: 'https://github.com/acme/web',
    });
    expect(ctx).toMatchObject({ prNumber: 5, headSha: SHA, headRef: 'feat', baseRef: 'main', isFork: false });
    expect(ctx.runUrl).toBe(
      'https://console.cloud.google.com/cloud-build/builds;region=europe-west1/b-1?project=my-project',
    );
  });

  it('reads Buildkite and CircleCI pull requests', () => {
    const bk = preview({
      BUILDKITE: 'true',
      BUILDKITE_PULL_REQUEST: '3',
      BUILDKITE_COMMIT: SHA,
      BUILDKITE_BRANCH: 'feat',
      BUILDKITE_REPO: 'git@github.com:acme/web.git',
      BUILDKITE_PULL_REQUEST_REPO: 'https://github.com/someone/web.git',
    });
    expect(bk).toMatchObject({
      prNumber: 3,
      headSha: SHA,
      repo: { owner: 'acme', repo: 'web' },
      isFork: true,
    });
    const circle = preview({
      CIRCLECI: 'true',
      CIRCLE_PULL_REQUEST: 'https://github.com/acme/web/pull/11',
      CIRCLE_SHA1: SHA,
      CIRCLE_BRANCH: 'feat',
      CIRCLE_PROJECT_USERNAME: 'acme',
      CIRCLE_PROJECT_REPONAME: 'web',
    });
    expect(circle).toMatchObject({
      prNumber: 11,
      headSha: SHA,
      isFork: false,
      serverUrl: 'https://github.com',
    });
    expect(() =>
      preview({ BUILDKITE: 'true', BUILDKITE_PULL_REQUEST: 'false', BUILDKITE_COMMIT: SHA }),
    ).toThrow(
      'preview needs a pull request: give --pr or GCP_DEPLOY_PR; Buildkite gives none here (BUILDKITE_PULL_REQUEST is unset',
    );
  });

  it('uses the action reader on GitHub Actions, flags over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-ctx-'));
    const path = join(dir, 'event.json');
    writeFileSync(
      path,
      JSON.stringify({
        action: 'opened',
        pull_request: {
          number: 4,
          head: { sha: SHA, ref: 'feat', repo: { full_name: 'acme/web' } },
          base: { ref: 'main', repo: { full_name: 'acme/web' } },
        },
      }),
    );
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_PATH: path,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_SHA: 'c'.repeat(40),
    };
    expect(preview(env)).toMatchObject({
      eventName: 'pull_request',
      action: 'opened',
      prNumber: 4,
      headSha: SHA,
      headRef: 'feat',
    });
    expect(preview(env, { pr: '8' }).prNumber).toBe(8);
  });

  it('refuses a malformed PR or commit, a missing commit, and GitHub reporting without a repository', () => {
    expect(() => preview({}, { pr: '7x', sha: SHA })).toThrow(`Input '--pr': got "7x"`);
    expect(() => preview({}, { pr: '7', sha: 'HEAD' })).toThrow(`Input '--sha': got "head"`);
    expect(() => preview({}, { pr: '7' })).toThrow(
      'preview needs the commit it previews: give --sha or GCP_DEPLOY_SHA.',
    );
    expect(() => preview({}, { pr: '7', sha: SHA }, true)).toThrow(`Input '--github-repository': got ""`);
    expect(() =>
      preview(
        { GITLAB_CI: 'true', CI_MERGE_REQUEST_IID: '1', CI_COMMIT_SHA: SHA, CI_PROJECT_PATH: 'g/s/web' },
        {},
        true,
      ),
    ).toThrow(`Input '--github-repository': got "g/s/web"`);
    // Cleanup and rollback need no commit; a promotion from promote_from needs none either.
    expect(
      cliEventContext({
        command: 'rollback',
        flags: {},
        env: {},
        reportsToGitHub: false,
        hasPromoteFrom: false,
      }).headSha,
    ).toBe('');
    expect(() =>
      cliEventContext({
        command: 'promote',
        flags: {},
        env: {},
        reportsToGitHub: false,
        hasPromoteFrom: true,
      }),
    ).not.toThrow();
  });

  it('reads owner/name from git URLs', () => {
    expect(slugFromGitUrl('git@github.com:acme/web.git')).toEqual({ host: 'github.com', slug: 'acme/web' });
    expect(slugFromGitUrl('https://gitlab.example:8443/g/s/web.git')).toEqual({
      host: 'gitlab.example',
      slug: 'g/s/web',
    });
  });
});
