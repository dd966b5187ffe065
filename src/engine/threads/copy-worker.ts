import os from 'node:os';
import { LEVELS, zstdFrameFor, type Compression } from '../manifest/compression.ts';
import { runCopy, type CopyThreadJob, type CopyThreadResult } from './copy-loop.ts';
import type { HashJob } from './hash-thread.ts';
import { createRing, stopRing } from './ring.ts';
import type { Census } from './page-census.ts';
import { IN_LINE_MAX, startThread, type ThreadName } from './start.ts';
import { fromThreadError, type ThreadError } from './thread-job.ts';

/**
 * Copies bytes [0, length) of open files into a new file, hashing and compressing on the way, on
 * worker threads (threads/copy-thread.ts, and threads/hash-thread.ts for an uncompressed copy). The
 * main thread stays free for SQLite: the snapshot's integrity check and row counts (synchronous in
 * better-sqlite3) run on the same consistent view *while* the bytes are copied, instead of after.
 * A small copy runs in line instead (IN_LINE_MAX): its frames still compress on libuv's pool
 * while the check runs, and no thread has to start.
 */

/** What a copy (or a decompression) produced: sizes and sha256 of the raw and the stored bytes. */
export interface StreamedFile {
  rawSize: number;
  /** Absent for a compressed copy made without `hashRaw`. */
  rawSha256?: string;
  storedSize: number;
  storedSha256: string;
  /** With CopyJob.census: the b-tree pages the copy saw (page-census.ts). */
  census?: Census;
}

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
  /** With pageSize: take a census of the b-tree pages on the way, for row counts (page-census.ts). */
  census?: boolean;
  /** The stored file to create; with `rename`, nothing is written and the caller renames the source. */
  outFile: string;
  compression: Compression;
  level: number;
  /** Only for compression "none" on a temp file of our own: hash it and let the caller rename it. */
  rename?: boolean;
  /**
   * Compressing: also take the sha256 of the raw bytes (default false). It is ~1 s of CPU per GiB,
   * a quarter of zstd -3's own on text, and nothing needs it: the stored file's sha256 and zstd's
   * frame checksums already prove a restore's bytes. Uncompressed, the one sha256 is both.
   */
  hashRaw?: boolean;
  /** Chunks compressed at once; default compressParallelism(). */
  lanes?: number;
  onBytes?: (done: number) => void;
  /** Run on the calling thread, no thread started (compression still runs on libuv's pool); default: only up to IN_LINE_MAX bytes. */
  inLine?: boolean;
  /**
   * Uncompressed on threads: hash on a thread of its own beside the copy thread (default true).
   * false: the copy thread hashes too, for a caller that keeps a core busy itself (see backup.ts).
   */
  hashThread?: boolean;
}

export interface RunningCopy {
  done: Promise<StreamedFile>;
  /** Stops the worker; resolves once it can no longer touch the descriptor. */
  cancel(): Promise<void>;
}

/** Copies at least this long get a lane more than the cores (compressParallelism). */
export const LONG_COPY = 512 << 20;

/**
 * Chunks compressed at once. One lane per core; for copies of LONG_COPY or more, one more, so a
 * core never idles while the copying thread reads, hashes and writes between frames (1 GiB mixed,
 * zstd 3, 2 cores, in line: copy 3.58-3.64 s with 3 lanes, 3.74-4.78 s with 2). The extra lane's
 * window and read buffer cost a fixed ~16 MiB of first touches (~6,000 page faults here, ~0.2 s of
 * CPU), which a shorter copy does not earn back: 2 cores, medians of 4-5 fresh processes, copy
 * in line, 2 lanes against 3: 64 MiB mixed 438 against 468 ms, 256 MiB mixed 1219 against 1261,
 * 256 MiB text 765 against 821; with the check beside a copy thread, 256 MiB mixed 1.9 against
 * 2.04 s, text 1.2 against 1.37 s; 1 GiB there 5.9-6.3 against 5.7-6.1 s. At most 4, libuv's
 * default pool size. Memory stays bounded at a few chunks whatever the database size.
 */
export function compressParallelism(compression: Compression = 'zstd', length = LONG_COPY): number {
  // gzip is all codec work (20 s of CPU per GiB here): the extra lane only adds a chunk of memory.
  const extra = compression !== 'gzip' && length >= LONG_COPY ? 1 : 0;
  return Math.max(1, Math.min(4, os.availableParallelism() + extra));
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

type WorkerMessage = { bytes?: number; result?: CopyThreadResult; sha256?: string; error?: ThreadError };

function runWorker<T>(thread: ThreadName, workerData: unknown, pick: (m: WorkerMessage) => T | undefined, onBytes?: (done: number) => void): Running<T> {
  const worker = startThread(thread, workerData);
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
      else if (m.error) reject(fromThreadError(m.error));
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
  const inLine = job.inLine ?? job.length <= IN_LINE_MAX;
  const zstd = zstdFrameFor(job.length);
  // Uncompressed copies on threads hash on a second thread; the two share a ring of chunk buffers.
  const ring = job.compression === 'none' && !inLine && job.hashThread !== false ? createRing(CHUNK) : undefined;
  const copyJob: CopyThreadJob = {
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
      hashRaw: job.hashRaw ?? false,
      compression: job.compression,
      level,
      parallel: job.lanes ?? compressParallelism(job.compression, job.length),
      chunk: job.compression === 'zstd' ? zstd.frame : CHUNK,
      windowLog: zstd.windowLog,
      ...(job.census && job.pageSize ? { censusPageSize: job.pageSize } : {}),
      ...ring,
  };
  return inLine ? copyInLine(copyJob, job.onBytes) : copyOnThreads(copyJob, ring, job);
}

/** A small copy on this thread: stopped between chunks by cancel(), which waits until it no longer reads. */
function copyInLine(copyJob: CopyThreadJob, onBytes: ((done: number) => void) | undefined): RunningCopy {
  const stop = new AbortController();
  const done = runCopy(copyJob, { onBytes: (n) => onBytes?.(n), stopped: stop.signal });
  done.catch(() => undefined);
  return {
    done: done.then((r) => r as StreamedFile),
    cancel: async () => {
      stop.abort(new Error('copy cancelled'));
      await done.catch(() => undefined);
    },
  };
}

function copyOnThreads(copyJob: CopyThreadJob, ring: ReturnType<typeof createRing> | undefined, job: CopyJob): RunningCopy {
  const copier = runWorker('copy-thread', copyJob, (m) => m.result, job.onBytes);
  const hashJob: HashJob | undefined = ring ? { ...ring, chunk: CHUNK } : undefined;
  const hasher = hashJob ? runWorker('hash-thread', hashJob, (m) => m.sha256) : undefined;
  const stopAll = async (): Promise<void> => {
    // Wakes whichever thread waits on the other, then makes sure both are gone.
    if (ring) stopRing(ring);
    await Promise.all([copier.stop(), hasher?.stop()]);
  };
  const done = (async (): Promise<StreamedFile> => {
    const [copied, sha256] = await Promise.all([copier.result, hasher?.result]);
    if (sha256 === undefined) return copied as StreamedFile;
    return { rawSize: job.length, storedSize: job.length, rawSha256: sha256, storedSha256: sha256, ...(copied?.census ? { census: copied.census } : {}) };
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
