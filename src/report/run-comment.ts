/**
 * The one entry that says what a run shows on GitHub, whatever it covers: its PR comment (marker and body),
 * its job summary, its deployment's link and description, and its commit status's name. An environment of
 * one made from the `service` input (`single`) shows as a single service always has: the service's marker
 * and comment, its URL, its name; anything else (an environment file, even of one member) as the
 * environment. Pure: the reporters and the run's tail do the writing.
 */
import type { EnvironmentReport } from './environment-report.js';
import {
  environmentMarker,
  primaryUrl,
  renderEnvironmentComment,
  renderEnvironmentSummary,
} from './environment-markdown.js';
import { commentMarker, nextHistory, renderStickyComment, type CommentState } from './markdown-comment.js';
import { renderJobSummary, type RenderContext } from './markdown-report.js';
import type { RunReport, RunState } from './run-report.js';

/** The service of a single-service run; undefined for an environment. */
function alone(run: EnvironmentReport): { name: string; report: RunReport } | undefined {
  const only = run.members[0];
  return run.single === true && only !== undefined ? only : undefined;
}

/** The marker the run's sticky comment opens with (found and updated in place by it). */
export function runMarker(run: EnvironmentReport): string {
  const one = alone(run);
  return one !== undefined ? commentMarker(one.name) : environmentMarker(run.name);
}

/** The run's PR comment; `previous` is what the comment said before (its history), null for a new one. */
export function renderRunComment(input: {
  run: EnvironmentReport;
  previous: CommentState | null;
  ctx?: RenderContext;
  /** The environment's front service (its URL is the deployment's link). */
  primary?: string;
}): string {
  const { run, previous, ctx } = input;
  const one = alone(run);
  if (one !== undefined) {
    const history = nextHistory(previous, one.report);
    return renderStickyComment({ service: one.name, report: one.report, history, ctx });
  }
  const history = nextHistory(previous, run);
  return renderEnvironmentComment({ env: run, history, ctx, primary: input.primary });
}

/** The run's job summary: the same tables as its comment. */
export function renderRunSummary(run: EnvironmentReport, ctx: RenderContext = {}): string {
  const one = alone(run);
  return one !== undefined ? renderJobSummary(one.report, ctx) : renderEnvironmentSummary(run, ctx);
}

/** Each failed threshold of the run, by service (a single service's lines name no service). */
export function failedThresholds(run: EnvironmentReport): string[] {
  const prefix = (name: string): string => (alone(run) !== undefined ? '' : `${name}: `);
  return run.members.flatMap((m) =>
    (m.report.smoke?.thresholds ?? [])
      .filter((t) => !t.ok)
      .map((t) => `${prefix(m.name)}${t.metric}: ${t.expression} failed (measured ${t.actual ?? 'n/a'})`),
  );
}

/** What the run's GitHub deployment links and says, and what its commit status is named and carries. */
export function runLink(
  run: EnvironmentReport,
  primary?: string,
): {
  url: string | undefined;
  state: RunState;
  description: string;
  status: Pick<RunReport, 'command' | 'state' | 'tag' | 'url' | 'failureReason' | 'commitSha'>;
  name: string;
} {
  const one = alone(run);
  if (one !== undefined) {
    const { report } = one;
    return {
      url: report.url,
      state: report.state,
      description: `gcp-deploy ${report.command} of ${one.name}`,
      status: report,
      name: one.name,
    };
  }
  const url = primaryUrl(run, primary);
  return {
    url,
    state: run.state,
    description: `gcp-deploy ${run.command} of ${run.name} (${run.members.length} services)`,
    status: { ...run, url },
    name: run.name,
  };
}
