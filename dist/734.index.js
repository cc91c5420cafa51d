export const id = 734;
export const ids = [734];
export const modules = {

/***/ 77593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aq: () => (/* binding */ ACTION_COMMANDS),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   jA: () => (/* binding */ parseActionArgs)
/* harmony export */ });
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78885);
/**
 * The command line of `gcp-deploy preview|promote|cleanup|rollback`, parsed into the action's input names
 * and the event flags. Pure: a mistake throws UsageError, whose one-line message names the bad argument.
 */

const ACTION_COMMANDS = ['preview', 'candidate', 'promote', 'cleanup', 'rollback'];
/** A command line the CLI cannot run: exit code 2, the message alone on one line. */
class UsageError extends Error {
    name = 'UsageError';
}
const byFlag = new Map([
    ..._inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_NAMES */ .Qh.map((n) => [(0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .flagOf */ .iP)(n), { kind: 'input', name: n }]),
    ..._inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_FLAGS */ .ns.map((n) => [(0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .flagOf */ .iP)(n), { kind: 'event', name: n }]),
]);
/** Parses the arguments after the command (`--service web --pr 7 ...`). */
function parseActionArgs(command, argv) {
    const out = { inputs: {}, event: {}, json: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        if (arg === '--help' || arg === '-h') {
            out.help = true;
            continue;
        }
        if (arg === '--json') {
            out.json = true;
            continue;
        }
        if (!arg.startsWith('--')) {
            throw new UsageError(`unexpected argument '${arg}' for ${command}; flags take the form --name value`);
        }
        const eq = arg.indexOf('=');
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const known = byFlag.get(flag);
        if (known === undefined) {
            const hint = flag === '--command' ? ` (the command is the first argument: gcp-deploy ${command})` : '';
            throw new UsageError(`unknown flag '${flag}' for ${command}${hint}; see gcp-deploy help ${command}`);
        }
        let value;
        if (eq > 0)
            value = arg.slice(eq + 1);
        else if (known.kind === 'input' && _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .BOOLEAN_INPUTS */ .$p.has(known.name))
            value = 'true';
        else {
            const next = argv[i + 1];
            if (next === undefined || byFlag.has(next.split('=')[0] ?? '') || next === '--json') {
                throw new UsageError(`flag '${flag}' needs a value`);
            }
            value = next;
            i++;
        }
        if (known.kind === 'event') {
            if (out.event[known.name] !== undefined)
                throw new UsageError(`flag '${flag}' given twice`);
            out.event[known.name] = value;
        }
        else if (out.inputs[known.name] === undefined) {
            out.inputs[known.name] = value;
        }
        else if (_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .MULTILINE_INPUTS */ .Q5.has(known.name)) {
            out.inputs[known.name] += `\n${value}`;
        }
        else {
            throw new UsageError(`flag '${flag}' given twice (only the one-per-line inputs may repeat)`);
        }
    }
    return out;
}


/***/ }),

/***/ 78885:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ BOOLEAN_INPUTS),
/* harmony export */   B_: () => (/* binding */ envOf),
/* harmony export */   Q5: () => (/* binding */ MULTILINE_INPUTS),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   iP: () => (/* binding */ flagOf),
/* harmony export */   ns: () => (/* binding */ EVENT_FLAGS),
/* harmony export */   wF: () => (/* binding */ cliInputReader)
/* harmony export */ });
/* harmony import */ var _config_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(64389);
/**
 * The action's inputs as the CLI takes them: `--project-id x` or GCP_DEPLOY_PROJECT_ID=x is the input
 * `project_id`. Values go through the action's own parseConfig, so every rule and message is the same.
 */

