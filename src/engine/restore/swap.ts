// The last steps of a restore, once every new file is complete and checked beside its target:
// settle its journal mode, lock the old databases, and swap each new file in by one rename.
import { createWriteStream, promises as fsp } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { SnapshotError, describeIoError } from '../common/errors.ts';
import { SQLITE_SIDE_FILES, TempFiles, exists, fsyncDir, fsyncFile, removeQuietly, tempPathFor } from '../common/files.ts';
import type { ManifestEntry } from '../manifest/manifest.ts';
import { type DB, describeSqliteError, openDatabase, readHeader } from '../sqlite/sqlite.ts';
import { AGAIN, poll } from '../common/poll.ts';
import type { RestoreOptions, RestoreResult, RestoreTarget } from './options.ts';

export interface Prepared {
  target: RestoreTarget;
  entry: ManifestEntry;
  temp: string;
}

/**
 * Every target is locked before any is replaced, so a target in use fails the whole restore with
 * nothing replaced. Locks are taken in path order so that two restores of the same set of targets
 * cannot each hold one and wait for the other. `swaps.done` counts the targets replaced so far.
 */
export async function swapAll(prepared: Prepared[], temps: TempFiles, swaps: { started: boolean; done: number }, opts: RestoreOptions): Promise<RestoreResult[]> {
  const held: Held[] = [];
  try {
    for (const p of [...prepared].sort((a, b) => (path.resolve(a.target.path) < path.resolve(b.target.path) ? -1 : 1))) {
      held.push(await holdTarget(p.temp, p.target, p.entry, opts));
    }
    const results: RestoreResult[] = [];
    for (const p of prepared) {
      results.push(await swapIn(held.find((h) => h.temp === p.temp) as Held, opts, prepared.length));
      temps.release(p.temp);
      swaps.done++;
    }
    return results;
  } finally {
    for (const h of held) await release(h);
  }
}

/** Journal mode and permissions are settled on the temp file, so the rename is the last step. */
export async function finishTemp(temp: string, entry: ManifestEntry, target: string, opts: RestoreOptions): Promise<void> {
  const want = (opts.journalMode ?? 'keep') === 'keep' ? entry.journalMode : (opts.journalMode as 'wal' | 'delete');
  const header = await readHeader(temp);
  const now = header?.writeVersion === 2 ? 'wal' : 'delete';
  if (now !== want) {
    const db = openDatabase(temp, { busyTimeoutMs: 0 });
    try {
      db.pragma(`journal_mode = ${want === 'wal' ? 'WAL' : 'DELETE'}`);
    } finally {
      db.close();
      await removeQuietly(`${temp}-wal`);
      await removeQuietly(`${temp}-shm`);
    }
  }
  const old = await fsp.stat(target).catch(() => undefined);
  // Like the file it replaces, but never writable by everyone; a new file gets 0644.
  await fsp.chmod(temp, old ? old.mode & 0o775 : 0o644);
  if (opts.durable !== false) await fsyncFile(temp);
}

/**
 * Holds an exclusive lock on the old database while it is swapped out, so no process can be
 * halfway through a transaction on it. In WAL mode the old file is first switched to a rollback
 * journal: SQLite folds the WAL back in and removes it, which it refuses while anyone else has
 * the database open. That makes the stale `-wal`/`-shm` safe to delete before the rename: the old
 * database is then complete on its own, and after the rename no old WAL can be replayed into the new one.
 */
interface Held {
  temp: string;
  target: RestoreTarget;
  entry: ManifestEntry;
  dest: string;
  replaced: boolean;
  db: DB | undefined;
  /**
   * Opened before the lock and closed after it is released: closing any descriptor of the file
   * drops every POSIX lock this process holds on it, SQLite's exclusive lock included.
   */
  oldFh: fsp.FileHandle | undefined;
  /** Side files present before we touched anything (SQLite may delete some itself when we lock). */
  sideFiles: string[];
}

async function holdTarget(temp: string, target: RestoreTarget, entry: ManifestEntry, opts: RestoreOptions): Promise<Held> {
  const dest = path.resolve(target.path);
  const replaced = await exists(dest);
  const held: Held = { temp, target, entry, dest, replaced, db: undefined, oldFh: undefined, sideFiles: [] };
  for (const suffix of SQLITE_SIDE_FILES) if (await exists(dest + suffix)) held.sideFiles.push(dest + suffix);
  try {
    if (replaced && opts.keepPrevious) held.oldFh = await fsp.open(dest, 'r');
    if (replaced && (await readHeader(dest).catch(() => undefined))) held.db = await lockForSwap(dest, opts);
    return held;
  } catch (err) {
    await release(held);
    throw describeIoError(err, `${target.path}: replacing the database`);
  }
}

