export const id = 321;
export const ids = [321];
export const modules = {

/***/ 51797:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ readSeedInputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_manifest_compression_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52684);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12399);
/* harmony import */ var _engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(67612);
/* harmony import */ var _store_seed_store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(88142);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(21413);






/** Every input of the seed action, read and checked before the cache is asked anything. */
function readSeedInputs() {
    const databases = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .lines */ .Mn)('path');
    if (databases.length === 0)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)('path: is empty; list the database file(s) the seed holds, one per line (for example data/app.db)');
    for (const d of databases) {
        // A seed restores to these paths: each must name one file, so patterns are refused.
        if (/[*?[\]{}]/.test(d) || d.startsWith('!'))
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`path: "${d}" is a pattern; a seed restores to exact paths, list each database file on its own line`);
    }
    const key = (0,_store_seed_store_js__WEBPACK_IMPORTED_MODULE_4__/* .validateKey */ .Uu)((0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .text */ .Qq)('key'), 'key');
    const restoreKeys = (0,_store_seed_store_js__WEBPACK_IMPORTED_MODULE_4__/* .validateRestoreKeys */ .hd)((0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .lines */ .Mn)('restore-keys'), 'restore-keys');
    const run = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('run').trim();
    const method = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .oneOf */ .yL)('method', _engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .METHODS */ .J8, 'auto');
    const given = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .int */ .Wh)('compression-level', -7, 22);
    // Left out, the store decides (seedCodec): GitHub's cache compresses the entry itself.
    const level = given === undefined ? undefined : (0,_engine_manifest_compression_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveLevel */ .XC)('zstd', given, 'compression-level');
    const verify = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .oneOf */ .yL)('verify', ['quick', 'full', 'off'], 'quick');
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
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${x.path} (${x.replaced ? 'replaced' : 'new file'}${x.removedSideFiles.length ? `, stale ${x.removedSideFiles.map((f) => f.slice(f.lastIndexOf('-'))).join(', ')} removed` : ''}${x.sha256 ? `, sha256 ${x.sha256}` : ''})`);
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

/***/ 6505:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  il: () => (/* binding */ GitHubCacheSeedStore)
});

// UNUSED EXPORTS: ENTRY_PATH, ENTRY_PATHS

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
var manifest = __webpack_require__(87925);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(44942);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth = __webpack_require__(92145);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./lib/engine/common/free-buffer.js
var free_buffer = __webpack_require__(81201);
;// CONCATENATED MODULE: ./lib/store/github/cache-download.js








/**
 * The two calls of GitHub's cache service (v2) a streamed restore needs, spoken as @actions/cache
 * 6.x speaks them (its cacheTwirpClient and restoreCacheV2): look a key up, then GET the entry's
 * signed URL. @actions/cache offers only a restore that downloads the whole archive to a file and
 * then unpacks it; reading the archive as it arrives lets a seed be decoded while it downloads.
 * Saving stays with @actions/cache, so what is looked up here must be named exactly as it names it.
 */
const SERVICE = 'github.actions.results.api.v1.CacheService';
const USER_AGENT = 'sqlite-snapshot';
/** The client's salt, the last part of every entry's version. */
const VERSION_SALT = '1.0';
const ATTEMPTS = 3;
const LOOKUP_TIMEOUT_MS = 30_000;
/** A download that sends nothing for this long is cut (and then fetched once more): a stalled connection must not hold the job until its timeout. */
const STALL_TIMEOUT_MS = 120_000;
/** Why the v2 service cannot be reached from here (what to do included), or undefined when it can. */
function serviceMissing() {
    if (!process.env['ACTIONS_RUNTIME_TOKEN'] || !process.env['ACTIONS_RESULTS_URL']) {
        return 'ACTIONS_RUNTIME_TOKEN or ACTIONS_RESULTS_URL is not set; run this action as a step of a GitHub Actions job (uses: …), where the runner provides the cache service';
    }
    // The runner sets it wherever it serves v2; GHES serves only the retired v1 protocol.
    if (!process.env['ACTIONS_CACHE_SERVICE_V2'])
        return "this runner offers only the v1 cache service (ACTIONS_CACHE_SERVICE_V2 is not set): seeds need GitHub's v2 cache service, as github.com serves it";
    return undefined;
}
/**
 * The entry version @actions/cache computes for these paths (cacheUtils.getCacheVersion): the
 * paths, the compression it will use (zstd when a `zstd` command answers, else gzip, which adds
 * nothing), and its salt. Cross-OS archives are asked for, so no "windows-only" part.
 */
function entryVersion(paths) {
    const components = [...paths];
    if (zstdOnPath())
        components.push('zstd-without-long');
    components.push(VERSION_SALT);
    return (0,external_node_crypto_.createHash)('sha256').update(components.join('|')).digest('hex');
}
let zstdAnswered;
function zstdOnPath() {
    // As the client's getCompressionMethod: any output from `zstd --quiet --version` means zstd.
    zstdAnswered ??= (() => {
        const r = (0,external_node_child_process_.spawnSync)('zstd', ['--quiet', '--version'], { encoding: 'utf8', timeout: 10_000 });
        return !r.error && `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() !== '';
    })();
    return zstdAnswered;
}
/** GetCacheEntryDownloadURL: the exact key, else the newest entry under a prefix; undefined on a miss. */
async function locate(key, restoreKeys, version) {
    const base = process.env['ACTIONS_RESULTS_URL'];
    const client = new lib/* HttpClient */.Qq(USER_AGENT, [new auth/* BearerCredentialHandler */.tZ(process.env['ACTIONS_RUNTIME_TOKEN'])], { socketTimeout: LOOKUP_TIMEOUT_MS });
    const url = new URL(`/twirp/${SERVICE}/GetCacheEntryDownloadURL`, base).href;
    const body = JSON.stringify({ key, restore_keys: restoreKeys, version });
    let last = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
            const res = await client.post(url, body, { 'Content-Type': 'application/json' });
            const status = res.message.statusCode ?? 0;
            const text = await res.readBody();
            if (status >= 200 && status < 300) {
                const reply = JSON.parse(text);
                if (!reply.ok || !reply.signed_download_url)
                    return undefined;
                return { matchedKey: reply.matched_key ?? key, url: reply.signed_download_url };
            }
            last = `(${status}) ${(0,errors/* oneLine */.TN)(text).slice(0, 200)}`;
            if (status < 500)
                break;
        }
        catch (err) {
            last = (0,errors/* oneLine */.TN)(err);
        }
        if (attempt < ATTEMPTS)
            await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
    throw new errors/* SnapshotError */.JC('failed', `looking up seed ${key} in GitHub's cache: ${last}; re-run the job`);
}
/**
 * The entry's archive as it downloads, decompressed as the saving runner compressed it: its version
 * names the compression, so an entry found under entryVersion() is zstd exactly when `zstd` is on
 * this runner's PATH too. Any failure on the way (a cut connection, damaged data) is a `corrupt`
 * error, which the seed flow answers by fetching once more. Each chunk is valid only until the
 * next is asked for (its memory is then reused).
 */
