export const id = 69;
export const ids = [69];
export const modules = {

/***/ 35102:
/***/ ((module) => {

function webpackEmptyContext(req) {
	var e = new Error("Cannot find module '" + req + "'");
	e.code = 'MODULE_NOT_FOUND';
	throw e;
}
webpackEmptyContext.keys = () => ([]);
webpackEmptyContext.resolve = webpackEmptyContext;
webpackEmptyContext.id = 35102;
module.exports = webpackEmptyContext;

/***/ }),

/***/ 21413:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mn: () => (/* binding */ lines),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   Wh: () => (/* binding */ int),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);


/**
 * Readers for action inputs that fail with one line naming the input and the values it takes.
 * Every value arrives as a string from the runner (action.yml defaults included), so an empty
 * string means "use the default" only where the input says so.
 */
function text(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).trim();
}
function lines(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
function oneOf(name, allowed, fallback) {
    const v = text(name).toLowerCase();
    if (v === '')
        return fallback;
    if (allowed.includes(v))
        return v;
    throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`${name}: "${text(name)}" is not one of ${allowed.join(', ')}; set it to one of those`);
}
function bool(name, fallback) {
    const v = text(name).toLowerCase();
    if (v === '')
        return fallback;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`${name}: "${text(name)}" is not a boolean; use true or false`);
}
function int(name, min, max) {
    const v = text(name);
    if (v === '')
        return undefined;
    if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`${name}: "${v}" is not a whole number from ${min} to ${max}; fix the value or leave it empty for the default`);
    }
    return Number(v);
}


/***/ }),

/***/ 87058:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CG: () => (/* binding */ ratio),
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   JN: () => (/* binding */ logEntry),
/* harmony export */   Np: () => (/* binding */ integrityText),
/* harmony export */   o8: () => (/* binding */ rawShaText),
/* harmony export */   oW: () => (/* binding */ rowCount)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50715);
/* harmony import */ var _engine_snapshot_recovery_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51073);



function ratio(raw, stored) {
    return stored > 0 ? `${(raw / stored).toFixed(2)}×` : 'n/a';
}
function integrityText(e) {
    const i = e.integrity;
    return i.ok === null ? 'not checked' : i.ok ? `${i.check}_check ok` : `${i.check}_check FAILED`;
}
function rowCount(e) {
    return Object.values(e.tables).reduce((a, b) => a + b, 0);
}
/** One collapsible log group per database, so a run with ten databases stays readable. */
async function logEntry(e) {
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`${e.name}: ${e.method}, ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(e.rawSize)} → ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(e.storedSize)} (${ratio(e.rawSize, e.storedSize)}) in ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(e.timings.totalMs)}`, async () => {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`source       ${e.source}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`method       ${e.method} (${e.copy}): ${e.reason}`);
        if (e.recovery)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`recovery     ${(0,_engine_snapshot_recovery_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRecovery */ .xX)(e.recovery)}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`size         ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(e.rawSize)} raw → ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(e.storedSize)} ${e.compression}${e.compression === 'none' ? '' : ` level ${e.level}`}, ratio ${ratio(e.rawSize, e.storedSize)}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`time         copy ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(e.timings.copyMs)} at ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatRate */ .CE)(e.rawSize, e.timings.copyMs)}, check ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(e.timings.checkMs)}, total ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(e.timings.totalMs)} (${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatRate */ .CE)(e.rawSize, e.timings.totalMs)})`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`database     ${e.pageCount} pages of ${e.pageSize} B, ${e.freelistCount} free, journal ${e.journalMode}, SQLite ${e.sqliteVersion}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`content      ${Object.keys(e.tables).length} tables, ${rowCount(e)} rows; ${integrityText(e)}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`sha256       ${rawShaText(e.rawSha256)}`);
    });
}
/** The database's sha256 as the snapshot recorded it, or why there is none. */
function rawShaText(sha) {
    return sha ?? 'not recorded (take the snapshot with raw-sha256: true to record it)';
}
/** Markdown-safe table cell text: pipes and angle brackets would break the summary's table. */
function cell(s) {
    return s.replace(/[<>&|]/g, (c) => `&#${c.charCodeAt(0)};`);
}


/***/ }),

/***/ 9455:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction),
/* harmony export */   v: () => (/* binding */ throttled)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);


/**
 * The one place an entry's failure becomes the step's result: a single actionable line through
 * core.setFailed (an annotation on the run page), never a stack trace.
 */
async function runAction(main) {
    // Bundled dependencies (unzip-stream's Buffer()) emit deprecation warnings a user cannot act on.
    process.noDeprecation = true;
    try {
        await main();
    }
    catch (err) {
        const message = (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(err);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC ? message : `unexpected error: ${message}; please report it with the step's log`);
        if (!(err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) && err instanceof Error && err.stack)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(err.stack);
    }
}
/**
 * Progress lines at most every `everyMs`, the first once `everyMs` has passed: a long snapshot
 * shows life without flooding the log, and a short one (most are) prints none.
 */
function throttled(everyMs) {
    let last = Date.now();
    return (line) => {
        const now = Date.now();
        if (now - last < everyMs)
            return;
        last = now;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line);
    };
}


/***/ }),

/***/ 54220:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ onAbort),
/* harmony export */   z: () => (/* binding */ abortedOr)
/* harmony export */ });
/**
 * Cancelling with an AbortSignal. Work that runs off the main thread (the copy and write threads)
 * is stopped when the signal fires; the rest checks the signal between its steps. Either way the
 * operation then cleans up as for any failure and rejects with the signal's reason, as Node's own
 * APIs do, rather than with whatever error the stopped work left behind.
 */
/** Runs `stop` when `signal` aborts (at once if it already has); returns what stops listening. */
function onAbort(signal, stop) {
    if (!signal)
        return () => { };
    if (signal.aborted) {
        stop();
        return () => { };
    }
    signal.addEventListener('abort', stop, { once: true });
    return () => signal.removeEventListener('abort', stop);
}
/** After a failure: the signal's reason if it aborted (the failure was the abort), else the failure. */
function abortedOr(signal, err) {
    return signal?.aborted ? signal.reason : err;
}


/***/ }),

/***/ 12399:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ badInput),
/* harmony export */   JC: () => (/* binding */ SnapshotError),
/* harmony export */   QY: () => (/* binding */ describeIoError),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   qb: () => (/* binding */ corrupt)
/* harmony export */ });
/* unused harmony exports EXIT_CODES, exitCodeFor */
/**
 * The exit code the CLI gives each kind: documented in the README, scripts rely on them, so never
 * renumber. Here, below every front door, so the API's errors carry the same codes as the CLI's.
 */
const EXIT_CODES = { failed: 1, 'bad-input': 2, corrupt: 3, busy: 4, 'not-found': 5 };
/** The exit code for a kind; anything that is not a SnapshotError is a plain failure (1). */
function exitCodeFor(kind) {
    return EXIT_CODES[kind ?? 'failed'];
}
class SnapshotError extends Error {
    kind;
    /** The front door already printed a full report of this failure (e.g. verify --json). */
    reported;
    constructor(kind, message, options) {
        super(message, options);
        this.name = 'SnapshotError';
        this.kind = kind;
        this.reported = options?.reported ?? false;
    }
    /** What the CLI exits with for this error (see EXIT_CODES). */
    get exitCode() {
        return EXIT_CODES[this.kind];
    }
}
const badInput = (message) => new SnapshotError('bad-input', message);
const corrupt = (message) => new SnapshotError('corrupt', message);
/** Turns any thrown value into a single line, so no stack trace or multi-line text reaches a user. */
function oneLine(err) {
    const text = err instanceof Error ? err.message : String(err);
    return text.replace(/\s*\n\s*/g, ' ').trim();
}
/** Disk-full and quota errors get their own advice: the remedy is not the same as for a bug. */
function describeIoError(err, what) {
    if (err instanceof SnapshotError)
        return err;
    const code = err?.code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || /SQLITE_FULL|disk is full/i.test(oneLine(err))) {
        return new SnapshotError('failed', `${what}: no space left on device; free some space or choose another directory`, { cause: err });
    }
    if (code === 'EROFS') {
        return new SnapshotError('failed', `${what}: read-only file system (EROFS); choose a writable location`, { cause: err });
    }
    if (code === 'EACCES' || code === 'EPERM') {
        return new SnapshotError('failed', `${what}: permission denied (${code}); check the permissions of the file and its directory`, { cause: err });
    }
    if (code === 'ENOTDIR') {
        return new SnapshotError('failed', `${what}: part of the path is a file, not a directory (ENOTDIR); check the path`, { cause: err });
    }
    if (code === 'ENOENT') {
        return new SnapshotError('failed', `${what}: ${oneLine(err)}; check that the path exists and can hold files`, { cause: err });
    }
    return new SnapshotError('failed', `${what}: ${oneLine(err)}`, { cause: err });
}


/***/ }),

/***/ 4933:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ tempPathFor),
/* harmony export */   Gs: () => (/* binding */ isTempName),
/* harmony export */   KA: () => (/* binding */ sweepAbandonedTemps),
/* harmony export */   No: () => (/* binding */ SQLITE_SIDE_FILES),
/* harmony export */   S2: () => (/* binding */ removeQuietly),
/* harmony export */   X2: () => (/* binding */ makeDirs),
/* harmony export */   j3: () => (/* binding */ TEMP_SUFFIX),
/* harmony export */   o7: () => (/* binding */ fsyncFile),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   t_: () => (/* binding */ fsyncDir),
/* harmony export */   y7: () => (/* binding */ TempFiles)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _process_tag_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(80830);




/**
 * Temp files are named so that a crashed run's leftovers are recognisable and never mistaken for
 * a finished file: `.<final name>.<random>.sqlite-snapshot-tmp`, beside the final file, so the
 * final rename stays on one filesystem and is atomic.
 */
const TEMP_SUFFIX = '.sqlite-snapshot-tmp';
function tempPathFor(finalPath) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(finalPath);
    return node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, `.${node_path__WEBPACK_IMPORTED_MODULE_2__.basename(finalPath)}.${(0,_process_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .processTag */ .qP)()}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}${TEMP_SUFFIX}`);
}
/**
 * Removes the temp files that a killed run left for `finalPath` (its process is gone from this
 * host). Only `.<name>.<tag>-…` files: side files moved aside during a swap are named after
 * `<name>-wal` etc. and are left for a person to look at.
 */
async function sweepAbandonedTemps(finalPath) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(finalPath);
    const prefix = `.${node_path__WEBPACK_IMPORTED_MODULE_2__.basename(finalPath)}.`;
    const removed = [];
    for (const e of await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.readdir(dir).catch(() => [])) {
        if (!e.startsWith(prefix) || !isTempName(e))
            continue;
        const m = /^([0-9a-f]{8})-(\d+)-[0-9a-f]+$/.exec(e.slice(prefix.length, -TEMP_SUFFIX.length));
        if (!m || m[1] !== _process_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .HOST_TAG */ .q4 || Number(m[2]) === process.pid || (0,_process_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .processAlive */ .FN)(Number(m[2])))
            continue;
        await removeQuietly(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, e));
        removed.push(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, e));
    }
    return removed;
}
function isTempName(name) {
    return name.endsWith(TEMP_SUFFIX);
}
async function fsyncFile(file) {
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.open(file, 'r+');
    try {
        await fh.sync();
    }
    finally {
        await fh.close();
    }
}
/** A rename is only durable once the directory entry is on disk. Windows cannot open directories. */
async function fsyncDir(dir) {
    if (process.platform === 'win32')
        return;
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.open(dir, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY);
    try {
        await fh.sync();
    }
    finally {
        await fh.close();
    }
}
/**
 * mkdir -p that returns the first directory it created (like node's recursive mkdir), but one
 * level at a time: node's recursive mkdir reports ENOENT instead of EROFS on a read-only
 * filesystem and never returns at all for a path under /proc.
 */
async function makeDirs(dir) {
    const abs = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(dir);
    const missing = [];
    for (let d = abs;; d = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(d)) {
        const st = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.stat(d).catch((err) => {
            if (err.code === 'ENOENT')
                return undefined;
            throw err;
        });
        if (st)
            break;
        missing.unshift(d);
        if (node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(d) === d)
            break;
    }
    for (const d of missing) {
        await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.mkdir(d).catch((err) => {
            // Another process made it meanwhile: fine, as long as it is a directory (the next mkdir checks).
            if (err.code !== 'EEXIST')
                throw err;
        });
    }
    return missing[0];
}
async function removeQuietly(file) {
    await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.rm(file, { force: true, recursive: true }).catch(() => undefined);
}
async function exists(file) {
    return node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.lstat(file).then(() => true, () => false);
}
/** Tracks temp files of the work in flight so that a signal or a failure removes every one of them. */
class TempFiles {
    paths = new Set();
    add(file) {
        this.paths.add(file);
        return file;
    }
    /** The file became a final file (renamed away): it is no longer ours to clean. */
    release(file) {
        this.paths.delete(file);
    }
    async cleanup() {
        const all = [...this.paths];
        this.paths.clear();
        await Promise.all(all.map(removeQuietly));
    }
}
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];


/***/ }),

/***/ 50715:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CE: () => (/* binding */ formatRate),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Human-readable figures for logs and summaries. */
function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return i === 0 ? `${n} B` : `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(2)} s`;
    const m = Math.floor(ms / 60_000);
    return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}
function formatRate(bytes, ms) {
    if (ms <= 0)
        return 'n/a';
    return `${formatBytes((bytes * 1000) / ms)}/s`;
}


/***/ }),

/***/ 81201:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ freeNow)
/* harmony export */ });
/** Large enough never to be one of Node's pooled small-buffer slabs, which must not be freed. */
const OWN_BUFFER = 1 << 20;
/**
 * Frees a codec's output buffer now (ArrayBuffer.prototype.transfer detaches it and drops its
 * memory), instead of at some later GC: the codecs hand out views of large buffers, and V8 only
 * collects those when its external-memory budget (tens of MiB) runs out. The caller must be the
 * buffer's last user.
 */
function freeNow(ab) {
    if (ab instanceof ArrayBuffer && ab.byteLength >= OWN_BUFFER && !ab.detached)
        ab.transfer(0);
}


/***/ }),

/***/ 12613:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DQ: () => (/* binding */ pollSync),
/* harmony export */   jM: () => (/* binding */ AGAIN),
/* harmony export */   wt: () => (/* binding */ poll)
/* harmony export */ });
/**
 * The one polling loop (the engine's SQLITE_BUSY poll, restore's back-off before a swap, the
 * history lock): try, pause, try again, until a try succeeds or the time is up. The pause before the
 * last try is cut short so that try lands on the limit, not a pause earlier or later.
 */
/** What an attempt returns when it did not succeed this time and may be tried again. */
const AGAIN = Symbol('again');
/** The first result of `attempt` that is not AGAIN, or AGAIN when the last try (at `timeoutMs`) still gave AGAIN. */
async function poll(attempt, opts) {
    const nextPause = schedule(opts);
    for (;;) {
        const result = await attempt();
        if (result !== AGAIN)
            return result;
        const pause = nextPause();
        if (pause === undefined)
            return AGAIN;
        await new Promise((resolve) => (pause <= 0 ? setImmediate(resolve) : setTimeout(resolve, pause)));
    }
}
/**
 * poll for a caller that cannot wait asynchronously (opening a database): the same tries at the
 * same times, but each pause blocks the thread, as SQLite's own busy handler does.
 */
function pollSync(attempt, opts) {
    const nextPause = schedule(opts);
    for (;;) {
        const result = attempt();
        if (result !== AGAIN)
            return result;
        const pause = nextPause();
        if (pause === undefined)
            return AGAIN;
        if (pause > 0)
            Atomics.wait(SLEEPER, 0, 0, pause);
    }
}
const SLEEPER = new Int32Array(new SharedArrayBuffer(4));
/** After each failed try: the pause before the next, or undefined when no try is left. Time counts from the call. */
function schedule(opts) {
    const start = performance.now();
    let last = false;
    return () => {
        if (last)
            return undefined;
        const elapsed = performance.now() - start;
        const left = opts.timeoutMs - elapsed;
        if (left <= 0)
            return undefined;
        const asked = opts.pauseMs(elapsed);
        // A timer may fire a fraction of a millisecond early: the try after a pause cut to the limit is the last whatever the clock says.
        last = asked >= left;
        return last ? left : asked;
    };
}


/***/ }),

/***/ 80830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FN: () => (/* binding */ processAlive),
/* harmony export */   q4: () => (/* binding */ HOST_TAG),
/* harmony export */   qP: () => (/* binding */ processTag),
/* harmony export */   zI: () => (/* binding */ isAbandoned)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);


/**
 * Scratch directories in a store (staging, reader pins) and temp files carry the host and pid that made them,
 * so a later run can tell a crashed process's leftovers from a live one's work and sweep only
 * the former. The host is hashed: host names may hold characters that are not portable in paths.
 */
const HOST_TAG = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(node_os__WEBPACK_IMPORTED_MODULE_1__.hostname()).digest('hex').slice(0, 8);
function processTag() {
    return `${HOST_TAG}-${process.pid}`;
}
/** Whether a process of this host is running. EPERM means it exists but belongs to someone else. */
function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
const TAGGED_RE = /^\.(?:staging|reader)-([0-9a-f]{8})-(\d+)-/;
/** A tagged scratch directory whose process is gone: safe to remove. Other hosts' are never judged. */
function isAbandoned(entry) {
    const m = TAGGED_RE.exec(entry);
    if (!m)
        return false;
    return m[1] === HOST_TAG && Number(m[2]) !== process.pid && !processAlive(Number(m[2]));
}


/***/ }),

/***/ 52684:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ LEVELS),
/* harmony export */   Gd: () => (/* binding */ parseCompression),
/* harmony export */   Li: () => (/* binding */ createDecompressor),
/* harmony export */   QW: () => (/* binding */ zstdFrameFor),
/* harmony export */   XC: () => (/* binding */ resolveLevel),
/* harmony export */   Xh: () => (/* binding */ FILE_EXTENSION),
/* harmony export */   _7: () => (/* binding */ COMPRESSIONS),
/* harmony export */   ue: () => (/* binding */ ZSTD_FRAME)
/* harmony export */ });
/* unused harmony export ZSTD_WINDOW_LOG */
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38522);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);


const COMPRESSIONS = ['zstd', 'gzip', 'none'];
/** Level ranges as the libraries define them; zstd's negative "fast" levels are allowed. */
const LEVELS = {
    zstd: { min: -7, max: 22, default: 3 },
    gzip: { min: 1, max: 9, default: 6 },
    none: { min: 0, max: 0, default: 0 },
};
const FILE_EXTENSION = { zstd: '.zst', gzip: '.gz', none: '' };
function parseCompression(value, inputName = 'compression') {
    if (COMPRESSIONS.includes(value))
        return value;
    throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`${inputName}: unknown compression "${value}"; use one of ${COMPRESSIONS.join(', ')}`);
}
function resolveLevel(compression, level, inputName = 'level') {
    const range = LEVELS[compression];
    if (level === undefined)
        return range.default;
    if (!Number.isInteger(level) || level < range.min || level > range.max) {
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(compression === 'none'
            ? `${inputName}: compression "none" takes no level; leave it out`
            : `${inputName}: ${level} is out of range for ${compression}; use an integer from ${range.min} to ${range.max}`);
    }
    return level;
}
/**
 * zstd snapshots are independent frames of this many database bytes (so restore decodes several
 * at once), each matched against a window as large as the frame. 4 MiB frames with zstd's level-3
 * window (2 MiB) stored a 1 GiB text database 11 % larger than `zstd -3` (one stream); 8 MiB frames
 * with an 8 MiB window store less than it on both bench databases, in less CPU (fewer frame starts).
 */
const ZSTD_FRAME = 8 << 20;
const ZSTD_WINDOW_LOG = 23;
/** Below this many database bytes, frames are half as large (see zstdFrameFor). */
const SMALL_DATABASE = 32 << 20;
/**
 * The frame size (and, as its log, the window) for a database of `rawSize` bytes. A small
 * database in 8 MiB frames compresses on fewer lanes than there are cores, and each 8 MiB frame
 * costs more per byte than a 4 MiB one here: on 2 cores with 3 lanes, 8 MiB of the mixed bench
 * database took 53-69 ms in 8 MiB frames and 25-27 ms in 4 MiB ones (0.13 % more bytes), 32 MiB
 * 148-192 ms against 86-120 ms (0.2 % more). Larger databases keep 8 MiB frames for their ratio
 * (the text database stores 2.5 % more in 4 MiB frames).
 */
function zstdFrameFor(rawSize) {
    return rawSize < SMALL_DATABASE ? { frame: ZSTD_FRAME / 2, windowLog: ZSTD_WINDOW_LOG - 1 } : { frame: ZSTD_FRAME, windowLog: ZSTD_WINDOW_LOG };
}
/** Big chunks keep the per-call overhead of the stream machinery small next to the codec's work. */
const CHUNK = 1 << 20;
/** Uncompressed files never pass through a stream: they are copied by copy-worker.ts. */
function createDecompressor(compression) {
    return compression === 'zstd' ? node_zlib__WEBPACK_IMPORTED_MODULE_0__.createZstdDecompress({ chunkSize: CHUNK }) : node_zlib__WEBPACK_IMPORTED_MODULE_0__.createGunzip({ chunkSize: CHUNK });
}


/***/ }),

/***/ 87925:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ isSafeFileName),
/* harmony export */   Kx: () => (/* binding */ FORMAT_ID),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   dA: () => (/* binding */ formatVersionFor),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE)
/* harmony export */ });
/* unused harmony export FORMAT_VERSION */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(52684);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12399);




const MANIFEST_FILE = 'manifest.json';
/**
 * Bumped when a reader of the old version could misread the new one. Readers refuse newer versions.
 * 2: a compressed entry may leave out `rawSha256`. A snapshot is written with the lowest version
 * that describes it (formatVersionFor), so one whose entries all carry it stays readable by 1.
 */
const FORMAT_VERSION = 2;
const FORMAT_ID = 'sqlite-snapshot';
/** The lowest format version that describes these entries (see FORMAT_VERSION). */
function formatVersionFor(entries) {
    return entries.every((e) => e.rawSha256 !== undefined) ? 1 : 2;
}
/** An entry name that can never point outside the directory it is joined to. */
function isSafeFileName(name) {
    return (name.length > 0 &&
        name.length <= 200 &&
        name !== '.' &&
        name !== '..' &&
        !/[/\\:]/.test(name) &&
        !name.includes('\u0000') &&
        node_path__WEBPACK_IMPORTED_MODULE_1__.basename(name) === name);
}
function field(cond, what, file) {
    if (!cond)
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .corrupt */ .qb)(`${file}: manifest is invalid (${what}); the snapshot is damaged or was not made by sqlite-snapshot`);
}
/** Parses and checks a manifest so that nothing later can be led astray by a hostile one. */
function parseManifest(text, file) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .corrupt */ .qb)(`${file}: manifest is not valid JSON (truncated or damaged); take the snapshot again`);
    }
    const m = data;
    field(typeof m === 'object' && m !== null && m.format === FORMAT_ID, 'not a sqlite-snapshot manifest', file);
    field(typeof m.formatVersion === 'number', 'formatVersion', file);
    if (m.formatVersion > FORMAT_VERSION) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC('bad-input', `${file}: snapshot format ${m.formatVersion} is newer than this sqlite-snapshot understands (${FORMAT_VERSION}); upgrade sqlite-snapshot`);
    }
    field(Array.isArray(m.databases) && m.databases.length > 0, 'databases', file);
    const seen = new Set();
    for (const e of m.databases) {
        field(typeof e === 'object' && e !== null, 'entry', file);
        field(typeof e.name === 'string' && isSafeFileName(e.name), `entry name ${JSON.stringify(e.name)}`, file);
        field(typeof e.file === 'string' && isSafeFileName(e.file) && e.file !== MANIFEST_FILE, `entry file ${JSON.stringify(e.file)}`, file);
        field(!seen.has(e.name), `duplicate entry ${e.name}`, file);
        seen.add(e.name);
        field(_compression_js__WEBPACK_IMPORTED_MODULE_2__/* .COMPRESSIONS */ ._7.includes(e.compression), `compression of ${e.name}`, file);
        field(Number.isSafeInteger(e.rawSize) && e.rawSize >= 0, `rawSize of ${e.name}`, file);
        field(Number.isSafeInteger(e.storedSize) && e.storedSize >= 0, `storedSize of ${e.name}`, file);
        const rawSha = e.rawSha256 === undefined ? m.formatVersion >= 2 && e.compression !== 'none' : /^[0-9a-f]{64}$/.test(e.rawSha256);
        field(rawSha && /^[0-9a-f]{64}$/.test(e.storedSha256), `checksums of ${e.name}`, file);
        field(Number.isInteger(e.pageSize) && e.pageSize >= 512 && e.pageSize <= 65536, `pageSize of ${e.name}`, file);
        field(e.rawSize === e.pageSize * e.pageCount, `rawSize of ${e.name} is not pageSize × pageCount`, file);
    }
    return m;
}
async function readManifest(dir) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, MANIFEST_FILE);
    let text;
    try {
        text = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.readFile(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT') {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC('not-found', `${dir}: no ${MANIFEST_FILE}; this is not a complete sqlite-snapshot snapshot`);
        }
        throw err;
    }
    return parseManifest(text, file);
}


/***/ }),

