import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { makeBank, sha256File, tempDir } from '../helpers/db.ts';

const hasStrace = (() => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The fsync and fdatasync calls of a restore run in a child process, as strace saw them. */
function syncCalls(dir: string, snap: string, target: string, durable: boolean): string[] {
  const log = path.join(dir, `strace-${durable}.log`);
  const restore = path.resolve(import.meta.dirname, '../../src/engine/restore/restore.ts');
  const script = `const { restoreSnapshot } = await import(${JSON.stringify(restore)}); await restoreSnapshot(${JSON.stringify(snap)}, [${JSON.stringify(target)}], { durable: ${durable} });`;
  execFileSync('strace', ['-f', '-qq', '-e', 'trace=fsync,fdatasync', '-o', log, process.execPath, '--input-type=module', '-e', script]);
  return readFileSync(log, 'utf8').split('\n').filter((l) => /\b(fsync|fdatasync)\(/.test(l));
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
  assert.deepEqual(syncCalls(dir, snap, fast, false), []);
  assert.ok(syncCalls(dir, snap, durable, true).length >= 2, 'the new file and its directory are flushed');
  assert.equal(sha256File(fast), m.databases[0]?.rawSha256);
  assert.equal(sha256File(durable), m.databases[0]?.rawSha256);
});
