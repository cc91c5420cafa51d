/**
 * Markdown rendered the way GitHub shows a comment, close enough to measure and review it: GitHub-flavoured
 * Markdown (marked), then GitHub's kind of sanitising (an allowlist of elements and attributes, comments
 * dropped, links only to http(s) and relative targets), in a 900 px column styled like github.com's
 * `markdown-body`. Used by the comment snapshot tests and the height measurements.
 */
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false });

const ALLOWED: Record<string, string[]> = {
  a: ['href'],
  b: [],
  blockquote: [],
  br: [],
  code: [],
  del: [],
  details: ['open'],
  div: [],
  em: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ['src', 'alt'],
  input: ['type', 'checked', 'disabled'],
  kbd: [],
  li: [],
  ol: [],
  p: [],
  pre: [],
  s: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['align'],
  th: ['align'],
  thead: [],
  tr: [],
  ul: [],
};

/** Elements GitHub removes with everything inside them. */
const DROPPED_WITH_CONTENT = /<(script|style|iframe|object|embed|template|textarea)\b[\s\S]*?<\/\1\s*>/gi;

function sanitiseAttributes(tag: string, attrs: string): string {
  const allowed = ALLOWED[tag] ?? [];
  const kept: string[] = [];
  for (const m of attrs.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!allowed.includes(name)) continue;
    const raw = m[2] ?? '';
    const value = raw.replace(/^["']|["']$/g, '');
    if ((name === 'href' || name === 'src') && !/^(https?:|mailto:|#|\/(?!\/))/i.test(value)) continue;
    kept.push(raw === '' ? name : `${name}="${value.replace(/"/g, '&quot;')}"`);
  }
  if (tag === 'a' && kept.some((k) => k.startsWith('href='))) kept.push('rel="nofollow"');
  return kept.length === 0 ? '' : ` ${kept.join(' ')}`;
}

/** GitHub's sanitising of rendered HTML, reduced to what a comment can contain. */
export function sanitiseLikeGitHub(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(DROPPED_WITH_CONTENT, '')
    .replace(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g, (_all, close: string, name: string, attrs: string) => {
      const tag = name.toLowerCase();
      if (!(tag in ALLOWED)) return '';
      return close === '/' ? `</${tag}>` : `<${tag}${sanitiseAttributes(tag, attrs)}>`;
    });
}

/** The HTML GitHub would show for a comment body. */
export function renderLikeGitHub(markdown: string): string {
  return sanitiseLikeGitHub(marked.parse(markdown, { async: false }));
}

/** The comment column's width on github.com at a common desktop size. */
export const COLUMN_PX = 900;

/** github.com's `markdown-body` rules that decide a comment's layout (Primer, light theme). */
export const GITHUB_CSS = `
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: ${COLUMN_PX}px; padding: 16px; color: #1f2328;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif,
    "Apple Color Emoji", "Segoe UI Emoji"; font-size: 14px; line-height: 1.5; word-wrap: break-word; }
.markdown-body > *:first-child { margin-top: 0 !important; }
.markdown-body > *:last-child { margin-bottom: 0 !important; }
.markdown-body p, .markdown-body blockquote, .markdown-body ul, .markdown-body ol, .markdown-body table,
.markdown-body pre, .markdown-body details { margin-top: 0; margin-bottom: 16px; }
.markdown-body details > *:last-child { margin-bottom: 0; }
.markdown-body h1, .markdown-body h2, .markdown-body h3, .markdown-body h4 { margin-top: 24px;
  margin-bottom: 16px; font-weight: 600; line-height: 1.25; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body h4 { font-size: 1em; }
.markdown-body a { color: #0969da; text-decoration: underline; text-underline-offset: .2rem; }
.markdown-body strong { font-weight: 600; }
.markdown-body summary { display: list-item; cursor: pointer; }
.markdown-body ul, .markdown-body ol { padding-left: 2em; }
.markdown-body li + li { margin-top: .25em; }
.markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content;
  max-width: 100%; overflow: auto; font-variant: tabular-nums; }
.markdown-body table th { font-weight: 600; }
.markdown-body table th, .markdown-body table td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body table tr { background-color: #fff; border-top: 1px solid #d1d9e0b3; }
.markdown-body table tr:nth-child(2n) { background-color: #f6f8fa; }
.markdown-body code { padding: .2em .4em; margin: 0; font-size: 85%; white-space: break-spaces;
  background-color: #818b981f; border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
`;

/** A whole page showing `html` as a GitHub comment body. */
export function githubPage(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${GITHUB_CSS}</style></head><body><div class="markdown-body">${html}</div></body></html>`;
}

/** The Chromium the height measurements drive (Debian's `chromium` package unless told otherwise). */
export function chromiumPath(): string {
  return process.env.GCP_DEPLOY_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * The rendered height in CSS pixels of each Markdown body, laid out as a GitHub comment in a 900 px
 * column. Layout is deterministic for a given browser and fonts, so the figures can be asserted.
 */
export async function measureHeights(bodies: Record<string, string>): Promise<Record<string, number>> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    // Root in a container has no user namespace sandbox; the pages are our own static HTML.
    args: ['--no-sandbox', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: COLUMN_PX + 100, height: 800 } });
    const heights: Record<string, number> = {};
    for (const [name, markdown] of Object.entries(bodies)) {
      await page.setContent(githubPage(renderLikeGitHub(markdown)));
      const box = await page.locator('.markdown-body').boundingBox();
      if (box === null) throw new Error(`${name}: the comment body was not laid out`);
      heights[name] = Math.ceil(box.height);
    }
    return heights;
  } finally {
    await browser.close();
  }
}

/** A PNG of one body as GitHub would lay it out, for a human to look at. */
export async function screenshot(markdown: string, path: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: COLUMN_PX + 100, height: 800 } });
    await page.setContent(githubPage(renderLikeGitHub(markdown)));
    await page.locator('.markdown-body').screenshot({ path });
  } finally {
    await browser.close();
  }
}
