import { createHash } from 'node:crypto';
import type { StoredFileWrite } from '../../engine/snapshot/options.ts';
import { type Followed, followFile } from '../object/follow.ts';
import type { ChunkedUpload, RegistryClient } from './client.ts';

/**
 * Chunks of a blob pushed while it is written: each PATCH waits for the one before it (the spec
 * appends them in order), so one is sent at a time and, with the one filling and the one held back
 * (follow.ts), 24 MiB are in memory whatever the blob's size.
 */
const CHUNK = 8 << 20;

/**
 * Pushes a stored file to the registry while the engine writes it: a file that ends within its
 * first chunk as one blob of known digest (skipped when the repository has it), a larger one as a
 * chunked upload closed with the digest computed as the bytes went. Resolves with what was sent;
 * on failure the upload is cancelled and the caller pushes the staged file whole.
 */
export async function pushWhileWritten(client: RegistryClient, w: StoredFileWrite, signal: AbortSignal): Promise<Followed> {
  let upload: Promise<ChunkedUpload> | undefined;
  try {
    const followed = await followFile(w, {
      partSize: () => CHUNK,
      inFlight: 1,
      signal,
      send: async (index, data, last) => {
        if (index === 0 && last) {
          await client.pushBlob(`sha256:${createHash('sha256').update(data).digest('hex')}`, data.length, () => data);
          return;
        }
        upload ??= client.startChunkedUpload();
        await (await upload).chunk(data, signal);
      },
    });
    if (upload) await (await upload).finish(`sha256:${followed.sha256}`);
    return followed;
  } catch (err) {
    await upload?.then((u) => u.cancel()).catch(() => undefined);
    throw err;
  }
}
