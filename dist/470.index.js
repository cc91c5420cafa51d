export const id = 470;
export const ids = [470];
export const modules = {

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

/***/ 61470:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runEnvironment: () => (/* binding */ runEnvironment)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/github/index.ts + 11 modules
var src_github = __webpack_require__(44686);
// EXTERNAL MODULE: ./src/report/environment-report.ts
var environment_report = __webpack_require__(3970);
// EXTERNAL MODULE: ./src/report/run-comment.ts + 1 modules
var run_comment = __webpack_require__(18065);
// EXTERNAL MODULE: ./src/report/redaction.ts
var redaction = __webpack_require__(27079);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/build/build-inputs.ts
var build_inputs = __webpack_require__(21140);
// EXTERNAL MODULE: ./src/environment/environment-file.ts
var environment_file = __webpack_require__(10971);
// EXTERNAL MODULE: ./src/cloudrun/invoker-policy.ts
var invoker_policy = __webpack_require__(9963);
;// CONCATENATED MODULE: ./src/checks/service-calls.ts
/**
 * Service-to-service calls between private services: a service that needs another calls it with an ID token
 * minted by the metadata server for its own runtime identity, and Cloud Run lets the call in only when that
 * identity holds an invoker role on the callee. When a member of an environment fails its checks, this says
 * which of its calls Cloud Run would refuse, naming the identity, the role and the service, with the grant.
 */


/** The runtime identity a revision runs as when its template names none. */
const DEFAULT_COMPUTE_ACCOUNT = "the project's default compute service account";
const DEFAULT_COMPUTE_SUFFIX = '-compute@developer.gserviceaccount.com';
/**
 * The needs of `caller` whose service-level policy lets its identity in by no invoking role (pure). A public
 * callee, or one whose policy could not be read, is never reported: only what the policy shows.
 */
function refusedCalls(caller, identity, callees) {
    const admits = (members) => identity === undefined
        ? members.some((m) => m.startsWith('serviceAccount:') && m.endsWith(DEFAULT_COMPUTE_SUFFIX))
        : members.includes(`serviceAccount:${identity}`);
    return callees
        .filter(({ access }) => access !== undefined && !access.public && access.invokers !== undefined)
        .filter(({ access }) => !admits(access?.invokers ?? []))
        .map(({ name }) => ({ caller, identity, callee: name }));
}
/** One sentence per refused call: who, which role, on which service, and the gcloud grant. */
function describeRefusedCall(call, where) {
    const who = call.identity ?? DEFAULT_COMPUTE_ACCOUNT;
    const member = call.identity === undefined
        ? `serviceAccount:PROJECT_NUMBER${DEFAULT_COMPUTE_SUFFIX}`
        : `serviceAccount:${call.identity}`;
    return (`${call.caller} runs as ${who}, which lacks ${invoker_policy/* INVOKER_ROLE */._H} on service ${call.callee}: Cloud Run refuses ` +
        `its calls to ${call.callee} (HTTP 403). Grant it: gcloud run services add-iam-policy-binding ` +
        `${call.callee} --project ${where.project} --region ${where.region} --member ${member} --role ${invoker_policy/* INVOKER_ROLE */._H}` +
        // A service that a failed first preview created is gone again, so its own policy cannot hold the grant.
        ` (or on the project, for services that do not exist yet: gcloud projects add-iam-policy-binding ` +
        `${where.project} --member ${member} --role ${invoker_policy/* INVOKER_ROLE */._H})`);
}
/**
 * The sentences for the calls the failing `caller` makes that its callees' policies refuse, read from Cloud
 * Run (a read that fails leaves that callee out: this only explains, it never fails the run itself).
 */
async function explainRefusedCalls(facts) {
    if (facts.callees.length === 0)
        return [];
    let identity;
    try {
        identity = await facts.identity();
    }
    catch {
        return [];
    }
    const callees = await Promise.all(facts.callees.map(async (c) => ({ name: c.name, access: await c.access().catch(() => undefined) })));
    return refusedCalls(facts.caller, identity, callees).map((call) => describeRefusedCall(call, facts));
}

// EXTERNAL MODULE: ./src/report/phases.ts
var phases = __webpack_require__(62568);
// EXTERNAL MODULE: ./src/commands/service-tools.ts + 7 modules
var service_tools = __webpack_require__(89105);
// EXTERNAL MODULE: ./src/commands/cleanup.ts
var cleanup = __webpack_require__(86914);
// EXTERNAL MODULE: ./src/commands/sweep-plan.ts
var sweep_plan = __webpack_require__(66368);
// EXTERNAL MODULE: ./src/commands/sweep.ts
var sweep = __webpack_require__(65522);
;// CONCATENATED MODULE: ./src/commands/preview-cap.ts




/** Applies the cap for the PR `report` just previewed; a no-op without `max_previews` or on failure. */
async function enforcePreviewCap(config, ctx, report, ports) {
    const max = config.optIn.maxPreviews;
    const pr = report.prNumber;
    if (max === undefined || pr === undefined || report.result !== 'success')
        return;
    const service = await ports.cloudRun.getService();
    const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
    const tagged = new Set((service?.traffic ?? []).flatMap((t) => (t.tag === undefined ? [] : [t.tag])));
    // A preview is live while its PR's tag is on the service.
    const live = new Map([...(0,sweep_plan/* lastDeployByPr */.vP)(revisions)].filter(([n]) => tagged.has((0,sweep/* tagOf */.cO)(config, n))));
    const evict = (0,sweep_plan/* planEviction */.fg)({ live, pr, max });
    if (evict.length === 0)
        return;
    ports.log.info((0,sweep_plan/* evictingNote */.km)(max, evict));
    for (const other of evict) {
        const sub = (0,phases/* newReport */.bQ)({
            command: 'cleanup',
            service: config.service,
            project: config.projectId,
            region: config.region,
            tag: (0,sweep/* tagOf */.cO)(config, other),
            prNumber: other,
        });
        await (0,cleanup/* runCleanup */.Kt)({ ...config, cleanup: { ...config.cleanup, dryRun: false } }, [other], (n) => (0,sweep/* tagOf */.cO)(config, n), sub, ports);
        await (0,sweep/* reportPreviewRemoved */.V3)([config], ctx, other, (0,sweep_plan/* evictedSentence */.OR)(max, pr));
    }
    report.notes.push((0,sweep_plan/* evictingNote */.km)(max, evict));
}

// EXTERNAL MODULE: ./src/config/config.ts + 1 modules
var config_config = __webpack_require__(57864);
// EXTERNAL MODULE: ./src/build/source-commit.ts
var source_commit = __webpack_require__(47098);
// EXTERNAL MODULE: ./src/cloudrun/naming.ts
var naming = __webpack_require__(67536);
;// CONCATENATED MODULE: ./src/cloudrun/cloud-run-limits.ts
const CLOUD_RUN_LIMITS = { tagsPerRegion: 2000, revisionsPerService: 1000 };
/**
 * The limits to hold: Cloud Run's, unless GCP_DEPLOY_CLOUD_RUN_LIMITS (`tags=N,revisions=M`, either part
 * optional) lowers them, for an emulator started with smaller quotas. A value that is not a positive whole
 * number is refused with the variable named.
 */
function limitsFromEnv(env) {
    const raw = env.GCP_DEPLOY_CLOUD_RUN_LIMITS?.trim() ?? '';
    const limits = { ...CLOUD_RUN_LIMITS };
    if (raw === '')
        return limits;
    for (const part of raw.split(',')) {
        const m = /^\s*(tags|revisions)\s*=\s*([1-9]\d{0,6})\s*$/.exec(part);
        if (m === null) {
            throw new Error(`GCP_DEPLOY_CLOUD_RUN_LIMITS: got ${JSON.stringify(raw)}; allowed: tags=N,revisions=M (positive whole numbers, either part optional).`);
        }
        if (m[1] === 'tags')
            limits.tagsPerRegion = Number(m[2]);
        else
            limits.revisionsPerService = Number(m[2]);
    }
    return limits;
}
/** The tags of `wanted` that are new: their service does not carry them yet (or does not exist). */
function newTags(services, wanted) {
    const byName = new Map(services.map((s) => [s.name, s]));
    return wanted.filter((w) => !(byName.get(w.service)?.traffic ?? []).some((t) => t.tag === w.tag));
}
/** Every tag of the region counts, whoever set it: the limit is the region's, not the action's. */
function tagCount(services) {
    return services.reduce((n, s) => n + s.traffic.filter((t) => t.tag !== undefined && t.tag !== '').length, 0);
}
/** Revisions Cloud Run may not collect: those a tag or a traffic percent names (LATEST: the newest ready). */
function pinnedRevisions(service) {
    const pinned = new Set();
    for (const t of service.traffic) {
        if (t.percent <= 0 && (t.tag === undefined || t.tag === ''))
            continue;
        const revision = t.type === 'LATEST' ? service.latestReadyRevision : t.revision;
        if (revision !== undefined)
            pinned.add(revision);
    }
    return pinned.size;
}
const count = (n) => n.toLocaleString('en-US');
/** What to do when a limit is in the way, the same for both. */
const MAKE_ROOM = 'To make room: close finished PRs (their cleanup removes their tags), run the sweep (a `schedule` run with command: auto), lower `stale`, or set `max_previews`.';
/**
 * Why this run must stop before anything is built, or undefined when the new tags fit. `where` names the
 * project and region (`my-project/europe-west1`).
 */
function limitProblem(o) {
    const adding = newTags(o.services, o.wanted);
    if (adding.length === 0)
        return undefined;
    const held = tagCount(o.services);
    const what = adding.map((a) => `${a.tag} on ${a.service}`).join(', ');
    if (held + adding.length > o.limits.tagsPerRegion) {
        return (`Cloud Run's limit of ${count(o.limits.tagsPerRegion)} revision tags per project and region would be passed: ` +
            `${o.where} holds ${count(held)}, and this preview adds ${adding.length} (${what}). Cloud Run would make room by ` +
            `deleting the oldest tags without traffic on any service of the region (other PRs' previews, or tags other tools set), ` +
            `so nothing was built or deployed. ${MAKE_ROOM}`);
    }
    for (const a of adding) {
        const service = o.services.find((s) => s.name === a.service);
        const pinned = service === undefined ? 0 : pinnedRevisions(service);
        if (pinned + 1 > o.limits.revisionsPerService) {
            return (`Cloud Run's limit of ${count(o.limits.revisionsPerService)} revisions per service would be passed: ` +
                `${a.service} has ${count(pinned)} revisions that are tagged or serve traffic, which Cloud Run cannot garbage-collect, ` +
                `and tag ${a.tag} would pin one more; nothing was built or deployed. ${MAKE_ROOM}`);
        }
    }
    return undefined;
}
/**
 * PR events after which the PR's tag is most likely new on the service: opened or reopened, or labelled
 * (an opt-in label's first preview). The run then reads the region's services first, since one ListServices
 * holds both the service and the tags to count, where a GetService and then the list would be two calls.
 */
const FIRST_PREVIEW_ACTIONS = new Set(['opened', 'reopened', 'labeled']);
function tagLikelyNew(action) {
    return action !== undefined && FIRST_PREVIEW_ACTIONS.has(action);
}

// EXTERNAL MODULE: ./src/iam/permission-denied.ts + 1 modules
var permission_denied = __webpack_require__(5668);
// EXTERNAL MODULE: ./src/checks/id-token.ts
var id_token = __webpack_require__(61504);
// EXTERNAL MODULE: ./src/commands/preview-data.ts + 8 modules
var preview_data = __webpack_require__(21172);
;// CONCATENATED MODULE: ./src/commands/run-start.ts
/**
 * The start every command shares, for one service or an environment: the commit that is built, the PR it
 * serves, the fork skip, and per service its tag, its report and the checks made before anything is built.
 */












function requirePr(ctx, command) {
    if (ctx.prNumber === undefined) {
        throw new user_error/* UserError */.y(`Input 'command': got "${command}", but the event '${ctx.eventName}' carries no pull request; allowed: run ${command} on pull_request events.`, 'command');
    }
    return ctx.prNumber;
}
/** The PR a command serves; a preview, and a cleanup that is not a stale sweep, need one. */
function prNumberFor(command, config, ctx) {
    return command === 'preview' || (command === 'cleanup' && config.cleanup.staleMs === undefined)
        ? requirePr(ctx, command)
        : ctx.prNumber;
}
/**
 * Checks of a private service need ID tokens, which direct federation (no service account) cannot mint:
 * refused before anything is built or changed.
 */
function requireIdTokenCredentials(command, config, env = process.env) {
    if (command !== 'preview' && command !== 'candidate' && command !== 'promote')
        return;
    if (config.checks.auth === 'none' || config.access === 'public')
        return;
    const problem = (0,id_token/* directFederationProblem */.ym)(env);
    if (problem !== undefined)
        throw new user_error/* UserError */.y(problem);
}
/** Starts `command` for the services whose first (or only) config is `first`: they share one checkout. */
function startRun(command, first, event) {
    (0,permission_denied/* nameRolesFor */.g)(command); // a PERMISSION_DENIED names the role this command's row of the README lists
    const builds = command === 'preview' || command === 'candidate';
    // A build is labelled with the commit it contains (the context's HEAD), not the event's SHA.
    const ctx = builds && first.build.prebuiltImage === undefined
        ? { ...event, headSha: (0,source_commit/* builtCommit */.M)(first.build.context, event.headSha) }
        : event;
    if (ctx.headSha !== event.headSha) {
        core/* info */.pq(`Building ${ctx.headSha}, the checked-out HEAD of ${first.build.context} (the event names ${event.headSha}).`);
    }
    const prNumber = prNumberFor(command, first, ctx);
    const targetWarning = (0,src_github/* pullRequestTargetWarning */.i5)(ctx);
    if (targetWarning !== null)
        core/* warning */.$e(targetWarning);
    const skip = command === 'preview' || command === 'cleanup'
        ? (0,src_github/* forkSkipReason */.II)(ctx, (0,service_tools/* hasCloudCredentials */.Ai)(process.env))
        : null;
    const tagFor = (config, pr) => (0,naming/* prTag */.Hj)({ template: config.tagTemplate, prNumber: pr, branch: ctx.headRef, service: config.service });
    return {
        command,
        ctx,
        prNumber,
        skip,
        tagFor,
        tagOf: (config) => command === 'candidate'
            ? config.promote.candidateTag
            : prNumber === undefined
                ? undefined
                : tagFor(config, prNumber),
        configOf: (config) => command === 'preview' && prNumber !== undefined ? (0,preview_data/* withPreviewData */.bW)(config, prNumber) : config,
        reportOf: (config, tag) => {
            return (0,phases/* newReport */.bQ)({
                command,
                service: config.service,
                project: config.projectId,
                region: config.region,
                tag,
                prNumber,
                commitSha: ctx.headSha,
                runUrl: ctx.runUrl,
            });
        },
        planOf: (config, tag) => ({
            config,
            prNumber: command === 'preview' ? prNumber : undefined,
            commitSha: ctx.headSha,
            ...(ctx.baseSha !== undefined ? { baseSha: ctx.baseSha } : {}),
            ...(tagLikelyNew(ctx.action) ? { prOpened: true } : {}),
            tag,
            revisionName: (template) => command === 'candidate'
                ? (0,naming/* releaseRevisionName */.IV)(config.service, template)
                : (0,naming/* revisionName */.pd)({
                    service: config.service,
                    prNumber: prNumber,
                    sha: ctx.headSha,
                    // The whole digest: the long-name fallback hashes all of it.
                    configHash: (0,naming/* configHash */.r_)(template, 64),
                }),
        }),
        checkService: (config) => {
            // The build inputs only matter to a run that builds: a closed PR is cleaned up with nothing checked out.
            if (builds && config.build.prebuiltImage === undefined)
                (0,config_config/* checkBuildContext */.UL)(config.build);
            requireIdTokenCredentials(command, config);
        },
    };
}

// EXTERNAL MODULE: ./src/shared/labels.ts
var labels = __webpack_require__(44758);
// EXTERNAL MODULE: ./src/shared/image-ref.ts
var image_ref = __webpack_require__(70268);
// EXTERNAL MODULE: ./src/cloudrun/run-port.ts
var run_port = __webpack_require__(14791);
// EXTERNAL MODULE: ./src/cloudrun/data-connections.ts
var data_connections = __webpack_require__(51384);
// EXTERNAL MODULE: ./src/cloudrun/preview-profile.ts
var preview_profile = __webpack_require__(96402);
// EXTERNAL MODULE: ./src/report/run-report.ts
var run_report = __webpack_require__(57330);
;// CONCATENATED MODULE: ./src/commands/access.ts
/**
 * The access step after a deploy: `access: public` opens a service this run created (allUsers get
 * roles/run.invoker, which is what gcloud's --allow-unauthenticated does; invokerIamDisabled would also skip
 * IAM for every other caller and needs run.services.setIamPolicy just the same), and the notes say how to
 * open a preview that stays private. A preview never widens access to a service that existed before it.
 */

/** Applies `access` to a created service and notes how the preview can be opened. */
async function applyAccess(plan, deployment, report, ports) {
    const { config } = plan;
    const svc = config.service;
    const where = `--region ${config.region} --project ${config.projectId}`;
    let access;
    try {
        access = await ports.cloudRun.access();
    }
    catch (err) {
        if (config.access !== 'private')
            throw err;
        ports.log.warning(`Could not read the IAM policy of ${svc} (${(0,user_error/* errorMessage */.g)(err)}): treating it as private`);
        access = { public: false, invokerIamDisabled: false, iapEnabled: false };
    }
    const note = (s, level) => {
        report.notes.push(s);
        ports.log[level](s);
    };
    if (config.access === 'public' && !access.public) {
        if (deployment.serviceCreated) {
            await ports.cloudRun.openToAllUsers();
            access = { ...access, public: true };
            note(`Service ${svc} was created public (access: public): allUsers hold roles/run.invoker, so anyone with a URL can open it.`, 'notice');
        }
        else {
            note(`access: public was not applied: ${svc} existed before this run and is private, and a preview never widens an existing service's access. To open it: gcloud run services add-iam-policy-binding ${svc} ${where} --member=allUsers --role=roles/run.invoker`, 'warning');
        }
    }
    if (config.access === 'iap' && !access.iapEnabled) {
        note(`access: iap was not applied: ${svc} existed before this run without IAP, and a preview never changes an existing service's access. To turn it on: gcloud run services update ${svc} ${where} --iap`, 'warning');
    }
    if (access.public)
        return;
    if (access.iapEnabled) {
        report.notes.push(`IAP protects ${svc}: open the preview signed in with a Google account that holds roles/iap.httpsResourceAccessor on it.`);
    }
    report.notes.push(`${svc} is private: open the preview on localhost with \`gcp-deploy proxy --service ${svc} --tag ${plan.tag} --project-id ${config.projectId} --region ${config.region}\` or \`gcloud run services proxy ${svc} --tag ${plan.tag} ${where}\` (either needs roles/run.invoker), then browse http://localhost:8080.`);
}

// EXTERNAL MODULE: ./src/commands/preview-service.ts
var preview_service = __webpack_require__(47860);
// EXTERNAL MODULE: ./src/commands/cancellation.ts
var cancellation = __webpack_require__(87391);
// EXTERNAL MODULE: ./src/build/doctor/index.ts + 2 modules
var build_doctor = __webpack_require__(94495);
// EXTERNAL MODULE: ./src/commands/outcome.ts
var outcome = __webpack_require__(28786);
// EXTERNAL MODULE: ./src/commands/compare-step.ts
var compare_step = __webpack_require__(26104);
;// CONCATENATED MODULE: ./src/commands/tag-limit-check.ts
/**
 * The I/O around cloud-run-limits.ts: before a PR's first preview on a service (a tag the service does not
 * carry yet) is built, one ListServices call counts the region's revision tags. A run that moves an existing
 * tag adds none and makes no call. When the event says the tag is most likely new (the PR was just opened),
 * the list is read first and the service taken from it, so the run reads Cloud Run once for both.
 */


/**
 * The service as the run starts from. A PR's run whose tag is most likely new (PreviewPlan.prOpened) reads
 * the region's list, which holds the service (etag included) and the tags to count; any other run reads the
 * service alone. A list that cannot be read (a role without run.services.list) falls back to the service.
 */
async function readBefore(plan, ports) {
    if (plan.prNumber === undefined || plan.prOpened !== true)
        return { before: await ports.cloudRun.getService() };
    const region = await readRegion(ports);
    const before = 'error' in region ? await ports.cloudRun.getService() : await ports.cloudRun.knownService();
    return { before, region };
}
async function readRegion(ports) {
    try {
        return { services: await ports.cloudRun.regionServices() };
    }
    catch (err) {
        return { error: err };
    }
}
/**
 * Why the preview must stop before anything is built, or undefined. An environment's member counts every
 * tag its run wants (MemberHooks.runTags), so that members adding tags at once are counted together.
 * `region`: the region as readBefore read it, else it is read here when the tag is new.
 */
async function tagLimitRefusal(plan, ports, before, region, env = process.env) {
    const o = {
        service: plan.config.service,
        region: plan.config.region,
        project: plan.config.projectId,
        tag: plan.tag,
        runTags: plan.member?.runTags,
    };
    if (before !== null && before.traffic.some((t) => t.tag === o.tag))
        return undefined;
    const limits = limitsFromEnv(env);
    const wanted = (o.runTags ?? [{ service: o.service, region: o.region, tag: o.tag }])
        .filter((t) => t.region === o.region)
        .map(({ service, tag }) => ({ service, tag }));
    const read = region ?? (await readRegion(ports));
    if ('error' in read) {
        // The count is a safeguard: a role without run.services.list should not stop every first preview.
        ports.log.warning(`Could not count the revision tags of ${o.project}/${o.region} (${(0,user_error/* errorMessage */.g)(read.error)}); Cloud Run's limit of ${limits.tagsPerRegion} tags per region was not checked.`);
        return undefined;
    }
    const { services } = read;
    const problem = limitProblem({ services, wanted, limits, where: `${o.project}/${o.region}` });
    if (problem === undefined) {
        ports.log.info(`Revision tags in ${o.project}/${o.region}: ${tagCount(services)} of ${limits.tagsPerRegion} allowed; tag ${o.tag} is new on ${o.service}.`);
    }
    return problem;
}

// EXTERNAL MODULE: ./src/iam/act-as.ts
var act_as = __webpack_require__(29982);
;// CONCATENATED MODULE: ./src/commands/preview.ts


















/** One service previewed alone: nothing to wait for, nobody to tell, its pass recorded at once. */
const ALONE = {
    recordsOwnPass: true,
    stage: () => { },
    waitForNeeds: () => Promise.resolve({}),
    deployed: () => { },
    before: () => { },
    inspected: () => Promise.resolve(),
};
/** A member's deploy that never started because a service it needs failed. */
class NeedFailed extends Error {
    name = 'NeedFailed';
}
/** A short hash of the settings that shape a preview revision apart from the image (for idempotent re-runs). */
function settingsHash(plan, needsEnv = {}) {
    const { deploy, build } = plan.config;
    const settings = {
        deploy,
        build: { ...build, buildSecrets: Object.keys(build.buildSecrets) },
        tag: plan.tag,
        // A PR's preview profile shapes its revision too; candidates never get it.
        ...(plan.prNumber !== undefined ? { preview: plan.config.preview } : {}),
    };
    // The URLs an environment hands a service are settings too; a single service has none (same hash as before).
    return (0,naming/* configHash */.r_)(Object.keys(needsEnv).length === 0 ? settings : { ...settings, needsEnv }, 12);
}
/** Labels every preview revision carries over the `labels` input, so cleanup and promotion can find it. */
function previewLabels(plan, needsEnv = {}) {
    return {
        ...labels/* MANAGED */.u9,
        ...ownerLabel(plan),
        [labels/* LABEL */.d_.sha]: plan.commitSha.toLowerCase().slice(0, 40),
        [labels/* LABEL */.d_.config]: settingsHash(plan, needsEnv),
        ...(plan.member?.inputsDigest === undefined ? {} : { [labels/* LABEL */.d_.inputs]: plan.member.inputsDigest }),
    };
}
/** The label that says whose revision it is: a PR's, or the release candidates'. */
function ownerLabel(plan) {
    return plan.prNumber === undefined ? { [labels/* LABEL */.d_.kind]: 'candidate' } : { [labels/* LABEL */.d_.pr]: String(plan.prNumber) };
}
/**
 * Env vars that let an app isolate its data per PR (a schema or key prefix named after PREVIEW_ID), set
 * over the `env_vars` input; a promotion never carries them (template-merge's PREVIEW_ENV_NAMES).
 */
function previewEnv(plan) {
    if (plan.prNumber === undefined)
        return {};
    return {
        PREVIEW_ID: plan.tag,
        PREVIEW_TAG: plan.tag,
        PREVIEW_PR: String(plan.prNumber),
        PREVIEW_SHA: plan.commitSha,
    };
}
/**
 * The revision a failure (or a cancel) returns the tag to: the one recorded as last passing its checks under
 * the tag, else (a service previewed before that record existed) the one the tag pointed at before; null
 * removes the tag. Never the revision that just failed.
 */
function lastGoodRevision(before, tag, failing) {
    if (before === null)
        return null;
    const recorded = (0,run_port/* passedRevision */._q)(before, tag);
    const candidate = recorded ?? before.traffic.find((t) => t.tag === tag)?.revision;
    return candidate === undefined || candidate === failing ? null : candidate;
}
/**
 * build -> push -> deploy (tag, 0 %) -> ready -> health -> smoke -> report; a failure or a cancel after the
 * deploy points the PR's tag back to the last revision that passed (or removes it) and never touches any
 * other traffic.
 */
async function runPreview(plan, report, ports) {
    const { config } = plan;
    const { cancel } = ports;
    let before = null;
    let deployment;
    /** True once this run may have moved the tag (a deploy was sent, or an old revision is being re-checked). */
    let touched = false;
    const fail = async (reason, err) => {
        const cancelled = (0,cancellation/* isCancelled */.mm)(err);
        report.failureReason = cancelled
            ? `The run was ${reason} before its checks finished; nothing it deployed was reported ready.`
            : reason;
        if (cancelled)
            ports.log.warning(report.failureReason);
        else
            ports.log.error(report.failureReason);
        if (cancelled) {
            // A cancel always undoes this run's own change, whatever rollback_on_failure says.
            if (touched) {
                await rollBackTag(plan, report, ports, before, deployment?.revision, true);
                await deleteUnusedPreviewService(plan, report, ports, before, 'its first preview was cancelled');
            }
            else
                (0,outcome/* settleOn */.Rv)(report, { kind: 'stopped', command: report.command, cancelled: true });
            return report;
        }
        if (!config.rollbackOnFailure) {
            (0,outcome/* settleOn */.Rv)(report, { kind: 'kept-failing', deployed: touched });
            return report;
        }
        if (touched) {
            // A failed candidate is remembered, so the release of its commit stops at once with why.
            if (plan.prNumber === undefined && deployment?.revision !== undefined)
                await recordCandidateFailure(plan, report, ports, deployment.revision);
            await rollBackTag(plan, report, ports, before, deployment?.revision, false);
            await deleteUnusedPreviewService(plan, report, ports, before, 'its first preview failed');
        }
        else {
            (0,outcome/* settleOn */.Rv)(report, { kind: 'stopped', command: report.command, cancelled: false });
            await repairTag(plan, report, ports, before);
        }
        return report;
    };
    const member = plan.member ?? ALONE;
    const stage = (st) => member.stage(st);
    const doctor = report.doctor;
    if (doctor?.mode === 'error' && doctor.findings.length > 0) {
        // dockerfile_checks: error stops the run before anything is read from, built for or sent to Cloud Run.
        report.phases.push({ phase: 'build', durationMs: 0, ok: false, detail: 'dockerfile_checks' });
        report.failureReason = (0,build_doctor/* blockingMessage */.Z2)(doctor.findings);
        stage((0,outcome/* settleOn */.Rv)(report, { kind: 'stopped', command: report.command, cancelled: false }).stage);
        return report;
    }
    try {
        report.state = 'building';
        stage('building');
        await ports.github.progress(report);
        const first = await readBefore(plan, ports);
        before = first.before;
        member.before(before);
        // The one reuse rule: the tagged revision built from this run's inputs lends its image,
        // and is kept when its settings (the URLs of what it needs included) are this run's too.
        const last = await lastBuild(plan, ports, before);
        const lent = lentImage(plan, last);
        /** Kept whatever its needs say: it needs nothing, or its settings would differ already. */
        const sure = lent !== undefined && last !== undefined && keeps(plan, before, last, {});
        // Whether the deployer may act as the runtime identity (one IAM call) is asked while production is
        // inspected; its answer still comes before anything is built, and after a refusal of the inspection.
        const actAs = sure
            ? undefined
            : (0,act_as/* checkActAsBeforeBuild */.eP)(ports, config, plan.prNumber !== undefined, before);
        actAs?.catch(() => undefined); // awaited below, unless the inspection refused the run first
        if (plan.prNumber !== undefined) {
            // A kept revision was inspected when it was deployed, from the production it was made from: what that
            // found is recorded on it (nothing new will run), so it is told again without reading production.
            const recorded = sure ? recordedFacts(last.annotations) : undefined;
            const refused = recorded !== undefined
                ? tellFacts(plan, report, ports, recorded)
                : ((await inspectIsolation(plan, report, ports, before)) ??
                    // Cloud Run's limits (issue 28): a new tag must fit the region before anything is built.
                    (await tagLimitRefusal(plan, ports, before, first.region)));
            await member.inspected(refused !== undefined);
            if (refused !== undefined)
                return await fail(refused);
        }
        await actAs;
        if (lent !== undefined && last !== undefined) {
            ports.log.info(inputsDigestOf(plan) === undefined
                ? `Commit ${plan.commitSha.slice(0, 7)} was built for ${last.name}: reusing its image ${lent.imageRef}`
                : `Build inputs unchanged since ${last.name}: reusing its image ${lent.imageRef}`);
        }
        const image = lent ??
            (await imageOfSameInputs(plan, ports, before, config)) ??
            (await (0,cancellation/* unlessCancelled */.MS)(ports.images.buildAndPush(() => stage('pushing')), cancel));
        report.image = image.imageRef;
        report.digest = image.digest;
        (0,cancellation/* throwIfCancelled */.dZ)(cancel);
        stage('waiting');
        const needsEnv = await (0,cancellation/* unlessCancelled */.MS)(member.waitForNeeds(), cancel);
        if (lent !== undefined && last !== undefined && keeps(plan, before, last, needsEnv)) {
            deployment = keptDeployment(before, plan.tag, last.name, image.imageRef);
            stage('reused');
            if (sameCommit(plan, last)) {
                // As if this run had deployed it: should its checks fail now, the tag goes back as after a deploy.
                touched = true;
                ports.log.info(`${last.name} already serves tag ${plan.tag} for this commit and settings: nothing to build or deploy`);
                report.notes.push('Re-run of the same commit and settings: the existing revision was checked again, nothing was deployed.');
            }
            else {
                // Nothing moves: should its checks fail now (a need changed), the tag stays on its last good revision.
                report.notes.push(`Unchanged since ${last.name} passed under tag ${plan.tag}: nothing was built or deployed, the revision was checked again.`);
            }
        }
        else {
            if (plan.prNumber !== undefined && config.data !== undefined) {
                // Per-PR data (preview-data.ts): database, secret, migrate and seed jobs, before the tag moves.
                const pr = plan.prNumber;
                const revision = {
                    image: image.imageRef,
                    runEnv: { ...previewEnv(plan), ...needsEnv },
                    runLabels: previewLabels(plan, needsEnv),
                };
                const failed = await (0,phases/* timePhase */.Jv)(report, 'migrate', () => (0,preview_data/* preparePreviewData */.O8)(config, pr, before, revision, ports, report.notes));
                if (failed !== undefined) {
                    (0,phases/* markPhaseFailed */.aH)(report, 'migrate');
                    return await fail(failed);
                }
            }
            report.state = 'deploying';
            stage('deploying');
            await ports.github.progress(report);
            (0,cancellation/* throwIfCancelled */.dZ)(cancel);
            const request = {
                name: (template) => plan.revisionName(template),
                image: image.imageRef,
                runEnv: { ...previewEnv(plan), ...needsEnv },
                runLabels: previewLabels(plan, needsEnv),
                ...(plan.prNumber !== undefined ? { preview: config.preview } : {}),
                ...(report.preview !== undefined
                    ? { runAnnotations: { [labels/* REVISION_ANNOTATION */.wB.previewFacts]: JSON.stringify(report.preview) } }
                    : {}),
            };
            touched = true;
            // Who may invoke the service (applyAccess) does not change with a deploy: read while the revision starts.
            if (before !== null)
                void ports.cloudRun.access().catch(() => undefined);
            deployment = await (0,phases/* timePhase */.Jv)(report, 'deploy', () => ports.cloudRun.deployTagged(request, plan.tag, cancel));
            if (deployment.base !== undefined) {
                report.notes.push(`Inherits every setting of ${deployment.base} (what production serves) apart from this run's inputs.`);
            }
        }
        report.revision = deployment.revision;
        report.url = deployment.url;
        report.previousRevision = deployment.previousRevision;
        report.serviceCreated = deployment.serviceCreated;
        if (deployment.serviceCreated) {
            const note = (0,preview_service/* creationNotice */.Y1)(config.service, plan.tag);
            report.notes.push(note);
            ports.log.notice(note);
        }
        if (!deployment.ready) {
            (0,phases/* markPhaseFailed */.aH)(report, 'deploy');
            return await fail(`Revision ${deployment.revision} failed to become ready: ${deployment.message ?? 'no reason given'}`);
        }
        if (deployment.url === undefined) {
            return await fail(`Cloud Run reported no URL for tag ${plan.tag} on service ${config.service}`);
        }
        await applyAccess(plan, deployment, report, ports);
        member.deployed(deployment.url);
        report.state = 'checking';
        stage('checking');
        await ports.github.progress(report);
        (0,cancellation/* throwIfCancelled */.dZ)(cancel);
        const url = deployment.url;
        // 'ready': from the finished operation until the tag URL answers the health path (cold start included).
        report.health = await (0,phases/* timePhase */.Jv)(report, 'ready', () => (0,cancellation/* unlessCancelled */.MS)(ports.checks.health(url), cancel));
        if (!report.health.ok) {
            (0,phases/* markPhaseFailed */.aH)(report, 'ready');
            const last = report.health.denied ??
                (report.health.lastStatus === null
                    ? (report.health.error ?? 'no answer')
                    : `HTTP ${report.health.lastStatus}`);
            return await fail(`Health check of ${url}${config.checks.healthPath} failed after ${report.health.attempts} attempts: ${last}`);
        }
        report.smoke = await (0,phases/* timePhase */.Jv)(report, 'checks', () => (0,cancellation/* unlessCancelled */.MS)(ports.checks.smoke(url), cancel));
        if (report.smoke !== undefined && !report.smoke.ok) {
            (0,phases/* markPhaseFailed */.aH)(report, 'checks');
            const failed = report.smoke.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);
            return await fail(`Smoke checks failed${report.smoke.aborted ? ' (aborted early)' : ''}: ${failed.length > 0 ? failed.join(', ') : 'see the summary'}`);
        }
        (0,cancellation/* throwIfCancelled */.dZ)(cancel);
        // Issue 31: the preview against its baseline (compare-step.ts); a failing regression threshold fails it.
        const slower = await (0,compare_step/* compareWithBaseline */.$)(plan, report, ports, url);
        if (slower !== undefined) {
            (0,phases/* markPhaseFailed */.aH)(report, 'checks');
            return await fail(slower);
        }
        (0,cancellation/* throwIfCancelled */.dZ)(cancel);
        // An environment records its members' passes once all of them passed (all or nothing).
        if (member.recordsOwnPass)
            await recordPass(plan, ports, deployment.revision);
        else
            stage('passed');
        (0,outcome/* settleOn */.Rv)(report, { kind: 'passed', command: report.command });
        return report;
    }
    catch (err) {
        return await fail((0,user_error/* errorMessage */.g)(err), err);
    }
}
/**
 * What the preview will be, worked out from production's template before anything is built: its profile and
 * identity go on the report, and each production data connection it would inherit is noted (warn) or refuses
 * the run (strict; the returned reason names each finding and its fix).
 */
