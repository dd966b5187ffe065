import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { commandRuns, makeBank, sha256File, tempDir } from '../helpers/db.ts';

const hasStrace = commandRuns('strace', ['-V']);

const engine = (file: string): string => JSON.stringify(path.resolve(import.meta.dirname, '../../src/engine', file));

/** The fsync and fdatasync calls of `script` (an ES module's body) run in a child process, as strace saw them. */
function syncCalls(dir: string, script: string): string[] {
  const log = path.join(dir, 'strace.log');
  execFileSync('strace', ['-f', '-qq', '-e', 'trace=fsync,fdatasync', '-o', log, process.execPath, '--input-type=module', '-e', script]);
  return readFileSync(log, 'utf8').split('\n').filter((l) => /\b(fsync|fdatasync)\(/.test(l));
}

function restoreCalls(dir: string, snap: string, target: string, durable: boolean): string[] {
  return syncCalls(dir, `const { restoreSnapshot } = await import(${engine('restore/restore.ts')}); await restoreSnapshot(${JSON.stringify(snap)}, [${JSON.stringify(target)}], { durable: ${durable} });`);
}

test('a restore with durable: false flushes nothing to the device, yet restores the same bytes; by default it flushes', { skip: !hasStrace && 'strace not installed' }, async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 2000 });
  const snap = path.join(dir, 'snap');
  mkdirSync(snap);
  const m = await createSnapshot([db], snap, 'durable', { rawSha256: true });
  const fast = path.join(dir, 'fast.db');
  const durable = path.join(dir, 'durable.db');
  assert.deepEqual(restoreCalls(dir, snap, fast, false), []);
  assert.ok(restoreCalls(dir, snap, durable, true).length >= 2, 'the new file and its directory are flushed');
  assert.equal(sha256File(fast), m.databases[0]?.rawSha256);
  assert.equal(sha256File(durable), m.databases[0]?.rawSha256);
});

test('a scratch snapshot (durable: false, a staging directory uploaded right after) flushes nothing; by default every file and the directory are flushed', { skip: !hasStrace && 'strace not installed' }, async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 2000 });
  const take = (out: string, durable: boolean): string[] => {
    mkdirSync(out);
    return syncCalls(dir, `const { createSnapshot } = await import(${engine('snapshot/snapshot.ts')}); await createSnapshot([${JSON.stringify(db)}], ${JSON.stringify(out)}, 'd', { durable: ${durable} });`);
  };
  assert.deepEqual(take(path.join(dir, 'scratch'), false), []);
  assert.ok(take(path.join(dir, 'kept'), true).length >= 3, 'the data file, the manifest and the directory are flushed');
  assert.equal(sha256File(path.join(dir, 'scratch', 'bank.db.zst')), sha256File(path.join(dir, 'kept', 'bank.db.zst')));
});
