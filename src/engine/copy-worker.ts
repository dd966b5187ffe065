import os from 'node:os';
import { LEVELS, ZSTD_FRAME, ZSTD_WINDOW_LOG, type Compression } from './compression.ts';
import type { StreamedFile } from './streams.ts';
import { SLICED_WRITER, startThread } from './threads.ts';

/**
 * Copies bytes [0, length) of an open file into a new file, hashing and compressing on the way,
 * on a worker thread. The main thread stays free for SQLite: the snapshot's integrity check and
 * row counts (synchronous in better-sqlite3) run on the same consistent view *while* the bytes are
 * copied, instead of after. The worker only needs Node's own modules, so its source is inlined
 * (no separate file for a bundler to lose).
 *
 * The worker reads through the caller's descriptors and never closes them: closing any descriptor of
 * the database file would drop every POSIX lock SQLite holds on it in this process, and with them
 * the guarantee that the file is frozen.
 */
export const COPY_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
// Compressed output arrives in fresh buffers that V8 frees only when its external-memory budget
// (tens of MiB) runs out; a GC every 16 MiB of input keeps peak memory flat and low.
// setFlagsFromString only exposes gc() to contexts created afterwards: the one made here.
let collect = () => {};
try {
  require('node:v8').setFlagsFromString('--expose_gc');
  const gc = require('node:vm').runInNewContext('gc');
  collect = () => gc();
} catch {
  /* without it, memory is still bounded, only higher */
}
const { fds, segments, length, outFile, rename, compression, level, parallel, chunk, windowLog } = workerData;
const raw = crypto.createHash('sha256');
const stored = crypto.createHash('sha256');
let storedBytes = 0;
let lastReport = 0;

// Chunk buffers are reused: fresh 8 MiB buffers per chunk cost page faults, and freed ones linger
// until a GC, which is what made peak memory grow with the database size.
const free = [];
function take() {
  return free.pop() || Buffer.allocUnsafe(chunk);
}
// The bytes to copy, in order: [file, offset, length] triples over fds (one whole-file segment
// for a plain copy; main-file runs and WAL frames for a WAL snapshot). Read strictly in sequence.
const segs = segments || [0, 0, length];
let seg = 0;
let segDone = 0;
function readAt(pos) {
  return readInto(take().subarray(0, Math.min(chunk, length - pos)));
}
function readInto(buf) {
  let got = 0;
  while (got < buf.length) {
    const segLen = segs[seg + 2];
    const want = Math.min(segLen - segDone, buf.length - got);
    // File index -1: bytes that must not be read (the lock-byte page, see withoutLockBytePage).
    const n = segs[seg] === -1 ? buf.fill(0, got, got + want) && want : fs.readSync(fds[segs[seg]], buf, got, want, segs[seg + 1] + segDone);
    if (n === 0) throw Object.assign(new Error('file ended at byte ' + (segs[seg + 1] + segDone) + ', expected ' + length + ' bytes in all'), { code: 'ESHORT' });
    got += n;
    segDone += n;
    if (segDone === segLen) {
      seg += 3;
      segDone = 0;
    }
  }
  return buf;
}
function report(pos) {
  if (pos - lastReport >= 64 * 1024 * 1024 || pos === length) {
    lastReport = pos;
    parentPort.postMessage({ bytes: pos });
  }
}
${SLICED_WRITER}
// Ring slot states (ctl[slot]); ctl[slots + slot] holds the slot's byte count, ctl[2 * slots] is set to stop.
const FREE = 0, FILLED = 1, END = 2;
// ZSTD_COMPRESSBOUND of a chunk, rounded up: the most a chunk can compress to.
const ZSTD_OUTPUT = chunk + (chunk >> 8) + 65536;
function awaitSlot(ctl, slot) {
  const stop = ctl.length - 1;
  // Bounded waits, so a stop request is seen even if the hashing thread is gone.
  while (Atomics.wait(ctl, slot, FILLED, 100) !== 'not-equal') {
    if (Atomics.load(ctl, stop) !== 0) throw new Error('copy stopped');
  }
}

