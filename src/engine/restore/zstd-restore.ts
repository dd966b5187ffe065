import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import { gcFunction } from '../common/gc.ts';
import { type HashingWriter, startHashingWriter } from '../threads/hashing-writer.ts';
import { frameEnd } from './zstd-frames.ts';
import { freeNow } from '../common/free-buffer.ts';
import { ZSTD_FRAME } from '../manifest/compression.ts';

/** Stored bytes read at once. */
const READ_SIZE = 2 << 20;
/**
 * Each read lands this far into its buffer, so the start of a frame left over from the previous
 * read can be copied in front of it: frames straddling two reads cost a copy of the part left
 * over, never of the new bytes. Room for a whole frame of incompressible data (just over ZSTD_FRAME).
 */
const HEADROOM = ZSTD_FRAME + (64 << 10);
const BUFFER = HEADROOM + READ_SIZE;
/**
 * Read buffers kept for reuse once free. With 8 MiB frames a read buffer is 10 MiB, and several
 * come free at once when the frames cut from them finish decoding; dropped ones linger until a
 * GC while new ones are allocated (1 GiB mixed restore: 166 MiB of anonymous memory with one spare).
 */
const MAX_SPARE = 3;
/** A frame bigger than this, stored or decoded, is not one of ours: decodeFrames gives up on the file. */
export const MAX_FRAME = 64 << 20;
/**
 * Decoded bytes come in buffers of this size (a frame in several), which malloc hands back once
 * the write thread frees them. A buffer of a frame's size for each frame was fresh memory each
 * time, and a first touch costs here (~12 µs per 4 KiB page on this VM): 256 MiB of text took
 * 31,000-35,000 page faults to restore that way.
 */
const OUTPUT_PART = 1 << 20;

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Thrown when the file is not a run of frames small enough to decode one at a time in memory. */
export class NotFramed extends Error {}

export interface DecodeLimits {
  /** Frames decoded at once; default one per core (at most 4). Fewer leave cores to others. */
  lanes?: number;
  /** Decoded bytes allowed in all: the manifest's raw size. */
  rawSize: number;
  /** Called when the decoded bytes pass `rawSize`: the error to throw. */
  tooBig: () => Error;
  /** Called for a file that is not zstd where a frame should start, or ends inside a frame. */
  damaged: (what: string) => Error;
  /**
   * The decoded bytes' sha256: `always`; `unchecked`: only when some frame lacks zstd's content
   * checksum (ours all carry one, which the decoder checks; the stored file's sha256 already
   * proves these are the bytes the snapshot wrote, and decoding them is deterministic), by
   * hashing the written file afterwards; `never`: there is no sha256 to compare it with.
   */
  hashRaw: 'always' | 'unchecked' | 'never';
  /** false: the output is a scratch copy (verify's), not flushed as it is written. Default true. */
  durable?: boolean;
  /** Stops the decoding between two reads: the write thread is stopped and the call rejects with the reason. */
  signal?: AbortSignal;
  /**
   * A minor GC after each frame: for a stream from the network, whose chunks are young garbage
   * whose memory V8 otherwise keeps until its young generation (up to 3 x 16 MiB) fills. 4 GiB from
   * Azurite: peak anonymous memory 152 -> 134 MiB and the restore twice as fast as with each frame
   * decoded into a mapping of its own (which had peaked at 124 MiB); Node's --max-semi-space-size=1,
   * which a running process cannot set for itself, gives about the same.
   */
  youngGc?: boolean;
}

