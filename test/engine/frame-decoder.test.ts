import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { decodeFrames } from '../../src/engine/restore/zstd-restore.ts';
import { tempDir } from '../helpers/db.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

test('frames whose decoded sizes are not whole MiBs: each lane goes on filling the buffer a frame ended in, and every byte comes back in order', async (t) => {
  const dir = tempDir(t);
  // ~20 MiB (past the in-line size: the write thread takes the parts) in frames of 1.5 MiB and a
  // few bytes, half random, half runs: their ends fall inside the decoders' 1 MiB buffers, so the
  // next frame on that lane starts mid-buffer.
  const frames: Buffer[] = [];
  for (let i = 0; i < 13; i++) {
    const raw = Buffer.alloc((3 << 19) + 777 * i + 1, i);
    randomBytes(raw.length >> 1).copy(raw, i % 2 ? 0 : raw.length >> 2);
    frames.push(raw);
  }
  const raw = Buffer.concat(frames);
  const stored = path.join(dir, 'odd.zst');
  writeFileSync(stored, Buffer.concat(frames.map((f) => zlib.zstdCompressSync(f, { params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 } }))));
  for (const lanes of [1, 2, 3]) {
    const out = path.join(dir, `out-${lanes}.db`);
    const limits = { lanes, rawSize: raw.length, hashRaw: 'always' as const, durable: false, tooBig: () => new Error('too big'), damaged: (w: string) => new Error(w) };
    const decoded = await decodeFrames(stored, out, limits);
    assert.equal(decoded.rawSize, raw.length);
    assert.equal(decoded.rawSha256, sha(raw), `${lanes} lane(s): the decoded bytes`);
    assert.ok(readFileSync(out).equals(raw), `${lanes} lane(s): the file written`);
    // Counted only (a proof by checksums): the same bytes pass through.
    const counted = await decodeFrames(stored, null, { ...limits, hashRaw: 'never' });
    assert.equal(counted.rawSize, raw.length);
  }
  // One byte fewer allowed than the frames hold: refused as too big, not written past.
  await assert.rejects(decodeFrames(stored, path.join(dir, 'small.db'), { lanes: 2, rawSize: raw.length - 1, hashRaw: 'never', tooBig: () => new Error('too big'), damaged: (w: string) => new Error(w) }), /too big/);
});
