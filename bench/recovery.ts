/**
 * What crash recovery costs: a 256 MiB database left (a) with a 64 MiB `-wal` and no `-shm`, and
 * (b) with a 64 MiB hot journal, each snapshotted through the CLI against the clean snapshot of the
 * same database measured in the same run. Prints per case the wall time (median and min–max of
 * the repetitions, ratio to clean), the copy + recovery time the manifest records, and the peak
 * disk used in the store while the CLI runs (sampled every 5 ms: staging, private copy, output),
 * next to the clean run's (its output alone) and the room the engine asks for.
 *
 *   npm run build && node bench/recovery.ts [--size 256MiB] [--side 64MiB] [--reps 3]
 *
 * Sources are built once under bench/.data/ and copied fresh (untimed) before every repetition,
 * since a snapshot of a crash-left source must leave it crash-left, but a cold copy would not be
 * comparable: every source is read once before it is timed, and `sync` runs between measurements.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, formatSize, generate, leaveWal, parseSize } from './generate.ts';
import type { Manifest } from '../src/engine/manifest/manifest.ts';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const MiB = 2 ** 20;
const mib = (n: number): string => `${(n / MiB).toFixed(1)} MiB`;

/**
 * Child: opens `file` (rollback journal) with a small cache, updates documents inside one
 * transaction until the journal holds `bytes`, then kills itself, leaving the journal hot.
 */
function hotJournalChild(file: string, bytes: number): void {
  const db = new Database(file);
  db.pragma('cache_size = 100');
  const docs = Number(db.prepare('SELECT max(id) FROM documents').pluck().get());
  const edit = db.prepare('UPDATE documents SET body = upper(body) WHERE id = ?');
  db.exec('BEGIN');
  let id = 1;
  while ((statSync(`${file}-journal`, { throwIfNoEntry: false })?.size ?? 0) < bytes) {
    edit.run(id);
    id = (id % docs) + 7;
  }
  process.kill(process.pid, 'SIGKILL');
}

function toRollbackJournal(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.close();
}

interface Source {
  label: string;
  /** Files to copy into place before each run (the main file first in the list). */
  files: string[];
  sideSize: number;
}

function prepareSources(size: number, side: number): { clean: Source; wal: Source; cleanRollback: Source; hot: Source } {
  const base = generate(size, 1, { log: (s) => console.error(s) }).db;
  const dir = path.join(DATA_DIR, `recovery-${formatSize(size)}-${formatSize(side)}`);
  mkdirSync(dir, { recursive: true });
  const walDb = path.join(dir, 'wal.db');
  if (!existsSync(`${walDb}-wal`)) {
    console.error(`leaving a ${formatSize(side)} -wal…`);
    for (const f of [walDb, `${walDb}-wal`, `${walDb}-shm`]) rmSync(f, { force: true });
    copyFileSync(base, walDb);
    leaveWal(walDb, side, 7);
    rmSync(`${walDb}-shm`, { force: true });
  }
  const rollback = path.join(dir, 'rollback.db');
  if (!existsSync(rollback)) {
    copyFileSync(base, `${rollback}.tmp`);
    toRollbackJournal(`${rollback}.tmp`);
    execFileSync('mv', [`${rollback}.tmp`, rollback]);
  }
  const hot = path.join(dir, 'hot.db');
  if (!existsSync(`${hot}-journal`)) {
    console.error(`leaving a ${formatSize(side)} hot journal…`);
    rmSync(hot, { force: true });
    copyFileSync(rollback, hot);
    const r = spawnSyncChild(['--hot-journal-child', hot, String(side)]);
    if (r !== 'SIGKILL') throw new Error(`hot-journal writer ended with ${r}`);
  }
  return {
    clean: { label: 'clean (WAL mode, no -wal)', files: [base], sideSize: 0 },
    wal: { label: `-wal ${mib(statSync(`${walDb}-wal`).size)}, no -shm`, files: [walDb, `${walDb}-wal`], sideSize: statSync(`${walDb}-wal`).size },
    cleanRollback: { label: 'clean (rollback journal)', files: [rollback], sideSize: 0 },
    hot: { label: `hot journal ${mib(statSync(`${hot}-journal`).size)}`, files: [hot, `${hot}-journal`], sideSize: statSync(`${hot}-journal`).size },
  };
}

function spawnSyncChild(args: string[]): string {
  try {
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
    return 'exit 0';
  } catch (err) {
    return String((err as { signal?: string }).signal ?? (err as { status?: number }).status);
  }
}

