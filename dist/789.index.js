export const id = 789;
export const ids = [789];
export const modules = {

/***/ 15129:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   F2: () => (/* binding */ unlessMissing),
/* harmony export */   RT: () => (/* binding */ ObjectStoreError),
/* harmony export */   bV: () => (/* binding */ retriableNetwork),
/* harmony export */   l5: () => (/* binding */ retriableStatus)
/* harmony export */ });
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

/**
 * A backend's failure, already one line for a user (credentials redacted), with whether trying
 * again may help: throttling, 5xx and dropped connections may; refused credentials do not.
 */
class ObjectStoreError extends _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC {
    retriable;
    constructor(kind, message, retriable, cause) {
        super(kind, message, cause === undefined ? undefined : { cause });
        this.retriable = retriable;
    }
}
/** undefined where the object is missing: for head and delete, where that is an answer, not a failure. */
async function unlessMissing(op) {
    try {
        return await op();
    }
    catch (err) {
        if (err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC && err.kind === 'not-found')
            return undefined;
        throw err;
    }
}
/** Connection errors worth another try: the service or the network dropped the request. */
const NETWORK_RETRIABLE = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);
/** HTTP statuses worth another try: throttling (429, 503 SlowDown) and server-side failures. */
function retriableStatus(status) {
    return status === 408 || status === 429 || (status !== undefined && status >= 500 && status !== 501 && status !== 505);
}
function retriableNetwork(err) {
    const e = err;
    const code = e?.code ?? e?.cause?.code ?? '';
    return NETWORK_RETRIABLE.has(code) || e?.name === 'TimeoutError' || /socket hang up|ECONNRESET|premature close|aborted/i.test(String(err?.message ?? ''));
}
/**
 * Secrets that may reach an SDK's error text: query signatures of signed URLs and the values of
 * the variables that hold credentials. Every message of a backend goes through this.
 */
const SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AZURE_STORAGE_KEY', 'AZURE_STORAGE_SAS_TOKEN', 'AZURE_STORAGE_CONNECTION_STRING'];
function redact(text) {
    let out = text
        .replace(/([?&](?:sig|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature)=)[^&\s"']+/gi, '$1***')
        .replace(/(AccountKey=|SharedAccessSignature=)[^;\s"']+/gi, '$1***');
    for (const v of SECRET_VARIABLES) {
        const value = process.env[v];
        if (value && value.length >= 8)
            out = out.split(value).join('***');
        // A SAS token also appears without its leading "?".
        if (value && v === 'AZURE_STORAGE_SAS_TOKEN' && value.startsWith('?'))
            out = out.split(value.slice(1)).join('***');
    }
    return out;
}


/***/ }),

/***/ 7972:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ followFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);


/**
 * How often a follower looks again at a file that has not grown. The engine appends frames of
 * 1-8 MiB at a few hundred MiB/s, so a part fills in tens of milliseconds; a shorter pause only
 * costs wake-ups while the engine's integrity check holds the event loop anyway.
 */
const POLL_MS = 25;
/**
 * Reads a stored file while the engine writes it (StoredFileWrite: appended in order, then renamed
 * whole) and hands it on in parts, in order, with at most `inFlight` parts being sent at once, so
 * memory stays a few parts whatever the file's size. A full part is held until a byte after it is
 * seen or the file is whole, so that the last part is known as the last. Rejects when the
 * snapshot fails (`done` rejects), when a part cannot be sent, or when the signal aborts; then
 * nothing more is sent.
 */
async function followFile(w, opts) {
    let whole = false;
    let failed;
    const settled = w.done.then(() => void (whole = true), (err) => void (failed = { err }));
    const check = () => {
        opts.signal.throwIfAborted();
        if (failed)
            throw failed.err;
    };
    const wait = () => Promise.race([settled, new Promise((r) => setTimeout(r, POLL_MS))]);
    const fh = await openGrowing(w, () => whole, check, wait);
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    const sending = new Set();
    let sendFailure;
    const sendFailed = () => {
        if (sendFailure)
            throw sendFailure.err;
    };
    const pool = [];
    let size = 0;
    try {
        let index = 0;
        let held;
        let part = take(pool, opts.partSize(0));
        let filled = 0;
        const hand = async (data, last) => {
            while (sending.size >= opts.inFlight)
                await Promise.race(sending);
            sendFailed();
            const i = index++;
            const p = opts.send(i, data, last).then(() => {
                sending.delete(p);
                pool.push(data);
            }, (err) => {
                sending.delete(p);
                sendFailure ??= { err };
            });
            sending.add(p);
        };
        for (;;) {
            check();
            sendFailed();
            // Taken before the read: a read that finds nothing after the file was whole is its end.
            const wasWhole = whole;
            const { bytesRead } = await fh.read(part, filled, part.length - filled, size);
            if (bytesRead > 0) {
                hash.update(part.subarray(filled, filled + bytesRead));
                filled += bytesRead;
                size += bytesRead;
                if (held) {
                    await hand(held, false);
                    held = undefined;
                }
                if (filled === part.length) {
                    held = part;
                    part = take(pool, opts.partSize(index + 1));
                    filled = 0;
                }
                continue;
            }
            if (!wasWhole) {
                await wait();
                continue;
            }
            if (held)
                await hand(held, filled === 0);
            if (filled > 0 || index === 0)
                await hand(part.subarray(0, filled), true);
            break;
        }
        await Promise.all(sending);
        sendFailed();
        return { size, sha256: hash.digest('hex') };
    }
    finally {
        // Nothing may still read a buffer of the pool, nor the descriptor, once this returns.
        await Promise.allSettled(sending);
        await fh.close();
    }
}
/** A pooled buffer of exactly `size` bytes (part sizes change rarely: a buffer of another size is left to the GC). */
function take(pool, size) {
    for (;;) {
        const b = pool.pop();
        if (!b)
            return Buffer.allocUnsafeSlow(size);
        if (b.buffer.byteLength === size)
            return Buffer.from(b.buffer, b.byteOffset, size);
    }
}
/**
 * The file as soon as it exists: its temp name while it is written (it may appear only when a raw
 * copy is renamed to it), its final name once whole. A descriptor opened on the temp name keeps
 * reading the same file after the rename.
 */
async function openGrowing(w, whole, check, wait) {
    for (;;) {
        check();
        const done = whole();
        try {
            return await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.open(done ? w.path : w.writing, 'r');
        }
        catch (err) {
            if (err.code !== 'ENOENT' || done)
                throw err;
        }
        await wait();
    }
}


/***/ }),

