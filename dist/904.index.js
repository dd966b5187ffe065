export const id = 904;
export const ids = [904];
export const modules = {

/***/ 14506:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T: () => (/* reexport */ releases_store/* ReleaseStore */.T),
  JC: () => (/* reexport */ errors/* SnapshotError */.JC),
  PF: () => (/* reexport */ restore_restore),
  P9: () => (/* reexport */ snapshot_snapshot)
});

// UNUSED EXPORTS: BadInputError, BusyError, CorruptError, EXIT_CODES, FailedError, LocalSeedStore, LocalStore, NotFoundError, VERSION, exitCodeFor, inspect, list, prune, seed, verify

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/files.js
var common_files = __webpack_require__(4933);
// EXTERNAL MODULE: ./lib/engine/manifest/compression.js
var manifest_compression = __webpack_require__(52684);
// EXTERNAL MODULE: ./lib/engine/snapshot/snapshot.js + 8 modules
var snapshot = __webpack_require__(67612);
// EXTERNAL MODULE: ./lib/engine/snapshot/source.js
var source = __webpack_require__(50182);
// EXTERNAL MODULE: ./lib/store/names.js
var store_names = __webpack_require__(70073);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./lib/engine/common/poll.js
var poll = __webpack_require__(12613);
// EXTERNAL MODULE: ./lib/engine/sqlite/sqlite.js + 1 modules
var sqlite = __webpack_require__(57875);
;// CONCATENATED MODULE: ./lib/store/local/lock.js






/** Another process holds the lock: `watch` skips its tick on this one, other errors are failures. */
class LockBusyError extends errors/* SnapshotError */.JC {
    constructor(message) {
        super('busy', message);
    }
}
/** Locks held by this process: a second acquisition here must not open (and on close unlock) the file. */
const heldHere = new Set();
const POLL_MS = 100;
/** `base` is the lock's path without extension: `<base>.lock` and `<base>.owner.json`. */
async function acquireLock(base, label, opts) {
    const file = `${base}.lock`;
    const ownerFile = `${base}.owner.json`;
    const db = await (0,poll/* poll */.wt)(async () => (heldHere.has(file) ? undefined : await tryLock(file)) ?? poll/* AGAIN */.jM, { timeoutMs: opts.timeoutMs, pauseMs: () => POLL_MS });
    if (db === poll/* AGAIN */.jM) {
        // A holder writes its owner file just after locking: give a brand-new one a moment to appear.
        const owner = await (0,poll/* poll */.wt)(async () => (await readOwner(ownerFile)) ?? poll/* AGAIN */.jM, { timeoutMs: 200, pauseMs: () => 20 });
        const who = owner !== poll/* AGAIN */.jM ? `pid ${owner.pid} on ${owner.host} (${owner.purpose}, since ${owner.since})` : 'another process';
        const waited = opts.timeoutMs > 0 ? ` after waiting ${Math.round(opts.timeoutMs / 1000)} s` : '';
        throw new LockBusyError(`${label} is locked by ${who}${waited}; another snapshot of this name is running: wait for it, or raise --lock-timeout`);
    }
    heldHere.add(file);
    try {
        return await holdLock(db, file, ownerFile, opts.purpose);
    }
    catch (err) {
        heldHere.delete(file);
        db.close();
        throw err;
    }
}
async function tryLock(file) {
    // Creating the file opens and closes a descriptor, which would drop a POSIX lock this process
    // held on it; heldHere guarantees we hold none here.
    await external_node_fs_.promises.writeFile(file, '', { flag: 'wx' }).catch((err) => {
        if (err.code !== 'EEXIST')
            throw (0,errors/* describeIoError */.QY)(err, `${file}: cannot create the lock file`);
    });
    let db;
    try {
        db = (0,sqlite/* openDatabase */.qI)(file, { busyTimeoutMs: 0 });
        // No journal file: the transaction never writes, and a leftover journal would look hot.
        db.pragma('journal_mode = MEMORY');
        db.exec('BEGIN EXCLUSIVE');
        return db;
    }
    catch (err) {
        db?.close();
        const code = err.code ?? '';
        if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
            return undefined;
        throw (0,errors/* describeIoError */.QY)(err, `${file}: cannot take the lock`);
    }
}
async function holdLock(db, file, ownerFile, purpose) {
    const previous = await readOwner(ownerFile);
    const tmp = (0,common_files/* tempPathFor */.FD)(ownerFile);
    try {
        await external_node_fs_.promises.writeFile(tmp, JSON.stringify(ownerOf(process.pid, purpose)) + '\n', { flag: 'wx' });
        await external_node_fs_.promises.rename(tmp, ownerFile);
    }
    catch (err) {
        await (0,common_files/* removeQuietly */.S2)(tmp);
        throw (0,errors/* describeIoError */.QY)(err, `${ownerFile}: cannot record the lock owner`);
    }
    let released = false;
    return {
        ...(previous ? { recovered: previous } : {}),
        release: async () => {
            if (released)
                return;
            released = true;
            // The owner file goes first: once the lock is free, a leftover would read as a crash.
            await (0,common_files/* removeQuietly */.S2)(ownerFile);
            try {
                db.exec('ROLLBACK');
            }
            finally {
                db.close();
                heldHere.delete(file);
            }
        },
    };
}
function ownerOf(pid, purpose) {
    return { pid, host: external_node_os_.hostname(), since: new Date().toISOString(), purpose };
}
async function readOwner(file) {
    try {
        const o = JSON.parse(await external_node_fs_.promises.readFile(file, 'utf8'));
        if (typeof o.pid === 'number' && typeof o.host === 'string') {
            return { pid: o.pid, host: o.host, since: String(o.since ?? '?'), purpose: String(o.purpose ?? '?') };
        }
    }
    catch {
        // Missing or half-written: it only ever feeds a message.
    }
    return undefined;
}

// EXTERNAL MODULE: ./lib/engine/common/process-tag.js
var process_tag = __webpack_require__(80830);
// EXTERNAL MODULE: ./lib/store/retention.js
var retention = __webpack_require__(231);
// EXTERNAL MODULE: ./lib/store/select.js
var store_select = __webpack_require__(34109);
// EXTERNAL MODULE: ./lib/store/summary.js
var summary = __webpack_require__(38793);
;// CONCATENATED MODULE: ./lib/store/local/verification.js




/**
 * A generation's verification record: written by `verify`, and by `snapshot`/`watch` when they
 * verify the new generation before publishing it (always, when retention may prune). It sits
 * beside the manifest and is the only file of a generation written after the snapshot itself;
 * it is replaced whole (temp file + rename), so readers never see half of one.
 */

async function writeVerification(dir, v) {
    const file = external_node_path_.join(dir, summary/* VERIFICATION_FILE */.$R);
    const tmp = (0,common_files/* tempPathFor */.FD)(file);
    try {
        await external_node_fs_.promises.writeFile(tmp, JSON.stringify(v, null, 2) + '\n', { flag: 'wx' });
        await (0,common_files/* fsyncFile */.o7)(tmp);
        await external_node_fs_.promises.rename(tmp, file);
    }
    finally {
        await (0,common_files/* removeQuietly */.S2)(tmp);
    }
}
async function readVerification(dir) {
    const text = await external_node_fs_.promises.readFile(external_node_path_.join(dir, summary/* VERIFICATION_FILE */.$R), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (0,summary/* parseVerification */.Vz)(text);
}

;// CONCATENATED MODULE: ./lib/store/local/history.js




/** The generations of a store whose generations are local directories, summarized from their files. */
async function history_summarize(store, name) {
    const out = [];
    for (const g of await store.list(name)) {
        const verified = (await readVerification(g.dir)) ?? null;
        try {
            out.push((0,summary/* summaryOf */.YG)(g, await (0,manifest_manifest/* readManifest */.WI)(g.dir), verified));
        }
        catch (err) {
            // Pruned between listing and reading: not a damaged generation, just gone.
            if (err instanceof errors/* SnapshotError */.JC && err.kind === 'not-found')
                continue;
            out.push((0,summary/* damagedSummary */.OM)(g, verified, (0,errors/* oneLine */.TN)(err)));
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/store/local/local.js












const LOCKS_DIR = '.locks';
/** Link errors that mean "this filesystem has no hard links here", not "the generation is gone". */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS']);
/**
 * A directory of snapshots: `<root>/<name>/<generation>/{manifest.json, <db files>}`.
 * A generation is written under a dot-named staging directory and renamed into place in one
 * step, so a reader sees either no generation or a complete one, never half of one.
 * Pruning renames a generation to a dot-named trash directory before deleting it, and readers
 * pin what they open (hard links, see open), so a restore never sees a generation vanish midway.
 * Writers of one name serialise on a lock (lock.ts); dot-named entries are never generations.
 */
class local_LocalStore {
    root;
    constructor(root) {
        this.root = external_node_path_.resolve(root);
    }
    get description() {
        return this.root;
    }
    async checkExists() {
        if (!(await external_node_fs_.promises.stat(this.root).catch(() => undefined))) {
            throw new errors/* SnapshotError */.JC('not-found', `store ${this.root}: no such directory; check --store`);
        }
    }
    summarize(name) {
        return history_summarize(this, name);
    }
    async begin(name) {
        (0,store_names/* validateName */.yS)(name);
        const nameDir = external_node_path_.join(this.root, name);
        // What this call created, so that a failed snapshot leaves the store exactly as it found it.
        let created;
        let dir;
        while (!dir) {
            const made = await (0,common_files/* makeDirs */.X2)(nameDir).catch((err) => {
                throw (0,errors/* describeIoError */.QY)(err, `store ${this.root}: cannot create ${nameDir}`);
            });
            created ??= made;
            // A concurrent failed snapshot may remove the empty name directory between mkdir and here.
            dir = await external_node_fs_.promises.mkdtemp(external_node_path_.join(nameDir, `.staging-${(0,process_tag/* processTag */.qP)()}-`)).catch((err) => {
                if (err.code === 'ENOENT')
                    return undefined;
                throw (0,errors/* describeIoError */.QY)(err, `store ${this.root}: cannot create a staging directory in ${nameDir}`);
            });
        }
        const staging = dir;
        let done = false;
        return {
            dir: staging,
            commit: async () => {
                // Two snapshots in the same millisecond get distinct ids rather than one replacing the other.
                const base = (0,store_names/* generationId */.y5)(new Date());
                for (let i = 0;; i++) {
                    const id = i === 0 ? base : `${base}-${i}`;
                    const final = external_node_path_.join(nameDir, id);
                    try {
                        await external_node_fs_.promises.mkdir(final);
                    }
                    catch (err) {
                        if (err.code === 'EEXIST')
                            continue;
                        throw err;
                    }
                    // mkdir then rename-over: rename(2) replaces an empty directory atomically, and the
                    // mkdir reserved the id so a concurrent commit cannot take it.
                    await external_node_fs_.promises.rename(staging, final).catch(async (err) => {
                        // Windows cannot rename onto an existing directory, even an empty one.
                        if (process.platform !== 'win32')
                            throw err;
                        await external_node_fs_.promises.rmdir(final);
                        await external_node_fs_.promises.rename(staging, final);
                    });
                    await (0,common_files/* fsyncDir */.t_)(nameDir);
                    done = true;
                    return { name, generation: id, location: final };
                }
            },
            abort: async () => {
                if (done)
                    return;
                await (0,common_files/* removeQuietly */.S2)(staging);
                // Only directories this call created, and only while empty: rmdir refuses anything else.
                if (created) {
                    for (let d = nameDir; d.startsWith(created); d = external_node_path_.dirname(d)) {
                        if (!(await external_node_fs_.promises.rmdir(d).then(() => true, () => false)))
                            break;
                    }
                }
            },
        };
    }
    async list(name) {
        const names = name ? [(0,store_names/* validateName */.yS)(name)] : await this.names();
        const out = [];
        for (const n of names) {
            const entries = await external_node_fs_.promises.readdir(external_node_path_.join(this.root, n)).catch(() => []);
            for (const id of entries.filter(store_names/* isGenerationId */.M8).sort()) {
                const dir = external_node_path_.join(this.root, n, id);
                // A generation directory without a manifest is not a snapshot (see begin/commit).
                if (!(await external_node_fs_.promises.stat(external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1)).catch(() => undefined)))
                    continue;
                out.push({ name: n, generation: id, createdAt: (0,store_names/* generationTime */.sO)(id).toISOString(), dir });
            }
        }
        return out;
    }
    async names() {
        const entries = await external_node_fs_.promises.readdir(this.root, { withFileTypes: true }).catch(() => []);
        return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
    }
    async open(name, select = {}, attempt = 0) {
        (0,store_names/* validateName */.yS)(name);
        await this.checkExists();
        const pick = (0,store_select/* pickGeneration */.g)(await this.list(name), name, select, this.root);
        const pinned = await this.pin(name, pick.dir);
        if (pinned === 'gone') {
            // Pruned between listing and pinning: choose again, unless a vanished generation was asked for by id.
            if (attempt < 5)
                return this.open(name, select, attempt + 1);
            throw new errors/* SnapshotError */.JC('not-found', `snapshot ${name}: generation ${pick.generation} was removed while opening it; retry`);
        }
        const dir = pinned ?? pick.dir;
        return { name, generation: pick.generation, dir, close: async () => (pinned ? (0,common_files/* removeQuietly */.S2)(pinned) : undefined) };
    }
    /**
     * Hard-links a generation's files into a private directory, so that its data outlives a prune
     * that runs while we read it: a generation's files never change once published, so links made
     * one by one still form one complete generation. 'gone' when it vanished meanwhile; undefined
     * when the store is not writable or cannot link (then the reader uses the generation in place,
     * and a concurrent prune makes it fail with "data file missing" rather than read half of one).
     */
    async pin(name, genDir) {
        let pinDir;
        try {
            pinDir = await external_node_fs_.promises.mkdtemp(external_node_path_.join(this.root, name, `.reader-${(0,process_tag/* processTag */.qP)()}-`));
        }
        catch {
            // A store we may read but not write (a read-only mount, another user's directory): read in place.
            return undefined;
        }
        try {
            const files = (await external_node_fs_.promises.readdir(genDir)).filter((f) => !(0,common_files/* isTempName */.Gs)(f));
            for (const f of files)
                await external_node_fs_.promises.link(external_node_path_.join(genDir, f), external_node_path_.join(pinDir, f));
            if (!files.includes(manifest_manifest/* MANIFEST_FILE */.h1))
                throw Object.assign(new Error('no manifest'), { code: 'ENOENT' });
            return pinDir;
        }
        catch (err) {
            await (0,common_files/* removeQuietly */.S2)(pinDir);
            const code = err.code ?? '';
            if (code === 'ENOENT')
                return 'gone';
            if (NO_LINKS.has(code))
                return undefined;
            throw (0,errors/* describeIoError */.QY)(err, `store ${this.root}: cannot open ${genDir}`);
        }
    }
    /** Takes the writer lock of a name: snapshot, watch and prune hold it; readers never need it. */
    async lock(name, opts) {
        (0,store_names/* validateName */.yS)(name);
        // Beside the names, not inside one: a name's directory holds its generations and nothing else.
        const locks = external_node_path_.join(this.root, LOCKS_DIR);
        const created = await (0,common_files/* makeDirs */.X2)(locks).catch((err) => {
            throw (0,errors/* describeIoError */.QY)(err, `store ${this.root}: cannot create ${locks}`);
        });
        const lock = await acquireLock(external_node_path_.join(locks, name), `snapshot "${name}" in ${this.root}`, opts);
        return created ? { ...lock, createdDir: created } : lock;
    }
    /**
     * After a failed first snapshot, removes the lock directory that run created (and the store
     * root, if it created that too and it is now empty), so a refused snapshot leaves no trace.
     * Only for directories the failed run created itself: a lock file another process may already
     * be waiting on is never deleted.
     */
    async discardCreatedLockDir(createdDir) {
        const locks = external_node_path_.join(this.root, LOCKS_DIR);
        if (!locks.startsWith(createdDir))
            return;
        await external_node_fs_.promises.rm(locks, { recursive: true, force: true });
        for (let d = this.root; d.startsWith(createdDir) && d !== external_node_path_.dirname(d); d = external_node_path_.dirname(d)) {
            if (!(await external_node_fs_.promises.rmdir(d).then(() => true, () => false)))
                break;
        }
    }
    /**
     * Removes what crashed runs left in a name's directory: trash, staging and reader directories
     * of dead processes on this host, temp files, and generation ids reserved but never filled.
     * Call with the name's lock held, so no live writer of this store is mid-commit.
     */
    async sweep(name) {
        const nameDir = external_node_path_.join(this.root, (0,store_names/* validateName */.yS)(name));
        const removed = [];
        for (const e of await external_node_fs_.promises.readdir(nameDir).catch(() => [])) {
            const p = external_node_path_.join(nameDir, e);
            if (e.startsWith('.trash-') || (0,process_tag/* isAbandoned */.zI)(e) || (0,common_files/* isTempName */.Gs)(e)) {
                await (0,common_files/* removeQuietly */.S2)(p);
                removed.push(e);
            }
            else if ((0,store_names/* isGenerationId */.M8)(e) && !(await external_node_fs_.promises.stat(external_node_path_.join(p, manifest_manifest/* MANIFEST_FILE */.h1)).catch(() => undefined))) {
                // rmdir only succeeds on an empty directory: a commit's id reservation that was never filled.
                if (await external_node_fs_.promises.rmdir(p).then(() => true, () => false))
                    removed.push(e);
            }
        }
        const locks = external_node_path_.join(this.root, LOCKS_DIR);
        for (const e of await external_node_fs_.promises.readdir(locks).catch(() => [])) {
            if ((0,common_files/* isTempName */.Gs)(e) && e.startsWith(`.${name}.owner.json.`))
                await (0,common_files/* removeQuietly */.S2)(external_node_path_.join(locks, e));
        }
        return removed;
    }
    /**
     * Applies a retention policy to a name's complete generations (call with the name's lock held).
     * Each doomed generation is first renamed to a dot-named trash directory, one atomic step that
     * takes it out of every listing, and only then deleted.
     */
    async prune(name, policy, opts = {}) {
        const gens = await this.list(name);
        const plan = (0,retention/* planPrune */.wM)(gens.map((g) => g.generation), policy, opts.now ?? new Date());
        if (opts.dryRun || plan.remove.length === 0)
            return plan;
        const nameDir = external_node_path_.join(this.root, name);
        for (const { generation } of plan.remove) {
            const trash = external_node_path_.join(nameDir, `.trash-${generation}-${(0,process_tag/* processTag */.qP)()}`);
            try {
                await external_node_fs_.promises.rename(external_node_path_.join(nameDir, generation), trash);
            }
            catch (err) {
                if (err.code === 'ENOENT')
                    continue;
                throw (0,errors/* describeIoError */.QY)(err, `store ${this.root}: cannot remove generation ${generation} of ${name}`);
            }
            await (0,common_files/* fsyncDir */.t_)(nameDir);
            await (0,common_files/* removeQuietly */.S2)(trash);
        }
        return plan;
    }
    /** Records a verification result in a published generation; a generation pruned meanwhile is skipped. */
    async recordVerification(name, generation, v) {
        const dir = external_node_path_.join(this.root, (0,store_names/* validateName */.yS)(name), generation);
        if (!(0,store_names/* isGenerationId */.M8)(generation) || !(await external_node_fs_.promises.stat(dir).catch(() => undefined)))
            return;
        await writeVerification(dir, v).catch((err) => {
            if (err.code !== 'ENOENT')
                throw (0,errors/* describeIoError */.QY)(err, `store ${this.root}: cannot record verification of ${generation}`);
        });
    }
}

// EXTERNAL MODULE: ./lib/store/seed/local.js
var local = __webpack_require__(84420);
;// CONCATENATED MODULE: ./lib/store/resolve.js



const BACKENDS = {
    s3: async (url, inputName) => (await Promise.all(/* import() */[__webpack_require__.e(358), __webpack_require__.e(789), __webpack_require__.e(776)]).then(__webpack_require__.bind(__webpack_require__, 67776))).s3Store(url, inputName),
    abs: async (url, inputName) => (await Promise.all(/* import() */[__webpack_require__.e(222), __webpack_require__.e(747), __webpack_require__.e(789), __webpack_require__.e(610)]).then(__webpack_require__.bind(__webpack_require__, 24610))).azureStore(url, inputName),
    oci: async (url, inputName) => (await __webpack_require__.e(/* import() */ 488).then(__webpack_require__.bind(__webpack_require__, 62488))).ociStore(url, inputName),
};
/** Schemes a store backend answers to; others are refused with the list. */
const STORE_SCHEMES = Object.keys(BACKENDS);
/** `C:\snaps` is a Windows path, not a URL with scheme `c`. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//;
function parseStoreLocation(value, inputName = '--store') {
    if (value.trim() === '')
        throw (0,errors/* badInput */.AN)(`${inputName}: is empty; give a directory, for example ${inputName} ./snapshots`);
    const m = SCHEME.exec(value) ?? /^(file):/.exec(value);
    if (!m)
        return { kind: 'local', dir: value };
    const scheme = m[1].toLowerCase();
    if (scheme === 'file') {
        let url;
        try {
            url = new URL(value);
        }
        catch {
            throw (0,errors/* badInput */.AN)(`${inputName}: "${value}" is not a file URL; give a directory path instead`);
        }
        return { kind: 'local', dir: decodeURIComponent(url.pathname) };
    }
    if (!STORE_SCHEMES.includes(scheme)) {
        const known = ['a directory', ...STORE_SCHEMES.map((s) => `${s}://…`)].join(', ');
        throw (0,errors/* badInput */.AN)(`${inputName}: "${scheme}://" is not a store this sqlite-snapshot knows; give ${known}`);
    }
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw (0,errors/* badInput */.AN)(`${inputName}: "${value}" is not a valid ${scheme}:// URL; check its spelling`);
    }
    return { kind: 'url', scheme, url };
}
/** The store a `--store` value names: a local directory, or an object store by its URL. */
async function storeFor(value, inputName = '--store') {
    const loc = parseStoreLocation(value, inputName);
    if (loc.kind === 'local')
        return new local_LocalStore(loc.dir);
    return BACKENDS[loc.scheme](loc.url, inputName);
}
/** Where `seed` keeps seeds for a `--store` value: `<dir>/.seeds/`, or `.seeds/` under an object store's prefix. */
async function resolve_seedStoreFor(value, inputName = '--store') {
    const loc = parseStoreLocation(value, inputName);
    if (loc.kind === 'local')
        return new LocalSeedStore(loc.dir);
    const seeds = (await storeFor(value, inputName)).seedStore?.();
    if (!seeds)
        throw badInput(`${inputName}: ${loc.scheme}:// stores keep no seeds; give a directory or another store`);
    return seeds;
}

