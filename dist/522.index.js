export const id = 522;
export const ids = [522];
export const modules = {

/***/ 48247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M_: () => (/* binding */ checkContext),
/* harmony export */   hp: () => (/* binding */ scanContext),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* unused harmony exports LARGE_CONTEXT_BYTES, isSensitiveName */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_credential_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3875);
/**
 * The rules about the build context: sensitive files the .dockerignore lets through, and its size. The
 * matching is the same as the credential-file refusal's (config/credential-files.ts), so the two never
 * disagree about what a build sends. `scanContext` is the only I/O here.
 */



/** Sent by every build larger than this, the context is worth a look. */
const LARGE_CONTEXT_BYTES = 200 * 1024 * 1024;
const MAX_FILES = 200_000;
const TOP_PATHS = 5;
/** A name in a context that should never reach an image. */
function isSensitiveName(name) {
    if (name === '.git' || name === '.env' || _config_credential_files_js__WEBPACK_IMPORTED_MODULE_2__/* .GHA_CREDS */ .N3.test(name))
        return true;
    // Templates are meant to be committed and copied.
    if (/^\.env\./.test(name))
        return !/\.(example|sample|template|dist)$/.test(name);
    if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(name))
        return true;
    return /\.(pem|key|p12|pfx|jks|keystore)$/i.test(name) || name === '.npmrc' || name === '.pypirc';
}
/** Walks the context (not into `.git`), stopping after MAX_FILES files. */
function scanContext(context) {
    const files = [];
    let truncated = false;
    const walk = (dir, rel) => {
        let entries;
        try {
            entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true });
        }
        catch {
            // A directory the runner cannot read is one the builder cannot send either.
            return;
        }
        for (const e of entries) {
            if (files.length >= MAX_FILES) {
                truncated = true;
                return;
            }
            const path = rel === '' ? e.name : `${rel}/${e.name}`;
            const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, e.name);
            if (e.name === '.git') {
                files.push({ path, size: 0 });
            }
            else if (e.isDirectory()) {
                walk(abs, path);
            }
            else if (e.isFile()) {
                files.push({ path, size: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false })?.size ?? 0 });
            }
        }
    };
    walk(context, '');
    return { dockerignore: (0,_config_credential_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readDockerignore */ .$k)(context), files, ...(truncated ? { truncated } : {}) };
}
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
/** The .dockerignore and size findings for a context. */
function checkContext(facts, o) {
    const out = [];
    const lines = facts.dockerignore ?? [];
    const sent = facts.files.filter((f) => !(0,_config_credential_files_js__WEBPACK_IMPORTED_MODULE_2__/* .ignoredBy */ .gP)(lines, f.path));
    const exposed = sent.filter((f) => f.path.split('/').some(isSensitiveName)).map((f) => f.path);
    const shown = (paths) => paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`;
    if (facts.dockerignore === undefined) {
        out.push({
            rule: 'dockerignore',
            message: exposed.length === 0
                ? 'the context has no .dockerignore: every file in it (and any written later, such as credentials) is sent to the build'
                : `the context has no .dockerignore, so the build receives ${shown(exposed)}`,
            file: o.dockerfileFile,
        });
    }
    else if (exposed.length > 0) {
        out.push({
            rule: 'dockerignore',
            message: `.dockerignore does not exclude ${shown(exposed)}`,
            file: o.dockerignoreFile,
        });
    }
    const total = sent.reduce((sum, f) => sum + f.size, 0);
    if (total > (o.largeContextBytes ?? LARGE_CONTEXT_BYTES)) {
        const byTop = new Map();
        for (const f of sent) {
            const slash = f.path.indexOf('/');
            const top = slash < 0 ? f.path : `${f.path.slice(0, slash)}/`;
            byTop.set(top, (byTop.get(top) ?? 0) + f.size);
        }
        const top = [...byTop.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, TOP_PATHS)
            .map(([p, n]) => `${p} ${formatBytes(n)}`);
        out.push({
            rule: 'large-context',
            message: `the build context is ${formatBytes(total)}${facts.truncated === true ? ' or more' : ''}; largest: ${top.join(', ')}`,
            file: o.dockerfileFile,
        });
    }
    return out;
}


/***/ }),

/***/ 94495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y0: () => (/* reexport */ rules/* RULES */.y0),
  wI: () => (/* binding */ applyIgnores),
  Z2: () => (/* binding */ blockingMessage),
  cd: () => (/* binding */ checkImage),
  Kv: () => (/* binding */ compareBases),
  jb: () => (/* binding */ describeFinding),
  Oq: () => (/* binding */ doctorReport),
  Ge: () => (/* binding */ examineBuild)
});

// UNUSED EXPORTS: DOCTOR_MODES, LARGE_IMAGE_BYTES, RULE_IDS, isRuleId, workspacePath

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/build/doctor/context-rules.ts
var context_rules = __webpack_require__(48247);
// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(78390);
// EXTERNAL MODULE: ./src/shared/image-ref.ts
var image_ref = __webpack_require__(70268);
;// CONCATENATED MODULE: ./src/build/doctor/dockerfile.ts
/**
 * A Dockerfile as the doctor reads it: stages with their base image (ARG-parametrised FROM resolved with
 * the global ARG defaults and the `build_args` input), each stage's instructions with their 1-based line,
 * and the inline `# gcp-deploy: ignore=<id>` comments. Parsing is dockerfile-ast's (escape directives,
 * line continuations and heredocs included); no I/O here.
 */


const IGNORE = /^gcp-deploy:\s*ignore=([A-Za-z0-9_,-]+)\s*(.*)$/;
/** `$X`, `${X}`, `${X:-default}` and `${X:+alt}` as Docker expands them in FROM; undefined if X is unknown. */
function expand(text, vars) {
    let unknown = false;
    const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced, op, word, bare) => {
        const name = braced ?? bare ?? '';
        const value = vars[name];
        if (op === ':-')
            return value === undefined || value === '' ? (word ?? '') : value;
        if (op === ':+')
            return value === undefined || value === '' ? '' : (word ?? '');
        if (value === undefined)
            unknown = true;
        return value ?? '';
    });
    return unknown ? undefined : out;
}
function flagsOf(instruction) {
    const withFlags = instruction;
    if (typeof withFlags.getFlags !== 'function')
        return {};
    return Object.fromEntries(withFlags.getFlags().map((f) => [f.getName(), f.getValue() ?? '']));
}
function propertiesOf(instruction) {
    const withProps = instruction;
    if (typeof withProps.getProperties !== 'function')
        return [];
    return withProps.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }));
}
/** Parses the Dockerfile text; `buildArgs` override the global ARG defaults, as `--build-arg` does. */
function parseDockerfile(text, buildArgs = {}) {
    const dockerfile = main.DockerfileParser.parse(text);
    const instructions = dockerfile.getInstructions();
    const firstFrom = instructions.find((i) => i.getKeyword() === 'FROM');
    const firstFromLine = firstFrom === undefined ? Infinity : firstFrom.getRange().start.line;
    const globals = {};
    for (const arg of dockerfile.getInitialARGs()) {
        for (const p of propertiesOf(arg)) {
            // As `--build-arg` does: a value given for a declared ARG wins over its default.
            const value = Object.hasOwn(buildArgs, p.name) ? buildArgs[p.name] : p.value;
            if (value !== null && value !== undefined)
                globals[p.name] = value;
        }
    }
    const ignoresByLine = new Map();
    const ignoresInFile = [];
    // Read from the lines themselves: the parser drops a comment on the first line (a directive's place),
    // and a line inside an instruction (a heredoc body, a continuation) is not a comment.
    const ranges = instructions.map((i) => [i.getRange().start.line, i.getRange().end.line]);
    text.split(/\r?\n/).forEach((raw, commentLine) => {
        const m = IGNORE.exec(raw.trim().replace(/^#\s*/, ''));
        if (!raw.trim().startsWith('#') || m === null)
            return;
        if (ranges.some(([start, end]) => commentLine > start && commentLine <= end))
            return;
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
        if (next === undefined)
            return;
        const line = next.getRange().start.line + 1;
        const seen = ignoresByLine.get(line);
        ignoresByLine.set(line, seen === undefined ? entry : { ...seen, ids: [...seen.ids, ...entry.ids] });
    });
    const stages = [];
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
            const parent = image === undefined
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
        if (stage === undefined)
            continue;
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
function finalStageIndex(parsed, target) {
    if (target !== undefined) {
        const i = parsed.stages.findIndex((s) => s.name === target.toLowerCase());
        if (i >= 0)
            return i;
    }
    return parsed.stages.length - 1;
}
/** The final stage and the stages it builds on, nearest first: what the image inherits. */
function stageChain(parsed, index) {
    const chain = [];
    for (let i = index; i !== undefined && i >= 0;) {
        const stage = parsed.stages[i];
        if (stage === undefined || chain.includes(stage))
            break;
        chain.push(stage);
        i = stage.parent;
    }
    return chain;
}
/** An image reference split up: `docker.io/library/node:20@sha256:…` -> repository, tag, digest. */
function splitImage(ref) {
    const { name, tag, digest } = (0,image_ref/* splitImageReference */.Xv)(ref);
    let repository = name.toLowerCase().replace(/^(docker\.io|index\.docker\.io)\//, '');
    if (!repository.includes('/'))
        repository = `library/${repository}`;
    return {
        repository: repository.replace(/^library\//, ''),
        ...(tag === undefined ? {} : { tag }),
        ...(digest === undefined ? {} : { digest }),
    };
}

;// CONCATENATED MODULE: ./src/build/doctor/dockerfile-rules.ts
/**
 * The rules read from the Dockerfile alone: who the final stage runs as, how bases are pinned, secrets in
 * ARG/ENV, ADD, HEALTHCHECK and the port. Pure: a parsed Dockerfile in, findings with their lines out.
 */

const SECRET_NAME = /(^|_)(SECRET|SECRETS|PASSWORD|PASSWD|PASS|PWD|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY|CREDENTIAL|CREDENTIALS|AUTH)(_|$)/;
// Names that say where a secret is, or which one, rather than being one.
const NOT_A_SECRET = /_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|NAME|ID|HEADER|TYPE|MODE|ENABLED|TTL)$/;
const SECRET_VALUES = [
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
function finding(rule, message, file, line) {
    return { rule, message, file, line };
}
/** Variables a stage's instruction can see: globals, then the ARG/ENV defaults of its chain up to `line`. */
function varsAt(chain, globals, line) {
    const vars = { ...globals };
    for (const stage of [...chain].reverse()) {
        for (const step of stage.steps) {
            if (step.line >= line)
                break;
            if (step.keyword !== 'ARG' && step.keyword !== 'ENV')
                continue;
            for (const p of step.properties)
                if (p.value !== null)
                    vars[p.name] = p.value;
        }
    }
    return vars;
}
function isRootUser(user) {
    const name = user.split(':')[0]?.trim();
    return name === 'root' || name === '0';
}
function rootUser(parsed, chain, o) {
    const final = chain[0];
    if (final === undefined)
        return [];
    for (const stage of chain) {
        const users = stage.steps.filter((s) => s.keyword === 'USER');
        const last = users.at(-1);
        if (last === undefined)
            continue;
        const user = expand(last.args.join(' '), varsAt(chain, parsed.globals, last.line));
        // A user only known at build time is read from the image after the build instead.
        if (user === undefined || !isRootUser(user))
            return [];
        return [finding('root-user', `the final stage runs as "${user}"`, o.file, last.line)];
    }
    const base = chain.at(-1);
    return [
        finding('root-user', `no USER in the final stage: it runs as ${base?.image === 'scratch' ? 'root' : "the base image's user, root for most images"}`, o.file, final.line),
    ];
}
/** A FROM that names an image (not `scratch`, not an earlier stage), with its reference resolved. */
function externalBase(stage) {
    if (stage.parent !== undefined || stage.image === undefined)
        return undefined;
    if (stage.image.toLowerCase() === 'scratch')
        return undefined;
    return stage.image;
}
function unpinnedBases(parsed, o) {
    const out = [];
    for (const stage of parsed.stages) {
        const image = externalBase(stage);
        if (image === undefined)
            continue;
        const { tag, digest } = splitImage(image);
        if (digest !== undefined)
            continue;
        if (tag === undefined || tag === 'latest') {
            const shown = stage.rawImage === image ? image : `${stage.rawImage} (${image})`;
            out.push(finding('unpinned-base', `"${shown}" is ${tag === undefined ? 'not tagged' : 'tagged latest'}`, o.file, stage.line));
        }
    }
    return out;
}
function secretLooking(name) {
    const upper = name.toUpperCase();
    return SECRET_NAME.test(upper) && !NOT_A_SECRET.test(upper);
}
function secrets(parsed, o) {
    const out = [];
    const steps = parsed.stages.flatMap((s) => s.steps);
    for (const step of steps) {
        if (step.keyword !== 'ARG' && step.keyword !== 'ENV')
            continue;
        for (const p of step.properties) {
            // Never the value itself: the finding goes to annotations, the comment and the summary.
            if (secretLooking(p.name)) {
                out.push(finding('secret-in-build', `${step.keyword} "${p.name}" is named like a secret${step.keyword === 'ARG' ? ' (a build arg stays in the image history)' : ' (an ENV stays in the image config)'}`, o.file, step.line));
                continue;
            }
            const kind = SECRET_VALUES.find(([re]) => p.value !== null && re.test(p.value))?.[1];
            if (kind !== undefined) {
                out.push(finding('secret-in-build', `${step.keyword} "${p.name}" holds what looks like ${kind}`, o.file, step.line));
            }
        }
    }
    return out;
}
function adds(parsed, o) {
    const out = [];
    for (const step of parsed.stages.flatMap((s) => s.steps)) {
        if (step.keyword !== 'ADD')
            continue;
        const paths = step.args.filter((a) => !a.startsWith('--'));
        const sources = paths.slice(0, -1).filter((s) => !s.startsWith('<<'));
        const urls = sources.filter((s) => URL_SOURCE.test(s));
        const archives = sources.filter((s) => !URL_SOURCE.test(s) && ARCHIVE.test(s));
        const checked = step.flags.checksum !== undefined && step.flags.checksum !== '';
        if (urls.length > 0 && !checked) {
            out.push(finding('add-instead-of-copy', `ADD fetches ${urls.join(', ')} without a checksum`, o.file, step.line));
        }
        else if (archives.length > 0) {
            out.push(finding('add-instead-of-copy', `ADD unpacks the archive ${archives.join(', ')}`, o.file, step.line));
        }
    }
    return out;
}
function healthchecks(chain, o) {
    for (const stage of chain) {
        const last = stage.steps.filter((s) => s.keyword === 'HEALTHCHECK').at(-1);
        if (last === undefined)
            continue;
        if (last.args[0]?.toUpperCase() === 'NONE')
            return [];
        const url = /https?:\/\/[^/\s'"]+(\/[^\s'"]*)?/.exec(last.args.join(' '));
        const path = url?.[1] ?? '/';
        return [
            finding('healthcheck-ignored', `HEALTHCHECK is never run on Cloud Run; set startupProbe.httpGet.path: ${path} in template_file and health_path: ${path}`, o.file, last.line),
        ];
    }
    return [];
}
function ports(parsed, chain, o) {
    const out = [];
    const exposes = [];
    for (const stage of chain) {
        for (const step of stage.steps) {
            const vars = varsAt(chain, parsed.globals, step.line);
            if (step.keyword === 'EXPOSE') {
                const list = step.args
                    .map((a) => expand(a, vars))
                    .filter((a) => a !== undefined)
                    .map((a) => Number(a.split('/')[0]))
                    .filter((n) => Number.isInteger(n) && n > 0);
                if (list.length > 0)
                    exposes.push({ step, ports: list });
            }
            if (step.keyword === 'ENV') {
                const port = step.properties.find((p) => p.name === 'PORT');
                if (port?.value == null)
                    continue;
                const value = expand(port.value, vars);
                if (value !== undefined && value !== '' && Number(value) !== o.port) {
                    out.push(finding('port-mismatch', `ENV PORT=${value}, but Cloud Run sets PORT=${o.port} at run time: an app listening on ${value} gets no requests`, o.file, step.line));
                }
            }
        }
    }
    const all = exposes.flatMap((e) => e.ports);
    const first = exposes[0];
    if (first !== undefined && !all.includes(o.port)) {
        out.push(finding('port-mismatch', `EXPOSE ${all.join(' ')}, but Cloud Run sends requests to port ${o.port}`, o.file, first.step.line));
    }
    return out;
}
/** Every finding the Dockerfile itself shows, in line order. */
function checkDockerfile(parsed, o) {
    if (parsed.stages.length === 0)
        return [];
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

// EXTERNAL MODULE: ./src/build/doctor/rules.ts
var rules = __webpack_require__(41573);
;// CONCATENATED MODULE: ./src/build/doctor/index.ts
/**
 * The Dockerfile doctor: before a build, the Dockerfile (every stage) and the context are checked against
 * the rules in rules.ts; after it, the image's own config (user, size). Skips come from the inline
 * `# gcp-deploy: ignore=<id> [reason]` comment or the `dockerfile_ignore` input, and are kept with the
 * reason. Reading files is the only I/O; what to do with the findings is the commands'.
 */







/** A compressed image over this pulls slowly enough on every cold start to be worth a finding. */
const LARGE_IMAGE_BYTES = 1024 * 1024 * 1024;
/** A path as an annotation names it: relative to the workspace when inside it. */
function workspacePath(path, workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()) {
    const rel = (0,external_node_path_.relative)((0,external_node_path_.resolve)(workspace), (0,external_node_path_.resolve)(path));
    return rel === '' || rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel) ? (0,external_node_path_.resolve)(path) : rel;
}
/** Splits findings into those reported and those skipped, with the reason each skip gives. */
function applyIgnores(findings, parsed, inputIgnores) {
    const kept = [];
    const ignored = [];
    for (const f of findings) {
        const why = ignoreReason(f, parsed, inputIgnores);
        if (why === undefined)
            kept.push(f);
        else
            ignored.push({ ...f, ignoredBy: why });
    }
    return { findings: kept, ignored };
}
function ignoreReason(f, parsed, inputIgnores) {
    const said = (c, where) => `${where} on line ${c.commentLine}${c.reason === '' ? '' : `: ${c.reason}`}`;
    const line = f.line === undefined ? undefined : parsed?.ignoresByLine.get(f.line);
    if (line?.ids.includes(f.rule) === true)
        return said(line, 'the comment');
    const file = parsed?.ignoresInFile.find((c) => c.ids.includes(f.rule));
    if (file !== undefined)
        return said(file, 'the file-wide comment');
    if (inputIgnores.includes(f.rule))
        return 'the dockerfile_ignore input';
    return undefined;
}
/** Reads and checks one service's Dockerfile and context (the build's inputs, as checkBuildContext passed them). */
function examineBuild(build, port, ignore) {
    const dockerfilePath = (0,external_node_path_.resolve)(build.dockerfile ?? (0,external_node_path_.join)(build.context, 'Dockerfile'));
    const file = workspacePath(dockerfilePath);
    const parsed = parseDockerfile((0,external_node_fs_.readFileSync)(dockerfilePath, 'utf8'), build.buildArgs);
    const all = [
        ...checkDockerfile(parsed, {
            file,
            port,
            ...(build.target === undefined ? {} : { target: build.target }),
        }),
        ...(0,context_rules/* checkContext */.M_)((0,context_rules/* scanContext */.hp)(build.context), {
            dockerfileFile: file,
            dockerignoreFile: workspacePath((0,external_node_path_.join)(build.context, '.dockerignore')),
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
function compareBases(members) {
    const byRepo = new Map();
    for (const m of members) {
        if (m.base === undefined)
            continue;
        const { repository, tag, digest } = splitImage(m.base.image);
        const version = `${tag ?? 'latest'}${digest === undefined ? '' : `@${digest}`}`;
        const list = byRepo.get(repository) ?? [];
        list.push({ name: m.name, version, line: m.base.line, file: m.base.file });
        byRepo.set(repository, list);
    }
    const out = new Map();
    for (const [repository, uses] of byRepo) {
        if (new Set(uses.map((u) => u.version)).size < 2)
            continue;
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
function checkImage(image, o) {
    const out = [];
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
            message: `the image is ${(0,context_rules/* formatBytes */.z3)(image.sizeBytes)} compressed`,
            ...(o.file === undefined ? {} : { file: o.file }),
        });
    }
    return out;
}
/** One finding as a line: what the annotation, the log and the error say. */
function describeFinding(f) {
    const where = f.file === undefined ? '' : ` (${f.file}${f.line === undefined ? '' : `:${f.line}`})`;
    return `${f.rule}${where}: ${f.message}. Fix: ${rules/* RULES */.y0[f.rule].fix}`;
}
/** The message that fails a run in `error` mode, naming each finding. */
function blockingMessage(findings) {
    const n = findings.length;
    return (`Input 'dockerfile_checks' is error and the Dockerfile doctor found ${n} problem${n === 1 ? '' : 's'}; nothing was built: ` +
        findings.map(describeFinding).join('; ') +
        `. Fix them, or skip a rule with dockerfile_ignore or a "# gcp-deploy: ignore=<id> <reason>" comment above the line.`);
}
/** A report for the run, from what was examined (empty lists when nothing was found). */
function doctorReport(mode, examined) {
    return { mode, findings: [...(examined?.findings ?? [])], ignored: [...(examined?.ignored ?? [])] };
}


/***/ }),

/***/ 6474:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MZ: () => (/* binding */ comparisonRegressed),
/* harmony export */   T5: () => (/* binding */ comparisonFails),
/* harmony export */   Tl: () => (/* binding */ compareRounds),
/* harmony export */   bB: () => (/* binding */ roundValues),
/* harmony export */   ld: () => (/* binding */ interleavePlan),
/* harmony export */   mp: () => (/* binding */ METRIC_INFO)
/* harmony export */ });
/* unused harmony exports COMPARE_METRICS, mean, stdev, tInterval, tQuantile, tCdf, anyRegression */
/**
 * The preview against a baseline, as numbers: the order the rounds run in, each round's values, and the
 * confidence interval of each difference. Pure: the runner (compare-run.ts) measures, this module judges.
 *
 * Method (see src/checks/README.md, "Comparison with a baseline"): rounds run in pairs, preview then
 * baseline (A, B, A, B…), and each pair gives one difference per metric (preview minus baseline). Drift of the machine, network or region moves both halves
 * of a pair alike and cancels out of the difference. The differences of n pairs give a Student t interval for
 * the mean difference; the confidence is Bonferroni-corrected over the metrics compared, so that an unchanged
 * app shows no change on any metric in 95 % of runs (family-wise), not 95 % per metric.
 */
const COMPARE_METRICS = ['p50', 'p95', 'p99', 'errorRate', 'throughput'];
/** How each metric reads: its label, its unit and which way is worse. */
const METRIC_INFO = {
    p50: { label: 'p50 latency', unit: 'ms', worse: 1 },
    p95: { label: 'p95 latency', unit: 'ms', worse: 1 },
    p99: { label: 'p99 latency', unit: 'ms', worse: 1 },
    errorRate: { label: 'error rate', unit: 'rate', worse: 1 },
    throughput: { label: 'throughput', unit: '/s', worse: -1 },
};
/**
 * The interleaving: `pairs` pairs of rounds, preview then baseline, in strict alternation (A, B, A, B…), so
 * that drift over the minutes of the comparison hits both targets alike. Both were warmed up before, so going
 * first or second within a pair favours neither.
 */
function interleavePlan(pairs) {
    if (!Number.isInteger(pairs) || pairs < 2)
        throw new Error(`at least 2 pairs of rounds are needed, not ${pairs}`);
    return Array.from({ length: pairs }, (_, i) => ({ pair: i, order: ['preview', 'baseline'] }));
}
/** Compares per-pair values: each entry holds one round of each target. */
function compareRounds(pairs, opts = {}) {
    const familyWise = opts.confidence ?? 0.95;
    const minLatency = opts.minLatencyMs ?? 0.5;
    // Latency percentiles of a round without requests are not numbers: such pairs drop out of latency only.
    const confidence = 1 - (1 - familyWise) / COMPARE_METRICS.length;
    const metrics = COMPARE_METRICS.map((metric) => {
        const usable = pairs.filter((p) => METRIC_INFO[metric].unit !== 'ms' || (p.preview.requests > 0 && p.baseline.requests > 0));
        const a = usable.map((p) => p.preview[metric]);
        const b = usable.map((p) => p.baseline[metric]);
        const d = usable.map((p) => p.preview[metric] - p.baseline[metric]);
        const preview = mean(a);
        const baseline = mean(b);
        const diff = mean(d);
        const ci = tInterval(d, confidence);
        const floor = METRIC_INFO[metric].unit === 'ms' ? minLatency : 0;
        const outside = d.length >= 2 && (ci[0] > 0 || ci[1] < 0) && Math.abs(diff) >= floor;
        const worse = Math.sign(diff) === METRIC_INFO[metric].worse;
        return {
            metric,
            preview,
            baseline,
            diff,
            ci,
            ...(baseline !== 0 ? { relative: diff / baseline } : {}),
            verdict: !outside ? 'within noise' : worse ? 'regression' : 'improvement',
        };
    });
    return { pairs: pairs.length, confidence, metrics };
}
function mean(xs) {
    return xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length;
}
/** Sample standard deviation (n - 1). */
function stdev(xs) {
    if (xs.length < 2)
        return NaN;
    const m = mean(xs);
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}
/** The two-sided Student t interval for the mean of `xs`; [NaN, NaN] with fewer than two values. */
function tInterval(xs, confidence) {
    if (xs.length < 2)
        return [NaN, NaN];
    const m = mean(xs);
    const half = tQuantile(1 - (1 - confidence) / 2, xs.length - 1) * (stdev(xs) / Math.sqrt(xs.length));
    return [m - half, m + half];
}
/** The p-quantile of Student's t with `df` degrees of freedom (bisection on the CDF). */
function tQuantile(p, df) {
    if (!(p > 0 && p < 1) || !(df > 0))
        throw new Error(`tQuantile(${p}, ${df}) is undefined`);
    if (p < 0.5)
        return -tQuantile(1 - p, df);
    let lo = 0;
    let hi = 1;
    while (tCdf(hi, df) < p)
        hi *= 2;
    for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        if (tCdf(mid, df) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}
/** Student's t CDF through the regularized incomplete beta function. */
function tCdf(t, df) {
    const x = df / (df + t * t);
    const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
}
function incompleteBeta(x, a, b) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    // The continued fraction converges fast on this side; the symmetry relation covers the other.
    if (x < (a + 1) / (a + b + 2))
        return (front * betaFraction(x, a, b)) / a;
    return 1 - (front * betaFraction(1 - x, b, a)) / b;
}
function betaFraction(x, a, b) {
    const tiny = 1e-300;
    let c = 1;
    let d = 1 - ((a + b) * x) / (a + 1);
    if (Math.abs(d) < tiny)
        d = tiny;
    d = 1 / d;
    let h = d;
    for (let m = 1; m <= 300; m++) {
        const m2 = 2 * m;
        let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const del = d * c;
        h *= del;
        if (Math.abs(del - 1) < 3e-16)
            break;
    }
    return h;
}
function lnGamma(z) {
    // Lanczos approximation (g = 7, n = 9): 15 significant digits for z > 0.
    const g = 7;
    const c = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (z < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
    const x = z - 1;
    let s = c[0];
    for (let i = 1; i < g + 2; i++)
        s += c[i] / (x + i);
    const t = x + g + 0.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
/** A round's values from the engine's metrics JSON (runSmoke's `metrics`). */
function roundValues(metrics) {
    const d = metrics.http_req_duration;
    const reqs = metrics.http_reqs;
    return {
        p50: d?.med ?? NaN,
        p95: d?.['p(95)'] ?? NaN,
        p99: d?.['p(99)'] ?? NaN,
        errorRate: metrics.http_req_failed?.rate ?? 0,
        throughput: reqs?.rate ?? 0,
        requests: reqs?.count ?? 0,
    };
}
/** True when some metric regressed outside the noise. */
function anyRegression(c) {
    return c.metrics.some((m) => m.verdict === 'regression');
}
/** True when the comparison fails the checks: a regression threshold failed and the mode is `fail`. */
function comparisonFails(o) {
    return o.mode === 'fail' && o.regression.some((r) => !r.ok);
}
/** True when something got worse outside the noise (the verdict then says "slower than production"). */
function comparisonRegressed(o) {
    return (o.comparison !== undefined && anyRegression(o.comparison)) || o.regression.some((r) => !r.ok);
}


/***/ }),

/***/ 15891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RQ: () => (/* binding */ BASELINE_TAG),
/* harmony export */   n6: () => (/* binding */ baselineTarget),
/* harmony export */   uJ: () => (/* binding */ removeBaselinesIfUnused),
/* harmony export */   v6: () => (/* binding */ candidateTarget)
/* harmony export */ });
/* unused harmony exports BASELINE_KIND_LABEL, BASELINE_KIND, BASELINE_OF_LABEL, baselineRevisionName, planBaseline, ensureBaseline, baselineTemplate */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(67536);
/* harmony import */ var _preview_profile_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96402);
/* harmony import */ var _traffic_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26271);
/**
 * The baseline revision: what a preview is compared with when `compare: production`. It is production's
 * revision (its digest and template) with the preview profile, tagged `baseline` at 0 %, so that the
 * comparison never sends a request to production's traffic or instances. One per production revision: made
 * by the first comparison after production moved, reused by every other, replaced when production moves,
 * removed when no open preview needs it. Marked as this action's own by its labels.
 *
 * `planBaseline` and `baselineRevisionName` are pure; `ensureBaseline` and `removeBaselines` do the I/O.
 */




const BASELINE_TAG = 'baseline';
/** Labels on a baseline revision: whose it is, and which production revision it copies. */
const BASELINE_KIND_LABEL = 'gcp-deploy-kind';
const BASELINE_KIND = 'baseline';
const BASELINE_OF_LABEL = 'gcp-deploy-baseline-of';
/** `<service>-baseline-<10 hex of the production revision and profile>`, within 63 characters. */
function baselineRevisionName(service, productionRevisionName, profileKey) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(`${productionRevisionName}\n${profileKey}`)
        .digest('hex')
        .slice(0, 10);
    const suffix = `-baseline-${hash}`;
    return `${service.slice(0, _naming_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_REVISION_NAME */ .Z7 - suffix.length).replace(/-+$/, '')}${suffix}`;
}
/**
 * What to do, from the service and the baseline revisions that exist (listed by label): reuse the baseline
 * of the current production revision when it is there and tagged, else create it (and retire the others).
 */
function planBaseline(svc, existing, wantedName) {
    if (svc === null)
        return { action: 'none', reason: 'the service has no production revision yet' };
    if (svc.annotations[_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .CREATED_BY_PREVIEW */ .s0] !== undefined) {
        return {
            action: 'none',
            reason: 'nothing was promoted to production yet (a preview created the service)',
        };
    }
    const production = (0,_traffic_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .productionRevision */ .Py)(svc);
    if (production === undefined) {
        return { action: 'none', reason: 'production serves no single pinned revision to copy' };
    }
    const revision = wantedName(production);
    const tagged = svc.traffic.find((t) => t.tag === BASELINE_TAG)?.revision;
    const ours = existing.filter((r) => r.labels[BASELINE_KIND_LABEL] === BASELINE_KIND);
    if (tagged === revision && ours.some((r) => r.name === revision))
        return { action: 'reuse', revision, production };
    return {
        action: 'create',
        revision,
        production,
        replaces: ours.map((r) => r.name).filter((n) => n !== revision),
    };
}
/** The port's `ensureBaseline`: the baseline of production, ready and tagged, or why not. */
async function baselineTarget(api, service, preview, log, signal) {
    const b = await ensureBaseline(api, service, preview, log, signal);
    if (typeof b === 'string')
        return { skipped: b };
    if (!b.ready)
        return { skipped: `baseline ${b.revision} did not become ready: ${b.message ?? 'no reason given'}` };
    if (b.url === undefined)
        return { skipped: `Cloud Run reported no URL for tag ${BASELINE_TAG}` };
    return { url: b.url, revision: b.revision, productionRevision: b.production, created: b.created };
}
/**
 * compare: candidate: the candidate revision built from the PR's base commit, where the candidate tag still
 * points at it (a revision has no URL of its own without a tag).
 */
async function candidateTarget(api, service, baseSha, candidateTag) {
    if (baseSha === undefined || baseSha === '')
        return { skipped: 'the event names no base commit' };
    const sha = baseSha.toLowerCase().slice(0, 40);
    const revisions = await api.listRevisions(service, {
        'gcp-deploy-kind': 'candidate',
        'gcp-deploy-sha': sha,
    });
    if (revisions.length === 0)
        return { skipped: `no candidate was deployed for the base commit ${sha.slice(0, 7)}` };
    const svc = await api.getService(service);
    const tagged = svc?.traffic.find((t) => t.tag === candidateTag)?.revision;
    const match = revisions.find((r) => r.name === tagged);
    const url = svc?.tagUrls[candidateTag];
    if (match === undefined || url === undefined) {
        return {
            skipped: `the candidate of the base commit ${sha.slice(0, 7)} no longer carries tag ${candidateTag}`,
        };
    }
    return { url, revision: match.name };
}
/**
 * Makes sure the baseline of the current production revision exists and carries the `baseline` tag, and
 * returns its URL. Returns a reason (string) when there is nothing to compare with.
 */
async function ensureBaseline(api, service, preview, log, signal) {
    const svc = await api.getService(service);
    const existing = await api.listRevisions(service, { [BASELINE_KIND_LABEL]: BASELINE_KIND });
    const key = profileKey(preview);
    const plan = planBaseline(svc, existing, (p) => baselineRevisionName(service, p, key));
    if (plan.action === 'none')
        return plan.reason;
    if (plan.action === 'reuse') {
        const url = svc?.tagUrls[BASELINE_TAG];
        log(`Baseline ${plan.revision} (production ${plan.production}) exists: reusing it`);
        return {
            revision: plan.revision,
            production: plan.production,
            created: false,
            ready: true,
            ...(url !== undefined ? { url } : {}),
        };
    }
    const prod = await api.getRevision(service, plan.production);
    if (prod === null || prod.image === undefined)
        return `production's revision ${plan.production} could not be read`;
    const template = {
        ...baselineTemplate(prod.template, prod.image, plan.production, preview),
        revision: plan.revision,
    };
    log(`Creating baseline ${plan.revision}: production's ${plan.production} with the preview profile, tag ${BASELINE_TAG}, 0 %`);
    const r = await api.deployRevision(service, template, { kind: 'preview', tag: BASELINE_TAG, revision: plan.revision }, signal);
    // The older baselines copied a production revision that no longer serves: nothing compares with them now.
    for (const old of plan.replaces) {
        try {
            await api.deleteRevision(service, old);
            log(`Deleted baseline ${old} (production moved)`);
        }
        catch (err) {
            log(`Could not delete old baseline ${old}: ${err instanceof Error ? err.message : String(err)}`);
        }
    }
    return {
        revision: plan.revision,
        production: plan.production,
        created: r.created,
        ready: r.ready,
        ...(r.uri !== undefined ? { url: r.uri } : {}),
        ...(r.message !== undefined ? { message: r.message } : {}),
    };
}
/** Production's template and image with the preview profile, marked as a baseline; pure. */
function baselineTemplate(production, image, productionRevisionName, preview) {
    return (0,_preview_profile_js__WEBPACK_IMPORTED_MODULE_2__/* .previewTemplate */ .d6)(production, {
        revisionName: '',
        image,
        deploy: { envVars: {}, envStrategy: 'merge', secrets: [], secretsStrategy: 'merge', labels: {} },
        // PREVIEW_ID lets an app that keys its data by preview keep the baseline's apart from production's.
        runEnv: { PREVIEW_ID: BASELINE_TAG, PREVIEW_TAG: BASELINE_TAG },
        runLabels: {
            'managed-by': 'gcp-deploy',
            [BASELINE_KIND_LABEL]: BASELINE_KIND,
            [BASELINE_OF_LABEL]: productionRevisionName.slice(0, 63),
        },
    }, preview);
}
/**
 * Removes the `baseline` tag and every baseline revision when no open preview is left on the service (called
 * by the cleanup of a PR). Returns what it removed. Only revisions labelled as baselines are ever deleted.
 */
async function removeBaselinesIfUnused(api, service, log) {
    const svc = await api.getService(service);
    if (svc === null)
        return [];
    const previews = await api.listRevisions(service, { 'managed-by': 'gcp-deploy' });
    const prRevisions = new Set(previews.filter((r) => r.labels['gcp-deploy-pr'] !== undefined).map((r) => r.name));
    const open = svc.traffic.filter((t) => t.tag !== undefined && t.revision !== undefined && prRevisions.has(t.revision));
    if (open.length > 0)
        return [];
    const baselines = await api.listRevisions(service, { [BASELINE_KIND_LABEL]: BASELINE_KIND });
    if (baselines.length === 0 && !svc.traffic.some((t) => t.tag === BASELINE_TAG))
        return [];
    if (svc.traffic.some((t) => t.tag === BASELINE_TAG)) {
        await api.applyTraffic(service, { kind: 'untag', tags: [BASELINE_TAG] });
    }
    const removed = [];
    for (const b of baselines) {
        // A baseline never serves traffic; should one ever do (someone moved traffic by hand), it stays.
        if (svc.traffic.some((t) => t.revision === b.name && t.percent > 0))
            continue;
        await api.deleteRevision(service, b.name);
        removed.push(b.name);
    }
    if (removed.length > 0)
        log(`No open preview needs the baseline: removed ${removed.join(', ')}`);
    return removed;
}
function profileKey(preview) {
    return JSON.stringify([
        preview.minInstances,
        preview.maxInstances,
        preview.serviceAccount ?? '',
        preview.envVars,
        preview.secrets,
    ]);
}


/***/ }),

