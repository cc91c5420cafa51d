/**
 * The rules every layout of the comment and the job summary shares (one service, an environment of several,
 * and the sections inside them): how a duration and a time read, how a message or a note is cut and escaped,
 * how a commit is linked, what the first line says, how a section folds, and how a body gives way to fit a
 * size limit. Each rule lives here once, so the layouts cannot drift apart. Pure.
 */
import {
  escapeProse,
  escapeProseWithCode,
  escapeText,
  inlineCode,
  linkMarkdown,
  oneLine,
  truncate,
} from './markdown.js';

/** How much of one server message or note a body shows; the rest is in the workflow log. */
export const MAX_MESSAGE = 2000;
/** How much of a service name a body shows (Cloud Run allows 49 characters). */
export const MAX_NAME = 63;
/** How many notes, and how much of each, a body that would not fit otherwise keeps. */
const COMPACT_NOTES = 10;
const COMPACT_MESSAGE = 300;

/** `850 ms`, `12.3 s`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

/** `12 s`, `850 ms`, `2 min 05 s`: whole seconds, as a table cell has little room. */
export function compactDuration(ms: number): string {
  if (Number.isFinite(ms) && ms >= 1000 && ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return formatDuration(ms);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2 Dec 2026, 17:01 UTC`: readable, with its time zone, the same for every reader and every runner. */
export function formatTime(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return escapeText(String(at));
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A GFM table; every cell must already be escaped for a table. */
export function table(
  header: readonly string[],
  rows: readonly string[][],
  align?: readonly string[],
): string {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [row(header), row(align ?? header.map(() => '---')), ...rows.map(row)].join('\n');
}

/** Stable: failing items first, each group in its own order. */
export function failingFirst<T>(items: readonly T[], ok: (item: T) => boolean): T[] {
  return [...items.filter((i) => !ok(i)), ...items.filter(ok)];
}

/** A folded section; `summary` must already be safe inside `<summary>`. */
export function folded(summary: string, body: string, open = false): string {
  return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', body, '', '</details>'].join(
    '\n',
  );
}

/** A commit's first 7 characters as code, linked to the commit when the repository is known. */
export function commitLink(sha: string | undefined, repoUrl: string | undefined): string | undefined {
  if (sha === undefined) return undefined;
  const code = inlineCode(sha.slice(0, 7));
  if (repoUrl === undefined || !/^[0-9a-f]{7,64}$/i.test(sha)) return code;
  return linkMarkdown(code, `${repoUrl}/commit/${sha}`);
}

/** A service name as a code span, one line, cut to a readable length. */
export function serviceCode(name: string, inTable = false): string {
  return inlineCode(truncate(oneLine(name), MAX_NAME), { inTable });
}

/** What the first line of every layout says, in this order. */
export interface HeadlineFacts {
  /** The verdict in words, bold. */
  title: string;
  /** `slower than production` (comparison-markdown.ts), bold. */
  slower?: string;
  /** The link to what this run serves. */
  link?: string;
  commitSha?: string;
  repoUrl?: string;
  /** The canary steps, `10 % → 50 % → 100 %`. */
  steps?: string;
  tally: { passed: number; total: number };
  startedAt: string;
  /** When the text is written: the "updated" time and the duration so far. */
  now: Date;
}

/** The first line: verdict, link, short commit, steps, checks passed of total, duration and time updated. */
export function headlineLine(h: HeadlineFacts): string {
  const parts = [`**${h.title}**`];
  if (h.slower !== undefined) parts.push(`**${h.slower}**`);
  if (h.link !== undefined) parts.push(h.link);
  const commit = commitLink(h.commitSha, h.repoUrl);
  if (commit !== undefined) parts.push(commit);
  if (h.steps !== undefined) parts.push(h.steps);
  if (h.tally.total > 0) parts.push(`${h.tally.passed}/${h.tally.total} checks passed`);
  const elapsed = h.now.getTime() - new Date(h.startedAt).getTime();
  if (Number.isFinite(elapsed) && elapsed >= 0) parts.push(`took ${formatDuration(elapsed)}`);
  parts.push(`updated ${formatTime(h.now)}`);
  return parts.join(' · ');
}

/** `**Why:** …`: why the run failed, escaped (`more` says where the rest of the message is). */
export function whyLine(reason: string, more = ''): string {
  return `**Why:** ${escapeProse(truncate(reason, MAX_MESSAGE))}${more}`;
}

/** `**Note:** …`: one of our notes (backticks quote commands), cut to `max`; `about` names whom it concerns. */
export function noteLine(note: string, opts: { max?: number; about?: string } = {}): string {
  const about = opts.about === undefined ? '' : `${inlineCode(opts.about)}: `;
  return `**Note:** ${about}${escapeProseWithCode(truncate(note, opts.max ?? MAX_MESSAGE))}`;
}

/**
 * The notes, one line each; `compact` (a body that would not fit otherwise) keeps the first few, shorter,
 * and says how many it left out.
 */
export function noteLines(notes: readonly string[], compact = false): string[] {
  const shown = compact ? notes.slice(0, COMPACT_NOTES) : notes;
  const lines = shown.map((n) => noteLine(n, { max: compact ? COMPACT_MESSAGE : MAX_MESSAGE }));
  const left = notes.length - shown.length;
  if (left > 0) lines.push(`_${plural(left, 'more note')} in the workflow run._`);
  return lines;
}

/** Said where a body gave up a part to stay within GitHub's size limit; `more` says where to look instead. */
export function leftOut(what: string, more = ''): string {
  return `_${what} were left out to stay within GitHub's size limit${more}._`;
}

/**
 * The size cap, in one place: renders each form from the largest down and returns the first that fits;
 * the last form is returned even when it does not (every layout makes its last form small by construction).
 */
export function firstThatFits<F>(
  forms: readonly F[],
  render: (form: F) => string,
  fits: (text: string) => boolean,
): string {
  let text = '';
  for (const form of forms) {
    text = render(form);
    if (fits(text)) return text;
  }
  return text;
}

/** GitHub refuses an issue comment body longer than this. */
export const MAX_COMMENT_CHARS = 65_536;
/** GitHub refuses a step summary larger than 1 MiB. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

export const fitsComment = (text: string): boolean => text.length <= MAX_COMMENT_CHARS;
export const fitsSummary = (text: string): boolean => Buffer.byteLength(text, 'utf8') <= MAX_SUMMARY_BYTES;
