import { Transform, pipeline } from 'node:stream';
import type { ObjectBackend } from '../object/backend.ts';
import { ObjectReader } from '../object/reader.ts';
import type { RegistryClient } from './client.ts';

/**
 * A blob read front to back as it downloads (for restoreStreamed, or into a file): the object
 * stores' ObjectReader, which resumes a download that breaks from the byte reached, over the
 * registry's blob GET. Blobs are addressed by digest, so a resumed read needs no version pin; a
 * registry that ignores the range sends the blob from its start, and the bytes already read are
 * dropped here. What the bytes are is proven downstream (the snapshot manifest's sha256, or the
 * blob's digest).
 */
export function blobReader(client: RegistryClient, digest: string, size: number, label: string): ObjectReader {
  return new ObjectReader(blobGetter(client, size), digest, size, label);
}

function blobGetter(client: RegistryClient, expected: number): Pick<ObjectBackend, 'get'> {
  return {
    get: async (digest, opts = {}) => {
      const start = opts.start ?? 0;
      const { res, partial } = await client.blob(digest, start);
      const total = partial ? /\/(\d+)\s*$/.exec(String(res.headers['content-range'] ?? ''))?.[1] : res.headers['content-length'];
      const body = !partial && start > 0 ? pipeline(res, skip(start), () => undefined) : res;
      return { body, size: total === undefined ? expected : Number(total) };
    },
  };
}

/** Drops the first `n` bytes of a stream. */
function skip(n: number): Transform {
  let left = n;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const drop = Math.min(left, chunk.length);
      left -= drop;
      done(null, drop === chunk.length ? undefined : chunk.subarray(drop));
    },
  });
}
