// What every way of copying one database shares: the job it is handed, what it returns, the codec
// settings the options decide, and the wait for another process's lock.
import { SnapshotError } from '../common/errors.ts';
import { TempFiles } from '../common/files.ts';
import type { CopyStrategy } from '../manifest/manifest.ts';
import type { CheckLevel, DbFacts, DbHeader } from '../sqlite/facts.ts';
import { type DB, busyAsAgain } from '../sqlite/sqlite.ts';
import { AGAIN, poll } from '../common/poll.ts';
import { type CopyJob as ThreadCopyJob, type StreamedFile } from '../threads/copy-worker.ts';
import type { CopiedFile, SnapshotOptions } from './options.ts';

export interface CopyResult {
  copy: CopyStrategy;
  reason: string;
  facts: DbFacts;
  streamed: StreamedFile;
  copyMs: number;
  checkMs: number;
}

/** What every copy path of one database works with: the read-only connection, where the copy goes, how to check and store it. */
export interface CopyJob {
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
  /** Tells of the stored file's bytes once whole (SnapshotOptions.onStoredFile). */
  copied?: (bytes: CopiedFile) => void;
}

/** The part of a copy job the snapshot's options decide, alike for every way of reading the pages. */
export function codecOf(opts: SnapshotOptions): Pick<ThreadCopyJob, 'compression' | 'level' | 'hashRaw' | 'lanes'> {
  return { compression: opts.compression ?? 'zstd', level: opts.level ?? 0, hashRaw: opts.rawSha256 ?? false, ...(opts.lanes ? { lanes: opts.lanes } : {}) };
}

/**
 * Runs `attempt` until it stops failing with SQLITE_BUSY. SQLite's own busy handler sleeps up to
 * 100 ms between tries, and a rollback-journal writer that commits back to back holds its
 * EXCLUSIVE lock nearly all the time, so those tries can miss every gap (seen here: > 10 s under
 * a test writer). We poll instead: every event-loop turn for the first 50 ms, then every
 * millisecond, until the timeout. `attempt` must undo its own partial work when it throws.
 */
export async function retryWhileBusy(db: DB, source: string, timeoutMs: number, attempt: () => void): Promise<void> {
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
