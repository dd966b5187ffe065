import path from 'node:path';
import { SnapshotError, corrupt, oneLine } from '../../engine/common/errors.ts';
import { readManifest, type Manifest } from '../../engine/manifest/manifest.ts';
import { restoreSnapshot, restoreStreamed, type RestoreOptions, type RestoreResult } from '../../engine/restore/restore.ts';
import { createSnapshot, entryNames, type SnapshotOptions } from '../../engine/snapshot/snapshot.ts';
import { damagedTwice, type FoundSeed, type SaveOutcome, type SeedStore } from './store.ts';

/**
 * One seed flow for the CLI and the Action, over any SeedStore:
 * - exact hit: restore (verified, atomic, stale side files removed); the command does not run;
 * - partial hit (a prefix matched): restore that seed, run the command on top, snapshot, save;
 * - miss: run the command, snapshot, save.
 * A failing command saves nothing. A key that another job saved first is not a failure: entries
 * are immutable, the job keeps the database its own command built.
 */
export type Hit = 'exact' | 'partial' | 'miss';

/** Seeds are written with zstd at this level: see docs in the README ("what a seed entry holds"). */
export const SEED_ZSTD_LEVEL = 4;

export interface Restored {
  hit: Hit;
  matchedKey?: string;
  results: RestoreResult[];
  /** Finding (and downloading) the entry, and verifying and restoring it. */
  ms: { find: number; restore: number };
}

export interface Saved {
  manifest: Manifest;
  outcome: SaveOutcome;
}

export interface SeedOutcome extends Restored {
  /** The command ran (partial hit or miss). */
  ran: boolean;
  saved?: Saved;
}

/** The command exited non-zero (or was killed): nothing was saved; its status is the CLI's exit code. */
export class CommandFailed extends SnapshotError {
  readonly status: number;
  constructor(status: number, what: string) {
    super('failed', `${what} exited with status ${status}; nothing was saved, fix the command and re-run`);
    this.status = status;
  }
}

export interface SeedRequest {
  store: SeedStore;
  key: string;
  restoreKeys: readonly string[];
  /** The database files the seed holds, in order. */
  databases: readonly string[];
  /** Runs the command that builds or migrates the databases; resolves to its exit status. */
  command?: () => Promise<number>;
  /** How the command is named in messages ("run", "the command"). */
  commandLabel?: string;
  snapshot: SnapshotOptions;
  restore: RestoreOptions;
  log: (line: string) => void;
}

export async function seed(req: SeedRequest): Promise<SeedOutcome> {
  const restored = await restoreSeed(req);
  if (restored.hit === 'exact' || !req.command) return { ...restored, ran: false };
  req.store.willSave?.();
  const status = await req.command();
  if (status !== 0) throw new CommandFailed(status, req.commandLabel ?? 'the command');
  const saved = await saveSeed(req);
  return { ...restored, ran: true, saved };
}

/** Finds the best entry for the key and restores it over the databases; a miss touches nothing. */
export async function restoreSeed(req: Pick<SeedRequest, 'store' | 'key' | 'restoreKeys' | 'databases' | 'restore' | 'log'>): Promise<Restored> {
  const t0 = performance.now();
  let found = await req.store.find(req.key, req.restoreKeys);
  const t1 = performance.now();
  if (!found) return { hit: 'miss', results: [], ms: { find: t1 - t0, restore: 0 } };
  const hit: Hit = found.key === req.key ? 'exact' : 'partial';
  try {
    const targets = await targetsFor(found, req.databases, hit, req.log);
    let results: RestoreResult[];
    try {
      results = await restoreFound(found, targets, req.restore);
    } catch (err) {
      if (!(err instanceof SnapshotError) || err.kind !== 'corrupt') throw err;
      const advice = req.store.damagedAdvice?.(found);
      if (advice) throw corrupt(`seed ${found.key}: ${inEntry(err, found)}; nothing was restored and the databases are as they were; ${advice}`);
      // Damage in transit is the likely cause: one more fetch may be intact.
      req.log(`seed ${found.key}: ${inEntry(err, found)}; fetching it once more`);
      await found.close();
      found = await req.store.find(req.key, req.restoreKeys);
      if (!found) throw corrupt(`seed ${req.key}: the entry vanished while it was fetched again; re-run the job`);
      results = await restoreFound(found, targets, req.restore).catch((e: unknown) => {
        if (!(e instanceof SnapshotError) || e.kind !== 'corrupt' || !found) throw e;
        throw damagedTwice(found.key, inEntry(e, found));
      });
    }
    return { hit, matchedKey: found.key, results, ms: { find: t1 - t0, restore: performance.now() - t1 } };
  } finally {
    await found?.close();
  }
}

