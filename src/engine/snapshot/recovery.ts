import diagnostics from 'node:diagnostics_channel';
import { promises as fsp, constants as fsc, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { SnapshotError, describeIoError, oneLine } from '../common/errors.ts';
import { formatBytes } from '../common/format.ts';
import type { Recovery } from '../manifest/manifest.ts';
import { type DB, type DbHeader, openDatabase } from '../sqlite/sqlite.ts';
import { scanWal } from './wal-scan.ts';

/**
 * Crash-left sources: a hot rollback journal (a writer killed mid-transaction after its cache
 * spilled, so the main file holds half a transaction), or a `-wal` with committed frames and no
 * `-shm` (its writer gone). Our read-only connection cannot recover either, and recovering in
 * place would write to a database that belongs to someone else (or sits on read-only media).
 *
 * So: the main file and its side file are copied into a private directory on the disk that holds
 * the snapshot's output (the store's staging directory, swept after a killed run; os.tmpdir() is
 * often a small tmpfs), and SQLite recovers the copy there, read-write: it rolls the journal back,
 * or replays the WAL up to its last valid commit and checkpoints it. The copy then takes the normal
 * snapshot path. One mechanism covers both cases, a hot journal needs a rollback our own reader
 * could not do, and the result is SQLite's recovery by definition. For a WAL, our own scan of the
 * copied `-wal` (wal-scan.ts) must find the same frame count as SQLite's recovery, or nothing is
 * stored; it also supplies the commit count and whether a torn tail was dropped.
 */
export interface RecoveryNeed {
  kind: Recovery['kind'];
  /** The side file beside the source: `<db>-wal` or `<db>-journal`. */
  sideFile: string;
}

export interface RecoveredCopy {
  /** The recovered copy of the database, a clean file for the normal snapshot path. */
  file: string;
  info: Recovery;
  /** Removes the private directory and everything in it. */
  cleanup(): Promise<void>;
}

/** Tries at a copy during which the source did not change (the first one and three retries). */
const COPY_ATTEMPTS = 4;
const RETRY_WAIT_MS = 200;
/** The wal-index SQLite builds: 32 KiB per 4096 frames, at least one block. */
const SHM_BLOCK = 32 * 1024;
const SHM_FRAMES_PER_BLOCK = 4096;
const FRAME_HDR = 24;
/** The eight bytes that end a journal naming a super-journal (SQLite's aJournalMagic). */
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

/**
 * Published after each copy attempt, before the source is looked at again: the one moment a
 * test can change the source to prove that a change during the copy is caught. Free when nobody
 * subscribes.
 */
export const COPIED_CHANNEL = 'sqlite-snapshot:recovery-copied';
const copied = diagnostics.channel(COPIED_CHANNEL);

async function statOrUndefined(file: string): Promise<BigIntStats | undefined> {
  return fsp.stat(file, { bigint: true }).catch(() => undefined);
}

/**
 * Does the source need crash recovery our read-only connection cannot run? Nothing here writes:
 * the WAL case is told by the files alone, the hot journal by SQLite's own test on a read-only
 * connection (it answers SQLITE_READONLY_ROLLBACK; a journal a live writer still holds is not hot).
 */
export async function recoveryNeeded(source: string, header: DbHeader): Promise<RecoveryNeed | undefined> {
  if (header.writeVersion === 2) {
    const wal = await statOrUndefined(`${source}-wal`);
    if (!wal || wal.size === 0n || (await statOrUndefined(`${source}-shm`))) return undefined;
    return { kind: 'wal', sideFile: `${source}-wal` };
  }
  const journal = await statOrUndefined(`${source}-journal`);
  if (!journal || journal.size === 0n) return undefined;
  let db: DB | undefined;
  try {
    // Opening already reads (a pragma), so the answer may come from either step.
    db = openDatabase(source, { readonly: true, busyTimeoutMs: 0 });
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    return undefined;
  } catch (err) {
    // Anything else (busy, corrupt) is the normal path's to report.
    if ((err as { code?: string }).code !== 'SQLITE_READONLY_ROLLBACK') return undefined;
    return { kind: 'hot-journal', sideFile: `${source}-journal` };
  } finally {
    db?.close();
  }
}

/**
 * Rolling back a journal that names a super-journal (a multi-database commit) means reading, and
 * maybe deleting, files outside the copy; refused. The name, if any, ends the journal: its length,
 * a checksum and the 8-byte magic.
 */
async function namesSuperJournal(journal: string): Promise<boolean> {
  const fh = await fsp.open(journal, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < 16) return false;
    const tail = Buffer.alloc(16);
    await fh.read(tail, 0, 16, size - 16);
    return tail.subarray(8).equals(JOURNAL_MAGIC) && tail.readUInt32BE(0) > 0;
  } finally {
    await fh.close();
  }
}

