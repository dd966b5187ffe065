import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { removeQuietly } from '../engine/common/files.ts';
import type { Published, Staging } from './store.ts';

/** What a store that uploads files before the commit adds to its staging (releases: early-upload.ts). */
export interface EarlyHooks {
  onStoredFile: NonNullable<Staging['onStoredFile']>;
  /** Takes back what went up, for a snapshot that failed before its commit started. */
  discard(): Promise<void>;
}

/**
 * A staging directory in a temp root for stores that upload what the engine wrote there (an
 * artifact, a release): `publish` uploads it, and the directory is gone afterwards, whether the
 * upload succeeded or not. With `early`, stored files start up as soon as they are whole, and the
 * engine checks the snapshot after its copy (Staging.checkAfterCopy).
 */
export async function stagedUpload(tempRoot: string, publish: (dir: string) => Promise<Published>, early?: EarlyHooks): Promise<Staging> {
  await fsp.mkdir(tempRoot, { recursive: true });
  const dir = await fsp.mkdtemp(path.join(tempRoot, 'sqlite-snapshot-stage-'));
  let committing = false;
  return {
    dir,
    scratch: true,
    ...(early ? { checkAfterCopy: true, onStoredFile: early.onStoredFile } : {}),
    commit: async (): Promise<Published> => {
      committing = true;
      try {
        return await publish(dir);
      } finally {
        await removeQuietly(dir);
      }
    },
    abort: async (): Promise<void> => {
      // After a failed commit, the store has decided what stays for a re-run (releases: publish.ts).
      if (early && !committing) await early.discard();
      await removeQuietly(dir);
    },
  };
}
