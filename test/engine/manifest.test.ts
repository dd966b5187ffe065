import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import { test } from 'node:test';
import { FORMAT_VERSION, parseManifest, readManifest } from '../../src/engine/manifest/manifest.ts';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { TOOL_VERSION } from '../../src/engine/manifest/version.ts';
import { ROOT, tempDir } from '../helpers/db.ts';

test('manifest facts match what SQLite reports about the source', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'facts.db');
  const d = new Database(db);
  d.pragma('page_size = 8192');
  d.pragma('journal_mode = WAL');
  d.pragma('user_version = 42');
  d.pragma('application_id = 1234567');
  d.exec(`CREATE TABLE a(x); CREATE TABLE "we""ird"(y); CREATE INDEX ax ON a(x); CREATE VIEW v AS SELECT * FROM a;
          INSERT INTO a VALUES (1),(2),(3); INSERT INTO "we""ird" VALUES ('q');`);
  const schema = d.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name").raw().all() as string[][];
  const pageCount = Number(d.pragma('page_count', { simple: true }));
  d.close();
  const out = path.join(dir, 'snap');
  mkdirSync(out);
  const started = Date.now();
  await createSnapshot([db], out, 'facts', { compression: 'none', check: 'full' });
  const m = await readManifest(out);
  assert.equal(m.formatVersion, 1, 'every entry carries its raw sha256: a format-1 reader can read it');
  assert.equal(m.toolVersion, TOOL_VERSION);
  assert.ok(Math.abs(Date.parse(m.createdAt) - started) < 60_000);
  const e = m.databases[0];
  assert.ok(e);
  assert.equal(e.name, 'facts.db');
  assert.equal(e.pageSize, 8192);
  assert.equal(e.pageCount, pageCount);
  assert.equal(e.journalMode, 'wal');
  assert.equal(e.userVersion, 42);
  assert.equal(e.applicationId, 1234567);
  assert.deepEqual(e.tables, { a: 3, 'we"ird': 1 });
  assert.deepEqual(e.integrity, { check: 'full', ok: true, messages: [] });
  const h = createHash('sha256');
  for (const row of schema) h.update(row.join('\u0000') + '\u0001');
  assert.equal(e.schemaSha256, h.digest('hex'));
  const stored = readFileSync(path.join(out, e.file));
  assert.equal(e.rawSize, 8192 * pageCount);
  assert.equal(e.storedSize, stored.length);
  assert.equal(e.storedSha256, createHash('sha256').update(stored).digest('hex'));
  assert.equal(e.rawSha256, e.storedSha256, 'uncompressed: stored bytes are the raw bytes');
  assert.match(e.sqliteVersion, /^3\.\d+\.\d+$/);
  assert.ok(e.timings.totalMs >= e.timings.copyMs);
});

test('the tool version constant follows package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(TOOL_VERSION, pkg.version);
});

test('zstd and gzip snapshots are smaller, decompress to the database, and record its sha256 only when asked', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'text.db');
  const d = new Database(db);
  d.exec("CREATE TABLE t(v TEXT); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 20000) INSERT INTO t SELECT 'row number ' || x || ' of a very compressible table' FROM c;");
  d.close();
  const truth = sha256(readFileSync(db));
  const sizes: Record<string, number> = {};
  for (const compression of ['zstd', 'gzip', 'none'] as const) {
    for (const rawSha256 of [false, true]) {
      const out = path.join(dir, `${compression}-${rawSha256}`);
      mkdirSync(out);
      const m = await createSnapshot([db], out, 'c', { compression, rawSha256 });
      const e = m.databases[0];
      assert.ok(e);
      sizes[compression] = e.storedSize;
      const stored = readFileSync(path.join(out, e.file));
      const decoded = compression === 'zstd' ? zstdDecompressSync(stored) : compression === 'gzip' ? gunzipSync(stored) : stored;
      assert.equal(sha256(decoded), truth, `${compression}: decodes to the database`);
      // Uncompressed, the stored file is the database: its one sha256 is both, asked for or not.
      const recorded = rawSha256 || compression === 'none';
      assert.equal(e.rawSha256, recorded ? truth : undefined, `${compression}, rawSha256 ${rawSha256}`);
      assert.equal(m.formatVersion, recorded ? 1 : 2, 'the lowest format that describes the snapshot');
      assert.deepEqual(await readManifest(out), m, 'what is written reads back');
    }
  }
  assert.ok((sizes.zstd as number) < (sizes.none as number) / 3);
  assert.ok((sizes.gzip as number) < (sizes.none as number) / 3);
});

test('a manifest may leave out the raw sha256 only for a compressed entry, and only from format 2', () => {
  const entry = { name: 'a.db', file: 'a.db.zst', compression: 'zstd', rawSize: 4096, storedSize: 10, storedSha256: 'a'.repeat(64), pageSize: 4096, pageCount: 1 };
  const manifest = (formatVersion: number, e: object): string => JSON.stringify({ format: 'sqlite-snapshot', formatVersion, databases: [{ ...entry, ...e }] });
  assert.equal(parseManifest(manifest(2, {}), 'm').databases[0]?.rawSha256, undefined);
  assert.throws(() => parseManifest(manifest(1, {}), 'm'), /manifest is invalid \(checksums of a\.db\)/);
  assert.throws(() => parseManifest(manifest(2, { compression: 'none', file: 'a.db' }), 'm'), /checksums of a\.db/);
  assert.throws(() => parseManifest(manifest(2, { rawSha256: 'not hex' }), 'm'), /checksums of a\.db/);
  assert.throws(() => parseManifest(manifest(FORMAT_VERSION + 1, {}), 'm'), /format 3 is newer than this sqlite-snapshot understands \(2\); upgrade/);
});

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
