export const id = 297;
export const ids = [297];
export const modules = {

/***/ 56314:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gz: () => (/* binding */ metadataPathFor),
/* harmony export */   Ip: () => (/* binding */ MAX_ARCHIVE_BYTES),
/* harmony export */   Vj: () => (/* binding */ parseArchiveMetadata),
/* harmony export */   rI: () => (/* binding */ METADATA_VERSION),
/* harmony export */   yy: () => (/* binding */ metadataMismatches)
/* harmony export */ });
/* unused harmony exports MAX_METADATA_BYTES, ArchiveMetadataSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9691);
/**
 * The metadata a fork's `command: build` writes beside its OCI archive, and the rules the privileged
 * workflow_run job applies before pushing it. The file comes from an unprivileged run of the fork's code,
 * so it is untrusted: every field is checked against what the API says about the run, and the archive's own
 * manifest, before anything is pushed. Pure, so tables test it.
 */

const METADATA_VERSION = 1;
/** The largest archive the privileged job reads: Cloud Run images are rarely past a few GB. */
const MAX_ARCHIVE_BYTES = 10 * 1024 ** 3;
/** The metadata is a few hundred bytes; anything big is not ours. */
const MAX_METADATA_BYTES = 16 * 1024;
const SHA = /^[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const ArchiveMetadataSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(METADATA_VERSION),
    pr: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive(),
    head_sha: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(SHA),
    service: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(/^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/),
    /** build-inputs.ts's digest of the context, Dockerfile and arguments the image was built from. */
    build_inputs: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(/^[0-9a-f]{16}$/),
    /** The image config's digest: the image's identity whatever manifest carries it. */
    config_digest: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(DIGEST),
    /** The archive's file name beside this file. */
    archive: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(/^[A-Za-z0-9._-]{1,200}$/),
})
    .strict();
/** Where the metadata goes: beside the archive, so one artifact carries both. */
function metadataPathFor(archivePath) {
    return `${archivePath}.json`;
}
/** Parses the metadata text; the message names what is wrong, never echoing more than a field's name. */
function parseArchiveMetadata(text) {
    if (text.length > MAX_METADATA_BYTES) {
        throw new Error(`the metadata is ${text.length} bytes, more than ${MAX_METADATA_BYTES}`);
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new Error('the metadata is not JSON');
    }
    const parsed = ArchiveMetadataSchema.safeParse(json);
    if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(top level)'))];
        throw new Error(`the metadata has bad or missing fields: ${fields.join(', ')}`);
    }
    return parsed.data;
}
/** Every way the metadata disagrees with what is known; empty when it may be pushed. */
function metadataMismatches(meta, expected) {
    const out = [];
    if (meta.pr !== expected.pr)
        out.push(`it names PR #${meta.pr}, the run is for PR #${expected.pr}`);
    if (meta.head_sha !== expected.headSha) {
        out.push(`it names commit ${meta.head_sha}, the run built ${expected.headSha}`);
    }
    if (meta.service !== expected.service) {
        out.push(`it names service ${meta.service}, this step deploys ${expected.service}`);
    }
    if (meta.config_digest !== expected.configDigest) {
        out.push(`its image config ${meta.config_digest} is not the archive's ${expected.configDigest}`);
    }
    if (meta.archive !== expected.archiveName) {
        out.push(`it describes ${meta.archive}, not ${expected.archiveName}`);
    }
    return out;
}


/***/ }),

