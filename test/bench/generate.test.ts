import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildDatabase, parseSize } from '../../bench/generate.ts';
import { sha256File, tempDir } from '../helpers/db.ts';
import Database from 'better-sqlite3';

test('the benchmark generator is deterministic: same seed, same bytes and rows; another seed, other bytes', (t) => {
  const dir = tempDir(t);
  const size = parseSize('2MiB');
  const a = path.join(dir, 'a.db');
  const b = path.join(dir, 'b.db');
  const c = path.join(dir, 'c.db');
  const rowsA = buildDatabase(a, size, 7);
  const rowsB = buildDatabase(b, size, 7);
  const rowsC = buildDatabase(c, size, 8);
  assert.equal(sha256File(a), sha256File(b));
  assert.deepEqual(rowsA, rowsB);
  assert.notEqual(sha256File(a), sha256File(c));
  assert.ok(statSync(a).size >= size && statSync(a).size < size * 1.5, `size ${statSync(a).size} near ${size}`);
  for (const n of Object.values(rowsA)) assert.ok(n > 0);
  assert.ok(rowsC.users !== undefined);
  // WAL mode, nothing left beside it: an idle database as an app leaves it after a clean close.
  assert.equal(existsSync(`${a}-wal`), false);
  const db = new Database(a, { readonly: true });
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all(),
      ['attachments_document', 'documents_title', 'events_user_at', 'users_email'],
    );
  } finally {
    db.close();
  }
});
