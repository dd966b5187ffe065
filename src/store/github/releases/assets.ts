import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { badInput } from '../../../engine/common/errors.ts';
import type { Compression } from '../../../engine/manifest/compression.ts';
import { frameEnd } from '../../../engine/restore/zstd-frames.ts';

/**
 * How a snapshot is laid out as release assets: `<name>.manifest.json`, and each database's stored
 * file as `<name>.<file>` (or `<name>.<file>.part001`, `.part002`, … past GitHub's per-asset limit).
 * Several snapshots share a release by name. GitHub silently renames anything outside
 * `[A-Za-z0-9._-]` and leading or trailing dots, so only such names are made.
 */

/** GitHub refuses an asset larger than this (`size must be less than or equal to 2147483648`). */
export const GITHUB_ASSET_LIMIT = 2 ** 31;
/** Parts stay this far under the limit: room for GitHub to count differently than we do. */
export const DEFAULT_PART_SIZE = GITHUB_ASSET_LIMIT - (64 << 20);

export const MANIFEST_ASSET_SUFFIX = '.manifest.json';

export function manifestAssetName(name: string): string {
  return `${name}${MANIFEST_ASSET_SUFFIX}`;
}

export function dataAssetName(name: string, file: string): string {
  return `${name}.${file.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.+$/, (dots) => '_'.repeat(dots.length))}`;
}

export function partAssetName(base: string, index: number): string {
  return `${base}.part${String(index + 1).padStart(3, '0')}`;
}

/** The parts of `base`, in order, among a release's asset names; empty when it is stored whole. */
export function partIndex(base: string, assetName: string): number | undefined {
  if (!assetName.startsWith(`${base}.part`)) return undefined;
  const digits = assetName.slice(base.length + 5);
  return /^\d{3,}$/.test(digits) ? Number(digits) - 1 : undefined;
}

export function isSafeAssetName(name: string): boolean {
  return /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/.test(name);
}

export function contentTypeFor(compression: Compression | 'manifest'): string {
  switch (compression) {
    case 'manifest':
      return 'application/json';
    case 'zstd':
      return 'application/zstd';
    case 'gzip':
      return 'application/gzip';
    default:
      return 'application/vnd.sqlite3';
  }
}

export interface PlannedAsset {
  name: string;
  file: string;
  start: number;
  size: number;
  /** Hex sha256 of these bytes: what GitHub's `digest` must say after the upload. */
  sha256: string;
  contentType: string;
}

/** `GITHUB_ASSET_LIMIT`-sized parts unless a test or a GHES with another limit says otherwise. */
export function partSizeFrom(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PART_SIZE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > GITHUB_ASSET_LIMIT) {
    throw badInput(`SQLITE_SNAPSHOT_RELEASE_PART_SIZE: "${value}" is not a byte count from 1 to ${GITHUB_ASSET_LIMIT}; unset it for GitHub's limit`);
  }
  return n;
}

/**
 * Byte ranges of a stored file, each at most `partSize`. A zstd file is cut only between frames,
 * so each part is a zstd stream of its own (`zstd -d` takes it alone, `cat` joins them); other
 * files are cut anywhere. A single frame larger than a part (not one of ours) stays whole.
 */
export async function planRanges(file: string, size: number, compression: Compression, partSize: number): Promise<{ start: number; size: number }[]> {
  if (size <= partSize) return [{ start: 0, size }];
  const cuts = compression === 'zstd' ? await frameBoundaries(file, size) : undefined;
  const ranges: { start: number; size: number }[] = [];
  if (!cuts) {
    for (let start = 0; start < size; start += partSize) ranges.push({ start, size: Math.min(partSize, size - start) });
    return ranges;
  }
  let start = 0;
  let last = 0;
  for (const end of cuts) {
    if (end - start > partSize && last > start) {
      ranges.push({ start, size: last - start });
      start = last;
    }
    last = end;
  }
  ranges.push({ start, size: size - start });
  return ranges;
}

/** Frames larger than this are not ours: the file is then cut at fixed sizes. */
const MAX_FRAME_READ = 128 << 20;

/** The end offset of every frame, or undefined when the file is not a sequence of whole frames. */
async function frameBoundaries(file: string, size: number): Promise<number[] | undefined> {
  const fh = await fsp.open(file, 'r');
  try {
    const ends: number[] = [];
    let buf = Buffer.allocUnsafe(16 << 20);
    // buf[0, have) holds the file's bytes from `base`; frames are parsed from `at` within it.
    let base = 0;
    let have = 0;
    let at = 0;
    while (base + at < size) {
      const found = frameEnd(buf.subarray(0, have), at);
      if (found === 'invalid') return undefined;
      if (found !== 'more') {
        at = found.end;
        ends.push(base + at);
        continue;
      }
      // Keep the unfinished frame, at the front of a buffer large enough for it, and read on.
      if (at === 0 && have === buf.length) {
        if (buf.length >= MAX_FRAME_READ) return undefined;
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      } else {
        buf.copy(buf, 0, at, have);
        base += at;
        have -= at;
        at = 0;
      }
      const want = Math.min(buf.length - have, size - base - have);
      if (want === 0) return undefined;
      const { bytesRead } = await fh.read(buf, have, want, base + have);
      if (bytesRead === 0) return undefined;
      have += bytesRead;
    }
    return ends;
  } finally {
    await fh.close();
  }
}

export async function sha256Of(file: string, start: number, size: number): Promise<string> {
  const hash = createHash('sha256');
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let done = 0; done < size; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - done), start + done);
      if (bytesRead === 0) throw new Error(`${file}: shorter than ${start + size} bytes`);
      hash.update(buf.subarray(0, bytesRead));
      done += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

/** GitHub's `sha256:<hex>`; null or absent on assets uploaded before GitHub recorded digests. */
export function digestHex(digest: string | null | undefined): string | undefined {
  return digest?.startsWith('sha256:') ? digest.slice(7) : undefined;
}
