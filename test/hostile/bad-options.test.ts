/**
 * Options that make no sense, through the real CLI: the documented exit code, one line naming the
 * option or path with advice, nothing written (no store, no target, no temp file).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { runCli, sha256File, tempDir } from '../helpers/db.ts';
import { EXIT, assertRefused, assertSameTree, leftovers, makeSmallDb, treeState } from './harness.ts';

/** A store with `one` (one database) and `two` (two databases), built once and copied per test. */
let fixture: string;
before(async () => {
  fixture = tempDir({ after: (fn) => process.on('exit', fn) }, 'sqlite-snapshot-fixture-');
  makeSmallDb(path.join(fixture, 'app.db'), 100);
  makeSmallDb(path.join(fixture, 'log.db'), 100);
  for (const [name, dbs] of [['one', ['app.db']], ['two', ['app.db', 'log.db']]] as const) {
    const r = await runCli(['snapshot', ...dbs.map((d) => path.join(fixture, d)), '--store', path.join(fixture, 'store'), '--name', name, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
  }
});

interface Case {
  name: string;
  /** argv given the scratch directory; the fixture store is at <dir>/store, databases at <dir>/app.db, <dir>/log.db. */
  args: (dir: string) => string[];
  setup?: (dir: string) => void;
  code: number;
  mentions: (dir: string) => string[];
}

const snap = (dir: string, ...more: string[]): string[] => ['snapshot', path.join(dir, 'app.db'), '--store', path.join(dir, 'new-store'), ...more];
const restore = (dir: string, ...more: string[]): string[] => ['restore', '--store', path.join(dir, 'store'), ...more];

const cases: Case[] = [
  { name: 'unknown method', args: (d) => snap(d, '--name', 'x', '--method', 'fast'), code: EXIT.badInput, mentions: () => ['--method', '"fast"', 'auto, backup, vacuum'] },
  { name: 'unknown compression', args: (d) => snap(d, '--name', 'x', '--compression', 'lz4'), code: EXIT.badInput, mentions: () => ['--compression', '"lz4"', 'zstd, gzip, none'] },
  { name: 'zstd level out of range', args: (d) => snap(d, '--name', 'x', '--level', '23'), code: EXIT.badInput, mentions: () => ['--level', '23'] },
  { name: 'gzip level out of range', args: (d) => snap(d, '--name', 'x', '--compression', 'gzip', '--level', '0'), code: EXIT.badInput, mentions: () => ['--level', 'gzip', '1 to 9'] },
  { name: 'a level that is not a number', args: (d) => snap(d, '--name', 'x', '--level', 'max'), code: EXIT.badInput, mentions: () => ['--level', '"max"'] },
  { name: 'a level for compression none', args: (d) => snap(d, '--name', 'x', '--compression', 'none', '--level', '3'), code: EXIT.badInput, mentions: () => ['--level', 'none'] },
  { name: 'an empty name', args: (d) => snap(d, '--name', ''), code: EXIT.badInput, mentions: () => ['--name is empty'] },
  { name: 'a name with /', args: (d) => snap(d, '--name', 'a/b'), code: EXIT.badInput, mentions: () => ['--name', '"a/b"'] },
  { name: 'a name with ..', args: (d) => snap(d, '--name', '..'), code: EXIT.badInput, mentions: () => ['--name', '".."'] },
  { name: 'a name that climbs out of the store', args: (d) => snap(d, '--name', '../../etc'), code: EXIT.badInput, mentions: () => ['--name', '../../etc'] },
  { name: 'a name longer than 100 characters', args: (d) => snap(d, '--name', 'n'.repeat(101)), code: EXIT.badInput, mentions: () => ['--name', 'up to 100'] },
  { name: 'an unknown command', args: () => ['snapshott', 'app.db'], code: EXIT.badInput, mentions: () => ['"snapshott"', 'snapshot, restore'] },
  {
    name: 'the same database twice',
    args: (d) => ['snapshot', path.join(d, 'app.db'), `${d}/./app.db`, '--store', path.join(d, 'new-store'), '--name', 'x'],
    code: EXIT.badInput,
    mentions: (d) => [`${d}/./app.db`, 'twice'],
  },
  { name: 'no database at all', args: (d) => ['snapshot', '--store', path.join(d, 'new-store'), '--name', 'x'], code: EXIT.badInput, mentions: () => ['no database given'] },
  { name: 'a negative busy timeout', args: (d) => snap(d, '--name', 'x', '--busy-timeout=-5'), code: EXIT.badInput, mentions: () => ['--busy-timeout', '-5'] },
  { name: 'an unknown option', args: (d) => snap(d, '--name', 'x', '--frobnicate'), code: EXIT.badInput, mentions: () => ['--frobnicate', '--help'] },
  {
    name: 'the same target twice',
    args: (d) => restore(d, '--name', 'one', '--to', path.join(d, 'out', 'a.db'), '--to', `${d}/out/../out/a.db`),
    code: EXIT.badInput,
    mentions: () => ['twice'],
  },
  {
    name: 'a target that is a directory',
    setup: (d) => mkdirSync(path.join(d, 'somedir')),
    args: (d) => restore(d, '--name', 'one', '--to', path.join(d, 'somedir')),
    code: EXIT.badInput,
    mentions: (d) => [path.join(d, 'somedir'), 'is a directory'],
  },
  {
    name: 'a two-database snapshot into one path',
    args: (d) => restore(d, '--name', 'two', '--to', path.join(d, 'out', 'only.db')),
    code: EXIT.badInput,
    mentions: () => ['2 databases', 'app.db, log.db', 'one path per database'],
  },
  {
    name: 'a target that is not a SQLite database',
    setup: (d) => writeFileSync(path.join(d, 'precious.txt'), 'not a database\n'),
    args: (d) => restore(d, '--name', 'one', '--to', path.join(d, 'precious.txt')),
    code: EXIT.badInput,
    mentions: (d) => [path.join(d, 'precious.txt'), 'not a SQLite database', '--force'],
  },
  {
    name: "a target named like another database's side file",
    args: (d) => restore(d, '--name', 'one', '--to', path.join(d, 'out', 'a.db'), '--to', path.join(d, 'out', 'a.db-wal')),
    code: EXIT.badInput,
    mentions: (d) => [path.join(d, 'out', 'a.db-wal'), 'side files'],
  },
  { name: 'an unknown journal mode', args: (d) => restore(d, '--name', 'one', '--to', path.join(d, 'out', 'a.db'), '--journal-mode', 'memory'), code: EXIT.badInput, mentions: () => ['--journal-mode', '"memory"'] },
  { name: 'no target', args: (d) => restore(d, '--name', 'one'), code: EXIT.badInput, mentions: () => ['--to'] },
  { name: 'an --at that is not a time', args: (d) => restore(d, '--name', 'one', '--to', path.join(d, 'out', 'a.db'), '--at', 'yesterday'), code: EXIT.badInput, mentions: () => ['--at', '"yesterday"'] },
  { name: 'a snapshot name not in the store', args: (d) => restore(d, '--name', 'three', '--to', path.join(d, 'out', 'a.db')), code: EXIT.notFound, mentions: () => ['"three"', '--name'] },
  {
    name: 'a store that does not exist',
    args: (d) => ['restore', '--store', path.join(d, 'nowhere'), '--name', 'one', '--to', path.join(d, 'out', 'a.db')],
    code: EXIT.notFound,
    mentions: (d) => [path.join(d, 'nowhere'), '--store'],
  },
  { name: 'a generation that does not exist', args: (d) => restore(d, '--name', 'one', '--generation', '20000101T000000.000Z', '--to', path.join(d, 'out', 'a.db')), code: EXIT.notFound, mentions: () => ['20000101T000000.000Z'] },
];

for (const c of cases) {
  test(`refuses ${c.name}`, async (t) => {
    const dir = tempDir(t);
    cpSync(fixture, dir, { recursive: true });
    c.setup?.(dir);
    const before = treeState(dir);
    const r = await runCli(c.args(dir));
    assertRefused(r, c.code, c.mentions(dir));
    assertSameTree(before, treeState(dir), 'scratch directory');
    assert.deepEqual(leftovers(dir), []);
  });
}

// Chosen behaviour, documented in the README: a missing parent directory of a target is created.
test('a target whose directory does not exist: the directory is created', async (t) => {
  const dir = tempDir(t);
  cpSync(fixture, dir, { recursive: true });
  const target = path.join(dir, 'new', 'deeper', 'app.db');
  const r = await runCli(restore(dir, '--name', 'one', '--to', target, '--quiet'));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sha256File(target), sha256File(path.join(dir, 'app.db')));
  assert.equal(statSync(target).mode & 0o777, 0o644);
});

test('a failed restore removes the directories it created for the target', async (t) => {
  const dir = tempDir(t);
  cpSync(fixture, dir, { recursive: true });
  const gen = path.join(dir, 'store', 'one');
  // Damage the stored data so the restore fails after the directory was made.
  const genDir = path.join(gen, (await import('node:fs')).readdirSync(gen).filter((n) => !n.startsWith('.'))[0] as string);
  writeFileSync(path.join(genDir, 'app.db.zst'), 'x');
  const before = treeState(dir);
  const r = await runCli(restore(dir, '--name', 'one', '--to', path.join(dir, 'new', 'deeper', 'app.db')));
  assert.equal(r.code, EXIT.corrupt, r.stderr);
  assert.equal(existsSync(path.join(dir, 'new')), false);
  assertSameTree(before, treeState(dir), 'scratch directory');
});
