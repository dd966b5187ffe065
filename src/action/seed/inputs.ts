import * as core from '@actions/core';
import { resolveLevel } from '../../engine/manifest/compression.ts';
import { badInput } from '../../engine/common/errors.ts';
import { METHODS, type MethodChoice } from '../../engine/snapshot/snapshot.ts';
import type { CheckLevel } from '../../engine/sqlite/sqlite.ts';
import { validateKey, validateRestoreKeys } from '../../store/seed/store.ts';
import { int, lines, oneOf, text } from '../inputs.ts';

export interface SeedInputs {
  /** Database files, relative to the workspace. */
  databases: string[];
  key: string;
  restoreKeys: string[];
  /** The shell script of `run`; empty: the post step saves what the job left. */
  run: string;
  method: MethodChoice;
  /** Undefined: the store decides (seedCodec). */
  level: number | undefined;
  verify: CheckLevel;
}

/** Every input of the seed action, read and checked before the cache is asked anything. */
export function readSeedInputs(): SeedInputs {
  const databases = lines('path');
  if (databases.length === 0) throw badInput('path: is empty; list the database file(s) the seed holds, one per line (for example data/app.db)');
  for (const d of databases) {
    // A seed restores to these paths: each must name one file, so patterns are refused.
    if (/[*?[\]{}]/.test(d) || d.startsWith('!')) throw badInput(`path: "${d}" is a pattern; a seed restores to exact paths, list each database file on its own line`);
  }
  const key = validateKey(text('key'), 'key');
  const restoreKeys = validateRestoreKeys(lines('restore-keys'), 'restore-keys');
  const run = core.getInput('run').trim();
  const method = oneOf('method', METHODS, 'auto');
  const given = int('compression-level', -7, 22);
  // Left out, the store decides (seedCodec): GitHub's cache compresses the entry itself.
  const level = given === undefined ? undefined : resolveLevel('zstd', given, 'compression-level');
  const verify = oneOf('verify', ['quick', 'full', 'off'] as const, 'quick');
  return { databases, key, restoreKeys, run, method, level, verify };
}