/***/ 28222:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ downloadToFile),
/* harmony export */   aq: () => (/* binding */ streamFiles),
/* harmony export */   nR: () => (/* binding */ ObjectReader)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);
/* harmony import */ var _chunk_reader_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(74042);
/* harmony import */ var _backend_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15129);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(97903);





/**
 * An object read front to back as it downloads, for a restore that decodes while the data
 * arrives (restoreStreamed). A connection dropped or a response cut short midway is not the end:
 * the read resumes from the byte reached with a ranged GET pinned to the same version (its ETag),
 * a few times with back-off, so a long download survives a flaky network without starting over.
 * The object must be exactly `size` bytes (the manifest's storedSize); its bytes are proven by the
 * manifest's sha256 downstream, so damage in transit is refused there, with the target untouched.
 */
class ObjectReader {
    chunks;
    reader;
    /** `backend`: anything that gets an object's bytes from a byte on (a registry's blobs too: ../oci/blob-reader.ts). */
    constructor(backend, key, size, label, signal) {
        this.chunks = resumingChunks(backend, key, size, label, signal);
        this.reader = new _chunk_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .ChunkReader */ .f(this.chunks, (where) => (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .corrupt */ .qb)(`${label}: ${where}`));
    }
    /**
     * As much of `length` as the object still holds, as a file read gives it: the decoder keeps one
     * large read buffer per read, so handing it each network chunk (~64 KiB) alone would hold far
     * more memory and copy its carried bytes over for every chunk.
     */
    async read(buf, offset, length) {
        let got = 0;
        while (got < length) {
            const n = await this.reader.read(buf, offset + got, length - got);
            if (n === 0)
                break;
            got += n;
        }
        return got;
    }
    /** Stops the download (a reader that will not read on). */
    async close() {
        await this.chunks.return(undefined);
    }
}
/** The object's bytes as they arrive, `size` of them in all, resumed where a response stopped short. */
async function* resumingChunks(backend, key, size, label, signal) {
    let pos = 0;
    let etag;
    for (let failures = 0; pos < size;) {
        try {
            const got = await backend.get(key, { start: pos, ...(etag ? { etag } : {}), ...(signal ? { signal } : {}) });
            try {
                if (got.size !== size)
                    throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .corrupt */ .qb)(`${label}: the stored object is ${got.size} bytes but the manifest says ${size}; the generation is damaged, restore another one`);
                etag ??= got.etag;
                for await (const c of got.body) {
                    // Never past the size the manifest gives: an object that grew would otherwise be read whole.
                    const chunk = c.length > size - pos ? c.subarray(0, size - pos) : c;
                    pos += chunk.length;
                    yield chunk;
                    // Asked for the next chunk: the consumer is done with this one (ChunkReader copies a chunk
                    // out whole before it pulls another; downloadToFile has written it).
                    release(c);
                    if (pos >= size)
                        return;
                }
            }
            finally {
                got.body.destroy();
            }
            throw Object.assign(new Error(`the response ended at byte ${pos} of ${size}`), { code: 'ECONNRESET' });
        }
        catch (err) {
            const retriable = err instanceof _backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT ? err.retriable : !(err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) && (0,_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .retriableNetwork */ .bV)(err);
            if (!retriable && err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC)
                throw err;
            if (signal?.aborted || !retriable || ++failures >= _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .ATTEMPTS */ .PY) {
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .corrupt */ .qb)(`${label}: the download was cut short or failed (${(0,_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)((0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(err))}); nothing was restored, try again`);
            }
            await new Promise((r) => setTimeout(r, (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .backoff */ .JN)(failures)));
        }
    }
}
/**
 * Gives a network chunk's memory back at once instead of at the next GC. Each chunk the HTTP
 * client hands over is a buffer of its own (a copy of one socket read, ~16-64 KiB), and V8 frees
 * those only when a scavenge finds them dead: during a streamed restore, which allocates little
 * on the JS heap, tens of MiB of them piled up between scavenges and fragmented the process's
 * heap (64 MiB database, peak anonymous memory: Azurite 127-133 MiB -> 113-117, s3rver ~4 MiB
 * less). Only a chunk that spans its whole ArrayBuffer is freed: a view into a shared one (Node's
 * pool of small buffers) must not be.
 */
function release(chunk) {
    const ab = chunk.buffer;
    if (ab instanceof ArrayBuffer && !ab.detached && chunk.byteOffset === 0 && chunk.byteLength === ab.byteLength && ab.byteLength >= 8192)
        ab.transfer(0);
}
/**
 * A snapshot's data files, read one after the other as they download (restoreStreamed's `files`):
 * `keyOf` names each file's object. `close` ends whatever download is still open.
 */
