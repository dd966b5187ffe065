import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSnapshot, type MethodChoice } from '../../src/engine/snapshot/snapshot.ts';
import { restoreSnapshot } from '../../src/engine/restore/restore.ts';
import { ACCOUNTS, START_BALANCE, bankTotal, leaveInWal, makeBank, startWriter, tempDir } from '../helpers/db.ts';

const EXPECTED = ACCOUNTS * START_BALANCE;

/**
 * The central promise: a snapshot taken while another process keeps committing is a state that
 * existed, so the bank's total is intact, and the snapshot finishes while the writer still runs.
 */
for (const journalMode of ['wal', 'delete'] as const) {
  for (const method of ['backup', 'vacuum', 'auto'] as MethodChoice[]) {
    test(`snapshot under a live writer is consistent: ${journalMode} mode, method ${method}`, async (t) => {
      const dir = tempDir(t);
      const db = path.join(dir, 'bank.db');
      makeBank(db, { journalMode, fillerRows: 8000 });
      const writer = await startWriter(db);
      let manifestCopy: string;
      try {
        // Let the writer build up un-checkpointed WAL frames first, so the backup path is exercised.
        await new Promise((r) => setTimeout(r, 150));
        const out = path.join(dir, 'snap');
        const { mkdirSync } = await import('node:fs');
        mkdirSync(out);
        const manifest = await createSnapshot([db], out, 'bank', { method, busyTimeoutMs: 10_000 });
        manifestCopy = manifest.databases[0]?.copy ?? '';
        // No starvation: the writer is still alive and committing when the snapshot is done.
        assert.equal(writer.proc.exitCode, null, 'writer still running when the snapshot finished');
        const entry = manifest.databases[0];
        assert.ok(entry);
        assert.equal(entry.integrity.ok, true);
        assert.equal(entry.tables.accounts, ACCOUNTS);
        const target = path.join(dir, 'restored.db');
        await restoreSnapshot(out, [target]);
        const r = bankTotal(target);
        assert.equal(r.integrity, 'ok');
        assert.equal(r.total, EXPECTED, 'sum of balances is invariant');
        assert.equal(r.accounts, ACCOUNTS);
      } finally {
        const stats = await writer.stop();
        assert.ok(stats.transactions > 0, 'the writer committed transactions during the test');
      }
      t.diagnostic(`copy strategy: ${manifestCopy}`);
    });
  }
}

test('a WAL that holds most of the data is included (frames read from the -wal)', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal' });
  leaveInWal(db, 3000);
  assert.ok(existsSync(`${db}-wal`), 'the transfers are only in the WAL');
  const out = path.join(dir, 'snap');
  (await import('node:fs')).mkdirSync(out);
  const manifest = await createSnapshot([db], out, 'bank', { method: 'backup' });
  // Un-checkpointed frames are read from the -wal itself (wal-snapshot.ts), or by the backup API when that cannot be pinned.
  assert.match(`${manifest.databases[0]?.copy}: ${manifest.databases[0]?.reason}`, /^backup-api|^file-copy: .*-wal directly/);
  const target = path.join(dir, 'restored.db');
  await restoreSnapshot(out, [target]);
  const total = bankTotal(target);
  assert.equal(total.total, EXPECTED);
  // The transfers exist only in the WAL: a copy of the main file alone would show the start balance.
  const { default: Database } = await import('better-sqlite3');
  const rdb = new Database(target, { readonly: true });
  const balance = Number(rdb.prepare('SELECT balance FROM accounts WHERE id = 1').pluck().get());
  rdb.close();
  assert.equal(balance, START_BALANCE - 3000, 'changes that lived only in the WAL are in the snapshot');
});

test('under TRUNCATE checkpoints every 50 transactions, repeated snapshots are all consistent', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 2000 });
  const writer = await startWriter(db, ['--checkpoint-truncate-every', '50']);
  const strategies: Record<string, number> = {};
  try {
    const { mkdirSync } = await import('node:fs');
    for (let i = 0; i < 15; i++) {
      const out = path.join(dir, `snap${i}`);
      mkdirSync(out);
      const m = await createSnapshot([db], out, 'bank', { method: 'backup', check: 'off', busyTimeoutMs: 10_000 });
      const copy = m.databases[0]?.copy ?? '?';
      strategies[copy] = (strategies[copy] ?? 0) + 1;
      const target = path.join(dir, `r${i}.db`);
      await restoreSnapshot(out, [target], { check: 'full' });
      assert.equal(bankTotal(target).total, EXPECTED, `snapshot ${i} (${copy}) is consistent`);
    }
  } finally {
    await writer.stop();
  }
  t.diagnostic(`strategies used: ${JSON.stringify(strategies)}`);
});

for (const pageSize of [512, 65536]) {
  test(`page size ${pageSize} round-trips`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db, { journalMode: 'delete', pageSize, fillerRows: 300 });
    const out = path.join(dir, 'snap');
    (await import('node:fs')).mkdirSync(out);
    const m = await createSnapshot([db], out, 'bank', { compression: 'gzip' });
    assert.equal(m.databases[0]?.pageSize, pageSize);
    const target = path.join(dir, 'r.db');
    await restoreSnapshot(out, [target]);
    assert.equal(bankTotal(target).total, EXPECTED);
  });
}
