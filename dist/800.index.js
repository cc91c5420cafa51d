export const id = 800;
export const ids = [800,362];
export const modules = {

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

/***/ 66330:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sf: () => (/* binding */ buildAndPush),
  rK: () => (/* reexport */ image_ref/* imageTags */.rK),
  TT: () => (/* reexport */ image_ref/* ociLabels */.TT)
});

// UNUSED EXPORTS: chooseBuilder, probeBuilders

// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/build/builder-choice.ts
var builder_choice = __webpack_require__(96907);
// EXTERNAL MODULE: ./src/build/builder-probe.ts
var builder_probe = __webpack_require__(24140);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/build/build-args.ts
var build_args = __webpack_require__(10156);
// EXTERNAL MODULE: ./src/build/exec.ts
var exec = __webpack_require__(44107);
// EXTERNAL MODULE: ./src/build/image-ref.ts
var image_ref = __webpack_require__(79557);
// EXTERNAL MODULE: ./src/build/secret-files.ts
var secret_files = __webpack_require__(28056);
;// CONCATENATED MODULE: ./src/build/builders.ts







/**
 * Passes build output through, adding one line after BuildKit's `ERROR: <ref>:buildcache: not found`: on a
 * first build there is no layer cache to import yet, and the error reads like a failure when it is not.
 */
function coldCacheExplained(log, cacheRef) {
    let said = false;
    return (line) => {
        log(line);
        if (said || cacheRef === undefined || !/\bERROR\b/.test(line) || !/not found/i.test(line))
            return;
        if (!line.includes(cacheRef) && !line.includes('buildcache'))
            return;
        said = true;
        log(`(expected on a cold cache: no layer cache was pushed to ${cacheRef} yet; this build runs without it and pushes one for the next build)`);
    };
}
function show(file, args, log) {
    log(`$ ${file} ${args.join(' ')}`);
}
async function timed(fn) {
    const start = performance.now();
    const value = await fn();
    return [value, Math.round(performance.now() - start)];
}
/** buildx builds and pushes in one step; the digest comes from its metadata file. */
async function runBuildx(ctx, docker, cacheExport) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,secret_files/* tempRoot */.f)(ctx.env), 'gcpd-buildx-'));
    try {
        const metadata = (0,external_node_path_.join)(dir, 'metadata.json');
        const args = (0,build_args/* buildxArgs */.w$)(ctx.input, {
            cache: ctx.cache,
            cacheExport,
            cacheRef: ctx.cacheRef ?? '',
            ghaScope: (0,image_ref/* ghaScope */.dh)(ctx.imageName),
            insecure: (0,image_ref/* isLoopbackHost */.cW)((0,image_ref/* registryHostOf */.pY)(ctx.imageName)),
        }, metadata);
        show(docker, args, ctx.log);
        const onLine = coldCacheExplained(ctx.log, ctx.cacheRef);
        const [, ms] = await timed(() => (0,exec/* runCommand */.d)(docker, args, { env: ctx.env, onLine }));
        const meta = JSON.parse((0,external_node_fs_.readFileSync)(metadata, 'utf8'));
        const digest = meta['containerimage.digest'];
        if (typeof digest !== 'string' || !digest.startsWith('sha256:')) {
            throw new Error(`buildx wrote no image digest to its metadata file (keys: ${Object.keys(meta).join(', ')})`);
        }
        // buildx pushes while it builds, so the push time is part of the build time.
        return { digest, buildMs: ms, pushMs: 0 };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
/** The docker engine's builder: BuildKit with inline cache, or the legacy builder with a pulled cache image. */
async function runDocker(ctx, docker, buildkit) {
    let cacheFrom = ctx.cacheRef;
    const [, buildMs] = await timed(async () => {
        if (cacheFrom && !buildkit) {
            // The legacy builder only uses a cache image that is already local, and only for single-stage builds.
            show(docker, ['pull', cacheFrom], ctx.log);
            const pulled = await (0,exec/* runCommand */.d)(docker, ['pull', cacheFrom], { env: ctx.env, allowFailure: true });
            if (pulled.code !== 0) {
                // The first build of an image has no cache yet: that is normal, not worth a warning.
                const absent = /manifest unknown|not found/i.test(pulled.stderr);
                (absent ? ctx.log : ctx.warn)(`layer cache ${cacheFrom} could not be pulled; building without it: ${lastLine(pulled.stderr)}`);
                cacheFrom = undefined;
            }
        }
        const refs = ctx.cacheRef ? [...ctx.input.refs, ctx.cacheRef] : ctx.input.refs;
        const { args, env } = (0,build_args/* dockerBuildArgs */.gE)({ ...ctx.input, refs }, { buildkit, cacheFrom });
        show(docker, args, ctx.log);
        await (0,exec/* runCommand */.d)(docker, args, {
            env: { ...ctx.env, ...env },
            onLine: coldCacheExplained(ctx.log, cacheFrom),
        });
    });
    ctx.onPush?.();
    const [digest, pushMs] = await timed(async () => {
        let found;
        for (const ref of ctx.input.refs) {
            show(docker, (0,build_args/* dockerPushArgs */.kV)(ref), ctx.log);
            const out = await (0,exec/* runCommand */.d)(docker, (0,build_args/* dockerPushArgs */.kV)(ref), { env: ctx.env, onLine: ctx.log });
            found ??= (0,image_ref/* digestFromPushOutput */.o9)(out.stdout);
        }
        if (ctx.cacheRef) {
            const out = await (0,exec/* runCommand */.d)(docker, (0,build_args/* dockerPushArgs */.kV)(ctx.cacheRef), {
                env: ctx.env,
                allowFailure: true,
            });
            // A cache that cannot be written costs the next build time, never this one.
            if (out.code !== 0)
                ctx.warn(`layer cache ${ctx.cacheRef} could not be pushed: ${lastLine(out.stderr)}`);
        }
        return found ?? (await repoDigest(docker, ctx));
    });
    return { digest, buildMs, pushMs };
}
async function repoDigest(docker, ctx) {
    const ref = ctx.input.refs[0] ?? '';
    const out = await (0,exec/* runCommand */.d)(docker, ['image', 'inspect', '--format', '{{json .RepoDigests}}', ref], {
        env: ctx.env,
    });
    const list = JSON.parse(out.stdout);
    const hit = list.find((d) => d.startsWith(`${ctx.imageName}@`));
    if (!hit)
        throw new Error(`docker push printed no digest and ${ref} has no repo digest for ${ctx.imageName}`);
    return hit.slice(ctx.imageName.length + 1);
}
/** buildah with --layers, the registry as layer cache, one push per tag. */
async function runBuildah(ctx, buildah) {
    const tlsVerify = !(0,image_ref/* isLoopbackHost */.cW)((0,image_ref/* registryHostOf */.pY)(ctx.imageName));
    const cacheTls = ctx.cacheRef ? !(0,image_ref/* isLoopbackHost */.cW)((0,image_ref/* registryHostOf */.pY)(ctx.cacheRef)) : true;
    const [, buildMs] = await timed(async () => {
        const args = (0,build_args/* buildahBuildArgs */.zW)(ctx.input, {
            cacheRepo: ctx.cacheRef,
            cacheTo: Boolean(ctx.cacheRef),
            tlsVerify: tlsVerify && cacheTls,
        });
        show(buildah, args, ctx.log);
        try {
            await (0,exec/* runCommand */.d)(buildah, args, { env: ctx.env, onLine: coldCacheExplained(ctx.log, ctx.cacheRef) });
        }
        catch (err) {
            if (!ctx.cacheRef)
                throw err;
            // buildah fails the build when the cache repository cannot be read or written; its local layers are kept,
            // so a retry without the registry cache is cheap and the build still succeeds.
            ctx.warn(`build with layer cache ${ctx.cacheRef} failed; retrying without the registry cache: ${lastLine((0,user_error/* errorMessage */.g)(err))}`);
            const bare = (0,build_args/* buildahBuildArgs */.zW)(ctx.input, { cacheTo: false, tlsVerify });
            show(buildah, bare, ctx.log);
            await (0,exec/* runCommand */.d)(buildah, bare, { env: ctx.env, onLine: ctx.log });
        }
    });
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,secret_files/* tempRoot */.f)(ctx.env), 'gcpd-buildah-'));
    try {
        ctx.onPush?.();
        const [digest, pushMs] = await timed(async () => {
            let first;
            for (const [n, ref] of ctx.input.refs.entries()) {
                const file = (0,external_node_path_.join)(dir, `digest-${n}`);
                const args = (0,build_args/* buildahPushArgs */.Jv)(ref, file, tlsVerify);
                show(buildah, args, ctx.log);
                await (0,exec/* runCommand */.d)(buildah, args, { env: ctx.env, onLine: ctx.log });
                const digest = (0,external_node_fs_.readFileSync)(file, 'utf8').trim();
                if (first && digest !== first)
                    ctx.warn(`tag ${ref} got digest ${digest}, the first tag ${first}`);
                first ??= digest;
            }
            if (!first?.startsWith('sha256:'))
                throw new Error(`buildah push wrote no digest (${first ?? 'nothing'})`);
            return first;
        });
        return { digest, buildMs, pushMs };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
function lastLine(s) {
    return (s
        .trim()
        .split('\n')
        .filter((l) => l.trim())
        .pop() ?? '');
}

// EXTERNAL MODULE: ./src/registry/manifest-resolve.ts
var manifest_resolve = __webpack_require__(4467);
;// CONCATENATED MODULE: ./src/build/index.ts










/** Picks a builder that works here, builds with the registry layer cache, pushes every tag and returns the digest. */
async function buildAndPush(req) {
    (0,image_ref/* validateImage */.m_)(req.imageName, req.tags);
    const env = req.env ?? process.env;
    const choice = (0,builder_choice/* chooseBuilder */.Z)(req.builder, req.probes ?? (await (0,builder_probe/* probeBuilders */.bD)(env)));
    req.log(choice.reason);
    let cache = req.cache;
    if (cache === 'gha' && choice.builder !== 'buildx') {
        req.warn(`cache: gha needs buildx; ${choice.builder} uses the registry cache instead`);
        cache = 'registry';
    }
    if (Object.keys(req.secrets).length > 0 && choice.builder === 'docker' && !choice.buildkit) {
        throw new user_error/* UserError */.y(`Input 'build_secrets': the legacy docker builder cannot pass build secrets without baking them into a layer; allowed: use builder buildx, docker with BuildKit, or buildah.`, 'build_secrets');
    }
    const cacheRef = cache === 'none' ? undefined : (req.cacheRef ?? (0,image_ref/* cacheRefFor */.V2)(choice.builder, req.imageName));
    const outcome = await (0,secret_files/* withSecretFiles */.Y)(req.secrets, (secretFiles) => run(choice, {
        input: {
            context: req.context,
            dockerfile: req.dockerfile,
            target: req.target,
            platform: req.platform,
            buildArgs: req.buildArgs,
            secretFiles,
            labels: req.labels,
            refs: req.tags.map((t) => `${req.imageName}:${t}`),
        },
        imageName: req.imageName,
        cacheRef: cache === 'gha' ? undefined : cacheRef,
        cache,
        env,
        log: req.log,
        warn: req.warn,
        ...(req.onPush === undefined ? {} : { onPush: req.onPush }),
    }), env);
    req.log(`pushed ${req.imageName}@${outcome.digest} as ${req.tags.join(', ')}`);
    // Cloud Run runs one platform image; deploying and reporting an index digest would name something else.
    const image = await (0,manifest_resolve/* resolvePlatformDigest */.WI)(`${req.imageName}@${outcome.digest}`, req.platform, await (0,manifest_resolve/* registryAuthFromEnv */.Pe)((0,image_ref/* registryHostOf */.pY)(req.imageName), env));
    if (image.indexDigest) {
        req.log(`${outcome.digest} is an image index; deploying its ${image.platform} image ${image.digest}`);
    }
    return {
        builder: choice.builder,
        imageRef: image.imageRef,
        digest: image.digest,
        ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
        tags: [...req.tags],
        ...(cache === 'gha' || !cacheRef ? {} : { cacheRef }),
        durationMs: { build: outcome.buildMs, push: outcome.pushMs },
    };
}
function run(choice, ctx) {
    switch (choice.builder) {
        case 'buildx':
            return runBuildx(ctx, choice.dockerBinary ?? 'docker', choice.cacheExport ?? 'inline');
        case 'docker':
            return runDocker(ctx, choice.dockerBinary ?? 'docker', choice.buildkit === true);
        case 'buildah':
            return runBuildah(ctx, ctx.env.GCP_DEPLOY_BUILDAH ?? 'buildah');
    }
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

/***/ 11440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rC: () => (/* binding */ artifactRegistryClient),
/* harmony export */   s1: () => (/* binding */ clientOptions),
/* harmony export */   vn: () => (/* binding */ cloudRunClients)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _google_cloud_artifact_registry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34192);
/* harmony import */ var _google_cloud_run__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(89475);
/* harmony import */ var _grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83033);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_5__);
/**
 * Every Google client of the action is built from `clientOptions`, so one variable
 * (GCP_DEPLOY_EMULATOR_HOST) points Cloud Run, Artifact Registry and Secret Manager at the local emulator.
 */