function streamFiles(backend, manifest, keyOf, labelOf) {
    const controller = new AbortController();
    const readers = [];
    const files = async function* () {
        for (const e of manifest.databases) {
            // One not read to its end is skipped when the next is asked for: stop its download.
            await readers.at(-1)?.close();
            const source = new ObjectReader(backend, keyOf(e.file), e.storedSize, labelOf(e.file), controller.signal);
            readers.push(source);
            yield { file: e.file, source };
        }
    };
    return {
        files: files(),
        close: async () => {
            controller.abort();
            for (const r of readers)
                await r.close();
        },
    };
}
/** An object downloaded to a private file (resumed as ObjectReader resumes); checked by whoever reads it. */
async function downloadToFile(backend, key, size, file, label) {
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.open(file, 'wx');
    try {
        for await (const chunk of resumingChunks(backend, key, size, label))
            await fh.write(chunk);
    }
    finally {
        await fh.close();
    }
}


/***/ }),

/***/ 97903:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JN: () => (/* binding */ backoff),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   PY: () => (/* binding */ ATTEMPTS)
/* harmony export */ });
/* harmony import */ var _backend_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(15129);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);


/** Tries of one operation in all, above what the SDK itself retries (see docs/stores.md). */
const ATTEMPTS = 5;
const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 8_000;
/**
 * Runs an object-store operation again while it fails with something worth another try
 * (throttling, 5xx, a dropped connection), pausing longer each time (exponential back-off with
 * jitter, so that processes throttled together do not come back together). The SDKs retry some
 * of these themselves; this covers what they leave (Azure's SDK gives up on 429, 502 and 504,
 * and neither resumes a download cut midway: see reader.ts) and what outlasts their few tries.
 */
async function withRetries(what, op, signal) {
    for (let attempt = 1;; attempt++) {
        try {
            return await op(attempt);
        }
        catch (err) {
            if (signal?.aborted)
                throw err;
            const retriable = err instanceof _backend_js__WEBPACK_IMPORTED_MODULE_0__/* .ObjectStoreError */ .RT ? err.retriable : !(err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) && (0,_backend_js__WEBPACK_IMPORTED_MODULE_0__/* .retriableNetwork */ .bV)(err);
            if (!retriable || attempt >= ATTEMPTS) {
                if (err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC)
                    throw err;
                throw new _backend_js__WEBPACK_IMPORTED_MODULE_0__/* .ObjectStoreError */ .RT('failed', `${what}: ${(0,_backend_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)((0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(err))}`, false, err);
            }
            await pause(backoff(attempt), signal);
        }
    }
}
function backoff(attempt) {
    const ceiling = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
}
function pause(ms, signal) {
    return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}


/***/ }),

/***/ 77624:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L: () => (/* binding */ ObjectStore)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
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
// EXTERNAL MODULE: ./lib/engine/common/process-tag.js
var process_tag = __webpack_require__(80830);
// EXTERNAL MODULE: ./lib/store/names.js
var names = __webpack_require__(70073);
// EXTERNAL MODULE: ./lib/store/retention.js
var retention = __webpack_require__(231);
// EXTERNAL MODULE: ./lib/store/select.js
var store_select = __webpack_require__(34109);
// EXTERNAL MODULE: ./lib/store/summary.js
var summary = __webpack_require__(38793);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./lib/store/object/retry.js
var retry = __webpack_require__(97903);
;// CONCATENATED MODULE: ./lib/store/object/io.js




/** A manifest or record is a few KB; anything this big in its place is not one. */
const MAX_SMALL_OBJECT = 16 << 20;
/**
 * The operations the object stores (generations: store.ts, seeds: seeds.ts) make of a backend,
 * each retried with back-off (retry.ts) and named in messages by the store's URL.
 */
class ObjectIO {
    backend;
    constructor(backend) {
        this.backend = backend;
    }
    get description() {
        return this.backend.description;
    }
    list(prefix) {
        return (0,retry/* withRetries */.LH)(`listing ${this.description}`, () => this.backend.list(prefix));
    }
    /** A small object's text, or undefined when there is none. */
    async getText(key) {
        return (0,retry/* withRetries */.LH)(`reading ${this.description}/${key}`, async () => {
            let got;
            try {
                got = await this.backend.get(key);
            }
            catch (err) {
                if (err instanceof errors/* SnapshotError */.JC && err.kind === 'not-found')
                    return undefined;
                throw err;
            }
            if (got.size > MAX_SMALL_OBJECT) {
                got.body.destroy();
                throw new errors/* SnapshotError */.JC('corrupt', `${this.description}/${key}: is ${got.size} bytes, too big for what it should hold; the store holds something else there`);
            }
            const chunks = [];
            for await (const c of got.body)
                chunks.push(c);
            const body = Buffer.concat(chunks);
            if (body.length !== got.size)
                throw Object.assign(new Error(`the response ended at byte ${body.length} of ${got.size}`), { code: 'ECONNRESET' });
            return body.toString('utf8');
        });
    }
    /**
     * One small object in one request. `signal` stops the retries, never a request in flight: the
     * service may still store what a request cut on our side carried, after the delete that was to
     * discard it (seen with Azurite: a marker back after its snapshot had failed and been discarded).
     */
    async putSmall(key, text, opts = {}) {
        const buf = Buffer.from(text);
        const put = opts.ifNoneMatch ? { ifNoneMatch: true } : {};
        return (0,retry/* withRetries */.LH)(`writing ${this.description}/${key}`, () => this.backend.put(key, { size: buf.length, open: () => external_node_stream_.Readable.from([buf]) }, put), opts.signal);
    }
    async putFile(key, file, signal) {
        const { size } = await external_node_fs_.promises.stat(file);
        const body = { size, open: () => (0,external_node_fs_.createReadStream)(file, { highWaterMark: 1 << 20 }) };
        await (0,retry/* withRetries */.LH)(`uploading ${this.description}/${key}`, () => this.backend.put(key, body, signal ? { signal } : {}), signal);
    }
    async deleteKeys(keys) {
        for (const key of keys)
            await (0,retry/* withRetries */.LH)(`deleting ${this.description}/${key}`, () => this.backend.delete(key));
    }
}

