// The backup method read straight from the files: what it may read under which lock (the read
// plan), and the copy threads fed from it while SQLite checks the same pinned view.
import { promises as fsp, constants as fsc } from 'node:fs';
import { corrupt } from '../common/errors.ts';
import { abortedOr, onAbort } from '../common/abort.ts';
import type { DbFacts } from '../sqlite/facts.ts';
import { type DB, collectFacts, countRowsTolerant, runCheck, withRowCounts } from '../sqlite/sqlite.ts';
import { countRowsFrom } from './row-counts.ts';
import { startCopy, type RunningCopy, type StreamedFile } from '../threads/copy-worker.ts';
import { IN_LINE_MAX, hashThreadPays } from '../threads/start.ts';
import { type WalState, fileIsFrozen, walState } from './wal.ts';
import { planWalSnapshot } from './wal-snapshot.ts';
import type { SnapshotOptions } from './options.ts';
import { type CopyJob, type CopyResult, codecOf, retryWhileBusy } from './copy-job.ts';
import { viaRawCopy } from './raw-copy.ts';

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
 * The `backup` method. When the main file is provably frozen for the length of our read transaction
 * (always in rollback-journal mode, where our SHARED lock keeps writers from committing; in WAL
 * mode, see wal.ts), the pages are streamed straight from the file in large reads into the
 * compressor and the hash: no temp copy, no page-by-page writes. Otherwise SQLite's backup API
 * copies every page in one step, which holds one read transaction from start to end and so cannot
 * be restarted (starved) by a busy writer.
 */
export async function viaBackup(job: CopyJob, source: string): Promise<CopyResult> {
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

/**
 * The copy runs on worker threads (copy-worker.ts) while SQLite checks and counts the same pinned
 * view here; with opts.checkAfterCopy, the check waits until the copy is whole and told of
 * (CopyJob.copied), and a compressed copy runs on this thread. `running.copy` is set as soon as
 * the copy starts, for the caller to cancel.
 */
async function copyWhileChecking(plan: ReadPlan, running: { copy?: RunningCopy }, t0: number, c: Pick<CopyJob, 'db' | 'header' | 'tmp' | 'check' | 'opts' | 'label' | 'copied'>): Promise<CopyResult> {
  const { db, opts, label } = c;
  const total = plan.total;
  // With the check off as well: the caller still uploads the stored file the moment it is whole,
  // and SQLite's row counts wait for it. Release step, 256 MiB text, verify: off took ~100 ms
  // longer than the default check (copy thread started, upload after the snapshot's end).
  const after = opts.checkAfterCopy === true;
  // A copy in line (small) takes no census: there its cold JavaScript cost more than SQLite's
  // count(*) of a few MiB (8 MiB: 14 ms against ~2). Nor does a copy checked after: SQLite then
  // counts once the copy is whole, while the stored file uploads, instead of the census taking
  // CPU from the copy.
  const census = total > IN_LINE_MAX && !after;
  const copy = (running.copy = startCopy({
    fds: plan.fds,
    ...(plan.segments ? { segments: plan.segments } : {}),
    length: total,
    pageSize: Number(db.pragma('page_size', { simple: true })),
    census,
    outFile: c.tmp,
    ...codecOf(opts),
    hashThread: hashThreadPays(c.check !== 'off' && !after),
    // Checked after, this thread only waits while the copy runs: compressing, the copy runs here
    // (zstd still works on libuv's pool), not on a thread whose start (~80 ms on 2 cores) delays
    // it. Release step, 256 MiB text, interleaved: 1438 -> 1359 ms; mixed 3006 -> 2955 ms.
    // Uncompressed, the copy and hash threads still split the work.
    ...(after && opts.compression !== 'none' ? { inLine: true } : {}),
    onBytes: (done) => opts.onProgress?.({ database: label, phase: 'copy', done, total }),
  }));
  // The check reads the same pinned view through SQLite while the copy threads work: on 2
  // cores, 1 GiB uncompressed took 0.97 s this way and 1.31 s with the check after the copy.
  let t1 = performance.now();
  if (!after) opts.onProgress?.({ database: label, phase: 'check', done: 0, total: 1 });
  const stopOnAbort = onAbort(opts.signal, () => void copy.cancel());
  let facts: DbFacts;
  let streamed: StreamedFile;
  let copiedAt = 0;
  try {
    // Row counts come last, from the copy's census of the pages (page-census.ts): SQLite counting
    // them here as well would walk every table's leaves a second time on this thread.
    facts = collectFacts(db, after ? 'off' : c.check, c.header, opts.allowCorrupt, { rows: !census && !after });
    opts.signal?.throwIfAborted();
    streamed = await copy.done;
    copiedAt = performance.now();
    if (after) {
      c.copied?.({ size: streamed.storedSize, sha256: streamed.storedSha256 });
      // Listeners start their work (an upload on a thread of its own) before SQLite holds this
      // thread for the whole check.
      await new Promise((resolve) => setImmediate(resolve));
      opts.signal?.throwIfAborted();
      t1 = performance.now();
      opts.onProgress?.({ database: label, phase: 'check', done: 0, total: 1 });
      facts.integrity = runCheck(db, c.check);
      facts = withRowCounts(facts, countRowsTolerant(db, opts.allowCorrupt ?? false));
    }
    if (census) facts = withRowCounts(facts, countRowsFrom(db, streamed.census, opts.allowCorrupt ?? false));
  } catch (err) {
    throw abortedOr(opts.signal, err);
  } finally {
    stopOnAbort();
  }
  if (plan.damage) facts.integrity = { check: facts.integrity.check, ok: false, messages: [plan.damage, ...facts.integrity.messages] };
  const checkMs = performance.now() - t1;
  const copyMs = (after ? copiedAt : performance.now()) - t0;
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
