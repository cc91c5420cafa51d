/**
 * Pure Markdown renderers for a RunReport, shared by the sticky PR comment and the job summary. A reader
 * takes the outcome in from the first line (verdict, link, commit, checks, duration, time); a services
 * table follows, and everything else is folded in one <details>, open when something failed, failing rows
 * first. Every value that could come from a PR or from a server is escaped here. The environment's layout
 * (environment-markdown.ts) is built from the same pieces: the check rows and their tally, the phase
 * totals, this whole report for each failing service; the rules both follow are in markdown-parts.ts.
 */
import {
  escapeProse,
  escapeProseWithCode,
  escapeTableCell,
  escapeText,
  inlineCode,
  safeLink,
  splitFirstSentence,
  truncate,
} from './markdown.js';
import {
  MAX_MESSAGE,
  MAX_SUMMARY_BYTES,
  failingFirst,
  firstThatFits,
  fitsSummary,
  folded,
  formatDuration,
  formatTime,
  headlineLine,
  leftOut,
  noteLine,
  noteLines,
  serviceCode,
  table,
  whyLine,
} from './markdown-parts.js';
import { identityNote, type PhaseName, type RunReport, type ThresholdOutcome } from './run-report.js';
import { VERDICTS, isFailure, verdictLabel, verdictOf, type VerdictKind } from './verdict.js';
import { renderImageSection } from './image-markdown.js';
import { comparisonHeadline, regressionCheckRows, renderComparisonSection } from './comparison-markdown.js';

// The time format and the size limit are shared rules (markdown-parts.ts); these names are this module's API.
export { MAX_SUMMARY_BYTES, formatDuration, formatTime };

/** Context from the event that the report itself does not carry. */
export interface RenderContext {
  headRef?: string;
  prTitle?: string;
  /** `https://github.com/owner/repo`, for commit links. */
  repoUrl?: string;
  /** When the text is written (the "updated" time and the duration so far); now when unset. */
  now?: Date;
}

/** How much of a PR title and a branch name the comment shows (GitHub allows titles of 256 characters). */
const MAX_TITLE = 256;
const MAX_BRANCH = 120;

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

/**
 * One check as a row: what ran, what was expected, what was measured, whether it passed, and which kind of
 * check it is (the environment's table sums the kinds in one cell).
 */
export interface CheckRow {
  kind: 'health' | 'threshold' | 'regression' | 'check';
  cells: [string, string, string];
  ok: boolean;
}

/** Every check of a run, in the order they ran: the one source of the table, the tally and the summed cell. */
export function checkRows(report: RunReport): CheckRow[] {
  const rows: CheckRow[] = [];
  const health = report.health;
  if (health !== undefined) {
    const tries = health.attempts === 1 ? '1 attempt' : `${health.attempts} attempts`;
    const measured =
      health.lastStatus === null
        ? escapeProse(truncate(health.error ?? 'no answer', 300), { inTable: true })
        : `HTTP ${health.lastStatus}${health.timeToHealthyMs === null ? '' : ` after ${formatDuration(health.timeToHealthyMs)}`}`;
    rows.push({ kind: 'health', cells: ['health', 'HTTP 2xx', `${measured} (${tries})`], ok: health.ok });
  }
  for (const t of report.smoke?.thresholds ?? []) {
    rows.push({
      kind: 'threshold',
      cells: [
        inlineCode(t.metric, { inTable: true }),
        inlineCode(t.expression, { inTable: true }),
        escapeTableCell(formatMeasured(t)),
      ],
      ok: t.ok,
    });
  }
  // Issue 31: the regression thresholds against the baseline are checks too (comparison-markdown.ts).
  rows.push(...regressionCheckRows(report.comparison).map((r) => ({ kind: 'regression' as const, ...r })));
  for (const c of report.smoke?.checks ?? []) {
    rows.push({
      kind: 'check',
      cells: [`check ${escapeTableCell(c.name)}`, 'no failures', `${c.passes} passed, ${c.fails} failed`],
      ok: c.fails === 0,
    });
  }
  return rows;
}

/**
 * Checks passed and checks run: the health check, each threshold and each named check count one. Over
 * several reports (an environment's services), the sum.
 */
