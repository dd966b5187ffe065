export const id = 956;
export const ids = [956];
export const modules = {

/***/ 78956:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  X8: () => (/* binding */ JOURNAL_MODES),
  n5: () => (/* binding */ restoreSnapshot),
  q: () => (/* binding */ restoreStreamed)
});

// UNUSED EXPORTS: resolveTargets

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/files.js + 1 modules
var files = __webpack_require__(29353);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: ./lib/engine/sqlite/sqlite.js + 1 modules
var sqlite = __webpack_require__(57875);
// EXTERNAL MODULE: ./lib/engine/common/format.js
var format = __webpack_require__(50715);
// EXTERNAL MODULE: ./lib/engine/common/poll.js
var poll = __webpack_require__(12613);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./lib/engine/manifest/compression.js
var compression = __webpack_require__(52684);
// EXTERNAL MODULE: ./lib/engine/threads/copy-worker.js + 1 modules
var copy_worker = __webpack_require__(11308);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
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
function startHashingWriter(file, hash, durable = true) {
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

;// CONCATENATED MODULE: ./lib/engine/restore/zstd-frames.js
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

;// CONCATENATED MODULE: ./lib/engine/common/free-buffer.js
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

;// CONCATENATED MODULE: ./lib/engine/restore/zstd-restore.js









const zstdDecompress = (0,external_node_util_.promisify)(external_node_zlib_.zstdDecompress);
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
/** Our frames decode to ZSTD_FRAME bytes; a little more, so the end of a frame needs no second output buffer. */
const FRAME_OUTPUT = compression/* ZSTD_FRAME */.ue + (64 << 10);
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
    const sink = outFile === null && !hashing ? countingSink() : startHashingWriter(outFile, hashing, limits.durable ?? true);
    let unchecked = false;
    const pending = [];
    let rawBytes = 0;
    try {
        const stored = new StoredReader(source);
        const drainOne = async () => {
            const out = await pending.shift();
            rawBytes += out.length;
            if (rawBytes > limits.rawSize)
                throw limits.tooBig();
            await sink.write(out);
            onBytes?.(rawBytes);
        };
        for (;;) {
            const found = frameEnd(stored.carry, 0);
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
            // One output buffer per frame: at the default 16 KiB a frame costs 256 trips through the pool.
            const job = zstdDecompress(frame, { chunkSize: FRAME_OUTPUT, maxOutputLength: Math.min(MAX_FRAME, limits.rawSize + 1) }).finally(() => stored.letGo(frame));
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
}
/**
 * Where decoded bytes go when they are neither written nor hashed (a proof by checksums): only
 * counted, on this thread. Its own thread would cost a worker's start-up and memory for nothing.
 * Each frame's output buffer is freed at once (as the write thread does), not at some later GC:
 * V8 collects such external memory only once tens of MiB of it have piled up.
 */
function countingSink() {
    let bytes = 0;
    return {
        write: async (buf) => {
            bytes += buf.length;
            // zstdDecompress gives each frame an ArrayBuffer of its own (FRAME_OUTPUT bytes): nothing else holds it.
            freeNow(buf.buffer);
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
    const { onBytes } = opts;
    await checkStoredSize(storedFile, expected, label);
    if (expected.compression === 'none') {
        const fh = await external_node_fs_.promises.open(storedFile, 'r');
        try {
            const copied = await (0,copy_worker/* startCopy */.EA)({ fds: [fh.fd], length: expected.storedSize, outFile, compression: 'none', level: 0, onBytes }).done;
            checkDecoded(label, expected, copied.storedSha256, copied.rawSize, copied.rawSha256);
        }
        finally {
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
        await (0,promises_.pipeline)(input, stored, (0,compression/* createDecompressor */.Li)(expected.compression), raw, out);
    }
    catch (err) {
        throw damaged(err, label);
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
async function streams_proveFramedFile(storedFile, expected, label, opts = {}) {
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
    if (expected.compression !== 'zstd')
        throw (0,errors/* corrupt */.qb)(`${label}: stored as ${expected.compression}, which is only read from a file; the entry was not written by this version`);
    let decoded;
    try {
        decoded = await decodeFrameSource(source, outFile, frameLimits(expected, label, opts), opts.onBytes);
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

;// CONCATENATED MODULE: ./lib/engine/restore/verify.js








/**
 * Turns one stored entry into a raw database at `outFile` and proves it is the database the
 * manifest describes: stored size and sha256, decompressed size and sha256 (or, with `opts.hashRaw`
 * false, zstd's own checksum of each frame), the SQLite header, then SQLite's own integrity check
 * (`auto`: see autoCheck), schema fingerprint, page count and row counts.
 * Throws a `corrupt` error naming the first thing that is wrong; `outFile` is left for the caller.
 */
async function materialize(snapshotDir, entry, outFile, check, opts = {}) {
    const label = `${entry.name} in ${snapshotDir}`;
    await decompressToFile(await storedFile(snapshotDir, entry, label), outFile, entry, label, opts);
    await checkRestored(outFile, entry, label, check);
}
/**
 * The second half of materialize, for a database already decoded (and its checksums compared) at
 * `outFile`: header, SQLite's own check, page count, schema and row counts against the manifest.
 */
async function checkRestored(outFile, entry, label, check) {
    const header = await (0,sqlite/* readHeader */.ay)(outFile);
    if (!header)
        throw (0,errors/* corrupt */.qb)(`${label}: decompressed data has no SQLite header; the snapshot is damaged`);
    if (header.pageSize !== entry.pageSize) {
        throw (0,errors/* corrupt */.qb)(`${label}: page size is ${header.pageSize}, manifest says ${entry.pageSize}`);
    }
    const db = (0,sqlite/* openDatabase */.qI)(outFile, { readonly: true, busyTimeoutMs: 0 });
    try {
        const problems = [];
        // `auto`: the stored file's sha256 has proven these are the bytes the snapshot checked.
        const integrity = (0,sqlite/* runCheck */.k_)(db, check === 'auto' ? autoCheck(entry) : check);
        if (integrity.ok === false)
            problems.push(`integrity check failed: ${integrity.messages.slice(0, 3).join('; ')}`);
        const pageCount = Number(db.pragma('page_count', { simple: true }));
        if (pageCount !== entry.pageCount)
            problems.push(`page count is ${pageCount}, manifest says ${entry.pageCount}`);
        const schema = (0,sqlite/* schemaFingerprint */.Uw)(db);
        if (schema !== entry.schemaSha256)
            problems.push(`schema fingerprint differs from the manifest`);
        if (check !== 'off') {
            // Cheap next to the check (milliseconds per GiB: count(*) walks the smallest index).
            // A snapshot kept with --allow-corrupt may hold tables SQLite cannot count; the manifest left them out too.
            const rows = (0,sqlite/* countRowsTolerant */.ys)(db, entry.integrity.ok === false).counts;
            for (const [table, n] of Object.entries(entry.tables)) {
                if (rows[table] !== n)
                    problems.push(`table ${table} has ${rows[table] ?? 'no'} rows, manifest says ${n}`);
            }
        }
        // A snapshot taken with --allow-corrupt is expected to fail its check; anything else is not.
        if (problems.length > 0 && !(entry.integrity.ok === false && problems.every((p) => p.startsWith('integrity')))) {
            throw (0,errors/* corrupt */.qb)(`${label}: ${problems.join('; ')}`);
        }
    }
    catch (err) {
        if (err instanceof errors/* SnapshotError */.JC)
            throw err;
        throw (0,errors/* corrupt */.qb)(`${label}: SQLite cannot read the restored data (${(0,errors/* oneLine */.TN)(err)}); the snapshot is damaged`);
    }
    finally {
        db.close();
        await (0,files/* removeQuietly */.S2)(`${outFile}-wal`);
        await (0,files/* removeQuietly */.S2)(`${outFile}-shm`);
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
    return proveFramedFile(await storedFile(snapshotDir, entry, label), entry, label, opts);
}
/** The entry's data file in the snapshot; `corrupt` when it is missing. */
async function storedFile(snapshotDir, entry, label) {
    const stored = external_node_path_.join(snapshotDir, entry.file);
    await external_node_fs_.promises.stat(stored).catch(() => {
        throw (0,errors/* corrupt */.qb)(`${label}: data file ${entry.file} is missing; the snapshot is incomplete`);
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
    const { onBytes, workRoot = os.tmpdir(), lanes } = opts;
    const manifest = await readManifest(snapshotDir);
    const temps = new TempFiles();
    const workDir = await fsp.mkdtemp(path.join(workRoot, 'sqlite-snapshot-verify-'));
    try {
        const databases = [];
        for (const entry of manifest.databases) {
            const out = temps.add(tempPathFor(path.join(workDir, entry.name)));
            try {
                const decode = { onBytes: (n) => onBytes?.(entry.name, n), ...(lanes ? { lanes } : {}) };
                if (!(opts.byChecksums && (await proveByChecksums(snapshotDir, entry, check, decode)))) {
                    // A scratch copy, deleted right after: flushing it to the device would only take I/O from the application.
                    await materialize(snapshotDir, entry, out, check, { ...decode, durable: false });
                }
                databases.push({ name: entry.name, ok: true, problems: [] });
            }
            catch (err) {
                if (!(err instanceof SnapshotError)) {
                    const e = describeIoError(err, `${entry.name}: decompressing into ${workDir} to check it`);
                    // The scratch space is the temp directory, which the user may not know about: say how to move it.
                    throw new SnapshotError(e.kind, `${e.message}${/no space/.test(e.message) ? ' (set TMPDIR to a directory with room)' : ''}`, { cause: err });
                }
                if (err.kind !== 'corrupt')
                    throw err;
                databases.push({ name: entry.name, ok: false, problems: [err.message] });
            }
            finally {
                await removeQuietly(out);
                temps.release(out);
            }
        }
        return { ok: databases.every((d) => d.ok), manifest, databases };
    }
    finally {
        await temps.cleanup();
        await removeQuietly(workDir);
    }
}

;// CONCATENATED MODULE: ./lib/engine/restore/restore.js











const JOURNAL_MODES = ['keep', 'wal', 'delete'];
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
/**
 * Restores databases from a snapshot directory. Every target's new file is first written,
 * verified and fsynced as a temp file in the target's own directory; only when all are ready
 * is any target touched, each by one atomic rename. A failure before that leaves every target
 * exactly as it was; a failure (or kill) during the renames leaves each target either old or new.
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
    const targets = resolveTargets(manifest, to);
    if (opts.keepPrevious && targets.length > 1 && typeof opts.keepPrevious === 'string') {
        throw (0,errors/* badInput */.AN)('keep-previous: a file name can only be given with a single target; use --keep-previous without a name');
    }
    for (const t of targets)
        await checkTarget(t.path, opts);
    await checkFreeSpace(manifest, targets);
    const places = new TempPlaces();
    const swaps = { done: 0 };
    try {
        const prepared = await prepare(targets, places);
        for (const p of prepared) {
            await finishTemp(p.temp, p.entry, p.target.path, opts).catch((err) => {
                throw (0,sqlite/* describeFailure */.Ic)(err, p.target.path, 'preparing the restored database');
            });
        }
        return await swapAll(prepared, places.temps, swaps, opts);
    }
    catch (err) {
        await places.temps.cleanup();
        if (swaps.done === 0)
            await places.removeCreatedDirs();
        throw err;
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
            if (done) {
                // Fan-out: the first copy was verified; the rest are file copies of it.
                await external_node_fs_.promises.copyFile(done, temp);
            }
            else {
                // The decoded bytes' sha256 is left to zstd's frame checksums (see DecodeLimits.hashRaw); verify always hashes.
                await materialize(snapshotDir, entry, temp, opts.check ?? 'auto', { onBytes: progress(entry, opts), hashRaw: false });
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
                if (first)
                    await external_node_fs_.promises.copyFile(first, temp);
                else {
                    const label = `${entry.name} in ${snap.label}`;
                    await decodeStreamToFile(source, temp, entry, label, { onBytes: progress(entry, opts), hashRaw: false });
                    await checkRestored(temp, entry, label, opts.check ?? 'auto');
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
function progress(entry, opts) {
    return (n) => opts.onProgress?.({ database: entry.name, phase: 'restore', done: n, total: entry.rawSize });
}
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


/***/ })

};
