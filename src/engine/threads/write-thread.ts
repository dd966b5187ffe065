/**
 * The write thread (started by threads/hashing-writer.ts): writes a new file from buffers handed
 * over without a copy (and, if asked, hashes them), so the thread that hands them over (a decoder)
 * never waits on the disk. Each buffer's memory is freed as soon as it is written
 * (ArrayBuffer.transfer), not at a later GC.
 *
 * Messages in: { buffer, offset, length } per buffer, then { end: true }. Out: { written } per
 * buffer, { done, sha256 } at the end, or { error } once (later buffers are ignored).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { SYNC_EVERY, slicedWriter } from './sliced-writer.ts';
import { port, threadJob, toThreadError } from './thread-job.ts';

export interface WriteJob {
  /** null: nothing is written, the buffers are only counted and hashed (a proof by checksum). */
  file: string | null;
  hash: boolean;
  /** false: a scratch file (verify's decoded copy), deleted soon: no flushes every SYNC_EVERY bytes. */
  durable: boolean;
}

export type WriteMessage = { end: true } | { end?: undefined; buffer: ArrayBuffer; offset: number; length: number };

const job = await threadJob<WriteJob>();
const parent = port();
const hash = job.hash ? crypto.createHash('sha256') : undefined;
const out = job.file === null ? undefined : fs.openSync(job.file, 'wx');
const writer = out === undefined ? undefined : slicedWriter(out, fs, job.durable ? SYNC_EVERY : Number.POSITIVE_INFINITY);
let written = 0;
let failed = false;
parent.on('message', async (m: WriteMessage) => {
  if (failed) return;
  try {
    if (m.end) {
      await writer?.settle();
      if (out !== undefined) fs.closeSync(out);
      parent.postMessage({ done: written, sha256: hash ? hash.digest('hex') : '' });
      parent.close();
      return;
    }
    const buf = Buffer.from(m.buffer, m.offset, m.length);
    hash?.update(buf);
    writer?.write(buf, written);
    written += buf.length;
    m.buffer.transfer(0);
    parent.postMessage({ written });
  } catch (err) {
    failed = true;
    try {
      if (out !== undefined) fs.closeSync(out);
    } catch {
      /* already closed after a failed end */
    }
    parent.postMessage({ error: toThreadError(err) });
  }
});
