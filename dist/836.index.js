export const id = 836;
export const ids = [836];
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

/***/ 74836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareForkPreview: () => (/* binding */ prepareForkPreview)
});

// UNUSED EXPORTS: requireStrictFork

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/github/octokit.ts
var octokit = __webpack_require__(6702);
// EXTERNAL MODULE: ./src/github/fork-approval.ts + 1 modules
var fork_approval = __webpack_require__(15077);
// EXTERNAL MODULE: ./src/build/archive-metadata.ts
var archive_metadata = __webpack_require__(56314);
// EXTERNAL MODULE: ./src/build/index.ts + 1 modules
var build = __webpack_require__(66330);
// EXTERNAL MODULE: ./src/build/exec.ts
var exec = __webpack_require__(44107);
// EXTERNAL MODULE: ./src/build/image-ref.ts
var image_ref = __webpack_require__(79557);
// EXTERNAL MODULE: ./src/build/secret-files.ts
var secret_files = __webpack_require__(28056);
;// CONCATENATED MODULE: ./src/registry/archive-push.ts
/**
 * Pushes a fork's OCI archive to Artifact Registry from the privileged workflow_run job without running
 * anything the fork made: skopeo reads the archive as data (an OCI image layout in a tar) and copies its
 * blobs to the registry. skopeo rather than our own registry client: GitHub's Ubuntu runners ship it, it
 * speaks the same auth file the buildah path writes, and it checks every blob's digest as it copies.
 */







const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
function skopeo(env) {
    return env.GCP_DEPLOY_SKOPEO ?? 'skopeo';
}
function archiveError(path, why) {
    return new user_error/* UserError */.y(`Input 'image_archive': ${path} ${why}; allowed: the OCI archive command: build wrote (an OCI image layout tar of at most ${archive_metadata/* MAX_ARCHIVE_BYTES */.Ip / 1024 ** 3} GiB).`, 'image_archive');
}
/** A regular file, not too big, with a tar header: checked before skopeo opens it. */
function checkArchiveFile(path, maxBytes = archive_metadata/* MAX_ARCHIVE_BYTES */.Ip) {
    let size;
    try {
        const st = (0,external_node_fs_.lstatSync)(path);
        if (!st.isFile())
            throw archiveError(path, 'is not a regular file');
        size = st.size;
    }
    catch (err) {
        if (err instanceof user_error/* UserError */.y)
            throw err;
        throw archiveError(path, 'cannot be read');
    }
    if (size > maxBytes)
        throw archiveError(path, `is ${size} bytes, more than ${maxBytes}`);
    const header = Buffer.alloc(512);
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        (0,external_node_fs_.readSync)(fd, header, 0, 512, 0);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    // POSIX and GNU tar headers both carry "ustar" at offset 257.
    if (header.subarray(257, 262).toString('latin1') !== 'ustar')
        throw archiveError(path, 'is not a tar archive');
    return size;
}
/** The image config digest the archive's single manifest names, read by skopeo without running anything. */
async function archiveConfigDigest(path, env = process.env) {
    let raw;
    try {
        raw = (await (0,exec/* runCommand */.d)(skopeo(env), ['inspect', '--raw', `oci-archive:${path}`], { env })).stdout;
    }
    catch (err) {
        if (err.code === 'ENOENT') {
            throw new user_error/* UserError */.y(`Input 'image_archive': pushing an archive needs skopeo on the runner (GitHub's Ubuntu runners have it; elsewhere apt-get install skopeo).`, 'image_archive');
        }
        throw archiveError(path, 'is not an OCI image layout skopeo can read');
    }
    let manifest;
    try {
        manifest = JSON.parse(raw);
    }
    catch {
        throw archiveError(path, 'holds a manifest that is not JSON');
    }
    const digest = manifest.config?.digest;
    if ((manifest.mediaType !== OCI_MANIFEST && manifest.mediaType !== DOCKER_MANIFEST) ||
        typeof digest !== 'string' ||
        !/^sha256:[0-9a-f]{64}$/.test(digest)) {
        throw archiveError(path, 'does not hold one single-platform image manifest');
    }
    return digest;
}
/**
 * Copies the archive to `imageName:tag` for every tag (in an environment logged in to the registry) and
 * returns the manifest digest the registry stored.
 */