async function inspectIsolation(plan, report, ports, before) {
    const { config } = plan;
    const base = await ports.cloudRun.baseTemplate(before);
    const seen = (0,preview_profile/* inspectPreview */.$L)(base, { deploy: config.deploy, runEnv: previewEnv(plan), runLabels: {} }, config.preview);
    const off = config.preview.isolation === 'off';
    const { findings, shared } = seen.detection;
    report.preview = {
        profile: seen.profile,
        ...(seen.productionIdentity !== undefined ? { productionIdentity: seen.productionIdentity } : {}),
        sharedWithProduction: off ? [] : findings.map(data_connections/* describeConnection */.If),
        sharedOnPurpose: off ? [] : shared.map(data_connections/* describeConnection */.If),
    };
    logProfile(ports, report.preview);
    if (off)
        return undefined;
    // A name in `shared` that matches nothing is most likely a typo for one that does.
    const unmatched = config.preview.shared.filter((n) => !shared.some((f) => f.name === n));
    if (unmatched.length > 0) {
        ports.log.warning(`shared names ${unmatched.join(', ')}, which this preview does not inherit from production as a data connection; it has no effect.`);
    }
    if (findings.length === 0)
        return undefined;
    const lines = findings.map((f) => `- ${(0,data_connections/* describeConnection */.If)(f)}`);
    if (config.preview.isolation === 'warn') {
        ports.log.notice([`This preview shares production's data (isolation: warn):`, ...lines].join('\n'));
        return undefined;
    }
    return [
        `isolation is strict and this preview would share ${findings.length} of production's data connections; nothing was built, pushed or deployed.`,
        ...findings.map((f) => `- ${(0,data_connections/* describeConnection */.If)(f)}. Fix: ${(0,data_connections/* fixFor */.jc)(f)}.`),
    ].join('\n');
}
function logProfile(ports, facts) {
    ports.log.info(`Preview profile: ${facts.profile}`);
    if (facts.productionIdentity !== undefined)
        ports.log.notice((0,run_report/* identityNote */.XG)(facts.productionIdentity));
}
/** The facts a preview revision was deployed with (REVISION_ANNOTATION), or undefined when it has none. */
function recordedFacts(annotations = {}) {
    const text = annotations[labels/* REVISION_ANNOTATION */.wB.previewFacts];
    if (text === undefined)
        return undefined;
    try {
        const f = JSON.parse(text);
        const lines = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');
        if (typeof f.profile !== 'string' || !lines(f.sharedWithProduction) || !lines(f.sharedOnPurpose))
            return undefined;
        if (f.productionIdentity !== undefined && typeof f.productionIdentity !== 'string')
            return undefined;
        return {
            profile: f.profile,
            ...(f.productionIdentity !== undefined ? { productionIdentity: f.productionIdentity } : {}),
            sharedWithProduction: f.sharedWithProduction,
            sharedOnPurpose: f.sharedOnPurpose,
        };
    }
    catch {
        return undefined; // not ours to trust: the run inspects production instead
    }
}
/**
 * A kept revision's recorded facts, reported as inspectIsolation reports them. Never a refusal: a revision
 * that strict isolation would refuse was never deployed, and changed settings make it no re-run.
 */
