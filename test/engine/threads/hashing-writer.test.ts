import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startHashingWriter } from '../../../src/engine/threads/hashing-writer.ts';
import { IN_LINE_MAX } from '../../../src/engine/threads/start.ts';
import { tempDir } from '../../helpers/db.ts';

/** The sizes of the buffers handed over, as a decoder's frames: some above 1 MiB (freed when written), some small. */
const SIZES = [3 << 20, 1000, 2 << 20, 5];

test('the write thread and the in-line writer (a small restore) write the same file and report the same bytes and sha256', async (t) => {
  const dir = tempDir(t);
  const want = randomBytes(SIZES.reduce((a, b) => a + b));
  const results = [];
  for (const [name, expected] of [['thread', Number.POSITIVE_INFINITY], ['in-line', IN_LINE_MAX]] as const) {
    const file = path.join(dir, name);
    const w = startHashingWriter(file, true, true, expected);
    // Each buffer a copy with an ArrayBuffer of its own: the writer may free what it is handed.
    let at = 0;
    for (const size of SIZES) {
      await w.write(Buffer.from(new Uint8Array(want.subarray(at, at + size)).buffer));
      at += size;
    }
    results.push(await w.end());
    assert.ok(readFileSync(file).equals(want), `${name}: the bytes written`);
  }
  assert.deepEqual(results[0], results[1]);
  assert.deepEqual(results[0], { bytes: want.length, sha256: createHash('sha256').update(want).digest('hex') });
});

test('the in-line writer counts without a file, and an abort leaves its file for the caller to remove', async (t) => {
  const dir = tempDir(t);
  const counted = startHashingWriter(null, true, true, 1 << 20);
  await counted.write(randomBytes(4096));
  assert.equal((await counted.end()).bytes, 4096);
  const file = path.join(dir, 'aborted');
  const w = startHashingWriter(file, false, true, 1 << 20);
  await w.write(randomBytes(4096));
  await w.abort();
  assert.ok(existsSync(file));
});
