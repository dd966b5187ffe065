// The public API (src/api/index.ts) as a program inside Node uses it: real databases, a real
// directory store, every call's result and every error's class, kind and exit code.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  BadInputError,
  BusyError,
  CorruptError,
  LocalStore,
  NotFoundError,
  SnapshotError,
  type Store,
  inspect,
  list,
  prune,
  restore,
  seed,
  snapshot,
  verify,
} from '../../src/api/index.ts';
import { ACCOUNTS, START_BALANCE, bankTotal, makeBank, sha256File, tempDir } from '../helpers/db.ts';

const TOTAL = ACCOUNTS * START_BALANCE;

test('snapshot, list, inspect, verify, restore (fan-out) and prune through the API', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  // Committed transfers only in the -wal: a snapshot that missed them would show balance 1000.
  makeBank(db, { journalMode: 'wal', fillerRows: 100, walTransfers: 50 });
  const store = path.join(dir, 'store');
  const first = await snapshot(db, { store, name: 'bank', verify: true });
  assert.equal(first.name, 'bank');
  assert.match(first.generation ?? '', /^\d{8}T\d{6}\.\d{3}Z/);
  assert.equal(first.manifest.databases[0]?.name, 'bank.db');
  assert.equal(first.verification?.ok, true);
  const second = await snapshot([db], { store: new LocalStore(store), name: 'bank', compression: 'gzip', level: 1 });
  assert.equal(second.manifest.databases[0]?.compression, 'gzip');

  const listed = await list({ store });
  assert.deepEqual(listed.generations.map((g) => g.generation), [first.generation, second.generation]);
  assert.equal(listed.generations[0]?.verified?.ok, true);
  assert.deepEqual(listed.seeds, []);

  const inspected = await inspect({ store, name: 'bank', generation: first.generation as string });
  assert.equal(inspected.generation, first.generation);
  assert.deepEqual(inspected.manifest, first.manifest);

  const verified = await verify({ store, name: 'bank', check: 'quick' });
  assert.equal(verified.ok, true);
  assert.equal(verified.generation, second.generation);
  assert.equal((await list({ store, name: 'bank' })).generations[1]?.verified?.by, 'verify', 'the verification is recorded in the generation');

  const a = path.join(dir, 'out', 'a.db');
  const b = path.join(dir, 'out', 'b.db');
  const progress: number[] = [];
  const restored = await restore({ store, name: 'bank', at: new Date(), to: [a, b], onProgress: (p) => progress.push(p.done) });
  assert.equal(restored.generation, second.generation);
  assert.deepEqual(restored.restored.map((r) => r.path), [a, b]);
  for (const target of [a, b]) {
    const bank = bankTotal(target);
    assert.equal(bank.total, TOTAL);
    assert.equal(bank.integrity, 'ok');
  }
  const reader = new Database(a, { readonly: true });
  assert.equal(reader.prepare('SELECT balance FROM accounts WHERE id = 2').pluck().get(), START_BALANCE + 50, 'the WAL-only transfers are in');
  reader.close();
  assert.equal(sha256File(a), sha256File(b));
  assert.equal(progress.at(-1), first.manifest.databases[0]?.rawSize, 'the one decode reported its progress to the end');

  const dry = await prune({ store, name: 'bank', keep: 1, dryRun: true });
  assert.deepEqual(dry.removed.map((r) => r.generation), [first.generation]);
  assert.equal((await list({ store, name: 'bank' })).generations.length, 2, 'a dry run removes nothing');
  const pruned = await prune({ store, name: 'bank', keep: 1 });
  assert.deepEqual(pruned.kept, [second.generation]);
  assert.deepEqual((await list({ store })).generations.map((g) => g.generation), [second.generation]);
});

test('outDir writes a snapshot directory of its own; restore, verify and inspect read it with dir', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  makeBank(db, { fillerRows: 20 });
  const out = path.join(dir, 'fresh', 'snap');
  const taken = await snapshot(db, { outDir: out, name: 'fixture', compression: 'none' });
  assert.equal(taken.generation, undefined);
  assert.equal(taken.location, out);
  assert.deepEqual(readdirSync(out).sort(), ['app.db', 'manifest.json']);
  assert.equal((await inspect({ dir: out })).manifest.name, 'fixture');
  assert.equal((await verify({ dir: out })).ok, true);
  const target = path.join(dir, 'copy.db');
  const r = await restore({ dir: out, to: target });
  assert.equal(r.name, 'fixture');
  assert.equal(sha256File(target), sha256File(db));
  await assert.rejects(snapshot(db, { outDir: out, name: 'again' }), (err) => err instanceof BadInputError && /outDir: .* is not empty/.test(err.message));
});

