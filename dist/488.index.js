export const id = 488;
export const ids = [488];
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

/***/ 98591:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   tN: () => (/* binding */ send),
/* harmony export */   vf: () => (/* binding */ discard),
/* harmony export */   yw: () => (/* binding */ readAll)
/* harmony export */ });
/* unused harmony export IDLE_TIMEOUT_MS */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);


/**
 * A connection that neither sends nor receives for this long is cut (and the request retried):
 * a stalled registry must not hold a snapshot until the kernel gives up. Uploads of large blobs
 * keep the socket busy, and the registry answers as soon as it has the last byte.
 */
const IDLE_TIMEOUT_MS = 120_000;
/** Network failures that are worth another try: the request may not have reached the registry. */
class NetworkError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'NetworkError';
    }
}
const agents = { http: new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true }), https: new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true }) };
/** Sends one request and resolves with the response head; the caller reads or discards the body. */
function send(req) {
    return new Promise((resolve, reject) => {
        const isHttps = req.url.protocol === 'https:';
        const body = req.body?.();
        const headers = { 'user-agent': 'sqlite-snapshot', ...req.headers };
        if (Buffer.isBuffer(body))
            headers['content-length'] = String(body.length);
        else if (!body && (req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH'))
            headers['content-length'] = '0';
        const r = (isHttps ? node_https__WEBPACK_IMPORTED_MODULE_1__ : node_http__WEBPACK_IMPORTED_MODULE_0__).request(req.url, { method: req.method, headers, agent: req.agent ?? (isHttps ? agents.https : agents.http) });
        r.setTimeout(IDLE_TIMEOUT_MS, () => r.destroy(new NetworkError(`no answer for ${IDLE_TIMEOUT_MS / 1000} s`)));
        if (req.signal) {
            const signal = req.signal;
            const cut = () => void r.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            if (signal.aborted)
                cut();
            signal.addEventListener('abort', cut, { once: true });
            r.on('close', () => signal.removeEventListener('abort', cut));
        }
        r.on('response', resolve);
        r.on('error', (err) => {
            if (body && !Buffer.isBuffer(body))
                body.destroy();
            reject(err instanceof NetworkError ? err : new NetworkError(`${err.code ?? err.name}: ${err.message}`, { cause: err }));
        });
        if (!body)
            r.end();
        else if (Buffer.isBuffer(body))
            r.end(body);
        else {
            // A body that cannot be read (its file vanished) fails the request, not the process.
            body.on('error', (err) => r.destroy(err));
            body.pipe(r);
        }
    });
}
/** The whole body of a response as bytes, at most `limit` of them (more is a protocol error). */
async function readAll(res, limit = 4 << 20) {
    const chunks = [];
    let size = 0;
    for await (const chunk of res) {
        size += chunk.length;
        if (size > limit) {
            res.destroy();
            throw new NetworkError(`the answer is larger than ${limit} bytes`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}
/** Lets a response go without reading it, so its connection can be reused or closed. */
function discard(res) {
    res.resume();
}


/***/ }),

/***/ 62488:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OciStore: () => (/* binding */ OciStore),
  ociStore: () => (/* binding */ ociStore)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
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
// EXTERNAL MODULE: ./lib/store/object/reader.js
var reader = __webpack_require__(28222);
;// CONCATENATED MODULE: ./lib/store/oci/blob-reader.js


/**
 * A blob read front to back as it downloads (for restoreStreamed, or into a file): the object
 * stores' ObjectReader, which resumes a download that breaks from the byte reached, over the
 * registry's blob GET. Blobs are addressed by digest, so a resumed read needs no version pin; a
 * registry that ignores the range sends the blob from its start, and the bytes already read are
 * dropped here. What the bytes are is proven downstream (the snapshot manifest's sha256, or the
 * blob's digest).
 */
function blobReader(client, digest, size, label) {
    return new reader/* ObjectReader */.nR(blobGetter(client, size), digest, size, label);
}
function blobGetter(client, expected) {
    return {
        get: async (digest, opts = {}) => {
            const start = opts.start ?? 0;
            const { res, partial } = await client.blob(digest, start);
            const total = partial ? /\/(\d+)\s*$/.exec(String(res.headers['content-range'] ?? ''))?.[1] : res.headers['content-length'];
            const body = !partial && start > 0 ? (0,external_node_stream_.pipeline)(res, skip(start), () => undefined) : res;
            return { body, size: total === undefined ? expected : Number(total) };
        },
    };
}
/** Drops the first `n` bytes of a stream. */
function skip(n) {
    let left = n;
    return new external_node_stream_.Transform({
        transform(chunk, _enc, done) {
            const drop = Math.min(left, chunk.length);
            left -= drop;
            done(null, drop === chunk.length ? undefined : chunk.subarray(drop));
        },
    });
}

// EXTERNAL MODULE: ./lib/store/object/follow.js
var follow = __webpack_require__(7972);
;// CONCATENATED MODULE: ./lib/store/oci/streamed-push.js


/**
 * Chunks of a blob pushed while it is written: each PATCH waits for the one before it (the spec
 * appends them in order), so one is sent at a time and, with the one filling and the one held back
 * (follow.ts), 24 MiB are in memory whatever the blob's size.
 */
const CHUNK = 8 << 20;
/**
 * Pushes a stored file to the registry while the engine writes it: a file that ends within its
 * first chunk as one blob of known digest (skipped when the repository has it), a larger one as a
 * chunked upload closed with the digest computed as the bytes went. Resolves with what was sent;
 * on failure the upload is cancelled and the caller pushes the staged file whole.
 */
async function pushWhileWritten(client, w, signal) {
    let upload;
    try {
        const followed = await (0,follow/* followFile */.g)(w, {
            partSize: () => CHUNK,
            inFlight: 1,
            signal,
            send: async (index, data, last) => {
                if (index === 0 && last) {
                    await client.pushBlob(`sha256:${(0,external_node_crypto_.createHash)('sha256').update(data).digest('hex')}`, data.length, () => data);
                    return;
                }
                upload ??= client.startChunkedUpload();
                await (await upload).chunk(data, signal);
            },
        });
        if (upload)
            await (await upload).finish(`sha256:${followed.sha256}`);
        return followed;
    }
    catch (err) {
        await upload?.then((u) => u.cancel()).catch(() => undefined);
        throw err;
    }
}

;// CONCATENATED MODULE: ./lib/store/oci/credentials.js




const USERNAME_ENV = 'SQLITE_SNAPSHOT_OCI_USERNAME';
const PASSWORD_ENV = 'SQLITE_SNAPSHOT_OCI_PASSWORD';
/**
 * Credentials for a registry, first found wins: our own variables (explicit, for this tool), then
 * docker's config (`docker login` and docker/login-action write it), then `GITHUB_TOKEN` for
 * ghcr.io (what a workflow has). Credential helpers are programs we do not run: a host filed only
 * under one is reported, so the user learns which variables to set instead.
 */
function findCredentials(host, env = process.env) {
    const user = env[USERNAME_ENV];
    const pass = env[PASSWORD_ENV];
    if (user !== undefined || pass !== undefined) {
        if (!user || !pass)
            throw (0,errors/* badInput */.AN)(`${USERNAME_ENV} and ${PASSWORD_ENV}: set both (the password may be a token), or neither`);
        return { credentials: { username: user, password: pass, source: USERNAME_ENV } };
    }
    const docker = fromDockerConfig(host, env);
    if (docker.credentials)
        return docker;
    const token = env['GITHUB_TOKEN'];
    if (host === 'ghcr.io' && token) {
        // GHCR takes any user name with a token; the actor's is what GitHub's own docs use.
        return { credentials: { username: env['GITHUB_ACTOR'] || 'sqlite-snapshot', password: token, source: 'GITHUB_TOKEN' } };
    }
    return docker;
}
function fromDockerConfig(host, env) {
    const dir = env['DOCKER_CONFIG'] || external_node_path_.join(env['HOME'] || external_node_os_.homedir(), '.docker');
    const file = external_node_path_.join(dir, 'config.json');
    const shown = env['DOCKER_CONFIG'] ? file : '~/.docker/config.json';
    let config;
    try {
        config = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return {};
        throw (0,errors/* badInput */.AN)(`${shown}: cannot be read as JSON (${err.name}); fix or remove it, or set ${USERNAME_ENV} and ${PASSWORD_ENV}`);
    }
    const keys = Object.keys(config.auths ?? {});
    const key = keys.find((k) => authKeyHost(k) === host) ?? (isDockerHub(host) ? keys.find((k) => isDockerHub(authKeyHost(k))) : undefined);
    const entry = key ? config.auths?.[key] : undefined;
    if (entry) {
        if (entry.auth) {
            const text = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = text.indexOf(':');
            if (colon > 0)
                return { credentials: { username: text.slice(0, colon), password: text.slice(colon + 1), source: shown } };
        }
        if (entry.username && entry.password)
            return { credentials: { username: entry.username, password: entry.password, source: shown } };
    }
    const helper = config.credHelpers?.[host] ?? config.credsStore;
    if (helper) {
        return { helperNote: `${shown} keeps the credentials for ${host} in the credential helper "docker-credential-${helper}", which sqlite-snapshot does not run; set ${USERNAME_ENV} and ${PASSWORD_ENV} instead` };
    }
    return {};
}
/** `auths` keys are host names, host:port, or URLs (`https://index.docker.io/v1/`). */
function authKeyHost(key) {
    return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}
function isDockerHub(host) {
    return host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io';
}

// EXTERNAL MODULE: ./lib/store/oci/http.js
var http = __webpack_require__(98591);
;// CONCATENATED MODULE: ./lib/store/oci/auth.js



function parseChallenge(header) {
    const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!m)
        return undefined;
    const params = {};
    for (const p of m[2].matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
        params[p[1].toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
    }
    return { scheme: m[1].toLowerCase(), params };
}
/**
 * Registry authorization as docker and oras do it: send anonymously; on a 401 read the
 * `WWW-Authenticate` challenge, and either answer it with basic credentials (`Basic`) or fetch a
 * token from its realm for its service and scope (`Bearer`), with the credentials as basic auth
 * when there are any (anonymous otherwise, which is enough to pull public repositories). Tokens
 * are kept and reused until the registry challenges again, for a scope they do not cover.
 */
class Authorizer {
    found;
    current;
    /** Every scope asked for so far, by resource: a new token covers them all, so calls do not flip-flop. */
    scopes = new Map();
    ref;
    env;
    constructor(ref, env = process.env) {
        this.ref = ref;
        this.env = env;
    }
    /** The Authorization header to send, if any yet. */
    header() {
        return this.current;
    }
    /**
     * Answers a 401: afterwards header() holds new authorization. Throws when there is nothing better
     * to send. `again`: this request was already answered once; on its first 401 a token for the same
     * scopes is fetched anew, since tokens expire (after minutes) while a `watch` runs for days.
     */
    async answer(wwwAuthenticate, refusedStatus, again) {
        const challenge = wwwAuthenticate ? parseChallenge(wwwAuthenticate) : undefined;
        const creds = this.credentials();
        if (challenge?.scheme === 'basic') {
            if (!creds)
                throw this.needCredentials(refusedStatus);
            const next = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
            if (next === this.current)
                throw this.refused(creds, `${refusedStatus}`);
            this.current = next;
            return;
        }
        if (challenge?.scheme !== 'bearer' || !challenge.params['realm']) {
            throw new errors/* SnapshotError */.JC('failed', `${this.ref.display}: the registry answered ${refusedStatus} without a usable WWW-Authenticate challenge; check that ${this.ref.host} is an OCI registry`);
        }
        const before = this.scopeText();
        for (const s of (challenge.params['scope'] ?? '').split(' ').filter(Boolean))
            this.addScope(s);
        // A fresh token for exactly these scopes was refused already: asking again would get the same one.
        if (again && this.current?.startsWith('Bearer ') && before === this.scopeText()) {
            throw creds ? this.refused(creds, `${refusedStatus} with a token for ${before}`) : this.needCredentials(refusedStatus);
        }
        this.current = `Bearer ${await this.fetchToken(challenge.params['realm'], challenge.params['service'], creds)}`;
    }
    addScope(scope) {
        const at = scope.lastIndexOf(':');
        if (at <= 0)
            return;
        const resource = scope.slice(0, at);
        const set = this.scopes.get(resource) ?? new Set();
        for (const a of scope.slice(at + 1).split(','))
            if (a)
                set.add(a);
        this.scopes.set(resource, set);
    }
    scopeText() {
        return [...this.scopes].map(([r, a]) => `${r}:${[...a].sort().join(',')}`).join(' ');
    }
    async fetchToken(realm, service, creds) {
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw new errors/* SnapshotError */.JC('failed', `${this.ref.display}: the registry's token realm "${realm}" is not a URL`);
        }
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.ref.origin.startsWith('http:'))) {
            // Credentials go to the realm: never in clear over a network the registry itself would not use.
            throw new errors/* SnapshotError */.JC('failed', `${this.ref.display}: the registry sends for tokens to ${url.origin} over plain HTTP; refused, so that no credentials cross the network unencrypted`);
        }
        if (service)
            url.searchParams.set('service', service);
        for (const s of this.scopeText().split(' ').filter(Boolean))
            url.searchParams.append('scope', s);
        const headers = {};
        if (creds) {
            headers['authorization'] = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
            url.searchParams.set('account', creds.username);
        }
        let res;
        try {
            res = await (0,http/* send */.tN)({ method: 'GET', url, headers });
        }
        catch (err) {
            throw new errors/* SnapshotError */.JC('failed', `${this.ref.display}: cannot reach the registry's token service at ${url.origin} (${(0,errors/* oneLine */.TN)(err)}); check the network`);
        }
        const status = res.statusCode ?? 0;
        if (status === 401 || status === 403) {
            (0,http/* discard */.vf)(res);
            throw creds ? this.refused(creds, `${status} from the token service`) : this.needCredentials(status);
        }
        const text = (await (0,http/* readAll */.yw)(res, 1 << 20)).toString('utf8');
        if (status !== 200)
            throw new errors/* SnapshotError */.JC('failed', `${this.ref.display}: the registry's token service answered ${status}; retry later`);
        let token;
        try {
            const reply = JSON.parse(text);
            token = reply.token ?? reply.access_token;
        }
        catch {
            token = undefined;
        }
        if (typeof token !== 'string' || token === '')
            throw new errors/* SnapshotError */.JC('failed', `${this.ref.display}: the registry's token service sent no token`);
        return token;
    }
    credentials() {
        this.found ??= findCredentials(this.ref.host, this.env);
        return this.found.credentials;
    }
    needCredentials(status) {
        const note = this.found?.helperNote;
        const ghcr = this.ref.host === 'ghcr.io' ? ', or GITHUB_TOKEN' : '';
        return (0,errors/* badInput */.AN)(note
            ? `${this.ref.display}: the registry asks for credentials (${status}); ${note}`
            : `${this.ref.display}: the registry asks for credentials (${status}) and none were found; set ${USERNAME_ENV} and ${PASSWORD_ENV}${ghcr}, or run "docker login ${this.ref.host}"`);
    }
    refused(creds, what) {
        return (0,errors/* badInput */.AN)(`${this.ref.display}: the registry refused the credentials from ${creds.source} (${what}); check the user name and password or token, and that it may read and write ${this.ref.repository}`);
    }
}