async function* download(url, what) {
    const res = await new lib/* HttpClient */.Qq(USER_AGENT, [], { socketTimeout: STALL_TIMEOUT_MS }).get(url).catch((err) => {
        throw (0,errors/* corrupt */.qb)(`${what}: the download failed (${(0,errors/* oneLine */.TN)(err)})`);
    });
    const status = res.message.statusCode ?? 0;
    if (status !== 200) {
        const text = await res.readBody().catch(() => '');
        throw (0,errors/* corrupt */.qb)(`${what}: the download failed (${status} ${(0,errors/* oneLine */.TN)(text).slice(0, 120)})`);
    }
    const decoder = zstdOnPath()
        ? // The client compresses with `zstd -T0` (no --long); a wider window is allowed all the same.
            external_node_zlib_.createZstdDecompress({ chunkSize: CHUNK, params: { [external_node_zlib_.constants.ZSTD_d_windowLogMax]: 31 } })
        : external_node_zlib_.createGunzip({ chunkSize: CHUNK });
    const out = (0,external_node_stream_.pipeline)(res.message, decoder, () => undefined);
    let last;
    try {
        for await (const chunk of out) {
            // The decoder fills each output buffer before it takes a new one, and the caller has used up
            // every chunk before it asks for the next: a chunk from a new buffer means the one before is
            // no one's. Freed now, its memory serves the next buffer; left to a GC, each buffer was fresh
            // memory, and an uncompressed seed of 256 MiB cost ~65,000 page faults to decode.
            if (last && chunk.buffer !== last)
                (0,free_buffer/* freeNow */.V)(last);
            last = chunk.buffer;
            yield chunk;
        }
    }
    catch (err) {
        throw (0,errors/* corrupt */.qb)(`${what}: the download was cut short or damaged (${(0,errors/* oneLine */.TN)(err)})`);
    }
    finally {
        decoder.destroy();
        res.message.destroy();
    }
}
/** Decoded bytes handed on at once: the tar reader copies out of them. */
const CHUNK = 1 << 20;

