import { createReadStream, promises as fsp } from 'node:fs';
import zlib from 'node:zlib';

/**
 * The zip an artifact is, written as a stream in one pass over each file: what @actions/artifact
 * makes with archiver (one entry per file, sizes and CRC in a data descriptor after the data, a
 * central directory at the end), readable by `unzip`, Python's zipfile and the toolkit's own
 * streaming download (unzip-stream, which finds each entry's end by its data descriptor).
 * Memory stays at one read chunk (or zlib's window) per entry, whatever the files' sizes.
 */

/** One file of the artifact. */
export interface ZipSource {
  /** Its path inside the zip, `/`-separated, relative (`manifest.json`, `app.db.zst`). */
  name: string;
  /** Where it is on disk. */
  path: string;
  /** 0: stored as is (already-compressed data); 1-9: deflated at that zlib level. */
  level: number;
}

export interface ZipOptions {
  /**
   * Writes every entry and the end record in their zip64 forms whatever the sizes: the only way
   * to test the >4 GiB layout on small files.
   */
  forceZip64?: boolean;
}

const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_END = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** Sizes and CRC follow the data (bit 3); names are UTF-8 (bit 11). */
const FLAGS = 0x0008 | 0x0800;
const VERSION_DESCRIPTOR = 20;
const VERSION_ZIP64 = 45;
/** Made on Unix (3), by a zip 4.5 writer: the mode in the external attributes is then honoured. */
const MADE_BY = (3 << 8) | VERSION_ZIP64;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const ZIP64_EXTRA = 0x0001;
const READ_CHUNK = 1 << 20;

interface Written {
  name: Buffer;
  method: number;
  zip64: boolean;
  crc: number;
  size: number;
  csize: number;
  offset: number;
  dosTime: number;
  dosDate: number;
  mode: number;
}

/** The zip of `files`, chunk by chunk. A file that cannot be read fails the stream. */
export async function* zipStream(files: readonly ZipSource[], opts: ZipOptions = {}): AsyncGenerator<Buffer> {
  const written: Written[] = [];
  let offset = 0;
  for (const f of files) {
    const st = await fsp.stat(f.path);
    const method = f.level > 0 ? DEFLATED : STORED;
    const e: Written = {
      name: Buffer.from(f.name, 'utf8'),
      method,
      zip64: opts.forceZip64 === true || mayExceed32(st.size, method),
      crc: 0,
      size: 0,
      csize: 0,
      offset,
      ...dosDateTime(st.mtime),
      mode: st.mode,
    };
    const header = localHeader(e);
    offset += header.length;
    yield header;
    for await (const chunk of entryData(f, e)) {
      offset += chunk.length;
      yield chunk;
    }
    if (!e.zip64 && (e.size > MAX32 || e.csize > MAX32)) {
      throw new Error(`zip: ${f.name} grew past 4 GiB while it was read, but its entry was begun without zip64`);
    }
    const descriptor = dataDescriptor(e);
    offset += descriptor.length;
    yield descriptor;
    written.push(e);
  }
  const cdOffset = offset;
  let cdSize = 0;
  for (const e of written) {
    const header = centralHeader(e, opts.forceZip64 === true);
    cdSize += header.length;
    yield header;
  }
  yield endRecords(written.length, cdSize, cdOffset, opts.forceZip64 === true);
}

/**
 * Whether an entry's sizes may not fit 32 bits. Decided before the data is read (the local header
 * comes first): deflate can grow incompressible data by about 5 bytes per 16 KiB block.
 */
function mayExceed32(size: number, method: number): boolean {
  const worst = method === DEFLATED ? size + Math.ceil(size / 16384) * 5 + 64 : size;
  return worst >= MAX32;
}

/** The entry's bytes as stored, counting the raw size and CRC as they pass. */
async function* entryData(f: ZipSource, e: Written): AsyncGenerator<Buffer> {
  const input = createReadStream(f.path, { highWaterMark: READ_CHUNK });
  const count = (chunk: Buffer): void => {
    e.crc = zlib.crc32(chunk, e.crc);
    e.size += chunk.length;
  };
  if (e.method === STORED) {
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        count(chunk);
        e.csize += chunk.length;
        yield chunk;
      }
    } finally {
      input.destroy();
    }
    return;
  }
  const deflate = zlib.createDeflateRaw({ level: f.level });
  // No encoding was set, so the chunks are bytes.
  input.on('data', (chunk) => count(chunk as Buffer));
  input.on('error', (err) => deflate.destroy(err));
  input.pipe(deflate);
  try {
    for await (const chunk of deflate as AsyncIterable<Buffer>) {
      e.csize += chunk.length;
      yield chunk;
    }
  } finally {
    input.destroy();
    deflate.destroy();
  }
}