test('errors are SnapshotErrors of one line, with the kind classes and the exit codes the CLI uses', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  makeBank(db);
  const store = path.join(dir, 'store');
  const expectBad = async (p: Promise<unknown>, pattern: RegExp): Promise<void> => {
    await assert.rejects(p, (err) => {
      assert.ok(err instanceof SnapshotError && err instanceof BadInputError, `a BadInputError: ${String(err)}`);
      assert.ok(!(err instanceof NotFoundError));
      assert.equal(err.kind, 'bad-input');
      assert.equal(err.exitCode, 2);
      assert.doesNotMatch(err.message, /\n/);
      assert.match(err.message, pattern);
      return true;
    });
  };
  await expectBad(snapshot(db, { store, name: 'a/b' }), /^name: "a\/b" contains/);
  await expectBad(snapshot(db, { store, name: 'x', compression: 'lz4' as 'zstd' }), /^compression: unknown compression "lz4"/);
  await expectBad(snapshot(db, { store, name: 'x', level: 99 }), /^level: 99 is out of range for zstd/);
  await expectBad(snapshot(db, { store, name: 'x', method: 'copy' as 'auto' }), /^method: "copy" is not one of auto, backup, vacuum/);
  await expectBad(snapshot(db, { name: 'x' }), /give either store or outDir/);
  await expectBad(snapshot([], { store, name: 'x' }), /no database given/);
  await expectBad(snapshot(db, { store, name: 'x', keep: 0 }), /^keep: 0 is not an integer from 1/);
  await expectBad(snapshot(db, { store: 'nosuch://bucket', name: 'x' }), /^store: "nosuch:\/\/" is not a store/);
  await expectBad(restore({ store, name: 'x', to: [] }), /no target given/);
  await expectBad(restore({ store, name: 'x', at: 'yesterday', to: 'y.db' }), /^at: "yesterday" is not a time/);
  await expectBad(prune({ store, name: 'x' }), /give keep and\/or maxAgeMs/);
  await expectBad(seed({ store, key: 'a,b', paths: db }), /^key: "a,b" contains a comma/);
  assert.ok(!existsSync(store), 'bad input wrote nothing');

  await assert.rejects(restore({ store, name: 'none', to: path.join(dir, 't.db') }), (err) => err instanceof NotFoundError && err.exitCode === 5 && !(err instanceof CorruptError));
  await assert.rejects(list({ store }), (err) => err instanceof NotFoundError && /no such directory/.test(err.message));

  // A damaged snapshot: verify reports it (a result), restore refuses it (CorruptError, exit 3).
  const out = path.join(dir, 'snap');
  await snapshot(db, { outDir: out, name: 'x', compression: 'none' });
  const file = path.join(out, 'app.db');
  const bytes = readFileSync(file);
  bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
  const report = await verify({ dir: out });
  assert.equal(report.ok, false);
  assert.match(report.databases[0]?.problems[0] ?? '', /sha256/);
  const target = path.join(dir, 'target.db');
  await assert.rejects(restore({ dir: out, to: target }), (err) => err instanceof CorruptError && err.exitCode === 3 && !(err instanceof BusyError));
  assert.ok(!existsSync(target));
  assert.ok(new BusyError('x') instanceof SnapshotError && new BusyError('x').kind === 'busy', 'the classes construct errors of their kind');
});

test('seed: a miss runs the async function and saves; the same key then restores without running it', async (t) => {
  const dir = tempDir(t);
  const store = path.join(dir, 'store');
  const db = path.join(dir, 'work', 'app.db');
  let runs = 0;
  const build = async ({ paths }: { paths: readonly string[] }): Promise<void> => {
    runs++;
    mkdirSync(path.dirname(paths[0] as string), { recursive: true });
    makeBank(paths[0] as string, { fillerRows: 10 });
  };
  const miss = await seed({ store, key: 'fixture-v1', paths: db, run: build });
  assert.equal(miss.hit, 'miss');
  assert.equal(miss.ran, true);
  assert.equal(miss.saved?.saved, true);
  assert.equal(runs, 1);

  const elsewhere = path.join(dir, 'other', 'app.db');
  const hit = await seed({ store, key: 'fixture-v1', paths: elsewhere, run: build });
  assert.equal(hit.hit, 'exact');
  assert.equal(hit.ran, false);
  assert.equal(runs, 1, 'an exact hit does not run the function');
  assert.equal(sha256File(elsewhere), sha256File(db));
  assert.equal((await list({ store })).seeds[0]?.key, 'fixture-v1');

  // A function that throws saves nothing, and its own error comes back.
  const failing = seed({ store, key: 'fixture-v2', paths: path.join(dir, 'v2.db'), run: () => Promise.reject(new Error('migration 7 failed')) });
  await assert.rejects(failing, /migration 7 failed/);
  assert.deepEqual((await list({ store })).seeds.map((s) => s.key), ['fixture-v1']);
  // Without a function, a miss restores nothing and says so.
  const onlyRestore = await seed({ store, key: 'fixture-v3', paths: path.join(dir, 'v3.db') });
  assert.equal(onlyRestore.hit, 'miss');
  assert.ok(!existsSync(path.join(dir, 'v3.db')));
});

test('a Store object that only publishes and opens (no lock, no prune) plugs in; retention on it is refused', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  makeBank(db);
  const local = new LocalStore(path.join(dir, 'store'));
  const minimal: Store = {
    description: 'a minimal store',
    begin: (name) => local.begin(name),
    open: (name, select) => local.open(name, select),
    list: (name) => local.list(name),
  };
  const taken = await snapshot(db, { store: minimal, name: 'm' });
  const target = path.join(dir, 'back.db');
  await restore({ store: minimal, name: 'm', generation: taken.generation as string, to: target });
  assert.equal(bankTotal(target).total, TOTAL);
  await assert.rejects(snapshot(db, { store: minimal, name: 'm', keep: 2 }), (err) => err instanceof BadInputError && /cannot prune/.test(err.message));
  await assert.rejects(prune({ store: minimal, name: 'm', keep: 1 }), BadInputError);
  assert.equal((await list({ store: minimal })).generations.length, 1);
});
