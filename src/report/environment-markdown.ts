/**
 * The sticky PR comment and the job summary for an environment run (several services, one report each).
 * Built like the single-service comment: a hidden marker on the first line, the verdict for the environment
 * as a whole, one table with a row per service (state, URL, checks, timings), why it failed and the notes,
 * the failing services' own reports folded below, and the hidden state block that carries earlier runs.
 * Every service name, URL, message and note is untrusted and goes through the escaping in markdown.ts. The
 * first line, notes, why, folding, history and size cap follow the single layout's rules (markdown-parts.ts,
 * markdown-comment.ts); the table's cells sum each service's check rows and phases (markdown-report.ts). Pure.
 */
import {
  SERVICE_STAGES,
  type EnvironmentMember,
  type EnvironmentReport,
  type ServiceStage,
} from './environment-report.js';
import { renderImageSection } from './image-markdown.js';
import { comparisonHeadline, renderComparisonSection } from './comparison-markdown.js';
import { fitComment, historyEntry, type HistoryEntry } from './markdown-comment.js';
import {
  MAX_NAME,
  compactDuration,
  firstThatFits,
  fitsSummary,
  folded,
  headlineLine,
  leftOut,
  noteLine,
  noteLines,
  plural,
  serviceCode,
  table,
  whyLine,
} from './markdown-parts.js';
import {
  checkRows,
  checksTally,
  phaseTotals,
  renderReport,
  renderSharing,
  type RenderContext,
} from './markdown-report.js';
import {
  escapeHtml,
  escapeProse,
  inlineCode,
  linkLabel,
  neutraliseMentions,
  oneLine,
  safeHref,
  safeLink,
  sanitiseMarkerValue,
  truncate,
} from './markdown.js';
import { identityNote, type RunReport } from './run-report.js';
import { VERDICTS, failedPhase, isFailure, verdictLabel, verdictOf, type VerdictKind } from './verdict.js';

export { compactDuration };

/** A link target longer than this is shown as text: no real preview URL comes near it. */
const MAX_HREF = 2048;

/** A stage's symbol: the verdict's where the stage means the same, so one state reads one way everywhere. */
const STAGE_SYMBOLS: Record<ServiceStage, string> = {
  queued: '🕒',
  building: VERDICTS.building.symbol,
  pushing: '📦',
  waiting: '⏳',
  deploying: '🚀',
  ready: '🟢',
  checking: VERDICTS.checking.symbol,
  passed: VERDICTS.ready.symbol,
  reused: '♻️',
  failed: '❌',
  'rolled-back': VERDICTS['rolled-back'].symbol,
  restored: '⏪',
  skipped: VERDICTS.skipped.symbol,
  cancelled: VERDICTS.cancelled.symbol,
  removed: VERDICTS.removed.symbol,
  promoted: VERDICTS.promoted.symbol,
};

/** Symbol and word for each stage of a service, as its row shows it (`rolled-back` reads `rolled back`). */
export const STAGE_LABELS = Object.fromEntries(
  SERVICE_STAGES.map((stage) => [stage, { symbol: STAGE_SYMBOLS[stage], word: stage.replace('-', ' ') }]),
) as Record<ServiceStage, { symbol: string; word: string }>;

/** The hidden marker that identifies this environment's sticky comment. */
export function environmentMarker(environment: string): string {
  return `<!-- gcp-deploy:preview environment=${sanitiseMarkerValue(environment)} -->`;
}

/** Untrusted text inside an HTML element of ours (`<summary>`): literal, one line, pinging nobody. */
function htmlText(text: string, max: number): string {
  return neutraliseMentions(escapeHtml(truncate(oneLine(text), max)));
}

/** The member that made the environment fail: the first that failed or rolled back, else the first failing verdict. */
export function failingMember(env: EnvironmentReport): EnvironmentMember | undefined {
  return (
    env.members.find((m) => m.stage === 'failed' || m.stage === 'rolled-back') ??
    env.members.find((m) => isFailure(verdictOf(m.report)))
  );
}