/***/ 44964:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  X8: () => (/* reexport */ JOURNAL_MODES),
  n5: () => (/* binding */ restoreSnapshot),
  q: () => (/* binding */ restoreStreamed)
});

// UNUSED EXPORTS: resolveTargets

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/abort.js
var abort = __webpack_require__(54220);
// EXTERNAL MODULE: ./lib/engine/common/files.js
var files = __webpack_require__(4933);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: ./lib/engine/sqlite/sqlite.js + 1 modules
var sqlite = __webpack_require__(57875);
// EXTERNAL MODULE: ./lib/engine/restore/streams.js + 3 modules
var streams = __webpack_require__(89305);
// EXTERNAL MODULE: ./lib/engine/restore/verify.js
var verify = __webpack_require__(45358);
// EXTERNAL MODULE: ./lib/engine/common/format.js
var format = __webpack_require__(50715);
;// CONCATENATED MODULE: ./lib/engine/restore/targets.js
// The checks a restore makes before it writes anything: which entry goes where, that each target
// may be replaced, and that there is room for the new files beside them.






/**
 * Maps the `--to` arguments onto entries. One database: every path gets a copy (fan-out).
 * Several: `entry=path` pairs, one path per database in manifest order, or one directory
 * (a path ending in `/`) that receives each database under its entry name.
 */
function resolveTargets(manifest, to) {
    if (to.length === 0)
        throw (0,errors/* badInput */.AN)('no target given; name at least one path to restore to (--to <path>)');
    const names = manifest.databases.map((d) => d.name);
    const targets = [];
    const plain = [];
    for (const arg of to) {
        if (arg.trim() === '')
            throw (0,errors/* badInput */.AN)('a target path is empty; give the path to restore to');
        const eq = arg.indexOf('=');
        const key = eq > 0 ? arg.slice(0, eq) : '';
        if (names.includes(key))
            targets.push({ entry: key, path: arg.slice(eq + 1) });
        else
            plain.push(arg);
    }
    const isDir = (p) => p.endsWith('/') || p.endsWith(external_node_path_.sep);
    if (plain.length > 0) {
        if (names.length === 1) {
            for (const p of plain)
                targets.push({ entry: names[0], path: isDir(p) ? external_node_path_.join(p, names[0]) : p });
        }
        else if (plain.length === 1 && isDir(plain[0])) {
            for (const n of names)
                targets.push({ entry: n, path: external_node_path_.join(plain[0], n) });
        }
        else if (plain.length === names.length && targets.length === 0) {
            plain.forEach((p, i) => targets.push({ entry: names[i], path: p }));
        }
        else {
            throw (0,errors/* badInput */.AN)(`the snapshot holds ${names.length} databases (${names.join(', ')}) but ${plain.length} target path(s) were given; give one path per database, entry=path pairs, or one directory ending in /`);
        }
    }
    const seen = new Set();
    for (const t of targets) {
        // SQLite treats <db>-wal, -shm and -journal as parts of <db>: a database restored under such a
        // name would be read as (or deleted as) another database's side file.
        if (/-(wal|shm|journal)$/.test(t.path)) {
            throw (0,errors/* badInput */.AN)(`${t.path}: names ending in -wal, -shm or -journal belong to SQLite's side files; choose another name`);
        }
        const abs = external_node_path_.resolve(t.path);
        if (seen.has(abs))
            throw (0,errors/* badInput */.AN)(`${t.path}: the same target is given twice; give each target once`);
        seen.add(abs);
    }
    return targets;
}
async function checkTarget(target, opts) {
    const link = await external_node_fs_.promises.lstat(target).catch(() => undefined);
    // Replacing a link would either write through it (outside the path we were given) or swap the
    // link itself for a file; neither is what the caller can be assumed to want.
    if (link?.isSymbolicLink()) {
        throw (0,errors/* badInput */.AN)(`${target}: is a symbolic link; give the path of the file it points to, or remove the link`);
    }
    const stat = await external_node_fs_.promises.stat(target).catch(() => undefined);
    if (!stat)
        return;
    if (stat.isDirectory()) {
        throw (0,errors/* badInput */.AN)(`${target}: is a directory; give a file path inside it, or end the path with / to restore under the entry's name`);
    }
    if (!stat.isFile())
        throw (0,errors/* badInput */.AN)(`${target}: is not a regular file; give a database file path`);
    if (!opts.force && stat.size > 0 && !(await (0,sqlite/* readHeader */.ay)(target).catch(() => undefined))) {
        throw (0,errors/* badInput */.AN)(`${target}: exists and is not a SQLite database; move it away, or pass --force to replace it`);
    }
}
/**
 * The new files sit beside the old ones until the swap, so each filesystem needs room for all
 * the raw databases restored onto it. Checked up front: a disk that is too small fails at once
 * instead of after gigabytes, and a manifest that declares an absurd size cannot fill the disk.
 */
async function checkFreeSpace(manifest, targets) {
    const perDevice = new Map();
    for (const t of targets) {
        let dir = external_node_path_.dirname(external_node_path_.resolve(t.path));
        while (!(await (0,files/* exists */.t2)(dir)) && external_node_path_.dirname(dir) !== dir)
            dir = external_node_path_.dirname(dir);
        const dev = (await external_node_fs_.promises.stat(dir, { bigint: true })).dev;
        const raw = manifest.databases.find((d) => d.name === t.entry).rawSize;
        const slot = perDevice.get(dev) ?? { need: 0, dir, target: t.path };
        slot.need += raw;
        perDevice.set(dev, slot);
    }
    for (const { need, dir, target } of perDevice.values()) {
        const fs = await external_node_fs_.promises.statfs(dir).catch(() => undefined);
        // Some network and FUSE filesystems report no sizes at all: then we cannot know, so we try.
        if (!fs || fs.blocks === 0)
            continue;
        const free = fs.bavail * fs.bsize;
        if (need > free) {
            throw new errors/* SnapshotError */.JC('failed', `${target}: not enough free space: the restored database(s) need ${(0,format/* formatBytes */.z3)(need)}, ${dir} has ${(0,format/* formatBytes */.z3)(free)} free; free some space or restore elsewhere`);
        }
    }
}

// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./lib/engine/common/poll.js
var poll = __webpack_require__(12613);
;// CONCATENATED MODULE: ./lib/engine/restore/swap.js
// The last steps of a restore, once every new file is complete and checked beside its target:
// settle its journal mode, lock the old databases, and swap each new file in by one rename.







/**
 * Every target is locked before any is replaced, so a target in use fails the whole restore with
 * nothing replaced. Locks are taken in path order so that two restores of the same set of targets
 * cannot each hold one and wait for the other. `swaps.done` counts the targets replaced so far.
 */
async function swapAll(prepared, temps, swaps, opts) {
    const held = [];
    try {
        for (const p of [...prepared].sort((a, b) => (external_node_path_.resolve(a.target.path) < external_node_path_.resolve(b.target.path) ? -1 : 1))) {
            held.push(await holdTarget(p.temp, p.target, p.entry, opts));
        }
        const results = [];
        for (const p of prepared) {
            results.push(await swapIn(held.find((h) => h.temp === p.temp), opts, prepared.length));
            temps.release(p.temp);
            swaps.done++;
        }
        return results;
    }
    finally {
        for (const h of held)
            await release(h);
    }
}
/** Journal mode and permissions are settled on the temp file, so the rename is the last step. */
async function finishTemp(temp, entry, target, opts) {
    const want = (opts.journalMode ?? 'keep') === 'keep' ? entry.journalMode : opts.journalMode;
    const header = await (0,sqlite/* readHeader */.ay)(temp);
    const now = header?.writeVersion === 2 ? 'wal' : 'delete';
    if (now !== want) {
        const db = (0,sqlite/* openDatabase */.qI)(temp, { busyTimeoutMs: 0 });
        try {
            db.pragma(`journal_mode = ${want === 'wal' ? 'WAL' : 'DELETE'}`);
        }
        finally {
            db.close();
            await (0,files/* removeQuietly */.S2)(`${temp}-wal`);
            await (0,files/* removeQuietly */.S2)(`${temp}-shm`);
        }
    }
    const old = await external_node_fs_.promises.stat(target).catch(() => undefined);
    // Like the file it replaces, but never writable by everyone; a new file gets 0644.
    await external_node_fs_.promises.chmod(temp, old ? old.mode & 0o775 : 0o644);
    if (opts.durable !== false)
        await (0,files/* fsyncFile */.o7)(temp);
}
async function holdTarget(temp, target, entry, opts) {
    const dest = external_node_path_.resolve(target.path);
    const replaced = await (0,files/* exists */.t2)(dest);
    const held = { temp, target, entry, dest, replaced, db: undefined, oldFh: undefined, sideFiles: [] };
    for (const suffix of files/* SQLITE_SIDE_FILES */.No)
        if (await (0,files/* exists */.t2)(dest + suffix))
            held.sideFiles.push(dest + suffix);
    try {
        if (replaced && opts.keepPrevious)
            held.oldFh = await external_node_fs_.promises.open(dest, 'r');
        if (replaced && (await (0,sqlite/* readHeader */.ay)(dest).catch(() => undefined)))
            held.db = await lockForSwap(dest, opts);
        return held;
    }
    catch (err) {
        await release(held);
        throw (0,errors/* describeIoError */.QY)(err, `${target.path}: replacing the database`);
    }
}
async function release(h) {
    h.db?.close();
    h.db = undefined;
    await h.oldFh?.close();
    h.oldFh = undefined;
}
async function swapIn(h, opts, targetCount) {
    const { dest, target, entry, replaced, temp } = h;
    const dir = external_node_path_.dirname(dest);
    let previous;
    try {
        if (replaced && opts.keepPrevious) {
            previous = typeof opts.keepPrevious === 'string' ? external_node_path_.resolve(opts.keepPrevious) : `${dest}.pre-restore`;
            if (targetCount > 1 && typeof opts.keepPrevious === 'string')
                previous = `${dest}.pre-restore`;
            const tmpPrev = (0,files/* tempPathFor */.FD)(previous);
            // A hard link keeps the old inode without copying it; filesystems without links get a copy.
            await external_node_fs_.promises.link(dest, tmpPrev).catch(async () => {
                const from = h.oldFh;
                await (0,promises_.pipeline)(from.createReadStream({ start: 0, autoClose: false }), (0,external_node_fs_.createWriteStream)(tmpPrev, { flags: 'wx' }));
            });
            await external_node_fs_.promises.rename(tmpPrev, previous);
        }
        // Windows refuses to delete or replace a file that any handle has open, our lock's included:
        // there the lock is let go just before the swap (a short window another process could use).
        if (process.platform === 'win32')
            await release(h);
        // Moved aside, not deleted, until the new file is in place: normally they hold nothing (the
        // lock folded the WAL in), but with --force on a database in use a -wal can hold committed
        // data, and a kill right here must leave it recoverable (rename it back).
        const removed = [];
        const aside = [];
        for (const suffix of files/* SQLITE_SIDE_FILES */.No) {
            if (await (0,files/* exists */.t2)(dest + suffix)) {
                const moved = (0,files/* tempPathFor */.FD)(dest + suffix);
                await external_node_fs_.promises.rename(dest + suffix, moved);
                aside.push(moved);
                removed.push(dest + suffix);
            }
        }
        await external_node_fs_.promises.rename(temp, dest);
        if (opts.durable !== false)
            await (0,files/* fsyncDir */.t_)(dir);
        for (const f of aside)
            await (0,files/* removeQuietly */.S2)(f);
        const header = await (0,sqlite/* readHeader */.ay)(dest);
        return {
            entry: entry.name,
            path: target.path,
            ...(entry.rawSha256 ? { sha256: entry.rawSha256 } : {}),
            journalMode: header?.writeVersion === 2 ? 'wal' : 'delete',
            replaced,
            ...(previous ? { previous } : {}),
            removedSideFiles: [...new Set([...h.sideFiles, ...removed])],
        };
    }
    catch (err) {
        throw (0,errors/* describeIoError */.QY)(err, `${target.path}: replacing the database`);
    }
}
/**
 * Leaving WAL mode needs the only connection to the database, so two restores racing for one
 * target would each see the other's connection and both give up. Each backs off (a random
 * pause, its connection closed) and tries again until the busy timeout: one of them gets there
 * first, swaps, and the other then swaps over that result.
 */
async function lockForSwap(dest, opts) {
    let busy;
    const db = await (0,poll/* poll */.wt)(() => {
        try {
            return tryLockForSwap(dest, opts);
        }
        catch (err) {
            if (!(err instanceof errors/* SnapshotError */.JC) || err.kind !== 'busy')
                throw err;
            busy = err;
            return poll/* AGAIN */.jM;
        }
    }, { timeoutMs: opts.busyTimeoutMs ?? 1000, pauseMs: () => 5 + Math.random() * 45 });
    if (db === poll/* AGAIN */.jM)
        throw busy;
    return db;
}
function tryLockForSwap(dest, opts) {
    let db;
    try {
        db = (0,sqlite/* openDatabase */.qI)(dest, { busyTimeoutMs: opts.busyTimeoutMs ?? 1000 });
    }
    catch (err) {
        if (opts.force)
            return undefined;
        throw (0,sqlite/* describeSqliteError */._7)(err, dest, 'checking that the target is not in use');
    }
    try {
        if (String(db.pragma('journal_mode', { simple: true })) === 'wal')
            db.pragma('journal_mode = DELETE');
        if (String(db.pragma('journal_mode', { simple: true })) === 'wal') {
            throw new errors/* SnapshotError */.JC('busy', `${dest}: still in WAL mode after asking SQLite to leave it`);
        }
        db.exec('BEGIN EXCLUSIVE');
        return db;
    }
    catch (err) {
        db.close();
        if (opts.force)
            return undefined;
        const e = (0,sqlite/* describeSqliteError */._7)(err, dest, 'checking that the target is not in use');
        if (e.kind === 'busy' || /locked|busy/i.test(e.message)) {
            throw new errors/* SnapshotError */.JC('busy', `${dest}: the target database is in use by another process (open in WAL mode, or holding a transaction or lock); stop it first, or pass --force to replace it anyway`, { cause: err });
        }
        throw e;
    }
}

;// CONCATENATED MODULE: ./lib/engine/restore/options.js
const JOURNAL_MODES = ['keep', 'wal', 'delete'];

;// CONCATENATED MODULE: ./lib/engine/restore/restore.js













/**
 * Restores databases from a snapshot directory. Every target's new file is first written,
 * verified and fsynced (unless opts.durable is false) as a temp file in the target's own
 * directory; only when all are ready is any target touched, each by one atomic rename. A failure
 * before that leaves every target exactly as it was; a failure (or kill) during the renames
 * leaves each target either old or new.
 */
async function restoreSnapshot(snapshotDir, to, opts = {}) {
    const manifest = await (0,manifest_manifest/* readManifest */.WI)(snapshotDir);
    return restoreWith(manifest, to, opts, (targets, places) => prepareTemps(snapshotDir, manifest, targets, places, opts));
}
/**
 * restoreSnapshot for a snapshot that is streamed: each database is decoded into its temp file as
 * its data arrives, so nothing is stored twice and decoding keeps pace with the download. The same
 * guarantees: every target's new file is complete and checked before any target is touched.
 */
async function restoreStreamed(snap, to, opts = {}) {
    return restoreWith(snap.manifest, to, opts, (targets, places) => prepareStreamed(snap, targets, places, opts));
}
async function restoreWith(manifest, to, opts, prepare) {
    opts.signal?.throwIfAborted();
    const targets = resolveTargets(manifest, to);
    if (opts.keepPrevious && targets.length > 1 && typeof opts.keepPrevious === 'string') {
        throw (0,errors/* badInput */.AN)('keep-previous: a file name can only be given with a single target; use --keep-previous without a name');
    }
    for (const t of targets)
        await checkTarget(t.path, opts);
    await checkFreeSpace(manifest, targets);
    const places = new TempPlaces();
    const swaps = { started: false, done: 0 };
    try {
        const prepared = await prepare(targets, places);
        for (const p of prepared) {
            opts.signal?.throwIfAborted();
            await finishTemp(p.temp, p.entry, p.target.path, opts).catch((err) => {
                throw (0,sqlite/* describeFailure */.Ic)(err, p.target.path, 'preparing the restored database');
            });
        }
        // The last point where an abort is taken: past it, every target is swapped in.
        opts.signal?.throwIfAborted();
        swaps.started = true;
        return await swapAll(prepared, places.temps, swaps, opts);
    }
    catch (err) {
        await places.temps.cleanup();
        if (swaps.done === 0)
            await places.removeCreatedDirs();
        throw swaps.started ? err : (0,abort/* abortedOr */.z)(opts.signal, err);
    }
    finally {
        await places.temps.cleanup();
    }
}
/** Temp files beside the targets, and the directories made for them (removed again, while empty, if the restore fails). */
class TempPlaces {
    temps = new files/* TempFiles */.y7();
    createdDirs = [];
    /** A temp path beside the target, its directory made if need be. */
    async beside(target) {
        const leaf = external_node_path_.dirname(external_node_path_.resolve(target.path));
        const first = await (0,files/* makeDirs */.X2)(leaf).catch((err) => {
            throw (0,errors/* describeIoError */.QY)(err, `${target.path}: cannot create its directory`);
        });
        if (first)
            this.createdDirs.push({ first, leaf });
        // A restore killed earlier left its temp file here; its process is gone, so the file is ours to remove.
        await (0,files/* sweepAbandonedTemps */.KA)(external_node_path_.resolve(target.path));
        return this.temps.add((0,files/* tempPathFor */.FD)(external_node_path_.resolve(target.path)));
    }
    async removeCreatedDirs() {
        for (const { first, leaf } of [...this.createdDirs].reverse()) {
            for (let d = leaf; d.startsWith(first); d = external_node_path_.dirname(d)) {
                if (!(await external_node_fs_.promises.rmdir(d).then(() => true, () => false)))
                    break;
            }
        }
    }
}
/** Every target's database, decoded and checked, in a temp file beside it: nothing replaced yet. */
async function prepareTemps(snapshotDir, manifest, targets, places, opts) {
    const prepared = [];
    const firstTemp = new Map();
    for (const target of targets) {
        const entry = manifest.databases.find((d) => d.name === target.entry);
        const temp = await places.beside(target);
        const done = firstTemp.get(entry.name);
        try {
            opts.signal?.throwIfAborted();
            if (done) {
                await fanOutCopy(done, temp);
            }
            else {
                // The decoded bytes' sha256 is left to zstd's frame checksums (see DecodeLimits.hashRaw); verify always hashes.
                await (0,verify/* materialize */.O9)(snapshotDir, entry, temp, opts.check ?? 'auto', { onBytes: progress(entry, opts), hashRaw: false, ...decodeOptionsOf(opts) });
                firstTemp.set(entry.name, temp);
            }
        }
        catch (err) {
            throw (0,sqlite/* describeFailure */.Ic)(err, target.path, 'restore');
        }
        prepared.push({ target, entry, temp });
    }
    return prepared;
}
/** prepareTemps over a streamed snapshot: each database decoded as its data file arrives. */
async function prepareStreamed(snap, targets, places, opts) {
    const prepared = [];
    for await (const { file, source } of snap.files) {
        const entry = snap.manifest.databases.find((d) => d.file === file);
        if (!entry)
            continue;
        let first;
        for (const target of targets.filter((t) => t.entry === entry.name)) {
            const temp = await places.beside(target);
            try {
                opts.signal?.throwIfAborted();
                if (first)
                    await fanOutCopy(first, temp);
                else {
                    const label = `${entry.name} in ${snap.label}`;
                    await (0,streams/* decodeStreamToFile */.Q$)(source, temp, entry, label, { onBytes: progress(entry, opts), hashRaw: false, ...decodeOptionsOf(opts), ...(snap.youngGc ? { youngGc: true } : {}) });
                    await (0,verify/* checkRestored */.Hl)(temp, entry, label, opts.check ?? 'auto');
                    first = temp;
                }
            }
            catch (err) {
                throw (0,sqlite/* describeFailure */.Ic)(err, target.path, 'restore');
            }
            prepared.push({ target, entry, temp });
        }
    }
    const missing = targets.find((t) => !prepared.some((p) => p.target === t));
    if (missing)
        throw (0,errors/* corrupt */.qb)(`${missing.entry} in ${snap.label}: its data file is missing from the entry; the entry is incomplete`);
    // Results in the order the targets were given, whatever order the data came in.
    return targets.map((t) => prepared.find((p) => p.target === t));
}
/**
 * Fan-out: the first copy of a database was decoded and verified; every further target gets a
 * file copy of it, never a second decode. A clone where the filesystem can share the blocks
 * (btrfs, XFS, APFS: no bytes copied), a plain copy elsewhere.
 */
async function fanOutCopy(first, temp) {
    await external_node_fs_.promises.copyFile(first, temp, external_node_fs_.constants.COPYFILE_FICLONE);
}
function decodeOptionsOf(opts) {
    return { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.durable === false ? { durable: false } : {}) };
}
function progress(entry, opts) {
    return (n) => opts.onProgress?.({ database: entry.name, phase: 'restore', done: n, total: entry.rawSize });
}


/***/ }),

/***/ 89305:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q$: () => (/* binding */ decodeStreamToFile),
  NU: () => (/* binding */ decompressToFile),
  Ux: () => (/* binding */ proveFramedFile)
});

// UNUSED EXPORTS: Count, Measure

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./lib/engine/manifest/compression.js
var compression = __webpack_require__(52684);
// EXTERNAL MODULE: ./lib/engine/threads/copy-worker.js + 2 modules
var copy_worker = __webpack_require__(40829);
// EXTERNAL MODULE: ./lib/engine/common/free-buffer.js
var free_buffer = __webpack_require__(81201);
// EXTERNAL MODULE: ./lib/engine/threads/sliced-writer.js
var sliced_writer = __webpack_require__(67854);
// EXTERNAL MODULE: ./lib/engine/threads/start.js
var start = __webpack_require__(56680);
// EXTERNAL MODULE: ./lib/engine/threads/thread-job.js
var thread_job = __webpack_require__(47104);
;// CONCATENATED MODULE: ./lib/engine/threads/hashing-writer.js






/**
 * A new file written from buffers handed over without a copy (and, if asked, its sha256) on a
 * thread of its own (threads/write-thread.ts), so the thread that hands them over (a decoder)
 * never waits on the disk. One thread, not a hasher and a writer: a second thread made a 4 GiB
 * restore peak at 160 MiB of memory instead of 146 (each Node thread costs ~14 MiB), and was no
 * faster.
 */
/** Buffers handed over but not yet written: the bound on memory. */
const MAX_QUEUED = 3;
function copyToOwnBuffer(buf) {
    const copy = new Uint8Array(new ArrayBuffer(buf.length));
    copy.set(buf);
    return Buffer.from(copy.buffer);
}
/**
 * `expectedBytes`: how much will be written, when known: up to IN_LINE_MAX the file is written in
 * line, on this thread, as the write thread would (a thread's start costs more than a few MiB of
 * writes to the page cache).
 */
function startHashingWriter(file, hash, durable = true, expectedBytes = Number.POSITIVE_INFINITY) {
    if (expectedBytes <= start/* IN_LINE_MAX */.Un)
        return inLineWriter({ file, hash, durable });
    const job = { file, hash, durable };
    const worker = (0,start/* startThread */.BR)('write-thread', job);
    const send = (m, transfer) => worker.postMessage(m, transfer);
    let queued = 0;
    let failure;
    let wake;
    let result;
    let ending = false;
    const exit = new Promise((resolve) => worker.once('exit', () => resolve()));
    const fail = (err) => {
        failure ??= err;
        wake?.();
    };
    worker.on('message', (m) => {
        if (m.error)
            fail((0,thread_job/* fromThreadError */.tk)(m.error));
        else if (m.done !== undefined)
            result = { bytes: m.done, ...(m.sha256 ? { sha256: m.sha256 } : {}) };
        else
            queued--;
        wake?.();
    });
    worker.once('error', fail);
    void exit.then(() => (ending ? wake?.() : fail(new Error('the restore writer thread exited early'))));
    const waitFor = async (ok) => {
        while (!ok() && !failure)
            await new Promise((r) => (wake = r));
        if (failure)
            throw failure;
    };
    return {
        async write(buf) {
            await waitFor(() => queued < MAX_QUEUED);
            queued++;
            // The whole ArrayBuffer behind `buf` is moved (zlib's output is a view of a slightly larger
            // one). A small view is copied into an ArrayBuffer of its own: Node's Buffer allocations may be
            // marked untransferable (seen for a 20 KiB copy made with Buffer.from).
            const movable = buf.length * 2 >= buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer;
            const own = movable ? buf : copyToOwnBuffer(buf);
            send({ buffer: own.buffer, offset: own.byteOffset, length: own.length }, [own.buffer]);
        },
        async end() {
            ending = true;
            send({ end: true });
            await waitFor(() => result !== undefined);
            await exit;
            return result;
        },
        async abort() {
            await worker.terminate();
        },
    };
}
/** startHashingWriter's small case: the write thread's work (write-thread.ts) done on this thread. */
function inLineWriter(job) {
    const hash = job.hash ? external_node_crypto_.createHash('sha256') : undefined;
    let fd = job.file === null ? undefined : external_node_fs_.openSync(job.file, 'wx');
    const writer = fd === undefined ? undefined : (0,sliced_writer/* slicedWriter */.Sw)(fd, external_node_fs_, job.durable ? sliced_writer/* SYNC_EVERY */.wy : Number.POSITIVE_INFINITY);
    let written = 0;
    const close = () => {
        if (fd !== undefined)
            external_node_fs_.closeSync(fd);
        fd = undefined;
    };
    return {
        async write(buf) {
            hash?.update(buf);
            writer?.write(buf, written);
            written += buf.length;
            // Handed over as to the thread: the buffer is ours now, and freed as the thread frees it.
            if (buf.length * 2 >= buf.buffer.byteLength)
                (0,free_buffer/* freeNow */.V)(buf.buffer);
        },
        async end() {
            try {
                await writer?.settle();
            }
            finally {
                close();
            }
            return { bytes: written, ...(hash ? { sha256: hash.digest('hex') } : {}) };
        },
        async abort() {
            close();
        },
    };
}

// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/abort.js
var abort = __webpack_require__(54220);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(78877);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(30714);
;// CONCATENATED MODULE: ./lib/engine/common/gc.js


let made;
/**
 * V8's gc(), which Node exposes only when started with --expose-gc: setFlagsFromString exposes it
 * to contexts created afterwards, the one made here (once per thread). Undefined where that fails:
 * memory then stays bounded, only higher.
 */
function gcFunction() {
    if (made === undefined) {
        try {
            external_node_v8_.setFlagsFromString('--expose_gc');
            made = external_node_vm_.runInNewContext('gc');
        }
        catch {
            made = null;
        }
    }
    return made ?? undefined;
}

// EXTERNAL MODULE: ./lib/engine/restore/zstd-frames.js
var zstd_frames = __webpack_require__(44827);
;// CONCATENATED MODULE: ./lib/engine/restore/zstd-restore.js









/** Stored bytes read at once. */
const READ_SIZE = 2 << 20;
/**
 * Each read lands this far into its buffer, so the start of a frame left over from the previous
 * read can be copied in front of it: frames straddling two reads cost a copy of the part left
 * over, never of the new bytes. Room for a whole frame of incompressible data (just over ZSTD_FRAME).
 */
const HEADROOM = compression/* ZSTD_FRAME */.ue + (64 << 10);
const BUFFER = HEADROOM + READ_SIZE;
/**
 * Read buffers kept for reuse once free. With 8 MiB frames a read buffer is 10 MiB, and several
 * come free at once when the frames cut from them finish decoding; dropped ones linger until a
 * GC while new ones are allocated (1 GiB mixed restore: 166 MiB of anonymous memory with one spare).
 */
const MAX_SPARE = 3;
/** A frame bigger than this, stored or decoded, is not one of ours: decodeFrames gives up on the file. */
const MAX_FRAME = 64 << 20;
/**
 * Decoded bytes come in buffers of this size (a frame in several), which malloc hands back once
 * the write thread frees them. A buffer of a frame's size for each frame was fresh memory each
 * time, and a first touch costs here (~12 µs per 4 KiB page on this VM): 256 MiB of text took
 * 31,000-35,000 page faults to restore that way.
 */
const OUTPUT_PART = 1 << 20;
async function sha256OfFile(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { highWaterMark: 1 << 20 }))
        hash.update(chunk);
    return hash.digest('hex');
}
/** Thrown when the file is not a run of frames small enough to decode one at a time in memory. */
class NotFramed extends Error {
}
/**
 * Decodes a zstd file of independent frames (what our snapshots write: one per ZSTD_FRAME bytes of
 * database) several frames at once on libuv's pool, one per core (a third lane on 2 cores saved
 * ~5 % and took a 4 GiB restore from 147 to 168 MiB of peak memory). This thread
 * only reads (one read always ahead), hashes the stored bytes and finds frame boundaries; the
 * decoded frames go in order to a writer thread (hashing-writer.ts). zstd checks each frame's
 * own content checksum as it decodes. Throws NotFramed, having removed nothing and kept nothing
 * that counts, when a frame is too big for this (another tool's single-frame file): the caller
 * then decodes the file as one stream.
 */
/** `outFile` null: the decoded bytes are only counted (and hashed with hashRaw), not written. */
async function decodeFrames(storedFile, outFile, limits, onBytes) {
    const fh = await external_node_fs_.promises.open(storedFile, 'r');
    try {
        return await decodeFrameSource(fileSource(fh), outFile, limits, onBytes);
    }
    finally {
        await fh.close();
    }
}
/** A source whose next read fails once `signal` has aborted: the decoder's loop stops at its next read. */
function abortable(source, signal) {
    return {
        read: async (buf, offset, length) => {
            signal.throwIfAborted();
            return source.read(buf, offset, length);
        },
    };
}
function fileSource(fh) {
    let pos = 0;
    return {
        read: async (buf, offset, length) => {
            const { bytesRead } = await fh.read(buf, offset, length, pos);
            pos += bytesRead;
            return bytesRead;
        },
    };
}
/** decodeFrames over any source; NotFramed is thrown as for a file, and a stream cannot then be read again. */
async function decodeFrameSource(source, outFile, limits, onBytes) {
    const lanes = limits.lanes ?? Math.max(1, Math.min(4, external_node_os_.availableParallelism()));
    const hashing = limits.hashRaw === 'always';
    const sink = outFile === null && !hashing ? countingSink() : startHashingWriter(outFile, hashing, limits.durable ?? true, limits.rawSize);
    const gc = limits.youngGc ? gcFunction() : undefined;
    let unchecked = false;
    const pending = [];
    const decoders = Array.from({ length: lanes }, () => new FrameDecoder());
    let frames = 0;
    let rawBytes = 0;
    try {
        const stored = new StoredReader(limits.signal ? abortable(source, limits.signal) : source);
        const drainOne = async () => {
            for (const part of await pending.shift()) {
                rawBytes += part.length;
                if (rawBytes > limits.rawSize)
                    throw limits.tooBig();
                await sink.write(part);
                // The sink moved it, copied it or only counted it: nothing holds it now.
                (0,free_buffer/* freeNow */.V)(part.buffer);
            }
            gc?.({ type: 'minor' });
            onBytes?.(rawBytes);
        };
        for (;;) {
            const found = (0,zstd_frames/* frameEnd */.h)(stored.carry, 0);
            if (found === 'invalid')
                throw limits.damaged(`no zstd frame at byte ${stored.readPos - stored.carry.length}`);
            if (found === 'more') {
                if (stored.eof) {
                    if (stored.carry.length === 0)
                        break;
                    throw limits.damaged('the last zstd frame is cut short');
                }
                if (stored.carry.length > MAX_FRAME)
                    throw new NotFramed();
                await stored.readMore();
                continue;
            }
            const frame = stored.cut(found.end);
            if (found.skippable)
                continue;
            if (!found.checksum)
                unchecked = true;
            stored.hold(frame);
            // Frames go round the lanes in order, so a lane decodes its next frame only once its last is drained.
            const job = decoders[frames++ % lanes].decode(frame, Math.min(MAX_FRAME, limits.rawSize + 1)).finally(() => stored.letGo(frame));
            job.catch(() => undefined);
            pending.push(job);
            if (pending.length >= lanes)
                await drainOne();
        }
        while (pending.length > 0)
            await drainOne();
        const written = await sink.end();
        const rawSha256 = written.sha256 ?? (unchecked && limits.hashRaw === 'unchecked' && outFile !== null ? await sha256OfFile(outFile) : undefined);
        return { storedSize: stored.readPos, storedSha256: stored.hash.digest('hex'), rawSize: written.bytes, unchecked, ...(rawSha256 ? { rawSha256 } : {}) };
    }
    catch (err) {
        await sink.abort();
        await Promise.allSettled(pending);
        if (err.code === 'ERR_BUFFER_TOO_LARGE') {
            // A frame decodes to more than we hold in memory: past the declared size, or not one of ours.
            throw limits.rawSize < MAX_FRAME ? limits.tooBig() : new NotFramed();
        }
        throw err;
    }
    finally {
        decoders.forEach((d) => d.close());
    }
}
/**
 * One lane's zstd decoder: a stream that outlives its frames, so its output buffers (OUTPUT_PART
 * each) are few and reused. A frame's output is handed out as parts: a part that ends where its
 * buffer ends is the stream's no more (it starts a new buffer then) and may be moved to the write
 * thread; the last part of a frame usually ends inside a buffer the stream goes on filling with
 * the next frame, so it is copied out.
 */
class FrameDecoder {
    z = external_node_zlib_.createZstdDecompress({ chunkSize: OUTPUT_PART });
    parts = [];
    bytes = 0;
    limit = 0;
    failed;
    constructor() {
        this.z.on('data', (d) => {
            this.bytes += d.length;
            this.parts.push(d);
            // Past what a frame may decode to: a bomb, or not one of ours. Stopped here, not after it has all been made.
            if (this.bytes > this.limit)
                this.fail(Object.assign(new Error(`a zstd frame decodes to more than ${this.limit} bytes`), { code: 'ERR_BUFFER_TOO_LARGE' }));
        });
        this.z.on('error', (err) => this.fail(err));
    }
    /** The frame's decoded bytes, in order; rejects when they pass `limit` or the frame is damaged. */
    decode(frame, limit) {
        this.parts = [];
        this.bytes = 0;
        this.limit = limit;
        return new Promise((resolve, reject) => {
            this.failed = reject;
            this.z.write(frame, (err) => {
                if (err)
                    return reject(err);
                if (this.failed === undefined)
                    return;
                this.failed = undefined;
                resolve(this.parts.map((p) => (p.byteOffset + p.length === p.buffer.byteLength ? p : ownCopy(p))));
            });
        });
    }
    close() {
        this.z.destroy();
    }
    fail(err) {
        const reject = this.failed;
        this.failed = undefined;
        this.z.destroy();
        reject?.(err);
    }
}
/** A copy in an ArrayBuffer of its own, which the write thread can be handed. */
function ownCopy(b) {
    const own = Buffer.from(new ArrayBuffer(b.length));
    b.copy(own);
    return own;
}
/**
 * Where decoded bytes go when they are neither written nor hashed (a proof by checksums): only
 * counted, on this thread. Its own thread would cost a worker's start-up and memory for nothing.
 * decodeFrameSource frees each part once handed over, here as after any sink.
 */
function countingSink() {
    let bytes = 0;
    return {
        write: async (buf) => {
            bytes += buf.length;
        },
        end: async () => ({ bytes }),
        abort: async () => { },
    };
}
/**
 * decodeFrames' reading side: the stored file read with one read always in flight, hashed, and
 * kept as `carry`, the bytes read but not yet cut into frames (the start of the next frame).
 */
class StoredReader {
    /** Bytes read but not yet cut into frames. */
    carry = Buffer.alloc(0);
    eof = false;
    /** Stored bytes read so far. */
    readPos = 0;
    hash = (0,external_node_crypto_.createHash)('sha256');
    source;
    // Read buffers are reused once every frame cut from them is decoded: fresh 6 MiB buffers cost
    // page faults, and the freed ones linger until a GC.
    spare = [];
    inUse = new Map();
    /** The read buffer `carry` lies in: held until the carry moves on to the next one. */
    current;
    /** One read always in flight, so the next stored bytes are there when decodeFrames wants them. */
    ahead;
    constructor(source) {
        this.source = source;
        this.ahead = this.startRead();
    }
    /** A frame (or read buffer) in use: its buffer is not reused until every holder lets go. */
    hold(b) {
        this.inUse.set(b.buffer, (this.inUse.get(b.buffer) ?? 0) + 1);
    }
    letGo(b) {
        const n = (this.inUse.get(b.buffer) ?? 1) - 1;
        if (n > 0)
            this.inUse.set(b.buffer, n);
        else {
            this.inUse.delete(b.buffer);
            if (b.buffer.byteLength === BUFFER && this.spare.length < MAX_SPARE)
                this.spare.push(Buffer.from(b.buffer));
        }
    }
    /** The first `end` bytes of the carry, cut off it. */
    cut(end) {
        const frame = this.carry.subarray(0, end);
        this.carry = this.carry.subarray(end);
        return frame;
    }
    /** Appends the next read to the carry (at EOF: sets `eof`). */
    async readMore() {
        const { buf, n } = await this.ahead;
        if (n > 0)
            this.ahead = this.startRead();
        else
            this.eof = true;
        this.hash.update(buf.subarray(HEADROOM, HEADROOM + n));
        this.readPos += n;
        const carry = this.carry;
        let next;
        if (carry.length <= HEADROOM) {
            carry.copy(buf, HEADROOM - carry.length);
            next = buf.subarray(HEADROOM - carry.length, HEADROOM + n);
        }
        else {
            // A frame bigger than the headroom (not one of ours): joined the slow way.
            next = Buffer.concat([carry, buf.subarray(HEADROOM, HEADROOM + n)]);
            this.hold(next);
            this.letGo(buf);
        }
        if (this.current)
            this.letGo(this.current);
        this.current = next;
        this.carry = next;
    }
    startRead() {
        const buf = this.spare.pop() ?? Buffer.allocUnsafe(BUFFER);
        this.hold(buf);
        const read = this.source.read(buf, HEADROOM, READ_SIZE).then((n) => ({ buf, n }));
        read.catch(() => undefined);
        return read;
    }
}

;// CONCATENATED MODULE: ./lib/engine/restore/streams.js










/** Counts what flows through it, refusing it once it passes `limit`. */
class Count extends external_node_stream_.Transform {
    bytes = 0;
    limit;
    onLimit;
    onBytes;
    constructor(limit = Number.POSITIVE_INFINITY, onLimit = () => new Error('size limit exceeded'), onBytes) {
        super({ highWaterMark: 1 << 20 });
        this.limit = limit;
        this.onLimit = onLimit;
        this.onBytes = onBytes;
    }
    _transform(chunk, _enc, done) {
        this.bytes += chunk.length;
        if (this.bytes > this.limit) {
            done(this.onLimit());
            return;
        }
        this.see(chunk);
        this.onBytes?.(this.bytes);
        done(null, chunk);
    }
    see(_chunk) { }
}
/** Counts and hashes what flows through it, so checksums cost no extra pass over the data. */
class Measure extends Count {
    hash = (0,external_node_crypto_.createHash)('sha256');
    see(chunk) {
        this.hash.update(chunk);
    }
    digest() {
        return this.hash.digest('hex');
    }
}
/**
 * Stored file in, raw database out, refusing as soon as the output outgrows the declared raw size
 * (a decompression bomb cannot fill the disk) and, at the end, on any size or checksum mismatch.
 * An uncompressed file is the snapshot's own two-thread copy (copy-worker.ts): one sha256, on a
 * thread of its own, instead of the same bytes hashed twice in the stream.
 */
async function decompressToFile(storedFile, outFile, expected, label, opts = {}) {
    const { onBytes, signal } = opts;
    await checkStoredSize(storedFile, expected, label);
    signal?.throwIfAborted();
    if (expected.compression === 'none') {
        const fh = await external_node_fs_.promises.open(storedFile, 'r');
        const copy = (0,copy_worker/* startCopy */.EA)({ fds: [fh.fd], length: expected.storedSize, outFile, compression: 'none', level: 0, onBytes });
        const stopOnAbort = (0,abort/* onAbort */.u)(signal, () => void copy.cancel());
        try {
            const copied = await copy.done.catch((err) => {
                throw (0,abort/* abortedOr */.z)(signal, err);
            });
            checkDecoded(label, expected, copied.storedSha256, copied.rawSize, copied.rawSha256);
        }
        finally {
            stopOnAbort();
            await copy.cancel();
            await fh.close();
        }
        return;
    }
    if (expected.compression === 'zstd') {
        if (await decodeFramedFile(storedFile, outFile, expected, label, opts))
            return;
        // Another tool's file, one big frame: decoded below as one stream.
        await external_node_fs_.promises.rm(outFile, { force: true });
    }
    const stored = new Measure();
    const raw = new (rawToCompare(expected) ? Measure : Count)(expected.rawSize, () => tooBig(label, expected), onBytes);
    const out = (0,external_node_fs_.createWriteStream)(outFile, { flags: 'wx', highWaterMark: 1 << 20 });
    const input = (0,external_node_fs_.createReadStream)(storedFile, { highWaterMark: 1 << 20 });
    try {
        await (0,promises_.pipeline)(input, stored, (0,compression/* createDecompressor */.Li)(expected.compression), raw, out, signal ? { signal } : {});
    }
    catch (err) {
        throw (0,abort/* abortedOr */.z)(signal, damaged(err, label));
    }
    checkDecoded(label, expected, stored.digest(), raw.bytes, raw instanceof Measure ? raw.digest() : undefined);
}
/**
 * decompressToFile's proof without its output: a stored zstd file of our frames is decoded and
 * the decoded bytes only counted, with the same limits and checks, and (as a restore under
 * `--check auto`) with zstd's per-frame content checksums standing for the decoded bytes' sha256:
 * the stored file's sha256 proves these are the bytes the snapshot wrote. Hashing the decoded
 * bytes again cost a second sha256 of the whole database beside the application (watch).
 * false: the file is not one of ours (one frame too big to hold, or a frame without a content
 * checksum), so only a copy can prove it.
 */
async function proveFramedFile(storedFile, expected, label, opts = {}) {
    await checkStoredSize(storedFile, expected, label);
    const decoded = await decodeFramedFile(storedFile, null, expected, label, { ...opts, hashRaw: false });
    return decoded !== undefined && !decoded.unchecked;
}
/**
 * A stored zstd file as it arrives (a seed being downloaded): decoded frame by frame as for a file,
 * with the same size limit and checksums, but with nothing to fall back on, so a file that is not
 * ours (one frame too big to hold) is refused as damaged.
 */
async function decodeStreamToFile(source, outFile, expected, label, opts = {}) {
    if (expected.compression === 'none')
        return copyStreamToFile(source, outFile, expected, label, opts);
    if (expected.compression !== 'zstd')
        throw (0,errors/* corrupt */.qb)(`${label}: stored as ${expected.compression}, which is only read from a file; the entry was not written by this version`);
    let decoded;
    try {
        decoded = await decodeFrameSource(source, outFile, { ...frameLimits(expected, label, opts), youngGc: opts.youngGc === true }, opts.onBytes);
    }
    catch (err) {
        if (err instanceof NotFramed)
            throw (0,errors/* corrupt */.qb)(`${label}: holds a zstd frame larger than ours; the entry is damaged or was not written by this tool`);
        throw damaged(err, label);
    }
    if (decoded.storedSize !== expected.storedSize) {
        throw (0,errors/* corrupt */.qb)(`${label}: stored data is ${decoded.storedSize} bytes but the manifest says ${expected.storedSize}; the entry is truncated or damaged`);
    }
    checkDecoded(label, expected, decoded.storedSha256, decoded.rawSize, decoded.rawSha256);
}
/** Bytes read from a stream per write: large enough that a write's overhead vanishes. */
const STREAM_CHUNK = 4 << 20;
/**
 * An uncompressed stored file as it arrives (a seed in GitHub's cache, which compresses the entry
 * itself): handed to the same hashing writer a decoded stream goes to (a thread of its own above
 * a few MiB), refused as soon as it outgrows the manifest's size. The caller flushes the file.
 */
async function copyStreamToFile(source, outFile, expected, label, opts) {
    const sink = startHashingWriter(outFile, true, opts.durable ?? true, expected.storedSize);
    let size = 0;
    let written;
    try {
        for (;;) {
            opts.signal?.throwIfAborted();
            // A buffer of its own each time: the writer takes it over.
            const buf = Buffer.allocUnsafe(STREAM_CHUNK);
            let n = 0;
            while (n < buf.length) {
                const got = await source.read(buf, n, buf.length - n);
                if (got === 0)
                    break;
                n += got;
            }
            if (n === 0)
                break;
            size += n;
            if (size > expected.storedSize)
                throw (0,errors/* corrupt */.qb)(`${label}: holds more than the ${expected.storedSize} bytes the manifest declares; the entry is damaged or hostile`);
            await sink.write(buf.subarray(0, n));
            opts.onBytes?.(size);
        }
        written = await sink.end();
    }
    catch (err) {
        await sink.abort();
        throw (0,abort/* abortedOr */.z)(opts.signal, damaged(err, label));
    }
    checkDecoded(label, expected, written.sha256 ?? '', written.bytes, written.sha256);
}
async function checkStoredSize(storedFile, expected, label) {
    const { size } = await external_node_fs_.promises.stat(storedFile);
    if (size !== expected.storedSize) {
        throw (0,errors/* corrupt */.qb)(`${label}: stored file is ${size} bytes but the manifest says ${expected.storedSize}; the snapshot is truncated or damaged`);
    }
}
/** Our zstd frames decoded from a file, checked against the manifest; undefined when they are not ours (NotFramed). */
async function decodeFramedFile(storedFile, outFile, expected, label, opts) {
    let decoded;
    try {
        decoded = await decodeFrames(storedFile, outFile, frameLimits(expected, label, opts), opts.onBytes);
    }
    catch (err) {
        if (!(err instanceof NotFramed))
            throw damaged(err, label);
        return undefined;
    }
    checkDecoded(label, expected, decoded.storedSha256, decoded.rawSize, decoded.rawSha256);
    return decoded;
}
/**
 * A sha256 of the decoded bytes is worth its second of CPU per GiB only where the manifest has
 * one to compare it with (format 2 may leave it out: the stored file's sha256 stands for it).
 */
function rawToCompare(expected) {
    return expected.rawSha256 !== undefined;
}
function frameLimits(expected, label, opts) {
    return {
        rawSize: expected.rawSize,
        tooBig: () => tooBig(label, expected),
        damaged: (what) => (0,errors/* corrupt */.qb)(`${label}: compressed data is damaged (${what}); take the snapshot again`),
        hashRaw: !rawToCompare(expected) ? 'never' : (opts.hashRaw ?? true) ? 'always' : 'unchecked',
        ...(opts.lanes ? { lanes: opts.lanes } : {}),
        ...(opts.durable === false ? { durable: false } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
    };
}
function damaged(err, label) {
    if (err instanceof errors/* SnapshotError */.JC)
        return err;
    const code = String(err.code ?? '');
    if (code.startsWith('ERR__ERROR') || code.startsWith('Z_') || code.startsWith('ZSTD_') || /incorrect header|unexpected end|invalid|corrupt|unknown frame|checksum/i.test(String(err.message))) {
        return (0,errors/* corrupt */.qb)(`${label}: compressed data is damaged (${err.message}); take the snapshot again`);
    }
    return err;
}
function tooBig(label, expected) {
    return (0,errors/* corrupt */.qb)(`${label}: data decompresses to more than the ${expected.rawSize} bytes the manifest declares; the snapshot is damaged or hostile`);
}
/** `rawSha` undefined: not computed, the stored file's sha256 and zstd's frame checksums stand for it. */
function checkDecoded(label, expected, storedSha, rawBytes, rawSha) {
    if (storedSha !== expected.storedSha256) {
        throw (0,errors/* corrupt */.qb)(`${label}: sha256 of the stored file is ${storedSha}, manifest says ${expected.storedSha256}; the snapshot is damaged`);
    }
    if (rawBytes !== expected.rawSize) {
        throw (0,errors/* corrupt */.qb)(`${label}: database is ${rawBytes} bytes after decompression, manifest says ${expected.rawSize}; the snapshot is truncated`);
    }
    if (rawSha !== undefined && expected.rawSha256 !== undefined && rawSha !== expected.rawSha256) {
        throw (0,errors/* corrupt */.qb)(`${label}: sha256 of the database is ${rawSha}, manifest says ${expected.rawSha256}; the snapshot is damaged`);
    }
}


/***/ }),

/***/ 45358:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hl: () => (/* binding */ checkRestored),
/* harmony export */   Mx: () => (/* binding */ verifySnapshot),
/* harmony export */   O9: () => (/* binding */ materialize)
/* harmony export */ });
/* unused harmony export autoCheck */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12399);
/* harmony import */ var _common_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4933);
/* harmony import */ var _manifest_manifest_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(87925);
/* harmony import */ var _sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(57875);
/* harmony import */ var _streams_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(89305);








/**
 * Turns one stored entry into a raw database at `outFile` and proves it is the database the
 * manifest describes: stored size and sha256, decompressed size and sha256 (or, with `opts.hashRaw`
 * false, zstd's own checksum of each frame), the SQLite header, then SQLite's own integrity check
 * (`auto`: see autoCheck), schema fingerprint, page count and row counts.
 * Throws a `corrupt` error naming the first thing that is wrong; `outFile` is left for the caller.
 */
async function materialize(snapshotDir, entry, outFile, check, opts = {}) {
    const label = `${entry.name} in ${snapshotDir}`;
    await (0,_streams_js__WEBPACK_IMPORTED_MODULE_7__/* .decompressToFile */ .NU)(await storedFile(snapshotDir, entry, label), outFile, entry, label, opts);
    await checkRestored(outFile, entry, label, check);
}
/**
 * The second half of materialize, for a database already decoded (and its checksums compared) at
 * `outFile`: header, SQLite's own check, page count, schema and row counts against the manifest.
 */
