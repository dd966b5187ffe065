import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SLICE, SYNC_EVERY, newFileWriter, slicedWriter, type WriterIo } from '../../../src/engine/threads/sliced-writer.ts';
import { alignedSharedBuffer } from '../../../src/engine/threads/ring.ts';
import { tempDir } from '../../helpers/db.ts';

/** The real calls, recorded: each write's length and position, and how far the file was written at each flush. */
function recording(): { io: WriterIo; writes: [number, number][]; syncsAt: number[] } {
  const writes: [number, number][] = [];
  const syncsAt: number[] = [];
  let end = 0;
  return {
    writes,
    syncsAt,
    io: {
      writeSync(fd, buf, offset, length, position) {
        writes.push([length, position]);
        end = Math.max(end, position + length);
        return fs.writeSync(fd, buf, offset, length, position);
      },
      fdatasync(fd, done) {
        syncsAt.push(end);
        fs.fdatasync(fd, done);
      },
    },
  };
}

test('the sliced writer writes every buffer in slices of at most 256 KiB, in order, at the position given', async (t) => {
  const file = path.join(tempDir(t), 'out');
  const fd = fs.openSync(file, 'wx');
  const { io, writes } = recording();
  const writer = slicedWriter(fd, io);
  const a = randomBytes(4 * SLICE + 100);
  const b = randomBytes(SLICE - 1);
  writer.write(a, 0);
  writer.write(b, a.length);
  await writer.settle();
  fs.closeSync(fd);
  assert.equal(SLICE, 256 * 1024);
  assert.deepEqual(writes, [
    [SLICE, 0],
    [SLICE, SLICE],
    [SLICE, 2 * SLICE],
    [SLICE, 3 * SLICE],
    [100, 4 * SLICE],
    [SLICE - 1, a.length],
  ]);
  assert.deepEqual(fs.readFileSync(file), Buffer.concat([a, b]));
});

test('the sliced writer flushes each time another SYNC_EVERY bytes are written, while writing goes on', async (t) => {
  const file = path.join(tempDir(t), 'out');
  const fd = fs.openSync(file, 'wx');
  const { io, syncsAt } = recording();
  const every = 1 << 20;
  const writer = slicedWriter(fd, io, every);
  const buf = randomBytes(300 * 1024);
  for (let i = 0; i < 12; i++) writer.write(buf, i * buf.length);
  // Flushed after the write that took it past each MiB since the last flush: 4 x 300 KiB, twice; not the tail.
  assert.deepEqual(syncsAt, [4 * buf.length, 8 * buf.length, 12 * buf.length]);
  await writer.settle();
  fs.closeSync(fd);
  assert.equal(fs.statSync(file).size, 12 * buf.length);
  assert.equal(SYNC_EVERY, 128 * 1024 * 1024, 'the default flush interval');
});

test('a failed flush surfaces from settle(), with its code', async () => {
  // fdatasync on a character device fails (EINVAL), though writing to it succeeds.
  const fd = fs.openSync('/dev/null', 'w');
  try {
    const writer = slicedWriter(fd, fs, 1024);
    writer.write(Buffer.alloc(4096), 0);
    await assert.rejects(writer.settle(), (err: NodeJS.ErrnoException) => err.code === 'EINVAL' && err.syscall === 'fdatasync');
  } finally {
    fs.closeSync(fd);
  }
});

test('the new-file writer writes aligned chunks past the page cache where it can, and the rest through an ordinary descriptor, in the same file', async (t) => {
  const dir = tempDir(t);
  const chunk = 1 << 20;
  // Page-aligned memory (as the copy thread's ring), then a tail that is not a whole 4 KiB block,
  // then a buffer whose memory is not aligned: every byte must land where it was asked to.
  const aligned = Buffer.from(alignedSharedBuffer(2 * chunk));
  randomBytes(2 * chunk).copy(aligned);
  const tail = randomBytes(1000);
  const odd = randomBytes(chunk + 16).subarray(16);
  const file = path.join(dir, 'out');
  const writer = newFileWriter(file, true);
  try {
    // Two writes in flight at once, as the copy thread has them.
    await Promise.all([writer.writeAsync(aligned.subarray(0, chunk), 0), writer.writeAsync(aligned.subarray(chunk), chunk)]);
    if (process.platform === 'linux' && fs.statfsSync(dir).type !== 0x01021994) {
      // Not on tmpfs, which may not take O_DIRECT: there the writer starts out ordinary.
      assert.equal(writer.direct, true, 'aligned writes went past the page cache');
    }
    await writer.writeAsync(odd, 2 * chunk);
    writer.write(tail, 3 * chunk);
    assert.equal(writer.direct, false, 'after an unaligned write, the ordinary descriptor writes the rest');
    await writer.settle();
  } finally {
    writer.close();
  }
  assert.deepEqual(fs.readFileSync(file), Buffer.concat([aligned, odd, tail]));
  // Created exclusively, as 'wx': never over an existing file.
  assert.throws(() => newFileWriter(file, true), (err: NodeJS.ErrnoException) => err.code === 'EEXIST');
  // Synchronous writes take the same ways.
  const other = path.join(dir, 'other');
  const sync = newFileWriter(other, true);
  try {
    sync.write(aligned, 0);
    sync.write(tail, aligned.length);
    await sync.settle();
  } finally {
    sync.close();
  }
  assert.deepEqual(fs.readFileSync(other), Buffer.concat([aligned, tail]));
  // Without `direct`, as copies write: through the page cache, as cp does.
  const plain = path.join(dir, 'plain');
  const ordinary = newFileWriter(plain);
  try {
    await ordinary.writeAsync(aligned, 0);
    assert.equal(ordinary.direct, false);
    await ordinary.settle();
  } finally {
    ordinary.close();
  }
  assert.deepEqual(fs.readFileSync(plain), aligned);
});
