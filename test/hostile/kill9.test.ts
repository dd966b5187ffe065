/**
 * kill -9 of the CLI at random moments. A killed run cannot clean up, so temp files and staging
 * directories may remain; what must hold is that nothing a later run trusts is half-written:
 * every generation the store offers verifies, and a restore target is either its old bytes or a
 * complete, valid new database. The outcome counts are printed (they are figures, not assertions).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { verifySnapshot } from '../../src/engine/restore/verify.ts';
import { LocalStore } from '../../src/store/local/local.ts';
import { ACCOUNTS, CLI, START_BALANCE, makeBank, runCli, sha256File, tempDir } from '../helpers/db.ts';
import { leftovers } from './harness.ts';

const ITERATIONS = Number(process.env.KILL9_ITERATIONS ?? 60);

/** Runs the CLI and SIGKILLs it after `afterMs` (if still running). Resolves with how it ended. */
function runAndKill(args: string[], afterMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => proc.kill('SIGKILL'), afterMs);
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

/**
 * How long a complete run takes here, so kill times spread over the whole run: the median of the
 * first 3 of the runs the test makes (`args(i)`), after one untimed run. Timed cold, the first
 * CLI start of a fresh clone took 690 ms against ~400 for the runs after it, and three quarters
 * of those then finished before their kill.
 */
async function fullRunMs(args: (i: number) => string[], reset?: () => void): Promise<number> {
  const run = async (i: number): Promise<number> => {
    reset?.();
    const t0 = performance.now();
    const r = await runCli(args(i));
    assert.equal(r.code, 0, r.stderr);
    return performance.now() - t0;
  };
  await run(0);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(await run(i));
  return times.sort((a, b) => a - b)[1] as number;
}

/** Node's own start-up is a fifth of a run or so; kill times cover the rest and a little past the end. */
const killAt = (full: number): number => full * (0.2 + Math.random() * 0.95);

/** Valid bank (integrity, invariant total) and its filler row count, which tells old from new. */
function bankState(file: string, readonly = true): { ok: boolean; filler: number; balances: string } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly, fileMustExist: true });
    const integrity = String(db.prepare('PRAGMA integrity_check').pluck().get());
    const total = Number(db.prepare('SELECT sum(balance) FROM accounts').pluck().get());
    const filler = Number(db.prepare('SELECT count(*) FROM filler').pluck().get());
    const balances = String(db.prepare('SELECT group_concat(balance) FROM (SELECT balance FROM accounts ORDER BY id)').pluck().get());
    return { ok: integrity === 'ok' && total === ACCOUNTS * START_BALANCE, filler, balances };
  } catch {
    return { ok: false, filler: -1, balances: '' };
  } finally {
    db?.close();
  }
}

