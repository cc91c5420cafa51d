export const id = 602;
export const ids = [602];
export const modules = {

/***/ 59602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportEnvironmentSwept: () => (/* binding */ reportEnvironmentSwept)
/* harmony export */ });
/* unused harmony export sweptPullRequests */
/* harmony import */ var _sweep_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65522);

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
    for (const entry of sweptPullRequests(entries))
        await (0,_sweep_js__WEBPACK_IMPORTED_MODULE_0__/* .reportSwept */ .C)(configs, ctx, entry, environment);
}


/***/ })

};
