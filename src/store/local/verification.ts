import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fsyncFile, removeQuietly, tempPathFor } from '../../engine/common/files.ts';
import type { Verification } from '../store.ts';
import { VERIFICATION_FILE, parseVerification } from '../summary.ts';

/**
 * A generation's verification record: written by `verify`, and by `snapshot`/`watch` when they
 * verify the new generation before publishing it (always, when retention may prune). It sits
 * beside the manifest and is the only file of a generation written after the snapshot itself;
 * it is replaced whole (temp file + rename), so readers never see half of one.
 */
export { VERIFICATION_FILE };

export type { Verification };

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
  const text = await fsp.readFile(path.join(dir, VERIFICATION_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseVerification(text);
}