function localHeader(e: Written): Buffer {
  // With a data descriptor, CRC and sizes here are zero; a zip64 entry says so with 0xffffffff
  // and a zip64 extra field of zero sizes (as Python's zipfile writes a streamed zip64 entry).
  const extra = e.zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
  const b = Buffer.alloc(30);
  b.writeUInt32LE(SIG_LOCAL, 0);
  b.writeUInt16LE(e.zip64 ? VERSION_ZIP64 : VERSION_DESCRIPTOR, 4);
  b.writeUInt16LE(FLAGS, 6);
  b.writeUInt16LE(e.method, 8);
  b.writeUInt16LE(e.dosTime, 10);
  b.writeUInt16LE(e.dosDate, 12);
  b.writeUInt32LE(0, 14);
  b.writeUInt32LE(e.zip64 ? MAX32 : 0, 18);
  b.writeUInt32LE(e.zip64 ? MAX32 : 0, 22);
  b.writeUInt16LE(e.name.length, 26);
  b.writeUInt16LE(extra.length, 28);
  return Buffer.concat([b, e.name, extra]);
}

function dataDescriptor(e: Written): Buffer {
  if (e.zip64) {
    const b = Buffer.alloc(24);
    b.writeUInt32LE(SIG_DESCRIPTOR, 0);
    b.writeUInt32LE(e.crc, 4);
    b.writeBigUInt64LE(BigInt(e.csize), 8);
    b.writeBigUInt64LE(BigInt(e.size), 16);
    return b;
  }
  const b = Buffer.alloc(16);
  b.writeUInt32LE(SIG_DESCRIPTOR, 0);
  b.writeUInt32LE(e.crc, 4);
  b.writeUInt32LE(e.csize, 8);
  b.writeUInt32LE(e.size, 12);
  return b;
}

function centralHeader(e: Written, force: boolean): Buffer {
  // The zip64 extra holds, in this order, just the fields whose 32-bit slot says 0xffffffff.
  const farOffset = force || e.offset >= MAX32;
  const fields = [...(e.zip64 ? [e.size, e.csize] : []), ...(farOffset ? [e.offset] : [])];
  const extra = fields.length > 0 ? zip64Extra(fields) : Buffer.alloc(0);
  const b = Buffer.alloc(46);
  b.writeUInt32LE(SIG_CENTRAL, 0);
  b.writeUInt16LE(MADE_BY, 4);
  b.writeUInt16LE(fields.length > 0 ? VERSION_ZIP64 : VERSION_DESCRIPTOR, 6);
  b.writeUInt16LE(FLAGS, 8);
  b.writeUInt16LE(e.method, 10);
  b.writeUInt16LE(e.dosTime, 12);
  b.writeUInt16LE(e.dosDate, 14);
  b.writeUInt32LE(e.crc, 16);
  b.writeUInt32LE(e.zip64 ? MAX32 : e.csize, 20);
  b.writeUInt32LE(e.zip64 ? MAX32 : e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt16LE(0, 32); // comment length
  b.writeUInt16LE(0, 34); // disk number
  b.writeUInt16LE(0, 36); // internal attributes
  b.writeUInt32LE(((e.mode & 0xffff) << 16) >>> 0, 38);
  b.writeUInt32LE(farOffset ? MAX32 : e.offset, 42);
  return Buffer.concat([b, e.name, extra]);
}

function zip64Extra(fields: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * fields.length);
  b.writeUInt16LE(ZIP64_EXTRA, 0);
  b.writeUInt16LE(8 * fields.length, 2);
  fields.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

/** The end of central directory record, after the zip64 one and its locator when a count or offset needs them. */
function endRecords(count: number, cdSize: number, cdOffset: number, force: boolean): Buffer {
  const zip64 = force || count >= MAX16 || cdSize >= MAX32 || cdOffset >= MAX32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(zip64 ? MAX16 : count, 8);
  end.writeUInt16LE(zip64 ? MAX16 : count, 10);
  end.writeUInt32LE(zip64 ? MAX32 : cdSize, 12);
  end.writeUInt32LE(zip64 ? MAX32 : cdOffset, 16);
  if (!zip64) return end;
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(SIG_ZIP64_END, 0);
  rec.writeBigUInt64LE(44n, 4); // the record's size after this field
  rec.writeUInt16LE(MADE_BY, 12);
  rec.writeUInt16LE(VERSION_ZIP64, 14);
  rec.writeBigUInt64LE(BigInt(count), 24);
  rec.writeBigUInt64LE(BigInt(count), 32);
  rec.writeBigUInt64LE(BigInt(cdSize), 40);
  rec.writeBigUInt64LE(BigInt(cdOffset), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(SIG_ZIP64_LOCATOR, 0);
  loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
  loc.writeUInt32LE(1, 16); // disks in all
  return Buffer.concat([rec, loc, end]);
}

/** MS-DOS date and time (local, 2-second steps), the only times a plain zip entry carries. */
function dosDateTime(d: Date): { dosTime: number; dosDate: number } {
  if (d.getFullYear() < 1980) return { dosTime: 0, dosDate: (1 << 5) | 1 };
  return {
    dosTime: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    dosDate: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