/** The preview URL that stands for the environment: the member named `primary`, else the first with a URL. */
export function primaryUrl(env: EnvironmentReport, primary?: string): string | undefined {
  const named = primary === undefined ? undefined : env.members.find((m) => m.name === primary);
  if (named !== undefined) return named.report.url;
  return env.members.find((m) => m.report.url !== undefined)?.report.url;
}

/**
 * The verdict for the environment in the single-service vocabulary (history lines and the state block use
 * it): a failure takes the verdict of the service that failed, so `🧱 Build failed` reads the same.
 */
export function environmentVerdictOf(env: EnvironmentReport): VerdictKind {
  const { state } = env;
  if (state === 'cancelled' || state === 'skipped' || state === 'removed') return state;
  if (env.command === 'cleanup') return state === 'ready' ? 'cleanup-dry-run' : 'failed';
  if (state === 'failed' || state === 'rolled-back') {
    const member = failingMember(env);
    const kind = member === undefined ? 'failed' : verdictOf(member.report);
    return isFailure(kind) ? kind : 'failed';
  }
  if (state === 'promoted') return 'promoted';
  if (env.command === 'promote' || env.command === 'rollback')
    return state === 'ready' ? 'ready' : 'promoting';
  return state;
}

/** Stages after which a service's preview serves what this run wanted (or, restored, what it served before). */
const DONE: ReadonlySet<ServiceStage> = new Set(['passed', 'reused', 'ready', 'promoted']);
const RETURNED: ReadonlySet<ServiceStage> = new Set(['restored', 'rolled-back']);

/** The verdict in words for the whole environment: `✅ Environment ready (3 services)`. */
export function environmentTitle(env: EnvironmentReport): string {
  const n = env.members.length;
  const services = plural(n, 'service');
  const kind = environmentVerdictOf(env);
  switch (kind) {
    case 'ready':
      return `✅ Environment ready (${services})`;
    case 'building':
    case 'deploying':
    case 'checking': {
      const done = env.members.filter((m) => DONE.has(m.stage)).length;
      return `${VERDICTS[kind].symbol} ${VERDICTS[kind].title}: ${done} of ${services} ready`;
    }
    case 'removed':
      return `🧹 Removed (${services})`;
    case 'promoted':
      return `🚢 Promoted to production (${services})`;
    case 'cancelled':
    case 'skipped':
    case 'cleanup-dry-run':
    case 'promoting':
      return verdictLabel(kind);
    default: {
      const member = failingMember(env);
      const who = member === undefined ? 'The environment' : serviceCode(member.name);
      const returned = env.members.filter((m) => RETURNED.has(m.stage)).length;
      const tail =
        env.state === 'rolled-back' || (returned === n && n > 0)
          ? `all ${services} returned to their last good previews`
          : returned === 0
            ? 'no other preview was changed'
            : `${returned} of ${services} returned to their last good previews`;
      return `${VERDICTS[kind].symbol} ${who} failed: ${tail}`;
    }
  }
}

/** The first line: the verdict, the linked commit, checks passed of total over all services, duration, time. */
export function renderEnvironmentHeadline(env: EnvironmentReport, ctx: RenderContext = {}): string {
  return headlineLine({
    title: environmentTitle(env),
    // Issue 31: "slower than production" when any service's comparison found something worse.
    slower: env.members.map((m) => comparisonHeadline(m.report.comparison)).find((w) => w !== undefined),
    commitSha: env.commitSha,
    repoUrl: ctx.repoUrl,
    tally: checksTally(env.members.map((m) => m.report)),
    startedAt: env.startedAt,
    now: ctx.now ?? new Date(),
  });
}

/** Each phase once, in the order it first ran, with its total time; a failed phase is marked. */
export function renderTimings(report: RunReport): string {
  const totals = phaseTotals(report);
  if (totals.length === 0) return '—';
  return totals.map(([name, v]) => `${v.ok ? '' : '❌ '}${name} ${compactDuration(v.ms)}`).join(' · ');
}

/**
 * The checks table (markdown-report.ts) summed in one cell: health ok or failed, thresholds passed and
 * failed, named checks that failed; `—` when nothing ran.
 */