async function pushArchive(path, image, tags, env, log) {
    const tls = !(0,image_ref/* isLoopbackHost */.cW)((0,image_ref/* registryHostOf */.pY)(image));
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,secret_files/* tempRoot */.f)(env), 'gcpd-skopeo-'));
    try {
        let first;
        for (const [n, tag] of tags.entries()) {
            const file = (0,external_node_path_.join)(dir, `digest-${n}`);
            const args = ['copy', '--digestfile', file, ...(tls ? [] : ['--dest-tls-verify=false'])];
            args.push(`oci-archive:${path}`, `docker://${image}:${tag}`);
            log(`$ skopeo ${args.join(' ')}`);
            await (0,exec/* runCommand */.d)(skopeo(env), args, { env, onLine: log });
            const digest = (0,external_node_fs_.readFileSync)(file, 'utf8').trim();
            first ??= digest;
        }
        if (!first?.startsWith('sha256:'))
            throw new Error(`skopeo copy wrote no digest (${first ?? 'nothing'})`);
        return first;
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./src/registry/index.ts + 3 modules
var registry = __webpack_require__(13742);
;// CONCATENATED MODULE: ./src/commands/fork-preview.ts
/**
 * `command: preview` with `image_archive` in a privileged `workflow_run` job: the second half of a fork
 * PR's preview. Everything the event and the archive's metadata say is checked through the API first (the
 * finished run, the PR's current head, the maintainer's approval of that exact commit); then skopeo pushes
 * the archive, nothing from it running here, and the normal preview deploys the pushed digest as it
 * deploys a prebuilt `image`.
 */










/** A fork's code previews only as its own identity and with production's data connections refused. */
function requireStrictFork(config) {
    const missing = [];
    if (config.preview.serviceAccount === undefined)
        missing.push('preview_service_account is not set');
    if (config.preview.isolation !== 'strict')
        missing.push(`isolation is "${config.preview.isolation}"`);
    if (missing.length > 0) {
        throw new user_error/* UserError */.y(`Input 'image_archive': a fork's archive previews only with preview_service_account set and isolation: strict (${missing.join(', ')}); allowed: set preview_service_account to a service account with no production access, and isolation: strict.`, 'image_archive');
    }
}
function readMetadata(archive) {
    const path = (0,archive_metadata/* metadataPathFor */.Gz)(archive);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        throw new user_error/* UserError */.y(`Input 'image_archive': no metadata at ${path}; allowed: the archive and the .json file command: build wrote beside it, downloaded together.`, 'image_archive');
    }
    try {
        return (0,archive_metadata/* parseArchiveMetadata */.Vj)(text);
    }
    catch (err) {
        throw new user_error/* UserError */.y(`Input 'image_archive': ${path}: ${(0,user_error/* errorMessage */.g)(err)}.`, 'image_archive');
    }
}
/** Checks, waits for approval or pushes: the config and event the normal preview then runs with. */
async function prepareForkPreview(config, ctx) {
    const archive = (0,external_node_path_.resolve)(config.build.imageArchive);
    if (config.build.prebuiltImage !== undefined) {
        throw new user_error/* UserError */.y(`Input 'image_archive': set either image or image_archive, not both.`, 'image_archive');
    }
    requireStrictFork(config);
    const run = ctx.workflowRun;
    if (ctx.eventName !== 'workflow_run' || run === undefined) {
        throw new user_error/* UserError */.y(`Input 'image_archive': got an archive on a '${ctx.eventName}' event; allowed: a workflow_run event (the run that built the archive has finished).`, 'image_archive');
    }
    if (config.github.token === '') {
        throw new user_error/* UserError */.y(`Input 'github_token' is required with image_archive: the run, the PR and its approval are read through the API.`, 'github_token');
    }
    checkArchiveFile(archive);
    const meta = readMetadata(archive);
    const client = (0,octokit/* createGitHubClient */.LX)(config.github.token, ctx.apiUrl, core/* warning */.$e);
    const repo = ctx.repo;
    // The event says which run finished; the API says what it was.
    const { data: built } = await client.rest.actions.getWorkflowRun({ ...repo, run_id: run.runId });
    const headRepo = built.head_repository?.full_name;
    if (built.event !== 'pull_request' || built.conclusion !== 'success' || built.head_sha !== run.headSha) {
        throw new user_error/* UserError */.y(`Input 'image_archive': run ${run.runId} is a ${built.event} run concluded ${built.conclusion ?? 'not yet'} at ${built.head_sha}; allowed: the successful pull_request run that built the archive.`, 'image_archive');
    }
    // GitHub lists no PRs on a fork's run; the metadata's number is a claim the PR's head must confirm.
    const prNumber = ctx.prNumber ?? meta.pr;
    const { data: pull } = await client.rest.pulls.get({ ...repo, pull_number: prNumber });
    if (pull.state !== 'open' || pull.head.sha !== built.head_sha || pull.head.repo?.full_name !== headRepo) {
        core/* notice */.lm(`PR #${prNumber} is ${pull.state} with head ${pull.head.sha}; run ${run.runId} built ${built.head_sha}: nothing to preview (a newer push has its own build).`);
        core/* setOutput */.uH('result', 'skipped');
        return { kind: 'done' };
    }
    const sha = built.head_sha;
    const approval = await (0,fork_approval/* readApproval */.yp)(client, repo, sha);
    if (!approval.approved) {
        core/* notice */.lm(`PR #${prNumber}: ${approval.why}. Nothing was pushed or deployed.`);
        await (0,fork_approval/* recordPending */.PQ)(client, repo, sha, run.runId, ctx.runUrl);
        core/* setOutput */.uH('result', 'skipped');
        if (process.env.GITHUB_STEP_SUMMARY) {
            await core/* summary */.z.addRaw(`⏸️ PR #${prNumber}: ${approval.why}.`, true).write();
        }
        return { kind: 'done' };
    }
    const configDigest = await archiveConfigDigest(archive);
    const problems = (0,archive_metadata/* metadataMismatches */.yy)(meta, {
        pr: prNumber,
        headSha: sha,
        service: config.service,
        configDigest,
        archiveName: (0,external_node_path_.basename)(archive),
    });
    if (problems.length > 0) {
        throw new user_error/* UserError */.y(`Input 'image_archive': the archive's metadata does not match: ${problems.join('; ')}. Nothing was pushed.`, 'image_archive');
    }
    core/* info */.pq(`PR #${prNumber}: commit ${sha.slice(0, 7)} approved by @${approval.by}; pushing its archive.`);
    const host = (0,registry/* artifactRegistryHost */._n)(config.region, config.build.registryHost);
    const image = (0,registry/* imageName */.tO)({
        host,
        project: config.projectId,
        repository: config.build.repository,
        image: config.build.imageName,
    });
    await (0,registry/* ensureRepository */.z0)({
        project: config.projectId,
        location: config.region,
        repository: config.build.repository,
        log: core/* info */.pq,
    });
    const digest = await (0,registry/* withDockerLogin */.gM)(host, (env) => pushArchive(archive, image, (0,build/* imageTags */.rK)(prNumber, sha), env, core/* info */.pq));
    core/* info */.pq(`Pushed ${image}@${digest} (image config ${configDigest}).`);
    return {
        kind: 'deploy',
        config: { ...config, build: { ...config.build, prebuiltImage: `${image}@${digest}` } },
        ctx: {
            ...ctx,
            prNumber,
            headSha: sha,
            headRef: pull.head.ref,
            prTitle: pull.title,
            isFork: true,
            ...(pull.base.sha ? { baseSha: pull.base.sha } : {}),
        },
    };
}


