import { constants as fsc, promises as fsp } from 'node:fs';
import path from 'node:path';
import { badInput, corrupt, describeIoError } from '../common/errors.ts';
import { abortedOr } from '../common/abort.ts';
import { TempFiles, makeDirs, sweepAbandonedTemps, tempPathFor } from '../common/files.ts';
import { readManifest, type Manifest, type ManifestEntry } from '../manifest/manifest.ts';
import { describeFailure } from '../sqlite/sqlite.ts';
import { decodeStreamToFile } from './streams.ts';
import { checkRestored, materialize } from './verify.ts';
import type { ByteSource } from './zstd-restore.ts';
import type { RestoreOptions, RestoreResult, RestoreTarget } from './options.ts';
import { checkFreeSpace, checkTarget, resolveTargets } from './targets.ts';
import { type Prepared, finishTemp, swapAll } from './swap.ts';

export { JOURNAL_MODES, type JournalModeChoice, type RestoreOptions, type RestoreResult, type RestoreTarget } from './options.ts';
export { resolveTargets } from './targets.ts';

/**
 * Restores databases from a snapshot directory. Every target's new file is first written,
 * verified and fsynced (unless opts.durable is false) as a temp file in the target's own
 * directory; only when all are ready is any target touched, each by one atomic rename. A failure
 * before that leaves every target exactly as it was; a failure (or kill) during the renames
 * leaves each target either old or new.
 */
export async function restoreSnapshot(snapshotDir: string, to: readonly string[], opts: RestoreOptions = {}): Promise<RestoreResult[]> {
  const manifest = await readManifest(snapshotDir);
  return restoreWith(manifest, to, opts, (targets, places) => prepareTemps(snapshotDir, manifest, targets, places, opts));
}

/**
 * A snapshot read once, as it arrives (a seed streamed from GitHub's cache): the manifest first,
 * then the data files in whatever order they come.
 */
export interface StreamedSnapshot {
  manifest: Manifest;
  /** Names the snapshot in messages ("seed k"). */
  label: string;
  /** The data files as they arrive; one not read to its end is skipped when the next is asked for. */
  files: AsyncIterable<{ file: string; source: ByteSource }>;
  /**
   * A minor GC after each decoded frame (DecodeLimits.youngGc): for sources read from the network
   * in many small chunks (the object stores' SDKs, the OCI client). Not for releases and seeds,
   * which measured no need.
   */
  youngGc?: boolean;
}

/**
 * restoreSnapshot for a snapshot that is streamed: each database is decoded into its temp file as
 * its data arrives, so nothing is stored twice and decoding keeps pace with the download. The same
 * guarantees: every target's new file is complete and checked before any target is touched.
 */
export async function restoreStreamed(snap: StreamedSnapshot, to: readonly string[], opts: RestoreOptions = {}): Promise<RestoreResult[]> {
  return restoreWith(snap.manifest, to, opts, (targets, places) => prepareStreamed(snap, targets, places, opts));
}

async function restoreWith(
  manifest: Manifest,
  to: readonly string[],
  opts: RestoreOptions,
  prepare: (targets: RestoreTarget[], places: TempPlaces) => Promise<Prepared[]>,
): Promise<RestoreResult[]> {
  opts.signal?.throwIfAborted();
  const targets = resolveTargets(manifest, to);
  if (opts.keepPrevious && targets.length > 1 && typeof opts.keepPrevious === 'string') {
    throw badInput('keep-previous: a file name can only be given with a single target; use --keep-previous without a name');
  }
  for (const t of targets) await checkTarget(t.path, opts);
  await checkFreeSpace(manifest, targets);

  const places = new TempPlaces();
  const swaps = { started: false, done: 0 };
  try {
    const prepared = await prepare(targets, places);
    for (const p of prepared) {
      opts.signal?.throwIfAborted();
      await finishTemp(p.temp, p.entry, p.target.path, opts).catch((err: unknown) => {
        throw describeFailure(err, p.target.path, 'preparing the restored database');
      });
    }
    // The last point where an abort is taken: past it, every target is swapped in.
    opts.signal?.throwIfAborted();
    swaps.started = true;
    return await swapAll(prepared, places.temps, swaps, opts);
  } catch (err) {
    await places.temps.cleanup();
    if (swaps.done === 0) await places.removeCreatedDirs();
    throw swaps.started ? err : abortedOr(opts.signal, err);
  } finally {
    await places.temps.cleanup();
  }
}

/** A directory made for a target: `first` is the topmost one created, `leaf` the target's own. */
interface CreatedDir {
  first: string;
  leaf: string;
}