function tellFacts(plan, report, ports, facts) {
    report.preview = facts;
    logProfile(ports, facts);
    if (plan.config.preview.isolation === 'warn' && facts.sharedWithProduction.length > 0) {
        const lines = facts.sharedWithProduction.map((line) => `- ${line}`);
        ports.log.notice([`This preview shares production's data (isolation: warn):`, ...lines].join('\n'));
    }
    return undefined;
}
/** Records the pass on the service, so a later failure or cancel knows where to return the tag. */
async function recordPass(plan, ports, revision) {
    try {
        await ports.cloudRun.markPassed(plan.tag, revision);
    }
    catch (err) {
        // The preview is good either way; only a later rollback's target would be older than it could be.
        ports.log.warning(`Could not record that ${revision} passed under tag ${plan.tag}: ${(0,user_error/* errorMessage */.g)(err)}`);
    }
}
/** Records on the service that a candidate revision failed its checks, and in which run. */
async function recordCandidateFailure(plan, report, ports, revision) {
    try {
        await ports.cloudRun.markFailed(plan.tag, revision, report.runUrl ?? 'unknown');
    }
    catch (err) {
        ports.log.warning(`Could not record that ${revision} failed under tag ${plan.tag}: ${(0,user_error/* errorMessage */.g)(err)}`);
    }
}
/** A revision the tag already points at, kept as the run's deployment: nothing is deployed. */
function keptDeployment(service, tag, revision, image) {
    return {
        revision,
        url: service.tagUrls[tag],
        ready: true,
        serviceCreated: false,
        previousRevision: revision,
        image,
    };
}
/** What the run's revisions are built from: the build inputs' digest (an environment's), else none. */
function inputsDigestOf(plan) {
    return plan.member?.inputsDigest;
}
function sameCommit(plan, revision) {
    return revision.labels[labels/* LABEL */.d_.sha] === plan.commitSha.toLowerCase().slice(0, 40);
}
/**
 * The reuse rule's first half: the revision the tag points at, when it is ready, this PR's (or the
 * candidates'), and built from what this run builds: the same build inputs (their digest, when the run has
 * one), else the same commit. Free when the service as read holds it as its template, else one GetRevision.
 */
