import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { COMPRESSIONS, type Compression } from './compression.ts';
import { SnapshotError, corrupt } from '../common/errors.ts';
import type { DbFacts } from '../sqlite/facts.ts';

export const MANIFEST_FILE = 'manifest.json';
/**
 * Bumped when a reader of the old version could misread the new one. Readers refuse newer versions.
 * 2: a compressed entry may leave out `rawSha256`. A snapshot is written with the lowest version
 * that describes it (formatVersionFor), so one whose entries all carry it stays readable by 1.
 */
export const FORMAT_VERSION = 2;
export const FORMAT_ID = 'sqlite-snapshot';

export type Method = 'backup' | 'vacuum';
/** How a `backup` read the pages: straight from the file under a lock that freezes it, or via SQLite's backup API. */
export type CopyStrategy = 'file-copy' | 'backup-api' | 'vacuum-into';

export interface ManifestEntry extends DbFacts {
  /** Entry name, unique within the snapshot: the source's base name, de-duplicated. */
  name: string;
  /** Path of the source as given on the command line (information only; never used to write). */
  source: string;
  /** File within the snapshot directory that holds the (compressed) database. */
  file: string;
  method: Method;
  copy: CopyStrategy;
  /** Why this method and copy were chosen. */
  reason: string;
  compression: Compression;
  level: number;
  rawSize: number;
  storedSize: number;
  /**
   * sha256 of the database itself: always for `none` (the stored file is the database), for a
   * compressed entry only when asked for (snapshot's `rawSha256` option; format 2).
   */
  rawSha256?: string;
  storedSha256: string;
  timings: { copyMs: number; checkMs: number; totalMs: number };
  /** Present when the source needed crash recovery and it ran on a private copy (recovery.ts). */
  recovery?: Recovery;
}

/**
 * What crash recovery did. Optional and additive, so the format version is unchanged: an older
 * reader ignores it, and the stored database is an ordinary one either way.
 */
export interface Recovery {
  /** `wal`: the `-wal` replayed up to its last commit; `hot-journal`: the `-journal` rolled back. */
  kind: 'wal' | 'hot-journal';
  /** The side file that was read (its path as found beside the source) and its size in bytes. */
  sideFile: string;
  sideFileSize: number;
  /** The private directory the copy was recovered in (removed afterwards). */
  where: string;
  /** WAL only, from our own scan, which agreed with SQLite's: frames kept, commits among them. */
  frames?: number;
  commits?: number;
  /** WAL only: whole frames after the last commit, left out as SQLite leaves them out. */
  framesIgnored?: number;
  /** WAL only: the WAL ended in a partly written or damaged frame, dropped with its transaction. */
  tornTail?: boolean;
  /** Copy and recovery, before the normal snapshot of the recovered copy. */
  ms: number;
}

export interface Manifest {
  format: typeof FORMAT_ID;
  formatVersion: number;
  toolVersion: string;
  createdAt: string;
  name: string;
  databases: ManifestEntry[];
  allowCorrupt?: boolean;
}

/** The lowest format version that describes these entries (see FORMAT_VERSION). */
export function formatVersionFor(entries: readonly ManifestEntry[]): number {
  return entries.every((e) => e.rawSha256 !== undefined) ? 1 : 2;
}

/** An entry name that can never point outside the directory it is joined to. */
export function isSafeFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 200 &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\:]/.test(name) &&
    !name.includes('\u0000') &&
    path.basename(name) === name
  );
}

function field(cond: boolean, what: string, file: string): void {
  if (!cond) throw corrupt(`${file}: manifest is invalid (${what}); the snapshot is damaged or was not made by sqlite-snapshot`);
}

/** Parses and checks a manifest so that nothing later can be led astray by a hostile one. */
export function parseManifest(text: string, file: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw corrupt(`${file}: manifest is not valid JSON (truncated or damaged); take the snapshot again`);
  }
  const m = data as Partial<Manifest>;
  field(typeof m === 'object' && m !== null && m.format === FORMAT_ID, 'not a sqlite-snapshot manifest', file);
  field(typeof m.formatVersion === 'number', 'formatVersion', file);
  if ((m.formatVersion as number) > FORMAT_VERSION) {
    throw new SnapshotError(
      'bad-input',
      `${file}: snapshot format ${m.formatVersion} is newer than this sqlite-snapshot understands (${FORMAT_VERSION}); upgrade sqlite-snapshot`,
    );
  }
  field(Array.isArray(m.databases) && m.databases.length > 0, 'databases', file);
  const seen = new Set<string>();
  for (const e of m.databases as ManifestEntry[]) {
    field(typeof e === 'object' && e !== null, 'entry', file);
    field(typeof e.name === 'string' && isSafeFileName(e.name), `entry name ${JSON.stringify(e.name)}`, file);
    field(typeof e.file === 'string' && isSafeFileName(e.file) && e.file !== MANIFEST_FILE, `entry file ${JSON.stringify(e.file)}`, file);
    field(!seen.has(e.name), `duplicate entry ${e.name}`, file);
    seen.add(e.name);
    field((COMPRESSIONS as readonly string[]).includes(e.compression), `compression of ${e.name}`, file);
    field(Number.isSafeInteger(e.rawSize) && e.rawSize >= 0, `rawSize of ${e.name}`, file);
    field(Number.isSafeInteger(e.storedSize) && e.storedSize >= 0, `storedSize of ${e.name}`, file);
    const rawSha = e.rawSha256 === undefined ? (m.formatVersion as number) >= 2 && e.compression !== 'none' : /^[0-9a-f]{64}$/.test(e.rawSha256);
    field(rawSha && /^[0-9a-f]{64}$/.test(e.storedSha256), `checksums of ${e.name}`, file);
    field(Number.isInteger(e.pageSize) && e.pageSize >= 512 && e.pageSize <= 65536, `pageSize of ${e.name}`, file);
    field(e.rawSize === e.pageSize * e.pageCount, `rawSize of ${e.name} is not pageSize × pageCount`, file);
  }
  return m as Manifest;
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SnapshotError('not-found', `${dir}: no ${MANIFEST_FILE}; this is not a complete sqlite-snapshot snapshot`);
    }
    throw err;
  }
  return parseManifest(text, file);
}