async function checkRestored(outFile, entry, label, check) {
    const header = await (0,_sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_6__/* .readHeader */ .ay)(outFile);
    if (!header)
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .corrupt */ .qb)(`${label}: decompressed data has no SQLite header; the snapshot is damaged`);
    if (header.pageSize !== entry.pageSize) {
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .corrupt */ .qb)(`${label}: page size is ${header.pageSize}, manifest says ${entry.pageSize}`);
    }
    const db = (0,_sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_6__/* .openDatabase */ .qI)(outFile, { readonly: true, busyTimeoutMs: 0 });
    try {
        const problems = [];
        // `auto`: the stored file's sha256 has proven these are the bytes the snapshot checked.
        const integrity = (0,_sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_6__/* .runCheck */ .k_)(db, check === 'auto' ? autoCheck(entry) : check);
        if (integrity.ok === false)
            problems.push(`integrity check failed: ${integrity.messages.slice(0, 3).join('; ')}`);
        const pageCount = Number(db.pragma('page_count', { simple: true }));
        if (pageCount !== entry.pageCount)
            problems.push(`page count is ${pageCount}, manifest says ${entry.pageCount}`);
        const schema = (0,_sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_6__/* .schemaFingerprint */ .Uw)(db);
        if (schema !== entry.schemaSha256)
            problems.push(`schema fingerprint differs from the manifest`);
        if (check !== 'off') {
            // Cheap next to the check (milliseconds per GiB: count(*) walks the smallest index).
            // A snapshot kept with --allow-corrupt may hold tables SQLite cannot count; the manifest left them out too.
            const rows = (0,_sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_6__/* .countRowsTolerant */ .ys)(db, entry.integrity.ok === false).counts;
            for (const [table, n] of Object.entries(entry.tables)) {
                if (rows[table] !== n)
                    problems.push(`table ${table} has ${rows[table] ?? 'no'} rows, manifest says ${n}`);
            }
        }
        // A snapshot taken with --allow-corrupt is expected to fail its check; anything else is not.
        if (problems.length > 0 && !(entry.integrity.ok === false && problems.every((p) => p.startsWith('integrity')))) {
            throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .corrupt */ .qb)(`${label}: ${problems.join('; ')}`);
        }
    }
    catch (err) {
        if (err instanceof _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC)
            throw err;
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .corrupt */ .qb)(`${label}: SQLite cannot read the restored data (${(0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(err)}); the snapshot is damaged`);
    }
    finally {
        db.close();
        await (0,_common_files_js__WEBPACK_IMPORTED_MODULE_4__/* .removeQuietly */ .S2)(`${outFile}-wal`);
        await (0,_common_files_js__WEBPACK_IMPORTED_MODULE_4__/* .removeQuietly */ .S2)(`${outFile}-shm`);
    }
}
/**
 * Proves a database restorable without writing it anywhere: the stored file's size and sha256
 * must be the manifest's, every frame is decoded (zstd checks each frame's own content checksum),
 * and the decoded size must be the manifest's, which is that of the bytes the snapshot checked
 * with `check` or more (a full check stands for a quick one). A restore accepts exactly that under
 * its default `--check auto`, so nothing a restore would refuse passes. false: this entry cannot be proven so (not zstd frames, or the
 * snapshot did not pass such a check): the caller checks a copy instead. Throws `corrupt` as
 * materialize does.
 */
async function proveByChecksums(snapshotDir, entry, check, opts) {
    const passed = entry.integrity.ok === true && (entry.integrity.check === check || entry.integrity.check === 'full');
    if (entry.compression !== 'zstd' || !passed || check === 'off')
        return false;
    const label = `${entry.name} in ${snapshotDir}`;
    return (0,_streams_js__WEBPACK_IMPORTED_MODULE_7__/* .proveFramedFile */ .Ux)(await storedFile(snapshotDir, entry, label), entry, label, opts);
}
/** The entry's data file in the snapshot; `corrupt` when it is missing. */
async function storedFile(snapshotDir, entry, label) {
    const stored = node_path__WEBPACK_IMPORTED_MODULE_2__.join(snapshotDir, entry.file);
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(stored).catch(() => {
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .corrupt */ .qb)(`${label}: data file ${entry.file} is missing; the snapshot is incomplete`);
    });
    return stored;
}
/**
 * The check `auto` stands for: none when the snapshot recorded a passing quick or full check of
 * exactly these bytes, else quick_check. Under `auto` the row counts, page count, schema and
 * header are still compared.
 */
function autoCheck(entry) {
    return entry.integrity.ok === true && entry.integrity.check !== 'off' ? 'off' : 'quick';
}
/** Checks every database in a snapshot and reports everything found, without stopping at the first. */
async function verifySnapshot(snapshotDir, check = 'full', opts = {}) {
    const { onBytes, workRoot = node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir(), lanes } = opts;
    const manifest = await (0,_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_5__/* .readManifest */ .WI)(snapshotDir);
    const temps = new _common_files_js__WEBPACK_IMPORTED_MODULE_4__/* .TempFiles */ .y7();
    const workDir = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_2__.join(workRoot, 'sqlite-snapshot-verify-'));
    try {
        const databases = [];
        for (const entry of manifest.databases) {
            opts.signal?.throwIfAborted();
            const out = temps.add((0,_common_files_js__WEBPACK_IMPORTED_MODULE_4__/* .tempPathFor */ .FD)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(workDir, entry.name)));
            try {
                const decode = { onBytes: (n) => onBytes?.(entry.name, n), ...(lanes ? { lanes } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };
                if (!(opts.byChecksums && (await proveByChecksums(snapshotDir, entry, check, decode)))) {
                    // A scratch copy, deleted right after: flushing it to the device would only take I/O from the application.
                    await materialize(snapshotDir, entry, out, check, { ...decode, durable: false });
                }
                databases.push({ name: entry.name, ok: true, problems: [] });
            }
            catch (err) {
                if (opts.signal?.aborted)
                    throw opts.signal.reason;
                if (!(err instanceof _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC)) {
                    const e = (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeIoError */ .QY)(err, `${entry.name}: decompressing into ${workDir} to check it`);
                    // The scratch space is the temp directory, which the user may not know about: say how to move it.
                    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC(e.kind, `${e.message}${/no space/.test(e.message) ? ' (set TMPDIR to a directory with room)' : ''}`, { cause: err });
                }
                if (err.kind !== 'corrupt')
                    throw err;
                databases.push({ name: entry.name, ok: false, problems: [err.message] });
            }
            finally {
                await (0,_common_files_js__WEBPACK_IMPORTED_MODULE_4__/* .removeQuietly */ .S2)(out);
                temps.release(out);
            }
        }
        return { ok: databases.every((d) => d.ok), manifest, databases };
    }
    finally {
        await temps.cleanup();
        await (0,_common_files_js__WEBPACK_IMPORTED_MODULE_4__/* .removeQuietly */ .S2)(workDir);
    }
}


/***/ }),

/***/ 44827:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ frameEnd)
/* harmony export */ });
/**
 * Where each zstd frame ends, read from the frame and block headers alone (RFC 8878 §3.1), so a
 * stored file of independent frames (what our snapshots write) can be decompressed frame by frame
 * on several cores. Nothing here decodes data: a damaged frame is found by the decoder.
 */
const ZSTD_MAGIC = 0xfd2fb528;
/** Skippable frames: magic 0x184D2A50-0x184D2A5F, a 4-byte length, then that many bytes. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Finds the end of the frame starting at `start` in `buf`. */
function frameEnd(buf, start) {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (buf.length - start < 4)
        return 'more';
    const magic = view.getUint32(start, true);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
        if (buf.length - start < 8)
            return 'more';
        const end = start + 8 + view.getUint32(start + 4, true);
        return end <= buf.length ? { end, checksum: false, skippable: true } : 'more';
    }
    if (magic !== ZSTD_MAGIC)
        return 'invalid';
    if (buf.length - start < 5)
        return 'more';
    const fhd = buf[start + 4];
    if (fhd & 0x08)
        return 'invalid'; // reserved bit
    const fcsFlag = fhd >> 6;
    const singleSegment = (fhd >> 5) & 1;
    const checksum = ((fhd >> 2) & 1) === 1;
    const dictIdSize = [0, 1, 2, 4][fhd & 3];
    const fcsSize = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag];
    let pos = start + 5 + (singleSegment ? 0 : 1) + dictIdSize + fcsSize;
    for (;;) {
        if (buf.length - pos < 3)
            return 'more';
        const header = buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16);
        const last = header & 1;
        const type = (header >> 1) & 3;
        const size = header >>> 3;
        if (type === 3)
            return 'invalid'; // reserved block type
        // An RLE block stores one byte, repeated `size` times when decoded.
        pos += 3 + (type === 1 ? 1 : size);
        if (last)
            break;
    }
    const end = pos + (checksum ? 4 : 0);
    return end <= buf.length ? { end, checksum, skippable: false } : 'more';
}


/***/ }),

/***/ 51073:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xX: () => (/* binding */ describeRecovery),
  Cx: () => (/* binding */ recoverCopy),
  J7: () => (/* binding */ recoveryNeeded)
});

// UNUSED EXPORTS: COPIED_CHANNEL

// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __webpack_require__(53053);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/format.js
var format = __webpack_require__(50715);
// EXTERNAL MODULE: ./lib/engine/sqlite/sqlite.js + 1 modules
var sqlite = __webpack_require__(57875);
;// CONCATENATED MODULE: ./lib/engine/snapshot/wal-scan.js

const WAL_HDR = 32;
const FRAME_HDR = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const WAL_VERSION = 3007000;
/** Frames read per file read: large reads, bounded memory (a few MiB whatever the WAL's size). */
const READ_BYTES = 4 << 20;
/**
 * SQLite's WAL checksum (walChecksumBytes): over 32-bit words in pairs, in the byte order the
 * header's magic chose. `data.length` is a multiple of 8.
 */
function walChecksum(data, bigEndian, s0, s1) {
    const n = data.length;
    if (bigEndian) {
        for (let i = 0; i < n; i += 8) {
            s0 = (s0 + data.readUInt32BE(i) + s1) >>> 0;
            s1 = (s1 + data.readUInt32BE(i + 4) + s0) >>> 0;
        }
    }
    else {
        for (let i = 0; i < n; i += 8) {
            s0 = (s0 + data.readUInt32LE(i) + s1) >>> 0;
            s1 = (s1 + data.readUInt32LE(i + 4) + s0) >>> 0;
        }
    }
    return [s0, s1];
}
async function scanWal(file) {
    const fh = await external_node_fs_.promises.open(file, 'r');
    try {
        const size = (await fh.stat()).size;
        const hdr = Buffer.alloc(WAL_HDR);
        const none = (stop) => ({ pageSize: 0, frames: 0, commits: 0, framesIgnored: 0, tornTail: false, stop });
        if ((await fh.read(hdr, 0, WAL_HDR, 0)).bytesRead !== WAL_HDR)
            return none('no-header');
        const magic = hdr.readUInt32BE(0);
        const pageSize = hdr.readUInt32BE(8);
        if ((magic !== MAGIC_LE && magic !== MAGIC_BE) || hdr.readUInt32BE(4) !== WAL_VERSION)
            return none('no-header');
        if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
            return none('no-header');
        const bigEndian = magic === MAGIC_BE;
        let [s0, s1] = walChecksum(hdr.subarray(0, 24), bigEndian, 0, 0);
        if (s0 !== hdr.readUInt32BE(24) || s1 !== hdr.readUInt32BE(28))
            return none('no-header');
        const salt1 = hdr.readUInt32BE(16);
        const salt2 = hdr.readUInt32BE(20);
        const frameSize = FRAME_HDR + pageSize;
        const slots = Math.floor((size - WAL_HDR) / frameSize);
        const partial = (size - WAL_HDR) % frameSize !== 0;
        const perRead = Math.max(1, Math.floor(READ_BYTES / frameSize));
        const buf = Buffer.alloc(perRead * frameSize);
        let frames = 0;
        let commits = 0;
        let commitsAtLast = 0;
        let lastCommit = 0;
        let stop;
        scan: for (let first = 0; first < slots; first += perRead) {
            const count = Math.min(perRead, slots - first);
            const want = count * frameSize;
            const { bytesRead } = await fh.read(buf, 0, want, WAL_HDR + first * frameSize);
            if (bytesRead !== want) {
                stop = 'partial-frame';
                break;
            }
            for (let k = 0; k < count; k++) {
                const f = buf.subarray(k * frameSize, (k + 1) * frameSize);
                const pgno = f.readUInt32BE(0);
                const commitSize = f.readUInt32BE(4);
                if (f.readUInt32BE(8) !== salt1 || f.readUInt32BE(12) !== salt2) {
                    stop = 'other-salt';
                    break scan;
                }
                let [c0, c1] = walChecksum(f.subarray(0, 8), bigEndian, s0, s1);
                [c0, c1] = walChecksum(f.subarray(FRAME_HDR), bigEndian, c0, c1);
                if (pgno === 0 || c0 !== f.readUInt32BE(16) || c1 !== f.readUInt32BE(20)) {
                    stop = 'checksum';
                    break scan;
                }
                s0 = c0;
                s1 = c1;
                frames++;
                if (commitSize !== 0) {
                    commits++;
                    lastCommit = frames;
                    commitsAtLast = commits;
                }
            }
        }
        stop ??= partial ? 'partial-frame' : lastCommit === frames ? 'end' : 'no-commit';
        return {
            pageSize,
            frames: lastCommit,
            commits: commitsAtLast,
            framesIgnored: slots - lastCommit,
            tornTail: stop === 'partial-frame' || stop === 'checksum',
            stop,
        };
    }
    finally {
        await fh.close();
    }
}

;// CONCATENATED MODULE: ./lib/engine/snapshot/recovery.js







/** Tries at a copy during which the source did not change (the first one and three retries). */
const COPY_ATTEMPTS = 4;
const RETRY_WAIT_MS = 200;
/** The wal-index SQLite builds: 32 KiB per 4096 frames, at least one block. */
const SHM_BLOCK = 32 * 1024;
const SHM_FRAMES_PER_BLOCK = 4096;
const recovery_FRAME_HDR = 24;
/** The eight bytes that end a journal naming a super-journal (SQLite's aJournalMagic). */
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
/**
 * Published after each copy attempt, before the source is looked at again: the one moment a
 * test can change the source to prove that a change during the copy is caught. Free when nobody
 * subscribes.
 */
const COPIED_CHANNEL = 'sqlite-snapshot:recovery-copied';
const copied = external_node_diagnostics_channel_.channel(COPIED_CHANNEL);
async function statOrUndefined(file) {
    return external_node_fs_.promises.stat(file, { bigint: true }).catch(() => undefined);
}
/**
 * Does the source need crash recovery our read-only connection cannot run? Nothing here writes:
 * the WAL case is told by the files alone, the hot journal by SQLite's own test on a read-only
 * connection (it answers SQLITE_READONLY_ROLLBACK; a journal a live writer still holds is not hot).
 */
async function recoveryNeeded(source, header) {
    if (header.writeVersion === 2) {
        const wal = await statOrUndefined(`${source}-wal`);
        if (!wal || wal.size === 0n || (await statOrUndefined(`${source}-shm`)))
            return undefined;
        return { kind: 'wal', sideFile: `${source}-wal` };
    }
    const journal = await statOrUndefined(`${source}-journal`);
    if (!journal || journal.size === 0n)
        return undefined;
    let db;
    try {
        // Opening already reads (a pragma), so the answer may come from either step.
        db = (0,sqlite/* openDatabase */.qI)(source, { readonly: true, busyTimeoutMs: 0 });
        db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
        return undefined;
    }
    catch (err) {
        // Anything else (busy, corrupt) is the normal path's to report.
        if (err.code !== 'SQLITE_READONLY_ROLLBACK')
            return undefined;
        return { kind: 'hot-journal', sideFile: `${source}-journal` };
    }
    finally {
        db?.close();
    }
}
/**
 * Rolling back a journal that names a super-journal (a multi-database commit) means reading, and
 * maybe deleting, files outside the copy; refused. The name, if any, ends the journal: its length,
 * a checksum and the 8-byte magic.
 */
async function namesSuperJournal(journal) {
    const fh = await external_node_fs_.promises.open(journal, 'r');
    try {
        const size = (await fh.stat()).size;
        if (size < 16)
            return false;
        const tail = Buffer.alloc(16);
        await fh.read(tail, 0, 16, size - 16);
        return tail.subarray(8).equals(JOURNAL_MAGIC) && tail.readUInt32BE(0) > 0;
    }
    finally {
        await fh.close();
    }
}
function sameFile(a, b) {
    if (!a || !b)
        return a === b;
    return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
/**
 * Copies the source and its side file into `privateDir` (created here; its parent must exist and
 * is where the room is checked) and recovers the copy there. On any failure the private directory
 * is removed before the error is thrown.
 */
async function recoverCopy(source, header, need, privateDir) {
    const started = performance.now();
    const side = external_node_path_.basename(need.sideFile);
    if (need.kind === 'hot-journal' && (await namesSuperJournal(need.sideFile))) {
        throw new errors/* SnapshotError */.JC('failed', `${source}: its hot journal ${side} names a super-journal (a transaction across several databases), whose rollback would touch files beyond this one; open the databases once with sqlite3 where they are writable, then snapshot`);
    }
    const dbSize = Number((await external_node_fs_.promises.stat(source)).size);
    const sideSize = Number((await external_node_fs_.promises.stat(need.sideFile)).size);
    const frames = Math.ceil(sideSize / (header.pageSize + recovery_FRAME_HDR));
    const shmSize = need.kind === 'wal' ? SHM_BLOCK * Math.max(1, Math.ceil(frames / SHM_FRAMES_PER_BLOCK)) : 0;
    await checkRoom(source, external_node_path_.dirname(privateDir), dbSize + sideSize + shmSize, side);
    await external_node_fs_.promises.mkdir(privateDir).catch((err) => {
        throw (0,errors/* describeIoError */.QY)(err, `${privateDir}: making the directory for crash recovery`);
    });
    const cleanup = () => external_node_fs_.promises.rm(privateDir, { recursive: true, force: true });
    try {
        const copy = external_node_path_.join(privateDir, 'db');
        const copySide = `${copy}${need.kind === 'wal' ? '-wal' : '-journal'}`;
        await copyUnchanged(source, need, copy, copySide);
        const info = { kind: need.kind, sideFile: need.sideFile, sideFileSize: sideSize, where: privateDir, ms: 0 };
        if (need.kind === 'wal') {
            // Scanned before SQLite sees the copy: its recovery checkpoints and deletes the -wal.
            const scan = await scanWal(copySide);
            const sqliteFrames = recoverWal(copy, source);
            if (sqliteFrames !== scan.frames) {
                throw new errors/* SnapshotError */.JC('failed', `${source}: crash recovery disagrees: SQLite replayed ${sqliteFrames} frames of ${side}, our scan of it found ${scan.frames} valid frames up to the last commit; nothing was stored: check the database with sqlite3 (PRAGMA integrity_check) on a copy`);
            }
            Object.assign(info, { frames: scan.frames, commits: scan.commits, framesIgnored: scan.framesIgnored, tornTail: scan.tornTail });
        }
        else {
            rollBack(copy, copySide, source);
        }
        info.ms = Math.round(performance.now() - started);
        return { file: copy, info, cleanup };
    }
    catch (err) {
        await cleanup();
        throw err;
    }
}
async function checkRoom(source, dir, need, side) {
    const fs = await external_node_fs_.promises.statfs(dir).catch(() => undefined);
    // No answer (an unusual file system): go ahead; a full disk still fails cleanly later.
    if (!fs)
        return;
    const free = fs.bavail * fs.bsize;
    if (free < need) {
        throw new errors/* SnapshotError */.JC('failed', `${source}: needs crash recovery on a private copy, which needs ${(0,format/* formatBytes */.z3)(need)} (database, ${side}, wal-index) in ${dir}, but only ${(0,format/* formatBytes */.z3)(free)} is free there; free some space or snapshot to a store on a larger disk`);
    }
}
/**
 * Copies main file and side file (a reflink where the file system has them), proving that neither
 * changed meanwhile: same inode, size, mtime and ctime before and after, and for a WAL still no
 * `-shm` (which a process opening the database would create). Nothing should be writing a crashed
 * database; if something is, we retry, then refuse as busy.
 */
async function copyUnchanged(source, need, copy, copySide) {
    const shm = `${source}-shm`;
    for (let attempt = 1;; attempt++) {
        const before = [await statOrUndefined(source), await statOrUndefined(need.sideFile)];
        try {
            await external_node_fs_.promises.copyFile(source, copy, external_node_fs_.constants.COPYFILE_FICLONE);
            await external_node_fs_.promises.copyFile(need.sideFile, copySide, external_node_fs_.constants.COPYFILE_FICLONE);
        }
        catch (err) {
            const code = err.code;
            // The side file went away: someone opened and recovered the database meanwhile.
            if (code !== 'ENOENT')
                throw (0,errors/* describeIoError */.QY)(err, `${source}: copying it for crash recovery`);
        }
        if (copied.hasSubscribers)
            copied.publish({ source, attempt });
        const after = [await statOrUndefined(source), await statOrUndefined(need.sideFile)];
        const steady = sameFile(before[0], after[0]) && sameFile(before[1], after[1]) && after[1] !== undefined;
        if (steady && (need.kind !== 'wal' || !(await statOrUndefined(shm))))
            return;
        if (attempt >= COPY_ATTEMPTS) {
            throw new errors/* SnapshotError */.JC('busy', `${source}: changed while it was copied for crash recovery (${attempt} tries); another process is using it: retry the snapshot once it is idle`);
        }
        await external_node_fs_.promises.rm(copy, { force: true });
        await external_node_fs_.promises.rm(copySide, { force: true });
        await new Promise((r) => setTimeout(r, RETRY_WAIT_MS));
    }
}
/**
 * SQLite replays the copied WAL (its recovery builds the wal-index in the private `-shm`), then a
 * checkpoint writes every recovered frame into the copy's main file. The checkpoint reports the
 * wal-index's frame count (mxFrame), which must equal our scan's. Closing the last connection
 * removes the copy's `-wal` and `-shm`, leaving a plain database file.
 */
function recoverWal(copy, source) {
    const db = (0,sqlite/* openDatabase */.qI)(copy);
    try {
        db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
        const [row] = db.pragma('wal_checkpoint(PASSIVE)');
        if (!row || row.busy !== 0 || row.checkpointed !== row.log) {
            throw new errors/* SnapshotError */.JC('failed', `${source}: crash recovery of the private copy could not checkpoint its WAL (${JSON.stringify(row)}); retry the snapshot`);
        }
        return row.log;
    }
    catch (err) {
        if (err instanceof errors/* SnapshotError */.JC)
            throw err;
        throw recoveryFailed(source, err);
    }
    finally {
        db.close();
    }
}
/**
 * The first read of the copy finds the journal hot and rolls it back, then deletes it. A journal
 * still there means SQLite did not take it as hot in the copy: the copy would hold half a
 * transaction, so it is refused.
 */
function rollBack(copy, copyJournal, source) {
    const db = (0,sqlite/* openDatabase */.qI)(copy);
    try {
        db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    }
    catch (err) {
        throw recoveryFailed(source, err);
    }
    finally {
        db.close();
    }
    if (((0,external_node_fs_.statSync)(copyJournal, { throwIfNoEntry: false })?.size ?? 0) > 0) {
        throw new errors/* SnapshotError */.JC('failed', `${source}: crash recovery of a private copy left its journal in place (not rolled back); nothing was stored: open the database once with sqlite3 where it is writable, then snapshot`);
    }
}
function recoveryFailed(source, err) {
    const code = err.code ?? '';
    const kind = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? 'corrupt' : 'failed';
    return new errors/* SnapshotError */.JC(kind, `${source}: crash recovery of a private copy failed (${(0,errors/* oneLine */.TN)(err)}); nothing was stored: check the database with sqlite3 on a copy`, { cause: err });
}
/** One line for logs and the manifest's readers: what recovery did and where. */
function describeRecovery(r) {
    const what = r.kind === 'wal'
        ? `WAL replayed: ${r.commits ?? '?'} commit(s), ${r.frames ?? '?'} frame(s) from ${r.sideFile} (${(0,format/* formatBytes */.z3)(r.sideFileSize)})` +
            (r.framesIgnored ? `, ${r.framesIgnored} frame(s) after the last commit left out` : '') +
            (r.tornTail ? ', torn tail dropped' : '')
        : `hot journal rolled back: ${r.sideFile} (${(0,format/* formatBytes */.z3)(r.sideFileSize)})`;
    return `${what}; on a private copy in ${r.where}, ${r.ms} ms; the source was not written`;
}


/***/ }),

/***/ 67612:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J8: () => (/* reexport */ METHODS),
  $p: () => (/* binding */ createSnapshot),
  VM: () => (/* binding */ entryNames)
});

// UNUSED EXPORTS: chooseMethod

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/manifest/compression.js
var manifest_compression = __webpack_require__(52684);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/abort.js
var abort = __webpack_require__(54220);
// EXTERNAL MODULE: ./lib/engine/common/files.js
var files = __webpack_require__(4933);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: ./lib/engine/snapshot/recovery.js + 1 modules
var recovery = __webpack_require__(51073);
// EXTERNAL MODULE: ./lib/engine/snapshot/source.js
var snapshot_source = __webpack_require__(50182);
// EXTERNAL MODULE: ./lib/engine/sqlite/sqlite.js + 1 modules
var sqlite = __webpack_require__(57875);
;// CONCATENATED MODULE: ./lib/engine/manifest/version.js
/** Kept in step with package.json by a test; the bundle cannot read package.json at run time. */
const TOOL_VERSION = '0.1.0';

