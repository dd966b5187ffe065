import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SnapshotError } from '../../src/engine/common/errors.ts';
import { readManifest } from '../../src/engine/manifest/manifest.ts';
import { restoreSnapshot } from '../../src/engine/restore/restore.ts';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { ACCOUNTS, ROOT, START_BALANCE, bankTotal, makeBank, sha256File, sha256IfExists, startWriter, tempDir } from '../helpers/db.ts';

/** A zstd snapshot that records the database's sha256 (rawSha256): what these tests compare restored bytes with. */
async function snapshotOf(dir: string, db: string, name = 'snap'): Promise<string> {
  const out = path.join(dir, name);
  mkdirSync(out);
  await createSnapshot([db], out, name, { rawSha256: true });
  return out;
}

/** A different database in WAL mode whose -wal holds committed rows: the stale WAL we must not replay. */
function foreignWal(dir: string): { wal: string; shm: string } {
  const other = path.join(dir, 'other.db');
  const script = `
    const D = require('better-sqlite3'); const db = new D(process.argv[1]);
    db.pragma('journal_mode = WAL'); db.pragma('wal_autocheckpoint = 0');
    db.exec("CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 999999)");
    process.exit(0);`;
  const { execFileSync } = require_('node:child_process');
  execFileSync(process.execPath, ['-e', script, other], { cwd: ROOT, stdio: 'inherit' });
  assert.ok(statSync(`${other}-wal`).size > 0);
  return { wal: `${other}-wal`, shm: `${other}-shm` };
}
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
const require_ = createRequire(import.meta.url);

function files(dir: string): string[] {
  return readdirSync(dir).sort();
}

test('restore over a stale -wal/-shm from a different database gives exactly the snapshot', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  makeBank(src, { journalMode: 'wal' });
  const snap = await snapshotOf(dir, src);
  const m = await readManifest(snap);
  for (const targetExists of [false, true]) {
    const target = path.join(dir, `target-${targetExists}.db`);
    if (targetExists) makeBank(target, { journalMode: 'wal' });
    const stale = foreignWal(path.join(dir, `f-${targetExists}`) + (mkdirSync(path.join(dir, `f-${targetExists}`)) ?? ''));
    copyFileSync(stale.wal, `${target}-wal`);
    copyFileSync(stale.shm, `${target}-shm`);
    const [r] = await restoreSnapshot(snap, [target]);
    assert.ok(r);
    assert.equal(r.replaced, targetExists);
    assert.ok(r.removedSideFiles.some((f) => f.endsWith('-wal')), 'the stale WAL was removed');
    assert.equal(existsSync(`${target}-wal`), false);
    assert.equal(sha256File(target), m.databases[0]?.rawSha256, 'target bytes are the snapshot bytes');
    assert.equal(r.sha256, m.databases[0]?.rawSha256, 'the result gives the sha256 the snapshot recorded');
    const got = bankTotal(target);
    assert.equal(got.total, ACCOUNTS * START_BALANCE, 'no row of the foreign WAL was replayed');
    assert.equal(got.integrity, 'ok');
  }
});

