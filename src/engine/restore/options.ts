// What a restore can be asked for, and what it reports for each target.
import type { CheckLevel } from '../sqlite/facts.ts';

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
  /**
   * false: the targets need not survive a crash of the machine (a CI runner's workspace, discarded
   * with the job), so the new files and their directories are not flushed to the device. Each
   * target is still replaced by one rename, old or new for every process, never a mix. Default true.
   */
  durable?: boolean;
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