// EXTERNAL MODULE: ./lib/engine/threads/copy-worker.js + 2 modules
var copy_worker = __webpack_require__(40829);
// EXTERNAL MODULE: ./lib/engine/threads/start.js
var start = __webpack_require__(56680);
// EXTERNAL MODULE: ./lib/engine/common/poll.js
var poll = __webpack_require__(12613);
;// CONCATENATED MODULE: ./lib/engine/snapshot/copy-job.js
// What every way of copying one database shares: the job it is handed, what it returns, the codec
// settings the options decide, and the wait for another process's lock.





/** The part of a copy job the snapshot's options decide, alike for every way of reading the pages. */
function codecOf(opts) {
    return { compression: opts.compression ?? 'zstd', level: opts.level ?? 0, hashRaw: opts.rawSha256 ?? false, ...(opts.lanes ? { lanes: opts.lanes } : {}) };
}
/**
 * Runs `attempt` until it stops failing with SQLITE_BUSY. SQLite's own busy handler sleeps up to
 * 100 ms between tries, and a rollback-journal writer that commits back to back holds its
 * EXCLUSIVE lock nearly all the time, so those tries can miss every gap (seen here: > 10 s under
 * a test writer). We poll instead: every event-loop turn for the first 50 ms, then every
 * millisecond, until the timeout. `attempt` must undo its own partial work when it throws.
 */
async function retryWhileBusy(db, source, timeoutMs, attempt) {
    const tryIt = (0,sqlite/* busyAsAgain */.C0)(() => {
        attempt();
        return true;
    });
    db.pragma('busy_timeout = 0');
    try {
        const done = await (0,poll/* poll */.wt)(tryIt, { timeoutMs, pauseMs: (elapsed) => (elapsed < 50 ? 0 : 1) });
        if (done === poll/* AGAIN */.jM) {
            throw new errors/* SnapshotError */.JC('busy', `${source}: database stayed locked by another process for ${timeoutMs} ms; retry when it is idle, or raise the busy timeout (--busy-timeout)`, { cause: tryIt.lastBusy });
        }
    }
    finally {
        db.pragma(`busy_timeout = ${timeoutMs}`);
    }
}

;// CONCATENATED MODULE: ./lib/engine/snapshot/raw-copy.js
// The copy through SQLite itself, into a raw temp file (the backup API, or VACUUM INTO), compressed
// from there.







/** Backup API or VACUUM INTO into a raw temp copy, facts read from that copy, then compressed. */
async function viaRawCopy(job, source, how) {
    const { db, header, tmp, temps, check, opts, label } = job;
    const raw = temps.add((0,files/* tempPathFor */.FD)(`${tmp}.raw`));
    const t0 = performance.now();
    let reason;
    if (how === 'vacuum-into') {
        const vacuum = db.prepare('VACUUM INTO ?');
        await retryWhileBusy(db, source, opts.busyTimeoutMs ?? 5000, () => {
            try {
                vacuum.run(raw);
            }
            catch (err) {
                (0,external_node_fs_.rmSync)(raw, { force: true });
                throw err;
            }
        });
        reason = 'VACUUM INTO wrote a compacted copy';
    }
    else {
        const total = Number(db.pragma('page_count', { simple: true }));
        await db.backup(raw, {
            // All remaining pages in one step: one read transaction for the whole copy, so a writer
            // committing in between cannot restart it. In WAL mode the writer is not blocked meanwhile.
            progress: ({ remainingPages }) => {
                opts.onProgress?.({ database: label, phase: 'copy', done: total - remainingPages, total });
                return 0x7fffffff;
            },
        });
        reason = 'WAL had frames not yet checkpointed: SQLite backup API in one step';
    }
    opts.signal?.throwIfAborted();
    const copyMs = performance.now() - t0;
    const compression = opts.compression ?? 'zstd';
    let fh;
    let copy;
    let stopOnAbort = () => { };
    try {
        const size = (await external_node_fs_.promises.stat(raw)).size;
        fh = await external_node_fs_.promises.open(raw, 'r');
        // Uncompressed, the raw copy already is the stored file: hash it and rename it, no second copy.
        copy = (0,copy_worker/* startCopy */.EA)({
            fds: [fh.fd],
            length: size,
            outFile: tmp,
            ...codecOf(opts),
            hashThread: (0,start/* hashThreadPays */.uH)(check !== 'off'),
            rename: compression === 'none',
            onBytes: (done) => opts.onProgress?.({ database: label, phase: 'compress', done, total: size }),
        });
        const running = copy;
        stopOnAbort = (0,abort/* onAbort */.u)(opts.signal, () => void running.cancel());
        const t1 = performance.now();
        // Read-only, so the facts describe exactly the bytes being stored; checked while they are compressed.
        const copyDb = (0,sqlite/* openDatabase */.qI)(raw, { readonly: true });
        let facts;
        try {
            facts = (0,sqlite/* collectFacts */.M7)(copyDb, check, header, opts.allowCorrupt);
        }
        finally {
            copyDb.close();
        }
        const checkMs = performance.now() - t1;
        opts.signal?.throwIfAborted();
        const streamed = await copy.done.catch((err) => {
            throw (0,abort/* abortedOr */.z)(opts.signal, err);
        });
        await fh.close();
        fh = undefined;
        if (compression === 'none')
            await external_node_fs_.promises.rename(raw, tmp);
        return { copy: how, reason, facts, streamed, copyMs, checkMs };
    }
    finally {
        stopOnAbort();
        await copy?.cancel();
        await fh?.close();
        await external_node_fs_.promises.rm(raw, { force: true });
        await external_node_fs_.promises.rm(`${raw}-wal`, { force: true });
        await external_node_fs_.promises.rm(`${raw}-shm`, { force: true });
        temps.release(raw);
    }
}

// EXTERNAL MODULE: ./lib/engine/threads/page-census.js
var page_census = __webpack_require__(93809);
;// CONCATENATED MODULE: ./lib/engine/snapshot/row-counts.js
// A snapshot's row counts: from the copy's census of the pages it read (threads/page-census.ts)
// where that census holds a well-formed tree for a table, else from SQLite.


/**
 * Rows per table of the view the caller's transaction pins, which the census's copy read;
 * `fromCensus`: how many tables the census counted (SQLite counted the rest).
 */
function countRowsFrom(db, census, tolerant) {
    if (!census)
        return { ...(0,sqlite/* countRowsTolerant */.ys)(db, tolerant), fromCensus: 0 };
    const withoutRowid = new Set(db.pragma('table_list').filter((t) => t.schema === 'main' && t.wr === 1).map((t) => t.name));
    const children = (0,page_census/* childrenOf */.LU)(census);
    const seen = new Uint8Array(census.types.length);
    let fromCensus = 0;
    const rows = (0,sqlite/* countRowsTolerant */.ys)(db, tolerant, ({ name, rootpage }) => {
        const n = (0,page_census/* countTree */.my)(census, children, Number(rootpage), withoutRowid.has(name), seen);
        if (n !== undefined)
            fromCensus++;
        return n;
    });
    return { ...rows, fromCensus };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./lib/engine/snapshot/wal.js


const HDR_SIZE = 48;
const CKPT_OFFSET = 96;
const WAL_INDEX_VERSION = 3007000;
/**
 * `holdOpen` receives the `-shm` handle instead of it being closed here: closing any descriptor
 * of a file drops every POSIX lock this process holds on it, including SQLite's read-mark lock
 * in the `-shm` that protects our snapshot. The caller closes it after the connection is closed.
 */
async function walState(dbPath, holdOpen) {
    const wal = await external_node_fs_.promises.stat(`${dbPath}-wal`).catch(() => undefined);
    if (!wal)
        return 'no-wal';
    if (wal.size === 0)
        return 'empty-wal';
    let fh;
    try {
        fh = await external_node_fs_.promises.open(`${dbPath}-shm`, 'r');
    }
    catch {
        return 'unknown';
    }
    holdOpen.push(fh);
    {
        const hdr = Buffer.alloc(HDR_SIZE * 2);
        if ((await fh.read(hdr, 0, hdr.length, 0)).bytesRead !== hdr.length)
            return 'unknown';
        const ckpt = Buffer.alloc(4);
        if ((await fh.read(ckpt, 0, 4, CKPT_OFFSET)).bytesRead !== 4)
            return 'unknown';
        // The wal-index lives in shared memory, so it uses the machine's own byte order.
        const le = external_node_os_.endianness() === 'LE';
        const u32 = (b, off) => (le ? b.readUInt32LE(off) : b.readUInt32BE(off));
        const a = hdr.subarray(0, HDR_SIZE);
        const b = hdr.subarray(HDR_SIZE);
        if (!a.equals(b) || u32(a, 0) !== WAL_INDEX_VERSION || a[12] !== 1)
            return 'unknown';
        const mxFrame = u32(a, 16);
        const nBackfill = u32(ckpt, 0);
        return nBackfill >= mxFrame ? 'backfilled' : 'pending-frames';
    }
}
function fileIsFrozen(state) {
    return state === 'no-wal' || state === 'empty-wal' || state === 'backfilled';
}

;// CONCATENATED MODULE: ./lib/engine/snapshot/wal-snapshot.js


const SHM_HDR = 48;
const NBACKFILL = 96;
const wal_snapshot_WAL_INDEX_VERSION = 3007000;
const WAL_HDR = 32;
const FRAME_HDR = 24;
/** Tries at pinning the header before giving up: under a writer committing back to back, a few lose the race. */
const ATTEMPTS = 50;
function readExact(fd, length, position, into) {
    const buf = into ? into.subarray(0, length) : Buffer.alloc(length);
    let got = 0;
    while (got < length) {
        const n = (0,external_node_fs_.readSync)(fd, buf, got, length - got, position + got);
        if (n === 0)
            return undefined;
        got += n;
    }
    return buf;
}
function readIndexHeader(shmFd) {
    const both = readExact(shmFd, SHM_HDR * 2, 0);
    if (!both)
        return undefined;
    const a = both.subarray(0, SHM_HDR);
    if (!a.equals(both.subarray(SHM_HDR)) || a[12] !== 1)
        return undefined;
    const le = external_node_os_.endianness() === 'LE';
    const u32 = (off) => (le ? a.readUInt32LE(off) : a.readUInt32BE(off));
    const u16 = le ? a.readUInt16LE(14) : a.readUInt16BE(14);
    if (u32(0) !== wal_snapshot_WAL_INDEX_VERSION)
        return undefined;
    return { bytes: Buffer.from(a), mxFrame: u32(16), nPage: u32(20), pageSize: (u16 & 0xfe00) + ((u16 & 1) << 16), salt: Buffer.from(a.subarray(32, 40)) };
}
function nBackfill(shmFd) {
    const b = readExact(shmFd, 4, NBACKFILL);
    if (!b)
        return undefined;
    return external_node_os_.endianness() === 'LE' ? b.readUInt32LE(0) : b.readUInt32BE(0);
}
/**
 * Begins a read transaction on `db` (which must have none) pinned to a known wal-index header.
 * Returns the header, or undefined with no transaction open when it could not be pinned with
 * frames pending. Synchronous on purpose: the window between the two header reads must be short.
 */
function beginPinned(db, shmFd) {
    for (let i = 0; i < ATTEMPTS; i++) {
        const before = readIndexHeader(shmFd);
        if (!before)
            return undefined;
        try {
            db.exec('BEGIN');
            db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
        }
        catch {
            if (db.inTransaction)
                db.exec('ROLLBACK');
            continue;
        }
        const backfilled = nBackfill(shmFd);
        const after = readIndexHeader(shmFd);
        if (after && backfilled !== undefined && after.bytes.equals(before.bytes) && backfilled < before.mxFrame)
            return before;
        db.exec('ROLLBACK');
    }
    return undefined;
}
/**
 * Pins a snapshot on `db` and plans how to read it from the main file and the `-wal`.
 * On success `db` is left inside the pinned read transaction; on failure it has none.
 */
function planWalSnapshot(db, dbSize, walFd, shmFd) {
    const hdr = beginPinned(db, shmFd);
    if (!hdr)
        return undefined;
    try {
        const plan = buildPlan(hdr, dbSize, walFd);
        if (plan && plan.pages === Number(db.pragma('page_count', { simple: true })))
            return plan;
    }
    catch {
        /* anything unreadable: fall back */
    }
    db.exec('ROLLBACK');
    return undefined;
}
function buildPlan(hdr, dbSize, walFd) {
    const walHeader = readExact(walFd, WAL_HDR, 0);
    if (!walHeader)
        return undefined;
    const magic = walHeader.readUInt32BE(0);
    if ((magic & 0xfffffffe) !== 0x377f0682 || walHeader.readUInt32BE(8) !== hdr.pageSize || !walHeader.subarray(16, 24).equals(hdr.salt))
        return undefined;
    const frameSize = FRAME_HDR + hdr.pageSize;
    // Newest frame of each page among frames 1..mxFrame (0: none); the frame headers are read in
    // batches. A typed array, not a Map: 4 bytes a page instead of ~40 an entry, which a WAL of
    // 87k frames made 20-30 MiB of peak memory.
    const newest = new Uint32Array(hdr.nPage + 1);
    // Whole frames are read (one large read beats thousands of 24-byte ones) into one reused buffer,
    // so a WAL of hundreds of MiB leaves no garbage behind on this thread.
    const batch = 256;
    const scratch = Buffer.allocUnsafe(batch * frameSize);
    for (let first = 1; first <= hdr.mxFrame; first += batch) {
        const count = Math.min(batch, hdr.mxFrame - first + 1);
        const buf = readExact(walFd, count * frameSize, WAL_HDR + (first - 1) * frameSize, scratch);
        if (!buf)
            return undefined;
        for (let k = 0; k < count; k++) {
            const h = buf.subarray(k * frameSize, k * frameSize + FRAME_HDR);
            if (!h.subarray(8, 16).equals(hdr.salt))
                return undefined;
            const page = h.readUInt32BE(0);
            // Frames of pages past the snapshot's end belong to a larger, older version: not copied.
            if (page <= hdr.nPage)
                newest[page] = first + k;
        }
    }
    const pageSize = hdr.pageSize;
    const segments = [];
    let walPages = 0;
    for (let page = 1; page <= hdr.nPage; page++) {
        const frame = newest[page];
        if (frame !== 0) {
            segments.push(1, WAL_HDR + (frame - 1) * frameSize + FRAME_HDR, pageSize);
            walPages++;
            continue;
        }
        const offset = (page - 1) * pageSize;
        if (offset + pageSize > dbSize)
            return undefined;
        const n = segments.length;
        if (n >= 3 && segments[n - 3] === 0 && segments[n - 2] + segments[n - 1] === offset) {
            segments[n - 1] = segments[n - 1] + pageSize;
        }
        else {
            segments.push(0, offset, pageSize);
        }
    }
    return { pageSize, pages: hdr.nPage, frames: hdr.mxFrame, walPages, segments };
}

;// CONCATENATED MODULE: ./lib/engine/snapshot/backup.js
// The backup method read straight from the files: what it may read under which lock (the read
// plan), and the copy threads fed from it while SQLite checks the same pinned view.











/** Starts the read transaction that pins the snapshot, polling for the lock (see retryWhileBusy). */
async function beginRead(db, source, timeoutMs) {
    await retryWhileBusy(db, source, timeoutMs, () => {
        try {
            db.exec('BEGIN');
            // A deferred BEGIN takes no lock; the first read does, and pins the snapshot we copy.
            db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
        }
        catch (err) {
            if (db.inTransaction)
                db.exec('ROLLBACK');
            throw err;
        }
    });
}
/**
 * The `backup` method. When the main file is provably frozen for the length of our read transaction
 * (always in rollback-journal mode, where our SHARED lock keeps writers from committing; in WAL
 * mode, see wal.ts), the pages are streamed straight from the file in large reads into the
 * compressor and the hash: no temp copy, no page-by-page writes. Otherwise SQLite's backup API
 * copies every page in one step, which holds one read transaction from start to end and so cannot
 * be restarted (starved) by a busy writer.
 */
async function viaBackup(job, source) {
    const { db, opts } = job;
    await beginRead(db, source, opts.busyTimeoutMs ?? 5000);
    // Closed only after SQLite lets go (see the finally): closing any descriptor of a file drops
    // every POSIX lock this process holds on it, SQLite's own included.
    const handles = [];
    const running = {};
    try {
        const mode = String(db.pragma('journal_mode', { simple: true }));
        if (mode === 'wal' && (await shmUntrusted(source))) {
            db.exec('COMMIT');
            const r = await viaRawCopy(job, source, 'backup-api');
            r.reason = 'the -shm cannot be written (read-only media), so it may be a crashed writer\'s and is not read: SQLite read the -wal itself, backup API in one step';
            return r;
        }
        const state = mode === 'wal' ? await walState(source, handles) : 'no-wal';
        const t0 = performance.now();
        const open = async (file) => {
            const fh = await external_node_fs_.promises.open(file, 'r');
            handles.push(fh);
            return fh.fd;
        };
        const dbFd = await open(source);
        let plan;
        if (mode === 'wal' && !fileIsFrozen(state)) {
            db.exec('COMMIT');
            plan = await readWithWal(db, source, dbFd, open);
            // Awaited here: the finally below closes the connection the backup is still using.
            if (!plan)
                return await viaRawCopy(job, source, 'backup-api');
        }
        else {
            plan = await readFrozenFile(db, source, mode, state, dbFd, opts);
        }
        return await copyWhileChecking(plan, running, t0, job);
    }
    finally {
        // The worker must be gone before the lock is dropped and before its descriptor is closed.
        await running.copy?.cancel();
        if (db.inTransaction)
            db.exec('ROLLBACK');
        db.close();
        await Promise.all(handles.map((h) => h.close()));
    }
}
/**
 * A WAL with frames no checkpoint has copied back: the file and the -wal read directly, pinned to
 * one wal-index header (wal-snapshot.ts). Undefined when that cannot be planned: the caller falls
 * back to the backup API.
 */
async function readWithWal(db, source, dbFd, open) {
    const walFd = await open(`${source}-wal`).catch(() => undefined);
    const shmFd = await open(`${source}-shm`).catch(() => undefined);
    const plan = walFd !== undefined && shmFd !== undefined ? planWalSnapshot(db, (await external_node_fs_.promises.stat(source)).size, walFd, shmFd) : undefined;
    if (!plan || walFd === undefined)
        return undefined;
    return {
        reason: `read the file and the -wal directly: ${plan.walPages} of ${plan.pages} pages from the newest of ${plan.frames} WAL frames, pinned to one wal-index header (see wal-snapshot.ts)`,
        total: plan.pages * plan.pageSize,
        fds: [dbFd, walFd],
        segments: plan.segments,
    };
}
/**
 * A file no checkpoint can change while the read transaction lasts (rollback journal, or a WAL
 * with nothing pending): read directly, its pages only.
 */
async function readFrozenFile(db, source, mode, state, dbFd, opts) {
    const reason = mode === 'wal'
        ? `read the file directly: WAL ${state === 'backfilled' ? 'fully checkpointed' : state === 'no-wal' ? 'absent' : 'empty'} when the read began, so no checkpoint can change it`
        : 'read the file directly under a shared lock (rollback journal: writers wait)';
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const pageCount = Number(db.pragma('page_count', { simple: true }));
    const total = pageSize * pageCount;
    // The file is frozen now, so its size is meaningful: SQLite only ever grows or shrinks it by
    // whole pages, so a tail that is not a whole page is damage (a cut-off copy, bytes appended).
    const fileSize = (await external_node_fs_.promises.stat(source)).size;
    if (fileSize >= total && fileSize % pageSize === 0)
        return { reason, total, fds: [dbFd] };
    const problem = fileSize < total
        ? `is ${fileSize} bytes but holds ${pageCount} pages of ${pageSize} bytes (${total}): the file is truncated`
        : `is ${fileSize} bytes, not a whole number of ${pageSize}-byte pages: ${fileSize % pageSize} bytes were appended or the file was cut mid-page`;
    if (!opts.allowCorrupt || fileSize < total) {
        throw (0,errors/* corrupt */.qb)(`${source}: ${problem}; restore it from a good copy${fileSize < total ? '' : ', or pass --allow-corrupt to snapshot its pages anyway'}`);
    }
    return { reason, total, fds: [dbFd], damage: `file ${problem}; only the ${pageCount} pages were kept` };
}
/**
 * The copy runs on worker threads (copy-worker.ts) while SQLite checks and counts the same pinned
 * view here; with opts.checkAfterCopy, the check waits until the copy is whole and told of
 * (CopyJob.copied), and a compressed copy runs on this thread. `running.copy` is set as soon as
 * the copy starts, for the caller to cancel.
 */
async function copyWhileChecking(plan, running, t0, c) {
    const { db, opts, label } = c;
    const total = plan.total;
    // With the check off as well: the caller still uploads the stored file the moment it is whole,
    // and SQLite's row counts wait for it. Release step, 256 MiB text, verify: off took ~100 ms
    // longer than the default check (copy thread started, upload after the snapshot's end).
    const after = opts.checkAfterCopy === true;
    // A copy in line (small) takes no census: there its cold JavaScript cost more than SQLite's
    // count(*) of a few MiB (8 MiB: 14 ms against ~2). Nor does a copy checked after: SQLite then
    // counts once the copy is whole, while the stored file uploads, instead of the census taking
    // CPU from the copy.
    const census = total > start/* IN_LINE_MAX */.Un && !after;
    const copy = (running.copy = (0,copy_worker/* startCopy */.EA)({
        fds: plan.fds,
        ...(plan.segments ? { segments: plan.segments } : {}),
        length: total,
        pageSize: Number(db.pragma('page_size', { simple: true })),
        census,
        outFile: c.tmp,
        ...codecOf(opts),
        hashThread: (0,start/* hashThreadPays */.uH)(c.check !== 'off' && !after),
        // Checked after, this thread only waits while the copy runs: compressing, the copy runs here
        // (zstd still works on libuv's pool), not on a thread whose start (~80 ms on 2 cores) delays
        // it. Release step, 256 MiB text, interleaved: 1438 -> 1359 ms; mixed 3006 -> 2955 ms.
        // Uncompressed, the copy and hash threads still split the work.
        ...(after && opts.compression !== 'none' ? { inLine: true } : {}),
        onBytes: (done) => opts.onProgress?.({ database: label, phase: 'copy', done, total }),
    }));
    // The check reads the same pinned view through SQLite while the copy threads work: on 2
    // cores, 1 GiB uncompressed took 0.97 s this way and 1.31 s with the check after the copy.
    let t1 = performance.now();
    if (!after)
        opts.onProgress?.({ database: label, phase: 'check', done: 0, total: 1 });
    const stopOnAbort = (0,abort/* onAbort */.u)(opts.signal, () => void copy.cancel());
    let facts;
    let streamed;
    let copiedAt = 0;
    try {
        // Row counts come last, from the copy's census of the pages (page-census.ts): SQLite counting
        // them here as well would walk every table's leaves a second time on this thread.
        facts = (0,sqlite/* collectFacts */.M7)(db, after ? 'off' : c.check, c.header, opts.allowCorrupt, { rows: !census && !after });
        opts.signal?.throwIfAborted();
        streamed = await copy.done;
        copiedAt = performance.now();
        if (after) {
            c.copied?.({ size: streamed.storedSize, sha256: streamed.storedSha256 });
            // Listeners start their work (an upload on a thread of its own) before SQLite holds this
            // thread for the whole check.
            await new Promise((resolve) => setImmediate(resolve));
            opts.signal?.throwIfAborted();
            t1 = performance.now();
            opts.onProgress?.({ database: label, phase: 'check', done: 0, total: 1 });
            facts.integrity = (0,sqlite/* runCheck */.k_)(db, c.check);
            facts = (0,sqlite/* withRowCounts */.Tu)(facts, (0,sqlite/* countRowsTolerant */.ys)(db, opts.allowCorrupt ?? false));
        }
        if (census)
            facts = (0,sqlite/* withRowCounts */.Tu)(facts, countRowsFrom(db, streamed.census, opts.allowCorrupt ?? false));
    }
    catch (err) {
        throw (0,abort/* abortedOr */.z)(opts.signal, err);
    }
    finally {
        stopOnAbort();
    }
    if (plan.damage)
        facts.integrity = { check: facts.integrity.check, ok: false, messages: [plan.damage, ...facts.integrity.messages] };
    const checkMs = performance.now() - t1;
    const copyMs = (after ? copiedAt : performance.now()) - t0;
    // Ends a read-only transaction; unlike COMMIT it does not fail after SQLite met a damaged page.
    if (db.inTransaction)
        db.exec('ROLLBACK');
    return { copy: 'file-copy', reason: plan.reason, facts, streamed, copyMs, checkMs };
}
/**
 * A `-shm` we cannot write is on read-only media (or not ours): no live writer keeps it current,
 * so its wal-index may be a crashed process's. SQLite then builds the index in heap memory from the
 * `-wal`; our direct readers (wal.ts, wal-snapshot.ts) would trust the stale file instead.
 */
async function shmUntrusted(source) {
    return external_node_fs_.promises.access(`${source}-shm`, external_node_fs_.constants.W_OK).then(() => false, (err) => err.code !== 'ENOENT');
}

;// CONCATENATED MODULE: ./lib/engine/snapshot/options.js
const METHODS = ['auto', 'backup', 'vacuum'];

;// CONCATENATED MODULE: ./lib/engine/snapshot/snapshot.js














/** `auto` compacts only when a quarter of the file is free pages: then the smaller copy pays for VACUUM's extra work. */
const AUTO_VACUUM_FREE_RATIO = 0.25;
function chooseMethod(choice, header, fileSize) {
    if (choice !== 'auto')
        return { method: choice, reason: `${choice} was asked for` };
    const pages = Math.max(1, Math.floor(fileSize / header.pageSize));
    const freeRatio = header.freelistCount / pages;
    if (freeRatio >= AUTO_VACUUM_FREE_RATIO) {
        return {
            method: 'vacuum',
            reason: `auto: ${(freeRatio * 100).toFixed(0)}% of the pages are free, VACUUM INTO leaves them out`,
        };
    }
    return { method: 'backup', reason: `auto: ${(freeRatio * 100).toFixed(0)}% free pages, a page copy is fastest` };
}
/** Entry names: each source's base name, made unique with -2, -3… when two sources share one. */
function entryNames(sources) {
    const used = new Set();
    return sources.map((s) => {
        const base = external_node_path_.basename(s).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'database';
        let name = base;
        for (let i = 2; used.has(name); i++) {
            const ext = external_node_path_.extname(base);
            name = `${base.slice(0, base.length - ext.length)}-${i}${ext}`;
        }
        used.add(name);
        return name;
    });
}
/**
 * Writes a complete snapshot of `sources` into `outDir` (which must exist): one data file per
 * database, then `manifest.json` last, each through a temp file, fsync and rename. A snapshot
 * without its manifest is incomplete by definition; on failure everything this call wrote is removed.
 */
async function createSnapshot(sources, outDir, name, opts = {}) {
    if (sources.length === 0)
        throw (0,errors/* badInput */.AN)('no database given; name at least one database file to snapshot');
    const seen = new Set();
    for (const s of sources) {
        const abs = external_node_path_.resolve(s);
        if (seen.has(abs))
            throw (0,errors/* badInput */.AN)(`${s}: the same database is given twice; name each database once`);
        seen.add(abs);
    }
    const temps = new files/* TempFiles */.y7();
    const written = [];
    const names = entryNames(sources);
    const compression = opts.compression ?? 'zstd';
    try {
        opts.signal?.throwIfAborted();
        const entries = [];
        for (const [i, source] of sources.entries()) {
            opts.signal?.throwIfAborted();
            const entryName = names[i];
            const file = entryName + manifest_compression/* FILE_EXTENSION */.Xh[compression];
            const finalPath = external_node_path_.join(outDir, file);
            const told = storedFileTeller(opts, file, compression, finalPath);
            try {
                entries.push(await snapshotOne(source, entryName, finalPath, temps, opts, told));
            }
            catch (err) {
                told.failed(err);
                throw err;
            }
            told.finished();
            written.push(finalPath);
        }
        const manifest = {
            format: manifest_manifest/* FORMAT_ID */.Kx,
            formatVersion: (0,manifest_manifest/* formatVersionFor */.dA)(entries),
            toolVersion: TOOL_VERSION,
            createdAt: new Date().toISOString(),
            name,
            databases: entries,
            ...(opts.allowCorrupt && entries.some((e) => e.integrity.ok === false) ? { allowCorrupt: true } : {}),
        };
        opts.signal?.throwIfAborted();
        const manifestPath = external_node_path_.join(outDir, manifest_manifest/* MANIFEST_FILE */.h1);
        const tmp = temps.add((0,files/* tempPathFor */.FD)(manifestPath));
        await external_node_fs_.promises.writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
        if (opts.durable !== false)
            await (0,files/* fsyncFile */.o7)(tmp);
        await external_node_fs_.promises.rename(tmp, manifestPath);
        temps.release(tmp);
        written.push(manifestPath);
        if (opts.durable !== false)
            await (0,files/* fsyncDir */.t_)(outDir);
        return manifest;
    }
    catch (err) {
        await temps.cleanup();
        await Promise.all(written.map((f) => external_node_fs_.promises.rm(f, { force: true })));
        if (opts.signal?.aborted)
            throw opts.signal.reason;
        throw (0,errors/* describeIoError */.QY)(err, `${outDir}: writing the snapshot`);
    }
}
/**
 * Tells opts.onStoredFile of one stored file: once its temp path is chosen (`started`), when its
 * bytes are whole, then whether it became whole. A file never started is never told of.
 */
function storedFileTeller(opts, file, compression, finalPath) {
    let settle;
    let settleCopied;
    return {
        started: (tmp, sourceSize) => {
            if (!opts.onStoredFile)
                return;
            const done = new Promise((resolve, reject) => (settle = { resolve, reject }));
            const copied = new Promise((resolve, reject) => (settleCopied = { resolve, reject }));
            // The listener may attach its handlers later; a failure is reported by createSnapshot itself.
            done.catch(() => undefined);
            copied.catch(() => undefined);
            opts.onStoredFile({ file, compression, path: finalPath, writing: tmp, sourceSize, copied, done });
        },
        copied: (bytes) => settleCopied?.resolve(bytes),
        finished: () => settle?.resolve(),
        failed: (err) => {
            settleCopied?.reject(err);
            settle?.reject(err);
        },
    };
}
async function snapshotOne(source, entryName, finalPath, temps, opts, told) {
    const started = performance.now();
    const { header, size } = await (0,snapshot_source/* checkSource */.A)(source);
    const compression = opts.compression ?? 'zstd';
    const level = (0,manifest_compression/* resolveLevel */.XC)(compression, opts.level);
    const choice = chooseMethod(opts.method ?? 'auto', header, size);
    const check = opts.check ?? 'quick';
    // A crash-left source is recovered on a private copy inside the output's directory (recovery.ts);
    // that copy is what the rest of this function reads.
    const need = await (0,recovery/* recoveryNeeded */.J7)(source, header);
    const recovered = need ? await (0,recovery/* recoverCopy */.Cx)(source, header, need, (0,files/* tempPathFor */.FD)(external_node_path_.join(external_node_path_.dirname(finalPath), `${entryName}.recovery`))) : undefined;
    const unreadable = !recovered && (await (0,snapshot_source/* walNeedsShmItCannotCreate */.k)(source, header));
    let db;
    let readPath = source;
    try {
        // A copy of a file nobody can change is a snapshot; SQLite then reads the copy, where it can make its -shm.
        readPath = recovered ? recovered.file : unreadable ? await copyFrozenFile(source, finalPath, temps) : source;
        opts.signal?.throwIfAborted();
        db = (0,sqlite/* openDatabase */.qI)(readPath, {
            readonly: true,
            busyTimeoutMs: opts.busyTimeoutMs ?? 5000,
        });
    }
    catch (err) {
        await recovered?.cleanup();
        throw (0,abort/* abortedOr */.z)(opts.signal, (0,sqlite/* describeFailure */.Ic)(err, source, 'opening it read-only'));
    }
    const tmp = temps.add((0,files/* tempPathFor */.FD)(finalPath));
    told.started(tmp, size);
    let result;
    // Resolved once here, so the copy paths below never see a missing level.
    const job = { db, header, tmp, temps, check, opts: { ...opts, compression, level }, label: entryName, copied: told.copied };
    try {
        result =
            choice.method === 'vacuum' || unreadable
                ? await viaRawCopy(job, source, choice.method === 'vacuum' ? 'vacuum-into' : 'backup-api')
                : await viaBackup(job, readPath);
        if (unreadable)
            result.reason = 'read-only directory and no WAL, so nothing can change the file: copied it whole, then read the copy';
        if (recovered) {
            const how = recovered.info.kind === 'wal' ? 'WAL replayed up to its last commit' : 'hot journal rolled back';
            result.reason = `crash recovery (${how}) by SQLite on a private copy, then ${result.reason}`;
        }
    }
    catch (err) {
        if (opts.signal?.aborted)
            throw opts.signal.reason;
        const e = (0,sqlite/* describeFailure */.Ic)(err, source, 'taking the snapshot');
        // The full disk is the one the snapshot is written to, not the source's: name that one.
        if (e.kind === 'failed' && /no space left on device/.test(e.message)) {
            throw new errors/* SnapshotError */.JC('failed', `${source}: no space left on device while writing its snapshot into ${external_node_path_.dirname(finalPath)}; free some space there, or snapshot to another store`, { cause: err });
        }
        throw e;
    }
    finally {
        db.close();
        if (unreadable) {
            await (0,files/* removeQuietly */.S2)(db.name);
            await (0,files/* removeQuietly */.S2)(`${db.name}-wal`);
            await (0,files/* removeQuietly */.S2)(`${db.name}-shm`);
            temps.release(db.name);
        }
        await recovered?.cleanup();
    }
    opts.signal?.throwIfAborted();
    if (result.facts.integrity.ok === false && !opts.allowCorrupt) {
        // SQLite packs several findings into one message; the first finding is enough to say where.
        const first = (result.facts.integrity.messages[0] ?? 'not ok').split('\n').find((l) => l.trim() !== '' && !l.startsWith('***')) ?? 'not ok';
        throw new errors/* SnapshotError */.JC('corrupt', `${source}: integrity check failed (${first}); repair the database, or pass --allow-corrupt to keep a copy anyway`);
    }
    // Told here unless told already (a direct read checked after its copy, copyWhileChecking).
    told.copied({ size: result.streamed.storedSize, sha256: result.streamed.storedSha256 });
    if (opts.durable !== false)
        await (0,files/* fsyncFile */.o7)(tmp);
    await external_node_fs_.promises.rename(tmp, finalPath);
    temps.release(tmp);
    return {
        name: entryName,
        source,
        file: external_node_path_.basename(finalPath),
        method: choice.method,
        copy: result.copy,
        reason: `${choice.reason}; ${result.reason}`,
        compression,
        level,
        ...result.facts,
        rawSize: result.streamed.rawSize,
        storedSize: result.streamed.storedSize,
        ...(result.streamed.rawSha256 ? { rawSha256: result.streamed.rawSha256 } : {}),
        storedSha256: result.streamed.storedSha256,
        timings: { copyMs: Math.round(result.copyMs), checkMs: Math.round(result.checkMs), totalMs: Math.round(performance.now() - started) },
        ...(recovered ? { recovery: recovered.info } : {}),
    };
}
/** Copies a file that should not change, and proves it did not: same inode, size and mtime after the copy. */
async function copyFrozenFile(source, finalPath, temps) {
    const copy = temps.add((0,files/* tempPathFor */.FD)(`${finalPath}.raw`));
    const before = await external_node_fs_.promises.stat(source, { bigint: true });
    await external_node_fs_.promises.copyFile(source, copy, external_node_fs_.constants.COPYFILE_EXCL);
    const after = await external_node_fs_.promises.stat(source, { bigint: true });
    const shm = await external_node_fs_.promises.stat(`${source}-shm`).catch(() => undefined);
    if (shm || before.ino !== after.ino || before.size !== after.size || before.mtimeNs !== after.mtimeNs) {
        throw new errors/* SnapshotError */.JC('busy', `${source}: changed while it was copied (another process opened it); retry the snapshot`);
    }
    return copy;
}


/***/ }),