/***/ }),

/***/ 15077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yp: () => (/* binding */ readApproval),
  Li: () => (/* binding */ recordApproval),
  PQ: () => (/* binding */ recordPending),
  LM: () => (/* binding */ rerunBuild),
  kv: () => (/* binding */ waitingBuild)
});

;// CONCATENATED MODULE: ./src/github/approval-rule.ts
/**
 * Approval of a fork PR's head, per commit. A maintainer's `/preview` or preview label makes the privileged
 * job write a commit status with APPROVAL_CONTEXT on the PR's head commit as the API names it at that
 * moment; the workflow_run job deploys an archive only when that commit carries a successful one. Statuses
 * belong to one SHA, so a new push has none and waits for a new approval; only a token that may write to
 * this repository can create one, which a fork's pull_request run never holds. Pure, so tables test it.
 */
const APPROVAL_CONTEXT = 'gcp-deploy/fork-approval';
/** How an approval's description names who approved: "Approved by @login (/preview)". */
function approvalDescription(login, how) {
    return `Approved by @${login} (${how})`;
}
/**
 * What the workflow_run job writes (state pending) when an archive waits for approval: the build run it
 * would deploy, so the approving job can re-run exactly that run.
 */
function pendingDescription(buildRunId) {
    return `Waiting for a maintainer's /preview or label (build run ${buildRunId})`;
}
/** The build run the latest pending approval status names, if the latest status is one. */
function pendingBuildRun(statuses) {
    const latest = latestOurs(statuses);
    if (latest?.state !== 'pending')
        return undefined;
    const id = /\(build run (\d{1,20})\)/.exec(latest.description ?? '')?.[1];
    return id === undefined ? undefined : Number(id);
}
function latestOurs(statuses) {
    return statuses
        .filter((s) => s.context === APPROVAL_CONTEXT)
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}
/** The approval of `sha` from its statuses: the latest APPROVAL_CONTEXT status decides. */
function approvalOf(statuses, sha) {
    const latest = latestOurs(statuses);
    const short = sha.slice(0, 7);
    if (latest === undefined) {
        return {
            approved: false,
            why: `commit ${short} has no maintainer approval: a user with write access comments /preview (or adds the preview label) to preview it`,
        };
    }
    if (latest.state === 'pending') {
        return {
            approved: false,
            why: `commit ${short} waits for a maintainer's approval: a user with write access comments /preview (or adds the preview label) to preview it`,
        };
    }
    if (latest.state !== 'success') {
        return { approved: false, why: `the approval of commit ${short} was withdrawn (${latest.state})` };
    }
    const by = /@([A-Za-z0-9-]+(\[bot\])?)/.exec(latest.description ?? '')?.[1] ?? 'a maintainer';
    return { approved: true, by };
}