const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
/**
 * Client options: `{}` (Application Default Credentials and Google's endpoints) unless
 * GCP_DEPLOY_EMULATOR_HOST=host:port names the emulator. Then the channel is what google-gax builds for
 * Google itself, TLS plus call credentials from Application Default Credentials, with two differences: TLS
 * trusts the emulator's CA (GCP_DEPLOY_EMULATOR_CA, a PEM file) and the endpoint is the emulator's. The same
 * credentials file therefore speaks for the same principal, and the emulator checks its permissions.
 * `auth` replaces Application Default Credentials (tests give each client its own principal).
 */
function clientOptions(env = process.env, auth) {
    const hostPort = env.GCP_DEPLOY_EMULATOR_HOST;
    if (hostPort === undefined || hostPort === '')
        return {};
    const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(hostPort);
    const port = Number(m?.[2]);
    if (!m?.[1] || !(port >= 1 && port <= 65535)) {
        throw new Error(`GCP_DEPLOY_EMULATOR_HOST must be host:port, got ${JSON.stringify(hostPort)}`);
    }
    const caPath = env.GCP_DEPLOY_EMULATOR_CA;
    if (caPath === undefined || caPath === '') {
        throw new Error('GCP_DEPLOY_EMULATOR_CA must name the emulator CA certificate (a PEM file) when GCP_DEPLOY_EMULATOR_HOST is set: the emulator serves TLS, as Google does. `gcp-deploy emulator` prints both.');
    }
    let ca;
    try {
        ca = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(caPath);
    }
    catch (err) {
        throw new Error(`GCP_DEPLOY_EMULATOR_CA: cannot read ${caPath} (${err.message})`, {
            cause: err,
        });
    }
    // What each generated client does to the GoogleAuth it makes: a key file signs its own JWT (no token
    // exchange), other credentials fetch access tokens. google-gax attaches no credentials when given
    // sslCreds, so they are combined here exactly as gax combines them for Google.
    const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
    const googleAuth = new google_auth_library__WEBPACK_IMPORTED_MODULE_5__.GoogleAuth({
        scopes: [CLOUD_PLATFORM],
        // The credentials of the environment given (process.env unless a caller passes another).
        ...(keyFile ? { keyFilename: keyFile } : {}),
        ...auth,
    });
    googleAuth.useJWTAccessWithScope = true;
    return {
        apiEndpoint: m[1],
        port,
        sslCreds: _grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__.credentials.combineChannelCredentials(_grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__.credentials.createSsl(ca), _grpc_grpc_js__WEBPACK_IMPORTED_MODULE_4__.credentials.createFromGoogleCredential({
            // grpc-js reads a plain object of headers, not the Headers google-auth-library returns (as in gax).
            getRequestHeaders: async (url) => {
                const headers = await googleAuth.getRequestHeaders(url);
                const plain = {};
                headers.forEach((value, key) => (plain[key] = value));
                return plain;
            },
        })),
        // Naming the universe spares the GCE metadata probe (and its warning) off Google Cloud.
        universeDomain: 'googleapis.com',
        // TLS names no server by IP (RFC 6066); the emulator's certificate names localhost as well as 127.0.0.1.
        ...((0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(m[1].replace(/^\[|\]$/g, '')) !== 0 ? { 'grpc.ssl_target_name_override': 'localhost' } : {}),
    };
}
/** Cloud Run clients for this environment. */
function cloudRunClients(env = process.env) {
    const options = clientOptions(env);
    const services = new _google_cloud_run__WEBPACK_IMPORTED_MODULE_3__/* .ServicesClient */ .WF(options);
    const revisions = new _google_cloud_run__WEBPACK_IMPORTED_MODULE_3__/* .RevisionsClient */ .Uy(options);
    return {
        services,
        revisions,
        close: async () => {
            await Promise.all([services.close(), revisions.close()]);
        },
    };
}
/** An Artifact Registry client for this environment. */
function artifactRegistryClient(env = process.env) {
    return new _google_cloud_artifact_registry__WEBPACK_IMPORTED_MODULE_2__/* .ArtifactRegistryClient */ .DA(clientOptions(env));
}


/***/ }),