/***/ 51384:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   If: () => (/* binding */ describeConnection),
/* harmony export */   Pg: () => (/* binding */ detectDataConnections),
/* harmony export */   jc: () => (/* binding */ fixFor)
/* harmony export */ });
/* unused harmony exports CUT, withoutCredentials, classifyEnv */
/** Schemes of data stores and brokers: a URL with one of them is a connection to that store. */
const DATA_SCHEMES = new Set([
    'postgres',
    'postgresql',
    'postgis',
    'cockroachdb',
    'mysql',
    'mysql2',
    'mariadb',
    'sqlserver',
    'mssql',
    'oracle',
    'redis',
    'rediss',
    'valkey',
    'memcached',
    'mongodb',
    'mongodb+srv',
    'amqp',
    'amqps',
    'kafka',
    'nats',
    'cassandra',
    'neo4j',
    'neo4j+s',
    'bolt',
    'couchbase',
    'couchbases',
    'clickhouse',
    'elasticsearch',
]);
/** Values that name local files or memory, never another system's data (`sqlite:///app.db`, `:memory:`). */
const LOCAL_VALUE = /^(sqlite3?:|file:|:memory:$|\.{0,2}\/(?!cloudsql\/))/i;
/**
 * Names apps read a data-store connection from. A name alone flags a value that is not a data-store URL
 * (`DB_HOST=10.0.0.5`), unless the value is local (`DATABASE_URL=sqlite:///app.db`).
 */
const CONNECTION_NAME = new RegExp([
    '^(.*_)?DATABASE_(URL|URI|HOST|NAME)$',
    '^(.*_)?DB_(URL|URI|HOST|NAME|DSN|SOCKET|CONNECTION(_NAME)?)$',
    '^(.*_)?DSN$',
    '^PG(HOST|HOSTADDR|DATABASE|SERVICE)$',
    '^(.*_)?(POSTGRES|POSTGRESQL|MYSQL|MARIADB|REDIS|VALKEY|MEMCACHED?|MONGO|MONGODB|AMQP|RABBITMQ|KAFKA|NATS|CASSANDRA|ELASTICSEARCH|CLICKHOUSE|NEO4J)_(URL|URI|HOST|HOSTS|SERVER|SERVERS|ADDR|ADDRESS|BROKERS?|DSN|DATABASE|DB|SOCKET|CONNECTION|CONNECTION_STRING)$',
    '^(.*_)?(CLOUD_SQL|CLOUDSQL|INSTANCE)_CONNECTION_NAME$',
    '^(.*_)?CONNECTION_STRING$',
    '^(.*_)?CACHE_URL$',
    '^(.*_)?BROKER_URL$',
].join('|'), 'i');
/** A data store's credential in a plain env var: its value is never shown. */
const CREDENTIAL_NAME = /^(PGPASSWORD|PGPASSFILE|(.*_)?(DB|DATABASE|PG|POSTGRES|POSTGRESQL|MYSQL|MARIADB|REDIS|VALKEY|MONGO|MONGODB|AMQP|RABBITMQ|KAFKA|CASSANDRA|ELASTICSEARCH|CLICKHOUSE|NEO4J)_(PASSWORD|PASS|PASSWD|PWD|SECRET|TOKEN|AUTH|AUTH_TOKEN|KEY|API_KEY|CREDENTIALS?))$/i;
/** Query and DSN keys whose values are credentials. */
const SECRET_KEY = /^(password|passwd|pass|pwd|secret|token|auth|auth_token|authtoken|key|api_key|apikey|access_key|secret_key|sslkey|sslpassword|credentials?|sig|signature)$/i;
const CUT = '***';
/**
 * The value with every credential cut out: a URL's password (the whole user part when it has no password,
 * as a token often stands there), credential query parameters and `key=value` pairs.
 */
function withoutCredentials(value) {
    let out = value;
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:)+\/\//.exec(out);
    if (scheme !== null) {
        const rest = out.slice(scheme[0].length);
        // The authority ends at the first '/', '?' or '#' after the last '@' of the user part.
        const at = rest.lastIndexOf('@');
        if (at >= 0) {
            const userinfo = rest.slice(0, at);
            const colon = userinfo.indexOf(':');
            const user = colon >= 0 ? `${userinfo.slice(0, colon)}:` : '';
            out = `${scheme[0]}${user}${CUT}${rest.slice(at)}`;
        }
    }
    else if (out.includes('@')) {
        // user:password@host without a scheme.
        out = `${CUT}${out.slice(out.lastIndexOf('@'))}`;
    }
    // ?password=x&sslkey=y and DSN pairs (host=h password=x), quoted or not.
    out = out.replace(/([?&;\s]|^)([A-Za-z_]+)(\s*=\s*)('[^']*'|"[^"]*"|[^&;\s]*)/g, (whole, lead, key, eq) => SECRET_KEY.test(key) ? `${lead}${key}${eq}${CUT}` : whole);
    return out;
}
function schemeOf(value) {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value.trim());
    const jdbc = /^jdbc:([A-Za-z][A-Za-z0-9+.-]*):/i.exec(value.trim());
    return (jdbc?.[1] ?? m?.[1])?.toLowerCase();
}
const CLOUD_SQL_SOCKET = /(^|[\s=;:])\/cloudsql\/[^\s/;]+/;
/** What one plain env var is, as a connection to data; undefined when it is not one. */
function classifyEnv(name, value) {
    const v = value.trim();
    if (CREDENTIAL_NAME.test(name) && v !== '')
        return 'credential variable';
    if (v === '')
        return undefined;
    const scheme = schemeOf(v);
    if (scheme !== undefined && DATA_SCHEMES.has(scheme))
        return 'data-store URL';
    if (CLOUD_SQL_SOCKET.test(v))
        return 'Cloud SQL socket';
    if (LOCAL_VALUE.test(v))
        return undefined;
    if (CONNECTION_NAME.test(name))
        return 'connection variable';
    return undefined;
}
function envFinding(c, e) {
    const name = e.name ?? '';
    const ref = e.valueSource?.secretKeyRef;
    if (ref != null) {
        return { name, kind: 'secret env var', value: `secret ${ref.secret ?? ''}:${ref.version || 'latest'}` };
    }
    const kind = classifyEnv(name, e.value ?? '');
    if (kind === undefined)
        return undefined;
    const value = kind === 'credential variable' ? CUT : withoutCredentials(e.value ?? '');
    return { name, kind, value, ...(c.name ? { container: c.name } : {}) };
}
function volumeFinding(v) {
    const name = v.name ?? '';
    if (v.cloudSqlInstance != null) {
        return { name, kind: 'Cloud SQL volume', value: (v.cloudSqlInstance.instances ?? []).join(', ') };
    }
    if (v.secret != null)
        return { name, kind: 'secret volume', value: `secret ${v.secret.secret ?? ''}` };
    return undefined;
}
/**
 * Every connection to data the template carries that it inherits (sourceOf says from where; null skips what
 * was set for previews), split into findings and what `shared` names. Volumes nothing mounts are skipped.
 */
function detectDataConnections(template, sourceOf, opts = {}) {
    const shared = opts.shared ?? [];
    const out = { findings: [], shared: [] };
    const add = (f, source) => {
        const finding = { ...f, source };
        if (shared.includes(f.name))
            out.shared.push(finding);
        else
            out.findings.push(finding);
    };
    const containers = template.containers ?? [];
    const mounted = new Set(containers.flatMap((c) => (c.volumeMounts ?? []).map((m) => m.name ?? '')));
    for (const c of containers) {
        for (const e of c.env ?? []) {
            const f = envFinding(c, e);
            if (f === undefined)
                continue;
            const source = sourceOf({ kind: 'env', container: c.name ?? '', name: f.name });
            if (source !== null)
                add(containers.length > 1 ? f : { ...f, container: undefined }, source);
        }
    }
    for (const v of template.volumes ?? []) {
        const f = volumeFinding(v);
        if (f === undefined || !mounted.has(f.name))
            continue;
        if (f.kind === 'Cloud SQL volume' && opts.ownIdentity === true)
            continue;
        const source = sourceOf({ kind: 'volume', name: f.name });
        if (source !== null)
            add(f, source);
    }
    for (const list of [out.findings, out.shared]) {
        for (const f of list)
            if (f.container === undefined)
                delete f.container;
    }
    return out;
}
/** One line per finding: `DATABASE_URL (data-store URL, from production revision shop-1): postgres://app:***@db/shop`. */
function describeConnection(f) {
    const where = f.container === undefined ? '' : ` in container ${f.container}`;
    return `${f.name} (${f.kind}${where}, from ${f.source}): ${f.value}`;
}
/** How to stop sharing it: a preview value, or `shared` when sharing is meant. */
function fixFor(f) {
    switch (f.kind) {
        case 'secret env var':
            return `give previews their own secret with preview_secrets: ${f.name}=PREVIEW_SECRET, or list ${f.name} in shared`;
        case 'secret volume':
            return `mount a preview secret at the same path with preview_secrets: /path/file=PREVIEW_SECRET, or list ${f.name} in shared`;
        case 'Cloud SQL volume':
            return `run previews as their own identity with preview_service_account (the volume connects as the revision's service account; grant it roles/cloudsql.client only on a preview instance), or list ${f.name} in shared`;
        default:
            return `point previews elsewhere with preview_env_vars: ${f.name}=PREVIEW_VALUE, or list ${f.name} in shared`;
    }
}


/***/ }),

/***/ 96402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $L: () => (/* binding */ inspectPreview),
/* harmony export */   d6: () => (/* binding */ previewTemplate)
/* harmony export */ });
/* unused harmony exports previewDeploySettings, applyPreviewScaling, describeProfile, DEFAULT_IDENTITY */
/* harmony import */ var _data_connections_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51384);
/* harmony import */ var _template_merge_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42763);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * The deploy settings a preview merges with: `preview_env_vars` and `preview_secrets` over `env_vars` and
 * `secrets` (a preview value replaces production's of the same name, plain or secret), the preview identity
 * over `service_account`, and the preview's minimum over `min_instances`.
 */
function previewDeploySettings(deploy, preview) {
    const previewSecretEnv = new Set(preview.secrets.flatMap((s) => (s.kind === 'env' ? [s.env] : [])));
    const previewFiles = new Set(preview.secrets.flatMap((s) => (s.kind === 'file' ? [s.path] : [])));
    const replaced = (s) => s.kind === 'env' ? previewSecretEnv.has(s.env) || s.env in preview.envVars : previewFiles.has(s.path);
    const envVars = Object.fromEntries(Object.entries(deploy.envVars).filter(([name]) => !previewSecretEnv.has(name)));
    return {
        ...deploy,
        envVars: { ...envVars, ...preview.envVars },
        secrets: [...deploy.secrets.filter((s) => !replaced(s)), ...preview.secrets],
        minInstances: preview.minInstances,
        ...(preview.serviceAccount !== undefined ? { serviceAccount: preview.serviceAccount } : {}),
    };
}
/**
 * Scaling and CPU of a preview over a merged template: `preview_min_instances` (0 by default), at most
 * `preview_max_instances` (production's maximum, when lower, stays), CPU allocated only during requests.
 */
function applyPreviewScaling(template, preview) {
    const inherited = template.scaling?.maxInstanceCount ?? 0;
    // 0 or unset leaves Cloud Run's default (100), which the preview's limit is below.
    const capped = inherited > 0 ? Math.min(inherited, preview.maxInstances) : preview.maxInstances;
    return {
        ...template,
        scaling: {
            ...(template.scaling ?? {}),
            minInstanceCount: preview.minInstances,
            maxInstanceCount: Math.max(capped, preview.minInstances),
        },
        containers: (template.containers ?? []).map((c) => ({
            ...c,
            resources: { ...(c.resources ?? {}), cpuIdle: true },
        })),
    };
}
/** The preview revision: the base, the template file and the inputs merged, the preview profile over them. */
function previewTemplate(base, run, preview) {
    const merged = (0,_template_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeTemplate */ .BE)(base, { ...run, deploy: previewDeploySettings(run.deploy, preview) });
    return applyPreviewScaling(merged, preview);
}
/** "scales to zero, at most 2 instances, CPU only during requests", from the template as deployed. */
function describeProfile(template) {
    const min = template.scaling?.minInstanceCount ?? 0;
    const max = template.scaling?.maxInstanceCount ?? 0;
    const plural = (n) => `${n} instance${n === 1 ? '' : 's'}`;
    const floor = min === 0 ? 'scales to zero' : `keeps ${plural(min)} warm`;
    const ceiling = max > 0 ? `, at most ${plural(max)}` : '';
    const idle = (template.containers ?? []).every((c) => c.resources?.cpuIdle === true);
    return `${floor}${ceiling}${idle ? ', CPU only during requests' : ''}`;
}
/** The account a revision runs as when its template names none. */
const DEFAULT_IDENTITY = "the project's default compute service account";
/**
 * Inspects the preview a run would deploy over `base` (production's template; null when the service does not
 * exist yet, so there is no production to share with). The image is not known before the build and changes
 * none of what is inspected.
 */
function inspectPreview(base, run, preview) {
    const template = previewTemplate(base?.template, { ...run, revisionName: '', image: PENDING_IMAGE }, preview);
    const profile = describeProfile(template);
    if (base === null || base.template == null)
        return { profile, detection: { findings: [], shared: [] } };
    const production = (0,_template_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeTemplate */ .BE)(base.template, { ...run, revisionName: '', image: PENDING_IMAGE });
    const detection = (0,_data_connections_js__WEBPACK_IMPORTED_MODULE_0__/* .detectDataConnections */ .Pg)(template, provenance(base.template, base.revision, run.deploy, preview, production), {
        shared: preview.shared,
        ownIdentity: preview.serviceAccount !== undefined,
    });
    return {
        profile,
        ...(preview.serviceAccount === undefined
            ? { productionIdentity: template.serviceAccount || DEFAULT_IDENTITY }
            : {}),
        detection,
    };
}
/** Stands in for the digest the build will give: inspection happens before it. */
const PENDING_IMAGE = `pending.invalid/inspection@sha256:${'0'.repeat(64)}`;
/**
 * Where each env var and volume of the preview template comes from: null for what the preview sets itself
 * (preview_env_vars, preview_secrets, PREVIEW_*), else the input or the production template it inherits.
 */
function provenance(base, baseRevision, deploy, preview, production) {
    const containers = production.containers ?? [];
    const target = containers[(0,_template_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .targetContainer */ .pf)(containers, deploy.container)]?.name ?? '';
    const fromProduction = baseRevision === undefined ? 'the service template' : `production revision ${baseRevision}`;
    const fileEnv = (container, name) => (deploy.templateFile?.containers ?? []).some((c, i) => (c.name ? c.name === container : (base.containers?.[i]?.name ?? '') === container) &&
        (c.env ?? []).some((e) => e.name === name));
    const previewEnv = new Set([
        ...Object.keys(preview.envVars),
        ...preview.secrets.flatMap((s) => (s.kind === 'env' ? [s.env] : [])),
        ..._template_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .PREVIEW_ENV_NAMES */ .aS,
    ]);
    const volumeOf = (secrets) => new Set(secrets.flatMap((s) => (s.kind === 'file' ? [(0,_template_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .secretVolumeName */ .Gy)(s.secret, node_path__WEBPACK_IMPORTED_MODULE_2__.posix.dirname(s.path))] : [])));
    const previewVolumes = volumeOf(preview.secrets);
    const inputVolumes = volumeOf(deploy.secrets);
    return (what) => {
        if (what.kind === 'env') {
            if (what.container === target) {
                if (previewEnv.has(what.name))
                    return null;
                if (what.name in deploy.envVars)
                    return 'the env_vars input';
                if (deploy.secrets.some((s) => s.kind === 'env' && s.env === what.name))
                    return 'the secrets input';
            }
            return fileEnv(what.container, what.name) ? 'the template_file input' : fromProduction;
        }
        if (previewVolumes.has(what.name))
            return null;
        if (inputVolumes.has(what.name))
            return 'the secrets input';
        if ((deploy.templateFile?.volumes ?? []).some((v) => v.name === what.name))
            return 'the template_file input';
        return fromProduction;
    };
}


/***/ }),

/***/ 14791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RG: () => (/* binding */ failedRevision),
/* harmony export */   _q: () => (/* binding */ passedRevision),
/* harmony export */   wR: () => (/* binding */ createCloudRunPort)
/* harmony export */ });
/* unused harmony export baseTemplate */
/* harmony import */ var _shared_labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44758);
/* harmony import */ var _cloud_run_service_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(82041);
/* harmony import */ var _baseline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15891);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(67536);
/* harmony import */ var _preview_profile_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(96402);
/* harmony import */ var _template_merge_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(42763);
/* harmony import */ var _traffic_plan_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(26271);
/**
 * Cloud Run for the one configured service, as the commands use it: revisions are built by merging this
 * run's inputs over the template production serves (template-merge.ts), and every traffic change goes
 * through the adapter's etag read-modify-write. Services and revisions keep the adapter's shapes.
 */







/** The template a new revision starts from: production's revision's, else the service's own. */
async function baseTemplate(api, serviceName, svc) {
    if (svc === null)
        return { template: undefined };
    const serving = (0,_traffic_plan_js__WEBPACK_IMPORTED_MODULE_6__/* .productionRevision */ .Py)(svc);
    const rev = serving === undefined ? null : await api.getRevision(serviceName, serving);
    if (rev !== null)
        return { template: rev.template, revision: rev.name };
    return { template: svc.template };
}
/** The Cloud Run port for the configured service. */
function createCloudRunPort(config, log, warn = log, 
/** Defaults to clients for this environment (the orchestration unit tests pass in-memory ones). */
clients) {
    const api = new _cloud_run_service_js__WEBPACK_IMPORTED_MODULE_1__/* .CloudRunService */ .mR({
        project: config.projectId,
        region: config.region,
        log,
        warn,
        timeoutMs: config.timeoutMs,
        ...(clients !== undefined ? { clients } : {}),
    });
    const service = config.service;
    // Revisions are immutable: the template a base revision holds is read once per run, however often asked.
    const templates = new Map();
    const revisionTemplates = {
        getRevision: (svc, name) => {
            let hit = templates.get(name);
            if (hit === undefined) {
                hit = api.getRevision(svc, name);
                templates.set(name, hit);
                hit.catch(() => templates.delete(name));
            }
            return hit;
        },
    };
    // Who may invoke the service changes only when this run opens it: read once, again after openToAllUsers.
    let access;
    const current = async () => {
        const svc = await api.getService(service);
        if (svc === null)
            throw new Error(`Cloud Run service ${service} disappeared`);
        return svc;
    };
    const merged = (base, req) => {
        const { image, runEnv, runLabels } = req;
        const inputs = { revisionName: '', image, deploy: config.deploy, runEnv, runLabels };
        const merged = req.preview === undefined ? (0,_template_merge_js__WEBPACK_IMPORTED_MODULE_5__/* .mergeTemplate */ .BE)(base, inputs) : (0,_preview_profile_js__WEBPACK_IMPORTED_MODULE_4__/* .previewTemplate */ .d6)(base, inputs, req.preview);
        const unnamed = req.runAnnotations === undefined
            ? merged
            : { ...merged, annotations: { ...(merged.annotations ?? {}), ...req.runAnnotations } };
        return { ...unnamed, revision: req.name(unnamed) };
    };
    return {
        callCount: () => api.apiCalls,
        getService: () => api.getService(service),
        regionServices: () => api.listServices(service),
        knownService: () => api.knownService(service),
        baseTemplate: async (svc) => (svc === null ? null : baseTemplate(revisionTemplates, service, svc)),
        async deployTagged(req, tag, signal) {
            // The run read the service before (preview.ts); what it wrote since is known too: no read here.
            const existing = await api.knownService(service);
            const base = await baseTemplate(revisionTemplates, service, existing);
            const template = merged(base.template, req);
            const revision = template.revision;
            if (existing === null) {
                log(`Service ${service} does not exist: creating it with this revision`);
                const r = await api.createService(service, template, {
                    tag,
                    labels: { ..._shared_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .MANAGED */ .u9 },
                    // Marks it as made by a preview: until a promotion, the cleanup of its last preview deletes it.
                    annotations: { [_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .CREATED_BY_PREVIEW */ .s0]: tag },
                    ...(signal !== undefined ? { signal } : {}),
                    // IAP is a service setting: only a service this run creates gets it (see commands/access.ts).
                    iapEnabled: config.access === 'iap',
                });
                return { ...outcome(r), serviceCreated: true };
            }
            if (base.revision !== undefined)
                log(`${revision} starts from the template of ${base.revision}`);
            const previousRevision = existing.traffic.find((t) => t.tag === tag)?.revision;
            const r = await api.deployRevision(service, template, { kind: 'preview', tag, revision }, signal);
            return {
                ...outcome(r),
                serviceCreated: false,
                ...(base.revision !== undefined ? { base: base.revision } : {}),
                ...(previousRevision !== undefined && previousRevision !== revision ? { previousRevision } : {}),
            };
        },
        async retag(tag, revision) {
            await api.applyTraffic(service, { kind: 'retag', tag, revision });
        },
        async markPassed(tag, revision) {
            await api.annotate(service, { [(0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .passedAnnotation */ .m)(tag)]: revision });
        },
        async markFailed(tag, revision, runUrl) {
            await api.annotate(service, { [(0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .failedAnnotation */ .rd)(tag)]: `${revision} ${runUrl}` });
        },
        async untag(tags) {
            const forget = Object.fromEntries(tags.map((t) => [(0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .passedAnnotation */ .m)(t), null]));
            await api.applyTraffic(service, { kind: 'untag', tags }, forget);
        },
        async shiftTraffic(revision, percent, prevTag) {
            await api.applyTraffic(service, {
                kind: 'promote',
                revision,
                percent,
                ...(prevTag !== undefined ? { prevTag } : {}),
            }, { [_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .CREATED_BY_PREVIEW */ .s0]: null });
            return current();
        },
        async restoreTraffic(traffic, ownTags) {
            await api.applyTraffic(service, { kind: 'restore', traffic, own: ownTags });
        },
        listRevisions: (labels) => api.listRevisions(service, labels),
        getRevision: (name) => api.getRevision(service, name),
        async taggedRevision(tag) {
            const svc = await api.knownService(service);
            const tagged = svc?.traffic.find((t) => t.tag === tag)?.revision;
            if (tagged === undefined)
                return null;
            return api.heldRevision(service, tagged) ?? api.getRevision(service, tagged);
        },
        deleteRevision: (name) => api.deleteRevision(service, name),
        deleteService: () => api.deleteService(service),
        access: () => {
            access ??= api.access(service).catch((err) => {
                access = undefined;
                throw err;
            });
            return access;
        },
        openToAllUsers: async () => {
            access = undefined;
            await api.grantInvoker(service, 'allUsers');
            access = undefined;
        },
        ensureBaseline: (preview, signal) => (0,_baseline_js__WEBPACK_IMPORTED_MODULE_2__/* .baselineTarget */ .n6)(api, service, preview, log, signal),
        candidateOf: (baseSha, candidateTag) => (0,_baseline_js__WEBPACK_IMPORTED_MODULE_2__/* .candidateTarget */ .v6)(api, service, baseSha, candidateTag),
        removeUnusedBaselines: () => (0,_baseline_js__WEBPACK_IMPORTED_MODULE_2__/* .removeBaselinesIfUnused */ .uJ)(api, service, log),
    };
}
function outcome(r) {
    return {
        revision: r.revision,
        ready: r.ready,
        ...(r.uri !== undefined ? { url: r.uri } : {}),
        ...(r.message !== undefined ? { message: r.message } : {}),
    };
}
/** The revision that last passed its checks under `tag`, as recorded on the service, if any. */
function passedRevision(svc, tag) {
    return svc.annotations[(0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .passedAnnotation */ .m)(tag)];
}
/** The revision that last failed its checks under `tag`, and the run that checked it, as recorded. */
function failedRevision(svc, tag) {
    const [revision, runUrl = ''] = (svc.annotations[(0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .failedAnnotation */ .rd)(tag)] ?? '').split(' ');
    return revision === undefined || revision === '' ? undefined : { revision, runUrl };
}


/***/ }),

/***/ 42763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BE: () => (/* binding */ mergeTemplate),
/* harmony export */   Gy: () => (/* binding */ secretVolumeName),
/* harmony export */   aS: () => (/* binding */ PREVIEW_ENV_NAMES),
/* harmony export */   pf: () => (/* binding */ targetContainer)
/* harmony export */ });
/* unused harmony exports RUN_LABEL_PREFIX, overlayTemplate */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _api_mapping_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73609);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67536);
/* harmony import */ var _shared_labels_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44758);
/**
 * A revision is "the template someone already has, plus our inputs": a pure merge, so what Terraform or the
 * console set (sidecars, volumes, probes, VPC, identity, scaling, annotations) survives previews and
 * promotions. The base is the template of the revision production serves; a template file (escape hatch)
 * applies over it; the action's inputs apply last and always win; the image is always this run's digest.
 */





/** Env vars a preview sets for its app; never carried into another revision's base. */
const PREVIEW_ENV_NAMES = ['PREVIEW_ID', 'PREVIEW_TAG', 'PREVIEW_PR', 'PREVIEW_SHA'];
/** Labels this action sets per run start with this; a base's are dropped, this run's added. */
const RUN_LABEL_PREFIX = 'gcp-deploy-';
/** The base template, the template file over it, the inputs over both; `base` is never modified. */
function mergeTemplate(base, run) {
    (0,_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .requirePinnedImage */ .nU)(run.image);
    const d = run.deploy;
    const t = withoutRunMarkers(overlayTemplate(clone(base ?? {}), d.templateFile ?? {}));
    t.revision = run.revisionName;
    t.labels = { ...(t.labels ?? {}), ...d.labels, ...run.runLabels };
    if (d.minInstances !== undefined || d.maxInstances !== undefined) {
        t.scaling = {
            ...(t.scaling ?? {}),
            ...(d.minInstances !== undefined ? { minInstanceCount: d.minInstances } : {}),
            ...(d.maxInstances !== undefined ? { maxInstanceCount: d.maxInstances } : {}),
        };
    }
    if (d.concurrency !== undefined)
        t.maxInstanceRequestConcurrency = d.concurrency;
    if (d.serviceAccount !== undefined)
        t.serviceAccount = d.serviceAccount;
    if (d.requestTimeoutSec !== undefined)
        t.timeout = { seconds: d.requestTimeoutSec };
    const containers = [...(t.containers ?? [])];
    const at = targetContainer(containers, d.container);
    if (at === containers.length)
        containers.push(d.container !== undefined ? { name: d.container } : {});
    const c = { ...containers[at] };
    c.image = run.image;
    c.env = mergeEnv(c.env ?? [], d, run.runEnv);
    if (d.command !== undefined)
        c.command = [...d.command];
    if (d.args !== undefined)
        c.args = [...d.args];
    if (d.port !== undefined)
        c.ports = [{ ...(c.ports?.[0] ?? {}), containerPort: d.port }];
    if (d.cpu !== undefined || d.memory !== undefined || d.cpuBoost !== undefined) {
        c.resources = {
            ...(c.resources ?? {}),
            limits: {
                ...(c.resources?.limits ?? {}),
                ...(d.cpu !== undefined ? { cpu: d.cpu } : {}),
                ...(d.memory !== undefined ? { memory: d.memory } : {}),
            },
            ...(d.cpuBoost !== undefined ? { startupCpuBoost: d.cpuBoost } : {}),
        };
    }
    containers[at] = c;
    const mounted = mountSecretFiles(containers, at, t.volumes ?? [], d);
    t.containers = mounted.containers;
    t.volumes = mounted.volumes;
    return t;
}
/**
 * The container this run deploys: the one the `container` input names, else the ingress container (the
 * one with a port), else the only one. Returns `containers.length` when a new container is to be added.
 */
function targetContainer(containers, name) {
    if (name !== undefined) {
        const i = containers.findIndex((c) => c.name === name);
        if (i >= 0)
            return i;
        if (containers.length === 0)
            return 0;
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y.forInput('container', name, `allowed: a container of the service (${containers.map((c) => c.name || '(unnamed)').join(', ')})`);
    }
    if (containers.length === 0)
        return 0;
    const ingress = (0,_api_mapping_js__WEBPACK_IMPORTED_MODULE_4__/* .ingressIndex */ .$V)(containers);
    if (ingress !== undefined)
        return ingress;
    const withPort = containers.filter((c) => (c.ports ?? []).length > 0).length;
    throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y.forInput('container', '', `the service has ${containers.length} containers and ${withPort} declare a port; name the one to deploy (${containers.map((c) => c.name || '(unnamed)').join(', ')})`);
}
function mergeEnv(existing, d, runEnv) {
    const reserved = new Set(PREVIEW_ENV_NAMES);
    let env = existing.filter((e) => !reserved.has(e.name ?? ''));
    // overwrite drops what that input governs: plain values for env_vars, secret references for secrets.
    if (d.envStrategy === 'overwrite')
        env = env.filter((e) => e.valueSource != null);
    if (d.secretsStrategy === 'overwrite')
        env = env.filter((e) => e.valueSource == null);
    const set = (entry) => {
        const i = env.findIndex((e) => e.name === entry.name);
        if (i >= 0)
            env[i] = entry;
        else
            env.push(entry);
    };
    for (const [name, value] of Object.entries(d.envVars))
        set({ name, value });
    for (const s of d.secrets) {
        if (s.kind === 'env')
            set({ name: s.env, valueSource: { secretKeyRef: { secret: s.secret, version: s.version } } });
    }
    for (const [name, value] of Object.entries(runEnv))
        set({ name, value });
    return env;
}
/** Secret files (`/dir/file=SECRET:VERSION`): one secret volume per directory, mounted in the target. */
function mountSecretFiles(containers, at, volumes, d) {
    const files = d.secrets.filter((s) => s.kind === 'file');
    const target = containers[at];
    let mounts = [...(target.volumeMounts ?? [])];
    let vols = [...volumes];
    const isSecretVolume = (name) => vols.some((v) => v.name === name && v.secret != null);
    const dropUnused = () => {
        const used = new Set(containers.flatMap((c, i) => (i === at ? mounts : (c.volumeMounts ?? [])).map((m) => m.name)));
        vols = vols.filter((v) => used.has(v.name) || v.secret == null);
    };
    if (d.secretsStrategy === 'overwrite') {
        mounts = mounts.filter((m) => !isSecretVolume(m.name));
        dropUnused();
    }
    const byDir = new Map();
    for (const f of files) {
        const dir = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(f.path);
        const entry = byDir.get(dir) ?? { secret: f.secret, items: [] };
        if (entry.secret !== f.secret) {
            throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y.forInput('secrets', f.path, `allowed: one secret per mounted directory (${dir} already mounts ${entry.secret}); use another directory`);
        }
        entry.items.push({ path: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(f.path), version: f.version });
        byDir.set(dir, entry);
    }
    for (const [dir, { secret, items }] of byDir) {
        const name = secretVolumeName(secret, dir);
        mounts = mounts.filter((m) => m.mountPath !== dir && m.name !== name);
        dropUnused();
        vols = vols.filter((v) => v.name !== name);
        vols.push({ name, secret: { secret, items } });
        mounts.push({ name, mountPath: dir });
    }
    const next = [...containers];
    next[at] = { ...target, volumeMounts: mounts };
    return { containers: next, volumes: vols };
}
/** A stable volume name for a secret mounted at a directory (a DNS label, at most 63 characters). */
function secretVolumeName(secret, dir) {
    const short = (secret.split('/').pop() ?? secret).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    let h = 0;
    for (const ch of `${secret}\0${dir}`)
        h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
    return `secret-${short.slice(0, 40)}-${h.toString(36)}`.replace(/-+/g, '-');
}
/** A template without the previous run's own markers (its PREVIEW_* env and gcp-deploy-* labels). */
function withoutRunMarkers(t) {
    const labels = Object.fromEntries(Object.entries(t.labels ?? {}).filter(([k]) => !k.startsWith(RUN_LABEL_PREFIX)));
    if (t.annotations == null)
        return { ...t, labels };
    // What an earlier run recorded on its own revision describes that revision, not one made from it.
    const own = new Set(Object.values(_shared_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .REVISION_ANNOTATION */ .wB));
    const annotations = Object.fromEntries(Object.entries(t.annotations).filter(([k]) => !own.has(k)));
    return { ...t, labels, annotations };
}
/**
 * The template file over the base: objects merge key by key, containers and volumes by name (by position
 * when unnamed), every other list and value is replaced.
 */
function overlayTemplate(base, overlay) {
    return deepOverlay(base, overlay, '');
}
function deepOverlay(base, over, key) {
    if (over === undefined)
        return base;
    if (Array.isArray(over)) {
        if ((key === 'containers' || key === 'volumes') && Array.isArray(base))
            return overlayByName(base, over);
        return clone(over);
    }
    if (isObject(over) && isObject(base)) {
        const out = { ...base };
        for (const [k, v] of Object.entries(over))
            out[k] = deepOverlay(base[k], v, k);
        return out;
    }
    return clone(over);
}
function overlayByName(base, over) {
    const out = [...base];
    over.forEach((item, i) => {
        const name = isObject(item) ? item.name : undefined;
        const at = name ? out.findIndex((b) => isObject(b) && b.name === name) : i < out.length ? i : -1;
        if (at >= 0)
            out[at] = deepOverlay(out[at], item, '');
        else
            out.push(clone(item));
    });
    return out;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function clone(v) {
    return structuredClone(v);
}


/***/ }),

/***/ 86914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CB: () => (/* binding */ planCleanup),
/* harmony export */   IU: () => (/* binding */ pullRequestsToClean),
/* harmony export */   Kt: () => (/* binding */ runCleanup)
/* harmony export */ });
/* unused harmony export stalePullRequests */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _shared_labels_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44758);
/* harmony import */ var _github_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44686);
/* harmony import */ var _cloudrun_traffic_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26271);
/* harmony import */ var _report_phases_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(62568);
/* harmony import */ var _preview_service_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(47860);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(28786);
/* harmony import */ var _preview_data_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(21172);
/* harmony import */ var _compare_step_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(26104);









function servingOrTagged(service) {
    const names = new Set();
    for (const t of service?.traffic ?? []) {
        if (t.type === 'REVISION' && t.revision !== undefined && (t.percent > 0 || t.tag !== undefined))
            names.add(t.revision);
        // LATEST means what its status shows it routing to: latestReadyRevision may be a newer no-traffic one.
        const latest = t.type === 'LATEST' && service !== null ? (0,_cloudrun_traffic_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .latestMeans */ .__)(service) : undefined;
        if (latest !== undefined)
            names.add(latest);
    }
    return names;
}
function digestOf(image) {
    const at = image?.lastIndexOf('@sha256:') ?? -1;
    return image !== undefined && at >= 0 ? image.slice(at + 1) : undefined;
}
/**
 * Plans one PR's cleanup: its own tags, its revisions that will no longer serve or carry a tag, and its
 * image tags; digests of revisions that keep serving are protected.
 */
function planCleanup(prNumber, ownTag, service, revisions) {
    const prRevisions = revisions.filter((r) => r.labels[_shared_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .LABEL */ .d_.pr] === String(prNumber));
    const prNames = new Set(prRevisions.map((r) => r.name));
    // Tags this PR owns: its tag, and any pr-<n>-style tag on its own revisions; never prod/prev/others.
    const tags = (service?.traffic ?? [])
        .filter((t) => t.tag !== undefined &&
        (t.tag === ownTag ||
            (t.revision !== undefined && prNames.has(t.revision) && t.tag.startsWith(`pr-${prNumber}`))))
        .map((t) => t.tag);
    // What serves or stays tagged once our tags are gone: a promoted PR revision keeps serving and is kept.
    const remaining = service === null
        ? null
        : {
            ...service,
            traffic: (0,_cloudrun_traffic_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planTraffic */ .H6)(service, { kind: 'untag', tags }),
        };
    const keep = servingOrTagged(remaining);
    const keptRevisions = revisions.filter((r) => keep.has(r.name));
    const protectedDigests = [...new Set(keptRevisions.flatMap((r) => digestOf(r.image) ?? []))];
    const shas = [...new Set(prRevisions.map((r) => r.labels[_shared_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .LABEL */ .d_.sha] ?? '').filter((s) => s !== ''))];
    return {
        prNumber,
        tags,
        revisions: prRevisions.filter((r) => !keep.has(r.name)).map((r) => r.name),
        imageTags: [`pr-${prNumber}`, ...shas.map((s) => `sha-${s.slice(0, 7)}`)],
        protectedDigests,
    };
}
/** The service as a cleanup would leave it (for a dry run's forecast): its tags and revisions gone. */
function remainingAfter(service, plan) {
    return { ...service, traffic: (0,_cloudrun_traffic_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planTraffic */ .H6)(service, { kind: 'untag', tags: plan.tags }) };
}
/** PRs whose newest revision is older than `staleMs` (for a scheduled sweep). */
function stalePullRequests(revisions, staleMs, now) {
    const newestByPr = new Map();
    for (const r of revisions) {
        const pr = Number(r.labels[_shared_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .LABEL */ .d_.pr]);
        if (!Number.isInteger(pr) || pr <= 0)
            continue;
        const t = r.createTime?.getTime() ?? 0;
        newestByPr.set(pr, Math.max(newestByPr.get(pr) ?? 0, t));
    }
    return [...newestByPr.entries()]
        .filter(([, t]) => now.getTime() - t > staleMs)
        .map(([pr]) => pr)
        .sort((a, b) => a - b);
}
/** Removes one PR's preview (or, with `stale`, every stale one), or lists it all with dry_run. */
async function runCleanup(config, prNumbers, ownTagFor, report, ports) {
    const dry = config.cleanup.dryRun;
    await (0,_report_phases_js__WEBPACK_IMPORTED_MODULE_4__/* .timePhase */ .Jv)(report, 'cleanup', async () => {
        for (const pr of prNumbers) {
            const service = await ports.cloudRun.getService();
            const revisions = await ports.cloudRun.listRevisions({ ..._shared_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .MANAGED */ .u9 });
            const plan = planCleanup(pr, ownTagFor(pr), service, revisions);
            const say = (what, items) => ports.log.info(`${dry ? 'would delete' : 'deleting'} ${what} of PR #${pr}: ${items.length > 0 ? items.join(', ') : 'none'}`);
            say('tags', plan.tags);
            say('revisions', plan.revisions);
            if (!dry && plan.tags.length > 0)
                await ports.cloudRun.untag(plan.tags);
            for (const name of plan.revisions) {
                if (!dry)
                    await ports.cloudRun.deleteRevision(name);
            }
            // Issue 31: the baseline goes with the last open preview (compare-step.ts).
            if (!dry && service !== null)
                await (0,_compare_step_js__WEBPACK_IMPORTED_MODULE_7__/* .dropUnusedBaseline */ .r)(service, report, ports);
            const why = `the cleanup of PR #${pr} removed its last preview`;
            let serviceGone = false;
            if (dry) {
                const fate = service === null
                    ? undefined
                    : (0,_preview_service_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceFate */ .et)(remainingAfter(service, plan), await ports.cloudRun.listRevisions({}));
                if (fate?.kind === 'delete') {
                    const note = `PR #${pr}: would delete service ${config.service}: a preview (${fate.createdBy}) created it, nothing was ever promoted, and ${why}.`;
                    report.notes.push(note);
                    ports.log.info(note);
                }
            }
            else if (service !== null) {
                serviceGone = await (0,_preview_service_js__WEBPACK_IMPORTED_MODULE_5__/* .deleteIfOnlyPreviews */ .ki)(config.service, why, report, ports);
            }
            // With the service gone, nothing serves: no digest needs protecting.
            const images = await ports.images.deleteTags(plan.imageTags, serviceGone ? [] : plan.protectedDigests, dry);
            say('image tags', images.deleted);
            if (images.kept.length > 0)
                ports.log.info(`kept image tags still serving: ${images.kept.join(', ')}`);
            report.notes.push(`PR #${pr}: ${dry ? 'would remove' : 'removed'} ${plan.tags.length} tag(s), ${plan.revisions.length} revision(s), ${images.deleted.length} image tag(s)`);
            // Per-PR data (preview-data.ts): jobs, secret, database or schema, role, cache keys.
            const data = await (0,_preview_data_js__WEBPACK_IMPORTED_MODULE_6__/* .dropPreviewData */ .sv)(config, pr, ports.log, dry);
            if (data.length > 0)
                report.notes.push(`PR #${pr}: removed ${data.join(', ')}`);
        }
    });
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_8__/* .settleOn */ .Rv)(report, { kind: 'passed', command: 'cleanup', dryRun: dry });
    return report;
}
/**
 * The PRs a cleanup removes: the closed one, and with `stale`, those untouched for longer than that and,
 * when GitHub can be asked, those already closed.
 */
