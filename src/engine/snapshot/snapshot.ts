import { promises as fsp, constants as fsc, rmSync } from 'node:fs';
import path from 'node:path';
import { FILE_EXTENSION, resolveLevel, type Compression } from '../manifest/compression.ts';
import { SnapshotError, badInput, corrupt, describeIoError } from '../common/errors.ts';
import { abortedOr, onAbort } from '../common/abort.ts';
import { TempFiles, fsyncDir, fsyncFile, removeQuietly, tempPathFor } from '../common/files.ts';
import {
  FORMAT_ID,
  formatVersionFor,
  MANIFEST_FILE,
  type CopyStrategy,
  type Manifest,
  type ManifestEntry,
  type Method,
} from '../manifest/manifest.ts';
import { recoverCopy, recoveryNeeded } from './recovery.ts';
import { checkSource, walNeedsShmItCannotCreate } from './source.ts';
import type { CheckLevel, DbFacts, DbHeader } from '../sqlite/facts.ts';
import { type DB, busyAsAgain, collectFacts, describeFailure, openDatabase } from '../sqlite/sqlite.ts';
import { AGAIN, poll } from '../common/poll.ts';
import { startCopy, type CopyJob as ThreadCopyJob, type RunningCopy, type StreamedFile } from '../threads/copy-worker.ts';
import { TOOL_VERSION } from '../manifest/version.ts';
import { type WalState, fileIsFrozen, walState } from './wal.ts';
import { planWalSnapshot } from './wal-snapshot.ts';

export type MethodChoice = Method | 'auto';
export const METHODS: readonly MethodChoice[] = ['auto', 'backup', 'vacuum'];

export interface SnapshotOptions {
  method?: MethodChoice;
  compression?: Compression;
  level?: number;
  /** Integrity check run on the snapshot's own consistent view. */
  check?: CheckLevel;
  busyTimeoutMs?: number;
  /** Snapshot a database that fails its integrity check instead of refusing (the manifest says so). */
  allowCorrupt?: boolean;
  /**
   * Compressing: record the database's own sha256 in the manifest (`rawSha256`) for a check by
   * hand with `sha256sum`, at ~1 s of CPU per GiB (see copy-worker.ts, CopyJob.hashRaw). Uncompressed, it is
   * always recorded: there the stored file is the database.
   */
  rawSha256?: boolean;
  onProgress?: (p: Progress) => void;
  /**
   * Chunks compressed at once (default: one more than the cores). Fewer leave the cores to the
   * processes beside the snapshot, at the cost of its own speed (see the CLI's --priority).
   */
  lanes?: number;
  /**
   * Cancels the snapshot: the copy threads are stopped, every file this call wrote is removed, and
   * the call rejects with the signal's reason. A check SQLite is running finishes first (it cannot
   * be interrupted); the abort is acted on as soon as it returns.
   */
  signal?: AbortSignal;
}

export interface Progress {
  database: string;
  phase: 'copy' | 'compress' | 'check';
  done: number;
  total: number;
}

/** `auto` compacts only when a quarter of the file is free pages: then the smaller copy pays for VACUUM's extra work. */
const AUTO_VACUUM_FREE_RATIO = 0.25;

export function chooseMethod(choice: MethodChoice, header: DbHeader, fileSize: number): { method: Method; reason: string } {
  if (choice !== 'auto') return { method: choice, reason: `${choice} was asked for` };
  const pages = Math.max(1, Math.floor(fileSize / header.pageSize));
  const freeRatio = header.freelistCount / pages;
  if (freeRatio >= AUTO_VACUUM_FREE_RATIO) {
    return {
      method: 'vacuum',
      reason: `auto: ${(freeRatio * 100).toFixed(0)}% of the pages are free, VACUUM INTO leaves them out`,
    };
  }
  return { method: 'backup', reason: `auto: ${(freeRatio * 100).toFixed(0)}% free pages, a page copy is fastest` };
}

/** Entry names: each source's base name, made unique with -2, -3… when two sources share one. */
export function entryNames(sources: readonly string[]): string[] {
  const used = new Set<string>();
  return sources.map((s) => {
    const base = path.basename(s).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'database';
    let name = base;
    for (let i = 2; used.has(name); i++) {
      const ext = path.extname(base);
      name = `${base.slice(0, base.length - ext.length)}-${i}${ext}`;
    }
    used.add(name);
    return name;
  });
}