// EXTERNAL MODULE: ./lib/store/seed/store.js
var store = __webpack_require__(88142);
// EXTERNAL MODULE: ./lib/store/chunk-reader.js
var chunk_reader = __webpack_require__(74042);
;// CONCATENATED MODULE: ./lib/store/seed/tar-stream.js


const BLOCK = 512;
/** Members in archive order. `what` names the archive in errors: each is `corrupt` (damaged or cut short). */
async function* tarMembers(chunks, what) {
    const damaged = (where) => (0,errors/* corrupt */.qb)(`${what}: not a complete tar archive (${where})`);
    const input = new chunk_reader/* ChunkReader */.f(chunks[Symbol.asyncIterator](), damaged);
    let pax = new Map();
    let longName;
    for (let at = 0;;) {
        const header = await input.exact(BLOCK, 'a tar header');
        if (!header)
            throw damaged(`it ends at byte ${at} without tar's end marker`);
        at += BLOCK;
        if (header.every((b) => b === 0)) {
            // Read to the end all the same: the compression's own checksum is checked only there.
            while (await input.skip(BLOCK))
                ;
            return;
        }
        if (checksumOf(header) !== octal(header.subarray(148, 156)))
            throw damaged(`no valid tar header at byte ${at - BLOCK}`);
        const flag = String.fromCharCode(header[156]);
        const own = sizeField(header.subarray(124, 136));
        if (flag === 'x' || flag === 'g' || flag === 'L') {
            const size = own;
            const padded = Math.ceil(size / BLOCK) * BLOCK;
            const body = await input.exact(padded, 'a tar header');
            if (!body && padded > 0)
                throw damaged(`it ends inside a header at byte ${at}`);
            at += padded;
            const text = (body ?? Buffer.alloc(0)).subarray(0, size).toString('utf8');
            if (flag === 'x')
                pax = parsePax(text, damaged);
            if (flag === 'L')
                longName = text.replace(/\0+$/, '');
            continue;
        }
        const size = Number(pax.get('size') ?? own);
        const padded = Math.ceil(size / BLOCK) * BLOCK;
        const prefix = field(header.subarray(345, 500));
        const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${field(header.subarray(0, 100))}` : field(header.subarray(0, 100)));
        pax = new Map();
        longName = undefined;
        let left = size;
        const source = {
            read: async (buf, offset, length) => {
                let got = 0;
                // Filled as far as asked: a decoder re-copies its unfinished frame on every read.
                while (got < length && left > 0) {
                    const n = await input.read(buf, offset + got, Math.min(length - got, left));
                    if (n === 0)
                        throw damaged(`it ends inside ${name}`);
                    got += n;
                    left -= n;
                }
                return got;
            },
        };
        yield { name: name.replace(/\/+$/, ''), type: flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'dir' : 'other', size, source };
        if (!(await input.skip(left + (padded - size))))
            throw damaged(`it ends inside ${name}`);
        at += padded;
    }
}
/** A NUL-terminated text field. */
function field(b) {
    const end = b.indexOf(0);
    return b.subarray(0, end === -1 ? b.length : end).toString('utf8');
}
function octal(b) {
    const text = field(b).trim();
    return /^[0-7]+$/.test(text) ? parseInt(text, 8) : Number.NaN;
}
/** Octal, or GNU's base-256 for sizes past 8 GiB (the top bit of the first byte set). */
function sizeField(b) {
    if ((b[0] & 0x80) === 0)
        return octal(b);
    let n = b[0] & 0x7f;
    for (let i = 1; i < b.length; i++)
        n = n * 256 + b[i];
    return n;
}
/** The header's bytes summed with its own checksum field counted as spaces. */
function checksumOf(header) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 32 : header[i];
    return sum;
}
/** pax records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePax(text, damaged) {
    const out = new Map();
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length;) {
        const space = bytes.indexOf(0x20, i);
        const len = Number(bytes.subarray(i, space).toString());
        if (space === -1 || !Number.isInteger(len) || len <= 0)
            throw damaged('a pax header is malformed');
        const record = bytes.subarray(space + 1, i + len - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (eq > 0)
            out.set(record.slice(0, eq), record.slice(eq + 1));
        i += len;
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/store/github/cache.js









/**
 * Where an entry's files sit, relative to a private directory. The entry's version is a hash of
 * the paths given to the cache client (and its compression): fixed relative paths make it the same
 * on every runner and for every database layout, so a key is all that finds a seed. Bump the
 * suffix if what an entry holds ever changes incompatibly: v3 entries may hold uncompressed data
 * files (SeedStore.compresses), which v2's readers refused, so those never find them.
 */
const ENTRY_PATH = 'sqlite-snapshot-seed-v3';
/** The snapshot's data files: a directory of their own, so that the manifest can be archived first. */
const DATA_DIR = `${ENTRY_PATH}/data`;
const MANIFEST_PATH = `${ENTRY_PATH}/${manifest/* MANIFEST_FILE */.h1}`;
/**
 * The paths, in this order: tar archives them as listed, so the manifest comes first and a restore
 * that reads the archive as it downloads knows every database before its data arrives.
 */
const ENTRY_PATHS = [MANIFEST_PATH, DATA_DIR];
/** A manifest is a few KB; anything this big in its place is not one. */
const MAX_MANIFEST = 16 << 20;
/**
 * @actions/cache and the Azure SDK under it are ~3.5 MB of bundled code, needed only to save: loaded
 * once a save is known to come, so that a restore (an exact hit, most runs) never compiles them,
 * and a save compiles them while its command runs or its snapshot is taken.
 */
let loading;
function toolkit() {
    loading ??= Promise.all(/* import() */[__webpack_require__.e(420), __webpack_require__.e(222), __webpack_require__.e(692)]).then(__webpack_require__.bind(__webpack_require__, 45692));
    // Loaded ahead of use: a failure is reported where the client is awaited.
    loading.catch(() => undefined);
    return loading;
}
/**
 * Seeds in GitHub's cache service (v2, as github.com serves it). Saved through @actions/cache, from
 * a private directory. Restored by reading the archive as it downloads (cache-download.ts) rather
 * than through @actions/cache, which downloads the whole archive to a file, verifies nothing and
 * unpacks it with tar: here each database is decoded into a temp file beside its target while the
 * rest arrives, then verified, then swapped in, so an exact hit costs about the download alone. A
 * damaged download is fetched once more, then refused.
 */
class GitHubCacheSeedStore {
    tempRoot;
    client;
    log;
    /** The cache client archives an entry with tar and zstd (or gzip): see SeedStore.compresses. */
    compresses = true;
    constructor(opts = {}) {
        this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? external_node_os_.tmpdir();
        this.client = opts.client;
        this.log = opts.log ?? (() => undefined);
    }
    get description() {
        return "GitHub's cache";
    }
    async find(key, restoreKeys) {
        const missing = serviceMissing();
        if (missing)
            throw new errors/* SnapshotError */.JC('failed', `looking up seed ${key}: ${missing}`);
        for (let attempt = 1;; attempt++) {
            const hit = await locate(key, restoreKeys, entryVersion(ENTRY_PATHS));
            if (!hit)
                return undefined;
            const what = `cache entry ${hit.matchedKey}`;
            const members = tarMembers(download(hit.url, what), what);
            try {
                const manifest = await readFirstManifest(members, what);
                const files = async function* () {
                    for await (const m of members) {
                        if (m.type === 'file' && m.name.startsWith(`${DATA_DIR}/`))
                            yield { file: m.name.slice(DATA_DIR.length + 1), source: m.source };
                    }
                };
                return { key: hit.matchedKey, snapshot: { manifest, label: what, files: files() }, close: async () => void (await members.return(undefined)) };
            }
            catch (err) {
                await members.return(undefined);
                if (!(err instanceof errors/* SnapshotError */.JC) || err.kind !== 'corrupt')
                    throw err;
                if (attempt === 2)
                    throw (0,store/* damagedTwice */.__)(key, err.message);
                this.log(`${err.message}; fetching it once more`);
            }
        }
    }
    willSave() {
        if (!this.client)
            void toolkit();
    }
    async stage() {
        this.willSave();
        const root = await this.privateDir();
        const dir = external_node_path_.join(root, DATA_DIR);
        await external_node_fs_.promises.mkdir(dir, { recursive: true });
        return {
            dir,
            scratch: true,
            save: async (key) => {
                try {
                    return await this.save(root, key);
                }
                finally {
                    await (0,files/* removeQuietly */.S2)(root);
                }
            },
            discard: () => (0,files/* removeQuietly */.S2)(root),
        };
    }
    async save(root, key) {
        let id;
        let log;
        try {
            await external_node_fs_.promises.rename(external_node_path_.join(root, DATA_DIR, manifest/* MANIFEST_FILE */.h1), external_node_path_.join(root, MANIFEST_PATH));
            const client = this.client ?? (await toolkit());
            ({ result: id, log } = await inPrivateDir(root, () => client.saveCache([...ENTRY_PATHS], key, {}, true)));
        }
        catch (err) {
            return { saved: false, reason: 'failed', message: (0,errors/* oneLine */.TN)(err) };
        }
        if (id !== -1)
            return { saved: true, details: { cacheId: id } };
        // The client says so only in its log: saveCache returns -1 for every failure.
        if (log.reserved)
            return { saved: false, reason: 'taken', message: `another job reserved key ${key} first (the client: "${log.reserved}"); cache entries never change, so that job's seed stands` };
        return { saved: false, reason: 'failed', message: log.failure || 'the cache client could not save it' };
    }
    async privateDir() {
        await external_node_fs_.promises.mkdir(this.tempRoot, { recursive: true });
        return external_node_fs_.promises.mkdtemp(external_node_path_.join(this.tempRoot, 'sqlite-snapshot-seed-'));
    }
}
/** The archive's first member must be the manifest (see ENTRY_PATHS). */
async function readFirstManifest(members, what) {
    const first = await members.next();
    const m = first.done ? undefined : first.value;
    if (!m || m.type !== 'file' || m.name !== MANIFEST_PATH || m.size > MAX_MANIFEST) {
        throw (0,errors/* corrupt */.qb)(`${what}: does not begin with ${MANIFEST_PATH}; it was not written by this version of sqlite-snapshot seed, change the key so that a new seed is built`);
    }
    const buf = Buffer.alloc(m.size);
    for (let got = 0; got < m.size;)
        got += await m.source.read(buf, got, m.size - got);
    return (0,manifest/* parseManifest */.Ng)(buf.toString('utf8'), `${what}: ${manifest/* MANIFEST_FILE */.h1}`);
}
/**
 * Runs a cache client call with the private directory as its workspace (it resolves paths, and
 * runs tar, relative to GITHUB_WORKSPACE or else the working directory), and reads its log as it
 * goes: the client reports a failed upload or a lost reservation only there. Its warnings about
 * failures we handle ourselves become plain lines, so the run page shows our one message.
 */
async function inPrivateDir(root, call) {
    const log = { failure: '', reserved: '' };
    const cwd = process.cwd();
    const workspace = process.env['GITHUB_WORKSPACE'];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk, ...rest) => {
        let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
        const failed = /^(?:::(?:warning|error)::)?Failed to save: (.*)$/m.exec(text);
        if (failed) {
            log.failure = failed[1].replace(/%0A/g, ' ').trim();
            text = text.replace(/^::(?:warning|error)::(Failed to save: )/m, '$1');
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


/***/ })

};