async function pullRequestsToClean(config, prNumber, ctx, ports) {
    const prs = prNumber === undefined ? [] : [prNumber];
    if (config.cleanup.staleMs === undefined)
        return prs;
    const revisions = await ports.cloudRun.listRevisions({ ..._shared_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .MANAGED */ .u9 });
    const known = [...new Set(revisions.map((r) => Number(r.labels[_shared_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .LABEL */ .d_.pr])))].filter((n) => Number.isInteger(n) && n > 0);
    const closed = config.github.token === '' ? [] : await (0,_github_index_js__WEBPACK_IMPORTED_MODULE_2__/* .closedPullRequests */ .UJ)(config.github.token, ctx, known, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e);
    const all = [
        ...new Set([...prs, ...stalePullRequests(revisions, config.cleanup.staleMs, new Date()), ...closed]),
    ];
    return all.sort((a, b) => a - b);
}


/***/ }),

/***/ 26104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ compareWithBaseline),
/* harmony export */   r: () => (/* binding */ dropUnusedBaseline)
/* harmony export */ });
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cloudrun_baseline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15891);
/* harmony import */ var _checks_compare_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6474);
/* harmony import */ var _checks_regression_thresholds_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70445);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(22156);
/* harmony import */ var _cancellation_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(87391);
/**
 * The preview's comparison step (issue 31), called by runPreview once the smoke checks passed: find or make
 * the baseline (compare: production) or the base commit's candidate (compare: candidate), run the interleaved
 * rounds, evaluate the regression thresholds, and put the outcome on the report. Returns the failure reason
 * when a regression threshold fails with regression_mode: fail, else undefined. A baseline that cannot be
 * had is reported, never a failure: the preview's own checks passed.
 */






async function compareWithBaseline(plan, report, ports, previewUrl) {
    const settings = plan.config.checks.compare;
    // Candidates and promotions never compare: only a PR's preview has a production to be slower than.
    if (settings.against === 'off' || plan.prNumber === undefined)
        return undefined;
    const started = node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now();
    const base = {
        against: settings.against,
        coldStartMs: {},
        regression: [],
        mode: settings.mode,
    };
    let target;
    try {
        target = await (0,_cancellation_js__WEBPACK_IMPORTED_MODULE_5__/* .unlessCancelled */ .MS)(settings.against === 'production'
            ? ports.cloudRun.ensureBaseline(plan.config.preview, ports.cancel)
            : ports.cloudRun.candidateOf(plan.baseSha, plan.config.promote.candidateTag), ports.cancel);
    }
    catch (err) {
        if ((0,_cancellation_js__WEBPACK_IMPORTED_MODULE_5__/* .isCancelled */ .mm)(err))
            throw err;
        target = { skipped: `the baseline could not be prepared: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(err)}` };
    }
    if ('skipped' in target) {
        ports.log.warning(`No comparison with a baseline: ${target.skipped}`);
        report.comparison = {
            ...base,
            baselineRevision: '',
            skipped: target.skipped,
            durationMs: node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now() - started,
        };
        return undefined;
    }
    ports.log.info(`Comparing ${previewUrl} with ${target.revision} at ${target.url}`);
    const run = await (0,_cancellation_js__WEBPACK_IMPORTED_MODULE_5__/* .unlessCancelled */ .MS)(ports.checks.compare(previewUrl, target.url, ports.cancel), ports.cancel);
    const regression = (0,_checks_regression_thresholds_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluateRegressionThresholds */ .pH)(settings.regression, run.comparison).map((r) => ({
        threshold: { metricName: r.threshold.metricName, expression: r.threshold.expression },
        ok: r.ok,
        measured: r.measured,
        kind: r.threshold.kind,
    }));
    const outcome = {
        ...base,
        baselineRevision: target.revision,
        ...(target.productionRevision !== undefined ? { productionRevision: target.productionRevision } : {}),
        ...(target.created !== undefined ? { baselineCreated: target.created } : {}),
        coldStartMs: {
            ...(run.coldStartMs.preview !== undefined ? { preview: run.coldStartMs.preview } : {}),
            ...(run.coldStartMs.baseline !== undefined ? { baseline: run.coldStartMs.baseline } : {}),
        },
        comparison: run.comparison,
        regression,
        durationMs: node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now() - started,
    };
    report.comparison = outcome;
    for (const m of run.comparison.metrics) {
        ports.log.info(`Comparison ${m.metric}: preview ${m.preview.toFixed(3)}, baseline ${m.baseline.toFixed(3)}, diff ${m.diff.toFixed(3)} [${m.ci[0].toFixed(3)}, ${m.ci[1].toFixed(3)}]: ${m.verdict}`);
    }
    if (!(0,_checks_compare_js__WEBPACK_IMPORTED_MODULE_2__/* .comparisonFails */ .T5)(outcome))
        return undefined;
    const failed = regression
        .filter((r) => !r.ok)
        .map((r) => `${r.threshold.metricName} ${r.threshold.expression}`);
    return `Slower than ${settings.against === 'production' ? 'production' : 'the base commit'}: regression thresholds failed: ${failed.join(', ')}`;
}
/**
 * Cleanup's hook: the baseline goes once no open preview is left to compare with it. A service whose traffic
 * carries no `baseline` tag (compare never used) costs no call. Never fails a cleanup.
 */
async function dropUnusedBaseline(service, report, ports) {
    if (!service.traffic.some((t) => t.tag === _cloudrun_baseline_js__WEBPACK_IMPORTED_MODULE_1__/* .BASELINE_TAG */ .RQ))
        return;
    try {
        const removed = await ports.cloudRun.removeUnusedBaselines();
        if (removed.length > 0)
            report.notes.push(`No open preview is left: removed the baseline ${removed.join(', ')}`);
    }
    catch (err) {
        ports.log.warning(`Could not remove the unused baseline: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(err)}`);
    }
}


/***/ }),

/***/ 79526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D1: () => (/* binding */ examineBeforeBuild),
/* harmony export */   MI: () => (/* binding */ reviewImage),
/* harmony export */   Yt: () => (/* binding */ doctorBlocks),
/* harmony export */   fD: () => (/* binding */ logIgnored),
/* harmony export */   fz: () => (/* binding */ annotate)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94495);
/* harmony import */ var _build_image_ref_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79557);
/* harmony import */ var _registry_image_read_auth_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12514);
/* harmony import */ var _registry_manifest_resolve_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4467);
/**
 * Where the Dockerfile doctor meets a run: before the build it fills the report and writes one GitHub
 * annotation per finding on the Dockerfile's line; after the build (or for a prebuilt `image`) it reads the
 * image's config from the registry. The single-service and environment paths both call these.
 */






/** Cloud Run's port when the `port` input leaves it unset. */
const DEFAULT_PORT = 8080;
/**
 * Checks the Dockerfile and context of a run that builds, and records the findings on its report. Returns
 * what was examined (the environment compares its members' bases), or undefined when the doctor is off or
 * there is nothing to read (a prebuilt image).
 */
function examineBeforeBuild(config, report) {
    if (config.doctor.mode === 'off')
        return undefined;
    if (config.build.prebuiltImage !== undefined) {
        report.doctor = (0,_build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__/* .doctorReport */ .Oq)(config.doctor.mode);
        return undefined;
    }
    let examined;
    try {
        examined = (0,_build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__/* .examineBuild */ .Ge)(config.build, config.deploy.port ?? DEFAULT_PORT, config.doctor.ignore);
    }
    catch (err) {
        // An unreadable corner of the context must not stop a build the doctor only advises on.
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`The Dockerfile doctor could not read the build: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`);
        return undefined;
    }
    report.doctor = (0,_build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__/* .doctorReport */ .Oq)(config.doctor.mode, examined);
    return examined;
}
/** One annotation per finding, on its file and line: a warning, or an error when the mode fails the run. */
function annotate(findings, mode, service) {
    for (const f of findings) {
        const text = `${service === undefined ? '' : `[${service}] `}${(0,_build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__/* .describeFinding */ .jb)(f)}`;
        const props = {
            title: `gcp-deploy ${f.rule}: ${_build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__/* .RULES */ .y0[f.rule].title}`,
            ...(f.file === undefined ? {} : { file: f.file }),
            ...(f.line === undefined ? {} : { startLine: f.line }),
        };
        if (mode === 'error')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(text, props);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(text, props);
    }
}
/** Writes the skipped findings to the log, with the reason each was skipped. */
function logIgnored(report) {
    for (const f of report.doctor?.ignored ?? [])
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Skipped ${f.rule}: ignored by ${f.ignoredBy}`);
}
/** The reason an `error`-mode run stops before building, or undefined when it may build. */
function doctorBlocks(report) {
    const d = report.doctor;
    if (d === undefined || d.mode !== 'error' || d.findings.length === 0)
        return undefined;
    return (0,_build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__/* .blockingMessage */ .Z2)(d.findings);
}
async function authFor(imageRef, env) {
    return (0,_registry_image_read_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .imageReadAuth */ .o)((0,_build_image_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .registryHostOf */ .pY)(imageRef), env);
}
/**
 * After the build: the pushed (or prebuilt) image's user and size, from its config in the registry. A root
 * user is reported even when there was no Dockerfile to read; one already found in the Dockerfile is not
 * repeated. Reading the image is best effort: a registry that will not answer costs a log line, not the run.
 */
async function reviewImage(config, report, imageRef, env = process.env) {
    const d = report.doctor;
    if (d === undefined || config.doctor.mode === 'off')
        return;
    let facts;
    try {
        facts = await (0,_registry_manifest_resolve_js__WEBPACK_IMPORTED_MODULE_5__/* .readImageConfig */ .MP)(imageRef, await authFor(imageRef, env));
    }
    catch (err) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Could not read the image config of ${imageRef} for the Dockerfile doctor: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`);
        return;
    }
    d.image = { user: facts.user, sizeBytes: facts.sizeBytes };
    const dockerfileSaid = [...d.findings, ...d.ignored].some((f) => f.rule === 'root-user');
    const found = (0,_build_doctor_index_js__WEBPACK_IMPORTED_MODULE_2__/* .checkImage */ .cd)(facts, { imageRef, dockerfileSaid });
    const ignored = found.filter((f) => config.doctor.ignore.includes(f.rule));
    d.ignored.push(...ignored.map((f) => ({ ...f, ignoredBy: 'the dockerfile_ignore input' })));
    const kept = found.filter((f) => !config.doctor.ignore.includes(f.rule));
    d.findings.push(...kept);
    // After the build nothing is stopped: the image exists, and the findings say what to change for the next.
    annotate(kept, 'warn', report.service);
}


/***/ }),

/***/ 28786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rv: () => (/* binding */ settleOn),
/* harmony export */   zQ: () => (/* binding */ settleEnvironment)
/* harmony export */ });
/* unused harmony exports settle, applyOutcome */
function undoNote(undo) {
    switch (undo.kind) {
        case 'retagged': {
            const kept = undo.failing === undefined ? '' : `; ${undo.failing} is kept untagged for debugging`;
            return [
                undo.back === null
                    ? `Tag ${undo.tag} was removed (no earlier revision of this PR passed its checks)${kept}.`
                    : `Tag ${undo.tag} points back to ${undo.back}, the last revision that passed its checks${kept}.`,
            ];
        }
        case 'kept':
            return [`Tag ${undo.tag} stays on ${undo.revision}, its last good revision.`];
        case 'traffic-restored':
            return [
                'Production traffic and the prev tag were restored as they were before the promotion; other tags were left as they are now.',
            ];
        case 'failed':
            return [];
    }
}
const failed = (notes = []) => ({
    state: 'failed',
    result: 'failure',
    stage: 'failed',
    notes,
});
const cancelled = (notes, stage = 'cancelled') => ({
    state: 'cancelled',
    result: 'cancelled',
    stage,
    notes,
});
/** The one mapping from what happened to state, result, stage and notes. */
function settle(h) {
    switch (h.kind) {
        case 'passed':
            if (h.command === 'cleanup') {
                return h.dryRun === true
                    ? { state: 'ready', result: 'success', stage: 'passed', notes: [] }
                    : { state: 'removed', result: 'removed', stage: 'removed', notes: [] };
            }
            if (h.command === 'promote' || h.command === 'rollback') {
                return { state: 'promoted', result: 'success', stage: 'promoted', notes: [] };
            }
            return { state: 'ready', result: 'success', stage: h.reused === true ? 'reused' : 'passed', notes: [] };
        case 'skipped':
            return {
                state: 'skipped',
                result: 'skipped',
                stage: 'skipped',
                notes: h.why === undefined ? [] : [h.why],
            };
        case 'stopped': {
            const notes = h.command === 'promote' && h.candidateTag !== undefined
                ? [`Production traffic did not move; tag ${h.candidateTag} is where it was.`]
                : h.cancelled
                    ? ['Cancelled before anything was deployed: nothing changed on Cloud Run.']
                    : [];
            return h.cancelled ? cancelled(notes) : failed(notes);
        }
        case 'undone':
            if (h.undo.kind === 'failed')
                return failed();
            if (h.cancelled)
                return cancelled(undoNote(h.undo));
            return { state: 'rolled-back', result: 'rolled-back', stage: 'rolled-back', notes: undoNote(h.undo) };
        case 'kept-failing':
            return failed(h.deployed ? ['rollback_on_failure is false: the failed revision keeps the tag'] : []);
        case 'undone-for-another': {
            if (h.undo.kind === 'failed')
                return failed();
            const notes = [...undoNote(h.undo)];
            if (h.undo.kind !== 'kept')
                notes.push(`Returned because ${h.because}.`);
            return h.cancelled && h.undo.kind !== 'kept'
                ? cancelled(notes, 'restored')
                : { state: 'rolled-back', result: 'rolled-back', stage: 'restored', notes };
        }
    }
}
/** Writes a settled outcome on the report (its notes after the ones already there). */
function applyOutcome(report, s) {
    report.state = s.state;
    report.result = s.result;
    report.notes.push(...s.notes);
    return s;
}
/** Settles `h` onto the report. */
function settleOn(report, h) {
    return applyOutcome(report, settle(h));
}
/**
 * An environment as a whole from its members: ready (or promoted, removed) only when every member passed;
 * cancelled when the run was; a failed preview is rolled back when no member was left failed or in place.
 */
function settleEnvironment(command, members, opts) {
    if (opts.skipped === true)
        return { state: 'skipped', result: 'skipped' };
    if (opts.cancelled)
        return { state: 'cancelled', result: 'cancelled' };
    if (!opts.failed) {
        const s = settle({ kind: 'passed', command, dryRun: opts.dryRun });
        return { state: s.state, result: s.result };
    }
    if (command === 'cleanup')
        return { state: 'failed', result: 'failure' };
    // Promotions undo the services already promoted, in reverse order: the environment is rolled back.
    if (command === 'promote' || command === 'rollback')
        return { state: 'rolled-back', result: 'rolled-back' };
    const rolledBack = members.every((m) => m.result !== 'success' && m.result !== 'failure');
    return rolledBack
        ? { state: 'rolled-back', result: 'rolled-back' }
        : { state: 'failed', result: 'failure' };
}


/***/ }),

/***/ 21172:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E0: () => (/* binding */ checkDataReachable),
  oZ: () => (/* binding */ checkSharedDatabases),
  sv: () => (/* binding */ dropPreviewData),
  O8: () => (/* binding */ preparePreviewData),
  bW: () => (/* binding */ withPreviewData)
});

// UNUSED EXPORTS: dataError, withoutPasswords

// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./node_modules/@google-cloud/run/build/src/index.js
var src = __webpack_require__(89475);
// EXTERNAL MODULE: ./src/cloudrun/client-factory.ts
var client_factory = __webpack_require__(11440);
// EXTERNAL MODULE: ./src/cloudrun/template-merge.ts
var template_merge = __webpack_require__(42763);
;// CONCATENATED MODULE: ./src/cloudrun/job-client.ts
/**
 * One-off commands (a PR's migrations and seed) run as Cloud Run jobs made from a revision template: the same
 * image digest, env, secrets, service account, VPC and Cloud SQL settings, with the container's command
 * replaced. The job is created or updated, run, and waited for; what a failure says comes from its task.
 */



/**
 * The job's task template from a revision template (pure): a job's containers serve no port and have no
 * probes, and scaling, concurrency and CPU-idle are a service's; everything that reaches data stays. The
 * target container runs `command`; sidecars (a Cloud SQL proxy, say) stay as they are.
 */
function taskTemplateFrom(revision, command, container) {
    const containers = revision.containers ?? [];
    const target = (0,template_merge/* targetContainer */.pf)(containers, container);
    const jobContainers = containers.map((c, i) => {
        const { ports: _ports, startupProbe: _startup, livenessProbe: _liveness, dependsOn: _dependsOn, resources, ...rest } = c;
        const limits = resources?.limits ?? undefined;
        return {
            ...rest,
            ...(limits ? { resources: { limits } } : {}),
            ...(i === target ? { command: command.slice(0, 1), args: command.slice(1) } : {}),
        };
    });
    return {
        containers: jobContainers,
        ...(revision.volumes ? { volumes: revision.volumes } : {}),
        ...(revision.serviceAccount ? { serviceAccount: revision.serviceAccount } : {}),
        ...(revision.vpcAccess ? { vpcAccess: revision.vpcAccess } : {}),
        ...(revision.encryptionKey ? { encryptionKey: revision.encryptionKey } : {}),
        ...(revision.executionEnvironment ? { executionEnvironment: revision.executionEnvironment } : {}),
        // A migration is not retried blindly (a half-applied one may not be re-runnable); it has 10 minutes.
        maxRetries: 0,
        timeout: { seconds: 600 },
    };
}
const stateName = (c) => typeof c?.state === 'number' ? String(c.state) : String(c?.state ?? '');
const FAILED = new Set(['CONDITION_FAILED', '3']);
/** Jobs of one project and region. */
class JobRunner {
    jobs;
    executions;
    tasks;
    parent;
    constructor(project, region, env = process.env) {
        const options = (0,client_factory/* clientOptions */.s1)(env);
        this.jobs = new src/* JobsClient */.Gt(options);
        this.executions = new src/* ExecutionsClient */.TX(options);
        this.tasks = new src/* TasksClient */.w6(options);
        this.parent = `projects/${project}/locations/${region}`;
    }
    name(jobId) {
        return `${this.parent}/jobs/${jobId}`;
    }
    /** Creates the job, or replaces its template when it exists (one job per PR and command). */
    async ensure(jobId, template, labels) {
        const name = this.name(jobId);
        const job = { labels, template: { taskCount: 1, parallelism: 1, template } };
        const existing = await this.get(name);
        if (existing === null) {
            const [op] = await this.jobs.createJob({ parent: this.parent, jobId, job });
            await op.promise();
        }
        else {
            if (!ownedBy(existing.labels ?? {}, labels))
                throw new Error(`job ${jobId} exists without this PR's gcp-deploy labels; refusing to change it`);
            const [op] = await this.jobs.updateJob({ job: { ...job, name, etag: existing.etag ?? '' } });
            await op.promise();
        }
        return name;
    }
    /** Runs the job and waits for its execution to finish (the operation completes with it). */
    async run(name, signal) {
        const [op] = await this.jobs.runJob({ name });
        const done = op.promise();
        const [execution] = await (signal === undefined ? done : abortable(done, signal));
        const completed = (execution.conditions ?? []).find((c) => c.type === 'Completed');
        const failed = Number(execution.failedCount ?? 0) > 0 || FAILED.has(stateName(completed));
        if (!failed)
            return { ok: true, execution: execution.name ?? '' };
        const [tasks] = await this.tasks.listTasks({ parent: execution.name ?? '' });
        const bad = tasks.find((t) => FAILED.has(stateName((t.conditions ?? []).find((c) => c.type === 'Ready'))));
        return {
            ok: false,
            execution: execution.name ?? '',
            message: completed?.message || bad?.lastAttemptResult?.status?.message || 'the execution failed',
            ...(bad?.name ? { failedTask: bad.name } : {}),
        };
    }
    /** The name of an execution's first task (whose log a one-task job's result is read from). */
    async firstTask(execution) {
        const [tasks] = await this.tasks.listTasks({ parent: execution });
        return tasks.find((t) => Number(t.index ?? 0) === 0)?.name ?? undefined;
    }
    async get(name) {
        try {
            const [job] = await this.jobs.getJob({ name });
            return job;
        }
        catch (err) {
            if (err.code === 5)
                return null;
            throw err;
        }
    }
    /** Deletes the job when it carries `labels`; 'absent' when there is none, 'kept' when it is not ours. */
    async remove(jobId, labels) {
        const name = this.name(jobId);
        const job = await this.get(name);
        if (job === null)
            return 'absent';
        if (!ownedBy(job.labels ?? {}, labels))
            return 'kept';
        const [op] = await this.jobs.deleteJob({ name });
        await op.promise();
        return 'deleted';
    }
    async close() {
        await Promise.all([this.jobs.close(), this.executions.close(), this.tasks.close()]);
    }
}
function ownedBy(have, want) {
    return Object.entries(want).every(([k, v]) => have[k] === v);
}
function abortable(p, signal) {
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        if (signal.aborted)
            return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}

// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var build_src = __webpack_require__(492);
;// CONCATENATED MODULE: ./src/cloudrun/task-logs.ts
/**
 * The last lines a Cloud Run job task wrote, read from Cloud Logging (entries:list, REST) with the filter
 * Cloud Run's console uses for one task. Reading needs roles/logging.viewer; without it (or without an
 * answer) there is no excerpt, and the caller says so.
 */

/** The project and Cloud Logging filter for a task `projects/P/locations/R/jobs/J/executions/E/tasks/E-taskN`. */
function taskLogFilter(task) {
    const m = /^projects\/([^/]+)\/locations\/([^/]+)\/jobs\/([^/]+)\/executions\/([^/]+)\/tasks\/.*-task(\d+)$/.exec(task);
    if (!m)
        return undefined;
    const [, project = '', location, job, execution, index] = m;
    return {
        project,
        filter: [
            'resource.type="cloud_run_job"',
            `resource.labels.job_name="${job}"`,
            `resource.labels.location="${location}"`,
            `labels."run.googleapis.com/execution_name"="${execution}"`,
            `labels."run.googleapis.com/task_index"="${index}"`,
        ].join(' AND '),
    };
}
/** The task's last `lines` log lines, oldest first; throws when Cloud Logging refuses or does not answer. */
async function readTaskLog(task, lines = 20) {
    const where = taskLogFilter(task);
    if (where === undefined)
        throw new Error(`not a task name: ${task}`);
    const auth = new build_src.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    const res = await auth.request({
        url: 'https://logging.googleapis.com/v2/entries:list',
        method: 'POST',
        data: {
            resourceNames: [`projects/${where.project}`],
            filter: where.filter,
            orderBy: 'timestamp desc',
            pageSize: lines,
        },
        timeout: 15_000,
    });
    return (res.data.entries ?? [])
        .reverse()
        .map((e) => e.textPayload ?? e.jsonPayload?.message ?? '')
        .filter((l) => l !== '')
        .join('\n');
}

// EXTERNAL MODULE: ./src/cloudrun/preview-profile.ts
var preview_profile = __webpack_require__(96402);
// EXTERNAL MODULE: ./src/data/connection.ts
var connection = __webpack_require__(71302);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/data/naming.ts
/**
 * Names of per-PR data resources. Pure: the same service and PR always give the same names, different ones
 * never collide, and every name is a valid unquoted PostgreSQL identifier of at most 63 bytes (longer ones
 * are silently truncated by the server, which is how two PRs would end up sharing a database).
 */

/** PostgreSQL's NAMEDATALEN - 1. */
const MAX_IDENTIFIER_BYTES = 63;
const PREFIX = 'gcpd_';
const HASHED_PREFIX = 'gcpd__';
/** The marker every per-PR database, schema and role carries as its COMMENT; cleanup drops nothing without it. */
function ownershipMarker(service, pr) {
    return `${MARKER_PREFIX} service=${service} pr=${pr}`;
}
/** What every marker starts with, so a sweep can find the action's resources and nothing else. */
const MARKER_PREFIX = 'gcp-deploy:pr-data';
/** The service and PR a marker names, or undefined when it is not one of the action's markers. */
function naming_parseMarker(marker) {
    // Greedy and across lines: the last ` pr=` is the PR, whatever the service name holds.
    const m = /^gcp-deploy:pr-data service=([\s\S]*) pr=([1-9][0-9]*)$/.exec(marker);
    if (m?.[1] === undefined || !m[2])
        return undefined;
    const pr = Number(m[2]);
    return Number.isSafeInteger(pr) ? { service: m[1], pr } : undefined;
}
/** A valid unquoted identifier: lower-case letters, digits and underscores, not starting with a digit. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/**
 * The database (or schema) and role name for one service's PR: `gcpd_<service>_pr<n>`. A Cloud Run service
 * name (lower-case letters, digits and hyphens) maps one to one by turning hyphens into underscores. Anything
 * else (other characters, or a name too long to fit) is folded and shortened, and then a hash of the exact
 * service name keeps it apart from every other service.
 */
function naming_perPrName(service, pr) {
    if (!Number.isSafeInteger(pr) || pr <= 0)
        throw new RangeError(`PR number must be a positive integer, got ${pr}`);
    const suffix = `_pr${pr}`;
    if (/^[a-z][a-z0-9-]*$/.test(service)) {
        const direct = `${PREFIX}${service.replace(/-/g, '_')}${suffix}`;
        if (direct.length <= MAX_IDENTIFIER_BYTES)
            return direct;
    }
    const hash = `_${(0,external_node_crypto_.createHash)('sha256').update(service).digest('hex').slice(0, 12)}`;
    const folded = service
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '');
    const room = MAX_IDENTIFIER_BYTES - HASHED_PREFIX.length - hash.length - suffix.length;
    // `gcpd__` never begins a direct name (whose service part starts with a letter), so the two forms cannot
    // meet; among hashed names only a 48-bit hash collision could. `x` stands for a service with no usable
    // characters.
    return `${HASHED_PREFIX}${folded.slice(0, room).replace(/_+$/, '') || 'x'}${hash}${suffix}`;
}
/** The Secret Manager secret holding one PR's connection to its database (its password inside). */
function databaseSecretId(service, pr) {
    return `gcp-deploy-${service}-pr-${pr}-database`;
}
/**
 * The Cloud Run job that runs one PR's `migrate` or `seed` command, or its provisioning (`dbadmin`, with
 * database_admin_image): a DNS-1035 label of at most 63
 * characters; a long service name is shortened and a hash of it keeps names of different services apart.
 */
function dataJobId(service, pr, kind) {
    const suffix = `-pr${pr}-${kind}`;
    const direct = `${service}${suffix}`;
    if (direct.length <= 63)
        return direct;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(service).digest('hex').slice(0, 8);
    const room = 63 - suffix.length - hash.length - 1;
    return `${service.slice(0, room).replace(/-+$/, '')}-${hash}${suffix}`;
}
/** Labels every per-PR resource in Google Cloud carries (secrets, jobs), so cleanup and sweeps find them. */
function dataLabels(service, pr) {
    return { 'managed-by': 'gcp-deploy', 'gcp-deploy-pr': String(pr), 'gcp-deploy-service': service };
}

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(83849);
;// CONCATENATED MODULE: ./src/data/postgres.ts
/**
 * Per-PR PostgreSQL: a database (optionally copied from a template) or a schema in the app's database, and a
 * login role that reaches only that, with a generated password. Everything made carries this PR's marker as
 * its COMMENT, and nothing is dropped without it (the template never is).
 */





