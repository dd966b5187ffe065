export const id = 915;
export const ids = [915];
export const modules = {

/***/ 21915:
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
// EXTERNAL MODULE: ./lib/engine/common/files.js + 1 modules
var files = __webpack_require__(29353);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: ./lib/engine/snapshot/recovery.js + 1 modules
var recovery = __webpack_require__(51073);
// EXTERNAL MODULE: ./lib/engine/sqlite/sqlite.js + 1 modules
var sqlite = __webpack_require__(57875);
;// CONCATENATED MODULE: ./lib/engine/snapshot/source.js




/**
 * Checks a source path before SQLite sees it, so that each kind of wrong input gets its own advice
 * instead of SQLite's generic "file is not a database".
 */
async function checkSource(source) {
    if (source.trim() === '')
        throw (0,errors/* badInput */.AN)('database path is empty; give the path of a SQLite database file');
    const stat = await external_node_fs_.promises.stat(source).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw new errors/* SnapshotError */.JC('bad-input', `${source}: cannot read it (${err.code}); check the path and its permissions`);
    });
    if (!stat) {
        const wal = await external_node_fs_.promises.stat(`${source}-wal`).catch(() => undefined);
        if (wal) {
            throw (0,errors/* badInput */.AN)(`${source}: not found, but ${source}-wal is there; the database file itself is missing, so the WAL alone cannot be snapshotted`);
        }
        // The shell expands globs; one that matched nothing reaches us as the pattern itself.
        if (/[*?[]/.test(source)) {
            throw (0,errors/* badInput */.AN)(`${source}: no file matches this pattern; sqlite-snapshot takes paths, not patterns (your shell expands globs), so check the pattern and the directory`);
        }
        throw (0,errors/* badInput */.AN)(`${source}: no such file; give the path of an existing SQLite database`);
    }
    if (stat.isDirectory())
        throw (0,errors/* badInput */.AN)(`${source}: is a directory; give the path of a SQLite database file inside it`);
    if (!stat.isFile())
        throw (0,errors/* badInput */.AN)(`${source}: is not a regular file; give the path of a SQLite database file`);
    if (stat.size === 0) {
        throw (0,errors/* badInput */.AN)(`${source}: is an empty (0-byte) file, not a database yet; nothing to snapshot`);
    }
    const fh = await external_node_fs_.promises.open(source, 'r').catch((err) => {
        throw new errors/* SnapshotError */.JC('bad-input', `${source}: cannot open it for reading (${err.code}); check its permissions`);
    });
    const buf = Buffer.alloc(sqlite/* HEADER_SIZE */.Ad);
    let bytesRead;
    try {
        ({ bytesRead } = await fh.read(buf, 0, sqlite/* HEADER_SIZE */.Ad, 0));
    }
    finally {
        await fh.close();
    }
    const header = (0,sqlite/* parseHeader */.RW)(buf.subarray(0, bytesRead));
    if (!header) {
        throw (0,errors/* badInput */.AN)(`${source}: not a SQLite 3 database (no "SQLite format 3" header; encrypted databases are not supported); check the path`);
    }
    if (stat.size < header.pageSize) {
        throw (0,errors/* badInput */.AN)(`${source}: is ${stat.size} bytes, shorter than one ${header.pageSize}-byte page; the file is truncated`);
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
    if (await external_node_fs_.promises.stat(`${source}-shm`).catch(() => undefined))
        return false;
    const writable = await external_node_fs_.promises.access(external_node_path_.dirname(external_node_path_.resolve(source)), external_node_fs_.constants.W_OK).then(() => true, () => false);
    if (writable)
        return false;
    const wal = await external_node_fs_.promises.stat(`${source}-wal`).catch(() => undefined);
    return !(wal && wal.size > 0);
}

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
 * view here. `running.copy` is set as soon as the copy starts, for the caller to cancel.
 */
async function copyWhileChecking(plan, running, t0, c) {
    const { db, opts, label } = c;
    const total = plan.total;
    const copy = (running.copy = (0,copy_worker/* startCopy */.EA)({
        fds: plan.fds,
        ...(plan.segments ? { segments: plan.segments } : {}),
        length: total,
        pageSize: Number(db.pragma('page_size', { simple: true })),
        outFile: c.tmp,
        ...codecOf(opts),
        hashThread: (0,start/* hashThreadPays */.uH)(c.check !== 'off'),
        onBytes: (done) => opts.onProgress?.({ database: label, phase: 'copy', done, total }),
    }));
    // The check reads the same pinned view through SQLite while the copy threads work: on 2
    // cores, 1 GiB uncompressed took 0.97 s this way and 1.31 s with the check after the copy.
    const t1 = performance.now();
    opts.onProgress?.({ database: label, phase: 'check', done: 0, total: 1 });
    const stopOnAbort = (0,abort/* onAbort */.u)(opts.signal, () => void copy.cancel());
    let facts;
    let streamed;
    try {
        facts = (0,sqlite/* collectFacts */.M7)(db, c.check, c.header, opts.allowCorrupt);
        opts.signal?.throwIfAborted();
        streamed = await copy.done;
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
    const copyMs = performance.now() - t0;
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
            entries.push(await snapshotOne(source, entryName, finalPath, temps, opts));
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
async function snapshotOne(source, entryName, finalPath, temps, opts) {
    const started = performance.now();
    const { header, size } = await checkSource(source);
    const compression = opts.compression ?? 'zstd';
    const level = (0,manifest_compression/* resolveLevel */.XC)(compression, opts.level);
    const choice = chooseMethod(opts.method ?? 'auto', header, size);
    const check = opts.check ?? 'quick';
    // A crash-left source is recovered on a private copy inside the output's directory (recovery.ts);
    // that copy is what the rest of this function reads.
    const need = await (0,recovery/* recoveryNeeded */.J7)(source, header);
    const recovered = need ? await (0,recovery/* recoverCopy */.Cx)(source, header, need, (0,files/* tempPathFor */.FD)(external_node_path_.join(external_node_path_.dirname(finalPath), `${entryName}.recovery`))) : undefined;
    const unreadable = !recovered && (await walNeedsShmItCannotCreate(source, header));
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
    let result;
    // Resolved once here, so the copy paths below never see a missing level.
    const job = { db, header, tmp, temps, check, opts: { ...opts, compression, level }, label: entryName };
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


/***/ })

};