export function renderChecksCell(report: RunReport): string {
  const rows = checkRows(report);
  const of = (kind: string) => rows.filter((r) => r.kind === kind);
  const parts: string[] = of('health').map((r) => `health ${r.ok ? '✅' : '❌'}`);
  const thresholds = of('threshold');
  if (thresholds.length > 0) {
    const failed = thresholds.filter((t) => !t.ok).length;
    parts.push(
      failed === 0
        ? `thresholds ✅ ${thresholds.length} passed`
        : `thresholds ❌ ${failed} failed, ${thresholds.length - failed} passed`,
    );
  }
  const failedChecks = of('check').filter((c) => !c.ok).length;
  if (failedChecks > 0) parts.push(`❌ ${plural(failedChecks, 'check')} failed`);
  if (report.smoke?.aborted === true) parts.push('aborted');
  return parts.length === 0 ? '—' : parts.join(' · ');
}

/**
 * The member's URL as a link labelled with its host; `—` when it has none or the tag was removed. A URL that
 * is not http(s), does not parse, or is absurdly long is shown as code, never linked.
 */
function urlCell(member: EnvironmentMember): string {
  const url = member.report.url;
  if (url === undefined || member.stage === 'removed') return '—';
  const href = safeHref(url);
  const label = truncate(oneLine(href === undefined ? url : linkLabel(new URL(url))), 60);
  // safeLink escapes the label (pipes too); anything else is a code span, which GFM does not autolink.
  return href !== undefined && href.length <= MAX_HREF
    ? safeLink(label, url)
    : inlineCode(label, { inTable: true });
}

/** `❌ failed (checks)`: the stage, and for a failure the phase it failed in. */
function stageCell(member: EnvironmentMember): string {
  const label = STAGE_LABELS[member.stage];
  const phase =
    member.stage === 'failed' || member.stage === 'rolled-back' ? failedPhase(member.report) : undefined;
  return `${label.symbol} ${label.word}${phase === undefined ? '' : ` (${phase})`}`;
}

function serviceCell(member: EnvironmentMember): string {
  const name = serviceCode(member.name, true);
  if (member.needs.length === 0) return name;
  const needs = member.needs.slice(0, 10).map((n) => serviceCode(n, true));
  return `${name} needs ${needs.join(', ')}${member.needs.length > 10 ? ', …' : ''}`;
}

/** One row per service, in dependency order: service, state, URL, checks, timings. */
export function renderEnvironmentTable(env: EnvironmentReport): string {
  const rows = env.members.map((m) => [
    serviceCell(m),
    stageCell(m),
    urlCell(m),
    renderChecksCell(m.report),
    renderTimings(m.report),
  ]);
  return table(['Service', 'State', 'URL', 'Checks', 'Timings'], rows);
}

/** Members whose own report is worth reading in full: those that failed. */
function failingMembers(env: EnvironmentReport): EnvironmentMember[] {
  return env.members.filter(
    (m) => m.stage === 'failed' || m.stage === 'rolled-back' || isFailure(verdictOf(m.report)),
  );
}

type Detail = 'full' | 'compact' | 'none';

/** The lead paragraph: the verdict line, where production stands on a failure, and why. */
function renderLead(env: EnvironmentReport, ctx: RenderContext): string {
  const lines = [renderEnvironmentHeadline(env, ctx)];
  const kind = environmentVerdictOf(env);
  if (isFailure(kind) && env.command === 'preview') lines.push('Production is untouched.');
  if (env.failureReason !== undefined) lines.push(whyLine(env.failureReason));
  return lines.join('\\\n');
}

/** Each failing member's own report, folded under its name (open: it is what the reader came for). */
function renderMemberDetails(env: EnvironmentReport, ctx: RenderContext, detail: Detail): string[] {
  if (detail === 'none') {
    return failingMembers(env).length === 0
      ? []
      : [leftOut("The failing services' details", '; see the workflow run')];
  }
  return failingMembers(env).map((m) =>
    folded(
      `${htmlText(m.name, MAX_NAME)}: ${escapeHtml(verdictLabel(verdictOf(m.report)))}`,
      // The preview's profile, identity and sharing are stated once, for every service, above; so is the
      // Image section.
      renderReport({ ...m.report, preview: undefined }, ctx, {
        open: true,
        compact: detail === 'compact',
        image: false,
      }),
      true,
    ),
  );
}

