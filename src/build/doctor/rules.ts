/**
 * The Dockerfile doctor's rules, declared once: a stable id (what `dockerfile_ignore` and the inline
 * `# gcp-deploy: ignore=<id>` comment name), a one-line reason and the fix. The checks that find them live
 * beside this file; the renderers and the annotations read the words from here.
 */

export const RULES = {
  'root-user': {
    title: 'Runs as root',
    reason: 'the container runs as root: a flaw in the app or a dependency gets root in the container',
    fix: 'add `USER 65532:65532` (or a named user the image creates) to the final stage',
  },
  'unpinned-base': {
    title: 'Unpinned base image',
    reason: 'the base image has no version tag or is `latest`: the next build may get a different image',
    fix: 'name a version (`node:20.11-slim`), best with its digest (`node:20.11-slim@sha256:…`)',
  },
  'base-mismatch': {
    title: 'Services on different bases',
    reason: 'services of one environment are built FROM different versions of the same base image',
    fix: 'move every service to one version of the base image',
  },
  'secret-in-build': {
    title: 'Secret in ARG or ENV',
    reason: 'an ARG or ENV looks like a secret: its value stays in the image history or config',
    fix: 'pass it with `build_secrets` (RUN --mount=type=secret) or, at run time, with `secrets` (Secret Manager)',
  },
  'add-instead-of-copy': {
    title: 'ADD where COPY was meant',
    reason: 'ADD fetches URLs unverified and unpacks local archives: more than copying a file',
    fix: 'use COPY; for a download, `ADD --checksum=sha256:…` or a RUN that checks what it fetched',
  },
  'healthcheck-ignored': {
    title: 'HEALTHCHECK is ignored',
    reason: 'Cloud Run never runs a Dockerfile HEALTHCHECK',
    fix: 'set a startup probe in `template_file` (startupProbe.httpGet.path) and the same `health_path`',
  },
  'port-mismatch': {
    title: 'Port contradicts PORT',
    reason: 'the Dockerfile listens on a port other than the one Cloud Run sends requests to',
    fix: 'listen on $PORT, or set the `port` input to the port the app listens on',
  },
  dockerignore: {
    title: 'Sensitive files sent to the build',
    reason: 'the context has no .dockerignore, or one that does not exclude sensitive files it holds',
    fix: 'add a .dockerignore listing .git, .env*, gha-creds-*.json and key files',
  },
  'large-context': {
    title: 'Very large build context',
    reason: 'the build context is very large: every build sends it, and COPY . copies it',
    fix: 'exclude what the image does not need in .dockerignore (dependencies, data, build output)',
  },
  'large-image': {
    title: 'Very large image',
    reason: 'the image is very large: every new instance pulls it, which slows cold starts',
    fix: 'use a slim or distroless base and a multi-stage build that copies only what runs',
  },
} as const;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}

/** One thing the doctor found, where it found it. */
export interface Finding {
  rule: RuleId;
  /** What was found here, in one line (never a secret's value). */
  message: string;
  /** Workspace-relative path of the file the finding is about (the Dockerfile, or the .dockerignore). */
  file?: string;
  /** 1-based line of the instruction, when the finding is about one. */
  line?: number;
}

/** A finding skipped on request, with where the request came from. */
export interface IgnoredFinding extends Finding {
  ignoredBy: string;
}

/** What the doctor said about one service's image: before the build, and after it from the image itself. */
export interface DoctorReport {
  mode: DoctorMode;
  findings: Finding[];
  ignored: IgnoredFinding[];
  /** Read from the pushed (or prebuilt) image's config. */
  image?: { sizeBytes?: number; user?: string };
}

export const DOCTOR_MODES = ['warn', 'error', 'off'] as const;
export type DoctorMode = (typeof DOCTOR_MODES)[number];
