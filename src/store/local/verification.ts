import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fsyncFile, removeQuietly, tempPathFor } from '../../engine/common/files.ts';
import type { CheckLevel } from '../../engine/sqlite/facts.ts';

/**
 * A generation's verification record: written by `verify`, and by `snapshot`/`watch` when they
 * verify the new generation before publishing it (always, when retention may prune). It sits
 * beside the manifest and is the only file of a generation written after the snapshot itself;
 * it is replaced whole (temp file + rename), so readers never see half of one.
 */
export const VERIFICATION_FILE = 'verification.json';

export interface Verification {
  ok: boolean;
  check: CheckLevel;
  verifiedAt: string;
  by: string;
  problems: string[];
}

export async function writeVerification(dir: string, v: Verification): Promise<void> {
  const file = path.join(dir, VERIFICATION_FILE);
  const tmp = tempPathFor(file);
  try {
    await fsp.writeFile(tmp, JSON.stringify(v, null, 2) + '\n', { flag: 'wx' });
    await fsyncFile(tmp);
    await fsp.rename(tmp, file);
  } finally {
    await removeQuietly(tmp);
  }
}

export async function readVerification(dir: string): Promise<Verification | undefined> {
  try {
    const v = JSON.parse(await fsp.readFile(path.join(dir, VERIFICATION_FILE), 'utf8')) as Partial<Verification>;
    if (typeof v.ok !== 'boolean') return undefined;
    return {
      ok: v.ok,
      check: (v.check ?? 'quick') as CheckLevel,
      verifiedAt: String(v.verifiedAt ?? ''),
      by: String(v.by ?? ''),
      problems: Array.isArray(v.problems) ? v.problems.map(String) : [],
    };
  } catch {
    return undefined;
  }
}