;// CONCATENATED MODULE: ./lib/api/options.js


/**
 * Checks of what a caller passes: JavaScript callers get no help from the types, so a wrong value
 * is refused with one line naming the option, as the CLI names its flag.
 */
function options_oneOf(value, allowed, option, fallback) {
    if (value === undefined)
        return fallback;
    if (!allowed.includes(value))
        throw (0,errors/* badInput */.AN)(`${option}: "${String(value)}" is not one of ${allowed.join(', ')}; choose one of them`);
    return value;
}
function options_intIn(value, option, min, max) {
    if (value === undefined)
        return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw (0,errors/* badInput */.AN)(`${option}: ${String(value)} is not an integer from ${min} to ${max}; give one in that range`);
    }
    return value;
}
/** A Store as given, or the store a string names (a directory, or an object store's URL; see store/resolve.ts). */
async function options_storeOf(store, option = 'store') {
    if (typeof store === 'string')
        return storeFor(store, option);
    if (store && typeof store.begin === 'function' && typeof store.open === 'function' && typeof store.list === 'function')
        return store;
    throw (0,errors/* badInput */.AN)(`${option}: give a directory path or a Store object (new LocalStore(dir))`);
}
/** The paths of one or several databases, as `snapshot(sources)` and `seed({ paths })` take them. */
function options_pathList(value, option, example) {
    const list = typeof value === 'string' ? [value] : [...(value ?? [])];
    if (list.length === 0)
        throw (0,errors/* badInput */.AN)(`${option}: no database given; name at least one database file (${example})`);
    for (const p of list)
        if (typeof p !== 'string' || p.trim() === '')
            throw (0,errors/* badInput */.AN)(`${option}: a database path is empty; give the file's path`);
    return list;
}
/** An `at` time as a Date or an ISO 8601 string. */
function timeOf(value, option) {
    if (value === undefined)
        return undefined;
    const t = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(t.getTime()))
        throw (0,errors/* badInput */.AN)(`${option}: "${String(value)}" is not a time; give a Date or ISO 8601, for example 2026-11-25T12:00:00Z`);
    return t;
}

// EXTERNAL MODULE: ./lib/engine/restore/verify.js
var verify = __webpack_require__(45358);
;// CONCATENATED MODULE: ./lib/api/managed.js
function managed_isManaged(store) {
    const s = store;
    return [s.lock, s.sweep, s.prune, s.recordVerification].every((f) => typeof f === 'function');
}

;// CONCATENATED MODULE: ./lib/api/take.js







/**
 * One generation, start to finish, under the name's writer lock: sweep crashed runs' leftovers,
 * snapshot into a staging directory, verify it there (decompressed copies inside the staging
 * directory, so an abort removes them too), publish it, and only then prune older generations.
 * A store that cannot lock, sweep or prune (see managed.ts) gets the same steps without those.
 */
async function takeGeneration(store, name, sources, opts, inFlight = {}) {
    // Bad input is refused before the store is touched: no lock file, no directory for a typo.
    for (const s of sources)
        await (0,source/* checkSource */.A)(s);
    if (!managed_isManaged(store)) {
        if ((0,retention/* hasRetention */.D2)(opts.retention))
            throw (0,errors/* badInput */.AN)(`keep/max-age: the store ${store.description} cannot prune; leave retention out, or prune it with its own tools`);
        return takeStaged(store, name, sources, opts, inFlight);
    }
    const lock = await store.lock(name, { timeoutMs: opts.lockTimeoutMs, purpose: opts.by });
    inFlight.lock = lock;
    let published;
    try {
        return await takeLocked(store, name, sources, opts, inFlight, lock, (p) => (published = p));
    }
    finally {
        inFlight.lock = undefined;
        await lock.release();
        // A refused first snapshot leaves no store behind, not even a lock file.
        if (!published && lock.createdDir)
            await store.discardCreatedLockDir?.(lock.createdDir);
    }
}
async function takeLocked(store, name, sources, opts, inFlight, lock, onPublished) {
    const swept = await store.sweep(name);
    const taken = await takeStaged(store, name, sources, opts, inFlight, onPublished);
    const { published } = taken;
    let pruned;
    try {
        pruned = (0,retention/* hasRetention */.D2)(opts.retention) ? await store.prune(name, opts.retention) : undefined;
    }
    catch (err) {
        throw new errors/* SnapshotError */.JC(err instanceof errors/* SnapshotError */.JC ? err.kind : 'failed', `generation ${published.generation} of ${name} was published, but pruning failed: ${(0,errors/* oneLine */.TN)(err)}`, { cause: err });
    }
    return { ...taken, swept, ...(pruned ? { pruned } : {}), ...(lock.recovered ? { recovered: lock.recovered } : {}) };
}
/** Snapshot into the store's staging directory, verify it there if asked, publish it. */
async function takeStaged(store, name, sources, opts, inFlight, onPublished = () => { }) {
    const staging = await store.begin(name);
    inFlight.staging = staging;
    let manifest;
    let verification;
    let published;
    try {
        const onStoredFile = staging.onStoredFile?.bind(staging);
        manifest = await (0,snapshot/* createSnapshot */.$p)(sources, staging.dir, name, {
            ...opts.snapshot,
            durable: !staging.scratch,
            ...(onStoredFile ? { onStoredFile } : {}),
            ...(staging.checkAfterCopy ? { checkAfterCopy: true } : {}),
        });
        if (opts.verify || (0,retention/* hasRetention */.D2)(opts.retention)) {
            const check = opts.snapshot.check ?? 'quick';
            // watch proves each generation by its checksums: it runs beside the application, and writing
            // and checking a second copy of every generation took its I/O and CPU (see verifySnapshot).
            const report = await (0,verify/* verifySnapshot */.Mx)(staging.dir, check, {
                workRoot: staging.dir,
                ...(opts.snapshot.lanes ? { lanes: opts.snapshot.lanes } : {}),
                ...(opts.snapshot.signal ? { signal: opts.snapshot.signal } : {}),
                byChecksums: opts.verify === 'checksums',
            });
            const problems = report.databases.flatMap((d) => d.problems);
            if (!report.ok) {
                throw new errors/* SnapshotError */.JC('corrupt', `snapshot ${name}: the new generation failed verification (${problems[0] ?? 'unknown'}); it was not kept and nothing was pruned`);
            }
            verification = { ok: true, check, verifiedAt: new Date().toISOString(), by: opts.by, problems };
            await writeVerification(staging.dir, verification);
        }
        // The last point where an abort is taken: a published generation stays published.
        opts.snapshot.signal?.throwIfAborted();
        published = await staging.commit();
        onPublished(published);
    }
    catch (err) {
        await staging.abort();
        throw err;
    }
    finally {
        inFlight.staging = undefined;
    }
    return { published, manifest, swept: [], ...(verification ? { verification } : {}) };
}
/** Notes for stderr about what the run found left by crashed ones. */
function crashNotes(name, t) {
    const notes = [];
    if (t.recovered)
        notes.push(recoveredNote(name, t.recovered));
    if (t.swept.length > 0)
        notes.push(`sqlite-snapshot: note: removed what crashed runs left in "${name}": ${t.swept.join(', ')}`);
    return notes;
}
function recoveredNote(name, o) {
    return `sqlite-snapshot: note: took over the lock of "${name}" left by pid ${o.pid} on ${o.host} (${o.purpose}, since ${o.since}), which ended without releasing it`;
}

;// CONCATENATED MODULE: ./lib/api/snapshot.js









/** The CLI's default: a previous run finishing is worth a minute's wait; a stuck one fails loudly. */
const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
/**
 * Takes a consistent snapshot of one or more SQLite databases, even while other processes write
 * to them, as a new generation of `name` in a store, or into a directory of its own (`outDir`).
 * Maps to `sqlite-snapshot snapshot <sources> --store … --name …`.
 */
async function snapshot_snapshot(sources, options) {
    const opts = options ?? {};
    const files = options_pathList(sources, 'snapshot', "snapshot('app.db', { store: './snapshots', name: 'nightly' })");
    const name = (0,store_names/* validateName */.yS)(opts.name ?? '', 'name');
    const engine = engineOptions(opts);
    if ((opts.store === undefined) === (opts.outDir === undefined))
        throw (0,errors/* badInput */.AN)('snapshot: give either store or outDir (one of them)');
    const retention = {
        ...(opts.keep !== undefined ? { keep: options_intIn(opts.keep, 'keep', 1, 1_000_000) } : {}),
        ...(opts.maxAgeMs !== undefined ? { maxAgeMs: options_intIn(opts.maxAgeMs, 'maxAgeMs', 1, Number.MAX_SAFE_INTEGER) } : {}),
    };
    const lockTimeoutMs = options_intIn(opts.lockTimeoutMs, 'lockTimeoutMs', 0, 2 ** 31 - 1) ?? DEFAULT_LOCK_TIMEOUT_MS;
    if (opts.outDir !== undefined) {
        if (retention.keep !== undefined || retention.maxAgeMs !== undefined)
            throw (0,errors/* badInput */.AN)('keep/maxAgeMs: an outDir holds one snapshot; retention needs a store');
        return { name, location: opts.outDir, manifest: await intoDir(files, opts.outDir, name, engine), pruned: [], notes: [] };
    }
    const store = await options_storeOf(opts.store);
    if (opts.verify !== undefined && typeof opts.verify !== 'boolean' && opts.verify !== 'checksums')
        throw (0,errors/* badInput */.AN)(`verify: "${String(opts.verify)}" is not true, false or 'checksums'; give one of them`);
    const verify = opts.verify ?? false;
    const by = opts.by ?? 'api';
    if (typeof by !== 'string' || by.trim() === '')
        throw (0,errors/* badInput */.AN)('by: give a short word naming who takes the snapshot, for example by: "backup-job"');
    const taken = await takeGeneration(store, name, files, { snapshot: engine, verify, retention, lockTimeoutMs, by });
    return {
        name,
        generation: taken.published.generation,
        location: taken.published.location,
        ...(taken.published.details ? { details: taken.published.details } : {}),
        manifest: taken.manifest,
        ...(taken.verification ? { verification: taken.verification } : {}),
        pruned: taken.pruned?.remove ?? [],
        ...(taken.pruned ? { kept: taken.pruned.keep } : {}),
        notes: crashNotes(name, taken),
    };
}
/** The engine's options, each checked as the CLI checks its flag. */
function engineOptions(o) {
    const compression = (0,manifest_compression/* parseCompression */.Gd)(o.compression ?? 'zstd', 'compression');
    const lanes = options_intIn(o.lanes, 'lanes', 1, 64);
    return {
        compression,
        level: (0,manifest_compression/* resolveLevel */.XC)(compression, o.level, 'level'),
        method: options_oneOf(o.method, snapshot/* METHODS */.J8, 'method', 'auto'),
        check: options_oneOf(o.check, ['quick', 'full', 'off'], 'check', 'quick'),
        busyTimeoutMs: options_intIn(o.busyTimeoutMs, 'busyTimeoutMs', 0, 3_600_000) ?? 5000,
        allowCorrupt: o.allowCorrupt ?? false,
        ...(o.rawSha256 ? { rawSha256: true } : {}),
        ...(lanes ? { lanes } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    };
}
/**
 * A snapshot straight into a directory: made if missing, refused if it holds anything (a second
 * snapshot would mix with the first). A failure removes what this call wrote, and the directory
 * too when this call made it.
 */
async function intoDir(sources, outDir, name, opts) {
    for (const s of sources)
        await (0,source/* checkSource */.A)(s);
    const present = await external_node_fs_.promises.readdir(outDir).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw (0,errors/* describeIoError */.QY)(err, `outDir ${outDir}`);
    });
    if (present && present.length > 0)
        throw (0,errors/* badInput */.AN)(`outDir: ${outDir} is not empty; give a new or empty directory for the snapshot`);
    const created = await (0,common_files/* makeDirs */.X2)(outDir).catch((err) => {
        throw (0,errors/* describeIoError */.QY)(err, `outDir ${outDir}: cannot create it`);
    });
    try {
        return await (0,snapshot/* createSnapshot */.$p)(sources, outDir, name, opts);
    }
    catch (err) {
        if (created)
            await (0,common_files/* removeQuietly */.S2)(created);
        throw err;
    }
}

