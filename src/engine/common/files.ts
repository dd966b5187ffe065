import { randomBytes } from 'node:crypto';
import { promises as fsp, constants as fsc } from 'node:fs';
import path from 'node:path';
import { HOST_TAG, processAlive, processTag } from './process-tag.ts';

/**
 * Temp files are named so that a crashed run's leftovers are recognisable and never mistaken for
 * a finished file: `.<final name>.<random>.sqlite-snapshot-tmp`, beside the final file, so the
 * final rename stays on one filesystem and is atomic.
 */
export const TEMP_SUFFIX = '.sqlite-snapshot-tmp';

export function tempPathFor(finalPath: string): string {
  const dir = path.dirname(finalPath);
  return path.join(dir, `.${path.basename(finalPath)}.${processTag()}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * Removes the temp files that a killed run left for `finalPath` (its process is gone from this
 * host). Only `.<name>.<tag>-…` files: side files moved aside during a swap are named after
 * `<name>-wal` etc. and are left for a person to look at.
 */
export async function sweepAbandonedTemps(finalPath: string): Promise<string[]> {
  const dir = path.dirname(finalPath);
  const prefix = `.${path.basename(finalPath)}.`;
  const removed: string[] = [];
  for (const e of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (!e.startsWith(prefix) || !isTempName(e)) continue;
    const m = /^([0-9a-f]{8})-(\d+)-[0-9a-f]+$/.exec(e.slice(prefix.length, -TEMP_SUFFIX.length));
    if (!m || m[1] !== HOST_TAG || Number(m[2]) === process.pid || processAlive(Number(m[2]))) continue;
    await removeQuietly(path.join(dir, e));
    removed.push(path.join(dir, e));
  }
  return removed;
}

export function isTempName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

export async function fsyncFile(file: string): Promise<void> {
  const fh = await fsp.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** A rename is only durable once the directory entry is on disk. Windows cannot open directories. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await fsp.open(dir, fsc.O_RDONLY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * mkdir -p that returns the first directory it created (like node's recursive mkdir), but one
 * level at a time: node's recursive mkdir reports ENOENT instead of EROFS on a read-only
 * filesystem and never returns at all for a path under /proc.
 */
export async function makeDirs(dir: string): Promise<string | undefined> {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  for (let d = abs; ; d = path.dirname(d)) {
    const st = await fsp.stat(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (st) break;
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    await fsp.mkdir(d).catch((err: NodeJS.ErrnoException) => {
      // Another process made it meanwhile: fine, as long as it is a directory (the next mkdir checks).
      if (err.code !== 'EEXIST') throw err;
    });
  }
  return missing[0];
}

export async function removeQuietly(file: string): Promise<void> {
  await fsp.rm(file, { force: true, recursive: true }).catch(() => undefined);
}

export async function exists(file: string): Promise<boolean> {
  return fsp.lstat(file).then(
    () => true,
    () => false,
  );
}

/** Tracks temp files of the work in flight so that a signal or a failure removes every one of them. */
export class TempFiles {
  private readonly paths = new Set<string>();

  add(file: string): string {
    this.paths.add(file);
    return file;
  }

  /** The file became a final file (renamed away): it is no longer ours to clean. */
  release(file: string): void {
    this.paths.delete(file);
  }

  async cleanup(): Promise<void> {
    const all = [...this.paths];
    this.paths.clear();
    await Promise.all(all.map(removeQuietly));
  }
}

export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;