/***/ 50182:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ checkSource),
/* harmony export */   k: () => (/* binding */ walNeedsShmItCannotCreate)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12399);
/* harmony import */ var _sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57875);




/**
 * Checks a source path before SQLite sees it, so that each kind of wrong input gets its own advice
 * instead of SQLite's generic "file is not a database".
 */
async function checkSource(source) {
    if (source.trim() === '')
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)('database path is empty; give the path of a SQLite database file');
    const stat = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(source).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SnapshotError */ .JC('bad-input', `${source}: cannot read it (${err.code}); check the path and its permissions`);
    });
    if (!stat) {
        const wal = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(`${source}-wal`).catch(() => undefined);
        if (wal) {
            throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: not found, but ${source}-wal is there; the database file itself is missing, so the WAL alone cannot be snapshotted`);
        }
        // The shell expands globs; one that matched nothing reaches us as the pattern itself.
        if (/[*?[]/.test(source)) {
            throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: no file matches this pattern; sqlite-snapshot takes paths, not patterns (your shell expands globs), so check the pattern and the directory`);
        }
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: no such file; give the path of an existing SQLite database`);
    }
    if (stat.isDirectory())
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: is a directory; give the path of a SQLite database file inside it`);
    if (!stat.isFile())
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: is not a regular file; give the path of a SQLite database file`);
    if (stat.size === 0) {
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: is an empty (0-byte) file, not a database yet; nothing to snapshot`);
    }
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.open(source, 'r').catch((err) => {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SnapshotError */ .JC('bad-input', `${source}: cannot open it for reading (${err.code}); check its permissions`);
    });
    const buf = Buffer.alloc(_sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_3__/* .HEADER_SIZE */ .Ad);
    let bytesRead;
    try {
        ({ bytesRead } = await fh.read(buf, 0, _sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_3__/* .HEADER_SIZE */ .Ad, 0));
    }
    finally {
        await fh.close();
    }
    const header = (0,_sqlite_sqlite_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHeader */ .RW)(buf.subarray(0, bytesRead));
    if (!header) {
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: not a SQLite 3 database (no "SQLite format 3" header; encrypted databases are not supported); check the path`);
    }
    if (stat.size < header.pageSize) {
        throw (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${source}: is ${stat.size} bytes, shorter than one ${header.pageSize}-byte page; the file is truncated`);
    }
    // Refused here, before any store is touched, rather than halfway through the snapshot.
    await walNeedsShmItCannotCreate(source, header);
    return { header, size: stat.size };
}
/**
 * A WAL database needs its `-shm` to be read, and SQLite creates it beside the database: in a
 * directory we cannot write, it cannot. Without a `-wal` holding frames nothing can be changing
 * the file (a writer would have to create both), so a plain copy of it is a snapshot. With frames
 * in the `-wal` (and no `-shm`) the database needs crash recovery, which recovery.ts runs on a
 * private copy: false here.
 */
async function walNeedsShmItCannotCreate(source, header) {
    if (header.writeVersion !== 2)
        return false;
    if (await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(`${source}-shm`).catch(() => undefined))
        return false;
    const writable = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.access(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(source)), node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK).then(() => true, () => false);
    if (writable)
        return false;
    const wal = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(`${source}-wal`).catch(() => undefined);
    return !(wal && wal.size > 0);
}


/***/ }),

/***/ 57875:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ad: () => (/* binding */ HEADER_SIZE),
  C0: () => (/* binding */ busyAsAgain),
  M7: () => (/* binding */ collectFacts),
  ys: () => (/* binding */ countRowsTolerant),
  Ic: () => (/* binding */ describeFailure),
  _7: () => (/* binding */ describeSqliteError),
  qI: () => (/* binding */ openDatabase),
  RW: () => (/* binding */ parseHeader),
  ay: () => (/* binding */ readHeader),
  k_: () => (/* binding */ runCheck),
  Uw: () => (/* binding */ schemaFingerprint),
  Tu: () => (/* binding */ withRowCounts)
});

// UNUSED EXPORTS: MMAP_SIZE, OPEN_CHANNEL, countRows, countTable, countedTables, quoteIdent

// EXTERNAL MODULE: ./node_modules/better-sqlite3/lib/index.js
var lib = __webpack_require__(4918);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __webpack_require__(53053);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./lib/engine/sqlite/native.js




function prebuildName(platform, arch, musl) {
    if (arch !== 'x64' && arch !== 'arm64')
        return undefined;
    if (platform === 'linux')
        return `${musl ? 'linuxmusl' : 'linux'}-${arch}`;
    if (platform === 'darwin' || platform === 'win32')
        return `${platform}-${arch}`;
    return undefined;
}
/** musl is told apart by the dynamic loader mapped into this process, as better-sqlite3 itself does. */
function isMusl(procMaps) {
    if (procMaps === undefined) {
        if (process.platform !== 'linux')
            return false;
        try {
            procMaps = (0,external_node_fs_.readFileSync)('/proc/self/maps', 'latin1');
        }
        catch {
            return false;
        }
    }
    return /\/ld-musl-[^/\s]*\.so/.test(procMaps);
}
let cached;
/** The addon object for better-sqlite3's `nativeBinding` option, or undefined to let it search. */
function nativeBinding() {
    if (cached !== undefined)
        return cached ?? undefined;
    const here = external_node_path_.dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
    const name = prebuildName(process.platform, process.arch, isMusl());
    const file = name && external_node_path_.join(here, 'prebuilds', `${name}.node`);
    if (file && (0,external_node_fs_.existsSync)(file)) {
        cached = (0,external_node_module_.createRequire)(import.meta.url)(file);
    }
    else if ((0,external_node_fs_.existsSync)(external_node_path_.join(here, 'prebuilds'))) {
        throw new Error(`no SQLite addon for ${process.platform}-${process.arch}${isMusl() ? ' (musl)' : ''}; supported: Linux (glibc or musl), macOS and Windows on x64 or arm64`);
    }
    else {
        cached = null;
    }
    return cached ?? undefined;
}

// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/poll.js
var poll = __webpack_require__(12613);
;// CONCATENATED MODULE: ./lib/engine/sqlite/sqlite.js







function openDatabase(file, opts = {}) {
    const db = new lib(file, {
        readonly: opts.readonly ?? false,
        fileMustExist: true,
        timeout: opts.busyTimeoutMs ?? 5000,
        nativeBinding: nativeBinding(),
    });
    // Our read-only connections make single passes (check, counts, backup, VACUUM INTO): a big page
    // cache only adds memory. quick_check of 1 GiB: 0.5 s with 2 MiB or the default 16 MB, 14 MiB
    // less peak RSS.
    if (opts.readonly)
        whileBusy(db, opts.busyTimeoutMs ?? 5000, () => db.pragma('cache_size = -2048'));
    // Read-only connections map the file: quick_check then reads pages from the page cache in place
    // instead of one 4 KiB pread each (256 MiB text database: 185-218 ms of system time -> 10-21 ms,
    // quick_check 2-3x faster). Mapped pages are file pages, not the process's own memory (RssFile,
    // not RssAnon). SQLite clamps the size to its build's limit (2 GiB here; the rest is read as
    // before) and only ever reads through the mapping. Not on Windows: there a file mapped by any
    // process cannot be truncated, so the application's own checkpoint could fail to shrink it.
    if (opts.readonly && process.platform !== 'win32')
        db.pragma(`mmap_size = ${MMAP_SIZE}`);
    // Every file we open came from someone else (a source, a downloaded snapshot, a restored file):
    // its schema may hold views and triggers written to run when queried. SQLite's advice for such
    // files: trusted_schema off, and defensive mode, which better-sqlite3 turns on for every
    // connection unless unsafeMode() is called (we never call it).
    db.pragma('trusted_schema = OFF');
    if (openChannel.hasSubscribers)
        openChannel.publish({ file, db });
    return db;
}
/**
 * Runs `statement`, polling every millisecond while it fails with SQLITE_BUSY, until `timeoutMs`.
 * `cache_size` is the first statement that reads the schema, which needs a SHARED lock; SQLite's
 * own busy handler sleeps up to 100 ms between tries and can miss every gap a rollback-journal
 * writer committing back to back leaves (the same reason as retryWhileBusy in snapshot.ts, which
 * cannot help here: opening is synchronous, so this waits in place, as SQLite's handler would).
 */
function whileBusy(db, timeoutMs, statement) {
    const tryIt = busyAsAgain(statement);
    db.pragma('busy_timeout = 0');
    try {
        const result = (0,poll/* pollSync */.DQ)(tryIt, { timeoutMs, pauseMs: () => 1 });
        if (result === poll/* AGAIN */.jM)
            throw tryIt.lastBusy;
        return result;
    }
    finally {
        db.pragma(`busy_timeout = ${timeoutMs}`);
    }
}
/** SQLITE_BUSY or one of its extended codes: another connection holds the lock. */
function isBusy(err) {
    return (err?.code ?? '').startsWith('SQLITE_BUSY');
}
/** `attempt` as a try for poll/pollSync: SQLITE_BUSY becomes AGAIN (the error kept as `lastBusy`), any other error is thrown. */
function busyAsAgain(attempt) {
    const tryIt = Object.assign(() => {
        try {
            return attempt();
        }
        catch (err) {
            if (!isBusy(err))
                throw err;
            tryIt.lastBusy = err;
            return poll/* AGAIN */.jM;
        }
    }, { lastBusy: undefined });
    return tryIt;
}
/** Each connection the engine opens, for tests that read its settings back; free without subscribers. */
const OPEN_CHANNEL = 'sqlite-snapshot:open';
const openChannel = external_node_diagnostics_channel_.channel(OPEN_CHANNEL);
/** More than SQLite allows (SQLITE_MAX_MMAP_SIZE): "as much as it will map". */
const MMAP_SIZE = 2 ** 40;
/** SQLite's own error codes, turned into advice for the person who gave us the file. */
function describeSqliteError(err, file, doing) {
    if (err instanceof errors/* SnapshotError */.JC)
        return err;
    const code = err?.code ?? '';
    const msg = (0,errors/* oneLine */.TN)(err);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        return new errors/* SnapshotError */.JC('busy', `${file}: database is locked by another process (${code}) while ${doing}; wait for it to finish or raise the busy timeout`, { cause: err });
    }
    if (code === 'SQLITE_NOTADB') {
        return new errors/* SnapshotError */.JC('bad-input', `${file}: not a SQLite database (or encrypted); give the path of a SQLite 3 database file`, { cause: err });
    }
    if (code.startsWith('SQLITE_CORRUPT')) {
        return new errors/* SnapshotError */.JC('corrupt', `${file}: database is corrupt (${msg}) while ${doing}; run "sqlite3 ${file} 'PRAGMA integrity_check'" to see where`, { cause: err });
    }
    if (code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_RECOVERY') {
        return new errors/* SnapshotError */.JC('failed', `${file}: database needs crash recovery (a hot journal or WAL) that a read-only connection cannot run; open it once with sqlite3 and retry`, { cause: err });
    }
    if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || /disk is full/i.test(msg)) {
        return new errors/* SnapshotError */.JC('failed', `${file}: no space left on device while ${doing}; free some space or choose another directory`, { cause: err });
    }
    if (code.startsWith('SQLITE_CANTOPEN')) {
        return new errors/* SnapshotError */.JC('bad-input', `${file}: cannot open the database (${code}); check that it exists and that its directory is readable`, { cause: err });
    }
    return new errors/* SnapshotError */.JC('failed', `${file}: ${msg} while ${doing}`, { cause: err });
}
/**
 * Any failure while SQLite and the file system both do work: SQLite's own codes carry the better
 * advice (busy, corrupt, not a database), everything else is a file-system error (disk full, permissions).
 */
function describeFailure(err, file, doing) {
    if (err instanceof errors/* SnapshotError */.JC)
        return err;
    const code = err?.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_'))
        return describeSqliteError(err, file, doing);
    return (0,errors/* describeIoError */.QY)(err, `${file}: ${doing}`);
}
const HEADER_SIZE = 100;
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
function parseHeader(buf) {
    if (buf.length < HEADER_SIZE || !buf.subarray(0, 16).equals(MAGIC))
        return undefined;
    const rawPageSize = buf.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
        return undefined;
    return {
        pageSize,
        writeVersion: buf[18] ?? 0,
        pageCountInHeader: buf.readUInt32BE(28),
        freelistCount: buf.readUInt32BE(36),
        userVersion: buf.readInt32BE(60),
        applicationId: buf.readInt32BE(68),
        sqliteVersionNumber: buf.readUInt32BE(96),
    };
}
async function readHeader(file) {
    const fh = await external_node_fs_.promises.open(file, 'r');
    try {
        const buf = Buffer.alloc(HEADER_SIZE);
        const { bytesRead } = await fh.read(buf, 0, HEADER_SIZE, 0);
        return parseHeader(buf.subarray(0, bytesRead));
    }
    finally {
        await fh.close();
    }
}
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
function schemaFingerprint(db) {
    const rows = db
        .prepare("SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_schema ORDER BY type, name")
        .raw()
        .all();
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const row of rows)
        h.update(row.join('\u0000') + '\u0001');
    return h.digest('hex');
}
/** Integrity messages can run to thousands of lines: keep the first few, they say where to look. */
const MAX_INTEGRITY_MESSAGES = 20;
function runCheck(db, level) {
    if (level === 'off')
        return { check: 'off', ok: null, messages: [] };
    const pragma = level === 'full' ? 'integrity_check' : 'quick_check';
    let messages;
    try {
        messages = db
            .prepare(`PRAGMA ${pragma}(${MAX_INTEGRITY_MESSAGES})`)
            .pluck()
            .all();
    }
    catch (err) {
        // Some damage stops the check itself (seen intermittently on cells whose offsets point off
        // the page); that is a finding of the check, not a failure to run it.
        if (!String(err.code).startsWith('SQLITE_CORRUPT'))
            throw err;
        return { check: level, ok: false, messages: [`${pragma} stopped: ${(0,errors/* oneLine */.TN)(err)}`] };
    }
    const ok = messages.length === 1 && messages[0] === 'ok';
    return { check: level, ok, messages: ok ? [] : messages };
}
function countRows(db) {
    return countRowsTolerant(db, false).counts;
}
/**
 * Rows per table. `tolerant`: a table SQLite cannot count (a damaged page) is listed in `failed`
 * instead of failing everything, so a snapshot or restore asked to keep a damaged database can.
 */
