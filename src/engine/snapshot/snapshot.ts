import { promises as fsp, constants as fsc } from 'node:fs';
import path from 'node:path';
import { type Compression, FILE_EXTENSION, resolveLevel } from '../manifest/compression.ts';
import { SnapshotError, badInput, describeIoError } from '../common/errors.ts';
import { abortedOr } from '../common/abort.ts';
import { TempFiles, fsyncDir, fsyncFile, removeQuietly, tempPathFor } from '../common/files.ts';
import { FORMAT_ID, formatVersionFor, MANIFEST_FILE, type Manifest, type ManifestEntry, type Method } from '../manifest/manifest.ts';
import { recoverCopy, recoveryNeeded } from './recovery.ts';
import { checkSource, walNeedsShmItCannotCreate } from './source.ts';
import type { DbHeader } from '../sqlite/facts.ts';
import { type DB, describeFailure, openDatabase } from '../sqlite/sqlite.ts';
import { TOOL_VERSION } from '../manifest/version.ts';
import type { CopiedFile, MethodChoice, SnapshotOptions } from './options.ts';
import type { CopyJob, CopyResult } from './copy-job.ts';
import { viaRawCopy } from './raw-copy.ts';
import { viaBackup } from './backup.ts';

export { METHODS, type CopiedFile, type MethodChoice, type Progress, type SnapshotOptions, type StoredFileWrite } from './options.ts';

/** `auto` compacts only when a quarter of the file is free pages: then the smaller copy pays for VACUUM's extra work. */
const AUTO_VACUUM_FREE_RATIO = 0.25;

export function chooseMethod(choice: MethodChoice, header: DbHeader, fileSize: number): { method: Method; reason: string } {
  if (choice !== 'auto') return { method: choice, reason: `${choice} was asked for` };
  const pages = Math.max(1, Math.floor(fileSize / header.pageSize));
  const freeRatio = header.freelistCount / pages;
  if (freeRatio >= AUTO_VACUUM_FREE_RATIO) {
    return {
      method: 'vacuum',
      reason: `auto: ${(freeRatio * 100).toFixed(0)}% of the pages are free, VACUUM INTO leaves them out`,
    };
  }
  return { method: 'backup', reason: `auto: ${(freeRatio * 100).toFixed(0)}% free pages, a page copy is fastest` };
}

/** Entry names: each source's base name, made unique with -2, -3… when two sources share one. */
export function entryNames(sources: readonly string[]): string[] {
  const used = new Set<string>();
  return sources.map((s) => {
    const base = path.basename(s).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'database';
    let name = base;
    for (let i = 2; used.has(name); i++) {
      const ext = path.extname(base);
      name = `${base.slice(0, base.length - ext.length)}-${i}${ext}`;
    }
    used.add(name);
    return name;
  });
}

/**
 * Writes a complete snapshot of `sources` into `outDir` (which must exist): one data file per
 * database, then `manifest.json` last, each through a temp file, fsync and rename. A snapshot
 * without its manifest is incomplete by definition; on failure everything this call wrote is removed.
 */
