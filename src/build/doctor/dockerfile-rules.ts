/**
 * The rules read from the Dockerfile alone: who the final stage runs as, how bases are pinned, secrets in
 * ARG/ENV, ADD, HEALTHCHECK and the port. Pure: a parsed Dockerfile in, findings with their lines out.
 */
import {
  expand,
  finalStageIndex,
  splitImage,
  stageChain,
  type ParsedDockerfile,
  type Stage,
  type Step,
} from './dockerfile.js';
import type { Finding, RuleId } from './rules.js';

export interface DockerfileCheckOptions {
  /** Workspace-relative path of the Dockerfile, for the findings' `file`. */
  file: string;
  target?: string;
  /** The port Cloud Run sends requests to (the `port` input, 8080 by default). */
  port: number;
}

const SECRET_NAME =
  /(^|_)(SECRET|SECRETS|PASSWORD|PASSWD|PASS|PWD|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY|CREDENTIAL|CREDENTIALS|AUTH)(_|$)/;
// Names that say where a secret is, or which one, rather than being one.
const NOT_A_SECRET = /_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|NAME|ID|HEADER|TYPE|MODE|ENABLED|TTL)$/;
const SECRET_VALUES: [RegExp, string][] = [
  [/AKIA[0-9A-Z]{16}/, 'an AWS access key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/github_pat_[A-Za-z0-9_]{30,}/, 'a GitHub token'],
  [/AIza[0-9A-Za-z_-]{35}/, 'a Google API key'],
  [/xox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bsk_live_[A-Za-z0-9]{16,}/, 'a Stripe key'],
  [/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JWT'],
  [/:\/\/[^/\s:@]+:[^/\s@]+@/, 'a URL with a password'],
];

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;
const URL_SOURCE = /^(https?:\/\/|git@|git:\/\/)/i;

function finding(rule: RuleId, message: string, file: string, line: number): Finding {
  return { rule, message, file, line };
}

/** Variables a stage's instruction can see: globals, then the ARG/ENV defaults of its chain up to `line`. */
function varsAt(chain: Stage[], globals: Record<string, string>, line: number): Record<string, string> {
  const vars: Record<string, string> = { ...globals };
  for (const stage of [...chain].reverse()) {
    for (const step of stage.steps) {
      if (step.line >= line) break;
      if (step.keyword !== 'ARG' && step.keyword !== 'ENV') continue;
      for (const p of step.properties) if (p.value !== null) vars[p.name] = p.value;
    }
  }
  return vars;
}

function isRootUser(user: string): boolean {
  const name = user.split(':')[0]?.trim();
  return name === 'root' || name === '0';
}

function rootUser(parsed: ParsedDockerfile, chain: Stage[], o: DockerfileCheckOptions): Finding[] {
  const final = chain[0];
  if (final === undefined) return [];
  for (const stage of chain) {
    const users = stage.steps.filter((s) => s.keyword === 'USER');
    const last = users.at(-1);
    if (last === undefined) continue;
    const user = expand(last.args.join(' '), varsAt(chain, parsed.globals, last.line));
    // A user only known at build time is read from the image after the build instead.
    if (user === undefined || !isRootUser(user)) return [];
    return [finding('root-user', `the final stage runs as "${user}"`, o.file, last.line)];
  }
  const base = chain.at(-1);
  return [
    finding(
      'root-user',
      `no USER in the final stage: it runs as ${base?.image === 'scratch' ? 'root' : "the base image's user, root for most images"}`,
      o.file,
      final.line,
    ),
  ];
}

/** A FROM that names an image (not `scratch`, not an earlier stage), with its reference resolved. */
export function externalBase(stage: Stage): string | undefined {
  if (stage.parent !== undefined || stage.image === undefined) return undefined;
  if (stage.image.toLowerCase() === 'scratch') return undefined;
  return stage.image;
}

function unpinnedBases(parsed: ParsedDockerfile, o: DockerfileCheckOptions): Finding[] {
  const out: Finding[] = [];
  for (const stage of parsed.stages) {
    const image = externalBase(stage);
    if (image === undefined) continue;
    const { tag, digest } = splitImage(image);
    if (digest !== undefined) continue;
    if (tag === undefined || tag === 'latest') {
      const shown = stage.rawImage === image ? image : `${stage.rawImage} (${image})`;
      out.push(
        finding(
          'unpinned-base',
          `"${shown}" is ${tag === undefined ? 'not tagged' : 'tagged latest'}`,
          o.file,
          stage.line,
        ),
      );
    }
  }
  return out;
}

function secretLooking(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAME.test(upper) && !NOT_A_SECRET.test(upper);
}

function secrets(parsed: ParsedDockerfile, o: DockerfileCheckOptions): Finding[] {
  const out: Finding[] = [];
  const steps: Step[] = parsed.stages.flatMap((s) => s.steps);
  for (const step of steps) {
    if (step.keyword !== 'ARG' && step.keyword !== 'ENV') continue;
    for (const p of step.properties) {
      // Never the value itself: the finding goes to annotations, the comment and the summary.
      if (secretLooking(p.name)) {
        out.push(
          finding(
            'secret-in-build',
            `${step.keyword} "${p.name}" is named like a secret${step.keyword === 'ARG' ? ' (a build arg stays in the image history)' : ' (an ENV stays in the image config)'}`,
            o.file,
            step.line,
          ),
        );
        continue;
      }
      const kind = SECRET_VALUES.find(([re]) => p.value !== null && re.test(p.value))?.[1];
      if (kind !== undefined) {
        out.push(
          finding(
            'secret-in-build',
            `${step.keyword} "${p.name}" holds what looks like ${kind}`,
            o.file,
            step.line,
          ),
        );
      }
    }
  }
  return out;
}

function adds(parsed: ParsedDockerfile, o: DockerfileCheckOptions): Finding[] {
  const out: Finding[] = [];
  for (const step of parsed.stages.flatMap((s) => s.steps)) {
    if (step.keyword !== 'ADD') continue;
    const paths = step.args.filter((a) => !a.startsWith('--'));
    const sources = paths.slice(0, -1).filter((s) => !s.startsWith('<<'));
    const urls = sources.filter((s) => URL_SOURCE.test(s));
    const archives = sources.filter((s) => !URL_SOURCE.test(s) && ARCHIVE.test(s));
    const checked = step.flags.checksum !== undefined && step.flags.checksum !== '';
    if (urls.length > 0 && !checked) {
      out.push(
        finding(
          'add-instead-of-copy',
          `ADD fetches ${urls.join(', ')} without a checksum`,
          o.file,
          step.line,
        ),
      );
    } else if (archives.length > 0) {
      out.push(
        finding('add-instead-of-copy', `ADD unpacks the archive ${archives.join(', ')}`, o.file, step.line),
      );
    }
  }
  return out;
}

function healthchecks(chain: Stage[], o: DockerfileCheckOptions): Finding[] {
  for (const stage of chain) {
    const last = stage.steps.filter((s) => s.keyword === 'HEALTHCHECK').at(-1);
    if (last === undefined) continue;
    if (last.args[0]?.toUpperCase() === 'NONE') return [];
    const url = /https?:\/\/[^/\s'"]+(\/[^\s'"]*)?/.exec(last.args.join(' '));
    const path = url?.[1] ?? '/';
    return [
      finding(
        'healthcheck-ignored',
        `HEALTHCHECK is never run on Cloud Run; set startupProbe.httpGet.path: ${path} in template_file and health_path: ${path}`,
        o.file,
        last.line,
      ),
    ];
  }
  return [];
}

function ports(parsed: ParsedDockerfile, chain: Stage[], o: DockerfileCheckOptions): Finding[] {
  const out: Finding[] = [];
  const exposes: { step: Step; ports: number[] }[] = [];
  for (const stage of chain) {
    for (const step of stage.steps) {
      const vars = varsAt(chain, parsed.globals, step.line);
      if (step.keyword === 'EXPOSE') {
        const list = step.args
          .map((a) => expand(a, vars))
          .filter((a): a is string => a !== undefined)
          .map((a) => Number(a.split('/')[0]))
          .filter((n) => Number.isInteger(n) && n > 0);
        if (list.length > 0) exposes.push({ step, ports: list });
      }
      if (step.keyword === 'ENV') {
        const port = step.properties.find((p) => p.name === 'PORT');
        if (port?.value == null) continue;
        const value = expand(port.value, vars);
        if (value !== undefined && value !== '' && Number(value) !== o.port) {
          out.push(
            finding(
              'port-mismatch',
              `ENV PORT=${value}, but Cloud Run sets PORT=${o.port} at run time: an app listening on ${value} gets no requests`,
              o.file,
              step.line,
            ),
          );
        }
      }
    }
  }
  const all = exposes.flatMap((e) => e.ports);
  const first = exposes[0];
  if (first !== undefined && !all.includes(o.port)) {
    out.push(
      finding(
        'port-mismatch',
        `EXPOSE ${all.join(' ')}, but Cloud Run sends requests to port ${o.port}`,
        o.file,
        first.step.line,
      ),
    );
  }
  return out;
}

/** Every finding the Dockerfile itself shows, in line order. */
export function checkDockerfile(parsed: ParsedDockerfile, o: DockerfileCheckOptions): Finding[] {
  if (parsed.stages.length === 0) return [];
  const chain = stageChain(parsed, finalStageIndex(parsed, o.target));
  return [
    ...rootUser(parsed, chain, o),
    ...unpinnedBases(parsed, o),
    ...secrets(parsed, o),
    ...adds(parsed, o),
    ...healthchecks(chain, o),
    ...ports(parsed, chain, o),
  ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
