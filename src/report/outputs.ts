import * as core from '@actions/core';
import { redact } from './redaction.js';
import type { RunReport } from './run-report.js';

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

/** Publishes the action's outputs from the report. */
export function writeOutputs(report: RunReport): void {
  const set = (name: string, value: string | undefined): void => core.setOutput(name, redact(value ?? ''));
  set('url', report.url);
  set('tag', report.tag);
  set('revision', report.revision);
  set('image', report.image);
  set('digest', report.digest);
  set('previous_revision', report.previousRevision);
  set('result', report.result);
  set('metrics', metricsJson(report));
}
