/**
 * Pure Markdown renderers for a RunReport, shared by the sticky PR comment and the job summary so both
 * show the same tables. Every value that could come from a PR or from a server is escaped here.
 */
import { escapeTableCell, escapeText, inlineCode, safeLink } from './markdown.js';
import type { RunReport, RunState, ThresholdOutcome } from './run-report.js';

/** Words (with an emoji) for each state, as the comment's heading and history lines show them. */
export const STATE_LABELS: Record<RunState, string> = {
  building: '🏗️ Building',
  deploying: '🚀 Deploying',
  checking: '🔎 Checking',
  ready: '✅ Ready',
  failed: '❌ Failed',
  'rolled-back': '↩️ Rolled back',
  removed: '🧹 Removed',
  promoted: '🚀 Promoted',
  skipped: '⏭️ Skipped',
  cancelled: '⏹️ Cancelled',
};

/** Context from the event that the report itself does not carry. */
export interface RenderContext {
  headRef?: string;
  prTitle?: string;
}

/** `850 ms`, `12.3 s`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

/** A threshold's measured value in the unit its aggregation implies: rates as percent, trends in ms. */
export function formatMeasured(threshold: ThresholdOutcome): string {
  const value = threshold.actual;
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const aggregation = threshold.expression.trim();
  if (aggregation.startsWith('rate')) return `${(value * 100).toFixed(2)} %`;
  if (aggregation.startsWith('count')) return String(Math.round(value));
  if (/duration|waiting|connecting|blocked|sending|receiving|tls_handshaking/.test(threshold.metric)) {
    return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/** The first 12 hex digits of `sha256:…`, enough to tell images apart at a glance. */
function shortDigest(digest: string): string {
  const match = /^(sha256:)([0-9a-f]{12})[0-9a-f]*$/.exec(digest);
  return match ? `${match[1]}${match[2]}…` : digest;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Key facts: URL, commit, image digest, revision and where the run came from. */
export function renderFactsTable(report: RunReport, ctx: RenderContext = {}): string {
  const rows: string[][] = [];
  if (report.url !== undefined) rows.push(['Preview URL', safeLink(report.url, report.url)]);
  if (report.prNumber !== undefined) {
    const title = ctx.prTitle === undefined ? '' : ` ${escapeTableCell(ctx.prTitle)}`;
    rows.push(['Pull request', `\\#${report.prNumber}${title}`]);
  }
  if (ctx.headRef !== undefined) rows.push(['Branch', inlineCode(ctx.headRef, { inTable: true })]);
  if (report.commitSha !== undefined) rows.push(['Commit', inlineCode(report.commitSha, { inTable: true })]);
  if (report.digest !== undefined)
    rows.push(['Image digest', inlineCode(shortDigest(report.digest), { inTable: true })]);
  if (report.revision !== undefined) rows.push(['Revision', inlineCode(report.revision, { inTable: true })]);
  if (report.previousRevision !== undefined) {
    rows.push(['Previous revision', inlineCode(report.previousRevision, { inTable: true })]);
  }
  if (report.tag !== undefined) rows.push(['Tag', inlineCode(report.tag, { inTable: true })]);
  rows.push([
    'Service',
    `${inlineCode(report.service, { inTable: true })} in ${escapeTableCell(report.region)}`,
  ]);
  return ['| | |', '| --- | --- |', ...rows.map(row)].join('\n');
}

/** Health and threshold rows (threshold, measured value, result) and named checks; empty when nothing ran. */
export function renderChecksTable(report: RunReport): string {
  const rows: string[][] = [];
  const mark = (ok: boolean): string => (ok ? '✅ pass' : '❌ fail');
  const health = report.health;
  if (health !== undefined) {
    const measured =
      health.lastStatus === null
        ? escapeTableCell(health.error ?? 'no answer')
        : `HTTP ${health.lastStatus}${health.timeToHealthyMs === null ? '' : ` after ${formatDuration(health.timeToHealthyMs)}`}`;
    rows.push(['health', 'HTTP 2xx', `${measured} (${health.attempts} attempts)`, mark(health.ok)]);
  }
  for (const t of report.smoke?.thresholds ?? []) {
    rows.push([
      inlineCode(t.metric, { inTable: true }),
      inlineCode(t.expression, { inTable: true }),
      escapeTableCell(formatMeasured(t)),
      mark(t.ok),
    ]);
  }
  const parts: string[] = [];
  if (rows.length > 0) {
    parts.push(
      ['| Check | Threshold | Measured | Result |', '| --- | --- | --- | --- |', ...rows.map(row)].join('\n'),
    );
  }
  const checks = report.smoke?.checks ?? [];
  if (checks.length > 0) {
    const checkRows = checks.map((c) =>
      row([escapeTableCell(c.name), String(c.passes), String(c.fails), mark(c.fails === 0)]),
    );
    parts.push(
      ['| Named check | Passes | Fails | Result |', '| --- | ---: | ---: | --- |', ...checkRows].join('\n'),
    );
  }
  if (report.smoke?.aborted === true) parts.push('_The smoke run was aborted early by a failing threshold._');
  return parts.join('\n\n');
}

/** Duration of each phase that ran, with its outcome; empty when none ran yet. */
export function renderPhasesTable(report: RunReport): string {
  if (report.phases.length === 0) return '';
  const rows = report.phases.map((p) =>
    row([
      escapeTableCell(p.phase),
      formatDuration(p.durationMs),
      p.ok ? '✅' : '❌',
      p.detail === undefined ? ' ' : escapeTableCell(p.detail),
    ]),
  );
  const total = report.phases.reduce((sum, p) => sum + p.durationMs, 0);
  rows.push(row(['**total**', `**${formatDuration(total)}**`, ' ', ' ']));
  return ['| Phase | Duration | OK | Detail |', '| --- | ---: | --- | --- |', ...rows].join('\n');
}

/** Traffic split after a promote or rollback. */
export function renderTrafficTable(report: RunReport): string {
  if (report.traffic === undefined || report.traffic.length === 0) return '';
  const rows = report.traffic.map((t) =>
    row([
      inlineCode(t.target, { inTable: true }),
      `${t.percent} %`,
      t.tag === undefined ? ' ' : inlineCode(t.tag, { inTable: true }),
    ]),
  );
  return ['| Revision | Traffic | Tag |', '| --- | ---: | --- |', ...rows].join('\n');
}

/** Everything below the heading: facts, failure reason, checks, phases, traffic, notes and the run link. */
export function renderReportBody(report: RunReport, ctx: RenderContext = {}): string {
  const sections: string[] = [renderFactsTable(report, ctx)];
  if (report.failureReason !== undefined) sections.push(`**Why:** ${escapeText(report.failureReason)}`);
  const checks = renderChecksTable(report);
  if (checks !== '') sections.push(`#### Checks\n\n${checks}`);
  const phases = renderPhasesTable(report);
  if (phases !== '') sections.push(`#### Phases\n\n${phases}`);
  const traffic = renderTrafficTable(report);
  if (traffic !== '') sections.push(`#### Traffic\n\n${traffic}`);
  if (report.notes.length > 0) sections.push(report.notes.map((n) => `- ${escapeText(n)}`).join('\n'));
  if (report.runUrl !== undefined) sections.push(safeLink('Workflow run', report.runUrl));
  return sections.join('\n\n');
}

/** The heading line shared by the comment and the summary. */
export function renderHeading(report: RunReport): string {
  const what = report.command === 'preview' || report.command === 'cleanup' ? 'Preview' : report.command;
  return `### ${STATE_LABELS[report.state]}: ${escapeText(what)} of ${inlineCode(report.service)}`;
}

/** The job summary: the same heading and tables as the PR comment, without marker or history. */
export function renderJobSummary(report: RunReport, ctx: RenderContext = {}): string {
  return `${renderHeading(report)}\n\n${renderReportBody(report, ctx)}\n`;
}