function withDatabase(url, database) {
    const u = new URL(url);
    u.pathname = `/${encodeURIComponent(database)}`;
    return u.toString();
}
function databaseOf(url) {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}
/** Connects as admin, or fails with one line naming the input, host and port, and the server's error. */
async function connect(url, timeoutMs) {
    const client = new esm/* default.Client */.Ay.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
    client.on('error', () => undefined); // a dropped connection surfaces on the next query instead
    try {
        await client.connect();
        return client;
    }
    catch (err) {
        await client.end().catch(() => undefined);
        let where = 'the server';
        try {
            const { host, port } = (0,connection/* endpointOf */.X5)(url);
            where = `${host}:${port}`;
        }
        catch {
            // an unparsable URL: pg's own message says so
        }
        throw new user_error/* UserError */.y(`Input 'database_url': cannot reach PostgreSQL at ${where}: ${(0,user_error/* errorMessage */.g)(err).replace(/\s+/g, ' ')}`, 'database_url');
    }
}
/** Checks, before anything is built, that `database_url` answers (one clear line when it does not). */
async function checkReachable(adminUrl, timeoutMs = 10_000) {
    const c = await connect(adminUrl, timeoutMs);
    await c.end();
}
/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, as libpq's
 * PQencryptPasswordConn makes it): `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. Given as the
 * password, the server stores it as it is. The password must be ASCII (SASLprep leaves it unchanged).
 */
function scramVerifier(password, salt = (0,external_node_crypto_.randomBytes)(16), iterations = 4096) {
    const salted = (0,external_node_crypto_.pbkdf2Sync)(password, salt, iterations, 32, 'sha256');
    const clientKey = (0,external_node_crypto_.createHmac)('sha256', salted).update('Client Key').digest();
    const storedKey = (0,external_node_crypto_.createHash)('sha256').update(clientKey).digest();
    const serverKey = (0,external_node_crypto_.createHmac)('sha256', salted).update('Server Key').digest();
    return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
function newPassword() {
    return (0,external_node_crypto_.randomBytes)(24).toString('base64url');
}
class PostgresData {
    opts;
    name;
    marker;
    timeout;
    constructor(opts) {
        this.opts = opts;
        this.name = naming_perPrName(opts.service, opts.pr);
        this.marker = ownershipMarker(opts.service, opts.pr);
        this.timeout = opts.connectTimeoutMs ?? 10_000;
        if (opts.template && opts.isolation === 'schema')
            throw user_error/* UserError */.y.forInput('database_template', opts.template, "a template database applies to database_isolation 'database' only");
        if (opts.template === this.name)
            throw user_error/* UserError */.y.forInput('database_template', opts.template, 'it is the name of a per-PR database');
    }
    get appDatabase() {
        return this.opts.appDatabase ?? databaseOf(this.opts.adminUrl);
    }
    async admin(database, fn) {
        const url = database ? withDatabase(this.opts.adminUrl, database) : this.opts.adminUrl;
        const c = await connect(url, this.timeout);
        try {
            return await fn(c);
        }
        finally {
            await c.end().catch(() => undefined);
        }
    }
    async create() {
        if (this.opts.reset)
            await this.dropOrRefuse();
        const fresh = newPassword();
        let passwordSet = false;
        const created = await this.admin(undefined, async (c) => {
            passwordSet = await this.ensureRole(c, fresh);
            return this.opts.isolation === 'database' ? this.ensureDatabase(c) : false;
        });
        const password = passwordSet ? fresh : '';
        if (this.opts.isolation === 'schema') {
            const schemaCreated = await this.admin(this.appDatabase, (c) => this.ensureSchema(c));
            return {
                database: this.appDatabase,
                schema: this.name,
                user: this.name,
                password,
                created: schemaCreated,
                passwordSet,
            };
        }
        if (created && this.opts.template)
            await this.admin(this.name, (c) => this.takeOverCopy(c));
        return { database: this.name, user: this.name, password, created, passwordSet };
    }
    wire(made) {
        const how = (0,connection/* parseDatabaseEnv */._s)(this.opts.databaseEnv ?? '');
        if ('url' in how) {
            const base = this.opts.productionUrl ?? this.opts.adminUrl;
            return { [how.url]: { value: (0,connection/* rewriteDatabaseUrl */.Jr)(base, made, how.url), secret: true } };
        }
        const values = (0,connection/* splitEnvValues */.a2)(how.split, made);
        return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, secret: k === how.split.password }]));
    }
    async drop() {
        const report = { dropped: [], kept: [] };
        if (this.opts.isolation === 'database') {
            await this.admin(undefined, async (c) => {
                const why = await this.refusal(c, 'database');
                if (why)
                    report.kept.push({ name: `database ${this.name}`, reason: why });
                else if (why === undefined) {
                    // Sessions of the preview would block the DROP; they belong to this PR's role alone.
                    await c.query('DROP DATABASE IF EXISTS ' + c.escapeIdentifier(this.name) + ' WITH (FORCE)');
                    report.dropped.push(`database ${this.name}`);
                }
            });
        }
        else {
            await this.admin(this.appDatabase, async (c) => {
                const why = await this.refusal(c, 'schema');
                if (why)
                    report.kept.push({ name: `schema ${this.name}`, reason: why });
                else if (why === undefined) {
                    await c.query(`DROP SCHEMA ${c.escapeIdentifier(this.name)} CASCADE`);
                    report.dropped.push(`schema ${this.name}`);
                }
                // Privileges the role holds in the app's database would block DROP ROLE.
                if ((await this.refusal(c, 'role')) === undefined)
                    await c.query(`DROP OWNED BY ${c.escapeIdentifier(this.name)}`);
            });
        }
        await this.admin(undefined, async (c) => {
            const why = await this.refusal(c, 'role');
            if (why)
                report.kept.push({ name: `role ${this.name}`, reason: why });
            else if (why === undefined) {
                try {
                    await c.query(`DROP ROLE ${c.escapeIdentifier(this.name)}`);
                    report.dropped.push(`role ${this.name}`);
                }
                catch (err) {
                    // It still owns something elsewhere (say, a database of the other isolation): kept, and said why.
                    if (err.code !== '2BP01')
                        throw err;
                    const detail = err.detail ?? '';
                    report.kept.push({ name: `role ${this.name}`, reason: `${(0,user_error/* errorMessage */.g)(err)} ${detail}`.trim() });
                }
            }
        });
        return report;
    }
    /** `reset`: drops what is marked, and refuses (rather than copying over) what is not. */
    async dropOrRefuse() {
        const report = await this.drop();
        const kept = report.kept[0];
        if (kept)
            throw new Error(`database_reset: ${kept.name} was not dropped: ${kept.reason}`);
    }
    /**
     * Why `name` must not be dropped (a sentence), '' when it does not exist, or undefined when it is this PR's
     * own. Never the template; never anything whose COMMENT is not exactly this PR's marker.
     */
    async refusal(c, kind) {
        if (kind === 'database' && this.name === this.opts.template)
            return 'it is the template';
        const sql = {
            database: `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
            schema: `SELECT obj_description(oid, 'pg_namespace') AS marker FROM pg_namespace WHERE nspname = $1`,
            role: `SELECT shobj_description(oid, 'pg_authid') AS marker FROM pg_roles WHERE rolname = $1`,
        }[kind];
        const { rows } = await c.query(sql, [this.name]);
        if (rows.length === 0)
            return '';
        const marker = rows[0]?.marker ?? null;
        if (marker === this.marker)
            return undefined;
        return marker === null
            ? `it exists without the gcp-deploy marker, so the action did not make it`
            : `its marker ${JSON.stringify(marker)} is not this PR's`;
    }
    /** Makes the role when missing; sets `password` on a new role, or on every run without keepPassword. */
    async ensureRole(c, password) {
        const role = c.escapeIdentifier(this.name);
        const why = await this.refusal(c, 'role');
        if (why)
            throw new Error(`role ${this.name} ${why}; refusing to take it over`);
        if (why === '') {
            await c.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION`);
            await c.query(`COMMENT ON ROLE ${role} IS ${c.escapeLiteral(this.marker)}`);
        }
        else if (this.opts.keepPassword === true)
            return false;
        // The server gets the password's SCRAM verifier, never the password: a statement log
        // (log_statement = ddl) shows only that.
        await c.query(`ALTER ROLE ${role} WITH PASSWORD ${c.escapeLiteral(scramVerifier(password))}`);
        return true;
    }
    async ensureDatabase(c) {
        const db = c.escapeIdentifier(this.name);
        const why = await this.refusal(c, 'database');
        if (why)
            throw new Error(`database ${this.name} ${why}; refusing to use it`);
        if (why === undefined)
            return false;
        const template = this.opts.template ? ` TEMPLATE ${c.escapeIdentifier(this.opts.template)}` : '';
        await c.query(`CREATE DATABASE ${db} OWNER ${c.escapeIdentifier(this.name)}${template}`);
        await c.query(`COMMENT ON DATABASE ${db} IS ${c.escapeLiteral(this.marker)}`);
        // Other PRs' roles (and everyone else but the owner and superusers) cannot connect.
        await c.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
        return true;
    }
    /**
     * A copy keeps the template's owners: hands the copied schemas, tables, views and free-standing sequences to
     * the PR's role, so its migrations can alter them.
     */
    async takeOverCopy(c) {
        const role = c.escapeIdentifier(this.name);
        const system = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`;
        const schemas = await c.query(`SELECT n.nspname FROM pg_namespace n WHERE ${system} AND n.nspname <> 'public'`);
        for (const s of schemas.rows)
            await c.query(`ALTER SCHEMA ${c.escapeIdentifier(s.nspname)} OWNER TO ${role}`);
        const rels = await c.query(`SELECT n.nspname, cl.relname, cl.relkind FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE ${system} AND cl.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
         AND NOT (cl.relkind = 'S' AND EXISTS (
           SELECT 1 FROM pg_depend d WHERE d.objid = cl.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))`);
        const keyword = {
            r: 'TABLE',
            p: 'TABLE',
            v: 'VIEW',
            m: 'MATERIALIZED VIEW',
            f: 'FOREIGN TABLE',
            S: 'SEQUENCE',
        };
        for (const r of rels.rows) {
            const name = `${c.escapeIdentifier(r.nspname)}.${c.escapeIdentifier(r.relname)}`;
            await c.query(`ALTER ${keyword[r.relkind] ?? 'TABLE'} ${name} OWNER TO ${role}`);
        }
    }
    async ensureSchema(c) {
        const schema = c.escapeIdentifier(this.name);
        const why = await this.refusal(c, 'schema');
        if (why)
            throw new Error(`schema ${this.name} ${why}; refusing to use it`);
        if (why === undefined)
            return false;
        await c.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${c.escapeIdentifier(this.name)}`);
        await c.query(`COMMENT ON SCHEMA ${schema} IS ${c.escapeLiteral(this.marker)}`);
        await c.query(`ALTER ROLE ${c.escapeIdentifier(this.name)} SET search_path = ${schema}`);
        return true;
    }
}
/** Every per-PR database and role on the server that carries the action's marker (for the stale sweep). */
async function listMarked(adminUrl) {
    const c = await connect(adminUrl, 10_000);
    try {
        const { rows } = await c.query(`SELECT 'database' AS kind, datname AS name, shobj_description(oid, 'pg_database') AS marker FROM pg_database
       UNION ALL SELECT 'role', rolname, shobj_description(oid, 'pg_authid') FROM pg_roles`);
        // A marker counts only on the name it was made for (a copied or hand-edited comment does not).
        return rows.filter((r) => {
            const owner = typeof r.marker === 'string' ? parseMarker(r.marker) : undefined;
            return owner !== undefined && perPrName(owner.service, owner.pr) === r.name;
        });
    }
    finally {
        await c.end().catch(() => undefined);
    }
}

// EXTERNAL MODULE: ./src/report/redaction.ts
var redaction = __webpack_require__(27079);
;// CONCATENATED MODULE: ./src/data/admin-script.ts
/**
 * The psql scripts a `database_admin_image` job runs to provision or drop one PR's database (or schema) and
 * role, and the result lines it prints. Pure: the action builds every statement here, with names checked and
 * quoted, so a job never runs SQL it did not write; tables test it without a server.
 *
 * The script reaches the job as a Secret Manager reference (it holds the new password's SCRAM verifier), as
 * does the admin URL; the job's command is the fixed wrapper below, which passes both to psql as data, never
 * as shell text. The job tells the action what it did in lines starting with RESULT_TAG, read back from the
 * task's log: the runner never connects to the server.
 */


/** The env vars the job's container gets, each a secretKeyRef. */
const ADMIN_URL_ENV = 'GCPD_ADMIN_URL';
const ADMIN_SQL_ENV = 'GCPD_ADMIN_SQL';
/**
 * The job's command: a shell only to pipe one env var into psql's stdin and hand it the other as its
 * connection; neither value is ever parsed by the shell. -X ignores a ~/.psqlrc in the image.
 */
const ADMIN_COMMAND = [
    'sh',
    '-c',
    `printf '%s\\n' "$${ADMIN_SQL_ENV}" | psql -X -q -v ON_ERROR_STOP=1 -d "$${ADMIN_URL_ENV}" -f -`,
];
/** What every result line starts with (psql's \echo, or a NOTICE from a DO block). */
const RESULT_TAG = 'gcp-deploy-admin-result';
/** A template name as database_template allows it (letters, digits, _ and $). */
const TEMPLATE = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
/** Throws unless `name` is a per-PR name, `marker` has no quote-breaking text and the template is a name. */
function checkNames(name, marker, template) {
    if (!IDENTIFIER.test(name) || Buffer.byteLength(name) > 63)
        throw new Error(`not a per-PR identifier: ${JSON.stringify(name)}`);
    // Markers go into dollar-quoted DO bodies as literals; a marker holding the tag would end the body.
    if (marker.includes('$gcpd$') || /[\0\n\r]/.test(marker))
        throw new Error(`not a usable marker: ${JSON.stringify(marker)}`);
    if (template !== undefined && !TEMPLATE.test(template))
        throw new Error(`not a database name: ${JSON.stringify(template)}`);
    if (template === name)
        throw new Error('the template is the per-PR database itself');
}
/** psql's settings: stop on the first error, and errors without the statement text (it may hold a verifier). */
const PREAMBLE = ['\\set ON_ERROR_STOP on', '\\set VERBOSITY terse', '\\set QUIET on'];
const DESCRIPTION = {
    database: (n) => `(SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ${(0,esm/* escapeLiteral */.NO)(n)})`,
    schema: (n) => `(SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ${(0,esm/* escapeLiteral */.NO)(n)})`,
    role: (n) => `(SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = ${(0,esm/* escapeLiteral */.NO)(n)})`,
};
const EXISTS = {
    database: (n) => `EXISTS (SELECT 1 FROM pg_database WHERE datname = ${(0,esm/* escapeLiteral */.NO)(n)})`,
    schema: (n) => `EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${(0,esm/* escapeLiteral */.NO)(n)})`,
    role: (n) => `EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${(0,esm/* escapeLiteral */.NO)(n)})`,
};
/** Fails the script (psql exits 3) when `kind` exists without exactly this PR's marker. */
function refuseUnmarked(kind, name, marker) {
    const what = `${kind} ${name}`;
    return [
        'DO $gcpd$ BEGIN',
        `  IF ${EXISTS[kind](name)} AND ${DESCRIPTION[kind](name)} IS DISTINCT FROM ${(0,esm/* escapeLiteral */.NO)(marker)} THEN`,
        `    RAISE EXCEPTION '%', ${(0,esm/* escapeLiteral */.NO)(`${what} exists without this PR's gcp-deploy marker; refusing to use it`)};`,
        '  END IF;',
        'END $gcpd$;',
    ].join('\n');
}
/**
 * The provisioning script: refuses anything of this name not marked as this PR's, then makes (or keeps) the
 * role, sets its password, makes the database (copied from the template, handed to the role) or schema, and
 * prints `created=<t|f> password_set=<t|f>`.
 */
function provisionScript(plan) {
    checkNames(plan.name, plan.marker, plan.template);
    if (plan.template !== undefined && plan.isolation === 'schema')
        throw new Error('a template applies to database isolation only');
    if (!/^SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/.test(plan.verifier))
        throw new Error('not a SCRAM-SHA-256 verifier');
    const n = plan.name;
    const id = (0,esm/* escapeIdentifier */.F)(n);
    const marker = (0,esm/* escapeLiteral */.NO)(plan.marker);
    const lines = [...PREAMBLE];
    if (plan.reset)
        lines.push(...dropStatements(n, plan.marker, plan.isolation, 'refuse'));
    lines.push(refuseUnmarked('role', n, plan.marker), refuseUnmarked(plan.isolation, n, plan.marker));
    const setPassword = `ALTER ROLE ${id} WITH PASSWORD ${(0,esm/* escapeLiteral */.NO)(plan.verifier)};`;
    lines.push(`SELECT NOT ${EXISTS.role(n)} AS gcpd_role_new \\gset`, '\\if :gcpd_role_new', `CREATE ROLE ${id} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;`, `COMMENT ON ROLE ${id} IS ${marker};`, setPassword, '\\set gcpd_password_set t', '\\else', ...(plan.keepPassword ? ['\\set gcpd_password_set f'] : [setPassword, '\\set gcpd_password_set t']), '\\endif');
    if (plan.isolation === 'schema') {
        lines.push(`SELECT NOT ${EXISTS.schema(n)} AS gcpd_created \\gset`, '\\if :gcpd_created', `CREATE SCHEMA ${id} AUTHORIZATION ${id};`, `COMMENT ON SCHEMA ${id} IS ${marker};`, 
        // The role's own search_path, in the database the schema lives in (the admin URL's).
        `ALTER ROLE ${id} SET search_path = ${id};`, '\\endif');
    }
    else {
        const template = plan.template === undefined ? '' : ` TEMPLATE ${(0,esm/* escapeIdentifier */.F)(plan.template)}`;
        lines.push(`SELECT NOT ${EXISTS.database(n)} AS gcpd_created \\gset`, '\\if :gcpd_created', `CREATE DATABASE ${id} OWNER ${id}${template};`, `COMMENT ON DATABASE ${id} IS ${marker};`, `REVOKE ALL ON DATABASE ${id} FROM PUBLIC;`, ...(plan.template === undefined ? [] : [`\\connect ${id}`, TAKE_OVER(id)]), '\\endif');
    }
    lines.push(`\\echo ${RESULT_TAG} created=:gcpd_created password_set=:gcpd_password_set`);
    return `${lines.join('\n')}\n`;
}
/**
 * A copy keeps the template's owners: the copied schemas, tables, views and free-standing sequences are
 * handed to the PR's role (as PostgresData.takeOverCopy does over a connection), so migrations can alter them.
 */
const TAKE_OVER = (role) => [
    'DO $gcpd$ DECLARE r record; BEGIN',
    "  FOR r IN SELECT n.nspname FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'public') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp%' LOOP",
    `    EXECUTE format('ALTER SCHEMA %I OWNER TO %s', r.nspname, ${(0,esm/* escapeLiteral */.NO)(role)});`,
    '  END LOOP;',
    "  FOR r IN SELECT n.nspname, cl.relname, CASE cl.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kw",
    '    FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace',
    "    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp%'",
    "      AND cl.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')",
    "      AND NOT (cl.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = cl.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))",
    '  LOOP',
    `    EXECUTE format('ALTER %s %I.%I OWNER TO %s', r.kw, r.nspname, r.relname, ${(0,esm/* escapeLiteral */.NO)(role)});`,
    '  END LOOP;',
    'END $gcpd$;',
].join('\n');
/**
 * Statements dropping this PR's database or schema and its role, each only when it carries exactly this PR's
 * marker. `report` prints dropped=/kept= lines (cleanup); `refuse` fails instead of keeping (database_reset).
 */
function dropStatements(n, marker, isolation, mode) {
    const id = (0,esm/* escapeIdentifier */.F)(n);
    const ours = (kind) => `SELECT coalesce(${DESCRIPTION[kind](n)} = ${(0,esm/* escapeLiteral */.NO)(marker)}, false) AS gcpd_ours, ${EXISTS[kind](n)} AS gcpd_exists \\gset`;
    const kept = (kind) => mode === 'refuse'
        ? [refuseUnmarked(kind, n, marker)]
        : [`\\echo ${RESULT_TAG} kept=${kind}`];
    const lines = [];
    if (isolation === 'database') {
        lines.push(ours('database'), '\\if :gcpd_ours', 
        // Sessions of the preview would block the DROP; they belong to this PR's role alone.
        `DROP DATABASE IF EXISTS ${id} WITH (FORCE);`, ...(mode === 'report' ? [`\\echo ${RESULT_TAG} dropped=database`] : []), '\\elif :gcpd_exists', ...kept('database'), '\\endif');
    }
    else {
        lines.push(ours('schema'), '\\if :gcpd_ours', `DROP SCHEMA ${id} CASCADE;`, ...(mode === 'report' ? [`\\echo ${RESULT_TAG} dropped=schema`] : []), '\\elif :gcpd_exists', ...kept('schema'), '\\endif');
    }
    lines.push(ours('role'), '\\if :gcpd_ours', 
    // Privileges it holds in this database would block DROP ROLE; what it owns elsewhere keeps it (said why).
    `DROP OWNED BY ${id};`, ...(mode === 'refuse'
        ? // database_reset: a role that cannot go fails the reset, as PostgresData's does.
            [`DROP ROLE ${id};`]
        : [
            'DO $gcpd$ BEGIN',
            `  EXECUTE format('DROP ROLE %I', ${(0,esm/* escapeLiteral */.NO)(n)});`,
            `  RAISE NOTICE '% dropped=role', ${(0,esm/* escapeLiteral */.NO)(RESULT_TAG)};`,
            'EXCEPTION WHEN dependent_objects_still_exist THEN',
            `  RAISE NOTICE '% kept=role %', ${(0,esm/* escapeLiteral */.NO)(RESULT_TAG)}, replace(SQLERRM, E'\\n', ' ');`,
            'END $gcpd$;',
        ]), '\\elif :gcpd_exists', ...kept('role'), '\\endif');
    return lines;
}
/** The cleanup script: drops what carries this PR's marker, prints dropped=/kept= lines for each kind. */
function dropScript(plan) {
    checkNames(plan.name, plan.marker, plan.template);
    return `${[...PREAMBLE, ...dropStatements(plan.name, plan.marker, plan.isolation, 'report'), `\\echo ${RESULT_TAG} finished=drop`].join('\n')}\n`;
}
/** The result lines of a job's log as key=value pairs (the rest of a line after the value is its detail). */
function parseResults(log) {
    const out = [];
    for (const line of log.split('\n')) {
        const at = line.indexOf(`${RESULT_TAG} `);
        if (at < 0)
            continue;
        for (const m of line.slice(at + RESULT_TAG.length + 1).matchAll(/(\w+)=(\S+)((?:\s+(?!\w+=)\S+)*)/g))
            out.push({ key: m[1] ?? '', value: m[2] ?? '', detail: (m[3] ?? '').trim() });
    }
    return out;
}
/** What a provisioning job reported, or undefined when its log has no result line (yet). */
function provisionResult(log) {
    const r = parseResults(log);
    const created = r.find((x) => x.key === 'created')?.value;
    const password = r.find((x) => x.key === 'password_set')?.value;
    if (created === undefined || password === undefined)
        return undefined;
    return { created: created === 't', passwordSet: password === 't' };
}

// EXTERNAL MODULE: ./node_modules/@google-cloud/secret-manager/build/src/index.js
var secret_manager_build_src = __webpack_require__(17900);
;// CONCATENATED MODULE: ./src/data/secret-store.ts
/**
 * One PR's connection in Secret Manager: the secret is made (labelled as the action's) when missing, each run
 * adds a version, and the revision's runtime identity gets roles/secretmanager.secretAccessor on that secret
 * alone. Deleting refuses a secret that does not carry the PR's labels, so nothing the action did not make
 * is removed.
 */


const ACCESSOR = 'roles/secretmanager.secretAccessor';
function grpcCode(err) {
    const code = err.code;
    return typeof code === 'number' ? code : undefined;
}
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
class SecretStore {
    project;
    client;
    constructor(project, env = process.env) {
        this.project = project;
        this.client = new secret_manager_build_src/* SecretManagerServiceClient */.my((0,client_factory/* clientOptions */.s1)(env));
    }
    name(secretId) {
        return `projects/${this.project}/secrets/${secretId}`;
    }
    /**
     * Stores `value` as the secret's newest version (creating the secret with `labels` when missing) and lets
     * `reader` access it. A secret of that name without the same labels is refused, never written to.
     */
    async put(secretId, value, labels, reader) {
        const name = this.name(secretId);
        try {
            await this.client.createSecret({
                parent: `projects/${this.project}`,
                secretId,
                secret: { replication: { automatic: {} }, labels },
            });
        }
        catch (err) {
            if (grpcCode(err) !== ALREADY_EXISTS)
                throw err;
            const [existing] = await this.client.getSecret({ name });
            if (!sameLabels(existing.labels ?? {}, labels))
                throw new Error(`secret ${secretId} exists without this PR's gcp-deploy labels; refusing to write to it`, { cause: err });
        }
        await this.client.addSecretVersion({ parent: name, payload: { data: Buffer.from(value, 'utf8') } });
        if (reader !== undefined)
            await this.grantAccess(name, `serviceAccount:${reader}`);
        return name;
    }
    /** True when the secret exists with `labels` and has a version; a secret not ours is refused. */
    async holdsValue(secretId, labels) {
        const name = this.name(secretId);
        try {
            const [existing] = await this.client.getSecret({ name });
            if (!sameLabels(existing.labels ?? {}, labels))
                throw new Error(`secret ${secretId} exists without this PR's gcp-deploy labels; refusing to use it`);
            const [versions] = await this.client.listSecretVersions({ parent: name, filter: 'state:ENABLED' });
            return versions.some((v) => v.state === 'ENABLED' || v.state === 1);
        }
        catch (err) {
            if (grpcCode(err) === NOT_FOUND)
                return false;
            throw err;
        }
    }
    /** Lets `reader` (a service account) access the secret. */
    async allow(secretId, reader) {
        await this.grantAccess(this.name(secretId), `serviceAccount:${reader}`);
    }
    async grantAccess(name, member) {
        const [policy] = await this.client.getIamPolicy({ resource: name });
        const bindings = policy.bindings ?? [];
        const binding = bindings.find((b) => b.role === ACCESSOR && !b.condition);
        if (binding?.members?.includes(member))
            return;
        if (binding)
            binding.members = [...(binding.members ?? []), member];
        else
            bindings.push({ role: ACCESSOR, members: [member] });
        await this.client.setIamPolicy({ resource: name, policy: { ...policy, bindings } });
    }
    /** Deletes the secret when it carries `labels`; 'absent' when there is none, 'kept' when it is not ours. */
    async remove(secretId, labels) {
        const name = this.name(secretId);
        try {
            const [existing] = await this.client.getSecret({ name });
            if (!sameLabels(existing.labels ?? {}, labels))
                return 'kept';
            await this.client.deleteSecret({ name });
            return 'deleted';
        }
        catch (err) {
            if (grpcCode(err) === NOT_FOUND)
                return 'absent';
            throw err;
        }
    }
    async close() {
        await this.client.close();
    }
}
/** Every label the action sets is there with the same value (others may have been added by people). */
function sameLabels(have, want) {
    return Object.entries(want).every(([k, v]) => have[k] === v);
}

;// CONCATENATED MODULE: ./src/data/admin-job.ts
/**
 * Per-PR PostgreSQL provisioned from inside the VPC (`database_admin_image`): the same database or schema, role,
 * grants and marker checks as PostgresData, but done by psql in a Cloud Run job that has the service's own
 * network (VPC access, Cloud SQL volume), so the runner never connects to the server.
 *
 * - The admin URL and the script (holding the new password's SCRAM verifier, never the password) reach the
 *   job only as Secret Manager references: two secrets labelled as this PR's, readable by the job's identity
 *   alone, deleted again when the job has run.
 * - The job's command is fixed (admin-script.ts ADMIN_COMMAND); the SQL is the action's, names checked and quoted.
 * - The result (was the database new, was a password set, what was dropped or kept) is read back from the
 *   task's log, where the script prints it in RESULT_TAG lines; a failure is psql's non-zero exit.
 * - The job (`<service>-pr<n>-dbadmin`) carries the PR's labels and is deleted with the PR's data.
 */












/** The admin job's two secrets: the connection and the script, each referenced by one env var. */
function adminSecretIds(service, pr) {
    const base = databaseSecretId(service, pr);
    return { url: `${base}-admin-url`, sql: `${base}-admin-sql` };
}
/**
 * The job's task template (pure): the revision's network, volumes (a Cloud SQL socket), identity and
 * sidecars, with the app's container replaced by the admin image running ADMIN_COMMAND, whose only env is the
 * two secret references. The app's own env and secrets do not go to the job.
 */
function adminTaskTemplate(revision, image, secrets, container, serviceAccount) {
    const task = taskTemplateFrom(revision, ADMIN_COMMAND, container);
    const target = (0,template_merge/* targetContainer */.pf)(revision.containers ?? [], container);
    const containers = (task.containers ?? []).map((c, i) => i !== target
        ? c
        : {
            ...c,
            image,
            env: [
                {
                    name: ADMIN_URL_ENV,
                    valueSource: { secretKeyRef: { secret: secrets.url, version: 'latest' } },
                },
                {
                    name: ADMIN_SQL_ENV,
                    valueSource: { secretKeyRef: { secret: secrets.sql, version: 'latest' } },
                },
            ],
            workingDir: '',
        });
    return {
        ...task,
        containers,
        timeout: { seconds: 300 },
        ...(serviceAccount !== undefined ? { serviceAccount } : {}),
    };
}
/**
 * How the job would reach a VPC-only server, from a revision template (pure): a VPC connector, Direct VPC
 * egress, or Cloud SQL instances mounted as a volume; undefined when the template has none of them.
 */
function adminNetworkOf(template) {
    const vpc = template?.vpcAccess;
    if (vpc?.connector)
        return `VPC connector ${vpc.connector}`;
    const nets = (vpc?.networkInterfaces ?? []).map((n) => n.network || n.subnetwork).filter(Boolean);
    if (nets.length > 0)
        return `Direct VPC egress (${nets.join(', ')})`;
    const sql = (template?.volumes ?? []).flatMap((v) => v.cloudSqlInstance?.instances ?? []);
    if (sql.length > 0)
        return `Cloud SQL instance ${sql.join(', ')}`;
    return undefined;
}
function servicesClient() {
    return new src/* ServicesClient */.WF((0,client_factory/* clientOptions */.s1)(process.env));
}
/** The service's current template, or null when it does not exist. */
async function serviceTemplate(project, region, service) {
    const client = servicesClient();
    try {
        const [svc] = await client.getService({
            name: `projects/${project}/locations/${region}/services/${service}`,
        });
        return svc.template ?? null;
    }
    catch (err) {
        if (err.code === 5)
            return null;
        throw err;
    }
    finally {
        await client.close();
    }
}
/**
 * Before anything is built: the job will have a way into the VPC. The service's template (which the preview
 * inherits) must give it VPC access or a Cloud SQL instance; otherwise the job could reach no more than the
 * runner, and one line says so.
 */
async function checkAdminNetwork(project, region, service, image) {
    const template = await serviceTemplate(project, region, service);
    const network = adminNetworkOf(template);
    if (network === undefined)
        throw user_error/* UserError */.y.forInput('database_admin_image', image, `the job runs with service ${service}'s network settings, and ${template === null
            ? 'that service does not exist yet'
            : 'its template has no VPC access and no Cloud SQL instance'}, so it could not reach a server inside the VPC. Allowed: a service with a VPC connector, Direct VPC egress or a Cloud SQL volume; or, without database_admin_image, a database_url reachable from the runner (the Cloud SQL Auth Proxy)`);
    return network;
}
class AdminJobData {
    o;
    name;
    marker;
    secretIds;
    jobId;
    labels;
    constructor(o) {
        this.o = o;
        this.name = naming_perPrName(o.service, o.pr);
        this.marker = ownershipMarker(o.service, o.pr);
        this.secretIds = adminSecretIds(o.service, o.pr);
        this.jobId = dataJobId(o.service, o.pr, 'dbadmin');
        this.labels = dataLabels(o.service, o.pr);
    }
    async create() {
        const password = (0,external_node_crypto_.randomBytes)(24).toString('base64url');
        const script = provisionScript({
            name: this.name,
            marker: this.marker,
            isolation: this.o.isolation,
            ...(this.o.template !== undefined ? { template: this.o.template } : {}),
            reset: this.o.reset === true,
            verifier: scramVerifier(password),
            keepPassword: this.o.keepPassword === true && this.o.reset !== true,
        });
        const log = await this.runScript(script, 'provision', (text) => provisionResult(text) !== undefined);
        const result = provisionResult(log);
        if (result === undefined)
            throw new Error(`job ${this.jobId} printed no result`);
        const database = this.o.isolation === 'schema' ? databaseOfUrl(this.o.adminUrl) : this.name;
        return {
            database,
            ...(this.o.isolation === 'schema' ? { schema: this.name } : {}),
            user: this.name,
            password: result.passwordSet ? password : '',
            created: result.created,
            passwordSet: result.passwordSet,
        };
    }
    wire(made) {
        // The same wiring as a direct connection: nothing here connects.
        return new PostgresData({
            adminUrl: this.o.adminUrl,
            service: this.o.service,
            pr: this.o.pr,
            isolation: this.o.isolation,
            ...(this.o.databaseEnv !== undefined ? { databaseEnv: this.o.databaseEnv } : {}),
            ...(this.o.productionUrl !== undefined ? { productionUrl: this.o.productionUrl } : {}),
        }).wire(made);
    }
    /** Drops what is marked as this PR's, then deletes the job (kept when the drop failed, for a retry). */
    async drop() {
        const script = dropScript({
            name: this.name,
            marker: this.marker,
            isolation: this.o.isolation,
            ...(this.o.template !== undefined ? { template: this.o.template } : {}),
        });
        const log = await this.runScript(script, 'drop', (text) => parseResults(text).some((r) => r.key === 'finished'));
        const report = { dropped: [], kept: [] };
        for (const r of parseResults(log)) {
            if (r.key === 'dropped')
                report.dropped.push(`${r.value} ${this.name}`);
            if (r.key === 'kept')
                report.kept.push({
                    name: `${r.value} ${this.name}`,
                    reason: r.detail || "it exists without this PR's gcp-deploy marker, so the action did not make it",
                });
        }
        const jobs = new JobRunner(this.o.project, this.o.region);
        try {
            if ((await jobs.remove(this.jobId, this.labels)) === 'deleted')
                report.dropped.push(`job ${this.jobId}`);
        }
        finally {
            await jobs.close();
        }
        return report;
    }
    /**
     * Stores the URL and script as the PR's admin secrets, makes or updates the job, runs it and returns its
     * log once `complete` holds (Cloud Logging may lag behind the execution). The secrets are deleted whatever
     * happens; a failed run throws with the (redacted) end of the task's log.
     */
    async runScript(script, what, complete) {
        const jobs = new JobRunner(this.o.project, this.o.region);
        const secrets = new SecretStore(this.o.project);
        try {
            const name = jobs.name(this.jobId);
            const existing = await jobs.get(name);
            let revision = this.o.revision;
            if (revision === undefined && existing === null) {
                // Cleanup after the job was removed by hand: the service's template gives the network again.
                const t = await serviceTemplate(this.o.project, this.o.region, this.o.service);
                if (t === null || adminNetworkOf(t) === undefined)
                    throw new Error(`job ${this.jobId} is gone and service ${this.o.service} gives no VPC access to make it again from`);
                revision = t;
            }
            const identity = this.o.serviceAccount ??
                (revision?.serviceAccount || existing?.template?.template?.serviceAccount || undefined);
            if (this.o.serviceAccount === undefined && revision !== undefined)
                // The secrets are readable by the job's identity while it runs: here the preview's, which runs PR code.
                this.o.log.warning(`Job ${this.jobId} runs as the preview's identity (${identity ?? 'the default compute service account'}), which the PR's code also runs as and which can read database_url while the job runs: set database_admin_service_account to an identity of its own.`);
            if (identity === undefined)
                this.o.log.warning(`Job ${this.jobId} runs as the default compute service account: it needs roles/secretmanager.secretAccessor on secrets ${this.secretIds.url} and ${this.secretIds.sql}.`);
            await secrets.put(this.secretIds.url, this.o.adminUrl, this.labels, identity);
            await secrets.put(this.secretIds.sql, script, this.labels, identity);
            if (revision !== undefined)
                await jobs.ensure(this.jobId, adminTaskTemplate(revision, this.o.image, this.secretIds, this.o.container, this.o.serviceAccount), this.labels);
            else if (!admin_job_ownedBy(existing?.labels ?? {}, this.labels))
                throw new Error(`job ${this.jobId} exists without this PR's gcp-deploy labels; refusing to run it`);
            this.o.log.info(`Running the ${what} of PR #${this.o.pr}'s ${this.o.isolation} as Cloud Run job ${this.jobId}`);
            const run = await jobs.run(name, this.o.signal);
            const task = run.failedTask ?? (await jobs.firstTask(run.execution));
            const log = task === undefined
                ? ''
                : await this.taskLog(task, run.ok ? complete : () => true).catch((err) => {
                    // A failed run is reported with or without its log; a result that cannot be read is a failure.
                    if (!run.ok)
                        return '';
                    throw new Error(`could not read job ${this.jobId}'s result from Cloud Logging (the deployer needs roles/logging.viewer): ${(0,redaction/* redact */.E$)((0,user_error/* errorMessage */.g)(err))}`);
                });
            if (!run.ok)
                throw new Error((0,redaction/* redact */.E$)([
                    `${what} job ${this.jobId} failed (execution ${run.execution.split('/').pop() ?? ''}): ${run.message ?? 'no reason given'}`,
                    ...(log ? ['Task log (last lines):', log.split('\n').slice(-10).join('\n')] : []),
                ].join('\n')));
            if (!complete(log))
                throw new Error(`${what} job ${this.jobId} succeeded, but its log shows no result (roles/logging.viewer reads it)`);
            return log;
        }
        finally {
            for (const id of [this.secretIds.url, this.secretIds.sql])
                await secrets.remove(id, this.labels).catch((err) => {
                    this.o.log.warning(`could not delete secret ${id}: ${(0,redaction/* redact */.E$)(String(err))}`);
                });
            await Promise.all([jobs.close(), secrets.close()]);
        }
    }
    /** The task's log once `complete` holds, polling Cloud Logging for up to resultWaitMs. */
    async taskLog(task, complete) {
        const deadline = Date.now() + (this.o.resultWaitMs ?? 60_000);
        for (let wait = 500;; wait = Math.min(wait * 2, 5000)) {
            let text = '';
            try {
                text = await readTaskLog(task, 50);
            }
            catch (err) {
                if (Date.now() > deadline)
                    throw err;
            }
            if (complete(text) || Date.now() > deadline)
                return text;
            await new Promise((r) => setTimeout(r, wait));
        }
    }
}
function databaseOfUrl(url) {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}
function admin_job_ownedBy(have, want) {
    return Object.entries(want).every(([k, v]) => have[k] === v);
}

// EXTERNAL MODULE: ./node_modules/redis/dist/index.js
var dist = __webpack_require__(31672);
;// CONCATENATED MODULE: ./src/data/redis.ts
/**
 * Per-PR cache namespace: a key prefix `<service>:pr-<n>:` handed to the app, and cleanup that deletes that
 * prefix's keys with SCAN and UNLINK in batches (never KEYS, which blocks the server, and never FLUSHDB).
 */


/** `<service>:pr-<n>:`; glob characters are escaped when it is used as a SCAN pattern. */
function cachePrefix(service, pr) {
    return `${service}:pr-${pr}:`;
}
/** A SCAN MATCH pattern that matches exactly the keys starting with `prefix`. */
function matchPattern(prefix) {
    return `${prefix.replace(/[*?[\]\\]/g, (ch) => `\\${ch}`)}*`;
}
class RedisNamespace {
    opts;
    prefix;
    constructor(opts) {
        this.opts = opts;
        this.prefix = cachePrefix(opts.service, opts.pr);
    }
    /** A connected client, or one clear line naming cache_url, host and port, and the error. */
    async connect() {
        const c = (0,dist.createClient)({
            url: this.opts.cacheUrl,
            socket: { reconnectStrategy: false, connectTimeout: this.opts.connectTimeoutMs ?? 10_000 },
        });
        c.on('error', () => undefined); // surfaced by the command that failed
        try {
            await c.connect();
        }
        catch (err) {
            let where = 'the server';
            try {
                const u = new URL(this.opts.cacheUrl);
                where = `${u.hostname}:${u.port || 6379}`;
            }
            catch {
                // the client's message says what is wrong with the URL
            }
            throw new user_error/* UserError */.y(`Input 'cache_url': cannot reach Redis at ${where}: ${(0,user_error/* errorMessage */.g)(err).replace(/\s+/g, ' ')}`, 'cache_url');
        }
        return c;
    }
    /** Nothing to make: the prefix is the namespace. Checks that the server answers. */
    async create() {
        const c = await this.connect();
        try {
            await c.ping();
        }
        finally {
            c.destroy();
        }
        return { prefix: this.prefix };
    }
    wire(made) {
        return { [this.opts.env || 'REDIS_PREFIX']: { value: made.prefix, secret: false } };
    }
    /** Deletes every key under the prefix, a batch at a time; returns how many went. */
    async drop() {
        const count = this.opts.batch ?? 500;
        const c = await this.connect();
        let deleted = 0;
        try {
            for await (const keys of c.scanIterator({ MATCH: matchPattern(this.prefix), COUNT: count })) {
                for (let i = 0; i < keys.length; i += count) {
                    const batch = keys.slice(i, i + count);
                    if (batch.length > 0)
                        deleted += await c.unlink(batch);
                }
            }
        }
        finally {
            c.destroy();
        }
        return { dropped: [`${deleted} cache key(s) under ${this.prefix}`], kept: [] };
    }
}

;// CONCATENATED MODULE: ./src/commands/preview-data.ts











/** The service whose per-PR database a service uses: its own, or the one `database_from` names. */
function databaseOwner(config) {
    return config.data?.database?.from ?? config.service;
}
/**
 * The config a PR's preview runs with (pure): its connection comes from this PR's secret in place of
 * production's (`preview_secrets`), and the non-secret parts and the cache prefix are `preview_env_vars`.
 * Being preview values, they replace production's of the same name, which `isolation: strict` then accepts.
 */
function withPreviewData(config, pr) {
    const data = config.data;
    if (data === undefined)
        return config;
    const secrets = [...config.preview.secrets];
    const envVars = { ...config.preview.envVars };
    const db = data.database;
    if (db !== undefined) {
        const owner = databaseOwner(config);
        const secret = databaseSecretId(owner, pr);
        const how = (0,connection/* parseDatabaseEnv */._s)(db.env);
        const name = naming_perPrName(owner, pr);
        if ('url' in how) {
            secrets.push({ kind: 'env', env: how.url, secret, version: 'latest' });
        }
        else {
            const { split } = how;
            if (split.password)
                secrets.push({ kind: 'env', env: split.password, secret, version: 'latest' });
            if (split.user)
                envVars[split.user] = name;
            if (split.schema && db.isolation === 'schema')
                envVars[split.schema] = name;
            if (split.name) {
                // With a schema the app's database stays; only the admin URL names it.
                const adminDb = db.adminUrl === undefined ? undefined : preview_data_databaseOfUrl(db.adminUrl);
                envVars[split.name] = db.isolation === 'schema' ? (adminDb ?? 'postgres') : name;
            }
        }
    }
    if (data.cache !== undefined)
        envVars[data.cache.env] = cachePrefix(config.service, pr);
    const names = new Set(secrets.flatMap((s) => (s.kind === 'env' ? [s.env] : [])));
    return {
        ...config,
        preview: {
            ...config.preview,
            // A name set both ways would be refused by Cloud Run; the secret wins.
            envVars: Object.fromEntries(Object.entries(envVars).filter(([k]) => !names.has(k))),
            secrets,
        },
    };
}
function preview_data_databaseOfUrl(url) {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}
/**
 * Before anything is built: the admin connections answer (one line naming the input, host, port and the
 * server's error otherwise). Their values are masked from here on.
 */
