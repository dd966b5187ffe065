// What a snapshot can be asked for: the options every copy path reads, and its progress reports.
import type { Compression } from '../manifest/compression.ts';
import type { Method } from '../manifest/manifest.ts';
import type { CheckLevel } from '../sqlite/facts.ts';

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
  /**
   * false: the snapshot is scratch, uploaded and deleted right after (a store's staging), so its
   * files are not flushed to the device: a crash before the upload ends publishes nothing anyway.
   * Default true.
   */
  durable?: boolean;
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
  /**
   * Told when a stored file starts to be written, so that a store can upload it while it grows
   * (object stores, registries) instead of after the whole snapshot.
   */
  onStoredFile?: (file: StoredFileWrite) => void;
  /**
   * Run the integrity check after the copy rather than beside it, once StoredFileWrite.copied has
   * been told and its listeners have had their turn: for a store that uploads a whole stored file
   * on a thread of its own as soon as it is copied (GitHub releases, which need its length before
   * the first byte). The check then takes its CPU during that upload instead of from the copy; it
   * still decides whether the snapshot is kept. Applies where the copy reads the file directly.
   */
  checkAfterCopy?: boolean;
}

/**
 * A stored file being written. Its bytes are appended in order to `writing` (a temp file, which
 * may appear only later: a raw copy renamed into place); once the file is whole it is renamed to
 * `path` and `done` resolves. `done` rejects when the snapshot fails, and the file is then removed.
 */
export interface StoredFileWrite {
  /** The file's name in the snapshot (its manifest entry's `file`). */
  file: string;
  /** How its bytes are stored (its manifest entry's `compression`). */
  compression: Compression;
  path: string;
  writing: string;
  /** The database file's size when the snapshot began: what the stored file holds at most, before compression. */
  sourceSize: number;
  /**
   * Resolves once every byte is in `writing`, before the snapshot's last checks and the rename;
   * rejects, like `done`, when the snapshot fails first.
   */
  copied: Promise<CopiedFile>;
  done: Promise<void>;
}

/** A stored file's bytes, whole. */
export interface CopiedFile {
  size: number;
  sha256: string;
}

export interface Progress {
  database: string;
  phase: 'copy' | 'compress' | 'check';
  done: number;
  total: number;
}
