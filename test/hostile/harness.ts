/**
 * Shared by the hostile-input and fault tests: a scratch directory, a fingerprint of a whole
 * directory tree (to prove "nothing written"), a search for leftover temp files, and the check
 * that a refusal is one line, with the documented exit code, naming the input.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TestContext } from 'node:test';
import { ROOT, runCli, type CliResult } from '../helpers/db.ts';

export const EXIT = { failed: 1, badInput: 2, corrupt: 3, busy: 4, notFound: 5 } as const;

/** path → "dir" | "file <mode> <sha256>" for everything under root (root itself excluded). */
export function treeState(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(root)) return out;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const st = lstatSync(full);
      const rel = path.relative(root, full);
      if (st.isDirectory()) {
        out.set(rel, `dir ${(st.mode & 0o7777).toString(8)}`);
        walk(full);
      } else if (st.isFile()) {
        out.set(rel, `file ${(st.mode & 0o7777).toString(8)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
      } else {
        out.set(rel, 'other');
      }
    }
  };
  walk(root);
  return out;
}

export function assertSameTree(before: Map<string, string>, after: Map<string, string>, what: string): void {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...before.keys()].filter((k) => after.has(k) && after.get(k) !== before.get(k));
  assert.deepEqual({ added, removed, changed }, { added: [], removed: [], changed: [] }, `${what} changed`);
}

/** Files a run leaves only when it did not clean up: temp files and staging directories. */
export function leftovers(...roots: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (name.endsWith('.sqlite-snapshot-tmp') || name.startsWith('.staging-') || name.endsWith('.sqlite-snapshot-tmp-wal') || name.endsWith('.sqlite-snapshot-tmp-shm')) found.push(full);
      if (lstatSync(full).isDirectory()) walk(full);
    }
  };
  roots.forEach(walk);
  return found;
}

/** A refusal: the documented exit code, exactly one line on stderr that names the input, nothing on stdout. */
export function assertRefused(r: CliResult, code: number, mentions: string[]): void {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(r.code, code, `exit code ${r.code}, expected ${code}; stderr: ${r.stderr}`);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`);
  const line = lines[0] as string;
  // HOSTILE_SHOW=1 prints every refusal, to read them all at once as a user would.
  if (process.env.HOSTILE_SHOW) console.log(`[exit ${r.code}] ${line}`);
  assert.match(line, /^sqlite-snapshot: error: /);
  // "what to do" follows the description of the problem after a semicolon.
  assert.match(line, /; \S/, `no advice in: ${line}`);
  for (const m of mentions) assert.ok(line.includes(m), `stderr does not mention ${JSON.stringify(m)}: ${line}`);
  assert.equal(r.stdout, '', 'nothing on stdout');
}

/** A small rollback-journal database of `rows` incompressible rows: pages easy to damage and check. */
export function makeSmallDb(file: string, rows = 300, journalMode: 'delete' | 'wal' = 'delete'): void {
  const db = new Database(file);
  db.pragma(`journal_mode = ${journalMode}`);
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, body BLOB NOT NULL); CREATE INDEX t_body ON t(body);');
  const ins = db.prepare('INSERT INTO t(body) VALUES (randomblob(200))');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run();
  })();
  db.close();
}

/** Commits `n` updates from a process that exits without closing, so they stay in the `-wal`. */
export function walFrames(file: string, n: number): void {
  const script = `
    const D = require('better-sqlite3');
    const db = new D(process.argv[1]);
    db.pragma('wal_autocheckpoint = 0');
    const up = db.prepare('UPDATE t SET body = randomblob(200) WHERE id = ?');
    for (let i = 1; i <= Number(process.argv[2]); i++) up.run(i);
    process.exit(0);`;
  execFileSync(process.execPath, ['-e', script, file, String(n)], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Holds a lock on a database from another process until released: `exclusive` is BEGIN EXCLUSIVE
 * on a rollback-journal database (readers get SQLITE_BUSY).
 */
export async function holdExclusiveLock(file: string): Promise<{ proc: ChildProcess; release: () => Promise<void> }> {
  return holdInChild(file, `db.exec('BEGIN EXCLUSIVE'); db.prepare('UPDATE t SET body = body WHERE id = 1').run();`);
}

/**
 * Keeps a connection to `file` open in another process, as an application would: `setup` runs
 * once (e.g. open a read transaction), then the process waits until released.
 */
export async function holdInChild(file: string, setup: string): Promise<{ proc: ChildProcess; release: () => Promise<void> }> {
  const script = `
    const D = require('better-sqlite3');
    const db = new D(process.argv[1]);
    ${setup}
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => {});
    process.stdin.on('end', () => { if (db.inTransaction) db.exec('COMMIT'); db.close(); process.exit(0); });`;
  const proc = spawn(process.execPath, ['-e', script, file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve();
    });
    proc.on('exit', (c) => reject(new Error(`lock holder exited early (${c})`)));
  });
  return {
    proc,
    release: () =>
      new Promise((resolve) => {
        proc.removeAllListeners('exit');
        proc.on('exit', () => resolve());
        proc.stdin?.end();
      }),
  };
}

/**
 * Mounts a filesystem (a tmpfs, a read-only bind) on a fresh mount point outside any scratch
 * directory, unmounted after the test; undefined when this machine does not allow mounting.
 */
export function tryMount(args: string[], t: { after: (fn: () => void) => void }): string | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-snapshot-mnt-'));
  try {
    execFileSync('mount', [...args, dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  t.after(() => {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** A read-only view of `dir` (a read-only bind mount), or undefined when mounting is not allowed. */
export function readOnlyView(dir: string, t: { after: (fn: () => void) => void }): string | undefined {
  const view = tryMount(['--bind', dir], t);
  if (!view) return undefined;
  try {
    execFileSync('mount', ['-o', 'remount,ro,bind', view], { stdio: 'pipe' });
  } catch {
    return undefined;
  }
  return view;
}

/** An 8 MiB tmpfs for this test, or undefined with the test marked skipped where mounting is not permitted. */
export function smallDisk(t: TestContext): string | undefined {
  const small = tryMount(['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs'], t);
  if (!small) t.skip('mounting a tmpfs is not permitted here (needs root)');
  return small;
}

/** `db` snapshotted into `<dir>/store` as `name` by the CLI; the test fails if that fails. Returns the store. */
export async function snapshotOk(dir: string, db: string, name: string): Promise<string> {
  const store = path.join(dir, 'store');
  const s = await runCli(['snapshot', db, '--store', store, '--name', name, '--quiet']);
  assert.equal(s.code, 0, s.stderr);
  return store;
}
