export const id = 852;
export const ids = [852,970];
export const modules = {

/***/ 79852:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadServiceConfigs: () => (/* binding */ loadServiceConfigs),
  runServices: () => (/* binding */ runServices)
});

// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/config/load-config.ts
var load_config = __webpack_require__(6943);
// EXTERNAL MODULE: ./src/report/redaction.ts
var redaction = __webpack_require__(27079);
// EXTERNAL MODULE: ./src/report/environment-report.ts
var environment_report = __webpack_require__(3970);
;// CONCATENATED MODULE: ./src/report/outputs.ts


/** The `metrics` output: health, smoke metrics and phase durations as one JSON object. */
function metricsJson(report) {
    return JSON.stringify({
        phases: Object.fromEntries(report.phases.map((p) => [p.phase, p.durationMs])),
        health: report.health
            ? {
                ok: report.health.ok,
                attempts: report.health.attempts,
                time_to_healthy_ms: report.health.timeToHealthyMs,
            }
            : null,
        smoke: report.smoke
            ? { ok: report.smoke.ok, aborted: report.smoke.aborted, metrics: report.smoke.metrics }
            : null,
    });
}
/** The action's outputs by name, as the action publishes them (and the CLI prints them with --json). */
function actionOutputs(report) {
    const outputs = {
        url: report.url ?? '',
        tag: report.tag ?? '',
        revision: report.revision ?? '',
        image: report.image ?? '',
        digest: report.digest ?? '',
        previous_revision: report.previousRevision ?? '',
        result: report.result ?? '',
        metrics: metricsJson(report),
    };
    return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, (0,redaction/* redact */.E$)(value)]));
}
/**
 * An environment's outputs: `result`, `urls` (service -> preview URL, JSON) and, for the single-service
 * outputs, those of the service nothing else needs that comes last (the front, usually).
 */
function environmentOutputs(env) {
    const front = (0,environment_report.frontMember)(env.members);
    const base = front === undefined ? {} : actionOutputs(front.report);
    const urls = Object.fromEntries(env.members.map((m) => [m.name, m.report.url ?? '']));
    const revisions = Object.fromEntries(env.members.map((m) => [m.name, m.report.revision ?? '']));
    const stages = Object.fromEntries(env.members.map((m) => [m.name, m.stage]));
    const outputs = {
        ...base,
        result: env.result ?? '',
        urls: JSON.stringify(urls),
        revisions: JSON.stringify(revisions),
        stages: JSON.stringify(stages),
    };
    return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, (0,redaction/* redact */.E$)(value)]));
}
/** The run's outputs by name: a single service's own, an environment's with its services' maps. */
function runOutputs(run) {
    const only = run.members[0];
    return run.single === true && only !== undefined ? actionOutputs(only.report) : environmentOutputs(run);
}

;// CONCATENATED MODULE: ./src/commands/run-services.ts



