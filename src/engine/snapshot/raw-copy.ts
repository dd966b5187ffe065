// The copy through SQLite itself, into a raw temp file (the backup API, or VACUUM INTO), compressed
// from there.
import { promises as fsp, rmSync } from 'node:fs';
import { abortedOr, onAbort } from '../common/abort.ts';
import { tempPathFor } from '../common/files.ts';
import type { DbFacts } from '../sqlite/facts.ts';
import { collectFacts, openDatabase } from '../sqlite/sqlite.ts';
import { startCopy, type RunningCopy } from '../threads/copy-worker.ts';
import { hashThreadPays } from '../threads/start.ts';
import { type CopyJob, type CopyResult, codecOf, retryWhileBusy } from './copy-job.ts';

/** Backup API or VACUUM INTO into a raw temp copy, facts read from that copy, then compressed. */
export async function viaRawCopy(job: CopyJob, source: string, how: 'backup-api' | 'vacuum-into'): Promise<CopyResult> {
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
      hashThread: hashThreadPays(check !== 'off'),
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
