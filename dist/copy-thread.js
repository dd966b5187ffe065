import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 225:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  H: () => (/* binding */ gcFunction)
});

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
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
            external_node_v8_namespaceObject.setFlagsFromString('--expose_gc');
            made = external_node_vm_namespaceObject.runInNewContext('gc');
        }
        catch {
            made = null;
        }
    }
    return made ?? undefined;
}


/***/ }),

/***/ 852:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  P: () => (/* binding */ runCopy)
});

// UNUSED EXPORTS: zstdOutputSize

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
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

;// CONCATENATED MODULE: ./lib/engine/threads/page-census.js
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

;// CONCATENATED MODULE: ./lib/engine/threads/sliced-writer.js

/** One write call's most: buffered writes of 1 MiB or more often cost 1-2 s of extra system time per GiB on this project's benchmark VM (dd bs=1M shows it, bs=256K almost never; bench/README.md). */
const SLICE = 256 * 1024;
/** Written bytes between flushes on libuv's pool, so the final fsync has little left to do. */
const SYNC_EVERY = 128 * 1024 * 1024;
/**
 * How every thread that writes a new file writes it (copy and write threads): synchronous calls in
 * 256 KiB slices, and every 128 MiB the part written so far flushed on libuv's pool while writing
 * goes on.
 */