;// CONCATENATED MODULE: ./lib/store/object/layout.js



/**
 * Where things live in an object store, below the --store URL's prefix (docs/stores.md):
 *
 *   <name>/<generation>/manifest.json       written last: the generation exists once it does
 *   <name>/<generation>/<data file>         one per database, as the manifest names them
 *   <name>/<generation>/verification.json   the last verify's result; the one object replaced
 *   <name>/<generation>/.upload.json        while a snapshot uploads: who, since when (UploadMarker)
 *
 * Names never start with "." (validateName), so every top-level key that does is free for what
 * all names share. Reserved for the next step, generations that store only the pages that
 * changed: `.pages/sha256/<hh>/<hash>` content-addressed page packs, referenced from a
 * per-generation index beside its manifest (`<name>/<generation>/index.json`, named by a manifest
 * of a newer format version, which older readers refuse rather than misread).
 */
const MARKER_FILE = '.upload.json';
const generationPrefix = (name, generation) => `${name}/${generation}/`;
const objectKey = (name, generation, file) => `${name}/${generation}/${file}`;
const manifestKey = (name, generation) => objectKey(name, generation, manifest_manifest/* MANIFEST_FILE */.h1);
const verificationKey = (name, generation) => objectKey(name, generation, summary/* VERIFICATION_FILE */.$R);
const markerKey = (name, generation) => objectKey(name, generation, MARKER_FILE);
/** A key split into name, generation and file, or undefined when it is not one of a generation's objects. */
function parseKey(key) {
    const parts = key.split('/');
    if (parts.length !== 3)
        return undefined;
    const [name, generation, file] = parts;
    if (!(0,names/* isGenerationId */.M8)(generation) || file === '' || !isName(name))
        return undefined;
    return { name, generation, file };
}
function isName(name) {
    try {
        (0,names/* validateName */.yS)(name);
        return true;
    }
    catch {
        return false;
    }
}
/** A writer on another host is judged by age alone: no upload runs this long. */
const STALE_UPLOAD_MS = 24 * 3600_000;
function parseMarker(text) {
    try {
        const m = JSON.parse(text);
        if (typeof m.host !== 'string' || typeof m.pid !== 'number' || typeof m.startedAt !== 'string' || typeof m.nonce !== 'string')
            return undefined;
        return { host: m.host, pid: m.pid, startedAt: m.startedAt, nonce: m.nonce };
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./lib/store/object/reader.js
var reader = __webpack_require__(28222);
// EXTERNAL MODULE: ./lib/store/seed/local.js
var local = __webpack_require__(84420);
// EXTERNAL MODULE: ./lib/store/seed/store.js
var store = __webpack_require__(88142);
;// CONCATENATED MODULE: ./lib/store/object/seeds.js










/**
 * Seeds in an object store, the same flow as a local store's (seed.ts): found by key or prefix,
 * restored as they download (every seed is zstd), saved once per key.
 */
class ObjectSeedStore {
    store;
    constructor(store) {
        this.store = store;
    }
    get description() {
        return `${this.store.description.replace(/\/$/, '')}/${local/* SEEDS_DIR */.H5}`;
    }
    async find(key, restoreKeys) {
        await this.store.backend.checkExists();
        // The exact key is one read; prefixes need every record.
        const exact = await this.record((0,local/* dirName */.BB)(key));
        const hit = exact?.key === key ? exact : (0,store/* matchKey */.LJ)(await this.records(), key, restoreKeys);
        return hit ? this.open(hit) : undefined;
    }
    async records() {
        const dirs = (await this.store.list(`${local/* SEEDS_DIR */.H5}/`)).map((o) => o.key.split('/')).filter((p) => p.length === 3 && p[2] === local/* SEED_KEY_FILE */.Lk);
        const out = [];
        for (const p of dirs) {
            const r = await this.record(p[1]);
            if (r)
                out.push(r);
        }
        return out;
    }
    async record(dir) {
        const text = await this.store.getText(`${local/* SEEDS_DIR */.H5}/${dir}/${local/* SEED_KEY_FILE */.Lk}`);
        if (text === undefined)
            return undefined;
        try {
            const r = JSON.parse(text);
            if (typeof r.key === 'string' && typeof r.createdAt === 'string' && typeof r.entry === 'string' && /^[0-9a-f]{24}$/.test(r.entry))
                return { key: r.key, createdAt: r.createdAt, entry: r.entry };
        }
        catch {
            // Not one of ours: not a seed.
        }
        return undefined;
    }
    async open(r) {
        const base = `${local/* SEEDS_DIR */.H5}/${(0,local/* dirName */.BB)(r.key)}/${r.entry}`;
        const what = `seed ${r.key} in ${this.description}`;
        const text = await this.store.getText(`${base}/${manifest_manifest/* MANIFEST_FILE */.h1}`);
        if (text === undefined)
            throw (0,errors/* corrupt */.qb)(`${what}: its manifest is missing; the entry is damaged, change the key so that a new seed is built`);
        const manifest = (0,manifest_manifest/* parseManifest */.Ng)(text, `${what}: ${manifest_manifest/* MANIFEST_FILE */.h1}`);
        if (manifest.databases.some((e) => e.compression !== 'zstd'))
            throw (0,errors/* corrupt */.qb)(`${what}: was not written by sqlite-snapshot seed (not zstd); change the key so that a new seed is built`);
        const { files, close } = (0,reader/* streamFiles */.aq)(this.store.backend, manifest, (file) => `${base}/${file}`, (file) => `${what}: ${file}`);
        return { key: r.key, snapshot: { manifest, label: what, files }, close };
    }
    async stage() {
        await this.store.backend.checkExists();
        const dir = await external_node_fs_.promises.mkdtemp(external_node_path_.join(external_node_os_.tmpdir(), 'sqlite-snapshot-seed-'));
        return {
            dir,
            save: async (key) => {
                try {
                    return await this.save(dir, key);
                }
                finally {
                    await (0,files/* removeQuietly */.S2)(dir);
                }
            },
            discard: () => (0,files/* removeQuietly */.S2)(dir),
        };
    }
    async save(dir, key) {
        const seedDir = `${local/* SEEDS_DIR */.H5}/${(0,local/* dirName */.BB)(key)}`;
        const taken = () => ({ saved: false, reason: 'taken', message: `a seed with key ${key} already exists in ${this.description} (another run saved it first); entries never change, so it stays` });
        if (await this.record((0,local/* dirName */.BB)(key)))
            return taken();
        const manifest = await (0,manifest_manifest/* readManifest */.WI)(dir);
        const record = { key, createdAt: new Date().toISOString(), entry: (0,external_node_crypto_.randomBytes)(12).toString('hex') };
        const base = `${seedDir}/${record.entry}`;
        const uploaded = [];
        try {
            for (const file of [...manifest.databases.map((e) => e.file), manifest_manifest/* MANIFEST_FILE */.h1]) {
                uploaded.push(`${base}/${file}`);
                await this.store.putFile(`${base}/${file}`, external_node_path_.join(dir, file));
            }
            const text = JSON.stringify(record, null, 2) + '\n';
            const put = await this.store.putSmall(`${seedDir}/${local/* SEED_KEY_FILE */.Lk}`, text, { ifNoneMatch: true });
            // 'exists' after a retry may be our own first attempt, which landed.
            if (put === 'exists' && (await this.store.getText(`${seedDir}/${local/* SEED_KEY_FILE */.Lk}`)) !== text) {
                await this.store.deleteKeys(uploaded).catch(() => undefined);
                return taken();
            }
        }
        catch (err) {
            await this.store.deleteKeys(uploaded).catch(() => undefined);
            if (err instanceof errors/* SnapshotError */.JC && err.kind === 'bad-input')
                throw err;
            return { saved: false, reason: 'failed', message: (0,errors/* oneLine */.TN)(err) };
        }
        return { saved: true, details: { location: `${this.store.description.replace(/\/$/, '')}/${base}/` } };
    }
}

// EXTERNAL MODULE: ./lib/store/object/follow.js
var follow = __webpack_require__(7972);
;// CONCATENATED MODULE: ./lib/store/object/streamed-put.js




/** Parts being sent at once: with the one filling and the one held back (follow.ts), 4 parts in memory. */
const PARTS_IN_FLIGHT = 2;
/**
 * Part sizes for a file whose size is not known until it is whole: the service's smallest part,
 * doubled after each tenth of its part count, so any file fits (S3: 5 MiB parts up to 4.9 GiB,
 * 10 MiB to 9.8 GiB more, and so on; 5 TB in all) while memory stays at a few small parts for the
 * sizes most databases have.
 */
function growingPartSize(parts) {
    const step = Math.max(1, Math.floor(parts.max / 10));
    return (index) => parts.size * 2 ** Math.floor(index / step);
}
/**
 * Uploads a stored file to `key` while the engine writes it (follow.ts): a file that ends within
 * its first part goes as one PUT, a larger one as a parted upload (backend.startUpload), each part
 * retried with back-off. Resolves with the size and sha256 of what was sent, for the caller to
 * compare with the manifest; on failure the parted upload is aborted and nothing is visible.
 */
async function putWhileWritten(io, key, w, signal) {
    const { backend } = io;
    const where = `${io.description}/${key}`;
    let upload;
    try {
        const followed = await (0,follow/* followFile */.g)(w, {
            partSize: growingPartSize(backend.parts),
            inFlight: PARTS_IN_FLIGHT,
            signal,
            send: async (index, data, last) => {
                if (index === 0 && last) {
                    // Not cut in flight, as io.putSmall: a discard must come after the service stored it.
                    await (0,retry/* withRetries */.LH)(`uploading ${where}`, () => backend.put(key, { size: data.length, open: () => external_node_stream_.Readable.from([data]) }), signal);
                    return;
                }
                upload ??= (0,retry/* withRetries */.LH)(`starting the upload of ${where}`, () => backend.startUpload(key), signal);
                const parted = await upload;
                await (0,retry/* withRetries */.LH)(`uploading part ${index + 1} of ${where}`, () => parted.part(index, data, signal), signal);
            },
        });
        if (upload) {
            const parted = await upload;
            await (0,retry/* withRetries */.LH)(`finishing the upload of ${where}`, async (attempt) => {
                try {
                    await parted.complete();
                }
                catch (err) {
                    // A retried completion whose first try landed finds the upload gone: the object is there.
                    if (attempt > 1 && err instanceof errors/* SnapshotError */.JC && err.kind === 'not-found' && (await backend.head(key))?.size === followed.size)
                        return;
                    throw err;
                }
            }, signal);
        }
        return followed;
    }
    catch (err) {
        await upload?.then((u) => u.abort()).catch(() => undefined);
        throw err;
    }
}

;// CONCATENATED MODULE: ./lib/store/object/store.js

















/** Generations summarized at once by `list`: each is two small GETs. */
const SUMMARY_CONCURRENCY = 8;
/**
 * Generations in an object store (S3, Azure Blob, …) through an ObjectBackend, with the local
 * store's guarantees on a store that can fail half-way (docs/stores.md):
 * - a generation is visible once its manifest is there, and the manifest is written last: readers
 *   list manifests and never see half a generation;
 * - a snapshot is staged in a local temp directory by the engine and uploaded as it is written:
 *   first an in-flight marker put with If-None-Match (it reserves the id: two writers never share
 *   one), then each data file while the engine writes it (streamed-put.ts), and at commit the
 *   verification record, the manifest (conditional too), and the marker is deleted; what a killed
 *   upload leaves is swept by the next run or prune (sweep), parts of a multipart upload by the
 *   service's own expiry;
 * - prune deletes a generation's manifest first, so a prune killed midway leaves only unreachable
 *   objects, which sweep removes, and every remaining generation whole;
 * - reads resume where a connection dropped (reader.ts); the manifest's checksums prove the bytes.
 * No writer lock: two writers of one name each publish their own generation, and a sweep never
 * removes an upload whose writer may be alive.
 */
class ObjectStore {
    tempRoot;
    backend;
    io;
    constructor(backend, opts = {}) {
        this.backend = backend;
        this.io = new ObjectIO(backend);
        this.tempRoot = opts.tempRoot ?? external_node_os_.tmpdir();
    }
    get description() {
        return this.backend.description;
    }
    checkExists() {
        return this.backend.checkExists();
    }
    /** Seeds beside the generations, under `.seeds/` (seeds.ts). */
    seedStore() {
        return new ObjectSeedStore(this.io);
    }
    async lock() {
        return { release: async () => undefined };
    }
    /** No lock directory is ever created here (see lock). */
    async discardCreatedLockDir() { }
    async begin(name) {
        (0,names/* validateName */.yS)(name);
        await this.backend.checkExists();
        const dir = await this.privateDir('upload');
        const controller = new AbortController();
        const upload = new Upload(this, name, dir, controller.signal);
        let committing;
        return {
            dir,
            scratch: true,
            onStoredFile: (w) => upload.follow(w),
            commit: () => (committing ??= upload.run().finally(() => (0,files/* removeQuietly */.S2)(dir))),
            abort: async () => {
                controller.abort();
                await committing?.catch(() => undefined);
                await upload.settled();
                await (0,files/* removeQuietly */.S2)(dir);
                await upload.discard();
            },
        };
    }
    async list(name) {
        const objects = await this.io.list(name ? `${(0,names/* validateName */.yS)(name)}/` : '');
        const out = [];
        for (const o of objects) {
            const k = parseKey(o.key);
            if (!k || k.file !== manifest_manifest/* MANIFEST_FILE */.h1)
                continue;
            out.push({ name: k.name, generation: k.generation, createdAt: (0,names/* generationTime */.sO)(k.generation).toISOString(), dir: this.location(k.name, k.generation) });
        }
        return out.sort((a, b) => (a.name === b.name ? cmp(a.generation, b.generation) : cmp(a.name, b.name)));
    }
    async open(name, select = {}, attempt = 0) {
        (0,names/* validateName */.yS)(name);
        await this.backend.checkExists();
        const pick = (0,store_select/* pickGeneration */.g)(await this.list(name), name, select, this.description);
        const dir = await this.privateDir('download');
        try {
            const text = await this.io.getText(manifestKey(name, pick.generation));
            if (text === undefined)
                throw new errors/* SnapshotError */.JC('not-found', `snapshot ${name}: generation ${pick.generation} was removed while opening it; retry`);
            await external_node_fs_.promises.writeFile(external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1), text);
            const manifest = await (0,manifest_manifest/* readManifest */.WI)(dir);
            for (const e of manifest.databases) {
                await (0,reader/* downloadToFile */.Q)(this.backend, objectKey(name, pick.generation, e.file), e.storedSize, external_node_path_.join(dir, e.file), this.label(name, pick.generation, e.file));
            }
            const verification = await this.io.getText(verificationKey(name, pick.generation));
            if (verification !== undefined)
                await external_node_fs_.promises.writeFile(external_node_path_.join(dir, summary/* VERIFICATION_FILE */.$R), verification);
            return { name, generation: pick.generation, dir, close: () => (0,files/* removeQuietly */.S2)(dir) };
        }
        catch (err) {
            await (0,files/* removeQuietly */.S2)(dir);
            // Pruned between listing and reading: choose again, unless it was asked for by id.
            if (err instanceof errors/* SnapshotError */.JC && err.kind === 'not-found' && !select.generation && attempt < 5)
                return this.open(name, select, attempt + 1);
            throw err;
        }
    }
    async openStream(name, select = {}) {
        (0,names/* validateName */.yS)(name);
        await this.backend.checkExists();
        const pick = (0,store_select/* pickGeneration */.g)(await this.list(name), name, select, this.description);
        const text = await this.io.getText(manifestKey(name, pick.generation));
        if (text === undefined)
            return undefined;
        const manifest = (0,manifest_manifest/* parseManifest */.Ng)(text, this.label(name, pick.generation, manifest_manifest/* MANIFEST_FILE */.h1));
        // Only zstd entries decode as they arrive (the engine's decodeStreamToFile); the rest are read from files.
        if (manifest.databases.some((e) => e.compression !== 'zstd'))
            return undefined;
        const { files, close } = (0,reader/* streamFiles */.aq)(this.backend, manifest, (file) => objectKey(name, pick.generation, file), (file) => this.label(name, pick.generation, file));
        return { name, generation: pick.generation, snapshot: { manifest, label: `generation ${pick.generation} of ${name} in ${this.description}`, files, youngGc: true }, close };
    }
    async summarize(name) {
        const gens = await this.list(name);
        const out = new Array(gens.length);
        let next = 0;
        const worker = async () => {
            for (let i = next++; i < gens.length; i = next++)
                out[i] = await this.summary(gens[i]);
        };
        await Promise.all(Array.from({ length: Math.min(SUMMARY_CONCURRENCY, gens.length) }, worker));
        return out.filter((s) => s !== undefined);
    }
    async summary(g) {
        const vText = await this.io.getText(verificationKey(g.name, g.generation));
        const verified = (vText === undefined ? undefined : (0,summary/* parseVerification */.Vz)(vText)) ?? null;
        let text;
        try {
            text = await this.io.getText(manifestKey(g.name, g.generation));
            // Pruned between listing and reading: not a damaged generation, just gone.
            if (text === undefined)
                return undefined;
            return (0,summary/* summaryOf */.YG)(g, (0,manifest_manifest/* parseManifest */.Ng)(text, this.label(g.name, g.generation, manifest_manifest/* MANIFEST_FILE */.h1)), verified);
        }
        catch (err) {
            if (text === undefined)
                throw err;
            return (0,summary/* damagedSummary */.OM)(g, verified, (0,errors/* oneLine */.TN)(err));
        }
    }
    async recordVerification(name, generation, v) {
        if (!(await this.backend.head(manifestKey((0,names/* validateName */.yS)(name), generation))))
            return;
        await this.io.putSmall(verificationKey(name, generation), JSON.stringify(v, null, 2) + '\n');
    }
    /**
     * Removes what killed runs left under a name: generations without a manifest whose upload is
     * over (see UploadMarker), and markers left beside a manifest by an upload killed just after it.
     */
    async sweep(name) {
        const objects = await this.io.list(`${(0,names/* validateName */.yS)(name)}/`);
        const byGeneration = new Map();
        for (const o of objects) {
            const k = parseKey(o.key);
            if (k)
                byGeneration.set(k.generation, [...(byGeneration.get(k.generation) ?? []), k.file]);
        }
        const removed = [];
        for (const [generation, files] of byGeneration) {
            if (files.includes(manifest_manifest/* MANIFEST_FILE */.h1)) {
                if (files.includes(MARKER_FILE))
                    await this.io.deleteKeys([markerKey(name, generation)]);
                continue;
            }
            // Read after the listing: a writer puts its marker before any data, so data seen without one is not in flight.
            const markerText = await this.io.getText(markerKey(name, generation));
            const marker = markerText === undefined ? undefined : parseMarker(markerText);
            if (marker && !abandoned(marker))
                continue;
            // No marker now: an upload listed in flight may have just committed (manifest put,
            // then marker deleted). Two snapshots of one name at once each sweep first; without this
            // look, the later one deleted the other's data under its new manifest.
            if (markerText === undefined && (await this.backend.head(manifestKey(name, generation))))
                continue;
            // Data first and the marker last: a sweep killed midway is taken up again by the next one.
            const keys = files.filter((f) => f !== MARKER_FILE).map((f) => objectKey(name, generation, f));
            await this.io.deleteKeys([...keys, ...(markerText !== undefined ? [markerKey(name, generation)] : [])]);
            removed.push(generation);
        }
        return removed;
    }
    async prune(name, policy, opts = {}) {
        const gens = await this.list(name);
        const plan = (0,retention/* planPrune */.wM)(gens.map((g) => g.generation), policy, opts.now ?? new Date());
        if (opts.dryRun)
            return plan;
        for (const { generation } of plan.remove)
            await this.remove(name, generation);
        return plan;
    }
    /** Deletes one generation: its manifest first (then no reader sees it), then everything under it. */
    async remove(name, generation) {
        await this.io.deleteKeys([manifestKey(name, generation)]);
        const rest = await this.io.list(generationPrefix(name, generation));
        await this.io.deleteKeys(rest.map((o) => o.key));
    }
    // ---- helpers shared with Upload ----
    location(name, generation) {
        return `${this.description.replace(/\/$/, '')}/${generationPrefix(name, generation)}`;
    }
    label(name, generation, file) {
        return `${this.location(name, generation)}${file}`;
    }
    async privateDir(what) {
        await external_node_fs_.promises.mkdir(this.tempRoot, { recursive: true });
        return external_node_fs_.promises.mkdtemp(external_node_path_.join(this.tempRoot, `sqlite-snapshot-${what}-`));
    }
}
/**
 * One snapshot's way into the store: reserve a generation id with the marker, upload the data
 * files (each while the engine writes it: follow), the verification record, then the manifest,
 * then drop the marker. `discard` removes what it uploaded, the manifest first, unless it was
 * published.
 */
class Upload {
    uploaded = [];
    published = false;
    store;
    name;
    dir;
    signal;
    reserving;
    /** Data files uploaded as they were written, by file name: what was sent, or why it was not. */
    streamed = new Map();
    constructor(store, name, dir, signal) {
        this.store = store;
        this.name = name;
        this.dir = dir;
        this.signal = signal;
    }
    /** The generation id, reserved once: by the first data file the engine starts, else by commit. */
    generation() {
        return (this.reserving ??= this.reserve());
    }
    /**
     * Starts uploading a data file as the engine writes it (SnapshotOptions.onStoredFile). A file
     * whose upload failed is sent again whole by run(), from the staged copy; one whose snapshot
     * failed is never committed (abort).
     */
    follow(w) {
        const sent = (async () => {
            const key = objectKey(this.name, await this.generation(), w.file);
            this.uploaded.push(key);
            return putWhileWritten(this.store.io, key, w, this.signal);
        })().catch(() => undefined);
        this.streamed.set(w.file, sent);
    }
    /** Resolves once no upload of a data file is running (after an abort, before discard). */
    async settled() {
        await Promise.all([...this.streamed.values(), this.reserving?.catch(() => undefined)]);
    }
    async run() {
        const manifest = await (0,manifest_manifest/* readManifest */.WI)(this.dir);
        const generation = await this.generation();
        const { name, store } = this;
        for (const file of uploadedFiles(manifest, await exists(external_node_path_.join(this.dir, summary/* VERIFICATION_FILE */.$R)))) {
            const key = objectKey(name, generation, file);
            const entry = manifest.databases.find((e) => e.file === file);
            const sent = await this.streamed.get(file);
            // Sent while written, and the bytes the manifest describes: nothing more to send.
            if (sent && entry && sent.size === entry.storedSize && sent.sha256 === entry.storedSha256)
                continue;
            if (!this.uploaded.includes(key))
                this.uploaded.push(key);
            await store.io.putFile(key, external_node_path_.join(this.dir, file), this.signal);
        }
        const manifestText = await external_node_fs_.promises.readFile(external_node_path_.join(this.dir, manifest_manifest/* MANIFEST_FILE */.h1), 'utf8');
        this.uploaded.push(manifestKey(name, generation));
        const put = await store.io.putSmall(manifestKey(name, generation), manifestText, { ifNoneMatch: true, signal: this.signal });
        // 'exists' after a retry may be our own first attempt, which landed: then the text is ours.
        if (put === 'exists' && (await store.io.getText(manifestKey(name, generation))) !== manifestText) {
            // That manifest is the other writer's: discard must not delete it.
            this.uploaded.pop();
            throw new errors/* SnapshotError */.JC('failed', `snapshot ${name}: another writer published generation ${generation} in ${store.description} first; nothing of this snapshot was kept`);
        }
        this.published = true;
        await store.io.deleteKeys([markerKey(name, generation)]).catch(() => undefined);
        return { name, generation, location: store.location(name, generation) };
    }
    /** Claims a fresh generation id: the first whose marker we could create (If-None-Match), checked by reading it back. */
    async reserve() {
        const { name, store } = this;
        const base = (0,names/* generationId */.y5)(new Date());
        const marker = { host: process_tag/* HOST_TAG */.q4, pid: process.pid, startedAt: new Date().toISOString(), nonce: (0,external_node_crypto_.randomBytes)(12).toString('hex') };
        const text = JSON.stringify(marker) + '\n';
        for (let i = 0; i < 100; i++) {
            const generation = i === 0 ? base : `${base}-${i}`;
            // Services that ignore If-None-Match (s3rver) are at least not raced by a writer seen here.
            if ((await store.io.getText(manifestKey(name, generation))) !== undefined || (await store.io.getText(markerKey(name, generation))) !== undefined)
                continue;
            this.uploaded.push(markerKey(name, generation));
            const put = await store.io.putSmall(markerKey(name, generation), text, { ifNoneMatch: true, signal: this.signal });
            if (put === 'ok' || (await store.io.getText(markerKey(name, generation))) === text)
                return generation;
            this.uploaded.pop();
        }
        throw new errors/* SnapshotError */.JC('failed', `snapshot ${name}: could not claim a generation id in ${store.description} (100 taken in one millisecond); retry`);
    }
    async discard() {
        if (this.published)
            return;
        const manifests = this.uploaded.filter((k) => k.endsWith(`/${manifest_manifest/* MANIFEST_FILE */.h1}`));
        const markers = this.uploaded.filter((k) => k.endsWith(`/${MARKER_FILE}`));
        const data = this.uploaded.filter((k) => !manifests.includes(k) && !markers.includes(k));
        // Manifest first (never a visible generation without its data), marker last (sweep finishes a killed discard).
        await this.store.io.deleteKeys([...manifests, ...data, ...markers]).catch(() => undefined);
    }
}
/** What a generation's upload sends before its manifest: each database's data file, then the verification record if any. */
function uploadedFiles(manifest, verified) {
    return [...manifest.databases.map((e) => e.file), ...(verified ? [summary/* VERIFICATION_FILE */.$R] : [])];
}
async function exists(file) {
    return external_node_fs_.promises.stat(file).then(() => true, () => false);
}
/** A marker of a finished upload attempt: its process (on this host) is gone, or it is older than any upload runs. */
function abandoned(m) {
    if (m.host === process_tag/* HOST_TAG */.q4 && m.pid !== process.pid && !(0,process_tag/* processAlive */.FN)(m.pid))
        return true;
    const started = Date.parse(m.startedAt);
    return Number.isNaN(started) || Date.now() - started > STALE_UPLOAD_MS;
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}


/***/ }),

