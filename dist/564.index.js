export const id = 564;
export const ids = [564];
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

/***/ 39564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runEnvironment: () => (/* binding */ runEnvironment)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/github/index.ts + 12 modules
var src_github = __webpack_require__(87861);
// EXTERNAL MODULE: ./src/report/environment-report.ts
var environment_report = __webpack_require__(3970);
// EXTERNAL MODULE: ./src/report/environment-markdown.ts
var environment_markdown = __webpack_require__(74461);
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
// EXTERNAL MODULE: ./src/commands/run-command.ts + 1 modules
var run_command = __webpack_require__(1523);
// EXTERNAL MODULE: ./src/commands/run-start.ts
var run_start = __webpack_require__(27502);
// EXTERNAL MODULE: ./src/commands/preview.ts + 3 modules
var preview = __webpack_require__(79065);
// EXTERNAL MODULE: ./src/commands/promote.ts + 1 modules
var promote = __webpack_require__(38783);
// EXTERNAL MODULE: ./src/commands/outcome.ts
var outcome = __webpack_require__(28786);
// EXTERNAL MODULE: ./src/commands/doctor-step.ts
var doctor_step = __webpack_require__(79526);
// EXTERNAL MODULE: ./src/build/doctor/index.ts + 2 modules
var build_doctor = __webpack_require__(94495);
// EXTERNAL MODULE: ./src/commands/preview-data.ts + 8 modules
var preview_data = __webpack_require__(21172);
;// CONCATENATED MODULE: ./src/commands/environment-run.ts
/**
 * One run over an environment of several services (the `services` input): builds in parallel, each deploy
 * as soon as what it needs is ready (their tag URLs reach it as `<NAME>_URL`), all or nothing. Every
 * service runs the single-service command itself (runPreview, runCleanup, runPromote); this module only
 * schedules them, hands URLs along and undoes the others when one fails.
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
 * The reporter's progress calls are batched by the reporter itself, so stage changes may call it freely.
 */
