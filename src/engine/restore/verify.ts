import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, corrupt, describeIoError, oneLine } from '../common/errors.ts';
import { TempFiles, removeQuietly, tempPathFor } from '../common/files.ts';
import { readManifest, type Manifest, type ManifestEntry } from '../manifest/manifest.ts';
import type { CheckLevel } from '../sqlite/facts.ts';
import { countRowsTolerant, openDatabase, readHeader, runCheck, schemaFingerprint } from '../sqlite/sqlite.ts';
import { decompressToFile, proveFramedFile, type DecodeOptions } from './streams.ts';

export interface EntryReport {
  name: string;
  ok: boolean;
  /** Each line one thing found wrong, most fundamental first; empty when ok. */
  problems: string[];
}

export interface VerifyReport {
  ok: boolean;
  manifest: Manifest;
  databases: EntryReport[];
}

/**
 * Turns one stored entry into a raw database at `outFile` and proves it is the database the
 * manifest describes: stored size and sha256, decompressed size and sha256 (or, with `opts.hashRaw`
 * false, zstd's own checksum of each frame), the SQLite header, then SQLite's own integrity check
 * (`auto`: see autoCheck), schema fingerprint, page count and row counts.
 * Throws a `corrupt` error naming the first thing that is wrong; `outFile` is left for the caller.
 */
export async function materialize(snapshotDir: string, entry: ManifestEntry, outFile: string, check: CheckLevel | 'auto', opts: DecodeOptions = {}): Promise<void> {
  const label = `${entry.name} in ${snapshotDir}`;
  await decompressToFile(await storedFile(snapshotDir, entry, label), outFile, entry, label, opts);
  await checkRestored(outFile, entry, label, check);
}

/**
 * The second half of materialize, for a database already decoded (and its checksums compared) at
 * `outFile`: header, SQLite's own check, page count, schema and row counts against the manifest.
 */
export async function checkRestored(outFile: string, entry: ManifestEntry, label: string, check: CheckLevel | 'auto'): Promise<void> {
  const header = await readHeader(outFile);
  if (!header) throw corrupt(`${label}: decompressed data has no SQLite header; the snapshot is damaged`);
  if (header.pageSize !== entry.pageSize) {
    throw corrupt(`${label}: page size is ${header.pageSize}, manifest says ${entry.pageSize}`);
  }
  const db = openDatabase(outFile, { readonly: true, busyTimeoutMs: 0 });
  try {
    const problems: string[] = [];
    // `auto`: the stored file's sha256 has proven these are the bytes the snapshot checked.
    const integrity = runCheck(db, check === 'auto' ? autoCheck(entry) : check);
    if (integrity.ok === false) problems.push(`integrity check failed: ${integrity.messages.slice(0, 3).join('; ')}`);
    const pageCount = Number(db.pragma('page_count', { simple: true }));
    if (pageCount !== entry.pageCount) problems.push(`page count is ${pageCount}, manifest says ${entry.pageCount}`);
    const schema = schemaFingerprint(db);
    if (schema !== entry.schemaSha256) problems.push(`schema fingerprint differs from the manifest`);
    if (check !== 'off') {
      // Cheap next to the check (milliseconds per GiB: count(*) walks the smallest index).
      // A snapshot kept with --allow-corrupt may hold tables SQLite cannot count; the manifest left them out too.
      const rows = countRowsTolerant(db, entry.integrity.ok === false).counts;
      for (const [table, n] of Object.entries(entry.tables)) {
        if (rows[table] !== n) problems.push(`table ${table} has ${rows[table] ?? 'no'} rows, manifest says ${n}`);
      }
    }
    // A snapshot taken with --allow-corrupt is expected to fail its check; anything else is not.
    if (problems.length > 0 && !(entry.integrity.ok === false && problems.every((p) => p.startsWith('integrity')))) {
      throw corrupt(`${label}: ${problems.join('; ')}`);
    }
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    throw corrupt(`${label}: SQLite cannot read the restored data (${oneLine(err)}); the snapshot is damaged`);
  } finally {
    db.close();
    await removeQuietly(`${outFile}-wal`);
    await removeQuietly(`${outFile}-shm`);
  }
}