/***/ 96104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Vq: () => (/* binding */ GRPC),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   dh: () => (/* binding */ isConflict),
/* harmony export */   vu: () => (/* binding */ isRefusal)
/* harmony export */ });
/* unused harmony exports TRANSIENT_GRPC, CONFLICT_GRPC, backoffDelay */
/* harmony import */ var _shared_sleep_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(47362);
/**
 * Retries of transient Google API errors: exponential backoff with full jitter, bounded in attempts and in
 * total time. Permanent errors (bad argument, permission, not found, precondition) fail at once.
 */

/** gRPC status codes used by the adapters. */
const GRPC = {
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    ALREADY_EXISTS: 6,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    ABORTED: 10,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    UNAUTHENTICATED: 16,
};
/** A refusal of the caller (no valid credentials, or a missing permission): nothing was done, nothing to settle. */
function isRefusal(err) {
    const code = errorCode(err);
    return code === GRPC.PERMISSION_DENIED || code === GRPC.UNAUTHENTICATED;
}
/** gRPC codes worth another try: the same call may succeed a moment later. */
const TRANSIENT_GRPC = new Set([
    GRPC.DEADLINE_EXCEEDED,
    GRPC.RESOURCE_EXHAUSTED,
    GRPC.UNAVAILABLE,
]);
/** gRPC codes that mean "someone else changed it first": re-read, re-plan, re-apply. */
const CONFLICT_GRPC = new Set([GRPC.ABORTED]);
/** The gRPC status code (or HTTP status) an error from a Google client carries, if any. */
function errorCode(err) {
    const e = err;
    if (typeof e?.code === 'number')
        return e.code;
    if (typeof e?.status === 'number')
        return e.status;
    return undefined;
}
/**
 * True for UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED and HTTP 408/429/5xx; INTERNAL only when the
 * call is an idempotent read (a write that failed INTERNAL may have happened).
 */
function isTransient(err, idempotentRead = false) {
    const code = errorCode(err);
    if (code === undefined)
        return false;
    if (code >= 100)
        return code === 408 || code === 429 || (code >= 500 && code <= 599);
    return TRANSIENT_GRPC.has(code) || (idempotentRead && code === GRPC.INTERNAL);
}
/** True for an etag conflict: ABORTED, or FAILED_PRECONDITION whose message speaks of the etag. */
function isConflict(err) {
    const code = errorCode(err);
    if (code !== undefined && CONFLICT_GRPC.has(code))
        return true;
    const message = err instanceof Error ? err.message : '';
    return code === GRPC.FAILED_PRECONDITION && /etag|modified since|concurrent/i.test(message);
}
const realSleep = (ms) => (0,_shared_sleep_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y)(ms);
/** The delay before retry number `attempt` (1-based): uniform in [0, min(maxMs, baseMs * 2^(attempt-1))]. */
function backoffDelay(attempt, random, baseMs = 200, maxMs = 8000) {
    const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(random() * cap);
}
/** Runs `fn`, retrying with backoff and full jitter while `retryOn` says the error is worth it. */
async function withRetry(fn, o = {}) {
    const attempts = o.attempts ?? 6;
    const retryOn = o.retryOn ?? ((err) => isTransient(err));
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? realSleep;
    const started = now();
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            if (attempt >= attempts || !retryOn(err))
                throw err;
            const delay = backoffDelay(attempt, o.random ?? Math.random, o.baseMs, o.maxMs);
            // The time budget bounds the whole retry loop: a retry that would start after it is not made.
            if (now() + delay - started > (o.maxElapsedMs ?? 60_000))
                throw err;
            o.onRetry?.(err, attempt, delay);
            await sleep(delay);
        }
    }
}


/***/ }),

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LX: () => (/* binding */ createGitHubClient),
/* harmony export */   nG: () => (/* binding */ httpStatus)
/* harmony export */ });
/* unused harmony export githubClientOptions */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86856);
/* harmony import */ var _report_redaction_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27079);




/**
 * The Octokit options of createGitHubClient: GITHUB_API_URL (so GitHub Enterprise works), retries of
 * transient failures, and throttling that warns on rate limits and retries them a bounded number of times.
 */