/***/ 10156:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jv: () => (/* binding */ buildahPushArgs),
/* harmony export */   gE: () => (/* binding */ dockerBuildArgs),
/* harmony export */   kV: () => (/* binding */ dockerPushArgs),
/* harmony export */   w$: () => (/* binding */ buildxArgs),
/* harmony export */   zW: () => (/* binding */ buildahBuildArgs)
/* harmony export */ });
function common(i, opts) {
    const args = [];
    if (i.dockerfile)
        args.push('--file', i.dockerfile);
    if (i.target)
        args.push('--target', i.target);
    if (i.platform)
        args.push('--platform', i.platform);
    for (const [k, v] of Object.entries(i.buildArgs))
        args.push('--build-arg', `${k}=${v}`);
    if (opts.secrets)
        for (const [id, src] of Object.entries(i.secretFiles))
            args.push('--secret', `id=${id},src=${src}`);
    for (const [k, v] of Object.entries(i.labels))
        args.push('--label', `${k}=${v}`);
    for (const r of i.refs)
        args.push('--tag', r);
    return args;
}
/** `docker buildx build ... --push`: the digest comes back through the metadata file. */
function buildxArgs(i, c, metadataFile) {
    const args = ['buildx', 'build', ...common(i, { secrets: true })];
    const insecure = c.insecure ? ',registry.insecure=true' : '';
    if (c.cache === 'registry') {
        args.push('--cache-from', `type=registry,ref=${c.cacheRef}${insecure}`);
        if (c.cacheExport === 'registry') {
            // mode=max caches every stage of a multi-stage build; ignore-error keeps a cache failure from failing the build.
            args.push('--cache-to', `type=registry,ref=${c.cacheRef},mode=max,ignore-error=true${insecure}`);
        }
        else {
            args.push('--cache-to', 'type=inline');
        }
    }
    else if (c.cache === 'gha') {
        args.push('--cache-from', `type=gha,scope=${c.ghaScope}`);
        args.push('--cache-to', `type=gha,scope=${c.ghaScope},mode=max,ignore-error=true`);
    }
    // Provenance attestations would turn the result into an index; a plain manifest keeps the digest simple.
    args.push('--provenance=false', '--output', `type=image,push=true${insecure}`);
    args.push('--metadata-file', metadataFile, i.context);
    return args;
}
/** `docker build` with BuildKit (inline cache) or the legacy builder; returns the env it needs too. */
function dockerBuildArgs(i, opts) {
    // The legacy builder has no --secret; the caller refuses secrets before getting here.
    const args = ['build', ...common(i, { secrets: opts.buildkit })];
    if (opts.cacheFrom) {
        // Inline cache metadata lets the next BuildKit build reuse layers straight from the registry.
        if (opts.buildkit)
            args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
        args.push('--cache-from', opts.cacheFrom);
    }
    args.push(i.context);
    return { args, env: { DOCKER_BUILDKIT: opts.buildkit ? '1' : '0' } };
}
/** `docker push <ref>`. */
function dockerPushArgs(ref) {
    return ['push', ref];
}
/** `buildah build --layers`, with the registry as layer cache when `cacheRepo` is given. */
function buildahBuildArgs(i, opts) {
    const args = ['build', '--layers', ...common(i, { secrets: true })];
    if (opts.cacheRepo) {
        args.push('--cache-from', opts.cacheRepo);
        if (opts.cacheTo)
            args.push('--cache-to', opts.cacheRepo);
    }
    if (!opts.tlsVerify)
        args.push('--tls-verify=false');
    args.push(i.context);
    return args;
}
/** `buildah push` of a local image to the same reference, writing the pushed digest to a file. */
function buildahPushArgs(ref, digestFile, tlsVerify) {
    const args = ['push', '--digestfile', digestFile];
    if (!tlsVerify)
        args.push('--tls-verify=false');
    args.push(ref, `docker://${ref}`);
    return args;
}


/***/ }),

/***/ 21140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ buildInputsDigest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * A digest of everything a build reads: the context's files (paths, modes and bytes), the Dockerfile, the
 * build arguments, target and platform. Two builds with the same digest make the same image, so an
 * environment's unchanged service reuses its image instead of building again. Conservative by design: a
 * file the .dockerignore drops still counts, so a change there rebuilds, never the other way round.
 */



