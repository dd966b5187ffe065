import { Readable } from 'node:stream';
import { SnapshotError } from '../../engine/common/errors.ts';
import type { StoredFileWrite } from '../../engine/snapshot/options.ts';
import type { PartedUpload } from './backend.ts';
import { type Followed, followFile } from './follow.ts';
import type { ObjectIO } from './io.ts';
import { withRetries } from './retry.ts';

/** Parts being sent at once: with the one filling and the one held back (follow.ts), 4 parts in memory. */
const PARTS_IN_FLIGHT = 2;

/**
 * Part sizes for a file whose size is not known until it is whole: the service's smallest part,
 * doubled after each tenth of its part count, so any file fits (S3: 5 MiB parts up to 4.9 GiB,
 * 10 MiB to 9.8 GiB more, and so on; 5 TB in all) while memory stays at a few small parts for the
 * sizes most databases have.
 */
export function growingPartSize(parts: { size: number; max: number }): (index: number) => number {
  const step = Math.max(1, Math.floor(parts.max / 10));
  return (index) => parts.size * 2 ** Math.floor(index / step);
}

/**
 * Uploads a stored file to `key` while the engine writes it (follow.ts): a file that ends within
 * its first part goes as one PUT, a larger one as a parted upload (backend.startUpload), each part
 * retried with back-off. Resolves with the size and sha256 of what was sent, for the caller to
 * compare with the manifest; on failure the parted upload is aborted and nothing is visible.
 */
export async function putWhileWritten(io: ObjectIO, key: string, w: StoredFileWrite, signal: AbortSignal): Promise<Followed> {
  const { backend } = io;
  const where = `${io.description}/${key}`;
  let upload: Promise<PartedUpload> | undefined;
  try {
    const followed = await followFile(w, {
      partSize: growingPartSize(backend.parts),
      inFlight: PARTS_IN_FLIGHT,
      signal,
      send: async (index, data, last) => {
        if (index === 0 && last) {
          // Not cut in flight, as io.putSmall: a discard must come after the service stored it.
          await withRetries(`uploading ${where}`, () => backend.put(key, { size: data.length, open: () => Readable.from([data]) }), signal);
          return;
        }
        upload ??= withRetries(`starting the upload of ${where}`, () => backend.startUpload(key), signal);
        const parted = await upload;
        await withRetries(`uploading part ${index + 1} of ${where}`, () => parted.part(index, data, signal), signal);
      },
    });
    if (upload) {
      const parted = await upload;
      await withRetries(
        `finishing the upload of ${where}`,
        async (attempt) => {
          try {
            await parted.complete();
          } catch (err) {
            // A retried completion whose first try landed finds the upload gone: the object is there.
            if (attempt > 1 && err instanceof SnapshotError && err.kind === 'not-found' && (await backend.head(key))?.size === followed.size) return;
            throw err;
          }
        },
        signal,
      );
    }
    return followed;
  } catch (err) {
    await upload?.then((u) => u.abort()).catch(() => undefined);
    throw err;
  }
}