/**
 * How a seed's data is stored. A store that compresses what it saves (GitHub's cache: tar + zstd)
 * gets it uncompressed unless a level was asked for: compressed by us first, a 64 MiB seed's save
 * took 1.5x `saveCache` of the raw file, the database compressed twice; stored raw, the cache's
 * one pass is all, and its restore decodes one layer instead of two.
 */
export function seedCodec(store: SeedStore, level: number | undefined): { compression: 'zstd' | 'none'; level?: number } {
  if (level === undefined && store.compresses) return { compression: 'none' };
  return { compression: 'zstd', level: level ?? SEED_ZSTD_LEVEL };
}

/** Snapshots the databases as they are now and files the snapshot under the key. */
export async function saveSeed(req: Pick<SeedRequest, 'store' | 'key' | 'databases' | 'snapshot' | 'log'>): Promise<Saved> {
  const staging = await req.store.stage();
  let manifest: Manifest;
  try {
    // rawSha256: a seed's cache entry is found by every version of this tool that shares the
    // cache (another branch, an older pinned action), so it stays in format 1, which all of them
    // read. The hash costs ~1 s of CPU per GiB, once per key.
    manifest = await createSnapshot(req.databases, staging.dir, 'seed', { ...req.snapshot, ...seedCodec(req.store, req.snapshot.level), rawSha256: true, durable: !staging.scratch });
  } catch (err) {
    await staging.discard();
    throw err;
  }
  return { manifest, outcome: await staging.save(req.key) };
}

/**
 * `entry=path` restore targets: each database given is found in the seed by its entry name.
 * On an exact hit every one must be there (the command will not run to create it); on a
 * partial hit a missing one is left to the command.
 */
async function targetsFor(found: FoundSeed, databases: readonly string[], hit: Hit, log: (line: string) => void): Promise<string[]> {
  const manifest = await ('dir' in found.snapshot ? readManifest(found.snapshot.dir) : Promise.resolve(found.snapshot.manifest)).catch((err: unknown) => {
    throw new SnapshotError(err instanceof SnapshotError ? err.kind : 'corrupt', `seed ${found.key}: ${inEntry(err, found)}; the entry was not written by sqlite-snapshot seed, or is damaged; change the key to build a new seed`, { cause: err });
  });
  const inSeed = new Set(manifest.databases.map((d) => d.name));
  const names = entryNames(databases);
  const missing = databases.filter((_, i) => !inSeed.has(names[i] as string));
  if (missing.length > 0 && hit === 'exact') {
    throw new SnapshotError(
      'bad-input',
      `seed ${found.key} holds ${[...inSeed].join(', ')} but not ${missing.join(', ')}; a key must change whenever the set of databases does (add the paths to the key)`,
    );
  }
  for (const m of missing) log(`${m}: not in seed ${found.key}; left to the command to create`);
  return databases.flatMap((d, i) => (inSeed.has(names[i] as string) ? [`${names[i]}=${d}`] : []));
}

function restoreFound(found: FoundSeed, targets: readonly string[], opts: RestoreOptions): Promise<RestoreResult[]> {
  return 'dir' in found.snapshot ? restoreSnapshot(found.snapshot.dir, targets, opts) : restoreStreamed(found.snapshot, targets, opts);
}

/** Engine messages name files in the store's private directory: name the entry instead. */
function inEntry(err: unknown, found: FoundSeed): string {
  const text = oneLine(err).replace(/; take the snapshot again$/, '');
  if (!('dir' in found.snapshot)) return text;
  const dir = found.snapshot.dir;
  return text.split(`${dir}${path.sep}`).join('').split(dir).join('the entry');
}