function walk(dir, rel, hash) {
    const entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
        if (rel === '' && e.name === '.git')
            continue;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, e.name);
        const name = rel === '' ? e.name : `${rel}/${e.name}`;
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.lstatSync)(path);
        if (st.isDirectory()) {
            hash.update(`d ${name}\0`);
            walk(path, name, hash);
        }
        else if (st.isSymbolicLink()) {
            hash.update(`l ${name} ${(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)(path)}\0`);
        }
        else if (st.isFile()) {
            hash.update(`f ${name} ${(st.mode & 0o111) !== 0 ? 'x' : '-'} ${st.size}\0`);
            hash.update((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path));
        }
    }
}
/** 16 hex digits: short enough for a revision label, long enough that a collision is not a concern. */
function buildInputsDigest(build) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    if (build.prebuiltImage !== undefined) {
        hash.update(`image ${build.prebuiltImage}`);
        return hash.digest('hex').slice(0, 16);
    }
    const context = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(build.context);
    walk(context, '', hash);
    // As checkBuildContext reads it: a `dockerfile` input is relative to the workspace, not the context.
    const dockerfile = build.dockerfile === undefined ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(context, 'Dockerfile') : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(build.dockerfile);
    hash.update('\0dockerfile\0');
    hash.update((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(dockerfile));
    hash.update(JSON.stringify({
        target: build.target ?? null,
        platform: build.platform ?? null,
        args: Object.entries(build.buildArgs).sort(),
        secrets: Object.keys(build.buildSecrets).sort(),
    }));
    return hash.digest('hex').slice(0, 16);
}


/***/ }),

/***/ 96907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ chooseBuilder)
/* harmony export */ });
/* unused harmony export driverCanExportCache */
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22156);

/** Drivers whose BuildKit can export a cache to a registry (`docker` cannot). */
function driverCanExportCache(driver) {
    return driver === 'docker-container' || driver === 'kubernetes' || driver === 'remote';
}
function describeBuildx(p) {
    if (!p.buildx)
        return `${p.binary}: no buildx`;
    return `${p.binary}: buildx ${p.buildx.version} driver ${p.buildx.driver ?? 'unknown'}${driverCanExportCache(p.buildx.driver) ? '' : ' cannot export a registry cache'}`;
}
/** Picks the builder from probe results: buildx with a cache-exporting driver, else docker BuildKit, else buildah, else the legacy docker builder. */
function chooseBuilder(requested, probes) {
    const withDaemon = probes.docker.filter((p) => p.daemon);
    const buildxFull = withDaemon.find((p) => p.buildx && driverCanExportCache(p.buildx.driver));
    const buildxAny = withDaemon.find((p) => p.buildx);
    const buildkit = withDaemon.find((p) => p.buildkit);
    const legacy = withDaemon[0];
    const noDaemon = probes.docker.length > 0 && withDaemon.length === 0;
    const dockerSummary = probes.docker.length === 0
        ? 'no docker CLI found'
        : noDaemon
            ? 'docker cannot reach a daemon'
            : withDaemon.map(describeBuildx).join('; ');
    const buildahSummary = probes.buildah ? 'buildah available' : 'buildah not found';
    const buildx = (p, why) => {
        const exportable = driverCanExportCache(p.buildx?.driver);
        return {
            builder: 'buildx',
            dockerBinary: p.binary,
            cacheExport: exportable ? 'registry' : 'inline',
            reason: `builder: buildx (${p.binary}, driver ${p.buildx?.driver ?? 'unknown'}, ${exportable ? 'registry cache mode=max' : 'inline cache only'}) ${why}`,
        };
    };
    const docker = (p, why) => ({
        builder: 'docker',
        dockerBinary: p.binary,
        buildkit: p.buildkit,
        reason: p.buildkit
            ? `builder: docker BuildKit (${p.binary}, inline cache) ${why}`
            : `builder: docker legacy builder (${p.binary}; fallback: registry cache is a pull + --cache-from, final stage only) ${why}`,
    });
    const buildah = (why) => ({
        builder: 'buildah',
        reason: `builder: buildah (--layers, registry cache via --cache-from/--cache-to) ${why}`,
    });
    switch (requested) {
        case 'buildx':
            if (buildxAny)
                return buildx(buildxFull ?? buildxAny, '(asked for)');
            throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`Input 'builder': got "buildx" but it does not work here (${dockerSummary}); allowed: auto, docker, buildah.`, 'builder');
        case 'docker':
            if (buildkit)
                return docker(buildkit, '(asked for)');
            if (legacy)
                return docker(legacy, '(asked for; no docker CLI here runs BuildKit)');
            throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`Input 'builder': got "docker" but it does not work here (${dockerSummary}); allowed: auto, buildx, buildah.`, 'builder');
        case 'buildah':
            if (probes.buildah)
                return buildah('(asked for)');
            throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`Input 'builder': got "buildah" but buildah is not installed; allowed: auto, buildx, docker.`, 'builder');
        case 'auto':
            if (buildxFull)
                return buildx(buildxFull, `(auto; ${buildahSummary})`);
            if (buildkit)
                return docker(buildkit, `(auto; buildx: ${dockerSummary}; ${buildahSummary})`);
            if (probes.buildah)
                return buildah(`(auto; docker: ${dockerSummary}, no BuildKit)`);
            if (legacy)
                return docker(legacy, `(auto; no buildx, no BuildKit, ${buildahSummary})`);
            throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`Input 'builder': got "auto" but no builder works here (${dockerSummary}; ${buildahSummary}); install docker or buildah.`, 'builder');
    }
}


