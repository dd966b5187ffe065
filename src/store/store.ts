import type { StreamedSnapshot } from '../engine/restore/restore.ts';
import type { CheckLevel } from '../engine/sqlite/facts.ts';
import type { StoredFileWrite } from '../engine/snapshot/options.ts';
import type { PrunePlan, RetentionPolicy } from './retention.ts';
import type { SeedStore } from './seed/store.ts';

/**
 * Where snapshots live. The engine reads and writes plain directories (a manifest plus one file
 * per database); a store decides where those directories come from and go to: a local directory
 * tree, an object store (S3, Azure Blob), or GitHub's artifact service. Front doors talk to a Store, never to a location directly.
 */
export interface Staging {
  /** An empty directory to write the snapshot into. */
  dir: string;
  /** The staged files are uploaded and deleted by commit(): nothing needs them flushed to the device (SnapshotOptions.durable). */
  scratch?: boolean;
  /**
   * Told of each stored file as the engine starts writing it (SnapshotOptions.onStoredFile), by a
   * store that uploads it while it grows; commit() then sends what is left.
   */
  onStoredFile?(file: StoredFileWrite): void;
  /**
   * This staging uploads each stored file as soon as its bytes are whole (StoredFileWrite.copied),
   * on a thread of its own: the engine may check the snapshot after the copy
   * (SnapshotOptions.checkAfterCopy), during that upload.
   */
  checkAfterCopy?: boolean;
  /** Publishes the snapshot as the newest generation of its name. */
  commit(): Promise<Published>;
  /** Throws the staged files away. Safe to call after a failed commit. */
  abort(): Promise<void>;
}

export interface Published {
  name: string;
  generation: string;
  /** Human-readable location: a path, or an artifact URL. */
  location: string;
  /** Store-specific facts (artifact id, digest, …) for front doors to report. */
  details?: Record<string, string | number>;
}

export interface Opened {
  name: string;
  generation: string;
  dir: string;
  /** Releases what opening took (a downloaded copy, for instance). */
  close(): Promise<void>;
}

export interface Selector {
  generation?: string;
  /** The newest generation taken at or before this time. */
  at?: Date;
}

export interface GenerationInfo {
  name: string;
  generation: string;
  createdAt: string;
  /** The generation's directory; for a remote store, its location (a URL, not a path). */
  dir: string;
}

export interface Store {
  readonly description: string;
  begin(name: string): Promise<Staging>;
  open(name: string, select?: Selector): Promise<Opened>;
  list(name?: string): Promise<GenerationInfo[]>;
  /**
   * A generation to be read once as it downloads, so that a restore decodes while the data arrives
   * (stores that download: object stores, registries, releases); undefined when it can only be read
   * from files, as `open` gives them.
   */
  openStream?(name: string, select?: Selector): Promise<OpenedStream | undefined>;
  /**
   * Runs a whole read of this store's snapshot (open, decode, verify). A store whose downloads can
   * arrive damaged, which only decoding shows, runs `read` once more when it fails as corrupt.
   */
  retryDamaged?<T>(read: () => Promise<T>): Promise<T>;
}

/**
 * What the CLI's history commands (snapshot, watch, prune, list, verify) need beyond a Store:
 * the local directory (local/) and the object stores (object/ over azure/, s3/, oci/) implement
 * it. The types below are shared by every such store, so that none of them imports another.
 */
export interface HistoryStore extends Store {
  /** Throws a `not-found` SnapshotError when the store itself (directory, bucket, container) is missing. */
  checkExists(): Promise<void>;
  /**
   * The writer lock of a name: snapshot, watch and prune hold it; readers never need it. A store
   * without one (object stores: two writers each publish their own valid generation) returns a
   * lock that only releases.
   */
  lock(name: string, opts: LockOptions): Promise<NameLock>;
  /** Removes what crashed runs left under a name (call with its lock held); returns what it removed. */
  sweep(name: string): Promise<string[]>;
  /**
   * Applies a retention policy to a name's complete generations (call with its lock held). A
   * generation stops being visible before any of its data goes, so a prune killed at any point
   * leaves every remaining generation whole.
   */
  prune(name: string, policy: RetentionPolicy, opts?: { dryRun?: boolean; now?: Date }): Promise<PrunePlan>;
  /** Records a verification result in a published generation; a generation pruned meanwhile is skipped. */
  recordVerification(name: string, generation: string, v: Verification): Promise<void>;
  /** Every generation (of one name, or all) with its manifest's figures and verification record, oldest first. */
  summarize(name?: string): Promise<GenerationSummary[]>;
  /** Where `seed` keeps its seeds in this store, for stores that keep them beside generations (object stores). */
  seedStore?(): SeedStore;
  /** After a failed first snapshot, removes the lock directory that run created (local store only). */
  discardCreatedLockDir?(createdDir: string): Promise<void>;
}

export interface OpenedStream {
  name: string;
  generation: string;
  snapshot: StreamedSnapshot;
  /** Ends the download if it is still running. */
  close(): Promise<void>;
}

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  purpose: string;
}

export interface NameLock {
  /** The holder before us, when it ended without releasing (its owner file was still there). */
  recovered?: LockOwner;
  /** The topmost directory that taking the lock had to create (the store's lock directory, or more). */
  createdDir?: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another holder; 0 tries once. */
  timeoutMs: number;
  /** What the holder is doing, shown to whoever waits ("snapshot", "watch", "prune"). */
  purpose: string;
}

/** A generation's verification record (verification.json beside its manifest). */
export interface Verification {
  ok: boolean;
  check: CheckLevel;
  verifiedAt: string;
  by: string;
  problems: string[];
}

/** One generation as `list` shows it: the facts of its manifest and its verification record. */
export interface GenerationSummary extends GenerationInfo {
  databases: { name: string; rawSize: number; storedSize: number; method: string; copy: string; compression: string; integrity: boolean | null }[];
  rawSize: number;
  storedSize: number;
  /** The record of the last verification, or null when it was never verified. */
  verified: Verification | null;
  /** Set when the manifest cannot be read: the generation is damaged. */
  error?: string;
}
