/**
 * A GitHub REST fake on loopback that keeps state (comments, deployments, statuses) and checks every request
 * against GitHub's OpenAPI description; a request the real API would reject is answered 422/404 and recorded
 * as a violation, so tests fail on it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signJwt } from '../../src/emulator/jwt.js';
import { GitHubOpenApi } from './github-openapi.js';

/** The run a job's OIDC token describes (GitHub's token claims of the same names). */
export interface JobClaims {
  repository: string;
  ref: string;
  sha: string;
  event_name: string;
  /** owner/repo/.github/workflows/file.yml@ref */
  job_workflow_ref: string;
  actor?: string;
  run_id?: string;
  /** The job's environment, when it has one (it changes the subject). */
  environment?: string;
}

/** GitHub Actions' OIDC provider as a job sees it: ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN. */
export interface FakeOidc {
  issuer: string;
  /** The provider's signing keys as a JWKS document (what a workload identity provider's jwksJson holds). */
  jwksJson: string;
  /** Starts a job: the request URL and token the runner hands it; tokens it asks for carry these claims. */
  startJob(claims: JobClaims): {
    ACTIONS_ID_TOKEN_REQUEST_URL: string;
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: string;
  };
  /** Tokens handed out: their audience and subject, oldest first. */
  issued: { aud: string; sub: string }[];
}

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}
export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
  updates: number;
}
export interface FakeDeployment {
  id: number;
  ref: string;
  environment: string;
  transient_environment: boolean;
  production_environment: boolean;
  statuses: { state: string; environment_url?: string; log_url?: string }[];
}
export interface FakeCommitStatus {
  sha: string;
  state: string;
  context: string;
  description?: string;
  target_url?: string;
}
/** A finished workflow run as GET /actions/runs/{id} answers it (a fork PR's build, say). */
export interface FakeWorkflowRun {
  event: string;
  conclusion: string;
  head_sha: string;
  head_branch: string;
  /** The head repository's full name (a fork's differs from the base's). */
  head_repository: string;
}
export interface FakeRequest {
  method: string;
  path: string;
  operationId?: string;
  body: unknown;
  status: number;
}
type FailureKind = 'permission' | 'secondary-rate-limit';

/** A collaborator's role as GitHub names them (custom roles aside). */
export type FakeRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
export interface FakeReaction {
  commentId: number;
  content: string;
  user: string;
}
/** A PR's head as GET /pulls/{n} answers it. */
export interface FakePullHead {
  sha: string;
  ref: string;
  /** The head repository's full name (a fork's differs from the base's). */
  repo: string;
}

export interface GitHubFake {
  url: string;
  token: string;
  identity: FakeUser;
  comments: FakeComment[];
  deployments: FakeDeployment[];
  /** Commit statuses, oldest first. */
  statuses: FakeCommitStatus[];
  requests: FakeRequest[];
  violations: string[];
  addComment(issue: number, login: string, body: string): FakeComment;
  /** Pull requests the fake knows, by number; others answer 404 like a number GitHub never had. */
  pulls: Map<number, 'open' | 'closed'>;
  /** PR heads by number (pulls/get answers them); a PR without one answers just its state. */
  pullHeads: Map<number, FakePullHead>;
  /** Each PR's labels, by number (add-labels and remove-label change them). */
  labels: Map<number, string[]>;
  /** Collaborators' roles; anyone else is not a collaborator (permission none, as on a private repository). */
  roles: Map<string, FakeRole>;
  reactions: FakeReaction[];
  /** Workflow runs by id (actions/get-workflow-run answers them; re-runs are recorded in `reruns`). */
  workflowRuns: Map<number, FakeWorkflowRun>;
  reruns: number[];
  /** The next `count` requests whose operationId starts with `prefix` fail as GitHub fails them. */
  failNext(prefix: string, count: number, kind: FailureKind): void;
  oidc: FakeOidc;
  stop(): Promise<void>;
}

const OIDC_PATH = '/_actions/oidc/token';
const OIDC_LIFETIME_SEC = 300;