/** Every input action.yml declares except `command`, which is the CLI's subcommand. */
const INPUT_NAMES = _config_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_NAMES */ .Qh.filter((n) => n !== 'command');
/** Inputs that are true or false: `--dry-run` alone means true, `--dry-run=false` says false. */
const BOOLEAN_INPUTS = new Set(_config_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_NAMES */ .Qh.filter((n) => (0,_config_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .row */ .nM)(n).form === 'boolean'));
/** Inputs read one entry per line: a repeated flag adds a line (`--env-vars A=1 --env-vars B=2`). */
const MULTILINE_INPUTS = new Set(_config_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_NAMES */ .Qh.filter((n) => (0,_config_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .row */ .nM)(n).form === 'lines'));
/** The values that describe the event where no CI system does: `--pr 42 --sha abc1234`. */
const EVENT_FLAGS = ['pr', 'sha', 'branch', 'base', 'title', 'github_repository'];
/** `project_id` -> `--project-id`. */
const flagOf = (name) => `--${name.replace(/_/g, '-')}`;
/** `project_id` -> `GCP_DEPLOY_PROJECT_ID`. */
const envOf = (name) => `GCP_DEPLOY_${name.toUpperCase()}`;
/** Reads an input from the flags first, then from its GCP_DEPLOY_* variable; empty when neither sets it. */
function cliInputReader(flags, env, command) {
    return (name) => {
        if (name === 'command')
            return command;
        return flags[name] ?? env[envOf(name)] ?? '';
    };
}


/***/ }),

/***/ 43734:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cli: () => (/* binding */ cli)
});

// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(77593);
// EXTERNAL MODULE: ./src/config/inputs.ts
var config_inputs = __webpack_require__(64389);
// EXTERNAL MODULE: ./src/cli/inputs.ts
var cli_inputs = __webpack_require__(78885);
;// CONCATENATED MODULE: ./src/cli/help.ts
/** The CLI's usage text: `gcp-deploy --help` and `gcp-deploy help COMMAND`. */



