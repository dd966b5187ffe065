import { constants as fsc, createWriteStream, promises as fsp } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { SnapshotError, badInput, corrupt, describeIoError } from '../common/errors.ts';
import { abortedOr } from '../common/abort.ts';
import { SQLITE_SIDE_FILES, TempFiles, exists, fsyncDir, fsyncFile, makeDirs, removeQuietly, sweepAbandonedTemps, tempPathFor } from '../common/files.ts';
import { readManifest, type Manifest, type ManifestEntry } from '../manifest/manifest.ts';
import type { CheckLevel } from '../sqlite/facts.ts';
import { type DB, describeFailure, describeSqliteError, openDatabase, readHeader } from '../sqlite/sqlite.ts';
import { formatBytes } from '../common/format.ts';
import { AGAIN, poll } from '../common/poll.ts';
import { decodeStreamToFile } from './streams.ts';
import { checkRestored, materialize } from './verify.ts';
import type { ByteSource } from './zstd-restore.ts';

export type JournalModeChoice = 'keep' | 'wal' | 'delete';
export const JOURNAL_MODES: readonly JournalModeChoice[] = ['keep', 'wal', 'delete'];

export interface RestoreOptions {
  /** Keep the replaced database: `true` for `<target>.pre-restore`, or a path. Only with one target. */
  keepPrevious?: boolean | string;
  journalMode?: JournalModeChoice;
  /** Replace a target that is in use, or that is not a SQLite database. */
  force?: boolean;
  /** SQLite's check of each restored database; `auto` (default): only where the snapshot did not pass one (see autoCheck). */
  check?: CheckLevel | 'auto';
  /** How long to wait for another process's transaction on the target before refusing. */
  busyTimeoutMs?: number;
  onProgress?: (p: { database: string; phase: 'restore'; done: number; total: number }) => void;
  /**
   * Cancels the restore while it prepares the new files: the decoding stops, every temp file and
   * every directory the restore made are removed, no target is touched, and the call rejects with
   * the signal's reason. Once the targets are being swapped in (a few renames) it finishes instead,
   * so that no set of targets is left half old, half new.
   */
  signal?: AbortSignal;
}

export interface RestoreTarget {
  entry: string;
  path: string;
}

export interface RestoreResult {
  entry: string;
  path: string;
  /** sha256 of the database, as the snapshot recorded it (see ManifestEntry.rawSha256); absent when it did not. */
  sha256?: string;
  journalMode: 'wal' | 'delete';
  /** The target existed and was replaced. */
  replaced: boolean;
  /** Where the replaced database was kept, if asked. */
  previous?: string;
  /** Stale side files that were removed. */
  removedSideFiles: string[];
}

/**
 * Maps the `--to` arguments onto entries. One database: every path gets a copy (fan-out).
 * Several: `entry=path` pairs, one path per database in manifest order, or one directory
 * (a path ending in `/`) that receives each database under its entry name.
 */
export function resolveTargets(manifest: Manifest, to: readonly string[]): RestoreTarget[] {
  if (to.length === 0) throw badInput('no target given; name at least one path to restore to (--to <path>)');
  const names = manifest.databases.map((d) => d.name);
  const targets: RestoreTarget[] = [];
  const plain: string[] = [];
  for (const arg of to) {
    if (arg.trim() === '') throw badInput('a target path is empty; give the path to restore to');
    const eq = arg.indexOf('=');
    const key = eq > 0 ? arg.slice(0, eq) : '';
    if (names.includes(key)) targets.push({ entry: key, path: arg.slice(eq + 1) });
    else plain.push(arg);
  }
  const isDir = (p: string): boolean => p.endsWith('/') || p.endsWith(path.sep);
  if (plain.length > 0) {
    if (names.length === 1) {
      for (const p of plain) targets.push({ entry: names[0] as string, path: isDir(p) ? path.join(p, names[0] as string) : p });
    } else if (plain.length === 1 && isDir(plain[0] as string)) {
      for (const n of names) targets.push({ entry: n, path: path.join(plain[0] as string, n) });
    } else if (plain.length === names.length && targets.length === 0) {
      plain.forEach((p, i) => targets.push({ entry: names[i] as string, path: p }));
    } else {
      throw badInput(
        `the snapshot holds ${names.length} databases (${names.join(', ')}) but ${plain.length} target path(s) were given; give one path per database, entry=path pairs, or one directory ending in /`,
      );
    }
  }
  const seen = new Set<string>();
  for (const t of targets) {
    // SQLite treats <db>-wal, -shm and -journal as parts of <db>: a database restored under such a
    // name would be read as (or deleted as) another database's side file.
    if (/-(wal|shm|journal)$/.test(t.path)) {
      throw badInput(`${t.path}: names ending in -wal, -shm or -journal belong to SQLite's side files; choose another name`);
    }
    const abs = path.resolve(t.path);
    if (seen.has(abs)) throw badInput(`${t.path}: the same target is given twice; give each target once`);
    seen.add(abs);
  }
  return targets;
}

