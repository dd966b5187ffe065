/**
 * Sources that cannot be snapshotted, each run through the real CLI: the documented exit code,
 * one line naming the input with advice, and nothing written anywhere (the store is not even created).
 */
import assert from 'node:assert/strict';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { runCli, sha256File, tempDir } from '../helpers/db.ts';
import { EXIT, assertRefused, assertSameTree, holdExclusiveLock, leftovers, makeSmallDb, readOnlyView, treeState, walFrames } from './harness.ts';

const PAGE = 4096;

interface Case {
  name: string;
  /** Creates the bad source in dir and returns the argument to pass. */
  setup: (dir: string) => string;
  code: number;
  mentions: (arg: string) => string[];
  extra?: string[];
}

function goodDb(dir: string, name = 'good.db'): string {
  const f = path.join(dir, name);
  makeSmallDb(f);
  return f;
}

const cases: Case[] = [
  { name: 'missing path', setup: (d) => path.join(d, 'missing.db'), code: EXIT.badInput, mentions: (a) => [a, 'no such file'] },
  {
    name: 'a directory',
    setup: (d) => {
      mkdirSync(path.join(d, 'adir'));
      return path.join(d, 'adir');
    },
    code: EXIT.badInput,
    mentions: (a) => [a, 'is a directory'],
  },
  { name: 'a device file', setup: () => '/dev/zero', code: EXIT.badInput, mentions: (a) => [a, 'not a regular file'] },
  // The shell passes a glob that matched nothing through as the pattern itself.
  { name: 'a glob matching nothing', setup: (d) => path.join(d, 'nothing-*.db'), code: EXIT.badInput, mentions: (a) => [a, 'no file matches this pattern'] },
  {
    name: 'an empty file',
    setup: (d) => {
      writeFileSync(path.join(d, 'empty.db'), '');
      return path.join(d, 'empty.db');
    },
    code: EXIT.badInput,
    mentions: (a) => [a, 'empty'],
  },
  {
    name: 'a text file',
    setup: (d) => {
      writeFileSync(path.join(d, 'notes.txt'), 'these are my notes\n'.repeat(200));
      return path.join(d, 'notes.txt');
    },
    code: EXIT.badInput,
    mentions: (a) => [a, 'not a SQLite 3 database'],
  },
  {
    name: 'random bytes',
    setup: (d) => {
      writeFileSync(path.join(d, 'random.db'), randomBytes(3 * PAGE));
      return path.join(d, 'random.db');
    },
    code: EXIT.badInput,
    mentions: (a) => [a, 'not a SQLite 3 database'],
  },
  {
    // SQLCipher encrypts page 1 too, header included; only a 16-byte salt comes first.
    name: 'a SQLCipher-like encrypted file',
    setup: (d) => {
      const f = goodDb(d, 'plain.db');
      const buf = readFileSync(f);
      const key = randomBytes(buf.length);
      for (let i = 0; i < buf.length; i++) buf[i] = (buf[i] as number) ^ (key[i] as number);
      writeFileSync(path.join(d, 'cipher.db'), buf);
      return path.join(d, 'cipher.db');
    },
    code: EXIT.badInput,
    mentions: (a) => [a, 'encrypted'],
  },
  {
    name: 'a database truncated at a page boundary',
    setup: (d) => {
      const f = goodDb(d, 'cut.db');
      truncateSync(f, 6 * PAGE);
      return f;
    },
    code: EXIT.corrupt,
    mentions: (a) => [a],
  },
  {
    name: 'a database truncated mid-page',
    setup: (d) => {
      const f = goodDb(d, 'cutmid.db');
      truncateSync(f, 6 * PAGE + 1234);
      return f;
    },
    code: EXIT.corrupt,
    mentions: (a) => [a],
  },
  {
    name: 'a database with a corrupted page',
    setup: (d) => {
      const f = goodDb(d, 'damaged.db');
      const fd = openSync(f, 'r+');
      // The middle of a b-tree page: cell pointers and content, so integrity_check must notice.
      writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 5 * PAGE + 8);
      closeSync(fd);
      return f;
    },
    code: EXIT.corrupt,
    mentions: (a) => [a, 'integrity check failed', '--allow-corrupt'],
  },
  {
    name: 'garbage appended after the last page',
    setup: (d) => {
      const f = goodDb(d, 'tail.db');
      appendFileSync(f, randomBytes(1000));
      return f;
    },
    code: EXIT.corrupt,
    mentions: (a) => [a, 'not a whole number', '--allow-corrupt'],
  },
  {
    name: 'a -wal with no database',
    setup: (d) => {
      // A WAL left behind by a database that was deleted or moved.
      const f = path.join(d, 'lost.db');
      makeSmallDb(f, 50, 'wal');
      walFrames(f, 20);
      renameSync(`${f}-wal`, `${f}-wal.keep`);
      rmSync(f);
      rmSync(`${f}-shm`, { force: true });
      renameSync(`${f}-wal.keep`, `${f}-wal`);
      return f;
    },
    code: EXIT.badInput,
    mentions: (a) => [a, '-wal is there'],
  },
];

