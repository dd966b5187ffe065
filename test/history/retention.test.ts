import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { restoreSnapshot } from '../../src/engine/restore/restore.ts';
import { LocalStore } from '../../src/store/local/local.ts';
import { generationId } from '../../src/store/names.ts';
import { HOST_TAG as tag } from '../../src/engine/common/process-tag.ts';
import { planPrune } from '../../src/store/retention.ts';
import { parseDuration } from '../../src/cli/duration.ts';
import { ACCOUNTS, START_BALANCE, bankTotal, makeBank, runCli, tempDir } from '../helpers/db.ts';
import { generations, leftovers } from '../helpers/history.ts';

const DAY = 86_400_000;

/** A store whose name "n" has one real generation copied under ids `agesMs` ago (oldest first). */
async function storeWithAges(t: Parameters<typeof tempDir>[0], agesMs: number[]): Promise<{ dir: string; store: string; db: string; ids: string[] }> {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db);
  const store = path.join(dir, 'store');
  const r = await runCli(['snapshot', db, '--store', store, '--name', 'n', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const [real] = generations(store, 'n') as [string];
  const now = Date.now();
  const ids = agesMs.map((age) => generationId(new Date(now - age)));
  for (const id of ids) cpSync(path.join(store, 'n', real), path.join(store, 'n', id), { recursive: true });
  const all = generations(store, 'n');
  assert.equal(all.length, ids.length + 1);
  return { dir, store, db, ids };
}

test('planPrune: limits combine, the newest always stays', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const ids = [40, 10, 3, 1].map((d) => generationId(new Date(now.getTime() - d * DAY)));
  assert.deepEqual(planPrune(ids, { keep: 2 }, now).keep, ids.slice(2));
  assert.deepEqual(planPrune(ids, { maxAgeMs: 7 * DAY }, now).remove.map((r) => r.generation), ids.slice(0, 2));
  assert.deepEqual(planPrune(ids, { keep: 3, maxAgeMs: 2 * DAY }, now).keep, ids.slice(3), 'either limit prunes');
  assert.deepEqual(planPrune(ids, { maxAgeMs: 60_000 }, now).keep, [ids[3]], 'the newest stays even when too old');
  assert.deepEqual(planPrune(ids, { keep: 1 }, now).keep, [ids[3]]);
  assert.deepEqual(planPrune([], { keep: 1 }, now), { keep: [], remove: [] });
});

test('durations: units, combinations, one clear line for nonsense', () => {
  assert.equal(parseDuration('7d', 'max-age'), 7 * DAY);
  assert.equal(parseDuration('1h30m', 'max-age'), 5_400_000);
  assert.equal(parseDuration('250ms', 'every'), 250);
  assert.equal(parseDuration('0', 'lock-timeout', { allowZero: true }), 0);
  for (const bad of ['7', 'd', '-1h', '1 h', '0s', '1y']) assert.throws(() => parseDuration(bad, 'max-age'), /--max-age: .* (is not a duration|is zero)/);
});