async function release(h: Held): Promise<void> {
  h.db?.close();
  h.db = undefined;
  await h.oldFh?.close();
  h.oldFh = undefined;
}

async function swapIn(h: Held, opts: RestoreOptions, targetCount: number): Promise<RestoreResult> {
  const { dest, target, entry, replaced, temp } = h;
  const dir = path.dirname(dest);
  let previous: string | undefined;
  try {
    if (replaced && opts.keepPrevious) {
      previous = typeof opts.keepPrevious === 'string' ? path.resolve(opts.keepPrevious) : `${dest}.pre-restore`;
      if (targetCount > 1 && typeof opts.keepPrevious === 'string') previous = `${dest}.pre-restore`;
      const tmpPrev = tempPathFor(previous);
      // A hard link keeps the old inode without copying it; filesystems without links get a copy.
      await fsp.link(dest, tmpPrev).catch(async () => {
        const from = h.oldFh as fsp.FileHandle;
        await pipeline(from.createReadStream({ start: 0, autoClose: false }), createWriteStream(tmpPrev, { flags: 'wx' }));
      });
      await fsp.rename(tmpPrev, previous);
    }
    // Windows refuses to delete or replace a file that any handle has open, our lock's included:
    // there the lock is let go just before the swap (a short window another process could use).
    if (process.platform === 'win32') await release(h);
    // Moved aside, not deleted, until the new file is in place: normally they hold nothing (the
    // lock folded the WAL in), but with --force on a database in use a -wal can hold committed
    // data, and a kill right here must leave it recoverable (rename it back).
    const removed: string[] = [];
    const aside: string[] = [];
    for (const suffix of SQLITE_SIDE_FILES) {
      if (await exists(dest + suffix)) {
        const moved = tempPathFor(dest + suffix);
        await fsp.rename(dest + suffix, moved);
        aside.push(moved);
        removed.push(dest + suffix);
      }
    }
    await fsp.rename(temp, dest);
    if (opts.durable !== false) await fsyncDir(dir);
    for (const f of aside) await removeQuietly(f);
    const header = await readHeader(dest);
    return {
      entry: entry.name,
      path: target.path,
      ...(entry.rawSha256 ? { sha256: entry.rawSha256 } : {}),
      journalMode: header?.writeVersion === 2 ? 'wal' : 'delete',
      replaced,
      ...(previous ? { previous } : {}),
      removedSideFiles: [...new Set([...h.sideFiles, ...removed])],
    };
  } catch (err) {
    throw describeIoError(err, `${target.path}: replacing the database`);
  }
}

/**
 * Leaving WAL mode needs the only connection to the database, so two restores racing for one
 * target would each see the other's connection and both give up. Each backs off (a random
 * pause, its connection closed) and tries again until the busy timeout: one of them gets there
 * first, swaps, and the other then swaps over that result.
 */
async function lockForSwap(dest: string, opts: RestoreOptions): Promise<DB | undefined> {
  let busy: SnapshotError | undefined;
  const db = await poll(
    () => {
      try {
        return tryLockForSwap(dest, opts);
      } catch (err) {
        if (!(err instanceof SnapshotError) || err.kind !== 'busy') throw err;
        busy = err;
        return AGAIN;
      }
    },
    { timeoutMs: opts.busyTimeoutMs ?? 1000, pauseMs: () => 5 + Math.random() * 45 },
  );
  if (db === AGAIN) throw busy as SnapshotError;
  return db;
}

function tryLockForSwap(dest: string, opts: RestoreOptions): DB | undefined {
  let db: DB;
  try {
    db = openDatabase(dest, { busyTimeoutMs: opts.busyTimeoutMs ?? 1000 });
  } catch (err) {
    if (opts.force) return undefined;
    throw describeSqliteError(err, dest, 'checking that the target is not in use');
  }
  try {
    if (String(db.pragma('journal_mode', { simple: true })) === 'wal') db.pragma('journal_mode = DELETE');
    if (String(db.pragma('journal_mode', { simple: true })) === 'wal') {
      throw new SnapshotError('busy', `${dest}: still in WAL mode after asking SQLite to leave it`);
    }
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db.close();
    if (opts.force) return undefined;
    const e = describeSqliteError(err, dest, 'checking that the target is not in use');
    if (e.kind === 'busy' || /locked|busy/i.test(e.message)) {
      throw new SnapshotError('busy', `${dest}: the target database is in use by another process (open in WAL mode, or holding a transaction or lock); stop it first, or pass --force to replace it anyway`, { cause: err });
    }
    throw e;
  }
}
