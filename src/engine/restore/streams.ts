import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecompressor, type Compression } from '../manifest/compression.ts';
import { startCopy } from '../threads/copy-worker.ts';
import { startHashingWriter } from '../threads/hashing-writer.ts';
import { SnapshotError, corrupt } from '../common/errors.ts';
import { abortedOr, onAbort } from '../common/abort.ts';
import { type ByteSource, type DecodeLimits, type Decoded, NotFramed, decodeFrameSource, decodeFrames } from './zstd-restore.ts';

/** Counts what flows through it, refusing it once it passes `limit`. */
export class Count extends Transform {
  bytes = 0;
  private readonly limit: number;
  private readonly onLimit: () => Error;
  private readonly onBytes: ((total: number) => void) | undefined;
  constructor(limit = Number.POSITIVE_INFINITY, onLimit: () => Error = () => new Error('size limit exceeded'), onBytes?: (total: number) => void) {
    super({ highWaterMark: 1 << 20 });
    this.limit = limit;
    this.onLimit = onLimit;
    this.onBytes = onBytes;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      done(this.onLimit());
      return;
    }
    this.see(chunk);
    this.onBytes?.(this.bytes);
    done(null, chunk);
  }

  protected see(_chunk: Buffer): void {}
}

/** Counts and hashes what flows through it, so checksums cost no extra pass over the data. */
export class Measure extends Count {
  readonly hash: Hash = createHash('sha256');