function countRowsTolerant(db, tolerant = true, countedElsewhere) {
    const counts = {};
    const failed = [];
    for (const table of countedTables(db)) {
        // `countedElsewhere` (the copy's page census) first; SQLite where it has no answer.
        const n = countedElsewhere?.(table) ?? countTable(db, table.name, tolerant);
        if (n === undefined)
            failed.push(table.name);
        else
            counts[table.name] = n;
    }
    return { counts, failed };
}
/** The tables whose rows a manifest records, with their root pages. */
function countedTables(db) {
    return db.prepare("SELECT name, rootpage FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all();
}
/** SQLite's count of one table; undefined when `tolerant` and a damaged page stopped it. */
function countTable(db, name, tolerant) {
    try {
        return Number(db.prepare(`SELECT count(*) FROM ${quoteIdent(name)}`).pluck().get());
    }
    catch (err) {
        if (!tolerant || !String(err.code).startsWith('SQLITE_CORRUPT'))
            throw err;
        return undefined;
    }
}
/** The row counts into facts: tables SQLite could not count make the integrity check fail. */
function withRowCounts(facts, rows) {
    if (rows.failed.length === 0)
        return { ...facts, tables: rows.counts };
    return {
        ...facts,
        tables: rows.counts,
        integrity: { check: facts.integrity.check, ok: false, messages: [`cannot count the rows of ${rows.failed.join(', ')}: damaged pages`, ...facts.integrity.messages] },
    };
}
/**
 * Reads every fact inside whatever transaction the caller holds, so they describe one snapshot.
 * `rows: false` leaves the row counts out (tables empty), for the caller to add with
 * withRowCounts once a copy's page census is in (snapshot/row-counts.ts).
 */
function collectFacts(db, check, header, tolerant = false, opts = {}) {
    const pragmaNumber = (name) => Number(db.prepare(`PRAGMA ${name}`).pluck().get());
    const rows = opts.rows === false ? undefined : countRowsTolerant(db, tolerant);
    const integrity = runCheck(db, check);
    const facts = {
        pageSize: pragmaNumber('page_size'),
        pageCount: pragmaNumber('page_count'),
        freelistCount: pragmaNumber('freelist_count'),
        journalMode: header.writeVersion === 2 ? 'wal' : 'delete',
        sqliteVersion: String(db.prepare('SELECT sqlite_version()').pluck().get()),
        userVersion: pragmaNumber('user_version'),
        applicationId: pragmaNumber('application_id'),
        schemaSha256: schemaFingerprint(db),
        tables: {},
        integrity,
    };
    return rows ? withRowCounts(facts, rows) : facts;
}


/***/ }),

/***/ 40829:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EA: () => (/* binding */ startCopy)
});

// UNUSED EXPORTS: LONG_COPY, PENDING_BYTE, compressParallelism, withoutLockBytePage

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./lib/engine/manifest/compression.js
var compression = __webpack_require__(52684);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./lib/engine/common/free-buffer.js
var free_buffer = __webpack_require__(81201);
// EXTERNAL MODULE: ./lib/engine/threads/page-census.js
var page_census = __webpack_require__(93809);
;// CONCATENATED MODULE: ./lib/engine/threads/ring.js
/**
 * The hand-over between the copy thread (producer: reads a chunk into a slot) and the hash thread
 * (consumer: hashes the slot and frees it) of an uncompressed copy: a ring of shared chunk buffers,
 * each slot's state in a shared Int32Array, passed with Atomics. ctl[slot] is the slot's state,
 * ctl[slots + slot] its byte count, ctl[2 * slots] is set to stop both sides.
 */
const FREE = 0;
const FILLED = 1;
const END = 2;
/** Slots: enough that neither thread waits on the other's jitter. */
const RING_SLOTS = 4;
/** Waits are bounded, so a stop request is seen even if the other thread is gone. */
const WAIT_MS = 100;
function createRing(chunk, slots = RING_SLOTS) {
    return { ring: alignedSharedBuffer(slots * chunk), ctl: new SharedArrayBuffer(4 * (2 * slots + 1)) };
}
const WASM_PAGE = 64 * 1024;
/**
 * Shared memory that starts on a page boundary, so the copy thread can write the slots with
 * O_DIRECT (sliced-writer.ts newFileWriter). A large SharedArrayBuffer comes from malloc, 16 bytes
 * past a page; a shared WebAssembly.Memory is mapped by V8 itself, page-aligned, and its buffer is
 * a SharedArrayBuffer like any other. Where that fails (no WebAssembly, a memory limit) the
 * plain buffer still works: the writer then falls back to ordinary writes.
 */
function alignedSharedBuffer(bytes) {
    if (bytes % WASM_PAGE === 0) {
        try {
            const pages = bytes / WASM_PAGE;
            return new globalThis.WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }).buffer;
        }
        catch {
            /* below */
        }
    }
    return new SharedArrayBuffer(bytes);
}
/** Wakes whichever side waits on the other; each then stops at its next check. */
function stopRing(buffers) {
    const ctl = new Int32Array(buffers.ctl);
    Atomics.store(ctl, ctl.length - 1, 1);
}
class Ring {
    slots;
    ring;
    ctl;
    chunk;
    stop;
    constructor(buffers, chunk) {
        this.ring = Buffer.from(buffers.ring);
        this.ctl = new Int32Array(buffers.ctl);
        this.chunk = chunk;
        this.slots = this.ring.length / chunk;
        this.stop = this.ctl.length - 1;
    }
    stopped() {
        return Atomics.load(this.ctl, this.stop) !== 0;
    }
    /** Producer: waits until `slot` is free, then returns its buffer cut to `length`; throws once stopped. */
    take(slot, length) {
        while (Atomics.wait(this.ctl, slot, FILLED, WAIT_MS) !== 'not-equal') {
            if (this.stopped())
                throw new Error('copy stopped');
        }
        return this.ring.subarray(slot * this.chunk, slot * this.chunk + length);
    }
    /** Producer: hands `slot`, holding `length` bytes, to the consumer. */
    fill(slot, length) {
        this.ctl[this.slots + slot] = length;
        Atomics.store(this.ctl, slot, FILLED);
        Atomics.notify(this.ctl, slot);
    }
    /** Producer: after every chunk, the next slot (once free) tells the consumer there is no more. */
    end(slot) {
        this.take(slot, 0);
        Atomics.store(this.ctl, slot, END);
        Atomics.notify(this.ctl, slot);
    }
    /** Consumer: waits for `slot`; its bytes, or undefined at the end; 'stopped' once stopped. */
    receive(slot) {
        while (Atomics.wait(this.ctl, slot, FREE, WAIT_MS) !== 'not-equal') {
            if (this.stopped())
                return 'stopped';
        }
        if (Atomics.load(this.ctl, slot) === END)
            return undefined;
        return this.ring.subarray(slot * this.chunk, slot * this.chunk + this.ctl[this.slots + slot]);
    }
    /** Consumer: done with `slot`; the producer may fill it again. */
    release(slot) {
        Atomics.store(this.ctl, slot, FREE);
        Atomics.notify(this.ctl, slot);
    }
}

// EXTERNAL MODULE: ./lib/engine/threads/sliced-writer.js
var sliced_writer = __webpack_require__(67854);
;// CONCATENATED MODULE: ./lib/engine/threads/copy-loop.js
/**
 * The copy itself: bytes [0, length) of the caller's open files into a new file, hashed and
 * compressed on the way. It runs on the copy thread (copy-thread.ts), or, for a job too small to
 * pay for a thread's start, in line on the caller's thread (copy-worker.ts decides). It reads
 * through the caller's descriptors and never closes them: closing any descriptor of the database
 * file would drop every POSIX lock SQLite holds on it in this process, and with them the guarantee
 * that the file is frozen.
 */







/**
 * Frames between forced GCs. The codecs' output buffers are freed as soon as they are written
 * (freeNow()), so this is only a backstop for whatever else a frame leaves behind: a full GC every
 * 4 frames, when it also collected those buffers, cost ~0.5 s of CPU per GiB (its marking runs on
 * V8's helper threads too), 8 % of a text database's whole snapshot.
 */
const GC_EVERY = 64;
/** Runs `job`: compressed; uncompressed with the hash thread on the other side of the job's ring; or uncompressed, hashed here. */
async function runCopy(job, run) {
    const census = job.censusPageSize ? new page_census/* PageCensus */.n7(job.censusPageSize, job.length) : undefined;
    const reader = new SegmentReader(job, census);
    const copied = job.compression !== 'none' ? await copyCompressed(job, reader, run) : job.ring && job.ctl ? await copyUncompressed(job, reader, run) : await copyUncompressedHashing(job, reader, run);
    return census ? { ...copied, census: census.result() } : copied;
}
/** The bytes to copy, read strictly in sequence over the job's segments. */
class SegmentReader {
    segs;
    seg = 0;
    segDone = 0;
    /**
     * Chunk buffers are reused: fresh 8 MiB buffers per chunk cost page faults, and freed ones linger
     * until a GC, which is what made peak memory grow with the database size.
     */
    free = [];
    job;
    census;
    /** Bytes handed out so far: where the next read starts in the copy. */
    pos = 0;
    constructor(job, census) {
        this.job = job;
        this.census = census;
        // One whole-file segment for a plain copy; main-file runs and WAL frames for a WAL snapshot.
        this.segs = job.segments ?? [0, 0, job.length];
    }
    /** The next chunk starting at `pos`, in a buffer of the pool. */
    readAt(pos) {
        const { chunk, length } = this.job;
        return this.readInto((this.free.pop() ?? Buffer.allocUnsafe(chunk)).subarray(0, Math.min(chunk, length - pos)));
    }
    /** Gives a chunk buffer from readAt back to the pool. */
    recycle(buf) {
        this.free.push(Buffer.from(buf.buffer, buf.byteOffset, this.job.chunk));
    }
    /** Fills all of `buf` with the next bytes. */
    readInto(buf) {
        this.fill(buf);
        this.census?.see(buf, this.pos);
        this.pos += buf.length;
        return buf;
    }
    fill(buf) {
        const segs = this.segs;
        let got = 0;
        while (got < buf.length) {
            const file = segs[this.seg];
            const offset = segs[this.seg + 1] + this.segDone;
            const segLen = segs[this.seg + 2];
            const want = Math.min(segLen - this.segDone, buf.length - got);
            // File index -1: bytes that must not be read (the lock-byte page, see withoutLockBytePage).
            const n = file === -1 ? buf.fill(0, got, got + want) && want : external_node_fs_.readSync(this.job.fds[file], buf, got, want, offset);
            if (n === 0)
                throw Object.assign(new Error(`file ended at byte ${offset}, expected ${this.job.length} bytes in all`), { code: 'ESHORT' });
            got += n;
            this.segDone += n;
            if (this.segDone === segLen) {
                this.seg += 3;
                this.segDone = 0;
            }
        }
    }
}
/** Progress every 64 MiB and at the end. */
function reporter(length, onBytes) {
    let last = 0;
    return (pos) => {
        if (pos - last >= 64 * 1024 * 1024 || pos === length) {
            last = pos;
            onBytes(pos);
        }
    };
}
/**
 * Uncompressed: the stored file is the raw bytes. When the source is already our own temp copy
 * (rename), hashing it is all that is left to do; the caller renames it into place. The hash thread
 * (hash-thread.ts) hashes while this one reads and writes: chunks go round the ring (ring.ts).
 */
async function copyUncompressed(job, reader, run) {
    const { length, chunk } = job;
    const report = reporter(length, run.onBytes);
    const writer = job.rename ? undefined : (0,sliced_writer/* newFileWriter */.Oi)(job.outFile);
    const ring = new Ring(job, chunk);
    // Each slot's write, if still in flight: a slot is refilled only once the hash thread has
    // released it and its bytes are written. Direct writes (see newFileWriter) wait on the device,
    // so they run on libuv's pool while this thread reads on: written in line, 1 GiB kept the hash
    // thread idle a third of the time.
    const writes = [];
    let slot = 0;
    try {
        for (let pos = 0; pos < length; slot = (slot + 1) % ring.slots) {
            await writes[slot];
            const buf = reader.readInto(ring.take(slot, Math.min(chunk, length - pos)));
            ring.fill(slot, buf.length);
            if (writer)
                writes[slot] = writer.writeAsync(buf, pos);
            pos += buf.length;
            report(pos);
        }
        ring.end(slot);
        await Promise.all(writes);
        await writer?.settle();
    }
    finally {
        // No write may still be using a descriptor when it is closed.
        await Promise.allSettled(writes);
        writer?.close();
    }
    return { rawSize: length, storedSize: length };
}
/** Writes in flight while the next chunk is read and hashed, when this thread hashes: the device then never waits for the hash. */
const WRITES_IN_FLIGHT = 2;
/**
 * Uncompressed, hashed on this thread: each chunk read and hashed here, and written (a direct
 * write on libuv's pool while the next is read, see newFileWriter). For a small job
 * in line (see copy-worker.ts), and on the copy thread when the caller keeps the other core busy:
 * there a hash thread would only take turns with the caller's check.
 */
async function copyUncompressedHashing(job, reader, run) {
    const { length, chunk } = job;
    const report = reporter(length, run.onBytes);
    const hash = external_node_crypto_.createHash('sha256');
    const writer = job.rename ? undefined : (0,sliced_writer/* newFileWriter */.Oi)(job.outFile);
    const slots = Math.max(1, Math.min(WRITES_IN_FLIGHT, Math.ceil(length / chunk)));
    // Page-aligned, as direct writes need (ring.ts).
    const buffers = Buffer.from(alignedSharedBuffer(slots * chunk));
    const writes = [];
    try {
        for (let pos = 0, slot = 0; pos < length; slot = (slot + 1) % slots) {
            run.stopped?.throwIfAborted();
            await writes[slot];
            const buf = reader.readInto(buffers.subarray(slot * chunk, slot * chunk + Math.min(chunk, length - pos)));
            hash.update(buf);
            if (writer) {
                writes[slot] = writer.writeAsync(buf, pos);
                // A write that fails while another is awaited is reported where it is awaited, not as an
                // unhandled rejection: in line, that would end the caller's process.
                writes[slot]?.catch(() => undefined);
            }
            pos += buf.length;
            report(pos);
        }
        await Promise.all(writes);
        await writer?.settle();
    }
    finally {
        // No write may still be using a descriptor when it is closed.
        await Promise.allSettled(writes);
        writer?.close();
    }
    const sha256 = hash.digest('hex');
    return { rawSize: length, rawSha256: sha256, storedSize: length, storedSha256: sha256 };
}
/** ZSTD_COMPRESSBOUND of a chunk, rounded up: the most a chunk can compress to. */
const zstdBound = (chunk) => chunk + (chunk >> 8) + 65536;
/** Output buffers of a lane that compresses many frames (see zstdOutputSize). */
const ZSTD_OUTPUT_MANY = 1 << 20;
/**
 * The size of each output buffer a lane's stream allocates (it fills one, then starts the next).
 * With room for a whole frame at its worst, zstd compresses straight from our chunk in one pass,
 * but only the first frame of each buffer finds that room; every later one goes through zstd's
 * window buffer anyway. A lane with a frame or two keeps that one-pass first frame. A lane with
 * more takes 1 MiB buffers: freed as soon as written, they come back from malloc's free lists,
 * where every new bound-sized buffer was fresh memory from the kernel, and a first touch costs
 * here (~12 µs per 4 KiB page on this VM). Measured in fresh processes, check off, 2 cores:
 * 256 MiB text 852-1064 ms, 27,800 page faults → 768-883 ms, 21,900; 256 MiB mixed 1364-1607 ms,
 * 45,000-46,700 → 1184-1197 ms, 24,000; 1 GiB mixed 3.64-4.16 s, 56,000-62,000 → 3.46-3.89 s,
 * 24,500. Stored sizes differ by under 0.03 %. 512 KiB buffers faulted as often as bound-sized ones.
 */
function zstdOutputSize(chunk, length, lanes) {
    return Math.ceil(length / chunk / lanes) <= 2 ? zstdBound(chunk) : ZSTD_OUTPUT_MANY;
}
/**
 * zstd: one long-lived stream per lane, each chunk written as one whole frame, which reuses the
 * codec's context and buffers; a fresh context per chunk made peak memory much higher.
 */
function zstdLanes(job) {
    // No more lanes than frames: each lane's context and output buffer cost time to set up.
    const count = Math.max(1, Math.min(job.parallel, Math.ceil(job.length / job.chunk)));
    const outputSize = zstdOutputSize(job.chunk, job.length, count);
    const lanes = Array.from({ length: count }, () => {
        const z = external_node_zlib_.createZstdCompress({
            // Every write ends a frame.
            flush: external_node_zlib_.constants.ZSTD_e_end,
            chunkSize: outputSize,
            params: { [external_node_zlib_.constants.ZSTD_c_compressionLevel]: job.level, [external_node_zlib_.constants.ZSTD_c_checksumFlag]: 1, [external_node_zlib_.constants.ZSTD_c_windowLog]: job.windowLog },
        });
        const parts = [];
        let failure = null;
        z.on('data', (d) => parts.push(d));
        z.on('error', (e) => (failure = e));
        // The stream writes each frame into the rest of its current output buffer and starts a new one
        // when that is full: every buffer older than the last one it wrote into is ours alone.
        const lane = { z, parts, failed: () => failure, last: undefined };
        return lane;
    });
    let next = 0;
    return {
        compress: (buf) => {
            const lane = lanes[next++ % lanes.length];
            return new Promise((resolve, reject) => {
                lane.z.write(buf, () => {
                    const err = lane.failed();
                    if (err)
                        return reject(err);
                    const parts = lane.parts.splice(0);
                    resolve({
                        parts,
                        written: () => {
                            const last = parts.at(-1)?.buffer ?? lane.last;
                            for (const ab of new Set([lane.last, ...parts.map((p) => p.buffer)]))
                                if (ab && ab !== last)
                                    (0,free_buffer/* freeNow */.V)(ab);
                            lane.last = last;
                        },
                    });
                });
            });
        },
        close: () => lanes.forEach((lane) => lane.z.close()),
    };
}
function gzipper(job) {
    return {
        // Each member has a stream of its own, gone once it is done: its output is ours alone.
        compress: (buf) => new Promise((resolve, reject) => external_node_zlib_.gzip(buf, { level: job.level, chunkSize: job.chunk }, (err, res) => (err ? reject(err) : resolve({ parts: [res], written: () => (0,free_buffer/* freeNow */.V)(res.buffer) })))),
        close: () => { },
    };
}
/**
 * Each chunk becomes its own frame (gzip: member), compressed on libuv's pool while this thread
 * reads and hashes the next ones, so compression uses more than one core. zstd's own worker threads
 * would too, but Node 24 cuts their output short at the end of a stream. Concatenated frames are one
 * valid zstd/gzip stream for every decoder, ours and the CLIs.
 */
async function copyCompressed(job, reader, run) {
    const { length, parallel } = job;
    const report = reporter(length, run.onBytes);
    const raw = job.hashRaw ? external_node_crypto_.createHash('sha256') : undefined;
    const stored = external_node_crypto_.createHash('sha256');
    let storedBytes = 0;
    const codec = job.compression === 'gzip' ? gzipper(job) : zstdLanes(job);
    const out = external_node_fs_.openSync(job.outFile, 'wx');
    // A frame can be a single ~4 MiB buffer (one-pass zstd, gzip): written in slices, like every write of ours.
    const writer = (0,sliced_writer/* slicedWriter */.Sw)(out);
    const pending = [];
    let frames = 0;
    try {
        for (let pos = 0; pos < length || pending.length > 0;) {
            run.stopped?.throwIfAborted();
            // One frame more than the lanes: the next one is read and hashed while every lane
            // compresses, and queued on its lane, so a lane never waits for this thread. With one lane
            // (--priority low on 2 cores) it otherwise idled for every frame's read and hash, ~1/4 of
            // the time (1 GiB text database: 6.0-7.4 s against 3.9-5.7 s for zstd -3).
            while (pos < length && pending.length <= parallel) {
                const buf = reader.readAt(pos);
                raw?.update(buf);
                pos += buf.length;
                const frame = codec.compress(buf).then((f) => {
                    reader.recycle(buf);
                    return f;
                });
                frame.catch(() => undefined);
                pending.push(frame);
                report(pos);
            }
            // A frame is the list of output buffers as the codec produced them: written as they are, no concatenation.
            const frame = await pending.shift();
            for (const part of frame.parts) {
                stored.update(part);
                writer.write(part, storedBytes);
                storedBytes += part.length;
            }
            frame.written();
            if (++frames % GC_EVERY === 0)
                run.collect?.();
        }
        await writer.settle();
    }
    finally {
        codec.close();
        external_node_fs_.closeSync(out);
    }
    return { rawSize: length, ...(raw ? { rawSha256: raw.digest('hex') } : {}), storedSize: storedBytes, storedSha256: stored.digest('hex') };
}

// EXTERNAL MODULE: ./lib/engine/threads/start.js
var start = __webpack_require__(56680);
// EXTERNAL MODULE: ./lib/engine/threads/thread-job.js
var thread_job = __webpack_require__(47104);
;// CONCATENATED MODULE: ./lib/engine/threads/copy-worker.js






/** Large enough that per-call overhead vanishes; frames this size lose nothing measurable in ratio. */
const CHUNK = 4 << 20;
/** Copies at least this long get a lane more than the cores (compressParallelism). */
const LONG_COPY = 512 << 20;
/**
 * Chunks compressed at once. One lane per core; for copies of LONG_COPY or more, one more, so a
 * core never idles while the copying thread reads, hashes and writes between frames (1 GiB mixed,
 * zstd 3, 2 cores, in line: copy 3.58-3.64 s with 3 lanes, 3.74-4.78 s with 2). The extra lane's
 * window and read buffer cost a fixed ~16 MiB of first touches (~6,000 page faults here, ~0.2 s of
 * CPU), which a shorter copy does not earn back: 2 cores, medians of 4-5 fresh processes, copy
 * in line, 2 lanes against 3: 64 MiB mixed 438 against 468 ms, 256 MiB mixed 1219 against 1261,
 * 256 MiB text 765 against 821; with the check beside a copy thread, 256 MiB mixed 1.9 against
 * 2.04 s, text 1.2 against 1.37 s; 1 GiB there 5.9-6.3 against 5.7-6.1 s. At most 4, libuv's
 * default pool size. Memory stays bounded at a few chunks whatever the database size.
 */
function compressParallelism(compression = 'zstd', length = LONG_COPY) {
    // gzip is all codec work (20 s of CPU per GiB here): the extra lane only adds a chunk of memory.
    const extra = compression !== 'gzip' && length >= LONG_COPY ? 1 : 0;
    return Math.max(1, Math.min(4, external_node_os_.availableParallelism() + extra));
}
/** Where SQLite's lock bytes live in every database file (PENDING_BYTE): 1 GiB. */
const PENDING_BYTE = 0x40000000;
/**
 * SQLite never stores data in the page that holds its lock bytes (at 1 GiB), and on Windows the
 * byte-range locks of other processes there are mandatory: reading it can fail while a writer
 * holds RESERVED. The backup API leaves that page zeroed in its copy; so do we, on every
 * platform, so a copy is the same bytes wherever it is taken. Segments are [file, offset, length]
 * triples in output order; the part of them that lands on the lock-byte page becomes [-1, 0, n].
 */
