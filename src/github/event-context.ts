/**
 * The workflow event as plain data, read from the runner's GITHUB_* variables and the event payload file
 * at call time (not @actions/github's context, which is built once at import), and the command it implies.
 */
import { readFileSync } from 'node:fs';
import { UserError, errorMessage } from '../config/user-error.js';
import type { RenderContext } from '../report/markdown-report.js';
import { workflowRunFacts, type WorkflowRunFacts } from './workflow-run-event.js';

export interface EventContext {
  eventName: string;
  action?: string;
  repo: { owner: string; repo: string };
  prNumber?: number;
  headSha: string;
  headRef?: string;
  baseRef?: string;
  /** The PR's base commit (compare: candidate compares with its candidate). */
  baseSha?: string;
  prTitle?: string;
  /** The PR's head lives in another repository (or in one that was deleted). */
  isFork: boolean;
  /** From a refs/tags/* push, a release, or a workflow_dispatch input `tag`. */
  tagName?: string;
  /** A push to the repository's default branch (`repository.default_branch`): a release candidate. */
  defaultBranchPush?: boolean;
  runUrl: string;
  serverUrl: string;
  apiUrl: string;
  actor?: string;
  /** Set by the opt-in gate (commands/opt-in.ts) when a cleanup is not a PR's close: the comment says why. */
  removedWhy?: string;
  /** A workflow_run event: the finished run it describes (checked through the API before use). */
  workflowRun?: WorkflowRunFacts;
}

/** What the comment and summary renderers take from the event: the PR's text and the repository's URL. */
export function renderContextFor(ctx: EventContext): RenderContext {
  return {
    headRef: ctx.headRef,
    prTitle: ctx.prTitle,
    repoUrl: `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}`,
  };
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readPayload(path: string | undefined): Json {
  if (path === undefined || path === '') return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`GITHUB_EVENT_PATH: cannot read the event payload at ${path}: ${errorMessage(err)}.`);
  }
  try {
    return obj(JSON.parse(text)) ?? {};
  } catch (err) {
    throw new UserError(`GITHUB_EVENT_PATH: the event payload at ${path} is not JSON: ${errorMessage(err)}.`);
  }
}

function parseRepository(value: string | undefined, payload: Json): { owner: string; repo: string } {
  const fromEnv = value ?? str(obj(payload.repository)?.full_name);
  const match = fromEnv === undefined ? null : /^([^/\s]+)\/([^/\s]+)$/.exec(fromEnv);
  if (match === null) {
    throw new UserError(
      `GITHUB_REPOSITORY: got ${JSON.stringify(fromEnv ?? '')}; expected owner/name (set by the Actions runner).`,
    );
  }
  return { owner: match[1], repo: match[2] };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Reads the event from GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF and the URLs. */
export function readEventContext(env: NodeJS.ProcessEnv): EventContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repo = parseRepository(str(env.GITHUB_REPOSITORY), payload);
  const serverUrl = trimSlash(str(env.GITHUB_SERVER_URL) ?? 'https://github.com');
  const apiUrl = trimSlash(str(env.GITHUB_API_URL) ?? 'https://api.github.com');
  const runId = str(env.GITHUB_RUN_ID);
  const attempt = str(env.GITHUB_RUN_ATTEMPT);
  const base = `${serverUrl}/${repo.owner}/${repo.repo}/actions`;
  const runUrl =
    runId === undefined
      ? base
      : `${base}/runs/${runId}${attempt !== undefined && attempt !== '1' ? `/attempts/${attempt}` : ''}`;

  const ctx: EventContext = {
    eventName,
    repo,
    headSha: str(env.GITHUB_SHA) ?? '',
    isFork: false,
    runUrl,
    serverUrl,
    apiUrl,
  };
  const action = str(payload.action);
  if (action !== undefined) ctx.action = action;
  const actor = str(env.GITHUB_ACTOR) ?? str(obj(payload.sender)?.login);
  if (actor !== undefined) ctx.actor = actor;

  const pr = obj(payload.pull_request);
  if (pr !== undefined) {
    const head = obj(pr.head);
    const baseRef = obj(pr.base);
    if (typeof pr.number === 'number') ctx.prNumber = pr.number;
    else if (typeof payload.number === 'number') ctx.prNumber = payload.number;
    // On pull_request events GITHUB_SHA is the test merge commit; the preview is of the PR's head.
    const headSha = str(head?.sha);
    if (headSha !== undefined) ctx.headSha = headSha;
    const headRef = str(head?.ref);
    if (headRef !== undefined) ctx.headRef = headRef;
    const baseName = str(baseRef?.ref);
    if (baseName !== undefined) ctx.baseRef = baseName;
    const baseSha = str(baseRef?.sha);
    if (baseSha !== undefined) ctx.baseSha = baseSha;
    const title = str(pr.title);
    if (title !== undefined) ctx.prTitle = title;
    const headRepo = obj(head?.repo);
    const baseRepo = obj(baseRef?.repo);
    // A deleted fork leaves head.repo null: treat it as a fork, never as trusted.
    ctx.isFork =
      headRepo === undefined ||
      (str(headRepo.full_name) ?? '') !== (str(baseRepo?.full_name) ?? `${repo.owner}/${repo.repo}`);
  }

  const run = eventName === 'workflow_run' ? workflowRunFacts(payload) : undefined;
  if (run !== undefined) {
    // The run's head, not this run's (the default branch): what a fork's build made. Fork until proven not.
    ctx.workflowRun = run;
    ctx.headSha = run.headSha;
    if (run.headBranch !== undefined) ctx.headRef = run.headBranch;
    if (run.pullRequests.length === 1) ctx.prNumber = run.pullRequests[0];
    ctx.isFork = run.headRepository !== `${repo.owner}/${repo.repo}`;
  }

  const ref = str(env.GITHUB_REF) ?? '';
  const tag =
    (ref.startsWith('refs/tags/') ? str(ref.slice('refs/tags/'.length)) : undefined) ??
    str(obj(payload.release)?.tag_name) ??
    str(obj(payload.inputs)?.tag);
  if (tag !== undefined) ctx.tagName = tag;
  const defaultBranch = str(obj(payload.repository)?.default_branch);
  if (ctx.eventName === 'push' && defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`)
    ctx.defaultBranchPush = true;
  return ctx;
}

/** The command an event implies when `command: auto`; null when it implies none. */
export function commandForEvent(ctx: EventContext): 'preview' | 'promote' | 'cleanup' | 'candidate' | null {
  switch (ctx.eventName) {
    case 'pull_request':
    case 'pull_request_target':
      if (ctx.action === 'closed') return 'cleanup';
      if (ctx.action === 'opened' || ctx.action === 'synchronize' || ctx.action === 'reopened')
        return 'preview';
      return null;
    case 'push':
      if (ctx.tagName !== undefined) return 'promote';
      return ctx.defaultBranchPush === true ? 'candidate' : null;
    case 'release':
      return ctx.action === 'published' && ctx.tagName !== undefined ? 'promote' : null;
    case 'workflow_dispatch':
      return ctx.tagName !== undefined ? 'promote' : null;
    default:
      return null;
  }
}
