export const id = 538;
export const ids = [538];
export const modules = {

/***/ 86364:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P: () => (/* binding */ readSeedInputs)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./lib/engine/manifest/compression.js
var compression = __webpack_require__(52684);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/snapshot/snapshot.js + 4 modules
var snapshot = __webpack_require__(85366);
// EXTERNAL MODULE: ./lib/store/seed.js
var seed = __webpack_require__(768);
;// CONCATENATED MODULE: ./lib/store/seed-store.js

/** GitHub's own limits on cache keys (@actions/cache checkKey): the same rules for both stores. */
const MAX_KEY_LENGTH = 512;
function validateKey(key, inputName) {
    if (key.trim() === '')
        throw (0,errors/* badInput */.AN)(`${inputName}: is empty; give a key that changes when what builds the seed changes, for example seed-\${{ hashFiles('migrations/**') }}`);
    if (key.length > MAX_KEY_LENGTH)
        throw (0,errors/* badInput */.AN)(`${inputName}: is ${key.length} characters long; cache keys are limited to ${MAX_KEY_LENGTH}, shorten it (a hash of the inputs is enough)`);
    if (key.includes(','))
        throw (0,errors/* badInput */.AN)(`${inputName}: "${key}" contains a comma, which cache keys cannot hold; use "-" or "_" instead`);
    if (/[\r\n]/.test(key))
        throw (0,errors/* badInput */.AN)(`${inputName}: holds a line break; give one key on one line`);
    return key;
}
/** At most 10 keys in all, as GitHub allows (the key itself plus 9 restore keys). */
function validateRestoreKeys(keys, inputName) {
    if (keys.length > 9)
        throw (0,errors/* badInput */.AN)(`${inputName}: ${keys.length} restore keys given; GitHub allows 9 besides key, drop the least useful ones`);
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

// EXTERNAL MODULE: ./lib/action/inputs.js
var inputs = __webpack_require__(21413);
;// CONCATENATED MODULE: ./lib/action/seed/inputs.js







/** Every input of the seed action, read and checked before the cache is asked anything. */
function readSeedInputs() {
    const databases = (0,inputs/* lines */.Mn)('path');
    if (databases.length === 0)
        throw (0,errors/* badInput */.AN)('path: is empty; list the database file(s) the seed holds, one per line (for example data/app.db)');
    for (const d of databases) {
        // A seed restores to these paths: each must name one file, so patterns are refused.
        if (/[*?[\]{}]/.test(d) || d.startsWith('!'))
            throw (0,errors/* badInput */.AN)(`path: "${d}" is a pattern; a seed restores to exact paths, list each database file on its own line`);
    }
    const key = validateKey((0,inputs/* text */.Qq)('key'), 'key');
    const restoreKeys = validateRestoreKeys((0,inputs/* lines */.Mn)('restore-keys'), 'restore-keys');
    const run = core/* getInput */.V4('run').trim();
    const method = (0,inputs/* oneOf */.yL)('method', snapshot/* METHODS */.J8, 'auto');
    const level = (0,compression/* resolveLevel */.XC)('zstd', (0,inputs/* int */.Wh)('compression-level', -7, 22) ?? seed/* SEED_ZSTD_LEVEL */.$_, 'compression-level');
    const verify = (0,inputs/* oneOf */.yL)('verify', ['quick', 'full', 'off'], 'quick');
    return { databases, key, restoreKeys, run, method, level, verify };
}


/***/ }),

/***/ 55576:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ snapshotOptionsOf)
/* harmony export */ });
/** The snapshot knobs of the seed action, for main (with run) and post alike. */
function snapshotOptionsOf(inputs) {
    return { method: inputs.method, level: inputs.level, check: inputs.verify };
}


/***/ }),

/***/ 6538:
/***/ ((__webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _store_github_cache_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87769);
/* harmony import */ var _store_seed_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(768);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9455);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86364);
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
    const store = new _store_github_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubCacheSeedStore */ .i({ log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
    const saved = await (0,_store_seed_js__WEBPACK_IMPORTED_MODULE_2__/* .saveSeed */ .Jo)({ store, key: state.key, databases: inputs.databases, snapshot: (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .snapshotOptionsOf */ .k)(inputs), log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .logSaved */ .aO)(state.key, saved);
}
await (0,_run_js__WEBPACK_IMPORTED_MODULE_3__/* .runAction */ .C)(post);
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 39778:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   aO: () => (/* binding */ logSaved),
/* harmony export */   aV: () => (/* binding */ setHitOutputs),
/* harmony export */   xZ: () => (/* binding */ logRestored)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50715);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87058);



