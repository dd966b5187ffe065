/**
 * The copy itself: bytes [0, length) of the caller's open files into a new file, hashed and
 * compressed on the way. It runs on the copy thread (copy-thread.ts), or, for a job too small to
 * pay for a thread's start, in line on the caller's thread (copy-worker.ts decides). It reads
 * through the caller's descriptors and never closes them: closing any descriptor of the database
 * file would drop every POSIX lock SQLite holds on it in this process, and with them the guarantee
 * that the file is frozen.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { freeNow } from '../common/free-buffer.ts';
import { type Census, PageCensus } from './page-census.ts';
import { Ring, alignedSharedBuffer, type RingBuffers } from './ring.ts';
import { newFileWriter, slicedWriter } from './sliced-writer.ts';

export interface CopyThreadJob extends Partial<RingBuffers> {
  fds: number[];
  /** [index into fds, offset, length] triples, read in order; file -1: zeros (the lock-byte page). */
  segments: Float64Array | undefined;
  length: number;
  outFile: string;
  rename: boolean;
  /** Compressing: also hash the raw bytes (see CopyJob.hashRaw). */
  hashRaw: boolean;
  compression: 'zstd' | 'gzip' | 'none';
  level: number;
  parallel: number;
  chunk: number;
  /** zstd's window: a frame's size, so a whole frame can refer back to any of its bytes. */
  windowLog: number;
  /** The database's page size, to take a census of its b-tree pages on the way (page-census.ts). */
  censusPageSize?: number;
}

export interface CopyThreadResult {
  rawSize: number;
  rawSha256?: string;
  storedSize: number;
  storedSha256?: string;
  census?: Census;
}

/** How a copy reports and is stopped, wherever it runs. */
export interface CopyRun {
  onBytes: (done: number) => void;
  /** A full GC, on a thread whose own memory it bounds (see GC_EVERY); none in line. */
  collect?: () => void;
  /** Checked between chunks: a copy in line cannot be terminated, only asked to stop. */
  stopped?: AbortSignal;
}

/**
 * Frames between forced GCs. The codecs' output buffers are freed as soon as they are written
 * (freeNow()), so this is only a backstop for whatever else a frame leaves behind: a full GC every
 * 4 frames, when it also collected those buffers, cost ~0.5 s of CPU per GiB (its marking runs on
 * V8's helper threads too), 8 % of a text database's whole snapshot.
 */
const GC_EVERY = 64;

/** Runs `job`: compressed; uncompressed with the hash thread on the other side of the job's ring; or uncompressed, hashed here. */
export async function runCopy(job: CopyThreadJob, run: CopyRun): Promise<CopyThreadResult> {
  const census = job.censusPageSize ? new PageCensus(job.censusPageSize, job.length) : undefined;
  const reader = new SegmentReader(job, census);
  const copied = job.compression !== 'none' ? await copyCompressed(job, reader, run) : job.ring && job.ctl ? await copyUncompressed(job, reader, run) : await copyUncompressedHashing(job, reader, run);
  return census ? { ...copied, census: census.result() } : copied;
}

/** The bytes to copy, read strictly in sequence over the job's segments. */
class SegmentReader {
  private readonly segs: ArrayLike<number>;
  private seg = 0;
  private segDone = 0;
  /**
   * Chunk buffers are reused: fresh 8 MiB buffers per chunk cost page faults, and freed ones linger
   * until a GC, which is what made peak memory grow with the database size.
   */
  private readonly free: Buffer[] = [];
  private readonly job: CopyThreadJob;
  private readonly census: PageCensus | undefined;
  /** Bytes handed out so far: where the next read starts in the copy. */
  private pos = 0;

  constructor(job: CopyThreadJob, census: PageCensus | undefined) {
    this.job = job;
    this.census = census;
    // One whole-file segment for a plain copy; main-file runs and WAL frames for a WAL snapshot.
    this.segs = job.segments ?? [0, 0, job.length];
  }

  /** The next chunk starting at `pos`, in a buffer of the pool. */
  readAt(pos: number): Buffer {
    const { chunk, length } = this.job;
    return this.readInto((this.free.pop() ?? Buffer.allocUnsafe(chunk)).subarray(0, Math.min(chunk, length - pos)));
  }