interface CopyResult {
  copy: CopyStrategy;
  reason: string;
  facts: DbFacts;
  streamed: StreamedFile;
  copyMs: number;
  checkMs: number;
}

/**
 * Writes a complete snapshot of `sources` into `outDir` (which must exist): one data file per
 * database, then `manifest.json` last, each through a temp file, fsync and rename. A snapshot
 * without its manifest is incomplete by definition; on failure everything this call wrote is removed.
 */
export async function createSnapshot(sources: readonly string[], outDir: string, name: string, opts: SnapshotOptions = {}): Promise<Manifest> {
  if (sources.length === 0) throw badInput('no database given; name at least one database file to snapshot');
  const seen = new Set<string>();
  for (const s of sources) {
    const abs = path.resolve(s);
    if (seen.has(abs)) throw badInput(`${s}: the same database is given twice; name each database once`);
    seen.add(abs);
  }
  const temps = new TempFiles();
  const written: string[] = [];
  const names = entryNames(sources);
  const compression = opts.compression ?? 'zstd';
  try {
    opts.signal?.throwIfAborted();
    const entries: ManifestEntry[] = [];
    for (const [i, source] of sources.entries()) {
      opts.signal?.throwIfAborted();
      const entryName = names[i] as string;
      const file = entryName + FILE_EXTENSION[compression];
      const finalPath = path.join(outDir, file);
      entries.push(await snapshotOne(source, entryName, finalPath, temps, opts));
      written.push(finalPath);
    }
    const manifest: Manifest = {
      format: FORMAT_ID,
      formatVersion: formatVersionFor(entries),
      toolVersion: TOOL_VERSION,
      createdAt: new Date().toISOString(),
      name,
      databases: entries,
      ...(opts.allowCorrupt && entries.some((e) => e.integrity.ok === false) ? { allowCorrupt: true } : {}),
    };
    opts.signal?.throwIfAborted();
    const manifestPath = path.join(outDir, MANIFEST_FILE);
    const tmp = temps.add(tempPathFor(manifestPath));
    await fsp.writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
    await fsyncFile(tmp);
    await fsp.rename(tmp, manifestPath);
    temps.release(tmp);
    written.push(manifestPath);
    await fsyncDir(outDir);
    return manifest;
  } catch (err) {
    await temps.cleanup();
    await Promise.all(written.map((f) => fsp.rm(f, { force: true })));
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw describeIoError(err, `${outDir}: writing the snapshot`);
  }
}

