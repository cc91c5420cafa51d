/** The CLI's usage text: `gcp-deploy --help` and `gcp-deploy help COMMAND`. */
import { inputsOf } from '../config/inputs.js';
import { ACTION_COMMANDS, type ActionCommand } from './args.js';
import { BOOLEAN_INPUTS, INPUT_NAMES, MULTILINE_INPUTS, envOf, flagOf } from './inputs.js';

/** Every command, with its line in --help: one list, so --help and the unknown-command error agree. */
const SUMMARIES: Record<string, string> = {
  preview:
    'build, push and deploy a tagged no-traffic revision for a pull or merge request, check it, report',
  candidate: 'build and deploy a default-branch commit with production settings at 0 %, checked, to promote',
  promote: 'deploy the checked image with production settings and move traffic (optionally in canary steps)',
  cleanup: "remove a closed pull request's preview (or, with --stale, every preview untouched that long)",
  rollback: 'point production back at the previous revision',
  proxy: 'open a private service or preview on localhost, adding an ID token to each request',
  smoke: 'run k6-style smoke checks against a URL (the check engine alone)',
  emulator: 'start the local Cloud Run emulator (from a checkout of gcp-deploy)',
  demo: 'deploy the example app as a preview on the emulator (from a checkout of gcp-deploy)',
  help: 'the flags of one command (gcp-deploy help <command>)',
};

export const COMMANDS = [...ACTION_COMMANDS, 'proxy', 'smoke', 'emulator', 'demo', 'help'] as const;

export const USAGE = `usage: gcp-deploy <command> [flags]

commands:
${COMMANDS.map((c) => `  ${c.padEnd(10)} ${SUMMARIES[c] ?? ''}`).join('\n')}

Flags are the action's inputs: the input project_id is --project-id VALUE (or --project-id=VALUE), or the
environment variable GCP_DEPLOY_PROJECT_ID. The pull request and commit come from --pr and --sha, or from the
CI system (GitHub Actions, GitLab CI, Cloud Build, Buildkite, CircleCI). --json prints the outputs as one JSON
object on stdout; logs go to stderr. Exit codes: 0 success, 1 failed or rolled back, 2 bad input.

  gcp-deploy help <command>   flags of one command
  gcp-deploy --version        the version
`;

const ABOUT: Record<ActionCommand, string> = {
  preview:
    'Builds the image (or deploys --image by digest), deploys a revision tagged pr-<number> with no traffic,\n' +
    'runs the health and smoke checks, rolls the tag back when they fail, and reports: to the pull request on\n' +
    'GitHub when --github-token and a GitHub repository are given, else on stderr.',
  candidate:
    'Builds the commit (--sha) and deploys it with production settings and no traffic under the candidate\n' +
    'tag, then runs the checks: what a push to the default branch does, so a release can promote that commit.',
  promote:
    'Deploys the image a preview checked (--promote-from tag:pr-42 | sha:COMMIT | digest:sha256:..., default\n' +
    'the commit of --sha) with production settings, checks it at 0 %, then moves traffic (--canary 10,50,100).',
  cleanup:
    "Deletes the pull request's tag and revisions (--pr), or sweeps previews older than --stale (such as 7d).",
  rollback: 'Points production traffic back at the revision it served before the last promotion.',
};

function wrap(items: string[], indent: string, width = 110): string {
  const lines: string[] = [];
  let line = indent;
  for (const item of items) {
    if (line.length + item.length + 1 > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${item} `;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

/** `gcp-deploy help preview`. */
export function commandHelp(command: ActionCommand): string {
  // Only the inputs this command reads (the action's `command` is the CLI's subcommand itself).
  const inputs = INPUT_NAMES.filter((n) => inputsOf(command).has(n)).map((n) =>
    BOOLEAN_INPUTS.has(n) ? `${flagOf(n)}[=false]` : `${flagOf(n)} V${MULTILINE_INPUTS.has(n) ? '...' : ''}`,
  );
  return `usage: gcp-deploy ${command} [flags]

${ABOUT[command]}

event flags (else read from the CI system):
  --pr N                       the pull or merge request number
  --sha COMMIT                 the commit the revision is built from
  --branch NAME, --base NAME, --title TEXT   shown in the report
  --github-repository OWNER/NAME             where reports go with --github-token (default GITHUB_REPOSITORY)

input flags (the action's inputs; see the README's inputs table):
${wrap(inputs, '  ')}

  V... may repeat, one entry per flag (--env-vars A=1 --env-vars B=2). Each flag is also an environment
  variable: --service is ${envOf('service')}, --pr is ${envOf('pr')}; a flag wins over its variable.
  Pass tokens as variables (${envOf('github_token')}), not flags: flags show in process lists.

output:
  --json    the outputs (url, tag, revision, image, digest, previous_revision, result, metrics) as one
            JSON object on stdout; logs go to stderr
exit codes: 0 success (or skipped, removed), 1 failed or rolled back, 2 bad input
`;
}
