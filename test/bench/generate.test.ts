import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { constants as zlibConstants, zstdCompressSync } from 'node:zlib';
import path from 'node:path';
import { test } from 'node:test';
import { buildDatabase, parseSize } from '../../bench/generate.ts';
import { TEXT_INDEXES, TEXT_TABLES } from '../../bench/text-data.ts';
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

test('the text variant is deterministic, mostly text under text indexes, and compresses at least 8× with zstd -3', (t) => {
  const dir = tempDir(t);
  // The bench's seed; 8 MiB because the pool of sentences weighs on the ratio of a smaller file.
  const size = parseSize('8MiB');
  const a = path.join(dir, 'a.db');
  const b = path.join(dir, 'b.db');
  const rows = buildDatabase(a, size, 1, 'text');
  assert.deepEqual(buildDatabase(b, size, 1, 'text'), rows);
  assert.equal(sha256File(a), sha256File(b));
  assert.deepEqual(Object.keys(rows), [...TEXT_TABLES]);
  // Many small rows: the log lines outnumber everything else.
  assert.ok((rows.logs ?? 0) > 2 * ((rows.packages ?? 0) + (rows.articles ?? 0)), JSON.stringify(rows));
  const db = new Database(a, { readonly: true });
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all(), [...TEXT_INDEXES]);
    assert.equal(db.prepare("SELECT count(*) FROM logs WHERE json_valid(line) AND line ->> '$.ts' = at").pluck().get(), rows.logs);
  } finally {
    db.close();
  }
  // Level 3 over the whole file in one frame, as `zstd -3 file` compresses it (same library).
  const bytes = readFileSync(a);
  const ratio = bytes.length / zstdCompressSync(bytes, { params: { [zlibConstants.ZSTD_c_compressionLevel]: 3 } }).length;
  assert.ok(ratio >= 8, `zstd -3 ratio ${ratio.toFixed(2)}, want >= 8`);
  // The mixed database stays what it was: about 2×, most of it incompressible blobs.
  const mixed = path.join(dir, 'mixed.db');
  buildDatabase(mixed, size, 1);
  const m = readFileSync(mixed);
  const mixedRatio = m.length / zstdCompressSync(m, { params: { [zlibConstants.ZSTD_c_compressionLevel]: 3 } }).length;
  assert.ok(mixedRatio > 1.5 && mixedRatio < 3, `mixed ratio ${mixedRatio.toFixed(2)}`);
});