/***/ }),

/***/ 24140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bD: () => (/* binding */ probeBuilders),
/* harmony export */   xd: () => (/* binding */ dockerCandidates)
/* harmony export */ });
/* unused harmony exports probeDocker, parseBuildxVersion, parseBuildxDriver */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44107);



/** Docker CLIs to try: `GCP_DEPLOY_DOCKER` alone when set, else `docker` on PATH and the usual second installs. */
function dockerCandidates(env) {
    if (env.GCP_DEPLOY_DOCKER)
        return [env.GCP_DEPLOY_DOCKER];
    const onPath = (env.PATH ?? '')
        .split(node_path__WEBPACK_IMPORTED_MODULE_0__.delimiter)
        .filter(Boolean)
        .map((d) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(d, 'docker'));
    const seen = new Set();
    const out = [];
    // A machine can carry two CLIs (e.g. a new one without buildx and the distro's with BuildKit built in).
    for (const p of [...onPath, '/usr/bin/docker', '/usr/local/bin/docker']) {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(p))
            continue;
        let real;
        try {
            real = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(p);
        }
        catch {
            continue;
        }
        if (seen.has(real))
            continue;
        seen.add(real);
        out.push(p);
    }
    return out;
}
async function ok(file, args, env) {
    try {
        const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .runCommand */ .d)(file, args, { env, allowFailure: true });
        return r.code === 0 ? r.stdout : undefined;
    }
    catch {
        return undefined;
    }
}
/** Probes one docker CLI: daemon reachable, buildx (and its driver), BuildKit. */
async function probeDocker(binary, env) {
    const [server, buildxVersion, buildkitHelp] = await Promise.all([
        ok(binary, ['version', '--format', '{{.Server.Version}}'], env),
        ok(binary, ['buildx', 'version'], env),
        // The docker 23+ CLI without buildx refuses DOCKER_BUILDKIT=1 even for --help; 20.10 has BuildKit built in.
        ok(binary, ['build', '--help'], { ...env, DOCKER_BUILDKIT: '1' }),
    ]);
    const probe = {
        binary,
        daemon: server !== undefined && server.trim() !== '',
        buildkit: buildkitHelp !== undefined,
    };
    if (buildxVersion !== undefined) {
        const inspect = await ok(binary, ['buildx', 'inspect'], env);
        probe.buildx = { version: parseBuildxVersion(buildxVersion), driver: parseBuildxDriver(inspect ?? '') };
    }
    return probe;
}
/** `github.com/docker/buildx v0.28.0 abc` -> `v0.28.0`. */
function parseBuildxVersion(out) {
    return /\bv?\d+\.\d+(\.\d+)?\S*/.exec(out)?.[0] ?? out.trim().split(/\s+/)[1] ?? 'unknown';
}
/** The `Driver:` line of `docker buildx inspect`. */
function parseBuildxDriver(out) {
    return /^Driver:\s*(\S+)/m.exec(out)?.[1];
}
const probed = new Map();
/**
 * Probes every docker CLI candidate and buildah, in parallel, once per process for the same binaries: an
 * environment's services build side by side and would otherwise each spend the probe's CPU again.
 */