async function main() {
  if (compression === 'none') {
    // Uncompressed: the stored file is the raw bytes. When the source is already our own temp
    // copy (rename), hashing it is all that is left to do; the caller renames it into place.
    // sha256 (~0.55 s per GiB here) is the slowest part of the copy, so it runs on a thread of its
    // own (HASH_SOURCE) while this one reads and writes: chunks go round a ring of shared
    // buffers, each slot handed over with Atomics. Writes go through slicedWriter (threads.ts).
    const out = rename ? undefined : fs.openSync(outFile, 'wx');
    const writer = out === undefined ? undefined : slicedWriter(out);
    const ring = Buffer.from(workerData.ring);
    const ctl = new Int32Array(workerData.ctl);
    const slots = ring.length / chunk;
    let slot = 0;
    try {
      for (let pos = 0; pos < length; slot = (slot + 1) % slots) {
        awaitSlot(ctl, slot);
        const buf = readInto(ring.subarray(slot * chunk, slot * chunk + Math.min(chunk, length - pos)));
        ctl[slots + slot] = buf.length;
        Atomics.store(ctl, slot, FILLED);
        Atomics.notify(ctl, slot);
        writer?.write(buf, pos);
        pos += buf.length;
        report(pos);
      }
      awaitSlot(ctl, slot);
      Atomics.store(ctl, slot, END);
      Atomics.notify(ctl, slot);
      await writer?.settle();
    } finally {
      if (out !== undefined) fs.closeSync(out);
    }
    return { rawSize: length, storedSize: length };
  }
  // Each chunk becomes its own frame (gzip: member), compressed on libuv's pool while this thread
  // reads and hashes the next ones, so compression uses more than one core. zstd's own worker
  // threads would too, but Node 24 cuts their output short at the end of a stream. Concatenated
  // frames are one valid zstd/gzip stream for every decoder, ours and the CLIs.
  // zstd: one long-lived stream per lane, each chunk written as one whole frame, which reuses the
  // codec's context and buffers; a fresh context per chunk made peak memory much higher.
  const lanes = [];
  if (compression === 'zstd') {
    for (let i = 0; i < parallel; i++) {
      const z = zlib.createZstdCompress({
        // Every write ends a frame. With room in the output buffer for a whole frame at its worst,
        // zstd compresses straight from our chunk in one pass instead of through its window
        // buffer (1 GiB: 5.2-5.4 s of CPU instead of 5.7-6.2; 256 KiB outputs and a flush per
        // frame took the slow path every time).
        flush: zlib.constants.ZSTD_e_end,
        chunkSize: ZSTD_OUTPUT,
        params: { [zlib.constants.ZSTD_c_compressionLevel]: level, [zlib.constants.ZSTD_c_checksumFlag]: 1, [zlib.constants.ZSTD_c_windowLog]: windowLog },
      });
      const parts = [];
      let failure = null;
      z.on('data', (d) => parts.push(d));
      z.on('error', (e) => { failure = e; });
      lanes.push({ z, parts, failed: () => failure });
    }
  }
  let next = 0;
  const compress = (buf) => {
    if (compression === 'gzip') {
      return new Promise((resolve, reject) => zlib.gzip(buf, { level, chunkSize: chunk }, (err, res) => (err ? reject(err) : resolve([res]))));
    }
    const lane = lanes[next++ % lanes.length];
    return new Promise((resolve, reject) => {
      lane.z.write(buf, () => {
        const err = lane.failed();
        if (err) reject(err);
        else resolve(lane.parts.splice(0));
      });
    });
  };
  const out = fs.openSync(outFile, 'wx');
  // A frame can be a single ~4 MiB buffer (one-pass zstd, gzip): written in slices, like every
  // write of ours (slicedWriter, threads.ts).
  const writer = slicedWriter(out);
  const pending = [];
  let frames = 0;
  try {
    for (let pos = 0; pos < length || pending.length > 0; ) {
      while (pos < length && pending.length < parallel) {
        const buf = readAt(pos);
        raw.update(buf);
        pos += buf.length;
        const job = compress(buf).then((frame) => {
          free.push(Buffer.from(buf.buffer, buf.byteOffset, chunk));
          return frame;
        });
        job.catch(() => undefined);
        pending.push(job);
        report(pos);
      }
      // A frame is the list of output buffers as the codec produced them: written as they are, no concatenation.
      for (const part of await pending.shift()) {
        stored.update(part);
        writer.write(part, storedBytes);
        storedBytes += part.length;
      }
      if (++frames % 4 === 0) collect();
    }
    await writer.settle();
  } finally {
    for (const lane of lanes) lane.z.close();
    fs.closeSync(out);
  }
  return { rawSize: length, rawSha256: raw.digest('hex'), storedSize: storedBytes, storedSha256: stored.digest('hex') };
}