/**
 * Restores databases from a snapshot directory. Every target's new file is first written,
 * verified and fsynced as a temp file in the target's own directory; only when all are ready
 * is any target touched, each by one atomic rename. A failure before that leaves every target
 * exactly as it was; a failure (or kill) during the renames leaves each target either old or new.
 */
export async function restoreSnapshot(snapshotDir: string, to: readonly string[], opts: RestoreOptions = {}): Promise<RestoreResult[]> {
  const manifest = await readManifest(snapshotDir);
  return restoreWith(manifest, to, opts, (targets, places) => prepareTemps(snapshotDir, manifest, targets, places, opts));
}

/**
 * A snapshot read once, as it arrives (a seed streamed from GitHub's cache): the manifest first,
 * then the data files in whatever order they come.
 */
export interface StreamedSnapshot {
  manifest: Manifest;
  /** Names the snapshot in messages ("seed k"). */
  label: string;
  /** The data files as they arrive; one not read to its end is skipped when the next is asked for. */
  files: AsyncIterable<{ file: string; source: ByteSource }>;
}

/**
 * restoreSnapshot for a snapshot that is streamed: each database is decoded into its temp file as
 * its data arrives, so nothing is stored twice and decoding keeps pace with the download. The same
 * guarantees: every target's new file is complete and checked before any target is touched.
 */
export async function restoreStreamed(snap: StreamedSnapshot, to: readonly string[], opts: RestoreOptions = {}): Promise<RestoreResult[]> {
  return restoreWith(snap.manifest, to, opts, (targets, places) => prepareStreamed(snap, targets, places, opts));
}

async function restoreWith(
  manifest: Manifest,
  to: readonly string[],
  opts: RestoreOptions,
  prepare: (targets: RestoreTarget[], places: TempPlaces) => Promise<Prepared[]>,
): Promise<RestoreResult[]> {
  opts.signal?.throwIfAborted();
  const targets = resolveTargets(manifest, to);
  if (opts.keepPrevious && targets.length > 1 && typeof opts.keepPrevious === 'string') {
    throw badInput('keep-previous: a file name can only be given with a single target; use --keep-previous without a name');
  }
  for (const t of targets) await checkTarget(t.path, opts);
  await checkFreeSpace(manifest, targets);

  const places = new TempPlaces();
  const swaps = { started: false, done: 0 };
  try {
    const prepared = await prepare(targets, places);
    for (const p of prepared) {
      opts.signal?.throwIfAborted();
      await finishTemp(p.temp, p.entry, p.target.path, opts).catch((err: unknown) => {
        throw describeFailure(err, p.target.path, 'preparing the restored database');
      });
    }
    // The last point where an abort is taken: past it, every target is swapped in.
    opts.signal?.throwIfAborted();
    swaps.started = true;
    return await swapAll(prepared, places.temps, swaps, opts);
  } catch (err) {
    await places.temps.cleanup();
    if (swaps.done === 0) await places.removeCreatedDirs();
    throw swaps.started ? err : abortedOr(opts.signal, err);
  } finally {
    await places.temps.cleanup();
  }
}