export function checksTally(report: RunReport | readonly RunReport[]): { passed: number; total: number } {
  const rows = (Array.isArray(report) ? report : [report]).flatMap((r: RunReport) => checkRows(r));
  return { passed: rows.filter((r) => r.ok).length, total: rows.length };
}

/** Health, thresholds and named checks in one table, failing rows first; empty when nothing ran. */
export function renderChecksTable(report: RunReport): string {
  const rows = failingFirst(checkRows(report), (r) => r.ok);
  if (rows.length === 0) return '';
  const parts = [
    table(
      ['Check', 'Expected', 'Measured', 'Result'],
      rows.map((r) => [...r.cells, r.ok ? '✅' : '❌']),
    ),
  ];
  if (report.smoke?.aborted === true) parts.push('_The smoke run was aborted early by a failing threshold._');
  return parts.join('\n\n');
}

/** Each phase once, in the order it first ran: its total time, whether every run of it passed, how many runs. */
export function phaseTotals(report: RunReport): [PhaseName, { ms: number; ok: boolean; runs: number }][] {
  const byName = new Map<PhaseName, { ms: number; ok: boolean; runs: number }>();
  for (const p of report.phases) {
    const seen = byName.get(p.phase) ?? { ms: 0, ok: true, runs: 0 };
    byName.set(p.phase, { ms: seen.ms + p.durationMs, ok: seen.ok && p.ok, runs: seen.runs + 1 });
  }
  return [...byName.entries()];
}

/** Phases as one line, each name once with its total time (a promotion runs some several times), failing first. */
export function renderPhasesLine(report: RunReport): string {
  if (report.phases.length === 0) return '';
  const entries = failingFirst(phaseTotals(report), ([, v]) => v.ok);
  const total = report.phases.reduce((sum, p) => sum + p.durationMs, 0);
  const parts = entries.map(
    ([name, v]) => `${v.ok ? '✅' : '❌'} ${name}${v.runs > 1 ? ` ×${v.runs}` : ''} ${formatDuration(v.ms)}`,
  );
  return `**Phases:** ${parts.join(' · ')} · total ${formatDuration(total)}`;
}

/**
 * Traffic after a promote or rollback on one line, one entry per revision: those that serve traffic and the
 * one holding `prev_tag`. Other tags (every open PR's preview) are not production's business here.
 */
export function renderTrafficLine(report: RunReport): string {
  if (report.traffic === undefined || report.traffic.length === 0) return '';
  const byRevision = new Map<string, { percent: number; prev: boolean }>();
  for (const t of report.traffic) {
    const seen = byRevision.get(t.target) ?? { percent: 0, prev: false };
    byRevision.set(t.target, {
      percent: seen.percent + t.percent,
      prev: seen.prev || (t.tag !== undefined && t.tag === report.prevTag),
    });
  }
  const entries = [...byRevision.entries()]
    .filter(([, v]) => v.percent > 0 || v.prev)
    .sort(([, a], [, b]) => b.percent - a.percent)
    .map(([target, v]) => {
      const tag = v.prev && report.prevTag !== undefined ? ` (tag ${inlineCode(report.prevTag)})` : '';
      return `${inlineCode(target)} ${v.percent} %${tag}`;
    });
  return entries.length === 0 ? '' : `**Traffic now:** ${entries.join(' · ')}`;
}

/** The steps of a promotion, one line each, with the outcome of each check after it. */
export function renderCanaryLines(report: RunReport): string {
  const steps = report.canary ?? [];
  if (steps.length === 0) return '';
  const mark = (ok: boolean | undefined): string => (ok === undefined ? 'not run' : ok ? '✅' : '❌');
  return steps
    .map((s, i) => {
      const parts = [
        `**Step ${i + 1} of ${steps.length}:** ${s.ok ? '✅' : '❌'} ${s.percent} %`,
        `health ${mark(s.health)}`,
        `smoke ${mark(s.smoke)}`,
      ];
      if (s.errorRate !== undefined)
        parts.push(`error rate ${mark(s.errorRateOk)} ${escapeText(s.errorRate)}`);
      return parts.join(' · ');
    })
    .join('\\\n');
}

