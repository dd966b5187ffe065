import { Worker } from 'node:worker_threads';
import type { Compression } from './compression.ts';
import { compressParallelism } from './copy-worker.ts';

/**
 * Restores a stored file to a raw database on a worker thread: reads and hashes the stored bytes,
 * decodes, hashes and writes the raw bytes, refusing as soon as the output outgrows the declared
 * raw size. Snapshots written by this version are zstd frames of 4 MiB each (see copy-worker.ts):
 * those are found by walking the frame and block headers and decoded several at once on libuv's
 * pool. A frame over FRAME_LIMIT (a file from another zstd writer, one big frame), or gzip,
 * answers `unsupported` and the caller decodes it as a single stream instead.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
let collect = () => {};
try {
  require('node:v8').setFlagsFromString('--expose_gc');
  const gc = require('node:vm').runInNewContext('gc');
  collect = () => gc();
} catch {}
const { storedFile, outFile, compression, rawLimit, parallel, chunk, frameLimit } = workerData;
const storedHash = crypto.createHash('sha256');
const rawHash = crypto.createHash('sha256');
let storedBytes = 0;
let rawBytes = 0;
let lastReport = 0;
class Fail extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

function writeRaw(out, buf) {
  rawBytes += buf.length;
  if (rawBytes > rawLimit) throw new Fail('too-big', 'output exceeds ' + rawLimit + ' bytes');
  rawHash.update(buf);
  let w = 0;
  while (w < buf.length) w += fs.writeSync(out, buf, w, buf.length - w);
  if (rawBytes - lastReport >= 64 * 1024 * 1024) {
    lastReport = rawBytes;
    parentPort.postMessage({ bytes: rawBytes });
  }
}

/** Length of the zstd (or skippable) frame at buf[0..], undefined if not all of it is here yet. */
function frameLength(buf) {
  if (buf.length < 8) return undefined;
  const magic = buf.readUInt32LE(0);
  if ((magic & 0xfffffff0) === 0x184d2a50) {
    const n = 8 + buf.readUInt32LE(4);
    return { length: n, content: 0, skippable: true };
  }
  if (magic !== 0xfd2fb528) throw new Fail('corrupt', 'unknown frame magic');
  const fhd = buf[4];
  const fcsFlag = fhd >> 6;
  const single = (fhd >> 5) & 1;
  const checksum = (fhd >> 2) & 1;
  const didSize = [0, 1, 2, 4][fhd & 3];
  const fcsSize = fcsFlag === 0 ? single : [0, 2, 4, 8][fcsFlag];
  let pos = 5 + (single ? 0 : 1) + didSize;
  if (buf.length < pos + fcsSize) return undefined;
  let content = -1;
  if (fcsSize === 1) content = buf[pos];
  else if (fcsSize === 2) content = buf.readUInt16LE(pos) + 256;
  else if (fcsSize === 4) content = buf.readUInt32LE(pos);
  else if (fcsSize === 8) content = Number(buf.readBigUInt64LE(pos));
  // Streamed frames (ours included) carry no content size: decoded with frameLimit as the cap.
  if (content > frameLimit) throw new Fail('unsupported', 'frame too large for parallel decoding');
  pos += fcsSize;
  for (;;) {
    if (buf.length < pos + 3) return undefined;
    const h = buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16);
    const type = (h >> 1) & 3;
    if (type === 3) throw new Fail('corrupt', 'reserved block type');
    pos += 3 + (type === 1 ? 1 : h >>> 3);
    if (h & 1) break;
    if (pos > frameLimit + 1024 * 1024) throw new Fail('unsupported', 'frame too large for parallel decoding');
  }
  pos += checksum ? 4 : 0;
  return buf.length < pos ? undefined : { length: pos, content, skippable: false };
}

