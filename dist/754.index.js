export const id = 754;
export const ids = [754];
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
/** Progress lines at most every `everyMs`, so a long snapshot shows life without flooding the log. */
function throttled(everyMs) {
    let last = 0;
    return (line) => {
        const now = Date.now();
        if (now - last < everyMs)
            return;
        last = now;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line);
    };
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

/***/ 29353:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  No: () => (/* binding */ SQLITE_SIDE_FILES),
  j3: () => (/* binding */ TEMP_SUFFIX),
  y7: () => (/* binding */ TempFiles),
  t2: () => (/* binding */ exists),
  t_: () => (/* binding */ fsyncDir),
  o7: () => (/* binding */ fsyncFile),
  X2: () => (/* binding */ makeDirs),
  S2: () => (/* binding */ removeQuietly),
  KA: () => (/* binding */ sweepAbandonedTemps),
  FD: () => (/* binding */ tempPathFor)
});

// UNUSED EXPORTS: isTempName

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./lib/engine/common/process-tag.js


/**
 * Scratch directories in a store (staging, reader pins) and temp files carry the host and pid that made them,
 * so a later run can tell a crashed process's leftovers from a live one's work and sweep only
 * the former. The host is hashed: host names may hold characters that are not portable in paths.
 */
const HOST_TAG = (0,external_node_crypto_.createHash)('sha256').update(external_node_os_.hostname()).digest('hex').slice(0, 8);
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

;// CONCATENATED MODULE: ./lib/engine/common/files.js




/**
 * Temp files are named so that a crashed run's leftovers are recognisable and never mistaken for
 * a finished file: `.<final name>.<random>.sqlite-snapshot-tmp`, beside the final file, so the
 * final rename stays on one filesystem and is atomic.
 */
const TEMP_SUFFIX = '.sqlite-snapshot-tmp';
function tempPathFor(finalPath) {
    const dir = external_node_path_.dirname(finalPath);
    return external_node_path_.join(dir, `.${external_node_path_.basename(finalPath)}.${processTag()}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}${TEMP_SUFFIX}`);
}
/**
 * Removes the temp files that a killed run left for `finalPath` (its process is gone from this
 * host). Only `.<name>.<tag>-…` files: side files moved aside during a swap are named after
 * `<name>-wal` etc. and are left for a person to look at.
 */
async function sweepAbandonedTemps(finalPath) {
    const dir = external_node_path_.dirname(finalPath);
    const prefix = `.${external_node_path_.basename(finalPath)}.`;
    const removed = [];
    for (const e of await external_node_fs_.promises.readdir(dir).catch(() => [])) {
        if (!e.startsWith(prefix) || !isTempName(e))
            continue;
        const m = /^([0-9a-f]{8})-(\d+)-[0-9a-f]+$/.exec(e.slice(prefix.length, -TEMP_SUFFIX.length));
        if (!m || m[1] !== HOST_TAG || Number(m[2]) === process.pid || processAlive(Number(m[2])))
            continue;
        await removeQuietly(external_node_path_.join(dir, e));
        removed.push(external_node_path_.join(dir, e));
    }
    return removed;
}
function isTempName(name) {
    return name.endsWith(TEMP_SUFFIX);
}
async function fsyncFile(file) {
    const fh = await external_node_fs_.promises.open(file, 'r+');
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
    const fh = await external_node_fs_.promises.open(dir, external_node_fs_.constants.O_RDONLY);
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
    const abs = external_node_path_.resolve(dir);
    const missing = [];
    for (let d = abs;; d = external_node_path_.dirname(d)) {
        const st = await external_node_fs_.promises.stat(d).catch((err) => {
            if (err.code === 'ENOENT')
                return undefined;
            throw err;
        });
        if (st)
            break;
        missing.unshift(d);
        if (external_node_path_.dirname(d) === d)
            break;
    }
    for (const d of missing) {
        await external_node_fs_.promises.mkdir(d).catch((err) => {
            // Another process made it meanwhile: fine, as long as it is a directory (the next mkdir checks).
            if (err.code !== 'EEXIST')
                throw err;
        });
    }
    return missing[0];
}
async function removeQuietly(file) {
    await external_node_fs_.promises.rm(file, { force: true, recursive: true }).catch(() => undefined);
}
async function exists(file) {
    return external_node_fs_.promises.lstat(file).then(() => true, () => false);
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

/***/ 52684:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ LEVELS),
/* harmony export */   I2: () => (/* binding */ ZSTD_WINDOW_LOG),
/* harmony export */   Li: () => (/* binding */ createDecompressor),
/* harmony export */   XC: () => (/* binding */ resolveLevel),
/* harmony export */   Xh: () => (/* binding */ FILE_EXTENSION),
/* harmony export */   _7: () => (/* binding */ COMPRESSIONS),
/* harmony export */   ue: () => (/* binding */ ZSTD_FRAME)
/* harmony export */ });
/* unused harmony export parseCompression */
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
    throw badInput(`${inputName}: unknown compression "${value}"; use one of ${COMPRESSIONS.join(', ')}`);
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
/* harmony export */   Kx: () => (/* binding */ FORMAT_ID),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   dA: () => (/* binding */ formatVersionFor),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE)
/* harmony export */ });
/* unused harmony exports FORMAT_VERSION, isSafeFileName */
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
  Uw: () => (/* binding */ schemaFingerprint)
});

