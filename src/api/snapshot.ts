import { promises as fsp } from 'node:fs';
import { badInput, describeIoError } from '../engine/common/errors.ts';
import { makeDirs, removeQuietly } from '../engine/common/files.ts';
import { parseCompression, resolveLevel } from '../engine/manifest/compression.ts';
import type { Manifest } from '../engine/manifest/manifest.ts';
import { METHODS, createSnapshot, type SnapshotOptions as EngineOptions } from '../engine/snapshot/snapshot.ts';
import { checkSource } from '../engine/snapshot/source.ts';
import type { Verification } from '../store/local/verification.ts';
import { validateName } from '../store/names.ts';
import type { RetentionPolicy } from '../store/retention.ts';
import type { Store } from '../store/store.ts';
import { intIn, oneOf, pathList, storeOf } from './options.ts';
import { crashNotes, takeGeneration } from './take.ts';

export type { Progress as SnapshotProgress } from '../engine/snapshot/snapshot.ts';

/** The CLI's default: a previous run finishing is worth a minute's wait; a stuck one fails loudly. */
const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/** The engine's options (see docs/api.md for each, with its default), and where the snapshot goes. */
export interface SnapshotOptions
  extends Pick<EngineOptions, 'method' | 'compression' | 'level' | 'check' | 'busyTimeoutMs' | 'allowCorrupt' | 'rawSha256' | 'lanes' | 'signal' | 'onProgress'> {
  /** Where the new generation goes: a Store, or a directory path. Give this or `outDir`. */
  store?: Store | string;
  /** Write the snapshot straight into this directory (created; must be empty) instead of a store. */
  outDir?: string;
  /** The snapshot's name: letters, digits, ".", "_", "-". */
  name: string;
  /**
   * Verify the new generation before publishing it (implied by keep/maxAgeMs). `'checksums'`:
   * prove each database by its checksums where they suffice rather than decode a copy and check
   * it again, which spares a running application the I/O (what `watch` does).
   */
  verify?: boolean | 'checksums';
  /** Keep the n newest generations of the name, prune older ones (never the newest). */
  keep?: number;
  /** Prune generations older than this many ms. */
  maxAgeMs?: number;
  /** Wait this long for another snapshot of the name to finish, in ms (default 60000; 0 fails at once). */
  lockTimeoutMs?: number;
  /** Who takes it: the writer lock's purpose (shown to whoever waits for it) and the verification's author in `list` (default 'api'). */
  by?: string;
}

export interface SnapshotResult {
  name: string;
  /** The new generation's id; undefined with `outDir`. */
  generation?: string;
  /** Where it is: a directory path (or a store's own location). */
  location: string;
  /** What the store reports of the published generation (an artifact's id, digest and size; a release's id); absent with `outDir`. */
  details?: Record<string, string | number>;
  manifest: Manifest;
  /** Set when the generation was verified before it was published. */
  verification?: Verification;
  /** Generations that retention removed. */
  pruned: { generation: string; why: string }[];
  /** With keep/maxAgeMs: the generations of the name left after pruning, oldest first. */
  kept?: string[];
  /** What this run found left by crashed ones and cleaned up, one line each. */
  notes: string[];
}

/**
 * Takes a consistent snapshot of one or more SQLite databases, even while other processes write
 * to them, as a new generation of `name` in a store, or into a directory of its own (`outDir`).
 * Maps to `sqlite-snapshot snapshot <sources> --store … --name …`.
 */
export async function snapshot(sources: string | readonly string[], options: SnapshotOptions): Promise<SnapshotResult> {
  const opts = options ?? ({} as SnapshotOptions);
  const files = pathList(sources, 'snapshot', "snapshot('app.db', { store: './snapshots', name: 'nightly' })");
  const name = validateName(opts.name ?? '', 'name');
  const engine = engineOptions(opts);
  if ((opts.store === undefined) === (opts.outDir === undefined)) throw badInput('snapshot: give either store or outDir (one of them)');
  const retention: RetentionPolicy = {
    ...(opts.keep !== undefined ? { keep: intIn(opts.keep, 'keep', 1, 1_000_000) } : {}),
    ...(opts.maxAgeMs !== undefined ? { maxAgeMs: intIn(opts.maxAgeMs, 'maxAgeMs', 1, Number.MAX_SAFE_INTEGER) } : {}),
  };
  const lockTimeoutMs = intIn(opts.lockTimeoutMs, 'lockTimeoutMs', 0, 2 ** 31 - 1) ?? DEFAULT_LOCK_TIMEOUT_MS;
  if (opts.outDir !== undefined) {
    if (retention.keep !== undefined || retention.maxAgeMs !== undefined) throw badInput('keep/maxAgeMs: an outDir holds one snapshot; retention needs a store');
    return { name, location: opts.outDir, manifest: await intoDir(files, opts.outDir, name, engine), pruned: [], notes: [] };
  }
  const store = await storeOf(opts.store);
  if (opts.verify !== undefined && typeof opts.verify !== 'boolean' && opts.verify !== 'checksums') throw badInput(`verify: "${String(opts.verify)}" is not true, false or 'checksums'; give one of them`);
  const verify = opts.verify ?? false;
  const by = opts.by ?? 'api';
  if (typeof by !== 'string' || by.trim() === '') throw badInput('by: give a short word naming who takes the snapshot, for example by: "backup-job"');
  const taken = await takeGeneration(store, name, files, { snapshot: engine, verify, retention, lockTimeoutMs, by });
  return {
    name,
    generation: taken.published.generation,
    location: taken.published.location,
    ...(taken.published.details ? { details: taken.published.details } : {}),
    manifest: taken.manifest,
    ...(taken.verification ? { verification: taken.verification } : {}),
    pruned: taken.pruned?.remove ?? [],
    ...(taken.pruned ? { kept: taken.pruned.keep } : {}),
    notes: crashNotes(name, taken),
  };
}

/** The engine's options, each checked as the CLI checks its flag. */
function engineOptions(o: SnapshotOptions): EngineOptions {
  const compression = parseCompression(o.compression ?? 'zstd', 'compression');
  const lanes = intIn(o.lanes, 'lanes', 1, 64);
  return {
    compression,
    level: resolveLevel(compression, o.level, 'level'),
    method: oneOf(o.method, METHODS, 'method', 'auto'),
    check: oneOf(o.check, ['quick', 'full', 'off'] as const, 'check', 'quick'),
    busyTimeoutMs: intIn(o.busyTimeoutMs, 'busyTimeoutMs', 0, 3_600_000) ?? 5000,
    allowCorrupt: o.allowCorrupt ?? false,
    ...(o.rawSha256 ? { rawSha256: true } : {}),
    ...(lanes ? { lanes } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  };
}

/**
 * A snapshot straight into a directory: made if missing, refused if it holds anything (a second
 * snapshot would mix with the first). A failure removes what this call wrote, and the directory
 * too when this call made it.
 */
async function intoDir(sources: string[], outDir: string, name: string, opts: EngineOptions): Promise<Manifest> {
  for (const s of sources) await checkSource(s);
  const present = await fsp.readdir(outDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw describeIoError(err, `outDir ${outDir}`);
  });
  if (present && present.length > 0) throw badInput(`outDir: ${outDir} is not empty; give a new or empty directory for the snapshot`);
  const created = await makeDirs(outDir).catch((err: unknown) => {
    throw describeIoError(err, `outDir ${outDir}: cannot create it`);
  });
  try {
    return await createSnapshot(sources, outDir, name, opts);
  } catch (err) {
    if (created) await removeQuietly(created);
    throw err;
  }
}
