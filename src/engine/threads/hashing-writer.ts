import crypto from 'node:crypto';
import fs from 'node:fs';
import { freeNow } from '../common/free-buffer.ts';
import { SYNC_EVERY, slicedWriter } from './sliced-writer.ts';
import type { WriteJob, WriteMessage } from './write-thread.ts';
import { IN_LINE_MAX, startThread } from './start.ts';
import { fromThreadError, type ThreadError } from './thread-job.ts';

/**
 * A new file written from buffers handed over without a copy (and, if asked, its sha256) on a
 * thread of its own (threads/write-thread.ts), so the thread that hands them over (a decoder)
 * never waits on the disk. One thread, not a hasher and a writer: a second thread made a 4 GiB
 * restore peak at 160 MiB of memory instead of 146 (each Node thread costs ~14 MiB), and was no
 * faster.
 */

/** Buffers handed over but not yet written: the bound on memory. */
const MAX_QUEUED = 3;

export interface HashingWriter {
  /** Hands `buf` over: the whole ArrayBuffer behind it is moved, so nothing else may use it. Waits while MAX_QUEUED are queued. */
  write(buf: Buffer): Promise<void>;
  /** Everything written, partly flushed and the file closed: the byte count and (if asked for) sha256. */
  end(): Promise<{ bytes: number; sha256?: string }>;
  /** Stops both threads; the file is left for the caller to remove. */
  abort(): Promise<void>;
}

type Reply = { written?: number; done?: number; sha256?: string; error?: ThreadError };

function copyToOwnBuffer(buf: Buffer): Buffer {
  const copy = new Uint8Array(new ArrayBuffer(buf.length));
  copy.set(buf);
  return Buffer.from(copy.buffer);
}

/**
 * `expectedBytes`: how much will be written, when known: up to IN_LINE_MAX the file is written in
 * line, on this thread, as the write thread would (a thread's start costs more than a few MiB of
 * writes to the page cache).
 */
export function startHashingWriter(file: string | null, hash: boolean, durable = true, expectedBytes = Number.POSITIVE_INFINITY): HashingWriter {
  if (expectedBytes <= IN_LINE_MAX) return inLineWriter({ file, hash, durable });
  const job: WriteJob = { file, hash, durable };
  const worker = startThread('write-thread', job);
  const send = (m: WriteMessage, transfer?: ArrayBuffer[]): void => worker.postMessage(m, transfer);
  let queued = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let result: { bytes: number; sha256?: string } | undefined;
  let ending = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (err: Error): void => {
    failure ??= err;
    wake?.();
  };
  worker.on('message', (m: Reply) => {
    if (m.error) fail(fromThreadError(m.error));
    else if (m.done !== undefined) result = { bytes: m.done, ...(m.sha256 ? { sha256: m.sha256 } : {}) };
    else queued--;
    wake?.();
  });
  worker.once('error', fail);
  void exit.then(() => (ending ? wake?.() : fail(new Error('the restore writer thread exited early'))));
  const waitFor = async (ok: () => boolean): Promise<void> => {
    while (!ok() && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure;
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
      send({ buffer: own.buffer as ArrayBuffer, offset: own.byteOffset, length: own.length }, [own.buffer as ArrayBuffer]);
    },
    async end() {
      ending = true;
      send({ end: true });
      await waitFor(() => result !== undefined);
      await exit;
      return result as { bytes: number; sha256?: string };
    },
    async abort() {
      await worker.terminate();
    },
  };
}

/** startHashingWriter's small case: the write thread's work (write-thread.ts) done on this thread. */
function inLineWriter(job: WriteJob): HashingWriter {
  const hash = job.hash ? crypto.createHash('sha256') : undefined;
  let fd = job.file === null ? undefined : fs.openSync(job.file, 'wx');
  const writer = fd === undefined ? undefined : slicedWriter(fd, fs, job.durable ? SYNC_EVERY : Number.POSITIVE_INFINITY);
  let written = 0;
  const close = (): void => {
    if (fd !== undefined) fs.closeSync(fd);
    fd = undefined;
  };
  return {
    async write(buf) {
      hash?.update(buf);
      writer?.write(buf, written);
      written += buf.length;
      // Handed over as to the thread: the buffer is ours now, and freed as the thread frees it.
      if (buf.length * 2 >= buf.buffer.byteLength) freeNow(buf.buffer);
    },
    async end() {
      try {
        await writer?.settle();
      } finally {
        close();
      }
      return { bytes: written, ...(hash ? { sha256: hash.digest('hex') } : {}) };
    },
    async abort() {
      close();
    },
  };
}