// EXTERNAL MODULE: ./lib/engine/restore/restore.js + 3 modules
var restore = __webpack_require__(44964);
;// CONCATENATED MODULE: ./lib/api/open.js




/** What the selection names, each option checked; nothing is opened yet. */
async function choose(sel, verb) {
    if (sel.dir !== undefined) {
        if (sel.store !== undefined || sel.name !== undefined)
            throw (0,errors/* badInput */.AN)(`${verb}: give either dir, or store and name, not both`);
        if (typeof sel.dir !== 'string' || sel.dir.trim() === '')
            throw (0,errors/* badInput */.AN)(`${verb}: dir is empty; give the snapshot directory's path`);
        return { dir: sel.dir };
    }
    if (sel.store === undefined)
        throw (0,errors/* badInput */.AN)(`${verb}: no store given; pass store (a directory or a Store) and name, or dir`);
    const store = await options_storeOf(sel.store);
    if (sel.name === undefined)
        throw (0,errors/* badInput */.AN)(`${verb}: no name given; pass the snapshot's name, for example name: 'nightly'`);
    const name = (0,store_names/* validateName */.yS)(sel.name, 'name');
    const select = {};
    if (sel.generation !== undefined)
        select.generation = sel.generation;
    const at = timeOf(sel.at, 'at');
    if (at)
        select.at = at;
    return { store, name, select };
}
async function openChosen(chosen) {
    if ('dir' in chosen) {
        const manifest = await (0,manifest_manifest/* readManifest */.WI)(chosen.dir);
        return { name: manifest.name, dir: chosen.dir, close: async () => { } };
    }
    const opened = await chosen.store.open(chosen.name, chosen.select);
    return { name: opened.name, generation: opened.generation, dir: opened.dir, store: chosen.store, close: () => opened.close() };
}
async function openSnapshot(sel, verb) {
    return openChosen(await choose(sel, verb));
}
/** Runs `fn` on the opened snapshot and releases it after, whatever happens. */
async function open_withSnapshot(sel, verb, fn) {
    const opened = await openSnapshot(sel, verb);
    try {
        return await fn(opened);
    }
    finally {
        await opened.close();
    }
}
/**
 * Runs `fn` on the snapshot read once: as it downloads where the store offers that (openStream),
 * else as files. The whole read goes through the store's retryDamaged, where it has one, so a
 * download damaged on the way is read once more.
 */
async function open_withReadOnce(sel, verb, fn) {
    const chosen = await choose(sel, verb);
    const read = async () => {
        const opened = await openOnce(chosen);
        try {
            return await fn(opened);
        }
        finally {
            await opened.close();
        }
    };
    const store = 'store' in chosen ? chosen.store : undefined;
    return store?.retryDamaged ? store.retryDamaged(read) : read();
}
async function openOnce(chosen) {
    if ('store' in chosen && chosen.store.openStream) {
        const s = await chosen.store.openStream(chosen.name, chosen.select);
        if (s)
            return { name: s.name, generation: s.generation, snapshot: s.snapshot, store: chosen.store, close: () => s.close() };
    }
    return openChosen(chosen);
}
/** The manifest of an opened snapshot: streamed ones carry it, a directory holds it. */
async function open_manifestOf(opened) {
    return 'snapshot' in opened ? opened.snapshot.manifest : (0,manifest_manifest/* readManifest */.WI)(opened.dir);
}

;// CONCATENATED MODULE: ./lib/api/restore.js




/**
 * Verifies a snapshot into a temp file beside each target, then swaps each in by one atomic
 * rename and removes its stale -wal, -shm and -journal. Until then no target is touched: a failure
 * or an abort leaves every target as it was. A store that downloads (see Store.openStream) is
 * decoded as the data arrives. Maps to `sqlite-snapshot restore`.
 */
async function restore_restore(options) {
    const opts = options ?? {};
    const targetsFor = targetsOf(opts.to);
    const engine = {
        journalMode: options_oneOf(opts.journalMode, restore/* JOURNAL_MODES */.X8, 'journalMode', 'keep'),
        check: options_oneOf(opts.check, ['auto', 'quick', 'full', 'off'], 'check', 'auto'),
        busyTimeoutMs: options_intIn(opts.busyTimeoutMs, 'busyTimeoutMs', 0, 3_600_000) ?? 1000,
        force: opts.force ?? false,
        keepPrevious: opts.keepPrevious ?? false,
        durable: opts.durable ?? true,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    };
    opts.signal?.throwIfAborted();
    return open_withReadOnce(opts, 'restore', async (opened) => {
        const manifest = await open_manifestOf(opened);
        const to = targetsFor(manifest);
        const restored = 'snapshot' in opened ? await (0,restore/* restoreStreamed */.q)(opened.snapshot, to, engine) : await (0,restore/* restoreSnapshot */.n5)(opened.dir, to, engine);
        return { name: opened.name, ...(opened.generation ? { generation: opened.generation } : {}), restored, manifest, streamed: 'snapshot' in opened };
    });
}
/** Paths are checked before anything is opened; a function's answer once the manifest is read. */
function targetsOf(to) {
    const paths = (value) => {
        const list = typeof value === 'string' ? [value] : [...(value ?? [])];
        if (list.length === 0)
            throw (0,errors/* badInput */.AN)("restore: no target given; pass to: 'path/to/app.db' (or several)");
        return list;
    };
    if (typeof to === 'function')
        return (m) => paths(to(m));
    const fixed = paths(to);
    return () => fixed;
}

;// CONCATENATED MODULE: ./lib/api/read.js





/**
 * Recomputes every checksum and size, decompresses each database to a temp copy and checks it
 * with SQLite, then compares schema, page count and row counts with the manifest. A damaged
 * snapshot is a result (`ok: false`), not an error; the result is recorded in the generation
 * (shown by `list`). Maps to `sqlite-snapshot verify`, which exits 3 when `ok` is false.
 */
async function read_verify(options) {
    const opts = options ?? {};
    const check = oneOf(opts.check, ['full', 'quick', 'off'], 'check', 'full');
    const lanes = intIn(opts.lanes, 'lanes', 1, 64);
    return withSnapshot(opts, 'verify', async (opened) => {
        const sizes = new Map((await readManifest(opened.dir)).databases.map((d) => [d.name, d.rawSize]));
        const report = await verifySnapshot(opened.dir, check, {
            onBytes: (database, done) => opts.onProgress?.({ database, phase: 'verify', done, total: sizes.get(database) ?? done }),
            ...(lanes ? { lanes } : {}),
            ...(opts.signal ? { signal: opts.signal } : {}),
        });
        if (opened.store && opened.generation && isManaged(opened.store)) {
            await opened.store.recordVerification(opened.name, opened.generation, {
                ok: report.ok,
                check,
                verifiedAt: new Date().toISOString(),
                by: 'verify',
                problems: report.databases.flatMap((d) => d.problems),
            });
        }
        return { ok: report.ok, name: opened.name, ...(opened.generation ? { generation: opened.generation } : {}), check, databases: report.databases, manifest: report.manifest };
    });
}
/**
 * A snapshot's manifest: each database's method, sizes, checksums, tables and rows. A store that
 * downloads (see Store.openStream) sends the manifest first, and no data is fetched. Maps to
 * `sqlite-snapshot inspect`.
 */
async function inspect(options) {
    return withReadOnce(options ?? {}, 'inspect', async (opened) => ({
        name: opened.name,
        ...(opened.generation ? { generation: opened.generation } : {}),
        manifest: await manifestOf(opened),
    }));
}

;// CONCATENATED MODULE: ./lib/store/seed/list.js

/** The seeds of a local store with their manifests' figures, oldest first (for `list`). */
async function list_summarizeSeeds(store) {
    const out = [];
    for (const s of await store.list()) {
        try {
            const m = await readManifest(s.dir);
            out.push({
                ...s,
                databases: m.databases.map((d) => d.name),
                rawSize: m.databases.reduce((a, d) => a + d.rawSize, 0),
                storedSize: m.databases.reduce((a, d) => a + d.storedSize, 0),
            });
        }
        catch (err) {
            out.push({ ...s, databases: [], rawSize: 0, storedSize: 0, error: err.message });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/api/history.js








/** The generations (and seeds) in a store. Maps to `sqlite-snapshot list` (--json prints `generations`; --seeds, `seeds`). */
async function list(options) {
    const opts = options ?? {};
    const store = await storeOf(opts.store);
    const name = opts.name === undefined ? undefined : validateName(opts.name, 'name');
    // A store that can say it is missing (a directory, a bucket, a registry) says so before anything is read.
    const own = store;
    await own.checkExists?.();
    // Seeds live only in local directories so far.
    const seeds = store instanceof LocalStore && name === undefined ? await summarizeSeeds(new LocalSeedStore(store.root)) : [];
    // A store that summarizes its own generations does; any other's are read from the directories its list() names.
    return { generations: own.summarize ? await own.summarize(name) : await summarize(store, name), seeds };
}
/**
 * Removes old generations of a name under its writer lock: only complete ones, never the newest;
 * each is renamed out of sight before it is deleted, so a restore that opened it finishes.
 * Maps to `sqlite-snapshot prune`.
 */
async function prune(options) {
    const opts = options ?? {};
    const store = await storeOf(opts.store);
    const name = validateName(opts.name ?? '', 'name');
    const keep = intIn(opts.keep, 'keep', 1, 1_000_000);
    const maxAgeMs = intIn(opts.maxAgeMs, 'maxAgeMs', 1, Number.MAX_SAFE_INTEGER);
    if (keep === undefined && maxAgeMs === undefined)
        throw badInput('prune: give keep and/or maxAgeMs, for example { keep: 7 }');
    const timeoutMs = intIn(opts.lockTimeoutMs, 'lockTimeoutMs', 0, 2 ** 31 - 1) ?? 60_000;
    const dryRun = opts.dryRun ?? false;
    if (!isManaged(store))
        throw badInput(`prune: the store ${store.description} cannot prune; prune it with its own tools`);
    if ((await store.list(name)).length === 0)
        return { name, dryRun, removed: [], kept: [] };
    const lock = await store.lock(name, { timeoutMs, purpose: 'prune' });
    try {
        if (!dryRun)
            await store.sweep(name);
        const plan = await store.prune(name, { ...(keep !== undefined ? { keep } : {}), ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) }, { dryRun });
        return { name, dryRun, removed: plan.remove, kept: plan.keep };
    }
    finally {
        await lock.release();
    }
}

// EXTERNAL MODULE: ./lib/store/seed/seed.js
var seed = __webpack_require__(77482);
// EXTERNAL MODULE: ./lib/store/seed/store.js
var store = __webpack_require__(88142);
;// CONCATENATED MODULE: ./lib/api/seed.js







/**
 * Seeds databases once per change of whatever builds them: an exact hit restores the seed
 * (verified, atomic, stale side files removed) and `run` is not called; a partial hit restores the
 * newest seed under a restore key and runs `run` on top; a miss runs `run`. After `run`, the
 * databases are snapshotted and saved under `key`. Maps to `sqlite-snapshot seed <paths> --key … -- <command>`.
 */
async function seed_seed(options) {
    const opts = options ?? {};
    const store = await seedStoreOf(opts.store);
    const key = validateKey(typeof opts.key === 'string' ? opts.key : '', 'key');
    const restoreKeys = validateRestoreKeys(opts.restoreKeys ?? [], 'restoreKeys');
    const databases = pathList(opts.paths, 'paths', "seed({ store, key, paths: ['app.db'], run })");
    if (opts.run !== undefined && typeof opts.run !== 'function')
        throw badInput('run: give an async function that builds the databases');
    const snapshot = {
        method: oneOf(opts.method, METHODS, 'method', 'auto'),
        ...(opts.level === undefined ? {} : { level: resolveLevel('zstd', opts.level, 'level') }),
        check: oneOf(opts.check, ['quick', 'full', 'off'], 'check', 'quick'),
        ...(opts.signal ? { signal: opts.signal } : {}),
    };
    const log = opts.log ?? (() => { });
    opts.signal?.throwIfAborted();
    const restored = await restoreSeed({ store, key, restoreKeys, databases, restore: { check: 'auto', ...(opts.signal ? { signal: opts.signal } : {}) }, log });
    const base = { hit: restored.hit, ...(restored.matchedKey ? { matchedKey: restored.matchedKey } : {}), restored: restored.results };
    if (restored.hit === 'exact' || !opts.run)
        return { ...base, ran: false };
    await opts.run({ hit: restored.hit, ...(restored.matchedKey ? { matchedKey: restored.matchedKey } : {}), paths: databases, ...(opts.signal ? { signal: opts.signal } : {}) });
    opts.signal?.throwIfAborted();
    const { manifest, outcome } = await saveSeed({ store, key, databases, snapshot, log });
    return { ...base, ran: true, saved: { manifest, ...outcome } };
}
async function seedStoreOf(store) {
    if (typeof store === 'string')
        return seedStoreFor(store, 'store');
    if (store && typeof store.find === 'function' && typeof store.stage === 'function')
        return store;
    throw badInput('store: give a directory path or a SeedStore (new LocalSeedStore(dir))');
}

// EXTERNAL MODULE: ./lib/store/github/releases/store.js + 4 modules
var releases_store = __webpack_require__(78849);
;// CONCATENATED MODULE: ./lib/api/errors.js

/**
 * One class per error kind, for `catch (e) { if (e instanceof NotFoundError) … }`. The engine
 * throws SnapshotError with a `kind`; each class here answers `instanceof` for every
 * SnapshotError of its kind (Symbol.hasInstance), whoever constructed it, and constructs one of
 * that kind itself. `err.kind` and `err.exitCode` say the same thing without a class.
 */
class KindError extends errors/* SnapshotError */.JC {
    /** The kind this class stands for. */
    static kind;
    constructor(message, options) {
        super(new.target.kind, message, options);
        this.name = new.target.name;
    }
    static [Symbol.hasInstance](value) {
        return value instanceof errors/* SnapshotError */.JC && value.kind === this.kind;
    }
}
/** Something the caller gave is unusable: a path, an option, a name. Exit code 2. */
class BadInputError extends (/* unused pure expression or super */ null && (KindError)) {
    static kind = (/* unused pure expression or super */ null && ('bad-input'));
}
/** A snapshot failed verification (checksum, size, header, integrity), or a database is damaged. Exit code 3. */
class CorruptError extends (/* unused pure expression or super */ null && (KindError)) {
    static kind = (/* unused pure expression or super */ null && ('corrupt'));
}
/** A database, a target or a snapshot name is in use by another process; retry later. Exit code 4. */
class BusyError extends (/* unused pure expression or super */ null && (KindError)) {
    static kind = (/* unused pure expression or super */ null && ('busy'));
}
/** The store, the snapshot name or the generation asked for does not exist. Exit code 5. */
class NotFoundError extends (/* unused pure expression or super */ null && (KindError)) {
    static kind = (/* unused pure expression or super */ null && ('not-found'));
}
/** Anything else: I/O errors, a full disk, a crash of SQLite. Exit code 1. */
class FailedError extends (/* unused pure expression or super */ null && (KindError)) {
    static kind = (/* unused pure expression or super */ null && ('failed'));
}

;// CONCATENATED MODULE: ./lib/api/index.js
/**
 * sqlite-snapshot as a library: what `import … from 'sqlite-snapshot'` gives. Every export is
 * described in docs/api.md. Nothing reachable from here imports `@actions/*` (checked by
 * test/layout/imports.test.ts): the Action's toolkit stays in the Action's bundle.
 */













/***/ }),

