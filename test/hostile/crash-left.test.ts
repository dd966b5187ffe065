/**
 * Crash-left databases through the real CLI: writers killed with SIGKILL mid-transaction (hot
 * journal) or with commits only in the `-wal`, in writable directories and on read-only bind
 * mounts. The snapshot must hold exactly the committed state (bank total, integrity_check, every
 * committed transfer), the source directory must be byte-identical afterwards (no file added, no
 * mtime changed), and each case first proves that the main file alone is wrong, so that it
 * really needed recovery.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { ACCOUNTS, START_BALANCE, crashWriter, makeBank, runCli, tempDir } from '../helpers/db.ts';
import type { Manifest, ManifestEntry } from '../../src/engine/manifest/manifest.ts';
import { EXIT, assertRefused, assertSameTree, leftovers, readOnlyView, treeState, tryMount } from './harness.ts';

const TOTAL = ACCOUNTS * START_BALANCE;
const NO_MOUNT = 'mounting a read-only bind mount is not permitted here (needs root or a user namespace)';

interface BankState {
  total: number;
  integrity: string;
  transfers: number;
  maxId: number;
}

function readBank(file: string): BankState {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const get = (sql: string): unknown => db.prepare(sql).pluck().get();
    return {
      total: Number(get('SELECT sum(balance) FROM accounts')),
      integrity: String(get('PRAGMA integrity_check')),
      transfers: Number(get('SELECT count(*) FROM transfers')),
      maxId: Number(get('SELECT coalesce(max(id), 0) FROM transfers')),
    };
  } finally {
    db.close();
  }
}

/** The main file on its own, as a tool that copied only it would get: must not be the committed state. */
function assertMainFileAloneIsWrong(db: string, scratch: string, committed: number): void {
  const alone = path.join(scratch, 'main-alone');
  mkdirSync(alone);
  copyFileSync(db, path.join(alone, 'bank.db'));
  let state: BankState | undefined;
  try {
    state = readBank(path.join(alone, 'bank.db'));
  } catch {
    // Unreadable on its own: wrong enough.
  }
  rmSync(alone, { recursive: true, force: true });
  if (state) {
    assert.ok(
      state.total !== TOTAL || state.integrity !== 'ok' || state.transfers !== committed,
      `the main file alone already holds the committed state (${JSON.stringify(state)}), so this case does not need recovery`,
    );
  }
}

/** Names, sizes, hashes, modes (treeState) plus every mtime, the directory's own included. */
function sourceState(dir: string): { tree: Map<string, string>; times: string } {
  const times = [dir, ...readdirSync(dir).sort().map((n) => path.join(dir, n))].map((f) => `${f} ${statSync(f, { bigint: true }).mtimeNs}`).join('\n');
  return { tree: treeState(dir), times };
}

function assertSourceUntouched(before: { tree: Map<string, string>; times: string }, dir: string): void {
  const after = sourceState(dir);
  assertSameTree(before.tree, after.tree, 'source directory');
  assert.equal(after.times, before.times, 'an mtime in the source directory changed');
}