async function snapshotOne(source: string, entryName: string, finalPath: string, temps: TempFiles, opts: SnapshotOptions): Promise<ManifestEntry> {
  const started = performance.now();
  const { header, size } = await checkSource(source);
  const compression = opts.compression ?? 'zstd';
  const level = resolveLevel(compression, opts.level);
  const choice = chooseMethod(opts.method ?? 'auto', header, size);
  const check = opts.check ?? 'quick';
  // A crash-left source is recovered on a private copy inside the output's directory (recovery.ts);
  // that copy is what the rest of this function reads.
  const need = await recoveryNeeded(source, header);
  const recovered = need ? await recoverCopy(source, header, need, tempPathFor(path.join(path.dirname(finalPath), `${entryName}.recovery`))) : undefined;
  const unreadable = !recovered && (await walNeedsShmItCannotCreate(source, header));
  let db: DB;
  let readPath = source;
  try {
    // A copy of a file nobody can change is a snapshot; SQLite then reads the copy, where it can make its -shm.
    readPath = recovered ? recovered.file : unreadable ? await copyFrozenFile(source, finalPath, temps) : source;
    opts.signal?.throwIfAborted();
    db = openDatabase(readPath, {
      readonly: true,
      busyTimeoutMs: opts.busyTimeoutMs ?? 5000,
    });
  } catch (err) {
    await recovered?.cleanup();
    throw abortedOr(opts.signal, describeFailure(err, source, 'opening it read-only'));
  }
  const tmp = temps.add(tempPathFor(finalPath));
  let result: CopyResult;
  // Resolved once here, so the copy paths below never see a missing level.
  const job: CopyJob = { db, header, tmp, temps, check, opts: { ...opts, compression, level }, label: entryName };
  try {
    result =
      choice.method === 'vacuum' || unreadable
        ? await viaRawCopy(job, source, choice.method === 'vacuum' ? 'vacuum-into' : 'backup-api')
        : await viaBackup(job, readPath);
    if (unreadable) result.reason = 'read-only directory and no WAL, so nothing can change the file: copied it whole, then read the copy';
    if (recovered) {
      const how = recovered.info.kind === 'wal' ? 'WAL replayed up to its last commit' : 'hot journal rolled back';
      result.reason = `crash recovery (${how}) by SQLite on a private copy, then ${result.reason}`;
    }
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const e = describeFailure(err, source, 'taking the snapshot');
    // The full disk is the one the snapshot is written to, not the source's: name that one.
    if (e.kind === 'failed' && /no space left on device/.test(e.message)) {
      throw new SnapshotError('failed', `${source}: no space left on device while writing its snapshot into ${path.dirname(finalPath)}; free some space there, or snapshot to another store`, { cause: err });
    }
    throw e;
  } finally {
    db.close();
    if (unreadable) {
      await removeQuietly(db.name);
      await removeQuietly(`${db.name}-wal`);
      await removeQuietly(`${db.name}-shm`);
      temps.release(db.name);
    }
    await recovered?.cleanup();
  }
  opts.signal?.throwIfAborted();
  if (result.facts.integrity.ok === false && !opts.allowCorrupt) {
    // SQLite packs several findings into one message; the first finding is enough to say where.
    const first = (result.facts.integrity.messages[0] ?? 'not ok').split('\n').find((l) => l.trim() !== '' && !l.startsWith('***')) ?? 'not ok';
    throw new SnapshotError(
      'corrupt',
      `${source}: integrity check failed (${first}); repair the database, or pass --allow-corrupt to keep a copy anyway`,
    );
  }
  await fsyncFile(tmp);
  await fsp.rename(tmp, finalPath);
  temps.release(tmp);
  return {
    name: entryName,
    source,
    file: path.basename(finalPath),
    method: choice.method,
    copy: result.copy,
    reason: `${choice.reason}; ${result.reason}`,
    compression,
    level,
    ...result.facts,
    rawSize: result.streamed.rawSize,
    storedSize: result.streamed.storedSize,
    ...(result.streamed.rawSha256 ? { rawSha256: result.streamed.rawSha256 } : {}),
    storedSha256: result.streamed.storedSha256,
    timings: { copyMs: Math.round(result.copyMs), checkMs: Math.round(result.checkMs), totalMs: Math.round(performance.now() - started) },
    ...(recovered ? { recovery: recovered.info } : {}),
  };
}

/** Copies a file that should not change, and proves it did not: same inode, size and mtime after the copy. */
async function copyFrozenFile(source: string, finalPath: string, temps: TempFiles): Promise<string> {
  const copy = temps.add(tempPathFor(`${finalPath}.raw`));
  const before = await fsp.stat(source, { bigint: true });
  await fsp.copyFile(source, copy, fsc.COPYFILE_EXCL);
  const after = await fsp.stat(source, { bigint: true });
  const shm = await fsp.stat(`${source}-shm`).catch(() => undefined);
  if (shm || before.ino !== after.ino || before.size !== after.size || before.mtimeNs !== after.mtimeNs) {
    throw new SnapshotError('busy', `${source}: changed while it was copied (another process opened it); retry the snapshot`);
  }
  return copy;
}