/***/ 65831:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B$: () => (/* binding */ partAssetName),
/* harmony export */   Bj: () => (/* binding */ sha256Of),
/* harmony export */   JT: () => (/* binding */ isSafeAssetName),
/* harmony export */   OK: () => (/* binding */ partIndex),
/* harmony export */   US: () => (/* binding */ DEFAULT_PART_SIZE),
/* harmony export */   Xj: () => (/* binding */ partSizeFrom),
/* harmony export */   Xx: () => (/* binding */ MANIFEST_ASSET_SUFFIX),
/* harmony export */   Zy: () => (/* binding */ contentTypeFor),
/* harmony export */   aA: () => (/* binding */ planRanges),
/* harmony export */   iC: () => (/* binding */ dataAssetName),
/* harmony export */   sU: () => (/* binding */ digestHex),
/* harmony export */   zQ: () => (/* binding */ manifestAssetName)
/* harmony export */ });
/* unused harmony export GITHUB_ASSET_LIMIT */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12399);
/* harmony import */ var _engine_restore_zstd_frames_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44827);




/**
 * How a snapshot is laid out as release assets: `<name>.manifest.json`, and each database's stored
 * file as `<name>.<file>` (or `<name>.<file>.part001`, `.part002`, … past GitHub's per-asset limit).
 * Several snapshots share a release by name. GitHub silently renames anything outside
 * `[A-Za-z0-9._-]` and leading or trailing dots, so only such names are made.
 */
/** GitHub refuses an asset larger than this (`size must be less than or equal to 2147483648`). */
const GITHUB_ASSET_LIMIT = 2 ** 31;
/** Parts stay this far under the limit: room for GitHub to count differently than we do. */
const DEFAULT_PART_SIZE = GITHUB_ASSET_LIMIT - (64 << 20);
const MANIFEST_ASSET_SUFFIX = '.manifest.json';
function manifestAssetName(name) {
    return `${name}${MANIFEST_ASSET_SUFFIX}`;
}
function dataAssetName(name, file) {
    return `${name}.${file.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.+$/, (dots) => '_'.repeat(dots.length))}`;
}
function partAssetName(base, index) {
    return `${base}.part${String(index + 1).padStart(3, '0')}`;
}
/** The parts of `base`, in order, among a release's asset names; empty when it is stored whole. */
function partIndex(base, assetName) {
    if (!assetName.startsWith(`${base}.part`))
        return undefined;
    const digits = assetName.slice(base.length + 5);
    return /^\d{3,}$/.test(digits) ? Number(digits) - 1 : undefined;
}
function isSafeAssetName(name) {
    return /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/.test(name);
}
function contentTypeFor(compression) {
    switch (compression) {
        case 'manifest':
            return 'application/json';
        case 'zstd':
            return 'application/zstd';
        case 'gzip':
            return 'application/gzip';
        default:
            return 'application/vnd.sqlite3';
    }
}
/** `GITHUB_ASSET_LIMIT`-sized parts unless a test or a GHES with another limit says otherwise. */
function partSizeFrom(value) {
    if (value === undefined || value === '')
        return DEFAULT_PART_SIZE;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > GITHUB_ASSET_LIMIT) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`SQLITE_SNAPSHOT_RELEASE_PART_SIZE: "${value}" is not a byte count from 1 to ${GITHUB_ASSET_LIMIT}; unset it for GitHub's limit`);
    }
    return n;
}
/**
 * Byte ranges of a stored file, each at most `partSize`. A zstd file is cut only between frames,
 * so each part is a zstd stream of its own (`zstd -d` takes it alone, `cat` joins them); other
 * files are cut anywhere. A single frame larger than a part (not one of ours) stays whole.
 */
async function planRanges(file, size, compression, partSize) {
    if (size <= partSize)
        return [{ start: 0, size }];
    const cuts = compression === 'zstd' ? await frameBoundaries(file, size) : undefined;
    const ranges = [];
    if (!cuts) {
        for (let start = 0; start < size; start += partSize)
            ranges.push({ start, size: Math.min(partSize, size - start) });
        return ranges;
    }
    let start = 0;
    let last = 0;
    for (const end of cuts) {
        if (end - start > partSize && last > start) {
            ranges.push({ start, size: last - start });
            start = last;
        }
        last = end;
    }
    ranges.push({ start, size: size - start });
    return ranges;
}
/** Frames larger than this are not ours: the file is then cut at fixed sizes. */
const MAX_FRAME_READ = 128 << 20;
/** The end offset of every frame, or undefined when the file is not a sequence of whole frames. */
async function frameBoundaries(file, size) {
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.open(file, 'r');
    try {
        const ends = [];
        let buf = Buffer.allocUnsafe(16 << 20);
        // buf[0, have) holds the file's bytes from `base`; frames are parsed from `at` within it.
        let base = 0;
        let have = 0;
        let at = 0;
        while (base + at < size) {
            const found = (0,_engine_restore_zstd_frames_js__WEBPACK_IMPORTED_MODULE_3__/* .frameEnd */ .h)(buf.subarray(0, have), at);
            if (found === 'invalid')
                return undefined;
            if (found !== 'more') {
                at = found.end;
                ends.push(base + at);
                continue;
            }
            // Keep the unfinished frame, at the front of a buffer large enough for it, and read on.
            if (at === 0 && have === buf.length) {
                if (buf.length >= MAX_FRAME_READ)
                    return undefined;
                const bigger = Buffer.allocUnsafe(buf.length * 2);
                buf.copy(bigger, 0, 0, have);
                buf = bigger;
            }
            else {
                buf.copy(buf, 0, at, have);
                base += at;
                have -= at;
                at = 0;
            }
            const want = Math.min(buf.length - have, size - base - have);
            if (want === 0)
                return undefined;
            const { bytesRead } = await fh.read(buf, have, want, base + have);
            if (bytesRead === 0)
                return undefined;
            have += bytesRead;
        }
        return ends;
    }
    finally {
        await fh.close();
    }
}
async function sha256Of(file, start, size) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.open(file, 'r');
    try {
        const buf = Buffer.allocUnsafe(1 << 20);
        for (let done = 0; done < size;) {
            const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - done), start + done);
            if (bytesRead === 0)
                throw new Error(`${file}: shorter than ${start + size} bytes`);
            hash.update(buf.subarray(0, bytesRead));
            done += bytesRead;
        }
    }
    finally {
        await fh.close();
    }
    return hash.digest('hex');
}
/** GitHub's `sha256:<hex>`; null or absent on assets uploaded before GitHub recorded digests. */
function digestHex(digest) {
    return digest?.startsWith('sha256:') ? digest.slice(7) : undefined;
}


/***/ }),

/***/ 73218:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Id: () => (/* binding */ GitHubHttpError),
  IH: () => (/* binding */ ReleasesClient),
  y_: () => (/* binding */ retryWait)
});

// UNUSED EXPORTS: DEFAULT_RETRY

// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/threads/thread-job.js
var thread_job = __webpack_require__(47104);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
;// CONCATENATED MODULE: ./lib/store/github/releases/http-module.js

/**
 * node:http or node:https, loaded through require rather than an ES module import: the import
 * builds the module's ESM facade by reading every export, and Node 24's `http.WebSocket` getter
 * then loads Node's own undici. That took ~25 ms of every CLI command's start (lib/ is ES modules),
 * release or not: importing the snapshot command 110-122 ms against 86-93 ms. The Action's
 * bundle loads builtins through require already.
 */
const load = (0,external_node_module_.createRequire)(import.meta.url);
function httpModule(url) {
    return url.protocol === 'https:' ? load('node:https') : load('node:http');
}

;// CONCATENATED MODULE: ./lib/store/github/releases/post-file.js


/**
 * Sends the range and reads the answer. The file is opened before this returns (a caller may
 * rename it right after), and closed when the answer is in, not before its last read.
 */
function postFile(job) {
    const url = new URL(job.url);
    const lib = httpModule(url);
    const fd = openFirst(job.names);
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
        // Closed by destroy() below in every case: it waits for a read still running, as closing the
        // descriptor ourselves would not.
        const src = (0,external_node_fs_.createReadStream)('', { fd, start: job.start, end: job.start + job.size - 1, autoClose: false, highWaterMark: 1 << 20 });
        const fail = (err) => {
            src.destroy();
            reject(err instanceof Error ? err : new Error(String(err)));
        };
        const req = lib.request(url, { method: 'POST', headers: job.headers }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('error', fail);
            res.on('end', () => {
                src.destroy();
                resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 });
            });
        });
        req.on('error', fail);
        src.on('error', (err) => req.destroy(err));
        src.pipe(req);
    });
}
function openFirst(names) {
    for (const [i, name] of names.entries()) {
        try {
            return (0,external_node_fs_.openSync)(name, 'r');
        }
        catch (err) {
            if (err.code !== 'ENOENT' || i === names.length - 1)
                throw err;
        }
    }
    throw new Error('postFile: no file named');
}

// EXTERNAL MODULE: ./lib/store/github/releases/upload-thread-start.js
var upload_thread_start = __webpack_require__(79245);
;// CONCATENATED MODULE: ./lib/store/github/releases/client.js





/** A non-2xx answer, with GitHub's own message and error codes kept for the caller to decide on. */
class GitHubHttpError extends errors/* SnapshotError */.JC {
    status;
    body;
    constructor(status, body, message) {
        super(status === 404 ? 'not-found' : status === 401 || status === 403 || status === 422 ? 'bad-input' : 'failed', message);
        this.status = status;
        this.body = body;
    }
    /** GitHub's `errors[].code` values (422 answers): `already_exists`, `custom`, … */
    get codes() {
        try {
            const parsed = JSON.parse(this.body);
            return (parsed.errors ?? []).map((e) => `${e.code ?? ''}:${e.field ?? ''}`);
        }
        catch {
            return [];
        }
    }
    get githubMessage() {
        try {
            const parsed = JSON.parse(this.body);
            return [parsed.message, ...(parsed.errors ?? []).map((e) => e.message)].filter(Boolean).join(': ');
        }
        catch {
            return (0,errors/* oneLine */.TN)(this.body).slice(0, 200);
        }
    }
}
const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 1000, maxWaitMs: 120_000 };
const USER_AGENT = 'sqlite-snapshot';
const API_VERSION = '2022-11-28';
class ReleasesClient {
    base;
    repo;
    token;
    retry;
    log;
    constructor(repo, opts = {}) {
        this.repo = repo;
        this.token = opts.token || undefined;
        this.base = (opts.base ?? (process.env['GITHUB_API_URL'] || 'https://api.github.com')).replace(/\/+$/, '');
        this.retry = opts.retry ?? DEFAULT_RETRY;
        this.log = opts.log ?? (() => undefined);
    }
    get repoName() {
        return `${this.repo.owner}/${this.repo.repo}`;
    }
    get hasToken() {
        return this.token !== undefined;
    }
    get root() {
        return `${this.base}/repos/${encodeURIComponent(this.repo.owner)}/${encodeURIComponent(this.repo.repo)}`;
    }
    headers(extra = {}) {
        return {
            'User-Agent': USER_AGENT,
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': API_VERSION,
            ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
            ...extra,
        };
    }
    async repoInfo() {
        return this.json('GET', this.root);
    }
    async releaseByTag(tag) {
        return this.json('GET', `${this.root}/releases/tags/${encodeURIComponent(tag)}`).catch(notFoundAsUndefined);
    }
    async release(id) {
        return this.json('GET', `${this.root}/releases/${id}`).catch(notFoundAsUndefined);
    }
    /** Every release the token may see (drafts only with push access), in no promised order. */
    async releases() {
        return this.pages(`${this.root}/releases?per_page=100`);
    }
    async assets(releaseId) {
        return this.pages(`${this.root}/releases/${releaseId}/assets?per_page=100`);
    }
    async createRelease(body) {
        return this.json('POST', `${this.root}/releases`, body);
    }
    async updateRelease(id, body) {
        return this.json('PATCH', `${this.root}/releases/${id}`, body);
    }
    async deleteRelease(id) {
        await this.json('DELETE', `${this.root}/releases/${id}`).catch(notFoundAsUndefined);
    }
    async deleteAsset(id) {
        await this.json('DELETE', `${this.root}/releases/assets/${id}`).catch(notFoundAsUndefined);
    }
    /**
     * POSTs a file (or a byte range of it) to the release's upload URL, once: the caller decides
     * what a failure means, since a failed upload may have left a `starter` asset or completed.
     * `file`: a path, or names to try in order (a file being renamed into place). A small file is
     * opened before this returns its promise; a large one is sent from a thread of its own
     * (upload-thread.ts), which opens it as it starts, so that its bytes keep flowing while this
     * thread is busy. `onSent`: how long the request took, timed where it was sent.
     */
    async uploadOnce(release, name, file, range, contentType, onSent) {
        const url = new URL(release.upload_url.replace(/\{[^}]*\}$/, ''));
        url.searchParams.set('name', name);
        const job = { url: url.href, headers: this.headers({ 'Content-Type': contentType, 'Content-Length': String(range.size) }), names: typeof file === 'string' ? [file] : file, start: range.start, size: range.size };
        const res = range.size >= upload_thread_start/* UPLOAD_THREAD_MIN */.wG ? await postOnThread(job) : await postFile(job);
        onSent?.(res.ms);
        if (res.status < 200 || res.status >= 300)
            throw this.httpError(res.status, res.text, `uploading ${name}`, res.headers);
        return JSON.parse(res.text);
    }
    /**
     * The asset's bytes as they arrive: GitHub answers 200, or a 302 to signed storage that is
     * followed without the token. The caller checks size and digest.
     */
    async download(asset) {
        let url = new URL(asset.url);
        let headers = this.headers({ Accept: 'application/octet-stream' });
        for (let hops = 0; hops < 5; hops++) {
            const res = await request(url, 'GET', headers);
            const status = res.statusCode ?? 0;
            if (status >= 300 && status < 400 && res.headers.location) {
                res.resume();
                const next = new URL(res.headers.location, url);
                // The signed URL carries its own authority; a token beside it is refused (and would leak).
                headers = { 'User-Agent': USER_AGENT, Accept: 'application/octet-stream' };
                url = next;
                continue;
            }
            if (status !== 200) {
                const text = await readAll(res).catch(() => '');
                throw this.httpError(status, text, `downloading ${asset.name}`, res.headers);
            }
            return res;
        }
        throw new errors/* SnapshotError */.JC('failed', `downloading ${asset.name}: too many redirects; retry later`);
    }
    async pages(first) {
        const out = [];
        let next = first;
        while (next) {
            const answer = await this.call('GET', next);
            out.push(...JSON.parse(answer.text));
            next = /<([^>]+)>;\s*rel="next"/.exec(header(answer.headers, 'link') ?? '')?.[1];
        }
        return out;
    }
    async json(method, url, body) {
        const answer = await this.call(method, url, body);
        return (answer.text ? JSON.parse(answer.text) : undefined);
    }
    /** A JSON call with retries on 5xx, rate limits and dropped connections. */
    async call(method, url, body) {
        return this.withRetries(`${method} ${new URL(url).pathname}`, async () => {
            const json = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
            const extra = json ? { 'Content-Type': 'application/json', 'Content-Length': String(json.length) } : {};
            const res = await request(new URL(url), method, this.headers(extra), json);
            const text = await readAll(res);
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300)
                throw this.httpError(status, text, `${method} ${new URL(url).pathname}`, res.headers);
            return { status, headers: res.headers, text };
        });
    }
    /** Runs `attempt` until it succeeds, fails for good, or the attempts run out. */
    async withRetries(what, attempt, onRetry) {
        for (let n = 1;; n++) {
            try {
                return await attempt(n);
            }
            catch (err) {
                const wait = retryWait(err, n, this.retry);
                if (wait === undefined || n >= this.retry.attempts)
                    throw err;
                this.log(`${what}: ${describeTransient(err)}; retrying in ${Math.round(wait / 100) / 10} s (attempt ${n + 1} of ${this.retry.attempts})`);
                await new Promise((r) => setTimeout(r, wait));
                if (onRetry)
                    await onRetry(err);
            }
        }
    }
    httpError(status, text, what, headers) {
        const err = new GitHubHttpError(status, text, `GitHub API ${what}: ${status}`);
        rateLimitWaits.set(err, rateLimitWait(status, headers, text));
        return err;
    }
}
/** How long GitHub asked us to wait, for 403/429 answers that are rate limits; undefined otherwise. */
const rateLimitWaits = new WeakMap();
function rateLimitWait(status, headers, text) {
    if (status !== 403 && status !== 429)
        return undefined;
    const after = header(headers, 'retry-after');
    if (after && /^\d+$/.test(after))
        return Number(after) * 1000;
    if (header(headers, 'x-ratelimit-remaining') === '0') {
        const reset = Number(header(headers, 'x-ratelimit-reset'));
        if (Number.isFinite(reset) && reset > 0)
            return Math.max(1000, reset * 1000 - Date.now());
    }
    if (status === 429 || /rate limit/i.test(text))
        return 60_000;
    return undefined;
}
/** The wait before another attempt, or undefined when this failure will not change by retrying. */
function retryWait(err, attempt, policy) {
    const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
    if (err instanceof GitHubHttpError) {
        if (rateLimitWaits.has(err)) {
            const asked = rateLimitWaits.get(err);
            if (asked !== undefined)
                return asked > policy.maxWaitMs ? undefined : Math.max(asked, 100);
        }
        return err.status >= 500 ? backoff : undefined;
    }
    if (err instanceof errors/* SnapshotError */.JC)
        return undefined;
    // Socket errors: the connection dropped, reset or never opened.
    return backoff;
}
function describeTransient(err) {
    if (err instanceof GitHubHttpError)
        return `GitHub answered ${err.status}${err.githubMessage ? ` (${err.githubMessage})` : ''}`;
    const cause = err?.cause?.code;
    return `the connection failed (${cause ?? err?.code ?? (0,errors/* oneLine */.TN)(err)})`;
}
function notFoundAsUndefined(err) {
    if (err instanceof GitHubHttpError && err.status === 404)
        return undefined;
    throw err;
}
/** A response header as one string (node:http lowercases the names). */
function header(h, name) {
    const v = h[name];
    return Array.isArray(v) ? v.join(', ') : v;
}
/** One request over node:http(s), with its body, if any, in one buffer. */
function request(url, method, headers, body) {
    const lib = httpModule(url);
    return new Promise((resolve, reject) => {
        const req = lib.request(url, { method, headers }, resolve);
        req.on('error', reject);
        req.end(body);
    });
}
function postOnThread(job) {
    const worker = (0,upload_thread_start/* startUploadThread */.Kv)(job);
    return new Promise((resolve, reject) => {
        worker.once('message', (m) => (m.answer ? resolve(m.answer) : reject((0,thread_job/* fromThreadError */.tk)(m.error ?? { message: 'the upload thread answered nothing' }))));
        worker.once('error', reject);
        // After its answer, the thread's exit settles nothing.
        worker.once('exit', (code) => reject(new Error(`the upload thread stopped (exit code ${code}) before it answered`)));
    });
}
async function readAll(res) {
    const chunks = [];
    for await (const c of res)
        chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
}


