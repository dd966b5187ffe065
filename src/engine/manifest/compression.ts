import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { badInput } from '../common/errors.ts';

export type Compression = 'zstd' | 'gzip' | 'none';
export const COMPRESSIONS: readonly Compression[] = ['zstd', 'gzip', 'none'];

/** Level ranges as the libraries define them; zstd's negative "fast" levels are allowed. */
export const LEVELS: Record<Compression, { min: number; max: number; default: number }> = {
  zstd: { min: -7, max: 22, default: 3 },
  gzip: { min: 1, max: 9, default: 6 },
  none: { min: 0, max: 0, default: 0 },
};

export const FILE_EXTENSION: Record<Compression, string> = { zstd: '.zst', gzip: '.gz', none: '' };

export function parseCompression(value: string, inputName = 'compression'): Compression {
  if ((COMPRESSIONS as readonly string[]).includes(value)) return value as Compression;
  throw badInput(`${inputName}: unknown compression "${value}"; use one of ${COMPRESSIONS.join(', ')}`);
}

export function resolveLevel(compression: Compression, level: number | undefined, inputName = 'level'): number {
  const range = LEVELS[compression];
  if (level === undefined) return range.default;
  if (!Number.isInteger(level) || level < range.min || level > range.max) {
    throw badInput(
      compression === 'none'
        ? `${inputName}: compression "none" takes no level; leave it out`
        : `${inputName}: ${level} is out of range for ${compression}; use an integer from ${range.min} to ${range.max}`,
    );
  }
  return level;
}

/**
 * zstd snapshots are independent frames of this many database bytes (so restore decodes several
 * at once), each matched against a window as large as the frame. 4 MiB frames with zstd's level-3
 * window (2 MiB) stored a 1 GiB text database 11 % larger than `zstd -3` (one stream); 8 MiB frames
 * with an 8 MiB window store less than it on both bench databases, in less CPU (fewer frame starts).
 */
export const ZSTD_FRAME = 8 << 20;
export const ZSTD_WINDOW_LOG = 23;

/** Below this many database bytes, frames are half as large (see zstdFrameFor). */
const SMALL_DATABASE = 32 << 20;

/**
 * The frame size (and, as its log, the window) for a database of `rawSize` bytes. A small
 * database in 8 MiB frames compresses on fewer lanes than there are cores, and each 8 MiB frame
 * costs more per byte than a 4 MiB one here: on 2 cores with 3 lanes, 8 MiB of the mixed bench
 * database took 53-69 ms in 8 MiB frames and 25-27 ms in 4 MiB ones (0.13 % more bytes), 32 MiB
 * 148-192 ms against 86-120 ms (0.2 % more). Larger databases keep 8 MiB frames for their ratio
 * (the text database stores 2.5 % more in 4 MiB frames).
 */
export function zstdFrameFor(rawSize: number): { frame: number; windowLog: number } {
  return rawSize < SMALL_DATABASE ? { frame: ZSTD_FRAME / 2, windowLog: ZSTD_WINDOW_LOG - 1 } : { frame: ZSTD_FRAME, windowLog: ZSTD_WINDOW_LOG };
}

/** Big chunks keep the per-call overhead of the stream machinery small next to the codec's work. */
const CHUNK = 1 << 20;

/** Uncompressed files never pass through a stream: they are copied by copy-worker.ts. */
export function createDecompressor(compression: Exclude<Compression, 'none'>): Transform {
  return compression === 'zstd' ? zlib.createZstdDecompress({ chunkSize: CHUNK }) : zlib.createGunzip({ chunkSize: CHUNK });
}