/**
 * Key facts on one line: PR, branch, digest, revisions, tag, project (the service and region are in the
 * services table, the commit is linked on the first line).
 */
export function renderFactsLine(report: RunReport, ctx: RenderContext = {}): string {
  const facts: string[] = [];
  if (report.prNumber !== undefined) {
    const title =
      ctx.prTitle === undefined ? '' : ` ${escapeProse(truncate(ctx.prTitle, MAX_TITLE), { links: false })}`;
    facts.push(`PR \\#${report.prNumber}${title}`);
  }
  if (ctx.headRef !== undefined) facts.push(`branch ${inlineCode(truncate(ctx.headRef, MAX_BRANCH))}`);
  if (report.digest !== undefined) facts.push(`image ${inlineCode(shortDigest(report.digest))}`);
  if (report.revision !== undefined) facts.push(`revision ${inlineCode(report.revision)}`);
  if (report.previousRevision !== undefined) facts.push(`before ${inlineCode(report.previousRevision)}`);
  if (report.tag !== undefined) facts.push(`tag ${inlineCode(report.tag)}`);
  if (report.preview !== undefined) facts.push(`preview ${escapeText(report.preview.profile)}`);
  facts.push(`project ${inlineCode(report.project)}`);
  if (report.runUrl !== undefined) facts.push(safeLink('workflow run', report.runUrl));
  return `**Facts:** ${facts.join(' · ')}`;
}

function isProduction(report: RunReport): boolean {
  return report.command === 'promote' || report.command === 'rollback';
}

/** The link the first line offers: the preview when it serves this run, production after a promotion. */
function primaryLink(report: RunReport, kind: VerdictKind): string | undefined {
  if (report.url === undefined) return undefined;
  if (kind === 'ready') return `**${safeLink('Open preview ↗', report.url)}**`;
  if (kind === 'candidate-ready') return `**${safeLink('Open candidate ↗', report.url)}**`;
  if (kind === 'promoted' || kind === 'production-rolled-back') {
    return `**${safeLink('Open production ↗', report.url)}**`;
  }
  return undefined;
}

/** The first line: verdict, link, short commit, checks passed of total, duration and time updated. */
export function renderHeadline(report: RunReport, ctx: RenderContext = {}): string {
  const kind = verdictOf(report);
  return headlineLine({
    title: verdictLabel(kind),
    // Issue 31: "slower than production" when the comparison found something worse (comparison-markdown.ts).
    slower: comparisonHeadline(report.comparison),
    link: primaryLink(report, kind),
    commitSha: report.commitSha,
    repoUrl: ctx.repoUrl,
    steps:
      report.canary !== undefined && report.canary.length > 0
        ? report.canary.map((s) => `${s.percent} %`).join(' → ')
        : undefined,
    tally: checksTally(report),
    startedAt: report.startedAt,
    now: ctx.now ?? new Date(),
  });
}

/** Which revision answers where after this run, in words; undefined when the first line says it all. */
export function renderServing(report: RunReport, kind: VerdictKind = verdictOf(report)): string | undefined {
  const serving = servingWords(report, kind);
  // A service only previews used, deleted by this run: said where the reader looks first.
  if (report.serviceDeleted !== true) return serving;
  const gone = `Service ${inlineCode(report.service)} was deleted too: a preview created it and nothing was ever promoted.`;
  return serving === undefined ? gone : `${serving} ${gone}`;
}

