import * as core from '@actions/core';
import type { PhaseName, RunReport } from './run-report.js';

let groups = true;

/** Log groups cannot nest or interleave: an environment running services in parallel turns them off. */
export function setPhaseGroups(on: boolean): void {
  groups = on;
}

/** Runs one phase inside a collapsible log group and records its duration and outcome on the report. */
export async function timePhase<T>(report: RunReport, phase: PhaseName, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const run = (f: () => Promise<T>): Promise<T> =>
    groups ? core.group(`${phase}`, f) : (core.info(`${report.service}: ${phase}`), f());
  return run(async () => {
    try {
      const value = await fn();
      report.phases.push({ phase, durationMs: Date.now() - started, ok: true });
      return value;
    } catch (err) {
      report.phases.push({ phase, durationMs: Date.now() - started, ok: false });
      throw err;
    }
  });
}

/**
 * Marks the latest run of `phase` as failed: the call returned, but what it returned is the failure (a
 * revision that never became ready, a health or smoke run that failed), so the phases table shows ❌ there.
 */
export function markPhaseFailed(report: RunReport, phase: PhaseName): void {
  const entry = report.phases.findLast((p) => p.phase === phase);
  if (entry !== undefined) entry.ok = false;
}

/** A fresh report for a run. */
export function newReport(
  init: Pick<RunReport, 'command' | 'service' | 'project' | 'region'> & Partial<RunReport>,
): RunReport {
  return { state: 'deploying', phases: [], notes: [], startedAt: new Date().toISOString(), ...init };
}
