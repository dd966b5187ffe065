import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ACCOUNTS, START_BALANCE, makeBank, runCli, startWriter, tempDir } from '../helpers/db.ts';
import { LOCK_HOLDER, generations, leftovers, restoreGeneration, startCli, waitFor } from '../helpers/history.ts';

const INVARIANT = ACCOUNTS * START_BALANCE;

interface Event {
  event: string;
  reason?: string;
  generation?: string;
  pruned?: string[];
  ms?: number;
}

const events = (text: string): Event[] =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Event);

test('watch under a live writer: ticks become verified generations, --keep 2 leaves two, restores keep working', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 3000 });
  const store = path.join(dir, 'store');

  // Baseline: the same writer with nothing else running.
  const alone = await startWriter(db);
  await new Promise((r) => setTimeout(r, 1500));
  const base = await alone.stop();

  const writer = await startWriter(db);
  const watch = startCli(['watch', db, '--store', store, '--name', 'w', '--every', '250ms', '--keep', '2', '--json']);
  let restores = 0;
  let prunedFirst = 0;
  const restoreFailures: string[] = [];
  let run: { transactions: number; ms: number; maxCommitMs: number };
  try {
    // Restore the newest generation again and again while watch publishes and prunes around it.
    while (events(watch.stdout()).filter((e) => e.event === 'snapshot').length < 6) {
      const gen = generations(store, 'w').at(-1);
      if (gen) {
        const r = await restoreGeneration(store, 'w', gen, path.join(dir, `restore-${restores}.db`));
        restores++;
        // Pruned between our listing and the restore opening it: a clean "not found" is the contract.
        if (r.code === 5 && /no generation/.test(r.stderr)) prunedFirst++;
        else if (r.code !== 0 || r.total !== INVARIANT || r.integrity !== 'ok') restoreFailures.push(`${gen}: ${r.code} ${r.total} ${r.stderr}`);
      } else await new Promise((r) => setTimeout(r, 20));
      if (watch.proc.exitCode !== null) break;
    }
  } finally {
    run = await writer.stop();
    watch.proc.kill('SIGTERM');
  }
  assert.equal(await watch.exited, 0, watch.stderr());
  const log = events(watch.stdout());
  const snaps = log.filter((e) => e.event === 'snapshot');
  assert.ok(snaps.length >= 6, `expected 6+ snapshots, got ${snaps.length}: ${watch.stderr()}`);
  assert.equal(log.at(-1)?.event, 'stopped');
  assert.ok(snaps.slice(2).every((e) => (e.pruned ?? []).length >= 1), 'from the third snapshot on, each prunes');
  const gens = generations(store, 'w');
  assert.equal(gens.length, 2, `--keep 2 left ${gens.join(', ')}`);
  assert.deepEqual(gens, snaps.slice(-2).map((e) => e.generation));
  for (const g of gens) {
    const r = await restoreGeneration(store, 'w', g, path.join(dir, `final-${g}.db`));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.integrity, 'ok');
    assert.equal(r.total, INVARIANT, `generation ${g} breaks the invariant`);
  }
  assert.deepEqual(restoreFailures, [], 'restores during watch failed');
  assert.ok(restores > 0);
  assert.deepEqual(leftovers(store), []);
  const rate = (w: { transactions: number; ms: number }): string => `${Math.round((w.transactions * 1000) / w.ms)} tx/s`;
  t.diagnostic(
    `writer alone: ${rate(base)}, longest commit ${base.maxCommitMs.toFixed(1)} ms; ` +
      `during watch (${snaps.length} snapshots, ${Math.round(snaps.reduce((a, e) => a + (e.ms ?? 0), 0) / snaps.length)} ms each): ` +
      `${rate(run)}, longest commit ${run.maxCommitMs.toFixed(1)} ms; ${restores} restores during watch: ${restores - prunedFirst - restoreFailures.length} ok, ${prunedFirst} found their generation already pruned (exit 5), ${restoreFailures.length} failed`,
  );
});

/** `watch` on a bank big enough that its first snapshot takes a while, caught in the middle of it. */
async function watchMidSnapshot(t: TestContext): Promise<{ dir: string; store: string; watch: ReturnType<typeof startCli> }> {
  const dir = tempDir(t);
  const db = path.join(dir, 'big.db');
  makeBank(db, { fillerRows: 40_000 });
  const store = path.join(dir, 'store');
  const watch = startCli(['watch', db, '--store', store, '--name', 'w', '--every', '1h']);
  await waitFor('a staging directory', () => readdirSafe(path.join(store, 'w')).some((e) => e.startsWith('.staging-')));
  return { dir, store, watch };
}

test('SIGTERM mid-snapshot: watch finishes it, publishes a complete generation, leaves nothing else', async (t) => {
  const { dir, store, watch } = await watchMidSnapshot(t);
  watch.proc.kill('SIGTERM');
  assert.equal(await watch.exited, 0, watch.stderr());
  assert.match(watch.stderr(), /SIGTERM: finishing the snapshot in progress/);
  assert.match(watch.stdout(), /^\S+Z w: generation \S+: 1 database\(s\), .* -> .*, backup\/file-copy, verified quick, /m);
  const gens = generations(store, 'w');
  assert.equal(gens.length, 1);
  const r = await restoreGeneration(store, 'w', gens[0] as string, path.join(dir, 'r.db'));
  assert.equal(r.total, INVARIANT);
  assert.deepEqual(leftovers(store), []);
});