function probeBuilders(env = process.env) {
    const key = JSON.stringify([dockerCandidates(env), env.GCP_DEPLOY_BUILDAH ?? 'buildah', env.PATH]);
    let results = probed.get(key);
    if (results === undefined) {
        results = probeAll(env);
        probed.set(key, results);
        // A failed probe is not remembered.
        results.catch(() => probed.delete(key));
    }
    return results;
}
async function probeAll(env) {
    const [docker, buildah] = await Promise.all([
        Promise.all(dockerCandidates(env).map((b) => probeDocker(b, env))),
        ok(env.GCP_DEPLOY_BUILDAH ?? 'buildah', ['version'], env),
    ]);
    return { docker, buildah: buildah !== undefined };
}


/***/ }),

/***/ 44107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ runCommand)
/* harmony export */ });
/* unused harmony export CommandError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);

/** A command that exited non-zero; the message carries the tail of its stderr. */
class CommandError extends Error {
    command;
    result;
    constructor(command, result) {
        const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n');
        super(`\`${command}\` exited with ${result.code}${tail ? `:\n${tail}` : ' and printed nothing'}`);
        this.command = command;
        this.result = result;
        this.name = 'CommandError';
    }
}
/** Runs a command without a shell, collects its output and checks the exit code itself. */
function runCommand(file, args, opts = {}) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            env: opts.env ?? process.env,
            cwd: opts.cwd,
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out = [];
        const err = [];
        const outLines = lineSplitter(opts.onLine);
        const errLines = lineSplitter(opts.onLine);
        child.stdout.on('data', (d) => {
            out.push(d);
            outLines.push(d);
        });
        child.stderr.on('data', (d) => {
            err.push(d);
            errLines.push(d);
        });
        child.once('error', (e) => reject(new Error(`cannot run ${file}: ${e.message}`)));
        child.once('close', (code, signal) => {
            outLines.flush();
            errLines.flush();
            const result = {
                code: code ?? (signal ? 128 : 1),
                stdout: Buffer.concat(out).toString(),
                stderr: Buffer.concat(err).toString(),
            };
            if (result.code !== 0 && !opts.allowFailure)
                reject(new CommandError(`${file} ${args[0] ?? ''}`, result));
            else
                resolve(result);
        });
        child.stdin.on('error', () => undefined); // a command that exits before reading stdin is not our error
        child.stdin.end(opts.input ?? '');
    });
}
function lineSplitter(onLine) {
    let pending = '';
    return {
        push(d) {
            if (!onLine)
                return;
            pending += d.toString();
            const parts = pending.split(/\r?\n/);
            pending = parts.pop() ?? '';
            for (const p of parts)
                if (p.trim())
                    onLine(p);
        },
        flush() {
            if (onLine && pending.trim())
                onLine(pending);
            pending = '';
        },
    };
}


/***/ }),

/***/ 79557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TT: () => (/* binding */ ociLabels),
/* harmony export */   V2: () => (/* binding */ cacheRefFor),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   dh: () => (/* binding */ ghaScope),
/* harmony export */   m_: () => (/* binding */ validateImage),
/* harmony export */   o9: () => (/* binding */ digestFromPushOutput),
/* harmony export */   pY: () => (/* binding */ registryHostOf),
/* harmony export */   rK: () => (/* binding */ imageTags)
/* harmony export */ });
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22156);
/* harmony import */ var _shared_image_ref_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70268);