export interface Decoded {
  storedSize: number;
  storedSha256: string;
  rawSize: number;
  /** Undefined when skipped (see DecodeLimits.hashRaw). */
  rawSha256?: string;
  /** Some frame carried no content checksum, so zstd checked nothing of its decoded bytes. */
  unchecked: boolean;
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
export async function decodeFrames(storedFile: string, outFile: string | null, limits: DecodeLimits, onBytes?: (raw: number) => void): Promise<Decoded> {
  const fh = await fsp.open(storedFile, 'r');
  try {
    return await decodeFrameSource(fileSource(fh), outFile, limits, onBytes);
  } finally {
    await fh.close();
  }
}

/**
 * Where stored bytes come from: a file, or a stream that cannot be read twice (a seed as it is
 * downloaded). `read` fills `buf` from `offset` with up to `length` bytes, in order; 0 is the end.
 */
export interface ByteSource {
  read(buf: Buffer, offset: number, length: number): Promise<number>;
}

/** A source whose next read fails once `signal` has aborted: the decoder's loop stops at its next read. */
function abortable(source: ByteSource, signal: AbortSignal): ByteSource {
  return {
    read: async (buf, offset, length) => {
      signal.throwIfAborted();
      return source.read(buf, offset, length);
    },
  };
}

function fileSource(fh: fsp.FileHandle): ByteSource {
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
export async function decodeFrameSource(source: ByteSource, outFile: string | null, limits: DecodeLimits, onBytes?: (raw: number) => void): Promise<Decoded> {
  const lanes = limits.lanes ?? Math.max(1, Math.min(4, os.availableParallelism()));
  const hashing = limits.hashRaw === 'always';
  const sink = outFile === null && !hashing ? countingSink() : startHashingWriter(outFile, hashing, limits.durable ?? true, limits.rawSize);
  const gc = limits.youngGc ? gcFunction() : undefined;
  let unchecked = false;
  const pending: Promise<Buffer[]>[] = [];
  const decoders = Array.from({ length: lanes }, () => new FrameDecoder());
  let frames = 0;
  let rawBytes = 0;
  try {
    const stored = new StoredReader(limits.signal ? abortable(source, limits.signal) : source);
    const drainOne = async (): Promise<void> => {
      for (const part of await (pending.shift() as Promise<Buffer[]>)) {
        rawBytes += part.length;
        if (rawBytes > limits.rawSize) throw limits.tooBig();
        await sink.write(part);
        // The sink moved it, copied it or only counted it: nothing holds it now.
        freeNow(part.buffer);
      }
      gc?.({ type: 'minor' });
      onBytes?.(rawBytes);
    };
    for (;;) {
      const found = frameEnd(stored.carry, 0);
      if (found === 'invalid') throw limits.damaged(`no zstd frame at byte ${stored.readPos - stored.carry.length}`);
      if (found === 'more') {
        if (stored.eof) {
          if (stored.carry.length === 0) break;
          throw limits.damaged('the last zstd frame is cut short');
        }
        if (stored.carry.length > MAX_FRAME) throw new NotFramed();
        await stored.readMore();
        continue;
      }
      const frame = stored.cut(found.end);
      if (found.skippable) continue;
      if (!found.checksum) unchecked = true;
      stored.hold(frame);
      // Frames go round the lanes in order, so a lane decodes its next frame only once its last is drained.
      const job = (decoders[frames++ % lanes] as FrameDecoder).decode(frame, Math.min(MAX_FRAME, limits.rawSize + 1)).finally(() => stored.letGo(frame));
      job.catch(() => undefined);
      pending.push(job);
      if (pending.length >= lanes) await drainOne();
    }
    while (pending.length > 0) await drainOne();
    const written = await sink.end();
    const rawSha256 = written.sha256 ?? (unchecked && limits.hashRaw === 'unchecked' && outFile !== null ? await sha256OfFile(outFile) : undefined);
    return { storedSize: stored.readPos, storedSha256: stored.hash.digest('hex'), rawSize: written.bytes, unchecked, ...(rawSha256 ? { rawSha256 } : {}) };
  } catch (err) {
    await sink.abort();
    await Promise.allSettled(pending);
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      // A frame decodes to more than we hold in memory: past the declared size, or not one of ours.
      throw limits.rawSize < MAX_FRAME ? limits.tooBig() : new NotFramed();
    }
    throw err;
  } finally {
    decoders.forEach((d) => d.close());
  }
}

/**
 * One lane's zstd decoder: a stream that outlives its frames, so its output buffers (OUTPUT_PART
 * each) are few and reused. A frame's output is handed out as parts: a part that ends where its
 * buffer ends is the stream's no more (it starts a new buffer then) and may be moved to the write
 * thread; the last part of a frame usually ends inside a buffer the stream goes on filling with
 * the next frame, so it is copied out.
 */
class FrameDecoder {
  private readonly z = zlib.createZstdDecompress({ chunkSize: OUTPUT_PART });
  private parts: Buffer[] = [];
  private bytes = 0;
  private limit = 0;
  private failed: ((err: Error) => void) | undefined;

  constructor() {
    this.z.on('data', (d: Buffer) => {
      this.bytes += d.length;
      this.parts.push(d);
      // Past what a frame may decode to: a bomb, or not one of ours. Stopped here, not after it has all been made.
      if (this.bytes > this.limit) this.fail(Object.assign(new Error(`a zstd frame decodes to more than ${this.limit} bytes`), { code: 'ERR_BUFFER_TOO_LARGE' }));
    });
    this.z.on('error', (err) => this.fail(err));
  }