;// CONCATENATED MODULE: ./lib/store/oci/client.js



/**
 * A small client for the OCI distribution API (v1.1 of the spec), the part a store needs: blobs
 * (HEAD, monolithic and chunked upload, GET), manifests (PUT, GET, HEAD, DELETE) and tag listing.
 *
 * Written here rather than taken from npm: the registry clients published there either only pull
 * or are no longer maintained, and the subset needed is small and fixed by the spec.
 */
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** Tries per request: faults of the registry (5xx), its throttling (429) and dropped connections. */
const ATTEMPTS = 6;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 8_000;
/** A Retry-After longer than this is not waited for in full: the caller's own retry policy takes over. */
const MAX_RETRY_AFTER_MS = 30_000;
const TAGS_PAGE = 1000;
/** Manifests are small; registries refuse those over 4 MiB. */
const MAX_MANIFEST = 4 << 20;
/** A registry answer that is not what the call needed. */
class RegistryError extends Error {
    status;
    /** The spec's error code (`NAME_UNKNOWN`, `DENIED`…), or '' when the body held none. */
    code;
    /** The registry's Retry-After, when it sent one. */
    retryAfterMs;
    constructor(message, status, code, retryAfterMs) {
        super(message);
        this.name = 'RegistryError';
        this.status = status;
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }
}
class RegistryClient {
    stats = { blobsUploaded: 0, bytesUploaded: 0, blobsSkipped: 0, retries: 0 };
    ref;
    auth;
    log;
    pageSize;
    constructor(ref, opts = {}) {
        this.ref = ref;
        this.auth = new Authorizer(ref, opts.env ?? process.env);
        this.log = opts.log ?? (() => undefined);
        this.pageSize = opts.pageSize ?? TAGS_PAGE;
    }
    /** Whether the repository holds this blob: then an upload is skipped. */
    async hasBlob(digest, idempotent = true) {
        const res = await this.call({ method: 'HEAD', path: `/blobs/${digest}`, what: `looking up blob ${digest}` }, [200, 404], idempotent);
        (0,http/* discard */.vf)(res);
        return res.statusCode === 200;
    }
    /**
     * Uploads a blob of known digest and size unless the repository has it: POST opens an upload,
     * one PUT with `?digest=` sends the whole body and closes it. A failure part way starts over
     * with a new upload (the registry expires the abandoned one).
     */
    async pushBlob(digest, size, open) {
        return this.retrying(`uploading blob ${digest}`, async () => {
            // Each step once: this whole sequence is what is retried.
            if (await this.hasBlob(digest, false)) {
                this.stats.blobsSkipped++;
                return 'present';
            }
            const started = await this.call({ method: 'POST', path: '/blobs/uploads/', what: `starting the upload of blob ${digest}` }, [202], false);
            (0,http/* discard */.vf)(started);
            const location = started.headers.location;
            if (!location)
                throw new RegistryError(`${this.ref.display}: the registry started an upload but gave no Location`, 202, 'PROTOCOL');
            const url = new URL(location, this.ref.origin);
            url.searchParams.set('digest', digest);
            const done = await this.call({ method: 'PUT', path: url.href, headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) }, body: open, what: `uploading blob ${digest}` }, [201], false);
            (0,http/* discard */.vf)(done);
            this.stats.blobsUploaded++;
            this.stats.bytesUploaded += size;
            return 'uploaded';
        }, digestInvalid);
    }
    /**
     * Opens an upload sent in chunks while the blob is still being produced, its digest known only
     * at the end (the spec's chunked upload: POST, a PATCH per chunk with Content-Range, PUT with
     * `?digest=`). Its steps are not retried: a chunk that may have half arrived cannot simply be sent
     * again, so the caller pushes the whole blob instead (pushBlob), and the registry expires the
     * upload left open.
     */
    async startChunkedUpload() {
        const started = await this.call({ method: 'POST', path: '/blobs/uploads/', what: 'starting a chunked blob upload' }, [202]);
        (0,http/* discard */.vf)(started);
        let location = this.uploadLocation(started);
        let sent = 0;
        return {
            chunk: async (data, signal) => {
                const res = await this.call({
                    method: 'PATCH',
                    path: location,
                    headers: { 'content-type': 'application/octet-stream', 'content-range': `${sent}-${sent + data.length - 1}` },
                    body: () => data,
                    ...(signal ? { signal } : {}),
                    what: `uploading bytes ${sent}-${sent + data.length - 1} of a blob`,
                }, [202], false);
                (0,http/* discard */.vf)(res);
                // Each answer names where the next chunk goes.
                location = this.uploadLocation(res);
                sent += data.length;
            },
            finish: async (digest) => {
                const url = new URL(location);
                url.searchParams.set('digest', digest);
                const res = await this.call({ method: 'PUT', path: url.href, what: `finishing the upload of blob ${digest}` }, [201], false);
                (0,http/* discard */.vf)(res);
                this.stats.blobsUploaded++;
                this.stats.bytesUploaded += sent;
            },
            cancel: async () => {
                const res = await this.call({ method: 'DELETE', path: location, what: 'cancelling a blob upload' }, [204, 404], false);
                (0,http/* discard */.vf)(res);
            },
        };
    }
    uploadLocation(res) {
        const location = res.headers.location;
        if (!location)
            throw new RegistryError(`${this.ref.display}: the registry answered an upload step without a Location`, res.statusCode ?? 0, 'PROTOCOL');
        return new URL(location, this.ref.origin).href;
    }
    /**
     * A blob's bytes as they arrive (redirects to the registry's storage followed), from byte `from`
     * on when it is given: `partial` says whether the registry honoured the range (206) or sent the
     * whole blob again (200), which the spec allows.
     */
    async blob(digest, from = 0) {
        const headers = from > 0 ? { range: `bytes=${from}-` } : {};
        const res = await this.call({ method: 'GET', path: `/blobs/${digest}`, headers, what: `downloading blob ${digest}` }, from > 0 ? [200, 206] : [200]);
        return { res, partial: res.statusCode === 206 };
    }
    /** Stores a manifest under a tag (or its digest); resolves with the digest the registry computed. */
    async putManifest(reference, body, mediaType = OCI_MANIFEST) {
        const res = await this.call({ method: 'PUT', path: `/manifests/${reference}`, headers: { 'content-type': mediaType }, body: () => body, what: `storing manifest ${reference}` }, [201]);
        (0,http/* discard */.vf)(res);
        return String(res.headers['docker-content-digest'] ?? '');
    }
    /** A manifest's bytes and digest, or undefined when the tag or digest is unknown. */
    async manifest(reference) {
        const res = await this.call({ method: 'GET', path: `/manifests/${reference}`, headers: { accept: OCI_MANIFEST }, what: `reading manifest ${reference}` }, [200, 404]);
        if (res.statusCode === 404) {
            (0,http/* discard */.vf)(res);
            return undefined;
        }
        const body = await (0,http/* readAll */.yw)(res, MAX_MANIFEST).catch((err) => {
            throw new http/* NetworkError */.Dr(`reading manifest ${reference}: ${(0,errors/* oneLine */.TN)(err)}`);
        });
        return { digest: String(res.headers['docker-content-digest'] ?? ''), body };
    }
    /** The digest a tag points at, or undefined when it points nowhere. */
    async manifestDigest(reference) {
        const res = await this.call({ method: 'HEAD', path: `/manifests/${reference}`, headers: { accept: OCI_MANIFEST }, what: `looking up manifest ${reference}` }, [200, 404]);
        (0,http/* discard */.vf)(res);
        if (res.statusCode === 404)
            return undefined;
        const digest = res.headers['docker-content-digest'];
        if (typeof digest !== 'string' || digest === '')
            throw new RegistryError(`${this.ref.display}: the registry gave no digest for ${reference}`, 200, 'PROTOCOL');
        return digest;
    }
    /** Deletes a manifest by digest (every tag on it goes with it); false when it was already gone. */
    async deleteManifest(digest) {
        const res = await this.call({ method: 'DELETE', path: `/manifests/${digest}`, what: `deleting manifest ${digest}` }, [200, 202, 404]);
        (0,http/* discard */.vf)(res);
        return res.statusCode !== 404;
    }
    /** Every tag of the repository, page by page as the registry's Link headers lead; none when the repository does not exist yet. */
    async tags() {
        const out = [];
        let path = `/tags/list?n=${this.pageSize}`;
        for (;;) {
            const res = await this.call({ method: 'GET', path, what: 'listing tags' }, [200, 404]);
            if (res.statusCode === 404) {
                const err = await this.errorOf(res, 'listing tags');
                if (err.code === 'NAME_UNKNOWN' || err.code === 'NOT_FOUND' || err.code === '')
                    return out;
                throw err;
            }
            const reply = JSON.parse((await (0,http/* readAll */.yw)(res)).toString('utf8'));
            out.push(...(reply.tags ?? []));
            const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(String(res.headers.link ?? ''));
            if (!next)
                return out;
            path = new URL(next[1], this.ref.origin).href;
        }
    }
    /**
     * One call with the retries it deserves: `idempotent` calls are sent again after a fault (5xx,
     * 429, a dropped connection); the others (an upload's steps) are retried by their caller, from
     * the start. A 401 is answered with fresh authorization; when there is none better, it is the credentials' fault.
     */
    async call(c, ok, idempotent = true) {
        const once = async () => {
            // A 401 is answered with better authorization (a token for a wider scope, then credentials) until the authorizer has none.
            for (let rounds = 0;; rounds++) {
                const res = await this.followRedirects(c);
                const status = res.statusCode ?? 0;
                if (ok.includes(status))
                    return res;
                if (status === 401 && rounds < 3) {
                    (0,http/* discard */.vf)(res);
                    await this.auth.answer(headerText(res.headers['www-authenticate']), status, rounds > 0);
                    continue;
                }
                throw await this.errorOf(res, c.what);
            }
        };
        return idempotent ? this.retrying(c.what, once) : once();
    }
    /** GET and HEAD follow redirects (blob storage); authorization goes only to the registry's own origin. */
    async followRedirects(c) {
        let url = /^https?:\/\//.test(c.path) ? new URL(c.path) : new URL(`/v2/${this.ref.repository}${c.path}`, this.ref.origin);
        for (let hops = 0;; hops++) {
            const headers = { ...c.headers };
            const authorization = url.origin === this.ref.origin ? this.auth.header() : undefined;
            if (authorization)
                headers['authorization'] = authorization;
            const res = await (0,http/* send */.tN)({ method: c.method, url, headers, ...(c.body ? { body: c.body } : {}), ...(c.signal ? { signal: c.signal } : {}) });
            const status = res.statusCode ?? 0;
            const location = res.headers.location;
            if (!(status >= 301 && status <= 308 && status !== 304) || !location || (c.method !== 'GET' && c.method !== 'HEAD') || hops === 5)
                return res;
            (0,http/* discard */.vf)(res);
            url = new URL(location, url);
        }
    }
    /** Runs `attempt` until it succeeds or fails for good, backing off between tries. */
    async retrying(what, attempt, alsoTransient = () => false) {
        for (let n = 1;; n++) {
            try {
                return await attempt();
            }
            catch (err) {
                const transient = err instanceof http/* NetworkError */.Dr || (err instanceof RegistryError && isTransient(err.status)) || alsoTransient(err);
                if (!transient || n === ATTEMPTS)
                    throw this.final(err, what, n);
                const wait = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (n - 1)) * (0.5 + Math.random() / 2);
                const after = err instanceof RegistryError ? err.retryAfterMs : undefined;
                this.stats.retries++;
                this.log(`${this.ref.display}: ${what}: ${(0,errors/* oneLine */.TN)(err)}; trying again (${n}/${ATTEMPTS - 1})`);
                await new Promise((r) => setTimeout(r, after !== undefined ? Math.min(after, MAX_RETRY_AFTER_MS) : wait));
            }
        }
    }
    final(err, what, attempts) {
        if (err instanceof errors/* SnapshotError */.JC)
            return err;
        const tries = attempts > 1 ? ` after ${attempts} tries` : '';
        if (err instanceof http/* NetworkError */.Dr) {
            return new errors/* SnapshotError */.JC('failed', `${this.ref.display}: ${what}: the connection failed${tries} (${(0,errors/* oneLine */.TN)(err)}); check that ${this.ref.host} is reachable`, { cause: err });
        }
        if (err instanceof RegistryError) {
            if (err.status === 403) {
                return new errors/* SnapshotError */.JC('failed', `${err.message}; the credentials may not ${/delet/.test(what) ? 'delete from' : /upload|storing/.test(what) ? 'push to' : 'read'} ${this.ref.repository}`, { cause: err });
            }
            return new errors/* SnapshotError */.JC(isTransient(err.status) ? 'failed' : err.status === 404 ? 'not-found' : 'failed', `${err.message}${tries}`, { cause: err });
        }
        return err;
    }
    /** The registry's error body, as `CODE: message`, in one RegistryError. */
    async errorOf(res, what) {
        const status = res.statusCode ?? 0;
        const text = await (0,http/* readAll */.yw)(res, 64 << 10).then((b) => b.toString('utf8'), () => '');
        let code = '';
        let detail = '';
        try {
            const first = JSON.parse(text).errors?.[0];
            code = first?.code ?? '';
            detail = [first?.code, first?.message].filter(Boolean).join(': ');
        }
        catch {
            detail = (0,errors/* oneLine */.TN)(text).slice(0, 160);
        }
        const after = Number(headerText(res.headers['retry-after']) ?? NaN);
        return new RegistryError(`${this.ref.display}: ${what}: the registry answered ${status}${detail ? ` (${detail})` : ''}`, status, code, after >= 0 ? after * 1000 : undefined);
    }
}
/**
 * 400 DIGEST_INVALID, directly or as the cause of our error. distribution (filesystem storage)
 * answers it to one of two writers' PUTs of a manifest to one tag at once (seen in the suite: the
 * two writers of one millisecond), though the bytes each sent were right. A blob upload refused so
 * is tried again, and the retry's HEAD finds the blob if another upload stored it; a manifest
 * refused so lost its tag to the other writer (oci.ts takes the next one).
 */