async function checkDataReachable(config) {
    const data = config.data;
    if (data === undefined)
        return;
    protectDataSecrets(data);
    const db = data.database;
    if (db?.adminUrl !== undefined && db.adminImage !== undefined) {
        // database_admin_image: the runner never connects; the job needs a way into the VPC instead.
        await checkAdminNetwork(config.projectId, config.region, config.service, db.adminImage);
    }
    else if (db?.adminUrl !== undefined)
        await checkReachable(db.adminUrl);
    if (data.cache !== undefined)
        await new RedisNamespace({ cacheUrl: data.cache.url, service: config.service, pr: 1 }).create();
}
function protectDataSecrets(data) {
    for (const url of [data.database?.adminUrl, data.cache?.url]) {
        if (url === undefined)
            continue;
        (0,redaction/* protectSecret */.ol)(url);
        try {
            const password = decodeURIComponent(new URL(url).password);
            if (password.length >= 4)
                (0,redaction/* protectSecret */.ol)(password);
        }
        catch {
            // not a URL: refused by the input's parser before this
        }
    }
}
/** The plain value production gives `name` (its host and options are the preview's), if it is a URL. */
function productionValue(base, name) {
    for (const c of base?.containers ?? []) {
        const e = (c.env ?? []).find((x) => x.name === name && !x.valueSource && x.value);
        if (e?.value && /^postgres(ql)?:\/\//.test(e.value))
            return e.value;
    }
    return undefined;
}
/**
 * After the build and before the deploy: this PR's database (or schema) and role, the connection as the PR's
 * secret, then `migrate` and (for a new database) `seed` as Cloud Run jobs made from the preview template.
 * Returns why it failed (the preview then fails in its `migrate` phase with the tag where it was), or
 * undefined.
 */
async function preparePreviewData(config, pr, before, revision, ports, notes) {
    const db = config.data?.database;
    if (db === undefined)
        return undefined;
    const base = before === null ? null : await ports.cloudRun.baseTemplate(before);
    const template = (0,preview_profile/* previewTemplate */.d6)(base?.template, { revisionName: '', deploy: config.deploy, ...revision }, config.preview);
    if (db.adminUrl === undefined) {
        // `database_from`: the owner provisions and migrates; this service's identity may read its connection.
        const reader = template.serviceAccount || undefined;
        if (db.from !== undefined && reader !== undefined) {
            const secrets = new SecretStore(config.projectId);
            try {
                await secrets.allow(databaseSecretId(db.from, pr), reader);
            }
            finally {
                await secrets.close();
            }
        }
        return undefined;
    }
    const secretId = databaseSecretId(config.service, pr);
    const labels = dataLabels(config.service, pr);
    const reader = template.serviceAccount || undefined;
    const secrets = new SecretStore(config.projectId);
    let made;
    let pg;
    try {
        // The stored connection is kept while it holds: revisions already running (the last good one the tag
        // returns to on a failure) keep working. Only a new role (or database_reset) gets a new password.
        const stored = !db.reset && (await secrets.holdsValue(secretId, labels));
        pg = postgresFor(config, db, pr, base?.template, stored, {
            revision: template,
            log: ports.log,
            cancel: ports.cancel,
        });
        made = await pg.create();
        if (made.passwordSet) {
            (0,redaction/* protectSecret */.ol)(made.password);
            const secretValue = Object.values(pg.wire(made)).find((w) => w.secret)?.value;
            if (secretValue === undefined)
                throw new Error('database_env wires no secret (no URL or password variable)');
            (0,redaction/* protectSecret */.ol)(secretValue);
            await secrets.put(secretId, secretValue, labels, reader);
        }
        else if (reader !== undefined)
            await secrets.allow(secretId, reader);
        if (reader === undefined)
            ports.log.warning(`The preview runs as the default compute service account: it needs roles/secretmanager.secretAccessor on secret ${secretId} (or set preview_service_account, which the action grants it).`);
    }
    finally {
        await secrets.close();
    }
    const where = made.schema === undefined ? `database ${made.database}` : `schema ${made.schema} in ${made.database}`;
    ports.log.info(`${made.created ? 'Created' : 'Kept'} ${where} and role ${made.user} for PR #${pr}`);
    notes.push(made.created
        ? `Per-PR data: ${where} was created${db.template ? ` from template ${db.template}` : ''}.`
        : `Per-PR data: ${where} was kept with its data.`);
    const steps = [];
    if (db.migrate !== undefined)
        steps.push(['migrate', db.migrate]);
    if (db.seed !== undefined && made.created)
        steps.push(['seed', db.seed]);
    if (steps.length === 0)
        return undefined;
    const jobs = new JobRunner(config.projectId, config.region);
    try {
        for (const [kind, command] of steps) {
            const jobId = dataJobId(config.service, pr, kind);
            const name = await jobs.ensure(jobId, taskTemplateFrom(template, command, config.deploy.container), dataLabels(config.service, pr));
            ports.log.info(`Running ${kind} as Cloud Run job ${jobId}: ${command.join(' ')}`);
            const run = await jobs.run(name, ports.cancel);
            if (run.ok) {
                notes.push(`Per-PR data: ${kind} ran as job ${jobId} (${run.execution.split('/').pop() ?? ''}).`);
                continue;
            }
            const excerpt = run.failedTask === undefined ? undefined : await taskLogExcerpt(run.failedTask, ports.log);
            if (made.created) {
                // Nothing was ever migrated into it: the next push creates it again, and seeds it.
                const dropped = await pg.drop();
                notes.push(`Per-PR data: the new ${where} was dropped again (${dropped.dropped.join(', ')}).`);
            }
            else
                notes.push(`Per-PR data: ${where} was kept as it was.`);
            return (0,redaction/* redact */.E$)([
                `${kind} failed (job ${jobId}, execution ${run.execution.split('/').pop() ?? ''}): ${run.message ?? 'no reason given'}`,
                ...(excerpt ? ['Task log (last lines):', excerpt] : []),
            ].join('\n'));
        }
    }
    finally {
        await jobs.close();
    }
    return undefined;
}
/** A log line with the password of every URL (`scheme://user:PASSWORD@`) and `password=` pair cut out. */
function withoutPasswords(line) {
    return line
        .replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s@/]*)@/g, '$1$2:***@')
        .replace(/\b(password|passwd|pwd|secret|token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi, '$1$2***');
}
/** The failed task's last log lines, or why there are none (the run goes on either way). */
async function taskLogExcerpt(task, log) {
    try {
        const text = await readTaskLog(task, 20);
        // A migration tool may print its connection: credentials are cut from every line, then known secrets.
        const cut = text.split('\n').map(withoutPasswords).join('\n');
        return cut === '' ? undefined : (0,redaction/* redact */.E$)(cut);
    }
    catch (err) {
        log.warning(`No excerpt of ${task.split('/').pop() ?? task}'s log (roles/logging.viewer reads it): ${dataError(err)}`);
        return undefined;
    }
}
function postgresFor(config, db, pr, base, keepPassword = false, job) {
    const how = (0,connection/* parseDatabaseEnv */._s)(db.env);
    const production = 'url' in how ? productionValue(base, how.url) : undefined;
    // What the PR's database is, wherever the SQL runs: from the runner, or in the job below.
    const database = {
        adminUrl: db.adminUrl,
        service: config.service,
        pr,
        isolation: db.isolation,
        ...(db.template !== undefined ? { template: db.template } : {}),
        databaseEnv: db.env,
        ...(production !== undefined ? { productionUrl: production } : {}),
        reset: db.reset,
        keepPassword,
    };
    if (db.adminImage === undefined || job === undefined)
        return new PostgresData(database);
    // database_admin_image: the same provisioning, done by psql in a job inside the service's network.
    return new AdminJobData({
        ...database,
        project: config.projectId,
        region: config.region,
        image: db.adminImage,
        ...(db.adminServiceAccount !== undefined ? { serviceAccount: db.adminServiceAccount } : {}),
        ...(job.revision !== undefined ? { revision: job.revision } : {}),
        ...(config.deploy.container !== undefined ? { container: config.deploy.container } : {}),
        ...(job.cancel !== undefined ? { signal: job.cancel } : {}),
        log: job.log,
    });
}
/**
 * Removes one PR's data: its jobs, its secret, its database or schema and role, its cache keys; each only
 * when it carries this PR's mark (labels, or the COMMENT marker), never the template. Returns one note per
 * kind. The stale and orphan sweeps call this too.
 */
async function dropPreviewData(config, pr, log, dryRun = false) {
    const data = config.data;
    if (data === undefined)
        return [];
    protectDataSecrets(data);
    const notes = [];
    const labels = dataLabels(config.service, pr);
    const db = data.database;
    const say = (what) => {
        log.info(`${dryRun ? 'would delete' : 'deleting'} ${what} of PR #${pr}`);
    };
    if (db?.adminUrl !== undefined) {
        const jobIds = ['migrate', 'seed'].map((k) => dataJobId(config.service, pr, k));
        const secretId = databaseSecretId(config.service, pr);
        say(`jobs ${jobIds.join(', ')}, secret ${secretId} and ${db.isolation} ${naming_perPrName(config.service, pr)}`);
        if (!dryRun) {
            const jobs = new JobRunner(config.projectId, config.region);
            try {
                for (const id of jobIds) {
                    const r = await jobs.remove(id, labels);
                    if (r === 'kept')
                        log.warning(`kept job ${id}: it does not carry PR #${pr}'s gcp-deploy labels`);
                    if (r === 'deleted')
                        notes.push(`job ${id}`);
                }
            }
            finally {
                await jobs.close();
            }
            const secrets = new SecretStore(config.projectId);
            try {
                const r = await secrets.remove(secretId, labels);
                if (r === 'kept')
                    log.warning(`kept secret ${secretId}: it does not carry PR #${pr}'s gcp-deploy labels`);
                if (r === 'deleted')
                    notes.push(`secret ${secretId}`);
            }
            finally {
                await secrets.close();
            }
            const dropped = await postgresFor(config, db, pr, undefined, false, { log }).drop();
            notes.push(...dropped.dropped);
            for (const k of dropped.kept)
                log.warning(`kept ${k.name}: ${k.reason}`);
        }
    }
    if (data.cache !== undefined) {
        say(`cache keys under ${cachePrefix(config.service, pr)}`);
        if (!dryRun) {
            const dropped = await new RedisNamespace({
                cacheUrl: data.cache.url,
                service: config.service,
                pr,
            }).drop();
            notes.push(...dropped.dropped);
        }
    }
    return notes;
}
/** Any error of the data steps as one line (the URL and passwords are cut by `redact`). */
function dataError(err) {
    return (0,redaction/* redact */.E$)((0,user_error/* errorMessage */.g)(err));
}
/**
 * In an environment, `database_from` must name a member with its own `database_url` that this one needs:
 * the owner's migrations then finish before this one deploys.
 */
function checkSharedDatabases(members) {
    for (const m of members) {
        const from = m.config.data?.database?.from;
        if (from === undefined)
            continue;
        const owner = members.find((o) => o.name === from);
        if (owner?.config.data?.database?.adminUrl === undefined)
            throw user_error/* UserError */.y.forInput('database_from', from, `service ${m.name}: allowed: another service of the environment that sets database_url`);
        if (!m.needs.includes(from))
            throw user_error/* UserError */.y.forInput('database_from', from, `service ${m.name}: list ${from} in its needs too, so that ${from}'s migrations finish before ${m.name} deploys`);
    }
}


/***/ }),

/***/ 47860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y1: () => (/* binding */ creationNotice),
/* harmony export */   et: () => (/* binding */ serviceFate),
/* harmony export */   ki: () => (/* binding */ deleteIfOnlyPreviews)
/* harmony export */ });
/* harmony import */ var _shared_labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44758);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _cloudrun_naming_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67536);
/**
 * Services that only previews ever used. Cloud Run cannot create a service without a revision serving it,
 * so the first preview of a new service makes its revision serve 100 %. Such a service is marked
 * (CREATED_BY_PREVIEW) until a promotion makes it production; while it is, a failed first preview and the
 * cleanup of its last preview delete it, so a preview never becomes production by accident. Nothing
 * without the mark, and nothing a preview did not deploy, is ever deleted.
 */



/** True for a revision a PR preview or a release candidate deployed (the labels previewLabels sets). */
function previewRevision(r) {
    return (0,_shared_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .isManaged */ .yF)(r.labels) && (r.labels[_shared_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.pr] !== undefined || r.labels[_shared_labels_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.kind] === 'candidate');
}
/** Pure: whether the service (as it is now) is one only previews used and nothing holds any more. */
function serviceFate(svc, revisions) {
    const createdBy = svc.annotations[_cloudrun_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .CREATED_BY_PREVIEW */ .s0];
    if (createdBy === undefined)
        return { kind: 'not-ours' };
    const tags = [...new Set(svc.traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag])))];
    if (tags.length > 0) {
        return {
            kind: 'keep',
            reason: `${tags.length > 1 ? 'tags' : 'tag'} ${tags.join(', ')} still ${tags.length > 1 ? 'use' : 'uses'} it`,
        };
    }
    const foreign = revisions.filter((r) => !previewRevision(r)).map((r) => r.name);
    if (foreign.length > 0) {
        return { kind: 'keep', reason: `revision ${foreign.join(', ')} was not deployed by a preview` };
    }
    return { kind: 'delete', createdBy };
}
/** How to make a service a preview created into a real production service (the creation notice ends so). */
function creationNotice(service, tag) {
    return (`Service ${service} did not exist, so this preview created it; Cloud Run makes a new service's first revision ` +
        `serve all its traffic, so ${tag}'s revision serves the service URL until a promotion. Until then the ` +
        `service counts as a preview's: a failed first preview, or the cleanup of its last preview, deletes it. ` +
        `To make it a real production service, promote a checked revision (command: promote) or create the service ` +
        `beforehand (gcloud run deploy, Terraform).`);
}
/**
 * Deletes the service when only previews ever used it and none holds it now; says so in the log and the
 * report's notes. `why` completes "deleted because …". Never throws: a service left behind is reported.
 */
async function deleteIfOnlyPreviews(service, why, report, ports) {
    try {
        const svc = await ports.cloudRun.getService();
        if (svc === null)
            return false;
        const fate = serviceFate(svc, await ports.cloudRun.listRevisions({}));
        if (fate.kind === 'not-ours')
            return false;
        if (fate.kind === 'keep') {
            ports.log.info(`Service ${service} was created by a preview and is kept: ${fate.reason}.`);
            return false;
        }
        await ports.cloudRun.deleteService();
        const note = `Service ${service} was deleted: a preview (${fate.createdBy}) created it, nothing was ever promoted, and ${why}.`;
        report.notes.push(note);
        ports.log.notice(note);
        report.serviceDeleted = true;
        return true;
    }
    catch (err) {
        const note = `Service ${service} was created by a preview and should have been deleted (${why}), but that failed: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`;
        report.notes.push(note);
        ports.log.warning(note);
        return false;
    }
}


/***/ }),

/***/ 89105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q8: () => (/* binding */ NO_REPORTS),
  Ai: () => (/* binding */ hasCloudCredentials),
  vi: () => (/* binding */ serviceTools)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/cloudrun/run-port.ts
var run_port = __webpack_require__(14791);
// EXTERNAL MODULE: ./src/checks/smoke-options.ts
var smoke_options = __webpack_require__(81079);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(24371);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/checks/id-token.ts
var id_token = __webpack_require__(61504);
// EXTERNAL MODULE: ./src/shared/sleep.ts
var sleep = __webpack_require__(47362);
;// CONCATENATED MODULE: ./src/checks/health-check.ts
/**
 * The health check: asks the preview (GET / or a configured method and path) until it answers an expected
 * status (and, optionally, a body containing a given text), with exponential backoff and a deadline.
 */




const MAX_BACKOFF_MS = 5000;
const MAX_ATTEMPT_MS = 10_000;
const MIN_ATTEMPT_MS = 50;
/** Polls until healthy or the deadline; never throws for HTTP failures. */
async function runHealthCheck(opts) {
    const log = opts.log ?? (() => undefined);
    const expect = opts.expectStatus ?? [200];
    const target = new URL(opts.path, opts.url).toString();
    const started = performance.now();
    const deadline = started + opts.timeoutMs;
    let backoff = opts.initialBackoffMs ?? 250;
    let attempts = 0;
    let lastStatus = null;
    let lastError;
    while (true) {
        attempts++;
        const remaining = deadline - performance.now();
        try {
            const headers = { ...(opts.headers ?? {}), ...(await opts.authHeaders?.()) };
            if (opts.auth === 'id-token')
                Object.assign(headers, await (0,id_token/* idTokenHeaders */.Df)(opts.url, opts.idTokenProvider));
            const perAttempt = Math.ceil(Math.max(1, Math.min(MAX_ATTEMPT_MS, remaining)));
            const res = await (0,undici/* request */.Em)(target, {
                method: (opts.method ?? 'GET').toUpperCase(),
                headers,
                headersTimeout: perAttempt,
                bodyTimeout: perAttempt,
                signal: AbortSignal.timeout(perAttempt),
                // A fresh connection per probe: a reused keep-alive socket the server just closed would make undici
                // resend silently, and each attempt should say whether the service accepts new connections.
                reset: true,
            });
            lastStatus = res.statusCode;
            const body = opts.bodyMatch === undefined ? (await res.body.dump(), '') : await res.body.text();
            if (expect.includes(res.statusCode) &&
                (opts.bodyMatch === undefined || body.includes(opts.bodyMatch))) {
                const timeToHealthyMs = Math.round(performance.now() - started);
                log(`Healthy: ${target} answered ${res.statusCode} after ${attempts} attempt(s), ${timeToHealthyMs} ms`);
                return { url: target, ok: true, attempts, timeToHealthyMs, lastStatus };
            }
            lastError = expect.includes(res.statusCode)
                ? `status ${res.statusCode} but the body does not contain ${JSON.stringify(opts.bodyMatch)}`
                : `status ${res.statusCode}, expected ${expect.join(' or ')}`;
        }
        catch (err) {
            // An attempt cut short by the deadline says less than the answer before it: keep that one.
            if (lastError === undefined || performance.now() < deadline)
                lastError = (0,user_error/* errorMessage */.g)(err);
        }
        const left = deadline - performance.now();
        if (left <= 0)
            break;
        log(`Health attempt ${attempts}: ${lastError}; retrying in ${Math.round(Math.min(backoff, left))} ms`);
        await (0,sleep/* sleep */.y)(Math.min(backoff, left));
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        // An attempt with only a sliver of time left would be cut short before it could answer.
        if (deadline - performance.now() < MIN_ATTEMPT_MS)
            break;
    }
    return { url: target, ok: false, attempts, timeToHealthyMs: null, lastStatus, error: lastError };
}

// EXTERNAL MODULE: ./src/checks/load-engine.ts + 15 modules
var load_engine = __webpack_require__(67070);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/checks/k6-binary.ts
/**
 * Real k6 for users who want it: `k6 run --summary-export <tmp> -e BASE_URL=<url> script`. Exit code 99 means
 * thresholds failed; the summary export is read back into the same SmokeOutcome shape.
 */





/** k6's exit code when thresholds failed. */
const K6_THRESHOLDS_FAILED = 99;
/** The k6 executable on PATH, or undefined. */
function findK6(pathEnv = process.env.PATH ?? '') {
    for (const dir of pathEnv.split(external_node_path_.delimiter)) {
        if (dir === '')
            continue;
        const candidate = (0,external_node_path_.join)(dir, process.platform === 'win32' ? 'k6.exe' : 'k6');
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
/** Runs a k6 script against the preview and reads its summary export. */
async function runK6Script(scriptPath, baseUrl, opts = {}) {
    const k6 = findK6(opts.path ?? process.env.PATH);
    if (k6 === undefined) {
        throw user_error/* UserError */.y.forInput('smoke_script', scriptPath, 'it needs k6 on PATH: install it first (in a workflow: the grafana/setup-k6-action step; elsewhere: https://grafana.com/docs/k6/latest/set-up/install-k6/), or use the built-in engine with the smoke input instead');
    }
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'gcp-deploy-k6-'));
    const summaryPath = (0,external_node_path_.join)(dir, 'summary.json');
    try {
        const args = ['run', '--summary-export', summaryPath, '-e', `BASE_URL=${baseUrl}`, scriptPath];
        const { code, output } = await run(k6, args, { ...process.env, ...(opts.env ?? {}), BASE_URL: baseUrl }, opts);
        let exported;
        try {
            exported = JSON.parse((0,external_node_fs_.readFileSync)(summaryPath, 'utf8'));
        }
        catch {
            throw new Error(`k6 exited with code ${code} and wrote no summary export:\n${output.slice(-2000)}`);
        }
        const parsed = parseK6SummaryExport(exported);
        const ok = code === 0 && parsed.thresholds.every((t) => t.ok);
        if (code !== 0 && code !== K6_THRESHOLDS_FAILED)
            opts.log?.(`k6 exited with code ${code}`);
        return { ok, aborted: code !== 0 && code !== K6_THRESHOLDS_FAILED, ...parsed, textSummary: output };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
function run(cmd, args, env, opts) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
        let output = '';
        const onData = (b) => {
            const text = b.toString('utf8');
            output = (output + text).slice(-200_000);
            opts.log?.(text.trimEnd());
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
}
/**
 * Reads k6's --summary-export JSON. Its threshold booleans are inverted (true means the threshold FAILED,
 * a documented quirk kept for compatibility); checks live in root_group and nested groups.
 */
function parseK6SummaryExport(json) {
    const root = asRecord(json);
    const metrics = {};
    const thresholds = [];
    for (const [name, value] of Object.entries(asRecord(root.metrics))) {
        const m = asRecord(value);
        const numbers = {};
        for (const [k, v] of Object.entries(m))
            if (typeof v === 'number')
                numbers[k] = v;
        metrics[name] = numbers;
        for (const [expression, failed] of Object.entries(asRecord(m.thresholds))) {
            const label = expression.replace(/\s*(===|==|!=|>=|<=|>|<).*$/, '').replace(/\s+/g, '');
            const actual = numbers[label] ?? (label === 'rate' ? (numbers.value ?? numbers.rate) : undefined) ?? null;
            thresholds.push({ metric: name, expression, actual, ok: failed !== true });
        }
    }
    const checks = [];
    const walk = (group) => {
        for (const c of Object.values(asRecord(group.checks))) {
            const r = asRecord(c);
            if (typeof r.name === 'string')
                checks.push({ name: r.name, passes: Number(r.passes ?? 0), fails: Number(r.fails ?? 0) });
        }
        for (const g of Object.values(asRecord(group.groups)))
            walk(asRecord(g));
    };
    walk(asRecord(root.root_group));
    return { thresholds, checks, metrics };
}
function asRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

// EXTERNAL MODULE: ./src/checks/smoke-cli.ts
var smoke_cli = __webpack_require__(96555);
// EXTERNAL MODULE: ./src/checks/duration.ts
var duration = __webpack_require__(25213);
// EXTERNAL MODULE: ./src/checks/threshold-parser.ts
var threshold_parser = __webpack_require__(87472);
;// CONCATENATED MODULE: ./src/checks/index.ts
/** The checks engine: health checks, the k6-compatible load engine, threshold parsing/evaluation, real k6. */









// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/checks/compare.ts
var compare = __webpack_require__(6474);
;// CONCATENATED MODULE: ./src/checks/compare-run.ts
/**
 * Runs the comparison: warm both targets up (timing each one's first request apart, as its cold start),
 * then the smoke scenario in interleaved rounds, preview then baseline, and hand the per-round values to
 * compare.ts. The I/O half of the comparison; the statistics are in compare.ts.
 */





/**
 * The round the comparison runs when the user gave no smoke scenario: 2 VUs requesting `/` for 2 s. Six pairs
 * of it (24 s of load in all) are what `npm run bench:compare` measures.
 */
const DEFAULT_ROUND = 'scenarios: { round: { executor: constant-vus, vus: 2, duration: 2s } }';
const DEFAULT_PAIRS = 6;
/** The round's options: the scenario and requests of the smoke checks, none of their thresholds. */
function roundOptions(smoke) {
    const base = smoke ?? (0,smoke_options/* parseSmokeOptions */.T)(DEFAULT_ROUND, 'smoke');
    return { ...base, thresholds: [], notices: [] };
}
async function runComparison(o) {
    const started = external_node_perf_hooks_.performance.now();
    const log = o.log ?? (() => undefined);
    const options = roundOptions(o.smoke);
    const plan = (0,compare/* interleavePlan */.ld)(o.pairs ?? DEFAULT_PAIRS);
    const urls = { preview: o.previewUrl, baseline: o.baselineUrl };
    const headers = {
        preview: (await o.headersFor?.(o.previewUrl)) ?? {},
        baseline: (await o.headersFor?.(o.baselineUrl)) ?? {},
    };
    const path = o.coldPath ?? options.requests[0]?.path ?? '/';
    const round = async (target) => {
        const out = await (0,load_engine/* runSmoke */.L)(options, urls[target], {
            headers: headers[target],
            ...(o.signal !== undefined ? { signal: o.signal } : {}),
            ...(o.tls !== undefined ? { tls: o.tls } : {}),
        });
        if (o.signal?.aborted === true)
            throw o.signal.reason ?? new Error('cancelled');
        return (0,compare/* roundValues */.bB)(out.metrics);
    };
    // Cold start first (the baseline may have scaled to zero), then one discarded round each: the rounds that
    // count see warm instances and warm connections on both sides.
    const coldStartMs = {
        preview: await firstRequestMs(urls.preview, path, headers.preview),
        baseline: await firstRequestMs(urls.baseline, path, headers.baseline),
    };
    log(`Comparison: cold start preview ${fmt(coldStartMs.preview)}, baseline ${fmt(coldStartMs.baseline)}; warming up`);
    await round('preview');
    await round('baseline');
    const pairs = [];
    for (const p of plan) {
        const values = {};
        for (const target of p.order)
            values[target] = await round(target);
        pairs.push({ preview: values.preview, baseline: values.baseline });
        log(`Comparison round ${p.pair + 1}/${plan.length}: p95 preview ${fmt(values.preview?.p95)}, baseline ${fmt(values.baseline?.p95)}`);
    }
    return {
        comparison: (0,compare/* compareRounds */.Tl)(pairs),
        coldStartMs,
        pairs,
        durationMs: external_node_perf_hooks_.performance.now() - started,
    };
}
async function firstRequestMs(base, path, headers) {
    const t0 = external_node_perf_hooks_.performance.now();
    try {
        const res = await (0,undici/* request */.Em)(new URL(path, base).toString(), { headers, headersTimeout: 120_000 });
        await res.body.dump();
        return external_node_perf_hooks_.performance.now() - t0;
    }
    catch {
        return undefined;
    }
}
function fmt(ms) {
    return ms === undefined || !Number.isFinite(ms) ? 'n/a' : `${ms.toFixed(1)} ms`;
}

// EXTERNAL MODULE: ./src/report/redaction.ts
var redaction = __webpack_require__(27079);
// EXTERNAL MODULE: ./src/cloudrun/invoker-policy.ts
var invoker_policy = __webpack_require__(9963);
;// CONCATENATED MODULE: ./src/commands/invoker-auth.ts

/** What the checks send: an explicit check_auth wins; auto follows the service's access. */
function resolveCheckAuth(configured, access) {
    if (configured !== 'auto')
        return configured;
    return access?.public === true ? 'none' : 'id-token';
}
/** One sentence for a refused check, or undefined when the status is not a refusal. */
function explainDenial(o) {
    if (o.status !== 401 && o.status !== 403)
        return undefined;
    const head = `HTTP ${o.status} from ${o.url}`;
    if (o.auth === 'none') {
        return `${head}: service ${o.service} is private and the checks sent no ID token (check_auth: none); use check_auth: auto, or access: public for a service this action creates`;
    }
    const who = o.principal ?? 'the credentials in use';
    if (o.status === 401)
        return `${head}: the ID token of ${who} was not accepted for service ${o.service} (audience or signature)`;
    const role = o.iap === true ? 'roles/iap.httpsResourceAccessor' : invoker_policy/* INVOKER_ROLE */._H;
    return `${head}: principal ${who} lacks ${role} on service ${o.service}`;
}

;// CONCATENATED MODULE: ./src/commands/preview-checks.ts






/**
 * Health and smoke checks against a revision's URL. They pick their own authentication: an ID token for the
 * URL's audience when the service is private (read once, after the access step), none when it is public.
 */
class PreviewChecks {
    health;
    /** Undefined when no smoke checks are configured. */
    smoke;
    /** The preview against a baseline in interleaved rounds (checks/compare-run.ts). */
    compare;
    constructor(config, cloudRun) {
        let auth;
        let iap = false;
        const authMode = () => {
            auth ??= (async () => {
                if (config.checks.auth !== 'auto')
                    return config.checks.auth;
                let access;
                try {
                    access = await cloudRun.access();
                }
                catch (err) {
                    core/* warning */.$e(`Could not read who may invoke ${config.service} (${(0,user_error/* errorMessage */.g)(err)}): sending an ID token`);
                }
                iap = access?.iapEnabled === true;
                const mode = resolveCheckAuth('auto', access);
                core/* info */.pq(mode === 'id-token'
                    ? `${config.service} is private: the checks send an ID token for the preview URL`
                    : `${config.service} is public: the checks send no credentials`);
                return mode;
            })();
            return auth;
        };
        // Asked before every check: the provider keeps each audience's token and fetches a new one shortly
        // before it expires, so a long run of checks never sends an expired token.
        const masked = new Set();
        const headersFor = async (url) => {
            if ((await authMode()) !== 'id-token')
                return {};
            const headers = await (0,id_token/* idTokenHeaders */.Df)(url);
            for (const v of Object.values(headers)) {
                if (masked.has(v))
                    continue;
                masked.add(v);
                (0,redaction/* protectSecret */.ol)(v);
                (0,redaction/* protectSecret */.ol)(v.replace(/^Bearer /, ''));
            }
            return headers;
        };
        this.health = async (url) => {
            // Asked per attempt: a health check can outlast a token. The last one sent names who was refused.
            let headers = {};
            const outcome = await runHealthCheck({
                url,
                path: config.checks.healthPath,
                expectStatus: config.checks.healthStatus,
                timeoutMs: config.checks.healthTimeoutMs,
                authHeaders: async () => (headers = await headersFor(url)),
                // Services of an environment check side by side: each retry line says whose it is.
                log: (line) => core/* info */.pq(`[${config.service}] ${line}`),
            });
            if (outcome.ok)
                return outcome;
            const token = headers.authorization?.replace(/^Bearer /, '');
            const denied = explainDenial({
                status: outcome.lastStatus,
                url,
                service: config.service,
                auth: await authMode(),
                iap,
                ...(token !== undefined && (0,id_token/* tokenPrincipal */.Mj)(token) !== undefined
                    ? { principal: (0,id_token/* tokenPrincipal */.Mj)(token) }
                    : {}),
            });
            return denied === undefined ? outcome : { ...outcome, denied };
        };
        this.smoke = async (url) => {
            if (config.checks.smokeScript !== undefined) {
                return runK6Script(config.checks.smokeScript, url, { log: core/* info */.pq });
            }
            if (config.checks.smoke === undefined)
                return undefined;
            const outcome = await (0,load_engine/* runSmoke */.L)(config.checks.smoke, url, {
                authHeaders: () => headersFor(url),
                log: core/* info */.pq,
            });
            core/* info */.pq(outcome.textSummary);
            return outcome;
        };
        this.compare = (previewUrl, baselineUrl, signal) => runComparison({
            previewUrl,
            baselineUrl,
            ...(signal !== undefined ? { signal } : {}),
            ...(config.checks.smoke !== undefined ? { smoke: config.checks.smoke } : {}),
            headersFor,
            log: core/* info */.pq,
        });
    }
}

// EXTERNAL MODULE: ./src/shared/image-ref.ts
var image_ref = __webpack_require__(70268);
// EXTERNAL MODULE: ./src/build/index.ts + 1 modules
var build = __webpack_require__(66330);
// EXTERNAL MODULE: ./src/cloudrun/naming.ts
var naming = __webpack_require__(67536);
// EXTERNAL MODULE: ./src/registry/index.ts + 3 modules
var registry = __webpack_require__(13742);
// EXTERNAL MODULE: ./src/commands/doctor-step.ts
var doctor_step = __webpack_require__(79526);
;// CONCATENATED MODULE: ./src/commands/image-step.ts






/** Builds with the registry cache and pushes to Artifact Registry, or passes a prebuilt image by digest. */
class ImageStep {
    config;
    ctx;
    report;
    host;
    constructor(config, ctx, report) {
        this.config = config;
        this.ctx = ctx;
        this.report = report;
        this.host = (0,registry/* artifactRegistryHost */._n)(config.region, config.build.registryHost);
    }
    name() {
        return (0,registry/* imageName */.tO)({
            host: this.host,
            project: this.config.projectId,
            repository: this.config.build.repository,
            image: this.config.build.imageName,
        });
    }
    /** Builds and pushes (or resolves a prebuilt image) and returns the digest reference. */
    async buildAndPush(onPush) {
        const { config, ctx, report, host } = this;
        const prebuilt = config.build.prebuiltImage;
        if (prebuilt !== undefined && (0,naming/* isTaggedImage */.Io)(prebuilt)) {
            // A tag can move: what is deployed (and later promoted) is the digest it names now.
            const resolved = await (0,registry/* resolveTagDigest */.j7)(prebuilt, await registryAuth(prebuilt));
            const note = `Image ${prebuilt} resolved to ${resolved.digest}; ${resolved.imageRef} was deployed, not the tag.`;
            core/* info */.pq(note);
            report.notes.push(note);
            await (0,doctor_step/* reviewImage */.MI)(config, report, resolved.imageRef);
            return { imageRef: resolved.imageRef, digest: resolved.digest, tags: [] };
        }
        if (prebuilt !== undefined) {
            // parseConfig refused anything neither pinned by digest nor tagged.
            await (0,doctor_step/* reviewImage */.MI)(config, report, prebuilt);
            return { imageRef: prebuilt, digest: (0,image_ref/* digestOf */.ol)(prebuilt), tags: [] };
        }
        const image = this.name();
        const repo = (0,registry/* ensureRepository */.z0)({
            project: config.projectId,
            location: config.region,
            repository: config.build.repository,
            log: core/* info */.pq,
        });
        // Awaited in the Promise.all below; a refusal during the registry login before it is not unhandled.
        repo.catch(() => undefined);
        const built = await (0,registry/* withDockerLogin */.gM)(host, async (env) => {
            // The repository check overlaps the build; the push needs it, so both finish before returning.
            const [result] = await Promise.all([
                (0,build/* buildAndPush */.sf)({
                    context: config.build.context,
                    dockerfile: config.build.dockerfile,
                    target: config.build.target,
                    platform: config.build.platform,
                    buildArgs: config.build.buildArgs,
                    secrets: config.build.buildSecrets,
                    labels: (0,build/* ociLabels */.TT)({
                        sourceUrl: `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}`,
                        revision: ctx.headSha,
                        created: new Date(),
                    }),
                    imageName: image,
                    tags: (0,build/* imageTags */.rK)(ctx.prNumber, ctx.headSha),
                    cache: config.build.cache,
                    builder: config.build.builder,
                    ...(onPush === undefined ? {} : { onPush }),
                    log: core/* info */.pq,
                    warn: core/* warning */.$e,
                    env,
                }),
                repo,
            ]);
            // Read while the registry login is still there.
            await (0,doctor_step/* reviewImage */.MI)(config, report, result.imageRef, env);
            return result;
        });
        report.phases.push({
            phase: 'build',
            durationMs: built.durationMs.build,
            ok: true,
            detail: built.builder,
        });
        report.phases.push({ phase: 'push', durationMs: built.durationMs.push, ok: true });
        return { imageRef: built.imageRef, digest: built.digest, builder: built.builder, tags: built.tags };
    }
    /** The repository's image pinned to a digest (promotion of a digest no revision runs yet). */
    imageForDigest(digest) {
        const { config } = this;
        const base = config.build.prebuiltImage?.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/:[\w][\w.-]{0,127}$/, '') ??
            this.name();
        return `${base}@${digest}`;
    }
    /** Deletes the image tags given, except those whose digest serves traffic. */
    async deleteTags(tags, protectedDigests, dryRun) {
        const { config } = this;
        if (config.build.prebuiltImage !== undefined)
            return { deleted: [], kept: [] };
        return (0,registry/* deleteImageTags */.IM)({
            project: config.projectId,
            location: config.region,
            repository: config.build.repository,
            image: config.build.imageName,
            tags,
            protectedDigests,
            dryRun,
            log: core/* info */.pq,
        });
    }
}
/**
 * Read access to a prebuilt image's registry: Artifact Registry (and gcr.io) with the ADC access token the
 * deploy runs as; any other registry (and the emulator's) with the login docker left, else anonymously.
 */
async function registryAuth(imageRef) {
    return (0,registry/* imageReadAuth */.oN)(imageRef.slice(0, imageRef.indexOf('/')));
}

// EXTERNAL MODULE: ./src/iam/act-as.ts
var act_as = __webpack_require__(29982);
;// CONCATENATED MODULE: ./src/commands/service-tools.ts
/**
 * What one service's command works with: its Cloud Run service, its image step, its checks, where it
 * reports, the cancel signal and the log. Built once per service (a member of an environment gets its own).
 */





/** For a run without a github_token (or a member of an environment, which reports as a whole): no writes. */
const NO_REPORTS = {
    progress: async () => { },
    finish: async () => { },
    removed: async () => { },
};
/** Credentials the Google clients can use: ADC from google-github-actions/auth, a key file, or the emulator. */
function hasCloudCredentials(env) {
    return Boolean(env.GCP_DEPLOY_EMULATOR_HOST ||
        env.GOOGLE_APPLICATION_CREDENTIALS ||
        env.GOOGLE_GHA_CREDS_PATH ||
        env.CLOUDSDK_AUTH_ACCESS_TOKEN);
}
/** One service's tools: Cloud Run, Artifact Registry + builders, the checks and the reporter given. */
function serviceTools(config, ctx, github, report, cancel) {
    const cloudRun = (0,run_port/* createCloudRunPort */.wR)(config, core/* info */.pq, core/* warning */.$e);
    return {
        cloudRun,
        images: new ImageStep(config, ctx, report),
        checks: new PreviewChecks(config, cloudRun),
        github,
        iam: (0,act_as/* createActAsPort */.YX)(core/* warning */.$e),
        cancel,
        log: { info: core/* info */.pq, warning: core/* warning */.$e, notice: core/* notice */.lm, error: core/* error */.z3 },
    };
}


/***/ }),

/***/ 66368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ expiredSentence),
/* harmony export */   OR: () => (/* binding */ evictedSentence),
/* harmony export */   RH: () => (/* binding */ CLOSED_SENTENCE),
/* harmony export */   UU: () => (/* binding */ humanDuration),
/* harmony export */   Vc: () => (/* binding */ newestDeploys),
/* harmony export */   cK: () => (/* binding */ planSweep),
/* harmony export */   fg: () => (/* binding */ planEviction),
/* harmony export */   kE: () => (/* binding */ withEnvironmentDeploys),
/* harmony export */   km: () => (/* binding */ evictingNote),
/* harmony export */   oq: () => (/* binding */ inBatches),
/* harmony export */   vP: () => (/* binding */ lastDeployByPr),
/* harmony export */   yY: () => (/* binding */ SWEEP_BATCH)
/* harmony export */ });
/** How many PRs one batch removes: one service write untags them all, then their revisions and images go. */
const SWEEP_BATCH = 10;
/** Each PR's last deploy: the creation time of its newest revision this action made. */
function lastDeployByPr(revisions) {
    const newest = new Map();
    for (const r of revisions) {
        const pr = Number(r.labels['gcp-deploy-pr']);
        if (!Number.isSafeInteger(pr) || pr <= 0)
            continue;
        const t = r.createTime?.getTime() ?? 0;
        newest.set(pr, Math.max(newest.get(pr) ?? 0, t));
    }
    return new Map([...newest.entries()].map(([pr, t]) => [pr, new Date(t)]));
}
/** Each PR's newest deploy across several services' maps (an environment's members). */
function newestDeploys(maps) {
    const out = new Map();
    for (const m of maps) {
        for (const [pr, at] of m) {
            const seen = out.get(pr);
            if (seen === undefined || at > seen)
                out.set(pr, at);
        }
    }
    return out;
}
/** One service's PRs, each aged by the environment's newest deploy of it when there is one. */
function withEnvironmentDeploys(own, environment) {
    if (environment === undefined)
        return own;
    return new Map([...own].map(([pr, at]) => [pr, environment.get(pr) ?? at]));
}
/**
 * The PRs to sweep, oldest deploy first: closed ones whatever their age, and with `staleMs` open ones not
 * deployed for longer than that. A PR whose state could not be read is neither closed nor spared expiry.
 */
