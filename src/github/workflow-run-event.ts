/**
 * The `workflow_run` event: a privileged run started when a fork PR's unprivileged build finished. Its
 * payload describes the other run, partly in the fork's words (branch name, title), so it only says which
 * run to ask the API about; fork-preview.ts checks the run and the PR through the API before trusting it.
 */
type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What a workflow_run payload says about the finished run. */
export interface WorkflowRunFacts {
  runId: number;
  /** The event that started the finished run (`pull_request` for a fork's build). */
  event: string;
  conclusion?: string;
  headSha: string;
  headBranch?: string;
  /** owner/name of the repository the run's head commit came from. */
  headRepository?: string;
  /** The PRs GitHub lists for the run; empty for forks' PRs, whose head is in another repository. */
  pullRequests: number[];
}

/** The facts of a workflow_run payload, or undefined when it carries no run. */
export function workflowRunFacts(payload: Json): WorkflowRunFacts | undefined {
  const run = obj(payload.workflow_run);
  if (run === undefined || typeof run.id !== 'number') return undefined;
  const prs = Array.isArray(run.pull_requests) ? run.pull_requests : [];
  const facts: WorkflowRunFacts = {
    runId: run.id,
    event: str(run.event) ?? '',
    headSha: str(run.head_sha) ?? '',
    pullRequests: prs.flatMap((p) => {
      const n = obj(p)?.number;
      return typeof n === 'number' ? [n] : [];
    }),
  };
  const conclusion = str(run.conclusion);
  if (conclusion !== undefined) facts.conclusion = conclusion;
  const branch = str(run.head_branch);
  if (branch !== undefined) facts.headBranch = branch;
  const headRepo = str(obj(run.head_repository)?.full_name);
  if (headRepo !== undefined) facts.headRepository = headRepo;
  return facts;
}
