import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import diagnostics from 'node:diagnostics_channel';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { type DB, OPEN_CHANNEL, countRowsTolerant } from '../../src/engine/sqlite/sqlite.ts';
import { countRowsFrom } from '../../src/engine/snapshot/row-counts.ts';
import { runCopy } from '../../src/engine/threads/copy-loop.ts';
import type { Census } from '../../src/engine/threads/page-census.ts';
import { tempDir } from '../helpers/db.ts';

/** A census as the copy takes it: the whole file read through the copy loop, in line. */
async function censusOf(file: string, pageSize: number, chunk = 1 << 20): Promise<Census> {
  const fd = openSync(file, 'r');
  try {
    const length = readFileSync(file).length;
    const r = await runCopy(
      { fds: [fd], segments: undefined, length, outFile: `${file}.copy`, rename: false, hashRaw: false, compression: 'none', level: 0, parallel: 1, chunk, windowLog: 20, censusPageSize: pageSize },
      { onBytes: () => {} },
    );
    assert.ok(r.census, 'the copy took a census');
    return r.census;
  } finally {
    closeSync(fd);
  }
}

/** Every shape of b-tree a table can have: deep rowid trees, overflow chains, WITHOUT ROWID trees, empty tables, freed pages, pointer-map pages. */
function build(file: string, pageSize: number, autoVacuum: boolean): void {
  const db = new Database(file);
  db.pragma(`page_size = ${pageSize}`);
  if (autoVacuum) db.pragma('auto_vacuum = full');
  db.pragma('journal_mode = delete');
  db.exec(`
    CREATE TABLE small (id INTEGER PRIMARY KEY, v TEXT);
    CREATE INDEX small_v ON small(v);
    CREATE TABLE blobs (id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB);
    CREATE TABLE wr (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
    CREATE TABLE empty (x);
    CREATE TABLE "odd name" (x);
  `);
  const tx = db.transaction(() => {
    const small = db.prepare('INSERT INTO small (v) VALUES (?)');
    for (let i = 0; i < 30_000; i++) small.run(`value ${i} ${'x'.repeat(i % 50)}`);
    const blobs = db.prepare('INSERT INTO blobs (b) VALUES (?)');
    for (let i = 0; i < 40; i++) blobs.run(Buffer.alloc(3 * pageSize + i, i));
    const wr = db.prepare('INSERT INTO wr (k, v) VALUES (?, ?)');
    for (let i = 0; i < 20_000; i++) wr.run(`key-${i.toString(36)}-${'k'.repeat(i % 30)}`, i);
    db.prepare('INSERT INTO "odd name" VALUES (1)').run();
  });
  tx();
  // Freed pages keep their old b-tree headers; nothing reachable from a root points at them.
  db.exec('DELETE FROM small WHERE id % 3 = 0; DELETE FROM blobs WHERE id % 2 = 0; DELETE FROM wr WHERE v % 5 = 0;');
  db.close();
}

for (const pageSize of [512, 4096, 65536]) {
  for (const autoVacuum of [false, true]) {
    test(`row counts from the copy's page census equal SQLite's count(*) (page size ${pageSize}${autoVacuum ? ', auto_vacuum' : ''})`, async (t) => {
      const file = path.join(tempDir(t), 'shapes.db');
      build(file, pageSize, autoVacuum);
      const census = await censusOf(file, pageSize);
      const db = new Database(file, { readonly: true });
      try {
        const fromCensus = countRowsFrom(db, census, false);
        const fromSql = countRowsTolerant(db, false);
        assert.deepEqual(fromCensus.counts, fromSql.counts);
        // Every table, sqlite_sequence included, counted from the census, none by SQLite.
        assert.equal(fromCensus.fromCensus, Object.keys(fromSql.counts).length);
        assert.ok((fromSql.counts['small'] ?? 0) > 10_000 && (fromSql.counts['wr'] ?? 0) > 10_000, 'the trees are several levels deep');
      } finally {
        db.close();
      }
    });
  }
}

test('a page whose header is not what SQLite writes makes that table counted by SQLite instead', async (t) => {
  const file = path.join(tempDir(t), 'damaged.db');
  build(file, 4096, false);
  const db = new Database(file, { readonly: true });
  const root = Number(db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'small'").pluck().get());
  const truth = countRowsTolerant(db, false).counts;
  db.close();
  const census = await censusOf(file, 4096);
  // The census as if the root page had been read as something else (its type byte changed on the way).
  census.types[root - 1] = 0x0a;
  const again = new Database(file, { readonly: true });
  try {
    const rows = countRowsFrom(again, census, false);
    assert.deepEqual(rows.counts, truth, 'the same counts, from SQLite for that table');
    assert.equal(rows.fromCensus, Object.keys(truth).length - 1);
  } finally {
    again.close();
  }
});

test('a cycle between interior pages is not followed', async (t) => {
  const file = path.join(tempDir(t), 'cycle.db');
  build(file, 512, false);
  const db = new Database(file, { readonly: true });
  const root = Number(db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'small'").pluck().get());
  db.close();
  // The root's right-most child pointer made to point at the root itself.
  const bytes = readFileSync(file);
  const at = (root - 1) * 512;
  assert.equal(bytes[at], 0x05, 'the root is an interior table page');
  bytes.writeUInt32BE(root, at + 8);
  writeFileSync(file, bytes);
  const census = await censusOf(file, 512);
  const damaged = new Database(file, { readonly: true });
  try {
    const rows = countRowsFrom(damaged, census, true);
    assert.ok(rows.fromCensus < Object.keys(rows.counts).length + rows.failed.length, 'the damaged table was not counted from the census');
  } finally {
    damaged.close();
  }
});

/** Every statement the engine's connections prepare while `t` runs. */
function statementsPrepared(t: { after: (fn: () => void) => void }): string[] {
  const seen: string[] = [];
  const onOpen = (msg: unknown): void => {
    const db = (msg as { db: DB }).db;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
  };
  diagnostics.subscribe(OPEN_CHANNEL, onOpen);
  t.after(() => diagnostics.unsubscribe(OPEN_CHANNEL, onOpen));
  return seen;
}

test('a snapshot takes its row counts from the census, not from count(*), and a WAL snapshot with frames not yet checkpointed counts the pinned view', async (t) => {
  const statements = statementsPrepared(t);
  const dir = tempDir(t);
  const file = path.join(dir, 'wal.db');
  const db = new Database(file);
  db.pragma('journal_mode = wal');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    // Over 16 MiB in all: smaller copies run in line and leave the counting to SQLite (IN_LINE_MAX).
    for (let i = 0; i < 20_000; i++) insert.run(`row ${i} ${'x'.repeat(800)}`);
  })();
  // Left in the -wal: the snapshot reads the file and the WAL's frames (wal-snapshot.ts).
  db.transaction(() => {
    for (let i = 0; i < 5_000; i++) insert.run(`later ${i} ${'y'.repeat(800)}`);
  })();
  const out = path.join(dir, 'out');
  mkdirSync(out);
  const m = await createSnapshot([file], out, 'wal', { compression: 'zstd', check: 'quick' });
  db.close();
  assert.deepEqual(m.databases[0]?.tables, { t: 25_000 });
  assert.ok(statements.some((sql) => /quick_check/i.test(sql)), 'the check ran on a connection seen here');
  assert.deepEqual(statements.filter((sql) => /count\(\*\) FROM "/i.test(sql)), [], 'SQLite counted no table');
  assert.match(m.databases[0]?.reason ?? '', /-wal directly/);
});