function githubClientOptions(apiUrl, warn, timing = {}) {
    return {
        baseUrl: apiUrl,
        throttle: {
            ...timing,
            onRateLimit: (retryAfter, options, _o, retryCount) => {
                warn(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
                return retryCount < 2;
            },
            onSecondaryRateLimit: (retryAfter, options, _o, retryCount) => {
                warn(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
                return retryCount < 3;
            },
        },
        retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
    };
}
/**
 * An Octokit for GITHUB_API_URL with retries of transient failures and the throttling plugin: its write group
 * spaces content-creating requests, which keeps a run under GitHub's secondary limit of 80 a minute, and a
 * secondary-limit answer is retried after the time GitHub asks for. `timing` is for tests only.
 */
function createGitHubClient(token, apiUrl, warn, timing) {
    const client = _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q(token, githubClientOptions(apiUrl, warn, timing), _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
    // Last line of defence: no registered secret reaches GitHub in any request's fields, whoever wrote them.
    client.hook.before('request', (options) => {
        for (const key of Object.keys(options)) {
            if (key === 'headers' || key === 'request' || key === 'baseUrl')
                continue;
            options[key] = (0,_report_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .redactDeep */ .KL)(options[key]);
        }
    });
    return client;
}
/** The HTTP status an Octokit error carries, if any. */
function httpStatus(err) {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
}


/***/ }),

/***/ 57743:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gM: () => (/* binding */ withDockerLogin),
/* harmony export */   mi: () => (/* binding */ adcAccessToken)
/* harmony export */ });
/* unused harmony exports adcRegistryToken, reloginDelayMs */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14116);
/* harmony import */ var _report_redaction_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27079);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(22156);
/* harmony import */ var _build_builder_probe_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(24140);
/* harmony import */ var _build_exec_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(44107);
/* harmony import */ var _build_image_ref_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(79557);
/* harmony import */ var _build_secret_files_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(28056);










/** An access token from Application Default Credentials (works after google-github-actions/auth, WIF or key). */
async function adcAccessToken() {
    return (await adcRegistryToken()).token;
}
let adc;
/**
 * An access token from Application Default Credentials with its expiry. One client for the process, so a
 * later call returns the cached token until the library sees it near expiry, and a fresh one after.
 */
async function adcRegistryToken() {
    adc ??= new google_auth_library__WEBPACK_IMPORTED_MODULE_4__.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    let token;
    let expiresAtMs;
    try {
        const client = await adc.getClient();
        token = (await client.getAccessToken()).token;
        expiresAtMs = client.credentials.expiry_date;
    }
    catch (err) {
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`No Google credentials for the registry login: run google-github-actions/auth before this step. (${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(err)})`);
    }
    if (!token)
        throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y('Application Default Credentials returned no access token for the registry login.');
    return typeof expiresAtMs === 'number' ? { token, expiresAtMs } : { token };
}
/**
 * Runs `fn` with an environment logged in to `host`: a temporary DOCKER_CONFIG (and REGISTRY_AUTH_FILE for
 * buildah) holding an oauth2accesstoken login, removed afterwards, also on failure. The local emulator's
 * registry is logged in to the same way: its front authorizes pushes as Artifact Registry does.
 */
async function withDockerLogin(host, fn, deps = {}) {
    const env = deps.env ?? process.env;
    const log = deps.log ?? ((s) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(s));
    const getToken = async () => {
        const got = await (deps.getToken ?? adcRegistryToken)();
        const issued = typeof got === 'string' ? { token: got } : got;
        (0,_report_redaction_js__WEBPACK_IMPORTED_MODULE_3__/* .protectSecret */ .ol)(issued.token);
        return issued;
    };
    const first = await getToken();
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,_build_secret_files_js__WEBPACK_IMPORTED_MODULE_9__/* .tempRoot */ .f)(env), 'gcpd-docker-config-'));
    let relogin;
    /** A renewal in flight: awaited before the directory goes, so no login writes it back afterwards. */
    let renewing;
    let stopped = false;
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(dir, 0o700);
        const authFile = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'config.json');
        // buildah reads the same auths format; pointing it at this file keeps one temporary login for both.
        const loggedIn = { ...env, DOCKER_CONFIG: dir, REGISTRY_AUTH_FILE: authFile };
        await login(host, first.token, loggedIn, authFile);
        log(`logged in to ${host} as oauth2accesstoken (temporary DOCKER_CONFIG)`);
        // The login holds a copy of the token, which the library cannot refresh: a build and push that outlive
        // it would be refused (401). So the login is issued again with a fresh token before it expires; docker,
        // buildx and buildah read the file at each push.
        const schedule = (expiresAtMs) => {
            relogin = setTimeout(() => {
                renewing = (async () => {
                    let next;
                    try {
                        next = await getToken();
                        if (stopped)
                            return;
                        await login(host, next.token, loggedIn, authFile);
                        log(`registry login to ${host} renewed before its token expires`);
                    }
                    catch (err) {
                        if (!stopped)
                            _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(`Could not renew the registry login to ${host}: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(err)}`);
                    }
                    if (!stopped)
                        schedule(next?.expiresAtMs ?? expiresAtMs);
                })();
            }, reloginDelayMs(Date.now(), expiresAtMs));
            relogin.unref();
        };
        schedule(first.expiresAtMs);
        return await fn(loggedIn);
    }
    finally {
        stopped = true;
        clearTimeout(relogin);
        await renewing;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
    }
}
/** Renewal margin: a quarter of what is left, at most 4 minutes (google-auth-library renews at 5). */
const MAX_MARGIN_MS = 4 * 60_000;
/** A login whose token's expiry is unknown is renewed this often (Google's tokens live an hour or less). */
const UNKNOWN_EXPIRY_RENEW_MS = 10 * 60_000;
/** How long until the login with a token expiring at `expiresAtMs` is issued again (pure). */
function reloginDelayMs(nowMs, expiresAtMs) {
    if (expiresAtMs === undefined)
        return UNKNOWN_EXPIRY_RENEW_MS;
    const left = expiresAtMs - nowMs;
    return Math.max(100, left - Math.min(MAX_MARGIN_MS, left / 4));
}
async function login(host, token, env, authFile) {
    const docker = (0,_build_builder_probe_js__WEBPACK_IMPORTED_MODULE_6__/* .dockerCandidates */ .xd)(env)[0];
    // The token goes through stdin; a command line is visible to every process on the machine.
    if (docker) {
        await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_7__/* .runCommand */ .d)(docker, ['login', '--username', 'oauth2accesstoken', '--password-stdin', host], {
            env,
            input: token,
        });
        return;
    }
    const args = ['login', '--authfile', authFile, '--username', 'oauth2accesstoken', '--password-stdin'];
    if ((0,_build_image_ref_js__WEBPACK_IMPORTED_MODULE_8__/* .isLoopbackHost */ .cW)(host))
        args.push('--tls-verify=false');
    await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_7__/* .runCommand */ .d)(env.GCP_DEPLOY_BUILDAH ?? 'buildah', [...args, host], { env, input: token });
}


/***/ }),

/***/ 12514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ imageReadAuth)
/* harmony export */ });
/* unused harmony export isGoogleRegistryHost */
/* harmony import */ var _build_image_ref_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(79557);
/* harmony import */ var _report_redaction_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27079);
/* harmony import */ var _docker_login_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57743);
/* harmony import */ var _manifest_resolve_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4467);




/** True for Artifact Registry's and Container Registry's hosts, which take the deploy's own access token. */
function isGoogleRegistryHost(host) {
    return /(^|\.)(pkg\.dev|gcr\.io)$/.test(host);
}
/**
 * Read access to an image's registry: Artifact Registry (and gcr.io) with the ADC access token the deploy runs
 * as, the emulator's registry (a loopback host while GCP_DEPLOY_EMULATOR_HOST is set) likewise, as its front
 * authorizes like Artifact Registry; any other registry with the login docker left, else anonymously.
 */
