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

/**
 * Removes invisible format characters (Unicode category Cf): bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), zero-width spaces and joiners, the BOM, soft hyphens. In untrusted text
 * they can make a branch or title read differently from what it is; nothing we show needs them.
 */
export function stripInvisible(text: string): string {
  return text.replace(/\p{Cf}+/gu, '');
}

/** Collapses every kind of line break and control character into single spaces: one value, one line. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
  return stripInvisible(text).replace(controls, ' ').trim();
}

/** At most `max` characters (code points, so no surrogate pair is split), with `…` when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
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

/** escapeText for a piece of a line that is already one line: spaces at its ends are kept. */
function escapeInline(piece: string): string {
  return neutraliseMentions(escapeHtml(escapeMarkdownPunctuation(piece)));
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
 * An http(s) URL as a Markdown link destination, or undefined for anything else (a `javascript:` target
 * or a `)` that escapes the link syntax never lands).
 */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // URL serialisation percent-encodes spaces, quotes and angle brackets; parentheses are encoded by hand,
  // and `|`, which would end a table cell even inside a link target. `&` is written as the entity Markdown
  // decodes back to `&`, so `&lt;` in a query cannot turn into `<`.
  return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\|/g, '%7C').replace(/&/g, '&amp;');
}

/** A link whose text is untrusted and whose target must be an http(s) URL; otherwise escaped text alone. */
export function safeLink(label: string, url: string | undefined): string {
  return linkMarkdown(escapeText(label), url);
}

/** A link around Markdown that is already safe (a code span, escaped text); that Markdown alone when `url` is not http(s). */
export function linkMarkdown(markdown: string, url: string | undefined): string {
  const href = safeHref(url);
  return href === undefined ? markdown : `[${markdown}](${href})`;
}

/** http(s) URLs and `www.` hosts in running text, without the punctuation that usually ends a sentence. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;

function trimUrl(match: string): string {
  return match.replace(/[.,;:!?)\]}'"]+$/, '');
}

/** A short, readable label for a link to `href`: host and the start of the path. */
export function linkLabel(href: URL): string {
  const path = href.pathname === '/' ? '' : href.pathname;
  return truncate(`${href.host}${path}`, 60);
}

/**
 * Untrusted prose (server error messages) as one line of Markdown text in which every http(s) URL becomes
 * a link with a short label and an exact target, and the rest is escaped text. Left to GFM's autolinker,
 * such URLs come out broken: the escapes escapeText adds (`\_`, `\#`, `&amp;`) would land inside them.
 * With `links: false` (PR titles) URLs become code spans: readable, copyable, never a link.
 */
export function escapeProse(text: string, opts: { links?: boolean; inTable?: boolean } = {}): string {
  const line = oneLine(text);
  const out: string[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const raw = trimUrl(match[0]);
    const start = match.index;
    out.push(escapeInline(line.slice(last, start)));
    last = start + raw.length;
    let href: URL | undefined;
    try {
      href = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
    } catch {
      href = undefined;
    }
    if (opts.links === false || href === undefined || !/^https?:$/.test(href.protocol)) {
      out.push(inlineCode(raw, { inTable: opts.inTable }));
    } else {
      out.push(safeLink(linkLabel(href), href.href));
    }
  }
  out.push(escapeInline(line.slice(last)));
  return out.join('').trim();
}

/**
 * Splits a message at the end of its first sentence (a `.`, `!` or `?` followed by a space and a capital),
 * for showing the first sentence and folding the rest. A first sentence longer than `max` is cut there.
 */
export function splitFirstSentence(text: string, max = 200): { first: string; rest: string } {
  const line = oneLine(text);
  // Dots inside URLs and names (`run.app`, `v1.2`) are not followed by a space, so they never end a sentence.
  const end = /[.!?](?=\s+["'(]?[A-Z])/.exec(line);
  const cut = end === null ? line.length : end.index + 1;
  if (cut <= max) return { first: line.slice(0, cut), rest: line.slice(cut).trim() };
  const chars = Array.from(line);
  return { first: `${chars.slice(0, max).join('')}…`, rest: `…${chars.slice(max).join('')}` };
}

/** A service name reduced to the characters allowed in the hidden marker. */
export function sanitiseMarkerValue(value: string): string {
  const cleaned = value.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-');
  return cleaned.replace(/-{2,}/g, '-').slice(0, 100) || 'default';
}

/**
 * Our own sentences that quote commands between single backticks (notes such as "open it with `gcp-deploy
 * proxy ...`"): each quoted part becomes a code span, the rest is escaped prose. Without this the backticks
 * came out escaped, as literal `\``. Untrusted text inside stays inert either way (inlineCode, escapeProse).
 */
export function escapeProseWithCode(text: string, opts: { links?: boolean; inTable?: boolean } = {}): string {
  const parts = oneLine(text).split('`');
  // An odd count of backticks leaves the last one unpaired: the whole text stays prose.
  if (parts.length % 2 === 0) return escapeProse(text, opts);
  const prose = (part: string): string => {
    const body = escapeProse(part, opts);
    const lead = /^\s/.test(part) ? ' ' : '';
    const trail = /\s$/.test(part) ? ' ' : '';
    return body === '' ? lead || trail : `${lead}${body}${trail}`;
  };
  return parts
    .map((part, i) => (i % 2 === 1 ? inlineCode(part, { inTable: opts.inTable }) : prose(part)))
    .join('')
    .trim();
}
