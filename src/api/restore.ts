import type { Manifest } from '../engine/manifest/manifest.ts';
import { JOURNAL_MODES, restoreSnapshot, restoreStreamed, type JournalModeChoice, type RestoreResult } from '../engine/restore/restore.ts';
import type { CheckLevel } from '../engine/sqlite/facts.ts';
import { badInput } from '../engine/common/errors.ts';
import { intIn, oneOf } from './options.ts';
import { type SnapshotSelection, manifestOf, withReadOnce } from './open.ts';

export type { RestoreResult } from '../engine/restore/restore.ts';

export interface RestoreProgress {
  database: string;
  phase: 'restore';
  done: number;
  total: number;
}

/** Restore targets: paths, or a function of the snapshot's manifest that returns them. */
export type RestoreTargets = string | readonly string[] | ((manifest: Manifest) => string | readonly string[]);

export interface RestoreOptions extends SnapshotSelection {
  /**
   * Where to restore. One database in the snapshot: every path gets a copy (decoded once, then
   * copied). Several: `entry=path` pairs, one path per database in snapshot order, or one
   * directory ending in `/`. A missing parent directory is created. A function is called with the
   * snapshot's manifest once it is read, and returns the paths (targets that depend on the
   * snapshot: each database back where it was taken from, say).
   */
  to: RestoreTargets;
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
  /**
   * false: the targets need not survive a crash of the machine (a CI runner discarded with the
   * job): the new files are not flushed to the device. Each target is still swapped in by one
   * rename. Default true.
   */
  durable?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: RestoreProgress) => void;
}

export interface RestoreSummary {
  name: string;
  /** Undefined when restored from a snapshot directory (`dir`). */
  generation?: string;
  restored: RestoreResult[];
  /** The manifest of the snapshot restored. */
  manifest: Manifest;
  /** Decoded while it downloaded (a store that offers openStream), rather than read from files. */
  streamed: boolean;
}

/**
 * Verifies a snapshot into a temp file beside each target, then swaps each in by one atomic
 * rename and removes its stale -wal, -shm and -journal. Until then no target is touched: a failure
 * or an abort leaves every target as it was. A store that downloads (see Store.openStream) is
 * decoded as the data arrives. Maps to `sqlite-snapshot restore`.
 */
export async function restore(options: RestoreOptions): Promise<RestoreSummary> {
  const opts = options ?? ({} as RestoreOptions);
  const targetsFor = targetsOf(opts.to);
  const engine = {
    journalMode: oneOf(opts.journalMode, JOURNAL_MODES, 'journalMode', 'keep'),
    check: oneOf(opts.check, ['auto', 'quick', 'full', 'off'] as const, 'check', 'auto'),
    busyTimeoutMs: intIn(opts.busyTimeoutMs, 'busyTimeoutMs', 0, 3_600_000) ?? 1000,
    force: opts.force ?? false,
    keepPrevious: opts.keepPrevious ?? false,
    durable: opts.durable ?? true,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
  opts.signal?.throwIfAborted();
  return withReadOnce(opts, 'restore', async (opened) => {
    const manifest = await manifestOf(opened);
    const to = targetsFor(manifest);
    const restored = 'snapshot' in opened ? await restoreStreamed(opened.snapshot, to, engine) : await restoreSnapshot(opened.dir, to, engine);
    return { name: opened.name, ...(opened.generation ? { generation: opened.generation } : {}), restored, manifest, streamed: 'snapshot' in opened };
  });
}

/** Paths are checked before anything is opened; a function's answer once the manifest is read. */
function targetsOf(to: RestoreTargets | undefined): (m: Manifest) => string[] {
  const paths = (value: string | readonly string[] | undefined): string[] => {
    const list = typeof value === 'string' ? [value] : [...(value ?? [])];
    if (list.length === 0) throw badInput("restore: no target given; pass to: 'path/to/app.db' (or several)");
    return list;
  };
  if (typeof to === 'function') return (m) => paths(to(m));
  const fixed = paths(to);
  return () => fixed;
}
