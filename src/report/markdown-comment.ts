/**
 * The sticky PR comment: a hidden marker on the first line (how later runs find it), the current run
 * rendered as the job summary is (details folded unless something failed), earlier runs folded one line
 * each, and a hidden state block that carries the history from run to run as base64 JSON (so nothing in it
 * can close an HTML comment). The body always fits GitHub's size limit. Pure.
 */
import { inlineCode, safeLink, sanitiseMarkerValue } from './markdown.js';
import {
  MAX_COMMENT_CHARS,
  commitLink,
  firstThatFits,
  fitsComment,
  folded,
  formatTime,
} from './markdown-parts.js';
import { renderReport, type RenderContext } from './markdown-report.js';
import { RUN_STATES, type RunReport, type RunState } from './run-report.js';
import { VERDICT_KINDS, verdictLabel, verdictOf, type VerdictKind } from './verdict.js';

export { MAX_COMMENT_CHARS };

/** How many earlier runs the comment keeps. */
export const MAX_HISTORY = 10;

/** One earlier run, as folded under "Earlier runs". */
export interface HistoryEntry {
  state: RunState;
  /** What the run came to; absent in entries written before verdicts existed (then the state stands). */
  verdict?: VerdictKind;
  at: string;
  sha?: string;
  url?: string;
  runUrl?: string;
  revision?: string;
}

/** What the hidden state block carries. */
export interface CommentState {
  current: HistoryEntry;
  history: HistoryEntry[];
}

const STATE_PREFIX = '<!-- gcp-deploy:state ';

/** The hidden marker that identifies this service's sticky comment. */
export function commentMarker(service: string): string {
  return `<!-- gcp-deploy:preview service=${sanitiseMarkerValue(service)} -->`;
}

/** True when the body is a sticky comment for this marker: the marker must open the body, not merely occur. */
export function isStickyFor(body: string | undefined | null, marker: string): boolean {
  return typeof body === 'string' && body.startsWith(`${marker}\n`);
}

/** A history entry from what a run came to; unset fields are left out, in this order (the state block is text). */
export function historyEntry(fields: HistoryEntry): HistoryEntry {
  const { state, verdict, at, sha, url, runUrl, revision } = fields;
  return {
    state,
    verdict,
    at,
    ...(sha === undefined ? {} : { sha }),
    ...(url === undefined ? {} : { url }),
    ...(runUrl === undefined ? {} : { runUrl }),
    ...(revision === undefined ? {} : { revision }),
  };
}

/** The history entry that stands for a report. */
export function entryFor(report: RunReport): HistoryEntry {
  return historyEntry({
    state: report.state,
    verdict: verdictOf(report),
    at: report.startedAt,
    sha: report.commitSha,
    url: report.url,
    runUrl: report.runUrl,
    revision: report.revision,
  });
}

const STATES = new Set<string>(RUN_STATES);

function toEntry(value: unknown): HistoryEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.state !== 'string' || !STATES.has(v.state) || typeof v.at !== 'string') return null;
  const entry: HistoryEntry = { state: v.state as RunState, at: v.at };
  if (typeof v.verdict === 'string' && VERDICT_KINDS.has(v.verdict)) entry.verdict = v.verdict as VerdictKind;
  for (const key of ['sha', 'url', 'runUrl', 'revision'] as const) {
    const field = v[key];
    if (typeof field === 'string') entry[key] = field;
  }
  return entry;
}

/** Reads the state block of an earlier comment; null when absent or unreadable (then history restarts). */
export function parseCommentState(body: string): CommentState | null {
  const start = body.lastIndexOf(STATE_PREFIX);
  if (start < 0) return null;
  const end = body.indexOf(' -->', start);
  if (end < 0) return null;
  try {
    const json: unknown = JSON.parse(
      Buffer.from(body.slice(start + STATE_PREFIX.length, end), 'base64url').toString('utf8'),
    );
    if (typeof json !== 'object' || json === null) return null;
    const { current, history } = json as { current?: unknown; history?: unknown };
    const cur = toEntry(current);
    if (cur === null) return null;
    const entries = Array.isArray(history)
      ? history.map(toEntry).filter((e): e is HistoryEntry => e !== null)
      : [];
    return { current: cur, history: entries.slice(0, MAX_HISTORY) };
  } catch {
    return null;
  }
}

/**
 * The history after this run: the previous comment's current run moves into history when it was another
 * workflow run (each progress update of the same run replaces the current entry instead). Newest first.
 */