interface Run {
  ms: number;
  recoveryMs: number | undefined;
  peakExtra: number;
  stored: number;
}

/**
 * Blocks allocated under `dir` (what `du` counts). Summed over the store rather than read from the
 * file system's free space, which other processes on a shared machine move too.
 */
function diskUsed(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const n of names) {
    const f = path.join(dir, n);
    const st = lstatSync(f, { throwIfNoEntry: false });
    if (!st) continue;
    total += st.isDirectory() ? diskUsed(f) : st.blocks * 512;
  }
  return total;
}

/** One snapshot of a fresh copy of `src` through the CLI, timed, with the store's free space sampled. */
async function runOnce(src: Source, work: string): Promise<Run> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'src'), { recursive: true });
  const main = path.join(work, 'src', 'bench.db');
  const [first, ...rest] = src.files;
  copyFileSync(first as string, main);
  for (const f of rest) copyFileSync(f, main + f.slice((first as string).length));
  // Warm the page cache with the source, untimed, and flush the copy's writeback.
  for (const f of [main, ...rest.map((f) => main + f.slice((first as string).length))]) readFileSync(f);
  execFileSync('sync');
  const store = path.join(work, 'store');
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, diskUsed(store))), 5);
  const t0 = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, 'snapshot', main, '--store', store, '--name', 'bench', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let s = '';
    p.stdout.on('data', (d: Buffer) => (s += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve(s) : reject(new Error(`snapshot exited ${code}`))));
  });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const manifest = (JSON.parse(out) as { manifest: Manifest }).manifest;
  const entry = manifest.databases[0];
  if (src.sideSize > 0 && !entry?.recovery) throw new Error(`${src.label}: no recovery recorded`);
  const stored = entry?.storedSize ?? 0;
  execFileSync('sync');
  return { ms, recoveryMs: entry?.recovery?.ms, peakExtra: peak, stored };
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)] as number;
  return `${(med / 1000).toFixed(2)} s (${((s[0] as number) / 1000).toFixed(2)}–${((s.at(-1) as number) / 1000).toFixed(2)})`;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--hot-journal-child') {
    hotJournalChild(argv[1] as string, Number(argv[2]));
    return;
  }
  const opt = (name: string, dflt: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] as string) : dflt;
  };
  const size = parseSize(opt('--size', '256MiB'));
  const side = parseSize(opt('--side', '64MiB'));
  const reps = Number(opt('--reps', '3'));
  if (!existsSync(CLI)) throw new Error('run npm run build first: lib/cli/main.js is missing');
  const sources = prepareSources(size, side);
  const work = path.join(DATA_DIR, `recovery-work-${process.pid}`);
  const results = new Map<Source, Run[]>();
  try {
    for (let r = 0; r < reps; r++) {
      for (const src of [sources.clean, sources.wal, sources.cleanRollback, sources.hot]) {
        const run = await runOnce(src, work);
        results.set(src, [...(results.get(src) ?? []), run]);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`crash recovery, ${formatSize(size)} database, ${reps} repetitions each (median, min–max); zstd 3 (the default)`);
  for (const [clean, crashed] of [
    [sources.clean, sources.wal],
    [sources.cleanRollback, sources.hot],
  ] as const) {
    const c = results.get(clean) as Run[];
    const x = results.get(crashed) as Run[];
    const dbSize = statSync(crashed.files[0] as string).size;
    console.log(`  ${clean.label}: ${stats(c.map((r) => r.ms))}, peak disk in the store ${mib(median(c.map((r) => r.peakExtra)))} (stored ${mib(median(c.map((r) => r.stored)))})`);
    const peak = median(x.map((r) => r.peakExtra));
    console.log(
      `  ${crashed.label}: ${stats(x.map((r) => r.ms))} = ${(median(x.map((r) => r.ms)) / median(c.map((r) => r.ms))).toFixed(2)}× clean; ` +
        `copy + recovery ${stats(x.map((r) => r.recoveryMs ?? 0))}; peak disk in the store ${mib(peak)}, ` +
        `${mib(peak - median(c.map((r) => r.peakExtra)))} more than clean ` +
        `(the engine asks for ${mib(dbSize + crashed.sideSize)} + wal-index; stored ${mib(median(x.map((r) => r.stored)))})`,
    );
  }
}

await main(process.argv.slice(2));