  /** Gives a chunk buffer from readAt back to the pool. */
  recycle(buf: Buffer): void {
    this.free.push(Buffer.from(buf.buffer, buf.byteOffset, this.job.chunk));
  }

  /** Fills all of `buf` with the next bytes. */
  readInto(buf: Buffer): Buffer {
    this.fill(buf);
    this.census?.see(buf, this.pos);
    this.pos += buf.length;
    return buf;
  }

  private fill(buf: Buffer): void {
    const segs = this.segs;
    let got = 0;
    while (got < buf.length) {
      const file = segs[this.seg] as number;
      const offset = (segs[this.seg + 1] as number) + this.segDone;
      const segLen = segs[this.seg + 2] as number;
      const want = Math.min(segLen - this.segDone, buf.length - got);
      // File index -1: bytes that must not be read (the lock-byte page, see withoutLockBytePage).
      const n = file === -1 ? buf.fill(0, got, got + want) && want : fs.readSync(this.job.fds[file] as number, buf, got, want, offset);
      if (n === 0) throw Object.assign(new Error(`file ended at byte ${offset}, expected ${this.job.length} bytes in all`), { code: 'ESHORT' });
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
function reporter(length: number, onBytes: (pos: number) => void): (pos: number) => void {
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
async function copyUncompressed(job: CopyThreadJob, reader: SegmentReader, run: CopyRun): Promise<CopyThreadResult> {
  const { length, chunk } = job;
  const report = reporter(length, run.onBytes);
  const writer = job.rename ? undefined : newFileWriter(job.outFile);
  const ring = new Ring(job as RingBuffers, chunk);
  // Each slot's write, if still in flight: a slot is refilled only once the hash thread has
  // released it and its bytes are written. Direct writes (see newFileWriter) wait on the device,
  // so they run on libuv's pool while this thread reads on: written in line, 1 GiB kept the hash
  // thread idle a third of the time.
  const writes: Promise<void>[] = [];
  let slot = 0;
  try {
    for (let pos = 0; pos < length; slot = (slot + 1) % ring.slots) {
      await writes[slot];
      const buf = reader.readInto(ring.take(slot, Math.min(chunk, length - pos)));
      ring.fill(slot, buf.length);
      if (writer) writes[slot] = writer.writeAsync(buf, pos);
      pos += buf.length;
      report(pos);
    }
    ring.end(slot);
    await Promise.all(writes);
    await writer?.settle();
  } finally {
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
async function copyUncompressedHashing(job: CopyThreadJob, reader: SegmentReader, run: CopyRun): Promise<CopyThreadResult> {
  const { length, chunk } = job;
  const report = reporter(length, run.onBytes);
  const hash = crypto.createHash('sha256');
  const writer = job.rename ? undefined : newFileWriter(job.outFile);
  const slots = Math.max(1, Math.min(WRITES_IN_FLIGHT, Math.ceil(length / chunk)));
  // Page-aligned, as direct writes need (ring.ts).
  const buffers = Buffer.from(alignedSharedBuffer(slots * chunk));
  const writes: Promise<void>[] = [];
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
  } finally {
    // No write may still be using a descriptor when it is closed.
    await Promise.allSettled(writes);
    writer?.close();
  }
  const sha256 = hash.digest('hex');
  return { rawSize: length, rawSha256: sha256, storedSize: length, storedSha256: sha256 };
}

/** ZSTD_COMPRESSBOUND of a chunk, rounded up: the most a chunk can compress to. */
const zstdBound = (chunk: number): number => chunk + (chunk >> 8) + 65536;

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
export function zstdOutputSize(chunk: number, length: number, lanes: number): number {
  return Math.ceil(length / chunk / lanes) <= 2 ? zstdBound(chunk) : ZSTD_OUTPUT_MANY;
}

/** A compressed frame: its output buffers as the codec produced them, and what to call once they are written. */
interface Frame {
  parts: Buffer[];
  written(): void;
}

type Compress = (buf: Buffer) => Promise<Frame>;

/**
 * zstd: one long-lived stream per lane, each chunk written as one whole frame, which reuses the
 * codec's context and buffers; a fresh context per chunk made peak memory much higher.
 */
function zstdLanes(job: CopyThreadJob): { compress: Compress; close(): void } {
  // No more lanes than frames: each lane's context and output buffer cost time to set up.
  const count = Math.max(1, Math.min(job.parallel, Math.ceil(job.length / job.chunk)));
  const outputSize = zstdOutputSize(job.chunk, job.length, count);
  const lanes = Array.from({ length: count }, () => {
    const z = zlib.createZstdCompress({
      // Every write ends a frame.
      flush: zlib.constants.ZSTD_e_end,
      chunkSize: outputSize,
      params: { [zlib.constants.ZSTD_c_compressionLevel]: job.level, [zlib.constants.ZSTD_c_checksumFlag]: 1, [zlib.constants.ZSTD_c_windowLog]: job.windowLog },
    });
    const parts: Buffer[] = [];
    let failure: Error | null = null;
    z.on('data', (d: Buffer) => parts.push(d));
    z.on('error', (e) => (failure = e));
    // The stream writes each frame into the rest of its current output buffer and starts a new one
    // when that is full: every buffer older than the last one it wrote into is ours alone.
    const lane = { z, parts, failed: () => failure, last: undefined as ArrayBufferLike | undefined };
    return lane;
  });
  let next = 0;
  return {
    compress: (buf) => {
      const lane = lanes[next++ % lanes.length] as (typeof lanes)[number];
      return new Promise((resolve, reject) => {
        lane.z.write(buf, () => {
          const err = lane.failed();
          if (err) return reject(err);
          const parts = lane.parts.splice(0);
          resolve({
            parts,
            written: () => {
              const last = parts.at(-1)?.buffer ?? lane.last;
              for (const ab of new Set([lane.last, ...parts.map((p) => p.buffer)])) if (ab && ab !== last) freeNow(ab);
              lane.last = last;
            },
          });
        });
      });
    },
    close: () => lanes.forEach((lane) => lane.z.close()),
  };
}

function gzipper(job: CopyThreadJob): { compress: Compress; close(): void } {
  return {
    // Each member has a stream of its own, gone once it is done: its output is ours alone.
    compress: (buf) =>
      new Promise((resolve, reject) =>
        zlib.gzip(buf, { level: job.level, chunkSize: job.chunk }, (err, res) => (err ? reject(err) : resolve({ parts: [res], written: () => freeNow(res.buffer) }))),
      ),
    close: () => {},
  };
}

/**
 * Each chunk becomes its own frame (gzip: member), compressed on libuv's pool while this thread
 * reads and hashes the next ones, so compression uses more than one core. zstd's own worker threads
 * would too, but Node 24 cuts their output short at the end of a stream. Concatenated frames are one
 * valid zstd/gzip stream for every decoder, ours and the CLIs.
 */
async function copyCompressed(job: CopyThreadJob, reader: SegmentReader, run: CopyRun): Promise<CopyThreadResult> {
  const { length, parallel } = job;
  const report = reporter(length, run.onBytes);
  const raw = job.hashRaw ? crypto.createHash('sha256') : undefined;
  const stored = crypto.createHash('sha256');
  let storedBytes = 0;
  const codec = job.compression === 'gzip' ? gzipper(job) : zstdLanes(job);
  const out = fs.openSync(job.outFile, 'wx');
  // A frame can be a single ~4 MiB buffer (one-pass zstd, gzip): written in slices, like every write of ours.
  const writer = slicedWriter(out);
  const pending: Promise<Frame>[] = [];
  let frames = 0;
  try {
    for (let pos = 0; pos < length || pending.length > 0; ) {
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
      const frame = await (pending.shift() as Promise<Frame>);
      for (const part of frame.parts) {
        stored.update(part);
        writer.write(part, storedBytes);
        storedBytes += part.length;
      }
      frame.written();
      if (++frames % GC_EVERY === 0) run.collect?.();
    }
    await writer.settle();
  } finally {
    codec.close();
    fs.closeSync(out);
  }
  return { rawSize: length, ...(raw ? { rawSha256: raw.digest('hex') } : {}), storedSize: storedBytes, storedSha256: stored.digest('hex') };
}
