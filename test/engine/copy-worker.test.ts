import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { restoreSnapshot } from '../../src/engine/restore/restore.ts';
import { verifySnapshot } from '../../src/engine/restore/verify.ts';
import { ACCOUNTS, START_BALANCE, bankTotal, commandRuns, makeBank, sha256File, startWriter, tempDir } from '../helpers/db.ts';

const hasZstd = commandRuns('zstd', ['--version']);

test('the worker copy round-trips zstd, gzip and none across many concatenated frames', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  // ~20 MiB: several 4 MiB chunks, so frames are concatenated and the lanes take turns.
  makeBank(db, { journalMode: 'delete', fillerRows: 20_000 });
  for (const compression of ['zstd', 'gzip', 'none'] as const) {
    const out = path.join(dir, compression);
    mkdirSync(out);
    // rawSha256: the copy thread hashes the raw bytes too, which this compares with the source.
    const m = await createSnapshot([db], out, 'rt', { compression, check: 'quick', rawSha256: true });
    const e = m.databases[0];
    assert.ok(e);
    assert.equal(e.copy, 'file-copy');
    assert.equal(e.rawSha256, sha256File(db));
    assert.equal(e.storedSha256, sha256File(path.join(out, e.file)));
    if (compression !== 'none') assert.ok(e.storedSize < e.rawSize);
    const report = await verifySnapshot(out, 'quick');
    assert.equal(report.ok, true, JSON.stringify(report.databases));
    if (compression === 'zstd' && hasZstd) {
      // The concatenated frames are one ordinary zstd stream for the CLI too.
      const plain = path.join(dir, 'cli.db');
      execFileSync('zstd', ['-q', '-d', path.join(out, e.file), '-o', plain]);
      assert.equal(sha256File(plain), e.rawSha256);
    }
  }
});

test('an uncompressed VACUUM INTO snapshot renames its raw copy into place and stays exact', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 3000, walTransfers: 500 });
  const out = path.join(dir, 'snap');
  mkdirSync(out);
  const m = await createSnapshot([db], out, 'raw', { compression: 'none', method: 'vacuum' });
  assert.equal(m.databases[0]?.copy, 'vacuum-into');
  assert.deepEqual(readdirSync(out).sort(), ['bank.db', 'manifest.json']);
  assert.equal(m.databases[0]?.storedSha256, sha256File(path.join(out, 'bank.db')));
  const restored = path.join(dir, 'restored.db');
  await restoreSnapshot(out, [restored]);
  const r = bankTotal(restored);
  assert.equal(r.total, ACCOUNTS * START_BALANCE);
  assert.equal(r.integrity, 'ok');
});

test('with frames pending in the -wal, the snapshot reads main file + WAL and equals the checkpointed database', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 3000, walTransfers: 2000 });
  assert.ok(statSync(`${db}-wal`).size > 0);
  const out = path.join(dir, 'snap');
  mkdirSync(out);
  const m = await createSnapshot([db], out, 'wal', { compression: 'none' });
  const e = m.databases[0];
  assert.equal(e?.copy, 'file-copy');
  assert.match(e?.reason ?? '', /-wal directly/);
  // The reference: the same files checkpointed by SQLite itself, in a copy.
  const ref = path.join(dir, 'ref.db');
  copyFileSync(db, ref);
  copyFileSync(`${db}-wal`, `${ref}-wal`);
  const c = new Database(ref);
  c.pragma('wal_checkpoint(TRUNCATE)');
  c.close();
  assert.equal(e?.rawSha256, sha256File(ref));
  assert.equal(bankTotal(path.join(out, 'bank.db')).total, ACCOUNTS * START_BALANCE);
});

test('worker copies taken under a writer that checkpoints with TRUNCATE are never torn', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 5000 });
  const writer = await startWriter(db, ['--checkpoint-truncate-every', '50']);
  const copies: string[] = [];
  try {
    for (let i = 0; i < 12; i++) {
      const out = path.join(dir, `s${i}`);
      mkdirSync(out);
      const m = await createSnapshot([db], out, 'live', { compression: i % 2 ? 'none' : 'zstd', check: 'off' });
      copies.push(m.databases[0]?.copy ?? '');
      const restored = path.join(dir, `r${i}.db`);
      await restoreSnapshot(out, [restored], { check: 'quick' });
      const r = bankTotal(restored);
      assert.equal(r.total, ACCOUNTS * START_BALANCE, `snapshot ${i} (${m.databases[0]?.copy}) is torn`);
      assert.equal(r.integrity, 'ok');
    }
  } finally {
    await writer.stop();
  }
  t.diagnostic(`copy strategies: ${copies.join(', ')}`);
});