function servingWords(report: RunReport, kind: VerdictKind): string | undefined {
  const tag = report.tag === undefined ? 'the tag' : `tag ${inlineCode(report.tag)}`;
  const rev = (r: string | undefined): string => (r === undefined ? 'the earlier revision' : inlineCode(r));
  const at = (label: string): string => (report.url === undefined ? '' : `: ${safeLink(label, report.url)}`);
  const lastStep = report.canary?.at(-1);
  switch (kind) {
    case 'failed-to-start':
    case 'checks-failed':
    case 'failed':
      if (report.state === 'rolled-back' && report.url === undefined) {
        return `No preview: ${tag} was removed, as no earlier revision of this PR passed its checks.`;
      }
      if (report.state === 'rolled-back') {
        return `${tag} points back to ${rev(report.previousRevision)}, the last revision that passed${at('open it ↗')}.`;
      }
      if (report.url !== undefined && report.revision !== undefined) {
        return `${tag} still serves the failing revision ${rev(report.revision)}${at('open it ↗')}.`;
      }
      return `${tag} was not moved.`;
    case 'rolled-back':
      return `${tag} serves ${rev(report.previousRevision)} again, the last revision that passed${at('open it ↗')}.`;
    case 'build-failed':
    case 'deploy-failed':
      return `Nothing was deployed; ${tag} was not moved.`;
    case 'cancelled':
      return report.url === undefined
        ? `Stopped before a preview was ready; no preview serves ${tag}.`
        : `Stopped; ${tag} answers${at('open it ↗')}.`;
    case 'candidate-ready':
      return `${tag} serves the candidate ${rev(report.revision)} with no traffic; a release of this commit promotes it.`;
    case 'removed':
      if (report.removedWhy !== undefined) return escapeProseWithCode(report.removedWhy);
      return `The pull request was closed: ${tag} and its URL were removed.`;
    case 'cleanup-dry-run':
      return 'Nothing was removed (`dry_run`); the notes in the details list what a cleanup would remove.';
    case 'promoted':
      return `${rev(report.revision)} serves 100 % of ${inlineCode(report.service)}; ${rev(report.previousRevision)} keeps ${report.prevTag === undefined ? 'its tag' : `tag ${inlineCode(report.prevTag)}`} for a rollback.`;
    case 'promotion-stopped':
      return `Production traffic did not move: ${rev(report.previousRevision)} still serves it.`;
    case 'promotion-rolled-back':
      return `Stopped at ${lastStep === undefined ? 'a step' : `${lastStep.percent} %`}; traffic was restored: ${rev(report.previousRevision)} serves production again.`;
    case 'production-rolled-back':
      return `${rev(report.revision)} serves 100 % of ${inlineCode(report.service)} again, in place of ${rev(report.previousRevision)}.`;
    case 'production-rollback-failed':
      return report.state === 'rolled-back'
        ? `Traffic was restored: ${rev(report.previousRevision)} still serves production.`
        : 'Traffic may be split between revisions: see the traffic in the details.';
    default:
      return undefined;
  }
}

/** One row per service: status, URL, revision. */
export function renderServicesTable(report: RunReport, kind: VerdictKind = verdictOf(report)): string {
  const v = VERDICTS[kind];
  const production = isProduction(report);
  const label = production
    ? 'Visit production'
    : report.command === 'candidate'
      ? 'Visit candidate'
      : 'Visit preview';
  // Which revision the URL serves after a rollback is said in the line above the table.
  const url = report.url === undefined ? '–' : safeLink(label, report.url);
  const revision = report.revision === undefined ? '–' : inlineCode(report.revision, { inTable: true });
  return table(
    [
      'Service',
      'Status',
      production ? 'Production' : report.command === 'candidate' ? 'Candidate' : 'Preview',
      'Revision',
    ],
    [
      [
        `${serviceCode(report.service, true)} ${escapeTableCell(report.region)}`,
        `${v.symbol} ${v.title}`,
        url,
        revision,
      ],
    ],
  );
}

/**
 * What a preview shares with production, in view: one ⚠ line per inherited data connection (values with
 * credentials cut out), then what `shared` allows on purpose. Empty when it shares nothing.
 */
export function renderSharing(report: RunReport, prefix = ''): string {
  const p = report.preview;
  if (p === undefined) return '';
  const lines = p.sharedWithProduction.map(
    (l) => `⚠ ${prefix}**Shared with production:** ${escapeProse(truncate(l, MAX_MESSAGE))}`,
  );
  for (const l of p.sharedOnPurpose) {
    lines.push(`${prefix}**Shared on purpose** (\`shared\`): ${escapeProse(truncate(l, MAX_MESSAGE))}`);
  }
  return lines.join('\\\n');
}