async function runServices(command, read, opts) {
    const services = read('services').trim();
    if (services !== '') {
        if (read('image_archive').trim() !== '') {
            throw new user_error/* UserError */.y(`Input 'image_archive': a fork's archive previews one service; allowed: service, not services.`, 'image_archive');
        }
        const { loadEnvironment } = await __webpack_require__.e(/* import() */ 939).then(__webpack_require__.bind(__webpack_require__, 7939));
        const env = await loadEnvironment(services, read, opts.readFor, load_config/* loadConfig */.Z);
        return run(command, env, opts.eventFor(env.members[0]?.config), opts.cancel);
    }
    let config = await (0,load_config/* loadConfig */.Z)(opts.readFor(read));
    let ctx = opts.eventFor(config);
    if (command === 'preview' && config.build.imageArchive !== undefined) {
        // A fork's archive (issue 28): checked, approved and pushed here; then previewed as a prebuilt image.
        // Waiting for approval is no failure: fork-preview.ts has set the `skipped` result and said why.
        const { prepareForkPreview } = await Promise.all(/* import() */[__webpack_require__.e(239), __webpack_require__.e(492), __webpack_require__.e(301), __webpack_require__.e(452), __webpack_require__.e(752), __webpack_require__.e(800), __webpack_require__.e(836)]).then(__webpack_require__.bind(__webpack_require__, 74836));
        const fork = await prepareForkPreview(config, ctx);
        if (fork.kind === 'done')
            return { result: 'skipped', failureReason: undefined, outputs: {}, what: command };
        ({ config, ctx } = fork);
    }
    const { environmentOfService } = await __webpack_require__.e(/* import() */ 939).then(__webpack_require__.bind(__webpack_require__, 7939));
    return run(command, environmentOfService(config), ctx, opts.cancel);
}
/** Runs the command over the run's services (one, or an environment's) and gives its outputs by name. */
async function run(command, env, ctx, cancel) {
    const { runEnvironment } = await Promise.all(/* import() */[__webpack_require__.e(239), __webpack_require__.e(492), __webpack_require__.e(301), __webpack_require__.e(452), __webpack_require__.e(752), __webpack_require__.e(960), __webpack_require__.e(783), __webpack_require__.e(800), __webpack_require__.e(555), __webpack_require__.e(41), __webpack_require__.e(522), __webpack_require__.e(470)]).then(__webpack_require__.bind(__webpack_require__, 61470));
    const report = await runEnvironment(command, env, ctx, cancel);
    return {
        result: report.result,
        failureReason: report.failureReason,
        outputs: runOutputs(report),
        what: env.single === true ? command : `${command} of environment ${env.name}`,
    };
}
/**
 * The configs of the run's services: the one `service`, or each of `services` (a scheduled sweep covers them
 * all), with the environment's name and front member, which its sweep reports under.
 */
async function loadServiceConfigs(read, readFor) {
    const services = read('services').trim();
    if (services === '')
        return { configs: [await (0,load_config/* loadConfig */.Z)(readFor(read))] };
    const { loadEnvironment } = await __webpack_require__.e(/* import() */ 939).then(__webpack_require__.bind(__webpack_require__, 7939));
    const env = await loadEnvironment(services, read, readFor, load_config/* loadConfig */.Z);
    const { frontMember } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3970));
    const primary = frontMember(env.members)?.name;
    return {
        configs: env.members.map((m) => m.config),
        environment: { name: env.name, ...(primary !== undefined ? { primary } : {}) },
    };
}


/***/ }),

/***/ 3970:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ environmentOfOne),
/* harmony export */   I: () => (/* binding */ SERVICE_STAGES),
/* harmony export */   frontMember: () => (/* binding */ frontMember)
/* harmony export */ });
/**
 * One service's place in an environment run. `waiting`: built, its deploy waits for what it needs;
 * `reused`: unchanged since its last passing preview, neither rebuilt nor redeployed; `restored`: it passed,
 * but another service failed, so its tag went back to its last good revision (all or nothing).
 */
const SERVICE_STAGES = [
    'queued',
    'building',
    'pushing',
    'waiting',
    'deploying',
    'ready',
    'checking',
    'passed',
    'reused',
    'failed',
    'rolled-back',
    'restored',
    'skipped',
    'cancelled',
    'removed',
    'promoted',
];
/**
 * The service the environment is visited through: the last one in dependency order that nothing else
 * needs (the front, usually). Its URL is the run's `url` output and the deployment's link.
 */
function frontMember(members) {
    const needed = new Set(members.flatMap((m) => m.needs));
    return members.filter((m) => !needed.has(m.name)).at(-1) ?? members.at(-1);
}
/** One service's run seen as an environment of one (the `service` input): the shape every run reports in. */
function environmentOfOne(report, stage) {
    return {
        name: report.service,
        single: true,
        command: report.command,
        state: report.state,
        ...(report.result !== undefined ? { result: report.result } : {}),
        ...(report.tag !== undefined ? { tag: report.tag } : {}),
        ...(report.prNumber !== undefined ? { prNumber: report.prNumber } : {}),
        ...(report.commitSha !== undefined ? { commitSha: report.commitSha } : {}),
        ...(report.runUrl !== undefined ? { runUrl: report.runUrl } : {}),
        members: [{ name: report.service, needs: [], stage, report }],
        notes: [],
        startedAt: new Date().toISOString(),
    };
}


/***/ })

};