  /** The frame's decoded bytes, in order; rejects when they pass `limit` or the frame is damaged. */
  decode(frame: Buffer, limit: number): Promise<Buffer[]> {
    this.parts = [];
    this.bytes = 0;
    this.limit = limit;
    return new Promise((resolve, reject) => {
      this.failed = reject;
      this.z.write(frame, (err) => {
        if (err) return reject(err);
        if (this.failed === undefined) return;
        this.failed = undefined;
        resolve(this.parts.map((p) => (p.byteOffset + p.length === p.buffer.byteLength ? p : ownCopy(p))));
      });
    });
  }

  close(): void {
    this.z.destroy();
  }

  private fail(err: Error): void {
    const reject = this.failed;
    this.failed = undefined;
    this.z.destroy();
    reject?.(err);
  }
}

/** A copy in an ArrayBuffer of its own, which the write thread can be handed. */
function ownCopy(b: Buffer): Buffer {
  const own = Buffer.from(new ArrayBuffer(b.length));
  b.copy(own);
  return own;
}

/**
 * Where decoded bytes go when they are neither written nor hashed (a proof by checksums): only
 * counted, on this thread. Its own thread would cost a worker's start-up and memory for nothing.
 * decodeFrameSource frees each part once handed over, here as after any sink.
 */
function countingSink(): HashingWriter {
  let bytes = 0;
  return {
    write: async (buf) => {
      bytes += buf.length;
    },
    end: async () => ({ bytes }),
    abort: async () => {},
  };
}

/**
 * decodeFrames' reading side: the stored file read with one read always in flight, hashed, and
 * kept as `carry`, the bytes read but not yet cut into frames (the start of the next frame).
 */
class StoredReader {
  /** Bytes read but not yet cut into frames. */
  carry: Buffer = Buffer.alloc(0);
  eof = false;
  /** Stored bytes read so far. */
  readPos = 0;
  readonly hash = createHash('sha256');
  private readonly source: ByteSource;
  // Read buffers are reused once every frame cut from them is decoded: fresh 6 MiB buffers cost
  // page faults, and the freed ones linger until a GC.
  private readonly spare: Buffer[] = [];
  private readonly inUse = new Map<ArrayBufferLike, number>();
  /** The read buffer `carry` lies in: held until the carry moves on to the next one. */
  private current: Buffer | undefined;
  /** One read always in flight, so the next stored bytes are there when decodeFrames wants them. */
  private ahead: Promise<{ buf: Buffer; n: number }>;

  constructor(source: ByteSource) {
    this.source = source;
    this.ahead = this.startRead();
  }

  /** A frame (or read buffer) in use: its buffer is not reused until every holder lets go. */
  hold(b: Buffer): void {
    this.inUse.set(b.buffer, (this.inUse.get(b.buffer) ?? 0) + 1);
  }

  letGo(b: Buffer): void {
    const n = (this.inUse.get(b.buffer) ?? 1) - 1;
    if (n > 0) this.inUse.set(b.buffer, n);
    else {
      this.inUse.delete(b.buffer);
      if (b.buffer.byteLength === BUFFER && this.spare.length < MAX_SPARE) this.spare.push(Buffer.from(b.buffer as ArrayBuffer));
    }
  }

  /** The first `end` bytes of the carry, cut off it. */
  cut(end: number): Buffer {
    const frame = this.carry.subarray(0, end);
    this.carry = this.carry.subarray(end);
    return frame;
  }

  /** Appends the next read to the carry (at EOF: sets `eof`). */
  async readMore(): Promise<void> {
    const { buf, n } = await this.ahead;
    if (n > 0) this.ahead = this.startRead();
    else this.eof = true;
    this.hash.update(buf.subarray(HEADROOM, HEADROOM + n));
    this.readPos += n;
    const carry = this.carry;
    let next: Buffer;
    if (carry.length <= HEADROOM) {
      carry.copy(buf, HEADROOM - carry.length);
      next = buf.subarray(HEADROOM - carry.length, HEADROOM + n);
    } else {
      // A frame bigger than the headroom (not one of ours): joined the slow way.
      next = Buffer.concat([carry, buf.subarray(HEADROOM, HEADROOM + n)]);
      this.hold(next);
      this.letGo(buf);
    }
    if (this.current) this.letGo(this.current);
    this.current = next;
    this.carry = next;
  }

  private startRead(): Promise<{ buf: Buffer; n: number }> {
    const buf = this.spare.pop() ?? Buffer.allocUnsafe(BUFFER);
    this.hold(buf);
    const read = this.source.read(buf, HEADROOM, READ_SIZE).then((n) => ({ buf, n }));
    read.catch(() => undefined);
    return read;
  }
}