function planSweep(o) {
    const entries = [];
    for (const [pr, lastDeploy] of o.lastDeploys) {
        if (o.closed.has(pr))
            entries.push({ pr, reason: 'closed', lastDeploy });
        else if (o.staleMs !== undefined && o.now.getTime() - lastDeploy.getTime() > o.staleMs)
            entries.push({ pr, reason: 'expired', lastDeploy });
    }
    return entries.sort((a, b) => a.lastDeploy.getTime() - b.lastDeploy.getTime() || a.pr - b.pr);
}
/** Items in consecutive groups of at most `size`. */
function inBatches(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** A duration in the largest whole unit that fits: "7 days", "1 day", "3 hours", "45 minutes", "10 seconds". */
function humanDuration(ms) {
    const units = [
        [86_400_000, 'day'],
        [3_600_000, 'hour'],
        [60_000, 'minute'],
        [1000, 'second'],
    ];
    for (const [size, name] of units) {
        if (ms >= size && ms % size === 0) {
            const n = ms / size;
            return `${n} ${name}${n === 1 ? '' : 's'}`;
        }
    }
    for (const [size, name] of units) {
        if (ms >= size) {
            const n = Math.floor(ms / size);
            return `${n} ${name}${n === 1 ? '' : 's'}`;
        }
    }
    return `${ms} ms`;
}
/** What the PR comment says when a preview expired. */
function expiredSentence(staleMs) {
    return `Expired after ${humanDuration(staleMs)} without a deploy; push, label or \`/preview\` to bring it back.`;
}
/** What the PR comment says when the sweep removed a closed PR's leftover preview. */
const CLOSED_SENTENCE = 'The pull request is closed: its leftover preview and URL were removed.';
/**
 * The previews a new deploy of `pr` evicts under `max_previews`: the least recently deployed others, until
 * this PR's preview and the rest fit. Ties go to the lower PR number.
 */
function planEviction(o) {
    const others = [...o.live.entries()]
        .filter(([pr]) => pr !== o.pr)
        .sort(([a, ta], [b, tb]) => ta.getTime() - tb.getTime() || a - b);
    const excess = others.length + 1 - o.max;
    return excess > 0 ? others.slice(0, excess).map(([pr]) => pr) : [];
}
/** What an evicted PR's comment says. */
function evictedSentence(max, by) {
    return `Evicted: at most ${max} preview${max === 1 ? '' : 's'} may run at once (\`max_previews\`), and the deploy of PR #${by} made this the least recently deployed one. Push, label or \`/preview\` to bring it back.`;
}
/** What the new PR's comment says. */
function evictingNote(max, evicted) {
    return `max_previews is ${max}: this deploy evicted the least recently deployed preview${evicted.length > 1 ? 's' : ''} of ${evicted.map((n) => `PR #${n}`).join(', ')}.`;
}


/***/ }),

/***/ 65522:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ reportSwept),
/* harmony export */   V3: () => (/* binding */ reportPreviewRemoved),
/* harmony export */   cO: () => (/* binding */ tagOf),
/* harmony export */   runSweepStep: () => (/* binding */ runSweepStep)
/* harmony export */ });
/* unused harmony export runScheduledSweep */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _cloudrun_naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(67536);
/* harmony import */ var _cloudrun_traffic_plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26271);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22156);
/* harmony import */ var _github_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44686);
/* harmony import */ var _report_environment_report_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(3970);
/* harmony import */ var _report_phases_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(62568);
/* harmony import */ var _cloudrun_run_port_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(14791);
/* harmony import */ var _service_tools_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(89105);
/* harmony import */ var _cleanup_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(86914);
/* harmony import */ var _preview_data_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(21172);
/* harmony import */ var _sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(66368);
/**
 * The scheduled sweep (`on: schedule` with `command: auto`): previews not deployed for longer than `stale`
 * expire, and every leftover of a closed PR goes. Removal is in batches: one etag-checked service write
 * untags a batch, then its revisions and images go, then per-PR data, then each PR's comment and deployments.
 * Production and anything the action did not make are never touched; `dry_run` lists and changes nothing.
 */













/** The PR's tag as a preview made it; a `{branch}` template without the branch falls back to the default. */
function tagOf(config, pr) {
    try {
        return (0,_cloudrun_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .prTag */ .Hj)({ template: config.tagTemplate, prNumber: pr, service: config.service });
    }
    catch {
        return `pr-${pr}`;
    }
}
/** Sweeps one service; returns its report (state `removed`, or `ready` for a dry run). */
async function runScheduledSweep(config, ctx, cancel, environment) {
    const dry = config.cleanup.dryRun;
    const report = (0,_report_phases_js__WEBPACK_IMPORTED_MODULE_5__/* .newReport */ .bQ)({
        command: 'cleanup',
        service: config.service,
        project: config.projectId,
        region: config.region,
        commitSha: ctx.headSha,
        runUrl: ctx.runUrl,
    });
    const ports = (0,_service_tools_js__WEBPACK_IMPORTED_MODULE_7__/* .serviceTools */ .vi)(config, ctx, _service_tools_js__WEBPACK_IMPORTED_MODULE_7__/* .NO_REPORTS */ .Q8, report, cancel);
    const swept = [];
    await (0,_report_phases_js__WEBPACK_IMPORTED_MODULE_5__/* .timePhase */ .Jv)(report, 'cleanup', async () => {
        const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
        // An environment's preview ages as a whole: a member it reused keeps an older revision than the rest.
        const lastDeploys = (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .withEnvironmentDeploys */ .kE)((0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .lastDeployByPr */ .vP)(revisions), environment?.lastDeploys);
        const closed = config.github.token === ''
            ? []
            : await (0,_github_index_js__WEBPACK_IMPORTED_MODULE_4__/* .closedPullRequests */ .UJ)(config.github.token, ctx, [...lastDeploys.keys()], _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e);
        const entries = (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .planSweep */ .cK)({
            lastDeploys,
            closed: new Set(closed),
            staleMs: config.cleanup.staleMs,
            now: new Date(),
        });
        const ttl = config.cleanup.staleMs === undefined
            ? 'no stale set'
            : `stale ${(0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .humanDuration */ .UU)(config.cleanup.staleMs)}`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Sweep of ${config.service} (${ttl}): ${lastDeploys.size} PR preview(s), ${entries.filter((e) => e.reason === 'expired').length} expired, ${entries.filter((e) => e.reason === 'closed').length} of closed PRs`);
        for (const batch of (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .inBatches */ .oq)(entries, _sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .SWEEP_BATCH */ .yY)) {
            if (cancel.aborted)
                break;
            const service = await ports.cloudRun.getService();
            const current = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
            // Each PR planned on the service as the batch's earlier PRs leave it, so the last plan's protected
            // digests are exactly those still serving or tagged once the whole batch is untagged.
            let remaining = service;
            const plans = batch.map((entry) => {
                const plan = (0,_cleanup_js__WEBPACK_IMPORTED_MODULE_8__/* .planCleanup */ .CB)(entry.pr, tagOf(config, entry.pr), remaining, current);
                if (remaining !== null)
                    remaining = { ...remaining, traffic: (0,_cloudrun_traffic_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .planTraffic */ .H6)(remaining, { kind: 'untag', tags: plan.tags }) };
                return { entry, plan };
            });
            const protectedDigests = plans.at(-1)?.plan.protectedDigests ?? [];
            for (const { entry, plan } of plans) {
                const verb = dry ? 'would delete' : 'deleting';
                const why = entry.reason === 'closed' ? 'closed' : `last deployed ${entry.lastDeploy.toISOString()}`;
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${verb} PR #${entry.pr} (${why}): tags ${plan.tags.join(', ') || 'none'}; revisions ${plan.revisions.join(', ') || 'none'}`);
            }
            const tags = plans.flatMap((p) => p.plan.tags);
            if (!dry && tags.length > 0)
                await ports.cloudRun.untag(tags);
            for (const { plan } of plans) {
                for (const name of plan.revisions)
                    if (!dry)
                        await ports.cloudRun.deleteRevision(name);
            }
            const imageTags = plans.flatMap((p) => p.plan.imageTags);
            // No image tag of these PRs (prebuilt images): nothing to ask Artifact Registry.
            const images = imageTags.length === 0
                ? { deleted: [] }
                : await ports.images.deleteTags(imageTags, protectedDigests, dry);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${dry ? 'would delete' : 'deleted'} image tags: ${images.deleted.join(', ') || 'none'}`);
            for (const { entry, plan } of plans) {
                // The PR's database or schema, role, secret, jobs and cache keys, where it has them (per-PR data).
                const data = await (0,_preview_data_js__WEBPACK_IMPORTED_MODULE_9__/* .dropPreviewData */ .sv)(config, entry.pr, ports.log, dry);
                report.notes.push(`PR #${entry.pr} (${entry.reason}): ${dry ? 'would remove' : 'removed'} ${plan.tags.length} tag(s), ${plan.revisions.length} revision(s)${data.length > 0 ? `, ${data.join(', ')}` : ''}`);
                swept.push(entry);
            }
        }
    });
    if (environment !== undefined)
        environment.swept.push(...swept);
    else if (!dry) {
        for (const entry of swept)
            await reportSwept([config], ctx, entry);
    }
    report.state = dry ? 'ready' : 'removed';
    report.result = dry ? 'success' : 'removed';
    if (swept.length === 0)
        report.notes.push('Nothing to sweep: every preview is fresh and its PR open.');
    return report;
}
/** A swept PR's comment says why its preview went (one service's, or the environment's), its deployments inactive. */
async function reportSwept(configs, ctx, entry, environment) {
    const staleMs = configs[0]?.cleanup.staleMs;
    const why = entry.reason === 'closed' || staleMs === undefined ? _sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .CLOSED_SENTENCE */ .RH : (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .expiredSentence */ .LS)(staleMs);
    await reportPreviewRemoved(configs, ctx, entry.pr, why, environment);
}
/**
 * Another PR's preview was removed by this run (a sweep, or max_previews): its comment says why, its
 * deployments turn inactive. Those of one service, or given `environment`, the environment's one comment
 * and deployment for all of `configs`.
 */
async function reportPreviewRemoved(configs, ctx, pr, why, environment) {
    const first = configs[0];
    if (first === undefined || first.github.token === '')
        return;
    const members = configs.map((config) => {
        const report = (0,_report_phases_js__WEBPACK_IMPORTED_MODULE_5__/* .newReport */ .bQ)({
            command: 'cleanup',
            service: config.service,
            project: config.projectId,
            region: config.region,
            tag: tagOf(config, pr),
            prNumber: pr,
            runUrl: ctx.runUrl,
        });
        report.state = 'removed';
        report.result = 'removed';
        return { name: config.service, needs: [], stage: 'removed', report };
    });
    const one = members[0];
    const run = environment === undefined
        ? (0,_report_environment_report_js__WEBPACK_IMPORTED_MODULE_11__/* .environmentOfOne */ .B)({ ...one.report, removedWhy: why }, 'removed')
        : {
            name: environment.name,
            command: 'cleanup',
            state: 'removed',
            result: 'removed',
            tag: one.report.tag,
            prNumber: pr,
            runUrl: ctx.runUrl,
            members,
            notes: [why],
            startedAt: new Date().toISOString(),
        };
    try {
        await (0,_github_index_js__WEBPACK_IMPORTED_MODULE_4__/* .createReporter */ .A5)({
            token: first.github.token,
            ctx: { ...ctx, prNumber: pr },
            environment: first.github.environment ??
                (environment === undefined ? `preview/${one.report.tag}` : `preview/${environment.name}/pr-${pr}`),
            comment: first.github.comment,
            failOnCommentError: false,
            log: { info: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq, warning: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e, notice: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm },
            ...(environment === undefined ? { intervalMs: 0 } : { primary: environment.primary }),
        }).removed(run);
    }
    catch (err) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`PR #${pr}: could not update its comment or deployments: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(err)}`);
    }
}
/**
 * The sweep's step: every service of the run (one, or each member of `services`), then outputs and summary.
 * An environment is swept as one: its PRs age by their newest deploy on any member, and each swept PR's
 * environment comment and deployment say so once (environment-sweep.ts).
 */
async function runSweepStep(configs, ctx, cancel, environment) {
    const shared = environment === undefined
        ? undefined
        : { lastDeploys: await environmentLastDeploys(configs), swept: [] };
    let last;
    for (const config of configs) {
        last = await runScheduledSweep(config, ctx, cancel, shared);
        await (0,_github_index_js__WEBPACK_IMPORTED_MODULE_4__/* .writeJobSummary */ .j7)((0,_report_environment_report_js__WEBPACK_IMPORTED_MODULE_11__/* .environmentOfOne */ .B)(last, 'passed'), (0,_github_index_js__WEBPACK_IMPORTED_MODULE_4__/* .renderContextFor */ .T2)(ctx));
    }
    if (environment !== undefined &&
        shared !== undefined &&
        configs[0] !== undefined &&
        !configs[0].cleanup.dryRun) {
        const { reportEnvironmentSwept } = await __webpack_require__.e(/* import() */ 602).then(__webpack_require__.bind(__webpack_require__, 59602));
        await reportEnvironmentSwept(configs, environment, ctx, shared.swept);
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('result', last?.result ?? 'success');
}
/** Each PR's newest deploy on any of the environment's services. */
async function environmentLastDeploys(configs) {
    const maps = [];
    for (const config of configs) {
        const cloudRun = (0,_cloudrun_run_port_js__WEBPACK_IMPORTED_MODULE_6__/* .createCloudRunPort */ .wR)(config, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e);
        maps.push((0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .lastDeployByPr */ .vP)(await cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' })));
    }
    return (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .newestDeploys */ .Vc)(maps);
}


/***/ }),

/***/ 44686:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UJ: () => (/* reexport */ closedPullRequests),
  A5: () => (/* reexport */ createReporter),
  II: () => (/* reexport */ forkSkipReason),
  i5: () => (/* reexport */ pullRequestTargetWarning),
  T2: () => (/* reexport */ event_context/* renderContextFor */.T2),
  j7: () => (/* reexport */ writeJobSummary)
});

// UNUSED EXPORTS: commandForEvent, readEventContext

// EXTERNAL MODULE: ./src/github/event-context.ts + 1 modules
var event_context = __webpack_require__(92677);
;// CONCATENATED MODULE: ./src/github/guards.ts
/**
 * Why a preview of this event is skipped, or null to go on. A PR from a fork on `pull_request` runs without
 * the repository's secrets, so with no cloud credentials there is nothing to deploy with: that is a skip,
 * not a failure, so the fork's author sees a neutral check and a notice instead of a red X.
 */
function forkSkipReason(ctx, hasCloudCredentials) {
    if (!ctx.isFork || hasCloudCredentials)
        return null;
    const pr = ctx.prNumber === undefined ? 'This pull request' : `Pull request #${ctx.prNumber}`;
    return (`${pr} comes from a fork, and GitHub gives workflows triggered by forks no secrets, so there are no ` +
        'Google Cloud credentials to deploy a preview with. The preview is skipped, not failed. A maintainer can ' +
        'push the branch to this repository to get a preview.');
}
/**
 * A warning for pull_request_target runs: they run with the base repository's secrets and a write token, and
 * a preview builds (and so runs the Dockerfile of) the PR's head. Null for other events.
 */
function pullRequestTargetWarning(ctx) {
    if (ctx.eventName !== 'pull_request_target')
        return null;
    const who = ctx.isFork ? 'from a fork, ' : '';
    return (`This run was triggered by pull_request_target: it has this repository's secrets and a write token, and ` +
        `building the preview runs code from the PR's head ${who}(Dockerfile RUN steps, build scripts). Anyone who ` +
        'can open a PR can then read those secrets. Use the pull_request event, or gate this job behind an ' +
        'environment with required reviewers or a label that only maintainers can add.');
}

// EXTERNAL MODULE: ./src/report/markdown-comment.ts
var markdown_comment = __webpack_require__(1765);
// EXTERNAL MODULE: ./src/report/redaction.ts
var redaction = __webpack_require__(27079);
// EXTERNAL MODULE: ./src/report/run-comment.ts + 1 modules
var run_comment = __webpack_require__(18065);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
;// CONCATENATED MODULE: ./src/github/batched-writes.ts
/**
 * Coalesces a stream of states into few writes: at most one write in flight, each start at least
 * `intervalMs` after the one before, and only the latest state written when several arrive in between.
 * The first state is written at once (the reader sees the run start); `flush` writes the final state as
 * soon as the write in flight ends, and nothing is written after it. Timers come from an injectable clock.
 */

/** The global clock, looked up at call time (so fake timers in tests replace it). */
const systemClock = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
};
function createBatchedWriter(opts) {
    const interval = opts.intervalMs ?? 2000;
    const clock = opts.clock ?? systemClock;
    let queued;
    let inFlight;
    let timer;
    let lastStart = Number.NEGATIVE_INFINITY;
    let closed = false;
    let writes = 0;
    let error;
    let idleWaiters = [];
    const settleIdle = () => {
        if (queued !== undefined || inFlight !== undefined || timer !== undefined)
            return;
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters)
            w();
    };
    const start = (value) => {
        lastStart = clock.now();
        writes += 1;
        return opts.write(value);
    };
    const schedule = () => {
        if (closed || queued === undefined || inFlight !== undefined || timer !== undefined)
            return;
        const wait = lastStart + interval - clock.now();
        if (wait > 0) {
            timer = clock.setTimeout(() => {
                timer = undefined;
                schedule();
            }, wait);
            return;
        }
        const { value } = queued;
        queued = undefined;
        inFlight = start(value)
            .catch((err) => {
            error ??= err instanceof Error ? err : new Error((0,user_error/* errorMessage */.g)(err));
        })
            .finally(() => {
            inFlight = undefined;
            schedule();
            settleIdle();
        });
    };
    /** Writes `value` once the write in flight (if any) ended. */
    const writeAfter = async (value) => {
        if (inFlight !== undefined)
            await inFlight;
        try {
            await start(value);
        }
        finally {
            settleIdle();
        }
    };
    return {
        push(value) {
            if (closed)
                return;
            queued = { value };
            schedule();
        },
        async flush(value) {
            closed = true;
            queued = undefined;
            if (timer !== undefined) {
                clock.clearTimeout(timer);
                timer = undefined;
            }
            await writeAfter(value);
            if (error !== undefined)
                throw error;
        },
        async writeNow(value) {
            if (closed)
                return;
            queued = undefined;
            await writeAfter(value);
        },
        idle() {
            return new Promise((resolve) => {
                idleWaiters.push(resolve);
                settleIdle();
            });
        },
        get writes() {
            return writes;
        },
        get error() {
            return error;
        },
    };
}

// EXTERNAL MODULE: ./src/github/octokit.ts
var octokit = __webpack_require__(6702);
;// CONCATENATED MODULE: ./src/github/permissions.ts


/**
 * Explains a GitHub failure: a 403/404 on a write becomes a sentence naming the permissions entry to add
 * (GitHub answers 404 instead of 403 for some missing scopes); anything else keeps its own message.
 */
function explainGitHubError(err, what, permission) {
    const status = (0,octokit/* httpStatus */.nG)(err);
    if (status === 403 || status === 404) {
        return (`Could not ${what}: GitHub answered ${status}. The token needs \`${permission}\`; add it to the job's ` +
            `\`permissions:\` block (and for a fork PR, run with a token that may write to this repository).`);
    }
    return `Could not ${what}: ${(0,user_error/* errorMessage */.g)(err)}`;
}

;// CONCATENATED MODULE: ./src/github/sticky-comment.ts


/** GITHUB_TOKEN's identity: installation tokens cannot call GET /user, so that 403 means this bot. */
const ACTIONS_BOT = 'github-actions[bot]';
/** The login our comments are written as: the token's user, or the Actions bot for installation tokens. */
async function tokenIdentity(client, override) {
    if (override !== undefined && override !== '')
        return override;
    try {
        const { data } = await client.rest.users.getAuthenticated();
        return data.login;
    }
    catch (err) {
        if ((0,octokit/* httpStatus */.nG)(err) === 403 || (0,octokit/* httpStatus */.nG)(err) === 401)
            return ACTIONS_BOT;
        throw err;
    }
}
/**
 * Finds our comment for this marker (marker at the start, written by our identity, so a pasted marker cannot
 * hijack it), paging through every comment, and updates it in place with `render(previous body)` or creates
 * it with `render(undefined)`. With `knownId` it reads that comment instead of searching.
 */
async function upsertMarkedComment(client, target, render, knownId) {
    let existing;
    if (knownId === undefined) {
        const comments = await client.paginate(client.rest.issues.listComments, {
            owner: target.owner,
            repo: target.repo,
            issue_number: target.issueNumber,
            per_page: 100,
        });
        const ours = comments.filter((c) => c.user?.login === target.identity && (0,markdown_comment/* isStickyFor */.pk)(c.body, target.marker));
        const found = ours[ours.length - 1];
        if (found !== undefined)
            existing = { id: found.id, body: found.body ?? '' };
    }
    else {
        const { data } = await client.rest.issues.getComment({
            owner: target.owner,
            repo: target.repo,
            comment_id: knownId,
        });
        existing = { id: data.id, body: data.body ?? '' };
    }
    const body = render(existing?.body);
    if (existing !== undefined) {
        await client.rest.issues.updateComment({
            owner: target.owner,
            repo: target.repo,
            comment_id: existing.id,
            body,
        });
        return existing.id;
    }
    const { data } = await client.rest.issues.createComment({
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        body,
    });
    return data.id;
}
/** The sticky comment for one service: its earlier runs carried over from the comment it replaces. */
function upsertStickyComment(client, target, report, ctx, knownId) {
    return upsertMarkedComment(client, { ...target, marker: commentMarker(target.service) }, (previous) => {
        const history = nextHistory(previous === undefined ? null : parseCommentState(previous), report);
        return renderStickyComment({ service: target.service, report, history, ctx });
    }, knownId);
}

;// CONCATENATED MODULE: ./src/github/reporter-session.ts
/**
 * What every GitHub reporter shares: a lazily created client, the comment identity, and the guard that turns
 * a GitHub failure into one warning naming the permission to add (or a UserError when asked to fail), after
 * which that kind of write is not tried again.
 */




function createReporterSession(opts) {
    const { ctx } = opts;
    let client;
    let identity;
    const broken = new Set();
    const gh = () => (client ??= (0,octokit/* createGitHubClient */.LX)(opts.token, ctx.apiUrl, (s) => opts.log.warning(s), opts.throttle));
    return {
        target: { owner: ctx.repo.owner, repo: ctx.repo.repo },
        gh,
        async identity() {
            identity ??= await tokenIdentity(gh(), opts.commentAuthor);
            return identity;
        },
        async guarded(what, permission, fn) {
            if (broken.has(permission))
                return;
            try {
                await fn();
            }
            catch (err) {
                const message = explainGitHubError(err, what, permission);
                broken.add(permission);
                if (opts.failOnCommentError)
                    throw new user_error/* UserError */.y(message);
                opts.log.warning(message);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/github/commit-status.ts
/** The status for a run's state; null for states with nothing to say on the commit (removed, skipped). */
function commitStatusFor(report, service, runUrl) {
    const context = report.tag === undefined ? `gcp-deploy/${service}` : `gcp-deploy/${service} (${report.tag})`;
    const up = report.url !== undefined ? report.url : runUrl;
    switch (report.state) {
        case 'building':
        case 'deploying':
        case 'checking':
            return {
                state: 'pending',
                context,
                description: `${report.command}: ${report.state}`,
                targetUrl: runUrl,
            };
        case 'ready':
            return {
                state: 'success',
                context,
                description: report.command === 'candidate'
                    ? 'Candidate ready: open it from Details'
                    : 'Preview ready: open it from Details',
                targetUrl: up,
            };
        case 'promoted':
            return { state: 'success', context, description: 'Promoted to production', targetUrl: up };
        case 'failed':
        case 'rolled-back':
            return {
                state: 'failure',
                context,
                description: (report.failureReason ?? `${report.command} ${report.state}`).slice(0, 140),
                targetUrl: runUrl,
            };
        case 'cancelled':
            return {
                state: 'error',
                context,
                description: 'Cancelled before the checks finished',
                targetUrl: runUrl,
            };
        case 'removed':
        case 'skipped':
            return null;
    }
}
/** Sets the status on `sha` (POST /repos/{owner}/{repo}/statuses/{sha}; needs `statuses: write`). */
async function setCommitStatus(client, t, status) {
    await client.rest.repos.createCommitStatus({
        owner: t.owner,
        repo: t.repo,
        sha: t.sha,
        state: status.state,
        context: status.context,
        description: status.description,
        target_url: status.targetUrl,
    });
}

;// CONCATENATED MODULE: ./src/github/deployments.ts
/** Which deployment status a run's state maps to. */
function deploymentStateFor(state) {
    switch (state) {
        case 'building':
        case 'deploying':
        case 'checking':
            return 'in_progress';
        case 'ready':
        case 'promoted':
            return 'success';
        case 'removed':
        case 'skipped':
        case 'cancelled':
            return 'inactive';
        case 'failed':
        case 'rolled-back':
            return 'failure';
    }
}
/** Creates the deployment for this run (one per run; statuses tell its story). */
async function createDeployment(client, t) {
    const { data } = await client.rest.repos.createDeployment({
        owner: t.owner,
        repo: t.repo,
        ref: t.ref,
        environment: t.environment,
        description: t.description.slice(0, 140),
        auto_merge: false,
        required_contexts: [],
        transient_environment: !t.production,
        production_environment: t.production,
    });
    if (!('id' in data))
        throw new Error(`GitHub did not create a deployment: ${data.message ?? 'no reason'}`);
    return data.id;
}
/** Adds a status; `success` carries the preview URL (the "View deployment" button) and the run's log. */
async function setDeploymentStatus(client, t, id, state, urls) {
    await client.rest.repos.createDeploymentStatus({
        owner: t.owner,
        repo: t.repo,
        deployment_id: id,
        state,
        ...(urls.environmentUrl !== undefined ? { environment_url: urls.environmentUrl } : {}),
        ...(urls.logUrl !== undefined ? { log_url: urls.logUrl } : {}),
        auto_inactive: state === 'success',
    });
}
/** Marks every deployment of an environment inactive (cleanup of a closed PR). */
async function deactivateEnvironment(client, t) {
    const deployments = await client.paginate(client.rest.repos.listDeployments, {
        owner: t.owner,
        repo: t.repo,
        environment: t.environment,
        per_page: 100,
    });
    for (const d of deployments)
        await setDeploymentStatus(client, t, d.id, 'inactive', {});
    return deployments.length;
}

;// CONCATENATED MODULE: ./src/github/run-writes.ts



function createRunWrites(session, opts) {
    const { target, gh, guarded } = session;
    const { ctx } = opts;
    let commentId;
    let deploymentId;
    let last;
    return {
        comment: (marker, render) => opts.comment && ctx.prNumber !== undefined
            ? guarded('update the pull request comment', 'pull-requests: write', async () => {
                const identity = await session.identity();
                const issueNumber = ctx.prNumber;
                commentId = await upsertMarkedComment(gh(), { ...target, issueNumber, marker, identity }, render, commentId);
            })
            : Promise.resolve(),
        deployment: (run) => guarded('record the GitHub deployment', 'deployments: write', async () => {
            const state = deploymentStateFor(run.state);
            const url = run.state === 'ready' || run.state === 'promoted' ? run.url : undefined;
            if (opts.skipRepeats && last !== undefined && last.state === state && last.url === url)
                return;
            deploymentId ??= await createDeployment(gh(), {
                ...target,
                environment: opts.environment,
                ref: ctx.headSha,
                production: run.command === 'promote' || run.command === 'rollback',
                description: run.description,
            });
            await setDeploymentStatus(gh(), target, deploymentId, state, {
                environmentUrl: url,
                logUrl: ctx.runUrl,
            });
            last = { state, url };
        }),
        commitStatus: (run, name) => {
            const status = commitStatusFor(run, name, ctx.runUrl);
            const sha = run.commitSha ?? ctx.headSha;
            if (status === null || !/^[0-9a-f]{40}$/i.test(sha))
                return Promise.resolve();
            return guarded('set the commit status', 'statuses: write', () => setCommitStatus(gh(), { ...target, sha }, status));
        },
        deactivate: () => guarded('mark the preview deployment inactive', 'deployments: write', async () => {
            const n = await deactivateEnvironment(gh(), { ...target, environment: opts.environment });
            opts.log.info(`${n} deployment(s) of ${opts.environment} marked inactive`);
        }),
    };
}

;// CONCATENATED MODULE: ./src/github/reporter.ts







function createReporter(opts) {
    const { ctx } = opts;
    const session = createReporterSession(opts);
    const render = (0,event_context/* renderContextFor */.T2)(ctx);
    const atOnce = opts.intervalMs === 0;
    let done = false;
    const writes = createRunWrites(session, {
        ctx,
        log: opts.log,
        environment: opts.environment,
        comment: opts.comment,
        // Batched progress repeats itself: a status only when its state or URL changes.
        skipRepeats: !atOnce,
    });
    // Every write gets a redacted copy, made before Markdown escaping could change a secret's bytes.
    const write = async (run) => {
        await writes.comment((0,run_comment/* runMarker */.qW)(run), (previous) => (0,run_comment/* renderRunComment */.B7)({
            run,
            previous: previous === undefined ? null : (0,markdown_comment/* parseCommentState */.g8)(previous),
            ctx: render,
            primary: opts.primary,
        }));
        const link = (0,run_comment/* runLink */.ut)(run, opts.primary);
        // A removal deactivates every deployment of the environment instead of adding a status.
        if (link.state !== 'removed')
            await writes.deployment({ ...link, command: run.command });
    };
    const writer = createBatchedWriter({
        intervalMs: opts.intervalMs,
        clock: opts.clock,
        write,
    });
    return {
        async progress(run) {
            if (done)
                return;
            if (atOnce)
                return writer.writeNow((0,redaction/* redactDeep */.KL)(run));
            // A background write that failed with failOnCommentError surfaces at the next call.
            if (writer.error !== undefined)
                throw writer.error;
            writer.push((0,redaction/* redactDeep */.KL)(run));
        },
        async finish(run) {
            if (done)
                return;
            done = true;
            const safe = (0,redaction/* redactDeep */.KL)(run);
            await writer.flush(safe);
            const link = (0,run_comment/* runLink */.ut)(safe, opts.primary);
            await writes.commitStatus(link.status, link.name);
        },
        async removed(run) {
            if (done)
                return;
            done = true;
            await writer.flush((0,redaction/* redactDeep */.KL)(run));
            await writes.deactivate();
        },
        idle: () => writer.idle(),
        get writes() {
            return writer.writes;
        },
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
;// CONCATENATED MODULE: ./src/github/job-summary.ts



/**
 * Writes the run's job summary (the same tables as its PR comment) and one annotation per failed threshold,
 * for one service or an environment alike.
 */
async function writeJobSummary(run, ctx = {}) {
    for (const line of (0,run_comment/* failedThresholds */.uy)(run))
        core/* error */.z3(line, { title: 'Threshold failed' });
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw((0,redaction/* redact */.E$)((0,run_comment/* renderRunSummary */.qN)((0,redaction/* redactDeep */.KL)(run), (0,redaction/* redactDeep */.KL)(ctx)))).write();
}

;// CONCATENATED MODULE: ./src/github/pull-states.ts


/**
 * Which of these PRs are closed on GitHub (a stale sweep removes their previews whatever their age).
 * A PR GitHub does not know (404) counts as closed: nothing will ever update its preview again.
 */
async function closedPullRequests(token, ctx, numbers, warn) {
    const client = (0,octokit/* createGitHubClient */.LX)(token, ctx.apiUrl, warn);
    const closed = [];
    for (const pull_number of numbers) {
        try {
            const { data } = await client.rest.pulls.get({
                owner: ctx.repo.owner,
                repo: ctx.repo.repo,
                pull_number,
            });
            if (data.state === 'closed')
                closed.push(pull_number);
        }
        catch (err) {
            if ((0,octokit/* httpStatus */.nG)(err) === 404)
                closed.push(pull_number);
            else
                warn(`Could not read the state of PR #${pull_number}: ${err instanceof Error ? err.message : String(err)}`);
        }
    }
    return closed;
}

;// CONCATENATED MODULE: ./src/github/index.ts







/***/ }),

/***/ 29982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YX: () => (/* binding */ createActAsPort),
/* harmony export */   eP: () => (/* binding */ checkActAsBeforeBuild)
/* harmony export */ });
/* unused harmony exports ACT_AS, runtimeIdentity, actAsRefusal, refuseWithoutActAs */
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _permission_denied_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5668);
/**
 * `iam.serviceAccounts.actAs` on the runtime identity, asked before the build. Cloud Run refuses to deploy a
 * revision that runs as a service account its deployer may not act as, but only at the deploy, after the
 * build and the push. One call to the IAM API's testIamPermissions on that account, when the run will deploy,
 * turns the same refusal into one line before anything is built, pushed or written.
 */



const ACT_AS = 'iam.serviceAccounts.actAs';
/**
 * The service account a revision this run deploys will run as. A PR preview: `preview_service_account`, else
 * production's (which it inherits), else `service_account` (a service it creates). A candidate or release:
 * `service_account`, else production's. Undefined when none is named: Cloud Run then runs it as the default
 * compute account, whose email needs the project number, and the deploy itself asks.
 */
function runtimeIdentity(config, isPreview, productionTemplate) {
    const named = (v) => typeof v === 'string' && v !== '' ? v : undefined;
    const production = named(productionTemplate?.serviceAccount);
    return isPreview
        ? (named(config.preview.serviceAccount) ?? production ?? named(config.deploy.serviceAccount))
        : (named(config.deploy.serviceAccount) ?? production);
}
/** The refusal, in the words of Cloud Run's own actAs denial, made into the one permission line. */
function actAsRefusal(serviceAccount, who = (0,_permission_denied_js__WEBPACK_IMPORTED_MODULE_2__/* .deployingPrincipals */ .jz)()) {
    const cloudRunWords = `Permission 'iam.serviceaccounts.actAs' denied on service account ${serviceAccount} (or it may not exist).`;
    const line = (0,_permission_denied_js__WEBPACK_IMPORTED_MODULE_2__/* .permissionDeniedLine */ .f2)(cloudRunWords, who) ?? cloudRunWords;
    return `${line} Revisions of this run would run as ${serviceAccount}; nothing was built or deployed.`;
}
/** Throws the one-line refusal when IAM says the deployer may not act as `serviceAccount`. */
async function refuseWithoutActAs(port, serviceAccount, warn) {
    if (port === undefined || serviceAccount === undefined)
        return;
    const may = await port.mayActAs(serviceAccount);
    if (may === false)
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(actAsRefusal(serviceAccount));
    if (may === undefined)
        warn(`Could not ask IAM whether the deployer may act as ${serviceAccount}; the deploy will tell.`);
}
/**
 * Before a build that will be deployed: the runtime identity from the config and production's template (read
 * through the Cloud Run port, which the deploy reads again from its cache), then the one IAM call.
 */
async function checkActAsBeforeBuild(ports, config, isPreview, before) {
    if (ports.iam === undefined)
        return;
    const production = before === null ? undefined : (await ports.cloudRun.baseTemplate(before))?.template;
    await refuseWithoutActAs(ports.iam, runtimeIdentity(config, isPreview, production), (s) => ports.log.warning(s));
}
/** The IAM API's projects.serviceAccounts.testIamPermissions, with Application Default Credentials. */
function createActAsPort(warn) {
    return {
        async mayActAs(serviceAccount) {
            try {
                const auth = new google_auth_library__WEBPACK_IMPORTED_MODULE_0__.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
                const client = await auth.getClient();
                const res = await client.request({
                    url: `https://iam.googleapis.com/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:testIamPermissions`,
                    method: 'POST',
                    data: { permissions: [ACT_AS] },
                });
                return (res.data.permissions ?? []).includes(ACT_AS);
            }
            catch (err) {
                warn(`IAM testIamPermissions on ${serviceAccount} failed: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`);
                return undefined;
            }
        },
    };
}


/***/ }),

/***/ 84911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ renderComparisonSection),
/* harmony export */   Se: () => (/* binding */ comparisonHeadline),
/* harmony export */   fJ: () => (/* binding */ regressionCheckRows)
/* harmony export */ });
/* unused harmony exports formatMetricValue, formatChange */
/* harmony import */ var _checks_compare_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6474);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54285);
/* harmony import */ var _markdown_parts_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51150);
/**
 * The preview against its baseline, in the comment: one compact table (metric | preview | baseline | change),
 * ▲/▼ for a change outside the noise and "within noise" otherwise, folded unless something regressed. Pure.
 */

// Every cell is made here from numbers and fixed words; only revision names (inline code) come from outside.


