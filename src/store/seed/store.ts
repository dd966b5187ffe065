import { type SnapshotError, badInput, corrupt } from '../../engine/common/errors.ts';
import type { StreamedSnapshot } from '../../engine/restore/restore.ts';

/**
 * Where seeds live: immutable snapshots filed under a content key (a hash of whatever builds the
 * seed), found again by that key or by key prefixes. Two stores: a directory (local.ts) and
 * GitHub's cache service (../github/cache.ts). The flow over them is seed.ts.
 */
export interface FoundSeed {
  /** The key of the entry that matched. */
  key: string;
  /**
   * The entry as the store delivers it, not yet verified: a snapshot directory (manifest plus data
   * files), or a snapshot streamed as it downloads, to be read once.
   */
  snapshot: { dir: string } | StreamedSnapshot;
  /** Releases what finding took (a downloaded copy, an open download). */
  close(): Promise<void>;
}

export type SaveOutcome =
  | { saved: true; details: Record<string, string | number> }
  /** taken: another job saved (or is saving) this key first; entries are immutable, so that one stands. */
  | { saved: false; reason: 'taken' | 'failed'; message: string };

export interface SeedStaging {
  /** An empty private directory to write the snapshot into. */
  dir: string;
  /** The staged files are uploaded and deleted by save(): nothing needs them flushed to the device (SnapshotOptions.durable). */
  scratch?: boolean;
  /** Files the staged snapshot under `key`; first save of a key wins. Always releases the staging. */
  save(key: string): Promise<SaveOutcome>;
  discard(): Promise<void>;
}

export interface SeedStore {
  readonly description: string;
  /** The exact key, else the newest entry whose key starts with `key`, else with each restore key in turn. */
  find(key: string, restoreKeys: readonly string[]): Promise<FoundSeed | undefined>;
  stage(): Promise<SeedStaging>;
  /**
   * The store compresses what it saves itself (GitHub's cache): a seed is then staged uncompressed
   * unless a zstd level was asked for (seedCodec in seed.ts).
   */
  readonly compresses?: boolean;
  /** A save will follow (the command that builds the seed is about to run): a store may get ready for it meanwhile. */
  willSave?(): void;
  /**
   * Set by a store whose entries do not change in transit (a local directory): what to do about a
   * damaged one. Unset: a download may have been damaged on the way, so it is fetched once more.
   */
  damagedAdvice?(found: FoundSeed): string;
}

/** An entry damaged on both fetches (in transit or at rest): the one message for it, whichever stage found it. */
export function damagedTwice(key: string, what: string): SnapshotError {
  return corrupt(`seed ${key}: ${what} (twice); nothing was restored and the databases are as they were; re-run the job, or change the key so that a new seed is built`);
}

/** GitHub's own limits on cache keys (@actions/cache checkKey): the same rules for both stores. */
export const MAX_KEY_LENGTH = 512;

export function validateKey(key: string, inputName: string): string {
  if (key.trim() === '') throw badInput(`${inputName}: is empty; give a key that changes when what builds the seed changes, for example seed-\${{ hashFiles('migrations/**') }}`);
  if (key.length > MAX_KEY_LENGTH) throw badInput(`${inputName}: is ${key.length} characters long; cache keys are limited to ${MAX_KEY_LENGTH}, shorten it (a hash of the inputs is enough)`);
  if (key.includes(',')) throw badInput(`${inputName}: "${key}" contains a comma, which cache keys cannot hold; use "-" or "_" instead`);
  if (/[\r\n]/.test(key)) throw badInput(`${inputName}: holds a line break; give one key on one line`);
  return key;
}

/** At most 10 keys in all, as GitHub allows (the key itself plus 9 restore keys). */
export function validateRestoreKeys(keys: readonly string[], inputName: string): string[] {
  if (keys.length > 9) throw badInput(`${inputName}: ${keys.length} restore keys given; GitHub allows 9 besides key, drop the least useful ones`);
  return keys.map((k) => validateKey(k, inputName));
}

/**
 * Store-agnostic matching, GitHub's documented order: the exact key, then the key as a prefix,
 * then each restore key as a prefix; among prefix matches the newest entry wins.
 */
export function matchKey<T extends { key: string; createdAt: string }>(entries: readonly T[], key: string, restoreKeys: readonly string[]): T | undefined {
  const exact = entries.find((e) => e.key === key);
  if (exact) return exact;
  for (const prefix of [key, ...restoreKeys]) {
    const newest = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0];
    if (newest) return newest;
  }
  return undefined;
}