async function lastBuild(plan, ports, service) {
    const tagged = service?.traffic.find((t) => t.tag === plan.tag)?.revision;
    if (tagged === undefined)
        return undefined;
    const hit = await ports.cloudRun.taggedRevision(plan.tag);
    if (hit?.name !== tagged || hit.ready !== true || hit.image?.includes('@sha256:') !== true)
        return undefined;
    if (!Object.entries(ownerLabel(plan)).every(([k, v]) => hit.labels[k] === v))
        return undefined;
    const digest = inputsDigestOf(plan);
    return (digest === undefined ? sameCommit(plan, hit) : hit.labels[labels/* LABEL */.d_.inputs] === digest)
        ? hit
        : undefined;
}
/**
 * The image of `last` this run takes as its own: what it built from the same inputs; for a prebuilt image,
 * only when that names the same digest (one named by tag is resolved again each run, as the tag may move).
 * A commit stands for the build's inputs only with the same settings (build arguments, target, platform).
 */
function lentImage(plan, last) {
    const image = last?.image;
    if (last === undefined || image === undefined)
        return undefined;
    if (inputsDigestOf(plan) === undefined && last.labels[labels/* LABEL */.d_.config] !== settingsHash(plan))
        return undefined;
    const prebuilt = plan.config.build.prebuiltImage;
    if (prebuilt !== undefined && (!prebuilt.includes('@sha256:') || (0,image_ref/* digestOf */.ol)(prebuilt) !== (0,image_ref/* digestOf */.ol)(image)))
        return undefined;
    return { imageRef: image, digest: (0,image_ref/* digestOf */.ol)(image), tags: [] };
}
/**
 * The reuse rule's second half: `last` (built from this run's inputs) is kept when it was made with this
 * run's settings, the URLs of what it needs included, and it is this commit's, or, for a PR, it passed
 * under the tag (an earlier commit's revision stands for this one only once checked). Candidates always
 * deploy a new commit, so each release commit has revisions labelled with it.
 */
function keeps(plan, service, last, needsEnv) {
    if (service === null || last.labels[labels/* LABEL */.d_.config] !== settingsHash(plan, needsEnv))
        return false;
    if (sameCommit(plan, last))
        return true;
    return plan.prNumber !== undefined && (0,run_port/* passedRevision */._q)(service, plan.tag) === last.name;
}
/**
 * The image of this PR's (or the candidates') newest ready revision built from the same inputs, when the
 * tagged one was not: an unchanged service of an environment whose tag moved on is not built again. Only
 * for build inputs that have a digest (a commit is only ever built once per PR), and only where the tag
 * exists: a first preview has no earlier revision to find.
 */
async function imageOfSameInputs(plan, ports, service, config) {
    const digest = inputsDigestOf(plan);
    if (digest === undefined || config.build.prebuiltImage !== undefined)
        return undefined;
    if (service === null || !service.traffic.some((t) => t.tag === plan.tag))
        return undefined;
    const same = await ports.cloudRun.listRevisions({ ...ownerLabel(plan), [labels/* LABEL */.d_.inputs]: digest });
    const hit = same.find((r) => r.ready && r.image?.includes('@sha256:') === true);
    if (hit?.image === undefined)
        return undefined;
    ports.log.info(`Build inputs unchanged since ${hit.name}: reusing its image ${hit.image}`);
    return { imageRef: hit.image, digest: (0,image_ref/* digestOf */.ol)(hit.image), tags: [] };
}
/**
 * After a failed or cancelled preview lost its tag: a service that did not exist before the run (or that
 * previews alone ever used) and that nothing uses now is deleted, so no unchecked revision serves it.
 */
async function deleteUnusedPreviewService(plan, report, ports, before, why) {
    if (report.result === 'failure')
        return; // the tag could not be removed: the service is still in use
    if (before !== null && before.annotations[naming/* CREATED_BY_PREVIEW */.s0] === undefined)
        return;
    if (await (0,preview_service/* deleteIfOnlyPreviews */.ki)(plan.config.service, why, report, ports))
        report.url = undefined;
}
/**
 * Points the tag back at the last revision that passed (or removes it), and settles the run as undone (or
 * as failed when the retag itself failed). `because`: this member is undone for another's failure.
 */