interface Prepared {
  target: RestoreTarget;
  entry: ManifestEntry;
  temp: string;
}

/** A directory made for a target: `first` is the topmost one created, `leaf` the target's own. */
interface CreatedDir {
  first: string;
  leaf: string;
}

/** Temp files beside the targets, and the directories made for them (removed again, while empty, if the restore fails). */
class TempPlaces {
  readonly temps = new TempFiles();
  private readonly createdDirs: CreatedDir[] = [];

  /** A temp path beside the target, its directory made if need be. */
  async beside(target: RestoreTarget): Promise<string> {
    const leaf = path.dirname(path.resolve(target.path));
    const first = await makeDirs(leaf).catch((err: unknown) => {
      throw describeIoError(err, `${target.path}: cannot create its directory`);
    });
    if (first) this.createdDirs.push({ first, leaf });
    // A restore killed earlier left its temp file here; its process is gone, so the file is ours to remove.
    await sweepAbandonedTemps(path.resolve(target.path));
    return this.temps.add(tempPathFor(path.resolve(target.path)));
  }

  async removeCreatedDirs(): Promise<void> {
    for (const { first, leaf } of [...this.createdDirs].reverse()) {
      for (let d = leaf; d.startsWith(first); d = path.dirname(d)) {
        if (!(await fsp.rmdir(d).then(() => true, () => false))) break;
      }
    }
  }
}

/** Every target's database, decoded and checked, in a temp file beside it: nothing replaced yet. */
async function prepareTemps(snapshotDir: string, manifest: Manifest, targets: RestoreTarget[], places: TempPlaces, opts: RestoreOptions): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  const firstTemp = new Map<string, string>();
  for (const target of targets) {
    const entry = manifest.databases.find((d) => d.name === target.entry) as ManifestEntry;
    const temp = await places.beside(target);
    const done = firstTemp.get(entry.name);
    try {
      opts.signal?.throwIfAborted();
      if (done) {
        await fanOutCopy(done, temp);
      } else {
        // The decoded bytes' sha256 is left to zstd's frame checksums (see DecodeLimits.hashRaw); verify always hashes.
        await materialize(snapshotDir, entry, temp, opts.check ?? 'auto', { onBytes: progress(entry, opts), hashRaw: false, ...signalOf(opts) });
        firstTemp.set(entry.name, temp);
      }
    } catch (err) {
      throw describeFailure(err, target.path, 'restore');
    }
    prepared.push({ target, entry, temp });
  }
  return prepared;
}

/** prepareTemps over a streamed snapshot: each database decoded as its data file arrives. */
async function prepareStreamed(snap: StreamedSnapshot, targets: RestoreTarget[], places: TempPlaces, opts: RestoreOptions): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for await (const { file, source } of snap.files) {
    const entry = snap.manifest.databases.find((d) => d.file === file);
    if (!entry) continue;
    let first: string | undefined;
    for (const target of targets.filter((t) => t.entry === entry.name)) {
      const temp = await places.beside(target);
      try {
        opts.signal?.throwIfAborted();
        if (first) await fanOutCopy(first, temp);
        else {
          const label = `${entry.name} in ${snap.label}`;
          await decodeStreamToFile(source, temp, entry, label, { onBytes: progress(entry, opts), hashRaw: false, ...signalOf(opts) });
          await checkRestored(temp, entry, label, opts.check ?? 'auto');
          first = temp;
        }
      } catch (err) {
        throw describeFailure(err, target.path, 'restore');
      }
      prepared.push({ target, entry, temp });
    }
  }
  const missing = targets.find((t) => !prepared.some((p) => p.target === t));
  if (missing) throw corrupt(`${missing.entry} in ${snap.label}: its data file is missing from the entry; the entry is incomplete`);
  // Results in the order the targets were given, whatever order the data came in.
  return targets.map((t) => prepared.find((p) => p.target === t) as Prepared);
}