async function imageReadAuth(host, env = process.env) {
    const emulated = Boolean(env.GCP_DEPLOY_EMULATOR_HOST) && (0,_build_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .isLoopbackHost */ .cW)(host);
    if (!isGoogleRegistryHost(host) && !emulated)
        return (0,_manifest_resolve_js__WEBPACK_IMPORTED_MODULE_3__/* .registryAuthFromEnv */ .Pe)(host, env);
    const token = await (0,_docker_login_js__WEBPACK_IMPORTED_MODULE_2__/* .adcAccessToken */ .mi)();
    (0,_report_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .protectSecret */ .ol)(token);
    return { kind: 'bearer', token };
}


/***/ }),

/***/ 13742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _n: () => (/* reexport */ artifactRegistryHost),
  IM: () => (/* reexport */ deleteImageTags),
  z0: () => (/* reexport */ ensureRepository),
  tO: () => (/* reexport */ imageName),
  oN: () => (/* reexport */ image_read_auth/* imageReadAuth */.o),
  j7: () => (/* reexport */ manifest_resolve/* resolveTagDigest */.j7),
  gM: () => (/* reexport */ docker_login/* withDockerLogin */.gM)
});

// UNUSED EXPORTS: adcAccessToken, planTagPrune, registryAuthFromEnv, resolvePlatformDigest

// EXTERNAL MODULE: ./src/shared/image-ref.ts
var image_ref = __webpack_require__(70268);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
;// CONCATENATED MODULE: ./src/registry/naming.ts


const REGION = /^[a-z]+(-[a-z]+)*\d*(-[a-z0-9]+)*$/;
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[a-z][a-z0-9.:-]*[a-z0-9]$/;
const REPOSITORY = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
/** `REGION-docker.pkg.dev`, or the `registry_host` override (e.g. a local registry `127.0.0.1:PORT`). */
function artifactRegistryHost(region, override) {
    if (override) {
        if (!HOST.test(override))
            throw user_error/* UserError */.y.forInput('registry_host', override, 'allowed: a host or host:port');
        return override;
    }
    if (!REGION.test(region))
        throw user_error/* UserError */.y.forInput('region', region, 'allowed: a Google Cloud region like us-central1');
    return `${region}-docker.pkg.dev`;
}
/** `host/project/repository/image` (no tag): Artifact Registry's Docker path layout. */
function imageName(opts) {
    if (!HOST.test(opts.host))
        throw user_error/* UserError */.y.forInput('registry_host', opts.host, 'allowed: a host or host:port');
    if (!PROJECT.test(opts.project))
        throw user_error/* UserError */.y.forInput('project_id', opts.project, 'allowed: a Google Cloud project id');
    if (!REPOSITORY.test(opts.repository)) {
        throw user_error/* UserError */.y.forInput('repository', opts.repository, 'allowed: lowercase letters, digits and hyphens, starting with a letter');
    }
    if (!IMAGE.test(opts.image)) {
        throw user_error/* UserError */.y.forInput('image_name', opts.image, 'allowed: lowercase path segments of letters, digits, . _ -');
    }
    // Domain-scoped projects (example.com:proj) appear as example.com/proj in image paths.
    return `${opts.host}/${opts.project.replace(':', '/')}/${opts.repository}/${opts.image}`;
}
/** `projects/P/locations/L/repositories/R`. */
function repositoryResourceName(project, location, repository) {
    return `projects/${project}/locations/${location}/repositories/${repository}`;
}
/** The package resource of an image below a repository (`/` in the image path is encoded as %2F). */
function packageResourceName(repositoryName, image) {
    return `${repositoryName}/packages/${image.split('/').join('%2F')}`;
}
/** The last path segment of a resource name (`.../tags/pr-1` -> `pr-1`). */
function lastSegment(name) {
    return name.slice(name.lastIndexOf('/') + 1);
}
/** `sha256:...` from a digest or a full `image@sha256:...` reference. */
const normaliseDigest = image_ref/* digestOf */.ol;

// EXTERNAL MODULE: ./src/cloudrun/retry.ts
var retry = __webpack_require__(96104);
// EXTERNAL MODULE: ./src/cloudrun/client-factory.ts
var client_factory = __webpack_require__(11440);
;// CONCATENATED MODULE: ./src/registry/repository.ts




const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;
/** A UserError naming the permission and role that are missing, or undefined when `err` is no auth error. */
function permissionError(err, action, repository) {
    const code = (0,retry/* errorCode */.CA)(err);
    if (code === UNAUTHENTICATED) {
        return new user_error/* UserError */.y(`Artifact Registry refused the credentials while reading ${repository}: run google-github-actions/auth (Workload Identity Federation or a key) before this step. (${(0,user_error/* errorMessage */.g)(err)})`);
    }
    if (code !== PERMISSION_DENIED)
        return undefined;
    const needs = action === 'create'
        ? "permission 'artifactregistry.repositories.create' (role roles/artifactregistry.admin), or create the repository once by hand; pushing then needs roles/artifactregistry.writer"
        : "permission 'artifactregistry.repositories.get' (role roles/artifactregistry.reader; roles/artifactregistry.writer, which pushing needs, includes it)";
    return new user_error/* UserError */.y(`Artifact Registry repository ${repository}: the deploying identity lacks ${needs}. (${(0,user_error/* errorMessage */.g)(err)})`);
}
/** Creates the Docker repository when it is missing; a missing permission becomes a UserError that names it. */
async function ensureRepository(opts) {
    const client = (0,client_factory/* artifactRegistryClient */.rC)();
    const name = repositoryResourceName(opts.project, opts.location, opts.repository);
    try {
        try {
            const [repo] = await (0,retry/* withRetry */.bD)(() => client.getRepository({ name }));
            if (repo.format && repo.format !== 'DOCKER') {
                throw new user_error/* UserError */.y(`Input 'repository': got "${opts.repository}", which is a ${String(repo.format)} repository; allowed: a DOCKER repository or a new name.`, 'repository');
            }
            opts.log(`Artifact Registry repository ${name} exists`);
            return { created: false };
        }
        catch (err) {
            if (err instanceof user_error/* UserError */.y)
                throw err;
            if ((0,retry/* errorCode */.CA)(err) !== NOT_FOUND)
                throw permissionError(err, 'get', name) ?? err;
        }
        try {
            await (0,retry/* withRetry */.bD)(async () => {
                const [operation] = await client.createRepository({
                    parent: `projects/${opts.project}/locations/${opts.location}`,
                    repositoryId: opts.repository,
                    repository: { format: 'DOCKER', description: 'Images built by gcp-deploy' },
                });
                await operation.promise();
            });
            opts.log(`created Artifact Registry repository ${name} (format DOCKER)`);
            return { created: true };
        }
        catch (err) {
            // Another run created it between our read and our create: that is what we wanted.
            if ((0,retry/* errorCode */.CA)(err) === ALREADY_EXISTS)
                return { created: false };
            throw permissionError(err, 'create', name) ?? err;
        }
    }
    finally {
        await client.close();
    }
}

// EXTERNAL MODULE: ./src/registry/image-read-auth.ts
var image_read_auth = __webpack_require__(12514);
// EXTERNAL MODULE: ./src/registry/docker-login.ts
var docker_login = __webpack_require__(57743);
;// CONCATENATED MODULE: ./src/registry/prune.ts



