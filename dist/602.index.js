export const id = 602;
export const ids = [602];
export const modules = {

/***/ 59602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportEnvironmentSwept: () => (/* binding */ reportEnvironmentSwept)
/* harmony export */ });
/* unused harmony export sweptPullRequests */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _github_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44686);
/* harmony import */ var _report_phases_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62568);
/* harmony import */ var _sweep_plan_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(66368);
/* harmony import */ var _sweep_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(65522);
/**
 * The scheduled sweep of an environment reports as the environment does: each swept PR's one environment
 * comment (not one per service) says why its preview went, and its `preview/<env>/pr-N` deployment turns
 * inactive.
 */






/** One entry per PR: closed wins over expired (a PR may have been planned differently on two services). */
function sweptPullRequests(entries) {
    const byPr = new Map();
    for (const e of entries) {
        const seen = byPr.get(e.pr);
        if (seen === undefined || (e.reason === 'closed' && seen.reason !== 'closed'))
            byPr.set(e.pr, e);
    }
    return [...byPr.values()].sort((a, b) => a.pr - b.pr);
}
async function reportEnvironmentSwept(configs, environment, ctx, entries) {
    const first = configs[0];
    if (first === undefined || first.github.token === '')
        return;
    for (const entry of sweptPullRequests(entries)) {
        const why = entry.reason === 'closed' || first.cleanup.staleMs === undefined
            ? _sweep_plan_js__WEBPACK_IMPORTED_MODULE_5__/* .CLOSED_SENTENCE */ .RH
            : (0,_sweep_plan_js__WEBPACK_IMPORTED_MODULE_5__/* .expiredSentence */ .LS)(first.cleanup.staleMs);
        const members = configs.map((config) => {
            const report = (0,_report_phases_js__WEBPACK_IMPORTED_MODULE_3__/* .newReport */ .bQ)({
                command: 'cleanup',
                service: config.service,
                project: config.projectId,
                region: config.region,
                tag: (0,_sweep_js__WEBPACK_IMPORTED_MODULE_4__/* .tagOf */ .cO)(config, entry.pr),
                prNumber: entry.pr,
            });
            report.state = 'removed';
            report.result = 'removed';
            return { name: config.service, needs: [], stage: 'removed', report };
        });
        const report = {
            name: environment.name,
            command: 'cleanup',
            state: 'removed',
            result: 'removed',
            tag: members[0]?.report.tag,
            prNumber: entry.pr,
            runUrl: ctx.runUrl,
            members,
            notes: [why],
            startedAt: new Date().toISOString(),
        };
        try {
            await (0,_github_index_js__WEBPACK_IMPORTED_MODULE_2__/* .createReporter */ .A5)({
                token: first.github.token,
                ctx: { ...ctx, prNumber: entry.pr },
                failOnCommentError: false,
                log: { info: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq, warning: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e, notice: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm },
                environment: first.github.environment ?? `preview/${environment.name}/pr-${entry.pr}`,
                comment: first.github.comment,
                primary: environment.primary,
            }).removed(report);
        }
        catch (err) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`PR #${entry.pr}: could not update its comment or deployments: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`);
        }
    }
}


/***/ })

};