  protected override see(chunk: Buffer): void {
    this.hash.update(chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export interface Expected {
  compression: Compression;
  storedSize: number;
  storedSha256: string;
  rawSize: number;
  /** Absent: the snapshot did not record it; the stored file's sha256 and zstd's frame checksums stand for it. */
  rawSha256?: string;
}

export interface DecodeOptions {
  onBytes?: (raw: number) => void;
  /** false: trust zstd's per-frame content checksums for the decoded bytes (see decodeFrames). Default true. */
  hashRaw?: boolean;
  /** Frames decoded at once (see DecodeLimits.lanes). */
  lanes?: number;
  /** false: the output is a scratch copy, not flushed as it is written (see DecodeLimits.durable). */
  durable?: boolean;
  /** Stops the decoding (see DecodeLimits.signal); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** A stream only: a minor GC after each frame (see DecodeLimits.youngGc). */
  youngGc?: boolean;
}

/**
 * Stored file in, raw database out, refusing as soon as the output outgrows the declared raw size
 * (a decompression bomb cannot fill the disk) and, at the end, on any size or checksum mismatch.
 * An uncompressed file is the snapshot's own two-thread copy (copy-worker.ts): one sha256, on a
 * thread of its own, instead of the same bytes hashed twice in the stream.
 */
export async function decompressToFile(storedFile: string, outFile: string, expected: Expected, label: string, opts: DecodeOptions = {}): Promise<void> {
  const { onBytes, signal } = opts;
  await checkStoredSize(storedFile, expected, label);
  signal?.throwIfAborted();
  if (expected.compression === 'none') {
    const fh = await fsp.open(storedFile, 'r');
    const copy = startCopy({ fds: [fh.fd], length: expected.storedSize, outFile, compression: 'none', level: 0, onBytes });
    const stopOnAbort = onAbort(signal, () => void copy.cancel());
    try {
      const copied = await copy.done.catch((err: unknown) => {
        throw abortedOr(signal, err);
      });
      checkDecoded(label, expected, copied.storedSha256, copied.rawSize, copied.rawSha256);
    } finally {
      stopOnAbort();
      await copy.cancel();
      await fh.close();
    }
    return;
  }
  if (expected.compression === 'zstd') {
    if (await decodeFramedFile(storedFile, outFile, expected, label, opts)) return;
    // Another tool's file, one big frame: decoded below as one stream.
    await fsp.rm(outFile, { force: true });
  }
  const stored = new Measure();
  const raw = new (rawToCompare(expected) ? Measure : Count)(expected.rawSize, () => tooBig(label, expected), onBytes);
  const out = createWriteStream(outFile, { flags: 'wx', highWaterMark: 1 << 20 });
  const input = createReadStream(storedFile, { highWaterMark: 1 << 20 });
  try {
    await pipeline(input, stored, createDecompressor(expected.compression), raw, out, signal ? { signal } : {});
  } catch (err) {
    throw abortedOr(signal, damaged(err, label));
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
export async function proveFramedFile(storedFile: string, expected: Expected, label: string, opts: Omit<DecodeOptions, 'hashRaw' | 'durable'> = {}): Promise<boolean> {
  await checkStoredSize(storedFile, expected, label);
  const decoded = await decodeFramedFile(storedFile, null, expected, label, { ...opts, hashRaw: false });
  return decoded !== undefined && !decoded.unchecked;
}

/**
 * A stored zstd file as it arrives (a seed being downloaded): decoded frame by frame as for a file,
 * with the same size limit and checksums, but with nothing to fall back on, so a file that is not
 * ours (one frame too big to hold) is refused as damaged.
 */
export async function decodeStreamToFile(source: ByteSource, outFile: string, expected: Expected, label: string, opts: DecodeOptions = {}): Promise<void> {
  if (expected.compression === 'none') return copyStreamToFile(source, outFile, expected, label, opts);
  if (expected.compression !== 'zstd') throw corrupt(`${label}: stored as ${expected.compression}, which is only read from a file; the entry was not written by this version`);
  let decoded;
  try {
    decoded = await decodeFrameSource(source, outFile, { ...frameLimits(expected, label, opts), youngGc: opts.youngGc === true }, opts.onBytes);
  } catch (err) {
    if (err instanceof NotFramed) throw corrupt(`${label}: holds a zstd frame larger than ours; the entry is damaged or was not written by this tool`);
    throw damaged(err, label);
  }
  if (decoded.storedSize !== expected.storedSize) {
    throw corrupt(`${label}: stored data is ${decoded.storedSize} bytes but the manifest says ${expected.storedSize}; the entry is truncated or damaged`);
  }
  checkDecoded(label, expected, decoded.storedSha256, decoded.rawSize, decoded.rawSha256);
}

/** Bytes read from a stream per write: large enough that a write's overhead vanishes. */
const STREAM_CHUNK = 4 << 20;

/**
 * An uncompressed stored file as it arrives (a seed in GitHub's cache, which compresses the entry
 * itself): handed to the same hashing writer a decoded stream goes to (a thread of its own above
 * a few MiB), refused as soon as it outgrows the manifest's size. The caller flushes the file.
 */
async function copyStreamToFile(source: ByteSource, outFile: string, expected: Expected, label: string, opts: DecodeOptions): Promise<void> {
  const sink = startHashingWriter(outFile, true, opts.durable ?? true, expected.storedSize);
  let size = 0;
  let written: { bytes: number; sha256?: string };
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      // A buffer of its own each time: the writer takes it over.
      const buf = Buffer.allocUnsafe(STREAM_CHUNK);
      let n = 0;
      while (n < buf.length) {
        const got = await source.read(buf, n, buf.length - n);
        if (got === 0) break;
        n += got;
      }
      if (n === 0) break;
      size += n;
      if (size > expected.storedSize) throw corrupt(`${label}: holds more than the ${expected.storedSize} bytes the manifest declares; the entry is damaged or hostile`);
      await sink.write(buf.subarray(0, n));
      opts.onBytes?.(size);
    }
    written = await sink.end();
  } catch (err) {
    await sink.abort();
    throw abortedOr(opts.signal, damaged(err, label));
  }
  checkDecoded(label, expected, written.sha256 ?? '', written.bytes, written.sha256);
}

async function checkStoredSize(storedFile: string, expected: Expected, label: string): Promise<void> {
  const { size } = await fsp.stat(storedFile);
  if (size !== expected.storedSize) {
    throw corrupt(`${label}: stored file is ${size} bytes but the manifest says ${expected.storedSize}; the snapshot is truncated or damaged`);
  }
}

/** Our zstd frames decoded from a file, checked against the manifest; undefined when they are not ours (NotFramed). */
async function decodeFramedFile(storedFile: string, outFile: string | null, expected: Expected, label: string, opts: DecodeOptions): Promise<Decoded | undefined> {
  let decoded: Decoded;
  try {
    decoded = await decodeFrames(storedFile, outFile, frameLimits(expected, label, opts), opts.onBytes);
  } catch (err) {
    if (!(err instanceof NotFramed)) throw damaged(err, label);
    return undefined;
  }
  checkDecoded(label, expected, decoded.storedSha256, decoded.rawSize, decoded.rawSha256);
  return decoded;
}

/**
 * A sha256 of the decoded bytes is worth its second of CPU per GiB only where the manifest has
 * one to compare it with (format 2 may leave it out: the stored file's sha256 stands for it).
 */
function rawToCompare(expected: Expected): boolean {
  return expected.rawSha256 !== undefined;
}

function frameLimits(expected: Expected, label: string, opts: DecodeOptions): DecodeLimits {
  return {
    rawSize: expected.rawSize,
    tooBig: () => tooBig(label, expected),
    damaged: (what) => corrupt(`${label}: compressed data is damaged (${what}); take the snapshot again`),
    hashRaw: !rawToCompare(expected) ? 'never' : (opts.hashRaw ?? true) ? 'always' : 'unchecked',
    ...(opts.lanes ? { lanes: opts.lanes } : {}),
    ...(opts.durable === false ? { durable: false } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}

function damaged(err: unknown, label: string): unknown {
  if (err instanceof SnapshotError) return err;
  const code = String((err as NodeJS.ErrnoException).code ?? '');
  if (code.startsWith('ERR__ERROR') || code.startsWith('Z_') || code.startsWith('ZSTD_') || /incorrect header|unexpected end|invalid|corrupt|unknown frame|checksum/i.test(String((err as Error).message))) {
    return corrupt(`${label}: compressed data is damaged (${(err as Error).message}); take the snapshot again`);
  }
  return err;
}

function tooBig(label: string, expected: Expected): Error {
  return corrupt(`${label}: data decompresses to more than the ${expected.rawSize} bytes the manifest declares; the snapshot is damaged or hostile`);
}

/** `rawSha` undefined: not computed, the stored file's sha256 and zstd's frame checksums stand for it. */
function checkDecoded(label: string, expected: Expected, storedSha: string, rawBytes: number, rawSha: string | undefined): void {
  if (storedSha !== expected.storedSha256) {
    throw corrupt(`${label}: sha256 of the stored file is ${storedSha}, manifest says ${expected.storedSha256}; the snapshot is damaged`);
  }
  if (rawBytes !== expected.rawSize) {
    throw corrupt(`${label}: database is ${rawBytes} bytes after decompression, manifest says ${expected.rawSize}; the snapshot is truncated`);
  }
  if (rawSha !== undefined && expected.rawSha256 !== undefined && rawSha !== expected.rawSha256) {
    throw corrupt(`${label}: sha256 of the database is ${rawSha}, manifest says ${expected.rawSha256}; the snapshot is damaged`);
  }
}