export async function createSnapshot(sources: readonly string[], outDir: string, name: string, opts: SnapshotOptions = {}): Promise<Manifest> {
  if (sources.length === 0) throw badInput('no database given; name at least one database file to snapshot');
  const seen = new Set<string>();
  for (const s of sources) {
    const abs = path.resolve(s);
    if (seen.has(abs)) throw badInput(`${s}: the same database is given twice; name each database once`);
    seen.add(abs);
  }
  const temps = new TempFiles();
  const written: string[] = [];
  const names = entryNames(sources);
  const compression = opts.compression ?? 'zstd';
  try {
    opts.signal?.throwIfAborted();
    const entries: ManifestEntry[] = [];
    for (const [i, source] of sources.entries()) {
      opts.signal?.throwIfAborted();
      const entryName = names[i] as string;
      const file = entryName + FILE_EXTENSION[compression];
      const finalPath = path.join(outDir, file);
      const told = storedFileTeller(opts, file, compression, finalPath);
      try {
        entries.push(await snapshotOne(source, entryName, finalPath, temps, opts, told));
      } catch (err) {
        told.failed(err);
        throw err;
      }
      told.finished();
      written.push(finalPath);
    }
    const manifest: Manifest = {
      format: FORMAT_ID,
      formatVersion: formatVersionFor(entries),
      toolVersion: TOOL_VERSION,
      createdAt: new Date().toISOString(),
      name,
      databases: entries,
      ...(opts.allowCorrupt && entries.some((e) => e.integrity.ok === false) ? { allowCorrupt: true } : {}),
    };
    opts.signal?.throwIfAborted();
    const manifestPath = path.join(outDir, MANIFEST_FILE);
    const tmp = temps.add(tempPathFor(manifestPath));
    await fsp.writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
    if (opts.durable !== false) await fsyncFile(tmp);
    await fsp.rename(tmp, manifestPath);
    temps.release(tmp);
    written.push(manifestPath);
    if (opts.durable !== false) await fsyncDir(outDir);
    return manifest;
  } catch (err) {
    await temps.cleanup();
    await Promise.all(written.map((f) => fsp.rm(f, { force: true })));
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw describeIoError(err, `${outDir}: writing the snapshot`);
  }
}

/** What snapshotOne tells of its stored file (opts.onStoredFile). */
interface StoredFileTeller {
  /** Its temp path is chosen; `sourceSize`: the database file's size. */
  started(tmp: string, sourceSize: number): void;
  /** Its bytes are whole (told once; later calls are ignored). */
  copied(bytes: CopiedFile): void;
  /** It is in place. */
  finished(): void;
  failed(err: unknown): void;
}

/**
 * Tells opts.onStoredFile of one stored file: once its temp path is chosen (`started`), when its
 * bytes are whole, then whether it became whole. A file never started is never told of.
 */
function storedFileTeller(opts: SnapshotOptions, file: string, compression: Compression, finalPath: string): StoredFileTeller {
  let settle: { resolve: () => void; reject: (err: unknown) => void } | undefined;
  let settleCopied: { resolve: (b: CopiedFile) => void; reject: (err: unknown) => void } | undefined;
  return {
    started: (tmp, sourceSize) => {
      if (!opts.onStoredFile) return;
      const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      const copied = new Promise<CopiedFile>((resolve, reject) => (settleCopied = { resolve, reject }));
      // The listener may attach its handlers later; a failure is reported by createSnapshot itself.
      done.catch(() => undefined);
      copied.catch(() => undefined);
      opts.onStoredFile({ file, compression, path: finalPath, writing: tmp, sourceSize, copied, done });
    },
    copied: (bytes) => settleCopied?.resolve(bytes),
    finished: () => settle?.resolve(),
    failed: (err) => {
      settleCopied?.reject(err);
      settle?.reject(err);
    },
  };
}