/** Snapshot (human output), inspect it, restore it; returns the manifest entry, the output and the restored file. */
async function snapshotAndRestore(source: string, scratch: string): Promise<{ entry: ManifestEntry; stdout: string; inspect: string; restored: string }> {
  const store = path.join(scratch, 'store');
  const s = await runCli(['snapshot', source, '--store', store, '--name', 'crash']);
  assert.equal(s.code, 0, s.stderr);
  const j = await runCli(['inspect', '--store', store, '--name', 'crash', '--json']);
  assert.equal(j.code, 0, j.stderr);
  const manifest = JSON.parse(j.stdout) as Manifest;
  const i = await runCli(['inspect', '--store', store, '--name', 'crash']);
  assert.equal(i.code, 0, i.stderr);
  const restored = path.join(scratch, 'restored', 'bank.db');
  const r = await runCli(['restore', '--store', store, '--name', 'crash', '--to', restored, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(leftovers(store), [], 'temp files or staging left in the store');
  return { entry: manifest.databases[0] as ManifestEntry, stdout: s.stdout, inspect: i.stdout, restored };
}

function assertCommittedState(restored: string, committed: number): void {
  const state = readBank(restored);
  assert.deepEqual(state, { total: TOTAL, integrity: 'ok', transfers: committed, maxId: committed });
}

for (const readOnly of [false, true]) {
  test(`hot journal (writer killed mid-transaction after its cache spilled)${readOnly ? ' on a read-only bind mount' : ', writable directory'}: rolled back on a private copy`, async (t) => {
    const scratch = tempDir(t);
    const src = path.join(scratch, 'src');
    mkdirSync(src);
    const db = path.join(src, 'bank.db');
    makeBank(db, { journalMode: 'delete', fillerRows: 2000 });
    const committed = await crashWriter(db, 'hot-journal', 50, 10, 10_000);
    assert.ok(statSync(`${db}-journal`).size > 0, 'no journal left behind');
    assertMainFileAloneIsWrong(db, scratch, committed);
    const view = readOnly ? readOnlyView(src, t) : src;
    if (!view) {
      t.skip(NO_MOUNT);
      return;
    }
    const before = sourceState(src);
    const { entry, stdout, inspect, restored } = await snapshotAndRestore(path.join(view, 'bank.db'), scratch);
    assertSourceUntouched(before, src);
    assertCommittedState(restored, committed);
    assert.equal(entry.recovery?.kind, 'hot-journal');
    assert.equal(entry.recovery?.sideFile, path.join(view, 'bank.db-journal'));
    assert.equal(entry.recovery?.sideFileSize, statSync(`${db}-journal`).size);
    assert.ok(entry.recovery?.where.startsWith(path.join(scratch, 'store')), `recovered outside the store: ${entry.recovery?.where}`);
    assert.match(stdout, /recovered: hot journal rolled back: .*bank\.db-journal/);
    assert.match(inspect, /recovery +hot journal rolled back/);
  });
}

for (const [label, withShm, readOnly] of [
  ['with its -shm, on a read-only bind mount', true, true],
  ['without -shm, on a read-only bind mount', false, true],
  ['without -shm, writable directory', false, false],
] as const) {
  test(`WAL with 10,000 committed rows only in the -wal, ${label}`, async (t) => {
    const scratch = tempDir(t);
    const src = path.join(scratch, 'src');
    mkdirSync(src);
    const db = path.join(src, 'bank.db');
    makeBank(db, { journalMode: 'wal', fillerRows: 500 });
    const committed = await crashWriter(db, 'wal', 200, 50);
    assert.equal(committed, 10_000);
    if (!withShm) rmSync(`${db}-shm`);
    assertMainFileAloneIsWrong(db, scratch, committed);
    const view = readOnly ? readOnlyView(src, t) : src;
    if (!view) {
      t.skip(NO_MOUNT);
      return;
    }
    const before = sourceState(src);
    const { entry, stdout, restored } = await snapshotAndRestore(path.join(view, 'bank.db'), scratch);
    assertSourceUntouched(before, src);
    assertCommittedState(restored, committed);
    if (withShm) {
      // A -shm on read-only media may be the dead writer's: not read; SQLite reads the -wal itself.
      assert.equal(entry.recovery, undefined);
      assert.equal(entry.copy, 'backup-api');
      assert.match(entry.reason, /-shm cannot be written/);
    } else {
      assert.equal(entry.recovery?.kind, 'wal');
      assert.equal(entry.recovery?.commits, 200);
      assert.equal(entry.recovery?.framesIgnored, 0);
      assert.equal(entry.recovery?.tornTail, false);
      assert.equal(entry.recovery?.sideFileSize, statSync(`${db}-wal`).size);
      assert.match(stdout, /recovered: WAL replayed: 200 commit\(s\)/);
    }
  });
}

test('WAL whose last commit is torn (cut mid-frame): every earlier commit, never the torn one', async (t) => {
  const scratch = tempDir(t);
  const src = path.join(scratch, 'src');
  mkdirSync(src);
  const db = path.join(src, 'bank.db');
  makeBank(db, { journalMode: 'wal', pageSize: 1024 });
  const written = await crashWriter(db, 'wal', 100, 10);
  rmSync(`${db}-shm`);
  // Half of the last frame, which is the last transaction's commit frame.
  const walSize = statSync(`${db}-wal`).size;
  truncateSync(`${db}-wal`, walSize - 512);
  const committed = written - 10;
  assertMainFileAloneIsWrong(db, scratch, committed);
  const before = sourceState(src);
  const { entry, stdout, restored } = await snapshotAndRestore(db, scratch);
  assertSourceUntouched(before, src);
  assertCommittedState(restored, committed);
  assert.equal(entry.recovery?.commits, 99);
  assert.equal(entry.recovery?.tornTail, true);
  assert.ok((entry.recovery?.framesIgnored ?? 0) > 0, 'the torn transaction\'s whole frames are counted as ignored');
  assert.match(stdout, /torn tail dropped/);
});

test('not enough room for the private copy: one line naming the directory and sizes, exit 1, nothing left behind', async (t) => {
  const scratch = tempDir(t);
  const src = path.join(scratch, 'src');
  mkdirSync(src);
  const db = path.join(src, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 6000 });
  await crashWriter(db, 'wal', 200, 50);
  rmSync(`${db}-shm`);
  const small = tryMount(['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs'], t);
  if (!small) {
    t.skip('mounting an 8 MiB tmpfs is not permitted here (needs root)');
    return;
  }
  assert.ok(statSync(db).size + statSync(`${db}-wal`).size > 8 << 20, 'the case must not fit in 8 MiB');
  const store = path.join(small, 'store');
  const before = sourceState(src);
  const r = await runCli(['snapshot', db, '--store', store, '--name', 'crash']);
  assertRefused(r, EXIT.failed, [db, 'crash recovery', store, 'MiB', 'free']);
  assertSourceUntouched(before, src);
  assert.deepEqual(leftovers(small), []);
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const f = path.join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else files.push(f);
    }
  };
  walk(small);
  assert.ok(files.every((f) => !f.includes('recovery')), `recovery files left: ${files.join(', ')}`);
});