/***/ }),

/***/ 63233:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XZ: () => (/* binding */ describeReleaseError),
/* harmony export */   dC: () => (/* binding */ ACTION_WORDS),
/* harmony export */   tO: () => (/* binding */ API_WORDS)
/* harmony export */ });
/* unused harmony export CLI_WORDS */
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73218);


const ACTION_WORDS = {
    token: 'github-token',
    release: 'release',
    overwrite: 'overwrite: true',
    draft: 'draft: true',
    prereleases: 'prereleases: true',
};
const API_WORDS = {
    token: 'the token option',
    release: 'the ref option',
    overwrite: 'publish.overwrite',
    draft: 'publish.draft',
    prereleases: 'ref.prereleases',
};
const CLI_WORDS = {
    token: 'GITHUB_TOKEN',
    release: '--release',
    overwrite: '--overwrite',
    draft: '--draft',
    prereleases: '--prereleases',
};
/** A REST failure turned into one line a user can act on: a token, a permission, a name, or a retry. */
function describeReleaseError(err, what, repo, words) {
    if (err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC && !(err instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubHttpError */ .Id))
        return err;
    if (err instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubHttpError */ .Id) {
        const said = err.githubMessage ? ` ${err.githubMessage}` : '';
        if (err.status === 401) {
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('bad-input', `${words.token}: GitHub refused the token (401${said}) while ${what}; give a valid token`, { cause: err });
        }
        if (err.status === 403) {
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('bad-input', `${words.token}: may not do this in ${repo} (403${said}) while ${what}; publishing to a release needs contents: write (in a workflow: permissions: contents: write), reading a private repository's releases contents: read`, { cause: err });
        }
        if (err.status === 404) {
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('not-found', `${what}: ${repo} not found (404); check the repository name, and that ${words.token} can read it (a private repository needs a token with contents: read, publishing contents: write)`, { cause: err });
        }
        if (err.status === 422)
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('failed', `${what}: GitHub refused it (422${said})`, { cause: err });
        return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('failed', `${what}: GitHub answered ${err.status}${said}; retry the job, or check https://www.githubstatus.com`, { cause: err });
    }
    const code = err?.cause?.code ?? err?.code;
    return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('failed', `${what}: the connection to GitHub failed (${code ?? (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(err)}); retry the job`, { cause: err });
}


/***/ }),

/***/ 78849:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T: () => (/* binding */ ReleaseStore),
  z7: () => (/* binding */ validateTag)
});

// UNUSED EXPORTS: parseReleaseSpec, twiceOnDamage

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/files.js
var files = __webpack_require__(4933);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: ./lib/store/names.js
var names = __webpack_require__(70073);
// EXTERNAL MODULE: ./lib/store/staging.js
var staging = __webpack_require__(98724);
// EXTERNAL MODULE: ./lib/store/github/releases/assets.js
var releases_assets = __webpack_require__(65831);
// EXTERNAL MODULE: ./lib/store/github/releases/client.js + 2 modules
var releases_client = __webpack_require__(73218);
// EXTERNAL MODULE: ./lib/store/github/releases/errors.js
var releases_errors = __webpack_require__(63233);
// EXTERNAL MODULE: ./lib/engine/common/format.js
var format = __webpack_require__(50715);
;// CONCATENATED MODULE: ./lib/store/github/releases/publisher-mark.js
/**
 * Which step publishes a draft. A draft this tool creates carries, in its notes, an HTML comment
 * (not rendered) naming the snapshot whose step owns the publish. Without it, a re-run of a step
 * whose first run created the draft and then failed (or was cancelled) would find the draft, take
 * it for another step's, attach to it and leave it unpublished for good: the case of a matrix,
 * where the draft outlives a failed creator because other jobs attached their snapshots to it.
 * The comment goes when the draft is published.
 */
const MARK = /<!-- sqlite-snapshot: the step that attaches snapshot "([A-Za-z0-9._-]+)" publishes this draft -->\n?/g;
/** The notes of a draft created for `snapshot` (a name validated by names.ts: no quote, no `-->`). */
function publisherMark(snapshot) {
    return `<!-- sqlite-snapshot: the step that attaches snapshot "${snapshot}" publishes this draft -->\n`;
}
/** The snapshot a draft's notes name as its publisher, if any. */
function markedPublisher(body) {
    return body ? [...body.matchAll(MARK)][0]?.[1] : undefined;
}
/** The notes without the mark, for the publish; undefined when there is none to take out. */
function withoutPublisherMark(body) {
    return body && markedPublisher(body) !== undefined ? body.replace(MARK, '') : undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./lib/store/chunk-reader.js
var chunk_reader = __webpack_require__(74042);
;// CONCATENATED MODULE: ./lib/store/github/releases/read.js










/** A manifest is a few KB; anything this big in its place is not one. */
const MAX_MANIFEST = 16 << 20;
/**
 * The release a restore reads. A tag names one (published, or a draft the token can see); `latest`
 * is the newest *published* release, by publish time, that holds this snapshot name: not GitHub's
 * Latest (ordered by commit date, and meaning the product's release), never a draft, and a
 * prerelease only when asked for.
 */
async function chooseRelease(client, name, ref, words) {
    const manifestName = (0,releases_assets/* manifestAssetName */.zQ)(name);
    const fail = (err, what) => {
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, what, client.repoName, words);
    };
    if ('tag' in ref) {
        let release = await client.releaseByTag(ref.tag).catch((err) => fail(err, `reading release ${ref.tag}`));
        let draft = false;
        if (!release && client.hasToken) {
            // A draft is invisible by tag; a token with push access sees it in the list.
            const all = await client.releases().catch((err) => fail(err, 'listing the releases'));
            release = all.filter((r) => r.draft && r.tag_name === ref.tag).sort((a, b) => a.id - b.id)[0];
            draft = release !== undefined;
        }
        if (!release) {
            throw new errors/* SnapshotError */.JC('not-found', `${words.release}: no release ${ref.tag} in ${client.repoName}; check the tag, and that ${words.token} can read the repository (drafts need push access)`);
        }
        const assets = await client.assets(release.id).catch((err) => fail(err, `listing the assets of release ${ref.tag}`));
        if (!assets.some((a) => a.name === manifestName)) {
            const ours = assets.filter((a) => a.name.endsWith('.manifest.json')).map((a) => a.name.slice(0, -'.manifest.json'.length));
            throw new errors/* SnapshotError */.JC('not-found', `${words.release}: release ${ref.tag} in ${client.repoName} holds no snapshot named "${name}" (no asset ${manifestName})${ours.length ? `; it holds ${ours.map((n) => `"${n}"`).join(', ')}` : ''}; check name`);
        }
        return { release, assets, why: `release ${ref.tag}: ${describe(release)}${draft ? ' (a draft, found by listing)' : ''}` };
    }
    const all = await client.releases().catch((err) => fail(err, 'listing the releases'));
    // published_at has whole seconds: within one second, the release made later (a higher id) wins.
    const published = all
        .filter((r) => !r.draft && r.published_at)
        .sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at) || b.id - a.id);
    const passed = [];
    for (const r of published) {
        if (r.prerelease && !ref.prereleases) {
            passed.push(`${r.tag_name} (a prerelease; set ${words.prereleases} to take prereleases)`);
            continue;
        }
        // The list carries each release's assets; a release with very many is listed in full.
        const assets = r.assets.length >= 100 ? await client.assets(r.id).catch((err) => fail(err, `listing the assets of release ${r.tag_name}`)) : r.assets;
        if (!assets.some((a) => a.name === manifestName)) {
            passed.push(`${r.tag_name} (no snapshot named "${name}")`);
            continue;
        }
        const drafts = all.filter((x) => x.draft).length;
        const why = `release latest: ${r.tag_name}, ${describe(r)}: the newest published release with snapshot "${name}"` +
            (passed.length ? `; passed over, newer: ${passed.slice(0, 5).join(', ')}${passed.length > 5 ? `, and ${passed.length - 5} more` : ''}` : '') +
            (drafts ? `; drafts are never taken (${drafts} seen)` : '');
        return { release: r, assets: await complete(client, r, assets), why };
    }
    throw new errors/* SnapshotError */.JC('not-found', `${words.release}: no published release in ${client.repoName} holds a snapshot named "${name}"${passed.length ? ` (passed over: ${passed.slice(0, 5).join(', ')})` : ''}; check name, or give a tag`);
}
async function complete(client, r, assets) {
    return assets.length > 0 ? assets : client.assets(r.id);
}
function describe(r) {
    return `id ${r.id}, ${r.published_at ? `published ${r.published_at}` : 'not published'}, ${r.prerelease ? 'a prerelease' : 'not a prerelease'}${r.immutable ? ', immutable' : ''}`;
}
/** Reads the manifest asset (checked against GitHub's size and digest) and finds each database's assets. */
async function readReleaseSnapshot(client, chosen, name, words) {
    const label = `snapshot "${name}" of release ${chosen.release.tag_name}`;
    const manifestAsset = chosen.assets.find((a) => a.name === (0,releases_assets/* manifestAssetName */.zQ)(name));
    if (manifestAsset.state !== 'uploaded' || manifestAsset.size > MAX_MANIFEST)
        throw (0,errors/* corrupt */.qb)(`${label}: asset ${manifestAsset.name} is ${manifestAsset.state}, ${manifestAsset.size} bytes: not a manifest sqlite-snapshot wrote`);
    const chunks = [];
    for await (const c of assetChunks(client, manifestAsset, words))
        chunks.push(c);
    const manifestText = Buffer.concat(chunks).toString('utf8');
    const manifest = (0,manifest_manifest/* parseManifest */.Ng)(manifestText, `${label}: ${manifestAsset.name}`);
    const parts = new Map();
    for (const e of manifest.databases)
        parts.set(e.file, assetsOf(chosen.assets, name, e, label));
    return { manifest, manifestText, parts, label };
}
function assetsOf(assets, name, e, label) {
    const base = (0,releases_assets/* dataAssetName */.iC)(name, e.file);
    const whole = assets.find((a) => a.name === base);
    const found = whole
        ? [whole]
        : assets
            .map((a) => ({ a, i: (0,releases_assets/* partIndex */.OK)(base, a.name) }))
            .filter((x) => x.i !== undefined)
            .sort((x, y) => x.i - y.i)
            .map((x, k) => {
            if (x.i !== k)
                throw (0,errors/* corrupt */.qb)(`${label}: part ${k + 1} of ${base} is missing; the release's assets are incomplete`);
            return x.a;
        });
    if (found.length === 0)
        throw (0,errors/* corrupt */.qb)(`${label}: the release has no asset ${base} for database ${e.name}; its assets are incomplete`);
    const total = found.reduce((n, a) => n + a.size, 0);
    const notUploaded = found.find((a) => a.state !== 'uploaded');
    if (notUploaded)
        throw (0,errors/* corrupt */.qb)(`${label}: asset ${notUploaded.name} is ${notUploaded.state}, not uploaded; the snapshot was interrupted, publish it again`);
    if (total !== e.storedSize)
        throw (0,errors/* corrupt */.qb)(`${label}: the assets of ${e.name} hold ${total} bytes, the manifest says ${e.storedSize}; the release's assets are not this snapshot's`);
    return found;
}
/**
 * An asset's bytes as they arrive, checked at the end against GitHub's size and digest: the last
 * chunk is handed on only after both matched, so a reader never reaches a clean end of bad bytes.
 */
async function* assetChunks(client, asset, words) {
    const what = `asset ${asset.name}`;
    let res;
    try {
        res = await client.withRetries(`downloading ${asset.name}`, () => client.download(asset));
    }
    catch (err) {
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, `downloading ${what}`, client.repoName, words);
    }
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let got = 0;
    let held;
    try {
        for await (const chunk of res) {
            got += chunk.length;
            if (got > asset.size)
                throw (0,errors/* corrupt */.qb)(`${what}: the download is longer than the ${asset.size} bytes GitHub lists; refused`);
            hash.update(chunk);
            if (held)
                yield held;
            held = chunk;
        }
    }
    catch (err) {
        if (err instanceof errors/* SnapshotError */.JC)
            throw err;
        throw (0,errors/* corrupt */.qb)(`${what}: the download was cut short (${(0,errors/* oneLine */.TN)(err)})`);
    }
    finally {
        res.destroy();
    }
    if (got !== asset.size)
        throw (0,errors/* corrupt */.qb)(`${what}: the download ended after ${got} of ${asset.size} bytes`);
    const digest = (0,releases_assets/* digestHex */.sU)(asset.digest);
    const ours = hash.digest('hex');
    if (digest !== undefined && digest !== ours)
        throw (0,errors/* corrupt */.qb)(`${what}: the download's sha256 is ${ours}, GitHub's digest says ${digest}; it was damaged on the way or the asset was changed`);
    if (held)
        yield held;
}
async function* entryChunks(client, assets, words) {
    for (const a of assets)
        yield* assetChunks(client, a, words);
}
/** For restoreStreamed: each database decoded as its assets arrive (zstd snapshots only). */
function streamed(client, snap, words) {
    const files = async function* () {
        for (const e of snap.manifest.databases) {
            const chunks = entryChunks(client, snap.parts.get(e.file), words);
            yield { file: e.file, source: new chunk_reader/* ChunkReader */.f(chunks[Symbol.asyncIterator](), (where) => (0,errors/* corrupt */.qb)(`${snap.label}: ${e.file} ${where}`)) };
        }
    };
    return { manifest: snap.manifest, label: snap.label, files: files() };
}
/** Downloads every file of the snapshot into `dir`, as a snapshot directory the engine reads. */
async function downloadTo(client, snap, dir, words, log) {
    for (const e of snap.manifest.databases) {
        const assets = snap.parts.get(e.file);
        await (0,promises_.pipeline)(entryChunks(client, assets, words), (0,external_node_fs_.createWriteStream)(external_node_path_.join(dir, e.file)));
        log(`  ${e.file}: ${(0,format/* formatBytes */.z3)(e.storedSize)} from ${assets.length === 1 ? assets[0].name : `${assets.length} parts`}, GitHub's digest checked`);
    }
    await external_node_fs_.promises.writeFile(external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1), snap.manifestText);
}

;// CONCATENATED MODULE: ./lib/store/github/releases/publish.js