test('a corrupted snapshot, a lying manifest, or a target in use leave the target unchanged', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  makeBank(src, { journalMode: 'delete', fillerRows: 200 });
  const target = path.join(dir, 'target.db');
  makeBank(target, { journalMode: 'delete' });
  const before = sha256File(target);
  const beforeFiles = files(dir);

  // 1. a flipped byte in the stored data
  const snap1 = await snapshotOf(dir, src, 'flipped');
  const m1 = await readManifest(snap1);
  const data1 = path.join(snap1, m1.databases[0]?.file ?? '');
  const bytes = readFileSync(data1);
  const mid = Math.floor(bytes.length / 2);
  bytes.writeUInt8(bytes.readUInt8(mid) ^ 0xff, mid);
  writeFileSync(data1, bytes);
  await assert.rejects(restoreSnapshot(snap1, [target]), (e: SnapshotError) => e.kind === 'corrupt');
  assert.equal(sha256File(target), before);

  // 2. a manifest whose checksum lies (data intact)
  const snap2 = await snapshotOf(dir, src, 'lying');
  const mf = path.join(snap2, 'manifest.json');
  const json = JSON.parse(readFileSync(mf, 'utf8'));
  json.databases[0].storedSha256 = 'f'.repeat(64);
  writeFileSync(mf, JSON.stringify(json));
  await assert.rejects(restoreSnapshot(snap2, [target]), (e: SnapshotError) => e.kind === 'corrupt' && /sha256/.test(e.message));
  assert.equal(sha256File(target), before);

  // 3. the target is in use: another process holds a write transaction on it
  const snap3 = await snapshotOf(dir, src, 'good');
  const writer = await startWriter(target, ['--hold-ms', '400']);
  try {
    await assert.rejects(restoreSnapshot(snap3, [target], { busyTimeoutMs: 0 }), (e: SnapshotError) => e.kind === 'busy' && /in use/.test(e.message));
  } finally {
    await writer.stop();
  }
  // The writer changed the target itself; what matters is that we did not: compare with its own state.
  const afterWriter = sha256File(target);
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
  // A refused restore leaves no temp file behind.
  assert.deepEqual(files(dir).filter((f) => f.endsWith('.sqlite-snapshot-tmp')), []);
  assert.deepEqual(files(dir).filter((f) => !beforeFiles.includes(f)).sort(), ['flipped', 'good', 'lying']);
  // 4. another process only reads, inside an open transaction: still in use, and not a byte changes.
  const readerBefore = sha256File(target);
  const reader = spawn(process.execPath, ['-e', `const D=require('better-sqlite3');const db=new D(process.argv[1]);db.exec('BEGIN');db.prepare('SELECT count(*) FROM accounts').get();console.log('ready');setInterval(()=>{},1000)`, target], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => reader.stdout.once('data', r));
  try {
    await assert.rejects(restoreSnapshot(snap3, [target], { busyTimeoutMs: 0 }), (e: SnapshotError) => e.kind === 'busy');
    assert.equal(sha256File(target), readerBefore, 'refused restore changed nothing');
  } finally {
    reader.kill('SIGKILL');
  }
  // Once the writer is gone the same restore succeeds.
  await restoreSnapshot(snap3, [target]);
  assert.notEqual(sha256File(target), afterWriter);
  assert.equal(sha256File(target), (await readManifest(snap3)).databases[0]?.rawSha256);
});

test('keep-previous keeps the old database with its WAL folded in', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  makeBank(src, { journalMode: 'delete' });
  const snap = await snapshotOf(dir, src);
  const target = path.join(dir, 'target.db');
  const old = new Database(target);
  old.pragma('journal_mode = WAL');
  old.exec("CREATE TABLE marker(v TEXT); INSERT INTO marker VALUES ('old')");
  old.close();
  // Leave a committed row only in the target's WAL, from a process that exits without checkpointing.
  const { execFileSync } = require_('node:child_process');
  execFileSync(process.execPath, ['-e', `const D=require('better-sqlite3');const db=new D(process.argv[1]);db.pragma('wal_autocheckpoint=0');db.exec("INSERT INTO marker VALUES ('in-wal')");process.exit(0)`, target], { cwd: ROOT });
  assert.ok(statSync(`${target}-wal`).size > 0);
  const [r] = await restoreSnapshot(snap, [target], { keepPrevious: true });
  assert.equal(r?.previous, `${target}.pre-restore`);
  const prev = new Database(`${target}.pre-restore`, { readonly: true });
  assert.deepEqual(prev.prepare('SELECT v FROM marker ORDER BY rowid').pluck().all(), ['old', 'in-wal']);
  prev.close();
  assert.equal(existsSync(`${target}.pre-restore-wal`), false, 'the kept copy stands alone');
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
});

