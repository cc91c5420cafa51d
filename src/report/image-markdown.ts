/**
 * The "Image" section the comment and the job summary share, for one service or every member of an
 * environment: the Dockerfile doctor's findings (rule id, where, what, the fix), the rules skipped and why,
 * and what the image's config said. Empty when there is nothing to say, so a clean build shows no section.
 */
import { RULES, type DoctorReport } from '../build/doctor/rules.js';
import { formatBytes } from '../build/doctor/context-rules.js';
import { escapeProse, escapeTableCell, inlineCode, truncate } from './markdown.js';
import { folded, table } from './markdown-parts.js';

const MAX_MESSAGE = 400;
const MAX_ROWS = 50;

export interface ImageSectionEntry {
  service: string;
  doctor?: DoctorReport;
}

/** A finding's message: the names it quotes ("API_KEY") as code, the rest as escaped prose. */
function message(text: string): string {
  return truncate(text, MAX_MESSAGE)
    .split(/"([^"]*)"/)
    .map((part, i) =>
      i % 2 === 1 ? inlineCode(part, { inTable: true }) : escapeProse(part, { inTable: true, links: false }),
    )
    .join(' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function where(f: { file?: string; line?: number }): string {
  if (f.file === undefined) return 'image';
  return inlineCode(`${f.file}${f.line === undefined ? '' : `:${f.line}`}`, { inTable: true });
}

/** The folded section; '' when no entry has a finding or a skipped one. */
export function renderImageSection(entries: ImageSectionEntry[]): string {
  const withDoctor = entries.filter(
    (e): e is Required<ImageSectionEntry> =>
      e.doctor !== undefined && e.doctor.findings.length + e.doctor.ignored.length > 0,
  );
  if (withDoctor.length === 0) return '';
  const several = entries.length > 1;
  const findings = withDoctor.flatMap((e) => e.doctor.findings.map((f) => ({ service: e.service, f })));
  const ignored = withDoctor.flatMap((e) => e.doctor.ignored.map((f) => ({ service: e.service, f })));
  const ids = [...new Set(findings.map(({ f }) => f.rule))];
  const blocking = withDoctor.some((e) => e.doctor.mode === 'error' && e.doctor.findings.length > 0);
  const n = findings.length;
  const summary =
    n === 0
      ? `Image: no findings (${ignored.length} skipped)`
      : `Image: ${n} finding${n === 1 ? '' : 's'} (${ids.join(', ')})`;
  const parts: string[] = [];
  if (n > 0) {
    const header = ['Rule', ...(several ? ['Service'] : []), 'Where', 'Finding', 'Fix'];
    const rows = findings
      .slice(0, MAX_ROWS)
      .map(({ service, f }) => [
        inlineCode(f.rule, { inTable: true }),
        ...(several ? [inlineCode(service, { inTable: true })] : []),
        where(f),
        message(f.message),
        escapeTableCell(RULES[f.rule].fix.replace(/`/g, '')),
      ]);
    parts.push(table(header, rows));
    if (findings.length > MAX_ROWS) parts.push(`_${findings.length - MAX_ROWS} more in the workflow run._`);
  }
  const lines: string[] = [];
  for (const { service, f } of ignored.slice(0, MAX_ROWS)) {
    lines.push(
      `**Skipped:** ${inlineCode(f.rule)}${several ? ` (${inlineCode(service)})` : ''} at ${where(f)}, ignored by ${escapeProse(truncate(f.ignoredBy, MAX_MESSAGE), { links: false })}`,
    );
  }
  for (const e of withDoctor) {
    const image = e.doctor.image;
    if (image === undefined) continue;
    const facts = [
      `user ${inlineCode(image.user === undefined || image.user === '' ? 'root (unset)' : image.user)}`,
      ...(image.sizeBytes === undefined ? [] : [`${formatBytes(image.sizeBytes)} compressed`]),
    ];
    lines.push(`**Image${several ? ` of ${inlineCode(e.service)}` : ''}:** ${facts.join(' · ')}`);
  }
  if (lines.length > 0) parts.push(lines.join('\\\n'));
  parts.push(
    blocking
      ? '_`dockerfile_checks: error` stopped the run before the build._'
      : '_Rules and how to skip one: see the Dockerfile doctor in the README._',
  );
  return folded(summary, parts.join('\n\n'), blocking);
}
