import { JOURNAL_MODES, restoreSnapshot, type JournalModeChoice, type RestoreResult } from '../engine/restore/restore.ts';
import type { CheckLevel } from '../engine/sqlite/facts.ts';
import { badInput } from '../engine/common/errors.ts';
import { intIn, oneOf } from './options.ts';
import { type SnapshotSelection, withSnapshot } from './open.ts';

export type { RestoreResult } from '../engine/restore/restore.ts';

export interface RestoreProgress {
  database: string;
  phase: 'restore';
  done: number;
  total: number;
}

export interface RestoreOptions extends SnapshotSelection {
  /**
   * Where to restore. One database in the snapshot: every path gets a copy (decoded once, then
   * copied). Several: `entry=path` pairs, one path per database in snapshot order, or one
   * directory ending in `/`. A missing parent directory is created.
   */
  to: string | readonly string[];
  /** Keep the replaced database: true for `<target>.pre-restore`, or a path (one target only). */
  keepPrevious?: boolean | string;
  /** keep (default: as snapshotted), wal or delete. */
  journalMode?: JournalModeChoice;
  /** auto (default: quick_check only where the snapshot did not pass one), quick, full, off. */
  check?: CheckLevel | 'auto';
  /** Replace a target that is in use, or that is not a SQLite database. */
  force?: boolean;
  /** How long to wait for a transaction on a target, in ms (default 1000). */
  busyTimeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: RestoreProgress) => void;
}

export interface RestoreSummary {
  name: string;
  /** Undefined when restored from a snapshot directory (`dir`). */
  generation?: string;
  restored: RestoreResult[];
}

/**
 * Verifies a snapshot into a temp file beside each target, then swaps each in by one atomic
 * rename and removes its stale -wal, -shm and -journal. Until then no target is touched: a failure
 * or an abort leaves every target as it was. Maps to `sqlite-snapshot restore`.
 */
export async function restore(options: RestoreOptions): Promise<RestoreSummary> {
  const opts = options ?? ({} as RestoreOptions);
  const to = typeof opts.to === 'string' ? [opts.to] : [...(opts.to ?? [])];
  if (to.length === 0) throw badInput("restore: no target given; pass to: 'path/to/app.db' (or several)");
  const engine = {
    journalMode: oneOf(opts.journalMode, JOURNAL_MODES, 'journalMode', 'keep'),
    check: oneOf(opts.check, ['auto', 'quick', 'full', 'off'] as const, 'check', 'auto'),
    busyTimeoutMs: intIn(opts.busyTimeoutMs, 'busyTimeoutMs', 0, 3_600_000) ?? 1000,
    force: opts.force ?? false,
    keepPrevious: opts.keepPrevious ?? false,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
  opts.signal?.throwIfAborted();
  return withSnapshot(opts, 'restore', async (opened) => ({
    name: opened.name,
    ...(opened.generation ? { generation: opened.generation } : {}),
    restored: await restoreSnapshot(opened.dir, to, engine),
  }));
}
