/**
 * Escaping for untrusted text (branch names, titles, commit messages, error text) placed into GitHub
 * Markdown. Everything here is pure. The goal is that such text renders as the literal characters it
 * holds: it can open no HTML element, close none of ours (`</details>`), start or end an HTML comment
 * (which would hide the rest of the comment or forge our marker), ping anyone, or break a table row.
 */

const ZERO_WIDTH_SPACE = '\u200B';

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five HTML-significant characters, for text inside HTML elements or attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Collapses every kind of line break and control character into single spaces: one value, one line. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ').trim();
}

/** Breaks `@name` and `@org/team` mentions with a zero-width space so GitHub notifies nobody. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_SPACE}`);
}

/**
 * Breaks the HTML comment delimiters `<!--` and `-->` even where HTML is not interpreted (code spans),
 * so untrusted text can never forge or close the sticky comment's hidden marker in the raw body.
 */
export function neutraliseCommentDelimiters(text: string): string {
  let out = text;
  // Repeat: removing one delimiter can join the pieces of another (`<!<!----`).
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(/<!--/g, '<!-\u200B-').replace(/--(?=>)/g, `-${ZERO_WIDTH_SPACE}-`);
  }
  return out;
}

/** Backslash-escapes the characters that start Markdown constructs: emphasis, links, code, headings, tables. */
export function escapeMarkdownPunctuation(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}

/** Untrusted text as plain, literal, single-line Markdown text outside tables. */
export function escapeText(text: string): string {
  // Markdown first: HTML escaping adds `#` and `;` (`&#39;`) that must stay unescaped entities.
  return neutraliseMentions(escapeHtml(escapeMarkdownPunctuation(oneLine(text))));
}

/** Untrusted text for one cell of a GFM table (pipes escaped, one line). */
export function escapeTableCell(text: string): string {
  // escapeText already escapes `|`; an empty cell still needs content to keep the column.
  const escaped = escapeText(text);
  return escaped === '' ? ' ' : escaped;
}

/**
 * Untrusted text as an inline code span: the fence is longer than any backtick run inside, and in a table
 * cell `|` is escaped (GFM splits cells before parsing code spans, even inside them).
 */
export function inlineCode(text: string, opts: { inTable?: boolean } = {}): string {
  let body = neutraliseCommentDelimiters(oneLine(text));
  if (opts.inTable === true) body = body.replace(/\|/g, '\\|');
  if (body === '') return '` `';
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A link whose text is untrusted and whose target must be an http(s) URL; anything else renders as
 * escaped text without a link (a `javascript:` target or a `)` that escapes the link syntax never lands).
 */
export function safeLink(label: string, url: string | undefined): string {
  const text = escapeText(label);
  if (url === undefined) return text;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return text;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return text;
  // URL serialisation percent-encodes spaces, quotes and angle brackets; parentheses are encoded by hand.
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${text}](${href})`;
}

/** A service name reduced to the characters allowed in the hidden marker. */
export function sanitiseMarkerValue(value: string): string {
  const cleaned = value.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-');
  return cleaned.replace(/-{2,}/g, '-').slice(0, 100) || 'default';
}