/**
 * Fan-out: the first copy of a database was decoded and verified; every further target gets a
 * file copy of it, never a second decode. A clone where the filesystem can share the blocks
 * (btrfs, XFS, APFS: no bytes copied), a plain copy elsewhere.
 */
async function fanOutCopy(first: string, temp: string): Promise<void> {
  await fsp.copyFile(first, temp, fsc.COPYFILE_FICLONE);
}

function signalOf(opts: RestoreOptions): { signal?: AbortSignal } {
  return opts.signal ? { signal: opts.signal } : {};
}

function progress(entry: ManifestEntry, opts: RestoreOptions): (n: number) => void {
  return (n) => opts.onProgress?.({ database: entry.name, phase: 'restore', done: n, total: entry.rawSize });
}

/**
 * Every target is locked before any is replaced, so a target in use fails the whole restore with
 * nothing replaced. Locks are taken in path order so that two restores of the same set of targets
 * cannot each hold one and wait for the other. `swaps.done` counts the targets replaced so far.
 */
async function swapAll(prepared: Prepared[], temps: TempFiles, swaps: { started: boolean; done: number }, opts: RestoreOptions): Promise<RestoreResult[]> {
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

/**
 * The new files sit beside the old ones until the swap, so each filesystem needs room for all
 * the raw databases restored onto it. Checked up front: a disk that is too small fails at once
 * instead of after gigabytes, and a manifest that declares an absurd size cannot fill the disk.
 */
async function checkFreeSpace(manifest: Manifest, targets: readonly RestoreTarget[]): Promise<void> {
  const perDevice = new Map<bigint, { need: number; dir: string; target: string }>();
  for (const t of targets) {
    let dir = path.dirname(path.resolve(t.path));
    while (!(await exists(dir)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const dev = (await fsp.stat(dir, { bigint: true })).dev;
    const raw = (manifest.databases.find((d) => d.name === t.entry) as ManifestEntry).rawSize;
    const slot = perDevice.get(dev) ?? { need: 0, dir, target: t.path };
    slot.need += raw;
    perDevice.set(dev, slot);
  }
  for (const { need, dir, target } of perDevice.values()) {
    const fs = await fsp.statfs(dir).catch(() => undefined);
    // Some network and FUSE filesystems report no sizes at all: then we cannot know, so we try.
    if (!fs || fs.blocks === 0) continue;
    const free = fs.bavail * fs.bsize;
    if (need > free) {
      throw new SnapshotError(
        'failed',
        `${target}: not enough free space: the restored database(s) need ${formatBytes(need)}, ${dir} has ${formatBytes(free)} free; free some space or restore elsewhere`,
      );
    }
  }
}

async function checkTarget(target: string, opts: RestoreOptions): Promise<void> {
  const link = await fsp.lstat(target).catch(() => undefined);
  // Replacing a link would either write through it (outside the path we were given) or swap the
  // link itself for a file; neither is what the caller can be assumed to want.
  if (link?.isSymbolicLink()) {
    throw badInput(`${target}: is a symbolic link; give the path of the file it points to, or remove the link`);
  }
  const stat = await fsp.stat(target).catch(() => undefined);
  if (!stat) return;
  if (stat.isDirectory()) {
    throw badInput(`${target}: is a directory; give a file path inside it, or end the path with / to restore under the entry's name`);
  }
  if (!stat.isFile()) throw badInput(`${target}: is not a regular file; give a database file path`);
  if (!opts.force && stat.size > 0 && !(await readHeader(target).catch(() => undefined))) {
    throw badInput(`${target}: exists and is not a SQLite database; move it away, or pass --force to replace it`);
  }
}

/** Journal mode and permissions are settled on the temp file, so the rename is the last step. */
async function finishTemp(temp: string, entry: ManifestEntry, target: string, opts: RestoreOptions): Promise<void> {
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
  await fsyncFile(temp);
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
    await fsyncDir(dir);
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