async function rollBackTag(plan, report, ports, before, failing, cancelled, because) {
    const last = lastGoodRevision(before, plan.tag, failing);
    let undo;
    try {
        const back = await unlessCollected(last, ports, report);
        await (0,phases/* timePhase */.Jv)(report, 'traffic', () => ports.cloudRun.retag(plan.tag, back));
        report.url = back === null ? undefined : before?.tagUrls[plan.tag];
        undo = { kind: 'retagged', tag: plan.tag, back, ...(failing === undefined ? {} : { failing }) };
    }
    catch (err) {
        report.failureReason = `${report.failureReason ?? ''}; the rollback of tag ${plan.tag} also failed: ${(0,user_error/* errorMessage */.g)(err)}`;
        undo = { kind: 'failed' };
    }
    return (0,outcome/* settleOn */.Rv)(report, because === undefined
        ? { kind: 'undone', cancelled, undo }
        : { kind: 'undone-for-another', cancelled, undo, because });
}
/**
 * The last good revision, or null when it no longer exists: Cloud Run deletes the oldest revisions that serve
 * nothing once a service holds 1,000, so a recorded pass can outlive its revision. The tag is then removed
 * rather than pointed at a revision that never passed.
 */
async function unlessCollected(revision, ports, report) {
    if (revision === null || (await ports.cloudRun.getRevision(revision)) !== null)
        return revision;
    report.notes.push(`${revision}, the last revision that passed its checks, no longer exists (Cloud Run deletes the oldest revisions without traffic beyond 1,000 per service).`);
    return null;
}
/**
 * A run that failed before deploying still repairs what a stopped run left: a tag on a revision that never
 * passed its checks goes back to the last one that did.
 */
async function repairTag(plan, report, ports, before) {
    const recorded = before === null ? undefined : (0,run_port/* passedRevision */._q)(before, plan.tag);
    const now = before?.traffic.find((t) => t.tag === plan.tag)?.revision;
    if (recorded === undefined || now === undefined || now === recorded)
        return;
    try {
        const back = await unlessCollected(recorded, ports, report);
        await ports.cloudRun.retag(plan.tag, back);
        report.notes.push(back === null
            ? `Tag ${plan.tag} was on ${now}, which never passed its checks (an earlier run was stopped); it was removed.`
            : `Tag ${plan.tag} was on ${now}, which never passed its checks (an earlier run was stopped); it points back to ${recorded}.`);
    }
    catch (err) {
        ports.log.warning(`Could not return tag ${plan.tag} to ${recorded}: ${(0,user_error/* errorMessage */.g)(err)}`);
    }
}

// EXTERNAL MODULE: ./src/cloudrun/traffic-plan.ts
var traffic_plan = __webpack_require__(26271);
;// CONCATENATED MODULE: ./src/commands/missing-release.ts
/**
 * The error for a promotion by commit when no ready revision carries that commit: what does exist (the
 * newest labelled commits and where they came from) and what to run instead. Pure.
 */

/** The sentence after "allowed:" in the promote_from error, at most `max` commits listed, newest first. */
function missingReleaseAdvice(service, revisions, max = 5) {
    const seen = new Set();
    const listed = [];
    const newestFirst = [...revisions]
        .filter((r) => r.ready === true && (r.labels[labels/* LABEL */.d_.sha] ?? '') !== '')
        .sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0));
    for (const r of newestFirst) {
        const sha = (r.labels[labels/* LABEL */.d_.sha] ?? '').slice(0, 12);
        if (seen.has(sha))
            continue;
        seen.add(sha);
        const pr = r.labels[labels/* LABEL */.d_.pr];
        const from = pr !== undefined ? `PR #${pr}` : (r.labels[labels/* LABEL */.d_.kind] ?? 'release');
        if (listed.length < max)
            listed.push(`sha:${sha} (${from}, ${r.name})`);
    }
    const exists = listed.length === 0
        ? `no ready revision of ${service} carries a commit label`
        : `ready revisions of ${service} carry these commits: ${listed.join(', ')}${seen.size > listed.length ? ` and ${seen.size - listed.length} more` : ''}`;
    return (`no ready revision of ${service} is labelled with that commit (a merge or squash commit was never previewed, ` +
        `and a closed PR's previews are cleaned up); ${exists}. Promote one of them with promote_from: sha:COMMIT, ` +
        'tag:NAME or digest:sha256:HEX, or preview that commit first');
}

;// CONCATENATED MODULE: ./src/commands/promote.ts










/** Parses `tag:NAME`, `sha:COMMIT`, `digest:sha256:HEX` or a bare tag; falls back to the event's commit. */
function promoteSelector(from, eventSha) {
    if (from === undefined)
        return { by: 'sha', sha: eventSha.toLowerCase() };
    if (from.startsWith('sha:'))
        return { by: 'sha', sha: from.slice(4).toLowerCase() };
    if (from.startsWith('digest:'))
        return { by: 'digest', digest: from.slice(7) };
    return { by: 'tag', tag: from.startsWith('tag:') ? from.slice(4) : from };
}
/** Newest first: the revision a SHA most recently produced. */
function newest(revisions) {
    return [...revisions].sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0))[0];
}
/** Finds the image a selector means: the digest a tagged or labelled revision runs, or a digest itself. */
async function resolvePromotion(config, selector, service, ports) {
    const ofRevision = (name, revision) => {
        const image = revision?.image;
        if (revision === null || image === undefined || !(0,naming/* isPinnedByDigest */.qv)(image)) {
            throw user_error/* UserError */.y.forInput('promote_from', selectorText(selector), `revision ${name} runs ${image ?? 'no image'}, which is not pinned by digest; promote by digest:sha256:HEX instead`);
        }
        return { image, revision };
    };
    switch (selector.by) {
        case 'tag': {
            const target = service.traffic.find((t) => t.tag === selector.tag);
            const revision = target?.revision ?? (target?.type === 'LATEST' ? (0,traffic_plan/* latestMeans */.__)(service) : undefined);
            if (revision === undefined) {
                const tags = service.traffic.flatMap((t) => (t.tag === undefined ? [] : [t.tag]));
                throw user_error/* UserError */.y.forInput('promote_from', `tag:${selector.tag}`, `tags on ${config.service}: ${tags.join(', ') || 'none'}`);
            }
            return { ...ofRevision(revision, await ports.cloudRun.getRevision(revision)), tag: selector.tag };
        }
        case 'sha': {
            const all = await ports.cloudRun.listRevisions({ ...labels/* MANAGED */.u9 });
            const hit = newest(all.filter((r) => r.ready === true && (r.labels[labels/* LABEL */.d_.sha] ?? '').startsWith(selector.sha)));
            if (hit === undefined) {
                throw user_error/* UserError */.y.forInput('promote_from', `sha:${selector.sha}`, missingReleaseAdvice(config.service, all));
            }
            // A candidate of this commit that failed its checks is not promoted, nor checked again at 0 %.
            const failed = (0,run_port/* failedRevision */.RG)(service, config.promote.candidateTag);
            if (hit.labels[labels/* LABEL */.d_.kind] === 'candidate' && failed?.revision === hit.name) {
                throw new user_error/* UserError */.y(`Cannot promote: the candidate of ${selector.sha} failed its checks (run ${failed.runUrl}); push a fix to the default branch and release its commit.`, 'promote_from');
            }
            // The listing already carries the revision's image: no second read.
            return ofRevision(hit.name, hit);
        }
        case 'digest':
            return { image: ports.images.imageForDigest(selector.digest) };
    }
}
function selectorText(selector) {
    return selector.by === 'tag'
        ? `tag:${selector.tag}`
        : selector.by === 'sha'
            ? `sha:${selector.sha}`
            : `digest:${selector.digest}`;
}
/** Labels of a release revision: where its image was checked, never the preview's own markers. */
function releaseLabels(source) {
    const from = source.revision;
    const pr = from?.labels[labels/* LABEL */.d_.pr];
    const sha = from?.labels[labels/* LABEL */.d_.sha];
    return {
        ...labels/* MANAGED */.u9,
        [labels/* LABEL */.d_.kind]: 'release',
        ...(from !== undefined ? { [labels/* LABEL */.d_.from]: from.name } : {}),
        ...(source.tag !== undefined ? { [labels/* LABEL */.d_.fromTag]: source.tag } : {}),
        ...(pr !== undefined ? { [labels/* LABEL */.d_.fromPr]: pr } : {}),
        ...(sha !== undefined ? { [labels/* LABEL */.d_.sha]: sha } : {}),
    };
}
/**
 * Deploys the release candidate: production's template plus the inputs, running the checked digest, with
 * no PREVIEW_* variables or PR labels, tagged `candidate_tag` at 0 % and checked before any traffic moves.
 */
async function deployCandidate(config, before, source, report, ports, runEnv) {
    const tag = config.promote.candidateTag;
    const request = {
        name: (template) => (0,naming/* releaseRevisionName */.IV)(config.service, template),
        image: source.image,
        runEnv,
        runLabels: releaseLabels(source),
    };
    const back = before.traffic.find((t) => t.tag === tag)?.revision ?? null;
    let deployed;
    try {
        deployed = await (0,phases/* timePhase */.Jv)(report, 'deploy', () => ports.cloudRun.deployTagged(request, tag, ports.cancel));
    }
    catch (err) {
        // Cancelled mid-deploy: the candidate tag may have moved already.
        if ((0,cancellation/* isCancelled */.mm)(err))
            await ports.cloudRun.retag(tag, back);
        throw err;
    }
    report.revision = deployed.revision;
    report.image = source.image;
    report.digest = (0,image_ref/* digestOf */.ol)(source.image);
    const undo = async (why, phase) => {
        (0,phases/* markPhaseFailed */.aH)(report, phase);
        // Production never moved: only the candidate tag goes back to where it was.
        await ports.cloudRun.retag(tag, back);
        throw why instanceof Error ? why : new Error(why);
    };
    const checked = async (work, phase) => {
        try {
            return await (0,cancellation/* unlessCancelled */.MS)(work(), ports.cancel);
        }
        catch (err) {
            if ((0,cancellation/* isCancelled */.mm)(err))
                return undo(err, phase);
            throw err;
        }
    };
    if (!deployed.ready) {
        return undo(`Revision ${deployed.revision} failed to become ready: ${deployed.message ?? 'no reason given'}`, 'deploy');
    }
    const url = deployed.url;
    if (url === undefined)
        return undo(`Cloud Run reported no URL for tag ${tag} on service ${config.service}`, 'deploy');
    report.health = await (0,phases/* timePhase */.Jv)(report, 'health', () => checked(() => ports.checks.health(url), 'health'));
    if (!report.health.ok)
        return undo(`health check of ${deployed.revision} failed at 0 %, before any traffic moved`, 'health');
    report.smoke = await (0,phases/* timePhase */.Jv)(report, 'checks', () => checked(() => ports.checks.smoke(url), 'checks'));
    if (report.smoke !== undefined && !report.smoke.ok)
        return undo(`smoke checks of ${deployed.revision} failed at 0 %, before any traffic moved`, 'checks');
    ports.log.info(`${deployed.revision} passed its checks at 0 % on ${url}`);
    return { revision: deployed.revision, url };
}
/**
 * Moves production traffic to a revision in the configured canary steps, checking the revision after each
 * step; any failure restores exactly the traffic saved before the first step.
 */