/** Why the run failed: the first sentence in view, the rest of the message folded below. */
function splitReason(report: RunReport): { first: string; rest: string } | undefined {
  if (report.failureReason === undefined) return undefined;
  return splitFirstSentence(truncate(report.failureReason, MAX_MESSAGE));
}

/**
 * The folded part: checks, canary steps, phases, traffic, facts and notes, failing rows first. `compact`
 * keeps only the facts, for a body that would not fit GitHub's limits otherwise.
 */
export function renderDetails(
  report: RunReport,
  ctx: RenderContext,
  opts: { open: boolean; compact?: boolean },
): string {
  const identity = report.preview?.productionIdentity;
  const notes = identity === undefined ? report.notes : [identityNote(identity), ...report.notes];
  if (opts.compact === true) {
    // Compacted as the environment's notes are: the first few, cut short, and how many were left out.
    const lines = [renderFactsLine(report, ctx), ...noteLines(notes, true)];
    return folded(
      'Details: facts (the rest is in the workflow run)',
      [lines.join('\\\n'), '', leftOut('The checks, phases and full messages')].join('\n'),
      opts.open,
    );
  }
  const sections: string[] = [];
  const reason = splitReason(report);
  if (reason !== undefined && reason.rest !== '') {
    sections.push(`**Full message:** ${escapeProse(`${reason.first} ${reason.rest}`)}`);
  }
  const checks = renderChecksTable(report);
  if (checks !== '') sections.push(checks);
  const canary = renderCanaryLines(report);
  if (canary !== '') sections.push(canary);
  // Phases, traffic, facts and notes as lines of one paragraph: each is short, and margins add up.
  const traffic = renderTrafficLine(report);
  const lines = [renderPhasesLine(report), traffic, renderFactsLine(report, ctx)];
  for (const note of notes) lines.push(noteLine(note));
  sections.push(lines.filter((l) => l !== '').join('\\\n'));
  const { passed, total } = checksTally(report);
  const what = [
    total > 0 ? `${total - passed === 0 ? 'all' : `${total - passed} failed of`} ${total} checks` : '',
  ]
    .concat(canary !== '' ? ['canary steps'] : [], ['phases'], traffic !== '' ? ['traffic'] : [], ['facts'])
    .filter((s) => s !== '');
  return folded(`Details: ${what.join(', ')}`, sections.join('\n\n'), opts.open);
}

/**
 * Everything the comment and the summary show for one run: the first line, where things stand, why it
 * failed, the services table and the folded details (open on failure, or always with `open`).
 */
export function renderReport(
  report: RunReport,
  ctx: RenderContext = {},
  opts: { open?: boolean; compact?: boolean; image?: boolean } = {},
): string {
  const kind = verdictOf(report);
  // One paragraph, lines joined by hard breaks: the verdict, where things stand and why read as one block.
  const lead = [renderHeadline(report, ctx)];
  const serving = renderServing(report, kind);
  if (serving !== undefined) lead.push(serving);
  const reason = splitReason(report);
  if (reason !== undefined) {
    lead.push(whyLine(reason.first, reason.rest === '' ? '' : ' (full message below)'));
  }
  const sharing = renderSharing(report);
  // An environment shows one Image section for all its services, not one per failing member.
  const image =
    opts.compact === true || opts.image === false
      ? ''
      : renderImageSection([{ service: report.service, doctor: report.doctor }]);
  return [
    lead.join('\\\n'),
    renderServicesTable(report, kind),
    ...(sharing === '' ? [] : [sharing]),
    // Issue 31: the preview against its baseline, folded unless something regressed.
    ...(report.comparison === undefined || opts.compact === true
      ? []
      : [renderComparisonSection(report.comparison)]),
    renderDetails(report, ctx, { open: opts.open === true || isFailure(kind), compact: opts.compact }),
    ...(image === '' ? [] : [image]),
  ].join('\n\n');
}

/** The job summary: the comment's renderer with the details open, without marker or history, within 1 MiB. */
export function renderJobSummary(report: RunReport, ctx: RenderContext = {}): string {
  return firstThatFits(
    [false, true],
    (compact) => `${renderReport(report, ctx, { open: true, compact })}\n`,
    fitsSummary,
  );
}
