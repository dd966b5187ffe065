import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { CheckLevel } from '../../src/engine/sqlite/sqlite.ts';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { verifySnapshot } from '../../src/engine/restore/verify.ts';
import { makeBank, tempDir } from '../helpers/db.ts';

/**
 * `byChecksums` (what watch does to each new generation): a database whose snapshot passed the
 * check is proven by decoding every frame and comparing the result's size and sha256 with the
 * manifest's, with no copy written; anything else is still checked on a copy.
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