/** The tags every preview image gets: `pr-<n>` (when there is a pull request) and `sha-<7 hex>`. */
function imageTags(prNumber, sha) {
    if (!/^[0-9a-f]{7,40}$/i.test(sha))
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('sha', sha, 'allowed: a git commit SHA (hex)');
    const tags = [];
    if (prNumber !== undefined) {
        if (!Number.isSafeInteger(prNumber) || prNumber <= 0) {
            throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('pr_number', String(prNumber), 'allowed: a positive whole number');
        }
        tags.push(`pr-${prNumber}`);
    }
    tags.push(`sha-${sha.slice(0, 7).toLowerCase()}`);
    return tags;
}
/** OCI annotations (as image labels) that tie an image to its source, commit and build time. */
function ociLabels(opts) {
    const labels = {};
    if (opts.sourceUrl)
        labels['org.opencontainers.image.source'] = opts.sourceUrl;
    labels['org.opencontainers.image.revision'] = opts.revision;
    labels['org.opencontainers.image.created'] = opts.created.toISOString();
    return labels;
}
/** The registry host of an image name (`host[:port]/path`). */
function registryHostOf(imageName) {
    return imageName.split('/')[0] ?? '';
}
/** Loopback registries speak plain HTTP; docker allows 127.0.0.0/8 by default, buildah needs --tls-verify=false. */
function isLoopbackHost(host) {
    return /^(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?$/.test(host);
}
/** Where the layer cache lives: a `:buildcache` tag next to the image, or a repository for buildah. */
function cacheRefFor(builder, imageName) {
    // buildah's --cache-to takes a repository and tags each cached layer with its cache key there.
    return builder === 'buildah' ? `${imageName}/buildcache` : `${imageName}:buildcache`;
}
/** The GitHub Actions cache scope of an image: one per image, since images sharing a scope overwrite each other. */
function ghaScope(imageName) {
    const path = imageName.split('/').slice(1).join('/');
    return (path || imageName).replace(/[^A-Za-z0-9._-]+/g, '-');
}
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** `host[:port]/path`: a registry host and a repository path, without tag or digest. */
function isImageName(imageName) {
    const parsed = (0,_shared_image_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .parseImageReference */ .o_)(imageName, 'required');
    return parsed !== null && parsed.tag === undefined && parsed.digest === undefined;
}
/** Checks the image name and tags before any build starts, so a bad value fails early and clearly. */
function validateImage(imageName, tags) {
    if (!isImageName(imageName)) {
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('image name', imageName, 'allowed: host[:port]/path in lowercase, without tag');
    }
    if (tags.length === 0)
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('tags', '', 'allowed: at least one tag');
    for (const t of tags) {
        if (!TAG.test(t))
            throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y.forInput('tags', t, 'allowed: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}');
    }
}
/** The first `sha256:` digest a push printed (docker: `tag: digest: sha256:... size: N`). */
function digestFromPushOutput(output) {
    return /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
}


/***/ }),

/***/ 28056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ withSecretFiles),
/* harmony export */   f: () => (/* binding */ tempRoot)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/** The runner's temp dir when there is one (it is wiped after the job), else the system's. */
function tempRoot(env = process.env) {
    return env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
}
/**
 * Writes each build secret to its own 0600 file in a fresh 0700 directory, runs `fn` with id -> path, and
 * removes the directory afterwards, also when `fn` throws: the values reach the builder only as files.
 */
async function withSecretFiles(secrets, fn, env = process.env) {
    const ids = Object.keys(secrets);
    if (ids.length === 0)
        return fn({});
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(tempRoot(env), 'gcpd-secrets-'));
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(dir, 0o700);
        const files = {};
        ids.forEach((id, n) => {
            // File names are indexes, not ids: an id is user text and must not steer a path.
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, `secret-${n}`);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(path, secrets[id] ?? '', { mode: 0o600 });
            files[id] = path;
        });
        return await fn(files);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 47098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ builtCommit)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The commit a build really contains: the checked-out HEAD of the build context. On pull_request events
 * the event's SHA may name a commit other than the one checked out (actions/checkout defaults to GitHub's
 * test merge commit), so the image, the revision and their labels follow what git says.
 */

/** `git rev-parse HEAD` in the context, or `fallback` when the context is not in a git work tree. */
function builtCommit(context, fallback) {
    const git = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['-C', context, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
        encoding: 'utf8',
        timeout: 10_000,
    });
    const sha = git.status === 0 ? git.stdout.trim().toLowerCase() : '';
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? sha : fallback;
}


/***/ }),

