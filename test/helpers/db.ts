import { ACCOUNTS, START_BALANCE, checkBank, createBank, type BankOptions as ExampleBankOptions } from '../../src/example/bank.ts';
import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
export { ACCOUNTS, START_BALANCE };

export function tempDir(t: { after: (fn: () => void) => void }, prefix = 'sqlite-snapshot-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface BankOptions extends ExampleBankOptions {
  /** Leave this many committed transfers in the WAL (not checkpointed) when done. */
  walTransfers?: number;
}

/** A bank database whose invariant is: sum(balance) = ACCOUNTS × START_BALANCE. */
export function makeBank(file: string, opts: BankOptions = {}): void {
  createBank(file, opts);
  if (opts.walTransfers) leaveInWal(file, opts.walTransfers);
}

/**
 * Commits transfers from a child process that exits without closing, so SQLite never checkpoints:
 * the transfers (each moves 1 from account 1 to account 2) live only in the `-wal`, as after a
 * crash or while an app keeps the db open.
 */
export function leaveInWal(file: string, transfers: number): void {
  const script = `
    const D = require('better-sqlite3');
    const db = new D(process.argv[1]);
    db.pragma('wal_autocheckpoint = 0');
    const mv = db.prepare('UPDATE accounts SET balance = balance + ? WHERE id = ?');
    const n = Number(process.argv[2]);
    for (let i = 0; i < n; i++) db.transaction(() => { mv.run(-1, 1); mv.run(1, 2); })();
    process.exit(0);`;
  execFileSync(process.execPath, ['-e', script, file, String(transfers)], { cwd: ROOT, stdio: 'inherit' });
}

export const bankTotal = checkBank;

/** A database's user_version (what test/e2e/helpers/migrate.ts sets to the migration reached). */
export function userVersion(file: string): number {
  const d = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number(d.pragma('user_version', { simple: true }));
  } finally {
    d.close();
  }
}

/** Whether `command args` runs here (a tool a test needs: zstd, strace). */
export function commandRuns(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function sha256IfExists(file: string): string | null {
  return existsSync(file) ? sha256File(file) : null;
}

export interface Writer {
  proc: ChildProcess;
  stop(): Promise<{ transactions: number; ms: number; maxCommitMs: number; over10: number; over50: number }>;
}

/** Starts writer.ts in its own process and resolves once it is committing. */
export async function startWriter(db: string, args: string[] = []): Promise<Writer> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'test', 'helpers', 'writer.ts'), db, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: string) => {
      out += d;
      if (out.includes('ready\n')) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });
  return {
    proc,
    stop: () =>
      new Promise((resolve, reject) => {
        proc.removeAllListeners('exit');
        proc.on('exit', () => {
          const line = out.trim().split('\n').at(-1) ?? '';
          try {
            resolve(JSON.parse(line) as { transactions: number; ms: number; maxCommitMs: number; over10: number; over50: number });
          } catch {
            reject(new Error(`writer printed no result: ${out}`));
          }
        });
        proc.kill('SIGTERM');
      }),
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Spawns test/helpers/crash-writer.ts and resolves once it printed "ready <n>", with n. */
async function startCrashWriter(args: string[]): Promise<{ proc: ChildProcess; ready: number }> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'test', 'helpers', 'crash-writer.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const ready = await new Promise<number>((resolve, reject) => {
    proc.stdout?.setEncoding('utf8');
    proc.stdout?.on('data', (d: string) => {
      out += d;
      const m = /ready (\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (code) => reject(new Error(`crash writer exited early with ${code}`)));
  });
  proc.removeAllListeners('exit');
  return { proc, ready };
}

async function killHard(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.on('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

/**
 * Runs test/helpers/crash-writer.ts (see there for the modes) and kills it with SIGKILL once its
 * state is in place; resolves to the number of committed transfers (ids 1..n).
 */
export async function crashWriter(db: string, mode: 'wal' | 'hot-journal', transactions: number, perTx: number, open = 0): Promise<number> {
  const { proc, ready } = await startCrashWriter([db, mode, String(transactions), String(perTx), String(open)]);
  await killHard(proc);
  return ready;
}

