/**
 * What one run did to an environment of several services: each service keeps its own RunReport (the shape a
 * single-service run fills in), plus where it stands in the environment's run. No I/O here.
 */
import type { Command, RunReport, RunResult, RunState } from './run-report.js';

/**
 * One service's place in an environment run. `waiting`: built, its deploy waits for what it needs;
 * `reused`: unchanged since its last passing preview, neither rebuilt nor redeployed; `restored`: it passed,
 * but another service failed, so its tag went back to its last good revision (all or nothing).
 */
export const SERVICE_STAGES = [
  'queued',
  'building',
  'pushing',
  'waiting',
  'deploying',
  'ready',
  'checking',
  'passed',
  'reused',
  'failed',
  'rolled-back',
  'restored',
  'skipped',
  'cancelled',
  'removed',
  'promoted',
] as const;
export type ServiceStage = (typeof SERVICE_STAGES)[number];

export interface EnvironmentMember {
  /** The Cloud Run service (the key in the environment file). */
  name: string;
  /** Services whose previews this one waits for (their URLs reach it as `<NAME>_URL`). */
  needs: string[];
  stage: ServiceStage;
  report: RunReport;
}

export interface EnvironmentReport {
  /** The environment's name (the file's `name`, else the file's base name; the service's, for one service). */
  name: string;
  /**
   * A run of one service (the `service` input): an environment of one member that reports, renders and
   * outputs as a single service always has. An environment file with one member is not `single`.
   */
  single?: boolean;
  command: Command;
  /** The environment as a whole: ready only when every member passed. */
  state: RunState;
  result?: RunResult;
  tag?: string;
  prNumber?: number;
  commitSha?: string;
  runUrl?: string;
  /** In dependency order: a service comes after everything it needs. */
  members: EnvironmentMember[];
  /** Why the environment failed, naming the service that did (untrusted text may be inside). */
  failureReason?: string;
  notes: string[];
  startedAt: string;
}

/**
 * The service the environment is visited through: the last one in dependency order that nothing else
 * needs (the front, usually). Its URL is the run's `url` output and the deployment's link.
 */
export function frontMember<M extends { name: string; needs: string[] }>(
  members: readonly M[],
): M | undefined {
  const needed = new Set(members.flatMap((m) => m.needs));
  return members.filter((m) => !needed.has(m.name)).at(-1) ?? members.at(-1);
}

/** One service's run seen as an environment of one (the `service` input): the shape every run reports in. */
export function environmentOfOne(report: RunReport, stage: ServiceStage): EnvironmentReport {
  return {
    name: report.service,
    single: true,
    command: report.command,
    state: report.state,
    ...(report.result !== undefined ? { result: report.result } : {}),
    ...(report.tag !== undefined ? { tag: report.tag } : {}),
    ...(report.prNumber !== undefined ? { prNumber: report.prNumber } : {}),
    ...(report.commitSha !== undefined ? { commitSha: report.commitSha } : {}),
    ...(report.runUrl !== undefined ? { runUrl: report.runUrl } : {}),
    members: [{ name: report.service, needs: [], stage, report }],
    notes: [],
    startedAt: new Date().toISOString(),
  };
}