async function runEnvironmentCommand(command, env, event, reporter, cancel) {
    const first = env.members[0]?.config;
    if (first === undefined)
        throw new user_error/* UserError */.y(`Input 'services' (${env.source}): no services.`, 'services');
    const builds = command === 'preview' || command === 'candidate';
    // Members share one checkout: the commit built is its HEAD, as for a single service.
    const start = (0,run_start/* startRun */.AD)(command, first, event);
    const { ctx, prNumber, skip } = start;
    const report = {
        name: env.name,
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
        return {
            member,
            config,
            ports: (0,service_tools/* serviceTools */.vi)(config, ctx, service_tools/* NO_REPORTS */.Q8, memberReport, cancel),
            tag,
        };
    });
    report.tag = running[0]?.tag;
    if (skip !== null) {
        core/* notice */.lm(skip);
        Object.assign(report, (0,outcome/* settleEnvironment */.zQ)(command, [], { cancelled: false, failed: false, skipped: true }));
        report.notes.push(skip);
        for (const r of running)
            setSkipped(r.member, skip);
        return report;
    }
    // Per-PR data: database_from names a member it needs; the servers answer before anything is built.
    (0,preview_data/* checkSharedDatabases */.oZ)(env.members);
    if (command === 'preview')
        for (const r of running)
            await (0,preview_data/* checkDataReachable */.E0)(r.config);
    if (builds && examineMembers(running)) {
        stopBeforeBuilding(running, report);
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
                await cleanupAll(running, report, reporter, start.tagFor, prNumber, ctx);
                break;
            case 'promote':
            case 'rollback':
                await promoteAll(command, running, report, reporter, ctx);
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
function examineMembers(running) {
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
        (0,doctor_step/* annotate */.fz)(doctor.findings, r.config.doctor.mode, r.member.name);
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
                            throw new preview/* NeedFailed */.iQ(`not deployed: ${need}, which it needs, did not become ready`);
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
                        throw new preview/* NeedFailed */.iQ(`not built: isolation refused ${refusedBy.join(', ')}, so no service of this environment was built`);
                    }
                },
            },
        };
        plans.set(r, plan);
        try {
            return await (0,preview/* runPreview */.UE)(plan, member.report, r.ports);
        }
        finally {
            // A member that stopped before its check (or a candidate, which has none) must not hold the others.
            if (!inspected.has(member.name))
                doneInspecting(member.name);
            const mine = urls.get(member.name);
            if (mine !== undefined && !mine.settled())
                mine.reject(new preview/* NeedFailed */.iQ(member.name));
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
                await (0,preview/* recordPass */.f$)(plan, r.ports, r.member.report.revision);
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
        const back = (0,preview/* lastGoodRevision */.Z)(before, r.tag, m.report.revision);
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
        m.stage = (await (0,preview/* rollBackTag */.Vt)(plan, m.report, r.ports, before, m.report.revision, cancelled, because)).stage;
        await (0,preview/* deleteUnusedPreviewService */.VB)(plan, m.report, r.ports, before, `its first preview was undone because ${because}`);
    }
    settle(report, failed, cancelled);
    if (report.result === 'rolled-back') {
        report.notes.push('Every service of this PR returned to its last good preview; production is untouched.');
    }
}
async function cleanupAll(running, report, reporter, tagFor, prNumber, ctx) {
    await reporter.progress(report);
    let failed;
    for (const r of running) {
        try {
            // A stale sweep looks at each service: a PR may have previewed only some of them.
            const prs = await (0,run_command/* pullRequestsToClean */.I)(r.config, prNumber, ctx, r.ports);
            await (0,cleanup/* runCleanup */.Kt)(r.config, prs, (pr) => tagFor(r.config, pr), r.member.report, r.ports);
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
async function promoteAll(command, running, report, reporter, ctx) {
    await reporter.progress(report);
    const byName = new Map(running.map((r) => [r.member.name, r]));
    const done = [];
    let failed;
    for (const r of running) {
        const m = r.member;
        m.stage = 'deploying';
        await reporter.progress(report);
        try {
            if (command === 'promote') {
                // Production talks to production: what it needs is already promoted, by dependency order.
                const env = {};
                for (const need of m.needs) {
                    const uri = (await byName.get(need)?.ports.cloudRun.getService())?.uri;
                    if (uri !== undefined)
                        env[(0,environment_file/* urlEnvName */.q9)(need)] = uri;
                }
                await (0,promote/* runPromote */.EQ)(r.config, (0,promote/* promoteSelector */.sk)(r.config.promote.from, ctx.headSha), m.report, r.ports, env);
            }
            else {
                await (0,promote/* runRollback */.el)(r.config, m.report, r.ports);
            }
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
            await (0,promote/* runRollback */.el)(r.config, undo, r.ports);
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







/** The GitHub deployment environment an environment run reports to. */
function deploymentEnvironment(command, env, ctx) {
    const configured = env.members[0]?.config.github.environment;
    if (configured !== undefined)
        return configured;
    if (command === 'candidate')
        return `candidate/${env.name}`;
    if (command === 'promote' || command === 'rollback')
        return `production/${env.name}`;
    return `preview/${env.name}/pr-${ctx.prNumber ?? 'none'}`;
}
/** Runs one command over an environment: one sticky comment and deployment, the command, the job summary. */
async function runEnvironment(command, env, ctx, cancel) {
    const github = env.members[0]?.config.github;
    const front = (0,environment_report.frontMember)(env.members);
    const reporter = github === undefined || github.token === ''
        ? service_tools/* NO_REPORTS */.Q8
        : (0,src_github/* createEnvironmentReporter */.X6)({
            token: github.token,
            ctx,
            failOnCommentError: github.failOnCommentError,
            log: { info: core/* info */.pq, warning: core/* warning */.$e, notice: core/* notice */.lm },
            environment: deploymentEnvironment(command, env, ctx),
            comment: github.comment && ctx.prNumber !== undefined,
            primary: front?.name,
        });
    if (github?.token === '')
        core/* info */.pq('No github_token: no PR comment or deployment is written.');
    const report = await runEnvironmentCommand(command, env, ctx, reporter, cancel);
    if (ctx.removedWhy !== undefined)
        report.notes.unshift(ctx.removedWhy); // why the preview went (issue 28)
    if (command === 'preview') {
        // max_previews (issue 28): the least recently deployed other environment previews are cleaned up.
        const { enforceEnvironmentCap, evictionEnvironment } = await __webpack_require__.e(/* import() */ 258).then(__webpack_require__.bind(__webpack_require__, 79258));
        await enforceEnvironmentCap(env, ctx, report, (other) => runEnvironment('cleanup', evictionEnvironment(env), other, cancel));
    }
    // A skipped fork wrote nothing so far and writes nothing now (its token is read-only), as for one service.
    if (report.result === 'removed')
        await reporter.removed(report);
    else if (report.result !== 'skipped')
        await reporter.finish(report);
    if (github !== undefined && github.token === '' && github.comment && ctx.prNumber !== undefined) {
        // Without a token nothing is posted; the log shows what the sticky comment would say, as for one service.
        const body = (0,environment_markdown/* renderEnvironmentComment */.f8)({
            env: report,
            history: [],
            ctx: (0,src_github/* renderContextFor */.T2)(ctx),
            ...(front !== undefined ? { primary: front.name } : {}),
        });
        core/* startGroup */.Oh('PR comment (not posted: no github_token)');
        core/* info */.pq((0,redaction/* redact */.E$)(body));
        core/* endGroup */.N4();
    }
    await (0,src_github/* writeEnvironmentJobSummary */.C0)(report, (0,src_github/* renderContextFor */.T2)(ctx));
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