async function main() {
  const inFd = fs.openSync(storedFile, 'r');
  const out = fs.openSync(outFile, 'wx');
  try {
    const size = fs.fstatSync(inFd).size;
    // Uncompressed, each chunk is written before the next read, so one buffer serves them all;
    // zstd frames keep slices of theirs until decoded.
    const reusable = compression === 'none' ? Buffer.allocUnsafe(chunk) : undefined;
    const readNext = () => {
      const want = Math.min(chunk, size - storedBytes);
      const buf = reusable ? reusable.subarray(0, want) : Buffer.allocUnsafe(want);
      let got = 0;
      while (got < buf.length) {
        const n = fs.readSync(inFd, buf, got, buf.length - got, storedBytes + got);
        if (n === 0) throw new Fail('io', 'stored file shrank while reading');
        got += n;
      }
      storedBytes += buf.length;
      storedHash.update(buf);
      return buf;
    };
    if (compression === 'none') {
      while (storedBytes < size) writeRaw(out, readNext());
    } else {
      let carry = Buffer.alloc(0);
      const pending = [];
      let frames = 0;
      const decode = (frame, content) =>
        new Promise((resolve, reject) =>
          zlib.zstdDecompress(frame, { chunkSize: content >= 0 ? Math.max(64 * 1024, content) : chunk + 128 * 1024, maxOutputLength: content >= 0 ? Math.max(1, content) : frameLimit }, (err, res) => {
            if (err && err.code === 'ERR_BUFFER_TOO_LARGE' && content < 0) reject(new Fail('unsupported', 'frame too large for parallel decoding'));
            else if (err) reject(new Fail('corrupt', err.message));
            else if (content >= 0 && res.length !== content) reject(new Fail('corrupt', 'frame size differs from its header'));
            else resolve(res);
          }),
        );
      for (;;) {
        // Cut every complete frame out of what has been read, and start decoding it.
        for (;;) {
          const f = frameLength(carry);
          if (!f) break;
          const frame = carry.subarray(0, f.length);
          carry = carry.subarray(f.length);
          if (f.skippable) continue;
          const job = decode(frame, f.content);
          job.catch(() => {});
          pending.push(job);
        }
        while (pending.length >= parallel || (storedBytes >= size && pending.length > 0)) {
          writeRaw(out, await pending.shift());
          if (++frames % 4 === 0) collect();
        }
        if (storedBytes >= size) break;
        const next = readNext();
        carry = carry.length ? Buffer.concat([carry, next]) : next;
      }
      if (carry.length > 0) throw new Fail('corrupt', 'unexpected end of file');
    }
  } finally {
    fs.closeSync(out);
    fs.closeSync(inFd);
  }
  return { storedBytes, storedSha256: storedHash.digest('hex'), rawBytes, rawSha256: rawHash.digest('hex') };
}

main().then(
  (result) => parentPort.postMessage({ result }),
  (err) => parentPort.postMessage({ error: { kind: err.kind || 'io', message: String((err && err.message) || err), code: err && err.code, syscall: err && err.syscall } }),
);
`;

/** Frames above this are decoded as one stream by the caller: bounded memory per frame in flight. */
const FRAME_LIMIT = 32 << 20;

export interface Decoded {
  storedBytes: number;
  storedSha256: string;
  rawBytes: number;
  rawSha256: string;
}

export class DecodeFailure extends Error {
  readonly kind: 'corrupt' | 'too-big' | 'unsupported' | 'io';
  readonly code: string | undefined;
  constructor(kind: DecodeFailure['kind'], message: string, code?: string) {
    super(message);
    this.kind = kind;
    this.code = code;
  }
}

export function canDecodeInWorker(compression: Compression): boolean {
  return compression === 'zstd' || compression === 'none';
}

export function decodeInWorker(
  storedFile: string,
  outFile: string,
  compression: Compression,
  rawLimit: number,
  onBytes?: (raw: number) => void,
): Promise<Decoded> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { storedFile, outFile, compression, rawLimit, parallel: compressParallelism(), chunk: 4 << 20, frameLimit: FRAME_LIMIT },
  });
  return new Promise<Decoded>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: { bytes?: number; result?: Decoded; error?: { kind: DecodeFailure['kind']; message: string; code?: string; syscall?: string } }) => {
      if (m.bytes !== undefined) onBytes?.(m.bytes);
      else if (m.result) {
        settled = true;
        resolve(m.result);
      } else if (m.error) {
        settled = true;
        const e = m.error;
        reject(e.kind === 'io' && e.code ? Object.assign(new Error(e.message), { code: e.code, syscall: e.syscall }) : new DecodeFailure(e.kind, e.message, e.code));
      }
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', () => {
      if (!settled) reject(new Error('decompress worker exited without a result'));
    });
  }).finally(() => worker.terminate());
}
