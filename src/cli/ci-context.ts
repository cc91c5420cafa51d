/**
 * The event a CLI run describes, in the action's own EventContext shape: flags (or GCP_DEPLOY_* variables)
 * first, then what the CI system running the CLI says about its pull or merge request. Pure: it reads only
 * the environment it is given (and, on GitHub Actions, the event payload the runner wrote).
 */
import { UserError } from '../config/user-error.js';
import { readEventContext, type EventContext } from '../github/event-context.js';
import type { ActionCommand } from './args.js';
import { envOf, flagOf, type EventFlag } from './inputs.js';

/** What one CI system's documented variables say about the run. */
export interface CiFacts {
  system: string;
  /** The variable that carries the PR number there, named in the error when it is missing. */
  prVariable: string;
  prNumber?: string;
  headSha?: string;
  headRef?: string;
  baseRef?: string;
  prTitle?: string;
  /** owner/name, or group/subgroup/name on GitLab. */
  repoSlug?: string;
  serverUrl?: string;
  runUrl?: string;
  isFork?: boolean;
  actor?: string;
  tagName?: string;
}

type Env = NodeJS.ProcessEnv;
const val = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** `git@github.com:acme/web.git`, `https://github.com/acme/web.git` -> host and `acme/web`. */
export function slugFromGitUrl(url: string | undefined): { host?: string; slug?: string } {
  if (url === undefined) return {};
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(url);
  return m === null ? {} : { host: m[1], slug: m[2] };
}

