export const id = 258;
export const ids = [258];
export const modules = {

/***/ 79258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   enforceEnvironmentCap: () => (/* binding */ enforceEnvironmentCap),
/* harmony export */   evictionEnvironment: () => (/* binding */ evictionEnvironment)
/* harmony export */ });
/* unused harmony export liveEnvironmentPreviews */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _cloudrun_run_port_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14791);
/* harmony import */ var _sweep_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66368);
/* harmony import */ var _sweep_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65522);
/**
 * `max_previews` for an environment (the `services` input): after a PR's environment preview passed, the
 * least recently deployed other PRs' environment previews are removed until the cap holds. An environment
 * preview is one preview however many services it has: it is live while any member carries the PR's tag,
 * and its last deploy is the newest of its members' revisions. Eviction is the environment's own cleanup
 * (every member's tag, revisions, images and per-PR data), so both PRs' comments say what happened.
 */




/** Each PR's environment preview that is live on some member, with its newest deploy across members. */
function liveEnvironmentPreviews(members) {
    const live = new Map();
    for (const m of members) {
        for (const [pr, at] of m.lastDeploys) {
            if (!m.tags.has(m.tagOf(pr)))
                continue;
            const seen = live.get(pr);
            if (seen === undefined || at > seen)
                live.set(pr, at);
        }
    }
    return live;
}
/** The environment's members as an eviction cleans them: that one PR only, for real (no sweep, no dry run). */
function evictionEnvironment(env) {
    const only = (config) => {
        const { staleMs: _sweep, ...cleanup } = config.cleanup;
        return { ...config, cleanup: { ...cleanup, dryRun: false } };
    };
    return { ...env, members: env.members.map((m) => ({ ...m, config: only(m.config) })) };
}
/**
 * Applies the cap after `report`'s preview; a no-op without `max_previews`, without a PR or on failure.
 * `evict` removes the environment preview of the PR its event names, the comment saying `removedWhy`.
 */
async function enforceEnvironmentCap(env, ctx, report, evict) {
    const max = env.members[0]?.config.optIn.maxPreviews;
    const pr = report.prNumber;
    if (max === undefined || pr === undefined || report.command !== 'preview' || report.result !== 'success')
        return;
    const members = [];
    for (const m of env.members) {
        const cloudRun = (0,_cloudrun_run_port_js__WEBPACK_IMPORTED_MODULE_1__/* .createCloudRunPort */ .wR)(m.config, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e);
        const service = await cloudRun.getService();
        const revisions = await cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
        members.push({
            tags: new Set((service?.traffic ?? []).flatMap((t) => (t.tag === undefined ? [] : [t.tag]))),
            lastDeploys: (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .lastDeployByPr */ .vP)(revisions),
            tagOf: (n) => (0,_sweep_js__WEBPACK_IMPORTED_MODULE_2__/* .tagOf */ .cO)(m.config, n),
        });
    }
    const evicted = (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planEviction */ .fg)({ live: liveEnvironmentPreviews(members), pr, max });
    if (evicted.length === 0)
        return;
    const note = (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .evictingNote */ .km)(max, evicted);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(note);
    for (const other of evicted) {
        await evict({ ...ctx, prNumber: other, removedWhy: (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .evictedSentence */ .OR)(max, pr) });
    }
    report.notes.push(note);
}


/***/ })

};