async function runPromote(config, selector, report, ports, 
/** Env the release revision gets over the inputs: an environment's `<NAME>_URL`s, now production URLs. */
runEnv = {}) {
    const service = await ports.cloudRun.getService();
    if (service === null)
        throw user_error/* UserError */.y.forInput('service', config.service, 'an existing Cloud Run service to promote on');
    report.previousRevision = (0,traffic_plan/* productionRevision */.Py)(service);
    report.prevTag = config.promote.prevTag;
    const source = await resolvePromotion(config, selector, service, ports);
    let candidate;
    try {
        candidate = await deployCandidate(config, service, source, report, ports, runEnv);
    }
    catch (err) {
        if (err instanceof user_error/* UserError */.y)
            throw err;
        report.failureReason = (0,user_error/* errorMessage */.g)(err);
        const cancelled = (0,cancellation/* isCancelled */.mm)(err);
        if (cancelled)
            ports.log.warning(report.failureReason);
        else
            ports.log.error(report.failureReason);
        (0,outcome/* settleOn */.Rv)(report, {
            kind: 'stopped',
            command: 'promote',
            cancelled,
            candidateTag: config.promote.candidateTag,
        });
        return report;
    }
    // Saved after the candidate's tag landed. A restore puts back these percents and the `prev` tag only.
    const saved = ((await ports.cloudRun.getService())?.traffic ?? service.traffic).map((t) => ({
        ...t,
    }));
    return shiftWithChecks(config, candidate.revision, saved, candidate.url, report, ports);
}
/** Sends 100 % back to the revision the last promotion recorded under the `prev` tag, with checks. */
async function runRollback(config, report, ports) {
    const service = await ports.cloudRun.getService();
    if (service === null)
        throw user_error/* UserError */.y.forInput('service', config.service, 'an existing Cloud Run service to roll back');
    const prev = service.traffic.find((t) => t.tag === config.promote.prevTag)?.revision;
    if (prev === undefined) {
        throw new user_error/* UserError */.y(`Nothing to roll back to: no revision of ${config.service} carries the tag '${config.promote.prevTag}' (input 'prev_tag'), which a promotion sets.`, 'prev_tag');
    }
    const saved = service.traffic.map((t) => ({ ...t }));
    report.previousRevision = (0,traffic_plan/* productionRevision */.Py)(service);
    report.revision = prev;
    report.prevTag = config.promote.prevTag;
    const rollbackConfig = { ...config, promote: { ...config.promote, canary: [100] } };
    return shiftWithChecks(rollbackConfig, prev, saved, service.tagUrls[config.promote.prevTag] ?? service.uri, report, ports);
}
/** Allowed rise of the failed-request rate during a canary step over the rate before it (1 point). */
const CANARY_ERROR_TOLERANCE = 0.01;
function failRate(smoke) {
    return smoke?.metrics.http_req_failed?.rate;
}
/** Compares a canary step's failed-request rate with the one before the promotion. */
function compareErrorRates(before, during) {
    if (before === undefined || during === undefined)
        return { ok: true, text: 'not measured' };
    const pct = (r) => `${(r * 100).toFixed(2)} %`;
    const ok = during <= before + CANARY_ERROR_TOLERANCE;
    return {
        ok,
        text: `${pct(during)} of requests failed, ${pct(before)} before the promotion${ok ? '' : ' (over the 1-point tolerance)'}`,
    };
}
async function shiftWithChecks(config, revision, saved, checkUrl, report, ports) {
    try {
        // The error rate users saw before the first step, measured on the service URL with the same smoke options;
        // each step's rate on that URL (the split users now get) may not exceed it by more than the tolerance.
        const serviceUrl = (await ports.cloudRun.getService())?.uri;
        const baseline = config.promote.canary.length > 1 && serviceUrl !== undefined
            ? failRate(await (0,phases/* timePhase */.Jv)(report, 'checks', () => ports.checks.smoke(serviceUrl)))
            : undefined;
        for (const percent of config.promote.canary) {
            (0,cancellation/* throwIfCancelled */.dZ)(ports.cancel);
            const prevTag = percent === 100 ? config.promote.prevTag : undefined;
            const stage = { percent, ok: false };
            (report.canary ??= []).push(stage);
            const after = await (0,phases/* timePhase */.Jv)(report, 'traffic', () => ports.cloudRun.shiftTraffic(revision, percent, prevTag));
            report.traffic = after.traffic.map((t) => ({
                target: t.revision ?? 'LATEST',
                percent: t.percent,
                tag: t.tag,
            }));
            report.url = after.uri;
            ports.log.info(`${revision} serves ${percent} % of ${config.service}`);
            const url = checkUrl ?? after.uri;
            if (url === undefined)
                throw new Error(`no URL to check ${revision} at`);
            report.health = await (0,phases/* timePhase */.Jv)(report, 'health', () => (0,cancellation/* unlessCancelled */.MS)(ports.checks.health(url), ports.cancel));
            stage.health = report.health.ok;
            if (!report.health.ok) {
                (0,phases/* markPhaseFailed */.aH)(report, 'health');
                throw new Error(`health check of ${revision} failed at ${percent} %`);
            }
            report.smoke = await (0,phases/* timePhase */.Jv)(report, 'checks', () => (0,cancellation/* unlessCancelled */.MS)(ports.checks.smoke(url), ports.cancel));
            stage.smoke = report.smoke?.ok;
            if (report.smoke !== undefined && !report.smoke.ok) {
                (0,phases/* markPhaseFailed */.aH)(report, 'checks');
                throw new Error(`smoke checks of ${revision} failed at ${percent} %`);
            }
            if (baseline !== undefined && after.uri !== undefined && percent < 100) {
                const uri = after.uri;
                const step = failRate(await (0,phases/* timePhase */.Jv)(report, 'checks', () => (0,cancellation/* unlessCancelled */.MS)(ports.checks.smoke(uri), ports.cancel)));
                const verdict = compareErrorRates(baseline, step);
                ports.log.info(`error rate at ${percent} %: ${verdict.text}`);
                stage.errorRate = verdict.text;
                stage.errorRateOk = verdict.ok;
                if (!verdict.ok) {
                    (0,phases/* markPhaseFailed */.aH)(report, 'checks');
                    throw new Error(`error rate at ${percent} % ${verdict.text}`);
                }
            }
            stage.ok = true;
        }
        (0,outcome/* settleOn */.Rv)(report, { kind: 'passed', command: report.command });
        return report;
    }
    catch (err) {
        report.failureReason = (0,user_error/* errorMessage */.g)(err);
        const cancelled = (0,cancellation/* isCancelled */.mm)(err);
        if (cancelled)
            ports.log.warning(report.failureReason);
        else
            ports.log.error(report.failureReason);
        try {
            await (0,phases/* timePhase */.Jv)(report, 'traffic', () => ports.cloudRun.restoreTraffic(saved, [config.promote.prevTag]));
            const after = await ports.cloudRun.getService();
            report.traffic = (after?.traffic ?? saved).map((t) => ({
                target: t.revision ?? 'LATEST',
                percent: t.percent,
                tag: t.tag,
            }));
            (0,outcome/* settleOn */.Rv)(report, { kind: 'undone', cancelled, undo: { kind: 'traffic-restored' } });
        }
        catch (restoreErr) {
            (0,outcome/* settleOn */.Rv)(report, { kind: 'undone', cancelled, undo: { kind: 'failed' } });
            report.failureReason += `; restoring the saved traffic also failed: ${(0,user_error/* errorMessage */.g)(restoreErr)}`;
        }
        return report;
    }
}

// EXTERNAL MODULE: ./src/commands/doctor-step.ts
var doctor_step = __webpack_require__(79526);
;// CONCATENATED MODULE: ./src/commands/environment-run.ts
/**
 * The runner of every command, over an environment: of several services (the `services` input), built in
 * parallel, each deploy as soon as what it needs is ready (their tag URLs reach it as `<NAME>_URL`), all or
 * nothing; or of one (the `service` input), whose hooks are trivially met. Every service runs the
 * single-service command itself (runPreview, runCleanup, runPromote); this module only starts the run,
 * checks the services, schedules them, hands URLs along and undoes the others when one fails.
 */

















/** A promise with its settle functions, for a URL that a dependent awaits. */
function deferred() {
    let done = false;
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
        resolve = (v) => {
            done = true;
            res(v);
        };
        reject = (e) => {
            done = true;
            rej(e);
        };
    });
    // Nobody may be waiting (no dependents): a rejection must not end the process.
    promise.catch(() => undefined);
    return { promise, resolve, reject, settled: () => done };
}
/**
 * Runs `command` over the environment and returns its report; the caller writes outputs and the summary.
 * An environment's progress calls are batched by the reporter itself, so stage changes may call it freely;
 * one service reports its own progress as its command goes (the reporter writes each at once).
 */
async function runEnvironmentCommand(command, env, event, reporter, cancel) {
    const first = env.members[0]?.config;
    if (first === undefined)
        throw new user_error/* UserError */.y(`Input 'services' (${env.source}): no services.`, 'services');
    const builds = command === 'preview' || command === 'candidate';
    // Members share one checkout: the commit built is its HEAD, as for a single service.
    const start = startRun(command, first, event);
    const { ctx, prNumber, skip } = start;
    const report = {
        name: env.name,
        ...(env.single === true ? { single: true } : {}),
        command,
        state: builds ? 'building' : 'deploying',
        prNumber,
        commitSha: ctx.headSha,
        runUrl: ctx.runUrl,
        members: [],
        notes: [],
        startedAt: new Date().toISOString(),
    };
    // Every member's naming and build context is checked before anything is built or changed.
    const running = env.members.map((m) => {
        const tag = start.tagOf(m.config);
        if (skip === null)
            start.checkService(m.config);
        const memberReport = start.reportOf(m.config, tag);
        const member = { name: m.name, needs: m.needs, stage: 'queued', report: memberReport };
        report.members.push(member);
        const config = start.configOf(m.config);
        // One service reports through its own command; an environment's members report as a whole.
        const own = { ...service_tools/* NO_REPORTS */.Q8, progress: () => reporter.progress(report) };
        return {
            member,
            config,
            ports: (0,service_tools/* serviceTools */.vi)(config, ctx, env.single === true ? own : service_tools/* NO_REPORTS */.Q8, memberReport, cancel),
            tag,
        };
    });
    report.tag = running[0]?.tag;
    const alone = env.single === true ? running[0] : undefined;
    // Why the preview went (the opt-in gate, issue 28): one service's report says it, an environment's notes.
    if (ctx.removedWhy !== undefined && alone !== undefined)
        alone.member.report.removedWhy = ctx.removedWhy;
    if (skip !== null) {
        core/* notice */.lm(skip);
        Object.assign(report, (0,outcome/* settleEnvironment */.zQ)(command, [], { cancelled: false, failed: false, skipped: true }));
        report.notes.push(skip);
        for (const r of running)
            setSkipped(r.member, skip);
        return report;
    }
    // Per-PR data: database_from names a member it needs; the servers answer before anything is built.
    if (alone === undefined)
        (0,preview_data/* checkSharedDatabases */.oZ)(env.members);
    if (command === 'preview')
        for (const r of running)
            await (0,preview_data/* checkDataReachable */.E0)(r.config);
    // One service's dockerfile_checks stop it in its own preview (runPreview), after its first report.
    if (builds && examineMembers(running, alone === undefined) && alone === undefined) {
        stopBeforeBuilding(running, report);
        return report;
    }
    if (alone !== undefined) {
        await runAlone(start, alone, report);
        return report;
    }
    // Parallel services would interleave their log groups; their lines carry the service's name instead.
    (0,phases/* setPhaseGroups */.kS)(false);
    try {
        switch (command) {
            case 'preview':
            case 'candidate':
                await previewAll(start, running, report, reporter, cancel);
                break;
            case 'cleanup':
                await cleanupAll(start, running, report, reporter);
                break;
            case 'promote':
            case 'rollback':
                await promoteAll(start, running, report, reporter);
                break;
        }
    }
    finally {
        (0,phases/* setPhaseGroups */.kS)(true);
    }
    const calls = running.map((r) => `${r.member.name} ${r.ports.cloudRun.callCount()}`).join(', ');
    core/* info */.pq(`API calls to Cloud Run per service: ${calls}`);
    return report;
}
/**
 * The Dockerfile doctor over every member before anything is built: each one's own findings, then the
 * bases compared across the environment (one version of a base image for all), annotated once each.
 */