/**
 * Attaches a snapshot directory to a release the way GitHub's immutable releases allow: to a
 * published release only while it is mutable, otherwise to a draft (found by listing, since a
 * draft is invisible by tag, or created), with every asset checked against GitHub's digest before
 * a draft this call created is published. The manifest goes last: its presence means the snapshot
 * is whole. A re-run finds its assets already there and uploads nothing again.
 */
async function publishSnapshot(client, dir, manifest, opts, early, resolved) {
    const planned = await planAssets(dir, manifest, opts.partSize);
    for (let round = 1;; round++) {
        const { release, created, publishes, uploaded } = round === 1 && resolved ? resolved : { ...(await resolveRelease(client, opts, round === 1 ? early : undefined)), uploaded: [] };
        try {
            return await attach(client, { release, created, publishes }, planned, opts, uploaded);
        }
        catch (err) {
            // Another job published the tag first (from its own draft) or removed the draft we took:
            // the assets go to whichever release now holds the tag.
            if (round < 3 && err instanceof Moved) {
                opts.log(`release ${opts.tag}: ${err.message}; attaching to the release that now holds the tag`);
                if (created || publishes)
                    await leaveDraft(client, release, planned, opts);
                continue;
            }
            if (created && !(err instanceof TakenBack))
                await takeBackDraft(client, release, planned, opts);
            throw err;
        }
    }
}
class Moved extends Error {
}
/**
 * Whether a release holds nothing but the assets named: a draft this call created may be deleted
 * whole only then, as other jobs of a matrix sharing the tag may have attached their snapshots.
 */
function holdsOnly(held, names) {
    return held.every((a) => names.has(a.name));
}
/**
 * A draft this step created, deleted when it holds nothing but assets named in `ours`; otherwise
 * kept, and what it holds is returned (undefined: deleted).
 */
async function deleteIfOnly(client, release, ours) {
    const held = await client.assets(release.id);
    if (!holdsOnly(held, ours))
        return held;
    await client.deleteRelease(release.id);
    return undefined;
}
/**
 * The draft this call created (or took over from an earlier run of this step, to publish it),
 * left for the release that took the tag first: deleted, unless other jobs attached their
 * snapshots to it meanwhile. Those stay where they are (GitHub moves no asset between releases),
 * and only this snapshot's assets go.
 */
async function leaveDraft(client, release, planned, opts) {
    const ours = new Set(planned.map((p) => p.name));
    try {
        const kept = await deleteIfOnly(client, release, ours);
        if (!kept)
            return;
        for (const a of kept)
            if (ours.has(a.name))
                await client.deleteAsset(a.id);
        opts.log(keptDraftLine(opts, release, kept, 're-run their steps to attach them to the release that now holds the tag'));
    }
    catch (err) {
        if (err instanceof releases_client/* GitHubHttpError */.Id && err.status === 404)
            return;
        opts.log(`release ${opts.tag}: could not take this snapshot off draft release id ${release.id}, which this step created (${(0,errors/* oneLine */.TN)(err)}); delete what is left of it by hand`);
    }
}
/** A failure whose snapshot checkAll has already taken back. */
class TakenBack extends errors/* SnapshotError */.JC {
}
/**
 * After a failed upload, the draft this call created goes, when it holds nothing but this
 * snapshot's assets, so that a re-run starts afresh. One that other jobs of a matrix attached to
 * stays, for them, and a re-run of this step publishes it (publisher-mark.ts).
 */
async function takeBackDraft(client, release, planned, opts) {
    try {
        const kept = await deleteIfOnly(client, release, new Set(planned.map((p) => p.name)));
        opts.log(kept ? keptDraftLine(opts, release, kept) : `release ${opts.tag}: deleted draft release id ${release.id}, which this step created, so that a re-run starts afresh`);
    }
    catch (err) {
        opts.log(`release ${opts.tag}: could not delete draft release id ${release.id}, which this step created (${(0,errors/* oneLine */.TN)(err)}); a re-run of this step attaches to it`);
    }
}
async function planAssets(dir, manifest, partSize) {
    const out = [];
    for (const e of manifest.databases) {
        const file = external_node_path_.join(dir, e.file);
        const base = (0,releases_assets/* dataAssetName */.iC)(manifest.name, e.file);
        const ranges = await (0,releases_assets/* planRanges */.aA)(file, e.storedSize, e.compression, partSize);
        for (const [i, r] of ranges.entries()) {
            out.push({
                name: ranges.length === 1 ? base : (0,releases_assets/* partAssetName */.B$)(base, i),
                file,
                ...r,
                sha256: ranges.length === 1 ? e.storedSha256 : await (0,releases_assets/* sha256Of */.Bj)(file, r.start, r.size),
                contentType: (0,releases_assets/* contentTypeFor */.Zy)(e.compression),
            });
        }
    }
    const manifestFile = external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1);
    const { size } = await external_node_fs_.promises.stat(manifestFile);
    out.push({ name: (0,releases_assets/* manifestAssetName */.zQ)(manifest.name), file: manifestFile, start: 0, size, sha256: await (0,releases_assets/* sha256Of */.Bj)(manifestFile, 0, size), contentType: (0,releases_assets/* contentTypeFor */.Zy)('manifest') });
    const seen = new Set();
    for (const a of out) {
        if (!(0,releases_assets/* isSafeAssetName */.JT)(a.name))
            throw (0,errors/* badInput */.AN)(`name: "${manifest.name}" makes the asset name ${a.name}, which GitHub would rename; use letters, digits, "_" and "-" around the dots`);
        if (seen.has(a.name))
            throw (0,errors/* badInput */.AN)(`name: two files of snapshot "${manifest.name}" would share the asset name ${a.name}; rename one database`);
        seen.add(a.name);
    }
    return out;
}
/**
 * Looks the tag up: `published` when the caller has already asked for the tag's release (a
 * front door's check, taken beside the snapshot), else asked here.
 */
async function lookUpTag(client, tag, words, published) {
    const found = published !== undefined
        ? published
        : await client.releaseByTag(tag).catch((err) => {
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `reading release ${tag}`, client.repoName, words);
        });
    if (found)
        return { published: found, drafts: [] };
    return { published: undefined, drafts: await draftsOf(client, tag, words) };
}
/** The log line for a draft this step created, kept because other snapshots are attached to it too. */
function keptDraftLine(opts, release, held, then = 'a re-run of this step publishes it') {
    const others = held.map((a) => a.name).filter((n) => n.endsWith(releases_assets/* MANIFEST_ASSET_SUFFIX */.Xx) && n !== (0,releases_assets/* manifestAssetName */.zQ)(opts.snapshot));
    return `release ${opts.tag}: kept draft release id ${release.id}, which this step created: other snapshots are attached to it${others.length > 0 ? ` (${others.join(', ')})` : ''}; ${then}`;
}
/**
 * The release for the tag: published (if mutable), else the oldest draft, else a new draft.
 * `early`: the tag as looked up while the snapshot was taken; whatever changed since shows up
 * as a refusal that sends publishSnapshot round again with a fresh look.
 */
async function resolveRelease(client, opts, early) {
    const { tag, words } = opts;
    for (let attempt = 1;; attempt++) {
        const { published, drafts } = attempt === 1 && early ? early : await lookUpTag(client, tag, words);
        if (published) {
            if (published.immutable)
                throw immutableRefused(tag, client.repoName, words);
            opts.log(`release ${tag}: published release id ${published.id} (${published.html_url}), mutable: attaching to it`);
            return { release: published, created: false, publishes: false };
        }
        if (drafts[0]) {
            const many = drafts.length > 1 ? ` (${drafts.length} drafts carry the tag; the oldest is used)` : '';
            // Left unpublished by an earlier run of this step, which created it and then failed.
            if (!opts.draft && markedPublisher(drafts[0].body) === opts.snapshot) {
                opts.log(`release ${tag}: draft release id ${drafts[0].id} exists for this tag, created by an earlier run of this step (its notes name snapshot "${opts.snapshot}" as its publisher): attaching to it, and publishing it${many}`);
                return { release: drafts[0], created: false, publishes: true };
            }
            opts.log(`release ${tag}: draft release id ${drafts[0].id} exists for this tag: attaching to it, not creating another${many}`);
            return { release: drafts[0], created: false, publishes: false };
        }
        let mine;
        try {
            mine = await client.createRelease({
                tag_name: tag,
                name: tag,
                draft: true,
                prerelease: opts.prerelease,
                make_latest: 'false',
                ...(opts.targetCommitish ? { target_commitish: opts.targetCommitish } : {}),
                // A draft left for a later step to publish names no publisher.
                ...(opts.draft ? {} : { body: publisherMark(opts.snapshot) }),
            });
        }
        catch (err) {
            // A published release took the tag since we looked: go round and attach to it.
            if (err instanceof releases_client/* GitHubHttpError */.Id && err.status === 422 && /immutable/i.test(err.body))
                throw immutableRefused(tag, client.repoName, words);
            if (attempt < 3 && err instanceof releases_client/* GitHubHttpError */.Id && err.status === 422 && err.codes.includes('already_exists:tag_name'))
                continue;
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `creating a draft release for ${tag}`, client.repoName, words);
        }
        // Two jobs that both found nothing each made a draft: the oldest is kept, the others deleted
        // by their makers (empty, so nothing is lost), and everyone attaches to the oldest.
        const oldest = (await draftsOf(client, tag, words))[0];
        if (oldest && oldest.id < mine.id) {
            await client.deleteRelease(mine.id);
            opts.log(`release ${tag}: another job created draft id ${oldest.id} for this tag at the same time: deleted ours (id ${mine.id}) and attaching to that one`);
            return { release: oldest, created: false, publishes: false };
        }
        opts.log(`release ${tag}: created draft release id ${mine.id} (make_latest: false)`);
        return { release: mine, created: true, publishes: !opts.draft };
    }
}
async function draftsOf(client, tag, words) {
    const all = await client.releases().catch((err) => {
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, `listing the releases`, client.repoName, words);
    });
    return all.filter((r) => r.draft && r.tag_name === tag).sort((a, b) => a.id - b.id);
}
async function attach(client, choice, planned, opts, uploaded) {
    const { release, created, publishes } = choice;
    const tag = opts.tag;
    const where = `release ${tag} (id ${release.id})`;
    // A draft this call has just made holds nothing yet but what was uploaded to it early.
    let existing = created ? uploaded : await listAssets(client, release, opts);
    if (existing.length + planned.length > 1000) {
        const missing = planned.filter((p) => !existing.some((a) => a.name === p.name)).length;
        if (existing.length + missing > 1000) {
            throw (0,errors/* badInput */.AN)(`release: ${where} holds ${existing.length} assets and GitHub allows 1000; this snapshot needs ${missing} more; delete old assets or use another tag`);
        }
    }
    const assets = [];
    /** What each asset must be when listed at the end: ours, or the earlier manifest of the same snapshot. */
    const expected = new Map(planned.map((p) => [p.name, { size: p.size, sha256: p.sha256 }]));
    let uploadedBytes = 0;
    let skipped = 0;
    for (const p of planned) {
        const there = existing.find((a) => a.name === p.name);
        if (there && sameContent(there, p) && uploaded.some((a) => a.id === there.id)) {
            assets.push(there);
            uploadedBytes += p.size;
            continue;
        }
        if (there && sameContent(there, p)) {
            opts.log(`  ${p.name}: already attached with the same size and digest (a re-run): kept`);
            assets.push(there);
            skipped++;
            continue;
        }
        // A re-run's manifest differs from the first run's only in times when its databases are the
        // same bytes: that snapshot is attached already, and its manifest stands.
        if (there && p === planned.at(-1) && (await sameSnapshot(client, there, p, opts))) {
            opts.log(`  ${p.name}: the same snapshot is attached already (same databases, same checksums; taken earlier): kept`);
            expected.set(p.name, { size: there.size, sha256: (0,releases_assets/* digestHex */.sU)(there.digest) ?? '' });
            assets.push(there);
            skipped++;
            continue;
        }
        if (there && there.state === 'uploaded') {
            if (!opts.overwrite) {
                throw (0,errors/* badInput */.AN)(`${opts.words.release}: ${where} already has an asset ${p.name} with other content (${(0,format/* formatBytes */.z3)(there.size)}, ${there.digest ?? 'no digest'}); set ${opts.words.overwrite} to replace it, or choose another name`);
            }
            opts.log(`  ${p.name}: replacing the asset already there (${opts.words.overwrite})`);
        }
        if (there)
            await client.deleteAsset(there.id);
        const asset = await upload(client, release, p, opts);
        assets.push(asset);
        uploadedBytes += p.size;
        existing = existing.filter((a) => a.name !== p.name);
    }
    await checkAll(client, release, created, expected, planned.at(-1)?.name, opts);
    let final = release;
    let published = !release.draft;
    if (release.draft && publishes) {
        const body = withoutPublisherMark(release.body);
        try {
            final = await client.updateRelease(release.id, { draft: false, make_latest: opts.makeLatest ? 'true' : 'false', ...(body !== undefined ? { body } : {}) });
        }
        catch (err) {
            if (err instanceof releases_client/* GitHubHttpError */.Id && err.status === 422 && /already_exists|tag_name/i.test(err.body))
                throw new Moved('another job published a release with this tag first');
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `publishing ${where}`, client.repoName, opts.words);
        }
        published = true;
        opts.log(`release ${tag}: published (make_latest: ${opts.makeLatest ? 'true' : 'false'}) at ${final.html_url}`);
    }
    else if (release.draft) {
        opts.log(`release ${tag}: left as a draft (${created ? opts.words.draft : 'another step created it; that step publishes it'})`);
    }
    else if (opts.makeLatest) {
        final = await client.updateRelease(release.id, { make_latest: 'true' });
    }
    // Download URLs name the tag only once the release is published: report them as they are now.
    // The release GitHub answered the publish with carries them, when it lists every one of ours.
    const listed = (a) => planned.every((p) => a?.some((x) => x.name === p.name));
    const now = final === release ? assets : listed(final.assets) ? final.assets : await listAssets(client, final, opts);
    const ordered = planned.map((p) => now.find((a) => a.name === p.name) ?? assets.find((a) => a.name === p.name));
    return { release: final, assets: ordered, created, published, uploadedBytes, skipped };
}
async function listAssets(client, release, opts) {
    try {
        return await client.assets(release.id);
    }
    catch (err) {
        if (err instanceof releases_client/* GitHubHttpError */.Id && err.status === 404)
            throw new Moved(`release id ${release.id} is gone`);
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, `listing the assets of release ${opts.tag}`, client.repoName, opts.words);
    }
}
/** The manifest asset there lists the same stored files, sizes and sha256s as ours. */
async function sameSnapshot(client, there, p, opts) {
    if (there.state !== 'uploaded' || there.size > 16 << 20)
        return false;
    try {
        const chunks = [];
        for await (const c of assetChunks(client, there, opts.words))
            chunks.push(c);
        const theirs = (0,manifest_manifest/* parseManifest */.Ng)(Buffer.concat(chunks).toString('utf8'), there.name);
        const ours = (0,manifest_manifest/* parseManifest */.Ng)(await external_node_fs_.promises.readFile(p.file, 'utf8'), p.file);
        const key = (m) => JSON.stringify(m.databases.map((e) => [e.name, e.file, e.storedSize, e.storedSha256]));
        return theirs.name === ours.name && key(theirs) === key(ours);
    }
    catch {
        // Not a manifest we can read: it is other content, which overwrite decides on.
        return false;
    }
}
function sameContent(a, p) {
    return a.state === 'uploaded' && a.size === p.size && (0,releases_assets/* digestHex */.sU)(a.digest) === p.sha256;
}
/**
 * One asset, retried on 5xx, rate limits and dropped connections. A failed upload may have left
 * a `starter` asset holding the name (a blind retry would get `already_exists`) or may in fact have
 * completed: after each failure the asset list decides between keeping, deleting and uploading again.
 */