;// CONCATENATED MODULE: ./src/github/fork-approval.ts

async function recordApproval(client, r, sha, login, how, targetUrl) {
    await client.rest.repos.createCommitStatus({
        ...r,
        sha,
        state: 'success',
        context: APPROVAL_CONTEXT,
        description: approvalDescription(login, how),
        target_url: targetUrl,
    });
}
async function listStatuses(client, r, sha) {
    const statuses = await client.paginate(client.rest.repos.listCommitStatusesForRef, {
        ...r,
        ref: sha,
        per_page: 100,
    });
    return statuses.map((s) => ({
        context: s.context,
        state: s.state,
        description: s.description,
        created_at: s.created_at,
    }));
}
/** Reads the approval of `sha` from its commit statuses, through the API (never from the event). */
async function readApproval(client, r, sha) {
    return approvalOf(await listStatuses(client, r, sha), sha);
}
/** Marks `sha` as waiting for approval, naming the build run to re-run once approved. */
async function recordPending(client, r, sha, buildRunId, targetUrl) {
    await client.rest.repos.createCommitStatus({
        ...r,
        sha,
        state: 'pending',
        context: APPROVAL_CONTEXT,
        description: pendingDescription(buildRunId),
        target_url: targetUrl,
    });
}
/**
 * The build run waiting for approval (named by the pending status the workflow_run job wrote), read
 * before the approval is recorded: once it is, the latest status is the approval. Undefined when no run
 * waits: the build has not finished yet, and its completion will find the approval.
 */
async function waitingBuild(client, r, sha) {
    return pendingBuildRun(await listStatuses(client, r, sha));
}
/** Re-runs a build run, so its completion starts the workflow_run preview again, now approved. */
async function rerunBuild(client, r, runId) {
    await client.rest.actions.reRunWorkflow({ ...r, run_id: runId });
}


/***/ })

};
