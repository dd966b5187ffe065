import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSnapshot, type CopiedFile, type StoredFileWrite } from '../../src/engine/snapshot/snapshot.ts';
import { sha256File, tempDir } from '../helpers/db.ts';

/** ~20 MiB in one table (past the in-line size, so the copy runs on threads), WAL mode, nothing pending. */
function database(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)');
  const ins = db.prepare('INSERT INTO t(v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) ins.run(randomBytes(4000));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** What the engine told of its one stored file: the bytes as they were when `copied` came, and how `done` ended. */
async function snapshotTelling(db: string, out: string, checkAfterCopy: boolean, check?: 'off'): Promise<{ result: PromiseSettledResult<unknown>; copied: PromiseSettledResult<CopiedFile & { fileSha256: string }>; done: PromiseSettledResult<void> }> {
  let told: StoredFileWrite | undefined;
  let copied: Promise<CopiedFile & { fileSha256: string }> | undefined;
  const [result] = await Promise.allSettled([
    createSnapshot([db], out, 'x', {
      checkAfterCopy,
      ...(check ? { check } : {}),
      onStoredFile: (w) => {
        told = w;
        // Read the moment it is told: the file is whole then, still under its temp name.
        copied = w.copied.then((bytes) => ({ ...bytes, fileSha256: sha256File(w.writing) }));
        copied.catch(() => undefined);
      },
    }),
  ]);
  assert.ok(told && copied, 'told of the stored file');
  const [c, d] = await Promise.allSettled([copied, told.done]);
  return { result, copied: c, done: d };
}

test('checkAfterCopy: the stored file is told whole before the check; the check still decides, and a failed one leaves nothing', async (t) => {
  const dir = tempDir(t);
  const good = path.join(dir, 'good.db');
  database(good);
  const out = path.join(dir, 'out');
  mkdirSync(out);
  const ok = await snapshotTelling(good, out, true);
  assert.equal(ok.result.status, 'fulfilled');
  assert.equal(ok.copied.status, 'fulfilled');
  assert.equal(ok.done.status, 'fulfilled');
  const manifest = (ok.result as PromiseFulfilledResult<Awaited<ReturnType<typeof createSnapshot>>>).value;
  const e = manifest.databases[0];
  assert.ok(e && ok.copied.status === 'fulfilled');
  assert.equal(ok.copied.value.fileSha256, e.storedSha256, 'the bytes told of are the stored file');
  assert.equal(ok.copied.value.sha256, e.storedSha256);
  assert.equal(ok.copied.value.size, e.storedSize);
  assert.equal(e.integrity.ok, true);
  assert.deepEqual(e.tables, { t: 5000 }, 'rows counted by SQLite after the check');

  // Damage in the middle of the file: a b-tree page quick_check reads.
  const bad = path.join(dir, 'bad.db');
  database(bad);
  const fd = openSync(bad, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 2000 * 4096 + 8);
  closeSync(fd);
  for (const after of [true, false]) {
    const o = path.join(dir, `bad-${after}`);
    mkdirSync(o);
    const r = await snapshotTelling(bad, o, after);
    assert.equal(r.result.status, 'rejected');
    assert.match(String((r.result as PromiseRejectedResult).reason), /integrity check failed/);
    assert.equal(r.done.status, 'rejected');
    assert.deepEqual(readdirSync(o), [], 'nothing left in the output');
    // Checked after the copy, the whole bytes were told of before the check failed; checked
    // beside it, never.
    assert.equal(r.copied.status, after ? 'fulfilled' : 'rejected');
  }
  assert.ok(!existsSync(path.join(out, 'x')));

  // With the check off too: told whole before SQLite counts the rows (the file still under its temp name).
  const unchecked = path.join(dir, 'unchecked');
  mkdirSync(unchecked);
  const off = await snapshotTelling(good, unchecked, true, 'off');
  assert.equal(off.result.status, 'fulfilled');
  assert.equal(off.copied.status, 'fulfilled', String((off.copied as PromiseRejectedResult).reason));
  assert.equal(off.copied.value.fileSha256, (off.result as PromiseFulfilledResult<Awaited<ReturnType<typeof createSnapshot>>>).value.databases[0]?.storedSha256);
});

test('checkAfterCopy: a compressed copy runs on the calling thread, which has nothing else to do meanwhile; uncompressed, and checked beside the copy, it runs on threads', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  database(db);
  let started = 0;
  const count = (): number => started++;
  process.on('worker', count);
  t.after(() => process.off('worker', count));
  const threadsFor = async (opts: { checkAfterCopy: boolean; compression: 'zstd' | 'none'; check?: 'off' }): Promise<number> => {
    const out = path.join(dir, `out-${opts.checkAfterCopy}-${opts.compression}-${opts.check ?? 'quick'}`);
    mkdirSync(out);
    started = 0;
    const m = await createSnapshot([db], out, 'x', opts);
    assert.equal(m.databases[0]?.integrity.ok, opts.check ? null : true);
    assert.deepEqual(m.databases[0]?.tables, { t: 5000 });
    return started;
  };
  assert.equal(await threadsFor({ checkAfterCopy: true, compression: 'zstd' }), 0, 'no thread started');
  // With no check to wait for, the copy still runs here, and its caller still hears of the file first.
  assert.equal(await threadsFor({ checkAfterCopy: true, compression: 'zstd', check: 'off' }), 0, 'no thread started, check off');
  assert.ok((await threadsFor({ checkAfterCopy: false, compression: 'zstd' })) >= 1, 'the copy thread, beside the check');
  assert.ok((await threadsFor({ checkAfterCopy: true, compression: 'none' })) >= 1, 'copy and hash threads');
});
