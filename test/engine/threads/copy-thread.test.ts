import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startCopy } from '../../../src/engine/threads/copy-worker.ts';
import { tempDir } from '../../helpers/db.ts';

/**
 * A read error part-way through a copy: the second segment reads from a directory (EISDIR), after
 * several chunks of a real file were copied. The copy fails with that error, its threads end, and
 * the caller's descriptors are still open (the thread must never close them: that would drop
 * SQLite's locks on the database file). The same for a copy run in line (a small job's).
 */
for (const [compression, inLine] of [['zstd', false], ['gzip', false], ['none', false], ['zstd', true], ['none', true]] as const) {
  const where = inLine ? 'in line' : 'on a thread';
  test(`a copy (${compression}, ${where}) that hits a read error mid-way fails with it and leaves the caller's descriptors open`, async (t) => {
    const dir = tempDir(t);
    const source = path.join(dir, 'source');
    const size = 3 * (4 << 20) + 4096;
    fs.writeFileSync(source, randomBytes(size));
    const fd = fs.openSync(source, 'r');
    const dirFd = fs.openSync(dir, 'r');
    t.after(() => {
      fs.closeSync(fd);
      fs.closeSync(dirFd);
    });
    const progress: number[] = [];
    const copy = startCopy({
      fds: [fd, dirFd],
      segments: [0, 0, size, 1, 0, 4096],
      length: size + 4096,
      outFile: path.join(dir, 'out'),
      compression,
      level: 1,
      onBytes: (n) => progress.push(n),
      inLine,
    });
    await assert.rejects(copy.done, (err: NodeJS.ErrnoException) => err.code === 'EISDIR' && err.syscall === 'read');
    assert.ok(fs.fstatSync(fd).isFile(), 'the source descriptor is still open');
    assert.ok(fs.fstatSync(dirFd).isDirectory(), 'the failing descriptor is still open');
    assert.ok(!progress.includes(size + 4096), 'no progress report claims the whole copy');
    await copy.cancel();
  });
}

for (const inLine of [false, true]) {
  test(`a copy ${inLine ? 'in line' : 'on a thread'} whose file ends early fails with ESHORT, naming the byte`, async (t) => {
    const dir = tempDir(t);
    const source = path.join(dir, 'source');
    fs.writeFileSync(source, randomBytes(5 << 20));
    const fd = fs.openSync(source, 'r');
    t.after(() => fs.closeSync(fd));
    const copy = startCopy({ fds: [fd], length: 6 << 20, outFile: path.join(dir, 'out'), compression: 'zstd', level: 1, inLine });
    await assert.rejects(copy.done, (err: NodeJS.ErrnoException) => err.code === 'ESHORT' && /file ended at byte 5242880, expected 6291456 bytes/.test(err.message));
  });
}
