import { promises as fsp } from 'node:fs';
import { SnapshotError, badInput } from '../engine/common/errors.ts';
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
  const local = store instanceof LocalStore ? store : undefined;
  if (local && !(await fsp.stat(local.root).catch(() => undefined))) {
    throw new SnapshotError('not-found', `store ${local.root}: no such directory; check the store path`);
  }
  const seeds = local && name === undefined ? await summarizeSeeds(new LocalSeedStore(local.root)) : [];
  // A store whose generations are not local directories (an object store) summarizes its own.
  const own = store as Partial<HistoryStore>;
  if (!local && own.checkExists && own.summarize) {
    await own.checkExists();
    return { generations: await own.summarize(name), seeds };
  }
  return { generations: await summarize(store, name), seeds };
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
