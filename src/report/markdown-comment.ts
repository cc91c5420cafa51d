/**
 * The sticky PR comment: a hidden marker on the first line (how later runs find it), the current run
 * rendered in full, earlier runs folded one line each, and a hidden state block that carries the history
 * from run to run as base64 JSON (so nothing in it can close an HTML comment). Pure.
 */
import { escapeText, inlineCode, safeLink, sanitiseMarkerValue } from './markdown.js';
import { STATE_LABELS, renderHeading, renderReportBody, type RenderContext } from './markdown-report.js';
import type { RunReport, RunState } from './run-report.js';

/** How many earlier runs the comment keeps. */
export const MAX_HISTORY = 10;

/** One earlier run, as folded under "Earlier runs". */
export interface HistoryEntry {
  state: RunState;
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

/** The history entry that stands for a report. */
export function entryFor(report: RunReport): HistoryEntry {
  const entry: HistoryEntry = { state: report.state, at: report.startedAt };
  if (report.commitSha !== undefined) entry.sha = report.commitSha;
  if (report.url !== undefined) entry.url = report.url;
  if (report.runUrl !== undefined) entry.runUrl = report.runUrl;
  if (report.revision !== undefined) entry.revision = report.revision;
  return entry;
}

const STATES = new Set<string>(Object.keys(STATE_LABELS));

function toEntry(value: unknown): HistoryEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.state !== 'string' || !STATES.has(v.state) || typeof v.at !== 'string') return null;
  const entry: HistoryEntry = { state: v.state as RunState, at: v.at };
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
export function nextHistory(previous: CommentState | null, report: RunReport): HistoryEntry[] {
  if (previous === null) return [];
  const sameRun = previous.current.runUrl !== undefined && previous.current.runUrl === report.runUrl;
  const history = sameRun ? previous.history : [previous.current, ...previous.history];
  return history.slice(0, MAX_HISTORY);
}

/** One folded line for an earlier run. */
export function renderHistoryLine(entry: HistoryEntry): string {
  const parts = [STATE_LABELS[entry.state]];
  if (entry.sha !== undefined) parts.push(inlineCode(entry.sha.slice(0, 7)));
  if (entry.revision !== undefined) parts.push(inlineCode(entry.revision));
  if (entry.url !== undefined) parts.push(safeLink('preview', entry.url));
  if (entry.runUrl !== undefined) parts.push(safeLink('run', entry.runUrl));
  parts.push(escapeText(entry.at));
  return `- ${parts.join(' · ')}`;
}

/** The whole comment body for the current report and the given earlier runs. */
export function renderStickyComment(input: {
  service: string;
  report: RunReport;
  history: HistoryEntry[];
  ctx?: RenderContext;
}): string {
  const { report } = input;
  const history = input.history.slice(0, MAX_HISTORY);
  const parts = [
    commentMarker(input.service),
    renderHeading(report),
    '',
    renderReportBody(report, input.ctx),
  ];
  if (history.length > 0) {
    parts.push(
      '',
      `<details><summary>Earlier runs (${history.length})</summary>`,
      '',
      ...history.map(renderHistoryLine),
      '',
      '</details>',
    );
  }
  const state: CommentState = { current: entryFor(report), history };
  parts.push('', `${STATE_PREFIX}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')} -->`);
  return parts.join('\n');
}