async function upload(client, release, p, opts) {
    const what = `uploading ${p.name} (${(0,format/* formatBytes */.z3)(p.size)})`;
    const attempts = 5;
    for (let n = 1;; n++) {
        let failure;
        try {
            const asset = await client.uploadOnce(release, p.name, p.file, p, p.contentType);
            if (asset.name !== p.name) {
                await client.deleteAsset(asset.id);
                throw new errors/* SnapshotError */.JC('failed', `${what}: GitHub stored it as ${asset.name}; report this as a bug of sqlite-snapshot`);
            }
            if (storedAsSent(asset, p.size, p.sha256)) {
                opts.log(`  ${p.name}: uploaded, ${(0,format/* formatBytes */.z3)(p.size)}, ${digestWords(asset)}`);
                return asset;
            }
            await client.deleteAsset(asset.id);
            failure = new releases_client/* GitHubHttpError */.Id(502, '', `GitHub stored ${asset.size} bytes with digest ${asset.digest ?? 'none'}, not ours`);
        }
        catch (err) {
            failure = err;
        }
        if (failure instanceof releases_client/* GitHubHttpError */.Id && failure.status === 422 && /immutable/i.test(failure.body))
            throw immutableRefused(opts.tag, client.repoName, opts.words);
        if (failure instanceof releases_client/* GitHubHttpError */.Id && failure.status === 404)
            throw new Moved(`release id ${release.id} is gone`);
        const taken = failure instanceof releases_client/* GitHubHttpError */.Id && failure.status === 422 && failure.codes.includes('already_exists:name');
        const wait = taken ? 0 : (0,releases_client/* retryWait */.y_)(failure, n, { attempts, baseDelayMs: 1000, maxWaitMs: 120_000 });
        if (wait === undefined || n >= attempts)
            throw (0,releases_errors/* describeReleaseError */.XZ)(failure, what, client.repoName, opts.words);
        opts.log(`  ${p.name}: ${failureText(failure)}; checking the release's assets, then trying again${wait ? ` in ${(wait / 1000).toFixed(1)} s` : ''} (attempt ${n + 1} of ${attempts})`);
        if (wait)
            await new Promise((r) => setTimeout(r, wait));
        const there = (await listAssets(client, release, opts)).find((a) => a.name === p.name);
        if (there?.state === 'uploaded' && storedAsSent(there, p.size, p.sha256)) {
            opts.log(`  ${p.name}: the interrupted upload had completed (state uploaded, ${digestWords(there)}): kept`);
            return there;
        }
        if (there) {
            // Uploaded bytes that are not ours are another job's, whether its upload completed before
            // ours began (422 already_exists) or while ours was failing: ours, had it completed, would
            // carry our digest. Only a `starter`, which holds no bytes, is the failed upload's leftover.
            if (there.state === 'uploaded') {
                if (!opts.overwrite)
                    throw (0,errors/* badInput */.AN)(`${opts.words.release}: release ${opts.tag} got another asset ${p.name} while this one uploaded; set ${opts.words.overwrite} to replace it, or choose another name`);
                opts.log(`  ${p.name}: replacing the asset another upload put there meanwhile (id ${there.id}, ${opts.words.overwrite})`);
            }
            else {
                opts.log(`  ${p.name}: deleting the ${there.state} asset the failed upload left (id ${there.id})`);
            }
            await client.deleteAsset(there.id);
        }
    }
}
/** GitHub stored the bytes we sent: our size, and its digest ours (servers without digests: by size). */
function storedAsSent(asset, size, sha256) {
    const digest = (0,releases_assets/* digestHex */.sU)(asset.digest);
    return asset.size === size && (digest === undefined || digest === sha256);
}
/** How an uploaded asset was checked, for the log (after storedAsSent). */
function digestWords(asset) {
    const digest = (0,releases_assets/* digestHex */.sU)(asset.digest);
    return digest ? `digest sha256:${digest.slice(0, 12)}… matches` : 'GitHub gave no digest; checked by size';
}
function failureText(err) {
    if (err instanceof releases_client/* GitHubHttpError */.Id)
        return `GitHub answered ${err.status}${err.githubMessage ? ` (${err.githubMessage})` : ''}`;
    const code = err?.code;
    return `the upload failed (${code ?? (0,errors/* oneLine */.TN)(err)})`;
}
/**
 * Every asset as GitHub now lists it: state `uploaded`, the size and GitHub's digest expected.
 * Should one differ, the snapshot is taken back before the step fails, so that a re-run uploads it
 * afresh instead of finding other content under its names: the draft this call created, whole,
 * when it holds nothing else; otherwise the manifest first (no reader may take a snapshot with a
 * part missing) and each asset that differs, while the assets that passed stay for a re-run to keep.
 */
async function checkAll(client, release, created, expected, manifest, opts) {
    const listed = await listAssets(client, release, opts);
    const wrong = [...expected].flatMap(([name, want]) => {
        const a = listed.find((x) => x.name === name);
        // GitHub Enterprise Server versions without digests: size and state are all there is to check.
        if (a && a.state === 'uploaded' && storedAsSent(a, want.size, want.sha256))
            return [];
        return [{ name, want, a, found: a ? `${a.state}, ${a.size} bytes, ${a.digest ?? 'no digest'}` : 'missing' }];
    });
    if (wrong.length === 0) {
        opts.log(`release ${opts.tag}: all ${expected.size} assets checked (state uploaded, size and GitHub's sha256 digest equal to ours)`);
        return;
    }
    const first = wrong[0];
    const failure = `release ${opts.tag}: asset ${first.name} is ${first.found} after the upload, expected uploaded, ${first.want.size} bytes, sha256:${first.want.sha256}`;
    let taken;
    if (created && holdsOnly(listed, expected)) {
        taken = await client.deleteRelease(release.id).then(() => `deleted the draft release id ${release.id} this step created, so that a re-run starts afresh`, (err) => `could not delete the draft release id ${release.id} this step created (${(0,errors/* oneLine */.TN)(err)}): delete it by hand`);
    }
    else {
        const doomed = [...listed.filter((a) => a.name === manifest && !wrong.some((w) => w.name === a.name)), ...wrong.flatMap((w) => (w.a ? [w.a] : []))];
        const left = [];
        for (const a of doomed)
            await client.deleteAsset(a.id).catch(() => left.push(a.name));
        const names = doomed.map((a) => a.name).join(' and ');
        taken = left.length > 0 ? `could not delete ${left.join(', ')}: delete them by hand` : doomed.length > 0 ? `deleted ${names}, so that a re-run uploads ${doomed.length > 1 ? 'them' : 'it'} again` : 'none of it is listed';
    }
    throw new TakenBack('failed', `${failure}; ${taken}; retry the job`);
}
function immutableRefused(tag, repo, words) {
    return (0,errors/* badInput */.AN)(`${words.release}: ${tag} in ${repo} is a published immutable release, and GitHub accepts no new assets on one; attach the snapshot while the release is a draft: run this step before the release is published (${words.draft} here, and publish in a later step)`);
}

// EXTERNAL MODULE: ./lib/store/github/releases/upload-thread-start.js
var upload_thread_start = __webpack_require__(79245);
;// CONCATENATED MODULE: ./lib/store/github/releases/early-upload.js





/**
 * Each stored file uploaded as soon as its bytes are whole, while the engine still checks the
 * snapshot (SnapshotOptions.checkAfterCopy): GitHub needs an asset's length before its first
 * byte, so nothing can go up while the file grows, but the integrity check need not come first.
 * 256 MiB text database, 100 MB/s: the check's ~0.25 s of CPU then runs during the 0.3 s upload
 * instead of taking a core from the compression.
 *
 * The release is found, or its draft created, once a copy starts (the snapshot got past opening
 * its databases), so the round trips run beside the copy. Nothing here is the snapshot until the
 * manifest follows at commit; a snapshot that fails first takes back what went up early
 * (`discard`): the draft this made (unless other jobs attached to it meanwhile), or the assets it
 * added to an existing release. Each early
 * upload is tried once; one that fails is left to the commit's upload, which retries and clears
 * what a failed attempt left. Log lines wait for the commit, to appear in its log group.
 */
class EarlyUpload {
    client;
    opts;
    name;
    ready;
    /** The release, and the names of the assets it held before (none on a draft this made). */
    release;
    uploads = [];
    /** The asset names of the files followed: what a failed early upload may have left, too. */
    names = new Set();
    lines = [];
    /** When the first early upload started (performance.now()), if one did. */
    sendingSince;
    /** `ready`: the tag as looked up beside the snapshot, once publishing is known to be allowed. */
    constructor(client, name, opts, ready) {
        this.client = client;
        this.name = name;
        this.opts = { ...opts, log: (line) => this.lines.push(line) };
        this.ready = ready;
        // Refused publishing fails the step through the store's own checks; here it only means no release.
        ready.catch(() => undefined);
    }
    /** For Staging.onStoredFile. */
    follow(w) {
        // Booted while the copy runs, it takes the bytes the moment they are whole.
        (0,upload_thread_start/* warmUploadThread */.BQ)(w.sourceSize);
        this.names.add((0,releases_assets/* dataAssetName */.iC)(this.name, w.file));
        this.release ??= this.ready.then(async (early) => {
            const choice = await resolveRelease(this.client, this.opts, early);
            return { ...choice, held: new Set(choice.created ? [] : (await this.client.assets(choice.release.id)).map((a) => a.name)) };
        });
        this.release.catch(() => undefined);
        const up = w.copied.then((bytes) => (bytes.size > this.opts.partSize ? undefined : this.uploadOne(w, bytes)));
        up.catch(() => undefined);
        this.uploads.push(up);
    }
    async uploadOne(w, bytes) {
        const { release, held } = await this.release;
        const name = (0,releases_assets/* dataAssetName */.iC)(this.name, w.file);
        // A name taken already (a re-run, or other content that `overwrite` decides on): the commit's
        // upload knows what to do, and a re-run sends nothing.
        if (held.has(name))
            return undefined;
        try {
            this.sendingSince ??= performance.now();
            let sentMs = 0;
            // The engine renames the file into place once the snapshot is checked (from a copy read
            // directly, some time after `copied`; from the backup API or VACUUM INTO, right after):
            // either name holds the same bytes.
            const asset = await this.client.uploadOnce(release, name, [w.writing, w.path], { start: 0, size: bytes.size }, (0,releases_assets/* contentTypeFor */.Zy)(w.compression), (ms) => (sentMs = ms));
            if (asset.name === name && asset.state === 'uploaded' && storedAsSent(asset, bytes.size, bytes.sha256)) {
                this.lines.push(`  ${name}: uploaded as soon as it was whole, ${(0,format/* formatBytes */.z3)(bytes.size)} in ${(0,format/* formatDuration */.a3)(sentMs)}, ${digestWords(asset)}`);
                return asset;
            }
            // Not what we sent: gone again, and uploaded by the commit.
            await this.client.deleteAsset(asset.id);
            return undefined;
        }
        catch (err) {
            this.lines.push(`  ${name}: ${failureText(err)} (uploading it as soon as it was whole); uploading it again`);
            return undefined;
        }
    }
    /** The release and what went up, for the commit; undefined when no release was resolved. Flushes the log lines held so far. */
    async settled(log) {
        const uploaded = (await Promise.all(this.uploads.map((u) => u.catch(() => undefined)))).filter((a) => a !== undefined);
        const resolved = await this.release?.catch(() => undefined);
        for (const line of this.lines.splice(0))
            log(line);
        return resolved ? { release: resolved.release, created: resolved.created, publishes: resolved.publishes, uploaded } : undefined;
    }
    /** Takes back what went up for a snapshot that failed before its commit. */
    async discard(log) {
        const resolved = await this.settled(() => undefined);
        if (!resolved)
            return;
        try {
            // Other jobs of a matrix may have attached their snapshots to the draft this one created.
            if (resolved.created) {
                const kept = await deleteIfOnly(this.client, resolved.release, this.names);
                if (!kept) {
                    log(`release ${this.opts.tag}: deleted draft release id ${resolved.release.id}, which this snapshot created before it failed`);
                    return;
                }
                log(keptDraftLine(this.opts, resolved.release, kept));
            }
            for (const a of resolved.uploaded) {
                await this.client.deleteAsset(a.id);
                log(`release ${this.opts.tag}: deleted ${a.name}, uploaded before the snapshot failed`);
            }
        }
        catch (err) {
            log(`release ${this.opts.tag}: could not take back what this failed snapshot uploaded (${(0,errors/* oneLine */.TN)(err)}); delete it by hand`);
        }
    }
}

// EXTERNAL MODULE: ./lib/store/while-checking.js
var while_checking = __webpack_require__(46557);
;// CONCATENATED MODULE: ./lib/store/github/releases/store.js















/**
 * Snapshots as GitHub release assets: kept as long as the release, not 90 days. A generation is a
 * release (its tag); several snapshot names share one release. See publish.ts for the draft flow
 * that immutable releases need, and read.ts for how `latest` is chosen.
 */
class ReleaseStore {
    client;
    opts;
    tempRoot;
    log;
    /** What the last commit published, for front doors to report. */
    lastPublished;
    constructor(opts) {
        this.opts = { ...opts, words: opts.words ?? releases_errors/* API_WORDS */.tO };
        this.log = opts.log ?? (() => undefined);
        this.client = new releases_client/* ReleasesClient */.IH(opts.repository, { ...(opts.token ? { token: opts.token } : {}), ...(opts.apiUrl ? { base: opts.apiUrl } : {}), log: this.log });
        this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? external_node_os_.tmpdir();
    }
    get description() {
        const r = this.opts.ref;
        return `${'tag' in r ? `release ${r.tag}` : `the latest release${r.prereleases ? ' (prereleases included)' : ''}`} of ${this.client.repoName}`;
    }
    canPublish;
    /** What checkCanPublish learnt: the tag's published release, if any, is where publishing starts. */
    asked;
    /**
     * Fails when publishing cannot work: no token, no such repository, or a published immutable
     * release for the tag. Asked of GitHub once; `begin` starts it and the upload waits for it, so
     * the round trips run beside the snapshot. A front door that wants the snapshot stopped as soon
     * as it fails takes the snapshot through `whileChecking`.
     */
    checkCanPublish() {
        if (this.canPublish)
            return this.canPublish;
        this.refuseUnpublishable();
        this.asked = this.askCanPublish();
        this.canPublish = this.asked.then(({ isPublic }) => ({ isPublic }));
        // Awaited by the upload, which may come after it failed: not an unhandled rejection meanwhile.
        this.canPublish.catch(() => undefined);
        return this.canPublish;
    }
    /**
     * Runs `run` (a snapshot into this store) while the publishing checks run: `signal` is aborted
     * if they fail, and the snapshot's failure then reads as the checks' own error.
     */
    whileChecking(run) {
        return (0,while_checking/* whileChecking */.k)(this.checkCanPublish(), run);
    }
    /** What needs no request: refused before anything starts. */
    refuseUnpublishable() {
        if (!('tag' in this.opts.ref))
            throw (0,errors/* badInput */.AN)(`${this.opts.words.release}: "latest" names a release to read; give the tag to publish to`);
        if (!this.client.hasToken)
            throw (0,errors/* badInput */.AN)(`${this.opts.words.token}: is empty; publishing to a release needs a token with contents: write`);
    }
    async askCanPublish() {
        const ref = this.opts.ref;
        const info = await this.client.repoInfo().catch((err) => {
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `reading repository ${this.client.repoName}`, this.client.repoName, this.opts.words);
        });
        // Refused before anything is uploaded: nothing can be attached to it (publish.ts checks again).
        const published = await this.client.releaseByTag(ref.tag).catch(() => undefined);
        if (published?.immutable)
            throw immutableRefused(ref.tag, this.client.repoName, this.opts.words);
        return { isPublic: !info.private, published };
    }
    async begin(name) {
        (0,names/* validateName */.yS)(name);
        const ready = this.checkCanPublish();
        const ref = this.opts.ref;
        // The release and drafts for the tag, looked up beside the snapshot too (read only: a draft is
        // created only once a copy has started, by the early upload).
        const looked = this.asked.then(({ published }) => lookUpTag(this.client, ref.tag, this.opts.words, published ?? null));
        looked.catch(() => undefined);
        const p = this.opts.publish ?? {};
        const publishOpts = {
            tag: ref.tag,
            snapshot: name,
            draft: p.draft ?? false,
            prerelease: p.prerelease ?? false,
            makeLatest: p.makeLatest ?? false,
            overwrite: p.overwrite ?? false,
            partSize: p.partSize ?? releases_assets/* DEFAULT_PART_SIZE */.US,
            ...(p.targetCommitish ? { targetCommitish: p.targetCommitish } : {}),
            words: this.opts.words,
            log: this.log,
        };
        const early = new EarlyUpload(this.client, name, publishOpts, ready.then(() => looked.catch(() => undefined)));
        return (0,staging/* stagedUpload */.Y)(this.tempRoot, async (dir) => {
            const committing = performance.now();
            await ready;
            // A failed look is taken again by publishSnapshot, which reports what failed.
            const tagState = await looked.catch(() => undefined);
            const manifest = await (0,manifest_manifest/* readManifest */.WI)(dir);
            const resolved = await early.settled(this.log);
            const done = await publishSnapshot(this.client, dir, manifest, publishOpts, tagState, resolved);
            this.lastPublished = done;
            return {
                name,
                generation: done.release.tag_name,
                location: done.release.html_url,
                details: {
                    releaseId: done.release.id,
                    releaseUrl: done.release.html_url,
                    size: done.assets.reduce((n, a) => n + a.size, 0),
                    uploaded: done.uploadedBytes,
                    // From the first byte sent, which may be well before the commit (early-upload.ts).
                    uploadMs: Math.round(performance.now() - Math.min(committing, early.sendingSince ?? committing)),
                },
            };
        }, { onStoredFile: (w) => early.follow(w), discard: () => early.discard(this.log) });
    }
    /** The chosen release's snapshot, downloaded into a temp directory with every digest checked. */
    async open(name, select = {}) {
        const snap = await this.find(name, select);
        await external_node_fs_.promises.mkdir(this.tempRoot, { recursive: true });
        const dir = await external_node_fs_.promises.mkdtemp(external_node_path_.join(this.tempRoot, 'sqlite-snapshot-download-'));
        try {
            await downloadTo(this.client, snap.snap, dir, this.opts.words, this.log);
        }
        catch (err) {
            await (0,files/* removeQuietly */.S2)(dir);
            throw err;
        }
        return { name, generation: snap.tag, dir, close: async () => (0,files/* removeQuietly */.S2)(dir) };
    }
    /**
     * The chosen release's snapshot read as it downloads (the API's restore decodes it as it
     * arrives); undefined when a database is not zstd (only zstd frames are decoded from a stream),
     * for which `open` serves.
     */
    async openStream(name, select = {}) {
        const found = await this.find(name, select);
        if (!found.snap.manifest.databases.every((e) => e.compression === 'zstd'))
            return undefined;
        // Nothing to end: each asset is fetched only as the decoder asks for it.
        return { name, generation: found.tag, snapshot: streamed(this.client, found.snap, this.opts.words), close: async () => undefined };
    }
    /** A release asset damaged on the way is fetched once more (GitHub's digest or our checksums caught it); twice is the asset itself. */
    retryDamaged(read) {
        return twiceOnDamage(read, this.log);
    }
    cached;
    async find(name, select) {
        (0,names/* validateName */.yS)(name);
        if (select.at)
            throw (0,errors/* badInput */.AN)(`${this.opts.words.release}: release snapshots are chosen by tag or latest, not by time`);
        const ref = select.generation ? { tag: select.generation } : this.opts.ref;
        const key = `${name}\n${JSON.stringify(ref)}`;
        if (this.cached?.key === key)
            return this.cached.value;
        const chosen = await chooseRelease(this.client, name, ref, this.opts.words);
        this.log(chosen.why);
        this.log(`  assets: ${chosen.assets.filter((a) => a.name.startsWith(`${name}.`)).map((a) => a.name).join(', ')}`);
        const value = { tag: chosen.release.tag_name, snap: await readReleaseSnapshot(this.client, chosen, name, this.opts.words) };
        this.cached = { key, value };
        return value;
    }
    /** Releases holding a snapshot of this name (or any), newest published first. */
    async list(name) {
        const all = await this.client.releases().catch((err) => {
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, 'listing the releases', this.client.repoName, this.opts.words);
        });
        const out = [];
        for (const r of all) {
            for (const a of r.assets) {
                if (!a.name.endsWith(releases_assets/* MANIFEST_ASSET_SUFFIX */.Xx))
                    continue;
                const n = a.name.slice(0, -releases_assets/* MANIFEST_ASSET_SUFFIX */.Xx.length);
                if (name === undefined || n === name)
                    out.push({ name: n, generation: r.tag_name, createdAt: r.published_at ?? r.created_at, dir: '' });
            }
        }
        return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    }
}
/** `owner/repo@tag` or `owner/repo@latest` (the CLI's --release). */
function parseReleaseSpec(value, flag) {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)@(.+)$/.exec(value.trim());
    if (!m)
        throw badInput(`${flag}: "${value}" is not owner/repo@tag; give it as, for example, octo-org/app@v1.2.0 or octo-org/app@latest`);
    return { repository: { owner: m[1], repo: m[2] }, ref: m[3] };
}
/** A tag as git allows it, without the characters that would need escaping in a URL path. */
function validateTag(tag, input) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,199}$/.test(tag) || tag.includes('..') || tag.endsWith('/') || tag.endsWith('.lock')) {
        throw (0,errors/* badInput */.AN)(`${input}: "${tag}" is not a tag this tool publishes to; use letters, digits and . _ - / +, for example v1.2.0`);
    }
    return tag;
}
/** A download that failed its checks once is fetched once more; twice is the asset itself. */
async function twiceOnDamage(run, log) {
    try {
        return await run();
    }
    catch (err) {
        if (!(err instanceof errors/* SnapshotError */.JC) || err.kind !== 'corrupt')
            throw err;
        log(`${err.message}; downloading once more`);
        try {
            return await run();
        }
        catch (again) {
            if (again instanceof errors/* SnapshotError */.JC && again.kind === 'corrupt')
                throw (0,errors/* corrupt */.qb)(`${again.message} (twice; the asset itself is damaged: publish the snapshot again)`);
            throw again;
        }
    }
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


/***/ }),

