import { type Compression, COMPRESSIONS, resolveLevel } from '../../engine/manifest/compression.ts';
import type { CheckLevel } from '../../engine/sqlite/sqlite.ts';
import { METHODS, type MethodChoice } from '../../engine/snapshot/snapshot.ts';
import { badInput } from '../../engine/common/errors.ts';
import { validateName } from '../../store/names.ts';
import { bool, int, lines, oneOf } from '../inputs.ts';

export type IfNoFilesFound = 'warn' | 'error' | 'ignore';

export interface SnapshotInputs {
  patterns: string[];
  name: string;
  method: MethodChoice;
  compression: Compression;
  level: number;
  verify: CheckLevel;
  retentionDays: number;
  overwrite: boolean;
  ifNoFilesFound: IfNoFilesFound;
  busyTimeoutMs: number;
  rawSha256: boolean;
}

/** Every input of the snapshot action, read and checked before anything is touched. */
export function readSnapshotInputs(): SnapshotInputs {
  const patterns = lines('path');
  if (patterns.length === 0) {
    throw badInput('path: is empty; list the database file(s) to snapshot, one per line (globs such as data/*.db allowed)');
  }
  const name = validateName(lines('name')[0] ?? 'sqlite-snapshot', 'name');
  const method = oneOf('method', METHODS, 'auto');
  const compression = oneOf('compression', COMPRESSIONS, 'zstd');
  const level = resolveLevel(compression, compression === 'none' ? undefined : int('compression-level', -7, 22), 'compression-level');
  const verify = oneOf('verify', ['quick', 'full', 'off'] as const, 'quick');
  const retentionDays = int('retention-days', 0, 400) ?? 0;
  const overwrite = bool('overwrite', false);
  const ifNoFilesFound = oneOf('if-no-files-found', ['warn', 'error', 'ignore'] as const, 'warn');
  const busyTimeoutMs = int('busy-timeout', 0, 3_600_000) ?? 5000;
  const rawSha256 = bool('raw-sha256', false);
  return { patterns, name, method, compression, level, verify, retentionDays, overwrite, ifNoFilesFound, busyTimeoutMs, rawSha256 };
}
