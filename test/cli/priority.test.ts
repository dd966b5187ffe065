import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { inCi, priorityFrom } from '../../src/cli/priority.ts';
import { SnapshotError } from '../../src/engine/common/errors.ts';
import { CLI, ROOT, makeBank, runCli, tempDir } from '../helpers/db.ts';
import { LOCK_HOLDER } from '../helpers/history.ts';
import { threadNices } from '../helpers/threads.ts';

const linux = process.platform === 'linux';
const CHILD = path.join(ROOT, 'test', 'helpers', 'priority-child.ts');
const parsed = (priority?: string): Parameters<typeof priorityFrom>[0] => ({ values: priority === undefined ? {} : { priority }, positionals: [] });

test('--priority: low by default, normal where CI is set, either when asked; anything else is a one-line input error', () => {
  assert.equal(priorityFrom(parsed(), {}), 'low');
  assert.equal(priorityFrom(parsed(), { CI: 'true' }), 'normal');
  assert.equal(priorityFrom(parsed(), { CI: '1' }), 'normal');
  assert.equal(priorityFrom(parsed(), { CI: 'false' }), 'low');
  assert.equal(priorityFrom(parsed(), { CI: '' }), 'low');
  assert.equal(priorityFrom(parsed('low'), { CI: 'true' }), 'low');
  assert.equal(priorityFrom(parsed('normal'), {}), 'normal');
  assert.equal(inCi({ CI: 'true' }), true);
  assert.throws(
    () => priorityFrom(parsed('idle'), {}),
    (e: unknown) => e instanceof SnapshotError && e.kind === 'bad-input' && e.message === '--priority: unknown value "idle"; use one of low, normal',
  );
});

test('the CLI refuses an unknown --priority with exit 2 and writes nothing', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db);
  const common = [db, '--store', path.join(dir, 'store'), '--name', 'n', '--priority', 'high'];
  for (const args of [['snapshot', ...common], ['watch', ...common, '--every', '1h']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, 'sqlite-snapshot: error: --priority: unknown value "high"; use one of low, normal\n');
  }
  assert.equal(existsSync(path.join(dir, 'store')), false);
});

test('low lowers every thread to nice 10, those started before and after; normal leaves them; a lower priority is never raised', { skip: !linux && 'thread priorities are read from /proc' }, () => {
  const run = (priority: string, nice?: number): { lowered: number; nice: Record<string, number> } =>
    JSON.parse(execFileSync(...((nice === undefined ? [process.execPath, [CHILD, priority]] : ['nice', ['-n', String(nice), process.execPath, CHILD, priority]]) as [string, string[]]), { encoding: 'utf8' })) as {
      lowered: number;
      nice: Record<string, number>;
    };
  const low = run('low');
  // Main thread, two workers, V8's and libuv's helper threads: all of them.
  assert.ok(Object.keys(low.nice).length >= 4, JSON.stringify(low));
  assert.deepEqual(new Set(Object.values(low.nice)), new Set([10]), JSON.stringify(low));
  assert.ok(low.lowered >= 2);
  const normal = run('normal');
  assert.deepEqual(new Set(Object.values(normal.nice)), new Set([0]), JSON.stringify(normal));
  assert.equal(normal.lowered, 0);
  const already = run('low', 15);
  assert.deepEqual(new Set(Object.values(already.nice)), new Set([15]), JSON.stringify(already));
  assert.equal(already.lowered, 0);
});

/** Starts the CLI, waits until `ready(output)`, returns the nice values of its threads, then lets it go on. */
async function nicesWhileRunning(args: string[], env: NodeJS.ProcessEnv, ready: (out: string) => boolean): Promise<{ nice: number[]; proc: ReturnType<typeof spawn>; output: () => string }> {
  const proc = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!ready(out)) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`not ready: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { nice: Object.values(threadNices(proc.pid as number)), proc, output: () => out };
}

const exitOf = (proc: ReturnType<typeof spawn>): Promise<number | null> => (proc.exitCode !== null ? Promise.resolve(proc.exitCode) : new Promise((r) => proc.once('exit', r)));

for (const [label, env, args, want] of [
  ['default outside CI', {}, [], 10],
  ['CI set', { CI: 'true' }, [], 0],
  ['--priority normal', {}, ['--priority', 'normal'], 0],
  ['--priority low in CI', { CI: 'true' }, ['--priority', 'low'], 10],
] as const) {
  test(`snapshot and watch run at nice ${want}: ${label}`, { skip: !linux && 'thread priorities are read from /proc' }, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    const store = path.join(dir, 'store');
    makeBank(db);
    // snapshot: held at the store's lock by another process, so it is alive long enough to look at.
    const holder = spawn(process.execPath, [LOCK_HOLDER, store, 'p', '0', '0', '-', '--forever'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()));
    const snap = await nicesWhileRunning(['snapshot', db, '--store', store, '--name', 'p', '--lock-timeout', '30s', ...args], env, () => true);
    // Lowered at the start of the command, before anything waits: poll briefly for it.
    let nice = snap.nice;
    for (let i = 0; i < 100 && nice.some((n) => n !== want); i++) {
      await new Promise((r) => setTimeout(r, 20));
      nice = Object.values(threadNices(snap.proc.pid as number));
    }
    holder.kill('SIGKILL');
    assert.deepEqual(new Set(nice), new Set([want]), `snapshot threads: ${nice.join(' ')}`);
    assert.equal(await exitOf(snap.proc), 0, snap.output());
    // watch: looked at after its first snapshot, while it waits for the next tick.
    const watch = await nicesWhileRunning(['watch', db, '--store', store, '--name', 'w', '--every', '1h', '--json', ...args], env, (o) => o.includes('"event":"snapshot"'));
    watch.proc.kill('SIGTERM');
    assert.deepEqual(new Set(watch.nice), new Set([want]), `watch threads: ${watch.nice.join(' ')}`);
    assert.equal(await exitOf(watch.proc), 0, watch.output());
  });
}

test('--priority low compresses on one lane fewer than the cores; the stored bytes are the same as at full speed', async (t) => {
  const { snapshotOptionsFrom } = await import('../../src/cli/commands/snapshot.ts');
  const { createSnapshot } = await import('../../src/engine/snapshot/snapshot.ts');
  const os = await import('node:os');
  const { mkdirSync } = await import('node:fs');
  const saved = process.env['CI'];
  delete process.env['CI'];
  t.after(() => (saved === undefined ? delete process.env['CI'] : (process.env['CI'] = saved)));
  assert.equal(snapshotOptionsFrom(parsed(), priorityFrom(parsed())).lanes, Math.max(1, os.availableParallelism() - 1));
  assert.equal(snapshotOptionsFrom(parsed('normal'), priorityFrom(parsed('normal'))).lanes, undefined, 'normal keeps the engine default');

  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 3000 });
  const stored: string[] = [];
  for (const lanes of [1, undefined]) {
    const out = path.join(dir, `lanes-${lanes ?? 'default'}`);
    mkdirSync(out);
    const m = await createSnapshot([db], out, 'n', { compression: 'zstd', level: 3, ...(lanes ? { lanes } : {}) });
    stored.push(m.databases[0]?.storedSha256 ?? '');
  }
  assert.equal(stored[0], stored[1], 'independent frames, written in order, whatever the number of lanes');
  const { verifySnapshot } = await import('../../src/engine/restore/verify.ts');
  const report = await verifySnapshot(path.join(dir, 'lanes-1'), 'quick', { workRoot: dir, lanes: 1 });
  assert.equal(report.ok, true, 'verify decodes on one lane too (watch at low priority)');
});
