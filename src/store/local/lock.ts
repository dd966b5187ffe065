import { promises as fsp } from 'node:fs';
import os from 'node:os';
import { SnapshotError, describeIoError } from '../../engine/common/errors.ts';
import { removeQuietly, tempPathFor } from '../../engine/common/files.ts';
import { AGAIN, poll } from '../../engine/common/poll.ts';
import { type DB, openDatabase } from '../../engine/sqlite/sqlite.ts';
import type { LockOptions, LockOwner, NameLock } from '../store.ts';

/**
 * The per-name writer lock of a local store: `<store>/.locks/<name>.lock` is an empty SQLite
 * database on which the holder keeps an EXCLUSIVE transaction open. The lock itself is the
 * operating system's (POSIX fcntl / Windows LockFileEx, through SQLite), so it vanishes with its
 * process however that process ends, kill -9 included: there is no stale lock to detect by pid and
 * no takeover race, because the kernel hands the lock to exactly one waiter. `<name>.owner.json`
 * beside it only says who holds it, for messages; finding one when we get the lock means the
 * previous holder died. Like SQLite's own locking, this needs a filesystem with working locks
 * (not every network mount has them).
 */
// The lock's types are every history store's (store.ts); re-exported for this lock's users.
export type { LockOptions, LockOwner, NameLock };

/** Another process holds the lock: `watch` skips its tick on this one, other errors are failures. */
export class LockBusyError extends SnapshotError {
  constructor(message: string) {
    super('busy', message);
  }
}

/** Locks held by this process: a second acquisition here must not open (and on close unlock) the file. */
const heldHere = new Set<string>();

const POLL_MS = 100;

/** `base` is the lock's path without extension: `<base>.lock` and `<base>.owner.json`. */
export async function acquireLock(base: string, label: string, opts: LockOptions): Promise<NameLock> {
  const file = `${base}.lock`;
  const ownerFile = `${base}.owner.json`;
  const db = await poll(async () => (heldHere.has(file) ? undefined : await tryLock(file)) ?? AGAIN, { timeoutMs: opts.timeoutMs, pauseMs: () => POLL_MS });
  if (db === AGAIN) {
    // A holder writes its owner file just after locking: give a brand-new one a moment to appear.
    const owner = await poll(async () => (await readOwner(ownerFile)) ?? AGAIN, { timeoutMs: 200, pauseMs: () => 20 });
    const who = owner !== AGAIN ? `pid ${owner.pid} on ${owner.host} (${owner.purpose}, since ${owner.since})` : 'another process';
    const waited = opts.timeoutMs > 0 ? ` after waiting ${Math.round(opts.timeoutMs / 1000)} s` : '';
    throw new LockBusyError(`${label} is locked by ${who}${waited}; another snapshot of this name is running: wait for it, or raise --lock-timeout`);
  }
  heldHere.add(file);
  try {
    return await holdLock(db, file, ownerFile, opts.purpose);
  } catch (err) {
    heldHere.delete(file);
    db.close();
    throw err;
  }
}

async function tryLock(file: string): Promise<DB | undefined> {
  // Creating the file opens and closes a descriptor, which would drop a POSIX lock this process
  // held on it; heldHere guarantees we hold none here.
  await fsp.writeFile(file, '', { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw describeIoError(err, `${file}: cannot create the lock file`);
  });
  let db: DB | undefined;
  try {
    db = openDatabase(file, { busyTimeoutMs: 0 });
    // No journal file: the transaction never writes, and a leftover journal would look hot.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db?.close();
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return undefined;
    throw describeIoError(err, `${file}: cannot take the lock`);
  }
}

async function holdLock(db: DB, file: string, ownerFile: string, purpose: string): Promise<NameLock> {
  const previous = await readOwner(ownerFile);
  const tmp = tempPathFor(ownerFile);
  try {
    await fsp.writeFile(tmp, JSON.stringify(ownerOf(process.pid, purpose)) + '\n', { flag: 'wx' });
    await fsp.rename(tmp, ownerFile);
  } catch (err) {
    await removeQuietly(tmp);
    throw describeIoError(err, `${ownerFile}: cannot record the lock owner`);
  }
  let released = false;
  return {
    ...(previous ? { recovered: previous } : {}),
    release: async () => {
      if (released) return;
      released = true;
      // The owner file goes first: once the lock is free, a leftover would read as a crash.
      await removeQuietly(ownerFile);
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
        heldHere.delete(file);
      }
    },
  };
}

function ownerOf(pid: number, purpose: string): LockOwner {
  return { pid, host: os.hostname(), since: new Date().toISOString(), purpose };
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string') {
      return { pid: o.pid, host: o.host, since: String(o.since ?? '?'), purpose: String(o.purpose ?? '?') };
    }
  } catch {
    // Missing or half-written: it only ever feeds a message.
  }
  return undefined;
}