async function zstdSnapshot(t: Parameters<typeof tempDir>[0]): Promise<{ dir: string; out: string; file: string; manifestPath: string }> {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'delete', fillerRows: 12_000 });
  const out = path.join(dir, 'snap');
  mkdirSync(out);
  await createSnapshot([db], out, 'z', { compression: 'zstd' });
  return { dir, out, file: path.join(out, 'bank.db.zst'), manifestPath: path.join(out, 'manifest.json') };
}

function editManifest(file: string, edit: (e: Record<string, unknown>) => void): void {
  const m = JSON.parse(readFileSync(file, 'utf8')) as { databases: Record<string, unknown>[] };
  edit(m.databases[0] as Record<string, unknown>);
  writeFileSync(file, JSON.stringify(m));
}

test('restore decodes a single-frame zstd file from another writer (the zstd CLI) as one stream', { skip: !hasZstd && 'zstd CLI not installed' }, async (t) => {
  const { dir, out, file, manifestPath } = await zstdSnapshot(t);
  const raw = path.join(dir, 'raw.db');
  await restoreSnapshot(out, [raw]);
  rmSync(file);
  // --content-size off: no size in the frame header, so the frame cannot be decoded in parallel.
  execFileSync('zstd', ['-q', '-3', '--no-content-size', raw, '-o', file]);
  editManifest(manifestPath, (e) => {
    e.storedSize = statSync(file).size;
    e.storedSha256 = sha256File(file);
  });
  const target = path.join(dir, 'again.db');
  await restoreSnapshot(out, [target]);
  assert.equal(sha256File(target), sha256File(raw));
});

test('restore refuses frames that decode to more than the manifest declares, and damaged frames', async (t) => {
  const { dir, out, file, manifestPath } = await zstdSnapshot(t);
  const good = readFileSync(file);
  editManifest(manifestPath, (e) => {
    e.rawSize = (e.rawSize as number) - (e.pageSize as number);
    e.pageCount = (e.pageCount as number) - 1;
  });
  await assert.rejects(restoreSnapshot(out, [path.join(dir, 'a.db')]), /decompresses to more than/);
  editManifest(manifestPath, (e) => {
    e.rawSize = (e.rawSize as number) + (e.pageSize as number);
    e.pageCount = (e.pageCount as number) + 1;
  });
  const bad = Buffer.from(good);
  bad[Math.floor(bad.length / 2)] = (bad[Math.floor(bad.length / 2)] as number) ^ 0xff;
  writeFileSync(file, bad);
  await assert.rejects(restoreSnapshot(out, [path.join(dir, 'b.db')]), /damaged/);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
    'no temp file left behind',
  );
});

test('the lock-byte page is written as zeros, never read: segments are split around it', async () => {
  const { withoutLockBytePage, PENDING_BYTE } = await import('../../src/engine/threads/copy-worker.ts');
  // One whole-file segment over the lock page at 1 GiB, 4 KiB pages.
  assert.deepEqual(withoutLockBytePage([0, 0, PENDING_BYTE + 3 * 4096], 4096), [0, 0, PENDING_BYTE, -1, 0, 4096, 0, PENDING_BYTE + 4096, 2 * 4096]);
  // WAL-plan segments: the lock page falls inside a main-file run that starts after a WAL frame.
  const segs = [1, 32 + 24, 4096, 0, 4096, PENDING_BYTE];
  assert.deepEqual(withoutLockBytePage(segs, 4096), [1, 56, 4096, 0, 4096, PENDING_BYTE - 4096, -1, 0, 4096]);
  // 64 KiB pages: the whole page holding the lock bytes is skipped, not just 4 KiB of it.
  assert.deepEqual(withoutLockBytePage([0, 0, PENDING_BYTE + 65536], 65536), [0, 0, PENDING_BYTE, -1, 0, 65536]);
  // Files that end before it are untouched.
  assert.deepEqual(withoutLockBytePage([0, 0, 8192], 4096), [0, 0, 8192]);
});