test('a second SIGTERM discards the snapshot in flight: no staging, no temp file, no half generation', async (t) => {
  const { store, watch } = await watchMidSnapshot(t);
  watch.proc.kill('SIGTERM');
  await waitFor('the stopping message', () => watch.stderr().includes('finishing'));
  watch.proc.kill('SIGTERM');
  const code = await watch.exited;
  const gens = generations(store, 'w');
  // Discarded (143) unless the snapshot happened to finish between the two signals (0).
  assert.ok((code === 143 && gens.length === 0) || (code === 0 && gens.length === 1), `exit ${code} with ${gens.length} generation(s): ${watch.stderr()}`);
  assert.deepEqual(leftovers(store), []);
  assert.deepEqual(readdirSafe(path.join(store, 'w')), gens, 'only complete generations may remain');
  t.diagnostic(`second SIGTERM: ${code === 143 ? 'discarded the snapshot in flight' : 'the snapshot had finished first'}`);
});

test('watch skips ticks while another process holds the lock, and recovers it after a kill -9', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db);
  const store = path.join(dir, 'store');
  const holder = spawn(process.execPath, [LOCK_HOLDER, store, 'w', '0', '1', '-', '--forever'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  holder.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor('the holder to lock', () => out.includes('locked'));
  const watch = startCli(['watch', db, '--store', store, '--name', 'w', '--every', '100ms']);
  try {
    await waitFor('two skipped ticks', () => (watch.stderr().match(/skipped this tick/g) ?? []).length >= 2);
    assert.equal(generations(store, 'w').length, 0);
    assert.match(watch.stderr(), new RegExp(`skipped this tick: snapshot "w" in .* is locked by pid ${holder.pid} .*\\(lock-holder, since`));
    holder.kill('SIGKILL');
    await waitFor('a generation after the takeover', () => generations(store, 'w').length >= 1);
  } finally {
    holder.kill('SIGKILL');
    watch.proc.kill('SIGINT');
  }
  assert.equal(await watch.exited, 0, watch.stderr());
  assert.match(watch.stderr(), new RegExp(`took over the lock of "w" left by pid ${holder.pid}`));
  assert.deepEqual(leftovers(store), []);
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

test('WAL: a writer with busy_timeout 0 is never refused a lock while watch snapshots its database', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 3000 });
  // busy_timeout 0: the first SQLITE_BUSY kills the writer, so surviving means zero lock waits.
  const writer = await startWriter(db, ['--busy-timeout', '0']);
  const watch = startCli(['watch', db, '--store', path.join(dir, 'store'), '--name', 'w', '--every', '100ms', '--json']);
  try {
    await waitFor('4 snapshots', () => (watch.stdout().match(/"event":"snapshot"/g) ?? []).length >= 4 || writer.proc.exitCode !== null);
  } finally {
    watch.proc.kill('SIGTERM');
    await watch.exited;
  }
  assert.equal(writer.proc.exitCode, null, 'the writer died: a snapshot made it wait for a lock');
  const w = await writer.stop();
  t.diagnostic(`busy_timeout 0 writer survived 4+ snapshots: ${w.transactions} transactions, 0 lock waits`);
});

test('two watch processes and a manual snapshot of one name: never at once, every generation whole', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 3000 });
  const store = path.join(dir, 'store');
  const writer = await startWriter(db);
  const args = ['watch', db, '--store', store, '--name', 'w', '--every', '100ms', '--json'];
  const a = startCli(args);
  const b = startCli(args);
  const count = (r: typeof a, ev: string): number => events(r.stdout()).filter((e) => e.event === ev).length;
  let manual: { code: number; stderr: string };
  try {
    await waitFor('both watches to snapshot', () => count(a, 'snapshot') >= 2 && count(b, 'snapshot') >= 2);
    manual = await runCli(['snapshot', db, '--store', store, '--name', 'w', '-q']);
  } finally {
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    await writer.stop();
  }
  assert.equal(manual.code, 0, manual.stderr);
  const gens = generations(store, 'w');
  const made = count(a, 'snapshot') + count(b, 'snapshot') + 1;
  assert.equal(gens.length, made, 'one generation per snapshot logged');
  const lockSkips = (r: typeof a): number => events(r.stdout()).filter((e) => e.event === 'skipped' && /is locked by pid \d+/.test(e.reason ?? '')).length;
  const skipped = lockSkips(a) + lockSkips(b);
  assert.ok(skipped > 0, 'with ticks every 100 ms, some must have found the other watch holding the lock');
  for (const g of gens) {
    const r = await restoreGeneration(store, 'w', g, path.join(dir, `r-${g}.db`));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.total, INVARIANT, `generation ${g} breaks the invariant`);
  }
  assert.deepEqual(leftovers(store), []);
  t.diagnostic(`two watches + 1 manual snapshot: ${count(a, 'snapshot')} + ${count(b, 'snapshot')} + 1 generations, ${skipped} ticks skipped because the other held the lock, ${gens.length} of ${gens.length} restored with the invariant, ${count(a, 'error') + count(b, 'error')} errors`);
  assert.equal(count(a, 'error') + count(b, 'error'), 0, a.stdout() + b.stdout());
});
