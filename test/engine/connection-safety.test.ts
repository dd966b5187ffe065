import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { restoreSnapshot } from '../../src/engine/restore/restore.ts';
import { createSnapshot } from '../../src/engine/snapshot/snapshot.ts';
import { OPEN_CHANNEL, type DB } from '../../src/engine/sqlite/sqlite.ts';
import { verifySnapshot } from '../../src/engine/restore/verify.ts';
import { makeBank, tempDir } from '../helpers/db.ts';

/**
 * A snapshot is data from whoever made it, and its schema may carry views and triggers that run
 * when queried. Every connection the engine opens must have trusted_schema off and SQLite's
 * defensive mode on (which makes `PRAGMA writable_schema = ON` a no-op). Read back from each one.
 */
interface Seen {
  file: string;
  trustedSchema: number;
  writableSchemaAfterSet: number;
}

function watchConnections(t: { after: (fn: () => void) => void }): Seen[] {
  const seen: Seen[] = [];
  const onOpen = (msg: unknown): void => {
    const { file, db } = msg as { file: string; db: DB };
    const trustedSchema = Number(db.pragma('trusted_schema', { simple: true }));
    db.pragma('writable_schema = ON');
    const writableSchemaAfterSet = Number(db.pragma('writable_schema', { simple: true }));
    db.pragma('writable_schema = OFF');
    seen.push({ file, trustedSchema, writableSchemaAfterSet });
  };
  diagnostics.subscribe(OPEN_CHANNEL, onOpen);
  t.after(() => diagnostics.unsubscribe(OPEN_CHANNEL, onOpen));
  return seen;
}

function assertSafe(seen: Seen[], what: string): void {
  assert.ok(seen.length > 0, `${what} opened at least one connection`);
  for (const s of seen) {
    assert.equal(s.trustedSchema, 0, `${what}: trusted_schema is off on ${s.file}`);
    assert.equal(s.writableSchemaAfterSet, 0, `${what}: defensive mode ignores writable_schema on ${s.file}`);
  }
}

test('snapshot (backup and vacuum), verify and restore open every connection with trusted_schema off and defensive mode on', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'bank.db');
  makeBank(src, { journalMode: 'wal', walTransfers: 200 });
  for (const method of ['backup', 'vacuum'] as const) {
    const seen = watchConnections(t);
    const out = path.join(dir, method);
    mkdirSync(out);
    await createSnapshot([src], out, method, { method });
    assertSafe(seen, `snapshot --method ${method}`);
    seen.length = 0;

    const report = await verifySnapshot(out, 'quick');
    assert.equal(report.ok, true);
    assertSafe(seen, 'verify');
    seen.length = 0;

    await restoreSnapshot(out, [path.join(dir, `restored-${method}.db`)], { check: 'quick', journalMode: 'delete' });
    assertSafe(seen, 'restore');
  }
});