main().then(
  (result) => parentPort.postMessage({ result }),
  (err) => parentPort.postMessage({ error: { message: String(err && err.message || err), code: err && err.code, syscall: err && err.syscall } }),
);
`;

/**
 * The other half of an uncompressed copy: hashes each ring slot the copy thread fills, in order,
 * and frees it again. The same slot states as in COPY_SOURCE.
 */
export const HASH_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const ring = Buffer.from(workerData.ring);
const ctl = new Int32Array(workerData.ctl);
const { chunk } = workerData;
const slots = ring.length / chunk;
const stop = ctl.length - 1;
const hash = crypto.createHash('sha256');
for (let slot = 0; ; slot = (slot + 1) % slots) {
  while (Atomics.wait(ctl, slot, 0, 100) !== 'not-equal') {
    if (Atomics.load(ctl, stop) !== 0) process.exit(0);
  }
  if (Atomics.load(ctl, slot) === 2) break;
  hash.update(ring.subarray(slot * chunk, slot * chunk + ctl[slots + slot]));
  Atomics.store(ctl, slot, 0);
  Atomics.notify(ctl, slot);
}
parentPort.postMessage({ sha256: hash.digest('hex') });
`;

/** Ring slots for an uncompressed copy: enough that neither thread waits on the other's jitter. */
const RING_SLOTS = 4;

/** Large enough that per-call overhead vanishes; frames this size lose nothing measurable in ratio. */
const CHUNK = 4 << 20;

export interface CopyJob {
  /** Descriptors to read; they stay open and owned by the caller. */
  fds: number[];
  /** [index into fds, offset, length] triples to read in order; default: fds[0] from 0 to `length`. */
  segments?: number[];
  /** Bytes in all. */
  length: number;
  /** Reading a live SQLite file: its lock-byte page is written as zeros, never read (withoutLockBytePage). */
  pageSize?: number;
  /** The stored file to create; with `rename`, nothing is written and the caller renames the source. */
  outFile: string;
  compression: Compression;
  level: number;
  /** Only for compression "none" on a temp file of our own: hash it and let the caller rename it. */
  rename?: boolean;
  onBytes?: (done: number) => void;
}

export interface RunningCopy {
  done: Promise<StreamedFile>;
  /** Stops the worker; resolves once it can no longer touch the descriptor. */
  cancel(): Promise<void>;
}

/**
 * Chunks compressed at once: one more than the cores, so a core never idles while this worker
 * thread reads, hashes and writes between frames (1 GiB, zstd 3, 2 cores: 3.65 s with 3 lanes,
 * 3.9-4.1 s with 2); at most 4, libuv's default pool size. Memory stays bounded at a few chunks
 * whatever the database size.
 */
export function compressParallelism(compression: Compression = 'zstd'): number {
  // gzip is all codec work (20 s of CPU per GiB here): the extra lane only adds a chunk of memory.
  return Math.max(1, Math.min(4, os.availableParallelism() + (compression === 'gzip' ? 0 : 1)));
}

/** Where SQLite's lock bytes live in every database file (PENDING_BYTE): 1 GiB. */
export const PENDING_BYTE = 0x40000000;

/**
 * SQLite never stores data in the page that holds its lock bytes (at 1 GiB), and on Windows the
 * byte-range locks of other processes there are mandatory: reading it can fail while a writer
 * holds RESERVED. The backup API leaves that page zeroed in its copy; so do we, on every
 * platform, so a copy is the same bytes wherever it is taken. Segments are [file, offset, length]
 * triples in output order; the part of them that lands on the lock-byte page becomes [-1, 0, n].
 */
