export const id = 538;
export const ids = [538];
export const modules = {

/***/ 6538:
/***/ ((__webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _store_github_cache_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6505);
/* harmony import */ var _store_seed_seed_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77482);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9455);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(51797);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(55576);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(39778);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(77471);








/**
 * The post step of the form without `run` (post-if: success(), as actions/cache): snapshots what
 * the job's steps left at path and saves it under the key, unless the key hit exactly.
 */
async function post() {
    const raw = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_state_js__WEBPACK_IMPORTED_MODULE_6__/* .STATE */ .c);
    // No state: the main step failed before it looked, or `run` was given and it saved itself.
    if (!raw)
        return;
    const state = JSON.parse(raw);
    if (state.hit === 'exact') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Seed ${state.key}: exact hit in the main step; nothing to save`);
        return;
    }
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .readSeedInputs */ .P)();
    const store = new _store_github_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubCacheSeedStore */ .il({ log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
    const saved = await (0,_store_seed_seed_js__WEBPACK_IMPORTED_MODULE_2__/* .saveSeed */ .Jo)({ store, key: state.key, databases: inputs.databases, snapshot: (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .snapshotOptionsOf */ .k)(inputs), log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .logSaved */ .aO)(state.key, saved);
}
await (0,_run_js__WEBPACK_IMPORTED_MODULE_3__/* .runAction */ .C)(post);
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

};