/***/ 79229:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ parseRepository),
/* harmony export */   U: () => (/* binding */ currentRepo)
/* harmony export */ });
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

// Apart from artifacts.ts so that a step reading its inputs does not load @actions/artifact.
function currentRepo() {
    const full = process.env['GITHUB_REPOSITORY'] ?? '';
    return parseRepository(full, 'GITHUB_REPOSITORY');
}
function parseRepository(full, inputName = 'repository') {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full.trim());
    if (!m)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: "${full}" is not owner/name; give it as owner/repository, for example octo-org/app`);
    return { owner: m[1], repo: m[2] };
}


/***/ }),

/***/ 70073:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M8: () => (/* binding */ isGenerationId),
/* harmony export */   sO: () => (/* binding */ generationTime),
/* harmony export */   y5: () => (/* binding */ generationId),
/* harmony export */   yS: () => (/* binding */ validateName)
/* harmony export */ });
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

/** Snapshot names become directory and artifact names: keep them to a portable, traversal-free set. */
function validateName(name, inputName = 'name') {
    if (name.trim() === '')
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: is empty; give the snapshot a name such as "seed-db"`);
    if (name.includes('/') || name.includes('\\') || name.includes('..')) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: "${name}" contains "/", "\\" or ".."; use letters, digits, ".", "_" and "-" only`);
    }
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(name)) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: "${name}" is not a valid name; use up to 100 letters, digits, ".", "_" and "-", not starting with "." or "-"`);
    }
    return name;
}
/**
 * Generation ids are UTC times in ISO 8601 basic format ("20261125T224508.123Z"): they sort as
 * strings in time order and contain no ":" so they are valid file names on Windows too.
 */
function generationId(date) {
    return date.toISOString().replace(/[-:]/g, '');
}
const GENERATION_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z(-\d+)?$/;
function isGenerationId(id) {
    return GENERATION_RE.test(id);
}
function generationTime(id) {
    const m = GENERATION_RE.exec(id);
    if (!m)
        return undefined;
    return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
}


/***/ }),

/***/ 231:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D2: () => (/* binding */ hasRetention),
/* harmony export */   wM: () => (/* binding */ planPrune)
/* harmony export */ });
/* unused harmony export checkPolicy */
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70073);


function hasRetention(p) {
    return p.keep !== undefined || p.maxAgeMs !== undefined;
}
function checkPolicy(p) {
    if (p.keep !== undefined && (!Number.isInteger(p.keep) || p.keep < 1)) {
        throw badInput(`--keep: ${p.keep} keeps nothing; give at least 1 (the newest generation is always kept)`);
    }
    return p;
}
/** Decides, from generation ids alone, which generations a policy removes. */
function planPrune(generations, policy, now) {
    const sorted = [...generations].sort();
    const plan = { keep: [], remove: [] };
    const cutoff = policy.maxAgeMs === undefined ? undefined : now.getTime() - policy.maxAgeMs;
    sorted.forEach((id, i) => {
        const rank = sorted.length - i; // 1 = newest
        const t = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .generationTime */ .sO)(id)?.getTime();
        if (rank === 1)
            plan.keep.push(id);
        else if (policy.keep !== undefined && rank > policy.keep)
            plan.remove.push({ generation: id, why: `beyond the ${policy.keep} newest` });
        else if (cutoff !== undefined && t !== undefined && t < cutoff)
            plan.remove.push({ generation: id, why: 'older than --max-age' });
        else
            plan.keep.push(id);
    });
    return plan;
}


/***/ }),

/***/ 84420:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ dirName),
/* harmony export */   H5: () => (/* binding */ SEEDS_DIR),
/* harmony export */   Lk: () => (/* binding */ SEED_KEY_FILE)
/* harmony export */ });
/* unused harmony export LocalSeedStore */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12399);
/* harmony import */ var _engine_common_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4933);
/* harmony import */ var _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(87925);
/* harmony import */ var _engine_common_process_tag_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(80830);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(88142);








/** Seeds live beside a store's names, dot-named so they never count as a snapshot name. */
const SEEDS_DIR = '.seeds';
/** Each seed directory's record of its key (keys can hold any character; directory names cannot). */
const SEED_KEY_FILE = 'seed.json';
/**
 * Seeds in a directory: `<store>/.seeds/<readable key>-<hash>/{seed.json, manifest.json, data}`.
 * A seed is written in a dot-named staging directory and published by one rename, which fails
 * when the key's directory exists: the first save of a key wins and entries never change, as in
 * GitHub's cache. Readers use an entry in place.
 */
class LocalSeedStore {
    root;
    dir;
    constructor(root) {
        this.root = path.resolve(root);
        this.dir = path.join(this.root, SEEDS_DIR);
    }
    get description() {
        return this.dir;
    }
    async list() {
        const out = [];
        for (const e of await fsp.readdir(this.dir).catch(() => [])) {
            if (e.startsWith('.'))
                continue;
            const dir = path.join(this.dir, e);
            const rec = await fsp.readFile(path.join(dir, SEED_KEY_FILE), 'utf8').then((t) => JSON.parse(t), () => undefined);
            if (typeof rec?.key !== 'string' || typeof rec.createdAt !== 'string')
                continue;
            out.push({ key: rec.key, createdAt: rec.createdAt, dir });
        }
        return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    }
    async find(key, restoreKeys) {
        const hit = matchKey(await this.list(), key, restoreKeys);
        return hit ? { key: hit.key, snapshot: { dir: hit.dir }, close: async () => undefined } : undefined;
    }
    damagedAdvice(found) {
        return `the seed is damaged on disk; delete ${'dir' in found.snapshot ? found.snapshot.dir : found.key} (or change the key) so that it is built again`;
    }
    async stage() {
        await makeDirs(this.dir).catch((err) => {
            throw describeIoError(err, `store ${this.root}: cannot create ${this.dir}`);
        });
        await this.sweep();
        const staging = await fsp.mkdtemp(path.join(this.dir, `.staging-${processTag()}-`)).catch((err) => {
            throw describeIoError(err, `store ${this.root}: cannot create a staging directory in ${this.dir}`);
        });
        return {
            dir: staging,
            save: async (key) => {
                try {
                    return await this.publish(staging, key);
                }
                finally {
                    await removeQuietly(staging);
                }
            },
            discard: () => removeQuietly(staging),
        };
    }
    async publish(staging, key) {
        // The manifest must be there: a staging directory without one is not a seed.
        await readManifest(staging);
        const record = path.join(staging, SEED_KEY_FILE);
        await fsp.writeFile(record, JSON.stringify({ key, createdAt: new Date().toISOString() }, null, 2) + '\n', { flag: 'wx' });
        await fsyncFile(record);
        await fsyncDir(staging);
        const final = path.join(this.dir, dirName(key));
        try {
            // rename(2) onto an existing non-empty directory fails, so a second save of a key cannot replace the first.
            await fsp.rename(staging, final);
        }
        catch (err) {
            const code = err.code;
            if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') {
                if (await fsp.stat(path.join(final, MANIFEST_FILE)).catch(() => undefined)) {
                    return { saved: false, reason: 'taken', message: `a seed with key ${key} already exists in ${this.dir} (another run saved it first); entries never change, so it stays` };
                }
            }
            throw describeIoError(err, `store ${this.root}: cannot publish seed ${key}`);
        }
        await fsyncDir(this.dir);
        return { saved: true, details: { location: final } };
    }
    /** Staging directories of processes that died on this host. */
    async sweep() {
        for (const e of await fsp.readdir(this.dir).catch(() => [])) {
            if (e.startsWith('.staging-') && isAbandoned(e))
                await removeQuietly(path.join(this.dir, e));
        }
    }
}
/** A readable, portable directory name for a key, made unique by a hash of the whole key. */
function dirName(key) {
    const readable = key.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]+/, '_').slice(0, 80);
    return `${readable}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(key).digest('hex').slice(0, 16)}`;
}


/***/ }),

/***/ 34109:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ pickGeneration)
/* harmony export */ });
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

/** The generation a selector names among a name's generations (oldest first), for every history store; `where` names the store in messages. */
function pickGeneration(gens, name, select, where) {
    let pick;
    if (select.generation) {
        pick = gens.find((g) => g.generation === select.generation);
        if (!pick)
            throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('not-found', `snapshot ${name}: no generation ${select.generation} in ${where}; run "sqlite-snapshot list" to see them`);
    }
    else if (select.at) {
        const at = select.at.getTime();
        pick = gens.filter((g) => Date.parse(g.createdAt) <= at).at(-1);
        if (!pick)
            throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('not-found', `snapshot ${name}: no generation at or before ${select.at.toISOString()} in ${where}`);
    }
    else {
        pick = gens.at(-1);
    }
    if (!pick)
        throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('not-found', `snapshot "${name}" not found in ${where}; check --name and --store, or run "sqlite-snapshot list"`);
    return pick;
}


/***/ }),

/***/ 98724:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ stagedUpload)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4933);



/**
 * A staging directory in a temp root for stores that upload what the engine wrote there (an
 * artifact, a release): `publish` uploads it, and the directory is gone afterwards, whether the
 * upload succeeded or not. With `early`, stored files start up as soon as they are whole, and the
 * engine checks the snapshot after its copy (Staging.checkAfterCopy).
 */
async function stagedUpload(tempRoot, publish, early) {
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdir(tempRoot, { recursive: true });
    const dir = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_1__.join(tempRoot, 'sqlite-snapshot-stage-'));
    let committing = false;
    return {
        dir,
        scratch: true,
        ...(early ? { checkAfterCopy: true, onStoredFile: early.onStoredFile } : {}),
        commit: async () => {
            committing = true;
            try {
                return await publish(dir);
            }
            finally {
                await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__/* .removeQuietly */ .S2)(dir);
            }
        },
        abort: async () => {
            // After a failed commit, the store has decided what stays for a re-run (releases: publish.ts).
            if (early && !committing)
                await early.discard();
            await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__/* .removeQuietly */ .S2)(dir);
        },
    };
}


/***/ }),

/***/ 38793:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $R: () => (/* binding */ VERIFICATION_FILE),
/* harmony export */   OM: () => (/* binding */ damagedSummary),
/* harmony export */   Vz: () => (/* binding */ parseVerification),
/* harmony export */   YG: () => (/* binding */ summaryOf)
/* harmony export */ });
/** Beside a generation's manifest, in every store: the only file of a generation replaced after it is published. */
const VERIFICATION_FILE = 'verification.json';
/** A generation's line in `list`, from its manifest and verification record: the same for every store. */
function summaryOf(g, m, verified) {
    const databases = m.databases.map((e) => ({
        name: e.name,
        rawSize: e.rawSize,
        storedSize: e.storedSize,
        method: e.method,
        copy: e.copy,
        compression: e.compression,
        integrity: e.integrity.ok,
    }));
    return {
        ...g,
        databases,
        rawSize: databases.reduce((a, d) => a + d.rawSize, 0),
        storedSize: databases.reduce((a, d) => a + d.storedSize, 0),
        verified,
    };
}
/** A generation whose manifest cannot be read: listed as damaged rather than left out. */
function damagedSummary(g, verified, error) {
    return { ...g, databases: [], rawSize: 0, storedSize: 0, verified, error };
}
/** A verification record as stored (JSON), or undefined when it is not one. */
function parseVerification(text) {
    try {
        const v = JSON.parse(text);
        if (typeof v.ok !== 'boolean')
            return undefined;
        return {
            ok: v.ok,
            check: v.check ?? 'quick',
            verifiedAt: String(v.verifiedAt ?? ''),
            by: String(v.by ?? ''),
            problems: Array.isArray(v.problems) ? v.problems.map(String) : [],
        };
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 46557:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ whileChecking)
/* harmony export */ });
/**
 * Runs `run` (a snapshot into a store) while that store's publishing checks (`ready`: a round trip
 * to GitHub) are under way: `signal` is aborted if they fail, and the snapshot's failure then reads
 * as the checks' own error. The store's upload waits for `ready` itself.
 */
async function whileChecking(ready, run) {
    const controller = new AbortController();
    ready.catch(() => controller.abort());
    try {
        return await run(controller.signal);
    }
    catch (err) {
        if (controller.signal.aborted)
            await ready;
        throw err;
    }
}


/***/ })

};
