/**
 * Destinations that cannot be written (a read-only filesystem): a clear failure naming the path,
 * nothing changed, and the source or target left exactly as it was.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, sha256File, tempDir } from '../helpers/db.ts';
import { EXIT, assertRefused, assertSameTree, makeSmallDb, readOnlyView, snapshotOk, treeState } from './harness.ts';

test('snapshot into a read-only store: permission error naming the store, nothing written', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  makeSmallDb(db, 50);
  const storeDir = path.join(dir, 'store');
  mkdirSync(storeDir);
  const ro = readOnlyView(storeDir, t);
  if (!ro) {
    t.skip('mounting a read-only bind mount is not permitted here (needs root)');
    return;
  }
  const before = treeState(dir);
  const r = await runCli(['snapshot', db, '--store', ro, '--name', 'app']);
  assertRefused(r, EXIT.failed, [ro, 'read-only file system']);
  assertSameTree(before, treeState(dir), 'source and store');
});

test('restore into a read-only directory: permission error naming the target, target unchanged', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  makeSmallDb(db, 50);
  await snapshotOk(dir, db, 'app');
  const targetDir = path.join(dir, 'target');
  mkdirSync(targetDir);
  makeSmallDb(path.join(targetDir, 'app.db'), 10);
  const ro = readOnlyView(targetDir, t);
  if (!ro) {
    t.skip('mounting a read-only bind mount is not permitted here (needs root)');
    return;
  }
  const old = sha256File(path.join(targetDir, 'app.db'));
  const before = treeState(dir);
  const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'app', '--to', path.join(ro, 'app.db')]);
  assertRefused(r, EXIT.failed, [path.join(ro, 'app.db'), 'read-only file system']);
  assert.equal(sha256File(path.join(targetDir, 'app.db')), old);
  assertSameTree(before, treeState(dir), 'store and target');
});

// node's own recursive mkdir never returns for a path under /proc; ours must fail at once.
for (const [label, args] of [
  ['snapshot into a store under /proc', (d: string) => ['snapshot', path.join(d, 'app.db'), '--store', '/proc/sqlite-snapshot-test', '--name', 'app']],
  ['snapshot into a store below a file', (d: string) => ['snapshot', path.join(d, 'app.db'), '--store', path.join(d, 'app.db', 'store'), '--name', 'app']],
  ['restore below a file', (d: string) => ['restore', '--store', path.join(d, 'store'), '--name', 'app', '--to', path.join(d, 'app.db', 'x.db')]],
] as const) {
  test(`${label}: a clear failure, nothing written`, async (t) => {
    const dir = tempDir(t);
    makeSmallDb(path.join(dir, 'app.db'), 20);
    const s = await runCli(['snapshot', path.join(dir, 'app.db'), '--store', path.join(dir, 'store'), '--name', 'app', '--quiet']);
    assert.equal(s.code, 0, s.stderr);
    const before = treeState(dir);
    const r = await runCli(args(dir));
    assertRefused(r, EXIT.failed, ['; check ']);
    assertSameTree(before, treeState(dir), 'scratch directory');
  });
}
