import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import type { CheckLevel } from '../../src/engine/sqlite/sqlite.ts';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { verifySnapshot } from '../../src/engine/restore/verify.ts';
import { makeBank, tempDir } from '../helpers/db.ts';

/**
 * `byChecksums` (what watch does to each new generation): a database whose snapshot passed the
 * check is proven by its stored sha256, zstd's checksum of every decoded frame and the decoded
 * size, with no copy written and the database not hashed again; anything else is still checked
 * on a copy.
 */
async function snapshot(t: Parameters<typeof tempDir>[0], check: CheckLevel): Promise<{ dir: string; work: string; file: string }> {
  const root = tempDir(t);
  const db = path.join(root, 'bank.db');
  makeBank(db, { fillerRows: 4000 });
  const dir = path.join(root, 'snap');
  mkdirSync(dir);
  const manifest = await createSnapshot([db], dir, 'bank', { check });
  const work = path.join(root, 'work');
  mkdirSync(work);
  return { dir, work, file: path.join(dir, manifest.databases[0]?.file as string) };
}

/** The files verify created inside its scratch directory (seen by inotify, though it deletes them). */
async function copiesSeen(dir: string, work: string, byChecksums: boolean): Promise<{ ok: boolean; problems: string[]; seen: string[] }> {
  const seen = new Set<string>();
  const watcher = watch(work, { recursive: true }, (_event, name) => {
    if (name?.includes(path.sep)) seen.add(name);
  });
  try {
    const report = await verifySnapshot(dir, 'quick', { workRoot: work, byChecksums });
    await new Promise((r) => setTimeout(r, 200));
    return { ok: report.ok, problems: report.databases.flatMap((d) => d.problems), seen: [...seen] };
  } finally {
    watcher.close();
  }
}

test('byChecksums: a snapshot that passed its check is proven without writing a copy', async (t) => {
  const { dir, work } = await snapshot(t, 'quick');
  const plain = await copiesSeen(dir, work, false);
  assert.equal(plain.ok, true);
  assert.ok(plain.seen.length > 0, 'without it, a decoded copy is written to be checked');
  const proven = await copiesSeen(dir, work, true);
  assert.equal(proven.ok, true);
  assert.deepEqual(proven.seen, [], 'no copy written');
});

test('byChecksums: a snapshot taken with --check off is still checked on a copy', async (t) => {
  const { dir, work } = await snapshot(t, 'off');
  const r = await copiesSeen(dir, work, true);
  assert.equal(r.ok, true);
  assert.ok(r.seen.length > 0, 'nothing vouches for these bytes but a check of a copy');
});

test('byChecksums: damaged data is reported, not proven', async (t) => {
  const { dir, work, file } = await snapshot(t, 'quick');
  const bytes = readFileSync(file);
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
  writeFileSync(file, bytes);
  const r = await copiesSeen(dir, work, true);
  assert.equal(r.ok, false);
  assert.match(r.problems[0] ?? '', /bank\.db in .*: (compressed data is damaged|sha256 of the stored file is)/);
});

/** Rewrites the manifest's first entry (readManifest validates what it reads back). */
function editEntry(dir: string, edit: (e: Record<string, unknown>) => void): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as { databases: Record<string, unknown>[] };
  edit(m.databases[0] as Record<string, unknown>);
  writeFileSync(file, JSON.stringify(m));
}

test('byChecksums proves what a restore accepts and no more: a raw sha256 that alone is wrong passes it, as a restore; verify of a copy refuses it', async (t) => {
  // The proof leaves the decoded bytes to zstd's frame checksums instead of hashing the whole
  // database a second time beside the application: a lie in the raw sha256 alone (which no
  // snapshot of ours writes) is what only a full verify finds.
  const { dir, work } = await snapshot(t, 'quick');
  editEntry(dir, (e) => (e.rawSha256 = 'b'.repeat(64)));
  const proven = await copiesSeen(dir, work, true);
  assert.equal(proven.ok, true, proven.problems.join('; '));
  assert.deepEqual(proven.seen, []);
  const copy = await copiesSeen(dir, work, false);
  assert.equal(copy.ok, false);
  assert.match(copy.problems[0] ?? '', /sha256 of the database is/);
});

test('byChecksums: frames without a content checksum cannot be proven so, and are checked on a copy', async (t) => {
  const { dir, work, file } = await snapshot(t, 'quick');
  // The same bytes as frames with no checksum (zstd -d would accept them): nothing checks what they decode to.
  const raw = zlib.zstdDecompressSync(readFileSync(file));
  const bare = Buffer.concat([raw.subarray(0, raw.length >> 1), raw.subarray(raw.length >> 1)].map((part) => zlib.zstdCompressSync(part)));
  writeFileSync(file, bare);
  editEntry(dir, (e) => {
    e.storedSize = bare.length;
    e.storedSha256 = createHash('sha256').update(bare).digest('hex');
  });
  const r = await copiesSeen(dir, work, true);
  assert.equal(r.ok, true, r.problems.join('; '));
  assert.ok(r.seen.length > 0, 'a copy was written and checked');
  // And a lie in the raw sha256 is then found, as the copy is hashed.
  editEntry(dir, (e) => (e.rawSha256 = 'b'.repeat(64)));
  const lie = await copiesSeen(dir, work, true);
  assert.equal(lie.ok, false);
  assert.match(lie.problems[0] ?? '', /sha256 of the database is/);
});