/***/ 12297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runBuildArchive: () => (/* binding */ runBuildArchive)
/* harmony export */ });
/* unused harmony exports CREDENTIAL_VARIABLES, credentialsPresent */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14116);
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57864);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(22156);
/* harmony import */ var _build_build_args_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(10156);
/* harmony import */ var _build_build_inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(21140);
/* harmony import */ var _build_builder_choice_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(96907);
/* harmony import */ var _build_builder_probe_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(24140);
/* harmony import */ var _build_exec_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(44107);
/* harmony import */ var _build_image_ref_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(79557);
/* harmony import */ var _build_secret_files_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(28056);
/* harmony import */ var _build_source_commit_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(47098);
/* harmony import */ var _shared_labels_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(44758);
/* harmony import */ var _build_archive_metadata_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(56314);
/**
 * `command: build`: the unprivileged half of a fork PR's preview. In the `pull_request` job, which GitHub
 * runs without secrets for forks, it builds the PR's head into an OCI archive (an OCI image layout tar) and
 * writes its metadata beside it, for the workflow to upload as an artifact. Nothing is pushed, deployed or
 * posted, and no credential is needed or read: where one is present the step refuses, because a job that
 * can reach Google Cloud or mint an OIDC token must not run a fork's Dockerfile.
 */















