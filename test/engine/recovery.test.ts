/**
 * The engine's crash recovery pieces on real crash-left files: scanWal must agree with SQLite's
 * own WAL recovery wherever the WAL is cut or damaged (frames kept, commits), recoveryNeeded must
 * tell crash-left sources from clean or live ones without writing, a hot journal naming a
 * super-journal is refused with nothing left behind, and a source changing under the copy is
 * retried, then refused as busy.
 */
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { crashWriter, makeBank, sha256IfExists, tempDir } from '../helpers/db.ts';
import type { SnapshotError } from '../../src/engine/common/errors.ts';
import { COPIED_CHANNEL, recoverCopy, recoveryNeeded } from '../../src/engine/snapshot/recovery.ts';
import { readHeader } from '../../src/engine/sqlite/sqlite.ts';
import { scanWal } from '../../src/engine/snapshot/wal-scan.ts';
import { holdExclusiveLock, makeSmallDb } from '../hostile/harness.ts';

const PER_TX = 5;

/** What SQLite's own recovery makes of `db` + `wal`, on a scratch copy: frames kept and transfers committed. */
function sqliteRecovers(db: string, wal: Buffer, dir: string): { frames: number; transfers: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const copy = path.join(dir, 'bank.db');
  copyFileSync(db, copy);
  writeFileSync(`${copy}-wal`, wal);
  const conn = new Database(copy);
  try {
    const transfers = Number(conn.prepare('SELECT count(*) FROM transfers').pluck().get());
    const [row] = conn.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    return { frames: row?.log ?? -1, transfers };
  } finally {
    conn.close();
  }
}

async function scanOf(wal: Buffer, dir: string): Promise<Awaited<ReturnType<typeof scanWal>>> {
  const file = path.join(dir, 'scan-wal');
  writeFileSync(file, wal);
  return scanWal(file);
}

test('scanWal agrees with SQLite at every cut of the WAL and past every damaged frame', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', pageSize: 1024 });
  await crashWriter(db, 'wal', 40, PER_TX);
  rmSync(`${db}-shm`);
  const wal = readFileSync(`${db}-wal`);
  const frameSize = 24 + 1024;
  const full = await scanOf(wal, dir);
  assert.equal(full.commits, 40);
  assert.equal(full.stop, 'end');
  assert.equal(full.tornTail, false);
  assert.equal(full.frames, (wal.length - 32) / frameSize);

  const scratch = path.join(dir, 'scratch');
  // About 60 cuts spread over the file, each also cut mid-frame by an odd amount.
  const step = Math.max(1, Math.floor(wal.length / 60));
  let torn = 0;
  for (let cut = 0; cut <= wal.length; cut += step) {
    const part = wal.subarray(0, cut);
    const scan = await scanOf(part, dir);
    const ours = sqliteRecovers(db, part, scratch);
    assert.equal(scan.frames, ours.frames, `cut at ${cut}: frames`);
    assert.equal(scan.commits * PER_TX, ours.transfers, `cut at ${cut}: commits`);
    if (scan.tornTail) torn++;
  }
  assert.ok(torn > 0, 'no cut fell mid-frame');

  // Damage one byte of five frames' page data: SQLite keeps the commits before that frame only.
  const total = full.frames;
  for (const k of [1, 7, Math.floor(total / 3), Math.floor(total / 2), total - 1]) {
    const bad = Buffer.from(wal);
    const at = 32 + (k - 1) * frameSize + 24 + 100;
    bad[at] = (bad[at] as number) ^ 0xff;
    const scan = await scanOf(bad, dir);
    const ours = sqliteRecovers(db, bad, scratch);
    assert.equal(scan.frames, ours.frames, `damaged frame ${k}: frames`);
    assert.equal(scan.commits * PER_TX, ours.transfers, `damaged frame ${k}: commits`);
    assert.ok(scan.frames < k, `damaged frame ${k} was kept`);
    assert.equal(scan.stop, 'checksum');
  }

  // A frame from another WAL generation (other salts) ends the WAL there, without being "torn".
  const other = Buffer.from(wal);
  const salt = 32 + 5 * frameSize + 8;
  other.writeUInt32BE((other.readUInt32BE(salt) + 1) >>> 0, salt);
  const scan = await scanOf(other, dir);
  assert.equal(scan.frames, sqliteRecovers(db, other, scratch).frames);
  assert.equal(scan.stop, 'other-salt');
  assert.equal(scan.tornTail, false);
});