const systems: { detect: (env: Env) => boolean; facts: (env: Env) => CiFacts }[] = [
  {
    // https://docs.gitlab.com/ci/variables/predefined_variables/ (merge request pipelines)
    detect: (env) => env.GITLAB_CI === 'true',
    facts: (env) => {
      const source = val(env, 'CI_MERGE_REQUEST_SOURCE_PROJECT_ID');
      const target = val(env, 'CI_MERGE_REQUEST_PROJECT_ID');
      return {
        system: 'GitLab CI',
        prVariable: 'CI_MERGE_REQUEST_IID',
        prNumber: val(env, 'CI_MERGE_REQUEST_IID'),
        // In merged-results pipelines CI_COMMIT_SHA is the merge commit; the preview is of the MR's head.
        headSha: val(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA') ?? val(env, 'CI_COMMIT_SHA'),
        headRef: val(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME') ?? val(env, 'CI_COMMIT_REF_NAME'),
        baseRef: val(env, 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME'),
        prTitle: val(env, 'CI_MERGE_REQUEST_TITLE'),
        repoSlug: val(env, 'CI_PROJECT_PATH'),
        serverUrl: val(env, 'CI_SERVER_URL'),
        runUrl: val(env, 'CI_JOB_URL') ?? val(env, 'CI_PIPELINE_URL'),
        isFork: source !== undefined && target !== undefined && source !== target,
        actor: val(env, 'GITLAB_USER_LOGIN'),
        tagName: val(env, 'CI_COMMIT_TAG'),
      };
    },
  },
  {
    // https://cloud.google.com/build/docs/configuring-builds/substitute-variable-values: substitutions
    // reach a step's environment with `options: automapSubstitutions: true` (or the step's `env`).
    detect: (env) =>
      val(env, '_PR_NUMBER') !== undefined ||
      (val(env, 'BUILD_ID') !== undefined &&
        val(env, 'PROJECT_ID') !== undefined &&
        (val(env, 'PROJECT_NUMBER') ?? val(env, 'TRIGGER_NAME')) !== undefined),
    facts: (env) => {
      const repo = val(env, 'REPO_FULL_NAME');
      const head = slugFromGitUrl(val(env, '_HEAD_REPO_URL')).slug;
      const build = val(env, 'BUILD_ID');
      const location = val(env, 'LOCATION') ?? 'global';
      return {
        system: 'Cloud Build',
        prVariable: '_PR_NUMBER',
        prNumber: val(env, '_PR_NUMBER'),
        headSha: val(env, 'COMMIT_SHA'),
        headRef: val(env, '_HEAD_BRANCH') ?? val(env, 'BRANCH_NAME'),
        baseRef: val(env, '_BASE_BRANCH'),
        repoSlug: repo,
        runUrl:
          build === undefined
            ? undefined
            : `https://console.cloud.google.com/cloud-build/builds;region=${location}/${build}?project=${val(env, 'PROJECT_ID') ?? ''}`,
        isFork: head !== undefined && repo !== undefined && head.toLowerCase() !== repo.toLowerCase(),
        tagName: val(env, 'TAG_NAME'),
      };
    },
  },
  {
    // https://buildkite.com/docs/pipelines/configure/environment-variables
    detect: (env) => env.BUILDKITE === 'true',
    facts: (env) => {
      const pr = val(env, 'BUILDKITE_PULL_REQUEST');
      const repo = slugFromGitUrl(val(env, 'BUILDKITE_REPO'));
      const prRepo = slugFromGitUrl(val(env, 'BUILDKITE_PULL_REQUEST_REPO')).slug;
      return {
        system: 'Buildkite',
        prVariable: 'BUILDKITE_PULL_REQUEST',
        prNumber: pr === 'false' ? undefined : pr,
        headSha: val(env, 'BUILDKITE_COMMIT'),
        headRef: val(env, 'BUILDKITE_BRANCH'),
        baseRef: val(env, 'BUILDKITE_PULL_REQUEST_BASE_BRANCH'),
        repoSlug: repo.slug,
        serverUrl: repo.host === undefined ? undefined : `https://${repo.host}`,
        runUrl: val(env, 'BUILDKITE_BUILD_URL'),
        isFork:
          prRepo !== undefined && repo.slug !== undefined && prRepo.toLowerCase() !== repo.slug.toLowerCase(),
        actor: val(env, 'BUILDKITE_BUILD_CREATOR'),
        tagName: val(env, 'BUILDKITE_TAG'),
      };
    },
  },
  {
    // https://circleci.com/docs/reference/variables/
    detect: (env) => env.CIRCLECI === 'true',
    facts: (env) => {
      const prUrl = val(env, 'CIRCLE_PULL_REQUEST');
      const owner = val(env, 'CIRCLE_PROJECT_USERNAME');
      const name = val(env, 'CIRCLE_PROJECT_REPONAME');
      const forkOwner = val(env, 'CIRCLE_PR_USERNAME');
      const host = prUrl === undefined ? undefined : /^(https?:\/\/[^/]+)\//.exec(prUrl)?.[1];
      return {
        system: 'CircleCI',
        prVariable: 'CIRCLE_PULL_REQUEST',
        prNumber: val(env, 'CIRCLE_PR_NUMBER') ?? /\/pull\/(\d+)\/?$/.exec(prUrl ?? '')?.[1],
        headSha: val(env, 'CIRCLE_SHA1'),
        headRef: val(env, 'CIRCLE_BRANCH'),
        repoSlug: owner !== undefined && name !== undefined ? `${owner}/${name}` : undefined,
        serverUrl: host,
        runUrl: val(env, 'CIRCLE_BUILD_URL'),
        // Set only on PRs from forks.
        isFork: forkOwner !== undefined && forkOwner !== owner,
        actor: val(env, 'CIRCLE_USERNAME'),
        tagName: val(env, 'CIRCLE_TAG'),
      };
    },
  },
];

/** The facts of the CI system this environment belongs to (not GitHub Actions, read separately), if any. */
export function ciFacts(env: Env): CiFacts | undefined {
  return systems.find((s) => s.detect(env))?.facts(env);
}

const onGitHubActions = (env: Env): boolean =>
  env.GITHUB_ACTIONS === 'true' && val(env, 'GITHUB_EVENT_PATH') !== undefined;

/** What the event is made of: the flag, else its GCP_DEPLOY_* variable. */
function eventValue(
  flags: Partial<Record<EventFlag, string>>,
  env: Env,
  name: EventFlag,
): string | undefined {
  const v = (flags[name] ?? env[envOf(name)])?.trim();
  return v === undefined || v === '' ? undefined : v;
}

const where = (name: EventFlag): string => `${flagOf(name)} or ${envOf(name)}`;

export interface CliEventOptions {
  command: ActionCommand;
  flags: Partial<Record<EventFlag, string>>;
  env: Env;
  /** Reports go to GitHub: a GitHub repository must be known. */
  reportsToGitHub: boolean;
  /** promote_from is set, so a promotion needs no commit. */
  hasPromoteFrom: boolean;
}

/** Builds the EventContext of a CLI run; throws UserError naming the flag for what is missing or malformed. */
export function cliEventContext(o: CliEventOptions): EventContext {
  const { env } = o;
  const flag = (name: EventFlag): string | undefined => eventValue(o.flags, env, name);
  const github = onGitHubActions(env) ? readEventContext(env) : undefined;
  const facts = github === undefined ? ciFacts(env) : undefined;

  const prText = flag('pr') ?? (github?.prNumber !== undefined ? String(github.prNumber) : facts?.prNumber);
  if (prText !== undefined && !/^[1-9]\d{0,9}$/.test(prText)) {
    throw UserError.forInput(flagOf('pr'), prText, 'allowed: a pull or merge request number such as 42');
  }
  const prNumber = prText === undefined ? undefined : Number(prText);
  const needsPr = o.command === 'preview';
  if (needsPr && prNumber === undefined) {
    const why =
      github !== undefined
        ? `the GitHub Actions event '${github.eventName}' carries no pull request`
        : facts !== undefined
          ? `${facts.system} gives none here (${facts.prVariable} is unset: is this a merge or pull request pipeline?)`
          : 'no CI system that names one was recognised (GitHub Actions, GitLab CI, Cloud Build, Buildkite, CircleCI)';
    throw new UserError(`${o.command} needs a pull request: give ${where('pr')}; ${why}.`, 'pr');
  }

  const sha = (flag('sha') ?? github?.headSha ?? facts?.headSha ?? '').toLowerCase();
  if (sha !== '' && !/^[0-9a-f]{7,64}$/.test(sha)) {
    throw UserError.forInput(flagOf('sha'), sha, 'allowed: a commit SHA of 7 to 64 hexadecimal characters');
  }
  if (sha === '' && (o.command === 'preview' || (o.command === 'promote' && !o.hasPromoteFrom))) {
    const what =
      o.command === 'preview' ? 'the commit it previews' : 'the commit to promote (or promote_from)';
    const from = facts === undefined ? '' : `; ${facts.system} gives none here`;
    throw new UserError(`${o.command} needs ${what}: give ${where('sha')}${from}.`, 'sha');
  }

  const slug = flag('github_repository') ?? val(env, 'GITHUB_REPOSITORY') ?? facts?.repoSlug;
  const repo = parseSlug(slug);
  if (o.reportsToGitHub && (repo === undefined || repo.owner.includes('/'))) {
    throw UserError.forInput(
      flagOf('github_repository'),
      slug ?? '',
      `allowed: the GitHub repository as owner/name (${where('github_repository')}), needed because github_token is set`,
    );
  }

  const ctx: EventContext = github ?? {
    eventName: prNumber !== undefined ? 'pull_request' : 'workflow_dispatch',
    repo: repo ?? { owner: 'local', repo: 'local' },
    headSha: sha,
    isFork: facts?.isFork ?? false,
    runUrl: facts?.runUrl ?? '',
    serverUrl: (facts?.serverUrl ?? 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (val(env, 'GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/+$/, ''),
  };
  ctx.headSha = sha;
  if (repo !== undefined) ctx.repo = repo;
  if (prNumber !== undefined) ctx.prNumber = prNumber;
  const set = (key: 'headRef' | 'baseRef' | 'prTitle' | 'actor' | 'tagName', v: string | undefined): void => {
    if (v !== undefined) ctx[key] = v;
  };
  set('headRef', flag('branch') ?? facts?.headRef);
  set('baseRef', flag('base') ?? facts?.baseRef);
  set('prTitle', flag('title') ?? facts?.prTitle);
  set('actor', facts?.actor);
  set('tagName', facts?.tagName);
  return ctx;
}

/** `owner/name` (or `group/sub/name`: the owner keeps the groups) -> the EventContext repo. */
function parseSlug(slug: string | undefined): EventContext['repo'] | undefined {
  if (slug === undefined) return undefined;
  const m = /^([^\s]+)\/([^/\s]+)$/.exec(slug.replace(/\/+$/, ''));
  return m === null ? undefined : { owner: m[1] ?? '', repo: m[2] ?? '' };
}
