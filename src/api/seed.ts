import { badInput } from '../engine/common/errors.ts';
import { resolveLevel } from '../engine/manifest/compression.ts';
import type { Manifest } from '../engine/manifest/manifest.ts';
import type { RestoreResult } from '../engine/restore/restore.ts';
import { METHODS, type MethodChoice } from '../engine/snapshot/snapshot.ts';
import type { CheckLevel } from '../engine/sqlite/facts.ts';
import { type Hit, restoreSeed, saveSeed } from '../store/seed/seed.ts';
import { type SaveOutcome, type SeedStore, validateKey, validateRestoreKeys } from '../store/seed/store.ts';
import { seedStoreFor } from '../store/resolve.ts';
import { oneOf, pathList } from './options.ts';

export interface SeedRun {
  /** partial: a restore key matched and its seed was restored; miss: nothing was restored. */
  hit: 'partial' | 'miss';
  matchedKey?: string;
  /** The database files to build or migrate, as given. */
  paths: readonly string[];
  signal?: AbortSignal;
}

export interface SeedOptions {
  /** A SeedStore (new LocalSeedStore(dir)), or a store directory: seeds then live in `<dir>/.seeds/`. */
  store: SeedStore | string;
  /** The seed's key: change it whenever what builds the databases changes (a hash of the migrations). */
  key: string;
  /** Key prefixes tried, in order, when `key` misses: the newest match is restored, then `run` builds on it. */
  restoreKeys?: readonly string[];
  /** The database files the seed holds. */
  paths: string | readonly string[];
  /**
   * Builds (on a miss) or migrates (on a partial hit) the databases at `paths`. Not called on an
   * exact hit. When it throws, nothing is saved and seed() rethrows its error. Without `run`,
   * seed() only restores, and a miss restores nothing.
   */
  run?: (ctx: SeedRun) => Promise<void> | void;
  /** How a new seed is snapshotted: auto (default), backup, vacuum. */
  method?: MethodChoice;
  /** zstd level of a new seed; left out: 4, or stored uncompressed in a store that compresses entries itself (GitHub's cache). */
  level?: number;
  /** Integrity check of a new seed: quick (default), full, off. */
  check?: CheckLevel;
  signal?: AbortSignal;
  /** Notes along the way (a database not in the seed, a damaged entry fetched again). */
  log?: (line: string) => void;
}

export interface SeedResult {
  hit: Hit;
  matchedKey?: string;
  /** `run` was called. */
  ran: boolean;
  /** Databases restored from the matched seed. */
  restored: RestoreResult[];
  /**
   * After `run`: the new seed's manifest and whether it was saved under `key` (`saved: false`,
   * reason `taken`, when another process saved the key first: seeds are never overwritten).
   */
  saved?: { manifest: Manifest } & SaveOutcome;
}

/**
 * Seeds databases once per change of whatever builds them: an exact hit restores the seed
 * (verified, atomic, stale side files removed) and `run` is not called; a partial hit restores the
 * newest seed under a restore key and runs `run` on top; a miss runs `run`. After `run`, the
 * databases are snapshotted and saved under `key`. Maps to `sqlite-snapshot seed <paths> --key … -- <command>`.
 */
export async function seed(options: SeedOptions): Promise<SeedResult> {
  const opts = options ?? ({} as SeedOptions);
  const store = await seedStoreOf(opts.store);
  const key = validateKey(typeof opts.key === 'string' ? opts.key : '', 'key');
  const restoreKeys = validateRestoreKeys(opts.restoreKeys ?? [], 'restoreKeys');
  const databases = pathList(opts.paths, 'paths', "seed({ store, key, paths: ['app.db'], run })");
  if (opts.run !== undefined && typeof opts.run !== 'function') throw badInput('run: give an async function that builds the databases');
  const snapshot = {
    method: oneOf(opts.method, METHODS, 'method', 'auto'),
    ...(opts.level === undefined ? {} : { level: resolveLevel('zstd', opts.level, 'level') }),
    check: oneOf(opts.check, ['quick', 'full', 'off'] as const, 'check', 'quick'),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const log = opts.log ?? (() => {});
  opts.signal?.throwIfAborted();
  const restored = await restoreSeed({ store, key, restoreKeys, databases, restore: { check: 'auto', ...(opts.signal ? { signal: opts.signal } : {}) }, log });
  const base = { hit: restored.hit, ...(restored.matchedKey ? { matchedKey: restored.matchedKey } : {}), restored: restored.results };
  if (restored.hit === 'exact' || !opts.run) return { ...base, ran: false };
  await opts.run({ hit: restored.hit, ...(restored.matchedKey ? { matchedKey: restored.matchedKey } : {}), paths: databases, ...(opts.signal ? { signal: opts.signal } : {}) });
  opts.signal?.throwIfAborted();
  const { manifest, outcome } = await saveSeed({ store, key, databases, snapshot, log });
  return { ...base, ran: true, saved: { manifest, ...outcome } };
}

async function seedStoreOf(store: SeedStore | string | undefined): Promise<SeedStore> {
  if (typeof store === 'string') return seedStoreFor(store, 'store');
  if (store && typeof store.find === 'function' && typeof store.stage === 'function') return store;
  throw badInput('store: give a directory path or a SeedStore (new LocalSeedStore(dir))');
}
