import { promises as fsp } from 'node:fs';
import { SnapshotError, corrupt, oneLine } from '../../engine/common/errors.ts';
import type { ByteSource } from '../../engine/restore/zstd-restore.ts';
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
  private pos = 0;
  private etag: string | undefined;
  private chunks: AsyncIterator<Buffer> | undefined;
  private body: { destroy(): void } | undefined;
  private pending: Buffer = Buffer.alloc(0);
  private failures = 0;
  private readonly backend: Pick<ObjectBackend, 'get'>;
  private readonly key: string;
  private readonly size: number;
  private readonly label: string;
  private readonly signal: AbortSignal | undefined;

  constructor(backend: Pick<ObjectBackend, 'get'>, key: string, size: number, label: string, signal?: AbortSignal) {
    this.backend = backend;
    this.key = key;
    this.size = size;
    this.label = label;
    this.signal = signal;
  }

  async read(buf: Buffer, offset: number, length: number): Promise<number> {
    while (this.pending.length === 0) {
      if (this.pos >= this.size) return 0;
      await this.fill();
    }
    const n = Math.min(length, this.pending.length);
    this.pending.copy(buf, offset, 0, n);
    this.pending = this.pending.subarray(n);
    return n;
  }

  /** Stops the download (a reader that will not read on). */
  close(): void {
    this.body?.destroy();
    this.body = undefined;
    this.chunks = undefined;
  }

  private async fill(): Promise<void> {
    try {
      if (!this.chunks) await this.open();
      const next = await (this.chunks as AsyncIterator<Buffer>).next();
      if (next.done) throw Object.assign(new Error(`the response ended at byte ${this.pos} of ${this.size}`), { code: 'ECONNRESET' });
      // Never past the size the manifest gives: an object that grew would otherwise be read whole.
      const chunk = next.value.length > this.size - this.pos ? next.value.subarray(0, this.size - this.pos) : next.value;
      this.pending = chunk;
      this.pos += chunk.length;
    } catch (err) {
      this.close();
      const retriable = err instanceof ObjectStoreError ? err.retriable : !(err instanceof SnapshotError) && retriableNetwork(err);
      if (!retriable && err instanceof SnapshotError) throw err;
      if (this.signal?.aborted || !retriable || ++this.failures >= ATTEMPTS) {
        throw corrupt(`${this.label}: the download was cut short or failed (${redact(oneLine(err))}); nothing was restored, try again`);
      }
      await new Promise((r) => setTimeout(r, backoff(this.failures)));
    }
  }

  private async open(): Promise<void> {
    const got = await this.backend.get(this.key, { start: this.pos, ...(this.etag ? { etag: this.etag } : {}), ...(this.signal ? { signal: this.signal } : {}) });
    if (got.size !== this.size) {
      got.body.destroy();
      throw corrupt(`${this.label}: the stored object is ${got.size} bytes but the manifest says ${this.size}; the generation is damaged, restore another one`);
    }
    this.etag ??= got.etag;
    this.body = got.body;
    this.chunks = (got.body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }
}

/** An object downloaded to a private file (resumed as ObjectReader resumes); checked by whoever reads it. */
export async function downloadToFile(backend: ObjectBackend, key: string, size: number, file: string, label: string): Promise<void> {
  const reader = new ObjectReader(backend, key, size, label);
  const fh = await fsp.open(file, 'wx');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = await reader.read(buf, 0, buf.length);
      if (n === 0) break;
      await fh.write(buf, 0, n);
    }
  } finally {
    reader.close();
    await fh.close();
  }
}
