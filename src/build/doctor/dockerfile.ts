/**
 * A Dockerfile as the doctor reads it: stages with their base image (ARG-parametrised FROM resolved with
 * the global ARG defaults and the `build_args` input), each stage's instructions with their 1-based line,
 * and the inline `# gcp-deploy: ignore=<id>` comments. Parsing is dockerfile-ast's (escape directives,
 * line continuations and heredocs included); no I/O here.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { splitImageReference } from '../../shared/image-ref.js';

export interface Step {
  keyword: string;
  /** 1-based line where the instruction starts. */
  line: number;
  /** The instruction's words, continuation lines joined, heredoc bodies included as words. */
  args: string[];
  /** NAME=value pairs of ARG and ENV (value null for `ARG NAME`). */
  properties: { name: string; value: string | null }[];
  /** `--name=value` flags (COPY, ADD, FROM, RUN), by name. */
  flags: Record<string, string>;
}

export interface Stage {
  /** `AS name`, lower-cased as Docker compares stage names. */
  name?: string;
  /** 1-based line of the FROM. */
  line: number;
  /** The FROM's image as written. */
  rawImage: string;
  /** With variables resolved; undefined when one is unknown. */
  image?: string;
  /** Index of the earlier stage this one builds on, when FROM names a stage. */
  parent?: number;
  steps: Step[];
}

export interface ParsedDockerfile {
  stages: Stage[];
  /** ARG defaults before the first FROM, overridden by the build args. */
  globals: Record<string, string>;
  /** Rule ids an inline comment skips, per line of the instruction that follows it. */
  ignoresByLine: Map<number, { ids: string[]; reason: string; commentLine: number }>;
  /** Rule ids a comment above the first FROM skips for the whole file. */
  ignoresInFile: { ids: string[]; reason: string; commentLine: number }[];
}

const IGNORE = /^gcp-deploy:\s*ignore=([A-Za-z0-9_,-]+)\s*(.*)$/;

/** `$X`, `${X}`, `${X:-default}` and `${X:+alt}` as Docker expands them in FROM; undefined if X is unknown. */
export function expand(text: string, vars: Record<string, string>): string | undefined {
  let unknown = false;
  const out = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare?: string) => {
      const name = braced ?? bare ?? '';
      const value = vars[name];
      if (op === ':-') return value === undefined || value === '' ? (word ?? '') : value;
      if (op === ':+') return value === undefined || value === '' ? '' : (word ?? '');
      if (value === undefined) unknown = true;
      return value ?? '';
    },
  );
  return unknown ? undefined : out;
}

function flagsOf(instruction: Instruction): Record<string, string> {
  const withFlags = instruction as Instruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[];
  };
  if (typeof withFlags.getFlags !== 'function') return {};
  return Object.fromEntries(withFlags.getFlags().map((f) => [f.getName(), f.getValue() ?? '']));
}

function propertiesOf(instruction: Instruction): { name: string; value: string | null }[] {
  const withProps = instruction as Instruction & {
    getProperties?: () => { getName(): string; getValue(): string | null }[];
  };
  if (typeof withProps.getProperties !== 'function') return [];
  return withProps.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }));
}

/** Parses the Dockerfile text; `buildArgs` override the global ARG defaults, as `--build-arg` does. */
export function parseDockerfile(text: string, buildArgs: Record<string, string> = {}): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const firstFrom = instructions.find((i) => i.getKeyword() === 'FROM');
  const firstFromLine = firstFrom === undefined ? Infinity : firstFrom.getRange().start.line;

  const globals: Record<string, string> = {};
  for (const arg of dockerfile.getInitialARGs()) {
    for (const p of propertiesOf(arg)) {
      // As `--build-arg` does: a value given for a declared ARG wins over its default.
      const value = Object.hasOwn(buildArgs, p.name) ? buildArgs[p.name] : p.value;
      if (value !== null && value !== undefined) globals[p.name] = value;
    }
  }

  const ignoresByLine: ParsedDockerfile['ignoresByLine'] = new Map();
  const ignoresInFile: ParsedDockerfile['ignoresInFile'] = [];
  // Read from the lines themselves: the parser drops a comment on the first line (a directive's place),
  // and a line inside an instruction (a heredoc body, a continuation) is not a comment.
  const ranges = instructions.map((i) => [i.getRange().start.line, i.getRange().end.line] as const);
  text.split(/\r?\n/).forEach((raw, commentLine) => {
    const m = IGNORE.exec(raw.trim().replace(/^#\s*/, ''));
    if (!raw.trim().startsWith('#') || m === null) return;
    if (ranges.some(([start, end]) => commentLine > start && commentLine <= end)) return;
    const entry = {
      ids: (m[1] ?? '').split(',').filter((id) => id !== ''),
      reason: (m[2] ?? '').replace(/^[-:\u2014\s]+/, '').trim(),
      commentLine: commentLine + 1,
    };
    if (commentLine < firstFromLine) {
      ignoresInFile.push(entry);
      return;
    }
    const next = instructions.find((i) => i.getRange().start.line > commentLine);
    if (next === undefined) return;
    const line = next.getRange().start.line + 1;
    const seen = ignoresByLine.get(line);
    ignoresByLine.set(line, seen === undefined ? entry : { ...seen, ids: [...seen.ids, ...entry.ids] });
  });

  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'FROM') {
      const args = instruction.getArguments().map((a) => a.getValue());
      const flagless = args.filter((a) => !a.startsWith('--'));
      const rawImage = flagless[0] ?? '';
      const asIndex = flagless.findIndex((a) => a.toUpperCase() === 'AS');
      const name = asIndex > 0 ? flagless[asIndex + 1]?.toLowerCase() : undefined;
      const image = expand(rawImage, globals);
      const parent =
        image === undefined
          ? -1
          : stages.findIndex((s) => s.name !== undefined && s.name === image.toLowerCase());
      stages.push({
        ...(name === undefined ? {} : { name }),
        line,
        rawImage,
        ...(image === undefined ? {} : { image }),
        ...(parent >= 0 ? { parent } : {}),
        steps: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) continue;
    stage.steps.push({
      keyword,
      line,
      args: instruction.getArguments().map((a) => a.getValue()),
      properties: propertiesOf(instruction),
      flags: flagsOf(instruction),
    });
  }
  return { stages, globals, ignoresByLine, ignoresInFile };
}

/** The stage that becomes the image: the `target`, else the last one. */
export function finalStageIndex(parsed: ParsedDockerfile, target?: string): number {
  if (target !== undefined) {
    const i = parsed.stages.findIndex((s) => s.name === target.toLowerCase());
    if (i >= 0) return i;
  }
  return parsed.stages.length - 1;
}

/** The final stage and the stages it builds on, nearest first: what the image inherits. */
export function stageChain(parsed: ParsedDockerfile, index: number): Stage[] {
  const chain: Stage[] = [];
  for (let i: number | undefined = index; i !== undefined && i >= 0;) {
    const stage: Stage | undefined = parsed.stages[i];
    if (stage === undefined || chain.includes(stage)) break;
    chain.push(stage);
    i = stage.parent;
  }
  return chain;
}

/** An image reference split up: `docker.io/library/node:20@sha256:…` -> repository, tag, digest. */
export function splitImage(ref: string): { repository: string; tag?: string; digest?: string } {
  const { name, tag, digest } = splitImageReference(ref);
  let repository = name.toLowerCase().replace(/^(docker\.io|index\.docker\.io)\//, '');
  if (!repository.includes('/')) repository = `library/${repository}`;
  return {
    repository: repository.replace(/^library\//, ''),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}
