export const id = 252;
export const ids = [252];
export const modules = {

/***/ 7252:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var _store_github_releases_upload_thread_start_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79245);
/**
 * Run before the rest of the snapshot step loads (scripts/bundle.js, EARLY): a release snapshot
 * of a large database sends its stored file from a thread of its own, and that thread boots now,
 * on the core that loading leaves idle, instead of beside the copy that keeps both cores busy
 * (~80 ms of a core on Node 24). A guess from the raw inputs, read without @actions/core so as to
 * load nothing more: a wrong one leaves a thread idle, or boots it later, when the copy starts.
 */


if ((process.env['INPUT_RELEASE'] ?? '').trim() !== '')
    (0,_store_github_releases_upload_thread_start_js__WEBPACK_IMPORTED_MODULE_1__/* .warmUploadThread */ .BQ)(sizeGuess());
/** The database's size when `path` names one file, else as large as any (a pattern: matched later). */
function sizeGuess() {
    const lines = (process.env['INPUT_PATH'] ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const only = lines.length === 1 ? lines[0] : undefined;
    // paths.ts's GLOB_CHARS and `!` excludes, not imported: paths.ts brings node:crypto with it.
    if (only === undefined || /[*?[\]{}!]/.test(only))
        return Number.POSITIVE_INFINITY;
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(only, { throwIfNoEntry: false })?.size ?? 0;
}


/***/ }),

/***/ 56680:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BR: () => (/* binding */ startThread),
/* harmony export */   LT: () => (/* binding */ waitingThreads),
/* harmony export */   Un: () => (/* binding */ IN_LINE_MAX),
/* harmony export */   lM: () => (/* binding */ warmUp),
/* harmony export */   uH: () => (/* binding */ hashThreadPays),
/* harmony export */   z_: () => (/* binding */ threadBeside)
/* harmony export */ });
/* unused harmony export threadUrl */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75919);


/**
 * Work up to this many bytes is done in line, on the caller's thread, with no thread started: a
 * thread's start (~25 ms here, more on a busy machine, and a core's worth of CPU meanwhile) costs
 * more than running a few MiB of copying or writing alongside the caller's own work saves.
 */
const IN_LINE_MAX = 16 << 20;
/**
 * Whether an uncompressed copy pays for a hash thread of its own beside the copy thread. Not when
 * the caller runs a check on its own thread meanwhile (`checking`) on only two cores: the check,
 * the copy and the hash thread then took turns on both cores, the check slowest of all; with the
 * copy thread hashing too, each of the two has a core.
 */
function hashThreadPays(checking) {
    return !checking || node_os__WEBPACK_IMPORTED_MODULE_0__.availableParallelism() > 2;
}
/**
 * Each thread is a file beside this module: lib/engine/threads/ after tsc, src/engine/threads/
 * when the sources run directly (tests), dist/ beside the ncc bundle that holds this module
 * (scripts/bundle.js bundles each thread file there, as ncc does not follow a computed worker URL).
 */
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
function threadUrl(name) {
    return new URL(`./${name}${EXT}`, import.meta.url);
}
/**
 * A thread module of another layer, `<name>.ts` beside `moduleUrl` (the caller's import.meta.url):
 * lib/ and src/ as above; in dist/ every thread module is bundled beside the chunks.
 */
function threadBeside(moduleUrl, name) {
    return new URL(`./${name}${EXT}`, moduleUrl);
}
const warm = new Map();
const urlOf = (thread) => (typeof thread === 'string' ? threadUrl(thread) : thread);
/** Boots `count` threads of `thread` (a name, or a module's URL); they do not keep the process alive while they wait. */
function warmUp(thread, count = 1) {
    const url = urlOf(thread);
    const list = warm.get(url.href) ?? [];
    warm.set(url.href, list);
    for (let i = 0; i < count; i++) {
        const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.Worker(url);
        const entry = { worker, dead: false };
        // Until it is handed out, a failure only means this thread is not used.
        worker.on('error', () => (entry.dead = true));
        worker.once('exit', () => (entry.dead = true));
        worker.unref();
        list.push(entry);
    }
    return list.slice(-count).map((e) => e.worker);
}
/** How many threads of `thread` are booted and waiting for a job. */
function waitingThreads(thread) {
    const url = urlOf(thread);
    return (warm.get(url.href) ?? []).filter((e) => !e.dead).length;
}
/** A thread of `thread` working on `job`: a warm one if there is one, else a new one. */
function startThread(thread, job) {
    const url = urlOf(thread);
    const list = warm.get(url.href) ?? [];
    for (let entry = list.shift(); entry; entry = list.shift()) {
        if (entry.dead)
            continue;
        entry.worker.removeAllListeners('error');
        entry.worker.ref();
        entry.worker.postMessage({ job });
        return entry.worker;
    }
    return new node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.Worker(url, { workerData: job });
}


/***/ }),

/***/ 79245:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BQ: () => (/* binding */ warmUploadThread),
/* harmony export */   Kv: () => (/* binding */ startUploadThread),
/* harmony export */   wG: () => (/* binding */ UPLOAD_THREAD_MIN)
/* harmony export */ });
/* harmony import */ var _engine_threads_start_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56680);

/**
 * Uploads at least this large go on a thread of their own (upload-thread.ts): a smaller one takes
 * a few tens of ms at the rates runners see, about what the thread's start costs.
 */
const UPLOAD_THREAD_MIN = 4 << 20;
/** Beside this module: src/ and lib/ keep upload-thread.ts next to it, dist/ holds every thread module beside the chunks. */
const UPLOAD_THREAD = (0,_engine_threads_start_js__WEBPACK_IMPORTED_MODULE_0__/* .threadBeside */ .z_)(import.meta.url, 'upload-thread');
/**
 * Boots an upload thread ahead of an upload of about `size` bytes that will want one, unless one
 * is already waiting (the Action's snapshot step boots one before its modules load: early.ts).
 */
function warmUploadThread(size) {
    if (size >= UPLOAD_THREAD_MIN && (0,_engine_threads_start_js__WEBPACK_IMPORTED_MODULE_0__/* .waitingThreads */ .LT)(UPLOAD_THREAD) === 0)
        (0,_engine_threads_start_js__WEBPACK_IMPORTED_MODULE_0__/* .warmUp */ .lM)(UPLOAD_THREAD);
}
/** An upload thread working on `job`: the waiting one, if any. */
function startUploadThread(job) {
    return (0,_engine_threads_start_js__WEBPACK_IMPORTED_MODULE_0__/* .startThread */ .BR)(UPLOAD_THREAD, job);
}


/***/ })

};