/***/ 93168:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iw: () => (/* binding */ urlPrefix),
/* harmony export */   gV: () => (/* binding */ prefixed),
/* harmony export */   lb: () => (/* binding */ refuseSecretInUrl),
/* harmony export */   q9: () => (/* binding */ checkEndpoint),
/* harmony export */   s1: () => (/* binding */ urlOptions)
/* harmony export */ });
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

/**
 * The parts of an object-store URL every backend reads the same way: the key prefix (the URL's
 * path, without its slashes at either end) and the options given as query parameters, which stand
 * in for flags so that a --store value says all there is to say about where snapshots go.
 */
function urlPrefix(url) {
    return decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
}
/** A secret written into the URL would be shown wherever the URL is: refused, with where it belongs. */
function refuseSecretInUrl(url, inputName, where) {
    if (url.password)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: holds a password or key after ":" in the URL; remove it from the URL and set ${where} instead`);
}
/** The URL's query parameters, refusing any this backend does not take (a typo must not be ignored). */
function urlOptions(url, inputName, allowed) {
    const out = new Map();
    for (const [k, v] of url.searchParams) {
        if (!allowed.includes(k)) {
            const hint = allowed.length ? `; it takes ${allowed.map((a) => `?${a}=…`).join(', ')}` : '';
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: "${k}" is not an option of ${url.protocol}// stores${hint}`);
        }
        out.set(k, v);
    }
    return out;
}
/** An endpoint given by the user: an http(s) URL, refused in one line otherwise. */
function checkEndpoint(value, from) {
    let u;
    try {
        u = new URL(value);
    }
    catch {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${from}: "${value}" is not a URL; give one such as https://s3.example.com or http://127.0.0.1:9000`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${from}: "${value}" is not an http(s) URL; give one such as https://s3.example.com`);
    return value.replace(/\/+$/, '');
}
/** `prefix/key`, or the key alone at the bucket's root. */
function prefixed(prefix, key) {
    return prefix ? `${prefix}/${key}` : key;
}


/***/ })

};