export function withoutLockBytePage(segments: readonly number[], pageSize: number, lockOffset = PENDING_BYTE): number[] {
  const from = lockOffset - (lockOffset % pageSize);
  const to = from + pageSize;
  const out: number[] = [];
  let pos = 0;
  for (let i = 0; i + 2 < segments.length; i += 3) {
    const file = segments[i] as number;
    const off = segments[i + 1] as number;
    const len = segments[i + 2] as number;
    const end = pos + len;
    if (end <= from || pos >= to) {
      out.push(file, off, len);
    } else {
      if (pos < from) out.push(file, off, from - pos);
      const zFrom = Math.max(pos, from);
      const zTo = Math.min(end, to);
      out.push(-1, 0, zTo - zFrom);
      if (end > to) out.push(file, off + (to - pos), end - to);
    }
    pos = end;
  }
  return out;
}

interface Running<T> {
  result: Promise<T>;
  /** Resolves once the thread is gone. */
  exit: Promise<void>;
  stop(): Promise<void>;
}

type WorkerMessage = { bytes?: number; result?: unknown; sha256?: string; error?: { message: string; code?: string; syscall?: string } };

function runWorker<T>(source: string, workerData: unknown, pick: (m: WorkerMessage) => T | undefined, onBytes?: (done: number) => void): Running<T> {
  const worker = startThread(source, workerData);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const result = new Promise<T>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.bytes !== undefined) onBytes?.(m.bytes);
      else if (m.error) reject(Object.assign(new Error(m.error.message), { code: m.error.code, syscall: m.error.syscall }));
      else {
        const value = pick(m);
        if (value !== undefined) resolve(value);
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
      if (!exited) await worker.terminate();
      await exit;
    },
  };
}

export function startCopy(job: CopyJob): RunningCopy {
  const level = job.level === 0 && job.compression !== 'none' ? LEVELS[job.compression].default : job.level;
  // Uncompressed copies hash on a second thread; the two share a ring of chunk buffers.
  const ring = job.compression === 'none' ? { ring: new SharedArrayBuffer(RING_SLOTS * CHUNK), ctl: new SharedArrayBuffer(4 * (2 * RING_SLOTS + 1)) } : undefined;
  const copier = runWorker(
    COPY_SOURCE,
    {
      fds: job.fds,
      segments:
        job.pageSize !== undefined && job.length > PENDING_BYTE
          ? Float64Array.from(withoutLockBytePage(job.segments ?? [0, 0, job.length], job.pageSize))
          : job.segments
            ? Float64Array.from(job.segments)
            : undefined,
      length: job.length,
      outFile: job.outFile,
      rename: job.rename ?? false,
      compression: job.compression,
      level,
      parallel: compressParallelism(job.compression),
      chunk: job.compression === 'zstd' ? ZSTD_FRAME : CHUNK,
      windowLog: ZSTD_WINDOW_LOG,
      ...ring,
    },
    (m) => m.result as Partial<StreamedFile> | undefined,
    job.onBytes,
  );
  const hasher = ring ? runWorker(HASH_SOURCE, { ...ring, chunk: CHUNK }, (m) => m.sha256) : undefined;
  const stopAll = async (): Promise<void> => {
    // Wakes whichever thread waits on the other, then makes sure both are gone.
    if (ring) Atomics.store(new Int32Array(ring.ctl), 2 * RING_SLOTS, 1);
    await Promise.all([copier.stop(), hasher?.stop()]);
  };
  const done = (async (): Promise<StreamedFile> => {
    const [copied, sha256] = await Promise.all([copier.result, hasher?.result]);
    return sha256 === undefined ? (copied as StreamedFile) : { rawSize: job.length, storedSize: job.length, rawSha256: sha256, storedSha256: sha256 };
  })();
  // Settles only after the threads are gone, so the caller may close the descriptors right after.
  const settled = done.then(
    async (r) => {
      await Promise.all([copier.exit, hasher?.exit]);
      return r;
    },
    async (e: unknown) => {
      await stopAll();
      throw e;
    },
  );
  return {
    done: settled,
    cancel: async () => {
      await stopAll();
      await settled.catch(() => undefined);
    },
  };
}