for (const c of cases) {
  test(`snapshot refuses ${c.name}`, async (t) => {
    const dir = tempDir(t);
    const src = path.join(dir, 'src');
    mkdirSync(src);
    const arg = c.setup(src);
    const store = path.join(dir, 'store');
    const before = treeState(dir);
    const r = await runCli(['snapshot', arg, '--store', store, '--name', 'bad', ...(c.extra ?? [])]);
    assertRefused(r, c.code, c.mentions(arg));
    assertSameTree(before, treeState(dir), 'scratch directory');
    assert.equal(existsSync(store), false, 'the store was not created');
    assert.deepEqual(leftovers(dir), []);
  });
}

// Random rows put a different page under the damage each time: sometimes only integrity_check
// notices, sometimes SQLite cannot even count a table. Both must be kept, marked, and restorable.
test('--allow-corrupt keeps a copy of a damaged database, the manifest says so, and it restores byte for byte', async (t) => {
  const dir = tempDir(t);
  for (let i = 0; i < 6; i++) {
    const f = path.join(dir, `damaged-${i}.db`);
    makeSmallDb(f);
    const fd = openSync(f, 'r+');
    writeSync(fd, Buffer.alloc(400, 0xff), 0, 400, (2 + i) * PAGE + 8);
    closeSync(fd);
    const store = path.join(dir, 'store');
    const r = await runCli(['snapshot', f, '--store', store, '--name', `damaged-${i}`, '--allow-corrupt', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { manifest: { allowCorrupt?: boolean; databases: { integrity: { ok: boolean | null }; rawSha256: string }[] } };
    assert.equal(out.manifest.allowCorrupt, true);
    assert.equal(out.manifest.databases[0]?.integrity.ok, false);
    const inspect = await runCli(['inspect', '--store', store, '--name', `damaged-${i}`]);
    assert.match(inspect.stdout, /TAKEN WITH --allow-corrupt/);
    const back = path.join(dir, `back-${i}.db`);
    const rr = await runCli(['restore', '--store', store, '--name', `damaged-${i}`, '--to', back, '--quiet']);
    assert.equal(rr.code, 0, rr.stderr);
    assert.equal(sha256File(back), sha256File(f));
  }
});

test('a database locked by another process: clear timeout error, then it succeeds once released', async (t) => {
  const dir = tempDir(t);
  const f = path.join(dir, 'locked.db');
  makeSmallDb(f);
  const store = path.join(dir, 'store');
  const lock = await holdExclusiveLock(f);
  t.after(() => lock.proc.kill('SIGKILL'));
  const before = treeState(dir);
  const r = await runCli(['snapshot', f, '--store', store, '--name', 'locked', '--busy-timeout', '200']);
  assertRefused(r, EXIT.busy, [f, 'locked by another process', 'busy timeout']);
  assertSameTree(before, treeState(dir), 'scratch directory');
  await lock.release();
  const ok = await runCli(['snapshot', f, '--store', store, '--name', 'locked', '--busy-timeout', '200', '--quiet']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(leftovers(dir), []);
});

test('a source in a read-only directory is snapshotted read-only (crash recovery on a private copy when needed)', async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'src');
  mkdirSync(src);
  makeSmallDb(path.join(src, 'rollback.db'));
  // WAL mode, closed cleanly: no -wal, no -shm. SQLite cannot create the -shm here.
  makeSmallDb(path.join(src, 'walclean.db'), 300, 'wal');
  // WAL mode with committed frames and a -shm left by a process that is gone.
  makeSmallDb(path.join(src, 'walshm.db'), 300, 'wal');
  walFrames(path.join(src, 'walshm.db'), 30);
  // WAL mode with committed frames but no -shm: needs crash recovery, run on a private copy.
  makeSmallDb(path.join(src, 'walnoshm.db'), 300, 'wal');
  walFrames(path.join(src, 'walnoshm.db'), 30);
  rmSync(path.join(src, 'walnoshm.db-shm'));
  const ro = readOnlyView(src, t);
  if (!ro) {
    t.skip('mounting a read-only bind mount is not permitted here (needs root)');
    return;
  }
  assert.throws(() => writeFileSync(path.join(ro, 'probe'), 'x'), /EROFS/);
  const store = path.join(dir, 'store');
  const before = treeState(src);
  for (const name of ['rollback.db', 'walclean.db', 'walshm.db', 'walnoshm.db']) {
    const r = await runCli(['snapshot', path.join(ro, name), '--store', store, '--name', name, '--quiet']);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    const back = path.join(dir, 'back', name);
    const v = await runCli(['restore', '--store', store, '--name', name, '--to', back, '--quiet']);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(countRows(back), 300);
  }
  assertSameTree(before, treeState(src), 'source directory');
  assert.deepEqual(leftovers(dir), []);
});

function countRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number(db.prepare('SELECT count(*) FROM t').pluck().get());
  } finally {
    db.close();
  }
}