/** Variables that give a job Google Cloud access or an OIDC token it could trade for it. */
const CREDENTIAL_VARIABLES = [
    'GOOGLE_APPLICATION_CREDENTIALS',
    'GOOGLE_GHA_CREDS_PATH',
    'CLOUDSDK_AUTH_ACCESS_TOKEN',
    'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE',
    'GCP_DEPLOY_EMULATOR_HOST',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
];
/** The credential variables set in `env`, by name (never their values). */
function credentialsPresent(env) {
    return CREDENTIAL_VARIABLES.filter((name) => (env[name] ?? '') !== '');
}
/** The builders' environment: the runner's, less every token the fork's build has no business seeing. */
function builderEnv(env) {
    const out = { ...env };
    for (const name of Object.keys(out)) {
        if (/TOKEN|SECRET|PASSWORD|CREDENTIALS/i.test(name) || name.startsWith('INPUT_'))
            delete out[name];
    }
    return out;
}
/** Builds the PR's head into `config.build.imageArchive` and writes its metadata beside it. */
async function runBuildArchive(config, ctx, env = process.env) {
    const present = credentialsPresent(env);
    if (present.length > 0) {
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .y(`Input 'command': got "build", but this job has credentials (${present.join(', ')}); allowed: run command: build only in the unprivileged pull_request job, without google-github-actions/auth and without id-token: write. A fork's code must never be built where credentials are.`, 'command');
    }
    const target = config.build.imageArchive;
    if (target === undefined) {
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .y(`Input 'image_archive' is required with command: build: the path to write the OCI archive to (such as preview/image.tar).`, 'image_archive');
    }
    if (ctx.prNumber === undefined) {
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .y(`Input 'command': got "build", but the event '${ctx.eventName}' carries no pull request; allowed: run build on pull_request events.`, 'command');
    }
    (0,_config_config_js__WEBPACK_IMPORTED_MODULE_3__/* .checkBuildContext */ .UL)(config.build);
    const archive = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(target);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(archive), { recursive: true });
    const headSha = (0,_build_source_commit_js__WEBPACK_IMPORTED_MODULE_11__/* .builtCommit */ .M)(config.build.context, ctx.headSha);
    const buildInputs = (0,_build_build_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .buildInputsDigest */ .W)(config.build);
    const benv = builderEnv(env);
    const choice = (0,_build_builder_choice_js__WEBPACK_IMPORTED_MODULE_6__/* .chooseBuilder */ .Z)(config.build.builder, await (0,_build_builder_probe_js__WEBPACK_IMPORTED_MODULE_7__/* .probeBuilders */ .bD)(benv));
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(choice.reason);
    if (config.build.cache !== 'none') {
        _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq('No layer cache: the registry cache needs credentials this job must not have.');
    }
    // A local name only: nothing leaves this machine except the archive.
    const ref = `localhost/gcp-deploy-build/${config.service}:${headSha.slice(0, 12)}`;
    const labels = {
        ...(0,_build_image_ref_js__WEBPACK_IMPORTED_MODULE_9__/* .ociLabels */ .TT)({ revision: headSha, created: new Date() }),
        [_shared_labels_js__WEBPACK_IMPORTED_MODULE_12__/* .LABEL */ .d_.inputs]: buildInputs,
    };
    const configDigest = await (0,_build_secret_files_js__WEBPACK_IMPORTED_MODULE_10__/* .withSecretFiles */ .Y)(config.build.buildSecrets, async (secretFiles) => {
        const input = {
            context: config.build.context,
            dockerfile: config.build.dockerfile,
            target: config.build.target,
            platform: config.build.platform,
            buildArgs: config.build.buildArgs,
            secretFiles,
            labels,
            refs: [ref],
        };
        if (choice.builder === 'buildah') {
            const buildah = benv.GCP_DEPLOY_BUILDAH ?? 'buildah';
            const opts = { env: benv, onLine: _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq };
            await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_8__/* .runCommand */ .d)(buildah, (0,_build_build_args_js__WEBPACK_IMPORTED_MODULE_14__/* .buildahBuildArgs */ .zW)(input, { cacheTo: false, tlsVerify: true }), opts);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(archive, { force: true });
            await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_8__/* .runCommand */ .d)(buildah, ['push', ref, `oci-archive:${archive}`], opts);
            const id = await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_8__/* .runCommand */ .d)(buildah, ['images', '--no-trunc', '--format', '{{.ID}}', ref], opts);
            return normaliseDigest(id.stdout);
        }
        const docker = choice.dockerBinary ?? 'docker';
        const { args, env: buildEnv } = (0,_build_build_args_js__WEBPACK_IMPORTED_MODULE_14__/* .dockerBuildArgs */ .gE)(input, { buildkit: choice.buildkit !== false });
        await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_8__/* .runCommand */ .d)(docker, args, { env: { ...benv, ...buildEnv }, onLine: _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq });
        const id = await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_8__/* .runCommand */ .d)(docker, ['image', 'inspect', '--format', '{{.Id}}', ref], { env: benv });
        await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_8__/* .runCommand */ .d)(docker, ['save', '--output', archive, ref], { env: benv });
        await requireOciLayout(archive, docker);
        return normaliseDigest(id.stdout);
    }, env);
    const metadata = {
        version: _build_archive_metadata_js__WEBPACK_IMPORTED_MODULE_13__/* .METADATA_VERSION */ .rI,
        pr: ctx.prNumber,
        head_sha: headSha,
        service: config.service,
        build_inputs: buildInputs,
        config_digest: configDigest,
        archive: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(archive),
    };
    const metadataPath = (0,_build_archive_metadata_js__WEBPACK_IMPORTED_MODULE_13__/* .metadataPathFor */ .Gz)(archive);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(metadataPath, `${JSON.stringify(metadata, null, 2)}\n`);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(`Wrote ${archive} (image config ${configDigest}) and ${metadataPath} for PR #${ctx.prNumber} at ${headSha}.`);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('image_archive', archive);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('result', 'built');
    return { archive, metadataPath, metadata };
}
function normaliseDigest(out) {
    const id = out.trim().split('\n')[0] ?? '';
    const digest = id.startsWith('sha256:') ? id : `sha256:${id}`;
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
        throw new Error(`the builder reported no image ID (${id})`);
    return digest;
}
/** `docker save` writes an OCI layout only from Docker 25 on; older engines write a format we do not push. */
async function requireOciLayout(archive, docker) {
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,_build_secret_files_js__WEBPACK_IMPORTED_MODULE_10__/* .tempRoot */ .f)(), 'gcpd-archive-'));
    try {
        const list = await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_8__/* .runCommand */ .d)('tar', ['-tf', archive], { cwd: dir });
        const names = list.stdout.split('\n').map((l) => l.replace(/^\.\//, ''));
        if (!names.includes('oci-layout') || !names.includes('index.json')) {
            throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .y(`Input 'builder': ${docker} save wrote no OCI image layout (Docker 25 or later does); allowed: builder: buildah, or a newer Docker engine.`, 'builder');
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
    }
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
