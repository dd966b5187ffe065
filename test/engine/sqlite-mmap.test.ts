import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase, runCheck } from '../../src/engine/sqlite/sqlite.ts';
import { ACCOUNTS, ROOT, START_BALANCE, makeBank, tempDir } from '../helpers/db.ts';

const mapped = process.platform !== 'win32';

test('read-only connections map the database (quick_check without a pread per page); read-write ones do not', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'bank.db');
  makeBank(file, { journalMode: 'wal', fillerRows: 2000 });
  const ro = openDatabase(file, { readonly: true });
  const rw = openDatabase(file);
  try {
    const size = Number(ro.pragma('mmap_size', { simple: true }));
    if (mapped) assert.ok(size >= statSync(file).size, `mmap_size ${size}`);
    else assert.equal(size, 0);
    assert.equal(Number(rw.pragma('mmap_size', { simple: true })), 0);
    assert.deepEqual(runCheck(ro, 'quick'), { check: 'quick', ok: true, messages: [] });
  } finally {
    ro.close();
    rw.close();
  }
});

test('a mapped reader stays correct while another process grows, VACUUMs and truncates the file under it', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'bank.db');
  makeBank(file, { journalMode: 'wal', fillerRows: 2000 });
  const shrinker = spawn(process.execPath, [path.join(ROOT, 'test', 'helpers', 'shrinker.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  shrinker.stdout.setEncoding('utf8');
  shrinker.stdout.on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => shrinker.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    shrinker.stdout.on('data', () => out.includes('ready\n') && resolve());
    void exited.then((code) => reject(new Error(`shrinker exited early with ${code}: ${out}`)));
  });
  const sizes = new Set<number>();
  const db = openDatabase(file, { readonly: true, busyTimeoutMs: 10_000 });
  let reads = 0;
  try {
    // Two seconds of reads, longer (up to 30 s) until the shrinker has done 3 rounds and the file
    // has been seen at two sizes: on a loaded machine (a full test run's disk) its rounds are slow,
    // and a round's large file lasts only from its first checkpoint to its second.
    const started = Date.now();
    const enough = (): boolean => sizes.size >= 2 && (out.match(/^round /gm) ?? []).length >= 3;
    for (; Date.now() - started < 2000 || (!enough() && Date.now() - started < 30_000); reads++) {
      sizes.add(statSync(file).size);
      db.exec('BEGIN');
      try {
        assert.equal(runCheck(db, 'quick').ok, true);
        const r = db.prepare('SELECT count(*) AS n, sum(balance) AS total FROM accounts').get() as { n: number; total: number };
        assert.deepEqual(r, { n: ACCOUNTS, total: ACCOUNTS * START_BALANCE });
      } finally {
        db.exec('COMMIT');
      }
      sizes.add(statSync(file).size);
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    db.close();
    shrinker.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
  const rounds = (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { rounds?: number }).rounds ?? 0;
  t.diagnostic(`${reads} reads, ${rounds} grow-and-shrink rounds, ${sizes.size} file sizes seen`);
  assert.ok(rounds >= 3 && sizes.size >= 2, `the file must really have changed size: ${rounds} rounds, sizes ${[...sizes].join(', ')}`);
});