test('recoveryNeeded: crash-left sources yes, clean or live ones no, and it writes nothing', async (t) => {
  const dir = tempDir(t);
  const hot = path.join(dir, 'hot.db');
  makeBank(hot, { journalMode: 'delete' });
  await crashWriter(hot, 'hot-journal', 2, 2, 3000);
  const walNoShm = path.join(dir, 'wal.db');
  makeBank(walNoShm, { journalMode: 'wal' });
  await crashWriter(walNoShm, 'wal', 3, 2);
  const walWithShm = path.join(dir, 'walshm.db');
  makeBank(walWithShm, { journalMode: 'wal' });
  await crashWriter(walWithShm, 'wal', 3, 2);
  rmSync(`${walNoShm}-shm`);
  // A leftover journal that is not hot (journal_mode=PERSIST zeroes its header after commit).
  const persist = path.join(dir, 'persist.db');
  makeSmallDb(persist, 10);
  const p = new Database(persist);
  p.pragma('journal_mode = persist');
  p.exec('UPDATE t SET body = randomblob(200)');
  p.close();
  assert.ok(statSync(`${persist}-journal`).size > 0);
  // A live writer's journal, under its lock: not hot either.
  const live = path.join(dir, 'live.db');
  makeSmallDb(live, 10);
  const lock = await holdExclusiveLock(live);
  assert.ok(existsSync(`${live}-journal`));

  try {
    const files = (): string => [hot, walNoShm, walWithShm, persist, live].flatMap((f) => ['', '-journal', '-wal', '-shm'].map((s) => `${f}${s} ${sha256IfExists(f + s)}`)).join('\n');
    const before = files();
    const need = async (f: string): Promise<string | undefined> => (await recoveryNeeded(f, (await readHeader(f))!))?.kind;
    assert.equal(await need(hot), 'hot-journal');
    assert.equal(await need(walNoShm), 'wal');
    assert.equal(await need(walWithShm), undefined);
    assert.equal(await need(persist), undefined);
    assert.equal(await need(live), undefined);
    assert.equal(files(), before);
  } finally {
    await lock.release();
  }
});

test('a hot journal naming a super-journal is refused, nothing left in the work directory', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  makeBank(db, { journalMode: 'delete' });
  await crashWriter(db, 'hot-journal', 1, 1, 3000);
  // What SQLite appends when a multi-database commit names its super-journal: the name, its
  // length, its checksum, then the journal magic.
  const name = Buffer.from(`${db}-mj01234567`);
  const tail = Buffer.alloc(16);
  tail.writeUInt32BE(name.length, 0);
  tail.writeUInt32BE(name.reduce((a, b) => a + b, 0), 4);
  Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]).copy(tail, 8);
  appendFileSync(`${db}-journal`, Buffer.concat([Buffer.alloc(4), name, tail]));
  const header = (await readHeader(db))!;
  const need = await recoveryNeeded(db, header);
  assert.equal(need?.kind, 'hot-journal');
  const work = path.join(dir, 'work');
  mkdirSync(work);
  await assert.rejects(recoverCopy(db, header, need!, path.join(work, 'private')), /names a super-journal/);
  assert.equal(existsSync(path.join(work, 'private')), false);
});

for (const [label, changes] of [
  ['a change during every copy: 4 tries, then refused as busy, nothing left', Infinity],
  ['a change during the first copy only: retried, then recovered', 1],
] as const) {
  test(`a crash-left source that changes while it is copied: ${label}`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db, { journalMode: 'wal' });
    const committed = await crashWriter(db, 'wal', 20, 5);
    rmSync(`${db}-shm`);
    // Something appends to the -wal while the copy runs, exactly when it matters.
    let attempts = 0;
    const onCopied = (): void => {
      if (++attempts <= changes) appendFileSync(`${db}-wal`, Buffer.alloc(1));
    };
    diagnostics.subscribe(COPIED_CHANNEL, onCopied);
    t.after(() => diagnostics.unsubscribe(COPIED_CHANNEL, onCopied));
    const header = (await readHeader(db))!;
    const need = await recoveryNeeded(db, header);
    assert.equal(need?.kind, 'wal');
    const work = path.join(dir, 'private');
    if (changes === Infinity) {
      await assert.rejects(recoverCopy(db, header, need!, work), (err: SnapshotError) => {
        assert.equal(err.kind, 'busy');
        assert.match(err.message, /changed while it was copied for crash recovery \(4 tries\)/);
        return true;
      });
      assert.equal(attempts, 4);
      assert.equal(existsSync(work), false, 'the private directory is removed');
      return;
    }
    const recovered = await recoverCopy(db, header, need!, work);
    try {
      assert.equal(attempts, 2);
      assert.equal(recovered.info.commits, 20);
      const conn = new Database(recovered.file, { readonly: true });
      assert.equal(Number(conn.prepare('SELECT count(*) FROM transfers').pluck().get()), committed);
      conn.close();
    } finally {
      await recovered.cleanup();
    }
    assert.equal(existsSync(work), false);
  });
}
