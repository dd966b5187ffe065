/**
 * `npm start`: the whole story on a built-in example. Makes a bank database, starts a separate
 * writer process on it, snapshots it under that load with the real CLI, restores the snapshot
 * over a target that has a stale WAL from another database next to it, checks the invariant,
 * and prints the manifest and the figures.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBytes, formatDuration } from '../engine/common/format.ts';
import { ACCOUNTS, START_BALANCE, checkBank, createBank } from './bank.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'cli', 'main.js');
const work = path.resolve(process.argv[2] ?? path.join(here, '..', '..', '.tmp', 'example'));
const db = path.join(work, 'bank.db');
const store = path.join(work, 'store');
const target = path.join(work, 'restored', 'bank.db');

function step(text: string): void {
  process.stdout.write(`\n== ${text}\n`);
}

function runCli(args: string[]): { stdout: string; ms: number } {
  process.stdout.write(`$ sqlite-snapshot ${args.map((a) => (a.startsWith(work) ? path.relative(process.cwd(), a) : a)).join(' ')}\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`sqlite-snapshot ${args[0]} failed with exit code ${r.status}`);
  }
  return { stdout: r.stdout, ms };
}

interface Report {
  at: number;
  transactions: number;
}

/** Transactions per second between two moments, from the writer's periodic reports. */
function rate(reports: Report[], from: number, to: number): number {
  const inside = reports.filter((r) => r.at >= from && r.at <= to);
  const first = inside[0];
  const last = inside.at(-1);
  if (!first || !last || last.at === first.at) return Number.NaN;
  return ((last.transactions - first.transactions) * 1000) / (last.at - first.at);
}

async function main(): Promise<void> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  step(`1. a sample database: ${ACCOUNTS} accounts of ${START_BALANCE}, a transfer log, 40,000 filler rows (WAL mode)`);
  createBank(db, { journalMode: 'wal', fillerRows: 40_000 });
  process.stdout.write(`${path.relative(process.cwd(), db)}: ${formatBytes(statSync(db).size)}\n`);

  step('2. a writer process moves money between accounts as fast as it can');
  const writer = spawn(process.execPath, [path.join(here, 'bank-writer.js'), db, '--report-every', '50'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const reports: Report[] = [];
  let buffered = '';
  writer.stdout.setEncoding('utf8');
  writer.stdout.on('data', (d: string) => {
    buffered += d;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{"at"')) reports.push(JSON.parse(line) as Report);
  });
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  await sleep(1500);
  const idleFrom = Date.now() - 1200;

  step('3. snapshot it while the writer keeps writing');
  const snapFrom = Date.now();
  const snap = await new Promise<{ stdout: string; ms: number }>((resolve, reject) => {
    const args = ['snapshot', db, '--store', store, '--name', 'example'];
    process.stdout.write(`$ sqlite-snapshot ${args.map((a) => (a.startsWith(work) ? path.relative(process.cwd(), a) : a)).join(' ')}\n`);
    const t0 = performance.now();
    const p = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve({ stdout: out, ms: performance.now() - t0 }) : reject(new Error(`snapshot failed (${code})`))));
  });
  const snapTo = Date.now();
  process.stdout.write(snap.stdout);
  await sleep(300);
  writer.kill('SIGTERM');
  await new Promise((r) => writer.on('close', r));
  const idleRate = rate(reports, idleFrom, snapFrom);
  const duringRate = rate(reports, snapFrom - 50, snapTo + 50);

  step('4. restore it over a target that has a stale -wal from a different database next to it');
  mkdirSync(path.dirname(target), { recursive: true });
  const other = path.join(work, 'other.db');
  // A WAL full of someone else's committed rows: SQLite would replay it into whatever file sits beside it.
  spawnSync(process.execPath, ['-e', `const D=require(${JSON.stringify(fileURLToPath(import.meta.resolve('better-sqlite3')))});const d=new D(process.argv[1]);d.pragma('journal_mode=WAL');d.pragma('wal_autocheckpoint=0');d.exec('CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 999999999)');process.exit(0)`, other]);
  copyFileSync(`${other}-wal`, `${target}-wal`);
  process.stdout.write(`stale ${path.relative(process.cwd(), target)}-wal: ${formatBytes(statSync(`${target}-wal`).size)}\n`);
  process.stdout.write(runCli(['restore', '--store', store, '--name', 'example', '--to', target]).stdout);

  step('5. check the restored copy');
  const check = checkBank(target);
  const ok = check.total === ACCOUNTS * START_BALANCE && check.integrity === 'ok';
  const transfers = Number(new Database(target, { readonly: true }).prepare('SELECT count(*) FROM transfers').pluck().get());
  process.stdout.write(
    `integrity_check: ${check.integrity}; sum of balances ${check.total} (expected ${ACCOUNTS * START_BALANCE}): ${ok ? 'consistent' : 'INCONSISTENT'}; ${transfers} transfers captured\n`,
  );

  step('6. the manifest');
  process.stdout.write(runCli(['inspect', '--store', store, '--name', 'example']).stdout);

  step('figures');
  const manifest = JSON.parse(runCli(['inspect', '--store', store, '--name', 'example', '--json']).stdout) as {
    databases: { rawSize: number; storedSize: number; copy: string; timings: { totalMs: number } }[];
  };
  const e = manifest.databases[0];
  if (!e) throw new Error('manifest has no database');
  const slowdown = (1 - duringRate / idleRate) * 100;
  process.stdout.write(
    [
      `database ${formatBytes(e.rawSize)} -> stored ${formatBytes(e.storedSize)} zstd (ratio ${(e.rawSize / e.storedSize).toFixed(2)}), copied with ${e.copy}`,
      `snapshot under load: ${formatDuration(e.timings.totalMs)} in the engine, ${formatDuration(snap.ms)} for the whole command`,
      `writer: ${Math.round(idleRate)} transactions/s before, ${Math.round(duringRate)} during the snapshot (${slowdown >= 0 ? `${slowdown.toFixed(0)}% slower` : `${(-slowdown).toFixed(0)}% faster`})`,
      `restored copy: ${ok ? 'consistent' : 'INCONSISTENT'}; files are in ${path.relative(process.cwd(), work) || '.'}`,
      '',
    ].join('\n'),
  );
  if (!ok) process.exitCode = 1;
}

await main();