/** The outputs, set first to a miss so that a failing step still leaves them defined. */
function setHitOutputs(r) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('cache-hit', r?.hit === 'exact' ? 'true' : 'false');
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('cache-matched-key', r?.matchedKey ?? '');
}
function logRestored(key, r) {
    if (r.hit === 'miss') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Seed ${key}: no entry matches the key or a restore key (miss)`);
        return;
    }
    const how = r.hit === 'exact' ? 'exact hit' : `partial hit on ${r.matchedKey}`;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Seed ${key}: ${how}; found and downloaded in ${Math.round(r.ms.find)} ms, verified and restored ${r.results.length} database(s) in ${Math.round(r.ms.restore)} ms`);
    for (const x of r.results) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${x.path} (${x.replaced ? 'replaced' : 'new file'}${x.removedSideFiles.length ? `, stale ${x.removedSideFiles.map((f) => f.slice(f.lastIndexOf('-'))).join(', ')} removed` : ''}), sha256 ${x.sha256}`);
    }
}
/**
 * A lost race is a notice: the other job's seed was built from the same inputs (same key) and
 * this job keeps the database its own command built. Any other failure to save is a warning:
 * this job has its database, later runs build the seed again.
 */
function logSaved(key, s) {
    const stored = s.manifest.databases.reduce((a, e) => a + e.storedSize, 0);
    const raw = s.manifest.databases.reduce((a, e) => a + e.rawSize, 0);
    const o = s.outcome;
    if (o.saved)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Seed ${key}: saved ${s.manifest.databases.length} database(s), ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(raw)} as ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(stored)} zstd`);
    else if (o.reason === 'taken')
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`seed ${key}: not saved: ${o.message}`);
    else
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`seed ${key}: not saved: ${o.message}; this job keeps its database, later runs will build the seed again`);
}
/** One line in the job summary: which key, what happened, what was saved. */
async function writeSummary(key, r, saved) {
    if (!process.env['GITHUB_STEP_SUMMARY'])
        return;
    const how = r.hit === 'exact' ? 'exact hit, restored' : r.hit === 'partial' ? `partial hit on <code>${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .cell */ .Hn)(r.matchedKey ?? '')}</code>, restored and migrated` : 'miss, built';
    const o = saved?.outcome;
    const save = !o ? '' : o.saved ? '; saved' : o.reason === 'taken' ? '; another job saved this key first' : '; not saved (see the warning)';
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading(`SQLite seed: <code>${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .cell */ .Hn)(key)}</code>`, 3).addRaw(`${how} ${r.results.length || saved?.manifest.databases.length || 0} database(s)${save}.`, true).write();
}


/***/ }),

/***/ 77471:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ STATE)
/* harmony export */ });
/** What the main step hands the post step (core.saveState → STATE_<name>). */
const STATE = 'seed';


/***/ }),

/***/ 87769:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ GitHubCacheSeedStore)
/* harmony export */ });
/* unused harmony export ENTRY_PATH */
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(45692);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12399);
/* harmony import */ var _engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(29353);
/* harmony import */ var _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(87925);







/**
 * The one path the cache client is given, relative to a private directory. The entry's version is
 * a hash of the paths (and compression method): one fixed relative path makes it the same on every
 * runner and for every database layout, so a key is all that finds a seed. Bump the suffix if what
 * an entry holds ever changes incompatibly.
 */
const ENTRY_PATH = 'sqlite-snapshot-seed-v1';
/**
 * Seeds in GitHub's cache service through @actions/cache. The client verifies nothing it downloads
 * and extracts with tar straight into the paths it is given, so it only ever sees a private
 * directory: a download lands there, and restore verifies every checksum before any target is
 * touched. A download that fails to unpack is fetched once more, then refused.
 */
class GitHubCacheSeedStore {
    tempRoot;
    client;
    log;
    constructor(opts = {}) {
        this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir();
        this.client = opts.client ?? _actions_cache__WEBPACK_IMPORTED_MODULE_0__;
        this.log = opts.log ?? (() => undefined);
    }
    get description() {
        return "GitHub's cache";
    }
    async find(key, restoreKeys) {
        let failure = '';
        for (let attempt = 1; attempt <= 2; attempt++) {
            const root = await this.privateDir();
            let matched;
            let log;
            try {
                ({ result: matched, log } = await inPrivateDir(root, () => this.client.restoreCache([ENTRY_PATH], key, [...restoreKeys], {}, true)));
            }
            catch (err) {
                await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(root);
                throw clientError(err, `looking up seed ${key}`);
            }
            const dir = node_path__WEBPACK_IMPORTED_MODULE_3__.join(root, ENTRY_PATH);
            if (matched !== undefined) {
                if (await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.stat(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1)).catch(() => undefined))
                    return { key: matched, dir, close: () => (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(root) };
                failure = `cache entry ${matched} holds no ${_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1}`;
            }
            else if (!log.hit) {
                await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(root);
                return undefined;
            }
            else {
                // The client found an entry but reports a miss: the download or its unpacking failed.
                failure = `cache entry ${log.hit}: ${log.failure || 'the download failed'}`;
            }
            await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(root);
            if (attempt === 1)
                this.log(`${failure}; fetching it once more`);
        }
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .corrupt */ .qb)(`seed ${key}: ${failure} (twice); nothing was restored and the databases are as they were; re-run the job, or change the key so that a new seed is built`);
    }
    async stage() {
        const root = await this.privateDir();
        const dir = node_path__WEBPACK_IMPORTED_MODULE_3__.join(root, ENTRY_PATH);
        await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.mkdir(dir);
        return {
            dir,
            save: async (key) => {
                try {
                    return await this.save(root, key);
                }
                finally {
                    await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(root);
                }
            },
            discard: () => (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(root),
        };
    }
    async save(root, key) {
        let id;
        let log;
        try {
            ({ result: id, log } = await inPrivateDir(root, () => this.client.saveCache([ENTRY_PATH], key, {}, true)));
        }
        catch (err) {
            return { saved: false, reason: 'failed', message: (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err) };
        }
        if (id !== -1)
            return { saved: true, details: { cacheId: id } };
        // The client says so only in its log: saveCache returns -1 for every failure.
        if (log.reserved)
            return { saved: false, reason: 'taken', message: `another job reserved key ${key} first (the client: "${log.reserved}"); cache entries never change, so that job's seed stands` };
        return { saved: false, reason: 'failed', message: log.failure || 'the cache client could not save it' };
    }
    async privateDir() {
        await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.mkdir(this.tempRoot, { recursive: true });
        return node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_3__.join(this.tempRoot, 'sqlite-snapshot-seed-'));
    }
}
/**
 * Runs a cache client call with the private directory as its workspace (it resolves paths, and
 * runs tar, relative to GITHUB_WORKSPACE or else the working directory), and reads its log as it
 * goes: the client reports a failed unpack or a lost reservation only there. Its warnings about
 * failures we handle ourselves become plain lines, so the run page shows our one message.
 */
