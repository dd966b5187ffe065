import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ACCOUNTS, START_BALANCE, makeBank, runCli, startWriter, tempDir } from '../helpers/db.ts';
import { LOCK_HOLDER, generations, leftovers, restoreGeneration, startCli, waitFor } from '../helpers/history.ts';

test('the writer lock excludes: 4 processes x 5 rounds never hold it at the same time', async (t) => {
  const dir = tempDir(t);
  const log = path.join(dir, 'log');
  const procs = Array.from({ length: 4 }, () => spawn(process.execPath, [LOCK_HOLDER, path.join(dir, 'store'), 'n', '15', '5', log], { stdio: 'inherit' }));
  const codes = await Promise.all(procs.map((p) => new Promise<number | null>((r) => p.on('close', r))));
  assert.deepEqual(codes, [0, 0, 0, 0]);
  const events = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' '));
  assert.equal(events.length, 40);
  // Written only while holding the lock, so in file order every enter must be followed by its own exit.
  for (let i = 0; i < events.length; i += 2) {
    const [a, b] = [events[i] as string[], events[i + 1] as string[]];
    assert.equal(a[1], 'enter');
    assert.equal(b[1], 'exit');
    assert.equal(a[0], b[0], `holder ${a[0]} entered but ${b[0]} exited next: the lock let two in`);
  }
  t.diagnostic(`lock exclusion: 20 of 20 holds by 4 processes were exclusive`);
});

test('a lock left by a kill -9 is taken over; a live one makes snapshot --lock-timeout 0 exit 4', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db);
  const store = path.join(dir, 'store');
  const holder = spawn(process.execPath, [LOCK_HOLDER, store, 'n', '0', '1', '-', '--forever'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  holder.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor('the holder to lock', () => out.includes('locked'));

  const busy = await runCli(['snapshot', db, '--store', store, '--name', 'n', '--lock-timeout', '0']);
  assert.equal(busy.code, 4, busy.stderr);
  assert.match(busy.stderr, new RegExp(`is locked by pid ${holder.pid} .*lock-holder`));
  assert.deepEqual(generations(store, 'n'), [], 'a refused snapshot wrote a generation');

  const waited = await runCli(['snapshot', db, '--store', store, '--name', 'n', '--lock-timeout', '300ms']);
  assert.equal(waited.code, 4, waited.stderr);
  assert.match(waited.stderr, /after waiting/);

  holder.kill('SIGKILL');
  await new Promise((r) => holder.on('close', r));
  assert.ok(existsSync(path.join(store, '.locks', 'n.owner.json')), 'the killed holder should have left its owner file');
  const taken = await runCli(['snapshot', db, '--store', store, '--name', 'n', '--lock-timeout', '0', '--verify']);
  assert.equal(taken.code, 0, taken.stderr);
  assert.match(taken.stderr, new RegExp(`took over the lock of "n" left by pid ${holder.pid}`));
  const gens = generations(store, 'n');
  assert.equal(gens.length, 1);
  const r = await restoreGeneration(store, 'n', gens[0] as string, path.join(dir, 'out.db'));
  assert.equal(r.total, ACCOUNTS * START_BALANCE);
  assert.deepEqual(leftovers(store), []);
  assert.ok(!existsSync(path.join(store, '.locks', 'n.owner.json')), 'the owner file outlived its release');
});

test('concurrent snapshots of one name under a live writer: all wait their turn, none mixed', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 20_000 });
  const store = path.join(dir, 'store');
  const writer = await startWriter(db);
  let waitedCodes: number[];
  let noWaitCodes: number[];
  let noWaitErr: string[];
  try {
    const run = (extra: string[]): Promise<{ code: number; stderr: string }[]> =>
      Promise.all(Array.from({ length: 4 }, () => runCli(['snapshot', db, '--store', store, '--name', 'n', '-q', '--verify', ...extra])));
    const waited = await run([]);
    waitedCodes = waited.map((r) => r.code);
    const noWait = await run(['--lock-timeout', '0']);
    noWaitCodes = noWait.map((r) => r.code);
    noWaitErr = noWait.filter((r) => r.code !== 0).map((r) => r.stderr);
  } finally {
    await writer.stop();
  }
  assert.deepEqual(waitedCodes, [0, 0, 0, 0], 'waiting snapshots should all succeed');
  const ok = noWaitCodes.filter((c) => c === 0).length;
  assert.ok(ok >= 1, 'one snapshot should get the lock');
  assert.ok(noWaitCodes.every((c) => c === 0 || c === 4), `only success or busy expected: ${noWaitCodes}`);
  for (const e of noWaitErr) assert.match(e, /is locked by pid \d+ .*\(snapshot, since/);
  const gens = generations(store, 'n');
  assert.equal(gens.length, 4 + ok, 'one complete generation per successful snapshot');
  let good = 0;
  for (const g of gens) {
    const manifest = JSON.parse(readFileSync(path.join(store, 'n', g, 'manifest.json'), 'utf8')) as { databases: unknown[] };
    assert.equal(manifest.databases.length, 1);
    const v = await runCli(['verify', '--store', store, '--name', 'n', '--generation', g, '--check', 'quick', '-q']);
    assert.equal(v.code, 0, v.stderr);
    const r = await restoreGeneration(store, 'n', g, path.join(dir, `r-${g}.db`));
    assert.equal(r.integrity, 'ok');
    assert.equal(r.total, ACCOUNTS * START_BALANCE, `generation ${g} breaks the invariant`);
    good++;
  }
  assert.deepEqual(leftovers(store), []);
  t.diagnostic(`concurrent snapshot: waiting 4 of 4 ok; --lock-timeout 0: ${ok} ok, ${4 - ok} busy (exit 4); ${good} of ${gens.length} generations verified + invariant ok, 0 mixed/corrupt`);
});

test('a snapshot killed -9 midway: the next one takes its lock over and removes its staging directory', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'big.db');
  makeBank(db, { fillerRows: 40_000 });
  const store = path.join(dir, 'store');
  const victim = startCli(['snapshot', db, '--store', store, '--name', 'n', '-q']);
  await waitFor('a staging directory', () => existsSync(path.join(store, 'n')) && readdirSync(path.join(store, 'n')).some((e) => e.startsWith('.staging-')));
  victim.proc.kill('SIGKILL');
  await victim.exited;
  assert.ok(leftovers(store).some((e) => e.includes('.staging-')), 'the killed snapshot should have left its staging directory');
  const next = await runCli(['snapshot', db, '--store', store, '--name', 'n', '--lock-timeout', '0', '-q']);
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stderr, new RegExp(`took over the lock of "n" left by pid ${victim.proc.pid} .*\\(snapshot, since`));
  assert.match(next.stderr, /removed what crashed runs left in "n": \.staging-/);
  assert.deepEqual(leftovers(store), []);
  assert.equal(generations(store, 'n').length, 1);
});
