/**
 * Disk full, on a real 8 MiB tmpfs: snapshot and restore fail cleanly with advice, the target
 * keeps its old bytes and no temp file or staging directory is left on the full filesystem.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { ROOT, runCli, sha256File, tempDir } from '../helpers/db.ts';
import { EXIT, assertRefused, leftovers, makeSmallDb, smallDisk, snapshotOk } from './harness.ts';

/** Incompressible rows, so neither the snapshot nor the restored file fits in 8 MiB. */
function bigDb(file: string, mib: number, journalMode: 'delete' | 'wal' = 'delete'): void {
  const db = new Database(file);
  db.pragma(`journal_mode = ${journalMode}`);
  db.exec('CREATE TABLE big(id INTEGER PRIMARY KEY, body BLOB)');
  const ins = db.prepare('INSERT INTO big(body) VALUES (randomblob(8000))');
  db.transaction(() => {
    for (let i = 0; i < mib * 128; i++) ins.run();
  })();
  db.close();
}

/** Rewrites `rows` rows from a process that exits without closing: the frames stay in the -wal. */
function leaveFramesInWal(file: string, rows: number): void {
  const script = `
    const D = require('better-sqlite3');
    const db = new D(process.argv[1]);
    db.pragma('wal_autocheckpoint = 0');
    const up = db.prepare('UPDATE big SET body = randomblob(8000) WHERE id = ?');
    for (let i = 1; i <= ${rows}; i++) up.run(i);
    process.exit(0);`;
  execFileSync(process.execPath, ['-e', script, file], { cwd: ROOT, stdio: 'inherit' });
}

for (const [label, method, wal] of [
  ['backup, file read directly', 'backup', 0],
  ['vacuum (SQLite writes the copy)', 'vacuum', 0],
  ['backup API (WAL frames pending)', 'backup', 50],
] as const) {
  test(`disk full during snapshot: ${label}`, async (t) => {
    const small = smallDisk(t);
    if (!small) return;
    const dir = tempDir(t);
    const db = path.join(dir, 'big.db');
    bigDb(db, 12, wal ? 'wal' : 'delete');
    if (wal) leaveFramesInWal(db, wal);
    const r = await runCli(['snapshot', db, '--store', small, '--name', 'big', '--method', method, '--compression', 'none']);
    assertRefused(r, EXIT.failed, ['no space left on device', 'free some space']);
    assert.deepEqual(readdirSync(small), [], 'nothing left on the full filesystem');
    assert.deepEqual(leftovers(dir), []);
  });
}

/** A database of `mib` MiB snapshotted into `<dir>/store` as `name`, and an 8 MiB disk; undefined (skipped) without mounting. */
async function storedOnSmallDisk(t: TestContext, name: string, mib: number): Promise<{ small: string; dir: string } | undefined> {
  const small = smallDisk(t);
  if (!small) return undefined;
  const dir = tempDir(t);
  const db = path.join(dir, `${name}.db`);
  bigDb(db, mib);
  await snapshotOk(dir, db, name);
  return { small, dir };
}

// The restore checks free space before writing (the new file sits beside the old one until the
// swap), so a disk that is too small fails at once with nothing written.
test('disk too small for a restore: refused before writing, target unchanged', async (t) => {
  const stored = await storedOnSmallDisk(t, 'big', 12);
  if (!stored) return;
  const { small, dir } = stored;
  const target = path.join(small, 'app.db');
  makeSmallDb(target, 200);
  const before = sha256File(target);
  const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'big', '--to', target]);
  assertRefused(r, EXIT.failed, [target, 'not enough free space', '12.0 MiB', 'free some space']);
  assert.equal(sha256File(target), before);
  assert.deepEqual(readdirSync(small), ['app.db']);
});

test('room for one of two fan-out targets but not both: neither target is touched', async (t) => {
  const stored = await storedOnSmallDisk(t, 'mid', 5);
  if (!stored) return;
  const { small, dir } = stored;
  const a = path.join(small, 'a.db');
  const b = path.join(small, 'b.db');
  makeSmallDb(a, 100);
  copyFileSync(a, b);
  const before = sha256File(a);
  // The first 5 MiB copy fits in 8 MiB, the second does not.
  const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'mid', '--to', a, '--to', b]);
  assertRefused(r, EXIT.failed, ['not enough free space', '10.0 MiB']);
  assert.equal(sha256File(a), before);
  assert.equal(sha256File(b), before);
  assert.deepEqual(readdirSync(small).sort(), ['a.db', 'b.db']);
});

test('disk full in the temp directory during verify: says so, and how to move it', async (t) => {
  const stored = await storedOnSmallDisk(t, 'big', 12);
  if (!stored) return;
  const { small, dir } = stored;
  const r = await runCli(['verify', '--store', path.join(dir, 'store'), '--name', 'big'], { env: { TMPDIR: small } });
  assertRefused(r, EXIT.failed, ['big.db', 'no space left on device', 'TMPDIR']);
  assert.deepEqual(readdirSync(small), []);
});