/** Starts the read transaction that pins the snapshot, polling for the lock (see retryWhileBusy). */
async function beginRead(db: DB, source: string, timeoutMs: number): Promise<void> {
  await retryWhileBusy(db, source, timeoutMs, () => {
    try {
      db.exec('BEGIN');
      // A deferred BEGIN takes no lock; the first read does, and pins the snapshot we copy.
      db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  });
}

/**
 * Runs `attempt` until it stops failing with SQLITE_BUSY. SQLite's own busy handler sleeps up to
 * 100 ms between tries, and a rollback-journal writer that commits back to back holds its
 * EXCLUSIVE lock nearly all the time, so those tries can miss every gap (seen here: > 10 s under
 * a test writer). We poll instead: every event-loop turn for the first 50 ms, then every
 * millisecond, until the timeout. `attempt` must undo its own partial work when it throws.
 */
async function retryWhileBusy(db: DB, source: string, timeoutMs: number, attempt: () => void): Promise<void> {
  const tryIt = busyAsAgain(() => {
    attempt();
    return true;
  });
  db.pragma('busy_timeout = 0');
  try {
    const done = await poll(tryIt, { timeoutMs, pauseMs: (elapsed) => (elapsed < 50 ? 0 : 1) });
    if (done === AGAIN) {
      throw new SnapshotError(
        'busy',
        `${source}: database stayed locked by another process for ${timeoutMs} ms; retry when it is idle, or raise the busy timeout (--busy-timeout)`,
        { cause: tryIt.lastBusy },
      );
    }
  } finally {
    db.pragma(`busy_timeout = ${timeoutMs}`);
  }
}

/** What every copy path of one database works with: the read-only connection, where the copy goes, how to check and store it. */
interface CopyJob {
  db: DB;
  header: DbHeader;
  /** The stored file's temp path. */
  tmp: string;
  temps: TempFiles;
  check: CheckLevel;
  /** With compression and level resolved. */
  opts: SnapshotOptions;
  /** The entry's name, for progress. */
  label: string;
}

/**
 * The `backup` method. When the main file is provably frozen for the length of our read transaction
 * (always in rollback-journal mode, where our SHARED lock keeps writers from committing; in WAL
 * mode, see wal.ts), the pages are streamed straight from the file in large reads into the
 * compressor and the hash: no temp copy, no page-by-page writes. Otherwise SQLite's backup API
 * copies every page in one step, which holds one read transaction from start to end and so cannot
 * be restarted (starved) by a busy writer.
 */
async function viaBackup(job: CopyJob, source: string): Promise<CopyResult> {
  const { db, opts } = job;
  await beginRead(db, source, opts.busyTimeoutMs ?? 5000);
  // Closed only after SQLite lets go (see the finally): closing any descriptor of a file drops
  // every POSIX lock this process holds on it, SQLite's own included.
  const handles: fsp.FileHandle[] = [];
  const running: { copy?: RunningCopy } = {};
  try {
    const mode = String(db.pragma('journal_mode', { simple: true }));
    if (mode === 'wal' && (await shmUntrusted(source))) {
      db.exec('COMMIT');
      const r = await viaRawCopy(job, source, 'backup-api');
      r.reason = 'the -shm cannot be written (read-only media), so it may be a crashed writer\'s and is not read: SQLite read the -wal itself, backup API in one step';
      return r;
    }
    const state = mode === 'wal' ? await walState(source, handles) : 'no-wal';
    const t0 = performance.now();
    const open = async (file: string): Promise<number> => {
      const fh = await fsp.open(file, 'r');
      handles.push(fh);
      return fh.fd;
    };
    const dbFd = await open(source);
    let plan: ReadPlan | undefined;
    if (mode === 'wal' && !fileIsFrozen(state)) {
      db.exec('COMMIT');
      plan = await readWithWal(db, source, dbFd, open);
      // Awaited here: the finally below closes the connection the backup is still using.
      if (!plan) return await viaRawCopy(job, source, 'backup-api');
    } else {
      plan = await readFrozenFile(db, source, mode, state, dbFd, opts);
    }
    return await copyWhileChecking(plan, running, t0, job);
  } finally {
    // The worker must be gone before the lock is dropped and before its descriptor is closed.
    await running.copy?.cancel();
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    await Promise.all(handles.map((h) => h.close()));
  }
}

/** What viaBackup reads, in order, and why that is a consistent copy. */
interface ReadPlan {
  reason: string;
  /** Bytes in all. */
  total: number;
  fds: number[];
  /** [index into fds, offset, length] triples; none: fds[0] from 0 to total. */
  segments?: number[];
  /** Damage found in the file itself, reported with the integrity check's findings. */
  damage?: string;
}

/**
 * A WAL with frames no checkpoint has copied back: the file and the -wal read directly, pinned to
 * one wal-index header (wal-snapshot.ts). Undefined when that cannot be planned: the caller falls
 * back to the backup API.
 */
async function readWithWal(db: DB, source: string, dbFd: number, open: (file: string) => Promise<number>): Promise<ReadPlan | undefined> {
  const walFd = await open(`${source}-wal`).catch(() => undefined);
  const shmFd = await open(`${source}-shm`).catch(() => undefined);
  const plan = walFd !== undefined && shmFd !== undefined ? planWalSnapshot(db, (await fsp.stat(source)).size, walFd, shmFd) : undefined;
  if (!plan || walFd === undefined) return undefined;
  return {
    reason: `read the file and the -wal directly: ${plan.walPages} of ${plan.pages} pages from the newest of ${plan.frames} WAL frames, pinned to one wal-index header (see wal-snapshot.ts)`,
    total: plan.pages * plan.pageSize,
    fds: [dbFd, walFd],
    segments: plan.segments,
  };
}

/**
 * A file no checkpoint can change while the read transaction lasts (rollback journal, or a WAL
 * with nothing pending): read directly, its pages only.
 */
async function readFrozenFile(db: DB, source: string, mode: string, state: WalState, dbFd: number, opts: SnapshotOptions): Promise<ReadPlan> {
  const reason =
    mode === 'wal'
      ? `read the file directly: WAL ${state === 'backfilled' ? 'fully checkpointed' : state === 'no-wal' ? 'absent' : 'empty'} when the read began, so no checkpoint can change it`
      : 'read the file directly under a shared lock (rollback journal: writers wait)';
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const pageCount = Number(db.pragma('page_count', { simple: true }));
  const total = pageSize * pageCount;
  // The file is frozen now, so its size is meaningful: SQLite only ever grows or shrinks it by
  // whole pages, so a tail that is not a whole page is damage (a cut-off copy, bytes appended).
  const fileSize = (await fsp.stat(source)).size;
  if (fileSize >= total && fileSize % pageSize === 0) return { reason, total, fds: [dbFd] };
  const problem =
    fileSize < total
      ? `is ${fileSize} bytes but holds ${pageCount} pages of ${pageSize} bytes (${total}): the file is truncated`
      : `is ${fileSize} bytes, not a whole number of ${pageSize}-byte pages: ${fileSize % pageSize} bytes were appended or the file was cut mid-page`;
  if (!opts.allowCorrupt || fileSize < total) {
    throw corrupt(`${source}: ${problem}; restore it from a good copy${fileSize < total ? '' : ', or pass --allow-corrupt to snapshot its pages anyway'}`);
  }
  return { reason, total, fds: [dbFd], damage: `file ${problem}; only the ${pageCount} pages were kept` };
}

/** The part of a copy job the snapshot's options decide, alike for every way of reading the pages. */
function codecOf(opts: SnapshotOptions): Pick<ThreadCopyJob, 'compression' | 'level' | 'hashRaw' | 'lanes'> {
  return { compression: opts.compression ?? 'zstd', level: opts.level ?? 0, hashRaw: opts.rawSha256 ?? false, ...(opts.lanes ? { lanes: opts.lanes } : {}) };
}

/**
 * The copy runs on worker threads (copy-worker.ts) while SQLite checks and counts the same pinned
 * view here. `running.copy` is set as soon as the copy starts, for the caller to cancel.
 */
async function copyWhileChecking(plan: ReadPlan, running: { copy?: RunningCopy }, t0: number, c: Pick<CopyJob, 'db' | 'header' | 'tmp' | 'check' | 'opts' | 'label'>): Promise<CopyResult> {
  const { db, opts, label } = c;
  const total = plan.total;
  const copy = (running.copy = startCopy({
    fds: plan.fds,
    ...(plan.segments ? { segments: plan.segments } : {}),
    length: total,
    pageSize: Number(db.pragma('page_size', { simple: true })),
    outFile: c.tmp,
    ...codecOf(opts),
    onBytes: (done) => opts.onProgress?.({ database: label, phase: 'copy', done, total }),
  }));
  // The check reads the same pinned view through SQLite while the copy threads work: on 2
  // cores, 1 GiB uncompressed took 0.97 s this way and 1.31 s with the check after the copy.
  const t1 = performance.now();
  opts.onProgress?.({ database: label, phase: 'check', done: 0, total: 1 });
  const stopOnAbort = onAbort(opts.signal, () => void copy.cancel());
  let facts: DbFacts;
  let streamed: StreamedFile;
  try {
    facts = collectFacts(db, c.check, c.header, opts.allowCorrupt);
    opts.signal?.throwIfAborted();
    streamed = await copy.done;
  } catch (err) {
    throw abortedOr(opts.signal, err);
  } finally {
    stopOnAbort();
  }
  if (plan.damage) facts.integrity = { check: facts.integrity.check, ok: false, messages: [plan.damage, ...facts.integrity.messages] };
  const checkMs = performance.now() - t1;
  const copyMs = performance.now() - t0;
  // Ends a read-only transaction; unlike COMMIT it does not fail after SQLite met a damaged page.
  if (db.inTransaction) db.exec('ROLLBACK');
  return { copy: 'file-copy', reason: plan.reason, facts, streamed, copyMs, checkMs };
}

/**
 * A `-shm` we cannot write is on read-only media (or not ours): no live writer keeps it current,
 * so its wal-index may be a crashed process's. SQLite then builds the index in heap memory from the
 * `-wal`; our direct readers (wal.ts, wal-snapshot.ts) would trust the stale file instead.
 */
async function shmUntrusted(source: string): Promise<boolean> {
  return fsp.access(`${source}-shm`, fsc.W_OK).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code !== 'ENOENT',
  );
}

