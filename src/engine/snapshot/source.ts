import { promises as fsp, constants as fsc } from 'node:fs';
import path from 'node:path';
import { SnapshotError, badInput } from '../common/errors.ts';
import type { DbHeader } from '../sqlite/facts.ts';
import { HEADER_SIZE, parseHeader } from '../sqlite/sqlite.ts';

/**
 * Checks a source path before SQLite sees it, so that each kind of wrong input gets its own advice
 * instead of SQLite's generic "file is not a database".
 */
export async function checkSource(source: string): Promise<{ header: DbHeader; size: number }> {
  if (source.trim() === '') throw badInput('database path is empty; give the path of a SQLite database file');
  const stat = await fsp.stat(source).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new SnapshotError('bad-input', `${source}: cannot read it (${err.code}); check the path and its permissions`);
  });
  if (!stat) {
    const wal = await fsp.stat(`${source}-wal`).catch(() => undefined);
    if (wal) {
      throw badInput(`${source}: not found, but ${source}-wal is there; the database file itself is missing, so the WAL alone cannot be snapshotted`);
    }
    // The shell expands globs; one that matched nothing reaches us as the pattern itself.
    if (/[*?[]/.test(source)) {
      throw badInput(`${source}: no file matches this pattern; sqlite-snapshot takes paths, not patterns (your shell expands globs), so check the pattern and the directory`);
    }
    throw badInput(`${source}: no such file; give the path of an existing SQLite database`);
  }
  if (stat.isDirectory()) throw badInput(`${source}: is a directory; give the path of a SQLite database file inside it`);
  if (!stat.isFile()) throw badInput(`${source}: is not a regular file; give the path of a SQLite database file`);
  if (stat.size === 0) {
    throw badInput(`${source}: is an empty (0-byte) file, not a database yet; nothing to snapshot`);
  }
  const fh = await fsp.open(source, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new SnapshotError('bad-input', `${source}: cannot open it for reading (${err.code}); check its permissions`);
  });
  const buf = Buffer.alloc(HEADER_SIZE);
  let bytesRead: number;
  try {
    ({ bytesRead } = await fh.read(buf, 0, HEADER_SIZE, 0));
  } finally {
    await fh.close();
  }
  const header = parseHeader(buf.subarray(0, bytesRead));
  if (!header) {
    throw badInput(`${source}: not a SQLite 3 database (no "SQLite format 3" header; encrypted databases are not supported); check the path`);
  }
  if (stat.size < header.pageSize) {
    throw badInput(`${source}: is ${stat.size} bytes, shorter than one ${header.pageSize}-byte page; the file is truncated`);
  }
  // Refused here, before any store is touched, rather than halfway through the snapshot.
  await walNeedsShmItCannotCreate(source, header);
  return { header, size: stat.size };
}

/**
 * A WAL database needs its `-shm` to be read, and SQLite creates it beside the database: in a
 * directory we cannot write, it cannot. Without a `-wal` holding frames nothing can be changing
 * the file (a writer would have to create both), so a plain copy of it is a snapshot. With frames
 * in the `-wal` (and no `-shm`) the database needs crash recovery, which recovery.ts runs on a
 * private copy: false here.
 */
export async function walNeedsShmItCannotCreate(source: string, header: DbHeader): Promise<boolean> {
  if (header.writeVersion !== 2) return false;
  if (await fsp.stat(`${source}-shm`).catch(() => undefined)) return false;
  const writable = await fsp.access(path.dirname(path.resolve(source)), fsc.W_OK).then(
    () => true,
    () => false,
  );
  if (writable) return false;
  const wal = await fsp.stat(`${source}-wal`).catch(() => undefined);
  return !(wal && wal.size > 0);
}