/**
 * Each preview's profile (once when every service has the same), the identity note, and what each shares
 * with production (⚠), named by service.
 */
function renderPreviews(env: EnvironmentReport): string {
  const previews = env.members.flatMap((m) =>
    m.report.preview === undefined ? [] : [{ name: m.name, report: m.report, p: m.report.preview }],
  );
  if (previews.length === 0) return '';
  const profiles = new Set(previews.map((x) => x.p.profile));
  const lines =
    profiles.size === 1
      ? [`**Previews:** ${escapeProse([...profiles][0] ?? '')}`]
      : previews.map((x) => `**Preview** ${inlineCode(x.name)}: ${escapeProse(x.p.profile)}`);
  for (const x of previews) {
    if (x.p.productionIdentity !== undefined) {
      lines.push(noteLine(identityNote(x.p.productionIdentity), { about: x.name }));
    }
  }
  for (const x of previews) {
    const sharing = renderSharing(x.report, `${inlineCode(x.name)} `);
    if (sharing !== '') lines.push(sharing);
  }
  return lines.join('\\\n');
}

/** Lead, table, notes and the failing services' details, as the comment and the summary share them. */
function renderBody(env: EnvironmentReport, ctx: RenderContext, detail: Detail): string[] {
  const parts = [renderLead(env, ctx), renderEnvironmentTable(env)];
  const previews = renderPreviews(env);
  if (previews !== '') parts.push(previews);
  const notes = detail === 'none' ? '' : noteLines(env.notes, detail === 'compact').join('\\\n');
  if (notes !== '') parts.push(notes);
  parts.push(...renderMemberDetails(env, ctx, detail));
  // Issue 31: each service against its own baseline (comparison-markdown.ts); a failing service's own
  // details (renderMemberDetails) already carry its table.
  if (detail !== 'none') {
    const failing = new Set(failingMembers(env));
    for (const m of env.members.filter((x) => !failing.has(x))) {
      const section = renderComparisonSection(m.report.comparison, m.name);
      if (section !== '') parts.push(section);
    }
  }
  const image =
    detail === 'none'
      ? ''
      : renderImageSection(env.members.map((m) => ({ service: m.name, doctor: m.report.doctor })));
  if (image !== '') parts.push(image);
  return parts;
}

/** The history entry that stands for an environment run. */
export function environmentEntryFor(env: EnvironmentReport, primary?: string): HistoryEntry {
  return historyEntry({
    state: env.state,
    verdict: environmentVerdictOf(env),
    at: env.startedAt,
    sha: env.commitSha,
    url: primaryUrl(env, primary),
    runUrl: env.runUrl,
  });
}

/**
 * The whole comment body for the environment and its earlier runs (newest first, as nextHistory gives them),
 * within MAX_COMMENT_CHARS: history, the failing services' checks and the notes give way first.
 */
export function renderEnvironmentComment(input: {
  env: EnvironmentReport;
  history: HistoryEntry[];
  ctx?: RenderContext;
  primary?: string;
}): string {
  const { env } = input;
  const ctx = input.ctx ?? {};
  const current = environmentEntryFor(env, input.primary);
  // Every cell of the table and the reason are cut to bounded lengths: `none` is far below the limit.
  return fitComment(
    { marker: environmentMarker(env.name), current, history: input.history, repoUrl: ctx.repoUrl },
    ['full', 'compact', 'none'] as const,
    (detail) => renderBody(env, ctx, detail),
  );
}

/** The job summary: the comment's content without marker, history or state, within GitHub's 1 MiB. */
export function renderEnvironmentSummary(env: EnvironmentReport, ctx: RenderContext = {}): string {
  return firstThatFits(
    ['full', 'compact', 'none'] as const,
    (detail) => `${renderBody(env, ctx, detail).join('\n\n')}\n`,
    fitsSummary,
  );
}