function examineMembers(running, named) {
    const examined = running.map((r) => ({ r, e: (0,doctor_step/* examineBeforeBuild */.D1)(r.config, r.member.report) }));
    const mismatches = (0,build_doctor/* compareBases */.Kv)(examined.map(({ r, e }) => ({ name: r.member.name, ...(e?.base === undefined ? {} : { base: e.base }) })));
    for (const { r, e } of examined) {
        const doctor = r.member.report.doctor;
        if (doctor === undefined)
            continue;
        const found = mismatches.get(r.member.name) ?? [];
        const split = (0,build_doctor/* applyIgnores */.wI)(found, e?.parsed, r.config.doctor.ignore);
        doctor.findings.push(...split.findings);
        doctor.ignored.push(...split.ignored);
        (0,doctor_step/* annotate */.fz)(doctor.findings, r.config.doctor.mode, named ? r.member.name : undefined);
        (0,doctor_step/* logIgnored */.fD)(r.member.report);
    }
    return running.some((r) => (0,doctor_step/* doctorBlocks */.Yt)(r.member.report) !== undefined);
}
/** dockerfile_checks: error with findings: no member is built, those with findings fail, the others wait. */
function stopBeforeBuilding(running, report) {
    let first;
    for (const r of running) {
        const m = r.member;
        const reason = (0,doctor_step/* doctorBlocks */.Yt)(m.report);
        if (reason === undefined)
            continue;
        m.report.phases.push({ phase: 'build', durationMs: 0, ok: false, detail: 'dockerfile_checks' });
        m.stage = (0,outcome/* settleOn */.Rv)(m.report, { kind: 'stopped', command: m.report.command, cancelled: false }).stage;
        m.report.failureReason = reason;
        first ??= m;
    }
    for (const r of running) {
        if (r.member.stage === 'queued')
            setSkipped(r.member, `Not built: ${first?.name ?? 'a service'} failed the Dockerfile checks.`);
    }
    Object.assign(report, (0,outcome/* settleEnvironment */.zQ)(report.command, report.members.map((m) => m.report), { cancelled: false, failed: true }));
    report.failureReason = `${first?.name ?? 'a service'}: ${first?.report.failureReason ?? 'the Dockerfile checks failed'}`;
}
/**
 * A failed member that calls private services it needs may lack the invoker role on them: its failure then
 * names its identity, the role and the service (see checks/service-calls.ts).
 */
async function explainFailedCalls(command, failed, running) {
    const self = running.find((r) => r.member === failed);
    if (self === undefined || failed.needs.length === 0 || failed.report.revision === undefined)
        return;
    const revision = failed.report.revision;
    const lines = await explainRefusedCalls({
        caller: failed.name,
        identity: async () => {
            const rev = await self.ports.cloudRun.getRevision(revision);
            if (rev !== null)
                return rev.template.serviceAccount ?? undefined;
            // Deleted with the service its failed first preview created: nothing was inherited, the inputs tell.
            const { deploy, preview } = self.config;
            return ((command === 'preview' ? preview.serviceAccount : undefined) ??
                deploy.serviceAccount ??
                deploy.templateFile?.serviceAccount ??
                undefined);
        },
        callees: running
            .filter((r) => failed.needs.includes(r.member.name))
            .map((r) => ({ name: r.config.service, access: () => r.ports.cloudRun.access() })),
        project: self.config.projectId,
        region: self.config.region,
    });
    for (const line of lines)
        core/* error */.z3(line);
    failed.report.notes.push(...lines);
    if (lines.length > 0)
        failed.report.failureReason = `${failed.report.failureReason ?? 'failed'}. ${lines.join(' ')}`;
}
/**
 * The run of one service: its command, as an environment of one member would schedule it with every hook
 * met at once; its errors end the run as they come (nothing else is left to undo).
 */
async function runAlone(start, r, report) {
    const { config, ports, member } = r;
    member.report = await runOne(start, r);
    if (start.command === 'preview')
        await enforcePreviewCap(config, start.ctx, member.report, ports); // max_previews
    core/* info */.pq(`API calls to Cloud Run: ${ports.cloudRun.callCount()}`);
    const { state, result, failureReason } = member.report;
    Object.assign(report, { state, result, failureReason });
}
/**
 * One service's command, alone or as a member: a member's preview plan carries its hooks, a member's
 * promotion the production URLs of what it needs.
 */
async function runOne(start, r, given = {}) {
    const { config, ports, member } = r;
    const { ctx } = start;
    switch (start.command) {
        case 'preview':
        case 'candidate':
            return runPreview(given.plan ?? start.planOf(config, r.tag), member.report, ports);
        case 'promote': {
            const selector = promoteSelector(config.promote.from, ctx.headSha);
            return runPromote(config, selector, member.report, ports, given.runEnv);
        }
        case 'rollback':
            return runRollback(config, member.report, ports);
        case 'cleanup': {
            // A stale sweep looks at each service: a PR may have previewed only some of them.
            const prs = await (0,cleanup/* pullRequestsToClean */.IU)(config, start.prNumber, ctx, ports);
            return (0,cleanup/* runCleanup */.Kt)(config, prs, (pr) => start.tagFor(config, pr), member.report, ports);
        }
    }
}
function setSkipped(member, why) {
    member.stage = (0,outcome/* settleOn */.Rv)(member.report, { kind: 'skipped', why }).stage;
}
/** The run as a whole from its members (outcome.ts): ready only when every one passed. */
function settle(report, failed, cancelled) {
    const whole = (0,outcome/* settleEnvironment */.zQ)(report.command, report.members.map((m) => m.report), { cancelled, failed: failed !== undefined });
    if (cancelled || failed !== undefined)
        Object.assign(report, whole);
    const reason = failed?.report.failureReason;
    if (failed !== undefined)
        report.failureReason = `${failed.name}: ${reason ?? 'failed'}`;
}
async function previewAll(start, running, report, reporter, cancel) {
    const command = start.command;
    const urls = new Map(running.map((r) => [r.member.name, deferred()]));
    const befores = new Map();
    const progress = () => {
        void reporter.progress(report).catch(() => undefined);
    };
    await reporter.progress(report);
    const plans = new Map();
    /** Members whose revision was kept: neither rebuilt nor redeployed. */
    const reused = new Set();
    /** Members never deployed because something they need failed. */
    const blocked = new Set();
    // Every preview's isolation check comes before any build: one strict refusal stops them all.
    const refusedBy = [];
    const inspected = new Set();
    const allInspected = deferred();
    const doneInspecting = (name) => {
        inspected.add(name);
        if (inspected.size === running.length)
            allInspected.resolve();
    };
    const one = async (r) => {
        const { member, config } = r;
        const plan = {
            ...start.planOf(config, r.tag),
            member: {
                inputsDigest: (0,build_inputs/* buildInputsDigest */.W)(config.build),
                // Cloud Run's tag limit counts the members' new tags together (tag-limit-check.ts).
                runTags: running.map((o) => ({
                    service: o.config.service,
                    region: o.config.region,
                    tag: o.tag,
                })),
                recordsOwnPass: false,
                stage: (stage) => {
                    if (stage === 'reused')
                        reused.add(member.name);
                    member.stage = stage;
                    core/* info */.pq(`[${member.name}] ${stage}`);
                    progress();
                },
                waitForNeeds: async () => {
                    const env = {};
                    for (const need of member.needs) {
                        try {
                            env[(0,environment_file/* urlEnvName */.q9)(need)] = await urls.get(need).promise;
                        }
                        catch {
                            blocked.add(member.name);
                            throw new NeedFailed(`not deployed: ${need}, which it needs, did not become ready`);
                        }
                    }
                    return env;
                },
                deployed: (url) => urls.get(member.name)?.resolve(url),
                before: (state) => befores.set(member.name, state),
                inspected: async (refused) => {
                    if (refused)
                        refusedBy.push(member.name);
                    doneInspecting(member.name);
                    if (refused)
                        return;
                    await allInspected.promise;
                    if (refusedBy.length > 0) {
                        blocked.add(member.name);
                        throw new NeedFailed(`not built: isolation refused ${refusedBy.join(', ')}, so no service of this environment was built`);
                    }
                },
            },
        };
        plans.set(r, plan);
        try {
            return await runOne(start, r, { plan });
        }
        finally {
            // A member that stopped before its check (or a candidate, which has none) must not hold the others.
            if (!inspected.has(member.name))
                doneInspecting(member.name);
            const mine = urls.get(member.name);
            if (mine !== undefined && !mine.settled())
                mine.reject(new NeedFailed(member.name));
        }
    };
    await Promise.all(running.map(one));
    const cancelled = cancel.aborted || running.some((r) => r.member.report.result === 'cancelled');
    // The cause, not a service that only waited for it.
    const failed = running.find((r) => r.member.report.result !== 'success' && !blocked.has(r.member.name))?.member;
    for (const r of running) {
        const m = r.member;
        const needFailed = blocked.has(m.name);
        if (m.report.result === 'success')
            m.stage = reused.has(m.name) ? 'reused' : 'passed';
        else if (needFailed)
            setSkipped(m);
        else
            m.stage =
                (m.report.result ?? 'failed') === 'cancelled'
                    ? 'cancelled'
                    : m.report.result === 'rolled-back'
                        ? 'rolled-back'
                        : 'failed';
    }
    if (failed !== undefined && !cancelled)
        await explainFailedCalls(command, failed, running);
    if (failed === undefined && !cancelled) {
        // All passed: only now is each new revision the one a later failure returns its tag to.
        await Promise.all(running.map(async (r) => {
            const plan = plans.get(r);
            // A reused revision is the recorded one already.
            if (plan !== undefined && r.member.stage !== 'reused' && r.member.report.revision !== undefined) {
                await recordPass(plan, r.ports, r.member.report.revision);
            }
        }));
        Object.assign(report, (0,outcome/* settleEnvironment */.zQ)(command, [], { cancelled: false, failed: false }));
        return;
    }
    // All or nothing: a member that passed goes back to its last good preview, like the one that failed.
    const restore = cancelled || running.every((r) => r.config.rollbackOnFailure);
    for (const r of running) {
        const m = r.member;
        if (m.report.result !== 'success')
            continue;
        const before = befores.get(m.name) ?? null;
        const back = lastGoodRevision(before, r.tag, m.report.revision);
        if (!restore) {
            m.report.notes.push('rollback_on_failure is false: this preview keeps its tag');
            continue;
        }
        const because = `${failed?.name ?? 'the run'} ${cancelled ? 'was cancelled' : 'failed'}`;
        if (back === null && before?.traffic.some((t) => t.tag === r.tag && t.revision === m.report.revision)) {
            // Reused: the tag never moved, it is already on the revision that last passed.
            const undo = { kind: 'kept', tag: r.tag, revision: m.report.revision };
            m.stage = (0,outcome/* settleOn */.Rv)(m.report, { kind: 'undone-for-another', cancelled, undo, because }).stage;
            continue;
        }
        const plan = plans.get(r);
        // A failed retag settles the member as failed: its tag may still be on the revision that passed.
        m.stage = (await rollBackTag(plan, m.report, r.ports, before, m.report.revision, cancelled, because)).stage;
        await deleteUnusedPreviewService(plan, m.report, r.ports, before, `its first preview was undone because ${because}`);
    }
    settle(report, failed, cancelled);
    if (report.result === 'rolled-back') {
        report.notes.push('Every service of this PR returned to its last good preview; production is untouched.');
    }
}
async function cleanupAll(start, running, report, reporter) {
    await reporter.progress(report);
    let failed;
    for (const r of running) {
        try {
            await runOne(start, r);
            r.member.stage = r.member.report.result === 'removed' ? 'removed' : 'passed';
        }
        catch (err) {
            // One service's failure must not strand the others' previews: clean them all, then report.
            r.member.stage = (0,outcome/* settleOn */.Rv)(r.member.report, {
                kind: 'stopped',
                command: 'cleanup',
                cancelled: false,
            }).stage;
            r.member.report.failureReason = (0,user_error/* errorMessage */.g)(err);
            failed ??= r.member;
        }
    }
    const dryRun = running.every((r) => r.config.cleanup.dryRun);
    Object.assign(report, (0,outcome/* settleEnvironment */.zQ)('cleanup', [], { cancelled: false, failed: failed !== undefined, dryRun }));
    if (failed !== undefined) {
        report.failureReason = `${failed.name}: ${failed.report.failureReason ?? 'cleanup failed'}`;
    }
}
/**
 * Promotions (and production rollbacks) go in dependency order, a service after what it needs, each in
 * its canary steps; when one fails, those already promoted go back to what served before (`prev_tag`).
 */
