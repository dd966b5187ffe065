import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { SnapshotError } from '../../src/engine/common/errors.ts';
import { decompressToFile, type Expected } from '../../src/engine/restore/streams.ts';
import { frameEnd } from '../../src/engine/restore/zstd-frames.ts';
import { tempDir } from '../helpers/db.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const zstd = (b: Buffer, checksum: boolean): Buffer =>
  zlib.zstdCompressSync(b, { params: { [zlib.constants.ZSTD_c_compressionLevel]: 3, [zlib.constants.ZSTD_c_checksumFlag]: checksum ? 1 : 0 } });
function skippable(payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(0x184d2a5e, 0);
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

// Raw, compressed, RLE-only (zeros) and incompressible chunks: every block type zstd writes.
const chunks = [Buffer.from('hello '.repeat(200_000)), Buffer.alloc(3 << 20), randomBytes(1 << 20), Buffer.from('tail')];

test('frameEnd finds every frame boundary, the checksum flag and skippable frames, and asks for more when cut short', () => {
  const frames = [zstd(chunks[0] as Buffer, true), skippable(Buffer.from('not data')), zstd(chunks[1] as Buffer, false), zstd(chunks[2] as Buffer, true), zstd(chunks[3] as Buffer, true)];
  const file = Buffer.concat(frames);
  const found: { end: number; checksum: boolean; skippable: boolean }[] = [];
  for (let at = 0; at < file.length; ) {
    const f = frameEnd(file.subarray(at), 0);
    assert.ok(typeof f === 'object', `frame at ${at}: ${String(f)}`);
    found.push({ ...f, end: at + f.end });
    at += f.end;
  }
  let end = 0;
  assert.deepEqual(
    found,
    frames.map((f, i) => ({ end: (end += f.length), checksum: i !== 1 && i !== 2, skippable: i === 1 })),
  );
  // Any cut inside a frame asks for more bytes; a non-frame is invalid.
  const first = frames[0] as Buffer;
  for (const cut of [0, 3, 5, 9, first.length - 1]) assert.equal(frameEnd(first.subarray(0, cut), 0), 'more');
  assert.equal(frameEnd(Buffer.from('SQLite format 3\0'), 0), 'invalid');
});

function expectedFor(raw: Buffer, stored: Buffer): Expected {
  return { compression: 'zstd', storedSize: stored.length, storedSha256: sha(stored), rawSize: raw.length, rawSha256: sha(raw) };
}

test('restore decoding: frames with checksums are trusted, frames without are hashed, damage is named, a giant frame falls back to one stream', async (t) => {
  const dir = tempDir(t);
  const raw = Buffer.concat(chunks);
  const decode = async (stored: Buffer, expected: Expected, hashRaw: boolean): Promise<Buffer> => {
    const file = path.join(dir, `stored-${Math.random()}`);
    const out = path.join(dir, `out-${Math.random()}`);
    writeFileSync(file, stored);
    await decompressToFile(file, out, expected, 'test entry', { hashRaw });
    return readFileSync(out);
  };
  const lie = (e: Expected): Expected => ({ ...e, rawSha256: 'b'.repeat(64) });
  const isCorrupt = (re: RegExp) => (e: SnapshotError) => e.kind === 'corrupt' && re.test(e.message);

  // Every frame checksummed (ours): decoded exactly; a raw checksum lie is caught only when hashing.
  const checked = Buffer.concat(chunks.map((c) => zstd(c, true)));
  assert.ok((await decode(checked, expectedFor(raw, checked), false)).equals(raw));
  assert.ok((await decode(checked, lie(expectedFor(raw, checked)), false)).equals(raw));
  await assert.rejects(decode(checked, lie(expectedFor(raw, checked)), true), isCorrupt(/sha256 of the database/));

  // One frame without a checksum: the written file is hashed after all, so the lie is caught.
  const mixed = Buffer.concat(chunks.map((c, i) => zstd(c, i !== 2)));
  assert.ok((await decode(mixed, expectedFor(raw, mixed), false)).equals(raw));
  await assert.rejects(decode(mixed, lie(expectedFor(raw, mixed)), false), isCorrupt(/sha256 of the database/));

  // Cut mid-frame, and bytes that are no frame at all.
  const cut = checked.subarray(0, checked.length - 10);
  await assert.rejects(decode(cut, { ...expectedFor(raw, cut) }, false), isCorrupt(/cut short/));
  const junk = Buffer.concat([checked, Buffer.from('garbage!')]);
  await assert.rejects(decode(junk, expectedFor(raw, junk), false), isCorrupt(/no zstd frame at byte/));

  // 70 MiB in one frame (another tool's file): too big to hold, decoded as one stream instead.
  const big = Buffer.alloc(70 << 20, 'abcdefgh');
  const one = zstd(big, true);
  assert.ok((await decode(one, expectedFor(big, one), false)).equals(big));
});
