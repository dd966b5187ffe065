// The checks a restore makes before it writes anything: which entry goes where, that each target
// may be replaced, and that there is room for the new files beside them.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { SnapshotError, badInput } from '../common/errors.ts';
import { exists } from '../common/files.ts';
import type { Manifest, ManifestEntry } from '../manifest/manifest.ts';
import { readHeader } from '../sqlite/sqlite.ts';
import { formatBytes } from '../common/format.ts';
import type { RestoreOptions, RestoreTarget } from './options.ts';

/**
 * Maps the `--to` arguments onto entries. One database: every path gets a copy (fan-out).
 * Several: `entry=path` pairs, one path per database in manifest order, or one directory
 * (a path ending in `/`) that receives each database under its entry name.
 */
export function resolveTargets(manifest: Manifest, to: readonly string[]): RestoreTarget[] {
  if (to.length === 0) throw badInput('no target given; name at least one path to restore to (--to <path>)');
  const names = manifest.databases.map((d) => d.name);
  const targets: RestoreTarget[] = [];
  const plain: string[] = [];
  for (const arg of to) {
    if (arg.trim() === '') throw badInput('a target path is empty; give the path to restore to');
    const eq = arg.indexOf('=');
    const key = eq > 0 ? arg.slice(0, eq) : '';
    if (names.includes(key)) targets.push({ entry: key, path: arg.slice(eq + 1) });
    else plain.push(arg);
  }
  const isDir = (p: string): boolean => p.endsWith('/') || p.endsWith(path.sep);
  if (plain.length > 0) {
    if (names.length === 1) {
      for (const p of plain) targets.push({ entry: names[0] as string, path: isDir(p) ? path.join(p, names[0] as string) : p });
    } else if (plain.length === 1 && isDir(plain[0] as string)) {
      for (const n of names) targets.push({ entry: n, path: path.join(plain[0] as string, n) });
    } else if (plain.length === names.length && targets.length === 0) {
      plain.forEach((p, i) => targets.push({ entry: names[i] as string, path: p }));
    } else {
      throw badInput(
        `the snapshot holds ${names.length} databases (${names.join(', ')}) but ${plain.length} target path(s) were given; give one path per database, entry=path pairs, or one directory ending in /`,
      );
    }
  }
  const seen = new Set<string>();
  for (const t of targets) {
    // SQLite treats <db>-wal, -shm and -journal as parts of <db>: a database restored under such a
    // name would be read as (or deleted as) another database's side file.
    if (/-(wal|shm|journal)$/.test(t.path)) {
      throw badInput(`${t.path}: names ending in -wal, -shm or -journal belong to SQLite's side files; choose another name`);
    }
    const abs = path.resolve(t.path);
    if (seen.has(abs)) throw badInput(`${t.path}: the same target is given twice; give each target once`);
    seen.add(abs);
  }
  return targets;
}

export async function checkTarget(target: string, opts: RestoreOptions): Promise<void> {
  const link = await fsp.lstat(target).catch(() => undefined);
  // Replacing a link would either write through it (outside the path we were given) or swap the
  // link itself for a file; neither is what the caller can be assumed to want.
  if (link?.isSymbolicLink()) {
    throw badInput(`${target}: is a symbolic link; give the path of the file it points to, or remove the link`);
  }
  const stat = await fsp.stat(target).catch(() => undefined);
  if (!stat) return;
  if (stat.isDirectory()) {
    throw badInput(`${target}: is a directory; give a file path inside it, or end the path with / to restore under the entry's name`);
  }
  if (!stat.isFile()) throw badInput(`${target}: is not a regular file; give a database file path`);
  if (!opts.force && stat.size > 0 && !(await readHeader(target).catch(() => undefined))) {
    throw badInput(`${target}: exists and is not a SQLite database; move it away, or pass --force to replace it`);
  }
}

/**
 * The new files sit beside the old ones until the swap, so each filesystem needs room for all
 * the raw databases restored onto it. Checked up front: a disk that is too small fails at once
 * instead of after gigabytes, and a manifest that declares an absurd size cannot fill the disk.
 */
export async function checkFreeSpace(manifest: Manifest, targets: readonly RestoreTarget[]): Promise<void> {
  const perDevice = new Map<bigint, { need: number; dir: string; target: string }>();
  for (const t of targets) {
    let dir = path.dirname(path.resolve(t.path));
    while (!(await exists(dir)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const dev = (await fsp.stat(dir, { bigint: true })).dev;
    const raw = (manifest.databases.find((d) => d.name === t.entry) as ManifestEntry).rawSize;
    const slot = perDevice.get(dev) ?? { need: 0, dir, target: t.path };
    slot.need += raw;
    perDevice.set(dev, slot);
  }
  for (const { need, dir, target } of perDevice.values()) {
    const fs = await fsp.statfs(dir).catch(() => undefined);
    // Some network and FUSE filesystems report no sizes at all: then we cannot know, so we try.
    if (!fs || fs.blocks === 0) continue;
    const free = fs.bavail * fs.bsize;
    if (need > free) {
      throw new SnapshotError(
        'failed',
        `${target}: not enough free space: the restored database(s) need ${formatBytes(need)}, ${dir} has ${formatBytes(free)} free; free some space or restore elsewhere`,
      );
    }
  }
}