/** Backup API or VACUUM INTO into a raw temp copy, facts read from that copy, then compressed. */
async function viaRawCopy(job: CopyJob, source: string, how: 'backup-api' | 'vacuum-into'): Promise<CopyResult> {
  const { db, header, tmp, temps, check, opts, label } = job;
  const raw = temps.add(tempPathFor(`${tmp}.raw`));
  const t0 = performance.now();
  let reason: string;
  if (how === 'vacuum-into') {
    const vacuum = db.prepare('VACUUM INTO ?');
    await retryWhileBusy(db, source, opts.busyTimeoutMs ?? 5000, () => {
      try {
        vacuum.run(raw);
      } catch (err) {
        rmSync(raw, { force: true });
        throw err;
      }
    });
    reason = 'VACUUM INTO wrote a compacted copy';
  } else {
    const total = Number(db.pragma('page_count', { simple: true }));
    await db.backup(raw, {
      // All remaining pages in one step: one read transaction for the whole copy, so a writer
      // committing in between cannot restart it. In WAL mode the writer is not blocked meanwhile.
      progress: ({ remainingPages }) => {
        opts.onProgress?.({ database: label, phase: 'copy', done: total - remainingPages, total });
        return 0x7fffffff;
      },
    });
    reason = 'WAL had frames not yet checkpointed: SQLite backup API in one step';
  }
  opts.signal?.throwIfAborted();
  const copyMs = performance.now() - t0;
  const compression = opts.compression ?? 'zstd';
  let fh: fsp.FileHandle | undefined;
  let copy: RunningCopy | undefined;
  let stopOnAbort = (): void => {};
  try {
    const size = (await fsp.stat(raw)).size;
    fh = await fsp.open(raw, 'r');
    // Uncompressed, the raw copy already is the stored file: hash it and rename it, no second copy.
    copy = startCopy({
      fds: [fh.fd],
      length: size,
      outFile: tmp,
      ...codecOf(opts),
      rename: compression === 'none',
      onBytes: (done) => opts.onProgress?.({ database: label, phase: 'compress', done, total: size }),
    });
    const running = copy;
    stopOnAbort = onAbort(opts.signal, () => void running.cancel());
    const t1 = performance.now();
    // Read-only, so the facts describe exactly the bytes being stored; checked while they are compressed.
    const copyDb = openDatabase(raw, { readonly: true });
    let facts: DbFacts;
    try {
      facts = collectFacts(copyDb, check, header, opts.allowCorrupt);
    } finally {
      copyDb.close();
    }
    const checkMs = performance.now() - t1;
    opts.signal?.throwIfAborted();
    const streamed = await copy.done.catch((err: unknown) => {
      throw abortedOr(opts.signal, err);
    });
    await fh.close();
    fh = undefined;
    if (compression === 'none') await fsp.rename(raw, tmp);
    return { copy: how, reason, facts, streamed, copyMs, checkMs };
  } finally {
    stopOnAbort();
    await copy?.cancel();
    await fh?.close();
    await fsp.rm(raw, { force: true });
    await fsp.rm(`${raw}-wal`, { force: true });
    await fsp.rm(`${raw}-shm`, { force: true });
    temps.release(raw);
  }
}
