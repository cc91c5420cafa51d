export const id = 970;
export const ids = [970];
export const modules = {

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