test('journal mode: keep restores the source mode; wal and delete convert', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  makeBank(src, { journalMode: 'wal' });
  const snap = await snapshotOf(dir, src);
  const header = (f: string): number => readFileSync(f)[18] as number;
  const [keep] = await restoreSnapshot(snap, [path.join(dir, 'keep.db')]);
  assert.equal(keep?.journalMode, 'wal');
  assert.equal(header(path.join(dir, 'keep.db')), 2);
  const [del] = await restoreSnapshot(snap, [path.join(dir, 'del.db')], { journalMode: 'delete' });
  assert.equal(del?.journalMode, 'delete');
  assert.equal(header(path.join(dir, 'del.db')), 1);
  assert.equal(bankTotal(path.join(dir, 'del.db')).total, ACCOUNTS * START_BALANCE);
  const src2 = path.join(dir, 'bank2.db');
  makeBank(src2, { journalMode: 'delete' });
  const snap2 = await snapshotOf(dir, src2, 'snap2');
  const [wal] = await restoreSnapshot(snap2, [path.join(dir, 'wal.db')], { journalMode: 'wal' });
  assert.equal(wal?.journalMode, 'wal');
  assert.equal(header(path.join(dir, 'wal.db')), 2);
  assert.deepEqual(files(dir).filter((f) => f.includes('tmp')), []);
});

test('fan-out: one snapshot to three independent targets, missing directories created', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  makeBank(src, { journalMode: 'wal' });
  const snap = await snapshotOf(dir, src);
  const targets = [1, 2, 3].map((i) => path.join(dir, `job${i}`, 'nested', 'test.db'));
  const results = await restoreSnapshot(snap, targets);
  assert.equal(results.length, 3);
  const w = new Database(targets[0] as string);
  w.exec('UPDATE accounts SET balance = 0');
  w.close();
  assert.equal(bankTotal(targets[0] as string).total, 0);
  assert.equal(bankTotal(targets[1] as string).total, ACCOUNTS * START_BALANCE, 'targets do not share storage');
  assert.equal(bankTotal(targets[2] as string).total, ACCOUNTS * START_BALANCE);
  assert.equal((statSync(targets[1] as string).mode & 0o777).toString(8), '644');
});

test('two databases in one snapshot, restored by entry name or into a directory', async (t) => {
  const dir = tempDir(t);
  const app = path.join(dir, 'app.db');
  const cache = path.join(dir, 'cache.db');
  makeBank(app, { journalMode: 'wal' });
  const c = new Database(cache);
  c.exec('CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT); INSERT INTO kv VALUES (1, 2), (3, 4)');
  c.close();
  const out = path.join(dir, 'snap');
  mkdirSync(out);
  const m = await createSnapshot([app, cache], out, 'two', { rawSha256: true });
  assert.deepEqual(m.databases.map((d) => d.name), ['app.db', 'cache.db']);
  await assert.rejects(restoreSnapshot(out, [path.join(dir, 'one.db')]), /holds 2 databases/);
  await restoreSnapshot(out, [`cache.db=${path.join(dir, 'c2.db')}`, `app.db=${path.join(dir, 'a2.db')}`]);
  assert.equal(bankTotal(path.join(dir, 'a2.db')).total, ACCOUNTS * START_BALANCE);
  const c2 = new Database(path.join(dir, 'c2.db'), { readonly: true });
  assert.equal(c2.prepare('SELECT count(*) FROM kv').pluck().get(), 2);
  c2.close();
  await restoreSnapshot(out, [path.join(dir, 'into') + '/']);
  assert.ok(existsSync(path.join(dir, 'into', 'app.db')) && existsSync(path.join(dir, 'into', 'cache.db')));
  assert.equal(sha256IfExists(path.join(dir, 'into', 'cache.db')), m.databases[1]?.rawSha256);
});

test("a killed restore's temp file is swept by the next restore; a live process's is left alone", async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  makeBank(src, { journalMode: 'delete' });
  const snap = await snapshotOf(dir, src);
  const target = path.join(dir, 'target.db');
  const { HOST_TAG } = await import('../../src/engine/common/process-tag.ts');
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => dead.on('exit', r));
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  t.after(() => live.kill('SIGKILL'));
  const deadTemp = path.join(dir, `.target.db.${HOST_TAG}-${dead.pid}-0123456789ab.sqlite-snapshot-tmp`);
  const liveTemp = path.join(dir, `.target.db.${HOST_TAG}-${live.pid}-0123456789ab.sqlite-snapshot-tmp`);
  const asideWal = path.join(dir, `.target.db-wal.${HOST_TAG}-${dead.pid}-0123456789ab.sqlite-snapshot-tmp`);
  for (const f of [deadTemp, liveTemp, asideWal]) writeFileSync(f, 'half a database');
  await restoreSnapshot(snap, [target]);
  assert.equal(existsSync(deadTemp), false, 'the dead process left it: removed');
  assert.equal(existsSync(liveTemp), true, 'a running process may still be writing it: kept');
  assert.equal(existsSync(asideWal), true, 'a moved-aside side file may hold data: kept for a person');
});