test('a zero segment reaches the output as zeros and the rest is copied byte for byte', async (t) => {
  const { startCopy, withoutLockBytePage } = await import('../../src/engine/threads/copy-worker.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lockpage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = path.join(dir, 'src');
  const data = randomBytes(5 * 4096);
  writeFileSync(src, data);
  const fd = openSync(src, 'r');
  try {
    const out = path.join(dir, 'out');
    // A stand-in lock offset at 8 KiB: page 3 must come out as zeros.
    const res = await startCopy({ fds: [fd], segments: withoutLockBytePage([0, 0, data.length], 4096, 8192), length: data.length, outFile: out, compression: 'none', level: 0 }).done;
    const got = readFileSync(out);
    const want = Buffer.from(data);
    want.fill(0, 8192, 12288);
    assert.ok(got.equals(want));
    assert.equal(res.rawSize, data.length);
  } finally {
    closeSync(fd);
  }
});

test('uncompressed: many ring turns hash and copy byte for byte; a short source or a cancel ends both threads', async (t) => {
  const { startCopy } = await import('../../src/engine/threads/copy-worker.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ring-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = path.join(dir, 'src');
  // 10 chunks and a ragged tail: the 4-slot ring goes round more than twice.
  const data = randomBytes(10 * (4 << 20) + 12345);
  writeFileSync(src, data);
  const fd = openSync(src, 'r');
  try {
    const out = path.join(dir, 'out');
    const res = await startCopy({ fds: [fd], length: data.length, outFile: out, compression: 'none', level: 0 }).done;
    assert.ok(readFileSync(out).equals(data));
    assert.equal(res.rawSha256, sha256File(src));
    assert.equal(res.storedSha256, res.rawSha256);
    assert.equal(res.storedSize, data.length);

    // Hash only (rename): nothing written, the same digest.
    const renamed = await startCopy({ fds: [fd], length: data.length, outFile: path.join(dir, 'unused'), compression: 'none', level: 0, rename: true }).done;
    assert.equal(renamed.rawSha256, res.rawSha256);
    assert.deepEqual(readdirSync(dir).sort(), ['out', 'src']);

    // The file ends before the declared length: a clear error, not a hash of a short copy or a hang.
    await assert.rejects(
      startCopy({ fds: [fd], length: data.length + 4096, outFile: path.join(dir, 'short'), compression: 'none', level: 0 }).done,
      (err: NodeJS.ErrnoException) => err.code === 'ESHORT' && /expected \d+ bytes/.test(err.message),
    );

    // Cancelled midway: resolves once both threads are gone.
    const running = startCopy({ fds: [fd], length: data.length, outFile: path.join(dir, 'cancelled'), compression: 'none', level: 0 });
    await running.cancel();
    await assert.rejects(running.done);
  } finally {
    closeSync(fd);
  }
});

test('in line, on threads, and on a copy thread that hashes too: the same stored bytes and digests for every codec; a cancel stops a copy in line', async (t) => {
  const { startCopy } = await import('../../src/engine/threads/copy-worker.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inline-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = path.join(dir, 'src');
  // Two 4 MiB chunks and a ragged tail: more than one read, one zstd frame and a second one.
  const data = Buffer.concat([randomBytes(5 << 20), Buffer.alloc(4 << 20, 7), randomBytes(12345)]);
  writeFileSync(src, data);
  const fd = openSync(src, 'r');
  const modes = { 'in line': { inLine: true }, threads: { inLine: false }, 'copy thread hashing': { inLine: false, hashThread: false } };
  try {
    for (const compression of ['zstd', 'gzip', 'none'] as const) {
      const results = [];
      for (const [mode, how] of Object.entries(modes)) {
        const out = path.join(dir, `${compression}-${mode}`);
        const r = await startCopy({ fds: [fd], length: data.length, outFile: out, compression, level: 1, hashRaw: true, ...how }).done;
        results.push({ file: readFileSync(out), r });
      }
      const [first, ...rest] = results as [(typeof results)[number], ...typeof results];
      for (const other of rest) {
        assert.ok(other.file.equals(first.file), `${compression}: the same stored bytes`);
        assert.deepEqual(other.r, first.r, `${compression}: the same sizes and digests`);
      }
      assert.equal(first.r.rawSha256, sha256File(src));
    }
    const running = startCopy({ fds: [fd], length: data.length, outFile: path.join(dir, 'cancelled'), compression: 'none', level: 0, inLine: true });
    await running.cancel();
    await assert.rejects(running.done, /cancelled/);
  } finally {
    closeSync(fd);
  }
});

test('a database below 32 MiB is stored in 4 MiB zstd frames (more lanes at work), a larger one in 8 MiB frames; each decodes back', async (t) => {
  const { startCopy } = await import('../../src/engine/threads/copy-worker.ts');
  const { frameEnd } = await import('../../src/engine/restore/zstd-frames.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frames-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const decodedSizes = (file: string): number[] => {
    const stored = readFileSync(file);
    const sizes: number[] = [];
    for (let at = 0; at < stored.length; ) {
      const f = frameEnd(stored, at);
      assert.ok(typeof f === 'object', `a whole frame at byte ${at}`);
      sizes.push(zlib.zstdDecompressSync(stored.subarray(at, f.end)).length);
      at = f.end;
    }
    return sizes;
  };
  for (const [mib, frame] of [[20, 4], [36, 8]] as const) {
    const src = path.join(dir, `src-${mib}`);
    writeFileSync(src, Buffer.alloc(mib << 20, mib));
    const fd = openSync(src, 'r');
    try {
      const out = path.join(dir, `out-${mib}`);
      await startCopy({ fds: [fd], length: mib << 20, outFile: out, compression: 'zstd', level: 1 }).done;
      const sizes = decodedSizes(out);
      assert.deepEqual(new Set(sizes.slice(0, -1)), new Set([frame << 20]), `${mib} MiB: frames of ${frame} MiB`);
      assert.equal(sizes.reduce((a, b) => a + b), mib << 20);
    } finally {
      closeSync(fd);
    }
  }
});

test('lanes with many frames each write through 1 MiB output buffers: frames that span several buffers decode back exactly', async (t) => {
  const { startCopy } = await import('../../src/engine/threads/copy-worker.ts');
  const { zstdOutputSize } = await import('../../src/engine/threads/copy-loop.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outbufs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const mib = 72;
  // 9 frames of 8 MiB on 3 lanes: 3 each, so the lanes take 1 MiB buffers (a frame or two each keep bound-sized ones).
  assert.equal(zstdOutputSize(8 << 20, mib << 20, 3), 1 << 20);
  assert.ok(zstdOutputSize(8 << 20, 48 << 20, 3) > 8 << 20);
  // Random MiBs (stored nearly whole: a frame spans ~8 buffers) between runs of one byte, so
  // frames and buffers end at different places.
  const src = path.join(dir, 'src');
  const bytes = Buffer.alloc(mib << 20);
  for (let i = 0; i < mib; i++) if (i % 3 !== 2) randomBytes(1 << 20).copy(bytes, i << 20);
  writeFileSync(src, bytes);
  const fd = openSync(src, 'r');
  try {
    const out = path.join(dir, 'out');
    const done = await startCopy({ fds: [fd], length: mib << 20, outFile: out, compression: 'zstd', level: 1, lanes: 3 }).done;
    const stored = readFileSync(out);
    assert.equal(done.storedSize, stored.length);
    assert.ok(zlib.zstdDecompressSync(stored).equals(bytes), 'the stored frames decode to the source');
  } finally {
    closeSync(fd);
  }
});

test('a copy under 512 MiB compresses on one lane per core (at most 4); a longer one on a lane more', async (t) => {
  const { startCopy, LONG_COPY } = await import('../../src/engine/threads/copy-worker.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lanes-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cores = os.availableParallelism();
  // Sparse files of zeros: nothing on disk, and frames that compress at once. In line, so the
  // lanes are this process's own streams, counted as they are made.
  for (const [length, lanes] of [
    [64 << 20, Math.min(4, cores)],
    [LONG_COPY, Math.min(4, cores + 1)],
  ] as const) {
    const src = path.join(dir, `src-${length}`);
    writeFileSync(src, '');
    truncateSync(src, length);
    const made = t.mock.method(zlib, 'createZstdCompress');
    const fd = openSync(src, 'r');
    try {
      const out = path.join(dir, `out-${length}`);
      const done = await startCopy({ fds: [fd], length, outFile: out, compression: 'zstd', level: 1, inLine: true }).done;
      assert.equal(done.rawSize, length);
      assert.equal(made.mock.callCount(), lanes, `${length >> 20} MiB on ${cores} core(s)`);
    } finally {
      closeSync(fd);
      made.mock.restore();
    }
  }
});