/**
 * Proves a database restorable without writing it anywhere: the stored file's size and sha256
 * must be the manifest's, every frame is decoded (zstd checks each frame's own content checksum),
 * and the decoded size must be the manifest's, which is that of the bytes the snapshot checked
 * with `check` or more (a full check stands for a quick one). A restore accepts exactly that under
 * its default `--check auto`, so nothing a restore would refuse passes. false: this entry cannot be proven so (not zstd frames, or the
 * snapshot did not pass such a check): the caller checks a copy instead. Throws `corrupt` as
 * materialize does.
 */
async function proveByChecksums(snapshotDir: string, entry: ManifestEntry, check: CheckLevel, opts: DecodeOptions): Promise<boolean> {
  const passed = entry.integrity.ok === true && (entry.integrity.check === check || entry.integrity.check === 'full');
  if (entry.compression !== 'zstd' || !passed || check === 'off') return false;
  const label = `${entry.name} in ${snapshotDir}`;
  return proveFramedFile(await storedFile(snapshotDir, entry, label), entry, label, opts);
}

/** The entry's data file in the snapshot; `corrupt` when it is missing. */
async function storedFile(snapshotDir: string, entry: ManifestEntry, label: string): Promise<string> {
  const stored = path.join(snapshotDir, entry.file);
  await fsp.stat(stored).catch(() => {
    throw corrupt(`${label}: data file ${entry.file} is missing; the snapshot is incomplete`);
  });
  return stored;
}

/**
 * The check `auto` stands for: none when the snapshot recorded a passing quick or full check of
 * exactly these bytes, else quick_check. Under `auto` the row counts, page count, schema and
 * header are still compared.
 */
export function autoCheck(entry: ManifestEntry): CheckLevel {
  return entry.integrity.ok === true && entry.integrity.check !== 'off' ? 'off' : 'quick';
}

export interface VerifyOptions {
  onBytes?: (name: string, raw: number) => void;
  /** Holds the decompressed copies: a staging directory keeps them inside what an abort removes. Default: the temp directory. */
  workRoot?: string;
  /** Frames decoded at once (see DecodeLimits.lanes): `watch` at low priority passes its lanes. */
  lanes?: number;
  /**
   * Prove a database by its checksums where they suffice (see proveByChecksums) instead of writing
   * a copy and checking it again: what `watch` does to each new generation, beside an application.
   */
  byChecksums?: boolean;
  /** Cancels the verification: the scratch copies are removed and the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Checks every database in a snapshot and reports everything found, without stopping at the first. */
export async function verifySnapshot(snapshotDir: string, check: CheckLevel = 'full', opts: VerifyOptions = {}): Promise<VerifyReport> {
  const { onBytes, workRoot = os.tmpdir(), lanes } = opts;
  const manifest = await readManifest(snapshotDir);
  const temps = new TempFiles();
  const workDir = await fsp.mkdtemp(path.join(workRoot, 'sqlite-snapshot-verify-'));
  try {
    const databases: EntryReport[] = [];
    for (const entry of manifest.databases) {
      opts.signal?.throwIfAborted();
      const out = temps.add(tempPathFor(path.join(workDir, entry.name)));
      try {
        const decode = { onBytes: (n: number) => onBytes?.(entry.name, n), ...(lanes ? { lanes } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };
        if (!(opts.byChecksums && (await proveByChecksums(snapshotDir, entry, check, decode)))) {
          // A scratch copy, deleted right after: flushing it to the device would only take I/O from the application.
          await materialize(snapshotDir, entry, out, check, { ...decode, durable: false });
        }
        databases.push({ name: entry.name, ok: true, problems: [] });
      } catch (err) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        if (!(err instanceof SnapshotError)) {
          const e = describeIoError(err, `${entry.name}: decompressing into ${workDir} to check it`);
          // The scratch space is the temp directory, which the user may not know about: say how to move it.
          throw new SnapshotError(e.kind, `${e.message}${/no space/.test(e.message) ? ' (set TMPDIR to a directory with room)' : ''}`, { cause: err });
        }
        if (err.kind !== 'corrupt') throw err;
        databases.push({ name: entry.name, ok: false, problems: [err.message] });
      } finally {
        await removeQuietly(out);
        temps.release(out);
      }
    }
    return { ok: databases.every((d) => d.ok), manifest, databases };
  } finally {
    await temps.cleanup();
    await removeQuietly(workDir);
  }
}
