// AbortSignal through the API: a snapshot or restore cancelled mid-way (the abort is given from
// inside its own progress callback, so it lands with work both done and left) leaves nothing of
// itself: no generation, no staging directory, no temp file, and every target byte for byte as it was.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isTempName } from '../../src/engine/common/files.ts';
import { list, restore, snapshot } from '../../src/api/index.ts';
import { makeBank, sha256File, tempDir } from '../helpers/db.ts';

/**
 * 1000-byte filler rows: ~150 MiB. The copy threads report progress every 64 MiB, restores of
 * zstd frames every 8 MiB: either way there is a report with work left after it.
 */
const ROWS = 150_000;

/** Every file and directory under `dir`, relative to it, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** What a cancelled run could leave: our temp files, staging and reader directories, scratch copies. */
function leftovers(dir: string): string[] {
  return tree(dir).filter((f) => f.split(path.sep).some((part) => isTempName(part) || part.startsWith('.staging-') || part.startsWith('.reader-') || part.includes('sqlite-snapshot-verify-')));
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

test('an aborted snapshot publishes nothing and leaves no temp files, in the store or beside the source', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'big.db');
  makeBank(db, { journalMode: 'wal', fillerRows: ROWS });
  const before = sha256File(db);
  const store = path.join(dir, 'store');
  await snapshot(db, { store, name: 'big', compression: 'none' });
  const storeBefore = tree(store);

  for (const compression of ['zstd', 'none'] as const) {
    for (const verify of [false, true]) {
      const controller = new AbortController();
      let at: { done: number; total: number } | undefined;
      const run = snapshot(db, {
        store,
        name: 'big',
        compression,
        verify,
        signal: controller.signal,
        onProgress: (p) => {
          if (at || p.phase !== 'copy' || p.done === 0) return;
          at = { done: p.done, total: p.total };
          controller.abort();
        },
      });
      await assert.rejects(run, isAbort, `${compression}, verify ${verify}: rejects with the AbortError`);
      assert.ok(at && at.done < at.total, `${compression}: aborted mid-copy (${at?.done} of ${at?.total} bytes)`);
      assert.deepEqual(tree(store), storeBefore, `${compression}: the store is as it was`);
      assert.deepEqual(leftovers(dir), []);
      assert.equal((await list({ store, name: 'big' })).generations.length, 1);
    }
  }
  // Aborted before it starts: nothing is even created.
  await assert.rejects(snapshot(db, { store: path.join(dir, 'never'), name: 'big', signal: AbortSignal.abort() }), isAbort);
  assert.deepEqual(tree(dir).filter((f) => f.startsWith('never')), []);
  assert.equal(sha256File(db), before, 'the source is untouched');
});

test('an aborted restore leaves every target byte-identical and no temp file or directory of its own', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'big.db');
  makeBank(db, { fillerRows: ROWS });
  const store = path.join(dir, 'store');
  await snapshot(db, { store, name: 'zstd' });
  await snapshot(db, { store, name: 'plain', compression: 'none' });
  await snapshot(db, { store, name: 'gzip', compression: 'gzip', level: 1 });
  // The targets: an older, different database in WAL mode with a -wal beside it, and a path in a
  // directory that does not exist yet (the restore would create it).
  const targets = path.join(dir, 'targets');
  const old = path.join(targets, 'app.db');
  mkdirSync(targets);
  makeBank(old, { journalMode: 'wal', walTransfers: 10 });
  const fresh = path.join(targets, 'new', 'deeper', 'app.db');
  const snapshotOfTargets = tree(targets).map((f) => [f, f.endsWith('.db') || f.endsWith('-wal') ? sha256File(path.join(targets, f)) : '']);

  for (const name of ['zstd', 'plain', 'gzip']) {
    const controller = new AbortController();
    let at: { done: number; total: number } | undefined;
    const run = restore({
      store,
      name,
      to: [old, fresh],
      signal: controller.signal,
      onProgress: (p) => {
        if (at || p.done === 0) return;
        at = { done: p.done, total: p.total };
        controller.abort(new Error(`stop ${name}`));
      },
    });
    await assert.rejects(run, new RegExp(`^Error: stop ${name}$`), `${name}: rejects with the signal's reason`);
    assert.ok(at && at.done < at.total, `${name}: aborted mid-decode (${at?.done} of ${at?.total} bytes)`);
    assert.deepEqual(
      tree(targets).map((f) => [f, f.endsWith('.db') || f.endsWith('-wal') ? sha256File(path.join(targets, f)) : '']),
      snapshotOfTargets,
      `${name}: the targets are as they were, and no directory was left for the new one`,
    );
    assert.deepEqual(leftovers(dir), []);
  }
});