function sameFile(a: BigIntStats | undefined, b: BigIntStats | undefined): boolean {
  if (!a || !b) return a === b;
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/**
 * Copies the source and its side file into `privateDir` (created here; its parent must exist and
 * is where the room is checked) and recovers the copy there. On any failure the private directory
 * is removed before the error is thrown.
 */
export async function recoverCopy(source: string, header: DbHeader, need: RecoveryNeed, privateDir: string): Promise<RecoveredCopy> {
  const started = performance.now();
  const side = path.basename(need.sideFile);
  if (need.kind === 'hot-journal' && (await namesSuperJournal(need.sideFile))) {
    throw new SnapshotError(
      'failed',
      `${source}: its hot journal ${side} names a super-journal (a transaction across several databases), whose rollback would touch files beyond this one; open the databases once with sqlite3 where they are writable, then snapshot`,
    );
  }
  const dbSize = Number((await fsp.stat(source)).size);
  const sideSize = Number((await fsp.stat(need.sideFile)).size);
  const frames = Math.ceil(sideSize / (header.pageSize + FRAME_HDR));
  const shmSize = need.kind === 'wal' ? SHM_BLOCK * Math.max(1, Math.ceil(frames / SHM_FRAMES_PER_BLOCK)) : 0;
  await checkRoom(source, path.dirname(privateDir), dbSize + sideSize + shmSize, side);

  await fsp.mkdir(privateDir).catch((err: unknown) => {
    throw describeIoError(err, `${privateDir}: making the directory for crash recovery`);
  });
  const cleanup = (): Promise<void> => fsp.rm(privateDir, { recursive: true, force: true });
  try {
    const copy = path.join(privateDir, 'db');
    const copySide = `${copy}${need.kind === 'wal' ? '-wal' : '-journal'}`;
    await copyUnchanged(source, need, copy, copySide);
    const info: Recovery = { kind: need.kind, sideFile: need.sideFile, sideFileSize: sideSize, where: privateDir, ms: 0 };
    if (need.kind === 'wal') {
      // Scanned before SQLite sees the copy: its recovery checkpoints and deletes the -wal.
      const scan = await scanWal(copySide);
      const sqliteFrames = recoverWal(copy, source);
      if (sqliteFrames !== scan.frames) {
        throw new SnapshotError(
          'failed',
          `${source}: crash recovery disagrees: SQLite replayed ${sqliteFrames} frames of ${side}, our scan of it found ${scan.frames} valid frames up to the last commit; nothing was stored: check the database with sqlite3 (PRAGMA integrity_check) on a copy`,
        );
      }
      Object.assign(info, { frames: scan.frames, commits: scan.commits, framesIgnored: scan.framesIgnored, tornTail: scan.tornTail });
    } else {
      rollBack(copy, copySide, source);
    }
    info.ms = Math.round(performance.now() - started);
    return { file: copy, info, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function checkRoom(source: string, dir: string, need: number, side: string): Promise<void> {
  const fs = await fsp.statfs(dir).catch(() => undefined);
  // No answer (an unusual file system): go ahead; a full disk still fails cleanly later.
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  if (free < need) {
    throw new SnapshotError(
      'failed',
      `${source}: needs crash recovery on a private copy, which needs ${formatBytes(need)} (database, ${side}, wal-index) in ${dir}, but only ${formatBytes(free)} is free there; free some space or snapshot to a store on a larger disk`,
    );
  }
}

/**
 * Copies main file and side file (a reflink where the file system has them), proving that neither
 * changed meanwhile: same inode, size, mtime and ctime before and after, and for a WAL still no
 * `-shm` (which a process opening the database would create). Nothing should be writing a crashed
 * database; if something is, we retry, then refuse as busy.
 */
async function copyUnchanged(source: string, need: RecoveryNeed, copy: string, copySide: string): Promise<void> {
  const shm = `${source}-shm`;
  for (let attempt = 1; ; attempt++) {
    const before = [await statOrUndefined(source), await statOrUndefined(need.sideFile)];
    try {
      await fsp.copyFile(source, copy, fsc.COPYFILE_FICLONE);
      await fsp.copyFile(need.sideFile, copySide, fsc.COPYFILE_FICLONE);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // The side file went away: someone opened and recovered the database meanwhile.
      if (code !== 'ENOENT') throw describeIoError(err, `${source}: copying it for crash recovery`);
    }
    if (copied.hasSubscribers) copied.publish({ source, attempt });
    const after = [await statOrUndefined(source), await statOrUndefined(need.sideFile)];
    const steady = sameFile(before[0], after[0]) && sameFile(before[1], after[1]) && after[1] !== undefined;
    if (steady && (need.kind !== 'wal' || !(await statOrUndefined(shm)))) return;
    if (attempt >= COPY_ATTEMPTS) {
      throw new SnapshotError(
        'busy',
        `${source}: changed while it was copied for crash recovery (${attempt} tries); another process is using it: retry the snapshot once it is idle`,
      );
    }
    await fsp.rm(copy, { force: true });
    await fsp.rm(copySide, { force: true });
    await new Promise((r) => setTimeout(r, RETRY_WAIT_MS));
  }
}

/**
 * SQLite replays the copied WAL (its recovery builds the wal-index in the private `-shm`), then a
 * checkpoint writes every recovered frame into the copy's main file. The checkpoint reports the
 * wal-index's frame count (mxFrame), which must equal our scan's. Closing the last connection
 * removes the copy's `-wal` and `-shm`, leaving a plain database file.
 */
function recoverWal(copy: string, source: string): number {
  const db = openDatabase(copy);
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!row || row.busy !== 0 || row.checkpointed !== row.log) {
      throw new SnapshotError('failed', `${source}: crash recovery of the private copy could not checkpoint its WAL (${JSON.stringify(row)}); retry the snapshot`);
    }
    return row.log;
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    throw recoveryFailed(source, err);
  } finally {
    db.close();
  }
}

/**
 * The first read of the copy finds the journal hot and rolls it back, then deletes it. A journal
 * still there means SQLite did not take it as hot in the copy: the copy would hold half a
 * transaction, so it is refused.
 */
function rollBack(copy: string, copyJournal: string, source: string): void {
  const db = openDatabase(copy);
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  } catch (err) {
    throw recoveryFailed(source, err);
  } finally {
    db.close();
  }
  if ((statSync(copyJournal, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    throw new SnapshotError('failed', `${source}: crash recovery of a private copy left its journal in place (not rolled back); nothing was stored: open the database once with sqlite3 where it is writable, then snapshot`);
  }
}

function recoveryFailed(source: string, err: unknown): SnapshotError {
  const code = (err as { code?: string }).code ?? '';
  const kind = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? 'corrupt' : 'failed';
  return new SnapshotError(kind, `${source}: crash recovery of a private copy failed (${oneLine(err)}); nothing was stored: check the database with sqlite3 on a copy`, { cause: err });
}

/** One line for logs and the manifest's readers: what recovery did and where. */
export function describeRecovery(r: Recovery): string {
  const what =
    r.kind === 'wal'
      ? `WAL replayed: ${r.commits ?? '?'} commit(s), ${r.frames ?? '?'} frame(s) from ${r.sideFile} (${formatBytes(r.sideFileSize)})` +
        (r.framesIgnored ? `, ${r.framesIgnored} frame(s) after the last commit left out` : '') +
        (r.tornTail ? ', torn tail dropped' : '')
      : `hot journal rolled back: ${r.sideFile} (${formatBytes(r.sideFileSize)})`;
  return `${what}; on a private copy in ${r.where}, ${r.ms} ms; the source was not written`;
}
