export const id = 145;
export const ids = [145];
export const modules = {

/***/ 25009:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ restoresMustBeDurable)
/* harmony export */ });
/**
 * Whether what an Action step restores must survive a crash of the machine. A GitHub-hosted runner
 * (RUNNER_ENVIRONMENT=github-hosted) is a machine discarded with the job: nothing restored there
 * can outlive the job, so flushing it to the device would only make the step wait (at 256 MiB,
 * about as long as the download). A self-hosted runner keeps its workspace from job to job, so
 * there, and wherever the variable is missing, a restore stays durable.
 */
function restoresMustBeDurable(env = process.env) {
    return env['RUNNER_ENVIRONMENT'] !== 'github-hosted';
}


/***/ }),

/***/ 25145:
/***/ ((__webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _store_github_cache_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6505);
/* harmony import */ var _store_seed_command_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42054);
/* harmony import */ var _store_seed_seed_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77482);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9455);
/* harmony import */ var _durable_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(25009);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(51797);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(55576);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(39778);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(77471);










async function main() {
    (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .setHitOutputs */ .aV)();
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .readSeedInputs */ .P)();
    const store = new _store_github_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubCacheSeedStore */ .il({ log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
    const restore = { check: 'auto', durable: (0,_durable_js__WEBPACK_IMPORTED_MODULE_7__/* .restoresMustBeDurable */ .Z)() };
    if (!inputs.run) {
        const r = await (0,_store_seed_seed_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreSeed */ .CM)({ store, key: inputs.key, restoreKeys: inputs.restoreKeys, databases: inputs.databases, restore, log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
        (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .logRestored */ .xZ)(inputs.key, r);
        (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .setHitOutputs */ .aV)(r);
        const state = { key: inputs.key, hit: r.hit };
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c, JSON.stringify(state));
        if (r.hit !== 'exact')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('The post step will save what the job leaves at path under the key, if the job succeeds');
        await (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .writeSummary */ .Sy)(inputs.key, r);
        return;
    }
    const outcome = await (0,_store_seed_seed_js__WEBPACK_IMPORTED_MODULE_3__/* .seed */ .cR)({
        store,
        key: inputs.key,
        restoreKeys: inputs.restoreKeys,
        databases: inputs.databases,
        command: async () => {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Running: ${inputs.run}`);
            return (0,_store_seed_command_js__WEBPACK_IMPORTED_MODULE_2__/* .runCommand */ .d)(['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', inputs.run], { cwd: process.cwd(), env: stepEnv(), stdio: 'inherit', label: 'run' });
        },
        commandLabel: 'run',
        snapshot: (0,_options_js__WEBPACK_IMPORTED_MODULE_9__/* .snapshotOptionsOf */ .k)(inputs),
        restore,
        log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq,
    });
    (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .logRestored */ .xZ)(inputs.key, outcome);
    (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .setHitOutputs */ .aV)(outcome);
    if (outcome.saved)
        (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .logSaved */ .aO)(inputs.key, outcome.saved);
    await (0,_report_js__WEBPACK_IMPORTED_MODULE_6__/* .writeSummary */ .Sy)(inputs.key, outcome, outcome.saved);
}
/**
 * `run` gets what a `run:` step gets: the job's environment without the runtime token and the
 * cache service's variables (only actions receive those), and without this action's inputs.
 */
function stepEnv() {
    const env = { ...process.env };
    for (const k of Object.keys(env)) {
        if (/^(INPUT_|STATE_)/.test(k) || ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RUNTIME_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_CACHE_SERVICE_V2'].includes(k))
            delete env[k];
    }
    return env;
}
await (0,_run_js__WEBPACK_IMPORTED_MODULE_4__/* .runAction */ .C)(main);
// The cache client can leave a download timer running after a failed transfer; the step is done.
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 42054:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ runCommand)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12399);



/**
 * Runs the command that builds or migrates a seed and resolves to its exit status (128 + signal
 * number when killed, as shells report it). It resolves when the command itself exits, not when
 * its output closes: a command may leave a background process running (a server, a writer) that
 * holds stdout open, and the seed is snapshotted consistently under it anyway.
 */
function runCommand(argv, opts) {
    const [file, ...args] = argv;
    if (!file)
        throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SnapshotError */ .JC('bad-input', `${opts.label}: is empty; give the command that builds the databases`);
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, { cwd: opts.cwd, env: opts.env, stdio: opts.stdio });
        child.once('error', (err) => {
            const advice = err.code === 'ENOENT' ? 'not found; check the command name and PATH' : err.message;
            reject(new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SnapshotError */ .JC('bad-input', `${opts.label}: cannot start ${file}: ${advice}`, { cause: err }));
        });
        child.once('exit', (code, signal) => {
            const n = signal ? (node_os__WEBPACK_IMPORTED_MODULE_1__.constants.signals[signal] ?? 0) : 0;
            resolve(code ?? 128 + n);
        });
    });
}


/***/ })

};