async function promoteAll(start, running, report, reporter) {
    const command = start.command;
    await reporter.progress(report);
    const byName = new Map(running.map((r) => [r.member.name, r]));
    const done = [];
    let failed;
    for (const r of running) {
        const m = r.member;
        m.stage = 'deploying';
        await reporter.progress(report);
        try {
            // Production talks to production: what it needs is already promoted, by dependency order.
            const runEnv = {};
            for (const need of command === 'promote' ? m.needs : []) {
                const uri = (await byName.get(need)?.ports.cloudRun.getService())?.uri;
                if (uri !== undefined)
                    runEnv[(0,environment_file/* urlEnvName */.q9)(need)] = uri;
            }
            await runOne(start, r, { runEnv });
        }
        catch (err) {
            if (err instanceof user_error/* UserError */.y && done.length === 0)
                throw err;
            (0,outcome/* settleOn */.Rv)(m.report, { kind: 'stopped', command: 'promote', cancelled: false });
            m.report.failureReason = (0,user_error/* errorMessage */.g)(err);
        }
        if (m.report.result !== 'success') {
            m.stage = m.report.result === 'cancelled' ? 'cancelled' : 'failed';
            failed = m;
            break;
        }
        m.stage = 'promoted';
        done.push(r);
    }
    if (failed === undefined) {
        Object.assign(report, (0,outcome/* settleEnvironment */.zQ)(command, [], { cancelled: false, failed: false }));
        return;
    }
    for (const r of running)
        if (r.member.stage === 'queued')
            setSkipped(r.member, `Not ${command}d: ${failed.name} failed first.`);
    // Undo in reverse order, so nothing serves against a dependency older than the one it was checked with.
    for (const r of done.reverse()) {
        const m = r.member;
        if (command === 'rollback' || m.report.previousRevision === undefined)
            continue;
        const undo = (0,phases/* newReport */.bQ)({
            command: 'rollback',
            service: m.name,
            project: r.config.projectId,
            region: r.config.region,
        });
        try {
            await runRollback(r.config, undo, r.ports);
            m.stage = undo.result === 'success' ? 'restored' : 'failed';
            m.report.notes.push(undo.result === 'success'
                ? `Production went back to ${m.report.previousRevision} because ${failed.name} failed.`
                : `Could not return production to ${m.report.previousRevision}: ${undo.failureReason ?? 'the rollback failed'}`);
        }
        catch (err) {
            m.stage = 'failed';
            m.report.notes.push(`Could not return production to ${m.report.previousRevision}: ${(0,user_error/* errorMessage */.g)(err)}`);
        }
    }
    const cancelled = failed.report.result === 'cancelled';
    Object.assign(report, (0,outcome/* settleEnvironment */.zQ)(command, [], { cancelled, failed: true }));
    report.failureReason = `${failed.name}: ${failed.report.failureReason ?? `${command} failed`}`;
}

;// CONCATENATED MODULE: ./src/commands/run-environment.ts
/**
 * The tail of every run, of one service (an environment of one) or of an environment: one reporter, the
 * command (environment-run.ts), the environment's max_previews, the final comment and deployment, and the
 * job summary. What the comment, deployment and summary say for each kind: report/run-comment.ts.
 */







/** The GitHub deployment environment a run reports to; one service's preview is under its tag. */
function deploymentEnvironment(command, env, run) {
    const configured = env.members[0]?.config.github.environment;
    if (configured !== undefined)
        return configured;
    if (env.single === true) {
        if (command === 'preview' || command === 'cleanup')
            return `preview/${run.tag ?? 'pr'}`;
        return command === 'candidate' ? 'candidate' : 'production';
    }
    if (command === 'candidate')
        return `candidate/${env.name}`;
    if (command === 'promote' || command === 'rollback')
        return `production/${env.name}`;
    return `preview/${env.name}/pr-${run.prNumber ?? 'none'}`;
}
/** Runs one command over the run's services: one sticky comment and deployment, the command, the job summary. */
async function runEnvironment(command, env, ctx, cancel) {
    const github = env.members[0]?.config.github;
    const primary = (0,environment_report.frontMember)(env.members)?.name;
    const single = env.single === true;
    // Made at the first write, when the run knows its tag and the commit it built (the deployment's ref).
    let made;
    const reporterOf = (run) => (made ??=
        github === undefined || github.token === ''
            ? service_tools/* NO_REPORTS */.Q8
            : (0,src_github/* createReporter */.A5)({
                token: github.token,
                ctx: { ...ctx, headSha: run.commitSha ?? ctx.headSha },
                failOnCommentError: github.failOnCommentError,
                log: { info: core/* info */.pq, warning: core/* warning */.$e, notice: core/* notice */.lm },
                environment: deploymentEnvironment(command, env, run),
                comment: github.comment && ctx.prNumber !== undefined,
                primary,
                ...(single ? { intervalMs: 0 } : {}),
            }));
    const reporter = {
        progress: (run) => reporterOf(run).progress(run),
        finish: (run) => reporterOf(run).finish(run),
        removed: (run) => reporterOf(run).removed(run),
    };
    if (github?.token === '')
        core/* info */.pq('No github_token: no PR comment or deployment is written.');
    const report = await runEnvironmentCommand(command, env, ctx, reporter, cancel);
    // Why the preview went (issue 28): an environment's notes say it (one service's report already does).
    if (ctx.removedWhy !== undefined && !single)
        report.notes.unshift(ctx.removedWhy);
    if (command === 'preview' && !single) {
        // max_previews (issue 28): the least recently deployed other environment previews are cleaned up.
        const { enforceEnvironmentCap, evictionEnvironment } = await __webpack_require__.e(/* import() */ 258).then(__webpack_require__.bind(__webpack_require__, 79258));
        await enforceEnvironmentCap(env, ctx, report, (other) => runEnvironment('cleanup', evictionEnvironment(env), other, cancel));
    }
    // A skipped fork wrote nothing so far and writes nothing now (its token is read-only).
    if (report.result === 'skipped') {
        await (0,src_github/* writeJobSummary */.j7)(report, (0,src_github/* renderContextFor */.T2)(ctx));
        return report;
    }
    if (report.result === 'removed')
        await reporter.removed(report);
    else
        await reporter.finish(report);
    if (github !== undefined && github.token === '' && github.comment && ctx.prNumber !== undefined) {
        // Without a token nothing is posted; the log shows what the sticky comment would say.
        const body = (0,run_comment/* renderRunComment */.B7)({ run: report, previous: null, ctx: (0,src_github/* renderContextFor */.T2)(ctx), primary });
        core/* startGroup */.Oh('PR comment (not posted: no github_token)');
        core/* info */.pq((0,redaction/* redact */.E$)(body));
        core/* endGroup */.N4();
    }
    await (0,src_github/* writeJobSummary */.j7)(report, (0,src_github/* renderContextFor */.T2)(ctx));
    return report;
}


/***/ }),

/***/ 10971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ parseEnvironmentFile),
/* harmony export */   q9: () => (/* binding */ urlEnvName)
/* harmony export */ });
/* unused harmony export SERVICE_INPUTS */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9691);
/* harmony import */ var _config_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64389);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22156);
/**
 * The environment file (`services` input): the services one run previews together, each with the action's
 * own inputs and the services it needs. Pure: the caller reads the file.
 *
 *   name: shop
 *   services:
 *     api:    { context: api, health_path: /healthz }
 *     worker: { context: worker }
 *     web:    { context: web, needs: [api] }
 */





/** Inputs a service may set for itself; everything else (project, region, token, tag...) is the run's. */
const SERVICE_INPUTS = [
    'image_name',
    'repository',
    ...(0,_config_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .inputsInGroups */ .tB)('build', 'builder', 'deploy', 'preview', 'checks', 'data'),
    'canary',
];
const SERVICE_NAME = /^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/;
const scalar = zod__WEBPACK_IMPORTED_MODULE_4__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY()]);
const value = zod__WEBPACK_IMPORTED_MODULE_4__/* .union */ .KCZ([scalar, zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(scalar), zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), scalar)]);
const serviceSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), value.nullable()).nullable();
const fileSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()
        .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
        .optional(),
    services: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), serviceSchema),
});
/** `api` -> `API_URL`, `my-api` -> `MY_API_URL`: the variable a dependent service reads a preview URL from. */
function urlEnvName(service) {
    return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}
function inputString(v) {
    if (Array.isArray(v))
        return v.map(String).join(',');
    if (typeof v === 'object') {
        return Object.entries(v)
            .map(([k, x]) => `${k}=${String(x)}`)
            .join('\n');
    }
    return String(v);
}
/**
 * Parses the file's text; `source` names it in every message. Unknown keys, bad service names and
 * malformed `needs` fail here, naming the file, the service and what is allowed.
 */
function parseEnvironmentFile(text, source) {
    const bad = (what) => new _config_user_error_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y(`Input 'services' (${source}): ${what}.`, 'services');
    let raw;
    try {
        raw = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text);
    }
    catch (err) {
        throw bad(`not valid YAML: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(err).split('\n')[0]}`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw bad(`${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}; allowed: an optional name ` +
            '(lowercase, digits, hyphens) and services: a map of service name to its inputs');
    }
    const entries = Object.entries(parsed.data.services);
    if (entries.length === 0)
        throw bad('services is empty; allowed: at least one service');
    const allowed = new Set(SERVICE_INPUTS);
    const services = entries.map(([name, body]) => {
        if (!SERVICE_NAME.test(name)) {
            throw bad(`service ${JSON.stringify(name)} is not a Cloud Run service name; allowed: lowercase letters, digits and hyphens, starting with a letter, up to 49 characters`);
        }
        const inputs = {};
        let needs = [];
        for (const [key, v] of Object.entries(body ?? {})) {
            if (v === null)
                continue;
            if (key === 'needs') {
                const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
                if (list === null || !list.every((n) => typeof n === 'string')) {
                    throw bad(`service ${name}: needs must be a service name or a list of them`);
                }
                needs = list.map(String);
                continue;
            }
            if (!allowed.has(key)) {
                throw bad(`service ${name}: unknown key ${JSON.stringify(key)}; allowed: needs, ${SERVICE_INPUTS.join(', ')}`);
            }
            inputs[key] = inputString(v);
        }
        return { name, needs, inputs };
    });
    const fallback = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(source).replace(/\.ya?ml$/i, '');
    return { name: parsed.data.name ?? (/^[a-z0-9-]+$/.test(fallback) ? fallback : 'environment'), services };
}


/***/ })

};
