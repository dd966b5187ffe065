import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { expandPatterns } from '../../src/action/snapshot/paths.ts';
import { defaultTargets } from '../../src/action/restore/targets.ts';
import type { Manifest } from '../../src/engine/manifest/manifest.ts';
import { tempDir } from '../helpers/db.ts';

test('path patterns: globs, excludes, literal paths; side files and temp files are never databases', async (t) => {
  const dir = tempDir(t);
  for (const f of ['data/a.db', 'data/a.db-wal', 'data/a.db-shm', 'data/b.db', 'data/b.db-journal', 'data/skip.db', 'data/.x.db.123.sqlite-snapshot-tmp', 'other/c.sqlite']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '');
  }
  const r = await expandPatterns(['data/*', '!data/skip.db', 'other/c.sqlite', 'missing.db', 'nothing/*.db'], dir);
  assert.deepEqual(r.files, [path.join('data', 'a.db'), path.join('data', 'b.db'), path.join('other', 'c.sqlite')]);
  assert.deepEqual(r.unmatched, ['missing.db', 'nothing/*.db']);
  // A file named twice is snapshotted once.
  const twice = await expandPatterns(['data/a.db', 'data/*.db', '!data/skip.db'], dir);
  assert.deepEqual(twice.files, [path.join('data', 'a.db'), path.join('data', 'b.db')]);
});

function manifestWith(sources: string[]): Manifest {
  return { databases: sources.map((s, i) => ({ name: `db${i}.db`, source: s })) } as unknown as Manifest;
}

test('restore without path goes back to the recorded workspace paths, never outside the workspace', () => {
  assert.deepEqual(defaultTargets(manifestWith(['data/app.db', 'data\\win.db', './x/../y.db'])), ['db0.db=data/app.db', 'db1.db=data/win.db', 'db2.db=y.db']);
  for (const bad of ['/etc/passwd', '../outside.db', 'a/../../b.db', 'C:\\Windows\\x.db', '..']) {
    assert.throws(() => defaultTargets(manifestWith([bad])), /^SnapshotError: path: is empty and db0\.db was snapshotted from .*outside the workspace; give path/, bad);
  }
});
