import { badInput } from '../engine/common/errors.ts';
import { type GenerationSummary, summarize } from '../store/local/history.ts';
import { LocalStore } from '../store/local/local.ts';
import { validateName } from '../store/names.ts';
import { type SeedSummary, summarizeSeeds } from '../store/seed/list.ts';
import { LocalSeedStore } from '../store/seed/local.ts';
import type { HistoryStore, Store } from '../store/store.ts';
import { isManaged } from './managed.ts';
import { intIn, storeOf } from './options.ts';

export type { GenerationSummary } from '../store/local/history.ts';
export type { SeedSummary } from '../store/seed/list.ts';

export interface ListOptions {
  store: Store | string;
  /** Only this snapshot name (and then no seeds). */
  name?: string;
}

export interface ListResult {
  /** Oldest first, with each manifest's figures and the last verification. */
  generations: GenerationSummary[];
  /** The store's seeds (a directory store's `.seeds/`), oldest first; empty with `name`. */
  seeds: SeedSummary[];
}

/** The generations (and seeds) in a store. Maps to `sqlite-snapshot list` (--json prints `generations`; --seeds, `seeds`). */
export async function list(options: ListOptions): Promise<ListResult> {
  const opts = options ?? ({} as ListOptions);
  const store = await storeOf(opts.store);
  const name = opts.name === undefined ? undefined : validateName(opts.name, 'name');
  // A store that can say it is missing (a directory, a bucket, a registry) says so before anything is read.
  const own = store as Partial<HistoryStore>;
  await own.checkExists?.();
  // Seeds live only in local directories so far.
  const seeds = store instanceof LocalStore && name === undefined ? await summarizeSeeds(new LocalSeedStore(store.root)) : [];
  // A store that summarizes its own generations does; any other's are read from the directories its list() names.
  return { generations: own.summarize ? await own.summarize(name) : await summarize(store, name), seeds };
}

export interface PruneOptions {
  store: Store | string;
  name: string;
  /** Keep the n newest generations. */
  keep?: number;
  /** Remove generations older than this many ms. Either limit removes; the newest always stays. */
  maxAgeMs?: number;
  /** Say what would be removed, remove nothing. */
  dryRun?: boolean;
  /** Wait this long for a running snapshot of the name, in ms (default 60000). */
  lockTimeoutMs?: number;
}

export interface PruneResult {
  name: string;
  dryRun: boolean;
  removed: { generation: string; why: string }[];
  /** The generations left, oldest first. */
  kept: string[];
}

/**
 * Removes old generations of a name under its writer lock: only complete ones, never the newest;
 * each is renamed out of sight before it is deleted, so a restore that opened it finishes.
 * Maps to `sqlite-snapshot prune`.
 */
export async function prune(options: PruneOptions): Promise<PruneResult> {
  const opts = options ?? ({} as PruneOptions);
  const store = await storeOf(opts.store);
  const name = validateName(opts.name ?? '', 'name');
  const keep = intIn(opts.keep, 'keep', 1, 1_000_000);
  const maxAgeMs = intIn(opts.maxAgeMs, 'maxAgeMs', 1, Number.MAX_SAFE_INTEGER);
  if (keep === undefined && maxAgeMs === undefined) throw badInput('prune: give keep and/or maxAgeMs, for example { keep: 7 }');
  const timeoutMs = intIn(opts.lockTimeoutMs, 'lockTimeoutMs', 0, 2 ** 31 - 1) ?? 60_000;
  const dryRun = opts.dryRun ?? false;
  if (!isManaged(store)) throw badInput(`prune: the store ${store.description} cannot prune; prune it with its own tools`);
  if ((await store.list(name)).length === 0) return { name, dryRun, removed: [], kept: [] };
  const lock = await store.lock(name, { timeoutMs, purpose: 'prune' });
  try {
    if (!dryRun) await store.sweep(name);
    const plan = await store.prune(name, { ...(keep !== undefined ? { keep } : {}), ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) }, { dryRun });
    return { name, dryRun, removed: plan.remove, kept: plan.keep };
  } finally {
    await lock.release();
  }
}
