/**
 * The Dockerfile doctor: before a build, the Dockerfile (every stage) and the context are checked against
 * the rules in rules.ts; after it, the image's own config (user, size). Skips come from the inline
 * `# gcp-deploy: ignore=<id> [reason]` comment or the `dockerfile_ignore` input, and are kept with the
 * reason. Reading files is the only I/O; what to do with the findings is the commands'.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Config } from '../../config/config.js';
import { checkContext, formatBytes, scanContext } from './context-rules.js';
import { checkDockerfile, externalBase } from './dockerfile-rules.js';
import {
  finalStageIndex,
  parseDockerfile,
  splitImage,
  stageChain,
  type ParsedDockerfile,
} from './dockerfile.js';
import { RULES, type DoctorReport, type Finding, type IgnoredFinding, type RuleId } from './rules.js';

export { RULES, RULE_IDS, DOCTOR_MODES, isRuleId } from './rules.js';
export type { DoctorMode, DoctorReport, Finding, IgnoredFinding, RuleId } from './rules.js';

/** A compressed image over this pulls slowly enough on every cold start to be worth a finding. */
export const LARGE_IMAGE_BYTES = 1024 * 1024 * 1024;

/** A path as an annotation names it: relative to the workspace when inside it. */
export function workspacePath(
  path: string,
  workspace: string = process.env.GITHUB_WORKSPACE ?? process.cwd(),
): string {
  const rel = relative(resolve(workspace), resolve(path));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
}

/** One service's Dockerfile, parsed, with what the environment comparison needs from it. */
export interface Examined {
  findings: Finding[];
  ignored: IgnoredFinding[];
  /** The final stage's base image (resolved), its FROM line and the Dockerfile's path; undefined for scratch. */
  base?: { image: string; line: number; file: string };
  parsed: ParsedDockerfile;
}

/** Splits findings into those reported and those skipped, with the reason each skip gives. */
export function applyIgnores(
  findings: Finding[],
  parsed: ParsedDockerfile | undefined,
  inputIgnores: readonly string[],
): { findings: Finding[]; ignored: IgnoredFinding[] } {
  const kept: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const f of findings) {
    const why = ignoreReason(f, parsed, inputIgnores);
    if (why === undefined) kept.push(f);
    else ignored.push({ ...f, ignoredBy: why });
  }
  return { findings: kept, ignored };
}

function ignoreReason(
  f: Finding,
  parsed: ParsedDockerfile | undefined,
  inputIgnores: readonly string[],
): string | undefined {
  const said = (c: { reason: string; commentLine: number }, where: string): string =>
    `${where} on line ${c.commentLine}${c.reason === '' ? '' : `: ${c.reason}`}`;
  const line = f.line === undefined ? undefined : parsed?.ignoresByLine.get(f.line);
  if (line?.ids.includes(f.rule) === true) return said(line, 'the comment');
  const file = parsed?.ignoresInFile.find((c) => c.ids.includes(f.rule));
  if (file !== undefined) return said(file, 'the file-wide comment');
  if (inputIgnores.includes(f.rule)) return 'the dockerfile_ignore input';
  return undefined;
}

/** Reads and checks one service's Dockerfile and context (the build's inputs, as checkBuildContext passed them). */
export function examineBuild(build: Config['build'], port: number, ignore: readonly string[]): Examined {
  const dockerfilePath = resolve(build.dockerfile ?? join(build.context, 'Dockerfile'));
  const file = workspacePath(dockerfilePath);
  const parsed = parseDockerfile(readFileSync(dockerfilePath, 'utf8'), build.buildArgs);
  const all = [
    ...checkDockerfile(parsed, {
      file,
      port,
      ...(build.target === undefined ? {} : { target: build.target }),
    }),
    ...checkContext(scanContext(build.context), {
      dockerfileFile: file,
      dockerignoreFile: workspacePath(join(build.context, '.dockerignore')),
    }),
  ];
  const chain = stageChain(parsed, finalStageIndex(parsed, build.target));
  const root = chain.at(-1);
  const image = root === undefined ? undefined : externalBase(root);
  return {
    ...applyIgnores(all, parsed, ignore),
    ...(image === undefined || root === undefined ? {} : { base: { image, line: root.line, file } }),
    parsed,
  };
}