export function nextHistory(
  previous: CommentState | null,
  report: Pick<RunReport, 'runUrl'>,
): HistoryEntry[] {
  if (previous === null) return [];
  const sameRun = previous.current.runUrl !== undefined && previous.current.runUrl === report.runUrl;
  const history = sameRun ? previous.history : [previous.current, ...previous.history];
  return history.slice(0, MAX_HISTORY);
}

/** The verdict an entry from before verdicts stands for. */
const STATE_VERDICTS: Record<RunState, VerdictKind> = {
  building: 'building',
  deploying: 'deploying',
  checking: 'checking',
  ready: 'ready',
  failed: 'failed',
  'rolled-back': 'rolled-back',
  removed: 'removed',
  promoted: 'promoted',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/**
 * One folded line for an earlier run. It links the commit and the run, not the preview: the tag's URL
 * serves whatever the tag points at now, and after cleanup nothing at all (`removed`).
 */
export function renderHistoryLine(
  entry: HistoryEntry,
  opts: { removed?: boolean; repoUrl?: string } = {},
): string {
  const parts = [verdictLabel(entry.verdict ?? STATE_VERDICTS[entry.state])];
  const commit = commitLink(entry.sha, opts.repoUrl);
  if (commit !== undefined) parts.push(commit);
  if (entry.revision !== undefined) parts.push(inlineCode(entry.revision));
  if (entry.runUrl !== undefined) parts.push(safeLink('run', entry.runUrl));
  parts.push(formatTime(entry.at));
  if (opts.removed === true && entry.url !== undefined) parts.push('preview since removed');
  return `- ${parts.join(' · ')}`;
}

/** The history lines, newest first; entries older than a removal say that their preview is gone. */
export function renderHistory(
  current: HistoryEntry,
  history: readonly HistoryEntry[],
  repoUrl?: string,
): string[] {
  let removed = (current.verdict ?? STATE_VERDICTS[current.state]) === 'removed';
  return history.map((entry) => {
    const line = renderHistoryLine(entry, { removed, repoUrl });
    if ((entry.verdict ?? STATE_VERDICTS[entry.state]) === 'removed') removed = true;
    return line;
  });
}

/** The hidden state block: base64url JSON, so nothing in it can close the HTML comment. */
export function renderStateBlock(state: CommentState): string {
  return `${STATE_PREFIX}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')} -->`;
}

/** The body of a sticky comment in every layout: the current run's paragraphs and what every comment carries. */
export interface CommentParts {
  marker: string;
  current: HistoryEntry;
  history: readonly HistoryEntry[];
  repoUrl?: string;
}

/** The marker alone on the first line, the body's paragraphs, the earlier runs folded, the state block last. */
export function renderCommentBody(parts: CommentParts, body: readonly string[]): string {
  const { current, history } = parts;
  const paragraphs = [...body];
  if (history.length > 0) {
    const lines = renderHistory(current, history, parts.repoUrl);
    paragraphs.push(folded(`Earlier runs (${history.length})`, lines.join('\n')));
  }
  paragraphs.push(renderStateBlock({ current, history: [...history] }));
  return `${parts.marker}\n${paragraphs.join('\n\n')}`;
}

/**
 * The size cap of a sticky comment, for every layout. `forms` are the run's body from the largest down
 * (full, compact, then any smaller); the earlier runs give way after the compact form, since the reader
 * came for this run. The smallest form is returned whatever its size: each layout cuts every untrusted
 * string in it to a bounded length, far below the limit.
 */
export function fitComment<F>(parts: CommentParts, forms: readonly F[], body: (form: F) => string[]): string {
  const history = parts.history.slice(0, MAX_HISTORY);
  const tries = [
    ...forms.slice(0, 2).map((f) => ({ f, history })),
    ...forms.slice(1).map((f) => ({ f, history: [] })),
  ];
  return firstThatFits(
    tries,
    (t) => renderCommentBody({ ...parts, history: t.history }, body(t.f)),
    fitsComment,
  );
}

/** The whole comment body for the current report and the given earlier runs, within MAX_COMMENT_CHARS. */
export function renderStickyComment(input: {
  service: string;
  report: RunReport;
  history: HistoryEntry[];
  ctx?: RenderContext;
}): string {
  const { report } = input;
  const ctx = input.ctx ?? {};
  // Largest first; each fallback keeps the marker, the verdict line, the links and the state block.
  return fitComment(
    {
      marker: commentMarker(input.service),
      current: entryFor(report),
      history: input.history,
      repoUrl: ctx.repoUrl,
    },
    [false, true],
    (compact) => [renderReport(report, ctx, { compact })],
  );
}
