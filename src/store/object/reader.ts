import { promises as fsp } from 'node:fs';
import { SnapshotError, corrupt, oneLine } from '../../engine/common/errors.ts';
import type { Manifest } from '../../engine/manifest/manifest.ts';
import type { ByteSource } from '../../engine/restore/zstd-restore.ts';
import { ChunkReader } from '../chunk-reader.ts';
import { type ObjectBackend, ObjectStoreError, redact, retriableNetwork } from './backend.ts';
import { ATTEMPTS, backoff } from './retry.ts';

/**
 * An object read front to back as it downloads, for a restore that decodes while the data
 * arrives (restoreStreamed). A connection dropped or a response cut short midway is not the end:
 * the read resumes from the byte reached with a ranged GET pinned to the same version (its ETag),
 * a few times with back-off, so a long download survives a flaky network without starting over.
 * The object must be exactly `size` bytes (the manifest's storedSize); its bytes are proven by the
 * manifest's sha256 downstream, so damage in transit is refused there, with the target untouched.
 */
export class ObjectReader implements ByteSource {
  private readonly chunks: AsyncGenerator<Buffer>;
  private readonly reader: ChunkReader;

  /** `backend`: anything that gets an object's bytes from a byte on (a registry's blobs too: ../oci/blob-reader.ts). */
  constructor(backend: Pick<ObjectBackend, 'get'>, key: string, size: number, label: string, signal?: AbortSignal) {
    this.chunks = resumingChunks(backend, key, size, label, signal);
    this.reader = new ChunkReader(this.chunks, (where) => corrupt(`${label}: ${where}`));
  }

  /**
   * As much of `length` as the object still holds, as a file read gives it: the decoder keeps one
   * large read buffer per read, so handing it each network chunk (~64 KiB) alone would hold far
   * more memory and copy its carried bytes over for every chunk.
   */
  async read(buf: Buffer, offset: number, length: number): Promise<number> {
    let got = 0;
    while (got < length) {
      const n = await this.reader.read(buf, offset + got, length - got);
      if (n === 0) break;
      got += n;
    }
    return got;
  }

  /** Stops the download (a reader that will not read on). */
  async close(): Promise<void> {
    await this.chunks.return(undefined);
  }
}

/** The object's bytes as they arrive, `size` of them in all, resumed where a response stopped short. */
async function* resumingChunks(backend: Pick<ObjectBackend, 'get'>, key: string, size: number, label: string, signal?: AbortSignal): AsyncGenerator<Buffer> {
  let pos = 0;
  let etag: string | undefined;
  for (let failures = 0; pos < size; ) {
    try {
      const got = await backend.get(key, { start: pos, ...(etag ? { etag } : {}), ...(signal ? { signal } : {}) });
      try {
        if (got.size !== size) throw corrupt(`${label}: the stored object is ${got.size} bytes but the manifest says ${size}; the generation is damaged, restore another one`);
        etag ??= got.etag;
        for await (const c of got.body as AsyncIterable<Buffer>) {
          // Never past the size the manifest gives: an object that grew would otherwise be read whole.
          const chunk = c.length > size - pos ? c.subarray(0, size - pos) : c;
          pos += chunk.length;
          yield chunk;
          // Asked for the next chunk: the consumer is done with this one (ChunkReader copies a chunk
          // out whole before it pulls another; downloadToFile has written it).
          release(c);
          if (pos >= size) return;
        }
      } finally {
        got.body.destroy();
      }
      throw Object.assign(new Error(`the response ended at byte ${pos} of ${size}`), { code: 'ECONNRESET' });
    } catch (err) {
      const retriable = err instanceof ObjectStoreError ? err.retriable : !(err instanceof SnapshotError) && retriableNetwork(err);
      if (!retriable && err instanceof SnapshotError) throw err;
      if (signal?.aborted || !retriable || ++failures >= ATTEMPTS) {
        throw corrupt(`${label}: the download was cut short or failed (${redact(oneLine(err))}); nothing was restored, try again`);
      }
      await new Promise((r) => setTimeout(r, backoff(failures)));
    }
  }
}

/**
 * Gives a network chunk's memory back at once instead of at the next GC. Each chunk the HTTP
 * client hands over is a buffer of its own (a copy of one socket read, ~16-64 KiB), and V8 frees
 * those only when a scavenge finds them dead: during a streamed restore, which allocates little
 * on the JS heap, tens of MiB of them piled up between scavenges and fragmented the process's
 * heap (64 MiB database, peak anonymous memory: Azurite 127-133 MiB -> 113-117, s3rver ~4 MiB
 * less). Only a chunk that spans its whole ArrayBuffer is freed: a view into a shared one (Node's
 * pool of small buffers) must not be.
 */
function release(chunk: Buffer): void {
  const ab = chunk.buffer;
  if (ab instanceof ArrayBuffer && !ab.detached && chunk.byteOffset === 0 && chunk.byteLength === ab.byteLength && ab.byteLength >= 8192) ab.transfer(0);
}

/**
 * A snapshot's data files, read one after the other as they download (restoreStreamed's `files`):
 * `keyOf` names each file's object. `close` ends whatever download is still open.
 */
export function streamFiles(backend: ObjectBackend, manifest: Manifest, keyOf: (file: string) => string, labelOf: (file: string) => string): { files: AsyncGenerator<{ file: string; source: ByteSource }>; close(): Promise<void> } {
  const controller = new AbortController();
  const readers: ObjectReader[] = [];
  const files = async function* (): AsyncGenerator<{ file: string; source: ByteSource }> {
    for (const e of manifest.databases) {
      // One not read to its end is skipped when the next is asked for: stop its download.
      await readers.at(-1)?.close();
      const source = new ObjectReader(backend, keyOf(e.file), e.storedSize, labelOf(e.file), controller.signal);
      readers.push(source);
      yield { file: e.file, source };
    }
  };
  return {
    files: files(),
    close: async () => {
      controller.abort();
      for (const r of readers) await r.close();
    },
  };
}

/** An object downloaded to a private file (resumed as ObjectReader resumes); checked by whoever reads it. */
export async function downloadToFile(backend: ObjectBackend, key: string, size: number, file: string, label: string): Promise<void> {
  const fh = await fsp.open(file, 'wx');
  try {
    for await (const chunk of resumingChunks(backend, key, size, label)) await fh.write(chunk);
  } finally {
    await fh.close();
  }
}