/** `12.3 ms`, `0.50 %`, `41.2/s`. */
function formatMetricValue(metric, value) {
    if (!Number.isFinite(value))
        return 'n/a';
    switch (_checks_compare_js__WEBPACK_IMPORTED_MODULE_0__/* .METRIC_INFO */ .mp[metric].unit) {
        case 'ms':
            return `${value.toFixed(Math.abs(value) < 10 ? 2 : 1)} ms`;
        case 'rate':
            return `${(value * 100).toFixed(2)} %`;
        default:
            return `${value.toFixed(1)}/s`;
    }
}
function signed(metric, value) {
    const text = formatMetricValue(metric, Math.abs(value));
    return `${value < 0 ? '−' : '+'}${text}`;
}
/** The change cell: arrow, difference, relative change and the confidence interval. */
function formatChange(m, confidence) {
    const ci = `${Math.round(confidence * 100)} % CI ${signed(m.metric, m.ci[0])} … ${signed(m.metric, m.ci[1])}`;
    const rel = m.relative === undefined || !Number.isFinite(m.relative)
        ? ''
        : ` (${m.relative >= 0 ? '+' : '−'}${Math.abs(m.relative * 100).toFixed(1)} %)`;
    const diff = `${signed(m.metric, m.diff)}${rel}`;
    if (!Number.isFinite(m.diff))
        return 'n/a';
    if (m.diff === 0 && m.ci[0] === 0 && m.ci[1] === 0)
        return 'within noise (no change)';
    if (m.verdict === 'within noise')
        return `within noise (${diff}, ${Number.isFinite(m.ci[0]) ? ci : 'too few rounds'})`;
    const arrow = m.diff > 0 ? '▲' : '▼';
    const word = m.verdict === 'regression' ? 'worse' : 'better';
    return `${arrow} ${diff} ${word}, ${ci}`;
}
/** The first line's words, when the comparison found something worse: "slower than production". */
function comparisonHeadline(o) {
    if (o === undefined || !(0,_checks_compare_js__WEBPACK_IMPORTED_MODULE_0__/* .comparisonRegressed */ .MZ)(o))
        return undefined;
    return o.against === 'production' ? 'slower than production' : 'slower than the base commit';
}
/** The table, folded unless something regressed; empty when there is nothing to show. */
function renderComparisonSection(o, service) {
    if (o === undefined)
        return '';
    const whom = o.against === 'production' ? 'production' : 'the base commit';
    const of = service === undefined ? '' : ` ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .ti)(service)}`;
    if (o.skipped !== undefined)
        return `**Compared with ${whom}${of}:** not compared: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(o.skipped)}`;
    const regressed = (0,_checks_compare_js__WEBPACK_IMPORTED_MODULE_0__/* .comparisonRegressed */ .MZ)(o);
    const c = o.comparison;
    const metrics = c === undefined
        ? ''
        : (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['metric', 'preview', 'baseline', 'change'], c.metrics.map((m) => [
            _checks_compare_js__WEBPACK_IMPORTED_MODULE_0__/* .METRIC_INFO */ .mp[m.metric].label,
            formatMetricValue(m.metric, m.preview),
            formatMetricValue(m.metric, m.baseline),
            formatChange(m, c.confidence),
        ]), ['---', '--:', '--:', '---']);
    const cold = o.coldStartMs;
    const facts = [
        `Baseline ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .ti)(o.baselineRevision)}${o.productionRevision !== undefined ? ` (production's ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .ti)(o.productionRevision)} with the preview profile${o.baselineCreated === true ? ', created by this run' : ''})` : ''}`,
        c === undefined ? '' : `${c.pairs} interleaved pairs of rounds after a warm-up`,
        cold.preview !== undefined || cold.baseline !== undefined
            ? `cold start: preview ${formatMs(cold.preview)}, baseline ${formatMs(cold.baseline)} (not in the rounds)`
            : '',
        `the comparison took ${formatMs(o.durationMs)}`,
    ].filter((s) => s !== '');
    const failed = o.regression.filter((r) => !r.ok);
    const thresholdLines = o.regression.map((r) => `${r.ok ? '✅' : '❌'} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .ti)(`${r.threshold.metricName} ${r.threshold.expression}`)}: measured ${formatRegressionMeasured(r)}`);
    const summary = `Compared with ${whom}${of}: ` +
        (regressed
            ? `▲ slower than ${whom}${failed.length > 0 ? `, ${failed.length} regression threshold${failed.length === 1 ? '' : 's'} failed${o.mode === 'report' ? ' (regression_mode: report)' : ''}` : ''}`
            : 'within noise');
    const body = [...facts, ...thresholdLines].join('\\\n');
    return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_2__/* .folded */ .TM)(summary, metrics === '' ? body : `${metrics}\n\n${body}`, regressed);
}
/** Durations read as everywhere else in the comment (markdown-parts.ts). */
function formatMs(ms) {
    return ms === undefined ? 'n/a' : (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(ms);
}
function formatRegressionMeasured(r) {
    if (r.measured === undefined)
        return 'n/a';
    if (r.kind === 'rel')
        return `${r.measured >= 0 ? '+' : '−'}${Math.abs(r.measured * 100).toFixed(1)} %`;
    if (r.threshold.metricName === 'http_req_duration')
        return `${r.measured >= 0 ? '+' : '−'}${Math.abs(r.measured).toFixed(1)} ms`;
    return `${r.measured >= 0 ? '+' : '−'}${Math.abs(r.measured).toFixed(r.threshold.metricName === 'http_req_failed' ? 4 : 1)}`;
}
/**
 * The regression thresholds as rows of the checks table (check, expected, measured) and whether each passed;
 * with regression_mode: report a failing one is shown but does not count as a failed check.
 */
function regressionCheckRows(o) {
    if (o === undefined)
        return [];
    return o.regression.map((r) => ({
        cells: [
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .ti)(`${r.threshold.metricName} vs baseline`, { inTable: true }),
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .ti)(r.threshold.expression, { inTable: true }),
            `${formatRegressionMeasured(r)}${!r.ok && o.mode === 'report' ? ' (regression_mode: report)' : ''}`,
        ],
        ok: r.ok || o.mode === 'report',
    }));
}


/***/ }),

/***/ 19037:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ renderImageSection)
/* harmony export */ });
/* harmony import */ var _build_doctor_rules_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41573);
/* harmony import */ var _build_doctor_context_rules_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48247);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54285);
/* harmony import */ var _markdown_parts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51150);
/**
 * The "Image" section the comment and the job summary share, for one service or every member of an
 * environment: the Dockerfile doctor's findings (rule id, where, what, the fix), the rules skipped and why,
 * and what the image's config said. Empty when there is nothing to say, so a clean build shows no section.
 */




const MAX_MESSAGE = 400;
const MAX_ROWS = 50;
/** A finding's message: the names it quotes ("API_KEY") as code, the rest as escaped prose. */
function message(text) {
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .truncate */ .xv)(text, MAX_MESSAGE)
        .split(/"([^"]*)"/)
        .map((part, i) => i % 2 === 1 ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(part, { inTable: true }) : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeProse */ .fd)(part, { inTable: true, links: false }))
        .join(' ')
        .replace(/ {2,}/g, ' ')
        .trim();
}
function where(f) {
    if (f.file === undefined)
        return 'image';
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(`${f.file}${f.line === undefined ? '' : `:${f.line}`}`, { inTable: true });
}
/** The folded section; '' when no entry has a finding or a skipped one. */
function renderImageSection(entries) {
    const withDoctor = entries.filter((e) => e.doctor !== undefined && e.doctor.findings.length + e.doctor.ignored.length > 0);
    if (withDoctor.length === 0)
        return '';
    const several = entries.length > 1;
    const findings = withDoctor.flatMap((e) => e.doctor.findings.map((f) => ({ service: e.service, f })));
    const ignored = withDoctor.flatMap((e) => e.doctor.ignored.map((f) => ({ service: e.service, f })));
    const ids = [...new Set(findings.map(({ f }) => f.rule))];
    const blocking = withDoctor.some((e) => e.doctor.mode === 'error' && e.doctor.findings.length > 0);
    const n = findings.length;
    const summary = n === 0
        ? `Image: no findings (${ignored.length} skipped)`
        : `Image: ${n} finding${n === 1 ? '' : 's'} (${ids.join(', ')})`;
    const parts = [];
    if (n > 0) {
        const header = ['Rule', ...(several ? ['Service'] : []), 'Where', 'Finding', 'Fix'];
        const rows = findings
            .slice(0, MAX_ROWS)
            .map(({ service, f }) => [
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(f.rule, { inTable: true }),
            ...(several ? [(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(service, { inTable: true })] : []),
            where(f),
            message(f.message),
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTableCell */ .aL)(_build_doctor_rules_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y0[f.rule].fix.replace(/`/g, '')),
        ]);
        parts.push((0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(header, rows));
        if (findings.length > MAX_ROWS)
            parts.push(`_${findings.length - MAX_ROWS} more in the workflow run._`);
    }
    const lines = [];
    for (const { service, f } of ignored.slice(0, MAX_ROWS)) {
        lines.push(`**Skipped:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(f.rule)}${several ? ` (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(service)})` : ''} at ${where(f)}, ignored by ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .truncate */ .xv)(f.ignoredBy, MAX_MESSAGE), { links: false })}`);
    }
    for (const e of withDoctor) {
        const image = e.doctor.image;
        if (image === undefined)
            continue;
        const facts = [
            `user ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(image.user === undefined || image.user === '' ? 'root (unset)' : image.user)}`,
            ...(image.sizeBytes === undefined ? [] : [`${(0,_build_doctor_context_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(image.sizeBytes)} compressed`]),
        ];
        lines.push(`**Image${several ? ` of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(e.service)}` : ''}:** ${facts.join(' · ')}`);
    }
    if (lines.length > 0)
        parts.push(lines.join('\\\n'));
    parts.push(blocking
        ? '_`dockerfile_checks: error` stopped the run before the build._'
        : '_Rules and how to skip one: see the Dockerfile doctor in the README._');
    return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_3__/* .folded */ .TM)(summary, parts.join('\n\n'), blocking);
}


/***/ }),

/***/ 1765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HI: () => (/* binding */ renderStickyComment),
/* harmony export */   Ou: () => (/* binding */ nextHistory),
/* harmony export */   Ql: () => (/* binding */ commentMarker),
/* harmony export */   g8: () => (/* binding */ parseCommentState),
/* harmony export */   pI: () => (/* binding */ fitComment),
/* harmony export */   pk: () => (/* binding */ isStickyFor),
/* harmony export */   xg: () => (/* binding */ historyEntry)
/* harmony export */ });
/* unused harmony exports MAX_HISTORY, entryFor, renderHistoryLine, renderHistory, renderStateBlock, renderCommentBody */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/* harmony import */ var _markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51150);
/* harmony import */ var _markdown_report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25188);
/* harmony import */ var _run_report_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57330);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90687);
/**
 * The sticky PR comment: a hidden marker on the first line (how later runs find it), the current run
 * rendered as the job summary is (details folded unless something failed), earlier runs folded one line
 * each, and a hidden state block that carries the history from run to run as base64 JSON (so nothing in it
 * can close an HTML comment). The body always fits GitHub's size limit. Pure.
 */






/** How many earlier runs the comment keeps. */
const MAX_HISTORY = 10;
const STATE_PREFIX = '<!-- gcp-deploy:state ';
/** The hidden marker that identifies this service's sticky comment. */
function commentMarker(service) {
    return `<!-- gcp-deploy:preview service=${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .sanitiseMarkerValue */ .an)(service)} -->`;
}
/** True when the body is a sticky comment for this marker: the marker must open the body, not merely occur. */
function isStickyFor(body, marker) {
    return typeof body === 'string' && body.startsWith(`${marker}\n`);
}
/** A history entry from what a run came to; unset fields are left out, in this order (the state block is text). */
function historyEntry(fields) {
    const { state, verdict, at, sha, url, runUrl, revision } = fields;
    return {
        state,
        verdict,
        at,
        ...(sha === undefined ? {} : { sha }),
        ...(url === undefined ? {} : { url }),
        ...(runUrl === undefined ? {} : { runUrl }),
        ...(revision === undefined ? {} : { revision }),
    };
}
/** The history entry that stands for a report. */
function entryFor(report) {
    return historyEntry({
        state: report.state,
        verdict: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictOf */ .Vj)(report),
        at: report.startedAt,
        sha: report.commitSha,
        url: report.url,
        runUrl: report.runUrl,
        revision: report.revision,
    });
}
const STATES = new Set(_run_report_js__WEBPACK_IMPORTED_MODULE_4__/* .RUN_STATES */ .vP);
function toEntry(value) {
    if (typeof value !== 'object' || value === null)
        return null;
    const v = value;
    if (typeof v.state !== 'string' || !STATES.has(v.state) || typeof v.at !== 'string')
        return null;
    const entry = { state: v.state, at: v.at };
    if (typeof v.verdict === 'string' && _verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .VERDICT_KINDS */ .CX.has(v.verdict))
        entry.verdict = v.verdict;
    for (const key of ['sha', 'url', 'runUrl', 'revision']) {
        const field = v[key];
        if (typeof field === 'string')
            entry[key] = field;
    }
    return entry;
}
/** Reads the state block of an earlier comment; null when absent or unreadable (then history restarts). */
function parseCommentState(body) {
    const start = body.lastIndexOf(STATE_PREFIX);
    if (start < 0)
        return null;
    const end = body.indexOf(' -->', start);
    if (end < 0)
        return null;
    try {
        const json = JSON.parse(Buffer.from(body.slice(start + STATE_PREFIX.length, end), 'base64url').toString('utf8'));
        if (typeof json !== 'object' || json === null)
            return null;
        const { current, history } = json;
        const cur = toEntry(current);
        if (cur === null)
            return null;
        const entries = Array.isArray(history)
            ? history.map(toEntry).filter((e) => e !== null)
            : [];
        return { current: cur, history: entries.slice(0, MAX_HISTORY) };
    }
    catch {
        return null;
    }
}
/**
 * The history after this run: the previous comment's current run moves into history when it was another
 * workflow run (each progress update of the same run replaces the current entry instead). Newest first.
 */
function nextHistory(previous, report) {
    if (previous === null)
        return [];
    const sameRun = previous.current.runUrl !== undefined && previous.current.runUrl === report.runUrl;
    const history = sameRun ? previous.history : [previous.current, ...previous.history];
    return history.slice(0, MAX_HISTORY);
}
/** The verdict an entry from before verdicts stands for. */
const STATE_VERDICTS = {
    building: 'building',
    deploying: 'deploying',
    checking: 'checking',
    ready: 'ready',
    failed: 'failed',
    'rolled-back': 'rolled-back',
    removed: 'removed',
    promoted: 'promoted',
    skipped: 'skipped',
    cancelled: 'cancelled',
};
/**
 * One folded line for an earlier run. It links the commit and the run, not the preview: the tag's URL
 * serves whatever the tag points at now, and after cleanup nothing at all (`removed`).
 */
function renderHistoryLine(entry, opts = {}) {
    const parts = [(0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLabel */ .Id)(entry.verdict ?? STATE_VERDICTS[entry.state])];
    const commit = (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .commitLink */ .wn)(entry.sha, opts.repoUrl);
    if (commit !== undefined)
        parts.push(commit);
    if (entry.revision !== undefined)
        parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(entry.revision));
    if (entry.runUrl !== undefined)
        parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('run', entry.runUrl));
    parts.push((0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .formatTime */ .fU)(entry.at));
    if (opts.removed === true && entry.url !== undefined)
        parts.push('preview since removed');
    return `- ${parts.join(' · ')}`;
}
/** The history lines, newest first; entries older than a removal say that their preview is gone. */
function renderHistory(current, history, repoUrl) {
    let removed = (current.verdict ?? STATE_VERDICTS[current.state]) === 'removed';
    return history.map((entry) => {
        const line = renderHistoryLine(entry, { removed, repoUrl });
        if ((entry.verdict ?? STATE_VERDICTS[entry.state]) === 'removed')
            removed = true;
        return line;
    });
}
/** The hidden state block: base64url JSON, so nothing in it can close the HTML comment. */
function renderStateBlock(state) {
    return `${STATE_PREFIX}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')} -->`;
}
/** The marker alone on the first line, the body's paragraphs, the earlier runs folded, the state block last. */
function renderCommentBody(parts, body) {
    const { current, history } = parts;
    const paragraphs = [...body];
    if (history.length > 0) {
        const lines = renderHistory(current, history, parts.repoUrl);
        paragraphs.push((0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .folded */ .TM)(`Earlier runs (${history.length})`, lines.join('\n')));
    }
    paragraphs.push(renderStateBlock({ current, history: [...history] }));
    return `${parts.marker}\n${paragraphs.join('\n\n')}`;
}
/**
 * The size cap of a sticky comment, for every layout. `forms` are the run's body from the largest down
 * (full, compact, then any smaller); the earlier runs give way after the compact form, since the reader
 * came for this run. The smallest form is returned whatever its size: each layout cuts every untrusted
 * string in it to a bounded length, far below the limit.
 */
function fitComment(parts, forms, body) {
    const history = parts.history.slice(0, MAX_HISTORY);
    const tries = [
        ...forms.slice(0, 2).map((f) => ({ f, history })),
        ...forms.slice(1).map((f) => ({ f, history: [] })),
    ];
    return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .firstThatFits */ .eO)(tries, (t) => renderCommentBody({ ...parts, history: t.history }, body(t.f)), _markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .fitsComment */ .CX);
}
/** The whole comment body for the current report and the given earlier runs, within MAX_COMMENT_CHARS. */
function renderStickyComment(input) {
    const { report } = input;
    const ctx = input.ctx ?? {};
    // Largest first; each fallback keeps the marker, the verdict line, the links and the state block.
    return fitComment({
        marker: commentMarker(input.service),
        current: entryFor(report),
        history: input.history,
        repoUrl: ctx.repoUrl,
    }, [false, true], (compact) => [(0,_markdown_report_js__WEBPACK_IMPORTED_MODULE_2__/* .renderReport */ .B1)(report, ctx, { compact })]);
}


/***/ }),

/***/ 51150:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CX: () => (/* binding */ fitsComment),
/* harmony export */   GI: () => (/* binding */ noteLines),
/* harmony export */   Hy: () => (/* binding */ fitsSummary),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   T6: () => (/* binding */ whyLine),
/* harmony export */   TM: () => (/* binding */ folded),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   dO: () => (/* binding */ serviceCode),
/* harmony export */   eO: () => (/* binding */ firstThatFits),
/* harmony export */   fU: () => (/* binding */ formatTime),
/* harmony export */   h2: () => (/* binding */ MAX_MESSAGE),
/* harmony export */   ig: () => (/* binding */ leftOut),
/* harmony export */   rk: () => (/* binding */ noteLine),
/* harmony export */   sQ: () => (/* binding */ compactDuration),
/* harmony export */   tP: () => (/* binding */ headlineLine),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   wn: () => (/* binding */ commitLink),
/* harmony export */   zA: () => (/* binding */ failingFirst),
/* harmony export */   zB: () => (/* binding */ MAX_NAME)
/* harmony export */ });
/* unused harmony exports MAX_COMMENT_CHARS, MAX_SUMMARY_BYTES */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/**
 * The rules every layout of the comment and the job summary shares (one service, an environment of several,
 * and the sections inside them): how a duration and a time read, how a message or a note is cut and escaped,
 * how a commit is linked, what the first line says, how a section folds, and how a body gives way to fit a
 * size limit. Each rule lives here once, so the layouts cannot drift apart. Pure.
 */

/** How much of one server message or note a body shows; the rest is in the workflow log. */
const MAX_MESSAGE = 2000;
/** How much of a service name a body shows (Cloud Run allows 49 characters). */
const MAX_NAME = 63;
/** How many notes, and how much of each, a body that would not fit otherwise keeps. */
const COMPACT_NOTES = 10;
const COMPACT_MESSAGE = 300;
/** `850 ms`, `12.3 s`, `2 min 05 s`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return 'n/a';
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const totalSeconds = Math.round(ms / 1000);
    return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}
/** `12 s`, `850 ms`, `2 min 05 s`: whole seconds, as a table cell has little room. */
function compactDuration(ms) {
    if (Number.isFinite(ms) && ms >= 1000 && ms < 60_000)
        return `${Math.round(ms / 1000)} s`;
    return formatDuration(ms);
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2 Dec 2026, 17:01 UTC`: readable, with its time zone, the same for every reader and every runner. */
function formatTime(at) {
    const d = typeof at === 'string' ? new Date(at) : at;
    if (Number.isNaN(d.getTime()))
        return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(String(at));
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mm = String(d.getUTCMinutes()).padStart(2, '0');
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/** A GFM table; every cell must already be escaped for a table. */
function table(header, rows, align) {
    const row = (cells) => `| ${cells.join(' | ')} |`;
    return [row(header), row(align ?? header.map(() => '---')), ...rows.map(row)].join('\n');
}
/** Stable: failing items first, each group in its own order. */
function failingFirst(items, ok) {
    return [...items.filter((i) => !ok(i)), ...items.filter(ok)];
}
/** A folded section; `summary` must already be safe inside `<summary>`. */
function folded(summary, body, open = false) {
    return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', body, '', '</details>'].join('\n');
}
/** A commit's first 7 characters as code, linked to the commit when the repository is known. */
function commitLink(sha, repoUrl) {
    if (sha === undefined)
        return undefined;
    const code = (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(sha.slice(0, 7));
    if (repoUrl === undefined || !/^[0-9a-f]{7,64}$/i.test(sha))
        return code;
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .linkMarkdown */ .k9)(code, `${repoUrl}/commit/${sha}`);
}
/** A service name as a code span, one line, cut to a readable length. */
function serviceCode(name, inTable = false) {
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(name), MAX_NAME), { inTable });
}
/** The first line: verdict, link, short commit, steps, checks passed of total, duration and time updated. */
function headlineLine(h) {
    const parts = [`**${h.title}**`];
    if (h.slower !== undefined)
        parts.push(`**${h.slower}**`);
    if (h.link !== undefined)
        parts.push(h.link);
    const commit = commitLink(h.commitSha, h.repoUrl);
    if (commit !== undefined)
        parts.push(commit);
    if (h.steps !== undefined)
        parts.push(h.steps);
    if (h.tally.total > 0)
        parts.push(`${h.tally.passed}/${h.tally.total} checks passed`);
    const elapsed = h.now.getTime() - new Date(h.startedAt).getTime();
    if (Number.isFinite(elapsed) && elapsed >= 0)
        parts.push(`took ${formatDuration(elapsed)}`);
    parts.push(`updated ${formatTime(h.now)}`);
    return parts.join(' · ');
}
/** `**Why:** …`: why the run failed, escaped (`more` says where the rest of the message is). */
function whyLine(reason, more = '') {
    return `**Why:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(reason, MAX_MESSAGE))}${more}`;
}
/** `**Note:** …`: one of our notes (backticks quote commands), cut to `max`; `about` names whom it concerns. */
function noteLine(note, opts = {}) {
    const about = opts.about === undefined ? '' : `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(opts.about)}: `;
    return `**Note:** ${about}${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProseWithCode */ ._g)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(note, opts.max ?? MAX_MESSAGE))}`;
}
/**
 * The notes, one line each; `compact` (a body that would not fit otherwise) keeps the first few, shorter,
 * and says how many it left out.
 */
function noteLines(notes, compact = false) {
    const shown = compact ? notes.slice(0, COMPACT_NOTES) : notes;
    const lines = shown.map((n) => noteLine(n, { max: compact ? COMPACT_MESSAGE : MAX_MESSAGE }));
    const left = notes.length - shown.length;
    if (left > 0)
        lines.push(`_${plural(left, 'more note')} in the workflow run._`);
    return lines;
}
/** Said where a body gave up a part to stay within GitHub's size limit; `more` says where to look instead. */
function leftOut(what, more = '') {
    return `_${what} were left out to stay within GitHub's size limit${more}._`;
}
/**
 * The size cap, in one place: renders each form from the largest down and returns the first that fits;
 * the last form is returned even when it does not (every layout makes its last form small by construction).
 */
function firstThatFits(forms, render, fits) {
    let text = '';
    for (const form of forms) {
        text = render(form);
        if (fits(text))
            return text;
    }
    return text;
}
/** GitHub refuses an issue comment body longer than this. */
const MAX_COMMENT_CHARS = 65_536;
/** GitHub refuses a step summary larger than 1 MiB. */
const MAX_SUMMARY_BYTES = 1024 * 1024;
const fitsComment = (text) => text.length <= MAX_COMMENT_CHARS;
const fitsSummary = (text) => Buffer.byteLength(text, 'utf8') <= MAX_SUMMARY_BYTES;


/***/ }),

/***/ 25188:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ renderReport),
/* harmony export */   Uu: () => (/* binding */ checkRows),
/* harmony export */   XG: () => (/* binding */ renderSharing),
/* harmony export */   qE: () => (/* binding */ renderJobSummary),
/* harmony export */   u1: () => (/* binding */ checksTally),
/* harmony export */   v_: () => (/* binding */ phaseTotals)
/* harmony export */ });
/* unused harmony exports formatMeasured, renderChecksTable, renderPhasesLine, renderTrafficLine, renderCanaryLines, renderFactsLine, renderHeadline, renderServing, renderServicesTable, renderDetails */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);
/* harmony import */ var _markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51150);
/* harmony import */ var _run_report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(57330);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90687);
/* harmony import */ var _image_markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19037);
/* harmony import */ var _comparison_markdown_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(84911);
/**
 * Pure Markdown renderers for a RunReport, shared by the sticky PR comment and the job summary. A reader
 * takes the outcome in from the first line (verdict, link, commit, checks, duration, time); a services
 * table follows, and everything else is folded in one <details>, open when something failed, failing rows
 * first. Every value that could come from a PR or from a server is escaped here. The environment's layout
 * (environment-markdown.ts) is built from the same pieces: the check rows and their tally, the phase
 * totals, this whole report for each failing service; the rules both follow are in markdown-parts.ts.
 */






// The time format and the size limit are shared rules (markdown-parts.ts); these names are this module's API.

/** How much of a PR title and a branch name the comment shows (GitHub allows titles of 256 characters). */
const MAX_TITLE = 256;
const MAX_BRANCH = 120;
/** A threshold's measured value in the unit its aggregation implies: rates as percent, trends in ms. */
function formatMeasured(threshold) {
    const value = threshold.actual;
    if (value === null || !Number.isFinite(value))
        return 'n/a';
    const aggregation = threshold.expression.trim();
    if (aggregation.startsWith('rate'))
        return `${(value * 100).toFixed(2)} %`;
    if (aggregation.startsWith('count'))
        return String(Math.round(value));
    if (/duration|waiting|connecting|blocked|sending|receiving|tls_handshaking/.test(threshold.metric)) {
        return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
    }
    return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
/** The first 12 hex digits of `sha256:…`, enough to tell images apart at a glance. */
function shortDigest(digest) {
    const match = /^(sha256:)([0-9a-f]{12})[0-9a-f]*$/.exec(digest);
    return match ? `${match[1]}${match[2]}…` : digest;
}
/** Every check of a run, in the order they ran: the one source of the table, the tally and the summed cell. */
function checkRows(report) {
    const rows = [];
    const health = report.health;
    if (health !== undefined) {
        const tries = health.attempts === 1 ? '1 attempt' : `${health.attempts} attempts`;
        const measured = health.lastStatus === null
            ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(health.error ?? 'no answer', 300), { inTable: true })
            : `HTTP ${health.lastStatus}${health.timeToHealthyMs === null ? '' : ` after ${(0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(health.timeToHealthyMs)}`}`;
        rows.push({ kind: 'health', cells: ['health', 'HTTP 2xx', `${measured} (${tries})`], ok: health.ok });
    }
    for (const t of report.smoke?.thresholds ?? []) {
        rows.push({
            kind: 'threshold',
            cells: [
                (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.metric, { inTable: true }),
                (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(t.expression, { inTable: true }),
                (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(formatMeasured(t)),
            ],
            ok: t.ok,
        });
    }
    // Issue 31: the regression thresholds against the baseline are checks too (comparison-markdown.ts).
    rows.push(...(0,_comparison_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .regressionCheckRows */ .fJ)(report.comparison).map((r) => ({ kind: 'regression', ...r })));
    for (const c of report.smoke?.checks ?? []) {
        rows.push({
            kind: 'check',
            cells: [`check ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(c.name)}`, 'no failures', `${c.passes} passed, ${c.fails} failed`],
            ok: c.fails === 0,
        });
    }
    return rows;
}
/**
 * Checks passed and checks run: the health check, each threshold and each named check count one. Over
 * several reports (an environment's services), the sum.
 */
function checksTally(report) {
    const rows = (Array.isArray(report) ? report : [report]).flatMap((r) => checkRows(r));
    return { passed: rows.filter((r) => r.ok).length, total: rows.length };
}
/** Health, thresholds and named checks in one table, failing rows first; empty when nothing ran. */
function renderChecksTable(report) {
    const rows = (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .failingFirst */ .zA)(checkRows(report), (r) => r.ok);
    if (rows.length === 0)
        return '';
    const parts = [
        (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Check', 'Expected', 'Measured', 'Result'], rows.map((r) => [...r.cells, r.ok ? '✅' : '❌'])),
    ];
    if (report.smoke?.aborted === true)
        parts.push('_The smoke run was aborted early by a failing threshold._');
    return parts.join('\n\n');
}
/** Each phase once, in the order it first ran: its total time, whether every run of it passed, how many runs. */
function phaseTotals(report) {
    const byName = new Map();
    for (const p of report.phases) {
        const seen = byName.get(p.phase) ?? { ms: 0, ok: true, runs: 0 };
        byName.set(p.phase, { ms: seen.ms + p.durationMs, ok: seen.ok && p.ok, runs: seen.runs + 1 });
    }
    return [...byName.entries()];
}
/** Phases as one line, each name once with its total time (a promotion runs some several times), failing first. */
function renderPhasesLine(report) {
    if (report.phases.length === 0)
        return '';
    const entries = (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .failingFirst */ .zA)(phaseTotals(report), ([, v]) => v.ok);
    const total = report.phases.reduce((sum, p) => sum + p.durationMs, 0);
    const parts = entries.map(([name, v]) => `${v.ok ? '✅' : '❌'} ${name}${v.runs > 1 ? ` ×${v.runs}` : ''} ${(0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(v.ms)}`);
    return `**Phases:** ${parts.join(' · ')} · total ${(0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(total)}`;
}
/**
 * Traffic after a promote or rollback on one line, one entry per revision: those that serve traffic and the
 * one holding `prev_tag`. Other tags (every open PR's preview) are not production's business here.
 */
function renderTrafficLine(report) {
    if (report.traffic === undefined || report.traffic.length === 0)
        return '';
    const byRevision = new Map();
    for (const t of report.traffic) {
        const seen = byRevision.get(t.target) ?? { percent: 0, prev: false };
        byRevision.set(t.target, {
            percent: seen.percent + t.percent,
            prev: seen.prev || (t.tag !== undefined && t.tag === report.prevTag),
        });
    }
    const entries = [...byRevision.entries()]
        .filter(([, v]) => v.percent > 0 || v.prev)
        .sort(([, a], [, b]) => b.percent - a.percent)
        .map(([target, v]) => {
        const tag = v.prev && report.prevTag !== undefined ? ` (tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.prevTag)})` : '';
        return `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(target)} ${v.percent} %${tag}`;
    });
    return entries.length === 0 ? '' : `**Traffic now:** ${entries.join(' · ')}`;
}
/** The steps of a promotion, one line each, with the outcome of each check after it. */
function renderCanaryLines(report) {
    const steps = report.canary ?? [];
    if (steps.length === 0)
        return '';
    const mark = (ok) => (ok === undefined ? 'not run' : ok ? '✅' : '❌');
    return steps
        .map((s, i) => {
        const parts = [
            `**Step ${i + 1} of ${steps.length}:** ${s.ok ? '✅' : '❌'} ${s.percent} %`,
            `health ${mark(s.health)}`,
            `smoke ${mark(s.smoke)}`,
        ];
        if (s.errorRate !== undefined)
            parts.push(`error rate ${mark(s.errorRateOk)} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(s.errorRate)}`);
        return parts.join(' · ');
    })
        .join('\\\n');
}
/**
 * Key facts on one line: PR, branch, digest, revisions, tag, project (the service and region are in the
 * services table, the commit is linked on the first line).
 */
function renderFactsLine(report, ctx = {}) {
    const facts = [];
    if (report.prNumber !== undefined) {
        const title = ctx.prTitle === undefined ? '' : ` ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(ctx.prTitle, MAX_TITLE), { links: false })}`;
        facts.push(`PR \\#${report.prNumber}${title}`);
    }
    if (ctx.headRef !== undefined)
        facts.push(`branch ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(ctx.headRef, MAX_BRANCH))}`);
    if (report.digest !== undefined)
        facts.push(`image ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(shortDigest(report.digest))}`);
    if (report.revision !== undefined)
        facts.push(`revision ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.revision)}`);
    if (report.previousRevision !== undefined)
        facts.push(`before ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.previousRevision)}`);
    if (report.tag !== undefined)
        facts.push(`tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.tag)}`);
    if (report.preview !== undefined)
        facts.push(`preview ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(report.preview.profile)}`);
    facts.push(`project ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.project)}`);
    if (report.runUrl !== undefined)
        facts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('workflow run', report.runUrl));
    return `**Facts:** ${facts.join(' · ')}`;
}
function isProduction(report) {
    return report.command === 'promote' || report.command === 'rollback';
}
/** The link the first line offers: the preview when it serves this run, production after a promotion. */
function primaryLink(report, kind) {
    if (report.url === undefined)
        return undefined;
    if (kind === 'ready')
        return `**${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('Open preview ↗', report.url)}**`;
    if (kind === 'candidate-ready')
        return `**${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('Open candidate ↗', report.url)}**`;
    if (kind === 'promoted' || kind === 'production-rolled-back') {
        return `**${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)('Open production ↗', report.url)}**`;
    }
    return undefined;
}
/** The first line: verdict, link, short commit, checks passed of total, duration and time updated. */
function renderHeadline(report, ctx = {}) {
    const kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .verdictOf */ .Vj)(report);
    return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .headlineLine */ .tP)({
        title: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .verdictLabel */ .Id)(kind),
        // Issue 31: "slower than production" when the comparison found something worse (comparison-markdown.ts).
        slower: (0,_comparison_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .comparisonHeadline */ .Se)(report.comparison),
        link: primaryLink(report, kind),
        commitSha: report.commitSha,
        repoUrl: ctx.repoUrl,
        steps: report.canary !== undefined && report.canary.length > 0
            ? report.canary.map((s) => `${s.percent} %`).join(' → ')
            : undefined,
        tally: checksTally(report),
        startedAt: report.startedAt,
        now: ctx.now ?? new Date(),
    });
}
/** Which revision answers where after this run, in words; undefined when the first line says it all. */
function renderServing(report, kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .verdictOf */ .Vj)(report)) {
    const serving = servingWords(report, kind);
    // A service only previews used, deleted by this run: said where the reader looks first.
    if (report.serviceDeleted !== true)
        return serving;
    const gone = `Service ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service)} was deleted too: a preview created it and nothing was ever promoted.`;
    return serving === undefined ? gone : `${serving} ${gone}`;
}
function servingWords(report, kind) {
    const tag = report.tag === undefined ? 'the tag' : `tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.tag)}`;
    const rev = (r) => (r === undefined ? 'the earlier revision' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(r));
    const at = (label) => (report.url === undefined ? '' : `: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)(label, report.url)}`);
    const lastStep = report.canary?.at(-1);
    switch (kind) {
        case 'failed-to-start':
        case 'checks-failed':
        case 'failed':
            if (report.state === 'rolled-back' && report.url === undefined) {
                return `No preview: ${tag} was removed, as no earlier revision of this PR passed its checks.`;
            }
            if (report.state === 'rolled-back') {
                return `${tag} points back to ${rev(report.previousRevision)}, the last revision that passed${at('open it ↗')}.`;
            }
            if (report.url !== undefined && report.revision !== undefined) {
                return `${tag} still serves the failing revision ${rev(report.revision)}${at('open it ↗')}.`;
            }
            return `${tag} was not moved.`;
        case 'rolled-back':
            return `${tag} serves ${rev(report.previousRevision)} again, the last revision that passed${at('open it ↗')}.`;
        case 'build-failed':
        case 'deploy-failed':
            return `Nothing was deployed; ${tag} was not moved.`;
        case 'cancelled':
            return report.url === undefined
                ? `Stopped before a preview was ready; no preview serves ${tag}.`
                : `Stopped; ${tag} answers${at('open it ↗')}.`;
        case 'candidate-ready':
            return `${tag} serves the candidate ${rev(report.revision)} with no traffic; a release of this commit promotes it.`;
        case 'removed':
            if (report.removedWhy !== undefined)
                return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProseWithCode */ ._g)(report.removedWhy);
            return `The pull request was closed: ${tag} and its URL were removed.`;
        case 'cleanup-dry-run':
            return 'Nothing was removed (`dry_run`); the notes in the details list what a cleanup would remove.';
        case 'promoted':
            return `${rev(report.revision)} serves 100 % of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service)}; ${rev(report.previousRevision)} keeps ${report.prevTag === undefined ? 'its tag' : `tag ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.prevTag)}`} for a rollback.`;
        case 'promotion-stopped':
            return `Production traffic did not move: ${rev(report.previousRevision)} still serves it.`;
        case 'promotion-rolled-back':
            return `Stopped at ${lastStep === undefined ? 'a step' : `${lastStep.percent} %`}; traffic was restored: ${rev(report.previousRevision)} serves production again.`;
        case 'production-rolled-back':
            return `${rev(report.revision)} serves 100 % of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.service)} again, in place of ${rev(report.previousRevision)}.`;
        case 'production-rollback-failed':
            return report.state === 'rolled-back'
                ? `Traffic was restored: ${rev(report.previousRevision)} still serves production.`
                : 'Traffic may be split between revisions: see the traffic in the details.';
        default:
            return undefined;
    }
}
/** One row per service: status, URL, revision. */
function renderServicesTable(report, kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .verdictOf */ .Vj)(report)) {
    const v = _verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .VERDICTS */ .bk[kind];
    const production = isProduction(report);
    const label = production
        ? 'Visit production'
        : report.command === 'candidate'
            ? 'Visit candidate'
            : 'Visit preview';
    // Which revision the URL serves after a rollback is said in the line above the table.
    const url = report.url === undefined ? '–' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLink */ .o3)(label, report.url);
    const revision = report.revision === undefined ? '–' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .ti)(report.revision, { inTable: true });
    return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)([
        'Service',
        'Status',
        production ? 'Production' : report.command === 'candidate' ? 'Candidate' : 'Preview',
        'Revision',
    ], [
        [
            `${(0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceCode */ .dO)(report.service, true)} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(report.region)}`,
            `${v.symbol} ${v.title}`,
            url,
            revision,
        ],
    ]);
}
/**
 * What a preview shares with production, in view: one ⚠ line per inherited data connection (values with
 * credentials cut out), then what `shared` allows on purpose. Empty when it shares nothing.
 */
function renderSharing(report, prefix = '') {
    const p = report.preview;
    if (p === undefined)
        return '';
    const lines = p.sharedWithProduction.map((l) => `⚠ ${prefix}**Shared with production:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(l, _markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_MESSAGE */ .h2))}`);
    for (const l of p.sharedOnPurpose) {
        lines.push(`${prefix}**Shared on purpose** (\`shared\`): ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(l, _markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_MESSAGE */ .h2))}`);
    }
    return lines.join('\\\n');
}
/** Why the run failed: the first sentence in view, the rest of the message folded below. */
function splitReason(report) {
    if (report.failureReason === undefined)
        return undefined;
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .splitFirstSentence */ .W3)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(report.failureReason, _markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_MESSAGE */ .h2));
}
/**
 * The folded part: checks, canary steps, phases, traffic, facts and notes, failing rows first. `compact`
 * keeps only the facts, for a body that would not fit GitHub's limits otherwise.
 */