/**
 * Services of one environment built FROM different versions of one base image: a finding on each such
 * service's FROM line naming what the others use. Keyed by service name.
 */
export function compareBases(
  members: { name: string; base?: { image: string; line: number; file: string } }[],
): Map<string, Finding[]> {
  const byRepo = new Map<string, { name: string; version: string; line: number; file: string }[]>();
  for (const m of members) {
    if (m.base === undefined) continue;
    const { repository, tag, digest } = splitImage(m.base.image);
    const version = `${tag ?? 'latest'}${digest === undefined ? '' : `@${digest}`}`;
    const list = byRepo.get(repository) ?? [];
    list.push({ name: m.name, version, line: m.base.line, file: m.base.file });
    byRepo.set(repository, list);
  }
  const out = new Map<string, Finding[]>();
  for (const [repository, uses] of byRepo) {
    if (new Set(uses.map((u) => u.version)).size < 2) continue;
    for (const u of uses) {
      const others = uses
        .filter((o) => o.name !== u.name && o.version !== u.version)
        .map((o) => `${o.name} uses ${repository}:${o.version}`);
      const list = out.get(u.name) ?? [];
      list.push({
        rule: 'base-mismatch',
        message: `${u.name} is built FROM ${repository}:${u.version}; ${others.join(', ')}`,
        file: u.file,
        line: u.line,
      });
      out.set(u.name, list);
    }
  }
  return out;
}

/** The image's config after the build: a root user (unless the Dockerfile already said so) and its size. */
export function checkImage(
  image: { user?: string; sizeBytes?: number },
  o: { imageRef: string; dockerfileSaid: boolean; file?: string },
): Finding[] {
  const out: Finding[] = [];
  const user = image.user ?? '';
  const name = user.split(':')[0] ?? '';
  if (!o.dockerfileSaid && (name === '' || name === 'root' || name === '0')) {
    out.push({
      rule: 'root-user',
      message: `the image ${o.imageRef} runs as ${user === '' ? 'root (its config sets no user)' : `"${user}"`}`,
      ...(o.file === undefined ? {} : { file: o.file }),
    });
  }
  if (image.sizeBytes !== undefined && image.sizeBytes > LARGE_IMAGE_BYTES) {
    out.push({
      rule: 'large-image',
      message: `the image is ${formatBytes(image.sizeBytes)} compressed`,
      ...(o.file === undefined ? {} : { file: o.file }),
    });
  }
  return out;
}

/** One finding as a line: what the annotation, the log and the error say. */
export function describeFinding(f: Finding): string {
  const where = f.file === undefined ? '' : ` (${f.file}${f.line === undefined ? '' : `:${f.line}`})`;
  return `${f.rule}${where}: ${f.message}. Fix: ${RULES[f.rule].fix}`;
}

/** The message that fails a run in `error` mode, naming each finding. */
export function blockingMessage(findings: Finding[]): string {
  const n = findings.length;
  return (
    `Input 'dockerfile_checks' is error and the Dockerfile doctor found ${n} problem${n === 1 ? '' : 's'}; nothing was built: ` +
    findings.map(describeFinding).join('; ') +
    `. Fix them, or skip a rule with dockerfile_ignore or a "# gcp-deploy: ignore=<id> <reason>" comment above the line.`
  );
}

/** A report for the run, from what was examined (empty lists when nothing was found). */
export function doctorReport(
  mode: DoctorReport['mode'],
  examined?: Pick<Examined, 'findings' | 'ignored'>,
): DoctorReport {
  return { mode, findings: [...(examined?.findings ?? [])], ignored: [...(examined?.ignored ?? [])] };
}

/** Rule ids a run's `dockerfile_ignore` names are checked in parseConfig; this is their type. */
export type IgnoreList = readonly RuleId[];