test('uncompressed snapshots restore through the two-thread copy: exact bytes; a flipped byte or a cut file is refused, target unchanged', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  // ~12 MiB: several 4 MiB chunks through the copy ring.
  makeBank(src, { journalMode: 'delete', fillerRows: 12_000 });
  const target = path.join(dir, 'target.db');
  makeBank(target, { journalMode: 'delete' });
  const before = sha256File(target);
  const snap = path.join(dir, 'plain');
  mkdirSync(snap);
  const m = await createSnapshot([src], snap, 'plain', { compression: 'none' });
  const data = path.join(snap, m.databases[0]?.file ?? '');
  const good = readFileSync(data);
  assert.ok(good.length > 8 << 20);

  const flipped = Buffer.from(good);
  flipped.writeUInt8(flipped.readUInt8(good.length - 5000) ^ 0x01, good.length - 5000);
  writeFileSync(data, flipped);
  await assert.rejects(restoreSnapshot(snap, [target]), (e: SnapshotError) => e.kind === 'corrupt' && /sha256 of the stored file/.test(e.message));
  assert.equal(sha256File(target), before);

  writeFileSync(data, good.subarray(0, good.length - 4096));
  await assert.rejects(restoreSnapshot(snap, [target]), (e: SnapshotError) => e.kind === 'corrupt' && /truncated/.test(e.message));
  assert.equal(sha256File(target), before);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('tmp')), []);

  writeFileSync(data, good);
  await restoreSnapshot(snap, [target]);
  assert.equal(sha256File(target), m.databases[0]?.rawSha256);
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
});

test('check auto: quick_check runs only where the snapshot did not pass one', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'damaged.db');
  makeBank(src, { journalMode: 'delete', fillerRows: 2000 });
  // Garbage in the middle of a b-tree page, past the pages the row counts read: only SQLite's check sees it.
  const page = Number(new Database(src, { readonly: true }).pragma('page_count', { simple: true })) - 3;
  const fd = openSync(src, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, page * 4096 + 8);
  closeSync(fd);
  const snap = path.join(dir, 'unchecked');
  mkdirSync(snap);
  const m = await createSnapshot([src], snap, 'unchecked', { check: 'off', rawSha256: true });
  assert.deepEqual(m.databases[0]?.integrity, { check: 'off', ok: null, messages: [] });
  const target = path.join(dir, 'target.db');

  // Not checked when taken: auto checks, and refuses; off restores whatever the bytes are.
  await assert.rejects(restoreSnapshot(snap, [target]), (e: SnapshotError) => e.kind === 'corrupt' && /integrity check failed/.test(e.message));
  assert.equal(existsSync(target), false);
  await restoreSnapshot(snap, [target], { check: 'off' });
  assert.equal(sha256File(target), m.databases[0]?.rawSha256);

  // A manifest saying the same bytes passed quick_check: auto trusts it and does not check again; quick does.
  const mf = path.join(snap, 'manifest.json');
  const json = JSON.parse(readFileSync(mf, 'utf8'));
  json.databases[0].integrity = { check: 'quick', ok: true, messages: [] };
  writeFileSync(mf, JSON.stringify(json));
  const target2 = path.join(dir, 'target2.db');
  await restoreSnapshot(snap, [target2]);
  assert.equal(sha256File(target2), m.databases[0]?.rawSha256);
  await assert.rejects(restoreSnapshot(snap, [path.join(dir, 'target3.db')], { check: 'quick' }), (e: SnapshotError) => e.kind === 'corrupt');
});
