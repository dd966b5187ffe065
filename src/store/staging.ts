import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { removeQuietly } from '../engine/common/files.ts';
import type { Published, Staging } from './store.ts';

/**
 * A staging directory in a temp root for stores that upload what the engine wrote there (an
 * artifact, a release): `publish` uploads it, and the directory is gone afterwards, whether the
 * upload succeeded or not.
 */
export async function stagedUpload(tempRoot: string, publish: (dir: string) => Promise<Published>): Promise<Staging> {
  await fsp.mkdir(tempRoot, { recursive: true });
  const dir = await fsp.mkdtemp(path.join(tempRoot, 'sqlite-snapshot-stage-'));
  return {
    dir,
    scratch: true,
    commit: async (): Promise<Published> => {
      try {
        return await publish(dir);
      } finally {
        await removeQuietly(dir);
      }
    },
    abort: async (): Promise<void> => removeQuietly(dir),
  };
}