function withoutLockBytePage(segments, pageSize, lockOffset = PENDING_BYTE) {
    const from = lockOffset - (lockOffset % pageSize);
    const to = from + pageSize;
    const out = [];
    let pos = 0;
    for (let i = 0; i + 2 < segments.length; i += 3) {
        const file = segments[i];
        const off = segments[i + 1];
        const len = segments[i + 2];
        const end = pos + len;
        if (end <= from || pos >= to) {
            out.push(file, off, len);
        }
        else {
            if (pos < from)
                out.push(file, off, from - pos);
            const zFrom = Math.max(pos, from);
            const zTo = Math.min(end, to);
            out.push(-1, 0, zTo - zFrom);
            if (end > to)
                out.push(file, off + (to - pos), end - to);
        }
        pos = end;
    }
    return out;
}
function runWorker(thread, workerData, pick, onBytes) {
    const worker = (0,start/* startThread */.BR)(thread, workerData);
    let exited = false;
    const exit = new Promise((resolve) => worker.once('exit', () => {
        exited = true;
        resolve();
    }));
    const result = new Promise((resolve, reject) => {
        worker.on('message', (m) => {
            if (m.bytes !== undefined)
                onBytes?.(m.bytes);
            else if (m.error)
                reject((0,thread_job/* fromThreadError */.tk)(m.error));
            else {
                const value = pick(m);
                if (value !== undefined)
                    resolve(value);
            }
        });
        worker.once('error', reject);
        void exit.then(() => reject(new Error('copy worker exited without a result')));
    });
    result.catch(() => undefined);
    return {
        result,
        exit,
        stop: async () => {
            if (!exited)
                await worker.terminate();
            await exit;
        },
    };
}
function startCopy(job) {
    const level = job.level === 0 && job.compression !== 'none' ? compression/* LEVELS */.A_[job.compression].default : job.level;
    const inLine = job.inLine ?? job.length <= start/* IN_LINE_MAX */.Un;
    const zstd = (0,compression/* zstdFrameFor */.QW)(job.length);
    // Uncompressed copies on threads hash on a second thread; the two share a ring of chunk buffers.
    const ring = job.compression === 'none' && !inLine && job.hashThread !== false ? createRing(CHUNK) : undefined;
    const copyJob = {
        fds: job.fds,
        segments: job.pageSize !== undefined && job.length > PENDING_BYTE
            ? Float64Array.from(withoutLockBytePage(job.segments ?? [0, 0, job.length], job.pageSize))
            : job.segments
                ? Float64Array.from(job.segments)
                : undefined,
        length: job.length,
        outFile: job.outFile,
        rename: job.rename ?? false,
        hashRaw: job.hashRaw ?? false,
        compression: job.compression,
        level,
        parallel: job.lanes ?? compressParallelism(job.compression, job.length),
        chunk: job.compression === 'zstd' ? zstd.frame : CHUNK,
        windowLog: zstd.windowLog,
        ...(job.census && job.pageSize ? { censusPageSize: job.pageSize } : {}),
        ...ring,
    };
    return inLine ? copyInLine(copyJob, job.onBytes) : copyOnThreads(copyJob, ring, job);
}
/** A small copy on this thread: stopped between chunks by cancel(), which waits until it no longer reads. */
function copyInLine(copyJob, onBytes) {
    const stop = new AbortController();
    const done = runCopy(copyJob, { onBytes: (n) => onBytes?.(n), stopped: stop.signal });
    done.catch(() => undefined);
    return {
        done: done.then((r) => r),
        cancel: async () => {
            stop.abort(new Error('copy cancelled'));
            await done.catch(() => undefined);
        },
    };
}
function copyOnThreads(copyJob, ring, job) {
    const copier = runWorker('copy-thread', copyJob, (m) => m.result, job.onBytes);
    const hashJob = ring ? { ...ring, chunk: CHUNK } : undefined;
    const hasher = hashJob ? runWorker('hash-thread', hashJob, (m) => m.sha256) : undefined;
    const stopAll = async () => {
        // Wakes whichever thread waits on the other, then makes sure both are gone.
        if (ring)
            stopRing(ring);
        await Promise.all([copier.stop(), hasher?.stop()]);
    };
    const done = (async () => {
        const [copied, sha256] = await Promise.all([copier.result, hasher?.result]);
        if (sha256 === undefined)
            return copied;
        return { rawSize: job.length, storedSize: job.length, rawSha256: sha256, storedSha256: sha256, ...(copied?.census ? { census: copied.census } : {}) };
    })();
    // Settles only after the threads are gone, so the caller may close the descriptors right after.
    const settled = done.then(async (r) => {
        await Promise.all([copier.exit, hasher?.exit]);
        return r;
    }, async (e) => {
        await stopAll();
        throw e;
    });
    return {
        done: settled,
        cancel: async () => {
            await stopAll();
            await settled.catch(() => undefined);
        },
    };
}


/***/ }),

/***/ 93809:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LU: () => (/* binding */ childrenOf),
/* harmony export */   my: () => (/* binding */ countTree),
/* harmony export */   n7: () => (/* binding */ PageCensus)
/* harmony export */ });
/**
 * Row counts from the pages a copy reads anyway. SQLite's `count(*)` walks every leaf page of
 * every table once more (0.15 s of one core for the 256 MiB text bench database, 0.25 s per GiB of
 * the mixed one: a fifth of what the snapshot's check costs), while the copy thread has each page
 * in hand already. So the copy notes, per page, what the b-tree page header says (the file format,
 * https://sqlite.org/fileformat2.html#b_tree_pages): the page type, the number of cells, and for
 * interior pages their children. The caller then walks each table's tree from its root page
 * (countTree). Anything that does not look like a well-formed tree makes the walk give up, and
 * SQLite counts that table as before: the census is only ever a faster way to the same number.
 */
/** B-tree page types (the first byte of the page header). */
const INDEX_INTERIOR = 0x02;
const TABLE_INTERIOR = 0x05;
const INDEX_LEAF = 0x0a;
const TABLE_LEAF = 0x0d;
/** Page 1 starts with the 100-byte database header; its b-tree header follows. */
const DB_HEADER = 100;
class PageCensus {
    pageSize;
    pages;
    types;
    cells;
    interior = new Uint32Array(1024);
    used = 0;
    constructor(pageSize, length) {
        this.pageSize = pageSize;
        this.pages = Math.floor(length / pageSize);
        this.types = new Uint8Array(this.pages);
        this.cells = new Uint16Array(this.pages);
    }
    /** The bytes of the copy at `pos` (a whole number of pages, as every chunk of a copy is). */
    see(buf, pos) {
        const size = this.pageSize;
        for (let off = 0; off + size <= buf.length; off += size) {
            const index = (pos + off) / size;
            if (!Number.isInteger(index) || index >= this.pages)
                return;
            this.page(buf, off, index);
        }
    }
    page(buf, start, index) {
        const hdr = start + (index === 0 ? DB_HEADER : 0);
        const type = buf[hdr];
        if (type !== TABLE_LEAF && type !== INDEX_LEAF && type !== TABLE_INTERIOR && type !== INDEX_INTERIOR)
            return;
        const n = buf.readUInt16BE(hdr + 3);
        const leaf = type === TABLE_LEAF || type === INDEX_LEAF;
        const pointers = hdr + (leaf ? 8 : 12);
        // A cell pointer array that runs off the page is not a b-tree page's.
        if (pointers + 2 * n > start + this.pageSize)
            return;
        if (!leaf) {
            this.reserve(n + 3);
            const at = this.used;
            this.interior[at] = index + 1;
            this.interior[at + 1] = n + 1;
            for (let i = 0; i < n; i++) {
                const cell = buf.readUInt16BE(pointers + 2 * i);
                if (cell < 8 || cell + 4 > this.pageSize)
                    return;
                this.interior[at + 2 + i] = buf.readUInt32BE(start + cell);
            }
            this.interior[at + 2 + n] = buf.readUInt32BE(hdr + 8);
            this.used += n + 3;
        }
        this.types[index] = type;
        this.cells[index] = n;
    }
    reserve(more) {
        if (this.used + more <= this.interior.length)
            return;
        const grown = new Uint32Array(Math.max(this.interior.length * 2, this.used + more));
        grown.set(this.interior.subarray(0, this.used));
        this.interior = grown;
    }
    result() {
        return { pageSize: this.pageSize, types: this.types, cells: this.cells, interior: this.interior.slice(0, this.used) };
    }
}
/** Each interior page's children, by page number: built once for all the trees of a census. */
function childrenOf(census) {
    const map = new Map();
    const all = census.interior;
    for (let at = 0; at + 1 < all.length;) {
        const n = all[at + 1];
        map.set(all[at], all.subarray(at + 2, at + 2 + n));
        at += 2 + n;
    }
    return map;
}
/**
 * The rows of the tree rooted at `root`: for a rowid table, its leaf cells; for a WITHOUT ROWID
 * table (an index b-tree), every cell, interior ones included, as each holds a row. `seen` marks
 * pages already counted in this census, so that no page is counted twice or a cycle followed.
 * Undefined when the tree is not what SQLite would have written: the caller asks SQLite instead.
 */
function countTree(census, children, root, withoutRowid, seen) {
    const leafType = withoutRowid ? INDEX_LEAF : TABLE_LEAF;
    const interiorType = withoutRowid ? INDEX_INTERIOR : TABLE_INTERIOR;
    const pages = census.types.length;
    let rows = 0;
    const stack = [root];
    while (stack.length > 0) {
        const page = stack.pop();
        if (page < 1 || page > pages || seen[page - 1])
            return undefined;
        seen[page - 1] = 1;
        const type = census.types[page - 1];
        const cells = census.cells[page - 1];
        if (type === leafType) {
            rows += cells;
        }
        else if (type === interiorType) {
            const kids = children.get(page);
            if (!kids || kids.length !== cells + 1)
                return undefined;
            if (withoutRowid)
                rows += cells;
            for (const kid of kids)
                stack.push(kid);
        }
        else {
            return undefined;
        }
    }
    return rows;
}


/***/ }),

/***/ 67854:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oi: () => (/* binding */ newFileWriter),
/* harmony export */   Sw: () => (/* binding */ slicedWriter),
/* harmony export */   wy: () => (/* binding */ SYNC_EVERY)
/* harmony export */ });
/* unused harmony export SLICE */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);

/** One write call's most: buffered writes of 1 MiB or more often cost 1-2 s of extra system time per GiB on this project's benchmark VM (dd bs=1M shows it, bs=256K almost never; bench/README.md). */
const SLICE = 256 * 1024;
/** Written bytes between flushes on libuv's pool, so the final fsync has little left to do. */
const SYNC_EVERY = 128 * 1024 * 1024;
/**
 * How every thread that writes a new file writes it (copy and write threads): synchronous calls in
 * 256 KiB slices, and every 128 MiB the part written so far flushed on libuv's pool while writing
 * goes on.
 */
function slicedWriter(fd, io = node_fs__WEBPACK_IMPORTED_MODULE_0__, syncEvery = SYNC_EVERY) {
    const syncs = [];
    let synced = 0;
    return {
        write(buf, position) {
            for (let w = 0; w < buf.length;)
                w += io.writeSync(fd, buf, w, Math.min(SLICE, buf.length - w), position + w);
            const end = position + buf.length;
            if (end - synced >= syncEvery) {
                synced = end;
                syncs.push(new Promise((resolve) => io.fdatasync(fd, resolve)));
            }
        },
        async settle() {
            const err = (await Promise.all(syncs)).find((e) => e);
            if (err)
                throw err;
        },
    };
}
/** Where O_DIRECT exists (Linux): 0 elsewhere. */
const O_DIRECT = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_DIRECT ?? 0;
const NO_DIRECT_IO = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);
/** What a direct write must be a multiple of, in position and length: the largest logical block size in common use. */
const DIRECT_ALIGN = 4096;
/**
 * Writes a new file (created exclusively, like 'wx') for a whole-file copy: through the page cache
 * in 256 KiB slices, as `cp` writes, or with `direct` (Linux), opened with O_DIRECT: the data go
 * from our buffers to the device, with no copy into the page cache. Which is faster depends on
 * the machine. On this project's benchmark VM in R12 the page cache was the dearest part of an
 * uncompressed snapshot (`dd` of 1 GiB: 1.1-2.5 s of system time through it, 0.3 s with
 * oflag=direct), so copies wrote directly; in R15 the same VM wrote 1 GiB with `dd oflag=direct
 * bs=4M` + sync in 1.45-1.60 s and with `dd bs=256K` + sync in 0.95-1.04 s, as fast as `cp` +
 * sync, and the default uncompressed snapshot took 2.16-2.55 s direct against 1.89-2.18 s through
 * the page cache. The baseline a copy is held to is `cp` + fsync, which goes through the page
 * cache, so copies do too: they then fare as `cp` fares. The caller fsyncs the file at the end
 * either way.
 *
 * O_DIRECT needs aligned buffers, offsets and lengths: the caller passes page-aligned buffers
 * (ring.ts), and anything unaligned (a last chunk that is not a whole number of 4 KiB blocks, a
 * buffer from elsewhere) or refused (EINVAL: a file system without direct I/O) is written through
 * a second, ordinary descriptor of the same file, from then on.
 */
function newFileWriter(file, direct = false, syncEvery = SYNC_EVERY) {
    const flags = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_EXCL;
    let directFd;
    if (direct && O_DIRECT !== 0) {
        try {
            directFd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(file, flags | O_DIRECT, 0o666);
        }
        catch (err) {
            // EINVAL: the file system has no direct I/O (so say tmpfs before Linux 6.6, FUSE, some network file systems).
            if (!NO_DIRECT_IO.has(err.code ?? ''))
                throw err;
        }
    }
    // The ordinary descriptor: the only one without O_DIRECT, else opened once the first write needs it.
    let buffered;
    let bufferedFd;
    if (directFd === undefined) {
        // Without O_EXCL after a refused direct open: that open got past the existence check (else
        // EEXIST), and some kernels refuse O_DIRECT only after creating the file.
        bufferedFd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(file, direct && O_DIRECT !== 0 ? node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT : flags, 0o666);
        buffered = slicedWriter(bufferedFd, node_fs__WEBPACK_IMPORTED_MODULE_0__, syncEvery);
    }
    let goesDirect = directFd !== undefined;
    const toBuffered = () => {
        if (!buffered) {
            bufferedFd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY);
            buffered = slicedWriter(bufferedFd, node_fs__WEBPACK_IMPORTED_MODULE_0__, syncEvery);
            goesDirect = false;
        }
        return buffered;
    };
    const canGoDirect = (buf, position) => goesDirect && directFd !== undefined && buf.length % DIRECT_ALIGN === 0 && position % DIRECT_ALIGN === 0;
    return {
        get direct() {
            return goesDirect;
        },
        writeAsync(buf, position) {
            if (!canGoDirect(buf, position)) {
                this.write(buf, position);
                return Promise.resolve();
            }
            const fd = directFd;
            return new Promise((resolve, reject) => {
                // The rest through the ordinary descriptor: after a short write, or when refused.
                const rest = (from) => {
                    try {
                        toBuffered().write(buf.subarray(from), position + from);
                        resolve();
                    }
                    catch (err) {
                        reject(err);
                    }
                };
                const step = (w) => node_fs__WEBPACK_IMPORTED_MODULE_0__.write(fd, buf, w, buf.length - w, position + w, (err, n) => {
                    if (err)
                        return err.code === 'EINVAL' ? rest(w) : reject(err);
                    if (n === 0 || n % DIRECT_ALIGN !== 0)
                        return rest(w + n);
                    if (w + n < buf.length)
                        step(w + n);
                    else
                        resolve();
                });
                step(0);
            });
        },
        write(buf, position) {
            if (canGoDirect(buf, position)) {
                try {
                    for (let w = 0; w < buf.length;) {
                        const n = node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync(directFd, buf, w, buf.length - w, position + w);
                        // A short direct write leaves the rest unaligned as often as not: finished below.
                        if (n === 0 || n % DIRECT_ALIGN !== 0) {
                            toBuffered().write(buf.subarray(w + n), position + w + n);
                            return;
                        }
                        w += n;
                    }
                    return;
                }
                catch (err) {
                    // Refused (misaligned buffer memory, or no direct I/O here): written again below, whole.
                    if (err.code !== 'EINVAL')
                        throw err;
                }
            }
            toBuffered().write(buf, position);
        },
        async settle() {
            await buffered?.settle();
        },
        close() {
            if (directFd !== undefined)
                node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(directFd);
            if (bufferedFd !== undefined)
                node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(bufferedFd);
        },
    };
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

/***/ 47104:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   tk: () => (/* binding */ fromThreadError)
/* harmony export */ });
/* unused harmony exports threadJob, port, toThreadError */
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75919);

/**
 * Thread-side half of start.ts. A thread started for a job gets it as `workerData`; a warm one
 * (started before the job was known) gets it as the first message, `{ job }`.
 */
function threadJob() {
    if (workerData !== null && workerData !== undefined)
        return Promise.resolve(workerData);
    return new Promise((resolve) => port().once('message', (m) => resolve(m.job)));
}
/** The port to the thread that started this one; there is always one in a thread module. */
function port() {
    if (!parentPort)
        throw new Error('a thread module was run as a program; it only runs as a worker thread (engine/threads/start.ts)');
    return parentPort;
}
function toThreadError(err) {
    const e = err;
    return { message: String(e?.message ?? err), ...(e?.code ? { code: e.code } : {}), ...(e?.syscall ? { syscall: e.syscall } : {}) };
}
function fromThreadError(e) {
    return Object.assign(new Error(e.message), { code: e.code, syscall: e.syscall });
}


/***/ }),

/***/ 74042:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ ChunkReader)
/* harmony export */ });
/**
 * Bytes that arrive in chunks of any size (a download, a decoder's output) read as a ByteSource:
 * reads are served from the chunk in hand, and the next chunk is pulled only when it is used up,
 * so no more than one chunk is held.
 */
class ChunkReader {
    chunk = Buffer.alloc(0);
    ended = false;
    it;
    damaged;
    constructor(it, damaged) {
        this.it = it;
        this.damaged = damaged;
    }
    /** Up to `length` bytes from the chunk in hand (the next one if it is used up); 0 at the end. */
    async read(buf, offset, length) {
        if (!(await this.fill()))
            return 0;
        const n = Math.min(length, this.chunk.length);
        this.chunk.copy(buf, offset, 0, n);
        this.chunk = this.chunk.subarray(n);
        return n;
    }
    /** Exactly `n` bytes; undefined at a clean end (nothing read), `damaged` part-way (`inside` names what was being read). */
    async exact(n, inside) {
        const out = Buffer.allocUnsafe(n);
        let got = 0;
        while (got < n) {
            const k = await this.read(out, got, n - got);
            if (k === 0) {
                if (got === 0)
                    return undefined;
                throw this.damaged(`it ends inside ${inside}`);
            }
            got += k;
        }
        return out;
    }
    /** false: the input ended first. */
    async skip(n) {
        while (n > 0) {
            if (!(await this.fill()))
                return false;
            const k = Math.min(n, this.chunk.length);
            this.chunk = this.chunk.subarray(k);
            n -= k;
        }
        return true;
    }
    async fill() {
        while (this.chunk.length === 0) {
            if (this.ended)
                return false;
            const next = await this.it.next();
            if (next.done) {
                this.ended = true;
                return false;
            }
            this.chunk = next.value;
        }
        return true;
    }
}


/***/ }),

/***/ 77482:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CM: () => (/* binding */ restoreSeed),
/* harmony export */   Jo: () => (/* binding */ saveSeed),
/* harmony export */   cR: () => (/* binding */ seed)
/* harmony export */ });
/* unused harmony exports SEED_ZSTD_LEVEL, CommandFailed, seedCodec */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);
/* harmony import */ var _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87925);
/* harmony import */ var _engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44964);
/* harmony import */ var _engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(67612);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(88142);






/** Seeds are written with zstd at this level: see docs in the README ("what a seed entry holds"). */
const SEED_ZSTD_LEVEL = 4;
/** The command exited non-zero (or was killed): nothing was saved; its status is the CLI's exit code. */
class CommandFailed extends _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC {
    status;
    constructor(status, what) {
        super('failed', `${what} exited with status ${status}; nothing was saved, fix the command and re-run`);
        this.status = status;
    }
}
async function seed(req) {
    const restored = await restoreSeed(req);
    if (restored.hit === 'exact' || !req.command)
        return { ...restored, ran: false };
    req.store.willSave?.();
    const status = await req.command();
    if (status !== 0)
        throw new CommandFailed(status, req.commandLabel ?? 'the command');
    const saved = await saveSeed(req);
    return { ...restored, ran: true, saved };
}
/** Finds the best entry for the key and restores it over the databases; a miss touches nothing. */
async function restoreSeed(req) {
    const t0 = performance.now();
    let found = await req.store.find(req.key, req.restoreKeys);
    const t1 = performance.now();
    if (!found)
        return { hit: 'miss', results: [], ms: { find: t1 - t0, restore: 0 } };
    const hit = found.key === req.key ? 'exact' : 'partial';
    try {
        const targets = await targetsFor(found, req.databases, hit, req.log);
        let results;
        try {
            results = await restoreFound(found, targets, req.restore);
        }
        catch (err) {
            if (!(err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) || err.kind !== 'corrupt')
                throw err;
            const advice = req.store.damagedAdvice?.(found);
            if (advice)
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .corrupt */ .qb)(`seed ${found.key}: ${inEntry(err, found)}; nothing was restored and the databases are as they were; ${advice}`);
            // Damage in transit is the likely cause: one more fetch may be intact.
            req.log(`seed ${found.key}: ${inEntry(err, found)}; fetching it once more`);
            await found.close();
            found = await req.store.find(req.key, req.restoreKeys);
            if (!found)
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .corrupt */ .qb)(`seed ${req.key}: the entry vanished while it was fetched again; re-run the job`);
            results = await restoreFound(found, targets, req.restore).catch((e) => {
                if (!(e instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) || e.kind !== 'corrupt' || !found)
                    throw e;
                throw (0,_store_js__WEBPACK_IMPORTED_MODULE_5__/* .damagedTwice */ .__)(found.key, inEntry(e, found));
            });
        }
        return { hit, matchedKey: found.key, results, ms: { find: t1 - t0, restore: performance.now() - t1 } };
    }
    finally {
        await found?.close();
    }
}
/**
 * How a seed's data is stored. A store that compresses what it saves (GitHub's cache: tar + zstd)
 * gets it uncompressed unless a level was asked for: compressed by us first, a 64 MiB seed's save
 * took 1.5x `saveCache` of the raw file, the database compressed twice; stored raw, the cache's
 * one pass is all, and its restore decodes one layer instead of two.
 */
function seedCodec(store, level) {
    if (level === undefined && store.compresses)
        return { compression: 'none' };
    return { compression: 'zstd', level: level ?? SEED_ZSTD_LEVEL };
}
/** Snapshots the databases as they are now and files the snapshot under the key. */
async function saveSeed(req) {
    const staging = await req.store.stage();
    let manifest;
    try {
        // rawSha256: a seed's cache entry is found by every version of this tool that shares the
        // cache (another branch, an older pinned action), so it stays in format 1, which all of them
        // read. The hash costs ~1 s of CPU per GiB, once per key.
        manifest = await (0,_engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_4__/* .createSnapshot */ .$p)(req.databases, staging.dir, 'seed', { ...req.snapshot, ...seedCodec(req.store, req.snapshot.level), rawSha256: true, durable: !staging.scratch });
    }
    catch (err) {
        await staging.discard();
        throw err;
    }
    return { manifest, outcome: await staging.save(req.key) };
}
/**
 * `entry=path` restore targets: each database given is found in the seed by its entry name.
 * On an exact hit every one must be there (the command will not run to create it); on a
 * partial hit a missing one is left to the command.
 */
async function targetsFor(found, databases, hit, log) {
    const manifest = await ('dir' in found.snapshot ? (0,_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .readManifest */ .WI)(found.snapshot.dir) : Promise.resolve(found.snapshot.manifest)).catch((err) => {
        throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC(err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC ? err.kind : 'corrupt', `seed ${found.key}: ${inEntry(err, found)}; the entry was not written by sqlite-snapshot seed, or is damaged; change the key to build a new seed`, { cause: err });
    });
    const inSeed = new Set(manifest.databases.map((d) => d.name));
    const names = (0,_engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_4__/* .entryNames */ .VM)(databases);
    const missing = databases.filter((_, i) => !inSeed.has(names[i]));
    if (missing.length > 0 && hit === 'exact') {
        throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC('bad-input', `seed ${found.key} holds ${[...inSeed].join(', ')} but not ${missing.join(', ')}; a key must change whenever the set of databases does (add the paths to the key)`);
    }
    for (const m of missing)
        log(`${m}: not in seed ${found.key}; left to the command to create`);
    return databases.flatMap((d, i) => (inSeed.has(names[i]) ? [`${names[i]}=${d}`] : []));
}
function restoreFound(found, targets, opts) {
    return 'dir' in found.snapshot ? (0,_engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreSnapshot */ .n5)(found.snapshot.dir, targets, opts) : (0,_engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreStreamed */ .q)(found.snapshot, targets, opts);
}
/** Engine messages name files in the store's private directory: name the entry instead. */
function inEntry(err, found) {
    const text = (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(err).replace(/; take the snapshot again$/, '');
    if (!('dir' in found.snapshot))
        return text;
    const dir = found.snapshot.dir;
    return text.split(`${dir}${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`).join('').split(dir).join('the entry');
}


/***/ }),

/***/ 88142:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LJ: () => (/* binding */ matchKey),
/* harmony export */   Uu: () => (/* binding */ validateKey),
/* harmony export */   __: () => (/* binding */ damagedTwice),
/* harmony export */   hd: () => (/* binding */ validateRestoreKeys)
/* harmony export */ });
/* unused harmony export MAX_KEY_LENGTH */
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

/** An entry damaged on both fetches (in transit or at rest): the one message for it, whichever stage found it. */
function damagedTwice(key, what) {
    return (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .corrupt */ .qb)(`seed ${key}: ${what} (twice); nothing was restored and the databases are as they were; re-run the job, or change the key so that a new seed is built`);
}
/** GitHub's own limits on cache keys (@actions/cache checkKey): the same rules for both stores. */
const MAX_KEY_LENGTH = 512;
function validateKey(key, inputName) {
    if (key.trim() === '')
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: is empty; give a key that changes when what builds the seed changes, for example seed-\${{ hashFiles('migrations/**') }}`);
    if (key.length > MAX_KEY_LENGTH)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: is ${key.length} characters long; cache keys are limited to ${MAX_KEY_LENGTH}, shorten it (a hash of the inputs is enough)`);
    if (key.includes(','))
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: "${key}" contains a comma, which cache keys cannot hold; use "-" or "_" instead`);
    if (/[\r\n]/.test(key))
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: holds a line break; give one key on one line`);
    return key;
}
/** At most 10 keys in all, as GitHub allows (the key itself plus 9 restore keys). */
function validateRestoreKeys(keys, inputName) {
    if (keys.length > 9)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: ${keys.length} restore keys given; GitHub allows 9 besides key, drop the least useful ones`);
    return keys.map((k) => validateKey(k, inputName));
}
/**
 * Store-agnostic matching, GitHub's documented order: the exact key, then the key as a prefix,
 * then each restore key as a prefix; among prefix matches the newest entry wins.
 */
function matchKey(entries, key, restoreKeys) {
    const exact = entries.find((e) => e.key === key);
    if (exact)
        return exact;
    for (const prefix of [key, ...restoreKeys]) {
        const newest = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0];
        if (newest)
            return newest;
    }
    return undefined;
}


/***/ })

};