/** Temp files beside the targets, and the directories made for them (removed again, while empty, if the restore fails). */
class TempPlaces {
  readonly temps = new TempFiles();
  private readonly createdDirs: CreatedDir[] = [];

  /** A temp path beside the target, its directory made if need be. */
  async beside(target: RestoreTarget): Promise<string> {
    const leaf = path.dirname(path.resolve(target.path));
    const first = await makeDirs(leaf).catch((err: unknown) => {
      throw describeIoError(err, `${target.path}: cannot create its directory`);
    });
    if (first) this.createdDirs.push({ first, leaf });
    // A restore killed earlier left its temp file here; its process is gone, so the file is ours to remove.
    await sweepAbandonedTemps(path.resolve(target.path));
    return this.temps.add(tempPathFor(path.resolve(target.path)));
  }

  async removeCreatedDirs(): Promise<void> {
    for (const { first, leaf } of [...this.createdDirs].reverse()) {
      for (let d = leaf; d.startsWith(first); d = path.dirname(d)) {
        if (!(await fsp.rmdir(d).then(() => true, () => false))) break;
      }
    }
  }
}

/** Every target's database, decoded and checked, in a temp file beside it: nothing replaced yet. */
async function prepareTemps(snapshotDir: string, manifest: Manifest, targets: RestoreTarget[], places: TempPlaces, opts: RestoreOptions): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  const firstTemp = new Map<string, string>();
  for (const target of targets) {
    const entry = manifest.databases.find((d) => d.name === target.entry) as ManifestEntry;
    const temp = await places.beside(target);
    const done = firstTemp.get(entry.name);
    try {
      opts.signal?.throwIfAborted();
      if (done) {
        await fanOutCopy(done, temp);
      } else {
        // The decoded bytes' sha256 is left to zstd's frame checksums (see DecodeLimits.hashRaw); verify always hashes.
        await materialize(snapshotDir, entry, temp, opts.check ?? 'auto', { onBytes: progress(entry, opts), hashRaw: false, ...decodeOptionsOf(opts) });
        firstTemp.set(entry.name, temp);
      }
    } catch (err) {
      throw describeFailure(err, target.path, 'restore');
    }
    prepared.push({ target, entry, temp });
  }
  return prepared;
}

/** prepareTemps over a streamed snapshot: each database decoded as its data file arrives. */
async function prepareStreamed(snap: StreamedSnapshot, targets: RestoreTarget[], places: TempPlaces, opts: RestoreOptions): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for await (const { file, source } of snap.files) {
    const entry = snap.manifest.databases.find((d) => d.file === file);
    if (!entry) continue;
    let first: string | undefined;
    for (const target of targets.filter((t) => t.entry === entry.name)) {
      const temp = await places.beside(target);
      try {
        opts.signal?.throwIfAborted();
        if (first) await fanOutCopy(first, temp);
        else {
          const label = `${entry.name} in ${snap.label}`;
          await decodeStreamToFile(source, temp, entry, label, { onBytes: progress(entry, opts), hashRaw: false, ...decodeOptionsOf(opts), ...(snap.youngGc ? { youngGc: true } : {}) });
          await checkRestored(temp, entry, label, opts.check ?? 'auto');
          first = temp;
        }
      } catch (err) {
        throw describeFailure(err, target.path, 'restore');
      }
      prepared.push({ target, entry, temp });
    }
  }
  const missing = targets.find((t) => !prepared.some((p) => p.target === t));
  if (missing) throw corrupt(`${missing.entry} in ${snap.label}: its data file is missing from the entry; the entry is incomplete`);
  // Results in the order the targets were given, whatever order the data came in.
  return targets.map((t) => prepared.find((p) => p.target === t) as Prepared);
}

/**
 * Fan-out: the first copy of a database was decoded and verified; every further target gets a
 * file copy of it, never a second decode. A clone where the filesystem can share the blocks
 * (btrfs, XFS, APFS: no bytes copied), a plain copy elsewhere.
 */
async function fanOutCopy(first: string, temp: string): Promise<void> {
  await fsp.copyFile(first, temp, fsc.COPYFILE_FICLONE);
}

function decodeOptionsOf(opts: RestoreOptions): { signal?: AbortSignal; durable?: boolean } {
  return { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.durable === false ? { durable: false } : {}) };
}

function progress(entry: ManifestEntry, opts: RestoreOptions): (n: number) => void {
  return (n) => opts.onProgress?.({ database: entry.name, phase: 'restore', done: n, total: entry.rawSize });
}