// UNUSED EXPORTS: MMAP_SIZE, OPEN_CHANNEL, countRows, quoteIdent

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
function countRowsTolerant(db, tolerant = true) {
    const tables = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
        .pluck()
        .all();
    const counts = {};
    const failed = [];
    for (const t of tables) {
        try {
            counts[t] = Number(db.prepare(`SELECT count(*) FROM ${quoteIdent(t)}`).pluck().get());
        }
        catch (err) {
            if (!tolerant || !String(err.code).startsWith('SQLITE_CORRUPT'))
                throw err;
            failed.push(t);
        }
    }
    return { counts, failed };
}
/** Reads every fact inside whatever transaction the caller holds, so they describe one snapshot. */
function collectFacts(db, check, header, tolerant = false) {
    const pragmaNumber = (name) => Number(db.prepare(`PRAGMA ${name}`).pluck().get());
    const rows = countRowsTolerant(db, tolerant);
    const integrity = runCheck(db, check);
    return {
        pageSize: pragmaNumber('page_size'),
        pageCount: pragmaNumber('page_count'),
        freelistCount: pragmaNumber('freelist_count'),
        journalMode: header.writeVersion === 2 ? 'wal' : 'delete',
        sqliteVersion: String(db.prepare('SELECT sqlite_version()').pluck().get()),
        userVersion: pragmaNumber('user_version'),
        applicationId: pragmaNumber('application_id'),
        schemaSha256: schemaFingerprint(db),
        tables: rows.counts,
        integrity: rows.failed.length === 0
            ? integrity
            : { check: integrity.check, ok: false, messages: [`cannot count the rows of ${rows.failed.join(', ')}: damaged pages`, ...integrity.messages] },
    };
}


/***/ }),

/***/ 11308:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EA: () => (/* binding */ startCopy)
});

// UNUSED EXPORTS: PENDING_BYTE, compressParallelism, withoutLockBytePage

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./lib/engine/manifest/compression.js
var compression = __webpack_require__(52684);
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

// EXTERNAL MODULE: ./lib/engine/threads/start.js
var start = __webpack_require__(56680);
// EXTERNAL MODULE: ./lib/engine/threads/thread-job.js
var thread_job = __webpack_require__(47104);
;// CONCATENATED MODULE: ./lib/engine/threads/copy-worker.js





/** Large enough that per-call overhead vanishes; frames this size lose nothing measurable in ratio. */
const CHUNK = 4 << 20;
/**
 * Chunks compressed at once: one more than the cores, so a core never idles while this worker
 * thread reads, hashes and writes between frames (1 GiB, zstd 3, 2 cores: 3.65 s with 3 lanes,
 * 3.9-4.1 s with 2); at most 4, libuv's default pool size. Memory stays bounded at a few chunks
 * whatever the database size.
 */
function compressParallelism(compression = 'zstd') {
    // gzip is all codec work (20 s of CPU per GiB here): the extra lane only adds a chunk of memory.
    return Math.max(1, Math.min(4, external_node_os_.availableParallelism() + (compression === 'gzip' ? 0 : 1)));
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
    // Uncompressed copies hash on a second thread; the two share a ring of chunk buffers.
    const ring = job.compression === 'none' ? createRing(CHUNK) : undefined;
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
        parallel: job.lanes ?? compressParallelism(job.compression),
        chunk: job.compression === 'zstd' ? compression/* ZSTD_FRAME */.ue : CHUNK,
        windowLog: compression/* ZSTD_WINDOW_LOG */.I2,
        ...ring,
    };
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
        return sha256 === undefined ? copied : { rawSize: job.length, storedSize: job.length, rawSha256: sha256, storedSha256: sha256 };
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

/***/ 56680:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BR: () => (/* binding */ startThread)
/* harmony export */ });
/* unused harmony exports threadUrl, warmUp */
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75919);

/**
 * Each thread is a file beside this module: lib/engine/threads/ after tsc, src/engine/threads/
 * when the sources run directly (tests), dist/ beside the ncc bundle that holds this module
 * (scripts/bundle.js bundles each thread file there, as ncc does not follow a computed worker URL).
 */
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
function threadUrl(name) {
    return new URL(`./${name}${EXT}`, import.meta.url);
}
const warm = new Map();
/** Boots `count` threads of `thread` (a name, or a module's URL); they do not keep the process alive while they wait. */
function warmUp(thread, count = 1) {
    const url = typeof thread === 'string' ? threadUrl(thread) : thread;
    const list = warm.get(url.href) ?? [];
    warm.set(url.href, list);
    for (let i = 0; i < count; i++) {
        const worker = new Worker(url);
        const entry = { worker, dead: false };
        // Until it is handed out, a failure only means this thread is not used.
        worker.on('error', () => (entry.dead = true));
        worker.once('exit', () => (entry.dead = true));
        worker.unref();
        list.push(entry);
    }
    return list.slice(-count).map((e) => e.worker);
}
/** A thread of `thread` working on `job`: a warm one if there is one, else a new one. */
function startThread(thread, job) {
    const url = typeof thread === 'string' ? threadUrl(thread) : thread;
    const list = warm.get(url.href) ?? [];
    for (let entry = list.shift(); entry; entry = list.shift()) {
        if (entry.dead)
            continue;
        entry.worker.removeAllListeners('error');
        entry.worker.ref();
        entry.worker.postMessage({ job });
        return entry.worker;
    }
    return new node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.Worker(url, { workerData: job });
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


/***/ })

};