async function inPrivateDir(root, call) {
    const log = { hit: '', failure: '', reserved: '' };
    const cwd = process.cwd();
    const workspace = process.env['GITHUB_WORKSPACE'];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk, ...rest) => {
        let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
        const hit = /^Cache hit for(?: restore-key)?: (.*)$/m.exec(text);
        if (hit)
            log.hit = hit[1].trim();
        const failed = /^(?:::(?:warning|error)::)?Failed to (?:restore|save): (.*)$/m.exec(text);
        if (failed) {
            log.failure = failed[1].replace(/%0A/g, ' ').trim();
            text = text.replace(/^::(?:warning|error)::(Failed to (?:restore|save): )/m, '$1');
        }
        const reserved = /(Unable to reserve cache[^\r\n]*)/.exec(text);
        if (reserved)
            log.reserved = reserved[1].trim();
        return write(text, ...rest);
    });
    process.chdir(root);
    process.env['GITHUB_WORKSPACE'] = root;
    try {
        return { result: await call(), log };
    }
    finally {
        process.stdout.write = write;
        process.chdir(cwd);
        if (workspace === undefined)
            delete process.env['GITHUB_WORKSPACE'];
        else
            process.env['GITHUB_WORKSPACE'] = workspace;
    }
}
function clientError(err, what) {
    const text = (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err);
    if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|Cache Service Url not found/i.test(text)) {
        return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('failed', `${what}: ${text}; run this action as a step of a GitHub Actions job (uses: …), where the runner provides the cache service`, { cause: err });
    }
    if (err?.name === 'ValidationError')
        return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('bad-input', `${what}: ${text}`, { cause: err });
    return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('failed', `${what}: ${text}; re-run the job`, { cause: err });
}


/***/ }),

/***/ 768:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ SEED_ZSTD_LEVEL),
/* harmony export */   CM: () => (/* binding */ restoreSeed),
/* harmony export */   Jo: () => (/* binding */ saveSeed),
/* harmony export */   cR: () => (/* binding */ seed)
/* harmony export */ });
/* unused harmony export CommandFailed */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);
/* harmony import */ var _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87925);
/* harmony import */ var _engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(24689);
/* harmony import */ var _engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(85366);





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
            results = await (0,_engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreSnapshot */ .n5)(found.dir, targets, req.restore);
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
            results = await (0,_engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreSnapshot */ .n5)(found.dir, targets, req.restore).catch((e) => {
                if (!(e instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) || e.kind !== 'corrupt' || !found)
                    throw e;
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .corrupt */ .qb)(`seed ${found.key}: ${inEntry(e, found)} (twice); nothing was restored and the databases are as they were; re-run the job, or change the key so that a new seed is built`);
            });
        }
        return { hit, matchedKey: found.key, results, ms: { find: t1 - t0, restore: performance.now() - t1 } };
    }
    finally {
        await found?.close();
    }
}
/** Snapshots the databases as they are now and files the snapshot under the key. */
async function saveSeed(req) {
    const staging = await req.store.stage();
    let manifest;
    try {
        manifest = await (0,_engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_4__/* .createSnapshot */ .$p)(req.databases, staging.dir, 'seed', { compression: 'zstd', level: SEED_ZSTD_LEVEL, ...req.snapshot });
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
    const manifest = await (0,_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .readManifest */ .WI)(found.dir).catch((err) => {
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
/** Engine messages name files in the store's private directory: name the entry instead. */
function inEntry(err, found) {
    return (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(err).split(`${found.dir}${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`).join('').split(found.dir).join('the entry').replace(/; take the snapshot again$/, '');
}


/***/ })

};