function digestInvalid(err) {
    const e = err instanceof errors/* SnapshotError */.JC ? err.cause : err;
    return e instanceof RegistryError && e.status === 400 && e.code === 'DIGEST_INVALID';
}
function isTransient(status) {
    return status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505);
}
function headerText(h) {
    return Array.isArray(h) ? h[0] : h;
}

;// CONCATENATED MODULE: ./lib/store/oci/layout.js





/**
 * How a generation is kept in an OCI repository (docs/stores-oci.md): one OCI 1.1 image manifest,
 * as `oras push` writes one, tagged `<name>_<generation>`:
 *
 *   artifactType  application/vnd.sqlite-snapshot.generation.v1
 *   config        the empty descriptor ({} , 2 bytes), as the spec asks of artifacts
 *   layers        one per file of the generation, each annotated with its file name
 *                 (org.opencontainers.image.title, which `oras pull` writes the file as):
 *                 manifest.json, each stored database, verification.json when there is one
 *
 * Layers are blobs addressed by their sha256, so a file another generation already holds (an
 * unchanged database) is in the repository once and is never sent again. A generation exists once
 * its manifest is tagged, which is the last request of a snapshot. Room for the next step,
 * generations that hold only the pages that changed: page packs as further blobs, referenced from
 * an index layer, named by a snapshot manifest of a newer format version (older readers refuse it).
 */