test(`kill -9 during snapshot, ${ITERATIONS} times: the store never offers a half-written snapshot`, async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  // Committed transfers left in the -wal, so the backup API path (with its raw temp copy) runs too.
  makeBank(db, { fillerRows: 600, walTransfers: 300 });
  const storeDir = path.join(dir, 'store');
  const args = (i: number): string[] => ['snapshot', db, '--store', storeDir, '--name', 'bank', '--method', ['auto', 'vacuum', 'backup'][i % 3] as string, '--quiet'];
  const full = await fullRunMs(args);
  const store = new LocalStore(storeDir);
  const verified = new Set((await store.list('bank')).map((g) => g.generation));
  const counts = { killed: 0, finished: 0, newGeneration: 0, noGeneration: 0, broken: 0 };
  for (let i = 0; i < ITERATIONS; i++) {
    const how = await runAndKill(args(i), killAt(full));
    counts[how]++;
    const fresh = (await store.list('bank')).filter((g) => !verified.has(g.generation));
    if (fresh.length === 0) counts.noGeneration++;
    for (const g of fresh) {
      const report = await verifySnapshot(g.dir, 'quick');
      if (report.ok) counts.newGeneration++;
      else counts.broken++;
      verified.add(g.generation);
    }
  }
  const left = leftovers(storeDir);
  console.log(`kill -9 during snapshot: ${JSON.stringify(counts)}; full run ${full.toFixed(0)} ms; ${left.length} leftover staging dirs/temp files (never offered)`);
  assert.equal(counts.broken, 0);
  assert.ok(counts.killed >= ITERATIONS / 4, 'most runs were actually killed mid-way');
  // The newest generation a restore would pick is whole, and the source was never harmed.
  const back = path.join(dir, 'back.db');
  const r = await runCli(['restore', '--store', storeDir, '--name', 'bank', '--to', back, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(bankState(back).ok, true);
  assert.equal(bankState(db).ok, true);
});

/** `<dir>/target/app.db`, and a reset that makes it a fresh copy of `pristine` (with its -wal when `withWal`) in an otherwise empty directory. */
function resettableTarget(dir: string, pristine: string, withWal = false): { targetDir: string; target: string; reset: () => void } {
  const targetDir = path.join(dir, 'target');
  const target = path.join(targetDir, 'app.db');
  const reset = (): void => {
    rmSync(targetDir, { recursive: true, force: true });
    mkdirSync(targetDir);
    copyFileSync(pristine, target);
    if (withWal) copyFileSync(`${pristine}-wal`, `${target}-wal`);
  };
  return { targetDir, target, reset };
}

test(`kill -9 during restore, ${ITERATIONS} times: the target is its old bytes or a complete new database`, async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'new.db');
  makeBank(src, { fillerRows: 600, walTransfers: 300 });
  const storeDir = path.join(dir, 'store');
  const s = await runCli(['snapshot', src, '--store', storeDir, '--name', 'bank', '--quiet']);
  assert.equal(s.code, 0, s.stderr);
  const raw = await runCli(['restore', '--store', storeDir, '--name', 'bank', '--to', path.join(dir, 'raw.db'), '--quiet']);
  assert.equal(raw.code, 0, raw.stderr);
  const newFiller = bankState(src).filler;
  const newSha = sha256File(path.join(dir, 'raw.db'));
  // The old target: a different bank (less filler), rollback journal, no side files.
  const pristine = path.join(dir, 'pristine-old.db');
  makeBank(pristine, { journalMode: 'delete', fillerRows: 100 });
  const oldSha = sha256File(pristine);
  const { targetDir, target, reset } = resettableTarget(dir, pristine);
  // Half the runs also switch the journal mode on the temp file (one more step to be killed in).
  const args = (i: number): string[] => ['restore', '--store', storeDir, '--name', 'bank', '--to', target, '--quiet', ...(i % 2 ? ['--journal-mode', 'delete'] : [])];
  const full = await fullRunMs(args, reset);
  const counts = { killed: 0, finished: 0, old: 0, new: 0, broken: 0, leftoverTemps: 0 };
  for (let i = 0; i < ITERATIONS; i++) {
    reset();
    const how = await runAndKill(args(i), killAt(full));
    counts[how]++;
    counts.leftoverTemps += leftovers(targetDir).length;
    if (sha256File(target) === oldSha) {
      counts.old++;
      continue;
    }
    // Journal mode kept: the new file must be the snapshot's bytes; switched: the same content.
    const st = bankState(target);
    const whole = i % 2 ? st.ok && st.filler === newFiller : sha256File(target) === newSha && st.ok;
    if (whole) counts.new++;
    else counts.broken++;
  }
  console.log(`kill -9 during restore: ${JSON.stringify(counts)}; full run ${full.toFixed(0)} ms`);
  assert.equal(counts.broken, 0);
  assert.ok(counts.killed >= ITERATIONS / 4, 'most runs were actually killed mid-way');
  // .locks is the snapshot's (writers' lock files); restores take no lock and write nothing.
  assert.deepEqual(readdirSync(storeDir), ['.locks', 'bank'], 'restore writes nothing into the store');
});

test(`kill -9 during restore over a WAL target with un-checkpointed frames, ${Math.ceil(ITERATIONS / 2)} times: old content or new, never a mix`, async (t) => {
  const dir = tempDir(t);
  const src = path.join(dir, 'new.db');
  makeBank(src, { fillerRows: 600, journalMode: 'delete' });
  const storeDir = path.join(dir, 'store');
  const s = await runCli(['snapshot', src, '--store', storeDir, '--name', 'bank', '--quiet']);
  assert.equal(s.code, 0, s.stderr);
  const newFiller = bankState(src).filler;
  // The old target holds committed transfers only in its -wal: a stale or lost WAL shows at once.
  const pristine = path.join(dir, 'pristine', 'old.db');
  mkdirSync(path.dirname(pristine));
  makeBank(pristine, { fillerRows: 100, walTransfers: 200 });
  // Read from a copy: opening the pristine files would checkpoint their WAL away.
  copyFileSync(pristine, path.join(dir, 'probe.db'));
  copyFileSync(`${pristine}-wal`, path.join(dir, 'probe.db-wal'));
  const oldState = bankState(path.join(dir, 'probe.db'));
  const { targetDir, target, reset } = resettableTarget(dir, pristine, true);
  const args = ['restore', '--store', storeDir, '--name', 'bank', '--to', target, '--quiet'];
  const full = await fullRunMs(() => args, reset);
  const counts = { killed: 0, finished: 0, old: 0, new: 0, broken: 0, hotJournal: 0 };
  for (let i = 0; i < Math.ceil(ITERATIONS / 2); i++) {
    reset();
    counts[await runAndKill(args, killAt(full))]++;
    // Killed while SQLite was taking the old file out of WAL mode: its own rollback journal is
    // hot and the next read-write open (any application's) rolls it back. Checked that way.
    if (existsSync(`${target}-journal`)) counts.hotJournal++;
    const st = bankState(target, false);
    if (st.ok && st.filler === oldState.filler && st.balances === oldState.balances) counts.old++;
    else if (st.ok && st.filler === newFiller) counts.new++;
    else {
      counts.broken++;
      if (process.env.KILL9_KEEP) cpSync(targetDir, `${process.env.KILL9_KEEP}-${i}`, { recursive: true });
    }
  }
  console.log(`kill -9 during restore over a WAL target: ${JSON.stringify(counts)}; full run ${full.toFixed(0)} ms`);
  assert.equal(counts.broken, 0);
});