function slicedWriter(fd, io = external_node_fs_namespaceObject, syncEvery = SYNC_EVERY) {
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
const O_DIRECT = external_node_fs_namespaceObject.constants.O_DIRECT ?? 0;
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
    const flags = external_node_fs_namespaceObject.constants.O_WRONLY | external_node_fs_namespaceObject.constants.O_CREAT | external_node_fs_namespaceObject.constants.O_EXCL;
    let directFd;
    if (direct && O_DIRECT !== 0) {
        try {
            directFd = external_node_fs_namespaceObject.openSync(file, flags | O_DIRECT, 0o666);
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
        bufferedFd = external_node_fs_namespaceObject.openSync(file, direct && O_DIRECT !== 0 ? external_node_fs_namespaceObject.constants.O_WRONLY | external_node_fs_namespaceObject.constants.O_CREAT : flags, 0o666);
        buffered = slicedWriter(bufferedFd, external_node_fs_namespaceObject, syncEvery);
    }
    let goesDirect = directFd !== undefined;
    const toBuffered = () => {
        if (!buffered) {
            bufferedFd = external_node_fs_namespaceObject.openSync(file, external_node_fs_namespaceObject.constants.O_WRONLY);
            buffered = slicedWriter(bufferedFd, external_node_fs_namespaceObject, syncEvery);
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
                const step = (w) => external_node_fs_namespaceObject.write(fd, buf, w, buf.length - w, position + w, (err, n) => {
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
                        const n = external_node_fs_namespaceObject.writeSync(directFd, buf, w, buf.length - w, position + w);
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
                external_node_fs_namespaceObject.closeSync(directFd);
            if (bufferedFd !== undefined)
                external_node_fs_namespaceObject.closeSync(bufferedFd);
        },
    };
}

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
    const census = job.censusPageSize ? new PageCensus(job.censusPageSize, job.length) : undefined;
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
            const n = file === -1 ? buf.fill(0, got, got + want) && want : external_node_fs_namespaceObject.readSync(this.job.fds[file], buf, got, want, offset);
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
    const writer = job.rename ? undefined : newFileWriter(job.outFile);
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
    const hash = external_node_crypto_namespaceObject.createHash('sha256');
    const writer = job.rename ? undefined : newFileWriter(job.outFile);
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
        const z = external_node_zlib_namespaceObject.createZstdCompress({
            // Every write ends a frame.
            flush: external_node_zlib_namespaceObject.constants.ZSTD_e_end,
            chunkSize: outputSize,
            params: { [external_node_zlib_namespaceObject.constants.ZSTD_c_compressionLevel]: job.level, [external_node_zlib_namespaceObject.constants.ZSTD_c_checksumFlag]: 1, [external_node_zlib_namespaceObject.constants.ZSTD_c_windowLog]: job.windowLog },
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
                                    freeNow(ab);
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
        compress: (buf) => new Promise((resolve, reject) => external_node_zlib_namespaceObject.gzip(buf, { level: job.level, chunkSize: job.chunk }, (err, res) => (err ? reject(err) : resolve({ parts: [res], written: () => freeNow(res.buffer) })))),
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
    const raw = job.hashRaw ? external_node_crypto_namespaceObject.createHash('sha256') : undefined;
    const stored = external_node_crypto_namespaceObject.createHash('sha256');
    let storedBytes = 0;
    const codec = job.compression === 'gzip' ? gzipper(job) : zstdLanes(job);
    const out = external_node_fs_namespaceObject.openSync(job.outFile, 'wx');
    // A frame can be a single ~4 MiB buffer (one-pass zstd, gzip): written in slices, like every write of ours.
    const writer = slicedWriter(out);
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
        external_node_fs_namespaceObject.closeSync(out);
    }
    return { rawSize: length, ...(raw ? { rawSha256: raw.digest('hex') } : {}), storedSize: storedBytes, storedSha256: stored.digest('hex') };
}


/***/ }),

/***/ 212:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _common_gc_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(225);
/* harmony import */ var _copy_loop_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(852);
/* harmony import */ var _thread_job_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(626);
/**
 * The copy thread (started by threads/copy-worker.ts): runs a copy (copy-loop.ts) off the main
 * thread, so the main thread stays free for SQLite's checks on the same consistent view.
 */



/** A full GC on demand (see GC_EVERY). */
function fullGc() {
    const gc = (0,_common_gc_js__WEBPACK_IMPORTED_MODULE_0__/* .gcFunction */ .H)();
    return () => gc?.();
}
// Before the job arrives: a warm thread has this done by then.
const collect = fullGc();
const job = await (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_2__/* .threadJob */ .e_)();
(0,_copy_loop_js__WEBPACK_IMPORTED_MODULE_1__/* .runCopy */ .P)(job, { onBytes: (bytes) => (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_2__/* .port */ .Oh)().postMessage({ bytes }), collect }).then((result) => (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_2__/* .port */ .Oh)().postMessage({ result }), (err) => (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_2__/* .port */ .Oh)().postMessage({ error: (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_2__/* .toThreadError */ .iz)(err) }));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 626:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Oh: () => (/* binding */ port),
  e_: () => (/* binding */ threadJob),
  iz: () => (/* binding */ toThreadError)
});

// UNUSED EXPORTS: fromThreadError

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./lib/engine/threads/thread-job.js

/**
 * Thread-side half of start.ts. A thread started for a job gets it as `workerData`; a warm one
 * (started before the job was known) gets it as the first message, `{ job }`.
 */
function threadJob() {
    if (external_node_worker_threads_namespaceObject.workerData !== null && external_node_worker_threads_namespaceObject.workerData !== undefined)
        return Promise.resolve(external_node_worker_threads_namespaceObject.workerData);
    return new Promise((resolve) => port().once('message', (m) => resolve(m.job)));
}
/** The port to the thread that started this one; there is always one in a thread module. */
function port() {
    if (!external_node_worker_threads_namespaceObject.parentPort)
        throw new Error('a thread module was run as a program; it only runs as a worker thread (engine/threads/start.ts)');
    return external_node_worker_threads_namespaceObject.parentPort;
}
function toThreadError(err) {
    const e = err;
    return { message: String(e?.message ?? err), ...(e?.code ? { code: e.code } : {}), ...(e?.syscall ? { syscall: e.syscall } : {}) };
}
function fromThreadError(e) {
    return Object.assign(new Error(e.message), { code: e.code, syscall: e.syscall });
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(212);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