const ARTIFACT_TYPE = 'application/vnd.sqlite-snapshot.generation.v1';
const EMPTY_CONFIG = {
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
};
const EMPTY_CONFIG_BYTES = Buffer.from('{}');
const TITLE = 'org.opencontainers.image.title';
const NAME_ANNOTATION = 'sqlite-snapshot.name';
const GENERATION_ANNOTATION = 'sqlite-snapshot.generation';
const CREATED_ANNOTATION = 'org.opencontainers.image.created';
const MEDIA_TYPES = {
    manifest: 'application/vnd.sqlite-snapshot.manifest.v1+json',
    verification: 'application/vnd.sqlite-snapshot.verification.v1+json',
    database: 'application/vnd.sqlite-snapshot.database.v1',
};
/** `<name>_<generation>`: valid OCI tags (names and ids use tag characters, 100 + 1 + 20 < 128). */
function tagFor(name, generation) {
    return `${name}_${generation}`;
}
const TAG_RE = /^(.+)_(\d{8}T\d{6}\.\d{3}Z(?:-\d+)?)$/;
/** The name and generation a tag stands for, or undefined for a tag that is not one of ours. */
function parseTag(tag) {
    const m = TAG_RE.exec(tag);
    if (!m || !(0,names/* isGenerationId */.M8)(m[2]))
        return undefined;
    return { name: m[1], generation: m[2] };
}
/** The layer media type of a generation's file: databases say how they are compressed. */
function mediaTypeOf(file, manifest) {
    if (file === manifest_manifest/* MANIFEST_FILE */.h1)
        return MEDIA_TYPES.manifest;
    if (file === summary/* VERIFICATION_FILE */.$R)
        return MEDIA_TYPES.verification;
    const entry = manifest.databases.find((d) => d.file === file);
    if (!entry)
        return 'application/octet-stream';
    return entry.compression === 'none' ? MEDIA_TYPES.database : `${MEDIA_TYPES.database}+${entry.compression}`;
}
function buildManifest(name, generation, snapshot, files) {
    const image = {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: ARTIFACT_TYPE,
        config: { ...EMPTY_CONFIG },
        layers: files.map((f) => ({ mediaType: mediaTypeOf(f.file, snapshot), digest: f.digest, size: f.size, annotations: { [TITLE]: f.file } })),
        annotations: { [NAME_ANNOTATION]: name, [GENERATION_ANNOTATION]: generation, [CREATED_ANNOTATION]: snapshot.createdAt },
    };
    return Buffer.from(JSON.stringify(image));
}
/** A generation's manifest as stored, checked: its layers by file name. `what` names it in errors. */
function parseImageManifest(body, digest, what) {
    if (digest && digest !== `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`) {
        throw (0,errors/* corrupt */.qb)(`${what}: the manifest's bytes do not match its digest ${digest}; the download was damaged, try again`);
    }
    let image;
    try {
        image = JSON.parse(body.toString('utf8'));
    }
    catch {
        throw (0,errors/* corrupt */.qb)(`${what}: the manifest is not JSON; it was not written by sqlite-snapshot`);
    }
    if (image.artifactType !== ARTIFACT_TYPE || !Array.isArray(image.layers)) {
        throw (0,errors/* corrupt */.qb)(`${what}: is not a sqlite-snapshot generation (artifactType ${JSON.stringify(image.artifactType ?? null)}); it was pushed by another tool under one of our tags`);
    }
    const layers = new Map();
    for (const l of image.layers) {
        const file = l.annotations?.[TITLE];
        if (!file || !(0,manifest_manifest/* isSafeFileName */.Dh)(file) || !/^sha256:[0-9a-f]{64}$/.test(l.digest) || !Number.isSafeInteger(l.size) || l.size < 0) {
            throw (0,errors/* corrupt */.qb)(`${what}: a layer has no valid file name, digest or size; the generation is damaged`);
        }
        layers.set(file, l);
    }
    if (!layers.has(manifest_manifest/* MANIFEST_FILE */.h1))
        throw (0,errors/* corrupt */.qb)(`${what}: has no ${manifest_manifest/* MANIFEST_FILE */.h1} layer; the generation is damaged`);
    return layers;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./lib/store/oci/reference.js


/** The environment variable that allows plain HTTP to a registry that is not on a loopback address. */
const PLAIN_HTTP_ENV = 'SQLITE_SNAPSHOT_OCI_PLAIN_HTTP';
/** Docker Hub's names: its API is served from another host than the one people write. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** The distribution spec's repository name grammar: lower-case path components. */
const REPOSITORY_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
function parseRegistryRef(url, inputName = '--store', env = process.env) {
    const example = `${inputName} oci://ghcr.io/owner/snapshots`;
    if (url.username || url.password) {
        throw (0,errors/* badInput */.AN)(`${inputName}: an oci:// URL must not hold credentials; remove them and set SQLITE_SNAPSHOT_OCI_USERNAME and SQLITE_SNAPSHOT_OCI_PASSWORD, or run "docker login ${url.host}"`);
    }
    if (url.search || url.hash)
        throw (0,errors/* badInput */.AN)(`${inputName}: an oci:// URL takes no "?" or "#" part; give oci://host[:port]/repository, for example ${example}`);
    if (!url.host)
        throw (0,errors/* badInput */.AN)(`${inputName}: the oci:// URL names no registry; give oci://host[:port]/repository, for example ${example}`);
    const repository = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
    if (repository === '')
        throw (0,errors/* badInput */.AN)(`${inputName}: the oci:// URL names no repository; give oci://host[:port]/repository, for example ${example}`);
    if (repository.length > 255 || !REPOSITORY_RE.test(repository)) {
        throw (0,errors/* badInput */.AN)(`${inputName}: "${repository}" is not a valid repository name; use lower-case letters, digits, ".", "_", "-" and "/" (for example owner/snapshots)`);
    }
    const host = url.host.toLowerCase();
    const apiHost = DOCKER_HUB.has(url.hostname.toLowerCase()) ? 'registry-1.docker.io' : host;
    const plain = isLoopback(url.hostname) || /^(1|true|yes)$/i.test(env[PLAIN_HTTP_ENV] ?? '');
    return { host, origin: `${plain ? 'http' : 'https'}://${apiHost}`, repository, display: `oci://${host}/${repository}` };
}
/** Plain HTTP is safe only where no network is crossed. */
function isLoopback(hostname) {
    const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (h === 'localhost' || h.endsWith('.localhost'))
        return true;
    if ((0,external_node_net_.isIP)(h) === 4)
        return h.startsWith('127.');
    return h === '::1';
}

;// CONCATENATED MODULE: ./lib/store/oci/oci.js


















/** The least wait before a tag just pushed is read the second time (see push). */
const SETTLE_MIN_MS = 100;
/** Tags tried for one generation before a commit gives up: each clash with another writer's takes the next id. */
const ID_TRIES = 20;
/** Manifests read at once when listing with figures. */
const LIST_CONCURRENCY = 4;
/**
 * Generations in an OCI registry repository (`oci://host[:port]/repository`), one OCI artifact
 * each (layout.ts), pullable with `oras pull`. A snapshot is written to a private staging
 * directory, each database pushed while the engine writes it (streamed-push.ts), the rest at
 * commit: blobs first (those already in the repository are skipped), the tagged manifest last, so a generation is visible only when whole and a killed push leaves nothing any
 * reader sees. No writer lock: two writers each push their own generation under their own tag.
 */
class OciStore {
    ref;
    client;
    tempRoot;
    constructor(ref, opts = {}) {
        this.ref = ref;
        this.client = new RegistryClient(ref, opts);
        this.tempRoot = external_node_path_.join(opts.tempRoot ?? external_node_os_.tmpdir(), 'sqlite-snapshot-oci');
    }
    get description() {
        return this.ref.display;
    }
    /** A repository that does not exist yet is an empty store (registries create it on the first push); this checks that it can be read. */
    async checkExists() {
        await this.client.tags();
    }
    async begin(name) {
        (0,names/* validateName */.yS)(name);
        // Every generation needs the empty config blob; pushing it first also proves, in one small
        // request, that the credentials may push here, before a large database is snapshotted for nothing.
        await this.client.pushBlob(EMPTY_CONFIG.digest, EMPTY_CONFIG.size, () => EMPTY_CONFIG_BYTES);
        const dir = await this.privateDir('staging');
        let done = false;
        const controller = new AbortController();
        // Databases pushed while the engine wrote them, by file name: what was sent, or undefined when it failed.
        const streamed = new Map();
        return {
            dir,
            scratch: true,
            onStoredFile: (w) => {
                streamed.set(w.file, pushWhileWritten(this.client, w, controller.signal).catch(() => undefined));
            },
            commit: async () => {
                const published = await this.push(name, dir, streamed);
                done = true;
                await (0,files/* removeQuietly */.S2)(dir);
                return published;
            },
            abort: async () => {
                controller.abort();
                await Promise.all(streamed.values());
                if (!done)
                    await (0,files/* removeQuietly */.S2)(dir);
            },
        };
    }
    /**
     * Pushes a staged generation: every blob not pushed while it was written, then the manifest
     * under a tag no other generation holds.
     */
    async push(name, dir, streamed) {
        const snapshot = await (0,manifest_manifest/* readManifest */.WI)(dir);
        const files = await this.layerFiles(dir, snapshot);
        for (const f of files) {
            const sent = await streamed.get(f.file);
            // Sent while written, as the bytes the manifest describes (the registry checked the digest).
            if (sent && `sha256:${sent.sha256}` === f.digest && sent.size === f.size)
                continue;
            await this.client.pushBlob(f.digest, f.size, () => (0,external_node_fs_.createReadStream)(external_node_path_.join(dir, f.file)));
        }
        const base = (0,names/* generationId */.y5)(new Date());
        for (let i = 0; i < ID_TRIES; i++) {
            const generation = i === 0 ? base : `${base}-${i}`;
            const tag = tagFor(name, generation);
            // Tags can be overwritten: one already taken belongs to another writer's generation.
            if (await this.client.manifestDigest(tag))
                continue;
            const body = buildManifest(name, generation, snapshot, files);
            const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
            const t0 = performance.now();
            try {
                await this.client.putManifest(tag, body);
            }
            catch (err) {
                // Another writer's PUT to this tag at the same moment: the registry refused ours.
                if (digestInvalid(err))
                    continue;
                throw err;
            }
            // A writer that took the same tag between our look and our PUT overwrote it or was overwritten:
            // the one whose manifest the tag does not hold now takes the next id, so both generations stay.
            if ((await this.client.manifestDigest(tag)) !== digest)
                continue;
            // Registries have no conditional PUT: a writer that looked before our PUT may still land its
            // own after our read. Its PUT follows its look by about one round trip, so a second read a few
            // round trips later sees it (seen in the suite: both writers of one millisecond kept one tag).
            await (0,promises_.setTimeout)(Math.max(SETTLE_MIN_MS, 4 * (performance.now() - t0)));
            if ((await this.client.manifestDigest(tag)) !== digest)
                continue;
            const s = this.client.stats;
            return {
                name,
                generation,
                location: `${this.ref.display}:${tag}`,
                details: { digest, blobsUploaded: s.blobsUploaded, blobsSkipped: s.blobsSkipped, bytesUploaded: s.bytesUploaded },
            };
        }
        throw new errors/* SnapshotError */.JC('failed', `${this.ref.display}: ${ID_TRIES} tags for a new generation of ${name} were taken by other writers meanwhile; try again`);
    }
    /**
     * The staged files with their digests. A database's sha256 is the snapshot manifest's (the
     * registry recomputes it as the bytes arrive and refuses a mismatch), so gigabytes are not read
     * twice; the small JSON files are hashed here.
     */
    async layerFiles(dir, snapshot) {
        const out = [];
        const names = (await external_node_fs_.promises.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && !(0,files/* isTempName */.Gs)(e.name)).map((e) => e.name);
        const ordered = [manifest_manifest/* MANIFEST_FILE */.h1, ...snapshot.databases.map((d) => d.file), ...(names.includes(summary/* VERIFICATION_FILE */.$R) ? [summary/* VERIFICATION_FILE */.$R] : [])];
        for (const file of ordered) {
            const full = external_node_path_.join(dir, file);
            const { size } = await external_node_fs_.promises.stat(full).catch((err) => {
                throw (0,errors/* describeIoError */.QY)(err, `${this.ref.display}: cannot read the staged ${file}`);
            });
            const entry = snapshot.databases.find((d) => d.file === file);
            const digest = entry && entry.storedSize === size ? `sha256:${entry.storedSha256}` : `sha256:${(0,external_node_crypto_.createHash)('sha256').update(await external_node_fs_.promises.readFile(full)).digest('hex')}`;
            out.push({ file, digest, size });
        }
        return out;
    }
    async list(name) {
        if (name !== undefined)
            (0,names/* validateName */.yS)(name);
        const out = [];
        for (const tag of await this.client.tags()) {
            const t = parseTag(tag);
            if (!t || (name !== undefined && t.name !== name))
                continue;
            out.push({ name: t.name, generation: t.generation, createdAt: (0,names/* generationTime */.sO)(t.generation).toISOString(), dir: `${this.ref.display}:${tag}` });
        }
        return out.sort((a, b) => (a.name === b.name ? (a.generation < b.generation ? -1 : 1) : a.name < b.name ? -1 : 1));
    }
    /** The generation a selector names, with its layers. */
    async select(name, select) {
        (0,names/* validateName */.yS)(name);
        const gens = await this.list(name);
        const info = (0,store_select/* pickGeneration */.g)(gens, name, select, this.ref.display);
        const what = `${this.ref.display}:${tagFor(name, info.generation)}`;
        const got = await this.client.manifest(tagFor(name, info.generation));
        if (!got)
            throw new errors/* SnapshotError */.JC('not-found', `snapshot ${name}: generation ${info.generation} was removed from ${this.ref.display} while opening it; retry`);
        return { info, layers: parseImageManifest(got.body, got.digest, what) };
    }
    /** Downloads a generation into a private directory, each file checked against its digest. */
    async open(name, select = {}) {
        const { info, layers } = await this.select(name, select);
        const dir = await this.privateDir('reader');
        try {
            for (const [file, layer] of layers)
                await this.download(layer, external_node_path_.join(dir, file), `${info.dir} ${file}`);
        }
        catch (err) {
            await (0,files/* removeQuietly */.S2)(dir);
            throw err;
        }
        return { name, generation: info.generation, dir, close: () => (0,files/* removeQuietly */.S2)(dir) };
    }
    /**
     * A generation read once as it downloads: its snapshot manifest first, then each database as a
     * stream that restoreStreamed decodes while it arrives. Undefined when a database is not stored
     * as zstd (only zstd frames are decoded from a stream): then open() downloads it to files.
     */
    async openStream(name, select = {}) {
        const { info, layers } = await this.select(name, select);
        const label = info.dir;
        const manifest = await this.snapshotManifest(layers, label);
        if (manifest.databases.some((d) => d.compression !== 'zstd'))
            return undefined;
        for (const d of manifest.databases) {
            const layer = layers.get(d.file);
            // The layer list and the snapshot's own manifest must agree: a layer is proven by the sha256 the manifest records.
            if (!layer || layer.digest !== `sha256:${d.storedSha256}` || layer.size !== d.storedSize) {
                throw (0,errors/* corrupt */.qb)(`${label}: the layer of ${d.file} does not match the snapshot's manifest; the generation is damaged, restore another one`);
            }
        }
        const readers = [];
        const client = this.client;
        const files = async function* () {
            for (const d of manifest.databases) {
                const reader = blobReader(client, `sha256:${d.storedSha256}`, d.storedSize, `${label} ${d.file}`);
                readers.push(reader);
                try {
                    yield { file: d.file, source: reader };
                }
                finally {
                    await reader.close();
                }
            }
        };
        return { name, generation: info.generation, snapshot: { manifest, label, files: files(), youngGc: true }, close: async () => void (await Promise.all(readers.map((r) => r.close()))) };
    }
    /** A blob written to a file, resumed if the connection breaks, refused unless its sha256 is the digest. */
    async download(layer, file, what) {
        const reader = blobReader(this.client, layer.digest, layer.size, what);
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const fh = await external_node_fs_.promises.open(file, 'wx');
        let size = 0;
        try {
            const buf = Buffer.allocUnsafe(1 << 20);
            for (;;) {
                const n = await reader.read(buf, 0, buf.length);
                if (n === 0)
                    break;
                hash.update(buf.subarray(0, n));
                size += n;
                await fh.write(buf, 0, n);
            }
        }
        finally {
            await reader.close();
            await fh.close();
        }
        if (size !== layer.size || `sha256:${hash.digest('hex')}` !== layer.digest) {
            throw (0,errors/* corrupt */.qb)(`${what}: the downloaded bytes do not match the layer's digest ${layer.digest}; the download or the stored blob is damaged, try again`);
        }
    }
    /** A small blob (a manifest, a verification record) in memory, checked against its digest. */
    async smallBlob(layer, what) {
        if (layer.size > 16 << 20)
            throw (0,errors/* corrupt */.qb)(`${what}: is ${layer.size} bytes, too large to be ours; the generation is damaged`);
        const reader = blobReader(this.client, layer.digest, layer.size, what);
        const buf = Buffer.alloc(layer.size);
        try {
            for (let got = 0; got < layer.size;) {
                const n = await reader.read(buf, got, layer.size - got);
                if (n === 0)
                    break;
                got += n;
            }
        }
        finally {
            await reader.close();
        }
        if (`sha256:${(0,external_node_crypto_.createHash)('sha256').update(buf).digest('hex')}` !== layer.digest) {
            throw (0,errors/* corrupt */.qb)(`${what}: the downloaded bytes do not match the layer's digest ${layer.digest}; the download or the stored blob is damaged, try again`);
        }
        return buf;
    }
    async summarize(name) {
        const gens = await this.list(name);
        const out = new Array(gens.length);
        let next = 0;
        const worker = async () => {
            while (next < gens.length) {
                const i = next++;
                const g = gens[i];
                const s = await this.summaryOf(g);
                if (s)
                    out[i] = s;
            }
        };
        await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, gens.length) }, worker));
        return out.filter(Boolean);
    }
    /** A generation's line in `list`; undefined when it was pruned while we read it (not damaged, just gone). */
    async summaryOf(g) {
        let verified = null;
        try {
            const got = await this.client.manifest(tagFor(g.name, g.generation));
            if (!got)
                throw new errors/* SnapshotError */.JC('not-found', 'pruned meanwhile');
            const layers = parseImageManifest(got.body, got.digest, g.dir);
            const v = layers.get(summary/* VERIFICATION_FILE */.$R);
            if (v)
                verified = (0,summary/* parseVerification */.Vz)((await this.smallBlob(v, `${g.dir} ${summary/* VERIFICATION_FILE */.$R}`)).toString('utf8')) ?? null;
            return (0,summary/* summaryOf */.YG)(g, await this.snapshotManifest(layers, g.dir), verified);
        }
        catch (err) {
            if (err instanceof errors/* SnapshotError */.JC && err.kind === 'not-found')
                return undefined;
            if (!(err instanceof errors/* SnapshotError */.JC) || err.kind !== 'corrupt')
                throw err;
            return (0,summary/* damagedSummary */.OM)(g, verified, err.message);
        }
    }
    /** The snapshot's own manifest.json, from its layer. */
    async snapshotManifest(layers, what) {
        return (0,manifest_manifest/* parseManifest */.Ng)((await this.smallBlob(layers.get(manifest_manifest/* MANIFEST_FILE */.h1), `${what} ${manifest_manifest/* MANIFEST_FILE */.h1}`)).toString('utf8'), `${what}: ${manifest_manifest/* MANIFEST_FILE */.h1}`);
    }
    /** No lock: writers of one name each push their own generation under their own tag (see push). */
    async lock(_name, _opts) {
        return { release: async () => undefined };
    }
    /**
     * Removes the staging and download directories of this host's crashed runs. What a killed push
     * left in the registry is out of reach and out of sight: blobs no manifest references (the
     * registry's garbage collection removes them) and unfinished uploads (which the registry expires).
     */
    async sweep(_name) {
        const removed = [];
        for (const e of await external_node_fs_.promises.readdir(this.tempRoot).catch(() => [])) {
            if ((0,process_tag/* isAbandoned */.zI)(e)) {
                await (0,files/* removeQuietly */.S2)(external_node_path_.join(this.tempRoot, e));
                removed.push(e);
            }
        }
        return removed;
    }
    /**
     * Deletes the manifests of the generations a policy removes. Blobs stay: the registry's garbage
     * collection removes those no manifest references any more, so a blob another generation shares
     * is never lost, and a prune killed at any point leaves every remaining generation whole.
     */
    async prune(name, policy, opts = {}) {
        const gens = await this.list(name);
        const plan = (0,retention/* planPrune */.wM)(gens.map((g) => g.generation), policy, opts.now ?? new Date());
        if (opts.dryRun)
            return plan;
        for (const { generation } of plan.remove) {
            const tag = tagFor(name, generation);
            // A verify may re-tag the generation meanwhile (recordVerification): delete until the tag points nowhere.
            for (let digest = await this.client.manifestDigest(tag); digest; digest = await this.client.manifestDigest(tag)) {
                await this.client.deleteManifest(digest).catch((err) => {
                    throw deleteRefused(err, this.ref.display);
                });
            }
        }
        return plan;
    }
    /**
     * Records a verification in a published generation: the same manifest with a verification.json
     * layer added (or replaced), under the same tag. The old manifest is left untagged, for the
     * registry's garbage collection; the data layers are shared, so nothing is sent again but the record.
     */
    async recordVerification(name, generation, v) {
        const tag = tagFor((0,names/* validateName */.yS)(name), generation);
        const got = await this.client.manifest(tag);
        if (!got)
            return;
        const layers = parseImageManifest(got.body, got.digest, `${this.ref.display}:${tag}`);
        const record = Buffer.from(JSON.stringify(v, null, 2) + '\n');
        const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(record).digest('hex')}`;
        await this.client.pushBlob(digest, record.length, () => record);
        const snapshot = await this.snapshotManifest(layers, `${this.ref.display}:${tag}`);
        const files = [...layers].filter(([f]) => f !== summary/* VERIFICATION_FILE */.$R).map(([file, l]) => ({ file, digest: l.digest, size: l.size }));
        files.push({ file: summary/* VERIFICATION_FILE */.$R, digest, size: record.length });
        // A generation pruned while we verified it stays pruned.
        if ((await this.client.manifestDigest(tag)) !== got.digest)
            return;
        await this.client.putManifest(tag, buildManifest(name, generation, snapshot, files));
    }
    /** A private directory under the temp root, tagged with this process so a later run can sweep it once we are gone. */
    async privateDir(kind) {
        await external_node_fs_.promises.mkdir(this.tempRoot, { recursive: true });
        return external_node_fs_.promises.mkdtemp(external_node_path_.join(this.tempRoot, `.${kind}-${(0,process_tag/* processTag */.qP)()}-`));
    }
}
/** The store an `oci://` URL names. */
function ociStore(url, inputName = '--store', opts = {}) {
    return new OciStore(parseRegistryRef(url, inputName, opts.env), opts);
}
function deleteRefused(err, display) {
    if (err instanceof errors/* SnapshotError */.JC && /answered 405|UNSUPPORTED/.test(err.message)) {
        return new errors/* SnapshotError */.JC('failed', `${display}: the registry does not allow deleting manifests (405 UNSUPPORTED), so prune cannot remove generations; enable deletes (distribution: storage.delete.enabled) or delete old tags with the registry's own tools`, { cause: err });
    }
    return err;
}


/***/ })

};