const prune_NOT_FOUND = 5;
const FAILED_PRECONDITION = 9;
/** Plans a prune: never deletes a tag whose digest is protected (serving traffic). */
function planTagPrune(current, tags, protectedDigests) {
    const protect = new Set(protectedDigests.map(normaliseDigest));
    const plan = { delete: [], keep: [], missing: [], orphanedDigests: [] };
    for (const tag of [...new Set(tags)]) {
        const digest = current.get(tag);
        if (!digest)
            plan.missing.push(tag);
        else if (protect.has(digest))
            plan.keep.push({ tag, digest });
        else
            plan.delete.push({ tag, digest });
    }
    const deleting = new Set(plan.delete.map((d) => d.tag));
    const touched = new Set(plan.delete.map((d) => d.digest));
    for (const digest of touched) {
        const stillTagged = [...current].some(([t, d]) => d === digest && !deleting.has(t));
        if (!stillTagged && !protect.has(digest))
            plan.orphanedDigests.push(digest);
    }
    return plan;
}
/**
 * Deletes image tags through Artifact Registry, and the versions they leave untagged. A tag whose digest is
 * protected (serving) is kept and the log says so. With dryRun nothing changes and `deleted` lists what would go.
 */
async function deleteImageTags(opts) {
    const client = (0,client_factory/* artifactRegistryClient */.rC)();
    const pkg = packageResourceName(repositoryResourceName(opts.project, opts.location, opts.repository), opts.image);
    try {
        const current = new Map();
        try {
            const [tags] = await (0,retry/* withRetry */.bD)(() => client.listTags({ parent: pkg }));
            for (const t of tags)
                if (t.name && t.version)
                    current.set(lastSegment(t.name), lastSegment(t.version));
        }
        catch (err) {
            if ((0,retry/* errorCode */.CA)(err) !== prune_NOT_FOUND)
                throw err;
            opts.log(`image ${opts.image} not found in ${opts.repository}; no tags to delete`);
            return { deleted: [], kept: [] };
        }
        const plan = planTagPrune(current, opts.tags, opts.protectedDigests);
        for (const tag of plan.missing)
            opts.log(`tag ${opts.image}:${tag} not found; nothing to delete`);
        for (const { tag, digest } of plan.keep) {
            opts.log(`keeping tag ${opts.image}:${tag}: its digest ${digest} is serving traffic`);
        }
        const prefix = opts.dryRun ? 'dry run: would delete' : 'deleted';
        for (const { tag } of plan.delete) {
            if (!opts.dryRun)
                await deleteTag(client, `${pkg}/tags/${tag}`);
            opts.log(`${prefix} tag ${opts.image}:${tag}`);
        }
        for (const digest of plan.orphanedDigests) {
            if (!opts.dryRun)
                await deleteVersion(client, `${pkg}/versions/${digest}`);
            opts.log(`${prefix} untagged version ${opts.image}@${digest}`);
        }
        return { deleted: plan.delete.map((d) => d.tag), kept: plan.keep.map((k) => k.tag) };
    }
    finally {
        await client.close();
    }
}
async function deleteTag(client, name) {
    try {
        await (0,retry/* withRetry */.bD)(() => client.deleteTag({ name }));
    }
    catch (err) {
        // A retry after a delete that landed but whose answer was lost finds it gone: done.
        if ((0,retry/* errorCode */.CA)(err) !== prune_NOT_FOUND)
            throw err;
    }
}
async function deleteVersion(client, name) {
    try {
        await (0,retry/* withRetry */.bD)(async () => {
            const [operation] = await client.deleteVersion({ name, force: false });
            await operation.promise();
        });
    }
    catch (err) {
        // Gone already (a registry that drops untagged manifests) or re-tagged meanwhile: leave it.
        const code = (0,retry/* errorCode */.CA)(err);
        if (code !== prune_NOT_FOUND && code !== FAILED_PRECONDITION)
            throw err;
    }
}

// EXTERNAL MODULE: ./src/registry/manifest-resolve.ts
var manifest_resolve = __webpack_require__(4467);
;// CONCATENATED MODULE: ./src/registry/index.ts








/***/ }),

/***/ 4467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MP: () => (/* binding */ readImageConfig),
/* harmony export */   Pe: () => (/* binding */ registryAuthFromEnv),
/* harmony export */   WI: () => (/* binding */ resolvePlatformDigest),
/* harmony export */   j7: () => (/* binding */ resolveTagDigest)
/* harmony export */ });
/* unused harmony exports MEDIA_TYPES, DEFAULT_PLATFORM, parsePlatform, formatPlatform, isAttestation, platformMatches, parseManifest, chooseManifest, registryBaseUrl, verifyDigest, bearerChallenge */
/* harmony import */ var _shared_sleep_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(47362);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(24371);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(22156);
/* harmony import */ var _build_exec_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(44107);
/* harmony import */ var _build_image_ref_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(79557);
/**
 * Which digest Cloud Run runs. A push can leave an image index (buildx with provenance attestations, a
 * multi-platform build, a buildah manifest list) whose digest differs from that of the one linux/amd64 image
 * Cloud Run runs; buildx's `unknown/unknown` attestation entries have broken deploys that pinned the index.
 * So the deploy pins the platform child, read back from the registry and checked against its digest, and the
 * index digest is kept alongside for the record.
 */