/** The subject GitHub gives a job's token: by environment, pull request, or ref, in that order. */
export function oidcSubject(c: JobClaims): string {
  if (c.environment !== undefined) return `repo:${c.repository}:environment:${c.environment}`;
  if (c.event_name === 'pull_request') return `repo:${c.repository}:pull_request`;
  return `repo:${c.repository}:ref:${c.ref}`;
}

function fakeOidc(
  baseUrl: () => string,
): FakeOidc & { answer(req: IncomingMessage, url: URL): [number, unknown] } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const jobs = new Map<string, JobClaims>();
  const issuer = 'https://token.actions.githubusercontent.com';
  const oidc = {
    issuer,
    jwksJson: JSON.stringify({
      keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
    }),
    issued: [] as { aud: string; sub: string }[],
    startJob(claims: JobClaims) {
      const token = randomBytes(24).toString('hex');
      jobs.set(token, claims);
      return {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${baseUrl()}${OIDC_PATH}?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: token,
      };
    },
    answer(req: IncomingMessage, url: URL): [number, unknown] {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const job = jobs.get(token);
      if (job === undefined) return [401, { message: 'Bad credentials' }];
      const [owner = ''] = job.repository.split('/');
      const aud = url.searchParams.get('audience') ?? `https://github.com/${owner}`;
      const now = Math.floor(Date.now() / 1000);
      const sub = oidcSubject(job);
      oidc.issued.push({ aud, sub });
      const claims = {
        jti: randomBytes(16).toString('hex'),
        sub,
        aud,
        ref: job.ref,
        sha: job.sha,
        repository: job.repository,
        repository_owner: owner,
        run_id: job.run_id ?? '4242',
        actor: job.actor ?? 'octocat',
        event_name: job.event_name,
        ref_type: job.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
        job_workflow_ref: job.job_workflow_ref,
        workflow_ref: job.job_workflow_ref,
        ...(job.environment !== undefined ? { environment: job.environment } : {}),
        iss: issuer,
        nbf: now - 5,
        iat: now,
        exp: now + OIDC_LIFETIME_SEC,
      };
      return [200, { value: signJwt(claims, privateKey, kid) }];
    },
  };
  return oidc;
}