test('prune --max-age removes only generations older than the limit; --dry-run removes nothing', async (t) => {
  const { store, ids } = await storeWithAges(t, [30 * DAY, 10 * DAY, 2 * DAY]);
  const before = generations(store, 'n');
  const dry = await runCli(['prune', '--store', store, '--name', 'n', '--max-age', '7d', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /would remove 2 generation\(s\), 2 kept/);
  assert.deepEqual(generations(store, 'n'), before);

  const r = await runCli(['prune', '--store', store, '--name', 'n', '--max-age', '7d', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { removed: { generation: string }[]; kept: string[] };
  assert.deepEqual(out.removed.map((x) => x.generation), ids.slice(0, 2));
  assert.deepEqual(generations(store, 'n'), before.slice(2));
  assert.deepEqual(leftovers(store), []);
});

test('prune never removes the newest, even when every generation is past --max-age', async (t) => {
  const { store } = await storeWithAges(t, [50 * DAY, 40 * DAY]);
  // Make the real (newest) one old too, by renaming it to an old id.
  const gens = generations(store, 'n');
  const old = generationId(new Date(Date.now() - 20 * DAY));
  renameSync(path.join(store, 'n', gens.at(-1) as string), path.join(store, 'n', old));
  const r = await runCli(['prune', '--store', store, '--name', 'n', '--max-age', '1d', '-q']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(generations(store, 'n'), [old]);
  const again = await runCli(['prune', '--store', store, '--name', 'n', '--keep', '1', '--max-age', '1m']);
  assert.equal(again.code, 0);
  assert.deepEqual(generations(store, 'n'), [old]);
});

test('snapshot --keep 2 --max-age: the new generation is verified, then the old ones go', async (t) => {
  const { store, db, ids } = await storeWithAges(t, [9 * DAY, 8 * DAY, 3 * DAY]);
  const newestBefore = generations(store, 'n').at(-1) as string;
  const r = await runCli(['snapshot', db, '--store', store, '--name', 'n', '--keep', '2', '--max-age', '7d', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { generation: string; verification: { ok: boolean }; pruned: { generation: string }[] };
  assert.equal(out.verification.ok, true);
  assert.deepEqual(out.pruned.map((p) => p.generation).sort(), [...ids].sort());
  assert.deepEqual(generations(store, 'n'), [newestBefore, out.generation]);
  assert.ok(existsSync(path.join(store, 'n', out.generation, 'verification.json')));
});

test('bad retention input: one line, exit 2, nothing pruned', async (t) => {
  const { store, db } = await storeWithAges(t, [9 * DAY]);
  const before = generations(store, 'n');
  for (const args of [
    ['prune', '--store', store, '--name', 'n', '--keep', '0'],
    ['prune', '--store', store, '--name', 'n', '--max-age', '7'],
    ['prune', '--store', store, '--name', 'n'],
    ['snapshot', db, '--store', store, '--name', 'n', '--keep', 'two'],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /--keep|--max-age/);
  }
  assert.deepEqual(generations(store, 'n'), before);
});

test('a restore that already opened a generation finishes although prune removes it meanwhile', async (t) => {
  const { dir, store } = await storeWithAges(t, [5 * DAY]);
  const [oldest] = generations(store, 'n') as [string];
  const opened = await new LocalStore(store).open('n', { generation: oldest });
  assert.notEqual(opened.dir, path.join(store, 'n', oldest), 'the reader should work on a pinned copy');
  const r = await runCli(['prune', '--store', store, '--name', 'n', '--keep', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!generations(store, 'n').includes(oldest), 'prune should have removed it');
  const to = path.join(dir, 'restored.db');
  const [res] = await restoreSnapshot(opened.dir, [to]);
  assert.equal(res?.entry, 'bank.db');
  assert.equal(bankTotal(to).total, ACCOUNTS * START_BALANCE);
  await opened.close();
  assert.deepEqual(readdirSync(path.join(store, 'n')).filter((e) => e.startsWith('.reader-')), []);
  // Asked for by id after it is gone: a clean not-found, exit 5.
  const gone = await runCli(['restore', '--store', store, '--name', 'n', '--generation', oldest, '--to', to]);
  assert.equal(gone.code, 5, gone.stderr);
});

test('leftovers of crashed runs are swept by the next writer; a live reader pin is not', async (t) => {
  const { store, db } = await storeWithAges(t, []);
  const nameDir = path.join(store, 'n');
  // A pid that is surely dead on this host, and our own pid (alive: must survive).
  mkdirSync(path.join(nameDir, `.staging-${tag}-999999999-abc`));
  writeFileSync(path.join(nameDir, `.staging-${tag}-999999999-abc`, 'x.zst'), 'partial');
  mkdirSync(path.join(nameDir, '.trash-20200101T000000.000Z-x'));
  mkdirSync(path.join(nameDir, `.reader-${tag}-${process.pid}-live`));
  mkdirSync(path.join(nameDir, '20200101T000000.000Z'));
  const r = await runCli(['snapshot', db, '--store', store, '--name', 'n', '-q']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /note: removed what crashed runs left in "n": .*\.staging-.*999999999/);
  assert.deepEqual(
    readdirSync(nameDir).filter((e) => e.startsWith('.')).sort(),
    [`.reader-${tag}-${process.pid}-live`],
  );
  assert.ok(!existsSync(path.join(nameDir, '20200101T000000.000Z')), 'an empty reserved id should be swept');
});

test('a snapshot of a bad path leaves nothing in the store, not even a lock file', async (t) => {
  const dir = tempDir(t);
  const store = path.join(dir, 'store');
  for (const cmd of [
    ['snapshot', path.join(dir, 'missing.db'), '--store', store, '--name', 'n', '--keep', '2'],
    ['watch', path.join(dir, 'missing.db'), '--store', store, '--name', 'n', '--every', '1s'],
  ]) {
    const r = await runCli(cmd);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /missing\.db: no such file/);
    assert.ok(!existsSync(store), `${cmd[0]} created the store for a bad input`);
  }
});
