import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { LEVELS, type Compression } from './compression.ts';
import type { StreamedFile } from './streams.ts';

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
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
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
const { fds, segments, length, outFile, rename, compression, level, parallel, chunk } = workerData;
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
  const buf = take().subarray(0, Math.min(chunk, length - pos));
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
function writeAll(out, buf) {
  let w = 0;
  while (w < buf.length) w += fs.writeSync(out, buf, w, buf.length - w);
}
async function writeAllAt(out, buf, position) {
  let w = 0;
  while (w < buf.length) w += await new Promise((resolve, reject) => fs.write(out, buf, w, buf.length - w, position + w, (err, n) => (err ? reject(err) : resolve(n))));
}

async function main() {
  if (compression === 'none') {
    // Uncompressed: the stored file is the raw bytes. When the source is already our own temp
    // copy (rename), hashing it is all that is left to do; the caller renames it into place.
    // Each chunk's write runs on libuv's pool while this thread hashes it and reads the next, so
    // hashing (~0.5 s per GiB) overlaps the I/O instead of adding to it. Positional writes keep
    // the file right whatever order they finish in; two in flight bound the memory.
    const out = rename ? undefined : fs.openSync(outFile, 'wx');
    const inflight = [];
    try {
      for (let pos = 0; pos < length; ) {
        const buf = readAt(pos);
        const recycle = () => free.push(Buffer.from(buf.buffer, buf.byteOffset, chunk));
        const written = out === undefined ? Promise.resolve() : writeAllAt(out, buf, pos);
        raw.update(buf);
        inflight.push(written.then(recycle));
        if (inflight.length >= 2) await inflight.shift();
        pos += buf.length;
        report(pos);
      }
      await Promise.all(inflight);
    } finally {
      await Promise.allSettled(inflight);
      if (out !== undefined) fs.closeSync(out);
    }
    const sha = raw.digest('hex');
    return { rawSize: length, rawSha256: sha, storedSize: length, storedSha256: sha };
  }
  // Each chunk becomes its own frame (gzip: member), compressed on libuv's pool while this thread
  // reads and hashes the next ones, so compression uses more than one core. zstd's own worker
  // threads would too, but Node 24 cuts their output short at the end of a stream. Concatenated
  // frames are one valid zstd/gzip stream for every decoder, ours and the CLIs.
  // zstd: one long-lived stream per lane, each chunk ended as a frame by a flush, which reuses the
  // codec's context and buffers; a fresh context per chunk made peak memory much higher.
  const lanes = [];
  if (compression === 'zstd') {
    for (let i = 0; i < parallel; i++) {
      const z = zlib.createZstdCompress({
        chunkSize: 256 * 1024,
        params: { [zlib.constants.ZSTD_c_compressionLevel]: level, [zlib.constants.ZSTD_c_checksumFlag]: 1 },
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
      lane.z.write(buf);
      lane.z.flush(zlib.constants.ZSTD_e_end, () => {
        const err = lane.failed();
        if (err) reject(err);
        else resolve(lane.parts.splice(0));
      });
    });
  };
  const out = fs.openSync(outFile, 'wx');
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
        storedBytes += part.length;
        writeAll(out, part);
      }
      if (++frames % 4 === 0) collect();
    }
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
 * Chunks compressed at once: one per core, at most 4 (libuv's default pool size), so memory stays
 * bounded at a few chunks whatever the database size.
 */
export function compressParallelism(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
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

export function startCopy(job: CopyJob): RunningCopy {
  const level = job.level === 0 && job.compression !== 'none' ? LEVELS[job.compression].default : job.level;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
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
      parallel: compressParallelism(),
      chunk: CHUNK,
    },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const done = new Promise<StreamedFile>((resolve, reject) => {
    worker.on('message', (m: { bytes?: number; result?: StreamedFile; error?: { message: string; code?: string; syscall?: string } }) => {
      if (m.bytes !== undefined) job.onBytes?.(m.bytes);
      else if (m.result) resolve(m.result);
      else if (m.error) reject(Object.assign(new Error(m.error.message), { code: m.error.code, syscall: m.error.syscall }));
    });
    worker.once('error', reject);
    void exit.then(() => reject(new Error('copy worker exited without a result')));
  });
  // Settles only after the worker is gone, so the caller may close the descriptor right after.
  const settled = done.then(
    async (r) => {
      await exit;
      return r;
    },
    async (e: unknown) => {
      if (!exited) await worker.terminate();
      await exit;
      throw e;
    },
  );
  return {
    done: settled,
    cancel: async () => {
      if (!exited) await worker.terminate();
      await exit;
      await settled.catch(() => undefined);
    },
  };
}