/** The manifest media types this module reads (what Artifact Registry and buildx/docker/buildah push). */
const MEDIA_TYPES = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
};
/** Cloud Run runs linux/amd64 images; this is the target when the `platform` input is unset. */
const DEFAULT_PLATFORM = 'linux/amd64';
const INDEX_TYPES = new Set([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);
const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const PLATFORM = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9]+))?$/;
const IMAGE_REF = /^([^/@]+)\/([^@]+)@(sha256:[0-9a-f]{64})$/;
const ATTESTATION_TYPE = 'vnd.docker.reference.type';
// Registries cap manifests at a few MiB; anything larger is not a manifest worth parsing.
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const ATTEMPTS = 3;
const TIMEOUT_MS = 30_000;
/** Parses `os/architecture[/variant]` (e.g. linux/arm/v7). */
function parsePlatform(text) {
    const m = PLATFORM.exec(text);
    if (!m)
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y.forInput('platform', text, 'allowed: one platform such as linux/amd64');
    const [, os = '', architecture = '', variant] = m;
    return variant ? { os, architecture, variant } : { os, architecture };
}
/** `os/architecture[/variant]`. */
function formatPlatform(p) {
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/** buildx attestation manifests sit in the index as `unknown/unknown` entries; they are never an image to run. */
function isAttestation(entry) {
    if (entry.annotations[ATTESTATION_TYPE] === 'attestation-manifest')
        return true;
    return entry.platform?.os === 'unknown' && entry.platform.architecture === 'unknown';
}
/** Whether an entry's platform is the wanted one (os and architecture, and the variant when one is wanted). */
function platformMatches(want, have) {
    if (!have || have.os !== want.os || have.architecture !== want.architecture)
        return false;
    return want.variant === undefined || want.variant === variantOf(have);
}
// arm64 images often omit their only variant; containerd treats that as v8, so linux/arm64/v8 matches them.
function variantOf(p) {
    return p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
}
/** Parses manifest JSON; an index is told apart by its media type, or by `manifests` when that is absent. */
function parseManifest(json) {
    const body = parseObject(json, 'manifest');
    const mediaType = typeof body.mediaType === 'string' ? body.mediaType : undefined;
    const isIndex = mediaType ? INDEX_TYPES.has(mediaType) : Array.isArray(body.manifests);
    if (!isIndex) {
        if (mediaType && !Object.values(MEDIA_TYPES).includes(mediaType)) {
            throw new Error(`unsupported manifest media type ${mediaType}`);
        }
        return { kind: 'manifest', mediaType: mediaType ?? MEDIA_TYPES.ociManifest };
    }
    if (!Array.isArray(body.manifests))
        throw new Error('image index without a manifests list');
    return {
        kind: 'index',
        mediaType: mediaType ?? MEDIA_TYPES.ociIndex,
        entries: body.manifests.map((m, i) => parseEntry(m, i)),
    };
}
/**
 * Chooses what to deploy from a manifest's JSON: a plain manifest is itself; an index gives its entry for
 * `platform` (default linux/amd64), skipping attestations. No such entry is a UserError naming what there is.
 */
function chooseManifest(json, platform, ref = 'the image') {
    const parsed = parseManifest(json);
    if (parsed.kind === 'manifest')
        return { kind: 'manifest' };
    const want = parsePlatform(platform ?? DEFAULT_PLATFORM);
    const images = parsed.entries.filter((e) => !isAttestation(e));
    // A nested index is not an image either; Cloud Run needs a single-platform manifest.
    const child = images.find((e) => !INDEX_TYPES.has(e.mediaType) && platformMatches(want, e.platform));
    if (child)
        return { kind: 'index', child };
    throw new _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(noMatchMessage(ref, want, images, parsed.entries.length - images.length), 'platform');
}
function noMatchMessage(ref, want, images, attestations) {
    const have = images.map((e) => (e.platform ? formatPlatform(e.platform) : `no platform (${e.digest})`));
    const listed = have.length > 0 ? have.join(', ') : 'no image at all';
    const extra = attestations > 0 ? ` and ${attestations} attestation manifest(s)` : '';
    return (`${ref} is an image index without a ${formatPlatform(want)} image: it has ${listed}${extra}. ` +
        `Cloud Run runs one platform (linux/amd64 unless input 'platform' says otherwise): build for it.`);
}
function parseObject(json, what) {
    let value;
    try {
        value = JSON.parse(json);
    }
    catch (err) {
        throw new Error(`${what} is not JSON: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(err)}`, { cause: err });
    }
    if (!isRecord(value))
        throw new Error(`${what} is not a JSON object`);
    return value;
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function parseEntry(value, i) {
    if (!isRecord(value) || typeof value.digest !== 'string' || !DIGEST.test(value.digest)) {
        throw new Error(`image index entry ${i} has no sha256 digest`);
    }
    return {
        digest: value.digest,
        mediaType: typeof value.mediaType === 'string' ? value.mediaType : '',
        ...(isRecord(value.platform) ? { platform: entryPlatform(value.platform) } : {}),
        annotations: stringValues(value.annotations),
    };
}
function entryPlatform(p) {
    const os = typeof p.os === 'string' ? p.os : '';
    const architecture = typeof p.architecture === 'string' ? p.architecture : '';
    return typeof p.variant === 'string' && p.variant
        ? { os, architecture, variant: p.variant }
        : { os, architecture };
}
function stringValues(v) {
    if (!isRecord(v))
        return {};
    return Object.fromEntries(Object.entries(v).filter((e) => typeof e[1] === 'string'));
}
/**
 * Reads `name@sha256:...` from its registry; an index resolves to its child for `platform` (default
 * linux/amd64). Every manifest read is checked against its digest, so what is returned is what is stored.
 */
async function resolvePlatformDigest(imageRef, platform, auth) {
    const m = IMAGE_REF.exec(imageRef);
    if (!m) {
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y.forInput('image', imageRef, 'allowed: an image pinned by digest, such as host/path/app@sha256:<64 hex>');
    }
    const [, host = '', repository = '', digest = ''] = m;
    const name = `${host}/${repository}`;
    const registry = registryClient(host, repository, auth);
    const choice = chooseManifest((await registry.manifest(digest)).toString('utf8'), platform, imageRef);
    if (choice.kind === 'manifest')
        return { imageRef, digest };
    const child = choice.child.digest;
    // Read the child too: it must exist and hash to its digest, or the deploy would pin a dangling reference.
    const parsed = parseManifest((await registry.manifest(child)).toString('utf8'));
    if (parsed.kind !== 'manifest')
        throw new Error(`${name}@${child} from index ${digest} is itself an index`);
    return {
        imageRef: `${name}@${child}`,
        digest: child,
        indexDigest: digest,
        platform: formatPlatform(choice.child.platform ?? parsePlatform(platform ?? DEFAULT_PLATFORM)),
    };
}
/** Reads a single-platform image's manifest and config blob, both checked against their digests. */
async function readImageConfig(imageRef, auth) {
    const m = IMAGE_REF.exec(imageRef);
    if (!m)
        throw new Error(`${imageRef} is not pinned by digest`);
    const [, host = '', repository = '', digest = ''] = m;
    const registry = registryClient(host, repository, auth);
    const manifest = parseObject((await registry.manifest(digest)).toString('utf8'), 'manifest');
    const config = isRecord(manifest.config) ? manifest.config : undefined;
    const configDigest = typeof config?.digest === 'string' ? config.digest : undefined;
    if (configDigest === undefined || !DIGEST.test(configDigest)) {
        throw new Error(`${imageRef} is not a single-platform image manifest`);
    }
    const layers = Array.isArray(manifest.layers) ? manifest.layers : [];
    const sizeOf = (v) => (isRecord(v) && typeof v.size === 'number' ? v.size : 0);
    const blob = parseObject((await registry.blob(configDigest)).toString('utf8'), 'image config');
    const inner = isRecord(blob.config) ? blob.config : {};
    return {
        user: typeof inner.User === 'string' ? inner.User : '',
        sizeBytes: layers.reduce((sum, l) => sum + sizeOf(l), sizeOf(config)),
    };
}
const TAGGED_REF = /^([^/@\s]+)\/([^@:\s]+):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;
/**
 * The digest `host/path/app:tag` points at now, as `host/path/app@sha256:...`: the manifest (or index) the
 * registry serves for the tag, hashed here. When the registry names the digest (Docker-Content-Digest), it
 * must agree. Deploying this reference instead of the tag pins what runs.
 */
async function resolveTagDigest(imageRef, auth) {
    const m = TAGGED_REF.exec(imageRef);
    if (!m) {
        throw _config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y.forInput('image', imageRef, 'allowed: an image by tag, such as host/path/app:v1');
    }
    const [, host = '', repository = '', tag = ''] = m;
    const { body, headers } = await registryClient(host, repository, auth).fetch(tag);
    const digest = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(body).digest('hex')}`;
    const named = headers['docker-content-digest'];
    if (typeof named === 'string' && named !== '' && named !== digest) {
        throw new Error(`registry says ${imageRef} is ${named}, but the manifest it served hashes to ${digest}; refusing to deploy it`);
    }
    return { imageRef: `${host}/${repository}@${digest}`, digest };
}
/** Loopback registries (the local test registry, the emulator's) speak plain HTTP; every other one HTTPS. */
function registryBaseUrl(host) {
    return `${(0,_build_image_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .isLoopbackHost */ .cW)(host) ? 'http' : 'https'}://${host}`;
}
function registryClient(host, repository, auth) {
    const base = registryBaseUrl(host);
    // Upgraded once a token-server challenge was answered, so the child read reuses the token.
    let authorization = authorizationHeader(auth);
    /** A GET with the registry's credentials, answering its token-server challenge once. */
    const getAuthorized = async (url) => {
        const res = await getWithRetries(url, authorization);
        const challenge = bearerChallenge(res.headers['www-authenticate']);
        if (res.status !== 401 || !challenge || auth.kind === 'bearer')
            return res;
        authorization = `Bearer ${await fetchRegistryToken(challenge, repository, auth)}`;
        return getWithRetries(url, authorization);
    };
    const fetch = async (reference) => {
        const res = await getAuthorized(`${base}/v2/${repository}/manifests/${reference}`);
        const sep = reference.startsWith('sha256:') ? '@' : ':';
        if (res.status !== 200)
            throw new Error(statusMessage(`${host}/${repository}${sep}${reference}`, res));
        return res;
    };
    return {
        fetch,
        async manifest(digest) {
            const res = await fetch(digest);
            verifyDigest(res.body, digest, `${host}/${repository}`);
            return res.body;
        },
        async blob(digest) {
            let url = `${base}/v2/${repository}/blobs/${digest}`;
            let res = await getAuthorized(url);
            // Artifact Registry answers with a redirect to signed storage, which takes no registry credentials.
            for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 3; hops++) {
                const location = res.headers.location;
                if (typeof location !== 'string')
                    break;
                url = new URL(location, url).toString();
                res = await getWithRetries(url, undefined);
            }
            if (res.status !== 200)
                throw new Error(statusMessage(`${host}/${repository}@${digest}`, res));
            verifyDigest(res.body, digest, `${host}/${repository}`);
            return res.body;
        },
    };
}
function authorizationHeader(auth) {
    if (auth.kind === 'basic')
        return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return auth.kind === 'bearer' ? `Bearer ${auth.token}` : undefined;
}
/** Throws unless the bytes hash to the digest (the registry could serve a different or damaged manifest). */
function verifyDigest(bytes, digest, name) {
    const actual = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
    if (actual !== digest) {
        throw new Error(`registry returned a manifest for ${name}@${digest} whose sha256 is ${actual}; refusing to deploy it`);
    }
}
// Registries answer the odd 429/5xx right after a push; a short retry beats failing a deploy that built fine.
async function getWithRetries(url, authorization) {
    for (let attempt = 1;; attempt++) {
        try {
            const res = await get(url, { accept: ACCEPT, ...(authorization ? { authorization } : {}) });
            if ((res.status !== 429 && res.status < 500) || attempt >= ATTEMPTS)
                return res;
        }
        catch (err) {
            if (attempt >= ATTEMPTS)
                throw new Error(`cannot read ${url}: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(err)}`, { cause: err });
        }
        await (0,_shared_sleep_js__WEBPACK_IMPORTED_MODULE_8__/* .sleep */ .y)(250 * 2 ** attempt);
    }
}
async function get(url, headers) {
    const res = await (0,undici__WEBPACK_IMPORTED_MODULE_4__/* .request */ .Em)(url, {
        method: 'GET',
        headers,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    if (body.length > MAX_MANIFEST_BYTES)
        throw new Error(`${url} answered ${body.length} bytes, too large for a manifest`);
    return { status: res.statusCode, headers: res.headers, body };
}
function statusMessage(what, res) {
    const detail = res.body.toString('utf8').slice(0, 300).trim();
    const hint = res.status === 401 || res.status === 403
        ? ' (the deploying account needs read access, e.g. roles/artifactregistry.reader)'
        : res.status === 404
            ? ' (manifest unknown)'
            : '';
    return `reading ${what} from the registry: HTTP ${res.status}${hint}${detail ? `: ${detail}` : ''}`;
}
/** Parses a Bearer challenge; undefined for Basic or none. */
function bearerChallenge(header) {
    const value = Array.isArray(header) ? header.join(', ') : header;
    if (!value || !/^bearer\s/i.test(value))
        return undefined;
    const params = Object.fromEntries([...value.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const realm = params.realm;
    if (!realm)
        return undefined;
    return params.service ? { realm, service: params.service } : { realm };
}
async function fetchRegistryToken(challenge, repository, auth) {
    const url = new URL(challenge.realm);
    // The login goes to the realm: never over plain HTTP to anything but loopback.
    if (url.protocol !== 'https:' && !(0,_build_image_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .isLoopbackHost */ .cW)(url.host)) {
        throw new Error(`registry token server ${url.origin} is not HTTPS; not sending the login there`);
    }
    if (challenge.service)
        url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', `repository:${repository}:pull`);
    const authorization = authorizationHeader(auth);
    const res = await get(url.toString(), authorization ? { authorization } : {});
    if (res.status !== 200)
        throw new Error(statusMessage(`a pull token for ${repository}`, res));
    const body = parseObject(res.body.toString('utf8'), 'token response');
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || !token)
        throw new Error(`token server ${url.origin} returned no token`);
    return token;
}
/**
 * The login for `host` that `docker login` / `buildah login` left in env's auth file (withDockerLogin's
 * temporary DOCKER_CONFIG, else ~/.docker): a credential helper's, else `auths`; anonymous when there is none.
 */
async function registryAuthFromEnv(host, env = process.env) {
    const dockerFile = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(env.DOCKER_CONFIG ?? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)(), '.docker'), 'config.json');
    const files = [...new Set([env.REGISTRY_AUTH_FILE, dockerFile].filter((f) => Boolean(f)))];
    for (const file of files) {
        const config = await readDockerConfig(file);
        const helper = config ? helperFor(config, host) : undefined;
        const auth = (helper ? await fromHelper(helper, host, env) : undefined) ?? fromAuths(config, host);
        if (auth)
            return auth;
    }
    return { kind: 'anonymous' };
}
async function readDockerConfig(file) {
    try {
        const value = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8'));
        return isRecord(value) ? value : undefined;
    }
    catch {
        // No file or a broken one is no login, the same as docker treats it.
        return undefined;
    }
}
function helperFor(config, host) {
    const perHost = stringValues(config.credHelpers)[host];
    return (perHost ?? (typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined));
}
function fromAuths(config, host) {
    const auths = isRecord(config?.auths) ? config.auths : {};
    // Older docker versions keyed logins by URL.
    const entry = auths[host] ?? auths[`https://${host}`];
    const encoded = isRecord(entry) ? entry.auth : undefined;
    if (typeof encoded !== 'string' || !encoded)
        return undefined;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
        return undefined;
    return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
// Where docker login stored the secret when a credential helper is configured: `docker-credential-X get`.
async function fromHelper(helper, host, env) {
    const out = await (0,_build_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .runCommand */ .d)(`docker-credential-${helper}`, ['get'], {
        env,
        input: host,
        allowFailure: true,
    }).catch(() => undefined);
    if (!out || out.code !== 0)
        return undefined;
    try {
        const value = JSON.parse(out.stdout);
        if (!isRecord(value) || typeof value.Username !== 'string' || typeof value.Secret !== 'string')
            return undefined;
        return { kind: 'basic', username: value.Username, password: value.Secret };
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 47362:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ sleepThen),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** The one abortable wait: retries, operation polls and the load engine's pacing all sleep through it. */
/** Calls `then` once after ms, or as soon as the signal aborts (at once when it already has). */
function sleepThen(ms, signal, then) {
    if (ms <= 0 || signal?.aborted === true) {
        then();
        return;
    }
    const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        then();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
}
/** Resolves after ms, or at once when the signal aborts (the caller then checks it). */
function sleep(ms, signal) {
    return new Promise((resolve) => sleepThen(ms, signal, resolve));
}


/***/ })

};
