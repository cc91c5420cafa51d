export const id = 362;
export const ids = [362];
export const modules = {

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