/** Every command, with its line in --help: one list, so --help and the unknown-command error agree. */
const SUMMARIES = {
    preview: 'build, push and deploy a tagged no-traffic revision for a pull or merge request, check it, report',
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
const COMMANDS = [...cli_args/* ACTION_COMMANDS */.Aq, 'proxy', 'smoke', 'emulator', 'demo', 'help'];
const USAGE = `usage: gcp-deploy <command> [flags]

commands:
${COMMANDS.map((c) => `  ${c.padEnd(10)} ${SUMMARIES[c] ?? ''}`).join('\n')}

Flags are the action's inputs: the input project_id is --project-id VALUE (or --project-id=VALUE), or the
environment variable GCP_DEPLOY_PROJECT_ID. The pull request and commit come from --pr and --sha, or from the
CI system (GitHub Actions, GitLab CI, Cloud Build, Buildkite, CircleCI). --json prints the outputs as one JSON
object on stdout; logs go to stderr. Exit codes: 0 success, 1 failed or rolled back, 2 bad input.

  gcp-deploy help <command>   flags of one command
  gcp-deploy --version        the version
`;
const ABOUT = {
    preview: 'Builds the image (or deploys --image by digest), deploys a revision tagged pr-<number> with no traffic,\n' +
        'runs the health and smoke checks, rolls the tag back when they fail, and reports: to the pull request on\n' +
        'GitHub when --github-token and a GitHub repository are given, else on stderr.',
    candidate: 'Builds the commit (--sha) and deploys it with production settings and no traffic under the candidate\n' +
        'tag, then runs the checks: what a push to the default branch does, so a release can promote that commit.',
    promote: 'Deploys the image a preview checked (--promote-from tag:pr-42 | sha:COMMIT | digest:sha256:..., default\n' +
        'the commit of --sha) with production settings, checks it at 0 %, then moves traffic (--canary 10,50,100).',
    cleanup: "Deletes the pull request's tag and revisions (--pr), or sweeps previews older than --stale (such as 7d).",
    rollback: 'Points production traffic back at the revision it served before the last promotion.',
};
function wrap(items, indent, width = 110) {
    const lines = [];
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
function commandHelp(command) {
    // Only the inputs this command reads (the action's `command` is the CLI's subcommand itself).
    const inputs = cli_inputs/* INPUT_NAMES */.Qh.filter((n) => (0,config_inputs/* inputsOf */.Vc)(command).has(n)).map((n) => cli_inputs/* BOOLEAN_INPUTS */.$p.has(n) ? `${(0,cli_inputs/* flagOf */.iP)(n)}[=false]` : `${(0,cli_inputs/* flagOf */.iP)(n)} V${cli_inputs/* MULTILINE_INPUTS */.Q5.has(n) ? '...' : ''}`);
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
  variable: --service is ${(0,cli_inputs/* envOf */.B_)('service')}, --pr is ${(0,cli_inputs/* envOf */.B_)('pr')}; a flag wins over its variable.
  Pass tokens as variables (${(0,cli_inputs/* envOf */.B_)('github_token')}), not flags: flags show in process lists.

output:
  --json    the outputs (url, tag, revision, image, digest, previous_revision, result, metrics) as one
            JSON object on stdout; logs go to stderr
exit codes: 0 success (or skipped, removed), 1 failed or rolled back, 2 bad input
`;
}

// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/commands/cancellation.ts
var cancellation = __webpack_require__(87391);
// EXTERNAL MODULE: ./src/report/run-report.ts
var run_report = __webpack_require__(57330);
// EXTERNAL MODULE: ./src/github/event-context.ts + 1 modules
var event_context = __webpack_require__(92677);
;// CONCATENATED MODULE: ./src/cli/ci-context.ts
/**
 * The event a CLI run describes, in the action's own EventContext shape: flags (or GCP_DEPLOY_* variables)
 * first, then what the CI system running the CLI says about its pull or merge request. Pure: it reads only
 * the environment it is given (and, on GitHub Actions, the event payload the runner wrote).
 */



const val = (env, name) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
};
/** `git@github.com:acme/web.git`, `https://github.com/acme/web.git` -> host and `acme/web`. */
function slugFromGitUrl(url) {
    if (url === undefined)
        return {};
    const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(url);
    return m === null ? {} : { host: m[1], slug: m[2] };
}
const systems = [
    {
        // https://docs.gitlab.com/ci/variables/predefined_variables/ (merge request pipelines)
        detect: (env) => env.GITLAB_CI === 'true',
        facts: (env) => {
            const source = val(env, 'CI_MERGE_REQUEST_SOURCE_PROJECT_ID');
            const target = val(env, 'CI_MERGE_REQUEST_PROJECT_ID');
            return {
                system: 'GitLab CI',
                prVariable: 'CI_MERGE_REQUEST_IID',
                prNumber: val(env, 'CI_MERGE_REQUEST_IID'),
                // In merged-results pipelines CI_COMMIT_SHA is the merge commit; the preview is of the MR's head.
                headSha: val(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA') ?? val(env, 'CI_COMMIT_SHA'),
                headRef: val(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME') ?? val(env, 'CI_COMMIT_REF_NAME'),
                baseRef: val(env, 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME'),
                prTitle: val(env, 'CI_MERGE_REQUEST_TITLE'),
                repoSlug: val(env, 'CI_PROJECT_PATH'),
                serverUrl: val(env, 'CI_SERVER_URL'),
                runUrl: val(env, 'CI_JOB_URL') ?? val(env, 'CI_PIPELINE_URL'),
                isFork: source !== undefined && target !== undefined && source !== target,
                actor: val(env, 'GITLAB_USER_LOGIN'),
                tagName: val(env, 'CI_COMMIT_TAG'),
            };
        },
    },
    {
        // https://cloud.google.com/build/docs/configuring-builds/substitute-variable-values: substitutions
        // reach a step's environment with `options: automapSubstitutions: true` (or the step's `env`).
        detect: (env) => val(env, '_PR_NUMBER') !== undefined ||
            (val(env, 'BUILD_ID') !== undefined &&
                val(env, 'PROJECT_ID') !== undefined &&
                (val(env, 'PROJECT_NUMBER') ?? val(env, 'TRIGGER_NAME')) !== undefined),
        facts: (env) => {
            const repo = val(env, 'REPO_FULL_NAME');
            const head = slugFromGitUrl(val(env, '_HEAD_REPO_URL')).slug;
            const build = val(env, 'BUILD_ID');
            const location = val(env, 'LOCATION') ?? 'global';
            return {
                system: 'Cloud Build',
                prVariable: '_PR_NUMBER',
                prNumber: val(env, '_PR_NUMBER'),
                headSha: val(env, 'COMMIT_SHA'),
                headRef: val(env, '_HEAD_BRANCH') ?? val(env, 'BRANCH_NAME'),
                baseRef: val(env, '_BASE_BRANCH'),
                repoSlug: repo,
                runUrl: build === undefined
                    ? undefined
                    : `https://console.cloud.google.com/cloud-build/builds;region=${location}/${build}?project=${val(env, 'PROJECT_ID') ?? ''}`,
                isFork: head !== undefined && repo !== undefined && head.toLowerCase() !== repo.toLowerCase(),
                tagName: val(env, 'TAG_NAME'),
            };
        },
    },
    {
        // https://buildkite.com/docs/pipelines/configure/environment-variables
        detect: (env) => env.BUILDKITE === 'true',
        facts: (env) => {
            const pr = val(env, 'BUILDKITE_PULL_REQUEST');
            const repo = slugFromGitUrl(val(env, 'BUILDKITE_REPO'));
            const prRepo = slugFromGitUrl(val(env, 'BUILDKITE_PULL_REQUEST_REPO')).slug;
            return {
                system: 'Buildkite',
                prVariable: 'BUILDKITE_PULL_REQUEST',
                prNumber: pr === 'false' ? undefined : pr,
                headSha: val(env, 'BUILDKITE_COMMIT'),
                headRef: val(env, 'BUILDKITE_BRANCH'),
                baseRef: val(env, 'BUILDKITE_PULL_REQUEST_BASE_BRANCH'),
                repoSlug: repo.slug,
                serverUrl: repo.host === undefined ? undefined : `https://${repo.host}`,
                runUrl: val(env, 'BUILDKITE_BUILD_URL'),
                isFork: prRepo !== undefined && repo.slug !== undefined && prRepo.toLowerCase() !== repo.slug.toLowerCase(),
                actor: val(env, 'BUILDKITE_BUILD_CREATOR'),
                tagName: val(env, 'BUILDKITE_TAG'),
            };
        },
    },
    {
        // https://circleci.com/docs/reference/variables/
        detect: (env) => env.CIRCLECI === 'true',
        facts: (env) => {
            const prUrl = val(env, 'CIRCLE_PULL_REQUEST');
            const owner = val(env, 'CIRCLE_PROJECT_USERNAME');
            const name = val(env, 'CIRCLE_PROJECT_REPONAME');
            const forkOwner = val(env, 'CIRCLE_PR_USERNAME');
            const host = prUrl === undefined ? undefined : /^(https?:\/\/[^/]+)\//.exec(prUrl)?.[1];
            return {
                system: 'CircleCI',
                prVariable: 'CIRCLE_PULL_REQUEST',
                prNumber: val(env, 'CIRCLE_PR_NUMBER') ?? /\/pull\/(\d+)\/?$/.exec(prUrl ?? '')?.[1],
                headSha: val(env, 'CIRCLE_SHA1'),
                headRef: val(env, 'CIRCLE_BRANCH'),
                repoSlug: owner !== undefined && name !== undefined ? `${owner}/${name}` : undefined,
                serverUrl: host,
                runUrl: val(env, 'CIRCLE_BUILD_URL'),
                // Set only on PRs from forks.
                isFork: forkOwner !== undefined && forkOwner !== owner,
                actor: val(env, 'CIRCLE_USERNAME'),
                tagName: val(env, 'CIRCLE_TAG'),
            };
        },
    },
];
/** The facts of the CI system this environment belongs to (not GitHub Actions, read separately), if any. */
function ciFacts(env) {
    return systems.find((s) => s.detect(env))?.facts(env);
}
const onGitHubActions = (env) => env.GITHUB_ACTIONS === 'true' && val(env, 'GITHUB_EVENT_PATH') !== undefined;
/** What the event is made of: the flag, else its GCP_DEPLOY_* variable. */
function eventValue(flags, env, name) {
    const v = (flags[name] ?? env[(0,cli_inputs/* envOf */.B_)(name)])?.trim();
    return v === undefined || v === '' ? undefined : v;
}
const where = (name) => `${(0,cli_inputs/* flagOf */.iP)(name)} or ${(0,cli_inputs/* envOf */.B_)(name)}`;
/** Builds the EventContext of a CLI run; throws UserError naming the flag for what is missing or malformed. */
function cliEventContext(o) {
    const { env } = o;
    const flag = (name) => eventValue(o.flags, env, name);
    const github = onGitHubActions(env) ? (0,event_context/* readEventContext */.ws)(env) : undefined;
    const facts = github === undefined ? ciFacts(env) : undefined;
    const prText = flag('pr') ?? (github?.prNumber !== undefined ? String(github.prNumber) : facts?.prNumber);
    if (prText !== undefined && !/^[1-9]\d{0,9}$/.test(prText)) {
        throw user_error/* UserError */.y.forInput((0,cli_inputs/* flagOf */.iP)('pr'), prText, 'allowed: a pull or merge request number such as 42');
    }
    const prNumber = prText === undefined ? undefined : Number(prText);
    const needsPr = o.command === 'preview';
    if (needsPr && prNumber === undefined) {
        const why = github !== undefined
            ? `the GitHub Actions event '${github.eventName}' carries no pull request`
            : facts !== undefined
                ? `${facts.system} gives none here (${facts.prVariable} is unset: is this a merge or pull request pipeline?)`
                : 'no CI system that names one was recognised (GitHub Actions, GitLab CI, Cloud Build, Buildkite, CircleCI)';
        throw new user_error/* UserError */.y(`${o.command} needs a pull request: give ${where('pr')}; ${why}.`, 'pr');
    }
    const sha = (flag('sha') ?? github?.headSha ?? facts?.headSha ?? '').toLowerCase();
    if (sha !== '' && !/^[0-9a-f]{7,64}$/.test(sha)) {
        throw user_error/* UserError */.y.forInput((0,cli_inputs/* flagOf */.iP)('sha'), sha, 'allowed: a commit SHA of 7 to 64 hexadecimal characters');
    }
    if (sha === '' && (o.command === 'preview' || (o.command === 'promote' && !o.hasPromoteFrom))) {
        const what = o.command === 'preview' ? 'the commit it previews' : 'the commit to promote (or promote_from)';
        const from = facts === undefined ? '' : `; ${facts.system} gives none here`;
        throw new user_error/* UserError */.y(`${o.command} needs ${what}: give ${where('sha')}${from}.`, 'sha');
    }
    const slug = flag('github_repository') ?? val(env, 'GITHUB_REPOSITORY') ?? facts?.repoSlug;
    const repo = parseSlug(slug);
    if (o.reportsToGitHub && (repo === undefined || repo.owner.includes('/'))) {
        throw user_error/* UserError */.y.forInput((0,cli_inputs/* flagOf */.iP)('github_repository'), slug ?? '', `allowed: the GitHub repository as owner/name (${where('github_repository')}), needed because github_token is set`);
    }
    const ctx = github ?? {
        eventName: prNumber !== undefined ? 'pull_request' : 'workflow_dispatch',
        repo: repo ?? { owner: 'local', repo: 'local' },
        headSha: sha,
        isFork: facts?.isFork ?? false,
        runUrl: facts?.runUrl ?? '',
        serverUrl: (facts?.serverUrl ?? 'https://github.com').replace(/\/+$/, ''),
        apiUrl: (val(env, 'GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/+$/, ''),
    };
    ctx.headSha = sha;
    if (repo !== undefined)
        ctx.repo = repo;
    if (prNumber !== undefined)
        ctx.prNumber = prNumber;
    const set = (key, v) => {
        if (v !== undefined)
            ctx[key] = v;
    };
    set('headRef', flag('branch') ?? facts?.headRef);
    set('baseRef', flag('base') ?? facts?.baseRef);
    set('prTitle', flag('title') ?? facts?.prTitle);
    set('actor', facts?.actor);
    set('tagName', facts?.tagName);
    return ctx;
}
/** `owner/name` (or `group/sub/name`: the owner keeps the groups) -> the EventContext repo. */
function parseSlug(slug) {
    if (slug === undefined)
        return undefined;
    const m = /^([^\s]+)\/([^/\s]+)$/.exec(slug.replace(/\/+$/, ''));
    return m === null ? undefined : { owner: m[1] ?? '', repo: m[2] ?? '' };
}

;// CONCATENATED MODULE: ./src/cli/log-sink.ts
/**
 * The action logs through @actions/core, which writes plain lines and `::command::` lines to stdout. A CLI
 * keeps stdout for its result, so in CLI mode every line goes to stderr instead: outside GitHub Actions as
 * plain text (`warning: ...`), with the values the action masks (`::add-mask::`) replaced by *** as the
 * runner would, and those mask commands never printed.
 */
/** Undoes @actions/core's escaping of a command's message (%25, %0D, %0A). */
function unescapeData(s) {
    return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
/** Undoes @actions/core's escaping of a command's property (a title may hold ':' and ','). */
function unescapeProperty(s) {
    return unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
}
/** Turns @actions/core's output, line by line, into plain log lines; holds the masked values. */
class LogTranslator {
    opts;
    masks = [];
    pending = '';
    constructor(opts) {
        this.opts = opts;
    }
    /** The plain text for one line of core's output, or null when it prints nothing. */
    line(raw) {
        const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(raw);
        if (m === null)
            return this.mask(raw);
        const [, command = '', props = '', data = ''] = m;
        const message = unescapeData(data);
        switch (command) {
            case 'add-mask':
                if (message !== '')
                    this.masks.push(message);
                this.masks.sort((a, b) => b.length - a.length); // longest first, so a prefix never leaves a tail
                return null;
            case 'debug':
                return this.opts.debug ? this.mask(`debug: ${message}`) : null;
            case 'error':
            case 'warning':
            case 'notice': {
                const title = /(?:^|,)title=([^,]*)/.exec(props)?.[1];
                const head = title === undefined ? command : `${command}: ${unescapeProperty(title)}`;
                return this.mask(`${head}: ${message}`);
            }
            case 'group':
                return this.mask(`== ${message}`);
            case 'endgroup':
            case 'set-output':
            case 'save-state':
            case 'echo':
                return null;
            default:
                return this.mask(raw);
        }
    }
    /** Feeds a chunk of core's output; returns the complete lines' text, ready to write. */
    write(chunk) {
        this.pending += chunk;
        const lines = this.pending.split('\n');
        this.pending = lines.pop() ?? '';
        return lines
            .map((l) => this.line(l.replace(/\r$/, '')))
            .filter((l) => l !== null)
            .map((l) => `${l}\n`)
            .join('');
    }
    /** What is left of an unfinished last line. */
    flush() {
        const rest = this.pending;
        this.pending = '';
        const text = rest === '' ? null : this.line(rest);
        return text === null ? '' : `${text}\n`;
    }
    mask(text) {
        let out = text;
        for (const secret of this.masks)
            out = out.split(secret).join('***');
        return out;
    }
}
/**
 * Sends everything written to process.stdout to stderr (translated unless on GitHub Actions, whose runner
 * reads the commands itself), and returns a writer for the real stdout plus a function that restores it.
 */
function redirectStdout(env) {
    const original = process.stdout.write.bind(process.stdout);
    const translator = env.GITHUB_ACTIONS === 'true' ? undefined : new LogTranslator({ debug: env.RUNNER_DEBUG === '1' });
    const toStderr = (chunk, encoding, cb) => {
        const text = typeof chunk === 'string'
            ? chunk
            : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
        const out = translator === undefined ? text : translator.write(text);
        const done = typeof encoding === 'function' ? encoding : cb;
        if (out === '') {
            if (typeof done === 'function')
                done();
            return true;
        }
        return process.stderr.write(out, typeof done === 'function' ? done : undefined);
    };
    process.stdout.write = toStderr;
    return {
        stdout: (s) => void original(s),
        restore: () => {
            const rest = translator?.flush() ?? '';
            if (rest !== '')
                process.stderr.write(rest);
            process.stdout.write = original;
        },
    };
}

;// CONCATENATED MODULE: ./src/cli/run-action.ts
/**
 * `gcp-deploy preview|promote|cleanup|rollback`: the action's commands on the same config parser, the same
 * runner and the same report, with the event from flags or the CI system, and the outputs on stdout.
 */








const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_BAD_INPUT = 2;
/** The outputs as one JSON object: unset outputs are null, JSON outputs are the objects themselves. */
function outputsJson(outputs) {
    const out = {};
    for (const [name, value] of Object.entries(outputs)) {
        out[name] = JSON_OUTPUTS.has(name) && value !== '' ? JSON.parse(value) : value === '' ? null : value;
    }
    return out;
}
const JSON_OUTPUTS = new Set(['metrics', 'urls', 'revisions', 'stages']);
/** A run's exit code: failure, rolled-back and cancelled fail it (skipped and removed are what was asked). */
function exitCodeOf(report) {
    return (0,run_report/* failsTheRun */.at)(report.result) ? EXIT_FAILED : EXIT_OK;
}
/** Says where an input comes from on the command line, after the action's own message. */
function withSource(err) {
    const name = err.input;
    if (name === undefined || !cli_inputs/* INPUT_NAMES */.Qh.includes(name))
        return err.message;
    return `${err.message.replace(/\.$/, '')} (set with ${(0,cli_inputs/* flagOf */.iP)(name)} or ${(0,cli_inputs/* envOf */.B_)(name)}).`;
}
async function runActionCommand(command, argv, env, io) {
    let args;
    try {
        args = (0,cli_args/* parseActionArgs */.jA)(command, argv);
    }
    catch (err) {
        if (!(err instanceof cli_args/* UsageError */.eb))
            throw err;
        io.stderr(`gcp-deploy: ${err.message}\n`);
        return EXIT_BAD_INPUT;
    }
    if (args.help) {
        io.stdout(commandHelp(command));
        return EXIT_OK;
    }
    // From here on @actions/core logs; its stdout lines go to stderr so stdout carries only the result.
    const sink = redirectStdout(env);
    // Ctrl-C undoes the run's own change, as a cancelled workflow run does.
    const signals = (0,cancellation/* watchSignals */.RQ)({
        graceMs: 9_000,
        onSignal: (name) => io.stderr(`gcp-deploy: ${name} received: undoing this run's change\n`),
        onTimeout: () => process.exit(EXIT_FAILED),
    });
    let report;
    let outputs;
    try {
        const read = (0,cli_inputs/* cliInputReader */.wF)(args.inputs, env, command);
        const { runServices } = await __webpack_require__.e(/* import() */ 852).then(__webpack_require__.bind(__webpack_require__, 79852));
        const done = await runServices(command, read, {
            readFor: (r) => r,
            eventFor: (first) => cliEventContext({
                command,
                flags: args.event,
                env,
                reportsToGitHub: first !== undefined && first.github.token !== '',
                hasPromoteFrom: first?.promote.from !== undefined,
            }),
            cancel: signals.signal,
        });
        report = done;
        outputs = done.outputs;
    }
    catch (err) {
        signals.dispose();
        sink.restore();
        if (err instanceof user_error/* UserError */.y) {
            io.stderr(`gcp-deploy: ${withSource(err)}\n`);
            return EXIT_BAD_INPUT;
        }
        io.stderr(`gcp-deploy ${command}: ${(0,user_error/* errorMessage */.g)(err)}\n`);
        return EXIT_FAILED;
    }
    signals.dispose();
    sink.restore();
    const code = exitCodeOf(report);
    if (code !== EXIT_OK)
        io.stderr(`gcp-deploy ${command}: ${report.failureReason ?? `${command} failed`}\n`);
    if (args.json) {
        io.stdout(`${JSON.stringify(outputsJson(outputs))}\n`);
    }
    else {
        const lines = Object.entries(outputs)
            .filter(([name, value]) => name !== 'metrics' && value !== '' && value !== '{}')
            .map(([name, value]) => `${name}: ${value}\n`);
        io.stdout(lines.join(''));
    }
    return code;
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"1.0.0"};
;// CONCATENATED MODULE: ./src/cli/version.ts
/** The package version, read from package.json when bundled (ncc inlines the JSON). */

const version = package_namespaceObject.rE;

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The gcp-deploy command line: dispatches one invocation and returns its exit code. The installed command
 * (dist/cli.js) and `tsx src/cli.ts` both end here.
 */




const stdio = {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
};
const isActionCommand = (c) => cli_args/* ACTION_COMMANDS */.Aq.includes(c ?? '');
function unknownCommand(command, io) {
    io.stderr(`gcp-deploy: unknown command '${command}'; commands: ${COMMANDS.join(', ')} (gcp-deploy --help)\n`);
    return EXIT_BAD_INPUT;
}
const SMOKE_USAGE = 'usage: gcp-deploy smoke --url URL --config FILE|INLINE [--json] [--auth none|id-token]';
const REPO_USAGE = {
    emulator: 'usage: gcp-deploy emulator [--runtime auto|docker|process] [--network host|bridge]   (from a checkout: npm run emulator)',
    demo: 'usage: gcp-deploy demo [--keep] [--runtime auto|docker|process]   (from a checkout: npm run demo)',
};
/** Runs one CLI invocation (argv without node and the script) and returns the exit code. */
async function cli(argv, env = process.env, io = stdio, repo = {}) {
    const [command, ...rest] = argv;
    if (command === undefined) {
        io.stderr(USAGE);
        return EXIT_BAD_INPUT;
    }
    if (command === '--help' || command === '-h') {
        io.stdout(USAGE);
        return EXIT_OK;
    }
    if (command === '--version') {
        io.stdout(`${version}\n`);
        return EXIT_OK;
    }
    if (command === 'help') {
        const about = rest[0];
        if (about === undefined)
            io.stdout(USAGE);
        else if (isActionCommand(about))
            io.stdout(commandHelp(about));
        else if (about === 'smoke')
            io.stdout(`${SMOKE_USAGE}\n`);
        else if (about === 'proxy')
            io.stdout(`${(await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(301), __webpack_require__.e(452), __webpack_require__.e(41), __webpack_require__.e(71)]).then(__webpack_require__.bind(__webpack_require__, 56920))).PROXY_USAGE}\n`);
        else if (about === 'emulator' || about === 'demo')
            io.stdout(`${REPO_USAGE[about]}\n`);
        else
            return unknownCommand(about, io);
        return EXIT_OK;
    }
    if (command.startsWith('-')) {
        io.stderr(`gcp-deploy: unknown flag '${command}' before the command (gcp-deploy --help)\n`);
        return EXIT_BAD_INPUT;
    }
    if (isActionCommand(command))
        return runActionCommand(command, rest, env, io);
    switch (command) {
        case 'smoke': {
            const { runSmokeCli } = await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(752), __webpack_require__.e(960), __webpack_require__.e(555), __webpack_require__.e(362)]).then(__webpack_require__.bind(__webpack_require__, 96555));
            return runSmokeCli(rest, io);
        }
        case 'proxy': {
            const { runProxyCli } = await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(301), __webpack_require__.e(452), __webpack_require__.e(41), __webpack_require__.e(71)]).then(__webpack_require__.bind(__webpack_require__, 56920));
            return runProxyCli(rest, env, io);
        }
        case 'emulator':
        case 'demo': {
            const run = repo[command];
            if (run !== undefined)
                return run(rest);
            io.stderr(`gcp-deploy: '${command}' runs from a checkout of gcp-deploy (npm ci && npm run bundle && npm run ${command}); the installed package ships the action's commands and smoke\n`);
            return EXIT_BAD_INPUT;
        }
        default:
            return unknownCommand(command, io);
    }
}


/***/ })

};
