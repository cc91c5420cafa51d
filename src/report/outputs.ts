import { redact } from './redaction.js';
import type { RunReport } from './run-report.js';
import { frontMember, type EnvironmentReport } from './environment-report.js';

/** The `metrics` output: health, smoke metrics and phase durations as one JSON object. */
export function metricsJson(report: RunReport): string {
  return JSON.stringify({
    phases: Object.fromEntries(report.phases.map((p) => [p.phase, p.durationMs])),
    health: report.health
      ? {
          ok: report.health.ok,
          attempts: report.health.attempts,
          time_to_healthy_ms: report.health.timeToHealthyMs,
        }
      : null,
    smoke: report.smoke
      ? { ok: report.smoke.ok, aborted: report.smoke.aborted, metrics: report.smoke.metrics }
      : null,
  });
}

/** The action's outputs by name, as the action publishes them (and the CLI prints them with --json). */
export function actionOutputs(report: RunReport): Record<string, string> {
  const outputs: Record<string, string> = {
    url: report.url ?? '',
    tag: report.tag ?? '',
    revision: report.revision ?? '',
    image: report.image ?? '',
    digest: report.digest ?? '',
    previous_revision: report.previousRevision ?? '',
    result: report.result ?? '',
    metrics: metricsJson(report),
  };
  return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, redact(value)]));
}

/**
 * An environment's outputs: `result`, `urls` (service -> preview URL, JSON) and, for the single-service
 * outputs, those of the service nothing else needs that comes last (the front, usually).
 */
export function environmentOutputs(env: EnvironmentReport): Record<string, string> {
  const front = frontMember(env.members);
  const base = front === undefined ? {} : actionOutputs(front.report);
  const urls = Object.fromEntries(env.members.map((m) => [m.name, m.report.url ?? '']));
  const revisions = Object.fromEntries(env.members.map((m) => [m.name, m.report.revision ?? '']));
  const stages = Object.fromEntries(env.members.map((m) => [m.name, m.stage]));
  const outputs = {
    ...base,
    result: env.result ?? '',
    urls: JSON.stringify(urls),
    revisions: JSON.stringify(revisions),
    stages: JSON.stringify(stages),
  };
  return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, redact(value)]));
}

/** The run's outputs by name: a single service's own, an environment's with its services' maps. */
export function runOutputs(run: EnvironmentReport): Record<string, string> {
  const only = run.members[0];
  return run.single === true && only !== undefined ? actionOutputs(only.report) : environmentOutputs(run);
}