let openApi: GitHubOpenApi | undefined;
const BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/** Starts the fake. `identity: null` behaves like GITHUB_TOKEN: GET /user is refused, comments come from the bot. */
export async function startGitHubFake(opts: { identity?: string | null } = {}): Promise<GitHubFake> {
  openApi ??= new GitHubOpenApi();
  const api = openApi;
  const identity: FakeUser = opts.identity ? { login: opts.identity, id: 1001, type: 'User' } : BOT;
  const failures: { prefix: string; count: number; kind: FailureKind }[] = [];
  let nextId = 1;
  /** When each commit status was stored (ISO, milliseconds): GitHub lists them by it. */
  const statusTimes = new WeakMap<FakeCommitStatus, string>();
  const fake: GitHubFake = {
    url: '',
    token: 'ghs_fake_token_for_tests_only',
    identity,
    comments: [],
    deployments: [],
    statuses: [],
    requests: [],
    violations: [],
    pulls: new Map(),
    pullHeads: new Map(),
    labels: new Map(),
    roles: new Map(),
    reactions: [],
    workflowRuns: new Map(),
    reruns: [],
    addComment(issue, login, body) {
      const c: FakeComment = {
        id: nextId++,
        issue,
        body,
        user: { login, id: 2000 + nextId, type: 'User' },
        updates: 0,
      };
      fake.comments.push(c);
      return c;
    },
    failNext(prefix, count, kind) {
      failures.push({ prefix, count, kind });
    },
    oidc: fakeOidc(() => fake.url),
    stop: async () => new Promise<void>((r) => server.close(() => r())),
  };

  const commentJson = (c: FakeComment): object => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${fake.url}/repos/o/r/issues/comments/${c.id}`,
    html_url: `https://github.example/o/r/pull/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: c.user,
    created_at: '2026-11-23T00:00:00Z',
    updated_at: '2026-11-23T00:00:00Z',
  });

  const handle = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    params: Record<string, string>,
    operationId: string,
  ): [number, unknown, Record<string, string>?] => {
    const b = (body ?? {}) as Record<string, unknown>;
    switch (operationId) {
      case 'users/get-authenticated':
        return opts.identity === null || opts.identity === undefined
          ? [403, { message: 'Resource not accessible by integration' }]
          : [200, identity];
      case 'issues/list-comments': {
        const issue = Number(params.issue_number);
        const perPage = Number(query.get('per_page') ?? 30);
        const page = Number(query.get('page') ?? 1);
        const all = fake.comments.filter((c) => c.issue === issue);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          const next = new URL(`${fake.url}${path}`);
          next.searchParams.set('per_page', String(perPage));
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        return [200, slice.map(commentJson), headers];
      }
      case 'issues/create-comment': {
        const c: FakeComment = {
          id: nextId++,
          issue: Number(params.issue_number),
          body: String(b.body),
          user: identity,
          updates: 0,
        };
        fake.comments.push(c);
        return [201, commentJson(c)];
      }
      case 'issues/get-comment':
      case 'issues/update-comment': {
        const c = fake.comments.find((x) => x.id === Number(params.comment_id));
        if (c === undefined) return [404, { message: 'Not Found' }];
        if (operationId === 'issues/update-comment') {
          if (c.user.login !== identity.login)
            return [403, { message: 'Must have admin rights to Repository.' }];
          c.body = String(b.body);
          c.updates++;
        }
        return [200, commentJson(c)];
      }
      case 'pulls/get': {
        const n = Number(params.pull_number);
        const state = fake.pulls.get(n);
        if (state === undefined) return [404, { message: 'Not Found' }];
        const head = fake.pullHeads.get(n);
        if (head === undefined) return [200, { number: n, state }];
        return [
          200,
          {
            number: n,
            state,
            title: `PR ${n}`,
            labels: (fake.labels.get(n) ?? []).map((name, i) => ({ id: i + 1, name })),
            head: { sha: head.sha, ref: head.ref, repo: { full_name: head.repo } },
            base: { ref: 'main', repo: { full_name: `${params.owner}/${params.repo}` } },
          },
        ];
      }
      case 'repos/get-collaborator-permission-level': {
        const role = fake.roles.get(params.username ?? '');
        if (role === undefined) return [404, { message: `${params.username} is not a user` }];
        // GitHub's `permission` folds maintain into write and triage into read; role_name keeps the role.
        const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
        return [200, { permission, role_name: role, user: { login: params.username } }];
      }
      case 'reactions/create-for-issue-comment': {
        const c = fake.comments.find((x) => x.id === Number(params.comment_id));
        if (c === undefined) return [404, { message: 'Not Found' }];
        fake.reactions.push({ commentId: c.id, content: String(b.content), user: identity.login });
        return [201, { id: nextId++, content: b.content, user: identity }];
      }
      case 'issues/add-labels': {
        const n = Number(params.issue_number);
        const added = Array.isArray(b.labels) ? b.labels.map(String) : [];
        const now = [...new Set([...(fake.labels.get(n) ?? []), ...added])];
        fake.labels.set(n, now);
        return [200, now.map((name, i) => ({ id: i + 1, name }))];
      }
      case 'issues/remove-label': {
        const n = Number(params.issue_number);
        const had = fake.labels.get(n) ?? [];
        if (!had.includes(params.name ?? '')) return [404, { message: 'Label does not exist' }];
        const now = had.filter((l) => l !== params.name);
        fake.labels.set(n, now);
        return [200, now.map((name, i) => ({ id: i + 1, name }))];
      }
      case 'repos/create-deployment': {
        const d: FakeDeployment = {
          id: nextId++,
          ref: String(b.ref),
          environment: typeof b.environment === 'string' ? b.environment : 'production',
          transient_environment: b.transient_environment === true,
          production_environment: b.production_environment === true,
          statuses: [],
        };
        fake.deployments.push(d);
        return [201, { id: d.id, ref: d.ref, environment: d.environment, sha: d.ref }];
      }
      case 'repos/list-deployments': {
        const env = query.get('environment');
        return [
          200,
          fake.deployments
            .filter((d) => env === null || d.environment === env)
            .map((d) => ({ id: d.id, environment: d.environment })),
        ];
      }
      case 'repos/create-deployment-status': {
        const d = fake.deployments.find((x) => x.id === Number(params.deployment_id));
        if (d === undefined) return [404, { message: 'Not Found' }];
        const status = {
          state: String(b.state),
          environment_url: b.environment_url as string | undefined,
          log_url: b.log_url as string | undefined,
        };
        d.statuses.push(status);
        if (status.state === 'success' && b.auto_inactive !== false) {
          // GitHub marks earlier successful deployments of the same environment inactive.
          for (const other of fake.deployments) {
            if (
              other !== d &&
              other.environment === d.environment &&
              other.statuses.at(-1)?.state === 'success'
            ) {
              other.statuses.push({ state: 'inactive' });
            }
          }
        }
        return [201, { id: nextId++, state: status.state }];
      }
      case 'repos/create-commit-status': {
        const status: FakeCommitStatus = {
          sha: params.sha ?? '',
          state: String(b.state),
          context: typeof b.context === 'string' ? b.context : 'default',
          description: b.description as string | undefined,
          target_url: b.target_url as string | undefined,
        };
        statusTimes.set(status, new Date().toISOString());
        fake.statuses.push(status);
        return [201, { id: nextId++, ...status }];
      }
      case 'repos/list-commit-statuses-for-ref': {
        // GitHub lists a commit's statuses newest first.
        const listed = fake.statuses
          .filter((st) => st.sha === params.ref)
          .reverse()
          .map((st, i) => {
            const at = statusTimes.get(st) ?? new Date(0).toISOString();
            return { id: i + 1, ...st, created_at: at, updated_at: at, creator: BOT };
          });
        return [200, listed];
      }
      case 'actions/get-workflow-run': {
        const id = Number(params.run_id);
        const run = fake.workflowRuns.get(id);
        if (run === undefined) return [404, { message: 'Not Found' }];
        return [
          200,
          {
            id,
            event: run.event,
            status: 'completed',
            conclusion: run.conclusion,
            head_sha: run.head_sha,
            head_branch: run.head_branch,
            head_repository: { full_name: run.head_repository },
            // As GitHub answers for a fork's run: no PRs listed.
            pull_requests: [],
          },
        ];
      }
      case 'actions/re-run-workflow': {
        const id = Number(params.run_id);
        if (!fake.workflowRuns.has(id)) return [404, { message: 'Not Found' }];
        fake.reruns.push(id);
        return [201, {}];
      }
      default:
        fake.violations.push(`${method} ${path}: ${operationId} is valid but the fake does not implement it`);
        return [501, { message: 'not implemented by the fake' }];
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', fake.url);
      const method = req.method ?? 'GET';
      if (url.pathname === OIDC_PATH && method === 'GET') {
        // Actions' token service, not the REST API: no OpenAPI operation describes it.
        const [code, answer] = (fake.oidc as ReturnType<typeof fakeOidc>).answer(req, url);
        res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      let status: number;
      let payload: unknown;
      let headers: Record<string, string> = {};
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        fake.violations.push(`${method} ${url.pathname}: body is not JSON`);
      }
      const { op, violations } = api.check(method, url.pathname, body);
      if (
        req.headers.authorization !== `token ${fake.token}` &&
        req.headers.authorization !== `Bearer ${fake.token}`
      ) {
        violations.push(`${method} ${url.pathname}: missing or wrong Authorization header`);
      }
      if (violations.length > 0 || op === undefined) {
        fake.violations.push(...violations);
        status = op === undefined ? 404 : 422;
        payload = { message: 'Validation Failed', errors: violations };
      } else {
        const failure = failures.find((f) => f.count > 0 && op.operationId.startsWith(f.prefix));
        if (failure !== undefined) {
          failure.count--;
          status = 403;
          if (failure.kind === 'permission') {
            payload = { message: 'Resource not accessible by integration' };
          } else {
            payload = {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            };
            headers = { 'retry-after': '1' };
          }
        } else {
          [status, payload, headers = {}] = handle(
            method,
            url.pathname,
            url.searchParams,
            body,
            op.params,
            op.operationId,
          );
        }
      }
      fake.requests.push({ method, path: url.pathname, operationId: op?.operationId, body, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