function renderDetails(report, ctx, opts) {
    const identity = report.preview?.productionIdentity;
    const notes = identity === undefined ? report.notes : [(0,_run_report_js__WEBPACK_IMPORTED_MODULE_5__/* .identityNote */ .XG)(identity), ...report.notes];
    if (opts.compact === true) {
        // Compacted as the environment's notes are: the first few, cut short, and how many were left out.
        const lines = [renderFactsLine(report, ctx), ...(0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .noteLines */ .GI)(notes, true)];
        return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .folded */ .TM)('Details: facts (the rest is in the workflow run)', [lines.join('\\\n'), '', (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .leftOut */ .ig)('The checks, phases and full messages')].join('\n'), opts.open);
    }
    const sections = [];
    const reason = splitReason(report);
    if (reason !== undefined && reason.rest !== '') {
        sections.push(`**Full message:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeProse */ .fd)(`${reason.first} ${reason.rest}`)}`);
    }
    const checks = renderChecksTable(report);
    if (checks !== '')
        sections.push(checks);
    const canary = renderCanaryLines(report);
    if (canary !== '')
        sections.push(canary);
    // Phases, traffic, facts and notes as lines of one paragraph: each is short, and margins add up.
    const traffic = renderTrafficLine(report);
    const lines = [renderPhasesLine(report), traffic, renderFactsLine(report, ctx)];
    for (const note of notes)
        lines.push((0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .noteLine */ .rk)(note));
    sections.push(lines.filter((l) => l !== '').join('\\\n'));
    const { passed, total } = checksTally(report);
    const what = [
        total > 0 ? `${total - passed === 0 ? 'all' : `${total - passed} failed of`} ${total} checks` : '',
    ]
        .concat(canary !== '' ? ['canary steps'] : [], ['phases'], traffic !== '' ? ['traffic'] : [], ['facts'])
        .filter((s) => s !== '');
    return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .folded */ .TM)(`Details: ${what.join(', ')}`, sections.join('\n\n'), opts.open);
}
/**
 * Everything the comment and the summary show for one run: the first line, where things stand, why it
 * failed, the services table and the folded details (open on failure, or always with `open`).
 */
function renderReport(report, ctx = {}, opts = {}) {
    const kind = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .verdictOf */ .Vj)(report);
    // One paragraph, lines joined by hard breaks: the verdict, where things stand and why read as one block.
    const lead = [renderHeadline(report, ctx)];
    const serving = renderServing(report, kind);
    if (serving !== undefined)
        lead.push(serving);
    const reason = splitReason(report);
    if (reason !== undefined) {
        lead.push((0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .whyLine */ .T6)(reason.first, reason.rest === '' ? '' : ' (full message below)'));
    }
    const sharing = renderSharing(report);
    // An environment shows one Image section for all its services, not one per failing member.
    const image = opts.compact === true || opts.image === false
        ? ''
        : (0,_image_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .renderImageSection */ .n)([{ service: report.service, doctor: report.doctor }]);
    return [
        lead.join('\\\n'),
        renderServicesTable(report, kind),
        ...(sharing === '' ? [] : [sharing]),
        // Issue 31: the preview against its baseline, folded unless something regressed.
        ...(report.comparison === undefined || opts.compact === true
            ? []
            : [(0,_comparison_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .renderComparisonSection */ .Bb)(report.comparison)]),
        renderDetails(report, ctx, { open: opts.open === true || (0,_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .isFailure */ .N6)(kind), compact: opts.compact }),
        ...(image === '' ? [] : [image]),
    ].join('\n\n');
}
/** The job summary: the comment's renderer with the details open, without marker or history, within 1 MiB. */
function renderJobSummary(report, ctx = {}) {
    return (0,_markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .firstThatFits */ .eO)([false, true], (compact) => `${renderReport(report, ctx, { open: true, compact })}\n`, _markdown_parts_js__WEBPACK_IMPORTED_MODULE_1__/* .fitsSummary */ .Hy);
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   W3: () => (/* binding */ splitFirstSentence),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   _g: () => (/* binding */ escapeProseWithCode),
/* harmony export */   aL: () => (/* binding */ escapeTableCell),
/* harmony export */   an: () => (/* binding */ sanitiseMarkerValue),
/* harmony export */   fd: () => (/* binding */ escapeProse),
/* harmony export */   k9: () => (/* binding */ linkMarkdown),
/* harmony export */   o3: () => (/* binding */ safeLink),
/* harmony export */   ti: () => (/* binding */ inlineCode),
/* harmony export */   v7: () => (/* binding */ safeHref),
/* harmony export */   vv: () => (/* binding */ linkLabel),
/* harmony export */   xv: () => (/* binding */ truncate),
/* harmony export */   yY: () => (/* binding */ neutraliseMentions)
/* harmony export */ });
/* unused harmony exports stripInvisible, neutraliseCommentDelimiters, escapeMarkdownPunctuation */
/**
 * Escaping for untrusted text (branch names, titles, commit messages, error text) placed into GitHub
 * Markdown. Everything here is pure. The goal is that such text renders as the literal characters it
 * holds: it can open no HTML element, close none of ours (`</details>`), start or end an HTML comment
 * (which would hide the rest of the comment or forge our marker), ping anyone, or break a table row.
 */
const ZERO_WIDTH_SPACE = '\u200B';
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/** Escapes the five HTML-significant characters, for text inside HTML elements or attributes. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
/**
 * Removes invisible format characters (Unicode category Cf): bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), zero-width spaces and joiners, the BOM, soft hyphens. In untrusted text
 * they can make a branch or title read differently from what it is; nothing we show needs them.
 */
function stripInvisible(text) {
    return text.replace(/\p{Cf}+/gu, '');
}
/** Collapses every kind of line break and control character into single spaces: one value, one line. */
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
    return stripInvisible(text).replace(controls, ' ').trim();
}
/** At most `max` characters (code points, so no surrogate pair is split), with `…` when cut. */
function truncate(text, max) {
    const chars = Array.from(text);
    return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
/** Breaks `@name` and `@org/team` mentions with a zero-width space so GitHub notifies nobody. */
function neutraliseMentions(text) {
    return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_SPACE}`);
}
/**
 * Breaks the HTML comment delimiters `<!--` and `-->` even where HTML is not interpreted (code spans),
 * so untrusted text can never forge or close the sticky comment's hidden marker in the raw body.
 */
function neutraliseCommentDelimiters(text) {
    let out = text;
    // Repeat: removing one delimiter can join the pieces of another (`<!<!----`).
    for (let previous = ''; previous !== out;) {
        previous = out;
        out = out.replace(/<!--/g, '<!-\u200B-').replace(/--(?=>)/g, `-${ZERO_WIDTH_SPACE}-`);
    }
    return out;
}
/** Backslash-escapes the characters that start Markdown constructs: emphasis, links, code, headings, tables. */
function escapeMarkdownPunctuation(text) {
    return text.replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}
/** Untrusted text as plain, literal, single-line Markdown text outside tables. */
function escapeText(text) {
    // Markdown first: HTML escaping adds `#` and `;` (`&#39;`) that must stay unescaped entities.
    return neutraliseMentions(escapeHtml(escapeMarkdownPunctuation(oneLine(text))));
}
/** escapeText for a piece of a line that is already one line: spaces at its ends are kept. */
function escapeInline(piece) {
    return neutraliseMentions(escapeHtml(escapeMarkdownPunctuation(piece)));
}
/** Untrusted text for one cell of a GFM table (pipes escaped, one line). */
function escapeTableCell(text) {
    // escapeText already escapes `|`; an empty cell still needs content to keep the column.
    const escaped = escapeText(text);
    return escaped === '' ? ' ' : escaped;
}
/**
 * Untrusted text as an inline code span: the fence is longer than any backtick run inside, and in a table
 * cell `|` is escaped (GFM splits cells before parsing code spans, even inside them).
 */
function inlineCode(text, opts = {}) {
    let body = neutraliseCommentDelimiters(oneLine(text));
    if (opts.inTable === true)
        body = body.replace(/\|/g, '\\|');
    if (body === '')
        return '` `';
    const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${body}${pad}${fence}`;
}
/**
 * An http(s) URL as a Markdown link destination, or undefined for anything else (a `javascript:` target
 * or a `)` that escapes the link syntax never lands).
 */
function safeHref(url) {
    if (url === undefined)
        return undefined;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return undefined;
    // URL serialisation percent-encodes spaces, quotes and angle brackets; parentheses are encoded by hand,
    // and `|`, which would end a table cell even inside a link target. `&` is written as the entity Markdown
    // decodes back to `&`, so `&lt;` in a query cannot turn into `<`.
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\|/g, '%7C').replace(/&/g, '&amp;');
}
/** A link whose text is untrusted and whose target must be an http(s) URL; otherwise escaped text alone. */
function safeLink(label, url) {
    return linkMarkdown(escapeText(label), url);
}
/** A link around Markdown that is already safe (a code span, escaped text); that Markdown alone when `url` is not http(s). */
function linkMarkdown(markdown, url) {
    const href = safeHref(url);
    return href === undefined ? markdown : `[${markdown}](${href})`;
}
/** http(s) URLs and `www.` hosts in running text, without the punctuation that usually ends a sentence. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
function trimUrl(match) {
    return match.replace(/[.,;:!?)\]}'"]+$/, '');
}
/** A short, readable label for a link to `href`: host and the start of the path. */
function linkLabel(href) {
    const path = href.pathname === '/' ? '' : href.pathname;
    return truncate(`${href.host}${path}`, 60);
}
/**
 * Untrusted prose (server error messages) as one line of Markdown text in which every http(s) URL becomes
 * a link with a short label and an exact target, and the rest is escaped text. Left to GFM's autolinker,
 * such URLs come out broken: the escapes escapeText adds (`\_`, `\#`, `&amp;`) would land inside them.
 * With `links: false` (PR titles) URLs become code spans: readable, copyable, never a link.
 */
function escapeProse(text, opts = {}) {
    const line = oneLine(text);
    const out = [];
    let last = 0;
    for (const match of line.matchAll(URL_IN_TEXT)) {
        const raw = trimUrl(match[0]);
        const start = match.index;
        out.push(escapeInline(line.slice(last, start)));
        last = start + raw.length;
        let href;
        try {
            href = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
        }
        catch {
            href = undefined;
        }
        if (opts.links === false || href === undefined || !/^https?:$/.test(href.protocol)) {
            out.push(inlineCode(raw, { inTable: opts.inTable }));
        }
        else {
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
function splitFirstSentence(text, max = 200) {
    const line = oneLine(text);
    // Dots inside URLs and names (`run.app`, `v1.2`) are not followed by a space, so they never end a sentence.
    const end = /[.!?](?=\s+["'(]?[A-Z])/.exec(line);
    const cut = end === null ? line.length : end.index + 1;
    if (cut <= max)
        return { first: line.slice(0, cut), rest: line.slice(cut).trim() };
    const chars = Array.from(line);
    return { first: `${chars.slice(0, max).join('')}…`, rest: `…${chars.slice(max).join('')}` };
}
/** A service name reduced to the characters allowed in the hidden marker. */
function sanitiseMarkerValue(value) {
    const cleaned = value.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-');
    return cleaned.replace(/-{2,}/g, '-').slice(0, 100) || 'default';
}
/**
 * Our own sentences that quote commands between single backticks (notes such as "open it with `gcp-deploy
 * proxy ...`"): each quoted part becomes a code span, the rest is escaped prose. Without this the backticks
 * came out escaped, as literal `\``. Untrusted text inside stays inert either way (inlineCode, escapeProse).
 */
function escapeProseWithCode(text, opts = {}) {
    const parts = oneLine(text).split('`');
    // An odd count of backticks leaves the last one unpaired: the whole text stays prose.
    if (parts.length % 2 === 0)
        return escapeProse(text, opts);
    const prose = (part) => {
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


/***/ }),

/***/ 62568:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jv: () => (/* binding */ timePhase),
/* harmony export */   aH: () => (/* binding */ markPhaseFailed),
/* harmony export */   bQ: () => (/* binding */ newReport),
/* harmony export */   kS: () => (/* binding */ setPhaseGroups)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);

let groups = true;
/** Log groups cannot nest or interleave: an environment running services in parallel turns them off. */
function setPhaseGroups(on) {
    groups = on;
}
/** Runs one phase inside a collapsible log group and records its duration and outcome on the report. */
async function timePhase(report, phase, fn) {
    const started = Date.now();
    const run = (f) => groups ? _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`${phase}`, f) : (_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${report.service}: ${phase}`), f());
    return run(async () => {
        try {
            const value = await fn();
            report.phases.push({ phase, durationMs: Date.now() - started, ok: true });
            return value;
        }
        catch (err) {
            report.phases.push({ phase, durationMs: Date.now() - started, ok: false });
            throw err;
        }
    });
}
/**
 * Marks the latest run of `phase` as failed: the call returned, but what it returned is the failure (a
 * revision that never became ready, a health or smoke run that failed), so the phases table shows ❌ there.
 */
function markPhaseFailed(report, phase) {
    const entry = report.phases.findLast((p) => p.phase === phase);
    if (entry !== undefined)
        entry.ok = false;
}
/** A fresh report for a run. */
function newReport(init) {
    return { state: 'deploying', phases: [], notes: [], startedAt: new Date().toISOString(), ...init };
}


/***/ }),

/***/ 18065:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uy: () => (/* binding */ failedThresholds),
  B7: () => (/* binding */ renderRunComment),
  qN: () => (/* binding */ renderRunSummary),
  ut: () => (/* binding */ runLink),
  qW: () => (/* binding */ runMarker)
});

// EXTERNAL MODULE: ./src/report/environment-report.ts
var environment_report = __webpack_require__(3970);
// EXTERNAL MODULE: ./src/report/image-markdown.ts
var image_markdown = __webpack_require__(19037);
// EXTERNAL MODULE: ./src/report/comparison-markdown.ts
var comparison_markdown = __webpack_require__(84911);
// EXTERNAL MODULE: ./src/report/markdown-comment.ts
var markdown_comment = __webpack_require__(1765);
// EXTERNAL MODULE: ./src/report/markdown-parts.ts
var markdown_parts = __webpack_require__(51150);
// EXTERNAL MODULE: ./src/report/markdown-report.ts
var markdown_report = __webpack_require__(25188);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/run-report.ts
var run_report = __webpack_require__(57330);
// EXTERNAL MODULE: ./src/report/verdict.ts
var verdict = __webpack_require__(90687);
;// CONCATENATED MODULE: ./src/report/environment-markdown.ts
/**
 * The sticky PR comment and the job summary for an environment run (several services, one report each).
 * Built like the single-service comment: a hidden marker on the first line, the verdict for the environment
 * as a whole, one table with a row per service (state, URL, checks, timings), why it failed and the notes,
 * the failing services' own reports folded below, and the hidden state block that carries earlier runs.
 * Every service name, URL, message and note is untrusted and goes through the escaping in markdown.ts. The
 * first line, notes, why, folding, history and size cap follow the single layout's rules (markdown-parts.ts,
 * markdown-comment.ts); the table's cells sum each service's check rows and phases (markdown-report.ts). Pure.
 */










/** A link target longer than this is shown as text: no real preview URL comes near it. */
const MAX_HREF = 2048;
/** A stage's symbol: the verdict's where the stage means the same, so one state reads one way everywhere. */
const STAGE_SYMBOLS = {
    queued: '🕒',
    building: verdict/* VERDICTS */.bk.building.symbol,
    pushing: '📦',
    waiting: '⏳',
    deploying: '🚀',
    ready: '🟢',
    checking: verdict/* VERDICTS */.bk.checking.symbol,
    passed: verdict/* VERDICTS */.bk.ready.symbol,
    reused: '♻️',
    failed: '❌',
    'rolled-back': verdict/* VERDICTS */.bk['rolled-back'].symbol,
    restored: '⏪',
    skipped: verdict/* VERDICTS */.bk.skipped.symbol,
    cancelled: verdict/* VERDICTS */.bk.cancelled.symbol,
    removed: verdict/* VERDICTS */.bk.removed.symbol,
    promoted: verdict/* VERDICTS */.bk.promoted.symbol,
};
/** Symbol and word for each stage of a service, as its row shows it (`rolled-back` reads `rolled back`). */
const STAGE_LABELS = Object.fromEntries(environment_report/* SERVICE_STAGES */.I.map((stage) => [stage, { symbol: STAGE_SYMBOLS[stage], word: stage.replace('-', ' ') }]));
/** The hidden marker that identifies this environment's sticky comment. */
function environmentMarker(environment) {
    return `<!-- gcp-deploy:preview environment=${(0,markdown/* sanitiseMarkerValue */.an)(environment)} -->`;
}
/** Untrusted text inside an HTML element of ours (`<summary>`): literal, one line, pinging nobody. */
function htmlText(text, max) {
    return (0,markdown/* neutraliseMentions */.yY)((0,markdown/* escapeHtml */.ZD)((0,markdown/* truncate */.xv)((0,markdown/* oneLine */.TN)(text), max)));
}
/** The member that made the environment fail: the first that failed or rolled back, else the first failing verdict. */
function failingMember(env) {
    return (env.members.find((m) => m.stage === 'failed' || m.stage === 'rolled-back') ??
        env.members.find((m) => (0,verdict/* isFailure */.N6)((0,verdict/* verdictOf */.Vj)(m.report))));
}
/** The preview URL that stands for the environment: the member named `primary`, else the first with a URL. */
function primaryUrl(env, primary) {
    const named = primary === undefined ? undefined : env.members.find((m) => m.name === primary);
    if (named !== undefined)
        return named.report.url;
    return env.members.find((m) => m.report.url !== undefined)?.report.url;
}
/**
 * The verdict for the environment in the single-service vocabulary (history lines and the state block use
 * it): a failure takes the verdict of the service that failed, so `🧱 Build failed` reads the same.
 */
function environmentVerdictOf(env) {
    const { state } = env;
    if (state === 'cancelled' || state === 'skipped' || state === 'removed')
        return state;
    if (env.command === 'cleanup')
        return state === 'ready' ? 'cleanup-dry-run' : 'failed';
    if (state === 'failed' || state === 'rolled-back') {
        const member = failingMember(env);
        const kind = member === undefined ? 'failed' : (0,verdict/* verdictOf */.Vj)(member.report);
        return (0,verdict/* isFailure */.N6)(kind) ? kind : 'failed';
    }
    if (state === 'promoted')
        return 'promoted';
    if (env.command === 'promote' || env.command === 'rollback')
        return state === 'ready' ? 'ready' : 'promoting';
    return state;
}
/** Stages after which a service's preview serves what this run wanted (or, restored, what it served before). */
const DONE = new Set(['passed', 'reused', 'ready', 'promoted']);
const RETURNED = new Set(['restored', 'rolled-back']);
/** The verdict in words for the whole environment: `✅ Environment ready (3 services)`. */
function environmentTitle(env) {
    const n = env.members.length;
    const services = (0,markdown_parts/* plural */.LS)(n, 'service');
    const kind = environmentVerdictOf(env);
    switch (kind) {
        case 'ready':
            return `✅ Environment ready (${services})`;
        case 'building':
        case 'deploying':
        case 'checking': {
            const done = env.members.filter((m) => DONE.has(m.stage)).length;
            return `${verdict/* VERDICTS */.bk[kind].symbol} ${verdict/* VERDICTS */.bk[kind].title}: ${done} of ${services} ready`;
        }
        case 'removed':
            return `🧹 Removed (${services})`;
        case 'promoted':
            return `🚢 Promoted to production (${services})`;
        case 'cancelled':
        case 'skipped':
        case 'cleanup-dry-run':
        case 'promoting':
            return (0,verdict/* verdictLabel */.Id)(kind);
        default: {
            const member = failingMember(env);
            const who = member === undefined ? 'The environment' : (0,markdown_parts/* serviceCode */.dO)(member.name);
            const returned = env.members.filter((m) => RETURNED.has(m.stage)).length;
            const tail = env.state === 'rolled-back' || (returned === n && n > 0)
                ? `all ${services} returned to their last good previews`
                : returned === 0
                    ? 'no other preview was changed'
                    : `${returned} of ${services} returned to their last good previews`;
            return `${verdict/* VERDICTS */.bk[kind].symbol} ${who} failed: ${tail}`;
        }
    }
}
/** The first line: the verdict, the linked commit, checks passed of total over all services, duration, time. */
function renderEnvironmentHeadline(env, ctx = {}) {
    return (0,markdown_parts/* headlineLine */.tP)({
        title: environmentTitle(env),
        // Issue 31: "slower than production" when any service's comparison found something worse.
        slower: env.members.map((m) => (0,comparison_markdown/* comparisonHeadline */.Se)(m.report.comparison)).find((w) => w !== undefined),
        commitSha: env.commitSha,
        repoUrl: ctx.repoUrl,
        tally: (0,markdown_report/* checksTally */.u1)(env.members.map((m) => m.report)),
        startedAt: env.startedAt,
        now: ctx.now ?? new Date(),
    });
}
/** Each phase once, in the order it first ran, with its total time; a failed phase is marked. */
function renderTimings(report) {
    const totals = (0,markdown_report/* phaseTotals */.v_)(report);
    if (totals.length === 0)
        return '—';
    return totals.map(([name, v]) => `${v.ok ? '' : '❌ '}${name} ${(0,markdown_parts/* compactDuration */.sQ)(v.ms)}`).join(' · ');
}
/**
 * The checks table (markdown-report.ts) summed in one cell: health ok or failed, thresholds passed and
 * failed, named checks that failed; `—` when nothing ran.
 */
function renderChecksCell(report) {
    const rows = (0,markdown_report/* checkRows */.Uu)(report);
    const of = (kind) => rows.filter((r) => r.kind === kind);
    const parts = of('health').map((r) => `health ${r.ok ? '✅' : '❌'}`);
    const thresholds = of('threshold');
    if (thresholds.length > 0) {
        const failed = thresholds.filter((t) => !t.ok).length;
        parts.push(failed === 0
            ? `thresholds ✅ ${thresholds.length} passed`
            : `thresholds ❌ ${failed} failed, ${thresholds.length - failed} passed`);
    }
    const failedChecks = of('check').filter((c) => !c.ok).length;
    if (failedChecks > 0)
        parts.push(`❌ ${(0,markdown_parts/* plural */.LS)(failedChecks, 'check')} failed`);
    if (report.smoke?.aborted === true)
        parts.push('aborted');
    return parts.length === 0 ? '—' : parts.join(' · ');
}
/**
 * The member's URL as a link labelled with its host; `—` when it has none or the tag was removed. A URL that
 * is not http(s), does not parse, or is absurdly long is shown as code, never linked.
 */
function urlCell(member) {
    const url = member.report.url;
    if (url === undefined || member.stage === 'removed')
        return '—';
    const href = (0,markdown/* safeHref */.v7)(url);
    const label = (0,markdown/* truncate */.xv)((0,markdown/* oneLine */.TN)(href === undefined ? url : (0,markdown/* linkLabel */.vv)(new URL(url))), 60);
    // safeLink escapes the label (pipes too); anything else is a code span, which GFM does not autolink.
    return href !== undefined && href.length <= MAX_HREF
        ? (0,markdown/* safeLink */.o3)(label, url)
        : (0,markdown/* inlineCode */.ti)(label, { inTable: true });
}
/** `❌ failed (checks)`: the stage, and for a failure the phase it failed in. */
function stageCell(member) {
    const label = STAGE_LABELS[member.stage];
    const phase = member.stage === 'failed' || member.stage === 'rolled-back' ? (0,verdict/* failedPhase */.ri)(member.report) : undefined;
    return `${label.symbol} ${label.word}${phase === undefined ? '' : ` (${phase})`}`;
}
function serviceCell(member) {
    const name = (0,markdown_parts/* serviceCode */.dO)(member.name, true);
    if (member.needs.length === 0)
        return name;
    const needs = member.needs.slice(0, 10).map((n) => (0,markdown_parts/* serviceCode */.dO)(n, true));
    return `${name} needs ${needs.join(', ')}${member.needs.length > 10 ? ', …' : ''}`;
}
/** One row per service, in dependency order: service, state, URL, checks, timings. */
function renderEnvironmentTable(env) {
    const rows = env.members.map((m) => [
        serviceCell(m),
        stageCell(m),
        urlCell(m),
        renderChecksCell(m.report),
        renderTimings(m.report),
    ]);
    return (0,markdown_parts/* table */.tp)(['Service', 'State', 'URL', 'Checks', 'Timings'], rows);
}
/** Members whose own report is worth reading in full: those that failed. */
function failingMembers(env) {
    return env.members.filter((m) => m.stage === 'failed' || m.stage === 'rolled-back' || (0,verdict/* isFailure */.N6)((0,verdict/* verdictOf */.Vj)(m.report)));
}
/** The lead paragraph: the verdict line, where production stands on a failure, and why. */
function renderLead(env, ctx) {
    const lines = [renderEnvironmentHeadline(env, ctx)];
    const kind = environmentVerdictOf(env);
    if ((0,verdict/* isFailure */.N6)(kind) && env.command === 'preview')
        lines.push('Production is untouched.');
    if (env.failureReason !== undefined)
        lines.push((0,markdown_parts/* whyLine */.T6)(env.failureReason));
    return lines.join('\\\n');
}
/** Each failing member's own report, folded under its name (open: it is what the reader came for). */
function renderMemberDetails(env, ctx, detail) {
    if (detail === 'none') {
        return failingMembers(env).length === 0
            ? []
            : [(0,markdown_parts/* leftOut */.ig)("The failing services' details", '; see the workflow run')];
    }
    return failingMembers(env).map((m) => (0,markdown_parts/* folded */.TM)(`${htmlText(m.name, markdown_parts/* MAX_NAME */.zB)}: ${(0,markdown/* escapeHtml */.ZD)((0,verdict/* verdictLabel */.Id)((0,verdict/* verdictOf */.Vj)(m.report)))}`, 
    // The preview's profile, identity and sharing are stated once, for every service, above; so is the
    // Image section.
    (0,markdown_report/* renderReport */.B1)({ ...m.report, preview: undefined }, ctx, {
        open: true,
        compact: detail === 'compact',
        image: false,
    }), true));
}
/**
 * Each preview's profile (once when every service has the same), the identity note, and what each shares
 * with production (⚠), named by service.
 */
function renderPreviews(env) {
    const previews = env.members.flatMap((m) => m.report.preview === undefined ? [] : [{ name: m.name, report: m.report, p: m.report.preview }]);
    if (previews.length === 0)
        return '';
    const profiles = new Set(previews.map((x) => x.p.profile));
    const lines = profiles.size === 1
        ? [`**Previews:** ${(0,markdown/* escapeProse */.fd)([...profiles][0] ?? '')}`]
        : previews.map((x) => `**Preview** ${(0,markdown/* inlineCode */.ti)(x.name)}: ${(0,markdown/* escapeProse */.fd)(x.p.profile)}`);
    for (const x of previews) {
        if (x.p.productionIdentity !== undefined) {
            lines.push((0,markdown_parts/* noteLine */.rk)((0,run_report/* identityNote */.XG)(x.p.productionIdentity), { about: x.name }));
        }
    }
    for (const x of previews) {
        const sharing = (0,markdown_report/* renderSharing */.XG)(x.report, `${(0,markdown/* inlineCode */.ti)(x.name)} `);
        if (sharing !== '')
            lines.push(sharing);
    }
    return lines.join('\\\n');
}
/** Lead, table, notes and the failing services' details, as the comment and the summary share them. */
function renderBody(env, ctx, detail) {
    const parts = [renderLead(env, ctx), renderEnvironmentTable(env)];
    const previews = renderPreviews(env);
    if (previews !== '')
        parts.push(previews);
    const notes = detail === 'none' ? '' : (0,markdown_parts/* noteLines */.GI)(env.notes, detail === 'compact').join('\\\n');
    if (notes !== '')
        parts.push(notes);
    parts.push(...renderMemberDetails(env, ctx, detail));
    // Issue 31: each service against its own baseline (comparison-markdown.ts); a failing service's own
    // details (renderMemberDetails) already carry its table.
    if (detail !== 'none') {
        const failing = new Set(failingMembers(env));
        for (const m of env.members.filter((x) => !failing.has(x))) {
            const section = (0,comparison_markdown/* renderComparisonSection */.Bb)(m.report.comparison, m.name);
            if (section !== '')
                parts.push(section);
        }
    }
    const image = detail === 'none'
        ? ''
        : (0,image_markdown/* renderImageSection */.n)(env.members.map((m) => ({ service: m.name, doctor: m.report.doctor })));
    if (image !== '')
        parts.push(image);
    return parts;
}
/** The history entry that stands for an environment run. */
function environmentEntryFor(env, primary) {
    return (0,markdown_comment/* historyEntry */.xg)({
        state: env.state,
        verdict: environmentVerdictOf(env),
        at: env.startedAt,
        sha: env.commitSha,
        url: primaryUrl(env, primary),
        runUrl: env.runUrl,
    });
}
/**
 * The whole comment body for the environment and its earlier runs (newest first, as nextHistory gives them),
 * within MAX_COMMENT_CHARS: history, the failing services' checks and the notes give way first.
 */
function renderEnvironmentComment(input) {
    const { env } = input;
    const ctx = input.ctx ?? {};
    const current = environmentEntryFor(env, input.primary);
    // Every cell of the table and the reason are cut to bounded lengths: `none` is far below the limit.
    return (0,markdown_comment/* fitComment */.pI)({ marker: environmentMarker(env.name), current, history: input.history, repoUrl: ctx.repoUrl }, ['full', 'compact', 'none'], (detail) => renderBody(env, ctx, detail));
}
/** The job summary: the comment's content without marker, history or state, within GitHub's 1 MiB. */
function renderEnvironmentSummary(env, ctx = {}) {
    return (0,markdown_parts/* firstThatFits */.eO)(['full', 'compact', 'none'], (detail) => `${renderBody(env, ctx, detail).join('\n\n')}\n`, markdown_parts/* fitsSummary */.Hy);
}

;// CONCATENATED MODULE: ./src/report/run-comment.ts



/** The service of a single-service run; undefined for an environment. */
function alone(run) {
    const only = run.members[0];
    return run.single === true && only !== undefined ? only : undefined;
}
/** The marker the run's sticky comment opens with (found and updated in place by it). */
function runMarker(run) {
    const one = alone(run);
    return one !== undefined ? (0,markdown_comment/* commentMarker */.Ql)(one.name) : environmentMarker(run.name);
}
/** The run's PR comment; `previous` is what the comment said before (its history), null for a new one. */
function renderRunComment(input) {
    const { run, previous, ctx } = input;
    const one = alone(run);
    if (one !== undefined) {
        const history = (0,markdown_comment/* nextHistory */.Ou)(previous, one.report);
        return (0,markdown_comment/* renderStickyComment */.HI)({ service: one.name, report: one.report, history, ctx });
    }
    const history = (0,markdown_comment/* nextHistory */.Ou)(previous, run);
    return renderEnvironmentComment({ env: run, history, ctx, primary: input.primary });
}
/** The run's job summary: the same tables as its comment. */
function renderRunSummary(run, ctx = {}) {
    const one = alone(run);
    return one !== undefined ? (0,markdown_report/* renderJobSummary */.qE)(one.report, ctx) : renderEnvironmentSummary(run, ctx);
}
/** Each failed threshold of the run, by service (a single service's lines name no service). */
function failedThresholds(run) {
    const prefix = (name) => (alone(run) !== undefined ? '' : `${name}: `);
    return run.members.flatMap((m) => (m.report.smoke?.thresholds ?? [])
        .filter((t) => !t.ok)
        .map((t) => `${prefix(m.name)}${t.metric}: ${t.expression} failed (measured ${t.actual ?? 'n/a'})`));
}
/** What the run's GitHub deployment links and says, and what its commit status is named and carries. */
function runLink(run, primary) {
    const one = alone(run);
    if (one !== undefined) {
        const { report } = one;
        return {
            url: report.url,
            state: report.state,
            description: `gcp-deploy ${report.command} of ${one.name}`,
            status: report,
            name: one.name,
        };
    }
    const url = primaryUrl(run, primary);
    return {
        url,
        state: run.state,
        description: `gcp-deploy ${run.command} of ${run.name} (${run.members.length} services)`,
        status: { ...run, url },
        name: run.name,
    };
}


/***/ }),

/***/ 90687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CX: () => (/* binding */ VERDICT_KINDS),
/* harmony export */   Id: () => (/* binding */ verdictLabel),
/* harmony export */   N6: () => (/* binding */ isFailure),
/* harmony export */   Vj: () => (/* binding */ verdictOf),
/* harmony export */   bk: () => (/* binding */ VERDICTS),
/* harmony export */   ri: () => (/* binding */ failedPhase)
/* harmony export */ });
/** Symbol and words for each verdict; every verdict has its own symbol. */
const VERDICTS = {
    building: { symbol: '🏗️', title: 'Building' },
    deploying: { symbol: '⏳', title: 'Deploying' },
    checking: { symbol: '🔎', title: 'Checking' },
    ready: { symbol: '✅', title: 'Preview ready' },
    'candidate-ready': { symbol: '🎯', title: 'Candidate ready' },
    'build-failed': { symbol: '🧱', title: 'Build failed' },
    'deploy-failed': { symbol: '⛔', title: 'Deploy failed' },
    'failed-to-start': { symbol: '💥', title: 'Failed to start' },
    'checks-failed': { symbol: '❌', title: 'Checks failed' },
    'rolled-back': { symbol: '↩️', title: 'Checks failed, rolled back' },
    failed: { symbol: '⚠️', title: 'Failed' },
    cancelled: { symbol: '⏹️', title: 'Cancelled' },
    removed: { symbol: '🧹', title: 'Preview removed' },
    'cleanup-dry-run': { symbol: '📝', title: 'Cleanup dry run, nothing removed' },
    skipped: { symbol: '⏭️', title: 'Skipped' },
    promoting: { symbol: '🚦', title: 'Promoting' },
    promoted: { symbol: '🚢', title: 'Promoted to production' },
    'promotion-stopped': { symbol: '🛑', title: 'Promotion stopped, production unchanged' },
    'promotion-rolled-back': { symbol: '⏪', title: 'Promotion rolled back' },
    'production-rolled-back': { symbol: '⏮️', title: 'Production rolled back' },
    'production-rollback-failed': { symbol: '🚨', title: 'Production rollback failed' },
};
const VERDICT_KINDS = new Set(Object.keys(VERDICTS));
/** The first phase that failed, if any. */
function failedPhase(report) {
    return report.phases.find((p) => !p.ok)?.phase;
}
function previewFailure(report) {
    const phase = failedPhase(report);
    if (phase === 'build' || phase === 'push')
        return 'build-failed';
    // A revision exists once the deploy call answered: then it was the revision that did not start.
    if (phase === 'deploy')
        return report.revision === undefined ? 'deploy-failed' : 'failed-to-start';
    if (phase === 'ready' || phase === 'health' || phase === 'checks') {
        return report.state === 'rolled-back' && report.url !== undefined ? 'rolled-back' : 'checks-failed';
    }
    return 'failed';
}
/** The verdict for a report. */
function verdictOf(report) {
    const { state } = report;
    if (state === 'cancelled' || state === 'skipped' || state === 'removed')
        return state;
    // A cleanup dry run ends `ready`: what it would remove is in its notes, and the preview still serves.
    if (report.command === 'cleanup')
        return state === 'ready' ? 'cleanup-dry-run' : 'failed';
    if (report.command === 'promote' || report.command === 'rollback') {
        const rollback = report.command === 'rollback';
        if (state === 'promoted')
            return rollback ? 'production-rolled-back' : 'promoted';
        if (state === 'rolled-back')
            return rollback ? 'production-rollback-failed' : 'promotion-rolled-back';
        if (state === 'failed') {
            if (rollback)
                return 'production-rollback-failed';
            // Traffic never moved when no canary step started.
            return report.canary === undefined || report.canary.length === 0 ? 'promotion-stopped' : 'failed';
        }
        if (state === 'ready')
            return 'ready';
        return 'promoting';
    }
    // A candidate is checked like a preview but is the release-to-be, not a PR's preview.
    if (state === 'ready' && report.command === 'candidate')
        return 'candidate-ready';
    if (state === 'building' || state === 'deploying' || state === 'checking' || state === 'ready')
        return state;
    if (state === 'promoted')
        return 'promoted';
    return previewFailure(report);
}
/** True for the verdicts that mean something went wrong: their details open. */
function isFailure(kind) {
    return [
        'build-failed',
        'deploy-failed',
        'failed-to-start',
        'checks-failed',
        'rolled-back',
        'failed',
        'promotion-stopped',
        'promotion-rolled-back',
        'production-rollback-failed',
    ].includes(kind);
}
/** `✅ Preview ready`. */
function verdictLabel(kind) {
    const v = VERDICTS[kind];
    return `${v.symbol} ${v.title}`;
}


/***/ }),

/***/ 44758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d_: () => (/* binding */ LABEL),
/* harmony export */   u9: () => (/* binding */ MANAGED),
/* harmony export */   wB: () => (/* binding */ REVISION_ANNOTATION),
/* harmony export */   yF: () => (/* binding */ isManaged)
/* harmony export */ });
/* unused harmony export MANAGED_BY */
/**
 * The label keys the action puts on the revisions it makes, declared once: cleanup, promotion, reuse and
 * the sweeps find what is the action's own by these, so a typo in one place would strand a preview.
 */
/** Every revision the action makes carries `managed-by: gcp-deploy`. */
const MANAGED_BY = 'managed-by';
const MANAGED = { [MANAGED_BY]: 'gcp-deploy' };
/** Whose revision it is and what it was made from. */
const LABEL = {
    /** The PR a preview revision serves. */
    pr: 'gcp-deploy-pr',
    /** `candidate` (a default-branch commit) or `release` (a promotion). */
    kind: 'gcp-deploy-kind',
    /** The commit it was built from (lowercase, up to 40 hex). */
    sha: 'gcp-deploy-sha',
    /** The hash of the settings that shaped it apart from the image (idempotent re-runs). */
    config: 'gcp-deploy-config',
    /** The digest of its build inputs (build-inputs.ts): an unchanged service reuses its image. */
    inputs: 'gcp-deploy-inputs',
    /** A release revision's source: the revision, its tag and its PR. */
    from: 'gcp-deploy-from',
    fromTag: 'gcp-deploy-from-tag',
    fromPr: 'gcp-deploy-from-pr',
};
/**
 * Annotations the action puts on a revision it makes: what the run found, for a later run to tell without
 * reading it again. Never carried into another revision's template (template-merge.ts).
 */
const REVISION_ANNOTATION = {
    /** A preview's facts (PreviewFacts, as JSON): profile, identity and production's data connections it shares. */
    previewFacts: 'gcp-deploy.preview-facts',
};
/** Whether the action made this revision (its `managed-by` label says so). */
function isManaged(labels) {
    return labels[MANAGED_BY] === MANAGED[MANAGED_BY];
}


/***/ })

};