async function snapshotOne(source: string, entryName: string, finalPath: string, temps: TempFiles, opts: SnapshotOptions, told: StoredFileTeller): Promise<ManifestEntry> {
  const started = performance.now();
  const { header, size } = await checkSource(source);
  const compression = opts.compression ?? 'zstd';
  const level = resolveLevel(compression, opts.level);
  const choice = chooseMethod(opts.method ?? 'auto', header, size);
  const check = opts.check ?? 'quick';
  // A crash-left source is recovered on a private copy inside the output's directory (recovery.ts);
  // that copy is what the rest of this function reads.
  const need = await recoveryNeeded(source, header);
  const recovered = need ? await recoverCopy(source, header, need, tempPathFor(path.join(path.dirname(finalPath), `${entryName}.recovery`))) : undefined;
  const unreadable = !recovered && (await walNeedsShmItCannotCreate(source, header));
  let db: DB;
  let readPath = source;
  try {
    // A copy of a file nobody can change is a snapshot; SQLite then reads the copy, where it can make its -shm.
    readPath = recovered ? recovered.file : unreadable ? await copyFrozenFile(source, finalPath, temps) : source;
    opts.signal?.throwIfAborted();
    db = openDatabase(readPath, {
      readonly: true,
      busyTimeoutMs: opts.busyTimeoutMs ?? 5000,
    });
  } catch (err) {
    await recovered?.cleanup();
    throw abortedOr(opts.signal, describeFailure(err, source, 'opening it read-only'));
  }
  const tmp = temps.add(tempPathFor(finalPath));
  told.started(tmp, size);
  let result: CopyResult;
  // Resolved once here, so the copy paths below never see a missing level.
  const job: CopyJob = { db, header, tmp, temps, check, opts: { ...opts, compression, level }, label: entryName, copied: told.copied };
  try {
    result =
      choice.method === 'vacuum' || unreadable
        ? await viaRawCopy(job, source, choice.method === 'vacuum' ? 'vacuum-into' : 'backup-api')
        : await viaBackup(job, readPath);
    if (unreadable) result.reason = 'read-only directory and no WAL, so nothing can change the file: copied it whole, then read the copy';
    if (recovered) {
      const how = recovered.info.kind === 'wal' ? 'WAL replayed up to its last commit' : 'hot journal rolled back';
      result.reason = `crash recovery (${how}) by SQLite on a private copy, then ${result.reason}`;
    }
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const e = describeFailure(err, source, 'taking the snapshot');
    // The full disk is the one the snapshot is written to, not the source's: name that one.
    if (e.kind === 'failed' && /no space left on device/.test(e.message)) {
      throw new SnapshotError('failed', `${source}: no space left on device while writing its snapshot into ${path.dirname(finalPath)}; free some space there, or snapshot to another store`, { cause: err });
    }
    throw e;
  } finally {
    db.close();
    if (unreadable) {
      await removeQuietly(db.name);
      await removeQuietly(`${db.name}-wal`);
      await removeQuietly(`${db.name}-shm`);
      temps.release(db.name);
    }
    await recovered?.cleanup();
  }
  opts.signal?.throwIfAborted();
  if (result.facts.integrity.ok === false && !opts.allowCorrupt) {
    // SQLite packs several findings into one message; the first finding is enough to say where.
    const first = (result.facts.integrity.messages[0] ?? 'not ok').split('\n').find((l) => l.trim() !== '' && !l.startsWith('***')) ?? 'not ok';
    throw new SnapshotError(
      'corrupt',
      `${source}: integrity check failed (${first}); repair the database, or pass --allow-corrupt to keep a copy anyway`,
    );
  }
  // Told here unless told already (a direct read checked after its copy, copyWhileChecking).
  told.copied({ size: result.streamed.storedSize, sha256: result.streamed.storedSha256 });
  if (opts.durable !== false) await fsyncFile(tmp);
  await fsp.rename(tmp, finalPath);
  temps.release(tmp);
  return {
    name: entryName,
    source,
    file: path.basename(finalPath),
    method: choice.method,
    copy: result.copy,
    reason: `${choice.reason}; ${result.reason}`,
    compression,
    level,
    ...result.facts,
    rawSize: result.streamed.rawSize,
    storedSize: result.streamed.storedSize,
    ...(result.streamed.rawSha256 ? { rawSha256: result.streamed.rawSha256 } : {}),
    storedSha256: result.streamed.storedSha256,
    timings: { copyMs: Math.round(result.copyMs), checkMs: Math.round(result.checkMs), totalMs: Math.round(performance.now() - started) },
    ...(recovered ? { recovery: recovered.info } : {}),
  };
}

/** Copies a file that should not change, and proves it did not: same inode, size and mtime after the copy. */
async function copyFrozenFile(source: string, finalPath: string, temps: TempFiles): Promise<string> {
  const copy = temps.add(tempPathFor(`${finalPath}.raw`));
  const before = await fsp.stat(source, { bigint: true });
  await fsp.copyFile(source, copy, fsc.COPYFILE_EXCL);
  const after = await fsp.stat(source, { bigint: true });
  const shm = await fsp.stat(`${source}-shm`).catch(() => undefined);
  if (shm || before.ino !== after.ino || before.size !== after.size || before.mtimeNs !== after.mtimeNs) {
    throw new SnapshotError('busy', `${source}: changed while it was copied (another process opened it); retry the snapshot`);
  }
  return copy;
}
